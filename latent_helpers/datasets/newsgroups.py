"""Newsgroup posts for topic models (notebook 08): gensim's 200 posts offline, the full 20 Newsgroups online.

- :func:`load_mini_newsgroups`: 200 posts from two newsgroups of 20 Newsgroups (alt.atheism,
  sci.space), from gensim's test data. gensim stores them as a pickle, read here only with
  :class:`~latent_helpers.datasets.safe_pickle.RestrictedUnpickler` (plain data, never code);
- :func:`load_20newsgroups`: the optional online extra, the full 20 Newsgroups through scikit-learn's
  downloader, only with ``download=True``, failing at once with a clear message when offline;
- :func:`strip_newsgroup_post`: a post without the header that names its group, quotes and signature.
"""
from __future__ import annotations

import os
import re
from typing import Any, Sequence

import numpy as np

from ..validation import as_bool, as_path, positive_int, short_repr
from . import online
from .corpora import Corpus
from .gensim_data import MINI_NEWSGROUP, gensim_test_file
from .online import OfflineError
from .safe_pickle import read_pickle_restricted

# ------------------------------------------------------------------------ cleaning newsgroup posts
_QUOTE = re.compile(r"^\s*[>|:]|^In article|^Quoted from|(writes|wrote|says|said)( in [^:]*)?:\s*$"
                    r"|^(From|To|Subject|Newsgroups|Message-ID|Organization|Lines|Date|Path|Reply-To|Sender|References"
                    r"|Distribution|Keywords|Summary|NNTP-Posting-Host|X-[\w-]+):", re.IGNORECASE)


