"""The checks of notebook 10: right answers pass in several forms, each recognised mistake gets its own hint,
odd input never raises."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import Feedback, check_ddim_step, check_diffusion_loss, check_noise_step

ODD = [None, ..., "x_t", True, 3, [1, 2, 3], np.zeros((2, 2)), object(), {"a": 1}]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result and result.message, result
    return result.message


# --- Exercise 1: the closed-form noising step ------------------------------------------------------

def noise_step(x0, eps, t, betas):
    abar = torch.cumprod(1 - betas, 0)[t]
    return abar.sqrt() * x0 + (1 - abar).sqrt() * eps


def noise_step_numpy(x0, eps, t, betas):
    abar = np.prod(1 - np.asarray(betas)[:t + 1])
    return np.sqrt(abar) * np.asarray(x0) + np.sqrt(1 - abar) * np.asarray(eps)


def noise_step_loop(x0, eps, t, betas):
    abar = 1.0
    for s in range(t + 1):
        abar = abar * (1 - betas[s])
    return abar ** 0.5 * x0 + (1 - abar) ** 0.5 * eps


def test_noise_step_right_answers_in_any_form():
    assert check_noise_step(noise_step)
    assert check_noise_step(noise_step_numpy)
    assert check_noise_step(noise_step_loop)
    assert check_noise_step(lambda x0, eps, t, betas: noise_step(x0, eps, t, betas).float())   # float32 is fine


def _with_abar(make_abar, signal_root=True, noise_root=True, sign=1.0):
    def fn(x0, eps, t, betas):
        a = make_abar(t, betas)
        s = a.sqrt() if signal_root else a
        n = (1 - a).sqrt() if noise_root else 1 - a
        return s * x0 + sign * n * eps
    return fn


right_abar = lambda t, b: torch.prod(1 - b[:t + 1])


@pytest.mark.parametrize("fn, words", [
    (_with_abar(lambda t, b: 1 - b[t]), "alpha_t = 1 - beta_t"),
    (_with_abar(lambda t, b: torch.prod(1 - b[:t])), "one step early"),
    (_with_abar(lambda t, b: 1 - b[:t + 1].sum()), "adds the betas up"),
    (_with_abar(right_abar, False, False), "square roots are missing"),
    (_with_abar(right_abar, False, True), "signal's factor lacks its square root"),
    (_with_abar(right_abar, True, False), "noise's factor lacks its square root"),
    (_with_abar(right_abar, sign=-1.0), "noise is subtracted"),
    (lambda x0, eps, t, b: (1 - right_abar(t, b)).sqrt() * x0 + right_abar(t, b).sqrt() * eps, "swapped"),
    (lambda x0, eps, t, b: noise_step(x0, eps, t, b) + 0.1, "product of (1 - beta_s)"),
])
def test_noise_step_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_noise_step(fn))


@pytest.mark.parametrize("fn, words", [
    (lambda x0, eps, t, b: None, "forget `return`"),
    (lambda x0, eps, t, b: 1 / 0, "ZeroDivisionError"),
    (lambda x0, eps, t, b: noise_step(x0, eps, t, b)[0], "shape"),
    (lambda x0, eps, t, b: "x_t", "x_t"),
    (lambda x0, eps: x0, "TypeError"),
])
def test_noise_step_says_what_came_back(fn, words):
    assert words in _hint(check_noise_step(fn))


def test_noise_step_changing_the_inputs_in_place_does_not_fool_it():
    def sneaky(x0, eps, t, betas):
        x0.zero_()
        eps.zero_()
        return x0
    assert not check_noise_step(sneaky)
    assert check_noise_step(noise_step)


@pytest.mark.parametrize("odd", ODD)
def test_noise_step_never_raises(odd):
    assert not check_noise_step(odd)


# --- Exercise 2: the training loss ----------------------------------------------------------------

def diffusion_loss(model, x0, t, eps, alpha_bars):
    a = alpha_bars[t][:, None]
    xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
    return ((model(xt, t) - eps) ** 2).mean()


def test_diffusion_loss_right_answers_in_any_form():
    assert check_diffusion_loss(diffusion_loss)
    assert check_diffusion_loss(lambda m, x0, t, eps, ab: torch.nn.functional.mse_loss(
        m(ab[t].sqrt().unsqueeze(1) * x0 + (1 - ab[t]).sqrt().unsqueeze(1) * eps, t), eps))
    assert check_diffusion_loss(lambda *args: float(diffusion_loss(*args)))
    assert check_diffusion_loss(lambda *args: diffusion_loss(*args).reshape(1))


def _loss(noisy, target="eps", reduce="mean", power=2):
    def fn(model, x0, t, eps, alpha_bars):
        a = alpha_bars[t][:, None]
        xt = noisy(a, x0, eps, alpha_bars, t)
        err = (model(xt, t) - (eps if target == "eps" else x0)).abs() ** power
        return err.mean() if reduce == "mean" else err.sum()
    return fn


right_xt = lambda a, x0, eps, ab, t: a.sqrt() * x0 + (1 - a).sqrt() * eps


@pytest.mark.parametrize("fn, words", [
    (_loss(right_xt, target="x0"), "target is the clean x0"),
    (_loss(lambda a, x0, eps, ab, t: x0), "shown the clean x0"),
    (_loss(lambda a, x0, eps, ab, t: a * x0 + (1 - a) * eps), "square roots are missing"),
    (_loss(lambda a, x0, eps, ab, t: a.sqrt() * x0 - (1 - a).sqrt() * eps), "noise is subtracted"),
    (_loss(lambda a, x0, eps, ab, t: ab[t[0]].sqrt() * x0 + (1 - ab[t[0]]).sqrt() * eps), "own step"),
    (_loss(right_xt, reduce="sum"), "sum of the squared errors"),
    (_loss(right_xt, power=1), "not squared"),
    (lambda m, x0, t, eps, ab: diffusion_loss(m, x0, t, eps, ab) * 1.5, "expected one"),
    (lambda m, x0, t, eps, ab: m(x0), "model(x_t, t)"),
    (lambda m, x0, t, eps, ab: torch.zeros(3), "one number"),
    (lambda m, x0, t, eps, ab: None, "forget `return`"),
])
def test_diffusion_loss_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_diffusion_loss(fn))


@pytest.mark.parametrize("odd", ODD)
def test_diffusion_loss_never_raises(odd):
    assert not check_diffusion_loss(odd)


# --- Exercise 3: one DDIM step --------------------------------------------------------------------

def ddim_step(xt, eps, a, a_next):
    x0 = (xt - (1 - a).sqrt() * eps) / a.sqrt()
    return a_next.sqrt() * x0 + (1 - a_next).sqrt() * eps


def test_ddim_step_right_answers_in_any_form():
    assert check_ddim_step(ddim_step)
    assert check_ddim_step(lambda xt, eps, a, b: (np.sqrt(float(b)) * (xt.numpy() - np.sqrt(1 - float(a)) * eps.numpy())
                                                  / np.sqrt(float(a)) + np.sqrt(1 - float(b)) * eps.numpy()))
    # the same step written around the ratio of the signal scales
    assert check_ddim_step(lambda xt, eps, a, b: (b / a).sqrt() * xt
                           + ((1 - b).sqrt() - (b / a).sqrt() * (1 - a).sqrt()) * eps)


def _step(guess_root=True, noise_root=True, guess_sign=-1.0, renoise_sign=1.0, swap=False, only_guess=False):
    def fn(xt, eps, a, b):
        if swap:
            a, b = b, a
        ra, rb = (a.sqrt(), b.sqrt()) if guess_root else (a, b)
        na, nb = ((1 - a).sqrt(), (1 - b).sqrt()) if noise_root else (1 - a, 1 - b)
        x0 = (xt + guess_sign * na * eps) / ra
        return x0 if only_guess else rb * x0 + renoise_sign * nb * eps
    return fn


@pytest.mark.parametrize("fn, words", [
    (_step(only_guess=True), "guess of x_0 itself"),
    (_step(swap=True), "swapped"),
    (_step(False, False), "square roots are missing"),
    (_step(True, False), "missing on the noise factors"),
    (_step(False, True), "missing on the signal factors"),
    (_step(guess_sign=1.0), "Sign error in the guess"),
    (_step(renoise_sign=-1.0), "Sign error in the re-noising"),
    (lambda xt, eps, a, b: ddim_step(xt, eps, a, b) * 1.01, "not yet"),
    (lambda xt, eps, a, b: ddim_step(xt, eps, a, b).T, "shape"),
    (lambda xt, eps, a, b: None, "forget `return`"),
])
def test_ddim_step_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_ddim_step(fn))


def test_ddim_step_last_step_must_return_the_guess():
    # right on the first two cases, wrong (neither the guess nor a named slip) on the final step to alpha-bar = 1
    def almost(xt, eps, a, b):
        out = ddim_step(xt, eps, a, b)
        return out + 0.5 if float(b) == 1.0 else out
    assert "last step" in _hint(check_ddim_step(almost))


@pytest.mark.parametrize("odd", ODD)
def test_ddim_step_never_raises(odd):
    assert not check_ddim_step(odd)
