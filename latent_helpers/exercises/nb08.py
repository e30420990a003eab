"""Checks for 08_topic_models.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import math

import numpy as np

from ._framework import (Feedback, as_array, as_whole_number, call_learner, check_array_close,
                         check_close, describe, diagnose, guarded, missing)

__all__ = ["check_responsibilities", "check_plsa_em_step", "check_plsa_parameters", "check_perplexity"]


def _vector(x, name: str, positive: bool = False) -> np.ndarray | Feedback:
    """A check's own input as a finite 1-D float array, or a Feedback saying it is not usable."""
    arr = as_array(x, name=name)
    if isinstance(arr, Feedback) or arr.ndim != 1 or arr.size == 0 or np.any(arr < 0) or (positive and np.any(arr <= 0)):
        return Feedback(False, f"This check needs {name} as a list of {'positive' if positive else 'non-negative'} "
                               f"numbers (as the exercise gives it), got {describe(x)}. Run the exercise's cell "
                               "again as it was.")
    return arr


@guarded
def check_responsibilities(answer, theta_d, phi_w) -> Feedback:
    """The responsibilities of one word occurrence: q[k] = theta_d[k] * phi_w[k] / sum_j theta_d[j] * phi_w[j].

    ``theta_d``: the document's topic proportions; ``phi_w``: each topic's probability of the word.
    Recognises: the products not normalised, theta left out, phi left out, and normalising by the sum
    of phi alone.

    >>> bool(check_responsibilities([0.5, 0.5], [0.5, 0.5], [0.1, 0.1]))
    True
    >>> check_responsibilities([0.05, 0.05], [0.5, 0.5], [0.1, 0.1]).message.split(":")[0]
    'These are the products theta * phi, not yet normalised'
    """
    if (m := missing(answer)) is not None:
        return m
    theta = _vector(theta_d, "theta_d")
    phi = _vector(phi_w, "phi_w")
    for arr in (theta, phi):
        if isinstance(arr, Feedback):
            return arr
    if theta.shape != phi.shape:
        return Feedback(False, f"This check needs theta_d and phi_w of the same length (one number per topic), got "
                               f"{theta.size} and {phi.size}. Run the exercise's cell again as it was.")
    joint = theta * phi
    if joint.sum() <= 0:
        return Feedback(False, "This check needs theta_d and phi_w whose products are not all zero.")
    expected = joint / joint.sum()
    got = as_array(answer, shape=expected.shape)
    if isinstance(got, Feedback):
        return Feedback(False, got.message + f" Give {expected.size} numbers, one responsibility per topic.")
    mistakes = {
        "These are the products theta * phi, not yet normalised: divide them by their sum, so that the "
        "responsibilities of one word over the topics add up to 1.": joint,
        "You left theta out: phi_w / sum(phi_w) says which topic likes the word, but a topic the document "
        "hardly uses should rarely get the credit. Multiply by theta_d first.": phi / phi.sum(),
        "These are the document's proportions theta_d themselves: the word should shift them towards the "
        "topics that give it a high probability. Multiply by phi_w, then normalise.": theta,
        "You divided by the sum of phi_w only: the normaliser is sum_k theta_d[k] * phi_w[k], the word's "
        "probability in the document.": joint / phi.sum(),
    }
    return check_array_close(
        got, expected,
        praise="q = theta * phi / sum(theta * phi): " + ", ".join(f"{v:.3f}" for v in expected) + ". The "
               "word moves credit towards the topics that make it likely, weighted by how much the document "
               "uses them.",
        hint="Multiply theta_d and phi_w element by element, then divide by the sum of the products.",
        rtol=1e-3, atol=1e-3, mistakes=mistakes)   # three decimals are enough


# ------------------------------------------------------------------------------------ one EM step
def _em_reference(X, theta, phi, weighted: bool = True, e_axis: int = 2):
    """A dense EM iteration (the notebook's E- and M-step); the flags make the usual mistakes."""
    joint = theta[:, None, :] * phi.T[None, :, :]                # (D, V, K)
    q = joint / joint.sum(axis=e_axis, keepdims=True)
    expected = (X[:, :, None] * q) if weighted else q
    return expected.sum(axis=1), expected.sum(axis=0).T          # unnormalised (D, K), (K, V)


