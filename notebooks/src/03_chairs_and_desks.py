# %% [markdown]
# # 03 · Chairs and desks: what a latent space keeps, and what it throws away
#
# The articles this course grew from explain latent space with three pictures: two chairs of
# different colours and a desk. We would call the two chairs alike and the desk the odd one out,
# because we look at shape (a back-rest, no drawer, the height of the seat) and not at paint. A good
# latent space does the same: it keeps the features that matter and drops the rest, so the two
# chairs land close together and the desk further away. Then the articles walk from the chair
# codes to the desk code and decode the points on the way into in-between furniture.
#
# Here that story becomes real: real pictures, a real model, and our own numbers.
#
# **In this notebook you will learn**
# - how to make a data set whose hidden *factors* (kind, height, width, colour...) you know;
# - why distances between raw pixels care more about colour than about shape (measured);
# - how an *autoencoder* (encoder, bottleneck, decoder) squeezes each picture into 2 numbers, and how
#   what it keeps depends on what you ask it to reproduce;
# - that a chair-versus-desk classifier learns features that ignore colour: what is "irrelevant"
#   depends on the objective;
# - how to walk chair → chair → desk in the latent space and decode the walk, and why small steps
#   there can make big changes in the picture.
#
# **Time to run:** about 20-30 seconds on a 2-core laptop (three small networks train).
# **Prerequisites:** notebooks 00-02; a little PyTorch (`nn.Linear`, a training loop) helps.

# %%
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn

import latent_helpers as lh
from latent_helpers.furniture import FACTOR_RANGES, hue_to_rgb, render
from latent_helpers.widgets import Interpolator, LatentSliders

device = lh.setup(seed=0)

# %% [markdown]
# ## 1 · A furniture data set with known factors
# `lh.make_furniture` draws small side views of chairs and desks, 32 × 32 pixels in colour, from a
# handful of numbers we call **factors**: the kind (chair or desk), the height of the back-rest, the
# thickness of the seat, the length and thickness of the legs, whether bars (rungs) join the legs,
# whether a desk has a drawer, the width, the colour (hue), and a little shift and scale. The
# same seed always gives the same pictures. We make 3,000 pictures to train on and 1,000 others
# (another seed) to test on.

# %%
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

# %%
chair = {**train.row(int(np.flatnonzero(train.kind == 0)[0])), "dx": 0.0, "dy": 0.0, "scale": 1.0, "hue": 0.58}
sweeps = ["back_height", "seat_height", "leg_length", "leg_thickness", "width", "hue"]
rows = []
for name in sweeps:
    lo, hi = FACTOR_RANGES[name]
    lo = max(lo, 0.2) if name == "back_height" else lo  # a chair keeps some back-rest
    rows += [render({**chair, name: v}) for v in np.linspace(lo, hi, 6)]
rows += [render({**chair, "rungs": r}) for r in (0, 1)] + [render({**chair, "kind": 1, "back_height": 0,
          "width": 0.7, "leg_length": 0.4, "drawer": d}) for d in (0, 1)] + [np.ones((32, 32, 3))] * 2
fig, ax = plt.subplots(figsize=(4.2, 5.2))
lh.show_images(np.array(rows), nrow=6, ax=ax, row_labels=sweeps + ["rungs / kind+drawer"],
               title="one factor at a time")
plt.show()

# %% [markdown]
# ## 2 · In pixel space, colour wins
# The simplest way to compare two pictures is to compare their pixels: the Euclidean distance
# between the two lists of 3,072 numbers (32 × 32 pixels × 3 colours). Take a **red chair**, a
# **blue chair** of nearly the same shape, and a **red desk**. We pick them from the test set: the
# reddest chair, then the blue chair and the red desk whose *shapes* are closest to it.

# %%
hue, kind = test.factors["hue"], test.kind
red = np.minimum(hue, 1 - hue) < 0.05          # hue near 0 (or 1): red
blue = np.abs(hue - 2 / 3) < 0.05               # hue near 2/3: blue
X_test = test.images.reshape(len(test), -1)     # colour pixels, 3,072 numbers each
G_test = test.gray().reshape(len(test), -1)     # the same pieces in one grey: shape only, 1,024 numbers

i_rc = int(np.flatnonzero(red & (kind == 0))[np.argmin(np.minimum(hue, 1 - hue)[red & (kind == 0)])])
def nearest_in_shape(mask):
    idx = np.flatnonzero(mask)
    return int(idx[np.argmin(np.linalg.norm(G_test[idx] - G_test[i_rc], axis=1))])
