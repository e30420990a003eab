"""Building the course's book for the tests (tests/course/test_book.py, tests/browser/test_book_browser.py).

The book is built the learner's way, ``make book``: its venv, ``.venv-book/``, is installed first (from
PyPI, the first time only); then the build itself runs with the network cut (``unshare -n``, a network
namespace with nothing in it) where this machine allows it, so a build that reached for the network
would fail here.

A small **synthetic notebook** stands in for the widgets' static fallbacks until every widget leaves one
in its committed output: a code cell whose output carries, beside the widget view and the still picture,
a ``text/html`` fallback made to the contract the book is built for::

    <div class="latent-static" data-widget="LatentSliders">
      <img class="latent-static-frame" alt="..." src="data:image/png;base64,...">
      <input type="range" class="latent-static-slider" ...>     (one or more)
      <script>/* self-contained: swaps the picture as a slider moves */</script>
    </div>
"""
from __future__ import annotations

import base64
import functools
import io
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from make_book import LAUNCH_CLASS, WIDGET_VIEW

from . import ROOT
BOOK = ROOT / "build" / "book"
BOOK_VENV = ROOT / ".venv-book"
SYNTHETIC = "99_synthetic_widgets"
#: sliders of the synthetic fallback, and frames along each
SLIDERS, FRAMES = 2, 5
#: what scripts/make_book.py printed for a book built by build_book(), beside its folder
BUILD_OUTPUT = "make_book.out"


def _env() -> dict:
    """The environment without the command line of a make that may be running these tests (tests/makecmd.py)."""
    return {k: v for k, v in os.environ.items()
            if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "PYTHON", "VENV", "CPU")}


@functools.cache
def offline() -> list[str]:
    """A command prefix that runs a command with no network (an empty network namespace), or [] where
    this machine does not allow it (not root, no unshare)."""
    if shutil.which("unshare") is None:
        return []
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return ["unshare", "-n"] if ok else []


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)


