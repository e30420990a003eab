# %% [markdown] slideshow={"slide_type": "slide"}
# # 06 · GANs: a latent space learned by a game
#
# The VAE of notebook 05 learned to draw digits by learning to *rebuild* them: an encoder, a
# decoder, and a loss that compares pixels. A **generative adversarial network** (GAN) learns to
# draw without ever rebuilding anything. A **generator** turns random noise into a picture; a
# **discriminator** looks at pictures and guesses which are real digits and which were generated.
# They train against each other: the discriminator to catch the generator, the generator to fool
# the discriminator. Nothing compares pixels, so nothing rewards the safe, blurry average; but
# there is no encoder either, so to find the code of a real digit we have to *search* for it.
#
# **In this notebook you will learn**
# - how a GAN is built and trained: the generator, the discriminator, both losses and the
#   alternating game, watched live as it is played;
# - to measure how good generated digits are with a classifier (how sure it is, which digits
#   appear, how far the whole set is from real digits) and to compare the GAN with 05's VAE in numbers;
# - to walk a GAN's noise space: straight lines against great circles (lerp vs slerp), a bilinear
#   grid between four noise vectors, and sliders;
# - **GAN inversion**: finding by back-propagation the noise vector whose picture matches a real
#   digit, and what it cannot recover; and "family" blending of two inverted parents;
# - two ways a GAN fails, shown and measured: **mode collapse** and a **vanishing gradient**; and a
#   test for a third, a discriminator that **overfits** its training digits.
#
# **Time to run:** about 40-60 seconds on a 2-core laptop: the GAN was trained by a script (several
# minutes) and is loaded; a short live training shows the game, and a "train it yourself" switch
# retrains it. **Prerequisites:** notebook 02 (training: loss, batch, learning rate), 04
# (autoencoders), 05 (VAEs: sampling, judging samples fairly) and 03 (lerp and slerp).

# %% [raw] tags=["deck"]
# # 06 · GANs
# A latent space learned by a game
#
# - A generator draws from noise; a discriminator judges real or generated
# - Samples measured against 05's VAE; walking the noise space
# - Inversion, family blending, and how the game goes wrong

# %%
# %matplotlib inline
import copy

import numpy as np
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from tqdm.auto import tqdm

import latent_helpers as lh
from latent_helpers import DigitScorer, FamilyBlend, LatentSliders

device = lh.setup(seed=0)
digits = lh.load_mnist5k()
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

# %% [raw] tags=["deck"]
# ## A GAN in plain sight
# - Generator: 64 noise numbers → a 28 × 28 picture
# - Discriminator: a picture → the probability that it is real
# - No encoder, no pixel loss: nothing rewards the blurry average

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · A GAN in plain sight
# **The generator** G takes a noise vector z of 64 numbers, each drawn from a standard normal
# N(0, 1), and turns it into a 28 × 28 picture. It is built like the decoder of notebook 04's conv
# autoencoder, after the DCGAN recipe of Radford et al. (2016): a linear layer spreads z over 64
# small 7 × 7 feature maps, and two transposed convolutions double the size twice (7 → 14 → 28).
# Batch normalisation between the layers keeps the signals at a steady scale while both networks
# change under each other. The last layer is a tanh, so pixels come out in [−1, 1]; we show the
# real digits to the discriminator on the same scale, and turn everything back to [0, 1] to look at
# or measure it.
#
# **The discriminator** D is a small classifier with one output: two strided convolutions
# (28 → 14 → 7) and a linear layer give a single number a, the *logit* of "this is a real
# digit"; D(x) = sigmoid(a) is its probability. LeakyReLU (a small slope for negative inputs)
# instead of ReLU keeps a gradient flowing back to the generator even through units that are off.

# %% tags=["export"]
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from tqdm.auto import tqdm

Z_DIM = 64  # numbers in a noise vector z


def to_gan_scale(X):
    """Digits with pixels in [0, 1], any shape (n, 28, 28) or (n, 784) -> a tensor (n, 1, 28, 28) in [-1, 1]."""
    return torch.as_tensor(np.asarray(X), dtype=torch.float32).reshape(-1, 1, 28, 28) * 2 - 1


def to_pixels(images):
    """The generator's pictures (n, 1, 28, 28) in [-1, 1] -> a numpy array (n, 28, 28) in [0, 1]."""
    return ((images.detach() + 1) / 2).reshape(-1, 28, 28).cpu().numpy()


class Generator(nn.Module):
    """z (64 numbers) -> 64 x 7 x 7 -> 32 x 14 x 14 -> 1 x 28 x 28 pixels in [-1, 1]."""

    def __init__(self, z_dim: int = Z_DIM, width: int = 32):
        super().__init__()
        self.z_dim = z_dim
        self.net = nn.Sequential(
            nn.Linear(z_dim, 2 * width * 7 * 7, bias=False), nn.BatchNorm1d(2 * width * 7 * 7), nn.ReLU(),
            nn.Unflatten(1, (2 * width, 7, 7)),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1, bias=False),   # 14 x 14
            nn.BatchNorm2d(width), nn.ReLU(),
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1), nn.Tanh())          # 28 x 28

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """1 x 28 x 28 -> 32 x 14 x 14 -> 64 x 7 x 7 -> one number a, the logit of "real"; D(x) = sigmoid(a)."""

    def __init__(self, width: int = 32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, width, 4, stride=2, padding=1), nn.LeakyReLU(0.2),                # 14 x 14
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1), nn.LeakyReLU(0.2),        # 7 x 7
            nn.Flatten(), nn.Linear(2 * width * 7 * 7, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)   # one logit per picture


# %% [raw] tags=["deck"]
# ## Two losses, one game
# - D: binary cross-entropy, real digits → 1, generated → 0
# - G: the non-saturating loss −log D(G(z)), pictures D calls real
# - Each step: one move of D, then one of G

# %% [markdown]
# **The two losses.** The discriminator is trained like any classifier, by binary cross-entropy
# (notebook 02): real digits should get label 1, generated pictures label 0. Its loss is
# −log D(x) − log(1 − D(G(z))), summed over a batch of each.
#
# The generator wants the opposite: pictures that D calls real. As Goodfellow et al. (2014) first
# wrote the game, G *minimises* log(1 − D(G(z))), exactly the term D maximises: a two-player
# minimax game. The same paper points out that this **saturating** loss is nearly flat when D
# rejects G's pictures with confidence, which is the situation at the start, and proposes to
# *maximise* log D(G(z)) instead: the **non-saturating** loss −log D(G(z)), which has the same
# goal and a steep slope where G is bad. Section 6 measures the difference; we train with the
# non-saturating loss.
#
# Both are written on the logit a, where D = sigmoid(a): −log sigmoid(a) = softplus(−a) and
# log(1 − sigmoid(a)) = −softplus(a), with softplus(u) = log(1 + eᵘ). That avoids taking the log
# of a probability that has rounded to 0.

# %% tags=["export"]
def discriminator_loss(real_logits, fake_logits):
    """D's binary cross-entropy: -log D(x) for real digits (label 1), -log(1 - D(G(z))) for generated ones (0)."""
    real_term = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake_term = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_term + fake_term


def generator_loss(fake_logits, saturating: bool = False):
    """G's loss from D's logits a on generated pictures (D(G(z)) = sigmoid(a)), averaged over the batch.

    non-saturating (the default): -log D(G(z)) = softplus(-a);
    saturating (the minimax game as first written): log(1 - D(G(z))) = -softplus(a).
    """
    if saturating:
        return -F.softplus(fake_logits).mean()
    return F.softplus(-fake_logits).mean()


# %% [markdown]
# **The game.** Each training step takes a batch of real digits and a batch of fresh noise vectors,
# then moves each player once:
#
# 1. *discriminator step*: score the real digits and G's pictures, and take a gradient step on
#    D's loss. The generated pictures are **detached**: this step changes D only;
# 2. *generator step*: score G's pictures again with the updated D, and take a gradient step on
#    G's loss. The gradient flows *through* D into G, but only G's weights move.
#
# The function records, for every step, both losses, the mean of D(x) on the real batch and of
# D(G(z)) on the generated one, and the size (norm) of the generator's gradient, which section 6
# needs. It also keeps G's pictures of a few fixed noise vectors at chosen steps, to watch them
# change. Adam with learning rate 0.0002 and momentum β₁ = 0.5 is the DCGAN paper's setting.

# %% tags=["export"]
STEPS = 8000        # training steps of the shipped GAN (batches of 64: 128 passes over the 4,000 digits)
BATCH_SIZE = 64
LR = 2e-4
WATCH_AT = (0, 25, 50, 100, 200, 500, 1000, 2000, 4000, STEPS)   # steps at which we look at G's pictures


def watch_codes(n: int = 8):
    """The fixed noise vectors whose pictures we watch while the game is played."""
    return torch.randn(n, Z_DIM, generator=torch.Generator().manual_seed(1))


def gradient_norm(model):
    """The length of the gradient of all of ``model``'s weights, as one vector."""
    squares = [(p.grad ** 2).sum() for p in model.parameters() if p.grad is not None]
    return float(torch.sqrt(torch.stack(squares).sum())) if squares else 0.0


def train_gan(G, D, X, steps, batch_size=BATCH_SIZE, lr=LR, saturating=False, train_d=True, train_g=True,
              seed=0, z_watch=None, watch_at=(), progress=True, desc="GAN"):
    """Play the game for ``steps`` steps on real digits X (a tensor (n, 1, 28, 28) in [-1, 1]).

    Each step: one discriminator step, then one generator step (``train_d``/``train_g`` False: that
    player does not move; its loss and gradient are still recorded).
    Returns a dict of per-step lists: d_loss, g_loss, d_real (mean D(x)), d_fake (mean D(G(z))),
    g_grad (the norm of G's gradient), and "watch": {step: G's pictures of z_watch in [0, 1]}.
    """
    g = torch.Generator().manual_seed(seed)            # batches and noise: the same on every run
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    log = {k: [] for k in ("d_loss", "g_loss", "d_real", "d_fake", "g_grad")}
    log["watch"] = {}

    def watch(step):
        if z_watch is not None and step in watch_at:
            G.eval()
            with torch.no_grad():
                log["watch"][step] = to_pixels(G(z_watch))
            G.train()

    G.train(), D.train()
    watch(0)
    order, pos = torch.randperm(len(X), generator=g), 0
    for step in tqdm(range(1, steps + 1), desc=desc, disable=not progress, mininterval=0.5):
        if pos + batch_size > len(X):                   # a new pass over the digits, in a new order
            order, pos = torch.randperm(len(X), generator=g), 0
        real = X[order[pos:pos + batch_size]]
        pos += batch_size
        fake = G(torch.randn(batch_size, G.z_dim, generator=g))
        # 1. the discriminator learns to tell real from generated (G's pictures detached)
        real_logits, fake_logits = D(real), D(fake.detach())
        d_loss = discriminator_loss(real_logits, fake_logits)
        if train_d:
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
        # 2. the generator learns to be called real by the discriminator as it is now
        g_loss = generator_loss(D(fake), saturating)
        opt_g.zero_grad()
        g_loss.backward()
        log["g_grad"].append(gradient_norm(G))
        if train_g:
            opt_g.step()
        log["d_loss"].append(d_loss.item())
        log["g_loss"].append(g_loss.item())
        log["d_real"].append(torch.sigmoid(real_logits).mean().item())
        log["d_fake"].append(torch.sigmoid(fake_logits).mean().item())
        watch(step)
    G.eval(), D.eval()
    return log


