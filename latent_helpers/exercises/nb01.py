"""Checks for 01_compression.

- ``check_pca_error``: the learner writes ``pca_error(X, mean, V, k)``, the held-out reconstruction
  error of a k-component PCA, by hand from the mean and the components.
- ``check_knn_vote``: the learner writes ``knn_vote(train_codes, train_labels, query, n_neighbours)``,
  the nearest-neighbour vote behind section 4's accuracies.
- ``check_hardest_digit``: which digit the 5-NN vote in the 2-number PCA space gets wrong most often.
- ``check_noise_error``: predict the held-out error of the 19 -> k -> 19 round trip of section 7.
"""
from __future__ import annotations

import numpy as np

from ._framework import (Feedback, as_number, as_whole_number, call_learner, check_close, diagnose, guarded,
                         missing)

# --------------------------------------------------------------------------------------------
# Exercise 1: the reconstruction error of a k-component PCA, by hand


def _pca_data():
    """A small fixed data set (40 points, 6 "pixels", 3 hidden numbers, mean far from 0) and its PCA."""
    rng = np.random.default_rng(7)
    hidden = rng.normal(size=(40, 3)) * [3.0, 1.5, 0.7]
    X = 2.0 + hidden @ rng.normal(size=(3, 6)) + 0.2 * rng.normal(size=(40, 6))
    mean = X.mean(0)
    V = np.linalg.svd(X - mean, full_matrices=False)[2][:5]     # 5 components, one per row, like pca.components_
    return X, mean, V


def _reconstruction_mse(X, mean, V, k, subtract=True, add_back=True):
    codes = (X - mean if subtract else X) @ V[:k].T
    restored = codes @ V[:k] + (mean if add_back else 0.0)
    return float(((X - restored) ** 2).mean())


@guarded
def check_pca_error(pca_error) -> Feedback:
    """Does ``pca_error(X, mean, V, k)`` return the mean squared error per pixel of a k-component PCA?

    ``X`` holds one data point per row, ``mean`` is the PCA's mean, ``V`` its components (one per
    row, like ``pca.components_``). The check calls ``pca_error`` on copies of a small fixed data
    set with k = 1 and k = 3 and names the usual slips: the mean left out when encoding or when
    decoding, k ignored, a sum instead of a mean, a square root too many.

    >>> def pca_error(X, mean, V, k):
    ...     codes = (X - mean) @ V[:k].T
    ...     return ((X - (mean + codes @ V[:k])) ** 2).mean()
    >>> bool(check_pca_error(pca_error))
    True
    >>> check_pca_error(lambda X, mean, V, k: ((X - (mean + (X @ V[:k].T) @ V[:k])) ** 2).mean())
    Not yet. You encoded X itself: subtract the mean first, code = (x - mean) @ V[:k].T. PCA's directions start at the mean digit, not at a black image.
    """
    X, mean, V = _pca_data()
    n, p = X.shape
    for k in (1, 3):
        out, problem = call_learner(pca_error, X, mean, V, k)
        if problem is not None:
            return problem
        value = as_number(out, name="your function's result")
        if isinstance(value, Feedback):
            if "single number" in value.message:
                return Feedback(False, f"{value.message} pca_error should return one number: the mean of the "
                                       "squared differences over all points and pixels (.mean() with no axis).")
            return value
        expected = _reconstruction_mse(X, mean, V, k)
        if np.isclose(value, expected, rtol=1e-6, atol=1e-12):
            continue
        mistakes = {
            "You encoded X itself: subtract the mean first, code = (x - mean) @ V[:k].T. PCA's directions "
            "start at the mean digit, not at a black image.": _reconstruction_mse(X, mean, V, k, subtract=False),
            "You decoded without the mean: the reconstruction is mean + code @ V[:k]. The code only says how far "
            "a digit is from the mean digit.": _reconstruction_mse(X, mean, V, k, add_back=False),
            "The mean is missing in both steps: subtract it before encoding and add it back after decoding.":
                _reconstruction_mse(X, mean, V, k, subtract=False, add_back=False),
            f"Your error does not depend on k: with k = {k} use only the first k components, V[:k], in both "
            "steps.": _reconstruction_mse(X, mean, V, len(V)),
            f"That is the error with k + 1 = {k + 1} components: V[:k] holds the first k rows (0 to k - 1).":
                _reconstruction_mse(X, mean, V, k + 1),
            "That is the error summed over the pixels of each point (then averaged over points). The curve is "
            "per pixel: take the mean over pixels too, .mean() with no axis.": expected * p,
            "That is the total squared error, summed over points and pixels: take the mean instead.":
                expected * n * p,
            "That is the square root of the mean squared error (the RMSE): leave out the square root.":
                float(np.sqrt(expected)),
        }
        named = diagnose(value, expected, mistakes, rtol=1e-6, atol=1e-12)
        if named is not None:
            return named
        return Feedback(False, f"With k = {k} your function returns {value:.4g}, not the mean squared error "
                               f"({expected:.4g}). Three steps: code = (X - mean) @ V[:k].T; restored = mean + "
                               "code @ V[:k]; return ((X - restored) ** 2).mean().")
    return Feedback(True, "Right: encode with the first k components, decode, average the squared difference. "
                          "pca_error(X_test, mean, V, 20) gives the value the curve in section 3 shows at k = 20.")


