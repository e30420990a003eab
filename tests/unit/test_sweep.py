"""A learner cannot break it (issue #15): every public helper and every check_* against bad input.

Each public helper (``latent_helpers.__all__``) has one row below: a valid call, and the parameters
to sweep. Every parameter in turn gets each value of ``BAD`` (wrong type, shape, dtype, NaN/inf,
empty, out of range, None, a tensor that requires grad...), the others staying valid. A call must
either

- raise ``ValueError``/``TypeError`` whose message names the argument (a *clear error*), or
- work correctly (*accepted*): return without NaN or infinity in what it returns.

Equivalent forms of each valid value (a numpy int for an int, a tensor that requires grad or a
float64 array for an array...) must be accepted, with the same result: a valid input is never
refused. Anything else (an error from deep inside numpy/torch, a hang, NaN returned) fails.

Every ``check_*`` of the exercises package (found at run time: ``latent_helpers/exercises/nb*.py``)
must return a ``Feedback`` and never raise, for bad values in every argument; a bad answer is never
judged correct, and a correct answer in another form (a tensor that requires grad, a numpy number)
is judged as the plain one. Its valid call comes from its docstring example.

``pytest -s tests/unit/test_sweep.py`` prints the counts.
"""
from __future__ import annotations

import collections
import contextlib
import doctest
import importlib
import inspect
import math
import pkgutil
import re
import signal
import struct
import warnings
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Callable

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

import latent_helpers as lh
import latent_helpers.exercises as ex
from latent_helpers.exercises import Feedback

TIMEOUT_S = 60  # per call: a helper that loops forever on a huge number fails instead of hanging the suite


def _fn_none(*args, **kwargs):
    return None


BAD: list[tuple[str, Callable[[], Any]]] = [
    ("None", lambda: None),
    ("text", lambda: "text"),
    ("bool", lambda: True),
    ("nan", lambda: float("nan")),
    ("inf", lambda: float("inf")),
    ("-1", lambda: -1),
    ("0", lambda: 0),
    ("10**400", lambda: 10**400),
    ("2.5", lambda: 2.5),
    ("complex", lambda: 1j),
    ("empty list", lambda: []),
    ("empty array", lambda: np.zeros((0, 3), np.float32)),
    ("NaN array", lambda: np.full((4, 3), np.nan, np.float32)),
    ("5-D array", lambda: np.zeros((2, 2, 2, 2, 2), np.float32)),
    ("ragged list", lambda: [[1.0, 2.0], [3.0]]),
    ("text array", lambda: np.array(["a", "b"])),
    ("dict", lambda: {"a": 1}),
    ("object", lambda: object()),
    ("function", lambda: _fn_none),
    ("grad tensor", lambda: torch.ones(4, 3, requires_grad=True)),
]


# ---------------------------------------------------------------------------------- the helpers' rows
@dataclass
class Row:
    """One public helper: how to call it validly, and what to sweep."""

    name: str
    valid: Callable[[Path], dict]  # tmp_path -> valid keyword arguments (fresh objects each call)
    run: Callable[..., Any] | None = None  # default: the helper itself
    sweep: tuple[str, ...] | None = None  # default: every keyword of ``valid``
    also_ok: dict[str, tuple[type, ...]] = field(default_factory=dict)  # param -> further clear error types
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # param -> other names its messages may use


def _images(n=4, side=8, seed=0):
    return np.random.default_rng(seed).random((n, side, side)).astype(np.float32)


def _mse(model, batch):
    return ((model(batch[0]) - batch[0]) ** 2).mean()


def _net():
    torch.manual_seed(0)
    return torch.nn.Linear(3, 3)


class _AE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.encoder, self.decoder = torch.nn.Linear(6, 2), torch.nn.Linear(2, 6)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def _decoder(Z):
    Z = torch.as_tensor(np.asarray(Z, np.float32))
    return torch.sigmoid(Z.sum(1, keepdim=True) + torch.linspace(-1, 1, 64)).reshape(len(Z), 8, 8)


def _enc(x):
    return torch.zeros(len(x), 2), torch.zeros(len(x), 2)


def _dec(z):
    return torch.full((len(z), 5), 0.5)


def _write_idx(path: Path, array: np.ndarray) -> None:
    header = struct.pack(">I", 0x0800 | array.ndim) + b"".join(struct.pack(">I", s) for s in array.shape)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + array.astype(np.uint8).tobytes())


def _fake_mnist(root: Path) -> Path:
    raw = root / "MNIST" / "raw"
    if not raw.is_dir():
        rng = np.random.default_rng(0)
        for split, n in (("train", 6), ("t10k", 3)):
            _write_idx(raw / f"{split}-images-idx3-ubyte", rng.integers(0, 256, (n, 28, 28)))
            _write_idx(raw / f"{split}-labels-idx1-ubyte", rng.integers(0, 10, n))
    return root


def _checkpoint(tmp: Path) -> tuple[Path, str]:
    path = tmp / "ck" / "m.pt"
    if not path.exists():
        sha = lh.save_checkpoint({"w": torch.ones(2)}, path)
        from latent_helpers.checkpoints import record_checkpoint
        record_checkpoint("m.pt", sha, "make checkpoints", manifest=path.parent / "MANIFEST.json")
    return path, lh.sha256_file(path)


def _controls():
    import ipywidgets as W

    return {"t": W.FloatSlider(value=0.5, min=0.0, max=1.0)}


def _draw(fig, t):
    fig.gca().plot([0, t])


def _ae_fit_transform(X, **kwargs):
    ae = lh.AutoencoderTransformer(**kwargs).fit(X)
    return ae.inverse_transform(ae.transform(X))


def _fitted_ae():
    return lh.AutoencoderTransformer(_AE(), epochs=0).fit(np.zeros((4, 6), np.float32))


def _decode_with(Z, **kwargs):
    return lh.as_decoder(**kwargs)(Z)


def _words_and_vectors():
    # words of WordSim-353's first pairs too, so that its default pairs are scored (three or more pairs)
    words = ["man", "king", "woman", "queen", "cat", "dog", "love", "sex", "tiger", "book", "paper"]
    return np.random.default_rng(0).normal(size=(len(words), 4)).astype(np.float32), words


def _lee_file(tmp: Path) -> Path:
    path = tmp / "lee.cor"
    path.write_text("The cat sat on the mat today.\nDogs bark at night in the town.\n", encoding="latin-1")
    return path


def _wiki_dump(tmp: Path) -> Path:
    import bz2

    path = tmp / "wiki.xml.bz2"
    page = ("<page><title>Cat</title><ns>0</ns><id>1</id><revision><id>1</id><text xml:space=\"preserve\">"
            "The cat is a small domesticated carnivorous mammal of the family felidae.</text></revision></page>")
    wiki = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">'
    path.write_bytes(bz2.compress(f"{wiki}{page}</mediawiki>".encode()))
    return path


def _posts():
    return {"data": ["Subject: a\n\nthe orbit of the moon is long", "Subject: b\n\ngods and faith and reason"],
            "target": np.array([1, 0]), "target_names": ["alt.atheism", "sci.space"]}


def _newsgroup_pickle(tmp: Path) -> Path:
    import pickle
    import zlib

    path = tmp / "mini.pkl"
    path.write_bytes(zlib.compress(pickle.dumps(_posts())))
    return path


