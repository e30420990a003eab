# %% [markdown]
# # 01 · Compression: fewer numbers for the same digit
#
# A latent space is a *compressed* description of data. Before any neural network, this notebook
# makes "compressed" concrete with handwritten digits: we count bytes, squeeze each digit from 784
# numbers down to a few with principal component analysis (PCA), and look at what survives.
#
# **In this notebook you will learn**
# - the difference between lossless compression (every pixel back) and lossy compression (the gist back), in bytes;
# - how PCA turns a 784-pixel digit into k numbers, and how the picture and the error change with k;
# - that similar digits stay close in a compressed space, measured by how often neighbours share a label;
# - how to look at a high-dimensional space in 2-D with PCA, t-SNE and LLE, and how clusters in it match the digits;
# - what a manifold is (the swiss roll), and why data in 19 numbers can truly need only 9.
#
# **Time to run:** about 45 seconds on a laptop CPU. **Prerequisites:** notebook 00; numpy; the idea of a vector.
#
# *Latent* means hidden: a latent code is a short description of a data point that the data never
# states but that a model can find. Here the model is PCA; notebooks 04-06 use neural networks.

# %%
%matplotlib inline
import time
import zlib

import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import PCA
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers.widgets import LivePlot
import ipywidgets as W

device = lh.setup(seed=0)

# %% [markdown]
# ## 1 · A digit is 784 numbers
# We use MNIST-5k: 5,000 handwritten digits, 500 of each, that ship with the course. 4,000 are for
# fitting ("train") and 1,000 are held out ("test") to measure how well a method does on digits it
# has never seen. Each digit is a 28 × 28 grid of grey levels between 0 (black) and 1 (white), and
# we lay the grid out as one row of **784 numbers**.

# %%
digits = lh.load_mnist5k(flatten=True)
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

fig, (ax_img, ax_num) = plt.subplots(1, 2, figsize=(9, 2.6), gridspec_kw={"width_ratios": [1, 3]})
ax_img.imshow(X_test[0].reshape(28, 28), cmap="gray", vmin=0, vmax=1)
ax_img.set_title(f"a test digit (label {y_test[0]})")
ax_img.set_axis_off()
ax_num.plot(X_test[0], lw=0.8)
ax_num.set_xlabel("pixel index (row by row, 0..783)")
ax_num.set_ylabel("grey level")
ax_num.set_title("the same digit as 784 numbers")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 2 · Bytes: raw, lossless, lossy
# Image files store a grey level as one byte (an integer 0..255), so 4,000 digits take
# 4,000 × 784 bytes raw. A **lossless** compressor such as zlib (the algorithm inside PNG and zip)
# finds repetition, mostly the long runs of black background, and stores it more briefly; decompress and
# you get every byte back. A **lossy** compressor keeps only what it judges important and throws
# the rest away. PCA keeps k numbers per digit, plus one mean image and k "component" images
# shared by all digits (the decoder needs them). We count 2 bytes per PCA number (16-bit floats).

# %%
# NBVAL_CHECK_OUTPUT
n = len(X_train)
raw = lh.raw_bytes(X_train)
packed = lh.zlib_bytes(X_train)
restored = np.frombuffer(zlib.decompress(zlib.compress(np.round(X_train * 255).astype(np.uint8).tobytes(), 9)),
                         dtype=np.uint8)
print(f"raw, 1 byte per pixel     : {raw / 1e6:5.2f} MB")
print(f"zlib (lossless)           : {packed / 1e6:5.2f} MB  ({raw / packed:.1f}x smaller); "
      f"every pixel back: {np.array_equal(restored, np.round(X_train * 255).astype(np.uint8).ravel())}")
for k in (10, 20, 50):
    b = lh.pca_bytes(n, k)
    print(f"PCA k={k:3d} (lossy)        : {b / 1e6:5.2f} MB  ({raw / b:.1f}x smaller)")
_ = lh.record_metric("zlib_ratio_mnist5k", raw / packed)

