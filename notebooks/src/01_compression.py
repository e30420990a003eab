# %% [markdown] slideshow={"slide_type": "slide"}
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
# - what a manifold is (the swiss roll, unrolled by Isomap and LLE), and why data in 19 numbers can truly need only 9.
#
# **Time to run:** about 45 seconds on a laptop CPU. **Prerequisites:** notebook 00; numpy; the idea of a vector.
#
# *Latent* means hidden: a latent code is a short description of a data point that the data never
# states but that a model can find. Here the model is PCA; notebooks 04-06 use neural networks.

# %%
# %matplotlib inline
import zlib

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import PCA
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers import LivePlot

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

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2 · Bytes: raw, lossless, lossy
# Image files store a grey level as one byte (an integer 0..255), so 4,000 digits take
# 4,000 × 784 bytes raw. A **lossless** compressor such as zlib (the algorithm inside PNG and zip)
# finds repetition, mostly the long runs of black background, and stores it more briefly; decompress and
# you get every byte back. A **lossy** compressor keeps only what it judges important and throws
# the rest away. PCA keeps k numbers per digit, plus one mean image and k "component" images
# shared by all digits (the decoder needs them). We count 2 bytes per PCA number (16-bit floats).
#
# **Think first.** Most of a digit's 784 pixels are black background. How many times smaller can
# zlib make the 4,000 digits without losing a single pixel: about 1.5 times, 5 times, or 50 times?
#
# <details><summary>Answer</summary>
#
# About 5 times. The black runs shrink to almost nothing, but the strokes are drawn with many grey
# levels that do not repeat exactly, and zlib must keep every one of them. Giving up exactness is
# what buys more: PCA with 20 numbers a digit is about three times smaller again.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
n = len(X_train)
pixels = np.round(X_train * 255).astype(np.uint8)      # one byte per pixel, 0..255
raw = pixels.nbytes
packed = zlib.compress(pixels.tobytes(), 9)            # lossless
packed_size = len(packed)
restored = np.frombuffer(zlib.decompress(packed), dtype=np.uint8).reshape(pixels.shape)

print(f"raw, 1 byte per pixel     : {raw / 1e6:5.2f} MB")
print(f"zlib (lossless)           : {packed_size / 1e6:5.2f} MB  ({raw / packed_size:.1f}x smaller); "
      f"every pixel back: {np.array_equal(restored, pixels)}")
pca_size = {}
for k in (10, 20, 50):
    codes_bytes = n * k * 2                             # k numbers per digit, 2 bytes each
    shared_bytes = (k + 1) * 784 * 2                    # the mean image and k components, stored once
    pca_size[k] = codes_bytes + shared_bytes
    print(f"PCA k={k:3d} (lossy)        : {pca_size[k] / 1e6:5.2f} MB  ({raw / pca_size[k]:.1f}x smaller)")

# %% [markdown]
# zlib keeps everything and still saves most of the space ({{1 - packed_size / raw:.0%}} of it), because
# it stores the background cheaply. PCA saves far more, but, as we will see, the digits come back
# blurred: that is the price of lossy compression. Machine learning cares about the lossy kind, because deciding *what to
# keep* is exactly deciding what matters about a digit.
#
# ## 3 · PCA: the best k-number summary that a straight-line method can find
# PCA finds the directions in the 784-D pixel space along which the digits vary most. Each digit's
# **code** is its k coordinates along the first k directions (the *components*); to **decode**, add
# the components back up, weighted by the code, to the mean digit:
#
# $$ \text{code} = V_k\, (x - \bar x), \qquad \hat x = \bar x + V_k^\top\, \text{code}, $$
#
# where the k rows of $V_k$ are the first k components. We fit 150 components on the training
# digits once; the first k of them are the k-component PCA.

# %%
pca = PCA(n_components=150, random_state=0).fit(X_train)
mean, V = pca.mean_, pca.components_          # (784,), (150, 784): one component per row
explained = np.cumsum(pca.explained_variance_ratio_)   # share of the variance kept by the first 1, 2, ... components
C_test = (X_test - mean) @ V.T                # codes of the held-out digits, (1000, 150)

def reconstruct(codes, k):
    """Decode the first k numbers of each code back into 784 pixels."""
    return mean + codes[:, :k] @ V[:k]

