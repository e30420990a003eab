"""Checks for 07_word_embeddings.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ._framework import Feedback, call_learner, check_close, describe, guarded, missing

__all__ = ["check_kept_share", "check_negative_probability", "check_nearest_words", "check_solve_analogy"]


def _counts(counts: Any) -> np.ndarray:
    c = np.asarray(counts, dtype=np.float64).ravel()
    if c.size == 0 or not np.all(np.isfinite(c)) or np.any(c <= 0):
        raise ValueError("counts must be positive word counts")
    return c


def _without_expected(mistakes: dict, expected: float) -> dict:
    """Drop the mistakes whose value happens to equal the right answer (they would mislead)."""
    return {hint: v for hint, v in mistakes.items()
            if np.isfinite(v) and not np.isclose(v, expected, rtol=1e-3, atol=1e-12)}


@guarded
def check_kept_share(answer, counts, sample: float = 1e-3) -> Feedback:
    """The share of a corpus's (in-vocabulary) tokens that one epoch keeps after subsampling.

    Word i occurs ``counts[i]`` times and each occurrence is kept with word2vec's probability
    ``min(1, (sqrt(f / (s N)) + 1) s N / f)``; the expected share is ``sum(counts * keep) / sum(counts)``.
    Recognises: the plain mean of the keep probabilities over the vocabulary, the share *dropped*,
    the number of kept tokens instead of a share, the paper's sqrt(t / f) rule, and the uncapped formula.

    >>> c = np.array([1000, 100, 10])
    >>> keep = np.minimum((np.sqrt(c / (0.01 * c.sum())) + 1) * 0.01 * c.sum() / c, 1)
    >>> bool(check_kept_share((c * keep).sum() / c.sum(), c, sample=0.01))
    True
    """
    if (m := missing(answer)) is not None:
        return m
    c = _counts(counts)
    total = c.sum()
    threshold = sample * total
    raw = (np.sqrt(c / threshold) + 1) * threshold / c
    keep = np.minimum(raw, 1.0)
    expected = float((c * keep).sum() / total)
    mistakes = {
        "That is the mean keep probability over the *words* of the vocabulary: most words are rare and always "
        "kept, but most *tokens* belong to frequent words. Weight each word by its count: "
        "(counts * keep).sum() / counts.sum().": float(keep.mean()),
        "That is the share subsampling *drops*: the share kept is 1 minus it.": 1.0 - expected,
        "That is the number of tokens kept, (counts * keep).sum(); divide by counts.sum() for the share.":
            float((c * keep).sum()),
        "That uses the paper's rule, keep = sqrt(t / f) with f the word's frequency; word2vec's code (and "
        "gensim, and our keep_probabilities) uses (sqrt(f / (s N)) + 1) * s N / f.":
            float((c * np.minimum(np.sqrt(sample / (c / total)), 1.0)).sum() / total),
        "The keep probability is a probability: cap it at 1 (np.minimum(..., 1.0)) for the rare words.":
            float((c * raw).sum() / total),
    }
    return check_close(
        answer, expected,
        praise=f"Right: an epoch keeps {expected:.1%} of the tokens, so it is that much shorter (and the "
               "remaining words are closer together).",
        hint="Share kept = (counts * keep_probabilities(counts, sample)).sum() / counts.sum().",
        rel=2e-3, mistakes=_without_expected(mistakes, expected))


@guarded
def check_negative_probability(answer, counts, word_index: int, power: float = 0.75) -> Feedback:
    """The probability that one negative sample is the word ``word_index``: count**power / sum(count**power).

    Recognises: the plain frequency (power 1), the weight count**power not divided by the total, the
    weight divided by the plain total, the frequency raised to the power without renormalising, and
    the power applied the other way round (4/3).

    >>> c = np.array([100, 10, 1])
    >>> bool(check_negative_probability(10 ** 0.75 / (c ** 0.75).sum(), c, 1))
    True
    """
    if (m := missing(answer)) is not None:
        return m
    c = _counts(counts)
    i = int(word_index)
    weights = c ** power
    expected = float(weights[i] / weights.sum())
    mistakes = {
        "That is the word's plain frequency, count / total: negatives are drawn in proportion to count ** 0.75.":
            float(c[i] / c.sum()),
        "That is the weight count ** 0.75 itself: divide it by the sum of all words' weights so the "
        "probabilities add up to 1.": float(weights[i]),
        "Divide by the sum of the *weights*, (counts ** 0.75).sum(), not by the number of tokens: otherwise the "
        "probabilities do not add up to 1.": float(weights[i] / c.sum()),
        "You raised the frequency (count / total) to 0.75 without normalising again: (p ** 0.75) no longer sums "
        "to 1 over the words. Raise the counts to 0.75, then divide by their sum.": float((c[i] / c.sum()) ** power),
        "The power is 3/4 = 0.75, not 4/3.": float(c[i] ** (1 / power) / (c ** (1 / power)).sum()),
    }
    return check_close(
        answer, expected,
        praise=f"Right: {expected:.2e}, against a plain frequency of {c[i] / c.sum():.2e}. The power 3/4 takes "
               "probability from the most frequent words and gives it to the rest.",
        hint="weights = counts ** 0.75; probability = weights[i] / weights.sum().",
        rel=1e-3, mistakes=_without_expected(mistakes, expected))


# ------------------------------------------------------------------------- the checks' own word vectors
def _check_vectors() -> tuple[np.ndarray, list[str]]:
    """14 words in 8 dimensions with planted structure (male, female, royal, young, person, noise,
    formal, extra) and lengths that differ the way frequencies make them differ."""
    base = {
        "man": [1, 0, 0, 0, 2, 0.1, 0, 0], "woman": [0, 1, 0, 0, 2, -0.1, 0, 0],
        "king": [1, 0, 1, 0, 0.2, 0.2, 0, 0], "queen": [0, 1, 1, 0, 0.2, 0.0, 0, 0],
        "boy": [1, 0, 0, 1, 0.5, -0.2, 0, 0], "girl": [0, 1, 0, 1, 0.5, 0.2, 0, 0],
        "prince": [1, 0, 1, 1, 0, 0.1, 0, 0], "princess": [0, 1, 1, 1, 0, -0.2, 0, 0],
        "gentleman": [1, 0, 0, 0, 2, 0.1, 0.5, 0], "lady": [0, 1, 0, 0, 2, -0.1, 0.5, 0.8],
        "crown": [0, 0, 1.2, 0, 0, 0.3, 0, 0], "throne": [0.2, 0.2, 1, 0, 0, -0.3, 0, 0],
        "people": [0.5, 0.5, 0, 0, 1.3, 0, 0, 0], "he": [1.3, 0, 0, 0, 0.4, 0.4, 0, 0],
    }
    length = {"man": 3.0, "woman": 1.5, "king": 2.0, "queen": 0.7, "boy": 1.2, "girl": 1.0, "prince": 0.9,
              "princess": 0.6, "gentleman": 0.5, "lady": 0.6, "crown": 1.1, "throne": 0.8, "people": 2.5, "he": 4.0}
    words = list(base)
    V = np.array([base[w] for w in words], dtype=np.float64)
    V = V / np.linalg.norm(V, axis=1, keepdims=True) * np.array([length[w] for w in words])[:, None]
    return V, words


def _unit(V: np.ndarray) -> np.ndarray:
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def _as_word_list(out: Any, words: list[str]) -> list[str] | Feedback:
    """The learner's answer as a list of words, or a Feedback saying what came instead."""
    if isinstance(out, str):
        return Feedback(False, f"Return a list of words, got one string ({out!r}).")
    if hasattr(out, "detach"):
        out = out.detach().cpu().numpy()
    if isinstance(out, np.ndarray):
        out = out.tolist()
    if isinstance(out, tuple):
        out = list(out)
    if not isinstance(out, list):
        return Feedback(False, f"Return a list of words, got {describe(out)}.")
    if out and all(isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in out):
        return Feedback(False, "You returned row numbers: turn them into words with words[j].")
    if not all(isinstance(x, str) for x in out):
        return Feedback(False, f"Return a list of words (strings), got {describe(out)} holding "
                               f"{describe(next(x for x in out if not isinstance(x, str)))}.")
    unknown = [x for x in out if x not in words]
    if unknown:
        return Feedback(False, f"{unknown[0]!r} is not one of the words.")
    return out


