"""An autoencoder behind scikit-learn's three calls: ``fit``, ``transform``, ``inverse_transform``.

PCA has them; with this wrapper a torch autoencoder has them too, so comparison code can treat
both the same way::

    for reducer in (PCA(8), AutoencoderTransformer(MyAutoencoder(8), loss_fn)):
        X_hat = reducer.fit(X_train).inverse_transform(reducer.transform(X_test))

The autoencoder itself (its layers, its loss) is not here: notebook 04 writes it. The wrapper only
expects ``model.encoder`` and ``model.decoder`` (or ``encode=``/``decode=`` functions).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import torch
from sklearn.base import BaseEstimator, TransformerMixin

from ._validate import as_float_array


class AutoencoderTransformer(TransformerMixin, BaseEstimator):
    """Wrap a torch autoencoder as a scikit-learn transformer.

    ``model``: a ``torch.nn.Module`` with ``.encoder`` and ``.decoder`` (or pass ``encode`` and
    ``decode``, functions of tensors). ``loss_fn(model, batch)``: the training loss used by
    :func:`latent_helpers.fit` in :meth:`fit`; with ``epochs=0`` ``fit`` does not train (use it for a
    model that is already trained, e.g. loaded from a checkpoint) and only records the input shape.

    ``transform(X)`` returns the codes as a numpy array ``(n, k)``; ``inverse_transform(Z)`` returns
    reconstructions shaped like the rows ``fit`` saw (e.g. ``(n, 784)`` or ``(n, 28, 28)``).

    >>> class Tiny(torch.nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.encoder, self.decoder = torch.nn.Linear(4, 2), torch.nn.Linear(2, 4)
    >>> ae = AutoencoderTransformer(Tiny(), epochs=0).fit(np.zeros((3, 4)))
    >>> ae.transform(np.zeros((5, 4))).shape, ae.inverse_transform(np.zeros((5, 2))).shape
    ((5, 2), (5, 4))
    """

    def __init__(self, model: torch.nn.Module, loss_fn: Callable | None = None, epochs: int = 10,
                 lr: float = 1e-3, batch_size: int = 128, encode: Callable | None = None,
                 decode: Callable | None = None, progress: bool = True, seed: int = 0):
        self.model = model
        self.loss_fn = loss_fn
        self.epochs = epochs
        self.lr = lr
        self.batch_size = batch_size
        self.encode = encode
        self.decode = decode
        self.progress = progress
        self.seed = seed

    # -- helpers -------------------------------------------------------------------------------
    def _check_model(self) -> None:
        if not isinstance(self.model, torch.nn.Module):
            raise TypeError(f"model must be a torch.nn.Module, got {type(self.model).__name__}")
        for part, fn in (("encoder", self.encode), ("decoder", self.decode)):
            if fn is None and not callable(getattr(self.model, part, None)):
                raise TypeError(f"model has no .{part}; give the model a .{part} or pass "
                                f"{part[:6]}=function to AutoencoderTransformer")
            if fn is not None and not callable(fn):
                raise TypeError(f"{part[:6]} must be a function of a tensor")

    def _device(self) -> torch.device:
        return next((p.device for p in self.model.parameters()), torch.device("cpu"))

    def _run(self, fn: Callable, A: np.ndarray) -> np.ndarray:
        was_training = self.model.training
        self.model.eval()
        outs = []
        with torch.no_grad():
            for start in range(0, len(A), 1024):
                out = fn(torch.from_numpy(A[start:start + 1024]).to(self._device()))
                outs.append(out.detach().cpu().numpy().astype(np.float32))
        self.model.train(was_training)
        return np.concatenate(outs)

    def _check_fitted(self) -> None:
        if not hasattr(self, "input_shape_"):
            raise RuntimeError("call fit(X) first (with epochs=0 if the model is already trained)")

    # -- the three calls ------------------------------------------------------------------------
    def fit(self, X, y=None) -> "AutoencoderTransformer":
        """Train the model on ``X`` (``epochs`` passes of :func:`latent_helpers.fit`); returns self."""
        from .training import fit as train

        self._check_model()
        A = as_float_array(X, "X", ndim=(2, 3, 4))
        if isinstance(self.epochs, bool) or not isinstance(self.epochs, (int, np.integer)) or self.epochs < 0:
            raise ValueError(f"epochs must be an int >= 0 (0 = already trained), got {self.epochs!r}")
        if self.epochs > 0:
            if not callable(self.loss_fn):
                raise TypeError("loss_fn must be a function loss_fn(model, batch) -> loss to train; "
                                "or use epochs=0 for an already trained model")
            self.history_ = train(self.model, self.loss_fn, torch.from_numpy(np.ascontiguousarray(A)),
                                  epochs=int(self.epochs), lr=self.lr, batch_size=self.batch_size,
                                  progress=self.progress, seed=self.seed, desc="autoencoder")
        self.input_shape_ = tuple(A.shape[1:])
        self.model.eval()
        return self

    def transform(self, X) -> np.ndarray:
        """The codes of ``X``: ``(n, k)`` float32."""
        self._check_fitted()
        A = as_float_array(X, "X", ndim=len(self.input_shape_) + 1)
        if tuple(A.shape[1:]) != self.input_shape_:
            raise ValueError(f"X must have rows of shape {self.input_shape_} like the data fit saw, got {tuple(A.shape[1:])}")
        Z = self._run(self.encode or self.model.encoder, np.ascontiguousarray(A))
        return Z.reshape(len(A), -1)

    def inverse_transform(self, Z) -> np.ndarray:
        """Decode codes ``(n, k)`` into reconstructions shaped like the rows ``fit`` saw."""
        self._check_fitted()
        C = as_float_array(Z, "Z", ndim=2)
        X_hat = self._run(self.decode or self.model.decoder, np.ascontiguousarray(C))
        if X_hat[0].size != int(np.prod(self.input_shape_)):
            raise ValueError(f"the decoder returned {X_hat[0].size} numbers per item, expected "
                             f"{int(np.prod(self.input_shape_))} (shape {self.input_shape_})")
        return X_hat.reshape((len(C), *self.input_shape_))


__all__ = ["AutoencoderTransformer"]
