"""The budgets of issue #25 for a slider in the browser, and how a timed drag is judged against them.

From a slider change to the new picture on screen: a median of two frames at 60 Hz, a 95th percentile of
six, and every change gets its picture. The browser tests share the processor with the other tests
(tests/support/streams.py), so a drag over the budgets is timed once more before it counts: a few late
pictures out of 50 can be another test's burst, while a slider slow in fact is slow both times.
"""
from __future__ import annotations

from typing import Callable

MEDIAN_MS, P95_MS = 33.0, 100.0


def over_budget(row: dict) -> bool:
    """A timed drag (a row of ``LabNotebook.timed_sweep``) that missed the budgets: too few changes, a change
    left without its picture, a median over MEDIAN_MS or a 95th percentile over P95_MS."""
    return (not row["n"] or row["changes"] < 3 or not row["pictures"] or bool(row["unanswered"])
            or row["median_ms"] > MEDIAN_MS or row["p95_ms"] > P95_MS)


def timed_twice_if_over(sweep: Callable[[], dict]) -> dict:
    """``sweep()``'s row; if it is over budget, the row of a second ``sweep()``, which keeps the first one's
    figures under ``first_try``."""
    row = sweep()
    if over_budget(row):
        first = row
        row = sweep()
        row["first_try"] = {k: first[k] for k in ("median_ms", "p95_ms", "unanswered")}
    return row
