"""Checks for 09_beyond.

Each check works out the expected answer itself (from the features, networks and data it is given,
never from a value the learner passes), calls a learner's function on copies of made-up inputs,
recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import numpy as np

from ._framework import (Feedback, as_array, as_number, call_learner, check_close, describe, float64_array,
                         guarded, missing)

__all__ = ["check_nearest_centre", "check_nearest_label", "check_coral"]


def _percentage(value, expected: float, tol: float) -> Feedback | None:
    """The Feedback for the right accuracy written as a percentage (83 for 0.83), else None."""
    if isinstance(value, float) and value > 1.5 and abs(value / 100 - expected) <= tol + 0.005:
        return Feedback(False, f"Right number, written as a percentage: give the accuracy as a fraction between 0 "
                               f"and 1 ({value / 100:.3f} rather than {value:g}).")
    return None


# --- Exercise 1: the nearest class centre ----------------------------------------------------

#: an accuracy on 1,000 digits moves in steps of 0.001: a little more than one step either way
_CENTRE_TOL = 0.0015


def _nearest_centre_accuracy(Z_fit, y_fit, Z, y, metric: str = "euclidean", farthest: bool = False) -> float:
    classes = np.unique(y_fit)
    centres = np.stack([Z_fit[y_fit == c].mean(0) for c in classes])
    if metric == "cosine":
        a = Z / np.maximum(np.linalg.norm(Z, axis=1, keepdims=True), 1e-12)
        b = centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
        score = -(a @ b.T)                                       # smaller = closer
    else:
        score = (Z ** 2).sum(1)[:, None] + (centres ** 2).sum(1)[None, :] - 2 * Z @ centres.T
    pick = score.argmax(1) if farthest else score.argmin(1)
    return float((classes[pick] == y).mean())


def _one_nearest_neighbour_accuracy(Z_fit, y_fit, Z, y) -> float:
    right = 0
    sq = (Z_fit ** 2).sum(1)
    for start in range(0, len(Z), 500):   # in blocks: memory stays small
        block = Z[start:start + 500]
        d = sq[None, :] - 2 * block @ Z_fit.T
        right += int((y_fit[d.argmin(1)] == y[start:start + 500]).sum())
    return right / len(Z)


@guarded
def check_nearest_centre(answer, F_train, y_train, F_test, y_test) -> Feedback:
    """The share of held-out digits whose nearest class centre (Euclidean) is their own class.

    A class's centre is the mean of the training features ``F_train`` of that class. Recognised:
    centres computed from the held-out digits, the farthest centre, cosine similarity instead of
    Euclidean distance, the nearest single training digit instead of the nearest centre, the error
    rate and a percentage.

    >>> rng = np.random.default_rng(0)
    >>> Ftr = np.r_[rng.normal(0, 1, (20, 2)), rng.normal(5, 1, (20, 2))]; ytr = np.repeat([0, 1], 20)
    >>> bool(check_nearest_centre(1.0, Ftr, ytr, Ftr, ytr))
    True
    >>> check_nearest_centre(0.0, Ftr, ytr, Ftr, ytr).message.split(":")[0]
    'That is the error rate (the share named wrong)'
    """
    if (m := missing(answer)) is not None:
        return m
    Ftr, Fte = float64_array(F_train), float64_array(F_test)
    ytr, yte = np.asarray(y_train).ravel(), np.asarray(y_test).ravel()
    expected = _nearest_centre_accuracy(Ftr, ytr, Fte, yte)
    value = as_number(answer)
    if (p := _percentage(value, expected, _CENTRE_TOL)) is not None:
        return p
    mistakes = {
        "You computed the centres from the held-out digits: they must come from the training digits (F_train, "
        "y_train) only; the held-out digits are what we test on.": _nearest_centre_accuracy(Fte, yte, Fte, yte),
        "That is the error rate (the share named wrong): the accuracy is 1 minus it.": 1 - expected,
        "You took the farthest centre: name each digit after the centre with the *smallest* distance "
        "(argmin, not argmax).": _nearest_centre_accuracy(Ftr, ytr, Fte, yte, farthest=True),
        "That is the nearest centre by cosine similarity (the angle between vectors); the exercise asks for the "
        "Euclidean distance, ((F_test[:, None] - centres) ** 2).sum(-1).":
            _nearest_centre_accuracy(Ftr, ytr, Fte, yte, metric="cosine"),
        "That is the nearest single training digit (1-nearest neighbour), not the nearest class centre: first "
        "average the features of each class, then compare each held-out digit with the 10 centres.":
            _one_nearest_neighbour_accuracy(Ftr, ytr, Fte, yte),
    }
    mistakes = {h: v for h, v in mistakes.items() if abs(v - expected) > 2 * _CENTRE_TOL}
    return check_close(
        answer, expected,
        praise=f"{expected:.3f}: ten mean vectors and a distance name digits almost as well as the trained head. "
               "In this space each class is one compact cloud around its centre, which is what 'close means the "
               "same digit' amounts to (try the autoencoder's codes: the clouds there are not so compact).",
        hint="centres = np.stack([F_train[y_train == d].mean(0) for d in range(10)]); for each held-out digit the "
             "squared distances to the 10 centres, ((F_test[:, None, :] - centres[None]) ** 2).sum(-1); the "
             "argmin is its predicted class; compare with y_test and take the mean.",
        rel=0.0, abs_=_CENTRE_TOL, mistakes=mistakes)


# --- Exercise 2: the nearest labelled digit ---------------------------------------------------

def _nearest_label_case(seed: int):
    """Made-up few-label data: 10 labelled items (5 classes, 2 each, labels 5-9 in a shuffled order,
    so that an index is never mistaken for a label), their features in 4-D, and 60 items to name."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=2.0, size=(5, 4))
    y_lab = rng.permutation(np.repeat(np.arange(5, 10), 2))
    Z_lab = centres[y_lab - 5] + rng.normal(scale=1.2, size=(10, 4)) + np.array([3.0, 0.0, 0.0, 0.0])
    y_new = rng.integers(5, 10, size=60)
    Z_new = centres[y_new - 5] + rng.normal(scale=1.2, size=(60, 4)) + np.array([3.0, 0.0, 0.0, 0.0])
    return Z_lab, y_lab, Z_new


