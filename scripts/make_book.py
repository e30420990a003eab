"""Build the course's website, a static book, from the committed and executed notebooks, with no network.

    make book                                   # installs .venv-book/ (first time), then runs this script
    .venv-book/bin/python scripts/make_book.py  # build/book/ (open build/book/index.html, or serve the folder)
    .venv-book/bin/python scripts/make_book.py --notebooks DIR --out DIR   # the notebooks of another folder

Sphinx with myst-nb and sphinx-book-theme (pinned in requirements-book.txt) renders the notebooks as they
are committed: nothing is executed. Before Sphinx runs, the pages' sources are laid out in
``build/book-src/`` in the repository's own layout, so that the links between the course's files work on
the site unchanged:

- ``index.md``, the landing page, is README.md as it is at build time; ``TEACHING.md`` (the lecturer's
  page) and ``data/README.md`` (data provenance) likewise. A link to a file of the repository that is not
  a page of the book points at that file on GitHub; a remote image (a badge) becomes its alt text, as a link;
- ``notebooks/NN_name.ipynb`` (every ``[0-9][0-9]_*.ipynb``, in order) is the committed notebook as the
  site shows it: the title's "Open in Colab" badge replaced by launch buttons for Binder and Colab and a
  download of the notebook; the Colab set-up cell left out; a widget's live view replaced by what works
  without a kernel (its ``text/html`` static fallback where it has one, else its still picture; a progress
  bar, which has neither, is left out); the widget state the page would need a widget manager for dropped;
- the committed notebooks themselves are copied beside their pages (``notebooks/NN_name.ipynb``): the
  download button's file.

Math becomes MathML at build time (``scripts/book/book_mathml.py``), which browsers draw themselves: no
MathJax, no CDN. Solutions and "Think first" answers stay in their folded ``<details>``. Sphinx's own
search runs in the page from the index it writes. Sphinx warnings fail the build (a broken link, say).
"""
from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab  # noqa: E402
from make_notebook import without_badge  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT_DIR = ROOT / "build" / "book"
CONF_DIR = Path(__file__).resolve().parent / "book"
NOTEBOOK_NAME = re.compile(r"\d\d_[A-Za-z0-9_]+\.ipynb")
#: The repository's markdown files that are pages of the book: repository path -> path in the book's source
PAGES = {"README.md": "index.md", "TEACHING.md": "TEACHING.md", "data/README.md": "data/README.md"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Class of the launch bar under each notebook's title; the tests look for it
LAUNCH_CLASS = "latent-launch"

_CODE = re.compile(r"(^```.*?^```|`[^`\n]*`)", re.S | re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)")


def binder_url(stem: str) -> str:
    """The address that opens ``notebooks/<stem>.ipynb`` of the course in JupyterLab on Binder (the README's)."""
    return f"https://mybinder.org/v2/gh/{colab.REPO}/{colab.BRANCH}?urlpath=lab/tree/notebooks/{stem}.ipynb"


def github_url(repo_path: str) -> str:
    """A file (or folder) of the repository on GitHub."""
    return f"https://github.com/{colab.REPO}/blob/{colab.BRANCH}/{repo_path}"


def course_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The course notebooks of ``folder`` in order: ``00_start_here.ipynb``, ..., and any later ``NN_*.ipynb``."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb") if NOTEBOOK_NAME.fullmatch(p.name))


# ------------------------------------------------------------------------------------------- links

def _outside_code(text: str, change) -> str:
    """``change(part)`` applied to the parts of markdown ``text`` outside code spans and fences."""
    parts = _CODE.split(text)
    return "".join(change(part) if i % 2 == 0 else part for i, part in enumerate(parts))


