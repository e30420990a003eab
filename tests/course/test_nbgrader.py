"""The graded assignments (`make nbgrader`, scripts/make_nbgrader.py): one nbgrader assignment per course
notebook, and nbgrader's own round trip on them.

Without nbgrader (every Python): each checked exercise becomes an autograded answer cell and a hidden,
locked test cell worth its points in scripts/teach/points.toml (which has a line for every check the
course uses); open exercises become manually graded cells; no "Think first" answer is left.

With nbgrader (installed into the venv by `make nbgrader` and `make test` from requirements-teach.txt;
without it these tests skip, and fail under CI=true): nbgrader accepts the metadata,
`nbgrader generate_assignment` releases every notebook with the course's stubs and no solution or hidden
test in sight, and the round trip (`slow`: `make test` runs it, `make test-py` does not) autogrades three
submissions: the instructor's solutions (full marks), the untouched release (zero) and a release filled
in with one deliberately wrong answer (exactly that exercise's points lost), then writes the feedback and
exports the grades. It runs on 00_start_here by default; on every notebook with

    .venv/bin/python -m pytest tests/course/test_nbgrader.py --nbgrader-all
"""
from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from support import ROOT
from support.makecmd import run_make

sys.path.insert(0, str(ROOT / "scripts"))
import make_nbgrader  # noqa: E402
from make_nbgrader import (BEGIN_SOLUTION, BEGIN_TESTS, END_SOLUTION, END_TESTS, OPEN_EXERCISE,  # noqa: E402
                           TEXT_STUB, asserted_check, exercises, load_points)
from notebook_source import read, source_path, sources  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
#: The notebooks whose round trip runs by default: the fastest (about 6 s a run); --nbgrader-all runs all.
ROUND_TRIP = ("00_start_here",)
REGION = re.compile(rf"^{BEGIN_SOLUTION}\n(.*?)\n{END_SOLUTION}$", re.S | re.M)

#: A deliberately wrong answer for one exercise per notebook: a mistake a learner makes (the check's
#: hint names most of them). The round trip uses the first exercise of a notebook listed here; a notebook
#: whose exercises are all new gets a generic wrong answer instead (wrong_answer below).
WRONG = {
    "check_mix": "def mix(a, b, t):\n    return t * a + (1 - t) * b   # the two ends swapped",
    "check_pca_error": ("def pca_error(X, mean, V, k):\n    code = (X - mean) @ V[:k].T\n"
                        "    restored = code @ V[:k]   # the mean digit never added back\n"
                        "    return ((X - restored) ** 2).mean()"),
    "check_sgd_step": ("def sgd_step(model, x, lr):\n    loss = ((model(x) - x) ** 2).mean()\n    loss.backward()\n"
                       "    with torch.no_grad():\n        for p in model.parameters():\n"
                       "            p += lr * p.grad   # uphill\n            p.grad = None\n    return loss.item()"),
    "check_slerp": "def slerp(a, b, t):\n    return (1 - t) * a + t * b   # a straight line: lerp",
    "check_denoise_loss": ("def my_denoise_loss(model, batch, noise=0.5):\n    x = batch[0]\n"
                           "    noisy = (x + noise * torch.randn_like(x)).clamp(0, 1)\n"
                           "    return F.binary_cross_entropy(model(noisy), noisy, reduction='sum') / len(x)"
                           "   # compared with the noisy copy"),
    "check_reparameterise": ("def reparameterise(mu, logvar, eps):\n"
                             "    return mu + torch.exp(logvar) * eps   # the variance, not the standard deviation"),
    "check_negative_probability": "answer = counts[index['war']] / counts.sum()   # the plain frequency, no 3/4 power",
    "check_perplexity": "answer = np.exp(-np.mean(np.log(p_words)))   # each word once: n_times ignored",
    "check_coral": ("def coral(Z_new, Z_train, eps=1.0):\n    C_new = np.cov(Z_new, rowvar=False) + eps * np.eye(Z_new.shape[1])\n"
                    "    return (Z_new - Z_new.mean(0)) @ sym_power(C_new, -0.5) + Z_train.mean(0)   # never re-coloured"),
}


