"""Reading the text files learners bring (word lists, similarity and analogy sets, corpora, vector files).

:func:`text_lines` is the one reader behind them. It yields the lines of a plain, ``.gz`` or ``.bz2``
file (told apart by their first bytes, not by the name) and turns every way such a file goes wrong
into a ``ValueError`` that names the file and the line, instead of garbage that flows on silently:

- bytes that are not text in the expected encoding (a Windows-1252 word list read as UTF-8): the
  line, the column and the byte, and how to re-save the file;
- a binary file given as text (a checkpoint, a picture, a pickle): a NUL byte says so;
- a compressed file that ends early (an interrupted download) or is damaged: the last line read;
- a file saved as UTF-16.

A UTF-8 byte-order mark (Notepad's "UTF-8 with BOM") is accepted and dropped.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "words.txt"
>>> _ = p.write_bytes(b"\\xef\\xbb\\xbfcat\\ndog\\n")
>>> [line for _, line in text_lines(p)]
['cat', 'dog']
>>> _ = p.write_bytes(b"cat\\ncaf\\xe9\\n")
>>> try:
...     list(text_lines(p))
... except ValueError as exc:
...     print(str(exc)[:57])
words.txt, line 2: byte 0xe9 (column 4) is not utf-8 text
"""
from __future__ import annotations

import bz2
import gzip
import os
import zlib
from pathlib import Path
from typing import Iterator

from ..validation import as_path

BOM_UTF8 = b"\xef\xbb\xbf"
NUL = b"\x00"
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2"}


def compression(path: str | os.PathLike) -> str | None:
    """``"gzip"``, ``"bz2"`` or None (plain), from the file's first bytes."""
    with open(path, "rb") as f:
        head = f.read(3)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def _open(path: Path, kind: str | None):
    if kind == "gzip":
        return gzip.open(path, "rb")
    if kind == "bz2":
        return bz2.open(path, "rb")
    return open(path, "rb")


def text_lines(path: str | os.PathLike, name: str = "path", encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for each line of a text file, plain or compressed, newline removed.

    ``name`` is the argument the path came in (for messages about the argument itself); messages about
    the file's contents name the file and the line.
    """
    path = as_path(path, name, must_exist=True)
    kind = compression(path)
    label = path.name
    number = 0
    try:
        with _open(path, kind) as f:
            for number, raw in enumerate(f, 1):
                if number == 1:
                    if raw.startswith(_BOMS_UTF16):
                        raise ValueError(f"{label} is saved as UTF-16 text; save it as UTF-8 (the course reads "
                                         "UTF-8 files)")
                    if raw.startswith(BOM_UTF8):
                        raw = raw[len(BOM_UTF8):]
                nul = raw.find(NUL)
                if nul >= 0:
                    raise ValueError(f"{label}, line {number}: a NUL byte (column {nul + 1}): "
                                     "this is a binary file, not text (a checkpoint, a picture, a pickle?)")
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    byte = raw[exc.start]
                    raise ValueError(
                        f"{label}, line {number}: byte 0x{byte:02x} (column {exc.start + 1}) is not {encoding} text "
                        "(if this is not a text file at all, it is the wrong file). Save the file as UTF-8 (an editor's "
                        "\"Save as... UTF-8\"; in Python: "
                        "p.write_text(p.read_text(encoding=\"cp1252\"), encoding=\"utf-8\"))") from None
                yield number, text.rstrip("\r\n")
    except (EOFError, OSError, zlib.error) as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
            raise
        what = f"the {kind} file" if kind else "the file"
        raise ValueError(f"{label}, line {number + 1}: {what} ends early or is damaged: truncated (an interrupted "
                         f"download or copy?) or not {kind or 'text'} data ({exc}). Fetch or copy it again") from exc


__all__ = ["BOM_UTF8", "compression", "text_lines"]
