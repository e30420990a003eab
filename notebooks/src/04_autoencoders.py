# %% [markdown]
# # 04 · Autoencoders: a neural bottleneck against PCA
#
# Notebook 01 compressed digits with PCA, a *linear* map down to k numbers and back. Notebook 03
# met the autoencoder on furniture. Here we build autoencoders for handwritten digits properly,
# put them beside PCA on exactly the same held-out digits, and look inside their latent spaces.
#
# **In this notebook you will learn**
# - how an autoencoder is built: an **encoder**, a **bottleneck** of k numbers, a **decoder**, trained
#   to give back its input (an identity function that cannot simply copy);
# - how much better than PCA a small neural autoencoder reconstructs unseen digits at the same k
#   (measured, with one set of three calls for both);
# - what its latent space looks like: a 2-D map coloured by digit, t-SNE of 32-D codes, nearest
#   neighbours by code;
# - how a *denoising* autoencoder learns to clean up noisy digits;
# - how to move through an 8-D latent space with one slider per dimension.
#
# **Time to run:** about 20-40 seconds on a 2-core laptop: the autoencoders were trained by a
# script (a few minutes) and are loaded; a "train it yourself" cell can retrain them.
# **Prerequisites:** notebooks 01 (PCA) and 03 (the autoencoder idea); a little PyTorch.

# %%
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.metrics import pairwise_distances

import latent_helpers as lh
from latent_helpers.metrics import reconstruction_mse
from latent_helpers.sklearn_wrap import AutoencoderTransformer
from latent_helpers.widgets import LatentSliders

device = lh.setup(seed=0)

# %% [markdown]
# ## 1 · The digits and the baseline
# We use the course's 5,000 MNIST digits: 4,000 to train on and 1,000 **held-out** digits (100 of
# each class) that no model ever trains on. Every error in this notebook is measured on those
# 1,000. Each digit is a row of 784 numbers in [0, 1].

# %%
digits = lh.load_mnist5k(flatten=True)
X_train, X_test, y_test = digits.X_train, digits.X_test, digits.y_test
print(digits)

# %% [markdown]
# ## 2 · An autoencoder, written out
# The encoder takes the 784 pixels through two hidden layers (256 and 64 units with ReLU) down to a
# code of **k** numbers, the bottleneck. The decoder mirrors it back up to 784 numbers, and a
# sigmoid keeps each output pixel in (0, 1). Nothing tells the network what to put in the code: it
# is trained only to make the output equal to the input. Because everything has to pass through
# k numbers, it must find the k numbers that let it rebuild digits best. That is representation
# learning: the features are whatever helps reconstruction.
#
# The loss compares each output pixel with the input pixel by binary cross-entropy (BCE), summed
# over the 784 pixels and averaged over the batch. (Squared error works too; BCE gives sharper
# digits because it punishes a confident wrong pixel hard.)

# %%
class MLPAutoencoder(nn.Module):
    """784 pixels -> 256 -> 64 -> k numbers (the code) -> 64 -> 256 -> 784 pixels."""

    def __init__(self, k: int):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 256), nn.ReLU(),
                                     nn.Linear(256, 64), nn.ReLU(),
                                     nn.Linear(64, k))                  # the bottleneck
        self.decoder = nn.Sequential(nn.Linear(k, 64), nn.ReLU(),
                                     nn.Linear(64, 256), nn.ReLU(),
                                     nn.Linear(256, 784), nn.Sigmoid())  # pixels in (0, 1)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def bce_loss(model, batch):
    """Binary cross-entropy between input and output, summed over pixels, averaged over digits."""
    x = batch[0]
    return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)

# %% [markdown]
# A convolutional autoencoder looks at neighbourhoods of pixels instead of the whole row at once.
# Its encoder halves the picture twice with strided convolutions (28 → 14 → 7 pixels, 16 then 32
# feature maps) and a linear layer makes the k-number code; the decoder undoes this with transposed
# convolutions. It has far fewer weights than the MLP (about 40,000 against 440,000).