NEAREST_QUERIES = (("queen", 3), ("boy", 3), ("crown", 4))


@guarded
def check_nearest_words(fn) -> Feedback:
    """``fn(vectors, words, query, k)`` must return the ``k`` words of largest cosine similarity with
    ``query``, most similar first, without ``query`` itself.

    Called on the check's own 14 word vectors (of very different lengths) for a few queries.
    Recognises: Euclidean distance, raw dot products, the query included, the least similar words,
    row numbers instead of words, and the wrong number of words.

    >>> def nearest(vectors, words, query, k=5):
    ...     unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ...     sims = unit @ unit[words.index(query)]
    ...     return [words[j] for j in np.argsort(-sims)[1:k + 1]]
    >>> bool(check_nearest_words(nearest))
    True
    """
    V, words = _check_vectors()
    U = _unit(V)

    def ranked(scores, i, k, include=False, ascending=False):
        s = np.array(scores, dtype=np.float64)
        if not include:
            s[i] = np.inf if ascending else -np.inf
        order = np.argsort(s if ascending else -s, kind="stable")
        return [words[j] for j in order[:k]]

    expected, variants = [], {name: [] for name in ("euclidean", "dot", "include", "ascending")}
    got_all = []
    for query, k in NEAREST_QUERIES:
        i = words.index(query)
        out, problem = call_learner(fn, V, list(words), query, k)
        if problem is not None:
            return problem
        got = _as_word_list(out, words)
        if isinstance(got, Feedback):
            return got
        want = ranked(U @ U[i], i, k)
        if len(got) != k:
            if len(got) == k + 1 and got[1:] == want and got[0] == query:
                return Feedback(False, f"The query {query!r} came first: it is its own nearest neighbour "
                                       "(cosine 1). Leave it out.")
            return Feedback(False, f"Asked for k = {k} neighbours of {query!r}, got {len(got)} words.")
        expected.append(want)
        got_all.append(got)
        variants["euclidean"].append(ranked(-np.linalg.norm(V - V[i], axis=1), i, k))
        variants["dot"].append(ranked(V @ V[i], i, k))
        variants["include"].append(ranked(U @ U[i], i, k, include=True))
        variants["ascending"].append(ranked(U @ U[i], i, k, ascending=True))
    if got_all == expected:
        return Feedback(True, "Right: unit vectors, one matrix product for all cosines, the query left out, "
                              "sorted from most to least similar.")
    hints = {
        "euclidean": "Those are the nearest words by Euclidean distance: it prefers words whose vectors have "
                     "a similar length (a similar frequency). Rank by cosine: divide every vector by its length "
                     "first, then take dot products.",
        "dot": "Those are the largest raw dot products: long vectors (frequent words) win whatever their "
               "direction. Divide every vector by its length first, so that the dot product is the cosine.",
        "include": "The query itself is in your list (its cosine with itself is 1): leave it out.",
        "ascending": "Those are the *least* similar words: sort from the largest cosine down (np.argsort(-sims)).",
    }
    for name, hint in hints.items():
        if got_all == variants[name] and variants[name] != expected:
            return Feedback(False, hint)
    if [sorted(g) for g in got_all] == [sorted(e) for e in expected]:
        return Feedback(False, "The right words, in the wrong order: most similar first.")
    n = next(n for n, (g, e) in enumerate(zip(got_all, expected)) if g != e)
    query, k = NEAREST_QUERIES[n]
    return Feedback(False, f"For {query!r} (k = {k}) the nearest words by cosine are {expected[n]}; you returned "
                           f"{got_all[n]}. Cosine = the dot product of unit vectors.")


