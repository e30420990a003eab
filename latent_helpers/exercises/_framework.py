"""The building blocks of every exercise check.

A check looks at a learner's answer and returns a :class:`Feedback`: truthy exactly when the answer
is right, shown in the notebook as a green "Correct" or an orange "Not yet" with a hint. **Nothing
here raises on learner input**: a string where a number belongs, a tensor that requires grad, a
function that crashes or forgets ``return`` -- each becomes a Feedback that says what came.

The blocks, in the order a check uses them:

- ``missing(answer)``: the Feedback for ``None``/``...`` (no answer yet), else ``None``.
- ``as_number(answer)``, ``as_whole_number(answer)``, ``as_array(answer, shape)``: convert the
  answer, or return the Feedback that explains why it cannot be used (test with
  ``isinstance(x, Feedback)``).
- ``call_learner(fn, *args)``: call the learner's function on copies of the arguments;
  ``(result, None)`` or ``(None, Feedback)``.
- ``diagnose(answer, expected, mistakes)``: recognise a named likely-wrong answer and return its hint.
- ``check_close``, ``check_equal``, ``check_array_close``: whole checks in one call.
- ``@guarded``: a decorator that makes a check return Feedback instead of ever raising.

A typical check:

>>> def check_double(fn):
...     out, problem = call_learner(fn, np.array([1.0, 2.0]))
...     if problem is not None:   # not `if problem:` -- a Feedback that says "not yet" is falsy
...         return problem
...     return check_array_close(out, [2.0, 4.0], "Right: twice each value.", "Multiply by 2.",
...                              mistakes={"You added 2 instead of multiplying by 2.": [3.0, 4.0]})
>>> check_double(lambda x: x * 2)
Correct. Right: twice each value.
>>> check_double(lambda x: x + 2)
Not yet. You added 2 instead of multiplying by 2.
>>> check_double(lambda x: None)
Not yet. Your function returned None: did you forget `return`?
"""
from __future__ import annotations

import copy
import functools
import html
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "Feedback", "feedback", "missing", "as_number", "as_whole_number", "as_array",
    "check_close", "check_equal", "check_array_close", "call_learner", "diagnose", "guarded",
    "describe",
]

