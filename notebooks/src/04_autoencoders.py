# %% [markdown] slideshow={"slide_type": "slide"}
# # 04 · Autoencoders: a neural bottleneck against PCA
#
# Notebook 01 compressed digits with PCA, a *linear* map down to k numbers and back. Notebook 03
# met the autoencoder on furniture. Here we build autoencoders for handwritten digits, put them
# beside PCA on exactly the same held-out digits, look inside their latent spaces, and ask whether
# what they learned is good for anything besides rebuilding digits.
#
# **In this notebook you will learn**
# - how an autoencoder is built: an **encoder**, a **bottleneck** of k numbers, a **decoder**, trained
#   to give back its input (an identity function that cannot simply copy);
# - how much better than PCA a small neural autoencoder rebuilds unseen digits at the same k, and
#   where its lead shrinks;
# - what its codes are good for: digits cluster by class, neighbours by code look alike, and a
#   linear classifier trained on the codes with only 100 labels beats one on the raw pixels
#   (**representation learning**);
# - how a *denoising* autoencoder learns to clean up noisy digits, and how to write such a loss
#   yourself for another kind of damage (masking noise);
# - how to move through an 8-D latent space with one slider per dimension, z0 to z7.
#
# **Time to run:** about 15-30 seconds on a 2-core laptop: the autoencoders were trained ahead of
# time (a few minutes) and are loaded; a "train it yourself" switch can retrain them.
# **Prerequisites:** notebooks 01 (PCA) and 03 (the autoencoder idea); training as taught in 02;
# a little PyTorch.

# %% [raw] tags=["deck"]
# # 04 · Autoencoders
# A neural bottleneck against PCA
#
# - Encoder, a bottleneck of k numbers, decoder
# - Against PCA on the same held-out digits
# - What the codes are good for: maps, neighbours, 100 labels, denoising

# %%
# %matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.manifold import TSNE
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import latent_helpers as lh
from latent_helpers import AutoencoderTransformer, DigitScorer, LatentSliders, reconstruction_mse

device = lh.setup(seed=0)

# %% [markdown]
# ## 1 · The digits and the baseline
# We use the course's 5,000 MNIST digits: 4,000 to train on and 1,000 **held-out** digits (100 of
# each class) that no model ever trains on. Every error in this notebook is measured on those
# 1,000. Each digit is a row of 784 numbers in [0, 1].

# %%
digits = lh.load_mnist5k(flatten=True)
X_train, y_train = digits.X_train, digits.y_train
X_test, y_test = digits.X_test, digits.y_test
print(digits)

# %% [raw] tags=["deck"]
# ## An autoencoder, written out
# - Encoder: 784 pixels → 256 → 64 → **k numbers**, the code
# - Decoder: the mirror image, back to 784 pixels in (0, 1)
# - Trained only to give back its input: it must choose what k numbers keep

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2 · An autoencoder, written out
# The encoder takes the 784 pixels through two hidden layers (256 and 64 units with ReLU) down to a
# code of **k** numbers, the bottleneck. The decoder mirrors it back up to 784 numbers, and a
# sigmoid keeps each output pixel in (0, 1). Nothing tells the network what to put in the code: it
# is trained only to make the output equal to the input. Because everything has to pass through
# k numbers, it must find the k numbers that let it rebuild digits best.
#
# The loss compares each output pixel with the input pixel by binary cross-entropy (BCE), summed
# over the 784 pixels and averaged over the batch. (Squared error works too; BCE gives sharper
# digits because it punishes a confident wrong pixel hard.)

# %% tags=["export"]
import torch
import torch.nn as nn
import torch.nn.functional as F


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
# convolutions. It has far fewer weights than the MLP, as the cell after it counts.

# %% tags=["export"]
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


# %%
n_mlp = sum(p.numel() for p in MLPAutoencoder(8).parameters())
n_conv = sum(p.numel() for p in ConvAutoencoder(8).parameters())
print(f"weights: MLP autoencoder {n_mlp:,}, conv autoencoder {n_conv:,}")

# %% [raw] tags=["deck"]
# ## Trained ahead of time, loaded here
# - MLP autoencoders with k = 2, 8, 32; a conv one with {{n_conv / n_mlp:.0%}} of the weights
# - The bigger the bottleneck, the lower the loss

# %% [markdown]
# The conv autoencoder has {{n_conv / n_mlp:.0%}} of the MLP's weights.
#
# ## 3 · Training (or loading the trained weights)
# Each model trains with the course's `lh.fit` (notebook 02 taught the loop; here: Adam, learning
# rate 0.001, batches of 64): the MLP autoencoders with k = 2, 8 and 32 for 60 passes over the 4,000
# training digits, the conv one (k = 8) for 30. `RECIPES` below says exactly that. That takes a few
# minutes on a laptop, too long for this notebook, so the models were trained ahead of time with
# exactly these recipes and a fixed seed, and their weights ship with the course (each file is
# checked against its sha256 before loading). Set `TRAIN_YOURSELF = True` to retrain them here
# instead (same classes, same settings, a few minutes). A fifth model, a denoising autoencoder,
# joins them in section 8.

# %% tags=["export"]
# name: (a function making the untrained model, loss, epochs); Adam, learning rate 0.001, batches of 64
RECIPES = {
    "mlp_k2": (lambda: MLPAutoencoder(2), bce_loss, 60), "mlp_k8": (lambda: MLPAutoencoder(8), bce_loss, 60),
    "mlp_k32": (lambda: MLPAutoencoder(32), bce_loss, 60), "conv_k8": (lambda: ConvAutoencoder(8), bce_loss, 30),
}

# %%
TRAIN_YOURSELF = False  # True: retrain the autoencoders here instead of loading them (a few minutes)


def trained(name):
    """The autoencoder RECIPES[name], trained here or loaded from its shipped checkpoint, and its loss curve."""
    make_model, loss, epochs = RECIPES[name]
    lh.seed_everything(0)
    model = make_model()
    if TRAIN_YOURSELF:
        history = lh.fit(model, loss, torch.tensor(X_train), epochs=epochs, lr=1e-3, batch_size=64, desc=name)["loss"]
    else:
        state = lh.load_pretrained(f"ae04_{name}.pt")
        model.load_state_dict(state["model"])
        history = state["history"]["loss"]
    return model.eval(), history


models, histories = {}, {}
for name in RECIPES:
    models[name], histories[name] = trained(name)
print("ready:", ", ".join(models))

