"""Read a notebook's source, ``notebooks/src/NN_name.py``: jupytext's percent format with the course's roles.

A source is an ordinary jupytext "percent" script: JupyterLab (with jupytext) and VS Code open it as a
notebook, and ``python`` can run it. Each cell starts with a ``# %%`` line; the course's own roles are
jupytext cell metadata on that line:

    # %% [markdown]                          prose; ``{{expression:format}}`` quotes a result of the run
    # %%                                     code
    # %% tags=["export"]                     code the notebook teaches: ``lh.taught("NN")`` imports it
    # %% tags=["solution"]                   an exercise's worked solution (folded in the course notebook)
    # %% [raw] tags=["benchmark"]            lines ``stable_key = expression``: the figures `make benchmark`
                                             reads from the finished kernel (a key ending in .npy: an array)
    # %% [raw] tags=["claims"]               lines ``expression  # "words of the sentence it guards"``:
                                             each must be true in the finished kernel (tests run them)
    # %% [markdown] slideshow={"slide_type": "slide"}     on the slide deck (also "subslide", "fragment")
                                             of a notebook that has no deck cells (the builder's default)
    # %% [raw] tags=["deck"]                 one slide of the lecture deck: a title and at most three short
                                             bullets (markdown); a paragraph "Answer: ..." appears on the
                                             next click. The prose below it, up to the next deck cell, is
                                             the slide's speaker notes. No edition but the deck shows it.
    # %% deck="figure"                       (plain code cell) its pictures go large on the slide above it;
                                             deck="output" shows all its outputs (a printed table)

**Placeholders.** A number the prose quotes from a computed result is written ``{{name:.2f}}``: an
expression, then a format spec as in an f-string. `make execute` evaluates it in the kernel at that
point of the notebook (after every code cell above it ran) and writes the figure into the committed
notebook; the source keeps the name. A ``{{`` that is not a placeholder is written ``{{"{{"}}``.

**Claims.** A comparison or conclusion the prose draws (``the GAN's samples are surer than the VAE's``)
has a line in a claims cell: a Python expression evaluated in the finished kernel, and a comment quoting
words of the sentence it guards, which must appear in the notebook's prose, so a failing claim names its
sentence.
"""
from __future__ import annotations

import functools
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "notebooks" / "src"
ROLES = ("markdown", "code", "export", "solution", "benchmark", "claims", "deck")
#: Slide words a markdown or plain code cell may carry (``slideshow.slide_type``).
SLIDE_TYPES = ("slide", "subslide", "fragment", "notes", "skip")
#: The cell metadata a source may carry (anything else is refused: editors sometimes add their own).
METADATA_KEYS = ("tags", "slideshow", "deck")
#: What a plain code cell's ``deck`` word puts on the slide of the deck cell above it.
DECK_WORDS = ("figure", "output")
_TAG_ROLES = {"export": "code", "solution": "code", "benchmark": "raw", "claims": "raw", "deck": "raw"}
FORMAT = "py:percent"

PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}(?!\})", re.S)
_METRIC = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.npy)?)\s*=\s*(.+)$")
_SPEC = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?\d*[,_]?(?:\.\d+)?[bcdeEfFgGnosxX%]?$")


class SourceError(ValueError):
    """A notebook source breaks the course's format; the message names the file and line."""


@dataclass(frozen=True)
class Cell:
    """One cell of a source: its role, its text (uncommented, as the notebook shows it), its slide word
    (None if it is not on the slide deck), the line of its ``# %%`` marker and its deck word (a code
    cell whose output goes on the lecture deck: "figure" or "output")."""

    role: str
    source: str
    slide: str | None
    line: int
    deck: str | None = None


@dataclass(frozen=True)
class Placeholder:
    """``{{expression:spec}}`` in prose; ``text`` is everything between the braces."""

    text: str
    expression: str
    spec: str


@dataclass(frozen=True)
class Claim:
    """One line of a claims cell: ``expression  # "quoted words" ...``."""

    expression: str
    comment: str
    quote: str
    line: int


