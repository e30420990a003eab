"""Word vectors and their standard scores (notebook 07): similarity with human judgements, analogies, GloVe.

==============================  ====================================================================
function                        what it gives
==============================  ====================================================================
:func:`word_vectors`            ``(vectors (n, d), words)`` from gensim ``KeyedVectors`` or an array
                                and its words, checked
:func:`unit_rows`               each vector divided by its length
:func:`similarity_spearman`     Spearman correlation of vector similarities with human scores, on the
                                pairs whose two words have vectors, with the coverage
:func:`analogy_accuracy`        3CosAdd accuracy on the questions whose four words have vectors
:func:`load_glove_file`         a GloVe (or word2vec) text file as gensim ``KeyedVectors``
:func:`load_glove`              optional, online: pretrained GloVe through gensim's downloader
==============================  ====================================================================

Word vectors are passed either as gensim ``KeyedVectors`` (anything with ``.vectors`` and
``.index_to_key``) or as an array ``(n, d)`` plus the list of its ``n`` words. The evaluation sets
(WordSim-353, SimLex-999, the Google analogies) are read by :mod:`latent_helpers.datasets.word_sets`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .datasets import online
from .datasets.gensim_data import gensim_test_file  # noqa: F401  (used by the examples)
from .datasets.online import OfflineError
from .datasets.word_sets import (
    Analogy,
    WordPair,
    load_google_analogies,
    load_wordsim353,
    read_analogies,
    read_word_pairs,
)
from .datasets.text_files import text_lines
from .validation import as_bool, as_float_array, as_path, positive_int, short_repr

#: where gensim's downloader keeps what it fetched (``GENSIM_DATA_DIR`` overrides it)
GENSIM_DATA_DIR = Path(os.environ.get("GENSIM_DATA_DIR", Path("~/gensim-data").expanduser()))


# ------------------------------------------------------------------------------- word vectors
def word_vectors(vectors: Any, words: Sequence[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """``(vectors (n, d) float32, words)`` from gensim ``KeyedVectors`` or from an array and its words.

    Checks that there is one word per row, that words are distinct strings and the vectors finite.

    >>> V, w = word_vectors([[1.0, 0.0], [0.0, 2.0]], ["cat", "dog"])
    >>> V.shape, w
    ((2, 2), ['cat', 'dog'])
    """
    if words is None:
        if not (hasattr(vectors, "vectors") and hasattr(vectors, "index_to_key")):
            raise TypeError("pass gensim KeyedVectors (with .vectors and .index_to_key), or an array of vectors "
                            f"and words=[...] naming its rows; got {type(vectors).__name__} without words")
        vectors, words = vectors.vectors, vectors.index_to_key
    V = as_float_array(vectors, "vectors", ndim=2)
    if isinstance(words, (str, bytes)) or not isinstance(words, (Sequence, np.ndarray)):
        raise TypeError(f"words must be a list of strings, one per row of vectors, got {short_repr(words)}")
    words = list(words)
    if len(words) != len(V):
        raise ValueError(f"words has {len(words)} entries but vectors has {len(V)} rows; they must match")
    for w in words:
        if not isinstance(w, str) or not w:
            raise TypeError(f"words must be non-empty strings, got {short_repr(w)}")
    if len(set(words)) != len(words):
        seen, dup = set(), None
        for w in words:
            if w in seen:
                dup = w
                break
            seen.add(w)
        raise ValueError(f"words must be distinct; {dup!r} appears more than once")
    return V, words


def unit_rows(V: np.ndarray) -> np.ndarray:
    """Each row divided by its length (rows of zeros stay zero).

    >>> np.round(unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).astype(float), 3).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    V = as_float_array(V, "V", ndim=2)  # one vector a row, finite numbers
    norms = np.linalg.norm(V, axis=1, keepdims=True)
    return V / np.where(norms > 0, norms, 1.0)


@dataclass(frozen=True)
class SimilarityScore:
    """Spearman correlation of model similarities with human scores, on the pairs the model covers."""

    spearman: float
    n_pairs: int      # pairs whose two words both have vectors (the ones scored)
    n_total: int      # pairs in the set
    distance: str = "cosine"

    @property
    def coverage(self) -> float:
        """Share of the set's pairs that were scored."""
        return self.n_pairs / self.n_total if self.n_total else 0.0

    def __str__(self) -> str:
        return f"Spearman {self.spearman:.3f} on {self.n_pairs} of {self.n_total} pairs ({self.coverage:.0%} covered)"