def _nearest_label_variants(Z_lab: np.ndarray, y_lab: np.ndarray, Z: np.ndarray) -> dict:
    """The right labels and the wrong answers the check recognises by name."""
    sq = ((Z[:, None, :] - Z_lab[None, :, :]) ** 2).sum(-1)               # (len(Z), len(Z_lab))
    unit = lambda A: A / np.linalg.norm(A, axis=1, keepdims=True)
    cosine = unit(Z) @ unit(Z_lab).T
    classes = np.unique(y_lab)
    centres = np.stack([Z_lab[y_lab == c].mean(0) for c in classes])
    three = np.argsort(sq, axis=1, kind="stable")[:, :3]
    votes = np.array([np.bincount(y_lab[row], minlength=y_lab.max() + 1).argmax() for row in three])
    wrong = {
        "Those are the row numbers of the nearest labelled items (argmin gives an index): look their labels up, "
        "y_labelled[distances.argmin(1)].": sq.argmin(1),
        "Those are the labels of the *farthest* labelled items: take the smallest distance (argmin, not argmax).":
            y_lab[sq.argmax(1)],
        "That is the nearest class centre (the mean of each class's labelled items, exercise 1's rule): here each "
        "item takes the label of the single nearest labelled item.":
            classes[((Z[:, None, :] - centres[None]) ** 2).sum(-1).argmin(1)],
        "That is the largest cosine similarity (the smallest angle): the exercise asks for the Euclidean distance, "
        "((Z[:, None, :] - Z_labelled[None, :, :]) ** 2).sum(-1).": y_lab[cosine.argmax(1)],
        "That is a vote of the 3 nearest labelled items: take the label of the single nearest one.": votes,
        "That is the nearest labelled item by the sum of absolute differences (the L1 distance): the exercise asks "
        "for the Euclidean distance, the sum of *squared* differences.":
            y_lab[np.abs(Z[:, None, :] - Z_lab[None, :, :]).sum(-1).argmin(1)],
    }
    right = y_lab[sq.argmin(1)]
    return {"right": right, "wrong": {h: w for h, w in wrong.items() if not np.array_equal(w, right)}}


