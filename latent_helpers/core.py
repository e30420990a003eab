"""One place for seeds, threads and device, so every notebook prints the same numbers on every run."""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import torch

#: The repository's top folder (holds ``data/``, ``notebooks/``...).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: Where shipped data files and pretrained checkpoints live.
DATA_DIR = REPO_ROOT / "data"

DEFAULT_SEED = 0
DEFAULT_THREADS = 2


def setup(seed: int = DEFAULT_SEED, threads: int = DEFAULT_THREADS, quiet: bool = False) -> torch.device:
    """Seed ``random``, numpy and torch, fix the thread count, pick a device, set plot defaults.

    Call it in the first code cell of a notebook. It returns ``cuda`` when a GPU is there
    (Colab, a lab machine) and ``cpu`` otherwise; nothing in the course needs a GPU.

    >>> device = setup(seed=0)
    >>> device.type in ("cpu", "cuda")
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be between 0 and 2**32 - 1, got {seed}")
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 1:
        raise ValueError(f"threads must be a positive int, got {threads!r}")
    seed_everything(seed)
    torch.set_num_threads(int(threads))
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(int(threads))
    except Exception:  # threadpoolctl ships with scikit-learn; if absent, torch's limit is enough
        pass
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _plot_defaults()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if not quiet:
        print(f"Seed {seed}, {threads} threads, device: {device.type}, torch {torch.__version__.split('+')[0]}")
    return device


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, numpy's global generator and torch (CPU and CUDA)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def rng(seed: int = DEFAULT_SEED) -> np.random.Generator:
    """A fresh numpy ``Generator`` for code that should not touch the global state."""
    return np.random.default_rng(seed)


def _plot_defaults() -> None:
    import matplotlib as mpl

    mpl.rcParams.update({
        "figure.dpi": 80,            # small committed notebooks; crisp enough on a projector
        "savefig.dpi": 80,
        "figure.figsize": (6.4, 4.0),
        "axes.grid": False,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "image.cmap": "gray",
    })


METRICS_ENV = "LATENT_METRICS_FILE"


def record_metric(key: str, value: float) -> float:
    """Note a quality figure (e.g. ``"ae_pca_mse_ratio_k8"``) for the benchmark, and return it.

    Outside the benchmark this does nothing but return ``value``. Under ``make benchmark`` the
    figure is appended to the file named by the ``LATENT_METRICS_FILE`` environment variable and
    lands in ``benchmarks/results.json`` under the notebook's name and this stable key.
    """
    import json

    if not isinstance(key, str) or not key.replace("_", "").isalnum():
        raise ValueError(f"key must be a short identifier like 'vae_neg_elbo_nats', got {key!r}")
    value = float(value)
    target = os.environ.get(METRICS_ENV)
    if target:
        with open(target, "a") as f:
            f.write(json.dumps({"key": key, "value": value}) + "\n")
    return value
