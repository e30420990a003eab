"""Text and word vectors for notebook 07: gensim's bundled corpora and word-similarity sets, read offline,
and the standard scores of a set of word vectors.

Everything in a default path reads files that ship inside the installed ``gensim`` package (its test
data, found with ``gensim.test.utils.datapath``), so nothing touches the network:

==============================  ====================================================================
function                        what it gives
==============================  ====================================================================
:func:`load_wikipedia_excerpt`  the articles of gensim's Wikipedia excerpt, tokenised as gensim's
                                ``WikiCorpus`` does (``filter_wiki`` + ``tokenize``)
:func:`load_lee_background`     the Lee background corpus (ABC news), one token list per document
                                (read by ``corpora.load_lee``, tokenised by ``simple_preprocess``)
:func:`read_word_pairs`         a word-similarity file: WordSim-353 (:func:`load_wordsim353`),
                                SimLex-999 (:func:`load_simlex999`)
:func:`read_analogies`          the Google analogy questions (:func:`load_google_analogies`)
:func:`similarity_spearman`     Spearman correlation of vector similarities with human scores, on the
                                pairs whose two words have vectors, with the coverage
:func:`analogy_accuracy`        3CosAdd accuracy on the questions whose four words have vectors
:func:`load_glove_file`         a GloVe (or word2vec) text file as gensim ``KeyedVectors``
:func:`load_glove`              optional, online: pretrained GloVe through gensim's downloader
==============================  ====================================================================

Word vectors are passed either as gensim ``KeyedVectors`` (anything with ``.vectors`` and
``.index_to_key``) or as an array ``(n, d)`` plus the list of its ``n`` words.
"""
from __future__ import annotations

import bz2
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

import numpy as np

from ._validate import _short, as_bool, as_float_array, positive_int
from .data import OfflineError, is_online

#: gensim's Wikipedia excerpt: 206 pages of an English Wikipedia dump (the articles starting with A)
WIKI_EXCERPT = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
#: gensim's Lee background corpus: 300 ABC news documents, one a line
LEE_BACKGROUND = "lee_background.cor"
WORDSIM353 = "wordsim353.tsv"
SIMLEX999 = "simlex999.txt"
GOOGLE_ANALOGIES = "questions-words.txt"
#: where gensim's downloader keeps what it fetched (``GENSIM_DATA_DIR`` overrides it)
GENSIM_DATA_DIR = Path(os.environ.get("GENSIM_DATA_DIR", Path("~/gensim-data").expanduser()))


# ------------------------------------------------------------------------------- bundled files
def gensim_test_file(name: str) -> Path:
    """The path of a file in gensim's bundled test data (``gensim/test/test_data/``).

    >>> gensim_test_file("wordsim353.tsv").name
    'wordsim353.tsv'
    """
    from gensim.test.utils import datapath

    if not isinstance(name, str) or not name or "/" in name or "\\" in name:
        raise ValueError(f"name must be the name of a file in gensim's test data, such as 'wordsim353.tsv', "
                         f"got {_short(name)}")
    path = Path(datapath(name))
    if not path.is_file():
        raise FileNotFoundError(f"{name} is not in gensim's test data ({path.parent}); is gensim installed in full "
                                "(pip install gensim==4.4.0)?")
    return path


def _as_path(path: Any, name: str = "path") -> Path:
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, str) and not path.strip():
        raise TypeError(f"{name} must be a file path (text or pathlib.Path), got {_short(path)}")
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no file at {path}")
    return path


