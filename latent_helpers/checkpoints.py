"""Save and load model weights with a sha256, so a pretrained file is exactly the one we made.

Pretrained files live in ``data/checkpoints/``; ``data/checkpoints/MANIFEST.json`` records for each
its sha256 and the command that made it. Files are read with ``torch.load(..., weights_only=True)``,
which refuses anything but tensors and plain containers.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import torch

from .core import DATA_DIR

CHECKPOINT_DIR = DATA_DIR / "checkpoints"
MANIFEST = CHECKPOINT_DIR / "MANIFEST.json"


class ChecksumError(ValueError):
    """The file on disk is not the one recorded: it was changed, truncated or replaced."""


def sha256_file(path: str | Path) -> str:
    """The sha256 hex digest of a file.

    >>> len(sha256_file(__file__))
    64
    """
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_checkpoint(state: dict, path: str | Path) -> str:
    """Save a ``state_dict`` (or any dict of tensors and plain values) and return its sha256."""
    if isinstance(state, torch.nn.Module):
        raise TypeError("pass model.state_dict(), not the model itself: weights_only loading needs plain tensors")
    if not isinstance(state, dict):
        raise TypeError(f"state must be a dict such as model.state_dict(), got {type(state).__name__}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, path)
    return sha256_file(path)


def load_checkpoint(path: str | Path, sha256: str, map_location: str | torch.device = "cpu") -> dict:
    """Load a file saved by :func:`save_checkpoint` after checking it against ``sha256``.

    Raises ``FileNotFoundError`` if it is missing and :class:`ChecksumError` if the hash differs.
    """
    path = Path(path)
    if not isinstance(sha256, str) or len(sha256) != 64:
        raise ValueError("sha256 must be the 64-character hex digest recorded when the file was made")
    if not path.is_file():
        raise FileNotFoundError(f"no checkpoint at {path}; run the 'train it yourself' cell or the script "
                                f"named in {MANIFEST.name} to make it")
    actual = sha256_file(path)
    if actual != sha256.lower():
        raise ChecksumError(f"{path.name} has sha256 {actual[:12]}..., expected {sha256[:12]}...: the file "
                            f"is not the one recorded. Re-make it with the script in {MANIFEST.name}.")
    return torch.load(path, map_location=map_location, weights_only=True)


def read_manifest(manifest: str | Path = MANIFEST) -> dict:
    """The manifest of pretrained files: ``{name: {"sha256": ..., "command": ...}}`` (empty if none)."""
    manifest = Path(manifest)
    if not manifest.is_file():
        return {}
    return json.loads(manifest.read_text())


def record_checkpoint(name: str, sha256: str, command: str, manifest: str | Path = MANIFEST) -> None:
    """Write (or update) ``name``'s entry in the manifest; scripts that make checkpoints call this."""
    manifest = Path(manifest)
    entries = read_manifest(manifest)
    entries[name] = {"sha256": sha256, "command": command}
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(dict(sorted(entries.items())), indent=2) + "\n")


def load_pretrained(name: str, directory: str | Path = CHECKPOINT_DIR, map_location="cpu") -> dict:
    """Load the shipped checkpoint ``name`` (e.g. ``"dcgan_mnist.pt"``), verified against the manifest."""
    directory = Path(directory)
    entries = read_manifest(directory / MANIFEST.name)
    if name not in entries:
        raise KeyError(f"{name!r} is not in {directory / MANIFEST.name}; known: {sorted(entries)}")
    return load_checkpoint(directory / name, entries[name]["sha256"], map_location=map_location)