def _rows(A):
    return A / A.sum(axis=1, keepdims=True)


def _cols(A):
    return A / A.sum(axis=0, keepdims=True)


def _loglik(X, theta, phi):
    return float(np.sum(X * np.log(theta @ phi)))


def _em_cases():
    rng = np.random.default_rng(8)
    cases = []
    for D, V, K in ((4, 6, 3), (5, 7, 2)):
        X = rng.integers(0, 4, size=(D, V)).astype(np.float64)
        X[0, :2] = 0.0
        X[:, 0] += 1.0                                          # no empty document
        theta = rng.dirichlet(np.ones(K), size=D)
        phi = rng.dirichlet(np.ones(V), size=K)
        cases.append((X, theta, phi))
    return cases


def _pair(out, D: int, V: int, K: int) -> tuple[np.ndarray, np.ndarray] | Feedback:
    """The learner's result as (theta (D, K), phi (K, V)), or a Feedback about its form."""
    if not isinstance(out, (tuple, list)):
        return Feedback(False, f"Return two arrays as a pair, `return theta_new, phi_new`; got {describe(out)}.")
    if len(out) != 2:
        return Feedback(False, f"Return exactly two arrays, (theta_new, phi_new); got {len(out)} items.")
    a, b = as_array(out[0], name="theta_new"), as_array(out[1], name="phi_new")
    for x in (a, b):
        if isinstance(x, Feedback):
            return x
    if a.shape == (K, V) and b.shape == (D, K):
        return Feedback(False, "The two arrays come in the wrong order: return theta_new (documents x topics) "
                               "first, then phi_new (topics x words).")
    if a.shape != (D, K):
        return Feedback(False, f"theta_new must have shape (documents, topics) = {(D, K)}, got {a.shape}.")
    if b.shape != (K, V):
        extra = " Transpose it (.T)." if b.shape == (V, K) else ""
        return Feedback(False, f"phi_new must have shape (topics, words) = {(K, V)}, got {b.shape}.{extra}")
    return a, b


