"""Checks for 03_chairs_and_desks."""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, check_close, feedback


def check_lerp_point(answer, a, b, t: float) -> Feedback:
    """Is ``answer`` the point a fraction ``t`` of the way from code ``a`` to code ``b``?

    >>> bool(check_lerp_point([0.5, 1.0], [0.0, 0.0], [1.0, 2.0], 0.5))
    True
    """
    if answer is None or answer is Ellipsis:
        return Feedback(False, "No answer yet: replace the None with your code and run the cell again.")
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    expected = (1 - t) * a + t * b
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"Expected an array of {len(expected)} numbers, got {type(answer).__name__}.")
    if got.shape != expected.shape:
        return Feedback(False, f"Expected a code of shape {expected.shape}, got shape {got.shape}. "
                               "Combine the two codes, each of length 2.")
    if np.allclose(got, t * a + (1 - t) * b, atol=1e-4) and not np.allclose(got, expected, atol=1e-4):
        return Feedback(False, "You walked from b towards a. At t = 0 you should be at a: "
                               "weight a by (1 - t) and b by t.")
    return feedback(bool(np.allclose(got, expected, atol=1e-4)),
                    praise="Right: (1 - t) * a + t * b. Every code on the segment is such a mix, and the "
                           "decoder turns each into a picture.",
                    hint="Weight a by (1 - t) and b by t, then add them.")


def check_shape_nearest(answer, red_chair, blue_chair, red_desk) -> Feedback:
    """Which is nearer to the red chair once colour is gone: "blue chair" or "red desk"?

    The three arguments are the notebook's grey (shape-only) pictures; the right answer is worked
    out from them.
    """
    if answer is None or answer is Ellipsis:
        return Feedback(False, "No answer yet: set answer to 'blue chair' or 'red desk'.")
    if not isinstance(answer, str) or answer.strip().lower() not in ("blue chair", "red desk"):
        return Feedback(False, f"Answer with the text 'blue chair' or 'red desk', got {answer!r}.")
    rc, bc, rd = (np.asarray(x, dtype=float).ravel() for x in (red_chair, blue_chair, red_desk))
    right = "blue chair" if np.linalg.norm(rc - bc) < np.linalg.norm(rc - rd) else "red desk"
    return feedback(answer.strip().lower() == right,
                    praise=f"Yes: without colour the {right} is nearer. The distances now measure shape, "
                           "and two chairs share a back-rest and a height.",
                    hint="Compute np.linalg.norm(a - b) between the grey pictures (red chair vs blue chair, "
                         "red chair vs red desk) and pick the smaller.")


def check_desk_crossing(answer, ts, p_desk) -> Feedback:
    """The first ``t`` on the path where the classifier's desk probability reaches 0.5.

    ``ts`` and ``p_desk`` are the notebook's sampled positions and probabilities; an answer within
    one step of the right ``t`` counts.
    """
    ts, p = np.asarray(ts, dtype=float), np.asarray(p_desk, dtype=float)
    if ts.shape != p.shape or ts.ndim != 1 or len(ts) < 2:
        raise ValueError("ts and p_desk must be 1-D arrays of the same length (at least 2)")
    above = np.flatnonzero(p >= 0.5)
    expected = float(ts[above[0]]) if len(above) else 1.0
    step = float(np.max(np.diff(ts)))
    return check_close(answer, expected,
                       praise=f"Right, about t = {expected:.2f}: before it the decoder draws something "
                              "the classifier calls a chair, after it a desk.",
                       hint="Look for the first index i where p_desk[i] >= 0.5, then answer ts[i] "
                            "(np.flatnonzero or np.argmax on p_desk >= 0.5 helps).",
                       rel=0.0, abs_=step * 1.01)
