"""The live plot: controls above a picture that a draw function redraws whenever a control moves.

Every widget of the course is a :class:`LivePlot`, and every picture goes through one render path
(:meth:`LivePlot.render`) and one PNG encoder (:func:`encode_png`):

- the picture is an ``ipywidgets.Image`` of fixed size: no flicker, and the page shows a plain
  ``<img>`` that JupyterLab, Notebook 7 and Colab all render;
- the widget's mimebundle also carries the first frame as an ordinary ``image/png`` output, so a
  notebook read on GitHub or nbviewer (no kernel) still shows a picture where the widget would be;
- a draw function that fails shows the error in red under the picture *and* raises it, so nothing
  fails silently;
- the picture is a :class:`~latent_helpers.widgets.frames.FrameView`: once a page shows the widget, the
  kernel renders, while it is idle, the pictures along each control ("strips") and sends them to the
  page, so dragging a control swaps pictures in the page at screen rate; the kernel's own picture is
  tagged with the values it belongs to, and the page never draws one for other values than those on
  screen;
- updates from the page never pile up: ipywidgets keeps one update of a control in flight and merges
  the ones that come meanwhile, so the kernel draws the newest values, and the page draws a kernel
  picture only if it belongs to the values on screen;
- the mimebundle also carries a static fallback (``text/html``, :mod:`.static`): pictures along each
  control, one control at a time from the values shown, swapped by a few lines of JavaScript.
"""
from __future__ import annotations

import asyncio
import base64
import html
import io
import time
import warnings
from numbers import Real
from typing import Any, Callable, Mapping

