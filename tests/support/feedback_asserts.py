"""An assertion the exercise-check tests share."""
from __future__ import annotations

from latent_helpers.exercises import Feedback


def assert_not_yet(result, *words):
    """``result`` is a check's "not yet" Feedback with a message that names each of ``words``."""
    assert isinstance(result, Feedback) and not result and not result.ok and result.message, result
    for word in words:
        assert word in result.message, result.message
    return result
