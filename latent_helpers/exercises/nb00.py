"""Checks for 00_start_here."""
from __future__ import annotations

from ._framework import Feedback, check_close


def check_pixel_count(answer) -> Feedback:
    """How many numbers describe one 28x28 grayscale MNIST digit?

    >>> bool(check_pixel_count(784))
    True
    """
    return check_close(
        answer, 28 * 28,
        praise="784 numbers, one brightness per pixel. A latent code will describe the same digit "
               "with far fewer.",
        hint="A grayscale image stores one number per pixel. How many pixels has a 28 by 28 grid?",
        rel=0.0, abs_=0.0)
