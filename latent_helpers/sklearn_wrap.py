"""An autoencoder behind scikit-learn's three calls: ``fit``, ``transform``, ``inverse_transform``.

PCA has them; with this wrapper a torch autoencoder has them too, so comparison code can treat
both the same way::

    for reducer in (PCA(8), AutoencoderTransformer(MyAutoencoder(8), loss_fn)):
        X_hat = reducer.fit(X_train).inverse_transform(reducer.transform(X_test))

The autoencoder itself (its layers, its loss) is not here: notebook 04 writes it. The wrapper only
expects ``model.encoder`` and ``model.decoder`` (or ``encode=``/``decode=``).

It follows scikit-learn's rules (tested with ``sklearn.utils.estimator_checks``): the constructor
only stores its arguments, ``fit`` never changes them, and the fitted network is ``model_``, a
fresh deep copy of ``model`` made by every ``fit`` (so a second ``fit`` starts again from the
weights you passed in, and ``model`` itself is never trained).
"""
from __future__ import annotations

import copy
import types
from typing import Any, Callable

import numpy as np
import torch
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError

from .validation import as_bool, as_float_array, as_positive_float, as_seed, positive_int, short_repr


def _as_X(X: Any, name: str = "X") -> np.ndarray:
    """Items ``(n, ...)`` as float32, with the wording scikit-learn's own checks expect."""
    import scipy.sparse

    if scipy.sparse.issparse(X):
        raise TypeError(f"{name} is a sparse matrix; sparse input is not supported: convert it with {name}.toarray()")
    if isinstance(X, (np.ndarray, torch.Tensor)) and X.ndim in (0, 1):
        raise ValueError(f"{name} must have 2 to 4 dimensions (items first), got shape {tuple(X.shape)}. Reshape "
                         f"your data: {name}.reshape(1, -1) for one item, {name}.reshape(-1, 1) for one feature")
    if isinstance(X, (np.ndarray, torch.Tensor)) and X.ndim >= 2 and X.shape[0] > 0 and 0 in X.shape[1:]:
        raise ValueError(f"{name} has 0 feature(s) (shape={tuple(X.shape)}) while a minimum of 1 is required.")
    return as_float_array(X, name, ndim=(2, 3, 4))


