"""Save and load model weights with a sha256, so a pretrained file is exactly the one we made.

Pretrained files live in ``data/checkpoints/``; ``data/checkpoints/MANIFEST.json`` records for each
its sha256 and the command that made it. Files are read with ``torch.load(..., weights_only=True)``,
which refuses anything but tensors and plain containers; the course never loads a file any other
way. So :func:`save_checkpoint` writes only what that loads: tensors, numbers, text, ``None`` and
lists/tuples/dicts of them. It stores numpy arrays as tensors, numpy numbers as Python numbers and
a :class:`~latent_helpers.History` as its plain dict of curves; anything else (an optimizer, a
model object) is refused with a message saying what to store instead.
"""
from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import pickle
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
import torch

from .core import DATA_DIR
from .validation import as_path

CHECKPOINT_DIR = DATA_DIR / "checkpoints"
MANIFEST = CHECKPOINT_DIR / "MANIFEST.json"
_REMAKE = "re-make it with `make checkpoints` (or the command recorded in MANIFEST.json)"


class ChecksumError(ValueError):
    """The file on disk is not the one recorded: it was changed, truncated or replaced."""


class CheckpointError(ValueError):
    """A checkpoint or manifest that cannot be used as it is (damaged, unsafe, or badly written)."""


class UnknownCheckpointError(KeyError, ValueError):
    """``load_pretrained`` was asked for a name the manifest does not list."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def sha256_file(path: str | Path) -> str:
    """The sha256 hex digest of a file.

    >>> len(sha256_file(__file__))
    64
    """
    path = as_path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path: no file at {path}")
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_PLAIN = (bool, int, float, complex, str, bytes, type(None), torch.Size, torch.dtype, torch.device)


def _safe(value: Any, where: str) -> Any:
    """``value`` in a form ``torch.load(weights_only=True)`` reads, or a TypeError naming ``where``."""
    from .training import History

    if isinstance(value, torch.nn.Module):
        raise TypeError(f"{where} is a model ({type(value).__name__}); store its weights, model.state_dict(), "
                        "not the model itself")
    if isinstance(value, torch.optim.Optimizer):
        raise TypeError(f"{where} is an optimizer ({type(value).__name__}); store optimizer.state_dict() instead")
    if isinstance(value, torch.Tensor):
        return value.detach()
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype == object or not (np.issubdtype(value.dtype, np.number) or value.dtype == bool):
            raise TypeError(f"{where} is a numpy array of dtype {value.dtype}; only numeric arrays can be stored")
        return torch.from_numpy(np.array(value, copy=True))
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, History):
        return value.as_dict()
    if isinstance(value, dict):
        out = OrderedDict() if isinstance(value, OrderedDict) else {}
        for k, v in value.items():
            key = k.item() if isinstance(k, np.generic) else k
            if not isinstance(key, (str, int, float, bool, type(None), tuple)):
                raise TypeError(f"{where} has a key of type {type(k).__name__}; keys must be text or numbers")
            out[key] = _safe(v, f"{where}[{key!r}]")
        return out
    if isinstance(value, (list, tuple)):
        items = [_safe(v, f"{where}[{i}]") for i, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    raise TypeError(f"{where} is a {type(value).__name__}, which a checkpoint cannot hold safely: store "
                    "tensors, numpy arrays, numbers, text, and lists or dicts of them")



def save_checkpoint(state: dict, path: str | Path) -> str:
    """Save a ``state_dict`` (or any dict of tensors and plain values) and return its sha256.

    Numpy arrays are stored as tensors, numpy numbers as Python numbers and a ``History`` as its
    dict of curves, so that :func:`load_checkpoint` reads back everything it writes. The file is
    written whole or not at all (a temporary file, then renamed).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "w.pt"
    >>> sha = save_checkpoint({"w": np.ones(2), "epochs": np.int64(3)}, p)
    >>> load_checkpoint(p, sha)
    {'w': tensor([1., 1.], dtype=torch.float64), 'epochs': 3}
    """
    if isinstance(state, torch.nn.Module):
        raise TypeError("state must be model.state_dict(), not the model itself: weights_only loading needs "
                        "plain tensors")
    if not isinstance(state, dict):
        raise TypeError(f"state must be a dict such as model.state_dict(), got {type(state).__name__}")
    path = as_path(path)
    if path.is_dir():
        raise ValueError(f"path {path} is a folder; give a file name such as {path / 'model.pt'}")
    safe = _safe(state, "state")
    buffer = io.BytesIO()
    torch.save(safe, buffer)
    try:  # the promise: what is saved here, load_checkpoint reads
        torch.load(io.BytesIO(buffer.getvalue()), map_location="cpu", weights_only=True)
    except Exception as exc:  # pragma: no cover - _safe should have caught it
        raise TypeError(f"state holds a value that weights_only loading refuses ({exc}); store tensors, "
                        "numbers, text, and lists or dicts of them") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_bytes(buffer.getvalue())
    os.replace(tmp, path)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _check_sha(sha256: Any, name: str = "sha256") -> str:
    if not isinstance(sha256, str):
        raise TypeError(f"{name} must be the 64-character hex digest recorded when the file was made, got "
                        f"{type(sha256).__name__}")
    sha = sha256.strip().lower()
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError(f"{name} must be the 64-character hex digest recorded when the file was made, got "
                         f"{sha256[:70]!r}")
    return sha


def load_checkpoint(path: str | Path, sha256: str, map_location: str | torch.device = "cpu") -> dict:
    """Load a file saved by :func:`save_checkpoint` after checking it against ``sha256``.

    Raises ``FileNotFoundError`` if it is missing, :class:`ChecksumError` if the hash differs and
    :class:`CheckpointError` (a ValueError) if the file is damaged or holds objects that
    ``weights_only`` loading refuses; each message names the file and the fix.
    """
    path = as_path(path)
    sha = _check_sha(sha256)
    _check_map_location(map_location)
    if not path.is_file():
        raise FileNotFoundError(f"no checkpoint at path {path}; run the 'train it yourself' cell, or {_REMAKE}")
    actual = sha256_file(path)
    if actual != sha:
        raise ChecksumError(f"{path.name} has sha256 {actual[:12]}..., expected {sha[:12]}...: the file "
                            f"is not the one recorded. Re-make it with the script in {MANIFEST.name}.")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{path} is empty (0 bytes), so it holds no weights; {_REMAKE}")
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as exc:
        raise CheckpointError(
            f"{path} holds objects other than tensors and plain values, which the course's loader "
            f"(torch.load with weights_only=True) refuses for safety: {str(exc).splitlines()[0][:200]}. "
            f"Re-save it with save_checkpoint (it stores only safe values), or {_REMAKE}") from None
    except Exception as exc:
        raise CheckpointError(
            f"{path} could not be read as a checkpoint: it looks truncated, damaged or not a torch file "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else 'no details'}); "
            f"{_REMAKE}") from None


def _check_map_location(map_location: Any) -> None:
    if map_location is None or isinstance(map_location, torch.device):
        return
    if not isinstance(map_location, str):
        raise TypeError(f"map_location must be 'cpu', 'cuda' or a torch.device, got {type(map_location).__name__}")
    try:
        torch.device(map_location)
    except (RuntimeError, ValueError):
        raise ValueError(f"map_location must be 'cpu', 'cuda' or a torch.device, got {map_location!r}") from None


def _manifest_path(manifest: Any) -> Path:
    return CHECKPOINT_DIR / MANIFEST.name if manifest is None else as_path(manifest, "manifest")


def read_manifest(manifest: str | Path | None = None, missing_ok: bool = False) -> dict:
    """The manifest of pretrained files: ``{name: {"sha256": ..., "command": ...}}``.

    ``manifest`` defaults to ``CHECKPOINT_DIR / "MANIFEST.json"``, looked up when called. A missing
    manifest raises ``FileNotFoundError`` (``missing_ok=True``: an empty dict, for a new one); one
    that is not valid JSON, or not a dict of entries, raises :class:`CheckpointError`.
    """
    path = _manifest_path(manifest)
    if not path.is_file():
        if missing_ok:
            return {}
        raise FileNotFoundError(
            f"no manifest at {path}: the list of pretrained files and their sha256 is missing. Restore it "
            f"with `git checkout -- {path.name}` in {path.parent}, or re-make the checkpoints with "
            f"`make checkpoints`")
    try:
        entries = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CheckpointError(f"{path} is not valid JSON ({exc}); restore it with git, or re-make it with "
                              f"`make checkpoints`") from None
    if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
        raise CheckpointError(f"{path} must hold {{name: {{'sha256': ..., 'command': ...}}}}; got something "
                              "else. Restore it with git, or re-make it with `make checkpoints`")
    return entries


def record_checkpoint(name: str, sha256: str, command: str, manifest: str | Path = MANIFEST,
                      extra: dict | None = None) -> None:
    """Write (or update) ``name``'s entry in the manifest; ``scripts/make_checkpoints.py`` calls this.

    ``extra`` adds JSON-able facts to the entry (the script that made it, its held-out figure).
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be the checkpoint's file name, got {name!r}")
    sha = _check_sha(sha256)
    if not isinstance(command, str):
        raise TypeError(f"command must be text (the command that made the file), got {type(command).__name__}")
    path = _manifest_path(manifest)
    entries = read_manifest(path, missing_ok=True)
    entries[name] = {"sha256": sha, "command": command, **(extra or {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(entries.items())), indent=2) + "\n")