# %%
print(f"weights: generator {sum(p.numel() for p in Generator().parameters()):,}, "
      f"discriminator {sum(p.numel() for p in Discriminator().parameters()):,}")

# %% [raw] tags=["deck"]
# ## Think first: will both losses go down?
# - Both players are networks with a loss
# - When a network trains its loss usually falls: will both fall here?
#
# Answer: they cannot: each player's gain is the other's loss. A tug of war, and the losses say little about the pictures.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Watching the game
# A fresh generator and discriminator now play 200 steps (batches of 64: about three passes over
# the 4,000 training digits), about ten seconds. The noise vectors of 8 pictures are fixed, so we
# can watch the *same* 8 pictures change.
#
# **Think first.** When a network trains, its loss usually goes down. Both players here are
# networks with a loss. Will both losses go down?
#
# <details><summary>Answer</summary>
#
# They cannot both keep going down: each player's gain is the other's loss. What one sees is a
# tug of war. At first the discriminator wins easily (G's pictures are noise), so its loss drops
# and the generator's rises; as G's pictures get better, D's job gets harder. If D could not tell
# at all, D(x) = D(G(z)) = 0.5 everywhere and its loss would be 2 ln 2 ≈ 1.39. A GAN's losses say
# little about how good the pictures are, which is why section 2 measures the pictures instead.
#
# </details>

# %% [raw] tags=["deck"]
# ## Watching the game
# - A fresh game, 200 steps; the same 8 noise vectors throughout
# - Grey noise, then a black background, then blobs of ink in the centre

# %%
X_gan = to_gan_scale(X_train)                                      # (4000, 1, 28, 28) in [-1, 1]
lh.seed_everything(0)
G_live, D_live = Generator(), Discriminator()
live = train_gan(G_live, D_live, X_gan, steps=200, z_watch=watch_codes(), watch_at=WATCH_AT, desc="live GAN")
watch_at = sorted(live["watch"])                                    # the steps reached: 0, 25, 50, 100, 200


# %% slideshow={"slide_type": "fragment"} deck="figure"
def smooth(values, k=10):
    """Moving average over k steps (the per-step values are noisy)."""
    return np.convolve(values, np.ones(k) / k, mode="valid")


live_d_real, live_d_fake, live_g_loss = smooth(live["d_real"]), smooth(live["d_fake"]), smooth(live["g_loss"])
fig, axes = plt.subplots(1, 3, figsize=(12, 2.9), gridspec_kw={"width_ratios": [1, 1, 1.25]})
steps_axis = np.arange(10, 201)
axes[0].plot(steps_axis, smooth(live["d_loss"]), label="discriminator")
axes[0].plot(steps_axis, live_g_loss, label="generator")
axes[0].axhline(2 * np.log(2), color="gray", ls=":", lw=1, label="D cannot tell (2 ln 2)")
axes[0].set(title="the two losses", xlabel="step", ylabel="loss (10-step mean)")
axes[1].plot(steps_axis, live_d_real, label="D(x), real digits")
axes[1].plot(steps_axis, live_d_fake, label="D(G(z)), generated")
axes[1].set(title="what the discriminator says", xlabel="step", ylabel="mean probability of 'real'", ylim=(0, 1))
for ax in axes[:2]:
    ax.legend(fontsize=7)
lh.show_images(np.concatenate([live["watch"][s] for s in watch_at]), nrow=8, ax=axes[2],
               row_labels=[f"step {s}" for s in watch_at], title="the same 8 noise vectors")
fig.tight_layout()
plt.show()

# %% [markdown]
# At step 0 the untrained generator draws grey noise. Within a few dozen steps the discriminator
# has learned to reject it (D(G(z)) falls to about {{live_d_fake.min():.1f}}, D(x) rises to about {{live_d_real.max():.1f}}, and the generator's
# loss climbs); then the generator answers: the noise turns black with specks of white, and by step
# 200 the specks have gathered into blobs of ink in the middle of the frame. They are not digits
# yet, but the generator has learned the first thing that tells real digits from its noise: a
# black background with a bright shape in the centre. The losses do not settle: they swing as one
# player gains and the other answers.
#
# ### The shipped GAN
# The live game above is the beginning of the very game the shipped GAN played: the same classes,
# the same seed, the same batches, continued for 8,000 steps (128 passes over the training digits)
# by `scripts/train_06_gan.py`. That takes several minutes, so we load the weights after a sha256
# check, with the record of the game: D's verdicts every 100 steps and the pictures of the same 8
# noise vectors at later steps. `TRAIN_YOURSELF = True` plays the whole game here instead.

# %%
TRAIN_YOURSELF = False  # True: play the whole game here (about 6 minutes on 2 cores)

lh.seed_everything(0)
G, D = Generator(), Discriminator()
if TRAIN_YOURSELF:
    game = train_gan(G, D, X_gan, steps=STEPS, z_watch=watch_codes(), watch_at=WATCH_AT, desc="GAN")
    history = {k: np.array(game[k]).reshape(-1, 100).mean(1) for k in ("d_loss", "g_loss", "d_real", "d_fake")}
    watched = game["watch"]
else:
    state = lh.load_pretrained("gan06_dcgan.pt")
    G.load_state_dict({k: v.float() for k, v in state["generator"].items()})       # stored as float16
    D.load_state_dict({k: v.float() for k, v in state["discriminator"].items()})
    history = {k: np.asarray(v) for k, v in state["history"].items()}               # means over 100 steps
    watched = {step: pics.numpy() / 255 for step, pics in state["watch"].items()}   # stored as 0-255
G.eval(), D.eval()

later = [s for s in WATCH_AT if s > 200]
fig, axes = plt.subplots(1, 2, figsize=(12, 2.9), gridspec_kw={"width_ratios": [1, 1.25]})
hundreds = np.arange(1, len(history["d_real"]) + 1) * 100
axes[0].plot(hundreds, history["d_real"], label="D(x), real digits")
axes[0].plot(hundreds, history["d_fake"], label="D(G(z)), generated")
axes[0].set(title="the whole game (100-step means)", xlabel="step", ylabel="mean probability of 'real'", ylim=(0, 1))
axes[0].legend(fontsize=7)
lh.show_images(np.concatenate([watched[s] for s in later]), nrow=8, ax=axes[1],
               row_labels=[f"step {s}" for s in later], title="the same 8 noise vectors, later in the game")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## The shipped GAN: 8,000 steps
# - At the end D(x) = {{history["d_real"][-1]:.2f}}, D(G(z)) = {{history["d_fake"][-1]:.2f}}: no outright winner
# - Roughly half the samples are clear digits

# %% deck="figure"
z_show = torch.randn(40, Z_DIM, generator=torch.Generator().manual_seed(2))
with torch.no_grad():
    shown = to_pixels(G(z_show))
fig, ax = plt.subplots(figsize=(10, 1.3))
lh.show_images(shown, nrow=20, ax=ax, title="40 samples of the shipped generator, z ~ N(0, I)")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: GAN or VAE samples?
# - A digit classifier judges 1,000 samples of each
# - Which will it be surer of? Which set is closer to real digits?
#
# Answer: the GAN's, on both counts: the VAE draws an average, a blur. The GAN's Fréchet distance is {{vae_fd / gan_fd:.0f}} times smaller.

# %% [markdown] slideshow={"slide_type": "slide"}
# Over the whole game the discriminator keeps a lead (it calls real digits real more often than
# generated ones), but the gap stays moderate (at the end D(x) is {{history["d_real"][-1]:.2f}} on average, D(G(z))
# {{history["d_fake"][-1]:.2f}}): neither player wins outright, which is what a healthy GAN looks like. Look
# at the 40 samples honestly: roughly half are clear digits, of many kinds; the rest are malformed
# or hard to read (a broken loop, a stroke that belongs to no digit, a shape between two digits).
# Which kinds, how many are malformed, and how sharp the clear ones are, we now measure.
#
# ## 2 · How good are the samples? Measured
# We cannot ask the generator how likely a digit is (it has no likelihood at all), and pixel
# distances reward blur (notebook 05, section 7). So, as in 05, we ask a **digit classifier**:
# `DigitScorer`, a small CNN trained on the 4,000 training digits by `scripts/train_digit_scorer.py`
# and shipped with the course. It is a measuring instrument, not a lesson: its code is in
# `latent_helpers/digit_scorer.py`. It answers three questions about a set of pictures:
#
# - **how sure** is it of each picture? The *mean top probability*: the average of its largest
#   class probability (near 1 for clean digits, lower for smudges and shapes between two digits);
# - **which digits** appear? The *class shares* and their *entropy* −Σ p ln p, in nats: ln 10 =
#   2.30 if all ten digits are equally common, 0 if only one is ever drawn;
# - **how far is the whole set from real digits?** Each picture gives 64 numbers, the
#   classifier's last layer before its verdict (the features it decides from). Summarise a set by
#   the mean m and covariance C of those features, and compare two sets by the **Fréchet
#   distance** |m₁ − m₂|² + trace(C₁ + C₂ − 2 (C₁C₂)^½). It is 0 for identical statistics, grows
#   when either the average picture or the variety differs, and it is the idea behind the FID
#   that GAN papers report (Heusel et al., 2017, with an ImageNet network instead of ours).
#   Two finite sets of *real* digits are not at distance 0, so the floor is the distance between
#   1,000 training digits and the 1,000 held-out ones.
#
# We score 1,000 samples of the GAN and 1,000 samples of 05's VAE (its 20-D model: the class from
# `lh.taught`, the weights notebook 05 loads). 05's VAE learned *binarised* digits and draws pixel
# probabilities, so we measure its distance to the held-out digits both as they are and binarised,
# and keep the better of the two.
#
# **Think first.** Which samples will the classifier be surer of, the GAN's or the VAE's? And
# which set will be closer to real digits?
#
# <details><summary>Answer</summary>
#
# The GAN's, on both counts. The VAE's decoder draws the *average* digit for a code, a blur of
# the digits that code could stand for, and its samples from N(0, I) often land between classes.
# The GAN's generator was trained only to be mistaken for real digits, and a blurry picture is
# the easiest thing for a discriminator to reject. The distance shows it most: the GAN's is
# several times smaller than the VAE's, though still well above the floor of two sets of real digits.
#
# </details>

