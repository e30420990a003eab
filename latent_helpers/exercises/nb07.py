"""Checks for 07_word_embeddings.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._framework import Feedback, as_number, call_learner, check_close, describe, guarded, missing

__all__ = ["check_kept_share", "check_negative_crossover", "check_nearest_words", "check_solve_cosmul"]


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
    c = _notebook_counts(counts)
    if isinstance(c, Feedback):
        return c
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


def _notebook_counts(counts: Any) -> np.ndarray | Feedback:
    """The notebook's word counts as a float array, or a Feedback naming the variable (not the learner's answer)."""
    try:
        c = np.asarray(counts.detach().cpu().numpy() if hasattr(counts, "detach") else counts, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        c = None
    if c is None or c.size < 2 or not np.all(np.isfinite(c)) or np.any(c <= 0):
        return Feedback(False, f"This check needs `counts`, the word counts that `build_vocab` returns in section 4 "
                               f"(positive numbers, one per word), got {describe(counts)}. Run that cell again, "
                               "then this one.")
    return c


@guarded
def check_negative_crossover(answer, counts, power: float = 0.75) -> Feedback:
    """The count above which a word is *less* likely to be drawn as a negative than its plain frequency.

    Solving count**p / sum(count**p) = count / sum(count) for the count gives
    c* = (sum(count) / sum(count**p)) ** (1 / (1 - p)). Also right: the largest count of a word the power
    raises, or the smallest count of a word it lowers (what comparing the two distributions word by word
    finds). Recognises: the exponent 1 / (1 - p) left out, the ratio of the sums upside down, the
    exponent 1 / p, the mean count, and the *number of words* above the crossover.

    >>> c = np.array([1000, 100, 10])
    >>> bool(check_negative_crossover((c.sum() / (c ** 0.75).sum()) ** 4, c))
    True
    """
    if (m := missing(answer)) is not None:
        return m
    c = _notebook_counts(counts)
    if isinstance(c, Feedback):
        return c
    if np.all(c == c[0]):
        return Feedback(False, "This check needs `counts` of words seen different numbers of times: with equal "
                               "counts the power changes nothing. Run section 4's first cell again.")
    p = as_number(power)
    if isinstance(p, Feedback) or not 0 < p < 1:
        return Feedback(False, f"This check needs a power between 0 and 1 (the notebook's 0.75), got {describe(power)}.")
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value
    s1, sp = c.sum(), (c ** p).sum()
    expected = float((s1 / sp) ** (1 / (1 - p)))
    lowered = (c ** p) / sp < c / s1
    raised_max = float(c[~lowered].max()) if (~lowered).any() else None
    lowered_min = float(c[lowered].min()) if lowered.any() else None
    share_tokens = float(c[lowered].sum() / s1)
    share_negatives = float((c[lowered] ** p).sum() / sp)
    praise = (f"Right: c* = (sum of counts / sum of counts^{p:g}) ^ (1 / (1 - {p:g})) = {expected:,.1f}. The "
              f"{int(lowered.sum()):,} words seen more often than that hold {share_tokens:.0%} of the tokens but get "
              f"{share_negatives:.0%} of the negatives; every rarer word is drawn a little more often than its share.")
    if math.isclose(value, expected, rel_tol=0.02) or any(
            edge is not None and abs(value - edge) <= 0.5 for edge in (raised_max, lowered_min)):
        return Feedback(True, praise)
    ratio = s1 / sp
    mistakes = {
        f"That is the ratio of the two sums, {ratio:.3g}: it equals count^(1 - {p:g}) at the crossover, so raise it to "
        f"the power 1 / (1 - {p:g}) to get the count.": ratio,
        "The ratio is upside down: at the crossover count^(1 - p) = sum(count) / sum(count^p), which is above 1.":
            float((sp / s1) ** (1 / (1 - p))),
        f"The exponent is 1 / (1 - {p:g}) = {1 / (1 - p):g}, not 1 / {p:g}: divide both sides by count^{p:g} first, "
        f"which leaves count^(1 - {p:g}).": float(ratio ** (1 / p)),
        "That is the mean count, sum(count) / number of words: the two distributions do not cross there.":
            float(s1 / c.size),
        "That is how many words lie above the crossover; the question asks for the count c* at which a word "
        "crosses over.": float(lowered.sum()),
    }
    mistakes = {hint: v for hint, v in mistakes.items() if not math.isclose(v, expected, rel_tol=0.02)}
    return check_close(value, expected, praise,
                       hint=f"Set count^{p:g} / sum(count^{p:g}) equal to count / sum(count) and solve for the count; "
                            "then compute it with `counts`.",
                       rel=0.02, mistakes=mistakes)


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


#: "a is to b as c is to ?" questions on the check's own vectors. Together they tell 3CosMul from 3CosAdd
#: (the last one), from raw cosines, from a, b, c left in, from a and b swapped and from unnormalised vectors.
COSMUL_QUESTIONS = (("man", "woman", "king"), ("boy", "girl", "prince"), ("man", "gentleman", "woman"),
                    ("queen", "girl", "man"))


def _cosmul_answers(V: np.ndarray, words: list[str], a: str, b: str, c: str) -> dict[str, str]:
    """3CosMul's answer and the answers of the usual mistakes, for one question."""
    U = _unit(V)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    cos = U @ U[[ia, ib, ic]].T                         # (n, 3): cosines with a, b, c
    shifted = (cos + 1) / 2
    dot = V @ V[[ia, ib, ic]].T

    def best(score, leave_out=(ia, ib, ic)):
        score = score.copy()
        score[list(leave_out)] = -np.inf
        return words[int(np.argmax(score))]

    return {
        "right": best(shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + 1e-3)),
        "right, gensim's epsilon": best(shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + 1e-6)),
        "add": best(cos[:, 1] - cos[:, 0] + cos[:, 2]),
        "raw": best(cos[:, 1] * cos[:, 2] / (cos[:, 0] + 1e-3)),
        "keep": best(shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + 1e-3), ()),
        "swap": best(shifted[:, 0] * shifted[:, 2] / (shifted[:, 1] + 1e-3)),
        "dot": best(dot[:, 1] * dot[:, 2] / (dot[:, 0] + 1e-3)),
        "dot_shifted": best((dot[:, 1] + 1) / 2 * (dot[:, 2] + 1) / 2 / ((dot[:, 0] + 1) / 2 + 1e-3)),
    }