def load_wikipedia_excerpt(path: str | os.PathLike | None = None, min_tokens: int = 50) -> list[list[str]]:
    """The articles of gensim's Wikipedia excerpt as lists of lower-case tokens.

    Parsed as gensim's ``WikiCorpus`` parses a dump, in this process (``WikiCorpus`` starts a pool of
    worker processes): the main namespace only, wiki markup removed by ``filter_wiki``, tokens of 2 to
    15 letters from ``tokenize``, and articles shorter than ``min_tokens`` tokens (redirects, stubs)
    dropped. ``path`` is a ``.xml.bz2`` dump; by default gensim's bundled excerpt (106 articles with
    ``min_tokens=50``; about 450,000 tokens; a few seconds).

    >>> docs = load_wikipedia_excerpt()          # doctest: +SKIP
    >>> len(docs), sum(map(len, docs))           # doctest: +SKIP
    (106, 452944)
    """
    from gensim.corpora.wikicorpus import IGNORED_NAMESPACES, extract_pages, filter_wiki, tokenize

    path = gensim_test_file(WIKI_EXCERPT) if path is None else _as_path(path)
    min_tokens = positive_int(min_tokens, "min_tokens", minimum=0)
    docs = []
    try:
        with bz2.open(path, "rb") as f:
            for title, text, _ in extract_pages(f, filter_namespaces=("0",)):
                tokens = [sys.intern(t) for t in tokenize(filter_wiki(text), 2, 15, True)]  # one copy per word
                if len(tokens) < min_tokens or any(title.startswith(ns + ":") for ns in IGNORED_NAMESPACES):
                    continue
                docs.append(tokens)
    except (OSError, EOFError) as exc:
        raise ValueError(f"{path} could not be read as a bz2-compressed Wikipedia dump ({exc})") from exc
    return docs


def load_lee_background(path: str | os.PathLike | None = None) -> list[list[str]]:
    """The Lee background corpus: one list of lower-case tokens per document (line).

    The texts are read by :func:`latent_helpers.corpora.load_lee` (notebook 08 uses them whole) and
    tokenised with ``gensim.utils.simple_preprocess`` (words of 2 to 15 letters, numbers and
    punctuation dropped). ``path`` defaults to gensim's bundled ``lee_background.cor`` (300 documents,
    about 60,000 tokens); empty lines are skipped.

    >>> docs = load_lee_background()
    >>> len(docs), docs[0][:4]
    (300, ['hundreds', 'of', 'people', 'have'])
    """
    from gensim.utils import simple_preprocess

    from .corpora import load_lee

    texts = load_lee("background", path=None if path is None else _as_path(path)).texts
    docs = ([sys.intern(t) for t in simple_preprocess(line)] for line in texts)   # one string per distinct word
    return [tokens for tokens in docs if tokens]


# ------------------------------------------------------------------------------- evaluation sets
class WordPair(NamedTuple):
    """Two words and the mean human score of how similar (or related) they are."""

    a: str
    b: str
    score: float


class Analogy(NamedTuple):
    """A question "a is to b as c is to d" (the answer is d), from section ``section``."""

    section: str
    a: str
    b: str
    c: str
    d: str


def read_word_pairs(path: str | os.PathLike) -> list[WordPair]:
    """A word-similarity file: one pair a line, ``word1 word2 score`` (tabs or spaces), ``#`` comments.

    This is the format of gensim's ``wordsim353.tsv`` and ``simlex999.txt`` (and of
    ``KeyedVectors.evaluate_word_pairs``). Words are lower-cased.

    >>> pairs = load_wordsim353()
    >>> len(pairs), pairs[0]
    (353, WordPair(a='love', b='sex', score=6.77))
    """
    path = _as_path(path)
    pairs = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            parts = [p.strip() for p in parts]
            if len(parts) < 3 or not parts[0] or not parts[1]:
                raise ValueError(f"{path.name}, line {number}: expected 'word1<TAB>word2<TAB>score', "
                                 f"got {line.strip()!r}")
            try:
                score = float(parts[2])
            except ValueError:
                raise ValueError(f"{path.name}, line {number}: the score {parts[2]!r} is not a number") from None
            if not np.isfinite(score):
                raise ValueError(f"{path.name}, line {number}: the score {parts[2]!r} is not a finite number")
            pairs.append(WordPair(parts[0].lower(), parts[1].lower(), score))
    if not pairs:
        raise ValueError(f"{path.name} holds no word pairs")
    return pairs


def read_analogies(path: str | os.PathLike) -> list[Analogy]:
    """An analogy file in word2vec's format: ``: section`` lines, then ``a b c d`` questions.

    Words are lower-cased. This is the format of gensim's ``questions-words.txt`` (Mikolov et al.'s
    19,544 Google analogy questions, in 14 sections).

    >>> questions = load_google_analogies()
    >>> len(questions), questions[0]
    (19544, Analogy(section='capital-common-countries', a='athens', b='greece', c='baghdad', d='iraq'))
    """
    path = _as_path(path)
    questions, section = [], None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            if line.startswith(":"):
                section = line[1:].strip()
                continue
            words = line.lower().split()
            if len(words) != 4:
                raise ValueError(f"{path.name}, line {number}: expected four words 'a b c d', got {line.strip()!r}")
            if section is None:
                raise ValueError(f"{path.name}, line {number}: a question before any ': section' line")
            questions.append(Analogy(section, *words))
    if not questions:
        raise ValueError(f"{path.name} holds no analogy questions")
    return questions


