"""Write an nbgrader course from the course notebooks: one graded assignment per notebook.

    python scripts/make_nbgrader.py                  # every notebook: build/nbgrader/source/NN_name/NN_name.ipynb
    python scripts/make_nbgrader.py 00_start_here    # one (or several)
    make nbgrader                                    # installs nbgrader (requirements-teach.txt), then the first line

The folder ``build/nbgrader/`` is an nbgrader course root: ``nbgrader_config.py`` and ``source/``, where
nbgrader expects the instructor's version of each assignment. The lecturer runs nbgrader there
(``nbgrader generate_assignment``, ``autograde``, ``generate_feedback``, ``export``: TEACHING.md). This
script writes only those two things, so a gradebook, submissions and feedback already in the folder stay.

Each assignment is the committed course notebook (``notebooks/NN_name.ipynb``, outputs and all, checked
against its source by ``make_notebook.aligned``) with nbgrader's cell metadata (``metadata.nbgrader``):

- **a checked exercise** (a learner cell with its stub and its ``check_...(...)`` call, then the solution
  cell, whose code asserts the check) becomes two cells:

  * an *autograded answer* cell (``solution: true``): the learner cell as the course has it, with the
    worked solution between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` below the stub. The release
    drops the solution (``nbgrader_config.py`` sets an empty code stub), so a student sees exactly the
    course's stub and check, and Run All still runs past an unanswered exercise;
  * an *autograder test* cell (``grade: true``, ``locked: true``), hidden from students between
    ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``: it calls the course's own check, the one the
    solution asserts, and fails with the check's hint when the answer is wrong. Its points come from
    ``scripts/teach/points.toml``, keyed by the check's name;

- **an open exercise** (``**Exercise N (open).**`` in the prose) gets a scratch code cell and a
  *manually graded answer* cell (markdown, ``solution`` and ``grade``), worth the table's ``open_exercise``
  points: the lecturer grades it by hand in nbgrader's formgrader;
- **"Think first" answers** are left out (the questions stay): a guess made before a result is not
  graded, and the cell after it shows the answer anyway (TEACHING.md, "Graded assignments");
- every other markdown cell is *read-only* (``locked``); code cells stay plain, so students can change
  and re-run the course's code, as the open exercises ask. The "Open in Colab" badge is left out.
"""
from __future__ import annotations

import ast
import copy
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_notebook import NOTEBOOKS, ROOT, aligned, without_badge  # noqa: E402
from make_student import ANSWER  # noqa: E402
from notebook_source import read, source_path  # noqa: E402

OUT_DIR = ROOT / "build" / "nbgrader"
POINTS = Path(__file__).resolve().parent / "teach" / "points.toml"
SCHEMA_VERSION = 3
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_TESTS, END_TESTS = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
#: The first line of the config this script writes; a config without it is the lecturer's and is kept.
CONFIG_MARK = "# Written by `make nbgrader` (scripts/make_nbgrader.py)"
#: An open exercise in the prose: ``**Exercise 5 (open).**`` or ``**Exercise 5 (open) · Title.**``
OPEN_EXERCISE = re.compile(r"^\*\*Exercise (\d+) \(open\)", re.M)
_HEADING = re.compile(r"^#{1,6} ", re.M)
NOTE = ("**Graded assignment.** Write your answers in the exercise cells (replace the `None` stubs) and run "
        "them: each check tells you at once whether you are right. When you submit, the whole notebook runs "
        "top to bottom in a fresh kernel and a hidden test, worth the points it shows, runs each check again; "
        "so before you submit, use *Kernel → Restart Kernel and Run All Cells*. The open exercise is graded by "
        "hand: write your answer in the cell marked for it. The answers to the \"Think first\" questions are "
        "not in this copy: make your guess, then run the cell below the question.")
TEXT_STUB = "YOUR ANSWER HERE: what you tried, what you saw (numbers or a figure from your cell above), what it means."
OPEN_SCRATCH = "# Your work for Exercise {n} (open): this cell is not graded; your written answer below is."
OPEN_MODEL = ("*(Instructor's copy: students see an empty answer cell here. Model answer and what to look for: "
              "TEACHING.md, section {number}, \"Exercises and open questions\", Exercise {n}.)*")