# %% [markdown]
# zlib shrinks the digits about 5 times and loses nothing. PCA with 20 numbers a digit is more
# than three times smaller again, but, as we will see, the digits come back blurred: that is the
# price of lossy compression. Machine learning cares about the lossy kind, because deciding *what
# to keep* is exactly deciding what matters about a digit.
#
# ## 3 · PCA: the best k-number summary that a straight-line method can find
# PCA finds the directions in the 784-D pixel space along which the digits vary most. Each digit's
# **code** is its k coordinates along the first k directions (the *components*); to **decode**, add
# the components back up, weighted by the code, to the mean digit:
#
# $$ \text{code} = V_k^\top (x - \bar x), \qquad \hat x = \bar x + V_k\, \text{code}. $$
#
# We fit 150 components on the training digits once; the first k of them are the k-component PCA.

# %%
pca = PCA(n_components=150, random_state=0).fit(X_train)
mean, V = pca.mean_, pca.components_          # (784,), (150, 784): one component per row
C_test = (X_test - mean) @ V.T                # codes of the held-out digits, (1000, 150)

def reconstruct(codes, k):
    """Decode the first k numbers of each code back into 784 pixels."""
    return mean + codes[:, :k] @ V[:k]

KS = [1, 2, 5, 10, 20, 50, 100]
show = [int(np.flatnonzero(y_test == d)[0]) for d in range(10)]   # one test digit of each class
rows = [X_test[show]] + [reconstruct(C_test[show], k) for k in KS]
lh.show_images(np.concatenate(rows), nrow=10, title="held-out digits and their PCA reconstructions",
               row_labels=["original"] + [f"k = {k}" for k in KS], size=0.55)
plt.show()

# %% [markdown]
# With k = 1 every digit is the same smudge, only lighter or darker; by k = 10 most digits can be
# named; at k = 50 they look like the originals with soft edges. Now as numbers: the **explained
# variance** is the share of the pixel variation (on the training digits) that the first k
# components capture; the **held-out error** is the mean squared pixel error when held-out digits go
# through code and back. The two curves are mirror images: what is not explained is error.

# %%
centred = X_test - mean
total = (centred ** 2).sum(1).mean()                                   # error with k = 0 (just the mean)
err = (total - np.cumsum((C_test ** 2).mean(0))) / 784                 # orthonormal components: subtract each one's share
k_axis = np.arange(1, 151)
explained = np.cumsum(pca.explained_variance_ratio_)

fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.2))
a1.plot(k_axis, err)
a1.set_xlabel("k (numbers per digit)")
a1.set_ylabel("mean squared error per pixel")
a1.set_title("held-out reconstruction error")
a2.plot(k_axis, explained)
a2.axhline(0.9, color="gray", ls=":", lw=1)
a2.set_xlabel("k (numbers per digit)")
a2.set_ylabel("share of variance")
a2.set_title("explained variance (training digits)")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print(" k   ratio 784/k   explained variance   held-out MSE")
for k in KS:
    print(f"{k:3d}   {784 / k:9.1f}   {explained[k - 1]:17.2f}   {err[k - 1]:12.4f}")
_ = lh.record_metric("pca_explained_variance_k20", explained[19])
_ = lh.record_metric("pca_test_mse_k20", err[19])

# %% [markdown]
# The **compression ratio** 784/k says how many times fewer numbers a digit takes (ignoring the
# shared mean and components, which cost the same however many digits we store). Twenty numbers,
# a ratio of about 39, keep about two thirds of the variance; the last few percent need many more
# numbers, because they are fine details that differ from digit to digit.
#
# ### Try it: a slider for k
# Move the slider: the top row is the originals, the bottom row their reconstructions from k numbers.

# %%
def draw_k(fig, k):
    # persistent figure: built once, then only the bottom picture and its title change
    if not fig.axes:
        top, bottom = fig.subplots(2, 1)
        lh.show_images(X_test[show], nrow=10, ax=top, title="original held-out digits")
        lh.show_images(reconstruct(C_test[show], k), nrow=10, ax=bottom, title=" ")
    bottom = fig.axes[1]
    bottom.images[0].set_data(lh.image_grid(reconstruct(C_test[show], k), nrow=10))
    bottom.set_title(f"from k = {k} numbers each ({784 / k:.0f}x fewer), MSE {err[k - 1]:.4f}")

