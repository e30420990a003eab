"""Reading a learner's answer: a number, a whole number, an array, or the result of their function.

Each reader returns the value, or the :class:`~.feedback.Feedback` that says why it cannot be used
(test with ``isinstance(x, Feedback)``); none of them raises on learner input.
"""
from __future__ import annotations

import copy
import math
import numbers
from typing import Any

import numpy as np

from .feedback import Feedback, _is_tensor, describe, missing

#: Largest whole number a check accepts (an index or a count never comes near it).
_MAX_WHOLE = 2 ** 53


def _tensor_to_numpy(t: Any) -> np.ndarray:
    """A tensor (on any device, requiring grad or not) as a numpy array."""
    import torch

    t = t.detach()
    if t.device.type == "meta":
        raise ValueError("it lives on the 'meta' device and has no values")
    t = t.cpu()
    if t.dtype in (torch.bfloat16, torch.float16):
        t = t.float()
    return t.numpy()


def _tensor_values(answer: Any, subject: str) -> np.ndarray | Feedback:
    """A learner's tensor as a numpy array, or the Feedback that says why it cannot be read."""
    try:
        return _tensor_to_numpy(answer)
    except Exception as exc:
        return Feedback(False, f"{subject} is a tensor that cannot be read: {exc}.")


def float64_array(x: Any) -> np.ndarray:
    """A tensor (requiring grad or not) or array-like as a float64 numpy array: for the checks' own
    computations on values the notebook passes in (a learner's answer goes through :func:`as_array`)."""
    if _is_tensor(x):
        return _tensor_to_numpy(x).astype(np.float64)
    return np.asarray(x, dtype=np.float64)


def as_number(answer: Any, name: str = "your answer") -> float | Feedback:
    """``answer`` as a finite float, or the Feedback that says why it cannot be one.

    Accepts Python and numpy numbers, and 0-d or one-element arrays, lists and tensors (also tensors
    that require grad). Refuses text, bools, ``None``, complex numbers, NaN, infinities and numbers
    too large for a float.

    >>> as_number(np.float32(2.5)), as_number([3])
    (2.5, 3.0)
    >>> as_number("784")
    Not yet. A number is expected, got the text '784': write it without quotes.
    >>> as_number(float("nan"))
    Not yet. Your answer is NaN (not a number): check the calculation for 0/0 or a log of a negative number.
    """
    try:
        if (m := missing(answer)) is not None:
            return m
        subject = name[0].upper() + name[1:]
        if isinstance(answer, (str, bytes)):
            return Feedback(False, f"A number is expected, got {describe(answer)}: write it without quotes.")
        if isinstance(answer, (bool, np.bool_)):
            return Feedback(False, f"A number is expected, got {describe(answer)}: True and False are "
                                   "answers to yes/no questions, not numbers.")
        if isinstance(answer, (int, np.integer)):
            value = int(answer)
            if abs(value) > 1e300:
                return Feedback(False, f"{subject} is {describe(answer)}, far too large to be the number asked for.")
            return _finite(float(value), subject)
        if isinstance(answer, (float, np.floating)):
            return _finite(float(answer), subject)
        if isinstance(answer, (complex, np.complexfloating)):
            return Feedback(False, f"A real number is expected, got the complex number {answer!r}.")
        if _is_tensor(answer):
            if isinstance(arr := _tensor_values(answer, subject), Feedback):
                return arr
        elif isinstance(answer, (np.ndarray, list, tuple)):
            try:
                arr = np.asarray(answer)
            except Exception:
                return Feedback(False, f"A single number is expected, got {describe(answer)} that is not a "
                                       "grid of numbers.")
        elif isinstance(answer, numbers.Real) or hasattr(answer, "__float__"):
            try:
                return _finite(float(answer), subject)
            except (OverflowError, ValueError, TypeError):
                return Feedback(False, f"A number is expected, got {describe(answer)}.")
        else:
            return Feedback(False, f"A single number is expected, got {describe(answer)}.")
        if arr.size != 1:
            return Feedback(False, f"A single number is expected, got {describe(arr) if arr.ndim else describe(answer)}"
                                   f" with {arr.size} values.")
        if arr.dtype == object:
            return as_number(arr.reshape(()).item(), name)
        if arr.dtype == bool:
            return Feedback(False, f"A number is expected, got {bool(arr.reshape(()).item())} (a bool).")
        if np.iscomplexobj(arr):
            return Feedback(False, f"A real number is expected, got the complex number {arr.reshape(()).item()!r}.")
        if not np.issubdtype(arr.dtype, np.number):
            return Feedback(False, f"A number is expected, got {describe(arr.reshape(()).item())}.")
        return as_number(arr.reshape(()).item(), name)
    except Exception as exc:  # never raise on learner input
        return Feedback(False, f"A number is expected; {name} could not be read as one ({type(exc).__name__}).")


