"""Interactive pieces built on ipywidgets 8.

Every widget here draws a PNG with matplotlib and shows it in an ``ipywidgets.Image`` of fixed
size: no flicker, and the page shows a plain ``<img>`` that JupyterLab, Notebook 7 and Colab all
render. Each widget also carries its first frame as an ordinary ``image/png`` output, so a notebook
read on GitHub or nbviewer (no kernel) still shows a picture where the widget would be.

A callback that fails shows the error under the picture in red *and* raises it, so nothing fails
silently.
"""
from __future__ import annotations

import base64
import html
import io
import time
import weakref
from typing import Callable, Mapping

import ipywidgets as W
from matplotlib.figure import Figure


class LivePlot(W.VBox):
    """Controls above a picture that ``draw(fig, **values)`` redraws whenever a control moves.

    ``controls`` maps a keyword name to an ipywidgets control (slider, dropdown...). ``draw``
    receives a fresh matplotlib ``Figure`` and the current value of every control. With
    ``persistent=True`` it receives the *same* figure every time: build the axes when
    ``not fig.axes`` and afterwards only update artists (``im.set_data``...), which redraws
    about five times faster, since making axes is the slow part of matplotlib.

    Attributes useful in tests: ``png`` (the current picture's bytes), ``renders`` (how many times
    it was drawn), ``latencies_ms`` (draw times), ``error`` (the last callback error, or None).

    >>> import ipywidgets as W
    >>> s = W.FloatSlider(value=1.0, min=0.0, max=2.0)
    >>> p = LivePlot(lambda fig, a: fig.add_subplot().plot([0, a]), {"a": s})
    >>> before = p.png; s.value = 2.0; p.png != before
    True
    """

    #: every LivePlot made in this kernel (the benchmark moves their controls to time them)
    instances: "weakref.WeakSet[LivePlot]" = weakref.WeakSet()

    def __init__(self, draw: Callable[..., None], controls: Mapping[str, W.ValueWidget],
                 figsize: tuple[float, float] = (5.0, 3.0), dpi: int = 80, title: str | None = None,
                 persistent: bool = False):
        if not callable(draw):
            raise TypeError("draw must be a function draw(fig, **values)")
        if not isinstance(controls, Mapping) or not controls:
            raise ValueError("controls must be a non-empty dict {name: ipywidgets control}")
        for name, c in controls.items():
            if not isinstance(c, W.ValueWidget):
                raise TypeError(f"control {name!r} must be an ipywidgets control with a .value, got {type(c).__name__}")
        self.draw = draw
        self.persistent = bool(persistent)
        self._figure: Figure | None = None
        self.controls = dict(controls)
        self.figsize = figsize
        self.dpi = dpi
        self.renders = 0
        self.latencies_ms: list[float] = []
        self.error: BaseException | None = None
        width, height = int(figsize[0] * dpi), int(figsize[1] * dpi)
        self.image = W.Image(format="png", layout=W.Layout(width=f"{width}px", height=f"{height}px"))
        self.message = W.HTML("")
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        super().__init__(children=[*header, *self.controls.values(), self.image, self.message])
        self.add_class("latent-liveplot")
        self.refresh()
        for c in self.controls.values():
            c.observe(self._on_change, names="value")
        LivePlot.instances.add(self)

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {k: c.value for k, c in self.controls.items()}

    @property
    def png(self) -> bytes:
        return bytes(self.image.value)

    def render(self) -> bytes:
        """Draw the current state into PNG bytes without showing them."""
        if self.persistent:
            if self._figure is None:
                self._figure = Figure(figsize=self.figsize, dpi=self.dpi)
            fig = self._figure
        else:
            fig = Figure(figsize=self.figsize, dpi=self.dpi)
        self.draw(fig, **self.values)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=self.dpi)
        return buf.getvalue()

    def refresh(self) -> None:
        """Redraw now. On failure: show the error in red under the picture, then raise it."""
        start = time.perf_counter()
        try:
            png = self.render()
        except Exception as exc:
            self.error = exc
            self.message.value = (f'<pre style="color:#b00020;white-space:pre-wrap">'
                                  f'{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</pre>')
            raise
        self.image.value = png
        self.error = None
        if self.message.value:
            self.message.value = ""
        self.renders += 1
        self.latencies_ms.append((time.perf_counter() - start) * 1000)

    def _on_change(self, change) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:  # the first frame, for readers without a kernel (GitHub, nbviewer)
            bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle


