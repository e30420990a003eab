"""Notebook 00's demo: mixing two pictures pixel by pixel with a slider."""
from __future__ import annotations

from numbers import Real
from typing import Any, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from ..images import as_images, is_uint8, one_image
from ..validation import as_float_array
from ._draw import show_image
from .live import LivePlot


def blend_demo(a: Any, b: Any, labels: Sequence[str] = ("A", "B"), t: float = 0.5,
               value_range: Any = "auto") -> LivePlot:
    """A slider ``t`` that mixes image ``a`` into image ``b`` pixel by pixel: ``(1 - t) * a + t * b``.

    ``a`` and ``b`` are one image each, of the same shape, in any layout ``show_images`` accepts
    for one image (``(H, W)``, ``(H, W, 3)``, ``(3, H, W)``, flat ``(H*W,)``) and in [0, 1], [-1, 1]
    or 0-255 (found from both together, or say it with ``value_range``). ``labels`` names them;
    the slider and the still first frame (what a reader without a kernel sees) start at ``t``.
    (Notebook 03 shows why mixing *codes* beats mixing pixels.) Its static fallback (pages with no
    kernel) holds the picture at every step of ``t``: every position is covered.

    >>> demo = blend_demo(np.zeros((6, 6)), np.full((6, 6), 255, np.uint8), labels=("black", "white"))
    >>> demo.controls["t"].value, demo.png[:4]
    (0.5, b'\\x89PNG')
    """
    A = one_image(as_float_array(a, "a"), "a")
    B = one_image(as_float_array(b, "b"), "b")
    if A.shape != B.shape:
        raise ValueError(f"a and b must have the same shape, got {A.shape} and {B.shape}")
    if isinstance(labels, str) or not isinstance(labels, Sequence) or len(labels) != 2:
        raise ValueError(f"labels must be two names, one for a and one for b, got {labels!r}")
    if isinstance(t, bool) or not isinstance(t, Real) or not 0.0 <= t <= 1.0:
        raise ValueError(f"t must be a number between 0 and 1, got {t!r}")
    if isinstance(value_range, str) and value_range == "auto" and is_uint8(a) and is_uint8(b):
        value_range = "bytes"
    A, B = as_images([A, B], value_range, name="a and b")
    name_a, name_b = str(labels[0]), str(labels[1])
    slider = W.FloatSlider(value=float(t), min=0.0, max=1.0, step=0.05, description="t",
                           continuous_update=True, readout_format=".2f")

    def draw(fig: Figure, t: float) -> None:
        mixed = (1 - t) * A + t * B
        if not fig.axes:  # first frame: the three panels, built once; the middle one is animated
            axes = fig.subplots(1, 3)
            for ax, img, title in zip(axes, (A, mixed, B), (f"{name_a} (t = 0)", "", f"{name_b} (t = 1)")):
                show_image(ax, img, animated=ax is axes[1])
                ax.set_title(title, fontsize=10)
            axes[1].title.set_animated(True)
            fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88, wspace=0.08)
        middle = fig.axes[1]
        middle.images[0].set_data(mixed)
        middle.set_title(f"mix at t = {t:.2f}", fontsize=10)

    return LivePlot(draw, {"t": slider}, figsize=(6.0, 2.3), title="Move the slider: t goes from 0 to 1",
                    persistent=True)


__all__ = ["blend_demo"]
