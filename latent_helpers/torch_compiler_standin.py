"""A stand-in for ``torch._dynamo`` (torch's compiler) that keeps it out of memory until something uses it.

Every ``torch.optim`` optimizer imports ``torch._dynamo`` (torch's compiler front end, which pulls in
sympy) when it is made, only to call two functions that do nothing outside ``torch.compile``:
``disable(fn)`` (returns a function that calls ``fn``) and ``graph_break()`` (a no-op). With the
build ``requirements.txt`` installs that import costs about 150 MB, enough to push a notebook past
its memory budget.

:func:`install` puts a small stand-in for ``torch._dynamo`` in ``sys.modules`` that answers those
two calls the same way eager torch does, and loads the real module the moment any other attribute
is asked for (``torch.compile``, ``torch._dynamo.config``...), so nothing else changes.
``import latent_helpers`` calls it, so the stand-in is in place before any optimizer is made.

It was written for, and checked against, the torch of ``requirements.txt`` (:data:`WRITTEN_FOR`, any
patch release). On another torch it installs nothing and the real module loads as usual: a new torch
may call more of ``torch._dynamo`` from its optimizers. It also does nothing if ``torch._dynamo`` is
already loaded, or if the environment sets ``LATENT_REAL_DYNAMO=1``.
"""
from __future__ import annotations

import importlib
import os
import sys
import types

_NAME = "torch._dynamo"
#: the torch release (major.minor) whose optimizers this stand-in was checked against
WRITTEN_FOR = "2.14"
#: set to 1, this environment variable keeps the real ``torch._dynamo``
OPT_OUT_ENV = "LATENT_REAL_DYNAMO"


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


def supports(torch_version: str) -> bool:
    """Was the stand-in written for this torch version (``"2.14.1+cpu"``: yes; ``"2.15.0"``: no)?

    >>> supports("2.14.1+cu130"), supports("2.14.0"), supports("2.15.0"), supports("2.1.4")
    (True, True, False, False)
    """
    return torch_version.split("+")[0].split(".")[:2] == WRITTEN_FOR.split(".")


def install() -> bool:
    """Put the stand-in in place; True if it did.

    False, and nothing changed, when ``torch._dynamo`` is already loaded, when ``LATENT_REAL_DYNAMO=1``
    is set, or when torch is not the release the stand-in was written for (:func:`supports`).
    """
    if os.environ.get(OPT_OUT_ENV) == "1" or _NAME in sys.modules:
        return False
    import torch

    if not supports(torch.__version__):
        return False
    stub = _LazyDynamo(_NAME, "Stand-in for torch._dynamo (see latent_helpers/torch_compiler_standin.py); "
                              "loads the real one on demand.")
    sys.modules[_NAME] = stub
    return True


__all__ = ["OPT_OUT_ENV", "WRITTEN_FOR", "install", "supports"]
