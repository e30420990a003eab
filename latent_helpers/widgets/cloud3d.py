"""Cloud3D: points in 3-D that turn, zoom and name themselves in the page, with no round trip to the kernel.

Notebook 02's code space and notebook 07's projector use it. The drawing is a canvas in the page
(``cloud3d.js``, run by anywidget from this package: nothing from a CDN): dragging turns the cloud, the
wheel zooms, hovering names a point, a click picks one (``.picked``, synced to the kernel, so Python can
answer with neighbours). A few thousand points turn at screen rate on a laptop without a GPU, which is
why it is a canvas of squares rather than WebGL, and why it is ours rather than a plotting library of
several megabytes (see the README's dependency section).

For readers without a kernel the output also carries a still ``image/png`` (matplotlib, once) and a
static fallback: the same drawing code with the points inline, and a slider that turns the cloud.
"""
from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any, Sequence

import anywidget
import ipywidgets as W
import numpy as np
import traitlets as T

from ..validation import as_float_array, short_repr
from .static import WIDGET_BUDGET

_JS = Path(__file__).with_name("cloud3d.js")


def unit_box(points: np.ndarray) -> np.ndarray:
    """Points centred and scaled so the largest spread fits in [-1, 1] (the view's frame).

    >>> unit_box(np.array([[0, 0, 0], [2, 1, 0]])).tolist()
    [[-1.0, -0.5, 0.0], [1.0, 0.5, 0.0]]
    """
    P = np.asarray(points, np.float64)
    lo, hi = P.min(0), P.max(0)
    half = max(float((hi - lo).max()) / 2, 1e-12)
    return (P - (lo + hi) / 2) / half


