"""The checks of notebook 05: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch

from support.feedback_asserts import assert_not_yet
from latent_helpers.exercises import (Feedback, check_attribute_vector, check_elbo_gap, check_kl_general,
                                      check_neg_elbo, check_reparam_gradients)

ODD = [None, ..., "0.68", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: the KL divergence to a prior that is not standard ----------------------------

def kl_to_prior(mu, logvar, prior_mu, prior_logvar):
    return 0.5 * np.sum(prior_logvar - logvar + (np.exp(logvar) + (mu - prior_mu) ** 2) / np.exp(prior_logvar) - 1)


def kl_by_change_of_variables(mu, logvar, prior_mu, prior_logvar):
    s = np.exp(0.5 * prior_logvar)
    m, lv = (mu - prior_mu) / s, logvar - prior_logvar          # q after z -> (z - m) / s
    return -0.5 * np.sum(1 + lv - m ** 2 - np.exp(lv))


def kl_with_torch(mu, logvar, prior_mu, prior_logvar):
    q = torch.distributions.Normal(torch.tensor(mu), torch.exp(0.5 * torch.tensor(logvar)))
    p = torch.distributions.Normal(torch.tensor(prior_mu), torch.exp(0.5 * torch.tensor(prior_logvar)))
    return torch.distributions.kl_divergence(q, p).sum()


@pytest.mark.parametrize("fn", [kl_to_prior, kl_by_change_of_variables, kl_with_torch,
                                lambda *a: [kl_to_prior(*a)], lambda *a: torch.tensor(kl_to_prior(*a), requires_grad=True)])
def test_kl_general_right_answers(fn):
    result = check_kl_general(fn)
    assert result, result
    assert "log(s / sigma)" in result.message


def _v(lv):
    return np.exp(lv)


@pytest.mark.parametrize("fn, words", [
    (lambda mu, lv, m, plv: -0.5 * np.sum(1 + lv - mu ** 2 - _v(lv)), "KL to the standard normal"),
    (lambda mu, lv, m, plv: -0.5 * np.sum(1 + lv - (mu - m) ** 2 - _v(lv)), "did not rescale"),
    (lambda mu, lv, m, plv: 0.5 * np.sum((_v(lv) + (mu - m) ** 2) / _v(plv) - 1), "log term is missing"),
    (lambda mu, lv, m, plv: np.sum((plv - lv) + 0.5 * ((_v(lv) + (mu - m) ** 2) / _v(plv) - 1)), "factor 1/2"),
    (lambda mu, lv, m, plv: kl_to_prior(m, plv, mu, lv), "other way round"),
    (lambda mu, lv, m, plv: -kl_to_prior(mu, lv, m, plv), "sign is flipped"),
    (lambda mu, lv, m, plv: 0.5 * np.sum(plv - lv + (_v(lv) + (mu - m) ** 2) / np.exp(plv / 2) - 1), "variance s^2"),
    (lambda mu, lv, m, plv: kl_to_prior(mu, lv, m, plv) / 3, "mean over the dimensions"),
    (lambda mu, lv, m, plv: 0.5 * (plv - lv + (_v(lv) + (mu - m) ** 2) / _v(plv) - 1), "now sum over the dimensions"),
    (lambda mu, lv, m, plv: kl_to_prior(mu, lv, m, plv) + 0.3, "your function gave"),
    (lambda mu, lv, m, plv: np.sum(np.log(lv)), "NaN or infinite"),
    (lambda mu, lv, m, plv: None, "return"),
    (lambda mu, lv, m, plv: 1 / 0, "ZeroDivisionError"),
    (lambda mu, lv, m, plv: np.zeros((2, 2)), "one number"),
])
def test_kl_general_recognises_the_usual_mistakes(fn, words):
    assert_not_yet(check_kl_general(fn), words)


def test_kl_general_function_may_change_its_inputs():
    def messy(mu, logvar, prior_mu, prior_logvar):
        out = kl_to_prior(mu, logvar, prior_mu, prior_logvar)
        mu[:] = 0
        prior_logvar[:] = 5
        return out
    assert check_kl_general(messy)


@pytest.mark.parametrize("odd", ODD)
def test_kl_general_never_raises(odd):
    assert_not_yet(check_kl_general(odd))


# --- Exercise 2: gradients through a random draw ---------------------------------------------

def grads_autograd(mu, logvar, eps):
    mu, logvar = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    ((mu + torch.exp(0.5 * logvar) * eps) ** 2).mean().backward()
    return mu.grad.item(), logvar.grad.item()


def grads_by_hand(mu, logvar, eps):
    sigma = np.exp(0.5 * logvar)
    z = mu + sigma * eps.numpy()
    return np.array([np.mean(2 * z), np.mean(z * eps.numpy() * sigma)])


def grads_as_tensors(mu, logvar, eps):
    mu, logvar = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    loss = ((mu + torch.exp(0.5 * logvar) * eps) ** 2).mean()
    return torch.autograd.grad(loss, (mu, logvar))


@pytest.mark.parametrize("fn", [grads_autograd, grads_by_hand, grads_as_tensors])
def test_reparam_gradients_right_answers(fn):
    result = check_reparam_gradients(fn)
    assert result, result
    assert "unbiased" in result.message


def _with_sigma(mu, logvar, eps):
    sigma = torch.tensor(np.exp(0.5 * logvar), requires_grad=True)
    mu = torch.tensor(mu, requires_grad=True)
    ((mu + sigma * eps) ** 2).mean().backward()
    return mu.grad.item(), sigma.grad.item()


def _z_from(mu, logvar, eps, make_sigma):
    mu, logvar = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    ((mu + make_sigma(logvar) * eps) ** 2).mean().backward()
    return mu.grad.item(), logvar.grad.item()


@pytest.mark.parametrize("fn, words", [
    (lambda mu, lv, eps: (2 * mu, np.exp(lv)), "exact gradients"),
    (_with_sigma, "with respect to sigma"),
    (lambda mu, lv, eps: _z_from(mu, lv, eps, torch.exp), "that is the variance"),
    (lambda mu, lv, eps: _z_from(mu, lv, eps, lambda t: t), "logvar as the standard deviation"),
    (lambda mu, lv, eps: tuple(len(eps) * g for g in grads_autograd(mu, lv, eps)), "sum over the draws"),
    (lambda mu, lv, eps: grads_autograd(mu, lv, eps)[::-1], "swapped"),
    (lambda mu, lv, eps: grads_autograd(mu, lv, torch.randn(len(eps))), "draw your own noise"),
    (lambda mu, lv, eps: (0.1, 0.2), "yours are"),
    (lambda mu, lv, eps: grads_autograd(mu, lv, eps)[0], "two numbers"),
    (lambda mu, lv, eps: (float("nan"), 0.0), "NaN"),
    (lambda mu, lv, eps: None, "return"),
    (lambda mu, lv, eps: "grads", "Numbers are expected"),
])
def test_reparam_gradients_recognises_the_usual_mistakes(fn, words):
    assert_not_yet(check_reparam_gradients(fn), words)


def test_reparam_gradients_do_not_see_a_learner_changing_eps():
    def sneaky(mu, logvar, eps):
        eps.zero_()
        return grads_autograd(mu, logvar, eps)
    assert_not_yet(check_reparam_gradients(sneaky))
    assert check_reparam_gradients(grads_autograd)   # the check's own draws were not changed


@pytest.mark.parametrize("odd", ODD)
def test_reparam_gradients_never_raises(odd):
    assert_not_yet(check_reparam_gradients(odd))


# --- Exercise 4: the ELBO's gap on a 1-D model -----------------------------------------------

S2 = 0.5


def elbo_1d(x, m, v):
    lik = -0.5 * np.log(2 * np.pi * S2) - ((x - m) ** 2 + v) / (2 * S2)
    prior = -0.5 * np.log(2 * np.pi) - (m ** 2 + v) / 2
    return lik + prior + 0.5 * np.log(2 * np.pi * np.e * v)


def elbo_with_torch(x, m, v):
    q = torch.distributions.Normal(torch.tensor(float(m)), torch.tensor(float(v)).sqrt())
    lik = -0.5 * np.log(2 * np.pi * S2) - ((x - m) ** 2 + v) / (2 * S2)
    prior = -0.5 * np.log(2 * np.pi) - (m ** 2 + v) / 2
    return torch.tensor(lik + prior, dtype=torch.float64) + q.entropy().double()


POSTERIOR = (1.2 / 1.5, 0.5 / 1.5)


@pytest.mark.parametrize("fn, q", [(elbo_1d, POSTERIOR), (elbo_with_torch, POSTERIOR), (elbo_1d, (0.80, 0.33)),
                                   (elbo_1d, np.array(POSTERIOR)), (elbo_1d, [0.81, 0.34])])
def test_elbo_gap_right_answers(fn, q):
    result = check_elbo_gap(fn, q)
    assert result, result
    assert "true posterior" in result.message and "KL" in result.message


def test_elbo_gap_part_a_alone_is_praised_and_asks_for_part_b():
    fb = assert_not_yet(check_elbo_gap(elbo_1d, None), "Part (a) is right", "part (b)")
    assert "gap" in fb.message and "KL" in fb.message


def _parts(x, m, v):
    lik = -0.5 * np.log(2 * np.pi * S2) - ((x - m) ** 2 + v) / (2 * S2)
    prior = -0.5 * np.log(2 * np.pi) - (m ** 2 + v) / 2
    return lik, prior, 0.5 * np.log(2 * np.pi * np.e * v)


@pytest.mark.parametrize("fn, words", [
    (lambda x, m, v: sum(_parts(x, m, v)[:2]), "entropy of q is missing"),
    (lambda x, m, v: _parts(x, m, v)[0] + _parts(x, m, v)[1] - _parts(x, m, v)[2], "wrong sign"),
    (lambda x, m, v: elbo_1d(x, m, v) + v / (2 * S2), "E_q[(x - z)^2]"),
    (lambda x, m, v: elbo_1d(x, m, v) + v / 2, "E_q[z^2]"),
    (lambda x, m, v: elbo_1d(x, m, v) + v / (2 * S2) + v / 2, "Both expectations"),
    (lambda x, m, v: -elbo_1d(x, m, v), "negative ELBO"),
    (lambda x, m, v: elbo_1d(x, m, v) + 0.01, "Monte Carlo"),
    (lambda x, m, v: elbo_1d(x, m, v) + 0.37, "the closed form gives"),
    (lambda x, m, v: None, "return"),
    (lambda x, m, v: [1.0, 2.0], "one number"),
])
def test_elbo_gap_recognises_mistakes_in_part_a(fn, words):
    assert_not_yet(check_elbo_gap(fn, POSTERIOR), words)


def test_elbo_gap_s_for_s_squared():
    def wrong(x, m, v):
        s = np.sqrt(S2)
        return (-0.5 * np.log(2 * np.pi * s) - ((x - m) ** 2 + v) / (2 * s) + _parts(x, m, v)[1]
                + _parts(x, m, v)[2])
    assert_not_yet(check_elbo_gap(wrong, POSTERIOR), "square root")


@pytest.mark.parametrize("q, words", [
    ((0.0, 1.0), "the prior"),
    ((1.2, 0.5), "likelihood"),
    ((0.8, 1.0), "variance is the prior's"),
    ((0.8, float(np.sqrt(1 / 3))), "standard deviation"),
    ((0.5, 0.5), "not the largest"),
    ((0.5, -0.5), "not the largest"),
    ("0.8, 0.33", "pair of numbers"),
    (0.8, "pair of numbers"),
])
def test_elbo_gap_recognises_mistakes_in_part_b(q, words):
    assert_not_yet(check_elbo_gap(elbo_1d, q), "Part (a) is right", words)


@pytest.mark.parametrize("odd", ODD)
def test_elbo_gap_never_raises(odd):
    assert_not_yet(check_elbo_gap(odd, POSTERIOR))
    assert isinstance(check_elbo_gap(elbo_1d, odd), Feedback)


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
