"""Train the digit scorer, the measuring instrument of notebook 06 (``latent_helpers.digit_scorer``).

A small CNN (``DigitCNN``) learns the 4,000 training digits of MNIST-5k, with the module's own
augmentation (shifts of up to 2 pixels, a quarter of the digits binarised) and loss
(``training_loss``), seeded; Adam with learning rate 0.001, batches of 64. Stored as float16; the
held-out figure is the accuracy of those stored weights on the 1,000 held-out digits. Run through
``make checkpoints`` (all shipped checkpoints) or:

    .venv/bin/python scripts/make_checkpoints.py digit_scorer.pt
"""
from __future__ import annotations

from pathlib import Path

import torch

import latent_helpers as lh
from latent_helpers.digit_scorer import CHECKPOINT, DigitCNN, DigitScorer, training_loss

EPOCHS = 20


def names() -> list[str]:
    """The checkpoint files this script makes."""
    return [CHECKPOINT]


def train(name: str, out_dir: Path) -> dict:
    """Train checkpoint ``name`` into ``out_dir``; return its held-out figure ``{"metric", "value"}``."""
    if name != CHECKPOINT:
        raise ValueError(f"this script makes {CHECKPOINT}, not {name!r}")
    d = lh.load_mnist5k()
    X_train = torch.tensor(d.X_train)[:, None]
    y_train = torch.tensor(d.y_train)
    lh.seed_everything(0)
    model = DigitCNN()
    hist = lh.fit(model, training_loss, (X_train, y_train), epochs=EPOCHS, lr=1e-3, batch_size=64, desc=name)
    half = {k: v.half() for k, v in model.state_dict().items()}
    model.load_state_dict({k: v.float() for k, v in half.items()})   # measure what the notebooks load
    accuracy = float((DigitScorer(model).predict(d.X_test) == d.y_test).mean())
    lh.save_checkpoint({"model": half, "history": hist.as_dict(), "epochs": EPOCHS}, Path(out_dir) / name)
    return {"metric": "accuracy on the 1,000 held-out digits", "value": accuracy}
