"""Checks for 04_autoencoders.

Each check works out the expected answer itself (from the models and data it is given, never from a
value the learner passes), calls a learner's function on copies of its inputs, recognises the usual
mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import itertools
import re

import numpy as np

from ._framework import (Feedback, as_array, as_number, as_whole_number, call_learner, check_close, describe,
                         float64_array, guarded, missing)

__all__ = ["check_masking_loss", "check_strongest_dimension", "check_linear_probe", "check_pca_denoise"]


# --- Exercise 1: a denoising loss with masking noise -----------------------------------------

#: the shares of pixels the check asks the learner's loss to drop: the notebook's 0.3, then another
#: one, to see that the ``drop`` argument is used
_DROP, _OTHER_DROP = 0.3, 0.6
_SEEDS = (11, 12)
#: how far the share of dropped pixels may be from ``drop`` (2,048 pixels: about 5 standard deviations)
_SHARE_TOL = 0.05

_TARGET_HINTS = {
    "clean": None,
    "masked": "You compared the output with the masked digits: the target must be the clean digit x. Compared "
              "with the masked copy, the model only learns to copy its input, holes and all (careful: x *= mask "
              "or x[...] = 0 change x itself; make a new tensor for the masked copy).",
}
_REDUCTION_HINTS = {
    "batch_mean": None,
    "sum": "You forgot to average over the batch: divide the sum by the number of digits, len(x). Without it "
           "the loss (and the size of every gradient step) grows with the batch size.",
    "mean": "reduction='mean' averages over the pixels too, so your loss is 784 times smaller per digit than "
            "bce_loss's. Sum over the pixels and average over the digits: reduction='sum', then / len(x).",
}
_KIND_HINTS = {
    "bce": None,
    "mse": "That is a squared error: the course's autoencoders are trained with binary cross-entropy, "
           "F.binary_cross_entropy(output, target, reduction='sum'), like bce_loss.",
    "swapped": "The arguments of F.binary_cross_entropy are swapped: the model's output comes first, the "
               "target second, F.binary_cross_entropy(model(masked), x, ...).",
}


def _masking_setup():
    """A tiny model of 64 pixels (sigmoid of a near-identity linear map) and a batch of 32 'digits'
    whose pixels are never 0, so that every dropped pixel shows as an exact 0."""
    import torch
    from torch import nn

    with torch.random.fork_rng():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(64, 64), nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.mul_(0.5).add_(4 * torch.eye(64))
        model[0].bias.fill_(-2.0)
    g = torch.Generator().manual_seed(4)
    x = 0.2 + 0.8 * torch.rand(32, 64, generator=g)
    x = torch.where(x > 0.9, torch.ones_like(x), x)     # some saturated ink
    return model, x


class _Recorder:
    """Stands in for the model: runs it and keeps a copy of every input it is given. Copying it gives
    the same recorder, so the check sees what the learner's function passed to it."""

    def __init__(self, model):
        self.model, self.seen = model, []

    def __call__(self, x):
        import torch

        if isinstance(x, torch.Tensor):
            self.seen.append(x.detach().clone())
        return self.model(x)

    forward = __call__

    def __deepcopy__(self, memo):
        return self

    def parameters(self):
        return self.model.parameters()


def _loss_value(out, n: int) -> float | Feedback:
    """The learner's loss as a float, or the Feedback that says why it is not one number."""
    import torch

    if isinstance(out, torch.Tensor):
        if out.numel() != 1:
            extra = (" It looks like one loss per digit: average them over the batch (.mean(), or the sum "
                     "divided by len(x))." if out.dim() == 1 and out.shape[0] == n else
                     " Use reduction='sum' (then divide by len(x)): reduction='none' keeps every pixel."
                     if out.dim() == 2 else "")
            return Feedback(False, f"A loss is one number; yours is a tensor of shape {tuple(out.shape)}.{extra}")
        value = float(out.detach().double().reshape(()))
    else:
        arr = as_array(out, allow_nonfinite=True, name="your loss")
        if isinstance(arr, Feedback):
            return Feedback(False, f"Return the loss, a tensor holding one number; got {describe(out)}.")
        if arr.size != 1:
            return Feedback(False, f"A loss is one number; yours has shape {arr.shape}.")
        value = float(arr.reshape(()))
    if not np.isfinite(value):
        return Feedback(False, "Your loss is NaN or infinite: a log of 0 or of a negative number? "
                               "F.binary_cross_entropy(output, target) needs the model's output first.")
    return value


