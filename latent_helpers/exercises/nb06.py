"""Checks for 06_gans.

Each check works out the expected answer itself, calls a learner's function on copies of fixed
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import math
import warnings

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, check_close, guarded

__all__ = ["check_slope_ratio", "check_class_entropy", "check_frechet_1d",
           "check_optimal_discriminator"]


def _call_quietly(fn, *args):
    """call_learner with numpy's warnings (log of 0, 0/0) kept out of the learner's output."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call_learner(fn, *args)


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


# --- the batch version of the slope ratio: lengths of two gradients ---------------------------------

# the verdicts D(G(z)) slope_ratio is tried on: all alike, a batch D rejects, a batch with some fooled
_SLOPE_CASES = (
    (np.full(8, 0.1), "8 pictures, every one with D(G(z)) = 0.1"),
    (np.random.default_rng(11).uniform(0.01, 0.2, 64), "64 pictures that D rejects (D(G(z)) from 0.01 to 0.2)"),
    (np.concatenate([np.random.default_rng(12).uniform(0.01, 0.1, 48), np.random.default_rng(13).uniform(0.4, 0.9, 16)]),
     "64 pictures, a quarter of which fool D (D(G(z)) up to 0.9)"),
)


def _slope_mistakes(d: np.ndarray) -> dict[str, float]:
    n = len(d)
    right = float(np.linalg.norm(1 - d) / np.linalg.norm(d))
    return {
        "Upside down: that is the saturating gradient's length over the non-saturating one's. The question "
        "asks how many times longer the non-saturating gradient is.": 1 / right,
        "That is the ratio of the mean slopes (the sums of the gradients' entries): the length of a gradient "
        "is its Euclidean norm, the square root of the sum of its squared entries.": float((1 - d).mean() / d.mean()),
        "That is the average of each picture's own ratio (1 - D)/D: pictures with a tiny D dominate it. The "
        "question compares the lengths of the two whole gradient vectors.": float(np.mean((1 - d) / d)),
        "That is the ratio of the two losses, not of their gradients: differentiate each loss with respect "
        "to the logits first.": float(np.mean(-np.log(d)) / np.mean(-np.log(1 - d))),
        f"Off by the batch size, {n}: both losses are means over the batch, so the 1/{n} is in both gradients "
        "and cancels.": right * n,
        f"Off by the batch size, {n} (divided by it): both losses are means over the batch, so the 1/{n} is in "
        "both gradients and cancels.": right / n,
    }


@guarded
def check_slope_ratio(fn) -> Feedback:
    """``fn(d_fake)`` must return how many times longer the gradient of the non-saturating generator loss
    is than that of the saturating one, both with respect to a batch's logits and both losses averaged
    over the batch, given the verdicts ``d_fake`` = D(G(z)) (a 1-D array).

    Per picture the slopes are -(1 - D)/n and -D/n, so the answer is ``|1 - D| / |D|`` (Euclidean
    norms). Recognises the ratio upside down, the ratio of the mean slopes, the mean of each
    picture's ratio, the ratio of the losses and a stray factor of the batch size.

    >>> bool(check_slope_ratio(lambda d: np.linalg.norm(1 - d) / np.linalg.norm(d)))
    True
    >>> check_slope_ratio(lambda d: np.mean((1 - d) / d)).message.split(":")[1].strip()[:31]
    'That is the average of each pic'
    """
    for d, what in _SLOPE_CASES:
        out, problem = _call_quietly(fn, d.copy())
        if problem is not None:
            return problem
        value = as_number(out, "what your function returned")
        if isinstance(value, Feedback):
            return Feedback(False, f"For {what}: {value.message} Return one number, the ratio of the two lengths.")
        expected = float(np.linalg.norm(1 - d) / np.linalg.norm(d))
        if math.isclose(value, expected, rel_tol=1e-3):
            continue
        for hint, wrong in _slope_mistakes(d).items():
            if not math.isclose(wrong, expected, rel_tol=1e-3) and math.isclose(value, wrong, rel_tol=1e-3):
                return Feedback(False, f"For {what}: {hint}")
        return Feedback(False, f"For {what} your function gave {value:.4g}. Per picture, the slope of the "
                               "saturating loss with respect to its logit is -D/n and that of the non-saturating "
                               "loss -(1 - D)/n (n pictures, both losses are means); compare the lengths "
                               "(np.linalg.norm) of the two gradient vectors.")
    return Feedback(True, "Right: |1 - D| / |D|, the lengths of the two gradients over the logits (the 1/n "
                          "cancels). For a batch that D rejects it is large: the saturating loss leaves the "
                          "generator almost nothing to learn from.")


# --- the optimal discriminator, derived and compared with one found numerically ----------------------

def _normal(x: np.ndarray, mean: float, sd: float) -> np.ndarray:
    return np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi))


