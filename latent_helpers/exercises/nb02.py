"""Checks for 02_toy_latent_space.

- :func:`check_sgd_step`: the learner writes one step of plain gradient descent for a linear
  autoencoder; the check compares two steps with the reference, then trains a linear autoencoder
  with the learner's step and compares the subspace it finds with PCA's.
- :func:`check_principal_angles`: the learner writes the principal angles between two subspaces.
- :func:`check_pca_components`: how many PCA numbers match the 3-number autoencoder's error.
"""
from __future__ import annotations

import math

import numpy as np

from ._framework import (Feedback, as_array, as_number, as_whole_number, call_learner, describe, feedback,
                         guarded, missing)

__all__ = ["check_sgd_step", "check_principal_angles", "check_pca_components"]


# --------------------------------------------------------------------------------------------
# Exercise 1: one step of gradient descent, written by hand
# --------------------------------------------------------------------------------------------

#: the learning rate and number of steps the check trains with (plain, full-batch gradient descent)
SGD_LR = 5.0
SGD_STEPS = 300
#: the largest principal angle (degrees) between the trained subspace and PCA's that passes
SGD_MAX_ANGLE = 2.0


def _sgd_data() -> tuple[np.ndarray, np.ndarray]:
    """A small centred data set with a clear 3-D structure in 25-D, and its PCA directions (25, 3)."""
    rng = np.random.default_rng(2)
    basis, _ = np.linalg.qr(rng.normal(size=(25, 3)))
    latent = rng.normal(size=(200, 3)) * np.array([1.0, 0.8, 0.6])
    X = latent @ basis.T + 0.02 * rng.normal(size=(200, 25))
    X = (X - X.mean(0)).astype(np.float32)
    _, _, vt = np.linalg.svd(X.astype(np.float64), full_matrices=False)
    return X, vt[:3].T


def _initial_weights() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    return (rng.normal(size=(3, 25)) * 0.2).astype(np.float32), (rng.normal(size=(25, 3)) * 0.2).astype(np.float32)


def _linear_ae(encoder_w: np.ndarray, decoder_w: np.ndarray):
    """A bias-free linear autoencoder 25 -> 3 -> 25 with the given weights (the global RNG untouched)."""
    import torch
    from torch import nn

    class LinearAutoencoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Linear(25, 3, bias=False)
            self.decoder = nn.Linear(3, 25, bias=False)

        def forward(self, x):
            return self.decoder(self.encoder(x))

    with torch.random.fork_rng(devices=[]):
        model = LinearAutoencoder()
    with torch.no_grad():
        model.encoder.weight.copy_(torch.as_tensor(encoder_w))
        model.decoder.weight.copy_(torch.as_tensor(decoder_w))
    return model


def _flat(model) -> np.ndarray:
    return np.concatenate([p.detach().cpu().numpy().ravel().astype(np.float64) for p in model.parameters()])


def _gradient(model, x, kind: str = "mean"):
    """The gradient (flat) of a reconstruction loss at the model's weights, without touching ``.grad``."""
    import torch

    params = list(model.parameters())
    err = model(x) - x
    loss = {"mean": (err ** 2).mean(), "sum": (err ** 2).sum(), "abs": err.abs().mean(),
            "unsquared": err.mean()}[kind]
    grads = torch.autograd.grad(loss, params)
    return float(loss.detach()), np.concatenate([g.detach().cpu().numpy().ravel().astype(np.float64) for g in grads])


def _learner_step(fn, model, x, lr):
    """Call the learner's step on (model, a copy of x, lr); returns (loss number, None) or (None, Feedback)."""
    out, problem = call_learner(lambda xx: fn(model, xx, lr), x)
    if problem is not None:
        text = problem.message
        if "leaf Variable" in text or "in-place operation" in text:
            return None, Feedback(False, "PyTorch refused to change a weight in place while it records "
                                         "operations for gradients. Put the update inside `with torch.no_grad():` "
                                         "so the step itself is not recorded.")
        if "does not require grad" in text or "does not have a grad_fn" in text:
            return None, Feedback(False, f"{text}. Compute the loss from model(x) (not from a detached copy or "
                                         "a number like loss.item()) before calling loss.backward().")
        if "unsupported operand" in text and "NoneType" in text:
            return None, Feedback(False, f"{text}. A weight's .grad was None: call loss.backward() before the "
                                         "update, which fills p.grad for every weight.")
        return None, problem
    value = as_number(out, "the value your function returned")
    if isinstance(value, Feedback):
        return None, Feedback(False, f"{value.message} Return the loss on x as a number: loss.item().")
    return value, None


