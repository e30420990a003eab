# %% [markdown] slideshow={"slide_type": "slide"}
# # 02 · A toy latent space: a 5 × 5 image becomes three numbers
#
# Notebook 01 compressed digits with PCA. Here everything is small enough to see at once: tiny
# 5 × 5 images that are made from exactly three hidden numbers. We squeeze each image into a
# 3-number code, draw every code as a point in 3-D, and turn points back into images with sliders.
# On the way we train our first networks, so this is also where the course explains training.
#
# **In this notebook you will learn**
# - what it means to write a 5 × 5 image (25 numbers) as a 3-number code, and to draw that code as a point;
# - how a network is trained: loss, gradient descent, learning rate, batch, epoch, training and
#   validation curves, and what overfitting looks like;
# - that a *linear* autoencoder trained by gradient descent finds PCA's subspace, but not PCA's axes;
# - how a small non-linear autoencoder (encoder, bottleneck, decoder) beats PCA on the same data;
# - that "close" depends on the distance (Euclidean or cosine) and, for cosine, on where the origin is.
#
# **Time to run:** about 30 seconds on a laptop CPU. **Prerequisites:** notebook 01 (PCA, reconstruction error).

# %% [raw] tags=["deck"]
# # 02 · A toy latent space
# A 5 × 5 image becomes three numbers
#
# - Images made from three hidden factors: x, y, brightness
# - PCA, a linear autoencoder, a small non-linear one: trained here, in seconds
# - Codes as points in 3-D; distances; sliders that decode a point

# %%
# %matplotlib inline
import copy

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import torch
from scipy.linalg import subspace_angles
from sklearn.decomposition import PCA
from torch import nn
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers import CloudExplorer, LatentSliders

device = lh.setup(seed=0, threads=1)   # these networks are tiny: one thread is as fast as two, and steadier

# %% [raw] tags=["deck"]
# ## 25 numbers and 3 numbers
# - A 5 × 5 image is 25 pixel values
# - The same image: a square at (x, y) with a brightness, 3 numbers

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · The example: 25 numbers and 3 numbers
# Articles about latent spaces like this picture: a 5 × 5 grey image, one channel (5 × 5 × 1), and a
# latent space of size 3 × 1, so that the image is stored as a vector of three numbers, here
# **[0.4, 0.3, 0.8]**. Three numbers are a point in ordinary 3-D space. We call the three latent
# numbers **z0, z1, z2**, the same indices as `code[0]`, `code[1]`, `code[2]` in Python.

# %% slideshow={"slide_type": "fragment"} deck="figure"
image = lh.SEED_IMAGE           # the 5 x 5 example, row by row
code = lh.SEED_CODE             # its 3-number code: [0.4, 0.3, 0.8]

fig = plt.figure(figsize=(8, 3.4))
ax = fig.add_subplot(1, 2, 1)
ax.imshow(image, cmap="gray", vmin=0, vmax=1)
for r in range(5):
    for c in range(5):
        ax.text(c, r, f"{image[r, c]:g}", ha="center", va="center", fontsize=8,
                color="black" if image[r, c] > 0.5 else "white")
ax.set_xticks(range(5)); ax.set_yticks(range(5))
ax.set_xlabel("column"); ax.set_ylabel("row")
ax.set_title("data space: 5 x 5 x 1 = 25 numbers")
ax3 = fig.add_subplot(1, 2, 2, projection="3d")
ax3.scatter(*code, s=60, color="crimson")
ax3.plot([code[0], code[0]], [code[1], code[1]], [0, code[2]], color="gray", ls=":")
ax3.text(*code, "  [0.4, 0.3, 0.8]", fontsize=9)
ax3.set_xlim(0, 1); ax3.set_ylim(0, 1); ax3.set_zlim(0, 1)
ax3.set_xlabel("z0"); ax3.set_ylabel("z1"); ax3.set_zlabel("z2")
ax3.set_title("latent space: 3 numbers = one point")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## A family of images from three hidden factors
# - 3,000 images: position x, y and brightness, plus a little noise
# - The factors are hidden: a model sees only the 25 pixels

# %% [markdown]
# The example is a picture of an idea, not a computation: no encoder was given that maps this
# particular image to [0.4, 0.3, 0.8], and a random pattern like this one could not be squeezed into three
# numbers and come back intact. Compression works when the images share a structure. So let us make
# a family of 5 × 5 images where a 3-number code **truly exists**, and see whether a model can find it.
#
# ## 2 · A family of images made from three hidden factors
# Each image is a soft 2 × 2 square on a black background, drawn from three numbers between 0 and 1:
# - **x**: horizontal position (0 = left edge, 1 = right edge);
# - **y**: vertical position (0 = top, 1 = bottom);
# - **brightness**: from dim grey (0) to white (1).
#
# The square may sit between pixels; then it is spread over them, as a camera would. These three factors
# are the *latent* (hidden) variables: the models will only ever see the 25 pixels. We make 3,000
# training images and 1,000 **held-out** images that no model learns from: errors are measured on them.

# %% deck="figure"
train = lh.make_toy(3000, seed=0)
test = lh.make_toy(1000, seed=1)      # held out: for honest errors
X_train = train.images.reshape(-1, 25)
X_test = test.images.reshape(-1, 25)
test_factors = test.factor_matrix()   # (1000, 3): x, y, brightness of each held-out image

fig, ax = plt.subplots(figsize=(9, 2.2))
lh.show_images(test.images[:16], nrow=16, ax=ax, title="16 toy images (x, y, brightness below each)")
ax.set_xticks([(i + 0.5) * 6 for i in range(16)])
ax.set_xticklabels([f"{f[0]:.1f}\n{f[1]:.1f}\n{f[2]:.1f}" for f in test_factors[:16]], fontsize=7)
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: are 3 numbers enough?
# - PCA keeps 3 numbers per image, along straight lines
# - Will they rebuild the 25 pixels of these images?
#
# Answer: three numbers made each image, so a code exists; but moving a square is not a straight line in pixel space, so PCA only gets close.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Will 3 numbers be enough to rebuild the 25 pixels of these images?
#
# <details><summary>Answer</summary>
#
# In principle yes: three numbers made each image, so three numbers describe it exactly
# (`lh.render_toy` turns them back into the image). Whether a given *encoder* finds such a code is
# another matter. PCA uses straight-line maps only, and moving a square is not a straight line in
# pixel space: the average of a square on the left and a square on the right is two faint
# half-squares, not a square in the middle. Expect PCA to need help.
#
# </details>
#
# ## 3 · A linear encoder: PCA with three components
# PCA (notebook 01) is the simplest encoder: it subtracts the mean image, and the code is the image's
# coordinates along 3 fixed directions; decoding adds those 3 directions back up to the mean image.
# Both steps are straight-line (linear) maps.

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
pca = PCA(n_components=3, random_state=0).fit(X_train)
codes_pca = pca.transform(X_test)
recon_pca = pca.inverse_transform(codes_pca)
mse_pca = float(((recon_pca - X_test) ** 2).mean())
mse_mean = float(((X_train.mean(0) - X_test) ** 2).mean())   # a "code" of 0 numbers: always the mean image
print(f"held-out MSE per pixel: the mean image {mse_mean:.4f}, PCA with 3 numbers {mse_pca:.4f}")
print("share of the pixel variance kept by each PCA direction:", np.round(pca.explained_variance_ratio_, 2))

# %% [raw] tags=["deck"]
# ## How a network learns
# - Loss: the mean squared error between an image and its reconstruction
# - Gradient: how the loss changes with each weight; step against it
# - Adam adapts the step per weight