# %% deck="figure"
fig, ax = plt.subplots(figsize=(6, 3.2))
for name in ("mlp_k2", "mlp_k8", "mlp_k32", "conv_k8"):
    ax.plot(np.arange(1, len(histories[name]) + 1), histories[name], label=name)
ax.set(xlabel="epoch (pass over the 4,000 training digits)", ylabel="training loss (BCE per digit)",
       title="Training curves of the autoencoders", ylim=(60, 220))
ax.legend(fontsize=8)
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: autoencoder against PCA
# - 8 numbers per held-out digit, the same for both
# - Will the autoencoder's error be 10% less than PCA's, half, a tenth?
# - Will its lead grow or shrink at k = 32?
#
# Answer: a little over half ({{ratio[8]:.2f}} of PCA's error); at k = 32 the lead shrinks ({{ratio[32]:.2f}}).

# %% [markdown] slideshow={"slide_type": "slide"}
# The bigger the bottleneck, the lower the loss: 32 numbers can hold more of a digit than 2. The
# curves still slope gently down at the end; that is where we stopped, not where they stop.
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
#
# **Think first.** With k = 8 numbers per digit, will the MLP autoencoder rebuild unseen digits
# better than PCA, and by how much: 10% less error, half, a tenth? Will its lead grow or shrink at
# k = 32?
#
# <details><summary>Answer</summary>
#
# At k = 8 its error is a little over half of PCA's: the same eight numbers carry clearly more of a
# digit once the encoder and decoder may bend. At k = 32 the lead shrinks: 32 straight directions
# already catch most of what varies between digits, and the autoencoder has many weights to fit
# from only 4,000 digits.
#
# </details>

# %% slideshow={"slide_type": "fragment"}
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
ratio = {k: mse["MLP autoencoder", k] / mse["PCA", k] for k in (2, 8, 32)}   # the MLP's error / PCA's
ratio8 = ratio[8]
conv_ratio8 = mse["conv autoencoder", 8] / mse["PCA", 8]
print("MLP autoencoder's error relative to PCA's:", ", ".join(f"k = {k}: {r:.2f}" for k, r in ratio.items()))
print(f"conv autoencoder's error relative to PCA's at k = 8: {conv_ratio8:.2f}")

# %% [raw] tags=["deck"]
# ## The autoencoders win at every size
# - PCA for every k, the autoencoders as points
# - PCA needs about {{pca_k_to_match}} numbers to match the autoencoder's 8

# %% [markdown] slideshow={"slide_type": "slide"}
# The autoencoders win at every size, and by most at k = 8: the MLP's error is {{ratio[2]:.2f}},
# {{ratio[8]:.2f}} and {{ratio[32]:.2f}} of PCA's at k = 2, 8 and 32. With 2 numbers neither method
# keeps much of a digit, so there is little to win; at 32 PCA has caught up most of the way. The
# conv autoencoder, with a tenth of the weights and half the epochs, lands close to the MLP
# ({{conv_ratio8:.2f}} of PCA's error): looking at neighbourhoods of pixels is a good guess about
# pictures.
#
# The curve shows PCA for every k from 1 to 64 (PCA is cheap to refit) and the autoencoders as
# points.

# %% slideshow={"slide_type": "fragment"} deck="figure"
ks = [1, 2, 4, 8, 16, 24, 32, 48, 64]
pca_full = PCA(n_components=64, random_state=0).fit(X_train)
Zp = pca_full.transform(X_test)
pca_curve = [reconstruction_mse(X_test, Zp[:, :k] @ pca_full.components_[:k] + pca_full.mean_) for k in ks]
# the smallest k on the curve at which PCA does as well as the MLP autoencoder with 8 numbers
pca_k_to_match = next(k for k, err in zip(ks, pca_curve) if err <= mse["MLP autoencoder", 8])

fig, ax = plt.subplots(figsize=(6, 3.4))
ax.plot(ks, pca_curve, "o-", color="tab:gray", label="PCA")
ax.plot([2, 8, 32], [mse["MLP autoencoder", k] for k in (2, 8, 32)], "s-", color="tab:blue", label="MLP autoencoder")
ax.plot([8], [mse["conv autoencoder", 8]], "^", color="tab:orange", ms=9, label="conv autoencoder")
ax.set(xlabel="k (numbers per digit in the code)", ylabel="held-out MSE per pixel",
       title="Reconstruction error of unseen digits vs code size", xscale="log")
ax.set_xticks(ks, [str(k) for k in ks])
ax.legend()
plt.show()

# %% [raw] tags=["deck"]
# ## Same 8 numbers, cleaner strokes
# - Rows: originals, PCA, MLP autoencoder, conv autoencoder
# - A classifier still reads the right digit: {{still_right["MLP autoencoder"]:.0%}} (MLP) against {{still_right["PCA"]:.0%}} (PCA)

# %% [markdown] slideshow={"slide_type": "slide"}
# Read the curve sideways: PCA needs about {{pca_k_to_match}} numbers per digit to rebuild digits as
# well as the autoencoder does with 8.
#
# Numbers are one thing; pictures show *how* the two fail. Top row: ten held-out digits. Then
# PCA with 8 numbers, the MLP autoencoder with 8 and the conv autoencoder with 8. PCA's digits are
# grey, ghostly averages with faint strokes of other digits; the autoencoders draw clean strokes,
# mostly of the right digit, with some details of style smoothed away: with 8 numbers they must
# guess those.

# %% slideshow={"slide_type": "fragment"} deck="figure"
show = np.array([np.flatnonzero(y_test == d)[0] for d in range(10)])   # the first held-out 0, 1, ..., 9
rows = [X_test[show], recon["PCA", 8][show], recon["MLP autoencoder", 8][show], recon["conv autoencoder", 8][show]]
fig, ax = plt.subplots(figsize=(6.5, 3))
lh.show_images(np.concatenate(rows), nrow=10, ax=ax, title="held-out digits and their reconstructions (k = 8)",
               row_labels=["original", "PCA", "MLP AE", "conv AE"])
plt.show()

# %% [markdown]
# "Mostly of the right digit" can be counted. The course ships a small digit classifier,
# `DigitScorer` (notebook 06 explains it), trained on the 4,000 training digits; we ask it which
# digit each rebuilt picture shows, for all 1,000 held-out digits.

