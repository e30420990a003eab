"""Checks for 00_start_here.

Four light exercises, each with a stub in the notebook and a folded solution below its check:
how many numbers a colour image takes, the grey level of one pixel of the pixel mix, the mix
itself written as a function, and the share of the variance that 3 PCA numbers keep.
"""
from __future__ import annotations

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, check_close, diagnose, guarded, missing


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


@guarded
def check_mix_value(answer, t: float = 0.8, in_a: float = 1.0, in_b: float = 0.0) -> Feedback:
    """The grey level at mix ``t`` of a pixel whose value is ``in_a`` in the 3 (t = 0) and ``in_b`` in the 8.

    The mix is ``(1 - t) * a + t * b``: t = 0 is the 3 alone, t = 1 is the 8 alone.

    >>> check_mix_value(0.2)
    Correct. (1 - 0.8) x 1 + 0.8 x 0 = 0.2: at t = 0.8 the 3 has faded to a faint grey and the 8 is nearly all there.
    >>> check_mix_value(0.8)
    Not yet. 0.8 would be right if t were the 3's share. t is the 8's share (t = 1 shows the 8 alone), so the 3 keeps 1 - t.
    """
    t, a, b = float(t), float(in_a), float(in_b)
    expected = (1 - t) * a + t * b
    mistakes = {
        f"{t * a + (1 - t) * b:g} would be right if t were the 3's share. t is the 8's share (t = 1 shows the "
        "8 alone), so the 3 keeps 1 - t.": t * a + (1 - t) * b,
        f"{0.5 * (a + b):g} is the mix at t = 0.5, the still picture. At t = {t:g} the shares are not equal.":
            0.5 * (a + b),
        f"{a:g} is the pixel of the 3 alone (t = 0). At t = {t:g} the 3 has mostly faded.": a,
        f"{b:g} is the pixel of the 8 alone (t = 1). At t = {t:g} a little of the 3 is still there.": b,
    }
    return check_close(
        answer, expected,
        praise=f"(1 - {t:g}) x {a:g} + {t:g} x {b:g} = {expected:g}: at t = {t:g} the 3 has faded to a faint "
               "grey and the 8 is nearly all there.",
        hint="The mix is (1 - t) x (the 3's pixel) + t x (the 8's pixel). Put in the numbers.",
        rel=0.0, abs_=0.011, mistakes=mistakes)


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
def check_variance_share(answer, X_train, k: int = 3) -> Feedback:
    """The share of the pixel variance (between 0 and 1) that a ``k``-component PCA of ``X_train`` keeps.

    >>> X = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]])   # variances 8/3 and 2/3
    >>> check_variance_share(0.8, X, k=1)
    Correct. Yes, about 80%: number 1 alone keeps 80%. Each further number adds less; notebook 01 draws the whole curve.
    >>> check_variance_share(80, X, k=1)
    Not yet. 80 looks like a percentage. Give the share as a number between 0 and 1 (0.800).
    """
    if (m := missing(answer)) is not None:
        return m
    k = int(k)
    shares = _variance_shares(X_train)
    expected = float(shares[:k].sum())
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value
    if 1.0 < value <= 100.0 and abs(value / 100 - expected) <= 0.005:
        return Feedback(False, f"{value:g} looks like a percentage. Give the share as a number between 0 and 1 "
                               f"({value / 100:.3f}).")
    mistakes = {}
    if k > 1:
        mistakes[f"{shares[:k - 1].sum():.3f} is the share of {k - 1} numbers, the one printed in section 2. Fit "
                 f"a PCA with n_components={k} and add up its explained_variance_ratio_."] = float(shares[:k - 1].sum())
        mistakes[f"{shares[k - 1]:.3f} is the share of number {k} alone (z{k - 1}). The {k} numbers together keep "
                 "the sum of their shares: .sum()."] = float(shares[k - 1])
    mistakes[f"{shares[:k + 1].sum():.3f} is the share of {k + 1} numbers: use n_components={k}."] = \
        float(shares[:k + 1].sum())
    added = (f"the third number adds {shares[k - 1]:.0%} to the {shares[:k - 1].sum():.0%} of the first two"
             if k == 3 else f"number {k} alone keeps {shares[k - 1]:.0%}" if k == 1 else
             f"number {k} adds {shares[k - 1]:.0%}")
    return check_close(
        value, expected,
        praise=f"Yes, about {expected:.0%}: {added}. Each further number adds less; notebook 01 draws the "
               "whole curve.",
        hint=f"pca3 = PCA(n_components={k}, random_state=0).fit(digits.X_train), then answer "
             "pca3.explained_variance_ratio_.sum(), a share between 0 and 1.",
        rel=0.0, abs_=0.003, mistakes=mistakes)