k_slider = W.IntSlider(value=5, min=1, max=150, step=1, description="k", continuous_update=True)
LivePlot(draw_k, {"k": k_slider}, figsize=(6.5, 1.9), title="PCA reconstruction with k components",
         persistent=True)

# %% [markdown]
# ## 4 · Similar digits are close
# A compressed space is only useful if it keeps what makes digits alike. Below, four held-out digits
# (left column) and their five nearest training digits, first measured in the 784-D pixel space,
# then in the 20-D PCA space. "Nearest" means smallest Euclidean distance.

# %%
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

C_train = (X_train - mean) @ V.T
queries = [show[2], show[4], show[7], show[9]]
nn_pix = NearestNeighbors(n_neighbors=5).fit(X_train).kneighbors(X_test[queries], return_distance=False)
nn_pca = NearestNeighbors(n_neighbors=5).fit(C_train[:, :20]).kneighbors(C_test[queries, :20],
                                                                          return_distance=False)
fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for ax, nn, name in ((axes[0], nn_pix, "pixel space (784-D)"), (axes[1], nn_pca, "PCA space (k = 20)")):
    grid = np.concatenate([np.concatenate([X_test[[q]], X_train[idx]]) for q, idx in zip(queries, nn)])
    lh.show_images(grid, nrow=6, ax=ax, title=f"query | 5 nearest in {name}")
fig.tight_layout()
plt.show()

# %% [markdown]
# The neighbours in the 20-number space are nearly as convincing as in the full pixel space (one
# 7 finds a 2 among its five). To put a
# number on it, we use the simplest classifier there is: a **k-nearest-neighbour vote** (5 neighbours)
# that labels each held-out digit with the most common label among its nearest training digits.
# Its accuracy measures how often "close" means "same digit".

# %%
# NBVAL_CHECK_OUTPUT
acc = {}
for k in tqdm([2, 5, 10, 20, 50, 784], desc="k-NN at each k"):
    tr, te = (X_train, X_test) if k == 784 else (C_train[:, :k], C_test[:, :k])
    acc[k] = KNeighborsClassifier(n_neighbors=5).fit(tr, y_train).score(te, y_test)
for k, a in acc.items():
    print(f"{'pixels' if k == 784 else f'PCA k={k}':>10}: 5-NN accuracy {a:.2f}")
_ = lh.record_metric("knn5_acc_pixels", acc[784])
_ = lh.record_metric("knn5_acc_pca20", acc[20])

# %% [markdown]
# Two numbers give about 40% (chance is 10%); from about 20 numbers on, the vote is as accurate as
# with all 784 pixels, and a little *more* accurate around k = 20-50: dropping the fine details
# drops some noise too. This is the sense in which a latent space puts similar things close.
#
# A trained classifier goes further: its inner layers learn features, strokes, loops, in which
# digits of the same kind are close even when their pixels differ, a *structural* similarity. We
# look inside such a classifier in notebook 09.
#
# ## 5 · Seeing a many-dimensional space
# We cannot look at 20 or 50 dimensions, so we draw maps in 2-D that try to keep what matters:
# - **PCA to 2-D**: the first two components; a straight-line projection, faithful to large distances.
# - **t-SNE**: places points so that *neighbours* stay neighbours; distances between far-apart
#   groups mean little. Slow on many points.
# - **LLE** (locally linear embedding): rebuilds each point from its neighbours, then finds 2-D
#   points that are rebuilt the same way; it can unroll curved sheets (section 6).
#
# First the small 8 × 8 digits of scikit-learn (64 numbers each; we use 1,000 of the 1,797 to save
# time), then the codes of the 1,000 held-out MNIST digits (PCA to 50 numbers first, which keeps
# the neighbours and makes t-SNE faster). Under each map: the share of each point's 10 nearest map
# neighbours that carry its label.

# %%
from sklearn.manifold import TSNE, LocallyLinearEmbedding

