"""The pictures a live plot sends ahead to the page (strips), how it merges updates that come faster than
it draws, and its static fallback for pages with no kernel (content and size budget)."""
import asyncio
import concurrent.futures
import base64
import json
import re
from io import BytesIO

import ipywidgets as W
import numpy as np
import pytest
from PIL import Image

import latent_helpers as lh
from latent_helpers.widgets import LivePlot, blend_demo
from latent_helpers.widgets.frames import FrameView, near_first, positions, value_at
from latent_helpers.widgets.static import NOTEBOOK_BUDGET, WIDGET_BUDGET, spread


def _bars():
    s = W.FloatSlider(value=0.3, min=0.0, max=1.0, step=0.1)
    d = W.Dropdown(options=[("red", "#d62728"), ("blue", "#1f77b4")], value="#d62728")
    seen = []

    def draw(fig, a, colour):
        seen.append((a, colour))
        if not fig.axes:
            ax = fig.add_subplot()
            ax.bar([0], [a], color=colour)
            ax.set_ylim(0, 1.2)
        bar = fig.axes[0].patches[0]
        bar.set_height(a)
        bar.set_color(colour)

    return LivePlot(draw, {"a": s, "colour": d}, figsize=(2, 2), persistent=True), s, d, seen


def _digits(k=10):
    g = np.random.default_rng(0)
    basis = g.random((k, 28 * 28)).astype(np.float32)
    return lambda Z: 1 / (1 + np.exp(-(np.asarray(Z, np.float32) @ basis - basis.sum(0) / 2)))


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=np.int16)


# ------------------------------------------------------------------------------- positions and strips
def test_positions_of_sliders_menus_and_text():
    assert positions(W.FloatSlider(min=-1.0, max=1.0, step=0.5)) == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert positions(W.IntSlider(min=1, max=150)) == list(range(1, 151))
    assert positions(W.Dropdown(options=["lerp", "slerp"])) == [0, 1]
    assert positions(W.Text("paris")) is None
    assert positions(W.IntSlider(min=0, max=10**6)) is None   # too many pictures to send ahead
    d = W.Dropdown(options=[("red", "#d62728"), ("blue", "#1f77b4")])
    assert value_at(d, 1) == "#1f77b4"
    assert near_first([0.0, 0.1, 0.2, 0.3], 0.1) == [1, 0, 2, 3]


def test_the_picture_is_a_frame_view_that_knows_its_values():
    plot, s, d, _ = _bars()
    assert isinstance(plot.image, FrameView) and plot.image.controls == [s, d]
    assert plot.image.attrs == ["value", "index"] and plot.image.state == [0.3, 0]
    assert plot.image.strips == 2       # both controls get strips; a slider of too many positions does not:
    assert LivePlot(lambda fig, k, a: None, {"k": W.IntSlider(max=10**6), "a": W.FloatSlider()}).image.strips == 1
    s.value = 0.7
    d.value = "#1f77b4"
    assert plot.image.state == [0.7, 1] and plot.image.value == plot.png


def test_a_strip_holds_exactly_the_pictures_the_kernel_draws_there():
    plot, s, d, _ = _bars()
    where, frames = plot.strip("a")
    assert len(where) == len(frames) == 11
    assert s.value == 0.3 and plot.renders == 1            # making a strip moves nothing, shows nothing
    for j in (0, 4, 10):
        s.value = where[j]
        assert plot.png == frames[j]
    where, frames = plot.strip("colour")
    d.index = 1
    assert plot.png == frames[1]
    with pytest.raises(ValueError, match="no strip"):
        LivePlot(lambda fig, word: None, {"word": W.Text("x")}).strip("word")


def test_latent_sliders_decode_a_strip_in_one_batch_at_full_resolution():
    decode = _digits(3)
    calls = []

    def counted(Z):
        calls.append(len(Z))
        return decode(Z)

    w = lh.LatentSliders(counted, np.zeros(3), ranges=(-2, 2))
    calls.clear()
    where, frames = w.strip("z1")
    assert calls == [101] and len(frames) == 101
    assert _pixels(frames[0]).shape == (28, 28, 3)             # the page scales it up, pixelated
    assert w.image.pixelated and _pixels(w.still_png()).shape[0] == 28 * 7   # the still: about 200 px
    w.controls["z1"].value = where[77]
    assert w.png == frames[77]


def _run_page_session(plot, steps):
    """Run ``steps`` (functions) inside an event loop as a kernel would, collecting the strips sent."""
    sent = []
    plot.image.send_frames = lambda control, base, values, pngs, done: sent.append(
        (control, list(base), list(values), list(pngs), done))

    async def main():
        for step in steps:
            step()
            for _ in range(400):   # let the loop run the scheduled slices
                await asyncio.sleep(0.005)
                if plot._strip_timer is None:
                    break

    # in a thread of its own: in the whole suite the browser tests' Playwright (sync API) keeps an event loop
    # running in the main thread, where asyncio.run() refuses to start another
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, main()).result()
    return sent