# %%
class ConvAutoencoder(nn.Module):
    """1 x 28 x 28 -> 16 x 14 x 14 -> 32 x 7 x 7 -> k numbers -> back up the same way."""

    def __init__(self, k: int):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),   # 16 x 14 x 14
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),  # 32 x 7 x 7
            nn.Flatten(), nn.Linear(32 * 7 * 7, k))
        self.decoder = nn.Sequential(
            nn.Linear(k, 32 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (32, 7, 7)),
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),  # 16 x 14 x 14
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1),              # 1 x 28 x 28
            nn.Flatten(), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


n_mlp = sum(p.numel() for p in MLPAutoencoder(8).parameters())
n_conv = sum(p.numel() for p in ConvAutoencoder(8).parameters())
print(f"weights: MLP autoencoder {n_mlp:,}, conv autoencoder {n_conv:,}")

# %% [markdown]
# ## 3 · Training (or loading the trained weights)
# Each model trains with the course's `lh.fit` (Adam, learning rate 0.001, batches of 64): the MLP
# autoencoders with k = 2, 8 and 32 for 60 passes over the 4,000 training digits, the conv one
# (k = 8) for 30. That takes a few minutes on a laptop, too long for this notebook, so the script
# `scripts/train_04_autoencoders.py` trained them with a fixed seed and saved the weights; the
# course checks their sha256 before loading. Set `TRAIN_YOURSELF = True` to retrain them here
# instead (same classes, same settings, a few minutes).

# %%
TRAIN_YOURSELF = False  # True: retrain all five autoencoders here (a few minutes)

NOISE = 0.5  # the denoising autoencoder (section 7) sees x + N(0, 0.5²) noise, clipped to [0, 1]


def denoise_loss(model, batch):
    """Reconstruct the clean digit from a noisy copy of it."""
    x = batch[0]
    noisy = (x + NOISE * torch.randn_like(x)).clamp(0, 1)
    return F.binary_cross_entropy(model(noisy), x, reduction="sum") / len(x)


recipes = {  # name: (model, loss, epochs)
    "mlp_k2": (MLPAutoencoder(2), bce_loss, 60), "mlp_k8": (MLPAutoencoder(8), bce_loss, 60),
    "mlp_k32": (MLPAutoencoder(32), bce_loss, 60), "conv_k8": (ConvAutoencoder(8), bce_loss, 30),
    "denoise_k32": (MLPAutoencoder(32), denoise_loss, 60),
}
models, histories = {}, {}
for name, (model, loss, epochs) in recipes.items():
    if TRAIN_YOURSELF:
        lh.seed_everything(0)
        model = type(model)(model.encoder[-1].out_features)  # a fresh, seeded copy (k = size of the code)
        h = lh.fit(model, loss, torch.tensor(X_train), epochs=epochs, lr=1e-3, batch_size=64, desc=name)
        histories[name] = h["loss"]
    else:
        state = lh.load_pretrained(f"ae04_{name}.pt")
        model.load_state_dict(state["model"])
        histories[name] = state["history"]["loss"]
    models[name] = model.eval()
print("ready:", ", ".join(models))

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
for name in ("mlp_k2", "mlp_k8", "mlp_k32", "conv_k8"):
    ax.plot(np.arange(1, len(histories[name]) + 1), histories[name], label=name)
