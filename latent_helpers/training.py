"""A small, generic training loop with a progress bar and a loss history.

What a loss function must return (``fit`` and ``evaluate`` say so when it does not):

- a tensor holding one number, computed from ``model(batch)`` with torch operations, e.g.
  ``((model(x) - x) ** 2).mean()``; or
- a dict with that tensor under ``"loss"`` and any other terms to record, each one number
  (a one-number tensor or a plain float such as ``kl.item()``): ``{"loss": recon + kl, "recon": recon, "kl": kl}``.
"""
from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset

from .validation import as_bool, as_positive_float, as_seed, positive_int, short_repr

_LOSS_CONTRACT = ("a tensor with one number computed from model(batch) (e.g. ((model(x) - x) ** 2).mean()), "
                  "or a dict {'loss': that tensor, 'recon': ..., 'kl': ...} whose other terms are one number each")


@dataclass
class History:
    """Per-epoch means of every term the loss function returns (``loss`` always; e.g. ``recon``, ``kl``).

    ``history["loss"]`` is the training curve; ``history["val_loss"]`` appears when validation
    data is given. ``seconds`` is the wall time of the whole fit. ``as_dict()`` gives the curves
    as a plain dict (what :func:`latent_helpers.save_checkpoint` stores).

    >>> h = History(); h.add("loss", 0.5); h.add("loss", 0.25)
    >>> h["loss"], h.last(), h.as_dict()
    ([0.5, 0.25], 0.25, {'loss': [0.5, 0.25]})
    """

    terms: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0

    def __getitem__(self, key: str) -> list[float]:
        if key not in self.terms:
            raise KeyError(f"{key!r} is not in this history; it has {sorted(self.terms)}")
        return self.terms[key]

    def __contains__(self, key: str) -> bool:
        return key in self.terms

    def keys(self):
        return self.terms.keys()

    def last(self, key: str = "loss") -> float:
        """The final epoch's value of ``key``."""
        return self[key][-1]

    def add(self, key: str, value: float) -> None:
        self.terms.setdefault(key, []).append(float(value))

    def as_dict(self) -> dict[str, list[float]]:
        """The curves as a plain ``{term: [one value per epoch]}`` dict (a copy)."""
        return {k: list(v) for k, v in self.terms.items()}

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v[-1]:.4g}" for k, v in self.terms.items() if v)
        n = max((len(v) for v in self.terms.values()), default=0)
        return f"History({n} epochs, {parts}, {self.seconds:.1f} s)"


def _as_tensor(x: Any, name: str) -> torch.Tensor:
    if isinstance(x, torch.Tensor):
        return x
    if isinstance(x, np.ndarray):
        if x.dtype == object or not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
            raise TypeError(f"{name} must hold numbers, got a numpy array of dtype {x.dtype}")
        return torch.from_numpy(np.ascontiguousarray(x))
    raise TypeError(f"{name} must hold torch tensors or numpy arrays, e.g. (images, labels); got "
                    f"{type(x).__name__}")


def _check_tensor(t: torch.Tensor, name: str) -> None:
    if t.dim() == 0:
        raise ValueError(f"{name} must have a first dimension that counts the items, got a single number "
                         f"(a 0-d tensor)")
    if t.is_complex():
        raise TypeError(f"{name} must hold real numbers, got dtype {t.dtype}")
    if t.is_floating_point() and t.device.type != "meta" and t.numel() and not bool(torch.isfinite(t).all()):
        raise ValueError(f"{name} contains NaN or infinite values: clean them first (a loss on them would be NaN)")


def make_loader(data, batch_size: int = 128, shuffle: bool = True, seed: int = 0) -> DataLoader:
    """A DataLoader with ``num_workers=0`` and a seeded generator, so batches come in the same order.

    ``data`` may be a DataLoader (returned as is), a Dataset, a tensor or numpy array, or a tuple
    of them with the same first dimension (e.g. ``(images, labels)``). Tensors and arrays are
    checked for NaN and infinite values.

    >>> next(iter(make_loader(np.zeros((10, 3), np.float32), batch_size=4)))[0].shape
    torch.Size([4, 3])
    """
    return _make_loader(data, batch_size, shuffle, seed, "data")