# %%
scorer = DigitScorer.pretrained()
print(f"the classifier reads {np.mean(scorer.predict(X_test) == y_test):.1%} of the held-out digits right")
still_right = {kind: float(np.mean(scorer.predict(recon[kind, 8]) == y_test))
               for kind in ("PCA", "MLP autoencoder", "conv autoencoder")}
for kind, share in still_right.items():
    print(f"rebuilt by {kind:16} (k = 8): still read as the right digit for {share:.0%} of them")

# %% [raw] tags=["deck"]
# ## Think first: a map without labels
# - With k = 2 the code is a point in a plane
# - The autoencoder never saw a label: will each digit still land together?
# - Which digits will overlap?
#
# Answer: they gather by class; 0s and 1s sit far apart, 4s, 7s and 9s, which share most strokes, overlap.

# %% [markdown] slideshow={"slide_type": "slide"}
# From the same 8 numbers per digit, the autoencoders' pictures keep the digit far more often:
# {{still_right["MLP autoencoder"]:.0%}} (MLP) and {{still_right["conv autoencoder"]:.0%}} (conv)
# against PCA's {{still_right["PCA"]:.0%}}.
#
# ## 5 · The latent space: a 2-D map, t-SNE of 32-D codes
# With k = 2 the code *is* a point in a plane, so we can draw every held-out digit where its code
# puts it (z0 across, z1 up), coloured by its true label.
#
# **Think first.** The autoencoder never saw a label. Will digits of the same class still land
# together in its 2-D code? Which digits will overlap?
#
# <details><summary>Answer</summary>
#
# They gather by class, without any label: similar pictures need similar instructions for the
# decoder, so they get similar codes. 0s and 1s, which share almost no strokes, sit far apart; 4s,
# 7s and 9s, which share most of theirs, overlap, as they did under PCA in notebook 00.
#
# </details>

# %% [raw] tags=["deck"]
# ## The 2-D codes of 1,000 held-out digits
# - z0 across, z1 up, coloured by the true label

# %% slideshow={"slide_type": "fragment"} deck="figure"
ae2 = reducers["MLP autoencoder", 2]
Z2 = ae2.transform(X_test)
fig, ax = plt.subplots(figsize=(5.5, 4.3))
lh.scatter2d(Z2, y_test, ax=ax, s=6, title="2-D autoencoder codes of the held-out digits",
             xlabel="z0", ylabel="z1")
plt.show()

# %% [raw] tags=["deck"]
# ## 32 numbers, drawn by t-SNE
# - Nearly one island per digit; 4s and 9s share one
# - t-SNE maps are for looking: gaps and sizes mean little

# %% [markdown]
# Clusters in latent space are a by-product of learning to reconstruct. Two numbers cannot separate
# everything; a 32-D code can separate more, but we cannot look at 32 dimensions. t-SNE
# (notebook 01) draws high-dimensional points in 2-D keeping near neighbours near. Below: t-SNE of
# the 32-D codes of the 1,000 held-out digits.

# %% deck="figure"
Z32 = reducers["MLP autoencoder", 32].transform(X_test)
emb_codes = TSNE(n_components=2, perplexity=30, init="pca", random_state=0, max_iter=500).fit_transform(Z32)
fig, ax = plt.subplots(figsize=(5.5, 4.3))
lh.scatter2d(emb_codes, y_test, ax=ax, s=5, title="t-SNE of the 32-D autoencoder codes",
             xlabel="t-SNE axis 1", ylabel="t-SNE axis 2")
plt.show()

# %% [raw] tags=["deck"]
# ## Who is near whom: no gain over PCA
# - Autoencoder codes ≈ PCA codes of the same size

# %% [markdown] slideshow={"slide_type": "slide"}
# The digits form islands, nearly one per digit (4s and 9s share one), with strays and bridges
# between look-alikes; nobody told the autoencoder which digit is which. (t-SNE maps are for
# looking, not measuring: island sizes and the gaps between islands mean little.) A number that
# does measure it is notebook 01's **neighbour agreement**: for each held-out digit, take its 10
# nearest other held-out digits; what share of them show the same digit? Below for the raw pixels,
# PCA codes and autoencoder codes of 8 and 32 numbers.

# %% slideshow={"slide_type": "fragment"} deck="output"
# NBVAL_CHECK_OUTPUT
spaces = {"pixels (784)": X_test}
for k in (8, 32):
    spaces[f"PCA codes ({k})"] = reducers["PCA", k].transform(X_test)
    spaces[f"AE codes ({k})"] = reducers["MLP autoencoder", k].transform(X_test)
agreement = {name: lh.neighbour_agreement(Z, y_test, k=10) for name, Z in spaces.items()}
for name, share in agreement.items():
    print(f"{name:15} share of 10 nearest neighbours showing the same digit: {share:.0%}")

# %% [raw] tags=["deck"]
# ## Nearest codes, alike strokes
# - Left: a held-out digit; then its 5 nearest by 32-D code
# - Neighbours share slant, stroke width, a loop or none

# %% [markdown]
# On this measure the autoencoder gains nothing over PCA of the same size, and codes of 32 numbers,
# PCA's or the autoencoder's, keep neighbourhoods a little better than all 784 pixels. The
# autoencoder's big gain is in
# *reconstruction*; for "who is near whom", a linear map is already good. Nobody trained either for
# labels. Section 7 asks the same question another way, and gets another answer.
#
# ## 6 · Nearest neighbours in latent space
# If similar digits get similar codes, then the digits whose codes are nearest to a digit's code
# should look like it. Left column: four held-out digits; then the five other held-out digits with
# the nearest 32-D codes (`lh.nearest_neighbours`, Euclidean distance between codes).

# %% deck="figure"
queries = show[[2, 4, 7, 8]]                                     # a 2, a 4, a 7 and an 8
neighbours = lh.nearest_neighbours(Z32, k=5, queries=queries)    # (4, 5) row indices into X_test
rows = [X_test[np.r_[q, nearest]] for q, nearest in zip(queries, neighbours)]
fig, ax = plt.subplots(figsize=(4.2, 3.2))
lh.show_images(np.concatenate(rows), nrow=6, ax=ax, title="digit | its 5 nearest by 32-D code")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: 100 labels
# - A linear classifier, trained on only 100 labelled digits
# - Better on all 784 pixels or on the autoencoder's 8 numbers?
# - And the autoencoder's 8 against PCA's 8?
#
# Answer: the autoencoder's 8 numbers win, in every draw of the labels; PCA's codes do no better than the pixels.

