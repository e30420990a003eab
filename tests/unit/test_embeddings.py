"""latent_helpers.embeddings and the text loaders of notebook 07 (latent_helpers.datasets: corpora, word_sets):
gensim's bundled corpora and evaluation sets read offline, the scores of word vectors (checked against gensim's
own), and the GloVe loaders on files the tests write and on gensim's
test_glove.txt; the optional online loader fails fast offline."""
import bz2
import gzip

import numpy as np
import pytest
from gensim.models import KeyedVectors, Word2Vec

from latent_helpers import OfflineError, embeddings
from latent_helpers.datasets import corpora, gensim_data, online, word_sets


# ------------------------------------------------------------------ the bundled files
def test_bundled_evaluation_sets_have_their_published_sizes():
    assert len(word_sets.load_wordsim353()) == 353
    assert len(word_sets.load_simlex999()) == 999
    questions = word_sets.load_google_analogies()
    assert len(questions) == 19544 and len({q.section for q in questions}) == 14
    assert all(w == w.lower() for q in questions[:100] for w in q[1:])


def test_lee_background_is_300_documents_of_lower_case_words():
    docs = corpora.load_lee_background()
    assert len(docs) == 300 and 55_000 < sum(map(len, docs)) < 65_000
    assert all(w.isalpha() and w == w.lower() and 2 <= len(w) <= 15 for w in docs[0])


def test_gensim_test_file_names_a_missing_file():
    with pytest.raises(FileNotFoundError, match="no_such_file.txt"):
        gensim_data.gensim_test_file("no_such_file.txt")
    with pytest.raises(ValueError, match="name"):
        gensim_data.gensim_test_file("../etc/passwd")
    with pytest.raises(ValueError, match="name"):
        gensim_data.gensim_test_file(3)


# ------------------------------------------------------------------ corpora from files the tests write
PAGE = """<page><title>{title}</title><ns>{ns}</ns><id>{id}</id><revision><id>1</id>
<text xml:space="preserve">{text}</text></revision></page>"""


def _dump(path, pages):
    xml = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">\n'
           + "\n".join(PAGE.format(title=t, ns=ns, id=i, text=body) for i, (t, ns, body) in enumerate(pages, 1))
           + "\n</mediawiki>\n")
    with bz2.open(path, "wt", encoding="utf-8") as f:
        f.write(xml)
    return path


def test_wikipedia_loader_on_a_dump_the_test_writes(tmp_path):
    long = "The '''cat''' is a [[mammal|small mammal]] of the family Felidae. " * 12
    path = _dump(tmp_path / "tiny.xml.bz2", [
        ("Cat", 0, long),
        ("Talk:Cat", 1, long),                       # another namespace: left out
        ("Dog", 0, "A dog. {{stub}}"),               # too short: left out
    ])
    docs = corpora.load_wikipedia_excerpt(path, min_tokens=20)
    assert len(docs) == 1
    assert docs[0][:6] == ["the", "cat", "is", "small", "mammal", "of"]
    assert "[[" not in " ".join(docs[0]) and "felidae" in docs[0]
    assert len(corpora.load_wikipedia_excerpt(path, min_tokens=0)) == 2


def test_wikipedia_loader_refuses_what_is_not_a_dump(tmp_path):
    bad = tmp_path / "bad.bz2"
    bad.write_bytes(b"not bz2 at all")
    with pytest.raises(ValueError, match="bz2"):
        corpora.load_wikipedia_excerpt(bad)
    with pytest.raises(FileNotFoundError, match="path"):
        corpora.load_wikipedia_excerpt(tmp_path / "missing.bz2")
    with pytest.raises(TypeError, match="path"):
        corpora.load_wikipedia_excerpt(3)
    with pytest.raises(TypeError, match="min_tokens"):
        corpora.load_wikipedia_excerpt(bad, min_tokens=2.5)


def test_lee_loader_on_a_file_the_test_writes(tmp_path):
    path = tmp_path / "news.cor"
    path.write_text("Hundreds of people LEFT their homes in 2001.\n\n  \nA 2nd line, short!\n")
    assert corpora.load_lee_background(path) == [["hundreds", "of", "people", "left", "their", "homes", "in"],
                                              ["nd", "line", "short"]]


