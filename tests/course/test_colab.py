"""Colab, beside Binder: the badge in every notebook's title and the set-up cell after it (scripts/colab.py).

No network and no Colab here: the cell is run in a simulated Colab (``google.colab`` in
``sys.modules``, as Colab's kernel has it) with ``subprocess.run`` recorded instead of run, and
outside Colab, where it must run nothing and print nothing.
"""
from __future__ import annotations

import os
import subprocess
import sys
import types

import nbformat
import pytest

import colab
import colab_setup
from support import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def _run_cell(monkeypatch, on_colab: bool, cloned: bool = False):
    """Run the cell's code; return the commands it ran, the folders it changed to, and sys.path."""
    calls, chdirs = [], []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append((list(cmd), kw)))
    monkeypatch.setattr(os, "chdir", lambda path: chdirs.append(path))
    real_isdir = os.path.isdir
    monkeypatch.setattr(os.path, "isdir", lambda p: cloned if p == colab.CLONE_DIR else real_isdir(p))
    monkeypatch.setattr(sys, "path", list(sys.path))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(colab.cell_source(), "<colab cell>", "exec"), {"__name__": "__main__"})
    return calls, chdirs, sys.path


def test_outside_colab_the_cell_runs_nothing_and_prints_nothing(monkeypatch, capsys):
    before = list(sys.path)
    calls, chdirs, path = _run_cell(monkeypatch, on_colab=False)
    assert calls == [] and chdirs == [] and path == before
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_on_colab_the_cell_clones_the_course_and_runs_its_set_up(monkeypatch, capsys):
    calls, chdirs, path = _run_cell(monkeypatch, on_colab=True)
    assert [cmd for cmd, _ in calls] == [colab.clone_command(),
                                          [sys.executable, f"{colab.CLONE_DIR}/scripts/colab_setup.py"]]
    assert all(kw.get("check") is True for _, kw in calls), "a failed clone or install must stop the cell"
    clone = calls[0][0]
    assert clone[:2] == ["git", "clone"] and f"https://github.com/{colab.REPO}" in clone and clone[-1] == colab.CLONE_DIR
    assert path[0] == colab.CLONE_DIR, "latent_helpers is importable without restarting the runtime"
    assert chdirs == [colab.CLONE_DIR + "/notebooks"], "notebooks run from notebooks/, as they do locally"


def test_on_colab_a_second_run_does_not_clone_again(monkeypatch):
    calls, _, path = _run_cell(monkeypatch, on_colab=True, cloned=True)
    assert [cmd for cmd, _ in calls] == [[sys.executable, f"{colab.CLONE_DIR}/scripts/colab_setup.py"]]


def test_the_set_up_script_installs_what_colab_lacks_then_the_course(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append((list(cmd), kw)))
    assert colab_setup.main() == 0
    assert [cmd for cmd, _ in calls] == colab.install_commands(python=sys.executable, course=ROOT)
    packages, course = (cmd for cmd, _ in calls)
    assert packages[1:4] == ["-m", "pip", "install"]
    assert packages[-3:] == ["mlxtend==0.25.0", "gensim==4.4.0", "jupytext==1.19.6"]
    assert course[-3:] == ["--no-deps", "-e", str(ROOT)]
    assert all(kw.get("check") is True for _, kw in calls)
    assert "set up" in capsys.readouterr().out


def test_the_pins_are_requirements_txts():
    pins = dict(line.split("==") for line in colab.pinned())
    text = (ROOT / "requirements.txt").read_text()
    for name, version in pins.items():
        assert f"\n{name}=={version}\n" in f"\n{text}\n"
    assert set(pins) == set(colab.COLAB_LACKS)
    binder = (ROOT / "binder" / "requirements.txt").read_text()
    assert all(f"{p}\n" in binder for p in colab.pinned()), "Binder and Colab install the same versions"


def test_on_colab_detection():
    assert colab.on_colab(modules={"google.colab": object()})
    assert not colab.on_colab(modules={"google": object()})
    assert '"google.colab" in sys.modules' in colab.cell_source()


def test_links_use_the_one_repository_address():
    assert colab.colab_url("04_autoencoders") == (
        f"https://colab.research.google.com/github/{colab.REPO}/blob/{colab.BRANCH}/notebooks/04_autoencoders.ipynb")
    assert colab.badge_markdown("00_start_here").startswith("[![Open In Colab](")
    readme = (ROOT / "README.md").read_text()
    assert f"mybinder.org/v2/gh/{colab.REPO}/" in readme, "Binder and Colab must name the same repository"
    with pytest.raises(ValueError, match="notebook"):
        colab.colab_url("../etc/passwd")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_opens_with_its_title_and_badge_then_the_folded_colab_cell(path):
    nb = nbformat.read(path, as_version=4)
    title, setup = nb.cells[0], nb.cells[1]
    assert title.cell_type == "markdown" and title.source.startswith("# "), f"{path.name}: the title comes first"
    assert title.source.splitlines()[2] == colab.badge_markdown(path.stem), (
        f"{path.name}: the badge sits under the title; rebuild it with `make execute NB={path.stem}`")
    assert setup.cell_type == "code" and setup.source == colab.cell_source()
    assert "colab" in setup.metadata.get("tags", [])
    assert setup.metadata.get("jupyter", {}).get("source_hidden") is True, "folded in JupyterLab"
    assert setup.metadata.get("cellView") == "form", "folded on Colab"
    assert len(setup.source.splitlines()) <= 8, "short enough not to greet a reader with set-up code on GitHub"
    assert setup.outputs == [], f"{path.name}: the Colab cell printed something outside Colab"
    assert not setup.source.startswith("# NBVAL_CHECK_OUTPUT")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_readme_has_a_colab_link_for_every_notebook(path):
    assert colab.colab_url(path.stem) in (ROOT / "README.md").read_text()
