"""What a check returns (:class:`Feedback`), and the pieces of every message: no answer yet, what came.

The safety net every check wears, :func:`~.guard.guarded`, lives in ``guard.py``."""
from __future__ import annotations

import html
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np


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
    verdict = _verdict(ok)
    return Feedback(verdict, praise if verdict else hint)


def _verdict(ok: Any) -> bool:
    """``ok`` as a bool: True/False, 1/0, a numpy bool, or a one-element bool array or tensor. Anything else
    is a mistake in the check (``'no'`` is truthy, ``0.3`` is not a verdict): a TypeError says so.

    >>> _verdict(np.bool_(True)), _verdict(np.array([False]))
    (True, False)
    """
    if isinstance(ok, (bool, np.bool_)):
        return bool(ok)
    if isinstance(ok, (int, np.integer)) and ok in (0, 1):
        return bool(ok)
    if _is_tensor(ok) or isinstance(ok, np.ndarray):
        if ok.dtype in (bool, np.bool_) or str(ok.dtype) == "torch.bool":
            if tuple(ok.shape) in ((), (1,)):
                return bool(ok.reshape(()).item() if isinstance(ok, np.ndarray) else ok.item())
    text = repr(ok) if len(repr(ok)) <= 40 else type(ok).__name__
    raise TypeError(f"a check's verdict `ok` must be True or False, got {text}")


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
