"""The topic mixer in Chromium: the page mixes exactly as the kernel does (same words, same documents, the same
numbers to the last bit), and in JupyterLab a dragged topic slider redraws within two frames with no kernel round
trip, the picture ends on the sliders' values, a slider moved from Python moves the picture, and a page that
cannot draw says so in the widget."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

from latent_helpers.widgets import TopicMixer, topic_page
from latent_helpers.widgets.topic_page import mixed
from support.slider_budget import timed_twice_if_over



def _synthetic(K: int = 7, V: int = 600, D: int = 150, seed: int = 0, cls=TopicMixer) -> TopicMixer:
    g = np.random.default_rng(seed)
    phi = g.dirichlet(np.full(V, 0.05), size=K).astype(np.float32)   # float32 roundings: many equal values
    phi[:, 300] = phi[:, 10]                                          # equal words: the earlier ranks first
    words = [f"word{i}" for i in range(V)]
    theta = g.dirichlet(np.full(K, 0.3), size=D)
    theta[5] = theta[6]                                               # equal documents too
    texts = [" ".join(g.choice(words, 12)) for _ in range(D)]
    return cls(phi, words, theta, texts, labels=g.integers(0, 3, D), label_names=["a", "b", "c"])


class _FewWords(TopicMixer):
    PAGE_NUMBERS = 2_000     # the page holds only the words that can reach the top 12


def _weights(K: int, n: int, seed: int = 1) -> list[list[float]]:
    g = np.random.default_rng(seed)
    out = [list(g.dirichlet(np.full(K, a))) for a in (0.1, 0.5, 2.0) for _ in range(n)]
    out += [list(np.round(g.random(K) * (g.random(K) < 0.4), 2)) for _ in range(n)]   # slider-like, sparse
    out += [list(np.eye(K)[k]) for k in range(K)] + [[0.0] * K]
    return [[float(v) for v in w] for w in out]


_PAGE_MIX = """([data, weights]) => {
  const raw = Object.assign({}, data);
  for (const key of ["phi", "theta", "xy"]) raw[key] = Uint8Array.from(atob(data[key]), (c) => c.charCodeAt(0));
  const d = window.__mixer.prepare(raw);
  const out = weights.map((w) => {
    const r = window.__mixer.mix(d, w);
    return r && { m: Array.from(r.m), top: r.top, p: r.top.map((i) => r.p[i]), near: r.near,
                  dist: r.near.map((j) => r.dist[j]) };
  });
  const canvas = document.createElement("canvas");
  const mixer = window.__mixer.makeMixer(canvas, d);
  mixer.draw(weights[0]);
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) ink += 1;
  return { out, ink, size: [mixer.width, mixer.height] };
}"""


def _load(page) -> None:
    """The page's module (topic_mixer.js, as anywidget loads it), its functions put where a test can call them."""
    js = Path(topic_page.__file__).with_name("topic_mixer.js").read_text()
    page.add_script_tag(content=js + "\nwindow.__mixer = { prepare, mix, makeMixer, render };", type="module")
    page.wait_for_function("() => window.__mixer !== undefined")


