"""The checks of notebook 10: right answers pass in several forms, each recognised mistake gets its own hint,
odd input never raises."""
import math

import numpy as np
import pytest
import torch

from latent_helpers.exercises import Feedback, check_diffusion_loss, check_noise_step, check_step_from_x0

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


# --- Exercise 3: one DDIM step for a network that predicts x_0 -------------------------------------

def step_from_x0(x_t, x0_pred, a, a_next):
    """The answer, written out here in float64 numpy: the noise x0_pred leaves in x_t, then the step."""
    x_t, x0_pred, a, a_next = (np.asarray(v, dtype=np.float64) for v in (x_t, x0_pred, a, a_next))
    noise = (x_t - np.sqrt(a) * x0_pred) / np.sqrt(1 - a)
    return np.sqrt(a_next) * x0_pred + np.sqrt(1 - a_next) * noise


def test_the_reference_here_is_section_3s_step_for_a_network_that_predicts_x0():
    # Independent of the check: take a noise prediction, turn it into an x_0 prediction as section 3 does,
    # and the step from x_0 must land where the step from the noise lands.
    g = torch.Generator().manual_seed(0)
    x_t, eps = torch.randn(5, 2, generator=g, dtype=torch.float64), torch.randn(5, 2, generator=g, dtype=torch.float64)
    for a, b in ((0.2, 0.5), (0.9, 1.0)):
        a, b = torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)
        guess = (x_t - (1 - a).sqrt() * eps) / a.sqrt()
        by_noise = b.sqrt() * guess + (1 - b).sqrt() * eps
        np.testing.assert_allclose(step_from_x0(x_t, guess, a, b), by_noise.numpy(), rtol=1e-12, atol=1e-12)


def test_step_from_x0_right_answers_in_any_form():
    assert check_step_from_x0(step_from_x0)                                            # numpy in, numpy out
    assert check_step_from_x0(lambda x, p, a, b: b.sqrt() * p + (1 - b).sqrt() * (x - a.sqrt() * p) / (1 - a).sqrt())
    # the same step around the ratio of the noise scales, with math.sqrt on the 0-d tensors
    assert check_step_from_x0(lambda x, p, a, b: math.sqrt(b) * p + math.sqrt((1 - b) / (1 - a)) * (x - math.sqrt(a) * p))
    assert check_step_from_x0(lambda x, p, a, b: torch.tensor(step_from_x0(x, p, a, b)).float())   # float32 is fine
    assert check_step_from_x0(lambda x, p, a, b: step_from_x0(x, p, a, b).tolist())               # nested lists too


def _through_noise(s_in, n_in, s_out, n_out, sign_in=-1.0, sign_out=1.0):
    """A step that recovers a noise with factors s_in(a), n_in(a) and puts it back with s_out(b), n_out(b)."""
    def fn(x, p, a, b):
        noise = (x + sign_in * s_in(a, b) * p) / n_in(a, b)
        return s_out(a, b) * p + sign_out * n_out(a, b) * noise
    return fn


root_a, root_1a = (lambda a, b: a.sqrt()), (lambda a, b: (1 - a).sqrt())
root_b, root_1b = (lambda a, b: b.sqrt()), (lambda a, b: (1 - b).sqrt())
var_a, var_1a, var_b, var_1b = (lambda a, b: a), (lambda a, b: 1 - a), (lambda a, b: b), (lambda a, b: 1 - b)


STEP_MISTAKES = [
    (lambda x, p, a, b: p, "x0_pred itself"),
    (lambda x, p, a, b: (x - a.sqrt() * p) / (1 - a).sqrt(), "the noise in x_t, the first half"),
    (lambda x, p, a, b: x, "returns x_t unchanged"),
    (_through_noise(root_b, root_1b, root_b, root_1b), "returns x_t unchanged"),   # alpha_bar_next used to recover
    (lambda x, p, a, b: b.sqrt() * (x - (1 - a).sqrt() * p) / a.sqrt() + (1 - b).sqrt() * p, "as a noise prediction"),
    (_through_noise(root_b, root_1b, root_a, root_1a), "levels are swapped"),
    (_through_noise(var_a, var_1a, var_b, var_1b), "square roots are missing: alpha-bar"),
    (_through_noise(var_a, var_1a, root_b, root_1b), "missing where you recover the noise"),
    (_through_noise(root_a, root_1a, var_b, var_1b), "missing in the step to alpha_bar_next"),
    (_through_noise(root_a, var_1a, root_b, var_1b), "missing on the noise factors"),
    (_through_noise(var_a, root_1a, var_b, root_1b), "missing on the signal factors"),
    (_through_noise(root_a, lambda a, b: 1.0, root_b, root_1b), "keeps its scale"),
    (_through_noise(root_a, root_1a, root_b, root_1b, sign_in=1.0), "Sign error in recovering the noise"),
    (_through_noise(root_a, root_1a, root_b, root_1b, sign_out=-1.0), "Sign error in the step"),
]