ax.set(xlabel="epoch (pass over the 4,000 training digits)", ylabel="training loss (BCE per digit)",
       title="Training curves of the autoencoders", ylim=(60, 220))
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# The bigger the bottleneck, the lower the loss: 32 numbers can hold more of a digit than 2. The
# curves are still creeping down at the end; that is where we stopped, not where they stop.
#
# ## 4 · Autoencoder against PCA, through the same three calls
# PCA in scikit-learn is used with three calls: `fit` on the training data, `transform` to get
# codes, `inverse_transform` to rebuild pictures from codes. `AutoencoderTransformer` (in
# `latent_helpers`) gives an autoencoder the same three calls: `transform` runs its encoder,
# `inverse_transform` its decoder. (`epochs=0` means: already trained, do not train again.) So
# the comparison below is one loop that does not care which kind of model it holds.
#
# The error is the **mean squared error per pixel** on the 1,000 held-out digits: the average of
# (pixel − rebuilt pixel)² over every pixel of every digit.

# %%
# NBVAL_CHECK_OUTPUT
reducers = {}
for k in (2, 8, 32):
    reducers[("PCA", k)] = PCA(n_components=k, random_state=0)
    reducers[("MLP autoencoder", k)] = AutoencoderTransformer(models[f"mlp_k{k}"], epochs=0)
reducers[("conv autoencoder", 8)] = AutoencoderTransformer(models["conv_k8"], epochs=0)

mse, recon = {}, {}
for (kind, k), reducer in reducers.items():
    reducer.fit(X_train)                                          # 1. fit (PCA learns; the AE is ready)
    codes = reducer.transform(X_test)                             # 2. encode the held-out digits
    recon[kind, k] = reducer.inverse_transform(codes)             # 3. decode them again
    mse[kind, k] = reconstruction_mse(X_test, recon[kind, k])

print(f"{'held-out MSE per pixel':24}{'k = 2':>9}{'k = 8':>9}{'k = 32':>9}")
for kind in ("PCA", "MLP autoencoder", "conv autoencoder"):
    row = "".join(f"{mse[kind, k]:9.4f}" if (kind, k) in mse else f"{'':9}" for k in (2, 8, 32))
    print(f"{kind:24}{row}")
ratio8 = mse["MLP autoencoder", 8] / mse["PCA", 8]
print(f"AE / PCA at k = 8: {ratio8:.2f}   conv AE / PCA at k = 8: {mse['conv autoencoder', 8] / mse['PCA', 8]:.2f}")
_ = lh.record_metric("ae_pca_mse_ratio_k8", ratio8)
_ = lh.record_metric("conv_ae_pca_mse_ratio_k8", mse["conv autoencoder", 8] / mse["PCA", 8])
_ = lh.record_metric("ae_mse_k8", mse["MLP autoencoder", 8])
_ = lh.record_metric("pca_mse_k8", mse["PCA", 8])

# %% [markdown]
# At k = 8 the MLP autoencoder's error is under 0.6 of PCA's on digits neither has seen: the
# same eight numbers per digit carry clearly more of a digit when the encoder and decoder may bend.
# With only 2 numbers the gain is smaller (neither keeps much; about 0.8 of PCA's error), and at
# 32 it narrows again (about 0.87), because with many components a linear map already explains
# most of the variation, while the autoencoder, trained on only 4,000 digits, has more to learn
# from too few examples. The conv autoencoder, with a tenth of the weights and half the epochs,
# lands close to the MLP (a ratio of about 0.63).
#
# The curve shows PCA for every k from 1 to 64 (PCA is cheap to refit) and the autoencoders as points.

# %%
ks = [1, 2, 4, 8, 16, 24, 32, 48, 64]
pca_full = PCA(n_components=64, random_state=0).fit(X_train)
Zp = pca_full.transform(X_test)
pca_curve = [reconstruction_mse(X_test, Zp[:, :k] @ pca_full.components_[:k] + pca_full.mean_) for k in ks]

fig, ax = plt.subplots(figsize=(6, 3.4))
ax.plot(ks, pca_curve, "o-", color="tab:gray", label="PCA")
ax.plot([2, 8, 32], [mse["MLP autoencoder", k] for k in (2, 8, 32)], "s-", color="tab:blue", label="MLP autoencoder")
ax.plot([8], [mse["conv autoencoder", 8]], "^", color="tab:orange", ms=9, label="conv autoencoder")
ax.set(xlabel="k (numbers per digit in the code)", ylabel="held-out MSE per pixel",
       title="Reconstruction error of unseen digits vs code size", xscale="log")
