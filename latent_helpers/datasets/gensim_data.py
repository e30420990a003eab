"""gensim's bundled test data: the one way the course finds a file in it.

gensim ships small corpora and evaluation sets with its tests (``gensim/test/test_data/``); the course
reads them offline. :func:`gensim_test_file` locates one by name and says what to do when it is not
there; the names the course reads are the constants below.
"""
from __future__ import annotations

from pathlib import Path

from ..validation import short_repr

#: gensim's Wikipedia excerpt: 206 pages of an English Wikipedia dump (the articles starting with A)
WIKI_EXCERPT = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
#: the Lee corpus: 300 ABC news documents (background), and the 50 of the similarity study (test), one a line
LEE_BACKGROUND = "lee_background.cor"
LEE_TEST = "lee.cor"
#: 200 posts of two newsgroups, a zlib-compressed pickle of a scikit-learn Bunch
MINI_NEWSGROUP = "mini_newsgroup"
WORDSIM353 = "wordsim353.tsv"
SIMLEX999 = "simlex999.txt"
GOOGLE_ANALOGIES = "questions-words.txt"


def gensim_test_file(name: str) -> Path:
    """The path of a file in gensim's bundled test data (``gensim/test/test_data/``).

    >>> gensim_test_file("wordsim353.tsv").name
    'wordsim353.tsv'
    """
    from gensim.test.utils import datapath

    if not isinstance(name, str) or not name or "/" in name or "\\" in name:
        raise ValueError(f"name must be the name of a file in gensim's test data, such as 'wordsim353.tsv', "
                         f"got {short_repr(name)}")
    path = Path(datapath(name))
    if not path.is_file():
        raise FileNotFoundError(f"{name} is not in gensim's test data ({path.parent}); is gensim installed in full "
                                "(pip install gensim==4.4.0)?")
    return path


__all__ = ["GOOGLE_ANALOGIES", "LEE_BACKGROUND", "LEE_TEST", "MINI_NEWSGROUP", "SIMLEX999", "WIKI_EXCERPT",
           "WORDSIM353", "gensim_test_file"]
