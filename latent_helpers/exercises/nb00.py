"""Checks for 00_start_here.

Four light exercises, each with a stub in the notebook and a folded solution below its check:
how many numbers a colour image takes, the pixel mix of the slider written as a function, how many
mid-grey pixels give the mix away as a double exposure, and how many PCA numbers keep half of the
digits' variance.
"""
from __future__ import annotations

import numpy as np

from ._framework import (Feedback, as_array, as_number, call_learner, check_close, describe, diagnose, feedback,
                         float64_array, guarded, missing)


@guarded
def check_pixel_count(answer, height: int = 32, width: int = 32, channels: int = 3) -> Feedback:
    """How many numbers describe one ``height`` x ``width`` image with ``channels`` colour channels?

    >>> check_pixel_count(3072)
    Correct. 32 x 32 pixels x 3 colours = 3072 numbers: one brightness per pixel and colour.
    >>> check_pixel_count(1024)
    Not yet. 1024 is the number of pixels, but a colour pixel holds 3 numbers (red, green, blue): count those too.
    """
    h, w, c = int(height), int(width), int(channels)
    expected = h * w * c
    mistakes = {
        f"{h * w} is the number of pixels, but a colour pixel holds {c} numbers (red, green, blue): count "
        "those too.": h * w,
        f"{h + w} adds the two sides. The pixels fill a grid of {h} rows and {w} columns: multiply.": h + w,
        f"{w * c} is one row of pixels with its colours; there are {h} rows.": w * c,
        "784 is the MNIST digit of section 2 (28 x 28, one grey level each). This picture has another size, "
        "and colour.": 784,
    }
    return check_close(
        answer, expected,
        praise=f"{h} x {w} pixels x {c} colours = {expected} numbers: one brightness per pixel and colour.",
        hint=f"Multiply the height ({h}) by the width ({w}) to count the pixels, then by the number of "
             f"numbers each pixel holds ({c}).",
        rel=0.0, abs_=0.0, mistakes=mistakes)


def _image_pair(a, b):
    """The notebook's two digits as float arrays of one shape, or the Feedback that says which is wrong."""
    arrays = []
    for name, image in (("three", a), ("eight", b)):
        arr = as_array(image, name=f"the notebook's `{name}`")
        if isinstance(arr, Feedback) or arr.ndim not in (1, 2) or arr.size == 0:
            return Feedback(False, f"The notebook's `{name}` is not an image any more ({describe(image)}); it is "
                                   "made in section 6 (the cell that picks a 3 and an 8): run that cell again.")
        arrays.append(arr)
    if arrays[0].shape != arrays[1].shape:
        return Feedback(False, f"`three` {arrays[0].shape} and `eight` {arrays[1].shape} should be images of one "
                               "shape; both are made in section 6: run that cell again.")
    return arrays


