
import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

import latent_helpers as lh
from latent_helpers.images import as_images


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# ---------------------------------------------------------------------------------------------
# one image or a batch: the rule of the module doc


@pytest.mark.parametrize("shape, want", [
    ((28, 28), (1, 28, 28)),          # one digit (28 is not a square number)
    ((16, 16), (1, 16, 16)),          # square arrays are one image, even when the side is a square number
    ((64, 64), (1, 64, 64)),
    ((4, 4), (1, 4, 4)),
    ((10, 784), (10, 28, 28)),        # ten flat digits
    ((5, 25), (5, 5, 5)),             # five flat 5 x 5 toy images
    ((1, 784), (1, 28, 28)),
    ((3, 4), (1, 3, 4)),              # 4 = 2 x 2 is too small to be a flat image
    ((28, 56), (1, 28, 56)),          # a wide picture
    ((784,), (1, 28, 28)),            # one flat digit
    ((32, 32, 3), (1, 32, 32, 3)),    # one colour picture, channels last
    ((28, 28, 1), (1, 28, 28)),
    ((3, 32, 32), (3, 32, 32)),       # three grey pictures (a batch), not one channels-first image
    ((1, 3, 32, 32), (1, 32, 32, 3)), # one colour picture, channels first, as a batch of one
    ((1, 28, 28), (1, 28, 28)),
    ((7, 28, 28), (7, 28, 28)),       # a batch of grey images
    ((2, 1, 5, 5), (2, 5, 5)),
    ((2, 3, 5, 5), (2, 5, 5, 3)),
    ((2, 5, 5, 3), (2, 5, 5, 3)),
])
def test_single_image_or_batch(shape, want):
    assert as_images(np.random.rand(*shape)).shape == want


def test_each_single_layout_gives_the_same_picture():
    g = np.random.default_rng(0)
    hwc = g.random((32, 32, 3)).astype(np.float32)
    np.testing.assert_array_equal(lh.image_grid(hwc), hwc)
    np.testing.assert_array_equal(lh.image_grid(hwc.transpose(2, 0, 1)[None]), hwc)
    np.testing.assert_array_equal(lh.image_grid(torch.tensor(hwc).permute(2, 0, 1)[None]), hwc)
    grey = hwc[..., 0]
    np.testing.assert_array_equal(lh.image_grid(grey.ravel()), grey)
    np.testing.assert_array_equal(lh.image_grid(grey[None]), grey)


def test_three_grey_images_as_a_list_or_with_a_channel_axis():
    g = np.random.default_rng(1)
    three = g.random((3, 28, 28)).astype(np.float32)
    assert as_images(three).shape == (3, 28, 28)  # the documented reading: three grey images
    assert as_images(list(three)).shape == (3, 28, 28)
    assert as_images(three[:, None]).shape == (3, 28, 28)
    assert lh.image_grid([torch.tensor(x) for x in three], nrow=3).shape == (30, 88)
    with pytest.raises(ValueError, match="same shape"):
        as_images([np.zeros((4, 4)), np.zeros((5, 5))])


def test_show_images_shows_one_image_whole():
    digit = np.random.rand(28, 28)
    ax = lh.show_images(digit)
    assert ax.images[0].get_array().shape == (28, 28)
    chair = np.random.rand(32, 32, 3)
    ax = lh.show_images(chair)
    assert ax.images[0].get_array().shape == (32, 32, 3)


# ---------------------------------------------------------------------------------------------
# value ranges


def test_ranges_are_detected_and_scaled():
    g = np.random.default_rng(2)
    imgs = g.random((4, 8, 8)).astype(np.float32)
    imgs[0, 0, 0], imgs[0, 0, 1] = 0.0, 1.0
    want = lh.image_grid(imgs, nrow=2)
    np.testing.assert_allclose(lh.image_grid(imgs * 255, nrow=2), want, atol=1e-6)
    np.testing.assert_allclose(lh.image_grid(np.round(imgs * 255).astype(np.uint8), nrow=2), want, atol=1 / 255)
    np.testing.assert_allclose(lh.image_grid(2 * imgs - 1, nrow=2), want, atol=1e-6)
    np.testing.assert_allclose(lh.image_grid(torch.tensor(2 * imgs - 1), nrow=2), want, atol=1e-6)
    # a dark 0-255 picture (max 40) is still 0-255 when its dtype says so
    dark = np.full((8, 8), 40, np.uint8)
    assert lh.image_grid(dark).max() == pytest.approx(40 / 255)
    # PCA-style overshoot is [0, 1], clipped
    over = imgs * 2.0 - 0.5
    assert lh.image_grid(over).min() == 0.0 and lh.image_grid(over).max() == 1.0


def test_value_range_can_be_given():
    imgs = np.linspace(-0.2, 0.6, 32, dtype=np.float32).reshape(2, 4, 4)
    assert lh.image_grid(imgs, value_range="tanh").min() == pytest.approx(0.4)
    np.testing.assert_allclose(lh.image_grid(imgs, value_range=(-0.2, 0.6))[1:5, 1:5].ravel(),
                               np.linspace(0, 1, 32)[:16], atol=1e-6)
    with pytest.raises(ValueError, match="value_range"):
        lh.image_grid(imgs, value_range="0-1")


