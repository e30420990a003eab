# %% [markdown] slideshow={"slide_type": "slide"}
# # 08 · Topic models: documents as points on a simplex
#
# A news article of 300 words, written as counts over a vocabulary of a few thousand words, is a
# point in a space of a few thousand dimensions, almost all of them zero. A **topic model**
# compresses it into a handful of numbers: how much of the article is about each of a few
# *topics*, where a topic is itself a distribution over words ("launch, shuttle, orbit, nasa..."). Those
# few numbers are the document's code in a latent space, as the 2 or 20 numbers of an autoencoder
# were a digit's code in notebooks 04 and 05, and they can be read: a document is 70% "space flight"
# and 30% "government".
#
# **In this notebook you will learn**
# - to turn documents into word counts (a *bag of words*), the data a topic model compresses;
# - **PLSA**: each document a mixture of topics, each topic a distribution over words, fitted by
#   **EM**, written from scratch (and in an exercise by you), and why EM never lowers the likelihood;
# - **LDA** (scikit-learn and gensim) beside it, and why LDA's prior matters, measured on the same
#   documents: held-out perplexity, topic coherence, time;
# - to see documents as points on the **topic simplex** (a triangle for 3 topics), and to test
#   whether neighbours in that space share a label more often than neighbours in word counts;
# - to mix topics with sliders and find the real documents nearest to a mixture.
#
# **Time to run:** about 30-60 seconds on a 2-core laptop; every model trains here, in seconds.
# **Prerequisites:** notebook 01 (compression, PCA), 02 (training: train vs validation, overfitting)
# and 07 (text as vectors; cosine vs Euclidean distance). No deep learning in this one: topic
# models are probabilistic models fitted with numpy.

# %% [raw] tags=["deck"]
# # 08 · Topic models
# Documents as points on a simplex
#
# - A document as word counts; its code, a mixture of topics
# - PLSA by EM, written out; LDA beside it, measured
# - The topic simplex as a latent space, and a topic mixer

# %%
# %matplotlib inline
import time

import numpy as np
import matplotlib.pyplot as plt
import scipy.sparse as sp
from gensim.corpora import Dictionary
from gensim.matutils import Sparse2Corpus
from gensim.models import CoherenceModel, LdaModel
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import PCA, LatentDirichletAllocation
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import normalize

import latent_helpers as lh
from latent_helpers import TopicMixer, document_completion_split, load_lee, load_mini_newsgroups, polygon_corners

device = lh.setup(seed=0)

# %% [raw] tags=["deck"]
# ## Documents as counts
# - 300 ABC news articles, posts from alt.atheism and sci.space
# - A bag of words: {{n_words:,}} counts per document, {{1 - X_train.nnz / (n_docs * n_words):.0%}} of them zeros
# - The models never see where a document comes from

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · Documents as counts
# Our library holds documents from two places, both shipped inside gensim's test data (so nothing is
# downloaded; sources and licences in `data/README.md`):
#
# - **ABC news**: 300 articles of the Australian Broadcasting Corporation's news service, written
#   around December 2001 (the "Lee background corpus"): bushfires, Afghanistan, the Middle East,
#   cricket, Australian politics...;
# - **two newsgroups** of the classic 20 Newsgroups collection (Usenet, 1993): posts from
#   `alt.atheism` and from `sci.space`. gensim stores them as a *pickle*, a file format that can
#   run code while it loads, so `load_mini_newsgroups` reads it with a restricted reader that only
#   builds lists, texts and arrays. It also strips each post's header (which names the newsgroup:
#   it would hand the label to the model), quoted replies and signature, and we keep posts with at
#   least 20 words left.
#
# Every document gets a label, where it comes from: 0 = ABC news, 1 = alt.atheism, 2 = sci.space.
# The models never see these labels; section 5 uses them to judge the latent space.

# %%
news = load_lee()
posts = load_mini_newsgroups(min_words=20)
print(news)
print(posts)
texts = list(news.texts) + list(posts.texts)
source = np.concatenate([np.zeros(len(news), dtype=np.int64), 1 + posts.labels])
source_names = ["ABC news", *posts.label_names]
for label, name in enumerate(source_names):
    first = texts[int(np.flatnonzero(source == label)[0])]
    print(f"\n[{name}] {' '.join(first.split())[:230]}...")

# %% [markdown] slideshow={"slide_type": "slide"}
# A **bag of words** forgets the order of the words and keeps how often each occurs: a document
# becomes one row of a document-term matrix, one column per word of the vocabulary. scikit-learn's
# `CountVectorizer` builds it. Three choices shape the vocabulary:
#
# - **stop words**, words that say nothing about a topic, are dropped: scikit-learn's English
#   list, plus a few that fill these two kinds of text ("said", "told" and "mr" in news; "writes",
#   "article", "don", "think", "just" in Usenet posts);
# - words must be 3+ letters (no numbers) and occur in **at least 3 training documents** (rarer
#   words cannot define a topic) and **at most half** of them;
# - the vocabulary is built on the **training documents only**: 20% of the documents (the same
#   share from each source) are held out to score the models in section 4, and a held-out word
#   the vocabulary never saw is dropped, as it would be for any new document.

# %%
idx_train, idx_test = train_test_split(np.arange(len(texts)), test_size=0.2, stratify=source, random_state=0)
y_train, y_test = source[idx_train], source[idx_test]
texts_train = [texts[i] for i in idx_train]
texts_test = [texts[i] for i in idx_test]

EXTRA_STOP_WORDS = {"said", "says", "told", "mr", "mrs", "edu", "com", "article", "writes", "don", "doesn",
                    "didn", "isn", "just", "like", "think", "know"}
vectorizer = CountVectorizer(stop_words=sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS),
                             token_pattern=r"(?u)\b[a-zA-Z]{3,}\b", min_df=3, max_df=0.5)
X_train = vectorizer.fit_transform(texts_train).astype(np.float64)     # sparse (documents, words)
X_test = vectorizer.transform(texts_test).astype(np.float64)
vocab = vectorizer.get_feature_names_out()
n_docs, n_words = X_train.shape

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
print(f"training documents: {n_docs} ({', '.join(f'{n} {np.sum(y_train == k)}' for k, n in enumerate(source_names))})")
print(f"held-out documents: {X_test.shape[0]}")
print(f"vocabulary: {n_words:,} words")
print(f"word occurrences in the training documents: {int(X_train.sum()):,}")
print(f"cells of the matrix that are not zero: {X_train.nnz:,} of {n_docs * n_words:,} ({X_train.nnz / (n_docs * n_words):.1%})")

# %% [markdown]
# Each document is now a row of {{n_words:,}} counts, and {{1 - X_train.nnz / (n_docs * n_words):.0%}} of the matrix is zeros: a document uses about
# {{round(X_train.nnz / n_docs, -1):.0f}} distinct words of the vocabulary. Here is one article's bag, the words it uses most:

# %%
row = X_train[0].toarray().ravel()
top = np.argsort(-row, kind="stable")[:12]
print(f"[{source_names[y_train[0]]}] {' '.join(texts_train[0].split())[:160]}...")
print("  " + ", ".join(f"{vocab[w]} {int(row[w])}" for w in top))

# %% [raw] tags=["deck"]
# ## PLSA: each document a mixture of topics
# - p(w | d) = Σₖ θ[d, k] φ[k, w]
# - θ[d]: K proportions that sum to 1, the document's code
# - φ[k]: a topic, a distribution over the words

# %% [markdown] slideshow={"slide_type": "slide"}
# The counts already tell what the article is about. But {{n_words:,}} numbers per document is a lot, and
# two articles about the same event may share few exact words. A topic model looks for a few
# word distributions, the topics, that together explain the counts of *all* the documents.
#
# ## 2 · PLSA: documents as mixtures of topics, fitted by EM
# **Probabilistic latent semantic analysis** (PLSA; Hofmann, 1999) says that each word of document d
# was written in two steps: pick a topic k with probability θ[d, k], then pick a word w from that
# topic's distribution, with probability φ[k, w]. So
#
#   p(w | d) = Σₖ θ[d, k] · φ[k, w].
#
# - θ[d] (K numbers ≥ 0 that sum to 1) are document d's **topic proportions**: its code, a point
#   on the *simplex* of K corners;
# - φ[k] (V numbers ≥ 0 that sum to 1) is topic k: a distribution over the vocabulary.
#
# With n[d, w] the count of word w in document d, the model's **log-likelihood** is
#
#   L = Σ_d Σ_w n[d, w] · log Σₖ θ[d, k] φ[k, w],
#
# and fitting means finding the θ and φ that make L largest. The sum inside the log makes that
# hard to do directly; the **EM algorithm** (expectation-maximisation) alternates two easy steps:
#
# - **E-step.** For every occurrence of word w in document d, the probability that it came from
#   topic k, given the current θ and φ: its *responsibility*
#   q[d, w, k] = θ[d, k] φ[k, w] / Σⱼ θ[d, j] φ[j, w].
# - **M-step.** Treat n[d, w] · q[d, w, k] as the number of times topic k wrote w in d (expected
#   counts), and re-estimate by counting: θ[d, k] ∝ Σ_w n[d, w] q[d, w, k] (how many of d's words
#   topic k wrote), φ[k, w] ∝ Σ_d n[d, w] q[d, w, k] (how often topic k wrote w, over all
#   documents), each normalised to sum to 1.
#
# A cell with n[d, w] = 0 adds nothing to either sum, so the E-step only needs the **nonzero cells**
# of the count matrix: {{X_train.nnz:,}} of them here, instead of {{n_docs * n_words:,}}. The code below keeps the
# responsibilities as one array of shape (nonzero cells, K), and the two sums of the M-step become
# `np.bincount` over each cell's document and word. The normaliser of the E-step,
# p(w | d) = Σⱼ θ[d, j] φ[j, w], is exactly what L takes the log of: the log-likelihood comes free
# with every E-step.

