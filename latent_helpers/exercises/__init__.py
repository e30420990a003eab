"""Exercise checks: each ``check_*()`` looks at a learner's answer and prints friendly feedback.

A check never raises on a wrong or missing answer: it says what is wrong and gives a hint, and
returns ``True``/``False`` so a solution cell (and the tests) can assert on it. The framework the
checks are built on is ``_framework/``; each notebook's checks live in ``nbNN.py`` beside it and are
re-exported here: ``from latent_helpers.exercises import check_slerp``.
"""
from ._framework import Feedback, check_close, check_equal, feedback
from .nb00 import check_components_for_share, check_grey_count, check_mix, check_pixel_count
from .nb01 import check_hardest_digit, check_knn_vote, check_noise_error, check_pca_error
from .nb02 import check_pca_components, check_principal_angles, check_sgd_step
from .nb03 import check_cosine_kind_share, check_cosine_nearest, check_desk_crossing, check_slerp
from .nb04 import check_linear_probe, check_masking_loss, check_pca_denoise, check_strongest_dimension
from .nb05 import (
    check_attribute_vector, check_elbo_gap, check_kl_general, check_neg_elbo,
    check_reparam_gradients,
)
from .nb06 import check_class_entropy, check_frechet_1d, check_optimal_discriminator, check_slope_ratio
from .nb07 import check_kept_share, check_nearest_words, check_negative_crossover, check_solve_cosmul
from .nb08 import (
    check_em_lower_bound, check_plsa_em_step, check_plsa_parameters, check_topic_word_counts,
    check_unigram_perplexity,
)
from .nb09 import check_coral, check_nearest_centre, check_nearest_label
from .nb10 import check_diffusion_loss, check_noise_step, check_step_from_x0

__all__ = [
    "Feedback", "check_attribute_vector", "check_class_entropy", "check_close",
    "check_components_for_share", "check_coral", "check_cosine_kind_share", "check_cosine_nearest",
    "check_desk_crossing", "check_diffusion_loss", "check_elbo_gap", "check_em_lower_bound",
    "check_equal", "check_frechet_1d", "check_grey_count", "check_hardest_digit", "check_kept_share",
    "check_kl_general", "check_knn_vote", "check_linear_probe", "check_masking_loss", "check_mix",
    "check_nearest_centre", "check_nearest_label", "check_nearest_words", "check_neg_elbo",
    "check_negative_crossover", "check_noise_error", "check_noise_step", "check_optimal_discriminator",
    "check_pca_components", "check_pca_denoise", "check_pca_error", "check_pixel_count",
    "check_plsa_em_step", "check_plsa_parameters", "check_principal_angles", "check_reparam_gradients",
    "check_sgd_step", "check_slerp", "check_slope_ratio", "check_solve_cosmul", "check_step_from_x0",
    "check_strongest_dimension", "check_topic_word_counts", "check_unigram_perplexity", "feedback",
]