def site_links(text: str, here: str, pages: dict[str, str]) -> str:
    """Markdown ``text`` of the repository file ``here`` with its links fit for the book.

    ``pages`` maps each repository file that is a page of the book to its path in the book's source. A
    relative link to such a page points at it (relative to where ``here`` lands in the book); a relative
    link to any other file of the repository points at that file on GitHub; a remote image becomes its
    alt text (inside a link, the link stays). Absolute addresses and in-page anchors are kept.

    >>> site_links("[T](TEACHING.md) [C](CONTRIBUTING.md#x) [![Colab](https://a/b.svg)](https://c)",
    ...            "README.md", {"README.md": "index.md", "TEACHING.md": "TEACHING.md"})
    '[T](TEACHING.md) [C](https://github.com/latent-space-course/latent-space/blob/main/CONTRIBUTING.md#x) [Colab](https://c)'
    """
    book_here = PurePosixPath(pages.get(here, here)).parent
    repo_here = PurePosixPath(here).parent

    def target(url: str) -> str:
        if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith(("#", "/")):
            return url
        path, hash_, fragment = url.partition("#")
        repo_path = os.path.normpath(str(repo_here / path)).replace(os.sep, "/")
        if repo_path in pages:
            return os.path.relpath(pages[repo_path], book_here).replace(os.sep, "/") + hash_ + fragment
        return github_url(repo_path) + hash_ + fragment

    def change(part: str) -> str:
        part = _IMAGE.sub(lambda m: m.group(1) if re.match(r"https?:", m.group(2)) else m.group(0), part)
        return _LINK.sub(lambda m: f"[{m.group(1)}]({target(m.group(2))})", part)

    return _outside_code(text, change)


# --------------------------------------------------------------------------------------- notebooks

def launch_bar(stem: str) -> str:
    """Launch buttons (Binder, Colab) and the notebook's download, as one HTML line under the title."""
    return (f'<div class="{LAUNCH_CLASS}">'
            f'<a class="{LAUNCH_CLASS}-binder" href="{html.escape(binder_url(stem))}">Launch on Binder</a> '
            f'<a class="{LAUNCH_CLASS}-colab" href="{html.escape(colab.colab_url(stem))}">Open in Colab</a> '
            f'<a class="{LAUNCH_CLASS}-download" href="{stem}.ipynb" download="{stem}.ipynb">'
            f'Download the notebook (.ipynb)</a></div>')


def site_outputs(outputs: list) -> list:
    """A code cell's outputs as a page without a kernel shows them.

    A widget's live view needs a kernel: it goes, so the page shows the output's ``text/html`` (the
    widget's static fallback, whose sliders work in the page) or, without one, its still ``image/png``.
    An output with nothing but the widget view and its ``text/plain`` name (a progress bar) is left out.
    """
    kept = []
    for output in outputs:
        data = output.get("data", {})
        if WIDGET_VIEW not in data:
            kept.append(output)
            continue
        rest = {mime: value for mime, value in data.items() if mime != WIDGET_VIEW}
        if set(rest) - {"text/plain"}:
            output = copy.deepcopy(output)
            output["data"] = rest
            kept.append(output)
    return kept


