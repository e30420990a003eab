"""Shared test settings: the repo root, a headless matplotlib backend for unit tests, and the book's builds."""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("OMP_NUM_THREADS", "2")


@pytest.fixture(scope="session")
def course_book():
    """``make book``, once per session (tests/bookbuild.py): build/book/ and the build's output."""
    import bookbuild

    return bookbuild.build_course_book()


@pytest.fixture(scope="session")
def synthetic_book(tmp_path_factory):
    """A book of one synthetic notebook whose widget output carries a static fallback (tests/bookbuild.py)."""
    import bookbuild

    folder = tmp_path_factory.mktemp("synthetic-notebooks")
    bookbuild.write_synthetic_notebook(folder)
    return bookbuild.build_book(folder, tmp_path_factory.mktemp("synthetic-book") / "book")
