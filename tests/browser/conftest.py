"""Browser tests: JupyterLab on 127.0.0.1 (token off, for this local test only) + Playwright + Debian's Chromium.

Use the ``lab`` fixture:

    @pytest.mark.runs_notebook("03_chairs_and_desks")   # nbval leaves 03 to this test (conftest.py)
    def test_my_notebook(lab):
        nb = lab.open_course("03_chairs_and_desks")  # its test edition, opened in the worker's page
        nb.run_all()                                 # runs every cell, then checks the run as nbval would
        row = nb.drag(plot=0, slider=0)      # waits for the pictures sent ahead, drags, times each picture
        nb.assert_within_two_frames([row])   # median <= 33 ms, 95th percentile <= 100 ms
        nb.assert_no_errors()

Without /usr/bin/chromium the tests skip with a reason; under CI (CI=true) they fail instead.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from support.chromium import CHROMIUM, CHROMIUM_ARGS, have_chromium
from support.lab_kernel import kernel_spec
from support.slider_budget import MEDIAN_MS, P95_MS, over_budget, timed_twice_if_over

ROOT = Path(__file__).resolve().parents[2]
LIVEPLOT = ".latent-liveplot"

# Installed in the page before a sweep: timestamps of readout changes and of painted pictures.
_RECORDER = """([selector, plot, slider]) => {
  const box = document.querySelectorAll(selector)[plot];
  const readout = box.querySelectorAll('.widget-slider .widget-readout')[slider];
  const view = box.querySelector('.latent-frameview') || box.querySelector('img');
  const rec = { changes: [], paints: [], waiting: [], lat: [] };
  if (window.__latentSweep) window.__latentSweep.stop();
  let text = readout.textContent;
  const onChange = () => {   // a readout re-written with the same value is no change
    if (readout.textContent === text) return;
    text = readout.textContent;
    const t = performance.now(); rec.changes.push(t); rec.waiting.push(t);
  };
  const onPicture = () => {
    const pending = rec.waiting; rec.waiting = [];
    requestAnimationFrame(() => setTimeout(() => {
      const t = performance.now();
      rec.paints.push(t);
      if (pending.length) rec.lat.push(t - pending[0]);
    }, 0));
  };
  const o1 = new MutationObserver(onChange);
  o1.observe(readout, { characterData: true, childList: true, subtree: true, attributes: true });
  const o2 = new MutationObserver(onPicture);
  o2.observe(view, { attributes: true, attributeFilter: ['data-shown', 'src'] });
  window.__latentSweep = {
    stop() { o1.disconnect(); o2.disconnect(); },
    result() { this.stop(); return { latencies: rec.lat, changes: rec.changes.length, pictures: rec.paints.length,
                                     unanswered: rec.waiting.length,
                                     stop_ms: rec.paints.length && rec.changes.length ?
                                       rec.paints[rec.paints.length - 1] - rec.changes[rec.changes.length - 1] : null }; },
  };
}"""


# Run All's progress in one look: whether a dialog shows, and every code cell's prompt ('[*]' running, '[ ]' never run)
_PROMPTS = """() => [!!document.querySelector('.jp-Dialog'),
                     [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent)]"""
# whether live plot ``plot`` holds ``n`` strips for the values on screen (its frame view's data-ready)
_STRIPS_READY = """([selector, plot, n]) => {
  const view = document.querySelectorAll(selector)[plot]?.querySelector('.latent-frameview');
  return !!view && Number(view.getAttribute('data-ready') || 0) >= n;
}"""


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)


def _need_browser() -> None:
    if have_chromium():
        return
    reason = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests, not skip them")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The lecturer's kit that `make test` installs for its grading tests (requirements-teach.txt): off in the browser
# tests' JupyterLab, which is the one a learner's requirements.txt gives
_TEACH_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.validate_assignment",
                            "nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list",
                            "notebook")
_TEACH_LAB_EXTENSIONS = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension")


class LabServer:
    """A JupyterLab server on 127.0.0.1 (token off, for this local test only) serving a temporary folder. Its
    kernels run on :func:`kernel_spec`'s Python if one is asked for (a ``python3`` kernel spec of its own, found
    first). The lecturer's kit (nbgrader, notebook 7), if installed, is switched off: the browser tests drive the
    JupyterLab a learner's requirements.txt gives."""

    def __init__(self):
        self.work = Path(tempfile.mkdtemp(prefix="latent-lab-"))
        self.dir, settings, config = self.work / "notebooks", self.work / "settings", self.work / "config"
        self.dir.mkdir()
        self.log = self.work / "server.log"
        (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
        (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
        # keep off-screen cells in the page, and no news or update pop-ups
        (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
            json.dumps({"windowingMode": "none"}))
        (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        (config / "labconfig").mkdir(parents=True)
        (config / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {name: True for name in _TEACH_LAB_EXTENSIONS}}))
        port = _free_port()
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(self.work / "ws"),
                   JUPYTER_PLATFORM_DIRS="1",
                   JUPYTER_CONFIG_PATH=os.pathsep.join(p for p in (str(config), os.environ.get("JUPYTER_CONFIG_PATH"))
                                                       if p))
        self.kernel_spec = kernel_spec()
        if self.kernel_spec is not None:
            (self.work / "jupyter" / "kernels" / "python3").mkdir(parents=True)
            (self.work / "jupyter" / "kernels" / "python3" / "kernel.json").write_text(
                json.dumps(self.kernel_spec, indent=1))
            env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(self.work / "jupyter"), os.environ.get("JUPYTER_PATH"))
                                                  if p)
        self._log = open(self.log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             "--IdentityProvider.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
             f"--ServerApp.root_dir={self.dir}", "--LabApp.news_url=", "--ServerApp.open_browser=False", "--allow-root",
             "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True",
             *(f"--ServerApp.jpserver_extensions={name}=False" for name in _TEACH_SERVER_EXTENSIONS)],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=self.dir)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/api/status", timeout=2)
                break
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            self.close()
            pytest.fail(f"JupyterLab did not start; log:\n{self.log_tail()}")
        if self.proc.poll() is not None:
            self.close()
            pytest.fail(f"JupyterLab exited; log:\n{self.log_tail()}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self) -> str:
        try:
            return self.log.read_text()[-3000:]
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str, body: dict | None = None, timeout_s: float = 90):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}/api/{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            text = response.read()
        return json.loads(text) if text else None

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()
        shutil.rmtree(self.work, ignore_errors=True)


# JupyterLab's own object in the page (--LabApp.expose_app_in_browser), once it has restored its layout
_APP_READY = "async () => { await window.jupyterapp.restored; return true; }"
# close every document in the page's main area without saving (their kernels are shut down through the server)
_CLOSE_DOCUMENTS = """() => {
  const app = window.jupyterapp;
  for (const w of Array.from(app.shell.widgets('main'))) {
    if (w.context && w.context.model) w.context.model.dirty = false;
    w.close();
  }
}"""


class LabShell:
    """One JupyterLab server and one JupyterLab page for a pytest worker's browser tests (a browser stream), made
    when first needed. A new server and page for each test cost about 4.5 s more processor time and 6 s more wall
    time a test (four course notebooks, 2026-12-03: 112.6 against 94.0 core-s), so the tests share them: each test gets a folder of its own on the
    server, opens its notebooks in the page with JupyterLab's own ``docmanager:open``, and at its end closes them,
    shuts their kernels down and deletes its folder (:meth:`Lab.close`). After a failed test the page is thrown
    away, and the next test boots a new one."""

    def __init__(self, browser):
        self.browser = browser
        self.server: LabServer | None = None
        self.context = None
        self.page = None
        self.tests = 0

    def start_server(self) -> LabServer:
        if self.server is not None and not self.server.alive():
            print(f"JupyterLab's server had exited; log:\n{self.server.log_tail()}")
            self.discard_page()
            self.server.close()
            self.server = None
        if self.server is None:
            self.server = LabServer()
        return self.server

    def open_page(self):
        """The page, with JupyterLab booted in it (a new page, on a reset layout, if there is none)."""
        if self.page is None or self.page.is_closed():
            self.discard_page()
            self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
            self.page = self.context.new_page()
            self.page.goto(f"{self.server.url}/lab?reset")
            self.page.wait_for_function("() => !!window.jupyterapp", timeout=90_000)
            self.page.evaluate(_APP_READY)
        return self.page

    def close_documents(self, timeout_s: float = 30) -> None:
        """Close every document open in the page (no save, no question) and wait until no notebook is left in it."""
        if self.page is None or self.page.is_closed():
            return
        self.page.evaluate(_CLOSE_DOCUMENTS)
        self.page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel, .jp-Dialog')",
                                    timeout=timeout_s * 1000)

    def discard_page(self) -> None:
        if self.context is not None:
            try:
                self.context.close()
            except Exception as error:   # a browser already gone
                print(f"closing the browser context: {error}")
        self.context = self.page = None

    def close(self) -> None:
        self.discard_page()
        if self.server is not None:
            self.server.close()
            self.server = None


