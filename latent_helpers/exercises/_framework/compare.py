"""Whole checks in one call (:func:`check_close`, :func:`check_equal`, :func:`check_array_close`), and
:func:`diagnose`, which names a likely wrong answer."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from .answers import _tensor_to_numpy, as_array, as_number, as_whole_number
from .feedback import Feedback, _is_tensor, _not_yet, feedback, missing


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
