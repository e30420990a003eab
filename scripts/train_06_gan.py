"""Train the GAN that notebook 06 loads, from the classes, losses and training loop notebook 06 teaches.

``gan06_dcgan.pt``: the DCGAN-style generator and discriminator of notebook 06, trained for
``STEPS`` steps (batches of 64, Adam with learning rate 0.0002 and beta1 = 0.5) on MNIST-5k's 4,000
training digits scaled to [-1, 1], seeded. The models, the losses and the game (``train_gan``) are
the notebook's own ``# %% export`` cells (``lh.taught("06_gans")``): there is no second copy to keep
in step. Weights are stored as float16 (the notebook turns them back into float32) with the
training curves as means over 100 steps and the pictures of the watched noise vectors
(``watch_codes``) at the steps ``WATCH_AT`` (uint8). The held-out figure is measured on the stored weights: the
Frechet distance, in the digit scorer's features (``latent_helpers.digit_scorer``), between 1,000
samples and the 1,000 held-out digits. Run through ``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py gan06_dcgan.pt
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

import latent_helpers as lh
from latent_helpers.digit_scorer import DigitScorer

NOTEBOOK = "06_gans"
CHECKPOINT = "gan06_dcgan.pt"
CURVES = ("d_loss", "g_loss", "d_real", "d_fake")


def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [CHECKPOINT]


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    if name != CHECKPOINT:
        raise ValueError(f"this script makes {CHECKPOINT}, not {name!r}")
    nb06 = lh.taught(NOTEBOOK)
    d = lh.load_mnist5k()
    lh.seed_everything(0)
    G, D = nb06.Generator(), nb06.Discriminator()
    log = nb06.train_gan(G, D, nb06.to_gan_scale(d.X_train), steps=nb06.STEPS, z_watch=nb06.watch_codes(),
                         watch_at=nb06.WATCH_AT, desc=name)
    state = {"generator": {k: v.half() for k, v in G.state_dict().items()},
             "discriminator": {k: v.half() for k, v in D.state_dict().items()},
             "history": {k: np.asarray(log[k]).reshape(-1, 100).mean(1).tolist() for k in CURVES},
             "watch": {step: torch.from_numpy(np.round(pics * 255).astype(np.uint8)) for step, pics in log["watch"].items()},
             "steps": nb06.STEPS}
    G.load_state_dict({k: v.float() for k, v in state["generator"].items()})   # measure what the notebook loads
    G.eval()
    with torch.no_grad():
        samples = nb06.to_pixels(G(torch.randn(1000, nb06.Z_DIM, generator=torch.Generator().manual_seed(3))))
    fd = DigitScorer.pretrained().frechet_distance(samples, d.X_test)
    lh.save_checkpoint(state, Path(out_dir) / name)
    return {"metric": "Frechet distance of 1,000 samples to the held-out digits (digit scorer's features)",
            "value": float(fd)}