def test_the_kernel_sends_every_strip_when_a_page_asks_and_again_after_a_move():
    plot, s, d, _ = _bars()
    plot.STRIP_SLICE_S = 0.001           # small slices: several messages per strip
    sent = _run_page_session(plot, [plot._page_wants_strips])
    got = {}
    for control, base, values, pngs, done in sent:
        assert base == [0.3, 0]
        got.setdefault(control, []).extend(zip(values, pngs))
    assert sorted(v for v, _ in got[0]) == positions(s) and sorted(v for v, _ in got[1]) == [0, 1]
    assert got[0][0][0] == 0.3           # outwards from where the slider stands
    for value, png in got[0][:3]:
        assert png == plot.render({"a": value, "colour": "#d62728"})
    assert sum(done for *_, done in sent) == 2
    # slices, not the whole strip at once: the kernel handles the page's messages in between
    assert sum(1 for control, *_ in sent if control == 0) >= 3

    # the page moves the slider: the menu's strip is drawn again for the new value, the slider's is kept
    later = _run_page_session(plot, [lambda: s.set_state({"value": 0.8})])
    assert {(c, tuple(b)) for c, b, *_ in later} == {(1, (0.8, 0))}


def test_a_drag_over_pictures_the_page_holds_leaves_the_kernel_idle_until_the_pointer_rests():
    """While the page swaps pictures from a strip, the kernel draws nothing (on two cores its drawing would
    slow the page down); once the pointer rests it draws the picture of the values on screen, once."""
    plot, s, d, seen = _bars()
    plot.STRIP_SLICE_S = 0.001
    _run_page_session(plot, [plot._page_wants_strips])
    seen.clear()
    renders = plot.renders
    drawn_during_drag = []

    def drag():
        for v in (0.4, 0.5, 0.6, 0.7):
            s.set_state({"value": v})            # each change as a message from the page
        drawn_during_drag.append((plot.renders - renders, list(seen)))

    later = _run_page_session(plot, [drag])
    assert drawn_during_drag == [(0, [])]          # all four were in the slider's strip: nothing drawn then
    assert plot.renders == renders + 1 and seen[0] == (0.7, "#d62728")   # then once, for where it rests
    assert plot.image.state == [0.7, 0] and plot.png == plot.render({"a": 0.7, "colour": "#d62728"})
    assert {(c, tuple(b)) for c, b, *_ in later} == {(1, (0.7, 0))}   # and the menu's strip for the new value
    # a value no strip holds (the menu's strip for 0.7 came only now) is drawn at once, as before
    plot._strips_sent.clear()
    seen.clear()
    s.set_state({"value": 0.2})
    assert seen == [(0.2, "#d62728")]
    # Python reading .png between a page move and the rest gets the picture of the current values
    _run_page_session(plot, [plot._page_wants_strips])
    plot._stale, seen[:] = True, []
    assert plot.png == plot.render({"a": 0.2, "colour": "#d62728"}) and not plot._stale


def test_a_change_from_the_page_is_drawn_and_tagged_with_its_values():
    plot, s, d, seen = _bars()
    seen.clear()
    s.set_state({"value": 0.9})               # what a message from the page does
    assert seen == [(0.9, "#d62728")] and plot.image.state == [0.9, 0]
    assert plot.png == plot.render({"a": 0.9, "colour": "#d62728"})


# ------------------------------------------------------------------------------- static fallbacks
def _fallback_parts(html: str):
    data = json.loads(re.search(r'<script type="application/json" class="latent-static-data">(.*?)</script>',
                                html, re.S).group(1))
    return data, re.findall(r'<input type="range" class="latent-static-slider"[^>]*>', html)


def test_the_fallback_follows_the_contract():
    plot, s, d, _ = _bars()
    bundle = plot._repr_mimebundle_()
    html = bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle and "image/png" in bundle
    assert html.startswith('<div class="latent-static" data-widget="LivePlot">') and html.endswith("</div>")
    assert re.search(r'<img class="latent-static-frame" alt="[^"]+" [^>]*src="data:image/png;base64,', html)
    assert "document.currentScript.closest('.latent-static')" in html and "'input'" in html
    assert "console.error" not in html and not re.search(r"https?://|\bid=", html)   # loads nothing, no ids
    data, sliders = _fallback_parts(html)
    assert len(sliders) == 2 and data["labels"] == [[f"{v:.2f}" for v in positions(s)], ["red", "blue"]]
    assert data["starts"] == [3, 0]
    assert "one control at a time" in html and "one control at a time" in LivePlot.fallback.__doc__ + \
        LivePlot.FALLBACK_COVERS


