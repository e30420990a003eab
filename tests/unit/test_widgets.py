from io import BytesIO

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from latent_helpers.widgets import Interpolator, LatentSliders, LivePlot


def _decode_rgb(Z):
    """A toy decoder: brightness from z0, a bar whose height follows z1."""
    Z = np.asarray(Z)
    n = len(Z)
    img = np.ones((n, 16, 16, 3), np.float32) * np.clip(0.5 + Z[:, :1, None, None] / 6, 0, 1)
    for i, z in enumerate(Z):
        h = int(np.clip(8 + 2 * z[1], 1, 15))
        img[i, 16 - h:, 6:10, :] = [0.8, 0.1, 0.1]
    return img


def _decode_gray_torch(Z):
    return torch.sigmoid(torch.as_tensor(Z)[:, :1, None].repeat(1, 8, 8))


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


# ---------------------------------------------------------------------------------------------
# decoders under the one contract: no adapter in the notebook


class _VAE(nn.Module):
    """A small VAE-like model: .decode is a bound method, .decoder a module; BatchNorm fails on a
    batch of one in train mode, so these tests also show the decoder runs in eval mode."""

    def __init__(self, k=4, out=(784,)):
        super().__init__()
        torch.manual_seed(0)
        self.out = out
        self.decoder = nn.Sequential(nn.Linear(k, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, int(np.prod(out))),
                                     nn.Unflatten(1, out), nn.Sigmoid())

    def decode(self, z):
        return self.decoder(z)


def _conv_decoder(k=2):  # (n, k) -> (n, 1, 28, 28)
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(k, 49), nn.Unflatten(1, (1, 7, 7)), nn.ConvTranspose2d(1, 1, 4, stride=4),
                         nn.Sigmoid())


def _rgb_decoder(k=3):  # (n, k) -> (n, 3, 32, 32)
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(k, 3 * 32 * 32), nn.Unflatten(1, (3, 32, 32)), nn.Sigmoid())


@pytest.mark.parametrize("make, k, shape", [
    (lambda: _VAE(4).decode, 4, (28, 28)),                         # a bound method returning flat (n, 784)
    (lambda: _VAE(4).decoder, 4, (28, 28)),                        # the module itself
    (lambda: _conv_decoder(2), 2, (28, 28)),                       # conv, (n, 1, 28, 28)
    (lambda: _rgb_decoder(3), 3, (32, 32, 3)),                     # RGB, (n, 3, 32, 32)
    (lambda: _VAE(3, out=(16, 16, 3)).decode, 3, (16, 16, 3)),     # RGB channels last
])
def test_latent_sliders_take_torch_decoders_as_they_are(make, k, shape):
    decode = make()
    w = LatentSliders(decode, np.zeros(k, np.float32), ranges=(-2, 2))
    assert w.picture.shape == shape
    first = w.png
    w.controls["z0"].value = 1.5
    assert w.png != first and w.error is None
    module = getattr(decode, "__self__", decode)
    assert module.training  # eval only during the call


def test_sliders_and_interpolator_take_pca_inverse_transform():
    from sklearn.decomposition import PCA

    g = np.random.default_rng(0)
    X = np.clip(g.random((200, 1)) * np.linspace(0, 1, 784) + 0.1 * g.random((200, 784)), 0, 1)
    pca = PCA(n_components=5, random_state=0).fit(X)
    Z = pca.transform(X)
    w = LatentSliders(pca.inverse_transform, Z[0])
    assert w.picture.shape == (28, 28)
    it = Interpolator(pca.inverse_transform, Z[:3], map_points=Z)
    first = it.png
    it.controls["t"].value = 0.8
    assert it.png != first and it.map_is_pca


