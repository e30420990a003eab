"""Train the latent diffusion model that notebook 10 loads, and the autoencoder it lives in.

The classes, the noise schedule, the loss, the training loop and the sampler are the notebook's own
``# %% export`` cells (``lh.taught("10_latent_diffusion")``), as ``scripts/train_06_gan.py`` does
for 06: there is no second copy to keep in step. Two checkpoints, made in this order
(``make_checkpoints.py`` sorts the names):

- ``ae10_conv_k16.pt``: the notebook's ``ConvAutoencoder``, 16 latent numbers (1 x 28 x 28 ->
  32 x 14 x 14 -> 64 x 7 x 7 -> 256 -> 16, and back with transposed convolutions), sharper than
  notebook 04's 32-number MLP. Binary cross-entropy summed over pixels, Adam with learning rate
  0.001, batches of 64, 30 epochs (04's recipe) on MNIST-5k's 4,000 training digits, seeded.
- ``ldm10_conv_k16.pt``: the notebook's ``Denoiser`` eps_theta(z_t, t, y) on the autoencoder's codes,
  standardised per latent dimension (minus the mean, over the standard deviation of the training
  codes, as Stable Diffusion scales its latents; both are stored). DDPM forward process, T = 1000,
  linear schedule beta_t from 1e-4 to 0.02 (Ho et al. 2020), epsilon-prediction with the mean
  squared error; 20% of the labels replaced by the null label (classifier-free guidance, Ho and
  Salimans 2021). Adam, learning rate 0.001 with 200 warm-up steps and a cosine fall to 0.0001,
  batches of 256, ``STEPS`` steps; the exponential moving average of the weights (decay 0.999) is
  what is stored.

Weights are stored as float16 (the notebook turns them back into float32) and the held-out figures
are measured on the stored weights. Run through ``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py ae10_conv_k16.pt ldm10_conv_k16.pt
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch

import latent_helpers as lh
from latent_helpers.digit_scorer import DigitScorer

NOTEBOOK = "10_latent_diffusion"
AE_CHECKPOINT = "ae10_conv_k16.pt"
LDM_CHECKPOINT = "ldm10_conv_k16.pt"
AE_EPOCHS = 30
STEPS, BATCH, P_NULL = 20000, 256, 0.2


def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [AE_CHECKPOINT, LDM_CHECKPOINT]


def _half(module: torch.nn.Module) -> dict:
    return {k: v.half() for k, v in module.state_dict().items()}


def _seconds(start: float, cpu: float) -> dict:
    return {"wall": round(time.perf_counter() - start, 1), "cpu": round(time.process_time() - cpu, 1)}


def _autoencoder(nb10, out_dir: Path):
    """The autoencoder just made in out_dir (when there), else the shipped one."""
    path = Path(out_dir) / AE_CHECKPOINT
    state = lh.load_checkpoint(path, lh.sha256_file(path)) if path.is_file() else lh.load_pretrained(AE_CHECKPOINT)
    ae = nb10.ConvAutoencoder()
    ae.load_state_dict({k: v.float() for k, v in state["model"].items()})
    return ae.eval()


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    if name not in names():
        raise ValueError(f"this script makes {names()}, not {name!r}")
    nb10 = lh.taught(NOTEBOOK)
    d = lh.load_mnist5k(flatten=True)
    X_train, X_test = torch.tensor(d.X_train), torch.tensor(d.X_test)
    start, cpu = time.perf_counter(), time.process_time()
    if name == AE_CHECKPOINT:
        lh.seed_everything(0)
        ae = nb10.ConvAutoencoder()
        hist = lh.fit(ae, nb10.bce_loss, X_train, epochs=AE_EPOCHS, lr=1e-3, batch_size=64, desc=name)
        half = _half(ae)
        ae.load_state_dict({k: v.float() for k, v in half.items()})      # measure what the notebook loads
        ae.eval()
        with torch.no_grad():
            mse = float(((ae(X_test) - X_test) ** 2).mean())
        lh.save_checkpoint({"model": half, "history": {"loss": list(hist["loss"])}, "epochs": AE_EPOCHS,
                            "train_seconds": _seconds(start, cpu)}, Path(out_dir) / name)
        return {"metric": "held-out MSE per pixel", "value": mse}
    ae = _autoencoder(nb10, out_dir)
    with torch.no_grad():
        codes = ae.encoder(X_train)
    mean, std = codes.mean(0), codes.std(0)
    lh.seed_everything(0)
    model = nb10.Denoiser(d=nb10.K)
    average, losses = nb10.train_denoiser(model, (codes - mean) / std, torch.tensor(d.y_train), steps=STEPS,
                                          batch=BATCH, p_null=P_NULL, desc=name)
    state = {"model": _half(average), "code_mean": mean, "code_std": std,
             "history": {"loss": np.asarray(losses).reshape(-1, 100).mean(1).tolist()},   # means over 100 steps
             "steps": STEPS, "autoencoder": AE_CHECKPOINT, "train_seconds": _seconds(start, cpu)}
    average.load_state_dict({k: v.float() for k, v in state["model"].items()})   # measure what the notebook loads
    zT = torch.randn(1000, nb10.K, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        samples = ae.decoder(nb10.ddim_sample(average, zT) * std + mean).reshape(-1, 28, 28).numpy()
    fd = DigitScorer.pretrained().frechet_distance(samples, d.X_test.reshape(-1, 28, 28))
    lh.save_checkpoint(state, Path(out_dir) / name)
    return {"metric": "Frechet distance of 1,000 unconditional samples (DDIM, 25 steps) to the held-out digits "
                      "(digit scorer's features)", "value": float(fd)}