def _finite(value: float, subject: str) -> float | Feedback:
    if math.isnan(value):
        return Feedback(False, f"{subject} is NaN (not a number): check the calculation for 0/0 or a log "
                               "of a negative number.")
    if math.isinf(value):
        return Feedback(False, f"{subject} is infinite: check the calculation for a division by zero or "
                               "an overflow.")
    return value


def as_whole_number(answer: Any, name: str = "your answer") -> int | Feedback:
    """``answer`` as an int (a count or an index), or the Feedback that says why it cannot be one.

    Floats that are whole (``3.0``) are accepted; ``2.9`` is not truncated.

    >>> as_whole_number(np.int64(3)), as_whole_number(4.0)
    (3, 4)
    >>> as_whole_number(2.9)
    Not yet. A whole number is expected, got 2.9.
    """
    try:
        if isinstance(answer, (int, np.integer)) and not isinstance(answer, (bool, np.bool_)):
            value = int(answer)
            if abs(value) > _MAX_WHOLE:
                return Feedback(False, f"A whole number is expected and {describe(answer)} is far too large.")
            return value
        value = as_number(answer, name)
        if isinstance(value, Feedback):
            return Feedback(False, value.message.replace("A number is expected", "A whole number is expected")
                                                .replace("A single number is expected", "A whole number is expected"))
        if not float(value).is_integer():
            return Feedback(False, f"A whole number is expected, got {value:g}.")
        if abs(value) > _MAX_WHOLE:
            return Feedback(False, f"A whole number is expected and {value:g} is far too large.")
        return int(value)
    except Exception as exc:  # never raise on learner input
        return Feedback(False, f"A whole number is expected; {name} could not be read as one ({type(exc).__name__}).")