@pytest.mark.parametrize("fn, words", STEP_MISTAKES)
def test_step_from_x0_names_each_usual_mistake(fn, words):
    message = _hint(check_step_from_x0(fn))
    assert words in message, message


def test_step_from_x0_each_mistake_gets_a_hint_of_its_own():
    hints = [_hint(check_step_from_x0(fn)) for fn, _ in STEP_MISTAKES]
    # the two ways to land on x_t share their hint; every other slip has its own
    assert len(set(hints)) == len(hints) - 1


def test_step_from_x0_the_last_step_must_land_on_the_prediction():
    # right on the two strides, wrong only on the final step to alpha-bar = 1
    def returns_x_t_at_the_end(x, p, a, b):
        return x if float(b) == 1.0 else step_from_x0(x, p, a, b)

    def off_at_the_end(x, p, a, b):
        return step_from_x0(x, p, a, b) + (0.5 if float(b) == 1.0 else 0.0)

    def divides_by_1_minus_next(x, p, a, b):
        return step_from_x0(x, p, a, b) * (1 - b).numpy() / (1 - b).numpy()

    assert "x_t as it is" in _hint(check_step_from_x0(returns_x_t_at_the_end))
    message = _hint(check_step_from_x0(off_at_the_end))
    assert "last step" in message and "prediction of the clean point" in message
    assert "1 - alpha-bar_next is 0" in _hint(check_step_from_x0(divides_by_1_minus_next))


def test_step_from_x0_tolerance_is_relative_to_the_answer():
    assert check_step_from_x0(lambda x, p, a, b: step_from_x0(x, p, a, b) * (1 + 1e-6))
    nudged = lambda x, p, a, b: (out := step_from_x0(x, p, a, b)) + 1e-3 * np.abs(out).max()   # noqa: E731
    assert "off by up to 0%" in _hint(check_step_from_x0(nudged))
    assert "off by up to 10%" in _hint(check_step_from_x0(lambda x, p, a, b: step_from_x0(x, p, a, b) * 1.1))


def test_step_from_x0_stub_says_not_yet_without_giving_the_formula_away():
    def step(x_t, x0_pred, alpha_bar_t, alpha_bar_next):
        return None  # your code here
    result = check_step_from_x0(step)
    assert not result and repr(result).startswith("Not yet")
    assert "return" in result.message and "Which noise" in result.message
    for result in (check_step_from_x0(step), check_step_from_x0(None),
                   check_step_from_x0(lambda x, p, a, b: step_from_x0(x, p, a, b) * 1.1)):
        assert "sqrt" not in result.message and "/" not in result.message and "1 -" not in result.message


@pytest.mark.parametrize("fn, words", [
    (None, "No answer yet"),
    ("x_t", "A function is expected"),
    (step_from_x0(np.ones(2), np.ones(2), 0.5, 0.7), "A function is expected"),   # called instead of passed
    (lambda x, p, a: x, "Keep the signature step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next)"),
    (lambda x, p, a, b: 1 / 0, "ZeroDivisionError"),
    (lambda x, p, a, b: "x", "Numbers are expected"),
    (lambda x, p, a, b: torch.tensor(step_from_x0(x, p, a, b)).T, "shape (3, 4)"),
    (lambda x, p, a, b: step_from_x0(x, p, a, b).ravel(), "keep them in x_t's shape"),
    (lambda x, p, a, b: step_from_x0(x, p, a, b)[0], "one next point per row"),
    (lambda x, p, a, b: step_from_x0(x, p, a, b) * np.nan, "NaN or infinite"),
])
def test_step_from_x0_says_what_came(fn, words):
    assert words in _hint(check_step_from_x0(fn))


def test_step_from_x0_changing_the_inputs_in_place_does_not_fool_it():
    def sneaky(x, p, a, b):
        x.zero_()
        p.zero_()
        return x
    assert not check_step_from_x0(sneaky)
    assert check_step_from_x0(step_from_x0)


@pytest.mark.parametrize("odd", ODD)
def test_step_from_x0_never_raises(odd):
    assert not check_step_from_x0(odd)
