"""Slide decks (scripts/make_slides.py): slide markers in the sources, one self-contained HTML file per
notebook with nothing to fetch from the network. The browser check is tests/browser/test_slides_browser.py."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest

from support import ROOT
from support.makecmd import run_make

import make_slides  # noqa: E402
from make_notebook import course_cells  # noqa: E402
from notebook_source import SLIDE_TYPES, SourceError, read, read_cells, source_path  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


# --- the markers -----------------------------------------------------------------------------------

def test_slide_metadata_is_read_and_changes_nothing_else():
    text = ('# %% [markdown] slideshow={"slide_type": "slide"}\n# # Title\n\n# %%\nx = 1\n\n'
            '# %% slideshow={"slide_type": "fragment"}\nx\n\n# %% [markdown]\n# text\n')
    plain = re.sub(r' slideshow=\{[^}]*\}', "", text)
    cells = read_cells(text)
    assert [c.slide for c in cells] == ["slide", None, "fragment", None]
    assert [(c.role, c.source) for c in cells] == [(c.role, c.source) for c in read_cells(plain)]


@pytest.mark.parametrize("marker", ['# %% tags=["export"] slideshow={"slide_type": "slide"}',
                                    '# %% tags=["solution"] slideshow={"slide_type": "fragment"}',
                                    '# %% [raw] tags=["benchmark"] slideshow={"slide_type": "slide"}'])
def test_slide_words_only_on_markdown_and_plain_code_cells(marker):
    with pytest.raises(SourceError, match="slide_type"):
        read_cells(f"{marker}\nx = 1\n")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_marks_its_key_cells_as_slides(path):
    marks = [c for c in read(source_path(path.stem)) if c.slide]
    assert marks, f"{path.stem}: no cell is marked as a slide in its source"
    first = marks[0]
    assert first.slide == "slide" and first.role == "markdown" and first.source.startswith("# "), (
        f"{path.stem}: the deck starts with the notebook's title cell, marked as a slide")
    assert make_slides.expected_slides(path.stem) >= 4, f"{path.stem}: a deck of fewer than 4 slides"
    assert {c.slide for c in marks} <= set(SLIDE_TYPES)
    course_cells(path.stem)


# --- the deck ---------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external, self.sections, self.depth, self.scripts = [], 0, 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            url = attrs.get(key) or ""
            if tag in ("script", "link", "img", "iframe", "video", "audio", "source") and url \
                    and not url.startswith(("data:", "#")):
                self.external.append(f"<{tag} {key}={url}>")
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.depth += 1
            if self.depth == 2:  # nbconvert wraps each slide's sub-slides in a slide <section>
                self.sections += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self.depth -= 1


@pytest.fixture(scope="module")
def deck00(tmp_path_factory):
    return make_slides.build_deck("00_start_here", tmp_path_factory.mktemp("slides"))


def test_deck_is_one_file_that_loads_nothing(deck00):
    html = deck00.read_text()
    tags = _Tags()
    tags.feed(html)
    assert tags.external == [], f"the deck loads files: {tags.external}"
    assert not re.search(r"@import\s+(url\()?[\"']?https?:", html), "a stylesheet imports from the network"
    assert not re.search(r"url\([\"']?https?:", html), "a style loads from the network"
    for cdn in ("unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "fonts.googleapis.com"):
        assert cdn not in html, f"the deck mentions {cdn}"
    assert "Reveal.initialize(" in html and "sourceMappingURL" not in html
    assert "MathJax.Hub" not in html and "require(" not in html, "no MathJax or require.js to wait for"
    assert deck00.stat().st_size < 3 * 2**20


def test_deck_has_the_marked_slides_outputs_and_no_code(deck00):
    html = deck00.read_text()
    tags = _Tags()
    tags.feed(html)
    assert tags.sections == make_slides.expected_slides("00_start_here")
    assert "data:image/png;base64," in html, "figures are embedded"
    assert "device = lh.setup(seed=0)" not in html, "code cells show their outputs only"
    assert "application/vnd.jupyter.widget" not in html, "widgets show their still picture, not a widget view"
    assert "<summary>Answer</summary>" in html, "Think-first answers stay folded on the slides"
    assert "Open In Colab" not in html


def test_math_becomes_mathml_outside_code_and_plain_dollars_stay():
    md = "Euclid $\\lVert a - b \\rVert$, `x = $y$`, costs $5 and $6.\n\n$$ \\hat x = V^\\top z $$\n```\n$z$\n```"
    out = make_slides.math_to_mathml(md)
    assert out.count("<math") == 2 and 'display="block"' in out
    assert "`x = $y$`" in out and "costs $5 and $6." in out and "```\n$z$\n```" in out


def test_slide_outputs_keep_pictures_and_drop_warnings_progress_bars_and_widget_views():
    picture = nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "image/png": "iVBOR", "text/plain": "LivePlot"})
    bar = nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "y"}, "text/plain": "  0%|  | 0/6"})
    warning = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: ...")
    printed = nbformat.v4.new_output("stream", name="stdout", text="k = 2\n")
    kept = make_slides._slide_outputs([picture, bar, warning, printed])
    assert [o.output_type for o in kept] == ["display_data", "stream"]
    assert set(kept[0]["data"]) == {"image/png", "text/plain"} and "model_id" not in str(kept)
    assert "application/vnd.jupyter.widget-view+json" in picture["data"], "the input is not changed"


def test_links_between_notebooks_point_at_the_decks():
    assert make_slides._NOTEBOOK_LINK.sub(r"](\1.slides.html\2)", "[next](01_compression.ipynb)") == \
        "[next](01_compression.slides.html)"


def test_vendored_reveal_js_is_the_recorded_release():
    readme = (ROOT / "scripts" / "slides" / "README.md").read_text()
    for name in ("reveal.js", "reveal.css", "LICENSE"):
        digest = hashlib.sha256((make_slides.REVEAL / name).read_bytes()).hexdigest()
        assert f"| {make_slides.REVEAL.name}/{name} | `{digest}` |" in readme, f"{name} differs from the recorded copy"


def test_make_slides_writes_decks_and_an_index_into_the_ignored_build_folder():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_slides.py"), "00_start_here"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "build/slides/00_start_here.slides.html" in out.stdout and "build/slides/index.html" in out.stdout
    index = (ROOT / "build" / "slides" / "index.html").read_text()
    assert 'href="00_start_here.slides.html"' in index
    ignored = subprocess.run(["git", "check-ignore", "-q", "build/slides/index.html"], cwd=ROOT)
    assert ignored.returncode == 0, "build/ must stay out of git"


def test_make_slides_target_runs_the_script():
    import shutil

    if not shutil.which("make"):
        pytest.skip("no make on this machine")
    out = run_make("-n", "slides")
    assert ".venv/bin/python scripts/make_slides.py " in out.stdout.splitlines(), out.stdout
    assert "make slides" in run_make("help").stdout
