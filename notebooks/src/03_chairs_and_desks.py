# %% [markdown] slideshow={"slide_type": "slide"}
# # 03 · Chairs and desks: what a latent space keeps, and what it throws away
#
# The articles this course grew from explain latent space with three pictures: two chairs of
# different colours and a desk. We would call the two chairs alike and the desk the odd one out,
# because we look at shape (a back-rest, no drawer, the height of the seat) and not at paint. A good
# latent space does the same: it keeps the features that matter and drops the rest, so the two
# chairs land close together and the desk further away. The articles then give the three pictures
# made-up codes, `[0.4, 0.5]` and `[0.45, 0.45]` for the chairs and `[0.6, 0.75]` for the desk,
# walk from the chairs to the desk and decode the points on the way into in-between furniture.
#
# Here that story becomes real: real pictures, a real model, our own numbers, and the articles'
# codes decoded by that model.
#
# **In this notebook you will learn**
# - how to make a data set whose hidden *factors* (kind, height, width, colour...) you know;
# - why distances between raw pixels care more about colour than about shape (measured);
# - how an *autoencoder* (encoder, bottleneck, decoder) squeezes each picture into 2 numbers, and how
#   what it keeps depends on what you ask it to reproduce;
# - that a chair-versus-desk classifier learns features that ignore colour: what is "irrelevant"
#   depends on the objective;
# - how to decode the articles' codes and walk chair → chair → desk through the latent space, and
#   where along such a walk a small step changes the picture most.
#
# **Time to run:** about 20-30 seconds on a 2-core laptop (three small networks train).
# **Prerequisites:** notebooks 00-02; a little PyTorch (`nn.Linear`, a training loop) helps.

# %% [raw] tags=["deck"]
# # 03 · Chairs and desks
# What a latent space keeps, and what it throws away
#
# - Furniture pictures made from known factors: kind, size, colour
# - Two autoencoders and a classifier, each with 2 numbers per picture
# - Walk from chair to chair to desk through a learned space

# %%
# %matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn

import latent_helpers as lh
from latent_helpers import FURNITURE_RANGES, Interpolator, LatentSliders, hue_to_rgb, render_furniture

device = lh.setup(seed=0)

# %% [raw] tags=["deck"]
# ## Furniture with known factors
# - Each picture: a chair or a desk, its size and shape, its hue
# - We know the numbers that made every picture

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · A furniture data set with known factors
# `lh.make_furniture` draws small side views of chairs and desks, 32 × 32 pixels in colour, from a
# handful of numbers we call **factors**: the kind (chair or desk), the height of the back-rest, the
# thickness of the seat, the length and thickness of the legs, whether bars (rungs) join the legs,
# whether a desk has a drawer, the width, the colour (hue), and a little shift and scale. The
# same seed always gives the same pictures. We make 3,000 pictures to train on and 1,000 others
# (another seed) to test on.

# %% deck="figure"
train = lh.make_furniture(3000, seed=0)
test = lh.make_furniture(1000, seed=1)
print(train)
print("one picture:", train.images.shape[1:], "=", train.images[0].size, "numbers")

fig, ax = plt.subplots(figsize=(9, 3.4))
lh.show_images(train.images[:36], nrow=12, ax=ax,
               title="36 pieces from the training set (kind, shape and colour all vary)")
plt.show()

# %% [markdown]
# Each picture comes with the numbers that made it. Below are the factors of the first six, and
# then what each factor does: one chair redrawn with a single factor swept across its range while
# all the others stay fixed. A latent space never sees these numbers; later we ask whether it found
# them anyway.

# %%
# NBVAL_CHECK_OUTPUT
print(f"{'piece':14}" + "".join(f"{i:>7}" for i in range(6)))
print(f"{'kind':14}" + "".join(f"{train.kind_names[k]:>7}" for k in train.kind[:6]))
for name in train.factor_names[1:]:
    print(f"{name:14}" + "".join(f"{v:7.2f}" for v in train.factors[name][:6]))

# %% slideshow={"slide_type": "fragment"}
first_chair = int(np.flatnonzero(train.kind == 0)[0])
chair = {**train.row(first_chair), "dx": 0.0, "dy": 0.0, "scale": 1.0, "hue": 0.58}   # centred, blue
sweeps = ["back_height", "seat_height", "leg_length", "leg_thickness", "width", "hue"]
rows = []
for name in sweeps:
    lo, hi = FURNITURE_RANGES[name]
    lo = max(lo, 0.2) if name == "back_height" else lo  # a chair keeps some back-rest
    rows += [render_furniture({**chair, name: v}) for v in np.linspace(lo, hi, 6)]
desk = {**chair, "kind": 1, "back_height": 0, "width": 0.7, "leg_length": 0.4}
last_row = [render_furniture({**chair, "rungs": r}) for r in (0, 1)] + [render_furniture({**desk, "drawer": d}) for d in (0, 1)]
rows += last_row + [np.ones((32, 32, 3))] * 2                                             # two blank places
fig, ax = plt.subplots(figsize=(4.2, 5.2))
lh.show_images(np.array(rows), nrow=6, ax=ax, row_labels=sweeps + ["rungs / kind+drawer"],
               title="one factor at a time")
plt.show()

# %% [raw] tags=["deck"]
# ## In pixel space, colour wins
# - Distances between pictures, counted pixel by pixel

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2 · In pixel space, colour wins
# The simplest way to compare two pictures is to compare their pixels: the Euclidean distance
# between the two lists of 3,072 numbers (32 × 32 pixels × 3 colours). Take a **red chair**, a
# **blue chair** of nearly the same shape, and a **red desk**. We pick them from the test set: the
# reddest chair, then the blue chair and the red desk whose *shapes* are closest to it.

# %% slideshow={"slide_type": "fragment"} deck="figure"
hue, kind = test.factors["hue"], test.kind
hue_from_red = np.minimum(hue, 1 - hue)         # how far round the colour wheel from red (hue 0 = hue 1)
red = hue_from_red < 0.05
blue = np.abs(hue - 2 / 3) < 0.05               # hue near 2/3: blue
X_test = test.images.reshape(len(test), -1)     # colour pixels, 3,072 numbers each
G_test = test.gray().reshape(len(test), -1)     # the same pieces in one grey: shape only, 1,024 numbers

red_chairs = np.flatnonzero(red & (kind == 0))              # indices of the red chairs
i_rc = int(red_chairs[np.argmin(hue_from_red[red_chairs])])  # the reddest of them

def nearest_in_shape(mask):
    """The piece among `mask` whose grey picture is closest to the red chair's."""
    idx = np.flatnonzero(mask)
    return int(idx[np.argmin(np.linalg.norm(G_test[idx] - G_test[i_rc], axis=1))])

i_bc, i_rd = nearest_in_shape(blue & (kind == 0)), nearest_in_shape(red & (kind == 1))
story = {"red chair": i_rc, "blue chair": i_bc, "red desk": i_rd}