KS = [1, 2, 5, 10, 20, 50, 100]
first_of_each = [np.flatnonzero(y_test == d)[0] for d in range(10)]   # one held-out digit of each class
show = [int(i) for i in first_of_each]

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** With k = 1, each digit is the mean digit plus *one* number times the first
# component. What will the ten reconstructed digits in the first row below look like?
#
# <details><summary>Answer</summary>
#
# All alike: the same blurry blob, a little lighter or darker, because one number can only say how
# much of one fixed pattern to add. You cannot tell a 3 from a 5 from one number; by about ten
# numbers, most digits can be named.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
rows = [X_test[show]] + [reconstruct(C_test[show], k) for k in KS]
lh.show_images(np.concatenate(rows), nrow=10, title="held-out digits and their PCA reconstructions",
               row_labels=["original"] + [f"k = {k}" for k in KS], size=0.55)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# With k = 1 every digit is the same smudge; by k = 10 most digits can be named; at k = 50 they
# look like the originals with soft edges. Now as numbers: the **explained variance** is the share
# of the pixel variation (on the training digits) that the first k components capture; the
# **held-out error** is the mean squared pixel error when held-out digits go through code and back.
#
# **Think first.** How many components does PCA need to keep 90% of the variance of the digits:
# about 10, about 85, or about 400?
#
# <details><summary>Answer</summary>
#
# {{int(np.argmax(explained >= 0.9)) + 1}}, about a ninth of the 784 pixels. The first ten components keep
# {{explained[9]:.0%}} of the variance, about half; after that each one adds less and less, so the last
# few percent cost many numbers. The dotted line in the right-hand plot marks 90%.
#
# </details>
#
# The error curve below takes a shortcut: the components are orthonormal, so each one removes its
# own share of the squared distance to the mean digit, and the error with k components is what the
# first k have not removed. (Exercise 1 asks you to compute it the long way.)

# %% slideshow={"slide_type": "fragment"}
centred = X_test - mean
error_k0 = (centred ** 2).sum(1).mean()                # squared distance to the mean digit: the error with k = 0
removed = np.cumsum((C_test ** 2).mean(0))             # what the first 1, 2, ... components remove
err = (error_k0 - removed) / 784                       # mean squared error per pixel, for k = 1..150
k_axis = np.arange(1, 151)

fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.2))
a1.plot(k_axis, err)
a1.set_xlabel("k (numbers per digit)")
a1.set_ylabel("mean squared error per pixel")
a1.set_title("held-out reconstruction error")
a2.plot(k_axis, explained)
a2.axhline(0.9, color="gray", ls=":", lw=1, label="90%")
a2.set_xlabel("k (numbers per digit)")
a2.set_ylabel("share of variance")
a2.set_title("explained variance (training digits)")
a2.legend(loc="lower right", frameon=False)
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print(" k   ratio 784/k   explained variance   held-out MSE")
for k in KS:
    print(f"{k:3d}   {784 / k:9.1f}   {explained[k - 1]:17.2f}   {err[k - 1]:12.4f}")


# %% [markdown] slideshow={"slide_type": "slide"}
# The two curves are mirror images: what is not explained is error. The **compression ratio**
# 784/k says how many times fewer numbers a digit takes (ignoring the shared mean and components,
# which cost the same however many digits we store). The first components are cheap wins: they
# capture the broad strokes every digit of a kind shares. The last few percent of the variance are
# fine details that differ from digit to digit, and each of them needs a component of its own.
#
# ### Try it: a slider for k
# Move the slider: the top row is the originals, the bottom row their reconstructions from k numbers.

# %% slideshow={"slide_type": "fragment"}
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
search_pix = NearestNeighbors(n_neighbors=5).fit(X_train)              # look-up tables of the training digits
search_pca = NearestNeighbors(n_neighbors=5).fit(C_train[:, :20])
nn_pix = search_pix.kneighbors(X_test[queries], return_distance=False)   # (4, 5) row numbers in X_train
nn_pca = search_pca.kneighbors(C_test[queries, :20], return_distance=False)

fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for ax, nn, name in ((axes[0], nn_pix, "pixel space (784-D)"), (axes[1], nn_pca, "PCA space (k = 20)")):
    query_rows = [np.concatenate([X_test[[q]], X_train[idx]]) for q, idx in zip(queries, nn)]
    lh.show_images(np.concatenate(query_rows), nrow=6, ax=ax, title=f"query | 5 nearest in {name}")
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# The neighbours in the 20-number space look nearly as convincing as in the full pixel space. To
# put a number on it, we use the simplest classifier there is: a **k-nearest-neighbour vote**. For
# each held-out digit, find the 5 training digits nearest to it and answer the label most of them
# carry. Its accuracy measures how often "close" means "same digit". (You will write the vote
# yourself in Exercise 2.)
#
# **Think first.** The 20-number code throws away {{1 - explained[19]:.0%}} of the variance of the pixels, about
# a third. Will the 5-neighbour vote in the 20-D PCA space be much worse than in the 784-D pixel space?
#
# <details><summary>Answer</summary>
#
# No: it is about as accurate, even a little more. What the 20 numbers drop is mostly fine detail
# (how thick a stroke is, exactly where it wobbles) that differs between two 3s as much as between
# a 3 and a 5. Dropping it removes some noise from the distances. With 2 numbers, though, the vote
# fails on most digits.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
acc = {}
for k in tqdm([2, 5, 10, 20, 50, 784], desc="k-NN at each k"):
    tr, te = (X_train, X_test) if k == 784 else (C_train[:, :k], C_test[:, :k])
    acc[k] = KNeighborsClassifier(n_neighbors=5).fit(tr, y_train).score(te, y_test)
for k, a in acc.items():
    print(f"{'pixels' if k == 784 else f'PCA k={k}':>10}: 5-NN accuracy {a:.2f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# Two numbers ({{acc[2]:.0%}} right) are far better than guessing (chance is 10%) but mix up most digits;
# from about 20 numbers on, the vote is as good as with all 784 pixels ({{acc[20]:.0%}} with 20 numbers,
# {{acc[784]:.0%}} with the pixels). This is the sense in which a latent space
# puts similar things close: a short code keeps the neighbours.
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
#   points that are rebuilt the same way. It was made for smooth curved sheets; section 6 shows it
#   unroll one.
#
# First the small 8 × 8 digits of scikit-learn (64 numbers each; we use 1,000 of the 1,797 to save
# time), then the codes of the 1,000 held-out MNIST digits (PCA to 50 numbers first, which keeps
# the neighbours and makes t-SNE faster). Under each map: the share of each point's 10 nearest map
# neighbours that carry its label.
#
# **Think first.** Which of the three maps will draw the ten digits as ten separate islands?
#
# <details><summary>Answer</summary>
#
# t-SNE's. It is built for exactly that: whatever is near in the many-dimensional space stays near
# on the map. PCA's two straight directions cannot pull ten classes apart, and LLE, made for one
# smooth sheet, struggles with ten separate clumps.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
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
                     xlabel=f"{m}: z0", ylabel=f"{m}: z1")
fig.tight_layout()
plt.show()

# %% [markdown]
# PCA's map overlaps most classes: two straight directions cannot separate ten kinds of digit, and
# only about half of each point's map neighbours share its label ({{agree["8x8 digits", "PCA"]:.0%}}; fewer
# for MNIST, {{agree["MNIST codes (PCA-50)", "PCA"]:.0%}}). t-SNE draws clear islands, and most map neighbours
# are of the same class ({{agree["8x8 digits", "t-SNE"]:.0%}} and {{agree["MNIST codes (PCA-50)", "t-SNE"]:.0%}}).
# LLE does worst here: it squeezes most points into a small blob; on the 8 × 8 digits it stretches one
# or two classes out along long arms (the 6s most of all). Digits are not one smooth sheet but many
# clumps, which is not what LLE was made for; section 6 shows it on the kind of data it was made for.
# All three saw only pixels, never labels.
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
groups, ari = {}, {}
for name, Z in spaces.items():
    groups[name] = KMeans(n_clusters=10, n_init=4, random_state=0).fit_predict(Z)
    ari[name] = adjusted_rand_score(y_test, groups[name])
for name in ("pixels (784-D)", "PCA codes (50-D)", "PCA codes (2-D)"):
    print(f"k-means on {name:17s}: ARI {ari[name]:.2f}")
# t-SNE's map, and so its ARI, shifts a little from one computer to another: the text quotes this run's figure
print(f"best match with the labels: k-means on the {max(ari, key=ari.get)}")

