"""Plotting basics: image grids, labelled 2-D/3-D scatters, loss curves. All return matplotlib objects."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

from ._validate import as_float_array, as_labels


def _to_nchw(images) -> np.ndarray:
    """Accept (n, h, w), (n, c, h, w), (n, h, w, c) with c in {1, 3}, or (n, d) with d a square."""
    arr = as_float_array(images, "images", ndim=(2, 3, 4))
    if arr.ndim == 2:
        side = int(round(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1]:
            raise ValueError(f"flat images must have a square number of pixels, got {arr.shape[1]}")
        arr = arr.reshape(-1, 1, side, side)
    elif arr.ndim == 3:
        arr = arr[:, None]
    elif arr.shape[1] not in (1, 3) and arr.shape[-1] in (1, 3):
        arr = np.transpose(arr, (0, 3, 1, 2))
    if arr.shape[1] not in (1, 3):
        raise ValueError(f"images must have 1 or 3 channels, got shape {arr.shape}")
    return arr


def image_grid(images, nrow: int = 10, padding: int = 1, pad_value: float = 1.0) -> np.ndarray:
    """Tile images into one (H, W) or (H, W, 3) array, values clipped to [0, 1].

    The layout is torchvision's ``make_grid`` (``nrow`` images per row, ``padding`` pixels of
    ``pad_value`` around each), written in numpy so a notebook need not import torchvision
    (about 160 MB and 1.5 s, as it pulls in torch's compiler stack).

    >>> image_grid(np.zeros((4, 28, 28)), nrow=2).shape
    (59, 59)
    """
    if isinstance(nrow, bool) or not isinstance(nrow, (int, np.integer)) or nrow < 1:
        raise ValueError(f"nrow must be a positive int, got {nrow!r}")
    if isinstance(padding, bool) or not isinstance(padding, (int, np.integer)) or padding < 0:
        raise ValueError(f"padding must be an int >= 0, got {padding!r}")
    arr = np.clip(_to_nchw(images), 0.0, 1.0)
    n, c, h, w = arr.shape
    if n == 1:  # like make_grid: a single image comes back as it is, without a frame
        return arr[0, 0] if c == 1 else np.transpose(arr[0], (1, 2, 0))
    cols = min(int(nrow), n)
    rows = -(-n // cols)
    grid = np.full((c, rows * (h + padding) + padding, cols * (w + padding) + padding), pad_value, np.float32)
    for i in range(n):
        top, left = (i // cols) * (h + padding) + padding, (i % cols) * (w + padding) + padding
        grid[:, top:top + h, left:left + w] = arr[i]
    return grid[0] if c == 1 else np.transpose(grid, (1, 2, 0))


def show_images(images, nrow: int = 10, title: str | None = None, ax=None,
                row_labels: Sequence[str] | None = None, size: float = 0.6):
    """Show images as a grid (``nrow`` per row); returns the axes. Values are clipped to [0, 1].

    ``row_labels`` writes a label left of each row (e.g. "k = 5").
    """
    grid = image_grid(images, nrow=nrow)
    n = len(images)
    rows = int(np.ceil(n / nrow))
    if ax is None:
        _, ax = plt.subplots(figsize=(max(2.0, size * min(n, nrow)), max(1.0, size * rows)))
    ax.imshow(grid, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    if row_labels is not None:
        if len(row_labels) != rows:
            raise ValueError(f"row_labels needs one label per row ({rows}), got {len(row_labels)}")
        step = grid.shape[0] / rows
        ax.set_yticks([step * (i + 0.5) for i in range(rows)])
        ax.set_yticklabels(list(row_labels))
        ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title)
    return ax


def scatter2d(points, labels=None, ax=None, title: str | None = None, xlabel: str = "dimension 1",
              ylabel: str = "dimension 2", s: float = 6, alpha: float = 0.8, legend: bool = True,
              cmap: str = "tab10"):
    """Scatter 2-D points, coloured by integer ``labels`` with a legend; returns the axes."""
    P = as_float_array(points, "points", ndim=2)
    if P.shape[1] != 2:
        raise ValueError(f"points must have 2 columns (x, y), got shape {P.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.2))
    if labels is None:
        ax.scatter(P[:, 0], P[:, 1], s=s, alpha=alpha)
    else:
        y = as_labels(labels, "labels", n=len(P))
        colours = plt.get_cmap(cmap)
        for i, lab in enumerate(np.unique(y)):
            m = y == lab
            ax.scatter(P[m, 0], P[m, 1], s=s, alpha=alpha, color=colours(i % colours.N), label=str(lab))
        if legend:
            ax.legend(markerscale=2.5, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def scatter3d(points, labels=None, ax=None, title: str | None = None,
              axis_labels: Sequence[str] = ("z1", "z2", "z3"), s: float = 8, alpha: float = 0.8,
              cmap: str = "tab10", elev: float = 20, azim: float = -60):
    """Scatter 3-D points (coloured by integer ``labels``) on a 3-D axes; returns the axes.

    With ``%matplotlib widget`` it can be rotated with the mouse; inline it is a fixed view set
    by ``elev``/``azim``.
    """
    P = as_float_array(points, "points", ndim=2)
    if P.shape[1] != 3:
        raise ValueError(f"points must have 3 columns (x, y, z), got shape {P.shape}")
    if len(axis_labels) != 3:
        raise ValueError("axis_labels needs three names")
    if ax is None:
        fig = plt.figure(figsize=(5, 4.2))
        ax = fig.add_subplot(projection="3d")
    if labels is None:
        ax.scatter(P[:, 0], P[:, 1], P[:, 2], s=s, alpha=alpha)
    else:
        y = as_labels(labels, "labels", n=len(P))
        colours = plt.get_cmap(cmap)
        for i, lab in enumerate(np.unique(y)):
            m = y == lab
            ax.scatter(P[m, 0], P[m, 1], P[m, 2], s=s, alpha=alpha, color=colours(i % colours.N), label=str(lab))
        ax.legend(markerscale=2, fontsize=8, loc="upper left", frameon=False)
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    ax.set_zlabel(axis_labels[2])
    ax.view_init(elev=elev, azim=azim)
    if title:
        ax.set_title(title)
    return ax


def plot_history(history, keys: Sequence[str] | None = None, ax=None, title: str = "training",
                 logy: bool = False):
    """Plot the per-epoch curves of a :class:`~latent_helpers.training.History` (or a dict of lists)."""
    terms = getattr(history, "terms", history)
    if not isinstance(terms, dict) or not terms:
        raise ValueError("history must be a History from fit() or a non-empty dict of lists")
    keys = list(keys) if keys is not None else list(terms)
    missing = [k for k in keys if k not in terms]
    if missing:
        raise ValueError(f"history has no {missing}; it has {list(terms)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3))
    for k in keys:
        ax.plot(range(1, len(terms[k]) + 1), terms[k], marker="o", ms=3, label=k)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss" + (" (log scale)" if logy else ""))
    if logy:
        ax.set_yscale("log")
    ax.legend(frameon=False)
    ax.set_title(title)
    return ax
