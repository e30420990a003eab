"""Text corpora for topic models (notebook 08), offline, and the held-out split that scores them.

Everything in a default path reads files that ship inside gensim (its test data, located with
``gensim.test.utils.datapath``):

- :func:`load_lee`: the Lee corpus of news articles from the Australian Broadcasting Corporation
  (300 "background" articles, or the 50 articles of the similarity study);
- :func:`load_mini_newsgroups`: 200 posts from two newsgroups of 20 Newsgroups (alt.atheism,
  sci.space). gensim stores them as a zlib-compressed *pickle* of a scikit-learn ``Bunch``. A pickle
  can run any code while it loads, so it is read only by :class:`RestrictedUnpickler`, which
  allows the few container classes such a file needs and refuses everything else.

:func:`document_completion_split` splits each document's words into an observed part and a held-out
part (the "document completion" protocol of held-out perplexity). :func:`load_20newsgroups` is the
optional online extra: the full 20 Newsgroups through scikit-learn's downloader, only with
``download=True``, failing at once with a clear message when offline.
"""
from __future__ import annotations

import copyreg
import io
import os
import pickle
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ._validate import _short, as_bool, as_seed, positive_int

#: the biggest decompressed pickle the reader accepts (gensim's mini_newsgroup is 0.56 MB; the
#: full 20 Newsgroups cache about 60 MB): a guard against a small file that inflates without end
MAX_PICKLE_BYTES = 200 * 2 ** 20


@dataclass(frozen=True)
class Corpus:
    """Documents as text, with a class label per document when the corpus has them.

    ``texts``: tuple of str; ``labels``: int64 array (n,) or None; ``label_names``: the name of each
    label value (``label_names[labels[i]]``); ``name``: where the corpus comes from.
    """

    texts: tuple[str, ...]
    labels: np.ndarray | None
    label_names: tuple[str, ...]
    name: str

    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        words = sum(len(t.split()) for t in self.texts)
        labelled = "" if self.labels is None else ", labels " + ", ".join(
            f"{n} ({int((self.labels == k).sum())})" for k, n in enumerate(self.label_names))
        return f"Corpus({self.name!r}: {len(self)} documents, {words:,} words{labelled})"


# ---------------------------------------------------------------------------------- the Lee corpus
_LEE_FILES = {"background": "lee_background.cor", "test": "lee.cor"}


def _gensim_datapath(name: str) -> Path:
    from gensim.test.utils import datapath

    return Path(datapath(name))


def load_lee(which: str = "background", path: str | os.PathLike | None = None) -> Corpus:
    """The Lee news corpus that ships with gensim: one article per line, no labels.

    ``which="background"``: 300 articles (``lee_background.cor``); ``"test"``: the 50 articles whose
    pairwise similarity people rated in Lee, Pincombe and Welsh (2005) (``lee.cor``). ``path``
    reads another file of the same format (one document per line; blank lines are skipped).

    >>> lee = load_lee()
    >>> len(lee), lee.labels is None
    (300, True)
    """
    if not isinstance(which, str) or which not in _LEE_FILES:
        raise ValueError(f"which must be one of {sorted(_LEE_FILES)}, got {_short(which)}")
    file = _gensim_datapath(_LEE_FILES[which]) if path is None else _as_path(path, "path")
    if not file.is_file():
        raise FileNotFoundError(f"path: no file at {file}" + (" (is gensim installed?)" if path is None else ""))
    with open(file, encoding="latin-1") as f:   # gensim reads these files as latin-1 too
        texts = tuple(line.strip() for line in f if line.strip())
    return Corpus(texts, None, (), f"Lee corpus ({which})" if path is None else file.name)


def _as_path(path: Any, name: str) -> Path:
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, str) and not path.strip():
        raise TypeError(f"{name} must be a file path (text or pathlib.Path), got {_short(path)}")
    return Path(path).expanduser()


# ------------------------------------------------------------------------- reading pickles safely
class RefusedPickle(pickle.UnpicklingError):
    """A pickle asked for a class or function the restricted reader does not build."""


def _bunch_class():
    from sklearn.utils import Bunch

    return Bunch


def _safe_reconstructor(cls, base, state):
    """``copyreg._reconstructor`` (how Python 2 pickled a dict subclass), for a Bunch built on a dict only."""
    if cls is not _bunch_class() or base is not dict:
        raise RefusedPickle(f"refused: rebuilding {_short(cls)} on {_short(base)} (only a Bunch on a dict)")
    return copyreg._reconstructor(cls, base, state)


def _plain_dtype(dtype: np.dtype) -> np.dtype:
    if dtype.hasobject:
        raise RefusedPickle("refused: an array of Python objects (only numbers and text are allowed)")
    return dtype


def _safe_dtype(*args):
    return _plain_dtype(np.dtype(*args))


_ARRAY_RECONSTRUCT = np.zeros(1).__reduce__()[0]   # numpy's own _reconstruct, wherever numpy keeps it


