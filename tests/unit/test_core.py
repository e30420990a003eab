import random

import numpy as np
import pytest
import torch

import latent_helpers as lh


def test_setup_makes_random_streams_repeat():
    lh.setup(seed=123, quiet=True)
    first = (random.random(), np.random.rand(), torch.rand(1).item())
    lh.setup(seed=123, quiet=True)
    second = (random.random(), np.random.rand(), torch.rand(1).item())
    assert first == second
    lh.setup(seed=124, quiet=True)
    assert (random.random(), np.random.rand(), torch.rand(1).item()) != first


def test_setup_sets_threads_and_returns_a_device(capsys, monkeypatch):
    monkeypatch.delenv("LATENT_SPACE_THREADS", raising=False)
    device = lh.setup(seed=0, threads=1)
    assert torch.get_num_threads() == 1
    assert device.type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert "Seed 0, 1 thread, device" in capsys.readouterr().out
    lh.setup(seed=0, threads=2)
    assert torch.get_num_threads() == 2
    assert "Seed 0, 2 threads, device" in capsys.readouterr().out


def test_the_environment_overrides_the_thread_count(monkeypatch):
    monkeypatch.setenv("LATENT_SPACE_THREADS", "1")
    lh.setup(seed=0, threads=2, quiet=True)
    assert torch.get_num_threads() == 1
    for bad in ("0", "two", "1.5"):
        monkeypatch.setenv("LATENT_SPACE_THREADS", bad)
        with pytest.raises(ValueError, match="LATENT_SPACE_THREADS"):
            lh.setup(seed=0, quiet=True)
    monkeypatch.delenv("LATENT_SPACE_THREADS")
    lh.setup(seed=0, threads=2, quiet=True)
    assert torch.get_num_threads() == 2


@pytest.mark.parametrize("kwargs, error", [
    ({"seed": -1}, ValueError), ({"seed": 2**32}, ValueError), ({"seed": "0"}, TypeError),
    ({"seed": 1.5}, TypeError), ({"threads": 0}, ValueError), ({"threads": "2"}, ValueError),
])
def test_setup_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error):
        lh.setup(quiet=True, **kwargs)


def test_setup_accepts_numpy_ints_and_one_seed_rule_everywhere():
    lh.setup(seed=np.int64(3), threads=np.int64(2), quiet=True)
    a = random.random()
    lh.seed_everything(np.uint32(3))
    assert random.random() == a
    assert lh.rng(np.int64(5)).random() == lh.rng(5).random()
    for bad, error in ((None, TypeError), (-1, ValueError), (2**32, ValueError), (np.float64(3.0), TypeError)):
        for call in (lambda: lh.setup(seed=bad, quiet=True), lambda: lh.seed_everything(bad), lambda: lh.rng(bad)):
            with pytest.raises(error, match="seed"):
                call()
