"""The course's website (scripts/make_book.py, ``make book``): what the pages are made of, and the built site.

The first part tests the build's pieces without building (links, outputs, the title's launch buttons);
the second builds the book once per session, as ``make book`` does (offline where this machine allows:
tests/support/bookbuild.py), and reads the files it wrote. In Chromium: tests/browser/test_book_browser.py.
"""
from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import nbformat
import pytest

import colab
import make_book
from support import ROOT, bookbuild
from support.makecmd import makefile_value, run_make
from support.stand_in_python import fake_python

NOTEBOOKS = make_book.course_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
PAGES = {"README.md": "index.md", "TEACHING.md": "TEACHING.md", "data/README.md": "data/README.md",
         "notebooks/00_start_here.ipynb": "notebooks/00_start_here.ipynb"}
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
pytestmark = pytest.mark.book   # builds the website: once per CI run, in make test



# --- links -----------------------------------------------------------------------------------------

def test_links_to_pages_stay_and_other_files_point_at_github():
    text = ("See [the guide](TEACHING.md), [data](data/README.md#licences), [00](notebooks/00_start_here.ipynb), "
            "[how to contribute](CONTRIBUTING.md), [results](benchmarks/RESULTS.md) and [below](#two-commands).")
    out = make_book.site_links(text, "README.md", PAGES)
    assert "[the guide](TEACHING.md)" in out and "[data](data/README.md#licences)" in out
    assert "[00](notebooks/00_start_here.ipynb)" in out and "[below](#two-commands)" in out
    assert f"[how to contribute](https://github.com/{colab.REPO}/blob/main/CONTRIBUTING.md)" in out
    assert f"[results](https://github.com/{colab.REPO}/blob/main/benchmarks/RESULTS.md)" in out


def test_links_are_resolved_from_where_the_file_lives():
    # a notebook links to README.md, which is the book's index page, and to a script, which is not a page
    out = make_book.site_links("[course](../README.md) [next](01_compression.ipynb) [code](../scripts/colab.py)",
                               "notebooks/00_start_here.ipynb", PAGES)
    assert "[course](../index.md)" in out
    assert f"[next](https://github.com/{colab.REPO}/blob/main/notebooks/01_compression.ipynb)" in out, \
        "a notebook that is not in this book is linked on GitHub"
    assert f"[code](https://github.com/{colab.REPO}/blob/main/scripts/colab.py)" in out
    out = make_book.site_links("[top](../README.md#syllabus)", "data/README.md", PAGES)
    assert out == "[top](../index.md#syllabus)"


def test_remote_images_become_their_alt_text_and_code_is_left_alone():
    text = ("[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/x/y/main) "
            "`[a](CONTRIBUTING.md)`\n\n```markdown\n[b](CONTRIBUTING.md) ![c](https://x/c.png)\n```\n")
    out = make_book.site_links(text, "README.md", PAGES)
    assert out.startswith("[Binder](https://mybinder.org/v2/gh/x/y/main) ")
    assert "`[a](CONTRIBUTING.md)`" in out and "[b](CONTRIBUTING.md) ![c](https://x/c.png)" in out


# --- outputs and notebooks -------------------------------------------------------------------------

def _output(**data):
    return nbformat.v4.new_output("display_data", data=data)


def test_widget_views_give_way_to_what_works_without_a_kernel():
    view = {"model_id": "m"}
    still = _output(**{make_book.WIDGET_VIEW: view, "image/png": "iVBOR", "text/plain": "LivePlot(...)"})
    fallback = _output(**{make_book.WIDGET_VIEW: view, "text/html": '<div class="latent-static"></div>',
                          "image/png": "iVBOR", "text/plain": "LatentSliders(...)"})
    bar = _output(**{make_book.WIDGET_VIEW: view, "text/plain": "  0%|   | 0/5"})
    printed = nbformat.v4.new_output("stream", name="stdout", text="k = 2\n")
    outputs = [still, fallback, bar, printed]
    before = copy.deepcopy(outputs)
    kept = make_book.site_outputs(outputs)
    assert [set(o.get("data", {})) for o in kept] == [
        {"image/png", "text/plain"}, {"text/html", "image/png", "text/plain"}, set()]
    assert kept[2] is printed and outputs == before, "the notebook's own outputs are not changed"


