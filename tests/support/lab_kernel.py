"""Which Python the browser tests' JupyterLab runs its kernels on, and whether as on another processor.

CI (.ci/run) runs each course notebook once, in the browser tests, with the kernels on its second Python as on
another processor (scripts/other_cpu.py), instead of once there and once more under nbval in its second-Python
lane. Unset, the kernels run on the venv's own Python, as JupyterLab starts them.
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys

KERNEL_PYTHON = "LATENT_SPACE_KERNEL_PYTHON"
KERNEL_OTHER_CPU = "LATENT_SPACE_KERNEL_OTHER_CPU"


def kernel_spec() -> dict | None:
    """The Python 3 kernel spec the browser tests' JupyterLab starts kernels from, as ``KERNEL_PYTHON`` and
    ``KERNEL_OTHER_CPU`` ask; None when neither is set (JupyterLab's own: this venv's Python)."""
    python = os.environ.get(KERNEL_PYTHON, "").strip()
    other = os.environ.get(KERNEL_OTHER_CPU, "").strip()
    if other not in ("", "0", "1"):
        raise ValueError(f"{KERNEL_OTHER_CPU} must be 1 (as on another processor), 0 or unset, got {other!r}")
    if not python and other != "1":
        return None
    python = python or sys.executable
    version = _kernel_python_version(python)
    env = {}
    if other == "1":
        import other_cpu

        env = other_cpu.settings()
    where = ", as on another processor" if env else ""
    return {"argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"], "language": "python",
            "display_name": f"Python 3 ({version}{where})", "env": env, "metadata": {"debugger": False}}


@functools.lru_cache(maxsize=None)
def _kernel_python_version(python: str) -> str:
    """``"3.13"`` for a Python that can run an IPython kernel, else a ValueError that says which."""
    try:
        return subprocess.run([python, "-c", "import sys, ipykernel; print('%d.%d' % sys.version_info[:2])"],
                              capture_output=True, text=True, timeout=120, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError) as e:
        raise ValueError(f"{KERNEL_PYTHON}={python} is not a Python with ipykernel installed: {e}") from None