class ExerciseError(ValueError):
    """An exercise of a notebook does not have the course's shape (stub and check, then a solution
    that asserts the check); the message names the notebook and the exercise."""


@dataclass(frozen=True)
class Exercise:
    """One checked exercise: the committed learner cell's index, its text split around the check, the
    worked solution (without its ``assert``) and the check it asserts."""

    learner: int          # index of the learner cell (its stub) in the committed notebook
    check_cell: int       # index of the cell that calls the check (the learner cell, or the one after it)
    solution_index: int   # index of the (folded) solution cell in the committed notebook
    stub: str             # the learner cell up to the check's import and call
    check_part: str       # from the check's import (or call) to the end of that cell
    solution: str         # the solution code without its ``assert check_...(...)``
    check: str            # the check's name, e.g. "check_slerp"
    call: str             # the asserted call, e.g. "check_slerp(slerp)"


# ---------------------------------------------------------------- points
def load_points(path: Path = POINTS) -> dict:
    """``{"checks": {check name: points}, "manual": {"open_exercise": points}}`` from the points table."""
    table = tomllib.loads(path.read_text())
    for section in ("checks", "manual"):
        for key, value in table.get(section, {}).items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{path.name}: [{section}] {key} = {value!r}: points are a positive number")
    return table


# ---------------------------------------------------------------- reading exercises
def asserted_check(code: str, where: str = "") -> tuple[str, str, int, int]:
    """The check a solution asserts: ``(name, call text, first line, last line)`` (lines 1-based) of its
    one top-level ``assert check_...(...)``."""
    tree = ast.parse(code)
    found = [node for node in tree.body if isinstance(node, ast.Assert) and isinstance(node.test, ast.Call)
             and isinstance(node.test.func, ast.Name) and node.test.func.id.startswith("check_")]
    if len(found) != 1:
        raise ExerciseError(f"{where}: a solution asserts exactly one check (`assert check_...(...)` at top level); "
                            f"this one has {len(found)}")
    node = found[0]
    return node.test.func.id, ast.get_source_segment(code, node.test), node.lineno, node.end_lineno


def _calls(node: ast.stmt, name: str) -> bool:
    """Whether a statement imports ``name`` or calls it."""
    if isinstance(node, ast.ImportFrom):
        return any(alias.name == name for alias in node.names)
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for n in ast.walk(node))


def split_at_check(code: str, check: str) -> tuple[str, str] | None:
    """``(stub, check part)``: a learner cell cut at the first top-level statement that imports or calls
    ``check``; None when no statement does."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return None
    first = next((node for node in body if _calls(node, check)), None)
    if first is None:
        return None
    lines = code.split("\n")
    return "\n".join(lines[:first.lineno - 1]), "\n".join(lines[first.lineno - 1:])


def exercises(stem: str, committed: nbformat.NotebookNode | None = None) -> list[Exercise]:
    """The checked exercises of the committed notebook of ``stem``, in order."""
    pairs = aligned(stem, committed)
    solutions = iter(c.source for c in read(source_path(stem)) if c.role == "solution")
    found = []
    for index, (cell, _built) in enumerate(pairs):
        if "solution" not in cell.metadata.get("tags", []):
            continue
        solution = next(solutions)
        where = f"notebooks/src/{stem}.py, solution {len(found) + 1}"
        check, call, first, last = asserted_check(solution, where)
        # the cell that calls the check: the nearest code cell above the solution (at most two cells up)
        code_above = [i for i in range(index - 1, max(index - 4, -1), -1) if pairs[i][0].cell_type == "code"]
        check_cell = next((i for i in code_above if split_at_check(pairs[i][0].source, check)), None)
        if check_cell is None:
            raise ExerciseError(f"{where}: no code cell just above the solution calls {check}: an exercise is a "
                                f"stub and its {check}(...) call, then the solution")
        stub, check_part = split_at_check(pairs[check_cell][0].source, check)
        learner = check_cell
        if not stub.strip():   # the check has a cell of its own: the stub is the code cell above it
            learner = next((i for i in range(check_cell - 1, -1, -1) if pairs[i][0].cell_type == "code"), None)
            if learner is None or check_cell - learner > 2:
                raise ExerciseError(f"{where}: {check}(...) has a cell of its own but no stub cell above it")
            stub, check_part = pairs[learner][0].source, ""
        lines = solution.split("\n")
        without_assert = "\n".join(lines[:first - 1] + lines[last:]).strip("\n")
        found.append(Exercise(learner, check_cell, index, stub, check_part, without_assert, check, call))
    return found


# ---------------------------------------------------------------- building the assignment
def _meta(cell, grade_id: str, *, grade=False, solution=False, locked=False, points=None):
    cell.metadata["nbgrader"] = {"grade": grade, "grade_id": grade_id, "locked": locked,
                                 "schema_version": SCHEMA_VERSION, "solution": solution}
    if grade:
        cell.metadata["nbgrader"]["points"] = points
    return cell


def answer_source(ex: Exercise) -> str:
    """The autograded answer cell: the course's stub, the solution region, the check call. With the
    region replaced by an empty line, it reads as the course's learner cell."""
    stub = ex.stub.split("\n")
    blank = 0
    while stub and not stub[-1].strip():   # the empty stub nbgrader leaves takes one blank line's place
        stub.pop()
        blank += 1
    tail = [""] * max(blank - 1, 0) + ([ex.check_part] if ex.check_part else [])
    return "\n".join([*stub, BEGIN_SOLUTION, ex.solution, END_SOLUTION, *tail])