import ipywidgets as W
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..validation import as_bool
from .frames import MAX_POSITIONS, FrameView, front_state, held, near_first, positions, value_at
from .static import LADDER, WIDGET_BUDGET, fallback_html, quantized, spread


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

    Its output also carries a static fallback for pages with no kernel (:meth:`fallback`): up to 21
    pictures along each slider or menu, one control at a time from the values shown (moving one puts
    the others back), within 300 kB; the caption says how many pictures it holds.

    Attributes useful in tests: ``png`` (the current picture's bytes), ``renders`` (how many times
    it was drawn), ``latencies_ms`` (draw times), ``error`` (the last draw error, or None).

    >>> import ipywidgets as W
    >>> s = W.FloatSlider(value=1.0, min=0.0, max=2.0)
    >>> p = LivePlot(lambda fig, a: fig.add_subplot().plot([0, a]), {"a": s})
    >>> before = p.png; s.value = 2.0; p.png != before, p.renders
    (True, 2)
    """

    PIXELATED = False   # the page scales the picture without smoothing (small pictures of pixels)
    BATCH_FRAMES = False  # frames_along draws many pictures at the cost of one (LatentSliders: one decoder batch)
    STRIP_SLICE_S = 0.04  # kernel time one slice of strip rendering may take before it lets messages in
    FALLBACK_FRAMES = 21  # pictures per control in the static fallback, at most
    #: what the static fallback covers, said in its caption
    FALLBACK_COVERS = ("one control at a time, from the values shown: moving one puts the others back "
                       "where they started")

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
        self._strip_timer = None          # the next slice of strip rendering
        self._strips_sent: dict = {}      # (control, the others' state) -> positions the page holds
        self._strips_wanted = False       # a page shows this widget: render strips when idle
        self._stale = False               # the page drew the current values from a strip; the kernel has not yet
        self.image = self._make_view(width, height)
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

    def _make_view(self, width: int, height: int) -> W.DOMWidget:
        """The picture's widget in the page: a :class:`FrameView` of the kernel's pictures. A widget that
        draws in the page itself (:class:`~latent_helpers.widgets.topic_mixer.TopicMixer`) brings its own."""
        return FrameView(list(self.controls.values()), width, height, pixelated=self.PIXELATED,
                         on_request=self._page_wants_strips, kind=type(self).__name__)

    @property
    def png(self) -> bytes:
        """The current picture, PNG bytes."""
        if self._stale:
            self.refresh()
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
        png = self._render_counted()
        with self.image.hold_sync():  # the picture and the values it belongs to arrive together
            self.image.state = self.state
            self.image.value = png
        self._stale = False

    def _render_counted(self) -> bytes:
        """:meth:`render`, timed and counted; a failure is shown in red under the picture, then raised."""
        start = time.perf_counter()
        try:
            png = self.render()
        except Exception as exc:
            self.error = exc
            self.message.value = (f'<pre style="color:#b00020;white-space:pre-wrap">'
                                  f'{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</pre>')
            raise
        self.error = None
        if self.message.value:
            self.message.value = ""
        self.renders += 1
        self.latencies_ms.append((time.perf_counter() - start) * 1000)
        return png

    @property
    def state(self) -> list:
        """The controls as the page holds them: a slider's value, a menu's index, a text box's text."""
        return [front_state(c) for c in self.controls.values()]

    def _on_change(self, change) -> None:
        owner = change.get("owner") if isinstance(change, dict) else None
        from_page = self._strips_wanted and bool(getattr(owner, "_property_lock", None))
        if from_page and _running_loop() is not None and held(self._strips_sent, list(self.controls.values()), self.state):
            # the page has already drawn these values from a strip: the kernel draws its own picture once the
            # pointer rests (_strip_slice), so that a drag queues no kernel work and leaves the processor to
            # the page
            self._stale = True
        else:
            self.refresh()
        if from_page:
            # a move in the page: once the pointer rests, the other controls' strips are drawn again
            self._schedule_strips(0.3)

    # ------------------------------------------------------------------ pictures along the controls
    def frames_along(self, name: str, values: list, base: Mapping[str, Any] | None = None) -> list[bytes]:
        """PNG pictures with control ``name`` at each of ``values`` (Python values), the other controls at
        ``base`` (default: their current values). Widgets that can draw many at once override this."""
        base = self.values if base is None else dict(base)
        return [self.render({**base, name: v}) for v in values]

    def strip(self, name: str) -> tuple[list, list[bytes]]:
        """Every position of control ``name`` (front-end terms) and the picture at each, the others as now."""
        control = self.controls[name]
        where = positions(control)
        if where is None:
            raise ValueError(f"control {name!r} has no strip: it is a text box, or a slider with more than "
                             f"{MAX_POSITIONS} steps")
        return where, self.frames_along(name, [value_at(control, p) for p in where])

    def _page_wants_strips(self) -> None:
        self._strips_wanted = True
        self._schedule_strips(0.05)

    def _schedule_strips(self, delay: float) -> None:
        loop = _running_loop()
        if loop is None:
            return
        if self._strip_timer is not None:
            self._strip_timer.cancel()
        self._strip_timer = loop.call_later(delay, self._strip_slice)

    def _strip_slice(self) -> None:
        """Render pictures along the controls for about ``STRIP_SLICE_S`` seconds, send them, and come back
        later if some are missing: messages from the page are handled in between."""
        self._strip_timer = None
        if self._stale:  # the pointer rests: the kernel's own picture of the values on screen
            try:
                self.refresh()
            except Exception:  # shown in red under the picture by refresh
                return
        state, names = self.state, list(self.controls)
        for i, name in enumerate(names):
            control = self.controls[name]
            where = positions(control)
            if where is None:
                continue
            key = (i, tuple(v for j, v in enumerate(state) if j != i))
            have = self._strips_sent.setdefault(key, set())
            todo = [j for j in near_first(where, state[i]) if j not in have]
            if not todo:
                continue
            start, done, pngs = time.perf_counter(), [], []
            while todo and time.perf_counter() - start < self.STRIP_SLICE_S:
                if not done:  # a widget that draws a strip in one batch does it whole; others one picture first
                    n = len(todo) if self.BATCH_FRAMES else 1
                else:         # then as many as fit in the rest of the slice, at the pace measured
                    n = max(1, int(len(done) * self.STRIP_SLICE_S / max(time.perf_counter() - start, 1e-4))
                            - len(done))
                batch, todo = todo[:n], todo[n:]
                try:
                    pngs += self.frames_along(name, [value_at(control, where[j]) for j in batch])
                except Exception:  # a draw that fails shows its error when the control gets there
                    return
                done += batch
            have.update(done)
            self.image.send_frames(i, state, [where[j] for j in done], pngs, done=not todo)
            self._schedule_strips(0.0)
            return
        # every strip is complete for the values shown: forget strips of other values (the page keeps its own)
        current = {(i, tuple(v for j, v in enumerate(state) if j != i)) for i in range(len(names))}
        self._strips_sent = {k: v for k, v in self._strips_sent.items() if k in current}

    # ------------------------------------------------------------------ for pages without a kernel
    def still_png(self) -> bytes:
        """The picture for readers with no kernel and no scripts (GitHub): the current one."""
        return self.png

    def fallback(self, budget: int = WIDGET_BUDGET) -> str:
        """The static fallback (:mod:`.static`): pictures along each control that has positions, from the
        current values, in at most ``budget`` bytes: up to ``FALLBACK_FRAMES`` palette PNGs per control,
        fewer, smaller or with fewer colours (``static.LADDER``) when they do not fit. It covers
        ``FALLBACK_COVERS``; the caption says so and how many pictures there are."""
        state, rows = self.state, []
        for i, (name, control) in enumerate(self.controls.items()):
            where = positions(control)
            if where is not None:
                rows.append((name, control, where, near_first(where, state[i])[0]))
        if not rows:
            return ""
        still = self.still_png()
        rendered: dict = {}   # (row, position) -> PNG, drawn once whatever the ladder's step

        def pictures(r: int, js: list[int]) -> list[bytes]:
            missing = [j for j in js if (r, j) not in rendered]
            if missing:  # one call a control: a decoder runs them as one batch
                name, control, where, _ = rows[r]
                for j, png in zip(missing, self.frames_along(name, [value_at(control, where[j]) for j in missing])):
                    rendered[(r, j)] = png
            return [rendered[(r, j)] for j in js]

        out = ""
        sample = pictures(0, [rows[0][3]])[0]
        for most, scale, colours in LADDER:
            # guess from one picture whether this step can fit before drawing all of them
            one = len(sample) if self.PIXELATED else len(quantized(sample, colours, scale))
            guess = one * 4 / 3 * sum(min(most, len(w)) for *_, w, _ in rows)
            if guess > budget and (most, scale, colours) != LADDER[-1]:
                continue
            names, labels, frames, starts = [], [], [], []
            for r, (name, control, where, here) in enumerate(rows):
                picks = spread(len(where), here, most)
                names.append(name)
                labels.append([_label(control, where[j]) for j in picks])
                frames.append([p if self.PIXELATED else quantized(p, colours, scale) for p in pictures(r, picks)])
                starts.append(picks.index(here))
            caption = (f"Without a kernel: {max(map(len, frames))} pictures along each control, "
                       f"{self.FALLBACK_COVERS}. Run the notebook for every position.")
            out = fallback_html(type(self).__name__, names, labels, frames, starts, still, self.image.width,
                                self.image.height, caption, pixelated=self.PIXELATED)
            if len(out.encode()) <= budget:
                return out
        warnings.warn(f"{type(self).__name__}: its static fallback takes {len(out.encode()):,} bytes with 3 "
                      f"small pictures per control, over the budget of {budget:,}: use a smaller figure")
        return out

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:  # for readers without a kernel: the first frame (GitHub), and the fallback
            bundle["image/png"] = base64.b64encode(self.still_png()).decode("ascii")
            fallback = self.fallback()
            if fallback:
                bundle["text/html"] = fallback
        return bundle


def _label(control: W.ValueWidget, position: Any) -> str:
    value = value_at(control, position)
    if isinstance(value, float):
        fmt = getattr(control, "readout_format", ".2f") or ".2f"
        try:
            return format(value, fmt)
        except ValueError:
            return f"{value:.2f}"
    if isinstance(control, W.widgets.widget_selection._Selection):
        return str(control._options_labels[position])
    return str(value)


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


__all__ = ["LivePlot", "encode_png"]
