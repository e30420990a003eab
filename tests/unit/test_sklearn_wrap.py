import numpy as np
import pytest
import torch
import torch.nn as nn
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

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
    assert torch.equal(model.encoder.weight, w) and torch.equal(ae.model_.encoder.weight, w)
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
    with pytest.raises(NotFittedError, match="fit"):
        AutoencoderTransformer(Linear()).transform(X)
    ae = AutoencoderTransformer(Linear(), epochs=0).fit(X)
    with pytest.raises(ValueError, match="rows of shape"):
        ae.transform(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="2 dimensions"):
        ae.inverse_transform(np.zeros(2))
    with pytest.raises(ValueError, match="NaN"):
        ae.transform(np.full((2, 6), np.nan))


# ------------------------------------------------------------------ scikit-learn's rules (issue #8)
def test_fit_trains_a_fresh_copy_and_never_changes_the_parameters():
    model = Linear()
    w = model.encoder.weight.detach().clone()
    ae = AutoencoderTransformer(model, mse, epochs=5, lr=1e-2, progress=False)
    params = ae.get_params()
    ae.fit(_data(100))
    assert ae.model_ is not model and torch.equal(model.encoder.weight, w)  # the model given is untouched
    assert ae.get_params() == params
    first = ae.transform(_data(10, seed=1))
    ae.fit(_data(100))  # a second fit starts again from the weights given: the same result
    assert np.array_equal(ae.transform(_data(10, seed=1)), first)
    assert ae.set_params(epochs=0).fit(_data(100)).model_.encoder.weight.equal(w)
    assert not hasattr(ae, "history_")


class VAE(nn.Module):
    def __init__(self, d=6, k=2):
        super().__init__()
        self.enc = nn.Linear(d, 2 * k)
        self.dec = nn.Linear(k, d)

    def encode(self, x):
        h = self.enc(x)
        return h.chunk(2, dim=1)  # (mu, logvar)

    def decode(self, z):
        return torch.sigmoid(self.dec(z))

    def forward(self, x):
        mu, logvar = self.encode(x)
        return self.decode(mu), mu, logvar


def vae_loss(model, batch):
    x = batch[0]
    x_hat, mu, logvar = model(x)
    return ((x_hat - x) ** 2).sum(1).mean() - 0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(1).mean()


@pytest.mark.parametrize("encode, decode", [("encode", "decode"), (None, None)])
def test_a_vae_gives_mu_as_its_code(encode, decode):
    vae = VAE()
    X = np.random.default_rng(0).random((30, 6)).astype(np.float32)
    enc, dec = (encode, decode) if encode else (vae.encode, vae.decode)
    ae = AutoencoderTransformer(vae, vae_loss, epochs=2, progress=False, encode=enc, decode=dec).fit(X)
    Z = ae.transform(X)
    with torch.no_grad():
        mu = ae.model_.encode(torch.from_numpy(X))[0].numpy()
    assert Z.shape == (30, 2) and np.allclose(Z, mu, atol=1e-6)
    assert ae.inverse_transform(Z).shape == (30, 6)


def test_code_width_and_function_parts_are_checked():
    ae = AutoencoderTransformer(Linear(), epochs=0).fit(_data(20))
    with pytest.raises(ValueError, match="Z must have 2 columns"):
        ae.inverse_transform(np.zeros((3, 5)))
    assert ae.transform(_data(4).reshape(4, 2, 3)).shape == (4, 2)  # same values per row: accepted
    with pytest.raises(ValueError, match="encode is a function outside the model"):
        model = Linear()
        AutoencoderTransformer(model, mse, epochs=1, encode=lambda x: model.encoder(x), progress=False).fit(_data(20))
    with pytest.raises(ValueError, match="no method or submodule called 'enc'"):
        AutoencoderTransformer(Linear(), epochs=0, encode="enc").fit(_data(20))
    with pytest.raises(TypeError, match="decode must be"):
        AutoencoderTransformer(Linear(), epochs=0, decode=3).fit(_data(20))
    for kwargs, error in (({"seed": None}, TypeError), ({"lr": 0}, ValueError), ({"progress": "no"}, TypeError),
                          ({"batch_size": 0}, ValueError), ({"epochs": 2.5}, ValueError)):
        with pytest.raises(error, match=list(kwargs)[0]):
            AutoencoderTransformer(Linear(), mse, **kwargs).fit(_data(20))


class _Tied(nn.Module):
    """A decoder that shares the encoder's weights, so the toy autoencoder fits any number of features."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, z):
        return z @ self.encoder.weight


class AnyWidth(nn.Module):
    """Built lazily at the first batch, as scikit-learn's checks use data of many widths."""

    def __init__(self, k=2):
        super().__init__()
        self.encoder = nn.LazyLinear(k, bias=False)
        self.decoder = _Tied(self.encoder)

    def forward(self, x):
        return self.decoder(self.encoder(x))


# Every one of scikit-learn's estimator checks applies and passes; none is marked as an expected
# failure. (scikit-learn itself skips its array-API check unless SCIPY_ARRAY_API is set: the wrapper
# takes numpy arrays and tensors, not other array libraries.) The lazily built toy model lets the
# checks use data of any width, as they do.
class _Mse:
    """``mse`` with the same repr in every process: the estimator's repr is part of each check's test id, which
    must be the same in every run (a function's repr holds its address; pytest-xdist's workers, for one,
    refuse to run when their ids differ)."""

    def __call__(self, model, batch):
        return mse(model, batch)

    def __repr__(self):
        return "mse"


@parametrize_with_checks([AutoencoderTransformer(AnyWidth(), _Mse(), epochs=2, batch_size=16, progress=False)])
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
