"""The checks of notebook 09: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch

from latent_helpers.exercises import Feedback, check_coral, check_nearest_centre, check_nearest_label

ODD = [None, ..., "0.9", True, [1, 2, 3], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j, -np.inf]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: the nearest class centre ---------------------------------------------------

def _blobs(seed, n_per_class, offset):
    rng = np.random.default_rng(seed)
    centres = np.array([[3.0, 0.0, 1.0], [0.0, 3.0, 1.0], [2.0, 2.0, 3.0], [-1.0, 1.0, 2.0]]) + offset
    y = np.repeat(np.arange(4), n_per_class)
    return centres[y] + rng.normal(scale=1.3, size=(len(y), 3)), y


F_TR, Y_TR = _blobs(0, 60, 1.0)
F_TE, Y_TE = _blobs(1, 50, 1.0)


def _centre_accuracy(Ffit, yfit, F, y, argmax=False, cosine=False):
    centres = np.stack([Ffit[yfit == c].mean(0) for c in range(4)])
    if cosine:
        s = -(F / np.linalg.norm(F, axis=1, keepdims=True)) @ (centres / np.linalg.norm(centres, axis=1, keepdims=True)).T
    else:
        s = ((F[:, None] - centres[None]) ** 2).sum(-1)
    return float(((s.argmax(1) if argmax else s.argmin(1)) == y).mean())


RIGHT_CENTRE = _centre_accuracy(F_TR, Y_TR, F_TE, Y_TE)


def test_nearest_centre_right_in_any_numeric_form():
    assert check_nearest_centre(RIGHT_CENTRE, F_TR, Y_TR, F_TE, Y_TE)
    assert check_nearest_centre(np.float32(RIGHT_CENTRE), F_TR, Y_TR, F_TE, Y_TE)
    assert check_nearest_centre(torch.tensor(RIGHT_CENTRE, requires_grad=True), F_TR, Y_TR, F_TE, Y_TE)
    assert check_nearest_centre(round(RIGHT_CENTRE, 3), F_TR, Y_TR, F_TE, Y_TE)
    # the features may come as float32 arrays or tensors
    assert check_nearest_centre(RIGHT_CENTRE, torch.tensor(F_TR, dtype=torch.float32), Y_TR,
                                F_TE.astype(np.float32), torch.tensor(Y_TE))


def _one_nn(Ffit, yfit, F, y):
    d = ((F[:, None] - Ffit[None]) ** 2).sum(-1)
    return float((yfit[d.argmin(1)] == y).mean())


@pytest.mark.parametrize("wrong, words", [
    (_centre_accuracy(F_TE, Y_TE, F_TE, Y_TE), "from the held-out digits"),
    (1 - RIGHT_CENTRE, "error rate"),
    (_centre_accuracy(F_TR, Y_TR, F_TE, Y_TE, argmax=True), "farthest centre"),
    (_centre_accuracy(F_TR, Y_TR, F_TE, Y_TE, cosine=True), "cosine"),
    (_one_nn(F_TR, Y_TR, F_TE, Y_TE), "nearest single training digit"),
    (100 * RIGHT_CENTRE, "percentage"),
])
def test_nearest_centre_recognises_the_usual_mistakes(wrong, words):
    assert abs(wrong - RIGHT_CENTRE) > 0.003 or words == "percentage"   # the fixture keeps them apart
    assert words in _hint(check_nearest_centre(wrong, F_TR, Y_TR, F_TE, Y_TE))


def test_nearest_centre_unrecognised_answer_gets_the_recipe():
    assert "argmin" in _hint(check_nearest_centre(0.123, F_TR, Y_TR, F_TE, Y_TE))


@pytest.mark.parametrize("odd", ODD)
def test_nearest_centre_never_raises(odd):
    assert not check_nearest_centre(odd, F_TR, Y_TR, F_TE, Y_TE)


def test_nearest_centre_never_raises_on_broken_inputs():
    assert not check_nearest_centre(0.5, "features", Y_TR, F_TE, Y_TE)
    assert not check_nearest_centre(0.5, F_TR, Y_TR[:5], F_TE, Y_TE)


# --- Exercise 2: the nearest labelled digit ------------------------------------------------------
# Each function below is written as a learner would write it, not taken from the check.

def _sq(Zl, Z):
    Zl, Z = np.asarray(Zl, dtype=float), np.asarray(Z, dtype=float)
    return ((Z[:, None, :] - Zl[None, :, :]) ** 2).sum(-1)


def nearest_label(Z_labelled, y_labelled, Z):
    return y_labelled[_sq(Z_labelled, Z).argmin(1)]


def nearest_label_loop(Z_labelled, y_labelled, Z):
    """The same, one item at a time, with the (unsquared) distance, returning a list."""
    out = []
    for z in Z:
        out.append(y_labelled[int(np.argmin(np.linalg.norm(Z_labelled - z, axis=1)))])
    return out


def nearest_label_torch(Z_labelled, y_labelled, Z):
    d = torch.cdist(torch.tensor(Z), torch.tensor(Z_labelled))
    return torch.tensor(y_labelled)[d.argmin(1)]


def test_nearest_label_right_answers_in_any_form():
    assert check_nearest_label(nearest_label)
    assert check_nearest_label(nearest_label_loop)
    assert check_nearest_label(nearest_label_torch)
    assert check_nearest_label(lambda Zl, yl, Z: nearest_label(Zl, yl, Z).astype(float)[:, None])   # a column


def _centre(Zl, yl, Z):
    classes = np.unique(yl)
    centres = np.stack([Zl[yl == c].mean(0) for c in classes])
    return classes[_sq(centres, Z).argmin(1)]


def _cosine(Zl, yl, Z):
    return yl[((Z / np.linalg.norm(Z, axis=1, keepdims=True)) @ (Zl / np.linalg.norm(Zl, axis=1, keepdims=True)).T).argmax(1)]


def _vote3(Zl, yl, Z):
    return np.array([np.bincount(yl[row]).argmax() for row in np.argsort(_sq(Zl, Z), axis=1)[:, :3]])


@pytest.mark.parametrize("wrong, words", [
    (lambda Zl, yl, Z: _sq(Zl, Z).argmin(1), "row numbers"),
    (lambda Zl, yl, Z: yl[_sq(Zl, Z).argmax(1)], "farthest"),
    (_centre, "nearest class centre"),
    (_cosine, "cosine"),
    (_vote3, "vote of the 3 nearest"),
    (lambda Zl, yl, Z: yl[np.abs(Z[:, None] - Zl[None]).sum(-1).argmin(1)], "L1"),
    (lambda Zl, yl, Z: yl, "one value per *labelled* item"),
    (lambda Zl, yl, Z: _sq(Zl, Z), "whole table of distances"),
    (lambda Zl, yl, Z: _sq(Zl, Z).min(1), "whole numbers"),
    (lambda Zl, yl, Z: nearest_label(Zl, yl, Z)[:-1], "one label per row of Z"),
    (lambda Zl, yl: yl, "Keep the signature"),
    (lambda Zl, yl, Z: None, "forget `return`"),
])
def test_nearest_label_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_nearest_label(wrong))


def test_nearest_label_unrecognised_answer_gets_the_recipe():
    def half_right(Zl, yl, Z):
        out = nearest_label(Zl, yl, Z)
        out[::2] = 5
        return out
    assert "argmin" in _hint(check_nearest_label(half_right))


def test_nearest_label_does_not_pass_a_right_answer_for_one_case_only():
    calls = []

    def right_once(Zl, yl, Z):
        calls.append(1)
        return nearest_label(Zl, yl, Z) if len(calls) == 1 else np.full(len(Z), 5)
    assert not check_nearest_label(right_once)


@pytest.mark.parametrize("odd", ODD + [lambda *a: "labels", lambda *a: 1 / 0, lambda *a: [[1, 2], [3]]])
def test_nearest_label_never_raises(odd):
    assert not check_nearest_label(odd)


def test_nearest_label_works_on_copies():
    def vandal(Zl, yl, Z):
        out = nearest_label(Zl, yl, Z)
        Zl[:] = 0
        yl[:] = 5
        return out
    assert check_nearest_label(vandal)


# --- Exercise 3: CORAL --------------------------------------------------------------------------

def sym_power(C, p):
    w, V = np.linalg.eigh(C)
    return (V * w ** p) @ V.T


def coral(Z_new, Z_train, eps=1.0):
    I = np.eye(Z_new.shape[1])
    W = sym_power(np.cov(Z_new, rowvar=False) + eps * I, -0.5)
    R = sym_power(np.cov(Z_train, rowvar=False) + eps * I, 0.5)
    return (Z_new - Z_new.mean(0)) @ W @ R + Z_train.mean(0)


def coral_biased(Z_new, Z_train, eps=1.0):
    """Covariances with divisor n (ddof=0): also accepted."""
    def cov(Z):
        c = Z - Z.mean(0)
        return c.T @ c / len(Z)
    I = np.eye(Z_new.shape[1])
    return (Z_new - Z_new.mean(0)) @ sym_power(cov(Z_new) + eps * I, -0.5) @ sym_power(cov(Z_train) + eps * I, 0.5) \
        + Z_train.mean(0)


def coral_in_place(Z_new, Z_train, eps=1.0):
    """Changing the (copied) inputs in place is fine."""
    mean = Z_new.mean(0)
    Z_new -= mean
    I = np.eye(Z_new.shape[1])
    out = Z_new @ sym_power(np.cov(Z_new, rowvar=False) + eps * I, -0.5)
    return out @ sym_power(np.cov(Z_train, rowvar=False) + eps * I, 0.5) + Z_train.mean(0)


def coral_torch(Z_new, Z_train, eps=1.0):
    return torch.tensor(coral(Z_new, Z_train, eps), requires_grad=True)


def coral_scipy(Z_new, Z_train, eps=1.0):
    from scipy.linalg import fractional_matrix_power, sqrtm
    I = np.eye(Z_new.shape[1])
    W = fractional_matrix_power(np.cov(Z_new, rowvar=False) + eps * I, -0.5)
    R = sqrtm(np.cov(Z_train, rowvar=False) + eps * I)
    return ((Z_new - Z_new.mean(0)) @ W @ R + Z_train.mean(0)).real


@pytest.mark.parametrize("fn", [coral, coral_biased, coral_in_place, coral_torch, coral_scipy])
def test_coral_right_answers(fn):
    assert check_coral(fn)


def _with(transform):
    """A CORAL variant: transform(centred, W, R, m_new, m_train, Z_new, Z_train, eps) -> result."""
    def fn(Z_new, Z_train, eps=1.0):
        I = np.eye(Z_new.shape[1])
        C_new = np.cov(Z_new, rowvar=False) + eps * I
        C_train = np.cov(Z_train, rowvar=False) + eps * I
        return transform(Z_new - Z_new.mean(0), sym_power(C_new, -0.5), sym_power(C_train, 0.5), C_new, C_train,
                         Z_new, Z_train, eps)
    return fn


def _no_eps(Z_new, Z_train, eps=1.0):
    return coral(Z_new, Z_train, eps=0.0)


def _eps_everywhere(Z_new, Z_train, eps=1.0):
    W = sym_power(np.cov(Z_new, rowvar=False) + eps, -0.5)
    R = sym_power(np.cov(Z_train, rowvar=False) + eps, 0.5)
    return (Z_new - Z_new.mean(0)) @ W @ R + Z_train.mean(0)


def _renormalise(Z_new, Z_train, eps=1.0):
    return (Z_new - Z_new.mean(0)) / Z_new.std(0) * Z_train.std(0) + Z_train.mean(0)


@pytest.mark.parametrize("fn, words", [
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: Zn @ W @ R + Zt.mean(0)), "left out the centring"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: c @ W @ R), "training mean is missing"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: Zn @ W @ R), "Both means are missing"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: c @ W + Zt.mean(0)), "only whitens"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: c @ sym_power(Ct, -0.5) @ sym_power(Cn, 0.5) + Zt.mean(0)),
     "roles are swapped"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: c @ np.linalg.inv(Cn) @ Ct + Zt.mean(0)), "matrices themselves"),
    (_with(lambda c, W, R, Cn, Ct, Zn, Zt, e: c @ R @ W + Zt.mean(0)), "order of the two multiplications"),
    (_no_eps, "left out eps"),
    (_eps_everywhere, "*every* entry"),
    (_renormalise, "re-normalisation"),
    (lambda Z_new, Z_train, eps=1.0: coral(Z_new, Z_train, 1.0), "ignored the eps argument"),
    (lambda Z_new, Z_train, eps=1.0: coral(Z_train, Z_new, eps), "shape of Z_train"),
    (lambda Z_new, Z_train, eps=1.0: Z_new, "unchanged"),
    (lambda Z_new, Z_train, eps=1.0: coral(Z_new, Z_train, eps)[:10], "shape of Z_new"),
    (lambda Z_new, Z_train, eps=1.0: coral(Z_new, Z_train, eps) + 0.3, "Not yet: C_new"),
    (lambda Z_new, Z_train, eps=1.0: (coral(Z_new, Z_train, eps) - Z_train.mean(0)) * 1.1 + Z_train.mean(0),
     "mean is right but the spread"),
    (lambda Z_new, Z_train, eps=1.0: (Z_new - Z_new.mean(0)) @ sym_power(np.cov(Z_new) + eps, -0.5), "rowvar=False"),
    (lambda Z_new, Z_train, eps=1.0: coral(Z_new, Z_train) * np.nan, "NaN"),
    (lambda Z_new, Z_train, eps=1.0: None, "forget `return`"),
    (lambda Z_new, Z_train, eps=1.0: "aligned", "array of shape (80, 3)"),
    (lambda Z_new, Z_train: coral(Z_new, Z_train), "signature"),
])
def test_coral_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_coral(fn))


@pytest.mark.parametrize("odd", [None, ..., "coral", 3, np.zeros((80, 3))])
def test_coral_never_raises_on_non_functions(odd):
    assert not check_coral(odd)
