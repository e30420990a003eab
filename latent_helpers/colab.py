"""Google Colab, beside Binder: the "Open in Colab" links and the first cell that sets the course up there.

Every course notebook opens with a badge (``badge_markdown``) and a small code cell (``cell_source``):

- **on Colab** the cell clones the course's repository (helpers, shipped data, checkpoints) into
  ``/content/latent-space``, installs the packages Colab does not have (``COLAB_LACKS``, at the
  versions ``requirements.txt`` pins) and the helper package itself, and makes it importable at once;
- **anywhere else** (a laptop, Binder, CI) it does nothing and prints nothing, so nbval sees no output.

The cell cannot import this module: on Colab, ``latent_helpers`` is exactly what is missing. So
``cell_source()`` writes out a self-contained cell, with the commands of ``install_commands()``
spelled out in it; ``scripts/make_notebook.py`` puts it into every notebook, and
``tests/test_colab.py`` runs it in a simulated Colab and checks the commands it would run.

Colab is recognised the way Colab's own documentation and most libraries do it: its kernel has
imported the ``google.colab`` package before any cell runs.

>>> colab_url("00_start_here")
'https://colab.research.google.com/github/latent-space-course/latent-space/blob/main/notebooks/00_start_here.ipynb'
>>> on_colab(modules={})
False
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

__all__ = ["REPO", "BRANCH", "CLONE_DIR", "COLAB_LACKS", "colab_url", "badge_markdown", "on_colab",
           "pinned", "install_commands", "cell_source"]

#: The course's public repository, owner/name. Not final yet: README's Binder badge uses the same
#: address; change it here (and there) when the repository moves, then rebuild the notebooks.
REPO = "latent-space-course/latent-space"
#: The branch Colab opens and clones.
BRANCH = "main"
#: Where the cell clones the repository on Colab (Colab's working folder is /content).
CLONE_DIR = "/content/latent-space"
#: Packages the course needs that Colab's own environment lacks (or has at another version);
#: installed at the versions requirements.txt pins. Torch, numpy, scipy, scikit-learn, matplotlib,
#: pillow, ipywidgets and tqdm are Colab's own.
COLAB_LACKS = ("mlxtend", "gensim")
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
_ROOT = Path(__file__).resolve().parent.parent


def colab_url(notebook: str) -> str:
    """The address that opens ``notebooks/<notebook>.ipynb`` of the course in Colab."""
    if not isinstance(notebook, str) or not re.fullmatch(r"[0-9]{2}_[A-Za-z0-9_]+", notebook):
        raise ValueError(f"notebook must be a course notebook's name such as '00_start_here', got {notebook!r}")
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/notebooks/{notebook}.ipynb"


def badge_markdown(notebook: str) -> str:
    """The "Open in Colab" badge for one notebook, as Markdown."""
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_url(notebook)})"


def on_colab(modules: Mapping | None = None) -> bool:
    """True inside a Google Colab kernel (it imports ``google.colab`` before any cell runs)."""
    import sys

    return "google.colab" in (sys.modules if modules is None else modules)


def pinned(requirements: str | Path | None = None, names: tuple[str, ...] = COLAB_LACKS) -> list[str]:
    """``name==version`` for each of ``names``, as pinned in requirements.txt (one source of truth)."""
    path = Path(requirements) if requirements is not None else _ROOT / "requirements.txt"
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*==\s*([^\s;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = f"{m.group(1)}=={m.group(2)}"
    missing = [n for n in names if n.lower() not in pins]
    if missing:
        raise ValueError(f"{path.name} pins no version of {', '.join(missing)}")
    return [pins[n.lower()] for n in names]


def install_commands(python: str = "python", packages: list[str] | None = None) -> list[list[str]]:
    """The commands the Colab cell runs, in order (the clone only when the folder is not there yet)."""
    packages = pinned() if packages is None else list(packages)
    return [
        ["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, f"https://github.com/{REPO}", CLONE_DIR],
        [python, "-m", "pip", "install", "--quiet", *packages],
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", CLONE_DIR],
    ]


def cell_source(packages: list[str] | None = None) -> str:
    """The first code cell of every notebook: sets the course up on Colab, does nothing elsewhere."""
    packages = pinned() if packages is None else list(packages)
    quoted = ", ".join(f'"{p}"' for p in packages)
    return f'''# @title On Google Colab, run this cell first (anywhere else it does nothing)
# On Colab only: fetch the course (its helpers, data and checkpoints) and install what Colab lacks.
import sys
if "google.colab" in sys.modules:
    import os, subprocess
    course = "{CLONE_DIR}"
    if not os.path.isdir(course):
        subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", "{BRANCH}",
                        "https://github.com/{REPO}", course], check=True)
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + [{quoted}], check=True)  # what Colab lacks
    subprocess.run(pip + ["--no-deps", "-e", course], check=True)  # the course's helpers
    if course not in sys.path:
        sys.path.insert(0, course)  # importable at once, without restarting the runtime
    os.chdir(course + "/notebooks")
    print("The course is set up in", course)'''
