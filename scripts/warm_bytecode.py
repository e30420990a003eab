"""Compile, once, the Python modules the course really imports, right after `make setup` installs them.

    python scripts/warm_bytecode.py              # what the notebooks, their kernel and JupyterLab import
    python scripts/warm_bytecode.py json csv     # these modules instead

pip compiles every file of every package it installs (``pip install --no-compile`` turns that off; uv, which
the Makefile installs with, compiles nothing unless asked): about 14,500 files here, 40 s of processor time,
most of them never imported by the course. The Makefile compiles nothing at install time and runs this script
instead, which imports what the course imports, so that Python
writes the bytecode of exactly those modules (about 4,000 files: 13 s of compiling, 21-25 s with the imports
themselves; in CI a fresh install's pip took 46-49 s less processor time). A module imported later for the
first time is compiled then, and cached unless ``PYTHONDONTWRITEBYTECODE`` is set; this script writes its
caches even where that is set.

A module that does not import is reported and skipped: its notebook will show the error where it matters.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = False   # write the caches, whatever PYTHONDONTWRITEBYTECODE says

ROOT = Path(__file__).resolve().parents[1]
#: what every kernel, JupyterLab's server and the tests import beside the notebooks' own imports
RUNTIME = ("ipykernel.kernelapp", "matplotlib_inline.backend_inline", "ipywidgets", "anywidget", "tqdm.auto",
           "jupyterlab.labapp", "jupyter_server.serverapp", "nbformat", "nbclient", "pytest", "nbval.plugin")


def imports_of(code: str, filename: str = "<code>") -> set[str]:
    """The modules Python code imports, anywhere in it (``import a.b`` and ``from a.b import c`` give ``a.b``;
    relative imports are left out). IPython's magic and shell lines (``%...``, ``!...``) are skipped."""
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    found = set()
    for node in ast.walk(ast.parse(code, filename=filename)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def imports_in(paths) -> list[str]:
    """What the Python files ``paths`` import (:func:`imports_of`), sorted."""
    return sorted(set().union(*(imports_of(Path(path).read_text(), str(path)) for path in paths)))


def notebook_imports(sources: Path = ROOT / "notebooks" / "src") -> list[str]:
    """The modules the notebook sources (``NN_name.py``) import."""
    return imports_in(sorted(sources.glob("[0-9][0-9]_*.py")))


def course_modules() -> list[str]:
    """Every module of latent_helpers (the package loads its modules when a notebook first uses them) and what
    they import, inside their functions too."""
    import latent_helpers

    own = [m.name for m in pkgutil.walk_packages(latent_helpers.__path__, "latent_helpers.")]
    return sorted(set(own) | set(imports_in(sorted((ROOT / "latent_helpers").rglob("*.py")))))


def default_modules() -> list[str]:
    """What the notebooks import, what their kernel and JupyterLab import, and latent_helpers with its imports."""
    return sorted(set(notebook_imports()) | set(RUNTIME) | set(course_modules()))


def warm(modules: list[str]) -> list[str]:
    """Import each of ``modules``; return a line for each one that failed."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:   # noqa: BLE001 - any failure is reported, none stops the install
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    return failed


def main(argv: list[str]) -> int:
    modules = argv or default_modules()
    start = time.process_time()
    failed = warm(modules)
    print(f"compiled what {len(modules)} modules import in {time.process_time() - start:.0f} s")
    for line in failed:
        print(f"warning: could not import {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