def book_venv() -> Path:
    """``.venv-book/``, installed by the Makefile's own rule if it is not up to date (needs PyPI once)."""
    out = _run(["make", "--no-print-directory", str(BOOK_VENV.relative_to(ROOT) / ".installed")], timeout=1200)
    if out.returncode != 0:
        raise AssertionError(f"installing {BOOK_VENV.name}/ failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return BOOK_VENV


def build_course_book() -> tuple[Path, subprocess.CompletedProcess]:
    """``make book`` (its venv first, then the build, offline where possible): build/book/."""
    book_venv()
    out = _run([*offline(), "make", "--no-print-directory", "book"], timeout=900)
    if out.returncode != 0:
        raise AssertionError(f"make book failed:\n{out.stdout[-3000:]}\n{out.stderr[-6000:]}")
    return BOOK, out


def build_book(notebooks: Path, out_dir: Path) -> Path:
    """The book of the notebooks in ``notebooks`` (scripts/make_book.py --notebooks), into ``out_dir``;
    what the build printed is left beside it, in ``BUILD_OUTPUT``."""
    python = book_venv() / "bin" / "python"
    out = _run([*offline(), str(python), "scripts/make_book.py", "--notebooks", str(notebooks), "--out", str(out_dir)],
               timeout=900)
    if out.returncode != 0:
        raise AssertionError(f"the book of {notebooks} did not build:\n{out.stdout[-3000:]}\n{out.stderr[-6000:]}")
    (Path(out_dir).parent / BUILD_OUTPUT).write_text(out.stdout)
    return out_dir


# ------------------------------------------------------------------------------ the synthetic notebook

def _png(shade: tuple[int, int, int], size: int = 24) -> str:
    """A small solid picture, base64 PNG."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), shade).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def frames() -> list[list[str]]:
    """Pictures along each slider of the synthetic fallback: every one different."""
    return [[_png((40 + 50 * i, 30 * s + 20, 200 - 40 * i)) for i in range(FRAMES)] for s in range(SLIDERS)]


def fallback_html(widget: str = "LatentSliders") -> str:
    """A static fallback to the contract: a picture, sliders, and a script that swaps the picture."""
    pictures = frames()
    middle = FRAMES // 2
    uris = "[" + ",".join("[" + ",".join(f'"data:image/png;base64,{p}"' for p in row) + "]" for row in pictures) + "]"
    sliders = "\n".join(
        f'  <input type="range" class="latent-static-slider" min="0" max="{FRAMES - 1}" step="1" value="{middle}" '
        f'aria-label="z{s}">' for s in range(SLIDERS))
    return f"""<div class="latent-static" data-widget="{widget}">
  <img class="latent-static-frame" alt="the decoded picture at the sliders' values" src="data:image/png;base64,{pictures[0][middle]}">
{sliders}
  <script>
  (function () {{
    var box = document.currentScript.parentElement, frames = {uris};
    var picture = box.querySelector(".latent-static-frame");
    box.querySelectorAll(".latent-static-slider").forEach(function (slider, i) {{
      slider.addEventListener("input", function () {{ picture.src = frames[i][Number(slider.value)]; }});
    }});
  }})();
  </script>
</div>"""


def write_synthetic_notebook(folder: Path) -> Path:
    """``99_synthetic_widgets.ipynb`` in ``folder``: a title, a latent widget's output with its static
    fallback, and a progress bar (a widget view with nothing but a text/plain name)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {}, "version_major": 2, "version_minor": 0}}
    title = nbformat.v4.new_markdown_cell(
        "# 99 · Synthetic widgets\n\nA page with a latent widget's static fallback and a progress bar. "
        "Back to [the start](00_start_here.ipynb).")
    title.metadata["tags"] = ["title"]
    widget = nbformat.v4.new_code_cell("lh.LatentSliders(decode, dims=2)", execution_count=1)
    widget.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "0123456789abcdef", "version_major": 2, "version_minor": 0},
        "image/png": frames()[0][FRAMES // 2],
        "text/html": fallback_html(),
        "text/plain": "LatentSliders(children=(...))"})]
    bar = nbformat.v4.new_code_cell("history = lh.fit(model, loss, data, epochs=10)", execution_count=2)
    bar.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "fedcba9876543210", "version_major": 2, "version_minor": 0},
        "text/plain": "training:   0%|          | 0/10 [00:00<?, ?it/s]"}),
        nbformat.v4.new_output("stream", name="stdout", text="trained for 10 epochs\n")]
    nb.cells = [title, widget, bar]
    path = Path(folder) / f"{SYNTHETIC}.ipynb"
    nbformat.write(nb, path)
    return path


# ------------------------------------------------------------------------------ reading pages

class PageParser(HTMLParser):
    """What a test needs from a page: loaded resources, links, ids, details and launch links."""

    def __init__(self):
        super().__init__()
        self.resources, self.links, self.ids, self.details, self.launch = [], [], set(), [], {}
        self.nav = []
        self._in_nav = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for key in ("src", "href", "data"):
            if tag in ("script", "link", "img", "iframe", "video", "audio", "source", "embed", "object") and attrs.get(key):
                if not (tag == "link" and attrs.get("rel") in ("canonical",)):
                    self.resources.append(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            for cls in (attrs.get("class") or "").split():
                if cls.startswith(LAUNCH_CLASS + "-"):
                    self.launch[cls.removeprefix(LAUNCH_CLASS + "-")] = attrs["href"]
            if self._in_nav:
                self.nav.append(attrs["href"])
        if tag == "details":
            self.details.append(attrs)
        if tag == "nav" and "bd-docs-nav" in (attrs.get("class") or ""):
            self._in_nav = 1
        elif tag == "nav" and self._in_nav:
            self._in_nav += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_nav:
            self._in_nav -= 1


def read_page(path: Path) -> PageParser:
    """The resources, links, ids, details and launch links of the HTML page at ``path``."""
    page = PageParser()
    page.feed(path.read_text(encoding="utf-8"))
    return page