# %% [markdown] slideshow={"slide_type": "slide"}
# Three numbers remove {{1 - mse_pca / mse_mean:.0%}} of the error of the plain average image, and no more: PCA
# keeps {{pca.explained_variance_ratio_.sum():.0%}} of the variance. Can a model that *learns* its code do better? To answer, we first need to
# know how a model learns.
#
# ## 4 · How a network learns: training, taught once
# PCA is computed by a formula. A neural network is **trained**: it starts from random weights and
# improves them step by step. Every later notebook trains networks this way and points back here.
# We show it on the simplest network there is, a **linear autoencoder**: an encoder that multiplies the
# 25 pixels (minus the mean image, as PCA does) by a 3 × 25 matrix of weights, giving 3 numbers, and a
# decoder that multiplies those 3 numbers by a 25 × 3 matrix. No bends: the same kind of map as PCA.
#
# The words of training, each of which appears in the code below:
# - **loss**: one number that says how bad the model is. Here the reconstruction error: the mean,
#   over images and pixels, of (output − input)². An autoencoder is trained to copy its input.
# - **gradient**: for each weight w, how fast the loss changes when w changes a little, ∂loss/∂w.
#   `loss.backward()` computes it for every weight at once and stores it in `w.grad`.
# - **gradient descent**: move every weight a small step downhill, against its gradient:
#   w ← w − lr · ∂loss/∂w. Repeat.
# - **learning rate** (`lr`): the size of that step.
# - **batch**: each step uses a random batch of 100 images, not all 3,000: a noisy but cheap estimate
#   of the gradient. Many cheap steps beat a few exact ones.
# - **epoch**: one pass through all training images, batch by batch (3,000 / 100 = 30 steps).
# - **training and validation loss**: the loss on the training images, and on held-out images the
#   model never learns from (the *validation set*; here our 1,000 held-out images). Only the second
#   says how the model does on new images.

# %% tags=["export"]
import torch
from torch import nn


class LinearAutoencoder(nn.Module):
    """Centred pixels (n, 25) -> 3 numbers -> (n, 25): two matrices, no biases, no bends."""

    def __init__(self, n_pixels=25, n_latent=3):
        super().__init__()
        self.encoder = nn.Linear(n_pixels, n_latent, bias=False)    # 3 x 25 weights
        self.decoder = nn.Linear(n_latent, n_pixels, bias=False)    # 25 x 3 weights

    def forward(self, x):
        return self.decoder(self.encoder(x))


def reconstruction_loss(model, batch):
    """The mean squared error between the model's output and its input: the autoencoder copies."""
    x = batch[0]
    return ((model(x) - x) ** 2).mean()


# %%
pixel_mean = X_train.mean(0)                     # PCA subtracts the mean image; so does the linear autoencoder
Xc_train = torch.tensor(X_train - pixel_mean, device=device)
Xc_test = torch.tensor(X_test - pixel_mean, device=device)
start = LinearAutoencoder().to(device)           # random starting weights, kept so that runs can share them
n_weights = sum(p.numel() for p in start.parameters())
print(f"{n_weights} weights; loss of the random start: {reconstruction_loss(start, [Xc_train]).item():.4f}")

# %% [markdown]
# The training loop, written out in full. It uses **Adam** (`torch.optim.Adam`) instead of plain
# gradient descent: the same downhill steps, with two refinements (it keeps a running average of recent
# gradients, and scales each weight's step by the size of that weight's gradients), which make it much
# less fussy about the learning rate. Four lines inside the loop are all of training:

# %% [raw] tags=["deck"]
# ## Training curves: a linear autoencoder reaches PCA
# - Both curves fall steeply, then flatten onto PCA's error

# %% slideshow={"slide_type": "slide"} deck="figure"
linear_ae = copy.deepcopy(start)
optimizer = torch.optim.Adam(linear_ae.parameters(), lr=0.01)
loader = lh.make_loader(Xc_train, batch_size=100)          # the 3,000 images in shuffled batches of 100
curves = {"training loss": [], "validation loss": []}
for epoch in tqdm(range(80), desc="linear autoencoder"):   # 80 epochs of 30 steps
    batch_losses = []
    for batch in loader:
        loss = reconstruction_loss(linear_ae, batch)       # 1. how bad is the model on this batch?
        optimizer.zero_grad()                              # 2. forget the previous step's gradients
        loss.backward()                                    # 3. the gradient of the loss for every weight
        optimizer.step()                                   # 4. move every weight a step downhill
        batch_losses.append(loss.item())
    curves["training loss"].append(np.mean(batch_losses))
    with torch.no_grad():                                  # validation: measure only, learn nothing
        curves["validation loss"].append(reconstruction_loss(linear_ae, [Xc_test]).item())

ax = lh.plot_history(curves, title="linear autoencoder: one point per epoch")
ax.axhline(mse_pca, color="gray", ls="--", lw=1, label="PCA, held out")
ax.legend(frameon=False)
plt.show()


# %% [markdown]
# Both curves fall steeply in the first epochs and then flatten onto PCA's error: the model has found
# the best that a straight-line code can do. The validation curve stays on the training curve: with {{n_weights}}
# weights for 3,000 images the model cannot learn the training images by heart, so what it learns holds
# for new images too (section 7 shows the opposite, on purpose). Two details. In the first epochs the
# validation loss is below the training loss: the training loss is the average over the epoch's 30
# steps, taken while the model was still improving, and the validation loss is measured after the last
# step. And for a while it dips a hair below PCA's held-out error: PCA is the best on the training
# images, not necessarily on new ones.

# %% [raw] tags=["deck"]
# ## Think first: how big a step?
# - Same random start, plain gradient descent, learning rates 1, 20 and 50
# - What will the training loss do with each?
#
# Answer: 1 creeps down; 20 falls fast; 50 overshoots the valley further each time and explodes.

# %% [markdown] slideshow={"slide_type": "slide"}
# How big should the step be? Plain gradient descent (`torch.optim.SGD`: w ← w − lr · gradient, nothing
# more) shows it most clearly. **Think first.** From the same random start, three learning rates: 1, 20
# and 50. What will the training loss do with each?
#
# <details><summary>Answer</summary>
#
# A small step is safe but slow: after 90 steps the loss has fallen only a little. A well-chosen step falls
# fast. A step too large overshoots the bottom of the valley, lands higher on the other side, and
# overshoots again, further each time: the loss explodes (here past 10, where the code stops it, within a
# few steps). The
# right size depends on the problem (on how steep the loss is), so it is tried, not derived.
#
# </details>

# %% [raw] tags=["deck"]
# ## The learning rate decides
# - Too small: slow; well chosen: fast; too large: diverges

# %% slideshow={"slide_type": "fragment"} deck="figure"
def loss_per_step(lr, epochs=3):
    """Plain gradient descent from `start` with learning rate lr; the training loss of every step."""
    model = copy.deepcopy(start)                             # the same random start for every lr
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)   # SGD: w <- w - lr * gradient, nothing more
    losses = []
    for epoch in range(epochs):
        for batch in lh.make_loader(Xc_train, batch_size=100, seed=epoch):
            loss = reconstruction_loss(model, batch)
            if not torch.isfinite(loss) or loss.item() > 10:     # exploded: stop
                return losses + [np.inf]
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    return losses

lr_curves = {}
fig, ax = plt.subplots(figsize=(6, 3))
for lr, colour in ((1, "tab:blue"), (20, "tab:green"), (50, "tab:red")):
    curve = lr_curves[lr] = loss_per_step(lr)
    finite = [v for v in curve if np.isfinite(v)]
    label = f"lr = {lr}" + (f" (exploded after {len(finite)} steps)" if len(finite) < len(curve) else "")
    ax.plot(range(1, len(finite) + 1), finite, color=colour, label=label)