ANALOGY_QUESTIONS = (("man", "woman", "king"), ("boy", "girl", "prince"), ("man", "gentleman", "woman"),
                     ("king", "queen", "boy"))


@guarded
def check_solve_analogy(fn) -> Feedback:
    """``fn(vectors, words, a, b, c)`` must answer "a is to b as c is to ?" by 3CosAdd: the word other
    than a, b, c whose vector has the largest cosine with unit(b) - unit(a) + unit(c).

    Called on the check's own word vectors. Recognises: a, b, c not left out, the offset the wrong
    way round (a - b + c), a + b - c, no normalisation at all (raw dot products with the raw offset),
    unit candidates with a raw offset, and a list or a row number instead of one word.

    >>> def solve(vectors, words, a, b, c):
    ...     unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ...     ia, ib, ic = (words.index(w) for w in (a, b, c))
    ...     sims = unit @ (unit[ib] - unit[ia] + unit[ic])
    ...     sims[[ia, ib, ic]] = -np.inf
    ...     return words[int(np.argmax(sims))]
    >>> bool(check_solve_analogy(solve))
    True
    """
    V, words = _check_vectors()
    U = _unit(V)

    def best(target, candidates, leave_out):
        s = candidates @ target
        s[list(leave_out)] = -np.inf
        return words[int(np.argmax(s))]

    expected, got_all = [], []
    variants = {name: [] for name in ("keep", "flip", "sum", "raw", "half_raw")}
    for a, b, c in ANALOGY_QUESTIONS:
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        out, problem = call_learner(fn, V, list(words), a, b, c)
        if problem is not None:
            return problem
        if hasattr(out, "detach"):
            out = out.detach().cpu().numpy()
        if isinstance(out, np.ndarray) and out.ndim == 0:
            out = out.item()
        if isinstance(out, (list, tuple, np.ndarray)):
            return Feedback(False, f"Return one word (a string), the best answer; got {describe(out)}.")
        if isinstance(out, (int, np.integer)) and not isinstance(out, bool):
            return Feedback(False, "You returned a row number: return the word, words[j].")
        if not isinstance(out, str):
            return Feedback(False, f"Return one word (a string), got {describe(out)}.")
        got_all.append(out)
        expected.append(best(U[ib] - U[ia] + U[ic], U, (ia, ib, ic)))
        variants["keep"].append(best(U[ib] - U[ia] + U[ic], U, ()))
        variants["flip"].append(best(U[ia] - U[ib] + U[ic], U, (ia, ib, ic)))
        variants["sum"].append(best(U[ia] + U[ib] - U[ic], U, (ia, ib, ic)))
        variants["raw"].append(best(V[ib] - V[ia] + V[ic], V, (ia, ib, ic)))
        variants["half_raw"].append(best(V[ib] - V[ia] + V[ic], U, (ia, ib, ic)))
    if got_all == expected:
        solved = ", ".join(f"{a} : {b} :: {c} : {d}" for (a, b, c), d in zip(ANALOGY_QUESTIONS, expected))
        return Feedback(True, f"Right: {solved}.")
    hints = {
        "keep": "Leave a, b and c out of the answers: without that rule the best match is often c itself "
                "(here woman for man : gentleman :: woman : ?), because the offset b - a is small.",
        "flip": "The offset goes the other way: from a to b is b - a, added to c: unit(b) - unit(a) + unit(c).",
        "sum": "You subtracted c: the target is b - a + c.",
        "raw": "No unit vectors at all: long vectors (frequent words) then dominate both the offset and the "
               "candidates' dot products. Divide every vector by its length first.",
        "half_raw": "Divide a, b and c by their lengths too before b - a + c: otherwise the longest of them "
                    "decides the direction of the offset.",
    }
    for name, hint in hints.items():
        if got_all == variants[name] and variants[name] != expected:
            return Feedback(False, hint)
    n = next(n for n, (g, e) in enumerate(zip(got_all, expected)) if g != e)
    a, b, c = ANALOGY_QUESTIONS[n]
    return Feedback(False, f"For {a} : {b} :: {c} : ? the answer is {expected[n]!r}; you returned {got_all[n]!r}. "
                           "Take the largest cosine with unit(b) - unit(a) + unit(c), leaving a, b and c out.")