def _close(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=2e-4, atol=1e-6))


def _raised(problem: Feedback) -> Feedback:
    """Add what a learner's error usually means in this exercise to call_learner's message."""
    msg = problem.message
    if "target should be between 0 and 1" in msg or "input should be between 0 and 1" in msg:
        return Feedback(False, msg + ". The first argument of F.binary_cross_entropy must be the model's output "
                                     "(in (0, 1) thanks to the sigmoid), the second the clean digit x.")
    if "tuple" in msg or "list" in msg:
        return Feedback(False, msg + ". batch is a tuple (x,), as lh.fit hands it over: take the digits with "
                                     "x = batch[0].")
    if "positional argument" in msg:
        return Feedback(False, msg + ". Keep the signature my_masking_loss(model, batch, drop=0.3): the check "
                                     "calls it with a model, a batch (x,) and the share of pixels to drop.")
    return problem


def _run(fn, x, drop: float, seed: int, model):
    """Call the learner's loss once on copies, with torch seeded; returns (value or Feedback, output, what the
    model saw or None)."""
    import torch

    recorder = _Recorder(model)
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        out, problem = call_learner(fn, recorder, (x,), drop)
    if problem is not None:
        return _raised(problem), None, None
    value = _loss_value(out, len(x))
    return value, out, (recorder.seen[0] if recorder.seen else None)


def _judge_mask(seen, x, drop: float) -> Feedback | None:
    """What is wrong with the input the model saw, or None when it is x with a share ``drop`` of pixels set to 0."""
    import torch

    if seen is None:
        return Feedback(False, "Your loss never ran the model: make the masked copy, then model(masked).")
    if tuple(seen.shape) != tuple(x.shape):
        return Feedback(False, f"The model was given a tensor of shape {tuple(seen.shape)}; give it the masked "
                               f"digits, shaped like x {tuple(x.shape)}.")
    seen, x = seen.double(), x.double()
    if torch.equal(seen, x):
        return Feedback(False, "The model sees the clean digits: no pixel was dropped. Make a mask with "
                               "torch.rand_like(x) >= drop (True for the pixels to keep) and give the model "
                               "x * mask.")
    dropped = seen == 0
    kept = ~dropped
    if not torch.allclose(seen[kept], x[kept], rtol=1e-5, atol=1e-6):
        if drop < 1 and torch.allclose(seen[kept], x[kept] / (1 - drop), rtol=1e-4, atol=1e-6):
            return Feedback(False, f"The kept pixels were scaled up by 1 / (1 - drop), as dropout does "
                                   "(F.dropout?). Here a kept pixel stays as it is: multiply x by a 0/1 mask.")
        return Feedback(False, "The model saw values that are neither the digit's pixel nor 0. Masking noise "
                               "keeps each pixel as it is or sets it to 0 (x * mask); it adds nothing.")
    rows = dropped.any(dim=1) & kept.any(dim=1)
    if not bool(rows.any()):
        return Feedback(False, "Whole digits were dropped or kept: draw the mask per pixel, with the shape of x "
                               "(torch.rand_like(x)), not one number per digit.")
    if bool((dropped == dropped[0]).all()):
        return Feedback(False, "Every digit lost the same pixels: draw the mask with the shape of x "
                               "(torch.rand_like(x)), one draw for every pixel of every digit.")
    share = float(dropped.double().mean())
    if abs(share - drop) > _SHARE_TOL:
        if abs(share - (1 - drop)) <= _SHARE_TOL:
            return Feedback(False, f"{share:.0%} of the pixels were dropped for drop = {drop:g}: you dropped the "
                                   "share you should keep. torch.rand_like(x) < drop is True for the pixels to "
                                   "drop; the mask of kept pixels is its opposite, torch.rand_like(x) >= drop.")
        return Feedback(False, f"{share:.0%} of the pixels were dropped for drop = {drop:g}: each pixel should go "
                               "with probability drop. Draw one uniform number per pixel (torch.rand_like(x)) and "
                               "drop the pixel where it is below drop.")
    return None


