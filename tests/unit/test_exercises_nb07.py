"""The checks of notebook 07: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_kept_share, check_nearest_words, check_negative_probability,
                                      check_solve_analogy)
from latent_helpers.exercises.nb07 import _check_vectors

ODD = [None, ..., "0.68", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: the share of tokens an epoch keeps -------------------------------------------

COUNTS = np.array([20000, 15000, 3000, 600, 120, 40, 9, 5, 5, 5] * 3)
SAMPLE = 1e-3
THRESHOLD = SAMPLE * COUNTS.sum()
RAW = (np.sqrt(COUNTS / THRESHOLD) + 1) * THRESHOLD / COUNTS
KEEP = np.minimum(RAW, 1.0)
SHARE = (COUNTS * KEEP).sum() / COUNTS.sum()


def test_kept_share_right_in_any_numeric_form():
    assert check_kept_share(SHARE, COUNTS, sample=SAMPLE)
    assert check_kept_share(np.float32(SHARE), COUNTS, sample=SAMPLE)
    assert check_kept_share(torch.tensor(SHARE, requires_grad=True), COUNTS, sample=SAMPLE)
    assert check_kept_share([SHARE], COUNTS, sample=SAMPLE)


@pytest.mark.parametrize("wrong, words", [
    (KEEP.mean(), "mean keep probability over the *words*"),
    (1 - SHARE, "share subsampling *drops*"),
    ((COUNTS * KEEP).sum(), "number of tokens kept"),
    ((COUNTS * np.minimum(np.sqrt(SAMPLE / (COUNTS / COUNTS.sum())), 1)).sum() / COUNTS.sum(), "paper's rule"),
    ((COUNTS * RAW).sum() / COUNTS.sum(), "cap it at 1"),
    (SHARE + 0.05, "(counts * keep_probabilities"),
])
def test_kept_share_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_kept_share(wrong, COUNTS, sample=SAMPLE))


@pytest.mark.parametrize("odd", ODD)
def test_kept_share_never_raises(odd):
    assert not check_kept_share(odd, COUNTS, sample=SAMPLE)


def test_kept_share_bad_counts_do_not_raise():
    assert not check_kept_share(0.5, [], sample=SAMPLE)
    assert not check_kept_share(0.5, "counts", sample=SAMPLE)


# --- Exercise 2: the probability of a negative -------------------------------------------------

I = 4
WEIGHTS = COUNTS.astype(float) ** 0.75
PROB = WEIGHTS[I] / WEIGHTS.sum()


def test_negative_probability_right():
    assert check_negative_probability(PROB, COUNTS, I)
    assert check_negative_probability(np.float64(PROB), COUNTS, np.int64(I))
    assert check_negative_probability(torch.tensor(PROB), COUNTS, I)


@pytest.mark.parametrize("wrong, words", [
    (COUNTS[I] / COUNTS.sum(), "plain frequency"),
    (WEIGHTS[I], "weight count ** 0.75 itself"),
    (WEIGHTS[I] / COUNTS.sum(), "sum of the *weights*"),
    ((COUNTS[I] / COUNTS.sum()) ** 0.75, "without normalising again"),
    (COUNTS[I] ** (4 / 3) / (COUNTS ** (4 / 3)).sum(), "not 4/3"),
    (PROB * 2, "weights[i] / weights.sum()"),
])
def test_negative_probability_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_negative_probability(wrong, COUNTS, I))


@pytest.mark.parametrize("odd", ODD)
def test_negative_probability_never_raises(odd):
    assert not check_negative_probability(odd, COUNTS, I)


# --- Exercise 3: cosine nearest neighbours ------------------------------------------------------

def nearest(vectors, words, query, k=5):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit[list(words).index(query)]
    sims[list(words).index(query)] = -np.inf
    return [words[j] for j in np.argsort(-sims)[:k]]


def nearest_torch(vectors, words, query, k=5):
    v = torch.nn.functional.normalize(torch.as_tensor(vectors), dim=1)
    sims = v @ v[words.index(query)]
    top = torch.topk(sims, k + 1).indices[1:]
    return tuple(words[j] for j in top.tolist())


def nearest_in_place(vectors, words, query, k=5):
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)      # changes the (copied) input
    sims = vectors @ vectors[words.index(query)]
    return [words[j] for j in np.argsort(-sims)[1:k + 1]]


def test_nearest_right_answers():
    assert check_nearest_words(nearest)
    assert check_nearest_words(nearest_torch)
    assert check_nearest_words(nearest_in_place)
    assert check_nearest_words(nearest)      # the in-place version changed only its own copy


def _euclidean(vectors, words, query, k=5):
    gap = np.linalg.norm(vectors - vectors[words.index(query)], axis=1)
    return [words[j] for j in np.argsort(gap)[1:k + 1]]


def _dot(vectors, words, query, k=5):
    sims = vectors @ vectors[words.index(query)]
    sims[words.index(query)] = -np.inf
    return [words[j] for j in np.argsort(-sims)[:k]]


def _including(vectors, words, query, k=5):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return [words[j] for j in np.argsort(-(unit @ unit[words.index(query)]))[:k]]


def _ascending(vectors, words, query, k=5):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit[words.index(query)]
    sims[words.index(query)] = np.inf
    return [words[j] for j in np.argsort(sims)[:k]]


def _indices(vectors, words, query, k=5):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return list(np.argsort(-(unit @ unit[words.index(query)]))[1:k + 1])


def _one_too_many(vectors, words, query, k=5):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return [words[j] for j in np.argsort(-(unit @ unit[words.index(query)]))[:k + 1]]


def _reversed(vectors, words, query, k=5):
    return nearest(vectors, words, query, k)[::-1]


@pytest.mark.parametrize("fn, words", [
    (_euclidean, "Euclidean distance"),
    (_dot, "raw dot products"),
    (_including, "The query itself is in your list"),
    (_ascending, "*least* similar"),
    (_indices, "row numbers"),
    (_one_too_many, "own nearest neighbour"),
    (_reversed, "wrong order"),
    (lambda v, w, q, k=5: nearest(v, w, q, k)[:-1], "got 2 words"),
    (lambda v, w, q, k=5: " ".join(nearest(v, w, q, k)), "one string"),
    (lambda v, w, q, k=5: ["nonsense"] * k, "not one of the words"),
    (lambda v, w, q, k=5: None, "None"),
    (lambda v, w, q, k=5: 1 / 0, "ZeroDivisionError"),
    (lambda v, w, q, k=5: 3.5, "list of words"),
    (lambda v, w, q, k=5: [1.5, "queen"], "strings"),
])
def test_nearest_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_nearest_words(fn))


def test_the_check_vectors_tell_the_mistakes_apart():
    """Each recognised mistake must give a different answer from the right one on the check's own data."""
    V, words = _check_vectors()
    for q, k in (("queen", 3), ("boy", 3), ("crown", 4)):
        right = nearest(V.copy(), list(words), q, k)
        assert right != _including(V.copy(), list(words), q, k)
    answers = {f.__name__: [f(V.copy(), list(words), q, k) for q, k in (("queen", 3), ("boy", 3), ("crown", 4))]
               for f in (nearest, _euclidean, _dot, _including, _ascending)}
    assert len({str(v) for v in answers.values()}) == len(answers)


