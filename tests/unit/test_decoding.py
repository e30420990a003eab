
import numpy as np
import pytest
import torch
from torch import nn

from latent_helpers.decoding import Decoder, as_decoder
from latent_helpers.images import detect_range, image_layout, to_unit_range


class _Recorder(nn.Module):
    """Returns sigmoid images (n, 1, 4, 4); records its mode and input type at each call."""

    def __init__(self, k=3):
        super().__init__()
        self.lin = nn.Linear(k, 16)
        self.seen = []

    def forward(self, z):
        self.seen.append((self.training, type(z), z.dtype, torch.is_grad_enabled()))
        return torch.sigmoid(self.lin(z)).view(-1, 1, 4, 4)

    def decode(self, z):
        return self.forward(z)


@pytest.mark.parametrize("bound", [False, True])
def test_module_and_bound_method_run_in_eval_mode_without_grad_and_restore_the_mode(bound):
    model = _Recorder()
    model.train()
    dec = as_decoder(model.decode if bound else model)
    assert dec.module is model
    out = dec(np.zeros((2, 3)))
    assert out.shape == (2, 4, 4) and out.dtype == np.float32
    assert model.seen == [(False, torch.Tensor, torch.float32, False)]
    assert model.training  # train mode is back
    model.eval()
    dec(np.zeros(3))
    assert not model.training  # and eval mode stays eval


def test_module_gets_codes_in_its_own_dtype():
    model = _Recorder().double()
    out = as_decoder(model)(np.zeros((1, 3), np.float32))
    assert model.seen[-1][2] == torch.float64 and out.dtype == np.float32


def test_numpy_only_callable_gets_numpy():
    seen = []

    def decode(Z):
        assert isinstance(Z, np.ndarray), "numpy only"
        seen.append(Z.dtype)
        return np.tile(Z[:, :1], (1, 9))

    dec = as_decoder(decode)
    assert dec(np.full((2, 2), 0.5)).shape == (2, 3, 3)
    assert dec(torch.zeros(2)).shape == (1, 3, 3)  # codes as a tensor reach it as numpy
    assert seen == [np.float32, np.float32]


def test_torch_only_callable_gets_a_tensor_and_that_is_remembered():
    calls = []

    def decode(Z):
        calls.append(type(Z))
        return torch.sigmoid(Z @ torch.ones(2, 16)).view(-1, 4, 4)  # numpy @ tensor raises TypeError

    dec = as_decoder(decode)
    assert dec(np.zeros((3, 2))).shape == (3, 4, 4)
    assert calls == [np.ndarray, torch.Tensor]
    dec(np.zeros((1, 2)))
    assert calls[-1] is torch.Tensor and len(calls) == 3  # no second numpy attempt


def test_a_real_error_in_a_numpy_decoder_is_not_hidden():
    def decode(Z):
        raise RuntimeError("the decoder's own bug")

    with pytest.raises(RuntimeError, match="own bug"):
        as_decoder(decode)(np.zeros((1, 2)))


def test_output_that_requires_grad_is_fine():
    w = torch.ones(2, 16, requires_grad=True)
    out = as_decoder(lambda Z: torch.sigmoid(torch.as_tensor(Z) @ w))(np.zeros((1, 2)))
    assert out.shape == (1, 4, 4)


@pytest.mark.parametrize("shape, want", [
    ((2, 784), (2, 28, 28)),
    ((2, 28, 28), (2, 28, 28)),
    ((2, 1, 28, 28), (2, 28, 28)),
    ((2, 28, 28, 1), (2, 28, 28)),
    ((2, 3, 32, 32), (2, 32, 32, 3)),
    ((2, 32, 32, 3), (2, 32, 32, 3)),
])
def test_each_layout(shape, want):
    g = np.random.default_rng(0)
    img = g.random(shape).astype(np.float32)
    img.flat[0], img.flat[1] = 0.0, 1.0
    dec = as_decoder(lambda Z: img[: len(Z)])
    out = dec(np.zeros((2, 5)))
    assert out.shape == want
    np.testing.assert_allclose(np.sort(out.ravel()), np.sort(img.ravel()))  # same values, only moved
    assert dec.raw(np.zeros((2, 5))).shape == shape


@pytest.mark.parametrize("scale, mode", [
    (lambda x: x, "unit"),
    (lambda x: 2 * x - 1, "tanh"),
    (lambda x: x * 255, "bytes"),
    (lambda x: np.round(x * 255).astype(np.uint8), "bytes"),
])
def test_ranges_are_detected_on_the_first_call_and_kept(scale, mode):
    base = np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 16)
    dec = as_decoder(lambda Z: scale(np.repeat(base, len(Z), axis=0)))
    out = dec(np.zeros((1, 2)))
    assert dec._mode == mode
    np.testing.assert_allclose(out.ravel(), base.ravel(), atol=1 / 255)
    # later frames keep the first frame's scale (a dark tanh frame must not turn into "unit")
    dark = as_decoder(lambda Z: scale(np.repeat(base, len(Z), axis=0) * float(Z[0, 0])))
    dark(np.ones((1, 2)))
    np.testing.assert_allclose(dark(np.full((1, 2), 0.5)).ravel(), 0.5 * base.ravel(), atol=1 / 255)


