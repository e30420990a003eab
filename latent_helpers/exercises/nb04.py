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

__all__ = ["check_denoise_loss", "check_strongest_dimension", "check_linear_probe", "check_pca_denoise"]


# --- Exercise 1: the denoising loss ---------------------------------------------------------

#: the noise levels the check calls the learner's function with: the notebook's 0.5, then another
#: one, to see that the ``noise`` argument is used
_NOISE, _OTHER_NOISE = 0.5, 0.3
_SEEDS = (11, 12)

# How each part of a wrong loss is named. A wrong loss is recognised as a combination of
# (what the model sees, what its output is compared with, how the loss is made one number).
_INPUT_HINTS = {
    "noisy": None,
    "unclipped": "No clipping: after adding the noise, clamp the noisy digit to [0, 1] with .clamp(0, 1); "
                 "pixels live in [0, 1] and the model should only ever see such pixels.",
    "sd1": "The noise has standard deviation 1: multiply torch.randn_like(x) by noise.",
    "clean": "The model sees the clean digit: corrupt the input first, x + noise * torch.randn_like(x).",
}
_TARGET_HINTS = {
    "clean": None,
    "noisy": "You compared the output with the noisy input: the target must be the clean digit x. Compared with "
             "the noisy copy, the model only learns to copy its input, noise and all (careful: x += ... or "
             "x.clamp_(...) change x itself; make a new tensor for the noisy copy).",
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
               "target second, F.binary_cross_entropy(model(noisy), x, ...).",
}


def _denoise_setup():
    """A tiny model of 16 pixels (sigmoid of a linear map) and a batch of 8 'digits' with exact 0s and 1s."""
    import torch
    from torch import nn

    with torch.random.fork_rng():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(16, 16), nn.Sigmoid())
    with torch.no_grad():   # near the identity, so that its output (and the loss) follows its input closely
        model[0].weight.mul_(0.5).add_(4 * torch.eye(16))
        model[0].bias.fill_(-2.0)
    g = torch.Generator().manual_seed(4)
    x = torch.rand(8, 16, generator=g)
    x = torch.where(x < 0.45, torch.zeros_like(x), x)   # dark background, as in a digit
    x = torch.where(x > 0.85, torch.ones_like(x), x)    # and saturated ink
    return model, x


def _denoise_variants(model, x, noise: float, seed: int) -> dict:
    """Every loss the grid of (input, target, reduction, kind) gives, with the noise ``seed`` replays."""
    import torch
    import torch.nn.functional as F

    with torch.random.fork_rng():
        torch.manual_seed(seed)
        eps = torch.randn_like(x)
    noisy = (x + noise * eps).clamp(0, 1)
    inputs = {"noisy": noisy, "unclipped": x + noise * eps, "sd1": (x + eps).clamp(0, 1), "clean": x}
    targets = {"clean": x, "noisy": noisy}
    out = {}
    with torch.no_grad():
        outputs = {name: model(inp) for name, inp in inputs.items()}
        for (i, o), (t, target), kind in itertools.product(outputs.items(), targets.items(), _KIND_HINTS):
            if kind == "bce":
                total = F.binary_cross_entropy(o, target, reduction="sum")
            elif kind == "mse":
                total = F.mse_loss(o, target, reduction="sum")
            else:
                total = F.binary_cross_entropy(target, o, reduction="sum")
            per = {"batch_mean": total / len(x), "sum": total, "mean": total / x.numel()}
            for reduction, value in per.items():
                out[i, t, reduction, kind] = float(value)
    return out


def _describe_loss_mistake(key: tuple) -> str:
    inp, target, reduction, kind = key
    if inp == "clean" and target == "clean":
        parts = ["There is no noise in your loss: this is bce_loss, a plain autoencoder. Corrupt the input "
                 "with x + noise * torch.randn_like(x), clipped to [0, 1], and keep the clean x as the target."]
    elif inp == "clean" and target == "noisy":
        parts = ["You put the noise on the target: the model sees the clean digit and is asked for a noisy one. "
                 "It is the other way round: noisy input, clean target."]
    else:
        parts = [h for h in (_INPUT_HINTS[inp], _TARGET_HINTS[target]) if h]
    parts += [h for h in (_REDUCTION_HINTS[reduction], _KIND_HINTS[kind]) if h]
    if len(parts) == 1:
        return parts[0]
    return f"{len(parts)} things to fix: " + " ".join(f"({n}) {p}" for n, p in enumerate(parts, 1))