def _meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _is_test(cell) -> bool:
    return _meta(cell).get("grade", False) and not _meta(cell).get("solution", False)


def _is_answer(cell) -> bool:
    return _meta(cell).get("solution", False) and cell.cell_type == "code"


def _is_manual(cell) -> bool:
    return _meta(cell).get("solution", False) and cell.cell_type == "markdown"


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    """An nbgrader course folder of every notebook, as `make nbgrader` writes it (no nbgrader needed)."""
    root = tmp_path_factory.mktemp("nbgrader") / "course"
    make_nbgrader.build(IDS, root)
    return root


def _source(course: Path, stem: str) -> nbformat.NotebookNode:
    return nbformat.read(course / "source" / stem / f"{stem}.ipynb", as_version=4)


# ---------------------------------------------------------------- the points table
def test_every_check_the_course_uses_has_points():
    used = {}
    for path in sources():
        for number, cell in enumerate((c for c in read(path) if c.role == "solution"), 1):
            used.setdefault(asserted_check(cell.source, f"{path.name}, solution {number}")[0], path.stem)
    table = load_points()["checks"]
    missing = sorted(set(used) - set(table))
    assert not missing, (f"no points for {', '.join(f'{c} ({used[c]})' for c in missing)}: add a line "
                         "`check_name = points` under [checks] in scripts/teach/points.toml")
    unused = sorted(set(table) - set(used))
    assert not unused, f"scripts/teach/points.toml scores checks no notebook uses (a typo, or a removed exercise): {unused}"
    assert len(used) >= 3 * len(IDS)
    assert set(table.values()) <= {1, 2, 3}, "the scale is 1, 2 or 3 points (see the table's header)"
    assert load_points()["manual"]["open_exercise"] > 0


def test_the_table_refuses_points_that_are_not_positive(tmp_path):
    bad = tmp_path / "points.toml"
    bad.write_text("[checks]\ncheck_mix = 0\n")
    with pytest.raises(ValueError, match="check_mix = 0"):
        load_points(bad)


def test_a_check_without_points_stops_the_build_with_its_name():
    points = load_points()
    points["checks"] = {k: v for k, v in points["checks"].items() if k != "check_mix"}
    with pytest.raises(make_nbgrader.ExerciseError, match="no points for check_mix"):
        make_nbgrader.assignment_notebook("00_start_here", points)


# ---------------------------------------------------------------- reading exercises
def test_split_at_check_cuts_before_the_import_of_the_check():
    code = "x = 1\nanswer = None  # here\n\nfrom latent_helpers.exercises import check_a\ncheck_a(answer, x)"
    assert make_nbgrader.split_at_check(code, "check_a") == (
        "x = 1\nanswer = None  # here\n", "from latent_helpers.exercises import check_a\ncheck_a(answer, x)")
    assert make_nbgrader.split_at_check(code, "check_b") is None


def test_asserted_check_wants_exactly_one_top_level_assert():
    name, call, first, last = asserted_check("y = 2\nassert check_a(\n    y)\nprint(y)")
    assert (name, call, first, last) == ("check_a", "check_a(\n    y)", 2, 3)
    for code in ("y = 2", "assert check_a(y)\nassert check_b(y)", "if True:\n    assert check_a(1)"):
        with pytest.raises(make_nbgrader.ExerciseError, match="exactly one check"):
            asserted_check(code)


def test_a_check_in_a_cell_of_its_own_keeps_the_stub_cell_above_it(monkeypatch):
    """The brief's other layout: the stub cell, then a cell calling the check, then the solution."""
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    i = next(i for i, c in enumerate(nb.cells) if "check_pixel_count(" in c.source and c.cell_type == "code")
    stub, check = make_nbgrader.split_at_check(nb.cells[i].source, "check_pixel_count")
    nb.cells[i:i + 1] = [nbformat.v4.new_code_cell(stub.strip()), nbformat.v4.new_code_cell(check)]
    monkeypatch.setattr(make_nbgrader, "aligned", lambda stem, committed: [(c, None) for c in committed.cells])
    ex = exercises("00_start_here", nb)[0]
    assert (ex.learner, ex.check_cell, ex.check) == (i, i + 1, "check_pixel_count")
    assert ex.stub == stub.strip() and ex.check_part == ""
    assert make_nbgrader.answer_source(ex).startswith(stub.strip() + f"\n{BEGIN_SOLUTION}\n")


