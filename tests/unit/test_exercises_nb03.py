"""The checks of notebook 03's exercises: the right answer passes, each recognised wrong answer gets
its own hint, and wrong types, shapes, None, text and tensors that require grad give Feedback
without raising."""
import numpy as np
import pytest
import torch

from support.feedback_asserts import assert_not_yet
from latent_helpers.exercises import (Feedback, check_cosine_kind_share, check_cosine_nearest, check_desk_crossing,
                                      check_slerp)

BAD_VALUES = [None, ..., "0.5", True, [1.0, 2.0, 3.0], np.zeros((2, 2)), {"a": 1}, float("nan"),
              torch.ones(2, requires_grad=True), torch.tensor(7.5, requires_grad=True), object()]


def _is_not_yet(fb):
    return isinstance(fb, Feedback) and not fb.ok and fb.message


# ---------------------------------------------------------------- nearest by cosine (learner writes it)

def cosine_nearest(Z):
    centred = Z - Z.mean(axis=0)
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    cosines = unit @ unit.T
    np.fill_diagonal(cosines, -np.inf)
    return cosines.argmax(axis=1)


def _cosines(Z, centre=True):
    V = Z - Z.mean(axis=0) if centre else Z
    U = V / np.linalg.norm(V, axis=1, keepdims=True)
    return U @ U.T


def test_nearest_right():
    assert check_cosine_nearest(cosine_nearest)
    # a list, a torch version and one with scikit-learn's cosine distances count too
    assert check_cosine_nearest(lambda Z: [int(i) for i in cosine_nearest(Z)])
    def with_torch(Z):
        C = torch.tensor(Z - Z.mean(axis=0))
        S = torch.nn.functional.cosine_similarity(C[:, None, :], C[None, :, :], dim=2)
        return (S - 3 * torch.eye(len(Z), dtype=S.dtype)).argmax(dim=1)
    assert check_cosine_nearest(with_torch)
    from sklearn.metrics.pairwise import cosine_distances
    def with_sklearn(Z):
        D = cosine_distances(Z - Z.mean(axis=0))
        np.fill_diagonal(D, np.inf)
        return D.argmin(axis=1)
    assert check_cosine_nearest(with_sklearn)


def _self_included(Z):
    return _cosines(Z).argmax(axis=1)


def _not_centred(Z):
    S = _cosines(Z, centre=False)
    np.fill_diagonal(S, -np.inf)
    return S.argmax(axis=1)


def _farthest(Z):
    S = _cosines(Z)
    np.fill_diagonal(S, np.inf)
    return S.argmin(axis=1)


def _euclidean(Z):
    D = np.linalg.norm(Z[:, None] - Z[None], axis=2)
    np.fill_diagonal(D, np.inf)
    return D.argmin(axis=1)


@pytest.mark.parametrize("fn, words", [
    (_self_included, "Every row found itself"),
    (_not_centred, "not centred"),
    (_farthest, "farthest rows"),
    (_euclidean, "Euclidean distance"),
])
def test_nearest_recognised_mistakes(fn, words):
    assert_not_yet(check_cosine_nearest(fn), words)


def test_nearest_other_wrong_answers():
    assert_not_yet(check_cosine_nearest(lambda Z: np.zeros(len(Z), int) + 1), "your function says row")
    assert_not_yet(check_cosine_nearest(lambda Z: _cosines(Z)), "table")
    assert_not_yet(check_cosine_nearest(lambda Z: _cosines(Z).max(axis=1)), "whole numbers")
    assert_not_yet(check_cosine_nearest(lambda Z: cosine_nearest(Z)[None, :]), "flatten")
    assert_not_yet(check_cosine_nearest(lambda Z: cosine_nearest(Z)[:-1]), "indices")
    assert_not_yet(check_cosine_nearest(lambda Z: cosine_nearest(Z) + len(Z)), "run from 0")
    assert_not_yet(check_cosine_nearest(lambda Z: None), "return")
    assert_not_yet(check_cosine_nearest(lambda Z: 1 / 0), "ZeroDivisionError")
    assert_not_yet(check_cosine_nearest(lambda Z: "0 1 2"))


