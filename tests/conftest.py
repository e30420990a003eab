"""Shared test settings: the repo root, and a headless matplotlib backend for unit tests."""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("OMP_NUM_THREADS", "2")


def pytest_addoption(parser):
    parser.addoption("--nbgrader-all", action="store_true", default=False,
                     help="run the nbgrader autograde round trip (tests/test_nbgrader.py) on every notebook, "
                          "not only on 00_start_here")
