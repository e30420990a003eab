"""Turn the course notebooks into reveal.js slide decks a lecturer can project, offline.

    python scripts/make_slides.py                   # every notebook: build/slides/NN_name.slides.html + .pdf
    python scripts/make_slides.py 00_start_here     # one (or several); build/slides/index.html lists all built
    python scripts/make_slides.py --stored 00       # quick: the committed figures, not redrawn for slides
    make slides                                     # the same as the first line (make slides NB=00_start_here: one)

**A lecture deck** is written in the notebook's source, in deck cells that no other edition shows:

    # %% [raw] tags=["deck"]
    # ## Think first: will one kind of digit land together?
    # - PCA never sees the labels
    #
    # Answer: roughly together; 4, 7 and 9 share a region.

Each deck cell is one slide: a title and at most three short bullets (markdown; placeholders such as
``{{kept:.0%}}`` take the figure the notebook's prose was filled with). A paragraph that starts with
"Answer:" appears on the next click. The notebook's prose from the deck cell down to the next one becomes
the slide's speaker notes (press S), so nothing of the notebook is lost. A code cell marked
``# %% deck="figure"`` puts its pictures on the slide of the deck cell above it, filling the slide's
figure box; ``deck="output"`` puts all its outputs there (a printed table).

The deck's figures are drawn for the slide: the notebook runs once more in a fresh kernel (cached in
build/slides/.runs/ until the notebook or scripts/slide_figures.py changes) with every figure given the
resolution that fills the box and text at least as tall as the slide's body text (scripts/slide_figures.py).

**A notebook without deck cells** gets the builder's default deck: the cells its source marks with a
slide word (``# %% [markdown] slideshow={"slide_type": "slide"}``, or "subslide", "fragment"), as the
committed notebook shows them (code cells show their output only).

On every deck math is MathML (no MathJax), links to other notebooks point at their decks, widgets show
their still first frame, progress bars and warnings are left out. Every deck is one self-contained HTML
file (reveal.js and its notes plugin, from scripts/slides/, JupyterLab's notebook CSS and the course's
slide CSS inlined, pictures embedded): it opens from a USB stick, with no server and no network. Keys:
arrows or space to move, F full screen, Esc overview, S speaker notes. Beside it, ``NN_name.slides.pdf``
is the handout: Chromium's print of reveal.js's print view, one page a slide (needs /usr/bin/chromium).
"""
from __future__ import annotations

import copy
import hashlib
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import slide_figures
from make_notebook import ROOT, SOURCES, aligned, filled_values, without_badge
from notebook_source import Cell, read, render, source_path

NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "build" / "slides"
RUNS = OUT_DIR / ".runs"
SCRIPTS = Path(__file__).resolve().parent
ASSETS = SCRIPTS / "slides"
REVEAL = ASSETS / "reveal.js-5.2.1"
NOTES_PLUGIN = REVEAL / "plugin" / "notes" / "notes.js"
TEMPLATE = ASSETS / "deck.html.j2"
SLIDE_STARTS = ("slide", "subslide")
#: The size of a slide, in CSS pixels (reveal.js scales it to the screen).
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
#: Source roles that build no cell of the course notebook (make_notebook.course_cells leaves them out).
_NOT_IN_NOTEBOOK = ("benchmark", "claims", "deck")