ax.axhline(mse_pca, color="gray", ls="--", lw=1, label="PCA's error (the best a linear code can do)")
ax.set_yscale("log"); ax.set_ylim(0.008, 0.2)
ax.set_xlabel("step (one batch of 100 images)"); ax.set_ylabel("training loss (log scale)")
ax.set_title("the learning rate: too small, about right, too large")
ax.legend(fontsize=8, frameon=False)
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: will it find PCA's directions?
# - Gradient descent knows nothing about PCA
# - Will the trained linear autoencoder find PCA's three directions?
#
# Answer: the same subspace, not the same axes: any invertible mix of the three numbers, undone by the decoder, fits as well.

# %% [markdown] slideshow={"slide_type": "slide"}
# With lr = 1 the loss creeps down; with lr = 20 it reaches PCA's error by the end of the third epoch; with lr = 50
# it explodes after a few steps ({{int(np.isfinite(lr_curves[50]).sum())}} here). The curves are jagged because every step sees another batch.
#
# That is all of training. From now on the course calls
# **`lh.fit(model, loss, data, epochs=..., lr=..., batch_size=..., val_data=...)`**, which runs the loop
# above with Adam, records the training and validation curves and shows a progress bar.
#
# ## 5 · A linear autoencoder is PCA, up to a mix of its axes
# **Think first.** Gradient descent knows nothing about PCA. Will the trained linear autoencoder find
# PCA's three directions?
#
# <details><summary>Answer</summary>
#
# It finds the same **subspace**: the same flat 3-D slice of the 25-D pixel space, because PCA's slice is
# the best one for a linear 3-number code, and training looks for the best. But not the same **axes**:
# mix the three code numbers by any invertible 3 × 3 matrix M (code → M · code) and undo the mix in the
# decoder (decoder → decoder · M⁻¹): every reconstruction, and so the loss, stays the same. Nothing in
# the loss prefers PCA's axes, so training ends at whichever mix its random start led to.
#
# </details>
#
# Two 3-D subspaces of the 25-D pixel space are compared by their three **principal angles**: the
# smallest angle between a direction of one and a direction of the other, then the smallest among the
# directions perpendicular to those, and once more. Three angles of 0° mean the same subspace.
# The decoder's weight matrix (25 × 3) holds the three pixel patterns that the code numbers z0, z1, z2
# scale and add up; its columns span the autoencoder's subspace, as PCA's components span PCA's.

# %% slideshow={"slide_type": "fragment"}
D_linear = linear_ae.decoder.weight.detach().cpu().numpy()   # (25, 3): the patterns of z0, z1, z2
D_pca = pca.components_.T                                    # (25, 3): PCA's three directions
linear_pca_angles = np.sort(np.degrees(subspace_angles(D_linear, D_pca)))
random_angles = np.sort(np.degrees(subspace_angles(lh.rng(0).normal(size=(25, 3)), D_pca)))
with torch.no_grad():
    codes_linear = linear_ae.encoder(Xc_test).cpu().numpy()
    mse_linear = reconstruction_loss(linear_ae, [Xc_test]).item()
print("principal angles, linear autoencoder vs PCA:", np.round(linear_pca_angles, 1), "degrees")
print("for scale, a random 3-D subspace vs PCA:     ", np.round(random_angles, 1), "degrees")
print(f"held-out MSE: linear autoencoder {mse_linear:.4f}, PCA {mse_pca:.4f}")

# %% [markdown]
# The angles are close to 0 (the largest is {{linear_pca_angles.max():.1f}}°, where a random subspace is 50° to 90°
# away), and the two errors agree: the same subspace, found by trial and error instead of by a formula.
# The degree or so that is left is the jitter of training on batches: each step's gradient comes from
# 100 images, so the weights keep moving a little around the best subspace instead of settling exactly
# on it. To see that, take a copy of the trained model a few more steps, each on all 3,000 images at
# once: no batch, no jitter.

# %%
settled = copy.deepcopy(linear_ae)
optimizer = torch.optim.Adam(settled.parameters(), lr=0.001)
for step in range(200):                        # 200 steps, each on all 3,000 images: the exact gradient
    loss = reconstruction_loss(settled, [Xc_train])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
settled_angles = np.sort(np.degrees(subspace_angles(settled.decoder.weight.detach().cpu().numpy(), D_pca)))
print("principal angles after 200 steps on all images at once:", np.round(settled_angles, 3), "degrees")

# %% [markdown]
# With the exact gradient the angles shrink to almost nothing (the largest is {{settled_angles.max():.3f}}°): the
# subspace is PCA's.
#
# Now the axes. Below, top: PCA's three directions as 5 × 5 images; bottom: the linear autoencoder's
# (the decoder's columns, scaled to the same length). Where a pattern is red, the pixel brightens when
# that code number grows; where it is blue, the pixel darkens.

# %% [raw] tags=["deck"]
# ## Same slice, different axes
# - PCA's directions are easy to read; the autoencoder's mix them

# %% deck="figure"
unit_linear = D_linear / np.linalg.norm(D_linear, axis=0)     # PCA's directions have length 1 too
pattern_max = max(np.abs(D_pca).max(), np.abs(unit_linear).max())
fig, axes = plt.subplots(2, 3, figsize=(5.4, 3.8))
for j in range(3):
    for row, (patterns, name) in enumerate(((D_pca, f"PCA direction {j}"), (unit_linear, f"linear AE: z{j}"))):
        ax = axes[row, j]
        ax.imshow(patterns[:, j].reshape(5, 5), cmap="RdBu_r", vmin=-pattern_max, vmax=pattern_max)
        ax.set_title(name, fontsize=9)
        ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("the same subspace, different axes")
fig.tight_layout()
plt.show()

# %% [markdown]
# PCA's directions are easy to read: the first trades the left columns for the right ones (the square
# moves in x), the second the top rows for the bottom ones (y), the third brightens the centre (a square
# in the middle, or a bright one). The autoencoder's patterns are other pictures, blends of PCA's. How
# much of each? Since the two codes describe the same subspace, one is the other times a 3 × 3 matrix:
# `codes_linear ≈ codes_pca @ M`. Least squares finds M.

# %%
M, *_ = np.linalg.lstsq(codes_pca, codes_linear, rcond=None)
mixing_residual = np.abs(codes_pca @ M - codes_linear).max() / np.abs(codes_linear).max()
print("M (rows: PCA's numbers 0, 1, 2; columns: the linear AE's z0, z1, z2):")
print(np.round(M, 2))
print(f"largest misfit of codes_pca @ M, relative to the codes: {mixing_residual:.3f}")


# %% [raw] tags=["deck"]
# ## A non-linear autoencoder
# - The same 3 numbers, with bends: layers with a non-linearity between them

# %% [markdown]
# Every column of M has large entries in more than one row: each of the autoencoder's numbers is a mix
# of PCA's numbers (PCA's own axes would give a diagonal M, up to signs). The misfit is small: M really
# does turn one code into the other. So "PCA = linear autoencoder" holds for what the code *can express*,
# not for what each number *means*. PCA picks its axes by an extra rule that no autoencoder loss has:
# first the direction of largest variance, then the largest perpendicular to it, and so on.
#
# ## 6 · A non-linear autoencoder
# Now let the maps bend. An autoencoder is a network trained to output its own input, an *identity
# function*. That would be trivial, except that the signal must pass through a **bottleneck**: a layer
# of only 3 numbers.
# - the **encoder** maps 25 pixels to 3 numbers (the code);
# - the **bottleneck** is those 3 numbers, the latent space;
# - the **decoder** maps the 3 numbers back to 25 pixels.
#
# To copy well through 3 numbers, the network has to discover a description of the image as good as
# (x, y, brightness). Unlike the linear autoencoder, its layers bend: ReLU units and a sigmoid output
# (pixels in [0, 1]). It sees raw pixels (its biases can learn the mean image).