def _marker_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("# %%")]


def read_cells(text: str, where: str = "<source>") -> list[Cell]:
    """The cells of a source text, each with its role; raises :class:`SourceError` on a malformed one.

    Reading is remembered per text (a test session reads each source many times; jupytext's parse is the
    slow part): a new list of the same frozen cells each time."""
    return list(_read_cells(text, where))


@functools.lru_cache(maxsize=64)
def _read_cells(text: str, where: str) -> tuple[Cell, ...]:
    if not text.startswith("# %%"):
        raise SourceError(f"{where}: a source starts with a '# %%' cell marker (line 1 is {text.splitlines()[:1]})")
    nb = jupytext.reads(text, fmt=FORMAT)
    lines = _marker_lines(text)
    if len(lines) != len(nb.cells):
        raise SourceError(f"{where}: {len(lines)} '# %%' markers but jupytext read {len(nb.cells)} cells")
    cells = []
    for cell, line in zip(nb.cells, lines):
        meta = {k: v for k, v in cell.metadata.items() if k not in ("lines_to_next_cell", "lines_to_end_of_cell_marker")}
        unknown = set(meta) - set(METADATA_KEYS)
        if unknown:
            raise SourceError(f"{where}:{line}: unknown cell metadata {sorted(unknown)}; a source uses only "
                              f"{', '.join(METADATA_KEYS)}")
        tags = meta.get("tags", [])
        roles = [t for t in tags if t in _TAG_ROLES]
        if len(roles) > 1 or set(tags) - set(roles):
            raise SourceError(f"{where}:{line}: tags {tags}: a cell takes at most one of {', '.join(_TAG_ROLES)}")
        if roles:
            role = roles[0]
            if cell.cell_type != _TAG_ROLES[role]:
                kind = "[raw]" if _TAG_ROLES[role] == "raw" else "code"
                raise SourceError(f"{where}:{line}: a {role} cell is a {kind} cell: '# %% "
                                  f"{'[raw] ' if kind == '[raw]' else ''}tags=[\"{role}\"]'")
        elif cell.cell_type in ("markdown", "code"):
            role = cell.cell_type
        else:
            raise SourceError(f"{where}:{line}: a {cell.cell_type} cell needs a role: tags=[\"benchmark\"], "
                              f"[\"claims\"] or [\"deck\"]")
        slide = meta.get("slideshow", {}).get("slide_type")
        if slide is not None and (slide not in SLIDE_TYPES or role not in ("markdown", "code")):
            raise SourceError(f"{where}:{line}: slide_type {slide!r}: markdown and plain code cells take one of "
                              f"{', '.join(SLIDE_TYPES)}")
        deck = meta.get("deck")
        if deck is not None and (deck not in DECK_WORDS or role != "code"):
            raise SourceError(f"{where}:{line}: deck={deck!r}: a plain code cell takes deck=\"figure\" or "
                              f"deck=\"output\" (its outputs go on the deck slide above it)")
        cells.append(Cell(role, cell.source, slide, line, deck))
    return tuple(cells)


def read(path: str | Path) -> list[Cell]:
    """The cells of the source file ``path``."""
    path = Path(path)
    return read_cells(path.read_text(), where=str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))


def source_path(stem: str) -> Path:
    return SOURCES / f"{stem}.py"


def sources() -> list[Path]:
    """Every notebook source, in course order."""
    return sorted(SOURCES.glob("[0-9][0-9]_*.py"))


# ---------------------------------------------------------------- placeholders
def _split_spec(inner: str) -> tuple[str, str]:
    """``expr:spec`` at the last colon outside brackets and strings; no such colon: no spec."""
    depth, quote, split_at = 0, None, None
    i = 0
    while i < len(inner):
        ch = inner[i]
        if quote:
            if ch == "\\":
                i += 1
            elif inner.startswith(quote, i):
                i += len(quote) - 1
                quote = None
        elif ch in "'\"":
            quote = inner[i:i + 3] if inner[i:i + 3] in ("'''", '"""') else ch
            i += len(quote) - 1
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == ":" and depth == 0:
            split_at = i
        i += 1
    if split_at is None:
        return inner.strip(), ""
    return inner[:split_at].strip(), inner[split_at + 1:].strip()


