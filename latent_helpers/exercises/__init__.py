"""Exercise checks: each ``check_*()`` looks at a learner's answer and prints friendly feedback.

A check never raises on a wrong or missing answer: it says what is wrong and gives a hint, and
returns ``True``/``False`` so a solution cell (and the tests) can assert on it. The framework is
here; each notebook's checks live in ``nbNN.py`` beside it and are re-exported below.
"""
from ._framework import Feedback, check_close, check_equal, feedback
from .nb00 import check_components_for_share, check_grey_count, check_mix, check_pixel_count

__all__ = ["Feedback", "feedback", "check_close", "check_equal", "check_pixel_count"]
from .nb03 import check_articles_cosine, check_cosine_distance_fn, check_desk_crossing, check_slerp  # noqa: E402
from .nb01 import check_hardest_digit, check_knn_vote, check_noise_error, check_pca_error  # noqa: E402
from .nb02 import check_pca_components, check_principal_angles, check_sgd_step  # noqa: E402
from .nb04 import check_denoise_loss, check_linear_probe, check_pca_denoise, check_strongest_dimension  # noqa: E402
from .nb05 import check_attribute_vector, check_kl_term, check_neg_elbo, check_reparameterise  # noqa: E402
from .nb06 import (check_class_entropy, check_frechet_1d, check_gradient_ratio, check_optimal_discriminator,  # noqa: E402
                   check_slope_ratio)
from .nb07 import check_kept_share, check_nearest_words, check_negative_crossover, check_solve_cosmul  # noqa: E402
from .nb08 import (check_em_lower_bound, check_plsa_em_step, check_plsa_parameters, check_topic_word_counts,  # noqa: E402
                   check_unigram_perplexity)
from .nb09 import check_coral, check_layer_probe, check_nearest_centre  # noqa: E402
