"""The examples in latent_helpers' docstrings run and print what they say."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import latent_helpers

MODULES = sorted(m.name for m in pkgutil.walk_packages(latent_helpers.__path__, "latent_helpers."))


def test_modules_found():
    assert "latent_helpers.decoding" in MODULES and len(MODULES) >= 15


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} docstring examples failed"
