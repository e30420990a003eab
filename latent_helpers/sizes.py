"""Sizes of data in bytes: pictures stored raw (one byte a pixel), zipped (zlib), or as PCA codes.

The PCA itself is written out in notebook 01 with scikit-learn; this module only does the
book-keeping the notebook uses but is not about.
"""
from __future__ import annotations

import zlib

import numpy as np

from .validation import as_bool, as_float_array, positive_int


def _unit_pixels(X, name: str = "X") -> np.ndarray:
    arr = as_float_array(X, name, ndim=(1, 2, 3))
    if arr.min() < 0.0 or arr.max() > 1.0:
        raise ValueError(f"{name} must hold pixel values in [0, 1], got values from "
                         f"{float(arr.min()):.3g} to {float(arr.max()):.3g}")
    return arr


def to_uint8(X) -> np.ndarray:
    """Pixels in [0, 1] as 8-bit integers 0..255, the way image files store them.

    >>> to_uint8([0.0, 0.5, 1.0]).tolist()
    [0, 128, 255]
    """
    return np.round(_unit_pixels(X) * 255.0).astype(np.uint8)


def raw_bytes(X) -> int:
    """Bytes needed to store the images ``X`` (values in [0, 1]) as one byte per pixel.

    >>> raw_bytes(np.zeros((10, 28, 28)))
    7840
    """
    return int(to_uint8(X).size)


def zlib_bytes(X, level: int = 9) -> int:
    """Bytes after lossless zlib compression (the algorithm inside PNG and zip) of the 8-bit pixels.

    Decompressing gives back every pixel exactly. ``level`` is zlib's effort, 0 (none) to 9 (best).

    >>> zlib_bytes(np.zeros((10, 28, 28))) < raw_bytes(np.zeros((10, 28, 28)))
    True
    """
    if isinstance(level, bool) or not isinstance(level, (int, np.integer)) or not 0 <= level <= 9:
        raise ValueError(f"level must be an int from 0 to 9, got {level!r}")
    return len(zlib.compress(to_uint8(X).tobytes(), int(level)))


def pca_bytes(n_images: int, k: int, n_pixels: int = 784, bytes_per_number: int = 2,
              include_basis: bool = True) -> int:
    """Bytes to store ``n_images`` as ``k`` PCA coefficients each (``bytes_per_number`` per number,
    e.g. 2 for float16), plus, if ``include_basis``, the mean image and the ``k`` component images
    that the decoder needs: ``(n_images * k + (k + 1) * n_pixels) * bytes_per_number``.

    >>> pca_bytes(1000, 20, include_basis=False)
    40000
    """
    n_images = positive_int(n_images, "n_images")
    k = positive_int(k, "k")
    n_pixels = positive_int(n_pixels, "n_pixels")
    bytes_per_number = positive_int(bytes_per_number, "bytes_per_number")
    include_basis = as_bool(include_basis, "include_basis")
    if k > n_pixels:
        raise ValueError(f"k must be at most n_pixels ({n_pixels}), got {k}")
    numbers = n_images * k + ((k + 1) * n_pixels if include_basis else 0)
    return int(numbers * bytes_per_number)


__all__ = ["pca_bytes", "raw_bytes", "to_uint8", "zlib_bytes"]