def load_wordsim353() -> list[WordPair]:
    """WordSim-353 (Finkelstein et al., 2002): 353 pairs scored 0-10 for relatedness, from gensim's test data."""
    return read_word_pairs(gensim_test_file(WORDSIM353))


def load_simlex999() -> list[WordPair]:
    """SimLex-999 (Hill, Reichart and Korhonen, 2015): 999 pairs scored 0-10 for similarity, from gensim's test data."""
    return read_word_pairs(gensim_test_file(SIMLEX999))


def load_google_analogies() -> list[Analogy]:
    """The Google analogy questions (Mikolov et al., 2013), from gensim's test data."""
    return read_analogies(gensim_test_file(GOOGLE_ANALOGIES))


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
        raise TypeError(f"words must be a list of strings, one per row of vectors, got {_short(words)}")
    words = list(words)
    if len(words) != len(V):
        raise ValueError(f"words has {len(words)} entries but vectors has {len(V)} rows; they must match")
    for w in words:
        if not isinstance(w, str) or not w:
            raise TypeError(f"words must be non-empty strings, got {_short(w)}")
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
    V = np.asarray(V, dtype=np.float32)
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


def _pairs(pairs: Any) -> list[WordPair]:
    if isinstance(pairs, (str, os.PathLike)):
        return read_word_pairs(pairs)
    if isinstance(pairs, (bytes, dict)) or not isinstance(pairs, Iterable):
        raise TypeError(f"pairs must be a list of (word1, word2, score) or a file path, got {_short(pairs)}")
    out = []
    for p in pairs:
        if isinstance(p, (str, bytes)) or not isinstance(p, (Sequence, np.ndarray)) or len(p) != 3 \
                or not isinstance(p[0], str) or not isinstance(p[1], str):
            raise TypeError(f"each pair must be (word1, word2, score), got {_short(p)}")
        try:
            out.append(WordPair(p[0].lower(), p[1].lower(), float(p[2])))
        except (TypeError, ValueError):
            raise TypeError(f"each pair's score must be a number, got {_short(p)}") from None
    if not out:
        raise ValueError("pairs is empty")
    return out


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
    pairs = load_wordsim353() if pairs is None else _pairs(pairs)
    if distance not in ("cosine", "euclidean"):
        raise ValueError(f"distance must be 'cosine' or 'euclidean', got {_short(distance)}")
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
    """3CosAdd accuracy on the analogy questions whose four words have vectors."""

    accuracy: float
    n_correct: int
    n_asked: int      # questions whose four words all have vectors
    n_total: int      # questions in the set
    by_section: dict = field(default_factory=dict)   # section -> (n_correct, n_asked)

    @property
    def coverage(self) -> float:
        return self.n_asked / self.n_total if self.n_total else 0.0

    def __str__(self) -> str:
        return (f"{self.accuracy:.1%} right ({self.n_correct} of {self.n_asked} questions in the vocabulary; "
                f"{self.n_total} in the set)")