# --------------------------------------------------------------------------------------------
# Exercise 2: the nearest-neighbour vote

# Training codes (2-D) around a query at the origin. By distance from the query the labels run
# 3, 3, 7, 7, 7 and then six far-away 1s; the rows are shuffled so that no row index is a label.
_VOTE_POINTS = np.array([[0.1, 0.0], [0.0, 0.2], [-0.3, 0.0], [0.0, -0.4], [0.35, 0.35],
                         [6.0, 0.0], [0.0, 6.5], [-7.0, 0.0], [0.0, -7.5], [8.0, 0.0], [0.0, 8.5]])
_VOTE_LABELS = np.array([3, 3, 7, 7, 7, 1, 1, 1, 1, 1, 1])
_VOTE_ORDER = np.array([5, 8, 0, 10, 3, 6, 1, 9, 4, 7, 2])      # row i of the check's data is point ORDER[i]


def _vote_data():
    return _VOTE_POINTS[_VOTE_ORDER], _VOTE_LABELS[_VOTE_ORDER], np.zeros(2)


@guarded
def check_knn_vote(knn_vote) -> Feedback:
    """Does ``knn_vote(train_codes, train_labels, query, n_neighbours)`` return the most common label
    among the ``n_neighbours`` training codes nearest to ``query``?

    The check calls it on copies of a small fixed example with 5 and with 3 neighbours, and names
    the usual slips: one neighbour only, the farthest instead of the nearest, an index instead of a
    label, the neighbours' labels instead of the vote, ``n_neighbours`` ignored.

    >>> def knn_vote(train_codes, train_labels, query, n_neighbours=5):
    ...     distances = np.linalg.norm(train_codes - query, axis=1)
    ...     nearest = np.argsort(distances)[:n_neighbours]
    ...     return np.bincount(train_labels[nearest]).argmax()
    >>> bool(check_knn_vote(knn_vote))
    True
    >>> check_knn_vote(lambda codes, labels, q, n_neighbours=5: labels[np.argmin(np.linalg.norm(codes - q, axis=1))])
    Not yet. 3 is the label of the single nearest code: that is a 1-neighbour vote. Take the n_neighbours nearest codes and return the label most of them carry.
    """
    codes, labels, query = _vote_data()
    order = np.argsort(np.linalg.norm(codes - query, axis=1))
    for n_neighbours in (5, 3):
        out, problem = call_learner(knn_vote, codes, labels, query, n_neighbours=n_neighbours)
        if problem is not None:
            return problem
        if np.ndim(out) == 1 and np.size(out) == n_neighbours:
            return Feedback(False, f"Your function returned {n_neighbours} values, the neighbours' labels (or "
                                   "positions). The vote is one label, the most common among them: "
                                   "np.bincount(labels).argmax() counts them.")
        got = as_whole_number(out, name="your function's result")
        if isinstance(got, Feedback):
            return Feedback(False, f"{got.message} knn_vote should return one label (a whole number).")
        expected = int(np.bincount(labels[order[:n_neighbours]]).argmax())
        if got == expected:
            continue
        nearest_label = int(labels[order[0]])
        farthest_vote = int(np.bincount(labels[order[::-1][:n_neighbours]]).argmax())
        if n_neighbours == 3 and got == int(np.bincount(labels[order[:5]]).argmax()):
            return Feedback(False, "With n_neighbours=3 your function still answers as if it used 5 neighbours: use "
                                   "the argument n_neighbours, not a fixed 5.")
        if got == nearest_label:
            return Feedback(False, f"{got} is the label of the single nearest code: that is a 1-neighbour vote. Take "
                                   "the n_neighbours nearest codes and return the label most of them carry.")
        if got == farthest_vote:
            return Feedback(False, f"{got} is the vote of the {n_neighbours} *farthest* codes (or of all of them): "
                                   "sort the distances from small to large, np.argsort(distances)[:n_neighbours].")
        if got in (int(order[0]), *[int(i) for i in order[:n_neighbours]]) and got not in labels:
            return Feedback(False, f"{got} is a row number of a neighbour, not a label: look the neighbours' labels "
                                   "up with train_labels[nearest], then count them.")
        return Feedback(False, f"With n_neighbours={n_neighbours} the vote is {expected}, your function says {got}. "
                               "Steps: distances from query to every training code; np.argsort(distances)"
                               "[:n_neighbours]; the most common label among those rows.")
    return Feedback(True, "Right: measure, sort, take the n nearest, count their labels. KNeighborsClassifier does "
                          "exactly this, with faster ways to find the nearest.")


