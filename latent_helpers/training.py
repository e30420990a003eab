"""A small, generic training loop with a progress bar and a loss history."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset

from ._validate import positive_int

LossOut = "torch.Tensor | Mapping[str, torch.Tensor]"


@dataclass
class History:
    """Per-epoch means of every term the loss function returns (``loss`` always; e.g. ``recon``, ``kl``).

    ``history["loss"]`` is the training curve; ``history["val_loss"]`` appears when validation
    data is given. ``seconds`` is the wall time of the whole fit.
    """

    terms: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0

    def __getitem__(self, key: str) -> list[float]:
        return self.terms[key]

    def __contains__(self, key: str) -> bool:
        return key in self.terms

    def keys(self):
        return self.terms.keys()

    def last(self, key: str = "loss") -> float:
        """The final epoch's value of ``key``."""
        return self.terms[key][-1]

    def add(self, key: str, value: float) -> None:
        self.terms.setdefault(key, []).append(float(value))

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v[-1]:.4g}" for k, v in self.terms.items() if v)
        n = max((len(v) for v in self.terms.values()), default=0)
        return f"History({n} epochs, {parts}, {self.seconds:.1f} s)"


def make_loader(data, batch_size: int = 128, shuffle: bool = True, seed: int = 0) -> DataLoader:
    """A DataLoader with ``num_workers=0`` and a seeded generator, so batches come in the same order.

    ``data`` may be a DataLoader (returned as is), a Dataset, a tensor, or a tuple of tensors with
    the same first dimension (e.g. ``(images, labels)``).
    """
    if isinstance(data, DataLoader):
        return data
    batch_size = positive_int(batch_size, "batch_size")
    if isinstance(data, torch.Tensor):
        data = TensorDataset(data)
    elif isinstance(data, (tuple, list)):
        if not data or not all(isinstance(t, torch.Tensor) for t in data):
            raise TypeError("data as a tuple must hold torch tensors, e.g. (images, labels)")
        n = {len(t) for t in data}
        if len(n) != 1:
            raise ValueError(f"the tensors in data must have the same length, got lengths {sorted(n)}")
        data = TensorDataset(*data)
    elif not isinstance(data, Dataset):
        raise TypeError(f"data must be a tensor, a tuple of tensors, a Dataset or a DataLoader, "
                        f"got {type(data).__name__}")
    if len(data) == 0:
        raise ValueError("data is empty: nothing to train on")
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(data, batch_size=batch_size, shuffle=shuffle, num_workers=0, generator=g)


def _terms(out, where: str) -> dict[str, torch.Tensor]:
    if isinstance(out, torch.Tensor):
        out = {"loss": out}
    if not isinstance(out, Mapping) or "loss" not in out:
        raise TypeError(f"{where} must return a scalar tensor, or a dict with a 'loss' entry "
                        f"(and any other terms to record); got {type(out).__name__}")
    loss = out["loss"]
    if not isinstance(loss, torch.Tensor) or loss.numel() != 1:
        raise TypeError(f"{where}'s 'loss' must be a scalar tensor")
    return out


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
    whose every term is averaged per epoch into the returned :class:`History`. Shows a tqdm
    progress bar (one step per epoch) with the current loss. Raises ``FloatingPointError`` if the
    loss becomes NaN, with advice.

    >>> net = torch.nn.Linear(4, 4)
    >>> x = torch.randn(64, 4)
    >>> h = fit(net, lambda m, b: ((m(b[0]) - b[0]) ** 2).mean(), x, epochs=2, progress=False)
    >>> len(h["loss"])
    2
    """
    from tqdm.auto import tqdm

    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    if not callable(loss_fn):
        raise TypeError("loss_fn must be a function loss_fn(model, batch) -> loss")
    epochs = positive_int(epochs, "epochs")
    if not (isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive number, got {lr!r}")
    device = torch.device(device) if device is not None else next(
        (p.device for p in model.parameters()), torch.device("cpu"))
    loader = make_loader(data, batch_size=batch_size, shuffle=True, seed=seed)
    val_loader = make_loader(val_data, batch_size=max(batch_size, 256), shuffle=False) if val_data is not None else None
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
            batch = [t.to(device) for t in (batch if isinstance(batch, (list, tuple)) else [batch])]
            terms = _terms(loss_fn(model, batch), "loss_fn")
            loss = terms["loss"]
            if not torch.isfinite(loss):
                raise FloatingPointError(
                    "the loss became NaN or infinite; try a smaller lr (e.g. lr / 10) or check the "
                    "inputs are scaled to [0, 1]")
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            n = len(batch[0])
            count += n
            for k, v in terms.items():
                sums[k] = sums.get(k, 0.0) + float(v.detach()) * n
        for k, v in sums.items():
            history.add(k, v / count)
        if val_loader is not None:
            for k, v in evaluate(model, loss_fn, val_loader, device).items():
                history.add(f"val_{k}", v)
        shown = {"loss": f"{history.last('loss'):.4g}"}
        if "val_loss" in history:
            shown["val"] = f"{history.last('val_loss'):.4g}"
        bar.set_postfix(shown)
    history.seconds = time.perf_counter() - start
    model.eval()
    return history


@torch.no_grad()
def evaluate(model: torch.nn.Module, loss_fn, data, device: torch.device | str | None = None,
             batch_size: int = 512) -> dict[str, float]:
    """Mean of every term of ``loss_fn`` over ``data``, with the model in eval mode and no gradients."""
    device = torch.device(device) if device is not None else next(
        (p.device for p in model.parameters()), torch.device("cpu"))
    loader = make_loader(data, batch_size=batch_size, shuffle=False)
    was_training = model.training
    model.eval()
    sums: dict[str, float] = {}
    count = 0
    for batch in loader:
        batch = [t.to(device) for t in (batch if isinstance(batch, (list, tuple)) else [batch])]
        terms = _terms(loss_fn(model, batch), "loss_fn")
        n = len(batch[0])
        count += n
        for k, v in terms.items():
            sums[k] = sums.get(k, 0.0) + float(v) * n
    model.train(was_training)
    return {k: v / count for k, v in sums.items()}
