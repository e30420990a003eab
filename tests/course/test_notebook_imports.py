"""Every notebook reaches the helpers through the front door: ``import latent_helpers as lh`` (or
``from latent_helpers import ...``) and ``from latent_helpers.exercises import check_...``, never a module behind
them, so that regrouping the modules never touches a notebook."""
from __future__ import annotations

import ast

import pytest

from notebook_source import read, sources

import latent_helpers as lh

FRONT_DOORS = {"latent_helpers", "latent_helpers.exercises"}


def _helper_imports(path):
    """(module, names) for each import of latent_helpers in the code cells of a notebook source."""
    for cell in read(path):
        if cell.role not in ("code", "export", "solution"):
            continue
        python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line  # IPython magics and shell lines
                           for line in cell.source.splitlines())
        tree = ast.parse(python)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                yield from ((a.name, []) for a in node.names if a.name.startswith("latent_helpers"))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("latent_helpers"):
                yield node.module, [a.name for a in node.names]


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.stem)
def test_notebooks_import_the_helpers_only_through_the_front_door(path):
    stem = path.stem
    found = list(_helper_imports(path))
    assert ("latent_helpers", []) in found, f"{stem} does not import latent_helpers as lh"
    for module, names in found:
        assert module in FRONT_DOORS, f"{stem} imports {module}: use lh.<name> (latent_helpers.__all__)"
        if module == "latent_helpers":
            missing = [n for n in names if n not in lh.__all__]
            assert not missing, f"{stem} imports {missing}, which the front door does not list"