fig, axes = plt.subplots(1, 3, figsize=(5, 1.9))
for ax, (name, i) in zip(axes, story.items()):
    ax.imshow(test.images[i], interpolation="nearest"); ax.set_title(name, fontsize=10); ax.axis("off")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: red chair, blue chair, red desk
# - In pixel space, is the red chair closer to the blue chair or to the red desk?
# - And with every piece drawn in the same grey?
#
# Answer: in colour, to the red desk: every covered pixel differs between red and blue. In grey, to the other chair.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** In pixel space, is the red chair closer to the blue chair or to the red desk?
# And once the colour is taken away (every piece drawn in the same grey)?
#
# <details><summary>Answer</summary>
#
# In colour, to the **red desk**. The two chairs have the same outline, but every pixel the chair
# covers is red in one picture and blue in the other, and each of those pixels adds to the distance.
# The red desk is red where it overlaps the red chair; only the parts where the shapes differ count.
# In grey only shape is left, and then the blue chair, the same shape, is the near one.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
dist = lambda A, i, j: float(np.linalg.norm(A[i] - A[j]))
print("distance from the red chair      in colour pixels   in shape only")
for name in ("blue chair", "red desk"):
    print(f"  to the {name:10}              {dist(X_test, i_rc, story[name]):6.1f}          "
          f"{dist(G_test, i_rc, story[name]):6.1f}")


# %% [markdown]
# In colour pixels the red chair is **nearer to the red desk** than to the blue chair. Take the
# colour away (right column) and the order flips: the blue chair is now the near one.
#
# Three pictures could be a lucky pick. Below, the same comparison over *every* red chair, blue chair
# and red desk of the test set: the mean distance over all pairs.

# %%
# NBVAL_CHECK_OUTPUT
def pairwise_distances(A, B, dtype=np.float64):
    """Euclidean distance between every row of A and every row of B: (len(A), len(B))."""
    A, B = np.asarray(A, dtype), np.asarray(B, dtype)
    sq = (A ** 2).sum(1)[:, None] + (B ** 2).sum(1)[None, :] - 2 * A @ B.T
    return np.sqrt(np.maximum(sq, 0))

def mean_dist(A, mask_a, mask_b):
    """Mean distance over all pairs (one piece from mask_a, one from mask_b)."""
    return float(pairwise_distances(A[mask_a], A[mask_b]).mean())

rc, bc, rd = red & (kind == 0), blue & (kind == 0), red & (kind == 1)
print(f"{rc.sum()} red chairs, {bc.sum()} blue chairs, {rd.sum()} red desks")
px_chair, px_desk = mean_dist(X_test, rc, bc), mean_dist(X_test, rc, rd)
sh_chair, sh_desk = mean_dist(G_test, rc, bc), mean_dist(G_test, rc, rd)
print(f"colour pixels: red chair <-> blue chair {px_chair:.1f}, red chair <-> red desk {px_desk:.1f}, "
      f"ratio {px_chair / px_desk:.2f}")
print(f"shape only:    red chair <-> blue chair {sh_chair:.1f}, red chair <-> red desk {sh_desk:.1f}, "
      f"ratio {sh_chair / sh_desk:.2f}")


# %% [raw] tags=["deck"]
# ## An autoencoder with 2 numbers
# - Encoder: picture → 2 numbers; decoder: 2 numbers → picture
# - Two of them: one rebuilds the colour pictures, one the grey shapes

# %% [markdown]
# On average too: a ratio above 1 means the differently coloured chair is *farther* than the desk
# ({{px_chair / px_desk:.2f}} in colour pixels, {{sh_chair / sh_desk:.2f}} in shape only). In colour
# pixels colour dominates; in shape only, chairs are near chairs. So raw pixels are a poor space for
# "similar furniture". We want a space that does the second thing by itself.
#
# ## 3 · An autoencoder with a 2-number bottleneck
# An **autoencoder** is a network trained to give back its input, through a narrow middle:
#
# - the **encoder** squeezes a picture (3,072 numbers) down to a **code** of just 2 numbers;
# - the **bottleneck** is that code: everything the network can use to rebuild the picture must pass
#   through these 2 numbers, so it has to keep what matters most and drop the rest;
# - the **decoder** turns a code back into a picture.
#
# It is trained to be the identity function (output = input), which sounds useless, but the
# bottleneck makes it impossible to copy: the 2-number codes become a compressed description, a
# latent space we can plot. We call the two numbers **z0** and **z1** (`Z[:, 0]` and `Z[:, 1]` in
# the code). Here is the model, written out in full (notebook 04 goes deeper); training works as in
# notebook 02.

# %%
class AutoEncoder(nn.Module):
    """picture (n_in numbers) -> encoder -> code (n_latent numbers) -> decoder -> picture."""

    def __init__(self, n_in: int, n_latent: int = 2):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_in, 256), nn.ReLU(),
                                     nn.Linear(256, 64), nn.ReLU(),
                                     nn.Linear(64, n_latent))          # the bottleneck: n_latent numbers
        self.decoder = nn.Sequential(nn.Linear(n_latent, 64), nn.ReLU(),
                                     nn.Linear(64, 256), nn.ReLU(),
                                     nn.Linear(256, n_in), nn.Sigmoid())  # pixels in [0, 1]

    def forward(self, x):
        return self.decoder(self.encoder(x))


def reconstruction_loss(model, batch):
    """Squared error between the picture and its rebuilt version, summed over pixels."""
    x = batch[0]
    return ((model(x) - x) ** 2).sum(dim=1).mean()


# %% [markdown]
# We train two of them, identical except for what they must rebuild:
#
# 1. the **colour** autoencoder sees and rebuilds the colour pictures (3,072 numbers);
# 2. the **shape** autoencoder sees and rebuilds the grey versions (1,024 numbers): colour is not in
#    its data, so it cannot matter to it.

# %% [raw] tags=["deck"]
# ## Rebuilt from two numbers
# - Blurry, but the kind and size mostly survive

# %% deck="figure"
# torch.from_numpy shares the numpy arrays' memory instead of copying them
Xc_train = torch.from_numpy(train.images.reshape(len(train), -1))
Xg_train = torch.from_numpy(train.gray().reshape(len(train), -1))
Xc_test, Xg_test = torch.from_numpy(X_test), torch.from_numpy(G_test)

torch.manual_seed(0)
ae_colour = AutoEncoder(Xc_train.shape[1])
hist_colour = lh.fit(ae_colour, reconstruction_loss, Xc_train, epochs=14, lr=2e-3, batch_size=64,
                     desc="colour autoencoder")
torch.manual_seed(0)
ae_shape = AutoEncoder(Xg_train.shape[1])
hist_shape = lh.fit(ae_shape, reconstruction_loss, Xg_train, epochs=14, lr=2e-3, batch_size=64,
                    desc="shape autoencoder")