# %% tags=["export"]
import time

import numpy as np
import scipy.sparse as sp
from tqdm.auto import tqdm


def nonzeros(X):
    """The nonzero cells of a document-term count matrix X (documents, words): document, word, count."""
    X = sp.csr_matrix(X, dtype=np.float64)
    docs = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))   # the row of every stored cell
    return docs, X.indices, X.data


def normalise(A, axis=1):
    """Divide A by its sums along `axis`, so that they are 1 (a row of zeros becomes uniform)."""
    sums = A.sum(axis=axis, keepdims=True)
    return np.divide(A, sums, out=np.full_like(A, 1.0 / A.shape[axis]), where=sums > 0)


def e_step(theta, phi, docs, words):
    """Responsibilities q[i, k] = P(topic k | document, word) of every nonzero cell i: (cells, K).
    Also returns the normaliser p[i] = p(word | document) = sum_k theta[d, k] * phi[k, w]."""
    joint = theta[docs] * phi[:, words].T          # theta[d, k] * phi[k, w] for every cell: (cells, K)
    p = joint.sum(axis=1)
    return joint / p[:, None], p


def m_step(q, counts, docs, words, n_docs, n_words):
    """New theta (n_docs, K) and phi (K, n_words) from the expected counts counts * q."""
    expected = counts[:, None] * q                 # how many of the cell's words each topic wrote
    K = q.shape[1]
    per_doc = np.stack([np.bincount(docs, weights=expected[:, k], minlength=n_docs) for k in range(K)], axis=1)
    per_word = np.stack([np.bincount(words, weights=expected[:, k], minlength=n_words) for k in range(K)])
    return normalise(per_doc, axis=1), normalise(per_word, axis=1)


def log_likelihood(X, theta, phi):
    """L = sum over cells of count * log p(word | document), in nats."""
    docs, words, counts = nonzeros(X)
    return float(counts @ np.log(e_step(theta, phi, docs, words)[1]))


def perplexity(X, theta, phi):
    """exp(-L / number of words): the model is as unsure of each word as a fair die with that many sides."""
    docs, words, counts = nonzeros(X)
    p = (theta[docs] * phi[:, words].T).sum(axis=1)
    return float(np.exp(-(counts @ np.log(p)) / counts.sum()))


def fold_in(X, phi, n_iter=50):
    """Topic proportions of new documents X with the topics phi fixed: EM on theta only."""
    docs, words, counts = nonzeros(X)
    theta = np.full((X.shape[0], phi.shape[0]), 1.0 / phi.shape[0])
    for _ in range(n_iter):
        q, _ = e_step(theta, phi, docs, words)
        expected = counts[:, None] * q
        theta = normalise(np.stack([np.bincount(docs, weights=expected[:, k], minlength=X.shape[0])
                                    for k in range(phi.shape[0])], axis=1))
    return theta


class PLSA:
    """PLSA with K topics fitted by EM: theta_ (documents, K), phi_ (K, words), log_likelihoods_.

    log_likelihoods_[t] is L after t iterations (t = 0: the random start). callback(t, theta, phi),
    if given, is called after every iteration (outside the timing).
    """

    def __init__(self, n_topics, seed=0):
        self.n_topics, self.seed = n_topics, seed

    def fit(self, X, n_iter=100, callback=None, progress=True):
        docs, words, counts = nonzeros(X)
        n_docs, n_words = X.shape
        rng = np.random.default_rng(self.seed)
        theta = rng.dirichlet(np.ones(self.n_topics), size=n_docs)        # a random start
        phi = rng.dirichlet(np.ones(n_words), size=self.n_topics)
        self.log_likelihoods_, seconds = [], 0.0
        bar = tqdm(range(n_iter), desc=f"PLSA, {self.n_topics} topics", disable=not progress)
        for t in bar:
            start = time.perf_counter()
            q, p = e_step(theta, phi, docs, words)
            self.log_likelihoods_.append(float(counts @ np.log(p)))     # L of the theta, phi going in
            theta, phi = m_step(q, counts, docs, words, n_docs, n_words)
            seconds += time.perf_counter() - start
            bar.set_postfix(L=f"{self.log_likelihoods_[-1]:,.0f}", refresh=False)
            if callback is not None:
                callback(t + 1, theta, phi)
        self.log_likelihoods_.append(log_likelihood(X, theta, phi))
        self.theta_, self.phi_ = theta, phi
        self.seconds_per_iteration_ = seconds / n_iter
        return self

    def transform(self, X, n_iter=50):
        """Topic proportions of new documents (folded in with the fitted topics)."""
        return fold_in(X, self.phi_, n_iter)


# %% [raw] tags=["deck"]
# ## Think first: can EM go downhill?
# - EM: share each word out among the topics (E), then recount (M)
# - Can one of its iterations *lower* the log-likelihood L?
#
# Answer: no: each M-step maximises a lower bound that touches L at the current fit (Jensen's inequality).

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** EM starts from random θ and φ. Can one of its iterations *lower* the
# log-likelihood L?
#
# <details><summary>Answer</summary>
#
# No. With the responsibilities of the E-step, log p(w | d) is bounded from below by a sum that the
# M-step maximises exactly (Jensen's inequality), and the bound touches L at the current
# parameters. So the new L is at least the bound's new value, which is at least the old L. EM
# climbs, or stays where it is; it never steps down. What it cannot promise is the *highest*
# peak: another random start can end on another hill, with other topics.
#
# </details>
#
# We fit PLSA with K = 10 topics for 100 EM iterations on the training documents. The log-likelihood
# of each iteration follows (nats; larger is better). Exercise 5 takes the argument of the answer
# apart on a two-word PLSA, and checks each step of it with numbers.

# %% [raw] tags=["deck"]
# ## The log-likelihood over 100 EM iterations
# - K = 10 topics, fitted on the training documents
# - The first 20 iterations bring {{(L[20] - L[0]) / (L[100] - L[0]):.0%}} of the gain

# %%
K = 10
# held-out documents split for section 4: words observed (to infer theta) and words to predict
X_obs, X_held = document_completion_split(X_test, observed_share=0.5, seed=0)
plsa_track = {}                                          # iteration -> (train, held-out) perplexity


def track(t, theta, phi):
    if t % 5 == 0:
        plsa_track[t] = (perplexity(X_train, theta, phi), perplexity(X_held, fold_in(X_obs, phi), phi))


plsa = PLSA(K, seed=0).fit(X_train, n_iter=100, callback=track)
L = np.array(plsa.log_likelihoods_)
for start in range(1, len(L), 5):
    print("   ".join(f"{t:3d}: {L[t]:12,.1f}" for t in range(start, min(start + 5, len(L)))))
first_gain, last_gain = L[10] - L[0], L[100] - L[90]
print(f"gain in iterations 1-10: {first_gain:,.0f} nats; in iterations 91-100: {last_gain:,.0f} nats")

# %%
# NBVAL_CHECK_OUTPUT
steps = np.diff(L)
plsa_never_decreases = bool(np.all(steps >= -1e-9 * np.abs(L[:-1])))
print(f"the log-likelihood never decreased over {len(steps)} iterations: {plsa_never_decreases}")
print("iterations 1-10 gained over 100 times as much as iterations 91-100:", first_gain > 100 * last_gain)

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(np.arange(len(L)), L)
ax.set(xlabel="EM iteration", ylabel="log-likelihood L (nats)", title="PLSA, 10 topics: EM only climbs",
       ylim=(L[1] - 0.05 * (L[-1] - L[1]), L[-1] + 0.1 * (L[-1] - L[1])))
plt.show()


# %% [markdown] slideshow={"slide_type": "slide"}
# L climbs fast for the first twenty or so iterations, while the topics take shape (they bring
# {{(L[20] - L[0]) / (L[100] - L[0]):.0%}} of the whole gain), then slowly: after 100 iterations it still creeps up, by {{L[100] - L[99]:.0f}} nats in the
# last one, as EM often does near a maximum. (The random start, at iteration 0, is far below the
# plot.) What did the topics become? Each row lists a topic's most probable words, φ[k] sorted:

# %% slideshow={"slide_type": "fragment"}
def top_words(phi, n=8):
    """The n most probable words of each topic, as lists."""
    return [[vocab[w] for w in np.argsort(-row, kind="stable")[:n]] for row in phi]


