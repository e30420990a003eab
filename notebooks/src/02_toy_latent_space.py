# %% [markdown]
# # 02 · A toy latent space: a 5 × 5 image becomes three numbers
#
# Notebook 01 compressed digits with PCA. Here everything is small enough to see at once: tiny
# 5 × 5 images that are made from exactly three hidden numbers. We squeeze each image into a
# 3-number code, draw every code as a point in 3-D, and turn points back into images with sliders.
#
# **In this notebook you will learn**
# - what it means to write a 5 × 5 image (25 numbers) as a 3-number code, and to draw that code as a point;
# - the three parts of an autoencoder: encoder, bottleneck, decoder, and why it is trained to copy its input;
# - how a linear encoder (PCA) and a small non-linear autoencoder compare on the same data;
# - that similar images land close in code space, and that "close" depends on the distance you pick (Euclidean or cosine);
# - how to walk through a latent space with one slider per latent number.
#
# **Time to run:** about 30 seconds on a laptop CPU. **Prerequisites:** notebook 01 (PCA, reconstruction error).

# %%
%matplotlib inline
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from sklearn.decomposition import PCA

import latent_helpers as lh
from latent_helpers.widgets import LatentSliders, LivePlot

device = lh.setup(seed=0)

# %% [markdown]
# ## 1 · The example: 25 numbers and 3 numbers
# Articles about latent spaces like this picture: a 5 × 5 grey image, one channel (5 × 5 × 1), and a
# latent space of size 3 × 1, so that the image is stored as a vector of three numbers, here
# **[0.4, 0.3, 0.8]**. Three numbers are a point in ordinary 3-D space: one number is x, one y, one z.

# %%
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
ax3.set_xlabel("z1"); ax3.set_ylabel("z2"); ax3.set_zlabel("z3")
ax3.set_title("latent space: 3 numbers = one point")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print("image shape:", image.shape, "->", image.size, "numbers")
print("code:", [round(float(v), 2) for v in code], "->", code.size, "numbers")
print(f"numbers per image: {image.size / code.size:.1f} times fewer")

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
# are the *latent* (hidden) variables: the model will only ever see the 25 pixels.

# %%
train = lh.make_toy(3000, seed=0)
test = lh.make_toy(1000, seed=1)      # held out, for honest errors
X_train = train.images.reshape(-1, 25)
X_test = test.images.reshape(-1, 25)

fig, ax = plt.subplots(figsize=(9, 2.2))
lh.show_images(test.images[:16], nrow=16, ax=ax, title="16 toy images (x, y, brightness below)")
ax.set_xticks([(i + 0.5) * 6 for i in range(16)])
ax.set_xticklabels([f"{f[0]:.1f}\n{f[1]:.1f}\n{f[2]:.1f}" for f in test.factors[:16]], fontsize=7)
plt.show()

# %% [markdown]
# ## 3 · A linear encoder: PCA with three components
# PCA (notebook 01) is the simplest encoder: the code is the image's coordinates along 3 fixed
# directions, and decoding adds those 3 directions back up. Both steps are straight-line (linear) maps.

# %%
pca = PCA(n_components=3, random_state=0).fit(X_train)
codes_pca = pca.transform(X_test)
recon_pca = pca.inverse_transform(codes_pca)
mse_pca = float(((recon_pca - X_test) ** 2).mean())

# %% [markdown]
# ## 4 · A non-linear autoencoder
# An autoencoder is a network trained to output its own input, an *identity function*. That would
# be trivial, except that the signal must pass through a **bottleneck**: a layer of only 3 numbers.
# - the **encoder** maps 25 pixels to 3 numbers (the code);
# - the **bottleneck** is those 3 numbers, the latent space;
# - the **decoder** maps the 3 numbers back to 25 pixels.
#
# To copy well through 3 numbers, the network has to discover a description of the image as good as
# (x, y, brightness). Unlike PCA, its layers bend: ReLU units and a sigmoid output (pixels in [0, 1]).

# %%
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


def reconstruction_loss(model, batch):
    x = batch[0]
    return ((model(x) - x) ** 2).mean()      # copy the input: mean squared pixel error


