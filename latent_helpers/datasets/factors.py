"""What the generated data sets share: pictures plus the known factors that made them.

The toy images of notebook 02 and the chairs and desks of notebook 03 both come with their
*factors* (position, brightness, kind, colour...), so a notebook can ask which factor a latent
dimension follows. Both expose them the same way: ``factors`` is a dict ``{name: (n,) array}``,
``factor_names`` lists the names in order, ``factor(name)`` returns one column and
``factor_matrix()`` all of them as an ``(n, F)`` array.
"""
from __future__ import annotations

import numpy as np


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
        names = list(self.factor_names) if names is None else list(names)
        return np.stack([np.asarray(self.factor(k), np.float32) for k in names], axis=1)


__all__ = ["FactorData"]
