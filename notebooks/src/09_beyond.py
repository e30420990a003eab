# %% [markdown] slideshow={"slide_type": "slide"}
# # 09 · Beyond: a classifier's latent space, transfer, domain shift, and what is still open
#
# Every latent space so far was learned *without labels*: PCA, autoencoders and VAEs were asked to
# rebuild their input, and whatever helped them do so ended up in the code. But a network trained
# to **classify** has a latent space too: the layer just before its answer. This last notebook looks
# inside one, reuses it for a task it was never trained on, watches it fail on digits written
# elsewhere, repairs part of the damage, and then looks back over every latent space of the course
# and forward to what is still unsolved.
#
# **In this notebook you will learn**
# - that a classifier's last layers form a latent space, and how it differs from an autoencoder's:
#   what a supervised objective keeps (the class) and what it lets go (style), measured;
# - **transfer learning**: reusing a network trained on digits 0-4 to learn digits 5-9 from 10, 50
#   or 100 labels, against training from scratch, with the spread over label draws, and which layer
#   transfers best;
# - **domain shift**: the same classifier on digits from another data set, the shift drawn in
#   latent space and measured, and a simple repair (**re-normalising the features**) measured too;
# - the course's latent spaces side by side: size, kind, what "close" means, what was kept, each
#   with one figure;
# - four open problems (interpretability, mode collapse, vanishing gradients, overfitting) and three
#   fields of application (vision, language, molecules), each with a small example computed here.
#
# **Time to run:** about a minute on a laptop (two small networks, 24 tiny ones and a few of the
# course's earlier models are trained here, each in seconds). **Prerequisites:** training as taught
# in 02 (loss, epoch, learning rate, overfitting); 03 (chairs and desks: what a latent space keeps
# depends on the objective); 04 (autoencoders, the linear probe, t-SNE maps); 05-08 are referred to
# in sections 4 and 5.

# %% [raw] tags=["deck"]
# # 09 · Beyond
# A classifier's latent space, transfer, domain shift, what is still open
#
# - A classifier's features: a latent space with labels
# - Transfer to new digits; the same digits written elsewhere
# - The course's spaces side by side; open problems and applications

# %%
# %matplotlib inline
import json
import zlib
from collections import Counter

import ipywidgets as W
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from IPython.display import Markdown, display
from matplotlib import patheffects
from scipy import ndimage
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.manifold import TSNE
from sklearn.preprocessing import normalize
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers import DigitScorer, frechet_distance, load_lee, load_mini_newsgroups

# One thread: these networks are small, a second thread gains little, and one makes every run repeat exactly.
device = lh.setup(seed=0, threads=1)
digits = lh.load_mnist5k(flatten=True)
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

# %% [raw] tags=["deck"]
# ## A classifier's feature space
# - Two convolutions, then **32 features**, then a head: 10 class scores
# - Trained on the labels; about {{100 * clf_acc:.0f}} of 100 unseen digits right
# - Its 32 features beside notebook 04's 32-number autoencoder codes

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · A classifier's feature space
# The articles this course grew from start with a claim: *if you have trained a model to classify
# digits, you have also trained it to learn the structural similarities between images*. Let us
# train one and look.
#
# The network is small. Two convolutions halve the picture twice (28 → 14 → 7 pixels, 16 then 32
# feature maps), as in the encoder of notebook 04's conv autoencoder; a linear layer squeezes the
# 1,568 numbers that come out into **32 features**; a last linear layer, the **head**, turns the 32
# features into one score per class. Those 32 numbers are the classifier's latent space: everything
# the head knows about a digit passes through them, as everything an autoencoder's decoder knows
# passes through its code.
#
# The loss is cross-entropy of the class scores (the classifier's loss of notebooks 03 and 05). One
# addition: every training batch is first moved by a random 0 to 2 pixels up or down and left or
# right. The label stays the same, so the network learns that a digit moved a little is the same
# digit (**data augmentation**: a cheap way to more training pictures).

# %% tags=["export"]
import torch
import torch.nn as nn
import torch.nn.functional as F


class DigitNet(nn.Module):
    """A small CNN classifier: 1 x 28 x 28 -> 16 x 14 x 14 -> 32 x 7 x 7 -> 32 features -> class scores."""

    def __init__(self, n_classes: int = 10, n_features: int = 32):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),    # 16 x 14 x 14
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),   # 32 x 7 x 7
            nn.Flatten())                                           # 1,568 numbers
        self.bottleneck = nn.Linear(32 * 7 * 7, n_features)         # the 32 features: the latent space
        self.head = nn.Linear(n_features, n_classes)                # one score per class

    def features(self, x):
        return self.bottleneck(self.conv(x))

    def forward(self, x):
        return self.head(self.features(x))


MAX_SHIFT = 2  # each training batch is moved by up to 2 pixels in each direction


def shifted_cross_entropy(model, batch):
    """Cross-entropy of the class scores on a batch of digits moved by a random 0-2 pixels."""
    x, y = batch
    padded = F.pad(x.view(-1, 1, 28, 28), (MAX_SHIFT,) * 4)       # 32 x 32, a border of 2 empty pixels
    i, j = torch.randint(0, 2 * MAX_SHIFT + 1, (2,)).tolist()     # where to cut the 28 x 28 window
    moved = padded[:, :, i:i + 28, j:j + 28].reshape(len(x), -1)
    return F.cross_entropy(model(moved), y)


# Adam, 12 passes over the training digits, learning rate 0.002, batches of 64
EPOCHS, LR, BATCH = 12, 2e-3, 64


# %%
def train_classifier(X, y, n_classes, desc):
    """A DigitNet trained on images X (n, 784) with labels y (0 .. n_classes - 1), seeded."""
    lh.seed_everything(0)
    net = DigitNet(n_classes)
    lh.fit(net, shifted_cross_entropy, (torch.tensor(X), torch.tensor(y)), epochs=EPOCHS, lr=LR,
           batch_size=BATCH, desc=desc)
    return net.eval()


@torch.no_grad()
def extract(part, X, batch=500):
    """What `part` (a network, a few of its layers, or its features method) gives for each row of X,
    flattened to one row per digit: an array (n, d). In batches, to keep memory small."""
    rows = [part(torch.as_tensor(X[i:i + batch])).flatten(1).numpy() for i in range(0, len(X), batch)]
    return np.concatenate(rows)


net = train_classifier(X_train, y_train, 10, desc="digit classifier")
clf_acc = float((extract(net, X_test).argmax(1) == y_test).mean())
print(f"accuracy on the 1,000 held-out digits: {clf_acc:.0%}")

# %% [markdown]
# About {{100 * clf_acc:.0f}} of 100 unseen digits right, from 4,000 training digits in a few seconds. Now its latent
# space. We take the 32 features of every digit, and beside them the 32-number codes of notebook 04's
# autoencoder, trained on the same 4,000 digits without labels (its class is what notebook 04 taught,
# `lh.taught("04_autoencoders")`; its weights are the checkpoint notebook 04 loads). Same size, same
# digits; only the objective differs: *name the digit* against *rebuild the picture*.

# %%
F_train, F_test = extract(net.features, X_train), extract(net.features, X_test)   # (4000, 32), (1000, 32)

nb04 = lh.taught("04_autoencoders")
ae32 = nb04.MLPAutoencoder(32)
ae32.load_state_dict(lh.load_pretrained("ae04_mlp_k32.pt")["model"])
ae32.eval()
A_train, A_test = extract(ae32.encoder, X_train), extract(ae32.encoder, X_test)
print("classifier features:", F_test.shape, " autoencoder codes:", A_test.shape)

# %% [raw] tags=["deck"]
# ## Think first: islands or look-alikes?
# - Both spaces drawn by t-SNE, coloured by the true digit
# - Which map shows cleaner islands, one per digit?
# - Which space gives neighbours that *look* most alike?
#
# Answer: the classifier's map has ten clean islands; the autoencoder's neighbours look more alike: its code must keep the strokes.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Draw both spaces with t-SNE (notebook 01), coloured by the true digit. Which map
# will show cleaner islands, one per digit? And when you look up the nearest neighbours of a digit,
# which space will give neighbours that *look* most like it, with the same slant and stroke?
#
# <details><summary>Answer</summary>
#
# The classifier's map has ten clean islands: it was trained to pull apart exactly those ten groups.
# The autoencoder's islands are fuzzier (4s and 9s share one), but its neighbours look more alike:
# to rebuild a digit, its code must hold the slant and thickness of the strokes, and the classifier
# has no reason to keep them. Close in the classifier's space means *same digit*; close in the
# autoencoder's means *similar picture*.
#
# </details>

# %% [raw] tags=["deck"]
# ## Two latent spaces of the same digits
# - Left: the classifier's 32 features; right: the autoencoder's 32 numbers

# %% slideshow={"slide_type": "fragment"} deck="figure"
tsne = dict(n_components=2, perplexity=30, init="pca", random_state=0, max_iter=500)
maps = {"classifier features": TSNE(**tsne).fit_transform(F_test),
        "autoencoder codes (04)": TSNE(**tsne).fit_transform(A_test)}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
for ax, (name, emb) in zip(axes, maps.items()):
    lh.scatter2d(emb, y_test, ax=ax, s=5, title=f"t-SNE of the held-out digits: {name}",
                 xlabel="t-SNE axis 1", ylabel="t-SNE axis 2", legend=ax is axes[1])
fig.tight_layout()
plt.show()

named = extract(net, X_test).argmax(1)                                    # the classifier's answer for each digit
near10 = lh.nearest_neighbours(F_test, k=10)
strays = (y_test[near10] == y_test[:, None]).mean(1) < 0.5               # most of their 10 nearest: another digit

# %% [markdown]
# Ten tight islands on the left, with a few strays: the {{strays.sum()}} held-out digits whose 10
# nearest features are mostly another digit's. The classifier names {{np.mean(named[strays] != y_test[strays]):.0%}} of
# them wrong, against {{np.mean(named != y_test):.0%}} of all digits: a stray is a digit whose features
# look like another digit's. On the right, islands with bridges and shared shores, as in notebook 04. Now
# the neighbours: for four held-out digits, the five other held-out digits nearest in each space.

# %% [raw] tags=["deck"]
# ## Same digit, or same stroke?
# - Each held-out digit and its 5 nearest, in each space
# - The classifier's neighbours: the right digit; the autoencoder's: the same stroke

# %% deck="figure"
first = np.array([np.flatnonzero(y_test == d)[0] for d in range(10)])   # the first held-out 0, 1, ..., 9
queries = first[[2, 4, 7, 8]]                                            # a 2, a 4, a 7 and an 8
shown = {}                                                               # space -> the neighbours drawn
fig, axes = plt.subplots(1, 2, figsize=(8.4, 3.2))
for ax, (name, Z) in zip(axes, {"classifier features": F_test, "autoencoder codes": A_test}.items()):
    shown[name] = lh.nearest_neighbours(Z, k=5, queries=queries)
    rows = [X_test[np.r_[q, near]] for q, near in zip(queries, shown[name])]
    lh.show_images(np.concatenate(rows), nrow=6, ax=ax, title=f"digit | its 5 nearest, {name}")
fig.tight_layout()
plt.show()
other_digit = {name: int((y_test[near] != y_test[queries, None]).sum()) for name, near in shown.items()}
slider_digits = 200                                                       # the slider below: X_test[0] .. X_test[199]
per_class = np.bincount(y_test[:slider_digits], minlength=10).tolist()   # how often each digit is among them

# %% [markdown] slideshow={"slide_type": "slide"}
# Left, the classifier's neighbours are nearly always the right digit (another digit in
# {{other_digit["classifier features"]}} of the 20 places). Right, the autoencoder's neighbours copy the stroke, and sometimes that costs the
# digit (in {{other_digit["autoencoder codes"]}} of 20): the 7 drawn with one long sweep finds another 7, then a 3, two 2s
# and a 9 drawn with the same sweep.
#
# ### Try it: any held-out digit and its neighbours
# Move the slider to pick one of the first {{slider_digits}} held-out digits (`X_test[digit]`; every digit from 0 to 9
# is among them, {{min(per_class)}} to {{max(per_class)}} times); each row shows it and its 5 nearest in one space, and
# counts how many of them are the same digit. It starts at the 7 above.