# %% [raw] tags=["deck"]
# ## GAN against VAE, measured
# - The classifier's mean top probability: GAN {{gan_top:.2f}}, VAE {{vae_top:.2f}}, real digits {{real_top:.2f}}
# - Every digit appears, not equally often

# %%
scorer = DigitScorer.pretrained()
print(f"the scorer's accuracy on the held-out digits: {np.mean(scorer.predict(X_test) == y_test):.1%}")

nb05 = lh.taught("05_variational_autoencoders")
vae = nb05.VAE(20)
vae.load_state_dict({k: v.float() for k, v in lh.load_pretrained("vae05_k20.pt")["model"].items()})
vae.eval()

g = torch.Generator().manual_seed(3)
with torch.no_grad():
    gan_samples = to_pixels(G(torch.randn(1000, Z_DIM, generator=g)))                      # (1000, 28, 28)
    vae_samples = vae.decode(torch.randn(1000, 20, generator=g)).reshape(-1, 28, 28).numpy()
floor_digits = X_train[:1000]                                      # 1,000 real digits the test never saw
picture_sets = {"held-out digits": X_test, "GAN samples": gan_samples, "VAE samples": vae_samples}
reports = {name: scorer.report(pictures) for name, pictures in picture_sets.items()}

binary = lambda X: nb05.binarise(X).reshape(-1, 28, 28)          # 05's black-and-white digits
fd_floor = scorer.frechet_distance(floor_digits, X_test)
fd_floor_binary = scorer.frechet_distance(binary(floor_digits), binary(X_test))
gan_fd = scorer.frechet_distance(gan_samples, X_test)
vae_fd_grey = scorer.frechet_distance(vae_samples, X_test)
vae_fd_binary = scorer.frechet_distance(vae_samples, binary(X_test))
vae_fd = min(vae_fd_grey, vae_fd_binary)
real_top, gan_top, vae_top = (reports[name].mean_top_probability for name in picture_sets)
gan_shares = reports["GAN samples"].shares                         # the share of each digit among the samples
real_sure = np.mean(scorer.probabilities(X_test).max(1) > 0.9)      # pictures the scorer is over 90% sure of
gan_sure = np.mean(scorer.probabilities(gan_samples).max(1) > 0.9)

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
print(f"{'1,000 pictures':18}{'mean top prob.':>16}{'class entropy':>15}{'digits seen':>13}{'rarest':>10}{'commonest':>11}")
for name, r in reports.items():
    print(f"{name:18}{r.mean_top_probability:16.2f}{r.entropy_ratio:14.0%}{r.classes_covered:13d}"
          f"{f'{r.shares.argmin()} ({r.shares.min():.0%})':>10}{f'{r.shares.argmax()} ({r.shares.max():.0%})':>11}")
print("(class entropy as a share of ln 10; a digit is 'seen' if at least 1% of the pictures show it)")
print()
print(f"Frechet distance to the held-out digits, in the scorer's features:")
print(f"  floor: 1,000 training digits {fd_floor:7.0f}   (binarised, both sets: {fd_floor_binary:.0f})")
print(f"  GAN samples                  {gan_fd:7.0f}")
print(f"  VAE samples                  {vae_fd:7.0f}   (to the held-out digits {vae_fd_grey:.0f}, to them binarised {vae_fd_binary:.0f})")

# %% [markdown]
# The scorer is surer of the GAN's samples than of the VAE's ({{gan_top:.2f}} against {{vae_top:.2f}}), but clearly
# less sure than of real digits ({{real_top:.2f}}): only {{gan_sure:.0%}} of the GAN's samples get a top probability
# above 0.9, against {{real_sure:.0%}} of the held-out digits. That is the measured version of what the eye saw:
# a large share of the samples, {{1 - gan_sure:.0%}} here, are malformed or ambiguous (a small GAN, 4,000 training
# digits, a few minutes of training; bigger GANs on all 60,000 MNIST digits come much closer to real digits).
#
# Every digit appears in the GAN's samples, though not equally often: the commonest,
# {{gan_shares.argmax()}}, comes out {{gan_shares.max() / gan_shares.min():.0f}} times as often as the rarest, {{gan_shares.argmin()}}, where the held-out
# digits are nearly even. The game does ask for the right shares: Goodfellow et al. (2014) show
# that at its optimum the generator's distribution *is* the data's, p_g = p_data, class shares
# included (exercise 4 derives the first step of that proof). A GAN trained for a few minutes is
# not at the optimum, and uneven shares are the mild form of a failure section 6 drives to the
# extreme: **mode dropping**, some digits drawn less often than the data holds them, in the
# worst case not at all. The entropy says how much it costs in "evenness".
#
# The Fréchet distance puts a number on "sharper and more digit-like as a set": the GAN's samples
# are {{vae_fd / gan_fd:.0f}} times closer to real digits than the VAE's, but still far from the floor ({{gan_fd:.0f}} against
# {{fd_floor:.0f}}): the scorer can still tell them from real digits as a group.
#
# Below, 10 samples of each with the scorer's verdict: the GAN's digits have sharp, high-contrast
# strokes, and where one is malformed it is malformed sharply (a loop that is neither 0 nor 9); the
# VAE's are soft and grey, and some sit between two digits.

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, axes = plt.subplots(2, 1, figsize=(8, 2.6))
for ax, name in zip(axes, ("GAN samples", "VAE samples")):
    pictures = picture_sets[name][:10]
    probs = scorer.probabilities(pictures)
    lh.show_images(pictures, nrow=10, ax=ax, row_labels=[name.split()[0]])
    ax.set_xticks([14 + 29 * j for j in range(10)], [f"{p.argmax()} ({p.max():.2f})" for p in probs], fontsize=7)
fig.suptitle("samples with the scorer's verdict: digit (top probability)", fontsize=10)
fig.tight_layout()
plt.show()


# %% [raw] tags=["deck"]
# ## New digits, not copies
# - Median distance to the nearest training digit: samples {{np.median(gan_nn_dist):.1f}}, unseen digits {{np.median(test_nn_dist):.1f}}
# - Made of the training set's styles, never tracing one

# %% [markdown]
# **New digits, or copies?** A generator that memorised its training digits would score perfectly
# on all three questions. So for every sample we find its nearest training digit (pixel distance)
# and compare with how near real, unseen digits come to the training set.

# %%
def nearest_train_distance(pictures):
    """For each picture, its Euclidean pixel distance to the nearest of the 4,000 training digits, and that digit."""
    A, B = pictures.reshape(len(pictures), -1), X_train.reshape(len(X_train), -1)
    d2 = (A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1)[None, :]
    nearest = d2.argmin(1)
    return np.sqrt(np.maximum(d2[np.arange(len(A)), nearest], 0)), nearest


gan_nn_dist, gan_nn = nearest_train_distance(gan_samples)
test_nn_dist, _ = nearest_train_distance(X_test)

# %%
# NBVAL_CHECK_OUTPUT
print(f"median distance to the nearest training digit: held-out digits {np.median(test_nn_dist):.1f}, "
      f"GAN samples {np.median(gan_nn_dist):.1f}")
print(f"GAN samples nearer to a training digit than the nearest 1% of held-out digits are: "
      f"{np.mean(gan_nn_dist < np.quantile(test_nn_dist, 0.01)):.0%}")

# %% deck="figure"
fig, ax = plt.subplots(figsize=(7, 1.6))
lh.show_images(np.concatenate([gan_samples[:12], X_train[gan_nn[:12]]]), nrow=12, ax=ax,
               row_labels=["sample", "nearest train"], title="GAN samples and their nearest training digits")
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: how long is a noise vector?
# - Two noise vectors of 64 numbers from N(0, 1)
# - How long is each? And the midpoint of the straight line between them?
#
# Answer: about 8: a thin shell. The midpoint, about 5.7, lies inside it, where the generator never trained; slerp stays on the shell.

# %% [markdown] slideshow={"slide_type": "slide"}
# The samples are *not* copies: none is as close to a training digit as a near-duplicate would be,
# and each differs visibly from its nearest training digit. They even sit a little *farther* from
# the training digits than unseen real digits do (a median distance of {{np.median(gan_nn_dist):.1f}} against {{np.median(test_nn_dist):.1f}}):
# partly because some samples are malformed shapes that resemble no digit closely, partly because
# the generator draws in the styles of the 4,000 digits it was shown by smoothing and recombining
# them, not by tracing any one. Sampling a latent space makes "new" data, and that data is made of
# what the training set held: a GAN trained on these digits will never draw a seven-segment 4 or
# an Arabic-Indic digit.
#
# ## 3 · Walking the noise space
# Every noise vector z decodes to a picture, so a path through the noise space is a film. The
# straight line (lerp) from z_a to z_b is (1 − t) z_a + t z_b; the great circle (slerp, notebook 03)
# keeps the length while it turns from one direction to the other.
#
# **Think first.** Draw two noise vectors of 64 numbers from N(0, 1). How long are they (their
# Euclidean norm), and how long is the midpoint of the straight line between them?
#
# <details><summary>Answer</summary>
#
# A vector of 64 independent standard normal numbers has a squared length near 64, so a length
# near √64 = 8, and almost never below 6.5 or above 9.5: in high dimensions the normal
# distribution is a thin shell, not a ball. Two such vectors are almost at right angles, so the
# midpoint of the straight line has length about 8 / √2 ≈ 5.7: far *inside* the shell, where
# the generator was never trained. Slerp stays on the shell.
#
# </details>

# %% [raw] tags=["deck"]
# ## Lerp against slerp
# - The straight line sags to {{sag:.2f}} of the ends' length in the middle
# - 500 pairs: the lerp midpoints are further from real digits ({{mid_fd["lerp midpoints"]:.0f}} against {{mid_fd["slerp midpoints"]:.0f}})

# %% slideshow={"slide_type": "fragment"} deck="figure"
za, zb = torch.randn(2, Z_DIM, generator=torch.Generator().manual_seed(4)).numpy()
ts = np.linspace(0, 1, 9)
paths = {"lerp": lh.lerp(za, zb, ts), "slerp": lh.slerp(za, zb, ts)}
fine = np.linspace(0, 1, 101)
shell = np.linalg.norm(torch.randn(10000, Z_DIM, generator=torch.Generator().manual_seed(5)).numpy(), axis=1)
lo_norm, hi_norm = np.quantile(shell, [0.005, 0.995])
sag = np.linalg.norm((za + zb) / 2) / np.mean([np.linalg.norm(za), np.linalg.norm(zb)])   # the midpoint's length / the ends'

fig, axes = plt.subplots(1, 2, figsize=(12, 2.8), gridspec_kw={"width_ratios": [1, 2.2]})
for method, f in (("lerp", lh.lerp), ("slerp", lh.slerp)):
    axes[0].plot(fine, np.linalg.norm(f(za, zb, fine), axis=1), label=method)
