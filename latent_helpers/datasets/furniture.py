"""Chairs and desks: a procedural data set of small RGB pictures with known factors.

Each picture is a side view of one piece of furniture drawn from axis-aligned boxes (seat or top,
legs, back-rest, rungs, drawer) on a white background, anti-aliased by exact pixel coverage. The
numbers that made it (its *factors*) come with it, so a notebook can ask which factor a latent
dimension follows. Everything is numpy and vectorised: thousands of pictures per second.

Factors (lengths are fractions of the picture's side, before ``scale``):

============== ======================================================================
kind           0 = chair, 1 = desk
back_height    height of the back-rest above the seat (chairs 0.20-0.34; desks 0)
seat_height    thickness of the seat (chair) or of the top (desk), 0.12-0.18
leg_length     height of the legs, i.e. how high the seat/top sits (chairs 0.26-0.36, desks 0.32-0.42)
leg_thickness  width of each leg, 0.09-0.14
rungs          1 = a bar joins the legs near the floor (half the chairs, 30% of desks)
drawer         1 = a drawer hangs under the top (60% of desks; chairs never)
width          width of the seat/top (chairs 0.48-0.62, desks 0.60-0.76)
hue            colour hue in [0, 1) (0 red, 1/3 green, 2/3 blue); saturation and value fixed
dx, dy         shift of the whole piece, -0.03..0.03
scale          size of the whole piece about its foot line, 0.90..1.05
============== ======================================================================

The parts are chunky on purpose: with thick parts, a piece's colour covers many pixels, so in
pixel space two chairs of different colours are farther apart, on average, than a chair and a
desk of the same colour, the seed articles' point that raw pixels care about colour and a good
latent space need not. (``gray()`` takes the colour away.)
"""
from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from ..validation import as_bool, as_float_array, positive_int
from .factors import FactorData, check_factor_data, check_names

KIND_NAMES: tuple[str, str] = ("chair", "desk")
FACTOR_NAMES: tuple[str, ...] = ("kind", "back_height", "seat_height", "leg_length", "leg_thickness", "rungs",
                                 "drawer", "width", "hue", "dx", "dy", "scale")
#: the range every factor is drawn from, (lo, hi) over both kinds
FURNITURE_RANGES: dict[str, tuple[float, float]] = {
    "kind": (0, 1), "back_height": (0.0, 0.34), "seat_height": (0.12, 0.18), "leg_length": (0.26, 0.42),
    "leg_thickness": (0.09, 0.14), "rungs": (0, 1), "drawer": (0, 1), "width": (0.48, 0.76),
    "hue": (0.0, 1.0), "dx": (-0.03, 0.03), "dy": (-0.03, 0.03), "scale": (0.90, 1.05),
}
SATURATION, VALUE = 0.85, 0.95
INK = 0.2  # the grey of every part when colour=False
HANDLE = 0.95  # the drawer handle: a light slot
FLOOR = 0.10  # where the legs stand, from the bottom of the picture
MAX_SIZE = 256