# %% slideshow={"slide_type": "fragment"}
nearest = {"classifier": lh.nearest_neighbours(F_test, k=5), "autoencoder": lh.nearest_neighbours(A_test, k=5)}


def draw_neighbours(fig, digit):
    i = digit   # the row of X_test
    rows = {name: X_test[np.r_[i, near[i]]] for name, near in nearest.items()}
    same = {name: int((y_test[near[i]] == y_test[i]).sum()) for name, near in nearest.items()}
    if not fig.axes:    # persistent figure: built once, then only the pictures and the titles change
        for ax, pictures in zip(fig.subplots(2, 1), rows.values()):
            lh.show_images(pictures, nrow=6, ax=ax)
    for ax, (name, pictures) in zip(fig.axes, rows.items()):
        ax.images[0].set_data(lh.image_grid(pictures, nrow=6))
        ax.set_title(f"{name}: digit {i} (a {y_test[i]}) | its 5 nearest, {same[name]} of 5 the same digit",
                     fontsize=9)


digit_slider = W.IntSlider(value=int(queries[2]), min=0, max=slider_digits - 1, description="digit")
lh.LivePlot(draw_neighbours, {"digit": digit_slider}, figsize=(5, 2.8), persistent=True,
            title="nearest neighbours in the two latent spaces")


# %% [markdown]
# Pictures of a few digits prove little; two numbers over all 1,000 make it precise.
#
# - **Same digit among the 10 nearest** (notebook 04's neighbour agreement): how often "close" means
#   "same class".
# - **Style kept**: how much of a digit's style a straight line through the space can read back.
#   We measure two kinds of style on the picture itself: the *ink* (the sum of all pixels: thick or
#   long strokes give more) and the *slant* (how far the ink moves right per row going up). Both also
#   differ between classes (a 1 has less ink than an 8), and the classifier knows the class, so we
#   take the class out first: each digit's ink and slant minus the mean of its class. Then a linear
#   regression from the 32 numbers predicts what is left; its R² on the held-out digits is the share
#   of that within-class style the space keeps (1: all of it; 0: none).

# %%
def ink(X):
    """The total ink of each digit (the sum of its pixels)."""
    return X.sum(1)


def slant(X):
    """How far each digit's ink moves to the right per row, going up (0 for an upright digit)."""
    images = X.reshape(-1, 28, 28)
    rows, cols = np.mgrid[0:28, 0:28]
    mass = images.sum((1, 2))
    mean_row = (images * rows).sum((1, 2)) / mass
    mean_col = (images * cols).sum((1, 2)) / mass
    d_row, d_col = rows - mean_row[:, None, None], cols - mean_col[:, None, None]
    return -(images * d_row * d_col).sum((1, 2)) / (images * d_row ** 2).sum((1, 2))


def within_class(values, labels):
    """Each value minus the mean of its class: what is left once the digit's identity is taken out."""
    out = np.asarray(values, dtype=np.float64).copy()
    for d in np.unique(labels):
        out[labels == d] -= out[labels == d].mean()
    return out


def style_kept(Z_train, Z_test, measure):
    """R² on the held-out digits of a linear regression from the codes to the within-class style."""
    fit = LinearRegression().fit(Z_train, within_class(measure(X_train), y_train))
    return fit.score(Z_test, within_class(measure(X_test), y_test))


def most_mixed(Z, labels, k=10):
    """The pairs of digits most often found among each other's k nearest neighbours, most often first."""
    near = lh.nearest_neighbours(Z, k=k)
    pairs = Counter((int(min(a, b)), int(max(a, b))) for a, row in zip(labels, labels[near]) for b in row if a != b)
    return [pair for pair, _ in pairs.most_common()]


# %% slideshow={"slide_type": "fragment"}
spaces = {"classifier features (32)": (F_train, F_test), "autoencoder codes (32)": (A_train, A_test)}
kept, mixed = {}, {}
print(f"{'':26}{'same digit among':>18}{'style kept (R², within class)':>32}{'digits most':>14}")
print(f"{'':26}{'the 10 nearest':>18}{'ink':>14}{'slant':>10}{'':8}{'mixed up':>14}")
for name, (Z_tr, Z_te) in spaces.items():
    kept[name] = (lh.neighbour_agreement(Z_te, y_test, k=10),
                  style_kept(Z_tr, Z_te, ink), style_kept(Z_tr, Z_te, slant))
    mixed[name] = most_mixed(Z_te, y_test)
    print(f"{name:26}{kept[name][0]:18.0%}{kept[name][1]:14.2f}{kept[name][2]:10.2f}"
          f"{'':8}{'%d and %d' % mixed[name][0]:>14}")
(clf_same, clf_ink, clf_slant), (ae_same, ae_ink, ae_slant) = kept.values()

# %%
# NBVAL_CHECK_OUTPUT
print("'close' means 'same digit' more often in the classifier's space (by more than 10 points):",
      clf_same > ae_same + 0.10)
print("the autoencoder's codes keep more of the ink (by more than 0.1) and more of the slant:",
      ae_ink > clf_ink + 0.1 and ae_slant > clf_slant)
print("the autoencoder mixes up the 4s and the 9s most often:", mixed["autoencoder codes (32)"][0] == (4, 9))

# %% [raw] tags=["deck"]
# ## A latent space keeps what its objective needs
# - "Close" means "same digit": {{clf_same:.0%}} (classifier) against {{ae_same:.0%}} (autoencoder)
# - Ink read back by a straight line: R² {{clf_ink:.2f}} against {{ae_ink:.2f}}

# %% [markdown] slideshow={"slide_type": "slide"}
# Each space wins its own game. In the classifier's space, "close" means "same digit" much more
# often ({{clf_same:.0%}} against {{ae_same:.0%}}); the autoencoder's codes keep most of the style within each class, the classifier's
# features less of it: much less of the ink (R² {{clf_ink:.2f}} against {{ae_ink:.2f}}), somewhat less of the slant ({{clf_slant:.2f}} against {{ae_slant:.2f}}). The figures
# are this run's: the classifier is trained here, and on another processor its features, and so
# these figures, can move a little; the autoencoder's come from its saved weights. In both
# spaces the 4s and the 9s, two digits that differ by a short stroke, are among the pairs most often
# mixed up (the table's last column gives each space's commonest pair in this run). This is notebook 03's
# chairs and desks, on digits: there, a chair-versus-desk classifier threw colour away because
# colour never helped it answer; here, the digit classifier keeps less of the slant and ink because
# they never help to name the digit. **A latent space keeps what its objective needs.** (It does
# not keep *nothing* else: 32 numbers for 10 classes leave room, and no part of the loss asks to
# erase the style. It is simply not protected.)
#
# Which space is "better" depends on the use: to find digits of the same class, the classifier's;
# to find digits that look alike, or to draw them (a classifier has no decoder), the autoencoder's.
#
# ## 2 · Transfer: a new task with few labels
# Labels are expensive; unlabelled data, and networks trained for *other* tasks, are cheap. **Transfer
# learning** reuses what a network learned on one task for another. We make the situation small
# and clean:
#
# - the **old task**: tell the digits 0-4 apart, with all 2,000 of their training labels. A DigitNet
#   trained on them (the same recipe as above) never sees a 5, 6, 7, 8 or 9;
# - the **new task**: tell the digits 5-9 apart (renamed classes 0-4), with only **10, 50 or 100
#   labelled digits**, the same number of each digit (2, 10 or 20). The held-out judge is the 500
#   held-out digits 5-9.
#
# Four ways to learn the new task:
#
# 1. **From scratch**: a fresh DigitNet with 5 outputs, trained on the labelled digits alone (Adam,
#    learning rate 0.001, 60 steps on the whole labelled set: enough to name every labelled digit
#    right, as section 5 shows).
# 2. **Transfer, conv block**: run the new digits through the old network's two convolutions (frozen:
#    their weights do not change) and fit a linear classifier (logistic regression, like notebook
#    04's probe, here on the features as they come) on the 1,568 numbers that come out.
# 3. **Transfer, last layer**: the same, on the old network's 32 features.
# 4. **Autoencoder codes**: the same, on notebook 04's 32-number codes: an encoder that learned from
#    all 4,000 training digits, 5-9 included, but without a single label.
#
# Which digits get a label changes the result a lot when there are only 10, so we repeat everything
# for 8 random draws of labelled digits (the same draws for all four ways; each draw of 50 contains
# its draw of 10, and each draw of 100 its draw of 50) and show the spread.

# %% [raw] tags=["deck"]
# ## Transfer: a new task with few labels
# - Old task: digits 0-4, all their labels
# - New task: digits 5-9 from 10, 50 or 100 labels
# - From scratch, or borrow the old network's layers and fit a linear head

# %%
old_task = y_train < 5
net_0to4 = train_classifier(X_train[old_task], y_train[old_task], 5, desc="classifier of digits 0-4")

pool_X, pool_y = X_train[~old_task], y_train[~old_task] - 5     # training digits 5-9 (as classes 0-4)
new_test = y_test >= 5
judge_X, judge_y = X_test[new_test], y_test[new_test] - 5       # the 500 held-out digits 5-9