with torch.no_grad():
    Z_colour = ae_colour.encoder(Xc_test).numpy()
    Z_shape = ae_shape.encoder(Xg_test).numpy()
    rec_colour = ae_colour(Xc_test[:12]).numpy().reshape(-1, 32, 32, 3)
    rec_shape = ae_shape(Xg_test[:12]).numpy().reshape(-1, 32, 32)

fig, axes = plt.subplots(4, 1, figsize=(7, 2.8))
for ax, imgs, name in zip(axes, (test.images[:12], rec_colour, G_test[:12].reshape(-1, 32, 32), rec_shape),
                          ("colour input", "rebuilt from 2 numbers", "grey input", "rebuilt from 2 numbers")):
    lh.show_images(imgs, nrow=12, ax=ax)
    ax.set_ylabel(name, rotation=0, ha="right", va="center", fontsize=9)
fig.suptitle("test pictures and their reconstructions through a 2-number bottleneck", fontsize=10)
plt.show()


# %% [raw] tags=["deck"]
# ## Think first: kind or colour?
# - The colour autoencoder has two numbers and is scored on every colour pixel
# - Will its numbers mostly say which kind, or which colour?
#
# Answer: which colour: a wrong colour is wrong on every covered pixel, a wrong kind only where the shapes differ.

# %% [markdown] slideshow={"slide_type": "slide"}
# Two numbers cannot hold every detail: the rebuilt pictures are blurry, a few legs or drawers go
# missing. But look at what *is* kept. The colour autoencoder keeps the **colour** of the pieces
# (paler), but now and then turns a chair into a desk or back; the shape autoencoder keeps the kind.
# Section 4 counts how often each one changes the kind.
#
# **Think first.** The colour autoencoder has two numbers per picture and is scored on every colour
# pixel. Will its two numbers mostly say *which kind* of furniture it is, or *which colour*?
#
# <details><summary>Answer</summary>
#
# Mostly which colour. A wrong colour is wrong on every pixel the piece covers; a wrong kind (a
# back-rest too many, a top a little too wide) only on the pixels where the two shapes differ.
# Rebuilding colour pixels well means getting colour right first, so colour takes the codes and the
# kind gets what is left. The maps below show it.
#
# </details>

# %% [raw] tags=["deck"]
# ## Two maps of the same pieces
# - The colour autoencoder's codes sort by hue; the shape autoencoder's by kind

# %% slideshow={"slide_type": "fragment"} deck="figure"
def nearest_neighbours_predict(Z, targets, k):
    """Predict the second half of the pieces from the k nearest codes among the first half (mean of their targets)."""
    half = len(Z) // 2
    nearest = np.argsort(pairwise_distances(Z[half:], Z[:half]), axis=1, kind="stable")[:, :k]
    return targets[:half][nearest].mean(axis=1), targets[half:]

def kind_accuracy(Z):
    """How often the majority kind of the 5 nearest codes is a piece's own kind."""
    guess, truth = nearest_neighbours_predict(Z, kind, 5)
    return float(((guess > 0.5) == truth).mean())

def hue_r2(Z):
    """R^2 of predicting the colour (a point on the colour wheel) from the 10 nearest codes: 1 perfect, 0 useless."""
    wheel = np.c_[np.cos(2 * np.pi * hue), np.sin(2 * np.pi * hue)]
    guess, truth = nearest_neighbours_predict(Z, wheel, 10)
    return float(np.mean(1 - ((truth - guess) ** 2).sum(0) / ((truth - truth.mean(0)) ** 2).sum(0)))

def kind_map(ax, Z, title, xlabel="z0", ylabel="z1"):
    """Codes as points, blue for chairs and orange for desks."""
    lh.scatter2d(Z, kind, ax=ax, s=5, title=title, xlabel=xlabel, ylabel=ylabel, legend=False)
    ax.legend(test.kind_names, markerscale=2.5, fontsize=8)

fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
kind_map(axes[0], Z_colour, "colour AE, coloured by kind")
axes[1].scatter(Z_colour[:, 0], Z_colour[:, 1], c=hue_to_rgb(hue), s=5)
axes[1].set(title="colour AE, each point in its own colour", xlabel="z0", ylabel="z1")
kind_map(axes[2], Z_shape, "shape AE, coloured by kind")
fig.tight_layout()
plt.show()

# %%
scores = {}
for name, Z, model, Xt in (("colour AE", Z_colour, ae_colour, Xc_test), ("shape AE", Z_shape, ae_shape, Xg_test)):
    with torch.no_grad():
        mse = float(((model(Xt) - Xt) ** 2).mean())
    scores[name] = (kind_accuracy(Z), hue_r2(Z), mse)
    print(f"{name}: kind from 5 nearest codes {scores[name][0]:.0%}, "
          f"colour explained by the codes (R^2) {max(scores[name][1], 0):.2f}")

# %%
# NBVAL_CHECK_OUTPUT
colour_acc, colour_r2, _ = scores["colour AE"]
shape_acc, shape_r2, _ = scores["shape AE"]
print("the colour AE's codes hold the colour (R^2 above 0.9):", colour_r2 > 0.9)
print("the shape AE's codes hold no colour (R^2 below 0.1):", shape_r2 < 0.1)
print("the shape AE's codes tell the kind better than the colour AE's:", shape_acc > colour_acc)


# %% [raw] tags=["deck"]
# ## A classifier's feature space
# - Trained to tell chairs from desks, with 2 features before its answer

# %% [markdown]
# The first cell prints this run's figures, the second the conclusions drawn from them. (The
# networks train here, so on another processor they take a slightly different path: the figures
# can move by a few points, the conclusions do not.)
#
# The **colour autoencoder** spends its two numbers on colour: its map is a colour wheel (middle),
# and the codes predict a piece's colour almost perfectly (R² = {{colour_r2:.2f}}; R² is the share of
# the colour's variation the codes explain). Chairs and desks still sit in separate bands, but the
# bands are thin and wind around the wheel, and a piece's nearest codes now and then belong to the
# other kind: the 5 nearest codes name the kind right for {{colour_acc:.0%}} of the pieces. That is
# the pixel lesson again: to rebuild colour pixels, colour is the most important thing to get right.
#
# The **shape autoencoder** never saw colour, and its map (right) is two clean clusters, chairs and
# desks, with the nearest codes telling the kind almost always ({{shape_acc:.0%}}). The colour of a
# piece explains nothing of where it lands.
#
# So is colour "irrelevant"? For rebuilding the colour pictures it is the *most* relevant thing. The
# articles' claim, "colour is ignored in the latent space", holds for a model whose *objective* does
# not need colour. The next section shows a model that sees colour and still ignores it.
#
# ## 4 · A classifier's feature space ignores colour
# Train a network to answer one question, **chair or desk?**, from the *colour* pictures. Give it a
# 2-number layer just before its answer, so we can plot its features (we call them f0 and f1) as
# another 2-D latent space.

