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

from .images import RANGES, detect_range, image_layout, to_unit_range
from .validation import as_float_array


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


__all__ = ["Decoder", "as_decoder", "to_numpy"]
