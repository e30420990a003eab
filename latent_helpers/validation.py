"""Input checks shared by every helper: one place that turns bad input into a clear error.

Each function returns the value in the form the helper needs, or raises a ``TypeError`` (wrong
kind of thing) or ``ValueError`` (right kind, wrong value) whose message names the argument, says
what was expected and what came. :func:`short_repr` words "what came" for any message.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import torch

#: the largest whole number any helper accepts for a count (it has to fit in an int64)
MAX_INT = 2 ** 63 - 1
#: seeds are what numpy, torch and Python's random all accept: 0 <= seed < 2**32
MAX_SEED = 2 ** 32 - 1


def short_repr(x: Any) -> str:
    """``repr(x)`` cut to a readable length (an array's repr can be pages long), for error messages.

    >>> short_repr("abc"), len(short_repr(list(range(100)))), short_repr(10 ** 30)
    ("'abc'", 60, 'a whole number with 31 digits')
    """
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool) and abs(int(x)) > 10 ** 20:
        return f"a whole number with {len(str(abs(int(x))))} digits"
    try:
        text = repr(x)
    except Exception:
        text = f"<{type(x).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def tensor_to_numpy(x: torch.Tensor, name: str) -> np.ndarray:
    """A tensor on any device (requiring grad or not, any float type) as a numpy array."""
    x = x.detach()
    if x.device.type == "meta":
        raise ValueError(f"{name} is a tensor on the 'meta' device, which holds no values")
    x = x.cpu()
    if x.dtype in (torch.bfloat16, torch.float16):
        x = x.float()
    if x.is_complex():
        raise ValueError(f"{name} must hold real numbers, got complex dtype {x.dtype}")
    return x.numpy()


def as_float_array(x: Any, name: str, ndim: int | tuple[int, ...] | None = None,
                   allow_empty: bool = False) -> np.ndarray:
    """Return ``x`` as a finite float32 numpy array, or raise a ValueError/TypeError that says why.

    >>> as_float_array([[1, 2]], "codes", ndim=2).shape
    (1, 2)
    >>> as_float_array([[1, 2], [3]], "codes")
    Traceback (most recent call last):
    ...
    TypeError: codes must be an array of numbers with rows of equal length, got a list of 2 rows of lengths 2, 1
    """
    if isinstance(x, torch.Tensor):
        x = tensor_to_numpy(x, name)
    if isinstance(x, (str, bytes)) or x is None or isinstance(x, (dict, set)) or callable(x):
        raise TypeError(f"{name} must be an array of numbers, got {type(x).__name__}"
                        + (f" {short_repr(x)}" if isinstance(x, (str, bytes)) else ""))
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        lens = ""
        if isinstance(x, (list, tuple)):
            try:
                lens = f", got a {type(x).__name__} of {len(x)} rows of lengths " + ", ".join(
                    str(len(r)) if hasattr(r, "__len__") else "1" for r in list(x)[:8])
            except Exception:
                lens = ""
        raise TypeError(f"{name} must be an array of numbers with rows of equal length{lens or f': {exc}'}") from exc
    if arr.dtype == object:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError, OverflowError) as exc:
            raise TypeError(f"{name} must hold numbers (an array, a list of numbers, a tensor), got "
                            f"values such as {short_repr(arr.ravel()[0]) if arr.size else 'none'} ({exc})") from exc
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must hold real numbers, got complex dtype {arr.dtype}. Complex data not "
                         "supported: take .real or abs() first")
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(a) for a in allowed)
            raise ValueError(f"{name} must have {want} dimensions, got shape {tuple(arr.shape)}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {tuple(arr.shape)}); expected at least one value")
    if arr.dtype != bool and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values; clean or clip it first")
    with np.errstate(over="ignore"):
        out = arr.astype(np.float32, copy=False)
    if not np.all(np.isfinite(out)):
        raise ValueError(f"{name} holds values too large for float32 (|x| > 3.4e38); rescale it first")
    return out


def as_labels(y: Any, name: str, n: int | None = None) -> np.ndarray:
    """Return integer class labels as a 1-D int64 array (length ``n`` if given)."""
    if isinstance(y, torch.Tensor):
        y = tensor_to_numpy(y, name)
    if isinstance(y, (str, bytes)) or y is None or isinstance(y, (dict, set)) or callable(y):
        raise TypeError(f"{name} must be a 1-D array of whole-number labels, got {type(y).__name__}")
    try:
        arr = np.asarray(y)
    except Exception as exc:
        raise TypeError(f"{name} must be a 1-D array of whole-number labels: {exc}") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {tuple(arr.shape)}")
    if arr.size and (arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer)):
        if np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)) \
                and np.all(np.abs(arr) < 2 ** 62):
            arr = arr.astype(np.int64)
        else:
            raise TypeError(f"{name} must hold whole-number labels, got dtype {arr.dtype}")
    if n is not None and len(arr) != n:
        raise ValueError(f"{name} has {len(arr)} entries but there are {n} points; they must match")
    return arr.astype(np.int64, copy=False)


def positive_int(value: Any, name: str, minimum: int = 1, maximum: int = MAX_INT) -> int:
    """Return ``value`` as an int in ``[minimum, maximum]`` or raise.

    >>> positive_int(np.int64(3), "epochs")
    3
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        what = f"{value!r}" if isinstance(value, (float, np.floating)) else type(value).__name__
        raise TypeError(f"{name} must be an int (a whole number), got {what}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {short_repr(value)}")
    return int(value)


def as_seed(seed: Any, name: str = "seed") -> int:
    """The course's one rule for seeds: a whole number from 0 to 2**32 - 1 (numpy ints welcome).

    ``None`` is refused everywhere: every figure of the course repeats because its seed is fixed;
    for other random draws, pick another number.

    >>> as_seed(np.int64(3))
    3
    >>> as_seed(None)
    Traceback (most recent call last):
    ...
    TypeError: seed must be a whole number from 0 to 4294967295, got None: the course fixes every seed so that results repeat; for a different draw pick another number
    """
    if seed is None:
        raise TypeError(f"{name} must be a whole number from 0 to {MAX_SEED}, got None: the course fixes "
                        "every seed so that results repeat; for a different draw pick another number")
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number from 0 to {MAX_SEED}, got {short_repr(seed)} "
                        f"({type(seed).__name__})")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"{name} must be between 0 and 2**32 - 1 = {MAX_SEED}, got {short_repr(seed)}")
    return int(seed)