def _20newsgroups_home(tmp: Path) -> Path:
    import pickle
    import zlib

    home = tmp / "sklearn_data"
    home.mkdir(exist_ok=True)
    (home / "20news-bydate_py3.pkz").write_bytes(zlib.compress(pickle.dumps({"train": _posts(), "test": _posts()})))
    return home


def _glove_name(tmp: Path) -> str:
    import gzip

    name = "glove-sweep-4"
    folder = tmp / "gensim-data" / name
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / f"{name}.gz", "wt") as f:
        f.write("cat 0.1 0.2 0.3 0.4\ndog 0.2 0.1 0.3 0.5\n")
    return name


def _scorer():
    from latent_helpers.digit_scorer import DigitCNN

    torch.manual_seed(0)
    return lh.DigitScorer(DigitCNN())


def _topics():
    rng = np.random.default_rng(0)
    return {"topic_word": rng.random((3, 6)), "vocabulary": [f"w{i}" for i in range(6)],
            "doc_topic": rng.random((4, 3)), "doc_texts": [f"document {i}" for i in range(4)]}


def _toy_factors(n):
    F = np.random.default_rng(0).random((n, 3)).astype(np.float32)
    return {"x": F[:, 0], "y": F[:, 1], "brightness": F[:, 2]}


def _furniture_fields():
    f = lh.make_furniture(3, seed=0, size=8)
    return {"images": f.images, "factors": dict(f.factors), "factor_names": f.factor_names,
            "kind_names": f.kind_names, "size": 8}


