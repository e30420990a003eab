"""Re-execute the course notebooks in order, each in a fresh kernel, and save them with their outputs.

    make execute                       # every notebook
    make execute NB=01_compression     # one (name or path)

Committed outputs are exactly what the current code prints: run this after changing a helper.
A notebook that fails is not saved; the script stops with the error.
"""
from __future__ import annotations

import sys
import time

import nbformat

from nbtools import notebook_paths, run_notebook


def main(argv: list[str]) -> int:
    for path in notebook_paths(argv):
        start = time.perf_counter()
        print(f"executing {path.name} ...", flush=True)
        result = run_notebook(path)
        nbformat.write(result["nb"], path)
        size = path.stat().st_size / 2**20
        print(f"  saved in {time.perf_counter() - start:.1f} s ({size:.2f} MB)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