torch.set_num_threads(1)   # a network this small runs no faster on two threads, and one thread is steadier
torch.manual_seed(0)
ae = TinyAutoencoder().to(device)
history = lh.fit(ae, reconstruction_loss, torch.tensor(X_train), epochs=60, lr=5e-3, batch_size=128,
                 val_data=torch.tensor(X_test), desc="tiny autoencoder")

# %%
# NBVAL_CHECK_OUTPUT
with torch.no_grad():
    codes_ae = ae.encoder(torch.tensor(X_test, device=device)).cpu().numpy()
    recon_ae = ae.decoder(torch.tensor(codes_ae, device=device)).cpu().numpy()
mse_ae = float(((recon_ae - X_test) ** 2).mean())
print(f"held-out MSE per pixel, 3 numbers per image: PCA {mse_pca:.4f}, autoencoder {mse_ae:.4f}")
print(f"the autoencoder's error is about {round(mse_pca / mse_ae, -1):.0f} times smaller")
_ = lh.record_metric("toy_pca_mse", mse_pca)
_ = lh.record_metric("toy_ae_mse", mse_ae)
_ = lh.record_metric("toy_ae_pca_mse_ratio", mse_ae / mse_pca)

# %%
fig, ax = plt.subplots(figsize=(8, 2.3))
lh.show_images(np.concatenate([X_test[:12], recon_pca[:12], recon_ae[:12]]).clip(0, 1), nrow=12, ax=ax,
               row_labels=["original", "PCA, 3 numbers", "autoencoder, 3"],
               title="held-out images through a 3-number code and back")
plt.show()

# %% [markdown]
# PCA's three straight directions capture "how bright" and roughly "where", but the square's edges come
# back smeared over neighbouring pixels: moving a square is not a straight line in pixel space. The
# autoencoder's curved decoder puts squares back where they were, with an error dozens of times smaller.
# Both use the same three numbers per image; what differs is how the numbers are turned into pixels.
#
# ## 5 · Every image is a point: codes in 3-D
# Each held-out image's code is a point in 3-D. Colour the points by one hidden factor at a time: if
# the code space is organised by that factor, the colour changes smoothly across the cloud.

# %%
factor_names = ["x", "y", "brightness"]
fig = plt.figure(figsize=(12, 7))
for row, (Z, enc) in enumerate(((codes_pca, "PCA"), (codes_ae, "autoencoder"))):
    for col, name in enumerate(factor_names):
        ax = fig.add_subplot(2, 3, 3 * row + col + 1, projection="3d")
        sc = ax.scatter(Z[:, 0], Z[:, 1], Z[:, 2], c=test.factors[:, col], cmap="viridis", s=4)
        ax.set_title(f"{enc} codes, coloured by {name}")
        ax.set_xlabel("z1"); ax.set_ylabel("z2"); ax.set_zlabel("z3")
        fig.colorbar(sc, ax=ax, shrink=0.6, label=name)
fig.tight_layout()
plt.show()

# %% [markdown]
# Turn the cloud yourself: the sliders rotate the view, the menus choose the encoder and the colouring.

# %%
view_codes = {"autoencoder": codes_ae, "PCA": codes_pca}

def draw_cloud(fig, azimuth, elevation, encoder, colour_by):
    # persistent figure: the axes are built once, then only the points, colours and view change
    Z = view_codes[encoder][:500]
    colours = test.factors[:500, factor_names.index(colour_by)]
    if not fig.axes:
        ax = fig.add_subplot(projection="3d")
        ax.scatter(Z[:, 0], Z[:, 1], Z[:, 2], c=colours, cmap="viridis", vmin=0, vmax=1, s=5)
        ax.set_xlabel("z1"); ax.set_ylabel("z2"); ax.set_zlabel("z3")
    ax = fig.axes[0]
    points = ax.collections[0]
    points._offsets3d = (Z[:, 0], Z[:, 1], Z[:, 2])
    points.set_array(colours)
    for set_lim, col in ((ax.set_xlim, Z[:, 0]), (ax.set_ylim, Z[:, 1]), (ax.set_zlim, Z[:, 2])):
        set_lim(col.min(), col.max())
    ax.view_init(elev=elevation, azim=azimuth)
    ax.set_title(f"{encoder} codes coloured by {colour_by}")

