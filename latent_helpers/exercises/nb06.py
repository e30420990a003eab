"""Checks for 06_gans.

Each check works out the expected answer itself, calls a learner's function on copies of fixed
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import math
import warnings

import numpy as np

from ._framework import Feedback, as_number, call_learner, check_close, guarded

__all__ = ["check_gradient_ratio", "check_class_entropy", "check_frechet_1d"]


def _call_quietly(fn, *args):
    """call_learner with numpy's warnings (log of 0, 0/0) kept out of the learner's output."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call_learner(fn, *args)


@guarded
def check_gradient_ratio(answer, d_fake: float) -> Feedback:
    """How many times steeper the non-saturating generator loss is than the saturating one, with respect
    to the discriminator's logit ``a``, where ``D(G(z)) = sigmoid(a) = d_fake``.

    The slopes: saturating ``d/da log(1 - sigmoid(a)) = -D``; non-saturating ``d/da -log sigmoid(a) =
    -(1 - D)``; the ratio is ``(1 - D) / D``. Recognises the ratio upside down, either slope alone, the
    ratio of the losses instead of their slopes and ``1 / D``.

    >>> bool(check_gradient_ratio(49, 0.02))
    True
    >>> check_gradient_ratio(1 / 49, 0.02).message.split(":")[0]
    'Upside down'
    """
    d = float(d_fake)
    expected = (1 - d) / d
    mistakes = {
        "Upside down: that is the saturating slope over the non-saturating one. The question asks how many "
        "times *larger* the non-saturating slope is.": d / (1 - d),
        f"That is the non-saturating slope alone, 1 - D = {1 - d:g}: divide it by the saturating slope, D.": 1 - d,
        f"That is the saturating slope alone, D = {d:g}: the question asks for the ratio of the two slopes.": d,
        "That is the ratio of the two losses, -log D over -log(1 - D); the question is about their slopes "
        "(derivatives with respect to the logit), -(1 - D) and -D.": math.log(d) / math.log(1 - d),
        "Close: 1 / D takes the non-saturating slope as 1, but it is 1 - D. Divide (1 - D) by D.": 1 / d,
    }
    mistakes = {h: v for h, v in mistakes.items() if not math.isclose(v, expected, rel_tol=1e-3)}
    return check_close(
        answer, expected,
        praise=f"{expected:g} times: with D(G(z)) = {d:g} the saturating loss barely moves the generator "
               "(slope -D), while the non-saturating one pushes almost at full strength (slope -(1 - D)).",
        hint="The slope of log(1 - D) with respect to the logit is -D; the slope of -log D is -(1 - D). "
             "Divide the second by the first.",
        rel=2e-3, mistakes=mistakes)


# the label sets class_entropy is tried on (10 classes): even, with classes missing, skewed
_ENTROPY_CASES = (
    np.repeat(np.arange(10), 6),                                         # every digit 6 times: ln 10
    np.array([3, 3, 3, 7, 3, 7, 3, 3]),                                  # two digits only, 3 of 4 are 3s
    np.random.default_rng(6).choice(10, size=300, p=[.30, .20, .15, .10, .08, .07, .05, .03, .02, .0]),
)


def _entropy(labels: np.ndarray) -> float:
    p = np.bincount(labels, minlength=10) / len(labels)
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


@guarded
def check_class_entropy(fn) -> Feedback:
    """``fn(labels)`` must return the entropy of the class shares of integer ``labels`` (digits 0-9) in nats.

    Tried on three label sets (every digit equally often, two digits only, a skewed set with one
    digit missing). Recognises bits instead of nats, a missing minus sign, counts instead of
    shares, NaN from 0 log 0, and the entropy divided by ln 10.

    >>> def class_entropy(labels):
    ...     p = np.bincount(labels, minlength=10) / len(labels)
    ...     p = p[p > 0]
    ...     return -(p * np.log(p)).sum()
    >>> bool(check_class_entropy(class_entropy))
    True
    >>> check_class_entropy(lambda y: 0.0).message.split(":")[0]
    'For labels with every digit equally often'
    """
    names = ("with every digit equally often", "with only 3s and 7s", "with skewed shares and no 9")
    for labels, what in zip(_ENTROPY_CASES, names):
        expected = _entropy(labels)
        out, problem = _call_quietly(fn, labels.copy())
        if problem is not None:
            return problem
        value = as_number(out, "what your function returned")
        if isinstance(value, Feedback):
            if "NaN" in value.message:
                return Feedback(False, f"For labels {what} your function returned NaN: a digit that never "
                                       "appears has share 0, and 0 * log(0) is 0 * (-inf) = NaN in numpy. "
                                       "By convention 0 log 0 = 0: keep only the shares above 0 (p[p > 0]).")
            return Feedback(False, f"For labels {what}: {value.message} Return one number, the entropy in nats.")
        if math.isclose(value, expected, rel_tol=1e-4, abs_tol=1e-9):
            continue
        counts = np.bincount(labels, minlength=10).astype(np.float64)
        c = counts[counts > 0]
        mistakes = {
            "That is in bits (log base 2): use the natural log, np.log, for nats.": expected / math.log(2),
            "The sign is flipped: entropy is -sum p log p, never negative (log p <= 0 for a share p).": -expected,
            "That is -sum c log c with the counts c: divide the counts by the number of labels first, so the "
            "shares p sum to 1.": float(-(c * np.log(c)).sum()),
            "That is the entropy divided by ln 10 (a share of the largest possible value): return the entropy "
            "itself, in nats.": expected / math.log(10),
            "That is the number of digits that appear, not the entropy: -sum p log p over the shares p.":
                float((counts > 0).sum()),
        }
        for hint, wrong in mistakes.items():
            if not math.isclose(wrong, expected, rel_tol=1e-4) and math.isclose(value, wrong, rel_tol=1e-4):
                return Feedback(False, f"For labels {what}: {hint}")
        return Feedback(False, f"For labels {what}: the entropy is {expected:.4f} nats, your function gave "
                               f"{value:.4g}. Count each digit (np.bincount(labels, minlength=10)), divide by the "
                               "number of labels, and take -sum p log p over the shares above 0.")
    return Feedback(True, "Right: -sum p ln p over the digits' shares. ln 10 = 2.30 nats when every digit is "
                          "equally common, 0 when one digit is all there is: the number that falls when a "
                          "generator collapses.")