def test_source(ex: Exercise, points: float) -> str:
    """The autograder test cell: a visible line, then the course's check as a hidden test."""
    return "\n".join([
        f"# Graded by a hidden test ({points:g} point{'s' if points != 1 else ''}): the check above, {ex.check}, "
        "must accept your answer.",
        BEGIN_TESTS,
        f"from latent_helpers.exercises import {ex.check}",
        f"_feedback = {ex.call}",
        "assert _feedback, _feedback   # the check's own hint says what is off",
        END_TESTS,
    ])


def _split_open(text: str) -> list[tuple[str, str | None]]:
    """A markdown text cut after each open exercise (before the next heading): ``[(text, n or None)]``,
    where n is the exercise's number when an answer cell goes after that piece."""
    pieces, start = [], 0
    for m in OPEN_EXERCISE.finditer(text):
        heading = _HEADING.search(text, m.end())
        end = heading.start() if heading else len(text)
        pieces.append((text[start:end].strip(), m.group(1)))
        start = end
    pieces.append((text[start:].strip(), None))
    return [(t, n) for t, n in pieces if t or n]


def assignment_notebook(stem: str, points: dict | None = None) -> nbformat.NotebookNode:
    """The nbgrader source (instructor's) notebook of ``stem``."""
    points = load_points() if points is None else points
    committed = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    found = exercises(stem, committed)
    by_learner = {ex.learner: (n, ex) for n, ex in enumerate(found, 1)}
    solutions = {ex.solution_index for ex in found}
    after_check = {ex.check_cell: (n, ex) for n, ex in enumerate(found, 1)}
    check_points = points.get("checks", {})
    missing = [ex.check for ex in found if ex.check not in check_points]
    if missing:
        raise ExerciseError(f"{stem}: no points for {', '.join(missing)} in {POINTS.relative_to(ROOT)}: add a line "
                            "`check_name = points` under [checks]")
    open_points = points.get("manual", {}).get("open_exercise")

    cells, text_ids = [], 0

    def prose(text: str, tags: list[str] | None = None):
        nonlocal text_ids
        text_ids += 1
        cell = nbformat.v4.new_markdown_cell(text)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(_meta(cell, f"text_{text_ids:03d}", locked=True))

    prose(NOTE, ["assignment-note"])
    for index, cell in enumerate(committed.cells):
        tags = cell.metadata.get("tags", [])
        if index in solutions:
            continue
        if index in by_learner:
            n, ex = by_learner[index]
            answer = nbformat.v4.new_code_cell(answer_source(ex))
            cells.append(_meta(answer, f"ex{n}_answer", solution=True))
        elif cell.cell_type == "markdown":
            text = ANSWER.sub("", cell.source).rstrip()
            if "title" in tags:
                text = without_badge(text, stem)
            for piece, open_n in _split_open(text):
                if piece:
                    prose(piece, [t for t in tags if t == "title"])
                if open_n is not None:
                    if open_points is None:
                        raise ExerciseError(f"{stem}: Exercise {open_n} is open but {POINTS.name} has no "
                                            "[manual] open_exercise points")
                    cells.append(nbformat.v4.new_code_cell(OPEN_SCRATCH.format(n=open_n)))
                    model = nbformat.v4.new_markdown_cell(OPEN_MODEL.format(number=stem[:2], n=open_n))
                    cells.append(_meta(model, f"open_exercise_{open_n}", grade=True, solution=True,
                                       points=open_points))
        else:
            kept = copy.deepcopy(cell)
            if index in after_check:   # a check in a cell of its own: the learner's, like the stub above it
                kept.outputs, kept.execution_count = [], None
            cells.append(kept)
        if index in after_check:
            n, ex = after_check[index]
            test = nbformat.v4.new_code_cell(test_source(ex, check_points[ex.check]))
            cells.append(_meta(test, f"ex{n}_{ex.check}", grade=True, locked=True, points=check_points[ex.check]))

    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata = copy.deepcopy(committed.metadata)
    nb.metadata["latent_space"] = {"edition": "nbgrader"}
    nbformat.validate(nb)
    return nb


