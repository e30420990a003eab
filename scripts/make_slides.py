"""Turn the course notebooks into reveal.js slide decks that open with the network unplugged.

    python scripts/make_slides.py                   # every notebook: build/slides/NN_name.slides.html
    python scripts/make_slides.py 00_start_here     # one (or several); build/slides/index.html lists all built
    make slides                                     # the same as the first line (make slides NB=00_start_here: one)

A deck is made of the cells the notebook's source marks with a slide word
(``# %% [markdown] slideshow={"slide_type": "slide"}``, or "subslide", "fragment": see
scripts/notebook_source.py), taken from the committed, executed notebook, so figures and printed numbers are the ones learners see. On a slide:

- markdown as written, math converted to MathML at build time (no MathJax), links to other
  notebooks pointing at their decks; "Think first" answers stay folded until clicked;
- code cells show their **output only** (figures, tables); the code is for the live notebook.
  Sliders show their still first frame; progress bars and warnings are left out.

Every deck is one self-contained HTML file: reveal.js (a pinned copy in scripts/slides/, see its
README), JupyterLab's notebook CSS and the course's slide CSS are inlined, pictures are embedded. It
opens from a USB stick, with no server and no network. Keys: arrows or space to move, F for full
screen, Esc for the overview.
"""
from __future__ import annotations

import copy
import html
import re
import sys
from pathlib import Path

import nbformat

from make_notebook import ROOT, SOURCES, aligned, without_badge
from notebook_source import read, source_path

NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "build" / "slides"
ASSETS = Path(__file__).resolve().parent / "slides"
REVEAL = ASSETS / "reveal.js-5.2.1"
TEMPLATE = ASSETS / "deck.html.j2"
SLIDE_STARTS = ("slide", "subslide")

_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\w$])")
_NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[A-Za-z0-9_]+)\.ipynb(#[^)]*)?\)")


def expected_slides(stem: str) -> int:
    """How many slides the deck of ``stem`` has (reveal.js counts slides and sub-slides)."""
    marked = [c.slide for c in read(source_path(stem)) if c.slide]
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


def deck_notebook(stem: str) -> nbformat.NotebookNode:
    """The notebook a deck is made from: the committed notebook's marked cells, ready for slides."""
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
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
            cell.source = _NOTEBOOK_LINK.sub(r"](\1.slides.html\2)", math_to_mathml(cell.source))
        else:
            cell.outputs = _slide_outputs(cell.outputs)
            cell.execution_count = None
            cell.metadata["transient"] = {"remove_source": True}
        cells.append(cell)
    if not cells:
        raise ValueError(f"notebooks/src/{stem}.py marks no cell as a slide (slideshow={{\"slide_type\": \"slide\"}})")
    deck = nbformat.v4.new_notebook(cells=cells)
    deck.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    return deck


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


def build_deck(stem: str, out_dir: Path = OUT_DIR) -> Path:
    """Write ``out_dir/<stem>.slides.html`` and return its path."""
    from nbconvert import SlidesExporter

    deck = deck_notebook(stem)
    reveal_js = (REVEAL / "reveal.js").read_text()
    reveal_js = re.sub(r"^//# sourceMappingURL=.*$", "", reveal_js, flags=re.M)  # no .map to look for
    title = title_of(stem)
    exporter = SlidesExporter(template_file=str(TEMPLATE), exclude_input_prompt=True, exclude_output_prompt=True,
                              exclude_anchor_links=True,
                              extra_template_basedirs=[str(ASSETS)])
    resources = {"latent_slides": {
        "title": title, "footer": f"Latent Space · {title}",
        "reveal_js": reveal_js, "reveal_css": (REVEAL / "reveal.css").read_text(),
        "course_css": (ASSETS / "course.css").read_text()}}
    body, _ = exporter.from_notebook_node(deck, resources=resources)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{stem}.slides.html"
    out.write_text(body)
    return out


def write_index(out_dir: Path = OUT_DIR) -> Path:
    """``out_dir/index.html``: a plain page linking every deck in ``out_dir``."""
    stems = sorted(p.name.removesuffix(".slides.html") for p in out_dir.glob("[0-9][0-9]_*.slides.html"))
    items = "\n".join(f'<li><a href="{s}.slides.html">{html.escape(title_of(s))}</a></li>' for s in stems)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Latent Space: slides</title>'
            f'<style>body{{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;line-height:1.6}}</style>'
            f'</head><body><h1>Latent Space: slides</h1>\n<p>One deck per notebook; they work offline. Keys: '
            f'arrows or space to move, F for full screen, Esc for the overview.</p>\n<ul>\n{items}\n</ul>\n'
            f'</body></html>\n')
    out = out_dir / "index.html"
    out.write_text(page)
    return out


def notebook_stems(names: list[str] | None = None) -> list[str]:
    """The course notebooks (committed ones), or the named ones, as 'NN_name'."""
    if names:
        stems = [Path(n).stem.removesuffix(".slides") for n in names]
        missing = [s for s in stems if not (NOTEBOOKS / f"{s}.ipynb").is_file()]
        if missing:
            raise SystemExit(f"no such notebook: {', '.join(missing)}")
        return stems
    return [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]


def main(argv: list[str]) -> int:
    stems, failed, built = notebook_stems(argv), [], []
    for stem in stems:
        try:
            out = build_deck(stem)
        except ValueError as exc:
            print(f"skipped {stem}: {exc}", file=sys.stderr)
            failed.append(stem)
            continue
        built.append(stem)
        print(f"wrote {out.relative_to(ROOT)} ({expected_slides(stem)} slides, {out.stat().st_size / 2**20:.1f} MB)")
    if built:
        print("wrote", write_index().relative_to(ROOT))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