def load_pretrained(name: str, directory: str | Path | None = None, map_location="cpu") -> dict:
    """Load the shipped checkpoint ``name`` (e.g. ``"ae04_mlp_k8.pt"``), verified against the manifest.

    ``directory`` defaults to ``CHECKPOINT_DIR`` (``data/checkpoints``), looked up when called, so
    a test can point it elsewhere. A name the manifest does not list raises
    :class:`UnknownCheckpointError` (a KeyError and a ValueError) that lists the names it has.

    >>> sorted(load_pretrained("ae04_mlp_k2.pt"))
    ['epochs', 'history', 'model']
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a checkpoint's file name such as 'ae04_mlp_k8.pt', got {type(name).__name__}")
    directory = CHECKPOINT_DIR if directory is None else as_path(directory, "directory")
    _check_map_location(map_location)
    manifest = directory / MANIFEST.name
    entries = read_manifest(manifest)
    if name not in entries:
        if not entries:
            raise UnknownCheckpointError(f"{name!r}: the manifest {manifest} lists no checkpoints at all; "
                                         f"restore it with git, or re-make the checkpoints with `make checkpoints`")
        close = difflib.get_close_matches(name, list(entries), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownCheckpointError(f"name {name!r} is not in {manifest}; known: {sorted(entries)}.{hint}")
    entry = entries[name]
    if "sha256" not in entry:
        raise CheckpointError(f"the entry for {name!r} in {manifest} has no sha256, so the file cannot be "
                              f"verified; re-make it with `make checkpoints` (it records the hash)")
    try:
        sha = _check_sha(entry["sha256"], f"the sha256 of {name!r} in {manifest}")
    except TypeError as exc:
        raise CheckpointError(str(exc)) from None
    return load_checkpoint(directory / name, sha, map_location=map_location)


__all__ = ["CHECKPOINT_DIR", "MANIFEST", "CheckpointError", "ChecksumError", "UnknownCheckpointError", "load_checkpoint",
           "load_pretrained", "read_manifest", "record_checkpoint", "save_checkpoint", "sha256_file"]