@dataclass
class Furniture(FactorData):
    """Pictures and the factors that made them.

    ``images``: float32 ``(n, size, size, 3)`` in [0, 1], white background. ``factors``: one array
    of length ``n`` per name in ``factor_names``, ``kind`` among them (0 or 1). ``kind_names[k]`` names
    kind ``k``; ``size`` is the pictures' side. The constructor checks all of this; ``subset(idx)``
    keeps some pictures.
    """

    images: np.ndarray
    factors: dict[str, np.ndarray]
    factor_names: tuple = FACTOR_NAMES
    kind_names: tuple[str, str] = KIND_NAMES
    size: int = 32

    def __post_init__(self):
        self.size = _check_size(self.size)
        self.images, self.factors, self.factor_names = check_factor_data(
            self.images, self.factors, self.factor_names, ndim=4)
        if self.images.shape[1:] != (self.size, self.size, 3):
            raise ValueError(f"images must be RGB pictures of size x size pixels, (n, {self.size}, {self.size}, 3) "
                             f"for size={self.size}, got shape {self.images.shape}")
        self.kind_names = check_names(self.kind_names, "kind_names", "kind names", n=2)
        if "kind" not in self.factors:
            raise ValueError(f"factors must include 'kind' (0 chair, 1 desk); factor_names lists {list(self.factor_names)}")
        if not np.all(np.isin(self.factors["kind"], (0.0, 1.0))):
            raise ValueError("factors['kind'] must hold 0 (chair) or 1 (desk) for every picture")

    def __len__(self) -> int:
        return len(self.images)

    def __repr__(self) -> str:
        kinds = np.bincount(self.factors["kind"].astype(int), minlength=2)
        return (f"Furniture({len(self)} images {self.images.shape[1:]}, "
                f"{kinds[0]} chairs, {kinds[1]} desks, factors: {', '.join(self.factor_names)})")

    @property
    def kind(self) -> np.ndarray:
        """The labels, 0 chair and 1 desk (int64)."""
        return self.factors["kind"].astype(np.int64)

    def row(self, i: int) -> dict[str, float]:
        """The factors of picture ``i`` as a dict (``render_furniture(f.row(i))`` redraws it)."""
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
            raise TypeError(f"i must be an int, got {type(i).__name__}")
        if not -len(self) <= i < len(self):
            raise IndexError(f"picture {i} out of range for {len(self)} pictures")
        return {k: float(v[i]) for k, v in self.factors.items()}

    def gray(self) -> np.ndarray:
        """The same pieces with the colour taken away: ``(n, size, size)`` float32, dark grey shapes.

        Not a luminance conversion (a yellow chair would stay lighter than a blue one): each piece
        is redrawn in one grey, so only its shape is left.
        """
        return _render_batch(self.factors, self.size, colour=False)[..., 0]


def sample_factors(n: int, seed: int = 0, kinds: Sequence[str] = KIND_NAMES) -> dict[str, np.ndarray]:
    """Draw the factors of ``n`` pieces (see the module doc for their ranges).

    >>> f = sample_factors(4, seed=1)
    >>> sorted(f) == sorted(FACTOR_NAMES), f["kind"].shape
    (True, (4,))
    """
    n = positive_int(n, "n")
    kinds = _check_kinds(kinds)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be an int >= 0, got {seed!r}")
    g = np.random.default_rng(int(seed))
    codes = np.array([KIND_NAMES.index(k) for k in kinds])
    kind = codes[g.integers(0, len(codes), n)]
    desk = kind == 1
    u = g.random((n, 11))  # one uniform column per factor, drawn in one go: same numbers for any kinds
    f = {
        "kind": kind.astype(np.float32),
        "back_height": np.where(desk, 0.0, 0.20 + 0.14 * u[:, 0]),
        "seat_height": 0.12 + 0.06 * u[:, 1],
        "leg_length": np.where(desk, 0.32, 0.26) + 0.10 * u[:, 2],
        "leg_thickness": 0.09 + 0.05 * u[:, 3],
        "rungs": (u[:, 4] < np.where(desk, 0.3, 0.5)).astype(np.float32),
        "drawer": (desk & (u[:, 5] < 0.6)).astype(np.float32),
        "width": np.where(desk, 0.60 + 0.16 * u[:, 6], 0.48 + 0.14 * u[:, 6]),
        "hue": u[:, 7],
        "dx": -0.03 + 0.06 * u[:, 8],
        "dy": -0.03 + 0.06 * u[:, 9],
        "scale": 0.90 + 0.15 * u[:, 10],
    }
    return {k: np.asarray(f[k], dtype=np.float32) for k in FACTOR_NAMES}


def make_furniture(n: int, seed: int = 0, size: int = 32, kinds: Sequence[str] = KIND_NAMES,
                   colour: bool = True) -> Furniture:
    """``n`` chairs and desks (about half each) drawn at ``size`` x ``size`` pixels, with their factors.

    The same ``seed`` gives the same pictures. ``kinds=("chair",)`` draws only chairs. With
    ``colour=False`` every piece is the same grey (the ``hue`` factor is still recorded).

    >>> data = make_furniture(100, seed=0)
    >>> data.images.shape, data.images.dtype.name, sorted(set(data.factors["kind"].tolist()))
    ((100, 32, 32, 3), 'float32', [0.0, 1.0])
    """
    n = positive_int(n, "n")
    size = _check_size(size)
    if not isinstance(colour, (bool, np.bool_)):
        raise TypeError(f"colour must be True or False, got {type(colour).__name__}")
    factors = sample_factors(n, seed=seed, kinds=kinds)
    return Furniture(_render_batch(factors, size, colour=bool(colour)), factors, tuple(FACTOR_NAMES), KIND_NAMES, size)


