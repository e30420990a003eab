"""latent_helpers keeps torch's compiler out of memory until something really uses it (see _lean.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys
import torch
import latent_helpers
torch.manual_seed(0)
m = torch.nn.Sequential(torch.nn.Linear(3, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
opt = torch.optim.Adam(m.parameters(), lr=0.01)
for _ in range(5):
    opt.zero_grad(); m(torch.arange(12.).view(4, 3)).pow(2).mean().backward(); opt.step()
lazy = type(sys.modules["torch._dynamo"]).__name__ == "_LazyDynamo"
loss = float(m(torch.arange(12.).view(4, 3)).pow(2).mean())
compiled = float(torch.compile(lambda x: x * 2, backend="eager")(torch.ones(1))[0]) if "--compile" in sys.argv else None
print(json.dumps({"lazy": lazy, "loss": loss, "compiled": compiled,
                  "real_after": type(sys.modules["torch._dynamo"]).__name__}))
"""


def _run(*args, env=None):
    out = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **(env or {})})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_optimizers_train_without_loading_the_compiler_and_give_the_same_numbers():
    lean = _run()
    real = _run(env={"LATENT_REAL_DYNAMO": "1"})
    assert lean["lazy"] is True, "torch.optim loaded the real torch._dynamo"
    assert real["lazy"] is False, "LATENT_REAL_DYNAMO=1 must opt out"
    assert lean["loss"] == real["loss"], "the stand-in changed what the optimizer computes"


def test_torch_compile_still_works_and_loads_the_real_compiler():
    r = _run("--compile")
    assert r["compiled"] == 2.0
    assert r["real_after"] == "module"