# --------------------------------------------------------------------------------------------
# Exercise 3: the digit the vote gets wrong most often


def _knn_predictions(train_codes, train_labels, test_codes, n_neighbours):
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(n_neighbors=n_neighbours).fit(train_codes, train_labels).predict(test_codes)


@guarded
def check_hardest_digit(answer, train_codes, train_labels, test_codes, test_labels, n_neighbours: int = 5) -> Feedback:
    """Which true digit does the ``n_neighbours`` vote in the given code space get wrong most often?

    The check runs the vote itself (scikit-learn's ``KNeighborsClassifier``) and finds, per true
    label, the share of test digits voted wrong.

    >>> train, y_train = np.array([[0.0], [0.1], [0.2], [10.0], [10.1], [10.2]]), [0, 0, 0, 1, 1, 1]
    >>> test, y_test = np.array([[0.0], [10.0], [0.1]]), [0, 1, 1]     # the last 1 sits among the 0s
    >>> bool(check_hardest_digit(1, train, y_train, test, y_test, n_neighbours=3))
    True
    >>> check_hardest_digit(0, train, y_train, test, y_test, n_neighbours=3)
    Not yet. 0 is the digit the vote gets *right* most often (wrong 0% of the time): take the largest error rate, np.argmax, not the smallest.
    """
    if (m := missing(answer)) is not None:
        return m
    y_test = np.asarray(test_labels).ravel()
    pred = _knn_predictions(np.asarray(train_codes, dtype=float), np.asarray(train_labels).ravel(),
                            np.asarray(test_codes, dtype=float), int(n_neighbours))
    classes = np.unique(y_test)
    wrong = np.array([(pred[y_test == c] != c).mean() for c in classes])
    expected = int(classes[np.argmax(wrong)])
    value = as_number(answer)
    if isinstance(value, Feedback):
        return Feedback(False, f"{value.message} Answer with the digit, 0 to 9.")
    if 0.0 < value < 1.0:
        return Feedback(False, f"{value:g} looks like an error rate. The question asks for the digit whose rate is "
                               "highest: answer with the digit, 0 to 9.")
    got = as_whole_number(value)
    if isinstance(got, Feedback):
        return Feedback(False, f"{got.message} Answer with the digit, 0 to 9.")
    if got not in classes:
        return Feedback(False, f"Answer with one of the digits {int(classes.min())} to {int(classes.max())}; got {got}.")
    easiest = int(classes[np.argmin(wrong)])
    false_votes = np.array([((pred == c) & (y_test != c)).sum() for c in classes])
    most_voted_wrongly = int(classes[np.argmax(false_votes)])
    rate = dict(zip(classes.tolist(), wrong))
    if got == expected:
        return Feedback(True, f"Yes: {expected}s are voted wrong {rate[expected]:.0%} of the time in this space, "
                              f"{easiest}s only {rate[easiest]:.0%}. Look at the map in notebook 00: a digit that "
                              "shares its strokes with others lands among them.")
    if got == easiest:
        return Feedback(False, f"{got} is the digit the vote gets *right* most often (wrong {rate[got]:.0%} of the "
                               "time): take the largest error rate, np.argmax, not the smallest.")
    if got == most_voted_wrongly:
        return Feedback(False, f"{got} is the label the vote hands out most often by mistake (to digits that are not "
                               f"{got}s). The question is about the true label: among the test digits that *are* "
                               f"{got}s, only {rate[got]:.0%} are voted wrong. Group the mistakes by y_test.")
    return Feedback(False, f"Not {got}: {got}s are voted wrong {rate[got]:.0%} of the time, and one digit does worse. "
                           "For each digit d: (pred[y_test == d] != d).mean(); answer the d with the largest.")