# ---------------------------------------------------------------- the assignments (no nbgrader needed)
def test_the_course_folder_has_the_config_and_one_assignment_per_notebook(course):
    assert (course / "nbgrader_config.py").read_text().startswith(make_nbgrader.CONFIG_MARK)
    assert sorted(p.parent.name for p in (course / "source").glob("*/*.ipynb")) == IDS
    for stem in IDS:
        assert (course / "source" / stem / f"{stem}.ipynb").is_file()


def test_a_lecturers_own_config_is_kept(tmp_path):
    mine = tmp_path / "nbgrader_config.py"
    mine.write_text("c = get_config()\nc.CourseDirectory.course_id = 'ml-101'\n")
    assert make_nbgrader.write_config(tmp_path) is None
    assert "ml-101" in mine.read_text()
    mine.write_text(make_nbgrader.CONFIG_MARK + "\n# an old one\n")
    assert make_nbgrader.write_config(tmp_path) == mine and "ClearSolutions" in mine.read_text()


@pytest.mark.parametrize("stem", IDS)
def test_each_checked_exercise_is_an_answer_cell_then_a_hidden_test(course, stem):
    nb = _source(course, stem)
    solutions = [c.source for c in read(source_path(stem)) if c.role == "solution"]
    points = load_points()["checks"]
    answers = [i for i, c in enumerate(nb.cells) if _is_answer(c)]
    tests = [i for i, c in enumerate(nb.cells) if _is_test(c) and c.cell_type == "code"]
    assert len(answers) == len(tests) == len(solutions) >= 3
    for n, (a, t, solution) in enumerate(zip(answers, tests, solutions), 1):
        answer, test = nb.cells[a], nb.cells[t]
        check, call, first, last = asserted_check(solution)
        assert a < t and all(not _meta(c) or _meta(c).get("locked") for c in nb.cells[a + 1:t]), \
            f"{stem}: exercise {n}: its test cell must follow its answer (and check) cell"
        assert _meta(answer) == {"grade": False, "grade_id": f"ex{n}_answer", "locked": False,
                                 "schema_version": 3, "solution": True}
        assert _meta(test) == {"grade": True, "grade_id": f"ex{n}_{check}", "locked": True,
                               "points": points[check], "schema_version": 3, "solution": False}
        # the solution, without its assert, sits between the markers, below the course's stub
        region = REGION.findall(answer.source)
        lines = solution.split("\n")
        assert region == ["\n".join(lines[:first - 1] + lines[last:]).strip("\n")], f"{stem}: exercise {n}"
        assert "None" in answer.source.split(BEGIN_SOLUTION)[0], f"{stem}: exercise {n}: no stub above the solution"
        assert not answer.outputs and answer.execution_count is None
        # the hidden test calls the course's own check, the call the solution asserts
        hidden = test.source.split(BEGIN_TESTS)[1].split(END_TESTS)[0]
        assert f"_feedback = {call}\n" in hidden and "assert _feedback, _feedback" in hidden
        assert f"import {check}" in hidden
        visible = test.source.split(BEGIN_TESTS)[0]
        assert check in visible and f"({points[check]} point" in visible and call not in visible


