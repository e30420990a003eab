"""The checks of notebook 09: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import numpy as np
import pytest
import torch
from sklearn.linear_model import LogisticRegression

from latent_helpers.exercises import Feedback, check_coral, check_layer_probe, check_nearest_centre

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


# --- Exercise 2: a linear probe on one layer's output -----------------------------------------

def _probe_data():
    rng = np.random.default_rng(3)
    y_pool, y_judge = np.repeat(np.arange(3), 30), np.repeat(np.arange(3), 40)
    means = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]])
    X_pool = (means[y_pool] + rng.normal(scale=0.9, size=(90, 4))).astype(np.float32)
    X_judge = (means[y_judge] + rng.normal(scale=0.9, size=(120, 4))).astype(np.float32)
    draws = {}
    for n in (3, 9):
        draws[n] = []
        for seed in range(4):
            pick = np.random.default_rng(seed)
            draws[n].append(np.concatenate([pick.choice(np.flatnonzero(y_pool == c), n // 3, replace=False)
                                            for c in range(3)]))
    return X_pool, y_pool, X_judge, y_judge, draws


X_POOL, Y_POOL, X_JUDGE, Y_JUDGE, DRAWS = _probe_data()
PART = torch.nn.Linear(4, 4)
with torch.no_grad():
    PART.weight.copy_(torch.eye(4) + 0.3 * torch.ones(4, 4))
    PART.bias.zero_()


def _scores(n):
    with torch.no_grad():
        Zp, Zj = PART(torch.tensor(X_POOL)).double().numpy(), PART(torch.tensor(X_JUDGE)).double().numpy()
    out = []
    for d in DRAWS[n]:
        head = LogisticRegression(max_iter=2000).fit(Zp[d], Y_POOL[d])
        out.append((head.score(Zj, Y_JUDGE), head.score(Zp[d], Y_POOL[d])))
    return np.array(out)


S9, S3 = _scores(9), _scores(3)
RIGHT_PROBE = float(S9[:, 0].mean())


def _probe_check(answer):
    return check_layer_probe(answer, PART, X_POOL, Y_POOL, X_JUDGE, Y_JUDGE, DRAWS, n=9)


def test_layer_probe_right_answers():
    assert _probe_check(RIGHT_PROBE)
    assert _probe_check(round(RIGHT_PROBE, 3))
    assert _probe_check(torch.tensor(RIGHT_PROBE))


@pytest.mark.parametrize("wrong, words", [
    (float(S9[0, 0]), "first draw alone"),
    (float(S9[:, 1].mean()), "labelled digits the probe was fitted on"),
    (1 - RIGHT_PROBE, "error rate"),
    (float(S3[:, 0].mean()), "with 3 labels"),
    (100 * RIGHT_PROBE, "percentage"),
])
def test_layer_probe_recognises_the_usual_mistakes(wrong, words):
    assert abs(wrong - RIGHT_PROBE) > 0.01 or words == "percentage"
    assert words in _hint(_probe_check(wrong))


def test_layer_probe_unrecognised_answer_gets_the_recipe():
    assert "draws[9]" in _hint(_probe_check(0.001))


@pytest.mark.parametrize("odd", ODD)
def test_layer_probe_never_raises(odd):
    assert not _probe_check(odd)


def test_layer_probe_says_when_the_draws_are_missing():
    assert "draws" in _hint(check_layer_probe(0.5, PART, X_POOL, Y_POOL, X_JUDGE, Y_JUDGE, DRAWS[9], n=9))
    assert "draws" in _hint(check_layer_probe(0.5, PART, X_POOL, Y_POOL, X_JUDGE, Y_JUDGE, DRAWS, n=50))


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
