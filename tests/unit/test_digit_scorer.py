"""The digit scorer (notebook 06's measuring instrument): accurate, layout- and range-blind, its numbers right,
its inputs checked."""
import math

import numpy as np
import pytest
import torch

import latent_helpers as lh
from latent_helpers.digit_scorer import DigitCNN, DigitScorer, SampleReport, augment, training_loss
from latent_helpers.metrics import class_entropy, class_shares, frechet_distance, mean_top_probability


@pytest.fixture(scope="module")
def scorer():
    return DigitScorer.pretrained()


@pytest.fixture(scope="module")
def digits():
    return lh.load_mnist5k()


def test_shipped_scorer_is_accurate_on_held_out_digits(scorer, digits):
    accuracy = (scorer.predict(digits.X_test) == digits.y_test).mean()
    assert accuracy >= 0.97
    report = scorer.report(digits.X_test)
    assert isinstance(report, SampleReport) and report.n == 1000
    assert report.mean_top_probability > 0.95 and report.classes_covered == 10
    assert report.entropy_ratio > 0.99            # 100 of each digit: nearly ln 10
    assert "10 of 10 digits" in repr(report)
    np.testing.assert_allclose(report.shares.sum(), 1.0)


def test_it_also_knows_binarised_digits(scorer, digits):
    binary = (digits.X_test > 0.5).astype(np.float32)
    assert (scorer.predict(binary) == digits.y_test).mean() >= 0.95


def test_layouts_and_value_ranges_give_the_same_answer(scorer, digits):
    X = digits.X_test[:50]
    want = scorer.probabilities(X)
    assert want.shape == (50, 10)
    for same in (X.reshape(50, 784), X[:, None], torch.tensor(X), torch.tensor(X, requires_grad=True)):
        np.testing.assert_allclose(scorer.probabilities(same), want, atol=1e-6)
    np.testing.assert_allclose(scorer.probabilities(X * 2 - 1, value_range="tanh"), want, atol=1e-5)
    np.testing.assert_allclose(scorer.probabilities(X * 2 - 1), want, atol=1e-5)       # found by the values
    as_bytes = np.round(X * 255).astype(np.uint8)
    assert (scorer.predict(as_bytes) == scorer.predict(X)).mean() > 0.95
    assert scorer.features(X).shape == (50, DigitCNN.N_FEATURES)
    assert scorer.predict(X[0]).shape == (1,)                                           # one digit


def test_frechet_distance_of_images(scorer, digits):
    X_train, X_test = digits.X_train[:1000], digits.X_test
    assert scorer.frechet_distance(X_test, X_test) == pytest.approx(0.0, abs=1e-6)
    floor = scorer.frechet_distance(X_train, X_test)
    noise = np.random.default_rng(0).random((1000, 28, 28)).astype(np.float32)
    blurred = 0.5 * X_test + 0.5 * X_test.mean(0)
    assert 0 < floor < scorer.frechet_distance(blurred, X_test) < scorer.frechet_distance(noise, X_test)


def test_frechet_distance_formula():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(400, 3))
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-9)
    assert frechet_distance(a, a + [1.0, 2.0, 0.0]) == pytest.approx(5.0, rel=1e-9)
    b = rng.normal(size=(300, 3)) * [1.0, 2.0, 0.5] + 1.0
    assert frechet_distance(a, b) == pytest.approx(frechet_distance(b, a), rel=1e-8)   # symmetric
    # one feature: (m_a - m_b)^2 + (s_a - s_b)^2
    x, y = rng.normal(size=(500, 1)), 3 * rng.normal(size=(700, 1)) + 2
    want = (x.mean() - y.mean()) ** 2 + (x.std(ddof=1) - y.std(ddof=1)) ** 2
    assert frechet_distance(x, y) == pytest.approx(want, rel=1e-6)
    # a rank-deficient covariance (more features than points) still gives a finite, non-negative number
    assert frechet_distance(rng.normal(size=(5, 20)), rng.normal(size=(6, 20))) >= 0