# %% tags=["export"]
class TinyAutoencoder(nn.Module):
    def __init__(self, n_pixels=25, n_latent=3, hidden=64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_pixels, hidden), nn.ReLU(),
                                     nn.Linear(hidden, hidden), nn.ReLU(),
                                     nn.Linear(hidden, n_latent))                 # -> the bottleneck
        self.decoder = nn.Sequential(nn.Linear(n_latent, hidden), nn.ReLU(),
                                     nn.Linear(hidden, hidden), nn.ReLU(),
                                     nn.Linear(hidden, n_pixels), nn.Sigmoid())   # -> pixels in [0, 1]

    def forward(self, x):
        return self.decoder(self.encoder(x))


# %% [raw] tags=["deck"]
# ## Think first: are the bends worth it?
# - Same 3 numbers per image, same loss
# - Will the bends help much, or only a little?
#
# Answer: a lot. The images lie on a curved surface in pixel space; a curved decoder follows it closely.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Same 3 numbers per image, same loss. Will the bends help much, or only a little?
#
# <details><summary>Answer</summary>
#
# A lot. The images lie on a *curved* 3-D surface in pixel space (a square moving right fades out of
# one column and into the next). A flat 3-D slice, PCA's, can only follow that surface roughly; a
# curved decoder can follow it closely. Expect an error many times smaller.
#
# </details>

# %%
ae = TinyAutoencoder().to(device)
history = lh.fit(ae, reconstruction_loss, torch.tensor(X_train), epochs=60, lr=5e-3, batch_size=128,
                 val_data=torch.tensor(X_test), desc="tiny autoencoder")
ax = lh.plot_history({"training loss": history["loss"], "validation loss": history["val_loss"]},
                     title="tiny autoencoder, 3,000 training images", logy=True)
ax.axhline(mse_pca, color="gray", ls="--", lw=1, label="PCA, held out")
ax.legend(frameon=False)
plt.show()

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
with torch.no_grad():
    codes_ae = ae.encoder(torch.tensor(X_test, device=device)).cpu().numpy()
    recon_ae = ae.decoder(torch.tensor(codes_ae, device=device)).cpu().numpy()
mse_ae = float(((recon_ae - X_test) ** 2).mean())
print(f"held-out MSE per pixel, 3 numbers per image: PCA {mse_pca:.4f}")
print(f"the autoencoder's error is less than a tenth of PCA's: {mse_ae < mse_pca / 10}")

# %% [markdown]
# How much less? The figure comes from a trained network, so it is this run's: on another computer
# the training takes a slightly different path and the figure changes, but not the fact that the
# error is many times smaller than PCA's.

# %%
print(f"this run: autoencoder {mse_ae:.5f}, PCA {mse_pca:.5f}, {mse_pca / mse_ae:.0f} times smaller")

# %% [raw] tags=["deck"]
# ## Three numbers, two encoders
# - The autoencoder's error is less than a tenth of PCA's

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, ax = plt.subplots(figsize=(8, 2.3))
lh.show_images(np.concatenate([X_test[:12], recon_pca[:12], recon_ae[:12]]).clip(0, 1), nrow=12, ax=ax,
               row_labels=["original", "PCA, 3 numbers", "autoencoder, 3"],
               title="held-out images through a 3-number code and back")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: overfitting, on purpose
# - A big network, 30 noisy images, 400 epochs
# - What will the training loss do? And the validation loss?
#
# Answer: training keeps falling below the noise level (learned by heart); validation falls, then rises.

# %% [markdown] slideshow={"slide_type": "slide"}
# PCA's three straight directions capture "how bright" and roughly "where", but the square's edges come
# back smeared over neighbouring pixels. The autoencoder puts squares back where they were: its error is
# below PCA's on {{np.mean(((recon_ae - X_test) ** 2).mean(1) < ((recon_pca - X_test) ** 2).mean(1)):.1%}} of the
# held-out images. Both use the same three numbers per image; what differs is how the numbers are turned
# into pixels. Its training and validation curves again fall together: 3,000 images are plenty for this
# network.
#
# ## 7 · Overfitting, on purpose
# A model **overfits** when it learns its training images by heart, noise and all, instead of what they
# have in common. Let us make it happen: the same kind of network but 4 times wider (256 units a layer),
# trained on only **30** images, each with a little camera noise (a random
# amount, typically ±0.1, added to every pixel, then clipped to [0, 1] as a camera would). The
# validation images are 300 held-out images with noise of their own.
#
# **Think first.** What will the training loss do over 400 epochs? And the validation loss?
#
# <details><summary>Answer</summary>
#
# The training loss keeps falling, far below the noise level (the error of a perfect model that
# returns each clean square): the network reproduces noise that nothing could predict, so it must have
# learned its 30 images by heart. The validation loss falls at first, while the network learns what
# squares look like, then rises again as it bends itself around the 30 images and their noise. The gap
# between the two curves is the overfitting.
#
# </details>

# %%
NOISE = 0.1
few_noisy = np.clip(X_train[:30] + NOISE * np.random.normal(size=(30, 25)), 0, 1).astype(np.float32)
val_noisy = np.clip(X_test[:300] + NOISE * np.random.normal(size=(300, 25)), 0, 1).astype(np.float32)
noise_level = float(((few_noisy - X_train[:30]) ** 2).mean())   # the loss of a model that returns the clean squares
big = TinyAutoencoder(hidden=256).to(device)
n_big_weights = sum(p.numel() for p in big.parameters())
print(f"{n_big_weights:,} weights to learn {few_noisy.size:,} noisy pixel values")
history_big = lh.fit(big, reconstruction_loss, torch.tensor(few_noisy), epochs=400, lr=3e-3, batch_size=30,
                     val_data=torch.tensor(val_noisy), desc="big network, 30 images")

# %% [raw] tags=["deck"]
# ## The curves part
# - Training loss below the noise: the network memorised the noise

# %% slideshow={"slide_type": "fragment"} deck="figure"
val_curve = np.array(history_big["val_loss"])
best_epoch = int(np.argmin(val_curve)) + 1                  # epochs count from 1
overfit_rise = float(val_curve[-1] / val_curve.min())

fig, ax = plt.subplots(figsize=(6, 3.2))
epochs = np.arange(1, len(val_curve) + 1)
ax.plot(epochs, history_big["loss"], label="training loss (30 images)")
ax.plot(epochs, val_curve, label="validation loss (300 new images)")
ax.axhline(noise_level, color="gray", ls="--", lw=1, label="noise level")
ax.axvline(best_epoch, color="tab:orange", ls=":", lw=1, label="lowest validation loss")
ax.set_ylim(0, 0.05)
ax.set_xlabel("epoch"); ax.set_ylabel("loss (mean squared error)")
ax.set_title("a big network on 30 noisy images")
ax.legend(frameon=False, fontsize=8)
plt.show()
print(f"noise level {noise_level:.3f}; final training loss {history_big.last('loss'):.3f}")
print(f"validation loss: lowest {val_curve.min():.3f}, final {val_curve[-1]:.3f}"
      f" ({round(100 * (overfit_rise - 1), -1):.0f} % higher)")

# %% [raw] tags=["deck"]
# ## Every image is a point: codes in 3-D
# - Colour each code by one hidden factor: x, y or brightness
# - Rotate the cloud live in the notebook (six 3-D panels are too many for a slide)

