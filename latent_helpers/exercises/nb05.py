"""Checks for 05_variational_autoencoders."""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, _missing, check_close, feedback


def check_kl_term(answer, mu, logvar) -> Feedback:
    """KL(N(mu, sigma^2) || N(0, I)) in nats for one code, from ``mu`` and ``logvar`` = log sigma^2.

    >>> bool(check_kl_term(0.0, np.zeros(2), np.zeros(2)))
    True
    """
    mu, logvar = np.asarray(mu, np.float64), np.asarray(logvar, np.float64)
    expected = float(-0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar)))
    return check_close(
        answer, expected,
        praise=f"KL = {expected:.4f} nats: what this code costs for straying from N(0, I).",
        hint="KL = -0.5 * sum(1 + logvar - mu**2 - exp(logvar)), summed over the dimensions.",
        rel=1e-4)


def check_reparameterise(fn) -> Feedback:
    """``fn(mu, logvar, eps)`` must return ``mu + exp(0.5 * logvar) * eps`` (torch tensors).

    >>> import torch
    >>> bool(check_reparameterise(lambda m, lv, e: m + torch.exp(0.5 * lv) * e))
    True
    """
    import torch

    if fn is None or fn is Ellipsis:
        return _missing(fn)
    if not callable(fn):
        return Feedback(False, f"Expected a function reparameterise(mu, logvar, eps), got {type(fn).__name__}.")
    g = torch.Generator().manual_seed(0)
    mu, logvar, eps = (torch.randn(4, 3, generator=g) for _ in range(3))
    try:
        out = fn(mu, logvar, eps)
    except Exception as exc:  # a learner's bug: report it, do not raise
        return Feedback(False, f"Your function raised {type(exc).__name__}: {exc}")
    if out is None:
        return Feedback(False, "Your function returns None: return the code z.")
    try:
        out = torch.as_tensor(out, dtype=torch.float32)
    except Exception:
        return Feedback(False, f"Expected a tensor, got {type(out).__name__}.")
    if out.shape != mu.shape:
        return Feedback(False, f"Expected shape {tuple(mu.shape)}, got {tuple(out.shape)}.")
    expected = mu + torch.exp(0.5 * logvar) * eps
    if torch.allclose(out, expected, atol=1e-5):
        return Feedback(True, "z = mu + sigma * eps with sigma = exp(logvar / 2): the randomness is in eps, "
                              "so gradients reach mu and logvar.")
    if torch.allclose(out, mu + torch.exp(logvar) * eps, atol=1e-5):
        return Feedback(False, "exp(logvar) is the variance sigma^2; you need sigma = exp(0.5 * logvar).")
    return Feedback(False, "Not quite: z = mu + sigma * eps, and sigma = exp(0.5 * logvar).")


def check_attribute_vector(answer, codes, labels, a: int, b: int) -> Feedback:
    """The mean code of class ``a`` minus the mean code of class ``b``.

    >>> C = np.array([[1.0, 0.0], [3.0, 0.0], [0.0, 2.0]]); y = np.array([0, 0, 1])
    >>> bool(check_attribute_vector([2.0, -2.0], C, y, 0, 1))
    True
    """
    if (m := _missing(answer)) is not None:
        return m
    C, y = np.asarray(codes, np.float64), np.asarray(labels)
    expected = C[y == a].mean(0) - C[y == b].mean(0)
    try:
        v = np.asarray(answer, np.float64)
    except (TypeError, ValueError):
        return Feedback(False, f"Expected a vector of {len(expected)} numbers, got {type(answer).__name__}.")
    if v.shape != expected.shape:
        return Feedback(False, f"Expected a vector of shape {expected.shape}, got {v.shape}.")
    if np.allclose(v, -expected, atol=1e-4):
        return Feedback(False, f"That is {b} minus {a}: the other way round.")
    return feedback(bool(np.allclose(v, expected, atol=1e-4)),
                    f"The {a}s' mean code minus the {b}s': a direction from {b} towards {a}.",
                    f"Take codes[labels == {a}].mean(0) - codes[labels == {b}].mean(0).")