# %%
class KindClassifier(nn.Module):
    """colour picture -> 2 features -> chair/desk scores."""

    def __init__(self, n_in: int):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(n_in, 128), nn.ReLU(), nn.Linear(128, 2))
        self.head = nn.Linear(2, 2)

    def forward(self, x):
        return self.head(self.features(x))


def classification_loss(model, batch):
    x, y = batch
    return nn.functional.cross_entropy(model(x), y)

torch.manual_seed(0)
clf = KindClassifier(Xc_train.shape[1])
y_train = torch.from_numpy(train.kind)
hist_clf = lh.fit(clf, classification_loss, (Xc_train, y_train), epochs=6, lr=2e-3, batch_size=64,
                  desc="chair-vs-desk classifier")
del Xc_train, Xg_train, y_train, train   # the training pictures are not needed any more: free their memory
with torch.no_grad():
    F_test = clf.features(Xc_test).numpy()
    clf_acc = float((clf(Xc_test).argmax(1).numpy() == kind).mean())

# %% [raw] tags=["deck"]
# ## Think first: will the classifier remember colour?
# - Same colour pictures as the colour autoencoder
# - Will its two features remember the colour?
#
# Answer: no: a red and a blue chair have the same answer, so nothing rewards keeping colour.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** The classifier sees exactly the same colour pictures as the colour autoencoder.
# Will its two features remember the colour?
#
# <details><summary>Answer</summary>
#
# No. Nothing in its objective rewards colour: a red chair and a blue chair have the same answer.
# Whatever colour information the first layer picks up is no help to the answer, so training has
# no reason to keep it in the two features.
#
# </details>

# %% [raw] tags=["deck"]
# ## Its features keep the kind, drop the colour
# - Coloured by kind, then by hue

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.3))
kind_map(axes[0], F_test, "classifier features, by kind", "f0", "f1")
axes[1].scatter(F_test[:, 0], F_test[:, 1], c=hue_to_rgb(hue), s=5)
axes[1].set(title="the same points in their own colour", xlabel="f0", ylabel="f1")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
clf_hue = hue_r2(F_test)
print("the classifier tells chairs from desks in more than 98% of the test pieces:", clf_acc > 0.98)
print("its 2 features explain almost none of the colour (R^2 below 0.05):", clf_hue < 0.05)


# %% [raw] tags=["deck"]
# ## Think first: grey pieces
# - The classifier only ever saw coloured pieces
# - Will it still tell chairs from desks in grey?
#
# Answer: yes ({{clf_acc_grey:.1%}} right): colour played no part in its answer. Measuring is the only way to know.

# %% [markdown]
# The classifier gets {{clf_acc:.1%}} of the test pieces right, and its feature space has no trace
# of colour: red and blue pieces lie mixed in both clusters, and the features predict colour no
# better than chance (R² = {{max(clf_hue, 0):.2f}}). To tell chairs from desks,
# colour does not help, so training squeezed it out. **What a latent space keeps is set by the
# objective**: rebuild the pixels, and colour matters; name the kind, and it does not.
#
# Later we will ask this classifier about *grey* pictures: the ones the shape autoencoder draws.
# That is only fair if it can read grey pieces at all.
#
# **Think first.** The classifier only ever saw coloured pieces. Give it the grey test pieces (the
# grey copied into all three colour channels). Will it still tell chairs from desks?
#
# <details><summary>Answer</summary>
#
# Yes: colour played no part in its answer, so a piece without colour is just another piece. (This
# could have gone wrong: grey is darker than most of the colours it saw, and a network can be
# thrown by inputs unlike its training data. Measuring is the only way to know.)
#
# </details>

# %%
# NBVAL_CHECK_OUTPUT
def desk_probability(grey):
    """The classifier's probability of "desk" for grey pictures (n, 32, 32), each put into 3 equal colour channels."""
    as_colour = np.repeat(np.asarray(grey, dtype=np.float32)[..., None], 3, axis=-1).reshape(len(grey), -1)
    with torch.no_grad():
        return torch.softmax(clf(torch.from_numpy(as_colour)), dim=1)[:, 1].numpy()

clf_acc_grey = float(((desk_probability(G_test.reshape(-1, 32, 32)) > 0.5) == kind).mean())
print("on the grey test pieces it is as accurate as on coloured ones (within 1%):", clf_acc_grey >= clf_acc - 0.01)

# %% [markdown] slideshow={"slide_type": "slide"}
# It reads grey pieces as well as coloured ones ({{clf_acc_grey:.1%}} right), so from here on we can use
# it as a judge of what the shape autoencoder draws: "does this decoded picture look like a chair or a
# desk?"
#
# Its first job: count what section 3's pictures suggested. Each autoencoder rebuilds every test
# piece, and the judge says whether the rebuilt picture is still of the piece's kind.

# %%
with torch.no_grad():
    colour_rebuilt_kind = clf(ae_colour(Xc_test)).argmax(dim=1).numpy()      # 0 chair, 1 desk
    shape_rebuilt = ae_shape(Xg_test).numpy().reshape(-1, 32, 32)
shape_rebuilt_kind = (desk_probability(shape_rebuilt) > 0.5).astype(int)
colour_kind_changed = float((colour_rebuilt_kind != kind).mean())
shape_kind_changed = float((shape_rebuilt_kind != kind).mean())
print(f"rebuilt as the other kind: colour autoencoder {colour_kind_changed:.1%} of the test pieces, "
      f"shape autoencoder {shape_kind_changed:.1%}")

# %% [raw] tags=["deck"]
# ## The articles' story with our numbers
# - Red chair, blue chair, red desk: their codes in the shape space, scaled to [0, 1]
# - The desk is {{our_ratio:.1f}} times as far from the red chair as the blue chair is

# %% [markdown]
# The colour autoencoder rebuilds {{colour_kind_changed:.0%}} of the pieces as the other kind; the
# shape autoencoder almost never does ({{shape_kind_changed:.1%}}). Two numbers spent on colour leave
# little room for the kind.
#
# ## 5 · The articles' story with our numbers
# The articles say: suppose the two chairs are compressed to `[0.4, 0.5]` and `[0.45, 0.45]` and the
# desk to `[0.6, 0.75]`. Let us first read the codes of *our* two chairs and desk from the shape
# autoencoder. Its raw codes have no fixed scale, so we rescale each coordinate to [0, 1] over the
# test set (0 = the smallest value seen, 1 = the largest), which makes them comparable with the
# articles' numbers.

