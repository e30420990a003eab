"""The checks of notebook 03's exercises: the right answer passes, each recognised wrong answer gets
its own hint, and wrong types, shapes, None, text and tensors that require grad give Feedback
without raising."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_articles_cosine, check_cosine_distance_fn,
                                      check_desk_crossing, check_slerp)

BAD_VALUES = [None, ..., "0.5", True, [1.0, 2.0, 3.0], np.zeros((2, 2)), {"a": 1}, float("nan"),
              torch.ones(2, requires_grad=True), torch.tensor(7.5, requires_grad=True), object()]


def _is_not_yet(fb):
    return isinstance(fb, Feedback) and not fb.ok and fb.message


# ---------------------------------------------------------------- cosine distance (learner writes it)

def cosine_distance(a, b):
    return 1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b))


def test_cosine_right():
    assert check_cosine_distance_fn(cosine_distance)
    # a torch version and one returning a 1-element array count too
    assert check_cosine_distance_fn(lambda a, b: torch.nn.functional.cosine_similarity(
        torch.tensor(a), torch.tensor(b), dim=0).neg().add(1))
    assert check_cosine_distance_fn(lambda a, b: np.array([cosine_distance(a, b)]))


@pytest.mark.parametrize("fn, words", [
    (lambda a, b: a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), "cosine similarity"),
    (lambda a, b: np.linalg.norm(a - b), "Euclidean distance"),
    (lambda a, b: 1 - a @ b, "forgot to divide by the lengths"),
    (lambda a, b: np.arccos(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))), "radians"),
    (lambda a, b: np.degrees(np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1))),
     "degrees"),
])
def test_cosine_recognised_mistakes(fn, words):
    fb = check_cosine_distance_fn(fn)
    assert not fb and words in fb.message


def test_cosine_other_wrong_answers():
    fb = check_cosine_distance_fn(lambda a, b: 0.3)
    assert not fb and "your function gave 0.3" in fb.message
    assert "return" in check_cosine_distance_fn(lambda a, b: None).message
    assert "ZeroDivisionError" in check_cosine_distance_fn(lambda a, b: 1 / 0).message
    assert "single number" in check_cosine_distance_fn(lambda a, b: a - b).message
    assert _is_not_yet(check_cosine_distance_fn(lambda a, b: "0.1"))
    assert _is_not_yet(check_cosine_distance_fn(lambda a, b: float("nan")))


def test_cosine_function_may_change_its_inputs():
    def messy(a, b):
        d = cosine_distance(a, b)
        a[:] = 0  # changing the copies must not change the next pairs
        return d
    assert check_cosine_distance_fn(messy)


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_cosine_bad_input_never_raises(bad):
    assert _is_not_yet(check_cosine_distance_fn(bad))


# ---------------------------------------------------------------- the articles' codes by cosine

def test_articles_right():
    a = np.array([0.4, 0.5])
    right = [cosine_distance(a, np.array([0.45, 0.45])), cosine_distance(a, np.array([0.6, 0.75]))]
    assert check_articles_cosine(right)
    assert check_articles_cosine(tuple(right))
    assert check_articles_cosine(torch.tensor(right, requires_grad=True))
    assert "times 1.5" in check_articles_cosine(np.array(right)).message


@pytest.mark.parametrize("answer, words", [
    ([0.0707, 0.3202], "Euclidean"),
    ([0.9939, 1.0], "similarities"),
    ([0.0, 0.00612], "swapped"),
])
def test_articles_recognised_mistakes(answer, words):
    fb = check_articles_cosine(answer)
    assert not fb and words in fb.message


def test_articles_other_wrong_answers():
    fb = check_articles_cosine([0.3, 0.2])
    assert not fb and "cosine_distance(a, b) twice" in fb.message
    fb = check_articles_cosine(0.006)
    assert not fb and "two numbers" in fb.message
    fb = check_articles_cosine([[0.0061, 0.0]])
    assert not fb and "reshape" in fb.message


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_articles_bad_input_never_raises(bad):
    assert _is_not_yet(check_articles_cosine(bad))


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