_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\w$])")
_NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[A-Za-z0-9_]+)\.ipynb(#[^)]*)?\)")
_ANSWER = re.compile(r"^Answer:\s*", re.M)


@dataclass
class Slide:
    """One slide of a lecture deck: its text (from the deck cell), the answer that appears on the next
    click, its speaker notes (the notebook's prose down to the next deck cell) and the committed cells
    whose outputs it shows, as ``(index in the notebook, "figure" or "output")``."""

    text: str
    answer: str | None
    line: int
    notes: list[str] = field(default_factory=list)
    outputs: list[tuple[int, str]] = field(default_factory=list)


def has_deck(stem: str) -> bool:
    """Does the source of ``stem`` write its own lecture deck (deck cells)?"""
    return any(c.role == "deck" for c in read(source_path(stem)))


def expected_slides(stem: str) -> int:
    """How many slides the deck of ``stem`` has (reveal.js counts slides and sub-slides)."""
    cells = read(source_path(stem))
    decks = [c for c in cells if c.role == "deck"]
    if decks:
        return len(decks)
    marked = [c.slide for c in cells if c.slide]
    return sum(1 for s in marked if s in SLIDE_STARTS) + (1 if marked and marked[0] not in SLIDE_STARTS else 0)


def math_to_mathml(text: str) -> str:
    """``$...$`` and ``$$...$$`` in markdown (outside code) as MathML, which browsers draw themselves."""
    from latex2mathml.converter import convert

    def inline(m: re.Match) -> str:
        return _convert(convert, m.group(1), "inline", m.group(0))

    def display(m: re.Match) -> str:
        return _convert(convert, m.group(1), "block", m.group(0))

    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code spans and fences
        parts[i] = _INLINE_MATH.sub(inline, _DISPLAY_MATH.sub(display, parts[i]))
    return "".join(parts)


def _convert(convert, tex: str, display: str, original: str) -> str:
    try:
        return convert(tex.strip(), display=display)
    except Exception as exc:  # keep the TeX readable rather than lose the slide
        print(f"  warning: could not convert math {original!r} ({exc}); kept as text", file=sys.stderr)
        return html.escape(original)


def _for_slide(markdown: str) -> str:
    """Markdown as a slide shows it: math as MathML, links to notebooks pointing at their decks."""
    return _NOTEBOOK_LINK.sub(r"](\1.slides.html\2)", math_to_mathml(markdown))


def _slide_outputs(outputs: list) -> list:
    """Outputs as a slide shows them: pictures and text; no warnings, progress bars or widget views."""
    kept = []
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            continue
        if out.get("output_type") in ("display_data", "execute_result"):
            data = out.get("data", {})
            widget = any(k.startswith("application/vnd.jupyter.widget") for k in data)
            data = {k: v for k, v in data.items() if not k.startswith("application/vnd.jupyter.widget")}
            if widget and set(data) <= {"text/plain"}:
                continue  # a widget with no picture (a progress bar): nothing to show without a kernel
            out = copy.deepcopy(out)
            out["data"] = data
        kept.append(out)
    return kept


def _pictures(outputs: list) -> list:
    """Only the pictures of some outputs (a figure cell's printed lines stay in the notebook)."""
    return [o for o in outputs if o.get("output_type") in ("display_data", "execute_result")
            and "image/png" in o.get("data", {})]


# ---------------------------------------------------------------- the lecture deck (deck cells)
def notebook_positions(cells: list[Cell]) -> list[int | None]:
    """For each source cell, the index of the cell it builds in the course notebook (None: it builds
    none). The title cell is 0; the Colab set-up cell that make_notebook puts after it is 1."""
    out, position = [], 0
    for cell in cells:
        if cell.role in _NOT_IN_NOTEBOOK:
            out.append(None)
            continue
        out.append(position)
        position += 2 if position == 0 else 1
    return out


def split_answer(text: str) -> tuple[str, str | None]:
    """A deck cell's text before its "Answer:" paragraph, and that paragraph on (None if it has none)."""
    m = _ANSWER.search(text)
    if not m:
        return text.strip(), None
    return text[:m.start()].strip(), "**Answer:** " + text[m.end():].strip()


def lecture_slides(stem: str, nb: nbformat.NotebookNode | None = None) -> list[Slide]:
    """The slides the deck cells of ``stem``'s source write, with their notes and outputs taken from
    the committed notebook ``nb``. Prose above the first deck cell goes into the first slide's notes."""
    nb = nb if nb is not None else nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    aligned(stem, nb)   # raises StaleNotebook (a ValueError) if nb is not what the source builds
    cells = read(source_path(stem))
    positions = notebook_positions(cells)
    every_figure: dict[str, str] = {}
    for cell in nb.cells:
        every_figure.update(filled_values(cell))
    slides: list[Slide] = []
    early_notes: list[str] = []
    figures_so_far: dict[str, str] = {}
    for cell, position in zip(cells, positions):
        committed = nb.cells[position] if position is not None else None
        if committed is not None:
            figures_so_far.update(filled_values(committed))
        if cell.role == "deck":
            try:
                text = render(cell.source, {**every_figure, **figures_so_far})
            except KeyError as e:
                raise ValueError(f"notebooks/src/{stem}.py:{cell.line}: a deck cell quotes {e.args[0]}; quote only "
                                 f"placeholders the notebook's prose fills") from None
            slides.append(Slide(*split_answer(text), line=cell.line))
            if len(slides) == 1:
                slides[0].notes.extend(early_notes)
        elif cell.role == "markdown":
            prose = committed.source
            if "title" in committed.metadata.get("tags", []):
                prose = without_badge(prose, stem)
            (slides[-1].notes if slides else early_notes).append(prose)
        elif cell.deck:
            if not slides:
                raise ValueError(f"notebooks/src/{stem}.py:{cell.line}: deck={cell.deck!r} above the first deck "
                                 f"cell: its outputs have no slide to go on")
            slides[-1].outputs.append((position, cell.deck))
    return slides


def _slide_cells(slide: Slide, outputs_of) -> list:
    head = nbformat.v4.new_markdown_cell(_for_slide(slide.text))
    head.metadata = {"slideshow": {"slide_type": "slide"}}
    cells = [head]
    if slide.notes:
        notes = nbformat.v4.new_markdown_cell(_for_slide("\n\n".join(slide.notes)))
        notes.metadata = {"slideshow": {"slide_type": "notes"}}
        cells.append(notes)
    for index, word in slide.outputs:
        outputs = _slide_outputs(outputs_of(index))
        code = nbformat.v4.new_code_cell("")
        code.outputs = _pictures(outputs) if word == "figure" else outputs
        code.metadata = {"slideshow": {"slide_type": "-"}, "tags": [f"deck-{word}"],
                         "transient": {"remove_source": True}}
        cells.append(code)
    if slide.answer:
        answer = nbformat.v4.new_markdown_cell(_for_slide(slide.answer))
        answer.metadata = {"slideshow": {"slide_type": "fragment"}, "tags": ["deck-answer"]}
        cells.append(answer)
    return cells


def _run_key(nb: nbformat.NotebookNode, last: int) -> str:
    digest = hashlib.sha256()
    for cell in nb.cells[:last + 1]:
        digest.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    digest.update((SCRIPTS / "slide_figures.py").read_bytes())
    return digest.hexdigest()[:16]


def slide_run(stem: str, nb: nbformat.NotebookNode, last: int) -> nbformat.NotebookNode:
    """The committed notebook's cells 0..``last`` run in a fresh kernel with figures drawn for slides
    (scripts/slide_figures.py); the hook cell that sets that up is left out of the result. Cached in
    build/slides/.runs/ under the code it ran."""
    from nbtools import run_notebook

    path = RUNS / f"{stem}-{_run_key(nb, last)}.ipynb"
    if path.is_file():
        return nbformat.read(path, as_version=4)
    run = copy.deepcopy(nb)
    hook = nbformat.v4.new_code_cell(f"import sys as _latent_sys\n_latent_sys.path.insert(0, {str(SCRIPTS)!r})\n"
                                     f"__import__('slide_figures').install()\ndel _latent_sys")
    run.cells = [hook, *run.cells[:last + 1]]
    print(f"  running {stem} to draw its figures for the slides...", flush=True)
    result = run_notebook(run, cwd=NOTEBOOKS, timeout=1800)   # per cell: a shared, busy machine is slow
    out = result["nb"]
    out.cells = out.cells[1:]
    RUNS.mkdir(parents=True, exist_ok=True)
    for old in RUNS.glob(f"{stem}-*.ipynb"):
        old.unlink()
    nbformat.write(out, path)
    return out


def lecture_deck(stem: str, stored: bool = False) -> nbformat.NotebookNode:
    """The notebook a lecture deck is rendered from: per slide its text, its notes, its outputs (redrawn
    for the slide unless ``stored``: then the committed ones) and its answer."""
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    slides = lecture_slides(stem, nb)
    wanted = [i for s in slides for i, _ in s.outputs]
    source = nb
    if wanted and not stored:
        source = slide_run(stem, nb, max(wanted))
    cells = [c for s in slides for c in _slide_cells(s, lambda i: source.cells[i].get("outputs", []))]
    return nbformat.v4.new_notebook(cells=cells)


# ---------------------------------------------------------------- the builder's default (slide words)
def deck_notebook(stem: str, stored: bool = False) -> nbformat.NotebookNode:
    """The notebook a deck is made from: the lecture deck when the source has deck cells, else the
    committed notebook's cells that the source marks with a slide word."""
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    if has_deck(stem):
        deck = lecture_deck(stem, stored)
    else:
        deck = nbformat.v4.new_notebook(cells=_marked_cells(stem, nb))
    deck.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    return deck


def _marked_cells(stem: str, nb: nbformat.NotebookNode) -> list:
    cells = []
    for cell, built in aligned(stem, nb):   # raises StaleNotebook (a ValueError) if nb is not the source's
        slide = built.metadata.get("slideshow", {}).get("slide_type")
        if not slide:
            continue
        cell = copy.deepcopy(cell)
        cell.metadata = {"slideshow": {"slide_type": slide}}
        if cell.cell_type == "markdown":
            if "title" in built.metadata.get("tags", []):
                cell.source = without_badge(cell.source, stem)   # a deck loads nothing from the network
            cell.source = _for_slide(cell.source)
        else:
            cell.outputs = _slide_outputs(cell.outputs)
            cell.execution_count = None
            cell.metadata["transient"] = {"remove_source": True}
        cells.append(cell)
    if not cells:
        raise ValueError(f"notebooks/src/{stem}.py has no deck cell (# %% [raw] tags=[\"deck\"]) and marks no "
                         f"cell as a slide (slideshow={{\"slide_type\": \"slide\"}})")
    return cells


def title_of(stem: str) -> str:
    """The notebook's title: its first markdown heading, without the '#'."""
    if not (SOURCES / f"{stem}.py").is_file():
        return stem
    for cell in read(source_path(stem)):
        if cell.role == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return stem


def _inline_script(path: Path) -> str:
    text = re.sub(r"^//# sourceMappingURL=.*$", "", path.read_text(), flags=re.M)  # no .map to look for
    if "</script" in text.lower():
        raise ValueError(f"{path.name} contains '</script', which would end its inline <script> early")
    return text


def build_deck(stem: str, out_dir: Path = OUT_DIR, stored: bool = False) -> Path:
    """Write ``out_dir/<stem>.slides.html`` and return its path."""
    from nbconvert import SlidesExporter

    deck = deck_notebook(stem, stored)
    title = title_of(stem)
    exporter = SlidesExporter(template_file=str(TEMPLATE), exclude_input_prompt=True, exclude_output_prompt=True,
                              exclude_anchor_links=True,
                              extra_template_basedirs=[str(ASSETS)])
    resources = {"latent_slides": {
        "title": title, "footer": f"Latent Space · {title}", "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT,
        "reveal_js": _inline_script(REVEAL / "reveal.js"), "notes_js": _inline_script(NOTES_PLUGIN),
        "reveal_css": (REVEAL / "reveal.css").read_text(),
        "course_css": (ASSETS / "course.css").read_text()}}
    body, _ = exporter.from_notebook_node(deck, resources=resources)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{stem}.slides.html"
    out.write_text(body)
    return out


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def write_pdf(deck: Path, browser=None) -> Path:
    """The handout beside ``deck``: Chromium's print of reveal.js's print view (``?print-pdf``), one
    page a slide, answers shown. ``browser``: a Playwright Chromium already running (else one is started)."""
    out = deck.with_suffix(".pdf")
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                return write_pdf(deck, launched)
            finally:
                launched.close()
    context = browser.new_context(offline=True, viewport={"width": SLIDE_WIDTH, "height": SLIDE_HEIGHT})
    try:
        page = context.new_page()
        page.goto(deck.as_uri() + "?print-pdf")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.pdf-page').length > 0", timeout=60_000)
        page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    return out


def write_index(out_dir: Path = OUT_DIR) -> Path:
    """``out_dir/index.html``: a plain page linking every deck in ``out_dir`` (and its PDF handout)."""
    stems = sorted(p.name.removesuffix(".slides.html") for p in out_dir.glob("[0-9][0-9]_*.slides.html"))
    items = "\n".join(f'<li><a href="{s}.slides.html">{html.escape(title_of(s))}</a>'
                      + (f' (<a href="{s}.slides.pdf">PDF</a>)' if (out_dir / f"{s}.slides.pdf").is_file() else "")
                      + "</li>" for s in stems)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Latent Space: slides</title>'
            f'<style>body{{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;line-height:1.6}}</style>'
            f'</head><body><h1>Latent Space: slides</h1>\n<p>One deck per notebook; they work offline. Keys: '
            f'arrows or space to move, F for full screen, Esc for the overview, S for the speaker notes.</p>\n'
            f'<ul>\n{items}\n</ul>\n</body></html>\n')
    out = out_dir / "index.html"
    out.write_text(page)
    return out


