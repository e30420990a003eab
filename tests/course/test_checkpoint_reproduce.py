"""A shipped checkpoint can be made again from the notebook's own model source.

``make checkpoints`` re-trains every shipped file (15-20 minutes); here the fastest one is re-trained
(about half a minute) and must give the recorded bytes or its recorded held-out figure within 1%.
"""
from __future__ import annotations

import pytest

import make_checkpoints
from latent_helpers.checkpoints import read_manifest
from support import ROOT

FASTEST = "ae04_conv_k8.pt"


def test_every_shipped_checkpoint_has_a_maker_and_a_heldout_figure():
    manifest = read_manifest()
    makers = make_checkpoints.trainers()
    shipped = sorted(p.name for p in (ROOT / "data" / "checkpoints").glob("*.pt"))
    assert shipped, "no shipped checkpoints found"
    for name in shipped:
        assert name in manifest, f"{name} is shipped but not in the manifest"
        assert name in makers, f"{name}: no scripts/train_*.py makes it (names())"
        entry = manifest[name]
        assert entry.get("command") == "make checkpoints" and entry.get("script"), f"{name}: how it was made"
        assert isinstance(entry.get("heldout", {}).get("value"), float), f"{name}: no recorded held-out figure"


@pytest.mark.slow
def test_retrained_checkpoint_reproduces_the_recorded_one(tmp_path):
    entry = read_manifest()[FASTEST]
    makers = make_checkpoints.trainers()
    got = make_checkpoints.make(FASTEST, makers[FASTEST], tmp_path, record=False)
    if got["sha256"] == entry["sha256"]:
        return  # the very same bytes
    want, have = entry["heldout"]["value"], got["heldout"]["value"]
    assert abs(have - want) <= 0.01 * abs(want), (
        f"{FASTEST} re-trained: {entry['heldout']['metric']} {have:.5g}, recorded {want:.5g} (more than 1% apart)")