i_bc, i_rd = nearest_in_shape(blue & (kind == 0)), nearest_in_shape(red & (kind == 1))
story = {"red chair": i_rc, "blue chair": i_bc, "red desk": i_rd}

fig, axes = plt.subplots(1, 3, figsize=(5, 1.9))
for ax, (name, i) in zip(axes, story.items()):
    ax.imshow(test.images[i], interpolation="nearest"); ax.set_title(name, fontsize=10); ax.axis("off")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
dist = lambda A, i, j: float(np.linalg.norm(A[i] - A[j]))
print("distance from the red chair      in colour pixels   in shape only")
for name in ("blue chair", "red desk"):
    print(f"  to the {name:10}              {dist(X_test, i_rc, story[name]):6.1f}          "
          f"{dist(G_test, i_rc, story[name]):6.1f}")

# %% [markdown]
# In colour pixels the red chair is **nearer to the red desk** than to the blue chair: the paint of
# the two chairs differs on every pixel they cover, while the red desk agrees with the red chair
# wherever the two overlap. Take the colour away (right column, the same pieces drawn in one grey)
# and the order flips: the blue chair is now the near one.
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
_ = lh.record_metric("furniture_pixel_dist_red_chair_blue_chair", px_chair)
_ = lh.record_metric("furniture_pixel_dist_red_chair_red_desk", px_desk)
_ = lh.record_metric("furniture_shape_dist_red_chair_blue_chair", sh_chair)
_ = lh.record_metric("furniture_shape_dist_red_chair_red_desk", sh_desk)

# %% [markdown]
# On average too: a ratio above 1 means the differently coloured chair is *farther* than the desk.
# In colour pixels the ratio is above 1, colour dominates; in shape only it falls well below 1, and
# chairs are near chairs. So raw pixels are a poor space for "similar furniture". We want a space
# that does the second thing by itself.
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
# latent space we can plot. Here it is, written out in full (notebook 04 goes deeper).

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

# %%
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

# %% [markdown]
# Two numbers cannot hold every detail: the rebuilt pictures are blurry, a few legs or drawers go
# missing. But look at what *is* kept. The colour autoencoder keeps the **colour** of almost every
# piece, but now and then turns a chair into a desk or back; the shape autoencoder rarely gets the
# kind wrong.
# The latent maps show why.

# %%
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
# NBVAL_CHECK_OUTPUT
scores = {}
for name, Z, model, Xt in (("colour AE", Z_colour, ae_colour, Xc_test), ("shape AE", Z_shape, ae_shape, Xg_test)):
    with torch.no_grad():
        mse = float(((model(Xt) - Xt) ** 2).mean())
    scores[name] = (kind_accuracy(Z), hue_r2(Z), mse)
    print(f"{name}: kind from 5 nearest codes {scores[name][0]:.0%}, "
          f"colour explained by the codes (R^2) {max(scores[name][1], 0):.2f}")
_ = lh.record_metric("ae03_colour_kind_knn_acc", scores["colour AE"][0])
_ = lh.record_metric("ae03_colour_hue_r2", scores["colour AE"][1])
_ = lh.record_metric("ae03_shape_kind_knn_acc", scores["shape AE"][0])
_ = lh.record_metric("ae03_shape_hue_r2", scores["shape AE"][1])
_ = lh.record_metric("ae03_colour_test_mse_per_pixel", scores["colour AE"][2])
_ = lh.record_metric("ae03_shape_test_mse_per_pixel", scores["shape AE"][2])

# %% [markdown]
# The **colour autoencoder** spends its two numbers on colour: its map is a colour wheel (middle),
# and the codes predict a piece's colour almost perfectly (R² near 1; R² is the share of the colour's
# variation the codes explain). Chairs and desks still sit in separate bands, but the bands are
# thin and wind around the wheel. That is the
# pixel lesson again: to rebuild colour pixels, colour is the most important thing to get right.
#
# The **shape autoencoder** never saw colour, and its map (right) is two clean clusters, chairs and
# desks, with the nearest codes telling the kind almost always. The colour of a piece explains
# nothing of where it lands (R² about 0).
#
# So is colour "irrelevant"? For rebuilding the colour pictures it is the *most* relevant thing. The
# articles' claim, "colour is ignored in the latent space", holds for a model whose *objective* does
# not need colour. The next section shows a model that sees colour and still ignores it.
#
# ## 4 · A classifier's feature space ignores colour
# Train a network to answer one question, **chair or desk?**, from the *colour* pictures. Give it a
# 2-number layer just before its answer, so we can plot its features as another 2-D latent space.

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
with torch.no_grad():
    F_test = clf.features(Xc_test).numpy()
    clf_acc = float((clf(Xc_test).argmax(1).numpy() == kind).mean())

fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.3))
kind_map(axes[0], F_test, "classifier features, by kind", "f0", "f1")
axes[1].scatter(F_test[:, 0], F_test[:, 1], c=hue_to_rgb(hue), s=5)
axes[1].set(title="the same points in their own colour", xlabel="f0", ylabel="f1")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
clf_hue = hue_r2(F_test)
print(f"classifier accuracy on the test set: {clf_acc:.0%}")
print(f"colour explained by its 2 features (R^2): {max(clf_hue, 0):.2f}")
_ = lh.record_metric("clf03_kind_test_acc", clf_acc)
_ = lh.record_metric("clf03_feature_hue_r2", clf_hue)

# %% [markdown]
# The classifier saw exactly the same colour pictures as the colour autoencoder, yet its feature
# space has no trace of colour: red and blue pieces lie mixed in both clusters, and the features
# predict colour no better than chance. To tell chairs from desks, colour does not help, so training
# squeezed it out. **What a latent space keeps is set by the objective**: rebuild the pixels, and
# colour matters; name the kind, and it does not.
#
# ## 5 · The articles' story with our numbers
# The articles say: suppose the two chairs are compressed to `[0.4, 0.5]` and `[0.45, 0.45]` and the
# desk to `[0.6, 0.75]`. Let us read the codes of *our* two chairs and desk from the shape
# autoencoder. Its raw codes have no fixed scale, so we rescale each coordinate to [0, 1] over the
# test set (0 = the smallest value seen, 1 = the largest), which makes them comparable with the
# articles' numbers.

# %%
# NBVAL_CHECK_OUTPUT
lo, hi = Z_shape.min(axis=0), Z_shape.max(axis=0)
to_unit = lambda Z: (Z - lo) / (hi - lo)          # raw code -> [0, 1] per coordinate
from_unit = lambda U: U * (hi - lo) + lo          # and back
seed_codes = {"red chair": [0.4, 0.5], "blue chair": [0.45, 0.45], "red desk": [0.6, 0.75]}
ours = {name: to_unit(Z_shape[i]) for name, i in story.items()}
print("               the articles     ours (rescaled to [0, 1])")
for name in story:
    print(f"{name:12}   {str(seed_codes[name]):14}   [{ours[name][0]:.2f}, {ours[name][1]:.2f}]")
d = lambda a, b: float(np.linalg.norm(np.subtract(a, b)))
seed_ratio = d(seed_codes["red chair"], seed_codes["red desk"]) / d(seed_codes["red chair"], seed_codes["blue chair"])
our_ratio = d(ours["red chair"], ours["red desk"]) / d(ours["red chair"], ours["blue chair"])
print(f"chair-to-desk distance / chair-to-chair distance: articles {seed_ratio:.1f}, ours {our_ratio:.0f}")
_ = lh.record_metric("ae03_story_desk_over_chair_distance", our_ratio)

# %% [markdown]
# Our numbers differ from the articles' (theirs were made up for the explanation), but the picture
# is the same: the two chairs, one red and one blue, get nearly the same code, and the red desk is
# far off: about four times farther than the chairs are from each other, much like
# the ratio in the articles' made-up numbers. Colour, the thing that made the red
# desk look near in pixel space, is gone.
#
# ### Walking chair → chair → desk
# Now interpolate: take points on the straight segments from the red chair's code to the blue
# chair's, then on to the desk's, and give each point to the decoder. `lh.interpolate_path` spaces
# the points evenly along the whole path (a longer segment gets more of them).

# %%
waypoints = np.stack([Z_shape[story[name]] for name in ("red chair", "blue chair", "red desk")])
path = lh.interpolate_path(waypoints, 12)

def decode_shape(Z):
    """codes (n, 2) -> grey pictures (n, 32, 32)"""
    with torch.no_grad():
        return ae_shape.decoder(torch.as_tensor(Z, dtype=torch.float32)).numpy().reshape(-1, 32, 32)

