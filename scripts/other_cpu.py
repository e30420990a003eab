"""Run a command as if on another processor: the stand-in the tests use for a learner's different CPU.

    python scripts/other_cpu.py -- pytest notebooks/03_chairs_and_desks.ipynb --nbval-lax ...
    python scripts/other_cpu.py            # print the settings, one ``export NAME=value`` a line

Small networks trained in a notebook take a slightly different path when the processor's floating-point
kernels differ (another vector instruction set, another BLAS code path, another thread count), so a
checked output or a claim of the prose that holds only on this machine would fail on a learner's. This
runs the command with every such kernel switched to another path:

- torch on its generic kernels (``ATEN_CPU_CAPABILITY=default``, no AVX2/AVX-512 code);
- numpy with the SIMD groups it dispatches to at run time switched off (``NPY_DISABLE_CPU_FEATURES``:
  the groups numpy reports both dispatchable and found on this machine, e.g. ``X86_V3 X86_V4 AVX512_ICL``);
- OpenBLAS and MKL on older code paths (``OPENBLAS_CORETYPE=Prescott``, ``MKL_ENABLE_INSTRUCTIONS=SSE4_2``);
- one thread instead of two (``LATENT_SPACE_THREADS=1``, which ``lh.setup()`` obeys, and the OMP/MKL/OpenBLAS
  thread counts).
"""
from __future__ import annotations

import os
import shlex
import sys

THREADS = "1"


def numpy_features() -> list[str]:
    """The SIMD groups numpy would dispatch to on this machine (found at run time and built for)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    return [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]


def settings() -> dict[str, str]:
    env = {
        "ATEN_CPU_CAPABILITY": "default",
        "OPENBLAS_CORETYPE": "Prescott",
        "MKL_ENABLE_INSTRUCTIONS": "SSE4_2",
        "LATENT_SPACE_THREADS": THREADS,
        "OMP_NUM_THREADS": THREADS,
        "MKL_NUM_THREADS": THREADS,
        "OPENBLAS_NUM_THREADS": THREADS,
    }
    features = numpy_features()
    if features:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(features)
    return env


def main(argv: list[str]) -> int:
    env = settings()
    if not argv or argv == ["--"]:
        print("\n".join(f"export {k}={shlex.quote(v)}" for k, v in env.items()))
        return 0
    command = argv[1:] if argv[0] == "--" else argv
    print("as on another processor: " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()), flush=True)
    os.execvpe(command[0], command, {**os.environ, **env})
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
