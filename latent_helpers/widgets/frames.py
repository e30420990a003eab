"""The picture of a live plot in the page, and the positions of its controls.

:class:`FrameView` is an anywidget (its front end is ``frames.js``, loaded from this package: nothing
comes from the network). It shows the kernel's newest picture, tagged with the control values it was
drawn for, and it keeps *strips* the kernel sends: for one control, the pictures at its positions while
the others stay put. Dragging a control then swaps pictures in the page, with no round trip to the
kernel; a value no strip holds waits for the kernel's picture, and a picture drawn for other values
than the ones on screen is never drawn.

A control's *front-end state* is what the page knows of it: a slider's ``value``, a menu's ``index``
(:func:`state_attr`). :func:`positions` lists where a control can stand, in that state's terms.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import anywidget
import ipywidgets as W
import numpy as np
import traitlets as T

#: a slider with more positions than this gets no strip (its pictures come from the kernel)
MAX_POSITIONS = 1001


def state_attr(control: W.ValueWidget) -> str:
    """The attribute the page holds for ``control``: ``"index"`` for a menu, else ``"value"``."""
    return "index" if isinstance(control, W.widgets.widget_selection._Selection) else "value"


def front_state(control: W.ValueWidget) -> Any:
    """The page's value of ``control``: a slider's number, a menu's index, a text box's text."""
    return getattr(control, state_attr(control))


def positions(control: W.ValueWidget) -> list | None:
    """Every position of a slider (its steps from min to max) or a menu (its indices); None for a
    control without a fixed set of positions (a text box) or with more than :data:`MAX_POSITIONS`.

    >>> positions(W.IntSlider(value=2, min=0, max=10, step=5)), positions(W.Dropdown(options="ab"))
    ([0, 5, 10], [0, 1])
    """
    if isinstance(control, W.widgets.widget_selection._Selection):
        return list(range(len(control.options)))
    if isinstance(control, (W.IntSlider, W.FloatSlider)):
        lo, hi, step = control.min, control.max, control.step
        if step is None or step <= 0:
            return None
        n = int(np.floor((hi - lo) / step + 1e-9)) + 1
        if n > MAX_POSITIONS:
            return None
        if isinstance(control, W.IntSlider):
            return [int(lo + i * step) for i in range(n)]
        return [float(f"{lo + i * step:.12g}") for i in range(n)]  # 0.3, not 0.30000000000000004
    return None


def value_at(control: W.ValueWidget, position: Any) -> Any:
    """The Python value of ``control`` at a front-end ``position`` (a menu's index -> its option's value)."""
    if isinstance(control, W.widgets.widget_selection._Selection):
        return control._options_values[position]
    return position


def near_first(values: list, current: Any) -> list[int]:
    """Indices of ``values`` ordered outwards from ``current``: the pictures a drag reaches first come first.

    >>> near_first([0, 1, 2, 3, 4], 3)
    [3, 2, 4, 1, 0]
    """
    try:
        start = min(range(len(values)), key=lambda i: abs(values[i] - current))
    except TypeError:
        start = 0
    order, lo, hi = [start], start - 1, start + 1
    while lo >= 0 or hi < len(values):
        if lo >= 0:
            order.append(lo)
            lo -= 1
        if hi < len(values):
            order.append(hi)
            hi += 1
    return order


def held(sent: dict, controls: list[W.ValueWidget], state: list) -> bool:
    """Whether the strips ``sent`` to a page (``{(control, the others' state): positions sent}``, positions as
    indices of :func:`positions`) hold the picture of ``state``, the controls as the page holds them.

    >>> s, d = W.FloatSlider(value=0.5, min=0, max=1, step=0.5), W.Dropdown(options="ab")
    >>> held({(0, (1,)): {0, 1}}, [s, d], [0.5, 1]), held({(0, (1,)): {0}}, [s, d], [0.5, 1])
    (True, False)
    """
    for i, control in enumerate(controls):
        have = sent.get((i, tuple(v for j, v in enumerate(state) if j != i)))
        where = positions(control) if have else None
        if not where:
            continue
        try:
            j = min(range(len(where)), key=lambda k: abs(where[k] - state[i]))
            if j in have and abs(where[j] - state[i]) <= 1e-7 * max(1.0, abs(state[i])):
                return True
        except TypeError:
            continue
    return False


class FrameView(anywidget.AnyWidget):
    """The picture: ``value`` (PNG bytes) drawn for the control values ``state``; strips arrive as
    custom messages ``{"type": "frames", "control": i, "base": state, "values": [...], "done": bool}``
    with one PNG buffer per value. ``on_request`` is called when a page showing the view asks for strips."""

    _esm = Path(__file__).with_name("frames.js")
    value = T.Bytes(b"").tag(sync=True)
    state = T.List([]).tag(sync=True)
    controls = T.List(T.Instance(W.Widget)).tag(sync=True, **W.widget_serialization)
    attrs = T.List(T.Unicode()).tag(sync=True)
    width = T.Int(400).tag(sync=True)
    height = T.Int(300).tag(sync=True)
    pixelated = T.Bool(False).tag(sync=True)
    kind = T.Unicode("LivePlot").tag(sync=True)   # the widget's class, for the page and its tests
    strips = T.Int(0).tag(sync=True)   # how many controls get strips (those with positions)

    def __init__(self, controls: list[W.ValueWidget], width: int, height: int, pixelated: bool = False,
                 on_request: Callable[[], None] | None = None, kind: str = "LivePlot"):
        super().__init__(controls=list(controls), attrs=[state_attr(c) for c in controls], width=int(width),
                         height=int(height), pixelated=bool(pixelated), kind=str(kind),
                         strips=sum(positions(c) is not None for c in controls))
        self.on_request = on_request
        self.on_msg(self._on_page_message)

    def _on_page_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "want-strips" and self.on_request is not None:
            self.on_request()

    def send_frames(self, control: int, base: list, values: list, pngs: list[bytes], done: bool) -> None:
        """Send pictures of control ``control`` at ``values`` (the others at ``base``) to the page."""
        self.send({"type": "frames", "control": int(control), "base": list(base), "values": list(values),
                   "done": bool(done)}, buffers=[memoryview(p) for p in pngs])


__all__ = ["FrameView", "front_state", "held", "near_first", "positions", "state_attr", "value_at"]
