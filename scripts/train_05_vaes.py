"""Train the VAEs that notebook 05 loads, all seeded, all with Adam (lr 1e-3), batch 128:

- ``vae05_k2.pt``    our VAE with a 2-number latent space on MNIST-5k (the manifold map);
- ``vae05_k20.pt``   our VAE with 20 latent numbers;
- ``vae05_ref_k20.pt`` the reference VAE written the way pytorch/examples (vae/main.py) writes it:
  784-400-20, sigmoid output, summed BCE + KL; the same split, epochs, batch size and optimiser;
- ``vae05_furniture_beta1.pt`` / ``vae05_furniture_beta4.pt``: our VAE on 3,000 chairs and desks
  (32 x 32 colour, ``make_furniture(3000, seed=0)``) with beta = 1 and beta = 4.

Weights are stored as float16 (half the size); the notebook turns them back into float32.

    .venv/bin/python scripts/train_05_vaes.py     # a few minutes on 2 cores
"""
from __future__ import annotations

import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import latent_helpers as lh
from latent_helpers.checkpoints import CHECKPOINT_DIR, record_checkpoint

EPOCHS_DIGITS = 50
EPOCHS_FURNITURE = 40
BETAS = (1.0, 4.0)
FURNITURE_LATENT = 10


class VAE(nn.Module):
    """The notebook's VAE (same names and layers as in notebooks/src/05_variational_autoencoders.py)."""

    def __init__(self, k: int, n_in: int = 784, hidden: int = 400):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU())
        self.to_mu = nn.Linear(hidden, k)
        self.to_logvar = nn.Linear(hidden, k)
        self.decoder = nn.Sequential(nn.Linear(k, hidden), nn.ReLU(), nn.Linear(hidden, n_in))

    def encode(self, x):
        h = self.body(x)
        return self.to_mu(h), self.to_logvar(h)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar


def vae_loss(model, batch, beta: float = 1.0):
    x = batch[0]
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / len(x)
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp()) / len(x)
    return {"loss": recon + beta * kl, "recon": recon, "kl": kl}


class RefVAE(nn.Module):
    """pytorch/examples' VAE (vae/main.py), unchanged."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def ref_loss(model, batch):
    x = batch[0]
    recon_x, mu, logvar = model(x)
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return {"loss": (BCE + KLD) / len(x), "recon": BCE / len(x), "kl": KLD / len(x)}


def save(name: str, model: nn.Module, hist, **extra) -> None:
    state = {"model": {k: v.half() for k, v in model.state_dict().items()},
             "history": {k: list(v) for k, v in hist.terms.items()}, **extra}
    sha = lh.save_checkpoint(state, CHECKPOINT_DIR / name)
    record_checkpoint(name, sha, "python scripts/train_05_vaes.py")
    print(name, {k: round(v[-1], 2) for k, v in hist.terms.items()}, f"{hist.seconds:.0f} s", flush=True)


def main() -> None:
    lh.setup(seed=0, threads=1)  # one thread: a shared 2-core machine slows multi-threaded torch badly
    only = set(sys.argv[1:])
    d = lh.load_mnist5k(flatten=True)
    X_train, X_test = torch.tensor(d.X_train), torch.tensor(d.X_test)
    digit_jobs = [("vae05_k2.pt", lambda: VAE(2), vae_loss), ("vae05_k20.pt", lambda: VAE(20), vae_loss),
                  ("vae05_ref_k20.pt", RefVAE, ref_loss)]
    for name, make, loss in digit_jobs:
        if only and name not in only:
            continue
        lh.seed_everything(0)
        model = make()
        hist = lh.fit(model, loss, X_train, epochs=EPOCHS_DIGITS, lr=1e-3, batch_size=128,
                      val_data=X_test, desc=name)
        save(name, model, hist, epochs=EPOCHS_DIGITS)
    furniture = lh.make_furniture(3000, seed=0)
    Xf = torch.tensor(furniture.images.reshape(len(furniture), -1))
    for beta in BETAS:
        name = f"vae05_furniture_beta{beta:g}.pt"
        if only and name not in only:
            continue
        lh.seed_everything(0)
        model = VAE(FURNITURE_LATENT, n_in=Xf.shape[1], hidden=128)
        hist = lh.fit(model, lambda m, b, beta=beta: vae_loss(m, b, beta), Xf, epochs=EPOCHS_FURNITURE,
                      lr=1e-3, batch_size=128, desc=name)
        save(name, model, hist, epochs=EPOCHS_FURNITURE, beta=beta)


if __name__ == "__main__":
    main()
