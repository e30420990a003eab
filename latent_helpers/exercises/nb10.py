"""Checks for 10_latent_diffusion.

Each check works out the expected answer itself on small cases of its own (so the learner's function
is tried on schedules and points the notebook never printed), calls the learner's function on copies
of them, recognises the usual slips of diffusion formulas by name (alpha for alpha-bar, a missing
square root, a sign error, the wrong target) and never raises on learner input.
"""
from __future__ import annotations

import warnings

import numpy as np

from ._framework import Feedback, as_array, as_number, call_learner, guarded

__all__ = ["check_noise_step", "check_diffusion_loss", "check_ddim_step"]


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


# ------------------------------------------------------------------------ 3. one DDIM step
def _ddim_cases():
    torch = _torch()
    g = torch.Generator().manual_seed(12)
    cases = []
    for a_t, a_next in ((0.3, 0.55), (0.02, 0.2), (0.8, 1.0)):
        xt = torch.randn(4, 3, generator=g, dtype=torch.float64)
        eps = torch.randn(4, 3, generator=g, dtype=torch.float64)
        cases.append((xt, eps, torch.tensor(a_t, dtype=torch.float64), torch.tensor(a_next, dtype=torch.float64)))
    return cases


@guarded
def check_ddim_step(fn) -> Feedback:
    """``fn(x_t, eps, alpha_bar_t, alpha_bar_next)`` must return one deterministic DDIM step (eta = 0):
    the guess x0 = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t), then sqrt(abar_next) x0 + sqrt(1 - abar_next) eps.

    Tried on three pairs of noise levels, the last one the final step to alpha-bar = 1 (the clean
    point). Recognises the guess of x_0 returned as it is, the two levels swapped, missing square
    roots, and sign errors in the guess or in the re-noising.

    >>> def step(xt, eps, a, a_next):
    ...     x0 = (xt - (1 - a).sqrt() * eps) / a.sqrt()
    ...     return a_next.sqrt() * x0 + (1 - a_next).sqrt() * eps
    >>> bool(check_ddim_step(step))
    True
    """
    torch = _torch()
    for i, (xt, eps, a, b) in enumerate(_ddim_cases()):
        def step(a, b, guess_root=True, noise_root=True, guess_sign=-1.0, renoise_sign=1.0):
            ra, rb = (a.sqrt(), b.sqrt()) if guess_root else (a, b)
            na, nb = ((1 - a).sqrt(), (1 - b).sqrt()) if noise_root else (1 - a, 1 - b)
            x0 = (xt + guess_sign * na * eps) / ra
            return (rb * x0 + renoise_sign * nb * eps).numpy()

        expected = step(a, b)
        out, problem = _call_quietly(fn, xt, eps, a, b)
        if problem is not None:
            return problem
        got = as_array(out, shape=expected.shape, name="what your function returned")
        if isinstance(got, Feedback):
            return Feedback(False, got.message + " Return the next x, the same shape as x_t.")
        if np.allclose(got, expected, rtol=1e-4, atol=1e-6):
            continue
        guess = ((xt - (1 - a).sqrt() * eps) / a.sqrt()).numpy()
        mistakes = {
            "That is the guess of x_0 itself: DDIM then goes only part of the way, back to the next noise level, "
            "sqrt(alpha-bar_next) x0 + sqrt(1 - alpha-bar_next) eps.": guess,
            "The two noise levels are swapped: the guess of x_0 removes the noise of the level you are at "
            "(alpha_bar_t); the re-noising adds that of the next level (alpha_bar_next).": step(b, a),
            "The square roots are missing: alpha-bar and 1 - alpha-bar are variances, the factors are their "
            "square roots, both in the guess and in the step.": step(a, b, False, False),
            "A square root is missing on the noise factors, sqrt(1 - alpha-bar).": step(a, b, True, False),
            "A square root is missing on the signal factors, sqrt(alpha-bar).": step(a, b, False, True),
            "Sign error in the guess: to take the noise out, *subtract* sqrt(1 - alpha-bar_t) eps from x_t, then "
            "divide by sqrt(alpha-bar_t).": step(a, b, guess_sign=1.0),
            "Sign error in the re-noising: the next x adds sqrt(1 - alpha-bar_next) eps back (the same eps the "
            "model predicted).": step(a, b, renoise_sign=-1.0),
        }
        hint = _first_wrong(got, expected, mistakes)
        where = f"From alpha-bar_t = {float(a):g} to alpha-bar_next = {float(b):g}: "
        if hint is None and float(b) == 1.0 and not np.allclose(got, guess, rtol=1e-4, atol=1e-6):
            hint = "At the last step alpha-bar_next = 1, so the step must return the guess of x_0 exactly."
        return Feedback(False, where + (hint or "not yet. First the guess x0 = (x_t - sqrt(1 - a_t) eps) / "
                                                "sqrt(a_t), then sqrt(a_next) x0 + sqrt(1 - a_next) eps."))
    return Feedback(True, "Right: guess the clean point, then go back to the next, smaller noise level along "
                          "the same eps. No fresh noise is drawn, so the same x_T always gives the same digit.")