for k, words in enumerate(top_words(plsa.phi_)):
    print(f"z{k}: {' '.join(words)}")

# %% [raw] tags=["deck"]
# ## What are the topics?
# - Some read as one story: Afghanistan, Israel and the Palestinians, Venus
# - Others join two stories that share a word or two
# - The model only numbers them: the names are our reading

# %% [markdown] slideshow={"slide_type": "slide"}
# Several rows read as one story each: Afghanistan and bin Laden, Israel and the Palestinians,
# asylum seekers, the probes to Venus. Others join two stories that share a word or two: the space
# station with Sydney news, a launch centre with a detention centre, cricket with space posts. A
# topic is whatever helps explain the counts, not what a person would call one subject. And the
# atheism posts, short and argued in everyday words, get no topic of their own. Like the dimensions
# of a latent space, the topics are not named by the model: z0 … z9 are their numbers, and the
# names are our reading of their words.
#
# ## 3 · LDA beside it
# **Latent Dirichlet allocation** (LDA; Blei, Ng and Jordan, 2003) keeps PLSA's picture, a
# document a mixture of topics, a topic a distribution over words, and adds **priors**: before
# seeing any words, a document's proportions θ[d] are drawn from a Dirichlet distribution with
# parameter α, and each topic φ[k] from one with parameter η. Two things change:
#
# - LDA is a model of how *any* document is made, not only these: a new document's θ is inferred
#   under the prior, where PLSA has no θ for a document it never saw (it can only fit one, section
#   4);
# - with α = η = 1/K = 0.1, below 1, the prior itself favours *sparse* θ and φ: a Dirichlet whose
#   parameters are below 1 puts most of its weight near the corners of the simplex (few topics per
#   document, few words per topic). What keeps every word possible is how LDA is fitted: it averages
#   over the posterior instead of taking its peak, and the posterior mean of φ[k, w] is
#   (η + the expected count of w in topic k) / (V·η + the expected words of topic k), that of θ[d, k]
#   likewise with α. These **pseudo-counts**, 0.1 for every word of every topic and every topic of
#   every document, leave no probability at zero (the cell below prints the smallest of each model).
#
# LDA is fitted by approximate Bayesian inference. Two libraries, on the **same count matrix** with
# the same K = 10 and the same priors (α = η = 1/K, both libraries' default):
#
# - scikit-learn's `LatentDirichletAllocation`: batch variational Bayes, 20 passes over the documents;
# - gensim's `LdaModel`: online variational Bayes (Hoffman, Blei and Bach, 2010), 20 passes.
#
# Each fits in seconds, so no progress bars. We time them, and PLSA's iterations, for section 4.

# %% [raw] tags=["deck"]
# ## LDA beside it
# - PLSA's picture plus Dirichlet priors on θ and φ (α = η = 0.1)
# - A new document's θ is inferred under the prior
# - The two LDAs share {{np.sum(sim_gensim > 0.8)}} of {{K}} topics; PLSA shares {{np.sum(sim_plsa > 0.8)}}

# %%
start = time.perf_counter()
lda = LatentDirichletAllocation(n_components=K, learning_method="batch", max_iter=20, random_state=0)
lda.fit(X_train)
sklearn_seconds = time.perf_counter() - start

corpus_train = list(Sparse2Corpus(X_train, documents_columns=False))   # gensim's format: (word, count) lists
id2word = dict(enumerate(vocab))
start = time.perf_counter()
GENSIM_PASSES = 20
glda = LdaModel(corpus_train, num_topics=K, id2word=id2word, passes=GENSIM_PASSES, iterations=50, chunksize=n_docs,
                random_state=0, eval_every=None)
gensim_seconds = time.perf_counter() - start

phi_plsa = plsa.phi_
phi_sklearn = normalise(lda.components_)        # posterior topic-word weights -> distributions
phi_gensim = glda.get_topics()                  # already distributions
for name, phi in (("PLSA", phi_plsa), ("LDA (scikit-learn)", phi_sklearn), ("LDA (gensim)", phi_gensim)):
    print(f"{name:20} smallest phi[k, w]: {phi.min():.1e}; entries below 1e-10: {np.mean(phi < 1e-10):.0%}")


# %% [markdown]
# Do the three models find the same topics? Topic numbers are arbitrary (z3 of one model is
# nobody's z3 in another), so each model's topics are first paired with scikit-learn's: the pairing
# that makes the word distributions most alike (cosine similarity of φ rows, best one-to-one
# assignment). Each row shows the six top words of a topic in the three models:

# %%
def match_topics(phi_ref, phi_other):
    """The order of phi_other's topics that best matches phi_ref's, one to one (cosine of the rows)."""
    similarity = normalize(phi_ref) @ normalize(phi_other).T
    _, order = linear_sum_assignment(-similarity)
    return order, similarity[np.arange(len(order)), order]


order_plsa, sim_plsa = match_topics(phi_sklearn, phi_plsa)
order_gensim, sim_gensim = match_topics(phi_sklearn, phi_gensim)
rows = zip(top_words(phi_sklearn, 5), top_words(phi_plsa[order_plsa], 5), top_words(phi_gensim[order_gensim], 5))
print(f"{'':4}{'scikit-learn LDA':42}{'PLSA':42}gensim LDA")
for k, (a, b, c) in enumerate(rows):
    print(f"z{k:<3}{' '.join(a)[:40]:42}{' '.join(b)[:40]:42}{' '.join(c)[:40]}")

# %%
# NBVAL_CHECK_OUTPUT
print("gensim's LDA shares most topics with scikit-learn's (at least 6 of 10 with a cosine of phi above 0.8):",
      np.sum(sim_gensim > 0.8) >= 6)
print("PLSA shares fewer of them:", np.sum(sim_plsa > 0.8) < np.sum(sim_gensim > 0.8))


# %% [markdown]
# The two LDAs agree closely: gensim's shares {{np.sum(sim_gensim > 0.8)}} of its {{K}} topics with scikit-learn's (a cosine of
# φ above 0.8): same model, same priors, two ways of fitting it. PLSA shares {{np.sum(sim_plsa > 0.8)}}, the clearest
# stories (the Middle East, Afghanistan, Venus), and cuts the rest differently, from another
# objective and another random start. Note also LDA's topic of everyday argument words ("right,
# moral, wrong, does..."): the atheism posts' topic, which PLSA did not make.
#
# ## 4 · Measured side by side: held-out perplexity, coherence, time
# **Held-out perplexity.** A good topic model should predict words of documents it has not seen.
# But a topic model needs a document's θ before it can predict anything, and θ must come from the
# document itself. The protocol, the same for the three models (*document completion*, Wallach et
# al., 2009):
#
# 1. each of the {{X_test.shape[0]}} held-out documents has its word occurrences shuffled (seeded) and split in half:
#    observed words and held-out words (`document_completion_split`, done above);
# 2. θ is inferred from the **observed half** with the topics φ fixed: PLSA folds the document in
#    (EM on θ alone, `fold_in`), scikit-learn uses `lda.transform`, gensim `glda.inference`;
# 3. the **held-out half** is scored: perplexity = exp(−Σ n log p(w | d) / Σ n), with
#    p(w | d) = Σₖ θ[d, k] φ[k, w]. A perplexity of 1,000 means the model is as unsure of each word
#    as if it picked among 1,000 equally likely words; lower is better.
#
# **Training perplexity** is the same formula on the training documents, with each model's θ for
# them. (scikit-learn's own `lda.perplexity` reports a variational bound instead; we use one formula
# for all three.)

# %%
def theta_gensim(X):
    """gensim's inferred topic proportions for the documents of a sparse matrix."""
    gamma, _ = glda.inference(list(Sparse2Corpus(X, documents_columns=False)))
    return normalise(gamma)


models = {
    "PLSA": dict(phi=phi_plsa, theta_train=plsa.theta_, theta_obs=plsa.transform(X_obs)),
    "LDA (scikit-learn)": dict(phi=phi_sklearn, theta_train=lda.transform(X_train), theta_obs=lda.transform(X_obs)),
    "LDA (gensim)": dict(phi=phi_gensim, theta_train=theta_gensim(X_train), theta_obs=theta_gensim(X_obs)),
}
for m in models.values():
    m["train"] = perplexity(X_train, m["theta_train"], m["phi"])
    m["heldout"] = perplexity(X_held, m["theta_obs"], m["phi"])