# %% slideshow={"slide_type": "fragment"}
z_lo, z_hi = Z_shape.min(axis=0), Z_shape.max(axis=0)
to_unit = lambda Z: (Z - z_lo) / (z_hi - z_lo)        # raw code -> [0, 1] per coordinate
from_unit = lambda U: U * (z_hi - z_lo) + z_lo        # and back
U_test = to_unit(Z_shape)
seed_codes = {"red chair": [0.4, 0.5], "blue chair": [0.45, 0.45], "red desk": [0.6, 0.75]}
ours = {name: U_test[i] for name, i in story.items()}
print("               the articles     ours (rescaled to [0, 1])")
for name in story:
    print(f"{name:12}   {str(seed_codes[name]):14}   [{ours[name][0]:.2f}, {ours[name][1]:.2f}]")
d = lambda a, b: float(np.linalg.norm(np.subtract(a, b)))
seed_ratio = d(seed_codes["red chair"], seed_codes["red desk"]) / d(seed_codes["red chair"], seed_codes["blue chair"])
our_ratio = d(ours["red chair"], ours["red desk"]) / d(ours["red chair"], ours["blue chair"])
print(f"chair-to-desk distance / chair-to-chair distance: articles {seed_ratio:.1f}, ours {our_ratio:.1f}")

# %%
# NBVAL_CHECK_OUTPUT
print("our red desk is more than twice as far from the red chair as the blue chair is:", our_ratio > 2)

# %% [raw] tags=["deck"]
# ## Think first: the articles' codes on our map
# - The articles invented `[0.4, 0.5]` and `[0.45, 0.45]` for chairs, `[0.6, 0.75]` for a desk
# - Will they decode to chairs and a desk on our map?
#
# Answer: nothing guarantees it; on this map chairs fill the left, desks the right, and the codes happen to land well.

# %% [markdown] slideshow={"slide_type": "slide"}
# Our numbers differ from the articles' (theirs were made up for the explanation), but the picture
# is the same: the two chairs, one red and one blue, get nearly the same code, and the red desk is
# several times farther off ({{our_ratio:.1f}} times in this run; another run's figure may differ
# a little), much as in the articles' made-up numbers ({{seed_ratio:.1f}}). Colour, the thing that made
# the red desk look near in pixel space, is gone.
#
# ### The articles' codes, decoded
# Now take the articles literally. Their codes live in a unit square; ours do too once rescaled, so
# `from_unit` turns `[0.4, 0.5]` into a point of our map, and the shape autoencoder's decoder turns
# that point into a picture. (`lh.as_decoder` wraps any decoder so it takes numpy codes and gives
# pictures in [0, 1]; we could as well call `ae_shape.decoder` on a tensor.)
#
# **Think first.** The articles invented their three codes without any model. Put on our map, will
# `[0.4, 0.5]` and `[0.45, 0.45]` decode to chairs and `[0.6, 0.75]` to a desk?
#
# <details><summary>Answer</summary>
#
# Nothing guarantees it: it depends on where our model happened to put its chairs and desks. Look
# at the map below: chairs fill the left part of our square and desks the right, so the two
# "chair" codes land at the right edge of the chair cluster (their nearest test pieces are chairs)
# and the "desk" code inside the desk cluster. The decoder draws two chairs and a desk, and the classifier agrees. Another model, or
# another training run, could put the clusters elsewhere and the same numbers would decode to
# something else: a code means something only for the decoder it belongs to.
#
# </details>

# %% slideshow={"slide_type": "fragment"} deck="figure"
decode = lh.as_decoder(ae_shape.decoder)          # codes (n, 2) -> grey pictures (n, 32, 32) in [0, 1]
article_codes = np.array([[0.4, 0.5], [0.45, 0.45], [0.6, 0.75]])   # in the unit square
article_names = ["chair [0.4, 0.5]", "chair [0.45, 0.45]", "desk [0.6, 0.75]"]
article_pictures = decode(from_unit(article_codes))
article_walk = lh.interpolate_path(article_codes, 12)                # 12 evenly spaced codes through all three

fig, axes = plt.subplot_mosaic([["map", "pictures"], ["map", "walk"]], figsize=(9.5, 3.6),
                               gridspec_kw={"width_ratios": [1, 1.7], "height_ratios": [1.4, 1]})
kind_map(axes["map"], U_test, "shape AE map, rescaled to [0, 1]", "z0 (rescaled)", "z1 (rescaled)")
axes["map"].plot(*article_walk.T, "k-", lw=1)
axes["map"].scatter(*article_codes.T, c="k", marker="x", s=40, zorder=3)
for (u0, u1), name in zip(article_codes, article_names):
    axes["map"].annotate(name.split()[0], (u0, u1), xytext=(4, 4), textcoords="offset points", fontsize=8)
lh.show_images(article_pictures, nrow=3, ax=axes["pictures"], title="the articles' three codes, decoded")
lh.show_images(decode(from_unit(article_walk)), nrow=12, ax=axes["walk"],
               title="the walk through them (chair -> chair -> desk)")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
for name, p in zip(article_names, desk_probability(article_pictures)):
    print(f"{name:20} decoded; the classifier calls it a {'desk' if p > 0.5 else 'chair'}")

# %% [raw] tags=["deck"]
# ## Walking between two chairs
# - Chair A and chair B: different heights and widths

# %% [markdown]
# The articles' story works on our model: the two chair codes decode to chairs, nearly the same
# (their codes are close), and the desk code to a desk. On the way from the second chair to the
# desk the back-rest fades and the top widens.
#
# ### Walking between two chairs that look different
# The articles' two chairs are neighbours, so the walk between them barely changes anything. The
# articles also show a walk between two *different* chairs. Take from the test set a tall, narrow
# chair with rungs and a low, wide chair without, then a desk with a drawer, and walk from one to
# the next.

# %%
f, chairs, desks = test.factors, np.flatnonzero(kind == 0), np.flatnonzero(kind == 1)
tall_and_narrow = f["back_height"] - f["width"]           # large for a tall back-rest on a narrow seat
with_rungs = chairs[f["rungs"][chairs] == 1]
without_rungs = chairs[f["rungs"][chairs] == 0]
i_a = int(with_rungs[np.argmax(tall_and_narrow[with_rungs])])        # chair A: tall, narrow, rungs
i_b = int(without_rungs[np.argmin(tall_and_narrow[without_rungs])])  # chair B: low, wide, no rungs
drawer_desks = desks[(f["drawer"][desks] == 1) & (f["rungs"][desks] == 1)]
i_d = int(drawer_desks[np.argmax(f["width"][drawer_desks])])          # the widest desk with a drawer and rungs
walk_codes = Z_shape[[i_a, i_b, i_d]]                     # the waypoints: raw codes of A, B and the desk

fig, axes = plt.subplots(2, 1, figsize=(9, 2.6), gridspec_kw={"height_ratios": [1.3, 1]})
lh.show_images(test.images[[i_a, i_b, i_d]], nrow=3, ax=axes[0], title="chair A, chair B, desk (test pictures)")
lh.show_images(decode(lh.interpolate_path(walk_codes, 12)), nrow=12, ax=axes[1],
               title="decoded walk A -> B -> desk (12 evenly spaced codes)")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: halfway between two chairs