def render_furniture(factors: Mapping[str, Any], size: int = 32, colour: bool = True) -> np.ndarray:
    """Draw one piece from its factors: ``(size, size, 3)`` float32 in [0, 1].

    ``factors`` holds a number for every name in ``FACTOR_NAMES`` (e.g. ``Furniture.row(i)``).
    Change one factor to see what it does.

    >>> f = make_furniture(3, seed=0).row(0)
    >>> render_furniture({**f, "hue": 0.66}).shape
    (32, 32, 3)
    """
    if not isinstance(factors, Mapping):
        raise TypeError(f"factors must be a dict {{name: number}}, got {type(factors).__name__}")
    missing = [k for k in FACTOR_NAMES if k not in factors]
    if missing:
        raise ValueError(f"factors is missing {missing}; expected all of {list(FACTOR_NAMES)}")
    one = {}
    for k in FACTOR_NAMES:
        v = factors[k]
        if np.ndim(v) != 0 or isinstance(v, (str, bytes)):
            raise TypeError(f"factor {k!r} must be a single number, got {v!r}")
        v = float(v)
        if not np.isfinite(v):
            raise ValueError(f"factor {k!r} must be finite, got {v}")
        one[k] = np.array([v], dtype=np.float32)
    if one["kind"][0] not in (0.0, 1.0):
        raise ValueError(f"kind must be 0 (chair) or 1 (desk), got {one['kind'][0]}")
    return _render_batch(one, _check_size(size), colour=as_bool(colour, "colour"))[0]


def hue_to_rgb(hue) -> np.ndarray:
    """RGB colours ``(n, 3)`` of the hues (the saturation and value every piece uses).

    >>> hue_to_rgb([0.0, 2 / 3]).astype(float).round(2).tolist()
    [[0.95, 0.14, 0.14], [0.14, 0.14, 0.95]]
    """
    h = np.atleast_1d(as_float_array(hue, "hue", ndim=(0, 1))).astype(np.float64) % 1.0
    return np.array([colorsys.hsv_to_rgb(x, SATURATION, VALUE) for x in h], dtype=np.float32)


# ----------------------------------------------------------------------------------------------

def _check_kinds(kinds) -> tuple[str, ...]:
    if isinstance(kinds, str):
        kinds = (kinds,)
    try:
        kinds = tuple(kinds)
    except TypeError:
        raise TypeError(f"kinds must be a tuple of names from {KIND_NAMES}, got {kinds!r}") from None
    if not kinds:
        raise ValueError(f"kinds must name at least one of {KIND_NAMES}")
    bad = [k for k in kinds if not isinstance(k, str) or k not in KIND_NAMES]
    if bad:
        raise ValueError(f"unknown kinds {bad}; choose from {KIND_NAMES}")
    if len(set(kinds)) != len(kinds):
        raise ValueError(f"kinds must not repeat, got {kinds}")
    return kinds


def _check_size(size) -> int:
    size = positive_int(size, "size", minimum=8)
    if size > MAX_SIZE:
        raise ValueError(f"size must be at most {MAX_SIZE} pixels, got {size}")
    return size