def _records(value: Any, name: str, what: str, read, record) -> list:
    """A file path read with ``read``, or a non-empty list of ``what`` each made into a record by ``record``."""
    if isinstance(value, (str, os.PathLike)):
        return read(as_path(value, name, must_exist=True))
    if isinstance(value, (bytes, dict)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a list of {what} or a file path, got {short_repr(value)}")
    out = [record(item) for item in value]
    if not out:
        raise ValueError(f"{name} is empty")
    return out


def _pair(p: Any) -> WordPair:
    if isinstance(p, (str, bytes)) or not isinstance(p, (Sequence, np.ndarray)) or len(p) != 3 \
            or not isinstance(p[0], str) or not isinstance(p[1], str):
        raise TypeError(f"pairs must hold (word1, word2, score) each, got {short_repr(p)}")
    try:
        score = float(p[2])
    except (TypeError, ValueError, OverflowError):
        raise TypeError(f"pairs: each score must be a number, got {short_repr(p)}") from None
    if isinstance(p[2], (bool, np.bool_)) or not np.isfinite(score):
        raise ValueError(f"pairs: each score must be a finite number, got {short_repr(p)}")
    return WordPair(p[0].lower(), p[1].lower(), score)


def similarity_spearman(vectors: Any, words: Sequence[str] | None = None, pairs: Any = None,
                        distance: str = "cosine") -> SimilarityScore:
    """Spearman correlation between the model's similarity of each pair and the human score.

    Only pairs whose two (lower-cased) words both have vectors are scored; the result says how
    many. ``pairs``: a list of ``(word1, word2, score)`` or a file path (default: WordSim-353).
    ``distance="cosine"`` (the standard) ranks pairs by cosine similarity; ``"euclidean"`` by minus
    the Euclidean distance (section 4 of notebook 07 compares the two). Same number as gensim's
    ``KeyedVectors.evaluate_word_pairs`` for cosine (a test checks this).

    >>> V = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> s = similarity_spearman(V, ["cat", "dog", "car"], [("cat", "dog", 9), ("cat", "car", 1), ("dog", "car", 2)])
    >>> round(s.spearman, 2), s.n_pairs
    (1.0, 3)
    """
    from scipy.stats import spearmanr

    V, words = word_vectors(vectors, words)
    pairs = load_wordsim353() if pairs is None else _records(pairs, "pairs", "(word1, word2, score)",
                                                             read_word_pairs, _pair)
    if not isinstance(distance, str) or distance not in ("cosine", "euclidean"):
        raise ValueError(f"distance must be 'cosine' or 'euclidean', got {short_repr(distance)}")
    index = {w: i for i, w in enumerate(words)}
    lower = {w.lower(): i for w, i in reversed(list(index.items()))}  # the first (most frequent) casing wins
    used = [(lower[p.a], lower[p.b], p.score) for p in pairs if p.a in lower and p.b in lower]
    if len(used) < 3:
        return SimilarityScore(float("nan"), len(used), len(pairs), distance)
    i, j, human = (np.array(col) for col in zip(*used))
    if distance == "cosine":
        U = unit_rows(V)
        model = np.einsum("nd,nd->n", U[i], U[j])
    else:
        model = -np.linalg.norm(V[i] - V[j], axis=1)
    rho = spearmanr(model, human).statistic
    return SimilarityScore(float(rho), len(used), len(pairs), distance)


@dataclass(frozen=True)
class AnalogyScore:
    """3CosAdd accuracy on the analogy questions whose four words have vectors (NaN when none has: 0.0 would
    claim every question was asked and missed)."""

    accuracy: float
    n_correct: int
    n_asked: int      # questions whose four words all have vectors
    n_total: int      # questions in the set
    by_section: dict = field(default_factory=dict)   # section -> (n_correct, n_asked)

    @property
    def coverage(self) -> float:
        return self.n_asked / self.n_total if self.n_total else 0.0

    def __str__(self) -> str:
        if not self.n_asked:
            return (f"no accuracy (NaN): none of the {self.n_total} questions has all four words in the vocabulary, "
                    "so none was asked")
        return (f"{self.accuracy:.1%} right ({self.n_correct} of {self.n_asked} questions in the vocabulary; "
                f"{self.n_total} in the set)")


def _question(q: Any) -> Analogy:
    if isinstance(q, (str, bytes)) or not isinstance(q, (Sequence, np.ndarray)) or len(q) not in (4, 5) \
            or not all(isinstance(w, str) for w in q):
        raise TypeError(f"questions must hold four words (a, b, c, d) each, optionally after a section, "
                        f"got {short_repr(q)}")
    return Analogy(*q) if len(q) == 5 else Analogy("", *q)


def analogy_accuracy(vectors: Any, words: Sequence[str] | None = None, questions: Any = None,
                     restrict: int | None = None) -> AnalogyScore:
    """Share of analogy questions "a is to b as c is to d" answered right by 3CosAdd.

    The answer is the word whose vector has the largest cosine with b − a + c (all three as unit
    vectors), among all words but a, b and c: Mikolov et al.'s rule, as in gensim's
    ``evaluate_word_analogies`` (a test checks they agree). Only questions whose four words have
    vectors are asked; with ``restrict=n`` only the ``n`` first (most frequent) words count, as
    candidates and as question words. ``questions``: a list of ``(a, b, c, d)`` (or
    :class:`Analogy`) or a file path (default: the Google questions).

    >>> V = np.array([[1.0, 0.0, 0.1], [1.0, 1.0, 0.0], [-1.0, 0.0, 0.1], [-1.0, 1.0, 0.0]])
    >>> analogy_accuracy(V, ["man", "king", "woman", "queen"], [("man", "king", "woman", "queen")]).accuracy
    1.0
    """
    V, words = word_vectors(vectors, words)
    questions = load_google_analogies() if questions is None else _records(
        questions, "questions", "(a, b, c, d)", read_analogies, _question)
    if restrict is not None:
        restrict = positive_int(restrict, "restrict")
        V, words = V[:restrict], words[:restrict]
    index: dict[str, int] = {}
    for i, w in enumerate(words):
        index.setdefault(w.lower(), i)
    lowered = [(q.section, *(w.lower() for w in (q.a, q.b, q.c, q.d))) for q in questions]  # 'Paris' is 'paris'
    asked = [(s, *(index[w] for w in abcd)) for s, *abcd in lowered if all(w in index for w in abcd)]
    by_section: dict[str, list[int]] = {}
    for q in questions:
        by_section.setdefault(q.section, [0, 0])
    if not asked:
        return AnalogyScore(float("nan"), 0, 0, len(questions), {s: (0, 0) for s in by_section})
    U = unit_rows(V)
    sections = [a[0] for a in asked]
    abcd = np.array([a[1:] for a in asked], dtype=np.int64)
    correct = np.zeros(len(abcd), dtype=bool)
    for start in range(0, len(abcd), 256):   # in blocks: all questions at once would take n_questions x n_words floats
        a, b, c, d = abcd[start:start + 256].T
        scores = (U[b] - U[a] + U[c]) @ U.T
        rows = np.arange(len(a))
        for col in (a, b, c):
            scores[rows, col] = -np.inf
        correct[start:start + 256] = scores.argmax(1) == d
    for s, ok in zip(sections, correct):
        by_section[s][0] += int(ok)
        by_section[s][1] += 1
    n_correct = int(correct.sum())
    return AnalogyScore(n_correct / len(abcd), n_correct, len(abcd), len(questions),
                        {s: tuple(v) for s, v in by_section.items()})


# ------------------------------------------------------------------------------- GloVe
def load_glove_file(path: str | os.PathLike, limit: int | None = None):
    """Word vectors from a text file, as gensim ``KeyedVectors``: GloVe's format (``word x1 x2 ...`` a
    line, no header) or word2vec's (the same after a header line ``n_words dim``), plain or ``.gz``.

    Every line must hold a word and the same number of values (gensim's own reader silently pads a
    short line, so this one checks) and finite numbers; a word listed twice keeps its first vector.
    ``limit`` keeps the first ``limit`` words (the files list words by frequency). The file is UTF-8
    (a byte-order mark is dropped), plain, ``.gz`` or ``.bz2``; a file that is not, or a truncated
    download, is refused with its name and line (:mod:`latent_helpers.datasets.text_files`).

    >>> kv = load_glove_file(gensim_test_file("test_glove.txt"))
    >>> len(kv), kv.vector_size
    (76, 50)
    """
    from gensim.models import KeyedVectors

    path = as_path(path, must_exist=True)
    if limit is not None:
        limit = positive_int(limit, "limit")
    words: list[str] = []
    rows: list[np.ndarray] = []
    seen: set[str] = set()
    dim = None
    where = path.name
    for number, line in text_lines(path):
        line = line.rstrip()
        if not line:
            continue
        parts = line.split(" ")
        if number == 1 and len(parts) == 2 and all(p.isdigit() for p in parts):
            dim = int(parts[1])          # word2vec's header: n_words dim
            continue
        if dim is None:
            dim = len(parts) - 1
            if dim < 1:
                raise ValueError(f"{where}, line {number}: the first line should be 'word x1 x2 ...' (GloVe) or "
                                 f"'n_words dim' (word2vec), got {line[:60]!r}")
        if len(parts) != dim + 1:
            raise ValueError(f"{where} is not a well-formed vector file: line {number} has "
                             f"{len(parts) - 1} values after the word, expected {dim}")
        if not parts[0]:
            raise ValueError(f"{where}, line {number}: the line starts with a space, so it names no word")
        try:
            vector = np.array(parts[1:], dtype=np.float32)
        except ValueError:
            raise ValueError(f"{where} is not a well-formed vector file: line {number} holds "
                             "something that is not a number") from None
        if not np.all(np.isfinite(vector)):
            bad = next(p for p, v in zip(parts[1:], vector) if not np.isfinite(v))
            raise ValueError(f"{where}, line {number}: the vector of {parts[0][:40]!r} holds {bad!r}, not a finite "
                             "number (NaN, infinity, or too large for float32): the file is damaged")
        if parts[0] in seen:
            continue
        seen.add(parts[0])
        words.append(parts[0])
        rows.append(vector)
        if limit is not None and len(words) >= limit:
            break
    if not words:
        raise ValueError(f"{path} is empty: expected one word and its numbers a line")
    kv = KeyedVectors(vector_size=dim)
    kv.add_vectors(words, np.stack(rows))
    return kv


def load_glove(name: str = "glove-wiki-gigaword-100", download: bool = False, limit: int | None = None):
    """Optional, online: pretrained GloVe vectors through gensim's downloader, as ``KeyedVectors``.

    ``name`` is one of gensim-data's GloVe sets (``glove-wiki-gigaword-50``/``-100``/``-200``/``-300``:
    6 billion tokens of Wikipedia 2014 + Gigaword 5, 400,000 words; ``glove-twitter-25`` ...). If it
    was downloaded before (into ``~/gensim-data``), it is read from there and nothing is fetched.
    Otherwise nothing is downloaded unless ``download=True``; then, without an internet connection,
    it stops at once with :class:`~latent_helpers.OfflineError`. The file is read with
    :func:`load_glove_file` (gensim's downloader fetches the file only; its loader script is not run).

    >>> glove = load_glove("glove-wiki-gigaword-100", download=True)   # doctest: +SKIP
    """
    if not isinstance(name, str) or not name.startswith("glove-") or "/" in name or ".." in name:
        raise ValueError(f"name must be one of gensim-data's GloVe sets, such as 'glove-wiki-gigaword-100', "
                         f"got {short_repr(name)}")
    download = as_bool(download, "download")
    local = GENSIM_DATA_DIR / name / f"{name}.gz"
    if local.is_file():
        try:
            return load_glove_file(local, limit=limit)
        except ValueError as exc:   # a download cut short stays in the cache until it is deleted
            raise ValueError(f"{exc}. It is the copy gensim's downloader keeps: delete {local.parent} and call "
                             f"load_glove({name!r}, download=True) again") from exc
    if not download:
        raise FileNotFoundError(
            f"{name} is not in {GENSIM_DATA_DIR} (no {local.name}). This is an optional online extra: call "
            f"load_glove({name!r}, download=True) with an internet connection (the 100-d set is about 130 MB).")
    if not online.is_online("github.com"):
        raise OfflineError(f"Cannot download {name}: no internet connection (github.com is unreachable). "
                           "The notebook works offline with the vectors it trains; try this extra again online.")
    import gensim.downloader as api

    try:
        path = api.load(name, return_path=True)
    except Exception as exc:  # the downloader raises bare Exceptions and URL errors
        raise OfflineError(f"Downloading {name} with gensim's downloader failed: {exc}") from exc
    return load_glove_file(path, limit=limit)


__all__ = ["AnalogyScore", "GENSIM_DATA_DIR", "SimilarityScore", "analogy_accuracy", "load_glove", "load_glove_file",
           "similarity_spearman", "unit_rows", "word_vectors"]