@guarded
def check_nearest_label(fn) -> Feedback:
    """``fn(Z_labelled, y_labelled, Z)``: for each row of ``Z``, the label of the nearest row of ``Z_labelled``
    (Euclidean distance), one label per row of ``Z``.

    The check calls ``fn`` on copies of two made-up cases (each: 10 labelled items of 5 classes, labels 5-9
    in a shuffled order, and 60 items to name, in 4-D). Recognised: indices instead of labels, the farthest item, the nearest class centre, cosine
    similarity, a vote of the 3 nearest, the L1 distance, one answer per labelled item instead of per item
    to name, labels that are not whole numbers.

    >>> def nearest_label(Z_labelled, y_labelled, Z):
    ...     distances = ((Z[:, None, :] - Z_labelled[None, :, :]) ** 2).sum(-1)
    ...     return y_labelled[distances.argmin(1)]
    >>> bool(check_nearest_label(nearest_label))
    True
    >>> check_nearest_label(lambda Z_labelled, y_labelled, Z: np.zeros(len(Z))).ok
    False
    """
    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write nearest_label(Z_labelled, y_labelled, Z) and run its cell, "
                               "then run the check again.")
    for seed in (3, 4):
        Z_lab, y_lab, Z = _nearest_label_case(seed)
        out, problem = call_learner(fn, Z_lab, y_lab, Z)
        if problem is not None:
            if "positional argument" in problem.message:
                return Feedback(False, problem.message + ". Keep the signature nearest_label(Z_labelled, y_labelled, "
                                                         "Z): the check passes the labelled features, their labels "
                                                         "and the features to name.")
            return problem
        got = as_array(out, name="your result")
        if isinstance(got, Feedback):
            return Feedback(False, f"Return the labels as an array, one per row of Z (here {len(Z)}); got "
                                   f"{describe(out)}.")
        got = got.ravel() if got.ndim == 2 and 1 in got.shape else got
        if got.shape != (len(Z),):
            if got.shape in ((len(Z_lab),), (len(Z_lab), 1)):
                return Feedback(False, f"You returned one value per *labelled* item ({len(Z_lab)}): the answer has one "
                                       f"label for each row of Z ({len(Z)}), the label of the labelled item nearest it.")
            if got.shape == (len(Z), len(Z_lab)):
                return Feedback(False, "That is the whole table of distances (one row per item, one column per "
                                       "labelled item): for each row take the column with the smallest distance "
                                       "(argmin(1)) and look up its label.")
            return Feedback(False, f"Return one label per row of Z: shape ({len(Z)},), got shape {got.shape}.")
        if not np.all(np.isfinite(got)) or not np.allclose(got, np.round(got)):
            return Feedback(False, "Labels are whole numbers (here 5 to 9): return y_labelled[...] of the nearest "
                                   "labelled item, not a distance or an average.")
        variants = _nearest_label_variants(Z_lab, y_lab, Z)
        if np.array_equal(got, variants["right"]):
            continue
        for hint, wrong in variants["wrong"].items():
            if np.array_equal(got, wrong):
                return Feedback(False, hint)
        n_right = int((got == variants["right"]).sum())
        return Feedback(False, f"{n_right} of {len(Z)} labels are right. For each row of Z: the squared distances "
                               "to every row of Z_labelled, ((Z[:, None, :] - Z_labelled[None, :, :]) ** 2).sum(-1), "
                               "then the label of the smallest, y_labelled[distances.argmin(1)].")
    return Feedback(True, "Each item takes the label of its nearest labelled item: a head with nothing to fit. "
                          "Now try it on the pixels and on the borrowed conv block with 10 labels, and set the two "
                          "beside section 2's table.")


# --- Exercise 3: CORAL ---------------------------------------------------------------------------

_EPS, _OTHER_EPS = 1.0, 0.5


def _coral_data():
    """Made-up 'training' and 'new' features (3 of them) whose means and covariances differ clearly."""
    rng = np.random.default_rng(9)
    mix_train = np.array([[2.0, 0.0, 0.0], [1.2, 1.5, 0.0], [0.3, -0.8, 2.5]])
    mix_new = np.array([[1.0, 0.6, 0.0], [-0.5, 3.0, 0.0], [0.0, 1.0, 1.2]])
    Z_train = rng.normal(size=(120, 3)) @ mix_train + np.array([1.0, -2.0, 0.5])
    Z_new = rng.normal(size=(80, 3)) @ mix_new + np.array([4.0, 1.0, -3.0])
    return Z_new, Z_train


def _sym_power(C: np.ndarray, p: float) -> np.ndarray:
    w, V = np.linalg.eigh(C)
    return (V * w ** p) @ V.T