def _boxes(f: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The parts of every piece as boxes (x0, x1, y0, y1) in picture units, y upwards.

    Returns (body boxes (n, B, 4), handle boxes (n, 1, 4), which body boxes are present (n, B)).
    """
    n = len(f["kind"])
    w, L, T = f["width"], f["leg_length"], f["seat_height"]
    lt, B = f["leg_thickness"], f["back_height"]
    cx = np.full(n, 0.5, np.float32)
    left, right = cx - w / 2, cx + w / 2
    inset = 0.02
    top0, top1 = FLOOR + L, FLOOR + L + T
    zeros = np.zeros(n, np.float32)
    rung_y = FLOOR + 0.3 * L
    rung_h = 0.6 * lt
    dr_x0, dr_x1 = cx + 0.02, right - inset - lt
    dr_y0 = top0 - 0.45 * L
    parts = [
        (left, right, top0, top1),                                        # seat / top
        (left + inset, left + inset + lt, zeros + FLOOR, top0),           # left leg
        (right - inset - lt, right - inset, zeros + FLOOR, top0),         # right leg
        (left, left + 1.3 * lt, top1, top1 + B),                          # back post
        (left, left + 0.5 * w, top1 + 0.55 * B, top1 + B),                # back rail (a panel at the top)
        (left + inset + lt, right - inset - lt, rung_y, rung_y + rung_h), # rung
        (dr_x0, dr_x1, dr_y0, top0),                                      # drawer
    ]
    body = np.stack([np.stack(p, axis=-1) for p in parts], axis=1).astype(np.float32)
    present = np.stack([np.ones(n, bool), np.ones(n, bool), np.ones(n, bool), B > 0, B > 0,
                        f["rungs"] > 0.5, f["drawer"] > 0.5], axis=1)
    hx, hy = (dr_x0 + dr_x1) / 2, (dr_y0 + top0) / 2
    handle = np.stack([hx - 0.05, hx + 0.05, hy - 0.015, hy + 0.015], axis=-1)[:, None, :].astype(np.float32)
    # the whole piece: scale about the middle of its foot line, then shift
    s, dx, dy = f["scale"][:, None, None], f["dx"][:, None, None], f["dy"][:, None, None]

    def place(boxes):
        out = boxes.copy()
        out[..., 0:2] = (boxes[..., 0:2] - 0.5) * s + 0.5 + dx
        out[..., 2:4] = (boxes[..., 2:4] - FLOOR) * s + FLOOR + dy
        return out

    body, handle = place(body), place(handle)
    return body, handle, present


def _coverage(lo: np.ndarray, hi: np.ndarray, size: int) -> np.ndarray:
    """How much of each pixel column [j, j+1) lies inside [lo, hi] (in pixels): (..., size)."""
    j = np.arange(size, dtype=np.float32)
    return np.clip(np.minimum(hi[..., None], j + 1) - np.maximum(lo[..., None], j), 0.0, 1.0)


def _alpha(boxes: np.ndarray, present: np.ndarray, size: int) -> np.ndarray:
    """Union (max) of the boxes' pixel coverage: (n, size, size), row 0 at the top."""
    px = boxes * size
    cx = _coverage(px[..., 0], px[..., 1], size)                 # (n, B, size) columns
    cy = _coverage(size - px[..., 3], size - px[..., 2], size)   # (n, B, size) rows, flipped
    cy = cy * present[..., None]
    return np.einsum("nbi,nbj->nbij", cy, cx, optimize=False).max(axis=1)


def _render_batch(f: Mapping[str, np.ndarray], size: int, colour: bool, chunk: int = 256) -> np.ndarray:
    n = len(f["kind"])
    out = np.empty((n, size, size, 3), np.float32)
    rgb = hue_to_rgb(f["hue"]) if colour else np.full((n, 3), INK, np.float32)
    for start in range(0, n, chunk):
        sl = slice(start, start + chunk)
        part = {k: np.asarray(v[sl], np.float32) for k, v in f.items()}
        body, handle, present = _boxes(part)
        a = _alpha(body, present, size)[..., None]
        h = _alpha(handle, present[:, -1:], size)[..., None]
        img = 1.0 - a * (1.0 - rgb[sl, None, None, :])
        img = img * (1.0 - h) + h * HANDLE
        out[sl] = img
    return np.clip(out, 0.0, 1.0)


__all__ = ["FACTOR_NAMES", "FURNITURE_RANGES", "Furniture", "KIND_NAMES", "hue_to_rgb", "make_furniture", "render_furniture",
           "sample_factors"]
