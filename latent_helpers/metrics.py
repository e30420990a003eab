"""Measurements of latent models: reconstruction error, held-out negative ELBO, disentanglement,
and the distances and scores of a set of samples.

These measure models; they are not models. Notebook 04 uses :func:`reconstruction_mse` to put an
autoencoder beside PCA, notebook 05 uses :func:`heldout_neg_elbo` to compare two VAEs with exactly
the same bookkeeping, and :func:`mutual_info_gap` / :func:`correlation_matrix` /
:func:`best_match_score` to ask how well latent dimensions line up with known factors. Notebooks 06
and 09 judge sets of samples with a classifier's outputs (:func:`mean_top_probability`,
:func:`class_shares`, :func:`class_entropy`) and features (:func:`frechet_distance`); the classifier
is :class:`latent_helpers.DigitScorer`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from .validation import as_float_array, as_labels, as_seed, positive_int


def reconstruction_mse(X, X_hat) -> float:
    """Mean squared error per pixel between ``X`` and its reconstruction ``X_hat`` (same shape).

    The mean runs over every item and every pixel, so the number does not depend on how many
    items there are, and PCA and an autoencoder are measured on the same scale.

    >>> reconstruction_mse([[0.0, 1.0]], [[0.0, 0.5]])
    0.125
    """
    A = as_float_array(X, "X")
    B = as_float_array(X_hat, "X_hat")
    if A.shape != B.shape:
        raise ValueError(f"X and X_hat must have the same shape, got {A.shape} and {B.shape}")
    return float(np.mean((A.astype(np.float64) - B.astype(np.float64)) ** 2))


@dataclass(frozen=True)
class ElboReport:
    """Held-out negative ELBO in nats per item, split into its two terms (``total = recon + kl``)."""

    total: float
    recon: float
    kl: float
    n_items: int
    n_samples: int

    def __repr__(self) -> str:
        return (f"ElboReport(-ELBO {self.total:.2f} nats = recon {self.recon:.2f} + KL {self.kl:.2f}; "
                f"{self.n_items} items, {self.n_samples} sample(s) of z each)")


def heldout_neg_elbo(encode: Callable, decode: Callable, X, n_samples: int = 10, seed: int = 0,
                     batch_size: int = 500) -> ElboReport:
    """The negative ELBO of a VAE on held-out data, in nats per item, measured one fixed way.

    ``encode(x)`` takes a float tensor ``(n, D)`` and returns ``(mu, logvar)``, each ``(n, d)``;
    ``decode`` is any decoder of the course's one contract (a module, ``vae.decode``, a function
    of codes; see :mod:`latent_helpers.decoding`) that returns Bernoulli **probabilities** in
    [0, 1], ``D`` per item in any image layout. A decoder that returns logits is refused (wrap it:
    ``lambda z: torch.sigmoid(vae.decode(z))``). For each item:

    - reconstruction = binary cross-entropy summed over the ``D`` pixels, averaged over
      ``n_samples`` draws ``z = mu + sigma * eps`` (a seeded generator, so the figure repeats);
    - KL = the analytic KL(q(z|x) || N(0, I)) = -1/2 sum(1 + logvar - mu^2 - exp(logvar));

    and the report gives their means over the items (``total = recon + kl``). Probabilities are
    clamped to [1e-7, 1 - 1e-7] before the logarithm. Lower is better. NaN, or ``mu``/``logvar``
    so large that sigma or the KL overflow, raise a ValueError instead of giving NaN or inf.

    >>> import torch
    >>> enc = lambda x: (torch.zeros(len(x), 2), torch.zeros(len(x), 2))
    >>> dec = lambda z: torch.full((len(z), 4), 0.5)
    >>> r = heldout_neg_elbo(enc, dec, np.ones((3, 4)), n_samples=1)
    >>> round(r.total, 4), r.kl
    (2.7726, 0.0)
    """
    import torch

    from .decoding import as_decoder

    if not callable(encode):
        raise TypeError(f"encode must be a function encode(x) -> (mu, logvar), got {type(encode).__name__}")
    if not callable(decode):
        raise TypeError(f"decode must be a function decode(z) -> probabilities (or a module), got "
                        f"{type(decode).__name__}")
    dec = as_decoder(decode, value_range="unit")
    Xa = as_float_array(X, "X", ndim=(2, 3, 4))
    Xa = Xa.reshape(len(Xa), -1)
    if Xa.min() < 0 or Xa.max() > 1:
        raise ValueError(f"X must hold pixel values in [0, 1] for a Bernoulli likelihood, got range "
                         f"[{Xa.min():.3g}, {Xa.max():.3g}]")
    n_samples = positive_int(n_samples, "n_samples", maximum=100_000)
    batch_size = positive_int(batch_size, "batch_size")
    seed = as_seed(seed)
    g = torch.Generator().manual_seed(seed)
    recon_sum, kl_sum = 0.0, 0.0
    with torch.no_grad():
        for start in range(0, len(Xa), batch_size):
            x = torch.from_numpy(np.ascontiguousarray(Xa[start:start + batch_size]))
            mu, logvar = _encoded(encode(x), len(x))
            kl = (-0.5 * (1 + logvar.double() - mu.double() ** 2 - logvar.double().exp())).sum(dim=1)
            std = torch.exp(0.5 * logvar)
            if not (torch.isfinite(kl).all() and torch.isfinite(std).all()):
                raise ValueError(f"encode(x) returned mu or logvar too large to use (|mu| up to "
                                 f"{float(mu.abs().max()):.3g}, logvar up to {float(logvar.max()):.3g}): sigma = "
                                 "exp(logvar / 2) or the KL overflows; is logvar really log sigma^2, and is the "
                                 "model trained?")
            rec = torch.zeros(len(x), dtype=torch.float64)
            for _ in range(n_samples):
                z = mu + std * torch.randn(mu.shape, generator=g)
                if not torch.isfinite(z).all():
                    raise ValueError("encode(x) returned mu and logvar whose samples z overflow float32")
                p = torch.from_numpy(dec.raw(z.numpy()).reshape(len(z), -1))
                if p.shape != x.shape:
                    raise ValueError(f"decode(z) must return one probability per pixel of X ({x.shape[1]} per item, "
                                     f"any image layout; X has shape {tuple(Xa.shape)}), got {p.shape[1]} per item")
                lo, hi = float(p.min()), float(p.max())
                if lo < 0 or hi > 1:
                    raise ValueError(f"decode(z) must return probabilities in [0, 1], got values from {lo:.3g} to "
                                     f"{hi:.3g}. If your decoder returns logits, pass "
                                     "lambda z: torch.sigmoid(model.decode(z))")
                p = p.clamp(1e-7, 1 - 1e-7)
                rec += -(x * torch.log(p) + (1 - x) * torch.log1p(-p)).sum(dim=1).double()
            recon_sum += float((rec / n_samples).sum())
            kl_sum += float(kl.sum())
    n = len(Xa)
    return ElboReport(total=(recon_sum + kl_sum) / n, recon=recon_sum / n, kl=kl_sum / n, n_items=n,
                      n_samples=n_samples)


def _encoded(out, n: int):
    """``encode(x)``'s output checked: ``(mu, logvar)`` as finite float32 CPU tensors of shape (n, d)."""
    import torch

    if not (isinstance(out, (tuple, list)) and len(out) == 2):
        got = f"a tensor of shape {tuple(out.shape)}" if isinstance(out, torch.Tensor) else type(out).__name__
        raise TypeError(f"encode(x) must return a pair (mu, logvar), got {got}")
    pair = []
    for part, t in zip(("mu", "logvar"), out):
        if isinstance(t, torch.Tensor):
            t = t.detach().cpu().float()
        elif isinstance(t, np.ndarray) and np.issubdtype(t.dtype, np.number) and not np.iscomplexobj(t):
            t = torch.from_numpy(t.astype(np.float32))
        else:
            raise TypeError(f"encode(x) must return (mu, logvar) as tensors, got {part} of type {type(t).__name__}")
        if not torch.isfinite(t).all():
            raise ValueError(f"encode(x) returned NaN or infinite values in {part}; check the model and its input")
        pair.append(t)
    mu, logvar = pair
    if mu.shape != logvar.shape or mu.ndim != 2 or len(mu) != n:
        raise ValueError(f"encode(x) must return mu and logvar of shape (n, d) for n = {n}, "
                         f"got {tuple(mu.shape)} and {tuple(logvar.shape)}")
    return mu, logvar


