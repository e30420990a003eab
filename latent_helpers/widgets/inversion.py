"""FamilyBlend: two parents, the codes an inversion found for them, and a slider ``t`` between the codes.

Notebook 06 inverts a generator: for a real picture it searches the code whose decoded picture is
closest. Given two such codes, every point between them decodes to a "child" of the two parents.
The widget shows, left to right, parent A (the real picture), A as the generator redraws it from its
code, the child at ``t``, B as redrawn, and parent B; under them, a strip of children at nine
evenly spaced ``t`` with the current one marked, so one sees the whole family at once.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from ..decoding import as_decoder
from ..images import as_images, one_image
from ..paths import METHODS, lerp, slerp
from ..validation import as_float_array, short_repr
from ._draw import show_image
from .live import LivePlot


class FamilyBlend(LivePlot):
    """A slider ``t`` in [0, 1] between two codes ``code_a`` and ``code_b`` ``(k,)``, and the decoded child.

    ``decode``: any decoder of the course's one contract (a generator passed as it is, a bound
    method, a function of codes; see :mod:`latent_helpers.decoding`), with ``value_range`` as in
    :class:`~latent_helpers.widgets.LatentSliders` (``"tanh"`` for a generator ending in tanh).
    ``parents``: optional pair of real pictures the codes were found for (each one image in any
    layout ``show_images`` accepts), drawn at the two ends. ``names``: the parents' names.
    ``method``: ``"slerp"`` (default: it keeps Gaussian codes at their typical length) or ``"lerp"``,
    switchable in a dropdown. ``caption``: optional function of the child picture ``(H, W)`` in
    [0, 1] returning a short text shown under it (e.g. what a classifier sees). ``t``: where the
    slider starts (the still first frame shows it). ``.code`` is the current child's code.

    Static fallback (pages with no kernel): pictures along ``t`` with the method shown (21, fewer if
    they do not fit 300 kB), and both methods at the starting ``t``: one control at a time.

    >>> import numpy as np
    >>> w = FamilyBlend(lambda Z: np.tile(Z[:, :1, None], (1, 4, 4)), [0.0, 0.0], [1.0, 0.0], method="lerp")
    >>> before = w.png; w.controls["t"].value = 1.0; w.png != before, w.code.tolist()
    (True, [1.0, 0.0])
    """

    STEPS = 9  # children in the strip
    GAP = 2    # white pixels between them

    def __init__(self, decode: Callable, code_a: Any, code_b: Any, parents: Sequence[Any] | None = None,
                 names: Sequence[str] = ("A", "B"), method: str = "slerp", caption: Callable | None = None,
                 t: float = 0.5, title: str | None = None, value_range: Any = "auto"):
        self.decoder = as_decoder(decode, value_range)
        a = as_float_array(code_a, "code_a", ndim=1)
        b = as_float_array(code_b, "code_b", ndim=1)
        if a.shape != b.shape:
            raise ValueError(f"code_a and code_b must be codes of the same length, got {a.shape[0]} and {b.shape[0]}")
        if not isinstance(method, str) or method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, got {short_repr(method)}")
        if caption is not None and not callable(caption):
            raise TypeError(f"caption must be a function of the child picture returning text, or None, got "
                            f"{type(caption).__name__}")
        if isinstance(names, str) or not isinstance(names, Sequence) or len(names) != 2:
            raise ValueError(f"names must be two names, one per parent, got {short_repr(names)}")
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, float, np.integer, np.floating)) \
                or not 0 <= t <= 1:
            raise ValueError(f"t must be a number between 0 and 1, got {short_repr(t)}")
        self.parents = None
        if parents is not None:
            if isinstance(parents, (str, bytes)) or not isinstance(parents, (Sequence, np.ndarray)) \
                    or len(parents) != 2:
                raise ValueError(f"parents must be a pair of pictures (parent A, parent B), got {short_repr(parents)}")
            pics = [one_image(as_float_array(p, f"parents[{i}]"), f"parents[{i}]") for i, p in enumerate(parents)]
            if pics[0].shape != pics[1].shape:
                raise ValueError(f"parents must have the same shape, got {pics[0].shape} and {pics[1].shape}")
            self.parents = as_images(pics, "auto", name="parents")
        self.code_a, self.code_b = a.copy(), b.copy()
        self.names = (str(names[0]), str(names[1]))
        self.caption = caption
        self._strips: dict[str, np.ndarray] = {}
        t_slider = W.FloatSlider(value=float(t), min=0.0, max=1.0, step=0.01, description="t",
                                 continuous_update=True, readout_format=".2f")
        m = W.Dropdown(options=list(METHODS), value=method, description="method")
        super().__init__(self._draw, {"t": t_slider, "method": m}, figsize=(6.4, 2.9), title=title,
                         persistent=True)

    def code_at(self, t: float, method: str = "slerp") -> np.ndarray:
        """The code at ``t`` between ``code_a`` (t = 0) and ``code_b`` (t = 1), walked with ``method``."""
        f = slerp if method == "slerp" else lerp
        return f(self.code_a, self.code_b, float(t))

    @property
    def code(self) -> np.ndarray:
        """The current child's code."""
        return self.code_at(self.controls["t"].value, self.controls["method"].value)

    def _strip(self, method: str) -> np.ndarray:
        """The children at t = 0, 1/8, ..., 1 side by side, one picture (cached per method)."""
        if method not in self._strips:
            ts = np.linspace(0.0, 1.0, self.STEPS)
            pics = self.decoder(np.stack([self.code_at(t, method) for t in ts]))
            self._pic_width = pics.shape[2]
            gap = np.ones((pics.shape[1], self.GAP) + pics.shape[3:], np.float32)
            self._strips[method] = np.concatenate([p for pic in pics for p in (pic, gap)][:-1], axis=1)
        return self._strips[method]

    def _draw(self, fig: Figure, t: float, method: str) -> None:
        child = self.decoder(self.code_at(t, method))[0]
        text = "" if self.caption is None else str(self.caption(child))
        strip = self._strip(method)
        if not fig.axes:
            self._build(fig, child, strip)
        else:
            self._child.set_data(child)
            self._strip_im.set_data(strip)
        centre = t * (self.STEPS - 1) * (self._pic_width + self.GAP) + (self._pic_width - 1) / 2
        self._marker.set_data([centre], [-1.5])
        self._child_title.set_text(f"child, t = {t:.2f}")
        self._caption.set_text(text)

    def _build(self, fig: Figure, child: np.ndarray, strip: np.ndarray) -> None:
        """The first frame. The moving parts (child, its title and caption, strip, marker) are animated."""
        ends = self.decoder(np.stack([self.code_a, self.code_b]))
        panels = []
        if self.parents is not None:
            panels.append((self.parents[0], f"parent {self.names[0]}"))
        panels += [(ends[0], f"{self.names[0]} redrawn"), (child, None), (ends[1], f"{self.names[1]} redrawn")]
        if self.parents is not None:
            panels.append((self.parents[1], f"parent {self.names[1]}"))
        n = len(panels)
        w = 0.96 / n
        for i, (img, label) in enumerate(panels):
            ax = fig.add_axes((0.02 + i * w + 0.01, 0.40, w - 0.02, 0.48))
            im = show_image(ax, img, animated=label is None)
            if label is None:
                self._child = im
                self._child_title = fig.text(0.02 + (i + 0.5) * w, 0.91, "", ha="center", fontsize=9,
                                             fontweight="bold", animated=True)
                self._caption = fig.text(0.02 + (i + 0.5) * w, 0.335, "", ha="center", fontsize=8,
                                         color="#b00020", animated=True)
            else:
                fig.text(0.02 + (i + 0.5) * w, 0.91, label, ha="center", fontsize=8)
        ax_strip = fig.add_axes((0.05, 0.02, 0.90, 0.24))
        self._strip_im = ax_strip.imshow(strip, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest",
                                         animated=True)
        ax_strip.set_axis_off()
        ax_strip.set_ylim(strip.shape[0] - 0.5, -4.0)
        ax_strip.set_xlim(-0.5, strip.shape[1] - 0.5)
        (self._marker,) = ax_strip.plot([0.0], [-1.5], "v", color="#d62728", ms=6, animated=True)
        fig.text(0.5, 0.275, f"the family from {self.names[0]} (t = 0) to {self.names[1]} (t = 1)",
                 ha="center", fontsize=8)


__all__ = ["FamilyBlend"]
