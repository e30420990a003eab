import zlib

import numpy as np
import pytest

from latent_helpers import nearest_neighbours, neighbour_agreement, pca_bytes, raw_bytes, zlib_bytes
from latent_helpers.sizes import to_uint8


def test_byte_counts():
    X = np.zeros((10, 28, 28), np.float32)
    assert raw_bytes(X) == 7840
    assert zlib_bytes(X) < 100                       # all black: almost nothing to store
    noise = np.random.default_rng(0).random((10, 784))
    assert zlib_bytes(noise) > 0.9 * raw_bytes(noise)   # random pixels do not compress
    assert zlib_bytes(noise) == len(zlib.compress(to_uint8(noise).tobytes(), 9))
    assert to_uint8([0.0, 0.5, 1.0]).tolist() == [0, 128, 255]


def test_pca_bytes_formula():
    assert pca_bytes(1000, 20, include_basis=False) == 40000
    assert pca_bytes(1000, 20) == (1000 * 20 + 21 * 784) * 2
    assert pca_bytes(10, 5, n_pixels=64, bytes_per_number=4) == (50 + 6 * 64) * 4


@pytest.mark.parametrize("call", [lambda: raw_bytes(np.full((2, 2), 2.0)), lambda: zlib_bytes([0.1], level=10),
                                  lambda: pca_bytes(10, 0), lambda: pca_bytes(10, 900),
                                  lambda: nearest_neighbours([[0.0], [1.0]], k=2),
                                  lambda: neighbour_agreement([[0.0], [1.0], [2.0]], [0, 1], k=1),
                                  lambda: nearest_neighbours([[0.0], [1.0]], k=1, queries=np.array([5]))])
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_bad_types_raise_type_error():
    with pytest.raises(TypeError):
        raw_bytes("pixels")
    with pytest.raises(TypeError):
        pca_bytes(10, 2.5)
    with pytest.raises(TypeError):
        neighbour_agreement([[0.0], [1.0]], ["a", "b"], k=1)


def test_nearest_neighbours_match_brute_force():
    Z = np.random.default_rng(1).normal(size=(700, 4))   # more than one block of 512
    nn = nearest_neighbours(Z, k=3)
    d = np.linalg.norm(Z[:, None] - Z[None], axis=2)
    np.fill_diagonal(d, np.inf)
    assert np.array_equal(nn, np.argsort(d, axis=1)[:, :3])
    assert np.array_equal(nearest_neighbours(Z, k=3, queries=np.array([5, 600])), nn[[5, 600]])


def test_neighbour_agreement_separates_structure_from_noise():
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(5), 40)
    clustered = y[:, None] * 10.0 + rng.normal(size=(200, 2))
    assert neighbour_agreement(clustered, y, k=5) == 1.0
    shuffled = rng.permutation(y)
    assert neighbour_agreement(clustered, shuffled, k=5) < 0.4