# ---------------------------------------------------------------- the course folder
CONFIG = f'''{CONFIG_MARK}; delete this line to keep your own edits.
# nbgrader reads this file from the folder it runs in: run nbgrader commands here (TEACHING.md).
c = get_config()  # noqa: F821 (nbgrader defines it)

c.CourseDirectory.course_id = "latent-space"

# The release keeps the course's stub (`answer = None`, a function returning None) and its check: the
# solution region of an answer cell becomes an empty line, not nbgrader's `raise NotImplementedError()`,
# so a student's Run All goes past an exercise not yet done, as in the course.
c.ClearSolutions.code_stub = {{"python": ""}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}

# The release keeps the course's stored outputs (figures, tables, the sliders' first frames): students read
# them before they run a cell. Grading is unaffected: autograde runs every code cell again, which replaces
# each cell's outputs, and the test cells are restored from the gradebook before that.
c.ClearOutput.enabled = False

# A course notebook runs in about 10-60 s; its longest cells train for up to a minute on a slow machine.
c.Execute.timeout = 600
'''


def write_config(out_dir: Path) -> Path | None:
    """Write ``nbgrader_config.py`` unless the lecturer's own (one without the mark) is there."""
    path = out_dir / "nbgrader_config.py"
    if path.exists() and not path.read_text().startswith(CONFIG_MARK):
        return None
    path.write_text(CONFIG)
    return path


def notebook_stems(names: list[str] | None = None) -> list[str]:
    """The committed course notebooks (``notebooks/NN_*.ipynb``), or the named ones, as 'NN_name'."""
    everything = [p.stem for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]
    if not names:
        return everything
    out = []
    for name in names:
        stem = Path(name).stem
        match = [s for s in everything if s == stem or s.startswith(f"{stem}_")]
        if len(match) != 1:
            raise SystemExit(f"no single course notebook matches {name!r} in notebooks/")
        out.append(match[0])
    return out


def build(stems: list[str], out_dir: Path = OUT_DIR) -> list[Path]:
    """Write ``out_dir/nbgrader_config.py`` and ``out_dir/source/<stem>/<stem>.ipynb`` for each stem."""
    points = load_points()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [p for p in [write_config(out_dir)] if p is not None]
    for stem in stems:
        folder = out_dir / "source" / stem
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.ipynb"
        nbformat.write(assignment_notebook(stem, points), path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    written = build(notebook_stems(argv))
    for path in written:
        print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    if not (OUT_DIR / "nbgrader_config.py").read_text().startswith(CONFIG_MARK):
        print(f"kept your own {OUT_DIR.relative_to(ROOT)}/nbgrader_config.py (it has no '{CONFIG_MARK}' line)")
    print(f"next: cd {OUT_DIR.relative_to(ROOT)} && nbgrader generate_assignment NN_name (TEACHING.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