ROWS: list[Row] = [
    Row("setup", lambda tmp: {"seed": 0, "threads": 2, "quiet": True}),
    Row("seed_everything", lambda tmp: {"seed": 0}),
    Row("rng", lambda tmp: {"seed": 0}),
    Row("load_mnist5k", lambda tmp: {"test_size": 1000, "flatten": False, "seed": 0}),
    Row("load_digits8x8", lambda tmp: {"flatten": True}),
    Row("load_full_mnist", lambda tmp: {"root": _fake_mnist(tmp / "mnist"), "kind": "mnist", "download": False,
                                        "train": True, "limit": 3},
        also_ok={"root": (FileNotFoundError,)}, aliases={"root": ("MNIST",)}),
    Row("fit", lambda tmp: {"model": _net(), "loss_fn": _mse, "data": torch.randn(16, 3), "epochs": 1, "lr": 1e-3,
                            "batch_size": 8, "optimizer": None, "val_data": None, "device": None, "seed": 0,
                            "progress": False, "desc": "sweep"},
        aliases={"loss_fn": ("loss",)}),
    Row("evaluate", lambda tmp: {"model": _net(), "loss_fn": _mse, "data": torch.randn(16, 3), "device": None,
                                 "batch_size": 8}, aliases={"loss_fn": ("loss",)}),
    Row("make_loader", lambda tmp: {"data": torch.randn(16, 3), "batch_size": 8, "shuffle": True, "seed": 0}),
    Row("image_grid", lambda tmp: {"images": _images(), "nrow": 2, "padding": 1, "pad_value": 1.0,
                                   "value_range": "auto"}),
    Row("show_images", lambda tmp: {"images": _images(), "nrow": 2, "title": "t", "ax": None, "row_labels": None,
                                    "size": 0.6, "value_range": "auto"}),
    Row("scatter2d", lambda tmp: {"points": np.random.default_rng(0).random((10, 2)), "labels": np.arange(10) % 3,
                                  "ax": None, "title": "t", "xlabel": "a", "ylabel": "b", "s": 6, "alpha": 0.8,
                                  "legend": True, "cmap": "tab10"}),
    Row("scatter3d", lambda tmp: {"points": np.random.default_rng(0).random((10, 3)), "labels": np.arange(10) % 3,
                                  "ax": None, "title": "t", "axis_labels": ("a", "b", "c"), "s": 8, "alpha": 0.8,
                                  "cmap": "tab10", "elev": 20, "azim": -60}),
    Row("plot_history", lambda tmp: {"history": {"loss": [1.0, 0.5]}, "keys": None, "ax": None, "title": "t",
                                     "logy": False}),
    Row("save_checkpoint", lambda tmp: {"state": {"w": torch.ones(2)}, "path": tmp / "saved.pt"}),
    Row("load_checkpoint", lambda tmp: dict(zip(("path", "sha256"), _checkpoint(tmp)), map_location="cpu"),
        also_ok={"path": (FileNotFoundError,)}),
    Row("load_pretrained", lambda tmp: {"name": "m.pt", "directory": _checkpoint(tmp)[0].parent, "map_location": "cpu"},
        also_ok={"directory": (FileNotFoundError,)}, aliases={"directory": ("manifest",)}),
    Row("sha256_file", lambda tmp: {"path": _checkpoint(tmp)[0]}, also_ok={"path": (FileNotFoundError,)}),
    Row("LivePlot", lambda tmp: {"draw": _draw, "controls": _controls(), "figsize": (2.0, 2.0), "dpi": 40,
                                 "title": "t", "persistent": False}),
    Row("blend_demo", lambda tmp: {"a": _images(1)[0], "b": _images(1, seed=1)[0], "labels": ("A", "B"), "t": 0.5,
                                   "value_range": "auto"}),
    Row("LatentSliders", lambda tmp: {"decode": _decoder, "base_code": np.zeros(3), "dims": None, "ranges": (-3.0, 3.0),
                                      "names": None, "title": None, "image_size": 2.5, "value_range": "auto"}),
    Row("Interpolator", lambda tmp: {"decode": _decoder, "waypoints": np.random.default_rng(0).random((3, 2)),
                                     "method": "lerp", "map_points": None, "map_labels": None, "label_names": None,
                                     "title": None, "value_range": "auto"}),
    Row("FamilyBlend", lambda tmp: {"decode": _decoder, "code_a": np.zeros(3), "code_b": np.ones(3), "parents": None,
                                    "names": ("A", "B"), "method": "slerp", "caption": None, "t": 0.5, "title": None,
                                    "value_range": "auto"}),
    Row("EmbeddingExplorer", lambda tmp: {"vectors": _words_and_vectors()[0], "words": _words_and_vectors()[1],
                                          "points": None, "word": "cat", "k": 3, "analogy": "", "n_points": 6,
                                          "azimuth": -60, "elevation": 20, "zoom": 1, "caption": None, "title": None}),
    Row("Cloud3D", lambda tmp: {"points": np.random.default_rng(0).random((5, 3)), "colours": "#123456",
                                "labels": list("abcde")}),
    Row("CloudExplorer", lambda tmp: {"codes": {"a": np.random.default_rng(0).random((5, 3))},
                                      "colour_by": {"x": np.linspace(0, 1, 5)}}),
    Row("EmbeddingProjector", lambda tmp: {"vectors": _words_and_vectors()[0], "words": _words_and_vectors()[1],
                                           "n_points": 6, "word": "cat", "k": 3}),
    Row("TopicMixer", lambda tmp: {**_topics(), "weights": None, "labels": None, "label_names": None,
                                   "topic_names": None, "n_words": 4, "n_docs": 2, "title": None}),
    Row("polygon_corners", lambda tmp: {"k": 3}),
    Row("render_furniture", lambda tmp: {"factors": lh.make_furniture(1, seed=0).row(0), "size": 32, "colour": True}),
    Row("hue_to_rgb", lambda tmp: {"hue": np.array([0.1, 0.5])}),
    Row("load_lee", lambda tmp: {"which": "background", "path": _lee_file(tmp)}, also_ok={"path": (FileNotFoundError,)}),
    Row("load_lee_background", lambda tmp: {"path": _lee_file(tmp)}, also_ok={"path": (FileNotFoundError,)}),
    Row("load_wikipedia_excerpt", lambda tmp: {"path": _wiki_dump(tmp), "min_tokens": 1},
        also_ok={"path": (FileNotFoundError,)}),
    Row("load_mini_newsgroups", lambda tmp: {"clean": True, "min_words": 0, "path": _newsgroup_pickle(tmp)},
        also_ok={"path": (FileNotFoundError,)}),
    Row("load_20newsgroups", lambda tmp: {"subset": "train", "categories": None, "data_home": _20newsgroups_home(tmp),
                                          "download": False, "clean": True, "min_words": 0},
        also_ok={"data_home": (FileNotFoundError,)}),
    Row("document_completion_split", lambda tmp: {"X": np.array([[2, 0, 2], [1, 1, 0]]), "observed_share": 0.5,
                                                  "seed": 0}),
    Row("load_wordsim353", lambda tmp: {}),
    Row("load_simlex999", lambda tmp: {}),
    Row("load_google_analogies", lambda tmp: {}),
    Row("similarity_spearman", lambda tmp: {"vectors": _words_and_vectors()[0], "words": _words_and_vectors()[1],
                                            "pairs": [("man", "king", 5.0), ("cat", "dog", 8.0), ("man", "dog", 1.0)],
                                            "distance": "cosine"}, also_ok={"pairs": (FileNotFoundError,)}),
    Row("analogy_accuracy", lambda tmp: {"vectors": _words_and_vectors()[0], "words": _words_and_vectors()[1],
                                         "questions": [("man", "king", "woman", "queen")], "restrict": None},
        also_ok={"questions": (FileNotFoundError,)}),
    Row("load_glove", lambda tmp: {"name": _glove_name(tmp), "download": False, "limit": None},
        also_ok={"name": (FileNotFoundError,)}),
    Row("mean_top_probability", lambda tmp: {"probabilities": np.array([[0.9, 0.1], [0.6, 0.4]])}),
    Row("class_shares", lambda tmp: {"labels": np.array([0, 1, 1]), "n_classes": 3}),
    Row("class_entropy", lambda tmp: {"shares": np.array([0.5, 0.25, 0.25])}),
    Row("frechet_distance", lambda tmp: {"features_a": np.random.default_rng(0).random((10, 2)),
                                         "features_b": np.random.default_rng(1).random((10, 2))}),
    Row("DigitScorer.report", lambda tmp: {"images": _images(4, 28), "value_range": "auto", "min_share": 0.01},
        run=lambda **kwargs: _scorer().report(**kwargs)),
    Row("DigitScorer.frechet_distance", lambda tmp: {"images_a": _images(4, 28), "images_b": _images(4, 28, seed=1),
                                                     "value_range": "auto"},
        run=lambda **kwargs: _scorer().frechet_distance(**kwargs)),
    Row("lerp", lambda tmp: {"a": np.zeros(2), "b": np.ones(2), "t": 0.5}),
    Row("slerp", lambda tmp: {"a": np.array([1.0, 0.0]), "b": np.array([0.0, 1.0]), "t": 0.5, "eps": 1e-6}),
    Row("interpolate_path", lambda tmp: {"codes": np.random.default_rng(0).random((3, 2)), "n_steps": 5,
                                         "method": "lerp"}),
    Row("path_point", lambda tmp: {"codes": np.random.default_rng(0).random((3, 2)), "t": 0.5, "method": "lerp"}),
    Row("make_furniture", lambda tmp: {"n": 4, "seed": 0, "size": 32, "kinds": ("chair", "desk"), "colour": True}),
    Row("raw_bytes", lambda tmp: {"X": _images()}),
    Row("zlib_bytes", lambda tmp: {"X": _images(), "level": 9}),
    Row("pca_bytes", lambda tmp: {"n_images": 100, "k": 8, "n_pixels": 784, "bytes_per_number": 2,
                                  "include_basis": True}),
    Row("nearest_neighbours", lambda tmp: {"Z": np.random.default_rng(0).random((10, 2)), "k": 3, "queries": None}),
    Row("neighbour_agreement", lambda tmp: {"Z": np.random.default_rng(0).random((10, 2)), "labels": np.arange(10) % 2,
                                            "k": 3}, aliases={"Z": ("points",)}),
    Row("make_toy", lambda tmp: {"n": 10, "seed": 0}),
    Row("render_toy", lambda tmp: {"factors": np.random.default_rng(0).random((3, 3))}),
    Row("reconstruction_mse", lambda tmp: {"X": _images(), "X_hat": _images(seed=1)}),
    Row("heldout_neg_elbo", lambda tmp: {"encode": _enc, "decode": _dec, "X": np.full((4, 5), 0.5, np.float32),
                                         "n_samples": 2, "seed": 0, "batch_size": 500}),
    Row("mutual_info_gap", lambda tmp: {"codes": np.random.default_rng(0).random((50, 2)),
                                        "factors": np.random.default_rng(1).random((50, 2)), "n_bins": 5}),
    Row("correlation_matrix", lambda tmp: {"codes": np.random.default_rng(0).random((50, 2)),
                                           "factors": np.random.default_rng(1).random((50, 2))}),
    Row("best_match_score", lambda tmp: {"codes": np.random.default_rng(0).random((50, 2)),
                                         "factors": np.random.default_rng(1).random((50, 2))}),
    Row("AutoencoderTransformer", lambda tmp: {"X": np.random.default_rng(0).random((8, 6)).astype(np.float32),
                                               "model": _AE(), "loss_fn": _mse, "epochs": 1, "lr": 1e-3,
                                               "batch_size": 4, "encode": None, "decode": None, "progress": False,
                                               "seed": 0},
        run=_ae_fit_transform),
    Row("AutoencoderTransformer.transform", lambda tmp: {"X": np.zeros((3, 6), np.float32)},
        run=lambda X: _fitted_ae().transform(X)),
    Row("AutoencoderTransformer.inverse_transform", lambda tmp: {"Z": np.zeros((3, 2), np.float32)},
        run=lambda Z: _fitted_ae().inverse_transform(Z)),
    Row("taught", lambda tmp: {"notebook": "04_autoencoders"}),
    Row("as_decoder", lambda tmp: {"Z": np.zeros((2, 3), np.float32), "decode": _decoder, "value_range": "auto"},
        run=_decode_with, aliases={"Z": ("codes",), "decode": ("decoder",)}),
    # the data classes: their constructors validate like the rest (issue #20)
    Row("DigitSplit", lambda tmp: {"X_train": _images(4, 28), "y_train": np.array([0, 1, 2, 3]),
                                   "X_test": _images(2, 28, seed=1), "y_test": np.array([4, 5])},
        run=lambda **kwargs: lh.DigitSplit(**kwargs)),
    Row("ToyImages", lambda tmp: {"images": _images(3, 5), "factors": _toy_factors(3),
                                  "factor_names": ("x", "y", "brightness")},
        run=lambda **kwargs: lh.ToyImages(**kwargs)),
    Row("Furniture", lambda tmp: _furniture_fields(), run=lambda **kwargs: lh.Furniture(**kwargs)),
    Row("Corpus", lambda tmp: {"texts": ("the cat sat", "a dog barked"), "labels": np.array([0, 1]),
                               "label_names": ("cats", "dogs"), "name": "pets"},
        run=lambda **kwargs: lh.Corpus(**kwargs)),
    Row("Furniture.subset", lambda tmp: {"idx": [0, 2]}, run=lambda idx: lh.make_furniture(4, seed=0, size=8).subset(idx)),
    Row("ToyImages.subset", lambda tmp: {"idx": [0, 2]}, run=lambda idx: lh.make_toy(4, seed=0).subset(idx)),
]

