"""The checks of 00_start_here: right answers pass, each recognised wrong answer gets its hint, and
odd answers (None, text, bools, arrays, tensors that require grad, functions that crash) get
Feedback instead of an exception."""
import numpy as np
import pytest
import torch

from support.feedback_asserts import assert_not_yet as _not_yet
from latent_helpers.exercises import check_mix, check_mix_value, check_pixel_count, check_variance_share

ODD_ANSWERS = [None, ..., "3072", True, [1, 2], np.zeros((3, 3)), object(), float("nan"), 1e400,
               torch.ones(2, requires_grad=True), {"a": 1}]



# --- the number of numbers in a 32 x 32 colour image ----------------------------------------

def test_pixel_count_right_answers():
    assert check_pixel_count(3072)
    assert check_pixel_count(32 * 32 * 3)
    assert check_pixel_count(np.int64(3072)) and check_pixel_count(3072.0) and check_pixel_count([3072])
    assert check_pixel_count(torch.tensor(3072.0, requires_grad=True))
    assert check_pixel_count(28 * 28, height=28, width=28, channels=1)   # the MNIST digit itself


@pytest.mark.parametrize("wrong, words", [
    (1024, ["number of pixels", "3 numbers"]),
    (64, ["adds the two sides"]),
    (96, ["one row"]),
    (784, ["MNIST"]),
    (3000, ["Multiply the height"]),
])
def test_pixel_count_names_the_likely_mistakes(wrong, words):
    _not_yet(check_pixel_count(wrong), *words)


def test_pixel_count_other_sizes_compute_their_own_answer():
    assert check_pixel_count(48 * 64 * 3, height=48, width=64, channels=3)
    _not_yet(check_pixel_count(48 * 64, height=48, width=64, channels=3), "number of pixels")


def test_pixel_count_odd_answers():
    _not_yet(check_pixel_count(None), "No answer yet")
    _not_yet(check_pixel_count("3072"), "without quotes")
    _not_yet(check_pixel_count(3072.5))
    for answer in ODD_ANSWERS:
        _not_yet(check_pixel_count(answer))


# --- the grey level of one pixel of the mix at t = 0.8 --------------------------------------

def test_mix_value_right_answers():
    assert check_mix_value(0.2) and check_mix_value(1 - 0.8) and check_mix_value(np.float32(0.2))
    assert check_mix_value(0.75, t=0.25)


@pytest.mark.parametrize("wrong, words", [
    (0.8, ["8's share", "1 - t"]),
    (0.5, ["t = 0.5", "still picture"]),
    (1.0, ["3 alone"]),
    (0.0, ["8 alone"]),
    (0.35, ["(1 - t) x"]),
])
def test_mix_value_names_the_likely_mistakes(wrong, words):
    _not_yet(check_mix_value(wrong), *words)


def test_mix_value_odd_answers():
    for answer in ODD_ANSWERS:
        _not_yet(check_mix_value(answer))


# --- mix(a, b, t) ------------------------------------------------------------------------------

def test_mix_right_answers():
    assert check_mix(lambda a, b, t: (1 - t) * a + t * b)
    assert check_mix(lambda a, b, t: a + t * (b - a))

    def in_place(a, b, t):   # changes its arguments: the check passes copies, so this is fine
        a *= 1 - t
        b *= t
        return a + b
    assert check_mix(in_place)
    assert check_mix(lambda a, b, t: torch.tensor((1 - t) * a + t * b, requires_grad=True))
    assert check_mix(lambda a, b, t: ((1 - t) * a + t * b).tolist())


@pytest.mark.parametrize("mix, words", [
    (lambda a, b, t: t * a + (1 - t) * b, ["wrong way"]),
    (lambda a, b, t: (a + b) / 2, ["does not depend on t"]),
    (lambda a, b, t: a + t * b, ["add up to 1", "a + t * b"]),
    (lambda a, b, t: t * (a + b), ["add up to 1", "t * (a + b)"]),
    (lambda a, b, t: (1 - t) * a, ["b's share"]),
    (lambda a, b, t: (1 - t) * a + t * b + 0.1, ["not (1 - t) * a + t * b"]),
])
def test_mix_names_the_likely_mistakes(mix, words):
    _not_yet(check_mix(mix), *words)


def test_mix_odd_functions_and_answers():
    _not_yet(check_mix(lambda a, b, t: None), "returned None")
    _not_yet(check_mix(lambda a, b, t: 1 / 0), "ZeroDivisionError")
    _not_yet(check_mix(lambda a, b: a), "TypeError")
    _not_yet(check_mix(lambda a, b, t: 0.5), "shape")
    _not_yet(check_mix(lambda a, b, t: np.concatenate([a, b])), "shape")
    _not_yet(check_mix(lambda a, b, t: "mixed"), "Numbers are expected")
    for answer in ODD_ANSWERS:
        _not_yet(check_mix(answer))


# --- the share of the variance that 3 PCA numbers keep ---------------------------------------

@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(300, 6)) @ np.diag([4.0, 3.0, 2.0, 1.0, 0.5, 0.1]) @ np.linalg.qr(
        rng.normal(size=(6, 6)))[0]


def test_variance_share_right_answer_as_a_learner_computes_it(data):
    from sklearn.decomposition import PCA
    share = PCA(n_components=3, random_state=0).fit(data).explained_variance_ratio_.sum()
    assert check_variance_share(share, data)
    assert check_variance_share(torch.tensor(share, requires_grad=True), data)


def test_variance_share_names_the_likely_mistakes(data):
    from sklearn.decomposition import PCA
    ratios = PCA(n_components=4).fit(data).explained_variance_ratio_
    _not_yet(check_variance_share(ratios[:2].sum(), data), "share of 2 numbers")
    _not_yet(check_variance_share(ratios[2], data), "number 3 alone")
    _not_yet(check_variance_share(ratios[:4].sum(), data), "4 numbers")
    _not_yet(check_variance_share(100 * ratios[:3].sum(), data), "percentage")
    _not_yet(check_variance_share(0.01, data), "explained_variance_ratio_.sum()")


def test_variance_share_odd_answers(data):
    for answer in ODD_ANSWERS:
        _not_yet(check_variance_share(answer, data))
