"""EmbeddingExplorer (notebook 07): every control changes the picture; unknown words are reported in the
picture, not raised; bad arguments are refused by name; a failing draw shows its error."""
from io import BytesIO

import numpy as np
import pytest
from gensim.models import KeyedVectors
from PIL import Image

from latent_helpers.widgets import EmbeddingExplorer
from latent_helpers.widgets.embedding_explorer import parse_analogy, pca_points

WORDS = ["man", "woman", "king", "queen", "boy", "girl", "paris", "france", "rome", "italy",
         "tokyo", "japan", "apple", "pear", "plum", "red", "blue", "green"]


def _vectors():
    """Planted structure: a gender offset, a capital offset, and three loose groups."""
    rng = np.random.default_rng(0)
    V = rng.normal(size=(len(WORDS), 6))
    gender, capital = np.eye(6)[0], np.eye(6)[1]
    for male, female in (("man", "woman"), ("king", "queen"), ("boy", "girl")):
        V[WORDS.index(female)] = V[WORDS.index(male)] + gender
    for city, country in (("paris", "france"), ("rome", "italy"), ("tokyo", "japan")):
        V[WORDS.index(city)] = V[WORDS.index(country)] + capital
    return V.astype(np.float32)


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


def test_every_control_changes_the_picture():
    x = EmbeddingExplorer(_vectors(), WORDS, word="king", k=3, title="words")
    assert x.png.startswith(b"\x89PNG") and x.error is None and x.word == "king"
    frames = {x.png}
    for name, value in (("word", "apple"), ("analogy", "rome - italy + france"), ("neighbours", 5),
                        ("azimuth", 30), ("elevation", -40), ("zoom", 4)):
        x.controls[name].value = value
        assert x.png not in frames, f"moving {name} left the picture unchanged"
        frames.add(x.png)
    assert x.error is None and x.renders == 7
    assert x.word == "apple" and len(x.found) == 5 and x.result[0] == "paris"


def test_neighbours_are_by_cosine_in_the_full_space_and_leave_the_word_out():
    V = _vectors()
    x = EmbeddingExplorer(V, WORDS, word="apple", k=4)
    U = V / np.linalg.norm(V, axis=1, keepdims=True)
    sims = U @ U[WORDS.index("apple")]
    sims[WORDS.index("apple")] = -np.inf
    want = [WORDS[j] for j in np.argsort(-sims)[:4]]
    assert [w for w, _ in x.found] == want
    assert all(a >= b for (_, a), (_, b) in zip(x.found, x.found[1:]))
    assert x.neighbours("apple", 2) == x.found[:2]


def test_analogies_are_solved_by_3cosadd():
    x = EmbeddingExplorer(_vectors(), WORDS, word="man", analogy="queen - woman + man")
    assert x.result[0] == "king"
    assert x.solve("paris", "france", "italy")[0] == "rome"
    assert x.solve("Tokyo", "japan", "france")[0] == "paris"     # case is forgiven


def test_gensim_keyed_vectors_work_as_they_are():
    kv = KeyedVectors(vector_size=6)
    kv.add_vectors(WORDS, _vectors())
    x = EmbeddingExplorer(kv, word="queen", k=2)
    assert x.word == "queen" and len(x.found) == 2


def test_unknown_words_are_reported_in_the_picture_not_raised():
    x = EmbeddingExplorer(_vectors(), WORDS, word="king")
    x.controls["word"].value = "zebra"
    assert x.error is None and x.word is None and x.found == []
    texts = " ".join(t.get_text() for t in x._texts)
    assert "'zebra' is not in the" in texts
    x.controls["analogy"].value = "king - man"
    assert x.error is None and "a - b + c" in " ".join(t.get_text() for t in x._texts)
    x.controls["analogy"].value = "king - man + zebra"
    shown = " ".join(t.get_text() for t in x._texts)
    assert x.error is None and x.result is None and "'zebra' not in the vocabulary" in shown
    x.controls["word"].value = ""
    assert "type a word" in " ".join(t.get_text() for t in x._texts)


def test_frames_leave_no_trace_of_earlier_ones():
    direct = EmbeddingExplorer(_vectors(), WORDS, word="pear", analogy="paris - france + italy", azimuth=10)
    walked = EmbeddingExplorer(_vectors(), WORDS, word="king", azimuth=10)
    for word in ("apple", "zebra", "boy", "pear"):
        walked.controls["word"].value = word
    walked.controls["zoom"].value = 5
    walked.controls["zoom"].value = 1
    walked.controls["analogy"].value = "paris - france + italy"
    np.testing.assert_array_equal(_pixels(direct.png), _pixels(walked.png))


def test_zoom_hides_words_outside_the_box():
    x = EmbeddingExplorer(_vectors(), WORDS, word="king", zoom=1)
    everyone = len(x._cloud._offsets3d[0])
    x.controls["zoom"].value = 10
    assert len(x._cloud._offsets3d[0]) < everyone


def test_a_failing_draw_shows_its_error():
    x = EmbeddingExplorer(_vectors(), WORDS, word="king")
    x.points = x.points[:3]           # broken on purpose: too few positions for the words
    with pytest.raises(IndexError):
        x.controls["word"].value = "plum"
    assert isinstance(x.error, IndexError) and "IndexError" in x.message.value


def test_pca_points_and_parse_analogy():
    P, share = pca_points(_vectors())
    assert P.shape == (len(WORDS), 3) and share[0] >= share[1] >= share[2] > 0 and share.sum() <= 1
    P2, share2 = pca_points(np.eye(2))       # fewer dimensions than components: padded with zeros
    assert P2.shape == (2, 3) and share2[2] == 0
    assert parse_analogy(" paris-france+italy ") == ("paris", "france", "italy")
    with pytest.raises(ValueError, match="a - b \\+ c"):
        parse_analogy("paris + france - italy")
    with pytest.raises(TypeError, match="analogy"):
        parse_analogy(3)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(words=WORDS[:-1]), ValueError, "words has"),
    (dict(points=np.zeros((len(WORDS), 2))), ValueError, "points"),
    (dict(points="pca"), TypeError, "points"),
    (dict(word="zebra"), ValueError, "word 'zebra'"),
    (dict(word=3), TypeError, "word"),
    (dict(k=0), ValueError, "k must be"),
    (dict(k=13), ValueError, "k must be"),
    (dict(k=2.5), TypeError, "k must be"),
    (dict(analogy="paris - zebra + italy"), ValueError, "zebra"),
    (dict(analogy="paris + italy"), ValueError, "a - b \\+ c"),
    (dict(analogy=None), TypeError, "analogy"),
    (dict(azimuth=400), ValueError, "azimuth"),
    (dict(elevation="up"), ValueError, "elevation"),
    (dict(zoom=0), ValueError, "zoom"),
    (dict(n_points=0), ValueError, "n_points"),
    (dict(caption=5), TypeError, "caption"),
])
def test_bad_arguments_are_named(kwargs, error, match):
    args = dict(vectors=_vectors(), words=WORDS)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        EmbeddingExplorer(**args)


def test_vectors_must_be_word_vectors():
    with pytest.raises(TypeError, match="KeyedVectors"):
        EmbeddingExplorer(_vectors())
    with pytest.raises(ValueError, match="at least 2"):
        EmbeddingExplorer(np.ones((1, 3)), ["one"])
