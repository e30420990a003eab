"""Drawing pieces the widgets share (private): one image in an axes, a scatter painted as an image,
the colours of classes."""
from __future__ import annotations

from typing import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.image import AxesImage

#: class colours, matplotlib's tab10 (class k gets PALETTE[k % 10])
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def class_colours(n: int) -> list[str]:
    """Colours for classes 0 .. n - 1."""
    return [PALETTE[k % len(PALETTE)] for k in range(n)]


def image_png(img: np.ndarray, scale: int = 1) -> bytes:
    """One image (H, W) or (H, W, 3) in [0, 1] as PNG bytes, each pixel ``scale`` x ``scale`` (no matplotlib:
    a 28 x 28 digit takes a tenth of a millisecond and a few hundred bytes).

    >>> image_png(np.zeros((4, 4)))[:4]
    b'\\x89PNG'
    """
    import io

    from PIL import Image

    a = np.clip(np.asarray(img, np.float32), 0.0, 1.0)
    pixels = (a * 255.0 + 0.5).astype(np.uint8)
    if scale > 1:
        pixels = pixels.repeat(scale, axis=0).repeat(scale, axis=1)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="png", compress_level=6)
    return buf.getvalue()


def show_image(ax: Axes, img: np.ndarray, animated: bool = False) -> AxesImage:
    """Draw one image (H, W) or (H, W, 3) in [0, 1] filling ``ax``, without ticks or spines (each one
    is a text or line that matplotlib redraws every frame); returns the image artist."""
    im = ax.imshow(img, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest", animated=animated)
    ax.set_axis_off()
    return im


def raster_scatter(p2: np.ndarray, labels: np.ndarray | None, lo: Sequence[float], hi: Sequence[float],
                   colours: Sequence[str] | None, shape: tuple[int, int] = (150, 210),
                   alpha: float = 0.55) -> np.ndarray:
    """Paint 2-D points ``(n, 2)`` as 2x2-pixel dots into an RGBA image (transparent background),
    the plane from ``lo`` to ``hi`` upwards (draw it with ``origin="lower"``).

    A scatter of thousands of points costs ~50 ms on every PNG; an image of them costs ~1 ms.
    """
    h, w = shape
    img = np.ones((h, w, 4), np.float32)
    img[..., 3] = 0.0
    cols = np.clip(((p2[:, 0] - lo[0]) / (hi[0] - lo[0]) * (w - 1)).round().astype(int), 0, w - 2)
    rows = np.clip(((p2[:, 1] - lo[1]) / (hi[1] - lo[1]) * (h - 1)).round().astype(int), 0, h - 2)
    rgb = (np.tile(np.array(to_rgb("#9a9a9a"), np.float32), (len(p2), 1)) if labels is None
           else np.array([to_rgb(colours[k]) for k in labels], np.float32).reshape(-1, 3))
    for dr in (0, 1):
        for dc in (0, 1):
            img[rows + dr, cols + dc, :3] = (1 - alpha) * img[rows + dr, cols + dc, :3] + alpha * rgb
            img[rows + dr, cols + dc, 3] = 1.0
    return img