LABEL_COUNTS, N_DRAWS = (10, 50, 100), 8
draws = {n: [] for n in LABEL_COUNTS}
for seed in range(N_DRAWS):
    pick = np.random.default_rng(seed)
    order = [pick.permutation(np.flatnonzero(pool_y == c)) for c in range(5)]   # each class in a random order
    for n in LABEL_COUNTS:
        draws[n].append(np.concatenate([o[:n // 5] for o in order]))            # the first n/5 of each class
print(f"old task: {old_task.sum():,} labelled digits 0-4; new task: a pool of {len(pool_y):,} digits 5-9, "
      f"{len(judge_y)} held out")


# %% [raw] tags=["deck"]
# ## Think first: does borrowing help?
# - With 10 labels, will the borrowed network beat one trained from scratch?
# - Which layer transfers better: the convolutions, or the 32 features?
#
# Answer: the convolutions, by a few points; the 32 features do worse than scratch: they kept what tells 0-4 apart.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** With 10 labels (2 per digit), will the borrowed network beat a network trained
# from scratch? And which of the old network's layers will transfer better to the new digits: its
# convolutions, or its 32 features, the layer right before its answer?
#
# <details><summary>Answer</summary>
#
# The convolutions beat scratch at every label count, but by a handful of points, not a landslide:
# a small CNN with a good design is already a strong learner, and digits 0-4 teach only so much
# about 5-9. The last layer transfers *worse than training from
# scratch*: it was shaped to tell 0-4 apart and kept little else (section 1's lesson again). Early
# layers learn general things (strokes, edges, curves); the last layers learn the old task.
#
# </details>

# %%
def probe(Z_pool, Z_judge, labelled):
    """Held-out accuracy of a logistic regression fitted on the labelled digits' features."""
    head = LogisticRegression(max_iter=2000).fit(Z_pool[labelled], pool_y[labelled])
    return head.score(Z_judge, judge_y)


def from_scratch(labelled, seed):
    """A fresh DigitNet trained on the labelled digits only (60 full-batch steps): its accuracy on the
    held-out digits, and on the labelled digits it was trained on."""
    lh.seed_everything(seed)
    new = DigitNet(5)
    data = (torch.tensor(pool_X[labelled]), torch.tensor(pool_y[labelled]))
    lh.fit(new, lambda m, b: F.cross_entropy(m(b[0]), b[1]), data, epochs=60, lr=1e-3,
           batch_size=len(labelled), progress=False)
    held_out = float((extract(new, judge_X).argmax(1) == judge_y).mean())
    trained_on = float((extract(new, pool_X[labelled]).argmax(1) == pool_y[labelled]).mean())
    return held_out, trained_on


frozen = {"transfer: conv block": net_0to4.conv, "transfer: last layer": net_0to4.features,
          "autoencoder codes (04)": ae32.encoder}
features = {name: (extract(part, pool_X), extract(part, judge_X)) for name, part in frozen.items()}

acc = {name: np.zeros((len(LABEL_COUNTS), N_DRAWS)) for name in ["from scratch", *frozen]}
scratch_fit = np.zeros((len(LABEL_COUNTS), N_DRAWS))   # from scratch: accuracy on its own labelled digits
runs = [(i, n, d) for i, n in enumerate(LABEL_COUNTS) for d in range(N_DRAWS)]
for i, n, d in tqdm(runs, desc="draws x label counts"):
    labelled = draws[n][d]
    acc["from scratch"][i, d], scratch_fit[i, d] = from_scratch(labelled, seed=d)
    for name, (Z_pool, Z_judge) in features.items():
        acc[name][i, d] = probe(Z_pool, Z_judge, labelled)
del features   # 2,000 x 1,568 numbers we do not need any more

# %% slideshow={"slide_type": "fragment"}
print(f"{'held-out accuracy on digits 5-9':32}" + "".join(f"{f'{n} labels':>16}" for n in LABEL_COUNTS))
for name, a in acc.items():
    print(f"{name:32}" + "".join(f"{m:10.2f} ± {s:.2f}" for m, s in zip(a.mean(1), a.std(1))))
lead = acc["transfer: conv block"] - acc["from scratch"]
print("draws in which the conv block beats scratch:",
      ", ".join(f"{int((lead[i] > 0).sum())} of {N_DRAWS} at {n}" for i, n in enumerate(LABEL_COUNTS)))

# %%
# NBVAL_CHECK_OUTPUT
mean_acc = {name: a.mean(1) for name, a in acc.items()}     # one mean per label count: 10, 50, 100
print("the conv block beats scratch on average at 10, 50 and 100 labels:",
      bool(np.all(mean_acc["transfer: conv block"] > mean_acc["from scratch"])))
print("the last layer is below scratch at 10, 50 and 100 labels:",
      bool(np.all(mean_acc["transfer: last layer"] < mean_acc["from scratch"])))
print("every way gains from 10 to 50 to 100 labels:", all(np.all(np.diff(m) > 0) for m in mean_acc.values()))

# %% [raw] tags=["deck"]
# ## Four ways to learn digits 5-9
# - With 10 labels the conv block leads scratch by {{lead[0].mean():.2f}}, about the spread between draws

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, ax = plt.subplots(figsize=(6.5, 3.8))
styles = {"from scratch": ("black", "o"), "transfer: conv block": ("tab:blue", "s"),
          "transfer: last layer": ("tab:red", "v"), "autoencoder codes (04)": ("tab:green", "^")}
for k, (name, a) in enumerate(acc.items()):
    colour, marker = styles[name]
    x = np.array(LABEL_COUNTS) * (1 + 0.03 * (k - 1.5))        # nudge sideways so the bars do not hide
    ax.plot(np.repeat(x, N_DRAWS), a.ravel(), marker, color=colour, alpha=0.15, ms=4)
    ax.errorbar(x, a.mean(1), yerr=a.std(1), marker=marker, color=colour, capsize=3, label=name)
ax.set(xscale="log", xlabel="labelled digits of the new task (5-9)", ylabel="held-out accuracy",
       title="Learning digits 5-9 from few labels: mean ± sd over 8 draws (faint: each draw)")
ax.set_xticks(LABEL_COUNTS, [str(n) for n in LABEL_COUNTS])
ax.legend(fontsize=8, loc="lower right")
plt.show()

# %% [raw] tags=["deck"]
# ## Early layers are general, late ones specific
# - Borrow the convolutions: a few points at every label count
# - The last features are the worst start of all
# - The autoencoder's codes: as good with 10 labels, then behind

# %% [markdown] slideshow={"slide_type": "slide"}
# What the curves say:
#
# - **Borrowing the convolutions helps, by a few points.** With 10 labels they lead scratch by
#   {{lead[0].mean():.2f}} on average and in {{int((lead[0] > 0).sum())}} draws of 8, though the spread between draws (which two 7s got a
#   label?) is about as large as the lead: a standard deviation of {{acc["from scratch"][0].std():.2f}} from scratch. With more
#   labels every way climbs, the spreads shrink, and the lead stays a few points ({{lead[1].mean():.2f}} with 50
#   labels, {{lead[2].mean():.2f}} with 100).
# - **Which layer matters.** The old network's 32 features, the layer made to name 0-4, are the
#   worst start of all, below a network that never saw a digit before: they kept what tells 0-4
#   apart and little else. Features become more specific to their task the closer they are to the
#   answer (Yosinski et al., 2014, found the same in large image networks). Transfer reuses the
#   general layers and retrains the specific ones.
# - **An encoder trained without labels** (the autoencoder) does about as well as the borrowed
#   convolutions with 10 labels ({{mean_acc["autoencoder codes (04)"][0]:.2f}} against {{mean_acc["transfer: conv block"][0]:.2f}}) and then falls behind: its 32 numbers were
#   chosen to rebuild pixels, not to separate digits, and a linear head on them can only do so
#   much. It also had an advantage worth naming: it had seen the new digits, unlabelled.
#
# These accuracies are this run's. The two DigitNets are trained here, and on another processor
# their arithmetic takes slightly different paths, so a learner's table can differ by a point or
# two, but not in what the list above says.
#
# Real transfer learning works the same way at a larger scale: a network trained on millions of
# labelled photos (or on text, or on unlabelled data) gives features on which a new task needs few
# labels. Often the borrowed layers are also **fine-tuned**: trained a little further on the new
# labels instead of frozen (exercise 4).
#
# ## 3 · Domain shift: the same digits, written elsewhere
# Transfer changes the task. **Domain shift** keeps the task and changes the data: the classifier of
# section 1 must still name digits 0-9, but the digits now come from somewhere else. scikit-learn
# ships 1,797 handwritten digits (notebook 01 drew them) collected by another group, from other
# writers, scanned on an 8 × 8 grid. We scale each one up to 20 × 20 pixels and centre it in a 28 × 28
# frame, which is how MNIST prepared its digits. The classifier has never seen these pictures, but
# they are the same ten digits.

# %% [raw] tags=["deck"]
# ## Domain shift: the same digits, written elsewhere
# - 8 × 8 digits from another data set, scaled up to MNIST's frame
# - Blurrier, thicker, rounder: to us obviously digits

# %% deck="figure"
X8, y8 = lh.load_digits8x8(flatten=False)                      # (1797, 8, 8), pixels in [0, 1]
scaled = F.interpolate(torch.tensor(X8)[:, None], size=(20, 20), mode="bilinear", align_corners=False)
X_other = F.pad(scaled, (4, 4, 4, 4)).clamp(0, 1).reshape(len(X8), 784).numpy()   # 20 x 20 in a 28 x 28 frame
y_other = y8

first_other = np.array([np.flatnonzero(y_other == d)[0] for d in range(10)])
fig, ax = plt.subplots(figsize=(6.5, 1.6))
lh.show_images(np.concatenate([X_test[first], X_other[first_other]]), nrow=10, ax=ax,
               row_labels=["MNIST", "8 x 8, scaled"], title="the same ten digits from two data sets")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: the classifier on the 8 × 8 digits
# - It gets {{clf_acc:.0%}} of held-out MNIST digits right
# - On the scaled-up 8 × 8 digits: about the same, 70%, or chance (10%)?
#
# Answer: about 70% ({{acc_8x8:.0%}}): still digits, but blur and thickness move their features away from where the head expects them.

# %% [markdown] slideshow={"slide_type": "slide"}
# The scaled-up digits are blurrier, with thicker, rounder strokes and no fine detail, and their
# writers had their own habits. To us they are obviously digits. We also make a second, artificial
# shift: the held-out MNIST digits rotated by 45°.
#
# **Think first.** The classifier gets {{clf_acc:.0%}} of held-out MNIST digits right. What will it get on the
# scaled-up 8 × 8 digits: about the same, 70%, or chance (10%)?
#
# <details><summary>Answer</summary>
#
# The middle answer, about 70%. Much better than chance (the shapes are still digits), much worse than on MNIST: its
# features were tuned to MNIST's strokes, and blur, thickness and other writers' habits move the
# features of the new digits away from where the head expects them.
#
# </details>
#
# Two measurements of the shift: the **accuracy**, and a **distance between the feature
# distributions**: the Fréchet distance of notebook 06, which summarises each set of 32-number
# features by its mean and covariance and measures how far apart the two summaries are (0 for the
# same statistics). A distance alone has no scale, so we also give its **floor**: the distance
# between the training digits' features and the held-out MNIST digits', two samples of the *same*
# domain.

# %%
X_rotated = ndimage.rotate(X_test.reshape(-1, 28, 28), 45, axes=(1, 2), reshape=False, order=1)
X_rotated = X_rotated.clip(0, 1).reshape(-1, 784)
shifts = {"MNIST held-out (no shift)": (X_test, y_test), "8 x 8 digits, scaled up": (X_other, y_other),
          "MNIST held-out, rotated 45°": (X_rotated, y_test)}
shift_features = {name: extract(net.features, X) for name, (X, _) in shifts.items()}


def head_accuracy(Z, y):
    """Share of digits the classifier's head names right from their features Z."""
    with torch.no_grad():
        scores = net.head(torch.as_tensor(Z, dtype=torch.float32))
    return float((scores.argmax(1).numpy() == y).mean())


# %% slideshow={"slide_type": "fragment"}
before = {name: (head_accuracy(Z, shifts[name][1]), frechet_distance(F_train, Z)) for name, Z in shift_features.items()}
print(f"{'':30}{'accuracy':>10}{'Fréchet distance to the training features':>44}")
for name, (accuracy, distance) in before.items():
    print(f"{name:30}{accuracy:10.0%}{distance:44.{1 if distance < 10 else 0}f}")
(acc_mnist, floor), (acc_8x8, dist_8x8), (acc_rotated, dist_rotated) = before.values()

# %%
# NBVAL_CHECK_OUTPUT
print("MNIST held-out: above 90% right, at a distance below 1 (the floor):", acc_mnist > 0.9 and floor < 1)
print("8 x 8 digits: between 55% and 85% right, more than 50 times the floor away:",
      0.55 < acc_8x8 < 0.85 and dist_8x8 > 50 * floor)
print("rotated: fewer than half right, yet closer than the 8 x 8 digits:", acc_rotated < 0.5 and dist_rotated < dist_8x8)

# %% [raw] tags=["deck"]
# ## Seeing the shift
# - The 32 features on their first two principal directions
# - The 8 × 8 digits' cloud is squeezed towards the middle, their order kept

# %% [markdown] slideshow={"slide_type": "slide"}
# The first row is the floor: two samples of MNIST differ by a Fréchet distance below 1, from
# sampling alone. The 8 × 8 digits sit about {{dist_8x8 / floor:.0f}} times further away and lose {{(acc_mnist - acc_8x8) / acc_mnist:.0%}} of
# the accuracy, about a quarter. The rotated digits are a warning about distances: they are *closer* to the training
# features than the 8 × 8 digits, yet the classifier gets fewer than half of them right ({{acc_rotated:.0%}}). A distance
# between two clouds of features says how different they are overall, not whether each digit still
# lands with its own class.
#
# **Seeing the shift.** The 32 features, projected on the two directions in which the training
# features vary most (PCA, fitted on the training features only). Small dots: every digit, grey for
# MNIST, orange for the 8 × 8 digits. Big numbers: the mean position of each digit class, black for
# MNIST, red for the 8 × 8 digits, joined by a line.

# %% slideshow={"slide_type": "fragment"} deck="figure"
pca2 = PCA(n_components=2, random_state=0).fit(F_train)


def shift_map(ax, Z_other, title):
    """MNIST held-out and other features on the training features' first two principal axes."""
    P_mnist, P_other = pca2.transform(F_test), pca2.transform(Z_other)
    ax.scatter(*P_mnist.T, s=3, color="tab:gray", alpha=0.3, label="MNIST held-out")
    ax.scatter(*P_other.T, s=3, color="tab:orange", alpha=0.3, label="8 x 8 digits, scaled up")
    outline = [patheffects.withStroke(linewidth=3, foreground="white")]
    for d in range(10):
        a, b = P_mnist[y_test == d].mean(0), P_other[y_other == d].mean(0)
        ax.plot([a[0], b[0]], [a[1], b[1]], color="tab:red", lw=1)
        ax.text(*a, str(d), color="black", fontsize=12, fontweight="bold", ha="center", va="center",
                path_effects=outline)
        ax.text(*b, str(d), color="tab:red", fontsize=12, fontweight="bold", ha="center", va="center",
                path_effects=outline)
    ax.set(title=title, xlabel="principal axis 1 of the training features", ylabel="principal axis 2")
    ax.legend(fontsize=7, loc="lower left", markerscale=3)


fig, ax = plt.subplots(figsize=(5.5, 4.3))
shift_map(ax, shift_features["8 x 8 digits, scaled up"], "the shift in the classifier's latent space")
plt.show()


def class_means(Z, labels):
    """The mean features of each digit class: one row per digit, (10, 32)."""
    return np.stack([Z[labels == d].mean(0) for d in range(10)])


def gap_to_mnist(Z_other):
    """The mean distance between each digit's mean features in Z_other and the same digit's on MNIST."""
    return np.linalg.norm(class_means(Z_other, y_other) - class_means(F_test, y_test), axis=1).mean()


# all 32 features, not only the 2 drawn: the spread of each cloud, and how far its class means sit from the middle
Z_8x8, centre = shift_features["8 x 8 digits, scaled up"], F_train.mean(0)
spread = {"MNIST": F_test.std(0).sum(), "8 x 8": Z_8x8.std(0).sum()}
from_middle = {"MNIST": np.linalg.norm(class_means(F_test, y_test) - centre, axis=1).mean(),
               "8 x 8": np.linalg.norm(class_means(Z_8x8, y_other) - centre, axis=1).mean()}
same_side = np.sum((class_means(F_test, y_test) - centre) * (class_means(Z_8x8, y_other) - centre), axis=1) > 0

# %% [raw] tags=["deck"]
# ## Think first: re-normalise the features
# - Give each feature, over the new digits, the training mean and spread
# - Which shift will that repair more: the 8 × 8 digits or the rotated ones?
#
# Answer: the 8 × 8 digits: it undoes a common move and squeeze. A rotation changes the shapes; no mean or spread puts them back.

# %% [markdown] slideshow={"slide_type": "slide"}
# The orange cloud is smaller than the grey one and its class means are pulled in towards the
# middle: over all 32 features, the 8 × 8 digits' features vary {{spread["8 x 8"] / spread["MNIST"]:.0%}} as much as MNIST's, and their
# class means sit {{from_middle["8 x 8"] / from_middle["MNIST"]:.0%}} as far from the middle. The blurry digits give weaker, less distinct
# features, so the classes crowd together where the head cannot tell them apart well. Their order
# is kept, only squeezed: seen from the middle, every red number lies in the direction of its black
# one (measured in all 32 features, for {{same_side.sum()}} of the 10 digits).
#
# **A simple repair: re-normalise the features.** Much of the shift looks like a common move and
# squeeze of the whole cloud. So, without a single label of the new data, give each of the 32
# features, over the new digits, the mean and standard deviation it has over the training digits:
#
#     z_new = (z − mean over the new digits) / sd over the new digits × sd over training + mean over training
#
# and let the unchanged head name the digits from these re-normalised features. (This is the idea of
# re-estimating a network's normalisation statistics on the new domain, "AdaBN", Li et al., 2016,
# applied to one layer.) It needs a batch of the new data at once, not one digit at a time, and it
# assumes the new batch has roughly the same mix of classes.
#
# **Think first.** Which shift will re-normalising repair more: the 8 × 8 digits, or the rotated
# ones? And what will it do to the MNIST digits, which were not shifted?
#
# <details><summary>Answer</summary>
#
# The 8 × 8 digits: blur and thicker strokes move and squeeze all features together, which is what
# re-normalising undoes. A rotation changes the *shapes*: a rotated 6 does not look like a moved 6,
# it looks like something else, and matching means and spreads cannot put each digit back with its
# class. On MNIST itself the statistics already match, so nothing changes.
#
# </details>

# %%
mean_train, sd_train = F_train.mean(0), F_train.std(0)


def renormalise(Z):
    """Give each feature of Z (new digits) the mean and standard deviation it has on the training digits."""
    return (Z - Z.mean(0)) / Z.std(0) * sd_train + mean_train


# %% slideshow={"slide_type": "fragment"}
after = {name: (head_accuracy(renormalise(Z), shifts[name][1]), frechet_distance(F_train, renormalise(Z)))
         for name, Z in shift_features.items()}
print(f"{'':30}{'accuracy':>18}{'Fréchet distance':>22}")
print(f"{'':30}{'before → after':>18}{'before → after':>22}")
for name in shifts:
    (acc_b, dist_b), (acc_a, dist_a) = before[name], after[name]
    print(f"{name:30}{acc_b:10.0%} → {acc_a:.0%}{dist_b:13.{1 if dist_b < 10 else 0}f} → "
          f"{dist_a:.{1 if dist_a < 10 else 0}f}")
gain = {name: after[name][0] - before[name][0] for name in shifts}     # accuracy won back by re-normalising
won_back = gain["8 x 8 digits, scaled up"] / (acc_mnist - acc_8x8)     # share of what the 8 x 8 digits lost

# %%
# NBVAL_CHECK_OUTPUT
print("8 x 8 digits: re-normalising wins back more than 5 points and more than the rotation gains:",
      gain["8 x 8 digits, scaled up"] > 0.05 and gain["8 x 8 digits, scaled up"] > gain["MNIST held-out, rotated 45°"])
print("MNIST held-out: accuracy changes by less than one point:", abs(gain["MNIST held-out (no shift)"]) < 0.01)
print("every distance to the training features falls:", all(after[name][1] < before[name][1] for name in shifts))

# %% [raw] tags=["deck"]
# ## After re-normalising, without a label
# - The 8 × 8 digits win back {{won_back:.0%}} of what they lost: {{acc_8x8:.0%}} → {{after["8 x 8 digits, scaled up"][0]:.0%}}

# %% deck="figure"
fig, ax = plt.subplots(figsize=(5.5, 4.3))
shift_map(ax, renormalise(Z_8x8), "after re-normalising the 8 x 8 digits' features")
plt.show()

# %% [raw] tags=["deck"]
# ## The course's latent spaces, side by side
# - How many numbers, continuous or discrete, what "close" means
# - What each kept, and what it threw away

# %% [markdown] slideshow={"slide_type": "slide"}
# Re-normalising wins back {{won_back:.0%}} of what the 8 × 8 digits lost, about half, without a label
# ({{acc_8x8:.0%}} → {{after["8 x 8 digits, scaled up"][0]:.0%}}), and cuts their distance to the training features to about a
# quarter ({{dist_8x8:.0f}} → {{after["8 x 8 digits, scaled up"][1]:.0f}}). The classes spread out again towards their MNIST places: the red
# numbers above moved out to meet the black ones (in all 32 features, a digit's mean now lies
# {{gap_to_mnist(renormalise(Z_8x8)):.1f}} from its MNIST mean on average, against {{gap_to_mnist(Z_8x8):.1f}} before). On the rotated digits it barely helps ({{acc_rotated:.0%}} → {{after["MNIST held-out, rotated 45°"][0]:.0%}}): their
# statistics can be matched (the distance falls too), but the classes inside stay mixed up. A smaller
# distance between distributions is not the same as each digit sitting with its own class.
# Exercise 3 matches more than each feature's mean and spread (their whole covariance, CORAL) and
# asks what that does to the distance and to the accuracy.
#
# Domain adaptation is an active field with stronger tools (training the network so that a second
# network *cannot tell* the two domains apart from the features, Ganin and Lempitsky, 2015; or
# labelling a few new digits). The first step is always the one above: **measure the shift** before
# trusting a model on new data.
#
# ## 4 · The course's latent spaces, side by side
# Ten notebooks, many latent spaces. The table below puts them together: how many numbers describe one
# item, whether they are continuous or discrete, what "close" means, what the objective kept, and one
# figure for each. Most figures are measured again here, each in a second or a few: the digit spaces
# of notebooks 01 and 04-06 from the same digits and the same saved models those notebooks use, the
# toy images of notebook 02 and the furniture of notebook 03 by training their small models again with
# the same recipe. The word vectors of notebook 07 and the topics of notebook 08 take longer to
# train; their figures are the ones their own notebooks' text quotes. (Each course notebook keeps,
# with its saved text, the figures that text quotes; `quoted_figure` below reads one back.)

# %%
# 02: the tiny autoencoder of the toy images, trained again with notebook 02's recipe
nb02 = lh.taught("02_toy_latent_space")
toy_train, toy_test = lh.make_toy(3000, seed=0), lh.make_toy(1000, seed=1)
T_train, T_test = toy_train.images.reshape(-1, 25), toy_test.images.reshape(-1, 25)
lh.seed_everything(0)
toy_ae = nb02.TinyAutoencoder()
lh.fit(toy_ae, nb02.reconstruction_loss, torch.tensor(T_train), epochs=60, lr=5e-3, batch_size=128,
       desc="toy autoencoder (02)")
toy_ae.eval()
pca3 = PCA(n_components=3, random_state=0).fit(T_train)
with torch.no_grad():
    toy_error = lh.reconstruction_mse(T_test, toy_ae(torch.tensor(T_test)).numpy())
toy_vs_pca = toy_error / lh.reconstruction_mse(T_test, pca3.inverse_transform(pca3.transform(T_test)))

# 03: the chair-vs-desk classifier of the colour pictures, trained again with notebook 03's recipe
furniture, furniture_test = lh.make_furniture(3000, seed=0), lh.make_furniture(1000, seed=1)
torch.manual_seed(0)
kind_net = nn.Sequential(nn.Linear(32 * 32 * 3, 128), nn.ReLU(), nn.Linear(128, 2),   # -> its 2 features
                         nn.Linear(2, 2))                                               # -> chair or desk
lh.fit(kind_net, lambda m, b: F.cross_entropy(m(b[0]), b[1]),
       (torch.from_numpy(furniture.images.reshape(3000, -1)), torch.from_numpy(furniture.kind)),
       epochs=6, lr=2e-3, batch_size=64, desc="chair-vs-desk classifier (03)")
with torch.no_grad():
    kind_features = kind_net[:3](torch.from_numpy(furniture_test.images.reshape(1000, -1))).numpy()
# notebook 03's colour test: predict each colour (a point on the colour wheel) of the second half of the
# test pieces from the 10 nearest features among the first half; R² is the share of the colour explained
hue = furniture_test.factors["hue"]
wheel = np.c_[np.cos(2 * np.pi * hue), np.sin(2 * np.pi * hue)]
gaps = ((kind_features[500:, None] - kind_features[None, :500]) ** 2).sum(-1)
guess, truth = wheel[:500][np.argsort(gaps, axis=1, kind="stable")[:, :10]].mean(1), wheel[500:]
colour_r2 = float(np.mean(1 - ((truth - guess) ** 2).sum(0) / ((truth - truth.mean(0)) ** 2).sum(0)))
del furniture, furniture_test, gaps

# %%
nb05, nb06 = lh.taught("05_variational_autoencoders"), lh.taught("06_gans")

# 01: PCA with 20 numbers per digit; zlib's lossless bytes (one byte per pixel before compressing)
pca_kept = PCA(n_components=20, random_state=0).fit(X_train).explained_variance_ratio_.sum()
pixel_bytes = np.round(X_train * 255).astype(np.uint8).tobytes()
zlib_ratio = len(pixel_bytes) / len(zlib.compress(pixel_bytes, 9))

# 04: the 8-number autoencoder's error on the held-out digits, against PCA's with 8 numbers
ae8 = nb04.MLPAutoencoder(8)
ae8.load_state_dict(lh.load_pretrained("ae04_mlp_k8.pt")["model"])
ae8.eval()
pca8 = PCA(n_components=8, random_state=0).fit(X_train)
with torch.no_grad():
    ae8_error = lh.reconstruction_mse(X_test, ae8(torch.tensor(X_test)).numpy())
ae8_vs_pca = ae8_error / lh.reconstruction_mse(X_test, pca8.inverse_transform(pca8.transform(X_test)))

# 05: the 20-number VAE's -ELBO on the binarised held-out digits; k-means' 20 groups of binarised digits
vae20 = nb05.VAE(20)
vae20.load_state_dict({k: v.float() for k, v in lh.load_pretrained("vae05_k20.pt")["model"].items()})
vae20.eval()
B_train, B_test = nb05.binarise(X_train), nb05.binarise(X_test)
vae_neg_elbo = lh.heldout_neg_elbo(vae20.encode, vae20.decode, B_test, n_samples=10, seed=0).total
groups = KMeans(n_clusters=20, n_init=1, random_state=0).fit_predict(B_train)
del B_train, B_test
group_counts = np.zeros((20, 10), dtype=int)                       # group x digit
np.add.at(group_counts, (groups, y_train), 1)
group_purity = group_counts.max(1).sum() / len(y_train)           # digits that are their group's commonest digit

# 06: 1,000 samples of the GAN, judged by notebook 06's digit classifier
G = nb06.Generator()
G.load_state_dict({k: v.float() for k, v in lh.load_pretrained("gan06_dcgan.pt")["generator"].items()})
G.eval()
with torch.no_grad():
    gan_samples = nb06.to_pixels(G(torch.randn(1000, nb06.Z_DIM, generator=torch.Generator().manual_seed(3))))
scorer = DigitScorer.pretrained()
gan_report = scorer.report(gan_samples)


# %%
def quoted_figure(notebook, expression):
    """A figure as the text of a saved course notebook quotes it; `expression` is how that notebook computed it."""
    saved = json.loads((lh.REPO_ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    for cell in saved["cells"]:
        figures = cell["metadata"].get("latent_space", {}).get("filled", {})
        if expression in figures:
            return figures[expression]
    raise LookupError(f"the text of notebooks/{notebook}.ipynb quotes no figure computed as {expression!r}")


# %% slideshow={"slide_type": "fragment"}
course_spaces = [
    ("01", "PCA codes of digits", "20 of 784", "continuous", "similar pixels (Euclidean)",
     "the directions of largest variance", f"{pca_kept:.0%} of the variance kept"),
    ("01", "zlib's compressed bytes", "a variable number of bytes", "discrete", "nothing: no geometry",
     "every pixel, exactly (lossless)", f"{zlib_ratio:.1f}× smaller"),
    ("02", "toy autoencoder code", "3 of 25", "continuous", "similar images (Euclidean)",
     "the three hidden factors", f"error {toy_vs_pca:.2f} × PCA's (this run)"),
    ("03", "chair-vs-desk classifier features", "2", "continuous", "same kind", "the kind; colour thrown away",
     f"colour R² {max(colour_r2, 0):.2f} (none of it)"),
    ("04", "MLP autoencoder codes", "8 (or 2, 32)", "continuous", "similar look", "what rebuilds the pixels",
     f"error {ae8_vs_pca:.2f} × PCA's at 8"),
    ("05", "VAE codes", "20", "continuous, shaped like N(0, I)", "similar look; every point decodes",
     "reconstruction + a known distribution", f"−ELBO {vae_neg_elbo:.0f} nats"),
    ("05", "k-means group of the binarised pixels", "1 label of 20", "discrete", "same group or not",
     "which of 20 prototypes a digit is nearest", f"{group_purity:.0%} of digits are of their group's commonest class"),
    ("06", "GAN noise vectors", str(nb06.Z_DIM), "continuous, N(0, I): a thin shell", "similar generated picture",
     "whatever fools the discriminator (there is no encoder)",
     f"a classifier's confidence in its samples: {gan_report.mean_top_probability:.2f}"),
    ("07", "word vectors", "50", "continuous", "used in similar contexts (cosine)", "which words keep company",
     f"WordSim-353 Spearman {quoted_figure('07_word_embeddings', 'cosine_rho:.2f')} (quoted by 07)"),
    ("08", "topic proportions of documents",
     f"{quoted_figure('08_topic_models', 'K')} (of {quoted_figure('08_topic_models', 'n_words:,')} word counts)",
     "continuous, on a simplex (sum to 1)", "similar mix of topics", "which words occur together in documents",
     f"share of 5 nearest from the same source {quoted_figure('08_topic_models', 'knn_lda:.2f')} (quoted by 08)"),
    ("09", "digit classifier features", "32", "continuous", "same digit",
     "the class; less of the style", f"{clf_acc:.0%} accuracy; {clf_same:.0%} same-digit neighbours"),
]
header = "| notebook | latent space | numbers per item | kind | \"close\" means | the objective kept | one figure |"
lines = [header, "|" + "---|" * 7] + ["| " + " | ".join(row) + " |" for row in course_spaces]
display(Markdown("\n".join(lines)))

# %% [raw] tags=["deck"]
# ## Interpretability: a distributed code
# - Each digit's mean of the 32 features, in standard deviations
# - Every feature is raised by {{raised_by.min()}} to {{raised_by.max()}} digits: no column belongs to one

# %% [markdown] slideshow={"slide_type": "slide"}
# Read down the "kept" column: every space keeps what its objective rewards and lets go of the rest.
# PCA keeps variance, an autoencoder what rebuilds pixels, a VAE that plus a shape it can be sampled
# from, a GAN whatever fools its judge, word vectors what predicts neighbouring words, a classifier
# what names the class. Two figures say it in numbers: the chair-vs-desk classifier of notebook 03
# sees colour pictures and its features explain none of the colour (R² {{max(colour_r2, 0):.2f}}), while notebook 04's
# autoencoder, made to rebuild pixels, rebuilds them with {{ae8_vs_pca:.2f}} times PCA's error. "Close"
# follows: there is no single right notion of similarity, only the one
# a space was trained to give. And only continuous spaces let you walk between points (interpolate,
# slide, add attribute vectors); a discrete code, a group label or compressed bytes, has nothing in
# between.
#
# ## 5 · What is hard, and where the field goes
# **Four difficulties, each met in this course**, each with a small example computed here.
#
# **Interpretability.** Latent dimensions rarely mean one thing each. Notebook 04's sliders did not
# each control one property of a digit (some changed its identity, others barely moved it), and
# notebook 05, measuring its VAEs against the known
# factors of the chairs and desks, found them far from one factor per dimension. The classifier of
# section 1 is no different. Its 32 features name the digit, but does any one of them *mean* one
# digit? The map shows, for each digit and each feature, how far that digit's average sits above
# (red) or below (blue) the feature's average over all training digits, in standard deviations of
# the feature.

# %% deck="figure"
standard = (F_train - F_train.mean(0)) / F_train.std(0)            # each feature in its own standard deviations
profile = class_means(standard, y_train)                           # (10 digits, 32 features)
raised_by = (profile > 0.5).sum(0)             # for each feature: the digits that raise it by more than half an sd
fig, ax = plt.subplots(figsize=(8, 2.9))
picture = ax.imshow(profile, cmap="RdBu_r", vmin=-2, vmax=2, aspect="auto")
ax.set(xlabel="feature (one of the classifier's 32 latent numbers)", ylabel="digit", yticks=range(10),
       title="each digit's mean on each feature, in standard deviations of the feature")
fig.colorbar(picture, ax=ax, label="above (+) or below (-) average")
plt.show()

# %% [raw] tags=["deck"]
# ## Mode collapse
# - Which digits notebook 06's GAN draws, read by a classifier
# - 9s {{gan_share[9]:.0%}} of the time, about twice their real share

# %% [markdown] slideshow={"slide_type": "slide"}
# No column belongs to one digit. Every feature is raised by more than half a standard deviation by
# {{raised_by.min()}} to {{raised_by.max()}} digits, and every digit raises several features: the meaning is spread over the
# features, a *distributed* code. To explain one decision you must read many numbers at once, and
# in a network with millions of features that is an open problem (the course's way in was
# notebook 05's: compare a latent space with factors that are known).
#
# **Mode collapse.** A generator can win its game by making some kinds of picture well and the
# rest rarely or never. Notebook 06 stopped its discriminator and watched the generator collapse to
# a few kinds of picture. Milder forms are common: the course's trained GAN, the one of the table
# above, draws its 1,000 digits in uneven shares.

# %% deck="figure"
shares = {"held-out digits": np.bincount(scorer.predict(X_test), minlength=10) / len(X_test),
          "GAN samples": np.bincount(scorer.predict(gan_samples), minlength=10) / len(gan_samples)}
fig, ax = plt.subplots(figsize=(6.5, 2.6))
for k, (name, share) in enumerate(shares.items()):
    ax.bar(np.arange(10) + 0.4 * (k - 0.5), share, width=0.4, label=name)
ax.axhline(0.1, color="gray", ls="--", lw=1)
ax.set(xticks=range(10), xlabel="digit, as notebook 06's classifier names it", ylabel="share",
       title="which digits the GAN draws: 1,000 samples against the held-out digits")
ax.legend(fontsize=8)
plt.show()
gan_share = shares["GAN samples"]

# %% [raw] tags=["deck"]
# ## Vanishing gradients
# - 20 layers, untrained: the gradient's size layer by layer
# - Sigmoids: the first layer's is {{first_over_last["sigmoid, default start"]:.0e}} times the last's; ReLU keeps it

# %% [markdown]
# The GAN draws 9s {{gan_share[9]:.0%}} of the time, about twice their share among real digits, and its rarest
# digit, the {{np.argmin(gan_share)}}, only {{gan_share.min():.0%}}: it has partly dropped some modes of the data. Nothing in the game's loss counts
# the digits, which is why this failure is easy to miss; measuring what a generator covers, as here
# and in notebook 06, is the first defence.
#
# **Vanishing gradients.** When the loss barely changes with a weight, training stalls. Notebook 06
# showed it in a GAN (the original, "saturating" loss is flat exactly when the generator is worst).
# The classic case is depth. Back-propagation multiplies one factor per layer on its way back to
# the first, and a sigmoid's slope is at most 1/4. Below, two networks of 20 hidden layers of 64
# units, untrained, and the size of the gradient of their loss on 500 digits, layer by layer:
# sigmoid units with PyTorch's default first weights, and ReLU units whose first weights are scaled
# for ReLU (He et al., 2015), one of the cures, with normalisation layers and skip connections.


# %% deck="figure"
def deep_net(unit, depth=20, width=64, scaled_for_relu=False):
    """An untrained network: `depth` hidden layers of `width` units, then 10 class scores."""
    sizes = [784] + [width] * depth
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        linear = nn.Linear(n_in, n_out)
        if scaled_for_relu:
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            nn.init.zeros_(linear.bias)
        layers += [linear, unit()]
    return nn.Sequential(*layers, nn.Linear(width, 10))


gradient_size = {}
for name, unit, scaled in (("sigmoid, default start", nn.Sigmoid, False), ("ReLU, start scaled for ReLU", nn.ReLU, True)):
    torch.manual_seed(0)
    deep = deep_net(unit, scaled_for_relu=scaled)
    F.cross_entropy(deep(torch.tensor(X_train[:500])), torch.tensor(y_train[:500])).backward()
    hidden = [layer for layer in deep if isinstance(layer, nn.Linear)][:-1]        # the 20 hidden layers
    gradient_size[name] = np.array([layer.weight.grad.norm().item() for layer in hidden])
fig, ax = plt.subplots(figsize=(6, 2.8))
for name, sizes in gradient_size.items():
    ax.semilogy(np.arange(1, len(sizes) + 1), sizes, "o-", ms=3, label=name)
ax.set(xlabel="hidden layer (1 = nearest the input)", ylabel="size of the gradient", xticks=[1, 5, 10, 15, 20],
       title="the gradient on its way back through 20 layers")
ax.legend(fontsize=8)
plt.show()
first_over_last = {name: sizes[0] / sizes[-1] for name, sizes in gradient_size.items()}

# %% [raw] tags=["deck"]
# ## Overfitting, and why transfer helps
# - With 10 labels: {{scratch_fit[0].mean():.0%}} of its own digits right, {{acc["from scratch"][0].mean():.0%}} of held-out ones
# - Transfer leaves fewer things to fit from the few labels

# %% [markdown] slideshow={"slide_type": "slide"}
# Through the sigmoids the gradient shrinks at every layer: the first layer's is {{first_over_last["sigmoid, default start"]:.0e}} times the
# last layer's, so the weights near the input would hardly move. With ReLU units and a start
# scaled for them it stays within a factor of {{max(first_over_last["ReLU, start scaled for ReLU"], 1 / first_over_last["ReLU, start scaled for ReLU"]):.0f}} across all 20 layers.
#
# **Overfitting.** A model can learn its training data by heart; notebook 02 made a network do it
# on purpose (the validation loss turned up while the training loss kept falling). Section 2 did it
# too, without meaning to: here are the networks trained from scratch, on the few digits they were
# trained on and on the held-out ones.

# %%
print(f"{'trained from scratch, accuracy':34}" + "".join(f"{f'{n} labels':>12}" for n in LABEL_COUNTS))
print(f"{'  on its own labelled digits':34}" + "".join(f"{a:12.0%}" for a in scratch_fit.mean(1)))
print(f"{'  on the 500 held-out digits':34}" + "".join(f"{a:12.0%}" for a in acc["from scratch"].mean(1)))

# %% [raw] tags=["deck"]
# ## Applications: spotting the unusual
# - Notebook 04's autoencoder rebuilds each digit; a large error raises the alarm
# - Rotated digits: {{alarm_rate["MNIST held-out, rotated 45°"]:.0%}}; 8 × 8 digits: {{alarm_rate["8 x 8 digits, scaled up"]:.0%}}, easy to rebuild

# %% [markdown]
# With 10 labels every network names {{scratch_fit[0].mean():.0%}} of its labelled digits right, and {{acc["from scratch"][0].mean():.0%}} of the
# held-out ones: it fits its ten digits perfectly and generalises poorly. More labels close the gap.
# Transfer helps because it leaves fewer things to fit: the borrowed convolutions stay frozen, and
# only a linear head learns from the few labels.
#
# **Applications.** Latent spaces are working tools well beyond digits. Three small examples, each
# computed here in seconds.
#
# **Vision: spotting the unusual.** An autoencoder rebuilds well what looks like its training
# data, and worse what does not, so its reconstruction error is an alarm that needs no labels:
# factories use it to flag faulty parts in camera images, and it can warn that a model is being
# shown pictures unlike its training data. Notebook 04's 32-number autoencoder, on the held-out
# digits and the two shifted sets of section 3, with the alarm set so that 5% of ordinary held-out
# digits set it off:


# %% deck="figure"
def rebuild_error(X):
    """The squared error per pixel of each picture, rebuilt by notebook 04's 32-number autoencoder."""
    with torch.no_grad():
        return ((ae32(torch.as_tensor(X, dtype=torch.float32)).numpy() - X) ** 2).mean(1)


errors = {"MNIST held-out": rebuild_error(X_test), "8 x 8 digits, scaled up": rebuild_error(X_other),
          "MNIST held-out, rotated 45°": rebuild_error(X_rotated)}
alarm = np.quantile(errors["MNIST held-out"], 0.95)
alarm_rate = {name: float(np.mean(e > alarm)) for name, e in errors.items()}
for name, e in errors.items():
    print(f"{name:30} median error {np.median(e):.4f}; sets off the alarm: {alarm_rate[name]:4.0%}")
oddest = np.argsort(errors["MNIST held-out"], kind="stable")[::-1][:10]
fig, ax = plt.subplots(figsize=(6.5, 1.1))
lh.show_images(X_test[oddest], nrow=10, ax=ax, title="the 10 held-out digits the autoencoder rebuilds worst")
plt.show()

# %% [raw] tags=["deck"]
# ## Search by meaning, and molecules
# - Documents found by topic, not by the words of the query
# - Molecules as 14 counts: octane's nearest codes are the chains one carbon shorter and longer

# %% [markdown] slideshow={"slide_type": "slide"}
# The rotated digits set off the alarm {{alarm_rate["MNIST held-out, rotated 45°"]:.0%}} of the time. The 8 × 8 digits only
# {{alarm_rate["8 x 8 digits, scaled up"]:.0%}}, no more than ordinary digits: their blurry, rounded strokes are *easy* to rebuild,
# so this alarm misses a shift that costs the classifier a quarter of its accuracy, one that
# section 3's Fréchet distance caught. An alarm measures its own notion of "unusual". Among
# ordinary digits it flags the boldest and oddest strokes (above): digits with more ink than
# {{np.mean(ink(X_test) < ink(X_test[oddest]).mean()):.0%}} of the others, on average.
#
# **Language: search by meaning.** A search in word counts only finds documents that contain the
# query's words. Map the documents into a latent space first, and documents about the same subject
# land close even when they share no word with the query. The classic method is **latent semantic
# analysis** (LSA, Deerwester et al., 1990): a truncated SVD (PCA's close cousin) of the weighted
# word counts. Here on notebook 08's documents: 300 news stories and the posts of two newsgroups,
# one about space and one about atheism, with 50 numbers per document.

# %%
news, posts = load_lee(), load_mini_newsgroups(min_words=20)
documents = list(news.texts) + list(posts.texts)
source = np.r_[np.full(len(news), "news"), np.array(posts.label_names)[posts.labels]]
tfidf = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[a-zA-Z]{3,}\b", min_df=2, max_df=0.5,
                        sublinear_tf=True)
weighted_counts = tfidf.fit_transform(documents)                   # (documents, words), mostly zeros
lsa = TruncatedSVD(n_components=50, algorithm="arpack", random_state=0).fit(weighted_counts)
doc_codes = normalize(lsa.transform(weighted_counts))              # 50 numbers per document, length 1
words_of = tfidf.build_analyzer()                                  # a text -> its words, as counted


def search(query, k=10):
    """The k documents whose codes are nearest the query's code (cosine similarity)."""
    code = normalize(lsa.transform(tfidf.transform([query]))).ravel()
    return np.argsort(-(doc_codes @ code), kind="stable")[:k]


query = "rocket fuel"
with_a_query_word = np.array([bool(set(words_of(query)) & set(words_of(d))) for d in documents])
found = search(query)
print(f"documents that contain a word of {query!r}: {with_a_query_word.sum()} of {len(documents)}")
print(f"the 10 nearest in the latent space (* contains a query word):")
for i in found:
    print(f"  {'*' if with_a_query_word[i] else ' '} {source[i]:12} {' '.join(documents[i].split())[:80]}")

# %% [markdown]
# All {{np.sum(source[found] == "sci.space")}} of the 10 nearest documents are posts about space, and {{np.sum(~with_a_query_word[found])}} of them contain neither
# *rocket* nor *fuel*. Search engines and the retrieval behind today's language models use the
# same idea, with codes from much larger networks.
#
# **Molecules (a toy stand-in).** Chemists search large collections for molecules like a known
# one, and molecule VAEs (Gómez-Bombarelli et al., 2018) encode molecules as points of a
# continuous space, predict their properties there, and decode new points into new molecules. Real
# molecules need chemistry software; here is a stand-in small enough to write in a few lines, and
# plainly a toy: the carbon skeletons of the alkanes, chains of carbon atoms with at most four bonds
# each. Growing them one carbon at a time gives every skeleton up to 10 carbons. Each is written as
# a SMILES string (the text format of chemistry databases: `CC(C)C` is a chain of three carbons
# with a branch on the middle one) and coded by a **fingerprint**: how many of its carbons have 1,
# 2, 3 or 4 carbon neighbours, and how many bonds join each pair of those kinds, 14 counts. A
# fingerprint is a code written by hand, as chemists' fingerprints are; a molecule VAE learns its code.


# %%
def shape_name(bonds, atom=0, parent=None):
    """The same string for every drawing of a skeleton: its branches' names, sorted, in brackets."""
    return "(" + "".join(sorted(shape_name(bonds, n, atom) for n in bonds[atom] if n != parent)) + ")"


def canonical(bonds):
    return min(shape_name(bonds, atom) for atom in range(len(bonds)))


by_size = [[[[]]]]                         # skeletons with 1 carbon: one, with no bonds (a list of neighbours per carbon)
for n in range(2, 11):
    grown = {}
    for bonds in by_size[-1]:
        for atom in range(len(bonds)):
            if len(bonds[atom]) < 4:       # a carbon has at most four bonds
                new = [nb + [n - 1] if a == atom else list(nb) for a, nb in enumerate(bonds)] + [[atom]]
                grown.setdefault(canonical(new), new)
    by_size.append(list(grown.values()))
skeletons = [bonds for same_size in by_size for bonds in same_size]


def smiles(bonds):
    """A SMILES string: from one end of the longest chain, each side branch in brackets."""
    def depth(atom, parent):
        return 1 + max((depth(n, atom) for n in bonds[atom] if n != parent), default=0)

    def write(atom, parent):
        branches = sorted((n for n in bonds[atom] if n != parent), key=lambda n: depth(n, atom))
        return "C" + "".join(f"({write(b, atom)})" for b in branches[:-1]) + (write(branches[-1], atom) if branches else "")
    return write(max(range(len(bonds)), key=lambda atom: depth(atom, None)), None)


def fingerprint(bonds):
    """14 counts: carbons with 1, 2, 3, 4 carbon neighbours; bonds between each pair of those kinds."""
    kind = [len(nb) - 1 for nb in bonds]   # 0: CH3 (or CH4), 1: CH2, 2: CH, 3: C
    pairs = np.zeros((4, 4))
    for a, nb in enumerate(bonds):
        for b in nb:
            if a < b:
                pairs[min(kind[a], kind[b]), max(kind[a], kind[b])] += 1
    return np.r_[np.bincount(np.maximum(kind, 0), minlength=4), pairs[np.triu_indices(4)]]


names = [smiles(bonds) for bonds in skeletons]
codes = np.array([fingerprint(bonds) for bonds in skeletons])
print("skeletons with 1, 2, ..., 10 carbons:", ", ".join(str(len(s)) for s in by_size), f"({len(skeletons)} in all)")
look_alikes = {}
for query in ("CCCCCCCC", "CC(C)(C)CC(C)C"):
    distance = ((codes - codes[names.index(query)]) ** 2).sum(1)
    look_alikes[query] = [names[i] for i in np.argsort(distance, kind="stable")[1:6]]
    print(f"{query:16} nearest codes: {', '.join(look_alikes[query])}")
branched = {query: [sum(len(nb) >= 3 for nb in skeletons[names.index(m)]) for m in near]
            for query, near in look_alikes.items()}   # carbons with 3 or 4 neighbours, in each look-alike

# %% [raw] tags=["deck"]
# ## Open directions
# - Disentangled and causal factors; reading large networks' features
# - Surviving distribution shift; learning without labels
# - Evaluating generative models as people would

# %% [markdown] slideshow={"slide_type": "slide"}
# The counts of isomers a chemistry textbook lists come out by themselves ({{len(by_size[-1])}} alkanes with 10
# carbons). Octane's nearest codes are the straight chains one carbon shorter and longer, then
# other chains with at most one branch; iso-octane's (2,2,4-trimethylpentane, the 100 of octane
# ratings) are other crowded skeletons with two or three branch points. Similar molecules, close codes: that is what a
# search for look-alikes needs. What the toy cannot do is the other half of the molecule VAEs: a
# learned decoder that turns a point *between* codes into a new molecule.
#
# **Open directions**, briefly and without promises; each grows out of a difficulty above:
#
# - *disentangled and causal representations*: latent factors that match real, independent causes,
#   and the evidence that this needs some supervision or assumptions (Locatello et al., 2019;
#   Schölkopf et al., 2021);
# - *reading the features of large networks*: finding human-meaningful directions inside them, for
#   example with sparse autoencoders trained on a network's activations (Bricken et al., 2023), the
#   large-scale version of reading the map of features above;
# - *robustness to distribution shift*: models that notice, measure and survive data unlike their
#   training data, judged on benchmarks built from real shifts (Koh et al., 2021);
# - *learning without labels*: self-supervised objectives that give features good for many tasks at
#   once, so that every new task needs few labels (Chen et al., 2020), as the autoencoder's codes
#   did for 10 labels in section 2;
# - *evaluating generative models*: numbers that agree with what people see (Theis et al., 2016).

# %% [raw] tags=["deck"]
# ## Summary
# - A classifier's features are a latent space: close means same class
# - Transfer reuses general layers; domain shift moves features, re-normalising repairs some of it
# - Every latent space keeps what its objective rewards

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
# - A classifier's last layers are a latent space. In ours, "close" means "same digit" far more often
#   than in an autoencoder's codes of the same size, while the autoencoder keeps more of the style
#   (ink, slant) within each digit: **what a latent space keeps is set by its objective**.
# - Transfer: reusing the convolutions of a network trained on digits 0-4 learns digits 5-9 from 10,
#   50 or 100 labels better than training from scratch, by a few points, with spreads over label
#   draws about as large as the lead at 10 labels. Its last layer, specific to the old task, transfers
#   worse than starting from scratch.
# - Domain shift: on digits from another data set the classifier loses about a quarter of its
#   accuracy; the shift shows as a squeezed cloud in latent space and as a Fréchet distance far above
#   its floor. Re-normalising the features, without labels, wins back about half of the loss; it
#   barely helps with a rotation, which changes the shapes rather than the statistics.
# - Side by side, the course's latent spaces differ in size, kind and meaning of "close", and each
#   keeps what its objective needs.
# - Interpretability, mode collapse, vanishing gradients and overfitting are real, were all met in
#   the course, and each showed here in a small example: a distributed code, uneven shares of
#   digits, a gradient that shrinks through 20 sigmoid layers, ten labelled digits fitted perfectly.
#   Latent spaces are at work in vision, language and chemistry (an alarm for unusual pictures,
#   search by meaning, look-alike molecules), and much is still open.
#
# ## Exercises
# Each check works out the answer itself; nothing above prints it.
#
# **Exercise 1 (nearest centre).** In the classifier's feature space, give each digit class a
# *centre*: the mean of the features `F_train` of its training digits (`y_train`). Name each held-out
# digit (`F_test`) after the nearest centre (Euclidean distance) and give the share of held-out
# digits named right, a fraction between 0 and 1. Compare it with the classifier's own accuracy
# (`clf_acc`). Then, if you like, try the same rule on the autoencoder's codes (`A_train`, `A_test`).

# %% [raw] tags=["deck"]
# ## Exercise 1 · nearest centre
# - Each class's centre: the mean of its training features
# - Name each held-out digit after the nearest centre: what share is right?

# %%
answer = None  # the share of held-out digits whose nearest class centre is their own class

from latent_helpers.exercises import check_nearest_centre
check_nearest_centre(answer, F_train, y_train, F_test, y_test)

# %% tags=["solution"]
centres = np.stack([F_train[y_train == d].mean(0) for d in range(10)])          # (10, 32)
distances = ((F_test[:, None, :] - centres[None, :, :]) ** 2).sum(-1)          # (1000, 10)
answer = float((distances.argmin(1) == y_test).mean())
assert check_nearest_centre(answer, F_train, y_train, F_test, y_test)

# %% [raw] tags=["deck"]
# ## Exercise 2 · the simplest head
# - `nearest_label(Z_labelled, y_labelled, Z)`: the label of the nearest labelled digit
# - On pixels and on the conv block, with 10 labels

# %% [markdown]
# **Exercise 2 (the simplest head).** With 10 labels, section 2's logistic regression on the conv
# block fits 1,568 × 5 weights from 10 digits. The simplest head fits nothing: name each new digit
# after its *nearest labelled digit*. Write `nearest_label(Z_labelled, y_labelled, Z)` that returns,
# for each row of `Z`, the label of the nearest row of `Z_labelled` (Euclidean distance): an array
# with one label per row of `Z`. The check tries it on copies of small made-up cases. Then use it
# with the 8 draws of 10 labels (`draws[10]`), once on the raw pixels (`pool_X`, `judge_X`) and
# once on the conv block's output (`extract(net_0to4.conv, ...)`), and compare with section 2's
# table. Predict first: which space gives the better neighbours, and does either come near the
# network trained from scratch?

# %%
def nearest_label(Z_labelled, y_labelled, Z):
    ...  # your code: for each row of Z, the label of the nearest row of Z_labelled
    return None


from latent_helpers.exercises import check_nearest_label
check_nearest_label(nearest_label)


# %% tags=["solution"]
def nearest_label(Z_labelled, y_labelled, Z):
    distances = ((Z[:, None, :] - Z_labelled[None, :, :]) ** 2).sum(-1)   # (len(Z), len(Z_labelled))
    return y_labelled[distances.argmin(1)]


assert check_nearest_label(nearest_label)
for name, part in {"pixels": nn.Identity(), "conv block": net_0to4.conv}.items():
    Z_pool, Z_judge = extract(part, pool_X), extract(part, judge_X)
    named_right = [np.mean(nearest_label(Z_pool[l], pool_y[l], Z_judge) == judge_y) for l in draws[10]]
    print(f"nearest labelled digit, {name:10}: {np.mean(named_right):.2f} (10 labels)")
print(f"section 2: from scratch {acc['from scratch'][0].mean():.2f}, "
      f"conv block with a linear head {acc['transfer: conv block'][0].mean():.2f}")


# %% [raw] tags=["deck"]
# ## Exercise 3 · write CORAL
# - Match the whole covariance of the new features, not each feature alone
# - Whiten the new features, colour them with the training covariance

# %% [markdown]
# **Exercise 3 (write CORAL).** Section 3 matched each feature's mean and spread on its own.
# **CORAL** (correlation alignment, Sun, Feng and Saenko, 2016) matches the whole covariance: the way
# features vary *together*. Write `coral(Z_new, Z_train, eps)` that returns the new features
# re-coloured to the training statistics:
#
# 1. `C_new` and `C_train`: the covariance matrices of the two feature sets (features are columns:
#    `np.cov(Z, rowvar=False)`), each plus `eps` times the identity (`np.eye`), which keeps them
#    safely invertible;
# 2. centre the new features (subtract their mean), **whiten** them by multiplying on the right by
#    `C_new` to the power −½, then **re-colour** them by multiplying by `C_train` to the power ½;
# 3. add the training features' mean.
#
# `sym_power(C, p)` below raises a symmetric matrix to a power `p` (through its eigenvalues). The
# check calls your function on copies of small made-up features and names the usual slips. Then
# apply it to the 8 × 8 digits' features (the solution shows how) and compare with re-normalising.

# %%
def sym_power(C, p):
    """A symmetric positive-definite matrix C raised to the power p (e.g. -0.5: its inverse square root)."""
    eigenvalues, eigenvectors = np.linalg.eigh(C)
    return (eigenvectors * eigenvalues ** p) @ eigenvectors.T


def coral(Z_new, Z_train, eps=1.0):
    ...  # your code: the two covariances (+ eps * identity), centre, whiten, re-colour, add the mean
    return None


from latent_helpers.exercises import check_coral
check_coral(coral)


# %% tags=["solution"]
def coral(Z_new, Z_train, eps=1.0):
    d = Z_new.shape[1]
    C_new = np.cov(Z_new, rowvar=False) + eps * np.eye(d)
    C_train = np.cov(Z_train, rowvar=False) + eps * np.eye(d)
    whitened = (Z_new - Z_new.mean(0)) @ sym_power(C_new, -0.5)
    return whitened @ sym_power(C_train, 0.5) + Z_train.mean(0)


assert check_coral(coral)
Z_other = shift_features["8 x 8 digits, scaled up"]
print(f"8 x 8 digits: accuracy {before['8 x 8 digits, scaled up'][0]:.0%} as they are, "
      f"{after['8 x 8 digits, scaled up'][0]:.0%} re-normalised, {head_accuracy(coral(Z_other, F_train), y_other):.0%} "
      f"with CORAL; Fréchet distance after CORAL {frechet_distance(F_train, coral(Z_other, F_train)):.1f}")

# %% [raw] tags=["deck"]
# ## Exercise 4 · fine-tuning, layers, shifts (open)
# - Fine-tune all the borrowed weights; try the first convolution alone
# - Fainter, inverted, slightly rotated digits: what does re-normalising repair?

# %% [markdown]
# **Exercise 4 (open).**
# - *Fine-tuning.* Section 2 froze the borrowed layers. Copy the old network
#   (`import copy; tuned = copy.deepcopy(net_0to4)`), give it a fresh head (`tuned.head = nn.Linear(32, 5)`),
#   and train *all* its weights with `lh.fit` on the 50 labelled digits of one draw, with a small
#   learning rate (0.0001) for 60 steps, as `from_scratch` does. Does it beat the frozen conv block,
#   and the network from scratch? Does the learning rate matter?
# - *Which layer transfers?* Section 2 borrowed the old network's conv block (both convolutions)
#   and its last layer. Try the first convolution alone, `net_0to4.conv[:3]` (the reshaping to a
#   picture, the first convolution and its ReLU: 16 × 14 × 14 = 3,136 numbers per digit), with
#   `probe` and the draws of 50 labels. Above the conv block, between it and the last layer, or
#   below both?
# - *Other shifts.* Make the held-out digits fainter (`0.5 * X_test`), inverted (`1 - X_test`) or
#   rotated by 15°, and measure the accuracy before and after re-normalising. Which shifts does
#   re-normalising repair, and why?
#
# ## Further reading
# - J. Yosinski, J. Clune, Y. Bengio and H. Lipson, *How transferable are features in deep neural
#   networks?*, NeurIPS 2014: layer by layer, from general to specific.
# - S. J. Pan and Q. Yang, *A survey on transfer learning*, IEEE TKDE 22 (2010).
# - S. Ben-David et al., *A theory of learning from different domains*, Machine Learning 79 (2010):
#   when a model trained on one domain can work on another.
# - Y. Li, N. Wang, J. Shi, J. Liu and X. Hou, *Revisiting batch normalization for practical domain
#   adaptation* (AdaBN), ICLR workshop 2017 (arXiv 2016).
# - B. Sun, J. Feng and K. Saenko, *Return of frustratingly easy domain adaptation* (CORAL), AAAI 2016.
# - Y. Ganin and V. Lempitsky, *Unsupervised domain adaptation by backpropagation*, ICML 2015.
# - P. W. Koh et al., *WILDS: a benchmark of in-the-wild distribution shifts*, ICML 2021.
# - F. Locatello et al., *Challenging common assumptions in the unsupervised learning of disentangled
#   representations*, ICML 2019; B. Schölkopf et al., *Toward causal representation learning*,
#   Proceedings of the IEEE 109 (2021).
# - T. Bricken et al., *Towards monosemanticity: decomposing language models with dictionary
#   learning*, Transformer Circuits Thread (2023).
# - T. Chen, S. Kornblith, M. Norouzi and G. Hinton, *A simple framework for contrastive learning of
#   visual representations* (SimCLR), ICML 2020.
# - L. Theis, A. van den Oord and M. Bethge, *A note on the evaluation of generative models*, ICLR 2016.
# - R. Gómez-Bombarelli et al., *Automatic chemical design using a data-driven continuous
#   representation of molecules*, ACS Central Science 4 (2018).
# - R. Rombach et al., *High-resolution image synthesis with latent diffusion models*, CVPR 2022.
# - Y. Bengio, A. Courville and P. Vincent, *Representation learning: a review and new perspectives*,
#   IEEE TPAMI 35 (2013): the field this course has been an introduction to.
#
# This is the last notebook of the course. Go back to any of them with what you know now: every
# latent space you met was a choice of what to keep.

# %% [raw] tags=["benchmark"]
# clf09_test_acc = clf_acc
# clf09_neighbour_agreement = kept["classifier features (32)"][0]
# ae32_neighbour_agreement = kept["autoencoder codes (32)"][0]
# clf09_style_r2_ink = kept["classifier features (32)"][1]
# clf09_style_r2_slant = kept["classifier features (32)"][2]
# ae32_style_r2_ink = kept["autoencoder codes (32)"][1]
# ae32_style_r2_slant = kept["autoencoder codes (32)"][2]
# transfer_acc_10 = acc["transfer: conv block"][0].mean()
# transfer_acc_50 = acc["transfer: conv block"][1].mean()
# transfer_acc_100 = acc["transfer: conv block"][2].mean()
# transfer_sd_10 = acc["transfer: conv block"][0].std()
# transfer_sd_50 = acc["transfer: conv block"][1].std()
# transfer_sd_100 = acc["transfer: conv block"][2].std()
# scratch_acc_10 = acc["from scratch"][0].mean()
# scratch_acc_50 = acc["from scratch"][1].mean()
# scratch_acc_100 = acc["from scratch"][2].mean()
# scratch_sd_10 = acc["from scratch"][0].std()
# scratch_sd_50 = acc["from scratch"][1].std()
# scratch_sd_100 = acc["from scratch"][2].std()
# transfer_last_layer_acc_10 = acc["transfer: last layer"][0].mean()
# ae_codes_transfer_acc_10 = acc["autoencoder codes (04)"][0].mean()
# shift_acc_clean = before["MNIST held-out (no shift)"][0]
# shift_acc_digits8x8 = before["8 x 8 digits, scaled up"][0]
# shift_acc_digits8x8_renorm = after["8 x 8 digits, scaled up"][0]
# shift_acc_rot45 = before["MNIST held-out, rotated 45°"][0]
# shift_acc_rot45_renorm = after["MNIST held-out, rotated 45°"][0]
# shift_frechet_floor = before["MNIST held-out (no shift)"][1]
# shift_frechet_digits8x8 = before["8 x 8 digits, scaled up"][1]
# shift_frechet_digits8x8_renorm = after["8 x 8 digits, scaled up"][1]

# %% [raw] tags=["claims"]
# clf_acc > 0.94  # "unseen digits right, from 4,000 training digits"
# len(X_train) == 4000 and len(X_test) == 1000  # "trained on the same 4,000 digits without labels"
# clf_same > 0.9 and clf_same > ae_same + 0.1  # "The classifier's map has ten clean islands"
# mixed["autoencoder codes (32)"][0] == (4, 9)  # "4s and 9s share one"
# ae_ink > clf_ink and ae_slant > clf_slant  # "but its neighbours look more alike"
# strays.sum() < 100  # "with a few strays"
# np.mean(named[strays] != y_test[strays]) > 5 * np.mean(named != y_test)  # "a stray is a digit whose features look like another digit's"
# other_digit["classifier features"] <= 3  # "the classifier's neighbours are nearly always the right digit"
# other_digit["autoencoder codes"] > other_digit["classifier features"]  # "sometimes that costs the digit"
# sorted(y_test[shown["autoencoder codes"][2]].tolist()) == [2, 2, 3, 7, 9]  # "finds another 7, then a 3, two 2s and a 9"
# y_test[queries].tolist() == [2, 4, 7, 8] and digit_slider.value == queries[2]  # "It starts at the 7 above"
# min(per_class) > 0 and sum(per_class) == digit_slider.max + 1 == slider_digits  # "every digit from 0 to 9"
# clf_same > ae_same + 0.1  # "much more often"
# ae_ink > 0.5 and ae_slant > 0.5  # "the autoencoder's codes keep most of the style within each class"
# ae_ink - clf_ink > 0.15  # "much less of the ink"
# 0 < ae_slant - clf_slant < ae_ink - clf_ink  # "somewhat less of the slant"
# mixed["autoencoder codes (32)"][0] == (4, 9) and (4, 9) in mixed["classifier features (32)"][:3]  # "are among the pairs most often mixed up"
# old_task.sum() == 2000 and len(judge_y) == 500  # "with all 2,000 of their training labels"
# scratch_fit.min() == 1  # "enough to name every labelled digit right"
# np.all(lead.mean(1) > 0) and np.all(lead.mean(1) < 0.1)  # "The convolutions beat scratch at every label count, but by a handful of points"
# np.all(mean_acc["transfer: last layer"] < mean_acc["from scratch"])  # "The last layer transfers worse than training from scratch"
# 0.01 < lead[0].mean() < 0.1 and (lead[0] > 0).sum() >= 5  # "Borrowing the convolutions helps, by a few points"
# 0.5 < acc["from scratch"][0].std() / lead[0].mean() < 2  # "is about as large as the lead"
# all(np.all(np.diff(m) > 0) for m in mean_acc.values())  # "every way climbs"
# all(a[2].std() < a[0].std() for a in acc.values())  # "the spreads shrink"
# 0.01 < lead[1].mean() < 0.1 and 0.01 < lead[2].mean() < 0.1  # "the lead stays a few points"
# all(np.all(mean_acc["transfer: last layer"] < m) for n, m in mean_acc.items() if n != "transfer: last layer")  # "worst start of all, below a network that never saw a digit before"
# abs(mean_acc["autoencoder codes (04)"][0] - mean_acc["transfer: conv block"][0]) < 0.04  # "does about as well as the borrowed convolutions with 10 labels"
# np.all(mean_acc["autoencoder codes (04)"][1:] < mean_acc["transfer: conv block"][1:] - 0.01)  # "and then falls behind"
# len(y_other) == 1797  # "ships 1,797 handwritten digits"
# 0.6 < acc_8x8 < 0.8  # "The middle answer, about 70%"
# floor < 1  # "two samples of MNIST differ by a Fréchet distance below 1"
# dist_8x8 > 50 * floor  # "times further away"
# 0.15 < (acc_mnist - acc_8x8) / acc_mnist < 0.35  # "the accuracy, about a quarter"
# dist_rotated < dist_8x8 and acc_rotated < 0.5  # "yet the classifier gets fewer than half of them right"
# spread["8 x 8"] < 0.8 * spread["MNIST"] and from_middle["8 x 8"] < 0.8 * from_middle["MNIST"]  # "The orange cloud is smaller than the grey one and its class means are pulled in towards the middle"
# same_side.all()  # "every red number lies in the direction of its black one"
# gain["8 x 8 digits, scaled up"] > gain["MNIST held-out, rotated 45°"] and abs(gain["MNIST held-out (no shift)"]) < 0.01  # "On MNIST itself the statistics already match, so nothing changes"
# 0.3 < won_back < 0.7  # "about half, without a label"
# 0.15 < after["8 x 8 digits, scaled up"][1] / dist_8x8 < 0.35  # "cuts their distance to the training features to about a quarter"
# gap_to_mnist(renormalise(Z_8x8)) < gap_to_mnist(Z_8x8)  # "the red numbers above moved out to meet the black ones"
# gain["MNIST held-out, rotated 45°"] < 0.1  # "On the rotated digits it barely helps"
# after["MNIST held-out, rotated 45°"][1] < dist_rotated  # "the distance falls too"
# colour_r2 < 0.05  # "its features explain none of the colour"
# ae8_vs_pca < 0.7  # "rebuilds them with"
# raised_by.min() >= 2  # "No column belongs to one digit"
# (profile > 0.5).sum(1).min() >= 2  # "every digit raises several features"
# np.argmax(gan_share) == 9 and 1.6 < gan_share[9] / shares["held-out digits"][9] < 2.4  # "about twice their share among real digits"
# gan_share.min() < 0.075  # "partly dropped some modes of the data"
# np.all(np.diff(gradient_size["sigmoid, default start"]) > 0) and first_over_last["sigmoid, default start"] < 1e-8  # "Through the sigmoids the gradient shrinks at every layer"
# 1 / 10 < first_over_last["ReLU, start scaled for ReLU"] < 10  # "stays within a factor of"
# scratch_fit[0].min() == 1 and acc["from scratch"][0].mean() < 0.75  # "it fits its ten digits perfectly and generalises poorly"
# np.all(np.diff(scratch_fit.mean(1) - acc["from scratch"].mean(1)) < 0)  # "More labels close the gap"
# alarm_rate["MNIST held-out, rotated 45°"] > 0.25  # "The rotated digits set off the alarm"
# alarm_rate["8 x 8 digits, scaled up"] <= alarm_rate["MNIST held-out"]  # "no more than ordinary digits"
# alarm_rate["8 x 8 digits, scaled up"] < 0.1 and 0.15 < (acc_mnist - acc_8x8) / acc_mnist < 0.35 and dist_8x8 > 50 * floor  # "misses a shift that costs the classifier a quarter of its accuracy"
# np.mean(ink(X_test) < ink(X_test[oddest]).mean()) > 0.75  # "it flags the boldest and oddest strokes"
# len(news) == 300 and sorted(posts.label_names) == ["alt.atheism", "sci.space"]  # "300 news stories and the posts of two newsgroups"
# np.sum(source[found] == "sci.space") == len(found) == 10  # "of the 10 nearest documents are posts about space"
# np.sum(~with_a_query_word[found]) >= 2  # "contain neither"
# with_a_query_word.sum() < 30  # "only finds documents that contain the"
# [len(s) for s in by_size] == [1, 1, 1, 2, 3, 5, 9, 18, 35, 75]  # "The counts of isomers a chemistry textbook lists come out by themselves"
# look_alikes["CCCCCCCC"][:2] == ["CCCCCCC", "CCCCCCCCC"]  # "the straight chains one carbon shorter and longer"
# all(b <= 1 for b in branched["CCCCCCCC"])  # "other chains with at most one branch"
# all(2 <= b <= 3 for b in branched["CC(C)(C)CC(C)C"])  # "other crowded skeletons with two or three branch points"
# clf_same > ae_same + 0.1 and ae_ink > clf_ink and ae_slant > clf_slant  # "far more often"
# np.all(lead.mean(1) > 0) and np.all(lead.mean(1) < 0.1)  # "better than training from scratch, by a few points"
# 0.5 < acc["from scratch"][0].std() / lead[0].mean() < 2  # "about as large as the lead at 10 labels"
# np.all(mean_acc["transfer: last layer"] < mean_acc["from scratch"])  # "transfers worse than starting from scratch"
# 0.15 < (acc_mnist - acc_8x8) / acc_mnist < 0.35  # "loses about a quarter of its"
# spread["8 x 8"] < spread["MNIST"] and dist_8x8 > 50 * floor  # "the shift shows as a squeezed cloud"
# 0.3 < won_back < 0.7  # "wins back about half of the loss"
# gain["MNIST held-out, rotated 45°"] < 0.1  # "barely helps with a rotation"
# raised_by.min() >= 2 and gan_share.min() < 0.075 and first_over_last["sigmoid, default start"] < 1e-8 and scratch_fit[0].min() == 1  # "each showed here in a small example"
