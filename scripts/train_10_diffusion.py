"""Train the latent diffusion model that notebook 10 (planned) loads, and the autoencoder it lives in.

RESEARCH VERSION: for now the model classes, the noise schedule and the training loop are defined
here. The final version will import them from notebook 10's own ``# %% export`` cells
(``lh.taught("10_diffusion")``), as ``scripts/train_06_gan.py`` does, so there is no second copy.

Two checkpoints, made in this order (``make_checkpoints.py`` sorts the names):

- ``ae10_conv_k16.pt``: a convolutional autoencoder with 16 latent numbers, sharper than notebook
  04's (the digit scorer keeps the label of 96% of its reconstructions of held-out digits, against
  94% for 04's 32-number MLP and 88% for its 8-number models): 1 x 28 x 28 -> 32 x 14 x 14 ->
  64 x 7 x 7 -> 256 -> 16 numbers, and back with transposed convolutions. Binary cross-entropy
  summed over pixels, Adam with learning rate 0.001, batches of 64, 30 epochs (04's recipe) on
  MNIST-5k's 4,000 training digits, seeded.
- ``ldm10_conv_k16.pt``: a denoiser eps_theta(z_t, t, y) on the autoencoder's codes, standardised
  per latent dimension (subtract the mean, divide by the standard deviation of the training
  codes, as Stable Diffusion scales its latents; both are stored). DDPM forward process with
  T = 1000 steps and the linear schedule beta_t from 1e-4 to 0.02 (Ho et al. 2020);
  epsilon-prediction with the plain mean squared error. The network: the code goes in through a
  linear layer to 256 numbers; 3 residual blocks (LayerNorm, + a linear map of the condition,
  256 -> 512 -> 256 with SiLU, the last layer initialised to zero); a LayerNorm, SiLU and linear
  layer back to 16 numbers. The condition is SiLU(MLP(sinusoidal features of t, 64 of them) +
  a learned embedding of the label y), where y = 10 is the *null label* that the model learns
  for "no class" because 20% of the training labels are replaced by it (classifier-free guidance,
  Ho and Salimans 2021). Adam, learning rate 0.001 with 200 warm-up steps and a cosine decay to
  0.0001, batches of 256, STEPS steps, an exponential moving average of the weights (decay 0.999)
  is what is stored.

Sampling (the notebook's job, not this script's): DDIM with eta = 0 and 25 steps; guidance
eps = (1 + w) eps(z, t, y) - w eps(z, t, null), w = 1 by default.

Weights are stored as float16; the held-out figures are measured on the stored weights. Run
through ``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py ae10_conv_k16.pt ldm10_conv_k16.pt
"""
from __future__ import annotations

import copy
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import latent_helpers as lh
from latent_helpers.digit_scorer import DigitScorer

AE_CHECKPOINT = "ae10_conv_k16.pt"
LDM_CHECKPOINT = "ldm10_conv_k16.pt"

# ----------------------------------------------------------------------------- the autoencoder
K = 16              # latent numbers
AE_EPOCHS = 30


class ConvAutoencoder16(nn.Module):
    """1 x 28 x 28 -> 32 x 14 x 14 -> 64 x 7 x 7 -> 256 -> k numbers, and back up the same way."""

    def __init__(self, k: int = K, width: int = 32, hidden: int = 256):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, width, 3, stride=2, padding=1), nn.ReLU(),              # 32 x 14 x 14
            nn.Conv2d(width, 2 * width, 3, stride=2, padding=1), nn.ReLU(),      # 64 x 7 x 7
            nn.Flatten(), nn.Linear(2 * width * 49, hidden), nn.ReLU(), nn.Linear(hidden, k))
        self.decoder = nn.Sequential(
            nn.Linear(k, hidden), nn.ReLU(), nn.Linear(hidden, 2 * width * 49), nn.ReLU(),
            nn.Unflatten(1, (2 * width, 7, 7)),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1), nn.ReLU(),   # 32 x 14 x 14
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1),                      # 1 x 28 x 28
            nn.Flatten(), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def bce_loss(model, batch):
    """Binary cross-entropy between input and output, summed over pixels, averaged over digits (04's loss)."""
    x = batch[0]
    return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)


