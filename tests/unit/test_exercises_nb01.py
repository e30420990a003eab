"""The checks of 01_compression: right answers pass, each recognised wrong answer gets its hint, and
odd answers (None, text, bools, arrays, tensors that require grad, functions that crash) get
Feedback instead of an exception."""
import numpy as np
import pytest
import torch

from support.feedback_asserts import assert_not_yet as _not_yet
from latent_helpers.exercises import (check_hardest_digit, check_knn_vote, check_noise_error,
                                      check_pca_error)

ODD_ANSWERS = [None, ..., "12", True, [1, 2], np.zeros((3, 3)), object(), float("nan"), 1e400,
               torch.ones(2, requires_grad=True), {"a": 1}]



# --- Exercise 1: pca_error(X, mean, V, k) -------------------------------------------------------

def pca_error(X, mean, V, k):
    codes = (X - mean) @ V[:k].T
    restored = mean + codes @ V[:k]
    return ((X - restored) ** 2).mean()


def _mse(X, restored):
    return ((X - restored) ** 2).mean()


def test_pca_error_right_answers():
    assert check_pca_error(pca_error)
    assert check_pca_error(lambda X, mean, V, k: float(pca_error(X, mean, V, k)))
    assert check_pca_error(lambda X, mean, V, k: torch.tensor(pca_error(X, mean, V, k), requires_grad=True))

    def with_sklearn_layout(X, mean, V, k):   # the same sum written with a loop over components
        restored = np.tile(mean, (len(X), 1))
        for j in range(k):
            restored += np.outer((X - mean) @ V[j], V[j])
        return np.mean((X - restored) ** 2)
    assert check_pca_error(with_sklearn_layout)


def test_pca_error_agrees_with_the_notebook_curve():
    """On data fitted by sklearn's PCA, the reference is what the notebook's shortcut curve gives."""
    from sklearn.decomposition import PCA
    rng = np.random.default_rng(1)
    X_train, X_test = rng.normal(size=(200, 10)) * np.arange(10, 0, -1), rng.normal(size=(50, 10)) * np.arange(10, 0, -1)
    pca = PCA(n_components=8).fit(X_train)
    codes = (X_test - pca.mean_) @ pca.components_.T
    shortcut = ((X_test - pca.mean_) ** 2).sum(1).mean() - np.cumsum((codes ** 2).mean(0))
    assert np.isclose(pca_error(X_test, pca.mean_, pca.components_, 3), shortcut[2] / 10)


@pytest.mark.parametrize("fn, words", [
    (lambda X, m, V, k: _mse(X, m + (X @ V[:k].T) @ V[:k]), ["encoded X itself"]),
    (lambda X, m, V, k: _mse(X, ((X - m) @ V[:k].T) @ V[:k]), ["decoded without the mean"]),
    (lambda X, m, V, k: _mse(X, (X @ V[:k].T) @ V[:k]), ["both steps"]),
    (lambda X, m, V, k: _mse(X, m + ((X - m) @ V.T) @ V), ["does not depend on k"]),
    (lambda X, m, V, k: _mse(X, m + ((X - m) @ V[:k + 1].T) @ V[:k + 1]), ["k + 1"]),
    (lambda X, m, V, k: ((X - m - ((X - m) @ V[:k].T) @ V[:k]) ** 2).sum(1).mean(), ["summed over the pixels"]),
    (lambda X, m, V, k: ((X - m - ((X - m) @ V[:k].T) @ V[:k]) ** 2).sum(), ["total squared error"]),
    (lambda X, m, V, k: np.sqrt(pca_error(X, m, V, k)), ["square root"]),
    (lambda X, m, V, k: pca_error(X, m, V, k) + 1.0, ["Three steps"]),
])
def test_pca_error_names_the_likely_mistakes(fn, words):
    _not_yet(check_pca_error(fn), *words)


def test_pca_error_odd_functions_and_answers():
    _not_yet(check_pca_error(lambda X, m, V, k: ((X - m) ** 2).mean(1)), "one number")
    _not_yet(check_pca_error(lambda X, m, V, k: None), "returned None")
    _not_yet(check_pca_error(lambda X, m, V, k: X @ V), "ValueError")   # a shape mismatch inside
    _not_yet(check_pca_error(lambda X, m, V, k: "small"), "without quotes")
    _not_yet(check_pca_error(lambda X, m, V, k: float("nan")), "NaN")
    for answer in ODD_ANSWERS:
        _not_yet(check_pca_error(answer))


# --- Exercise 2: knn_vote(train_codes, train_labels, query, n_neighbours) ---------------------------

def knn_vote(train_codes, train_labels, query, n_neighbours=5):
    distances = np.linalg.norm(train_codes - query, axis=1)
    nearest = np.argsort(distances)[:n_neighbours]
    return np.bincount(train_labels[nearest]).argmax()


def test_knn_vote_right_answers():
    assert check_knn_vote(knn_vote)
    from collections import Counter

    def with_counter(train_codes, train_labels, query, n_neighbours=5):
        d = ((train_codes - query) ** 2).sum(1)      # squared distances sort the same way
        return Counter(train_labels[np.argsort(d)[:n_neighbours]].tolist()).most_common(1)[0][0]
    assert check_knn_vote(with_counter)

    def with_sklearn(train_codes, train_labels, query, n_neighbours=5):
        from sklearn.neighbors import KNeighborsClassifier
        knn = KNeighborsClassifier(n_neighbors=n_neighbours).fit(train_codes, train_labels)
        return knn.predict(query[None])[0]
    assert check_knn_vote(with_sklearn)
    assert check_knn_vote(lambda *a, **k: float(knn_vote(*a, **k)))
    assert check_knn_vote(lambda *a, **k: torch.tensor(knn_vote(*a, **k)))


