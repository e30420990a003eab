"""Checks for 01_compression."""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, _missing, check_close, feedback


def check_k_for_variance(answer, explained_variance_ratio, share: float = 0.9) -> Feedback:
    """The smallest number of components ``k`` whose explained variance adds up to ``share``.

    ``explained_variance_ratio`` is the fitted PCA's ``explained_variance_ratio_``.

    >>> bool(check_k_for_variance(2, [0.5, 0.45, 0.05]))
    True
    """
    if (m := _missing(answer)) is not None:
        return m
    ratios = np.asarray(explained_variance_ratio, dtype=float).ravel()
    cum = np.cumsum(ratios)
    if cum[-1] < share:
        return Feedback(False, f"These components only explain {cum[-1]:.1%} in total; fit PCA with more "
                               "components so the share can reach " f"{share:.0%}.")
    expected = int(np.searchsorted(cum, share) + 1)
    try:
        got = int(np.asarray(answer).item())
    except (TypeError, ValueError):
        return Feedback(False, f"Expected a whole number of components, got {type(answer).__name__}.")
    if got == expected - 1:
        return Feedback(False, f"Close: with {got} components the share is {cum[got - 1]:.1%}, just under "
                               f"{share:.0%}. Remember that k components means index k - 1 of the cumulative sum.")
    return feedback(got == expected,
                    praise=f"Yes: {expected} of the 784 numbers keep {cum[expected - 1]:.1%} of the variance.",
                    hint="Take np.cumsum(pca.explained_variance_ratio_) and find the first position where it "
                         f"reaches {share}; k is that position + 1 (np.argmax(cum >= {share}) + 1).")


def check_compression_ratio(answer, k: int, n_pixels: int = 784) -> Feedback:
    """Numbers per digit before (``n_pixels``) divided by numbers after (``k`` coefficients).

    >>> bool(check_compression_ratio(39.2, 20))
    True
    """
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool) and answer and \
            abs(float(answer) - k / n_pixels) < 1e-6:
        return Feedback(False, "That is the ratio upside down: divide the numbers before (784) by the "
                               "numbers after (k).")
    return check_close(answer, n_pixels / k,
                       praise=f"Right: {n_pixels} numbers become {k}, a ratio of {n_pixels / k:.1f} to 1 "
                              "(before counting the shared mean and components).",
                       hint="Divide the number of pixels per digit by the number of PCA coefficients k.",
                       rel=1e-2)


def check_nearer_digit(answer, codes, query: int, a: int, b: int) -> Feedback:
    """Which of the digits ``a`` or ``b`` (row indices of ``codes``) is nearer to digit ``query``?

    >>> bool(check_nearer_digit(1, [[0.0], [1.0], [3.0]], 0, 1, 2))
    True
    """
    if (m := _missing(answer)) is not None:
        return m
    Z = np.asarray(codes, dtype=float)
    da, db = np.linalg.norm(Z[query] - Z[a]), np.linalg.norm(Z[query] - Z[b])
    right = a if da < db else b
    try:
        got = int(np.asarray(answer).item())
    except (TypeError, ValueError):
        return Feedback(False, f"Answer with the index {a} or {b}, got {answer!r}.")
    if got not in (a, b):
        return Feedback(False, f"Answer with one of the two indices, {a} or {b}; got {got}.")
    return feedback(got == right,
                    praise=f"Yes: digit {right} is nearer (distance {min(da, db):.2f} against {max(da, db):.2f}).",
                    hint="Compute np.linalg.norm(codes[query] - codes[a]) and the same for b; the smaller "
                         "distance wins.")
