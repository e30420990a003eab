# %% [markdown] slideshow={"slide_type": "slide"}
# # 05 · Variational autoencoders: a latent space you can sample
#
# The autoencoders of notebook 04 give every digit a code, but nothing tells us where codes live
# or what the space *between* them means: pick a point at random and the decoder may draw
# nonsense. A **variational autoencoder** (VAE) fixes that by asking the codes to fill a known
# shape, a standard normal cloud, so that points drawn from that cloud decode to something
# digit-like. In doing so it learns an approximation of the distribution the digits came from,
# and it can say, in nats, how probable a digit is.
#
# **In this notebook you will learn**
# - why a plain autoencoder's latent space cannot simply be sampled, and what a VAE changes;
# - how a VAE's encoder gives a *distribution* (a mean and a log-variance), and how the
#   **reparameterisation trick** lets us train through a random draw;
# - the loss, the **ELBO** = reconstruction + KL: what each term does, why it bounds
#   log p(x) for black-and-white digits, and how loose that bound is, measured;
# - to map a 2-D latent space, to sample "new" digits and judge them fairly, and why
#   continuous codes beat cluster labels;
# - attribute vectors (thick minus thin) and **disentanglement**, measured against the known
#   factors of the chairs and desks.
#
# **Time to run:** about 30-60 seconds on a 2-core laptop; the VAEs were trained ahead of time and
# are loaded (a "train it yourself" cell retrains them). **Prerequisites:** notebook 02 (training:
# loss, batch, epoch), 03 (chairs and desks) and 04 (autoencoders).

# %% [raw] tags=["deck"]
# # 05 · Variational autoencoders
# A latent space you can sample
#
# - Why a plain autoencoder's codes cannot be sampled
# - Encoder as a distribution; the loss, reconstruction + KL
# - Maps, samples, nats, attribute vectors, disentanglement

# %%
# %matplotlib inline
import math

import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.cluster import KMeans

import latent_helpers as lh
from latent_helpers import (Interpolator, LatentSliders, best_match_score, correlation_matrix, heldout_neg_elbo,
                            mutual_info_gap)

device = lh.setup(seed=0)
digits = lh.load_mnist5k(flatten=True)
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

# %% [raw] tags=["deck"]
# ## Think first: decode a random code
# - Notebook 04's autoencoder, 8 numbers per digit
# - Draw the 8 numbers from N(0, 1) and decode: will you get digits?
#
# Answer: mostly not: faint smudges, all alike. Its codes spread about {{codes8.std(axis=0).mean():.0f}} times wider, so N(0, 1) draws land near the centre.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · Why VAEs: where would a random code come from?
# A model that can *generate* digits must turn a code nobody encoded into a picture. Let us try
# with notebook 04's autoencoder with an 8-number code: its classes come from what notebook 04
# taught (`lh.taught("04_autoencoders")`), its weights from the checkpoint notebook 04 loads.
#
# **Think first.** Draw 8 numbers at random from a standard normal N(0, 1), the most natural
# choice, and decode them with the autoencoder. Will you get digits?
#
# <details><summary>Answer</summary>
#
# Mostly not, and nothing in the autoencoder could have told you in advance. Its training only
# asked for good reconstructions; it never said *where* in the 8-D space the codes should be, nor
# what points between codes should mean. Its codes happen to be spread over tens of units in
# every direction, so draws from N(0, 1) all land in a small ball near the origin, where few
# digits were put: a handful of similar, smudged shapes come out.
#
# </details>

# %% [raw] tags=["deck"]
# ## Random codes give smudges
# - Top: codes drawn from N(0, 1); bottom: codes of real training digits

# %% slideshow={"slide_type": "fragment"} deck="figure"
nb04 = lh.taught("04_autoencoders")       # the classes notebook 04 wrote
ae8 = nb04.MLPAutoencoder(8)
ae8.load_state_dict(lh.load_pretrained("ae04_mlp_k8.pt")["model"])
ae8.eval()

with torch.no_grad():
    codes8 = ae8.encoder(torch.tensor(X_train)).numpy()               # (4000, 8)
    random8 = torch.randn(12, 8, generator=torch.Generator().manual_seed(0))
    from_random = ae8.decoder(random8).numpy()
    from_real = ae8.decoder(torch.from_numpy(codes8[:12])).numpy()
print("spread (std) of the autoencoder's codes, per dimension:", np.round(codes8.std(0), 1))

fig, ax = plt.subplots(figsize=(8, 1.6))
lh.show_images(np.concatenate([from_random, from_real]), nrow=12, ax=ax,
               title="04's autoencoder (k = 8): decoded codes", row_labels=["z ~ N(0, I)", "real codes"])
plt.show()

# %% [raw] tags=["deck"]
# ## A VAE makes the distribution part of the model
# - While it trains, the codes are asked to fill a standard normal cloud
# - The decoder learns a small cloud around every code: the land between is decoded too
# - Pixels made black or white, so the loss counts nats

# %% [markdown]
# The bottom row decodes codes of real training digits: clean digits. The top row decodes random
# codes: faint smudges, all alike, because every draw lands near the centre of a cloud whose real
# extent is about {{codes8.std(axis=0).mean():.0f}} times larger in every direction (the spread
# printed above, against N(0, 1)'s 1). We could fit a distribution to the codes after training
# (section 7 tries that), but the autoencoder itself knows nothing about one: its latent space is a
# set of points, at a scale nobody chose, with unknown land between them.
#
# A VAE makes the distribution part of the model. It asks the codes, while it trains, to fill a
# standard normal cloud, and it trains the decoder on a small cloud around every code rather
# than on the code alone, so that the land between codes is decoded too. Section 5 puts the two
# latent spaces side by side, and section 7 samples both.
#
# ## 2 · Black-and-white digits, and why
# A VAE's decoder does not return a picture but a *probability* for each pixel: p = the chance
# that this pixel is ink. The probability of a whole black-and-white digit is then the product of
# p over its ink pixels and (1 − p) over its paper pixels, and its minus logarithm is the binary
# cross-entropy (BCE) summed over the 784 pixels: the number of nats the model needs to
# describe the digit. This reading needs pixels that are 0 or 1. Our digits have grey edges (a
# pixel of 0.3 is neither ink nor paper), and for them the BCE is still a usable loss but no
# longer minus the log of any probability, so nothing it says can be compared with log p(x).
#
# So this notebook's VAEs learn **binarised** digits: every pixel brighter than one half becomes
# ink (1), the rest paper (0). Papers' "binarised MNIST" instead draws each pixel once as ink with
# probability equal to its grey level; that gives speckled edges and needs a random seed.
# Thresholding keeps each digit's shape as the eye sees it and is the same on every machine. (Our
# nats are therefore not comparable with papers' numbers, which also use 60,000 training digits
# instead of 4,000: we compare our models with each other.)

# %% tags=["export"]
import functools

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def binarise(X):
    """Digits as 0/1 pixels: a pixel brighter than one half is ink (1), the rest is paper (0)."""
    return (np.asarray(X) > 0.5).astype(np.float32)


# %%
B_train, B_test = binarise(X_train), binarise(X_test)
grey_share = np.mean((X_train > 0) & (X_train < 1))
print(f"pixels that are neither 0 nor 1 in the grey digits: {grey_share:.1%}; ink pixels after "
      f"binarising: {B_train.mean():.1%}")
fig, ax = plt.subplots(figsize=(5, 1.4))
lh.show_images(np.concatenate([X_test[:8], B_test[:8]]), nrow=8, ax=ax, row_labels=["grey", "binarised"],
               title="the same held-out digits, before and after binarising")
plt.show()


# %% [markdown]
# **A judge for later.** Sections 5 and 7 must judge pictures nobody labelled: is this a digit,
# and which one? For that we train a small digit classifier on the binarised training digits now
# (784 → 128 → 10, a few seconds; notebook 02 taught the training loop). Its **confidence** in a
# picture is the largest of its 10 class probabilities.

# %%
def classifier_loss(model, batch):
    images, labels = batch
    return F.cross_entropy(model(images), labels)


lh.seed_everything(0)
classifier = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
labelled = (torch.tensor(B_train), torch.tensor(y_train))
_ = lh.fit(classifier, classifier_loss, labelled, epochs=8, lr=1e-3, batch_size=128, desc="digit classifier")


def judge(pictures):
    """The classifier's (confidence, predicted digit) for each picture (n, 784)."""
    with torch.no_grad():
        probs = F.softmax(classifier(torch.as_tensor(pictures, dtype=torch.float32)), dim=1)
    confidence, digit = probs.max(dim=1)
    return confidence.numpy(), digit.numpy()


confidence, predicted = judge(B_test)
print(f"classifier accuracy on held-out digits: {np.mean(predicted == y_test):.0%}")


# %% [raw] tags=["deck"]
# ## From an autoencoder to a VAE
# - The encoder gives a mean μ and a log-variance: a cloud, not a point
# - z = μ + σ·ε with ε ~ N(0, I): the random draw becomes trainable
# - Loss = reconstruction + KL to N(0, I): the negative **ELBO**

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3 · From an autoencoder to a VAE
# Three changes turn the autoencoder into a VAE:
#
# 1. **The encoder outputs a distribution.** For each digit it gives a mean vector μ and a
#    log-variance vector log σ² (one number each per latent dimension): "the code is probably
#    around μ, give or take σ". This is the approximate posterior q(z | x).
# 2. **The code is drawn from it**, z = μ + σ · ε with ε ~ N(0, I). Written this way (the
#    *reparameterisation trick*) the randomness sits in ε, and gradients flow through μ and σ to
#    the encoder as usual. Drawing z directly from N(μ, σ²) would give nothing to differentiate.
# 3. **The loss has a second term.** Besides reconstructing the digit, each digit's cloud
#    N(μ, σ²) is pulled towards the standard normal N(0, I) by the KL divergence
#    KL = −½ Σ (1 + log σ² − μ² − σ²). This pulls the codes together into one cloud around the
#    origin, so that sampling z ~ N(0, I) later lands mostly where the decoder knows what to draw.
#
# The sum, reconstruction (BCE summed over the 784 pixels) plus KL, is the **negative ELBO**
# (evidence lower bound). For 0/1 pixels it is an upper bound on −log p(x), the nats the model
# needs for a digit: never below it, so lower is better, and section 8 measures how far above it
# sits. `beta` weights the KL term; `beta = 1` is the plain VAE (section 10 turns it up). The
# decoder returns logits, and `decode` turns them into pixel probabilities, the picture.

