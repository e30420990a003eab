import numpy as np
import pytest
import torch

from latent_helpers import metrics as M


def test_reconstruction_mse_value_and_shape_check():
    assert M.reconstruction_mse([[0.0, 1.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 1.0]]) == pytest.approx(0.25)
    with pytest.raises(ValueError, match="same shape"):
        M.reconstruction_mse(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(TypeError):
        M.reconstruction_mse("abc", np.zeros(3))


def _enc(x):
    return torch.zeros(len(x), 3), torch.zeros(len(x), 3)


def test_heldout_neg_elbo_matches_hand_computation():
    X = np.random.default_rng(0).random((7, 5)).astype(np.float32)
    p = 0.3
    dec = lambda z: torch.full((len(z), 5), p)
    r = M.heldout_neg_elbo(_enc, dec, X, n_samples=3)
    expected = -(X * np.log(p) + (1 - X) * np.log(1 - p)).sum(1).mean()
    assert r.recon == pytest.approx(expected, rel=1e-5)
    assert r.kl == pytest.approx(0.0, abs=1e-7)
    assert r.total == pytest.approx(r.recon + r.kl)
    assert r.n_items == 7 and r.n_samples == 3


def test_heldout_neg_elbo_analytic_kl_and_determinism():
    mu = torch.tensor([[1.0, -2.0]])
    logvar = torch.tensor([[0.5, -1.0]])
    enc = lambda x: (mu.expand(len(x), 2), logvar.expand(len(x), 2))
    dec = lambda z: torch.sigmoid(z.sum(1, keepdim=True)).expand(len(z), 4)
    X = np.full((4, 4), 0.5, np.float32)
    a = M.heldout_neg_elbo(enc, dec, X, n_samples=5, seed=3)
    b = M.heldout_neg_elbo(enc, dec, X, n_samples=5, seed=3)
    kl = float(-0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum())
    assert a.kl == pytest.approx(kl, rel=1e-5)
    assert a.total == b.total


def test_heldout_neg_elbo_rejects_bad_input():
    dec = lambda z: torch.full((len(z), 5), 0.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        M.heldout_neg_elbo(_enc, dec, np.full((2, 5), 2.0))
    with pytest.raises(TypeError):
        M.heldout_neg_elbo("enc", dec, np.zeros((2, 5)))
    with pytest.raises(ValueError, match="shape"):
        M.heldout_neg_elbo(_enc, lambda z: torch.full((len(z), 4), 0.5), np.zeros((2, 5)))
    with pytest.raises(TypeError, match="pair"):
        M.heldout_neg_elbo(lambda x: torch.zeros(len(x), 2), dec, np.zeros((2, 5)))


def test_mig_high_for_aligned_low_for_mixed():
    rng = np.random.default_rng(0)
    f = rng.random((2000, 2))
    aligned = M.mutual_info_gap(f[:, ::-1] * 3 + 1, {"a": f[:, 0], "b": f[:, 1]})
    assert aligned.score > 0.6
    assert aligned.best_dim == {"a": 1, "b": 0}
    mixed = np.stack([f[:, 0] + f[:, 1], f[:, 0] - f[:, 1]], 1)
    assert M.mutual_info_gap(mixed, f).score < aligned.score - 0.3
    noise = rng.random((2000, 3))
    assert M.mutual_info_gap(noise, f).score < 0.1


def test_mig_errors():
    f = np.random.default_rng(0).random((50, 2))
    with pytest.raises(ValueError, match="at least 2 latent"):
        M.mutual_info_gap(f[:, :1], f)
    with pytest.raises(ValueError, match="never changes"):
        M.mutual_info_gap(f, {"c": np.ones(50)})
    with pytest.raises(ValueError, match="must match"):
        M.mutual_info_gap(f, {"c": np.arange(10.0)})
    with pytest.raises(ValueError, match="NaN"):
        M.mutual_info_gap(np.full((50, 2), np.nan), f)


def test_correlation_and_best_match():
    rng = np.random.default_rng(1)
    f = rng.random((300, 2))
    Z = np.stack([rng.random(300), np.exp(f[:, 0]), -f[:, 1]], 1)
    C = M.correlation_matrix(Z, f)
    assert C.shape == (3, 2)
    assert C[1, 0] == pytest.approx(1.0) and C[2, 1] == pytest.approx(1.0)
    assert C[0].max() < 0.2
    score, pairing = M.best_match_score(Z, {"x": f[:, 0], "y": f[:, 1]})
    assert pairing == {"x": 1, "y": 2}
    assert score == pytest.approx(1.0)
    with pytest.raises(ValueError, match="at least as many"):
        M.best_match_score(Z[:, :1], f)
    # a constant dimension correlates with nothing (no division by zero)
    assert np.all(M.correlation_matrix(np.stack([np.ones(300), f[:, 0]], 1), f)[0] == 0)


def test_heldout_neg_elbo_refuses_nan_or_overflowing_codes_instead_of_returning_nan():
    X = np.full((4, 5), 0.5, np.float32)
    dec = lambda z: torch.full((len(z), 5), 0.5)
    nan_enc = lambda x: (torch.full((len(x), 2), float("nan")), torch.zeros(len(x), 2))
    with pytest.raises(ValueError, match="NaN or infinite values in mu"):
        M.heldout_neg_elbo(nan_enc, dec, X)
    huge_enc = lambda x: (torch.zeros(len(x), 2), torch.full((len(x), 2), 1e4))
    with pytest.raises(ValueError, match="too large"):
        M.heldout_neg_elbo(huge_enc, dec, X)
    huge_mu = lambda x: (torch.full((len(x), 2), 1e30), torch.zeros(len(x), 2))
    assert M.heldout_neg_elbo(huge_mu, dec, X, n_samples=1).kl == pytest.approx(1e60)  # huge, but right: not inf


def test_heldout_neg_elbo_says_pass_probabilities_for_a_logit_decoder():
    X = np.full((4, 5), 0.5, np.float32)
    logits = lambda z: torch.full((len(z), 5), 3.0)
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*torch.sigmoid"):
        M.heldout_neg_elbo(_enc, logits, X)
    # the fix it suggests works, and a module decoder or image-shaped output is accepted too
    r = M.heldout_neg_elbo(_enc, lambda z: torch.sigmoid(logits(z)), X, n_samples=1)
    images = M.heldout_neg_elbo(_enc, lambda z: torch.full((len(z), 1, 1, 5), float(torch.sigmoid(torch.tensor(3.0)))),
                                X, n_samples=1)
    assert r.total == pytest.approx(images.total)
    module = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Sigmoid())
    assert np.isfinite(M.heldout_neg_elbo(_enc, module, X, n_samples=2).total)


def test_heldout_neg_elbo_seed_rule_and_counts():
    dec = lambda z: torch.full((len(z), 5), 0.5)
    X = np.zeros((2, 5))
    assert M.heldout_neg_elbo(_enc, dec, X, seed=np.int64(1), n_samples=np.int32(2)).n_samples == 2
    for kwargs, error in (({"seed": None}, TypeError), ({"seed": -3}, ValueError), ({"n_samples": 0}, ValueError),
                          ({"n_samples": 10**400}, ValueError), ({"batch_size": 2.5}, TypeError)):
        with pytest.raises(error, match=list(kwargs)[0]):
            M.heldout_neg_elbo(_enc, dec, X, **kwargs)
    with pytest.raises(TypeError, match="decode"):
        M.heldout_neg_elbo(_enc, "dec", X)
    with pytest.raises(TypeError, match="encode"):
        M.heldout_neg_elbo(_enc.__name__, dec, X)


def test_disentanglement_metrics_with_constant_columns_and_bad_factors():
    rng = np.random.default_rng(0)
    Z = np.stack([np.ones(100), rng.random(100), rng.random(100)], 1)
    f = {"a": Z[:, 1]}
    assert M.correlation_matrix(Z, f)[0, 0] == 0
    assert M.mutual_info_gap(Z, f).best_dim == {"a": 1}
    with pytest.raises(ValueError, match=r"factors\['a'\] contains NaN"):
        M.mutual_info_gap(Z, {"a": np.full(100, np.nan)})
    with pytest.raises(ValueError, match="factors"):
        M.best_match_score(Z, {})
    with pytest.raises(ValueError, match="n_bins"):
        M.mutual_info_gap(Z, f, n_bins=10**400)