axes[0].axhspan(lo_norm, hi_norm, color="gray", alpha=0.2, label="99% of z ~ N(0, I)")
axes[0].set(title="length of the code along the path", xlabel="t", ylabel="|z|", ylim=(0, 10))
axes[0].legend(fontsize=7, loc="lower left")
with torch.no_grad():
    films = np.concatenate([to_pixels(G(torch.from_numpy(paths[m]))) for m in ("lerp", "slerp")])
lh.show_images(films, nrow=9, ax=axes[1], row_labels=["lerp", "slerp"], title="from z_a (t = 0) to z_b (t = 1)")
fig.tight_layout()
plt.show()

# %% [markdown]
# The straight line sags to {{sag:.2f}} of the ends' length in the middle, just below the grey band
# where 99% of the generator's training noise lay (lengths {{lo_norm:.1f}} to {{hi_norm:.1f}}). This pair's ends are a little
# longer than typical; for a typical pair the midpoint lies further in, as the 500 pairs below show. Does it matter for the pictures? One pair is an
# anecdote; we measure 500 pairs, scoring the pictures at the midpoints.

# %%
# NBVAL_CHECK_OUTPUT
pairs = torch.randn(2, 500, Z_DIM, generator=torch.Generator().manual_seed(6)).numpy()
midpoints = {"lerp midpoints": (pairs[0] + pairs[1]) / 2,
             "slerp midpoints": np.stack([lh.slerp(a, b, 0.5) for a, b in zip(*pairs)]),
             "the end points": pairs[0]}
with torch.no_grad():
    mid_pictures = {name: to_pixels(G(torch.from_numpy(Z))) for name, Z in midpoints.items()}
mid_norm = {name: np.median(np.linalg.norm(Z, axis=1)) for name, Z in midpoints.items()}
mid_top = {name: scorer.report(pictures).mean_top_probability for name, pictures in mid_pictures.items()}
mid_fd = {name: scorer.frechet_distance(pictures, X_test) for name, pictures in mid_pictures.items()}
print(f"{'500 pictures':16}{'median |z|':>11}{'mean top prob.':>16}{'Frechet to held-out':>21}")
for name in mid_pictures:
    print(f"{name:16}{mid_norm[name]:11.1f}{mid_top[name]:16.2f}{mid_fd[name]:21.0f}")

# %% [raw] tags=["deck"]
# ## A grid between four codes
# - Straight lines along each row, then between rows; and the same with slerp
# - The straight grid's middle fades; slerp keeps its contrast

# %% [markdown] slideshow={"slide_type": "slide"}
# The lerp midpoints are shorter codes than any the generator saw in training, yet its pictures of
# them are nearly as sure digits as those of ordinary codes (a mean top probability of {{mid_top["lerp midpoints"]:.2f}} against
# {{mid_top["the end points"]:.2f}}); as a set they are *further* from real digits than the slerp midpoints (a Fréchet
# distance of {{mid_fd["lerp midpoints"]:.0f}} against {{mid_fd["slerp midpoints"]:.0f}}), which score like ordinary samples. This small generator
# extrapolates gracefully towards the centre (it draws more average, less varied digits there);
# bigger GANs often do not. Slerp costs nothing and keeps every code where the generator was
# trained, so it is the safe default for Gaussian noise (White, 2016).
#
# **A bilinear grid.** Four noise vectors at the corners of a square, and every point inside as a
# weighted mix of the four: z(u, v) = (1 − u)(1 − v) z₀₀ + u(1 − v) z₀₁ + (1 − u) v z₁₀ + u v z₁₁,
# with u going right and v going down. That is *bilinear* interpolation: a straight line along
# each row, then a straight line between rows. The centre is the average of four nearly
# perpendicular vectors, only about half the typical length, so we also draw the same grid walked with
# slerp along each row and then between rows.

# %% slideshow={"slide_type": "fragment"} deck="figure"
corners = torch.randn(4, Z_DIM, generator=torch.Generator().manual_seed(7)).numpy()
z00, z01, z10, z11 = corners
n = 7
u = np.linspace(0, 1, n)
bilinear = np.array([(1 - uu) * (1 - vv) * z00 + uu * (1 - vv) * z01 + (1 - uu) * vv * z10 + uu * vv * z11
                     for vv in u for uu in u])                                         # row by row
top, bottom = lh.slerp(z00, z01, u), lh.slerp(z10, z11, u)                             # the top and bottom edges
spherical = np.array([lh.slerp(top[j], bottom[j], vv) for vv in u for j in range(n)])
with torch.no_grad():
    grids = {name: to_pixels(G(torch.from_numpy(Z.astype(np.float32)))) for name, Z in
             (("bilinear (straight lines)", bilinear), ("with slerp", spherical))}
