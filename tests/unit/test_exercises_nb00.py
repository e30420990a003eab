"""The checks of 00_start_here: right answers pass, each recognised wrong answer gets its hint, and
odd answers (None, text, bools, arrays, tensors that require grad, functions that crash) get
Feedback instead of an exception."""
import numpy as np
import pytest
import torch

from support.feedback_asserts import assert_not_yet as _not_yet
from latent_helpers.exercises import check_components_for_share, check_grey_count, check_mix, check_pixel_count

ODD_ANSWERS = [None, ..., "3072", True, [1, 2], np.zeros((3, 3)), object(), float("nan"), 1e400,
               torch.ones(2, requires_grad=True), {"a": 1}]



# --- the number of numbers in a 32 x 32 colour image ----------------------------------------

def test_pixel_count_right_answers():
    assert check_pixel_count(3072)
    assert check_pixel_count(32 * 32 * 3)
    assert check_pixel_count(np.int64(3072)) and check_pixel_count(3072.0) and check_pixel_count([3072])
    assert check_pixel_count(torch.tensor(3072.0, requires_grad=True))
    assert check_pixel_count(28 * 28, height=28, width=28, channels=1)   # the MNIST digit itself


@pytest.mark.parametrize("wrong, words", [
    (1024, ["number of pixels", "3 numbers"]),
    (64, ["adds the two sides"]),
    (96, ["one row"]),
    (784, ["MNIST"]),
    (3000, ["Multiply the height"]),
])
def test_pixel_count_names_the_likely_mistakes(wrong, words):
    _not_yet(check_pixel_count(wrong), *words)


def test_pixel_count_other_sizes_compute_their_own_answer():
    assert check_pixel_count(48 * 64 * 3, height=48, width=64, channels=3)
    _not_yet(check_pixel_count(48 * 64, height=48, width=64, channels=3), "number of pixels")


def test_pixel_count_odd_answers():
    _not_yet(check_pixel_count(None), "No answer yet")
    _not_yet(check_pixel_count("3072"), "without quotes")
    _not_yet(check_pixel_count(3072.5))
    for answer in ODD_ANSWERS:
        _not_yet(check_pixel_count(answer))


# --- how many mid-grey pixels the mix of two digits has ---------------------------------------

def _digit_pair():
    """Two 6 x 6 'digits' drawn in ink: bright strokes, black background, one grey edge pixel each."""
    a = np.zeros((6, 6))
    b = np.zeros((6, 6))
    a[1:5, 1] = 1.0          # a vertical stroke
    a[0, 1] = 0.5            # its grey tip
    b[2, 0:5] = 1.0          # a horizontal stroke, crossing a's at (2, 1)
    b[3, 4] = 0.4            # a grey spot
    b[5, 5] = 0.1            # a faint speck: in the mix it stays nearly black
    return a, b


def _grey(image, low=0.25, high=0.75):
    return int(((image > low) & (image < high)).sum())


def test_grey_count_right_answers():
    a, b = _digit_pair()
    mixed = 0.5 * a + 0.5 * b
    expected = _grey(mixed)
    assert expected == 7 and _grey(a) == 1 and _grey(b) == 1      # the mix has far more grey than either
    assert check_grey_count(expected, a, b)
    assert check_grey_count(np.int64(expected), a, b) and check_grey_count(float(expected), a, b)
    assert check_grey_count(torch.tensor(expected, requires_grad=False), a, b)
    assert check_grey_count(torch.tensor(float(expected), requires_grad=True), a, b)
    # another t: the check computes its own answer
    assert check_grey_count(_grey(0.8 * a + 0.2 * b), a, b, t=0.2)
    # the notebook's images as tensors, or flattened to 784-style rows, are counted the same
    assert check_grey_count(expected, torch.tensor(a), torch.tensor(b))
    assert check_grey_count(expected, a.ravel(), b.ravel())


@pytest.mark.parametrize("wrong, words", [
    (1, ["3 alone"]),                                  # the count in a; equal to b's, so a is named first
    (2, ["adds the counts"]),
    (36 - 7, ["outside the band"]),
    (7 / 36, ["share", "how many pixels"]),
    (7.5, ["whole number"]),
    (3, ["0.25 < v < 0.75"]),
])
def test_grey_count_names_the_likely_mistakes(wrong, words):
    a, b = _digit_pair()
    _not_yet(check_grey_count(wrong, a, b), *words)


def test_grey_count_names_inked_and_one_digit_counts():
    a, b = _digit_pair()
    mixed = 0.5 * a + 0.5 * b
    _not_yet(check_grey_count(int((mixed > 0).sum()), a, b), "some ink", "&")
    only_one = int(((a > 0) != (b > 0)).sum())
    assert only_one != _grey(mixed)                      # the faint speck makes the two counts differ
    _not_yet(check_grey_count(only_one, a, b), "only one digit has ink")


def test_grey_count_inclusive_bounds_named_only_when_they_differ():
    a = np.array([[0.5, 0.0], [1.0, 0.0]])            # mix at t = 0.5: 0.25 (on the bound), 0.5, 0.5, 0.0
    b = np.array([[0.0, 0.0], [0.0, 1.0]])
    mixed = 0.5 * a + 0.5 * b
    assert _grey(mixed) == 2 and int(((mixed >= 0.25) & (mixed <= 0.75)).sum()) == 3
    assert check_grey_count(2, a, b)
    _not_yet(check_grey_count(3, a, b), "strictly between")


