"""Checks for 03_chairs_and_desks.

Each check works out the expected answer itself, calls a learner's function on copies of fixed
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import warnings

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, guarded, missing

__all__ = ["check_cosine_nearest", "check_cosine_kind_share", "check_slerp", "check_desk_crossing"]

def _call_quietly(fn, *args):
    """call_learner with numpy's warnings (0/0, arccos of 1.0000000002) kept out of the learner's output."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call_learner(fn, *args)


def _fmt(v) -> str:
    return "[" + ", ".join(f"{x:g}" for x in np.asarray(v, np.float64).ravel()) + "]"


# --- Exercises 1 and 2: the nearest code by cosine distance, about the mean code ------------------

def _nearest(Z: np.ndarray, how: str = "centred") -> np.ndarray:
    """For each row, the index of another row: the nearest by cosine distance about the mean code
    (``centred``, the right answer) or one of the usual slips: about the origin (``raw``), the row
    itself allowed (``self``), the farthest instead of the nearest (``farthest``), or the Euclidean
    nearest (``euclidean``)."""
    Z = np.asarray(Z, np.float64)
    if how == "euclidean":
        D = np.linalg.norm(Z[:, None, :] - Z[None, :, :], axis=2)
        np.fill_diagonal(D, np.inf)
        return D.argmin(axis=1)
    V = Z if how == "raw" else Z - Z.mean(axis=0)
    with np.errstate(all="ignore"):
        U = V / np.linalg.norm(V, axis=1, keepdims=True)
    S = np.nan_to_num(U @ U.T, nan=-2.0)
    if how == "farthest":
        np.fill_diagonal(S, np.inf)
        return S.argmin(axis=1)
    if how != "self":
        np.fill_diagonal(S, -np.inf)
    return S.argmax(axis=1)


# two small code sets on which the right answer and each slip above all differ (and no row has two
# rows at nearly the same angle, so rounding cannot change the answer)
_NEAREST_SETS = (
    np.array([[5.13, 2.87], [6.2, 2.6], [4.46, 3.36], [6.3, 3.95], [4.3, 1.73], [4.38, 3.04], [2.67, 2.78]]),
    np.array([[-4.79, -0.03, 6.6], [-3.26, 1.69, 6.37], [-1.59, 0.28, 7.6], [-3.31, 1.14, 6.96],
              [-5.65, 1.67, 5.56], [-5.73, 1.89, 7.64]]),
)

_NEAREST_SLIPS = {
    "raw": "You measured the angles about the origin (0, 0): the codes were not centred. An autoencoder's "
           "origin is wherever training put it; subtract the mean code first, Z - Z.mean(axis=0).",
    "self": "Every row found itself: its cosine distance to itself is 0. Leave the row itself out, for "
            "instance with np.fill_diagonal(cosines, -np.inf) before taking the largest cosine.",
    "farthest": "Those are the farthest rows, the largest cosine distance (or the smallest cosine). The "
                "nearest row has the largest cosine, that is the smallest cosine distance.",
    "euclidean": "Those are the nearest rows by Euclidean distance. The cosine distance compares directions: "
                 "centre the codes, divide each by its length, and compare with a matrix product.",
}


