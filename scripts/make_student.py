"""Write the student edition of the course notebooks: no solutions, no "Think first" answers.

    python scripts/make_student.py                  # every notebook: build/student/NN_name.ipynb
    python scripts/make_student.py 00_start_here    # one (or several)
    make student                                    # the same as the first line

The course has three editions, all built from the same source (``notebooks/src/NN_name.py``):

- **course** (``notebooks/``, committed, what self-learners and GitHub see): each exercise's
  solution is a folded ``<details>`` block under its check, and so is each "Think first" answer;
- **instructor** (``make instructor``, ``build/instructor/``): the course notebook with the solutions
  as code cells that run and assert their checks;
- **student** (this script, ``build/student/``): the course notebook, outputs and all, without
  the folded solution cells and without the answers to "Think first" questions (the questions
  stay). Exercise cells keep their stubs (``answer = None``, a function returning ``None``), so run
  top to bottom every check says "Not yet" and nothing crashes. A note at the top says what is
  left out; the "Open in Colab" badge under the title is left out too (it opens the course edition).

Every other cell, code and outputs included, is the course notebook's, unchanged: the student
notebook runs exactly the code the course notebook runs (tests/course/test_student.py checks both).
"""
from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import nbformat

from make_notebook import without_badge

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "build" / "student"
#: A "Think first" answer: ``<details><summary>Answer</summary> ... </details>``, folded in the course edition.
ANSWER = re.compile(r"\n*<details>\s*<summary>\s*Answer\s*</summary>.*?</details>[ \t]*", re.S | re.I)
DROPPED_TAGS = {"solution"}
NOTE = ("**Student edition.** The worked solutions of the exercises and the answers to the \"Think first\" "
        "questions are not in this copy: make your guess, write your answer, and let the checks tell you "
        "when it is right. (Where the text mentions a folded solution, it means the course edition, which "
        "your lecturer has.)")


def student_cells(cells: list, stem: str) -> list:
    """The course notebook's cells as the student edition has them (a new list; the input is not changed)."""
    note = nbformat.v4.new_markdown_cell(NOTE)
    note.metadata["tags"] = ["student-note"]
    out = [note]
    for cell in cells:
        if DROPPED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "markdown":
            cell.source = ANSWER.sub("", cell.source).rstrip()
            if "title" in cell.metadata.get("tags", []):
                cell.source = without_badge(cell.source, stem)
        out.append(cell)
    return out


def build(stem: str, out_dir: Path = OUT_DIR, notebooks: Path = NOTEBOOKS) -> Path:
    """Write ``out_dir/<stem>.ipynb``, the student edition of ``notebooks/<stem>.ipynb``."""
    nb = nbformat.read(notebooks / f"{stem}.ipynb", as_version=4)
    nb.cells = student_cells(nb.cells, stem)
    nb.metadata.setdefault("latent_space", {})["edition"] = "student"
    nbformat.validate(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{stem}.ipynb"
    nbformat.write(nb, out)
    return out


def notebook_stems(names: list[str] | None = None) -> list[str]:
    """The committed course notebooks, or the named ones, as 'NN_name'."""
    if names:
        stems = [Path(n).stem for n in names]
        missing = [s for s in stems if not (NOTEBOOKS / f"{s}.ipynb").is_file()]
        if missing:
            raise SystemExit(f"no such notebook: {', '.join(missing)}")
        return stems
    return [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]


def main(argv: list[str]) -> int:
    for stem in notebook_stems(argv):
        print("wrote", build(stem).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
