"""What a check returns (:class:`Feedback`), and the pieces of every message: no answer yet, what came, the safety net."""
from __future__ import annotations

import functools
import html
import numbers
from collections.abc import Callable
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
