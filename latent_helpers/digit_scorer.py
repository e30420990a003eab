"""A measuring instrument for pictures of digits: a small CNN classifier, and what it says about a set.

Notebook 06 asks how good a generator's samples are. Judging pictures by eye is unreliable, and
pixel distances reward blur (notebook 05, section 7). Instead we ask a digit classifier trained on
the 4,000 training digits of MNIST-5k (``load_mnist5k``; it gets about 98% of the 1,000 held-out
digits right) three things about a set of pictures, measured by :mod:`latent_helpers.metrics`:

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

import hashlib
import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from .datasets.digits import load_mnist5k  # noqa: F401  (used by the examples)
from .images import check_value_range, detect_range, raw_batch, to_unit_range
from .metrics import class_entropy, class_shares, frechet_distance, mean_top_probability
from .validation import positive_int, short_repr

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


def _as_share(value: Any, name: str) -> float:
    """A number from 0 to 1 (not a bool, not text), or a clear error."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number from 0 to 1, got {short_repr(value)}")
    if not 0 <= value <= 1:  # compared as given: a huge int never becomes a float
        raise ValueError(f"{name} must be a number from 0 to 1, got {short_repr(value)}")
    return float(value)


def augment(x: torch.Tensor, max_shift: int = 2, binarise_share: float = 0.25,
            generator: torch.Generator | None = None) -> torch.Tensor:
    """Training-time variety for ``x`` ``(n, 1, 28, 28)`` in [0, 1]: each digit moved by up to
    ``max_shift`` pixels in each direction, and a share ``binarise_share`` of them made black and
    white (pixel > 0.5 becomes 1, the rest 0), so the scorer also knows notebook 05's binarised digits.

    >>> augment(torch.rand(4, 1, 28, 28)).shape
    torch.Size([4, 1, 28, 28])
    """
    if not isinstance(x, torch.Tensor) or x.dim() != 4 or x.shape[1] != 1:
        raise ValueError(f"x must be a tensor of shape (n, 1, H, W), got {short_repr(getattr(x, 'shape', x))}")
    if not x.is_floating_point() or x.device.type == "meta" or not bool(torch.isfinite(x).all()):
        raise ValueError(f"x must hold finite pixels in [0, 1] as floats, got dtype {x.dtype} on {x.device.type}")
    max_shift = positive_int(max_shift, "max_shift", minimum=0, maximum=min(x.shape[2], x.shape[3]))
    binarise_share = _as_share(binarise_share, "binarise_share")
    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator or None, got {short_repr(generator)}")
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


_NAMED = {"unit": "[0, 1]", "tanh": "[-1, 1]", "bytes": "0-255"}


def _digit_range(batch: np.ndarray, value_range: Any, is_bytes: bool, name: str) -> Any:
    """How ``batch``'s values are scaled, for pictures of *digits*: a dark background and bright ink.

    ``images.detect_range`` reads the scaling off the smallest and largest value. For digits the
    background (the median pixel: most of a digit picture) is a second witness, and the two settle
    what the range alone cannot: values from -0.6 to 1.0 with the background at 0 are [0, 1] digits
    that undershoot, not [-1, 1] ones (whose background sits at -1, and would be scored grey).
    A range the learner names (``"unit"``, ``"tanh"``, ``"bytes"``) is refused when the values show
    another one, instead of being clipped into pictures the scorer misreads; a pair ``(lo, hi)``
    is taken as said.
    """
    if not isinstance(value_range, str):
        return value_range
    lo, hi = float(batch.min()), float(batch.max())
    background = float(np.median(batch))
    seen = f"the pixels run from {lo:.3g} to {hi:.3g} with the background (the median pixel) at {background:.3g}"
    if value_range == "auto":
        if is_bytes:
            return "bytes"
        try:
            mode = detect_range(lo, hi)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
        if mode == "tanh" and abs(background) <= 0.25:
            return "unit"   # [0, 1] digits that undershoot: the background sits at 0, not at -1
        if mode == "tanh" and background > -0.75:
            raise ValueError(f"{name}: {seen}: neither [0, 1] digits (background 0) nor [-1, 1] ones (background "
                             "-1). Say which with value_range='unit' or 'tanh'")
        return mode
    if value_range == "bytes" and lo < -2.0:
        raise ValueError(f"{name}: value_range='bytes' but {seen}: 0-255 pictures have no negative pixels. Pass "
                         "value_range='auto', or a pair (lo, hi) saying how they are scaled")
    looks = None
    if hi > 2.0:
        looks = "bytes"
    elif value_range == "unit" and background < -0.5:
        looks = "tanh"
    elif value_range == "tanh" and lo >= -0.5 and background >= -0.25:
        looks = "unit"
    elif value_range == "bytes" and 0 < hi <= 2.0:
        looks = "tanh" if lo < -0.5 else "unit"
    if looks is None or looks == value_range:
        return value_range
    raise ValueError(f"{name}: value_range={value_range!r} but {seen}: these look like {_NAMED[looks]} pictures, "
                     f"which as {_NAMED[value_range]} ones the scorer would misread. Pass value_range={looks!r}, or "
                     "'auto' to let the values decide (a pair (lo, hi) is taken as said)")