# ---------------------------------------------------------------------------------------------
# Disentanglement: does one latent dimension follow one factor?

def _factor_matrix(factors, n: int) -> tuple[np.ndarray, list[str]]:
    if isinstance(factors, Mapping):
        if not factors:
            raise ValueError("factors is empty: give at least one factor")
        names = [str(k) for k in factors]
        cols = []
        for k, v in factors.items():
            a = as_float_array(v, f"factors[{k!r}]", ndim=1)
            if len(a) != n:
                raise ValueError(f"factors[{k!r}] has {len(a)} values but there are {n} codes; they must match")
            cols.append(a)
        return np.stack(cols, axis=1), names
    F = as_float_array(factors, "factors", ndim=2)
    if len(F) != n:
        raise ValueError(f"factors has {len(F)} rows but there are {n} codes; they must match")
    return F, [f"factor{j}" for j in range(F.shape[1])]


def _codes(codes) -> np.ndarray:
    Z = as_float_array(codes, "codes", ndim=2)
    if len(Z) < 2:
        raise ValueError(f"need at least 2 codes to measure anything, got {len(Z)}")
    return Z


def _discretise(v: np.ndarray, n_bins: int) -> np.ndarray:
    """Values as bin labels: kept as they are when there are at most ``n_bins`` distinct values,
    otherwise ``n_bins`` equal-width bins between the min and the max."""
    uniq = np.unique(v)
    if len(uniq) <= n_bins:
        return np.searchsorted(uniq, v)
    edges = np.linspace(v.min(), v.max(), n_bins + 1)[1:-1]
    return np.digitize(v, edges)