# ------------------------------------------------------------------ evaluation files
def test_read_word_pairs_tabs_spaces_comments_and_case(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("# a comment\n# Word 1\tWord 2\tHuman\nTiger\tcat\t7.35\n\nlove sex 6.77\n")
    assert word_sets.read_word_pairs(path) == [("tiger", "cat", 7.35), ("love", "sex", 6.77)]


@pytest.mark.parametrize("content, match", [
    ("tiger\tcat\n", "line 1"),
    ("tiger\tcat\tlots\n", "not a number"),
    ("tiger\tcat\tnan\n", "finite"),
    ("# only comments\n", "no word pairs"),
])
def test_read_word_pairs_names_the_bad_line(tmp_path, content, match):
    path = tmp_path / "pairs.tsv"
    path.write_text(content)
    with pytest.raises(ValueError, match=match):
        word_sets.read_word_pairs(path)


def test_read_analogies(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text(": capitals\nAthens Greece Rome Italy\n: family\nboy girl king queen\n")
    qs = word_sets.read_analogies(path)
    assert qs == [("capitals", "athens", "greece", "rome", "italy"), ("family", "boy", "girl", "king", "queen")]
    path.write_text("athens greece rome italy\n")
    with pytest.raises(ValueError, match="before any ': section'"):
        word_sets.read_analogies(path)
    path.write_text(": s\nathens greece rome\n")
    with pytest.raises(ValueError, match="line 2"):
        word_sets.read_analogies(path)


# ------------------------------------------------------------------ scores, against gensim's own
@pytest.fixture(scope="module")
def lee_model():
    docs = corpora.load_lee_background()
    return Word2Vec(docs, vector_size=24, window=5, min_count=3, sg=1, epochs=3, workers=1, seed=0).wv


def test_similarity_spearman_equals_gensims(lee_model):
    for path in (gensim_data.gensim_test_file(gensim_data.WORDSIM353), gensim_data.gensim_test_file(gensim_data.SIMLEX999)):
        ours = embeddings.similarity_spearman(lee_model, pairs=path)
        _, (rho, _), oov = lee_model.evaluate_word_pairs(str(path))
        assert ours.spearman == pytest.approx(rho, abs=1e-6)
        assert 1 - ours.coverage == pytest.approx(oov / 100, abs=1e-9)
    arrays = embeddings.similarity_spearman(lee_model.vectors, lee_model.index_to_key)      # default: WordSim-353
    assert arrays.spearman == pytest.approx(embeddings.similarity_spearman(lee_model).spearman)


def test_analogy_accuracy_equals_gensims(lee_model):
    path = gensim_data.gensim_test_file(gensim_data.GOOGLE_ANALOGIES)
    ours = embeddings.analogy_accuracy(lee_model, questions=path)
    theirs, sections = lee_model.evaluate_word_analogies(str(path))
    assert ours.accuracy == pytest.approx(theirs, abs=1e-12)
    asked = sum(len(s["correct"]) + len(s["incorrect"]) for s in sections if s["section"] != "Total accuracy")
    assert ours.n_asked == asked
    assert ours.n_total == 19544 and sum(n for _, n in ours.by_section.values()) == ours.n_asked
    restricted = embeddings.analogy_accuracy(lee_model, questions=path, restrict=300)
    assert restricted.n_asked < ours.n_asked


def test_euclidean_and_cosine_agree_on_unit_vectors_only():
    rng = np.random.default_rng(0)
    V = rng.normal(size=(6, 4)) * rng.uniform(0.2, 5, size=(6, 1))
    words = ["a", "b", "c", "d", "e", "f"]
    pairs = [(x, y, float(rng.random())) for x in words for y in words if x < y]
    cos = embeddings.similarity_spearman(V, words, pairs).spearman
    unit = embeddings.similarity_spearman(embeddings.unit_rows(V), words, pairs, distance="euclidean").spearman
    raw = embeddings.similarity_spearman(V, words, pairs, distance="euclidean").spearman
    assert unit == pytest.approx(cos) and raw != pytest.approx(cos)


def test_planted_analogy_is_answered_and_question_words_are_left_out():
    words = ["man", "king", "woman", "queen", "other"]
    V = np.array([[1.0, 0, 0.2], [1, 1, 0], [-1, 0, 0.2], [-1, 1, 0], [0, -1, 1]])
    s = embeddings.analogy_accuracy(V, words, [("man", "king", "woman", "queen"), ("man", "king", "woman", "absent")])
    assert (s.accuracy, s.n_correct, s.n_asked, s.n_total) == (1.0, 1, 1, 2)
    none = embeddings.analogy_accuracy(V, words, [("x", "y", "z", "w")])
    assert none.n_asked == 0 and none.accuracy == 0.0


def test_few_pairs_in_the_vocabulary_give_nan_not_an_error():
    s = embeddings.similarity_spearman(np.eye(2), ["a", "b"], [("a", "b", 1.0), ("a", "zz", 2.0)])
    assert np.isnan(s.spearman) and s.n_pairs == 1 and s.n_total == 2


@pytest.mark.parametrize("args, error, match", [
    ((np.eye(2), ["a"]), ValueError, "words has 1"),
    ((np.eye(2), ["a", "a"]), ValueError, "distinct"),
    ((np.eye(2), ["a", 3]), TypeError, "strings"),
    ((np.eye(2), "ab"), TypeError, "list of strings"),
    ((np.eye(2), None), TypeError, "KeyedVectors"),
    ((np.array([[np.nan, 1.0], [0, 1]]), ["a", "b"]), ValueError, "NaN"),
    (("vectors", ["a"]), TypeError, "vectors"),
])
def test_word_vectors_refuses_bad_input_by_name(args, error, match):
    with pytest.raises(error, match=match):
        embeddings.word_vectors(*args)


def test_scores_refuse_bad_arguments():
    V, words = np.eye(3), ["a", "b", "c"]
    with pytest.raises(ValueError, match="distance"):
        embeddings.similarity_spearman(V, words, [("a", "b", 1)], distance="manhattan")
    with pytest.raises(TypeError, match="pair"):
        embeddings.similarity_spearman(V, words, [("a", "b")])
    with pytest.raises(TypeError, match="score"):
        embeddings.similarity_spearman(V, words, [("a", "b", "high")])
    with pytest.raises(ValueError, match="empty"):
        embeddings.similarity_spearman(V, words, [])
    with pytest.raises(TypeError, match="four words"):
        embeddings.analogy_accuracy(V, words, [("a", "b", "c")])
    with pytest.raises(TypeError, match="restrict"):
        embeddings.analogy_accuracy(V, words, [("a", "b", "c", "a")], restrict=1.5)


# ------------------------------------------------------------------ GloVe files
def test_load_glove_file_reads_gensims_bundled_test_glove():
    kv = embeddings.load_glove_file(gensim_data.gensim_test_file("test_glove.txt"))
    assert (len(kv), kv.vector_size) == (76, 50)
    assert kv.index_to_key[0] == "the" and kv["the"][0] == pytest.approx(0.418)
    assert len(embeddings.load_glove_file(gensim_data.gensim_test_file("test_glove.txt"), limit=10)) == 10


def test_load_glove_file_reads_both_formats_plain_and_gzipped(tmp_path):
    rows = "cat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n"
    glove = tmp_path / "g.txt"
    glove.write_text(rows)
    w2v = tmp_path / "w.txt.gz"
    with gzip.open(w2v, "wt") as f:
        f.write("2 3\n" + rows)
    for path in (glove, w2v):
        kv = embeddings.load_glove_file(path)
        assert kv.index_to_key == ["cat", "dog"] and kv["dog"].tolist() == pytest.approx([0.2, 0.1, 0.0])


@pytest.mark.parametrize("content, match", [("", "empty"), ("cat\n", "first line"),
                                            ("cat 0.1 0.2\ndog 0.3\n", "well-formed")])
def test_load_glove_file_refuses_broken_files(tmp_path, content, match):
    path = tmp_path / "broken.txt"
    path.write_text(content)
    with pytest.raises(ValueError, match=match):
        embeddings.load_glove_file(path)


def test_load_glove_file_needs_a_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        embeddings.load_glove_file(tmp_path / "none.txt")


# ------------------------------------------------------------------ the optional online loader
def test_load_glove_reads_a_local_copy_without_the_network(tmp_path, monkeypatch):
    monkeypatch.setattr(embeddings, "GENSIM_DATA_DIR", tmp_path)
    monkeypatch.setattr(online, "is_online", lambda *a, **k: pytest.fail("the network was asked"))
    folder = tmp_path / "glove-test-3"
    folder.mkdir()
    with gzip.open(folder / "glove-test-3.gz", "wt") as f:
        f.write("2 3\ncat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n")
    kv = embeddings.load_glove("glove-test-3")
    assert kv.index_to_key == ["cat", "dog"]


def test_load_glove_without_download_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(embeddings, "GENSIM_DATA_DIR", tmp_path)
    monkeypatch.setattr(online, "is_online", lambda *a, **k: pytest.fail("the network was asked"))
    with pytest.raises(FileNotFoundError, match="download=True"):
        embeddings.load_glove("glove-wiki-gigaword-50")


def test_load_glove_offline_fails_fast_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(embeddings, "GENSIM_DATA_DIR", tmp_path)
    monkeypatch.setattr(online, "is_online", lambda *a, **k: False)
    with pytest.raises(OfflineError, match="no internet connection"):
        embeddings.load_glove("glove-wiki-gigaword-50", download=True)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(name="word2vec-google-news-300"), ValueError, "GloVe"),
    (dict(name="glove-../../etc"), ValueError, "GloVe"),
    (dict(name=None), ValueError, "GloVe"),
    (dict(name="glove-wiki-gigaword-50", download="yes"), TypeError, "download"),
])
def test_load_glove_refuses_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        embeddings.load_glove(**kwargs)