def _cov(Z: np.ndarray, ddof: int) -> np.ndarray:
    return np.cov(Z, rowvar=False, ddof=ddof)


def _coral_variants(Z_new: np.ndarray, Z_train: np.ndarray, eps: float) -> dict:
    """The right answers (two kinds of covariance) and the wrong answers the check recognises by name."""
    d = Z_new.shape[1]
    I = np.eye(d)
    m_new, m_train = Z_new.mean(0), Z_train.mean(0)
    C_new, C_train = _cov(Z_new, 1) + eps * I, _cov(Z_train, 1) + eps * I
    W, R = _sym_power(C_new, -0.5), _sym_power(C_train, 0.5)
    centred = Z_new - m_new
    rights = [centred @ W @ R + m_train]
    C0_new, C0_train = _cov(Z_new, 0) + eps * I, _cov(Z_train, 0) + eps * I
    rights.append(centred @ _sym_power(C0_new, -0.5) @ _sym_power(C0_train, 0.5) + m_train)
    no_eps = centred @ _sym_power(_cov(Z_new, 1), -0.5) @ _sym_power(_cov(Z_train, 1), 0.5) + m_train
    eps_everywhere = (centred @ _sym_power(_cov(Z_new, 1) + eps, -0.5) @ _sym_power(_cov(Z_train, 1) + eps, 0.5)
                      + m_train)
    wrong = {
        "You left out the centring: subtract the new features' own mean, Z_new - Z_new.mean(0), before whitening "
        "(otherwise their old mean is carried along, whitened and re-coloured).": Z_new @ W @ R + m_train,
        "The training mean is missing: after re-colouring, add Z_train.mean(0), so that the new features are "
        "centred where the training features are.": centred @ W @ R,
        "Both means are missing: centre Z_new first (subtract its mean) and add the training mean at the end.":
            Z_new @ W @ R,
        "That only whitens: after multiplying by C_new to the power -0.5, re-colour with C_train to the power 0.5 "
        "(sym_power(C_train, 0.5)), then add the training mean.": centred @ W + m_train,
        "The roles are swapped: whiten with the *new* features' covariance (power -0.5) and re-colour with the "
        "*training* features' covariance (power 0.5).":
            centred @ _sym_power(C_train, -0.5) @ _sym_power(C_new, 0.5) + m_train,
        "You used the matrices themselves (powers -1 and 1): CORAL uses their square roots, sym_power(C, -0.5) "
        "and sym_power(C, 0.5). A covariance scales squared distances; its square root scales distances.":
            centred @ np.linalg.inv(C_new) @ C_train + m_train,
        "The order of the two multiplications is reversed: first whiten (@ sym_power(C_new, -0.5)), then "
        "re-colour (@ sym_power(C_train, 0.5)). Matrix products do not commute.": centred @ R @ W + m_train,
        "You left out eps: add eps * np.eye(d) to both covariances (it keeps them safely invertible, and the "
        "check expects it).": no_eps,
        "C + eps adds eps to *every* entry of the covariance: add it to the diagonal only, C + eps * np.eye(d).":
            eps_everywhere,
        "That matches each feature's mean and spread on its own (section 3's re-normalisation): CORAL uses the "
        "full covariance matrices, so that the way features vary *together* is matched too.":
            (Z_new - m_new) / Z_new.std(0) * Z_train.std(0) + m_train,
    }
    return {"right": rights, "wrong": wrong}


def _close_to(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-6))


def _raised_coral(problem: Feedback) -> Feedback:
    msg = problem.message
    if "mismatch" in msg or "shapes" in msg or "aligned" in msg or "broadcast" in msg:
        return Feedback(False, msg + ". Check the covariance's shape: np.cov treats each *row* as a variable unless "
                                     "you say np.cov(Z, rowvar=False); with features as columns it must be d x d "
                                     "(here 3 x 3).")
    if "positional argument" in msg:
        return Feedback(False, msg + ". Keep the signature coral(Z_new, Z_train, eps=1.0): the check passes the new "
                                     "features, the training features and eps.")
    return problem


