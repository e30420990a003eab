import math
import warnings

import numpy as np
import pytest
import torch
from torch.utils.data import TensorDataset

import latent_helpers as lh


def _autoencoder():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(8, 2), torch.nn.Linear(2, 8))


def _mse(model, batch):
    return ((model(batch[0]) - batch[0]) ** 2).mean()


def _data():
    g = torch.Generator().manual_seed(1)
    return torch.randn(200, 8, generator=g)


def test_fit_lowers_the_loss_and_records_history():
    model = _autoencoder()
    x = _data()
    before = lh.evaluate(model, _mse, x)["loss"]
    h = lh.fit(model, _mse, x, epochs=15, lr=1e-2, progress=False)
    assert len(h["loss"]) == 15
    assert h["loss"][-1] < h["loss"][0]
    assert lh.evaluate(model, _mse, x)["loss"] < before
    assert "15 epochs" in repr(h)  # no timing asserts: seconds depend on the machine
    assert not model.training  # left in eval mode


def test_fit_is_deterministic_for_a_seed():
    runs = []
    for _ in range(2):
        model = _autoencoder()
        runs.append(lh.fit(model, _mse, _data(), epochs=3, progress=False, seed=5)["loss"])
    assert runs[0] == runs[1]
    model = _autoencoder()
    assert lh.fit(model, _mse, _data(), epochs=3, progress=False, seed=6)["loss"] != runs[0]


def test_fit_records_every_term_and_validation():
    def loss(model, batch):
        recon = ((model(batch[0]) - batch[0]) ** 2).mean()
        reg = model[0].weight.pow(2).mean()
        return {"loss": recon + reg, "recon": recon, "reg": reg}

    x = _data()
    h = lh.fit(_autoencoder(), loss, x[:150], epochs=2, val_data=x[150:], progress=False)
    assert set(h.keys()) == {"loss", "recon", "reg", "val_loss", "val_recon", "val_reg"}
    assert math.isclose(h["loss"][0], h["recon"][0] + h["reg"][0], rel_tol=1e-5)


def test_fit_accepts_tuples_datasets_and_loaders():
    x = _data()
    y = torch.zeros(200, dtype=torch.long)
    model = _autoencoder()
    for data in ((x, y), TensorDataset(x, y), lh.make_loader((x, y), batch_size=50)):
        h = lh.fit(model, lambda m, b: _mse(m, b[:1]), data, epochs=1, progress=False)
        assert len(h["loss"]) == 1


@pytest.mark.parametrize("kwargs, error, match", [
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": 2.5}, TypeError, "epochs"),
    ({"lr": -1.0}, ValueError, "lr"),
    ({"lr": float("nan")}, ValueError, "lr"),
    ({"batch_size": 0}, ValueError, "batch_size"),
])
def test_fit_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        lh.fit(_autoencoder(), _mse, _data(), progress=False, **kwargs)


def test_fit_rejects_bad_data_and_model():
    with pytest.raises(TypeError, match="nn.Module"):
        lh.fit(lambda x: x, _mse, _data(), progress=False)
    with pytest.raises(TypeError, match="torch tensors"):
        lh.fit(_autoencoder(), _mse, [[1.0, 2.0]], progress=False)
    with pytest.raises(TypeError, match="data must be"):
        lh.fit(_autoencoder(), _mse, "digits", progress=False)
    with pytest.raises(ValueError, match="same length"):
        lh.fit(_autoencoder(), _mse, (torch.zeros(5, 8), torch.zeros(4)), progress=False)
    with pytest.raises(ValueError, match="empty"):
        lh.fit(_autoencoder(), _mse, torch.zeros(0, 8), progress=False)


def test_fit_rejects_a_loss_that_is_not_a_scalar():
    with pytest.raises(ValueError, match="scalar"):
        lh.fit(_autoencoder(), lambda m, b: m(b[0]), _data(), progress=False)
    with pytest.raises(TypeError, match="'loss'"):
        lh.fit(_autoencoder(), lambda m, b: {"recon": _mse(m, b)}, _data(), progress=False)


def test_fit_stops_with_advice_when_the_loss_explodes():
    x = _data() * 1e30
    with pytest.raises(FloatingPointError, match="smaller lr"):
        lh.fit(_autoencoder(), _mse, x, epochs=3, lr=10.0, progress=False)


# ------------------------------------------------------------------ issue #15: clear answers to bad input
def test_float64_numpy_data_is_converted_with_a_note_and_gives_the_same_fit():
    x = _data()
    with pytest.warns(UserWarning, match="float64"):
        h64 = lh.fit(_autoencoder(), _mse, x.double().numpy(), epochs=2, progress=False)
    h32 = lh.fit(_autoencoder(), _mse, x, epochs=2, progress=False)
    assert h64["loss"] == pytest.approx(h32["loss"], rel=1e-5)
    with pytest.warns(UserWarning, match="float64"):
        assert set(lh.evaluate(_autoencoder(), _mse, x.double())) == {"loss"}


def test_uint8_pixels_are_refused_with_advice():
    x = torch.randint(0, 255, (20, 8), dtype=torch.uint8)
    for call in (lambda: lh.fit(_autoencoder(), _mse, x, progress=False), lambda: lh.evaluate(_autoencoder(), _mse, x)):
        with pytest.raises(TypeError, match=r"uint8.*x.float\(\) / 255"):
            call()