#: Largest whole number a check accepts (an index or a count never comes near it).
_MAX_WHOLE = 2 ** 53


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``ok`` and the message shown. Truthy exactly when the answer is right.

    >>> Feedback(True, "Well done.")
    Correct. Well done.
    >>> bool(Feedback(False, "Try again."))
    False
    """

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def _repr_html_(self) -> str:
        colour, mark = ("#1a7f37", "&#10004; Correct") if self.ok else ("#b35900", "&#10008; Not yet")
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{mark}.</b> {html.escape(self.message)}</div>')

    def __repr__(self) -> str:
        return ("Correct. " if self.ok else "Not yet. ") + self.message


def feedback(ok: bool, praise: str, hint: str) -> Feedback:
    """Build the :class:`Feedback` for a check: ``praise`` when right, ``hint`` when not.

    >>> feedback(1 + 1 == 2, "Right.", "Add again.")
    Correct. Right.
    """
    return Feedback(bool(ok), praise if ok else hint)


def _not_yet(message: str, hint: str = "") -> Feedback:
    return Feedback(False, f"{message} {hint}".strip())


def missing(answer: Any) -> Feedback | None:
    """The Feedback for "no answer yet" (``None`` or ``...``), or ``None`` when there is an answer.

    >>> missing(None).ok, missing(3) is None
    (False, True)
    """
    if answer is None or answer is Ellipsis:
        return Feedback(False, "No answer yet: replace the None (or ...) with your answer and run the cell again.")
    return None


_missing = missing  # the old private name, still used by some checks


def describe(value: Any, limit: int = 60) -> str:
    """A short description of what came, for messages: ``the text '784'``, ``a tensor of shape (2, 3)``.

    >>> describe("784"), describe(True), describe(np.zeros((2, 3)))
    ("the text '784'", 'True (a bool)', 'an array of shape (2, 3)')
    """
    try:
        if isinstance(value, (str, bytes)):
            text = repr(value)
            return "the text " + (text if len(text) <= limit else text[:limit - 4] + "...'")
        if isinstance(value, (bool, np.bool_)):
            return f"{bool(value)} (a bool)"
        if _is_tensor(value):
            return f"a tensor of shape {tuple(value.shape)}" if value.dim() else f"a 0-d tensor ({value.item()!r})"
        if isinstance(value, np.ndarray):
            return f"an array of shape {value.shape}" if value.ndim else f"a 0-d array ({value.item()!r})"
        if isinstance(value, (list, tuple)):
            return f"a {type(value).__name__} of {len(value)} items"
        if isinstance(value, (int, np.integer)) and abs(int(value)) > 10 ** 18:
            return f"a whole number with {len(str(abs(int(value))))} digits"
        if isinstance(value, (numbers.Number, np.generic)):
            return repr(value.item() if isinstance(value, np.generic) else value)
        if callable(value):
            return f"a function ({getattr(value, '__name__', type(value).__name__)})"
        return f"a {type(value).__name__}"
    except Exception:  # an object whose repr or shape misbehaves
        return f"a {type(value).__name__}"


def _is_tensor(x: Any) -> bool:
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a course requirement
        return False
    return isinstance(x, torch.Tensor)


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
            try:
                arr = _tensor_to_numpy(answer)
            except Exception as exc:
                return Feedback(False, f"{subject} is a tensor that cannot be read: {exc}.")
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
            try:
                arr = _tensor_to_numpy(answer)
            except Exception as exc:
                return Feedback(False, f"{subject} is a tensor that cannot be read: {exc}.")
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


def _close_to(value: Any, target: Any, rtol: float, atol: float) -> bool:
    """Is ``value`` (already converted) within tolerance of ``target``? Never raises."""
    try:
        t = np.asarray(_tensor_to_numpy(target) if _is_tensor(target) else target, dtype=np.float64)
        v = np.asarray(value, dtype=np.float64)
        return v.shape == t.shape and bool(np.allclose(v, t, rtol=rtol, atol=atol, equal_nan=False))
    except Exception:
        return False


def diagnose(answer: Any, expected: Any, mistakes: Mapping[str, Any] | None,
             rtol: float = 1e-4, atol: float = 1e-6) -> Feedback | None:
    """Recognise a named likely-wrong answer: the Feedback with its hint, or ``None``.

    ``mistakes`` maps each hint to the wrong answer it explains (a number or an array). The right
    answer is never diagnosed as a mistake, even when a mistake's value happens to equal it.

    >>> mistakes = {"This is lerp: the norm of your midpoint is 0.71 of the ends'.": [0.5, 0.5]}
    >>> diagnose([0.5, 0.5], [0.707, 0.707], mistakes)
    Not yet. This is lerp: the norm of your midpoint is 0.71 of the ends'.
    >>> diagnose([0.707, 0.707], [0.707, 0.707], mistakes) is None
    True
    """
    try:
        if not mistakes:
            return None
        got = as_array(answer, allow_nonfinite=True)
        if isinstance(got, Feedback):
            return None
        if expected is not None and _close_to(got, expected, rtol, atol):
            return None
        for hint, wrong in mistakes.items():
            if _close_to(got, wrong, rtol, atol):
                return Feedback(False, str(hint))
        return None
    except Exception:  # a diagnosis is a courtesy: never let it break a check
        return None


def check_close(answer: Any, expected: float, praise: str, hint: str, rel: float = 1e-3, abs_: float = 1e-9,
                mistakes: Mapping[str, Any] | None = None) -> Feedback:
    """Right when ``answer`` is a single number within ``rel`` (relative) or ``abs_`` of ``expected``.

    ``mistakes`` (hint -> wrong value) names likely wrong answers; see :func:`diagnose`.

    >>> check_close(3.1416, math.pi, "Right.", "Think of circles.")
    Correct. Right.
    >>> check_close(True, 1, "Right.", "Count again.")
    Not yet. A number is expected, got True (a bool): True and False are answers to yes/no questions, not numbers. Count again.
    """
    try:
        value = as_number(answer)
        if isinstance(value, Feedback):
            return value if value.message.startswith("No answer yet") else _not_yet(value.message, hint)
        ok = math.isclose(value, float(expected), rel_tol=rel, abs_tol=abs_)
        if not ok and (m := diagnose(value, None, mistakes, rtol=max(rel, 1e-9), atol=abs_ or 1e-12)) is not None:
            return m
        return feedback(ok, praise, hint)
    except Exception as exc:  # never raise on learner input
        return _not_yet(f"This answer could not be checked ({type(exc).__name__}).", hint)


def _equal_value(answer: Any, expected: Any) -> bool:
    """Type-checked equality: a bool is not 1, an object whose ``==`` always says True is not equal."""
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(answer, (bool, np.bool_)) and bool(answer) == bool(expected)
    if isinstance(expected, (int, np.integer)):
        got = as_whole_number(answer)
        return not isinstance(got, Feedback) and got == int(expected)
    if isinstance(expected, (float, np.floating)):
        got = as_number(answer)
        return not isinstance(got, Feedback) and got == float(expected)
    if isinstance(expected, str):
        return isinstance(answer, str) and answer.strip() == expected.strip()
    if isinstance(expected, np.ndarray) or _is_tensor(expected):
        e = as_array(expected, allow_nonfinite=True)
        a = as_array(answer, allow_nonfinite=True)
        return not isinstance(a, Feedback) and not isinstance(e, Feedback) and a.shape == e.shape \
            and bool(np.array_equal(a, e))
    if isinstance(expected, (list, tuple)):
        return isinstance(answer, (list, tuple, np.ndarray)) and len(answer) == len(expected) and all(
            _equal_value(a, e) for a, e in zip(answer, expected))
    if isinstance(expected, Mapping):
        return isinstance(answer, Mapping) and set(answer.keys()) == set(expected.keys()) and all(
            _equal_value(answer[k], expected[k]) for k in expected)
    if isinstance(expected, (set, frozenset)):
        return isinstance(answer, (set, frozenset)) and len(answer) == len(expected) and all(
            any(_equal_value(a, e) for a in answer) for e in expected)
    # anything else: the same type, compared by the expected value's own ==
    return type(answer) is type(expected) and bool(expected == answer)


def check_equal(answer: Any, expected: Any, praise: str, hint: str) -> Feedback:
    """Right when ``answer`` has the value of ``expected``, compared with its type in mind.

    An int is expected as a whole number (``3.0`` counts, ``True`` and ``"3"`` do not); text is
    compared without surrounding spaces; arrays need the same shape and values.

    >>> check_equal(784, 784, "Right.", "Count the pixels.")
    Correct. Right.
    >>> check_equal(True, 1, "Right.", "Count the pixels.")
    Not yet. Count the pixels.
    >>> check_equal(np.array([1, 2, 3]), np.array([1, 2]), "Right.", "Try again.")
    Not yet. Expected shape (2,), got shape (3,). Try again.
    """
    try:
        if (m := missing(answer)) is not None:
            return m
        if isinstance(expected, np.ndarray) or _is_tensor(expected) or isinstance(answer, np.ndarray) or _is_tensor(answer):
            e = as_array(expected, allow_nonfinite=True)
            a = as_array(answer, shape=None if isinstance(e, Feedback) else e.shape, allow_nonfinite=True)
            if isinstance(a, Feedback):
                return _not_yet(a.message, hint)
        return feedback(_equal_value(answer, expected), praise, hint)
    except Exception as exc:  # never raise on learner input
        return _not_yet(f"This answer could not be checked ({type(exc).__name__}).", hint)


def check_array_close(answer: Any, expected: Any, praise: str, hint: str, rtol: float = 1e-5, atol: float = 1e-8,
                      mistakes: Mapping[str, Any] | None = None) -> Feedback:
    """Right when ``answer`` has ``expected``'s shape and values within ``rtol``/``atol`` (``np.allclose``).

    A wrong shape is named ("expected shape (3,), got shape (1, 3)"); ``mistakes`` (hint -> wrong
    array) names likely wrong answers, see :func:`diagnose`.

    >>> check_array_close([0.5, 1.0], np.array([0.5, 1.0]), "Right.", "Mix the two.")
    Correct. Right.
    >>> check_array_close([[0.5, 1.0]], np.array([0.5, 1.0]), "Right.", "Mix the two.")
    Not yet. Expected shape (2,), got shape (1, 2). The values are all there: reshape it to (2,). Mix the two.
    """
    try:
        exp = as_array(expected, name="the expected value", allow_nonfinite=True)
        if isinstance(exp, Feedback):  # a check's own bug, not the learner's
            return _not_yet("This check could not work out the expected answer.", hint)
        got = as_array(answer, shape=exp.shape)
        if isinstance(got, Feedback):
            return got if got.message.startswith("No answer yet") else _not_yet(got.message, hint)
        ok = bool(np.allclose(got, exp, rtol=rtol, atol=atol))
        if not ok and (m := diagnose(got, exp, mistakes, rtol=max(rtol, 1e-6), atol=max(atol, 1e-8))) is not None:
            return m
        return feedback(ok, praise, hint)
    except Exception as exc:  # never raise on learner input
        return _not_yet(f"This answer could not be checked ({type(exc).__name__}).", hint)


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


def guarded(check: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Decorate a ``check_*`` so that it returns a Feedback instead of ever raising.

    A check should validate its own arguments and say what is wrong; this is the safety net for
    what it missed (the message says the check itself failed, so the learner is not blamed).

    >>> @guarded
    ... def check_half(answer):
    ...     return feedback(answer["value"] == 0.5, "Right.", "Halve it.")
    >>> check_half(3)
    Not yet. The check could not look at this answer (TypeError: 'int' object is not subscriptable). Check what your answer is: 3.
    """
    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        try:
            result = check(*args, **kwargs)
        except Exception as exc:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            came = f" Check what your answer is: {describe(args[0])}." if args else ""
            return Feedback(False, f"The check could not look at this answer ({type(exc).__name__}"
                                   + (f": {text[:200]}" if text else "") + f").{came}")
        if not isinstance(result, Feedback):
            return Feedback(bool(result), "Correct." if result else "Not yet.")
        return result

    wrapper.__wrapped_check__ = True  # type: ignore[attr-defined]
    return wrapper
