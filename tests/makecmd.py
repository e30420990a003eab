"""Run the Makefile as a learner would, from tests in tests/ (a module of its own: ``from conftest import``
can find tests/browser/conftest.py instead when the whole tree is collected)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_make(*args: str):
    """``make --no-print-directory ARGS`` in the repository, without the command line of a make that may
    be running these tests (``make test-py VENV=.venv-py313`` passes VENV and PYTHON down through
    MAKEFLAGS): what a learner typing the command would get."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PYTHON", "VENV", "CPU")}
    return subprocess.run(["make", "--no-print-directory", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)