@guarded
def check_solve_cosmul(fn) -> Feedback:
    """``fn(vectors, words, a, b, c)`` must answer "a is to b as c is to ?" by 3CosMul (Levy and Goldberg,
    2014): the word d, other than a, b and c, with the largest cos'(d, b) * cos'(d, c) / (cos'(d, a) + 0.001),
    where cos' = (cos + 1) / 2. gensim's epsilon (1e-6) is right too.

    Called on the check's own word vectors. Recognises: 3CosAdd, raw cosines (not shifted to [0, 1]),
    a, b and c not left out, a and b swapped, dot products of vectors not divided by their lengths
    (shifted or not), and a list or a row number instead of one word.

    >>> def solve(vectors, words, a, b, c):
    ...     unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ...     ia, ib, ic = (words.index(w) for w in (a, b, c))
    ...     cos = (unit @ unit[[ia, ib, ic]].T + 1) / 2
    ...     score = cos[:, 1] * cos[:, 2] / (cos[:, 0] + 0.001)
    ...     score[[ia, ib, ic]] = -np.inf
    ...     return words[int(np.argmax(score))]
    >>> bool(check_solve_cosmul(solve))
    True
    """
    V, words = _check_vectors()
    got_all, answers = [], []
    for a, b, c in COSMUL_QUESTIONS:
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
        answers.append(_cosmul_answers(V, words, a, b, c))
    column = {name: [ans[name] for ans in answers] for name in answers[0]}
    if got_all in (column["right"], column["right, gensim's epsilon"]):
        a, b, c = COSMUL_QUESTIONS[-1]
        contrast = (f" For {a} : {b} :: {c} : ? it answers {column['right'][-1]!r} where 3CosAdd answers "
                    f"{column['add'][-1]!r}: a candidate must be similar to b *and* to c, not very similar to one "
                    "of them." if column["right"][-1] != column["add"][-1] else "")
        return Feedback(True, "Right: shifted cosines, multiplied, divided by the shifted cosine with a, with a, b "
                              "and c left out." + contrast)
    hints = {
        "add": "That is 3CosAdd (adding and subtracting the cosines): multiply cos'(d, b) by cos'(d, c) and divide "
               "by cos'(d, a) + 0.001.",
        "raw": "Shift every cosine to (cos + 1) / 2 first: raw cosines can be negative, and then a product or a "
               "quotient no longer ranks the candidates sensibly.",
        "keep": "Leave a, b and c out of the answers: one of them is often the best match.",
        "swap": "a and b are swapped: b (like the answer) goes on top, a (unlike the answer) below: "
                "cos'(d, b) * cos'(d, c) / (cos'(d, a) + 0.001).",
        "dot": "Divide every vector by its length first, then shift the cosines to (cos + 1) / 2: raw dot products "
               "favour long vectors, and they are not between -1 and 1.",
        "dot_shifted": "Divide every vector by its length first: (dot + 1) / 2 is a shifted cosine only for unit "
                       "vectors.",
    }
    for name, hint in hints.items():
        if got_all == column[name] and column[name] != column["right"]:
            return Feedback(False, hint)
    n = next(n for n, (g, e) in enumerate(zip(got_all, column["right"])) if g != e)
    a, b, c = COSMUL_QUESTIONS[n]
    return Feedback(False, f"For {a} : {b} :: {c} : ? 3CosMul answers {column['right'][n]!r}; you returned "
                           f"{got_all[n]!r}. Score each word d by cos'(d, b) * cos'(d, c) / (cos'(d, a) + 0.001), "
                           "with cos' = (cos + 1) / 2, leaving a, b and c out.")
