"""Where the modules that were regrouped by concept went, so that code written against them still runs.

Until the helpers were grouped by concept, some modules were per chapter (``data``, ``toy``,
``furniture``, ``corpora``, ``text``, ``compression``...). Their names now live in the modules
listed below (ARCHITECTURE.md has the table). ``lh.text`` (or ``from latent_helpers import text``)
gives an :class:`OldModule` that finds each old name in its new home, with a DeprecationWarning that
says where to look; the names themselves are on the front door, ``lh.<name>``.
"""
from __future__ import annotations

import importlib
import types

#: old module -> the modules its names went to, searched in this order
OLD_MODULES: dict[str, tuple[str, ...]] = {
    "compression": ("sizes",),
    "corpora": ("datasets.corpora", "datasets.newsgroups", "datasets.safe_pickle"),
    "data": ("datasets.digits", "datasets.online"),
    "factors": ("datasets.factors",),
    "furniture": ("datasets.furniture",),
    "interpolation": ("paths",),
    "text": ("embeddings", "datasets.word_sets", "datasets.corpora", "datasets.gensim_data"),
    "toy": ("datasets.toy",),
}
#: (old module, old name) -> the name it has now, where it changed
RENAMED: dict[tuple[str, str], str] = {
    ("furniture", "render"): "render_furniture",
    ("furniture", "FACTOR_RANGES"): "FURNITURE_RANGES",
}


class OldModule(types.ModuleType):
    """An old module name: each attribute is looked up in the modules its names went to."""

    def __init__(self, package: str, old: str):
        super().__init__(f"{package}.{old}", f"Moved: the names of {package}.{old} are now in "
                                             + ", ".join(f"{package}.{m}" for m in OLD_MODULES[old]) + ".")
        self._package, self._old = package, old

    def _homes(self) -> list[types.ModuleType]:
        return [importlib.import_module(f"{self._package}.{m}") for m in OLD_MODULES[self._old]]

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        new = RENAMED.get((self._old, name), name)
        for home in self._homes():
            if hasattr(home, new):
                return getattr(home, new)
        raise AttributeError(f"{self.__name__} had no {name!r}; it was split into "
                             + ", ".join(f"{self._package}.{m}" for m in OLD_MODULES[self._old]))

    def __dir__(self) -> list[str]:
        names = {n for home in self._homes() for n in getattr(home, "__all__", ())}
        return sorted(names | {old for (module, old) in RENAMED if module == self._old})