X8, y8 = lh.load_digits8x8()
pick = np.random.default_rng(0).choice(len(X8), 1000, replace=False)
X8, y8 = X8[pick], y8[pick]
C50 = C_test[:, :50]

methods = {
    "PCA": lambda X: PCA(2, random_state=0).fit_transform(X),
    "t-SNE": lambda X: TSNE(2, perplexity=30, init="pca", max_iter=400, random_state=0).fit_transform(X),
    "LLE": lambda X: LocallyLinearEmbedding(n_neighbors=30, n_components=2, random_state=0).fit_transform(X),
}
maps, agree = {}, {}
for (data_name, X, y) in tqdm([("8x8 digits", X8, y8), ("MNIST codes (PCA-50)", C50, y_test)], desc="maps"):
    for m, f in methods.items():
        maps[data_name, m] = f(X)
        agree[data_name, m] = lh.neighbour_agreement(maps[data_name, m], y, k=10)

fig, axes = plt.subplots(2, 3, figsize=(12, 7))
for row, (data_name, y) in enumerate([("8x8 digits", y8), ("MNIST codes (PCA-50)", y_test)]):
    for col, m in enumerate(methods):
        lh.scatter2d(maps[data_name, m], y, ax=axes[row, col], s=4, legend=(col == 2),
                     title=f"{data_name}: {m}\nsame-label neighbours {agree[data_name, m]:.0%}",
                     xlabel=f"{m} 1", ylabel=f"{m} 2")
fig.tight_layout()
plt.show()
_ = lh.record_metric("tsne_neighbour_agreement_mnist", agree["MNIST codes (PCA-50)", "t-SNE"])

# %% [markdown]
# PCA's 2-D map overlaps most classes: two straight directions cannot separate ten kinds of
# digit (38-56% same-label neighbours). t-SNE draws clear islands and keeps 80-97% of map
# neighbours in the same class. LLE does worst here: it squeezes most points into a small blob and
# stretches one or two classes out along long arms; it is sensitive to its number of neighbours and
# shines on smooth sheets like the swiss roll below (unrolled there by its cousin Isomap) rather than on clumpy digit data. All three saw
# only pixels, never labels.
#
# ### Clusters without labels
# If similar digits are close, a clustering method that never sees labels should find groups that
# match them. **k-means** splits points into 10 groups around 10 centres. The **adjusted Rand index**
# (ARI) compares its groups with the true labels: 1 is a perfect match, 0 is what random groups score.

# %%
# NBVAL_CHECK_OUTPUT
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

spaces = {"pixels (784-D)": X_test, "PCA codes (50-D)": C50, "PCA codes (2-D)": C_test[:, :2],
          "t-SNE map (2-D)": maps["MNIST codes (PCA-50)", "t-SNE"]}
ari = {}
for name, Z in spaces.items():
    groups = KMeans(n_clusters=10, n_init=4, random_state=0).fit_predict(Z)
    ari[name] = adjusted_rand_score(y_test, groups)
    print(f"k-means on {name:17s}: ARI {ari[name]:.2f}")
_ = lh.record_metric("kmeans_ari_pca50", ari["PCA codes (50-D)"])

# %% [markdown]
# Clustering the 50-number codes matches the labels a little better than clustering the raw pixels
# (ARI 0.38 against 0.29; several digits, 4/9 and 3/5/8, share clusters), two numbers are too few,
# and the t-SNE map, built to keep neighbourhoods, clusters best of all (0.51). (Careful: t-SNE's map should not be used for
# measuring distances between far-apart clusters; it is a picture, not a metric.)
#
# ## 6 · Manifolds: the swiss roll
# A **manifold** is a low-dimensional sheet curled up inside a higher-dimensional space. The swiss
# roll is the textbook case: 3-D points that lie on a rolled-up 2-D sheet. The colour below is the
# position along the roll, the sheet's own coordinate. A good 2-D code should recover it.

# %%
from sklearn.datasets import make_swiss_roll
from sklearn.manifold import Isomap
from scipy.stats import spearmanr

