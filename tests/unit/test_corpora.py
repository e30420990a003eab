"""latent_helpers.datasets (corpora, newsgroups, safe_pickle): gensim's bundled corpora offline, pickles read with a restricted unpickler (a malicious
pickle is refused before it runs), the document-completion split, and the optional 20 Newsgroups loader, tested on
files the tests write."""
import os
import pickle
import zlib

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.utils import Bunch

from latent_helpers import OfflineError
from latent_helpers.datasets import (Corpus, RestrictedUnpickler, document_completion_split, load_20newsgroups,
                                     load_lee, load_mini_newsgroups, online, read_pickle_restricted, safe_pickle,
                                     strip_newsgroup_post)

POST = ("From: someone@example.edu\nSubject: Re: orbits\nNewsgroups: sci.space\n\n"
        "In article <1@x.edu> joe@x.edu writes:\n> an old quoted line\n|> another\n"
        "The shuttle reached orbit today.\nForwarded:\nFrom: other@y.com\nIt was a fine launch.\n--\nJoe, NASA fan\n")


def _bunch(texts=("the shuttle flew", "god and morals", "orbit of venus"), target=(1, 0, 1)):
    return Bunch(data=list(texts), target=np.array(target), target_names=["alt.atheism", "sci.space"],
                 filenames=np.array([f"f{i}" for i in range(len(texts))]), DESCR=None)


def _write(path, obj, protocol=4, compress=True):
    raw = pickle.dumps(obj, protocol=protocol)
    path.write_bytes(zlib.compress(raw) if compress else raw)
    return path


# ------------------------------------------------------------------------------ gensim's files
def test_lee_corpora_ship_with_gensim():
    background, test = load_lee(), load_lee("test")
    assert len(background) == 300 and len(test) == 50
    assert background.labels is None and all(t and t == t.strip() for t in background.texts)
    assert "300 documents" in repr(background)


def test_lee_reads_a_file_of_the_same_format(tmp_path):
    f = tmp_path / "mine.cor"
    f.write_text("first document here\n\n  second one \n", encoding="latin-1")
    corpus = load_lee(path=f)
    assert corpus.texts == ("first document here", "second one") and corpus.name == "mine.cor"


def test_mini_newsgroup_is_read_restricted_and_cleaned():
    raw = load_mini_newsgroups(clean=False)
    assert len(raw) == 200 and raw.label_names == ("alt.atheism", "sci.space")
    assert np.bincount(raw.labels).tolist() == [100, 100]
    assert all("Newsgroups:" in t for t in raw.texts[:20])          # the label is in every raw header
    clean = load_mini_newsgroups()
    assert not any("Newsgroups:" in t or "\n>" in t for t in clean.texts)
    kept = load_mini_newsgroups(min_words=20)
    assert len(kept) < 200 and all(len(t.split()) >= 20 for t in kept.texts)
    assert kept.labels.dtype == np.int64 and len(kept.labels) == len(kept)


def test_strip_newsgroup_post():
    assert strip_newsgroup_post(POST) == "The shuttle reached orbit today.\nForwarded:\nIt was a fine launch."
    assert strip_newsgroup_post("no header at all") == "no header at all"
    with pytest.raises(TypeError, match="text"):
        strip_newsgroup_post(b"bytes")