@dataclass(frozen=True)
class MIGReport:
    """Mutual information gap: ``score`` is the mean over factors of ``gap``; ``mi`` is the
    (latent x factor) table of mutual information normalised by each factor's entropy;
    ``best_dim`` the latent dimension that carries most about each factor."""

    score: float
    gap: dict
    best_dim: dict
    mi: np.ndarray
    factor_names: list

    def __repr__(self) -> str:
        per = ", ".join(f"{k} {v:.2f}" for k, v in self.gap.items())
        return f"MIGReport(MIG {self.score:.3f}; per factor: {per})"


def mutual_info_gap(codes, factors, n_bins: int = 20) -> MIGReport:
    """The mutual information gap (MIG, Chen et al. 2018) of latent ``codes`` against known ``factors``.

    Each latent dimension is cut into ``n_bins`` equal-width bins (so are continuous factors;
    factors with at most ``n_bins`` values are kept as they are). For each factor ``f`` take the
    mutual information ``I(z_j; f)`` of every dimension, divide by the entropy ``H(f)``, and take
    the gap between the largest and the second largest: 1 when exactly one dimension carries the
    factor, 0 when two carry it equally (or none does). MIG is the mean gap over factors.

    ``codes``: ``(n, d)`` with ``d >= 2``; ``factors``: a dict ``{name: (n,)}`` or an array ``(n, F)``.

    >>> rng = np.random.default_rng(0); f = rng.random((500, 2))
    >>> round(mutual_info_gap(f[:, ::-1], f).score, 2) > 0.5
    True
    """
    from sklearn.metrics import mutual_info_score

    Z = _codes(codes)
    if Z.shape[1] < 2:
        raise ValueError(f"MIG needs at least 2 latent dimensions (a gap between two), got {Z.shape[1]}")
    F, names = _factor_matrix(factors, len(Z))
    n_bins = positive_int(n_bins, "n_bins", minimum=2, maximum=10_000)
    Zd = [_discretise(Z[:, j], n_bins) for j in range(Z.shape[1])]
    mi = np.zeros((Z.shape[1], F.shape[1]))
    gap, best = {}, {}
    for k, name in enumerate(names):
        fd = _discretise(F[:, k], n_bins)
        h = mutual_info_score(fd, fd)
        if h <= 0:
            raise ValueError(f"factor {name!r} never changes: it has no information to find")
        mi[:, k] = [mutual_info_score(fd, zd) / h for zd in Zd]
        top = np.sort(mi[:, k])[::-1]
        gap[name] = float(top[0] - top[1])
        best[name] = int(np.argmax(mi[:, k]))
    return MIGReport(float(np.mean(list(gap.values()))), gap, best, mi, names)


