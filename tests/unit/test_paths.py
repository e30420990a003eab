import numpy as np
import pytest
import torch

from latent_helpers.paths import interpolate_path, lerp, path_point, slerp


def test_lerp_endpoints_middle_and_shapes():
    a, b = np.array([0.0, 2.0, -1.0]), np.array([1.0, 0.0, 1.0])
    np.testing.assert_allclose(lerp(a, b, 0.0), a)
    np.testing.assert_allclose(lerp(a, b, 1.0), b)
    np.testing.assert_allclose(lerp(a, b, 0.25), 0.75 * a + 0.25 * b, atol=1e-6)
    out = lerp(a, b, np.linspace(0, 1, 5))
    assert out.shape == (5, 3) and out.dtype == np.float32
    np.testing.assert_allclose(out[2], (a + b) / 2, atol=1e-6)
    assert lerp(torch.zeros(2), torch.ones(2), 0.5).tolist() == [0.5, 0.5]


def test_slerp_stays_on_the_circle_and_falls_back_to_lerp():
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    ts = np.linspace(0, 1, 7)
    out = slerp(a, b, ts)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(out[0], a, atol=1e-6)
    np.testing.assert_allclose(out[-1], b, atol=1e-6)
    # the straight line's middle is shorter than the ends; slerp's is not
    assert np.linalg.norm(lerp(a, b, 0.5)) < 0.75
    # parallel vectors and zero vectors: same as lerp, no NaN
    np.testing.assert_allclose(slerp([1.0, 1.0], [2.0, 2.0], 0.5), lerp([1.0, 1.0], [2.0, 2.0], 0.5))
    np.testing.assert_allclose(slerp([0.0, 0.0], [2.0, 2.0], ts), lerp([0.0, 0.0], [2.0, 2.0], ts))
    assert np.all(np.isfinite(slerp([1.0, 0.0], [-1.0, 0.0], ts)))


def test_gaussian_codes_keep_their_length_under_slerp():
    g = np.random.default_rng(0)
    a, b = g.standard_normal(64), g.standard_normal(64)
    mid_s, mid_l = slerp(a, b, 0.5), lerp(a, b, 0.5)
    typical = (np.linalg.norm(a) + np.linalg.norm(b)) / 2
    assert abs(np.linalg.norm(mid_s) - typical) < 0.05 * typical
    assert np.linalg.norm(mid_l) < 0.85 * typical


def test_bad_arguments():
    with pytest.raises(ValueError, match="same length"):
        lerp([0.0, 1.0], [0.0, 1.0, 2.0], 0.5)
    with pytest.raises(ValueError, match="1 dimensions"):
        lerp([[0.0]], [[1.0]], 0.5)
    with pytest.raises(TypeError):
        lerp("ab", [1.0, 2.0], 0.5)
    with pytest.raises(ValueError, match="NaN"):
        slerp([np.nan, 1.0], [0.0, 1.0], 0.5)
    with pytest.raises(TypeError):
        lerp([0.0], [1.0], True)
    with pytest.raises(ValueError, match="1 dimensions"):
        lerp([0.0], [1.0], np.zeros((2, 2)))


def test_path_point_is_spread_by_segment_length():
    codes = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 3.0]])  # segment lengths 1 and 3
    np.testing.assert_allclose(path_point(codes, 0.0), codes[0])
    np.testing.assert_allclose(path_point(codes, 0.25), codes[1], atol=1e-6)
    np.testing.assert_allclose(path_point(codes, 1.0), codes[2])
    np.testing.assert_allclose(path_point(codes, 0.125), [0.5, 0.0], atol=1e-6)
    np.testing.assert_allclose(path_point(codes, 0.625), [1.0, 1.5], atol=1e-6)
    # repeated waypoints do not break it
    same = np.zeros((3, 2))
    np.testing.assert_allclose(path_point(same, 0.5), [0.0, 0.0])


def test_path_point_slerp_segments():
    codes = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    mid = path_point(codes, 0.25, method="slerp")
    np.testing.assert_allclose(np.linalg.norm(mid), 1.0, atol=1e-5)


def test_interpolate_path_shapes_and_ends():
    codes = np.array([[0.4, 0.5], [0.45, 0.45], [0.6, 0.75]])
    path = interpolate_path(codes, 11)
    assert path.shape == (11, 2) and path.dtype == np.float32
    np.testing.assert_allclose(path[0], codes[0], atol=1e-6)
    np.testing.assert_allclose(path[-1], codes[-1], atol=1e-6)
    # equal steps in t are equal distances along the path: on a straight path with a waypoint in
    # the middle, every step has the same length
    line = interpolate_path([[0.0, 0.0], [1.0, 1.0], [3.0, 3.0]], 7)
    steps = np.linalg.norm(np.diff(line, axis=0), axis=1)
    np.testing.assert_allclose(steps, steps.mean(), rtol=1e-4)
    # a segment three times as long gets three times as many samples
    bent = interpolate_path([[0.0, 0.0], [1.0, 0.0], [1.0, 3.0]], 9)
    assert int(np.sum(bent[:, 1] == 0)) == 3 and int(np.sum(bent[:, 0] == 1)) == 7


def test_path_bad_arguments():
    with pytest.raises(ValueError, match="at least 2 waypoints"):
        interpolate_path([[0.0, 1.0]], 5)
    with pytest.raises(ValueError, match="method"):
        interpolate_path([[0.0], [1.0]], 5, method="cubic")
    with pytest.raises(ValueError, match=">= 2"):
        interpolate_path([[0.0], [1.0]], 1)
    with pytest.raises(TypeError):
        interpolate_path([[0.0], [1.0]], 2.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        path_point([[0.0], [1.0]], 1.5)
    with pytest.raises(TypeError):
        path_point([[0.0], [1.0]], [0.5, 0.6])
    with pytest.raises(ValueError, match="2 dimensions"):
        path_point([0.0, 1.0], 0.5)