def placeholders(markdown: str) -> list[Placeholder]:
    """The placeholders of a markdown text, in order (repeats included)."""
    found = []
    for m in PLACEHOLDER.finditer(markdown):
        inner = m.group(1)
        expression, spec = _split_spec(inner)
        if not expression:
            raise SourceError(f"empty placeholder {{{{{inner}}}}}")
        if not _SPEC.match(spec):
            raise SourceError(f"placeholder {{{{{inner}}}}}: {spec!r} is not a format spec (such as .2f, .0%, ,d)")
        try:
            compile(expression, "<placeholder>", "eval")
        except SyntaxError as e:
            raise SourceError(f"placeholder {{{{{inner}}}}}: {expression!r} is not a Python expression ({e.msg})") from None
        found.append(Placeholder(inner, expression, spec))
    return found


def evaluation_code(ph: Placeholder) -> str:
    """A Python expression that gives the placeholder's text as a string, evaluated in the kernel."""
    return f"format(({ph.expression}), {ph.spec!r})"


def render(markdown: str, filled: dict[str, str]) -> str:
    """The markdown with each placeholder replaced by its figure from ``filled`` (keyed by its text)."""
    def one(m: re.Match) -> str:
        if m.group(1) not in filled:
            raise KeyError(f"no value for the placeholder {{{{{m.group(1)}}}}}")
        return filled[m.group(1)]
    return PLACEHOLDER.sub(one, markdown)


# ---------------------------------------------------------------- benchmark figures and claims
def _lines(cells: list[Cell], role: str):
    for cell in cells:
        if cell.role != role:
            continue
        for offset, line in enumerate(cell.source.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield cell.line + offset, line.strip()


def benchmark_figures(cells: list[Cell]) -> dict[str, str]:
    """``{stable_key: expression}`` from the source's benchmark cells."""
    figures = {}
    for line_no, line in _lines(cells, "benchmark"):
        m = _METRIC.match(line)
        if not m:
            raise SourceError(f"line {line_no}: benchmark line {line!r} must read 'stable_key = expression'")
        if m.group(1) in figures:
            raise SourceError(f"line {line_no}: benchmark key {m.group(1)!r} is declared twice")
        figures[m.group(1)] = m.group(2).strip()
    return figures


def _code_and_comment(line: str) -> tuple[str, str]:
    tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            return line[:tok.start[1]].strip(), tok.string.lstrip("#").strip()
    return line.strip(), ""


def claims(cells: list[Cell]) -> list[Claim]:
    """The claims of a source, each with the quoted words of the sentence it guards."""
    found = []
    for line_no, line in _lines(cells, "claims"):
        try:
            expression, comment = _code_and_comment(line)
            compile(expression, "<claim>", "eval")
        except (SyntaxError, tokenize.TokenError) as e:
            raise SourceError(f"line {line_no}: claim {line!r} is not a Python expression ({e})") from None
        quote = re.search(r'"([^"]+)"', comment)
        if not quote:
            raise SourceError(f'line {line_no}: claim {line!r} needs a comment quoting the words it guards: '
                              f'`expression  # "words of the sentence"`')
        found.append(Claim(expression, comment, quote.group(1), line_no))
    return found


def normalise(text: str) -> str:
    """Prose as claims quote it: lower case, markdown emphasis and code marks dropped, spaces collapsed."""
    text = re.sub(r"[*_`]", "", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def unquoted_claims(cells: list[Cell]) -> list[Claim]:
    """Claims whose quoted words appear in none of the source's markdown cells."""
    prose = normalise("\n".join(c.source for c in cells if c.role == "markdown"))
    return [c for c in claims(cells) if normalise(c.quote) not in prose]


def export_code(cells: list[Cell]) -> list[str]:
    """The export cells' code, in order."""
    return [c.source for c in cells if c.role == "export"]