def _make_loader(data, batch_size: int, shuffle: bool, seed: int, name: str) -> DataLoader:
    """:func:`make_loader`, with ``name`` (the argument's name in error messages)."""
    if isinstance(data, DataLoader):
        return data
    batch_size = positive_int(batch_size, "batch_size")
    seed = as_seed(seed)
    shuffle = as_bool(shuffle, "shuffle")
    if data is None:
        raise TypeError(f"{name} is None: pass a tensor, a tuple of tensors (e.g. (images, labels)), a Dataset "
                        "or a DataLoader")
    if isinstance(data, (torch.Tensor, np.ndarray)):
        t = _as_tensor(data, name)
        _check_tensor(t, name)
        data = TensorDataset(t)
    elif isinstance(data, (tuple, list)):
        if not data or not all(isinstance(t, (torch.Tensor, np.ndarray)) for t in data):
            raise TypeError(f"{name} as a tuple must hold torch tensors (or numpy arrays), e.g. (images, labels); "
                            f"got {', '.join(type(t).__name__ for t in data[:4]) or 'nothing'}")
        tensors = [_as_tensor(t, f"{name}[{i}]") for i, t in enumerate(data)]
        for i, t in enumerate(tensors):
            _check_tensor(t, f"{name}[{i}]")
        n = {len(t) for t in tensors}
        if len(n) != 1:
            raise ValueError(f"the tensors in {name} must have the same length, got lengths {sorted(n)}")
        data = TensorDataset(*tensors)
    elif not isinstance(data, Dataset):
        raise TypeError(f"{name} must be a tensor, a tuple of tensors, a Dataset or a DataLoader, "
                        f"got {type(data).__name__}")
    try:
        n_items = len(data)
    except TypeError:
        raise TypeError(f"{name} is a Dataset without a length (__len__); wrap it in a DataLoader") from None
    if n_items == 0:
        raise ValueError(f"{name} is empty: nothing to train on")
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(data, batch_size=batch_size, shuffle=shuffle, num_workers=0, generator=g)


def _check_model(model: Any) -> None:
    if not isinstance(model, torch.nn.Module):
        kind = "a function" if callable(model) else type(model).__name__
        raise TypeError(f"model must be a torch.nn.Module (a network with parameters), got {kind}")


def _check_loss_fn(loss_fn: Any) -> None:
    if not callable(loss_fn):
        raise TypeError(f"loss_fn must be a function loss_fn(model, batch) -> loss, got {type(loss_fn).__name__}")


def _resolve_device(device: Any, model: torch.nn.Module) -> torch.device:
    """``device`` as a torch.device (the model's own device when ``None``)."""
    if device is None:
        return next((p.device for p in model.parameters()), torch.device("cpu"))
    if not isinstance(device, (str, torch.device)):
        raise TypeError(f"device must be 'cpu', 'cuda' or a torch.device (what setup() returns), got "
                        f"{short_repr(device)}")
    try:
        dev = torch.device(device)
    except (RuntimeError, ValueError) as exc:
        raise ValueError(f"device must be 'cpu', 'cuda' or a torch.device, got {device!r} ({exc})") from None
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device={device!r} but there is no GPU here; pass the device that setup() returns "
                         "(it is 'cpu' when there is no GPU)")
    return dev


def _model_dtype(model: torch.nn.Module) -> torch.dtype:
    return next((p.dtype for p in model.parameters() if p.is_floating_point()), torch.get_default_dtype())


class _Batches:
    """Turns each batch into a list of tensors on the device, in the model's float type."""

    def __init__(self, model: torch.nn.Module, device: torch.device, name: str):
        self.device, self.dtype, self.name = device, _model_dtype(model), name
        self.noted: set[int] = set()

    def __call__(self, batch: Any) -> list[torch.Tensor]:
        items = list(batch) if isinstance(batch, (list, tuple)) else [batch]
        out = []
        for i, t in enumerate(items):
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"{self.name} must give batches of tensors; item {i} of a batch is a "
                                f"{type(t).__name__}")
            if t.dtype == torch.uint8:
                raise TypeError(f"{self.name} holds uint8 values (item {i} of each batch), like pixels from 0 to "
                                f"255; the model computes in {self.dtype}: convert first, e.g. x.float() / 255 "
                                "for pixels in [0, 1]")
            if t.is_floating_point() and t.dtype != self.dtype:
                if i not in self.noted:
                    self.noted.add(i)
                    warnings.warn(f"{self.name}: item {i} of each batch is {t.dtype} but the model's weights are "
                                  f"{self.dtype}; converting every batch to {self.dtype} (convert the data once, "
                                  f"e.g. x.float(), to skip this note)", UserWarning, stacklevel=4)
                t = t.to(self.dtype)
            out.append(t.to(self.device))
        return out


def _value(t: Any) -> float:
    if isinstance(t, torch.Tensor):  # no values on the meta device: nothing to record
        return math.nan if t.device.type == "meta" else float(t.detach().reshape(()).cpu())
    return float(t)