def test_site_notebook_has_launch_buttons_instead_of_the_badge_and_no_colab_cell():
    path = NOTEBOOKS[0]
    nb = nbformat.read(path, as_version=4)
    before = copy.deepcopy(nb)
    site = make_book.site_notebook(nb, path.stem, PAGES)
    assert nb == before
    title = site.cells[0].source
    assert title.startswith(nb.cells[0].source.partition("\n")[0] + "\n\n")
    assert colab.BADGE_IMAGE not in title and "colab-badge" not in str(site)
    assert f'href="{make_book.binder_url(path.stem)}"' in title
    assert f'href="{colab.colab_url(path.stem)}"' in title
    assert f'href="{path.stem}.ipynb" download=' in title
    assert not [c for c in site.cells if "colab" in c.metadata.get("tags", [])]
    assert len(site.cells) == len(nb.cells) - 1 and "google.colab" not in str(site.cells)
    assert "widgets" not in site.metadata and "widgets" in nb.metadata
    assert make_book.WIDGET_VIEW not in str([c.get("outputs") for c in site.cells])


def test_launch_addresses_are_the_readmes():
    readme = (ROOT / "README.md").read_text()
    assert f"({make_book.binder_url('00_start_here')})" in readme, "README's Binder badge opens another address"
    for path in NOTEBOOKS:
        assert f"({colab.colab_url(path.stem)})" in readme, f"README's Colab link of {path.stem} differs"


def test_notebooks_are_found_by_name_in_order(tmp_path):
    for name in ("10_diffusion.ipynb", "02_b.ipynb", "00_a.ipynb", "notes.ipynb", "1_short.ipynb", "03_c-copy.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in make_book.course_notebooks(tmp_path)] == ["00_a.ipynb", "02_b.ipynb", "10_diffusion.ipynb"]
    assert [p.stem for p in NOTEBOOKS][:10] == [f"{i:02d}" + p.stem[2:] for i, p in enumerate(NOTEBOOKS[:10])]


# --- make book, its venv, its workflow -------------------------------------------------------------

def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.split("#")[0].strip())
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_book_requirements_are_pinned_apart_from_the_learners_and_need_no_torch():
    book, course = _pins(ROOT / "requirements-book.txt"), _pins(ROOT / "requirements.txt")
    text = (ROOT / "requirements-book.txt").read_text()
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", line) for line in text.splitlines()
               if line.strip() and not line.startswith("#")), "every package of the book is pinned"
    assert {"sphinx", "myst-nb", "sphinx-book-theme", "latex2mathml"} <= set(book)
    assert not {"torch", "torchvision"} & set(book)
    assert not {"sphinx", "myst-nb", "sphinx-book-theme"} & set(course), "the learner's venv does not grow"
    for name in set(book) & set(course):
        assert book[name] == course[name], f"{name}: requirements-book.txt and requirements.txt pin different versions"


UV = makefile_value("UV")   # the set-up's uv==X.Y.Z


@needs_make
def test_make_book_installs_its_own_venv_then_builds(tmp_path):
    """Against a stand-in interpreter (tests/support/stand_in_python.py): the commands, with nothing installed."""
    fake, venv = fake_python(tmp_path / "bin" / "python3.12", "3.12"), tmp_path / "book-venv"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    env["FAKE_LOG"] = str(tmp_path / "calls.log")
    out = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "book", f"PYTHON={fake}",
                          f"BOOK_VENV={venv}"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    calls = [c.replace(f"{venv}/bin/python ", "") for c in (tmp_path / "calls.log").read_text().splitlines()]
    assert calls[0] == f"{fake} -m venv {venv}"
    assert [c for c in calls[1:] if not c.startswith(f"{fake} ")] == [
        f"-m pip install --quiet --disable-pip-version-check {UV}", "scripts/install.py -r requirements-book.txt",
        "scripts/make_book.py"], "its own venv, only the book's packages (not requirements.txt, not the course)"
    assert (venv / ".installed").exists() and (venv / ".gitignore").read_text() == "*\n"
    assert "make book" in run_make("help").stdout
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\.PHONY:.*\bbook\b", makefile, re.M)
    assert ".venv-book/" in (ROOT / ".gitignore").read_text().splitlines()


