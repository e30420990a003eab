"""The feedback pattern every check uses."""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``ok`` and the message shown. Truthy exactly when the answer is right."""

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
    """Build the :class:`Feedback` for a check: ``praise`` when right, ``hint`` when not."""
    return Feedback(bool(ok), praise if ok else hint)


def _missing(answer) -> Feedback | None:
    if answer is None or answer is Ellipsis:
        return Feedback(False, "No answer yet: replace the None (or ...) with your answer and run the cell again.")
    return None


def check_close(answer, expected: float, praise: str, hint: str, rel: float = 1e-3, abs_: float = 1e-9) -> Feedback:
    """Right when ``answer`` is a number within a relative tolerance ``rel`` of ``expected``."""
    if (m := _missing(answer)) is not None:
        return m
    try:
        value = float(np.asarray(answer).item())
    except (TypeError, ValueError):
        return Feedback(False, f"Expected a single number, got {type(answer).__name__}. " + hint)
    if not math.isfinite(value):
        return Feedback(False, "Your answer is NaN or infinite. " + hint)
    return feedback(math.isclose(value, expected, rel_tol=rel, abs_tol=abs_), praise, hint)


def check_equal(answer, expected, praise: str, hint: str) -> Feedback:
    """Right when ``answer == expected`` (arrays compared element-wise, shapes must match)."""
    if (m := _missing(answer)) is not None:
        return m
    if isinstance(expected, np.ndarray) or isinstance(answer, np.ndarray):
        a, e = np.asarray(answer), np.asarray(expected)
        if a.shape != e.shape:
            return Feedback(False, f"Expected shape {e.shape}, got {a.shape}. " + hint)
        return feedback(bool(np.array_equal(a, e)), praise, hint)
    try:
        ok = bool(answer == expected)
    except Exception:
        ok = False
    return feedback(ok, praise, hint)