#: public names that are not helpers a learner calls with their own input, and why
NOT_SWEPT = {
    "History": "a result container that fit builds",
    "OfflineError": "an exception class",
}

#: checks whose answer may rightly be text that spells a number, and why
TEXT_ANSWER_OK = {
    "nb04.check_strongest_dimension": "the answer names a slider, and 'z2' or '2' is a fair way to name it",
}

COUNTS: collections.Counter = collections.Counter()


# ------------------------------------------------------------------------------------------ machinery
@contextlib.contextmanager
def _time_limit(seconds: int):
    def _raise(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _call(fn: Callable, kwargs: dict) -> tuple[Any, BaseException | None]:
    try:
        with _time_limit(TIMEOUT_S), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(**kwargs), None
    except Exception as exc:  # judged by the caller
        return None, exc
    finally:
        plt.close("all")


def _nonfinite(value: Any, depth: int = 0) -> bool:
    """Does the result hold NaN or infinity anywhere one can look?"""
    if depth > 4:
        return False
    if isinstance(value, torch.Tensor):
        return value.is_floating_point() and value.device.type != "meta" and not bool(torch.isfinite(value).all())
    if isinstance(value, np.ndarray):
        return np.issubdtype(value.dtype, np.floating) and not np.all(np.isfinite(value))
    if isinstance(value, (float, np.floating)):
        return not math.isfinite(float(value))
    if isinstance(value, dict):
        return any(_nonfinite(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_nonfinite(v, depth + 1) for v in value[:50])
    if is_dataclass(value) and not isinstance(value, type):
        return any(_nonfinite(getattr(value, f.name), depth + 1) for f in fields(value))
    return False


def _same(a: Any, b: Any) -> bool:
    """Results of equivalent inputs agree (numbers and arrays compared loosely; anything else passes)."""
    try:
        if isinstance(a, (torch.Tensor, np.ndarray, float, int, np.number)) and not isinstance(a, bool):
            x = a.detach().cpu().numpy() if isinstance(a, torch.Tensor) else np.asarray(a)
            y = b.detach().cpu().numpy() if isinstance(b, torch.Tensor) else np.asarray(b)
            return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-4, atol=1e-5, equal_nan=True))
    except Exception:
        return False
    return True


def _equivalents(value: Any) -> list[tuple[str, Any]]:
    """Other forms of a valid value that must be accepted the same way."""
    out = []
    if isinstance(value, (bool, np.bool_)):
        out.append(("numpy bool", np.bool_(value)))
    elif isinstance(value, int):
        out.append(("numpy int", np.int64(value)))
    elif isinstance(value, float):
        out.append(("numpy float", np.float64(value)))
    elif isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.floating) and value.size:
        out.append(("float64 array", value.astype(np.float64)))
        out.append(("grad tensor", torch.tensor(value, dtype=torch.float32, requires_grad=True)))
        out.append(("list", value.tolist()))
    elif isinstance(value, torch.Tensor) and value.is_floating_point() and value.numel():
        out.append(("grad tensor", value.detach().clone().requires_grad_(True)))
        out.append(("numpy float64", value.detach().numpy().astype(np.float64)))
    return out


def _names_it(exc: BaseException, names: tuple[str, ...]) -> bool:
    text = str(exc).lower()
    return any(n.lower() in text for n in names)


def _helper(row: Row) -> Callable:
    if row.run is not None:
        return row.run
    return getattr(lh, row.name)


# ---------------------------------------------------------------------------------------- the tests
def test_every_public_helper_has_a_row():
    covered = {r.name.split(".")[0] for r in ROWS} | set(NOT_SWEPT)
    public = {n for n in lh.__all__ if callable(getattr(lh, n))}
    assert public - covered == set(), f"add a sweep row for: {sorted(public - covered)}"


@pytest.fixture(scope="module", autouse=True)
def _summary(request):
    yield
    lines = [f"  {k:<34}{v:>6}" for k, v in sorted(COUNTS.items())]
    print("\n\nSweep of bad inputs (issue #15):\n" + "\n".join(lines))


@pytest.fixture(autouse=True)
def _offline_and_quiet(monkeypatch, tmp_path):
    from latent_helpers import embeddings
    from latent_helpers.datasets import online

    monkeypatch.setattr(online, "is_online", lambda *a, **k: False)  # download=True must never reach out
    monkeypatch.setattr(embeddings, "GENSIM_DATA_DIR", tmp_path / "gensim-data")  # where _glove_name writes
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("row", [pytest.param(row, id=row.name) for row in ROWS])
def test_helper_answers_bad_input_clearly(row: Row, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a bad path such as "text" must not write into the repository
    fn = _helper(row)
    base_kwargs = row.valid(tmp_path)
    base, err = _call(fn, base_kwargs)
    assert err is None, f"{row.name}: the valid call fails: {type(err).__name__}: {err}"
    COUNTS["helpers"] += 1
    problems = []
    for param in row.sweep or tuple(base_kwargs):
        names = (param, *row.aliases.get(param, ()))
        clear = (ValueError, TypeError, *row.also_ok.get(param, ()))
        for label, make in BAD:
            kwargs = {**row.valid(tmp_path), param: make()}
            result, exc = _call(fn, kwargs)
            COUNTS["inputs tried"] += 1
            if exc is None:
                if _nonfinite(result):
                    problems.append(f"{param}={label}: returned NaN or infinity")
                else:
                    COUNTS["accepted (worked)"] += 1
            elif isinstance(exc, clear) and _names_it(exc, names):
                COUNTS["clear errors"] += 1
            else:
                problems.append(f"{param}={label}: {type(exc).__name__}: {str(exc)[:160]}")
        for label, value in _equivalents(base_kwargs[param]):
            kwargs = {**row.valid(tmp_path), param: value}
            result, exc = _call(fn, kwargs)
            COUNTS["inputs tried"] += 1
            COUNTS["valid variants"] += 1
            if exc is not None:
                problems.append(f"{param}={label} (valid) refused: {type(exc).__name__}: {str(exc)[:160]}")
            elif not _same(result, base):
                problems.append(f"{param}={label} (valid) gives a different result")
            else:
                COUNTS["accepted (worked)"] += 1
    COUNTS["problems"] += len(problems)
    assert not problems, f"{row.name}:\n  " + "\n  ".join(problems)


# ------------------------------------------------------------------------------------------- checks
def _checks() -> list[tuple[str, Callable]]:
    found = []
    for info in pkgutil.iter_modules(ex.__path__):
        if not info.name.startswith("nb"):
            continue
        module = importlib.import_module(f"{ex.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("check_") and inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found.append((f"{info.name}.{name}", obj))
    return sorted(found, key=lambda x: x[0])


def _example_call(check: Callable) -> tuple[tuple, dict] | None:
    """The first call of ``check`` in its own docstring examples: valid arguments for the sweep."""
    module = importlib.import_module(check.__module__)
    calls: list[tuple[tuple, dict]] = []

    def recorder(*args, **kwargs):
        calls.append((args, kwargs))
        return check(*args, **kwargs)

    namespace = dict(vars(module))
    namespace[check.__name__] = recorder
    for example in doctest.DocTestParser().get_examples(check.__doc__ or ""):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(example.source, "<doctest>", "exec"), namespace)
        except Exception:
            continue
        if calls:
            return calls[0]
    return None


def _copy(value):
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


def _is_plain_number(x) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_)) \
        and abs(x) < 1e300


