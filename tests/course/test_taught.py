"""One source for each taught model: lh.taught() runs a notebook's export cells, nothing else."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import ROOT

import latent_helpers as lh
from latent_helpers.notebook_exports import export_cells, source_path

SOURCES = sorted((ROOT / "notebooks" / "src").glob("[0-9][0-9]_*.py"))
EXPORTING = [p for p in SOURCES if export_cells(p.read_text())]


def test_export_cells_are_found_in_order():
    text = '# %%\nx = 1\n\n# %% tags=["export"]\nA = 1\n\n# %% [markdown]\n# hi\n\n# %% tags=["export"]\nB = A + 1\n'
    assert export_cells(text) == ["A = 1", "B = A + 1"]


def test_04_exports_its_models_and_recipes():
    nb04 = lh.taught("04")
    assert nb04 is lh.taught("04_autoencoders")  # cached: one module, one set of classes
    model = nb04.MLPAutoencoder(8)
    assert model.encoder[-1].out_features == 8
    assert set(nb04.RECIPES) >= {"mlp_k8", "conv_k8"}


@pytest.mark.parametrize("bad", ["99", "", 4, None, "0"])
def test_bad_names_say_what_exists(bad):
    with pytest.raises((ValueError, TypeError)):
        source_path(bad)


_IMPORT_EACH = """
import json, sys, traceback
import latent_helpers as lh
for stem in sys.argv[1:]:
    try:
        print(json.dumps({"stem": stem, "names": len(vars(lh.taught(stem)))}), flush=True)
    except BaseException:
        print(json.dumps({"stem": stem, "error": traceback.format_exc()[-1500:]}), flush=True)
"""


@pytest.fixture(scope="module")
def imported_exports() -> dict[str, dict]:
    """Each notebook's export cells, imported with ``lh.taught`` in one fresh interpreter (not the one running
    the tests, which has imported them already): ``{stem: {"names": n}}`` or ``{stem: {"error": traceback}}``.
    Each becomes its own module from the notebook's export cells alone, so one notebook's exports cannot see
    another's names; one interpreter for all of them saves eight starts of torch."""
    out = subprocess.run([sys.executable, "-c", _IMPORT_EACH, *(p.stem for p in EXPORTING)], capture_output=True,
                         text=True, timeout=600, cwd=ROOT)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert out.returncode == 0 and rows, out.stderr[-1500:]
    return {row["stem"]: row for row in rows}


@pytest.mark.parametrize("src", EXPORTING, ids=lambda p: p.stem)
def test_exports_are_definitions_that_import_on_their_own(src, imported_exports):
    """Export cells must not use anything the notebook computed: import them in a fresh interpreter."""
    row = imported_exports.get(src.stem)
    assert row is not None, f"{src.stem}: the interpreter importing the exports stopped before it"
    assert "error" not in row, row.get("error")
    assert row["names"] > 0


def test_training_scripts_define_no_models_of_their_own():
    """The scripts import the notebook's classes; a class or loss defined in a script is a copy."""
    import ast

    for script in sorted((ROOT / "scripts").glob("train_*.py")):
        tree = ast.parse(script.read_text())
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        losses = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and "loss" in n.name]
        assert not classes and not losses, f"{script.name} defines {classes + losses}: export them from the notebook"
