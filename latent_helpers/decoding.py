"""One decode contract for the whole course, adapted in one place.

Every helper that takes a decoder (the sliders, the interpolator, the ELBO, the scikit-learn
wrapper...) accepts the same thing:

- a ``torch.nn.Module`` (``model.decoder``), or a bound method of one (``vae.decode``), or
- any callable that takes codes ``(n, k)`` as a numpy array or a torch tensor (``pca.inverse_transform``,
  ``lambda Z: model.decode(Z).view(-1, 28, 28)``...),

and returning images in any layout :func:`latent_helpers.show_images` accepts: ``(n, H*W)`` with a
square number of pixels, ``(n, H, W)``, ``(n, 1|3, H, W)`` or ``(n, H, W, 1|3)``, as numpy or torch.
:func:`as_decoder` turns any of these into a :class:`Decoder`, the only adapter a notebook needs
(and it never writes it: the helpers call it).

>>> import numpy as np
>>> dec = as_decoder(lambda Z: np.tile(Z[:, :1], (1, 16)))   # flat 4 x 4 images
>>> dec(np.full((2, 3), 0.5, np.float32)).shape
(2, 4, 4)
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import torch

from ._validate import as_float_array

#: the value ranges a decoder's output may come in, and how :func:`to_unit_range` maps them to [0, 1]
RANGES = ("auto", "unit", "tanh", "bytes")


def _module_of(fn: Any) -> torch.nn.Module | None:
    if isinstance(fn, torch.nn.Module):
        return fn
    owner = getattr(fn, "__self__", None)
    return owner if isinstance(owner, torch.nn.Module) else None


def to_numpy(x: Any) -> np.ndarray:
    """A tensor (even one that requires grad, or on a GPU) or array-like as a numpy array."""
    if isinstance(x, torch.Tensor):
        return x.detach().cpu().numpy()
    return np.asarray(x)


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


class Decoder:
    """A decoder in the course's one contract: ``Decoder(fn)(Z)`` gives float32 images in [0, 1].

    ``Z`` is one code ``(k,)`` or a batch ``(n, k)``, numpy or torch. A torch module (or a bound
    method of one) gets a tensor on the module's device, in eval mode and without gradients; any
    other callable gets a numpy array first, and a tensor if it refuses numpy (remembered after the
    first call). ``value_range="auto"`` decides on the first call whether outputs are in [0, 1],
    [-1, 1] or 0-255 and keeps that choice, so frames of a slider stay comparable.

    - ``dec(Z)`` / ``dec.images(Z)``: ``(n, H, W)`` or ``(n, H, W, 3)`` in [0, 1];
    - ``dec.raw(Z)``: the decoder's output as it came (numpy float32, any shape ``(n, ...)``).
    """

    def __init__(self, fn: Callable, value_range: Any = "auto"):
        if isinstance(fn, Decoder):
            fn, value_range = fn.fn, (fn.value_range if value_range == "auto" else value_range)
        if not callable(fn):
            raise TypeError(f"decode must be a torch module or a function of codes (n, k) -> images, "
                            f"got {type(fn).__name__}")
        if not (isinstance(value_range, str) and value_range in RANGES):
            to_unit_range(np.zeros(1), value_range)  # validates a (lo, hi) pair
        self.fn = fn
        self.value_range = value_range
        self.module = _module_of(fn)
        self._wants_tensor: bool | None = True if self.module is not None else None
        self._mode = None if value_range == "auto" else value_range

    def __repr__(self) -> str:
        return f"Decoder({getattr(self.fn, '__name__', type(self.fn).__name__)}, value_range={self.value_range!r})"

    def _codes(self, Z: Any) -> np.ndarray:
        C = as_float_array(Z, "codes", ndim=(1, 2))
        return C[None, :] if C.ndim == 1 else C

    def _call(self, C: np.ndarray) -> Any:
        if self.module is not None:
            params = next(self.module.parameters(), None)
            device = params.device if params is not None else torch.device("cpu")
            dtype = params.dtype if params is not None and params.is_floating_point() else torch.float32
            was_training = self.module.training
            self.module.eval()
            try:
                with torch.no_grad():
                    return self.fn(torch.from_numpy(C).to(device=device, dtype=dtype))
            finally:
                self.module.train(was_training)
        with torch.no_grad():
            if self._wants_tensor:
                return self.fn(torch.from_numpy(C))
            try:
                out = self.fn(C)
                self._wants_tensor = False
                return out
            except Exception as numpy_error:
                if self._wants_tensor is False:
                    raise
                try:
                    out = self.fn(torch.from_numpy(C))
                except Exception:
                    raise numpy_error from None
                self._wants_tensor = True
                return out

    def raw(self, Z: Any) -> np.ndarray:
        """The decoder's output for codes ``Z``, as a float32 numpy array ``(n, ...)``."""
        C = self._codes(Z)
        out = self._call(C)
        if isinstance(out, tuple) or (isinstance(out, list) and out and isinstance(out[0], torch.Tensor)):
            raise TypeError(f"the decoder returned a {type(out).__name__} of {len(out)} items; it must return only "
                            "the images (a tensor or array (n, ...)). A model whose forward returns "
                            "(images, mu, logvar) is not a decoder: pass its decoder part, e.g. model.decode")
        try:
            arr = to_numpy(out)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"the decoder must return images (a tensor or array), got {type(out).__name__}: {exc}") from None
        if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
            raise TypeError(f"the decoder must return numbers (images), got {type(out).__name__} of dtype {arr.dtype}")
        arr = arr.astype(np.float32, copy=False)
        if arr.ndim < 2 or arr.shape[0] != len(C):
            raise ValueError(f"the decoder must return one image per code, a batch (n, ...): {len(C)} codes gave "
                             f"shape {tuple(arr.shape)}")
        if not np.all(np.isfinite(arr)):
            raise ValueError("the decoder returned NaN or infinite values; check the codes you passed")
        return arr

    def images(self, Z: Any) -> np.ndarray:
        """Images ``(n, H, W)`` or ``(n, H, W, 3)``, float32 in [0, 1], for codes ``Z``."""
        arr = image_layout(self.raw(Z), "the decoder's output")
        if self._mode is None:
            self._mode = detect_range(float(arr.min()), float(arr.max()))
        return to_unit_range(arr, self._mode)

    __call__ = images


def as_decoder(decode: Callable, value_range: Any = "auto") -> Decoder:
    """The course's one adapter: any accepted decoder (see the module doc) as a :class:`Decoder`.

    >>> import torch
    >>> as_decoder(torch.nn.Sequential(torch.nn.Linear(2, 9), torch.nn.Sigmoid()))([0.0, 1.0]).shape
    (1, 3, 3)
    """
    return Decoder(decode, value_range)


__all__ = ["Decoder", "as_decoder", "image_layout", "to_unit_range", "detect_range", "to_numpy", "RANGES"]