# --------------------------------------------------------------------------------------------
# Exercise 4: the round trip 19 -> k -> 19 on data with 9 hidden numbers


@guarded
def check_noise_error(answer, k: int = 12, n_measured: int = 19, n_hidden: int = 9,
                      noise_sd: float = 0.01) -> Feedback:
    """Predict the held-out MSE of a k-number PCA round trip on ``n_measured`` noisy measurements of
    ``n_hidden`` hidden numbers (for ``n_hidden <= k``): the noise in the ``n_measured - k`` left-out
    directions, averaged over the measurements, ``(n_measured - k) / n_measured * noise_sd ** 2``.

    A measured value (within 6 %) counts as well.

    >>> bool(check_noise_error(7 / 19 * 1e-4))
    True
    >>> check_noise_error(12 / 19 * 1e-4)
    Not yet. 6.3e-05 is the noise PCA keeps, in the 12 directions it stores: that is the error against the noise-free points. The table compares with the measured points, and there the error is the noise in the directions PCA leaves out.
    """
    k, D, H, var = int(k), int(n_measured), int(n_hidden), float(noise_sd) ** 2
    if not H <= k < D:
        raise ValueError(f"k must be between n_hidden ({H}) and n_measured - 1 ({D - 1}), got {k}")
    expected = (D - k) / D * var
    kept = k / D * var
    mistakes = {
        f"{kept:.2g} is the noise PCA keeps, in the {k} directions it stores: that is the error against the "
        "noise-free points. The table compares with the measured points, and there the error is the noise in "
        "the directions PCA leaves out.": kept,
        f"{var:.0e} is all the noise, in all {D} directions. PCA removes the noise of the directions it leaves "
        "out, and only that part shows as error.": var,
        f"{(D - H) / D * var:.2g} is the error with {H} numbers, in the table. With {k} numbers PCA leaves out "
        f"{D - k} directions, not {D - H}.": (D - H) / D * var,
        f"{(k - H) / D * var:.2g} counts the {k - H} extra directions PCA stores. The error is the noise in the "
        f"directions it does *not* store: {D} - {k} of them.": (k - H) / D * var,
        f"You used the standard deviation {noise_sd:g} where the squared error needs the variance, "
        f"{noise_sd:g} squared.": (D - k) / D * float(noise_sd),
        f"You left out the division by {D}: the MSE is a mean over the {D} measurements of each point.":
            (D - k) * var,
    }
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value
    if value == 0:
        return Feedback(False, f"Not zero: the {D - k} directions PCA leaves out still carry noise, and that noise is "
                               "missing from the reconstruction.")
    return check_close(
        value, expected,
        praise=f"Yes: ({D} - {k}) / {D} x {noise_sd:g}² ≈ {expected:.2g}. Every direction carries the same "
               f"noise; PCA drops {D - k} of the {D} directions and only their noise shows as error.",
        hint=f"The noise is the same in every direction: variance {noise_sd:g}² = {var:.0e} in each of the {D}. "
             f"With {k} numbers PCA drops {D} - {k} directions that hold nothing but noise; a point's squared "
             f"error is the noise in them, and the MSE divides it by the {D} measurements.",
        rel=0.06, abs_=0.0, mistakes=mistakes)
