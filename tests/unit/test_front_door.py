"""The front door, ``import latent_helpers as lh``: every public helper is ``lh.<name>``, loaded on first use, and
the names of the modules that were regrouped by concept still work."""
from __future__ import annotations

import importlib
import inspect
from pathlib import Path
import json
import subprocess
import sys
import warnings

import pytest

import latent_helpers as lh
import latent_helpers.exercises as ex

#: the front door's names before the helpers were grouped by concept: each must still work
OLD_FRONT_DOOR = [
    "setup", "seed_everything", "rng", "REPO_ROOT", "DATA_DIR", "DigitSplit", "OfflineError", "load_mnist5k",
    "load_digits8x8", "load_full_mnist", "fit", "evaluate", "make_loader", "History", "image_grid", "show_images",
    "scatter2d", "scatter3d", "plot_history", "save_checkpoint", "load_checkpoint", "load_pretrained", "sha256_file",
    "LivePlot", "blend_demo", "LatentSliders", "Interpolator", "lerp", "slerp", "interpolate_path", "path_point",
    "Furniture", "make_furniture", "raw_bytes", "zlib_bytes", "pca_bytes", "nearest_neighbours", "neighbour_agreement",
    "SEED_IMAGE", "SEED_CODE", "ToyImages", "make_toy", "render_toy", "reconstruction_mse", "heldout_neg_elbo",
    "mutual_info_gap", "correlation_matrix", "best_match_score", "AutoencoderTransformer", "taught", "as_decoder",
]

#: old module -> the public names it had, and where each one lives now ("module" or "module:new_name")
OLD_MODULES = {
    "data": {"DigitSplit": "datasets.digits", "load_mnist5k": "datasets.digits", "load_digits8x8": "datasets.digits",
             "load_full_mnist": "datasets.digits", "OfflineError": "datasets.online", "is_online": "datasets.online"},
    "toy": {n: "datasets.toy" for n in ("SEED_IMAGE", "SEED_CODE", "FACTOR_NAMES", "ToyImages", "make_toy",
                                        "render_toy")},
    "factors": {"FactorData": "datasets.factors"},
    "furniture": {"Furniture": "datasets.furniture", "make_furniture": "datasets.furniture",
                  "render": "datasets.furniture:render_furniture", "sample_factors": "datasets.furniture",
                  "hue_to_rgb": "datasets.furniture", "FACTOR_NAMES": "datasets.furniture",
                  "FACTOR_RANGES": "datasets.furniture:FURNITURE_RANGES", "KIND_NAMES": "datasets.furniture"},
    "compression": {n: "sizes" for n in ("to_uint8", "raw_bytes", "zlib_bytes", "pca_bytes")},
    "interpolation": {n: "paths" for n in ("lerp", "slerp", "path_point", "interpolate_path", "METHODS")},
    "corpora": {"Corpus": "datasets.corpora", "load_lee": "datasets.corpora",
                "document_completion_split": "datasets.corpora", "load_mini_newsgroups": "datasets.newsgroups",
                "load_20newsgroups": "datasets.newsgroups", "strip_newsgroup_post": "datasets.newsgroups",
                "RefusedPickle": "datasets.safe_pickle", "read_pickle_restricted": "datasets.safe_pickle",
                "RestrictedUnpickler": "datasets.safe_pickle", "MAX_PICKLE_BYTES": "datasets.safe_pickle"},
    "text": {**{n: "datasets.gensim_data" for n in ("WIKI_EXCERPT", "LEE_BACKGROUND", "WORDSIM353", "SIMLEX999",
                                                    "GOOGLE_ANALOGIES", "gensim_test_file")},
             **{n: "datasets.corpora" for n in ("load_wikipedia_excerpt", "load_lee_background")},
             **{n: "datasets.word_sets" for n in ("WordPair", "Analogy", "read_word_pairs", "read_analogies",
                                                  "load_wordsim353", "load_simlex999", "load_google_analogies")},
             **{n: "embeddings" for n in ("word_vectors", "unit_rows", "SimilarityScore", "similarity_spearman",
                                          "AnalogyScore", "analogy_accuracy", "load_glove_file", "load_glove")}},
}


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line, returned as a dict."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_all_is_one_sorted_list_without_repeats():
    assert lh.__all__ == sorted(lh.__all__)
    assert len(set(lh.__all__)) == len(lh.__all__)