# %% tags=["export"]
class VAE(nn.Module):
    """x -> (mu, logvar) -> z = mu + sigma * eps -> logits of the pixels."""

    def __init__(self, k: int, n_in: int = 784, hidden: int = 400):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU())
        self.to_mu = nn.Linear(hidden, k)
        self.to_logvar = nn.Linear(hidden, k)
        self.decoder = nn.Sequential(nn.Linear(k, hidden), nn.ReLU(), nn.Linear(hidden, n_in))  # logits

    def encode(self, x):
        h = self.body(x)
        return self.to_mu(h), self.to_logvar(h)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)   # the reparameterisation trick
        return self.decoder(z), mu, logvar

    def decode(self, z):
        """Pixel probabilities (the picture) for codes z."""
        return torch.sigmoid(self.decoder(z))


def vae_loss(model, batch, beta: float = 1.0):
    """Negative ELBO per digit: summed BCE over pixels + beta * analytic KL to N(0, I)."""
    x = batch[0]
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / len(x)
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp()) / len(x)
    return {"loss": recon + beta * kl, "recon": recon, "kl": kl}


# %% [markdown]
# The reference: the VAE of the official PyTorch examples (`vae/main.py` in pytorch/examples),
# written as it is written there: 784 → 400 → 20 (μ and log σ²) → 400 → 784, a sigmoid output,
# summed BCE plus KL. Ours has the same sizes but is written differently (the decoder returns
# logits and the loss uses the numerically safer `binary_cross_entropy_with_logits`). If ours is
# right, it should score about the same.

