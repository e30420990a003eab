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
import matplotlib.pyplot as plt
from matplotlib.figure import Figure


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render a matplotlib figure to PNG bytes (and close it)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()


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
    from ._checks import as_float_array

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