def _bad_functions(shape_hint=None):
    return [("fn returns None", _fn_none), ("fn raises", lambda *a, **k: 1 / 0),
            ("fn returns text", lambda *a, **k: "text"),
            ("fn returns NaN", lambda *a, **k: torch.full((4, 3), float("nan")))]


def _zeros_like(answer):
    """An answer of zeros in the answer's own form, or None when the answer is no array or number."""
    if isinstance(answer, (bool, np.bool_)) or not (_is_plain_number(answer) or isinstance(answer, (np.ndarray, list))):
        return None
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if arr.size == 0 or not np.any(arr):
        return None  # the right answer is zero: zeros are no bad answer
    return 0.0 if arr.ndim == 0 else np.zeros_like(arr)


def _answer_words(answer) -> list[str]:
    """How the learner's (right) answer would be written in a message, to see that a message does not give it."""
    if not _is_plain_number(answer) or isinstance(answer, (bool, np.bool_)):
        return []
    words = {f"{float(answer):g}", f"{float(answer):.2f}", str(answer)}
    return [w for w in words if len(w.strip("0.-")) >= 2]


def _blames_data(label, check, args, kwargs, answer, problems, bad=None) -> None:
    """Broken notebook data: the feedback must not blame the learner's answer, nor give the right answer away."""
    out, exc = _call(lambda: check(*args, **kwargs), {})
    if exc is not None or not isinstance(out, Feedback) or out.ok:
        return  # judged elsewhere (an exception), or the data was a fair value after all
    if "check what your answer is" in out.message.lower() or "could not look at this answer" in out.message.lower():
        problems.append(f"{label}: blames the learner's answer for the notebook's data: {out.message[:160]}")
        return
    for word in set(_answer_words(answer)) - set(_answer_words(bad)):  # the bad value itself may be quoted
        if re.search(rf"(?<![\d.]){re.escape(word)}(?![\d])", out.message):
            problems.append(f"{label}: the message about the notebook's data gives the answer {word}: "
                            f"{out.message[:160]}")
            return
    COUNTS["check data blamed rightly"] += 1


def _sweep_setting(name, check, param, base_args, base_kwargs, base, judge, problems) -> None:
    """A setting left at its default: bad values never raise and never blame the answer; a number that is not
    whole where the default is an int is refused by name; 0-d tensors of the default are the default."""
    default = param.default
    for label, make in BAD:
        kwargs = {**base_kwargs, param.name: make()}
        args = tuple(_copy(a) for a in base_args)
        judge(f"setting {param.name}={label}", args, kwargs, answer_is_bad=False)
        _blames_data(f"setting {param.name}={label}", check, args, kwargs, base_args[0], problems, kwargs[param.name])
    if isinstance(default, bool) or not isinstance(default, (int, float)):
        return
    if isinstance(default, int):
        value = default + 0.9
        out, exc = _call(lambda: check(*[_copy(a) for a in base_args], **{**base_kwargs, param.name: value}), {})
        COUNTS["check inputs tried"] += 1
        if exc is not None or not isinstance(out, Feedback):
            problems.append(f"setting {param.name}={value}: raised {exc!r}")
        elif out.ok or f"`{param.name}`" not in out.message:
            problems.append(f"setting {param.name}={value} (not whole): not refused by name: {out!r}"[:220])
        else:
            COUNTS["check feedback given"] += 1
    if base is None:
        return
    for label, value in (("0-d tensor", torch.tensor(default)),
                         ("0-d grad tensor", torch.tensor(float(default), requires_grad=True)),
                         ("numpy number", np.float64(default) if isinstance(default, float) else np.int64(default))):
        if label == "0-d grad tensor" and isinstance(default, int):
            continue  # a whole-number setting as a float tensor is its own question
        judge(f"setting {param.name}={label} (valid)", tuple(_copy(a) for a in base_args),
              {**base_kwargs, param.name: value}, answer_is_bad=False, expect_ok=base.ok)
        COUNTS["check valid variants"] += 1


CHECK_ROWS = _checks()


def test_checks_are_found():
    assert len(CHECK_ROWS) >= 15, [n for n, _ in CHECK_ROWS]


@pytest.mark.parametrize("name, check", [pytest.param(name, check, id=name) for name, check in CHECK_ROWS])
def test_check_never_raises_and_never_misjudges(name, check):
    example = _example_call(check)
    params = list(inspect.signature(check).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    problems = []
    COUNTS["checks"] += 1
    if example is None:
        COUNTS["checks without a docstring example"] += 1
        base_args, base_kwargs, base = None, {}, None
    else:
        base_args, base_kwargs = example
        base, exc = _call(lambda: check(*[_copy(a) for a in base_args], **base_kwargs), {})
        if exc is not None or not isinstance(base, Feedback):
            problems.append(f"its docstring example does not give Feedback: {exc or base!r}")
            base = None

    def judge(label: str, args: tuple, kwargs: dict, answer_is_bad: bool, expect_ok: bool | None = None):
        out, exc = _call(lambda: check(*args, **kwargs), {})
        COUNTS["check inputs tried"] += 1
        if exc is not None:
            problems.append(f"{label}: raised {type(exc).__name__}: {str(exc)[:160]}")
        elif not isinstance(out, Feedback):
            problems.append(f"{label}: returned {type(out).__name__}, not Feedback")
        elif answer_is_bad and out.ok:
            problems.append(f"{label}: a bad answer was judged correct")
        elif expect_ok is not None and out.ok is not expect_ok:
            problems.append(f"{label}: judged {'correct' if out.ok else 'wrong'}, the plain answer is "
                            f"{'correct' if expect_ok else 'wrong'}")
        else:
            COUNTS["check feedback given"] += 1

    answer = base_args[0] if base_args else None
    answer_is_fn = callable(answer) and not isinstance(answer, (torch.Tensor, np.ndarray))
    bad_answers = [(label, make()) for label, make in BAD]
    if answer_is_fn:
        bad_answers += _bad_functions()
    for label, value in bad_answers:
        if isinstance(answer, bool) and label == "bool":
            continue  # a yes/no question: True may be the right answer
        if label == "function" and answer_is_fn:
            continue  # covered by the bad functions above
        if base is not None and base.ok and _is_plain_number(value) and _is_plain_number(answer) \
                and math.isclose(float(value), float(answer), abs_tol=1e-9):
            continue  # "0" is no bad answer when 0 is the right one
        if base_args is None:
            args = [value] + [make() for _, make in BAD[:1]] * (len(positional) - 1)
            judge(f"answer={label} (other arguments None)", tuple(args), {}, answer_is_bad=True)
        else:
            args = [value] + [_copy(a) for a in base_args[1:]]
            judge(f"answer={label}", tuple(args), dict(base_kwargs), answer_is_bad=True)
    if base_args is not None:
        # the same answer in other forms is judged the same (e.g. a KL computed with autograd)
        variants = _equivalents(np.asarray(answer, np.float64) if isinstance(answer, list) else answer)
        if _is_plain_number(answer):
            if float(answer).is_integer() and isinstance(answer, (int, np.integer)):
                variants.append(("0-d tensor", torch.tensor(int(answer))))
            else:  # e.g. a KL term computed with autograd
                variants.append(("0-d grad tensor", torch.tensor(float(answer), dtype=torch.float64, requires_grad=True)))
        for label, value in variants:
            judge(f"answer={label} (valid)", (value, *[_copy(a) for a in base_args[1:]]), dict(base_kwargs),
                  answer_is_bad=False, expect_ok=base.ok if base is not None else None)
            COUNTS["check valid variants"] += 1
        if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool) and name not in TEXT_ANSWER_OK:
            judge("answer=number as text", (str(answer), *[_copy(a) for a in base_args[1:]]), dict(base_kwargs),
                  answer_is_bad=True)
        # an answer of zeros is wrong wherever the right answer is not zero, however small (issue #20)
        zeros = _zeros_like(answer)
        if zeros is not None and base is not None and base.ok:
            judge("answer=zeros of its shape", (zeros, *[_copy(a) for a in base_args[1:]]), dict(base_kwargs),
                  answer_is_bad=True)
        # every other argument (the notebook's data) gets bad values too: feedback, never an exception, and
        # a message about that data, not about the learner's answer (issue #20)
        for i in range(1, len(base_args)):
            for label, make in BAD:
                args = [_copy(a) for a in base_args]
                args[i] = make()
                arg_label = f"argument {i} ({positional[i].name if i < len(positional) else i})={label}"
                judge(arg_label, tuple(args), dict(base_kwargs), answer_is_bad=False)
                _blames_data(arg_label, check, tuple(args), dict(base_kwargs), answer, problems, args[i])
        # the settings the call leaves at their defaults (height=32, t=0.5...) get bad values and odd forms
        for param in params[1:]:
            if param.default is param.empty or param.name in base_kwargs \
                    or list(params).index(param) < len(base_args):
                continue
            _sweep_setting(name, check, param, base_args, base_kwargs, base, judge, problems)
    COUNTS["check problems"] += len(problems)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