def test_logits_are_refused_with_a_hint():
    with pytest.raises(ValueError, match="sigmoid"):
        lh.show_images(np.linspace(-8, 8, 64).reshape(1, 8, 8))


# ---------------------------------------------------------------------------------------------
# image_grid and show_images


def test_image_grid_tiles_images_in_rows():
    imgs = np.stack([np.full((4, 4), i / 5) for i in range(6)])
    grid = lh.image_grid(imgs, nrow=3, padding=1)
    assert grid.shape == (1 + 2 * 5, 1 + 3 * 5)
    # the image at row 1, column 2 (index 5) sits at rows 6..9, columns 11..14
    assert np.allclose(grid[6:10, 11:15], 1.0)
    assert np.allclose(grid[1:5, 6:10], 0.2)


@pytest.mark.parametrize("n, nrow, padding, channels", [(7, 3, 2, 1), (10, 10, 1, 3), (5, 8, 0, 1), (1, 4, 1, 3)])
def test_image_grid_matches_torchvision_make_grid(n, nrow, padding, channels):
    from torchvision.utils import make_grid

    imgs = torch.rand(n, channels, 5, 6, generator=torch.Generator().manual_seed(n))
    want = make_grid(imgs, nrow=nrow, padding=padding, pad_value=0.5).numpy()
    want = want[0] if channels == 1 else np.transpose(want, (1, 2, 0))
    assert np.allclose(lh.image_grid(imgs, nrow=nrow, padding=padding, pad_value=0.5), want)


@pytest.mark.parametrize("shape", [(3, 16), (3, 4, 4), (3, 1, 4, 4), (3, 4, 4, 3), (3, 3, 4, 4)])
def test_image_grid_accepts_common_layouts(shape):
    images = torch.rand(shape)
    grid = lh.image_grid(images, nrow=3)
    assert grid.shape[:2] == (6, 16)
    assert grid.ndim == (3 if 3 in shape[1:] and len(shape) == 4 else 2)


@pytest.mark.parametrize("images, error, match", [
    (np.zeros(15), ValueError, "square number"),
    (np.zeros((2, 3, 4, 5, 6)), ValueError, "dimensions"),
    (np.zeros((2, 5, 4, 4)), ValueError, "1 or 3 channels"),
    (np.zeros((0, 4, 4)), ValueError, "empty"),
    (np.array([[[np.nan]]]), ValueError, "NaN"),
    ("not images", TypeError, "numbers"),
    (None, TypeError, "images must be an array"),
    (np.zeros((4, 4)) + 1j, (TypeError, ValueError), "real"),
])
def test_image_grid_rejects_bad_images(images, error, match):
    with pytest.raises(error, match=match):
        lh.image_grid(images)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(nrow=0), ValueError, "nrow must be an int >= 1, got 0"),
    (dict(nrow=2.5), TypeError, "nrow"),
    (dict(padding=-1), ValueError, "padding must be an int >= 0, got -1"),
    (dict(padding=True), TypeError, "padding"),
    (dict(pad_value=2.0), ValueError, "pad_value"),
    (dict(pad_value="white"), TypeError, "pad_value"),
])
def test_image_grid_rejects_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        lh.image_grid(np.zeros((2, 4, 4)), **kwargs)


def test_show_images_labels_rows():
    ax = lh.show_images(np.random.rand(6, 5, 5), nrow=3, title="t", row_labels=["a", "b"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_title() == "t"
    _, ax2 = plt.subplots()
    assert lh.show_images(np.random.rand(3, 784), ax=ax2) is ax2


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(row_labels=["a"]), ValueError, "one label per row"),
    (dict(row_labels="ab"), TypeError, "row_labels must be a list"),
    (dict(nrow=0), ValueError, "nrow"),
    (dict(title=3), TypeError, "title"),
    (dict(size=0), ValueError, "size"),
    (dict(ax="axes"), TypeError, "ax must be a matplotlib Axes"),
])
def test_show_images_rejects_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        lh.show_images(np.random.rand(6, 5, 5), **{"nrow": 3, **kwargs})


def test_show_images_says_which_axes_to_pass():
    _, axes = plt.subplots(1, 2)
    with pytest.raises(TypeError, match=r"axes\[0\]"):
        lh.show_images(np.random.rand(2, 5, 5), ax=axes)


# ---------------------------------------------------------------------------------------------
# scatters