# %% [raw] tags=["deck"]
# ## Think first: which model fits best?
# - PLSA: a free θ for every training document, no prior
# - Which model has the lowest *training* perplexity?
# - And the lowest *held-out* perplexity?
#
# Answer: PLSA on the training documents; on held-out words it loses clearly. Overfitting, as in notebook 02.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** PLSA has a free θ for every training document and no prior. Which model will
# have the lowest *training* perplexity? And the lowest *held-out* perplexity?
#
# <details><summary>Answer</summary>
#
# PLSA wins on the training documents: it maximises their likelihood and nothing holds it back.
# On held-out words it loses, and clearly: it fitted these documents so closely that words it did
# not see in them, or saw in other topics, get very little probability. This is overfitting, the
# gap between training and validation of notebook 02, in a new place.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
plsa_heldout = models["PLSA"]["heldout"]
sklearn_heldout = models["LDA (scikit-learn)"]["heldout"]
gensim_heldout = models["LDA (gensim)"]["heldout"]
heldout_ratio = plsa_heldout / sklearn_heldout
best_train = min(models, key=lambda name: models[name]["train"])
best_heldout = min(models, key=lambda name: models[name]["heldout"])
print(f"lowest training perplexity: {best_train}")
print(f"lowest held-out perplexity: an LDA (scikit-learn's or gensim's): {best_heldout.startswith('LDA')}")
print(f"PLSA's held-out perplexity above 1.3 times scikit-learn LDA's: {heldout_ratio > 1.3}")
print(f"gensim's LDA within 15% of scikit-learn's on held-out words: {abs(gensim_heldout / sklearn_heldout - 1) < 0.15}")

# %% [markdown]
# The perplexities themselves (the last digits may differ on another CPU):

# %%
print(f"{'perplexity':20}{'training':>10}{'held-out':>10}{'held-out / training':>21}")
for name, m in models.items():
    print(f"{name:20}{m['train']:10.0f}{m['heldout']:10.0f}{m['heldout'] / m['train']:21.2f}")

# %% [markdown]
# **Why the gap.** PLSA's held-out perplexity is about {{heldout_ratio:.1f}} times scikit-learn LDA's, while its
# training perplexity is the lowest of the three: it describes the training documents best and new
# documents worst. Two reasons, both about what LDA adds:
#
# - **θ of a new document** is fitted by maximum likelihood on its ~{{X_obs.sum() / X_obs.shape[0]:.0f}} observed words. A topic that
#   explains none of them gets a weight near zero, and then every held-out word that belongs to that
#   topic gets a probability near zero. LDA's `transform` returns the posterior mean of θ, with the
#   pseudo-count α on every topic, which keeps a little weight on each.
# - **φ**: PLSA's topics give exactly the probabilities that fit the training counts; a word that a
#   topic never wrote in training gets nothing there ({{np.mean(phi_plsa < 1e-10):.0%}} of PLSA's φ entries are below 1e-10). LDA's
#   posterior mean adds η to every word's count in every topic.
#
# The next cell counts the held-out words each model finds nearly impossible, p(w | d) below
# 1/100,000 (a uniform guess over the vocabulary would give 1/{{n_words:,}}):

# %%
docs_h, words_h, counts_h = nonzeros(X_held)
for name, m in models.items():
    p = (m["theta_obs"][docs_h] * m["phi"][:, words_h].T).sum(axis=1)
    m["near_impossible"] = float(counts_h[p < 1e-5].sum() / counts_h.sum())
    print(f"{name:20} held-out words with p(w | d) < 1e-5: {m['near_impossible']:.1%}")

# %% [raw] tags=["deck"]
# ## Overfitting, over EM
# - PLSA's held-out perplexity: about {{heldout_ratio:.1f}} times LDA's
# - {{models["PLSA"]["near_impossible"]:.1%}} of held-out words are nearly impossible for PLSA

# %% [markdown] slideshow={"slide_type": "slide"}
# {{models["PLSA"]["near_impossible"]:.1%}} of the held-out words cost PLSA a lot: the log of a tiny probability is a large negative
# number, and perplexity averages those logs. The LDAs have none. The curve below follows PLSA's
# two perplexities during EM (measured every 5 iterations by section 2's `track`), with LDA's as
# dashed lines.

# %% slideshow={"slide_type": "fragment"} deck="figure"
its = np.array(sorted(plsa_track))
train_curve = np.array([plsa_track[t][0] for t in its])
heldout_curve = np.array([plsa_track[t][1] for t in its])
fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.plot(its, train_curve, "o-", color="tab:blue", label="PLSA, training documents")
ax.plot(its, heldout_curve, "o-", color="tab:red", label="PLSA, held-out words")
ax.axhline(models["LDA (scikit-learn)"]["train"], color="tab:blue", ls="--", label="LDA (scikit-learn), training")
ax.axhline(sklearn_heldout, color="tab:red", ls="--", label="LDA (scikit-learn), held-out")
ax.set(xlabel="PLSA's EM iteration", ylabel="perplexity (lower is better)", yscale="log",
       title="PLSA fits the training documents better, new ones worse")
ax.legend(fontsize=7.5)
plt.show()

# %% [markdown]
# It is notebook 02's picture of overfitting, training against validation curves, here over EM
# iterations: PLSA's training perplexity keeps falling, past LDA's, while its held-out perplexity is
# lowest at iteration {{its[np.argmin(heldout_curve)]}}, then climbs (by {{heldout_curve.max() / heldout_curve.min() - 1:.0%}} at its worst, iteration {{its[np.argmax(heldout_curve)]}}), and even at
# its best it stays above LDA's. EM keeps fitting the training documents more closely; new
# documents, after the first few iterations, come out worse. This is what LDA's pseudo-counts are
# for. Hofmann's own remedy was *tempered EM*, which softens the responsibilities (exercise 6),
# with a held-out set to decide when to stop; LDA builds the smoothing into the model.
#
# **Topic coherence.** Perplexity does not ask whether a topic's top words make sense together, and
# models with better perplexity are not always the ones people find more interpretable (Chang et
# al., 2009). Coherence scores measure how often a topic's top words occur *together*, here in the
# training documents themselves, with gensim's `CoherenceModel` on each topic's 10 top words:
#
# - **u_mass** (Mimno et al., 2011): for pairs of top words, log((documents with both + 1) /
#   documents with the higher-ranked one), averaged; usually negative, closer to 0 is better;
# - **c_npmi**: normalised pointwise mutual information of the word pairs in sliding windows of 10
#   words (Bouma, 2009; Röder et al., 2015); from −1 to 1, higher is better.

# %%
dictionary = Dictionary.from_corpus(corpus_train, id2word=id2word)
analyse = vectorizer.build_analyzer()
in_vocab = set(vocab)
tokens_train = [[w for w in analyse(t) if w in in_vocab] for t in texts_train]   # words in order, for c_npmi
for name, m in models.items():
    topics = top_words(m["phi"], 10)
    m["u_mass"] = CoherenceModel(topics=topics, corpus=corpus_train, dictionary=dictionary,
                                 coherence="u_mass", processes=1).get_coherence()
    m["c_npmi"] = CoherenceModel(topics=topics, texts=tokens_train, dictionary=dictionary,
                                 coherence="c_npmi", processes=1).get_coherence()

# %% [raw] tags=["deck"]
# ## Coherence and time
# - PLSA is the cheapest per iteration: the fits take seconds
# - Coherence (u_mass): LDA {{models["LDA (scikit-learn)"]["u_mass"]:.2f}}, PLSA {{models["PLSA"]["u_mass"]:.2f}}
# - Perplexity is where the models really differ, and LDA wins

# %% [markdown]
# **Time.** PLSA's time per EM iteration against the libraries' time per pass over the same matrix.
# An EM iteration of PLSA and a pass of batch LDA do similar work: both visit every nonzero cell
# once per topic; LDA's pass also iterates each document's proportions to convergence inside.

# %%
plsa_ms_per_iteration = 1000 * plsa.seconds_per_iteration_
sklearn_ms_per_pass = 1000 * sklearn_seconds / lda.n_iter_
gensim_ms_per_pass = 1000 * gensim_seconds / GENSIM_PASSES
print(f"{'':20}{'u_mass':>8}{'c_npmi':>8}{'fit (s)':>9}{'ms per iteration or pass':>26}")
for name, m, seconds, ms in (("PLSA", models["PLSA"], plsa.seconds_per_iteration_ * (len(L) - 1), plsa_ms_per_iteration),
                             ("LDA (scikit-learn)", models["LDA (scikit-learn)"], sklearn_seconds, sklearn_ms_per_pass),
                             ("LDA (gensim)", models["LDA (gensim)"], gensim_seconds, gensim_ms_per_pass)):
    print(f"{name:20}{m['u_mass']:8.2f}{m['c_npmi']:8.3f}{seconds:9.2f}{ms:26.1f}")

# %%
# NBVAL_CHECK_OUTPUT
print(f"PLSA's EM iteration is faster than a pass of scikit-learn's LDA: {plsa_ms_per_iteration < sklearn_ms_per_pass}")
print(f"PLSA's EM iteration is faster than a pass of gensim's LDA: {plsa_ms_per_iteration < gensim_ms_per_pass}")

# %% [raw] tags=["deck"]
# ## Think first: three topics, three sources?
# - Each document a point on a triangle: a corner is one pure topic
# - Fit with 3 topics: will news, atheism and space land in three corners?
#
# Answer: not necessarily: the news are {{np.mean(y_train == 0):.0%}} of the documents and most of the words, so they get topics of their own.