@guarded
def check_cosine_nearest(fn) -> Feedback:
    """``fn(Z)``: for each row of ``Z`` (n, k), the index of the *other* row with the smallest cosine
    distance, measured after subtracting the mean code from every row.

    The check calls ``fn`` on copies of two small code sets (in 2-D and 3-D) and recognises by name:
    codes not centred, a row finding itself, the farthest row instead of the nearest, and the
    Euclidean nearest. Indices may come as a list, an array or a tensor.

    >>> def cosine_nearest(Z):
    ...     C = Z - Z.mean(axis=0)
    ...     U = C / np.linalg.norm(C, axis=1, keepdims=True)
    ...     S = U @ U.T
    ...     np.fill_diagonal(S, -np.inf)
    ...     return S.argmax(axis=1)
    >>> bool(check_cosine_nearest(cosine_nearest))
    True
    >>> check_cosine_nearest(lambda Z: np.arange(len(Z))).message.split(":")[0]
    'Every row found itself'
    """
    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write cosine_nearest and run its cell, then run the check again.")
    for Z in _NEAREST_SETS:
        n = len(Z)
        out, problem = _call_quietly(fn, Z.copy())
        if problem is not None:
            return problem
        got = as_array(out, allow_nonfinite=True, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, f"{got.message} Return one index per row of Z: {n} whole numbers.")
        if got.shape != (n,):
            if got.shape == (n, n):
                return Feedback(False, f"You returned a {n} x {n} table (every pair's cosine or distance): "
                                       "keep, for each row, only the index of its nearest other row "
                                       "(.argmax(axis=1) of the cosines).")
            if got.size == n:
                return Feedback(False, f"Expected shape ({n},), one index per row; got shape {got.shape}: the "
                                       "values are all there, flatten them (.ravel()).")
            return Feedback(False, f"For a code set of {n} rows, return {n} indices (shape ({n},)); got shape "
                                   f"{got.shape}.")
        if not np.all(np.isfinite(got)) or not np.all(got == np.round(got)):
            return Feedback(False, "Return indices of rows (whole numbers), not distances or cosines: for each "
                                   "row, np.argmax of its cosines with the other rows.")
        if got.min() < 0 or got.max() >= n:
            return Feedback(False, f"Indices of rows run from 0 to {n - 1}; yours go from {got.min():g} to "
                                   f"{got.max():g}.")
        expected = _nearest(Z)
        if np.array_equal(got, expected):
            continue
        for how, hint in _NEAREST_SLIPS.items():
            if np.array_equal(got, _nearest(Z, how)):
                return Feedback(False, hint)
        i = int(np.flatnonzero(got != expected)[0])
        return Feedback(False, f"For the code set {_fmt(Z[:2])}... (shape {Z.shape}), your function says row {i} "
                               f"is nearest to row {int(got[i])}; by cosine distance about the mean code it is "
                               f"row {int(expected[i])}. Centre the codes (Z - Z.mean(axis=0)), divide each row "
                               "by its length, take all cosines with one matrix product, leave the row itself "
                               "out and take the largest.")
    return Feedback(True, "Right: centred codes, unit length, every cosine in one matrix product, the row itself "
                          "left out. The largest cosine is the smallest cosine distance.")


