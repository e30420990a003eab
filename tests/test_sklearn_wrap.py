import numpy as np
import pytest
import torch
import torch.nn as nn
from sklearn.base import clone
from sklearn.decomposition import PCA

from latent_helpers.sklearn_wrap import AutoencoderTransformer


class Linear(nn.Module):
    def __init__(self, d=6, k=2):
        super().__init__()
        self.encoder = nn.Linear(d, k)
        self.decoder = nn.Linear(k, d)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def mse(model, batch):
    x = batch[0]
    return ((model(x) - x) ** 2).mean()


def _data(n=400, d=6, seed=0):
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 2))
    return (latent @ rng.normal(size=(2, d)) + 0.01 * rng.normal(size=(n, d))).astype(np.float32)


def test_training_reduces_error_towards_pca():
    torch.manual_seed(0)
    X = _data()
    ae = AutoencoderTransformer(Linear(), mse, epochs=150, lr=1e-2, batch_size=64, progress=False)
    before = float(np.mean((ae.set_params(epochs=0).fit(X).inverse_transform(ae.transform(X)) - X) ** 2))
    ae.set_params(epochs=150).fit(X)
    after = float(np.mean((ae.inverse_transform(ae.transform(X)) - X) ** 2))
    pca = PCA(2).fit(X)
    best = float(np.mean((pca.inverse_transform(pca.transform(X)) - X) ** 2))
    assert after < before / 10
    assert after < best * 5 + 1e-3
    assert len(ae.history_["loss"]) == 150


def test_epochs_zero_does_not_train_and_shapes_round_trip():
    model = Linear()
    w = model.encoder.weight.detach().clone()
    X = np.zeros((5, 2, 3), np.float32)  # rows are 2x3 "images"
    enc = lambda x: model.encoder(x.reshape(len(x), -1))
    ae = AutoencoderTransformer(model, epochs=0, encode=enc).fit(X)
    assert torch.equal(model.encoder.weight, w)
    Z = ae.transform(X)
    assert Z.shape == (5, 2) and Z.dtype == np.float32
    assert ae.inverse_transform(Z).shape == (5, 2, 3)
    assert ae.fit_transform(X).shape == (5, 2)


def test_clone_and_get_params():
    ae = AutoencoderTransformer(Linear(), mse, epochs=3)
    assert ae.get_params()["epochs"] == 3
    assert clone(ae).epochs == 3


def test_bad_inputs_raise_clear_errors():
    X = _data(20)
    with pytest.raises(TypeError, match="torch.nn.Module"):
        AutoencoderTransformer("not a model").fit(X)
    with pytest.raises(TypeError, match=r"\.encoder"):
        AutoencoderTransformer(nn.Linear(6, 6), epochs=0).fit(X)
    with pytest.raises(TypeError, match="loss_fn"):
        AutoencoderTransformer(Linear(), None, epochs=2).fit(X)
    with pytest.raises(ValueError, match="epochs"):
        AutoencoderTransformer(Linear(), mse, epochs=-1).fit(X)
    with pytest.raises(RuntimeError, match="fit"):
        AutoencoderTransformer(Linear()).transform(X)
    ae = AutoencoderTransformer(Linear(), epochs=0).fit(X)
    with pytest.raises(ValueError, match="rows of shape"):
        ae.transform(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="2 dimensions"):
        ae.inverse_transform(np.zeros(2))
    with pytest.raises(ValueError, match="NaN"):
        ae.transform(np.full((2, 6), np.nan))
