"""Notebook 08's PLSA, imported from the notebook itself (its ``# %% export`` cells): EM never lowers the
log-likelihood, and the vectorised E- and M-steps over the nonzero cells are the textbook ones."""
import numpy as np
import pytest
import scipy.sparse as sp

import latent_helpers as lh

nb08 = lh.taught("08_topic_models")


def _counts(n_docs=30, n_words=40, density=0.2, seed=0, empty_row=False):
    rng = np.random.default_rng(seed)
    X = sp.random(n_docs, n_words, density=density, format="csr", random_state=seed,
                  data_rvs=lambda n: rng.integers(1, 6, size=n).astype(float))
    if empty_row:
        X = X.tolil()
        X[3, :] = 0
        X = X.tocsr()
        X.eliminate_zeros()
    return X


def _dense_em(X, theta, phi):
    """The textbook EM iteration on a dense matrix: responsibilities (D, V, K), then normalised sums."""
    joint = theta[:, None, :] * phi.T[None, :, :]
    q = joint / joint.sum(axis=2, keepdims=True)
    expected = X[:, :, None] * q
    t, p = expected.sum(axis=1), expected.sum(axis=0).T
    return t / t.sum(axis=1, keepdims=True), p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("seed, k, density", [(0, 2, 0.2), (1, 5, 0.1), (2, 10, 0.3), (3, 3, 0.05)])
def test_log_likelihood_never_decreases(seed, k, density):
    X = _counts(seed=seed, density=density)
    model = nb08.PLSA(k, seed=seed).fit(X, n_iter=60, progress=False)
    L = np.array(model.log_likelihoods_)
    assert len(L) == 61 and np.all(np.isfinite(L))
    steps = np.diff(L)
    assert np.all(steps >= -1e-9 * np.abs(L[:-1])), f"EM lowered L by {-steps.min():.3g} nats"
    assert L[-1] > L[0]  # and it climbs
    # the history is the log-likelihood of the parameters after each iteration
    assert L[-1] == pytest.approx(nb08.log_likelihood(X, model.theta_, model.phi_), rel=1e-12)


def test_never_decreases_with_an_empty_document_and_a_dense_input():
    X = _counts(seed=4, empty_row=True)
    model = nb08.PLSA(4, seed=1).fit(X.toarray(), n_iter=30, progress=False)   # dense input works too
    assert np.all(np.diff(model.log_likelihoods_) >= -1e-9 * np.abs(model.log_likelihoods_[1:]))
    np.testing.assert_allclose(model.theta_[3], 0.25)   # a document without words keeps uniform proportions


def test_one_iteration_is_the_textbook_em_step():
    X = _counts(n_docs=12, n_words=15, density=0.4, seed=5)
    rng = np.random.default_rng(0)
    theta, phi = rng.dirichlet(np.ones(3), 12), rng.dirichlet(np.ones(15), 3)
    docs, words, counts = nb08.nonzeros(X)
    q, p = nb08.e_step(theta, phi, docs, words)
    np.testing.assert_allclose(q.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, (theta @ phi)[docs, words])
    new_theta, new_phi = nb08.m_step(q, counts, docs, words, 12, 15)
    want_theta, want_phi = _dense_em(X.toarray(), theta, phi)
    np.testing.assert_allclose(new_theta, want_theta, rtol=1e-10)
    np.testing.assert_allclose(new_phi, want_phi, rtol=1e-10)


def test_fit_is_deterministic_and_shapes_are_right():
    X = _counts(seed=6)
    a = nb08.PLSA(4, seed=3).fit(X, n_iter=10, progress=False)
    b = nb08.PLSA(4, seed=3).fit(X, n_iter=10, progress=False)
    np.testing.assert_array_equal(a.phi_, b.phi_)
    assert a.theta_.shape == (30, 4) and a.phi_.shape == (4, 40)
    np.testing.assert_allclose(a.theta_.sum(1), 1.0)
    np.testing.assert_allclose(a.phi_.sum(1), 1.0)
    assert a.seconds_per_iteration_ > 0


def test_callback_sees_every_iteration():
    seen = []
    nb08.PLSA(2, seed=0).fit(_counts(), n_iter=7, progress=False, callback=lambda t, th, ph: seen.append(t))
    assert seen == list(range(1, 8))


def test_fold_in_recovers_the_proportions_of_a_generated_document():
    rng = np.random.default_rng(1)
    phi = np.array([[0.5, 0.5, 0, 0, 0, 0], [0, 0, 0.5, 0.5, 0, 0], [0, 0, 0, 0, 0.5, 0.5]]) * 0.97 + 0.005
    phi /= phi.sum(1, keepdims=True)
    true = np.array([0.7, 0.3, 0.0])
    X = sp.csr_matrix(rng.multinomial(20000, true @ phi)[None, :].astype(float))
    theta = nb08.fold_in(X, phi, n_iter=300)
    np.testing.assert_allclose(theta[0], true, atol=0.02)


def test_perplexity_is_exp_of_minus_loglik_per_word():
    X = _counts(seed=7)
    model = nb08.PLSA(3, seed=0).fit(X, n_iter=5, progress=False)
    ppl = nb08.perplexity(X, model.theta_, model.phi_)
    assert ppl == pytest.approx(np.exp(-model.log_likelihoods_[-1] / X.sum()))
    uniform = nb08.perplexity(X, np.full((30, 1), 1.0), np.full((1, 40), 1 / 40))
    assert uniform == pytest.approx(40.0)   # a uniform model is a fair die with V sides
