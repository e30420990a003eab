"""LatentSliders: one slider per latent dimension, and the decoded picture of the current code."""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from ..decoding import as_decoder
from ..validation import as_float_array, as_list
from ._draw import image_png
from .live import LivePlot


class LatentSliders(LivePlot):
    """One slider per latent dimension; the decoded image of the current code is drawn live.

    ``decode``: any decoder of the course's one contract (see :mod:`latent_helpers.decoding`): a
    torch module (``model.decoder``), a bound method of one (``vae.decode``) or a function of codes
    ``(n, k)`` (``pca.inverse_transform``) returning images in any layout ``show_images`` accepts,
    in [0, 1], [-1, 1] or 0-255 (``value_range="auto"`` decides on the first frame; or say
    ``"unit"``, ``"tanh"``, ``"bytes"`` or ``(lo, hi)``). ``base_code`` ``(k,)`` is where the
    sliders start; ``dims`` picks the dimensions that get a slider (default: all of them, or the
    first 10 when ``k > 10``); ``ranges`` is one ``(lo, hi)`` for every slider or an array
    ``(len(dims), 2)``; ``names`` labels the sliders (default ``z0, z1, ...``: slider ``zj`` moves
    ``code[j]``). Dimensions without a slider keep their ``base_code`` value. ``.code`` is the
    current full code; ``.decoder`` the adapted decoder; ``.picture`` the last decoded image.

    The picture is the decoded image itself, a PNG at its own resolution that the page scales up
    without smoothing (no matplotlib: a frame costs a fraction of a millisecond), and a strip of
    one picture per slider step is decoded in one batch. The static fallback (for pages with no
    kernel) covers one slider at a time from the starting code, up to 21 pictures per slider.

    >>> import numpy as np
    >>> w = LatentSliders(lambda Z: np.tile(Z[:, :1, None], (1, 4, 4)), np.zeros(2), ranges=(0, 1))
    >>> before = w.png; w.controls["z0"].value = 0.9; w.png != before, list(w.controls)
    (True, ['z0', 'z1'])
    """

    MAX_DEFAULT_DIMS = 10
    PIXELATED = True
    BATCH_FRAMES = True

    def __init__(self, decode: Callable, base_code: Any, dims: Sequence[int] | None = None,
                 ranges: Any = (-3.0, 3.0), names: Sequence[str] | None = None, title: str | None = None,
                 image_size: float = 2.5, value_range: Any = "auto"):
        self.decoder = as_decoder(decode, value_range)
        base = as_float_array(base_code, "base_code", ndim=1)
        d = base.shape[0]
        if dims is None:
            dims = list(range(min(d, self.MAX_DEFAULT_DIMS)))
        else:
            dims = as_list(dims, "dims", "latent dimension indices")
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
                raise ValueError(f"ranges must be (lo, hi) or an array of shape ({len(dims)}, 2), got shape "
                                 f"{rng_arr.shape}")
            rng_arr = np.tile(rng_arr, (len(dims), 1))
        if rng_arr.shape != (len(dims), 2):
            raise ValueError(f"ranges must be (lo, hi) or an array of shape ({len(dims)}, 2), got shape {rng_arr.shape}")
        if np.any(rng_arr[:, 1] <= rng_arr[:, 0]):
            raise ValueError(f"ranges: every (lo, hi) must have lo < hi, got {rng_arr.tolist()}")
        if names is None:
            names = [f"z{k}" for k in dims]
        else:
            names = [str(n) for n in as_list(names, "names", "slider labels")]
            if len(names) != len(dims):
                raise ValueError(f"names needs one label per slider ({len(dims)}), got {len(names)}")
            if len(set(names)) != len(names):
                raise ValueError(f"names must be distinct, got {names}")
        if isinstance(image_size, bool) or not isinstance(image_size, (int, float)) or not 0 < image_size < 50:
            raise ValueError(f"image_size must be a positive number of inches, got {image_size!r}")
        self.base_code = base.copy()
        self.dims = dims
        self.names = names
        controls = {}
        for name, k, (lo, hi) in zip(names, dims, rng_arr):
            v = float(base[k])
            lo, hi = float(min(lo, v)), float(max(hi, v))  # widen rather than clip the start
            controls[name] = W.FloatSlider(value=v, min=lo, max=hi, step=(hi - lo) / 100.0, description=name,
                                           continuous_update=True, readout_format=".2f")
        super().__init__(self._draw, controls, figsize=(float(image_size), float(image_size)), title=title,
                         persistent=True)

    def code_for(self, values: Mapping[str, float]) -> np.ndarray:
        """The full code for slider ``values`` ``{name: value}``: ``base_code`` with them put in."""
        z = self.base_code.copy()
        for name, k in zip(self.names, self.dims):
            if name in values:
                z[k] = values[name]
        return z

    @property
    def code(self) -> np.ndarray:
        """The current full latent code (``base_code`` with the slider values put in)."""
        return self.code_for(self.values)

    def _draw(self, fig: Figure, **values: float) -> None:  # never called: render() makes the PNG itself
        raise NotImplementedError("LatentSliders renders its PNG without matplotlib")

    def render(self, values: Mapping[str, Any] | None = None) -> bytes:
        """The decoded picture for slider ``values`` (default: the current ones), PNG bytes at the image's size."""
        values = self.values if values is None else dict(values)
        return image_png(self.decoder(self.code_for(values))[0])

    def frames_along(self, name: str, values: list, base: Mapping[str, Any] | None = None) -> list[bytes]:
        """Pictures with slider ``name`` at each of ``values``: one batch through the decoder."""
        base = self.values if base is None else dict(base)
        Z = np.stack([self.code_for({**base, name: v}) for v in values])
        return [image_png(img) for img in self.decoder(Z)]

    @property
    def picture(self) -> np.ndarray:
        """The decoded image of the current code, (H, W) or (H, W, 3) in [0, 1]."""
        return self.decoder(self.code)[0]

    def still_png(self) -> bytes:
        """The current picture scaled up (whole pixels) to about the size the page shows it."""
        img = self.picture
        return image_png(img, scale=max(1, round(self.image.height / img.shape[0])))


__all__ = ["LatentSliders"]
