"""Checks for 05_variational_autoencoders.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import numpy as np

from ._framework import (Feedback, as_array, call_learner, check_array_close, check_close,
                         describe, diagnose, guarded, missing)

__all__ = ["check_kl_term", "check_reparameterise", "check_attribute_vector", "check_neg_elbo"]


def _kl(mu: np.ndarray, logvar: np.ndarray) -> np.ndarray:
    """KL(N(mu, exp(logvar)) || N(0, I)) summed over the last axis."""
    return -0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar), axis=-1)


@guarded
def check_kl_term(answer, mu, logvar) -> Feedback:
    """KL(N(mu, sigma^2) || N(0, I)) in nats for one code, from ``mu`` and ``logvar`` = log sigma^2.

    ``answer`` may be a number, a one-element array or a tensor (one that requires grad too).

    >>> bool(check_kl_term(0.0, np.zeros(2), np.zeros(2)))
    True
    >>> check_kl_term(-0.5, [1.0, 0.0], [0.0, 0.0]).message
    'The sign is flipped: a KL divergence is never negative. KL = -0.5 * sum(...): keep the minus in front.'
    """
    mu = np.asarray(mu, np.float64).ravel()
    logvar = np.asarray(logvar, np.float64).ravel()
    kl = float(_kl(mu, logvar))
    inner = float(np.sum(1 + logvar - mu ** 2 - np.exp(logvar)))   # the bracket, summed
    mistakes = {
        "The sign is flipped: a KL divergence is never negative. KL = -0.5 * sum(...): keep the minus in front.": -kl,
        "That is twice the KL: the factor in front is -0.5, not -1.": 2 * kl,
        "That is the bracket summed, sum(1 + logvar - mu**2 - exp(logvar)): multiply it by -0.5.": inner,
        f"You left out the 1 in the bracket: that makes the KL 0.5 too large per dimension ({0.5 * len(mu):g} "
        "here).": kl + 0.5 * len(mu),
        "That is the mean over the dimensions: the KL of independent dimensions is their sum.": kl / max(len(mu), 1),
        "You used logvar where the variance exp(logvar) belongs: logvar is log sigma^2, so sigma^2 = exp(logvar).":
            float(-0.5 * np.sum(1 + logvar - mu ** 2 - logvar)),
    }
    mistakes = {hint: value for hint, value in mistakes.items() if not np.isclose(value, kl, rtol=1e-4, atol=1e-9)}
    return check_close(
        answer, kl,
        praise=f"KL = {kl:.4f} nats: what this code pays for straying from N(0, I) (mu away from 0, "
               "sigma away from 1).",
        hint="KL = -0.5 * sum(1 + logvar - mu**2 - exp(logvar)), summed over the dimensions.",
        rel=1e-3, mistakes=mistakes)


def _reparam_inputs():
    import torch

    g = torch.Generator().manual_seed(5)
    mu = torch.randn(4, 3, generator=g)
    logvar = torch.randn(4, 3, generator=g) - 0.5
    eps = torch.randn(4, 3, generator=g)
    return mu, logvar, eps


def _as_float_tensor(out):
    import torch

    if isinstance(out, torch.Tensor):
        return out.detach().to(torch.float64)
    arr = as_array(out, allow_nonfinite=True)
    return arr if isinstance(arr, Feedback) else torch.from_numpy(arr)


@guarded
def check_reparameterise(fn) -> Feedback:
    """``fn(mu, logvar, eps)`` must return ``z = mu + exp(0.5 * logvar) * eps`` as a tensor gradients flow through.

    The check calls ``fn`` on copies (so changing its arguments in place is fine) and recognises:
    logvar used as the standard deviation, the missing 0.5, noise drawn with ``torch.randn``
    instead of the given ``eps``, a missing mu or sigma, and a result cut off from the gradients.

    >>> import torch
    >>> bool(check_reparameterise(lambda m, lv, e: m + torch.exp(0.5 * lv) * e))
    True
    >>> check_reparameterise(lambda m, lv, e: m + lv * e).message.split(":")[0]
    'You used logvar as the standard deviation'
    """
    import torch

    mu, logvar, eps = _reparam_inputs()
    std = torch.exp(0.5 * logvar)
    expected = mu + std * eps
    out, problem = call_learner(fn, mu, logvar, eps)
    if problem is not None:
        return problem
    got = _as_float_tensor(out)
    if isinstance(got, Feedback):
        return Feedback(False, f"Return z as a tensor of the shape of mu {tuple(mu.shape)}; got {describe(out)}.")
    if tuple(got.shape) != tuple(mu.shape):
        return Feedback(False, f"z must have the shape of mu, {tuple(mu.shape)}; got shape {tuple(got.shape)}.")
    if not torch.isfinite(got).all():
        return Feedback(False, "Your z contains NaN or infinite values: a square root or log of logvar? "
                               "logvar can be negative; sigma = exp(0.5 * logvar) is always positive.")
    d = lambda t: t.double()  # noqa: E731
    if not torch.allclose(got, d(expected), atol=1e-5):
        mistakes = {
            "You used logvar as the standard deviation: logvar is log sigma^2, so sigma = exp(0.5 * logvar).":
                mu + logvar * eps,
            "You forgot the 0.5: exp(logvar) is the variance sigma^2; the standard deviation is "
            "sigma = exp(0.5 * logvar).": mu + torch.exp(logvar) * eps,
            "exp(-0.5 * logvar) is 1 / sigma: the sign inside the exp should be +.": mu + torch.exp(-0.5 * logvar) * eps,
            "z = mu: the noise is gone (did you zero eps or forget to add sigma * eps?). Without it the "
            "encoder's sigma never matters.": mu,
            "The mean is missing: z = mu + sigma * eps, you returned sigma * eps.": std * eps,
            "Sigma is missing: z = mu + sigma * eps with sigma = exp(0.5 * logvar), you added eps alone.": mu + eps,
            "You multiplied mu by sigma: the noise is scaled, the mean is not. z = mu + sigma * eps.": mu * std + eps,
        }
        hit = diagnose(got.numpy(), d(expected).numpy(), {k: d(v).numpy() for k, v in mistakes.items()},
                       rtol=1e-4, atol=1e-5)
        if hit is not None:
            return hit
        again, _ = call_learner(fn, mu, logvar, eps)
        again = _as_float_tensor(again) if again is not None else None
        if isinstance(again, torch.Tensor) and tuple(again.shape) == tuple(got.shape) and \
                not torch.allclose(again, got, atol=1e-6):
            return Feedback(False, "Two calls with the same eps gave different z: you drew your own noise "
                                   "(torch.randn?). Use the eps you are given, z = mu + sigma * eps, so that "
                                   "the randomness stays outside the function.")
        return Feedback(False, "Not yet: z = mu + sigma * eps, with sigma = exp(0.5 * logvar) "
                               "(logvar is log sigma^2).")
    # the value is right; do gradients reach mu and logvar, as they must when the encoder trains?
    mu_leaf, lv_leaf = mu.clone().requires_grad_(True), logvar.clone().requires_grad_(True)
    try:
        z = fn(mu_leaf * 1.0, lv_leaf * 1.0, eps.clone())   # non-leaf inputs, like an encoder's outputs
        if not (isinstance(z, torch.Tensor) and z.requires_grad):
            return Feedback(False, "The values are right, but no gradient flows through your z (a numpy "
                                   "round trip, .detach() or torch.no_grad()?). Compute z with torch "
                                   "operations on mu and logvar so the encoder can learn from it.")
        z.sum().backward()
        grads_ok = (mu_leaf.grad is not None and lv_leaf.grad is not None
                    and torch.allclose(mu_leaf.grad, torch.ones_like(mu), atol=1e-5)
                    and torch.allclose(lv_leaf.grad, 0.5 * std * eps, atol=1e-5))
    except Exception as exc:  # a learner's code that cannot run under autograd
        return Feedback(False, f"The values are right, but your function fails when mu requires grad "
                               f"({type(exc).__name__}); compute z with torch operations.")
    if not grads_ok:
        return Feedback(False, "The values are right, but the gradients with respect to mu and logvar are "
                               "not those of mu + exp(0.5 * logvar) * eps.")
    return Feedback(True, "z = mu + sigma * eps with sigma = exp(logvar / 2): the randomness is all in eps, "
                          "so gradients reach mu (1 per unit) and logvar (sigma * eps / 2).")


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