# %% [markdown] slideshow={"slide_type": "slide"}
# Mostly the neighbours share not only the label but the style: slant, stroke width, a loop or no
# loop. Where they do not, the slip is telling: the 7 with a long curved stroke finds one other 7,
# then a 3, two 2s and a 9 drawn with the same sweep. The code keeps the look of the strokes, not
# the name of the digit. That is what a latent space is for: "close" in code means "alike" in the
# picture.
#
# ## 7 · Representation learning: are the codes useful for something else?
# The autoencoder learned its 8 numbers from 4,000 digits **without a single label**. Learning
# features from raw data that later make a task easy is called **representation learning**. The
# usual test is a **linear probe**: keep the representation fixed, train the simplest classifier on
# top of it with few labels, and measure it on held-out data. If a straight cut through the codes
# separates the digits, the codes hold the digits' identity in an easy-to-use form.
#
# Here: a logistic regression (a linear classifier) trained on only **100 labelled training
# digits**, 10 of each class, and scored on the 1,000 held-out digits. It is given the raw pixels,
# PCA codes or autoencoder codes. Each feature is first standardised (mean 0, standard deviation 1
# over the labelled digits), so that no representation wins by its units. Which 100 digits get a
# label changes the result, so we repeat it with 5 fixed draws of 100 and report the spread.
#
# **Think first.** With only 100 labels, will the classifier do better on all 784 pixels or on the
# autoencoder's 8 numbers? And the autoencoder's 8 against PCA's 8?
#
# <details><summary>Answer</summary>
#
# The 8 autoencoder numbers beat the 784 pixels, in every draw, and PCA's codes do no better than
# the pixels. With 100 labels a classifier on pixels has 784 weights per class to set from 10
# examples per class; on codes it has 8, and the codes already put look-alike digits together. The
# unlabelled 4,000 digits did most of the work.
#
# </details>

# %% [raw] tags=["deck"]
# ## Representation learning: a linear probe
# - 5 draws of 100 labels; each grey line follows one draw
# - Up from PCA's codes to the autoencoder's, at 8 and at 32 numbers

# %%
label_draws = []                 # 5 fixed draws of 100 labelled training digits, 10 of each class
for seed in range(5):
    pick = np.random.default_rng(seed)
    per_class = [pick.choice(np.flatnonzero(y_train == d), size=10, replace=False) for d in range(10)]
    label_draws.append(np.concatenate(per_class))


def linear_probe(features_train, features_test):
    """Held-out accuracy of a logistic regression fitted on the labelled training digits, one per draw."""
    accuracies = []
    for labelled in label_draws:
        probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
        probe.fit(features_train[labelled], y_train[labelled])
        accuracies.append(probe.score(features_test, y_test))   # share of held-out digits it gets right
    return np.array(accuracies)


# %% slideshow={"slide_type": "fragment"}
representations = {"pixels (784)": (X_train, X_test)}
for k in (8, 32):
    for kind, short in (("PCA", "PCA"), ("MLP autoencoder", "AE")):
        reducer = reducers[kind, k]
        representations[f"{short} codes ({k})"] = (reducer.transform(X_train), reducer.transform(X_test))

probe_acc = {name: linear_probe(F_train, F_test) for name, (F_train, F_test) in representations.items()}
print(f"{'linear probe, 100 labels':24}{'mean':>7}{'sd':>7}{'lowest':>8}{'highest':>9}  (held-out accuracy)")
for name, acc in probe_acc.items():
    print(f"{name:24}{acc.mean():7.2f}{acc.std():7.2f}{acc.min():8.2f}{acc.max():9.2f}")

# %%
# NBVAL_CHECK_OUTPUT
for k in (8, 32):
    print(f"AE codes ({k}) beat PCA codes ({k}) in every draw:",
          bool(np.all(probe_acc[f"AE codes ({k})"] > probe_acc[f"PCA codes ({k})"])))
print("AE codes (8) beat the pixels in every draw:", bool(np.all(probe_acc["AE codes (8)"] > probe_acc["pixels (784)"])))

# %% slideshow={"slide_type": "fragment"} deck="figure"
names = list(probe_acc)
fig, ax = plt.subplots(figsize=(6.5, 3.4))
for draw in range(len(label_draws)):
    ax.plot(names, [probe_acc[n][draw] for n in names], "o-", color="tab:gray", alpha=0.5, lw=1,
            label="one draw of 100 labels" if draw == 0 else None)
ax.plot(names, [probe_acc[n].mean() for n in names], "s", color="black", ms=8, label="mean of the 5 draws")
ax.set(ylabel="held-out accuracy", title="Linear classifier trained with 100 labels, on different representations")
ax.legend(fontsize=8, loc="upper left")
plt.show()


# %% [markdown]
# Each grey line is one draw of 100 labels, followed across the representations. Every line goes
# up from PCA's codes to the autoencoder's codes of the same size, at 8 and at 32 numbers, so the
# gain is not luck of the draw: the spread between draws is smaller than the gap. PCA's codes are
# no better than the pixels; the autoencoder's beat the pixels in every draw (in two of them by
# only a little at 8 numbers). The autoencoder used 4,000 digits without labels to find features
# where a straight cut separates the classes; the 100 labels only had to place the cuts. That is
# representation learning, and it is why models trained without labels are useful.
#
# Two honest notes. Section 5's neighbour agreement saw no such gain: what counts as a "good"
# representation depends on what it will be used for. And the margins depend on the probe's
# details, such as the standardising step. The cell below, if you switch it on, runs the same probe
# without that step (a minute or two: unscaled features make the classifier slow to fit). Predict
# first: which representation gains most from the scaling?

# %%
WITHOUT_SCALING = False  # True: the same probe on the same label draws, without standardising the features
if WITHOUT_SCALING:
    for name, (F_train, F_test) in representations.items():
        accuracies = [LogisticRegression(max_iter=1000).fit(F_train[labelled], y_train[labelled]).score(F_test, y_test)
                      for labelled in label_draws]
        print(f"{name:24} mean held-out accuracy without standardising: {np.mean(accuracies):.2f} "
              f"(with it: {probe_acc[name].mean():.2f})")

# %% [raw] tags=["deck"]
# ## A denoising autoencoder
# - In: a digit with noise (sd 0.5); out: compared with the **clean** digit
# - Copying no longer pays: the code must hold the digit, not the noise
# - Same MLP (k = 32), only the loss changes