def _safe_array_reconstruct(subtype, shape, dtype):
    if subtype is not np.ndarray:
        raise RefusedPickle(f"refused: an array of class {_short(subtype)} (only numpy.ndarray)")
    return _ARRAY_RECONSTRUCT(subtype, shape, dtype)


def _safe_frombuffer(buffer, dtype, shape, order):
    """Protocol-5 pickles rebuild arrays from a byte buffer: plain dtypes only."""
    arr = np.frombuffer(buffer, dtype=_plain_dtype(np.dtype(dtype)))
    return arr.reshape(shape, order=order)


def _safe_latin1_bytes(text, encoding="latin1"):
    """How Python 3 writes bytes in protocols 0-2: ``_codecs.encode(text, "latin1")``; that codec only."""
    if not isinstance(text, str) or encoding not in ("latin1", "latin-1"):
        raise RefusedPickle(f"refused: _codecs.encode with {_short(encoding)} (only latin1 text to bytes)")
    return text.encode("latin1")


class RestrictedUnpickler(pickle.Unpickler):
    """A pickle reader that builds only plain data: dicts, lists, text, numbers, numpy arrays of
    numbers or text, and scikit-learn's ``Bunch``. Any other class or function a pickle names (the
    way a malicious pickle runs code: ``os.system``, ``eval``, ``subprocess.Popen``...) is refused
    with an ``UnpicklingError`` before anything runs.

    Accepted names cover both how Python 2 wrote them (``copy_reg``, ``__builtin__``,
    ``sklearn.datasets.base``, ``numpy.core``) and how Python 3 does.

    >>> import pickle, io, os
    >>> RestrictedUnpickler(io.BytesIO(pickle.dumps({"a": [1, 2]}))).load()
    {'a': [1, 2]}
    >>> class Evil:
    ...     def __reduce__(self):
    ...         return (os.system, ("echo hacked",))
    >>> try:
    ...     RestrictedUnpickler(io.BytesIO(pickle.dumps(Evil()))).load()
    ... except pickle.UnpicklingError as exc:
    ...     print(str(exc).split(":")[0])
    refused to load ...system
    """

    def __init__(self, file, *, encoding: str = "latin1"):
        # latin1: Python 2 wrote numpy's raw bytes as 8-bit strings; latin1 keeps each byte as it is
        super().__init__(file, encoding=encoding)

    def find_class(self, module: str, name: str):
        key = (module, name)
        if key in {("copy_reg", "_reconstructor"), ("copyreg", "_reconstructor")}:
            return _safe_reconstructor
        if key in {("__builtin__", "dict"), ("builtins", "dict")}:
            return dict
        if key in {("__builtin__", "list"), ("builtins", "list")}:
            return list
        if name == "Bunch" and module in {"sklearn.datasets.base", "sklearn.utils", "sklearn.utils._bunch"}:
            return _bunch_class()
        if name == "_reconstruct" and module in {"numpy.core.multiarray", "numpy._core.multiarray"}:
            return _safe_array_reconstruct
        if name == "_frombuffer" and module in {"numpy.core.numeric", "numpy._core.numeric"}:
            return _safe_frombuffer
        if key == ("_codecs", "encode"):
            return _safe_latin1_bytes
        if key == ("numpy", "ndarray"):
            return np.ndarray
        if key == ("numpy", "dtype"):
            return _safe_dtype
        if module in {"numpy", "numpy.dtypes"} and re.fullmatch(r"(Int|UInt|Float|Bool|Str|Bytes)\d*DType", name):
            return getattr(np.dtypes, name)   # numpy 2 names a dtype's class when pickling it
        raise RefusedPickle(f"refused to load {module}.{name}: this reader builds only plain data "
                                     "(dicts, lists, text, numbers, numpy arrays, Bunch)")


def read_pickle_restricted(path: str | os.PathLike) -> Any:
    """Read a pickle (plain, or zlib-compressed as gensim and scikit-learn store theirs) with
    :class:`RestrictedUnpickler`: plain data only, never code.

    Raises :class:`RefusedPickle` (a ``pickle.UnpicklingError``) naming what it refused, ``ValueError``
    for a file that is not a pickle, is cut short, or inflates beyond ``MAX_PICKLE_BYTES``.
    """
    file = _as_path(path, "path")
    if not file.is_file():
        raise FileNotFoundError(f"path: no file at {file}")
    raw = file.read_bytes()
    if raw[:1] == b"\x78":   # zlib's first byte (a pickle starts with 0x80 or an opcode such as '(' or 'c')
        inflate = zlib.decompressobj()
        try:
            raw = inflate.decompress(raw, MAX_PICKLE_BYTES + 1)
        except zlib.error as exc:
            raise ValueError(f"path: {file.name} looks zlib-compressed but does not inflate ({exc})") from exc
        if len(raw) > MAX_PICKLE_BYTES or inflate.unconsumed_tail:
            raise ValueError(f"path: {file.name} inflates to more than {MAX_PICKLE_BYTES // 2 ** 20} MB; refused")
    try:
        return RestrictedUnpickler(io.BytesIO(raw)).load()
    except RefusedPickle:
        raise
    except Exception as exc:   # truncated or not a pickle at all
        raise ValueError(f"path: {file.name} is not a readable pickle ({type(exc).__name__}: {exc})") from exc


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
    file = _gensim_datapath("mini_newsgroup") if path is None else _as_path(path, "path")
    return _bunch_to_corpus(read_pickle_restricted(file), "mini_newsgroup" if path is None else file.name,
                            clean, min_words)