# - Decode the midpoint of chair A's and chair B's codes
# - A ghostly overlay of the two, or one chair?
#
# Answer: one chair, in between. Blending pixels overlays; blending codes gives a point near in-between chairs.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Halfway between the codes of chair A and chair B, what will the decoder draw: a
# ghostly overlay of the two chairs, or one chair?
#
# <details><summary>Answer</summary>
#
# One chair, in between: a back-rest of middle height on a seat of middle width, the rungs
# fainter. Blending the *pixels* of A and B would give an overlay, two back-rests at once
# (notebook 00's slider); blending their *codes* gives the decoder a point near the codes of
# in-between chairs it was trained on, and it draws one of those. Move the slider below to see it.
#
# </details>
#
# The in-between pictures are furniture-like, not the overlays that blending pixels gives. They are
# "new" only in a limited sense: the decoder learned them all from the training pictures.
#
# Move the slider `t` yourself. The left picture is the decoded code; on the right is the latent
# map with every test piece (blue chairs, orange desks), the path, and the current point in red. The
# `method` menu switches to *slerp*, a curved path (you will write it in an exercise below; it
# matters in notebook 06).

# %% slideshow={"slide_type": "fragment"} deck="figure"
walk = Interpolator(ae_shape.decoder, walk_codes, map_points=Z_shape, map_labels=kind,
                    label_names=test.kind_names, title="Walk from chair A's code to chair B's, then to the desk's")
walk

# %% [raw] tags=["deck"]
# ## Think first: are equal steps equal?
# - 200 equal steps through the code, chair to desk
# - Will each change the picture by the same amount? If not, where most?
#
# Answer: no: the change peaks where the decoder takes the back-rest away, where the classifier's verdict flips.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6 · Small moves, big changes
# A distance in the latent space is not a distance between pictures. The decoder is free to change
# the picture slowly in one part of the map and fast in another. To see where, walk in a straight
# line from the **average chair code** to the **average desk code** in 200 equal steps, decode
# every point, and measure how much the picture changes at each step (the pixel distance between
# one decoded picture and the next).
#
# **Think first.** The 200 steps are all the same length in the code. Will each change the picture
# by the same amount? If not, where will one step change it most?
#
# <details><summary>Answer</summary>
#
# No. Inside the chair cluster a step moves from one chair to a very similar chair, and the same
# inside the desk cluster. Somewhere between them the decoder has to take the back-rest away and
# widen the top: it does that over a short stretch of the walk, so the steps there change the
# picture most, and that is where a chair judge would change its mind.
#
# </details>

# %% [raw] tags=["deck"]
# ## Equal steps in the code, unequal in the picture
# - A straight walk, average chair code to average desk code
# - The largest step: {{path_ratio:.1f}} times a typical one, where the verdict flips

# %% slideshow={"slide_type": "fragment"}
n_steps = 200
line_ts = np.linspace(0, 1, n_steps + 1)                  # t of each of the 201 points
chair_centre, desk_centre = Z_shape[kind == 0].mean(axis=0), Z_shape[kind == 1].mean(axis=0)
line_codes = lh.lerp(chair_centre, desk_centre, line_ts)  # (201, 2): equal steps in the code
line_pictures = decode(line_codes)                        # (201, 32, 32)
step_change = np.linalg.norm(np.diff(line_pictures, axis=0).reshape(n_steps, -1), axis=1)  # one per step
step_ts = (line_ts[1:] + line_ts[:-1]) / 2                # the t in the middle of each step
line_p_desk = desk_probability(line_pictures)

fig, axes = plt.subplots(1, 2, figsize=(10, 3.4), gridspec_kw={"width_ratios": [1, 1.6]})
kind_map(axes[0], U_test, "the straight walk on the map", "z0 (rescaled)", "z1 (rescaled)")
axes[0].plot(*to_unit(line_codes).T, "k-", lw=2)
for t_end, code in ((0, chair_centre), (1, desk_centre)):
    axes[0].annotate(f"t = {t_end}", to_unit(code), xytext=(-12, 8), textcoords="offset points", fontsize=8,
                     bbox={"boxstyle": "round", "fc": "white", "alpha": 0.8})
axes[1].plot(step_ts, step_change, color="k", label="picture change per step")
axes[1].set(xlabel="t along the walk (0 = average chair code, 1 = average desk code)",
            ylabel="pixel distance to the next picture", title="how much one equal step changes the picture")
judge = axes[1].twinx()
judge.plot(line_ts, line_p_desk, color="C1", ls="--", label="classifier: p(desk)")
judge.set_ylabel("classifier's p(desk)", color="C1")
judge.set_ylim(-0.02, 1.02)
lines = axes[1].get_lines() + judge.get_lines()
axes[1].legend(lines, [l.get_label() for l in lines], fontsize=8, loc="upper left")
fig.tight_layout()
plt.show()

i_peak = int(np.argmax(step_change))
around_peak = np.arange(i_peak - 10, i_peak + 12, 2).clip(0, n_steps)   # 11 pictures, every second step
fig, ax = plt.subplots(figsize=(8, 1.3))
lh.show_images(line_pictures[around_peak], nrow=11, ax=ax,
               title=f"every second picture from t = {line_ts[around_peak[0]]:.2f} to {line_ts[around_peak[-1]]:.2f}: "
                     "the 20 steps around the largest change")
plt.show()

# %%
path_ratio = float(step_change.max() / np.median(step_change))
t_flip = line_ts[np.argmax(line_p_desk >= 0.5)]          # the first t where the classifier says "desk"
print(f"the largest change for one step: {path_ratio:.1f} times the median step's, at t = {step_ts[i_peak]:.2f}")
print(f"the classifier's verdict flips from chair to desk at t = {t_flip:.2f}")

# %%
# NBVAL_CHECK_OUTPUT
print("the largest step changes the picture more than 1.5 times as much as the median step:", path_ratio > 1.5)
print("it lies within 0.05 of where the classifier's verdict flips:", abs(step_ts[i_peak] - t_flip) < 0.05)

# %% [markdown]
# The steps are equal in the code but not in the picture. Inside each cluster a step changes the
# picture a little: one chair becomes a very similar chair. Where the walk leaves the
# chairs for the desks, the back-rest vanishes within a few steps and a single step changes the
# picture about {{path_ratio:.1f}} times as much as a typical one; that is also where the classifier's
# verdict flips from chair to desk (the dashed curve, at t = {{t_flip:.2f}}). So the same small move in the latent space makes a small
# change in one place and a big one in another: near a border between clusters, move slowly.
#
# The sliders below set the two coordinates of a code directly, z0 and z1 (in the raw units of the
# shape autoencoder). They start at the code where the walk changed fastest: nudge z0 either way
# and the back-rest comes and goes.

