"""What the tests share that is not a fixture: the repository's path, and the helpers in this package.

Importable as ``support`` because pyproject.toml's pytest ``pythonpath`` lists ``tests``:
``from support import ROOT``, ``from support.makecmd import run_make``,
``from support.feedback_asserts import assert_not_yet``. Fixtures live in the conftest.py files.
"""
from pathlib import Path

#: the repository's top folder
ROOT = Path(__file__).resolve().parent.parent.parent