ax.set_xticks(ks, [str(k) for k in ks])
ax.legend()
plt.show()

# %% [markdown]
# Numbers are one thing; pictures show *how* the two fail. Top row: ten held-out digits. Then
# PCA with 8 numbers, the MLP autoencoder with 8 and the conv autoencoder with 8. PCA's digits are
# grey, ghostly averages with faint strokes of other digits; the autoencoders draw clean strokes,
# though sometimes of a slightly different digit (a thin 4 may come back as a 9): with 8 numbers
# they must guess the details.

# %%
show = np.array([np.flatnonzero(y_test == d)[0] for d in range(10)])
rows = [X_test[show], recon["PCA", 8][show], recon["MLP autoencoder", 8][show], recon["conv autoencoder", 8][show]]
fig, ax = plt.subplots(figsize=(6.5, 3))
lh.show_images(np.concatenate(rows), nrow=10, ax=ax, title="held-out digits and their reconstructions (k = 8)",
               row_labels=["original", "PCA", "MLP AE", "conv AE"])
plt.show()

# %% [markdown]
# ## 5 · The latent space: a 2-D map, t-SNE of 32-D codes
# With k = 2 the code *is* a point in a plane, so we can draw every held-out digit where its code
# puts it, coloured by its true label. The autoencoder never saw a label, yet digits of a kind
# gather: clusters in latent space are a by-product of learning to reconstruct.

# %%
ae2 = reducers["MLP autoencoder", 2]
Z2 = ae2.transform(X_test)
fig, ax = plt.subplots(figsize=(5.5, 4.3))
lh.scatter2d(Z2, y_test, ax=ax, s=6, title="2-D autoencoder codes of the held-out digits",
             xlabel="latent dimension 1", ylabel="latent dimension 2")
plt.show()

# %% [markdown]
# 0s and 1s sit far apart; 4s, 7s and 9s overlap, as they did under PCA in notebook 00, because
# two numbers cannot separate everything. A 32-D code can, but we cannot look at 32 dimensions.
# t-SNE (notebook 01) draws high-dimensional points in 2-D keeping near neighbours near. Below:
# t-SNE of the 32-D codes of the 1,000 held-out digits.

# %%
Z32 = reducers["MLP autoencoder", 32].transform(X_test)
emb_codes = TSNE(n_components=2, perplexity=30, init="pca", random_state=0, max_iter=500).fit_transform(Z32)
fig, ax = plt.subplots(figsize=(5.5, 4.3))
lh.scatter2d(emb_codes, y_test, ax=ax, s=5, title="t-SNE of the 32-D autoencoder codes",
             xlabel="t-SNE 1", ylabel="t-SNE 2")
plt.show()

# %% [markdown]
# The digits form islands, one per digit, with strays and bridges between look-alikes; nobody told the
# autoencoder which digit is which. (t-SNE maps are for looking, not measuring: island sizes and
# the gaps between islands mean little.) A number that does measure it: for each held-out digit,
# does its nearest other held-out digit have the same label? Computed in pixels, in 8 PCA
# numbers, and in the 8-D and 32-D autoencoder codes:

# %%
# NBVAL_CHECK_OUTPUT
def nearest_label_agreement(Z, labels):
    """Share of points whose nearest other point (Euclidean) has the same label."""
    D = pairwise_distances(Z)   # (n, n) Euclidean distances
    np.fill_diagonal(D, np.inf)
    return float((labels[D.argmin(1)] == labels).mean())

Zpca8 = reducers["PCA", 8].transform(X_test)
for name, Z in (("pixels (784)", X_test), ("PCA codes (8)", Zpca8), ("AE codes (8)", reducers["MLP autoencoder", 8].transform(X_test)),
                ("AE codes (32)", Z32)):
    print(f"{name:15} nearest neighbour has the same digit: {nearest_label_agreement(Z, y_test):.0%}")

