"""latent_helpers keeps torch's compiler out of memory until something really uses it (torch_compiler_standin.py),
and only on the torch release it was written for."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from latent_helpers.torch_compiler_standin import WRITTEN_FOR, supports

SCRIPT = r"""
import json, sys
import torch
if "--torch-version" in sys.argv:  # pretend to be another torch release
    torch.__version__ = sys.argv[sys.argv.index("--torch-version") + 1]
import latent_helpers
lazy_at_import = type(sys.modules.get("torch._dynamo")).__name__ == "_LazyDynamo"
torch.manual_seed(0)
m = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
opt = torch.optim.Adam(m.parameters(), lr=0.01)
for _ in range(5):
    opt.zero_grad(); m(torch.arange(12.).view(4, 3)).pow(2).mean().backward(); opt.step()
lazy = type(sys.modules["torch._dynamo"]).__name__ == "_LazyDynamo"
loss = float(m(torch.arange(12.).view(4, 3)).pow(2).mean())
compiled = float(torch.compile(lambda x: x * 2, backend="eager")(torch.ones(1))[0]) if "--compile" in sys.argv else None
print(json.dumps({"lazy": lazy, "loss": loss, "compiled": compiled,
                  "real_after": type(sys.modules["torch._dynamo"]).__name__,
                  "installed_on_import": lazy_at_import}))
"""


def _run(*args, env=None):
    out = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **(env or {})})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def lean():
    """A plain run with the stand-in (each run is a new Python that imports torch: a few seconds)."""
    return _run()


def test_optimizers_train_without_loading_the_compiler_and_give_the_same_numbers(lean):
    real = _run(env={"LATENT_REAL_DYNAMO": "1"})
    assert lean["lazy"] is True, "torch.optim loaded the real torch._dynamo"
    assert real["lazy"] is False, "LATENT_REAL_DYNAMO=1 must opt out"
    assert lean["loss"] == real["loss"], "the stand-in changed what the optimizer computes"


def test_torch_compile_still_works_and_loads_the_real_compiler():
    r = _run("--compile")
    assert r["compiled"] == 2.0
    assert r["real_after"] == "module"


def test_the_stand_in_is_in_place_as_soon_as_the_package_is_imported(lean):
    # the front door loads modules lazily; the stand-in must not wait for one of them
    assert lean["installed_on_import"] is True


def test_another_torch_release_gets_the_real_compiler_without_an_error():
    other = _run("--torch-version", "2.15.0")
    same_release = _run("--torch-version", "2.14.9+cpu")
    assert other["lazy"] is False and other["real_after"] == "module", "a torch it was not written for got the stand-in"
    assert same_release["lazy"] is True, "another patch release of the same torch should keep the stand-in"
    assert other["loss"] == same_release["loss"]


@pytest.mark.parametrize("version, expected", [
    ("2.14.1", True), ("2.14.1+cpu", True), ("2.14.0+cu130", True), ("2.14.12", True),
    ("2.15.0", False), ("2.13.1", False), ("3.14.0", False), ("2.1.4", False), ("2.140.0", False),
])
def test_supports_exactly_the_release_it_was_written_for(version, expected):
    assert supports(version) is expected
    assert WRITTEN_FOR == "2.14"
