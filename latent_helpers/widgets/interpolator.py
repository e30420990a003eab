"""Interpolator: a slider ``t`` that walks a path through latent codes, the decoded picture at ``t``
beside a 2-D map of the latent space with the path on it."""
from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..decoding import as_decoder
from ..paths import METHODS, as_waypoints, interpolate_path, path_point
from ..validation import as_float_array, as_labels, as_list
from ._draw import class_colours, raster_scatter, show_image
from .live import LivePlot


class Interpolator(LivePlot):
    """A slider ``t`` in [0, 1] that walks the piecewise path through ``waypoints`` ``(m, k)``.

    Left: the decoded image of the code at ``t`` (``decode`` and ``value_range`` as in
    :class:`LatentSliders`: a torch module, a bound method of one, or a function of codes).
    Right: a 2-D map of the latent space with ``map_points`` ``(n, k)`` (coloured by integer
    ``map_labels``, named by ``label_names``), the path, its waypoints and the current point. For
    ``k == 2`` the map shows the codes themselves (axes ``z0``, ``z1``); otherwise their projection
    on the first two principal components of ``map_points`` (or of the waypoints), ``PC1`` and
    ``PC2``. A dropdown switches between ``lerp`` and ``slerp``. ``t`` is spread over segments by
    their length (see :func:`latent_helpers.interpolation.path_point`).

    Static fallback (pages with no kernel): up to 21 pictures along ``t`` with the method shown, and
    both methods at the starting ``t`` (one control at a time from the values shown).

    >>> import numpy as np
    >>> w = Interpolator(lambda Z: np.tile(Z[:, :1, None], (1, 4, 4)), [[0.0, 0.0], [1.0, 1.0]])
    >>> before = w.png; w.controls["t"].value = 1.0; w.png != before
    True
    """

    MAX_MAP_POINTS = 2000

    def __init__(self, decode: Callable, waypoints: Any, method: str = "lerp", map_points: Any = None,
                 map_labels: Any = None, label_names: Sequence[str] | None = None, title: str | None = None,
                 value_range: Any = "auto"):
        self.decoder = as_decoder(decode, value_range)
        C = as_waypoints(waypoints, "waypoints").astype(np.float32)
        d = C.shape[1]
        if not isinstance(method, str) or method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {method!r}")
        P = None
        if map_points is not None:
            P = as_float_array(map_points, "map_points", ndim=2)
            if P.shape[1] != d:
                raise ValueError(f"map_points must be codes of length {d} like the waypoints, got shape {P.shape}")
        labels = None
        if map_labels is not None:
            if P is None:
                raise ValueError("map_labels needs map_points to colour")
            labels = as_labels(map_labels, "map_labels", n=len(P))
            if labels.size and labels.min() < 0:
                raise ValueError(f"map_labels must be class numbers >= 0, got {labels.min()}")
        if label_names is not None:
            label_names = [str(s) for s in as_list(label_names, "label_names", "names, one per class")]
            if labels is not None and labels.size and labels.max() >= len(label_names):
                raise ValueError(f"label_names has {len(label_names)} names but map_labels go up to {labels.max()}")
        self.waypoints = C
        # the 2-D map: the codes themselves, or a PCA fitted on the map points (or the waypoints)
        if d == 2:
            self._mean, self._axes2 = np.zeros(2, np.float32), np.eye(2, dtype=np.float32)
        else:
            ref = P if P is not None and len(P) >= 2 else C
            self._mean = ref.mean(axis=0)
            _, _, vt = np.linalg.svd(ref - self._mean, full_matrices=False)
            axes2 = np.zeros((2, d), np.float32)
            axes2[:min(2, len(vt))] = vt[:2]
            self._axes2 = axes2.T if d > 1 else np.array([[1.0, 0.0]], np.float32)
        self.map_is_pca = d != 2
        if P is not None and len(P) > self.MAX_MAP_POINTS:  # a fixed, even subsample keeps redraws fast
            keep = np.linspace(0, len(P) - 1, self.MAX_MAP_POINTS).round().astype(int)
            P = P[keep]
            labels = labels[keep] if labels is not None else None
        self._map_points, self._map_labels, self._label_names = P, labels, label_names
        self._paths: dict[str, np.ndarray] = {}
        t_slider = W.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.01, description="t",
                                 continuous_update=True, readout_format=".2f")
        m = W.Dropdown(options=list(METHODS), value=method, description="method")
        super().__init__(self._draw, {"t": t_slider, "method": m}, figsize=(5.6, 2.6), title=title,
                         persistent=True)

    def project(self, Z: Any) -> np.ndarray:
        """Project codes ``(n, k)`` onto the map's 2-D plane: ``(n, 2)``."""
        Z = as_float_array(Z, "codes", ndim=2)
        if Z.shape[1] != self.waypoints.shape[1]:
            raise ValueError(f"codes must have {self.waypoints.shape[1]} columns like the waypoints, got shape {Z.shape}")
        return (Z - self._mean) @ self._axes2

    def code_at(self, t: float, method: str = "lerp") -> np.ndarray:
        """The code at ``t`` along the path, walked with ``method``."""
        return path_point(self.waypoints, float(t), method)

    @property
    def code(self) -> np.ndarray:
        """The code at the current ``t`` along the path."""
        return self.code_at(self.controls["t"].value, self.controls["method"].value)

    def _path2d(self, method: str) -> np.ndarray:
        if method not in self._paths:
            self._paths[method] = self.project(interpolate_path(self.waypoints, 60, method))
        return self._paths[method]

    def _draw(self, fig: Figure, t: float, method: str) -> None:
        z = self.code_at(t, method)
        img = self.decoder(z)[0]
        here = self.project(z[None, :])[0]
        path = self._path2d(method)
        if not fig.axes:
            self._build(fig, img, here, path)
        else:
            self._im.set_data(img)
            self._path_line.set_data(path[:, 0], path[:, 1])
            self._dot.set_data([here[0]], [here[1]])
        self._img_title.set_text(f"decoded at t = {t:.2f}")

    def _build(self, fig: Figure, img: np.ndarray, here: np.ndarray, path: np.ndarray) -> None:
        """The first frame. What moves (picture, its title, path, current point) is animated: later
        frames draw only those on top of the rest (see :class:`LivePlot`)."""
        self._im = show_image(fig.add_axes((0.02, 0.04, 0.40, 0.82)), img, animated=True)
        self._img_title = fig.text(0.22, 0.92, "", fontsize=9, ha="center", animated=True)
        ax_map = fig.add_axes((0.53, 0.17, 0.45, 0.69))
        P, labels, names = self._map_points, self._map_labels, self._label_names
        w2 = self.project(self.waypoints)
        p2 = self.project(P) if P is not None else np.zeros((0, 2), np.float32)
        allp = np.concatenate([p2, w2, self._path2d("lerp"), self._path2d("slerp")])
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        pad = np.maximum((hi - lo) * 0.06, 1e-3)
        lo, hi = lo - pad, hi + pad
        if P is not None:  # the background points, painted once into an image: cheap to redraw
            colours = None if labels is None else class_colours(int(labels.max()) + 1)
            rgba = raster_scatter(p2, labels, lo, hi, colours)
            ax_map.imshow(rgba, extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower", aspect="auto",
                          interpolation="nearest")
            if labels is not None:
                handles = [Line2D([], [], ls="", marker="s", ms=4, color=colours[k],
                                  label=names[k] if names is not None else str(k))
                           for k in np.unique(labels)]
                ax_map.legend(handles=handles, fontsize=7, loc="best", frameon=True, framealpha=0.7,
                              handletextpad=0.1, borderpad=0.2)
        ax_map.set_xlim(lo[0], hi[0])
        ax_map.set_ylim(lo[1], hi[1])
        (self._path_line,) = ax_map.plot(path[:, 0], path[:, 1], "-", color="k", lw=1, animated=True)
        ax_map.plot(w2[:, 0], w2[:, 1], "o", mfc="white", mec="k", ms=5)
        ax_map.set_autoscale_on(False)
        (self._dot,) = ax_map.plot([here[0]], [here[1]], "o", color="#d62728", ms=8, mec="k", animated=True)
        x_name, y_name = ("PC1", "PC2") if self.map_is_pca else ("z0", "z1")
        ax_map.set_xlabel(x_name, fontsize=8, labelpad=1)
        ax_map.set_ylabel(y_name, fontsize=8, labelpad=1)
        ax_map.tick_params(labelsize=7, length=2, pad=1)
        ax_map.xaxis.set_major_locator(MaxNLocator(4))
        ax_map.yaxis.set_major_locator(MaxNLocator(4))
        fig.text(0.755, 0.92, "latent map" + (" (PCA)" if self.map_is_pca else ""), fontsize=9, ha="center")


__all__ = ["Interpolator"]