def test_readme_says_how_to_build_and_publish_the_book():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## The course as a website"):]
    section = section[:section.index("\n## ")]
    assert "make book" in section and "build/book/" in section and ".github/workflows/book.yml" in section
    assert "Sphinx" in section and "myst-nb" in section and "sphinx-book-theme" in section
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    assert "-m venv .venv-book" in block
    assert f".venv-book/bin/python -m pip install --disable-pip-version-check {UV}" in block
    assert ".venv-book/bin/python scripts/install.py -r requirements-book.txt" in block
    assert ".venv-book/bin/python scripts/make_book.py" in block


def test_pages_workflow_publishes_what_make_book_builds():
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    on = flow.get("on", flow.get(True))   # YAML 1.1 reads a bare `on` as True
    assert "main" in on["push"]["branches"]
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    build = flow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    assert any(re.match(r"make book(\s|$)", run) for run in runs), runs
    upload = next(step for step in build if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "build/book"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


# --- the built book --------------------------------------------------------------------------------

def test_make_book_writes_a_page_per_notebook_in_order_and_the_course_pages(course_book):
    book, run = course_book
    expected = ["index.html", *[f"notebooks/{p.stem}.html" for p in NOTEBOOKS], "TEACHING.html", "data/README.html"]
    for name in expected:
        assert (book / name).is_file(), f"build/book/{name} is missing"
    assert re.search(rf"wrote build/book/: {len(expected)} pages, [\d.]+ MB, in \d+ s", run.stdout), run.stdout
    assert "widgets' static fallbacks: " in run.stdout
    nav = [href.split("#")[0] for href in bookbuild.read_page(book / "index.html").nav]
    assert nav == [name for name in expected[1:]], "the sidebar lists the notebooks in order, then the lecturer's pages"
    assert (book / ".nojekyll").exists() and (book / "search.html").exists() and (book / "searchindex.js").exists()


def test_landing_page_is_made_from_the_readme_at_build_time(course_book):
    book, _ = course_book
    staged = (book.parent / "book-src" / "index.md").read_text()
    readme = (ROOT / "README.md").read_text()
    assert staged.startswith(make_book.site_links(readme, "README.md", make_book.PAGES | {
        f"notebooks/{p.name}": f"notebooks/{p.name}" for p in NOTEBOOKS}))
    index = (book / "index.html").read_text()
    for path in NOTEBOOKS:  # the syllabus table links every notebook's page
        assert f'href="notebooks/{path.stem}.html"' in index
    assert "Two commands" in index and "colab-badge.svg" not in index and "badge_logo.svg" not in index
    teaching = (book / "TEACHING.html").read_text()
    assert re.sub(r"[*_`]", "", (ROOT / "TEACHING.md").read_text().splitlines()[0].lstrip("# ")) in teaching


def _text_files(book: Path):
    return [p for p in book.rglob("*") if p.suffix in (".html", ".js", ".css") and p.is_file()]


def test_nothing_on_the_site_is_loaded_from_the_network(course_book):
    book, _ = course_book
    remote = []
    for path in book.rglob("*.html"):
        remote += [(path.name, url) for url in bookbuild.read_page(path).resources
                   if re.match(r"([a-z][a-z0-9+.-]*:|//)", url, re.I) and not url.startswith("data:")]
    assert not remote, f"pages load from elsewhere: {remote[:10]}"
    for path in _text_files(book):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            assert not re.search(r"url\(\s*[\"']?(https?:)?//", text), f"{path.name} loads a style from the network"
            assert not re.search(r"@import\s+(url\()?[\"']?(https?:)?//", text), f"{path.name} imports from the network"
        for host in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com",
                     "polyfill.io", "require.min.js", "embed-amd.js"):
            assert host not in text, f"{path.relative_to(book)} names {host}"


