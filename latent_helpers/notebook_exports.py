"""What a notebook taught, importable once it has been taught: one source for each model.

The models and losses a notebook is about are written in that notebook, in plain sight, in cells
tagged ``export`` in its source (``notebooks/src/NN_name.py``, a jupytext percent script: the cell
marker reads ``# %% tags=["export"]``). :func:`taught` reads those cells with jupytext and runs them
as a module, so the script that trains a shipped checkpoint
(``scripts/train_*.py``) and a later notebook (05 reusing 04's autoencoder) use the very classes the
learner read, never a copy that could drift.

>>> nb04 = taught("04_autoencoders")          # doctest: +SKIP
>>> model = nb04.MLPAutoencoder(k=8)          # doctest: +SKIP
"""
from __future__ import annotations

import sys
import types
from pathlib import Path

from .core import REPO_ROOT

#: where the notebooks' sources live
SOURCE_DIR = REPO_ROOT / "notebooks" / "src"
_CACHE: dict[str, types.ModuleType] = {}


def source_path(notebook: str) -> Path:
    """The source file of ``notebook``: a full name (``"04_autoencoders"``) or its number (``"04"``)."""
    if not isinstance(notebook, str) or not notebook.strip():
        raise TypeError(f"notebook must be a name like '04_autoencoders' or a number like '04', got {notebook!r}")
    name = notebook.strip().removesuffix(".ipynb").removesuffix(".py")
    matches = sorted(SOURCE_DIR.glob(f"{name}.py")) or sorted(SOURCE_DIR.glob(f"{name}_*.py"))
    if len(matches) != 1:
        known = ", ".join(p.stem for p in sorted(SOURCE_DIR.glob("[0-9][0-9]_*.py")))
        raise ValueError(f"no single notebook source matches {notebook!r} in {SOURCE_DIR}; known: {known}")
    return matches[0]


def export_cells(text: str) -> list[str]:
    """The code of the cells tagged ``export`` in a notebook source (jupytext percent format), in order."""
    import jupytext

    notebook = jupytext.reads(text, fmt="py:percent")
    return [c.source for c in notebook.cells if c.cell_type == "code" and "export" in c.metadata.get("tags", [])]


def taught(notebook: str) -> types.ModuleType:
    """The module made of ``notebook``'s export cells (cached; importable as ``latent_helpers.notebook_exports.nbNN``).

    Export cells hold definitions only (imports, classes, functions, constants): they must not
    depend on anything the notebook computed, which a test checks by importing every notebook's
    exports in a fresh interpreter.
    """
    path = source_path(notebook)
    key = path.stem
    if key in _CACHE:
        return _CACHE[key]
    cells = export_cells(path.read_text())
    if not cells:
        raise ValueError(f"{path.name} has no cells tagged export: it teaches no model to import")
    name = f"{__name__}.nb{key[:2]}"
    module = types.ModuleType(name, f"Exported from {path.relative_to(REPO_ROOT)} (its cells tagged export).")
    module.__file__ = str(path)
    sys.modules[name] = module  # classes defined below get a module they can be pickled and found under
    try:
        exec(compile("\n\n".join(cells), str(path), "exec"), module.__dict__)
    except Exception:
        sys.modules.pop(name, None)
        raise
    _CACHE[key] = module
    return module


__all__ = ["SOURCE_DIR", "export_cells", "source_path", "taught"]