# %% [markdown] slideshow={"slide_type": "slide"}
# The two curves part: the training loss sinks far below the noise level while the validation loss,
# after its lowest point (dotted line, epoch {{best_epoch}}), climbs back up. With {{n_big_weights:,}} weights for
# 750 pixel values, the network has room to store every one of them, noise included. Everything it
# learned after the dotted line was about these 30 images, not about squares. The usual cures:
# - **more data** (the network of section 6 saw 3,000 images and its curves stayed together);
# - **a smaller model**, or a penalty on large weights;
# - **early stopping**: keep the weights from the epoch with the lowest validation loss.
#
# Choosing the epoch by the validation curve uses the validation images, so their loss becomes a little
# optimistic; a careful project keeps a third set, the **test set**, untouched until the very end.
#
# ## 8 · Every image is a point: codes in 3-D
# Each held-out image's code is a point in 3-D. Colour the points by one hidden factor at a time
# (0 = left, top or dim; 1 = right, bottom or bright): if the code space is organised by that factor,
# the colour changes steadily across the cloud. Top row: PCA's codes; bottom row: the autoencoder's of
# section 6.

# %% slideshow={"slide_type": "fragment"}
factor_names = list(test.factor_names)          # ["x", "y", "brightness"]

def abs_correlations(Z, F):
    """|correlation| between each code number (rows z0, z1, z2) and each factor (columns)."""
    return np.array([[abs(np.corrcoef(Z[:, j], F[:, i])[0, 1]) for i in range(F.shape[1])]
                     for j in range(Z.shape[1])])

fig = plt.figure(figsize=(11, 7.6))
for row, (Z, enc) in enumerate(((codes_pca, "PCA"), (codes_ae, "autoencoder"))):
    for col, name in enumerate(factor_names):
        ax = fig.add_subplot(2, 3, 3 * row + col + 1, projection="3d")
        sc = ax.scatter(Z[:, 0], Z[:, 1], Z[:, 2], c=test_factors[:, col], cmap="viridis", vmin=0, vmax=1,
                        s=4, depthshade=False)
        ax.set_title(f"{enc} codes, coloured by {name}", fontsize=10)
        ax.set_xlabel("z0"); ax.set_ylabel("z1"); ax.set_zlabel("z2")
        ax.set_box_aspect(None, zoom=0.85)     # a smaller box leaves room for the axis labels
fig.subplots_adjust(left=0.0, right=0.84, bottom=0.03, top=0.95, wspace=0.1, hspace=0.15)
cax = fig.add_axes((0.93, 0.25, 0.012, 0.5))     # one colour bar for all panels, clear of their labels
fig.colorbar(sc, cax=cax, label="factor value")
plt.show()

# %% [markdown]
# Position is laid out in steps: in every x and y panel the colour runs from one side of the cloud to the
# other. For PCA it runs along the axes (x along z0, y along z1); for the autoencoder along slanted
# directions that mix z0, z1 and z2. Brightness is stored differently: dim squares sit in the middle of
# each cloud and bright ones on its outside, so brightness is the distance from the cloud's centre, not a
# direction. Where a panel looks speckled (x for the autoencoder), points of different colours lie
# behind one another in this view, not mixed up in the code: turn the cloud yourself. Drag it to turn
# it (the wheel zooms, hovering names a point); the menus choose the encoder and the colouring.

# %%
view_codes = {"autoencoder": codes_ae, "PCA": codes_pca, "linear autoencoder": codes_linear}
# the cloud turns in the page (drag it; the wheel zooms, hovering names a point); the menus ask the kernel
CloudExplorer({name: Z[:500] for name, Z in view_codes.items()},
              {name: test.factor(name)[:500] for name in factor_names}, title="rotate the latent space")

# %% [markdown]
# How much does each code number follow each factor? The tables give the absolute correlation
# between the code numbers z0, z1, z2 and the hidden factors (1 = in perfect step, 0 = unrelated).

# %%
# NBVAL_CHECK_OUTPUT
def print_correlations(Z, encoder):
    print(f"{encoder}: |correlation| of code number with factor")
    print("      " + "  ".join(f"{n:>10s}" for n in factor_names))
    for j, row in enumerate(abs_correlations(Z, test_factors)):
        print(f"  z{j}  " + "  ".join(f"{c:10.1f}" for c in row))

print_correlations(codes_pca, "PCA")
follows_both = [j for j, row in enumerate(abs_correlations(codes_ae, test_factors)) if min(row[:2]) > 0.4]
print(f"autoencoder: some code number follows x and y at once (|correlation| above 0.4 with each): {len(follows_both) > 0}")

# %% [markdown]
# PCA's z0 and z1 follow x and y, and its z2 the brightness only loosely (brightness is a distance from
# the centre, which a correlation, made for straight lines, sees poorly). The autoencoder's table is
# this run's: which mix training ends at depends on the smallest differences in arithmetic, so on
# another computer its figures differ, while the mixing stays.

# %%
print_correlations(codes_ae, "autoencoder (this run)")

# %% [raw] tags=["deck"]
# ## Similar images land close, but "close" depends on the distance
# - A: a square; B: A dimmed; C: A moved a little; D: far away

# %% [markdown] slideshow={"slide_type": "slide"}
# The autoencoder's numbers mix x and y: in this run {{len(follows_both)}} of its 3 numbers follow both at once.
# Nobody told either model what the factors are, and nothing forces a code number to follow one
# factor: a rotated or bent copy of (x, y, brightness) describes the images just as well, as the
# linear autoencoder's mixed axes showed, so another random start can end at another mix.
# Making each number mean one factor, *disentanglement*, is a topic of notebook 05.
#
# ## 9 · Similar images land close, but "close" depends on the distance
# Two common ways to measure how far apart two vectors a and b are:
# - **Euclidean distance** $\lVert a - b \rVert$: the straight-line distance; sensitive to length;
# - **cosine distance** $1 - \frac{a \cdot b}{\lVert a \rVert \lVert b \rVert}$: only the angle between
#   the arrows from the origin to a and to b; a vector and twice that vector are at distance 0.
#
# Four images: A, a white square on the left; B, the same square, dim; C, the white square moved a
# little to the right; D, the white square at the far right.

# %% slideshow={"slide_type": "fragment"} deck="figure"
quad = {"A": [0.2, 0.5, 1.0], "B": [0.2, 0.5, 0.0], "C": [0.4, 0.5, 1.0], "D": [1.0, 0.5, 1.0]}
quad_images = lh.render_toy(np.array(list(quad.values()), dtype=np.float32))
quad_pixels = quad_images.reshape(4, 25)
with torch.no_grad():
    quad_codes = ae.encoder(torch.tensor(quad_pixels, device=device)).cpu().numpy()
quad_pca = pca.transform(quad_pixels)

fig, axes = plt.subplots(1, 4, figsize=(6, 1.8))
for ax, name, img in zip(axes, quad, quad_images):
    ax.imshow(img, cmap="gray", vmin=0, vmax=1)
    ax.set_title(f"{name}: x={quad[name][0]}, b={quad[name][2]}", fontsize=8)
    ax.set_axis_off()
plt.show()


# %% [raw] tags=["deck"]
# ## Think first: which image is nearest to A?
# - In pixel space, by Euclidean distance? By cosine distance?
#
# Answer: Euclidean: C, the small move. Cosine: B, at distance 0: its pixels are A's times a constant.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** In pixel space, which of B, C and D is nearest to A by Euclidean distance? And by
# cosine distance?
#
# <details><summary>Answer</summary>
#
# Euclidean: C. Dimming changes every pixel of the square by three quarters of its value, while a small
# move changes only the pixels at the square's edges. Cosine: B, at distance exactly 0: B's pixels are
# A's pixels times a constant (0.25), the same direction from the black image.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
def euclidean(a, b):
    return float(np.linalg.norm(a - b))