class Cloud3D(anywidget.AnyWidget):
    """``points`` ``(n, 3)`` drawn as a cloud that turns in the page; ``colours`` (CSS colours, one per point
    or one for all), ``labels`` (shown on hover and for ``marked`` points), ``lines`` ``[(i, j, colour)]``
    between points, ``highlight`` (a point drawn large in red, or -1), ``picked`` (the last point clicked,
    or -1).

    >>> c = Cloud3D(np.eye(3), labels=["a", "b", "c"]); len(c.points), c.picked
    (3, -1)
    """

    _esm = _JS
    points = T.List().tag(sync=True)
    colours = T.List(T.Unicode()).tag(sync=True)
    labels = T.List(T.Unicode()).tag(sync=True)
    marked = T.List(T.Int()).tag(sync=True)
    lines = T.List().tag(sync=True)
    highlight = T.Int(-1).tag(sync=True)
    picked = T.Int(-1).tag(sync=True)
    width = T.Int(480).tag(sync=True)
    height = T.Int(400).tag(sync=True)
    size = T.Float(2.5).tag(sync=True)
    title = T.Unicode("").tag(sync=True)

    def __init__(self, points: Any, colours: Any = "#1f77b4", labels: Sequence[str] | None = None,
                 width: int = 480, height: int = 400, size: float = 2.5, title: str = "", **kwargs):
        super().__init__(width=int(width), height=int(height), size=float(size), title=str(title), **kwargs)
        self.set_points(points, colours, labels)

    def set_points(self, points: Any, colours: Any = "#1f77b4", labels: Sequence[str] | None = None) -> None:
        """New points (and their colours and labels) in one update."""
        P = as_float_array(points, "points", ndim=2)
        if P.shape[1] != 3:
            raise ValueError(f"points must be (n, 3), got shape {P.shape}")
        n = len(P)
        if isinstance(colours, str):
            cols = [colours] * n
        elif isinstance(colours, (list, tuple)) and all(isinstance(c, str) for c in colours):
            cols = list(colours)
        else:
            raise TypeError(f"colours must be a CSS colour or a list of them, one per point, got {short_repr(colours)}")
        if len(cols) != n:
            raise ValueError(f"colours must be one colour or one per point (points has {n} rows), got {len(cols)}")
        if labels is None:
            labs = [""] * n
        elif isinstance(labels, (list, tuple)) and all(isinstance(t, str) for t in labels):
            labs = list(labels)
        else:
            raise TypeError(f"labels must be a list of texts, one per point, or None, got {short_repr(labels)}")
        if len(labs) != n:
            raise ValueError(f"labels must be one per point (points has {n} rows), got {len(labs)}")
        with self.hold_sync():
            self.points = np.round(unit_box(P), 4).tolist()
            self.colours, self.labels = cols, labs

    # ------------------------------------------------------------------ for readers without a kernel
    def still_png(self, yaw: float = -0.9, pitch: float = 0.35) -> bytes:
        """The cloud as the page first shows it, drawn by matplotlib (the same projection)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(self.width / 80, self.height / 80), dpi=80)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        P = np.asarray(self.points, float)
        if len(P):
            cy, sy, cp, sp = np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch)
            x = cy * P[:, 0] - sy * P[:, 1]
            y0 = sy * P[:, 0] + cy * P[:, 1]
            y, depth = cp * P[:, 2] - sp * y0, sp * P[:, 2] + cp * y0
            order = np.argsort(depth)
            ax.scatter(x[order], y[order], s=self.size ** 2, c=[self.colours[i] for i in order], marker="s", lw=0)
            for i in self.marked:
                ax.text(x[i], y[i], " " + self.labels[i], fontsize=8)
        s = self.width / self.height
        ax.set_xlim(-1.2 * s, 1.2 * s)
        ax.set_ylim(-1.2, 1.2)
        ax.set_axis_off()
        ax.text(0.01, 0.98, self.title, transform=ax.transAxes, fontsize=8, color="#555", va="top")
        fig.canvas.draw()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80)
        return buf.getvalue()

    def fallback(self) -> str:
        """The static fallback: the page's own drawing code with the points inline; a slider turns the cloud."""
        drawing = _JS.read_text().split("// ---- the anywidget view")[0].replace("export function", "function")
        data = {"points": self.points, "colours": self.colours, "labels": self.labels, "marked": list(self.marked),
                "lines": list(self.lines), "highlight": self.highlight, "width": self.width, "height": self.height,
                "size": self.size, "title": self.title}
        payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
        still = base64.b64encode(self.still_png()).decode("ascii")
        script = (drawing + "\n(function () {\n"
                  "  var root = document.currentScript.closest('.latent-static');\n"
                  "  var d = JSON.parse(root.querySelector('.latent-static-data').textContent);\n"
                  "  var img = root.querySelector('.latent-static-frame');\n"
                  "  var host = document.createElement('div');\n"
                  "  var cloud = makeCloud(host, function () { return d; }, null);\n"
                  "  var turn = root.querySelector('.latent-static-slider');\n"
                  "  turn.addEventListener('input', function () {\n"
                  "    cloud.view.yaw = -0.9 + Number(turn.value) * Math.PI / 180;\n"
                  "    cloud.draw();\n"
                  "    requestAnimationFrame(function () {\n"
                  "      img.src = host.querySelector('canvas').toDataURL('image/png');\n"
                  "      turn.nextElementSibling.textContent = turn.value + '\\u00b0';\n"
                  "    });\n"
                  "  });\n"
                  "})();")
        caption = "Without a kernel: the same points; the slider turns the cloud (hover and zoom need the notebook)."
        out = (f'<div class="latent-static" data-widget="Cloud3D">\n'
               f'<img class="latent-static-frame" alt="{html.escape(self.title or "a 3-D point cloud")}" '
               f'style="width:{self.width}px;height:{self.height}px;max-width:100%;object-fit:contain" '
               f'src="data:image/png;base64,{still}">\n'
               f'<label style="display:block;font:13px sans-serif">turn <input type="range" '
               f'class="latent-static-slider" min="-180" max="180" step="5" value="0" aria-label="turn" '
               f'style="vertical-align:middle"><output>0\u00b0</output></label>\n'
               f'<p class="latent-static-caption" style="font:12px sans-serif;color:#555">{caption}</p>\n'
               f'<script type="application/json" class="latent-static-data">{payload}</script>\n'
               f"<script>{script}</script>\n</div>")
        if len(out.encode()) > WIDGET_BUDGET:
            import warnings

            warnings.warn(f"Cloud3D: its static fallback takes {len(out.encode()):,} bytes, over {WIDGET_BUDGET:,}")
        return out

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        if bundle is not None:
            bundle["image/png"] = base64.b64encode(self.still_png()).decode("ascii")
            bundle["text/html"] = self.fallback()
        return bundle