fig, ax = plt.subplots(figsize=(9, 1.5))
lh.show_images(decode_shape(path), nrow=12, ax=ax,
               title="decoded path: red chair -> blue chair -> red desk (12 evenly spaced codes)")
plt.show()

# %% [markdown]
# The first few pictures barely change: the two chairs are neighbours in the latent space. Then the
# back-rest shrinks, the piece grows wider and taller, and a desk appears. The in-between pictures
# are furniture-like, not the ghostly overlays that blending pixels gives (notebook 00's slider).
# They are "new" only in a limited sense: the decoder learned them all from the training pictures.
#
# Move the slider `t` yourself. The left picture is the decoded code; on the right is the latent
# map with every test piece (blue chairs, orange desks), the path, and the current point in red. The
# `method` menu switches to *slerp*, a curved path that matters in notebook 06.

# %%
walk = Interpolator(decode_shape, waypoints, map_points=Z_shape, map_labels=kind,
                    label_names=test.kind_names, title="Walk from the red chair's code to the blue chair's, then to the desk's")
walk

# %% [markdown]
# ## 6 · Small moves, big changes
# Distances in a latent space are not distances between pictures. A step of a given size in the
# code can change the decoded picture a little or a lot, depending on where you are. We measure it
# on a grid: decode 40 × 40 codes covering the map and, for each step to the next grid point along
# z0, see how much the picture changes (pixel distance).

# %%
n = 40
u = np.linspace(0, 1, n)
grid_unit = np.stack(np.meshgrid(u, u), axis=-1).reshape(-1, 2)      # codes in [0, 1] units
pictures = decode_shape(from_unit(grid_unit)).reshape(n, n, -1)      # (row = z1, column = z0, pixels)
change = np.linalg.norm(np.diff(pictures, axis=1), axis=-1)          # picture change per step in z0
step = u[1] - u[0]

# the same question on real pieces: pairs of test pieces whose codes are very close
U_test = to_unit(Z_shape)
code_d = pairwise_distances(U_test, U_test)
pixel_d = pairwise_distances(G_test, G_test, dtype=np.float32)   # float32: a million distances, half the memory
close = (code_d < 0.03) & ~np.eye(len(U_test), dtype=bool)
i_far, j_far = np.unravel_index(np.argmax(np.where(close, pixel_d, -1)), pixel_d.shape)

fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.4))
im = axes[0].imshow(change, origin="lower", extent=(0, 1, 0, 1), cmap="magma", aspect="auto")
axes[0].scatter(*U_test.T, s=1, c="white", alpha=0.3)
axes[0].set(title=f"decoded picture change per step of {step:.3f} in z0", xlabel="z0 (rescaled)",
            ylabel="z1 (rescaled)")
fig.colorbar(im, ax=axes[0], label="pixel distance")
lh.show_images(G_test[[i_far, j_far]].reshape(2, 32, 32), nrow=2, ax=axes[1],
               title=f"two test pieces whose codes are {code_d[i_far, j_far]:.3f} apart")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
ratio_c25 = float(change.max() / np.median(change))
typical_pair = float(np.median(pixel_d[np.triu_indices(len(G_test), 1)]))
ratio_pair = float(pixel_d[i_far, j_far] / typical_pair)
print(f"decoded grid: the largest change for one step is {ratio_c25:.0f} times the median step's change")
print(f"{close.sum() // 2} pairs of test pieces have codes less than 0.03 apart; the most different of them "
      f"differ {ratio_pair:.1f} times as much as a typical pair of pieces")
_ = lh.record_metric("ae03_latent_step_max_over_median_change", ratio_c25)
_ = lh.record_metric("ae03_close_codes_max_pixel_over_typical_pair", ratio_pair)

# %% [markdown]
# The bright streaks in the map are places where the decoder's picture changes fast: one step there
# changes the picture several times more than a typical step does. And among real pieces, two whose
# codes are less than 3% of the map apart can look more different than two pieces picked at random
# (right: compare their rungs and back-rests). Small latent moves can make big
# changes in the picture, so move the sliders below slowly. They set the two coordinates of a code
# directly (in the raw units of the shape autoencoder), starting at the midpoint between the blue
# chair and the desk.

# %%
mid = (waypoints[1] + waypoints[2]) / 2
ranges = np.stack([Z_shape.min(axis=0), Z_shape.max(axis=0)], axis=1)
sliders = LatentSliders(decode_shape, mid, ranges=ranges, names=["z0", "z1"],
                        title="One slider per latent coordinate (shape autoencoder)")