def test_nearest_function_may_change_its_input():
    def messy(Z):
        out = cosine_nearest(Z)
        Z[:] = 0   # changing the copy must not change the check's own code sets
        return out
    assert check_cosine_nearest(messy)
    assert check_cosine_nearest(cosine_nearest)


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_nearest_bad_input_never_raises(bad):
    assert _is_not_yet(check_cosine_nearest(bad))


# ---------------------------------------------------------------- the share of same-kind cosine neighbours

# codes in two kinds around a point far from the origin, so that centring matters
_RNG = np.random.default_rng(7)
CODES = np.r_[_RNG.normal([4.0, 6.0], 1.0, (30, 2)), _RNG.normal([7.0, 6.5], 1.0, (30, 2))]
KINDS = np.r_[np.zeros(30, int), np.ones(30, int)]


def _share(nearest):
    return float(np.mean(KINDS[nearest] == KINDS))


def test_share_right():
    right = _share(cosine_nearest(CODES))
    assert check_cosine_kind_share(right, CODES, KINDS)
    assert check_cosine_kind_share(torch.tensor(right, requires_grad=True), CODES, KINDS)
    assert check_cosine_kind_share(np.float32(right), CODES, KINDS)
    assert "Euclidean distance the nearest code" in check_cosine_kind_share(right, CODES, KINDS).message


def test_share_recognised_mistakes():
    right = _share(cosine_nearest(CODES))
    wrongs = {"Every piece found itself": 1.0, "not centred": _share(_not_centred(CODES)),
              "Euclidean nearest": _share(_euclidean(CODES)), "other* kind": 1 - right, "percentage": 100 * right}
    for words, value in wrongs.items():
        assert abs(value - right) > 0.01, words   # the test data keep the slips apart
        assert_not_yet(check_cosine_kind_share(value, CODES, KINDS), words)


def test_share_other_wrong_answers():
    assert_not_yet(check_cosine_kind_share(0.123, CODES, KINDS), "cosine_nearest(Z_colour)")
    assert_not_yet(check_cosine_kind_share("0.5", CODES, KINDS), "between 0 and 1")
    assert_not_yet(check_cosine_kind_share([0.5, 0.5], CODES, KINDS), "between 0 and 1")


@pytest.mark.parametrize("codes, kinds", [
    (None, KINDS), (CODES, None), (CODES[:10], KINDS), ("codes", KINDS), (CODES.ravel(), KINDS),
    (np.full_like(CODES, np.nan), KINDS),
])
def test_share_blames_the_notebook_data_not_the_learner(codes, kinds):
    right = _share(cosine_nearest(CODES))
    fb = assert_not_yet(check_cosine_kind_share(right, codes, kinds), "not what the notebook made", "Z_colour")
    assert f"{right:.1%}" not in fb.message and f"{right:.3f}" not in fb.message   # no answer given away


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_share_bad_input_never_raises(bad):
    assert _is_not_yet(check_cosine_kind_share(bad, CODES, KINDS))


# ---------------------------------------------------------------- slerp (learner writes it)

def slerp(a, b, t):
    cos = np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0)
    omega = np.arccos(cos)
    if np.sin(omega) < 1e-6:
        return (1 - t) * a + t * b
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)


def naive_slerp(a, b, t):  # no guard for parallel codes
    omega = np.arccos(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)


def test_slerp_right():
    assert check_slerp(slerp)
    import latent_helpers as lh
    assert check_slerp(lh.slerp)  # the course's own, float32
    assert check_slerp(lambda a, b, t: torch.from_numpy(slerp(a, b, t)).requires_grad_(True))
    assert check_slerp(lambda a, b, t: list(slerp(a, b, t)))


