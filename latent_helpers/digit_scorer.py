"""A measuring instrument for pictures of digits: a small CNN classifier, and what it says about a set.

Notebook 06 asks how good a generator's samples are. Judging pictures by eye is unreliable, and
pixel distances reward blur (notebook 05, section 7). Instead we ask a digit classifier trained on
the 4,000 training digits of MNIST-5k (``load_mnist5k``; it gets about 98% of the 1,000 held-out
digits right) three things about a set of pictures:

- **how sure** it is of each picture: :func:`mean_top_probability` (the mean of the largest class
  probability; near 1 for clean digits, lower for smudges and in-between shapes);
- **which digits** appear: :func:`class_shares` and :func:`class_entropy` (a generator that makes
  all ten digits equally often has entropy ln 10 = 2.30 nats; one that makes only one digit, 0);
- **how far the set is from real digits** as a whole: :func:`frechet_distance` between the
  classifier's 64 penultimate features of the two sets (the idea of the FID of Heusel et al., 2017,
  with a digit classifier in place of an ImageNet network). Each set is summarised by the mean and
  covariance of its features; the distance is 0 for two sets with the same statistics. It is biased
  upwards for small sets, so compare it with a floor: two sets of *real* digits of the same sizes.

The classifier is a tool, not a lesson: its class is :class:`DigitCNN`, its weights ship as
``data/checkpoints/digit_scorer.pt`` (made by ``scripts/train_digit_scorer.py``, seeded), and
:meth:`DigitScorer.pretrained` loads them after a sha256 check.

>>> scorer = DigitScorer.pretrained()
>>> digits = load_mnist5k()
>>> report = scorer.report(digits.X_test)
>>> report.mean_top_probability > 0.95, report.classes_covered
(True, 10)
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from ._validate import _short, as_float_array, as_labels, positive_int
from .data import load_mnist5k  # noqa: F401  (used by the examples)

#: the shipped checkpoint's file name in ``data/checkpoints``
CHECKPOINT = "digit_scorer.pt"
N_CLASSES = 10
#: how many images go through the network at once (keeps memory small)
CHUNK = 100


class DigitCNN(nn.Module):
    """1 x 28 x 28 pixels in [0, 1] -> 32 x 14 x 14 -> 64 x 7 x 7 -> 64 features -> 10 class logits.

    ``features(x)`` gives the 64 penultimate features (after a ReLU) that the Frechet distance
    compares; ``forward(x)`` the 10 logits.

    >>> DigitCNN()(torch.zeros(2, 1, 28, 28)).shape
    torch.Size([2, 10])
    """

    N_FEATURES = 64

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),    # 32 x 14 x 14
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 64 x 7 x 7
            nn.Flatten(), nn.Linear(64 * 7 * 7, self.N_FEATURES), nn.ReLU())
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(self.N_FEATURES, N_CLASSES))

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(x))


def augment(x: torch.Tensor, max_shift: int = 2, binarise_share: float = 0.25,
            generator: torch.Generator | None = None) -> torch.Tensor:
    """Training-time variety for ``x`` ``(n, 1, 28, 28)`` in [0, 1]: each digit moved by up to
    ``max_shift`` pixels in each direction, and a share ``binarise_share`` of them made black and
    white (pixel > 0.5 becomes 1, the rest 0), so the scorer also knows notebook 05's binarised digits.

    >>> augment(torch.rand(4, 1, 28, 28)).shape
    torch.Size([4, 1, 28, 28])
    """
    if not isinstance(x, torch.Tensor) or x.dim() != 4 or x.shape[1] != 1:
        raise ValueError(f"x must be a tensor of shape (n, 1, H, W), got {_short(getattr(x, 'shape', x))}")
    n, _, h, w = x.shape
    shifts = torch.randint(-max_shift, max_shift + 1, (n, 2), generator=generator)
    padded = F.pad(x, (max_shift,) * 4)
    rows = (torch.arange(h)[None, :] + max_shift - shifts[:, :1])            # (n, h)
    cols = (torch.arange(w)[None, :] + max_shift - shifts[:, 1:])            # (n, w)
    moved = padded[torch.arange(n)[:, None, None], 0, rows[:, :, None], cols[:, None, :]][:, None]
    flip = torch.rand(n, generator=generator) < binarise_share
    return torch.where(flip[:, None, None, None], (moved > 0.5).to(x.dtype), moved)


def training_loss(model: nn.Module, batch) -> torch.Tensor:
    """Cross-entropy of ``model`` on an augmented batch ``[pixels (n, 1, 28, 28), labels (n,)]``;
    what ``scripts/train_digit_scorer.py`` minimises with ``lh.fit``."""
    x, y = batch
    return F.cross_entropy(model(augment(x)), y)


def _pixels(images: Any, value_range: Any, name: str = "images") -> torch.Tensor:
    """Digit images in any layout ``show_images`` accepts, as a float tensor (n, 1, 28, 28) in [0, 1]."""
    from .plotting import as_images

    if isinstance(images, torch.Tensor):
        images = images.detach().cpu()
    arr = as_images(images, value_range, name=name)
    if arr.ndim != 3 or arr.shape[1:] != (28, 28):
        raise ValueError(f"{name} must be grey 28 x 28 digits ((n, 28, 28), (n, 784) or (n, 1, 28, 28)), "
                         f"got images of shape {arr.shape[1:]}")
    return torch.from_numpy(np.ascontiguousarray(arr))[:, None]


@dataclass(frozen=True)
class SampleReport:
    """What the scorer says about a set of pictures (see :meth:`DigitScorer.report`).

    ``shares[d]`` is the share of pictures classified as digit ``d``; ``classes_covered`` counts the
    digits with a share of at least ``min_share``.
    """

    n: int
    mean_top_probability: float
    shares: np.ndarray
    entropy: float
    classes_covered: int
    min_share: float

    @property
    def entropy_ratio(self) -> float:
        """The class entropy as a share of its largest possible value, ln 10."""
        return self.entropy / math.log(N_CLASSES)

    def __repr__(self) -> str:
        return (f"SampleReport({self.n} pictures: mean top probability {self.mean_top_probability:.3f}, "
                f"class entropy {self.entropy:.3f} nats ({self.entropy_ratio:.0%} of ln 10), "
                f"{self.classes_covered} of 10 digits with >= {self.min_share:.0%})")


class DigitScorer:
    """A trained :class:`DigitCNN` used as a measuring instrument (eval mode, no gradients).

    Every method takes digit images in any layout ``show_images`` accepts (``(n, 28, 28)``,
    ``(n, 784)``, ``(n, 1, 28, 28)``; numpy or torch) and pixel values in [0, 1], [-1, 1] or 0-255
    (``value_range="auto"`` decides by the values; say ``"unit"``, ``"tanh"`` or ``"bytes"`` to be sure).

    >>> scorer = DigitScorer.pretrained()
    >>> d = load_mnist5k()
    >>> float((scorer.predict(d.X_test) == d.y_test).mean()) > 0.97
    True
    """

    def __init__(self, model: nn.Module):
        if not isinstance(model, DigitCNN):
            raise TypeError(f"model must be a DigitCNN, got {type(model).__name__}")
        self.model = model.eval()

    @classmethod
    def pretrained(cls, name: str = CHECKPOINT) -> "DigitScorer":
        """The shipped scorer, loaded with ``load_pretrained`` (sha256 checked, ``weights_only=True``)."""
        from .checkpoints import load_pretrained

        state = load_pretrained(name)
        model = DigitCNN()
        model.load_state_dict({k: v.float() for k, v in state["model"].items()})  # stored as float16
        return cls(model)

    @torch.no_grad()
    def _run(self, images: Any, value_range: Any, part: str) -> np.ndarray:
        x = _pixels(images, value_range)
        out = []
        for start in range(0, len(x), CHUNK):
            xb = x[start:start + CHUNK]
            out.append(self.model.features(xb) if part == "features" else F.softmax(self.model(xb), dim=1))
        return torch.cat(out).numpy().astype(np.float64)

    def probabilities(self, images: Any, value_range: Any = "auto") -> np.ndarray:
        """Class probabilities ``(n, 10)``: row ``i`` is the scorer's belief about picture ``i``."""
        return self._run(images, value_range, "probabilities")

    def predict(self, images: Any, value_range: Any = "auto") -> np.ndarray:
        """The most probable digit for each picture, ``(n,)`` int64."""
        return self.probabilities(images, value_range).argmax(axis=1).astype(np.int64)

    def features(self, images: Any, value_range: Any = "auto") -> np.ndarray:
        """The 64 penultimate features of each picture, ``(n, 64)``: the space :func:`frechet_distance` measures in."""
        return self._run(images, value_range, "features")

    def report(self, images: Any, value_range: Any = "auto", min_share: float = 0.01) -> SampleReport:
        """Mean top probability, class shares, class entropy and digits covered for a set of pictures."""
        if isinstance(min_share, bool) or not isinstance(min_share, (int, float, np.integer, np.floating)) \
                or not 0 <= min_share <= 1:
            raise ValueError(f"min_share must be a number between 0 and 1, got {_short(min_share)}")
        probs = self.probabilities(images, value_range)
        shares = class_shares(probs.argmax(axis=1))
        return SampleReport(n=len(probs), mean_top_probability=mean_top_probability(probs), shares=shares,
                            entropy=class_entropy(shares), classes_covered=int((shares >= min_share).sum()),
                            min_share=float(min_share))

    def frechet_distance(self, images_a: Any, images_b: Any, value_range: Any = "auto") -> float:
        """:func:`frechet_distance` between the scorer's features of two sets of pictures."""
        return frechet_distance(self.features(images_a, value_range), self.features(images_b, value_range))


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


def class_shares(labels: Any, n_classes: int = N_CLASSES) -> np.ndarray:
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


__all__ = ["DigitCNN", "DigitScorer", "SampleReport", "augment", "training_loss", "mean_top_probability",
           "class_shares", "class_entropy", "frechet_distance", "CHECKPOINT"]