@pytest.mark.parametrize("a, b, error, match", [
    (np.zeros((5, 3)), np.zeros((5, 4)), ValueError, "same number of features"),
    (np.zeros((1, 3)), np.zeros((5, 3)), ValueError, "at least 2 rows"),
    (np.zeros(5), np.zeros((5, 1)), ValueError, "features_a must have 2 dimensions"),
    (np.full((5, 2), np.nan), np.zeros((5, 2)), ValueError, "NaN"),
    ("abc", np.zeros((5, 2)), TypeError, "features_a"),
])
def test_frechet_distance_refuses_bad_input(a, b, error, match):
    with pytest.raises(error, match=match):
        frechet_distance(a, b)


def test_shares_entropy_and_top_probability():
    np.testing.assert_allclose(class_shares([0, 0, 1, 3], n_classes=4), [0.5, 0.25, 0, 0.25])
    assert class_shares(np.repeat(np.arange(10), 7)).tolist() == [0.1] * 10
    assert class_entropy([0.1] * 10) == pytest.approx(math.log(10))
    assert class_entropy([1.0] + [0.0] * 9) == 0.0
    assert class_entropy([0.5, 0.5]) == pytest.approx(math.log(2))
    assert mean_top_probability([[0.2, 0.8], [0.5, 0.5]]) == pytest.approx(0.65)
    assert mean_top_probability(torch.tensor([[1.0, 0.0]])) == 1.0


@pytest.mark.parametrize("call, error, match", [
    (lambda: class_shares([0, 10]), ValueError, "classes 0 .. 9"),
    (lambda: class_shares([-1, 2]), ValueError, "classes 0 .. 9"),
    (lambda: class_shares([0.5, 1.0]), TypeError, "whole-number"),
    (lambda: class_shares([]), ValueError, "empty"),
    (lambda: class_shares([0, 1], n_classes=0), ValueError, "n_classes"),
    (lambda: class_entropy([0.5, 0.2]), ValueError, "sum to 1"),
    (lambda: class_entropy([1.5, -0.5]), ValueError, "non-negative"),
    (lambda: class_entropy([[0.5, 0.5]]), ValueError, "1 dimensions"),
    (lambda: mean_top_probability([[2.0, -1.0]]), ValueError, "softmax"),
    (lambda: mean_top_probability([[0.3, 0.3]]), ValueError, "summing to 1"),
    (lambda: mean_top_probability([0.5, 0.5]), ValueError, "2 dimensions"),
])
def test_helpers_refuse_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize("images, kwargs, error, match", [
    (np.zeros((3, 32, 32)), {}, ValueError, "28 x 28"),
    (np.zeros((3, 28, 28, 3)), {}, ValueError, "grey 28 x 28"),
    ("digits", {}, TypeError, "images"),
    (np.full((3, 28, 28), np.nan), {}, ValueError, "NaN"),
    (np.full((3, 28, 28), -7.0), {}, ValueError, "expected"),
    (np.zeros((3, 28, 28)), dict(value_range="percent"), ValueError, "value_range"),
])
def test_scorer_refuses_what_is_not_digits(scorer, images, kwargs, error, match):
    with pytest.raises(error, match=match):
        scorer.probabilities(images, **kwargs)


@pytest.mark.parametrize("min_share", [-0.1, 1.5, "1%", True])
def test_report_refuses_bad_min_share(scorer, digits, min_share):
    with pytest.raises(ValueError, match="min_share"):
        scorer.report(digits.X_test[:10], min_share=min_share)


def test_report_counts_covered_classes_with_min_share(scorer, digits):
    ones = digits.X_test[digits.y_test == 1][:95]
    sevens = digits.X_test[digits.y_test == 7][:5]
    report = scorer.report(np.concatenate([ones, sevens]), min_share=0.1)
    assert report.classes_covered == 1 and report.shares[1] >= 0.9
    assert scorer.report(np.concatenate([ones, sevens]), min_share=0.01).classes_covered >= 2