def test_scatter2d_colours_by_label_with_legend():
    pts = np.random.rand(30, 2)
    ax = lh.scatter2d(pts, np.repeat([0, 1, 2], 10), title="codes")
    assert len(ax.collections) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["0", "1", "2"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("z0", "z1")  # the course numbers dimensions from 0
    assert len(lh.scatter2d(torch.rand(5, 2, requires_grad=True)).collections) == 1


@pytest.mark.parametrize("fn, args, kwargs, error, match", [
    ("scatter2d", (np.zeros((4, 3)),), {}, ValueError, "2 columns"),
    ("scatter2d", (np.zeros((4, 2)), [0, 1]), {}, ValueError, "must match"),
    ("scatter2d", (np.zeros((2, 2)), [0.5, 1.0]), {}, TypeError, "whole-number"),
    ("scatter2d", (np.array([[0.0, np.nan]]),), {}, ValueError, "NaN"),
    ("scatter2d", (np.zeros((2, 2)),), dict(ax=[1]), TypeError, "ax must be a matplotlib Axes"),
    ("scatter2d", (np.zeros((2, 2)),), dict(alpha=2), ValueError, "alpha"),
    ("scatter2d", (np.zeros((2, 2)),), dict(s=-1), ValueError, "s must be"),
    ("scatter2d", (np.zeros((2, 2)),), dict(cmap="rainbowz"), ValueError, "cmap"),
    ("scatter2d", (np.zeros((2, 2)),), dict(xlabel=None), TypeError, "xlabel"),
    ("scatter3d", (np.zeros((4, 2)),), {}, ValueError, "3 columns"),
    ("scatter3d", (np.zeros((4, 3)),), dict(axis_labels=("a", "b")), ValueError, "three names"),
    ("scatter3d", (np.zeros((4, 3)), [0, 1, 2]), {}, ValueError, "must match"),
    ("scatter3d", (np.zeros((4, 3)),), dict(elev="up"), TypeError, "elev"),
])
def test_scatter_rejects_bad_input(fn, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        getattr(lh, fn)(*args, **kwargs)


def test_scatter3d_draws_each_class_and_needs_3d_axes():
    ax = lh.scatter3d(np.random.rand(20, 3), np.repeat([0, 1], 10), axis_labels=("a", "b", "c"))
    assert len(ax.collections) == 2 and ax.get_zlabel() == "c"
    assert lh.scatter3d(np.random.rand(5, 3)).get_xlabel() == "z0"
    _, flat = plt.subplots()
    with pytest.raises(TypeError, match="3-D Axes"):
        lh.scatter3d(np.random.rand(5, 3), ax=flat)


# ---------------------------------------------------------------------------------------------
# plot_history


def test_plot_history_draws_each_curve():
    ax = lh.plot_history({"loss": [3, 2, 1], "val_loss": [3.5, 2.5, 2]})
    assert len(ax.lines) == 2
    assert list(ax.lines[0].get_ydata()) == [3, 2, 1]


def test_plot_history_takes_one_key_as_a_string():
    ax = lh.plot_history({"loss": [3, 2, 1], "kl": [1, 1, 1]}, keys="loss")
    assert [line.get_label() for line in ax.lines] == ["loss"]


def test_plot_history_takes_a_history_scalars_and_tensors():
    from latent_helpers.training import History

    h = History()
    for v in (3.0, 2.0):
        h.add("loss", v)
    assert list(lh.plot_history(h).lines[0].get_ydata()) == [3.0, 2.0]
    w = torch.tensor(2.0, requires_grad=True)
    ax = lh.plot_history({"loss": [w * 2, w * 1.5], "kl": w * 3, "recon": 0.5,
                          "val": torch.tensor([1.0, 0.5], requires_grad=True) * 1})
    ys = {line.get_label(): line.get_ydata().tolist() for line in ax.lines}
    assert ys == {"loss": [4.0, 3.0], "kl": [6.0], "recon": [0.5], "val": [1.0, 0.5]}
    assert lh.plot_history({"loss": [1.0, float("nan")]}).lines[0].get_ydata().shape == (2,)  # a diverged run


@pytest.mark.parametrize("history, kwargs, error, match", [
    ({"loss": [1]}, dict(keys=["kl"]), ValueError, r"keys names \['kl'\], which the history does not have; it has \['loss'\]"),
    ({"loss": [1]}, dict(keys="kl"), ValueError, r"keys names \['kl'\]"),
    ({}, {}, ValueError, "non-empty"),
    ([1, 2, 3], {}, TypeError, "history must be a History"),
    ({"loss": [1]}, dict(keys=[]), ValueError, "keys is empty"),
    ({"loss": [1]}, dict(keys=3), TypeError, "keys must be"),
    ({"loss": ["a", "b"]}, {}, TypeError, r"history\['loss'\] must be numbers"),
    ({"loss": [[1, 2], [3, 4]]}, {}, ValueError, "one number per epoch"),
    ({"loss": []}, {}, ValueError, "empty"),
    ({"loss": [1.0, -1.0]}, dict(logy=True), ValueError, "logy=True needs positive"),
    ({"loss": [1.0]}, dict(logy="yes"), TypeError, "logy"),
    ({"loss": [1.0]}, dict(ax=np.zeros(2)), TypeError, "ax"),
])
def test_plot_history_rejects_bad_input(history, kwargs, error, match):
    with pytest.raises(error, match=match):
        lh.plot_history(history, **kwargs)