LivePlot(draw_cloud, {
    "azimuth": W.IntSlider(value=-60, min=-180, max=180, step=5, description="azimuth"),
    "elevation": W.IntSlider(value=20, min=-90, max=90, step=5, description="elevation"),
    "encoder": W.Dropdown(options=["autoencoder", "PCA"], value="autoencoder", description="encoder"),
    "colour_by": W.Dropdown(options=factor_names, value="x", description="colour by"),
}, figsize=(4.5, 4.0), title="rotate the latent space", persistent=True)

# %% [markdown]
# How much does each code number follow each factor? The table gives the absolute correlation
# between the code numbers and the hidden factors (1 = in perfect step, 0 = unrelated).

# %%
# NBVAL_CHECK_OUTPUT
for Z, enc in ((codes_pca, "PCA"), (codes_ae, "autoencoder")):
    print(f"{enc}: |correlation| of code number with factor")
    print("        " + "  ".join(f"{n:>10s}" for n in factor_names))
    for j in range(3):
        cors = [abs(np.corrcoef(Z[:, j], test.factors[:, i])[0, 1]) for i in range(3)]
        print(f"  z{j + 1}    " + "  ".join(f"{c:10.1f}" for c in cors))

# %% [markdown]
# Nobody told either model what the factors are, yet here each code number follows mostly one factor
# (for PCA the brightness only loosely). Nothing forces this: a rotated or bent copy of (x, y,
# brightness) describes the images just as well, and with another seed or size the numbers may mix
# the factors. Making each number mean one factor, *disentanglement*, is a topic of notebook 05. Either
# way the code space is organised by the factors: the colours change smoothly across the clouds above.
#
# ## 6 · Similar images land close, but "close" depends on the distance
# Two common ways to measure how far apart two vectors a and b are:
# - **Euclidean distance** $\lVert a - b \rVert$: the straight-line distance; sensitive to length;
# - **cosine distance** $1 - \frac{a \cdot b}{\lVert a \rVert \lVert b \rVert}$: only the angle between
#   them; a vector and twice that vector are at distance 0.
#
# Four images: A, a white square on the left; B, the same square, dim; C, the white square moved a
# little to the right; D, the white square at the far right.

# %%
quad = {"A": [0.2, 0.5, 1.0], "B": [0.2, 0.5, 0.0], "C": [0.4, 0.5, 1.0], "D": [1.0, 0.5, 1.0]}
quad_images = lh.render_toy(np.array(list(quad.values()), dtype=np.float32))
quad_pixels = quad_images.reshape(4, 25)
with torch.no_grad():
    quad_codes = ae.encoder(torch.tensor(quad_pixels, device=device)).cpu().numpy()

fig, axes = plt.subplots(1, 4, figsize=(6, 1.8))
for ax, name, img in zip(axes, quad, quad_images):
    ax.imshow(img, cmap="gray", vmin=0, vmax=1)
    ax.set_title(f"{name}: x={quad[name][0]}, b={quad[name][2]}", fontsize=8)
    ax.set_axis_off()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
def euclidean(a, b):
    return float(np.linalg.norm(a - b))

def cosine(a, b):
    return float(1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))

names = list(quad)
print("distance from A to     B (dim)   C (moved)   D (far)")
for space, V in (("pixels", quad_pixels), ("AE codes", quad_codes)):
    for dist_name, dist in (("Euclidean", euclidean), ("cosine", cosine)):
        row = "   ".join(f"{dist(V[0], V[i]):8.2f}" for i in (1, 2, 3))
        print(f"{space:8s} {dist_name:9s}  {row}")

# %% [markdown]
# In **pixel space** the two distances disagree about which image is nearest to A. Euclidean distance says
# C, the moved square, is nearer than B, because dimming changes every pixel the square touches by three
# quarters of its value, while a small move changes only the pixels at its edges. Cosine distance says B is
# *identical* to A (distance 0.00): B's pixels are A's pixels times a constant, the same direction. Both
# agree that D is far. Neither is "right": cosine is the better choice when overall strength does not
# matter (word embeddings, notebook 07), Euclidean when it does.
#
# In the **autoencoder's code space** both distances put C nearer than B, and D far away. Brightness is not
# a length along a fixed direction there, so cosine no longer sees B as A's twin: what counts as close
# depends on the distance *and* on the space. The lesson: always say which distance, in which space, you
# mean when you say two things are close.
#
# ## 7 · Decoding a point: three sliders
# The decoder turns *any* 3 numbers into an image, not only the codes of training images. Each slider
# below is one latent number; the picture is the decoder's output for the current point. The sliders
# start at the code of image A and range over the codes the encoder produced.