@guarded
def check_plsa_em_step(fn) -> Feedback:
    """``fn(X, theta, phi)`` must return one EM iteration of PLSA, ``(theta_new, phi_new)``, on a dense
    count matrix ``X`` (D, V) with ``theta`` (D, K) and ``phi`` (K, V).

    Checked on two small matrices against the E- and M-step of the notebook. Recognises: the counts
    left out of the M-step, results not normalised, theta or phi normalised along the wrong axis,
    responsibilities normalised over words instead of topics, the two results in the wrong order, and
    parameters returned unchanged.

    >>> def em_step(X, theta, phi):
    ...     joint = theta[:, None, :] * phi.T[None, :, :]
    ...     e = X[:, :, None] * joint / joint.sum(axis=2, keepdims=True)
    ...     t, p = e.sum(axis=1), e.sum(axis=0).T
    ...     return t / t.sum(axis=1, keepdims=True), p / p.sum(axis=1, keepdims=True)
    >>> bool(check_plsa_em_step(em_step))
    True
    """
    for X, theta, phi in _em_cases():
        D, V = X.shape
        K = theta.shape[1]
        out, problem = call_learner(fn, X, theta, phi)
        if problem is not None:
            return problem
        pair = _pair(out, D, V, K)
        if isinstance(pair, Feedback):
            return pair
        got_theta, got_phi = pair
        t_raw, p_raw = _em_reference(X, theta, phi)
        want_theta, want_phi = _rows(t_raw), _rows(p_raw)
        if np.allclose(got_theta, want_theta, atol=1e-6) and np.allclose(got_phi, want_phi, atol=1e-6):
            continue
        t_unw, p_unw = _em_reference(X, theta, phi, weighted=False)
        t_wv, p_wv = _em_reference(X, theta, phi, e_axis=1)
        got = np.concatenate([got_theta.ravel(), got_phi.ravel()])
        both = lambda t, p: np.concatenate([t.ravel(), p.ravel()])  # noqa: E731
        mistakes = {
            "The M-step must weight each cell's responsibilities by its count X[d, w]: a word that occurs 3 "
            "times counts 3 times, and a word that does not occur counts 0 times.": both(_rows(t_unw), _rows(p_unw)),
            "Right sums, but not normalised: divide theta_new's rows and phi_new's rows by their sums, so that "
            "each document's proportions and each topic's word probabilities add up to 1.": both(t_raw, p_raw),
            "phi_new is normalised over the topics (its columns): each topic is a distribution over words, so "
            "each *row* of phi_new (axis=1) must sum to 1.": both(want_theta, _cols(p_raw)),
            "theta_new is normalised over the documents (its columns): each document's proportions over the "
            "topics, each *row* (axis=1), must sum to 1.": both(_cols(t_raw), want_phi),
            "The responsibilities are normalised over the words: q[d, w, :] is a distribution over the topics "
            "(for one word in one document), so divide by the sum over k (the last axis).":
                both(_rows(t_wv), _rows(p_wv)),
            "theta and phi came back unchanged: compute the responsibilities (E-step), then the new theta and "
            "phi from the expected counts X * q (M-step).": both(theta, phi),
        }
        hit = diagnose(got, both(want_theta, want_phi), mistakes, rtol=1e-4, atol=1e-6)
        if hit is not None:
            return hit
        if not np.allclose(got_theta, want_theta, atol=1e-6):
            return Feedback(False, "theta_new is not right yet. E-step: q = theta[d, k] * phi[k, w] normalised "
                                   "over k; M-step: theta_new[d, k] = sum over w of X[d, w] * q[d, w, k], each row "
                                   "normalised.")
        return Feedback(False, "theta_new is right; phi_new is not yet: phi_new[k, w] = sum over d of "
                               "X[d, w] * q[d, w, k], each row (topic) normalised over the words.")
    X, theta, phi = _em_cases()[0]
    before = _loglik(X, theta, phi)
    t_raw, p_raw = _em_reference(X, theta, phi)
    after = _loglik(X, _rows(t_raw), _rows(p_raw))
    return Feedback(True, f"One EM iteration: responsibilities over the topics, expected counts, normalised "
                          f"sums. On the first test matrix it raises the log-likelihood from {before:.2f} to "
                          f"{after:.2f} nats, as every EM iteration must.")


# ------------------------------------------------------------------------------ parameter count
@guarded
def check_plsa_parameters(answer, n_docs, n_words, n_topics) -> Feedback:
    """The free parameters of PLSA: n_docs * (n_topics - 1) + n_topics * (n_words - 1).

    Recognises: every entry counted (sums-to-one ignored), only the topics, only the documents'
    proportions, and the size of the count matrix.

    >>> bool(check_plsa_parameters(4 * 2 + 3 * 4, 4, 5, 3))
    True
    >>> check_plsa_parameters(3 * 4, 4, 5, 3).message.split(":")[0]
    "That is the topics' share only, K * (V - 1)"
    """
    if (m := missing(answer)) is not None:
        return m
    sizes = []
    for value, name in ((n_docs, "n_docs"), (n_words, "n_words"), (n_topics, "n_topics")):
        v = as_whole_number(value)
        if isinstance(v, Feedback) or isinstance(value, (bool, np.bool_)) or v < 1 or v > 10 ** 9:
            return Feedback(False, f"This check needs {name} as a positive whole number (as the notebook defines "
                                   f"it), got {describe(value)}. Run the notebook's cells above again.")
        sizes.append(v)
    D, V, K = sizes
    if K < 2 or V < 2:
        return Feedback(False, "This check needs at least 2 topics and 2 words.")
    expected = D * (K - 1) + K * (V - 1)
    got = as_whole_number(answer)
    if isinstance(got, Feedback):
        return got
    mistakes = {
        "You counted every entry of theta and phi: each row is a distribution, so its last entry is fixed "
        "by the others (it is 1 minus their sum). Take one off per row.": D * K + K * V,
        "That is the topics' share only, K * (V - 1): each training document has its own proportions "
        "theta[d] too, K - 1 free numbers each, and these grow with the number of documents.": K * (V - 1),
        "That is the documents' proportions only, D * (K - 1): add the topics, K * (V - 1).": D * (K - 1),
        "That is the number of cells of the count matrix, D * V, not the number of parameters.": D * V,
        "Close: you counted theta's entries in full. Each theta[d] sums to 1, so it has K - 1 free numbers.":
            D * K + K * (V - 1),
        "Close: you counted phi's entries in full. Each phi[k] sums to 1, so it has V - 1 free numbers.":
            D * (K - 1) + K * V,
    }
    mistakes = {hint: v for hint, v in mistakes.items() if v != expected}
    for hint, wrong in mistakes.items():
        if got == wrong:
            return Feedback(False, hint)
    if got == expected:
        return Feedback(True, f"{expected:,} = {D} x {K - 1} + {K} x {V - 1}. PLSA's parameters grow with the "
                              "number of documents, one theta per document; LDA's prior replaces those with a "
                              "rule for drawing theta, which is one reason it overfits less.")
    return Feedback(False, "Count the free numbers of each distribution: theta[d] has K - 1 (one per document), "
                           "phi[k] has V - 1 (one per topic).")


