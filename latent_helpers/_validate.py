"""Input checks shared by every helper: one place that turns bad input into a clear error."""
from __future__ import annotations

from typing import Any

import numpy as np
import torch


def as_float_array(x: Any, name: str, ndim: int | tuple[int, ...] | None = None,
                   allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a finite float32 numpy array, or raise a ValueError/TypeError that says why.

    >>> as_float_array([[1, 2]], "codes", ndim=2).shape
    (1, 2)
    """
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be an array of numbers: {exc}") from exc
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must hold real numbers, got complex dtype {arr.dtype}")
    arr = arr.astype(np.float32, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(a) for a in allowed)
            raise ValueError(f"{name} must have {want} dimensions, got shape {tuple(arr.shape)}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {tuple(arr.shape)}); expected at least one value")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values; clean or clip it first")
    return arr


def as_labels(y: Any, name: str, n: int | None = None) -> np.ndarray:
    """Return integer class labels as a 1-D int64 array (length ``n`` if given)."""
    if isinstance(y, torch.Tensor):
        y = y.detach().cpu().numpy()
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {tuple(arr.shape)}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        if np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
            arr = arr.astype(np.int64)
        else:
            raise TypeError(f"{name} must hold whole-number labels, got dtype {arr.dtype}")
    if n is not None and len(arr) != n:
        raise ValueError(f"{name} has {len(arr)} entries but there are {n} points; they must match")
    return arr.astype(np.int64, copy=False)


def positive_int(value: Any, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int >= ``minimum`` or raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)
