"""Small helpers for 01_compression: counting bytes and measuring whether neighbours agree.

The PCA itself is written out in the notebook with scikit-learn; this module only does the
book-keeping the notebook uses but is not about.
"""
from __future__ import annotations

import zlib

import numpy as np

from ._checks import as_float_array, as_labels, positive_int


def _as_images(X, name: str = "X") -> np.ndarray:
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
    return np.round(_as_images(X) * 255.0).astype(np.uint8)


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
    if k > n_pixels:
        raise ValueError(f"k must be at most n_pixels ({n_pixels}), got {k}")
    numbers = n_images * k + ((k + 1) * n_pixels if include_basis else 0)
    return int(numbers * bytes_per_number)


def nearest_neighbours(Z, k: int = 5, queries=None) -> np.ndarray:
    """Indices of the ``k`` nearest rows of ``Z`` (Euclidean), for each row (or each index in
    ``queries``), nearest first, never the point itself. Returns an int array (n_queries, k).

    >>> nearest_neighbours([[0.0], [1.0], [5.0]], k=1).ravel().tolist()
    [1, 0, 1]
    """
    P = as_float_array(Z, "Z", ndim=2).astype(np.float64)
    k = positive_int(k, "k")
    if k >= len(P):
        raise ValueError(f"k must be smaller than the number of points ({len(P)}), got {k}")
    if queries is None:
        q = np.arange(len(P))
    else:
        q = np.asarray(queries)
        if q.ndim != 1 or not np.issubdtype(q.dtype, np.integer):
            raise TypeError(f"queries must be a 1-D array of row indices, got {queries!r}")
        if q.size and (q.min() < 0 or q.max() >= len(P)):
            raise ValueError(f"queries must be row indices between 0 and {len(P) - 1}")
    sq = (P ** 2).sum(1)
    out = np.empty((len(q), k), dtype=np.int64)
    for start in range(0, len(q), 512):  # in blocks: a 5000 x 5000 distance matrix would be 200 MB
        rows = q[start:start + 512]
        d = sq[rows, None] + sq[None, :] - 2.0 * P[rows] @ P.T
        d[np.arange(len(rows)), rows] = np.inf
        part = np.argpartition(d, k, axis=1)[:, :k]
        order = np.take_along_axis(d, part, 1).argsort(1, kind="stable")
        out[start:start + len(rows)] = np.take_along_axis(part, order, 1)
    return out


def neighbour_agreement(Z, labels, k: int = 5) -> float:
    """Share of all k-nearest-neighbour pairs in ``Z`` whose two points carry the same label.

    1.0 means every point's ``k`` nearest neighbours share its label; with 10 balanced classes
    and a meaningless space it is about 0.1.

    >>> neighbour_agreement([[0.0], [0.1], [5.0], [5.1]], [0, 0, 1, 1], k=1)
    1.0
    """
    P = as_float_array(Z, "Z", ndim=2)
    y = as_labels(labels, "labels", n=len(P))
    nn = nearest_neighbours(P, k=k)
    return float((y[nn] == y[:, None]).mean())
