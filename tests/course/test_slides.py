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
import slide_figures  # noqa: E402
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


def test_deck_cells_and_deck_words_are_read_and_build_no_notebook_cell():
    text = ('# %% [markdown]\n# # Title\n\n# %% [raw] tags=["deck"]\n# # Title\n# - one idea\n\n'
            '# %% deck="figure"\nx = 1\n\n# %% [markdown]\n# prose\n')
    plain = ('# %% [markdown]\n# # Title\n\n# %%\nx = 1\n\n# %% [markdown]\n# prose\n')
    cells = read_cells(text)
    assert [(c.role, c.deck) for c in cells] == [("markdown", None), ("deck", None), ("code", "figure"),
                                                 ("markdown", None)]
    with_deck, without = course_cells("00_start_here", cells), course_cells("00_start_here", read_cells(plain))
    assert [(c.cell_type, c.source, c.metadata) for c in with_deck] == \
        [(c.cell_type, c.source, c.metadata) for c in without], "deck cells and words must not reach the notebook"
    assert make_slides.notebook_positions(cells) == [0, None, 2, 3], "the Colab cell is the notebook's cell 1"


@pytest.mark.parametrize("marker", ['# %% [markdown] deck="figure"', '# %% tags=["export"] deck="figure"',
                                    '# %% deck="picture"', '# %% [raw] tags=["deck"] deck="figure"'])
def test_deck_words_only_on_plain_code_cells(marker):
    with pytest.raises(SourceError, match="deck="):
        read_cells(f"{marker}\nx = 1\n")


def test_an_answer_paragraph_is_split_off():
    assert make_slides.split_answer("## Q\n- a bullet\n\nAnswer: yes, because.\n") == \
        ("## Q\n- a bullet", "**Answer:** yes, because.")
    assert make_slides.split_answer("## Title\n- Answers: none") == ("## Title\n- Answers: none", None)


_THINK = re.compile(r"\*\*Think first\.\*\*")
_EXERCISE = re.compile(r"\*\*Exercise (\d+)\b")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s", re.M)
LECTURE = [p for p in NOTEBOOKS if make_slides.has_deck(p.stem)]


@pytest.mark.parametrize("path", LECTURE, ids=[p.stem for p in LECTURE])
def test_lecture_deck_has_a_title_one_idea_per_slide_think_first_and_exercise_slides(path):
    cells = read(source_path(path.stem))
    decks = [c for c in cells if c.role == "deck"]
    assert decks[0].source.startswith("# "), f"{path.stem}: the deck opens with a title slide ('# ...')"
    slides = make_slides.lecture_slides(path.stem)
    for cell, slide in zip(decks, slides):
        where = f"notebooks/src/{path.stem}.py:{cell.line}"
        assert re.match(r"#{1,2} \S", slide.text), f"{where}: a slide starts with its title ('## ...')"
        assert len(_BULLET.findall(slide.text)) <= 3, f"{where}: more than three bullets"
        if "Think first" in slide.text.splitlines()[0]:
            assert slide.answer, f"{where}: a Think-first slide ends with an 'Answer: ...' paragraph"
    prose = "\n".join(c.source for c in cells if c.role == "markdown")
    titles = [s.text.splitlines()[0] for s in slides]
    asked = len(_THINK.findall(prose))
    think = [t for t in titles if "Think first" in t]
    assert len(think) >= asked, f"{path.stem}: {asked} Think-first questions in the prose, {len(think)} slides"
    for number in sorted(set(_EXERCISE.findall(prose)), key=int):
        assert any(re.search(rf"\bExercise {number}\b", t) for t in titles), \
            f"{path.stem}: exercise {number} has no slide that states its task ('## Exercise {number} · ...')"
    notes = " ".join(" ".join(s.notes) for s in slides)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not {"title", "solution"} & set(cell.metadata.get("tags", [])):
            assert cell.source in notes, f"{path.stem}: prose missing from the speaker notes: {cell.source[:60]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_notebook_marks_its_key_cells_as_slides(path):
    if make_slides.has_deck(path.stem):
        pytest.skip("a lecture deck: its deck cells choose the slides (the test above)")
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
    # the committed figures (--stored): the figures redrawn for slides are the browser test's
    return make_slides.build_deck("00_start_here", tmp_path_factory.mktemp("slides"), stored=True)


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
    assert "Open In Colab" not in html
    assert html.count('<aside class="notes">') >= 8, "the notebook's prose is in the speaker notes"
    assert "Nobody told PCA the labels" in html, "the prose of the notebook is in the notes"
    assert html.count('class="fragment"') == sum(1 for s in make_slides.lecture_slides("00_start_here") if s.answer)
    marked = len(re.findall(r'^# %%.*\bdeck="figure"', source_path("00_start_here").read_text(), re.M))
    assert marked >= 1 and len(re.findall(r"class=\"[^\"]*celltag_deck-figure", html)) == marked
    assert "plugins: [RevealNotes]" in html


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


def test_a_figure_fitted_for_a_slide_fills_the_box_with_text_as_tall_as_the_body_text(monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.2), dpi=80)
    a.plot([0, 1000], [0, 1]); a.set_title("a title", fontsize=8); b.imshow([[0, 1], [1, 0]]); b.axis("off")
    fig.text(0.5, 0.01, "a small note", fontsize=6)
    dpi = slide_figures.fit(fig)
    assert dpi == slide_figures.fit(fig), "fitting twice changes nothing more"
    width, height = fig.get_size_inches() * dpi
    assert width <= slide_figures.BOX_WIDTH and height <= slide_figures.BOX_HEIGHT
    assert max(width / slide_figures.BOX_WIDTH, height / slide_figures.BOX_HEIGHT) > 0.85, "the figure fills its box"
    smallest = slide_figures.smallest_text_px(fig, dpi)
    assert smallest >= slide_figures.TEXT_PX - 0.01
    import io

    from matplotlib.backend_bases import FigureCanvasBase

    from latent_helpers.widgets import live
    monkeypatch.setattr(FigureCanvasBase, "print_figure", FigureCanvasBase.print_figure)  # undone after the test
    monkeypatch.setattr(live, "encode_png", live.encode_png)
    buf = io.BytesIO()
    slide_figures.install()
    fig.savefig(buf, format="png")
    recorded = float(slide_figures.smallest_text_of(buf.getvalue()))
    assert recorded == pytest.approx(smallest, abs=0.01)
    plt.close(fig)
    empty = plt.figure(figsize=(2, 2))
    buf = io.BytesIO()
    empty.savefig(buf, format="png")
    assert slide_figures.smallest_text_of(buf.getvalue()) == "none"
    plt.close(empty)


def test_links_between_notebooks_point_at_the_decks():
    assert make_slides._NOTEBOOK_LINK.sub(r"](\1.slides.html\2)", "[next](01_compression.ipynb)") == \
        "[next](01_compression.slides.html)"


def test_vendored_reveal_js_is_the_recorded_release():
    readme = (ROOT / "scripts" / "slides" / "README.md").read_text()
    for name in ("reveal.js", "reveal.css", "LICENSE", "plugin/notes/notes.js",
                 "plugin/notes/LICENSE-marked.md"):
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
