"""Checks for 04_autoencoders."""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, _missing, check_close, feedback


def check_code_compression(answer) -> Feedback:
    """How many times fewer numbers does an 8-number code use than a 784-pixel digit?

    >>> bool(check_code_compression(98))
    True
    """
    return check_close(
        answer, 784 / 8,
        praise="98 times fewer numbers: each digit is described by 8 instead of 784.",
        hint="Divide the number of pixels of one digit (28 x 28) by the number of code numbers (8).",
        rel=1e-6)


def check_pca_mse(answer, X_train, X_test, k: int = 32) -> Feedback:
    """The held-out MSE per pixel of PCA with ``k`` components fitted on ``X_train``.

    >>> rng = np.random.default_rng(0); A = rng.random((50, 6)); B = rng.random((20, 6))
    >>> bool(check_pca_mse(0.0, A, B, k=2))
    False
    """
    from sklearn.decomposition import PCA

    if (m := _missing(answer)) is not None:
        return m
    A, B = np.asarray(X_train, np.float32), np.asarray(X_test, np.float32)
    pca = PCA(n_components=k, random_state=0).fit(A)  # the learner's call; 1% tolerance covers other solvers
    expected = float(np.mean((B - pca.inverse_transform(pca.transform(B))) ** 2, dtype=np.float64))
    return check_close(
        answer, expected,
        praise=f"PCA with {k} components rebuilds held-out digits with an error of {expected:.4f} per pixel.",
        hint="pca = PCA(n_components=32, random_state=0).fit(X_train); then "
             "reconstruction_mse(X_test, pca.inverse_transform(pca.transform(X_test))).",
        rel=0.01)


def check_nearest_code(answer, codes, query) -> Feedback:
    """The index of the row of ``codes`` nearest (Euclidean) to ``query``.

    >>> bool(check_nearest_code(1, np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0.9, 0.8])))
    True
    """
    if (m := _missing(answer)) is not None:
        return m
    C, q = np.asarray(codes, np.float64), np.asarray(query, np.float64)
    expected = int(np.argmin(np.linalg.norm(C - q, axis=1)))
    try:
        value = int(np.asarray(answer).item())
    except (TypeError, ValueError):
        return Feedback(False, f"Expected one index (an int), got {type(answer).__name__}.")
    return feedback(value == expected,
                    f"Training digit {expected} has the nearest code.",
                    "Compute np.linalg.norm(codes_train - Z32[show[3]], axis=1) and take the argmin.")