def correlation_matrix(codes, factors) -> np.ndarray:
    """|Spearman rank correlation| between every latent dimension and every factor: ``(d, F)``.

    Rank correlation catches any monotone relation (not only straight lines). A dimension that
    never changes gets 0.

    >>> x = np.arange(10.0)
    >>> correlation_matrix(np.stack([x, -x ** 3], 1), {"f": x}).round(2).ravel().tolist()
    [1.0, 1.0]
    """
    from scipy.stats import rankdata

    Z = _codes(codes)
    F, _ = _factor_matrix(factors, len(Z))
    def ranks(A):
        R = np.stack([rankdata(A[:, j]) for j in range(A.shape[1])], axis=1)
        R = R - R.mean(axis=0)
        norm = np.linalg.norm(R, axis=0)
        return np.divide(R, norm, out=np.zeros_like(R), where=norm > 0)
    return np.abs(ranks(Z.astype(np.float64)).T @ ranks(F.astype(np.float64)))


def best_match_score(codes, factors) -> tuple[float, dict]:
    """Pair each factor with its own latent dimension (no dimension used twice; the pairing that
    maximises the total |Spearman correlation|, by the Hungarian method) and return the mean
    matched |correlation| and the pairing ``{factor: dimension}``.

    1.0 means every factor has a dimension that follows it perfectly and alone in its pairing;
    it does not say that the other dimensions ignore the factor (MIG looks at that).
    Needs at least as many dimensions as factors.

    >>> x = np.random.default_rng(0).random((200, 2))
    >>> best_match_score(x[:, ::-1], x)[1]
    {'factor0': 1, 'factor1': 0}
    """
    from scipy.optimize import linear_sum_assignment

    Z = _codes(codes)
    F, names = _factor_matrix(factors, len(Z))
    if Z.shape[1] < F.shape[1]:
        raise ValueError(f"best_match_score needs at least as many latent dimensions as factors, got "
                         f"{Z.shape[1]} dimensions for {F.shape[1]} factors")
    C = correlation_matrix(Z, F)
    rows, cols = linear_sum_assignment(-C)
    pairing = {names[c]: int(r) for r, c in sorted(zip(rows, cols), key=lambda rc: rc[1])}
    return float(C[rows, cols].mean()), pairing


# ---------------------------------------------------------------------------------------------
# A set of samples, judged by a classifier: how sure, which classes, how far from real data

def mean_top_probability(probabilities: Any) -> float:
    """The mean over pictures of the largest class probability, from probabilities ``(n, classes)``.

    >>> mean_top_probability([[0.9, 0.1], [0.6, 0.4]])
    0.75
    """
    P = as_float_array(probabilities, "probabilities", ndim=2).astype(np.float64)
    if P.min() < 0 or P.max() > 1 + 1e-6 or not np.allclose(P.sum(axis=1), 1.0, atol=1e-3):
        raise ValueError("probabilities must be rows of class probabilities (each in [0, 1], each row summing "
                         "to 1): apply a softmax to logits first")
    return round(float(P.max(axis=1).mean()), 12)