def test_grey_count_odd_answers():
    a, b = _digit_pair()
    _not_yet(check_grey_count(None, a, b), "No answer yet")
    _not_yet(check_grey_count("7", a, b), "without quotes")
    for answer in ODD_ANSWERS:
        _not_yet(check_grey_count(answer, a, b))


def test_grey_count_blames_the_notebook_images_not_the_learner():
    a, b = _digit_pair()
    for bad in (None, "three", np.zeros(0), np.zeros((2, 2, 2, 2)), [[0.0, float("nan")]]):
        result = _not_yet(check_grey_count(7, bad, b), "`three`", "section 6")
        assert "7" not in result.message                 # the answer is not given away
    _not_yet(check_grey_count(7, a, b[:3]), "one shape", "section 6")


# --- mix(a, b, t) ------------------------------------------------------------------------------

def test_mix_right_answers():
    assert check_mix(lambda a, b, t: (1 - t) * a + t * b)
    assert check_mix(lambda a, b, t: a + t * (b - a))

    def in_place(a, b, t):   # changes its arguments: the check passes copies, so this is fine
        a *= 1 - t
        b *= t
        return a + b
    assert check_mix(in_place)
    assert check_mix(lambda a, b, t: torch.tensor((1 - t) * a + t * b, requires_grad=True))
    assert check_mix(lambda a, b, t: ((1 - t) * a + t * b).tolist())


@pytest.mark.parametrize("mix, words", [
    (lambda a, b, t: t * a + (1 - t) * b, ["wrong way"]),
    (lambda a, b, t: (a + b) / 2, ["does not depend on t"]),
    (lambda a, b, t: a + t * b, ["add up to 1", "a + t * b"]),
    (lambda a, b, t: t * (a + b), ["add up to 1", "t * (a + b)"]),
    (lambda a, b, t: (1 - t) * a, ["b's share"]),
    (lambda a, b, t: (1 - t) * a + t * b + 0.1, ["not (1 - t) * a + t * b"]),
])
def test_mix_names_the_likely_mistakes(mix, words):
    _not_yet(check_mix(mix), *words)


def test_mix_odd_functions_and_answers():
    _not_yet(check_mix(lambda a, b, t: None), "returned None")
    _not_yet(check_mix(lambda a, b, t: 1 / 0), "ZeroDivisionError")
    _not_yet(check_mix(lambda a, b: a), "TypeError")
    _not_yet(check_mix(lambda a, b, t: 0.5), "shape")
    _not_yet(check_mix(lambda a, b, t: np.concatenate([a, b])), "shape")
    _not_yet(check_mix(lambda a, b, t: "mixed"), "Numbers are expected")
    for answer in ODD_ANSWERS:
        _not_yet(check_mix(answer))


# --- how many PCA numbers keep half of the variance ------------------------------------------

@pytest.fixture(scope="module")
def data():
    """300 points in 6-D with known spreads: standard deviations 4, 3, 2, 1, 0.5 and 0.1 along a rotated basis."""
    rng = np.random.default_rng(0)
    return rng.normal(size=(300, 6)) @ np.diag([4.0, 3.0, 2.0, 1.0, 0.5, 0.1]) @ np.linalg.qr(
        rng.normal(size=(6, 6)))[0]


def _needed(data, share):
    """The count a learner computes with scikit-learn, as the solution does."""
    from sklearn.decomposition import PCA
    running = np.cumsum(PCA(random_state=0).fit(data).explained_variance_ratio_)
    return int(np.argmax(running >= share)) + 1


def test_components_for_share_right_answers(data):
    assert [_needed(data, s) for s in (0.5, 0.75, 0.9)] == [1, 2, 3]   # this sample keeps 53%, 81%, 96%
    assert check_components_for_share(2, data, share=0.75)
    assert check_components_for_share(np.int64(2), data, share=0.75) and check_components_for_share(2.0, data, 0.75)
    assert check_components_for_share(torch.tensor(2.0, requires_grad=True), data, share=0.75)
    assert check_components_for_share(1, data, share=0.5) and check_components_for_share(3, data, share=0.9)
    assert check_components_for_share(2, torch.tensor(data), share=0.75)   # the data as a tensor


@pytest.mark.parametrize("wrong, words", [
    (1, ["index", "one more"]),
    (3, ["fewer already do"]),
    (0.81, ["share of the variance", "how many numbers"]),
    (2.5, ["whole number"]),
    (5, ["Fewer numbers are enough"]),
    (0, ["starts at 1"]),
])
def test_components_for_share_names_the_likely_mistakes(data, wrong, words):
    _not_yet(check_components_for_share(wrong, data, share=0.75), *words)


def test_components_for_share_names_the_map_of_section_2(data):
    # with share 0.995 the count is 5: 2 is then the two-number map, named as such
    assert _needed(data, 0.995) == 5
    _not_yet(check_components_for_share(2, data, share=0.995), "section 2", "np.cumsum")
    _not_yet(check_components_for_share(3, data, share=0.995), "only", "more are needed")


def test_components_for_share_odd_answers(data):
    for answer in ODD_ANSWERS:
        _not_yet(check_components_for_share(answer, data))


def test_components_for_share_blames_the_notebook_data_not_the_learner(data):
    for bad in (None, "digits", np.zeros(5), np.full((4, 3), np.nan), np.zeros((4, 3))):
        result = _not_yet(check_components_for_share(2, bad, share=0.75), "digits.X_train", "run that cell again")
        assert "2" not in result.message.replace("section 2", "")     # the answer is not given away
    _not_yet(check_components_for_share(2, data, share=1.5), "between 0 and 1")
