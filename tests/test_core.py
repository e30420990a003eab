import random

import numpy as np
import pytest
import torch

import latent_helpers as lh
from latent_helpers.core import record_metric


def test_setup_makes_random_streams_repeat():
    lh.setup(seed=123, quiet=True)
    first = (random.random(), np.random.rand(), torch.rand(1).item())
    lh.setup(seed=123, quiet=True)
    second = (random.random(), np.random.rand(), torch.rand(1).item())
    assert first == second
    lh.setup(seed=124, quiet=True)
    assert (random.random(), np.random.rand(), torch.rand(1).item()) != first


def test_setup_sets_threads_and_returns_a_device(capsys):
    device = lh.setup(seed=0, threads=1)
    assert torch.get_num_threads() == 1
    assert device.type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert "Seed 0, 1 threads" in capsys.readouterr().out
    lh.setup(seed=0, threads=2, quiet=True)
    assert torch.get_num_threads() == 2


@pytest.mark.parametrize("kwargs, error", [
    ({"seed": -1}, ValueError), ({"seed": 2**32}, ValueError), ({"seed": "0"}, TypeError),
    ({"seed": 1.5}, TypeError), ({"threads": 0}, ValueError), ({"threads": "2"}, ValueError),
])
def test_setup_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error):
        lh.setup(quiet=True, **kwargs)


def test_record_metric_writes_only_under_the_benchmark(tmp_path, monkeypatch):
    target = tmp_path / "m.jsonl"
    monkeypatch.delenv("LATENT_METRICS_FILE", raising=False)
    assert record_metric("a_b", 1.5) == 1.5
    assert not target.exists()
    monkeypatch.setenv("LATENT_METRICS_FILE", str(target))
    record_metric("ae_pca_ratio", np.float32(0.25))
    record_metric("other", 2)
    lines = target.read_text().splitlines()
    assert lines == ['{"key": "ae_pca_ratio", "value": 0.25}', '{"key": "other", "value": 2.0}']


@pytest.mark.parametrize("key", ["", "has space", "dash-ed", None])
def test_record_metric_rejects_bad_keys(key):
    with pytest.raises(ValueError, match="key"):
        record_metric(key, 1.0)
