"""Checks for 05_variational_autoencoders.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, check_array_close, describe, guarded, missing

__all__ = ["check_kl_general", "check_reparam_gradients", "check_attribute_vector", "check_neg_elbo",
           "check_elbo_gap"]


def _kl(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """KL(N(mu, exp(logvar)) || N(0, I)) summed over the last axis."""
    return -0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar), axis=-1)


# --- Exercise 1: the KL divergence to a prior that is not standard --------------------------

def _kl_general(mu, logvar, prior_mu, prior_logvar) -> float:
    """KL(N(mu, exp(logvar)) || N(prior_mu, exp(prior_logvar))), summed over the dimensions."""
    return float(0.5 * np.sum(prior_logvar - logvar + (np.exp(logvar) + (mu - prior_mu) ** 2) / np.exp(prior_logvar)
                              - 1))


#: (mu, logvar, prior_mu, prior_logvar, what the case is): one code of 3 numbers against several priors
_KL_CASES = (
    ([0.5, -1.0, 2.0], [0.0, -0.5, 0.4], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], "the standard prior N(0, I)"),
    ([0.5, -1.0, 2.0], [0.0, -0.5, 0.4], [1.0, -2.0, 0.5], [0.7, -0.3, 1.2], "a prior N(m, s^2) of its own"),
    ([1.0, -2.0, 0.5], [0.7, -0.3, 1.2], [1.0, -2.0, 0.5], [0.7, -0.3, 1.2], "q equal to the prior"),
    ([-0.3, 1.5, 0.0], [-1.0, 0.2, 0.6], [0.4, 1.0, -1.0], [-0.6, 0.5, -0.2], "another prior"),
)


def _kl_slips(mu, lv, m, plv) -> dict:
    """The usual wrong formulas, each with its hint."""
    v, pv = np.exp(lv), np.exp(plv)
    right = 0.5 * (plv - lv + (v + (mu - m) ** 2) / pv - 1)
    return {
        "That is the KL to the standard normal N(0, I): the prior's mean and variance do not appear in it. Move "
        "and rescale both distributions with z -> (z - m) / s, then use the standard formula.":
            -0.5 * (1 + lv - mu ** 2 - v),
        "You shifted the mean by the prior's m but did not rescale by its standard deviation s: after "
        "z -> (z - m) / s the code's mean is (mu - m) / s and its variance sigma^2 / s^2.":
            -0.5 * (1 + lv - (mu - m) ** 2 - v),
        "The log term is missing: a wider or narrower prior also changes the KL through log(s^2 / sigma^2) / 2 "
        "(prior_logvar - logvar, halved).": 0.5 * ((v + (mu - m) ** 2) / pv - 1),
        "The log term lacks its factor 1/2: log(s / sigma) = (prior_logvar - logvar) / 2.":
            (plv - lv) + 0.5 * ((v + (mu - m) ** 2) / pv - 1),
        "That is the KL the other way round, KL(prior || q): the KL is not symmetric. Here q = N(mu, sigma^2) "
        "comes first: it is the distribution the expectation is taken under.":
            0.5 * (lv - plv + (pv + (m - mu) ** 2) / v - 1),
        "The sign is flipped: a KL divergence is never negative.": -right,
        "You divided by the prior's standard deviation s where its variance s^2 belongs: "
        "(sigma^2 + (mu - m)^2) / s^2.": 0.5 * (plv - lv + (v + (mu - m) ** 2) / np.exp(plv / 2) - 1),
    }


@guarded
def check_kl_general(fn) -> Feedback:
    """``fn(mu, logvar, prior_mu, prior_logvar)``: KL(N(mu, sigma^2) || N(m, s^2)) in nats for one code, with
    sigma^2 = exp(logvar) and s^2 = exp(prior_logvar) per dimension, summed over the dimensions.

    The check calls ``fn`` on copies of four fixed cases (numpy arrays of 3 numbers: the standard
    prior, two other priors, and q equal to the prior) and recognises: the KL to N(0, I) whatever
    the prior, a mean shifted but not rescaled, the log term missing or without its 1/2, the KL the
    other way round, a flipped sign, s in place of s^2, and one number per dimension (not summed).

    >>> def kl(mu, lv, m, plv):
    ...     return 0.5 * np.sum(plv - lv + (np.exp(lv) + (mu - m) ** 2) / np.exp(plv) - 1)
    >>> bool(check_kl_general(kl))
    True
    >>> check_kl_general(lambda mu, lv, m, plv: -0.5 * np.sum(1 + lv - mu ** 2 - np.exp(lv))).message.split(":")[0]
    'That is the KL to the standard normal N(0, I)'
    """
    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write kl_to_prior and run its cell, then run the check again.")
    for mu, lv, pm, plv, what in _KL_CASES:
        args = [np.array(a, np.float64) for a in (mu, lv, pm, plv)]
        expected = _kl_general(*args)
        with np.errstate(all="ignore"):     # a log of a negative number is reported below, not warned about
            out, problem = call_learner(fn, *args)
        if problem is not None:
            return problem
        got = as_array(out, allow_nonfinite=True, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, f"{got.message} Return one number, the KL in nats.")
        if got.size == len(args[0]) and got.size > 1:
            per_dim = 0.5 * (args[3] - args[1] + (np.exp(args[1]) + (args[0] - args[2]) ** 2) / np.exp(args[3]) - 1)
            if np.allclose(got.ravel(), per_dim, rtol=1e-4, atol=1e-6):
                return Feedback(False, "Right per dimension: now sum over the dimensions (the KL of independent "
                                       "dimensions is the sum of theirs) and return one number.")
            return Feedback(False, f"Return one number, the KL summed over the {got.size} dimensions; got "
                                   f"{got.size} numbers.")
        if got.size != 1:
            return Feedback(False, f"Return one number, the KL in nats; got an array of shape {got.shape}.")
        value = float(got.ravel()[0])
        if not np.isfinite(value):
            return Feedback(False, "Your KL is NaN or infinite: a log of a negative number? logvar is already "
                                   "a log; the variance is np.exp(logvar).")
        if np.isclose(value, expected, rtol=1e-4, atol=1e-6):
            continue
        for hint, wrong in _kl_slips(*args).items():
            total = float(np.sum(wrong))
            if np.isclose(value, total, rtol=1e-4, atol=1e-6) and not np.isclose(total, expected, rtol=1e-4, atol=1e-6):
                return Feedback(False, hint)
        if np.isclose(value, expected / len(args[0]), rtol=1e-4, atol=1e-6):
            return Feedback(False, "That is the mean over the dimensions: the KL of independent dimensions is "
                                   "their sum.")
        return Feedback(False, f"For {what} your function gave {value:.4g}, the KL is {expected:.4g}. Per "
                               "dimension: KL = log(s / sigma) + (sigma^2 + (mu - m)^2) / (2 s^2) - 1/2.")
    return Feedback(True, "Right: per dimension KL = log(s / sigma) + (sigma^2 + (mu - m)^2) / (2 s^2) - 1/2. "
                          "With m = 0 and s = 1 it is section 3's formula, and it is 0 exactly when q is the "
                          "prior. Moving and rescaling both distributions together changes no KL: that is "
                          "why the general case reduces to the standard one.")


# --- Exercise 2: gradients through a random draw ---------------------------------------------

#: the noise the check hands over: K draws of eps ~ N(0, 1), fixed
_K = 2000


def _grad_inputs():
    import torch

    g = torch.Generator().manual_seed(5)
    return torch.randn(_K, generator=g)


def _grad_estimates(mu: float, logvar: float, eps, how: str = "right") -> tuple[float, float]:
    """d/dmu and d/dlogvar of mean(z^2) over the draws, with z built the right way or one of the usual slips."""
    e = eps.double().numpy()
    sigma = np.exp(0.5 * logvar)
    if how == "sigma":       # the gradient with respect to sigma instead of logvar
        z = mu + sigma * e
        return float(np.mean(2 * z)), float(np.mean(2 * z * e))
    if how == "no_half":     # sigma = exp(logvar)
        s = np.exp(logvar)
        z = mu + s * e
        return float(np.mean(2 * z)), float(np.mean(2 * z * e * s))
    if how == "logvar_as_sd":
        z = mu + logvar * e
        return float(np.mean(2 * z)), float(np.mean(2 * z * e))
    z = mu + sigma * e
    grads = (float(np.mean(2 * z)), float(np.mean(z * e * sigma)))
    if how == "sum":
        return grads[0] * len(e), grads[1] * len(e)
    return grads


@guarded
def check_reparam_gradients(fn) -> Feedback:
    """``fn(mu, logvar, eps)``: the gradients of ``mean(z ** 2)`` with respect to ``mu`` and ``logvar``, where
    ``z = mu + exp(logvar / 2) * eps`` for the K noise draws in ``eps`` (a 1-D tensor); ``mu`` and
    ``logvar`` are plain numbers. Return the two gradients (a pair of numbers).

    This is the reparameterisation trick at work: the draws are fixed, so the estimate is a smooth
    function of ``mu`` and ``logvar``, and autograd differentiates it. The check calls ``fn`` on copies
    with 2,000 fixed draws at two points and recognises: the exact gradients (2 mu and sigma^2) instead
    of the estimate, the gradient with respect to sigma, sigma = exp(logvar), logvar used as sigma, a
    sum over the draws, the two gradients swapped, and noise drawn inside the function.

    >>> import torch
    >>> def grads(mu, logvar, eps):
    ...     mu, logvar = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    ...     ((mu + torch.exp(0.5 * logvar) * eps) ** 2).mean().backward()
    ...     return mu.grad.item(), logvar.grad.item()
    >>> bool(check_reparam_gradients(grads))
    True
    >>> check_reparam_gradients(lambda mu, logvar, eps: (2 * mu, np.exp(logvar))).message.split(":")[0]
    'Those are the exact gradients of E[z^2] = mu^2 + sigma^2'
    """
    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write reparam_gradients and run its cell, then run the check again.")
    eps = _grad_inputs()
    for mu, logvar in ((0.8, -0.6), (-1.5, 0.4)):
        expected = np.array(_grad_estimates(mu, logvar, eps))
        out, problem = call_learner(fn, mu, logvar, eps)
        if problem is not None:
            return problem
        got = as_array(out, allow_nonfinite=True, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, f"{got.message} Return the two gradients, (d/dmu, d/dlogvar).")
        if got.size != 2:
            return Feedback(False, f"Return two numbers, the gradient with respect to mu and the one with respect "
                                   f"to logvar; got {got.size} number{'s' if got.size != 1 else ''}.")
        got = got.ravel()
        if not np.all(np.isfinite(got)):
            return Feedback(False, "Your gradients are NaN or infinite: is sigma = exp(0.5 * logvar)?")
        close = lambda a, b: bool(np.allclose(a, b, rtol=1e-4, atol=1e-5))  # noqa: E731
        if close(got, expected):
            continue
        exact = np.array([2 * mu, np.exp(logvar)])
        slips = {
            "Those are the exact gradients of E[z^2] = mu^2 + sigma^2: 2 mu and sigma^2. The exercise asks for "
            "the estimate from the draws eps: build z from them and let autograd differentiate mean(z ** 2) "
            "(the two should be close, not equal).": exact,
            "That is the gradient with respect to sigma, not logvar: sigma = exp(logvar / 2), so d/dlogvar is "
            "d/dsigma times sigma / 2. Differentiate with respect to logvar itself (make logvar the tensor that "
            "requires grad).": np.array(_grad_estimates(mu, logvar, eps, "sigma")),
            "You used sigma = exp(logvar): that is the variance. The standard deviation is exp(logvar / 2).":
                np.array(_grad_estimates(mu, logvar, eps, "no_half")),
            "You used logvar as the standard deviation: logvar is log sigma^2, so sigma = exp(logvar / 2).":
                np.array(_grad_estimates(mu, logvar, eps, "logvar_as_sd")),
            "Those are the gradients of the sum over the draws: take the mean, mean(z ** 2), an estimate of "
            "E[z^2].": np.array(_grad_estimates(mu, logvar, eps, "sum")),
            "Right numbers, swapped: first the gradient with respect to mu, then the one with respect to logvar.":
                expected[::-1],
        }
        for hint, wrong in slips.items():
            if close(got, wrong) and not close(wrong, expected):
                return Feedback(False, hint)
        if np.allclose(got, exact, rtol=0.15, atol=0.1):
            return Feedback(False, "Close to the exact gradients, but not the estimate from the draws you were "
                                   "given: did you draw your own noise? Use eps, z = mu + exp(logvar / 2) * eps, "
                                   "so that the randomness stays outside the function.")
        return Feedback(False, f"At mu = {mu:g}, logvar = {logvar:g} the gradients of mean(z ** 2) are "
                               f"({expected[0]:.4f}, {expected[1]:.4f}); yours are ({got[0]:.4f}, {got[1]:.4f}). "
                               "Make mu and logvar tensors with requires_grad=True, build z = mu + "
                               "torch.exp(0.5 * logvar) * eps, call (z ** 2).mean().backward() and read .grad.")
    mu, logvar = 0.8, -0.6
    est = _grad_estimates(mu, logvar, eps)
    return Feedback(True, f"Right. At mu = {mu:g}, logvar = {logvar:g} your estimate from {_K:,} draws is "
                          f"({est[0]:.3f}, {est[1]:.3f}); the exact gradients of E[z^2] = mu^2 + sigma^2 are "
                          f"(2 mu, sigma^2) = ({2 * mu:.3f}, {np.exp(logvar):.3f}). Because the randomness sits in "
                          "eps, the draw is a smooth function of mu and logvar, and its gradient is an unbiased "
                          "estimate of the true one: that is what lets a VAE's encoder learn through sampling.")


@guarded
def check_attribute_vector(answer, codes, labels, a: int, b: int) -> Feedback:
    """The mean code of class ``a`` minus the mean code of class ``b`` (a direction from ``b`` towards ``a``).

    Recognises: the reverse difference, class ``a`` against the mean of *all* codes, the class-``a``
    mean alone, sums instead of means, a vector scaled to unit length, and means of the wrong axis.

    >>> C = np.array([[1.0, 0.0], [3.0, 0.0], [0.0, 2.0]]); y = np.array([0, 0, 1])
    >>> bool(check_attribute_vector([2.0, -2.0], C, y, 0, 1))
    True
    >>> check_attribute_vector([-2.0, 2.0], C, y, 0, 1).message
    'That is the 1s minus the 0s: the other way round (it points from 0 towards 1).'
    """
    if (m := missing(answer)) is not None:
        return m
    C, y = np.asarray(codes, np.float64), np.asarray(labels).ravel()
    in_a, in_b = C[y == a], C[y == b]
    expected = in_a.mean(0) - in_b.mean(0)
    v = as_array(answer)
    if isinstance(v, Feedback):
        return v
    if v.shape != expected.shape:
        if v.ndim == 1 and len(v) in (len(in_a), len(in_b)) and len(v) != len(expected):
            return Feedback(False, f"Your vector has {len(v)} numbers, one per digit: you averaged over the "
                                   f"latent dimensions. Take .mean(0) (over the digits) to get one number per "
                                   f"dimension, {len(expected)} in all.")
        if v.size == 1:
            return Feedback(False, f"Expected a vector of {len(expected)} numbers (one per latent dimension), "
                                   "got one number: keep the dimensions, average over the digits with .mean(0).")
        extra = " The values are all there: reshape it (or take row 0)." if v.size == expected.size else ""
        return Feedback(False, f"Expected a vector of shape {expected.shape} (one number per latent dimension), "
                               f"got shape {v.shape}.{extra}")
    norm = np.linalg.norm(expected)
    mistakes = {
        f"That is the {b}s minus the {a}s: the other way round (it points from {a} towards {b}).": -expected,
        f"You subtracted the mean of *all* codes, not of the {b}s: that points from an average digit "
        f"towards {a}, not from {b}.": in_a.mean(0) - C.mean(0),
        f"That is the {a}s' mean code alone: subtract the {b}s' mean code from it.": in_a.mean(0),
        "Sums, not means: the classes have different sizes, so divide each sum by its count (.mean(0)).":
            in_a.sum(0) - in_b.sum(0),
        "The direction is right but you scaled it to length 1: keep the plain difference of the means, "
        f"so that adding it once moves a {b} by the whole way to the {a}s' mean.":
            expected / norm if norm > 0 else expected,
    }
    return check_array_close(
        v, expected,
        praise=f"The {a}s' mean code minus the {b}s': a direction from {b} towards {a}, of length {norm:.2f}.",
        hint=f"Take codes[labels == {a}].mean(0) - codes[labels == {b}].mean(0).",
        rtol=1e-4, atol=1e-4, mistakes=mistakes)


def _elbo_inputs():
    rng = np.random.default_rng(3)
    x = (rng.random((4, 6)) < 0.4).astype(np.float32)
    probs = rng.uniform(0.05, 0.95, (4, 6)).astype(np.float32)
    mu = rng.normal(0, 1, (4, 3)).astype(np.float32)
    logvar = rng.normal(-0.5, 0.5, (4, 3)).astype(np.float32)
    return x, probs, mu, logvar


@guarded
def check_neg_elbo(fn) -> Feedback:
    """``fn(x, probs, mu, logvar)`` must return each digit's negative ELBO (one sample of z), shape ``(n,)``:
    the Bernoulli reconstruction term summed over pixels plus the analytic KL to N(0, I).

    Called with torch tensors (x: 0/1 pixels and probs: p(pixel = 1 | z), both ``(n, D)``; mu and
    logvar ``(n, d)``). Recognises: no KL, KL subtracted, pixels averaged instead of summed, the
    ELBO instead of its negative, the KL without its 0.5, and one number for the whole batch.

    >>> import torch
    >>> def ok(x, p, mu, lv):
    ...     rec = -(x * torch.log(p) + (1 - x) * torch.log(1 - p)).sum(1)
    ...     return rec - 0.5 * (1 + lv - mu ** 2 - lv.exp()).sum(1)
    >>> bool(check_neg_elbo(ok))
    True
    """
    import torch

    x, probs, mu, logvar = _elbo_inputs()
    rec = -(x * np.log(probs) + (1 - x) * np.log(1 - probs)).sum(1).astype(np.float64)
    kl = _kl(mu.astype(np.float64), logvar.astype(np.float64))
    expected = rec + kl
    out, problem = call_learner(fn, *(torch.from_numpy(a) for a in (x, probs, mu, logvar)))
    if problem is not None:
        return problem
    got = as_array(out, allow_nonfinite=True)
    if isinstance(got, Feedback):
        return got
    if got.size == 1 and len(expected) > 1:
        one = float(got.ravel()[0])
        if np.isclose(one, expected.mean(), rtol=1e-3):
            return Feedback(False, "That is the mean over the batch: return one value per digit (shape (n,)), "
                                   "summed over pixels but not over digits.")
        if np.isclose(one, expected.sum(), rtol=1e-3):
            return Feedback(False, "That is the sum over the batch: return one value per digit (shape (n,)).")
        return Feedback(False, f"Return one value per digit, shape ({len(expected)},); got a single number.")
    if got.shape != expected.shape:
        if got.shape == x.shape:
            return Feedback(False, f"Your result has shape {got.shape}, one value per pixel: sum the "
                                   "reconstruction term over the pixels (.sum(1)) and add each digit's KL.")
        if got.size == expected.size:
            return Feedback(False, f"Expected shape {expected.shape}, got {got.shape}: the values are all there, "
                                   "reshape (or .sum(1) rather than keepdim).")
        return Feedback(False, f"Expected one value per digit, shape {expected.shape}; got shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        return Feedback(False, "Your result has NaN or infinite values: a log of 0? With 0/1 pixels, "
                               "log(x) is -inf; the logs belong on probs: x * log(p) + (1 - x) * log(1 - p).")
    mistakes = {
        "The KL term is missing: -ELBO = reconstruction + KL.": rec,
        "You subtracted the KL: in the negative ELBO it is added, reconstruction + KL.": rec - kl,
        "The reconstruction term is averaged over the pixels: sum it, each pixel is one more Bernoulli "
        "factor of p(x | z).": rec / x.shape[1] + kl,
        "That is the ELBO itself: the loss is its negative, reconstruction + KL, both positive.": -expected,
        "The KL is twice too big: the factor in front is -0.5.": rec + 2 * kl,
        "Only the KL: add the reconstruction term, -(x * log p + (1 - x) * log(1 - p)) summed over pixels.": kl,
    }
    return check_array_close(
        got, expected,
        praise="Right: -ELBO = BCE summed over the pixels + KL(q(z|x) || N(0, I)), one value per digit, in nats.",
        hint="-ELBO = -(x * log(p) + (1 - x) * log(1 - p)).sum(1) "
             "- 0.5 * (1 + logvar - mu**2 - logvar.exp()).sum(1).",
        rtol=1e-4, atol=1e-4, mistakes=mistakes)


# --- Exercise 4: the ELBO's gap is the KL to the true posterior (a 1-D model) -----------------

#: the model of the exercise: z ~ N(0, 1), x | z ~ N(z, S2)
_S2 = 0.5
_X = 1.2
_LOG2PI = float(np.log(2 * np.pi))


def _elbo_1d(x: float, m: float, v: float, s2: float = _S2) -> float:
    """The ELBO of q = N(m, v) for one observation x: E_q[log p(x|z)] + E_q[log p(z)] + entropy of q."""
    expected_log_lik = -0.5 * (_LOG2PI + np.log(s2)) - ((x - m) ** 2 + v) / (2 * s2)
    expected_log_prior = -0.5 * _LOG2PI - (m ** 2 + v) / 2
    entropy = 0.5 * (_LOG2PI + 1 + np.log(v))
    return float(expected_log_lik + expected_log_prior + entropy)


def _elbo_slips(x: float, m: float, v: float, s2: float = _S2) -> dict:
    lik = -0.5 * (_LOG2PI + np.log(s2)) - ((x - m) ** 2 + v) / (2 * s2)
    prior = -0.5 * _LOG2PI - (m ** 2 + v) / 2
    ent = 0.5 * (_LOG2PI + 1 + np.log(v))
    return {
        "The entropy of q is missing: the ELBO is E_q[log p(x|z)] + E_q[log p(z)] - E_q[log q(z)], and "
        "-E_q[log q(z)] = log(2 pi e v) / 2.": lik + prior,
        "The entropy has the wrong sign: -E_q[log q(z)] = +log(2 pi e v) / 2.": lik + prior - ent,
        "In E_q[(x - z)^2] the spread of q is missing: for z ~ N(m, v) it is (x - m)^2 + v, not (x - m)^2.":
            lik + v / (2 * s2) + prior + ent,
        "In E_q[z^2] the spread of q is missing: for z ~ N(m, v) it is m^2 + v, not m^2.": lik + prior + v / 2 + ent,
        "Both expectations lack the spread of q: E_q[(x - z)^2] = (x - m)^2 + v and E_q[z^2] = m^2 + v.":
            lik + v / (2 * s2) + prior + v / 2 + ent,
        "That is the negative ELBO (the loss); the ELBO itself is at most log p(x), a negative number here.":
            -(lik + prior + ent),
        "The likelihood's variance is s^2 = 0.5: you used its square root, or s^2 squared, somewhere.":
            -0.5 * (_LOG2PI + np.log(np.sqrt(s2))) - ((x - m) ** 2 + v) / (2 * np.sqrt(s2)) + prior + ent,
    }


#: the (x, m, v) the learner's ELBO is tried at
_ELBO_POINTS = ((1.2, 0.0, 1.0), (1.2, 0.5, 0.2), (1.2, 0.8, 1 / 3), (-0.4, 1.0, 2.0), (2.5, -0.3, 0.05))


@guarded
def check_elbo_gap(elbo_1d, best_q, x: float = _X, s2: float = _S2) -> Feedback:
    """A derivation, checked numerically, on the model z ~ N(0, 1), x | z ~ N(z, s2) (s2 = 0.5).

    (a) ``elbo_1d(x, m, v)``: the ELBO of q(z) = N(m, v) for one observation x, in closed form;
    (b) ``best_q``: the pair (m, v) that maximises the ELBO for the observation ``x`` (1.2).

    The check compares (a) with the closed form at five points and then shows, with the learner's
    function, that log p(x) - ELBO equals KL(q || p(z | x)) at each; (b) must be the true posterior,
    where that gap is 0 (within 0.02, so a grid search works). Recognised in (a): the entropy
    missing or with the wrong sign, the spread v missing from either expectation, the negative ELBO,
    s in place of s^2, and a Monte Carlo estimate; in (b): the prior, the likelihood's (x, s2), the
    posterior's mean with the prior's variance, and a standard deviation given for the variance.

    >>> def elbo_1d(x, m, v, s2=0.5):
    ...     lik = -0.5 * np.log(2 * np.pi * s2) - ((x - m) ** 2 + v) / (2 * s2)
    ...     prior = -0.5 * np.log(2 * np.pi) - (m ** 2 + v) / 2
    ...     return lik + prior + 0.5 * np.log(2 * np.pi * np.e * v)
    >>> bool(check_elbo_gap(elbo_1d, (0.8, 1 / 3)))
    True
    >>> check_elbo_gap(elbo_1d, (0.0, 1.0)).message.split(":")[0]
    'Part (a) is right. Part (b)'
    """
    if (m := missing(elbo_1d)) is not None:
        return Feedback(False, "No answer yet: write elbo_1d and run its cell, then run the check again.")
    if not callable(elbo_1d):
        return Feedback(False, f"elbo_1d should be your function (pass it without brackets); got {describe(elbo_1d)}.")
    post_m, post_v = x / (1 + s2), s2 / (1 + s2)
    log_px = -0.5 * (_LOG2PI + np.log(1 + s2)) - x ** 2 / (2 * (1 + s2))
    for px, pm, pv in _ELBO_POINTS:
        expected = _elbo_1d(px, pm, pv, s2)
        with np.errstate(all="ignore"):
            out, problem = call_learner(elbo_1d, px, pm, pv)
        if problem is not None:
            return problem
        value = as_number(out, "what elbo_1d returned")
        if isinstance(value, Feedback):
            return Feedback(False, f"{value.message} elbo_1d(x, m, v) returns one number, the ELBO in nats.")
        if np.isclose(value, expected, rtol=1e-6, atol=1e-6):
            continue
        for hint, wrong in _elbo_slips(px, pm, pv, s2).items():
            if np.isclose(value, wrong, rtol=1e-6, atol=1e-6) and not np.isclose(wrong, expected, rtol=1e-6, atol=1e-6):
                return Feedback(False, hint)
        if abs(value - expected) < 0.05:
            return Feedback(False, f"At x = {px:g}, m = {pm:g}, v = {pv:.3g} you are within {abs(value - expected):.3f} of "
                                   "the ELBO but not on it: a Monte Carlo estimate? Work the three expectations out "
                                   "by hand; for z ~ N(m, v), E[(x - z)^2] = (x - m)^2 + v and E[z^2] = m^2 + v.")
        return Feedback(False, f"At x = {px:g}, m = {pm:g}, v = {pv:.3g} your ELBO is {value:.4f}, the closed form "
                               f"gives {expected:.4f}. ELBO = E_q[log N(x; z, {s2:g})] + E_q[log N(z; 0, 1)] + "
                               "log(2 pi e v) / 2.")
    # (a) is right: the gap is the KL to the true posterior at every point tried
    gaps = []
    for pm, pv in ((0.0, 1.0), (0.5, 0.2), (post_m, post_v)):
        kl = 0.5 * (np.log(post_v / pv) + (pv + (pm - post_m) ** 2) / post_v - 1)
        gaps.append((pm, pv, log_px - _elbo_1d(x, pm, pv, s2), kl))
    shown = "; ".join(f"q = N({pm:.2f}, {pv:.2f}): gap {gap:.4f}, KL {kl:.4f}" for pm, pv, gap, kl in gaps)
    if (m := missing(best_q)) is not None:
        return Feedback(False, f"Part (a) is right: at x = {x:g}, log p(x) = {log_px:.4f} and log p(x) - ELBO equals "
                               f"KL(q || p(z|x)) for every q ({shown}). Now part (b): set best_q to the (m, v) "
                               "that makes the ELBO largest.")
    q = as_array(best_q, name="best_q")
    if isinstance(q, Feedback) or q.size != 2:
        return Feedback(False, "Part (a) is right. Part (b): best_q is a pair of numbers (m, v), the mean and the "
                               f"variance of the best q; got {describe(best_q)}.")
    qm, qv = (float(a) for a in q.ravel())
    if abs(qm - post_m) <= 0.02 and abs(qv - post_v) <= 0.02:
        return Feedback(True, f"Right: the best q is N({post_m:.3f}, {post_v:.3f}), the true posterior p(z | x) = "
                              f"N(x / (1 + s^2), s^2 / (1 + s^2)). The gap log p(x) - ELBO is KL(q || p(z|x)) "
                              f"({shown}): it vanishes only at the posterior, so maximising the ELBO over q is "
                              "finding the posterior. A VAE's encoder does this for every digit at once, within "
                              "what a normal with diagonal covariance can express; section 8's gap is what it "
                              "cannot.")
    slips = {
        "That is the prior N(0, 1): the ELBO also rewards explaining x, so the best q moves towards x.": (0.0, 1.0),
        f"That is the likelihood's (x, s^2): the prior N(0, 1) pulls the best q back towards 0 and narrows it.":
            (x, s2),
        "The mean is right but the variance is the prior's: observing x also makes q narrower, v = s^2 / (1 + s^2).":
            (post_m, 1.0),
        "The mean is right; for v you gave the standard deviation. best_q holds the variance.":
            (post_m, float(np.sqrt(post_v))),
    }
    for hint, (sm, sv) in slips.items():
        if abs(qm - sm) <= 0.02 and abs(qv - sv) <= 0.02:
            return Feedback(False, "Part (a) is right. Part (b): " + hint)
    return Feedback(False, f"Part (a) is right. Part (b): at (m, v) = ({qm:g}, {qv:g}) the ELBO is "
                           f"{_elbo_1d(x, qm, max(qv, 1e-12), s2) if qv > 0 else float('nan'):.4f}, not the largest "
                           "it can be. Search a grid of m and v with your elbo_1d (np.argmax), or use part (a): "
                           "the gap is 0 only when q is the posterior p(z | x).")
