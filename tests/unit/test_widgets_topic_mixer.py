"""TopicMixer (notebook 08): sliders change the mixture and the nearest documents, which the page draws from
the data it was given (the kernel draws nothing while they move, and its picture only when asked); the first
frame shows a real document's mixture; bad input is refused by name; a failing picture shows its error."""
import json
import re
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from latent_helpers.widgets import TopicMixer, topic_page
from latent_helpers.widgets.topic_mixer import polygon_corners
from latent_helpers.widgets.topic_page import MixerView, contenders, fallback_script, mixed

VOCAB = ["rocket", "orbit", "moon", "god", "moral", "belief", "vote", "party", "law"]
PHI = np.array([[0.4, 0.3, 0.2, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01],
                [0.01, 0.02, 0.02, 0.4, 0.3, 0.2, 0.02, 0.02, 0.01],
                [0.02, 0.01, 0.02, 0.01, 0.02, 0.02, 0.4, 0.3, 0.2]])
THETA = np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9], [0.5, 0.45, 0.05], [0.1, 0.4, 0.5]])
TEXTS = ["rockets to the moon", "on belief and morals", "the party vote", "a rocket and a god", "law and belief"]
LABELS = np.array([0, 1, 2, 0, 1])
NAMES = ["space", "religion", "politics"]


def _mixer(**kwargs):
    args = dict(labels=LABELS, label_names=NAMES)
    args.update(kwargs)
    return TopicMixer(PHI * 10, VOCAB, THETA, TEXTS, **args)   # unnormalised topic weights are fine


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


def _floats(data: dict, key: str, columns: int) -> np.ndarray:
    return np.frombuffer(data[key], dtype="<f8").reshape(-1, columns)