def _coral_output(out, shape, train_shape) -> np.ndarray | Feedback:
    got = as_array(out, allow_nonfinite=True, name="your result")
    if isinstance(got, Feedback):
        return Feedback(False, f"Return the aligned features as an array of shape {shape}; got {describe(out)}.")
    if got.shape != shape:
        if got.shape == train_shape:
            return Feedback(False, f"Your result has the shape of Z_train {train_shape}: CORAL transforms the *new* "
                                   f"features Z_new, shape {shape}, to look like the training ones.")
        return Feedback(False, f"The result must have the shape of Z_new, {shape}: one aligned row per new item; "
                               f"got shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        return Feedback(False, "Your result contains NaN or infinite values: a negative number to the power -0.5? "
                               "Raise the covariance matrices (plus eps * identity) with sym_power, not element "
                               "by element.")
    return got


@guarded
def check_coral(fn) -> Feedback:
    """``fn(Z_new, Z_train, eps)``: CORAL. The new features, centred, whitened with their own covariance
    (plus ``eps`` times the identity) to the power -1/2, re-coloured with the training covariance (plus
    ``eps`` times the identity) to the power 1/2, plus the training mean.

    The check calls ``fn`` on copies of made-up features (80 new and 120 training items, 3 features)
    with ``eps = 1`` and ``eps = 0.5``. It accepts covariances with either divisor (n - 1 or n), and
    recognises: no centring, a missing mean, whitening only, swapped roles, the matrices instead of
    their square roots, the two products in the wrong order, no eps, eps added to every entry, the
    per-feature re-normalisation, a hard-coded eps, the training features transformed instead.

    >>> def sym_power(C, p):
    ...     w, V = np.linalg.eigh(C)
    ...     return (V * w ** p) @ V.T
    >>> def coral(Z_new, Z_train, eps=1.0):
    ...     I = np.eye(Z_new.shape[1])
    ...     W = sym_power(np.cov(Z_new, rowvar=False) + eps * I, -0.5)
    ...     R = sym_power(np.cov(Z_train, rowvar=False) + eps * I, 0.5)
    ...     return (Z_new - Z_new.mean(0)) @ W @ R + Z_train.mean(0)
    >>> bool(check_coral(coral))
    True
    >>> check_coral(lambda Z_new, Z_train, eps=1.0: Z_new).ok
    False
    """
    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write coral(Z_new, Z_train, eps) and run its cell, then run the check "
                               "again.")
    Z_new, Z_train = _coral_data()
    out, problem = call_learner(fn, Z_new, Z_train, _EPS)
    if problem is not None:
        return _raised_coral(problem)
    got = _coral_output(out, Z_new.shape, Z_train.shape)
    if isinstance(got, Feedback):
        return got
    variants = _coral_variants(Z_new, Z_train, _EPS)
    if not any(_close_to(got, r) for r in variants["right"]):
        for hint, wrong in variants["wrong"].items():
            if _close_to(got, wrong):
                return Feedback(False, hint)
        if _close_to(got, Z_new):
            return Feedback(False, "You returned Z_new unchanged: centre it, whiten, re-colour, add the training mean.")
        mean_ok = np.allclose(got.mean(0), Z_train.mean(0), atol=1e-6)
        return Feedback(False, ("The mean is right but the spread is not: " if mean_ok else "Not yet: ")
                        + "C_new = np.cov(Z_new, rowvar=False) + eps * np.eye(d) (the same for Z_train); then "
                          "(Z_new - Z_new.mean(0)) @ sym_power(C_new, -0.5) @ sym_power(C_train, 0.5) + Z_train.mean(0).")
    # right for eps = 1: does eps count?
    out2, problem = call_learner(fn, Z_new, Z_train, _OTHER_EPS)
    if problem is not None:
        return _raised_coral(problem)
    got2 = _coral_output(out2, Z_new.shape, Z_train.shape)
    if isinstance(got2, Feedback):
        return got2
    if not any(_close_to(got2, r) for r in _coral_variants(Z_new, Z_train, _OTHER_EPS)["right"]):
        if any(_close_to(got2, r) for r in variants["right"]):
            return Feedback(False, "Right for eps = 1, but you ignored the eps argument (1 written into the "
                                   "function?): add eps * np.eye(d) to both covariances.")
        return Feedback(False, f"Right for eps = 1, but not for eps = {_OTHER_EPS}: add eps * np.eye(d) to both "
                               "covariances.")
    return Feedback(True, "Centred, whitened, re-coloured: the new features now have the training features' mean, "
                          "and their covariance (up to the eps on the diagonal). Apply it to the 8 x 8 digits' "
                          "features and compare with re-normalising each feature on its own.")
