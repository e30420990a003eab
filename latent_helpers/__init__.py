"""latent_helpers: what every Latent Space notebook needs and none is about.

Loading data, training loops with progress bars, plots, widgets, checkpoints and exercise checks.
The models a notebook teaches are written in that notebook, not here.

This is the front door: every public helper is ``lh.<name>`` (``import latent_helpers as lh``), and
the exercise checks are in ``latent_helpers.exercises``. A name's module is imported the first time
the name is used, so a notebook loads scikit-learn, gensim, matplotlib or ipywidgets only if it uses
something that needs them. ARCHITECTURE.md draws the modules behind the door.
"""
from __future__ import annotations

import importlib
import pkgutil
import warnings

from . import torch_compiler_standin

# before anything can make a torch optimizer: keeps torch's compiler (~150 MB) out of memory
torch_compiler_standin.install()

__version__ = "0.1.0"

#: module (below this package) -> the public names it gives the front door
_EXPORTS: dict[str, tuple[str, ...]] = {
    "checkpoints": ("load_checkpoint", "load_pretrained", "save_checkpoint", "sha256_file"),
    "core": ("DATA_DIR", "REPO_ROOT", "rng", "seed_everything", "setup"),
    "datasets.corpora": ("Corpus", "document_completion_split", "load_lee", "load_lee_background",
                         "load_wikipedia_excerpt"),
    "datasets.digits": ("DigitSplit", "load_digits8x8", "load_full_mnist", "load_mnist5k"),
    "datasets.furniture": ("FURNITURE_RANGES", "Furniture", "hue_to_rgb", "make_furniture", "render_furniture"),
    "datasets.newsgroups": ("load_20newsgroups", "load_mini_newsgroups"),
    "datasets.online": ("OfflineError",),
    "datasets.toy": ("SEED_CODE", "SEED_IMAGE", "ToyImages", "make_toy", "render_toy"),
    "datasets.word_sets": ("load_google_analogies", "load_simlex999", "load_wordsim353"),
    "decoding": ("as_decoder",),
    "digit_scorer": ("DigitScorer",),
    "embeddings": ("analogy_accuracy", "load_glove", "similarity_spearman"),
    "metrics": ("best_match_score", "class_entropy", "class_shares", "correlation_matrix", "frechet_distance",
                "heldout_neg_elbo", "mean_top_probability", "mutual_info_gap", "reconstruction_mse"),
    "neighbours": ("nearest_neighbours", "neighbour_agreement"),
    "notebook_exports": ("taught",),
    "paths": ("interpolate_path", "lerp", "path_point", "slerp"),
    "plotting": ("image_grid", "plot_history", "scatter2d", "scatter3d", "show_images"),
    "sizes": ("pca_bytes", "raw_bytes", "zlib_bytes"),
    "sklearn_wrap": ("AutoencoderTransformer",),
    "training": ("History", "evaluate", "fit", "make_loader"),
    "widgets": ("Cloud3D", "CloudExplorer", "EmbeddingExplorer", "EmbeddingProjector", "FamilyBlend", "Interpolator",
                "LatentSliders", "LivePlot", "TopicMixer", "blend_demo", "polygon_corners"),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "AutoencoderTransformer", "Cloud3D", "CloudExplorer", "Corpus", "DATA_DIR", "DigitScorer", "DigitSplit", "EmbeddingExplorer", "EmbeddingProjector",
    "FURNITURE_RANGES", "FamilyBlend", "Furniture", "History", "Interpolator", "LatentSliders", "LivePlot",
    "OfflineError", "REPO_ROOT", "SEED_CODE", "SEED_IMAGE", "TopicMixer", "ToyImages", "analogy_accuracy",
    "as_decoder", "best_match_score", "blend_demo", "class_entropy", "class_shares", "correlation_matrix",
    "document_completion_split", "evaluate", "fit", "frechet_distance", "heldout_neg_elbo", "hue_to_rgb",
    "image_grid", "interpolate_path", "lerp", "load_20newsgroups", "load_checkpoint", "load_digits8x8",
    "load_full_mnist", "load_glove", "load_google_analogies", "load_lee", "load_lee_background",
    "load_mini_newsgroups", "load_mnist5k", "load_pretrained", "load_simlex999", "load_wikipedia_excerpt",
    "load_wordsim353", "make_furniture", "make_loader", "make_toy", "mean_top_probability", "mutual_info_gap",
    "nearest_neighbours", "neighbour_agreement", "path_point", "pca_bytes", "plot_history", "polygon_corners",
    "raw_bytes", "reconstruction_mse", "render_furniture", "render_toy", "rng", "save_checkpoint", "scatter2d",
    "scatter3d", "seed_everything", "setup", "sha256_file", "show_images", "similarity_spearman", "slerp",
    "taught", "zlib_bytes",
]


def _submodules() -> list[str]:
    """The package's public modules and subpackages (``lh.metrics``, ``lh.datasets``, ``lh.exercises``...)."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def __getattr__(name: str):
    """Load a public name (or a submodule) on first use, and keep it."""
    from ._old_names import OLD_MODULES, OldModule

    if name in _HOME:
        value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    elif name in OLD_MODULES:
        warnings.warn(f"latent_helpers.{name} was regrouped by concept: its names are now on the front door "
                      f"(lh.<name>), in {', '.join(f'latent_helpers.{m}' for m in OLD_MODULES[name])}",
                      DeprecationWarning, stacklevel=2)
        value = OldModule(__name__, name)
    elif name in _submodules():
        return importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *_submodules(), "__all__", "__doc__", "__file__", "__name__", "__path__",
                   "__version__"})