class AutoencoderTransformer(TransformerMixin, BaseEstimator):
    """Wrap a torch autoencoder as a scikit-learn transformer.

    ``model``: a ``torch.nn.Module`` with ``.encoder`` and ``.decoder``. Or say which parts to use:
    ``encode``/``decode`` may be the *name* of a method or submodule of the model (``encode="encode"``)
    or a method or submodule of ``model`` itself (``encode=vae.encode``); both follow the model into
    its fitted copy ``model_``. Any other function of tensors is used as it is, which is right only
    for a model that is already trained (``epochs=0``). An encoder that returns a pair
    ``(mu, logvar)`` (a VAE's) gives ``mu`` as the code.

    ``loss_fn(model, batch)``: the training loss used by :func:`latent_helpers.fit` in :meth:`fit`;
    with ``epochs=0`` ``fit`` does not train (use it for a model that is already trained, e.g.
    loaded from a checkpoint) and only records the input shape and the code width. Training is
    seeded by ``seed`` (weights' random parts and batch order), so two fits give the same model.

    ``transform(X)`` returns the codes as a float32 numpy array ``(n, k)``; ``inverse_transform(Z)``
    returns reconstructions shaped like the rows ``fit`` saw (e.g. ``(n, 784)`` or ``(n, 28, 28)``).

    >>> class Tiny(torch.nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.encoder, self.decoder = torch.nn.Linear(4, 2), torch.nn.Linear(2, 4)
    >>> ae = AutoencoderTransformer(Tiny(), epochs=0).fit(np.zeros((3, 4)))
    >>> ae.transform(np.zeros((5, 4))).shape, ae.inverse_transform(np.zeros((5, 2))).shape
    ((5, 2), (5, 4))
    >>> ae.n_components_, ae.model_ is ae.model
    (2, False)
    """

    def __init__(self, model: torch.nn.Module, loss_fn: Callable | None = None, epochs: int = 10,
                 lr: float = 1e-3, batch_size: int = 128, encode: Callable | str | None = None,
                 decode: Callable | str | None = None, progress: bool = True, seed: int = 0):
        self.model = model
        self.loss_fn = loss_fn
        self.epochs = epochs
        self.lr = lr
        self.batch_size = batch_size
        self.encode = encode
        self.decode = decode
        self.progress = progress
        self.seed = seed

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float32"]  # codes are float32, whatever came in
        tags.non_deterministic = False
        return tags

    # -- helpers -------------------------------------------------------------------------------
    def _check_params(self) -> None:
        if not isinstance(self.model, torch.nn.Module):
            kind = "a function" if callable(self.model) else type(self.model).__name__
            raise TypeError(f"model must be a torch.nn.Module, got {kind}")
        for arg, part in (("encode", "encoder"), ("decode", "decoder")):
            fn = getattr(self, arg)
            if fn is None:
                if not callable(getattr(self.model, part, None)):
                    raise TypeError(f"model has no .{part}; give the model a .{part} or pass "
                                    f"{arg}=... to AutoencoderTransformer (a method name such as {arg!r}, "
                                    f"or a function of a tensor)")
            elif isinstance(fn, str):
                if not callable(getattr(self.model, fn, None)):
                    raise ValueError(f"{arg}={fn!r}, but the model has no method or submodule called {fn!r}")
            elif not callable(fn):
                raise TypeError(f"{arg} must be a function of a tensor, a method name, or None; got "
                                f"{type(fn).__name__}")
        if isinstance(self.epochs, (bool, np.bool_)) or not isinstance(self.epochs, (int, np.integer)) \
                or not 0 <= self.epochs <= 10**9:
            raise ValueError(f"epochs must be a whole number >= 0 (0 = already trained), got {short_repr(self.epochs)}")
        as_positive_float(self.lr, "lr")
        positive_int(self.batch_size, "batch_size")
        as_bool(self.progress, "progress")
        as_seed(self.seed)
        if self.epochs > 0 and not callable(self.loss_fn):
            raise TypeError("loss_fn must be a function loss_fn(model, batch) -> loss to train; "
                            "or use epochs=0 for an already trained model")

    def _part(self, arg: str, part: str, model_: torch.nn.Module) -> Callable:
        """``encode``/``decode`` as a callable that uses the fitted copy ``model_``."""
        fn = getattr(self, arg)
        if fn is None:
            return getattr(model_, part)
        if isinstance(fn, str):
            return getattr(model_, fn)
        modules = {id(m): name for name, m in self.model.named_modules()}
        owner = fn if isinstance(fn, torch.nn.Module) else getattr(fn, "__self__", None)
        if owner is not None and id(owner) in modules:
            twin = model_.get_submodule(modules[id(owner)])
            return twin if owner is fn else types.MethodType(fn.__func__, twin)
        if int(self.epochs) > 0:
            raise ValueError(f"{arg} is a function outside the model, so after training it would still call "
                             f"the untrained weights (fit trains a copy, model_): pass a method name "
                             f"({arg}='{arg}') or a method of the model ({arg}=model.{arg}) instead")
        return fn

    def _encode(self, A: np.ndarray, model: torch.nn.Module | None = None, fn: Callable | None = None) -> np.ndarray:
        model = self.model_ if model is None else model
        fn = self.encode_ if fn is None else fn
        device = next((p.device for p in model.parameters()), torch.device("cpu"))
        was_training = model.training
        model.eval()
        outs = []
        try:
            with torch.no_grad():
                for start in range(0, len(A), 1024):
                    out = fn(torch.tensor(A[start:start + 1024]).to(device))
                    if isinstance(out, (tuple, list)) and out:  # a VAE's (mu, logvar): the code is mu
                        out = out[0]
                    if not isinstance(out, (torch.Tensor, np.ndarray)):
                        raise TypeError(f"the encoder must return a tensor of codes, got {type(out).__name__}")
                    arr = (out.detach().cpu().numpy() if isinstance(out, torch.Tensor) else out).astype(np.float32)
                    outs.append(arr.reshape(len(arr), -1))
        finally:
            model.train(was_training)
        return np.concatenate(outs)

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError("this AutoencoderTransformer is not fitted yet: call fit(X) first "
                                 "(with epochs=0 if the model is already trained)")

    def _rows(self, X: Any) -> np.ndarray:
        A = _as_X(X)
        per_row = int(np.prod(A.shape[1:]))
        if tuple(A.shape[1:]) != self.input_shape_:
            if per_row != self.n_features_in_:
                raise ValueError(f"X has {per_row} features, but AutoencoderTransformer is expecting "
                                 f"{self.n_features_in_} features as input (rows of shape {self.input_shape_} "
                                 f"like the data fit saw, got {tuple(A.shape[1:])})")
            A = A.reshape((len(A), *self.input_shape_))
        return np.ascontiguousarray(A)

    # -- the three calls ------------------------------------------------------------------------
    def fit(self, X, y=None) -> "AutoencoderTransformer":
        """Copy ``model`` into ``model_`` and train the copy on ``X`` (``epochs`` passes); returns self."""
        from .training import fit as train

        self._check_params()
        A = _as_X(X)
        model_ = copy.deepcopy(self.model)
        encode_, decode_ = self._part("encode", "encoder", model_), self._part("decode", "decoder", model_)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(as_seed(self.seed))
            try:  # one item through the encoder first: a model that does not fit X says so here
                self._encode(np.ascontiguousarray(A[:1]), model_, encode_)
            except RuntimeError as exc:
                raise ValueError(f"the model's encoder could not take X's items of shape {tuple(A.shape[1:])} "
                                 f"({str(exc).splitlines()[0][:200]}); give X the shape the model expects") from exc
            history = None
            if self.epochs > 0:
                history = train(model_, self.loss_fn, torch.tensor(A), epochs=int(self.epochs), lr=self.lr,
                                batch_size=self.batch_size, progress=bool(self.progress), seed=int(self.seed),
                                desc="autoencoder")
            model_.eval()
            n_components = int(self._encode(np.ascontiguousarray(A[:1]), model_, encode_).shape[1])
        self.model_, self.encode_, self.decode_ = model_, encode_, decode_
        self.input_shape_ = tuple(A.shape[1:])
        self.n_features_in_ = int(np.prod(self.input_shape_))
        self.n_components_ = n_components
        if history is not None:
            self.history_ = history
        elif hasattr(self, "history_"):
            del self.history_
        return self

    def transform(self, X) -> np.ndarray:
        """The codes of ``X``: ``(n, k)`` float32."""
        self._check_fitted()
        return self._encode(self._rows(X))

    def inverse_transform(self, Z) -> np.ndarray:
        """Decode codes ``(n, k)`` into reconstructions shaped like the rows ``fit`` saw."""
        from .decoding import as_decoder

        self._check_fitted()
        C = as_float_array(Z, "Z", ndim=2)
        if C.shape[1] != self.n_components_:
            raise ValueError(f"Z must have {self.n_components_} columns (the code width of this model's "
                             f"encoder), got shape {C.shape}")
        dec = as_decoder(self.decode_)
        parts = [dec.raw(np.ascontiguousarray(C[i:i + 1024])) for i in range(0, len(C), 1024)]
        X_hat = np.concatenate(parts)
        if X_hat[0].size != self.n_features_in_:
            raise ValueError(f"the decoder returned {X_hat[0].size} numbers per item, expected "
                             f"{self.n_features_in_} (shape {self.input_shape_})")
        return X_hat.reshape((len(C), *self.input_shape_))


__all__ = ["AutoencoderTransformer"]