@pytest.mark.parametrize("odd", [None, ..., "nearest", 3, np.zeros(3)])
def test_nearest_never_raises_on_non_functions(odd):
    assert not check_nearest_words(odd)


# --- Exercise 4: 3CosAdd -------------------------------------------------------------------------

def solve(vectors, words, a, b, c):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    sims = unit @ (unit[ib] - unit[ia] + unit[ic])
    sims[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(sims))]


def solve_gensim_style(vectors, words, a, b, c):
    from gensim.models import KeyedVectors
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(list(words), vectors)
    return kv.most_similar(positive=[b, c], negative=[a], topn=1)[0][0]


def _variant(offset, leave_out=True, unit_candidates=True, unit_question=True):
    def fn(vectors, words, a, b, c):
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        q = unit if unit_question else vectors
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        target = offset(q[ia], q[ib], q[ic])
        sims = (unit if unit_candidates else vectors) @ target
        if leave_out:
            sims[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(sims))]
    return fn


def test_solve_right_answers():
    assert check_solve_analogy(solve)
    assert check_solve_analogy(solve_gensim_style)    # gensim's most_similar is 3CosAdd too


@pytest.mark.parametrize("fn, words", [
    (_variant(lambda a, b, c: b - a + c, leave_out=False), "Leave a, b and c out"),
    (_variant(lambda a, b, c: a - b + c), "goes the other way"),
    (_variant(lambda a, b, c: a + b - c), "subtracted c"),
    (_variant(lambda a, b, c: b - a + c, unit_candidates=False, unit_question=False), "No unit vectors at all"),
    (_variant(lambda a, b, c: b - a + c, unit_question=False), "before b - a + c"),
    (lambda v, w, a, b, c: [solve(v, w, a, b, c)], "one word"),
    (lambda v, w, a, b, c: w.index(solve(v, w, a, b, c)), "row number"),
    (lambda v, w, a, b, c: "crown", "the answer is"),
    (lambda v, w, a, b, c: None, "None"),
    (lambda v, w, a, b, c: 2.5, "one word"),
])
def test_solve_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_solve_analogy(fn))


@pytest.mark.parametrize("odd", [None, ..., "solve", 3, np.zeros(3)])
def test_solve_never_raises_on_non_functions(odd):
    assert not check_solve_analogy(odd)
