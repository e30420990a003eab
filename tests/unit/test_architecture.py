"""The rules of ARCHITECTURE.md that a machine can check: small modules, layers that import downwards only, and no
module reaching into another one's private names."""
from __future__ import annotations

import ast
import re

import pytest

from support import ROOT

PACKAGE = ROOT / "latent_helpers"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
#: the layers from the bottom up; a module may import from its own layer and the ones below
LAYERS = [
    {"validation", "torch_compiler_standin"},
    {"core", "images", "paths", "sizes", "neighbours", "datasets"},
    {"decoding", "training", "checkpoints", "metrics", "embeddings", "notebook_exports", "plotting", "digit_scorer",
     "sklearn_wrap"},
    {"widgets", "exercises"},
]


def _name(path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _layer(module: str) -> int:
    top = module.split(".")[1]
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def _imports(path):
    """(module imported, names imported) for every import of the package inside ``path``, absolute."""
    package = _name(path) if path.name == "__init__.py" else _name(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("latent_helpers"):
                yield module, [a.name for a in node.names]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_longer_than_400_lines_but_the_exercise_tables(path):
    if re.fullmatch(r"nb\d\d\.py", path.name) and path.parent.name == "exercises":
        return
    lines = len(path.read_text().splitlines())
    assert lines <= 400, f"{_name(path)} has {lines} lines: split it by concept (ARCHITECTURE.md)"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_imports_go_down_the_layers_and_never_to_private_names(path):
    here = _name(path)
    if here == "latent_helpers" or here.startswith("latent_helpers._old_names"):
        return  # the front door and the old names' finder reach every layer, lazily
    for module, names in _imports(path):
        assert module != "latent_helpers", f"{here} imports through the front door: import the module itself"
        assert not module.split(".")[1].startswith("_"), f"{here} imports the private module {module}"
        assert _layer(module) <= _layer(here), \
            f"{here} (layer {_layer(here)}) imports {module} (layer {_layer(module)})"
        same_package = module.split(".")[:2] == here.split(".")[:2]
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert same_package or not private, f"{here} imports private {private} from {module}"


def test_every_module_belongs_to_a_layer():
    tops = {_name(p).split(".")[1] for p in MODULES if _name(p) != "latent_helpers"}
    tops = {t for t in tops if not t.startswith("_")}
    assert tops == set().union(*LAYERS), "add the new module to LAYERS here and to ARCHITECTURE.md"
