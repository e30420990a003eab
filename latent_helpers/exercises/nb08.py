"""Checks for 08_topic_models.

Each check works out the expected answer itself, calls a learner's function on copies of its
inputs, recognises the usual mistakes by name and never raises on learner input.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from ._framework import (Feedback, as_array, as_number, as_whole_number, call_learner, check_array_close,
                         check_close, describe, diagnose, guarded, missing)

__all__ = ["check_topic_word_counts", "check_plsa_em_step", "check_plsa_parameters", "check_unigram_perplexity",
           "check_em_lower_bound"]


def _notebook_array(x, name: str, where: str, ndim: int) -> np.ndarray | Feedback:
    """An array the notebook passes in (not the learner's answer), or a Feedback naming the variable."""
    try:
        if sp.issparse(x):
            x = x.toarray()
        arr = as_array(x, name=name)
    except Exception:  # pragma: no cover - as_array does not raise
        arr = Feedback(False, "")
    if isinstance(arr, Feedback) or arr.ndim != ndim or arr.size == 0 or np.any(arr < 0):
        return Feedback(False, f"This check needs `{name}` as the notebook makes it ({where}): an array of "
                               f"{ndim} dimensions with no negative numbers, got {describe(x)}. Run that cell "
                               "again, then this one.")
    return arr


def _word_column(X, theta, phi, word) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | Feedback:
    """The notebook's count matrix, theta, phi and word index, checked against each other."""
    X = _notebook_array(X, "X_train", "section 1", 2)
    theta = _notebook_array(theta, "plsa.theta_", "section 2", 2)
    phi = _notebook_array(phi, "plsa.phi_", "section 2", 2)
    for arr in (X, theta, phi):
        if isinstance(arr, Feedback):
            return arr
    D, V = X.shape
    if theta.shape[0] != D or phi.shape[1] != V or theta.shape[1] != phi.shape[0]:
        return Feedback(False, f"This check needs X_train (documents, words), plsa.theta_ (documents, topics) and "
                               f"plsa.phi_ (topics, words) of one model; got shapes {X.shape}, {theta.shape} and "
                               f"{phi.shape}. Run sections 1 and 2 again.")
    w = as_whole_number(word)
    if isinstance(w, Feedback) or isinstance(word, (bool, np.bool_)) or not 0 <= w < V:
        return Feedback(False, f"This check needs `w`, the column of a word in X_train (a whole number from 0 to "
                               f"{V - 1}), got {describe(word)}. Run the exercise's first line again.")
    if X[:, w].sum() <= 0:
        return Feedback(False, "This word never occurs in the training documents: choose one that does.")
    return X, theta, phi, w


@guarded
def check_topic_word_counts(answer, X, theta, phi, word) -> Feedback:
    """How many of the occurrences of word ``word`` each topic wrote: the expected counts
    sum_d X[d, w] * q[d, w, k], with q the responsibilities theta[d, k] phi[k, w] / sum_j theta[d, j] phi[j, w].

    ``X`` (documents, words) counts, ``theta`` (documents, topics), ``phi`` (topics, words): a fitted PLSA.
    Recognises: theta left out, phi left out (the counts spread by theta), the products not normalised,
    every document counted once whatever its count, shares instead of counts, and phi[:, w] itself.

    >>> X = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> theta, phi = np.array([[0.5, 0.5], [0.2, 0.8]]), np.array([[0.6, 0.4], [0.1, 0.9]])
    >>> bool(check_topic_word_counts([2 * 0.3 / 0.35, 2 * 0.05 / 0.35], X, theta, phi, 0))
    True
    """
    if (m := missing(answer)) is not None:
        return m
    data = _word_column(X, theta, phi, word)
    if isinstance(data, Feedback):
        return data
    X, theta, phi, w = data
    n = X[:, w]
    has = n > 0
    joint = theta[has] * phi[:, w]                              # (documents with the word, K)
    p = joint.sum(axis=1)
    if np.any(p <= 0):
        return Feedback(False, "This check needs a fitted model that gives the word a probability above 0 in every "
                               "document that contains it: run section 2 again.")
    q = joint / p[:, None]
    expected = n[has] @ q
    total = float(n.sum())
    K = theta.shape[1]
    got = as_array(answer, shape=(K,))
    if isinstance(got, Feedback):
        extra = " Skip the documents without the word: for them theta * phi can be all zeros, and 0 / 0 is NaN." \
            if "NaN" in got.message else f" Give {K} numbers, one per topic."
        return Feedback(False, got.message + extra)
    mistakes = {
        "You left theta out: phi[:, w] says which topic likes the word, but a document that hardly uses a topic "
        "rarely lets it write its words. Compute the responsibilities per document, theta[d] * phi[:, w] "
        "normalised.": total * phi[:, w] / phi[:, w].sum(),
        "These are the documents' proportions theta, weighted by the counts: the word itself should shift "
        "the credit towards the topics that make it likely. Multiply by phi[:, w], then normalise per "
        "document.": n[has] @ theta[has],
        "The products theta[d] * phi[:, w] are not normalised: divide each document's by its sum, p(w | d), so "
        "that each occurrence hands out exactly 1.": n[has] @ joint,
        "You counted each document once: a document with the word 3 times gives 3 occurrences to share out. "
        "Weight each document's responsibilities by X[d, w].": q.sum(axis=0),
        "These are shares (they sum to 1): the question asks how many occurrences, so do not divide by the total.":
            expected / total,
        "That is phi[:, w], each topic's probability of the word: it does not say how much each topic was used.":
            phi[:, w],
    }
    mistakes = {hint: v for hint, v in mistakes.items() if not np.allclose(v, expected, rtol=1e-3, atol=1e-3 * total)}
    best, favourite = int(np.argmax(expected)), int(np.argmax(phi[:, w]))
    contrast = (f" Note that z{favourite}, the topic with the largest phi[k, w], is not the one that wrote the most: "
                f"z{best} is used more in the documents that contain the word." if best != favourite else
                f" z{best} is also the topic with the largest phi[k, w].")
    return check_array_close(
        got, expected,
        praise=f"Right: the {total:.0f} occurrences split as " + ", ".join(f"z{k} {v:.1f}" for k, v in enumerate(expected))
               + f" (they add up to {total:.0f})." + contrast,
        hint="For each document d with the word: q = theta[d] * phi[:, w], divided by its sum; then add up "
             "X[d, w] * q over the documents.",
        rtol=1e-3, atol=1e-3 * total, mistakes=mistakes)


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
def check_unigram_perplexity(answer, X_train, X_held) -> Feedback:
    """Held-out perplexity of the unigram model: every word w gets p(w) = its share of the training
    occurrences, whatever the document; perplexity = exp(-sum n log p(w) / sum n) over the held-out words.

    Recognises: the exp left out (cross-entropy in nats), the minus sign lost, a uniform guess over the
    vocabulary, p estimated from the held-out words themselves, the training words scored instead,
    the distinct held-out words scored once each, and p from document frequencies.

    >>> X_train = np.array([[3.0, 1.0], [1.0, 0.0]])
    >>> X_held = np.array([[1.0, 1.0]])
    >>> bool(check_unigram_perplexity(math.exp(-(math.log(0.8) + math.log(0.2)) / 2), X_train, X_held))
    True
    """
    if (m := missing(answer)) is not None:
        return m
    train = _notebook_array(X_train, "X_train", "section 1", 2)
    held = _notebook_array(X_held, "X_held", "section 2", 2)
    for arr in (train, held):
        if isinstance(arr, Feedback):
            return arr
    if train.shape[1] != held.shape[1] or held.sum() <= 0:
        return Feedback(False, f"This check needs X_train and X_held over the same vocabulary (the same number of "
                               f"columns), with some held-out words; got shapes {train.shape} and {held.shape}. "
                               "Run sections 1 and 2 again.")
    word_totals = train.sum(axis=0)
    if np.any(word_totals[held.sum(axis=0) > 0] <= 0):
        return Feedback(False, "This check needs every held-out word to occur in X_train (the vocabulary is built on "
                               "the training documents). Run sections 1 and 2 again.")
    value = as_number(answer)
    if isinstance(value, Feedback):
        return value

    def ppl(p, n):
        used = n > 0
        return math.exp(-float(n[used] @ np.log(p[used])) / float(n.sum()))

    n_held = held.sum(axis=0)
    p = word_totals / word_totals.sum()
    expected = ppl(p, n_held)
    with np.errstate(divide="ignore"):
        own = n_held / n_held.sum()
        doc_freq = (train > 0).sum(axis=0) / (train > 0).sum()
        mistakes = {
            "That is the average of -log p, the cross-entropy in nats: perplexity is its exponential.":
                math.log(expected),
            "That is 1 / perplexity: the minus sign got lost. Perplexity = exp(-mean log p), a number above 1.":
                1.0 / expected,
            "That is the size of the vocabulary: the perplexity of a uniform guess. The unigram model gives each "
            "word its share of the training occurrences.": float(train.shape[1]),
            "You estimated p from the held-out words themselves: a model may only learn from the training "
            "documents (that is what makes the score a test).": ppl(own, n_held),
            "That scores the training words: the question is about the held-out words, X_held.":
                ppl(p, word_totals),
            "You scored each distinct held-out word once: weight each log p by how often the word occurs in "
            "X_held.": ppl(p, (n_held > 0).astype(float)),
            "You counted the documents a word occurs in, not its occurrences: p(w) = the column sums of X_train "
            "divided by their total.": ppl(doc_freq, n_held) if np.all(doc_freq[n_held > 0] > 0) else float("nan"),
        }
    mistakes = {hint: v for hint, v in mistakes.items() if np.isfinite(v) and not math.isclose(v, expected, rel_tol=1e-3)}
    return check_close(
        value, expected,
        praise=f"Right: {expected:,.0f}. This model knows nothing about the document: it predicts every held-out word "
               "from the corpus's word shares. A topic model earns its keep only if it does better: compare with "
               "the held-out perplexities of section 4. Do all three models beat it?",
        hint="p = X_train.sum(axis=0) / X_train.sum() (one probability per word); then exp(-sum(n * log p) / sum(n)) "
             "with n the held-out counts, X_held.sum(axis=0).",
        rel=1e-3, mistakes=mistakes)


# ------------------------------------------------------------------------------ EM's lower bound
def _bound_reference(X, theta, phi, q, counts=True, entropy=True):
    """F = sum over cells of X[d, w] * sum_k q log(theta phi / q); the flags drop a part (the usual mistakes)."""
    joint = theta[:, None, :] * phi.T[None, :, :]               # (D, V, K)
    inner = q * np.log(joint) - (q * np.log(q) if entropy else 0.0)
    return float(np.sum((X[:, :, None] if counts else 1.0) * inner))


def _bound_cases():
    """Two-word PLSAs (two topics, three documents) and one larger case, with q that are not responsibilities."""
    rng = np.random.default_rng(5)
    cases = []
    for D, V, K in ((3, 2, 2), (3, 2, 2), (4, 5, 3)):
        X = rng.integers(0, 5, size=(D, V)).astype(np.float64)
        X[0, 0], X[-1, -1] = 0.0, 3.0                           # a zero cell, and no empty matrix
        theta = rng.dirichlet(np.ones(K), size=D)
        phi = rng.dirichlet(np.ones(V), size=K)
        q = rng.dirichlet(np.ones(K), size=(D, V))
        cases.append((X, theta, phi, q))
    return cases


def _em_iteration(X, theta, phi):
    joint = theta[:, None, :] * phi.T[None, :, :]
    q = joint / joint.sum(axis=2, keepdims=True)
    expected = X[:, :, None] * q
    return q, _rows(expected.sum(axis=1)), _rows(expected.sum(axis=0).T)


@guarded
def check_em_lower_bound(fn) -> Feedback:
    """``fn(X, theta, phi, q)`` must return Jensen's lower bound on PLSA's log-likelihood,
    F = sum_{d, w} X[d, w] * sum_k q[d, w, k] * log(theta[d, k] * phi[k, w] / q[d, w, k]),
    for a dense count matrix X (D, V), theta (D, K), phi (K, V) and any q (D, V, K) whose last axis sums to 1.

    Checked against the formula on two-word PLSAs and a larger case; then the learner's own F is used to
    check the steps of the argument on a two-word PLSA: F <= L for other q, F = L at the E-step's
    responsibilities, and F(new) >= F(old) after the M-step. Recognises: the entropy term left out, the
    counts left out, its sign flipped, L itself returned (q ignored), and an array instead of one number.

    >>> def lower_bound(X, theta, phi, q):
    ...     joint = theta[:, None, :] * phi.T[None, :, :]
    ...     return float(np.sum(X[:, :, None] * q * np.log(joint / q)))
    >>> bool(check_em_lower_bound(lower_bound))
    True
    """
    for X, theta, phi, q in _bound_cases():
        out, problem = call_learner(fn, X, theta, phi, q)
        if problem is not None:
            return problem
        value = as_number(out, name="your function's result")
        if isinstance(value, Feedback):
            arr = as_array(out, allow_nonfinite=True)
            if not isinstance(arr, Feedback) and arr.size > 1:
                return Feedback(False, f"Return one number, the sum over all cells (and topics); got "
                                       f"{describe(out)}.")
            return value
        expected = _bound_reference(X, theta, phi, q)
        if math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9):
            continue
        mistakes = {
            "That is only the first part, sum X q log(theta phi): Jensen's bound also has the entropy of q, "
            "-sum X q log q (from the division by q inside the log). Without it F does not touch L at the "
            "responsibilities.": _bound_reference(X, theta, phi, q, entropy=False),
            "Weight each cell by its count X[d, w]: the log-likelihood counts a word that occurs 3 times 3 times.":
                _bound_reference(X, theta, phi, q, counts=False),
            "The entropy term has the wrong sign: log(theta phi / q) = log(theta phi) - log q.":
                float(np.sum(X[:, :, None] * q * (np.log(theta[:, None, :] * phi.T[None, :, :]) + np.log(q)))),
            "That is the log-likelihood L itself: it does not depend on q. The bound is what Jensen's inequality "
            "gives for a given q: sum X q log(theta phi / q).": _loglik(X, theta, phi),
        }
        hit = diagnose(value, expected, mistakes, rtol=1e-6, atol=1e-9)
        return hit if hit is not None else Feedback(
            False, f"On a {X.shape[0]}-document, {X.shape[1]}-word test case your F is {value:.4f}, the bound is "
                   f"{expected:.4f}. Inside the log write theta phi = q * (theta phi / q), so log p(w | d) = "
                   "log sum_k q (theta phi / q) >= sum_k q log(theta phi / q); weight by X[d, w] and add up.")
    # the argument, with the learner's own F, on the first two-word PLSA
    X, theta, phi, q_any = _bound_cases()[0]
    L_old = _loglik(X, theta, phi)
    q, theta_new, phi_new = _em_iteration(X, theta, phi)
    F = lambda *args: as_number(call_learner(fn, X, *args)[0])   # noqa: E731 - the learner's F, a number
    F_any, F_old, F_new = F(theta, phi, q_any), F(theta, phi, q), F(theta_new, phi_new, q)
    L_new = _loglik(X, theta_new, phi_new)
    steps = (F_any, F_old, F_new)
    if any(isinstance(v, Feedback) for v in steps) or not (
            F_any <= L_old + 1e-9 and math.isclose(F_old, L_old, rel_tol=1e-6) and L_old <= F_new + 1e-9 <= L_new + 2e-9):
        return Feedback(False, "Your F matches the bound on the test cases but not at the E-step's responsibilities "
                               "or after the M-step: write it for any q, with no special case.")
    return Feedback(True, f"Right. On a two-word PLSA (3 documents, 2 topics), with your F: F = {F_any:.3f} <= "
                          f"L = {L_old:.3f} for some other q; at the E-step's responsibilities F = {F_old:.3f} = L "
                          f"(the bound touches); after the M-step F = {F_new:.3f}, and the new L = {L_new:.3f} is at "
                          "least that. So L_new >= F(new) >= F(old) = L_old: EM never goes down.")
