"""The student edition (scripts/make_student.py): no solution and no "Think first" answer, every
other cell kept as it is, and it runs top to bottom with every check saying "Not yet"."""
from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

import make_student
from make_notebook import SOLUTION_SUMMARY, without_badge
from notebook_source import read, source_path
from support import ROOT
from support.makecmd import run_make

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def _solutions(stem: str) -> list[str]:
    return [c.source for c in read(source_path(stem)) if c.role == "solution"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_notebook_has_no_solution_and_no_answer(path, tmp_path):
    course = nbformat.read(path, as_version=4)
    student = nbformat.read(make_student.build(path.stem, tmp_path), as_version=4)
    text = "\n".join(c.source for c in student.cells)
    for c in student.cells:
        assert "solution" not in c.metadata.get("tags", []), f"{path.name}: a solution cell is left"
    assert SOLUTION_SUMMARY not in text and "<summary>Answer</summary>" not in text
    for body in _solutions(path.stem):
        assert body not in text, f"{path.name}: solution code is left: {body[:80]!r}"
    # the questions stay: as many "Think first" prompts as in the course edition
    count = lambda cells: sum(c.source.count("**Think first.**") for c in cells if c.cell_type == "markdown")  # noqa: E731
    assert count(student.cells) == count(course.cells) >= 2
    # the course edition carries no solution output (its solutions are markdown): nothing to leak
    for c in course.cells:
        if "solution" in c.metadata.get("tags", []):
            assert c.cell_type == "markdown"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_student_notebook_keeps_every_other_cell(path, tmp_path):
    course = nbformat.read(path, as_version=4)
    student = nbformat.read(make_student.build(path.stem, tmp_path), as_version=4)
    assert student.cells[0].metadata["tags"] == ["student-note"] and "Student edition" in student.cells[0].source
    kept = [c for c in course.cells if not make_student.DROPPED_TAGS & set(c.metadata.get("tags", []))]
    assert len(student.cells) - 1 == len(kept)
    for want, have in zip(kept, student.cells[1:]):
        assert have.cell_type == want.cell_type
        if want.cell_type == "code":
            # the same code and the same outputs: nbval's run of the course notebook covers this one
            assert have.source == want.source and have.outputs == want.outputs
        elif "title" in want.metadata.get("tags", []):   # the Colab badge under the title is left out
            assert have.source == without_badge(make_student.ANSWER.sub("", want.source).rstrip(), path.stem)
            assert "colab" not in have.source.lower()
        else:
            assert have.source == make_student.ANSWER.sub("", want.source).rstrip()
    # exercise stubs stay as they are: every check call of the course edition is still there
    checks = lambda nb: [c.source for c in nb.cells if c.cell_type == "code" and "check_" in c.source]  # noqa: E731
    assert checks(student) == checks(course) and len(checks(student)) >= 3
    assert student.metadata["latent_space"]["edition"] == "student"


def test_answer_pattern_keeps_the_question_and_the_text_after():
    md = ("**Think first.** Will it?\n\n<details><summary>Answer</summary>\n\nYes, because.\n\n</details>\n\n"
          "Then more text.")
    assert make_student.ANSWER.sub("", md) == "**Think first.** Will it?\n\nThen more text."


def test_make_student_writes_into_the_ignored_build_folder(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_student.py"), "00_start_here"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "build/student/00_start_here.ipynb" in out.stdout
    ignored = subprocess.run(["git", "check-ignore", "-q", "build/student/00_start_here.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0, "build/ must stay out of git"


def _exercise_stubs(course) -> list[int]:
    """Indices of the cells just above a solution: each exercise's stub and its check."""
    return [i - 1 for i, c in enumerate(course.cells) if "solution" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_check_answers_its_empty_stub_with_not_yet(path):
    """The course notebook's stubs are the student notebook's (checked above) and nbval runs them: their
    stored outputs (what `make execute` printed) show each check answering the empty stub."""
    course = nbformat.read(path, as_version=4)
    stubs = _exercise_stubs(course)
    assert len(stubs) >= 3, f"{path.name}: fewer than 3 exercises with a solution"
    for i in stubs:
        shown = str(course.cells[i].get("outputs", []))
        assert "Not yet" in shown, (f"{path.name}: the check below did not say 'Not yet' (run make execute?): "
                                    f"{course.cells[i].source[:80]!r} -> {shown[:200]}")


# Running every student notebook would run each notebook a third time in `make test` (nbval runs the
# course edition, test_solutions the instructor one) for code that is the course edition's (checked
# above). One student notebook runs from its own folder, as a student would; `make test-py` skips it.
STUDENT_RUN = [p for p in NOTEBOOKS if p.stem == "00_start_here"]


@pytest.mark.student
@pytest.mark.parametrize("path", STUDENT_RUN, ids=[p.stem for p in STUDENT_RUN])
def test_student_notebook_runs_and_every_check_says_not_yet(path, tmp_path):
    from nbtools import run_notebook

    student = make_student.build(path.stem, tmp_path)   # run from its own folder, as a student would
    nb = run_notebook(student, cwd=tmp_path)["nb"]
    for c in nb.cells:
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
    course = nbformat.read(path, as_version=4)
    exercises = [course.cells[i].source for i in _exercise_stubs(course)]
    ran = {c.source: c for c in nb.cells if c.cell_type == "code"}
    for source in exercises:
        shown = str(ran[source].outputs)
        assert "Not yet" in shown, f"{path.name}: the check did not say 'Not yet': {source[:80]!r} -> {shown[:200]}"


def test_make_student_target_runs_the_script():
    import shutil

    if not shutil.which("make"):
        pytest.skip("no make on this machine")
    out = run_make("-n", "student", "NB=00_start_here")
    assert ".venv/bin/python scripts/make_student.py 00_start_here" in out.stdout.splitlines(), out.stdout
    assert "make student" in run_make("help").stdout
