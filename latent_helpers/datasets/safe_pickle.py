"""Reading pickles without running them: plain data only (dicts, lists, text, numbers, numpy arrays, Bunch).

gensim ships 200 newsgroup posts as a zlib-compressed *pickle* of a scikit-learn ``Bunch``, and
scikit-learn caches the full 20 Newsgroups the same way. A pickle can run any code while it loads, so
the course reads them only with :class:`RestrictedUnpickler`, which allows the few container classes
such a file needs and refuses everything else (:func:`read_pickle_restricted` opens the file).
"""
from __future__ import annotations

import copyreg
import io
import os
import pickle
import re
import zlib
from typing import Any

import numpy as np

from ..validation import as_path, short_repr

#: the biggest decompressed pickle the reader accepts (gensim's mini_newsgroup is 0.56 MB; the
#: full 20 Newsgroups cache about 60 MB): a guard against a small file that inflates without end
MAX_PICKLE_BYTES = 200 * 2 ** 20


class RefusedPickle(pickle.UnpicklingError):
    """A pickle asked for a class or function the restricted reader does not build."""


def _bunch_class():
    from sklearn.utils import Bunch

    return Bunch


def _safe_reconstructor(cls, base, state):
    """``copyreg._reconstructor`` (how Python 2 pickled a dict subclass), for a Bunch built on a dict only."""
    if cls is not _bunch_class() or base is not dict:
        raise RefusedPickle(f"refused: rebuilding {short_repr(cls)} on {short_repr(base)} (only a Bunch on a dict)")
    return copyreg._reconstructor(cls, base, state)


def _plain_dtype(dtype: np.dtype) -> np.dtype:
    if dtype.hasobject:
        raise RefusedPickle("refused: an array of Python objects (only numbers and text are allowed)")
    return dtype


def _safe_dtype(*args):
    return _plain_dtype(np.dtype(*args))


_ARRAY_RECONSTRUCT = np.zeros(1).__reduce__()[0]   # numpy's own _reconstruct, wherever numpy keeps it


def _safe_array_reconstruct(subtype, shape, dtype):
    if subtype is not np.ndarray:
        raise RefusedPickle(f"refused: an array of class {short_repr(subtype)} (only numpy.ndarray)")
    return _ARRAY_RECONSTRUCT(subtype, shape, dtype)


def _safe_frombuffer(buffer, dtype, shape, order):
    """Protocol-5 pickles rebuild arrays from a byte buffer: plain dtypes only."""
    arr = np.frombuffer(buffer, dtype=_plain_dtype(np.dtype(dtype)))
    return arr.reshape(shape, order=order)


def _safe_latin1_bytes(text, encoding="latin1"):
    """How Python 3 writes bytes in protocols 0-2: ``_codecs.encode(text, "latin1")``; that codec only."""
    if not isinstance(text, str) or encoding not in ("latin1", "latin-1"):
        raise RefusedPickle(f"refused: _codecs.encode with {short_repr(encoding)} (only latin1 text to bytes)")
    return text.encode("latin1")


class RestrictedUnpickler(pickle.Unpickler):
    """A pickle reader that builds only plain data: dicts, lists, text, numbers, numpy arrays of
    numbers or text, and scikit-learn's ``Bunch``. Any other class or function a pickle names (the
    way a malicious pickle runs code: ``os.system``, ``eval``, ``subprocess.Popen``...) is refused
    with an ``UnpicklingError`` before anything runs.

    Accepted names cover both how Python 2 wrote them (``copy_reg``, ``__builtin__``,
    ``sklearn.datasets.base``, ``numpy.core``) and how Python 3 does.

    >>> import pickle, io, os
    >>> RestrictedUnpickler(io.BytesIO(pickle.dumps({"a": [1, 2]}))).load()
    {'a': [1, 2]}
    >>> class Evil:
    ...     def __reduce__(self):
    ...         return (os.system, ("echo hacked",))
    >>> try:
    ...     RestrictedUnpickler(io.BytesIO(pickle.dumps(Evil()))).load()
    ... except pickle.UnpicklingError as exc:
    ...     print(str(exc).split(":")[0])
    refused to load ...system
    """

    def __init__(self, file, *, encoding: str = "latin1"):
        # latin1: Python 2 wrote numpy's raw bytes as 8-bit strings; latin1 keeps each byte as it is
        super().__init__(file, encoding=encoding)

    def find_class(self, module: str, name: str):
        key = (module, name)
        if key in {("copy_reg", "_reconstructor"), ("copyreg", "_reconstructor")}:
            return _safe_reconstructor
        if key in {("__builtin__", "dict"), ("builtins", "dict")}:
            return dict
        if key in {("__builtin__", "list"), ("builtins", "list")}:
            return list
        if name == "Bunch" and module in {"sklearn.datasets.base", "sklearn.utils", "sklearn.utils._bunch"}:
            return _bunch_class()
        if name == "_reconstruct" and module in {"numpy.core.multiarray", "numpy._core.multiarray"}:
            return _safe_array_reconstruct
        if name == "_frombuffer" and module in {"numpy.core.numeric", "numpy._core.numeric"}:
            return _safe_frombuffer
        if key == ("_codecs", "encode"):
            return _safe_latin1_bytes
        if key == ("numpy", "ndarray"):
            return np.ndarray
        if key == ("numpy", "dtype"):
            return _safe_dtype
        if module in {"numpy", "numpy.dtypes"} and re.fullmatch(r"(Int|UInt|Float|Bool|Str|Bytes)\d*DType", name):
            return getattr(np.dtypes, name)   # numpy 2 names a dtype's class when pickling it
        raise RefusedPickle(f"refused to load {module}.{name}: this reader builds only plain data "
                                     "(dicts, lists, text, numbers, numpy arrays, Bunch)")


def read_pickle_restricted(path: str | os.PathLike) -> Any:
    """Read a pickle (plain, or zlib-compressed as gensim and scikit-learn store theirs) with
    :class:`RestrictedUnpickler`: plain data only, never code.

    Raises :class:`RefusedPickle` (a ``pickle.UnpicklingError``) naming what it refused, ``ValueError``
    for a file that is not a pickle, is cut short, or inflates beyond ``MAX_PICKLE_BYTES``.
    """
    file = as_path(path, "path", must_exist=True)
    raw = file.read_bytes()
    if raw[:1] == b"\x78":   # zlib's first byte (a pickle starts with 0x80 or an opcode such as '(' or 'c')
        inflate = zlib.decompressobj()
        try:
            raw = inflate.decompress(raw, MAX_PICKLE_BYTES + 1)
        except zlib.error as exc:
            raise ValueError(f"path: {file.name} looks zlib-compressed but does not inflate ({exc})") from exc
        if len(raw) > MAX_PICKLE_BYTES or inflate.unconsumed_tail:
            raise ValueError(f"path: {file.name} inflates to more than {MAX_PICKLE_BYTES // 2 ** 20} MB; refused")
    try:
        return RestrictedUnpickler(io.BytesIO(raw)).load()
    except RefusedPickle:
        raise
    except Exception as exc:   # truncated or not a pickle at all
        raise ValueError(f"path: {file.name} is not a readable pickle ({type(exc).__name__}: {exc})") from exc


__all__ = ["MAX_PICKLE_BYTES", "RefusedPickle", "RestrictedUnpickler", "read_pickle_restricted"]
