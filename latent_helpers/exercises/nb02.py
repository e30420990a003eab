"""Checks for 02_toy_latent_space."""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, _missing, check_close, feedback


def check_toy_ratio(answer) -> Feedback:
    """How many times fewer numbers does the 3-number code use than the 5 x 5 image?

    >>> bool(check_toy_ratio(25 / 3))
    True
    """
    return check_close(answer, 25 / 3,
                       praise="Right: 25 pixels become 3 numbers, about 8.3 times fewer.",
                       hint="Count the pixels of a 5 x 5 image and divide by the length of the code.",
                       rel=1e-2)


def check_cosine_distance(answer) -> Feedback:
    """The cosine distance between the seed code [0.4, 0.3, 0.8] and [0.8, 0.6, 1.6].

    >>> bool(check_cosine_distance(0.0))
    True
    """
    a, b = np.array([0.4, 0.3, 0.8]), np.array([0.8, 0.6, 1.6])
    euclid = float(np.linalg.norm(a - b))
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool) and \
            abs(float(answer) - euclid) < 1e-3:
        return Feedback(False, f"{euclid:.3f} is the Euclidean distance. The cosine distance is "
                               "1 - a.b / (|a| |b|): it only looks at the directions.")
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool) and abs(float(answer) - 1) < 1e-3:
        return Feedback(False, "That is the cosine *similarity* (1 for the same direction); the distance is 1 minus it.")
    return check_close(answer, 0.0,
                       praise=f"Yes: 0. The second code is the first doubled, the same direction, so the cosine "
                              f"distance sees no difference while the Euclidean distance is {euclid:.2f}.",
                       hint="Compute 1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)).",
                       rel=0.0, abs_=1e-4)


def check_factor_dimension(answer, codes, factor) -> Feedback:
    """Which code dimension (0, 1 or 2) follows the given factor most closely (largest |correlation|)?

    >>> z = np.array([[0.0, 1.0, 0.3], [1.0, 0.0, 0.1], [2.0, 1.0, 0.2]])
    >>> bool(check_factor_dimension(0, z, [0.0, 1.0, 2.0]))
    True
    """
    if (m := _missing(answer)) is not None:
        return m
    Z, f = np.asarray(codes, dtype=float), np.asarray(factor, dtype=float).ravel()
    corr = np.array([abs(np.corrcoef(Z[:, j], f)[0, 1]) for j in range(Z.shape[1])])
    right = int(np.argmax(corr))
    try:
        got = int(np.asarray(answer).item())
    except (TypeError, ValueError):
        return Feedback(False, f"Answer with a dimension index 0 to {Z.shape[1] - 1}, got {answer!r}.")
    if not 0 <= got < Z.shape[1]:
        return Feedback(False, f"There are only dimensions 0 to {Z.shape[1] - 1}; got {got}.")
    return feedback(got == right,
                    praise=f"Yes: dimension {right} (|correlation| {corr[right]:.2f}) follows it most closely.",
                    hint="For each column j compute abs(np.corrcoef(codes[:, j], factor)[0, 1]) and take the "
                         "largest.")
