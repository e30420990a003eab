"""Checks for 10_latent_diffusion.

Each check works out the expected answer itself on small cases of its own (so the learner's function
is tried on schedules and points the notebook never printed), calls the learner's function on copies
of them, recognises the usual slips of diffusion formulas by name (alpha for alpha-bar, a missing
square root, a sign error, the wrong target) and never raises on learner input.
"""
from __future__ import annotations

import warnings

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, describe, guarded, missing

__all__ = ["check_noise_step", "check_diffusion_loss", "check_step_from_x0"]


def _torch():
    import torch

    return torch


def _call_quietly(fn, *args):
    """call_learner with numpy's and torch's warnings kept out of the learner's output."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return call_learner(fn, *args)


def _first_wrong(got: np.ndarray, expected: np.ndarray, mistakes: dict, rtol: float = 1e-4,
                 atol: float = 1e-6) -> str | None:
    """The hint of the first named mistake ``got`` matches (never one equal to the right answer)."""
    for hint, wrong in mistakes.items():
        wrong = np.asarray(wrong, dtype=np.float64)
        if wrong.shape != expected.shape or np.allclose(wrong, expected, rtol=rtol, atol=atol):
            continue
        if got.shape == wrong.shape and np.allclose(got, wrong, rtol=rtol, atol=atol):
            return hint
    return None


# ------------------------------------------------------------------------ 1. the closed-form noising step
def _schedules():
    """(name, betas) the noising step is tried on: a short linear schedule and a cosine one (float64)."""
    torch = _torch()
    linear = torch.linspace(1e-3, 0.2, 40, dtype=torch.float64)
    s = 0.008
    f = torch.cos((torch.arange(31, dtype=torch.float64) / 30 + s) / (1 + s) * np.pi / 2) ** 2
    cosine = (1 - f[1:] / f[:-1]).clamp(max=0.999)
    return (("a linear schedule of 40 steps", linear), ("a cosine schedule of 30 steps", cosine))


def _noise_cases():
    torch = _torch()
    g = torch.Generator().manual_seed(10)
    cases = []
    for (what, betas), t in zip(_schedules(), (17, 9)):
        x0 = torch.randn(5, 3, generator=g, dtype=torch.float64)
        eps = torch.randn(5, 3, generator=g, dtype=torch.float64)
        cases.append((what, x0, eps, t, betas))
    return cases


@guarded
def check_noise_step(fn) -> Feedback:
    """``fn(x0, eps, t, betas)`` must return x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps, where
    abar_t = (1 - beta_0)(1 - beta_1)...(1 - beta_t) (steps counted from 0, so t + 1 factors).

    ``x0`` and ``eps`` are tensors (n, d), ``t`` an int, ``betas`` a tensor (T,). Tried on two
    schedules the notebook does not use (a short linear one and a cosine one). Recognises alpha_t
    (one step) for alpha-bar_t, the product stopping one step early, the sum of the betas for the
    product, missing square roots, and the noise subtracted.

    >>> import torch
    >>> def noise_step(x0, eps, t, betas):
    ...     abar = torch.cumprod(1 - betas, 0)[t]
    ...     return abar.sqrt() * x0 + (1 - abar).sqrt() * eps
    >>> bool(check_noise_step(noise_step))
    True
    """
    torch = _torch()
    for what, x0, eps, t, betas in _noise_cases():
        abar = float(torch.prod(1 - betas[:t + 1]))
        expected = (np.sqrt(abar) * x0 + np.sqrt(1 - abar) * eps).numpy()
        out, problem = _call_quietly(fn, x0, eps, t, betas)
        if problem is not None:
            return problem
        got = as_array(out, shape=expected.shape, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, f"With {what}: {got.message} Return x_t, the same shape as x0.")
        if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
            continue

        def mix(a, signal_root=True, noise_root=True, sign=1.0):
            s = np.sqrt(a) if signal_root else a
            n = np.sqrt(1 - a) if noise_root else 1 - a
            return (s * x0 + sign * n * eps).numpy()

        alpha = 1 - float(betas[t])
        early = float(torch.prod(1 - betas[:t]))
        summed = max(1e-12, 1 - float(betas[:t + 1].sum()))
        mistakes = {
            "That uses alpha_t = 1 - beta_t, what one step keeps. To jump from x_0 to x_t in one go you need "
            "alpha-bar_t, the product of all the alphas up to and including step t (torch.cumprod).": mix(alpha),
            "The product stops one step early: alpha-bar_t includes step t itself, (1 - beta_0) ... (1 - beta_t), "
            "t + 1 factors (betas[:t + 1], or cumprod(...)[t]).": mix(early),
            "That adds the betas up (1 - sum of beta): the signal is *multiplied* by 1 - beta_s at every step, so "
            "multiply the alphas (torch.cumprod or torch.prod).": mix(summed),
            "The square roots are missing: alpha-bar_t and 1 - alpha-bar_t are *variances*. The scales of x_0 and "
            "eps are their square roots.": mix(abar, False, False),
            "The signal's factor lacks its square root: x_0 is scaled by sqrt(alpha-bar_t), a standard deviation, "
            "not a variance.": mix(abar, False, True),
            "The noise's factor lacks its square root: eps is scaled by sqrt(1 - alpha-bar_t).": mix(abar, True, False),
            "The noise is subtracted: x_t = sqrt(alpha-bar_t) x_0 + sqrt(1 - alpha-bar_t) eps, with a plus. (Minus "
            "eps is noise too, but the loss then asks the model for eps, and your x_t holds -eps.)": mix(abar, sign=-1.0),
            "The two factors are swapped: x_0 gets sqrt(alpha-bar_t) (most of the signal early on), eps gets "
            "sqrt(1 - alpha-bar_t).": (np.sqrt(1 - abar) * x0 + np.sqrt(abar) * eps).numpy(),
        }
        hint = _first_wrong(got, expected, mistakes)
        return Feedback(False, f"With {what} at t = {t}: " + (hint or "x_t is not right. Compute alpha-bar_t = the "
                        "product of (1 - beta_s) for s = 0 .. t, then sqrt(alpha-bar_t) x0 + sqrt(1 - alpha-bar_t) eps."))
    return Feedback(True, "Right: alpha-bar_t is the product of the alphas, and its square roots scale the "
                          "signal and the noise. One line jumps from x_0 to any step, with no loop over the steps "
                          "in between: that is what makes training on random steps cheap.")


# ------------------------------------------------------------------------ 2. the training loss
def _toy_model():
    """A fixed little eps-predictor model(x, t, y=None) on 3 numbers, the same on every run."""
    torch = _torch()

    class Toy(torch.nn.Module):
        def __init__(self):
            super().__init__()
            g = torch.Generator().manual_seed(4)
            self.register_buffer("A", torch.randn(3, 3, generator=g, dtype=torch.float64) / 2)
            self.register_buffer("b", torch.randn(3, generator=g, dtype=torch.float64) / 4)

        def forward(self, x, t, y=None):
            t = torch.as_tensor(t, dtype=torch.float64).reshape(-1, 1)
            return torch.tanh(x.double() @ self.A + self.b * (t / 50.0))

    return Toy().eval()


def _loss_cases():
    torch = _torch()
    g = torch.Generator().manual_seed(11)
    alpha_bars = torch.cumprod(1 - torch.linspace(1e-3, 0.2, 50, dtype=torch.float64), 0)
    x0 = torch.randn(8, 3, generator=g, dtype=torch.float64)
    eps = torch.randn(8, 3, generator=g, dtype=torch.float64)
    t = torch.randint(0, 50, (8,), generator=g)
    return x0, t, eps, alpha_bars


@guarded
def check_diffusion_loss(fn) -> Feedback:
    """``fn(model, x0, t, eps, alpha_bars)`` must return the DDPM loss: the mean squared error between
    ``model(x_t, t)`` and ``eps``, with x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps (abar_t = alpha_bars[t],
    one per row).

    Tried with a fixed little model on 8 points of 3 numbers, each with its own step. Recognises the
    clean x0 as the target, the model shown x0 (not x_t), missing square roots, the noise subtracted,
    one step's alpha-bar for every row, a sum instead of a mean, and the error not squared.

    >>> import torch
    >>> def loss(model, x0, t, eps, alpha_bars):
    ...     a = alpha_bars[t][:, None]
    ...     xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
    ...     return ((model(xt, t) - eps) ** 2).mean()
    >>> bool(check_diffusion_loss(loss))
    True
    """
    torch = _torch()
    model = _toy_model()
    x0, t, eps, alpha_bars = _loss_cases()
    a = alpha_bars[t][:, None]

    def loss_of(xt, target=eps, reduce="mean", power=2):
        with torch.no_grad():
            err = (model(xt, t) - target).abs() ** power
        return float(err.mean() if reduce == "mean" else err.sum())

    right_xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
    expected = loss_of(right_xt)
    out, problem = _call_quietly(fn, model, x0, t, eps, alpha_bars)
    if problem is not None:
        if "argument" in problem.message:
            return Feedback(False, problem.message + " The loss is called as loss(model, x0, t, eps, alpha_bars), "
                                   "and it calls the model as model(x_t, t).")
        return problem
    value = as_number(out, "what your function returned")
    if isinstance(value, Feedback):
        return Feedback(False, value.message + " Return one number: the mean of the squared errors (a 0-d tensor "
                                               "is fine).")
    if np.isclose(value, expected, rtol=1e-4, atol=1e-8):
        return Feedback(True, f"Right: {value:.4f} here. The model sees only the noisy x_t and the step t, and is "
                              "asked for the noise that was added: a plain regression, with no sampling loop in "
                              "training at all.")
    mistakes = {
        "The target is the clean x0: this model predicts the *noise* eps, so compare model(x_t, t) with eps.":
            loss_of(right_xt, target=x0),
        "The model was shown the clean x0: noise it first, x_t = sqrt(alpha-bar_t) x0 + sqrt(1 - alpha-bar_t) eps, "
        "and ask the model about x_t.": loss_of(x0),
        "The square roots are missing in x_t: alpha-bar_t and 1 - alpha-bar_t are variances; scale x0 and eps "
        "by their square roots.": loss_of(a * x0 + (1 - a) * eps),
        "The noise is subtracted in x_t: x_t = sqrt(alpha-bar_t) x0 + sqrt(1 - alpha-bar_t) eps, with a plus "
        "(the model is asked for the eps that was added).": loss_of(a.sqrt() * x0 - (1 - a).sqrt() * eps),
        "Each row has its own step: take alpha_bars[t] (one value per row, as a column: alpha_bars[t][:, None]), "
        "not one alpha-bar for all.": loss_of(alpha_bars[t[0]].sqrt() * x0 + (1 - alpha_bars[t[0]]).sqrt() * eps),
        "That is the sum of the squared errors: take their mean (F.mse_loss, or .mean()).":
            loss_of(right_xt, reduce="sum"),
        "The errors are not squared: the DDPM loss is the mean *squared* error.": loss_of(right_xt, power=1),
    }
    for hint, wrong in mistakes.items():
        if not np.isclose(wrong, expected, rtol=1e-4) and np.isclose(value, wrong, rtol=1e-4, atol=1e-8):
            return Feedback(False, hint)
    return Feedback(False, f"Your loss is {value:.4g}, the expected one {expected:.4g}. Noise x0 to x_t with "
                           "alpha_bars[t], call model(x_t, t), and take the mean squared difference from eps.")


# ------------------------------------------------------------------------ 3. one DDIM step from a prediction of x_0
_STEP_SIGNATURE = "step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next)"
_STEP_NUDGE = ("Section 3's step puts a clean point and a noise back together at the next noise level, and this "
               "network hands you only the clean point. Which noise, at the level alpha_bar_t you stand at, turns "
               "x0_pred into x_t?")


def _x0_cases():
    """The (x_t, x0_pred, alpha_bar_t, alpha_bar_next) the step is tried on, in float64: two strides from a
    noisy level to a less noisy one, then the last step of a sample, to alpha-bar = 1 (no noise left)."""
    torch = _torch()
    g = torch.Generator().manual_seed(12)
    cases = []
    for a_t, a_next in ((0.3, 0.55), (0.04, 0.25), (0.85, 1.0)):
        xt = torch.randn(4, 3, generator=g, dtype=torch.float64)
        x0 = 0.8 * torch.randn(4, 3, generator=g, dtype=torch.float64) + 0.3   # a prediction, not x_t's own scale
        cases.append((xt, x0, torch.tensor(a_t, dtype=torch.float64), torch.tensor(a_next, dtype=torch.float64)))
    return cases


def _near(got: np.ndarray, target: np.ndarray, size: float, rtol: float = 1e-4) -> bool:
    """Is ``got`` within ``rtol`` of ``target`` everywhere, measured against the size of the right answer?"""
    with np.errstate(all="ignore"):
        return (got.shape == target.shape and bool(np.all(np.isfinite(target)))
                and float(np.max(np.abs(got - target), initial=0.0)) <= rtol * size)


@guarded
def check_step_from_x0(fn) -> Feedback:
    """``fn(x_t, x0_pred, alpha_bar_t, alpha_bar_next)`` must return one deterministic DDIM step (eta = 0)
    for a network that predicts the clean point: the noise that x0_pred leaves in x_t,
    eps = (x_t - sqrt(abar_t) x0_pred) / sqrt(1 - abar_t), then sqrt(abar_next) x0_pred + sqrt(1 - abar_next) eps.

    ``x_t`` and ``x0_pred`` are float64 tensors (4, 3), the two levels 0-d float64 tensors (as ``alpha_bars[t]``
    is); a tensor or a numpy array may come back. Tried on two strides and on the last step of a sample (to
    alpha-bar = 1), each compared with a tolerance relative to the size of the right answer. Recognises x0_pred,
    the recovered noise or x_t returned as they are, x0_pred used as if it were a noise prediction (section 3's
    step as it stands), the two levels swapped, missing square roots (everywhere, only in recovering the noise,
    only in the step, only on the noise or only on the signal factors), a noise not divided by its scale, sign
    errors, and a last step that does not land on x0_pred.

    >>> def step_from_x0(x_t, x0_pred, a, a_next):
    ...     eps = (x_t - a.sqrt() * x0_pred) / (1 - a).sqrt()
    ...     return a_next.sqrt() * x0_pred + (1 - a_next).sqrt() * eps
    >>> bool(check_step_from_x0(step_from_x0))
    True
    >>> check_step_from_x0(lambda x_t, x0_pred, a, a_next: None).ok
    False
    """
    if missing(fn) is not None:
        return Feedback(False, f"No answer yet: write {_STEP_SIGNATURE} and run its cell, then run the check "
                               "again. " + _STEP_NUDGE)
    if not callable(fn):
        return Feedback(False, f"A function is expected, got {describe(fn)}. Pass the function itself, without "
                               "calling it: check_step_from_x0(step_from_x0).")
    for xt, x0, a_t, a_next in _x0_cases():
        X, P, a, b = xt.numpy(), x0.numpy(), float(a_t), float(a_next)
        r = np.sqrt
        last = b == 1.0
        where = (f"From alpha-bar_t = {a:g} to alpha-bar_next = {b:g}"
                 + (" (the last step of a sample: no noise is left after it)" if last else "") + ": ")

        def through_noise(s_in, n_in, s_out, n_out, sign_in=-1.0, sign_out=1.0):
            """Recover a noise with the factors s_in, n_in; put it back together with x0_pred by s_out, n_out."""
            with np.errstate(all="ignore"):
                noise = (X + sign_in * s_in * P) / n_in
                return s_out * P + sign_out * n_out * noise

        expected = through_noise(r(a), r(1 - a), r(b), r(1 - b))
        size = float(np.abs(expected).max())
        out, problem = _call_quietly(fn, xt, x0, a_t, a_next)
        if problem is not None:
            if "returned None" in problem.message:
                return Feedback(False, problem.message + " " + _STEP_NUDGE)
            if "positional argument" in problem.message or "unexpected keyword" in problem.message:
                return Feedback(False, problem.message + f". Keep the signature {_STEP_SIGNATURE}: the check "
                                       "passes x_t, the network's prediction of x_0, and the two noise levels.")
            return Feedback(False, where + problem.message)
        got = as_array(out, name="what your function returned", allow_nonfinite=True)
        if isinstance(got, Feedback):
            return Feedback(False, got.message + " Return the next point, an array or tensor shaped like x_t.")
        if got.shape != expected.shape:
            if got.size == expected.size:
                fix = " The values are all there: keep them in x_t's shape (no .T, .flatten() or stacking)."
            else:
                fix = " Return one next point per row of x_t, shaped like x_t."
            return Feedback(False, f"x_t has shape {expected.shape}, and your function returned shape {got.shape}."
                                   + fix)
        if not np.all(np.isfinite(got)):
            if last:
                return Feedback(False, where + "your step returns NaN or infinite values. At alpha-bar_next = 1, "
                                       "1 - alpha-bar_next is 0: nothing may divide by it (or by its square root). "
                                       "The noise you need belongs to the level you stand at, alpha_bar_t.")
            return Feedback(False, where + "your step returns NaN or infinite values: look for a division by zero or "
                                   "the square root of a negative number.")
        if _near(got, expected, size):
            continue
        if last and _near(got, X, size):
            return Feedback(False, where + "your function returns x_t as it is. With no noise left, the step must "
                                   "land exactly on the network's prediction of the clean point.")
        with np.errstate(all="ignore"):
            noise = (X - r(a) * P) / r(1 - a)
            as_noise = r(b) * (X - r(1 - a) * P) / r(a) + r(1 - b) * P
        mistakes = {
            "That is x0_pred itself: DDIM goes only part of the way, to the next noise level alpha_bar_next, "
            "with the same noise that is in x_t (only the last step, to alpha-bar = 1, lands on x0_pred).": P,
            "That is the noise in x_t, the first half of the step. Now take section 3's deterministic step with "
            "it and x0_pred, to the level alpha_bar_next.": noise,
            "Your step returns x_t unchanged: the noise was put back at the same level it was taken out at. Take it "
            "out at the level you stand at (alpha_bar_t) and put it back at the next one (alpha_bar_next).": X,
            "That treats x0_pred as a noise prediction: it is section 3's step with x0_pred in the place of "
            "eps_theta. This network predicts the clean point, so x0_pred needs no guessing; what is missing "
            "is the noise.": as_noise,
            "The two levels are swapped: the noise in x_t is that of the level you stand at (alpha_bar_t); the "
            "step puts it back at the next level (alpha_bar_next).": through_noise(r(b), r(1 - b), r(a), r(1 - a)),
            "The square roots are missing: alpha-bar and 1 - alpha-bar are variances. The factors of x_0 and of "
            "the noise are their square roots, in recovering the noise and in the step.":
                through_noise(a, 1 - a, b, 1 - b),
            "The square roots are missing where you recover the noise: x_t holds x_0 and the noise scaled by "
            "the square roots of alpha_bar_t and 1 - alpha_bar_t, not by the variances.":
                through_noise(a, 1 - a, r(b), r(1 - b)),
            "The square roots are missing in the step to alpha_bar_next: scale x0_pred and the noise by the "
            "square roots of alpha_bar_next and 1 - alpha_bar_next.": through_noise(r(a), r(1 - a), b, 1 - b),
            "A square root is missing on the noise factors: the noise is scaled by sqrt(1 - alpha-bar), at both "
            "levels.": through_noise(r(a), 1 - a, r(b), 1 - b),
            "A square root is missing on the signal factors: x_0 is scaled by sqrt(alpha-bar), at both levels.":
                through_noise(a, r(1 - a), b, r(1 - b)),
            "The noise you recovered keeps its scale: what x_t holds beyond the clean part is the noise times "
            "its standard deviation at alpha_bar_t. Divide that out before the step puts the noise back at its "
            "new scale.": through_noise(r(a), 1.0, r(b), r(1 - b)),
            "Sign error in recovering the noise: the noise is what is left of x_t once the clean part is taken "
            "*out*.": through_noise(r(a), r(1 - a), r(b), r(1 - b), sign_in=1.0),
            "Sign error in the step: the next point adds the noise back (the same noise that is in x_t), it "
            "does not subtract it.": through_noise(r(a), r(1 - a), r(b), r(1 - b), sign_out=-1.0),
        }
        for hint, wrong in mistakes.items():
            if not _near(wrong, expected, size) and _near(got, wrong, size):
                return Feedback(False, where + hint)
        if last:
            return Feedback(False, where + "with no noise left, the step must land exactly on the network's "
                                   "prediction of the clean point. Yours does not, though your earlier steps were "
                                   "right: look at what your function does when alpha_bar_next is 1.")
        off = float(np.abs(got - expected).max()) / size
        return Feedback(False, where + f"your point is off by up to {off:.0%} of the answer's size, and it is none "
                                       "of the usual slips. " + _STEP_NUDGE + " Then take section 3's step to "
                                       "alpha_bar_next with x0_pred and that noise.")
    return Feedback(True, "Right: the noise in x_t is what is left of it once the predicted clean point is taken "
                          "out, divided by its scale, and with that noise the step is section 3's. Whether the "
                          "network predicts x_0 or the noise changes what it outputs, not the sampler; what changes "
                          "is where its errors are magnified: recovering the noise divides by sqrt(1 - alpha-bar_t), "
                          "small near the clean end, while guessing x_0 from a noise prediction divides by "
                          "sqrt(alpha-bar_t), small near the noisy end.")
