"""The checks of notebook 04: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from latent_helpers.exercises import (Feedback, check_linear_probe, check_masking_loss, check_pca_denoise,
                                      check_strongest_dimension)

ODD = [None, ..., "0.5", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j,
       torch.tensor([0.1, 0.2], requires_grad=True)]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result, result
    return result.message


# --- Exercise 1: a denoising loss with masking noise ------------------------------------------

def right(model, batch, drop=0.3):
    x = batch[0]
    masked = x * (torch.rand_like(x) >= drop)
    return F.binary_cross_entropy(model(masked), x, reduction="sum") / len(x)


def right_other_spellings(model, batch, drop=0.3):
    x, = batch
    keep = torch.bernoulli(torch.full_like(x, 1 - drop))
    out = model.forward(keep * x)
    return -(x * torch.log(out) + (1 - x) * torch.log(1 - out)).sum(dim=1).mean()


def right_with_numpy_mask(model, batch, drop=0.3):
    x = batch[0]
    masked = x.clone()
    masked[torch.from_numpy(np.random.random(tuple(x.shape)) < drop)] = 0.0
    return F.binary_cross_entropy(model(masked), x, reduction="sum") / x.shape[0]


def right_dropout_undone(model, batch, drop=0.3):
    x = batch[0]
    masked = F.dropout(x, p=drop, training=True) * (1 - drop)
    return F.binary_cross_entropy(model(masked), x, reduction="sum") / len(x)


def loss_of(mask="right", target="clean", reduction="batch", kind="bce"):
    """A loss with the chosen (possibly wrong) parts."""
    def fn(model, batch, drop=0.3):
        x = batch[0]
        u = torch.rand_like(x)
        seen = {"right": x * (u >= drop), "none": x, "inverted": x * (u < drop),
                "dropout": F.dropout(x, p=drop, training=True), "gaussian": (x + drop * torch.randn_like(x)).clamp(0, 1),
                "same_for_all": x * (torch.rand_like(x[:1]) >= drop), "whole_digits": x * (torch.rand_like(x[:, :1]) >= drop),
                }[mask]
        tgt = {"clean": x, "masked": seen}[target]
        out = model(seen)
        if kind == "bce":
            total = F.binary_cross_entropy(out, tgt, reduction="sum")
        elif kind == "mse":
            total = F.mse_loss(out, tgt, reduction="sum")
        else:
            total = F.binary_cross_entropy(tgt, out, reduction="sum")
        return {"batch": total / len(x), "sum": total, "mean": total / x.numel()}[reduction]
    return fn


@pytest.mark.parametrize("fn", [right, right_other_spellings, right_with_numpy_mask, right_dropout_undone])
def test_masking_loss_right_answers(fn):
    result = check_masking_loss(fn)
    assert result, result
    assert "Masked input, clean target" in result.message


@pytest.mark.parametrize("parts, words", [
    ({"mask": "none"}, "The model sees the clean digits"),
    ({"mask": "inverted"}, "you dropped the share you should keep"),
    ({"mask": "dropout"}, "scaled up by 1 / (1 - drop)"),
    ({"mask": "gaussian"}, "neither the digit's pixel nor 0"),
    ({"mask": "same_for_all"}, "Every digit lost the same pixels"),
    ({"mask": "whole_digits"}, "Whole digits were dropped or kept"),
    ({"target": "masked"}, "compared the output with the masked digits"),
    ({"reduction": "sum"}, "average over the batch"),
    ({"reduction": "mean"}, "reduction='mean' averages over the pixels too"),
    ({"kind": "mse"}, "squared error"),
    ({"kind": "swapped"}, "swapped"),
])
def test_masking_loss_recognises_the_usual_mistakes(parts, words):
    assert words in _hint(check_masking_loss(loss_of(**parts)))


def test_masking_loss_names_each_part_of_a_combined_mistake():
    hint = _hint(check_masking_loss(loss_of(target="masked", reduction="sum")))
    assert hint.startswith("2 things to fix") and "masked digits" in hint and "average over the batch" in hint


def test_masking_loss_in_place_mask_makes_the_target_masked():
    def in_place(model, batch, drop=0.3):
        x = batch[0]
        x *= (torch.rand_like(x) >= drop)          # x itself is now masked: the target is lost
        return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)
    assert "masked digits" in _hint(check_masking_loss(in_place))


def test_masking_loss_hard_coded_drop_fixed_seed_and_no_gradient():
    def hard_coded(model, batch, drop=0.3):
        return right(model, batch, 0.3)
    assert "ignored the drop argument" in _hint(check_masking_loss(hard_coded))

    def fixed_seed(model, batch, drop=0.3):
        torch.manual_seed(0)
        return right(model, batch, drop)
    assert "same pixels on every call" in _hint(check_masking_loss(fixed_seed))

    def as_number(model, batch, drop=0.3):
        return right(model, batch, drop).item()
    assert "no gradient" in _hint(check_masking_loss(as_number))

    def per_digit(model, batch, drop=0.3):
        x = batch[0]
        masked = x * (torch.rand_like(x) >= drop)
        return F.binary_cross_entropy(model(masked), x, reduction="none").sum(dim=1)
    assert "one loss per digit" in _hint(check_masking_loss(per_digit))


def test_masking_loss_model_never_called_or_batch_taken_as_a_tensor():
    def no_model(model, batch, drop=0.3):
        x = batch[0]
        return F.binary_cross_entropy(x * 0.5, x, reduction="sum") / len(x)
    assert "never ran the model" in _hint(check_masking_loss(no_model))

    def whole_batch(model, batch, drop=0.3):
        masked = batch * (torch.rand_like(batch) >= drop)
        return F.binary_cross_entropy(model(masked), batch, reduction="sum") / len(batch)
    assert "x = batch[0]" in _hint(check_masking_loss(whole_batch))


def test_masking_loss_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    check_masking_loss(right)
    check_masking_loss(loss_of(mask="none"))
    assert torch.equal(torch.rand(3), expected)


@pytest.mark.parametrize("odd", ODD + [lambda m, b, drop=0.3: None, lambda m, b: right(m, b),
                                       lambda m, b, drop=0.3: 1 / 0, lambda m, b, drop=0.3: "loss",
                                       lambda m, b, drop=0.3: torch.tensor(float("nan")),
                                       lambda m, b, drop=0.3: torch.ones(2, requires_grad=True),
                                       lambda m, b, drop=0.3: torch.tensor(1.0, requires_grad=True),
                                       lambda m, b, drop=0.3: m(b[0][:3])])
def test_masking_loss_never_raises(odd):
    result = check_masking_loss(odd)
    assert isinstance(result, Feedback) and not result


# --- Exercise 2: the latent dimension that changes the picture most --------------------------

# A linear "decoder" pixel_j = w_j z_j, with ranges and a starting code chosen so that the right
# answer and each recognised mistake are different dimensions:
# effects (w * width)^2 = [4, 64, 16, 0.25, 49, 12.96]: best z1, one too high z2, least z3; z4
# starts at its low end, so comparing the high end with the start picks it; z5 has the widest range.
W = [1.0, 4.0, 2.0, 0.25, 3.5, 0.6]
RANGES = np.array([[-1, 1]] * 5 + [[-3, 3]], dtype=np.float32)
BASE = np.array([0, 0, 0, 0, -1, 0], dtype=np.float32)


def _decoder():
    dec = torch.nn.Linear(6, 6)
    with torch.no_grad():
        dec.weight.copy_(torch.diag(torch.tensor(W)))
        dec.bias.zero_()
    return dec


@pytest.mark.parametrize("answer", [1, np.int64(1), 1.0, "z1", " 1 ", torch.tensor(1), [1]])
def test_strongest_dimension_right_answers(answer):
    result = check_strongest_dimension(answer, _decoder(), BASE, RANGES)
    assert result, result.message
    assert "z1" in result.message and "z3" in result.message


def test_strongest_dimension_accepts_other_decoders():
    dec = _decoder()
    assert check_strongest_dimension(1, lambda Z: dec(torch.as_tensor(Z)), BASE, RANGES)
    assert check_strongest_dimension(1, dec, torch.tensor(BASE), torch.tensor(RANGES))


@pytest.mark.parametrize("wrong, words", [
    (2, "Python counts from 0"),
    (3, "changes the picture least"),
    (4, "compared one end of the range with the starting picture"),
    (5, "widest slider range"),
    (0, "not the most"),
    (6, "z0 to z5"),
    (-1, "z0 to z5"),
    (1.5, "whole number"),
    ("z9", "z0 to z5"),
    ("the first one", "index j"),
])
def test_strongest_dimension_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_strongest_dimension(wrong, _decoder(), BASE, RANGES))


def test_strongest_dimension_one_past_the_end_mentions_counting_from_zero():
    assert "counts from 0" in _hint(check_strongest_dimension(6, _decoder(), BASE, RANGES))


@pytest.mark.parametrize("odd", ODD)
def test_strongest_dimension_never_raises(odd):
    result = check_strongest_dimension(odd, _decoder(), BASE, RANGES)
    assert isinstance(result, Feedback) and not result


# --- Exercise 3: a linear probe --------------------------------------------------------------

def _probe_data():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1.0, (4, 5))
    y_train, y_test = np.arange(400) % 4, np.arange(200) % 4
    X_train = (centres[y_train] + rng.normal(0, 1.2, (400, 5))).astype(np.float32)
    X_test = (centres[y_test] + rng.normal(0, 1.2, (200, 5))).astype(np.float32)
    draws = [np.concatenate([rng.choice(np.flatnonzero(y_train == c), 3, replace=False) for c in range(4)])
             for _ in range(4)]
    return torch.nn.Identity(), X_train, y_train, X_test, y_test, draws


def _probe_accuracy(F_fit, y_fit, F_score, y_score):
    """The notebook's linear probe, written here: standardise, logistic regression, accuracy."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(F_fit)
    probe = LogisticRegression(max_iter=1000).fit(scaler.transform(F_fit), y_fit)
    return float((probe.predict(scaler.transform(F_score)) == y_score).mean())