fig, axes = plt.subplots(1, 2, figsize=(9, 4.6))
for ax, (name, pics) in zip(axes, grids.items()):
    centre = (bilinear if name.startswith("bilinear") else spherical)[n * n // 2]
    lh.show_images(pics, nrow=n, ax=ax, title=f"{name}: |z| at the centre {np.linalg.norm(centre):.1f}")
fig.suptitle("four noise vectors in the corners, a 7 x 7 grid between them", fontsize=11)
fig.tight_layout()
plt.show()

# %% [markdown]
# Each corner is a digit, and the grid between them changes smoothly in both directions: strokes
# bend, loops open and close, one digit turns into another through shapes that are mostly
# digit-like. The straight-line grid's middle is fainter and more generic (codes that are too
# short give "average" pictures); the slerp grid keeps its contrast throughout.
#
# **Sliders.** Which of the 64 numbers of z does what? Nothing in the game asked the generator to
# give each number a meaning, so we find the 6 dimensions that change the picture most (moving
# each from −2 to +2 around 20 random codes, the mean change in the pixels) and put them on
# sliders, around one code. They are named z0 … z63, as `z[:, 0]` … in the code. The generator is
# passed to the sliders as it is; its tanh output is in [−1, 1], which `value_range="tanh"` says.

# %%
base = torch.randn(20, Z_DIM, generator=torch.Generator().manual_seed(8))
effect = np.zeros(Z_DIM)
with torch.no_grad():
    for k in range(Z_DIM):
        lo, hi = base.clone(), base.clone()
        lo[:, k], hi[:, k] = -2.0, 2.0
        effect[k] = (G(hi) - G(lo)).abs().mean().item()
strongest = [int(k) for k in np.argsort(effect)[::-1][:6]]
print("the 6 dimensions that change the picture most:", ", ".join(f"z{k}" for k in strongest))

sliders = LatentSliders(G, z_show[0], dims=strongest, ranges=(-3.0, 3.0), value_range="tanh",
                        title="the shipped generator: the 6 most effective noise dimensions")
sliders


# %% [raw] tags=["deck"]
# ## GAN inversion: search for the code
# - No encoder: start from a random z, follow the gradient of the pixel error
# - Only z moves; a prior term keeps it on the shell, |z| ≈ 8

# %% [markdown]
# Each slider changes several things at once (thickness and slant, or one digit into another):
# the dimensions are **entangled**. A GAN's noise space has no axis for "thickness": if there is
# such a direction, it is a mix of many dimensions, found the way notebook 05 found its attribute
# vectors.
#
# ## 4 · GAN inversion: which code draws this digit?
# A VAE or an autoencoder has an encoder: it gives a real digit's code in one pass. A GAN has
# none. To find a code for a real digit x we **search**: start from a random z, and move z (not
# the generator, whose weights stay fixed) down the gradient of the pixel error between G(z) and
# x, by back-propagation through the generator. This is **GAN inversion**.
#
# The loss per digit is the mean squared pixel error plus a small **prior term** λ(|z| − 8)²,
# which keeps z on the shell of section 3, where noise vectors live (√64 = 8), rather than
# wherever the pixels happen to fit best. (Why not the Gaussian density itself, −log N(z; 0, I) =
# |z|²/2 + constant? Its peak is at the origin: it would pull codes *inside* the shell, where no
# noise vector ever is. The most likely point of a 64-D normal is not a typical one; exercise 5
# compares the two.) Every digit gets its own z and its own loss, so we invert a whole batch at
# once; and because the search can get stuck, each digit gets 2 random starts and keeps the
# better result. The code found this way is the digit's **inverted code**.

# %%
def invert(G, X, steps=200, starts=2, lr=0.1, prior=0.01, seed=0, keep_at=()):
    """Codes z (n, Z_DIM) whose pictures G(z) best match the digits X (n, 28, 28) in [0, 1].

    Adam on z alone, minimising each digit's mean squared pixel error + prior * (|z| - sqrt(Z_DIM))^2,
    from ``starts`` random starts per digit; the start with the smallest pixel error is kept.
    Returns (codes, pixel error per digit, {step: codes} for the steps in keep_at).
    """
    n = len(X)
    target = to_gan_scale(X).repeat(starts, 1, 1, 1)                 # each digit once per start
    z = torch.randn(len(target), G.z_dim, generator=torch.Generator().manual_seed(seed), requires_grad=True)
    opt = torch.optim.Adam([z], lr=lr)
    kept = {0: z.detach()[:n].clone()} if 0 in keep_at else {}
    G.eval()                                                         # fixed batch-norm statistics
    for step in tqdm(range(1, steps + 1), desc="inverting", mininterval=0.5):
        pixel_error = ((G(z) - target) ** 2).mean(dim=(1, 2, 3))     # one per picture
        shell = prior * (z.norm(dim=1) - Z_DIM ** 0.5) ** 2           # stay where noise vectors live
        loss = (pixel_error + shell).sum()
        (grad,) = torch.autograd.grad(loss, z)                       # the gradient for z only: G stays fixed
        z.grad = grad
        opt.step()
        if step in keep_at:
            kept[step] = z.detach()[:n].clone()
    with torch.no_grad():
        error = ((G(z) - target) ** 2).mean(dim=(1, 2, 3)).reshape(starts, n)
    best = error.argmin(0)                                           # the better start for each digit
    codes = z.detach().reshape(starts, n, -1)[best, torch.arange(n)]
    return codes, error.min(0).values / 4, kept                     # / 4: errors on the [0, 1] pixel scale


# %% [raw] tags=["deck"]
# ## Think first: inversion or an encoder?
# - Inversion: 64 free numbers per digit, 200 gradient steps
# - 04's autoencoders: 8 or 32 numbers, one pass
# - Which rebuilds unseen digits with the smaller error?
#
# Answer: inversion, by a wide margin: it fits each code to one digit. The price: time, and only what the generator can draw.

# %% [markdown] slideshow={"slide_type": "slide"}
# **Think first.** Inversion may choose all 64 numbers of z freely for each digit, and spends 200
# gradient steps on it. Notebook 04's autoencoders have an encoder that gives 8 (or 32) numbers in
# one pass. Which rebuilds unseen digits with the smaller pixel error?
#
# <details><summary>Answer</summary>
#
# Inversion, by a wide margin, and not only because it has more numbers: it fits each digit's code
# to that one digit, while an encoder must serve every digit with one set of weights and gets one
# try. The price is time (2 starts × 200 steps through the generator and back, per digit, where an
# encoder takes one pass), and a limit: inversion can only return a picture the generator can draw.
#
# </details>
#
# We invert 100 held-out digits (the first 10 of each class) and keep the codes along the way for
# one of them, to watch the search.

# %% [raw] tags=["deck"]
# ## Inversion, step by step
# - Error per pixel: inversion {{inversion_mse:.3f}}, 04's 8-number autoencoder {{ae_mse:.3f}}
# - The digit is kept in {{label_kept:.0%}} of 100 held-out digits

# %% slideshow={"slide_type": "fragment"} deck="figure"
chosen = np.concatenate([np.flatnonzero(y_test == d)[:10] for d in range(10)])   # 100 held-out digits
keep_at = (0, 5, 10, 20, 50, 100, 200)
inverted, inversion_error, kept = invert(G, X_test[chosen], keep_at=keep_at)
with torch.no_grad():
    redrawn = to_pixels(G(inverted))                                               # (100, 28, 28) in [0, 1]

who = 3                                                                             # the 4th chosen digit, a 0
with torch.no_grad():
    search = to_pixels(G(torch.stack([kept[s][who] for s in keep_at])))
fig, ax = plt.subplots(figsize=(6.5, 1.3))
lh.show_images(np.concatenate([search, X_test[chosen[who]][None]]), nrow=len(keep_at) + 1, ax=ax,
               title="the search for one digit's code: G(z) during inversion, and the target")
ax.set_xticks([14 + 29 * j for j in range(len(keep_at) + 1)], [f"step {s}" for s in keep_at] + ["target"],
              fontsize=7)
plt.show()

# %% [markdown]
# This random start happens to draw a loop already; the search reshapes it, step by step, into
# the target's slant and proportions, and spends the later steps on the details of the stroke.
#
# How good is it, on all 100 digits? Two numbers: the **mean squared pixel error** on the [0, 1]
# scale of notebook 04, beside 04's MLP autoencoders with 8 and 32 numbers on the same 100 digits
# (their class from `lh.taught("04_autoencoders")`, their shipped weights); and how often the
# scorer gives the rebuilt picture the digit's own label.

# %%
nb04 = lh.taught("04_autoencoders")
rebuilt = {"GAN inversion (64 numbers)": redrawn}
for k in (8, 32):
    ae = nb04.MLPAutoencoder(k)
    ae.load_state_dict(lh.load_pretrained(f"ae04_mlp_k{k}.pt")["model"])
    ae.eval()
    with torch.no_grad():
        rebuilt[f"04 autoencoder ({k} numbers)"] = ae(torch.tensor(X_test[chosen].reshape(-1, 784))).numpy()
rebuilt_mse = {name: lh.reconstruction_mse(X_test[chosen].reshape(100, -1), pics.reshape(100, -1))
               for name, pics in rebuilt.items()}
rebuilt_kept = {name: float(np.mean(scorer.predict(pics) == y_test[chosen])) for name, pics in rebuilt.items()}
inversion_mse, label_kept = rebuilt_mse["GAN inversion (64 numbers)"], rebuilt_kept["GAN inversion (64 numbers)"]
ae_mse = rebuilt_mse["04 autoencoder (8 numbers)"]
inverted_norm = float(np.median(inverted.norm(dim=1)))

# %%
# NBVAL_CHECK_OUTPUT
print(f"{'100 held-out digits':30}{'MSE per pixel':>14}{'label kept':>12}")
for name in rebuilt:
    print(f"{name:30}{rebuilt_mse[name]:14.3f}{rebuilt_kept[name]:12.0%}")
print(f"median length |z| of the inverted codes: {inverted_norm:.1f} (noise vectors: about 8)")


# %% [raw] tags=["deck"]
# ## What inversion cannot recover
# - A moved, a turned and a thickened digit, and their inversions
# - What made a picture unlike the training set is exactly what is lost

# %% [markdown] slideshow={"slide_type": "slide"}
# Inversion rebuilds unseen digits with a fraction of the autoencoders' pixel error
# ({{inversion_mse:.3f}} per pixel against {{ae_mse:.3f}} for the 8-number autoencoder) and keeps almost every digit's
# identity ({{label_kept:.0%}}): the generator can draw nearly every held-out digit, in its own style. Its codes
# are ordinary noise vectors (their median length, {{inverted_norm:.1f}}, is that of the shell of section 3,
# thanks to the prior term), so the generator is not pushed outside what it learned.
#
# **What inversion cannot recover.** The generator only ever saw centred, upright digits of
# ordinary thickness. Below, three held-out digits changed in ways the training set never shows
# (moved 6 pixels to the right, turned a quarter turn, strokes thickened), and their inversions.

# %% slideshow={"slide_type": "fragment"} deck="figure"
def thicken(x):
    """Each pixel becomes the brightest of its 3 x 3 neighbourhood: strokes about 2 pixels thicker."""
    return F.max_pool2d(torch.tensor(x)[None, None], 3, stride=1, padding=1)[0, 0].numpy()


source = X_test[chosen[[22, 45, 71]]]                            # a 2, a 4 and a 7
unusual = np.stack([np.roll(source[0], 6, axis=1), np.rot90(source[1]).copy(), thicken(source[2])])
unusual_codes, unusual_error, _ = invert(G, unusual)
with torch.no_grad():
    unusual_redrawn = to_pixels(G(unusual_codes))
fig, ax = plt.subplots(figsize=(3.6, 2.6))
lh.show_images(np.concatenate([source, unusual, unusual_redrawn]), nrow=3, ax=ax,
               row_labels=["held-out", "changed", "inverted"], title="digits the generator was never shown")
ax.set_xticks([14, 43, 72], ["moved 6 px", "turned", "thickened"], fontsize=8)
plt.show()


# %% [raw] tags=["deck"]
# ## Family blending
# - Invert two parents; the children lie on the slerp path between their codes
# - Children inherit features, never pixels laid on top of each other

# %% [markdown] slideshow={"slide_type": "slide"}
# The moved 2 comes back in the middle of the frame as a faint, broken shape: the generator cannot
# draw anything off-centre, so the search settles for a little ink where the target has some. The
# turned 4 comes back as a blotchy copy of its outline, no longer a clean digit of any kind. The
# thickened 7 comes back well: bold 7s are in the training set, so the generator can draw them.
# Inversion answers "which picture *the generator can draw* is closest?": what the training set
# held comes back, and what made a picture unlike the training set is exactly what is lost. Photographs have the same problem at a larger scale (a face at an odd angle, a hat the
# training set never showed), which is why image-editing methods also fine-tune the generator on
# the one picture, or search in a richer space than z.
#
# ## 5 · "Family" blending
# The idea of a *family GAN*: invert two parents and interpolate between their codes; every
# point on the way is a "child" with something of each. With a generator of digits, the
# parents are two held-out digits and the children are the pictures along the slerp path between
# their inverted codes.

# %% slideshow={"slide_type": "fragment"} deck="figure"
def child_row(i, j, steps=7):
    """Parent i, its redrawn self, `steps` children between the inverted codes (slerp), j redrawn, parent j."""
    codes = lh.slerp(inverted[i].numpy(), inverted[j].numpy(), np.linspace(0, 1, steps + 2)[1:-1])
    with torch.no_grad():
        children = to_pixels(G(torch.from_numpy(codes)))
    return np.concatenate([X_test[chosen[i]][None], redrawn[i][None], children, redrawn[j][None],
                           X_test[chosen[j]][None]])


families = [(10, 70), (30, 80), (40, 90), (20, 21)]     # 1 & 7, 3 & 8, 4 & 9, and two 2s
fig, ax = plt.subplots(figsize=(6.8, 2.9))
lh.show_images(np.concatenate([child_row(i, j) for i, j in families]), nrow=11, ax=ax,
               row_labels=[f"{y_test[chosen[i]]} & {y_test[chosen[j]]}" for i, j in families],
               title="parent | redrawn | 7 children | redrawn | parent")
plt.show()

# %% [markdown]
# Between two digits of different classes the children turn one into the other, often through a
# shape that is neither: the path does not avoid the land between classes. Between two 2s the
# children stay 2s and trade the parents' features: the slant of one, the loop or the flat base
# of the other. That is what "family" blending means: the children inherit *features*, mixed in
# the generator's latent space, never pixels laid on top of each other.
#
# Below, the same for any two of the 100 inverted digits: parents at the ends, their redrawn
# selves next to them, the child at t in the middle with the scorer's verdict under it, and the
# whole family in the strip below. The first frame is the middle child of the 3 and the 8. Change
# the two numbers in the cell to see other families.

# %%
mother, father = 30, 80                                 # positions in `chosen`: a 3 and an 8
family = FamilyBlend(
    G, inverted[mother], inverted[father], parents=(X_test[chosen[mother]], X_test[chosen[father]]),
    names=(str(y_test[chosen[mother]]), str(y_test[chosen[father]])), value_range="tanh",
    caption=lambda child: f"scorer: {scorer.predict(child)[0]} ({scorer.probabilities(child).max():.2f})",
    title="family blending: a slider between two inverted codes")
family

# %% [raw] tags=["deck"]
# ## A vanishing gradient: the saturating loss
# - log(1 − D(G(z))) has slope D: near 0 where G is bad
# - −log D(G(z)) has slope 1 − D: steep exactly there

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6 · When the game goes wrong
# GANs are famous for training badly. Two of the classic failures, shown and measured, and a test
# for a third.
#
# ### A vanishing gradient: the saturating loss
# Section 1 trained the generator on −log D(G(z)) instead of the minimax game's log(1 − D(G(z))).
# Why? Look at both as functions of what the discriminator says about a generated picture, and
# at their slopes with respect to D's logit a (the number the gradient passes through on its way
# to G): the slope of log(1 − sigmoid(a)) is −D, the slope of −log sigmoid(a) is −(1 − D).

# %% slideshow={"slide_type": "fragment"} deck="figure"
p = np.linspace(0.001, 0.999, 300)
fig, axes = plt.subplots(1, 2, figsize=(10, 2.8))
axes[0].plot(p, np.log(1 - p), label="saturating: log(1 - D)")
axes[0].plot(p, -np.log(p), label="non-saturating: -log D")
axes[0].set(title="the generator's loss (lower is better for G)", xlabel="D(G(z)): the discriminator's verdict",
            ylabel="loss", ylim=(-5, 5))
axes[1].plot(p, p, label="saturating: |slope| = D")
axes[1].plot(p, 1 - p, label="non-saturating: |slope| = 1 - D")
axes[1].set(title="its slope with respect to D's logit", xlabel="D(G(z))", ylabel="|d loss / d a|")
for ax in axes:
    ax.axvspan(0, 0.1, color="tab:red", alpha=0.1)
    ax.legend(fontsize=7)
axes[1].text(0.02, 0.5, "G is bad:\nD rejects it", fontsize=8, color="tab:red")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: after a head start
# - A fresh D learns alone for 50 steps, then both play 100 steps
# - How large is the generator's gradient under each loss?
#
# Answer: the non-saturating one gets a strong signal at once; the saturating one's is an order of magnitude smaller, and shrinks.

# %% [markdown] slideshow={"slide_type": "slide"}
# The two losses want the same thing, but where the generator is bad (the shaded corner, where D
# rejects its pictures with confidence) the saturating loss is flat: its slope is D itself, close
# to 0, so the generator hears almost nothing from the discriminator exactly when it most needs
# to learn. That corner is where every GAN starts.
#
# **Think first.** A discriminator often learns faster than its generator. We give a fresh one a
# head start of 50 steps in which only it learns, so that it rejects the untrained generator's
# pictures with confidence. Then the two play 100 steps, once with each generator loss, from the
# same start. How large will the generator's gradient be under each loss?
#
# <details><summary>Answer</summary>
#
# After the head start D(G(z)) is a few hundredths. The non-saturating loss's slope, 1 − D, is
# then nearly 1, and the generator gets a strong signal at once. The saturating loss's slope, D, is
# a few hundredths: the generator's gradient is an order of magnitude smaller, and it keeps
# shrinking while D stays ahead. Nothing is wrong with the networks; the loss has gone flat.
#
# </details>

# %% [raw] tags=["deck"]
# ## Gradients after a head start
# - The saturating generator's gradient: {{grad_nonsat / grad_sat:.0f}} times smaller from the first steps

# %%
lh.seed_everything(0)
G_start, D_start = Generator(), Discriminator()
head_start = train_gan(G_start, D_start, X_gan, steps=50, train_g=False, desc="discriminator alone")
games = {}
for name, saturating in (("non-saturating", False), ("saturating", True)):
    G_game, D_game = copy.deepcopy(G_start), copy.deepcopy(D_start)
    games[name] = train_gan(G_game, D_game, X_gan, steps=100, saturating=saturating, seed=1, desc=name)
grad_nonsat = float(np.median(games["non-saturating"]["g_grad"][:50]))
grad_sat = float(np.median(games["saturating"]["g_grad"][:50]))

# %%
# NBVAL_CHECK_OUTPUT
print(f"after the head start: D(x) = {np.mean(head_start['d_real'][-10:]):.2f}, "
      f"D(G(z)) = {np.mean(head_start['d_fake'][-10:]):.2f}")
print(f"median size of the generator's gradient, first 50 steps: non-saturating {grad_nonsat:.2g}, "
      f"saturating {grad_sat:.2g} ({grad_nonsat / grad_sat:.0f} times smaller)")

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, axes = plt.subplots(1, 2, figsize=(11, 2.6))
for name, game in games.items():
    axes[0].semilogy(np.arange(1, 101), game["g_grad"], label=name, lw=1)
    axes[1].plot(np.arange(10, 101), smooth(game["d_fake"]), label=name)
axes[0].set(title="size of the generator's gradient", xlabel="step after the head start", ylabel="norm (log scale)")
axes[1].set(title="how often G fools D", xlabel="step after the head start", ylabel="mean D(G(z)) (10-step mean)",
            ylim=(0, 0.5))
for ax in axes:
    ax.legend(fontsize=7)
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## Think first: a frozen judge
# - Train only the generator, against the shipped discriminator frozen
# - What happens to the variety of its digits?
#
# Answer: it collapses: every noise vector is pushed towards what this one judge scores highest.

# %% [markdown] slideshow={"slide_type": "slide"}
# The head start left D(G(z)) at {{np.mean(head_start['d_fake'][-10:]):.2f}}. From the first step the saturating generator's
# gradient is many times smaller ({{grad_nonsat / grad_sat:.0f}} times, as a
# median over the first 50 steps), and the gap widens to orders of magnitude as the discriminator
# pulls ahead (over the last 10 steps, {{np.mean(games["non-saturating"]["g_grad"][-10:]) / np.mean(games["saturating"]["g_grad"][-10:]):.0f}} times): the saturating generator stops
# fooling it at all, while the non-saturating one keeps D(G(z)) well above zero and fights back.
# It is the **vanishing gradient** problem in its GAN form: the signal that should teach the generator is squashed by
# the loss, not by the depth of the network. (It is not hopeless: if G improves, D(G(z)) rises and
# the slope returns. But it is slow, and against a strong discriminator it may never start.)
#
# ### Mode collapse, at its root: a judge that stops answering
# The game works because the two players keep adapting to each other. Suppose the discriminator
# stops learning (its learning rate too small, or the generator trained for many steps per
# discriminator step). Then the generator has a fixed target: the pictures that *this*
# discriminator likes best. Nothing in its loss asks for variety. This is the mechanism behind
# **mode collapse**, shown in its simplest, most extreme form: the discriminator is not merely
# slow, it is frozen.
#
# **Think first.** Start from the shipped generator, which draws all ten digits, and train only
# the generator, against the shipped discriminator frozen as it is (300 steps; with a learning
# rate ten times the usual one, to see in seconds what would otherwise take minutes). What
# happens to the variety of its digits?
#
# <details><summary>Answer</summary>
#
# It collapses. Every noise vector is pushed the same way, towards whatever this discriminator
# scores highest, so the generator soon maps most of the noise space to the same kind of picture:
# fewer digits, less variety. A learning discriminator would punish a generator that draws one
# thing, and the generator would move on to another: in a full game collapse comes and goes.
#
# </details>

# %% [raw] tags=["deck"]
# ## Mode collapse
# - After {{last}} steps: {{after.classes_covered}} of the ten digits; entropy {{before.entropy_ratio:.0%}} → {{after.entropy_ratio:.0%}} of ln 10
# - The classifier grows *surer* of the blobs: confidence cannot see collapse

# %%
G_frozen_game = copy.deepcopy(G)
z_cover = torch.randn(500, Z_DIM, generator=torch.Generator().manual_seed(10))
cover_at = (0, 50, 100, 150, 200, 300)
collapse = train_gan(G_frozen_game, copy.deepcopy(D), X_gan, steps=300, lr=2e-3, train_d=False, z_watch=z_cover,
                     watch_at=cover_at, desc="frozen discriminator")
coverage = {s: scorer.report(collapse["watch"][s]) for s in cover_at}


def variety(pictures):
    """Mean distance, in the scorer's 64 features, between two pictures of a set (pairs 0-1, 2-3, ...).

    0 if all pictures look alike to the scorer. Features, not pixels: thick pictures are far apart in
    pixels (more ink to differ in) however alike they are.
    """
    f = scorer.features(pictures)
    return float(np.linalg.norm(f[0::2] - f[1::2], axis=1).mean())


# %%
varieties = {s: variety(collapse["watch"][s]) for s in cover_at}
inks = {s: float(collapse["watch"][s].mean()) for s in cover_at}
real_variety, real_ink = variety(X_test[:500]), float(X_test[:500].mean())
before, after = coverage[0], coverage[cover_at[-1]]                 # the scorer's reports at step 0 and at the end
print(f"{'generator steps':>16}{'digits seen':>13}{'class entropy':>15}{'commonest digit':>17}"
      f"{'mean top prob.':>16}{'variety':>9}{'ink':>6}")
for s, r in coverage.items():
    print(f"{s:16d}{r.classes_covered:13d}{r.entropy_ratio:14.0%}{f'{r.shares.argmax()} ({r.shares.max():.0%})':>17}"
          f"{r.mean_top_probability:16.2f}{varieties[s]:9.1f}{inks[s]:6.2f}")
print(f"(500 held-out digits: variety {real_variety:.1f}, ink {real_ink:.2f}. Variety: the distance between two "
      f"pictures in the scorer's features; ink: the mean pixel. On another computer the later rows differ a little.)")

# %%
# NBVAL_CHECK_OUTPUT
last = cover_at[-1]
print(f"before: all ten digits seen: {before.classes_covered == 10}")
print(f"after {last} steps: fewer than five digits seen: {after.classes_covered < 5}; "
      f"one digit on more than 80% of the pictures: {after.shares.max() > 0.8}")
print(f"class entropy down to less than a third of what it was: {after.entropy < before.entropy / 3}")
print(f"variety down by more than a tenth, but far from 0: {0.1 * varieties[0] < varieties[last] < 0.9 * varieties[0]}")
print(f"ink up by more than half: {inks[last] > 1.5 * inks[0]}; the scorer surer than before: "
      f"{after.mean_top_probability > before.mean_top_probability}")

# %% slideshow={"slide_type": "fragment"} deck="figure"
fig, axes = plt.subplots(1, 2, figsize=(11, 2.8), gridspec_kw={"width_ratios": [1, 1.4]})
axes[0].plot(cover_at, [coverage[s].entropy for s in cover_at], "o-")
axes[0].axhline(np.log(10), color="gray", ls=":", label="all ten digits equally (ln 10)")
axes[0].set(title="the digits drawn while D is frozen", xlabel="generator steps", ylabel="class entropy (nats)", ylim=(0, 2.5))
axes[0].legend(fontsize=7)
lh.show_images(np.concatenate([collapse["watch"][0][:12], collapse["watch"][cover_at[-1]][:12]]), nrow=12, ax=axes[1],
               row_labels=["before", f"{cover_at[-1]} steps"], title="the same 12 noise vectors")
fig.tight_layout()
plt.show()

# %% [raw] tags=["deck"]
# ## A judge that memorises?
# - The discriminator's mean verdict on training digits against unseen ones
# - With 4,000 digits the gap is small: little overfitting to fight

# %% [markdown] slideshow={"slide_type": "slide"}
# Within {{last}} generator steps the digits drain away: the samples show {{after.classes_covered}} of the ten digits, the class entropy falls
# from {{before.entropy_ratio:.0%}} to about {{after.entropy_ratio:.0%}} of ln 10, and nearly every z gives a blocky blob of ink that the scorer
# reads as an 8 (about {{after.shares.max():.0%}} of the pictures; the exact figures of the later rows differ a little from
# one computer to another, the collapse does not). The data has ten modes (at least); the
# generator now covers few of them: that is mode collapse.
#
# Look closely at what the run shows, though. What a frozen discriminator rates highest is not a
# digit at all: the generator has found a weakness of that one judge, and exploits it. A fixed
# judge being exploited is the root of collapse, but the classic collapse of a full game looks
# different: the discriminator learns to reject whatever the generator over-produces, the
# generator jumps to another mode, and the two chase each other around, the generator covering
# a few digits at a time and real digits all along. And the pictures have not become *one*
# picture: the variety in the scorer's features falls, from {{varieties[0]:.1f}} to {{varieties[last]:.1f}} here (real digits:
# {{real_variety:.1f}}; by a quarter to a half, depending on the computer), but relatively less than the class
# entropy. The blobs still differ in their details; what has collapsed first and most is the *kind*
# of picture, which the classes measure better than the variety, a distance between individual
# pictures.
#
# One more thing to notice: the scorer is *surer* of the blobs than of the healthy samples (a mean
# top probability of {{after.mean_top_probability:.2f}} against {{before.mean_top_probability:.2f}}; the ink has grown by more than half, from {{inks[0]:.2f}} to {{inks[last]:.2f}}, and a lot of ink
# is what makes an 8). A classifier can be fooled too, so confidence alone would call this collapse
# an improvement; the class entropy does not. In real training collapse appears in milder forms
# (digits drawn less or more often than they should be, as the uneven class shares of section 2
# show) and is fought with a discriminator that keeps up, with losses that reward variety
# (Wasserstein GANs, minibatch discrimination), and by measuring coverage as we did here, not by
# looking at a handful of samples.
#
# ### Overfitting: a judge that memorises
# A third failure threatens every GAN trained on a small data set. The discriminator sees the same
# 4,000 digits over and over (128 times each in the shipped game). If it memorised them, it would
# call *those* digits real and unseen digits less so, and its verdicts would steer the generator
# towards the training pictures rather than towards digits in general. The test is cheap: the
# shipped discriminator's mean verdict D(x) on its training digits and on the held-out ones.
#
# %%
# NBVAL_CHECK_OUTPUT
with torch.no_grad():                                                   # in batches of 1,000, to save memory
    d_on_train = torch.cat([torch.sigmoid(D(X_gan[i:i + 1000])) for i in range(0, len(X_gan), 1000)]).mean().item()
    d_on_heldout = torch.sigmoid(D(to_gan_scale(X_test))).mean().item()  # the 1,000 digits it never saw
print(f"training digits called more real than held-out ones: {d_on_train > d_on_heldout}; "
      f"by less than 0.1: {d_on_train - d_on_heldout < 0.1}")

# %% [raw] tags=["deck"]
# ## Summary
# - A GAN is a game: its samples are sharp, measured by a classifier, not by its losses
# - Noise lives on a thin shell: slerp stays on it; inversion searches it for a digit's code
# - It can fail: vanishing gradients, mode collapse, a memorising judge

# %% [markdown]
# With 4,000 digits the judge scores training digits only slightly higher than unseen ones
# ({{d_on_train:.3f}} against {{d_on_heldout:.3f}} on average): it has barely memorised them, so there is little overfitting to fight here. With a few
# hundred training digits the gap grows, the discriminator's verdicts turn into "have I seen this
# picture?", and the generator is steered towards copies. The usual remedy is to show the
# discriminator randomly shifted, recoloured or cut-out versions of every picture, real and
# generated alike, so that it cannot memorise (differentiable augmentation, Zhao et al., 2020).
#
# ## Summary
# - A GAN is two networks in a game: the generator draws from noise, the discriminator tells real
#   from generated, and each trains on the other's mistakes. Its losses swing and say little about
#   quality; a classifier-based measurement says much more.
# - Measured by a digit classifier, the GAN's samples are surer digits than the VAE's, though less
#   sure than real ones, and much sharper: the Fréchet distance of their features to real digits is several
#   times smaller, though well above the floor of two real sets. They are new pictures made of the
#   training set's styles, not copies.
# - A GAN's noise is Gaussian in 64-D, a thin shell: lerp cuts through its inside, slerp stays on
#   it. A bilinear grid between four codes shows a smooth, entangled latent space.
# - GAN inversion finds a code for a real digit by back-propagating a pixel error into z (with a
#   prior term that keeps z on the noise shell). It rebuilds held-out digits closer than 04's
#   autoencoders and keeps their identity, at the price of hundreds of steps per digit, and it
#   cannot recover what the generator cannot draw (a moved or turned digit). Interpolating two
#   inverted codes blends the parents' features into a "family".
# - The saturating minimax loss has a vanishing gradient where the generator is bad; the
#   non-saturating loss fixes it. A generator facing a discriminator that stops learning
#   collapses: fewer digits, in the end nearly one kind of picture, found by exploiting that one
#   judge. Class coverage and entropy measure it; the classifier's confidence does not (it rose).
#   A discriminator that memorises its training digits is a third danger; with 4,000 digits ours
#   barely does.
#
# ## Exercises
# **Exercise 1.** Section 6 compared the slopes of the two generator losses for *one* verdict D.
# A batch holds many pictures, each with its own verdict, and `generator_loss` averages over them.
# Write `slope_ratio(d_fake)`: given D's verdicts D(G(z)) on a batch (a 1-D numpy array), return
# how many times *longer* the gradient of the non-saturating loss is than the gradient of the
# saturating loss, both taken with respect to the batch's logits ("longer": the Euclidean norm of
# the gradient vector, as `gradient_norm` measures). Work the gradients out by hand, or let torch
# find them (`torch.logit` turns verdicts into logits; `torch.autograd.grad` differentiates).
# Then use it on the verdicts of the discriminator right after its head start in section 6, and
# compare with the ratio of the generator's gradients measured there. Why are the two not the same?

# %% [raw] tags=["deck"]
# ## Exercise 1 · the slopes over a batch
# - `slope_ratio(d_fake)`: how many times longer the non-saturating gradient is
# - Compare with the generator's gradients measured in section 6

# %%
def slope_ratio(d_fake):
    return None  # your code here

from latent_helpers.exercises import check_slope_ratio
check_slope_ratio(slope_ratio)


# %% tags=["solution"]
def slope_ratio(d_fake):
    a = torch.logit(torch.as_tensor(d_fake, dtype=torch.float64)).requires_grad_()
    (non_saturating,) = torch.autograd.grad(generator_loss(a), a)
    (saturating,) = torch.autograd.grad(generator_loss(a, saturating=True), a)
    return float(non_saturating.norm() / saturating.norm())   # by hand: |1 - D| / |D|

assert check_slope_ratio(slope_ratio)
with torch.no_grad():
    verdicts = torch.sigmoid(D_start(G_start(torch.randn(64, Z_DIM, generator=torch.Generator().manual_seed(11)))))
print(f"after the head start: the logits' gradients differ {slope_ratio(verdicts.numpy()):.0f} times; "
      f"the generator's gradients, measured: {grad_nonsat / grad_sat:.0f} times")
# They differ because the generator's gradient is the logits' gradient passed back through D and G:
# pictures D rejects more firmly weigh more in the saturating sum, and D's slopes differ by picture.


# %% [raw] tags=["deck"]
# ## Exercise 2 · class entropy
# - `class_entropy(labels)`: the entropy in nats of the digits' shares
# - Use it on the collapsed generator's digits

# %% [markdown]
# **Exercise 2.** Write `class_entropy(labels)`: the entropy, in nats, of the shares of the digits
# 0-9 among the integer `labels` (a numpy array), as in section 2. A digit that never appears
# counts as 0 (0 log 0 = 0). Then use it on the collapsed generator's digits.

# %%
def class_entropy(labels):
    return None  # your code here

from latent_helpers.exercises import check_class_entropy
check_class_entropy(class_entropy)


# %% tags=["solution"]
def class_entropy(labels):
    shares = np.bincount(labels, minlength=10) / len(labels)
    shares = shares[shares > 0]                      # 0 log 0 = 0
    return float(-(shares * np.log(shares)).sum())

assert check_class_entropy(class_entropy)
print(f"after {cover_at[-1]} steps against the frozen discriminator: "
      f"{class_entropy(scorer.predict(collapse['watch'][cover_at[-1]])):.2f} nats")


# %% [raw] tags=["deck"]
# ## Exercise 3 · the Fréchet distance in one dimension
# - `frechet_1d(a, b)` for two sets of single numbers

# %% [markdown]
# **Exercise 3.** The Fréchet distance of section 2 compares mean vectors and covariance
# matrices. For sets of *single numbers* it becomes simple: write `frechet_1d(a, b)` for two 1-D
# arrays a and b (the formula of section 2 with one feature, where the covariance is the
# variance). Then try it on one feature of the scorer, say the average ink of each picture.

# %%
def frechet_1d(a, b):
    return None  # your code here

from latent_helpers.exercises import check_frechet_1d
check_frechet_1d(frechet_1d)


# %% tags=["solution"]
def frechet_1d(a, b):
    return (a.mean() - b.mean()) ** 2 + (a.std() - b.std()) ** 2

assert check_frechet_1d(frechet_1d)
ink = lambda pictures: pictures.reshape(len(pictures), -1).mean(1)
print(f"average ink, Frechet distance to the held-out digits: GAN {frechet_1d(ink(gan_samples), ink(X_test)):.5f}, "
      f"VAE {frechet_1d(ink(vae_samples), ink(X_test)):.5f}")

# %% [raw] tags=["deck"]
# ## Exercise 4 · the optimal discriminator
# - Maximise a log y + b log(1 − y): D* from the two densities
# - What is V(D*) when p_g = p_data?

# %% [markdown]
# **Exercise 4 (a derivation).** For a fixed generator, the discriminator maximises
# V(D) = E over real x of log D(x) + E over generated x of log(1 − D(x)), which in one dimension is
# ∫ [p_data(x) log D(x) + p_g(x) log(1 − D(x))] dx, with p_data the density of real data and p_g
# that of the generator's pictures. Each x can be chosen on its own, so the best discriminator
# D*(x) maximises a log y + b log(1 − y) over y in (0, 1), with a = p_data(x) and b = p_g(x). Find
# that y on paper (set the derivative to zero), then write `optimal_discriminator(p_data, p_g)`:
# given both densities' values at many points (two 1-D arrays), return D* at each point. The check
# compares your D* with a discriminator it finds numerically, by maximising V point by point, on
# three 1-D examples. Finally: what is V(D*) when p_g = p_data, and why does that make p_g = p_data
# the generator's best outcome?

# %%
def optimal_discriminator(p_data, p_g):
    return None  # your code here

from latent_helpers.exercises import check_optimal_discriminator
check_optimal_discriminator(optimal_discriminator)


# %% tags=["solution"]
def optimal_discriminator(p_data, p_g):
    return p_data / (p_data + p_g)   # a / y - b / (1 - y) = 0  =>  y = a / (a + b)

assert check_optimal_discriminator(optimal_discriminator)
x = np.linspace(-6, 6, 2001)
density = lambda x, m, s: np.exp(-0.5 * ((x - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))
same = density(x, 0, 1)
d_star = optimal_discriminator(same, same)
value = np.sum(same * np.log(d_star) + same * np.log(1 - d_star)) * (x[1] - x[0])
print(f"p_g = p_data: D* = {d_star.min():.2f} everywhere, V(D*) = {value:.3f} = -2 ln 2 = {-2 * np.log(2):.3f}")
# For any other p_g, V(D*) = -2 ln 2 + 2 JS(p_data || p_g) (Goodfellow et al., 2014): larger, since the
# Jensen-Shannon divergence is positive; so the generator, which minimises V(D*), is best at p_g = p_data.

# %% [raw] tags=["deck"]
# ## Exercise 5 · which prior for inversion? (open)
# - The Gaussian density's term, or no prior at all, instead of the shell
# - Codes' lengths and pixel error: which codes would you blend?

# %% [markdown]
# **Exercise 5 (open).** Section 4 kept the inverted codes on the noise shell with the prior term
# λ(|z| − 8)². Copy `invert` and change its prior line to the Gaussian density's term,
# `0.002 * (z ** 2).sum(1) / 2`, then to no prior at all (`0 * pixel_error`). Invert the same 100
# digits each way and compare the median length of the codes (`codes.norm(dim=1).median()`) and
# the pixel error. Which codes would you trust as a start for family blending, and why?
#
# ## Further reading
# - I. Goodfellow et al., *Generative Adversarial Nets*, NeurIPS 2014: the game, and the
#   non-saturating loss.
# - A. Radford, L. Metz and S. Chintala, *Unsupervised Representation Learning with Deep
#   Convolutional Generative Adversarial Networks* (DCGAN), ICLR 2016.
# - M. Heusel et al., *GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
#   Equilibrium*, NeurIPS 2017: the Fréchet Inception Distance.
# - T. White, *Sampling Generative Networks*, 2016 (arXiv:1609.04468): slerp for latent spaces.
# - J.-Y. Zhu et al., *Generative Visual Manipulation on the Natural Image Manifold*, ECCV 2016,
#   and W. Xia et al., *GAN Inversion: A Survey*, IEEE TPAMI 2022.
# - M. Arjovsky and L. Bottou, *Towards Principled Methods for Training Generative Adversarial
#   Networks*, ICLR 2017: why the gradients vanish; M. Arjovsky, S. Chintala and L. Bottou,
#   *Wasserstein GAN*, ICML 2017.
# - T. Salimans et al., *Improved Techniques for Training GANs*, NeurIPS 2016: mode collapse and
#   minibatch discrimination.
# - S. Zhao et al., *Differentiable Augmentation for Data-Efficient GAN Training*, NeurIPS 2020:
#   a discriminator that cannot memorise its few training pictures.
# - Next: notebook 07, word embeddings: a latent space for words.

# %% [raw] tags=["benchmark"]
# gan_mean_top_prob = reports["GAN samples"].mean_top_probability
# gan_class_entropy_ratio = reports["GAN samples"].entropy_ratio
# gan_classes_covered = reports["GAN samples"].classes_covered
# vae_mean_top_prob = reports["VAE samples"].mean_top_probability
# gan_frechet = gan_fd
# vae_frechet = vae_fd
# frechet_floor = fd_floor
# inversion_mse = inversion_mse
# ae_mse_same_digits = ae_mse
# inversion_label_kept = label_kept
# collapse_entropy_before = coverage[0].entropy
# collapse_entropy_after = coverage[cover_at[-1]].entropy
# collapse_classes_before = coverage[0].classes_covered
# collapse_classes_after = coverage[cover_at[-1]].classes_covered
# grad_norm_nonsaturating = grad_nonsat
# grad_norm_saturating = grad_sat
# gan06_samples.npy = np.round(gan_samples * 255).astype(np.uint8)

# %% [raw] tags=["claims"]
# live_d_fake.min() < 0.3 and live_d_real.max() > 0.75  # "has learned to reject it"
# live_g_loss.max() > live_g_loss[0] + 0.5  # "loss climbs); then the generator answers"
# live["watch"][200].mean() < live["watch"][0].mean() - 0.1  # "the noise turns black with specks of white"
# live["watch"][200][:, 7:21, 7:21].mean() > 1.5 * live["watch"][200].mean()  # "blobs of ink in the middle of the frame"
# np.all(history["d_real"] > history["d_fake"])  # "the discriminator keeps a lead"
# np.max(history["d_real"] - history["d_fake"]) < 0.5  # "but the gap stays moderate"
# 0.3 < np.mean(scorer.probabilities(shown).max(1) > 0.9) < 0.8  # "roughly half are clear digits"
# gan_top > vae_top and gan_fd < vae_fd  # "The GAN's, on both counts."
# vae_fd > 2.5 * gan_fd and gan_fd > 5 * fd_floor  # "several times smaller than the VAE's, though still well above the floor"
# gan_top > vae_top  # "The scorer is surer of the GAN's samples than of the VAE's"
# real_top - gan_top > 0.05  # "clearly less sure than of real digits"
# 0.25 < 1 - gan_sure < 0.6 and real_sure > 0.9  # "a large share of the samples"
# reports["GAN samples"].classes_covered == 10  # "Every digit appears in the GAN's samples"
# gan_shares.max() / gan_shares.min() > 2  # "though not equally often"
# reports["held-out digits"].entropy_ratio > 0.99  # "where the held-out digits are nearly even"
# reports["GAN samples"].entropy_ratio < reports["held-out digits"].entropy_ratio  # "The entropy says how much it costs"
# vae_fd > 2.5 * gan_fd  # "times closer to real digits than the VAE's"
# gan_fd > 5 * fd_floor  # "but still far from the floor"
# np.mean((gan_samples > .2) & (gan_samples < .8)) < np.mean((vae_samples > .2) & (vae_samples < .8))  # "the GAN's digits have sharp, high-contrast strokes"
# np.mean((gan_samples > .2) & (gan_samples < .8)) < np.mean((vae_samples > .2) & (vae_samples < .8))  # "the VAE's are soft and grey"
# np.mean(gan_nn_dist < np.quantile(test_nn_dist, 0.01)) < 0.01  # "none is as close to a training digit as a near-duplicate would be"
# np.median(gan_nn_dist) > np.median(test_nn_dist)  # "They even sit a little farther"
# (lambda sure: np.median(gan_nn_dist[sure]) < np.median(gan_nn_dist[~sure]))(scorer.probabilities(gan_samples).max(1) > 0.9)  # "partly because some samples are malformed shapes"
# sag < 0.8 and lo_norm - 1 < np.linalg.norm((za + zb) / 2) < lo_norm  # "just below the grey band"
# np.mean([np.linalg.norm(za), np.linalg.norm(zb)]) > np.median(shell) and mid_norm["lerp midpoints"] < np.linalg.norm((za + zb) / 2)  # "for a typical pair the midpoint lies further in"
# mid_norm["lerp midpoints"] < lo_norm  # "shorter codes than any the generator saw in training"
# mid_top["the end points"] - mid_top["lerp midpoints"] < 0.05  # "nearly as sure digits as those of ordinary codes"
# mid_fd["lerp midpoints"] > mid_fd["slerp midpoints"]  # "as a set they are further from real digits than the slerp midpoints"
# abs(mid_fd["slerp midpoints"] - mid_fd["the end points"]) < 0.2 * mid_fd["the end points"] and abs(mid_top["slerp midpoints"] - mid_top["the end points"]) < 0.03  # "which score like ordinary samples"
# variety(mid_pictures["lerp midpoints"]) < variety(mid_pictures["the end points"])  # "less varied digits there"
# 0.4 < np.linalg.norm(bilinear[24]) / np.sqrt(Z_DIM) < 0.6  # "only about half the typical length"
# mid_fd["slerp midpoints"] < mid_fd["lerp midpoints"]  # "Slerp costs nothing and keeps every code where the generator was"
# inversion_mse < 0.5 * min(rebuilt_mse["04 autoencoder (8 numbers)"], rebuilt_mse["04 autoencoder (32 numbers)"])  # "Inversion, by a wide margin"
# inversion_mse < 0.5 * min(rebuilt_mse["04 autoencoder (8 numbers)"], rebuilt_mse["04 autoencoder (32 numbers)"])  # "with a fraction of the autoencoders' pixel error"
# label_kept >= 0.9  # "keeps almost every digit's"
# lo_norm < inverted_norm < hi_norm  # "Its codes are ordinary noise vectors"
# unusual_error[2] < min(unusual_error[0], unusual_error[1]) and scorer.predict(unusual_redrawn[2:3])[0] == 7  # "The thickened 7 comes back well"
# unusual_redrawn[0].mean() < unusual[0].mean()  # "as a faint, broken shape"
# (lambda err: err(200) < err(0))(lambda s: float(((to_pixels(G(kept[s][who:who + 1])) - X_test[chosen[who]]) ** 2).mean()))  # "the search reshapes it, step by step"
# np.all(scorer.predict(child_row(20, 21)[2:9]) == 2)  # "Between two 2s the children stay 2s"
# np.mean(head_start["d_fake"][-10:]) < 0.1  # "After the head start D(G(z)) is a few hundredths"
# grad_nonsat / grad_sat > 8  # "the generator's gradient is an order of magnitude smaller"
# np.mean(games["saturating"]["g_grad"][-10:]) < 0.2 * np.mean(games["saturating"]["g_grad"][:10])  # "it keeps shrinking while D stays ahead"
# np.all(np.array(games["saturating"]["g_grad"]) < np.array(games["non-saturating"]["g_grad"]))  # "From the first step the saturating generator's gradient is many times smaller"
# np.mean(games["non-saturating"]["g_grad"][-10:]) > 30 * np.mean(games["saturating"]["g_grad"][-10:])  # "the gap widens to orders of magnitude"
# smooth(games["saturating"]["d_fake"])[-1] < 0.02  # "the saturating generator stops fooling it at all"
# smooth(games["non-saturating"]["d_fake"]).min() > 0.03  # "keeps D(G(z)) well above zero"
# before.classes_covered == 10  # "Start from the shipped generator, which draws all ten digits"
# after.classes_covered < 5  # "the digits drain away"
# after.entropy < before.entropy / 3  # "the class entropy falls"
# after.shares.argmax() == 8 and after.shares.max() > 0.8  # "reads as an 8"
# varieties[last] < 0.9 * varieties[0]  # "the variety in the scorer's features falls"
# after.entropy / before.entropy < varieties[last] / varieties[0]  # "but relatively less than the class"
# varieties[last] > 0.1 * real_variety  # "the pictures have not become"
# inks[last] > 1.5 * inks[0]  # "the ink has grown by more than half"
# after.mean_top_probability > before.mean_top_probability  # "the scorer is surer of the blobs than of the healthy samples"
# after.mean_top_probability > before.mean_top_probability  # "the classifier's confidence does not (it rose)"
# torch.sigmoid(D(to_gan_scale(collapse["watch"][last]))).mean().item() > d_on_heldout  # "the generator has found a weakness of that one judge, and exploits it"
# d_on_train > d_on_heldout and d_on_train - d_on_heldout < 0.1  # "the judge scores training digits only slightly higher than unseen ones"
# d_on_train - d_on_heldout < 0.1  # "with 4,000 digits ours barely does"
# inversion_mse < min(rebuilt_mse["04 autoencoder (8 numbers)"], rebuilt_mse["04 autoencoder (32 numbers)"]) and label_kept >= 0.9  # "It rebuilds held-out digits closer than 04's"
# gan_top > vae_top and real_top > gan_top and vae_fd > 2.5 * gan_fd  # "the GAN's samples are surer digits than the VAE's, though less"
