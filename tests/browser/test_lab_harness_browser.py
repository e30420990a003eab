"""The browser tests' JupyterLab harness itself (tests/browser/conftest.py): a notebook opens on the kernel
the harness started for it, and a question which kernel to use is answered with that kernel."""
from __future__ import annotations

import json
import urllib.request


def _session_kernels(lab) -> dict[str, str]:
    with urllib.request.urlopen(f"{lab.server['url']}/api/sessions", timeout=10) as response:
        return {s["path"]: s["kernel"]["id"] for s in json.load(response)}


def test_the_page_runs_on_its_own_session_and_a_kernel_question_is_answered_with_it(lab):
    nb = lab.open_scratch("scratch_harness.ipynb", "x = 6 * 7", "print(x)")
    started = _session_kernels(lab)
    assert list(started) == ["scratch_harness.ipynb"], started
    assert not nb._answer_kernel_dialog(), "no question is asked when nothing asks it"
    # ask JupyterLab's own question (the toolbar's kernel name opens it) and let the harness answer it
    nb.page.locator(".jp-Toolbar-kernelName").first.click()
    nb.page.locator(".jp-Dialog select").first.wait_for(timeout=30_000)
    assert nb._answer_kernel_dialog()
    assert not nb.page.locator(".jp-Dialog").count() or not nb.page.locator(".jp-Dialog").first.is_visible()
    nb.run_all(timeout_s=120)
    assert "42" in nb.page.locator(".jp-OutputArea-output").last.text_content()
    assert _session_kernels(lab) == started, "the answer started another kernel instead of keeping the notebook's"
    nb.assert_no_errors()