# %% [markdown] slideshow={"slide_type": "slide"}
# On time, PLSA is the cheapest per iteration: its E-step is one multiplication and one division
# per nonzero cell and topic, with no inner loop. It also runs more iterations (100 here, against
# 20 passes), so the whole fits take seconds for all three. On coherence, u_mass ranks scikit-learn's
# LDA best and PLSA lowest ({{models["LDA (scikit-learn)"]["u_mass"]:.2f}} against {{models["PLSA"]["u_mass"]:.2f}}), while the c_npmi values of all three
# are close to zero: in documents this short, even a good topic's top words rarely share a window
# of 10 words. Perplexity is where the models really differ, and there LDA wins.
#
# ## 5 · The topic space as a latent space
# Each document is now K numbers that sum to 1: a point on the simplex with K corners, one per
# topic. With K = 3 the simplex is a triangle we can draw without any projection: a document at a
# corner is pure topic, on an edge a mix of two, inside a mix of three. (A point θ goes to
# θ₀·corner₀ + θ₁·corner₁ + θ₂·corner₂: barycentric coordinates.)
#
# **Think first.** We fit PLSA and LDA with 3 topics. Will the three sources (news, atheism, space)
# land in three corners?
#
# <details><summary>Answer</summary>
#
# Not necessarily. A topic model does not know the sources; with three topics it chooses the three
# word distributions that explain the most counts. The news articles are {{np.mean(y_train == 0):.0%}} of the documents and
# by far the most words, so they get topics of their own, and the two newsgroups, which share a
# chatty register, can end up sharing a corner.
#
# </details>

# %% [raw] tags=["deck"]
# ## The topic simplex, K = 3
# - The corners are not the sources
# - Most documents sit on a corner or an edge: a short text rarely needs three topics

# %% slideshow={"slide_type": "fragment"} deck="figure"
plsa3 = PLSA(3, seed=0).fit(X_train, n_iter=100)
lda3 = LatentDirichletAllocation(n_components=3, learning_method="batch", max_iter=20, random_state=0).fit(X_train)
triangle = {"PLSA": (plsa3.theta_, plsa3.phi_),
            "LDA (scikit-learn)": (lda3.transform(X_train), normalise(lda3.components_))}
corners3 = polygon_corners(3)
markers = ("o", "s", "^")
fig, axes = plt.subplots(1, 2, figsize=(10.5, 3.9))
for ax, (name, (theta3, phi3)) in zip(axes, triangle.items()):
    xy = theta3 @ corners3                                  # barycentric coordinates
    ax.fill(*corners3.T, color="#f2f2f2", zorder=0)
    for label, source_name in enumerate(source_names):
        ax.scatter(*xy[y_train == label].T, s=12, marker=markers[label], alpha=0.55, label=source_name)
    for k, words in enumerate(top_words(phi3, 3)):
        x, y = corners3[k]
        ax.text(x, y + (0.07 if k == 0 else -0.09), f"z{k}: {' '.join(words)}", fontsize=8, ha="center",
                va="bottom" if k == 0 else "top")
    share_pure = np.mean(theta3.max(axis=1) > 0.9)
    ax.set_title(f"{name}, 3 topics\n{share_pure:.0%} of the documents have one topic above 0.9", fontsize=10)
    ax.set(aspect="equal", xlim=(-1.2, 1.2), ylim=(-0.68, 1.2))
    ax.set_axis_off()
handles, names_ = axes[0].get_legend_handles_labels()
fig.legend(handles, names_, loc="lower center", ncol=3, fontsize=8.5, frameon=False)
fig.subplots_adjust(bottom=0.1)
plt.show()
source_means, on_edge, main_corner = {}, {}, {}
print("mean topic proportions of each source:")
for name, (theta3, _) in triangle.items():
    source_means[name] = np.array([theta3[y_train == label].mean(axis=0) for label in range(3)])   # (source, topic)
    on_edge[name] = np.mean(theta3.min(axis=1) < 0.05)       # documents with a topic below 0.05: on an edge
    main_corner[name] = source_means[name].argmax(axis=1)    # the topic each source uses most
    print(f"  {name:20}" + "   ".join(f"{src}: {np.round(source_means[name][label], 2)}"
                                      for label, src in enumerate(source_names)))

# %% [markdown]
# The corners are not the sources. PLSA gives two corners to the news (the Middle East, and the
# rest) and puts both newsgroups, atheism and space alike, on the third. LDA gives one corner to
# the news, one to the newsgroups' talk (nearly all the atheism posts and many space posts), and the
# third to space and Australian news together, so the space posts spread along the bottom edge
# between the two. Three numbers are too few to keep everything that separates the sources. The
# triangles also show how topic models describe documents: most points sit at a corner or on an
# edge ({{on_edge["PLSA"]:.0%}} and {{on_edge["LDA (scikit-learn)"]:.0%}} of the documents have one proportion below 0.05), pure or a mix of two,
# because a short document rarely needs three topics.
#
# With K = 10 the simplex has ten corners and lives in 9 dimensions. Two ways to draw it in 2-D,
# both for LDA's proportions of the training documents: the corners spread on a circle (the same
# barycentric rule as the triangle: a pure topic sits on its corner; lines between corners cross
# inside, so the picture folds some mixtures onto others), and PCA of the proportions (notebook 01),
# which keeps the directions along which the documents differ most.

# %% [raw] tags=["deck"]
# ## Ten topics, drawn in 2-D
# - The space posts gather at {{len(space_topics)}} space topics ({{lda_means[2, space_topics].sum():.0%}} of their weight)
# - Straight arms: documents that mix two topics

# %% deck="figure"
theta_lda = models["LDA (scikit-learn)"]["theta_train"]
corners10 = polygon_corners(K)
pca = PCA(n_components=2, random_state=0).fit(theta_lda)
pca_xy = pca.transform(theta_lda)
fig, axes = plt.subplots(1, 2, figsize=(11, 5.2))
for ax, xy, title in ((axes[0], theta_lda @ corners10, "the simplex's corners on a circle"),
                      (axes[1], pca_xy, "PCA of the topic proportions")):
    for label, source_name in enumerate(source_names):
        ax.scatter(*xy[y_train == label].T, s=12, marker=markers[label], alpha=0.55, label=source_name)
    ax.set_title(f"LDA, 10 topics: {title}", fontsize=10)
axes[0].plot(*np.vstack([corners10, corners10[:1]]).T, color="#bbbbbb", lw=0.8, zorder=0)
for k, words in enumerate(top_words(phi_sklearn, 2)):
    axes[0].text(*(1.17 * corners10[k]), f"z{k}\n{' '.join(words)}", ha="center", va="center", fontsize=7)
axes[0].set(aspect="equal", xlim=(-1.5, 1.5), ylim=(-1.35, 1.35))
axes[0].set_axis_off()
axes[1].set(xlabel="PC1", ylabel="PC2")
handles, names_ = axes[0].get_legend_handles_labels()
fig.legend(handles, names_, loc="lower center", ncol=3, fontsize=8.5, frameon=False)
fig.tight_layout(rect=(0, 0.05, 1, 1))
plt.show()
space_topics = [k for k, top in enumerate(top_words(phi_sklearn, 5)) if "space" in top]
argument_topic = int(np.argmax(phi_sklearn[:, list(vocab).index("moral")]))
lda_means = np.array([theta_lda[y_train == label].mean(axis=0) for label in range(3)])   # (source, topic)
print(f"space topics (with 'space' among their 5 top words): {', '.join(f'z{k}' for k in space_topics)}; "
      f"their share of the space posts' proportions: {lda_means[2, space_topics].sum():.0%}")
print(f"the argument topic z{argument_topic}: {lda_means[1, argument_topic]:.0%} of the atheism posts' proportions, "
      f"the most of any topic: {np.argmax(lda_means[1]) == argument_topic}")

# %% [raw] tags=["deck"]
# ## Think first: counts or proportions?
# - For each document, its 5 nearest: how often from the same source?
# - Euclidean distance on raw counts, or on topic proportions?
#
# Answer: the proportions, by far: raw counts are ruled by length, so short documents all sit near each other.

# %% [markdown] slideshow={"slide_type": "slide"}
# With ten topics the newsgroups get corners of their own: the space posts gather at the
# {{len(space_topics)}} space topics ({{lda_means[2, space_topics].sum():.0%}} of their weight), the atheism posts lean most on the topic of
# argument words ({{lda_means[1, argument_topic]:.0%}}), and the news articles spread over the other corners, by story. In
# the PCA view, the straight arms are documents that mix two topics (a mix of two topics lies on
# the segment between them, and PCA, a linear map, keeps segments straight); the newsgroup posts
# crowd the lower middle, the news spreads above.
#
# **Compression that keeps meaning?** A document went from {{n_words:,}} counts to {{K}} proportions. Does the
# code keep what documents are about? The course's test (notebooks 01, 04): for each document, find
# its 5 nearest neighbours, and count how often they come from the same source. If the 10 numbers
# keep meaning, their neighbours should agree about as often as neighbours in the full counts.
#
# **Think first.** Euclidean distance between raw word counts, or between topic proportions: which
# finds neighbours from the same source more often?
#
# <details><summary>Answer</summary>
#
# The topic proportions, by far. Raw counts are dominated by length: two long articles are far from
# each other and from every short post, whatever their subject, and short documents are all close
# to the origin, so their neighbours are simply other short documents. Proportions do not depend on
# length. A fair baseline for the counts must remove length too: normalise each row to length 1,
# which makes Euclidean distance a function of cosine similarity (notebook 07).
#
# </details>