# %% [markdown] slideshow={"slide_type": "slide"}
# Every space is far from a perfect match: k-means puts digits that share strokes (4, 7 and 9; 3, 5
# and 8) into the same clusters. Still, clustering the 50-number codes does a little better than
# clustering the raw pixels, two numbers are too few, and the t-SNE map, built to keep
# neighbourhoods together, clusters best of all (ARI {{ari["t-SNE map (2-D)"]:.2f}} in this run; t-SNE's map,
# and so this figure, differs a little from one computer to another). (Careful: t-SNE's map should not be used for
# measuring distances between far-apart clusters; it is a picture, not a metric.)
#
# ## 6 · Manifolds: the swiss roll
# A **manifold** is a low-dimensional sheet curled up inside a higher-dimensional space. The swiss
# roll is the textbook case: 3-D points that lie on a rolled-up 2-D sheet. The colour below is the
# position along the roll, the sheet's own coordinate. A good 2-D code should recover it. Beside
# PCA and LLE we use **Isomap**, which measures distances *along the sheet*, hopping from each point
# to its near neighbours, and then lays the points out so that those distances are kept.
#
# **Think first.** PCA can only turn the roll and look at it from one side. Is there a side from
# which the colours run in order along one axis?
#
# <details><summary>Answer</summary>
#
# No. Seen end-on the roll is a spiral, and the colours go round and round it; seen from the side,
# the inner and outer turns lie on top of each other. Every flat view mixes up points that are far
# apart on the sheet.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
from scipy.stats import spearmanr
from sklearn.datasets import make_swiss_roll
from sklearn.manifold import Isomap

S, s_pos = make_swiss_roll(n_samples=1500, noise=0.05, random_state=0)
flat_pca = PCA(2, random_state=0).fit_transform(S)
unrolled = Isomap(n_neighbors=12, n_components=2).fit_transform(S)
unrolled_lle = LocallyLinearEmbedding(n_neighbors=12, n_components=2, random_state=0).fit_transform(S)

fig = plt.figure(figsize=(13, 3.3))
ax = fig.add_subplot(1, 4, 1, projection="3d")
ax.scatter(S[:, 0], S[:, 1], S[:, 2], c=s_pos, cmap="viridis", s=4)
ax.set_title("swiss roll in 3-D")
ax.set_xlabel("x"); ax.set_ylabel("y"); ax.set_zlabel("z")
ax.view_init(elev=12, azim=-70)
panels = ((flat_pca, "PCA to 2-D: squashed"), (unrolled, "Isomap to 2-D: unrolled"),
          (unrolled_lle, "LLE to 2-D: unrolled, bent"))
for i, (P, name) in enumerate(panels, start=2):
    a = fig.add_subplot(1, 4, i)
    a.scatter(P[:, 0], P[:, 1], c=s_pos, cmap="viridis", s=4)
    a.set_title(name); a.set_xlabel("z0"); a.set_ylabel("z1")
fig.tight_layout()
plt.show()


# %% [markdown]
# To put a number on "unrolled", we ask how well one coordinate of each map *orders* the points along
# the roll: the rank correlation (Spearman's) between the map coordinate and the position on the
# sheet, 1 for the same order, 0 for no relation.

# %%
# NBVAL_CHECK_OUTPUT
def roll_recovery(P):
    """How well one of the two map coordinates orders the points along the roll (|Spearman rho|)."""
    return max(abs(spearmanr(P[:, j], s_pos)[0]) for j in range(2))

for name, P in (("PCA", flat_pca), ("Isomap", unrolled), ("LLE", unrolled_lle)):
    print(f"position along the roll recovered by {name:6s}: {roll_recovery(P):.2f}")

# %% [markdown]
# PCA can only project: no straight axis of its spiral runs along the roll, so neither coordinate
# orders the points, and points far apart on the sheet (inner and outer turns) look close. Isomap
# lays the sheet out flat: the colour runs smoothly from one end to the other, its first coordinate
# puts the points in order along the roll, and its second keeps the sheet's width. LLE unrolls it
# too, but bends the sheet into an arch and squeezes one end to about half the width of the other,
# because it keeps each point's neighbourhood, not the distances: the order along the roll survives,
# the shape of the sheet does not. The same LLE made a poor map of the digits in section 5: a method
# suits a shape of data. Digits are thought to lie on curled manifolds too, though far less simple
# ones, which is why the non-linear encoders of later notebooks beat PCA.
#
# ## 7 · From 19 numbers to 9, honestly
# One often reads that compression "takes a 19-D data point and squishes it into 9-D". That only
# works without loss if the 19 numbers are *redundant*. Here is a case where they truly are: each
# point is made from 9 hidden numbers, mixed into 19 measurements by a fixed random matrix, plus a
# little measurement noise (standard deviation 0.01, so variance 1e-4, in every measurement). PCA
# does not know the 9; let us see if it finds them.