def _terms(out: Any, where: str, training: bool = False) -> dict[str, Any]:
    """Check what a loss function returned; the terms as a dict with ``"loss"`` first."""
    if isinstance(out, torch.Tensor):
        out = {"loss": out}
    if not isinstance(out, Mapping) or "loss" not in out:
        got = f"a dict with keys {sorted(map(str, out))}" if isinstance(out, Mapping) else (
            "None (did it forget `return`?)" if out is None else f"{type(out).__name__} {short_repr(out)}")
        raise TypeError(f"{where} must return {_LOSS_CONTRACT}; got {got}")
    terms: dict[str, Any] = {}
    for k, v in out.items():
        if not isinstance(k, str):
            raise TypeError(f"{where}'s dict keys must be names (text), got {short_repr(k)}")
        if isinstance(v, torch.Tensor):
            if v.numel() != 1:
                raise ValueError(f"{where}'s {k!r} has shape {tuple(v.shape)}, but each term must be one number "
                                 f"per batch (a scalar): reduce it with .mean() or .sum()")
            if v.is_complex() or not (v.is_floating_point() or k != "loss"):
                raise TypeError(f"{where}'s {k!r} must be a float tensor, got dtype {v.dtype}")
        elif k == "loss":
            kind = "a float (did you call .item() on it? keep it a tensor)" if isinstance(
                v, (float, int, np.number)) else type(v).__name__
            raise TypeError(f"{where}'s 'loss' must be a tensor connected to the model, so that fit can "
                            f"follow its gradient; got {kind}")
        elif isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise TypeError(f"{where}'s {k!r} must be one number (a scalar tensor or a float), got "
                            f"{type(v).__name__}")
        terms[k] = v
    if training and not terms["loss"].requires_grad:
        raise ValueError(f"{where}'s 'loss' does not depend on the model's weights (requires_grad is False): "
                         "compute it from model(batch) with torch operations, without .detach(), .item(), "
                         "numpy or torch.no_grad()")
    return terms


def _call_loss(loss_fn: Callable, model: torch.nn.Module, batch: list[torch.Tensor], where: str,
               data_name: str = "data") -> Any:
    """``loss_fn(model, batch)``, with a clearer error for the two classic mismatches (dtype, device)."""
    try:
        return loss_fn(model, batch)
    except RuntimeError as exc:
        text = str(exc)
        if "dtype" in text or "scalar type" in text:
            got = ", ".join(str(t.dtype) for t in batch)
            raise TypeError(f"{where} failed: the batch holds {got} and the model's weights are "
                            f"{_model_dtype(model)} ({text.splitlines()[0]}); give the model float data, "
                            f"e.g. x.float()") from exc
        if "shape" in text or "size" in text:
            got = ", ".join(str(tuple(t.shape)) for t in batch)
            raise ValueError(f"{where} failed on a batch of shape {got}: the model and the data do not fit "
                             f"together ({text.splitlines()[0][:200]}); check that {data_name}'s items have the shape "
                             f"the model's first layer expects") from exc
        if "same device" in text or "device" in text and "Expected" in text:
            raise ValueError(f"{where} failed: tensors on different devices ({text.splitlines()[0]}); pass "
                             f"device= to fit/evaluate (the model and every batch are moved there) and create "
                             f"new tensors inside loss_fn on x.device") from exc
        raise


