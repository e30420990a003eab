import hashlib
import json

import pytest
import torch

from latent_helpers import checkpoints as ck
from latent_helpers.core import REPO_ROOT


def _net():
    torch.manual_seed(0)
    return torch.nn.Linear(3, 2)


def test_save_and_load_round_trip_with_hash(tmp_path):
    net = _net()
    path = tmp_path / "sub" / "net.pt"
    sha = ck.save_checkpoint(net.state_dict(), path)
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
    state = ck.load_checkpoint(path, sha)
    other = torch.nn.Linear(3, 2)
    other.load_state_dict(state)
    assert torch.equal(other.weight, net.weight)


def test_load_refuses_a_changed_file(tmp_path):
    path = tmp_path / "net.pt"
    sha = ck.save_checkpoint(_net().state_dict(), path)
    path.write_bytes(path.read_bytes() + b"tampered")
    with pytest.raises(ck.ChecksumError, match="not the one recorded"):
        ck.load_checkpoint(path, sha)


def test_load_refuses_pickled_objects_even_with_the_right_hash(tmp_path):
    path = tmp_path / "evil.pt"
    torch.save({"obj": _Opaque()}, path)  # not plain tensors: weights_only must refuse it
    with pytest.raises(Exception, match="[Ww]eights"):
        ck.load_checkpoint(path, ck.sha256_file(path))


class _Opaque:
    pass


def test_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="state_dict"):
        ck.save_checkpoint(_net(), tmp_path / "x.pt")
    with pytest.raises(TypeError, match="dict"):
        ck.save_checkpoint([1, 2], tmp_path / "x.pt")
    with pytest.raises(ValueError, match="64-character"):
        ck.load_checkpoint(tmp_path / "x.pt", "abc")
    with pytest.raises(FileNotFoundError, match="train it yourself"):
        ck.load_checkpoint(tmp_path / "missing.pt", "0" * 64)


def test_manifest_records_and_loads_by_name(tmp_path):
    sha = ck.save_checkpoint(_net().state_dict(), tmp_path / "m.pt")
    manifest = tmp_path / "MANIFEST.json"
    ck.record_checkpoint("m.pt", sha, "python scripts/x.py", manifest=manifest)
    assert json.loads(manifest.read_text())["m.pt"]["command"] == "python scripts/x.py"
    state = ck.load_pretrained("m.pt", directory=tmp_path)
    assert set(state) == {"weight", "bias"}
    with pytest.raises(KeyError, match="known"):
        ck.load_pretrained("nope.pt", directory=tmp_path)


def test_shipped_checkpoints_match_their_manifest():
    entries = ck.read_manifest()
    for name, entry in entries.items():
        assert (ck.CHECKPOINT_DIR / name).is_file(), f"{name} is in the manifest but not in data/checkpoints"
        assert ck.sha256_file(ck.CHECKPOINT_DIR / name) == entry["sha256"], name
        # the command that made it names a script that is in the repository
        scripts = [w for w in entry["command"].split() if w.endswith(".py")]
        assert scripts and (REPO_ROOT / scripts[0]).is_file(), f"{name}: no script in {entry['command']!r}"