@guarded
def check_grey_count(answer, a, b, t: float = 0.5, low: float = 0.25, high: float = 0.75) -> Feedback:
    """How many pixels of the mix ``(1 - t) * a + t * b`` are mid grey, strictly between ``low`` and ``high``?

    ``a`` and ``b`` are the notebook's 3 and 8; the check counts for itself.

    >>> a = np.array([[0.0, 1.0, 1.0, 0.6], [0.0, 0.0, 1.0, 0.1]])
    >>> b = np.array([[0.0, 0.0, 1.0, 0.6], [1.0, 0.0, 0.0, 0.1]])
    >>> check_grey_count(4, a, b)
    Correct. 4 mid-grey pixels in the mix, against 1 in the 3 and 1 in the 8, about 4 times as many. Where only one digit has bright ink, the mix shows it at half strength: a band of grey ghost strokes that neither digit has. That is the double exposure.
    >>> check_grey_count(1, a, b)
    Not yet. 1 is the count in the 3 alone (t = 0). Count in the mix at t = 0.5.
    """
    if (m := missing(answer)) is not None:
        return m
    pair = _image_pair(a, b)
    if isinstance(pair, Feedback):
        return pair
    a, b = pair
    t, low, high = float(t), float(low), float(high)

    def grey(image):
        return int(((image > low) & (image < high)).sum())

    mixed = (1 - t) * a + t * b
    expected, in_a, in_b = grey(mixed), grey(a), grey(b)
    value = as_number(answer)
    if isinstance(value, Feedback):
        return Feedback(False, value.message.replace("A number is expected", "A number of pixels is expected"))
    if 0 < value < 1 and abs(value - expected / mixed.size) < 0.002:
        return Feedback(False, f"{value:.3f} is the share of all {mixed.size} pixels that are mid grey. The "
                               f"question asks how many pixels: {value:.3f} x {mixed.size}.")
    if not float(value).is_integer():
        return Feedback(False, f"A number of pixels is a whole number, got {value:g}: count the pixels (.sum() of "
                               "a True/False image), do not average them.")
    value = int(value)
    inclusive = int(((mixed >= low) & (mixed <= high)).sum())
    only_one = int(((a > 0) != (b > 0)).sum())
    mistakes = {
        f"{in_a} is the count in the 3 alone (t = 0). Count in the mix at t = {t:g}.": in_a,
        f"{in_b} is the count in the 8 alone (t = 1). Count in the mix at t = {t:g}.": in_b,
        f"{in_a + in_b} adds the counts of the two digits. The mix is one image: make it, then count its "
        "mid-grey pixels.": in_a + in_b,
        f"{mixed.size - expected} counts the pixels outside the band, the black background and the bright "
        f"strokes. Count those strictly between {low:g} and {high:g}.": mixed.size - expected,
        f"{int((mixed > 0).sum())} counts every pixel of the mix with some ink. Keep only those strictly between "
        f"{low:g} and {high:g}: two comparisons joined by &.": int((mixed > 0).sum()),
        f"{only_one} counts the pixels where only one digit has ink. Not all of them are mid grey in the mix (a "
        "faint edge stays nearly black): count the mix's own grey levels.": only_one,
    }
    if inclusive != expected:
        mistakes[f"{inclusive} counts the pixels equal to {low:g} or {high:g} too: 'strictly between' leaves them "
                 "out (use > and <)."] = inclusive
    named = diagnose(value, expected, mistakes, rtol=0.0, atol=0.0)
    if named is not None:
        return named
    times = f", about {expected / max(in_a, in_b):.0f} times as many" if max(in_a, in_b) and expected >= 2 * max(in_a, in_b) else ""
    return feedback(
        value == expected,
        praise=f"{expected} mid-grey pixels in the mix, against {in_a} in the 3 and {in_b} in the 8{times}. "
               "Where only one digit has bright ink, the mix shows it at half strength: a band of grey ghost "
               "strokes that neither digit has. That is the double exposure.",
        hint=f"Make the mix at t = {t:g} (your mix(three, eight, {t:g}) or the rule of section 6), then count its "
             f"pixels whose level v has {low:g} < v < {high:g}: two comparisons joined by &, then .sum().")


# Two tiny 2 x 3 "images" and the t values the mix check tries. a and b differ in every pixel, so
# a mix that swaps them or ignores t shows at once.
_A = np.array([[0.0, 0.2, 1.0], [1.0, 0.5, 0.0]])
_B = np.array([[1.0, 0.6, 0.0], [0.4, 0.9, 1.0]])
_TS = (0.0, 0.25, 1.0)


@guarded
def check_mix(mix) -> Feedback:
    """Does ``mix(a, b, t)`` return ``(1 - t) * a + t * b``, the pixel mix of the slider?

    The check calls ``mix`` on copies of two small images at t = 0, 0.25 and 1.

    >>> check_mix(lambda a, b, t: (1 - t) * a + t * b)
    Correct. Right: (1 - t) * a + t * b, one weighted sum per pixel. The weights add up to 1, so a mixed pixel always lies between the two pixels it mixes.
    >>> check_mix(lambda a, b, t: t * a + (1 - t) * b)
    Not yet. Your mix runs the wrong way: at t = 0 it gives b, at t = 1 it gives a. Weight a by (1 - t) and b by t, so that t = 0 is the first image.
    """
    for t in _TS:
        out, problem = call_learner(mix, _A, _B, t)
        if problem is not None:
            return problem
        got = as_array(out, shape=_A.shape, name="your mix")
        if isinstance(got, Feedback):
            return Feedback(False, f"{got.message} mix(a, b, t) should return one image of the same shape as "
                                   "a and b.")
        expected = (1 - t) * _A + t * _B
        if np.allclose(got, expected, atol=1e-6):
            continue
        mistakes = {
            "Your mix runs the wrong way: at t = 0 it gives b, at t = 1 it gives a. Weight a by (1 - t) and b "
            "by t, so that t = 0 is the first image.": t * _A + (1 - t) * _B,
            "Your mix does not depend on t: it is always the average (a + b) / 2. Use t as the weight of b and "
            "1 - t as the weight of a.": (_A + _B) / 2,
            f"At t = {t:g} your mix gives a + t * b: the two weights must add up to 1, or the mix comes out "
            "brighter than both images. Weight a by (1 - t).": _A + t * _B,
            f"At t = {t:g} your mix gives t * (a + b): the two weights must add up to 1. Weight a by (1 - t), "
            "not by t.": t * (_A + _B),
            f"At t = {t:g} your mix gives (1 - t) * a alone: add b's share, t * b.": (1 - t) * _A,
        }
        named = diagnose(got, expected, mistakes, rtol=1e-6, atol=1e-6)
        if named is not None:
            return named
        return Feedback(False, f"At t = {t:g} your mix is not (1 - t) * a + t * b. Try one pixel by hand: a = 1, "
                               "b = 0 and t = 0.25 should give 0.75.")
    return Feedback(True, "Right: (1 - t) * a + t * b, one weighted sum per pixel. The weights add up to 1, so a "
                          "mixed pixel always lies between the two pixels it mixes.")


