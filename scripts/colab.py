"""Google Colab, beside Binder: the "Open in Colab" links and the first cell that sets the course up there.

Every course notebook's title carries a badge (``badge_markdown``), and a short code cell follows the
title (``cell_source``), folded in JupyterLab and on Colab:

- **on Colab** the cell clones the course's repository (helpers, shipped data, checkpoints) into
  ``/content/latent-space`` and runs ``scripts/colab_setup.py`` from the clone, which installs the
  packages Colab does not have (``COLAB_LACKS``, at the versions ``requirements.txt`` pins) and the
  helper package itself; the cell then makes it importable at once;
- **anywhere else** (a laptop, Binder, CI) it does nothing and prints nothing, so nbval sees no output.

This is build-time code: ``scripts/make_notebook.py`` puts the badge and the cell into every notebook,
and ``tests/unit/test_colab.py`` runs the cell in a simulated Colab and checks the commands it runs.

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
           "pinned", "clone_command", "install_commands", "cell_source"]

#: The course's public repository, owner/name. Not final yet: README's Binder badge uses the same
#: address; change it here (and there) when the repository moves, then rebuild the notebooks.
REPO = "latent-space-course/latent-space"
#: The branch Colab opens and clones.
BRANCH = "main"
#: Where the cell clones the repository on Colab (Colab's working folder is /content).
CLONE_DIR = "/content/latent-space"
#: Packages the course needs that Colab's own environment lacks (or has at another version);
#: installed at the versions requirements.txt pins. Torch, numpy, scipy, scikit-learn, matplotlib,
#: pillow, ipywidgets and tqdm are Colab's own; jupytext reads the notebook sources (lh.taught).
COLAB_LACKS = ("mlxtend", "gensim", "jupytext")
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


def clone_command() -> list[str]:
    """The command that fetches the course on Colab (the cell runs it when the folder is not there yet)."""
    return ["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, f"https://github.com/{REPO}", CLONE_DIR]


def install_commands(python: str = "python", packages: list[str] | None = None,
                     course: str | Path = CLONE_DIR) -> list[list[str]]:
    """What ``scripts/colab_setup.py`` runs once the course is cloned to ``course``: the packages Colab
    lacks (pinned as in the clone's requirements.txt), then the course's helper package."""
    packages = pinned(Path(course) / "requirements.txt") if packages is None else list(packages)
    return [[python, "-m", "pip", "install", "--quiet", *packages],
            [python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(course)]]


def cell_source() -> str:
    """The code cell after every notebook's title: sets the course up on Colab, does nothing elsewhere."""
    return f'''# @title Google Colab only: set the course up (anywhere else this cell does nothing)
import sys
if "google.colab" in sys.modules:
    import os, subprocess
    if not os.path.isdir("{CLONE_DIR}"):
        subprocess.run({clone_command()!r}, check=True)
    subprocess.run([sys.executable, "{CLONE_DIR}/scripts/colab_setup.py"], check=True)
    sys.path.insert(0, "{CLONE_DIR}"); os.chdir("{CLONE_DIR}/notebooks")'''
