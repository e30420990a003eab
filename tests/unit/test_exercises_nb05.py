"""The checks of notebook 05: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_attribute_vector, check_kl_term, check_neg_elbo,
                                      check_reparameterise)

MU, LOGVAR = np.array([0.5, -1.0]), np.array([0.0, -0.5])
KL = float(-0.5 * np.sum(1 + LOGVAR - MU ** 2 - np.exp(LOGVAR)))

ODD = [None, ..., "0.68", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: the KL term ---------------------------------------------------------------

def test_kl_right_answers_in_any_numeric_form():
    assert check_kl_term(KL, MU, LOGVAR)
    assert check_kl_term(round(KL, 4), MU, LOGVAR)
    assert check_kl_term(np.float32(KL), MU, LOGVAR)
    assert check_kl_term([KL], MU, LOGVAR)
    mu_t, lv_t = torch.tensor(MU, requires_grad=True), torch.tensor(LOGVAR, requires_grad=True)
    as_tensor = -0.5 * torch.sum(1 + lv_t - mu_t ** 2 - lv_t.exp())
    assert as_tensor.requires_grad
    assert check_kl_term(as_tensor, MU, LOGVAR)


@pytest.mark.parametrize("wrong, words", [
    (-KL, "sign is flipped"),
    (2 * KL, "twice"),
    (-2 * KL, "bracket summed"),
    (KL + 1.0, "left out the 1"),
    (KL / 2, "mean over the dimensions"),
    (float(-0.5 * np.sum(1 - MU ** 2)), "logvar where the variance"),
])
def test_kl_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_kl_term(wrong, MU, LOGVAR))


def test_kl_unrecognised_wrong_answer_gets_the_formula():
    assert "-0.5 * sum" in _hint(check_kl_term(KL + 0.3, MU, LOGVAR))


@pytest.mark.parametrize("odd", ODD)
def test_kl_never_raises(odd):
    assert not check_kl_term(odd, MU, LOGVAR)


# --- Exercise 2: the reparameterisation trick ----------------------------------------------

def right(mu, logvar, eps):
    return mu + torch.exp(0.5 * logvar) * eps


def in_place(mu, logvar, eps):
    z = mu
    z += torch.exp(0.5 * logvar) * eps
    return z


def via_sqrt(mu, logvar, eps):
    return mu + torch.sqrt(torch.exp(logvar)) * eps


def test_reparameterise_right_answers():
    assert check_reparameterise(right)
    assert check_reparameterise(in_place)          # changing the (copied) arguments in place is fine
    assert check_reparameterise(via_sqrt)


def test_reparameterise_zeroing_eps_is_wrong():
    def cheat(mu, logvar, eps):
        eps.zero_()
        return mu
    assert "noise is gone" in _hint(check_reparameterise(cheat))


@pytest.mark.parametrize("fn, words", [
    (lambda m, lv, e: m + lv * e, "logvar as the standard deviation"),
    (lambda m, lv, e: m + torch.exp(lv) * e, "forgot the 0.5"),
    (lambda m, lv, e: m + torch.exp(-0.5 * lv) * e, "1 / sigma"),
    (lambda m, lv, e: torch.exp(0.5 * lv) * e, "mean is missing"),
    (lambda m, lv, e: m + e, "Sigma is missing"),
    (lambda m, lv, e: m * torch.exp(0.5 * lv) + e, "multiplied mu by sigma"),
    (lambda m, lv, e: m + torch.exp(0.5 * lv) * torch.randn_like(m), "torch.randn"),
    (lambda m, lv, e: m + torch.exp(0.5 * lv) * torch.randn(m.shape), "drew your own noise"),
    (lambda m, lv, e: m + torch.sqrt(lv) * e, "NaN"),
    (lambda m, lv, e: (m + torch.exp(0.5 * lv) * e).detach(), "no gradient"),
    (lambda m, lv, e: (m + torch.exp(0.5 * lv) * e).detach().numpy(), "no gradient"),
    (lambda m, lv, e: (m + torch.exp(0.5 * lv) * e)[:2], "shape of mu"),
    (lambda m, lv, e: None, "None"),
    (lambda m, lv, e: 1 / 0, "ZeroDivisionError"),
    (lambda m, lv, e: "z", "tensor"),
])
def test_reparameterise_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_reparameterise(fn))


@pytest.mark.parametrize("odd", [None, ..., "mu + sigma * eps", 3, torch.zeros(3)])
def test_reparameterise_never_raises_on_non_functions(odd):
    assert not check_reparameterise(odd)


def test_reparameterise_does_not_see_a_learner_changing_its_inputs():
    calls = []

    def sneaky(mu, logvar, eps):
        calls.append(1)
        mu.mul_(0)
        logvar.fill_(0)
        return mu + eps
    assert not check_reparameterise(sneaky)
    assert check_reparameterise(right)   # the check's own inputs were not changed by the previous call


# --- Exercise 3: the attribute vector --------------------------------------------------------

RNG = np.random.default_rng(0)
CODES = RNG.normal(size=(60, 5))
LABELS = np.repeat([1, 7, 3], [25, 15, 20])
A_MEAN, B_MEAN = CODES[LABELS == 1].mean(0), CODES[LABELS == 7].mean(0)
VEC = A_MEAN - B_MEAN


def test_attribute_vector_right_in_any_form():
    assert check_attribute_vector(VEC, CODES, LABELS, 1, 7)
    assert check_attribute_vector(list(VEC), CODES, LABELS, 1, 7)
    assert check_attribute_vector(torch.tensor(VEC, requires_grad=True), CODES, LABELS, 1, 7)
    assert check_attribute_vector(VEC.astype(np.float32), CODES, LABELS, 1, 7)


@pytest.mark.parametrize("wrong, words", [
    (-VEC, "other way round"),
    (A_MEAN - CODES.mean(0), "mean of *all* codes"),
    (A_MEAN, "mean code alone"),
    (CODES[LABELS == 1].sum(0) - CODES[LABELS == 7].sum(0), "Sums, not means"),
    (VEC / np.linalg.norm(VEC), "length 1"),
    (CODES[LABELS == 1].mean(1), "one per digit"),
    (VEC[None, :], "reshape"),
    (float(VEC[0]), "one number"),
    (VEC + 0.5, "codes[labels == 1].mean(0)"),
])
def test_attribute_vector_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_attribute_vector(wrong, CODES, LABELS, 1, 7))


@pytest.mark.parametrize("odd", ODD + [VEC[:3], np.full(5, np.nan)])
def test_attribute_vector_never_raises(odd):
    assert not check_attribute_vector(odd, CODES, LABELS, 1, 7)


# --- Exercise 4: the negative ELBO -----------------------------------------------------------

def bce(x, p):
    return -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(1)


def kl_t(mu, lv):
    return -0.5 * (1 + lv - mu ** 2 - lv.exp()).sum(1)


def test_neg_elbo_right_answers():
    assert check_neg_elbo(lambda x, p, mu, lv: bce(x, p) + kl_t(mu, lv))
    assert check_neg_elbo(lambda x, p, mu, lv: torch.nn.functional.binary_cross_entropy(
        p, x, reduction="none").sum(1) + kl_t(mu, lv))
    assert check_neg_elbo(lambda x, p, mu, lv: (bce(x, p) + kl_t(mu, lv)).numpy().tolist())


@pytest.mark.parametrize("fn, words", [
    (lambda x, p, mu, lv: bce(x, p), "KL term is missing"),
    (lambda x, p, mu, lv: bce(x, p) - kl_t(mu, lv), "subtracted the KL"),
    (lambda x, p, mu, lv: bce(x, p) / x.shape[1] + kl_t(mu, lv), "averaged over the pixels"),
    (lambda x, p, mu, lv: -(bce(x, p) + kl_t(mu, lv)), "ELBO itself"),
    (lambda x, p, mu, lv: bce(x, p) + 2 * kl_t(mu, lv), "twice too big"),
    (lambda x, p, mu, lv: kl_t(mu, lv), "Only the KL"),
    (lambda x, p, mu, lv: (bce(x, p) + kl_t(mu, lv)).mean(), "mean over the batch"),
    (lambda x, p, mu, lv: (bce(x, p) + kl_t(mu, lv)).sum(), "sum over the batch"),
    (lambda x, p, mu, lv: -(x * torch.log(p) + (1 - x) * torch.log(1 - p)), "one value per pixel"),
    (lambda x, p, mu, lv: (bce(x, p) + kl_t(mu, lv))[:, None], "reshape"),
    (lambda x, p, mu, lv: bce(p, x) + kl_t(mu, lv), "log of 0"),
    (lambda x, p, mu, lv: bce(x, p) + kl_t(mu, lv) + 1.0, "0.5 * (1 + logvar"),
    (lambda x, p, mu, lv: None, "None"),
    (lambda x, p, mu, lv: "elbo", "Numbers are expected"),
    (lambda x, p, mu, lv: x.undefined_method(), "AttributeError"),
])
def test_neg_elbo_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_neg_elbo(fn))


def test_neg_elbo_accepts_a_result_that_requires_grad():
    def with_grad(x, p, mu, lv):
        p = p.clone().requires_grad_(True)
        return bce(x, p) + kl_t(mu, lv)
    assert check_neg_elbo(with_grad)


@pytest.mark.parametrize("odd", [None, ..., "def neg_elbo", 3.0, np.zeros(4)])
def test_neg_elbo_never_raises_on_non_functions(odd):
    assert not check_neg_elbo(odd)
