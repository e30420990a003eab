"""Static fallbacks in Chromium with no kernel and no JupyterLab: a plain page holding the text/html of a
few widgets; moving each static slider changes its picture, nothing is requested, nothing is logged as an error."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

import latent_helpers as lh


def _widgets():
    g = np.random.default_rng(0)
    basis = g.random((3, 784)).astype(np.float32)
    decode = lambda Z: 1 / (1 + np.exp(-(np.asarray(Z, np.float32) @ basis - basis.sum(0) / 2)))  # noqa: E731
    K, V, D = 4, 200, 120
    words = [f"word{i}" for i in range(V)]
    return [lh.LatentSliders(decode, np.zeros(3)),
            lh.Interpolator(decode, g.normal(size=(3, 3))),
            lh.TopicMixer(g.dirichlet(np.full(V, 0.1), size=K), words, g.dirichlet(np.ones(K), size=D),
                          [" ".join(g.choice(words, 10)) for _ in range(D)]),
            lh.blend_demo(g.random((8, 8)), g.random((8, 8)))]


def test_every_fallback_swaps_its_picture_in_a_plain_page(browser, tmp_path):
    body = "\n".join(w._repr_mimebundle_()["text/html"] for w in _widgets())
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("data:", "about:")) else None)
    page.set_content(f"<!doctype html><html><body>{body}</body></html>")
    boxes = page.locator(".latent-static")
    assert boxes.count() == 4
    for b in range(4):
        box = boxes.nth(b)
        kind = box.get_attribute("data-widget")
        frame = box.locator("img.latent-static-frame")
        sliders = box.locator("input.latent-static-slider")
        for s in range(sliders.count()):
            before = frame.get_attribute("src")
            slider = sliders.nth(s)
            slider.focus()
            key = "ArrowLeft" if slider.input_value() == slider.get_attribute("max") else "ArrowRight"
            for _ in range(3):
                slider.press(key)
            assert frame.get_attribute("src") != before, f"{kind}: moving static slider {s} left the picture as it was"
            assert frame.get_attribute("src").startswith("data:image/png;base64,")
    assert not errors, errors
    assert not requests, f"the fallbacks asked for {requests}"
    page.close()