# %%
gen = np.random.default_rng(0)
hidden = gen.normal(size=(2000, 9))                  # the 9 latent numbers per point
mixing = gen.normal(size=(9, 19))                    # how they show up in 19 measurements
clean = hidden @ mixing                              # the noise-free measurements
X19 = clean + 0.01 * gen.normal(size=(2000, 19))     # what we get to see
X19_train, X19_test, clean_test = X19[:1500], X19[1500:], clean[1500:]

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

# %% [markdown] slideshow={"slide_type": "slide"}
# Below, the held-out points go 19 → k → 19 numbers. We compare the result with the measured points
# (what a user of the compressor would see) and, because we made the data, with the noise-free
# points too.
#
# **Think first.** With 8, 9 and 10 numbers, will the error against the measured points be about
# the noise variance (1e-4), far above it, or below it?
#
# <details><summary>Answer</summary>
#
# With 8, far above: one of the 9 true directions is missing, and real signal is lost. With 9,
# *below* the noise variance: the reconstruction lies exactly on the 9-D sheet, so its error is
# only the noise that points off the sheet. With 10, a little lower still: the 10th number stores
# one more direction of noise.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
mse_measured, mse_clean = {}, {}
print(" k   held-out MSE vs measured   vs noise-free   variance kept")
for k in (8, 9, 10):
    p = PCA(n_components=k, random_state=0).fit(X19_train)
    back = p.inverse_transform(p.transform(X19_test))
    mse_measured[k] = ((back - X19_test) ** 2).mean()
    mse_clean[k] = ((back - clean_test) ** 2).mean()
    print(f"{k:2d}   {mse_measured[k]:22.1e}   {mse_clean[k]:13.1e}   {share[:k].sum():13.4f}")
print(f"noise variance put in: {0.01 ** 2:.1e}")


# %% [markdown] slideshow={"slide_type": "slide"}
# Eight numbers lose real signal: the error is about a thousand times the noise variance
# ({{mse_measured[8] / 0.01 ** 2:,.0f}} times). With 9
# numbers the reconstruction lies on the 9-D sheet the data came from. Noise is equally strong in every one of
# the 19 directions; the 10 directions off the sheet hold *only* noise, and PCA drops them. So the
# error against the measured points is exactly the noise thrown away: ten nineteenths of the noise
# variance. The noise along the 9 directions of the sheet stays in the reconstruction, and it is all
# that separates the reconstruction from the noise-free points: nine nineteenths of the noise
# variance, *less* than the measurements themselves are off. Compressing to the right size removed
# about half the noise. A 10th number only stores noise: closer to the measurements, further from the truth.
#
# The honest lesson: the latent size is a property of the data, not a choice we make freely. Real
# digits have no sharp drop like this: their spectrum (section 3) fades slowly, and every extra
# number buys a little more detail.
#
# ## Summary
# - Lossless compression (zlib) gives back every pixel and shrinks MNIST about {{raw / packed_size:.0f}} times; lossy PCA
#   keeps k numbers per digit and gives back a blurred digit (20 numbers keep {{explained[19]:.0%}} of
#   the variance).
# - Reconstruction error and explained variance are two views of the same curve: what is not kept is error.
# - In a 20-number PCA space, nearest neighbours are as often the same digit as in pixel space: similar digits are close.
# - PCA, t-SNE and LLE draw maps of many-dimensional spaces; t-SNE keeps neighbourhoods best, and
#   k-means finds groups that partly match the labels.
# - Data can lie on a curled, lower-dimensional manifold (the swiss roll); straight-line PCA cannot
#   unroll it, Isomap and LLE can. When data truly has 9 degrees of freedom in 19 numbers, PCA finds
#   exactly 9, and compressing to 9 removes noise.
#
# ## Exercises
# **Exercise 1 (write code): the error of a k-number PCA, the long way.** Write
# `pca_error(X, mean, V, k)`: encode every row of `X` with the first `k` components (`V` holds one
# component per row, like `pca.components_`), decode, and return the mean squared error per pixel,
# one number. Use the formulas of section 3. The check tries your function on a small data set of
# its own; then try `pca_error(X_test, mean, V, 20)` and compare with the curve.

# %%
def pca_error(X, mean, V, k):
    """Mean squared error per pixel when the rows of X go through a k-number PCA code and back."""
    return None  # your code here: code = ..., restored = ..., return ...

from latent_helpers.exercises import check_pca_error
check_pca_error(pca_error)


# %% tags=["solution"]
def pca_error(X, mean, V, k):
    """Mean squared error per pixel when the rows of X go through a k-number PCA code and back."""
    code = (X - mean) @ V[:k].T            # encode: coordinates along the first k components
    restored = mean + code @ V[:k]         # decode: the mean digit plus the weighted components
    return ((X - restored) ** 2).mean()

