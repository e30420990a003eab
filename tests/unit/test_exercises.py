import numpy as np

from latent_helpers.exercises import Feedback, check_close, check_equal


def test_feedback_is_truthy_only_when_right_and_renders_both_ways():
    good, bad = Feedback(True, "well done"), Feedback(False, "try <again>")
    assert good and not bad
    assert "Correct" in good._repr_html_() and "well done" in repr(good)
    assert "&lt;again&gt;" in bad._repr_html_()  # escaped, not injected
    assert repr(bad).startswith("Not yet")


def test_check_close_tolerates_rounding_but_not_wrong_answers():
    assert check_close(3.1416, np.pi, "ok", "hint", rel=1e-3)
    assert not check_close(3.2, np.pi, "ok", "hint", rel=1e-3)
    assert check_close(np.float32(2.0), 2, "ok", "hint")
    assert check_close(np.array([2.0]), 2, "ok", "hint")


def test_checks_never_raise_on_odd_answers():
    for answer in (None, ..., "784", [1, 2], float("nan"), object()):
        result = check_close(answer, 1.0, "ok", "the hint")
        assert not result
    assert "replace the None" in check_close(None, 1.0, "ok", "hint").message
    assert "single number" in check_close([1, 2], 1.0, "ok", "hint").message


def test_check_equal_compares_arrays_and_shapes():
    assert check_equal(np.array([1, 2]), np.array([1, 2]), "ok", "hint")
    res = check_equal(np.array([1, 2, 3]), np.array([1, 2]), "ok", "hint")
    assert not res and "shape" in res.message
    assert check_equal("chair", "chair", "ok", "hint")
    assert not check_equal("desk", "chair", "ok", "hint")
