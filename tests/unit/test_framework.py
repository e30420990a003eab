"""The exercise checks' building blocks (latent_helpers.exercises._framework): never raise, never misjudge."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from latent_helpers.exercises._framework import (Feedback, as_array, as_number, as_whole_number, call_learner,
                                                 check_array_close, check_close, check_equal, describe, diagnose,
                                                 feedback, guarded, missing)

# a table of answers a learner may hand in by mistake; none of them is a number
NOT_NUMBERS = [None, ..., "784", b"784", True, False, np.bool_(True), 1j, float("nan"), float("inf"), -math.inf,
               10**400, -(10**400), [1, 2], [], np.zeros(0), np.zeros((2, 2)), {"a": 1}, {1}, object(),
               lambda: 784, torch.zeros(3), np.array(["a"]), np.array([None]), [[1], [2, 3]], torch.tensor(float("nan"))]


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def test_feedback_api_is_unchanged():
    good, bad = Feedback(True, "well done"), Feedback(False, "try <again>")
    assert good and not bad
    assert repr(good) == "Correct. well done" and repr(bad).startswith("Not yet.")
    assert "&lt;again&gt;" in bad._repr_html_()
    assert feedback(1, "yes", "no") == Feedback(True, "yes") and feedback(0, "yes", "no") == Feedback(False, "no")
    assert missing(None) is not None and not missing(None).ok and missing(...) is not None and missing(0) is None


@pytest.mark.parametrize("answer", [784, 784.0, np.int64(784), np.float32(784), np.array(784), np.array([784]),
                                    [784], (784,), torch.tensor(784.0), torch.tensor([784.0], requires_grad=True),
                                    torch.tensor(784, dtype=torch.int32), torch.tensor(784.0, dtype=torch.bfloat16)])
def test_as_number_accepts_every_kind_of_one_number(answer):
    assert as_number(answer) == 784.0


def test_as_number_accepts_a_number_computed_with_autograd():
    mu = torch.tensor([0.5, -1.0], requires_grad=True)
    kl = 0.5 * (mu ** 2).sum()
    assert as_number(kl) == pytest.approx(0.625)


@pytest.mark.parametrize("answer", NOT_NUMBERS, ids=lambda a: describe(a)[:30])
def test_as_number_refuses_with_feedback_never_raises(answer):
    out = as_number(answer)
    assert isinstance(out, Feedback) and not out.ok and out.message


def test_as_number_messages_say_what_came():
    assert "the text '784'" in as_number("784").message and "without quotes" in as_number("784").message
    assert "(a bool)" in as_number(False).message
    assert "NaN" in as_number(float("nan")).message
    assert "infinite" in as_number(float("inf")).message
    assert "far too large" in as_number(10**400).message
    assert "complex" in as_number(2j).message
    assert "2 values" in as_number([1, 2]).message
    assert "your KL" in as_number("x", name="your KL").message or "text" in as_number("x", name="your KL").message


def test_as_whole_number():
    assert as_whole_number(3) == 3 and as_whole_number(np.int64(3)) == 3 and as_whole_number(3.0) == 3
    assert as_whole_number(torch.tensor(4)) == 4 and as_whole_number(np.array([5])) == 5
    out = as_whole_number(2.9)
    assert isinstance(out, Feedback) and out.message == "A whole number is expected, got 2.9."
    for bad in NOT_NUMBERS:
        assert isinstance(as_whole_number(bad), Feedback)
    assert "whole number" in as_whole_number("2").message


def test_as_array():
    assert as_array([[1, 2], [3, 4]]).dtype == np.float64
    x = torch.ones(2, 3, requires_grad=True) * 2
    assert as_array(x, shape=(2, 3)).tolist() == [[2.0] * 3] * 2
    assert as_array([torch.tensor(1.0), torch.tensor(2.0)]).tolist() == [1.0, 2.0]  # a list of 0-d tensors
    assert "Rows and columns are swapped" in as_array(np.zeros((3, 2)), shape=(2, 3)).message
    assert "reshape it to (6,)" in as_array(np.zeros((2, 3)), shape=(6,)).message
    assert as_array(np.zeros((5, 2)), shape=(None, 2)).shape == (5, 2)
    assert "(any, 2)" in as_array(np.zeros((5, 3)), shape=(None, 2)).message
    for bad, words in ((None, "No answer"), ("1, 2", "text"), ([[1], [2, 3]], "rows of different lengths"),
                       (np.array([True]), "bool"), (np.array([1j]), "complex"), ([1, float("nan")], "NaN"),
                       ({"a": 1}, "dict"), (print, "function"), (torch.zeros(2, device="meta"), "meta")):
        out = as_array(bad)
        assert isinstance(out, Feedback) and words in out.message, (bad, out)
    assert as_array([1, float("nan")], allow_nonfinite=True).shape == (2,)


def test_check_close_uses_as_number():
    assert check_close(3.1416, np.pi, "ok", "hint", rel=1e-3)
    assert not check_close(3.2, np.pi, "ok", "hint", rel=1e-3)
    assert check_close(torch.tensor(2.0, requires_grad=True) * 1, 2, "ok", "hint")
    assert not check_close(True, 1, "ok", "hint") and not check_close("1", 1, "ok", "hint")
    res = check_close(10**400, 1.0, "ok", "the hint")
    assert not res and res.message.endswith("the hint")
    assert check_close(None, 1, "ok", "hint").message.startswith("No answer yet")
    for bad in NOT_NUMBERS:
        out = check_close(bad, 1.0, "ok", "hint")
        assert isinstance(out, Feedback) and not out.ok


def test_check_close_names_likely_mistakes():
    out = check_close(0.5, 0.25, "ok", "hint", mistakes={"You squared instead of halving.": 0.5})
    assert not out and out.message == "You squared instead of halving."
    # the right answer is never diagnosed as a mistake, even when a mistake has the same value
    assert check_close(0.25, 0.25, "ok", "hint", mistakes={"wrong": 0.25})


@pytest.mark.parametrize("answer, expected, ok", [
    (True, 1, False), (1, True, False), (1, 1, True), (1.0, 1, True), (np.int64(3), 3, True), ("3", 3, False),
    (2.9, 2, False), (AlwaysEqual(), 3, False), (AlwaysEqual(), "chair", False), (AlwaysEqual(), [1, 2], False),
    ("chair ", "chair", True), ("desk", "chair", False), ([1, 2], [1, 2], True), ((1, 2), [1, 2], True),
    ([True, 2], [1, 2], False), ({"a": 1}, {"a": 1}, True), ({"a": True}, {"a": 1}, False),
    ({1, 2}, {1, 2}, True), ({True, 2}, {1, 2}, False), (np.array([1, 2]), np.array([1, 2]), True),
    (torch.tensor([1, 2]), np.array([1, 2]), True), (np.array([1, 2, 3]), np.array([1, 2]), False),
    (None, 1, False), (float("nan"), float("nan"), False), (0.1 + 0.2, 0.3, False),
])
def test_check_equal_compares_type_checked_values(answer, expected, ok):
    out = check_equal(answer, expected, "ok", "hint")
    assert isinstance(out, Feedback) and out.ok is ok


def test_check_equal_always_true_object_of_the_same_type_is_judged_by_the_expected_side():
    class Point:
        def __init__(self, x):
            self.x = x

        def __eq__(self, other):
            return isinstance(other, Point) and other.x == self.x

    assert check_equal(Point(1), Point(1), "ok", "hint") and not check_equal(Point(2), Point(1), "ok", "hint")
    assert "shape" in check_equal(np.array([1, 2, 3]), np.array([1, 2]), "ok", "hint").message


def test_check_array_close():
    exp = np.array([0.5, 1.0])
    assert check_array_close([0.5, 1.0], exp, "ok", "hint")
    assert check_array_close(torch.tensor([0.5, 1.0], requires_grad=True), exp, "ok", "hint")
    out = check_array_close([[0.5], [1.0]], exp, "ok", "hint")
    assert not out and "Expected shape (2,), got shape (2, 1)" in out.message and out.message.endswith("hint")
    out = check_array_close(np.zeros((3, 2)), np.zeros((2, 3)), "ok", "hint")
    assert "transpose" in out.message
    out = check_array_close([1.0, 0.5], exp, "ok", "hint", mistakes={"Reversed: walk from a to b.": [1.0, 0.5]})
    assert out.message == "Reversed: walk from a to b."
    for bad in NOT_NUMBERS:
        out = check_array_close(bad, exp, "ok", "hint")
        assert isinstance(out, Feedback) and not out.ok
    # a check's own bad expected value is not blamed on the learner, and does not raise
    assert "could not work out" in check_array_close([1.0], "oops", "ok", "hint").message


def test_diagnose():
    mistakes = {"this is lerp": [0.5, 0.5], "t is reversed": [1.0, 0.0]}
    assert diagnose([0.5, 0.5], [0.7, 0.7], mistakes).message == "this is lerp"
    assert diagnose(np.array([1.0, 0.0]), [0.7, 0.7], mistakes).message == "t is reversed"
    assert diagnose([0.7, 0.7], [0.7, 0.7], mistakes) is None
    assert diagnose([0.5, 0.5], [0.5, 0.5], mistakes) is None  # the right answer is never a mistake
    assert diagnose([9.0, 9.0], [0.7, 0.7], mistakes) is None
    assert diagnose("text", [0.7, 0.7], mistakes) is None and diagnose([0.5], None, None) is None
    assert diagnose(0.5, None, {"half": 0.5, "bad": "not a number"}).message == "half"
    assert diagnose([0.5, 0.5], [0.7, 0.7], {"shape differs": [0.5, 0.5, 0.5]}) is None


def test_call_learner_copies_arguments_and_reports_problems():
    a, t = np.array([1.0, 2.0]), torch.tensor([1.0, 2.0], requires_grad=True)

    def vandal(x, y, scale=None):
        x[0] = 99.0
        with torch.no_grad():
            y[0] = 99.0
        scale["k"] = 0
        return x.sum()

    opts = {"k": 1}
    out, problem = call_learner(vandal, a, t, scale=opts)
    assert problem is None and out == 101.0
    assert a[0] == 1.0 and t[0].item() == 1.0 and opts == {"k": 1}  # the check's values are untouched

    out, problem = call_learner(lambda x: x.sum().backward() or x.grad, t)
    assert problem is None and out.tolist() == [1.0, 1.0] and t.grad is None  # copies keep requires_grad

    out, problem = call_learner(lambda x: x / 0 if False else 1 / 0, 1)
    assert out is None and problem.message == "Your function raised ZeroDivisionError: division by zero"
    assert call_learner(lambda x: None, 1)[1].message == "Your function returned None: did you forget `return`?"
    assert "No answer yet" in call_learner(None)[1].message
    assert "without calling it" in call_learner(3.0)[1].message
    assert call_learner(lambda: (_ for _ in ()).throw(KeyError("k")))[1].message.startswith("Your function raised KeyError")
    non_leaf = torch.ones(2, requires_grad=True) * 2
    assert call_learner(lambda x: x * 1, non_leaf)[0].tolist() == [2.0, 2.0]
    assert call_learner(lambda x: x + 1, 41) == (42, None)


def test_call_learner_survives_recursion_and_odd_exceptions():
    def forever(x):
        return forever(x)

    assert "RecursionError" in call_learner(forever, 1)[1].message

    class Weird(Exception):
        def __str__(self):
            return "x" * 1000

    out = call_learner(lambda: (_ for _ in ()).throw(Weird()))[1].message
    assert len(out) < 400


def test_guarded_turns_a_crash_into_feedback():
    @guarded
    def check_crashes(answer):
        return feedback(answer["x"] == 1, "ok", "hint")

    out = check_crashes(5)
    assert isinstance(out, Feedback) and not out.ok and "could not look at this answer" in out.message

    @guarded
    def check_returns_bool(answer):
        return answer == 1

    assert check_returns_bool(1) and isinstance(check_returns_bool(1), Feedback)
    assert check_crashes.__name__ == "check_crashes"


def test_describe_never_raises():
    class BadRepr:
        def __repr__(self):
            raise RuntimeError("no")

    assert describe(BadRepr()) == "a BadRepr"
    assert describe(10**400).startswith("a whole number with 401 digits")
    for value in NOT_NUMBERS:
        assert isinstance(describe(value), str)