# %% [markdown]
# ## 8 · A denoising autoencoder
# An autoencoder that only ever sees clean digits has no reason to cope with noise. A **denoising
# autoencoder** changes one thing in training: each digit is corrupted before the encoder sees it
# (here Gaussian noise of standard deviation 0.5 added to every pixel, then clipped back to
# [0, 1]), and the output is compared with the *clean* digit. Copying the input no longer lowers
# the loss: the network has to recognise the digit under the noise, so its code must hold the
# digit and leave the noise out. The model is the plain MLP autoencoder with k = 32; only the loss
# changes. Here it is: `bce_loss` of section 2 with the input corrupted first. It joins the recipes
# of section 3 (same model as `mlp_k32`, 60 epochs), and its trained weights ship with the course
# like the others.

# %% tags=["export"]
NOISE = 0.5  # the denoising autoencoder sees x + N(0, 0.5²) noise, clipped to [0, 1]


def denoise_loss(model, batch):
    """Reconstruct the clean digit from a noisy copy of it."""
    x = batch[0]
    noisy = (x + NOISE * torch.randn_like(x)).clamp(0, 1)
    return F.binary_cross_entropy(model(noisy), x, reduction="sum") / len(x)


RECIPES["denoise_k32"] = (lambda: MLPAutoencoder(32), denoise_loss, 60)

# %%
models["denoise_k32"], histories["denoise_k32"] = trained("denoise_k32")

# %% [raw] tags=["deck"]
# ## Think first: the input it never saw
# - The plain autoencoder never saw a noisy digit
# - The denoising one never saw a clean digit
# - What will each do with the other kind?
#
# Answer: the plain one is thrown off by noise; the denoiser copes with clean digits, but less well than the plain one.

# %% [markdown] slideshow={"slide_type": "slide"}
# Now both 32-D autoencoders, the plain one and the denoising one, get the held-out digits twice:
# clean, and with noise of the training strength (drawn once, with a fixed seed).
#
# **Think first.** The plain autoencoder never saw a noisy digit; the denoising one never saw a
# clean digit. What will each do with the input it never saw?
#
# <details><summary>Answer</summary>
#
# The plain autoencoder is thrown off by noise: it tries to rebuild the noisy picture from a code
# that was never meant for one, and its output is hardly closer to the clean digit than the noisy
# input was. The denoising one copes with a clean digit (a clean digit is "noise-free noisy
# input"), but less well than the plain one: it has learned to remove noise, and on a clean digit
# it removes some of the digit's own detail. It pays for its robustness with a higher error there.
#
# </details>

# %% [raw] tags=["deck"]
# ## Denoising held-out digits
# - Rows: clean, noisy, plain autoencoder, denoising autoencoder
# - Right digit read: {{read_right["denoising AE"]:.0%}} denoised, {{read_right["plain AE"]:.0%}} plain, {{read_right["noisy input"]:.0%}} noisy

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
g = torch.Generator().manual_seed(1)
X_noisy = (torch.tensor(X_test) + NOISE * torch.randn(X_test.shape, generator=g)).clamp(0, 1)
with torch.no_grad():
    outputs = {name: (models[name](torch.tensor(X_test)).numpy(), models[name](X_noisy).numpy())
               for name in ("mlp_k32", "denoise_k32")}
noisy_input_mse = reconstruction_mse(X_test, X_noisy)
plain_mse = dict(zip(("clean", "noisy"), (reconstruction_mse(X_test, out) for out in outputs["mlp_k32"])))
denoiser_mse = dict(zip(("clean", "noisy"), (reconstruction_mse(X_test, out) for out in outputs["denoise_k32"])))
denoise_mse = denoiser_mse["noisy"]

print(f"{'MSE per pixel against the clean digit':40}{'clean input':>12}{'noisy input':>12}")
print(f"{'the input itself (no model)':40}{0:12.3f}{noisy_input_mse:12.3f}")
for label, errors in (("plain autoencoder (k = 32)", plain_mse), ("denoising autoencoder (k = 32)", denoiser_mse)):
    print(f"{label:40}{errors['clean']:12.3f}{errors['noisy']:12.3f}")

# %% slideshow={"slide_type": "fragment"} deck="figure"
rows = [X_test[show], X_noisy.numpy()[show], outputs["mlp_k32"][1][show], outputs["denoise_k32"][1][show]]
fig, ax = plt.subplots(figsize=(6.5, 3))
lh.show_images(np.concatenate(rows), nrow=10, ax=ax, title="denoising held-out digits (noise sd 0.5)",
               row_labels=["clean", "noisy", "plain AE", "denoising AE"])
plt.show()

read_right = {name: float(np.mean(scorer.predict(pictures) == y_test))    # section 4's digit classifier
              for name, pictures in (("noisy input", X_noisy.numpy()), ("plain AE", outputs["mlp_k32"][1]),
                                     ("denoising AE", outputs["denoise_k32"][1]))}
print("read as the right digit:", ", ".join(f"{name} {share:.0%}" for name, share in read_right.items()))

# %% [raw] tags=["deck"]
# ## Think first: is z0 special?
# - One slider per code number, z0 to z7
# - In PCA, z0 is the direction of most variance: is the autoencoder's?
# - Will each slider change one thing, or several?
#
# Answer: no order, and several: any rotation of the code rebuilds digits as well, so nothing sorts or separates the features.

# %% [markdown] slideshow={"slide_type": "slide"}
# On noisy digits the plain autoencoder's outputs are smudges, often of the wrong digit, and it
# removes only a small part of the error ({{noisy_input_mse:.3f}} → {{plain_mse["noisy"]:.3f}}). The
# denoising one draws clean strokes, mostly of the right digit (this 4 comes back as a 9), and cuts
# the noisy input's error to {{denoiser_mse["noisy"] / noisy_input_mse:.0%}} of it. The classifier
# reads the right digit in {{read_right["denoising AE"]:.0%}} of the denoiser's outputs, in
# {{read_right["plain AE"]:.0%}} of the plain autoencoder's and in {{read_right["noisy input"]:.0%}}
# of the noisy digits themselves. On clean digits the roles swap, less dramatically: the denoiser's
# error there is {{denoiser_mse["clean"] / plain_mse["clean"]:.1f}} times the plain one's. Which
# autoencoder is "better" depends on the data it will meet.
#
# ## 9 · One slider per latent dimension
# The 8-D autoencoder describes each digit with 8 numbers, z0 to z7. Below, each has a slider;
# the picture is the decoder's output for the current code. It starts at the code of a held-out 5.
# Each slider's range covers the middle of where training codes lie in that dimension (their
# 1st to 99th percentile).
#
# **Think first.** In PCA, z0 is the direction in which digits vary most, z1 the next, and so on.
# Is the autoencoder's z0 special too? Will each slider change one thing (thickness, slant), or
# several at once?
#
# <details><summary>Answer</summary>
#
# No, and several. Nothing in the autoencoder's loss puts its dimensions in order, and nothing asks
# one dimension to hold one feature: any rotation of the code would rebuild digits just as well. So
# z0 is not special: the sliders differ in how much they change the digit, but in no order that
# their names could tell you (exercise 2 measures them). And most change several things at once
# (thickness and slant and shape), often turning the 5 into another digit. Notebook 05 asks for one
# meaning per dimension on purpose.
#
# </details>

