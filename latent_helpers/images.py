"""The course's image contract: which arrays are images, and how their values map to [0, 1].

Plotting (:mod:`latent_helpers.plotting`), the decoders (:mod:`latent_helpers.decoding`), the digit
scorer and the widgets all read pictures through this module, so a picture that one of them accepts,
every one of them accepts.

**Which images are accepted.** ``show_images``, ``image_grid`` (and the widgets, through
:func:`as_images`) take one image or a batch, as numpy or torch, and decide which by shape:

- a *list or tuple of arrays/tensors* is always a batch, one image per item (each read as one image);
- 4-D is a batch: ``(n, C, H, W)`` or ``(n, H, W, C)`` with ``C`` 1 or 3;
- 3-D ``(a, b, c)`` is one image ``(H, W, C)`` when ``c`` is 1 or 3; otherwise a batch of grey
  images ``(n, H, W)``. So ``(3, 28, 28)`` is *three* digits (a batch is what the course passes
  most); one colour image stored channels first, as torchvision does, goes in as ``image[None]``
  (shape ``(1, 3, H, W)``) or channels last;
- 2-D ``(a, b)`` is a batch of ``a`` flat ``s x s`` images when ``b = s * s`` is a square number
  with ``s >= 3`` and ``a != b``; otherwise it is one image ``(H, W)``. So ``(28, 28)`` and
  ``(16, 16)`` are one image, ``(10, 784)`` is ten 28 x 28 digits and ``(5, 25)`` five 5 x 5 ones.
  (A wide ``(32, 64)`` picture reads as 32 flat 8 x 8 images: pass it as ``[picture]``);
- 1-D ``(s * s,)`` is one flat square image.

**Which values.** ``value_range="auto"`` scales images to [0, 1] by their values: uint8 images are
0-255; otherwise :func:`detect_range` decides between [0, 1], [-1, 1] and
0-255, and anything else (logits, standardised pixels) raises a ValueError. Pass ``"unit"``,
``"tanh"``, ``"bytes"`` or a pair ``(lo, hi)`` to say it yourself; values outside are clipped.
"""
from __future__ import annotations

from typing import Any, Sequence, Union

import numpy as np
import torch

from .validation import as_float_array

#: what the image functions accept: an array or tensor in a layout listed in the module doc, or a list of images
ImagesLike = Union[np.ndarray, torch.Tensor, Sequence[Any]]
#: the value ranges pictures may come in (a decoder's output too), mapped to [0, 1] by :func:`to_unit_range`
RANGES = ("auto", "unit", "tanh", "bytes")


def check_value_range(value_range: Any) -> None:
    """Raise a ValueError unless ``value_range`` is one of :data:`RANGES` or a pair ``(lo, hi)``."""
    if isinstance(value_range, str):
        if value_range not in RANGES:
            raise ValueError(f"value_range must be one of {RANGES} or a pair (lo, hi), got {value_range!r}")
    else:
        to_unit_range(np.zeros(1), value_range)  # validates a (lo, hi) pair