S, s_pos = make_swiss_roll(n_samples=1500, noise=0.05, random_state=0)
unrolled = Isomap(n_neighbors=12, n_components=2).fit_transform(S)
flat_pca = PCA(2, random_state=0).fit_transform(S)

fig = plt.figure(figsize=(12, 3.6))
ax = fig.add_subplot(1, 3, 1, projection="3d")
ax.scatter(S[:, 0], S[:, 1], S[:, 2], c=s_pos, cmap="viridis", s=4)
ax.set_title("swiss roll in 3-D")
ax.set_xlabel("x"); ax.set_ylabel("y"); ax.set_zlabel("z")
ax.view_init(elev=12, azim=-70)
for i, (P, name) in enumerate(((flat_pca, "PCA to 2-D: squashed"), (unrolled, "Isomap to 2-D: unrolled")), start=2):
    a = fig.add_subplot(1, 3, i)
    a.scatter(P[:, 0], P[:, 1], c=s_pos, cmap="viridis", s=4)
    a.set_title(name); a.set_xlabel("code 1"); a.set_ylabel("code 2")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
def roll_recovery(P):
    """How well one of the two map coordinates orders the points along the roll (|Spearman rho|)."""
    return max(abs(spearmanr(P[:, j], s_pos)[0]) for j in range(2))

print(f"position along the roll recovered by PCA   : {roll_recovery(flat_pca):.2f}")
print(f"position along the roll recovered by Isomap: {roll_recovery(unrolled):.2f}")
_ = lh.record_metric("swissroll_isomap_rank_corr", roll_recovery(unrolled))
_ = lh.record_metric("swissroll_pca_rank_corr", roll_recovery(flat_pca))

# %% [markdown]
# PCA can only project: its best flat view is the roll seen end-on, a spiral. No straight axis of
# that picture runs along the roll, so neither coordinate orders the points by their position (rank
# correlation about 0.2), and points far apart on the sheet (inner and outer turns) look close. Isomap (a cousin of LLE) measures
# distance *along the sheet*, through chains of nearby points, and lays the sheet out flat: the
# colour runs smoothly from one end to the other, and its first coordinate orders the points along the roll
# almost perfectly (rank correlation near 1). Digits are thought to lie on curled manifolds in the
# same way, which is why the non-linear encoders of later notebooks beat PCA.
#
# ## 7 · From 19 numbers to 9, honestly
# One often reads that compression "takes a 19-D data point and squishes it into 9-D". That only
# works without loss if the 19 numbers are *redundant*. Here is a case where they truly are: each
# point is made from 9 hidden numbers, mixed into 19 measurements by a fixed random matrix, plus a
# little measurement noise (standard deviation 0.01). PCA does not know the 9; let us see if it finds them.

# %%
gen = np.random.default_rng(0)
hidden = gen.normal(size=(2000, 9))                  # the 9 latent numbers per point
mixing = gen.normal(size=(9, 19))                    # how they show up in 19 measurements
X19 = hidden @ mixing + 0.01 * gen.normal(size=(2000, 19))
X19_train, X19_test = X19[:1500], X19[1500:]

pca19 = PCA(n_components=19, random_state=0).fit(X19_train)
share = pca19.explained_variance_ratio_

fig, ax = plt.subplots(figsize=(6, 2.8))
ax.bar(np.arange(1, 20), share)
ax.set_yscale("log")
ax.set_xticks(range(1, 20))
ax.set_xlabel("component")
ax.set_ylabel("share of variance (log scale)")
ax.set_title("19 measurements, 9 hidden numbers: the spectrum drops after 9")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
for k in (8, 9, 10):
    p = PCA(n_components=k, random_state=0).fit(X19_train)
    mse = ((p.inverse_transform(p.transform(X19_test)) - X19_test) ** 2).mean()
    print(f"19 -> {k:2d} numbers -> 19: held-out MSE {mse:.1e}, variance kept {share[:k].sum():.4f}")
print(f"noise variance put in: {0.01 ** 2:.1e}")