# %% [raw] tags=["deck"]
# ## Neighbours from the same source
# - LDA's 10 proportions {{knn_lda:.2f}}, PLSA's {{knn_plsa:.2f}}; raw counts {{knn_counts:.2f}}, below chance ({{chance:.2f}})
# - Counts scaled to length 1 do better still ({{knn_cosine:.2f}}): ten numbers are a lossy code

# %% slideshow={"slide_type": "fragment"}
spaces = {
    f"word counts ({n_words:,} numbers), Euclidean": X_train.toarray(),
    "word counts, rows of length 1 (cosine)": normalize(X_train).toarray(),
    f"PLSA topic proportions ({K} numbers)": plsa.theta_,
    f"LDA topic proportions ({K} numbers)": theta_lda,
}
agreement = {name: lh.neighbour_agreement(Z, y_train, k=5) for name, Z in spaces.items()}
knn_counts, knn_cosine, knn_plsa, knn_lda = agreement.values()
chance = float(np.sum(np.bincount(y_train) ** 2) / len(y_train) ** 2)
print("share of 5 nearest neighbours from the same source:")
for name, a in agreement.items():
    print(f"  {name:42}{a:.2f}")
print(f"  {'chance (neighbours drawn at random)':42}{chance:.2f}")

# %%
# NBVAL_CHECK_OUTPUT
print("topic proportions beat raw counts by more than 0.2, PLSA's and LDA's:", min(knn_plsa, knn_lda) > knn_counts + 0.2)
print("raw counts do worse than chance:", knn_counts < chance)
print("counts of length 1 beat both topic codes:", knn_cosine > max(knn_plsa, knn_lda))

# %% [raw] tags=["deck"]
# ## A topic mixer
# - Sliders z0 … z9 set topic weights: a point on the simplex, a code
# - It decodes to a distribution over words and finds the nearest real documents

# %% [markdown] slideshow={"slide_type": "slide"}
# Ten topic proportions find same-source neighbours far more often than {{n_words:,}} raw counts do
# ({{knn_lda:.2f}} for LDA's, {{knn_plsa:.2f}} for PLSA's, against {{knn_counts:.2f}}: *below* chance, {{chance:.2f}}, because length, not subject, decides
# who is close), and LDA's proportions more often than PLSA's. But the counts normalised to length 1
# do better still ({{knn_cosine:.2f}}): at this size, every word still helps, and ten numbers are a lossy
# compression. The topic code keeps much of the meaning in {{K / n_words:.1%}} of the numbers, and it can be
# *read*: the next section lets you write a document's code by hand.
#
# ## 6 · A topic mixer
# Choose topic weights with the sliders z0 … z9 (one per topic; they are divided by their sum, so
# only their ratios matter). The widget shows:
#
# - left: the mixture's most probable words, p(w) = Σₖ mₖ φ[k, w], each bar split into what each
#   topic contributes (colours as in the legend under it);
# - right: the training documents in topic space (corners on a circle, as above), the mixture as a
#   star, and below, the **real documents whose proportions are nearest** to it (red rings).
#
# It starts at the proportions of a real article that LDA sees as half the Afghanistan topic, half
# the Middle East topic (the two topics of conflict; the article is about a raid at Tora Bora), so
# the star sits on that article, and the list starts with the article itself. Try: move one slider
# to 1 and the others to 0 (a pure topic: the nearest documents are its most typical ones); mix a
# space topic with the argument topic and see which posts come up; give a small weight to a third
# topic and watch its words enter the list.

# %% slideshow={"slide_type": "fragment"}
word_id = {w: i for i, w in enumerate(vocab)}
afghanistan_topic = int(np.argmax(phi_sklearn[:, word_id["afghanistan"]]))
mideast_topic = int(np.argmax(phi_sklearn[:, word_id["palestinian"]]))
both = np.minimum(theta_lda[:, afghanistan_topic], theta_lda[:, mideast_topic])
mixed_doc = int(np.argmax(both))               # the article most evenly split between the two topics of conflict
print(f"start: training document #{mixed_doc}, z{afghanistan_topic} {theta_lda[mixed_doc, afghanistan_topic]:.2f}, "
      f"z{mideast_topic} {theta_lda[mixed_doc, mideast_topic]:.2f}: {' '.join(texts_train[mixed_doc].split())[:120]}...")
mixer = TopicMixer(lda.components_, vocab, theta_lda, texts_train, weights=theta_lda[mixed_doc], labels=y_train,
                   label_names=source_names, title="Topic mixer: LDA, 10 topics (sliders z0 … z9 are topic weights)")
mixer

# %% [markdown]
# Every position of the sliders is a point on the simplex, a code, and the bars are what that code
# "decodes" to: not a document but a distribution over words, the expected bag of words of a
# document with those proportions. The nearest documents are the real ones the code is closest to:
# near a corner, the topic's most typical documents; between two corners, documents that tell both
# stories, if the library has any, and otherwise the nearest pure ones, at a visible distance.
#
# **Optional, online: the full 20 Newsgroups.** Our {{len(posts)}} newsgroup posts come from a sample of 200 posts of
# two groups. With an internet connection, the cell below downloads the whole collection (14 MB, through
# scikit-learn), keeps four groups, fits LDA with 8 topics and repeats the neighbour test on real
# newsgroup labels. It is off by default; offline it stops at once with a clear message.

# %%
USE_ONLINE_EXTRAS = False   # True: download 20 Newsgroups (about a minute) and repeat the neighbour test

if USE_ONLINE_EXTRAS:
    from latent_helpers import load_20newsgroups

    groups = ["alt.atheism", "sci.space", "rec.autos", "talk.politics.mideast"]
    big = load_20newsgroups(categories=groups, download=True, min_words=20)
    print(big)
    X_big = CountVectorizer(stop_words=sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS),
                            token_pattern=r"(?u)\b[a-zA-Z]{3,}\b", min_df=5, max_df=0.5).fit_transform(big.texts)
    theta_big = LatentDirichletAllocation(n_components=8, learning_method="batch", max_iter=10,
                                          random_state=0).fit_transform(X_big)
    print(f"same newsgroup among 5 nearest neighbours: LDA topics {lh.neighbour_agreement(theta_big, big.labels):.2f}, "
          f"word counts of length 1 {lh.neighbour_agreement(normalize(X_big).toarray(), big.labels):.2f}")

# %% [raw] tags=["deck"]
# ## Summary
# - PLSA and LDA: each document a mixture of topics, each topic a distribution over words
# - PLSA fits training documents best and new ones worst; LDA's priors generalise
# - Topic proportions are a latent space: few numbers, readable, lossy

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
# - A bag of words turns each document into counts over a vocabulary: {{n_words:,}} numbers, {{1 - X_train.nnz / (n_docs * n_words):.0%}} zeros.
# - PLSA describes each document by K topic proportions θ[d] and each topic by a word distribution
#   φ[k], with p(w | d) = Σₖ θ[d, k] φ[k, w]; EM fits it by alternating responsibilities (E-step)
#   and expected counts (M-step), over the nonzero cells only. Its log-likelihood never decreases.
# - LDA adds Dirichlet priors on θ and φ and averages over the posterior, whose pseudo-counts leave
#   no word impossible. scikit-learn's and gensim's LDA agree with each other; PLSA finds a few of
#   the same topics, the clearest stories.
# - Measured on the same documents: PLSA fits the training documents best and held-out words worst
#   (about {{heldout_ratio:.1f}} times LDA's perplexity): with no pseudo-counts it gives some new words almost no
#   probability. PLSA's EM iteration is cheaper than an LDA pass; c_npmi coherence is near zero for
#   all three.
# - The topic proportions are a latent space: the simplex, a triangle for 3 topics. With 10 topics,
#   neighbours in topic space share a source far more often than in raw counts, somewhat less than
#   in length-normalised counts: a readable, lossy compression.
# - A mixture of topics decodes to a word distribution; the mixer finds real documents near any
#   mixture.
#
# ## Exercises
# **Exercise 1.** Which topics wrote the word *space*? PLSA never says which topic wrote a given
# occurrence; the E-step shares each occurrence out among the topics by its responsibilities. Add
# those shares up over the training documents: with the fitted `plsa.theta_` and `plsa.phi_` of
# section 2, how many of the occurrences of *space* in `X_train` did each of the 10 topics write?
# (Ten numbers that add up to the count of *space*.) Then compare with `plsa.phi_[:, w]`: is the
# topic that likes *space* most also the one that wrote it most?

# %% [raw] tags=["deck"]
# ## Exercise 1 · which topics wrote *space*?
# - Share each occurrence out by the E-step's responsibilities
# - Add up over the training documents: ten numbers

# %%
w = vectorizer.vocabulary_["space"]     # the column of "space" in X_train
answer = None  # 10 numbers, one per topic