def as_list(value: Any, name: str, what: str = "items") -> list:
    """A list, tuple, range or 1-D array as a plain list, or a TypeError naming ``name``.

    >>> as_list((1, 2), "dims")
    [1, 2]
    """
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise TypeError(f"{name} must be a flat list of {what}, got an array of shape {value.shape}")
        return value.tolist()
    if isinstance(value, torch.Tensor):
        return as_list(tensor_to_numpy(value, name), name, what)
    if not isinstance(value, (list, tuple, range)):
        raise TypeError(f"{name} must be a list of {what}, got {short_repr(value)} ({type(value).__name__})")
    items = list(value)
    for item in items:
        if isinstance(item, (list, tuple, dict, set, np.ndarray, torch.Tensor)):
            raise TypeError(f"{name} must be a flat list of {what}, got an element {short_repr(item)}")
    return items


def as_bool(value: Any, name: str) -> bool:
    """``True``/``False`` (numpy bools too), or a TypeError: ``"yes"`` or ``1`` are not switches."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {short_repr(value)}")


def as_positive_float(value: Any, name: str) -> float:
    """A finite number > 0 (python or numpy; not a bool, not text), or a clear error."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a positive number, got {short_repr(value)} ({type(value).__name__})")
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a positive finite number, got {short_repr(value)}") from None
    if not (np.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return v


def as_path(path: Any, name: str = "path", must_exist: bool = False) -> Path:
    """A file or folder path given as text or ``pathlib.Path`` (``~`` expanded), or a clear error.

    ``must_exist=True`` also requires a file there (``FileNotFoundError`` naming ``name`` otherwise).

    >>> as_path("~/notes.txt").name
    'notes.txt'
    >>> as_path(3, "data_home")
    Traceback (most recent call last):
    ...
    TypeError: data_home must be a file path (text or pathlib.Path), got 3
    """
    if isinstance(path, (bool, np.bool_)) or not isinstance(path, (str, os.PathLike)) \
            or isinstance(path, str) and not path.strip():
        raise TypeError(f"{name} must be a file path (text or pathlib.Path), got {short_repr(path)}")
    path = Path(path).expanduser()
    if must_exist and not path.is_file():
        raise FileNotFoundError(f"{name}: no file at {path}")
    return path


__all__ = ["MAX_INT", "MAX_SEED", "as_bool", "as_float_array", "as_labels", "as_list", "as_path", "as_positive_float",
           "as_seed", "positive_int", "short_repr", "tensor_to_numpy"]