# %% [markdown]
# With 9 numbers the held-out error falls to the level of the noise we added: the noise in the 10
# directions outside the 9-D sheet is removed, the noise inside it stays (10/19 × 1e-4 ≈ 5e-5).
# With 8 numbers one true direction is missing and the error is about two thousand times larger; a
# 10th number only stores noise. The honest lesson: the latent size is a
# property of the data, not a choice we make freely. Real digits have no sharp drop like this:
# their spectrum (section 3) fades slowly, and every extra number buys a little more detail.
#
# ## Summary
# - Lossless compression (zlib) gives back every pixel and shrinks MNIST about 5 times; lossy PCA
#   keeps k numbers per digit and gives back a blurred digit: 20 numbers, 39 times fewer, keep about two thirds of the variance.
# - Reconstruction error and explained variance are two views of the same curve: what is not kept is error.
# - In a 20-number PCA space, nearest neighbours are as often the same digit as in pixel space: similar digits are close.
# - PCA, t-SNE and LLE draw maps of many-dimensional spaces; k-means finds groups that partly match the labels.
# - Data can lie on a curled, lower-dimensional manifold (the swiss roll); straight-line PCA cannot unroll it,
#   Isomap/LLE can. When data truly has 9 degrees of freedom in 19 numbers, PCA finds exactly 9.
#
# ## Exercises
# **Exercise 1.** What is the smallest number of components k that keeps at least 90% of the
# variance of the training digits? Use `pca.explained_variance_ratio_`.

# %%
answer = None  # e.g. np.argmax(np.cumsum(pca.explained_variance_ratio_) >= 0.9) + 1

from latent_helpers.exercises import check_k_for_variance
check_k_for_variance(answer, pca.explained_variance_ratio_)

# %% hidden
# Solution
answer = int(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= 0.9) + 1)
print("k for 90%:", answer)
check_k_for_variance(answer, pca.explained_variance_ratio_)

# %% [markdown]
# **Exercise 2.** With k = 16 PCA numbers per digit, what is the compression ratio (numbers per
# digit before divided by numbers after, ignoring the shared mean and components)?

# %%
answer = None

from latent_helpers.exercises import check_compression_ratio
check_compression_ratio(answer, k=16)

# %% hidden
# Solution
answer = 784 / 16
check_compression_ratio(answer, k=16)

# %% [markdown]
# **Exercise 3.** In the 20-number PCA space (`C_test[:, :20]`), which held-out digit is nearer to
# digit 0 (`X_test[0]`): digit 1 or digit 2? Answer with the index, 1 or 2. Then look at the
# three pictures: does the answer make sense?

# %%
answer = None

from latent_helpers.exercises import check_nearer_digit
check_nearer_digit(answer, C_test[:, :20], query=0, a=1, b=2)

# %% hidden
# Solution
Z20 = C_test[:, :20]
d1, d2 = np.linalg.norm(Z20[0] - Z20[1]), np.linalg.norm(Z20[0] - Z20[2])
print(f"labels: {y_test[0]}, {y_test[1]}, {y_test[2]}; distances {d1:.2f} and {d2:.2f}")
answer = 1 if d1 < d2 else 2
check_nearer_digit(answer, C_test[:, :20], query=0, a=1, b=2)

# %% [markdown]
# **Exercise 4 (open).** Re-run section 5 with `perplexity=5` and with `perplexity=100` in t-SNE.
# How do the islands change? Which map would you trust to say that 4s and 9s are similar?
#
# ## Further reading
# - scikit-learn user guide: *Decomposing signals in components* (PCA) and *Manifold learning* (t-SNE, LLE, Isomap).
# - L. van der Maaten and G. Hinton, *Visualizing Data using t-SNE*, JMLR 2008; and Wattenberg, Viégas and
#   Johnson, *How to Use t-SNE Effectively*, Distill 2016.
# - S. Roweis and L. Saul, *Nonlinear dimensionality reduction by locally linear embedding*, Science 2000.
# - Next: [02 · A toy latent space](02_toy_latent_space.ipynb), where a 5 × 5 image becomes 3 numbers.