def test_integer_features_into_a_float_model_get_a_dtype_message():
    x = torch.arange(80).reshape(10, 8)  # int64, e.g. forgot .float()
    with pytest.raises(TypeError, match=r"int64.*float32.*x.float\(\)"):
        lh.fit(_autoencoder(), _mse, x, progress=False)


def test_loss_dict_terms_may_be_floats_but_not_vectors_and_loss_must_have_a_gradient():
    def with_float_term(m, b):
        recon = _mse(m, b)
        return {"loss": recon, "kl": 0.25, "recon": recon.item()}

    h = lh.fit(_autoencoder(), with_float_term, _data(), epochs=2, progress=False)
    assert h["kl"] == [0.25, 0.25] and len(h["recon"]) == 2
    with pytest.raises(ValueError, match=r"'kl' has shape \(200, 8\).*\.mean\(\)"):
        lh.fit(_autoencoder(), lambda m, b: {"loss": _mse(m, b), "kl": (m(b[0]) - b[0]) ** 2}, _data(),
               batch_size=200, progress=False)
    with pytest.raises(ValueError, match="requires_grad"):
        lh.fit(_autoencoder(), lambda m, b: _mse(m, b).detach(), _data(), progress=False)
    with pytest.raises(TypeError, match=r"\.item\(\)"):
        lh.fit(_autoencoder(), lambda m, b: {"loss": _mse(m, b).item()}, _data(), progress=False)
    with pytest.raises(TypeError, match="forget `return`"):
        lh.fit(_autoencoder(), lambda m, b: None, _data(), progress=False)
    with pytest.raises(TypeError, match="'recon' must be one number"):
        lh.fit(_autoencoder(), lambda m, b: {"loss": _mse(m, b), "recon": "low"}, _data(), progress=False)


def test_device_moves_the_model_and_the_batches():
    """device= must move the model (on Colab, device='cuda' failed with a device mismatch).

    The 'meta' device reproduces a second device on a machine without a GPU."""
    model, seen = _autoencoder(), []

    def loss(m, b):
        seen.append((next(m.parameters()).device.type, b[0].device.type))
        return _mse(m, b)

    lh.fit(model, loss, _data(), epochs=1, batch_size=100, device="meta", progress=False)
    assert seen == [("meta", "meta")] * 2
    assert all(p.device.type == "meta" for p in model.parameters())
    assert set(lh.evaluate(model, loss, _data(), device=torch.device("meta"))) == {"loss"}


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_device_cuda_without_a_gpu_says_so():
    with pytest.raises(ValueError, match="no GPU"):
        lh.fit(_autoencoder(), _mse, _data(), device="cuda", progress=False)
    with pytest.raises(ValueError, match="device"):
        lh.fit(_autoencoder(), _mse, _data(), device="gpu0", progress=False)
    with pytest.raises(TypeError, match="device"):
        lh.fit(_autoencoder(), _mse, _data(), device=0.5, progress=False)


def test_evaluate_validates_like_fit():
    with pytest.raises(TypeError, match="nn.Module"):
        lh.evaluate(lambda x: x, _mse, _data())
    with pytest.raises(TypeError, match="loss_fn"):
        lh.evaluate(_autoencoder(), "mse", _data())
    bad = _data()
    bad[3, 2] = float("nan")
    for call in (lambda: lh.evaluate(_autoencoder(), _mse, bad), lambda: lh.fit(_autoencoder(), _mse, bad, progress=False)):
        with pytest.raises(ValueError, match="data contains NaN"):
            call()
    with pytest.raises(ValueError, match="val_data contains NaN"):
        lh.fit(_autoencoder(), _mse, _data(), val_data=bad, progress=False)
    with pytest.raises(FloatingPointError, match="NaN"):
        lh.evaluate(_autoencoder(), lambda m, b: _mse(m, b) * float("nan"), _data())


def test_seeds_follow_one_rule():
    """A whole number 0 <= seed < 2**32, numpy ints included; None is refused everywhere."""
    h = lh.fit(_autoencoder(), _mse, _data(), epochs=1, seed=np.int64(3), progress=False)
    assert len(h["loss"]) == 1
    for seed, error in ((None, TypeError), (-1, ValueError), (2**32, ValueError), (1.5, TypeError), (True, TypeError)):
        with pytest.raises(error, match="seed"):
            lh.fit(_autoencoder(), _mse, _data(), seed=seed, progress=False)
        with pytest.raises(error, match="seed"):
            lh.make_loader(_data(), seed=seed)


def test_make_loader_takes_numpy_and_refuses_odd_things():
    batch = next(iter(lh.make_loader((np.zeros((6, 2), np.float32), np.arange(6)), batch_size=4, shuffle=False)))
    assert batch[0].shape == (4, 2) and batch[1].tolist() == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="first dimension"):
        lh.make_loader(torch.tensor(3.0))
    with pytest.raises(TypeError, match="dtype <U1"):
        lh.make_loader(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="None"):
        lh.make_loader(None)
    with pytest.raises(TypeError, match="shuffle"):
        lh.make_loader(_data(), shuffle="yes")