def cosine(a, b):
    return float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))

def print_distances(space, V):
    """Two rows: the Euclidean and the cosine distance from A (row 0 of V) to B, C and D (rows 1-3)."""
    for dist_name, dist in (("Euclidean", euclidean), ("cosine", cosine)):
        print(f"{space:31s} {dist_name:10s} " + "  ".join(f"{dist(V[0], V[i]):8.2f}" for i in (1, 2, 3)))

print(f"{'distance from A to':42s} {'B (dim)':>8s} {'C (moved)':>10s} {'D (far)':>8s}")
print_distances("pixels (origin: black image)", quad_pixels)
print_distances("PCA codes (origin: mean image)", quad_pca)

# %% [markdown] slideshow={"slide_type": "slide"}
# In **pixel space** the two distances disagree about which image is nearest to A, as the Think-first
# answer said; both agree that D is far. Neither is "right": cosine suits data where overall strength
# does not matter (word embeddings, notebook 07), Euclidean data where it does.
#
# Cosine distance looks at arrows drawn *from the origin*, so it depends on where the origin is, and
# the origin means something only in some spaces:
# - in pixel space it is the black image, so an arrow's direction is a pattern of ink and its length is
#   how much ink: "B is A, dimmed" is "same direction";
# - in PCA's code space it is the mean image (PCA subtracts it first), so directions are ways of
#   differing from a typical image;
# - in the autoencoder's code space it is wherever training happened to put it. Add 2 to every code and
#   subtract the effect in the decoder's first layer (its bias): the model is the same. Are the
#   distances?
#
# The autoencoder's codes below come from a trained network, so their figures are this run's (another
# computer's run lands elsewhere); the cell after them states what holds in every run.

# %%
ae_spaces = {
    "AE codes (origin: arbitrary)": quad_codes,
    "AE codes, moved by +2": quad_codes + 2.0,
    "AE codes, centred": quad_codes - codes_ae.mean(0),
}
for space, V in ae_spaces.items():
    print_distances(space, V)

# %%
# NBVAL_CHECK_OUTPUT
raw_codes, moved, centred = ae_spaces.values()
print("moving the origin changes no Euclidean distance:",
      all(abs(euclidean(V[0], V[i]) - euclidean(raw_codes[0], raw_codes[i])) < 1e-4 for V in (moved, centred) for i in (1, 2, 3)))
print("moving the origin changes the cosine distances: ",
      any(abs(cosine(moved[0], moved[i]) - cosine(raw_codes[0], raw_codes[i])) > 0.01 for i in (1, 2, 3)))
print("Euclidean: D is the farthest from A:            ",
      euclidean(raw_codes[0], raw_codes[3]) > max(euclidean(raw_codes[0], raw_codes[i]) for i in (1, 2)))
print("centred codes, cosine: D points away from A:    ", cosine(centred[0], centred[3]) > 1)

# %% [raw] tags=["deck"]
# ## Decoding a point: three sliders
# - Each row starts from A's code and moves one number across its range
# - No slider is a clean "x" or "y" knob

# %% [markdown] slideshow={"slide_type": "slide"}
# Every Euclidean distance stays the same, but the cosine distances change (row "moved by +2"). They
# were never a property of the images, only of an arbitrary origin. In this run's raw codes, cosine puts
# D, the square at the far right, at {{cosine(quad_codes[0], quad_codes[3]):.2f}} from A, against
# {{cosine(quad_codes[0], quad_codes[1]):.2f}} for the dimmed B, while by Euclidean distance D is
# {{euclidean(quad_codes[0], quad_codes[3]) / max(euclidean(quad_codes[0], quad_codes[i]) for i in (1, 2)):.0f}} times
# farther than B or C: cosine of raw codes measures an accident of training.
#
# So use cosine in a code space only after giving the origin a meaning: **centre the codes** (subtract
# the mean code, last row), which puts the origin at the typical image, as PCA does: then D points away
# from A, as in PCA's space. Euclidean distance needs no origin. The lesson: always say which distance,
# in which space, you mean when you say two things are close.
#
# ## 10 · Decoding a point: three sliders
# The decoder turns *any* 3 numbers into an image, not only the codes of training images. Each slider
# below is one latent number, z0, z1 or z2; the picture is the decoder's output for the current point.
# The sliders start at the code of image A and range over the codes the encoder produced.

# %%
code_ranges = np.stack([codes_ae.min(0), codes_ae.max(0)], axis=1)     # (3, 2): lowest and highest of z0, z1, z2
sliders = LatentSliders(ae.decoder, base_code=quad_codes[0], ranges=code_ranges,
                        title="decode a point of the 3-D latent space")
sliders

# %% [markdown]
# What each slider does, all at once: each row starts from A's code and moves one number from its
# lowest to its highest value (over the held-out codes), the other two staying put.

# %% slideshow={"slide_type": "fragment"} deck="figure"
steps = np.linspace(0, 1, 9)
walks = []
for j in range(3):
    walk = np.repeat(quad_codes[:1], len(steps), axis=0)
    walk[:, j] = code_ranges[j, 0] + steps * (code_ranges[j, 1] - code_ranges[j, 0])
    walks.append(walk)
with torch.no_grad():
    walk_images = ae.decoder(torch.tensor(np.concatenate(walks), dtype=torch.float32, device=device)).cpu().numpy()
fig, ax = plt.subplots(figsize=(7, 2.8))
lh.show_images(walk_images, nrow=len(steps), ax=ax, row_labels=["z0", "z1", "z2"],
               title="one latent number at a time, lowest to highest")
plt.show()


# %% [markdown] slideshow={"slide_type": "slide"}
# No slider is a clean "x" or "y" knob, as the correlation table predicted: each moves the square along
# a slant, and some change its brightness on the way. Between the clean squares some steps give faint
# smudges that no image of the family looks like: moving one number alone, from A's code, soon leaves
# the cloud of codes that real images have, and there the decoder was never trained. A latent space is only meaningful where the
# data lives.
#
# ## Summary
# - A 5 × 5 image is 25 numbers; a 3-number code is a point in 3-D, with coordinates z0, z1, z2.
#   A code can only be that short if the images share structure: our family is made from 3 factors.
# - Training: a loss, its gradient (`loss.backward()`), and small steps downhill (learning rate), one
#   batch at a time, epoch after epoch. The training curve says how well the model fits its data; the
#   validation curve, on held-out data, says how well it will do on new data. When they part, the model
#   is overfitting: stop early, use more data or a smaller model.
# - A linear autoencoder trained by gradient descent finds PCA's subspace (principal angles near 0) but
#   not PCA's axes: its code numbers are mixtures of PCA's.
# - A non-linear autoencoder (encoder, 3-number bottleneck, decoder) reconstructs the family far better
#   than PCA's straight lines with the same 3 numbers.
# - Which image is "nearest" depends on the distance; cosine distance also depends on the origin, which
#   in an autoencoder's code space is arbitrary until you centre the codes.
#
# ## Exercises
# **Exercise 1: gradient descent by hand.** Write `sgd_step(model, x, lr)`, one step of plain gradient
# descent for an autoencoder **without an optimizer**: compute the loss
# `((model(x) - x) ** 2).mean()`, its gradients, move every weight `p` of `model.parameters()` by
# `-lr * p.grad`, and leave the gradients cleared for the next step. Return the loss (before the
# step) as a number. There are two or three classic traps; if you fall into one, the check names it.
# Once your step is right, the check trains a linear autoencoder with it and compares the subspace it
# finds with PCA's.

