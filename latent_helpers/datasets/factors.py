"""What the generated data sets share: pictures plus the known factors that made them.

The toy images of notebook 02 and the chairs and desks of notebook 03 both come with their
*factors* (position, brightness, kind, colour...), so a notebook can ask which factor a latent
dimension follows. Both expose them the same way: ``factors`` is a dict ``{name: (n,) array}``,
``factor_names`` lists the names in order, ``factor(name)`` returns one column and
``factor_matrix()`` all of them as an ``(n, F)`` array, and ``subset(idx)`` keeps some pictures.

:func:`check_factor_data` is what their constructors check, with the vocabulary of
:mod:`latent_helpers.validation`: pictures in [0, 1], one value of every factor per picture.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Mapping

import numpy as np
import torch

from ..validation import as_float_array, as_list, short_repr, tensor_to_numpy


def check_names(names: Any, name: str, what: str = "names", n: int | None = None) -> tuple[str, ...]:
    """A non-empty list of distinct, non-empty strings (``n`` of them if given), as a tuple."""
    if isinstance(names, (str, bytes)):
        raise TypeError(f"{name} must be a list of {what}, got the single text {short_repr(names)}")
    items = as_list(names, name, what)
    if not items:
        raise ValueError(f"{name} is empty; expected at least one of the {what}")
    for item in items:
        if not isinstance(item, str) or not item:
            raise TypeError(f"{name} must hold {what} as non-empty text, got {short_repr(item)}")
    if len(set(items)) != len(items):
        raise ValueError(f"{name} must not repeat a name, got {short_repr(items)}")
    if n is not None and len(items) != n:
        raise ValueError(f"{name} must hold {n} {what}, got {len(items)}")
    return tuple(str(i) for i in items)


def check_unit_images(images: Any, name: str, ndim: int | tuple[int, ...]) -> np.ndarray:
    """Pictures as a float32 array with ``ndim`` dimensions and every value in [0, 1]."""
    arr = as_float_array(images, name, ndim=ndim)
    lo, hi = float(arr.min()), float(arr.max())
    if lo < 0.0 or hi > 1.0:
        raise ValueError(f"{name} must hold pixel values in [0, 1], got values from {lo:.3g} to {hi:.3g}"
                         + (" (0-255 pictures? divide by 255)" if hi > 1.0 and lo >= 0.0 else ""))
    return arr


def check_factor_data(images: Any, factors: Any, factor_names: Any, ndim: int | tuple[int, ...]
                      ) -> tuple[np.ndarray, dict, tuple[str, ...]]:
    """``(images, factors, factor_names)`` checked: pictures (n, ...) in [0, 1]; ``factors`` a dict with one
    finite (n,) array for each name in ``factor_names`` and no other key."""
    images = check_unit_images(images, "images", ndim)
    names = check_names(factor_names, "factor_names", "factor names")
    if not isinstance(factors, Mapping):
        raise TypeError(f"factors must be a dict {{name: (n,) array}}, got {short_repr(factors)} "
                        f"({type(factors).__name__})")
    if set(factors) != set(names):
        raise ValueError(f"factors has the keys {sorted(map(str, factors))} but factor_names lists {list(names)}; "
                         "they must be the same names")
    checked = {}
    for key in names:
        column = as_float_array(factors[key], f"factors[{key!r}]", ndim=1)
        if len(column) != len(images):
            raise ValueError(f"factors[{key!r}] has {len(column)} values but there are {len(images)} images; "
                             "one value per image")
        checked[key] = column
    return images, checked, names


def as_indices(idx: Any, n: int, name: str = "idx") -> np.ndarray:
    """Indices into ``n`` items (whole numbers from -n to n - 1, or a boolean mask of length n) as an int64
    array of at least one index."""
    if isinstance(idx, torch.Tensor):
        idx = tensor_to_numpy(idx, name)
    if isinstance(idx, range):
        idx = list(idx)
    if isinstance(idx, slice):
        idx = np.arange(n)[idx]
    if isinstance(idx, (bool, np.bool_, int, np.integer)):
        raise TypeError(f"{name} must be a list of indices or a boolean mask, got the single number "
                        f"{short_repr(idx)}; for one picture pass [{short_repr(idx)}]")
    if idx is None or isinstance(idx, (str, bytes, dict, set, float, np.floating)) or callable(idx):
        raise TypeError(f"{name} must be a list of indices or a boolean mask, got {short_repr(idx)}")
    try:
        arr = np.asarray(idx)
    except Exception as exc:
        raise TypeError(f"{name} must be a flat list of indices or a boolean mask: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be flat (1-D), got shape {tuple(arr.shape)}")
    if arr.size == 0:
        raise ValueError(f"{name} selects no pictures; pass at least one index")
    if arr.dtype == bool:
        if len(arr) != n:
            raise ValueError(f"{name} is a boolean mask of length {len(arr)} but there are {n} pictures")
        arr = np.flatnonzero(arr)
        if arr.size == 0:
            raise ValueError(f"{name} is a mask that selects no pictures")
        return arr
    if not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must hold whole-number indices (or be a boolean mask), got dtype {arr.dtype}"
                        + (f" such as {short_repr(arr[0])}" if arr.size else ""))
    if arr.min() < -n or arr.max() >= n:
        bad = arr[(arr < -n) | (arr >= n)][0]
        raise ValueError(f"{name} holds the index {bad}, out of range for {n} pictures (0 to {n - 1})")
    return arr.astype(np.int64)


class FactorData:
    """Mixin for a data set with ``images`` (n, ...) and ``factors`` {name: (n,)} in ``factor_names`` order.

    >>> class Tiny(FactorData):
    ...     def __init__(self):
    ...         self.images = np.zeros((2, 3, 3)); self.factors = {"a": np.array([0.0, 1.0])}
    ...         self.factor_names = ("a",)
    >>> Tiny().factor_matrix().shape
    (2, 1)
    """

    images: np.ndarray
    factors: dict
    factor_names: tuple

    def __len__(self) -> int:
        return len(self.images)

    def factor(self, name: str) -> np.ndarray:
        """One factor by name, as an ``(n,)`` array."""
        if not isinstance(name, str) or name not in self.factors:
            raise ValueError(f"factor must be one of {list(self.factor_names)}, got {name!r}")
        return self.factors[name]

    def factor_matrix(self, names=None) -> np.ndarray:
        """The factors as one float32 ``(n, F)`` array, columns in ``names`` order (default: all)."""
        names = list(self.factor_names) if names is None else list(check_names(names, "names", "factor names"))
        return np.stack([np.asarray(self.factor(k), np.float32) for k in names], axis=1)

    def subset(self, idx):
        """The pictures at the indices (or boolean mask) ``idx``, with their factors: the same kind of data set.

        ``idx`` is a list or array of whole-number indices (negative ones count from the end, repeats
        are kept), a boolean mask with one entry per picture, a range or a slice.
        """
        rows = as_indices(idx, len(self))
        return dataclasses.replace(self, images=self.images[rows],
                                   factors={k: np.asarray(v)[rows] for k, v in self.factors.items()})


__all__ = ["FactorData", "as_indices", "check_factor_data", "check_names", "check_unit_images"]