def strip_newsgroup_post(text: str) -> str:
    """A newsgroup post without its header block, quoted lines and signature.

    The header (``From:``, ``Subject:``, ``Newsgroups:``...) ends at the first blank line; it names
    the newsgroup, so a model that kept it would be handed the label; header lines of posts forwarded
    inside the body go too. Quoted lines (starting with ``>``, ``|`` or ``:``, and "... writes:"
    attributions) repeat other posts. The signature follows the last line that is just ``--``.

    >>> strip_newsgroup_post("Newsgroups: sci.space\\nSubject: hi\\n\\nJoe writes:\\n> old\\nNew text.\\n--\\nJoe")
    'New text.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    _, blank, body = text.partition("\n\n")
    if not blank:   # no header block at all
        body = text
    lines = [line for line in body.split("\n") if not _QUOTE.search(line)]
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() == "--":
            lines = lines[:i]
            break
    return "\n".join(lines).strip()


def _bunch_to_corpus(bunch: Any, name: str, clean: bool, min_words: int) -> Corpus:
    """Check a Bunch-like mapping holds texts, labels and label names, then make a Corpus."""
    if not isinstance(bunch, dict):
        raise ValueError(f"{name}: expected a Bunch (a dict with data, target, target_names), got "
                         f"{type(bunch).__name__}")
    missing = [k for k in ("data", "target", "target_names") if k not in bunch]
    if missing:
        raise ValueError(f"{name}: the Bunch lacks {', '.join(missing)}")
    data, target, names = bunch["data"], np.asarray(bunch["target"]), bunch["target_names"]
    if not isinstance(data, (list, tuple)) or not all(isinstance(t, str) for t in data):
        raise ValueError(f"{name}: data must be a list of texts")
    if target.ndim != 1 or len(target) != len(data) or not np.issubdtype(target.dtype, np.integer):
        raise ValueError(f"{name}: target must hold one whole-number label per text ({len(data)}), got "
                         f"shape {target.shape} and dtype {target.dtype}")
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"{name}: target_names must be a list of names")
    if len(target) and (target.min() < 0 or target.max() >= len(names)):
        raise ValueError(f"{name}: labels run from {target.min()} to {target.max()} but there are "
                         f"{len(names)} target_names")
    texts = [strip_newsgroup_post(t) if clean else t for t in data]
    keep = [i for i, t in enumerate(texts) if len(t.split()) >= min_words]
    return Corpus(tuple(texts[i] for i in keep), target[keep].astype(np.int64), tuple(names), name)


def load_mini_newsgroups(clean: bool = True, min_words: int = 0,
                         path: str | os.PathLike | None = None) -> Corpus:
    """gensim's mini_newsgroup: 200 posts of 20 Newsgroups, 100 from alt.atheism and 100 from
    sci.space, labelled 0 and 1. Read with :class:`RestrictedUnpickler`, never as a plain pickle.

    ``clean=True`` strips headers, quotes and signatures (:func:`strip_newsgroup_post`);
    ``min_words`` drops posts left with fewer words; ``path`` reads another file of the same format
    (a zlib-compressed or plain pickle of a Bunch with ``data``, ``target``, ``target_names``).

    >>> posts = load_mini_newsgroups()
    >>> len(posts), posts.label_names
    (200, ('alt.atheism', 'sci.space'))
    """
    clean = as_bool(clean, "clean")
    min_words = positive_int(min_words, "min_words", minimum=0)
    file = gensim_test_file(MINI_NEWSGROUP) if path is None else as_path(path, "path")
    return _bunch_to_corpus(read_pickle_restricted(file), "mini_newsgroup" if path is None else file.name,
                            clean, min_words)


# -------------------------------------------------------------------------- optional, online extra
_20NG_CACHE = "20news-bydate_py3.pkz"   # the file scikit-learn's fetch_20newsgroups writes into data_home


def load_20newsgroups(subset: str = "train", categories: Sequence[str] | None = None,
                      data_home: str | os.PathLike = "~/scikit_learn_data", download: bool = False,
                      clean: bool = True, min_words: int = 0) -> Corpus:
    """Optional extra, online: the full 20 Newsgroups (about 11,000 training posts, 20 groups).

    Nothing is downloaded unless ``download=True``; then scikit-learn's ``fetch_20newsgroups``
    fetches the archive (14 MB) into ``data_home`` and writes its cache file there. The cache is a
    compressed pickle, so it is read here with :class:`RestrictedUnpickler` (plain data only), the
    same way as gensim's mini_newsgroup. ``categories`` keeps some groups only (labels are then
    renumbered 0, 1, ... in the order of ``categories``).

    Online only, so not run as a test:

    >>> news = load_20newsgroups(categories=["sci.space", "rec.autos"], download=True)   # doctest: +SKIP
    """
    if not isinstance(subset, str) or subset not in ("train", "test"):
        raise ValueError(f"subset must be 'train' or 'test', got {short_repr(subset)}")
    download = as_bool(download, "download")
    clean = as_bool(clean, "clean")
    min_words = positive_int(min_words, "min_words", minimum=0)
    if categories is not None:
        if isinstance(categories, (str, bytes)) or not isinstance(categories, Sequence) or not categories \
                or not all(isinstance(c, str) for c in categories):
            raise TypeError(f"categories must be a non-empty list of newsgroup names, got {short_repr(categories)}")
    home = as_path(data_home, "data_home")
    cache = home / _20NG_CACHE
    if not cache.is_file():
        if not download:
            raise FileNotFoundError(
                f"20 Newsgroups is not in data_home={str(home)!r} (no {_20NG_CACHE}). This is an optional online extra: call "
                f"load_20newsgroups(download=True) with an internet connection, or use load_mini_newsgroups(), "
                f"which ships with gensim and works offline.")
        if not online.is_online():
            raise OfflineError("Cannot download 20 Newsgroups: no internet connection. The course works offline "
                               "with load_mini_newsgroups(); try this extra again when you are online.")
        from sklearn.datasets import fetch_20newsgroups

        try:
            fetch_20newsgroups(data_home=str(home), subset=subset, download_if_missing=True)
        except Exception as exc:
            raise OfflineError(f"Downloading 20 Newsgroups into {home} failed: {exc}") from exc
    both = read_pickle_restricted(cache)
    if not isinstance(both, dict) or subset not in both:
        raise ValueError(f"data_home: {cache} does not hold the train and test parts of 20 Newsgroups")
    corpus = _bunch_to_corpus(both[subset], f"20 Newsgroups ({subset})", clean, min_words)
    if categories is None:
        return corpus
    unknown = [c for c in categories if c not in corpus.label_names]
    if unknown:
        raise ValueError(f"categories: unknown newsgroups {unknown}; known: {list(corpus.label_names)}")
    new_label = {corpus.label_names.index(c): i for i, c in enumerate(categories)}
    keep = [i for i, y in enumerate(corpus.labels) if int(y) in new_label]
    labels = np.array([new_label[int(corpus.labels[i])] for i in keep], dtype=np.int64)
    return Corpus(tuple(corpus.texts[i] for i in keep), labels, tuple(categories), corpus.name)


__all__ = ["load_20newsgroups", "load_mini_newsgroups", "strip_newsgroup_post"]