@pytest.mark.parametrize("stem", IDS)
def test_everything_else_is_the_course_notebook_read_only_prose_and_plain_code(course, stem):
    nb = _source(course, stem)
    committed = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    learner = {ex.learner for ex in exercises(stem, committed)}
    text = "\n".join(c.source for c in nb.cells)
    assert "<summary>Answer</summary>" not in text and "colab.research.google.com" not in text
    assert make_nbgrader.NOTE in text
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not _is_manual(cell):
            assert _meta(cell).get("locked") and not _meta(cell).get("grade"), cell.source[:80]
    ids = [_meta(c)["grade_id"] for c in nb.cells if _meta(c)]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    # the course's code cells, in order, sources and outputs unchanged (learner cells became answers)
    course_code = [c for i, c in enumerate(committed.cells) if c.cell_type == "code" and i not in learner]
    plain_code = [c for c in nb.cells if c.cell_type == "code" and not _meta(c)
                  and not c.source.startswith("# Your work for Exercise")]
    assert [(c.source, c.outputs) for c in plain_code] == [(c.source, c.outputs) for c in course_code]
    # every "Think first" question stays
    asked = lambda cells: sum(c.source.count("**Think first.**") for c in cells if c.cell_type == "markdown")  # noqa: E731
    assert asked(nb.cells) == asked(committed.cells)
    nbformat.validate(nb)


@pytest.mark.parametrize("stem", IDS)
def test_each_open_exercise_is_graded_by_hand(course, stem):
    nb = _source(course, stem)
    opened = OPEN_EXERCISE.findall((ROOT / "notebooks" / "src" / f"{stem}.py").read_text().replace("\n# ", "\n"))
    manual = [c for c in nb.cells if _is_manual(c)]
    assert [_meta(c)["grade_id"] for c in manual] == [f"open_exercise_{n}" for n in opened]
    for cell in manual:
        assert _meta(cell)["grade"] and _meta(cell)["points"] == load_points()["manual"]["open_exercise"]
        # its question is just above it, and a scratch cell for the work
        i = nb.cells.index(cell)
        assert nb.cells[i - 1].cell_type == "code" and not _meta(nb.cells[i - 1])
        assert OPEN_EXERCISE.search(nb.cells[i - 2].source)


# ---------------------------------------------------------------- install and commands
def test_requirements_teach_adds_pinned_nbgrader_to_the_course_requirements():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements-teach.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == "-r requirements.txt"
    pins = dict(line.split("==") for line in lines[1:])
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", name) and version for name, version in pins.items()), lines
    assert "nbgrader" in pins
    course = {re.split(r"[=<>~!]", line)[0].strip().lower().replace("_", "-")
              for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")}
    assert not course & {name.lower().replace("_", "-") for name in pins}, \
        "requirements-teach.txt must not re-pin a package of requirements.txt"


def test_make_nbgrader_installs_the_teach_file_then_builds():
    if not shutil.which("make"):
        pytest.skip("no make on this machine")
    out = run_make("-n", "-W", "requirements-teach.txt", "nbgrader", "NB=00_start_here").stdout.splitlines()
    install = ".venv/bin/python scripts/install.py -r requirements-teach.txt"
    build = ".venv/bin/python scripts/make_nbgrader.py 00_start_here"
    assert install in out and build in out and out.index(install) < out.index(build), out
    # `make test` installs it too (its round trip is a test); `make lab` does not
    assert install in run_make("-n", "-W", "requirements-teach.txt", "test").stdout.splitlines()
    assert install not in run_make("-n", "-W", "requirements-teach.txt", "lab").stdout.splitlines()
    assert "make nbgrader" in run_make("help").stdout


def test_readme_and_teaching_guide_give_the_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make nbgrader" in readme and "requirements-teach.txt" in readme
    without_make = readme[readme.index("### Without make"):]
    assert ".venv/bin/python scripts/install.py -r requirements-teach.txt" in without_make
    assert ".venv\\Scripts\\python scripts\\install.py -r requirements-teach.txt" in without_make
    guide = (ROOT / "TEACHING.md").read_text()
    for command in ("make nbgrader", "nbgrader generate_assignment", "nbgrader autograde",
                    "nbgrader generate_feedback", "nbgrader export", "scripts/teach/points.toml"):
        assert command in guide, f"TEACHING.md does not mention {command}"


# ---------------------------------------------------------------- with nbgrader itself
def _need_nbgrader():
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        reason = "nbgrader is not installed in this venv: `make nbgrader` installs requirements-teach.txt"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run the nbgrader tests (`make test` installs it)")
        pytest.skip(reason)


def _nbgrader(course: Path, *args: str, timeout: int = 1800) -> float:
    """Run ``nbgrader ARGS`` in the course folder, with this venv's nbgrader; returns the seconds it took."""
    env = dict(os.environ)
    # nbgrader runs `alembic` (installed beside it) when it creates a gradebook: this venv's bin/ comes first
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_CONFIG_DIR"] = str(course / ".jupyter-config")   # no lecturer's ~/.jupyter settings here
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                         text=True, timeout=timeout)
    seconds = time.monotonic() - start
    log = out.stdout + out.stderr
    assert out.returncode == 0 and "ERROR" not in log, f"nbgrader {' '.join(args)}:\n{log[-4000:]}"
    return seconds