def test_gan_like_tanh_and_byte_decoders_are_scaled():
    """A [-1, 1] decoder and a 0-255 one draw the same picture as the [0, 1] one."""
    ramp = torch.linspace(0, 1, 64).view(1, 8, 8)

    def unit(Z):  # dark background (0) and bright strokes (1), like digits: ramp ** exp(z0)
        return ramp ** torch.exp(torch.as_tensor(Z)[:, :1, None])

    base = np.array([0.3, -0.2], np.float32)
    want = LatentSliders(unit, base).png
    tanh = lambda Z: unit(Z) * 2 - 1        # noqa: E731
    byte = lambda Z: (unit(Z) * 255).numpy()  # noqa: E731
    assert np.abs(_pixels(LatentSliders(tanh, base).png).astype(int) - _pixels(want)).max() <= 1
    assert np.abs(_pixels(LatentSliders(byte, base).png).astype(int) - _pixels(want)).max() <= 1
    assert LatentSliders(tanh, base, value_range="tanh").decoder.value_range == "tanh"


def test_logits_decoder_says_apply_sigmoid():
    torch.manual_seed(0)
    logits = nn.Sequential(nn.Linear(2, 784))
    with torch.no_grad():
        logits[0].bias.fill_(-8.0)
    with pytest.raises(ValueError, match="sigmoid"):
        LatentSliders(logits, np.zeros(2))
    with pytest.raises(ValueError, match="sigmoid"):
        Interpolator(logits, [[0.0, 0.0], [1.0, 1.0]])


# ---------------------------------------------------------------------------------------------
# LatentSliders


def test_latent_sliders_first_frame_and_redraw():
    w = LatentSliders(_decode_rgb, np.array([0.0, 0.0, 0.5]), title="toy")
    assert isinstance(w, LivePlot) and w.png.startswith(b"\x89PNG") and w.renders == 1
    assert list(w.controls) == ["z0", "z1", "z2"]  # named like Z[:, 0], Z[:, 1], ...
    assert "image/png" in w._repr_mimebundle_()
    first = w.png
    w.controls["z1"].value = 2.5
    assert w.png != first and w.renders == 2
    np.testing.assert_allclose(w.code, [0.0, 2.5, 0.5])
    second = w.png
    w.controls["z0"].value = -2.0
    assert w.png != second


def test_latent_sliders_draw_from_the_values_they_are_handed():
    w = LatentSliders(_decode_rgb, np.zeros(2))
    drawn = w.render({"z0": 2.0, "z1": -1.0})  # the controls are not moved
    assert w.controls["z0"].value == 0.0
    np.testing.assert_allclose(w.code_for({"z0": 2.0, "z1": -1.0}), [2.0, -1.0])
    w.controls["z0"].value, w.controls["z1"].value = 2.0, -1.0
    assert w.png == drawn


def test_latent_sliders_dims_ranges_names_and_torch_decoder():
    base = np.arange(12, dtype=np.float32) / 10
    w = LatentSliders(_decode_gray_torch, base, dims=[0, 5], ranges=[[-1, 1], [0, 2]], names=["size", "tilt"])
    assert list(w.controls) == ["size", "tilt"]
    assert (w.controls["tilt"].min, w.controls["tilt"].max) == (0.0, 2.0)
    w.controls["tilt"].value = 1.5
    z = w.code
    assert z[5] == pytest.approx(1.5) and z[1] == pytest.approx(0.1)  # other dims keep the base code
    first = w.png
    w.controls["size"].value = -0.9
    assert w.png != first
    # default: at most 10 sliders, named after their dimension
    assert list(LatentSliders(_decode_gray_torch, base).controls) == [f"z{k}" for k in range(10)]
    assert list(LatentSliders(_decode_gray_torch, base, dims=[3, 7]).controls) == ["z3", "z7"]
    # a base value outside the range widens the range rather than clipping the start
    w2 = LatentSliders(_decode_gray_torch, np.array([5.0]), ranges=(-1, 1))
    assert w2.controls["z0"].max == 5.0 and w2.code[0] == 5.0
    # base_code as a tensor that requires grad
    w3 = LatentSliders(_decode_gray_torch, torch.zeros(2, requires_grad=True))
    assert w3.code.shape == (2,)