def _probe_figures():
    """Held-out and training accuracy for each label draw, and the held-out accuracy with every label."""
    enc, X_train, y_train, X_test, y_test, draws = _probe_data()
    held_out = np.array([_probe_accuracy(X_train[d], y_train[d], X_test, y_test) for d in draws])
    train = np.array([_probe_accuracy(X_train[d], y_train[d], X_train[d], y_train[d]) for d in draws])
    return held_out, train, _probe_accuracy(X_train, y_train, X_test, y_test)


def test_probe_test_data_separates_the_mistakes():
    held_out, train, all_labels = _probe_figures()
    expected = held_out.mean()
    for wrong in (train.mean(), 1 - expected, held_out[0], all_labels):
        assert abs(wrong - expected) > 0.01


def test_linear_probe_right_answers():
    held_out, _, _ = _probe_figures()
    expected = float(held_out.mean())
    for answer in (expected, round(expected, 2), np.float32(expected), [expected],
                   torch.tensor(expected, requires_grad=True)):
        result = check_linear_probe(answer, *_probe_data())
        assert result, result.message


def test_linear_probe_recognises_the_usual_mistakes():
    held_out, train, all_labels = _probe_figures()
    expected = float(held_out.mean())
    cases = [(float(train.mean()), "labelled training digits"), (1 - expected, "error rate"),
             (100 * expected, "percentage"), (round(100 * expected, 1), "percentage"),
             (float(held_out[0]), "first label draw"), (all_labels, "all 400 training labels")]
    named = [expected] + [w for w, _ in cases]
    unnamed = next(v for v in np.arange(0.05, 1, 0.01) if min(abs(v - w) for w in named) > 0.02)
    cases.append((float(unnamed), "linear_probe"))
    for wrong, words in cases:
        assert words in _hint(check_linear_probe(wrong, *_probe_data())), words