def value_colours(values: Any, cmap: str = "viridis", lo: float = 0.0, hi: float = 1.0) -> list[str]:
    """CSS colours for numbers (a matplotlib colour map from ``lo`` to ``hi``).

    >>> value_colours([0.0, 1.0])
    ['#440154', '#fde725']
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    v = np.clip((as_float_array(values, "values", ndim=1) - lo) / (hi - lo), 0, 1)
    return [to_hex(c) for c in colormaps[cmap](v)]


class CloudPanel(W.VBox):
    """A panel of controls around a ``Cloud3D`` (``self.cloud``): its output carries the cloud's still picture
    (for GitHub) and its static fallback (for pages with no kernel) beside the widget view."""

    cloud: Cloud3D

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["image/png"] = base64.b64encode(self.cloud.still_png()).decode("ascii")
            bundle["text/html"] = self.cloud.fallback()
        return bundle


class CloudExplorer(CloudPanel):
    """Menus that choose which codes a :class:`Cloud3D` shows and what colours them: ``codes`` maps a name to
    ``(n, 3)`` codes (one menu entry each), ``colour_by`` a name to ``n`` numbers in [0, 1] (viridis).
    Turning, zooming and hovering happen in the page; a menu change sends the new points from the kernel.
    Its output also carries the cloud's still picture and static fallback (the first codes and colours)."""

    def __init__(self, codes: dict, colour_by: dict, title: str = "", width: int = 420, height: int = 380):
        for name, d in (("codes", codes), ("colour_by", colour_by)):
            if not isinstance(d, dict) or not d:
                raise TypeError(f"{name} must be a non-empty dict {{name: array}}, got {short_repr(d)}")
        self.codes = {str(k): as_float_array(v, f"codes[{k!r}]", ndim=2) for k, v in codes.items()}
        self.colour_by = {str(k): as_float_array(v, f"colour_by[{k!r}]", ndim=1) for k, v in colour_by.items()}
        sizes = {len(v) for v in (*self.codes.values(), *self.colour_by.values())}
        if len(sizes) != 1:
            raise ValueError(f"codes and colour_by must all have one row per point, got lengths {sorted(sizes)}")
        self.encoder = W.Dropdown(options=list(self.codes), description="encoder")
        self.colour = W.Dropdown(options=list(self.colour_by), description="colour by")
        self.cloud = Cloud3D(np.zeros((1, 3)), width=width, height=height)
        self.title = title
        self._update()
        for menu in (self.encoder, self.colour):
            menu.observe(lambda change: self._update(), names="value")
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        super().__init__(children=[*header, W.HBox([self.encoder, self.colour]), self.cloud])
        self.add_class("latent-cloud-explorer")

    def _update(self) -> None:
        name, by = self.encoder.value, self.colour.value
        self.cloud.set_points(self.codes[name], value_colours(self.colour_by[by]),
                              [f"{name} #{i}, {by} {v:.2f}" for i, v in enumerate(self.colour_by[by])])
        self.cloud.title = f"{name} codes coloured by {by} (drag to turn, wheel to zoom)"


__all__ = ["Cloud3D", "CloudExplorer", "unit_box", "value_colours"]