@pytest.mark.parametrize("decode, kwargs, error, match", [
    ("nope", {}, TypeError, "decode must be"),
    (_decode_rgb, dict(base_code=np.zeros((2, 2))), ValueError, "base_code must have 1 dimensions"),
    (_decode_rgb, dict(base_code=[np.nan, 0.0]), ValueError, "NaN"),
    (_decode_rgb, dict(dims=[2]), ValueError, "between 0 and 1"),
    (_decode_rgb, dict(dims=[0, 0]), ValueError, "repeat"),
    (_decode_rgb, dict(dims=[]), ValueError, "dims is empty"),
    (_decode_rgb, dict(dims=[0.5]), TypeError, "ints"),
    (_decode_rgb, dict(dims="z0"), TypeError, "dims must be a list"),
    (_decode_rgb, dict(ranges=[[0, 1], [0, 1], [0, 1]]), ValueError, "shape"),
    (_decode_rgb, dict(ranges=(1, -1)), ValueError, "lo < hi"),
    (_decode_rgb, dict(names=["a"]), ValueError, "one label per slider"),
    (_decode_rgb, dict(names=["a", "a"]), ValueError, "distinct"),
    (_decode_rgb, dict(names="ab"), TypeError, "names"),
    (_decode_rgb, dict(image_size=0), ValueError, "image_size"),
    (_decode_rgb, dict(title=5), TypeError, "title"),
    (_decode_rgb, dict(value_range="0-255"), ValueError, "value_range"),
    (lambda Z: np.zeros((len(Z), 5)), {}, ValueError, "square number of pixels"),
    (lambda Z: np.zeros((1, 4, 4)) if len(Z) == 2 else np.zeros((3, 4, 4)), {}, ValueError, "one image per code"),
    (lambda Z: np.full((len(Z), 4, 4), np.nan), {}, ValueError, "NaN"),
    (lambda Z: (np.zeros((len(Z), 4, 4)), Z), {}, TypeError, "tuple"),
])
def test_latent_sliders_bad_arguments(decode, kwargs, error, match):
    kwargs = {"base_code": np.zeros(2), **kwargs}
    with pytest.raises(error, match=match):
        LatentSliders(decode, **kwargs)


def test_callback_errors_are_shown_and_reraised():
    def decode(Z):
        if Z[0, 0] > 1:
            raise RuntimeError("decoder exploded")
        return _decode_rgb(Z)

    w = LatentSliders(decode, np.zeros(2))
    with pytest.raises(RuntimeError, match="exploded"):
        w.controls["z0"].value = 2.0
    assert isinstance(w.error, RuntimeError) and "exploded" in w.message.value
    w.controls["z0"].value = 0.5
    assert w.error is None

    calls = {"n": 0}

    def flaky(Z):
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyError("second call fails")
        return _decode_rgb(Z)

    it = Interpolator(flaky, [[0.0, 0.0], [1.0, 1.0]])
    with pytest.raises(KeyError):
        it.controls["t"].value = 0.5
    assert it.error is not None


# ---------------------------------------------------------------------------------------------
# Interpolator


def test_interpolator_walks_the_path_2d():
    g = np.random.default_rng(0)
    pts = g.standard_normal((3000, 2))
    labels = (pts[:, 0] > 0).astype(int)
    way = np.array([[0.4, 0.5], [0.45, 0.45], [0.6, 0.75]]) * 4 - 2
    it = Interpolator(_decode_rgb, way, map_points=pts, map_labels=labels, label_names=["chair", "desk"],
                      title="walk")
    assert not it.map_is_pca and it.png.startswith(b"\x89PNG")
    ax_map = it._figure.axes[1]
    assert (ax_map.get_xlabel(), ax_map.get_ylabel()) == ("z0", "z1")
    assert [t.get_text() for t in ax_map.get_legend().get_texts()] == ["chair", "desk"]
    np.testing.assert_allclose(it.code, way[0], atol=1e-6)
    frames = {it.png}
    for t in (0.3, 0.6, 1.0):
        it.controls["t"].value = t
        frames.add(it.png)
    assert len(frames) == 4
    np.testing.assert_allclose(it.code, way[-1], atol=1e-6)
    it.controls["method"].value = "slerp"
    it.controls["t"].value = 0.5
    assert it.renders == 6 and it.error is None


