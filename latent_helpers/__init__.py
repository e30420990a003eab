"""latent_helpers: what every Latent Space notebook needs and none is about.

Loading data, training loops with progress bars, plots, widgets, checkpoints and exercise checks.
The models a notebook teaches are written in that notebook, not here.
"""
from . import _lean

_lean.install()  # torch.optim without loading torch's compiler (~150 MB): see _lean.py

from .checkpoints import load_checkpoint, load_pretrained, save_checkpoint, sha256_file
from .core import DATA_DIR, REPO_ROOT, rng, seed_everything, setup
from .data import DigitSplit, OfflineError, load_digits8x8, load_full_mnist, load_mnist5k
from .plotting import image_grid, plot_history, scatter2d, scatter3d, show_images
from .training import History, evaluate, fit, make_loader
from .furniture import Furniture, make_furniture
from .interpolation import interpolate_path, lerp, path_point, slerp
from .widgets import Interpolator, LatentSliders, LivePlot, blend_demo

__all__ = [
    "setup", "seed_everything", "rng", "REPO_ROOT", "DATA_DIR",
    "DigitSplit", "OfflineError", "load_mnist5k", "load_digits8x8", "load_full_mnist",
    "fit", "evaluate", "make_loader", "History",
    "image_grid", "show_images", "scatter2d", "scatter3d", "plot_history",
    "save_checkpoint", "load_checkpoint", "load_pretrained", "sha256_file",
    "LivePlot", "blend_demo", "LatentSliders", "Interpolator",
    "lerp", "slerp", "interpolate_path", "path_point", "Furniture", "make_furniture",
]
from .compression import pca_bytes, raw_bytes, zlib_bytes
from .neighbours import nearest_neighbours, neighbour_agreement
from .toy import SEED_CODE, SEED_IMAGE, ToyImages, make_toy, render_toy
__all__ += ["raw_bytes", "zlib_bytes", "pca_bytes", "nearest_neighbours", "neighbour_agreement",
            "SEED_IMAGE", "SEED_CODE", "ToyImages", "make_toy", "render_toy"]
from .metrics import best_match_score, correlation_matrix, heldout_neg_elbo, mutual_info_gap, reconstruction_mse
from .sklearn_wrap import AutoencoderTransformer
__all__ += ["reconstruction_mse", "heldout_neg_elbo", "mutual_info_gap", "correlation_matrix", "best_match_score",
            "AutoencoderTransformer"]
__version__ = "0.1.0"
from .taught import taught  # noqa: E402
from .decoding import as_decoder  # noqa: E402
__all__ += ["taught", "as_decoder"]
