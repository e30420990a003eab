"""The 5 x 5 toy images of 02_toy_latent_space: a soft square drawn from three hidden factors.

Each image is a 2 x 2 pixel square, anti-aliased so it can sit between pixels, at a horizontal
position ``x`` and vertical position ``y`` (both in [0, 1]: left/top to right/bottom) and with a
``brightness`` in [0, 1] (mapped to grey levels 0.25..1). Three numbers make every picture, so a
3-number code for the family truly exists; the images, though, are 25 numbers, and they depend
on the factors non-linearly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..validation import as_float_array, as_seed, positive_int
from .factors import FactorData, check_factor_data

#: the 5 x 5 x 1 example image of the seed article, row by row
SEED_IMAGE = np.array([[1.0, 0.5, 0.8, 0.2, 0.7],
                       [0.2, 0.11, 0.78, 0.3, 0.2],
                       [1.0, 0.01, 0.0, 0.9, 0.56],
                       [1.0, 1.0, 1.0, 1.0, 0.0],
                       [1.0, 0.4, 0.2, 0.1, 0.01]], dtype=np.float32)
#: the 3-number code the article gives that image
SEED_CODE = np.array([0.4, 0.3, 0.8], dtype=np.float32)

FACTOR_NAMES = ("x", "y", "brightness")
SIZE = 5
SIDE = 2.0          # the square's side, in pixels
MIN_GREY = 0.25     # brightness 0 -> this grey level; brightness 1 -> white (1.0)


@dataclass(frozen=True)
class ToyImages(FactorData):
    """``images`` float32 (n, 5, 5) in [0, 1]; ``factors`` {"x", "y", "brightness": (n,) float32}.

    Factors are exposed as for the furniture: ``factor("x")``, ``factor_matrix()`` (n, 3); ``subset(idx)``
    keeps some pictures. The constructor checks its input (:func:`~.factors.check_factor_data`):
    pictures (n, H, W) in [0, 1] and one value of each factor per picture.
    """

    images: np.ndarray
    factors: dict
    factor_names: tuple = field(default=FACTOR_NAMES)

    def __post_init__(self):
        images, factors, names = check_factor_data(self.images, self.factors, self.factor_names, ndim=3)
        object.__setattr__(self, "images", images)   # frozen: the checked forms replace what was given
        object.__setattr__(self, "factors", factors)
        object.__setattr__(self, "factor_names", names)

    def __len__(self) -> int:
        return len(self.images)


def _coverage(centre: np.ndarray) -> np.ndarray:
    """(n,) centres in pixel units -> (n, 5) share of each pixel row/column the square covers."""
    lo, hi = centre[:, None] - SIDE / 2, centre[:, None] + SIDE / 2
    edges = np.arange(SIZE, dtype=np.float64)
    return np.clip(np.minimum(hi, edges + 1) - np.maximum(lo, edges), 0.0, 1.0)


def render_toy(factors) -> np.ndarray:
    """Draw images from factors: ``(3,)`` -> (5, 5) or ``(n, 3)`` -> (n, 5, 5), float32 in [0, 1].

    >>> img = render_toy([0.0, 0.0, 1.0])   # top-left, full brightness
    >>> img[:2, :2].tolist(), float(img.sum())
    ([[1.0, 1.0], [1.0, 1.0]], 4.0)
    """
    F = as_float_array(factors, "factors", ndim=(1, 2)).astype(np.float64)
    single = F.ndim == 1
    F = F[None] if single else F
    if F.shape[1] != 3:
        raise ValueError(f"factors must have 3 columns (x, y, brightness), got shape {F.shape}")
    if F.min() < 0.0 or F.max() > 1.0:
        raise ValueError("factors must lie in [0, 1] (x, y and brightness are all shares)")
    span = SIZE - SIDE
    cols = _coverage(SIDE / 2 + span * F[:, 0])
    rows = _coverage(SIDE / 2 + span * F[:, 1])
    grey = MIN_GREY + (1.0 - MIN_GREY) * F[:, 2]
    imgs = (grey[:, None, None] * rows[:, :, None] * cols[:, None, :]).astype(np.float32)
    return imgs[0] if single else imgs


def make_toy(n: int = 2000, seed: int = 0) -> ToyImages:
    """``n`` toy images with factors drawn uniformly from [0, 1]^3 by a seeded generator.

    >>> toy = make_toy(100, seed=0)
    >>> toy.images.shape, toy.factor_matrix().shape
    ((100, 5, 5), (100, 3))
    """
    n = positive_int(n, "n")
    seed = as_seed(seed)
    F = np.random.default_rng(seed).random((n, 3)).astype(np.float32)
    return ToyImages(render_toy(F), {name: F[:, i] for i, name in enumerate(FACTOR_NAMES)})


__all__ = ["FACTOR_NAMES", "SEED_CODE", "SEED_IMAGE", "ToyImages", "make_toy", "render_toy"]