# %%
ranges = np.stack([Z_shape.min(axis=0), Z_shape.max(axis=0)], axis=1)
sliders = LatentSliders(ae_shape.decoder, line_codes[i_peak], ranges=ranges,
                        title="One slider per latent coordinate (shape autoencoder)")
sliders


# %% [raw] tags=["deck"]
# ## Summary
# - In pixel space colour wins; what a latent space keeps depends on its objective
# - Decoding codes between two chairs gives in-between furniture, not overlays
# - Equal steps in the code are not equal in the picture

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
# - A data set with **known factors** lets us ask what a latent space kept. Our chairs and desks vary
#   in kind, shape, size and colour.
# - In **pixel space** colour dominates: a red chair is nearer to a red desk than to a blue chair.
#   Drop the colour and chairs are near chairs again.
# - An **autoencoder** is an encoder, a bottleneck and a decoder, trained to give back its input.
#   With a 2-number bottleneck its codes are a 2-D latent space we can draw.
# - What the latent space keeps depends on the **objective**: rebuilding colour pictures keeps
#   colour; rebuilding shapes, or telling chairs from desks, throws it away.
# - The articles' codes `[0.4, 0.5]`, `[0.45, 0.45]` and `[0.6, 0.75]`, placed on our map, decode to
#   two chairs and a desk; walking between codes and **decoding** gives in-between furniture, not
#   overlays.
# - Equal steps in the code are not equal in the picture: the change per step is largest where a
#   walk crosses from the chairs to the desks.
#
# ## Exercises
# **Exercise 1 · Nearest by cosine, about the centre.** Notebook 02 showed that the cosine
# distance, `1 - a.b / (|a| |b|)`, compares arrows drawn from the origin, so in an autoencoder's
# code space it means something only once the codes are **centred** (the mean code subtracted from
# every code). Write `cosine_nearest(Z)`: for each row of a code array `Z` of shape (n, k), the
# index of the *other* row with the smallest cosine distance to it, measured on the centred codes.
# Return n whole numbers. One way: centre, divide each row by its length, and one matrix product
# gives every cosine at once; then make sure no row finds itself. The check tries your function on
# small code sets of its own.

# %% [raw] tags=["deck"]
# ## Exercise 1 · nearest by cosine, about the centre
# - `cosine_nearest(Z)`: centre the codes, then each code's nearest other code by cosine

# %%
def cosine_nearest(Z):
    """For each row of Z (n, k): the index of the other row nearest by cosine distance, about the mean code."""
    return None  # your code here

from latent_helpers.exercises import check_cosine_nearest
check_cosine_nearest(cosine_nearest)


# %% tags=["solution"]
def cosine_nearest(Z):
    """For each row of Z (n, k): the index of the other row nearest by cosine distance, about the mean code."""
    centred = Z - Z.mean(axis=0)
    unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
    cosines = unit @ unit.T                  # (n, n): the cosine of every pair
    np.fill_diagonal(cosines, -np.inf)       # a row is not its own neighbour
    return cosines.argmax(axis=1)            # the largest cosine is the smallest cosine distance

assert check_cosine_nearest(cosine_nearest)

# %% [raw] tags=["deck"]
# ## Exercise 2 · same kind by another ruler
# - Use `cosine_nearest` on the colour autoencoder's codes
# - For what share of the test pieces is the nearest piece of the same kind?

# %% [markdown]
# **Exercise 2 · Same kind by another ruler.** In section 3 the 5 nearest codes of the *colour*
# autoencoder, by Euclidean distance, named a piece's kind right most of the time. Now use your
# `cosine_nearest` on its codes `Z_colour`: for what share of the test pieces is the nearest piece
# by cosine distance of the same kind (`kind` holds 0 for a chair, 1 for a desk)? Answer a fraction
# between 0 and 1. Guess first, looking at the middle map of section 3: higher or lower than with
# the Euclidean distance?

# %%
answer = None  # the share of test pieces whose cosine-nearest piece is of their own kind

from latent_helpers.exercises import check_cosine_kind_share
check_cosine_kind_share(answer, Z_colour, kind)

# %% tags=["solution"]
nearest = cosine_nearest(Z_colour)
answer = float(np.mean(kind[nearest] == kind))
assert check_cosine_kind_share(answer, Z_colour, kind)


# %% [raw] tags=["deck"]
# ## Exercise 3 · write slerp
# - `slerp(a, b, t)`: walk along a circle arc between two codes, not the straight line

# %% [markdown]
# **Exercise 3 · Write slerp.** The Interpolator's `method` menu has a second way to walk between
# two codes: **slerp** (spherical interpolation) moves along a circle arc instead of the straight
# line. With `omega`, the angle between `a` and `b` (its cosine is `a.b / (|a| |b|)`):
#
# `slerp(a, b, t) = (sin((1 - t) * omega) * a + sin(t * omega) * b) / sin(omega)`
#
# It gives `a` at `t = 0` and `b` at `t = 1`, and for two codes of the same length every point on
# the way has that length too (the straight line's midpoint is shorter). When `a` and `b` point the
# same way, `omega` is 0 and so is `sin(omega)`: return the straight-line point `(1 - t) * a + t * b`
# when `np.sin(omega) < 1e-6`. Use `np.arccos` for the angle and clip the cosine to [-1, 1] first
# (`np.clip`): rounding can make it 1.0000000000000002. The check calls your function on a few
# pairs of its own, at several `t`.

# %%
def slerp(a, b, t):
    """The point a fraction t (0..1) of the way from code a to code b along the circle arc."""
    return None  # your code here

from latent_helpers.exercises import check_slerp
check_slerp(slerp)


