"""The browser tests' JupyterLab harness itself (tests/browser/conftest.py): a notebook opens on the kernel
the harness started for it, a question which kernel to use is answered with that kernel, and the kernels run
on the Python (and as on the processor) asked for."""
from __future__ import annotations

import subprocess
import sys

import pytest

from support.lab_kernel import KERNEL_OTHER_CPU, KERNEL_PYTHON, kernel_spec


def test_the_page_runs_on_its_own_session_and_a_kernel_question_is_answered_with_it(lab):
    nb = lab.open_scratch("scratch_harness.ipynb", "x = 6 * 7", "print(x)")
    started = lab.sessions()
    assert list(started) == ["scratch_harness.ipynb"], started
    assert not nb._answer_kernel_dialog(), "no question is asked when nothing asks it"
    # ask JupyterLab's own question (the toolbar's kernel name opens it) and let the harness answer it
    nb.page.locator(".jp-Toolbar-kernelName").first.click()
    nb.page.locator(".jp-Dialog select").first.wait_for(timeout=30_000)
    assert nb._answer_kernel_dialog()
    assert not nb.page.locator(".jp-Dialog").count() or not nb.page.locator(".jp-Dialog").first.is_visible()
    nb.run_all(timeout_s=120)
    assert "42" in nb.page.locator(".jp-OutputArea-output").last.text_content()
    assert lab.sessions() == started, "the answer started another kernel instead of keeping the notebook's"
    nb.assert_no_errors()


def test_the_kernels_run_on_the_python_and_processor_asked_for(lab):
    """CI runs the course notebooks here once, on its second Python as on another processor
    (LATENT_SPACE_KERNEL_PYTHON, LATENT_SPACE_KERNEL_OTHER_CPU; .ci/run): a kernel on any other Python, or on
    this processor's own code paths, would lose that check without a sound. Unset, the venv's own Python."""
    nb = lab.open_scratch("scratch_kernel.ipynb",
                          "import os, sys\nprint(sys.prefix, os.environ.get('ATEN_CPU_CAPABILITY', 'native'), "
                          "os.environ.get('LATENT_SPACE_THREADS', 'unset'))")
    nb.run_all(timeout_s=120)
    prefix, capability, threads = nb.page.locator(".jp-OutputArea-output").last.text_content().split()
    spec = lab.server.kernel_spec
    python = spec["argv"][0] if spec else sys.executable
    want = subprocess.run([python, "-c", "import sys; print(sys.prefix)"], capture_output=True, text=True,
                          timeout=60, check=True).stdout.strip()
    assert prefix == want, f"the kernel ran on {prefix}, not on {python}"
    settings = (spec or {}).get("env", {})
    assert capability == settings.get("ATEN_CPU_CAPABILITY", "native"), capability
    if settings:   # as on another processor: torch's generic kernels and one thread
        assert (capability, threads) == ("default", "1"), (capability, threads)
    nb.assert_no_errors()


def test_notebooks_open_one_after_another_in_one_page_and_leave_nothing_behind(lab):
    """The tests of a worker share one JupyterLab page and server (LabShell): a notebook opened after another
    replaces it in the page, runs on a kernel of its own, and a test's end shuts its kernels down."""
    first = lab.open_scratch("scratch_first.ipynb", "left_behind = 1")
    first.run_all(timeout_s=120)
    second = lab.open_scratch("scratch_second.ipynb", "print(globals().get('left_behind', 'a kernel of its own'))")
    assert second.page is first.page
    assert second.page.locator(".jp-NotebookPanel").count() == 1, "the first notebook is still open in the page"
    second.run_all(timeout_s=120)
    assert "a kernel of its own" in second.page.locator(".jp-OutputArea-output").last.text_content()
    assert sorted(lab.sessions()) == ["scratch_first.ipynb", "scratch_second.ipynb"]
    lab.close(keep_page=True)
    assert lab.sessions() == {} and lab.server.api("GET", "kernels") == [], "a kernel outlived its test"
    assert not lab.folder.exists()
    assert not second.page.is_closed() and second.page.locator(".jp-NotebookPanel").count() == 0


@pytest.mark.parametrize("python, other, message", [
    ("", "yes", "must be 1"),
    ("/nonexistent/python3", "", "is not a Python with ipykernel"),
])
def test_a_kernel_asked_for_wrongly_is_refused_with_the_reason(monkeypatch, python, other, message):
    monkeypatch.setenv(KERNEL_PYTHON, python)
    monkeypatch.setenv(KERNEL_OTHER_CPU, other)
    with pytest.raises(ValueError, match=message):
        kernel_spec()


def test_the_kernel_spec_runs_the_python_asked_for_as_on_another_processor(monkeypatch):
    monkeypatch.delenv(KERNEL_PYTHON, raising=False)
    monkeypatch.delenv(KERNEL_OTHER_CPU, raising=False)
    assert kernel_spec() is None
    monkeypatch.setenv(KERNEL_OTHER_CPU, "1")
    spec = kernel_spec()
    assert spec["argv"][:3] == [sys.executable, "-m", "ipykernel_launcher"] and "{connection_file}" in spec["argv"]
    assert spec["display_name"].startswith("Python 3 (") and "another processor" in spec["display_name"]
    assert spec["env"]["ATEN_CPU_CAPABILITY"] == "default" and spec["env"]["LATENT_SPACE_THREADS"] == "1"
    monkeypatch.setenv(KERNEL_OTHER_CPU, "0")
    assert kernel_spec() is None