def test_logits_raise_saying_apply_sigmoid():
    dec = as_decoder(lambda Z: np.linspace(-9, 7, 16)[None].repeat(len(Z), 0))
    with pytest.raises(ValueError, match="apply torch.sigmoid"):
        dec(np.zeros((1, 2)))
    # saying how the values are scaled is the way out
    out = as_decoder(lambda Z: np.linspace(-9, 7, 16)[None].repeat(len(Z), 0), value_range=(-9, 7))(np.zeros(2))
    assert out.min() == 0.0 and out.max() == 1.0


@pytest.mark.parametrize("fn, error, match", [
    (lambda Z: np.full((len(Z), 4, 4), np.nan), ValueError, "NaN"),
    (lambda Z: np.full((len(Z), 4, 4), np.inf), ValueError, "NaN or infinite"),
    (lambda Z: np.zeros((len(Z) + 1, 4, 4)), ValueError, "one image per code"),
    (lambda Z: np.zeros((4, 4)), ValueError, "one image per code"),
    (lambda Z: np.zeros(len(Z)), ValueError, "one image per code"),
    (lambda Z: (torch.zeros(len(Z), 4, 4), torch.zeros(len(Z), 2)), TypeError, "tuple"),
    (lambda Z: (np.zeros((len(Z), 4, 4)),), TypeError, "tuple"),
    (lambda Z: [torch.zeros(4, 4)] * len(Z), TypeError, "list"),
    (lambda Z: "an image", TypeError, "numbers"),
    (lambda Z: None, TypeError, "numbers"),
    (lambda Z: np.zeros((len(Z), 5)), ValueError, "square number of pixels"),
    (lambda Z: np.zeros((len(Z), 2, 4, 4)), ValueError, "got shape"),
])
def test_bad_decoder_output(fn, error, match):
    with pytest.raises(error, match=match):
        as_decoder(fn)(np.zeros((2, 3)))


@pytest.mark.parametrize("codes, error, match", [
    (np.zeros((2, 2, 2)), ValueError, "codes must have 1 or 2 dimensions"),
    ([np.nan, 0.0], ValueError, "NaN"),
    ("z", TypeError, "codes must be an array"),
    (np.zeros((0, 2)), ValueError, "empty"),
])
def test_bad_codes(codes, error, match):
    with pytest.raises(error, match=match):
        as_decoder(lambda Z: np.zeros((len(Z), 4, 4)))(codes)


def test_bad_decoder_and_value_range():
    with pytest.raises(TypeError, match="decode must be a torch module or a function"):
        as_decoder("decoder")
    with pytest.raises(ValueError, match="value_range must be one of"):
        as_decoder(lambda Z: Z, value_range="percent")
    with pytest.raises(ValueError, match="lo < hi"):
        as_decoder(lambda Z: Z, value_range=(1, 0))


def test_a_decoder_of_a_decoder_is_the_same_decoder():
    inner = as_decoder(lambda Z: np.zeros((len(Z), 4, 4)), value_range="tanh")
    outer = Decoder(inner)
    assert outer.fn is inner.fn and outer.value_range == "tanh"
    assert "tanh" in repr(outer)


@pytest.mark.parametrize("lo, hi, want", [
    (0.0, 1.0, "unit"), (-0.1, 1.1, "unit"), (0.2, 0.4, "unit"), (-0.55, 1.54, "unit"), (0.0, 1.8, "unit"),
    (-1.0, 1.0, "tanh"), (-0.99, 0.2, "tanh"),
    (0.0, 255.0, "bytes"), (3.0, 40.0, "bytes"),
])
def test_detect_range(lo, hi, want):
    assert detect_range(lo, hi) == want


@pytest.mark.parametrize("lo, hi, error, match", [
    (-9.0, 7.0, ValueError, "sigmoid"),
    (-1.5, 0.5, ValueError, "expected"),
    (0.0, 300.0, ValueError, "0-255"),
    (float("nan"), 1.0, ValueError, "finite"),
    (1.0, 0.0, ValueError, "lo must be <= hi"),
    ("0", 1.0, TypeError, "lo must be a number"),
])
def test_detect_range_rejects(lo, hi, error, match):
    with pytest.raises(error, match=match):
        detect_range(lo, hi)


def test_to_unit_range():
    np.testing.assert_allclose(to_unit_range(np.array([0, 127.5, 255]), "bytes"), [0, 0.5, 1])
    np.testing.assert_allclose(to_unit_range(np.array([-0.2, 0.5, 1.3])), [0, 0.5, 1])  # clipped
    np.testing.assert_allclose(to_unit_range(np.array([2.0, 4.0]), (2, 4)), [0, 1])
    with pytest.raises(ValueError, match="value_range"):
        to_unit_range(np.zeros(2), "percent")
    with pytest.raises(ValueError, match="pair"):
        to_unit_range(np.zeros(2), (0, 1, 2))


def test_image_layout_rejects_what_is_not_a_batch_of_images():
    with pytest.raises(ValueError, match="square number"):
        image_layout(np.zeros((2, 10)))
    with pytest.raises(ValueError, match="got shape"):
        image_layout(np.zeros((2, 5, 5, 5)))
    with pytest.raises(ValueError, match="got shape"):
        image_layout(np.zeros(5))