def _angles_deg(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    from scipy.linalg import subspace_angles

    return np.sort(np.degrees(subspace_angles(np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64))))


@guarded
def check_sgd_step(sgd_step) -> Feedback:
    """``sgd_step(model, x, lr)``: one step of plain gradient descent on ``((model(x) - x) ** 2).mean()``.

    The step must move every weight by ``-lr * gradient`` in place, leave the gradients cleared for
    the next step, and return the loss (before the step) as a number. The check runs two steps on a
    linear autoencoder against the reference, then trains one with the learner's step and compares
    the subspace it finds with PCA's.

    >>> import torch
    >>> def step(model, x, lr):
    ...     loss = ((model(x) - x) ** 2).mean()
    ...     loss.backward()
    ...     with torch.no_grad():
    ...         for p in model.parameters():
    ...             p -= lr * p.grad
    ...             p.grad = None
    ...     return loss.item()
    >>> bool(check_sgd_step(step))
    True
    """
    import torch

    if missing(sgd_step) is not None:
        return Feedback(False, "No answer yet: write sgd_step(model, x, lr), run its cell, then run the check.")
    if not callable(sgd_step):
        return Feedback(False, f"A function is expected, got {describe(sgd_step)}. Pass the function itself: "
                               "check_sgd_step(sgd_step).")
    X, pca_dirs = _sgd_data()
    enc0, dec0 = _initial_weights()
    x1, x2 = torch.tensor(X[:100]), torch.tensor(X[100:])
    lr = 0.3   # small, so that two steps compare cleanly (and 1 / lr is not a ratio named below)

    # step 1, from the same start as the reference
    model = _linear_ae(enc0, dec0)
    start = _flat(model)
    loss1, g1 = _gradient(_linear_ae(enc0, dec0), x1)
    value, problem = _learner_step(sgd_step, model, x1.clone(), lr)
    if problem is not None:
        return problem
    moved = _flat(model) - start
    if not np.all(np.isfinite(moved)):
        return Feedback(False, "After one step the weights hold NaN or infinite values: the update should be "
                               "p -= lr * p.grad, a small step.")
    expected = -lr * g1
    size = float(np.linalg.norm(moved))
    if size < 1e-12:
        grads = [p.grad for p in model.parameters()]
        if any(g is not None and float(g.abs().sum()) > 0 for g in grads):
            return Feedback(False, "The gradients were computed (p.grad is filled) but no weight moved. A line "
                                   "like `p = p - lr * p.grad` makes a new tensor called p and leaves the model's "
                                   "weight as it was: change it in place, `p -= lr * p.grad`.")
        return Feedback(False, "No weight moved. After loss.backward() each weight's gradient is in p.grad; move "
                               "every p in model.parameters() in place: p -= lr * p.grad (and clear p.grad after "
                               "the update, not before it).")
    cos = float(moved @ expected / (size * np.linalg.norm(expected)))
    ratio = size / float(np.linalg.norm(expected))
    if cos < -0.999:
        return Feedback(False, "Your step goes uphill: it adds the gradient. Gradient descent subtracts it: "
                               "p -= lr * p.grad.")
    if cos > 0.999 and not math.isclose(ratio, 1.0, rel_tol=0.01):
        n = x1.shape[0]
        named = {25.0: "the loss summed over the 25 pixels instead of averaged",
                 float(n): f"the loss summed over the {n} images instead of averaged",
                 25.0 * n: "the loss summed over images and pixels (.sum()) instead of averaged (.mean())",
                 1.0 / lr: "the gradient without multiplying by lr"}
        for r, why in named.items():
            if math.isclose(ratio, r, rel_tol=0.01):
                return Feedback(False, f"Your step points the right way but is {_times(ratio)} times too long: that "
                                       f"is {why}. Use the mean squared error, ((model(x) - x) ** 2).mean(), "
                                       "and step by lr * p.grad.")
        return Feedback(False, f"Your step points the right way but is {_times(ratio)} times the expected length: "
                               "move each weight by exactly lr * p.grad, using the loss ((model(x) - x) ** 2).mean().")
    if cos <= 0.999:
        for kind, why in (("abs", "the mean absolute error (no square)"),
                          ("unsquared", "the mean of model(x) - x without squaring it")):
            _, g = _gradient(_linear_ae(enc0, dec0), x1, kind)
            other = -lr * g
            if np.linalg.norm(other) > 0 and abs(float(moved @ other) / (size * np.linalg.norm(other))) > 0.999:
                return Feedback(False, f"Your step follows the gradient of {why}. The loss is the mean squared "
                                       "reconstruction error: ((model(x) - x) ** 2).mean().")
        return Feedback(False, "Your step does not follow the gradient of the mean squared reconstruction error: "
                               "compute loss = ((model(x) - x) ** 2).mean(), call loss.backward(), then move every "
                               "weight by -lr * p.grad. (Plain gradient descent: no Adam, no momentum.)")
    if not math.isclose(value, loss1, rel_tol=1e-3):
        after, _ = _gradient(_linear_ae(*_split(start + expected, enc0.shape)), x1)
        if math.isclose(value, after, rel_tol=1e-3):
            return Feedback(False, "The step is right, but you returned the loss after the update. Return the loss "
                                   "you computed before it (loss.item()): that is what the training curve plots.")
        return Feedback(False, f"The step is right, but the returned value {value:.4g} is not the loss on x "
                               f"({loss1:.4g}): return loss.item().")

    # step 2, on another batch: the gradients of step 1 must not leak into it
    reference = _linear_ae(*_split(start + expected, enc0.shape))
    _, g2 = _gradient(reference, x2)
    before = _flat(model)
    _, problem = _learner_step(sgd_step, model, x2.clone(), lr)
    if problem is not None:
        return problem
    moved2 = _flat(model) - before
    if not np.allclose(moved2, -lr * g2, rtol=1e-3, atol=1e-7):
        if np.allclose(moved2, -lr * (g1 + g2), rtol=1e-3, atol=1e-7):
            return Feedback(False, "Your first step is right, but the second one used the first step's gradient "
                                   "too: PyTorch adds every backward() into p.grad. Clear it after the update "
                                   "(p.grad = None), so each step starts fresh.")
        return Feedback(False, "Your first step is right, but a second call on another batch does not give the "
                               "expected step. Does your function depend on anything but model, x and lr?")

    # the real test: train with the learner's step and compare the subspace with PCA's
    model = _linear_ae(enc0, dec0)
    x = torch.tensor(X)
    first = None
    for _ in range(SGD_STEPS):
        value, problem = _learner_step(sgd_step, model, x, SGD_LR)
        if problem is not None:
            return problem
        first = value if first is None else first
    angles = _angles_deg(model.decoder.weight.detach().cpu().numpy(), pca_dirs)
    if not np.all(np.isfinite(angles)):
        return Feedback(False, "Training with your step made the weights NaN or infinite.")
    text = ", ".join(f"{a:.1f}" for a in angles)
    return feedback(angles.max() < SGD_MAX_ANGLE,
                    praise=f"Right. Trained with your step ({SGD_STEPS} steps, lr = {SGD_LR:g}) on a small data set "
                           f"with a 3-D structure, the loss fell from {first:.3f} to {value:.4f} and the linear "
                           f"autoencoder's subspace is PCA's: principal angles {text} degrees.",
                    hint=f"Two steps matched the reference, but after {SGD_STEPS} steps the subspace is still "
                         f"{angles.max():.1f} degrees from PCA's (principal angles {text}). Does your step change "
                         "anything besides the weights?")


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2f}"