# %%
lo, hi = codes_ae.min(0), codes_ae.max(0)

def decode(Z):
    """(n, 3) codes -> (n, 5, 5) images, with the autoencoder's decoder."""
    with torch.no_grad():
        return ae.decoder(torch.as_tensor(Z, dtype=torch.float32, device=device)).cpu().numpy().reshape(-1, 5, 5)

sliders = LatentSliders(decode, base_code=quad_codes[0], ranges=np.stack([lo, hi], axis=1),
                        names=["z1", "z2", "z3"], title="decode a point of the 3-D latent space",
                        image_size=2.0)
sliders

# %% [markdown]
# The correlation table of section 5 tells you which slider moves which factor; a slider may also
# nudge a second factor a little. Almost every position gives a clean square, somewhere, of some
# brightness: the decoder has learned the family. Points outside the cloud of training codes can decode to odd images; a latent space is only
# meaningful where the data lives.
#
# ## Summary
# - A 5 × 5 image is 25 numbers; a 3-number code is a point in 3-D. The seed example's code
#   [0.4, 0.3, 0.8] is such a point.
# - A code can only be that short if the images share structure: our family is made from 3 factors.
# - An autoencoder is an identity function forced through a bottleneck: encoder, 3-number code, decoder.
#   Its non-linear decoder reconstructs the family far better than PCA's straight lines.
# - Similar images get nearby codes, but which image is "nearest" depends on the distance: Euclidean and
#   cosine can disagree.
# - The decoder turns any point into an image; sliders let you walk the latent space.
#
# ## Exercises
# **Exercise 1.** How many times fewer numbers does the 3-number code use than the 5 × 5 image?

# %%
answer = None

from latent_helpers.exercises import check_toy_ratio
check_toy_ratio(answer)

# %% hidden
# Solution
answer = 25 / 3
check_toy_ratio(answer)

# %% [markdown]
# **Exercise 2.** Compute the cosine distance between the seed code [0.4, 0.3, 0.8] and
# [0.8, 0.6, 1.6]. Compare it with their Euclidean distance.

# %%
answer = None

from latent_helpers.exercises import check_cosine_distance
check_cosine_distance(answer)

# %% hidden
# Solution
a, b = np.array([0.4, 0.3, 0.8]), np.array([0.8, 0.6, 1.6])
answer = 1 - a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
print(f"cosine distance {answer:.3f}, Euclidean distance {np.linalg.norm(a - b):.3f}")
check_cosine_distance(answer)

# %% [markdown]
# **Exercise 3.** Which number of the **PCA** code (0, 1 or 2, i.e. `codes_pca[:, j]`) follows the
# brightness most closely? Use `test.factor("brightness")` and `np.corrcoef`.

# %%
answer = None

from latent_helpers.exercises import check_factor_dimension
check_factor_dimension(answer, codes_pca, test.factor("brightness"))

# %% hidden
# Solution
cors = [abs(np.corrcoef(codes_pca[:, j], test.factor("brightness"))[0, 1]) for j in range(3)]
answer = int(np.argmax(cors))
print("|correlation| with brightness:", np.round(cors, 2))
check_factor_dimension(answer, codes_pca, test.factor("brightness"))

# %% [markdown]
# **Exercise 4 (open).** Change `n_latent=3` to `n_latent=2` in the autoencoder and retrain. Which
# factor does the model give up, and how much does the error grow? What happens with `n_latent=4`?
#
# ## Further reading
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, chapter 14 (autoencoders), free online.
# - G. Hinton and R. Salakhutdinov, *Reducing the dimensionality of data with neural networks*, Science 2006:
#   autoencoders beating PCA.
# - Next: [03 · Chairs and desks](03_chairs_and_desks.ipynb), a latent space of objects with known factors.