# %% [raw] tags=["deck"]
# ## Exercise 1 · gradient descent by hand
# - `sgd_step(model, x, lr)`: the loss, its gradients, every weight moved by `-lr * p.grad`
# - No optimizer

# %%
def sgd_step(model, x, lr):
    """One step of plain gradient descent on the reconstruction loss of batch x; returns the loss."""
    return None

from latent_helpers.exercises import check_sgd_step
check_sgd_step(sgd_step)


# %% tags=["solution"]
def sgd_step(model, x, lr):
    """One step of plain gradient descent on the reconstruction loss of batch x; returns the loss."""
    loss = ((model(x) - x) ** 2).mean()
    loss.backward()                       # fills p.grad for every weight
    with torch.no_grad():                 # the update is not part of the loss: don't record it
        for p in model.parameters():
            p -= lr * p.grad              # in place: the model's own weight moves
            p.grad = None                 # cleared, or the next backward() would add to it
    return loss.item()

assert check_sgd_step(sgd_step)


# %% [raw] tags=["deck"]
# ## Exercise 2 · principal angles
# - `principal_angles(A, B)` without scipy, in degrees, smallest first
# - Orthonormalise with `np.linalg.qr`, then the singular values of `Qa.T @ Qb`

# %% [markdown]
# **Exercise 2: principal angles.** Write `principal_angles(A, B)` without scipy: the principal angles,
# in degrees and smallest first, between the subspaces spanned by the columns of `A` and of `B`
# (both 25 × 3). Recipe: orthonormalise the columns of each (`Q, _ = np.linalg.qr(A)`); the singular
# values of `Qa.T @ Qb` are the cosines of the angles. Mind rounding: a cosine can come out as
# 1.0000001. Then try it on `D_linear` and `D_pca`.

# %%
def principal_angles(A, B):
    """The principal angles (degrees, smallest first) between the column spaces of A and B."""
    return None

from latent_helpers.exercises import check_principal_angles
check_principal_angles(principal_angles)


# %% tags=["solution"]
def principal_angles(A, B):
    """The principal angles (degrees, smallest first) between the column spaces of A and B."""
    qa, _ = np.linalg.qr(A)
    qb, _ = np.linalg.qr(B)
    cosines = np.linalg.svd(qa.T @ qb, compute_uv=False)
    return np.sort(np.degrees(np.arccos(np.clip(cosines, -1.0, 1.0))))

print(np.round(principal_angles(D_linear, D_pca), 1))
assert check_principal_angles(principal_angles)

# %% [raw] tags=["deck"]
# ## Exercise 3 · what is the bend worth?
# - The smallest number of PCA components whose held-out error is at most the autoencoder's

# %% [markdown]
# **Exercise 3: what is the bend worth?** The autoencoder reconstructs held-out images with an error of
# `mse_ae` from 3 numbers. What is the **smallest number of PCA components** whose held-out error (PCA
# fitted on `X_train`, measured on `X_test`) is no larger than `mse_ae`?

# %%
answer = None   # a number of PCA components

from latent_helpers.exercises import check_pca_components
check_pca_components(answer, X_train, X_test, mse_ae)

# %% tags=["solution"]
for k in range(1, 26):
    pca_k = PCA(n_components=k).fit(X_train)
    error_k = float(((pca_k.inverse_transform(pca_k.transform(X_test)) - X_test) ** 2).mean())
    if error_k <= mse_ae:
        break
answer = k
print(f"PCA needs {answer} numbers per image: held-out error {error_k:.5f} <= {mse_ae:.5f}")
assert check_pca_components(answer, X_train, X_test, mse_ae)

# %% [raw] tags=["deck"]
# ## Exercise 4 · two or four numbers
# - Retrain with `n_latent=2`: which factor is given up, how much does the error grow?
# - And with `n_latent=4`?

# %% [markdown]
# **Exercise 4 (open).** Change `n_latent=3` to `n_latent=2` in the autoencoder of section 6 and
# retrain. Which factor does the model give up, and how much does the error grow? What happens with
# `n_latent=4`? And in section 7: how few epochs would early stopping keep, and how does the gap between
# the curves change with 300 training images instead of 30?
#
# ## Further reading
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning* (MIT Press, 2016), free online: chapter 5.2
#   (capacity, overfitting), chapter 8 (training: batches, learning rates, Adam), chapter 14 (autoencoders).
# - P. Baldi and K. Hornik, *Neural networks and principal component analysis: learning from examples
#   without local minima*, Neural Networks 2 (1989): why a linear autoencoder ends at PCA's subspace.
# - G. Hinton and R. Salakhutdinov, *Reducing the dimensionality of data with neural networks*, Science 2006:
#   autoencoders beating PCA.
# - Next: [03 · Chairs and desks](03_chairs_and_desks.ipynb), a latent space of objects with known factors.

# %% [raw] tags=["benchmark"]
# toy_pca_mse = mse_pca
# toy_ae_mse = mse_ae
# toy_ae_pca_mse_ratio = mse_ae / mse_pca
# toy_linear_ae_max_principal_angle_deg = float(linear_pca_angles.max())
# toy_linear_ae_pca_mse_ratio = mse_linear / mse_pca
# toy_overfit_val_rise = overfit_rise

