"""Checks for 03_chairs_and_desks.

Each check works out the expected answer itself, calls a learner's function on copies of fixed
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import warnings

import numpy as np

from ._framework import (Feedback, as_array, as_number, call_learner, check_array_close, diagnose, guarded,
                         missing)

__all__ = ["check_cosine_distance_fn", "check_articles_cosine", "check_slerp", "check_desk_crossing"]

#: the articles' made-up codes: two chairs and a desk
ARTICLE_CHAIR_1 = (0.4, 0.5)
ARTICLE_CHAIR_2 = (0.45, 0.45)
ARTICLE_DESK = (0.6, 0.75)


def _cosine_distance(a, b) -> float:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(1.0 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _call_quietly(fn, *args):
    """call_learner with numpy's warnings (0/0, arccos of 1.0000000002) kept out of the learner's output."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call_learner(fn, *args)


def _fmt(v) -> str:
    return "[" + ", ".join(f"{x:g}" for x in np.asarray(v, np.float64).ravel()) + "]"


# the pairs the cosine distance is tried on: lengths differ on purpose, so forgetting to divide by
# the norms shows; the right answers are 0.04, 0, 1 and 2
_COSINE_PAIRS = (
    ([3.0, 4.0], [4.0, 3.0]),               # nearly the same direction
    ([1.0, 2.0, 2.0], [2.0, 4.0, 4.0]),     # the same direction, twice as long
    ([2.0, 0.0], [0.0, 0.5]),               # at a right angle
    ([1.0, 1.0], [-3.0, -3.0]),             # opposite directions
)


@guarded
def check_cosine_distance_fn(fn) -> Feedback:
    """``fn(a, b)`` must return the cosine distance ``1 - a.b / (|a| |b|)`` of two 1-D vectors.

    The check calls ``fn`` on copies of four fixed pairs (same direction, right angle, opposite...)
    and recognises the cosine similarity, the Euclidean distance, a missing division by the
    norms and the angle itself.

    >>> bool(check_cosine_distance_fn(lambda a, b: 1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    True
    >>> check_cosine_distance_fn(lambda a, b: np.linalg.norm(a - b)).message.split(":")[0]
    'That is the Euclidean distance'
    """
    got, expected = [], []
    for a, b in _COSINE_PAIRS:
        a, b = np.array(a), np.array(b)
        out, problem = _call_quietly(fn, a, b)
        if problem is not None:
            return problem
        value = as_number(out, "what your function returned")
        if isinstance(value, Feedback):
            return Feedback(False, f"For a = {_fmt(a)}, b = {_fmt(b)}: {value.message} Return one number, "
                                   "1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)).")
        got.append(value)
        expected.append(_cosine_distance(a, b))
    got, expected = np.array(got), np.array(expected)
    if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
        return Feedback(True, "Right: 1 - a.b / (|a| |b|). It is 0 for the same direction (whatever the "
                              "lengths), 1 at a right angle and 2 for opposite directions.")
    pairs = [(np.array(a), np.array(b)) for a, b in _COSINE_PAIRS]
    cos = 1 - expected
    mistakes = {
        "That is the cosine similarity, a.b / (|a| |b|): 1 for the same direction. The distance is 1 minus it.": cos,
        "That is the Euclidean distance: it counts lengths too. The cosine distance only looks at the "
        "directions: 1 - a.b / (|a| |b|).": [np.linalg.norm(a - b) for a, b in pairs],
        "You forgot to divide by the lengths: 1 - a.b gives a pair pointing the same way a distance above 0. "
        "Divide a.b by np.linalg.norm(a) * np.linalg.norm(b).": [1 - a @ b for a, b in pairs],
        "That is the angle between the vectors (np.arccos of the cosine, in radians). The cosine distance "
        "is 1 - cos(angle), no arccos needed.": np.arccos(np.clip(cos, -1, 1)),
        "That is the angle in degrees. The cosine distance is 1 - cos(angle): no arccos needed.":
            np.degrees(np.arccos(np.clip(cos, -1, 1))),
    }
    hit = diagnose(got, expected, mistakes, rtol=1e-4, atol=1e-6)
    if hit is not None:
        return hit
    wrong = int(np.flatnonzero(~np.isclose(got, expected, rtol=1e-4, atol=1e-6))[0])
    a, b = pairs[wrong]
    return Feedback(False, f"For a = {_fmt(a)}, b = {_fmt(b)} your function gave {got[wrong]:.4g}; the cosine "
                           f"distance is {expected[wrong]:.4g}. Compute 1 - a @ b / (np.linalg.norm(a) * "
                           "np.linalg.norm(b)).")


@guarded
def check_articles_cosine(answer) -> Feedback:
    """``answer``: the cosine distances from the articles' chair [0.4, 0.5] to the other chair
    [0.45, 0.45] and to the desk [0.6, 0.75], in that order (two numbers).

    >>> bool(check_articles_cosine([0.0061, 0.0]))
    True
    >>> check_articles_cosine([0.0707, 0.3202]).message.split(":")[0]
    'Those are the Euclidean distances'
    """
    c1, c2, desk = (np.array(v) for v in (ARTICLE_CHAIR_1, ARTICLE_CHAIR_2, ARTICLE_DESK))
    expected = np.array([_cosine_distance(c1, c2), _cosine_distance(c1, desk)])
    euclid = np.array([np.linalg.norm(c1 - c2), np.linalg.norm(c1 - desk)])
    got = as_array(answer, shape=(2,))
    if isinstance(got, Feedback):
        return Feedback(False, f"{got.message} Answer with two numbers: [distance to the chair [0.45, 0.45], "
                               "distance to the desk [0.6, 0.75]].")
    mistakes = {
        "Those are the Euclidean distances: by that ruler the other chair is the near one. Use your "
        "cosine_distance.": euclid,
        "Those are the cosine similarities (1 for the same direction); the distance is 1 minus each.": 1 - expected,
        "Right numbers, swapped: first the other chair [0.45, 0.45], then the desk [0.6, 0.75].": expected[::-1],
    }
    return check_array_close(
        got, expected,
        praise=f"Right: {expected[0]:.4f} to the other chair and {abs(expected[1]):.1f} to the desk. The desk's "
               "code is the chair's times 1.5: the same direction, so by the cosine distance the desk is "
               "*nearer* to the chair than the other chair is. The cosine distance measures angles seen "
               "from the origin, and the origin of a 2-D autoencoder's map means nothing (our rescaling put "
               "it in a corner). For these codes it is the wrong ruler; it suits spaces where the direction "
               "carries the meaning, like the word embeddings of notebook 07.",
        hint="Call cosine_distance(a, b) twice with a = np.array([0.4, 0.5]): once with b = the chair "
             "[0.45, 0.45], once with b = the desk [0.6, 0.75].",
        rtol=1e-3, atol=2e-5, mistakes=mistakes)


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
