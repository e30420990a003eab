"""nbval's check of a notebook, applied to a notebook that ran somewhere else (JupyterLab, in the browser tests).

``make test`` runs each course notebook's test edition once: under nbval, or, where Chromium drives
JupyterLab, in the browser test of that notebook, which then checks the run as nbval would and nbval
leaves the notebook out (tests/browser/conftest.py). The check is nbval's own code, in lax mode
(``--nbval-lax``, as ``make test`` runs it):

- no cell may end in an error (nbval fails the cell);
- every cell marked ``# NBVAL_CHECK_OUTPUT`` (or tagged ``nbval-check-output``) whose reference ran must
  give the reference's outputs: nbval's ``coalesce_streams`` and ``IPyNbCell.compare_outputs`` with its
  default skips (metadata, execution counts, PNG and JPEG pictures, widget model ids), no sanitizers.
"""
from __future__ import annotations

from collections import defaultdict

import nbformat

from nbval import plugin as _nbval

# nbval's IPyNbFile.skip_compare without --nbdime, as make test runs it
SKIP_COMPARE = ("metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
                "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg")


class _Cell:
    """What nbval's ``IPyNbCell.compare_outputs`` reads of its item: the parent's skips and sanitizers, colours,
    the hook that formats a difference."""

    def __init__(self):
        self.parent = type("Parent", (), {"skip_compare": SKIP_COMPARE, "sanitize_patterns": {}})()
        self.colors = _nbval.nocolors
        self.comparison_traceback: list[str] = []
        # no pytest assertion rewriting outside a test item: nbval's fallback shows both outputs in full
        self.config = None
        self.ihook = type("Hooks", (), {"pytest_assertrepr_compare": staticmethod(lambda **kwargs: [])})()

    def sanitize(self, s):
        return _nbval.IPyNbCell.sanitize(self, s)

    def format_output_compare(self, key, left, right):
        return _nbval.IPyNbCell.format_output_compare(self, key, left, right)

    def compare_outputs(self, test, ref):
        return _nbval.IPyNbCell.compare_outputs(self, test, ref)


def is_checked(cell) -> bool:
    """Whether nbval in lax mode compares this code cell's outputs (its comment markers win over its tags)."""
    options = defaultdict(bool, _nbval.find_metadata_tags(cell.metadata))
    options.update(dict(_nbval.find_comment_markers(cell.source)))
    return bool(options["check"]) and not options["skip"]


def _outputs(cell) -> list:
    return [nbformat.from_dict(o) for o in cell.get("outputs", [])]


def differences(reference: nbformat.NotebookNode, ran: nbformat.NotebookNode) -> list[str]:
    """What nbval would report for ``ran`` (the notebook as it ran) against ``reference`` (the notebook nbval
    would read: its outputs are the expected ones); an empty list when nbval would pass every cell.

    Both must have the same code cells in the same order (``ran`` is ``reference`` run elsewhere)."""
    for name, nb in (("reference", reference), ("ran", ran)):
        if not isinstance(nb, nbformat.NotebookNode) or "cells" not in nb:
            raise TypeError(f"{name} must be a notebook (nbformat.NotebookNode), not {type(nb).__name__}")
    ref_cells = [c for c in reference.cells if c.cell_type == "code"]
    ran_cells = [c for c in ran.cells if c.cell_type == "code"]
    if [c.source for c in ref_cells] != [c.source for c in ran_cells]:
        return [f"the notebook that ran has other code cells than its reference ({len(ran_cells)} code cells, "
                f"reference {len(ref_cells)}): not the same notebook"]
    problems = []
    for i, (ref, got) in enumerate(zip(ref_cells, ran_cells)):
        outs = _outputs(got)
        errors = [o for o in outs if o.output_type == "error"]
        if errors:
            e = errors[0]
            problems.append(f"Cell {i}: Cell execution caused an exception: {e.get('ename')}: {e.get('evalue')}")
            continue
        if got.get("execution_count") is None:
            problems.append(f"Cell {i}: did not run")
            continue
        if ref.get("execution_count") is None:
            if ref.get("outputs"):
                problems.append(f"Cell {i}: Unrun reference cell has outputs")
            continue
        if is_checked(ref):
            check = _Cell()
            if not check.compare_outputs(_nbval.coalesce_streams(outs), _nbval.coalesce_streams(_outputs(ref))):
                problems.append(f"Cell {i}: Cell outputs differ\n" + "\n".join(check.comparison_traceback)
                                + f"\n(the cell: {ref.source[:300]!r})")
    return problems
