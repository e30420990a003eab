import numpy as np
import pytest

from latent_helpers import SEED_CODE, SEED_IMAGE, make_toy, render_toy


def test_seed_example_is_the_articles_matrix_and_code():
    assert SEED_IMAGE.shape == (5, 5)
    assert SEED_IMAGE[0].tolist() == pytest.approx([1, 0.5, 0.8, 0.2, 0.7])
    assert SEED_IMAGE[2].tolist() == pytest.approx([1, 0.01, 0, 0.9, 0.56])
    assert SEED_IMAGE[4].tolist() == pytest.approx([1, 0.4, 0.2, 0.1, 0.01])
    assert SEED_CODE.tolist() == pytest.approx([0.4, 0.3, 0.8])


def test_render_places_a_square_of_the_given_brightness():
    top_left = render_toy([0.0, 0.0, 1.0])
    assert top_left.shape == (5, 5) and top_left.dtype == np.float32
    assert np.allclose(top_left[:2, :2], 1.0) and top_left.sum() == pytest.approx(4.0)
    bottom_right_dim = render_toy([1.0, 1.0, 0.0])
    assert np.allclose(bottom_right_dim[3:, 3:], 0.25) and bottom_right_dim.sum() == pytest.approx(1.0)
    # between pixels: spread over three columns, total ink unchanged
    middle = render_toy([0.5, 0.0, 1.0])
    assert middle.sum() == pytest.approx(4.0)
    assert (middle[0] > 0).sum() == 3
    # brightness scales, position moves
    a, b = render_toy([0.3, 0.6, 1.0]), render_toy([0.3, 0.6, 0.0])
    assert np.allclose(b, 0.25 * a)


def test_make_toy_is_deterministic_and_in_range():
    t1, t2 = make_toy(50, seed=3), make_toy(50, seed=3)
    assert np.array_equal(t1.images, t2.images) and np.array_equal(t1.factor_matrix(), t2.factor_matrix())
    assert not np.array_equal(make_toy(50, seed=4).images, t1.images)
    assert t1.images.shape == (50, 5, 5) and t1.factor_matrix().shape == (50, 3) and len(t1) == 50
    assert 0.0 <= t1.images.min() and t1.images.max() <= 1.0
    assert np.allclose(render_toy(t1.factor_matrix()), t1.images)
    assert np.array_equal(t1.factor("brightness"), t1.factor_matrix()[:, 2])
    with pytest.raises(ValueError):
        t1.factor("colour")


def test_three_factors_need_a_nonlinear_code():
    from sklearn.decomposition import PCA

    X = make_toy(1000, seed=0).images.reshape(-1, 25)
    kept = PCA(3).fit(X).explained_variance_ratio_.sum()
    assert kept < 0.8   # a straight-line 3-D code misses a lot: the family is curved


@pytest.mark.parametrize("bad, err", [([0.5, 0.5], ValueError), ([[0.1, 0.2, 1.5]], ValueError),
                                      ("abc", TypeError), ([0.1, np.nan, 0.2], ValueError)])
def test_render_rejects_bad_factors(bad, err):
    with pytest.raises(err):
        render_toy(bad)


def test_make_toy_rejects_bad_arguments():
    with pytest.raises(ValueError):
        make_toy(0)
    with pytest.raises(TypeError):
        make_toy(10, seed="x")