def site_notebook(nb: nbformat.NotebookNode, stem: str, pages: dict[str, str]) -> nbformat.NotebookNode:
    """The committed notebook ``nb`` as its page shows it (see the module's docstring); ``nb`` is unchanged."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    cells = []
    for index, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if "colab" in tags:
            continue
        if cell.cell_type == "markdown":
            text = cell.source
            if index == 0:
                title = without_badge(text, stem)
                head, _, rest = title.partition("\n")
                text = f"{head}\n\n{launch_bar(stem)}\n\n{rest.lstrip()}"
            cell.source = site_links(text, f"notebooks/{stem}.ipynb", pages)
        elif cell.cell_type == "code":
            cell.outputs = site_outputs(cell.outputs)
        cells.append(cell)
    nb.cells = cells
    return nb


def fallback_sizes(path: Path) -> list[int]:
    """The size in bytes of each widget's static fallback stored in the notebook at ``path`` (the
    ``text/html`` beside a widget view, ``<div class="latent-static" ...>``), in order."""
    nb = nbformat.read(path, as_version=4)
    return [len(out["data"]["text/html"].encode()) for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if WIDGET_VIEW in out.get("data", {})
            and "latent-static" in out["data"].get("text/html", "")]


# --------------------------------------------------------------------------------------- the book

def _toctree(caption: str, entries: list[str]) -> str:
    return "\n".join(["", f"```{{toctree}}", ":hidden:", f":caption: {caption}", "", *entries, "```", ""])


def stage(notebooks: list[Path], src: Path) -> list[str]:
    """Lay out the book's sources in ``src`` (emptied first); return the pages' names in reading order."""
    if src.exists():
        shutil.rmtree(src)
    (src / "notebooks").mkdir(parents=True)
    stems = [p.stem for p in notebooks]
    pages = dict(PAGES) | {f"notebooks/{s}.ipynb": f"notebooks/{s}.ipynb" for s in stems}
    for repo_path, book_path in PAGES.items():
        text = site_links((ROOT / repo_path).read_text(encoding="utf-8"), repo_path, pages)
        if book_path == "index.md":
            text += _toctree("The course", [f"notebooks/{s}" for s in stems])
            text += _toctree("For lecturers", ["TEACHING", "data/README"])
        (src / book_path).parent.mkdir(parents=True, exist_ok=True)
        (src / book_path).write_text(text, encoding="utf-8")
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.write(site_notebook(nb, path.stem, pages), src / "notebooks" / path.name)
    return ["index", *[f"notebooks/{s}" for s in stems], "TEACHING", "data/README"]


def build(notebooks: list[Path] | None = None, out: Path = OUT_DIR, src: Path | None = None,
          quiet: bool = True) -> list[str]:
    """Build the book into ``out`` (emptied first) from ``notebooks`` (default: the course's, in order).

    Returns the pages' names in reading order. Raises ``RuntimeError`` with Sphinx's messages when the
    build fails or warns."""
    notebooks = course_notebooks() if notebooks is None else [Path(p) for p in notebooks]
    if not notebooks:
        raise ValueError("no notebook to build a book from")
    out = Path(out)
    src = Path(src) if src is not None else out.parent / f"{out.name}-src"
    pages = stage(notebooks, src)
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(CONF_DIR), "-E", "-W", "--keep-going",
               "-d", str(src / "_doctrees"), *(["-q"] if quiet else []), str(src), str(out)]
    run = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    if run.returncode != 0:
        raise RuntimeError(f"the book did not build (sphinx exited {run.returncode}):\n{run.stdout[-4000:]}"
                           f"\n{run.stderr[-8000:]}")
    _drop_source_maps(out / "_static")
    for path in notebooks:   # the download button's file: the notebook as committed, beside its page
        shutil.copyfile(path, out / "notebooks" / path.name)
    (out / ".nojekyll").touch()   # GitHub Pages: serve _static/ and _images/ as they are
    return pages


def _drop_source_maps(static: Path) -> None:
    """The theme's source maps (.map, 3.4 MB) serve only a developer's debugger: left out, with the
    comments that name them."""
    for path in static.rglob("*.map"):
        path.unlink()
    for path in [*static.rglob("*.js"), *static.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        kept = re.sub(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=[^*]+\*/)\s*$", "\n", text)
        if kept != text:
            path.write_text(kept, encoding="utf-8")


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS,
                        help="the folder whose NN_name.ipynb notebooks to publish (default: notebooks/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the site (default: build/book/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        pages = build(course_notebooks(args.notebooks), args.out)
    except (RuntimeError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    seconds = time.perf_counter() - start
    where = args.out.resolve()
    shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
    print(f"wrote {shown}/: {len(pages)} pages, {_size(where) / 2**20:.1f} MB, in {seconds:.0f} s "
          f"(open {shown}/index.html, or serve the folder: python -m http.server -d {shown})")
    sizes = {p.stem: fallback_sizes(p) for p in course_notebooks(args.notebooks)}
    if any(sizes.values()):
        print("widgets' static fallbacks: " + "; ".join(
            f"{stem} {len(s)} ({sum(s) / 1000:.0f} kB, largest {max(s) / 1000:.0f} kB)"
            for stem, s in sizes.items() if s))
    else:
        print("widgets' static fallbacks: none yet (each widget then shows its still picture)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
