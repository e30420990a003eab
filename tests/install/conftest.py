"""Fixtures of the installation tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture(scope="session")
def repo2docker_log(tmp_path_factory) -> str:
    """What ``repo2docker --no-build --debug`` prints for the course (it must accept it): run once a session.

    It reads a copy with just what repo2docker looks at, so that it does not read .venv.
    """
    r2d = Path(sys.executable).parent / "repo2docker"
    if not r2d.exists():
        r2d = shutil.which("repo2docker")
    assert r2d, "repo2docker is in requirements.txt; run `make setup`"
    folder = tmp_path_factory.mktemp("binder_copy")
    for item in ("binder", "latent_helpers", "pyproject.toml", "README.md", "requirements.txt"):
        src = ROOT / item
        (shutil.copytree if src.is_dir() else shutil.copy)(src, folder / item)
    out = subprocess.run([str(r2d), "--no-build", "--debug", str(folder)], capture_output=True, text=True,
                         timeout=300)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-2000:]
    return log
