"""The checks of notebook 07: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_kept_share, check_negative_crossover, check_nearest_words,
                                      check_solve_cosmul)
from latent_helpers.exercises.nb07 import COSMUL_QUESTIONS, _check_vectors, _cosmul_answers

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


# --- Exercise 2: where the 3/4 power crosses the plain frequency ---------------------------------

S1, S75 = COUNTS.sum(), (COUNTS.astype(float) ** 0.75).sum()
CROSS = (S1 / S75) ** 4
LOWERED = (COUNTS ** 0.75) / S75 < COUNTS / S1                 # the words the power makes rarer as negatives


def test_the_test_counts_have_a_crossover_between_two_counts():
    assert 0 < LOWERED.sum() < len(COUNTS)
    assert COUNTS[~LOWERED].max() < CROSS < COUNTS[LOWERED].min()


def test_crossover_right_in_any_form():
    assert check_negative_crossover(CROSS, COUNTS)
    assert check_negative_crossover(round(CROSS, 1), COUNTS)
    assert check_negative_crossover(torch.tensor(CROSS, requires_grad=True), torch.tensor(COUNTS))
    assert check_negative_crossover(np.float32(CROSS), list(COUNTS))
    assert "of the negatives" in check_negative_crossover(CROSS, COUNTS).message


def test_crossover_found_word_by_word_is_right_too():
    """Comparing the two distributions word by word finds the counts on either side of c*."""
    assert check_negative_crossover(COUNTS[LOWERED].min(), COUNTS)
    assert check_negative_crossover(COUNTS[~LOWERED].max(), COUNTS)


@pytest.mark.parametrize("wrong, words", [
    (S1 / S75, "raise it to the power 1 / (1 - 0.75)"),
    ((S75 / S1) ** 4, "upside down"),
    ((S1 / S75) ** (1 / 0.75), "not 1 / 0.75"),
    (S1 / len(COUNTS), "mean count"),
    (float(LOWERED.sum()), "how many words lie above"),
    (CROSS * 1.3, "solve for the count"),
])
def test_crossover_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_negative_crossover(wrong, COUNTS))


@pytest.mark.parametrize("odd", ODD)
def test_crossover_never_raises(odd):
    assert not check_negative_crossover(odd, COUNTS)


@pytest.mark.parametrize("bad", [None, [], "counts", [5.0], [3, 3, 3], [10, -1, 4], [1.0, float("nan")], object()])
def test_crossover_names_the_notebook_variable_when_counts_are_broken(bad):
    message = _hint(check_negative_crossover(CROSS, bad))
    assert "counts" in message and "section 4" in message
    assert f"{CROSS:.1f}" not in message                              # never the answer


def test_crossover_refuses_an_odd_power():
    assert "power" in _hint(check_negative_crossover(CROSS, COUNTS, power=1.5))
    assert "power" in _hint(check_negative_crossover(CROSS, COUNTS, power="0.75"))


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


# --- Exercise 4: 3CosMul -------------------------------------------------------------------------

def solve(vectors, words, a, b, c, eps=1e-3):
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    shifted = (unit @ unit[[ia, ib, ic]].T + 1) / 2
    score = shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + eps)
    score[[ia, ib, ic]] = -np.inf
    return words[int(np.argmax(score))]


def solve_gensim(vectors, words, a, b, c):
    from gensim.models import KeyedVectors
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(list(words), vectors)
    return kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=1)[0][0]


def solve_torch(vectors, words, a, b, c):
    unit = torch.nn.functional.normalize(torch.as_tensor(vectors), dim=1)
    ia, ib, ic = (words.index(w) for w in (a, b, c))
    cos = lambda i: (unit @ unit[i] + 1) / 2     # noqa: E731
    score = cos(ib) * cos(ic) / (cos(ia) + 1e-3)
    score[[ia, ib, ic]] = -float("inf")
    return words[int(torch.argmax(score))]       # a Python str


def test_cosmul_right_answers():
    assert check_solve_cosmul(solve)
    assert check_solve_cosmul(lambda *q: solve(*q, eps=1e-6))
    assert check_solve_cosmul(solve_gensim)      # gensim's most_similar_cosmul is the same method
    assert check_solve_cosmul(solve_torch)
    assert "3CosAdd answers" in check_solve_cosmul(solve).message


def _scored(score_of, leave_out=True, unit=True):
    """A solve() that ranks by score_of(cos with a, cos with b, cos with c), each an array over the words."""
    def fn(vectors, words, a, b, c):
        V = vectors / np.linalg.norm(vectors, axis=1, keepdims=True) if unit else vectors
        ia, ib, ic = (words.index(w) for w in (a, b, c))
        score = score_of(*(V @ V[i] for i in (ia, ib, ic)))
        if leave_out:
            score[[ia, ib, ic]] = -np.inf
        return words[int(np.argmax(score))]
    return fn


def _shift(x):
    return (x + 1) / 2


@pytest.mark.parametrize("fn, words", [
    (_scored(lambda ca, cb, cc: cb - ca + cc), "That is 3CosAdd"),
    (_scored(lambda ca, cb, cc: cb * cc / (ca + 1e-3)), "Shift every cosine"),
    (_scored(lambda ca, cb, cc: _shift(cb) * _shift(cc) / (_shift(ca) + 1e-3), leave_out=False), "Leave a, b and c out"),
    (_scored(lambda ca, cb, cc: _shift(ca) * _shift(cc) / (_shift(cb) + 1e-3)), "a and b are swapped"),
    (_scored(lambda ca, cb, cc: cb * cc / (ca + 1e-3), unit=False), "raw dot products"),
    (_scored(lambda ca, cb, cc: _shift(cb) * _shift(cc) / (_shift(ca) + 1e-3), unit=False), "only for unit"),
    (lambda v, w, a, b, c: [solve(v, w, a, b, c)], "one word"),
    (lambda v, w, a, b, c: w.index(solve(v, w, a, b, c)), "row number"),
    (lambda v, w, a, b, c: "crown", "3CosMul answers"),
    (lambda v, w, a, b, c: None, "None"),
    (lambda v, w, a, b, c: 2.5, "one word"),
    (lambda v, w, a, b, c: 1 / 0, "ZeroDivisionError"),
])
def test_cosmul_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_solve_cosmul(fn))


def test_the_cosmul_questions_tell_every_mistake_apart():
    """On the check's own vectors, each recognised mistake answers differently from 3CosMul and from the others."""
    V, words = _check_vectors()
    columns = {}
    for question in COSMUL_QUESTIONS:
        for name, answer in _cosmul_answers(V, words, *question).items():
            columns.setdefault(name, []).append(answer)
    assert columns["right"] == [solve(V.copy(), list(words), *q) for q in COSMUL_QUESTIONS]
    mistakes = {name: tuple(col) for name, col in columns.items() if not name.startswith("right")}
    assert all(col != tuple(columns["right"]) for col in mistakes.values())
    assert len(set(mistakes.values())) == len(mistakes)


@pytest.mark.parametrize("odd", [None, ..., "solve", 3, np.zeros(3)])
def test_cosmul_never_raises_on_non_functions(odd):
    assert not check_solve_cosmul(odd)
