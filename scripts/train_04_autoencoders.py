"""Train the autoencoders that notebook 04 loads, from the classes and recipes notebook 04 teaches.

MLP autoencoders with 2, 8 and 32 latent numbers, a small convolutional autoencoder (8) and a
denoising autoencoder (32), all on MNIST-5k's 4,000 training digits, seeded. The models, losses
and epochs are the notebook's own ``# %% export`` cells (``lh.taught("04_autoencoders")``): there
is no second copy to keep in step. Run through ``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py ae04_conv_k8.pt     # one of them
"""
from __future__ import annotations

from pathlib import Path

import torch

import latent_helpers as lh

PREFIX = "ae04_"


def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [f"{PREFIX}{name}.pt" for name in lh.taught("04_autoencoders").RECIPES]


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    nb04 = lh.taught("04_autoencoders")
    make_model, loss, epochs = nb04.RECIPES[name.removeprefix(PREFIX).removesuffix(".pt")]
    d = lh.load_mnist5k(flatten=True)
    X_train, X_test = torch.tensor(d.X_train), torch.tensor(d.X_test)
    lh.seed_everything(0)
    model = make_model()
    hist = lh.fit(model, loss, X_train, epochs=epochs, lr=1e-3, batch_size=64, desc=name)
    model.eval()
    with torch.no_grad():
        mse = float(((model(X_test) - X_test) ** 2).mean())
    lh.save_checkpoint({"model": model.state_dict(), "history": {"loss": list(hist["loss"])}, "epochs": epochs},
                       Path(out_dir) / name)
    return {"metric": "held-out MSE per pixel", "value": mse}
