"""pytest, for the whole repository: nbval runs each course notebook's test edition.

``pytest tests notebooks --nbval-lax`` (what ``make test`` runs) gives every committed course notebook
(``notebooks/NN_name.ipynb``) to nbval. Here nbval reads, instead of the file, its test edition
(``scripts/make_notebook.py``: the committed notebook with each exercise's solution as a running cell,
the check that each placeholder of the prose names a value, and the claims of the prose at the end).
So one fresh kernel per notebook tests its checked outputs (``# NBVAL_CHECK_OUTPUT`` cells against the
committed outputs), its solutions and its claims. Where a browser test runs that same test edition in
JupyterLab and checks it as nbval would (``runs_notebook``), nbval leaves the notebook to it: each notebook
runs once per test run. A notebook whose committed file is not what its
source builds fails at collection, with the command that rebuilds it.
"""
from __future__ import annotations

import functools
import re
import types
from pathlib import Path

import pytest

# make test's workers (pytest-xdist): which group of tests each takes (tests/support/streams.py)
pytest_plugins = ["support.streams"]

ROOT = Path(__file__).resolve().parent
COURSE_NOTEBOOK = re.compile(r"\d\d_\w+\.ipynb")


def _is_course_notebook(path: Path) -> bool:
    return path.parent == ROOT / "notebooks" and bool(COURSE_NOTEBOOK.fullmatch(path.name))


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    collected = yield
    if not _is_course_notebook(Path(file_path)):
        return collected
    from nbval.plugin import IPyNbFile

    course_notebook = _course_notebook_class()
    return [course_notebook.from_parent(parent, path=file_path) if isinstance(node, IPyNbFile) else node
            for node in collected]


@pytest.hookimpl(trylast=True)   # after -m and -k have deselected what they deselect
def pytest_collection_modifyitems(config, items):
    """Each course notebook runs once per test run: a selected browser test marked ``runs_notebook(stem)`` runs
    the notebook's test edition in JupyterLab and checks it as nbval does (tests/support/nbcompare.py: nbval's
    own comparison), so nbval leaves that notebook out. Without Chromium the browser tests skip, and nbval
    runs every notebook."""
    from support.chromium import have_chromium

    in_browser = {m.args[0] for item in items for m in item.iter_markers("runs_notebook")}
    if not in_browser or not have_chromium():
        return
    course_notebook = _course_notebook_class()
    left_out = [item for item in items
                if isinstance(item.parent, course_notebook) and Path(item.parent.path).stem in in_browser]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        gone = set(left_out)
        items[:] = [item for item in items if item not in gone]
        config._course_notebooks_in_browser = sorted({Path(i.parent.path).stem for i in left_out})


def pytest_terminal_summary(terminalreporter, config):
    stems = getattr(config, "_course_notebooks_in_browser", None)
    if stems:
        terminalreporter.write_line(
            f"nbval: {len(stems)} course notebooks ({', '.join(s[:2] for s in stems)}) were run and checked in "
            f"JupyterLab by the browser tests marked runs_notebook, not a second time under nbval")


@functools.cache
def _course_notebook_class():
    """nbval is imported only when notebooks are collected."""
    from nbval import plugin

    class CourseNotebook(plugin.IPyNbFile):
        """nbval's notebook collector, reading the notebook's test edition instead of the file."""

        def collect(self):
            from make_notebook import edition_for_tests

            edition = edition_for_tests(Path(self.path).stem)
            reader = types.SimpleNamespace(read=lambda *args, **kwargs: edition)
            real = plugin.nbformat
            plugin.nbformat = reader
            try:
                items = list(super().collect())
            finally:
                plugin.nbformat = real
            return items

    return CourseNotebook
