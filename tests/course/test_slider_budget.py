"""How the browser tests judge a timed slider drag (tests/support/slider_budget.py)."""
from __future__ import annotations

from support.slider_budget import over_budget, timed_twice_if_over


def _row(median_ms, p95_ms, unanswered=0, changes=49):
    return {"plot": 0, "widget": "LivePlot", "slider": 0, "n": changes - unanswered, "changes": changes,
            "pictures": changes - unanswered, "unanswered": unanswered, "median_ms": median_ms, "p95_ms": p95_ms,
            "readout": "1"}


def _timed(*tries):
    queue = list(tries)
    row = timed_twice_if_over(lambda: dict(queue.pop(0)))
    return row, len(tries) - len(queue)


def test_the_budgets_are_two_frames_median_six_at_the_95th_percentile_and_every_change_answered():
    assert not over_budget(_row(33.0, 100.0))
    assert over_budget(_row(33.1, 50.0)) and over_budget(_row(20.0, 100.1))
    assert over_budget(_row(12.0, 30.0, unanswered=1)) and over_budget(_row(12.0, 30.0, changes=2))
    assert over_budget({**_row(None, None), "n": 0})


def test_a_drag_within_budget_is_timed_once():
    row, sweeps = _timed(_row(14.0, 40.0), _row(99.0, 999.0))
    assert sweeps == 1 and row == _row(14.0, 40.0)


def test_a_drag_over_budget_is_timed_once_more_and_keeps_the_first_try():
    row, sweeps = _timed(_row(20.1, 150.9), _row(15.0, 45.0))   # CI's 08, then a quiet second try
    assert sweeps == 2 and not over_budget(row)
    assert row["p95_ms"] == 45.0 and row["first_try"] == {"median_ms": 20.1, "p95_ms": 150.9, "unanswered": 0}


def test_a_slider_slow_both_times_stays_over_budget():
    for first, second in [(_row(20.0, 150.0), _row(21.0, 140.0)), (_row(40.0, 60.0), _row(35.0, 60.0)),
                          (_row(12.0, 30.0, unanswered=1), _row(12.0, 30.0, unanswered=1))]:
        row, sweeps = _timed(first, second)
        assert sweeps == 2 and over_budget(row) and row["first_try"]["p95_ms"] == first["p95_ms"]
