"""Keep torch's compiler out of memory until something really uses it.

Every ``torch.optim`` optimizer imports ``torch._dynamo`` (torch's compiler front end, which pulls in
sympy) on first use, only to call two functions that do nothing outside ``torch.compile``:
``disable(fn)`` (returns a function that calls ``fn``) and ``graph_break()`` (a no-op). With the
build ``requirements.txt`` installs that import costs about 150 MB, enough to push a notebook past
its 1 GB budget.

:func:`install` puts a small stand-in for ``torch._dynamo`` in ``sys.modules`` that answers those
two calls the same way eager torch does, and loads the real module the moment any other attribute
is asked for (``torch.compile``, ``torch._dynamo.config``...), so nothing else changes. It does
nothing if ``torch._dynamo`` is already loaded, or if ``LATENT_REAL_DYNAMO=1`` is set.
"""
from __future__ import annotations

import importlib
import os
import sys
import types

_NAME = "torch._dynamo"


class _LazyDynamo(types.ModuleType):
    """Stands in for ``torch._dynamo`` until something needs more than ``disable``/``graph_break``."""

    _real: types.ModuleType | None = None

    @staticmethod
    def disable(fn=None, recursive: bool = True, *, wrapping: bool = True, reason=None):
        # eager semantics: a disabled function is just the function
        if fn is None:
            return lambda f: f
        return fn

    @staticmethod
    def graph_break(msg: str = "") -> None:
        return None

    def __getattr__(self, name: str):
        return getattr(_load_real(), name)


def _load_real() -> types.ModuleType:
    stub = sys.modules.get(_NAME)
    if isinstance(stub, _LazyDynamo):
        if stub._real is not None:
            return stub._real
        del sys.modules[_NAME]
        import torch
        if getattr(torch, "_dynamo", None) is stub:
            delattr(torch, "_dynamo")
        real = importlib.import_module(_NAME)
        stub._real = real
        return real
    return importlib.import_module(_NAME)


def install() -> bool:
    """Put the stand-in in place; returns True if it did (False: real dynamo already loaded, or opted out)."""
    if os.environ.get("LATENT_REAL_DYNAMO") == "1" or _NAME in sys.modules:
        return False
    import torch

    stub = _LazyDynamo(_NAME, "Stand-in for torch._dynamo (see latent_helpers/_lean.py); loads the real one on demand.")
    sys.modules[_NAME] = stub
    return True