def _loss_variants(model, seen, x) -> dict:
    """Every loss the grid (target, reduction, kind) gives for the input the model saw."""
    import torch
    import torch.nn.functional as F

    out = {}
    with torch.no_grad():
        o = model(seen)
        for (t, target), kind in itertools.product({"clean": x, "masked": seen}.items(), _KIND_HINTS):
            if kind == "bce":
                total = F.binary_cross_entropy(o, target, reduction="sum")
            elif kind == "mse":
                total = F.mse_loss(o, target, reduction="sum")
            else:
                total = F.binary_cross_entropy(target, o, reduction="sum")
            for reduction, value in {"batch_mean": total / len(x), "sum": total, "mean": total / x.numel()}.items():
                out[t, reduction, kind] = float(value)
    return out


def _describe_loss_mistake(key: tuple) -> str:
    parts = [h for h in (_TARGET_HINTS[key[0]], _REDUCTION_HINTS[key[1]], _KIND_HINTS[key[2]]) if h]
    if len(parts) == 1:
        return parts[0]
    return f"{len(parts)} things to fix: " + " ".join(f"({n}) {p}" for n, p in enumerate(parts, 1))


@guarded
def check_masking_loss(fn) -> Feedback:
    """``fn(model, batch, drop)``: a denoising loss with **masking noise**. Set a random share ``drop`` of
    the pixels of ``x = batch[0]`` to 0 (each pixel independently), run the model on that masked copy,
    and return the binary cross-entropy between the output and the **clean** x, summed over pixels
    and averaged over the batch.

    The check does not replay random numbers: it hands the function a stand-in for the model that
    records what the model was given, so any way of drawing the mask works. It calls ``fn`` on copies
    with a tiny model and 32 small 'digits' and recognises by name: no masking, the share to keep
    dropped instead, kept pixels rescaled (dropout), noise added instead of pixels removed, one mask
    for every digit, the output compared with the masked input, no averaging over the batch (and a
    mean over pixels, squared error, swapped arguments, and combinations), a hard-coded ``drop``, the
    same mask on every call, and a loss that is not one number or is cut off from the weights.

    >>> import torch, torch.nn.functional as F
    >>> def right(model, batch, drop=0.3):
    ...     x = batch[0]
    ...     masked = x * (torch.rand_like(x) >= drop)
    ...     return F.binary_cross_entropy(model(masked), x, reduction="sum") / len(x)
    >>> bool(check_masking_loss(right))
    True
    >>> def no_mask(model, batch, drop=0.3):
    ...     x = batch[0]
    ...     return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)
    >>> check_masking_loss(no_mask).message.split(":")[0]
    'The model sees the clean digits'
    """
    import torch

    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write my_masking_loss and run its cell, then run the check again.")
    model, x = _masking_setup()
    value, out, seen = _run(fn, x, _DROP, _SEEDS[0], model)
    if isinstance(value, Feedback):
        return value
    wrong_mask = _judge_mask(seen, x, _DROP)
    if wrong_mask is not None:
        return wrong_mask
    variants = _loss_variants(model, seen, x)
    right_key = ("clean", "batch_mean", "bce")
    if not _close(value, variants[right_key]):
        for key, wrong in variants.items():
            if key != right_key and _close(value, wrong) and not _close(wrong, variants[right_key]):
                return Feedback(False, _describe_loss_mistake(key))
        return Feedback(False, "The mask is right, the loss is not: F.binary_cross_entropy(model(masked), x, "
                               "reduction='sum') / len(x), with the clean x as the target.")
    # the value is right; does the drop argument count, and is the mask fresh on every call?
    other_value, _, other_seen = _run(fn, x, _OTHER_DROP, _SEEDS[1], model)
    if isinstance(other_value, Feedback):
        return other_value
    if other_seen is not None and tuple(other_seen.shape) == tuple(x.shape):
        share = float((other_seen == 0).double().mean())
        if abs(share - _OTHER_DROP) > _SHARE_TOL:
            hard = abs(share - _DROP) <= _SHARE_TOL
            return Feedback(False, f"Right for drop = {_DROP:g}, but with drop = {_OTHER_DROP:g} your loss dropped "
                                   f"{share:.0%} of the pixels" + (": you ignored the drop argument (0.3 written "
                                   "into the function?)." if hard else ".") + " Use drop when you make the mask.")
    again_value, _, again_seen = _run(fn, x, _DROP, _SEEDS[1], model)
    if isinstance(again_value, float) and again_seen is not None and torch.equal(again_seen, seen):
        return Feedback(False, "Your loss drops the same pixels on every call (a fixed seed inside the function, "
                               "or a mask drawn once outside it?). Draw a new mask every call, "
                               "torch.rand_like(x) >= drop, so the model never meets the same holes twice.")
    if not (isinstance(out, torch.Tensor) and out.requires_grad):
        return Feedback(False, "The value is right, but no gradient can flow from it to the model's weights "
                               "(.item(), numpy or torch.no_grad()?). Return the tensor itself: lh.fit calls "
                               "loss.backward() on it.")
    return Feedback(True, "Masked input, clean target: with a share of its pixels gone, the only way to lower "
                          "this loss is to fill the holes from the strokes that are left, so the code has to "
                          "hold the digit's shape, not its pixels one by one.")