def _questions(questions: Any) -> list[Analogy]:
    if isinstance(questions, (str, os.PathLike)):
        return read_analogies(questions)
    if isinstance(questions, (bytes, dict)) or not isinstance(questions, Iterable):
        raise TypeError(f"questions must be a list of (a, b, c, d) or a file path, got {_short(questions)}")
    out = []
    for q in questions:
        if isinstance(q, (str, bytes)) or not isinstance(q, (Sequence, np.ndarray)) or len(q) not in (4, 5) \
                or not all(isinstance(w, str) for w in q):
            raise TypeError(f"each question must be four words (a, b, c, d), optionally after a section, "
                            f"got {_short(q)}")
        out.append(Analogy(*q) if len(q) == 5 else Analogy("", *q))
    if not out:
        raise ValueError("questions is empty")
    return out


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
    questions = load_google_analogies() if questions is None else _questions(questions)
    if restrict is not None:
        restrict = positive_int(restrict, "restrict")
        V, words = V[:restrict], words[:restrict]
    index: dict[str, int] = {}
    for i, w in enumerate(words):
        index.setdefault(w.lower(), i)
    asked = [(q.section, index[q.a], index[q.b], index[q.c], index[q.d]) for q in questions
             if q.a in index and q.b in index and q.c in index and q.d in index]
    by_section: dict[str, list[int]] = {}
    for q in questions:
        by_section.setdefault(q.section, [0, 0])
    if not asked:
        return AnalogyScore(0.0, 0, 0, len(questions), {s: (0, 0) for s in by_section})
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
    short line, so this one checks); a word listed twice keeps its first vector. ``limit`` keeps the
    first ``limit`` words (the files list words by frequency).

    >>> kv = load_glove_file(gensim_test_file("test_glove.txt"))
    >>> len(kv), kv.vector_size
    (76, 50)
    """
    from gensim.models import KeyedVectors
    from gensim.utils import open as gensim_open

    path = _as_path(path)
    if limit is not None:
        limit = positive_int(limit, "limit")
    words: list[str] = []
    rows: list[np.ndarray] = []
    seen: set[str] = set()
    dim = None
    try:
        with gensim_open(str(path), "rb") as f:
            for number, raw in enumerate(f, 1):
                line = raw.decode("utf-8", errors="replace").rstrip("\n").rstrip()
                if not line:
                    continue
                parts = line.split(" ")
                if number == 1 and len(parts) == 2 and all(p.isdigit() for p in parts):
                    dim = int(parts[1])          # word2vec's header: n_words dim
                    continue
                if dim is None:
                    dim = len(parts) - 1
                    if dim < 1:
                        raise ValueError(f"{path}: the first line should be 'word x1 x2 ...' (GloVe) or "
                                         f"'n_words dim' (word2vec), got {line[:60]!r}")
                if len(parts) != dim + 1:
                    raise ValueError(f"{path} is not a well-formed vector file: line {number} has "
                                     f"{len(parts) - 1} values after the word, expected {dim}")
                try:
                    vector = np.array(parts[1:], dtype=np.float32)
                except ValueError:
                    raise ValueError(f"{path} is not a well-formed vector file: line {number} holds "
                                     "something that is not a number") from None
                if parts[0] in seen:
                    continue
                seen.add(parts[0])
                words.append(parts[0])
                rows.append(vector)
                if limit is not None and len(words) >= limit:
                    break
    except OSError as exc:
        raise ValueError(f"{path} could not be read ({exc})") from exc
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
                         f"got {_short(name)}")
    download = as_bool(download, "download")
    local = GENSIM_DATA_DIR / name / f"{name}.gz"
    if local.is_file():
        return load_glove_file(local, limit=limit)
    if not download:
        raise FileNotFoundError(
            f"{name} is not in {GENSIM_DATA_DIR} (no {local.name}). This is an optional online extra: call "
            f"load_glove({name!r}, download=True) with an internet connection (the 100-d set is about 130 MB).")
    if not is_online("github.com"):
        raise OfflineError(f"Cannot download {name}: no internet connection (github.com is unreachable). "
                           "The notebook works offline with the vectors it trains; try this extra again online.")
    import gensim.downloader as api

    try:
        path = api.load(name, return_path=True)
    except Exception as exc:  # the downloader raises bare Exceptions and URL errors
        raise OfflineError(f"Downloading {name} with gensim's downloader failed: {exc}") from exc
    return load_glove_file(path, limit=limit)


__all__ = ["WIKI_EXCERPT", "LEE_BACKGROUND", "WORDSIM353", "SIMLEX999", "GOOGLE_ANALOGIES",
           "gensim_test_file", "load_wikipedia_excerpt", "load_lee_background",
           "WordPair", "Analogy", "read_word_pairs", "read_analogies", "load_wordsim353", "load_simlex999",
           "load_google_analogies", "word_vectors", "unit_rows", "SimilarityScore", "similarity_spearman",
           "AnalogyScore", "analogy_accuracy", "load_glove_file", "load_glove"]
