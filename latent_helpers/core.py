"""One place for seeds, threads and device, so every notebook prints the same numbers on every run."""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import torch

from .validation import as_seed, short_repr

#: The repository's top folder (holds ``data/``, ``notebooks/``...).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: Where shipped data files and pretrained checkpoints live.
DATA_DIR = REPO_ROOT / "data"

DEFAULT_SEED = 0
DEFAULT_THREADS = 2
#: Set to a whole number, this environment variable overrides every notebook's thread count (the tests
#: use it to run the notebooks as on another processor: scripts/other_cpu.py).
THREADS_ENV = "LATENT_SPACE_THREADS"


def setup(seed: int = DEFAULT_SEED, threads: int = DEFAULT_THREADS, quiet: bool = False) -> torch.device:
    """Seed ``random``, numpy and torch, fix the thread count, pick a device, set plot defaults.

    Call it in the first code cell of a notebook. It returns ``cuda`` when a GPU is there
    (Colab, a lab machine) and ``cpu`` otherwise; nothing in the course needs a GPU. The environment
    variable ``LATENT_SPACE_THREADS``, when set, overrides ``threads``.

    >>> device = setup(seed=0, quiet=True)
    >>> device.type in ("cpu", "cuda")
    True
    """
    seed = as_seed(seed)
    if isinstance(threads, (bool, np.bool_)) or not isinstance(threads, (int, np.integer)) or not 1 <= threads <= 1024:
        raise ValueError(f"threads must be a whole number from 1 to 1024, got {short_repr(threads)}")
    if not isinstance(quiet, (bool, np.bool_)):
        raise TypeError(f"quiet must be True or False, got {short_repr(quiet)}")
    override = os.environ.get(THREADS_ENV, "").strip()
    if override:
        if not override.isdigit() or not 1 <= int(override) <= 1024:
            raise ValueError(f"the environment variable {THREADS_ENV} must be a whole number from 1 to 1024, "
                             f"got {override!r}")
        threads = int(override)
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
        print(f"Seed {seed}, {threads} thread{'s' if threads != 1 else ''}, device: {device.type}, torch {torch.__version__.split('+')[0]}")
    return device


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, numpy's global generator and torch (CPU and CUDA).

    ``seed`` follows the course's one rule (see :func:`latent_helpers.validation.as_seed`): a whole
    number from 0 to 2**32 - 1, numpy ints included; ``None`` is refused.

    >>> seed_everything(np.int64(3))
    """
    seed = as_seed(seed)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def rng(seed: int = DEFAULT_SEED) -> np.random.Generator:
    """A fresh numpy ``Generator`` for code that should not touch the global state.

    >>> float(rng(0).random()) == float(rng(0).random())
    True
    """
    return np.random.default_rng(as_seed(seed))


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


__all__ = ["DATA_DIR", "DEFAULT_SEED", "DEFAULT_THREADS", "REPO_ROOT", "THREADS_ENV", "rng", "seed_everything", "setup"]