# %% [raw] tags=["claims"]
# 0.55 < 1 - mse_pca / mse_mean < 0.75  # "Three numbers remove"
# mse_pca > 2 * mse_ae  # "Expect PCA to need help"
# curves["training loss"][0] > 1.5 * mse_pca and abs(curves["validation loss"][-1] / mse_pca - 1) < 0.02  # "Both curves fall steeply in the first epochs and then flatten onto PCA's error"
# abs(curves["validation loss"][-1] / curves["training loss"][-1] - 1) < 0.05  # "The validation curve stays on the training curve"
# all(v < t for v, t in zip(curves["validation loss"][:3], curves["training loss"][:3]))  # "In the first epochs the validation loss is below the training loss"
# 0.9 * mse_pca < min(curves["validation loss"]) < mse_pca  # "for a while it dips a hair below PCA's held-out error"
# lr_curves[1][-1] > 0.5 * lr_curves[1][0] and lr_curves[1][-1] > 1.5 * mse_pca  # "after 90 steps the loss has fallen only a little"
# np.mean(lr_curves[20][-10:]) < 1.1 * mse_pca  # "A well-chosen step falls fast"
# np.isinf(lr_curves[50][-1]) and len(lr_curves[50]) <= 15  # "the loss explodes (here past 10, where the code stops it, within a few steps)"
# lr_curves[1][-1] > 1.5 * mse_pca and lr_curves[1][-1] < lr_curves[1][0]  # "With lr = 1 the loss creeps down"
# np.mean(lr_curves[20][-10:]) < 1.1 * mse_pca  # "with lr = 20 it reaches PCA's error by the end of the third epoch"
# np.isinf(lr_curves[50][-1]) and len(lr_curves[50]) <= 15  # "it explodes after a few steps"
# linear_pca_angles.max() < 3  # "It finds the same subspace"
# linear_pca_angles.max() < 3 and 50 < random_angles.min() and random_angles.max() < 90  # "where a random subspace is 50° to 90°"
# abs(mse_linear / mse_pca - 1) < 0.01  # "the two errors agree"
# 0.3 < linear_pca_angles.max() < 2.5  # "The degree or so that is left"
# settled_angles.max() < 0.2 < linear_pca_angles.min()  # "With the exact gradient the angles shrink"
# D_pca[:, 0].reshape(5, 5)[:, :2].sum() * D_pca[:, 0].reshape(5, 5)[:, 3:].sum() < 0 and abs(D_pca[:, 0].reshape(5, 5)[:, :2].sum() - D_pca[:, 0].reshape(5, 5)[:, 3:].sum()) > 2 * abs(D_pca[:, 0].reshape(5, 5)[:2].sum() - D_pca[:, 0].reshape(5, 5)[3:].sum())  # "the first trades the left columns for the right ones"
# D_pca[:, 1].reshape(5, 5)[:2].sum() * D_pca[:, 1].reshape(5, 5)[3:].sum() < 0 and abs(D_pca[:, 1].reshape(5, 5)[:2].sum() - D_pca[:, 1].reshape(5, 5)[3:].sum()) > 2 * abs(D_pca[:, 1].reshape(5, 5)[:, :2].sum() - D_pca[:, 1].reshape(5, 5)[:, 3:].sum())  # "the second the top rows for the bottom ones"
# abs(D_pca[12, 2]) == np.abs(D_pca[:, 2]).max()  # "the third brightens the centre"
# all(np.sort(np.abs(M[:, j]))[-2] > 0.4 * np.abs(M[:, j]).max() for j in range(3))  # "Every column of M has large entries in more than one row"
# mixing_residual < 0.05  # "The misfit is small"
# mse_pca > 10 * mse_ae  # "Expect an error many times smaller"
# mse_pca > 10 * mse_ae  # "but not the fact that the error is many times smaller than PCA's"
# np.mean(((recon_ae - X_test) ** 2).mean(1) < ((recon_pca - X_test) ** 2).mean(1)) > 0.95  # "The autoencoder puts squares back where they were"
# history["val_loss"][-1] < 1.5 * history["loss"][-1]  # "Its training and validation curves again fall together"
# history["val_loss"][-1] < 1.5 * history["loss"][-1]  # "the network of section 6 saw 3,000 images and its curves stayed together"
# history_big.last("loss") < noise_level / 3  # "The training loss keeps falling, far below the noise level"
# best_epoch < 200 and val_curve.min() < 0.8 * val_curve[0] and val_curve[-1] > 1.1 * val_curve.min()  # "The validation loss falls at first"
# history_big.last("loss") < noise_level / 3 and val_curve[-1] > 1.1 * val_curve.min()  # "The two curves part"
# n_big_weights > 100 * few_noisy.size  # "the network has room to store every one of them"
# all((1 - np.linalg.lstsq(np.c_[Z, np.ones(len(Z))], test_factors[:, i], rcond=None)[1][0] / len(Z) / test_factors[:, i].var()) > 0.75 for Z in (codes_pca, codes_ae) for i in (0, 1))  # "in every x and y panel the colour runs from one side of the cloud to the other"
# abs_correlations(codes_pca, test_factors)[0, 0] > 0.8 and abs_correlations(codes_pca, test_factors)[1, 1] > 0.8  # "For PCA it runs along the axes (x along z0, y along z1)"
# all((abs_correlations(codes_ae, test_factors)[:, i] > 0.3).sum() >= 2 for i in (0, 1))  # "for the autoencoder along slanted directions that mix z0, z1 and z2"
# all(np.linalg.norm(Z - Z.mean(0), axis=1)[test_factors[:, 2] < 0.2].mean() < 0.7 * np.linalg.norm(Z - Z.mean(0), axis=1)[test_factors[:, 2] > 0.8].mean() for Z in (codes_pca, codes_ae))  # "dim squares sit in the middle of each cloud and bright ones on its outside"
# all(np.corrcoef(np.linalg.norm(Z - Z.mean(0), axis=1), test_factors[:, 2])[0, 1] > 0.45 and (1 - np.linalg.lstsq(np.c_[Z, np.ones(len(Z))], test_factors[:, 2], rcond=None)[1][0] / len(Z) / test_factors[:, 2].var()) < 0.4 for Z in (codes_pca, codes_ae))  # "brightness is the distance from the cloud's centre, not a direction"
# np.corrcoef(test_factors[np.argsort(((codes_ae[:, None] - codes_ae[None]) ** 2).sum(-1), axis=1)[:, 1], 0], test_factors[:, 0])[0, 1] > 0.95  # "not mixed up in the code"
# abs_correlations(codes_pca, test_factors)[0, 0] > 0.8 and abs_correlations(codes_pca, test_factors)[1, 1] > 0.8 and 0.3 < abs_correlations(codes_pca, test_factors)[2, 2] < 0.7  # "PCA's z0 and z1 follow x and y, and its z2 the brightness only loosely"
# len(follows_both) >= 1  # "The autoencoder's numbers mix x and y"
# np.allclose(quad_pixels[1], 0.25 * quad_pixels[0])  # "B's pixels are A's pixels times a constant (0.25)"
# euclidean(quad_pixels[0], quad_pixels[2]) < euclidean(quad_pixels[0], quad_pixels[1]) and cosine(quad_pixels[0], quad_pixels[1]) < 1e-6 < cosine(quad_pixels[0], quad_pixels[2])  # "the two distances disagree about which image is nearest to A"
# all(dist(V[0], V[3]) > max(dist(V[0], V[1]), dist(V[0], V[2])) for dist in (euclidean, cosine) for V in (quad_pixels, quad_pca))  # "both agree that D is far"
# all(abs(euclidean(V[0], V[i]) - euclidean(quad_codes[0], quad_codes[i])) < 1e-4 for V in (quad_codes + 2.0, quad_codes - codes_ae.mean(0)) for i in (1, 2, 3))  # "Every Euclidean distance stays the same"
# any(abs(cosine(quad_codes[0] + 2, quad_codes[i] + 2) - cosine(quad_codes[0], quad_codes[i])) > 0.01 for i in (1, 2, 3))  # "but the cosine distances change"
# euclidean(quad_codes[0], quad_codes[3]) > 3 * max(euclidean(quad_codes[0], quad_codes[i]) for i in (1, 2))  # "times farther than B or C"
# cosine(quad_codes[0] - codes_ae.mean(0), quad_codes[3] - codes_ae.mean(0)) > 1 and cosine(quad_pca[0], quad_pca[3]) > 1  # "then D points away from A, as in PCA's space"
# not any(max(r[:2]) > 0.9 and min(r[:2]) < 0.3 for r in abs_correlations(codes_ae, test_factors))  # "No slider is a clean"
# np.ptp(walk_images.reshape(3, len(steps), -1).max(-1), axis=1).max() > 0.5  # "some change its brightness on the way"
# walk_images.reshape(3 * len(steps), -1).max(1).min() < 0.5  # "some steps give faint"
# np.sqrt(((walk_images.reshape(-1, 1, 25) - X_test[None]) ** 2).sum(-1)).min(1).max() > 3 * np.median(np.sort(np.sqrt(((X_test[:200, None] - X_test[None]) ** 2).sum(-1)), axis=1)[:, 1])  # "smudges that no image of the family looks like"
# np.linalg.norm(np.concatenate(walks)[:, None] - codes_ae[None], axis=2).min(1).max() > 5 * np.median(np.sort(np.linalg.norm(codes_ae[:, None] - codes_ae[None], axis=2), axis=1)[:, 1])  # "soon leaves the cloud of codes that real images have"
# linear_pca_angles.max() < 3 and all(np.sort(np.abs(M[:, j]))[-2] > 0.4 * np.abs(M[:, j]).max() for j in range(3))  # "finds PCA's subspace (principal angles near 0) but not PCA's axes"
# mse_pca > 10 * mse_ae  # "reconstructs the family far better than PCA's straight lines with the same 3 numbers"