# %% tags=["solution"]
def slerp(a, b, t):
    """The point a fraction t (0..1) of the way from code a to code b along the circle arc."""
    cos = np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0)
    omega = np.arccos(cos)
    if np.sin(omega) < 1e-6:                      # (nearly) the same direction: the straight line
        return (1 - t) * a + t * b
    return (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / np.sin(omega)

assert check_slerp(slerp)

# %% [raw] tags=["deck"]
# ## Exercise 4 · where does the chair become a desk?
# - 51 decoded codes along the walk, each with the classifier's `p_desk`
# - The first `t` where `p_desk` reaches 0.5

# %% [markdown]
# **Exercise 4 · Where does the chair become a desk?** Below, 51 codes along the walk chair A →
# chair B → desk of section 5 are decoded, and the chair-vs-desk classifier of section 4 gives each
# decoded picture a probability of being a desk (`p_desk`). Find the first `t` where `p_desk`
# reaches 0.5.

# %%
ts = np.linspace(0, 1, 51)
codes = np.stack([lh.path_point(walk_codes, t) for t in ts])   # code i sits at t = ts[i]
p_desk = desk_probability(decode(codes))

answer = None  # your code here: the first t (a value from ts) where p_desk >= 0.5

from latent_helpers.exercises import check_desk_crossing
check_desk_crossing(answer, ts, p_desk)

# %% tags=["solution"]
first_desk = int(np.argmax(p_desk >= 0.5))   # np.argmax on booleans: the index of the first True
answer = ts[first_desk]
print(f"the classifier first sees a desk at t = {answer:.2f}")
assert check_desk_crossing(answer, ts, p_desk)

# %% [raw] tags=["deck"]
# ## Exercise 5 · make colour matter
# - Train the classifier to tell warm colours from cool ones instead
# - Which factor do its features keep now?

# %% [markdown]
# **Exercise 5 (open) · Make colour matter.** Change `KindClassifier`'s objective: train it to tell
# warm colours (hue below 0.5) from cool ones instead of chairs from desks, and plot its features.
# Which factor do they keep now, and which do they throw away? (You will need the training pictures
# again: `train = lh.make_furniture(3000, seed=0)`.)
#
# ## Further reading
# - The two articles behind this notebook: *Understanding Latent Space in Machine Learning*
#   (Ekin Tiu, Towards Data Science, 2020) and its Hackernoon source, *Latent space visualization*.
# - Notebook 04 builds autoencoders properly (convolutions, comparison with PCA); notebook 05 asks
#   which latent dimension follows which furniture factor (disentanglement); notebook 06 compares
#   lerp and slerp where it matters, between the noise vectors of a GAN.
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, chapter 14 (autoencoders), free at
#   deeplearningbook.org.

# %% [raw] tags=["benchmark"]
# furniture_pixel_dist_red_chair_blue_chair = px_chair
# furniture_pixel_dist_red_chair_red_desk = px_desk
# furniture_shape_dist_red_chair_blue_chair = sh_chair
# furniture_shape_dist_red_chair_red_desk = sh_desk
# ae03_colour_kind_knn_acc = scores["colour AE"][0]
# ae03_colour_hue_r2 = scores["colour AE"][1]
# ae03_shape_kind_knn_acc = scores["shape AE"][0]
# ae03_shape_hue_r2 = scores["shape AE"][1]
# ae03_colour_test_mse_per_pixel = scores["colour AE"][2]
# ae03_shape_test_mse_per_pixel = scores["shape AE"][2]
# clf03_kind_test_acc = clf_acc
# clf03_feature_hue_r2 = clf_hue
# clf03_kind_test_acc_grey = clf_acc_grey
# ae03_story_desk_over_chair_distance = our_ratio
# ae03_path_step_change_max_over_median = path_ratio

# %% [raw] tags=["claims"]
# dist(X_test, i_rc, i_rd) < dist(X_test, i_rc, i_bc)  # "In colour pixels the red chair is nearer to the red desk than to the blue chair"
# dist(G_test, i_rc, i_bc) < dist(G_test, i_rc, i_rd)  # "the order flips: the blue chair is now the near one"
# dist(X_test, i_rc, i_rd) < dist(X_test, i_rc, i_bc) and dist(G_test, i_rc, i_bc) < dist(G_test, i_rc, i_rd)  # "In colour, to the red desk"
# px_chair / px_desk > 1 > sh_chair / sh_desk  # "In colour pixels colour dominates; in shape only, chairs are near chairs"
# px_chair / px_desk > 1 > sh_chair / sh_desk  # "a red chair is nearer to a red desk than to a blue chair"
# colour_r2 > 0.9  # "The colour autoencoder keeps the colour of the pieces"
# colour_kind_changed > 0.03  # "now and then turns a chair into a desk or back"
# shape_kind_changed < 0.01  # "the shape autoencoder keeps the kind"
# colour_r2 > 0.9 and colour_acc < shape_acc  # "Mostly which colour"
# colour_r2 > 0.9  # "the codes predict a piece's colour almost perfectly"
# colour_acc > 0.75  # "Chairs and desks still sit in separate bands"
# colour_acc < 0.97  # "a piece's nearest codes now and then belong to the other kind"
# shape_acc > 0.97  # "with the nearest codes telling the kind almost always"
# shape_r2 < 0.1  # "The colour of a piece explains nothing of where it lands"
# colour_r2 > 0.9 and shape_r2 < 0.1 and clf_hue < 0.05  # "rebuilding colour pictures keeps colour; rebuilding shapes, or telling chairs from desks, throws it away"
# clf_hue < 0.05  # "Nothing in its objective rewards colour"
# clf_acc > 0.98 and clf_hue < 0.05  # "its feature space has no trace of colour"
# clf_hue < 0.05  # "the features predict colour no better than chance"
# colour_r2 > 0.9 and clf_hue < 0.05  # "What a latent space keeps is set by the objective"
# clf_acc_grey > 0.98  # "colour played no part in its answer, so a piece without colour is just another piece"
# clf_acc_grey >= clf_acc - 0.01  # "It reads grey pieces as well as coloured ones"
# colour_kind_changed > 0.03 and shape_kind_changed < 0.01  # "Two numbers spent on colour leave little room for the kind"
# d(ours["red chair"], ours["blue chair"]) < 0.2  # "get nearly the same code"
# our_ratio > 2  # "the red desk is several times farther off"
# np.median(U_test[kind == 0, 0]) < 0.4 < np.median(U_test[kind == 1, 0])  # "chairs fill the left part of our square and desks the right"
# all((kind[np.argsort(np.linalg.norm(U_test - c, axis=1))[:5]] == k).all() for c, k in zip(article_codes, (0, 0, 1)))  # "their nearest test pieces are chairs"
# list(desk_probability(article_pictures) > 0.5) == [False, False, True]  # "The decoder draws two chairs and a desk, and the classifier agrees"
# list(desk_probability(article_pictures) > 0.5) == [False, False, True]  # "the two chair codes decode to chairs, nearly the same"
# bool(np.all(np.diff(desk_probability(decode(from_unit(article_walk)))[4:]) > 0))  # "On the way from the second chair to the desk the back-rest fades and the top widens"
# desk_probability(decode(walk_codes[:2].mean(axis=0, keepdims=True)))[0] < 0.5  # "One chair, in between"
# path_ratio > 1.5  # "a single step changes the picture about"
# path_ratio > 1.5  # "Equal steps in the code are not equal in the picture"
# abs(step_ts[i_peak] - t_flip) < 0.05  # "that is also where the classifier's"
# abs(step_ts[i_peak] - t_flip) < 0.05  # "the change per step is largest where a walk crosses from the chairs to the desks"
# np.median(step_change[(step_ts < 0.45) | (step_ts > 0.75)]) < 0.6 * step_change.max()  # "Inside each cluster a step changes the picture a little"
# sorted(desk_probability(decode(line_codes[i_peak] + np.array([[-0.5, 0.0], [0.5, 0.0]]))) > 0.5) == [False, True]  # "nudge z0 either way and the back-rest comes and goes"