def _loss_value(out) -> float | Feedback:
    """The learner's loss as a float, or the Feedback that says why it is not one number."""
    import torch

    if isinstance(out, torch.Tensor):
        if out.numel() != 1:
            extra = (" It looks like one loss per digit: average them over the batch (.mean(), or the sum "
                     "divided by len(x))." if out.dim() == 1 and out.shape[0] == 8 else
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
    if "target should be between 0 and 1" in msg:
        return Feedback(False, msg + ". The target (the second argument of F.binary_cross_entropy) went outside "
                                     "[0, 1]: it should be the clean digit x, not a noisy copy.")
    if "input should be between 0 and 1" in msg:
        return Feedback(False, msg + ". The first argument of F.binary_cross_entropy must be the model's output "
                                     "(in (0, 1) thanks to the sigmoid); the target comes second.")
    if "tuple" in msg or "list" in msg:
        return Feedback(False, msg + ". batch is a tuple (x,), as lh.fit hands it over: take the digits with "
                                     "x = batch[0].")
    if "positional argument" in msg:
        return Feedback(False, msg + ". Keep the signature my_denoise_loss(model, batch, noise=0.5): the check "
                                     "calls it with a model, a batch (x,) and a noise level.")
    return problem


@guarded
def check_denoise_loss(fn) -> Feedback:
    """``fn(model, batch, noise)``: the denoising loss. Corrupt ``x = batch[0]`` with Gaussian noise of
    standard deviation ``noise`` clipped to [0, 1], reconstruct, and return the binary cross-entropy
    between the output and the **clean** x, summed over pixels and averaged over the batch.

    The check calls ``fn`` on copies, with a tiny model and a batch of 8 small 'digits', after seeding
    torch, and replays the same noise to compare. It recognises by name: the output compared with the
    noisy input, no clipping, the noise on the target, no averaging over the batch (and a mean over
    pixels, squared error, swapped arguments, noise of sd 1, no noise at all, and combinations), a
    hard-coded noise level, a loss that is not one number or cut off from the weights.

    >>> import torch, torch.nn.functional as F
    >>> def right(model, batch, noise=0.5):
    ...     x = batch[0]
    ...     noisy = (x + noise * torch.randn_like(x)).clamp(0, 1)
    ...     return F.binary_cross_entropy(model(noisy), x, reduction="sum") / len(x)
    >>> bool(check_denoise_loss(right))
    True
    >>> def no_clip(model, batch, noise=0.5):
    ...     x = batch[0]
    ...     return F.binary_cross_entropy(model(x + noise * torch.randn_like(x)), x, reduction="sum") / len(x)
    >>> check_denoise_loss(no_clip).message.split(":")[0]
    'No clipping'
    """
    import torch

    if (m := missing(fn)) is not None:
        return Feedback(False, "No answer yet: write my_denoise_loss and run its cell, then run the check again.")
    model, x = _denoise_setup()
    with torch.random.fork_rng():
        torch.manual_seed(_SEEDS[0])
        out, problem = call_learner(fn, model, (x,), _NOISE)
    if problem is not None:
        return _raised(problem)
    value = _loss_value(out)
    if isinstance(value, Feedback):
        return value
    variants = _denoise_variants(model, x, _NOISE, _SEEDS[0])
    right_key = ("noisy", "clean", "batch_mean", "bce")
    if not _close(value, variants[right_key]):
        for key, wrong in variants.items():
            if key != right_key and _close(value, wrong) and not _close(wrong, variants[right_key]):
                return Feedback(False, _describe_loss_mistake(key))
        # no variant with this noise: is the learner's noise replayable at all?
        with torch.random.fork_rng():
            torch.manual_seed(_SEEDS[1])
            again, _ = call_learner(fn, model, (x,), _NOISE)
        again_value = _loss_value(again) if again is not None else None
        if isinstance(again_value, float) and _close(again_value, value):
            return Feedback(False, "Your loss gives the same value for two different random seeds, so its noise "
                                   "is not fresh on each call (a fixed seed inside the function, or noise drawn "
                                   "once outside it?). Draw new noise every call: noise * torch.randn_like(x).")
        return Feedback(False, "noisy = (x + noise * torch.randn_like(x)).clamp(0, 1), then "
                               "F.binary_cross_entropy(model(noisy), x, reduction='sum') / len(x). (If you drew "
                               "the noise with numpy or your own generator, use torch.randn_like(x): the check "
                               "replays torch's random numbers to compare.)")
    # the value is right; does the noise argument count, and can the loss train the model?
    with torch.random.fork_rng():
        torch.manual_seed(_SEEDS[1])
        other, problem = call_learner(fn, model, (x,), _OTHER_NOISE)
    other_value = _loss_value(other) if problem is None else problem
    if isinstance(other_value, Feedback):
        return other_value
    if not _close(other_value, _denoise_variants(model, x, _OTHER_NOISE, _SEEDS[1])[right_key]):
        if _close(other_value, _denoise_variants(model, x, _NOISE, _SEEDS[1])[right_key]):
            return Feedback(False, "Right for noise = 0.5, but you ignored the noise argument (0.5 written into "
                                   "the function?): use noise * torch.randn_like(x).")
        return Feedback(False, f"Right for noise = 0.5, but not for noise = {_OTHER_NOISE}: scale the standard "
                               "noise by the noise argument, noise * torch.randn_like(x).")
    if not (isinstance(out, torch.Tensor) and out.requires_grad):
        return Feedback(False, "The value is right, but no gradient can flow from it to the model's weights "
                               "(.item(), numpy or torch.no_grad()?). Return the tensor itself: lh.fit calls "
                               "loss.backward() on it.")
    return Feedback(True, "Noisy input, clean target: the only way to lower this loss is to recognise the digit "
                          "under the noise, so the code has to hold the digit and not the noise.")


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