# ------------------------------------------------------------------------- the restricted reader
@pytest.mark.parametrize("protocol", range(0, pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("compress", [True, False])
def test_bunch_pickles_of_every_protocol_load(tmp_path, protocol, compress):
    f = _write(tmp_path / "mini", _bunch(), protocol=protocol, compress=compress)
    corpus = load_mini_newsgroups(path=f, clean=False)
    assert corpus.texts == ("the shuttle flew", "god and morals", "orbit of venus")
    assert corpus.labels.tolist() == [1, 0, 1] and corpus.label_names == ("alt.atheism", "sci.space")


class _RunsCode:
    """Unpickling this runs ``func(*args)``: the classic malicious pickle."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


@pytest.mark.parametrize("compress", [True, False])
def test_a_malicious_pickle_is_refused_before_it_runs(tmp_path, compress):
    marker = tmp_path / "pwned"
    f = _write(tmp_path / "evil", _RunsCode(os.mkdir, str(marker)), compress=compress)
    with pytest.raises(pickle.UnpicklingError, match="refused to load .*mkdir"):
        read_pickle_restricted(f)
    with pytest.raises(pickle.UnpicklingError):
        load_mini_newsgroups(path=f)
    assert not marker.exists()
    # hidden inside an otherwise good Bunch, too
    bunch = _bunch()
    bunch["DESCR"] = _RunsCode(os.mkdir, str(marker))
    with pytest.raises(pickle.UnpicklingError):
        load_mini_newsgroups(path=_write(tmp_path / "evil2", bunch))
    assert not marker.exists()


@pytest.mark.parametrize("payload", [
    _RunsCode(eval, "1 + 1"),
    _RunsCode(exec, "import os"),
    _RunsCode(os.system, "true"),
    _RunsCode(__import__, "subprocess"),
])
def test_code_running_callables_are_refused(tmp_path, payload):
    with pytest.raises(pickle.UnpicklingError, match="refused"):
        read_pickle_restricted(_write(tmp_path / "evil", payload, protocol=2))


def test_allowed_names_cannot_be_misused(tmp_path):
    # copyreg._reconstructor is allowed for a Bunch on a dict, nothing else
    handmade = b"ccopy_reg\n_reconstructor\n(c__builtin__\ndict\nc__builtin__\ndict\n(dtR."
    f = tmp_path / "odd"
    f.write_bytes(handmade)
    with pytest.raises(pickle.UnpicklingError, match="only a Bunch on a dict"):
        read_pickle_restricted(f)
    # arrays of Python objects could smuggle anything: refused
    with pytest.raises(pickle.UnpicklingError, match="objects"):
        read_pickle_restricted(_write(tmp_path / "obj", np.array([1, "a"], dtype=object)))


def test_a_file_that_inflates_too_far_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_pickle, "MAX_PICKLE_BYTES", 1000)
    f = _write(tmp_path / "big", list(range(5000)))
    with pytest.raises(ValueError, match="inflates to more than"):
        read_pickle_restricted(f)


@pytest.mark.parametrize("content, match", [
    (b"\x78\x9cnot really zlib", "does not inflate"),
    (b"just text, no pickle", "not a readable pickle"),
    (zlib.compress(pickle.dumps([1, 2])[:-3]), "not a readable pickle"),
])
def test_broken_files_get_a_clear_error(tmp_path, content, match):
    f = tmp_path / "broken"
    f.write_bytes(content)
    with pytest.raises(ValueError, match=match):
        read_pickle_restricted(f)


@pytest.mark.parametrize("obj, match", [
    ([1, 2, 3], "expected a Bunch"),
    (Bunch(data=["a"], target=np.array([0])), "lacks target_names"),
    (Bunch(data=["a", "b"], target=np.array([0]), target_names=["x"]), "one whole-number label per text"),
    (Bunch(data=["a"], target=np.array([3]), target_names=["x"]), "labels run from"),
    (Bunch(data=[b"bytes"], target=np.array([0]), target_names=["x"]), "list of texts"),
])
def test_a_bunch_of_the_wrong_shape_is_named(tmp_path, obj, match):
    with pytest.raises(ValueError, match=match):
        load_mini_newsgroups(path=_write(tmp_path / "bad", obj))


def test_restricted_unpickler_reads_plain_data_directly():
    import io

    value = {"a": [1, 2.5, "x"], "b": np.arange(3.0)}
    out = RestrictedUnpickler(io.BytesIO(pickle.dumps(value))).load()
    assert out["a"] == [1, 2.5, "x"] and out["b"].tolist() == [0.0, 1.0, 2.0]


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(which="train"), ValueError, "which"),
    (dict(path=3), TypeError, "path"),
    (dict(path="/no/such/file.cor"), FileNotFoundError, "path"),
])
def test_lee_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_lee(**kwargs)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(clean="yes"), TypeError, "clean"),
    (dict(min_words=-1), ValueError, "min_words"),
    (dict(min_words=2.5), TypeError, "min_words"),
    (dict(path=""), TypeError, "path"),
])
def test_mini_newsgroups_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_mini_newsgroups(**kwargs)


# -------------------------------------------------------------------- the document-completion split
def test_split_keeps_every_word_and_halves_each_document():
    rng = np.random.default_rng(0)
    X = sp.random(20, 50, density=0.2, format="csr", random_state=0,
                  data_rvs=lambda n: rng.integers(1, 5, size=n).astype(float))
    obs, held = document_completion_split(X, observed_share=0.5, seed=3)
    assert sp.issparse(obs) and obs.shape == X.shape
    np.testing.assert_array_equal((obs + held).toarray(), X.toarray())
    assert obs.min() >= 0 and held.min() >= 0
    totals = X.sum(1).A1
    np.testing.assert_array_equal(obs.sum(1).A1, np.round(0.5 * totals))
    again = document_completion_split(X, observed_share=0.5, seed=3)[0]
    np.testing.assert_array_equal(again.toarray(), obs.toarray())          # seeded
    other = document_completion_split(X, observed_share=0.5, seed=4)[0]
    assert (other != obs).nnz > 0
    share = document_completion_split(X, observed_share=0.8, seed=0)[0]
    np.testing.assert_array_equal(share.sum(1).A1, np.round(0.8 * totals))


def test_split_accepts_dense_counts_and_empty_documents():
    X = np.array([[0, 0, 0], [4, 0, 2]])
    obs, held = document_completion_split(X)
    assert obs.sum(1).A1.tolist() == [0.0, 3.0] and held.sum(1).A1.tolist() == [0.0, 3.0]


@pytest.mark.parametrize("X, kwargs, error, match", [
    (np.array([[0.5, 1.0]]), {}, ValueError, "whole, non-negative counts"),
    (np.array([[-1, 2]]), {}, ValueError, "whole, non-negative counts"),
    (np.ones(3), {}, ValueError, "2-D"),
    ("counts", {}, TypeError, "X must be"),
    (np.zeros((0, 3)), {}, ValueError, "empty"),
    (np.ones((2, 2)), dict(observed_share=1.0), ValueError, "observed_share"),
    (np.ones((2, 2)), dict(observed_share=True), ValueError, "observed_share"),
    (np.ones((2, 2)), dict(seed=-1), ValueError, "seed"),
])
def test_split_bad_input_is_named(X, kwargs, error, match):
    with pytest.raises(error, match=match):
        document_completion_split(X, **kwargs)


# ------------------------------------------------------------------ optional online: 20 Newsgroups
def _fake_20ng_cache(home, malicious=False):
    home.mkdir(parents=True, exist_ok=True)
    train = Bunch(data=["Subject: a\n\nthe shuttle launch", "Subject: b\n\ngod exists", "Subject: c\n\nfast cars"],
                  target=np.array([1, 0, 2]), target_names=["alt.atheism", "sci.space", "rec.autos"],
                  filenames=np.array(["a", "b", "c"]), DESCR="fake")
    test = Bunch(data=["Subject: d\n\nan orbit"], target=np.array([1]), target_names=train.target_names,
                 filenames=np.array(["d"]), DESCR="fake")
    both = {"train": train, "test": test}
    if malicious:
        both["test"] = _RunsCode(os.mkdir, str(home / "pwned"))
    return _write(home / "20news-bydate_py3.pkz", both)


def test_20newsgroups_reads_sklearns_cache_restricted(tmp_path):
    _fake_20ng_cache(tmp_path)
    train = load_20newsgroups(data_home=tmp_path)
    assert train.texts == ("the shuttle launch", "god exists", "fast cars") and train.labels.tolist() == [1, 0, 2]
    test = load_20newsgroups(subset="test", data_home=tmp_path, clean=False)
    assert test.texts == ("Subject: d\n\nan orbit",)
    some = load_20newsgroups(categories=["sci.space", "alt.atheism"], data_home=tmp_path)
    assert some.texts == ("the shuttle launch", "god exists") and some.labels.tolist() == [0, 1]
    assert some.label_names == ("sci.space", "alt.atheism")


def test_20newsgroups_malicious_cache_is_refused(tmp_path):
    _fake_20ng_cache(tmp_path, malicious=True)
    with pytest.raises(pickle.UnpicklingError):
        load_20newsgroups(data_home=tmp_path)
    assert not (tmp_path / "pwned").exists()


def test_20newsgroups_needs_the_flag_and_fails_fast_offline(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError, match="download=True"):
        load_20newsgroups(data_home=tmp_path)
    monkeypatch.setattr(online, "is_online", lambda *a, **k: False)
    with pytest.raises(OfflineError, match="no internet connection"):
        load_20newsgroups(data_home=tmp_path, download=True)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(subset="all"), ValueError, "subset"),
    (dict(download="yes"), TypeError, "download"),
    (dict(categories="sci.space"), TypeError, "categories"),
    (dict(categories=[]), TypeError, "categories"),
    (dict(categories=["rec.pets"]), ValueError, "unknown newsgroups"),
    (dict(data_home=5), TypeError, "data_home"),
])
def test_20newsgroups_bad_arguments(tmp_path, kwargs, error, match):
    _fake_20ng_cache(tmp_path)
    kwargs.setdefault("data_home", tmp_path)
    with pytest.raises(error, match=match):
        load_20newsgroups(**kwargs)


def test_corpus_repr_counts_labels():
    c = Corpus(("a b", "c"), np.array([0, 1]), ("x", "y"), "toy")
    assert repr(c) == "Corpus('toy': 2 documents, 3 words, labels x (1), y (1))" and len(c) == 2