_X = np.linspace(-5.0, 7.0, 241)
# (p_data, p_g, what): a generator off to one side; a two-mode data set and a generator that covers
# the middle; a generator that draws exactly the data
_DISCRIMINATOR_CASES = (
    (_normal(_X, 0.0, 1.0), _normal(_X, 1.5, 0.8), "p_data = N(0, 1) and p_g = N(1.5, 0.8^2)"),
    (0.5 * _normal(_X, -2.0, 0.7) + 0.5 * _normal(_X, 2.0, 0.7), _normal(_X, 0.0, 1.5),
     "p_data with two modes (at -2 and 2) and p_g = N(0, 1.5^2) between them"),
    (_normal(_X, 0.5, 1.2), _normal(_X, 0.5, 1.2), "p_g = p_data = N(0.5, 1.2^2)"),
)


def best_discriminator_numerically(p_data: np.ndarray, p_g: np.ndarray, iterations: int = 100) -> np.ndarray:
    """The D(x) in (0, 1) that maximises p_data(x) log D + p_g(x) log(1 - D) at every x, found by
    ternary search (the objective is concave in D), without using the closed form.

    >>> d = best_discriminator_numerically(np.array([0.3, 0.1]), np.array([0.1, 0.1]))
    >>> [round(float(v), 4) for v in d]
    [0.75, 0.5]
    """
    a, b = np.asarray(p_data, dtype=np.float64), np.asarray(p_g, dtype=np.float64)
    lo, hi = np.full(a.shape, 1e-12), np.full(a.shape, 1 - 1e-12)
    value = lambda y: a * np.log(y) + b * np.log1p(-y)
    for _ in range(iterations):
        m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
        left_better = value(m1) > value(m2)
        hi, lo = np.where(left_better, m2, hi), np.where(left_better, lo, m1)
    return (lo + hi) / 2


@guarded
def check_optimal_discriminator(fn) -> Feedback:
    """``fn(p_data, p_g)`` gets the two densities' values at many points x (1-D arrays) and must return
    the best discriminator's verdict D*(x) at each point: the D that maximises the discriminator's
    objective p_data log D + p_g log(1 - D) there.

    The check finds that D numerically (``best_discriminator_numerically``) on three 1-D examples and
    compares. Recognises 1 - D* (p_g over the sum), the likelihood ratio p_data / p_g, the constant 0.5,
    a hard 0/1 verdict and the difference of the densities.

    >>> bool(check_optimal_discriminator(lambda p, q: p / (p + q)))
    True
    >>> check_optimal_discriminator(lambda p, q: q / (p + q)).message.split(":")[1].strip()[:13]
    'That is 1 - D'
    """
    for p, q, what in _DISCRIMINATOR_CASES:
        out, problem = _call_quietly(fn, p.copy(), q.copy())
        if problem is not None:
            return problem
        value = as_array(out, (len(p),), name="what your function returned")
        if isinstance(value, Feedback):
            return Feedback(False, f"For {what}: {value.message} Return one verdict per point, an array as "
                                   "long as p_data.")
        best = best_discriminator_numerically(p, q)
        if np.allclose(value, best, atol=1e-4, rtol=0):
            continue
        with np.errstate(all="ignore"):
            mistakes = {
                "That is 1 - D*: the probability that x was *generated*. D(x) is the probability of 'real', so "
                "p_data belongs on top.": q / (p + q),
                "That is the likelihood ratio p_data / p_g: it is not a probability (it goes above 1 wherever "
                "the data is denser than the generator). Set the derivative of a log D + b log(1 - D) to zero "
                "and solve for D.": p / q,
                "A constant 0.5 is the best verdict only where p_g = p_data: elsewhere the discriminator can do "
                "better by leaning towards the denser of the two.": np.full_like(p, 0.5),
                "That is a hard verdict (1 where the data is denser, 0 elsewhere): it would be the most "
                "*accurate* classifier, but log(0) punishes every mistake without limit. The best D for the "
                "log-loss hedges: a fraction between 0 and 1.": (p > q).astype(float),
                "That is the difference of the densities, not a probability. Set the derivative of "
                "a log D + b log(1 - D) to zero and solve for D.": p - q,
            }
        for hint, wrong in mistakes.items():
            if wrong.shape == value.shape and np.all(np.isfinite(wrong)) and not np.allclose(wrong, best, atol=1e-4) \
                    and np.allclose(value, wrong, atol=1e-4, rtol=1e-4):
                return Feedback(False, f"For {what}: {hint}")
        worst = int(np.argmax(np.abs(value - best)))
        return Feedback(False, f"For {what}: at x = {_X[worst]:.2f} (p_data = {p[worst]:.4f}, p_g = {q[worst]:.4f}) "
                               f"the best verdict, found numerically, is {best[worst]:.4f}; yours is "
                               f"{value[worst]:.4g}. At each x maximise a log D + b log(1 - D) with a = p_data(x), "
                               "b = p_g(x): the derivative a / D - b / (1 - D) is 0 there.")
    return Feedback(True, "Right: D*(x) = p_data(x) / (p_data(x) + p_g(x)), the same as the verdict found "
                          "numerically. Where p_g = p_data it is 0.5 everywhere, and the discriminator's "
                          "objective is then -2 ln 2: the value at which no discriminator can tell the "
                          "two apart, which is the generator's best outcome.")