def test_the_page_mixes_exactly_as_the_kernel(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_content("<!doctype html><html><body></body></html>")
    _load(page)
    for w in (_synthetic(), _synthetic(seed=2, cls=_FewWords)):
        keep, _ = w.page_words()
        data = {k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in w.image.data.items()}
        weights = _weights(len(w.controls), 60)
        got = page.evaluate(_PAGE_MIX, [data, weights])
        checked = 0
        for values, page_r in zip(weights, got["out"]):
            m = w.mixture_for({f"z{k}": v for k, v in enumerate(values)})
            if m is None:
                assert page_r is None
                continue
            p, dist = mixed(m, w.topic_word), w.distances(m)
            top = np.argsort(-p, kind="stable")[: w.n_words]
            assert page_r["m"] == m.tolist()                                  # bit for bit
            assert [int(keep[i]) for i in page_r["top"]] == top.tolist(), values
            assert page_r["p"] == p[top].tolist()
            assert page_r["near"] == w.nearest_to(m).tolist() and page_r["dist"] == dist[page_r["near"]].tolist()
            checked += 1
        assert checked >= 200
        assert got["ink"] > 2000 and got["size"][0] >= 900        # something was drawn, at a readable size
        if isinstance(w, _FewWords):
            assert len(keep) < len(w.vocabulary)                   # the contenders path, not the whole vocabulary
    assert not errors, errors
    page.close()


# The anywidget view on stand-in models (what anywidget hands render()): of many slider changes in one task, the
# first is drawn at once and the rest make one picture at the next frame, of the newest values; data the page
# cannot mix shows a message in the widget, and good data again takes it away.
_VIEW = """async ([data, K]) => {
  const model = (attrs) => {
    const on = {};
    return { get: (k) => attrs[k], on: (e, f) => { (on[e] = on[e] || []).push(f); },
             off: (e, f) => { on[e] = (on[e] || []).filter((g) => g !== f); },
             set: (k, v) => { attrs[k] = v; (on["change:" + k] || []).forEach((f) => f()); } };
  };
  const raw = Object.assign({}, data);
  for (const key of ["phi", "theta", "xy"]) raw[key] = Uint8Array.from(atob(data[key]), (c) => c.charCodeAt(0));
  const sliders = Array.from({ length: K }, () => model({ value: 0.5 }));
  const view = model({ kind: "TopicMixer", data: raw, controls: sliders.map((_, k) => "IPY_MODEL_s" + k) });
  view.widget_manager = { get_model: async (id) => sliders[Number(id.slice(1))] };
  const el = document.createElement("div");
  document.body.appendChild(el);
  const frames = (n) => new Promise((done) => {
    const step = () => (--n ? requestAnimationFrame(step) : done());
    requestAnimationFrame(step);
  });
  await window.__mixer.render({ model: view, el });
  const first = { ...el.dataset };
  await frames(2);
  for (let i = 0; i <= 50; i++) sliders[0].set("value", i / 50);      // a burst faster than frames
  sliders[3].set("value", 0.9);
  const during = el.dataset.shown;
  await frames(3);
  const after = { ...el.dataset };
  view.set("data", Object.assign({}, raw, { phi: new Uint8Array(8) }));
  const broken = { message: el.querySelector("pre") && el.querySelector("pre").textContent, ...el.dataset };
  view.set("data", raw);
  await frames(2);
  return { first, during, after, broken, mended: { pre: el.querySelectorAll("pre").length, ...el.dataset } };
}"""


def test_the_view_draws_only_the_newest_values_and_shows_what_it_cannot_draw(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!doctype html><html><body></body></html>")
    _load(page)
    w = _synthetic()
    data = {k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in w.image.data.items()}
    got = page.evaluate(_VIEW, [data, len(w.controls)])
    first, after, broken, mended = got["first"], got["after"], got["broken"], got["mended"]
    assert (first["widget"], first["ready"], first["frames"], first["shown"]) == ("TopicMixer", "7", "0", "1")
    # 52 changes in one task: the first is drawn at once; the others wait for the next frame, which draws
    # once, with the newest values (no backlog of 51 pictures)
    assert got["during"] == "2" and after["shown"] == "3"
    assert json.loads(after["state"]) == [1.0, 0.5, 0.5, 0.9, 0.5, 0.5, 0.5]
    assert "could not draw: phi holds 1 numbers" in broken["message"] and "could not draw" in broken["error"]
    assert broken["shown"] == "3"                             # nothing drawn from data it cannot mix
    assert mended["pre"] == 0 and "error" not in mended and mended["shown"] == "4"
    assert not errors, errors
    page.close()


MIXER = '''
import numpy as np, latent_helpers as lh
g = np.random.default_rng(0)
K, V, D = 10, 2000, 400                    # as large as notebook 08's mixer
words = [f"word{i}" for i in range(V)]
theta = g.dirichlet(np.full(K, 0.3), size=D)
# weights on the sliders' steps: a slider view that snaps its value to a step on being drawn would send that
# value back to the kernel after the next cell ran, undoing the move made from Python there
texts = [" ".join(g.choice(words, 12)) for _ in range(D)]
mixer = lh.TopicMixer(g.dirichlet(np.full(V, 0.05), size=K), words, theta, texts, weights=np.round(theta[0], 2),
                      labels=g.integers(0, 3, D), label_names=["news", "atheism", "space"], title="mixer")
mixer
'''
MOVED = '''
mixer.controls["z9"].value = 1.0           # moved from Python: the page draws it
'''
BROKEN = '''
broken = lh.TopicMixer(np.eye(3) + 0.1, ["a", "b", "c"], np.eye(3) + 0.1, ["x", "y", "z"], title="broken")
broken
'''
BREAK = '''
broken.image.data = {**broken.image.data, "phi": b"\\x00" * 8}   # data the page cannot mix
'''


def test_dragging_topic_sliders_redraws_in_the_page_within_two_frames(lab):
    page = lab.open_scratch("scratch_mixer.ipynb", MIXER, MOVED, BROKEN, BREAK)
    page.run_all(timeout_s=180)
    assert page.liveplots().count() == 2
    view = page.liveplots().nth(0).locator(".latent-frameview")
    assert view.get_attribute("data-widget") == "TopicMixer"
    assert page.wait_for_strips(0, timeout_s=30) == 0          # all ten sliders ready, no picture sent
    page.page.wait_for_function("v => JSON.parse(v.dataset.state || '[]')[9] === 1", arg=view.element_handle(),
                                timeout=10_000)
    report = {}
    for slider in (0, 1):                                      # z0, then z1: no wait for pictures in between
        row = timed_twice_if_over(lambda: page.timed_sweep(0, slider, moves=60, settle_s=1.0))
        report[f"z{slider}"] = {k: row[k] for k in ("median_ms", "p95_ms", "n", "changes", "pictures")}
        print(json.dumps(report[f"z{slider}"]), flush=True)
        assert row["changes"] >= 20, f"the sweep moved z{slider} only {row['changes']} times"
        assert row["unanswered"] == 0 and row["pictures"] >= row["changes"] / 2, row
        page.assert_within_two_frames([row])
        # the picture shows the values the sliders show, every one of them
        readouts = page.liveplots().nth(0).locator(".widget-slider .widget-readout").all_text_contents()
        state = page.view_state(0)
        assert len(state) == 10 and all(abs(s - float(r)) <= 0.005 for s, r in zip(state, readouts)), (state, readouts)
    # a page that cannot draw says so in the widget: the broken mixer, and only it
    assert page.errors() and all("could not draw" in e and "phi holds 1 numbers" in e for e in page.errors())
    assert page.liveplots().nth(0).locator("pre").count() == 0
    print(json.dumps(report))