# ----------------------------------------------------------------------------------- perplexity
@guarded
def check_perplexity(answer, probs, counts) -> Feedback:
    """Perplexity of word occurrences: exp(-sum(counts * log(probs)) / sum(counts)).

    Recognises: the exp left out (cross-entropy in nats), the minus sign lost (1 / perplexity),
    counts ignored, the total instead of the mean, and the mean of 1 / p.

    >>> bool(check_perplexity(10.0, [0.1, 0.1], [1, 3]))
    True
    >>> check_perplexity(math.log(10), [0.1, 0.1], [1, 3]).message.split(":")[0]
    'That is the average of -log p, the cross-entropy in nats'
    """
    if (m := missing(answer)) is not None:
        return m
    p = _vector(probs, "probs", positive=True)
    n = _vector(counts, "counts")
    for arr in (p, n):
        if isinstance(arr, Feedback):
            return arr
    if p.shape != n.shape or n.sum() <= 0 or np.any(p > 1):
        return Feedback(False, "This check needs probs (between 0 and 1) and counts of the same length, with some "
                               "counts above 0. Run the exercise's cell again as it was.")
    nll = -float(np.sum(n * np.log(p))) / float(n.sum())
    expected = math.exp(nll)
    with np.errstate(over="ignore"):
        mistakes = {
            "That is the average of -log p, the cross-entropy in nats: perplexity is its exponential, "
            "exp(that).": nll,
            "That is 1 / perplexity: the minus sign got lost. Perplexity = exp(-mean log p), a number above 1.":
                1.0 / expected,
            "You averaged over the distinct words and ignored how often each occurs: weight each log p by its "
            "count, and divide by the total count.": math.exp(-float(np.mean(np.log(p)))),
            "You divided by nothing: that is exp of the *total* -log p. Divide the sum by the number of word "
            "occurrences, sum(counts), before taking exp.": math.exp(min(-float(np.sum(n * np.log(p))), 700.0)),
            "That is the (count-weighted) average of 1 / p: perplexity averages the *logs*, exp(-mean log p), "
            "which is smaller.": float(np.sum(n / p) / n.sum()),
        }
    mistakes = {hint: v for hint, v in mistakes.items() if not math.isclose(v, expected, rel_tol=1e-6)}
    return check_close(
        answer, expected,
        praise=f"Perplexity = exp(-sum(n log p) / sum(n)) = {expected:.1f}: the model is as unsure of these "
               f"words as if it chose among {expected:.0f} equally likely ones.",
        hint="Perplexity = exp(-sum(counts * log(probs)) / sum(counts)).",
        rel=1e-3, mistakes=mistakes)