# --- Exercise 2: the latent dimension that changes the digit most -----------------------------

def _parse_dimension(answer, k: int) -> int | Feedback:
    if isinstance(answer, str):
        m = re.fullmatch(r"\s*z?\s*(\d+)\s*", answer)
        if m:
            answer = int(m.group(1))
        else:
            return Feedback(False, f"Give the index j of the slider zj (a whole number from 0 to {k - 1}); "
                                   f"got {describe(answer)}.")
    j = as_whole_number(answer)
    if isinstance(j, Feedback):
        return Feedback(False, j.message + f" Give the index j of the slider zj (0 to {k - 1}).")
    if not 0 <= j < k:
        return Feedback(False, f"The code has {k} dimensions, z0 to z{k - 1}; {j} is not one of them."
                        + (" Python counts from 0: slider zj is code[j]." if j == k else ""))
    return j


@guarded
def check_strongest_dimension(answer, decoder, base_code, ranges) -> Feedback:
    """Which latent dimension ``j`` changes the decoded picture most when ``zj`` goes from the low to
    the high end of its slider range ``ranges[j]``, the other dimensions staying at ``base_code``?

    The change is the mean squared difference, per pixel, between the two decoded pictures.
    ``answer`` is ``j`` (or the text ``"zj"``). Recognised: counting from 1, the dimension that
    changes the picture least, one end compared with the base picture instead of the two ends, and
    the widest slider range.

    >>> import torch
    >>> dec = torch.nn.Linear(3, 4)
    >>> with torch.no_grad():
    ...     _ = dec.weight.copy_(torch.tensor([[1.0, 0, 0], [0, 3, 0], [0, 0, 2], [0, 0, 0]])); _ = dec.bias.zero_()
    >>> bool(check_strongest_dimension(1, dec, [0.0, 0.0, 0.0], [[-1, 1]] * 3))
    True
    >>> check_strongest_dimension(2, dec, [0.0, 0.0, 0.0], [[-1, 1]] * 3).message.split(":")[0]
    'Python counts from 0'
    """
    from ..decoding import as_decoder

    if (m := missing(answer)) is not None:
        return m
    base = np.asarray(float64_array(base_code), np.float32).ravel()
    R = np.asarray(float64_array(ranges), np.float32).reshape(len(base), 2)
    k = len(base)
    j = _parse_dimension(answer, k)
    if isinstance(j, Feedback):
        return j
    codes = np.tile(base, (2 * k + 1, 1))
    for d in range(k):
        codes[2 * d, d], codes[2 * d + 1, d] = R[d]
    raw = as_decoder(decoder).raw(codes).reshape(2 * k + 1, -1).astype(np.float64)
    low, high, middle = raw[0:2 * k:2], raw[1:2 * k:2], raw[-1]
    effect = ((high - low) ** 2).mean(1)
    best, least = int(np.argmax(effect)), int(np.argmin(effect))
    if j == best:
        return Feedback(True, f"z{best}: across its slider range it changes the picture by {effect[best]:.3f} per "
                              f"pixel (mean squared). The least, z{least}, still changes it by {effect[least]:.3f}: "
                              "every dimension matters, and none comes first. Unlike PCA's z0, an autoencoder's "
                              "dimensions have no order.")
    mistakes: dict[int, str] = {}
    if best + 1 < k:
        mistakes.setdefault(best + 1, f"Python counts from 0: the slider z{best} is code[{best}], the first "
                                      "dimension is z0. Your number is one too high.")
    mistakes.setdefault(least, f"z{j} is the dimension that changes the picture least: take the largest change "
                               "(np.argmax), not the smallest.")
    one_end = [int(np.argmax(((e - middle) ** 2).mean(1))) for e in (high, low)]
    for d in one_end:
        mistakes.setdefault(d, "You compared one end of the range with the starting picture: decode zj at the low "
                               "end and at the high end, and compare those two pictures.")
    mistakes.setdefault(int(np.argmax(R[:, 1] - R[:, 0])),
                        f"z{j} has the widest slider range, but a wide range is not a large change in the picture: "
                        "decode the two ends and measure how far apart the pictures are.")
    mistakes.pop(best, None)
    if j in mistakes:
        return Feedback(False, mistakes[j])
    return Feedback(False, f"z{j} changes the picture by {effect[j]:.3f} per pixel, not the most. For each j: two "
                           "copies of the code, zj set to ranges[j][0] in one and ranges[j][1] in the other, decode "
                           "both, np.mean((high - low) ** 2); then take the argmax.")


