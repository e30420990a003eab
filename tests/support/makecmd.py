"""Run the Makefile as a learner would, from the tests."""
from __future__ import annotations

import re

from . import ROOT


def makefile_value(name: str) -> str:
    """The value of a ``NAME := value`` line of the Makefile (``makefile_value("UV")`` -> ``"uv==0.13.9"``)."""
    match = re.search(rf"^{re.escape(name)}\s*:=\s*(.+?)\s*$", (ROOT / "Makefile").read_text(), re.M)
    if match is None:
        raise ValueError(f"the Makefile has no line {name} := ...")
    return match.group(1)


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