sliders

# %% [markdown]
# ## Summary
# - A data set with **known factors** lets us ask what a latent space kept. Our chairs and desks vary
#   in kind, shape, size and colour.
# - In **pixel space** colour dominates: a red chair is nearer to a red desk than to a blue chair.
#   Drop the colour and chairs are near chairs again.
# - An **autoencoder** is an encoder, a bottleneck and a decoder, trained to give back its input.
#   With a 2-number bottleneck its codes are a 2-D latent space we can draw.
# - What the latent space keeps depends on the **objective**: rebuilding colour pictures keeps
#   colour; rebuilding shapes, or telling chairs from desks, throws it away.
# - Walking between codes and **decoding** gives in-between furniture; near a cluster border a
#   **small step** in the code can make a **big change** in the picture.
#
# ## Exercises
# **Exercise 1 · A point on the segment.** The chair → chair part of the walk is made of points
# `(1 - t) * a + t * b`. Compute the point a quarter of the way (`t = 0.25`) from `a`, the red chair's
# code, to `b`, the blue chair's code (raw codes from `Z_shape`).

# %%
a, b = Z_shape[story["red chair"]], Z_shape[story["blue chair"]]
answer = None  # your code here: the point at t = 0.25

from latent_helpers.exercises import check_lerp_point
check_lerp_point(answer, a, b, 0.25)

# %% hidden
# Solution
answer = 0.75 * a + 0.25 * b   # the same as lh.lerp(a, b, 0.25)
check_lerp_point(answer, a, b, 0.25)

# %% [markdown]
# **Exercise 2 · Distances without colour.** `G_test` holds the grey (shape-only) pictures, one row
# per test piece, and `story` the indices of the three pieces. Without colour, which is nearer to
# the red chair: the `"blue chair"` or the `"red desk"`? Work it out with `np.linalg.norm`.

# %%
answer = None  # "blue chair" or "red desk"

from latent_helpers.exercises import check_shape_nearest
check_shape_nearest(answer, G_test[story["red chair"]], G_test[story["blue chair"]], G_test[story["red desk"]])

# %% hidden
# Solution
d_chair = np.linalg.norm(G_test[story["red chair"]] - G_test[story["blue chair"]])
d_desk = np.linalg.norm(G_test[story["red chair"]] - G_test[story["red desk"]])
answer = "blue chair" if d_chair < d_desk else "red desk"
check_shape_nearest(answer, G_test[story["red chair"]], G_test[story["blue chair"]], G_test[story["red desk"]])

# %% [markdown]
# **Exercise 3 · Where does the chair become a desk?** Below, 51 codes along the walk are decoded
# and the chair-vs-desk classifier of section 4 gives each decoded picture a probability of being a
# desk (`p_desk`). Find the first `t` where `p_desk` reaches 0.5.

# %%
ts = np.linspace(0, 1, 51)
codes = np.stack([lh.path_point(waypoints, t) for t in ts])
grey = decode_shape(codes)
with torch.no_grad():
    as_colour = torch.tensor(np.repeat(grey[..., None], 3, axis=-1).reshape(len(ts), -1))
    p_desk = torch.softmax(clf(as_colour), dim=1)[:, 1].numpy()

answer = None  # the first t (a value from ts) where p_desk >= 0.5

from latent_helpers.exercises import check_desk_crossing
check_desk_crossing(answer, ts, p_desk)

# %% hidden
# Solution
answer = ts[np.argmax(p_desk >= 0.5)]
print(f"the classifier first sees a desk at t = {answer:.2f}")
check_desk_crossing(answer, ts, p_desk)

# %% [markdown]
# **Exercise 4 (open) · Make colour matter.** Change `KindClassifier`'s objective: train it to tell
# warm colours (hue below 0.5) from cool ones instead of chairs from desks, and plot its features.
# Which factor do they keep now, and which do they throw away?
#
# ## Further reading
# - The two articles behind this notebook: *Understanding Latent Space in Machine Learning*
#   (Ekin Tiu, Towards Data Science, 2020) and its Hackernoon source, *Latent space visualization*.
# - Notebook 04 builds autoencoders properly (convolutions, comparison with PCA); notebook 05 asks
#   which latent dimension follows which furniture factor (disentanglement).
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, chapter 14 (autoencoders), free at
#   deeplearningbook.org.
