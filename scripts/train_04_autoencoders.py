"""Train the autoencoders that notebook 04 loads: MLP autoencoders with 2, 8 and 32 latent numbers,
a small convolutional autoencoder (8) and a denoising autoencoder (32), all on MNIST-5k's 4,000
training digits. Seeded; writes data/checkpoints/ae04_*.pt and records their sha256 in the manifest.

    .venv/bin/python scripts/train_04_autoencoders.py            # about 3-5 minutes on 2 cores

The model classes are the ones written out in notebooks/src/04_autoencoders.py (same names, same
layers), so the notebook's own classes load these weights with ``load_state_dict(strict=True)``.
"""
from __future__ import annotations

import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import latent_helpers as lh
from latent_helpers.checkpoints import CHECKPOINT_DIR, record_checkpoint

EPOCHS_MLP = 60
EPOCHS_CONV = 30
EPOCHS_DENOISE = 60
NOISE = 0.5  # the denoising autoencoder sees x + N(0, 0.5^2), clipped to [0, 1]


class MLPAutoencoder(nn.Module):
    def __init__(self, k: int):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, k))
        self.decoder = nn.Sequential(nn.Linear(k, 64), nn.ReLU(), nn.Linear(64, 256), nn.ReLU(),
                                     nn.Linear(256, 784), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


class ConvAutoencoder(nn.Module):
    def __init__(self, k: int):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),   # 16 x 14 x 14
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),  # 32 x 7 x 7
            nn.Flatten(), nn.Linear(32 * 7 * 7, k))
        self.decoder = nn.Sequential(
            nn.Linear(k, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),  # 16 x 14 x 14
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1),              # 1 x 28 x 28
            nn.Flatten(), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def bce_loss(model, batch):
    x = batch[0]
    return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)


def denoise_loss(model, batch):
    x = batch[0]
    noisy = (x + NOISE * torch.randn_like(x)).clamp(0, 1)
    return F.binary_cross_entropy(model(noisy), x, reduction="sum") / len(x)


def main() -> None:
    lh.setup(seed=0, threads=1)  # one thread: a shared 2-core machine slows multi-threaded torch badly
    d = lh.load_mnist5k(flatten=True)
    X_train, X_test = torch.tensor(d.X_train), torch.tensor(d.X_test)
    jobs = [(f"ae04_mlp_k{k}.pt", lambda k=k: MLPAutoencoder(k), bce_loss, EPOCHS_MLP) for k in (2, 8, 32)]
    jobs += [("ae04_conv_k8.pt", lambda: ConvAutoencoder(8), bce_loss, EPOCHS_CONV),
             ("ae04_denoise_k32.pt", lambda: MLPAutoencoder(32), denoise_loss, EPOCHS_DENOISE)]
    only = set(sys.argv[1:])
    for name, make, loss, epochs in jobs:
        if only and name not in only:
            continue
        lh.seed_everything(0)
        model = make()
        hist = lh.fit(model, loss, X_train, epochs=epochs, lr=1e-3, batch_size=64, desc=name)
        with torch.no_grad():
            mse = float(((model(X_test) - X_test) ** 2).mean())
        print(f"{name}: held-out MSE {mse:.5f}, {hist.seconds:.0f} s")
        state = {"model": model.state_dict(), "history": {"loss": hist["loss"]}, "epochs": epochs}
        sha = lh.save_checkpoint(state, CHECKPOINT_DIR / name)
        record_checkpoint(name, sha, "python scripts/train_04_autoencoders.py")


if __name__ == "__main__":
    main()