assert check_pca_error(pca_error)
print(f"the long way: {pca_error(X_test, mean, V, 20):.4f}; the curve's shortcut: {err[19]:.4f}")


# %% [markdown]
# **Exercise 2 (write code): the nearest-neighbour vote.** Write
# `knn_vote(train_codes, train_labels, query, n_neighbours=5)`: measure the Euclidean distance from
# `query` (one code) to every row of `train_codes`, take the `n_neighbours` nearest, and return the
# label most of them carry. (`np.argsort` sorts indices by distance; `np.bincount(labels).argmax()`
# finds the most common label.)

# %%
def knn_vote(train_codes, train_labels, query, n_neighbours=5):
    """The most common label among the n_neighbours training codes nearest to query."""
    return None  # your code here

from latent_helpers.exercises import check_knn_vote
check_knn_vote(knn_vote)


# %% tags=["solution"]
def knn_vote(train_codes, train_labels, query, n_neighbours=5):
    """The most common label among the n_neighbours training codes nearest to query."""
    distances = np.linalg.norm(train_codes - query, axis=1)
    nearest = np.argsort(distances)[:n_neighbours]
    return np.bincount(train_labels[nearest]).argmax()

assert check_knn_vote(knn_vote)
votes = [knn_vote(C_train[:, :20], y_train, c) for c in C_test[:200, :20]]
print("accuracy of your vote on 200 held-out digits, 20-D codes:", np.mean(np.array(votes) == y_test[:200]))

# %% [markdown]
# **Exercise 3 (explore): the hardest digit in two numbers.** In the 2-number PCA space
# (`C_train[:, :2]`, `C_test[:, :2]`), the 5-neighbour vote gets only some digits right. Which digit
# (true label) does it get wrong most often? Use `KNeighborsClassifier(n_neighbors=5)` or your
# `knn_vote`, and compare the error rates of the ten digits. Does the answer fit the map in notebook 00?

# %%
answer = None  # a digit, 0 to 9

from latent_helpers.exercises import check_hardest_digit
check_hardest_digit(answer, C_train[:, :2], y_train, C_test[:, :2], y_test)

# %% tags=["solution"]
pred = KNeighborsClassifier(n_neighbors=5).fit(C_train[:, :2], y_train).predict(C_test[:, :2])
error_rate = np.array([np.mean(pred[y_test == d] != d) for d in range(10)])
print("error rate per digit:", error_rate.round(2))
answer = int(np.argmax(error_rate))
assert check_hardest_digit(answer, C_train[:, :2], y_train, C_test[:, :2], y_test)

# %% [markdown]
# **Exercise 4 (predict): 19 → 12 → 19.** In section 7, what held-out error against the *measured*
# points will PCA give with **12** numbers? Work it out from the explanation under the table, then
# check it by running the round trip yourself.

# %%
answer = None  # a number such as 1e-5

from latent_helpers.exercises import check_noise_error
check_noise_error(answer, k=12, n_measured=19, n_hidden=9, noise_sd=0.01)

# %% tags=["solution"]
answer = (19 - 12) / 19 * 0.01 ** 2     # the noise of the 7 dropped directions, per measurement
p12 = PCA(n_components=12, random_state=0).fit(X19_train)
measured = ((p12.inverse_transform(p12.transform(X19_test)) - X19_test) ** 2).mean()
print(f"predicted {answer:.2e}, measured {measured:.2e}")
assert check_noise_error(answer, k=12, n_measured=19, n_hidden=9, noise_sd=0.01)

# %% [markdown]
# **Exercise 5 (open).** Re-run section 5 with `perplexity=5` and with `perplexity=100` in t-SNE.
# How do the islands change? Which map would you trust to say that 4s and 9s are similar?
#
# ## Further reading
# - scikit-learn user guide: *Decomposing signals in components* (PCA) and *Manifold learning* (t-SNE, LLE, Isomap).
# - L. van der Maaten and G. Hinton, *Visualizing Data using t-SNE*, JMLR 2008; and Wattenberg, Viégas and
#   Johnson, *How to Use t-SNE Effectively*, Distill 2016.
# - S. Roweis and L. Saul, *Nonlinear dimensionality reduction by locally linear embedding*, Science 2000;
#   J. Tenenbaum, V. de Silva and J. Langford, *A global geometric framework for nonlinear
#   dimensionality reduction* (Isomap), Science 2000.
# - Next: [02 · A toy latent space](02_toy_latent_space.ipynb), where a 5 × 5 image becomes 3 numbers.