def _shape_text(shape: tuple) -> str:
    return "(" + ", ".join("any" if s is None else str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def as_array(answer: Any, shape: tuple[int | None, ...] | None = None, name: str = "your answer",
             allow_nonfinite: bool = False) -> np.ndarray | Feedback:
    """``answer`` as a float64 numpy array (of ``shape``, where ``None`` means any length), or a Feedback.

    Accepts arrays, nested lists, numbers and tensors (on any device, requiring grad or not).

    >>> as_array([[1, 2], [3, 4]], shape=(2, None)).shape
    (2, 2)
    >>> as_array([1, 2, 3], shape=(2,))
    Not yet. Expected shape (2,), got shape (3,).
    >>> as_array("1, 2")
    Not yet. Numbers are expected, got the text '1, 2'.
    """
    try:
        if (m := missing(answer)) is not None:
            return m
        subject = name[0].upper() + name[1:]
        if isinstance(answer, (str, bytes, dict, set, frozenset)) or callable(answer) and not _is_tensor(answer):
            return Feedback(False, f"Numbers are expected, got {describe(answer)}.")
        if _is_tensor(answer):
            if isinstance(arr := _tensor_values(answer, subject), Feedback):
                return arr
        else:
            try:
                arr = np.asarray(answer)
            except Exception:
                return Feedback(False, f"{subject} is not a grid of numbers: rows of different lengths?")
        if arr.dtype == object:
            try:
                arr = np.asarray(
                    [_tensor_to_numpy(x) if _is_tensor(x) else x for x in arr.ravel()], dtype=np.float64
                ).reshape(arr.shape) if arr.size else arr.astype(np.float64)
            except Exception:
                return Feedback(False, f"{subject} is not a grid of numbers (it holds "
                                       f"{describe(arr.ravel()[0]) if arr.size else 'nothing'}); rows of "
                                       "different lengths?")
        if arr.dtype == bool:
            return Feedback(False, f"Numbers are expected, got True/False values (dtype bool).")
        if np.iscomplexobj(arr):
            return Feedback(False, "Real numbers are expected, got complex numbers.")
        if not np.issubdtype(arr.dtype, np.number):
            return Feedback(False, f"Numbers are expected, got values of dtype {arr.dtype}.")
        with np.errstate(over="ignore"):
            arr = arr.astype(np.float64)
        if shape is not None:
            shape = tuple(shape)
            if arr.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, arr.shape)):
                msg = f"Expected shape {_shape_text(shape)}, got shape {arr.shape}."
                if arr.ndim == 2 and len(shape) == 2 and all(
                        s is None or s == a for s, a in zip(shape, arr.shape[::-1])):
                    msg += " Rows and columns are swapped: transpose it (.T)."
                elif None not in shape and arr.size == math.prod(shape):
                    msg += f" The values are all there: reshape it to {_shape_text(shape)}."
                return Feedback(False, msg)
        if not allow_nonfinite and arr.size and not np.all(np.isfinite(arr)):
            what = "NaN" if np.isnan(arr).any() else "infinite values"
            return Feedback(False, f"{subject} contains {what}: check the calculation for 0/0, a log of zero "
                                   "or an overflow.")
        return arr
    except Exception as exc:  # never raise on learner input
        return Feedback(False, f"Numbers are expected; {name} could not be read ({type(exc).__name__}).")


def _copy_arg(x: Any) -> Any:
    """A copy the learner's function may change freely (tensors keep ``requires_grad``)."""
    if _is_tensor(x):
        y = x.detach().clone()
        if x.requires_grad and y.is_floating_point():
            y.requires_grad_(True)
        return y
    if isinstance(x, np.ndarray):
        return x.copy()
    if isinstance(x, list):
        return [_copy_arg(v) for v in x]
    if isinstance(x, tuple):
        return tuple(_copy_arg(v) for v in x)
    if isinstance(x, dict):
        return {k: _copy_arg(v) for k, v in x.items()}
    try:
        return copy.deepcopy(x)
    except Exception:
        return x


def call_learner(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, None] | tuple[None, Feedback]:
    """Call the learner's function on copies of ``args``/``kwargs``: ``(result, None)`` or ``(None, Feedback)``.

    Copies mean the learner's code cannot change the values the check then uses for the expected
    answer. Test the second item with ``is not None`` (a "not yet" Feedback is falsy). Any exception becomes a Feedback naming it; returning ``None`` gets "did you forget return?".

    >>> call_learner(lambda x: x * 2, 3)
    (6, None)
    >>> call_learner(lambda x: 1 / 0, 3)[1]
    Not yet. Your function raised ZeroDivisionError: division by zero
    >>> call_learner(None)[1].ok
    False
    """
    try:
        if (m := missing(fn)) is not None:
            return None, Feedback(False, "No answer yet: write your function and run its cell, then run the "
                                         "check again.")
        if not callable(fn):
            return None, Feedback(False, f"A function is expected, got {describe(fn)}. Pass the function "
                                         "itself, without calling it (no brackets).")
        args = tuple(_copy_arg(a) for a in args)
        kwargs = {k: _copy_arg(v) for k, v in kwargs.items()}
    except Exception as exc:  # pragma: no cover - defensive
        return None, Feedback(False, f"Your function could not be called ({type(exc).__name__}: {exc}).")
    try:
        result = fn(*args, **kwargs)
    except Exception as exc:  # the learner's bug: report it, never raise
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if len(text) > 300:
            text = text[:297] + "..."
        return None, Feedback(False, f"Your function raised {type(exc).__name__}" + (f": {text}" if text else "."))
    if result is None:
        return None, Feedback(False, "Your function returned None: did you forget `return`?")
    return result, None
