"""07_word_embeddings in a real browser: run all; the projector turns in the page at screen rate, the search
box highlights a word, a click lists a point's neighbours with cosines, the analogy box draws its
parallelogram, the t-SNE view replaces the PCA one; nothing may fail."""
from __future__ import annotations

import time

import pytest

from support.browser_js import TURN as _TURN


def _wait(what: str, check, timeout_s: float = 60) -> float:
    start = time.perf_counter()
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if check():
            return (time.perf_counter() - start) * 1000
        time.sleep(0.02)
    raise AssertionError(f"07: {what}")


@pytest.mark.runs_notebook("07_word_embeddings")
def test_07_projector_search_click_analogy_projection_and_rotation(lab):
    nb = lab.open_course("07_word_embeddings")
    nb.run_all(timeout_s=600)        # both trainers run in the notebook: allow for a busy machine
    nb.assert_no_errors()
    box = nb.page.locator(".latent-projector")
    assert box.count() == 1, f"07 has one projector, found {box.count()}"
    box.scroll_into_view_if_needed()
    cloud = box.locator(".latent-cloud3d")
    panel = box.locator(".widget-html").last
    # it starts on 'france' with the analogy french - france + spain drawn as a parallelogram
    assert cloud.get_attribute("data-highlight") == "france"
    assert "nearest to france" in panel.text_content()
    assert "french - france + spain" in panel.text_content() and int(cloud.get_attribute("data-lines")) >= 1

    fps = nb.page.evaluate(_TURN, 0)
    assert fps >= 30, f"07: the projector turned at {fps:.0f} frames per second"

    search = box.locator("input[type='text']").nth(0)
    search.fill("war")
    ms_search = _wait("searching 'war' did not highlight it", lambda: cloud.get_attribute("data-highlight") == "war")
    assert "nearest to war" in panel.text_content()

    canvas = cloud.locator("canvas")
    b = canvas.bounding_box()
    picked = None
    for fx in (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65):   # click until a point is under the pointer
        nb.page.mouse.move(b["x"] + b["width"] * fx, b["y"] + b["height"] * 0.5)
        name = cloud.get_attribute("data-hover")
        if name:
            nb.page.mouse.click(b["x"] + b["width"] * fx, b["y"] + b["height"] * 0.5)
            picked = name
            break
    assert picked, "no point under the pointer along the middle of the cloud"
    ms_click = _wait(f"clicking {picked!r} did not select it",
                     lambda: cloud.get_attribute("data-highlight") == picked and f"nearest to {picked}" in
                     panel.text_content())

    analogy = box.locator("input[type='text']").nth(1)
    analogy.fill("higher - high + small")
    analogy.press("Enter")
    _wait("the analogy's answer is not listed", lambda: "higher - high + small" in panel.text_content())

    box.locator("select").select_option("t-SNE")
    _wait("the t-SNE view did not come", lambda: (cloud.get_attribute("data-title") or "").startswith("t-SNE"),
          timeout_s=180)
    nb.assert_no_errors()
    assert nb.page.locator("text=No answer yet").count() >= 1
    print(f"07 projector: {fps:.0f} frames per second turning, search {ms_search:.0f} ms, click {ms_click:.0f} ms")