# --------------------------------------------------------------------- the held-out split of words
def document_completion_split(X, observed_share: float = 0.5, seed: int = 0):
    """Split every document's words in two: ``(X_observed, X_heldout)``, with ``X_observed + X_heldout == X``.

    ``X`` is a document-term count matrix (scipy sparse or dense, ``(n_docs, n_words)``, whole
    counts). Each document's word *occurrences* are shuffled (seeded) and the first
    ``round(observed_share * n)`` go to the observed part, the rest to the held-out part: a model
    infers the document's topics from the observed words and is scored on the held-out ones
    ("document completion"). Returns two scipy CSR matrices of float64 counts.

    >>> import numpy as np
    >>> obs, held = document_completion_split(np.array([[2, 0, 2], [1, 1, 0]]), seed=0)
    >>> (obs + held).toarray().astype(int).tolist(), obs.sum(1).A1.tolist()
    ([[2, 0, 2], [1, 1, 0]], [2.0, 1.0])
    """
    import scipy.sparse as sp

    if isinstance(observed_share, (bool, np.bool_)) or not isinstance(observed_share, (int, float, np.floating)) \
            or not 0.0 < float(observed_share) < 1.0:
        raise ValueError(f"observed_share must be a number between 0 and 1 (exclusive), got {_short(observed_share)}")
    seed = as_seed(seed)
    if sp.issparse(X):
        M = sp.csr_matrix(X, dtype=np.float64)
    else:
        if hasattr(X, "detach"):
            X = X.detach().cpu().numpy()
        if isinstance(X, (str, bytes)) or X is None or isinstance(X, (dict, set)):
            raise TypeError(f"X must be a document-term count matrix (sparse or an array), got {type(X).__name__}")
        try:
            dense = np.asarray(X, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"X must be a document-term count matrix of numbers: {exc}") from None
        if dense.ndim != 2:
            raise ValueError(f"X must be 2-D (documents x words), got shape {dense.shape}")
        M = sp.csr_matrix(dense)
    M.sum_duplicates()
    if M.shape[0] == 0 or M.shape[1] == 0:
        raise ValueError(f"X is empty (shape {M.shape}); expected documents and words")
    counts = M.data
    if not np.all(np.isfinite(counts)) or np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("X must hold whole, non-negative counts (a bag of words, not tf-idf weights)")
    rng = np.random.default_rng(seed)
    observed = np.zeros_like(counts)
    for d in range(M.shape[0]):
        start, end = M.indptr[d], M.indptr[d + 1]
        slots = np.repeat(np.arange(start, end), counts[start:end].astype(np.int64))  # one entry per occurrence
        rng.shuffle(slots)
        n_obs = int(round(observed_share * len(slots)))
        if n_obs:
            observed += np.bincount(slots[:n_obs], minlength=len(counts))
    X_obs = sp.csr_matrix((observed, M.indices.copy(), M.indptr.copy()), shape=M.shape)
    X_held = sp.csr_matrix((counts - observed, M.indices.copy(), M.indptr.copy()), shape=M.shape)
    X_obs.eliminate_zeros()
    X_held.eliminate_zeros()
    return X_obs, X_held


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
    from .data import OfflineError, is_online

    if not isinstance(subset, str) or subset not in ("train", "test"):
        raise ValueError(f"subset must be 'train' or 'test', got {_short(subset)}")
    download = as_bool(download, "download")
    clean = as_bool(clean, "clean")
    min_words = positive_int(min_words, "min_words", minimum=0)
    if categories is not None:
        if isinstance(categories, (str, bytes)) or not isinstance(categories, Sequence) or not categories \
                or not all(isinstance(c, str) for c in categories):
            raise TypeError(f"categories must be a non-empty list of newsgroup names, got {_short(categories)}")
    home = _as_path(data_home, "data_home")
    cache = home / _20NG_CACHE
    if not cache.is_file():
        if not download:
            raise FileNotFoundError(
                f"20 Newsgroups is not in {home} (no {_20NG_CACHE}). This is an optional online extra: call "
                f"load_20newsgroups(download=True) with an internet connection, or use load_mini_newsgroups(), "
                f"which ships with gensim and works offline.")
        if not is_online():
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


__all__ = ["Corpus", "RefusedPickle", "load_lee", "load_mini_newsgroups", "load_20newsgroups", "document_completion_split",
           "strip_newsgroup_post", "read_pickle_restricted", "RestrictedUnpickler", "MAX_PICKLE_BYTES"]
