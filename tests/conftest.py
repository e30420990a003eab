"""Settings for every test: a headless matplotlib backend, and two threads for numpy's and torch's maths.

The tests are sorted by layer (ARCHITECTURE.md): ``unit/`` (latent_helpers), ``course/`` (the notebooks,
their sources and editions), ``install/`` (make, Binder), ``browser/`` (JupyterLab in Chromium). What they
share is in ``support/``.
"""
from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")

os.environ.setdefault("OMP_NUM_THREADS", "2")


def pytest_addoption(parser):
    parser.addoption("--nbgrader-all", action="store_true", default=False,
                     help="run the nbgrader autograde round trip (tests/course/test_nbgrader.py) on every notebook, "
                          "not only on 00_start_here")