def test_first_frame_shows_a_real_documents_mixture():
    w = _mixer()
    np.testing.assert_allclose(w.mixture, THETA[0])          # default: document 0's proportions
    assert w.nearest[0] == 0 and w.renders == 0              # the page draws; the kernel has drawn nothing yet
    assert w.png.startswith(b"\x89PNG") and w.error is None and w.renders == 1
    bundle = w._repr_mimebundle_()
    assert {"image/png", "text/html", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
    assert w.renders == 1                                     # the still picture is drawn once for these values
    started = _mixer(weights=THETA[3])
    np.testing.assert_allclose(started.mixture, THETA[3])
    assert started.nearest[0] == 3
    started.still_png()
    assert "z0 0.50" in started._headline.get_text()
    assert [t.get_text() for t in started._words[:2]] == ["rocket", "god"]


def test_sliders_change_the_numbers_and_the_kernel_draws_nothing_until_asked():
    w = _mixer()
    assert list(w.controls) == ["z0", "z1", "z2"]
    first = w.png
    assert w.renders == 1
    w.controls["z0"].value = 0.0
    w.controls["z2"].value = 1.0
    np.testing.assert_allclose(w.mixture, [0.0, 0.05, 1.0] / np.float64(1.05))
    np.testing.assert_allclose(w.word_distribution, w.mixture @ (PHI / PHI.sum(1, keepdims=True)))
    assert w.nearest[0] == 2 and w.renders == 1              # numbers follow the sliders; no picture drawn
    second = w.png
    assert second != first and w._words[0].get_text() == "vote" and w.renders == 2
    assert w.png == second and w.renders == 2                # asked again for the same values: no new drawing
    w.controls["z1"].value = 1.0
    assert w.nearest[0] == 4                                   # the law-and-belief post, a mix of both
    assert w.renders == 2 and w.error is None


def test_a_drag_sends_nothing_from_the_kernel():
    """No strips, no pictures, no message: the page has all it needs from the start."""
    w = _mixer()
    sent, changed = [], []
    w.image.send = lambda *a, **k: sent.append(a)
    w.image.observe(lambda change: changed.append(change["name"]))

    def no_strips(*args, **kwargs):
        raise AssertionError("the kernel rendered pictures along a slider")

    w.frames_along = no_strips
    for v in np.linspace(0, 1, 101):                           # a drag of z1 across its track
        w.controls["z1"].value = float(v)
    w.controls["z0"].value = 0.3
    assert not sent and not changed and w.renders == 0 and not w._strips_wanted
    assert w.image.controls == list(w.controls.values())      # the page reads the sliders themselves


def test_the_page_gets_the_exact_numbers_it_mixes():
    w = _mixer()
    view = w.image
    assert isinstance(view, MixerView) and "latent-liveplot" in w._dom_classes and view.kind == "TopicMixer"
    js = Path(topic_page.__file__).with_name("topic_mixer.js").read_text()
    assert view._esm == js and "export default { render }" in js    # the front end, from the package
    d = view.data
    assert d["words"] == VOCAB and d["note"] == ""              # a small vocabulary goes whole
    np.testing.assert_array_equal(_floats(d, "phi", len(VOCAB)), w.topic_word)   # bit for bit, normalised
    np.testing.assert_array_equal(_floats(d, "theta", 3), w.doc_topic)
    xy = THETA @ polygon_corners(3) / THETA.sum(1, keepdims=True)
    np.testing.assert_allclose(_floats(d, "xy", 2), xy, atol=1e-12)
    assert np.array_equal(w.doc_xy, _floats(d, "xy", 2)) and d["corners"] == np.round(w.corners, 6).tolist()
    assert d["classes"] == LABELS.tolist() and d["class_names"] == NAMES and d["class_markers"] == ["o", "s", "^"]
    assert d["tags"][1] == "[religion]" and d["snippets"][0] == TEXTS[0]
    assert d["names"][0] == "z0: rocket orbit moon" and len(d["colours"]) == 3
    assert (d["n_words"], d["n_docs"]) == (9, 3)
    plain = TopicMixer(PHI, VOCAB, THETA, TEXTS, n_words=4)
    assert plain.image.data["classes"] is None and plain.image.data["tags"] == [""] * 5


def _ranking_words(phi: np.ndarray, m: np.ndarray, n: int, among: np.ndarray | None = None) -> list[int]:
    p = mixed(m, phi)
    order = np.argsort(-p, kind="stable") if among is None else among[np.argsort(-p[among], kind="stable")]
    return order[:n].tolist()


def test_contenders_give_the_same_top_words_as_the_whole_vocabulary():
    """The words the page holds when the vocabulary is large: for any mixture, the top n among them are the
    top n of the whole vocabulary, ties (equal columns, float32 roundings) ranked by index as the kernel does."""
    g = np.random.default_rng(3)
    K, V, n = 6, 900, 12
    phi = g.dirichlet(np.full(V, 0.05), size=K).astype(np.float32).astype(np.float64)
    phi[:, 500] = phi[:, 20]                                   # equal columns: the earlier word ranks first
    phi[:, 30] = phi[:, 700]
    phi[:, 40] = 0.0                                           # a word no topic uses
    keep = contenders(phi, n)
    assert 0 < len(keep) < V and np.all(np.diff(keep) > 0)
    mixtures = [g.dirichlet(np.full(K, a)) for a in (0.05, 0.3, 1.0, 5.0) for _ in range(150)]
    mixtures += [np.eye(K)[k] for k in range(K)] + [np.round(g.random(K), 2) for _ in range(100)]
    for m in mixtures:
        m = m / m.sum()
        assert _ranking_words(phi, m, n, keep) == _ranking_words(phi, m, n), m
    assert contenders(phi, V).tolist() == list(range(V))


def test_a_large_vocabulary_sends_only_the_words_that_can_be_shown():
    g = np.random.default_rng(4)
    K, V = 5, 3000
    phi = g.dirichlet(np.full(V, 0.05), size=K)
    words = [f"w{i}" for i in range(V)]
    texts = [f"doc {i}" for i in range(40)]
    theta = g.dirichlet(np.ones(K), size=40)

    class Small(TopicMixer):
        PAGE_NUMBERS = 10_000

    w = Small(phi, words, theta, texts, n_words=8)
    keep, note = w.page_words()
    assert note == "" and K * len(keep) <= 10_000 and len(keep) < V
    assert w.image.data["words"] == [words[i] for i in keep]
    np.testing.assert_array_equal(_floats(w.image.data, "phi", len(keep)), w.topic_word[:, keep])
    for c in w.controls.values():
        c.value = float(g.random())
    assert [words[i] for i in _ranking_words(w.topic_word, w.mixture, 8, keep)] == \
        [words[i] for i in np.argsort(-w.word_distribution, kind="stable")[:8]]

    class Tiny(TopicMixer):
        PAGE_NUMBERS = 500                                      # not even the contenders fit: approximate, said

    t = Tiny(phi, words, theta, texts, n_words=8)
    keep, note = t.page_words()
    assert K * len(keep) <= 500 and "most probable" in note and t.image.data["note"] == note


def test_all_weights_zero_is_a_message_not_an_error():
    w = _mixer()
    for c in w.controls.values():
        c.value = 0.0
    assert w.error is None and w.mixture is None and w.word_distribution is None and len(w.nearest) == 0
    w.still_png()
    assert "all weights are 0" in w._headline.get_text()
    w.controls["z1"].value = 0.5
    assert w.nearest[0] == 1
    w.still_png()
    assert "z1 1.00" in w._headline.get_text()


def test_pictures_leave_no_trace_of_earlier_ones():
    direct = _mixer()
    direct.controls["z1"].value = 0.7
    walked = _mixer()
    for v in (0.2, 1.0, 0.0, 0.7):
        walked.controls["z1"].value = v
        walked.still_png()
    np.testing.assert_array_equal(_pixels(direct.png), _pixels(walked.png))
    assert walked.renders == 4 and direct.renders == 1


def test_weights_above_one_are_scaled_to_the_sliders_and_labels_are_optional():
    w = TopicMixer(PHI, VOCAB, THETA, TEXTS, weights=[2.0, 4.0, 0.0], n_words=4, n_docs=2)
    assert [c.value for c in w.controls.values()] == [0.5, 1.0, 0.0]
    np.testing.assert_allclose(w.mixture, [1 / 3, 2 / 3, 0.0])
    assert w.image.data["n_words"] == 4 and len(w.nearest) == 2
    w.still_png()
    assert len(w._words) == 4
    assert w.topic_names[0] == "z0: rocket orbit moon"


def test_a_failing_picture_shows_its_error():
    w = _mixer()

    def broken(m):
        raise RuntimeError("distance exploded")

    w.nearest_to = broken
    w.controls["z1"].value = 0.8                               # moving a slider asks nothing of the kernel
    with pytest.raises(RuntimeError, match="exploded"):
        w.still_png()
    assert isinstance(w.error, RuntimeError) and "exploded" in w.message.value
    del w.nearest_to
    assert w.png.startswith(b"\x89PNG") and w.error is None and w.message.value == ""


def test_the_fallback_runs_the_pages_drawing_code():
    w = _mixer(weights=THETA[3])
    html = w.fallback()
    script = fallback_script()
    assert script in html and "function makeMixer(" in script and "function mix(" in script
    assert "export " not in script and "</" not in script and "console.error" not in script
    assert "async function render" not in script          # the anywidget view stays out
    data = json.loads(re.search(r'class="latent-static-data">(.*?)</script>', html, re.S).group(1))
    assert data["start"] == [c.value for c in w.controls.values()] and data["words"] == VOCAB
    assert np.array(data["phi"]).shape == (3, 9) and data["classes"] == LABELS.tolist()


def test_polygon_corners():
    c = polygon_corners(3)
    np.testing.assert_allclose(np.linalg.norm(c, axis=1), 1.0)
    np.testing.assert_allclose(c[0], [0.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(np.array([0.5, 0.5, 0.0]) @ c, (c[0] + c[1]) / 2)
    with pytest.raises(ValueError, match="k"):
        polygon_corners(1)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(topic_word=-PHI), ValueError, "topic_word"),
    (dict(topic_word=PHI[:1]), ValueError, "topic_word"),
    (dict(topic_word=np.ones((21, 9))), ValueError, "topic_word"),
    (dict(topic_word="phi"), TypeError, "topic_word"),
    (dict(topic_word=np.vstack([PHI[:2], np.zeros(9)])), ValueError, "topic_word: row 2"),
    (dict(vocabulary=VOCAB[:-1]), ValueError, "vocabulary"),
    (dict(vocabulary="rocket"), TypeError, "vocabulary"),
    (dict(doc_topic=THETA[:, :2]), ValueError, "doc_topic"),
    (dict(doc_topic=np.full((5, 3), np.nan)), ValueError, "doc_topic"),
    (dict(doc_texts=TEXTS[:-1]), ValueError, "doc_texts"),
    (dict(doc_texts=[1, 2, 3, 4, 5]), TypeError, "doc_texts"),
    (dict(weights=[1.0, 0.0]), ValueError, "weights"),
    (dict(weights=[0.0, 0.0, 0.0]), ValueError, "weights"),
    (dict(weights=[-1.0, 1.0, 1.0]), ValueError, "weights"),
    (dict(labels=[0, 1]), ValueError, "labels"),
    (dict(labels=[0, 1, 2, 0, -1]), ValueError, "labels"),
    (dict(labels=None, label_names=NAMES), ValueError, "label_names"),
    (dict(label_names=["a"]), ValueError, "label_names"),
    (dict(topic_names=["a", "b"]), ValueError, "topic_names"),
    (dict(n_words=0), ValueError, "n_words"),
    (dict(n_docs=2.5), TypeError, "n_docs"),
])
def test_bad_arguments_are_named(kwargs, error, match):
    args = dict(topic_word=PHI, vocabulary=VOCAB, doc_topic=THETA, doc_texts=TEXTS, labels=LABELS, label_names=NAMES)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        TopicMixer(**args)


def test_the_sliders_start_on_their_steps_so_the_page_and_the_kernel_mix_the_same():
    """A page snaps a slider to its 0.01 steps and sends the value back: the kernel starts there already."""
    K = PHI.shape[0]
    w = _mixer(weights=np.r_[0.333, 0.667, np.zeros(K - 2)])
    assert [c.value for c in w.controls.values()][:2] == [0.33, 0.67]
    np.testing.assert_allclose(w.mixture[:2], [0.33, 0.67])
    tiny = _mixer(weights=np.r_[0.001, 0.002, np.zeros(K - 2)])   # would all round to 0: scaled to 1 first
    assert [c.value for c in tiny.controls.values()][:2] == [0.5, 1.0] and tiny.mixture is not None
