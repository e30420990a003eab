"""Exercise checks: each ``check_*()`` looks at a learner's answer and prints friendly feedback.

A check never raises on a wrong or missing answer: it says what is wrong and gives a hint, and
returns ``True``/``False`` so a solution cell (and the tests) can assert on it. The framework is
here; each notebook's checks live in ``nbNN.py`` beside it and are re-exported below.
"""
from ._framework import Feedback, check_close, check_equal, feedback
from .nb00 import check_pixel_count

__all__ = ["Feedback", "feedback", "check_close", "check_equal", "check_pixel_count"]