from latent_helpers.exercises import check_topic_word_counts
check_topic_word_counts(answer, X_train, plsa.theta_, plsa.phi_, w)

# %% tags=["solution"]
n_space = X_train[:, w].toarray().ravel()                 # n[d, space] for every training document
has = n_space > 0                                          # elsewhere theta * phi can be all zeros: 0 / 0
joint = plsa.theta_[has] * plsa.phi_[:, w]                 # theta[d, k] * phi[k, space]: (documents, K)
answer = n_space[has] @ (joint / joint.sum(axis=1, keepdims=True))
assert check_topic_word_counts(answer, X_train, plsa.theta_, plsa.phi_, w)
print(np.round(answer, 1), "most probable in:", f"z{np.argmax(plsa.phi_[:, w])}")


# %% [raw] tags=["deck"]
# ## Exercise 2 · one EM iteration
# - `em_step(X, theta, phi)` on a small dense count matrix
# - Responsibilities of shape (D, V, K); return the new θ and φ

# %% [markdown]
# **Exercise 2.** Write one whole EM iteration of PLSA for a small *dense* count matrix:
# `em_step(X, theta, phi)` with X of shape (D, V), theta (D, K) and phi (K, V), returning the new
# `(theta, phi)`. Work with full arrays this time (no nonzero cells): the responsibilities of every
# cell are an array of shape (D, V, K). The check runs your function on a few matrices, compares it
# with the E- and M-step of section 2, and checks the log-likelihood went up.

# %%
def em_step(X, theta, phi):
    return None  # your code here: (theta_new, phi_new)

from latent_helpers.exercises import check_plsa_em_step
check_plsa_em_step(em_step)


# %% tags=["solution"]
def em_step(X, theta, phi):
    joint = theta[:, None, :] * phi.T[None, :, :]             # (D, V, K): theta[d, k] * phi[k, w]
    q = joint / joint.sum(axis=2, keepdims=True)               # E-step: responsibilities
    expected = X[:, :, None] * q                               # expected counts
    theta_new = expected.sum(axis=1)                           # (D, K)
    phi_new = expected.sum(axis=0).T                           # (K, V)
    return theta_new / theta_new.sum(axis=1, keepdims=True), phi_new / phi_new.sum(axis=1, keepdims=True)

assert check_plsa_em_step(em_step)

# %% [raw] tags=["deck"]
# ## Exercise 3 · how many numbers does PLSA fit?
# - With K = 10 topics on our training matrix
# - Compare with the word occurrences it learns from

# %% [markdown]
# **Exercise 3.** How many free numbers does PLSA fit for our training matrix with K = 10 topics?
# Each θ[d] and each φ[k] is a distribution: its last entry is fixed by the others (they sum to 1).
# Use `n_docs`, `n_words` and `K`. Then compare with the number of word occurrences it learns from,
# `X_train.sum()`.

# %%
answer = None  # a whole number

from latent_helpers.exercises import check_plsa_parameters
check_plsa_parameters(answer, n_docs, n_words, K)

# %% tags=["solution"]
answer = n_docs * (K - 1) + K * (n_words - 1)
assert check_plsa_parameters(answer, n_docs, n_words, K)
print(f"{answer:,} free numbers, {int(X_train.sum()):,} word occurrences to learn them from")

# %% [raw] tags=["deck"]
# ## Exercise 4 · the unigram baseline
# - Every word its share of all training words, in every document
# - Its held-out perplexity: which topic models beat it?

# %% [markdown]
# **Exercise 4.** Is a topic model worth its topics? The simplest model of text ignores the document
# altogether: every word w gets the same probability everywhere, p(w) = its share of all the word
# occurrences of the training documents (the **unigram** model). What is its perplexity on the
# held-out words `X_held` of section 4? Then compare with the three models' held-out perplexities:
# which of them beat it?

# %%
answer = None  # a number

from latent_helpers.exercises import check_unigram_perplexity
check_unigram_perplexity(answer, X_train, X_held)

# %% tags=["solution"]
p_unigram = np.asarray(X_train.sum(axis=0)).ravel() / X_train.sum()      # one probability per word
n_held = np.asarray(X_held.sum(axis=0)).ravel()                           # held-out occurrences of each word
answer = np.exp(-(n_held @ np.log(p_unigram)) / n_held.sum())
assert check_unigram_perplexity(answer, X_train, X_held)
print(f"unigram: {answer:.0f}; " + ", ".join(f"{name}: {m['heldout']:.0f}" for name, m in models.items()))

# %% [raw] tags=["deck"]
# ## Exercise 5 · why EM never goes downhill
# - Jensen's inequality gives a lower bound F(θ, φ, q) ≤ L
# - Write `lower_bound(X, theta, phi, q)`; the check walks the argument

# %% [markdown]
# **Exercise 5 (a derivation, checked with numbers).** Why does EM never lower L? Take any
# distribution q[d, w, :] over the topics for each cell (not necessarily the responsibilities).
# Multiply and divide by it inside the log, and use Jensen's inequality (the log of an average is
# at least the average of the logs):
#
#   log Σₖ θ[d, k] φ[k, w] = log Σₖ q[d, w, k] · (θ[d, k] φ[k, w] / q[d, w, k]) ≥ … ?
#
# Finish the line, weight it by the counts and add up over the cells: that gives a lower bound
# F(θ, φ, q) ≤ L. Write it as `lower_bound(X, theta, phi, q)` for a dense count matrix X (D, V), theta
# (D, K), phi (K, V) and q (D, V, K), returning one number. The check compares it with the bound on
# small test cases, then uses *your* F on a two-word PLSA to check the three steps of the argument:
# F ≤ L for a q that is not the responsibilities; F = L when q is the E-step's responsibilities;
# the M-step raises F. Together: L(new) ≥ F(new) ≥ F(old) = L(old).

# %%
def lower_bound(X, theta, phi, q):
    return None  # your code here: one number

from latent_helpers.exercises import check_em_lower_bound
check_em_lower_bound(lower_bound)


# %% tags=["solution"]
def lower_bound(X, theta, phi, q):
    joint = theta[:, None, :] * phi.T[None, :, :]         # (D, V, K): theta[d, k] * phi[k, w]
    return float(np.sum(X[:, :, None] * q * np.log(joint / q)))

assert check_em_lower_bound(lower_bound)

# %% [raw] tags=["deck"]
# ## Exercise 6 · tempered EM (open)
# - Raise θ·φ to a power β < 1 in the E-step
# - With β = 0.8: training against held-out perplexity

# %% [markdown]
# **Exercise 6 (open).** *Tempered EM* (Hofmann, 1999): in the E-step, raise the joint
# θ[d, k] φ[k, w] to a power β < 1 before normalising, which makes the responsibilities less sure.
# Copy `e_step` and `PLSA` with a β, fit with β = 0.8 and compare training and held-out perplexity
# with section 4's. Then try K = 20 with both PLSA and LDA: whose held-out perplexity suffers more?
#
# ## Further reading
# - T. Hofmann, *Probabilistic Latent Semantic Analysis*, UAI 1999, and *Probabilistic Latent
#   Semantic Indexing*, SIGIR 1999: PLSA, EM and tempered EM.
# - D. M. Blei, A. Y. Ng and M. I. Jordan, *Latent Dirichlet Allocation*, JMLR 3, 2003.
# - M. Hoffman, D. M. Blei and F. Bach, *Online Learning for Latent Dirichlet Allocation*, NIPS
#   2010: the algorithm of gensim's `LdaModel` (and scikit-learn's online mode).
# - M. Girolami and A. Kabán, *On an Equivalence between PLSI and LDA*, SIGIR 2003: PLSA as LDA
#   with a uniform prior, fitted by maximum a posteriori.
# - H. M. Wallach, I. Murray, R. Salakhutdinov and D. Mimno, *Evaluation Methods for Topic Models*,
#   ICML 2009: held-out likelihood and document completion.
# - J. Chang, J. Boyd-Graber, S. Gerrish, C. Wang and D. M. Blei, *Reading Tea Leaves: How Humans
#   Interpret Topic Models*, NIPS 2009: perplexity is not interpretability.
# - D. Mimno, H. Wallach, E. Talley, M. Leenders and A. McCallum, *Optimizing Semantic Coherence
#   in Topic Models*, EMNLP 2011 (u_mass); M. Röder, A. Both and A. Hinneburg, *Exploring the Space
#   of Topic Coherence Measures*, WSDM 2015 (gensim's `CoherenceModel`).
# - M. D. Lee, B. Pincombe and M. Welsh, *An Empirical Evaluation of Models of Text Document
#   Similarity*, CogSci 2005: the Lee corpus.
# - Next: notebook 09, the feature space of a classifier as a latent space.

