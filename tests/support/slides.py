"""Measure a reveal.js deck in Chromium, slide by slide (tests/browser/test_slides_browser.py uses it).

:func:`measure_deck` opens a deck in an offline browser context at the projector's 1280 x 720, walks
every slide with all its fragments shown, and returns per slide: how far its content runs past the
slide (pixels, 0 when it fits), its words (speaker notes excluded), and each picture's smallest text as
drawn (the height the PNG records, times the scale the picture is drawn at) beside the slide's body
text size. Every request that is not for the deck file itself is refused and recorded.
"""
from __future__ import annotations

import base64
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import slide_figures

_SLIDE_JS = """() => {
  const slide = Reveal.getCurrentSlide();
  const style = getComputedStyle(slide);
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  const overflow = Math.max(0, slide.scrollHeight - slide.clientHeight, slide.scrollWidth - slide.clientWidth);
  const text = slide.innerText;   // the notes (<aside class="notes">) are display: none: not in innerText
  const body = slide.querySelector('.jp-RenderedMarkdown p, .jp-RenderedMarkdown li');
  const images = [...slide.querySelectorAll('img')].map(img => {
    const fit = getComputedStyle(img).objectFit;
    const sx = img.clientWidth / img.naturalWidth, sy = img.clientHeight / img.naturalHeight;
    return {src: img.src, loaded: img.complete && img.naturalWidth > 0,
            scale: fit === 'contain' ? Math.min(sx, sy) : sx,
            width: img.clientWidth, height: img.clientHeight};
  });
  return {overflow, text, images, padding,
          bodyPx: body ? parseFloat(getComputedStyle(body).fontSize) : null,
          notes: slide.querySelectorAll('aside.notes').length};
}"""


@dataclass
class SlideFigures:
    index: tuple[int, int]
    overflow_px: float
    words: int
    text: str
    body_px: float | None
    has_notes: bool
    images: list[dict] = field(default_factory=list)


@dataclass
class DeckFigures:
    stem: str
    slides: list[SlideFigures]
    fetched: list[str]
    errors: list[str]

    @property
    def overflowing(self) -> list[SlideFigures]:
        return [s for s in self.slides if s.overflow_px > 1]

    @property
    def words(self) -> list[int]:
        return [s.words for s in self.slides]

    @property
    def images(self) -> list[dict]:
        return [i for s in self.slides for i in s.images]

    def summary(self) -> str:
        w = self.words
        return (f"{self.stem}: {len(self.slides)} slides, {len(self.overflowing)} overflowing, words median "
                f"{statistics.median(w):g} max {max(w)}, {len(self.images)} images")


def smallest_text_px(src: str) -> float | None:
    """The smallest text a data: PNG records (scripts/slide_figures.py), in its own pixels; None if it
    records none (a picture not drawn for slides), float('inf') for a picture without text."""
    if not src.startswith("data:image/png;base64,"):
        return None
    value = slide_figures.smallest_text_of(base64.b64decode(src.split(",", 1)[1]))
    if value is None:
        return None
    return float("inf") if value == "none" else float(value)


def measure_deck(browser, deck: Path, stem: str) -> DeckFigures:
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 720})
    fetched, errors = [], []
    allowed = deck.resolve().as_uri()

    def refuse_network(route):
        url = route.request.url
        if url.split("#")[0].split("?")[0] == allowed or url.startswith("data:"):
            route.continue_()
        else:
            fetched.append(url)
            route.abort()

    context.route("**/*", refuse_network)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    slides = []
    try:
        page.goto(allowed)
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
        indices = page.evaluate("() => Reveal.getSlides().map(s => Reveal.getIndices(s))")
        for ix in indices:
            page.evaluate(f"() => Reveal.slide({ix['h']}, {ix.get('v') or 0}, 1000)")  # every fragment shown
            got = page.evaluate(_SLIDE_JS)
            for image in got["images"]:
                small = smallest_text_px(image["src"])
                image["smallest_text_px"] = None if small is None else small * image["scale"]
                image["src"] = image["src"][:40]
            slides.append(SlideFigures((ix["h"], ix.get("v") or 0), got["overflow"], len(got["text"].split()),
                                       got["text"], got["bodyPx"], got["notes"] > 0, got["images"]))
    finally:
        context.close()
    return DeckFigures(stem, slides, fetched, errors)