def fit(model: torch.nn.Module,
        loss_fn: Callable[[torch.nn.Module, Sequence[torch.Tensor]], "torch.Tensor | Mapping[str, torch.Tensor]"],
        data,
        epochs: int = 10,
        lr: float = 1e-3,
        batch_size: int = 128,
        optimizer: torch.optim.Optimizer | None = None,
        val_data=None,
        device: torch.device | str | None = None,
        seed: int = 0,
        progress: bool = True,
        desc: str = "training") -> History:
    """Train ``model`` by minimising ``loss_fn(model, batch)`` for ``epochs`` passes over ``data``.

    ``batch`` is the list of tensors of one mini-batch (already on ``device``), e.g. ``[x]`` or
    ``[x, y]``. ``loss_fn`` returns a scalar tensor, or a dict ``{"loss": ..., "recon": ..., "kl": ...}``
    whose every term is averaged per epoch into the returned :class:`History` (see the module
    doc). ``device``: the model and every batch are moved there (the model stays there);
    ``None`` keeps the model where it is. Float data of another precision (numpy's float64) is
    converted to the model's, with a note; uint8 pixels are refused with advice. Shows a tqdm
    progress bar (one step per epoch) with the current loss. Raises ``FloatingPointError`` if the
    loss becomes NaN, with advice.

    >>> net = torch.nn.Linear(4, 4)
    >>> x = torch.randn(64, 4)
    >>> h = fit(net, lambda m, b: ((m(b[0]) - b[0]) ** 2).mean(), x, epochs=2, progress=False)
    >>> len(h["loss"])
    2
    """
    from tqdm.auto import tqdm

    _check_model(model)
    _check_loss_fn(loss_fn)
    epochs = positive_int(epochs, "epochs")
    lr = as_positive_float(lr, "lr")
    seed = as_seed(seed)
    progress = as_bool(progress, "progress")
    if not isinstance(desc, str):
        raise TypeError(f"desc must be text (the progress bar's label), got {type(desc).__name__}")
    if optimizer is not None and not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"optimizer must be a torch.optim.Optimizer (e.g. torch.optim.Adam(model.parameters())) "
                        f"or None, got {type(optimizer).__name__}")
    if optimizer is None and not any(p.requires_grad for p in model.parameters()):
        raise ValueError("model has no trainable parameters (none with requires_grad=True): nothing to fit")
    device = _resolve_device(device, model)
    loader = _make_loader(data, batch_size, True, seed, "data")
    val_loader = _make_loader(val_data, max(batch_size, 256), False, 0, "val_data") if val_data is not None else None
    model.to(device)
    to_batch = _Batches(model, device, "data")
    if optimizer is None:
        optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = History()
    start = time.perf_counter()
    bar = tqdm(range(epochs), desc=desc, disable=not progress, leave=True)
    for _ in bar:
        model.train()
        sums: dict[str, float] = {}
        count = 0
        for batch in loader:
            batch = to_batch(batch)
            terms = _terms(_call_loss(loss_fn, model, batch, "loss_fn"), "loss_fn", training=True)
            loss = terms["loss"]
            if loss.device.type != "meta" and not bool(torch.isfinite(loss.detach()).all()):
                raise FloatingPointError(
                    "the loss became NaN or infinite; try a smaller lr (e.g. lr / 10) or check the "
                    "inputs are scaled to [0, 1]")
            optimizer.zero_grad(set_to_none=True)
            loss.reshape(()).backward()
            optimizer.step()
            n = len(batch[0])
            count += n
            for k, v in terms.items():
                sums[k] = sums.get(k, 0.0) + _value(v) * n
        for k, v in sums.items():
            history.add(k, v / count)
        if val_loader is not None:
            for k, v in _evaluate(model, loss_fn, val_loader, device, "val_data").items():
                history.add(f"val_{k}", v)
        shown = {"loss": f"{history.last('loss'):.4g}"}
        if "val_loss" in history:
            shown["val"] = f"{history.last('val_loss'):.4g}"
        bar.set_postfix(shown)
    history.seconds = time.perf_counter() - start
    model.eval()
    return history


def evaluate(model: torch.nn.Module, loss_fn, data, device: torch.device | str | None = None,
             batch_size: int = 512) -> dict[str, float]:
    """Mean of every term of ``loss_fn`` over ``data``, with the model in eval mode and no gradients.

    Takes the same ``data``, ``loss_fn`` and ``device`` as :func:`fit` (and checks them the same way).

    >>> net = torch.nn.Linear(2, 2)
    >>> sorted(evaluate(net, lambda m, b: {"loss": m(b[0]).pow(2).mean(), "n": 1.0}, torch.ones(8, 2)))
    ['loss', 'n']
    """
    _check_model(model)
    _check_loss_fn(loss_fn)
    device = _resolve_device(device, model)
    loader = _make_loader(data, batch_size, False, 0, "data")
    model.to(device)
    return _evaluate(model, loss_fn, loader, device, "data")


@torch.no_grad()
def _evaluate(model: torch.nn.Module, loss_fn, loader: DataLoader, device: torch.device, name: str) -> dict[str, float]:
    to_batch = _Batches(model, device, name)
    was_training = model.training
    model.eval()
    sums: dict[str, float] = {}
    count = 0
    try:
        for batch in loader:
            batch = to_batch(batch)
            terms = _terms(_call_loss(loss_fn, model, batch, "loss_fn", name), "loss_fn")
            n = len(batch[0])
            count += n
            for k, v in terms.items():
                sums[k] = sums.get(k, 0.0) + _value(v) * n
    finally:
        model.train(was_training)
    result = {k: v / count for k, v in sums.items()}
    if device.type != "meta" and not math.isfinite(result["loss"]):
        raise FloatingPointError(f"the loss on {name} is NaN or infinite: the model's weights may have "
                                 "diverged (retrain with a smaller lr), or the data is not scaled to [0, 1]")
    return result


__all__ = ["History", "evaluate", "fit", "make_loader"]
