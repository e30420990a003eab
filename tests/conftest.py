"""Shared test settings: the repo root, and a headless matplotlib backend for unit tests."""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("OMP_NUM_THREADS", "2")


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
