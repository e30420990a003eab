"""07_word_embeddings in a real browser: run all, type a word and an analogy into the explorer, turn the
view with a slider; each time the picture must change, and nothing may fail."""
from __future__ import annotations

import time


def _wait_for_new_picture(nb, plot: int, before: str, what: str, timeout_s: float = 30) -> float:
    start = time.perf_counter()
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if nb.image_src(plot) != before:
            return (time.perf_counter() - start) * 1000
        time.sleep(0.02)
    raise AssertionError(f"07: the explorer's picture did not change after {what}")


def test_07_explorer_word_box_analogy_and_rotation(lab):
    nb = lab.open("07_word_embeddings.ipynb")
    nb.run_all(timeout_s=600)        # both trainers run in the notebook: allow for a busy machine
    nb.assert_no_errors()
    plots = nb.liveplots()
    assert plots.count() == 1, f"07 has one live widget (the embedding explorer), found {plots.count()}"
    box = plots.nth(0)
    box.scroll_into_view_if_needed()
    texts = box.locator("input[type='text']")
    assert texts.count() == 2, "the explorer has a word box and an analogy box"
    assert box.locator(".widget-slider .noUi-handle").count() == 4   # neighbours, azimuth, elevation, zoom
    first = nb.image_src(0)
    assert first.startswith(("blob:", "data:", "frame:")), f"no picture in the explorer: {first!r}"

    word = texts.nth(0)
    word.fill("war")
    word.press("Enter")
    ms_word = _wait_for_new_picture(nb, 0, first, "typing 'war' in the word box")

    after_word = nb.image_src(0)
    analogy = texts.nth(1)
    analogy.fill("higher - high + small")
    analogy.press("Enter")
    ms_analogy = _wait_for_new_picture(nb, 0, after_word, "typing an analogy")

    after_analogy = nb.image_src(0)
    word.fill("zzzznotaword")                # an unknown word is reported in the picture, not an error
    word.press("Enter")
    _wait_for_new_picture(nb, 0, after_analogy, "typing an unknown word")

    ms_turn = nb.move_slider(plot=0, slider=1, presses=2)   # azimuth
    nb.assert_no_errors()
    # the exercises' checks answered the empty stubs (solutions are folded, not run)
    assert nb.page.locator("text=No answer yet").count() >= 1
    assert nb.page.locator("text=did you forget").count() >= 1
    print(f"07 explorer: word box {ms_word:.0f} ms, analogy box {ms_analogy:.0f} ms, azimuth slider {ms_turn:.0f} ms")