def test_every_public_name_is_the_object_its_module_defines():
    for name in lh.__all__:
        home = importlib.import_module(f"latent_helpers.{lh._HOME[name]}")
        assert getattr(lh, name) is getattr(home, name), name
        assert name in getattr(home, "__all__", ()), f"{name} is public at the front door but not in its module's __all__"


def test_the_front_door_keeps_every_old_name():
    assert set(OLD_FRONT_DOOR) <= set(lh.__all__)


def test_every_public_callable_has_a_docstring_and_no_public_name_is_a_module():
    for name in lh.__all__:
        value = getattr(lh, name)
        assert not inspect.ismodule(value), name
        if callable(value):
            assert inspect.getdoc(value), f"lh.{name} has no docstring"


def test_dir_lists_what_can_be_reached_and_nothing_private():
    listed = dir(lh)
    assert set(lh.__all__) <= set(listed)
    assert {"datasets", "exercises", "widgets", "metrics", "images", "validation"} <= set(listed)
    for name in listed:
        getattr(lh, name)  # every listed name is there
        assert not name.startswith("_") or name.startswith("__"), name
    assert not set(OLD_MODULES) & set(listed), "the old module names work, but are not advertised"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_helper'"):
        lh.no_such_helper  # noqa: B018


def test_importing_the_package_loads_none_of_the_heavy_optional_libraries():
    code = """if True:
        import json, sys
        import latent_helpers as lh
        heavy = ("sklearn", "gensim", "matplotlib", "ipywidgets", "scipy", "jupytext")
        after_import = [m for m in heavy if m in sys.modules]
        lh.load_mnist5k
        after_loader = [m for m in heavy if m in sys.modules]
        lh.LivePlot
        print(json.dumps({"import": after_import, "loader": after_loader,
                          "widget": [m for m in heavy if m in sys.modules]}))"""
    loaded = _fresh(code)
    assert loaded["import"] == [], f"import latent_helpers loaded {loaded['import']}"
    assert loaded["loader"] == [], f"lh.load_mnist5k loaded {loaded['loader']}"
    assert {"ipywidgets", "matplotlib"} <= set(loaded["widget"]), "a widget needs ipywidgets and matplotlib"
    assert "gensim" not in loaded["widget"]


@pytest.mark.parametrize("old", sorted(OLD_MODULES))
def test_an_old_module_name_finds_each_of_its_names_in_their_new_home(old):
    with pytest.warns(DeprecationWarning, match=f"latent_helpers.{old} was regrouped"):
        module = getattr(lh, old)
    for name, where in OLD_MODULES[old].items():
        home, _, new = where.partition(":")
        assert getattr(module, name) is getattr(importlib.import_module(f"latent_helpers.{home}"), new or name), \
            f"lh.{old}.{name}"
    with pytest.raises(AttributeError, match="split into"):
        module.no_such_name  # noqa: B018


def test_an_old_module_name_works_in_a_from_import_too():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from latent_helpers import text
    assert text.similarity_spearman is lh.similarity_spearman


def test_the_exercises_list_every_check_sorted():
    modules = sorted(path.stem for path in Path(ex.__file__).parent.glob("nb[0-9][0-9].py"))
    assert modules[:10] == [f"nb{n:02d}" for n in range(10)]
    checks = {name for module in modules
              for name, obj in vars(importlib.import_module(f"latent_helpers.exercises.{module}")).items()
              if name.startswith("check_") and inspect.isfunction(obj) and obj.__module__.endswith(module)}
    assert len(checks) >= 37
    assert ex.__all__ == sorted(ex.__all__)
    assert set(ex.__all__) == checks | {"Feedback", "feedback", "check_close", "check_equal"}
    for name in ex.__all__:
        assert getattr(ex, name) is not None
