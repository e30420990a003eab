import math

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
    assert h.seconds > 0 and "15 epochs" in repr(h)
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
    with pytest.raises(TypeError, match="scalar"):
        lh.fit(_autoencoder(), lambda m, b: m(b[0]), _data(), progress=False)
    with pytest.raises(TypeError, match="'loss'"):
        lh.fit(_autoencoder(), lambda m, b: {"recon": _mse(m, b)}, _data(), progress=False)


def test_fit_stops_with_advice_when_the_loss_explodes():
    x = _data() * 1e30
    with pytest.raises(FloatingPointError, match="smaller lr"):
        lh.fit(_autoencoder(), _mse, x, epochs=3, lr=10.0, progress=False)
