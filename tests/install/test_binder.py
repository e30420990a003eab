"""Binder builds the course with CPU-only torch of the same versions as requirements.txt."""
from __future__ import annotations

import re
from pathlib import Path


from support import ROOT


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_binder_pins_the_same_versions_as_requirements():
    main, binder = _pins(ROOT / "requirements.txt"), _pins(ROOT / "binder" / "requirements.txt")
    assert {"torch", "torchvision", "jupyterlab", "ipywidgets", "mlxtend", "gensim"} <= set(binder)
    for name, version in binder.items():
        assert name in main, f"binder pins {name}, which requirements.txt does not"
        assert version.split("+")[0] == main[name], f"{name}: binder {version}, requirements.txt {main[name]}"
    assert binder["torch"].endswith("+cpu") and binder["torchvision"].endswith("+cpu")


def test_binder_uses_the_cpu_wheel_index_python_311_and_installs_the_helpers():
    text = (ROOT / "binder" / "requirements.txt").read_text()
    assert re.search(r"^--extra-index-url https://download\.pytorch\.org/whl/cpu$", text, re.M)
    assert re.search(r"^-e \.$", text, re.M)
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_repo2docker_accepts_the_binder_folder(repo2docker_log):
    log = repo2docker_log
    assert "Building conda environment for python=3.11" in log, "repo2docker did not pick Python 3.11 (runtime.txt)"
    install = log.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    copy_all = log.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert copy_all < install, "the whole repo must be copied before `-e .` installs latent_helpers"
    assert "requirements.txt\"" in log and 'pip install --no-cache-dir -r "requirements.txt"' not in log, \
        "repo2docker must use binder/requirements.txt (CPU torch), not the top-level one"