# ------------------------------------------------------------------------------- the framework itself
@pytest.mark.parametrize("verdict", ["no", "yes", 0.3, 2, [False], np.array([True, False]), None])
def test_a_verdict_that_is_no_bool_is_never_correct(verdict):
    """``feedback(ok='no')`` once said "Correct" ('no' is truthy); a check returning it did too (issue #20)."""
    from latent_helpers.exercises._framework import feedback as make_feedback, guarded

    with pytest.raises(TypeError, match="ok"):
        make_feedback(verdict, "Right.", "Try again.")

    @guarded
    def check_returns(answer):
        return verdict

    out = check_returns(1)
    assert isinstance(out, Feedback) and not out.ok


@pytest.mark.parametrize("n", [10, 1000])
def test_zeros_do_not_pass_a_wide_tolerance_for_small_answers(n):
    """An absolute tolerance is relative to the answer's size: zeros for n shares of 1/n are wrong (issue #20)."""
    from latent_helpers.exercises._framework import check_array_close, check_close

    shares = np.full(n, 1.0 / n)
    assert not check_array_close(np.zeros(n), shares, "Right.", "Not yet.", atol=0.2)
    assert check_array_close(shares * (1 + 1e-7), shares, "Right.", "Not yet.", atol=0.2)
    assert not check_close(0.0, 1.0 / n, "Right.", "Not yet.", abs_=0.2)
    assert check_close(1.0 / n, 1.0 / n, "Right.", "Not yet.", abs_=0.2)


# ------------------------------------------------------------------- the learner's own code inside a helper
def _float64_model_loss(model, batch):
    x = batch[0]
    return ((model(x) - x.float()) ** 2).mean() + torch.zeros(1, dtype=torch.float32).sum() @ torch.ones(1).double()


LEARNER_CODE = [
    ("fit, a one-argument loss", "loss_fn",
     lambda: lh.fit(_net(), lambda batch: batch[0].sum(), torch.randn(8, 3), epochs=1, progress=False)),
    ("evaluate, a one-argument loss", "loss_fn",
     lambda: lh.evaluate(_net(), lambda batch: batch[0].sum(), torch.randn(8, 3))),
    ("fit, a loss that breaks on a float64 model", "loss_fn",
     lambda: lh.fit(_net().double(), _float64_model_loss, torch.randn(8, 3), epochs=1, progress=False)),
    ("fit, a loss that raises its own error", "loss_fn",
     lambda: lh.fit(_net(), lambda m, b: {}["missing key"], torch.randn(8, 3), epochs=1, progress=False)),
    ("heldout_neg_elbo, an encoder with the wrong input size", "encode",
     lambda: lh.heldout_neg_elbo(lambda x: torch.nn.Linear(3, 2)(x), _dec, np.full((4, 5), 0.5, np.float32))),
    ("heldout_neg_elbo, a decoder that raises", "decode",
     lambda: lh.heldout_neg_elbo(_enc, lambda z: z @ torch.ones(7, 5), np.full((4, 5), 0.5, np.float32))),
    ("as_decoder, a decoder of another architecture", "decode",
     lambda: lh.as_decoder(torch.nn.Linear(5, 64))(np.zeros((2, 3), np.float32))),
    ("as_decoder, a decoder with a wrong keyword", "decode",
     lambda: lh.as_decoder(lambda Z, *, scale: Z * scale)(np.zeros((2, 3), np.float32))),
]