# ----------------------------------------------------------------------------- the diffusion model
T = 1000            # diffusion steps
WIDTH, BLOCKS, T_FEATURES = 256, 3, 64
N_CLASSES = 10      # label 10 is the null label ("no class")
P_NULL = 0.2        # share of training labels replaced by the null label
STEPS, BATCH, LR, WARMUP, LR_FLOOR, EMA = 20000, 256, 1e-3, 200, 0.1, 0.999
SAMPLE_STEPS, GUIDANCE = 25, 1.0   # the notebook's DDIM steps and guidance scale


def alpha_bars(T: int = T) -> torch.Tensor:
    """abar_t = prod_{s <= t} (1 - beta_s) for t = 0 .. T-1, beta linear from 1e-4 to 0.02 (for T = 1000)."""
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64) * (1000 / T)
    return torch.cumprod(1 - betas, 0).float()


def time_features(t: torch.Tensor, dim: int = T_FEATURES) -> torch.Tensor:
    """Sinusoidal features of the step t: sin and cos of t at dim / 2 frequencies, (n,) -> (n, dim)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = t.float()[:, None] * freqs[None]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class ResidualBlock(nn.Module):
    """h + MLP(LayerNorm(h) + A c): the condition c (time and label) enters every block."""

    def __init__(self, width: int):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.cond = nn.Linear(width, width)
        self.fc1 = nn.Linear(width, 2 * width)
        self.fc2 = nn.Linear(2 * width, width)
        nn.init.zeros_(self.fc2.weight)     # each block starts as the identity
        nn.init.zeros_(self.fc2.bias)

    def forward(self, h, c):
        return h + self.fc2(F.silu(self.fc1(self.norm(h) + self.cond(c))))


class Denoiser(nn.Module):
    """eps_theta(z_t, t, y): the noise in a noisy code z_t (n, k) at step t (n,) for label y (n,); y = 10: no label."""

    def __init__(self, k: int = K, width: int = WIDTH, blocks: int = BLOCKS, n_classes: int = N_CLASSES):
        super().__init__()
        self.null = n_classes
        self.inp = nn.Linear(k, width)
        self.time = nn.Sequential(nn.Linear(T_FEATURES, width), nn.SiLU(), nn.Linear(width, width))
        self.label = nn.Embedding(n_classes + 1, width)
        self.blocks = nn.ModuleList(ResidualBlock(width) for _ in range(blocks))
        self.out = nn.Sequential(nn.LayerNorm(width), nn.SiLU(), nn.Linear(width, k))

    def forward(self, z, t, y):
        c = F.silu(self.time(time_features(t)) + self.label(y))
        h = self.inp(z)
        for block in self.blocks:
            h = block(h, c)
        return self.out(h)


def train_denoiser(model, Z, y, steps=STEPS, batch=BATCH, lr=LR, p_null=P_NULL, seed=0, desc="denoiser"):
    """DDPM training on standardised codes Z (n, k) with labels y (n,); returns (EMA copy, losses per step)."""
    from tqdm.auto import tqdm

    g = torch.Generator().manual_seed(seed)
    abar = alpha_bars()
    ema = copy.deepcopy(model).eval().requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for step in tqdm(range(1, steps + 1), desc=desc, mininterval=1.0):
        warm = min(1.0, step / WARMUP)
        cosine = LR_FLOOR + (1 - LR_FLOOR) * 0.5 * (1 + math.cos(math.pi * max(0, step - WARMUP) / (steps - WARMUP)))
        for group in opt.param_groups:
            group["lr"] = lr * warm * cosine
        i = torch.randint(0, len(Z), (batch,), generator=g)
        z0, label = Z[i], y[i].clone()
        label[torch.rand(batch, generator=g) < p_null] = model.null          # classifier-free: forget the label
        t = torch.randint(0, T, (batch,), generator=g)
        eps = torch.randn(z0.shape, generator=g)
        zt = abar[t].sqrt()[:, None] * z0 + (1 - abar[t]).sqrt()[:, None] * eps   # q(z_t | z_0) in closed form
        loss = F.mse_loss(model(zt, t, label), eps)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            decay = min(EMA, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm, alpha=1 - decay)
        losses.append(loss.item())
    return ema, losses


@torch.no_grad()
def ddim_sample(model, zT, y=None, w=GUIDANCE, steps=SAMPLE_STEPS):
    """Deterministic DDIM (eta = 0) from noise zT (n, k) in `steps` model calls; y None: unconditional."""
    abar = alpha_bars()
    ts = [int(round(x)) for x in np.linspace(T - 1, 0, steps)]
    n = len(zT)
    null = torch.full((n,), model.null, dtype=torch.long)
    z = zT
    for i, t in enumerate(ts):
        tt = torch.full((n,), t, dtype=torch.long)
        if y is None:
            eps = model(z, tt, null)
        else:
            y = torch.as_tensor(y, dtype=torch.long)
            e_c, e_u = model(torch.cat([z, z]), torch.cat([tt, tt]), torch.cat([y, null])).chunk(2)
            eps = (1 + w) * e_c - w * e_u
        a, a_next = abar[t], (abar[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0))
        z0 = (z - (1 - a).sqrt() * eps) / a.sqrt()                  # the current guess of the clean code
        z = a_next.sqrt() * z0 + (1 - a_next).sqrt() * eps
    return z


# ----------------------------------------------------------------------------- the checkpoints
def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [AE_CHECKPOINT, LDM_CHECKPOINT]


def _half(module: nn.Module) -> dict:
    return {k: v.half() for k, v in module.state_dict().items()}


def _autoencoder(out_dir: Path) -> ConvAutoencoder16:
    """The autoencoder just made in out_dir (when there), else the shipped one."""
    path = Path(out_dir) / AE_CHECKPOINT
    state = (lh.load_checkpoint(path, lh.sha256_file(path)) if path.is_file() else lh.load_pretrained(AE_CHECKPOINT))
    ae = ConvAutoencoder16()
    ae.load_state_dict({k: v.float() for k, v in state["model"].items()})
    return ae.eval()


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    d = lh.load_mnist5k(flatten=True)
    X_train, X_test = torch.tensor(d.X_train), torch.tensor(d.X_test)
    start, cpu = time.perf_counter(), time.process_time()
    if name == AE_CHECKPOINT:
        lh.seed_everything(0)
        ae = ConvAutoencoder16()
        hist = lh.fit(ae, bce_loss, X_train, epochs=AE_EPOCHS, lr=1e-3, batch_size=64, desc=name)
        half = _half(ae)
        ae.load_state_dict({k: v.float() for k, v in half.items()})      # measure what the notebook loads
        ae.eval()
        with torch.no_grad():
            mse = float(((ae(X_test) - X_test) ** 2).mean())
        lh.save_checkpoint({"model": half, "history": {"loss": list(hist["loss"])}, "epochs": AE_EPOCHS,
                            "train_seconds": {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}},
                           Path(out_dir) / name)
        return {"metric": "held-out MSE per pixel", "value": mse}
    if name != LDM_CHECKPOINT:
        raise ValueError(f"this script makes {names()}, not {name!r}")
    ae = _autoencoder(out_dir)
    with torch.no_grad():
        codes = ae.encoder(X_train)
    mean, std = codes.mean(0), codes.std(0)
    lh.seed_everything(0)
    model = Denoiser()
    ema, losses = train_denoiser(model, (codes - mean) / std, torch.tensor(d.y_train), desc=name)
    state = {"model": _half(ema), "code_mean": mean, "code_std": std,
             "history": {"loss": np.asarray(losses).reshape(-1, 100).mean(1).tolist()},   # means over 100 steps
             "recipe": {"k": K, "width": WIDTH, "blocks": BLOCKS, "T": T, "schedule": "linear 1e-4..0.02",
                        "p_null": P_NULL, "steps": STEPS, "batch": BATCH, "lr": LR, "ema": EMA,
                        "sample_steps": SAMPLE_STEPS, "guidance": GUIDANCE, "autoencoder": AE_CHECKPOINT},
             "train_seconds": {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}}
    ema.load_state_dict({k: v.float() for k, v in state["model"].items()})   # measure what the notebook loads
    zT = torch.randn(1000, K, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        samples = ae.decoder(ddim_sample(ema, zT) * std + mean).reshape(-1, 28, 28).numpy()
    fd = DigitScorer.pretrained().frechet_distance(samples, d.X_test.reshape(-1, 28, 28))
    lh.save_checkpoint(state, Path(out_dir) / name)
    return {"metric": "Frechet distance of 1,000 unconditional samples (DDIM, 25 steps) to the held-out digits "
                      "(digit scorer's features)", "value": float(fd)}
