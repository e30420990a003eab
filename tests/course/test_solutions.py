"""Every exercise has a worked solution that runs its check, and the test edition runs them all.

The course notebooks show solutions folded (markdown). nbval runs each notebook's test edition
(``scripts/make_notebook.py``, collected through the repository's conftest.py): the solutions as
code cells that end by asserting their check, in the same kernel as the rest, so a solution that
stops passing fails ``make test``. Here: the structure that makes that true.
"""
from __future__ import annotations

import pytest

from make_notebook import instructor_notebook, edition_for_tests
from notebook_source import claims, read, source_path, sources

SRCS = sources()


def test_there_are_sources():
    assert SRCS, "no notebook sources in notebooks/src"


@pytest.mark.parametrize("src", SRCS, ids=lambda p: p.stem)
def test_every_exercise_has_a_solution_that_asserts_its_check(src):
    solutions = [c for c in read(src) if c.role == "solution"]
    assert len(solutions) >= 3, f"{src.name}: at least 3 checked exercises with solutions"
    for cell in solutions:
        assert any(line.startswith("assert check_") for line in cell.source.splitlines()), (
            f"{src.name}:{cell.line}: a solution asserts its check: `assert check_...(...)`")


@pytest.mark.parametrize("src", SRCS, ids=lambda p: p.stem)
def test_the_test_edition_runs_solutions_placeholders_and_claims(src):
    edition = edition_for_tests(src.stem)
    course = instructor_notebook(src.stem)
    tags = [t for c in edition.cells for t in c.metadata.get("tags", [])]
    solutions = [c for c in edition.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == sum(c.role == "solution" for c in read(src))
    assert all("__course_restore_random_state" in c.source for c in solutions)
    assert tags.count("course-test-helpers") == 1
    assert tags.count("course-test-claims") == (1 if claims(read(source_path(src.stem))) else 0)
    # every other cell is the committed notebook's, outputs and all, in order
    kept = [c for c in edition.cells if not any(t.startswith("course-test-") for t in c.metadata.get("tags", []))]
    assert [c.source for c in kept if "solution" not in c.metadata.get("tags", [])] == [
        c.source for c in course.cells if "solution" not in c.metadata.get("tags", [])]
    assert [c.get("outputs") for c in kept if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])] == [
        c.get("outputs") for c in course.cells if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])]


def test_a_false_claim_fails_and_names_its_sentence():
    """The checks the test edition adds are not vacuous."""
    import make_notebook

    namespace = {}
    exec(make_notebook._TEST_HELPERS, namespace)
    namespace.update(gan=0.8, vae=0.9)
    with pytest.raises(AssertionError, match="line 12: `gan > vae` is false; it guards \"surer than the VAE's\""):
        namespace["__course_claims"]([(12, "gan > vae", "surer than the VAE's")], namespace)
    with pytest.raises(AssertionError, match="name 'missing' is not defined"):
        namespace["__course_claims"]([(3, "missing > 0", "x")], namespace)
    with pytest.raises(AssertionError, match="placeholders that name nothing"):
        namespace["__course_placeholders"]([("nothing:.2f", "format((nothing), '.2f')")], namespace)
    namespace["__course_placeholders"]([("gan:.2f", "format((gan), '.2f')")], namespace)
