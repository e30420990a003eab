"""The checks of notebook 06: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import math

import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_class_entropy, check_frechet_1d,
                                     check_optimal_discriminator, check_slope_ratio)
from latent_helpers.exercises.nb06 import best_discriminator_numerically

ODD = [None, ..., "49", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 2: class entropy --------------------------------------------------------------------

def right_entropy(labels):
    p = np.bincount(labels, minlength=10) / len(labels)
    p = p[p > 0]
    return -(p * np.log(p)).sum()


def torch_entropy(labels):
    p = torch.bincount(torch.as_tensor(labels), minlength=10).double() / len(labels)
    return -(p * torch.log(p)).nan_to_num().sum()


def unique_entropy(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


def test_class_entropy_right_answers():
    assert check_class_entropy(right_entropy)
    assert check_class_entropy(torch_entropy)
    assert check_class_entropy(unique_entropy)


def _naive(labels):
    p = np.bincount(labels, minlength=10) / len(labels)
    return -(p * np.log(p)).sum()


@pytest.mark.parametrize("fn, words", [
    (lambda y: right_entropy(y) / math.log(2), "bits"),
    (lambda y: -right_entropy(y), "sign is flipped"),
    (lambda y: -(lambda c: (c * np.log(c)).sum())(np.bincount(y)[np.bincount(y) > 0].astype(float)), "counts"),
    (lambda y: right_entropy(y) / math.log(10), "divided by ln 10"),
    (lambda y: len(np.unique(y)), "number of digits that appear"),
    (_naive, "0 log 0 = 0"),
    (lambda y: right_entropy(y) + 0.1, "Count each digit"),
    (lambda y: None, "None"),
    (lambda y: 1 / 0, "ZeroDivisionError"),
    (lambda y: "2.3", "Return one number"),
    (lambda y: np.ones(3), "Return one number"),
])
def test_class_entropy_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_class_entropy(fn))


def test_class_entropy_changing_the_labels_in_place_does_not_matter():
    def sneaky(labels):
        labels[:] = 0
        return 0.0
    assert not check_class_entropy(sneaky)
    assert check_class_entropy(right_entropy)


@pytest.mark.parametrize("odd", [None, ..., "entropy", 3, np.zeros(3)])
def test_class_entropy_never_raises_on_non_functions(odd):
    assert not check_class_entropy(odd)


# --- Exercise 3: the Frechet distance of single numbers ---------------------------------------------

def right_frechet(a, b):
    return (a.mean() - b.mean()) ** 2 + (a.std() - b.std()) ** 2


def test_frechet_1d_right_answers():
    assert check_frechet_1d(right_frechet)
    assert check_frechet_1d(lambda a, b: (a.mean() - b.mean()) ** 2 + (a.std(ddof=1) - b.std(ddof=1)) ** 2)
    assert check_frechet_1d(lambda a, b: (torch.tensor(a).mean() - torch.tensor(b).mean()) ** 2
                            + (torch.tensor(a).std() - torch.tensor(b).std()) ** 2)        # torch: ddof = 1
    assert check_frechet_1d(lambda a, b: (a.mean() - b.mean()) ** 2 + a.var() + b.var()
                            - 2 * math.sqrt(a.var() * b.var()))                          # the matrix formula in 1-D


@pytest.mark.parametrize("fn, words", [
    (lambda a, b: (a.mean() - b.mean()) ** 2 + (a.var() - b.var()) ** 2, "variances"),
    (lambda a, b: math.sqrt(right_frechet(a, b)), "square root"),
    (lambda a, b: (a.mean() - b.mean()) ** 2, "spread term is missing"),
    (lambda a, b: abs(a.mean() - b.mean()) + (a.std() - b.std()) ** 2, "means must be squared"),
    (lambda a, b: (a.mean() - b.mean()) ** 2 + abs(a.std() - b.std()), "standard deviations must be squared"),
    (lambda a, b: (a.std() - b.std()) ** 2, "only the spread term"),
    (lambda a, b: (a.std(ddof=1) - b.std(ddof=1)) ** 2, "only the spread term"),
    (lambda a, b: right_frechet(a, b) * 2, "(a.mean() - b.mean())**2"),
    (lambda a, b: None, "None"),
    (lambda a, b: [1.0, 2.0], "Return one number"),
    (lambda a: 0.0, "raised TypeError"),
])
def test_frechet_1d_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_frechet_1d(fn))


@pytest.mark.parametrize("odd", [None, ..., "fd", 3, np.zeros(3)])
def test_frechet_1d_never_raises_on_non_functions(odd):
    assert not check_frechet_1d(odd)


# --- Exercise 1: the lengths of the two gradients over a batch's logits -----------------------------

def slope_ratio_by_hand(d):
    return np.linalg.norm(1 - d) / np.linalg.norm(d)


def slope_ratio_by_autograd(d):
    a = torch.logit(torch.as_tensor(d, dtype=torch.float64)).requires_grad_()
    (ns,) = torch.autograd.grad(torch.nn.functional.softplus(-a).mean(), a)
    (sat,) = torch.autograd.grad(-torch.nn.functional.softplus(a).mean(), a)
    return ns.norm() / sat.norm()                                       # a 0-d tensor is a number too


def test_slope_ratio_right_answers():
    assert check_slope_ratio(slope_ratio_by_hand)
    assert check_slope_ratio(slope_ratio_by_autograd)
    assert check_slope_ratio(lambda d: float(np.sqrt(((1 - d) ** 2).sum() / (d ** 2).sum())))


@pytest.mark.parametrize("fn, words", [
    (lambda d: np.linalg.norm(d) / np.linalg.norm(1 - d), "Upside down"),
    (lambda d: (1 - d).mean() / d.mean(), "ratio of the mean slopes"),
    (lambda d: np.mean((1 - d) / d), "average of each picture's own ratio"),
    (lambda d: np.mean(-np.log(d)) / np.mean(-np.log(1 - d)), "ratio of the two losses"),
    (lambda d: slope_ratio_by_hand(d) * len(d), "Off by the batch size"),
    (lambda d: slope_ratio_by_hand(d) / len(d), "divided by it"),
    (lambda d: (1 - d) / d, "Return one number"),
    (lambda d: 49, "compare the lengths"),
    (lambda d: None, "None"),
    (lambda: 1.0, "raised TypeError"),
])
def test_slope_ratio_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_slope_ratio(fn))


def test_slope_ratio_a_mistake_that_coincides_with_the_answer_is_not_blamed():
    # with every verdict equal, the ratio of the means is the right answer: the first batch must pass it
    # and the second (uneven) batch must be the one to name the mistake
    message = _hint(check_slope_ratio(lambda d: (1 - d).mean() / d.mean()))
    assert message.startswith("For 64 pictures that D rejects")


@pytest.mark.parametrize("odd", [None, ..., "ratio", 3, np.zeros(3)])
def test_slope_ratio_never_raises_on_non_functions(odd):
    assert not check_slope_ratio(odd)


# --- Exercise 4: the optimal discriminator -----------------------------------------------------------

def test_the_numerical_maximiser_finds_the_closed_form_without_using_it():
    rng = np.random.default_rng(0)
    a, b = rng.uniform(0.001, 1, 200), rng.uniform(0.001, 1, 200)
    np.testing.assert_allclose(best_discriminator_numerically(a, b), a / (a + b), atol=1e-9)


def test_optimal_discriminator_right_answers():
    assert check_optimal_discriminator(lambda p, q: p / (p + q))
    assert check_optimal_discriminator(lambda p, q: 1 / (1 + q / p))
    assert check_optimal_discriminator(lambda p, q: torch.sigmoid(torch.log(torch.tensor(p) / torch.tensor(q))))
    assert check_optimal_discriminator(lambda p, q: list(p / (p + q)))


@pytest.mark.parametrize("fn, words", [
    (lambda p, q: q / (p + q), "That is 1 - D*"),
    (lambda p, q: p / q, "likelihood ratio"),
    (lambda p, q: np.full_like(p, 0.5), "constant 0.5"),
    (lambda p, q: (p > q).astype(float), "hard verdict"),
    (lambda p, q: p - q, "difference of the densities"),
    (lambda p, q: p / (p + q) + 0.01, "found numerically"),
    (lambda p, q: 0.5, "one verdict per point"),
    (lambda p, q: (p / (p + q))[:-1], "one verdict per point"),
    (lambda p, q: "D", "one verdict per point"),
    (lambda p, q: None, "None"),
    (lambda p: p, "raised TypeError"),
])
def test_optimal_discriminator_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_optimal_discriminator(fn))


def test_optimal_discriminator_changing_the_densities_in_place_does_not_matter():
    def sneaky(p, q):
        q[:] = p
        return np.full_like(p, 0.5)
    assert not check_optimal_discriminator(sneaky)


@pytest.mark.parametrize("odd", [None, ..., "D*", 3, np.zeros(3)])
def test_optimal_discriminator_never_raises_on_non_functions(odd):
    assert not check_optimal_discriminator(odd)