# %% [markdown]
# The 32-D codes keep neighbourhoods almost as well as all 784 pixels (87% against 88%), and the
# 8-D codes about as well as 8 PCA numbers: the autoencoder's big gain is in *reconstruction*; for
# "who is near whom" a linear map is already decent. Nobody trained either for labels.
#
# ## 6 · Nearest neighbours in latent space
# If similar digits get similar codes, then the training digits whose codes are nearest to a
# query's code should look like the query. Left column: four held-out digits; then the five
# training digits with the nearest 32-D codes.

# %%
codes_train = reducers["MLP autoencoder", 32].transform(X_train)
queries = [show[2], show[4], show[7], show[8]]
rows = []
for q in queries:
    dist = np.linalg.norm(codes_train - Z32[q], axis=1)
    rows += [X_test[q], *X_train[np.argsort(dist)[:5]]]
fig, ax = plt.subplots(figsize=(4.2, 3.2))
lh.show_images(np.array(rows), nrow=6, ax=ax, title="query | 5 nearest training digits by code")
plt.show()

# %% [markdown]
# The neighbours share not only the label but the style: slant, stroke width, a loop or no loop.
# That is what a latent space is for: "close" in code means "alike" in the picture.
#
# ## 7 · A denoising autoencoder
# An autoencoder that only ever sees clean digits has no reason to cope with noise. A **denoising
# autoencoder** is trained on noisy inputs (here each pixel gets Gaussian noise of standard
# deviation 0.5, then clipped to [0, 1]) but asked to output the *clean* digit (`denoise_loss`
# above). To do that, its code must hold the digit and not the noise. Below: noisy held-out
# digits, the plain 32-D autoencoder's output and the denoising one's (same architecture).

# %%
# NBVAL_CHECK_OUTPUT
g = torch.Generator().manual_seed(1)
X_noisy = (torch.tensor(X_test) + NOISE * torch.randn(X_test.shape, generator=g)).clamp(0, 1)
with torch.no_grad():
    out_plain = models["mlp_k32"](X_noisy).numpy()
    out_denoise = models["denoise_k32"](X_noisy).numpy()
print(f"noisy input vs clean digit:       MSE {reconstruction_mse(X_test, X_noisy):.3f}")
print(f"plain autoencoder output:         MSE {reconstruction_mse(X_test, out_plain):.3f}")
print(f"denoising autoencoder output:     MSE {reconstruction_mse(X_test, out_denoise):.3f}")
_ = lh.record_metric("denoise_mse_k32", reconstruction_mse(X_test, out_denoise))

# %%
rows = [X_test[show], X_noisy.numpy()[show], out_plain[show], out_denoise[show]]
fig, ax = plt.subplots(figsize=(6.5, 3))
lh.show_images(np.concatenate(rows), nrow=10, ax=ax, title="denoising held-out digits (noise sd 0.5)",
               row_labels=["clean", "noisy", "plain AE", "denoising AE"])
plt.show()

# %% [markdown]
# The plain autoencoder was never shown noise and is thrown off by it: its outputs are smudges,
# often of the wrong digit. The denoising one gives clean strokes of the right digit, with an error
# about a quarter of the plain one's and a fifth of the noisy input's.
#
# ## 8 · One slider per latent dimension
# The 8-D autoencoder describes each digit with 8 numbers. Below, each number has a slider; the
# picture is the decoder's output for the current code. It starts at the code of a held-out 5.
# Each slider's range covers the middle of where training codes lie in that dimension (their
# 1st to 99th percentile). Move one slider at a time and watch what that number controls: most
# change several things at once (thickness and slant and shape), since nothing asked the
# autoencoder to give each dimension one meaning. Notebook 05 comes back to this.

