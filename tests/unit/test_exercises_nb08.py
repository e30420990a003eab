"""The checks of notebook 08: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import math

import numpy as np
import pytest
import torch

import scipy.sparse as sp

from latent_helpers.exercises import (Feedback, check_em_lower_bound, check_plsa_em_step, check_plsa_parameters,
                                      check_topic_word_counts, check_unigram_perplexity)

ODD = [None, ..., "0.5", True, [1, 2, 3, 4], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: which topics wrote a word ----------------------------------------------------------
_rng = np.random.default_rng(3)
XW = _rng.integers(0, 4, size=(6, 5)).astype(float)
XW[:, 2] = [3, 0, 1, 0, 2, 5]                           # the word asked about: in 4 of the 6 documents
THETA = _rng.dirichlet(np.ones(3), size=6)
THETA[1] = [1.0, 0.0, 0.0]                              # a document without the word, whose theta is a corner
PHI = _rng.dirichlet(np.ones(5), size=3)
PHI[0, 2] = 0.0                                         # topic 0 never writes the word: doc 1 gives 0 / 0
PHI = PHI / PHI.sum(axis=1, keepdims=True)
WCOL = 2
NW = XW[:, WCOL]
HAS = NW > 0
JOINT = THETA[HAS] * PHI[:, WCOL]
Q = JOINT / JOINT.sum(axis=1, keepdims=True)
WROTE = NW[HAS] @ Q


def test_the_test_model_has_a_document_where_theta_phi_is_all_zero():
    assert np.all(THETA[1] * PHI[:, WCOL] == 0) and NW[1] == 0


def test_topic_word_counts_right_in_any_form():
    assert check_topic_word_counts(WROTE, XW, THETA, PHI, WCOL)
    assert check_topic_word_counts(list(np.round(WROTE, 3)), sp.csr_matrix(XW), THETA, PHI, np.int64(WCOL))
    assert check_topic_word_counts(torch.tensor(WROTE, requires_grad=True), XW, THETA, PHI, WCOL)
    assert check_topic_word_counts(WROTE.astype(np.float32), XW, torch.tensor(THETA), PHI, WCOL)
    assert "add up to 11" in check_topic_word_counts(WROTE, XW, THETA, PHI, WCOL).message


@pytest.mark.parametrize("wrong, words", [
    (NW.sum() * PHI[:, WCOL] / PHI[:, WCOL].sum(), "left theta out"),
    (NW[HAS] @ THETA[HAS], "proportions theta, weighted"),
    (NW[HAS] @ JOINT, "not normalised"),
    (Q.sum(axis=0), "counted each document once"),
    (WROTE / NW.sum(), "shares"),
    (PHI[:, WCOL], "phi[:, w], each topic's probability"),
    (WROTE[::-1], "For each document d with the word"),
    (WROTE[:2], "Give 3 numbers"),
    ([np.nan, 1.0, 2.0], "0 / 0 is NaN"),
])
def test_topic_word_counts_recognise_the_usual_mistakes(wrong, words):
    assert words in _hint(check_topic_word_counts(wrong, XW, THETA, PHI, WCOL))


@pytest.mark.parametrize("odd", ODD)
def test_topic_word_counts_never_raise(odd):
    assert not check_topic_word_counts(odd, XW, THETA, PHI, WCOL)


@pytest.mark.parametrize("position, name", [(1, "X_train"), (2, "plsa.theta_"), (3, "plsa.phi_")])
@pytest.mark.parametrize("bad", [None, "X", np.zeros(3), -np.ones((6, 5)), object()])
def test_topic_word_counts_name_the_broken_notebook_variable(position, name, bad):
    args = [WROTE, XW, THETA, PHI, WCOL]
    args[position] = bad
    message = _hint(check_topic_word_counts(*args))
    assert name in message and f"{WROTE[0]:.1f}" not in message


@pytest.mark.parametrize("bad", [None, -1, 5, 2.5, True, "space"])
def test_topic_word_counts_name_a_broken_word_index(bad):
    assert "`w`" in _hint(check_topic_word_counts(WROTE, XW, THETA, PHI, bad))


def test_topic_word_counts_refuse_models_of_other_shapes_and_absent_words():
    assert "shapes" in _hint(check_topic_word_counts(WROTE, XW, THETA[:4], PHI, WCOL))
    X0 = XW.copy()
    X0[:, WCOL] = 0
    assert "never occurs" in _hint(check_topic_word_counts(WROTE, X0, THETA, PHI, WCOL))


# --- Exercise 2: one EM step of PLSA -------------------------------------------------------------
def _joint(theta, phi):
    return theta[:, None, :] * phi.T[None, :, :]


def _finish(t, p):
    return t / t.sum(axis=1, keepdims=True), p / p.sum(axis=1, keepdims=True)


def right(X, theta, phi):
    joint = _joint(theta, phi)
    e = X[:, :, None] * joint / joint.sum(axis=2, keepdims=True)
    return _finish(e.sum(axis=1), e.sum(axis=0).T)


def right_in_place(X, theta, phi):
    theta_new, phi_new = right(X, theta, phi)
    theta[...] = theta_new      # changing the (copied) inputs is fine
    phi[...] = phi_new
    return theta, phi


def right_in_torch(X, theta, phi):
    t, p = right(X, theta, phi)
    return torch.tensor(t, requires_grad=True), torch.tensor(p)


def unweighted(X, theta, phi):
    joint = _joint(theta, phi)
    q = joint / joint.sum(axis=2, keepdims=True)
    return _finish(q.sum(axis=1), q.sum(axis=0).T)


def not_normalised(X, theta, phi):
    joint = _joint(theta, phi)
    e = X[:, :, None] * joint / joint.sum(axis=2, keepdims=True)
    return e.sum(axis=1), e.sum(axis=0).T


def phi_over_topics(X, theta, phi):
    t, p = not_normalised(X, theta, phi)
    return t / t.sum(axis=1, keepdims=True), p / p.sum(axis=0, keepdims=True)


def theta_over_documents(X, theta, phi):
    t, p = not_normalised(X, theta, phi)
    return t / t.sum(axis=0, keepdims=True), p / p.sum(axis=1, keepdims=True)


def e_step_over_words(X, theta, phi):
    joint = _joint(theta, phi)
    e = X[:, :, None] * joint / joint.sum(axis=1, keepdims=True)
    return _finish(e.sum(axis=1), e.sum(axis=0).T)


def wrong_phi_only(X, theta, phi):
    t, p = right(X, theta, phi)
    return t, np.roll(p, 1, axis=1)


def test_em_step_right_answers():
    assert check_plsa_em_step(right)
    assert check_plsa_em_step(right_in_place)
    assert check_plsa_em_step(right_in_torch)
    assert "raises the log-likelihood" in check_plsa_em_step(right).message


@pytest.mark.parametrize("fn, words", [
    (unweighted, "weight each cell's responsibilities by its count"),
    (not_normalised, "not normalised"),
    (phi_over_topics, "phi_new is normalised over the topics"),
    (theta_over_documents, "theta_new is normalised over the documents"),
    (e_step_over_words, "normalised over the words"),
    (lambda X, t, p: (t, p), "came back unchanged"),
    (lambda X, t, p: right(X, t, p)[::-1], "wrong order"),
    (lambda X, t, p: (right(X, t, p)[0], right(X, t, p)[1].T), "Transpose"),
    (lambda X, t, p: right(X, t, p)[0], "pair"),
    (lambda X, t, p: (*right(X, t, p), 1), "exactly two"),
    (lambda X, t, p: (right(X, t, p)[0], "phi"), "Numbers are expected"),
    (lambda X, t, p: _finish(np.roll(not_normalised(X, t, p)[0], 1, axis=1), not_normalised(X, t, p)[1]),
     "theta_new is not right yet"),
    (wrong_phi_only, "phi_new is not yet"),
    (lambda X, t, p: None, "None"),
    (lambda X, t, p: 1 / 0, "ZeroDivisionError"),
])
def test_em_step_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_plsa_em_step(fn))


@pytest.mark.parametrize("odd", [None, ..., "em_step", 3.0, np.zeros(4)])
def test_em_step_never_raises_on_non_functions(odd):
    assert not check_plsa_em_step(odd)


# --- Exercise 3: the number of parameters ----------------------------------------------------------
D, V, K = 383, 2640, 10
N = D * (K - 1) + K * (V - 1)


def test_parameters_right_in_any_form():
    assert check_plsa_parameters(N, D, V, K)
    assert check_plsa_parameters(float(N), D, V, K)
    assert check_plsa_parameters(np.int64(N), np.int64(D), V, K)
    assert check_plsa_parameters(torch.tensor(N), D, V, K)


@pytest.mark.parametrize("wrong, words", [
    (D * K + K * V, "counted every entry"),
    (K * (V - 1), "topics' share only"),
    (D * (K - 1), "documents' proportions only"),
    (D * V, "cells of the count matrix"),
    (D * K + K * (V - 1), "theta's entries in full"),
    (D * (K - 1) + K * V, "phi's entries in full"),
    (N + 1, "Count the free numbers"),
    (N + 0.5, "whole number"),
])
def test_parameters_recognise_the_usual_mistakes(wrong, words):
    assert words in _hint(check_plsa_parameters(wrong, D, V, K))


@pytest.mark.parametrize("odd", ODD)
def test_parameters_never_raise(odd):
    assert not check_plsa_parameters(odd, D, V, K)
    assert not check_plsa_parameters(N, odd, V, K)
    assert not check_plsa_parameters(N, D, odd, K)
    assert not check_plsa_parameters(N, D, V, odd)


# --- Exercise 4: the unigram baseline's held-out perplexity ------------------------------------------
XT = np.array([[3.0, 1.0, 0.0, 2.0], [1.0, 0.0, 4.0, 0.0], [1.0, 2.0, 1.0, 1.0]])
XH = np.array([[1.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 3.0]])
P_UNI = XT.sum(axis=0) / XT.sum()
N_HELD = XH.sum(axis=0)
UNIGRAM = math.exp(-float(N_HELD @ np.log(P_UNI)) / N_HELD.sum())


def _ppl(p, n):
    return math.exp(-float(n[n > 0] @ np.log(p[n > 0])) / n.sum())


def test_unigram_right_in_any_form():
    assert check_unigram_perplexity(UNIGRAM, XT, XH)
    assert check_unigram_perplexity(round(UNIGRAM, 3), sp.csr_matrix(XT), sp.csr_matrix(XH))
    assert check_unigram_perplexity(torch.tensor(UNIGRAM, requires_grad=True), XT, XH)
    assert check_unigram_perplexity(2 ** (-float(N_HELD @ np.log2(P_UNI)) / N_HELD.sum()), XT, XH)  # in bits: the same


@pytest.mark.parametrize("wrong, words", [
    (math.log(UNIGRAM), "cross-entropy in nats"),
    (1 / UNIGRAM, "minus sign got lost"),
    (4.0, "uniform guess"),
    (_ppl(N_HELD / N_HELD.sum(), N_HELD), "from the held-out words themselves"),
    (_ppl(P_UNI, XT.sum(axis=0)), "scores the training words"),
    (_ppl(P_UNI, (N_HELD > 0).astype(float)), "each distinct held-out word once"),
    (_ppl((XT > 0).sum(axis=0) / (XT > 0).sum(), N_HELD), "documents a word occurs in"),
    (UNIGRAM * 1.5, "X_train.sum(axis=0) / X_train.sum()"),
])
def test_unigram_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_unigram_perplexity(wrong, XT, XH))


@pytest.mark.parametrize("odd", ODD)
def test_unigram_never_raises(odd):
    assert not check_unigram_perplexity(odd, XT, XH)


@pytest.mark.parametrize("bad", [None, "X", np.zeros(4), -np.ones((3, 4)), object()])
def test_unigram_names_the_broken_notebook_variable(bad):
    assert "X_train" in _hint(check_unigram_perplexity(UNIGRAM, bad, XH))
    assert "X_held" in _hint(check_unigram_perplexity(UNIGRAM, XT, bad))


def test_unigram_refuses_matrices_that_do_not_fit_together():
    assert "same vocabulary" in _hint(check_unigram_perplexity(UNIGRAM, XT, XH[:, :3]))
    XT0 = XT.copy()
    XT0[:, 3] = 0
    assert "occur in X_train" in _hint(check_unigram_perplexity(UNIGRAM, XT0, XH))


# --- Exercise 5: EM's lower bound, on a two-word PLSA ---------------------------------------------------
def lower_bound(X, theta, phi, q):
    joint = theta[:, None, :] * phi.T[None, :, :]
    return float(np.sum(X[:, :, None] * q * np.log(joint / q)))


def lower_bound_torch(X, theta, phi, q):
    X, theta, phi, q = (torch.as_tensor(a) for a in (X, theta, phi, q))
    joint = theta[:, None, :] * phi.T[None, :, :]
    return (X[:, :, None] * (q * torch.log(joint) - torch.xlogy(q, q))).sum()      # a 0-d tensor


def lower_bound_loops(X, theta, phi, q):
    total = 0.0
    for d in range(X.shape[0]):
        for w in range(X.shape[1]):
            for k in range(theta.shape[1]):
                total += X[d, w] * q[d, w, k] * math.log(theta[d, k] * phi[k, w] / q[d, w, k])
    return total


def test_lower_bound_right_answers():
    for fn in (lower_bound, lower_bound_torch, lower_bound_loops):
        result = check_em_lower_bound(fn)
        assert result, result
    message = check_em_lower_bound(lower_bound).message
    assert "two-word PLSA" in message and "the bound touches" in message


def _without_entropy(X, theta, phi, q):
    return float(np.sum(X[:, :, None] * q * np.log(theta[:, None, :] * phi.T[None, :, :])))


def _without_counts(X, theta, phi, q):
    return float(np.sum(q * np.log(theta[:, None, :] * phi.T[None, :, :] / q)))


def _entropy_sign(X, theta, phi, q):
    return float(np.sum(X[:, :, None] * q * (np.log(theta[:, None, :] * phi.T[None, :, :]) + np.log(q))))


def _the_loglik(X, theta, phi, q):
    return float(np.sum(X * np.log(theta @ phi)))


def _special_case(X, theta, phi, q):
    """Right on the check's test q, wrong at the responsibilities: caught by the second half of the check."""
    joint = theta[:, None, :] * phi.T[None, :, :]
    if np.allclose(q, joint / joint.sum(axis=2, keepdims=True)):
        return 0.0
    return lower_bound(X, theta, phi, q)


@pytest.mark.parametrize("fn, words", [
    (_without_entropy, "entropy of q"),
    (_without_counts, "Weight each cell by its count"),
    (_entropy_sign, "wrong sign"),
    (_the_loglik, "log-likelihood L itself"),
    (lambda X, t, p, q: X[:, :, None] * q * np.log(t[:, None, :] * p.T[None, :, :] / q), "Return one number"),
    (lambda X, t, p, q: lower_bound(X, t, p, q) + 1.0, "Inside the log"),
    (_special_case, "no special case"),
    (lambda X, t, p, q: "F", "number"),
    (lambda X, t, p, q: None, "None"),
    (lambda X, t, p, q: 1 / 0, "ZeroDivisionError"),
])
def test_lower_bound_recognises_the_usual_mistakes(fn, words):
    assert words in _hint(check_em_lower_bound(fn))


@pytest.mark.parametrize("odd", [None, ..., "lower_bound", 3.0, np.zeros(4)])
def test_lower_bound_never_raises_on_non_functions(odd):
    assert not check_em_lower_bound(odd)