def _pixels(images: Any, value_range: Any, name: str = "images") -> torch.Tensor:
    """Digit images in any layout ``show_images`` accepts, as a float tensor (n, 1, 28, 28) in [0, 1]."""
    if isinstance(images, torch.Tensor):
        images = images.detach().cpu()
    check_value_range(value_range)
    batch, is_bytes = raw_batch(images, name)
    if batch.ndim != 3 or batch.shape[1:] != (28, 28):
        raise ValueError(f"{name} must be grey 28 x 28 digits ((n, 28, 28), (n, 784) or (n, 1, 28, 28)), "
                         f"got images of shape {batch.shape[1:]}")
    arr = to_unit_range(batch, _digit_range(batch, value_range, is_bytes, name))
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
    (``value_range="auto"`` decides by the values and, where they leave it open, by the background;
    say ``"unit"``, ``"tanh"`` or ``"bytes"`` to be sure: a named range the values contradict is refused,
    never clipped into pictures scored wrong; a pair ``(lo, hi)`` is taken as said).

    >>> scorer = DigitScorer.pretrained()
    >>> d = load_mnist5k()
    >>> float((scorer.predict(d.X_test) == d.y_test).mean()) > 0.97
    True
    """

    #: how many results :meth:`_run` keeps: a notebook asks about the same pictures more than once (the held-out
    #: digits in every Fréchet distance, a set's probabilities for its report and its predictions)
    REMEMBERED = 16
    #: sets of more pictures than this are not kept (their results would hold megabytes)
    REMEMBERED_UP_TO = 5_000

    def __init__(self, model: nn.Module):
        if not isinstance(model, DigitCNN):
            raise TypeError(f"model must be a DigitCNN, got {type(model).__name__}")
        self.model = model.eval()
        self._remembered: OrderedDict = OrderedDict()

    @classmethod
    def pretrained(cls, name: str = CHECKPOINT) -> "DigitScorer":
        """The shipped scorer, loaded with ``load_pretrained`` (sha256 checked, ``weights_only=True``)."""
        from .checkpoints import load_pretrained

        state = load_pretrained(name)
        model = DigitCNN()
        model.load_state_dict({k: v.float() for k, v in state["model"].items()})  # stored as float16
        return cls(model)

    @torch.no_grad()
    def _run(self, images: Any, value_range: Any, part: str, name: str = "images") -> np.ndarray:
        """The model's ``part`` ("features" or "probabilities") for the pictures, in chunks. The last
        :attr:`REMEMBERED` results are kept, keyed by the pixels the model sees and the weights' versions (an
        in-place change of a weight bumps its version), so the same question costs one hash the second time;
        in training mode (dropout) nothing is kept, nor the results for more than :attr:`REMEMBERED_UP_TO` pictures."""
        x = _pixels(images, value_range, name)
        key = None
        if not self.model.training and len(x) <= self.REMEMBERED_UP_TO:
            weights = tuple((id(t), t._version) for t in (*self.model.parameters(), *self.model.buffers()))
            key = (part, tuple(x.shape), hashlib.blake2b(x.numpy(), digest_size=16).digest(), weights)
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key].copy()
        out = []
        for start in range(0, len(x), CHUNK):
            xb = x[start:start + CHUNK]
            out.append(self.model.features(xb) if part == "features" else F.softmax(self.model(xb), dim=1))
        result = torch.cat(out).numpy().astype(np.float64)
        if key is not None:
            self._remembered[key] = result.copy()
            while len(self._remembered) > self.REMEMBERED:
                self._remembered.popitem(last=False)
        return result

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
            raise ValueError(f"min_share must be a number between 0 and 1, got {short_repr(min_share)}")
        probs = self.probabilities(images, value_range)
        shares = class_shares(probs.argmax(axis=1))
        return SampleReport(n=len(probs), mean_top_probability=mean_top_probability(probs), shares=shares,
                            entropy=class_entropy(shares), classes_covered=int((shares >= min_share).sum()),
                            min_share=float(min_share))

    def frechet_distance(self, images_a: Any, images_b: Any, value_range: Any = "auto") -> float:
        """:func:`frechet_distance` between the scorer's features of two sets of pictures."""
        return frechet_distance(self._run(images_a, value_range, "features", "images_a"),
                                self._run(images_b, value_range, "features", "images_b"))


__all__ = ["CHECKPOINT", "DigitCNN", "DigitScorer", "SampleReport", "augment", "training_loss"]