# %%
ae8 = models["mlp_k8"]
codes8_train = reducers["MLP autoencoder", 8].transform(X_train)
ranges8 = np.percentile(codes8_train, [1, 99], axis=0).T


def decode8(Z):
    """8-D codes (n, 8) -> digits (n, 28, 28)."""
    with torch.no_grad():
        return ae8.decoder(torch.from_numpy(Z)).reshape(-1, 28, 28).numpy()


base = reducers["MLP autoencoder", 8].transform(X_test[show[5]][None])[0]
sliders = LatentSliders(decode8, base, ranges=ranges8, title="8-D autoencoder: one slider per latent number")
sliders

# %% [markdown]
# ## Summary
# - An autoencoder is an encoder, a bottleneck of k numbers and a decoder, trained to reproduce its
#   input; the bottleneck forces it to keep what matters for reconstruction.
# - On the same 1,000 held-out digits and the same k = 8, a small MLP autoencoder's error per pixel
#   is 0.57 of PCA's; the gain is smaller at k = 2 and k = 32 (about 0.8 and 0.87).
# - With one wrapper, PCA and an autoencoder are used through the same `fit` / `transform` /
#   `inverse_transform` calls.
# - Its codes cluster by digit without ever seeing labels; nearest codes mean similar-looking digits.
# - Trained on noisy inputs to give clean outputs, it becomes a denoiser.
#
# ## Exercises
# **Exercise 1.** How many times fewer numbers does the 8-D code use than the digit's pixels?

# %%
answer = None  # e.g. 784 / ...

from latent_helpers.exercises import check_code_compression
check_code_compression(answer)

# %% hidden
# Solution
answer = 784 / 8
check_code_compression(answer)

# %% [markdown]
# **Exercise 2.** Use the three calls (`fit`, `transform`, `inverse_transform`) with
# `PCA(n_components=32, random_state=0)` on `X_train`, rebuild `X_test`, and compute the held-out
# MSE per pixel with `reconstruction_mse`. Is it above or below the 32-D autoencoder's?

# %%
answer = None  # the held-out MSE of PCA with 32 components

from latent_helpers.exercises import check_pca_mse
check_pca_mse(answer, X_train, X_test, k=32)

# %% hidden
# Solution
pca32 = PCA(n_components=32, random_state=0).fit(X_train)
answer = reconstruction_mse(X_test, pca32.inverse_transform(pca32.transform(X_test)))
check_pca_mse(answer, X_train, X_test, k=32)

# %% [markdown]
# **Exercise 3.** Which training digit has the 32-D code nearest (Euclidean distance) to the code
# of held-out digit `show[3]` (a 3)? Give its index in `X_train` (use `codes_train` and `Z32`).

# %%
answer = None  # an index into X_train

from latent_helpers.exercises import check_nearest_code
check_nearest_code(answer, codes_train, Z32[show[3]])

# %% hidden
# Solution
answer = int(np.argmin(np.linalg.norm(codes_train - Z32[show[3]], axis=1)))
print("nearest training digit:", answer, "label", digits.y_train[answer])
check_nearest_code(answer, codes_train, Z32[show[3]])

# %% [markdown]
# **Exercise 4 (open).** Set `NOISE = 0.3` in section 7 (evaluation only) and rerun those cells:
# does the denoising autoencoder, trained at 0.5, still beat the plain one?
#
# ## Further reading
# - G. E. Hinton and R. R. Salakhutdinov, *Reducing the dimensionality of data with neural
#   networks*, Science 313 (2006): deep autoencoders against PCA.
# - P. Vincent et al., *Extracting and composing robust features with denoising autoencoders*, ICML 2008.
# - *Deep Learning* by Goodfellow, Bengio and Courville, chapter 14 (autoencoders), free online.
# - Next: [05 · Variational autoencoders](05_variational_autoencoders.ipynb): a latent space you can
#   sample from.
