"""Exercise checks: each ``check_*()`` looks at a learner's answer and prints friendly feedback.

A check never raises on a wrong or missing answer: it says what is wrong and gives a hint, and
returns ``True``/``False`` so a solution cell (and the tests) can assert on it. The framework is
here; each notebook's checks live in ``nbNN.py`` beside it and are re-exported below.
"""
from ._framework import Feedback, check_close, check_equal, feedback
from .nb00 import check_pixel_count

__all__ = ["Feedback", "feedback", "check_close", "check_equal", "check_pixel_count"]
from .nb03 import check_desk_crossing, check_lerp_point, check_shape_nearest  # noqa: E402
from .nb01 import check_compression_ratio, check_k_for_variance, check_nearer_digit  # noqa: E402
from .nb02 import check_cosine_distance, check_factor_dimension, check_toy_ratio  # noqa: E402
from .nb04 import check_code_compression, check_nearest_code, check_pca_mse  # noqa: E402
from .nb05 import check_attribute_vector, check_kl_term, check_reparameterise  # noqa: E402
