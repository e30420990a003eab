"""The live plot: controls above a picture that a draw function redraws whenever a control moves.

Every widget of the course is a :class:`LivePlot`, and every picture goes through one render path
(:meth:`LivePlot.render`) and one PNG encoder (:func:`encode_png`):

- the picture is an ``ipywidgets.Image`` of fixed size: no flicker, and the page shows a plain
  ``<img>`` that JupyterLab, Notebook 7 and Colab all render;
- the widget's mimebundle also carries the first frame as an ordinary ``image/png`` output, so a
  notebook read on GitHub or nbviewer (no kernel) still shows a picture where the widget would be;
- a draw function that fails shows the error in red under the picture *and* raises it, so nothing
  fails silently.
"""
from __future__ import annotations

import base64
import html
import io
import time
from numbers import Real
from typing import Any, Callable, Mapping

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..validation import as_bool


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The Agg canvas's current pixels as PNG bytes (RGB; quick zlib level 1: the pictures are small,
    and level 6 costs several times longer for a few percent fewer bytes).

    >>> fig = Figure(figsize=(1, 1), dpi=20); canvas = FigureCanvasAgg(fig); canvas.draw()
    >>> encode_png(canvas)[:4]
    b'\\x89PNG'
    """
    from PIL import Image

    if not isinstance(canvas, FigureCanvasAgg):
        raise TypeError(f"canvas must be a matplotlib FigureCanvasAgg, got {type(canvas).__name__}")
    rgba = np.asarray(canvas.buffer_rgba())
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgba[..., :3])).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _zorder(artist) -> float:
    return artist.get_zorder()


class LivePlot(W.VBox):
    """Controls above a picture that ``draw(fig, **values)`` redraws whenever a control moves.

    ``controls`` maps a keyword name to an ipywidgets control (slider, dropdown...). ``draw``
    receives a matplotlib ``Figure`` and the current value of every control, by name, and draws
    from those values alone. With ``persistent=False`` the figure is fresh every time. With
    ``persistent=True`` it is the *same* figure every time: build the axes when ``not fig.axes`` and
    afterwards only update artists (``im.set_data``...), which redraws about five times faster,
    since making axes is the slow part of matplotlib. Going further, artists marked
    ``artist.set_animated(True)`` in a persistent figure are drawn on top of a cached picture of
    everything else (matplotlib's "blitting"): mark them while building the first frame; then *only*
    animated artists may change after it.

    Attributes useful in tests: ``png`` (the current picture's bytes), ``renders`` (how many times
    it was drawn), ``latencies_ms`` (draw times), ``error`` (the last draw error, or None).

    >>> import ipywidgets as W
    >>> s = W.FloatSlider(value=1.0, min=0.0, max=2.0)
    >>> p = LivePlot(lambda fig, a: fig.add_subplot().plot([0, a]), {"a": s})
    >>> before = p.png; s.value = 2.0; p.png != before, p.renders
    (True, 2)
    """

    def __init__(self, draw: Callable[..., Any], controls: Mapping[str, W.ValueWidget],
                 figsize: tuple[float, float] = (5.0, 3.0), dpi: int = 80, title: str | None = None,
                 persistent: bool = False):
        if not callable(draw):
            raise TypeError(f"draw must be a function draw(fig, **values), got {type(draw).__name__}")
        if not isinstance(controls, Mapping) or not controls:
            raise ValueError(f"controls must be a non-empty dict {{name: ipywidgets control}}, got {controls!r}")
        for name, c in controls.items():
            if not isinstance(name, str):
                raise TypeError(f"controls: names must be strings (draw gets them as keywords), got {name!r}")
            if not isinstance(c, W.ValueWidget):
                raise TypeError(f"controls[{name!r}] must be an ipywidgets control with a .value, got {type(c).__name__}")
        if (isinstance(figsize, (str, bytes)) or not hasattr(figsize, "__len__") or len(figsize) != 2
                or not all(isinstance(v, Real) and not isinstance(v, bool) and 0 < v < 50 for v in figsize)):
            raise ValueError(f"figsize must be (width, height) in inches, two positive numbers, got {figsize!r}")
        if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) or not 10 <= dpi <= 600:
            raise ValueError(f"dpi must be an int between 10 and 600, got {dpi!r}")
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be a string or None, got {type(title).__name__}")
        persistent = as_bool(persistent, "persistent")
        self.draw = draw
        self.persistent = persistent
        self.controls = dict(controls)
        self.figsize = (float(figsize[0]), float(figsize[1]))
        self.dpi = int(dpi)
        self.renders = 0
        self.latencies_ms: list[float] = []
        self.error: BaseException | None = None
        self._figure: Figure | None = None
        self._background = None  # the cached picture under the animated artists (persistent figures)
        self._moving: list | None = None  # those animated artists, found on the first frame
        width, height = int(self.figsize[0] * self.dpi), int(self.figsize[1] * self.dpi)
        self.image = W.Image(format="png", layout=W.Layout(width=f"{width}px", height=f"{height}px"))
        self.message = W.HTML("")
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        super().__init__(children=[*header, *self.controls.values(), self.image, self.message])
        self.add_class("latent-liveplot")
        self.refresh()
        for c in self.controls.values():
            c.observe(self._on_change, names="value")

    @property
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {k: c.value for k, c in self.controls.items()}

    @property
    def png(self) -> bytes:
        """The current picture, PNG bytes."""
        return bytes(self.image.value)

    def _new_figure(self) -> Figure:
        fig = Figure(figsize=self.figsize, dpi=self.dpi)
        FigureCanvasAgg(fig)
        return fig

    def render(self, values: Mapping[str, Any] | None = None) -> bytes:
        """Draw ``values`` (default: the controls' current values) into PNG bytes without showing them."""
        values = self.values if values is None else dict(values)
        if not self.persistent:
            fig = self._new_figure()
            self.draw(fig, **values)
            fig.canvas.draw()
            return encode_png(fig.canvas)
        if self._figure is None:
            self._figure = self._new_figure()
        fig = self._figure
        self.draw(fig, **values)
        canvas = fig.canvas
        if self._background is None:
            canvas.draw()  # everything but the animated artists
            if self._moving is None:  # the first frame: find them, once
                self._moving = sorted(fig.findobj(lambda a: a.get_animated()), key=_zorder)
                if self._moving:  # later frames redraw only these, on top of a cached background
                    self._background = canvas.copy_from_bbox(fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._moving:
            fig.draw_artist(artist)
        return encode_png(canvas)

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


__all__ = ["LivePlot", "encode_png"]