# %% [raw] tags=["benchmark"]
# plsa_ll_never_decreases = float(plsa_never_decreases)
# plsa_train_perplexity = models["PLSA"]["train"]
# plsa_heldout_perplexity = plsa_heldout
# sklearn_lda_train_perplexity = models["LDA (scikit-learn)"]["train"]
# sklearn_lda_heldout_perplexity = sklearn_heldout
# gensim_lda_heldout_perplexity = gensim_heldout
# plsa_sklearn_heldout_perplexity_ratio = heldout_ratio
# plsa_ms_per_iteration = plsa_ms_per_iteration
# sklearn_lda_ms_per_pass = sklearn_ms_per_pass
# gensim_lda_ms_per_pass = gensim_ms_per_pass
# plsa_speedup_vs_sklearn_pass = sklearn_ms_per_pass / plsa_ms_per_iteration
# coherence_umass_plsa = models["PLSA"]["u_mass"]
# coherence_umass_sklearn_lda = models["LDA (scikit-learn)"]["u_mass"]
# coherence_umass_gensim_lda = models["LDA (gensim)"]["u_mass"]
# coherence_npmi_plsa = models["PLSA"]["c_npmi"]
# coherence_npmi_sklearn_lda = models["LDA (scikit-learn)"]["c_npmi"]
# coherence_npmi_gensim_lda = models["LDA (gensim)"]["c_npmi"]
# knn_agreement_lda_topics = knn_lda
# knn_agreement_plsa_topics = knn_plsa
# knn_agreement_word_counts = knn_counts
# knn_agreement_word_counts_cosine = knn_cosine

# %% [raw] tags=["claims"]
# len(news) == 300  # "300 articles of the Australian Broadcasting Corporation's news service"
# abs(X_test.shape[0] / len(texts) - 0.2) < 0.01  # "20% of the documents (the same share from each source) are held out"
# 1 - X_train.nnz / (n_docs * n_words) > 0.95  # "of the matrix is zeros"
# plsa_never_decreases  # "Its log-likelihood never decreases"
# plsa_never_decreases  # "EM climbs, or stays where it is; it never steps down"
# (L[20] - L[0]) / (L[100] - L[0]) > 0.85  # "L climbs fast for the first twenty or so iterations"
# L[100] > L[99]  # "after 100 iterations it still creeps up"
# L[0] < L[1] - 0.05 * (L[-1] - L[1])  # "The random start, at iteration 0, is far below the plot."
# any({"afghanistan", "laden"} <= set(t) for t in top_words(plsa.phi_))  # "Afghanistan and bin Laden"
# any({"palestinian", "israeli"} <= set(t) for t in top_words(plsa.phi_))  # "Israel and the Palestinians"
# any({"asylum", "seekers"} <= set(t) for t in top_words(plsa.phi_))  # "asylum seekers"
# any({"venus", "probes"} <= set(t) for t in top_words(plsa.phi_))  # "the probes to Venus"
# any({"station", "sydney"} <= set(t) for t in top_words(plsa.phi_))  # "the space station with Sydney news"
# any({"launch", "centre", "detention"} <= set(t) for t in top_words(plsa.phi_))  # "a launch centre with a detention centre"
# any({"space", "test", "match"} <= set(t) for t in top_words(plsa.phi_))  # "cricket with space posts"
# (plsa.theta_[y_train == 1].sum(axis=0) / plsa.theta_.sum(axis=0)).max() < 0.5  # "get no topic of their own"
# np.allclose(glda.alpha, 1 / K) and np.allclose(glda.eta, 1 / K) and lda.doc_topic_prior_ == lda.topic_word_prior_ == 1 / K  # "both libraries' default"
# phi_sklearn.min() > 0 and phi_gensim.min() > 0  # "leave no probability at zero"
# max(sklearn_seconds, gensim_seconds) < 60  # "Each fits in seconds"
# np.sum(sim_gensim > 0.8) >= 6  # "The two LDAs agree closely"
# all(sim_plsa[int(np.argmax(phi_sklearn[:, word_id[w]]))] > 0.8 for w in ("palestinian", "afghanistan", "venus"))  # "the clearest stories (the Middle East, Afghanistan, Venus)"
# np.sum(sim_plsa > 0.8) <= 5  # "and cuts the rest differently"
# any("moral" in t for t in top_words(phi_sklearn, 5)) and any("moral" in t for t in top_words(phi_gensim, 5)) and not any("moral" in t for t in top_words(phi_plsa, 8))  # "which PLSA did not make"
# theta_lda[y_train == 1, argument_topic].sum() / theta_lda[:, argument_topic].sum() > 0.5  # "the atheism posts' topic"
# best_train == "PLSA" and best_heldout.startswith("LDA")  # "PLSA wins on the training documents"
# heldout_ratio > 1.3  # "On held-out words it loses, and clearly"
# heldout_ratio > 1.3 and best_train == "PLSA"  # "while its training perplexity is the lowest of the three"
# np.mean(models["PLSA"]["theta_obs"] < 1e-6) > 0.1 and models["LDA (scikit-learn)"]["theta_obs"].min() > 1e-4  # "A topic that explains none of them gets a weight near zero"
# np.mean(phi_plsa < 1e-10) > 0.3  # "a word that a topic never wrote in training gets nothing there"
# models["PLSA"]["near_impossible"] > 0.01 and models["LDA (scikit-learn)"]["near_impossible"] == 0 and models["LDA (gensim)"]["near_impossible"] == 0  # "The LDAs have none"
# np.all(np.diff(train_curve) < 0) and train_curve[-1] < models["LDA (scikit-learn)"]["train"]  # "PLSA's training perplexity keeps falling, past LDA's"
# its[np.argmin(heldout_curve)] <= 10 and heldout_curve.max() > 1.15 * heldout_curve.min()  # "lowest at iteration"
# heldout_curve.min() > sklearn_heldout  # "and even at its best it stays above LDA's"
# heldout_curve[-1] > 1.1 * heldout_curve.min()  # "new documents, after the first few iterations, come out worse"
# plsa_ms_per_iteration < min(sklearn_ms_per_pass, gensim_ms_per_pass)  # "PLSA is the cheapest per iteration"
# max(models, key=lambda n: models[n]["u_mass"]) == "LDA (scikit-learn)" and min(models, key=lambda n: models[n]["u_mass"]) == "PLSA"  # "u_mass ranks scikit-learn's LDA best and PLSA lowest"
# all(abs(m["c_npmi"]) < 0.05 for m in models.values())  # "the c_npmi values of all three are close to zero"
# all(abs(m["c_npmi"]) < 0.05 for m in models.values())  # "c_npmi coherence is near zero for all three"
# 0.55 < np.mean(y_train == 0) < 0.7 and X_train[y_train == 0].sum() > 1.5 * X_train[y_train > 0].sum()  # "by far the most words"
# main_corner["PLSA"][1] == main_corner["PLSA"][2] != main_corner["PLSA"][0] and np.sum(source_means["PLSA"][0] > 0.2) == 2 and source_means["PLSA"][0, main_corner["PLSA"][1]] < 0.2  # "PLSA gives two corners to the news"
# any("palestinian" in t for k, t in enumerate(top_words(plsa3.phi_, 5)) if k != main_corner["PLSA"][1])  # "(the Middle East, and the rest)"
# (lambda m, n, t: n != t and m[1, t] > 0.8 and 0.4 < m[2, t] < 0.8 and m[2, 3 - n - t] > 0.2 and m[0, 3 - n - t] > 0.15)(source_means["LDA (scikit-learn)"], *main_corner["LDA (scikit-learn)"][:2])  # "LDA gives one corner to the news"
# min(on_edge.values()) > 0.8  # "most points sit at a corner or on an edge"
# len(space_topics) >= 2 and lda_means[2, space_topics].sum() > 0.4  # "the space posts gather at the"
# np.argmax(lda_means[1]) == argument_topic  # "the atheism posts lean most on the topic of argument words"
# lda_means[0].max() < 0.3 and lda_means[0, space_topics].sum() + lda_means[0, argument_topic] < 0.3  # "the news articles spread over the other corners, by story"
# pca_xy[y_train > 0, 1].mean() < pca_xy[y_train == 0, 1].mean()  # "the newsgroup posts crowd the lower middle, the news spreads above"
# min(knn_plsa, knn_lda) > knn_counts + 0.2  # "The topic proportions, by far"
# min(knn_plsa, knn_lda) > knn_counts + 0.2  # "Ten topic proportions find same-source neighbours far more often than"
# knn_counts < chance  # "below chance"
# knn_lda > knn_plsa  # "and LDA's proportions more often than PLSA's"
# knn_cosine > max(knn_plsa, knn_lda)  # "But the counts normalised to length 1 do better still"
# afghanistan_topic != mideast_topic and min(theta_lda[mixed_doc, afghanistan_topic], theta_lda[mixed_doc, mideast_topic]) > 0.35  # "half the Afghanistan topic, half the Middle East topic"
# "Tora Bora" in texts_train[mixed_doc]  # "the article is about a raid at Tora Bora"
# 2 <= np.sum(sim_plsa > 0.8) <= 5  # "PLSA finds a few of the same topics, the clearest stories"
# plsa_ms_per_iteration < sklearn_ms_per_pass  # "PLSA's EM iteration is cheaper than an LDA pass"
# min(knn_plsa, knn_lda) > knn_counts + 0.2 and knn_cosine > max(knn_plsa, knn_lda)  # "neighbours in topic space share a source far more often than in raw counts"