def image_layout(arr: np.ndarray, name: str = "images") -> np.ndarray:
    """A batch of images ``(n, ...)`` in any accepted layout as ``(n, H, W)`` or ``(n, H, W, 3)``.

    >>> image_layout(np.zeros((2, 1, 5, 5))).shape, image_layout(np.zeros((2, 49))).shape
    ((2, 5, 5), (2, 7, 7))
    """
    if arr.ndim == 2:
        side = int(round(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1]:
            raise ValueError(f"{name}: flat images (n, pixels) need a square number of pixels, got {arr.shape[1]} "
                             f"per image; return (n, H, W) or (n, H, W, 3) images instead")
        return arr.reshape(len(arr), side, side)
    if arr.ndim == 3:
        return arr
    if arr.ndim == 4:
        if arr.shape[1] in (1, 3) and arr.shape[-1] not in (1, 3):
            arr = np.transpose(arr, (0, 2, 3, 1))
        if arr.shape[-1] == 1:
            return arr[..., 0]
        if arr.shape[-1] == 3:
            return arr
    raise ValueError(f"{name} must be images (n, H, W), (n, H, W, 3), (n, 1|3, H, W) or flat (n, H*W); "
                     f"got shape {tuple(arr.shape)}")


def detect_range(lo: float, hi: float) -> str:
    """Guess how pixel values from ``lo`` to ``hi`` are scaled; the first rule that fits wins:

    1. ``"unit"`` if ``-0.5 <= lo`` and ``hi <= 1.5``: [0, 1], with the small overshoot that PCA or
       an unbounded decoder gives;
    2. ``"tanh"`` if ``-1 <= lo`` and ``hi <= 1``: [-1, 1], a GAN's output;
    3. ``"unit"`` if ``-1 <= lo`` and ``hi <= 2``: [0, 1] overshooting on both sides (a value above 1
       rules out tanh, and a 0-255 picture whose brightest pixel is 2 would be black);
    4. ``"bytes"`` if ``0 <= lo`` and ``hi <= 255``: 0-255;
    5. anything else raises a ValueError (logits, say, or standardised pixels).

    >>> detect_range(-0.1, 1.1), detect_range(-1.0, 0.9), detect_range(-0.6, 1.6), detect_range(0, 255)
    ('unit', 'tanh', 'unit', 'bytes')
    """
    eps = 1e-3
    for name, value in (("lo", lo), ("hi", hi)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"detect_range: {name} must be a number, got {type(value).__name__}")
        if not np.isfinite(value):
            raise ValueError(f"pixel values must be finite; got {name} = {value}")
    if lo > hi:
        raise ValueError(f"detect_range: lo must be <= hi, got lo = {lo}, hi = {hi}")
    if lo >= -0.5 and hi <= 1.5:
        return "unit"
    if lo >= -1.0 - eps and hi <= 1.0 + eps:
        return "tanh"
    if lo >= -1.0 - eps and hi <= 2.0:
        return "unit"
    if lo >= -eps and hi <= 255.0 + eps:
        return "bytes"
    raise ValueError(f"pixel values run from {lo:.3g} to {hi:.3g}: expected [0, 1] (or [-1, 1], or 0-255). "
                     "If your decoder returns logits, apply torch.sigmoid to them; or pass "
                     "value_range=(lo, hi) to say how your values are scaled")


def to_unit_range(arr: np.ndarray, value_range: Any = "auto") -> np.ndarray:
    """Map pixel values to [0, 1]: ``value_range`` is one of :data:`RANGES` or a pair ``(lo, hi)``.

    >>> to_unit_range(np.array([-1.0, 0.0, 1.0]), "tanh").tolist()
    [0.0, 0.5, 1.0]
    """
    arr = np.asarray(arr, np.float32)
    if isinstance(value_range, str):
        if value_range not in RANGES:
            raise ValueError(f"value_range must be one of {RANGES} or a pair (lo, hi), got {value_range!r}")
        mode = detect_range(float(arr.min()), float(arr.max())) if value_range == "auto" else value_range
        lo, hi = {"unit": (0.0, 1.0), "tanh": (-1.0, 1.0), "bytes": (0.0, 255.0)}[mode]
    else:
        pair = as_float_array(value_range, "value_range", ndim=1)
        if pair.shape != (2,) or not pair[1] > pair[0]:
            raise ValueError(f"value_range must be a pair (lo, hi) with lo < hi, got {value_range!r}")
        lo, hi = float(pair[0]), float(pair[1])
    return np.clip((arr - lo) / (hi - lo), 0.0, 1.0).astype(np.float32)


def _is_square(p: int, minimum: int = 1) -> bool:
    s = int(round(np.sqrt(p)))
    return s >= minimum and s * s == p


def one_image(arr: np.ndarray, name: str) -> np.ndarray:
    """One image in any single-image layout as (H, W) or (H, W, 3).

    >>> one_image(np.zeros((1, 5, 5)), "image").shape, one_image(np.zeros(49), "image").shape
    ((5, 5), (7, 7))
    """
    if arr.ndim == 1:
        if not _is_square(arr.shape[0]):
            raise ValueError(f"{name}: a 1-D image must be flat with a square number of pixels (784 = 28 x 28), "
                             f"got {arr.shape[0]} values")
        s = int(round(np.sqrt(arr.shape[0])))
        return arr.reshape(s, s)
    if arr.ndim == 2:
        return arr
    if arr.ndim == 3:
        if arr.shape[-1] in (1, 3):
            return arr[..., 0] if arr.shape[-1] == 1 else arr
        if arr.shape[0] in (1, 3):
            return arr[0] if arr.shape[0] == 1 else np.transpose(arr, (1, 2, 0))
    raise ValueError(f"{name}: one image must be (H, W), (H, W, 1|3), (1|3, H, W) or flat (H*W,); "
                     f"got shape {tuple(arr.shape)}")


def batch_layout(arr: np.ndarray, name: str) -> np.ndarray:
    """Apply the single-vs-batch rule of the module doc: (n, H, W) or (n, H, W, 3)."""
    if arr.ndim == 4:
        if arr.shape[1] not in (1, 3) and arr.shape[-1] not in (1, 3):
            raise ValueError(f"{name}: a batch (n, C, H, W) or (n, H, W, C) must have 1 or 3 channels, "
                             f"got shape {tuple(arr.shape)}")
        return image_layout(arr, name)
    if arr.ndim == 3:
        if arr.shape[-1] in (1, 3):
            return one_image(arr, name)[None]
        return arr
    if arr.ndim == 2:
        a, b = arr.shape
        if a != b and _is_square(b, minimum=3):
            return image_layout(arr, name)
        return arr[None]
    if arr.ndim == 1:
        return one_image(arr, name)[None]
    raise ValueError(f"{name} must be one image or a batch of images (see latent_helpers.images); "
                     f"got shape {tuple(arr.shape)} ({arr.ndim} dimensions)")


def is_uint8(x: Any) -> bool:
    """Is ``x`` an array or tensor of bytes (pixels 0-255)?"""
    return getattr(x, "dtype", None) in (np.uint8, torch.uint8)


def raw_batch(images: ImagesLike, name: str = "images") -> tuple[np.ndarray, bool]:
    """``(batch, is_bytes)``: the images as a float32 batch ``(n, H, W)`` or ``(n, H, W, 3)`` with their values
    as given (not yet scaled), and whether they came as bytes (uint8). The first half of :func:`as_images`,
    for a caller that looks at the values before it scales them (the digit scorer does).

    >>> batch, is_bytes = raw_batch(np.full((2, 784), 255, np.uint8))
    >>> batch.shape, float(batch.max()), is_bytes
    ((2, 28, 28), 255.0, True)
    """
    if isinstance(images, (list, tuple)) and images and all(isinstance(x, (np.ndarray, torch.Tensor)) for x in images):
        parts = [one_image(as_float_array(x, f"{name}[{i}]"), f"{name}[{i}]") for i, x in enumerate(images)]
        if len({p.shape for p in parts}) > 1:
            raise ValueError(f"{name}: the images in the list must all have the same shape, got "
                             f"{sorted({p.shape for p in parts})}")
        is_bytes = all(is_uint8(x) for x in images)
        batch = np.stack(parts)
    else:
        is_bytes = is_uint8(images)
        batch = batch_layout(as_float_array(images, name), name)
    if batch.shape[0] == 0 or 0 in batch.shape[1:3]:
        raise ValueError(f"{name} is empty (shape {tuple(batch.shape)}); expected at least one image")
    return batch, is_bytes


def as_images(images: ImagesLike, value_range: Any = "auto", name: str = "images") -> np.ndarray:
    """The images exactly as :func:`show_images` draws them: a batch ``(n, H, W)`` or ``(n, H, W, 3)``,
    float32 in [0, 1]. One image or a batch, in any layout of the module doc; values scaled by
    ``value_range`` (``"auto"``: uint8 means 0-255; otherwise [0, 1], [-1, 1] or 0-255 by the values).

    >>> as_images(np.zeros((28, 28))).shape, as_images(np.zeros((10, 784))).shape
    ((1, 28, 28), (10, 28, 28))
    >>> float(as_images(np.full((32, 32, 3), 255, np.uint8)).max()), as_images(np.array([[-1.0, 1.0]])).tolist()
    (1.0, [[[0.0, 1.0]]])
    """
    check_value_range(value_range)
    batch, is_bytes = raw_batch(images, name)
    if isinstance(value_range, str) and value_range == "auto":
        if is_bytes:
            value_range = "bytes"
        else:
            try:
                value_range = detect_range(float(batch.min()), float(batch.max()))
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
    return to_unit_range(batch, value_range)


__all__ = ["ImagesLike", "RANGES", "as_images", "batch_layout", "check_value_range", "detect_range", "image_layout",
           "is_uint8", "one_image", "raw_batch", "to_unit_range"]