# %% tags=["export"]
class RefVAE(nn.Module):
    """pytorch/examples' VAE, unchanged."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784))
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def ref_loss(model, batch):
    x = batch[0]
    recon_x, mu, logvar = model(x)
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction="sum")
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return {"loss": (BCE + KLD) / len(x), "recon": BCE / len(x), "kl": KLD / len(x)}


# %% [markdown]
# ## 4 · Training, and the two terms of the ELBO
# Three digit models: our VAE with a 2-number latent space (to draw it), our VAE with 20, and the
# reference with 20. All get the **same budget**: 50 passes over the 4,000 binarised training
# digits, Adam with learning rate 0.001, batches of 128, the same seed (notebook 02 explains each
# of these). That takes a few minutes, so they (and the furniture VAEs of section 10) were trained
# ahead of time with exactly the recipes below and a fixed seed; their weights and training curves
# ship with the course and are loaded here after a sha256 check. Set `TRAIN_YOURSELF = True` to
# retrain them all in this notebook instead (several minutes).

# %% tags=["export"]
EPOCHS = 50            # passes over the 4,000 training digits
FURNITURE_EPOCHS = 40  # passes over the 3,000 training pieces of furniture (section 10)
BETAS = (1.0, 4.0)     # the KL weights of section 10

# name: (a function making the untrained model, its loss, epochs, the data it learns from);
# all with Adam, learning rate 0.001, batches of 128, seed 0
RECIPES = {
    "k2": (lambda: VAE(2), vae_loss, EPOCHS, "digits"),
    "k20": (lambda: VAE(20), vae_loss, EPOCHS, "digits"),
    "ref_k20": (RefVAE, ref_loss, EPOCHS, "digits"),
    **{f"furniture_beta{beta:g}": (lambda: VAE(10, n_in=32 * 32 * 3, hidden=128),
                                   functools.partial(vae_loss, beta=beta), FURNITURE_EPOCHS, "furniture")
       for beta in BETAS},
}

# %%
TRAIN_YOURSELF = False  # True: retrain the digit VAEs here, and the furniture VAEs in section 10

vaes, curves = {}, {}
for name in ("k2", "k20", "ref_k20"):
    make_model, loss, epochs, _ = RECIPES[name]
    lh.seed_everything(0)
    model = make_model()
    if TRAIN_YOURSELF:
        h = lh.fit(model, loss, torch.tensor(B_train), epochs=epochs, lr=1e-3, batch_size=128,
                   val_data=torch.tensor(B_test), desc=name)
        curves[name] = h.terms
    else:
        state = lh.load_pretrained(f"vae05_{name}.pt")
        model.load_state_dict({k: v.float() for k, v in state["model"].items()})  # stored as float16
        curves[name] = state["history"]
    vaes[name] = model.eval()
vae2, vae20, ref20 = vaes["k2"], vaes["k20"], vaes["ref_k20"]

# %% [raw] tags=["deck"]
# ## Think first: do both terms fall?
# - Over training the loss, reconstruction + KL, goes down
# - Does each of its two terms go down too?
#
# Answer: no: the KL rises while the reconstruction falls, by more. Giving each digit its own precise place costs KL.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Over training, the loss (reconstruction + KL) goes down. Does each of its two
# terms go down too?
#
# <details><summary>Answer</summary>
#
# No. At the start every digit's code is close to N(0, I), so the KL is small, and the
# reconstructions are poor. To rebuild digits the encoder must give each digit its own precise
# place, away from the shared cloud, and that costs KL: the KL term *rises* while the
# reconstruction term falls, by more.
#
# </details>

# %% [raw] tags=["deck"]
# ## The two terms of the loss, over training
# - Held-out reconstruction ends {{c["val_recon"][-1] - c["recon"][-1]:.0f}} nats worse than on training digits

# %% slideshow={"slide_type": "fragment"} deck="figure"
c = curves["k20"]
ep = np.arange(1, len(c["loss"]) + 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
axes[0].plot(ep, c["recon"], label="training digits"); axes[0].plot(ep, c["val_recon"], label="held-out digits")
axes[0].set(title="reconstruction term (BCE, nats per digit)", xlabel="epoch", ylabel="nats", ylim=(40, 160))
axes[1].plot(ep, c["kl"], label="training digits"); axes[1].plot(ep, c["val_kl"], label="held-out digits")
axes[1].set(title="KL term (nats per digit)", xlabel="epoch", ylabel="nats")
for ax in axes:
    ax.legend(fontsize=8)
fig.suptitle("The two terms of the 20-D VAE's loss over training", fontsize=11)
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: does the 2-D map fill the prior?
# - The prior N(0, I) puts 19% of its mass outside the square ±1.64
# - Will the held-out digits' codes put about 19% outside too?
#
# Answer: no, more: {{outside.mean():.0%}}. Easy digits (0s, 1s, 7s) are pushed outwards; the prior is a target, not a fence.

# %% [markdown] slideshow={"slide_type": "slide"}
# The reconstruction term falls fast in the first ten epochs and then slowly. The KL term, after a
# dip in the first two epochs, climbs steeply and keeps creeping up to the last epoch: the encoder
# is still buying better reconstructions with more KL when training stops. Fifty epochs is where we
# stopped, not where the two terms settle. On held-out digits the reconstruction falls more slowly
# and ends {{c["val_recon"][-1] - c["recon"][-1]:.0f}} nats worse than on training digits: the model
# has started to learn these 4,000 digits by heart. The KL, which only measures how far each digit's
# cloud strays from N(0, I), is the same on both ({{c["kl"][-1]:.1f}} and {{c["val_kl"][-1]:.1f}}
# nats).
#
# ## 5 · A 2-D latent space: the map, its extent, and the holes
# With 2 latent numbers we can decode a whole grid and see every region of the space at once.
#
# **Think first.** The prior is N(0, I). In each direction 90% of it lies within ±1.64, so the
# square ±1.64 holds 0.9 × 0.9 = 81% of it, and 19% of the prior lies outside. Will the codes μ of
# the held-out digits fill the square the same way, with about 19% outside?
#
# <details><summary>Answer</summary>
#
# No: more of them lie outside. The KL term pulls codes towards the origin, but the
# reconstruction term pushes digits that are easy to tell apart (0s, 1s, 7s) outwards, where they
# have room of their own. The prior is a *target* for the codes as a whole, not a fence.
#
# </details>

# %%
with torch.no_grad():
    mu2 = vae2.encode(torch.tensor(B_test))[0].numpy()                     # (1000, 2)
outside = (np.abs(mu2) > 1.64).any(axis=1)
share_by_digit = {d: outside[y_test == d].mean() for d in range(10)}
most_outside = sorted(share_by_digit, key=share_by_digit.get, reverse=True)[:3]

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
print(f"held-out codes outside the square ±1.64: {outside.mean():.0%}")
print("the digits most often outside:", ", ".join(f"{d} ({share_by_digit[d]:.0%})" for d in most_outside))
print(f"extent of the codes: z0 from {mu2[:, 0].min():.1f} to {mu2[:, 0].max():.1f}, "
      f"z1 from {mu2[:, 1].min():.1f} to {mu2[:, 1].max():.1f}")

# %% [raw] tags=["deck"]
# ## Two maps: autoencoder against VAE
# - Autoencoder: long arms with holes, tiles that decode to no digit
# - VAE: one compact cloud, every tile a digit or a blend of two
# - But crowded: no tile the classifier is sure shows one of {{no_sure_tile[vae_title]}}

# %% [markdown] slideshow={"slide_type": "slide"}
# So a grid over the prior's central square would miss {{outside.mean():.0%}} of the digits (the
# prior itself puts 19% outside), and exactly the digits with the most distinct shapes. The maps
# below decode a grid over the **whole extent of the codes** instead. On the left, notebook 04's 2-D
# autoencoder (its codes spread over tens of units); on the right, the 2-D VAE. Under each map, the
# training digits' codes on the same axes, coloured by label; on the VAE's, the dashed square is the
# prior's central ±1.64.

# %% slideshow={"slide_type": "fragment"}
ae2 = nb04.MLPAutoencoder(2)
ae2.load_state_dict(lh.load_pretrained("ae04_mlp_k2.pt")["model"])
ae2.eval()
with torch.no_grad():
    codes_ae2 = ae2.encoder(torch.tensor(X_train)).numpy()                 # (4000, 2)
    codes_vae2 = vae2.encode(torch.tensor(B_train))[0].numpy()


def grid_over(codes, n=15):
    """An n x n grid of 2-D codes covering the extent of ``codes`` (first row at the top)."""
    lo, hi = codes.min(0), codes.max(0)
    xs, ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    return np.array([[x, y] for y in ys[::-1] for x in xs], dtype=np.float32), (lo, hi)


n = 15
sure_digits, tile_ink = {}, {}
fig, axes = plt.subplots(2, 2, figsize=(10, 10), gridspec_kw={"height_ratios": [1, 0.85]})
for col, (title, decoder, codes) in enumerate([("04's autoencoder (k = 2)", ae2.decoder, codes_ae2),
                                               ("VAE (k = 2)", vae2.decode, codes_vae2)]):
    Zgrid, (lo, hi) = grid_over(codes, n)
    with torch.no_grad():
        tiles = decoder(torch.from_numpy(Zgrid)).numpy()
    tile_confidence, tile_digit = judge(tiles)
    sure_digits[title] = sorted(set(tile_digit[tile_confidence > 0.9].tolist()))
    tile_ink[title] = tiles.sum(axis=1)                        # the expected number of ink pixels of each tile
    lh.show_images(tiles, nrow=n, ax=axes[0, col], title=f"{title}: decoded {n} x {n} grid")
    lh.scatter2d(codes, y_train, ax=axes[1, col], s=2, title=f"{title}: training codes", legend=col == 1)
    axes[1, col].set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
axes[1, 1].add_patch(plt.Rectangle((-1.64, -1.64), 3.28, 3.28, fill=False, ls="--", color="k"))
fig.tight_layout()
plt.show()

# %%
no_sure_tile = {}
for title, found in sure_digits.items():
    no_sure_tile[title] = [d for d in range(10) if d not in found]
    print(f"{title}: tiles the classifier is sure of show {found}; no sure tile for {no_sure_tile[title]}")

# %%
# NBVAL_CHECK_OUTPUT
faint = np.quantile(B_train.sum(axis=1), 0.01)      # 99% of the real training digits have more ink than this
for title, ink in tile_ink.items():
    print(f"{title}: some tiles are fainter than 99% of real digits:", bool(np.any(ink < faint)))
ae_title, vae_title = sure_digits
print("the classifier is sure of tiles of more digits on the autoencoder's map than on the VAE's:",
      len(sure_digits[ae_title]) > len(sure_digits[vae_title]))

# %% [raw] tags=["deck"]
# ## Think first: halfway between a 4 and a 9
# - A discrete code: the label of one of 20 k-means clusters
# - What is the cluster label halfway between a cluster of 4s and one of 9s?
# - What does the VAE decode halfway between their codes?
#
# Answer: no label exists; blending centres gives a double exposure. The VAE draws one shape turning step by step from 4 into 9.

# %% [markdown] slideshow={"slide_type": "slide"}
# The autoencoder's codes form long arms, one or two digits each, with empty land between them.
# Its decoder fills much of that land with digits anyway (it extrapolates smoothly), but not all
# of it: towards the arm of 1s, tiles decode to fragments, dots and broken strokes that are no
# digit, fainter than all but 1% of real digits. Those are **holes**: places no training digit was
# sent to, where the decoder was never told what to draw. The VAE's codes fill one compact cloud,
# though a wider one than the prior: {{outside.mean():.0%}} of them lie outside the dashed square,
# and the 1s form an arm reaching out to z0 = {{mu2[y_test == 1, 0].max():.1f}}. Every tile of its
# map is a digit or a smooth blend of two neighbours (a 7 turning into a 9 or a 1, a 0 into an 8),
# and none is that faint: training on noisy codes taught the decoder the land around every code.
#
# The VAE pays for that, and the classifier shows the price. Packed into one compact cloud, the
# ten classes crowd each other: the 0s, 1s and 7s that stray outside the prior's square own the
# edges, while 2s, 3s, 4s, 5s and 6s share the crowded middle, where the map shows blurred blends
# of 8 and 9 rather than clean digits of those classes. The grid misses them: the classifier is
# not sure (confidence above 0.9) of a single tile showing one of {{no_sure_tile[vae_title]}}. The
# autoencoder, free to spread its codes, gives more classes a tile of their own (no sure tile only
# for {{no_sure_tile[ae_title]}}). Two numbers are too few for a VAE to give ten classes a region
# each; the 20-D VAE, used from here on, has room for all.
#
# ## 6 · Continuous codes, not cluster labels
# A VAE's latent variables are **continuous**: every vector of 20 real numbers is a code, and
# codes that are close decode to digits that are alike. The simplest *discrete* code is a cluster
# label: run k-means with 20 clusters on the training digits, and describe each digit by the index
# of its cluster, one of 20 values (log₂ 20 ≈ 4.3 bits). Decoding an index gives back the cluster's
# centre, the mean of its digits.
#
# **Think first.** Take a cluster of 4s and a cluster of 9s. What is the discrete code of a digit
# "halfway between" them? And what does the VAE decode halfway between the code of a 4 and the
# code of a 9?
#
# <details><summary>Answer</summary>
#
# There is none: cluster 3.5 does not exist. The best a discrete code can do is blend the two
# centres' pixels, which gives a double exposure, both shapes at half strength. The VAE has a code
# at every point of the straight line between the two, and each decodes to a single shape that
# changes step by step from the 4 into the 9.
#
# </details>

# %% [raw] tags=["deck"]
# ## Continuous codes, not cluster labels
# - Top: the 20 k-means centres, all a discrete code can give back
# - Below: blended centres against the VAE's decoded path, 4 → 9

# %% slideshow={"slide_type": "fragment"} deck="figure"
kmeans = KMeans(n_clusters=20, n_init=1, random_state=0).fit(B_train)
centres = kmeans.cluster_centers_                           # (20, 784): one prototype per cluster
# each cluster's commonest digit: a table of counts (cluster x digit), then the largest per row
counts = np.zeros((20, 10), dtype=int)
np.add.at(counts, (kmeans.labels_, y_train), 1)
cluster_digit = counts.argmax(axis=1)
four_cluster = np.flatnonzero(cluster_digit == 4)[0]
nine_cluster = np.flatnonzero(cluster_digit == 9)[0]

with torch.no_grad():
    mu_train = vae20.encode(torch.tensor(B_train))[0].numpy()
    mu_test = vae20.encode(torch.tensor(B_test))[0].numpy()
four, nine = np.flatnonzero(y_test == 4)[0], np.flatnonzero(y_test == 9)[0]
t = np.linspace(0, 1, 7, dtype=np.float32)[:, None]
blend = (1 - t) * centres[four_cluster] + t * centres[nine_cluster]        # pixels mixed
with torch.no_grad():
    path = vae20.decode(torch.from_numpy((1 - t) * mu_test[four] + t * mu_test[nine])).numpy()

fig, axes = plt.subplots(2, 1, figsize=(8, 3.6), gridspec_kw={"height_ratios": [1, 1.5]})
lh.show_images(centres, nrow=20, ax=axes[0], title="the 20 k-means centres: all a discrete code can decode to")
lh.show_images(np.concatenate([blend, path]), nrow=7, ax=axes[1], row_labels=["k-means", "VAE"],
               title="from a 4 to a 9 (left to right): blended centres vs the decoded line between codes")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: judge samples by pixel distance?
# - Score each sample by its distance to the nearest training digit
# - Would the decoder's blur make samples look better or worse?
#
# Answer: better: a blurry average is moderately close to every digit. Pixel distance rewards blur.

# %% [markdown] slideshow={"slide_type": "slide"}
# Each k-means centre is a blurry prototype: the average of {{counts.sum(axis=1).min()}} to
# {{counts.sum(axis=1).max()}} training digits, with none of their individual slant or thickness.
# Twenty labels can describe twenty prototypes and nothing else. Between two clusters the discrete
# code has nothing to offer, and blending their pictures gives a ghost of both. The VAE's path
# changes one stroke at a time, because every point on it is a code the decoder has learned to draw.
# That is what "latent variables are continuous vectors" buys: directions to move in, distances that
# mean something, and an answer at every point in between (sections 9 and 10 use all three).
#
# ## 7 · Sampling new digits, judged fairly
# Draw z from N(0, I) in the 20-D latent space and decode it: digits nobody wrote. How good are
# they? The decoder returns pixel probabilities, the *average* digit for that code, so samples
# come out blurrier than real digits.
#
# **Think first.** We could judge samples by the pixel distance to the nearest training digit.
# Would blur make samples look better or worse by that measure?
#
# <details><summary>Answer</summary>
#
# Better. A blurry average sits between many digits, so it is moderately close to all of them,
# often closer than a sharp, real digit whose strokes are slightly off from every training digit.
# Pixel distance rewards blur; it cannot tell a plausible sample from a smudge.
#
# </details>
#
# Instead we ask section 2's classifier two questions about each set of pictures: how sure is it
# of the digit it sees (its confidence), and **which digits** appear (a good generator makes all
# ten, in about equal shares). The fair baseline for samples is not real digits but the VAE's
# **reconstructions** of held-out digits: the same decoder, hence the same blur, from codes of
# real digits. Beside them, 04's autoencoder with random codes twice: drawn from N(0, I), and
# from a normal distribution fitted to its training codes (their mean and covariance) after
# training.

# %% [raw] tags=["deck"]
# ## Samples, judged fairly
# - A classifier's confidence, against the VAE's own reconstructions (same blur)
# - Median confidence: samples {{sample_confidence:.2f}}, reconstructions {{median_confidence["VAE reconstructions"]:.2f}}

# %%
g = torch.Generator().manual_seed(0)
mean8, cov8 = codes8.mean(0), np.cov(codes8.T)                        # fitted after training
fitted8 = mean8 + torch.randn(1000, 8, generator=g).numpy() @ np.linalg.cholesky(cov8).T
with torch.no_grad():
    picture_sets = {
        "held-out digits": B_test,
        "VAE reconstructions": vae20.decode(torch.from_numpy(mu_test)).numpy(),
        "VAE samples, z ~ N(0, I)": vae20.decode(torch.randn(1000, 20, generator=g)).numpy(),
        "04's AE, z ~ N(0, I)": ae8.decoder(torch.randn(1000, 8, generator=g)).numpy(),
        "04's AE, z ~ fitted normal": ae8.decoder(torch.tensor(fitted8, dtype=torch.float32)).numpy(),
    }
judged = {}
for name, pictures in picture_sets.items():
    confidence, digit = judge(pictures)
    judged[name] = (confidence, np.bincount(digit, minlength=10) / len(pictures))

# %% slideshow={"slide_type": "fragment"}
print(f"{'pictures':28}{'median confidence':>18}{'sure (> 0.9)':>14}{'rarest digit':>14}{'commonest':>11}")
for name, (conf, shares) in judged.items():
    print(f"{name:28}{np.median(conf):18.2f}{np.mean(conf > 0.9):14.0%}"
          f"{f'{shares.argmin()} ({shares.min():.1%})':>14}{f'{shares.argmax()} ({shares.max():.0%})':>11}")
median_confidence = {name: float(np.median(conf)) for name, (conf, _) in judged.items()}
sure_share = {name: float(np.mean(conf > 0.9)) for name, (conf, _) in judged.items()}
sample_confidence = median_confidence["VAE samples, z ~ N(0, I)"]

# %%
# NBVAL_CHECK_OUTPUT
print("the classifier is as sure of the VAE's reconstructions as of real digits (within 0.05):",
      abs(median_confidence["VAE reconstructions"] - median_confidence["held-out digits"]) < 0.05)
print("it is clearly less sure of the VAE's samples (median lower by more than 0.1):",
      sample_confidence < median_confidence["VAE reconstructions"] - 0.1)
print("every digit appears among the VAE's samples:", bool(judged["VAE samples, z ~ N(0, I)"][1].min() > 0))
print("04's autoencoder with N(0, I) codes: sure of fewer than 5% of its pictures:",
      sure_share["04's AE, z ~ N(0, I)"] < 0.05)
print("with a normal fitted to its codes: at least as sure as of the VAE's samples:",
      median_confidence["04's AE, z ~ fitted normal"] >= sample_confidence)

# %% slideshow={"slide_type": "fragment"} deck="figure"
shown = ["VAE reconstructions", "VAE samples, z ~ N(0, I)", "04's AE, z ~ fitted normal"]
first12 = np.concatenate([picture_sets[k][:12] for k in shown])
fig, ax = plt.subplots(figsize=(8, 2.2))
lh.show_images(first12, nrow=12, ax=ax, row_labels=["VAE recon.", "VAE samples", "AE, fitted"],
               title="reconstructions (the blur baseline) and samples")
plt.show()

# %% [raw] tags=["deck"]
# ## A VAE is not the only sampler
# - 04's autoencoder with a normal fitted to its codes samples as well ({{median_confidence["04's AE, z ~ fitted normal"]:.2f}})
# - The VAE's gifts: the distribution is in the model, smooth land, a probability per digit
# - New digits, but only in the styles of these 4,000

# %% [markdown]
# The classifier is sure of most real digits ({{sure_share["held-out digits"]:.0%}} above 0.9), and
# just as sure of the VAE's reconstructions (median confidence
# {{median_confidence["VAE reconstructions"]:.2f}} against
# {{median_confidence["held-out digits"]:.2f}}): the decoder's blur does not confuse it, so the
# baseline is fair. The VAE's samples score clearly lower (median {{sample_confidence:.2f}}, and
# only {{sure_share["VAE samples, z ~ N(0, I)"]:.0%}} sure): many are recognisable digits, but a
# good share are hesitant shapes between two classes. Every digit appears, though not in equal
# shares. Not every point of N(0, I) is a place where the encoder put training digits: the codes
# fill the prior's cloud roughly, not exactly (section 5 saw the same in 2-D).
#
# The autoencoder with N(0, I) codes is the opening's failure in numbers: the classifier is sure of
# almost none of its pictures, and some digits hardly appear (the rarest,
# {{judged["04's AE, z ~ N(0, I)"][1].argmin()}}, in {{judged["04's AE, z ~ N(0, I)"][1].min():.1%}}
# of them). But fit a normal distribution to its codes after training, and the same autoencoder
# samples at least as well as the VAE (here better: median confidence
# {{median_confidence["04's AE, z ~ fitted normal"]:.2f}}). That is an honest result, and not ours
# alone (Ghosh et al., 2020, in the further reading): a VAE is not the only way to get a sampler.
# Its gifts are that the sampling distribution is part of the model, known before any code is drawn;
# that its latent space is smooth around every code (section 5's map, section 6's path); and that it
# gives every digit a probability, which the next section measures.
#
# Are the samples "new"? They are decoded from codes that no digit was given, so none is a stored
# training digit; but they are made only of what the model learned from these 4,000 digits: ten
# classes, these writers' styles. A VAE trained on them will never invent a digit style that is not
# in them. New data from a latent space depends on the data the space was learned from.
#
# ## 8 · Measured in nats: our VAE, the reference, and the true log p(x)
# Both 20-D models are scored on the 1,000 held-out digits with the same bookkeeping,
# `heldout_neg_elbo` from `latent_helpers.metrics`:
#
# - **reconstruction** = BCE summed over the 784 pixels, with z drawn from the encoder's
#   N(μ, σ²); each digit's term is averaged over 10 draws (a seeded generator, so the figure
#   repeats exactly);
# - **KL** = the analytic KL(N(μ, σ²) ‖ N(0, I)), no sampling;
# - **−ELBO** = reconstruction + KL per digit, averaged over the held-out digits, in nats.

# %% [raw] tags=["deck"]
# ## Measured in nats
# - −ELBO per held-out digit: reconstruction + KL
# - Ours and pytorch/examples' VAE: {{abs(ours.total - ref.total):.2f}} nats apart, a check, not a contest

# %% deck="output"
# NBVAL_CHECK_OUTPUT
ours = heldout_neg_elbo(vae20.encode, vae20.decode, B_test, n_samples=10, seed=0)
ref = heldout_neg_elbo(ref20.encode, ref20.decode, B_test, n_samples=10, seed=0)
ratio = ours.total / ref.total
print(f"{'held-out, nats per digit':28}{'-ELBO':>8}{'recon':>8}{'KL':>7}")
for name, r in (("our VAE (20-D)", ours), ("reference VAE (20-D)", ref)):
    print(f"{name:28}{r.total:8.1f}{r.recon:8.1f}{r.kl:7.1f}")
print(f"ours / reference: {ratio:.2f}")

# %% [raw] tags=["deck"]
# ## Think first: −ELBO or −log p(x)?
# - Importance sampling estimates the true −log p(x) of a digit
# - Which is larger, −ELBO or −log p(x)?
# - By a fraction of a nat, or by several?
#
# Answer: −ELBO, by several nats ({{vae_elbo_gap:.1f}} per digit): the gap is the KL from the encoder's cloud to the true posterior.

# %% [markdown] slideshow={"slide_type": "slide"}
# The two agree to a fraction of a nat ({{abs(ours.total - ref.total):.2f}} apart), as they should:
# same sizes, same budget, the same objective written two ways. They even start from the same
# weights (the layers are made in the same order after the same seed), so what is left is the
# numerical difference between our logits-based loss and the reference's sigmoid-then-BCE. The
# comparison checks that our ELBO, reparameterisation and training are right; it is not a contest.
#
# **How far is the bound from the truth?** The ELBO is a *lower bound* on log p(x), so −ELBO is
# an upper bound on −log p(x). The true log p(x) = log ∫ p(x | z) p(z) dz has no formula, but it
# can be estimated by **importance sampling**: draw K codes z₁ … z_K from the encoder's q(z | x)
# and average the weights w = p(x | z) p(z) / q(z | x):
#
#   log p(x) ≈ log (1/K Σₖ wₖ).
#
# With K = 1 this is a one-sample ELBO; as K grows the estimate rises towards log p(x) (Burda et
# al., 2016, call it the IWAE bound; it stays a lower bound for every K and becomes exact as K
# grows without end).
#
# **Think first.** For a held-out digit, which is larger: −ELBO or −log p(x)? And will the gap be
# a fraction of a nat, or several nats?
#
# <details><summary>Answer</summary>
#
# −ELBO is larger: it pays for the encoder's approximation. The gap is exactly
# KL(q(z | x) ‖ p(z | x)), how far the encoder's normal cloud is from the true posterior over
# codes (exercise 4 lets you check this on a model small enough to compute everything), and for a
# small encoder trained on 4,000 digits it is several nats per digit.
#
# </details>
#
# The function below works in logs throughout (a product of 784 probabilities underflows) and in
# chunks of digits, so that K = 500 draws for each digit fit in memory.

# %%
LOG_2PI = math.log(2 * math.pi)


def log_weights(vae, x, K, chunk=4, seed=0):
    """log w = log p(x|z) + log p(z) - log q(z|x) for K draws z ~ q(z|x) per digit: shape (K, n)."""
    g = torch.Generator().manual_seed(seed)
    log_w = torch.empty(K, len(x), dtype=torch.float64)
    with torch.no_grad():
        for start in range(0, len(x), chunk):
            xb = x[start:start + chunk]                                   # (n, 784), 0/1 pixels
            mu, logvar = vae.encode(xb)
            eps = torch.randn((K, *mu.shape), generator=g)               # (K, n, d)
            z = mu + torch.exp(0.5 * logvar) * eps
            p = vae.decode(z).clamp(1e-7, 1 - 1e-7)                       # (K, n, 784)
            log_px_z = (xb * torch.log(p) + (1 - xb) * torch.log1p(-p)).sum(-1)
            log_pz = -0.5 * (z ** 2 + LOG_2PI).sum(-1)                    # N(0, I)
            log_qz = -0.5 * (eps ** 2 + logvar + LOG_2PI).sum(-1)        # N(mu, sigma^2) at z
            log_w[:, start:start + chunk] = log_px_z + log_pz - log_qz
    return log_w


def importance_estimate(log_w, K):
    """log (1/K sum_k w_k) per digit from the first K log-weights, computed stably with logsumexp."""
    return torch.logsumexp(log_w[:K], dim=0) - math.log(K)


subset = torch.tensor(B_test[:300])                    # the first 300 held-out digits
log_w = log_weights(vae20, subset, K=500)              # (500, 300)
neg_log_px = {K: -importance_estimate(log_w, K).mean().item() for K in (1, 5, 25, 100, 500)}
subset_elbo = heldout_neg_elbo(vae20.encode, vae20.decode, subset.numpy(), n_samples=10, seed=0)
vae_iwae_nll = neg_log_px[500]
vae_elbo_gap = subset_elbo.total - vae_iwae_nll

# %% [raw] tags=["deck"]
# ## An honest but loose bound
# - The estimate of −log p(x) against K, the draws per digit
# - {{vae_elbo_gap:.1f}} nats per digit below the −ELBO, still falling at K = 500

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
print("300 held-out digits, our 20-D VAE, nats per digit:")
print(f"  -ELBO (heldout_neg_elbo):                {subset_elbo.total:6.1f}")
print(f"  -log p(x), importance estimate, K = 500: {vae_iwae_nll:6.1f}")
print(f"  gap:                                     {vae_elbo_gap:6.1f}")

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, ax = plt.subplots(figsize=(5, 3))
Ks = list(neg_log_px)
ax.plot(Ks, [neg_log_px[K] for K in Ks], "o-", label="importance estimate of -log p(x)")
ax.axhline(subset_elbo.total, color="tab:red", ls="--", label="-ELBO")
ax.set(xscale="log", xlabel="K, draws of z per digit", ylabel="nats per digit",
       title="The estimate of -log p(x) falls as K grows")
ax.legend(fontsize=8)
plt.show()

# %% [raw] tags=["deck"]
# ## Attribute vectors: thick minus thin
# - Mean code of thick-stroked digits minus that of thin-stroked ones
# - Added to a 1, 2, 4, 7 or 9, it thickens each; subtracted, it thins them

# %% [markdown] slideshow={"slide_type": "slide"}
# The −ELBO sits several nats above the estimate of −log p(x) ({{vae_elbo_gap:.1f}} nats per digit),
# and the estimate is still falling slowly at K = 500, so the true gap is a little larger still: the
# bound is honest but loose. Those nats are what the encoder's simple normal cloud costs, a price
# paid on every digit. (With K = 1 the estimate is a one-sample ELBO, which lands on the −ELBO line
# up to the noise of a single draw: the same quantity, estimated with a sampled instead of an
# analytic KL.) Training on the IWAE bound instead of the ELBO, richer posteriors (normalising
# flows) and more data all shrink this gap.
#
# ## 9 · Moving through the latent space
# **Attribute vectors.** If a direction in latent space means "thicker strokes", we can find it by
# averaging: take the training digits whose strokes are thick for their class (the most ink, the
# top quarter within each digit) and those whose strokes are thin (the bottom quarter), and
# subtract their mean codes. Adding that vector to any digit's code should thicken it, whatever
# digit it is.

# %% slideshow={"slide_type": "fragment"} deck="figure"
ink = B_train.sum(1)
rel = np.empty_like(ink)
for d in range(10):  # ink relative to the digit's own class, so "thick" does not just mean "0 or 8"
    m = y_train == d
    rel[m] = (ink[m] - ink[m].mean()) / ink[m].std()
thick, thin = rel > np.quantile(rel, 0.75), rel < np.quantile(rel, 0.25)
v_thick = mu_train[thick].mean(0) - mu_train[thin].mean(0)

alphas = np.array([-1.5, -0.75, 0.0, 0.75, 1.5], dtype=np.float32)
base_digits = (1, 2, 4, 7, 9)
base_idx = np.array([np.flatnonzero(y_test == d)[1] for d in base_digits])
codes_moved = mu_test[base_idx][:, None, :] + alphas[None, :, None] * v_thick     # (5 digits, 5 steps, 20)
with torch.no_grad():
    decoded = vae20.decode(torch.from_numpy(codes_moved.reshape(-1, 20))).numpy()     # (25, 784)
rows = decoded.reshape(len(base_idx), len(alphas), 784)
fig, ax = plt.subplots(figsize=(3.4, 3.6))
lh.show_images(decoded, nrow=len(alphas), ax=ax, title="code + a * (thick - thin)",
               row_labels=[str(d) for d in base_digits])
ax.set_xticks([14 + 29 * j for j in range(len(alphas))], [f"{a:+g}" for a in alphas])
ax.set_xlabel("a")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
ink_by_alpha = rows.sum(-1).mean(0)
print("mean ink of the decoded digits for a =", ", ".join(f"{a:+g}: {v:.0f}" for a, v in zip(alphas, ink_by_alpha)))

# %% [markdown]
# The same vector thickens a 1, a 2, a 4, a 7 and a 9, and its negative thins them: the ink rises
# steadily with a. A direction found from averages of labelled groups acts on digits it was never
# computed from. That is vector arithmetic on attributes, the same idea as "king − man + woman" in
# word embeddings (notebook 07). The direction is not pure: push it far and shapes change too.
#
# **Sliders.** Below, the 20-D VAE with a slider for the 8 dimensions the encoder uses most (the
# largest spread of μ over the training digits), starting from a held-out 2. The sliders are
# named after the dimensions, z0 … z19, as `mu_test[:, k]` in the code. The prior is N(0, 1) in
# each dimension, so ±3 covers nearly all of it.

# %%
active = np.argsort(mu_train.std(0))[::-1][:8]
vae_sliders = LatentSliders(vae20.decode, mu_test[base_idx[1]], dims=[int(k) for k in active], ranges=(-3.0, 3.0),
                            title="20-D VAE: the 8 most used latent dimensions")
vae_sliders

# %% [markdown]
# **Interpolation.** A slider `t` walks the straight line in latent space from a held-out 4 through
# a 9 to a 7, decoding each point on the way. The map on the right is the 20-D codes of the
# held-out digits projected on their first two principal components, with the path on it. As in
# section 6, every point between two codes decodes to a digit-like shape.

# %%
ends = [np.flatnonzero(y_test == d)[0] for d in (4, 9, 7)]
walk = Interpolator(vae20.decode, mu_test[ends], map_points=mu_test, map_labels=y_test,
                    label_names=[str(d) for d in range(10)], title="4 -> 9 -> 7 in the 20-D VAE")
walk

# %% [raw] tags=["deck"]
# ## Think first: one factor per dimension?
# - Chairs and desks: the true factors are known
# - A beta-VAE weights the KL term 4 times as much
# - Will it give one factor per latent dimension?
#
# Answer: do not count on it: the dimensions become more independent, but nothing in the loss asks for one factor each.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 10 · Disentanglement: one dimension, one factor?
# In the digits we do not know the true factors of variation. In the chairs and desks of notebook
# 03 we do: every picture was drawn from known numbers (kind, back height, leg length and
# thickness, width, rungs, drawer, hue, scale...). So we can ask: does each latent dimension follow
# one factor?
#
# A **beta-VAE** multiplies the KL term by beta > 1. The stronger pull to N(0, I), whose dimensions
# are independent, pushes the model to use few dimensions, each for something independent, which
# often (not always) lines up with real factors. The price is blurrier reconstructions. The same VAE
# class (3,072 → 128 → 10 → 128 → 3,072 on the 32 × 32 colour pictures) was trained ahead of time on
# 3,000 pieces with beta = 1 and beta = 4, 40 epochs each (the recipes of section 4). We measure on
# 1,000 other pieces. (Colour values are not 0 or 1, so here the reconstruction term is a loss that
# compares models, not nats of a probability.)
#
# **Think first.** Will quadrupling the KL weight give one factor per latent dimension?
#
# <details><summary>Answer</summary>
#
# Do not count on it. beta-VAE makes the dimensions more independent, but nothing in its loss
# knows which factors we had in mind; whether its dimensions line up with them depends on the data
# and on luck. Measure it below.
#
# </details>

# %% [raw] tags=["deck"]
# ## Disentanglement, measured
# - MIG: {{reports[1.0]["mig"].score:.2f}} at beta = 1, {{reports[4.0]["mig"].score:.2f}} at beta = 4
# - Both low: a nudge, not one factor per dimension, and worse reconstructions

# %%
furniture = lh.make_furniture(1000, seed=1)
Xf = torch.tensor(furniture.images.reshape(len(furniture), -1))
factor_names = ["kind", "back_height", "seat_height", "leg_length", "leg_thickness", "width", "rungs", "drawer",
                "hue", "scale"]
factors = {k: furniture.factors[k] for k in factor_names}
fvaes, reports = {}, {}
for beta in BETAS:
    make_model, loss, epochs, _ = RECIPES[f"furniture_beta{beta:g}"]
    lh.seed_everything(0)
    model = make_model()
    if TRAIN_YOURSELF:  # the flag of section 4: retrain on 3,000 other pieces (about a minute each)
        train_f = torch.tensor(lh.make_furniture(3000, seed=0).images.reshape(3000, -1))
        lh.fit(model, loss, train_f, epochs=epochs, lr=1e-3, batch_size=128, desc=f"furniture beta={beta:g}")
    else:
        state = lh.load_pretrained(f"vae05_furniture_beta{beta:g}.pt")
        model.load_state_dict({k: v.float() for k, v in state["model"].items()})
    fvaes[beta] = model.eval()
    with torch.no_grad():
        mu_f, logvar_f = model.encode(Xf)
    kl_dim = (-0.5 * (1 + logvar_f - mu_f ** 2 - logvar_f.exp())).mean(0).numpy()
    elbo = heldout_neg_elbo(model.encode, model.decode, Xf.numpy(), n_samples=1)
    reports[beta] = dict(mu=mu_f.numpy(), kl_dim=kl_dim, mig=mutual_info_gap(mu_f.numpy(), factors),
                         match=best_match_score(mu_f.numpy(), factors), recon=elbo.recon)

# %% slideshow={"slide_type": "fragment"} deck="output"
# NBVAL_CHECK_OUTPUT
print(f"{'':10}{'MIG':>6}{'best-match |corr|':>19}{'active dims':>13}{'recon (BCE)':>13}")
for beta, r in reports.items():
    print(f"beta = {beta:<3g}{r['mig'].score:6.2f}{r['match'][0]:19.2f}{int((r['kl_dim'] > 0.1).sum()):13d}"
          f"{r['recon']:13.0f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# Two numbers, measured on the 1,000 test pieces from the encoder's means μ:
#
# - **MIG** (mutual information gap): for each factor, how much more the best latent dimension
#   knows about it than the second best, as a share of what there is to know (0 to 1), averaged
#   over the factors. High only if each factor lives in *one* dimension.
# - **best-match |corr|**: pair each factor with its own dimension (each dimension used once) so
#   that the absolute rank correlations add up to the most, and average them. High if every factor
#   has *some* dimension that follows it, even if others follow it too.
#
# "Active dims" counts dimensions whose KL is above 0.1 nats: the rest the model switched off.
#
# What the numbers show: both scores are low. The stronger KL pull roughly doubles MIG
# ({{reports[1.0]["mig"].score:.2f}} → {{reports[4.0]["mig"].score:.2f}}), but from almost nothing
# to little, and the best-match correlation does not move. Neither model finds the factors one per
# dimension, and beta = 4 pays for its small gain with clearly worse reconstructions.
#
# Low scores do not mean the factors were lost: they may be *there*, spread over several
# dimensions. A third measure asks that: how well does the best straight-line fit from all 10
# codes (least squares) predict each factor? R² = 1 is perfect, 0 no better than the average.

# %%
def linear_r2(Z, target):
    """R^2 of the best straight-line (least-squares) prediction of target from the codes Z."""
    A = np.c_[Z, np.ones(len(Z))]                      # the codes and a constant
    coef, *_ = np.linalg.lstsq(A, target, rcond=None)
    residual = target - A @ coef
    return float(1 - (residual ** 2).sum() / ((target - target.mean(axis=0)) ** 2).sum())


hue = furniture.factors["hue"]
wheel = np.c_[np.cos(2 * np.pi * hue), np.sin(2 * np.pi * hue)]   # the colour as a point on the colour wheel
fit_r2 = {beta: {"colour": linear_r2(r["mu"], wheel),
                 **{k: linear_r2(r["mu"], factors[k].astype(np.float64)) for k in factor_names if k != "hue"}}
          for beta, r in reports.items()}
hue_corr_max = max(correlation_matrix(r["mu"], factors)[:, factor_names.index("hue")].max() for r in reports.values())
print("R^2 of a straight-line fit from the 10 codes:")
print(f"{'':10}" + "".join(f"{k[:11]:>12}" for k in fit_r2[1.0]))
for beta, row in fit_r2.items():
    print(f"beta = {beta:<3g}" + "".join(f"{v:12.2f}" for v in row.values()))

# %% [markdown]
# Reasons we can see in these fits, the heat maps and the traversals below:
#
# - **colour is what the codes hold best**: a straight-line fit predicts a piece's colour (its
#   point on the colour wheel) with R² = {{fit_r2[1.0]["colour"]:.2f}} at beta = 1 and
#   {{fit_r2[4.0]["colour"]:.2f}} at beta = 4, better than any factor of shape. In these colour
#   pictures hue changes every pixel of the piece, so colour is most of what there is to rebuild,
#   and the VAE spends its dimensions on it (notebook 03's lesson: what a latent space keeps
#   depends on what it must rebuild);
# - hue goes round a circle (0 and 1 are both red), so it needs at least two numbers and is spread
#   over several dimensions: no single dimension follows it the whole way round, and its rank
#   correlations in the heat maps (at most {{hue_corr_max:.2f}}) understate how well the codes
#   know it;
# - kind, back height, width and drawer are tied together by how the pieces are drawn (a desk has
#   no back-rest, is wider, often has a drawer): at beta = 4 one dimension carries all of them
#   at once, a "chair ↔ desk" axis, which is sensible but is not one factor per dimension;
# - seat height and leg thickness change only a few pixels and are barely encoded (R² at most
#   {{max(fit_r2[b][k] for b in fit_r2 for k in ("seat_height", "leg_thickness")):.2f}}); scale only
#   partly.
#
# So: beta-VAE nudges towards disentanglement here, it does not achieve it. That matches the
# research (see Locatello et al. in the further reading): without supervision, disentanglement
# depends heavily on the data and the model.

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
for ax, (beta, r) in zip(axes, reports.items()):
    order = np.argsort(r["kl_dim"])[::-1]
    C = correlation_matrix(r["mu"], factors)[order]
    im = ax.imshow(C.T, vmin=0, vmax=1, cmap="viridis")
    ax.set_xticks(range(10), [f"z{k}" for k in order], fontsize=8)
    ax.set_yticks(range(len(factor_names)), factor_names, fontsize=8)
    ax.set(title=f"|rank correlation|, beta = {beta:g}", xlabel="latent dimension (most used first)")
fig.colorbar(im, ax=axes, shrink=0.8)
plt.show()

# %% [raw] tags=["deck"]
# ## Latent traversals
# - From one piece's code, sweep one dimension at a time, −2.5 to +2.5
# - A disentangled model would change one thing per row

# %% [markdown]
# **Latent traversals.** Another way to look: start from one piece's code and sweep one dimension
# at a time from −2.5 to +2.5, the others fixed. Each row is one dimension (the most used first);
# a disentangled model would change one thing per row.

# %% deck="figure"
fig, axes = plt.subplots(1, 2, figsize=(10, 5))
for ax, (beta, r) in zip(axes, reports.items()):
    order = np.argsort(r["kl_dim"])[::-1][:6]
    steps = np.linspace(-2.5, 2.5, 7, dtype=np.float32)
    Z = np.repeat(r["mu"][:1], len(order) * len(steps), axis=0)
    for row, k in enumerate(order):
        Z[row * len(steps):(row + 1) * len(steps), k] = steps
    with torch.no_grad():
        pics = fvaes[beta].decode(torch.from_numpy(Z)).numpy().reshape(-1, 32, 32, 3)
    lh.show_images(pics, nrow=len(steps), ax=ax, title=f"beta = {beta:g}: one dimension per row, -2.5 to +2.5",
                   row_labels=[f"z{k} (KL {r['kl_dim'][k]:.1f})" for k in order])
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Summary
# - A VAE's codes fill a known cloud: sample it, and its land has no holes
# - Its loss, reconstruction + KL, bounds −log p(x), several nats loose
# - Mean codes give attribute vectors; beta-VAE only nudges towards disentanglement

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Summary
# - A plain autoencoder gives no distribution to draw codes from, and its latent space has holes
#   where no digit was put; a VAE asks its codes to fill N(0, I), and trains its decoder on the land
#   around every code.
# - A VAE's encoder gives a mean and a variance; z = μ + σ·ε makes the random draw trainable.
# - Its loss, the negative ELBO, is reconstruction + KL. On 0/1 pixels it is an upper bound on
#   −log p(x); an importance-weighted estimate shows it is several nats loose for our VAE.
# - A 2-D VAE's latent space is a map without holes, though crowded: two numbers cannot give ten
#   classes a region each. Continuous codes give a digit at every point between two codes, where
#   cluster labels give nothing.
# - Samples are judged fairly by a classifier against the decoder's own reconstructions: many are
#   clear digits, many hesitate between two; an autoencoder with a normal distribution fitted to its
#   codes does as well. "New" samples are made of what the training data taught.
# - Our VAE scores within a fraction of a nat of pytorch/examples' reference on the same digits.
# - Differences of mean codes act as attribute vectors (thick − thin).
# - With known factors we can *measure* disentanglement (MIG, best-match correlation); on the chairs
#   and desks beta = 4 raises MIG a little, but neither model separates the factors one per dimension,
#   though the codes hold several of them (colour best), spread over many dimensions.
#
# ## Exercises
# **Exercise 1 (derive a KL).** Section 3's KL term measures how far a code's cloud N(μ, σ²) is
# from the standard normal. Some models use another prior, N(m, s²) in each dimension (a learned
# prior, or a wider one). Derive the KL divergence KL(N(μ, σ²) ‖ N(m, s²)) and write it as
# `kl_to_prior(mu, logvar, prior_mu, prior_logvar)` for one code: numpy arrays of the same length,
# with log σ² and log s² given, summed over the dimensions. Hint: a KL divergence does not change
# when both distributions are moved and rescaled the same way; try z → (z − m) / s, which turns the
# prior into N(0, 1), and use section 3's formula. The check tries your function on priors of its
# own, including the standard one.

# %% [raw] tags=["deck"]
# ## Exercise 1 · derive a KL
# - KL(N(μ, σ²) ‖ N(m, s²)), summed over the dimensions
# - Hint: z → (z − m) / s turns the prior into N(0, 1)

# %%
def kl_to_prior(mu, logvar, prior_mu, prior_logvar):
    """KL(N(mu, exp(logvar)) || N(prior_mu, exp(prior_logvar))) in nats, summed over the dimensions."""
    return None  # your code here

from latent_helpers.exercises import check_kl_general
check_kl_general(kl_to_prior)


# %% tags=["solution"]
def kl_to_prior(mu, logvar, prior_mu, prior_logvar):
    """KL(N(mu, exp(logvar)) || N(prior_mu, exp(prior_logvar))) in nats, summed over the dimensions."""
    s = np.exp(0.5 * prior_logvar)
    mu_moved, logvar_moved = (mu - prior_mu) / s, logvar - prior_logvar    # q after z -> (z - m) / s
    return -0.5 * np.sum(1 + logvar_moved - mu_moved ** 2 - np.exp(logvar_moved))

assert check_kl_general(kl_to_prior)


# %% [raw] tags=["deck"]
# ## Exercise 2 · gradients through a random draw
# - z = μ + σ·ε for fixed draws ε; estimate E[z²] by their mean
# - Its gradients with respect to μ and log σ²: what should they be close to?

# %% [markdown]
# **Exercise 2 (gradients through a random draw).** Why does the reparameterisation trick let the
# encoder learn? Take one latent number with mean `mu` and log-variance `logvar`, and K fixed noise
# draws `eps` (a 1-D tensor). With z = μ + σ·ε for each draw, `mean(z ** 2)` estimates E[z²].
# Write `reparam_gradients(mu, logvar, eps)` returning the gradients of that estimate with respect
# to `mu` and to `logvar`, as a pair of numbers: make `mu` and `logvar` tensors that require grad
# (`torch.tensor(mu, requires_grad=True)`), build z, call `.backward()` on the estimate and read the
# `.grad` of each. Before you run the check: what should the two gradients be close to? (E[z²] =
# μ² + σ².)

# %%
def reparam_gradients(mu, logvar, eps):
    """d/dmu and d/dlogvar of mean((mu + exp(logvar / 2) * eps) ** 2) over the draws eps."""
    return None  # your code here

from latent_helpers.exercises import check_reparam_gradients
check_reparam_gradients(reparam_gradients)


# %% tags=["solution"]
def reparam_gradients(mu, logvar, eps):
    """d/dmu and d/dlogvar of mean((mu + exp(logvar / 2) * eps) ** 2) over the draws eps."""
    mu = torch.tensor(mu, requires_grad=True)
    logvar = torch.tensor(logvar, requires_grad=True)
    z = mu + torch.exp(0.5 * logvar) * eps        # the randomness is all in eps
    (z ** 2).mean().backward()
    return mu.grad.item(), logvar.grad.item()

assert check_reparam_gradients(reparam_gradients)


# %% [raw] tags=["deck"]
# ## Exercise 3 · the negative ELBO, one draw
# - `neg_elbo(x, probs, mu, logvar)`: summed BCE plus KL, one value per digit
# - Then compare its mean on the held-out digits with section 8's

# %% [markdown]
# **Exercise 3.** Write each digit's negative ELBO with one draw of z, `neg_elbo(x, probs, mu,
# logvar)`: `x` holds 0/1 pixels and `probs` the decoder's pixel probabilities, both of shape
# (n, 784); `mu` and `logvar` have shape (n, k). Return one value per digit, shape (n,): the
# reconstruction term −(x log p + (1 − x) log(1 − p)) summed over the pixels, plus the KL. Once
# the check passes, try it on the held-out digits (encode them, draw z once, decode) and compare
# the mean with section 8's −ELBO.

# %%
def neg_elbo(x, probs, mu, logvar):
    return None  # your code here

from latent_helpers.exercises import check_neg_elbo
check_neg_elbo(neg_elbo)


# %% tags=["solution"]
def neg_elbo(x, probs, mu, logvar):
    recon = -(x * torch.log(probs) + (1 - x) * torch.log(1 - probs)).sum(dim=1)
    kl = -0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(dim=1)
    return recon + kl

assert check_neg_elbo(neg_elbo)
x_h = torch.tensor(B_test)
with torch.no_grad():
    mu_h, logvar_h = vae20.encode(x_h)
    eps_h = torch.randn(mu_h.shape, generator=torch.Generator().manual_seed(1))
    probs_h = vae20.decode(mu_h + torch.exp(0.5 * logvar_h) * eps_h).clamp(1e-7, 1 - 1e-7)
    per_digit = neg_elbo(x_h, probs_h, mu_h, logvar_h)
print(f"one-draw -ELBO on the held-out digits: {per_digit.mean():.1f} nats")

# %% [raw] tags=["deck"]
# ## Exercise 4 · the ELBO's gap, exactly
# - z ~ N(0, 1), x | z ~ N(z, 0.5): log p(x) has a formula
# - Write the ELBO of q(z) = N(m, v); find the best q for x = 1.2

# %% [markdown]
# **Exercise 4 (derive the ELBO's gap).** Section 8 said that the gap between log p(x) and the ELBO
# is exactly KL(q(z) ‖ p(z | x)). Check it on a model small enough to compute everything: one latent
# number z ~ N(0, 1) and one observed number x | z ~ N(z, s²) with s² = 0.5 (the "decoder" only adds
# noise). Here log p(x) has a formula (p(x) = N(0, 1 + s²)), and the true posterior p(z | x) is a
# normal too.
#
# (a) For q(z) = N(m, v), work out ELBO = E_q[log p(x | z)] + E_q[log p(z)] − E_q[log q(z)] in
# closed form and write `elbo_1d(x, m, v)`. You need E_q[(x − z)²] and E_q[z²] for z ~ N(m, v),
# and the log of a normal density, log N(y; a, b) = −½ log(2πb) − (y − a)² / (2b).
#
# (b) For the observation x = 1.2, find the (m, v) with the largest ELBO (by reasoning, or with a
# grid search over your function) and set `best_q = (m, v)`.
#
# The check compares your ELBO with the closed form, then uses it to show that log p(x) − ELBO is
# the KL divergence from q to the true posterior, and checks your best q.

# %%
S2 = 0.5  # the variance of x around z


def elbo_1d(x, m, v):
    """The ELBO of q(z) = N(m, v) for one observation x, in the model z ~ N(0, 1), x | z ~ N(z, S2)."""
    return None  # your code here


best_q = None  # (m, v): the q with the largest ELBO for x = 1.2

from latent_helpers.exercises import check_elbo_gap
check_elbo_gap(elbo_1d, best_q)


# %% tags=["solution"]
def elbo_1d(x, m, v):
    """The ELBO of q(z) = N(m, v) for one observation x, in the model z ~ N(0, 1), x | z ~ N(z, S2)."""
    expected_log_likelihood = -0.5 * np.log(2 * np.pi * S2) - ((x - m) ** 2 + v) / (2 * S2)
    expected_log_prior = -0.5 * np.log(2 * np.pi) - (m ** 2 + v) / 2
    entropy = 0.5 * np.log(2 * np.pi * np.e * v)                       # -E_q[log q(z)]
    return expected_log_likelihood + expected_log_prior + entropy


ms, vs = np.linspace(-1, 2, 301), np.linspace(0.01, 1.5, 150)          # steps of 0.01
grid = elbo_1d(1.2, ms[:, None], vs[None, :])                          # (301, 150): every (m, v) at once
i, j = np.unravel_index(np.argmax(grid), grid.shape)
best_q = (ms[i], vs[j])
print(f"best q: m = {best_q[0]:.2f}, v = {best_q[1]:.2f}")
assert check_elbo_gap(elbo_1d, best_q)


# %% [raw] tags=["deck"]
# ## Exercise 5 · from 7 towards 1
# - Mean code of the 1s minus mean code of the 7s
# - Add it to a 7's code and decode: what do you see?

# %% [markdown]
# **Exercise 5.** Make an attribute vector "from 7 towards 1": the mean training code `mu_train`
# of the 1s minus the mean code of the 7s (`y_train` holds the labels). Then add it to a 7's code
# and decode it: what do you see?

# %%
answer = None  # a vector of 20 numbers

from latent_helpers.exercises import check_attribute_vector
check_attribute_vector(answer, mu_train, y_train, 1, 7)

# %% tags=["solution"]
answer = mu_train[y_train == 1].mean(0) - mu_train[y_train == 7].mean(0)
assert check_attribute_vector(answer, mu_train, y_train, 1, 7)
seven = mu_test[np.flatnonzero(y_test == 7)[0]]
with torch.no_grad():
    pics = vae20.decode(torch.from_numpy(seven + np.outer([0, 0.5, 1.0], answer).astype(np.float32))).numpy()
lh.show_images(pics, nrow=3, title="7 + a (1 - 7), a = 0, 0.5, 1")
plt.show()

# %% [raw] tags=["deck"]
# ## Exercise 6 · the best MIG gap (open)
# - Which factor has the highest MIG gap at beta = 4, and in which dimension?
# - Find that dimension in the traversals: does the picture agree?

# %% [markdown]
# **Exercise 6 (open).** In section 10, which factor has the highest MIG gap at beta = 4 and which
# dimension carries it (`reports[4.0]["mig"].gap`, `.best_dim`)? Find that dimension in the
# traversal figure: does the picture agree?
#
# ## Further reading
# - D. P. Kingma and M. Welling, *Auto-Encoding Variational Bayes*, ICLR 2014: the VAE.
# - Y. Burda, R. Grosse and R. Salakhutdinov, *Importance Weighted Autoencoders*, ICLR 2016: the
#   importance-weighted bound of section 8.
# - P. Ghosh et al., *From Variational to Deterministic Autoencoders*, ICLR 2020: an autoencoder
#   plus a distribution fitted to its codes afterwards, against the VAE (section 7).
# - I. Higgins et al., *beta-VAE: Learning Basic Visual Concepts with a Constrained Variational
#   Framework*, ICLR 2017.
# - R. T. Q. Chen et al., *Isolating Sources of Disentanglement in VAEs*, NeurIPS 2018 (MIG).
# - F. Locatello et al., *Challenging Common Assumptions in the Unsupervised Learning of
#   Disentangled Representations*, ICML 2019: why disentanglement without supervision is hard.
# - The reference VAE: `vae/main.py` in the pytorch/examples repository.
# - Next: notebook 06, GANs: another way to learn a latent space you can sample.

# %% [raw] tags=["benchmark"]
# vae_neg_elbo_nats = ours.total
# ref_vae_neg_elbo_nats = ref.total
# vae_ref_ratio = ratio
# vae_iwae_nll_nats = vae_iwae_nll
# vae_elbo_gap_nats = vae_elbo_gap
# vae_sample_confidence = sample_confidence
# disent_beta1 = reports[1.0]["mig"].score
# disent_beta4 = reports[4.0]["mig"].score
# disent_match_beta1 = reports[1.0]["match"][0]
# disent_match_beta4 = reports[4.0]["match"][0]

# %% [raw] tags=["claims"]
# codes8.std(axis=0).min() > 3  # "whose real extent is about"
# (codes8.max(axis=0) - codes8.min(axis=0)).min() > 20  # "Its codes happen to be spread over tens of units in every direction"
# np.median(judge(from_random)[0]) < 0.5 < np.median(judge(from_real)[0])  # "a handful of similar, smudged shapes come out"
# np.median(judge(from_real)[0]) > 0.8  # "The bottom row decodes codes of real training digits: clean digits"
# c["recon"][0] - c["recon"][9] > 2 * (c["recon"][9] - c["recon"][-1])  # "The reconstruction term falls fast in the first ten epochs and then slowly"
# int(np.argmin(c["kl"])) <= 2 and c["kl"][-1] > c["kl"][-10]  # "after a dip in the first two epochs, climbs steeply and keeps creeping up to the last epoch"
# c["kl"][-1] > c["kl"][0] and c["recon"][0] - c["recon"][-1] > c["kl"][-1] - c["kl"][0]  # "the KL term rises while the reconstruction term falls, by more"
# c["val_recon"][-1] - c["recon"][-1] > 10  # "the model has started to learn these 4,000 digits by heart"
# abs(c["val_kl"][-1] - c["kl"][-1]) < 1  # "is the same on both"
# outside.mean() > 0.19 + 0.05  # "No: more of them lie outside"
# set(most_outside) == {0, 1, 7}  # "pushes digits that are easy to tell apart (0s, 1s, 7s) outwards"
# set(most_outside) == {0, 1, 7}  # "exactly the digits with the most distinct shapes"
# bool(np.any(tile_ink[ae_title] < faint))  # "fainter than all but 1% of real digits"
# not np.any(tile_ink[vae_title] < faint)  # "and none is that faint"
# mu2[y_test == 1, 0].max() > 3.5  # "the 1s form an arm reaching out to"
# (lambda norms: max(norms[2:7]) < min(norms[[0, 1, 7]]))(np.linalg.norm([mu2[y_test == d].mean(axis=0) for d in range(10)], axis=1))  # "while 2s, 3s, 4s, 5s and 6s share the crowded middle"
# {2, 3, 4, 5, 6} <= set(no_sure_tile[vae_title])  # "The grid misses them"
# len(sure_digits[ae_title]) > len(sure_digits[vae_title])  # "gives more classes a tile of their own"
# (lambda d: d[0] == 4 and d[-1] == 9 and int(np.sum(np.diff(d) != 0)) == 1)(judge(path)[1])  # "each decodes to a single shape that changes step by step from the 4 into the 9"
# judged["VAE reconstructions"][1].min() > 0.05  # "the 20-D VAE, used from here on, has room for all"
# sure_share["held-out digits"] > 0.5  # "The classifier is sure of most real digits"
# abs(median_confidence["VAE reconstructions"] - median_confidence["held-out digits"]) < 0.05  # "and just as sure of the VAE's reconstructions"
# sample_confidence < median_confidence["VAE reconstructions"] - 0.1  # "The VAE's samples score clearly lower"
# judged["VAE samples, z ~ N(0, I)"][1].min() > 0 and judged["VAE samples, z ~ N(0, I)"][1].max() > 1.5 * judged["VAE samples, z ~ N(0, I)"][1].min()  # "Every digit appears, though not in equal shares"
# sure_share["04's AE, z ~ N(0, I)"] < 0.05  # "the classifier is sure of almost none of its pictures"
# judged["04's AE, z ~ N(0, I)"][1].min() < 0.01  # "some digits hardly appear"
# median_confidence["04's AE, z ~ fitted normal"] >= sample_confidence  # "the same autoencoder samples at least as well as the VAE"
# median_confidence["04's AE, z ~ fitted normal"] >= sample_confidence  # "an autoencoder with a normal distribution fitted to its codes does as well"
# abs(ours.total - ref.total) < 1  # "The two agree to a fraction of a nat"
# abs(ours.total - ref.total) < 1  # "Our VAE scores within a fraction of a nat"
# (lambda a, b: all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values())))((lh.seed_everything(0), VAE(20))[1], (lh.seed_everything(0), RefVAE())[1])  # "They even start from the same weights"
# vae_elbo_gap > 3  # "for a small encoder trained on 4,000 digits it is several nats per digit"
# vae_elbo_gap > 3  # "an importance-weighted estimate shows it is several nats loose for our VAE"
# neg_log_px[500] < neg_log_px[100] < neg_log_px[25]  # "the estimate is still falling slowly at K = 500"
# abs(neg_log_px[1] - subset_elbo.total) < 1  # "up to the noise of a single draw"
# bool(np.all(np.diff(rows.sum(axis=-1), axis=1) > 0))  # "the ink rises steadily with a"
# bool(np.all(np.diff(rows.sum(axis=-1), axis=1) > 0))  # "The same vector thickens a 1, a 2, a 4, a 7 and a 9, and its negative thins them"
# bool(np.any(judge(rows[:, -1])[1] != np.array(base_digits)))  # "push it far and shapes change too"
# (lambda p: judge(vae20.decode(torch.from_numpy(p.astype(np.float32))).detach().numpy())[0].min() > 0.3)(lh.interpolate_path(mu_test[ends], 25))  # "every point between two codes decodes to a digit-like shape"
# all(reports[b]["mig"].score < 0.2 and reports[b]["match"][0] < 0.5 for b in reports)  # "What the numbers show: both scores are low"
# all(reports[b]["mig"].score < 0.2 for b in reports)  # "Neither model finds the factors one per dimension"
# 1.5 < reports[4.0]["mig"].score / reports[1.0]["mig"].score < 3  # "The stronger KL pull roughly doubles MIG"
# abs(reports[4.0]["match"][0] - reports[1.0]["match"][0]) < 0.03  # "the best-match correlation does not move"
# reports[4.0]["recon"] > reports[1.0]["recon"] + 20  # "beta = 4 pays for its small gain with clearly worse reconstructions"
# all(row["colour"] > 0.95 and row["colour"] > max(v for k, v in row.items() if k != "colour") for row in fit_r2.values())  # "colour is what the codes hold best"
# hue_corr_max < 0.8 < min(row["colour"] for row in fit_r2.values())  # "understate how well the codes know it"
# (lambda C: bool(np.any((C[:, [factor_names.index(k) for k in ("kind", "back_height", "width", "drawer")]] > 0.6).all(axis=1))))(correlation_matrix(reports[4.0]["mu"], factors))  # "at beta = 4 one dimension carries all of them"
# max(row[k] for row in fit_r2.values() for k in ("seat_height", "leg_thickness")) < 0.2  # "seat height and leg thickness change only a few pixels and are barely encoded"
# all(0.2 < row["scale"] < 0.6 for row in fit_r2.values())  # "scale only partly"