def test_interpolator_draws_from_the_values_it_is_handed():
    way = np.array([[0.0, -2.0], [2.0, 2.0]])
    it = Interpolator(_decode_rgb, way)
    drawn = it.render({"t": 0.7, "method": "slerp"})
    assert it.controls["t"].value == 0.0
    np.testing.assert_allclose(it.code_at(0.7, "slerp"), it.code_at(0.7, "slerp"))
    it.controls["method"].value = "slerp"
    it.controls["t"].value = 0.7
    assert it.png == drawn


def test_interpolator_projects_higher_dimensional_codes():
    g = np.random.default_rng(1)
    pts = g.standard_normal((500, 6)) * [5, 3, 0.1, 0.1, 0.1, 0.1]
    way = pts[:3]
    it = Interpolator(_decode_rgb, way, map_points=pts)
    assert it.map_is_pca
    assert it._figure.axes[1].get_xlabel() == "PC1"
    p2 = it.project(pts)
    assert p2.shape == (500, 2)
    # the first two principal axes carry almost all the spread
    assert p2.var(axis=0).sum() > 0.98 * pts.var(axis=0).sum()
    first = it.png
    it.controls["t"].value = 0.7
    assert it.png != first
    # without map points the waypoints themselves define the plane
    it2 = Interpolator(_decode_rgb, g.standard_normal((2, 6)))
    it2.controls["t"].value = 0.4
    assert it2.error is None
    with pytest.raises(ValueError, match="6 columns"):
        it.project(np.zeros((3, 2)))


@pytest.mark.parametrize("waypoints, kwargs, error, match", [
    ([[0.0, 0.0]], {}, ValueError, "at least 2 waypoints"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(method="bezier"), ValueError, "method"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.zeros((5, 3))), ValueError, "length 2"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.full((5, 2), np.nan)), ValueError, "NaN"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.zeros((5, 2)), map_labels=[0, 1]), ValueError, "5 points"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_labels=[0, 1]), ValueError, "needs map_points"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.zeros((2, 2)), map_labels=[-1, 0]), ValueError, ">= 0"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.zeros((3, 2)), map_labels=[0, 1, 2], label_names=["a", "b"]),
     ValueError, "label_names"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(map_points=np.zeros((2, 2)), map_labels=[0, 1], label_names="ab"),
     TypeError, "label_names"),
    ([[0.0, 0.0], [1.0, 1.0]], dict(value_range=(1, 0)), ValueError, "lo < hi"),
])
def test_interpolator_bad_arguments(waypoints, kwargs, error, match):
    with pytest.raises(error, match=match):
        Interpolator(_decode_rgb, waypoints, **kwargs)
    with pytest.raises(TypeError, match="decode"):
        Interpolator(None, [[0.0, 0.0], [1.0, 1.0]])


def test_interpolator_frames_leave_no_trace_of_earlier_ones():
    """The map is cached and only the moving parts are redrawn: a frame reached through other
    frames must be pixel-identical to the same frame reached directly."""
    g = np.random.default_rng(2)
    pts = g.standard_normal((300, 2))
    way = pts[:3]
    direct = Interpolator(_decode_rgb, way, map_points=pts)
    direct.controls["t"].value = 0.5
    walked = Interpolator(_decode_rgb, way, map_points=pts)
    for t in (0.1, 0.9, 0.3, 0.5):
        walked.controls["t"].value = t
    walked.controls["method"].value = "slerp"
    walked.controls["method"].value = "lerp"
    np.testing.assert_array_equal(_pixels(direct.png), _pixels(walked.png))
    assert not np.array_equal(_pixels(direct.png), _pixels(Interpolator(_decode_rgb, way, map_points=pts).png))
