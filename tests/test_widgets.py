import ipywidgets as W
import numpy as np
import pytest
import torch

from latent_helpers.widgets import Interpolator, LatentSliders, LivePlot, measure_latency


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


def test_latent_sliders_first_frame_and_redraw():
    w = LatentSliders(_decode_rgb, np.array([0.0, 0.0, 0.5]), title="toy")
    assert isinstance(w, LivePlot) and w.png.startswith(b"\x89PNG") and w.renders == 1
    assert list(w.controls) == ["z0", "z1", "z2"]
    bundle = w._repr_mimebundle_()
    assert "image/png" in bundle
    first = w.png
    w.controls["z1"].value = 2.5
    assert w.png != first and w.renders == 2
    np.testing.assert_allclose(w.code, [0.0, 2.5, 0.5])
    second = w.png
    w.controls["z0"].value = -2.0
    assert w.png != second


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
    # default: at most 10 sliders
    assert len(LatentSliders(_decode_gray_torch, base).controls) == 10
    # a base value outside the range widens the range rather than clipping the start
    w2 = LatentSliders(_decode_gray_torch, np.array([5.0]), ranges=(-1, 1))
    assert w2.controls["z0"].max == 5.0 and w2.code[0] == 5.0


def test_latent_sliders_bad_arguments():
    with pytest.raises(TypeError, match="decode"):
        LatentSliders("nope", np.zeros(2))
    with pytest.raises(ValueError, match="1 dimensions"):
        LatentSliders(_decode_rgb, np.zeros((2, 2)))
    with pytest.raises(ValueError, match="between 0 and 1"):
        LatentSliders(_decode_rgb, np.zeros(2), dims=[2])
    with pytest.raises(ValueError, match="repeat"):
        LatentSliders(_decode_rgb, np.zeros(2), dims=[0, 0])
    with pytest.raises(ValueError, match="shape"):
        LatentSliders(_decode_rgb, np.zeros(2), ranges=[[0, 1], [0, 1], [0, 1]])
    with pytest.raises(ValueError, match="lo < hi"):
        LatentSliders(_decode_rgb, np.zeros(2), ranges=(1, -1))
    with pytest.raises(ValueError, match="one label per slider"):
        LatentSliders(_decode_rgb, np.zeros(2), names=["a"])
    with pytest.raises(ValueError, match=r"\(n, H, W\)"):  # decoder returning the wrong shape
        LatentSliders(lambda Z: np.zeros((len(Z), 5)), np.zeros(2))


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


def test_interpolator_walks_the_path_2d():
    g = np.random.default_rng(0)
    pts = g.standard_normal((3000, 2))
    labels = (pts[:, 0] > 0).astype(int)
    way = np.array([[0.4, 0.5], [0.45, 0.45], [0.6, 0.75]]) * 4 - 2
    it = Interpolator(_decode_rgb, way, map_points=pts, map_labels=labels, label_names=["chair", "desk"],
                      title="walk")
    assert not it.map_is_pca and it.png.startswith(b"\x89PNG")
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


def test_interpolator_projects_higher_dimensional_codes():
    g = np.random.default_rng(1)
    pts = g.standard_normal((500, 6)) * [5, 3, 0.1, 0.1, 0.1, 0.1]
    way = pts[:3]
    it = Interpolator(_decode_rgb, way, map_points=pts)
    assert it.map_is_pca
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


def test_interpolator_bad_arguments():
    with pytest.raises(ValueError, match="at least 2 waypoints"):
        Interpolator(_decode_rgb, [[0.0, 0.0]])
    with pytest.raises(ValueError, match="method"):
        Interpolator(_decode_rgb, [[0.0, 0.0], [1.0, 1.0]], method="bezier")
    with pytest.raises(ValueError, match="length 2"):
        Interpolator(_decode_rgb, [[0.0, 0.0], [1.0, 1.0]], map_points=np.zeros((5, 3)))
    with pytest.raises(ValueError, match="5 points"):
        Interpolator(_decode_rgb, [[0.0, 0.0], [1.0, 1.0]], map_points=np.zeros((5, 2)), map_labels=[0, 1])
    with pytest.raises(ValueError, match="label_names"):
        Interpolator(_decode_rgb, [[0.0, 0.0], [1.0, 1.0]], map_points=np.zeros((3, 2)), map_labels=[0, 1, 2],
                     label_names=["a", "b"])
    with pytest.raises(TypeError, match="decode"):
        Interpolator(None, [[0.0, 0.0], [1.0, 1.0]])


def test_redraws_are_fast():
    g = np.random.default_rng(0)
    pts = g.standard_normal((2000, 2))
    it = Interpolator(_decode_rgb, pts[:3], map_points=pts, map_labels=(pts[:, 0] > 0).astype(int))
    sl = LatentSliders(_decode_rgb, np.zeros(2))
    times = measure_latency(steps=8, plots=[it, sl])
    # generous: the goal is a median under 50 ms on an idle machine; tests share the CPU
    assert np.median(times) < 150, times


def test_interpolator_frames_leave_no_trace_of_earlier_ones():
    """The map is cached and only the moving parts are redrawn: a frame reached through other
    frames must be pixel-identical to the same frame reached directly."""
    from io import BytesIO

    from PIL import Image

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
    pixels = lambda w: np.asarray(Image.open(BytesIO(w.png)))
    np.testing.assert_array_equal(pixels(direct), pixels(walked))
    assert not np.array_equal(pixels(direct), np.asarray(Image.open(BytesIO(Interpolator(_decode_rgb, way, map_points=pts).png))))
