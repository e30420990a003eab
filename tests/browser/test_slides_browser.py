"""The slide decks open in Chromium with the network cut: every slide is there, nothing is fetched.

The deck is built from the notebook's source and committed outputs (scripts/make_slides.py), opened
from a file:// address in a browser context that is offline, and every request that is not for the
file itself or an inline data: address is recorded (and refused). Then: reveal.js started, the
number of slides is the number the source marks, the arrow keys move through them, and no script
error appeared.
"""
from __future__ import annotations

import pytest

import make_slides

# 00 is the shortest deck; 02 has math (MathML), a live plot's still picture and a 3-D figure
DECKS = ["00_start_here", "02_toy_latent_space"]


@pytest.mark.parametrize("stem", DECKS)
def test_deck_opens_offline_with_every_slide(stem, browser, tmp_path):
    deck = make_slides.build_deck(stem, tmp_path)
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    fetched, errors = [], []

    def refuse_network(route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            fetched.append(url)
            route.abort()

    context.route("**/*", refuse_network)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
        total = page.evaluate("() => Reveal.getTotalSlides()")
        assert total == make_slides.expected_slides(stem), f"{stem}: {total} slides shown"
        first = page.evaluate("() => Reveal.getIndices().h")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => Reveal.getIndices().h > {first} || Reveal.getIndices().f >= 0",
                               timeout=5_000)
        # pictures are embedded and drawn: every image on the deck has pixels
        broken = page.evaluate("() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length")
        assert broken == 0, f"{stem}: {broken} images did not load"
        assert page.evaluate("() => document.images.length") > 0, f"{stem}: a deck without any figure"
        if stem == "02_toy_latent_space":
            assert page.evaluate("() => document.querySelectorAll('math').length") > 0, "the formulas were not converted"
    finally:
        context.close()
    assert not fetched, f"{stem}: the deck asked the network for {fetched}"
    assert not errors, f"{stem}: script errors {errors}"