_SHELLS: list[LabShell] = []


@pytest.fixture(scope="session")
def lab_shell(browser):
    shell = LabShell(browser)
    _SHELLS.append(shell)
    yield shell
    shell.close()
    _SHELLS.remove(shell)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a worker's last browser test in a row, stop its JupyterLab server and page: it goes on with other
    tests (at a lower priority, tests/support/streams.py), and an idle JupyterLab still polls."""
    yield
    here = Path(__file__).parent
    if nextitem is None or Path(str(nextitem.fspath)).parent != here:
        for shell in _SHELLS:
            shell.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    _need_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class LabNotebook:
    """One notebook open in JupyterLab in its own page."""

    def __init__(self, page, name: str, path: Path | None = None, reference=None):
        self.page = page
        self.name = name
        self.path = path                # the file the server saves it to
        self.reference = reference      # a course notebook's test edition with its committed outputs
        self.checked = False            # whether run_all checked its outputs as nbval would

    def _answer_kernel_dialog(self, timeout_s: float = 60) -> bool:
        """Answer JupyterLab's question which kernel to use, if it asks: the kernel of the notebook's own session
        (started by :meth:`Lab.open`) if offered, else a new Python 3 kernel. JupyterLab asks when a cell runs
        while the page holds no session, once per cell, so answer until no question is left. Any other
        dialog is a failure, shown with its text. Returns whether it answered."""
        dialog = self.page.locator(".jp-Dialog")
        answered, deadline = False, time.time() + timeout_s
        while dialog.count() and dialog.first.is_visible():
            text = " ".join((dialog.first.text_content() or "").split())
            if "Select Kernel" not in text:
                raise AssertionError(f"{self.name}: JupyterLab shows a dialog: {text[:300]}")
            if time.time() > deadline:
                raise AssertionError(f"{self.name}: JupyterLab still asks which kernel to use after {timeout_s:.0f} s "
                                     f"of answers: {text[:300]}")
            menu, answer = dialog.first.locator("select"), "its default"
            if menu.count():
                options = menu.first.evaluate("s => [...s.options].map(o => [o.value, o.textContent.trim()])")
                own = [value for value, label in options if label.startswith(f"{self.name} (")]
                python = [value for value, label in options if label.startswith("Python 3")]
                if not (own or python):
                    raise AssertionError(f"{self.name}: JupyterLab asks for a kernel but offers no Python 3: "
                                         f"{[label for _, label in options]}")
                menu.first.select_option(value=(own or python)[0])
                answer = "its own session" if own else "Python 3"
            print(f"{self.name}: JupyterLab asked: {text[:120]}; answered {answer}")
            dialog.first.locator(".jp-mod-accept").click()
            answered = True
            time.sleep(0.5)
        return answered

    def _click_run_all(self) -> None:
        self._answer_kernel_dialog()
        self.page.locator(".jp-Notebook").first.click()
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

    def run_all(self, timeout_s: float = 240, stall_s: float = 30) -> None:
        """Run All Cells and wait until every code cell has run.

        If nothing is running for ``stall_s`` seconds while some cells have never run, JupyterLab has
        dropped the run request (seen once in CI: a notebook that runs in 15 s sat idle for 300 s):
        Run All again, once. A cell that hangs stays busy ('*') and still fails at ``timeout_s``; a cell that
        fails stops the run (JupyterLab runs nothing after it) and fails at once with the error shown.

        A course notebook opened with :meth:`Lab.open_course` is then saved and checked as nbval checks it
        (:meth:`check_like_nbval`)."""
        page = self.page
        self._click_run_all()
        deadline = time.time() + timeout_s
        time.sleep(1.0)
        idle_since, reran = None, False
        running, unrun = 0, []
        while time.time() < deadline:
            # one call into the page a look (each costs the page, Playwright's driver and this process)
            dialog, prompts = page.evaluate(_PROMPTS)
            if dialog and self._answer_kernel_dialog():   # the cells wait for the answer: look again
                idle_since = None
                continue
            running = sum("*" in t for t in prompts)
            unrun = [i for i, t in enumerate(prompts) if re.search(r"\[\s*\]", t)]
            if not running and not unrun:
                if self.reference is not None:
                    self.check_like_nbval()
                return
            errors = self.errors() if not running and unrun else []
            if errors:
                raise AssertionError(f"{self.name}: a cell failed, {len(unrun)} code cells did not run: {errors}")
            if running:
                idle_since = None
            elif idle_since is None:
                idle_since = time.time()
            elif time.time() - idle_since > stall_s and not reran:
                print(f"{self.name}: {len(unrun)} code cells never ran and nothing ran for {stall_s:.0f} s: "
                      f"Run All again")
                self._click_run_all()
                idle_since, reran = None, True
            time.sleep(1.0)
        raise AssertionError(f"{self.name} did not finish running within {timeout_s} s: {running} code cells "
                             f"running, {len(unrun)} never ran (the first: code cell {unrun[:1]}); "
                             f"Run All was {'clicked twice' if reran else 'clicked once'}")

    def save(self, timeout_s: float = 60):
        """Save the notebook (Ctrl+S) and return it as the server wrote it, once every code cell in it has run."""
        import nbformat

        before = self.path.stat().st_mtime_ns
        self.page.keyboard.press("Control+s")
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            if self.path.stat().st_mtime_ns != before:
                try:
                    nb = nbformat.read(self.path, as_version=4)
                except (ValueError, OSError):    # caught half-written
                    nb = None
                if nb is not None and all(c.get("execution_count") is not None
                                          for c in nb.cells if c.cell_type == "code"):
                    return nb
            time.sleep(0.25)
        raise AssertionError(f"{self.name}: JupyterLab did not save the notebook with every cell run "
                             f"within {timeout_s} s")

    def check_like_nbval(self) -> None:
        """Compare the run with the committed outputs as ``make test``'s nbval would (tests/support/nbcompare.py):
        no errors, and the cells marked ``# NBVAL_CHECK_OUTPUT`` print what they printed when committed.
        ``make test`` leaves a notebook checked here out of its nbval run (conftest.py)."""
        from support import nbcompare

        problems = nbcompare.differences(self.reference, self.save())
        assert not problems, (f"{self.name}, run in JupyterLab, fails nbval's check ({len(problems)} cells):\n"
                              + "\n\n".join(problems))
        self.checked = True

    def liveplots(self):
        return self.page.locator(LIVEPLOT)

    def image_src(self, plot: int) -> str:
        """Which picture live plot ``plot`` shows: ``frame:<n>`` for the n-th picture its view drew
        (a canvas; see latent_helpers/widgets/frames.js), or an ``<img>``'s src."""
        box = self.liveplots().nth(plot)
        view = box.locator(".latent-frameview")
        if view.count():
            shown = view.first.get_attribute("data-shown")
            return f"frame:{shown}" if shown else ""
        return box.locator("img").first.get_attribute("src") or ""

    def wait_for_strips(self, plot: int, timeout_s: float = 120) -> int:
        """Wait until the page holds a complete strip of every control of live plot ``plot`` for the values
        on screen (the kernel renders them while idle once a page shows the widget, and again for the other
        controls after one moved); return how many pictures the page holds."""
        view = self.liveplots().nth(plot).locator(".latent-frameview").first
        # the controls that get strips, as the view says (a slider of too many positions gets none); a view
        # that draws in the page (TopicMixer) has every control ready at once
        said = view.get_attribute("data-strips")
        n_strips = (int(said) if said is not None
                    else self.liveplots().nth(plot).locator(".widget-slider, .widget-dropdown").count())
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        try:   # waited for in the page: a look from here every 0.1 s would cost more processor time than it waits for
            self.page.wait_for_function(_STRIPS_READY, arg=[LIVEPLOT, plot, n_strips], polling=100,
                                        timeout=timeout_s * 1000)
        except PlaywrightTimeoutError:
            raise AssertionError(f"{self.name}: live plot {plot} has {view.get_attribute('data-ready')} of "
                                 f"{n_strips} strips for the values on screen after {timeout_s} s") from None
        return int(view.get_attribute("data-frames") or 0)

    def sweep(self, plot: int = 0, slider: int = 0, moves: int = 40, pause_ms: float = 16,
              settle_s: float = 3.0) -> dict:
        """Drag a slider's handle continuously across its track (``moves`` pointer moves, ``pause_ms``
        apart, there and back) and time every picture in the page.

        The page records when the slider's readout changed and when a new picture was painted (one
        animation frame plus a task after the view drew it). A picture answers every slider change still
        waiting, and its latency is counted from the oldest of them: the time the screen lagged behind the
        slider. Returns the latencies (ms), how many changes and pictures there were, and the values the
        last picture was drawn for next to the controls' final readouts."""
        box = self.liveplots().nth(plot)
        box.scroll_into_view_if_needed()
        track = box.locator(".widget-slider .noUi-base").nth(slider)
        handle = box.locator(".widget-slider .noUi-handle").nth(slider)
        readout = box.locator(".widget-slider .widget-readout").nth(slider)
        self.page.evaluate(_RECORDER, [LIVEPLOT, plot, slider])
        tb, hb = track.bounding_box(), handle.bounding_box()
        y = hb["y"] + hb["height"] / 2
        x0 = hb["x"] + hb["width"] / 2
        xs = [tb["x"] + tb["width"] * f for f in np.linspace(0.02, 0.98, moves // 2)]
        path = xs + xs[::-1][1:]
        self.page.mouse.move(x0, y)
        self.page.mouse.down()
        for x in path:
            self.page.mouse.move(x, y, steps=1)
            self.page.wait_for_timeout(pause_ms)
        self.page.mouse.up()
        self.page.wait_for_timeout(settle_s * 1000)
        out = self.page.evaluate("() => window.__latentSweep.result()")
        out["readout"] = readout.text_content()
        return out

    def drag(self, plot: int, slider: int, moves: int = 50, settle_s: float = 1.5,
             strips_timeout_s: float = 400) -> dict:
        """Once the page holds the pictures along every control of live plot ``plot`` (the kernel sends them
        while idle), drag slider ``slider`` across its track and back and time each picture
        (:meth:`timed_sweep`); the row also says how long the strips took (``strips_ready_s``) and how many
        pictures the page holds (``frames``). A drag over the budgets is timed once more (support/slider_budget.py)."""
        start = time.perf_counter()
        frames = self.wait_for_strips(plot, timeout_s=strips_timeout_s)
        ready_s = time.perf_counter() - start
        # and the other live plots' pictures: a kernel still drawing them would share the processor with the page
        for other in range(self.liveplots().count()):
            if other != plot and self.liveplots().nth(other).locator(".latent-frameview").count():
                self.wait_for_strips(other, timeout_s=strips_timeout_s)
        row = timed_twice_if_over(lambda: self.timed_sweep(plot, slider, moves=moves, settle_s=settle_s))
        return {**row, "strips_ready_s": round(ready_s, 1), "frames": frames}

    def timed_sweep(self, plot: int, slider: int, moves: int = 50, settle_s: float = 1.5) -> dict:
        """:meth:`sweep`, as a row of figures for :meth:`assert_within_two_frames` and ``make benchmark``: median
        and 95th-percentile latency in ms, changes, pictures, changes left unanswered, the slider's readout."""
        box = self.liveplots().nth(plot)
        box.scroll_into_view_if_needed()
        kind = box.locator(".latent-frameview").first.get_attribute("data-widget")
        out = self.sweep(plot=plot, slider=slider, moves=moves, pause_ms=16, settle_s=settle_s)
        ms = np.asarray(out["latencies"], float)
        return {"plot": plot, "widget": kind, "slider": slider, "n": int(ms.size), "changes": out["changes"],
                "pictures": out["pictures"], "unanswered": out["unanswered"],
                "median_ms": round(float(np.median(ms)), 1) if ms.size else None,
                "p95_ms": round(float(np.percentile(ms, 95)), 1) if ms.size else None,
                "readout": out["readout"]}

    def assert_within_two_frames(self, rows: list[dict]) -> None:
        """Every dragged slider answered within the budgets of issue #25: median <= MEDIAN_MS and 95th
        percentile <= P95_MS from a slider change to the new picture, and every change got its picture."""
        assert rows, f"{self.name}: no slider was dragged"
        over = [r for r in rows if over_budget(r)]
        assert not over, (f"{self.name}: sliders over {MEDIAN_MS:.0f} ms median / {P95_MS:.0f} ms 95th percentile "
                          f"(or with changes left unanswered): {over}")

    def view_state(self, plot: int) -> list:
        """The values the picture now shown was drawn for (the frame view's ``data-state``)."""
        v = self.liveplots().nth(plot).locator(".latent-frameview").first.get_attribute("data-state")
        return json.loads(v) if v else []

    def errors(self) -> list[str]:
        """Error outputs, tracebacks on stderr, and messages shown by a failing live plot."""
        return self.page.evaluate("""() => {
            const out = [];
            document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
              .forEach(e => { if (/Traceback|Error/.test(e.textContent)) out.push(e.textContent.slice(0, 500)); });
            document.querySelectorAll('.latent-liveplot pre').forEach(e => out.push(e.textContent.slice(0, 500)));
            return out;
        }""")

    def assert_no_errors(self) -> None:
        errs = self.errors()
        assert not errs, f"{self.name} shows errors: {errs}"

    def screenshot(self, path: str | Path) -> None:
        self.page.screenshot(path=str(path), full_page=False)


class Lab:
    """A test's view of its worker's :class:`LabShell`: its own folder on the server, its notebooks open in the
    shared page one at a time, and its kernels."""

    def __init__(self, shell: LabShell):
        self.shell = shell
        self.server = shell.start_server()
        shell.tests += 1
        self.prefix = f"test{shell.tests:03d}"      # the test's folder on the server
        self.folder = self.server.dir / self.prefix
        self.folder.mkdir()
        self.notebooks: list[LabNotebook] = []
        self.session_ids: list[str] = []

    def open(self, name: str, nb=None) -> LabNotebook:
        """Copy ``notebooks/name`` (or the notebook ``nb`` under that name) into the test's folder, outputs
        cleared, and open it in the page (the document open before is closed first)."""
        import nbformat

        if nb is None:
            nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, self.folder / name)
        page = self.shell.open_page()
        self.shell.close_documents()
        path = f"{self.prefix}/{name}"
        self._start_kernel(path, name)
        # the command resolves to the notebook's widget: return nothing, or Playwright serialises its whole object graph
        page.evaluate("async (path) => { await window.jupyterapp.commands.execute('docmanager:open', "
                      "{path, factory: 'Notebook'}); }", path)
        opened = LabNotebook(page, name, self.folder / name)
        self.notebooks.append(opened)
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        # the page joins the kernel started above: wait until it shows that kernel's name and its kernel is
        # idle (the indicator says idle before the page holds a session, and a Run All clicked then would
        # make JupyterLab ask for a kernel); should JupyterLab still ask, answer
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
        kernel_name = page.locator(".jp-Toolbar-kernelName").first
        deadline, shown = time.time() + 90, ""
        while time.time() < deadline:
            opened._answer_kernel_dialog()
            shown = " ".join((kernel_name.text_content() or "").split()) if kernel_name.count() else ""
            if idle.count() and shown and shown != "No Kernel":
                break
            time.sleep(0.25)
        else:
            raise AssertionError(f"{name}: after 90 s the page shows kernel {shown!r}, "
                                 f"{'idle' if idle.count() else 'not idle'}; server log: {self.server.log}")
        return opened

    def _start_kernel(self, path: str, name: str) -> None:
        """Start notebook ``path``'s session and its Python 3 kernel through the server's REST API before the
        page opens it: the page then joins that session instead of choosing a kernel itself (on a busy machine
        JupyterLab sometimes asked which kernel to use, and a Run All clicked meanwhile was lost). The server
        answers once the kernel's process runs; the page waits for it to be idle."""
        session = self.server.api("POST", "sessions", {"path": path, "name": name, "type": "notebook",
                                                       "kernel": {"name": "python3"}})
        if not (session.get("kernel") or {}).get("id"):
            raise AssertionError(f"{name}: the server made a session without a kernel: {session}")
        self.session_ids.append(session["id"])

    def sessions(self) -> dict[str, str]:
        """This test's sessions on the server: ``{notebook name: kernel id}``."""
        return {s["path"][len(self.prefix) + 1:]: s["kernel"]["id"] for s in self.server.api("GET", "sessions")
                if s["path"].startswith(f"{self.prefix}/")}

    def open_course(self, stem: str) -> LabNotebook:
        """Course notebook ``stem``'s test edition (scripts/make_notebook.py: the committed notebook with its
        solutions running and the checks of its prose; what nbval runs), opened as :meth:`open` under the
        notebook's name. Its :meth:`LabNotebook.run_all` checks the run as nbval would, so a test marked
        ``runs_notebook(stem)`` takes the notebook's place in nbval (conftest.py)."""
        import copy

        from make_notebook import edition_for_tests

        edition = edition_for_tests(stem)
        nb = self.open(f"{stem}.ipynb", copy.deepcopy(edition))
        nb.reference = edition
        return nb

    @property
    def checked(self) -> set[str]:
        """The course notebooks whose run was checked as nbval would (their stems)."""
        return {Path(nb.name).stem for nb in self.notebooks if nb.checked}

    def open_scratch(self, name: str, *sources: str) -> LabNotebook:
        """A new notebook ``name`` of code cells ``sources`` (for widgets built on small data), opened as :meth:`open`."""
        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        return self.open(name, nb)

    def close(self, keep_page: bool) -> None:
        """Shut the test's kernels down, close its documents in the page and delete its folder. The kernels go
        first: a kernel still running while its widgets close in the page answers every one of them. The page is
        kept for the next test only if ``keep_page`` and it closed cleanly."""
        for session in self.session_ids:
            try:
                self.server.api("DELETE", f"sessions/{session}", timeout_s=30)
            except OSError as error:     # an HTTPError too: the session is gone already
                print(f"shutting session {session} down: {error}")
        if keep_page:
            try:
                self.shell.close_documents()
            except Exception as error:
                print(f"the page did not close its documents ({error}); the next test boots a new page")
                keep_page = False
        if not keep_page:
            self.shell.discard_page()
        self.session_ids = []
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def lab(lab_shell, request):
    """JupyterLab, in its worker's shared page (:class:`LabShell`). A test marked ``runs_notebook(stem)`` must
    have run and checked that notebook (:meth:`Lab.open_course`): ``make test`` leaves the notebook out of nbval
    for it."""
    failed_before = request.session.testsfailed
    lab = Lab(lab_shell)
    yield lab
    passed = request.session.testsfailed == failed_before
    lab.close(keep_page=passed)
    owed = {m.args[0] for m in request.node.iter_markers("runs_notebook")} - lab.checked
    if passed:
        assert not owed, (f"{request.node.nodeid} is marked runs_notebook{sorted(owed)} but did not check that "
                          f"notebook's run as nbval would (open it with lab.open_course and run_all)")