@guarded
def check_cosine_kind_share(answer, codes, kinds) -> Feedback:
    """The share of pieces whose nearest other piece, by cosine distance about the mean code of
    ``codes`` (n, k), has the same kind (``kinds``, n labels). A fraction between 0 and 1.

    Recognises the share with codes not centred, with the Euclidean nearest, with each piece
    counted as its own neighbour (1.0), the share of the *other* kind, and a percentage. A share
    within 1% counts: codes at nearly the same angle may swap in float32 arithmetic.

    >>> Z = np.array([[1.0, 0.1], [2.0, 0.2], [-1.0, 0.0], [-2.0, -0.1], [0.1, 1.0], [0.2, 2.1]])
    >>> bool(check_cosine_kind_share(2 / 3, Z, [0, 0, 1, 1, 0, 1]))
    True
    >>> check_cosine_kind_share(1.0, Z, [0, 0, 1, 1, 0, 1]).message.split(":")[0]
    'Every piece found itself'
    """
    if (m := missing(answer)) is not None:
        return m
    Z = as_array(codes, name="the codes")
    y = as_array(kinds, shape=(None,), name="the kinds")
    if isinstance(Z, Feedback) or isinstance(y, Feedback) or Z.ndim != 2 or len(Z) < 3 or len(y) != len(Z):
        return Feedback(False, "The codes or the kinds given to the check are not what the notebook made (Z_colour, "
                               "an array of 2-number codes, and kind, one 0 or 1 per piece): run section 3's "
                               "cells again (they make Z_colour) and section 2's (kind), then this one.")
    value = as_number(answer)
    if isinstance(value, Feedback):
        return Feedback(False, f"{value.message} Answer with a share between 0 and 1.")
    same = lambda nearest: float(np.mean(y[nearest] == y))  # noqa: E731
    expected, euclid = same(_nearest(Z)), same(_nearest(Z, "euclidean"))
    # codes that sit at nearly the same angle can swap places between float32 and float64 arithmetic:
    # a share within 1% (10 of the 1,000 pieces) counts
    tol = max(0.5 / len(Z), 0.01) + 1e-9
    if abs(value - expected) <= tol:
        verdict = (" About its centre, the colour autoencoder's map is a colour wheel: the cosine distance compares "
                   "only the angles of two codes, which are mostly their colour, and throws away how far each sits "
                   "from the centre, which helps tell chairs from desks. A distance, like a latent space, keeps "
                   "some things and drops others." if expected < euclid - 0.02 else
                   " Here the two rulers agree about the kind.")
        return Feedback(True, f"Right: {expected:.1%}. With the Euclidean distance the nearest code has the piece's "
                              f"kind for {euclid:.1%} of the pieces.{verdict}")
    candidates = {
        "Every piece found itself: its cosine distance to itself is 0, so the share is 1. Leave the piece itself "
        "out (np.fill_diagonal).": 1.0,
        "That is the share with the codes not centred: measured about the origin, the angles depend on where "
        "training happened to put it. Subtract the mean code first.": same(_nearest(Z, "raw")),
        "That is the share with the Euclidean nearest code. Use cosine_nearest, your cosine ruler.": euclid,
        "That is the share whose nearest piece is of the *other* kind: count where kind[nearest] == kind.":
            1 - expected,
        "That looks like a percentage: answer a fraction between 0 and 1.": 100 * expected,
    }
    for hint, wrong in candidates.items():
        if abs(value - wrong) <= (tol * 100 if wrong == 100 * expected else tol) and abs(wrong - expected) > tol:
            return Feedback(False, hint)
    return Feedback(False, "Not yet. nearest = cosine_nearest(Z_colour), then the share of pieces with "
                           "kind[nearest] == kind, a number between 0 and 1.")


def _slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """The reference: the great-circle formula, falling back to lerp for (nearly) parallel codes."""
    cos = np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0)
    omega = np.arccos(cos)
    if np.sin(omega) < 1e-6:
        return (1 - t) * a + t * b
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)


_R3 = np.sqrt(3.0)
# (a, b, t, what the case is): equal lengths, so slerp keeps them all the way
_SLERP_CASES = (
    ([2.0, 0.0], [0.0, 2.0], 0.5, "a right angle, halfway"),
    ([3.0, 0.0, 0.0], [1.5, 1.5 * _R3, 0.0], 0.25, "60 degrees apart, a quarter of the way"),
    ([2.0, 0.0], [0.0, 2.0], 0.0, "t = 0"),
    ([2.0, 0.0], [0.0, 2.0], 1.0, "t = 1"),
    ([1.0, 0.0], [np.cos(1e-3), np.sin(1e-3)], 0.5, "nearly parallel codes"),
    ([3.0, 4.0], [3.0, 4.0], 0.3, "a code with itself"),
)