def test_latent_sliders_fallback_pictures_are_the_decoded_ones():
    w = lh.LatentSliders(_digits(10), np.zeros(10), ranges=(-3, 3))
    html = w.fallback()
    data, sliders = _fallback_parts(html)
    assert len(sliders) == 10 and all(len(p) == 21 for p in data["pictures"])
    assert len(html.encode()) <= WIDGET_BUDGET
    where = positions(w.controls["z4"])
    picks = spread(len(where), where.index(0.0) if 0.0 in where else 50, 21)
    k = 7
    png = base64.b64decode(data["pictures"][4][k])
    assert png == w.render({**w.values, "z4": where[picks[k]]})   # unchanged pixels, exact
    assert data["labels"][4][k] == f"{where[picks[k]]:.2f}" and "image-rendering:pixelated" in html


@pytest.fixture(scope="module")
def course_sized_widgets():
    """Widgets as large as the notebooks' own: 10 latent sliders, a 10-topic mixer, the explorer..."""
    g = np.random.default_rng(1)
    decode = _digits(3)
    K, V, D = 10, 400, 300
    phi, theta = g.dirichlet(np.full(V, 0.1), size=K), g.dirichlet(np.full(K, 0.3), size=D)
    words = [f"word{i}" for i in range(V)]
    texts = [" ".join(g.choice(words, 12)) for _ in range(D)]
    V3 = g.normal(size=(300, 20))
    return {
        "LatentSliders": lh.LatentSliders(_digits(10), np.zeros(10)),
        "Interpolator": lh.Interpolator(decode, g.normal(size=(3, 3)), map_points=g.normal(size=(500, 3)),
                                        map_labels=g.integers(0, 10, 500)),
        "FamilyBlend": lh.FamilyBlend(decode, g.normal(size=3), g.normal(size=3)),
        "blend_demo": blend_demo(g.random((28, 28)), g.random((28, 28))),
        "TopicMixer": lh.TopicMixer(phi, words, theta, texts, labels=g.integers(0, 4, D), label_names=list("abcd")),
        "EmbeddingExplorer": lh.EmbeddingExplorer(V3, [f"w{i}" for i in range(300)], k=5),
    }


@pytest.mark.parametrize("kind", ["LatentSliders", "Interpolator", "FamilyBlend", "blend_demo",
                                  "EmbeddingExplorer"])
def test_every_widget_kind_has_a_fallback_within_budget(course_sized_widgets, kind):
    w = course_sized_widgets[kind]
    html = w._repr_mimebundle_()["text/html"]
    size = len(html.encode())
    data, sliders = _fallback_parts(html)
    print(f"{kind}: fallback {size / 1000:.0f} kB, {[len(p) for p in data['pictures']]} pictures")
    assert size <= WIDGET_BUDGET and len(sliders) == len(data["pictures"]) >= 1
    assert all(len(p) >= 3 or len(p) == len(ps) for p, ps in zip(data["pictures"], data["labels"]))
    assert f'data-widget="{type(w).__name__}"' in html
    # the first picture of each slider's row at its start is the picture shown (within palette rounding)
    still = _pixels(w.still_png())
    first = _pixels(base64.b64decode(data["pictures"][0][data["starts"][0]]))
    if first.shape == still.shape:
        assert np.abs(first - still).mean() < 12
    assert NOTEBOOK_BUDGET >= 10 * WIDGET_BUDGET


def test_a_fallback_that_cannot_fit_warns_and_says_how_big_it_is():
    plot, *_ = _bars()
    with pytest.warns(UserWarning, match="over the budget of 1,000"):
        html = plot.fallback(budget=1000)
    assert html.startswith('<div class="latent-static"')


def test_the_topic_mixer_fallback_mixes_in_the_page_within_budget(course_sized_widgets):
    w = course_sized_widgets["TopicMixer"]
    html = w._repr_mimebundle_()["text/html"]
    data, sliders = _fallback_parts(html)
    print(f"TopicMixer: fallback {len(html.encode()) / 1000:.0f} kB")
    assert len(html.encode()) <= WIDGET_BUDGET and len(sliders) == 10
    assert html.startswith('<div class="latent-static" data-widget="TopicMixer">')
    assert "document.currentScript.closest('.latent-static')" in html and "console.error" not in html
    # what the page needs to mix: each topic's most probable words, every document's proportions
    assert len(data["theta"]) == len(w.doc_texts) and len(data["phi"]) == 10
    kept = set(data["words"])
    for k in range(10):
        top = [w.vocabulary[i] for i in np.argsort(-w.topic_word[k], kind="stable")[: w.FALLBACK_WORDS]]
        assert set(top) <= kept
    # the page's mixture at the starting sliders puts the same top words first as the kernel does
    m = np.array([int(re.search(r'value="(\d+)"', t).group(1)) / 20 for t in sliders])
    i_words = {word: i for i, word in enumerate(data["words"])}
    p_page = (m / m.sum()) @ np.array(data["phi"])
    p_kernel = (m / m.sum()) @ w.topic_word
    assert [data["words"][i] for i in np.argsort(-p_page, kind="stable")[:5]] == \
        [w.vocabulary[i] for i in np.argsort(-p_kernel, kind="stable")[:5]]
    assert all(word in i_words for word in data["words"][:3])
    assert "every combination" in html and "every combination" in type(w).__doc__