@pytest.mark.parametrize("odd", ODD)
def test_linear_probe_never_raises(odd):
    result = check_linear_probe(odd, *_probe_data())
    assert isinstance(result, Feedback) and not result


# --- Exercise 4: PCA as a denoiser -----------------------------------------------------------

def _pca_data():
    rng = np.random.default_rng(1)
    basis = rng.normal(0, 1, (6, 40))
    X_train = np.clip(0.5 + 0.1 * rng.normal(0, 1, (300, 6)) @ basis, 0, 1).astype(np.float32)
    X_test = np.clip(0.5 + 0.1 * rng.normal(0, 1, (100, 6)) @ basis, 0, 1).astype(np.float32)
    X_noisy = torch.tensor(np.clip(X_test + 0.3 * rng.normal(0, 1, X_test.shape), 0, 1), dtype=torch.float32)
    return X_train, X_test, X_noisy


def _mse(a, b):
    return float(np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2))


def _rebuild(fit_on, data, k):
    from sklearn.decomposition import PCA
    pca = PCA(n_components=k, random_state=0).fit(fit_on)
    return pca.inverse_transform(pca.transform(data))


def test_pca_denoise_right_answers():
    X_train, X_test, X_noisy = _pca_data()
    expected = _mse(X_test, _rebuild(X_train, X_noisy.numpy(), 12))
    for answer in (expected, round(expected, 4), torch.tensor(expected), np.array([expected])):
        result = check_pca_denoise(answer, X_train, X_test, X_noisy, k=12)
        assert result, result.message


def test_pca_denoise_recognises_the_usual_mistakes():
    X_train, X_test, X_noisy = _pca_data()
    N = X_noisy.numpy()
    cases = [
        (_mse(N, _rebuild(X_train, N, 12)), "compared PCA's output with the noisy digits"),
        (_mse(X_test, _rebuild(N, N, 12)), "fitted PCA on the noisy digits"),
        (_mse(X_test, _rebuild(X_test, N, 12)), "not on the held-out ones"),
        (_mse(X_test, _rebuild(X_train, X_test, 12)), "rebuilt the clean held-out digits"),
        (_mse(X_test, N), "noisy digits themselves"),
        (_mse(X_test, _rebuild(X_train, N, 8)), "8 components"),
        (1.0, "pca.inverse_transform"),
    ]
    for wrong, words in cases:
        assert words in _hint(check_pca_denoise(wrong, X_train, X_test, X_noisy, k=12)), words


@pytest.mark.parametrize("odd", ODD)
def test_pca_denoise_never_raises(odd):
    X_train, X_test, X_noisy = _pca_data()
    result = check_pca_denoise(odd, X_train, X_test, X_noisy, k=12)
    assert isinstance(result, Feedback) and not result