def _frechet_1d(a: np.ndarray, b: np.ndarray, ddof: int) -> float:
    return float((a.mean() - b.mean()) ** 2 + (a.std(ddof=ddof) - b.std(ddof=ddof)) ** 2)


_FRECHET_CASES = (
    (np.random.default_rng(1).normal(0.0, 1.0, 200), np.random.default_rng(2).normal(1.5, 2.0, 300),
     "different means and spreads"),
    (np.random.default_rng(3).normal(2.0, 0.5, 250), np.random.default_rng(4).normal(2.0, 3.0, 250),
     "the same mean, different spreads"),
    (np.random.default_rng(5).normal(-1.0, 1.0, 150), np.random.default_rng(5).normal(-1.0, 1.0, 150) + 4.0,
     "the same spread, shifted by 4"),
)


@guarded
def check_frechet_1d(fn) -> Feedback:
    """``fn(a, b)`` must return the Frechet distance between two sets of single numbers ``a`` and ``b``
    (1-D arrays): ``(mean_a - mean_b)^2 + (std_a - std_b)^2``. Either standard deviation (``ddof`` 0 or
    1) is accepted.

    Recognises variances in place of standard deviations, the square root (the distance itself, not
    its square), a missing spread term, an unsquared mean difference, and the spread term unsquared.

    >>> bool(check_frechet_1d(lambda a, b: (a.mean() - b.mean()) ** 2 + (a.std() - b.std()) ** 2))
    True
    >>> check_frechet_1d(lambda a, b: (a.mean() - b.mean()) ** 2).message.split(":")[1].strip()[:28]
    'the spread term is missing'
    """
    for a, b, what in _FRECHET_CASES:
        out, problem = _call_quietly(fn, a.copy(), b.copy())
        if problem is not None:
            return problem
        value = as_number(out, "what your function returned")
        if isinstance(value, Feedback):
            return Feedback(False, f"For two sets with {what}: {value.message} Return one number.")
        rights = [_frechet_1d(a, b, ddof) for ddof in (0, 1)]
        if any(math.isclose(value, r, rel_tol=1e-4, abs_tol=1e-9) for r in rights):
            continue
        for hint, wrongs in _frechet_mistakes(a, b).items():
            if not any(math.isclose(w, r, rel_tol=1e-4) for w in wrongs for r in rights) and \
                    any(math.isclose(value, w, rel_tol=1e-4) for w in wrongs):
                return Feedback(False, f"For two sets with {what}: {hint}")
        return Feedback(False, f"For two sets with {what} the distance is {rights[0]:.4f}, your function gave "
                               f"{value:.4g}. It is (a.mean() - b.mean())**2 + (a.std() - b.std())**2.")
    return Feedback(True, "Right: (difference of the means)^2 + (difference of the spreads)^2. With many "
                          "features the same idea compares mean vectors and covariance matrices: that is the "
                          "Frechet distance of section 2.")


def _frechet_mistakes(a: np.ndarray, b: np.ndarray) -> dict[str, list[float]]:
    """The likely wrong answers, each with ddof = 0 and ddof = 1 standard deviations (numpy's default is 0,
    torch's 1)."""
    out: dict[str, list[float]] = {}
    for ddof in (0, 1):
        ma, mb, sa, sb = a.mean(), b.mean(), a.std(ddof=ddof), b.std(ddof=ddof)
        for hint, wrong in {
            "you used the variances where the standard deviations belong: the spread term is "
            "(std_a - std_b)^2, with std = sqrt(variance).": (ma - mb) ** 2 + (sa ** 2 - sb ** 2) ** 2,
            "that is the square root of the Frechet distance (the Wasserstein distance itself): the Frechet "
            "distance as the course uses it is the squared one, no square root.":
                math.sqrt((ma - mb) ** 2 + (sa - sb) ** 2),
            "the spread term is missing: two sets with the same mean but different spreads are not the same, "
            "so add (std_a - std_b)^2.": (ma - mb) ** 2,
            "the difference of the means must be squared: (mean_a - mean_b)^2.": abs(ma - mb) + (sa - sb) ** 2,
            "the difference of the standard deviations must be squared: (std_a - std_b)^2.":
                (ma - mb) ** 2 + abs(sa - sb),
            "only the spread term: add the squared difference of the means.": (sa - sb) ** 2,
        }.items():
            out.setdefault(hint, []).append(float(wrong))
    return out