def class_shares(labels: Any, n_classes: int = 10) -> np.ndarray:
    """The share of each class among integer ``labels`` ``(n,)``: ``(n_classes,)``, summing to 1.

    >>> class_shares([0, 0, 1, 3], n_classes=4).tolist()
    [0.5, 0.25, 0.0, 0.25]
    """
    n_classes = positive_int(n_classes, "n_classes")
    y = as_labels(labels, "labels")
    if y.size == 0:
        raise ValueError("labels is empty: there is nothing to count")
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(f"labels must be classes 0 .. {n_classes - 1}, got values from {y.min()} to {y.max()}")
    return np.bincount(y, minlength=n_classes) / len(y)


def class_entropy(shares: Any) -> float:
    """The entropy of class ``shares`` (which sum to 1), in nats: -sum p ln p, with 0 ln 0 = 0.

    ln 10 = 2.303 nats when all ten digits are equally common; 0 when there is only one.

    >>> round(class_entropy([0.5, 0.5, 0.0]), 4), class_entropy([1.0, 0.0])
    (0.6931, 0.0)
    """
    p = as_float_array(shares, "shares", ndim=1).astype(np.float64)
    if p.min() < 0 or not math.isclose(p.sum(), 1.0, abs_tol=1e-4):
        raise ValueError(f"shares must be non-negative and sum to 1 (got sum {p.sum():.4g}); from labels, "
                         "use class_shares(labels) first")
    nz = p[p > 0]
    return float(max(0.0, -(nz * np.log(nz)).sum()))


def frechet_distance(features_a: Any, features_b: Any) -> float:
    """The Frechet distance between two sets of feature vectors ``(n_a, d)`` and ``(n_b, d)``, each
    summarised by its mean ``m`` and covariance ``C``:

        |m_a - m_b|^2 + trace(C_a + C_b - 2 (C_a C_b)^(1/2)).

    It is the squared Wasserstein-2 distance between two normal distributions with those statistics
    (0 when they are equal). For one feature it is (m_a - m_b)^2 + (s_a - s_b)^2, with s the standard
    deviations.

    >>> x = np.random.default_rng(0).normal(size=(500, 1))
    >>> x = x - x.mean()
    >>> round(frechet_distance(x, x + 3.0), 6), round(frechet_distance(x, 3 * x) / float(x.var(ddof=1)), 6)
    (9.0, 4.0)
    """
    A = as_float_array(features_a, "features_a", ndim=2).astype(np.float64)
    B = as_float_array(features_b, "features_b", ndim=2).astype(np.float64)
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"features_a and features_b must have the same number of features, got {A.shape[1]} "
                         f"and {B.shape[1]}")
    for name, X in (("features_a", A), ("features_b", B)):
        if len(X) < 2:
            raise ValueError(f"{name} needs at least 2 rows to have a covariance, got {len(X)}")
    mean_term = float(((A.mean(0) - B.mean(0)) ** 2).sum())
    Ca, Cb = np.atleast_2d(np.cov(A, rowvar=False)), np.atleast_2d(np.cov(B, rowvar=False))
    # trace((Ca Cb)^(1/2)) = sum of square roots of the eigenvalues of Ca^(1/2) Cb Ca^(1/2) (symmetric, >= 0)
    w, V = np.linalg.eigh(Ca)
    root_a = (V * np.sqrt(np.clip(w, 0, None))) @ V.T
    M = root_a @ Cb @ root_a
    eig = np.linalg.eigvalsh((M + M.T) / 2)
    cross = float(np.sqrt(np.clip(eig, 0, None)).sum())
    return max(0.0, mean_term + float(np.trace(Ca) + np.trace(Cb)) - 2 * cross)


__all__ = ["ElboReport", "MIGReport", "best_match_score", "class_entropy", "class_shares", "correlation_matrix",
           "frechet_distance", "heldout_neg_elbo", "mean_top_probability", "mutual_info_gap", "reconstruction_mse"]
