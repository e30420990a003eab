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
    with pytest.raises(ck.CheckpointError, match="weights_only=True") as info:
        ck.load_checkpoint(path, ck.sha256_file(path))
    assert "weights_only=False" not in str(info.value)  # the course never suggests it
    assert "evil.pt" in str(info.value)


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
    with pytest.raises(ValueError, match="Did you mean 'm.pt'"):
        ck.load_pretrained("m.pth", directory=tmp_path)


def test_shipped_checkpoints_match_their_manifest():
    # a missing or empty MANIFEST fails here (read_manifest raises), never passes with nothing checked
    entries = ck.read_manifest()
    assert entries, f"{ck.MANIFEST} lists no checkpoints"
    shipped = {p.name for p in ck.CHECKPOINT_DIR.glob("*.pt")}
    assert shipped <= set(entries), f"checkpoints not in the manifest: {sorted(shipped - set(entries))}"
    for name, entry in entries.items():
        assert (ck.CHECKPOINT_DIR / name).is_file(), f"{name} is in the manifest but not in data/checkpoints"
        assert ck.sha256_file(ck.CHECKPOINT_DIR / name) == entry["sha256"], name
        # the entry names the script that made it, and that script is in the repository
        scripts = [entry["script"]] if "script" in entry else [w for w in entry["command"].split() if w.endswith(".py")]
        assert scripts and (REPO_ROOT / scripts[0]).is_file(), f"{name}: no script in {entry!r}"


def test_save_stores_numpy_and_history_in_a_form_that_loads_safely(tmp_path):
    import numpy as np

    from latent_helpers.training import History

    h = History()
    h.add("loss", 0.5)
    state = {"w": np.arange(3.0), "n": np.int64(7), "x": np.float32(0.5), "history": h,
             "nested": [{"a": np.ones((2, 2), np.float32)}], "size": torch.Size([2]), "flag": True}
    sha = ck.save_checkpoint(state, tmp_path / "s.pt")
    back = ck.load_checkpoint(tmp_path / "s.pt", sha)
    assert torch.equal(back["w"], torch.arange(3.0, dtype=torch.float64))
    assert back["n"] == 7 and type(back["n"]) is int and back["x"] == 0.5
    assert back["history"] == {"loss": [0.5]}
    assert back["nested"][0]["a"].shape == (2, 2) and back["flag"] is True


def test_save_refuses_what_it_cannot_store_safely_and_writes_nothing(tmp_path):
    net = _net()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for state, match in (({"opt": opt}, r"state\['opt'\] is an optimizer.*optimizer.state_dict\(\)"),
                         ({"m": net}, r"state\['m'\] is a model.*state_dict\(\)"),
                         ({"f": _Opaque()}, r"state\['f'\] is a _Opaque"),
                         ({"a": [1, {"deep": slice(1, 2)}]}, r"state\['a'\]\[1\]\['deep'\] is a slice")):
        with pytest.raises(TypeError, match=match):
            ck.save_checkpoint(state, tmp_path / "bad.pt")
    assert not (tmp_path / "bad.pt").exists()
    # what the optimizer itself can give is fine
    sha = ck.save_checkpoint({"opt": opt.state_dict()}, tmp_path / "opt.pt")
    assert "param_groups" in ck.load_checkpoint(tmp_path / "opt.pt", sha)["opt"]


def test_damaged_files_get_a_message_that_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "net.pt"
    ck.save_checkpoint(_net().state_dict(), path)
    path.write_bytes(path.read_bytes()[:200])  # truncated, and its hash updated in the manifest
    with pytest.raises(ck.CheckpointError, match=r"net.pt could not be read.*truncated.*make checkpoints"):
        ck.load_checkpoint(path, ck.sha256_file(path))
    path.write_bytes(b"")
    with pytest.raises(ck.CheckpointError, match=r"net.pt is empty"):
        ck.load_checkpoint(path, ck.sha256_file(path))


def test_manifest_problems_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no manifest at .*MANIFEST.json.*git checkout"):
        ck.load_pretrained("m.pt", directory=tmp_path)
    manifest = tmp_path / "MANIFEST.json"
    manifest.write_text("{not json")
    with pytest.raises(ck.CheckpointError, match=r"MANIFEST.json is not valid JSON"):
        ck.load_pretrained("m.pt", directory=tmp_path)
    manifest.write_text(json.dumps({"m.pt": {"command": "make checkpoints"}}))
    with pytest.raises(ck.CheckpointError, match=r"'m.pt' .* has no sha256"):
        ck.load_pretrained("m.pt", directory=tmp_path)
    manifest.write_text("{}")
    with pytest.raises(KeyError, match="lists no checkpoints"):
        ck.load_pretrained("m.pt", directory=tmp_path)
    manifest.write_text("[1, 2]")
    with pytest.raises(ck.CheckpointError, match="must hold"):
        ck.read_manifest(manifest)
    assert ck.read_manifest(tmp_path / "absent.json", missing_ok=True) == {}


def test_load_pretrained_default_directory_is_looked_up_when_called(tmp_path, monkeypatch):
    sha = ck.save_checkpoint(_net().state_dict(), tmp_path / "m.pt")
    ck.record_checkpoint("m.pt", sha, "make checkpoints", manifest=tmp_path / "MANIFEST.json")
    monkeypatch.setattr(ck, "CHECKPOINT_DIR", tmp_path)
    assert set(ck.load_pretrained("m.pt")) == {"weight", "bias"}
    assert "m.pt" in ck.read_manifest()