def measure_latency(steps: int = 5, plots=None) -> list[float]:
    """Move every control of ``plots`` (default: every :class:`LivePlot` made in this kernel) through
    ``steps`` values and back; return the milliseconds each redraw took.

    The benchmark runs this after a notebook has executed: the figure is the kernel-side time from
    a value change to a new picture (the browser test measures the round trip through the page).
    """
    times: list[float] = []
    for plot in list(LivePlot.instances) if plots is None else list(plots):
        for control in plot.controls.values():
            original = control.value
            for value in _probe_values(control, steps):
                n = len(plot.latencies_ms)
                control.value = value
                times.extend(plot.latencies_ms[n:])
            control.value = original
    return times


def _probe_values(control, steps: int) -> list:
    lo, hi = getattr(control, "min", None), getattr(control, "max", None)
    if lo is not None and hi is not None:
        vals = [lo + (hi - lo) * (i + 1) / (steps + 1) for i in range(steps)]
        return [type(control.value)(v) if isinstance(control.value, int) else v for v in vals]
    options = getattr(control, "options", None)
    if options:
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        return labels[:steps]
    return []


def blend_demo(a, b, labels: tuple[str, str] = ("A", "B")) -> LivePlot:
    """00's demo: a slider ``t`` that mixes image ``a`` into image ``b`` pixel by pixel.

    Shows ``(1 - t) * a + t * b``. (Notebook 03 shows why mixing *codes* beats mixing pixels.)
    """
    from ._validate import as_float_array

    A = as_float_array(a, "a", ndim=2)
    B = as_float_array(b, "b", ndim=2)
    if A.shape != B.shape:
        raise ValueError(f"a and b must have the same shape, got {A.shape} and {B.shape}")
    slider = W.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.05, description="t",
                           continuous_update=True, readout_format=".2f")

    def draw(fig: Figure, t: float) -> None:
        mixed = (1 - t) * A + t * B
        if not fig.axes:  # first frame: build the three panels once
            axes = fig.subplots(1, 3)
            for ax, img, name in zip(axes, (A, mixed, B), (f"{labels[0]} (t = 0)", "", f"{labels[1]} (t = 1)")):
                ax.imshow(img, cmap="gray", vmin=0, vmax=1)
                ax.set_title(name, fontsize=10)
                ax.axis("off")
            fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88, wspace=0.08)
        middle = fig.axes[1]
        middle.images[0].set_data(mixed)
        middle.set_title(f"mix at t = {t:.2f}", fontsize=10)

    return LivePlot(draw, {"t": slider}, figsize=(6.0, 2.3), title="Move the slider: t goes from 0 to 1",
                    persistent=True)


# --------------------------------------------------------------------------------------------
# Latent-space widgets: LatentSliders (one slider per latent dimension) and Interpolator (a slider
# t along a path through codes). Both decode with the caller's function and draw with imshow into
# a persistent figure, so a redraw costs little more than the decoder and one PNG.