# %% [raw] tags=["benchmark"]
# zlib_ratio_mnist5k = raw / packed_size
# pca_explained_variance_k20 = explained[19]
# pca_test_mse_k20 = err[19]
# knn5_acc_pixels = acc[784]
# knn5_acc_pca20 = acc[20]
# tsne_neighbour_agreement_mnist = agree["MNIST codes (PCA-50)", "t-SNE"]
# kmeans_ari_pca50 = ari["PCA codes (50-D)"]
# swissroll_isomap_rank_corr = roll_recovery(unrolled)
# swissroll_pca_rank_corr = roll_recovery(flat_pca)
# swissroll_lle_rank_corr = roll_recovery(unrolled_lle)

# %% [raw] tags=["claims"]
# 3 < raw / packed_size < 8  # "About 5 times"
# len(np.unique(pixels)) > 200  # "the strokes are drawn with many grey levels that do not repeat exactly"
# 2.5 < (raw / pca_size[20]) / (raw / packed_size) < 4.5  # "PCA with 20 numbers a digit is about three times smaller again"
# np.array_equal(restored, pixels) and packed_size < raw / 2  # "zlib keeps everything and still saves most of the space"
# all(pca_size[k] < packed_size for k in (10, 20, 50))  # "PCA saves far more"
# KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train).score(reconstruct(C_test, 1), y_test) < 0.35  # "You cannot tell a 3 from a 5 from one number"
# KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train).score(reconstruct(C_test, 10), y_test) > 0.7  # "by about ten numbers, most digits can be named"
# KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train).score(reconstruct(C_test, 10), y_test) > 0.7  # "by k = 10 most digits can be named"
# KNeighborsClassifier(n_neighbors=5).fit(X_train, y_train).score(reconstruct(C_test, 50), y_test) >= acc[784] - 0.03  # "at k = 50 they look like the originals with soft edges"
# 8 < 784 / (int(np.argmax(explained >= 0.9)) + 1) < 10.5  # "about a ninth of the 784 pixels"
# 0.4 < explained[9] < 0.6  # "about half"
# np.corrcoef(err, 1 - explained)[0, 1] > 0.999  # "The two curves are mirror images: what is not explained is error"
# explained[9] > 20 * (explained[149] - explained[139])  # "The first components are cheap wins"
# 0.28 < 1 - explained[19] < 0.4  # "about a third"
# (y_train[nn_pca] == y_test[queries][:, None]).mean() >= 0.8 and (y_train[nn_pix] == y_test[queries][:, None]).mean() >= 0.8  # "The neighbours in the 20-number space look nearly as convincing as in the full pixel space"
# acc[20] >= acc[784] - 0.01  # "it is about as accurate, even a little more"
# acc[20] > acc[784]  # "even a little more"
# acc[2] < 0.5  # "With 2 numbers, though, the vote fails on most digits"
# 0.2 < acc[2] < 0.5  # "far better than guessing (chance is 10%) but mix up most digits"
# all(acc[k] >= acc[784] - 0.01 for k in (20, 50))  # "from about 20 numbers on, the vote is as good as with all 784 pixels"
# all(agree[d, "t-SNE"] > max(agree[d, "PCA"], agree[d, "LLE"]) + 0.2 for d in ("8x8 digits", "MNIST codes (PCA-50)"))  # "t-SNE's. It is built for exactly that"
# 0.4 < agree["8x8 digits", "PCA"] < 0.65 and agree["MNIST codes (PCA-50)", "PCA"] < agree["8x8 digits", "PCA"]  # "only about half of each point's map neighbours share its label"
# min(agree["8x8 digits", "t-SNE"], agree["MNIST codes (PCA-50)", "t-SNE"]) > 0.7  # "t-SNE draws clear islands, and most map neighbours are of the same class"
# all(agree[d, "LLE"] < agree[d, "PCA"] for d in ("8x8 digits", "MNIST codes (PCA-50)"))  # "LLE does worst here"
# all(np.all(np.ptp(np.percentile(maps[d, "LLE"], [10, 90], axis=0), axis=0) < 0.4 * np.ptp(maps[d, "LLE"], axis=0)) for d in ("8x8 digits", "MNIST codes (PCA-50)"))  # "it squeezes most points into a small blob"
# np.argmax([np.linalg.norm(np.median(maps["8x8 digits", "LLE"][y8 == d], axis=0) - np.median(maps["8x8 digits", "LLE"], axis=0)) for d in range(10)]) == 6  # "the 6s most of all"
# max(ari.values()) < 0.6  # "Every space is far from a perfect match"
# all(max(min(np.mean(groups[space][y_test == d] == c) for d in trio) for c in range(10)) > 0.15 for trio in ((4, 7, 9), (3, 5, 8)) for space in ("pixels (784-D)", "PCA codes (50-D)"))  # "k-means puts digits that share strokes (4, 7 and 9; 3, 5 and 8) into the same clusters"
# ari["PCA codes (50-D)"] > ari["pixels (784-D)"]  # "clustering the 50-number codes does a little better than clustering the raw pixels"
# ari["PCA codes (2-D)"] < min(ari["pixels (784-D)"], ari["PCA codes (50-D)"])  # "two numbers are too few"
# max(ari, key=ari.get) == "t-SNE map (2-D)"  # "the t-SNE map, built to keep neighbourhoods together, clusters best of all"
# roll_recovery(flat_pca) < 0.4  # "neither coordinate orders the points"
# abs(spearmanr(unrolled[:, 0], s_pos)[0]) > 0.98  # "its first coordinate puts the points in order along the roll"
# abs(np.corrcoef(unrolled[:, 1], S[:, 1])[0, 1]) > 0.9  # "its second keeps the sheet's width"
# roll_recovery(unrolled_lle) > 0.95  # "LLE unrolls it too"
# abs(np.corrcoef(unrolled_lle[:, 1], S[:, 1])[0, 1]) < 0.9  # "bends the sheet into an arch"
# 0.35 < min(np.ptp(unrolled_lle[s_pos < 6.5, 1]), np.ptp(unrolled_lle[s_pos > 12, 1])) / max(np.ptp(unrolled_lle[s_pos < 6.5, 1]), np.ptp(unrolled_lle[s_pos > 12, 1])) < 0.65  # "squeezes one end to about half the width of the other"
# min(np.ptp(unrolled[s_pos < 6.5, 1]), np.ptp(unrolled[s_pos > 12, 1])) / max(np.ptp(unrolled[s_pos < 6.5, 1]), np.ptp(unrolled[s_pos > 12, 1])) > 0.85  # "its second keeps the sheet's width"
# roll_recovery(unrolled_lle) > 0.95 and abs(np.corrcoef(unrolled_lle[:, 1], S[:, 1])[0, 1]) < 0.9  # "the order along the roll survives, the shape of the sheet does not"
# agree["MNIST codes (PCA-50)", "LLE"] < min(agree["MNIST codes (PCA-50)", m] for m in ("PCA", "t-SNE"))  # "The same LLE made a poor map of the digits in section 5"
# share[8] > 1000 * share[9]  # "Here is a case where they truly are"
# 300 < mse_measured[8] / 0.01 ** 2 < 3000  # "the error is about a thousand times the noise variance"
# mse_measured[9] < 0.01 ** 2 and abs(mse_measured[9] / (10 / 19 * 0.01 ** 2) - 1) < 0.15  # "ten nineteenths of the noise variance"
# abs(mse_clean[9] / (9 / 19 * 0.01 ** 2) - 1) < 0.15  # "nine nineteenths of the noise variance"
# 0.35 < mse_clean[9] / 0.01 ** 2 < 0.65  # "Compressing to the right size removed about half the noise"
# mse_measured[10] < mse_measured[9] and mse_clean[10] > mse_clean[9]  # "closer to the measurements, further from the truth"
# mse_measured[9] < 0.01 ** 2 < mse_measured[8] and mse_measured[10] < mse_measured[9]  # "With 10, a little lower still"
# acc[20] >= acc[784] - 0.01  # "In a 20-number PCA space, nearest neighbours are as often the same digit as in pixel space"
# all(agree[d, "t-SNE"] == max(agree[d, m] for m in methods) for d in ("8x8 digits", "MNIST codes (PCA-50)"))  # "t-SNE keeps neighbourhoods best"
# roll_recovery(unrolled) > 0.95 and roll_recovery(unrolled_lle) > 0.95 and roll_recovery(flat_pca) < 0.4  # "straight-line PCA cannot unroll it, Isomap and LLE can"
# min(ari.values()) > 0.15  # "k-means finds groups that partly match the labels"
# np.max(pca.explained_variance_ratio_[:99] / pca.explained_variance_ratio_[1:100]) < 3  # "Real digits have no sharp drop like this"
# share[8] > 1000 * share[9]  # "PCA finds exactly 9"
