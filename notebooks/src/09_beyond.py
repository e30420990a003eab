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
# - the course's latent spaces side by side: size, kind, what "close" means, what was kept;
# - the open problems (interpretability, mode collapse, vanishing gradients, overfitting), where the
#   course showed each of them, and where the field is going.
#
# **Time to run:** about 30-60 seconds on a laptop (two small networks and 24 tiny ones are trained
# here, each in seconds). **Prerequisites:** training as taught in 02 (loss, epoch, learning
# rate, overfitting); 03 (chairs and desks: what a latent space keeps depends on the objective); 04
# (autoencoders, the linear probe, t-SNE maps); 05 and 06 are referred to in sections 4 and 5.

# %%
# %matplotlib inline
import json

import ipywidgets as W
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from IPython.display import Markdown, display
from matplotlib import patheffects
from scipy import ndimage
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.manifold import TSNE
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers import frechet_distance

# One thread: these networks are small, a second thread gains little, and one makes every run repeat exactly.
device = lh.setup(seed=0, threads=1)
digits = lh.load_mnist5k(flatten=True)
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

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
# About 96 of 100 unseen digits right, from 4,000 training digits in a few seconds. Now its latent
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

# %% slideshow={"slide_type": "fragment"}
tsne = dict(n_components=2, perplexity=30, init="pca", random_state=0, max_iter=500)
maps = {"classifier features": TSNE(**tsne).fit_transform(F_test),
        "autoencoder codes (04)": TSNE(**tsne).fit_transform(A_test)}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
for ax, (name, emb) in zip(axes, maps.items()):
    lh.scatter2d(emb, y_test, ax=ax, s=5, title=f"t-SNE of the held-out digits: {name}",
                 xlabel="t-SNE axis 1", ylabel="t-SNE axis 2", legend=ax is axes[1])
fig.tight_layout()
plt.show()

# %% [markdown]
# Ten tight islands on the left, with a few strays (each stray is a digit the classifier gets
# wrong, or nearly). On the right, islands with bridges and shared shores, as in notebook 04. Now
# the neighbours: for four held-out digits, the five other held-out digits nearest in each space.

# %%
first = np.array([np.flatnonzero(y_test == d)[0] for d in range(10)])   # the first held-out 0, 1, ..., 9
queries = first[[2, 4, 7, 8]]                                            # a 2, a 4, a 7 and an 8
fig, axes = plt.subplots(1, 2, figsize=(8.4, 3.2))
for ax, (name, Z) in zip(axes, {"classifier features": F_test, "autoencoder codes": A_test}.items()):
    nearest = lh.nearest_neighbours(Z, k=5, queries=queries)
    rows = [X_test[np.r_[q, near]] for q, near in zip(queries, nearest)]
    lh.show_images(np.concatenate(rows), nrow=6, ax=ax, title=f"digit | its 5 nearest, {name}")
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# Left, the classifier's neighbours are nearly always the right digit (one 7 slipped in among the
# 2s). Right, the autoencoder's neighbours copy the stroke, and sometimes that costs the digit: the
# 7 drawn with one long sweep finds another 7, then a 3, two 2s and a 9 drawn with the same sweep.
#
# ### Try it: any held-out digit and its neighbours
# Move the slider to pick one of the 1,000 held-out digits (`X_test[digit]`); each row shows it and
# its 5 nearest in one space, and counts how many of them are the same digit. It starts at the 7 above.

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


digit_slider = W.IntSlider(value=int(queries[2]), min=0, max=len(X_test) - 1, description="digit")
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


# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
spaces = {"classifier features (32)": (F_train, F_test), "autoencoder codes (32)": (A_train, A_test)}
kept = {}
print(f"{'':26}{'same digit among':>18}{'style kept (R², within class)':>32}")
print(f"{'':26}{'the 10 nearest':>18}{'ink':>14}{'slant':>10}")
for name, (Z_tr, Z_te) in spaces.items():
    kept[name] = (lh.neighbour_agreement(Z_te, y_test, k=10),
                  style_kept(Z_tr, Z_te, ink), style_kept(Z_tr, Z_te, slant))
    print(f"{name:26}{kept[name][0]:18.0%}{kept[name][1]:14.2f}{kept[name][2]:10.2f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# Each space wins its own game. In the classifier's space, "close" means "same digit" much more
# often; the autoencoder's codes keep most of the style within each class, the classifier's
# features less of it: much less of the ink, somewhat less of the slant. This is notebook 03's
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
#    learning rate 0.001, 60 steps on the whole labelled set; longer, or with the shifts, did not do
#    better in our tries).
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
    """Held-out accuracy of a fresh DigitNet trained on the labelled digits only (60 full-batch steps)."""
    lh.seed_everything(seed)
    new = DigitNet(5)
    data = (torch.tensor(pool_X[labelled]), torch.tensor(pool_y[labelled]))
    lh.fit(new, lambda m, b: F.cross_entropy(m(b[0]), b[1]), data, epochs=60, lr=1e-3,
           batch_size=len(labelled), progress=False)
    return float((extract(new, judge_X).argmax(1) == judge_y).mean())


frozen = {"transfer: conv block": net_0to4.conv, "transfer: last layer": net_0to4.features,
          "autoencoder codes (04)": ae32.encoder}
features = {name: (extract(part, pool_X), extract(part, judge_X)) for name, part in frozen.items()}

acc = {name: np.zeros((len(LABEL_COUNTS), N_DRAWS)) for name in ["from scratch", *frozen]}
runs = [(i, n, d) for i, n in enumerate(LABEL_COUNTS) for d in range(N_DRAWS)]
for i, n, d in tqdm(runs, desc="draws x label counts"):
    labelled = draws[n][d]
    acc["from scratch"][i, d] = from_scratch(labelled, seed=d)
    for name, (Z_pool, Z_judge) in features.items():
        acc[name][i, d] = probe(Z_pool, Z_judge, labelled)
del features   # 2,000 x 1,568 numbers we do not need any more

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
print(f"{'held-out accuracy on digits 5-9':32}" + "".join(f"{f'{n} labels':>16}" for n in LABEL_COUNTS))
for name, a in acc.items():
    print(f"{name:32}" + "".join(f"{m:10.2f} ± {s:.2f}" for m, s in zip(a.mean(1), a.std(1))))
lead = acc["transfer: conv block"] - acc["from scratch"]
print("draws in which the conv block beats scratch:",
      ", ".join(f"{int((lead[i] > 0).sum())} of {N_DRAWS} at {n}" for i, n in enumerate(LABEL_COUNTS)))

# %% slideshow={"slide_type": "fragment"}
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

# %% [markdown] slideshow={"slide_type": "slide"}
# What the curves say:
#
# - **Borrowing the convolutions helps, most when labels are fewest.** With 10 labels they lead
#   scratch in 7 draws of 8, though the spread between draws (which two 7s got a label?) is about
#   as large as the lead. With more labels every method climbs, the spreads shrink, and the lead stays a few
#   points.
# - **Which layer matters.** The old network's 32 features, the layer made to name 0-4, are the
#   worst start of all, below a network that never saw a digit before: they kept what tells 0-4
#   apart and little else. Features become more specific to their task the closer they are to the
#   answer (Yosinski et al., 2014, found the same in large image networks). Transfer reuses the
#   general layers and retrains the specific ones.
# - **An encoder trained without labels** (the autoencoder) does as well as the borrowed convolutions
#   with 10 labels and then falls behind: its 32 numbers were chosen to rebuild pixels, not to
#   separate digits, and a linear head on them can only do so much. It also had an advantage worth
#   naming: it had seen the new digits, unlabelled.
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

# %%
X8, y8 = lh.load_digits8x8(flatten=False)                      # (1797, 8, 8), pixels in [0, 1]
scaled = F.interpolate(torch.tensor(X8)[:, None], size=(20, 20), mode="bilinear", align_corners=False)
X_other = F.pad(scaled, (4, 4, 4, 4)).clamp(0, 1).reshape(len(X8), 784).numpy()   # 20 x 20 in a 28 x 28 frame
y_other = y8

first_other = np.array([np.flatnonzero(y_other == d)[0] for d in range(10)])
fig, ax = plt.subplots(figsize=(6.5, 1.6))
lh.show_images(np.concatenate([X_test[first], X_other[first_other]]), nrow=10, ax=ax,
               row_labels=["MNIST", "8 x 8, scaled"], title="the same ten digits from two data sets")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# The scaled-up digits are blurrier, with thicker, rounder strokes and no fine detail, and their
# writers had their own habits. To us they are obviously digits. We also make a second, artificial
# shift: the held-out MNIST digits rotated by 45°.
#
# **Think first.** The classifier gets 96% of held-out MNIST digits right. What will it get on the
# scaled-up 8 × 8 digits: about the same, 70%, or chance (10%)?
#
# <details><summary>Answer</summary>
#
# About 70%. Much better than chance (the shapes are still digits), much worse than on MNIST: its
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
# NBVAL_CHECK_OUTPUT
before = {name: (head_accuracy(Z, shifts[name][1]), frechet_distance(F_train, Z)) for name, Z in shift_features.items()}
print(f"{'':30}{'accuracy':>10}{'Fréchet distance to the training features':>44}")
for name, (accuracy, distance) in before.items():
    print(f"{name:30}{accuracy:10.0%}{distance:44.{1 if distance < 10 else 0}f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# The first row is the floor: two samples of MNIST differ by a Fréchet distance below 1, from
# sampling alone. The 8 × 8 digits sit about two hundred times further away and lose a quarter of
# the accuracy. The rotated digits are a warning about distances: they are *closer* to the training
# features than the 8 × 8 digits, yet the classifier gets fewer than half of them right. A distance
# between two clouds of features says how different they are overall, not whether each digit still
# lands with its own class.
#
# **Seeing the shift.** The 32 features, projected on the two directions in which the training
# features vary most (PCA, fitted on the training features only). Small dots: every digit, grey for
# MNIST, orange for the 8 × 8 digits. Big numbers: the mean position of each digit class, black for
# MNIST, red for the 8 × 8 digits, joined by a line.

# %% slideshow={"slide_type": "fragment"}
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

# %% [markdown] slideshow={"slide_type": "slide"}
# The orange cloud is smaller than the grey one and its class means are pulled in towards the
# middle: the blurry digits give weaker, less distinct features, so the classes crowd together
# where the head cannot tell them apart well. The order of the classes is partly kept (the 6s and
# 4s still sit left, the 3s and 7s right), only squeezed.
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
# NBVAL_CHECK_OUTPUT
after = {name: (head_accuracy(renormalise(Z), shifts[name][1]), frechet_distance(F_train, renormalise(Z)))
         for name, Z in shift_features.items()}
print(f"{'':30}{'accuracy':>18}{'Fréchet distance':>22}")
print(f"{'':30}{'before → after':>18}{'before → after':>22}")
for name in shifts:
    (acc_b, dist_b), (acc_a, dist_a) = before[name], after[name]
    print(f"{name:30}{acc_b:10.0%} → {acc_a:.0%}{dist_b:13.{1 if dist_b < 10 else 0}f} → "
          f"{dist_a:.{1 if dist_a < 10 else 0}f}")

# %%
fig, ax = plt.subplots(figsize=(5.5, 4.3))
shift_map(ax, renormalise(shift_features["8 x 8 digits, scaled up"]), "after re-normalising the 8 x 8 digits' features")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# Re-normalising wins back about half of what the 8 × 8 digits lost, without a label, and cuts their
# distance to the training features to a quarter: the classes spread out again towards their MNIST
# places (the red numbers above moved out to meet the black ones). On the rotated digits it barely helps: their
# statistics can be matched (the distance falls too), but the classes inside stay mixed up. A smaller
# distance between distributions is not the same as each digit sitting with its own class: exercise 3
# matches the full covariance (CORAL), which brings the distance down further, and asks what that
# does to the accuracy.
#
# Domain adaptation is an active field with stronger tools (training the network so that a second
# network *cannot tell* the two domains apart from the features, Ganin and Lempitsky, 2015; or
# labelling a few new digits). The first step is always the one above: **measure the shift** before
# trusting a model on new data.
#
# ## 4 · The course's latent spaces, side by side
# Ten notebooks, many latent spaces. The table below puts them together: how many numbers describe one
# item, whether they are continuous or discrete, what "close" means, what the objective kept, and one
# figure from the notebook that built it. The figures are read from `benchmarks/results.json`, which
# `make benchmark` writes from each notebook's own run (a row says so when its figure is not there yet:
# `make benchmark NB=...` adds it). This notebook's row uses the numbers computed above.

# %%
try:
    measured = json.loads((lh.REPO_ROOT / "benchmarks" / "results.json").read_text())["notebooks"]
except (OSError, ValueError, KeyError):
    measured = {}


def course_figure(notebook, keys, text):
    """Quality figures (one key or a tuple of keys) of a notebook, from benchmarks/results.json, written into `text`."""
    keys = (keys,) if isinstance(keys, str) else keys
    values = [measured.get(notebook, {}).get("quality", {}).get(key) for key in keys]
    if None in values:
        return f"not in results.json yet (`make benchmark NB={notebook}`)"
    return text.format(*values)


# %% slideshow={"slide_type": "fragment"}
course_spaces = [
    ("01", "PCA codes of digits", "20 of 784", "continuous", "similar pixels (Euclidean)",
     "the directions of largest variance",
     course_figure("01_compression", "pca_explained_variance_k20", "{:.0%} of the variance kept")),
    ("01", "zlib's compressed bytes", "a variable number of bytes", "discrete", "nothing: no geometry",
     "every pixel, exactly (lossless)", course_figure("01_compression", "zlib_ratio_mnist5k", "{:.1f}× smaller")),
    ("02", "toy autoencoder code", "3 of 25", "continuous", "similar images (Euclidean)",
     "the three hidden factors", course_figure("02_toy_latent_space", "toy_ae_pca_mse_ratio",
                                               "error {:.2f} × PCA's")),
    ("03", "furniture autoencoder, grey pictures", "2", "continuous", "same kind and shape",
     "shape, not colour (it never saw colour)",
     course_figure("03_chairs_and_desks", "ae03_shape_kind_knn_acc", "kind from 5 neighbours: {:.0%}")),
    ("03", "chair-vs-desk classifier features", "2", "continuous", "same kind", "the kind; colour thrown away",
     course_figure("03_chairs_and_desks", "clf03_feature_hue_r2", "colour R² {:.2f}")),
    ("04", "MLP autoencoder codes", "8 (or 2, 32)", "continuous", "similar look",
     "what rebuilds the pixels", course_figure("04_autoencoders", "ae_pca_mse_ratio_k8", "error {:.2f} × PCA's at 8")),
    ("05", "VAE codes", "20", "continuous, shaped like N(0, I)", "similar look; every point decodes",
     "reconstruction + a known distribution",
     course_figure("05_variational_autoencoders", "vae_neg_elbo_nats", "−ELBO {:.0f} nats")),
    ("05", "k-means cluster of a code", "1 label of 10", "discrete", "same cluster or not",
     "which group a digit falls in", "nothing between clusters to decode"),
    ("06", "GAN noise vectors", "64", "continuous, N(0, I): a thin shell", "similar generated picture",
     "whatever fools the discriminator (there is no encoder)",
     course_figure("06_gans", "gan_mean_top_prob", "a classifier's confidence in its samples: {:.2f}")),
    ("07", "word vectors", "50", "continuous", "used in similar contexts (cosine)", "which words keep company",
     course_figure("07_word_embeddings", "w2v_wordsim_scratch", "WordSim-353 Spearman {:.2f}")),
    ("08", "topic proportions of documents", "10 (of 2,640 word counts)", "continuous, on a simplex (sum to 1)",
     "similar mix of topics", "which words occur together in documents",
     course_figure("08_topic_models", "knn_agreement_lda_topics", "{:.0%} of neighbours from the same source")),
    ("09", "digit classifier features", "32", "continuous", "same digit",
     "the class; less of the style", f"{clf_acc:.0%} accuracy; {kept['classifier features (32)'][0]:.0%} "
                                          "same-digit neighbours"),
]
header = "| notebook | latent space | numbers per item | kind | \"close\" means | the objective kept | one figure |"
lines = [header, "|" + "---|" * 7] + ["| " + " | ".join(row) + " |" for row in course_spaces]
display(Markdown("\n".join(lines)))

# %% [markdown] slideshow={"slide_type": "slide"}
# Read down the "kept" column: every space keeps what its objective rewards and lets go of the rest.
# PCA keeps variance, an autoencoder what rebuilds pixels, a VAE that plus a shape it can be sampled
# from, a GAN whatever fools its judge, word vectors what predicts neighbouring words, a classifier
# what names the class. "Close" follows: there is no single right notion of similarity, only the one
# a space was trained to give. And only continuous spaces let you walk between points (interpolate,
# slide, add attribute vectors); a discrete code, a cluster label or compressed bytes, has nothing in
# between.
#
# ## 5 · What is hard, and where the field goes
# **Four difficulties, each met in this course.**
#
# - **Interpretability.** Latent dimensions rarely mean one thing each. Notebook 04's sliders each
#   changed several features of a digit at once; notebook 05 measured disentanglement on the chairs
#   and desks, whose true factors we know, and a beta-VAE raised it only a little. Here, the
#   classifier's 32 features name the digit but no single one of them is "the loop of a 6". Without
#   known factors it is hard even to say what a good explanation would be.
# - **Mode collapse.** A generator can win its game by making a few kinds of picture well and never
#   the rest; notebook 06 froze the discriminator and watched the generator's ten digits shrink to a
#   few, measured by counting which digits a classifier finds among its samples.
# - **Vanishing gradients.** When the loss barely changes with a weight, training stalls. Notebook 06
#   showed the classic case, the GAN's original "saturating" generator loss, whose slope vanishes
#   exactly when the generator is worst, and measured the fix (the non-saturating loss).
# - **Overfitting.** A model can learn its training data by heart; notebook 02 made a network do it
#   on purpose (the validation loss turned up while the training loss kept falling). Here, it is why
#   few labels are hard: a network trained from scratch on 10 digits fits them perfectly and
#   generalises poorly, and transfer helps because it leaves fewer things to fit.
#
# The course's own numbers for these, from `benchmarks/results.json`:

# %%
evidence = [
    ("overfitting (02)", course_figure("02_toy_latent_space", "toy_overfit_val_rise",
                                       "the validation loss rose {:.1f} × from its lowest point")),
    ("mode collapse (06)", course_figure("06_gans", ("collapse_classes_before", "collapse_classes_after"),
                                         "digits drawn: {:.0f} → {:.0f} against a frozen discriminator")),
    ("vanishing gradient (06)", course_figure("06_gans", ("grad_norm_nonsaturating", "grad_norm_saturating"),
                                              "generator's gradient: {:.2g} (non-saturating) vs {:.2g} (saturating)")),
    ("interpretability (05)", course_figure("05_variational_autoencoders", "disent_beta4",
                                            "beta-VAE's disentanglement score (MIG, 0 to 1): {:.2f}")),
    ("interpretability (05)", course_figure("05_variational_autoencoders", "disent_beta1",
                                            "the plain VAE's MIG: {:.2f}")),
    ("few labels (09)", f"10 labels: {acc['from scratch'][0].mean():.0%} from scratch, "
                        f"{acc['transfer: conv block'][0].mean():.0%} with transfer"),
    ("domain shift (09)", f"{before['8 x 8 digits, scaled up'][0]:.0%} on the 8 x 8 digits, "
                          f"{after['8 x 8 digits, scaled up'][0]:.0%} after re-normalising"),
]
for challenge, figure in evidence:
    print(f"{challenge:24}{figure}")

# %% [markdown] slideshow={"slide_type": "slide"}
# **Applications.** Latent spaces are working tools well beyond digits:
#
# - **vision**: image search by nearest neighbours in a network's features; editing a photo by
#   moving its code along an attribute direction (as notebook 05 did with thickness); latent
#   diffusion models, which generate images in an autoencoder's latent space rather than in pixels
#   (Rombach et al., 2022);
# - **language**: word vectors (notebook 07) and the embeddings of today's language models power
#   search, translation and retrieval of related passages; topic models (notebook 08) organise
#   document collections;
# - **molecules**: a VAE can encode molecules as points in a continuous space, search that space for
#   points with better predicted properties, and decode them back into new molecules
#   (Gómez-Bombarelli et al., 2018).
#
# **Open directions**, briefly and without promises:
#
# - *disentangled and causal representations*: latent factors that match real, independent causes,
#   and the evidence that this needs some supervision or assumptions (Locatello et al., 2019;
#   Schölkopf et al., 2021);
# - *reading the features of large networks*: finding human-meaningful directions inside them, for
#   example with sparse autoencoders trained on a network's activations (Bricken et al., 2023);
# - *robustness to distribution shift*: models that notice, measure and survive data unlike their
#   training data, judged on benchmarks built from real shifts (Koh et al., 2021);
# - *learning without labels*: self-supervised objectives that give features good for many tasks at
#   once, so that every new task needs few labels (Chen et al., 2020);
# - *evaluating generative models*: numbers that agree with what people see (Theis et al., 2016).
#
# ## Summary
# - A classifier's last layers are a latent space. In ours, "close" means "same digit" far more often
#   than in an autoencoder's codes of the same size, while the autoencoder keeps more of the style
#   (ink, slant) within each digit: **what a latent space keeps is set by its objective**.
# - Transfer: reusing the convolutions of a network trained on digits 0-4 learns digits 5-9 from 10,
#   50 or 100 labels better than training from scratch, by a few points, with spreads over label
#   draws about as large as the lead at 10 labels. Its last layer, specific to the old task, transfers
#   worse than starting from scratch.
# - Domain shift: on digits from another data set the classifier loses about a quarter of its
#   accuracy; the shift shows as a displaced cloud in latent space and as a Fréchet distance far above
#   its floor. Re-normalising the features, without labels, wins back about half of the loss; it
#   cannot repair a rotation, which changes the shapes rather than the statistics.
# - Side by side, the course's latent spaces differ in size, kind and meaning of "close", and each
#   keeps what its objective needs.
# - Interpretability, mode collapse, vanishing gradients and overfitting are real and were all met in
#   the course; latent spaces are at work in vision, language and chemistry, and much is still open.
#
# ## Exercises
# Each check works out the answer itself; nothing above prints it.
#
# **Exercise 1 (nearest centre).** In the classifier's feature space, give each digit class a
# *centre*: the mean of the features `F_train` of its training digits (`y_train`). Name each held-out
# digit (`F_test`) after the nearest centre (Euclidean distance) and give the share of held-out
# digits named right, a fraction between 0 and 1. Compare it with the classifier's own accuracy
# (`clf_acc`). Then, if you like, try the same rule on the autoencoder's codes (`A_train`, `A_test`).

# %%
answer = None  # the share of held-out digits whose nearest class centre is their own class

from latent_helpers.exercises import check_nearest_centre
check_nearest_centre(answer, F_train, y_train, F_test, y_test)

# %% tags=["solution"]
centres = np.stack([F_train[y_train == d].mean(0) for d in range(10)])          # (10, 32)
distances = ((F_test[:, None, :] - centres[None, :, :]) ** 2).sum(-1)          # (1000, 10)
answer = float((distances.argmin(1) == y_test).mean())
assert check_nearest_centre(answer, F_train, y_train, F_test, y_test)

# %% [markdown]
# **Exercise 2 (which layer transfers?).** Section 2 borrowed the old network's conv block (both
# convolutions) and its last layer. Try the first convolution alone: `net_0to4.conv[:3]` (the
# reshaping to a picture, the first convolution and its ReLU). Get its output for `pool_X` and
# `judge_X` with `extract` (which flattens it: 16 × 14 × 14 = 3,136 numbers per digit), run `probe`
# with each of the 8 draws of **50** labels (`draws[50]`), and give the mean accuracy. Predict first:
# above the conv block, between it and the last layer, or below both?

# %%
answer = None  # the mean held-out accuracy, over the 8 draws of 50 labels, on the first convolution's output

from latent_helpers.exercises import check_layer_probe
check_layer_probe(answer, net_0to4.conv[:3], pool_X, pool_y, judge_X, judge_y, draws, n=50)

# %% tags=["solution"]
Z_pool, Z_judge = extract(net_0to4.conv[:3], pool_X), extract(net_0to4.conv[:3], judge_X)
answer = float(np.mean([probe(Z_pool, Z_judge, labelled) for labelled in draws[50]]))
assert check_layer_probe(answer, net_0to4.conv[:3], pool_X, pool_y, judge_X, judge_y, draws, n=50)
print(f"first convolution: {answer:.2f}; conv block: {acc['transfer: conv block'][1].mean():.2f}; "
      f"last layer: {acc['transfer: last layer'][1].mean():.2f} (50 labels)")


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

# %% [markdown]
# **Exercise 4 (open).**
# - *Fine-tuning.* Section 2 froze the borrowed layers. Copy the old network
#   (`import copy; tuned = copy.deepcopy(net_0to4)`), give it a fresh head (`tuned.head = nn.Linear(32, 5)`),
#   and train *all* its weights with `lh.fit` on the 50 labelled digits of one draw, with a small
#   learning rate (0.0001) for 60 steps, as `from_scratch` does. Does it beat the frozen conv block,
#   and the network from scratch? Does the learning rate matter?
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