@guarded
def check_slerp(fn) -> Feedback:
    """``fn(a, b, t)`` must return the spherical interpolation between codes ``a`` and ``b`` at ``t``.

    The check calls ``fn`` on copies of six fixed cases (a right angle, 60 degrees, t = 0 and 1,
    nearly parallel codes, a code with itself) and recognises lerp, swapped ends, a normalised
    result, a missing division by sin(omega) and NaN from parallel codes.

    >>> def slerp(a, b, t):
    ...     omega = np.arccos(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1))
    ...     if np.sin(omega) < 1e-6:
    ...         return (1 - t) * a + t * b
    ...     return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)
    >>> bool(check_slerp(slerp))
    True
    >>> check_slerp(lambda a, b, t: (1 - t) * a + t * b).message.split(":")[0]
    'This is lerp'
    """
    cases = [(np.array(a), np.array(b), t, what) for a, b, t, what in _SLERP_CASES]
    outs = []
    for k, (a, b, t, what) in enumerate(cases):
        out, problem = _call_quietly(fn, a, b, t)
        if problem is not None:
            if k == 0:  # a stub, a function that always fails: say it plainly
                return problem
            return Feedback(False, f"With a = {_fmt(a)}, b = {_fmt(b)}, t = {t:g} ({what}): {problem.message}")
        got = as_array(out, allow_nonfinite=True, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, f"With a = {_fmt(a)}, b = {_fmt(b)}, t = {t:g}: {got.message} Return a code "
                                   f"like a, an array of shape {a.shape}.")
        if got.shape != a.shape:
            extra = " (a 2-D array: did you stack or wrap it in a list?)" if got.ndim == 2 else ""
            return Feedback(False, f"With a = {_fmt(a)}, b = {_fmt(b)}, t = {t:g} your function returned shape "
                                   f"{got.shape}{extra}; a code like a has shape {a.shape}.")
        if not np.all(np.isfinite(got)):
            return Feedback(False, f"With a = {_fmt(a)}, b = {_fmt(b)}, t = {t:g} ({what}) your function returned "
                                   f"{_fmt(got)}. When a and b point the same way, the angle omega is 0 and "
                                   "sin(omega) is 0: a division by zero. Return lerp when np.sin(omega) < 1e-6, "
                                   "and clip the cosine with np.clip(cos, -1, 1) before np.arccos (rounding "
                                   "can make it 1.0000000000000002).")
        outs.append(got)
    refs = [_slerp(a, b, t) for a, b, t, _ in cases]
    bad = [i for i, (o, r) in enumerate(zip(outs, refs)) if not np.allclose(o, r, rtol=1e-4, atol=1e-5)]
    if not bad:
        return Feedback(True, "Right: your slerp walks along the circle. Halfway between [2, 0] and [0, 2] "
                              "it gives [1.41, 1.41], as long as the ends (the straight line's midpoint "
                              "[1, 1] is only 0.71 as long), and it falls back to lerp for parallel codes.")
    close = lambda x, y: np.allclose(x, y, rtol=1e-4, atol=1e-5)  # noqa: E731
    a0, b0 = cases[2][0], cases[2][1]
    if close(outs[2], b0) and not close(outs[2], a0):
        return Feedback(False, f"t = 0 should give a, and yours gives b ({_fmt(outs[2])}). Weight a by "
                               "sin((1 - t) * omega) and b by sin(t * omega).")
    if all(close(o, (1 - t) * a + t * b) for o, (a, b, t, _) in zip(outs, cases)):
        ratio = np.linalg.norm(outs[0]) / np.linalg.norm(cases[0][0])
        return Feedback(False, f"This is lerp: the norm of your midpoint between [2, 0] and [0, 2] is {ratio:.2f} "
                               "of the ends'. Slerp walks along the circle: weight a by sin((1 - t) * omega) "
                               "and b by sin(t * omega), then divide by sin(omega).")
    lengths = [np.linalg.norm(o) for o in outs[:2]]
    if all(close(o, r / np.linalg.norm(r)) for o, r in zip(outs[:4], refs[:4])):
        return Feedback(False, f"You normalised the result (its length is {lengths[0]:.2f}): slerp keeps the "
                               "ends' norms. Between [2, 0] and [0, 2] every point is 2 long. Use a and b as they "
                               "are in the formula; normalise only to compute the angle.")
    sins = []
    for a, b, _, _ in cases[:2]:
        sins.append(np.sin(np.arccos(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))))
    if all(close(o, r * s) for o, r, s in zip(outs[1:2], refs[1:2], sins[1:2])):
        return Feedback(False, "Your point is too short by a factor sin(omega): divide the weighted sum "
                               "by np.sin(omega).")
    if all(close(outs[i], (np.sin((1 - cases[i][2]) * np.degrees(w)) * cases[i][0]
                           + np.sin(cases[i][2] * np.degrees(w)) * cases[i][1]) / np.sin(np.degrees(w)))
           for i, w in ((0, np.pi / 2), (1, np.pi / 3))):
        return Feedback(False, "The angle went into np.sin in degrees: numpy's sin and arccos work in "
                               "radians. Keep omega = np.arccos(cos) as it is.")
    i = bad[0]
    a, b, t, what = cases[i]
    return Feedback(False, f"With a = {_fmt(a)}, b = {_fmt(b)}, t = {t:g} ({what}) your function gave "
                           f"{_fmt(np.round(outs[i], 4))}, slerp gives {_fmt(np.round(refs[i], 4))}. Follow the "
                           "formula: omega = arccos(a.b / (|a| |b|)), then "
                           "(sin((1 - t) omega) a + sin(t omega) b) / sin(omega).")