# %%
ae8 = models["mlp_k8"]
codes8_train = reducers["MLP autoencoder", 8].transform(X_train)
ranges8 = np.percentile(codes8_train, [1, 99], axis=0).T       # (8, 2): each slider's low and high end
base = reducers["MLP autoencoder", 8].transform(X_test[show[5]][None])[0]   # the code of a held-out 5

sliders = LatentSliders(ae8.decoder, base, ranges=ranges8, title="8-D autoencoder: one slider per latent dimension")
sliders

# %% [raw] tags=["deck"]
# ## One slider per dimension, swept
# - Each row: one zj from the low to the high end, the others at a 5's code
# - In {{rows_changed}} of the 8 rows the 5 turns into another digit

# %% [markdown]
# Without a running kernel the sliders cannot move, so here is what they do: each row below moves
# one dimension from the low to the high end of its slider (7 steps), the other seven staying at
# the 5's code.

# %% slideshow={"slide_type": "fragment"} deck="figure"
steps = np.linspace(0, 1, 7)
sweep_codes = []
for j in range(8):
    for t in steps:
        code = base.copy()
        code[j] = ranges8[j, 0] + t * (ranges8[j, 1] - ranges8[j, 0])
        sweep_codes.append(code)
with torch.no_grad():
    sweep = ae8.decoder(torch.tensor(np.array(sweep_codes))).numpy()
fig, ax = plt.subplots(figsize=(4, 4.8))
lh.show_images(sweep, nrow=7, ax=ax, row_labels=[f"z{j}" for j in range(8)],
               title="each row: one dimension zj, low to high end of its slider")
plt.show()

sweep_digits = scorer.predict(sweep).reshape(8, len(steps))   # the digit the classifier reads in each picture
print("the digit the classifier reads along each row:")
for j, row in enumerate(sweep_digits):
    print(f"  z{j}: " + " ".join(str(d) for d in row))
rows_changed = int(np.sum((sweep_digits != 5).any(axis=1)))   # rows where the 5 becomes another digit

# %% [raw] tags=["deck"]
# ## Summary
# - At k = 8 an autoencoder rebuilds digits with about half of PCA's error
# - Its codes cluster by digit without labels: with 100 labels they beat the pixels
# - Its dimensions are entangled: one slider changes several features

# %% [markdown] slideshow={"slide_type": "slide"}
# Every row changes the picture, but not equally, and not in the order of the names. In
# {{rows_changed}} of the 8 rows the classifier reads another digit somewhere along the way (a 4, a
# 6, a 9...), and those rows change thickness, slant and shape together; the other rows keep the 5
# and change its thickness or the shape of its strokes. No dimension holds one feature: that is an
# *entangled* latent space; notebook 05 measures how far a variational autoencoder can pull the
# factors apart.
#
# ## Summary
# - An autoencoder is an encoder, a bottleneck of k numbers and a decoder, trained to reproduce its
#   input; the bottleneck forces it to keep what matters for reconstruction.
# - On the same held-out digits, a small MLP autoencoder with 8 numbers rebuilds digits with a
#   little over half of PCA's error; its lead is smaller with 2 or 32 numbers.
# - With one wrapper, PCA and an autoencoder are used through the same `fit` / `transform` /
#   `inverse_transform` calls.
# - Its codes cluster by digit without ever seeing labels, and nearest codes mean similar-looking
#   digits. With only 100 labels, a linear classifier does better on 8 autoencoder numbers than on
#   all 784 pixels or on 8 PCA numbers: representation learning.
# - Trained on noisy inputs to give clean outputs, it becomes a denoiser, at some cost on clean digits.
# - Its latent dimensions have no order and no single meaning each: moving one changes several
#   features at once.
#
# ## Exercises
# Each check below works out the answer itself; nothing above prints it.
#
# **Exercise 1 (write a denoising loss).** Section 8's denoiser learned to remove Gaussian noise.
# Another classic damage is **masking noise** (Vincent et al., 2008, in the further reading): a
# random share of the pixels is simply wiped out, set to 0, and the model must fill the holes from
# the strokes that are left. Write `my_masking_loss(model, batch, drop)` in the shape of
# `denoise_loss`:
# 1. `x = batch[0]` holds the clean digits, one per row;
# 2. make a masked copy in which each pixel, independently, is set to 0 with probability `drop`
#    and kept as it is otherwise (no rescaling);
# 3. run the model on the masked copy;
# 4. return the binary cross-entropy between that output and the **clean** `x`, summed over the
#    pixels and averaged over the digits of the batch, as `bce_loss` does.
#
# The check calls your function on copies, with a tiny model and 32 small "digits", looks at what
# your loss handed to the model, and names the usual slips.

# %% [raw] tags=["deck"]
# ## Exercise 1 · a masking loss
# - `my_masking_loss(model, batch, drop)`: wipe each pixel to 0 with probability `drop`
# - Run the model on the masked copy; BCE against the **clean** digits

# %%
def my_masking_loss(model, batch, drop=0.3):
    x = batch[0]
    ...  # your code: the masked copy, the model's output for it, the loss
    return None


from latent_helpers.exercises import check_masking_loss
check_masking_loss(my_masking_loss)


# %% tags=["solution"]
def my_masking_loss(model, batch, drop=0.3):
    x = batch[0]
    keep = torch.rand_like(x) >= drop                 # True for the pixels that survive, each with probability 1 - drop
    masked = x * keep                                 # the others become 0
    return F.binary_cross_entropy(model(masked), x, reduction="sum") / len(x)   # compare with the clean x


assert check_masking_loss(my_masking_loss)