@pytest.mark.parametrize("fn, words", [
    (lambda a, b, t: (1 - t) * a + t * b, "This is lerp: the norm of your midpoint between [2, 0] and [0, 2] is 0.71"),
    (lambda a, b, t: slerp(a, b, 1 - t), "t = 0 should give a"),
    (lambda a, b, t: slerp(b, a, t), "t = 0 should give a"),
    (lambda a, b, t: slerp(a, b, t) / np.linalg.norm(slerp(a, b, t)), "You normalised the result"),
    (lambda a, b, t: slerp(a / np.linalg.norm(a), b / np.linalg.norm(b), t), "You normalised the result"),
    (naive_slerp, "sin(omega) is 0"),
    (lambda a, b, t: slerp(a, b, t) * np.sin(np.arccos(np.clip(
        a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1))), "divide the weighted sum by np.sin(omega)"),
])
def test_slerp_recognised_mistakes(fn, words):
    fb = check_slerp(fn)
    assert not fb and words in fb.message, fb.message


def test_slerp_degrees():
    def deg(a, b, t):
        w = np.degrees(np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1)))
        if abs(np.sin(w)) < 1e-6 or w < 1:
            return (1 - t) * a + t * b
        return (np.sin((1 - t) * w) * a + np.sin(t * w) * b) / np.sin(w)
    fb = check_slerp(deg)
    assert not fb and "degrees" in fb.message


def test_slerp_other_wrong_answers():
    fb = check_slerp(lambda a, b, t: a + b)
    assert not fb and "slerp gives" in fb.message
    assert "shape" in check_slerp(lambda a, b, t: np.stack([a, b])).message
    assert "shape" in check_slerp(lambda a, b, t: 0.5).message
    assert "return" in check_slerp(lambda a, b, t: None).message
    assert "IndexError" in check_slerp(lambda a, b, t: a[5]).message
    assert _is_not_yet(check_slerp(lambda a, b, t: "a"))
    assert _is_not_yet(check_slerp(lambda a, b: a))  # forgot t: TypeError becomes Feedback


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_slerp_bad_input_never_raises(bad):
    assert _is_not_yet(check_slerp(bad))


# ---------------------------------------------------------------- where the chair becomes a desk

TS = np.linspace(0, 1, 11)
P = np.clip((TS - 0.55) * 5 + 0.5, 0, 1)  # reaches 0.5 at t = 0.6 (index 6), most sure at t = 0.7


def test_crossing_right():
    assert check_desk_crossing(0.6, TS, P)
    assert check_desk_crossing(0.55, TS, P)  # within one step
    assert check_desk_crossing(np.float32(0.6), TS, P)
    assert check_desk_crossing(torch.tensor(0.6, requires_grad=True), TS, P)
    assert check_desk_crossing(TS[np.argmax(P >= 0.5)], TS, P)


@pytest.mark.parametrize("answer, words", [
    (6, "index of that point"),
    (P[6], "probability"),
    (0.3, "still sees a chair"),
])
def test_crossing_recognised_mistakes(answer, words):
    fb = check_desk_crossing(answer, TS, P)
    assert not fb and words in fb.message


def test_crossing_most_confident():
    ts = np.linspace(0, 1, 11)
    p = np.array([0, 0, 0, 0.2, 0.6, 0.7, 0.8, 0.9, 0.99, 0.95, 0.9])
    fb = check_desk_crossing(0.8, ts, p)
    assert not fb and "most sure" in fb.message
    fb = check_desk_crossing(1.0, ts, p)
    assert not fb and "first" in fb.message


def test_crossing_broken_arrays_give_feedback():
    assert "run the exercise's first cell again" in check_desk_crossing(0.6, TS, P[:-1]).message
    assert _is_not_yet(check_desk_crossing(0.6, "ts", P))
    assert _is_not_yet(check_desk_crossing(0.6, None, None))


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_crossing_bad_input_never_raises(bad):
    assert _is_not_yet(check_desk_crossing(bad, TS, P))