@pytest.mark.parametrize("label, name, call", [pytest.param(*c, id=c[0]) for c in LEARNER_CODE])
def test_the_learners_own_code_fails_with_what_the_helper_expected(label, name, call):
    """torch's raw error from a learner's model or function: named, with what the helper expected, and the
    original kept as the cause (issue #20)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises((ValueError, TypeError)) as info:
            call()
    assert name in str(info.value) and info.value.__cause__ is not None, f"{label}: {info.value!r}"
    COUNTS["learner code named"] += 1


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_a_curve_with_nan_or_inf_is_never_plotted_silently(bad):
    """matplotlib leaves a silent gap where a history holds NaN or infinity: the plot marks it, and says so."""
    with pytest.warns(UserWarning, match="epoch 3"):
        ax = lh.plot_history({"loss": [2.0, 1.0, bad, bad]})
    assert any("epoch 3" in t.get_text() for t in ax.texts)
    plt.close("all")


# ------------------------------------------------------------------------ silent wrong results, low-level helpers
def test_analogies_in_title_case_are_asked_and_nothing_asked_is_nan():
    V, words = _words_and_vectors()
    title = lh.analogy_accuracy(V, words, [("Man", "King", "Woman", "Queen")])
    assert title.n_asked == 1  # 'Man' is the word 'man': once never asked, so accuracy said 0.0
    none = lh.analogy_accuracy(V, words, [("xx", "yy", "zz", "ww")])
    assert none.n_asked == 0 and math.isnan(none.accuracy) and "none was asked" in str(none)


@pytest.mark.parametrize("score", [float("nan"), float("inf"), True])
def test_a_similarity_pair_with_no_finite_score_is_refused(score):
    V, words = _words_and_vectors()
    with pytest.raises((ValueError, TypeError), match="pairs"):
        lh.similarity_spearman(V, words, [("man", "king", 5.0), ("cat", "dog", score), ("man", "dog", 1.0)])


def _low(module: str):
    return importlib.import_module(f"latent_helpers.{module}")


LOW_LEVEL = [
    ("unit_rows", "V", lambda bad: _low("embeddings").unit_rows(bad)),
    ("augment x (NaN pixels)", "x", lambda bad: _low("digit_scorer").augment(torch.full((2, 1, 8, 8), float("nan")))),
    ("augment max_shift", "max_shift",
     lambda bad: _low("digit_scorer").augment(torch.rand(2, 1, 8, 8), max_shift=bad)),
    ("augment binarise_share", "binarise_share",
     lambda bad: _low("digit_scorer").augment(torch.rand(2, 1, 8, 8), binarise_share=bad)),
]


@pytest.mark.parametrize("label, name, call", [pytest.param(*c, id=c[0]) for c in LOW_LEVEL])
def test_low_level_helpers_validate_like_the_rest(label, name, call):
    problems = []
    for bad_label, make in BAD:
        result, exc = _call(call, {"bad": make()})
        if exc is None:
            if _nonfinite(result):
                problems.append(f"{bad_label}: returned NaN or infinity")
        elif not (isinstance(exc, (ValueError, TypeError)) and _names_it(exc, (name,))):
            problems.append(f"{bad_label}: {type(exc).__name__}: {str(exc)[:120]}")
    assert not problems, f"{label}:\n  " + "\n  ".join(problems)



# ------------------------------------------------------------------------------------ the data classes
@pytest.mark.parametrize("make", [lambda: lh.make_furniture(4, seed=0, size=8), lambda: lh.make_toy(4, seed=0)],
                         ids=["Furniture", "ToyImages"])
def test_subset_takes_every_form_of_indices_alike(make):
    """``subset`` of a list, an array, a tensor, a mask, a range, a slice or negative indices: the same pictures,
    the same kind of data set; a float index or an index out of range is refused by name (issue #20)."""
    data = make()
    ref = data.subset([0, 2])
    assert type(ref) is type(data) and len(ref) == 2
    for form in (np.array([0, 2]), torch.tensor([0, 2]), [True, False, True, False], range(0, 3, 2),
                 slice(0, 3, 2), [-4, -2], np.array([0, 2], np.uint8)):
        sub = data.subset(form)
        assert np.array_equal(sub.images, ref.images) and sub.factor_names == ref.factor_names, repr(form)
        assert all(np.array_equal(sub.factors[k], ref.factors[k]) for k in ref.factor_names), repr(form)
    for bad in ([0.0, 2.0], [0, 4], [-5], [True, False], 1):
        with pytest.raises((ValueError, TypeError), match="idx"):
            data.subset(bad)
        COUNTS["clear errors"] += 1


def test_data_sets_of_0_255_pictures_are_refused_with_the_fix():
    """Pictures of the other value range in a data class: refused, saying to divide by 255 (issue #20)."""
    f = lh.make_furniture(2, seed=0, size=8)
    with pytest.raises(ValueError, match="255"):
        lh.Furniture(f.images * 255, dict(f.factors), f.factor_names, f.kind_names, 8)
    with pytest.raises(ValueError, match="255"):
        lh.DigitSplit(_images(4, 28) * 255, np.arange(4), _images(2, 28), np.arange(2))


# ------------------------------------------------------------------------------- files learners bring
def _noisy_text(n_lines: int = 3000, seed: int = 0) -> bytes:
    """Lines that compress poorly, so that half of a compressed file is really half of it."""
    rng = np.random.default_rng(seed)
    return "".join(f"w{i} " + " ".join(f"{x:.5f}" for x in rng.normal(size=4)) + "\n" for i in range(n_lines)).encode()


def _cut(compress: Callable[[bytes], bytes]) -> bytes:
    whole = compress(_noisy_text())
    return whole[: len(whole) // 2]


def _gz(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


def _bz2(data: bytes) -> bytes:
    import bz2

    return bz2.compress(data)


_PAIRS = b"cat\tdog\t7.5\nman\tking\t5.0\nlove\tsex\t6.8\n"
_QUESTIONS = b": family\nman king woman queen\n"
_VECTORS = b"cat 0.1 0.2 0.3 0.4\ndog 0.2 0.1 0.3 0.5\n"
_BINARY = np.arange(400, dtype=np.float32).tobytes()   # a file of numbers, as a checkpoint or an .npy holds


def _read_pairs(path):
    V, words = _words_and_vectors()
    return lh.similarity_spearman(V, words, pairs=path)


def _read_questions(path):
    V, words = _words_and_vectors()
    return lh.analogy_accuracy(V, words, questions=path)


def _read_vectors(path):
    return _low("embeddings").load_glove_file(path)


def _read_glove_download(path):
    """``load_glove`` reads ``<GENSIM_DATA_DIR>/<name>/<name>.gz``: put the file there."""
    from latent_helpers import embeddings

    name = Path(path).name.removesuffix(".gz")
    folder = embeddings.GENSIM_DATA_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.gz").write_bytes(Path(path).read_bytes())
    return lh.load_glove(name)


#: (label, reader, file name, contents, the line the message must name)
BAD_FILES = [
    ("word pairs in Windows-1252", _read_pairs, "pairs.tsv", _PAIRS + "caf\xe9\tbar\t3.0\n".encode("cp1252"), 4),
    ("word pairs as UTF-16", _read_pairs, "pairs.tsv", _PAIRS.decode().encode("utf-16"), None),
    ("word pairs, a binary file", _read_pairs, "pairs.tsv", _BINARY, 1),
    ("word pairs, a truncated .gz", _read_pairs, "pairs.tsv.gz", _cut(_gz), None),
    ("analogies in Windows-1252", _read_questions, "questions.txt",
     _QUESTIONS + "caf\xe9 b c d\n".encode("cp1252"), 3),
    ("analogies, a truncated .bz2", _read_questions, "questions.txt.bz2", _cut(_bz2), None),
    ("a corpus in Windows-1252", lambda p: lh.load_lee(path=p), "news.cor",
     b"The first document.\nThe second.\n" + "A caf\xe9 in town.\n".encode("cp1252"), 3),
    ("a binary file as a corpus", lambda p: lh.load_lee(path=p), "news.cor", b"PK\x03\x04" + _BINARY, 1),
    ("a truncated .gz as a corpus", lambda p: lh.load_lee_background(path=p), "news.cor.gz", _cut(_gz), None),
    ("a truncated .bz2 as a corpus", lambda p: lh.load_lee(path=p), "news.cor.bz2", _cut(_bz2), None),
    ("vectors holding NaN", _read_vectors, "vectors.txt", _VECTORS + b"rat nan 0.1 0.2 0.3\n", 3),
    ("vectors holding inf", _read_vectors, "vectors.txt", _VECTORS + b"rat 0.1 -inf 0.2 0.3\n", 3),
    ("vectors too large for float32", _read_vectors, "vectors.txt", _VECTORS + b"rat 0.1 0.2 1e39 0.3\n", 3),
    ("vectors in Windows-1252", _read_vectors, "vectors.txt", _VECTORS + "caf\xe9 0.1 0.2 0.3 0.4\n".encode("cp1252"), 3),
    ("vectors, a binary file", _read_vectors, "vectors.bin", np.random.default_rng(0).bytes(3000), 1),
    ("vectors, a truncated .gz download", _read_glove_download, "glove-sweep-cut.gz", _cut(_gz), None),
    ("vectors, a truncated .bz2", _read_vectors, "vectors.txt.bz2", _cut(_bz2), None),
    ("a truncated Wikipedia dump", lambda p: lh.load_wikipedia_excerpt(path=p, min_tokens=1), "wiki.xml.bz2",
     None, None),
]


def _cut_wiki(tmp: Path) -> bytes:
    whole = _wiki_dump(tmp).read_bytes()
    return whole[: len(whole) // 2]


@pytest.mark.parametrize("label, read, name, contents, line", [pytest.param(*c, id=c[0]) for c in BAD_FILES])
def test_a_bad_file_is_refused_naming_the_file_and_line(label, read, name, contents, line, tmp_path):
    """Files learners bring to the notebook 07/08 loaders: another encoding, a binary file, a truncated
    download, NaN in vectors: a ValueError that names the file (and the line), never garbage (issue #20)."""
    path = tmp_path / name
    path.write_bytes(_cut_wiki(tmp_path) if contents is None else contents)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError) as info:
            read(path)
    message = str(info.value)
    assert path.name in message, f"{label}: the message does not name the file: {message}"
    if line is not None:
        assert f"line {line}" in message, f"{label}: the message does not name line {line}: {message}"
    elif path.suffix in (".gz", ".bz2"):
        assert "line" in message or "articles" in message, f"{label}: says not where the file ends: {message}"
        assert "truncated" in message, f"{label}: does not say the file is cut short: {message}"
    COUNTS["bad files named"] += 1


#: (label, reader, contents with a UTF-8 byte-order mark, what the reader must give)
BOM_FILES = [
    ("word pairs", lambda p: _low("datasets").read_word_pairs(p), _PAIRS,
     lambda out: out[0] == ("cat", "dog", 7.5)),
    ("analogies", lambda p: _low("datasets").read_analogies(p), _QUESTIONS,
     lambda out: out[0] == ("family", "man", "king", "woman", "queen")),
    ("a corpus", lambda p: lh.load_lee(path=p), b"The cat sat.\nA dog.\n",
     lambda out: out.texts == ("The cat sat.", "A dog.")),
    ("vectors", _read_vectors, _VECTORS, lambda out: out.index_to_key == ["cat", "dog"]),
]


@pytest.mark.parametrize("label, read, contents, right", [pytest.param(*c, id=c[0]) for c in BOM_FILES])
def test_a_byte_order_mark_is_accepted_and_dropped(label, read, contents, right, tmp_path):
    """Notepad's "UTF-8 with BOM": the mark is dropped, so the first word is 'cat', not '\\ufeffcat'."""
    path = tmp_path / "with_bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + contents)
    out = read(path)
    assert right(out), f"{label}: {out!r}"[:300]
    COUNTS["bad files named"] += 1


def test_a_compressed_file_that_is_whole_is_read_like_the_plain_one(tmp_path):
    """Telling a file cut short from a whole one: a whole .gz/.bz2 reads exactly as the plain file."""
    plain = tmp_path / "v.txt"
    plain.write_bytes(_VECTORS)
    for suffix, compress in ((".gz", _gz), (".bz2", _bz2)):
        packed = tmp_path / f"v.txt{suffix}"
        packed.write_bytes(compress(_VECTORS))
        a, b = _read_vectors(plain), _read_vectors(packed)
        assert a.index_to_key == b.index_to_key and np.array_equal(a.vectors, b.vectors)


# ------------------------------------------------------------------- the digit scorer and value ranges
def _digit_like(n: int = 6, seed: int = 0) -> np.ndarray:
    """Pictures as digits are: a black background and strokes of bright ink, on the 0-255 grid of [0, 1]."""
    rng = np.random.default_rng(seed)
    X = np.zeros((n, 28, 28), np.float32)
    for i in range(n):
        r, c = rng.integers(4, 14, 2)
        X[i, r:r + 12, c:c + 3] = rng.uniform(0.4, 1.0, (12, 3))
        X[i, r:r + 3, c:c + 10] = 1.0
    return (np.round(X * 255) / 255).astype(np.float32)


def _undershooting(X: np.ndarray) -> np.ndarray:
    """[0, 1] digits as an unbounded decoder gives them: some background pixels dip to -0.7."""
    U = X.copy()
    U[:, 0, ::3] = -0.7
    return U


_REFERENCE = _digit_like(6, seed=1)
SCORER_METHODS = {
    "report": lambda s, x, **k: (lambda r: np.r_[r.mean_top_probability, r.shares, r.entropy])(s.report(x, **k)),
    "probabilities": lambda s, x, **k: s.probabilities(x, **k),
    "predict": lambda s, x, **k: s.predict(x, **k),
    "features": lambda s, x, **k: s.features(x, **k),
    "frechet_distance": lambda s, x, **k: s.frechet_distance(x, _REFERENCE, **k),
}
@pytest.mark.parametrize("method", [m for m in SCORER_METHODS if m != "predict"])   # predict: probabilities' argmax
def test_the_scorer_reads_undershooting_digits_as_0_1_ones(method):
    """Values from -0.7 to 1 with the background at 0 are [0, 1] digits that undershoot (an unbounded decoder's),
    not [-1, 1] ones, which would put a grey background under them: scored as the same digits clipped to [0, 1]
    (the other ranges are test_digit_scorer's; issue #20)."""
    scorer, X = _scorer(), _digit_like()
    expected = SCORER_METHODS[method](scorer, X)
    got = SCORER_METHODS[method](scorer, _undershooting(X))
    assert np.allclose(got, expected, rtol=1e-4, atol=1e-5), f"{method}: {got} != {expected}"
    COUNTS["accepted (worked)"] += 1


#: a named value range the values contradict, or values that leave the range open: refused, never clipped
CONTRADICTED = {
    "0-255 said to be [0, 1]": (lambda X: X * 255, "unit"),
    "[-1, 1] said to be [0, 1]": (lambda X: 2 * X - 1, "unit"),
    "[0, 1] said to be [-1, 1]": (lambda X: X, "tanh"),
    "[0, 1] said to be 0-255": (lambda X: X, "bytes"),
    "background halfway, from -1 to 1": (lambda X: np.where(X > 0, X, -0.4) - (np.arange(784) == 0).reshape(28, 28) * 0.6,
                                         "auto"),
}


@pytest.mark.parametrize("case", CONTRADICTED)
@pytest.mark.parametrize("method", SCORER_METHODS)
def test_the_scorer_refuses_a_value_range_the_pictures_contradict(method, case):
    """A named range that the values contradict would be clipped into pictures the scorer misreads, silently
    (0-255 digits said to be [0, 1] come out white on white): refused, naming value_range (issue #20)."""
    make, value_range = CONTRADICTED[case]
    with pytest.raises(ValueError, match="value_range") as info:
        SCORER_METHODS[method](_scorer(), make(_digit_like()), value_range=value_range)
    assert "images" in str(info.value), str(info.value)
    COUNTS["clear errors"] += 1