# %% [raw] tags=["deck"]
# ## Exercise 2 · measure the sliders
# - The held-out 3's code: set each zj to the low, then the high end
# - Which j changes the decoded picture most (mean squared difference)?

# %% [markdown]
# **Exercise 2 (measure the sliders).** Which slider changes a digit the most? Section 9's figure
# shows the 5; here take the held-out 3 of section 4 (its code `base3` below). For each dimension
# j, take two copies of `base3`, set zj to the low end of its slider (`ranges8[j, 0]`) in one and
# to the high end (`ranges8[j, 1]`) in the other, decode both with `ae8.decoder`, and measure the
# change as the mean squared difference between the two pictures. Answer with the j of the largest
# change (the slider named zj). Is it the slider you would have guessed from the 5's figure?

# %%
base3 = reducers["MLP autoencoder", 8].transform(X_test[show[3]][None])[0]   # the code of a held-out 3
answer = None  # j, a whole number from 0 to 7

from latent_helpers.exercises import check_strongest_dimension
check_strongest_dimension(answer, ae8.decoder, base3, ranges8)

# %% tags=["solution"]
change = []
for j in range(8):
    ends = np.tile(base3, (2, 1))    # two copies of the 3's code
    ends[:, j] = ranges8[j]          # zj at the low end in the first, at the high end in the second
    with torch.no_grad():
        low, high = ae8.decoder(torch.tensor(ends)).numpy()
    change.append(np.mean((high - low) ** 2))
answer = int(np.argmax(change))
assert check_strongest_dimension(answer, ae8.decoder, base3, ranges8)

# %% [raw] tags=["deck"]
# ## Exercise 3 · probe the 2-D codes
# - `linear_probe` on the 2-D autoencoder's codes, 100 labels
# - Predict first: nearer the pixels' accuracy, or chance (0.1)?

# %% [markdown]
# **Exercise 3 (probe the 2-D codes).** Section 5 drew the 2-D autoencoder's codes, with visible
# clusters. How well does a linear classifier with 100 labels do on those 2 numbers? Encode
# `X_train` and `X_test` with the 2-D autoencoder (`ae2.transform`), pass both code arrays to
# `linear_probe` from section 7, and give the mean held-out accuracy over the 5 label draws, as a
# fraction between 0 and 1. Predict first: closer to the pixels' figure, or to chance (0.1)?

# %%
answer = None  # the mean held-out accuracy of the linear probe on the 2-D codes

from latent_helpers.exercises import check_linear_probe
check_linear_probe(answer, models["mlp_k2"].encoder, X_train, y_train, X_test, y_test, label_draws)

# %% tags=["solution"]
accuracies = linear_probe(ae2.transform(X_train), ae2.transform(X_test))
answer = float(accuracies.mean())
assert check_linear_probe(answer, models["mlp_k2"].encoder, X_train, y_train, X_test, y_test, label_draws)

# %% [raw] tags=["deck"]
# ## Exercise 4 · PCA as a denoiser
# - PCA with 32 numbers, fitted on clean digits, given the noisy ones
# - Its error against the clean digits: where does it land beside the two autoencoders?

# %% [markdown]
# **Exercise 4 (PCA as a denoiser).** PCA was never shown noise either. Fit
# `PCA(n_components=32, random_state=0)` on the clean `X_train`, pass the noisy held-out digits
# `X_noisy` (section 8) through `transform` and `inverse_transform`, and give the MSE per pixel
# between the result and the **clean** `X_test` (`reconstruction_mse`). Compare it with the two
# autoencoders' figures in section 8: where does the linear map land?

# %%
answer = None  # the MSE per pixel of PCA's rebuild of the noisy digits, against the clean ones

from latent_helpers.exercises import check_pca_denoise
check_pca_denoise(answer, X_train, X_test, X_noisy, k=32)

# %% tags=["solution"]
pca32 = PCA(n_components=32, random_state=0).fit(X_train)
cleaned = pca32.inverse_transform(pca32.transform(X_noisy.numpy()))
answer = reconstruction_mse(X_test, cleaned)
assert check_pca_denoise(answer, X_train, X_test, X_noisy, k=32)

# %% [raw] tags=["deck"]
# ## Exercise 5 · noise levels and features (open)
# - Noise of sd 0.3 and 0.8: does the denoiser, trained at 0.5, still win?
# - Do the denoiser's codes make better features for a linear probe?

# %% [markdown]
# **Exercise 5 (open).**
# - Make noisy held-out digits with noise of standard deviation 0.3 and 0.8 instead of 0.5 (the
#   cell in section 8 shows how) and compare the plain and the denoising autoencoder. Does the
#   denoiser, trained at 0.5, still win at both?
# - Probe the denoising autoencoder's codes with `linear_probe`
#   (`models["denoise_k32"].encoder`). Does learning to denoise give better features for
#   classification than the plain 32-D autoencoder's?
#
# ## Further reading
# - G. E. Hinton and R. R. Salakhutdinov, *Reducing the dimensionality of data with neural
#   networks*, Science 313 (2006): deep autoencoders against PCA.
# - P. Vincent et al., *Extracting and composing robust features with denoising autoencoders*, ICML 2008.
# - Y. Bengio, A. Courville and P. Vincent, *Representation learning: a review and new perspectives*,
#   IEEE TPAMI 35 (2013).
# - *Deep Learning* by Goodfellow, Bengio and Courville, chapter 14 (autoencoders), free online.
# - Next: [05 · Variational autoencoders](05_variational_autoencoders.ipynb): a latent space you can
#   sample from.

# %% [raw] tags=["benchmark"]
# ae_pca_mse_ratio_k8 = ratio8
# conv_ae_pca_mse_ratio_k8 = conv_ratio8
# ae_mse_k8 = mse["MLP autoencoder", 8]
# pca_mse_k8 = mse["PCA", 8]
# denoise_mse_k32 = denoise_mse
# linprobe100_acc_pixels = probe_acc["pixels (784)"].mean()
# linprobe100_acc_pca8 = probe_acc["PCA codes (8)"].mean()
# linprobe100_acc_ae8 = probe_acc["AE codes (8)"].mean()
# linprobe100_acc_pca32 = probe_acc["PCA codes (32)"].mean()
# linprobe100_acc_ae32 = probe_acc["AE codes (32)"].mean()