def _variance_shares(X) -> np.ndarray:
    """Every principal component's share of the variance of ``X`` (rows are samples), largest first."""
    X = np.asarray(X, dtype=np.float64).reshape(len(X), -1)
    eigenvalues = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
    return np.clip(eigenvalues, 0.0, None) / eigenvalues.sum()


@guarded
def check_components_for_share(answer, X_train, share: float = 0.5) -> Feedback:
    """How many principal components of ``X_train`` are needed to keep at least ``share`` of its variance?

    >>> X = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]])   # variances 8/3 and 2/3
    >>> check_components_for_share(1, X, share=0.5)
    Correct. 1 number keeps 80%, at least 50%; the first 0 kept 0%. Each further number adds less than the one before.
    >>> check_components_for_share(0, X, share=0.5)
    Not yet. 0 would be an index, counted from 0: np.argmax gives the position of the first True, and the count is one more.
    """
    if (m := missing(answer)) is not None:
        return m
    try:
        data = float64_array(X_train)
        if data.ndim < 2 or len(data) < 2 or not np.all(np.isfinite(data)):
            raise ValueError
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = _variance_shares(data)
        if not np.all(np.isfinite(shares)):
            raise ValueError
    except (ValueError, TypeError):
        return Feedback(False, f"The notebook's `digits.X_train` is not the training digits any more "
                               f"({describe(X_train)}); it comes from section 2 (`digits = lh.load_mnist5k(...)`): "
                               "run that cell again.")
    share = float(share)
    if not 0 < share <= 1:
        return Feedback(False, f"The share asked for must lie between 0 and 1, got {share:g}: the check's call was changed.")
    running = np.cumsum(shares)
    expected = int(np.argmax(running >= share - 1e-12)) + 1
    value = as_number(answer)
    if isinstance(value, Feedback):
        return Feedback(False, value.message.replace("A number is expected", "A number of components is expected"))
    if 0 < value < 1 and not float(value).is_integer():
        return Feedback(False, f"{value:g} looks like a share of the variance. The question asks how many numbers "
                               f"(components) it takes to keep {share:.0%}: a count such as 5.")
    if not float(value).is_integer():
        return Feedback(False, f"A number of components is a whole number, got {value:g}.")
    value = int(value)
    if value == expected:
        before = running[expected - 2] if expected >= 2 else 0.0
        noun = "number keeps" if expected == 1 else "numbers keep"
        return Feedback(True, f"{expected} {noun} {running[expected - 1]:.0%}, at least {share:.0%}; the first "
                              f"{expected - 1} kept {before:.0%}. Each further number adds less than the one before.")
    mistakes = {
        f"{expected - 1} would be an index, counted from 0: np.argmax gives the position of the first True, and the "
        "count is one more.": expected - 1,
        f"{expected + 1} numbers keep more than {share:.0%}, but fewer already do: the answer is the first count "
        "whose running total reaches it.": expected + 1,
        "2 is the map of section 2, and it keeps far less than half. Add up the shares one by one (np.cumsum) and "
        "find where the total first reaches the half.": 2,
    }
    named = diagnose(value, expected, mistakes, rtol=0.0, atol=0.0)
    if named is not None:
        return named
    if value > expected:
        hint = f"Fewer numbers are enough: {value} keep {running[min(value, len(running)) - 1]:.0%}."
    elif value >= 1:
        hint = f"{value} numbers keep only {running[value - 1]:.0%}: more are needed."
    else:
        hint = "A count of components starts at 1."
    return Feedback(False, f"{hint} Fit PCA(n_components=50) on digits.X_train, add up its explained_variance_ratio_ "
                           f"with np.cumsum, and find the first count whose total is at least {share:g}.")
