"""FamilyBlend (notebook 06): the slider and the dropdown change the picture; bad input is refused by name;
a failing caption or decoder shows its error."""
from io import BytesIO

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from latent_helpers.widgets import FamilyBlend


def _decode(Z):
    """A toy decoder of 2-D codes: a bar whose column follows z0 and whose brightness follows z1."""
    Z = np.asarray(Z)
    img = np.zeros((len(Z), 12, 12), np.float32)
    for i, (x, y) in enumerate(Z[:, :2]):
        col = int(np.clip(round(6 + 4 * x), 0, 11))
        img[i, 2:10, col] = np.clip(0.5 + y / 4, 0.1, 1.0)
    return img


def _tanh_generator(k=4):
    """A generator as notebook 06 writes one: codes (n, k) -> (n, 1, 8, 8) in [-1, 1], with BatchNorm."""
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(k, 64), nn.BatchNorm1d(64), nn.Unflatten(1, (1, 8, 8)), nn.Tanh())


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


A, B = np.array([-1.0, 0.5]), np.array([1.0, 2.0])


def test_slider_and_dropdown_change_the_picture():
    w = FamilyBlend(_decode, A, B, parents=(np.eye(12), np.eye(12)[::-1]), names=("3", "8"), title="family")
    assert w.png.startswith(b"\x89PNG") and w.error is None
    np.testing.assert_allclose(w.code, FamilyBlend(_decode, A, B).code_at(0.5, "slerp"), atol=1e-6)
    frames = {w.png}
    for t in (0.0, 0.3, 1.0):
        w.controls["t"].value = t
        frames.add(w.png)
    assert len(frames) == 4
    np.testing.assert_allclose(w.code, B, atol=1e-6)
    w.controls["t"].value = 0.5
    slerp_frame = w.png
    w.controls["method"].value = "lerp"
    assert w.png != slerp_frame
    np.testing.assert_allclose(w.code, (A + B) / 2, atol=1e-6)
    assert w.renders == 6 and w.error is None


def test_ends_are_the_two_codes_and_the_first_frame_shows_the_start():
    w = FamilyBlend(_decode, A, B, t=0.0, method="lerp")
    np.testing.assert_allclose(w.code, A, atol=1e-6)
    assert w.controls["t"].value == 0.0
    w.controls["t"].value = 1.0
    np.testing.assert_allclose(w.code, B, atol=1e-6)


def test_a_generator_is_passed_as_it_is_and_runs_in_eval_mode():
    G = _tanh_generator().train()
    g = torch.Generator().manual_seed(1)
    za, zb = torch.randn(4, generator=g), torch.randn(4, generator=g)
    w = FamilyBlend(G, za, zb, value_range="tanh")   # BatchNorm on a batch of one works only in eval mode
    w.controls["t"].value = 0.8
    assert w.error is None and G.training          # the widget puts the module back as it was


def test_caption_is_drawn_and_depends_on_the_child():
    seen = []

    def caption(img):
        seen.append(img.shape)
        return f"ink {img.sum():.1f}"

    w = FamilyBlend(_decode, A, B, caption=caption)
    assert seen == [(12, 12)] and w._caption.get_text().startswith("ink")
    first = w._caption.get_text()
    w.controls["t"].value = 1.0
    assert w._caption.get_text() != first


def test_frames_leave_no_trace_of_earlier_ones():
    direct = FamilyBlend(_decode, A, B, parents=(np.eye(12), np.eye(12)))
    direct.controls["t"].value = 0.25
    walked = FamilyBlend(_decode, A, B, parents=(np.eye(12), np.eye(12)))
    for t in (0.9, 0.1, 0.6, 0.25):
        walked.controls["t"].value = t
    walked.controls["method"].value = "lerp"
    walked.controls["method"].value = "slerp"
    np.testing.assert_array_equal(_pixels(direct.png), _pixels(walked.png))


def test_failing_caption_or_decoder_shows_its_error():
    def caption(img):
        if img.sum() > 7.5:
            raise RuntimeError("caption exploded")
        return "fine"

    w = FamilyBlend(_decode, A, B, caption=caption, t=0.0, method="lerp")
    with pytest.raises(RuntimeError, match="exploded"):
        w.controls["t"].value = 1.0
    assert isinstance(w.error, RuntimeError) and "exploded" in w.message.value
    w.controls["t"].value = 0.0
    assert w.error is None and w.message.value == ""

    with pytest.raises(ValueError, match="NaN"):
        FamilyBlend(lambda Z: np.full((len(Z), 4, 4), np.nan), A, B)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(code_b=[1.0, 2.0, 3.0]), ValueError, "same length"),
    (dict(code_a="0, 1"), TypeError, "code_a"),
    (dict(code_b=[[1.0, 2.0]]), ValueError, "code_b"),
    (dict(method="bezier"), ValueError, "method"),
    (dict(caption="label"), TypeError, "caption"),
    (dict(names=("a", "b", "c")), ValueError, "names"),
    (dict(names="ab"), ValueError, "names"),
    (dict(t=1.5), ValueError, "t must be"),
    (dict(t=True), ValueError, "t must be"),
    (dict(parents=(np.zeros((12, 12)),)), ValueError, "parents"),
    (dict(parents=(np.zeros((12, 12)), np.zeros((10, 10)))), ValueError, "same shape"),
    (dict(parents="ab"), ValueError, "parents"),
    (dict(value_range=(1, 0)), ValueError, "lo < hi"),
])
def test_bad_arguments_are_named(kwargs, error, match):
    args = dict(code_a=A, code_b=B)
    args.update(kwargs)
    with pytest.raises(error, match=match):
        FamilyBlend(_decode, **args)


def test_decode_must_be_a_decoder():
    with pytest.raises(TypeError, match="decode"):
        FamilyBlend(None, A, B)