def _nearest(codes, q, n):
    return np.argsort(np.linalg.norm(codes - q, axis=1))[:n]


@pytest.mark.parametrize("fn, words", [
    (lambda c, l, q, n_neighbours=5: l[_nearest(c, q, 1)[0]], ["single nearest", "1-neighbour"]),
    (lambda c, l, q, n_neighbours=5: np.bincount(l[np.argsort(-np.linalg.norm(c - q, axis=1))[:n_neighbours]]).argmax(),
     ["farthest"]),
    (lambda c, l, q, n_neighbours=5: np.bincount(l).argmax(), ["farthest", "or of all of them"]),
    (lambda c, l, q, n_neighbours=5: np.bincount(l[_nearest(c, q, 5)]).argmax(), ["n_neighbours=3", "fixed 5"]),
    (lambda c, l, q, n_neighbours=5: l[_nearest(c, q, n_neighbours)], ["returned 5 values"]),
    (lambda c, l, q, n_neighbours=5: _nearest(c, q, 1)[0], ["row number"]),
    (lambda c, l, q, n_neighbours=5: np.bincount(_nearest(c, q, n_neighbours)).argmax(), ["row number"]),
    (lambda c, l, q, n_neighbours=5: 9, ["the vote is 7"]),
])
def test_knn_vote_names_the_likely_mistakes(fn, words):
    _not_yet(check_knn_vote(fn), *words)


def test_knn_vote_odd_functions_and_answers():
    _not_yet(check_knn_vote(lambda c, l, q, n_neighbours=5: None), "returned None")
    _not_yet(check_knn_vote(lambda c, l, q: 7), "TypeError")      # no n_neighbours argument
    _not_yet(check_knn_vote(lambda c, l, q, n_neighbours=5: "seven"), "one label")
    _not_yet(check_knn_vote(lambda c, l, q, n_neighbours=5: 7.5), "whole number")
    for answer in ODD_ANSWERS:
        _not_yet(check_knn_vote(answer))


# --- Exercise 3: the digit the vote gets wrong most often ---------------------------------------

@pytest.fixture(scope="module")
def votes():
    """Four classes on a line, 10 training codes each at 0, 10, 20, 30. Test: 0s and 1s all right;
    three of four 2s sit among the 1s (wrong 75%); one of four 3s sits among the 2s (wrong 25%). So 2
    is the hardest, 0 the first easiest, and 1 the label handed out wrongly most often."""
    rng = np.random.default_rng(0)
    train = np.repeat([0.0, 10.0, 20.0, 30.0], 10)[:, None] + rng.normal(0, 0.5, (40, 1))
    y_train = np.repeat([0, 1, 2, 3], 10)
    test = np.array([0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 20, 20, 30, 30, 30], float)[:, None]
    y_test = np.array([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    return train, y_train, test, y_test


def test_hardest_digit_right_answer(votes):
    assert check_hardest_digit(2, *votes)
    assert check_hardest_digit(np.int64(2), *votes) and check_hardest_digit(2.0, *votes)
    assert check_hardest_digit(torch.tensor(2), *votes)


@pytest.mark.parametrize("wrong, words", [
    (0, ["right* most often", "np.argmax"]),
    (1, ["by mistake", "true label"]),
    (3, ["Not 3", "25%"]),
    (0.75, ["error rate"]),
    (7, ["one of the digits"]),
])
def test_hardest_digit_names_the_likely_mistakes(votes, wrong, words):
    _not_yet(check_hardest_digit(wrong, *votes), *words)


def test_hardest_digit_on_mnist_codes():
    """The notebook's question: 2-number PCA codes of MNIST-5k."""
    import latent_helpers as lh
    from sklearn.decomposition import PCA
    d = lh.load_mnist5k(flatten=True)
    pca = PCA(2, random_state=0).fit(d.X_train)
    args = (pca.transform(d.X_train), d.y_train, pca.transform(d.X_test), d.y_test)
    right = [a for a in range(10) if check_hardest_digit(a, *args)]
    assert len(right) == 1


def test_hardest_digit_odd_answers(votes):
    for answer in ODD_ANSWERS:
        _not_yet(check_hardest_digit(answer, *votes))
    _not_yet(check_hardest_digit(2.5, *votes))


# --- Exercise 4: the round trip 19 -> 12 -> 19 ---------------------------------------------------

def test_noise_error_right_answers():
    assert check_noise_error(7 / 19 * 1e-4)
    assert check_noise_error(3.7e-5)                 # rounded
    assert check_noise_error(3.686e-5)               # what a measurement in the notebook gives
    assert check_noise_error(torch.tensor(7 / 19 * 1e-4, requires_grad=True))
    assert check_noise_error(5 / 19 * 1e-4, k=14)


@pytest.mark.parametrize("wrong, words", [
    (12 / 19 * 1e-4, ["noise PCA keeps", "noise-free"]),
    (1e-4, ["all the noise"]),
    (10 / 19 * 1e-4, ["error with 9 numbers"]),
    (3 / 19 * 1e-4, ["3 extra directions"]),
    (7 / 19 * 0.01, ["standard deviation"]),
    (7e-4, ["division by 19"]),
    (0, ["Not zero"]),
    (2e-5, ["drops 19 - 12 directions"]),
])
def test_noise_error_names_the_likely_mistakes(wrong, words):
    _not_yet(check_noise_error(wrong), *words)


def test_noise_error_odd_answers():
    for answer in ODD_ANSWERS:
        _not_yet(check_noise_error(answer))