@guarded
def check_desk_crossing(answer, ts, p_desk) -> Feedback:
    """The first ``t`` on the path where the classifier's desk probability reaches 0.5.

    ``ts`` and ``p_desk`` are the notebook's sampled positions and probabilities; an answer within
    one step of the right ``t`` counts. Recognises an index given for ``t``, a probability given
    for ``t``, and the most confident ``t`` instead of the first.

    >>> ts = np.linspace(0, 1, 11); p = np.clip((ts - 0.55) * 5 + 0.5, 0, 1)
    >>> bool(check_desk_crossing(0.6, ts, p))
    True
    >>> check_desk_crossing(6, ts, p).message.split(":")[0]
    '6 is the index of that point'
    """
    if (m := missing(answer)) is not None:
        return m
    ts_arr = as_array(ts, shape=(None,), name="ts")
    p = as_array(p_desk, shape=(None,), name="p_desk")
    if isinstance(ts_arr, Feedback) or isinstance(p, Feedback) or len(ts_arr) != len(p) or len(ts_arr) < 2:
        return Feedback(False, "ts and p_desk are not the two arrays of the same length the exercise made: "
                               "run the exercise's first cell again (it sets both).")
    above = np.flatnonzero(p >= 0.5)
    i_cross = int(above[0]) if len(above) else len(ts_arr) - 1
    expected = float(ts_arr[i_cross])
    step = float(np.max(np.abs(np.diff(ts_arr))))
    value = as_number(answer)
    if isinstance(value, Feedback):
        return Feedback(False, f"{value.message} Answer with a value of t between 0 and 1.")
    if abs(value - expected) <= step * 1.01:
        return Feedback(True, f"Right, t = {expected:.2f}: before it the decoder draws something the "
                              "classifier calls a chair, from there on a desk. Compare with the frames above: "
                              "the back-rest has faded and the top has widened by then.")
    if float(value).is_integer() and value == i_cross and value > 1:
        return Feedback(False, f"{int(value)} is the index of that point: answer the t there, ts[{int(value)}].")
    if 0 <= value <= 1 and np.any(np.isclose(p, value, atol=1e-4)) and not np.any(np.isclose(ts_arr, value, atol=1e-9)):
        return Feedback(False, "That is a value of p_desk, a probability. The question asks where on the path: "
                               "the t at the first index where p_desk >= 0.5.")
    i_max = int(np.argmax(p))
    if i_max != i_cross and abs(value - ts_arr[i_max]) <= 1e-9:
        return Feedback(False, "That is where the classifier is most sure it sees a desk (np.argmax(p_desk)). "
                               "The question asks for the first t where p_desk reaches 0.5: np.argmax(p_desk >= 0.5) "
                               "finds the first True.")
    if value < expected:
        return Feedback(False, f"At t = {value:g} the classifier still sees a chair (p_desk below 0.5). Look for "
                               "the first index where p_desk >= 0.5 and answer the t there.")
    return Feedback(False, "The classifier already saw a desk before that t. Look for the *first* index where "
                           "p_desk >= 0.5 (np.flatnonzero(p_desk >= 0.5)[0] or np.argmax(p_desk >= 0.5)) and "
                           "answer ts at that index.")
