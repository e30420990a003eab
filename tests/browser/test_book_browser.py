"""The course's website in Chromium, served from build/book/ by a local HTTP server on 127.0.0.1.

The book is built once per session, as ``make book`` builds it (tests/support/bookbuild.py: offline where the
machine allows). Every page is opened in a browser context that lets through only requests for the
local server (and inline ``data:`` addresses); anything else is recorded and refused. Then: no console
error, no failed request, every picture drawn, every internal link answered (and its #anchor on the
target page), static widget sliders that change the picture when dragged, the search that finds
"slerp" on notebook 06's page, and launch buttons that open the same notebook on Binder and Colab.

The widgets' static fallbacks (``.latent-static``) are tested on a synthetic notebook too
(tests/support/bookbuild.py), so dragging is tested before every widget leaves a fallback in its output;
``test_every_widget_page_has_a_static_fallback`` asks that of every course notebook with a widget.
"""
from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest

from support import bookbuild
import colab
import make_book

NOTEBOOKS = make_book.course_notebooks()
PAGES = ["index.html", *[f"notebooks/{p.stem}.html" for p in NOTEBOOKS], "TEACHING.html", "data/README.html",
         "search.html"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.cache
def _server(folder: str) -> str:
    """A local HTTP server for ``folder`` (one per folder for the session, a daemon thread): its address."""
    handler = functools.partial(_Quiet, directory=folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site(course_book):
    book, _ = course_book
    return book, _server(str(book))


@pytest.fixture(scope="module")
def synthetic_site(synthetic_book):
    return synthetic_book, _server(str(synthetic_book))


class Visit:
    """One page opened in its own browser context; everything that went wrong on the way is recorded."""

    def __init__(self, browser, base: str, path: str):
        self.base, self.outside, self.errors, self.failed = base, [], [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._only_the_book)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.goto(base + path, wait_until="load")
        self.page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=20_000)

    def _only_the_book(self, route):
        url = route.request.url
        if url.startswith((self.base, "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def broken_images(self) -> list[str]:
        return self.page.evaluate(
            "() => [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src.slice(0, 100))")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(base: str, path: str) -> Visit:
        opened.append(Visit(browser, base, path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


@pytest.fixture(scope="module")
def seen(browser):
    """Like ``visit``, but each page is opened once for the module: the page-load test opens every page, and the
    tests that only look at a notebook page again (its static fallback, its launch buttons) share that visit,
    with what it recorded (a notebook page costs Chromium about 2 s of processor time to open)."""
    opened: dict[tuple[str, str], Visit] = {}

    def open_page(base: str, path: str) -> Visit:
        if (base, path) not in opened:
            opened[(base, path)] = Visit(browser, base, path)
        return opened[(base, path)]

    yield open_page
    for v in opened.values():
        v.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_with_no_error_nothing_from_elsewhere_its_figures_drawn_and_static_sliders_work(site, seen, path):
    """Also: on a notebook page with static fallbacks (as many as its widgets left), dragging each of
    their sliders changes the picture."""
    _, base = site
    page = seen(base, path)
    page.page.wait_for_timeout(300)   # late console messages (the theme's scripts run after load)
    assert not page.outside, f"{path} asked for {page.outside[:5]}: everything must come from build/book/"
    assert not page.errors, f"{path}: console errors {page.errors[:5]}"
    assert not page.failed, f"{path}: failed requests {page.failed[:5]}"
    assert not page.broken_images(), f"{path}: pictures not drawn: {page.broken_images()[:5]}"
    if path.startswith("notebooks/"):
        assert page.page.evaluate("() => document.images.length") > 0, f"{path}: a notebook page without figures"
        assert page.page.locator("details[open]").count() == 0, "answers and solutions start folded"
        assert page.page.locator("details").count() > 0
        count, unchanged = _drag_every_static_slider(page.page)
        assert not unchanged, f"{path}: dragging did not change the picture for {unchanged}"
        assert not page.errors, f"{path}: console errors after dragging {count} sliders: {page.errors[:5]}"


@functools.cache
def _read(path: Path) -> bookbuild.PageParser:
    return bookbuild.read_page(path)


def test_every_internal_link_resolves(site):
    book, base = site
    fetched: dict[str, str | None] = {}

    def get(url: str) -> str | None:
        if url not in fetched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                fetched[url] = body.decode("utf-8", errors="replace") if url.endswith(".html") else ""
            except urllib.error.HTTPError:
                fetched[url] = None
        return fetched[url]

    broken, checked = [], 0
    for html in sorted(book.rglob("*.html")):
        page = html.relative_to(book).as_posix()
        for href in _read(html).links:
            url = urljoin(base + page, href)
            if not url.startswith(base):
                continue   # Binder, Colab, GitHub: checked by the launch-button test, never loaded by a page
            address, _, anchor = url.partition("#")
            address = address.split("?")[0]
            checked += 1
            body = get(address)
            if body is None:
                broken.append(f"{page}: {href} (404)")
            elif anchor and address.endswith(".html"):
                target = book / urlsplit(address).path.lstrip("/")
                if anchor not in _read(target).ids:
                    broken.append(f"{page}: {href} (no #{anchor} on the page)")
    assert checked > 100, f"only {checked} internal links found"
    assert not broken, f"{len(broken)} internal links do not resolve: {broken[:10]}"


def _drag(page, slider) -> None:
    """Drag a range input's thumb to the far end of its track with the mouse."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    value, low, high = slider.evaluate("s => [Number(s.value), Number(s.min || 0), Number(s.max || 100)]")
    where = (value - low) / (high - low) if high > low else 0.0
    y = box["y"] + box["height"] / 2
    thumb = box["x"] + 8 + where * (box["width"] - 16)
    end = box["x"] + 1 if where > 0.5 else box["x"] + box["width"] - 1
    page.mouse.move(thumb, y)
    page.mouse.down()
    page.mouse.move(end, y, steps=10)
    page.mouse.up()


def _drag_every_static_slider(page) -> tuple[int, list[str]]:
    """Drag each slider of each static fallback on the page; return how many and which left the picture."""
    unchanged, count = [], 0
    fallbacks = page.locator(".latent-static")
    for f in range(fallbacks.count()):
        box = fallbacks.nth(f)
        frame = box.locator(".latent-static-frame").first
        sliders = box.locator(".latent-static-slider")
        assert sliders.count() > 0, f"static fallback {f} has no slider"
        for s in range(sliders.count()):
            before = frame.get_attribute("src")
            _drag(page, sliders.nth(s))
            count += 1
            try:
                page.wait_for_function("([img, before]) => img.getAttribute('src') !== before",
                                       arg=[frame.element_handle(), before], timeout=3_000)
            except Exception:
                name = box.get_attribute("data-widget")
                unchanged.append(f"fallback {f} ({name}), slider {s}")
        assert frame.evaluate("img => img.complete && img.naturalWidth > 0"), f"fallback {f}: the new picture is broken"
    return count, unchanged


def test_dragging_a_static_slider_changes_the_picture(synthetic_site, visit):
    """The synthetic notebook's fallback (tests/support/bookbuild.py): its script runs on the page, and it, not a
    dead widget view or only the still picture, is what the page shows."""
    _, base = synthetic_site
    page = visit(base, f"notebooks/{bookbuild.SYNTHETIC}.html")
    assert page.page.locator(".latent-static").count() == 1
    assert page.page.locator(".latent-static-frame").first.is_visible()
    count, unchanged = _drag_every_static_slider(page.page)
    assert count == bookbuild.SLIDERS and not unchanged, f"the picture did not change: {unchanged}"
    assert not page.errors and not page.outside and not page.failed, (page.errors, page.outside, page.failed)


def _has_latent_widget(path: Path) -> bool:
    """The notebook stores a widget view that draws something (a figure to drag through, not a progress
    bar: those carry nothing but the view and their text)."""
    nb = nbformat.read(path, as_version=4)
    return any(make_book.WIDGET_VIEW in out.get("data", {}) and set(out["data"]) - {make_book.WIDGET_VIEW, "text/plain"}
               for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)


def test_every_widget_page_has_a_static_fallback(site, seen):
    """Strict: every course notebook whose committed outputs hold a widget view has at least one working
    static fallback (``.latent-static``) on its page. Fails until the widgets leave one in their outputs."""
    _, base = site
    missing = []
    for path in NOTEBOOKS:
        if not _has_latent_widget(path):
            continue
        page = seen(base, f"notebooks/{path.stem}.html")
        shown = page.page.locator(".latent-static .latent-static-frame")
        if shown.count() == 0 or not shown.first.is_visible():
            missing.append(path.stem)
    assert not missing, f"notebook pages with a widget but no static fallback: {missing}"


def test_search_finds_slerp_on_notebook_06(site, visit):
    _, base = site
    page = visit(base, "index.html")
    p = page.page
    p.locator(".search-button__button").first.click()
    field = p.locator("#pst-search-dialog input[name=q]")
    field.fill("slerp")
    field.press("Enter")
    p.wait_for_url("**/search.html?q=slerp*")
    hit = p.locator("ul.search li a[href^='notebooks/06_gans.html']")
    hit.first.wait_for(timeout=20_000)
    hit.first.click()
    p.wait_for_url("**/notebooks/06_gans.html*")
    assert "slerp" in p.locator("main").inner_text(), "the result leads to a page that says slerp"
    assert not page.outside and not page.errors, (page.outside, page.errors)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_launch_buttons_open_this_notebook_on_binder_and_colab_and_download_it(site, seen, path):
    _, base = site
    page = seen(base, f"notebooks/{path.stem}.html")
    p = page.page
    bar = p.locator(f".{make_book.LAUNCH_CLASS}")
    assert bar.count() == 1 and bar.is_visible()
    binder = f"https://mybinder.org/v2/gh/{colab.REPO}/main?urlpath=lab/tree/notebooks/{path.stem}.ipynb"
    assert bar.locator("a.latent-launch-binder").get_attribute("href") == binder
    assert bar.locator("a.latent-launch-colab").get_attribute("href") == \
        f"https://colab.research.google.com/github/{colab.REPO}/blob/main/notebooks/{path.stem}.ipynb"
    with p.expect_download() as download:
        bar.locator("a.latent-launch-download").click()
    saved = download.value.path()
    assert download.value.suggested_filename == path.name
    assert Path(saved).read_bytes() == path.read_bytes(), "the download is the committed notebook"
    # the button sits under the title, where the notebook's Colab badge was
    assert p.evaluate(f"""() => {{
        const h1 = document.querySelector('article h1, main h1');
        const bar = document.querySelector('.{make_book.LAUNCH_CLASS}');
        return !!h1 && (h1.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING) > 0;
    }}""")
    assert not page.outside, page.outside
