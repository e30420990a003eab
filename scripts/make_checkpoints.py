"""Re-train every shipped checkpoint (or the ones named) and record it in data/checkpoints/MANIFEST.json.

    make checkpoints                                          # all of them (15-20 minutes on 2 cores)
    .venv/bin/python scripts/make_checkpoints.py ae04_conv_k8.pt
    .venv/bin/python scripts/make_checkpoints.py --out /tmp/ck --no-record ae04_mlp_k2.pt

Each ``scripts/train_NN_*.py`` defines ``names()`` (the files it makes) and ``train(name, out_dir)``,
which builds the model from the notebook's own exported classes (``lh.taught``), trains it with a
fixed seed, saves it and returns its held-out figure. This driver records each file's sha256, the
command and that figure in the manifest; ``tests/course/test_checkpoint_reproduce.py`` re-trains one and
checks it against them (same bytes, or the same held-out figure within 1%).
"""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import latent_helpers as lh  # noqa: E402
from latent_helpers.checkpoints import CHECKPOINT_DIR, MANIFEST, record_checkpoint  # noqa: E402

COMMAND = "make checkpoints"


def trainers() -> dict:
    """``{checkpoint file name: train script module}`` for every scripts/train_*.py."""
    found = {}
    for path in sorted((ROOT / "scripts").glob("train_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not (callable(getattr(module, "names", None)) and callable(getattr(module, "train", None))):
            print(f"skipping {path.name}: it defines no names() and train(name, out_dir)", file=sys.stderr)
            continue
        for name in module.names():
            if name in found:
                raise SystemExit(f"{name} is made by both {found[name].__name__} and {path.stem}")
            found[name] = module
    return found


def make(name: str, module, out_dir: Path, record: bool = True) -> dict:
    lh.setup(seed=0, threads=1, quiet=True)  # one thread: repeatable, and fair on a shared 2-core machine
    start = time.perf_counter()
    heldout = module.train(name, out_dir)
    sha = lh.sha256_file(out_dir / name)
    entry = {"sha256": sha, "script": f"scripts/{module.__name__}.py", "heldout": heldout,
             "seconds": round(time.perf_counter() - start)}
    if record:
        record_checkpoint(name, sha, COMMAND, manifest=out_dir / MANIFEST.name,
                          extra={k: entry[k] for k in ("script", "heldout")})
    print(f"{name}: {heldout['metric']} {heldout['value']:.5g}, sha256 {sha[:12]}..., {entry['seconds']} s", flush=True)
    return entry


def main(argv: list[str]) -> int:
    out_dir, record, wanted = CHECKPOINT_DIR, True, []
    args = iter(argv)
    for a in args:
        if a == "--out":
            out_dir = Path(next(args))
        elif a == "--no-record":
            record = False
        else:
            wanted.append(a)
    found = trainers()
    unknown = [w for w in wanted if w not in found]
    if unknown:
        raise SystemExit(f"unknown checkpoint(s) {unknown}; known: {sorted(found)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in wanted or sorted(found):
        make(name, found[name], out_dir, record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
