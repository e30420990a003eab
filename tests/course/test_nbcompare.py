"""A notebook run in JupyterLab is checked as nbval checks it (tests/support/nbcompare.py), and ``make test``
leaves to the browser tests exactly the notebooks they run (conftest.py)."""
from __future__ import annotations

import copy
import os
import subprocess
import sys

import nbformat
import pytest

from support import ROOT, nbcompare
from support.chromium import have_chromium


def _stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def _result(text, png=None, count=1):
    data = {"text/plain": text}
    if png:
        data["image/png"] = png
    return nbformat.v4.new_output("execute_result", data=data, execution_count=count)


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# a lesson")]
    cells = [("# NBVAL_CHECK_OUTPUT\nprint('loss 0.123')", [_stream("loss 0.123\n")]),
             ("x = 1  # not checked\nx", [_result("1")]),
             ("# NBVAL_CHECK_OUTPUT\nshow()", [_result("<Figure>", png="iVBORw0KGgo=")]),
             ("import time; time.time()", [_result("1764700000.0")])]
    for i, (src, outs) in enumerate(cells, start=1):
        cell = nbformat.v4.new_code_cell(src)
        cell.execution_count, cell.outputs = i, outs
        nb.cells.append(cell)
    return nb


def _code(nb, i):
    return [c for c in nb.cells if c.cell_type == "code"][i]


def test_the_same_run_passes():
    ref = _notebook()
    assert nbcompare.differences(ref, copy.deepcopy(ref)) == []


def test_a_checked_cell_that_prints_something_else_fails_with_both_texts():
    ref, ran = _notebook(), _notebook()
    _code(ran, 0).outputs = [_stream("loss 0.124\n")]
    problems = nbcompare.differences(ref, ran)
    assert len(problems) == 1 and problems[0].startswith("Cell 0: Cell outputs differ")
    assert "loss 0.123" in problems[0] and "loss 0.124" in problems[0]


def test_unchecked_cells_and_pictures_are_not_compared_as_nbval_does():
    ref, ran = _notebook(), _notebook()
    _code(ran, 1).outputs = [_result("2")]
    _code(ran, 2).outputs = [_result("<Figure>", png="AAAA")]
    _code(ran, 3).outputs = [_result("1764799999.5")]
    assert nbcompare.differences(ref, ran) == []
    _code(ran, 2).outputs = [_result("<Figure 2>", png="AAAA")]
    assert [p.split(":")[0] for p in nbcompare.differences(ref, ran)] == ["Cell 2"]


def test_streams_are_joined_before_comparing_and_a_missing_stream_fails():
    ref, ran = _notebook(), _notebook()
    _code(ran, 0).outputs = [_stream("loss "), _stream("0.123\n")]    # JupyterLab may keep chunks apart
    assert nbcompare.differences(ref, ran) == []
    _code(ran, 0).outputs = [_stream("loss 0.123\n"), _stream("warning\n", name="stderr")]
    assert "Unexpected output fields" in nbcompare.differences(ref, ran)[0]


def test_an_error_anywhere_fails_even_in_an_unchecked_cell():
    ref, ran = _notebook(), _notebook()
    _code(ran, 1).outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="claim failed",
                                                    traceback=["..."])]
    assert nbcompare.differences(ref, ran) == ["Cell 1: Cell execution caused an exception: "
                                               "AssertionError: claim failed"]


def test_a_cell_that_did_not_run_fails():
    ref, ran = _notebook(), _notebook()
    _code(ran, 3).execution_count, _code(ran, 3).outputs = None, []
    assert nbcompare.differences(ref, ran) == ["Cell 3: did not run"]


def test_another_notebook_is_not_compared_cell_by_cell():
    ref, ran = _notebook(), _notebook()
    _code(ran, 1).source = "x = 2"
    [problem] = nbcompare.differences(ref, ran)
    assert "other code cells" in problem


def test_bad_input_says_what_was_expected():
    with pytest.raises(TypeError, match="must be a notebook"):
        nbcompare.differences(_notebook(), {"cells": []})
    with pytest.raises(TypeError, match="reference must be a notebook"):
        nbcompare.differences("notebooks/00_start_here.ipynb", _notebook())


def test_markers_as_nbval_reads_them():
    assert nbcompare.is_checked(nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\n1"))
    assert not nbcompare.is_checked(nbformat.v4.new_code_cell("1  # NBVAL_CHECK_OUTPUT"))   # only a comment line
    tagged = nbformat.v4.new_code_cell("1")
    tagged.metadata["tags"] = ["nbval-check-output"]
    assert nbcompare.is_checked(tagged)
    assert not nbcompare.is_checked(nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\n# NBVAL_SKIP\n1"))


def _collected(*args):
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          "--nbval-lax", "--nbval-current-env", *args], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    return out.stdout.splitlines()


def test_make_test_leaves_to_the_browser_tests_exactly_the_notebooks_they_run():
    """00's cells leave nbval when its browser test is selected and Chromium is here; 01's stay (its browser
    test is not selected); with the browser tests deselected (make test-py), 00's cells are back."""
    both = ["tests/browser/test_00_browser.py", "notebooks/00_start_here.ipynb", "notebooks/01_compression.ipynb"]
    lines = _collected(*both)
    cells_00 = [x for x in lines if x.startswith("notebooks/00_start_here.ipynb::Cell")]
    cells_01 = [x for x in lines if x.startswith("notebooks/01_compression.ipynb::Cell")]
    assert cells_01, lines[-5:]
    assert any(x.startswith("tests/browser/test_00_browser.py::") for x in lines)
    if have_chromium():
        assert not cells_00, "00 runs in its browser test: nbval must leave it out"
        assert any("deselected" in x for x in lines[-3:]), lines[-3:]
    else:
        assert cells_00, "without Chromium the browser test skips: nbval must run 00"
    lines = _collected(*both, "-m", "not browser")
    assert [x for x in lines if x.startswith("notebooks/00_start_here.ipynb::Cell")], lines[-5:]