@pytest.fixture(scope="session")
def released(course) -> Path:
    """The course folder after `nbgrader generate_assignment` on every notebook."""
    _need_nbgrader()
    seconds = _nbgrader(course, "generate_assignment", "*")
    print(f"\nnbgrader generate_assignment, {len(IDS)} notebooks: {seconds:.1f} s")
    return course


@pytest.mark.parametrize("stem", IDS)
def test_nbgrader_accepts_the_cell_metadata(course, stem):
    _need_nbgrader()
    from nbgrader.nbgraderformat import MetadataValidator

    MetadataValidator().validate_nb(_source(course, stem))   # raises on a cell nbgrader would refuse


@pytest.mark.parametrize("stem", IDS)
def test_the_release_shows_the_course_stubs_and_no_solution(released, stem):
    release = nbformat.read(released / "release" / stem / f"{stem}.ipynb", as_version=4)
    source = _source(released, stem)
    committed = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    found = exercises(stem, committed)
    text = "\n".join(c.source for c in release.cells)
    for marker in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_TESTS, END_TESTS, "_feedback", "Instructor's copy"):
        assert marker not in text, f"{stem}: the release shows {marker!r}"
    course_lines = {line for c in committed.cells if c.cell_type == "code" for line in c.source.split("\n")}
    release_lines = set(text.split("\n"))
    for ex in found:   # no line of a solution that the course notebook shows nowhere in its code
        leaked = [line for line in ex.solution.split("\n")
                  if line.strip() and line not in course_lines and line in release_lines]
        assert not leaked, f"{stem}: solution lines in the release: {leaked}"
    # each answer cell reads exactly as the course's learner cell: its stub and its check
    answers = [c for c in release.cells if _is_answer(c)]
    assert [c.source for c in answers] == [committed.cells[ex.learner].source for ex in found]
    assert all(c.metadata.get("deletable") is False for c in release.cells if _meta(c).get("grade_id"))
    for cell in release.cells:
        if _is_test(cell) and cell.cell_type == "code":
            assert cell.source.startswith("# Graded by a hidden test") and "\n" not in cell.source.strip()
            assert cell.metadata.get("editable") is False
        if _is_manual(cell):
            assert cell.source == TEXT_STUB
    # the course's stored outputs stay (students read the figures before they run a cell)
    outputs = lambda nb: [c.outputs for c in nb.cells if c.cell_type == "code" and not _meta(c)]  # noqa: E731
    assert outputs(release) == outputs(source) and any(outputs(release))


# ---------------------------------------------------------------- the autograde round trip
def _wrong_exercise(found) -> tuple:
    """(exercise, its deliberately wrong code): the first exercise WRONG has a mistake for, or else the
    last one with a generic wrong answer of the stub's kind."""
    for ex in found:
        if ex.check in WRONG:
            return ex, WRONG[ex.check]
    ex = found[-1]
    function = re.search(r"^def (\w+)\(", ex.stub, re.M)
    if function:
        return ex, f"def {function.group(1)}(*args, **kwargs):\n    return 'a deliberately wrong answer'"
    name = re.search(r"^(\w+) = None", ex.stub, re.M).group(1)
    return ex, f"{name} = 'a deliberately wrong answer'"


