"""binder/requirements.txt installs every package the course imports, and pip can resolve it.

Three checks, beside tests/install/test_binder.py (same versions as requirements.txt; repo2docker accepts it):

- every third-party package that a notebook source or ``latent_helpers`` imports is named there;
- every package of requirements.txt is named there, except the tools that only build, test or
  lecture the course (``NOT_ON_BINDER``): a package added to requirements.txt and forgotten in
  binder/ fails here;
- ``pip install --dry-run`` resolves it, with the CPU-only torch lines swapped for the default ones
  (PyTorch's CPU wheel index is not reachable from the machines that test the course). Without a
  package index this check is skipped, except under CI.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

from notebook_source import read, sources  # noqa: E402
from warm_bytecode import imports_of  # noqa: E402

#: requirements.txt's packages that Binder does not need, and why. Add one here only on purpose.
NOT_ON_BINDER = {
    "pytest": "test runner", "nbval": "runs notebooks as tests", "nbclient": "executes notebooks in tests",
    "nbformat": "reads notebooks in tests and scripts", "psutil": "measures memory in benchmarks",
    "playwright": "drives the browser tests", "pytest-xdist": "runs make test in three workers", "jupyter-repo2docker": "checks this Binder folder",
    "latex2mathml": "builds the lecturer's slides (make slides)",
}
#: import names whose distribution has another name (used when the package is not installed here)
IMPORT_NAMES = {"sklearn": "scikit-learn", "PIL": "pillow", "yaml": "pyyaml"}
_NETWORK_ERRORS = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
                   "Network is unreachable", "ConnectTimeoutError", "No route to host", "ProxyError")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(path: Path) -> dict[str, str]:
    """{normalised name: line} of the packages a requirements file names."""
    return _names(path.read_text())


def _names(text: str) -> dict[str, str]:
    names = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        names[_norm(re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0])] = line
    return names


def _imports(code: str) -> set[str]:
    """The top-level modules ``code`` imports (scripts/warm_bytecode.py reads the imports)."""
    return {name.split(".")[0] for name in imports_of(code)}


def course_imports() -> dict[str, set[str]]:
    """{top-level module: where it is imported} for the notebook sources and latent_helpers."""
    where: dict[str, set[str]] = {}
    for src in sources():
        for cell in read(src):
            if cell.role in ("code", "export", "solution"):
                for mod in _imports(cell.source):
                    where.setdefault(mod, set()).add(f"notebooks/src/{src.name}")
    for path in sorted((ROOT / "latent_helpers").rglob("*.py")):
        for mod in _imports(path.read_text()):
            where.setdefault(mod, set()).add(str(path.relative_to(ROOT)))
    local = {"latent_helpers"}
    return {m: w for m, w in where.items() if m not in sys.stdlib_module_names and m not in local and m != "__future__"}


def _distribution(module: str) -> str:
    dists = importlib.metadata.packages_distributions().get(module)
    return _norm(dists[0]) if dists else _norm(IMPORT_NAMES.get(module, module))


def test_binder_names_every_package_the_course_imports():
    binder = _requirements(ROOT / "binder" / "requirements.txt")
    imports = course_imports()
    assert {"torch", "numpy", "sklearn", "matplotlib", "ipywidgets"} <= set(imports), "the import scan found too little"
    missing = {f"{_distribution(m)} (imported as {m} in {sorted(w)[0]})" for m, w in imports.items()
               if _distribution(m) not in binder}
    assert not missing, f"binder/requirements.txt does not name: {sorted(missing)}"


def forgotten_in_binder(main_text: str, binder_text: str) -> list[str]:
    """The packages requirements.txt names that binder/requirements.txt does not (tools aside)."""
    return sorted(set(_names(main_text)) - set(_names(binder_text)) - set(NOT_ON_BINDER))


def test_a_package_added_to_requirements_txt_alone_is_caught():
    main, binder = (ROOT / "requirements.txt").read_text(), (ROOT / "binder" / "requirements.txt").read_text()
    assert forgotten_in_binder(main + "seaborn==0.13.2\n", binder) == ["seaborn"]
    assert forgotten_in_binder(main + "seaborn==0.13.2\n", binder + "seaborn==0.13.2\n") == []


def test_binder_names_every_package_of_requirements_txt_but_the_tools():
    main, binder = _requirements(ROOT / "requirements.txt"), _requirements(ROOT / "binder" / "requirements.txt")
    forgotten = forgotten_in_binder((ROOT / "requirements.txt").read_text(), (ROOT / "binder" / "requirements.txt").read_text())
    assert not forgotten, (f"requirements.txt names {forgotten}, binder/requirements.txt does not: add them there "
                           f"(CPU torch aside, the same pins), or to NOT_ON_BINDER with a reason if Binder needs none")
    stale = sorted(set(NOT_ON_BINDER) - set(main))
    assert not stale, f"NOT_ON_BINDER lists {stale}, which requirements.txt no longer names"
    assert not set(NOT_ON_BINDER) & set(binder), "a tool listed as not for Binder is in binder/requirements.txt"


def binder_requirements_for_pip() -> str:
    """binder/requirements.txt with the CPU-only torch lines swapped for the default ones."""
    out = []
    for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines():
        if line.startswith("--extra-index-url") and "download.pytorch.org" in line:
            continue
        line = re.sub(r"^(torch|torchvision)==([^\s+]+)\+cpu", r"\1==\2", line)
        line = re.sub(r"^-e \.$", f"-e {ROOT}", line)
        out.append(line)
    return "\n".join(out) + "\n"


def test_swapping_the_torch_lines_keeps_every_other_line():
    text = binder_requirements_for_pip()
    assert "+cpu" not in text and "download.pytorch.org" not in text
    assert re.search(r"^torch==\d", text, re.M) and re.search(r"^torchvision==\d", text, re.M)
    assert _requirements(ROOT / "binder" / "requirements.txt").keys() == _names(text).keys()
    assert f"-e {ROOT}" in text, "the course's own package is resolved too"


def test_pip_resolves_the_binder_requirements(tmp_path):
    reqs = tmp_path / "binder-requirements.txt"
    reqs.write_text(binder_requirements_for_pip())
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
           "--disable-pip-version-check", "--report", str(tmp_path / "report.json"), "-r", str(reqs)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    log = out.stdout + out.stderr
    if out.returncode != 0 and any(e in log for e in _NETWORK_ERRORS) and os.environ.get("CI") != "true":
        pytest.skip("no package index reachable from here: pip could not resolve anything")
    assert out.returncode == 0, f"pip cannot resolve binder/requirements.txt:\n{log[-3000:]}"
    installed = {_norm(item["metadata"]["name"]): item["metadata"]["version"]
                 for item in json.loads((tmp_path / "report.json").read_text())["install"]}
    for name, line in _requirements(ROOT / "binder" / "requirements.txt").items():
        assert name in installed, f"pip's plan does not install {name}"
        pinned = line.split("==")[1].split("+")[0] if "==" in line else None
        assert pinned is None or installed[name] == pinned, f"{name}: pip would install {installed[name]}, not {pinned}"
