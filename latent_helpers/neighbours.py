"""Nearest neighbours in a latent space, and how often neighbours share a label.

"Similar things sit close together" is the course's test of a good latent space; these two
functions measure it. Used from notebook 01 on (PCA codes, t-SNE maps, autoencoder codes...).
"""
from __future__ import annotations

import numpy as np

from .validation import as_float_array, as_labels, positive_int


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
        if hasattr(queries, "detach"):  # a torch tensor, maybe one that requires grad
            queries = queries.detach().cpu().numpy()
        try:
            q = np.asarray(queries)
        except (TypeError, ValueError):
            raise TypeError("queries must be a 1-D array of row indices (whole numbers)") from None
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


__all__ = ["nearest_neighbours", "neighbour_agreement"]
