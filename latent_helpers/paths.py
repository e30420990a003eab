"""Paths through a latent space: straight (lerp) and spherical (slerp) interpolation, and paths
through several codes (the widget that walks them is :class:`latent_helpers.widgets.Interpolator`).

Everything here is plain numpy on 1-D codes, so it works the same for an autoencoder's codes, a
VAE's means or a GAN's noise vectors. Decoding the points is the caller's business.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .validation import as_float_array, as_positive_float, positive_int

METHODS = ("lerp", "slerp")


def _pair(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    A = as_float_array(a, "a", ndim=1).astype(np.float64)
    B = as_float_array(b, "b", ndim=1).astype(np.float64)
    if A.shape != B.shape:
        raise ValueError(f"a and b must be codes of the same length, got {A.shape[0]} and {B.shape[0]}")
    return A, B


def _ts(t: Any) -> tuple[np.ndarray, bool]:
    """Return t as a 1-D float64 array and whether it was a single number."""
    if isinstance(t, (bool, np.bool_)):
        raise TypeError("t must be a number or a 1-D array of numbers, got bool")
    scalar = np.ndim(t) == 0
    arr = as_float_array(np.atleast_1d(t) if scalar else t, "t", ndim=1).astype(np.float64)
    return arr, scalar


def lerp(a: Any, b: Any, t: Any) -> np.ndarray:
    """Linear interpolation ``(1 - t) * a + t * b`` between two codes.

    ``t`` is a number (returns a ``(d,)`` code) or a 1-D array of numbers (returns ``(len(t), d)``).
    ``t`` outside [0, 1] extrapolates along the same line.

    >>> lerp([0.0, 0.0], [1.0, 2.0], 0.5)
    array([0.5, 1. ], dtype=float32)
    >>> lerp([0.0], [1.0], [0.0, 1.0]).shape
    (2, 1)
    """
    A, B = _pair(a, b)
    ts, scalar = _ts(t)
    out = ((1.0 - ts)[:, None] * A + ts[:, None] * B).astype(np.float32)
    return out[0] if scalar else out


def slerp(a: Any, b: Any, t: Any, eps: float = 1e-6) -> np.ndarray:
    """Spherical interpolation: move along the great circle from ``a`` to ``b``.

    With the angle ``w`` between ``a`` and ``b``:
    ``sin((1 - t) w) / sin(w) * a + sin(t w) / sin(w) * b``. For Gaussian noise vectors (GANs, VAEs)
    this keeps the in-between codes as long as typical codes, where a straight line would pass
    through the too-short middle. When ``a`` and ``b`` are (nearly) parallel, or one is zero,
    the angle is meaningless and this falls back to :func:`lerp`.

    >>> np.round(slerp([1.0, 0.0], [0.0, 1.0], 0.5), 3)
    array([0.707, 0.707], dtype=float32)
    """
    A, B = _pair(a, b)
    ts, scalar = _ts(t)
    eps = as_positive_float(eps, "eps")
    na, nb = np.linalg.norm(A), np.linalg.norm(B)
    if na < eps or nb < eps:
        return lerp(A, B, ts[0] if scalar else ts)
    cos = float(np.clip(np.dot(A / na, B / nb), -1.0, 1.0))
    omega = np.arccos(cos)
    so = np.sin(omega)
    if so < eps:  # parallel (or anti-parallel: no unique great circle) -> straight line
        return lerp(A, B, ts[0] if scalar else ts)
    out = ((np.sin((1.0 - ts) * omega) / so)[:, None] * A + (np.sin(ts * omega) / so)[:, None] * B)
    out = out.astype(np.float32)
    return out[0] if scalar else out


def as_waypoints(codes: Any, name: str = "codes") -> np.ndarray:
    """Waypoints ``(k, d)`` with ``k >= 2`` as float64, or a ValueError/TypeError naming ``name``.

    >>> as_waypoints([[0, 0], [1, 1]]).dtype
    dtype('float64')
    """
    C = as_float_array(codes, name, ndim=2).astype(np.float64)
    if C.shape[0] < 2:
        raise ValueError(f"{name} must hold at least 2 waypoints (shape (k, d) with k >= 2), got shape {C.shape}")
    return C


def _method(method: Any) -> str:
    if not isinstance(method, str) or method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    return method


def _segment_bounds(C: np.ndarray) -> np.ndarray:
    """Cumulative share of the path at each waypoint: segments weighted by their straight length."""
    lengths = np.linalg.norm(np.diff(C, axis=0), axis=1)
    if lengths.sum() <= 0:  # all waypoints equal: share the path evenly
        lengths = np.ones_like(lengths)
    return np.concatenate([[0.0], np.cumsum(lengths) / lengths.sum()])


def path_point(codes: Any, t: float, method: str = "lerp") -> np.ndarray:
    """The code at position ``t`` in [0, 1] along the piecewise path through the waypoints ``codes``.

    ``codes`` is ``(k, d)`` with ``k >= 2``. Each segment gets a share of [0, 1] proportional to
    its straight-line (Euclidean) length, so equal steps in ``t`` are (for lerp) equal distances
    in the latent space. ``t = 0`` is the first waypoint, ``t = 1`` the last; within a segment
    the point is :func:`lerp` or :func:`slerp` of its two ends.

    >>> path_point([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], 0.75)
    array([1. , 0.5], dtype=float32)
    """
    C = as_waypoints(codes)
    method = _method(method)
    if isinstance(t, (bool, np.bool_)) or np.ndim(t) != 0:
        raise TypeError(f"t must be a single number in [0, 1], got {type(t).__name__}")
    try:
        tf = float(t)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(f"t must be a single number in [0, 1], got {t!r}") from exc
    if not 0.0 <= tf <= 1.0:
        raise ValueError(f"t must be in [0, 1], got {tf}")
    bounds = _segment_bounds(C)
    i = int(np.clip(np.searchsorted(bounds, tf, side="right") - 1, 0, len(C) - 2))
    span = bounds[i + 1] - bounds[i]
    local = 0.0 if span <= 0 else (tf - bounds[i]) / span
    local = float(np.clip(local, 0.0, 1.0))
    f = lerp if method == "lerp" else slerp
    return f(C[i], C[i + 1], local)


def interpolate_path(codes: Any, n_steps: int, method: str = "lerp") -> np.ndarray:
    """``n_steps`` codes at evenly spaced ``t`` (``np.linspace(0, 1, n_steps)``) along the piecewise
    path through ``codes`` (``(k, d)``, ``k >= 2``); returns ``(n_steps, d)``.

    Segments get steps in proportion to their length (see :func:`path_point`), so a long segment
    gets more samples than a short one; the first and last samples are the end waypoints.

    >>> interpolate_path([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], 5)[:, 0]
    array([0. , 0.5, 1. , 1. , 1. ], dtype=float32)
    """
    C = as_waypoints(codes)
    method = _method(method)
    n = positive_int(n_steps, "n_steps", minimum=2)
    return np.stack([path_point(C, float(t), method) for t in np.linspace(0.0, 1.0, n)])


__all__ = ["METHODS", "as_waypoints", "interpolate_path", "lerp", "path_point", "slerp"]