def test_scorer_wants_a_digit_cnn():
    with pytest.raises(TypeError, match="DigitCNN"):
        DigitScorer(torch.nn.Linear(784, 10))


def test_augment_moves_and_binarises():
    torch.manual_seed(0)
    x = torch.zeros(200, 1, 28, 28)
    x[:, 0, 10:18, 12:16] = 0.7
    out = augment(x)
    assert out.shape == x.shape
    assert torch.allclose(out.sum((1, 2, 3)) / out.amax((1, 2, 3)), torch.full((200,), 32.0))   # ink moved, kept
    binarised = (out.amax((1, 2, 3)) == 1.0).float().mean()
    assert 0.1 < binarised < 0.4
    moved = (out[:, 0, 10:18, 12:16].sum((1, 2)) < out.sum((1, 2, 3)) - 1e-6).float().mean()
    assert moved > 0.5
    assert torch.equal(augment(x, max_shift=0, binarise_share=0.0), x)
    with pytest.raises(ValueError, match="x must be"):
        augment(torch.zeros(3, 28, 28))


def test_training_loss_is_a_differentiable_scalar():
    torch.manual_seed(0)
    model = DigitCNN()
    loss = training_loss(model, [torch.rand(8, 1, 28, 28), torch.arange(8)])
    assert loss.dim() == 0 and loss.requires_grad and 1.5 < loss.item() < 3.5


def test_the_same_question_twice_runs_the_network_once_until_a_weight_changes(digits):
    scorer = DigitScorer.pretrained()
    pictures = []
    scorer.model.body.register_forward_pre_hook(lambda module, args: pictures.append(len(args[0])))
    first = scorer.features(digits.X_test[:300])
    again = scorer.features(torch.tensor(digits.X_test[:300]).reshape(300, 784))   # the same pixels, another layout
    assert sum(pictures) == 300 and np.array_equal(first, again)
    again[:] = 0                                                    # what a caller does with its copy stays its own
    assert np.array_equal(scorer.features(digits.X_test[:300]), first) and sum(pictures) == 300
    scorer.probabilities(digits.X_test[:300])                       # another question about the same pictures
    scorer.features(digits.X_test[1:301])                           # other pictures
    assert sum(pictures) == 900
    with torch.no_grad():
        scorer.model.body[0].bias.add_(0.5)                         # a weight changed in place: asked afresh
    changed = scorer.features(digits.X_test[:300])
    assert sum(pictures) == 1200 and not np.allclose(changed, first)


def test_what_is_kept_is_bounded_and_nothing_is_kept_in_training_mode(digits):
    scorer = DigitScorer.pretrained()
    pictures = []
    scorer.model.body.register_forward_pre_hook(lambda module, args: pictures.append(len(args[0])))
    for start in range(scorer.REMEMBERED + 1):                      # one set more than it keeps
        scorer.predict(digits.X_test[start:start + 10])
    assert len(scorer._remembered) == scorer.REMEMBERED
    scorer.predict(digits.X_test[0:10])                             # the oldest was let go: run again
    scorer.predict(digits.X_test[scorer.REMEMBERED:scorer.REMEMBERED + 10])   # the newest is still kept
    assert sum(pictures) == 10 * (scorer.REMEMBERED + 2)
    scorer.model.train()                                            # dropout: two runs differ, so neither is kept
    scorer.probabilities(digits.X_test[:10])
    scorer.probabilities(digits.X_test[:10])
    assert sum(pictures) == 10 * (scorer.REMEMBERED + 4)
    scorer.model.eval()
    scorer.REMEMBERED_UP_TO = 5                                     # a set larger than that is not kept
    scorer.features(digits.X_test[:10])
    scorer.features(digits.X_test[:10])
    assert sum(pictures) == 10 * (scorer.REMEMBERED + 6)