def test_math_is_mathml_drawn_by_the_browser(course_book):
    book, _ = course_book
    pages = {p.stem: (book / "notebooks" / f"{p.stem}.html").read_text() for p in NOTEBOOKS}
    assert any("<math" in html for html in pages.values()), "no formula became MathML"
    for stem, html in pages.items():
        assert "\\(" not in html and not re.search(r"<script[^>]*mathjax", html, re.I), f"{stem}: MathJax-style math"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_page_shows_the_committed_notebook_with_its_answers_folded(course_book, path):
    book, _ = course_book
    html = (book / "notebooks" / f"{path.stem}.html").read_text()
    page = bookbuild.read_page(book / "notebooks" / f"{path.stem}.html")
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert len(page.details) == markdown.count("<details") > 0
    assert all("open" not in attrs for attrs in page.details), "answers and solutions stay folded"
    assert html.count("<summary>Answer</summary>") == markdown.count("<summary>Answer</summary>")
    assert html.count("Solution (try it yourself first") == markdown.count("Solution (try it yourself first")
    assert page.launch == {"binder": make_book.binder_url(path.stem), "colab": colab.colab_url(path.stem),
                           "download": f"{path.stem}.ipynb"}
    download = book / "notebooks" / f"{path.stem}.ipynb"
    assert download.read_bytes() == path.read_bytes(), "the download is the committed notebook"
    assert "colab-badge" not in html and "google.colab" not in html
    assert make_book.WIDGET_VIEW not in html and "widget-state" not in html
    pictures = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert html.count("<img") >= pictures, "a figure of the notebook is missing from its page"
    text = unescape(html)
    for cell in nb.cells:   # printed results are on the page
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.text.strip():
                first = out.text.strip().splitlines()[0].strip()
                assert first in text, f"{path.stem}: printed output {first!r} is not on the page"


def test_synthetic_widget_page_shows_the_static_fallback_and_drops_the_progress_bar(synthetic_book):
    html = (synthetic_book / "notebooks" / f"{bookbuild.SYNTHETIC}.html").read_text()
    assert html.count('class="latent-static"') == 1 and html.count('class="latent-static-slider"') == bookbuild.SLIDERS
    assert "document.currentScript.parentElement" in html, "the fallback's script is on the page, as written"
    assert make_book.WIDGET_VIEW not in html and "0/10 [00:00" not in html, "no dead widget view, no stale progress bar"
    assert "trained for 10 epochs" in html
    index = (synthetic_book / "index.html").read_text()
    assert f'href="notebooks/{bookbuild.SYNTHETIC}.html"' in index
    assert f"https://github.com/{colab.REPO}/blob/main/notebooks/00_start_here.ipynb" in index, \
        "a notebook that is not in this book is linked on GitHub"


def test_docstring_examples_of_the_book_builder():
    import doctest

    result = doctest.testmod(make_book, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_fallback_sizes_count_the_static_fallbacks_beside_widget_views(tmp_path):
    path = bookbuild.write_synthetic_notebook(tmp_path)
    sizes = make_book.fallback_sizes(path)
    assert sizes == [len(bookbuild.fallback_html().encode())]


def test_the_build_reports_the_fallbacks_it_publishes(synthetic_book):
    printed = (synthetic_book.parent / bookbuild.BUILD_OUTPUT).read_text()
    size = len(bookbuild.fallback_html().encode()) / 1000
    assert f"widgets' static fallbacks: {bookbuild.SYNTHETIC} 1 ({size:.0f} kB, largest {size:.0f} kB)" in printed