_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def _decode_one(decode: Callable, z) -> "np.ndarray":
    """Call ``decode`` on one code; return a (H, W) or (H, W, 3) float array clipped to [0, 1]."""
    import numpy as np

    out = decode(np.asarray(z, dtype=np.float32)[None, :])
    try:
        import torch
        if isinstance(out, torch.Tensor):
            out = out.detach().cpu().numpy()
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    arr = np.asarray(out, dtype=np.float32)
    if arr.ndim == 2:  # (1, H*W): a flat square image
        side = int(round(np.sqrt(arr.shape[1])))
        if arr.shape[0] == 1 and side * side == arr.shape[1]:
            arr = arr.reshape(1, side, side)
    if arr.ndim == 4 and arr.shape[1] in (1, 3) and arr.shape[-1] not in (1, 3):  # (n, C, H, W)
        arr = np.transpose(arr, (0, 2, 3, 1))
    if arr.ndim == 4 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim not in (3, 4) or arr.shape[0] != 1 or (arr.ndim == 4 and arr.shape[-1] != 3):
        raise ValueError("decode(Z) must return images of shape (n, H, W) or (n, H, W, 3) for Z of shape "
                         f"(n, d); for one code it returned shape {tuple(np.shape(out))}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("decode(Z) returned NaN or infinite pixel values")
    return np.clip(arr[0], 0.0, 1.0)


def _show_image(ax, img) -> None:
    ax.imshow(img, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_axis_off()  # no ticks or spines: each one is a text/line matplotlib redraws every frame


def _canvas_png(canvas) -> bytes:
    """The Agg canvas's current pixels as PNG bytes (RGB; quick zlib level, the picture is small)."""
    import numpy as np
    from PIL import Image

    rgba = np.asarray(canvas.buffer_rgba())
    buf = io.BytesIO()
    Image.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _raster_scatter(p2, labels, lo, hi, colours, shape=(150, 210), alpha=0.55):
    """Paint 2-D points as 2x2-pixel dots into an RGBA image (white, transparent background).

    A scatter of thousands of points costs ~50 ms on every PNG save; an image of them costs ~1 ms.
    """
    import numpy as np
    from matplotlib.colors import to_rgb

    h, w = shape
    img = np.ones((h, w, 4), np.float32)
    img[..., 3] = 0.0
    cols = np.clip(((p2[:, 0] - lo[0]) / (hi[0] - lo[0]) * (w - 1)).round().astype(int), 0, w - 2)
    rows = np.clip(((p2[:, 1] - lo[1]) / (hi[1] - lo[1]) * (h - 1)).round().astype(int), 0, h - 2)
    rgb = (np.tile(np.array(to_rgb("#9a9a9a"), np.float32), (len(p2), 1)) if labels is None
           else np.array([to_rgb(colours[k]) for k in labels], np.float32))
    for dr in (0, 1):
        for dc in (0, 1):
            img[rows + dr, cols + dc, :3] = (1 - alpha) * img[rows + dr, cols + dc, :3] + alpha * rgb
            img[rows + dr, cols + dc, 3] = 1.0
    return img


class LatentSliders(LivePlot):
    """One slider per latent dimension; the decoded image of the current code is drawn live.

    ``decode(Z)`` takes a float32 array ``(n, d)`` and returns images ``(n, H, W)`` or
    ``(n, H, W, 3)`` in [0, 1] (a torch tensor is fine too). ``base_code`` ``(d,)`` is where the
    sliders start; ``dims`` picks the dimensions that get a slider (default: all of them, or the
    first 10 when ``d > 10``); ``ranges`` is one ``(lo, hi)`` for every slider or an array
    ``(len(dims), 2)``; ``names`` labels the sliders (default ``z0, z1, ...``). Dimensions without
    a slider keep their ``base_code`` value. ``.code`` is the current full code.

    >>> import numpy as np
    >>> w = LatentSliders(lambda Z: np.tile(Z[:, :1, None], (1, 4, 4)), np.zeros(2), ranges=(0, 1))
    >>> before = w.png; w.controls["z0"].value = 0.9; w.png != before
    True
    """

    MAX_DEFAULT_DIMS = 10

    def __init__(self, decode: Callable, base_code, dims=None, ranges=(-3.0, 3.0), names=None,
                 title: str | None = None, image_size: float = 2.5):
        import numpy as np

        from ._validate import as_float_array

        if not callable(decode):
            raise TypeError(f"decode must be a function decode(Z) -> images, got {type(decode).__name__}")
        base = as_float_array(base_code, "base_code", ndim=1)
        d = base.shape[0]
        if dims is None:
            dims = list(range(min(d, self.MAX_DEFAULT_DIMS)))
        else:
            if isinstance(dims, (str, bytes)) or np.ndim(dims) != 1:
                raise TypeError(f"dims must be a list of latent dimension indices, got {dims!r}")
            dims = list(dims)
            if not dims:
                raise ValueError("dims is empty: give at least one latent dimension to put on a slider")
            for k in dims:
                if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
                    raise TypeError(f"dims must hold ints, got {k!r}")
                if not 0 <= k < d:
                    raise ValueError(f"dims must be between 0 and {d - 1} for a {d}-D code, got {k}")
            if len(set(int(k) for k in dims)) != len(dims):
                raise ValueError(f"dims must not repeat a dimension, got {dims}")
            dims = [int(k) for k in dims]
        rng_arr = as_float_array(ranges, "ranges", ndim=(1, 2))
        if rng_arr.ndim == 1:
            if rng_arr.shape[0] != 2:
                raise ValueError(f"ranges must be (lo, hi) or an array of shape ({len(dims)}, 2), got {rng_arr.shape}")
            rng_arr = np.tile(rng_arr, (len(dims), 1))
        if rng_arr.shape != (len(dims), 2):
            raise ValueError(f"ranges must be (lo, hi) or an array of shape ({len(dims)}, 2), got {rng_arr.shape}")
        if np.any(rng_arr[:, 1] <= rng_arr[:, 0]):
            raise ValueError("every range must have lo < hi")
        if names is None:
            names = [f"z{k}" for k in dims]
        else:
            names = [str(n) for n in names]
            if len(names) != len(dims):
                raise ValueError(f"names needs one label per slider ({len(dims)}), got {len(names)}")
            if len(set(names)) != len(names):
                raise ValueError("names must be distinct")
        if not isinstance(image_size, (int, float)) or isinstance(image_size, bool) or image_size <= 0:
            raise ValueError(f"image_size must be a positive number of inches, got {image_size!r}")
        self.decode_fn = decode
        self.base_code = base.copy()
        self.dims = dims
        self.names = names
        controls = {}
        for name, k, (lo, hi) in zip(names, dims, rng_arr):
            v = float(base[k])
            lo, hi = float(min(lo, v)), float(max(hi, v))
            controls[name] = W.FloatSlider(value=v, min=lo, max=hi, step=(hi - lo) / 100.0, description=name,
                                           continuous_update=True, readout_format=".2f")
        super().__init__(self._draw, controls, figsize=(float(image_size), float(image_size)), title=title,
                         persistent=True)

    @property
    def code(self):
        """The current full latent code (``base_code`` with the slider values put in)."""
        z = self.base_code.copy()
        for name, k in zip(self.names, self.dims):
            z[k] = self.controls[name].value
        return z

    def _draw(self, fig: Figure, **values) -> None:
        img = _decode_one(self.decode_fn, self.code)
        if not fig.axes:
            ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
            _show_image(ax, img)
            self._im = ax.images[0]
        else:
            self._im.set_data(img)


class Interpolator(LivePlot):
    """A slider ``t`` in [0, 1] that walks the piecewise path through ``waypoints`` ``(k, d)``.

    Left: the decoded image of the code at ``t`` (``decode`` as in :class:`LatentSliders`). Right:
    a 2-D map of the latent space with ``map_points`` (coloured by ``map_labels``, named by
    ``label_names``), the path, its waypoints and the current point. For ``d == 2`` the map shows
    the codes themselves; otherwise their projection on the first two principal components of
    ``map_points`` (or of the waypoints). A dropdown switches between ``lerp`` and ``slerp``.
    ``t`` is spread over segments by their length (see :func:`latent_helpers.interpolation.path_point`).

    >>> import numpy as np
    >>> w = Interpolator(lambda Z: np.tile(Z[:, :1, None], (1, 4, 4)), [[0.0, 0.0], [1.0, 1.0]])
    >>> before = w.png; w.controls["t"].value = 1.0; w.png != before
    True
    """

    MAX_MAP_POINTS = 2000

    def __init__(self, decode: Callable, waypoints, method: str = "lerp", map_points=None, map_labels=None,
                 label_names=None, title: str | None = None):
        import numpy as np

        from ._validate import as_float_array, as_labels
        from .interpolation import METHODS, _waypoints

        if not callable(decode):
            raise TypeError(f"decode must be a function decode(Z) -> images, got {type(decode).__name__}")
        C = _waypoints(waypoints).astype(np.float32)
        d = C.shape[1]
        if method not in METHODS:
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
                raise ValueError("map_labels must be >= 0")
        if label_names is not None:
            label_names = [str(s) for s in label_names]
            if labels is not None and labels.size and labels.max() >= len(label_names):
                raise ValueError(f"label_names has {len(label_names)} names but map_labels go up to {labels.max()}")
        self.decode_fn = decode
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
        self._paths = {}
        self._background = None
        self._dynamic = []
        t_slider = W.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.01, description="t",
                                 continuous_update=True, readout_format=".2f")
        m = W.Dropdown(options=list(METHODS), value=method, description="method")
        super().__init__(self._draw, {"t": t_slider, "method": m}, figsize=(5.6, 2.6), title=title,
                         persistent=True)

    def render(self) -> bytes:
        """Draw the current state to PNG bytes. The static parts (axes, ticks, the map's points,
        the waypoints) are drawn once and cached; each later frame restores them and draws only the
        picture, the path, the current point and the title on top (matplotlib's "blitting")."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        if self._figure is None:
            self._figure = Figure(figsize=self.figsize, dpi=self.dpi)
            FigureCanvasAgg(self._figure)
        fig = self._figure
        self.draw(fig, **self.values)
        canvas = fig.canvas
        if self._background is None:
            canvas.draw()  # everything but the animated artists
            self._background = canvas.copy_from_bbox(fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._dynamic:
            fig.draw_artist(artist)
        return _canvas_png(canvas)

    def project(self, Z):
        """Project codes ``(n, d)`` onto the map's 2-D plane."""
        import numpy as np

        Z = np.asarray(Z, dtype=np.float32)
        return (Z - self._mean) @ self._axes2

    @property
    def code(self):
        """The code at the current ``t`` along the path."""
        from .interpolation import path_point

        return path_point(self.waypoints, float(self.controls["t"].value), self.controls["method"].value)

    def _path2d(self, method: str):
        from .interpolation import interpolate_path

        if method not in self._paths:
            self._paths[method] = self.project(interpolate_path(self.waypoints, 60, method))
        return self._paths[method]

    def _draw(self, fig: Figure, t: float, method: str) -> None:
        import numpy as np

        z = self.code
        img = _decode_one(self.decode_fn, z)
        here = self.project(z[None, :])[0]
        path = self._path2d(method)
        if not fig.axes:
            ax_img = fig.add_axes((0.02, 0.04, 0.40, 0.82))
            _show_image(ax_img, img)
            self._im = ax_img.images[0]
            self._img_title = fig.text(0.22, 0.92, "", fontsize=9, ha="center")
            ax_map = fig.add_axes((0.53, 0.17, 0.45, 0.69))
            P, labels, names = self._map_points, self._map_labels, self._label_names
            w2 = self.project(self.waypoints)
            p2 = self.project(P) if P is not None else np.zeros((0, 2), np.float32)
            allp = np.concatenate([p2, w2, self._path2d("lerp"), self._path2d("slerp")])
            lo, hi = allp.min(axis=0), allp.max(axis=0)
            pad = np.maximum((hi - lo) * 0.06, 1e-3)
            lo, hi = lo - pad, hi + pad
            if P is not None:  # the background points, painted once into an image: cheap to redraw
                colours = None if labels is None else [_PALETTE[k % len(_PALETTE)] for k in range(int(labels.max()) + 1)]
                rgba = _raster_scatter(p2, labels, lo, hi, colours)
                ax_map.imshow(rgba, extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower", aspect="auto",
                              interpolation="nearest")
                if labels is not None:
                    from matplotlib.lines import Line2D
                    handles = [Line2D([], [], ls="", marker="s", ms=4, color=colours[k],
                                      label=names[k] if names is not None else str(k))
                               for k in np.unique(labels)]
                    ax_map.legend(handles=handles, fontsize=7, loc="best", frameon=True, framealpha=0.7,
                                  handletextpad=0.1, borderpad=0.2)
            ax_map.set_xlim(lo[0], hi[0])
            ax_map.set_ylim(lo[1], hi[1])
            (self._path_line,) = ax_map.plot(path[:, 0], path[:, 1], "-", color="k", lw=1)
            ax_map.plot(w2[:, 0], w2[:, 1], "o", mfc="white", mec="k", ms=5)
            ax_map.set_autoscale_on(False)
            (self._dot,) = ax_map.plot([here[0]], [here[1]], "o", color="#d62728", ms=8, mec="k")
            lab = "PC" if self.map_is_pca else "z"
            ax_map.set_xlabel(f"{lab}1" if self.map_is_pca else "z0", fontsize=8, labelpad=1)
            ax_map.set_ylabel(f"{lab}2" if self.map_is_pca else "z1", fontsize=8, labelpad=1)
            ax_map.tick_params(labelsize=7, length=2, pad=1)
            from matplotlib.ticker import MaxNLocator
            ax_map.xaxis.set_major_locator(MaxNLocator(4))
            ax_map.yaxis.set_major_locator(MaxNLocator(4))
            fig.text(0.755, 0.92, "latent map" + (" (PCA)" if self.map_is_pca else ""), fontsize=9, ha="center")
            # what changes from frame to frame: drawn on top of a cached background (see render)
            self._dynamic = [self._im, self._img_title, self._path_line, self._dot]
            for artist in self._dynamic:
                artist.set_animated(True)
        else:
            self._im.set_data(img)
            self._path_line.set_data(path[:, 0], path[:, 1])
            self._dot.set_data([here[0]], [here[1]])
        self._img_title.set_text(f"decoded at t = {t:.2f}")