def _split(flat: np.ndarray, enc_shape: tuple) -> tuple[np.ndarray, np.ndarray]:
    k = int(np.prod(enc_shape))
    return flat[:k].reshape(enc_shape).astype(np.float32), flat[k:].reshape(enc_shape[::-1]).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Exercise 2: principal angles between two subspaces
# --------------------------------------------------------------------------------------------

def _angle_cases() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(description, A, B) pairs: a generic pair, the same subspace mixed, a shared line."""
    rng = np.random.default_rng(7)
    A = rng.normal(size=(25, 3))
    B = rng.normal(size=(25, 3)) + 0.8 * A            # not orthonormal, a generic pair
    mix = np.array([[2.0, 1.0, 0.0], [0.5, -1.0, 1.0], [0.0, 3.0, 1.0]])
    C = A @ mix                                          # the same subspace as A, columns mixed
    E = np.eye(25)
    D1 = np.stack([3 * E[0], E[0] + 2 * E[1], E[2]], axis=1)   # span(e0, e1, e2), columns not unit length
    D2 = np.stack([E[0] + E[3], E[3], E[4]], axis=1)            # span(e0, e3, e4): shares e0
    return [("two generic 3-D subspaces", A, B), ("a subspace and the same one with its columns mixed", A, C),
            ("span(e0, e1, e2) and span(e0, e3, e4)", D1, D2)]


def _naive_angles(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.sort(np.degrees(np.arccos(np.linalg.svd(A.T @ B, compute_uv=False))))


def _unclipped_angles(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    qa, _ = np.linalg.qr(A)
    qb, _ = np.linalg.qr(B)
    s = np.linalg.svd(qa.T @ qb, compute_uv=False)
    with np.errstate(invalid="ignore"):
        return np.sort(np.degrees(np.arccos(s)))


@guarded
def check_principal_angles(principal_angles) -> Feedback:
    """``principal_angles(A, B)``: the principal angles in degrees, smallest first, between the
    subspaces spanned by the columns of ``A`` and of ``B`` (both ``(25, 3)``).

    >>> from scipy.linalg import subspace_angles
    >>> bool(check_principal_angles(lambda A, B: np.sort(np.degrees(subspace_angles(A, B)))))
    True
    """
    if missing(principal_angles) is not None:
        return Feedback(False, "No answer yet: write principal_angles(A, B), run its cell, then run the check.")
    if not callable(principal_angles):
        return Feedback(False, f"A function is expected, got {describe(principal_angles)}. Pass the function "
                               "itself: check_principal_angles(principal_angles).")
    for what, A, B in _angle_cases():
        out, problem = call_learner(principal_angles, A, B)
        if problem is not None:
            return problem
        expected = _angles_deg(A, B)
        got = as_array(out, name="what your function returned", allow_nonfinite=True)
        if isinstance(got, Feedback):
            return Feedback(False, f"For {what}: {got.message} Return the 3 angles as an array.")
        got = got.ravel()
        if got.shape != (3,):
            return Feedback(False, f"For {what} your function returned {got.size} numbers; two 3-D subspaces "
                                   "have 3 principal angles (one per singular value of Qa.T @ Qb).")
        if np.isnan(got).any():
            return Feedback(False, f"For {what} your function returned NaN. np.arccos gives NaN for a cosine just "
                                   "above 1, which rounding produces when two directions coincide: clip the "
                                   "cosines first, np.clip(s, -1, 1). (Or the columns were not orthonormalised.)")
        if np.allclose(got, expected, atol=1e-3):
            continue
        s = np.cos(np.radians(expected))
        mistakes = [
            (np.radians(expected), "these are radians: the check wants degrees (np.degrees)."),
            (np.sort(s), "these are the cosines of the angles (the singular values): take np.arccos, then "
                         "np.degrees."),
            (expected[::-1], "the right angles, but largest first: sort them smallest first (np.sort)."),
            (_naive_angles(A, B), "the columns were not orthonormalised: the singular values of A.T @ B are "
                                  "cosines only when the columns are orthonormal. Take Qa, _ = np.linalg.qr(A) "
                                  "(and the same for B) first."),
        ]
        for wrong, hint in mistakes:
            if np.all(np.isfinite(wrong)) and np.allclose(got, wrong, atol=1e-3):
                return Feedback(False, f"For {what}: {hint}")
        if np.allclose(np.sort(got), expected, atol=1e-3):
            return Feedback(False, f"For {what}: the right angles in the wrong order: sort them smallest first.")
        return Feedback(False, f"For {what} the principal angles are {np.round(expected, 1).tolist()} degrees, "
                               f"your function gave {np.round(got, 1).tolist()}. Recipe: Qa, _ = np.linalg.qr(A); "
                               "Qb, _ = np.linalg.qr(B); s = np.linalg.svd(Qa.T @ Qb, compute_uv=False); "
                               "angles = np.degrees(np.arccos(np.clip(s, -1, 1))), sorted.")
    return Feedback(True, "Right: orthonormalise, take the singular values of Qa.T @ Qb (cosines), clip, arccos, "
                          "degrees. A subspace and a mixed copy of it give 0, 0, 0: the angles see the subspace, "
                          "not the axes, which is why they compare a linear autoencoder with PCA.")


# --------------------------------------------------------------------------------------------
# Exercise 3: how many PCA numbers match the autoencoder's 3?
# --------------------------------------------------------------------------------------------

def _pca_errors(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    """Held-out MSE of PCA with k = 1 .. d components (index k - 1), fitted on ``X_train``."""
    mean = X_train.mean(0)
    _, _, vt = np.linalg.svd(X_train - mean, full_matrices=False)
    Xc = X_test - mean
    errors = []
    for k in range(1, vt.shape[0] + 1):
        recon = (Xc @ vt[:k].T) @ vt[:k]
        errors.append(float(((recon - Xc) ** 2).mean()))
    return np.array(errors)


def _first_at_most(errors: np.ndarray, target: float) -> int:
    ok = np.flatnonzero(errors <= target * (1 + 1e-6))
    return int(ok[0]) + 1 if ok.size else len(errors)


@guarded
def check_pca_components(answer, X_train, X_test, target_mse) -> Feedback:
    """The smallest number k of PCA components whose held-out MSE is no larger than ``target_mse``
    (the 3-number autoencoder's). PCA is fitted on ``X_train`` (n, 25) and measured on ``X_test``.

    >>> rng = np.random.default_rng(0)
    >>> Xtr, Xte = rng.normal(size=(200, 6)) * [5, 4, 3, 2, 1, 0.5], rng.normal(size=(100, 6)) * [5, 4, 3, 2, 1, 0.5]
    >>> errs = _pca_errors(Xtr, Xte)
    >>> bool(check_pca_components(3, Xtr, Xte, errs[2]))
    True
    """
    Xtr = as_array(X_train, shape=(None, None), name="X_train")
    Xte = as_array(X_test, shape=(None, None), name="X_test")
    target = as_number(target_mse, "target_mse")
    for arg in (Xtr, Xte, target):
        if isinstance(arg, Feedback):
            return Feedback(False, f"Call the check as check_pca_components(answer, X_train, X_test, mse_ae): "
                                   f"{arg.message}")
    if Xtr.shape[1] != Xte.shape[1] or len(Xtr) < 2 or len(Xte) < 1 or Xtr.shape[1] < 1:
        return Feedback(False, f"X_train and X_test must be images as rows with the same number of pixels; got "
                               f"shapes {Xtr.shape} and {Xte.shape}. Call check_pca_components(answer, X_train, "
                               "X_test, mse_ae).")
    if (m := missing(answer)) is not None:
        return m
    k = as_whole_number(answer)
    if isinstance(k, Feedback):
        return Feedback(False, f"{k.message} The answer is a number of PCA components, like 5.")
    d = Xtr.shape[1]
    if not 1 <= k <= d:
        return Feedback(False, f"PCA on {d} pixels has 1 to {d} components; got {k}.")
    errors = _pca_errors(Xtr, Xte)
    right = _first_at_most(errors, target)
    train_errors = _pca_errors(Xtr, Xtr)
    by_train = _first_at_most(train_errors, target)

    def err(j: int) -> str:
        return f"{errors[j - 1]:.5f}"

    if k == right:
        return Feedback(True, f"Right: PCA needs {right} numbers per image (held-out error {err(right)}) to do as "
                              f"well as the autoencoder does with 3 ({target:.5f}); with {right - 1} it is still "
                              f"{err(right - 1) if right > 1 else 'worse'}. The curved decoder is worth "
                              f"{right - 3} extra numbers per image on this family.")
    if k == 3 and right != 3:
        return Feedback(False, f"3 is the autoencoder's code size. PCA with 3 numbers has a held-out error of "
                               f"{err(3)}, {errors[2] / target:.0f} times the autoencoder's {target:.5f}: it needs "
                               "more numbers. Try k = 1, 2, 3, ... and stop at the first that is no worse.")
    if k == by_train and by_train != right:
        return Feedback(False, f"With {k} components PCA matches the autoencoder on the training images, but the "
                               f"autoencoder's error was measured on held-out images: compare PCA's held-out "
                               f"error (fit on X_train, measure on X_test) with it.")
    if k == right - 1:
        return Feedback(False, f"One too few: with {k} components PCA's held-out error is {err(k)}, still above "
                               f"the autoencoder's {target:.5f}.")
    if k > right:
        return Feedback(False, f"With {k} components PCA does match the autoencoder ({err(k)} <= {target:.5f}), "
                               "but fewer already do: the question asks for the smallest number.")
    return Feedback(False, f"With {k} components PCA's held-out error is {err(k)}, above the autoencoder's "
                           f"{target:.5f}. For k = 1, 2, 3, ... fit PCA(n_components=k) on X_train, measure the "
                           "mean squared error on X_test, and stop at the first k that is no worse.")
