"""The checks of notebook 08: right answers pass, each recognised mistake gets its own hint, odd input never raises."""
import math

import numpy as np
import pytest
import torch

from latent_helpers.exercises import (Feedback, check_perplexity, check_plsa_em_step, check_plsa_parameters,
                                      check_responsibilities)

ODD = [None, ..., "0.5", True, [1, 2, 3, 4], np.zeros((2, 2)), float("nan"), object(), {"a": 1}, 3 + 1j]


def _hint(result) -> str:
    assert isinstance(result, Feedback) and not result
    return result.message


# --- Exercise 1: responsibilities of one word --------------------------------------------------
THETA_D = np.array([0.6, 0.3, 0.1])
PHI_W = np.array([0.001, 0.02, 0.004])
JOINT = THETA_D * PHI_W
Q = JOINT / JOINT.sum()


def test_responsibilities_right_in_any_form():
    assert check_responsibilities(Q, THETA_D, PHI_W)
    assert check_responsibilities(list(np.round(Q, 3)), THETA_D, PHI_W)
    assert check_responsibilities(torch.tensor(Q, requires_grad=True), THETA_D, PHI_W)
    assert check_responsibilities(Q.astype(np.float32), THETA_D, PHI_W)


@pytest.mark.parametrize("wrong, words", [
    (JOINT, "not yet normalised"),
    (PHI_W / PHI_W.sum(), "left theta out"),
    (THETA_D, "proportions theta_d themselves"),
    (JOINT / PHI_W.sum(), "sum of phi_w only"),
    (Q[::-1], "Multiply theta_d and phi_w"),
    (Q[:2], "Expected shape (3,)"),
])
def test_responsibilities_recognise_the_usual_mistakes(wrong, words):
    assert words in _hint(check_responsibilities(wrong, THETA_D, PHI_W))


@pytest.mark.parametrize("odd", ODD)
def test_responsibilities_never_raise(odd):
    assert not check_responsibilities(odd, THETA_D, PHI_W)
    assert not check_responsibilities(Q, odd, PHI_W)
    assert not check_responsibilities(Q, THETA_D, odd)


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


# --- Exercise 4: perplexity --------------------------------------------------------------------------
P = np.array([0.01, 0.002, 0.0005, 0.02])
C = np.array([3, 1, 2, 4])
NLL = -float(np.sum(C * np.log(P))) / C.sum()
PPL = math.exp(NLL)


def test_perplexity_right_in_any_form():
    assert check_perplexity(PPL, P, C)
    assert check_perplexity(round(PPL, 2), P, C)
    assert check_perplexity(2 ** (-np.sum(C * np.log2(P)) / C.sum()), P, C)     # in bits, the same number
    assert check_perplexity(torch.tensor(PPL, requires_grad=True), P, C)


@pytest.mark.parametrize("wrong, words", [
    (NLL, "cross-entropy in nats"),
    (1 / PPL, "minus sign got lost"),
    (math.exp(-np.mean(np.log(P))), "ignored how often"),
    (math.exp(-np.sum(C * np.log(P))), "divided by nothing"),
    (float(np.sum(C / P) / C.sum()), "average of 1 / p"),
    (PPL * 1.5, "exp(-sum(counts * log(probs))"),
])
def test_perplexity_recognises_the_usual_mistakes(wrong, words):
    assert words in _hint(check_perplexity(wrong, P, C))


@pytest.mark.parametrize("odd", ODD)
def test_perplexity_never_raises(odd):
    assert not check_perplexity(odd, P, C)
    assert not check_perplexity(PPL, odd, C)
    assert not check_perplexity(PPL, P, odd)
