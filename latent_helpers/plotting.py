"""Plotting basics: image grids, labelled 2-D/3-D scatters, loss curves. All return matplotlib objects.

Every image function takes one image or a batch, in any layout and value range of the course's one
image contract (:mod:`latent_helpers.images`: ``(n, H, W)``, ``(n, 784)``, ``(n, 1, H, W)``, a list
of images...; values in [0, 1], [-1, 1] or 0-255).
"""
from __future__ import annotations

from numbers import Real
from typing import Any, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.axes import Axes

from .images import ImagesLike, as_images
from .validation import as_bool, as_float_array, as_labels

# --------------------------------------------------------------------------------------------
# input checks


def _check_int(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an int >= {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value}")
    if value > 10_000:
        raise ValueError(f"{name} must be an int from {minimum} to 10,000, got {str(value)[:20]}")
    return int(value)


def _check_number(value: Any, name: str, lo: float | None = None, hi: float | None = None,
                  lo_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    try:
        v = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number of sensible size, got one with "
                         f"{len(str(abs(int(value))))} digits") from None
    bad = (not np.isfinite(v) or (lo is not None and (v <= lo if lo_open else v < lo))
           or (hi is not None and v > hi))
    if bad:
        want = {(True, True): f"between {lo} and {hi}", (True, False): f"{'>' if lo_open else '>='} {lo}",
                (False, True): f"<= {hi}", (False, False): "finite"}[(lo is not None, hi is not None)]
        raise ValueError(f"{name} must be a number {want}, got {value!r}")
    return v


def _check_text(value: Any, name: str, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string{' or None' if optional else ''}, got {type(value).__name__}")
    return value


def _check_ax(ax: Any, three_d: bool = False) -> Axes | None:
    if ax is None:
        return None
    if not isinstance(ax, Axes):
        hint = (" (plt.subplots(1, n) returns an array of axes: pass one of them, e.g. axes[0])"
                if isinstance(ax, np.ndarray) else "")
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}{hint}")
    if three_d and getattr(ax, "name", "") != "3d":
        raise TypeError("ax must be a 3-D Axes, made with fig.add_subplot(projection='3d'); got a 2-D one")
    return ax


# --------------------------------------------------------------------------------------------
# images

def image_grid(images: ImagesLike, nrow: int = 10, padding: int = 1, pad_value: float = 1.0,
               value_range: Any = "auto") -> np.ndarray:
    """Tile images into one ``(H, W)`` or ``(H, W, 3)`` array in [0, 1].

    ``images``: one image or a batch, in any layout and value range of the module doc. The layout
    is torchvision's ``make_grid`` (``nrow`` images per row, ``padding`` pixels of ``pad_value``
    around each; one image comes back alone, without a frame), written in numpy so a notebook need
    not import torchvision (about 160 MB and 1.5 s, as it pulls in torch's compiler stack).

    >>> image_grid(np.zeros((4, 28, 28)), nrow=2).shape, image_grid(np.zeros((28, 28))).shape
    ((59, 59), (28, 28))
    """
    nrow = _check_int(nrow, "nrow", 1)
    padding = _check_int(padding, "padding", 0)
    pad_value = _check_number(pad_value, "pad_value", 0.0, 1.0)
    return _tile(as_images(images, value_range), nrow, padding, pad_value)


def _tile(arr: np.ndarray, nrow: int, padding: int = 1, pad_value: float = 1.0) -> np.ndarray:
    """Tile a checked batch (n, H, W) or (n, H, W, 3) in [0, 1] into one picture."""
    if arr.ndim == 3:
        arr = arr[..., None]
    n, h, w, c = arr.shape
    if n == 1:  # like make_grid: a single image comes back as it is, without a frame
        return arr[0, ..., 0] if c == 1 else arr[0]
    cols = min(nrow, n)
    rows = -(-n // cols)
    grid = np.full((rows * (h + padding) + padding, cols * (w + padding) + padding, c), pad_value, np.float32)
    for i in range(n):
        top, left = (i // cols) * (h + padding) + padding, (i % cols) * (w + padding) + padding
        grid[top:top + h, left:left + w] = arr[i]
    return grid[..., 0] if c == 1 else grid


def show_images(images: ImagesLike, nrow: int = 10, title: str | None = None, ax: Axes | None = None,
                row_labels: Sequence[str] | None = None, size: float = 0.6, value_range: Any = "auto") -> Axes:
    """Show one image or a grid of them (``nrow`` per row); returns the axes.

    ``images`` and ``value_range`` as in the module doc (one image, a batch, a list; [0, 1], [-1, 1]
    or 0-255). ``row_labels`` writes a label left of each row (e.g. "k = 5"). ``size`` is inches per
    image when ``ax`` is None and a new figure is made.

    >>> ax = show_images(np.random.rand(6, 5, 5), nrow=3, row_labels=["a", "b"])
    >>> len(ax.images), [t.get_text() for t in ax.get_yticklabels()]
    (1, ['a', 'b'])
    """
    nrow = _check_int(nrow, "nrow", 1)
    title = _check_text(title, "title")
    ax = _check_ax(ax)
    size = _check_number(size, "size", 0.0, lo_open=True)
    arr = as_images(images, value_range)
    n = len(arr)
    rows = -(-n // min(nrow, n))
    if row_labels is not None:
        if isinstance(row_labels, str) or not isinstance(row_labels, Sequence):
            raise TypeError(f"row_labels must be a list of strings, one per row ({rows}), got "
                            f"{type(row_labels).__name__} {row_labels!r}")
        if len(row_labels) != rows:
            raise ValueError(f"row_labels needs one label per row ({rows} rows of {min(nrow, n)} for {n} images), "
                             f"got {len(row_labels)}")
    grid = _tile(arr, nrow)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(2.0, size * min(n, nrow)), max(1.0, size * rows)))
    ax.imshow(grid, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    if row_labels is not None:
        step = grid.shape[0] / rows
        ax.set_yticks([step * (i + 0.5) for i in range(rows)])
        ax.set_yticklabels([str(r) for r in row_labels])
        ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------
# scatters


def _check_scatter_style(s: Any, alpha: Any, cmap: Any) -> Any:
    _check_number(s, "s", 0.0, lo_open=True)
    _check_number(alpha, "alpha", 0.0, 1.0)
    if not isinstance(cmap, str):
        raise TypeError(f"cmap must be the name of a matplotlib colormap (e.g. 'tab10'), got {type(cmap).__name__}")
    try:
        return plt.get_cmap(cmap)
    except ValueError:
        raise ValueError(f"cmap must be the name of a matplotlib colormap (e.g. 'tab10'), got {cmap!r}") from None


def scatter2d(points: Any, labels: Any = None, ax: Axes | None = None, title: str | None = None,
              xlabel: str = "z0", ylabel: str = "z1", s: float = 6, alpha: float = 0.8, legend: bool = True,
              cmap: str = "tab10") -> Axes:
    """Scatter 2-D points ``(n, 2)``, coloured by integer ``labels`` ``(n,)`` with a legend; returns the axes.

    The axes are named after the columns: ``z0`` is ``points[:, 0]``, as everywhere in the course.

    >>> ax = scatter2d(np.random.rand(30, 2), np.repeat([0, 1, 2], 10))
    >>> len(ax.collections), ax.get_xlabel()
    (3, 'z0')
    """
    P = as_float_array(points, "points", ndim=2)
    if P.shape[1] != 2:
        raise ValueError(f"points must have 2 columns (x, y), got shape {P.shape}")
    ax = _check_ax(ax)
    title = _check_text(title, "title")
    xlabel, ylabel = _check_text(xlabel, "xlabel", False), _check_text(ylabel, "ylabel", False)
    colours = _check_scatter_style(s, alpha, cmap)
    y = None if labels is None else as_labels(labels, "labels", n=len(P))
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4.2))
    if y is None:
        ax.scatter(P[:, 0], P[:, 1], s=s, alpha=alpha)
    else:
        for i, lab in enumerate(np.unique(y)):
            m = y == lab
            ax.scatter(P[m, 0], P[m, 1], s=s, alpha=alpha, color=colours(i % colours.N), label=str(lab))
        if as_bool(legend, "legend"):
            ax.legend(markerscale=2.5, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    return ax


def scatter3d(points: Any, labels: Any = None, ax: Axes | None = None, title: str | None = None,
              axis_labels: Sequence[str] = ("z0", "z1", "z2"), s: float = 8, alpha: float = 0.8,
              cmap: str = "tab10", elev: float = 20, azim: float = -60) -> Axes:
    """Scatter 3-D points ``(n, 3)`` (coloured by integer ``labels``) on a 3-D axes; returns the axes.

    With ``%matplotlib widget`` it can be rotated with the mouse; inline it is a fixed view set
    by ``elev``/``azim`` (degrees).

    >>> ax = scatter3d(np.random.rand(20, 3), np.repeat([0, 1], 10))
    >>> len(ax.collections), ax.get_zlabel()
    (2, 'z2')
    """
    P = as_float_array(points, "points", ndim=2)
    if P.shape[1] != 3:
        raise ValueError(f"points must have 3 columns (x, y, z), got shape {P.shape}")
    ax = _check_ax(ax, three_d=True)
    title = _check_text(title, "title")
    if isinstance(axis_labels, str) or not isinstance(axis_labels, Sequence) or len(axis_labels) != 3:
        raise ValueError(f"axis_labels needs three names, e.g. ('z0', 'z1', 'z2'), got {axis_labels!r}")
    colours = _check_scatter_style(s, alpha, cmap)
    elev, azim = _check_number(elev, "elev"), _check_number(azim, "azim")
    y = None if labels is None else as_labels(labels, "labels", n=len(P))
    if ax is None:
        fig = plt.figure(figsize=(5, 4.2))
        ax = fig.add_subplot(projection="3d")
    if y is None:
        ax.scatter(P[:, 0], P[:, 1], P[:, 2], s=s, alpha=alpha)
    else:
        for i, lab in enumerate(np.unique(y)):
            m = y == lab
            ax.scatter(P[m, 0], P[m, 1], P[m, 2], s=s, alpha=alpha, color=colours(i % colours.N), label=str(lab))
        ax.legend(markerscale=2, fontsize=8, loc="upper left", frameon=False)
    ax.set_xlabel(str(axis_labels[0]))
    ax.set_ylabel(str(axis_labels[1]))
    ax.set_zlabel(str(axis_labels[2]))
    ax.view_init(elev=elev, azim=azim)
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------
# training curves


def _curve(values: Any, key: str) -> np.ndarray:
    """One history entry (a list of numbers or 0-d tensors, an array, a tensor, or a scalar) as 1-D floats."""
    if isinstance(values, torch.Tensor):
        values = values.detach().cpu().numpy()
    elif isinstance(values, (list, tuple)):
        values = [v.detach().cpu().numpy() if isinstance(v, torch.Tensor) else v for v in values]
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"history[{key!r}] must be numbers (one per epoch), got {type(values).__name__} "
                        f"{str(values)[:60]}") from None
    arr = np.atleast_1d(arr)
    if arr.ndim != 1:
        raise ValueError(f"history[{key!r}] must be one number per epoch, got shape {tuple(arr.shape)}")
    if arr.size == 0:
        raise ValueError(f"history[{key!r}] is empty: nothing to plot")
    return arr


def plot_history(history: Any, keys: str | Sequence[str] | None = None, ax: Axes | None = None,
                 title: str = "training", logy: bool = False) -> Axes:
    """Plot the per-epoch curves of a :class:`~latent_helpers.training.History` (or a dict of lists).

    ``keys``: one name (``"loss"``), a list of names, or None for all. Values may be lists of
    numbers or of tensors, arrays, tensors (even ones that require grad) or a single number.

    >>> ax = plot_history({"loss": [3, 2, 1], "val_loss": [3.5, 2.5, 2]}, keys="loss")
    >>> len(ax.lines), ax.lines[0].get_ydata().tolist()
    (1, [3.0, 2.0, 1.0])
    """
    terms = getattr(history, "terms", history)
    if not isinstance(terms, Mapping):
        raise TypeError(f"history must be a History from fit() or a dict {{name: list of numbers}}, "
                        f"got {type(history).__name__}")
    if not terms:
        raise ValueError("history must be a History from fit() or a non-empty dict of lists; it is empty")
    if keys is None:
        keys = list(terms)
    elif isinstance(keys, str):
        keys = [keys]
    elif isinstance(keys, Sequence) and all(isinstance(k, str) for k in keys):
        keys = list(keys)
        if not keys:
            raise ValueError(f"keys is empty: name at least one of {list(terms)}")
    else:
        raise TypeError(f"keys must be a name, a list of names or None, got {keys!r}")
    missing = [k for k in keys if k not in terms]
    if missing:
        raise ValueError(f"keys names {missing}, which the history does not have; it has {list(terms)}")
    ax = _check_ax(ax)
    title = _check_text(title, "title")
    if not isinstance(logy, (bool, np.bool_)):
        raise TypeError(f"logy must be True or False, got {logy!r}")
    curves = {k: _curve(terms[k], k) for k in keys}
    if logy:
        for k, arr in curves.items():
            if np.any(arr[np.isfinite(arr)] <= 0):
                raise ValueError(f"logy=True needs positive values, but history[{k!r}] has {arr.min():.3g}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3))
    for k, arr in curves.items():
        ax.plot(range(1, len(arr) + 1), arr, marker="o", ms=3, label=k)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss" + (" (log scale)" if logy else ""))
    if logy:
        ax.set_yscale("log")
    ax.legend(frameon=False)
    if title:
        ax.set_title(title)
    return ax


__all__ = ["image_grid", "plot_history", "scatter2d", "scatter3d", "show_images"]