def _filled(release, source, wrong: tuple[str, str] | None = None):
    """The release as a student hands it in: every answer cell with the solution written in (or, for the
    answer cell named in ``wrong``, the wrong code), and a written answer to each open exercise."""
    by_id = {_meta(c)["grade_id"]: c for c in source.cells if _meta(c)}
    out = copy.deepcopy(release)
    for cell in out.cells:
        if _is_answer(cell):
            body = by_id[_meta(cell)["grade_id"]].source
            region = REGION.search(body)
            code = wrong[1] if wrong and _meta(cell)["grade_id"] == wrong[0] else region.group(1)
            cell.source = body[:region.start()] + code + body[region.end():]
        elif _is_manual(cell):
            cell.source = "What I changed, what the figure showed, and what that means for the latent space."
    return out


def _grades(course: Path, stem: str, student: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(stem, stem, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in nb.grades}


def _grade_by_hand(course: Path, stem: str, student: str) -> None:
    """What the lecturer does in the formgrader: full marks for the written answer of each open exercise."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(stem, stem, student)
        for grade in nb.grades:
            if grade.needs_manual_grade:
                grade.manual_score = grade.max_score
        gb.db.commit()


@pytest.mark.slow
@pytest.mark.parametrize("stem", IDS)
def test_autograde_gives_full_marks_zero_and_exactly_one_exercise_lost(released, stem, request):
    if stem not in ROUND_TRIP and not request.config.getoption("--nbgrader-all"):
        pytest.skip(f"the round trip runs on {', '.join(ROUND_TRIP)}; --nbgrader-all runs it on every notebook")
    course = released
    release = nbformat.read(course / "release" / stem / f"{stem}.ipynb", as_version=4)
    source = _source(course, stem)
    found = exercises(stem, nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4))
    ex, wrong_code = _wrong_exercise(found)
    wrong_id = f"ex{found.index(ex) + 1}_{ex.check}"
    answer_id = f"ex{found.index(ex) + 1}_answer"
    submissions = {"instructor": source, "untouched": release,
                   "one_wrong": _filled(release, source, (answer_id, wrong_code))}
    for student, nb in submissions.items():
        folder = course / "submitted" / student / stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{stem}.ipynb")

    seconds = _nbgrader(course, "autograde", stem)
    grades = {student: _grades(course, stem, student) for student in submissions}
    tests = {gid: mx for gid, (_, mx, _) in grades["instructor"].items() if not gid.startswith("open_exercise")}
    manual = {gid: mx for gid, (_, mx, _) in grades["instructor"].items() if gid.startswith("open_exercise")}
    auto_max = sum(tests.values())
    # (a) the instructor's solutions: every test passes; the open exercises wait for the lecturer
    assert {gid: grades["instructor"][gid][0] for gid in tests} == tests, grades["instructor"]
    assert all(grades["instructor"][gid][2] for gid in manual)
    # (b) the untouched release: nothing passes, and an untouched open answer scores 0 without a lecturer
    assert all(score == 0 and not needs for score, _, needs in grades["untouched"].values()), grades["untouched"]
    # (c) one wrong answer: exactly that exercise's test fails
    lost = {gid: mx - grades["one_wrong"][gid][0] for gid, mx in tests.items()}
    assert lost == {gid: (mx if gid == wrong_id else 0) for gid, mx in tests.items()}, grades["one_wrong"]

    for student in ("instructor", "one_wrong"):
        _grade_by_hand(course, stem, student)
    feedback_s = _nbgrader(course, "generate_feedback", stem)
    html = (course / "feedback" / "one_wrong" / stem / f"{stem}.html").read_text()
    assert "Not yet" in html, "the feedback should show the check's hint for the wrong answer"
    export_s = _nbgrader(course, "export", "--to", str(course / f"grades_{stem}.csv"))
    rows = {r["student_id"]: r for r in csv.DictReader((course / f"grades_{stem}.csv").open())
            if r["assignment"] == stem}
    total = auto_max + sum(manual.values())
    scores = {s: (float(rows[s]["score"]), float(rows[s]["max_score"])) for s in submissions}
    assert scores == {"instructor": (total, total), "untouched": (0.0, total),
                      "one_wrong": (total - tests[wrong_id], total)}, scores
    print(f"\n{stem}: autograde of 3 submissions {seconds:.1f} s, feedback {feedback_s:.1f} s, export {export_s:.1f} s; "
          f"scores {scores} (wrong: {ex.check}, {tests[wrong_id]:g} points)")
