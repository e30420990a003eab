import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

import latent_helpers as lh


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


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
    grid = lh.image_grid(torch.rand(shape), nrow=3)
    assert grid.shape[:2] == (6, 16)
    assert grid.ndim == (3 if 3 in shape[1:] and len(shape) == 4 else 2)


@pytest.mark.parametrize("images, error, match", [
    (np.zeros((3, 15)), ValueError, "square"),
    (np.zeros(5), ValueError, "dimensions"),
    (np.zeros((2, 5, 4, 4)), ValueError, "channels"),
    (np.zeros((0, 4, 4)), ValueError, "empty"),
    (np.array([[[np.nan]]]), ValueError, "NaN"),
    ("not images", TypeError, "numbers"),
])
def test_image_grid_rejects_bad_images(images, error, match):
    with pytest.raises(error, match=match):
        lh.image_grid(images)


def test_image_grid_rejects_bad_nrow_and_padding():
    with pytest.raises(ValueError, match="nrow"):
        lh.image_grid(np.zeros((2, 4, 4)), nrow=0)
    with pytest.raises(ValueError, match="padding"):
        lh.image_grid(np.zeros((2, 4, 4)), padding=-1)


def test_show_images_labels_rows():
    ax = lh.show_images(np.random.rand(6, 5, 5), nrow=3, title="t", row_labels=["a", "b"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    assert ax.get_title() == "t"
    with pytest.raises(ValueError, match="one label per row"):
        lh.show_images(np.random.rand(6, 5, 5), nrow=3, row_labels=["a"])


def test_scatter2d_colours_by_label_with_legend():
    pts = np.random.rand(30, 2)
    ax = lh.scatter2d(pts, np.repeat([0, 1, 2], 10), title="codes")
    assert len(ax.collections) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["0", "1", "2"]
    assert ax.get_xlabel() == "dimension 1"


def test_scatter_rejects_bad_input():
    with pytest.raises(ValueError, match="2 columns"):
        lh.scatter2d(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="must match"):
        lh.scatter2d(np.zeros((4, 2)), [0, 1])
    with pytest.raises(TypeError, match="whole-number"):
        lh.scatter2d(np.zeros((2, 2)), [0.5, 1.0])
    with pytest.raises(ValueError, match="3 columns"):
        lh.scatter3d(np.zeros((4, 2)))


def test_scatter3d_draws_each_class():
    ax = lh.scatter3d(np.random.rand(20, 3), np.repeat([0, 1], 10), axis_labels=("a", "b", "c"))
    assert len(ax.collections) == 2 and ax.get_zlabel() == "c"


def test_plot_history_draws_each_curve():
    ax = lh.plot_history({"loss": [3, 2, 1], "val_loss": [3.5, 2.5, 2]})
    assert len(ax.lines) == 2
    assert list(ax.lines[0].get_ydata()) == [3, 2, 1]
    with pytest.raises(ValueError, match="has no"):
        lh.plot_history({"loss": [1]}, keys=["kl"])
    with pytest.raises(ValueError, match="non-empty"):
        lh.plot_history({})