# --- Exercise 3: a linear probe on the 2-D codes -------------------------------------------

#: how far a probe's accuracy may be from the check's: rounding to 2 decimals, another solver's last digits
_PROBE_TOL = 0.005

def _probe_scores(F_train, y_train, F_test, y_test, draws):
    """Held-out and training accuracy of the notebook's probe for each label draw."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    held_out, train = [], []
    for labelled in draws:
        probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
        probe.fit(F_train[labelled], y_train[labelled])
        held_out.append(probe.score(F_test, y_test))
        train.append(probe.score(F_train[labelled], y_train[labelled]))
    return np.array(held_out), np.array(train)


def _encode(encoder, X) -> np.ndarray:
    import torch

    with torch.no_grad():
        return float64_array(encoder(torch.as_tensor(np.asarray(X, np.float32))))


@guarded
def check_linear_probe(answer, encoder, X_train, y_train, X_test, y_test, draws) -> Feedback:
    """The held-out accuracy of a linear probe on ``encoder``'s codes, averaged over the label draws.

    For each index array in ``draws``: standardise the codes of those labelled training digits, fit a
    logistic regression (``max_iter=1000``), score it on the codes of ``X_test``; the answer is the
    mean of those accuracies, a fraction. Recognised: the accuracy on the labelled digits themselves,
    the error rate, a percentage, the first draw alone, and a probe fitted with all training labels.

    >>> rng = np.random.default_rng(0); X = rng.random((60, 4)).astype(np.float32); y = np.arange(60) % 3
    >>> import torch; enc = torch.nn.Identity()
    >>> check_linear_probe(None, enc, X, y, X, y, [np.arange(30)]).ok
    False
    """
    if (m := missing(answer)) is not None:
        return m
    y_train, y_test = np.asarray(y_train), np.asarray(y_test)
    F_train, F_test = _encode(encoder, X_train), _encode(encoder, X_test)
    draws = [np.asarray(d) for d in draws]
    held_out, train = _probe_scores(F_train, y_train, F_test, y_test, draws)
    expected = float(held_out.mean())
    all_labels, _ = _probe_scores(F_train, y_train, F_test, y_test, [np.arange(len(y_train))])
    n = len(draws[0])
    value = as_number(answer)
    if isinstance(value, float) and value > 1.5 and abs(value / 100 - expected) <= _PROBE_TOL:
        return Feedback(False, f"Right number, written as a percentage: give the accuracy as a fraction between "
                               f"0 and 1 ({value / 100:.2f} rather than {value:g}).")
    mistakes = {
        "That is the accuracy on the labelled training digits the probe was fitted on. Score it on the held-out "
        "digits: probe.score(codes of X_test, y_test).": float(train.mean()),
        "That is the error rate (the share it gets wrong): the accuracy is 1 minus it.": 1 - expected,
        "That is the first label draw alone: average the accuracies of all the draws.": float(held_out[0]),
        f"That probe saw all {len(y_train):,} training labels; this one gets only the {n} labelled digits of each "
        "draw.": float(all_labels[0]),
    }
    mistakes = {h: v for h, v in mistakes.items() if abs(v - expected) > 2 * _PROBE_TOL}
    return check_close(
        answer, expected,
        praise=f"{expected:.2f}: with only 2 numbers per digit, a linear classifier gets about {expected:.0%} of "
               "unseen digits right. The 2-D map showed clusters, but most of them overlap: 2 numbers keep "
               "the rough shape, not the identity of every digit.",
        hint="Encode X_train and X_test with the 2-D autoencoder (its transform, or models['mlp_k2'].encoder), "
             "pass the two code arrays to linear_probe and average the accuracies it returns.",
        rel=0.0, abs_=_PROBE_TOL, mistakes=mistakes)


# --- Exercise 4: PCA as a denoiser ---------------------------------------------------------

def _mse(a, b) -> float:
    return float(np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2))


@guarded
def check_pca_denoise(answer, X_train, X_test, X_noisy, k: int = 32) -> Feedback:
    """The MSE per pixel between the clean ``X_test`` and PCA's rebuild of ``X_noisy``, PCA with ``k``
    components fitted on the clean ``X_train``.

    Recognised: compared with the noisy digits, PCA fitted on the noisy (or the clean held-out) digits,
    the clean digits rebuilt instead of the noisy ones, 8 components, the noisy digits' own error.

    >>> rng = np.random.default_rng(0); A = rng.random((50, 6)); B = rng.random((20, 6))
    >>> bool(check_pca_denoise(0.0, A, B, B + 0.1, k=2))
    False
    """
    from sklearn.decomposition import PCA

    if (m := missing(answer)) is not None:
        return m
    A, B, N = (np.asarray(float64_array(v), np.float32) for v in (X_train, X_test, X_noisy))

    def rebuild(fit_on, data, n_components=k):
        pca = fitted_on_train if fit_on is A and n_components == k else \
            PCA(n_components=n_components, random_state=0).fit(fit_on)
        return pca.inverse_transform(pca.transform(data))

    fitted_on_train = PCA(n_components=k, random_state=0).fit(A)
    cleaned = rebuild(A, N)
    expected = _mse(B, cleaned)
    mistakes = {
        "You compared PCA's output with the noisy digits. The question is how close it comes to the clean "
        "ones: reconstruction_mse(X_test, ...).": _mse(N, cleaned),
        "You fitted PCA on the noisy digits: then its components learn the noise too. Fit on the clean "
        "training digits, X_train, and only transform the noisy ones.": _mse(B, rebuild(N, N)),
        "Fit PCA on the training digits X_train, not on the held-out ones.": _mse(B, rebuild(B, N)),
        "You rebuilt the clean held-out digits: pass the noisy ones, X_noisy, through transform and "
        "inverse_transform.": _mse(B, rebuild(A, B)),
        "That is the error of the noisy digits themselves, before PCA touched them.": _mse(B, N),
    }
    if k != 8:
        mistakes[f"That is PCA with 8 components; use {k}."] = _mse(B, rebuild(A, N, 8))
    mistakes = {h: v for h, v in mistakes.items() if not np.isclose(v, expected, rtol=0.01)}
    return check_close(
        answer, expected,
        praise=f"{expected:.4f} per pixel. PCA was never shown noise, yet it removes most of it: the noise "
               f"spreads over all 784 directions and only the part that falls into the {k} kept ones survives.",
        hint=f"pca = PCA(n_components={k}, random_state=0).fit(X_train), then rebuild the noisy digits, "
             "pca.inverse_transform(pca.transform(X_noisy)), and compare with the clean X_test.",
        rel=0.01, mistakes=mistakes)