def notebook_stems(names: list[str] | None = None) -> list[str]:
    """The course notebooks (committed ones), or the named ones, as 'NN_name' (a number is enough)."""
    if names:
        stems = []
        for name in names:
            stem = Path(name).stem.removesuffix(".slides")
            match = [p.stem for p in NOTEBOOKS.glob(f"{stem}*.ipynb") if p.stem == stem or p.stem.startswith(f"{stem}_")]
            if len(match) != 1:
                raise SystemExit(f"no such notebook: {name}")
            stems.append(match[0])
        return stems
    return [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]


def main(argv: list[str]) -> int:
    stored = "--stored" in argv
    stems, failed, built = notebook_stems([a for a in argv if a != "--stored"]), [], []
    for stem in stems:
        try:
            out = build_deck(stem, stored=stored)
        except Exception as exc:  # a stale notebook, or a cell of the slide run that failed: build the others
            print(f"skipped {stem}: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
            failed.append(stem)
            continue
        built.append(out)
        kind = "lecture deck" if has_deck(stem) else "default deck (no deck cells yet)"
        print(f"wrote {out.relative_to(ROOT)} ({expected_slides(stem)} slides, {kind}, "
              f"{out.stat().st_size / 2**20:.1f} MB)")
    if built:
        if Path(CHROMIUM).exists():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                try:
                    for out in built:
                        pdf = write_pdf(out, browser)
                        print(f"wrote {pdf.relative_to(ROOT)} ({pdf_pages(pdf)} pages)")
                finally:
                    browser.close()
        else:
            print(f"no PDF handouts: Chromium is not at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        print("wrote", write_index().relative_to(ROOT))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
