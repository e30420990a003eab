"""TopicMixer (notebook 08): sliders change the mixture, the picture and the nearest documents; the first frame
shows a real document's mixture; bad input is refused by name; a failing draw shows its error."""
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from latent_helpers.widgets import TopicMixer
from latent_helpers.widgets.topic_mixer import polygon_corners

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


def test_first_frame_shows_a_real_documents_mixture():
    w = _mixer()
    np.testing.assert_allclose(w.mixture, THETA[0])          # default: document 0's proportions
    assert w.nearest[0] == 0 and w.png.startswith(b"\x89PNG") and w.error is None
    assert "image/png" in w._repr_mimebundle_()
    started = _mixer(weights=THETA[3])
    np.testing.assert_allclose(started.mixture, THETA[3])
    assert started.nearest[0] == 3
    assert "z0 0.50" in started._headline.get_text()
    assert [t.get_text() for t in started._words[:2]] == ["rocket", "god"]


def test_sliders_change_the_mixture_words_picture_and_neighbours():
    w = _mixer()
    assert list(w.controls) == ["z0", "z1", "z2"]
    frames = {w.png}
    w.controls["z0"].value = 0.0
    w.controls["z2"].value = 1.0
    frames.add(w.png)
    np.testing.assert_allclose(w.mixture, [0.0, 0.05, 1.0] / np.float64(1.05))
    np.testing.assert_allclose(w.word_distribution, w.mixture @ (PHI / PHI.sum(1, keepdims=True)))
    assert w.nearest[0] == 2 and w._words[0].get_text() == "vote"
    w.controls["z1"].value = 1.0
    frames.add(w.png)
    assert w.nearest[0] == 4                                   # the law-and-belief post, a mix of both
    assert len(frames) == 3 and w.renders == 4 and w.error is None


def test_a_small_move_of_slider_z0_changes_the_picture():
    """What the browser test does: two presses of ArrowRight on the first slider."""
    w = _mixer(weights=THETA[3])
    before = w.png
    w.controls["z0"].value = w.controls["z0"].value + 2 * w.controls["z0"].step
    assert w.png != before


def test_all_weights_zero_is_a_message_not_an_error():
    w = _mixer()
    for c in w.controls.values():
        c.value = 0.0
    assert w.error is None and w.mixture is None and w.word_distribution is None and len(w.nearest) == 0
    assert "all weights are 0" in w._headline.get_text()
    w.controls["z1"].value = 0.5
    assert w.nearest[0] == 1 and "z1 1.00" in w._headline.get_text()


def test_frames_leave_no_trace_of_earlier_ones():
    direct = _mixer()
    direct.controls["z1"].value = 0.7
    walked = _mixer()
    for v in (0.2, 1.0, 0.0, 0.7):
        walked.controls["z1"].value = v
    np.testing.assert_array_equal(_pixels(direct.png), _pixels(walked.png))


def test_weights_above_one_are_scaled_to_the_sliders_and_labels_are_optional():
    w = TopicMixer(PHI, VOCAB, THETA, TEXTS, weights=[2.0, 4.0, 0.0], n_words=4, n_docs=2)
    assert [c.value for c in w.controls.values()] == [0.5, 1.0, 0.0]
    np.testing.assert_allclose(w.mixture, [1 / 3, 2 / 3, 0.0])
    assert len(w._words) == 4 and len(w.nearest) == 2
    assert w.topic_names[0] == "z0: rocket orbit moon"


def test_a_failing_draw_shows_its_error():
    w = _mixer()

    def broken(m):
        raise RuntimeError("distance exploded")

    w.nearest_to = broken
    with pytest.raises(RuntimeError, match="exploded"):
        w.controls["z1"].value = 0.8
    assert isinstance(w.error, RuntimeError) and "exploded" in w.message.value


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
