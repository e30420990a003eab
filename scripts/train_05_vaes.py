"""Train the VAEs that notebook 05 loads, from the classes and recipes notebook 05 teaches.

- ``vae05_k2.pt``, ``vae05_k20.pt``: our VAE with 2 and 20 latent numbers, on MNIST-5k's 4,000
  training digits binarised the notebook's way (``binarise``: a pixel above one half is ink);
- ``vae05_ref_k20.pt``: the reference VAE written the way pytorch/examples (vae/main.py) writes it,
  on the same binarised digits with the same budget;
- ``vae05_furniture_beta1.pt``, ``vae05_furniture_beta4.pt``: our VAE on 3,000 chairs and desks
  (32 x 32 colour, ``make_furniture(3000, seed=0)``) with beta = 1 and beta = 4.

The models, losses, epochs and the binarisation are the notebook's own ``# %% export`` cells
(``lh.taught("05_variational_autoencoders")``): there is no second copy to keep in step. All are
seeded, Adam with learning rate 0.001, batches of 128. Weights are stored as float16 (half the
size; the notebook turns them back into float32), and the held-out figure is measured on those
stored weights. Run through ``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py vae05_k2.pt vae05_k20.pt     # some of them
"""
from __future__ import annotations

from pathlib import Path

import torch

import latent_helpers as lh
from latent_helpers.metrics import heldout_neg_elbo

PREFIX = "vae05_"
NOTEBOOK = "05_variational_autoencoders"


def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [f"{PREFIX}{name}.pt" for name in lh.taught(NOTEBOOK).RECIPES]


def _data(kind: str, binarise) -> tuple[torch.Tensor, torch.Tensor]:
    """(training data, held-out data) as flat float tensors."""
    if kind == "digits":
        d = lh.load_mnist5k(flatten=True)
        return torch.from_numpy(binarise(d.X_train)), torch.from_numpy(binarise(d.X_test))
    if kind == "furniture":
        train, test = lh.make_furniture(3000, seed=0), lh.make_furniture(1000, seed=1)
        return (torch.tensor(train.images.reshape(len(train), -1)),
                torch.tensor(test.images.reshape(len(test), -1)))
    raise ValueError(f"unknown data kind {kind!r}")


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    nb05 = lh.taught(NOTEBOOK)
    make_model, loss, epochs, kind = nb05.RECIPES[name.removeprefix(PREFIX).removesuffix(".pt")]
    X_train, X_test = _data(kind, nb05.binarise)
    lh.seed_everything(0)
    model = make_model()
    hist = lh.fit(model, loss, X_train, epochs=epochs, lr=1e-3, batch_size=128,
                  val_data=X_test if kind == "digits" else None, desc=name)
    half = {k: v.half() for k, v in model.state_dict().items()}
    model.load_state_dict({k: v.float() for k, v in half.items()})   # measure what the notebook loads
    model.eval()
    elbo = heldout_neg_elbo(model.encode, model.decode, X_test.numpy(), n_samples=10, seed=0)
    state = {"model": half, "history": {k: list(v) for k, v in hist.terms.items()}, "epochs": epochs}
    lh.save_checkpoint(state, Path(out_dir) / name)
    metric = ("held-out -ELBO, nats per binarised digit" if kind == "digits"
              else "held-out BCE + KL per piece of furniture (grey-level pixels: a loss, not nats)")
    return {"metric": metric + " (10 samples of z)", "value": elbo.total}