# %% [raw] tags=["claims"]
# n_conv / n_mlp < 0.12  # "with a tenth of the weights and half the epochs"
# histories["mlp_k2"][-1] > histories["mlp_k8"][-1] > histories["mlp_k32"][-1]  # "The bigger the bottleneck, the lower the loss"
# all(h[-1] < h[-6] for h in histories.values())  # "The curves still slope gently down at the end"
# 0.5 < ratio[8] < 0.7  # "At k = 8 its error is a little over half of PCA's"
# 0.5 < ratio[8] < 0.7  # "rebuilds digits with a little over half of PCA's error"
# ratio[32] > ratio[8]  # "At k = 32 the lead shrinks"
# all(mse["MLP autoencoder", k] < mse["PCA", k] for k in (2, 8, 32)) and mse["conv autoencoder", 8] < mse["PCA", 8]  # "The autoencoders win at every size"
# ratio[8] < min(ratio[2], ratio[32])  # "and by most at k = 8"
# ratio[8] < min(ratio[2], ratio[32])  # "its lead is smaller with 2 or 32 numbers"
# abs(conv_ratio8 - ratio[8]) < 0.1  # "lands close to the MLP"
# pca_k_to_match >= 16  # "Read the curve sideways: PCA needs about"
# still_right["MLP autoencoder"] > 0.8  # "the autoencoders draw clean strokes, mostly of the right digit"
# min(still_right["MLP autoencoder"], still_right["conv autoencoder"]) > still_right["PCA"] + 0.05  # "the autoencoders' pictures keep the digit far more often"
# (lambda c: np.linalg.norm(c[0] - c[1]) > 3 * max(np.linalg.norm(c[4] - c[7]), np.linalg.norm(c[4] - c[9]), np.linalg.norm(c[7] - c[9])))(np.array([Z2[y_test == d].mean(axis=0) for d in range(10)]))  # "0s and 1s, which share almost no strokes, sit far apart; 4s, 7s and 9s, which share most of theirs, overlap"
# (lambda pairs: pairs.argmax() == 4 * 10 + 9)(np.bincount((10 * np.minimum(y_test[:, None], y_test[lh.nearest_neighbours(Z32, k=10)]) + np.maximum(y_test[:, None], y_test[lh.nearest_neighbours(Z32, k=10)]))[y_test[:, None] != y_test[lh.nearest_neighbours(Z32, k=10)]], minlength=100))  # "4s and 9s share one"
# abs(agreement["AE codes (8)"] - agreement["PCA codes (8)"]) < 0.02 and abs(agreement["AE codes (32)"] - agreement["PCA codes (32)"]) < 0.02  # "On this measure the autoencoder gains nothing over PCA of the same size"
# min(agreement["PCA codes (32)"], agreement["AE codes (32)"]) > agreement["pixels (784)"]  # "keep neighbourhoods a little better than all 784 pixels"
# sorted(y_test[neighbours[2]].tolist()) == [2, 2, 3, 7, 9]  # "the 7 with a long curved stroke finds one other 7, then a 3, two 2s and a 9"
# np.mean(y_test[neighbours] == y_test[queries][:, None]) > 0.6  # "Mostly the neighbours share not only the label"
# all(np.all(probe_acc[f"AE codes ({k})"] > probe_acc[f"PCA codes ({k})"]) for k in (8, 32))  # "Every line goes up from PCA's codes to the autoencoder's codes of the same size"
# max(a.std() for a in probe_acc.values()) < min(probe_acc[f"AE codes ({k})"].mean() - probe_acc[f"PCA codes ({k})"].mean() for k in (8, 32))  # "the spread between draws is smaller than the gap"
# max(probe_acc["PCA codes (8)"].mean(), probe_acc["PCA codes (32)"].mean()) <= probe_acc["pixels (784)"].mean() + 0.01  # "PCA's codes are no better than the pixels"
# max(probe_acc["PCA codes (8)"].mean(), probe_acc["PCA codes (32)"].mean()) <= probe_acc["pixels (784)"].mean() + 0.01  # "PCA's codes do no better than the pixels"
# all(np.all(probe_acc[f"AE codes ({k})"] > probe_acc["pixels (784)"]) for k in (8, 32))  # "the autoencoder's beat the pixels in every draw"
# np.all(probe_acc["AE codes (8)"] > probe_acc["pixels (784)"])  # "The 8 autoencoder numbers beat the 784 pixels, in every draw"
# np.sum(probe_acc["AE codes (8)"] - probe_acc["pixels (784)"] < 0.02) == 2  # "in two of them by only a little at 8 numbers"
# probe_acc["AE codes (8)"].mean() > max(probe_acc["pixels (784)"].mean(), probe_acc["PCA codes (8)"].mean())  # "a linear classifier does better on 8 autoencoder numbers than on all 784 pixels or on 8 PCA numbers"
# plain_mse["noisy"] > 0.7 * noisy_input_mse  # "its output is hardly closer to the clean digit than the noisy input was"
# plain_mse["noisy"] > 0.7 * noisy_input_mse  # "removes only a small part of the error"
# read_right["plain AE"] < 0.6  # "the plain autoencoder's outputs are smudges, often of the wrong digit"
# read_right["denoising AE"] > 0.75 and read_right["denoising AE"] > read_right["plain AE"] + 0.3  # "The denoising one draws clean strokes, mostly of the right digit"
# scorer.predict(outputs["denoise_k32"][1][show])[4] == 9  # "this 4 comes back as a 9"
# denoiser_mse["noisy"] < 0.3 * noisy_input_mse  # "cuts the noisy input's error to"
# denoiser_mse["clean"] > plain_mse["clean"]  # "It pays for its robustness with a higher error there"
# denoiser_mse["clean"] > plain_mse["clean"] and denoiser_mse["noisy"] < plain_mse["noisy"]  # "On clean digits the roles swap, less dramatically"
# denoiser_mse["clean"] > plain_mse["clean"]  # "at some cost on clean digits"
# (lambda e: int(np.argmax(e)) != 0 and e.max() > 1.3 * e.min())(((sweep.reshape(8, 7, -1)[:, -1] - sweep.reshape(8, 7, -1)[:, 0]) ** 2).mean(axis=1))  # "So z0 is not special: the sliders differ in how much they change the digit"
# (((sweep.reshape(8, 7, -1)[:, -1] - sweep.reshape(8, 7, -1)[:, 0]) ** 2).mean(axis=1) > 0.02).all()  # "Every row changes the picture, but not equally"
# 4 <= rows_changed < 8  # "the other rows keep the 5"
# rows_changed >= 4  # "often turning the 5 into another digit"
