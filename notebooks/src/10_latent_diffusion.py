# %% [markdown] slideshow={"slide_type": "slide"}
# # 10 · Latent diffusion: generating by removing noise
#
# The GAN of notebook 06 turned noise into a digit in one pass of a network, trained by a game. A
# **diffusion model** turns noise into a digit in many small steps, and it is trained without any
# game: we take real data, bury it in Gaussian noise, and teach a network to say which noise was
# added. To generate, we start from pure noise and remove, step by step, the noise the network sees.
# This is the family of models behind today's image generators, and the best known of them, Stable
# Diffusion (Rombach et al., 2022), does not even work on pixels: it runs its diffusion in the
# **latent space of an autoencoder**, and its decoder paints the pixels at the end. We build the
# same thing at the scale of a laptop, in the latent space of an autoencoder like notebook 04's.
#
# **In this notebook you will learn**
# - the **forward process** that buries data in noise, in closed form, and the **noise schedule**
#   (alpha_t, alpha-bar_t), first on 2-D points you can watch, then on digit codes;
# - the **training loss** of a diffusion model (predict the noise) and how a network that knows it
#   turns noise into data, with the deterministic sampler **DDIM**;
# - **latent diffusion**: the same model on the codes of an autoencoder, why its samples are only
#   as sharp as the decoder, and what working in 16 numbers instead of 784 pixels saves, measured;
# - to slide through the **steps of one sample**, from noise to digit, with the model's running
#   guess of the end; to treat the starting noise as a **latent space** (slerp between two noises,
#   and DDIM **inversion** of a real digit back to its noise);
# - **classifier-free guidance**: asking for a given digit, with a slider for how hard, and the
#   trade-off between agreement and variety it buys, measured;
# - to compare the **VAE (05), the GAN (06) and latent diffusion (10)** on one yardstick.
#
# **Time to run:** about a minute on a 2-core laptop: the autoencoder and the diffusion model were
# trained by a script and are loaded; a small 2-D model trains here in seconds.
# **Prerequisites:** notebook 04 (autoencoders), 05 (VAEs: sampling, judging samples fairly), 06
# (GANs: the digit scorer, noise as a latent space, inversion) and 03 (lerp and slerp).

# %% [raw] tags=["deck"]
# # 10 · Latent diffusion
# Generating by removing noise
#
# - Bury data in noise step by step; learn to take the noise out
# - Do it on an autoencoder's codes: latent diffusion
# - Steps, noise as a latent space, guidance, and one yardstick for three generators

# %%
# %matplotlib inline
import time

import numpy as np
import matplotlib.pyplot as plt
import ipywidgets as W
import torch
from sklearn.datasets import make_swiss_roll

import latent_helpers as lh

device = lh.setup(seed=0, threads=1)   # small networks, many small steps: one thread is faster than two taking turns
digits = lh.load_mnist5k()
X_train, y_train, X_test, y_test = digits.X_train, digits.y_train, digits.X_test, digits.y_test
print(digits)

# %% [raw] tags=["deck"]
# ## Noise, then denoise
# - Forward: add a little Gaussian noise at each of T = 1000 steps
# - In closed form: x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε
# - A network learns to predict the added noise from x_t and t

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1 · Noise, then denoise
# ### The forward process
# Take a data point x₀ (a 2-D point for now, later the code of a digit). The **forward process**
# adds a little Gaussian noise at each of T = 1000 steps, and shrinks the signal a little so that
# the total variance stays put: at step t,
#
# x_t = √(1 − β_t) · x_{t−1} + √β_t · ε_t,   ε_t ~ N(0, I),
#
# where β_t, the **noise schedule**, grows from 0.0001 to 0.02 (the linear schedule of Ho et al.,
# 2020). Write α_t = 1 − β_t for what one step keeps of the signal's variance. Because a sum of
# Gaussians is Gaussian, the thousand small steps collapse into **one jump** from x₀ to any step t:
#
# x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε,   with ᾱ_t = α₀ · α₁ · … · α_t (alpha-bar),
#
# one fresh ε ~ N(0, I). That closed form is what makes training cheap: to show the network a point
# at step 700 we do not run 700 steps, we compute one line. As t grows, ᾱ_t falls from nearly 1
# (almost all signal) to nearly 0 (almost all noise); at t = T − 1 the point is, for every purpose,
# a draw from N(0, I), whatever x₀ was. Steps are counted from 0 here, as Python counts them.

# %% tags=["export"]
import copy
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from tqdm.auto import tqdm

T = 1000  # steps of the forward process, t = 0 .. T-1


def schedule(T: int = T, beta_first: float = 1e-4, beta_last: float = 0.02):
    """The linear noise schedule of Ho et al. (2020): (betas, alphas, alpha_bars), each a tensor (T,).

    beta_t is the variance of the noise added at step t, alpha_t = 1 - beta_t what is kept of the
    signal's variance, and alpha_bar_t = alpha_0 * alpha_1 * ... * alpha_t what is left after t + 1 steps.
    """
    betas = torch.linspace(beta_first, beta_last, T, dtype=torch.float64)
    alphas = 1 - betas
    alpha_bars = torch.cumprod(alphas, 0)
    return betas.float(), alphas.float(), alpha_bars.float()


def add_noise(x0, t, eps, alpha_bars):
    """q(x_t | x_0) in closed form: x_t = sqrt(alpha_bar_t) x_0 + sqrt(1 - alpha_bar_t) eps, for rows x0 (n, d), steps t (n,)."""
    a = alpha_bars[t][:, None]
    return a.sqrt() * x0 + (1 - a).sqrt() * eps


# %%
betas, alphas, alpha_bars = schedule()
half_signal = int(np.argmax(alpha_bars.numpy() < 0.5))     # the first step with more noise than signal
fig, ax = plt.subplots(figsize=(7, 2.6))
ax.plot(alphas.numpy(), label="α_t = 1 − β_t: kept by one step")
ax.plot(alpha_bars.numpy(), label="ᾱ_t: kept from x₀ (signal variance)")
ax.plot(1 - alpha_bars.numpy(), label="1 − ᾱ_t: noise variance", ls="--")
ax.axvline(half_signal, color="gray", ls=":", lw=1)
ax.set(xlabel="step t", ylabel="variance share", title="the linear noise schedule, T = 1000")
ax.legend(fontsize=7)
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
for t in (0, 100, 250, 500, 999):
    print(f"t = {t:3d}: alpha_t = {alphas[t]:.4f}, alpha-bar_t = {alpha_bars[t]:.3g}, "
          f"signal scale sqrt(alpha-bar_t) = {alpha_bars[t].sqrt():.2f}, noise scale {(1 - alpha_bars[t]).sqrt():.2f}")
print(f"from step {half_signal} on, the noise's variance is larger than the signal's")

# %% [raw] tags=["deck"]
# ## Think first: what is left at step 999?
# - The spiral of points is gone: what do the points look like?
# - A blur of the spiral, a spiral of another size, or nothing of the spiral?
#
# Answer: nothing of it: x_t is essentially ε, a round normal cloud we can sample without knowing the data.

# %% [markdown]
# One step keeps nearly everything (α_t is never below 0.98), but the product of a thousand such
# factors does not: by step {{half_signal}} the noise already outweighs the signal, and at the last
# step only a variance share of {{float(alpha_bars[-1]):.1e}} of x₀ is left.
#
# ### Watching 2-D points drown
# Our first data set is 2-D: 2,000 points on a flattened swiss roll (notebook 01's manifold seen
# from above), scaled to mean 0 and variance 1 in each direction. Below, the same points pushed
# to four steps of the forward process with the closed form.
#
# **Think first.** At step 999 the spiral is gone. What do the points look like: a blur of the
# spiral, a spiral of a different size, or something that no longer depends on the spiral at all?
#
# <details><summary>Answer</summary>
#
# Something that no longer depends on it: with √ᾱ_t below 0.01, x₀ contributes almost nothing, and
# x_t is essentially ε, a round cloud of standard normal points. That is the point of the design:
# the end of the forward process is a distribution we can sample from without knowing the data.
#
# </details>

# %%
roll = make_swiss_roll(2000, noise=0.3, random_state=0)[0][:, [0, 2]]
roll = torch.tensor((roll - roll.mean(0)) / roll.std(0), dtype=torch.float32)   # (2000, 2), mean 0, variance 1
g = torch.Generator().manual_seed(1)
eps_roll = torch.randn(roll.shape, generator=g)
fig, axes = plt.subplots(1, 5, figsize=(12, 2.6), sharex=True, sharey=True)
for ax, t in zip(axes, (0, 50, 200, 500, 999)):
    xt = add_noise(roll, torch.full((len(roll),), t), eps_roll, alpha_bars)
    ax.scatter(xt[:, 0], xt[:, 1], s=1, c=np.arange(len(roll)) % 7, cmap="viridis")
    ax.set(title=f"t = {t}", xlim=(-3.5, 3.5), ylim=(-3.5, 3.5), aspect="equal")
    ax.set_xticks([]), ax.set_yticks([])
fig.suptitle("q(x_t | x₀): the same 2,000 points at five steps", fontsize=10)
fig.tight_layout()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Learning to denoise: the loss
# To run the process backwards we need, at every step, to know which way the noise pulls. Ho et
# al. (2020) showed that it is enough to train a network ε_θ(x_t, t) to **predict the noise** that
# was added. Training is plain regression:
#
# 1. take a data point x₀, draw a step t uniformly from 0 … T − 1 and a noise ε ~ N(0, I);
# 2. compute x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε with the closed form;
# 3. the loss is the mean squared error |ε − ε_θ(x_t, t)|².
#
# There is no sampling in training, no game and no encoder: just noisy points and the noise in
# them. The network gets t as 64 sinusoidal features (as a Transformer marks positions), so that
# the same weights can denoise a nearly clean point and a nearly pure-noise one.
#
# The network is a small multi-layer perceptron with **residual blocks**: each block adds a
# correction to its input, h + MLP(h), and the step (and, later, the label of a digit) enters every
# block. We use the same class for the 2-D points now and for the digit codes later; only the
# sizes change. One more ingredient matters in practice: the weights we sample with are an
# **exponential moving average** of the weights during training, which smooths out the noise of
# the last updates.

# %% tags=["export"]
def time_features(t, dim: int = 64):
    """Sinusoidal features of the step t, as a Transformer marks positions: (n,) -> (n, dim)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    angles = torch.as_tensor(t).float()[:, None] * freqs[None]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class ResidualBlock(nn.Module):
    """h + MLP(LayerNorm(h) + A c): the condition c (the step, and the label) enters every block."""

    def __init__(self, width: int):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.cond = nn.Linear(width, width)
        self.fc1 = nn.Linear(width, 2 * width)
        self.fc2 = nn.Linear(2 * width, width)
        nn.init.zeros_(self.fc2.weight)     # each block starts as the identity
        nn.init.zeros_(self.fc2.bias)

    def forward(self, h, c):
        return h + self.fc2(F.silu(self.fc1(self.norm(h) + self.cond(c))))


class Denoiser(nn.Module):
    """eps_theta(x_t, t, y): the noise in noisy points x_t (n, d) at steps t (n,), for labels y (n,).

    The label n_classes is the *null label*, "no class": the model learns it because training
    replaces a share of the labels by it, and it is all an unlabelled data set ever gets.
    """

    def __init__(self, d: int = 16, width: int = 256, blocks: int = 3, n_classes: int = 10, t_features: int = 64):
        super().__init__()
        self.null = n_classes
        self.t_features = t_features
        self.inp = nn.Linear(d, width)
        self.time = nn.Sequential(nn.Linear(t_features, width), nn.SiLU(), nn.Linear(width, width))
        self.label = nn.Embedding(n_classes + 1, width)
        self.blocks = nn.ModuleList(ResidualBlock(width) for _ in range(blocks))
        self.out = nn.Sequential(nn.LayerNorm(width), nn.SiLU(), nn.Linear(width, d))

    def forward(self, x, t, y=None):
        if y is None:
            y = torch.full((len(x),), self.null, dtype=torch.long)
        c = F.silu(self.time(time_features(t, self.t_features)) + self.label(y))
        h = self.inp(x)
        for block in self.blocks:
            h = block(h, c)
        return self.out(h)


def diffusion_loss(model, x0, t, eps, alpha_bars, y=None):
    """The DDPM loss: noise x0 to step t with eps in closed form; the mean squared error of the predicted noise."""
    xt = add_noise(x0, t, eps, alpha_bars)
    return F.mse_loss(model(xt, t, y), eps)


def train_denoiser(model, X, y=None, steps: int = 2000, batch: int = 256, lr: float = 1e-3, p_null: float = 0.2,
                   warmup: int = 200, lr_floor: float = 0.1, ema: float = 0.999, seed: int = 0, desc: str = "denoiser"):
    """Train model on the rows of X (n, d), with labels y (n,) or none; return (EMA copy of the model, loss per step).

    Each step draws a batch, a step t and noise eps for each row, and replaces a share p_null of the
    labels by the null label (classifier-free guidance). The learning rate warms up for `warmup`
    steps, then falls along a cosine to lr * lr_floor; the exponential moving average of the weights
    (decay `ema`) is what samples best.
    """
    g = torch.Generator().manual_seed(seed)
    alpha_bars = schedule()[2]
    X = torch.as_tensor(X, dtype=torch.float32)
    average = copy.deepcopy(model).eval().requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for step in tqdm(range(1, steps + 1), desc=desc, mininterval=1.0):
        fall = max(0, step - warmup) / max(1, steps - warmup)
        for group in opt.param_groups:
            group["lr"] = lr * min(1.0, step / warmup) * (lr_floor + (1 - lr_floor) * 0.5 * (1 + math.cos(math.pi * fall)))
        i = torch.randint(0, len(X), (batch,), generator=g)
        label = None
        if y is not None:
            label = torch.as_tensor(y, dtype=torch.long)[i].clone()
            label[torch.rand(batch, generator=g) < p_null] = model.null    # forget the label now and then
        t = torch.randint(0, T, (batch,), generator=g)
        eps = torch.randn(X[i].shape, generator=g)
        loss = diffusion_loss(model, X[i], t, eps, alpha_bars, label)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            decay = min(ema, (1 + step) / (10 + step))
            for pa, pm in zip(average.parameters(), model.parameters()):
                pa.mul_(decay).add_(pm, alpha=1 - decay)
        losses.append(loss.item())
    return average, losses


# %% [markdown]
# A small version learns the swiss roll: two residual blocks of width 64, 2,000 steps of batches
# of 256 points, in a few seconds. It has no labels to learn (we give it
# no classes at all; every point gets the "no label" label).

# %%
lh.seed_everything(0)
toy_model = Denoiser(d=2, width=64, blocks=2, n_classes=0)
toy_seconds = time.process_time()
toy_model, toy_losses = train_denoiser(toy_model, roll, steps=2000, desc="2-D denoiser")
toy_seconds = time.process_time() - toy_seconds
toy_weights = sum(p.numel() for p in toy_model.parameters())
print(f"{toy_weights:,} weights; processor time {toy_seconds:.1f} s")

# %% [markdown] slideshow={"slide_type": "slide"}
# ### Generating: running the process backwards
# A trained ε_θ gives, at any step, a guess of the clean point: solve the closed form for x₀,
#
# x̂₀ = (x_t − √(1 − ᾱ_t) ε_θ(x_t, t)) / √ᾱ_t.
#
# The original sampler of Ho et al. (DDPM) steps from t to t − 1 a thousand times, adding a little
# fresh noise at each step. **DDIM** (Song, Meng and Ermon, 2021) showed that the same trained
# network can take big strides and add no fresh noise at all: from x_t, go to a smaller noise
# level s by putting the guess x̂₀ back together with the *same* predicted noise,
#
# x_s = √ᾱ_s · x̂₀ + √(1 − ᾱ_s) · ε_θ(x_t, t).
#
# We visit 25 evenly spaced steps from 999 down to 0, and after the last one take ᾱ = 1: the guess
# itself. 25 calls of the network instead of 1,000, and, because nothing random happens after the
# start, **the same starting noise x_T always gives the same sample**: a map from noise to data, as
# a GAN's generator is (section 4 uses that).

# %% tags=["export"]
SAMPLE_STEPS = 25   # DDIM's model calls per sample
GUIDANCE = 1.0      # the guidance scale w this notebook samples with


def ddim_steps(steps: int = SAMPLE_STEPS, T: int = T) -> list:
    """The steps DDIM visits, from T - 1 down to 0, evenly spaced."""
    return [int(round(s)) for s in np.linspace(T - 1, 0, steps)]


def ddim_step(xt, eps, alpha_bar_t, alpha_bar_next):
    """One deterministic DDIM step (eta = 0): from x_t and its predicted noise to the next, less noisy x."""
    x0_guess = (xt - (1 - alpha_bar_t).sqrt() * eps) / alpha_bar_t.sqrt()
    return alpha_bar_next.sqrt() * x0_guess + (1 - alpha_bar_next).sqrt() * eps


def guided_eps(model, x, t, y=None, w: float = GUIDANCE):
    """The noise prediction to step with; with labels y, classifier-free guidance (1 + w) eps(x, y) - w eps(x, null)."""
    n = len(x)
    tt = torch.full((n,), int(t), dtype=torch.long)
    null = torch.full((n,), model.null, dtype=torch.long)
    if y is None:
        return model(x, tt, null)
    y = torch.as_tensor(y, dtype=torch.long).expand(n)
    if w == 0:
        return model(x, tt, y)
    cond, uncond = model(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([y, null])).chunk(2)
    return (1 + w) * cond - w * uncond


@torch.no_grad()
def ddim_sample(model, xT, y=None, w: float = GUIDANCE, steps: int = SAMPLE_STEPS, path: bool = False):
    """Run DDIM from noise xT (n, d) to clean points; y None: no label. path=True also returns, per step,
    (t, x_t, the guess of x_0)."""
    alpha_bars = schedule()[2]
    ts = ddim_steps(steps)
    x, visited = torch.as_tensor(xT, dtype=torch.float32), []
    for i, t in enumerate(ts):
        eps = guided_eps(model, x, t, y, w)
        a = alpha_bars[t]
        a_next = alpha_bars[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
        if path:
            visited.append((t, x.clone(), (x - (1 - a).sqrt() * eps) / a.sqrt()))
        x = ddim_step(x, eps, a, a_next)
    return (x, visited) if path else x


@torch.no_grad()
def ddim_invert(model, x0, y=None, w: float = 0.0, steps: int = 50):
    """DDIM backwards: from clean points x0 (n, d) up the same deterministic path to the noise that maps to them."""
    alpha_bars = schedule()[2]
    ts = ddim_steps(steps)[::-1]                  # 0 .. T-1
    x = torch.as_tensor(x0, dtype=torch.float32)
    here, a_here = ts[0], torch.tensor(1.0)
    for t in ts:
        eps = guided_eps(model, x, here, y, w)    # the noise predicted where we stand stands in for the next one's
        x = ddim_step(x, eps, a_here, alpha_bars[t])
        here, a_here = t, alpha_bars[t]
    return x


# %%
def nearest_distance(points, reference):
    """For each of points (n, 2), the distance to its nearest point of reference (m, 2)."""
    return torch.cdist(torch.as_tensor(points), torch.as_tensor(reference)).min(1).values.numpy()


toy_start = torch.randn(2000, 2, generator=torch.Generator().manual_seed(2))
toy_samples = ddim_sample(toy_model, toy_start)
fresh_roll = make_swiss_roll(2000, noise=0.3, random_state=1)[0][:, [0, 2]]
fresh_roll = torch.tensor((fresh_roll - fresh_roll.mean(0)) / fresh_roll.std(0), dtype=torch.float32)
toy_gap = float(np.median(nearest_distance(toy_samples, roll)))
fresh_gap = float(np.median(nearest_distance(fresh_roll, roll)))
noise_gap = float(np.median(nearest_distance(toy_start, roll)))

fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), sharex=True, sharey=True)
for ax, pts, title in zip(axes, (toy_start, toy_samples, roll),
                          ("start: 2,000 noise vectors", "after 25 DDIM steps", "the training points")):
    ax.scatter(pts[:, 0], pts[:, 1], s=1)
    ax.set(title=title, xlim=(-3.5, 3.5), ylim=(-3.5, 3.5), aspect="equal")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print("median distance to the nearest training point:")
print(f"  the starting noise {noise_gap:.2f}, the samples {toy_gap:.2f}, 2,000 fresh points of the roll {fresh_gap:.2f}")
print("the samples lie much nearer the roll than the noise they started from (less than half the distance):",
      toy_gap < noise_gap / 2)

# %% [markdown]
# Twenty-five steps of a network of {{toy_weights:,}} weights, trained for {{toy_seconds:.0f}} seconds of processor time, fold a round cloud of
# noise onto the spiral: the samples' median distance to the nearest training point is
# {{toy_gap:.2f}}, against {{noise_gap:.2f}} for the noise they started from and {{fresh_gap:.2f}} for fresh
# points of the same roll. They are not yet as tight as fresh data (a longer training run and more
# steps bring them closer), but the shape has appeared from noise, and nothing in the model was
# told what a spiral is.

# %% [raw] tags=["deck"]
# ## Latent diffusion
# - An autoencoder, trained once, turns digits into codes and back
# - The diffusion model learns the distribution of the codes
# - Generate: denoise a code, then decode it

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2 · Latent diffusion
# ### An autoencoder to diffuse in
# A digit is 784 pixels, but notebook 04 showed that a few numbers of an autoencoder's code carry
# what matters. Latent diffusion (Rombach et al., 2022) splits the work in two: an **autoencoder**,
# trained once, compresses pictures into codes and draws codes back as pictures; the **diffusion
# model** learns the distribution of the codes. To generate, diffuse in the code space, then decode.
#
# A diffusion model's samples can only be as sharp as the decoder that draws them: a blurry decoder
# turns even a perfect code into a blurry digit. Stable Diffusion's autoencoder is trained with
# perceptual and adversarial terms for that reason. Ours is simpler: a **convolutional** autoencoder
# with 16 numbers per code (04's recipe: binary cross-entropy, Adam, 30 epochs on the 4,000 training
# digits), against 04's MLP autoencoder with 32 numbers. Which draws sharper digits? We measure it
# with 06's digit scorer: reconstruct the 1,000 held-out digits and ask how often the scorer still
# reads the right label, how sure it is, and how far the reconstructions are, as a set, from the
# real digits (the Fréchet distance in the scorer's features, 06's section 2).

# %% tags=["export"]
K = 16  # numbers in a code of this notebook's autoencoder


class ConvAutoencoder(nn.Module):
    """28 x 28 pixels -> 32 x 14 x 14 -> 64 x 7 x 7 -> 256 -> K numbers, and back up the same way."""

    def __init__(self, k: int = K, width: int = 32, hidden: int = 256):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, width, 3, stride=2, padding=1), nn.ReLU(),              # 32 x 14 x 14
            nn.Conv2d(width, 2 * width, 3, stride=2, padding=1), nn.ReLU(),      # 64 x 7 x 7
            nn.Flatten(), nn.Linear(2 * width * 49, hidden), nn.ReLU(), nn.Linear(hidden, k))
        self.decoder = nn.Sequential(
            nn.Linear(k, hidden), nn.ReLU(), nn.Linear(hidden, 2 * width * 49), nn.ReLU(),
            nn.Unflatten(1, (2 * width, 7, 7)),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1), nn.ReLU(),   # 32 x 14 x 14
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1),                      # 1 x 28 x 28
            nn.Flatten(), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def bce_loss(model, batch):
    """Binary cross-entropy between a batch of digits (n, 784) and their reconstructions, summed over pixels."""
    x = batch[0]
    return F.binary_cross_entropy(model(x), x, reduction="sum") / len(x)


# %%
scorer = lh.DigitScorer.pretrained()
ae = ConvAutoencoder()
ae_state = lh.load_pretrained("ae10_conv_k16.pt")
ae.load_state_dict({k: v.float() for k, v in ae_state["model"].items()})
ae.eval()
nb04 = lh.taught("04_autoencoders")
ae04 = nb04.MLPAutoencoder(k=32)
ae04.load_state_dict({k: v.float() for k, v in lh.load_pretrained("ae04_mlp_k32.pt")["model"].items()})
ae04.eval()

X_test_t = torch.tensor(X_test.reshape(-1, 784))
with torch.no_grad():
    rebuilt = {"04's MLP, 32 numbers": ae04(X_test_t).reshape(-1, 28, 28).numpy(),
               "this conv AE, 16 numbers": ae(X_test_t).reshape(-1, 28, 28).numpy()}
ae_rows = {}
for name, pics in rebuilt.items():
    ae_rows[name] = {"kept": float(np.mean(scorer.predict(pics) == y_test)),
                     "top": scorer.report(pics).mean_top_probability,
                     "fd": scorer.frechet_distance(pics, X_test),
                     "mse": float(((pics - X_test) ** 2).mean())}
kept04, kept10 = ae_rows["04's MLP, 32 numbers"]["kept"], ae_rows["this conv AE, 16 numbers"]["kept"]
fd04, fd10 = ae_rows["04's MLP, 32 numbers"]["fd"], ae_rows["this conv AE, 16 numbers"]["fd"]
print(f"{'1,000 held-out digits rebuilt by':34}{'label kept':>11}{'mean top prob.':>16}{'Frechet dist.':>15}{'MSE':>8}")
for name, r in ae_rows.items():
    print(f"{name:34}{r['kept']:11.1%}{r['top']:16.3f}{r['fd']:15.1f}{r['mse']:8.4f}")

# %%
# NBVAL_CHECK_OUTPUT
print("the conv autoencoder's reconstructions are nearer real digits as a set (smaller Frechet distance):", fd10 < fd04)
print("  and the scorer keeps at least as many labels:", kept10 >= kept04 - 0.005)

# %% [markdown]
# With half as many numbers per code, the convolutional autoencoder draws digits the scorer reads
# at least as well ({{kept10:.1%}} of the labels kept, against {{kept04:.1%}}), and its reconstructions are
# much nearer real digits as a set: a Fréchet distance of {{fd10:.0f}} against {{fd04:.0f}}. The
# convolutions draw strokes (edges, local shapes) where the MLP paints a softer average, and that
# sharpness is inherited by everything we will generate: it sets a floor under the distance any
# sample can reach. Fewer numbers per code also make the diffusion model's job smaller.
#
# ### The diffusion model on the codes
# The codes of the 4,000 training digits are standardised per dimension (minus the mean, over the
# standard deviation, both stored with the model), so that each of the 16 numbers has variance 1
# like the noise; Stable Diffusion scales its latents for the same reason. The denoiser is the
# class above at full size: 3 residual blocks of width 256 (about a million weights), trained for
# 20,000 steps of batches of 256 codes by a script (minutes of one processor core: the loaded file
# records how many); it also learned the digit's label, which section 5 uses. We load it, and draw
# 1,000 digits: 1,000 noise vectors of 16 numbers, 25 DDIM steps, one decode.

# %%
state = lh.load_pretrained("ldm10_conv_k16.pt")
denoiser = Denoiser(d=K)
denoiser.load_state_dict({k: v.float() for k, v in state["model"].items()})
denoiser.eval()
code_mean, code_std = state["code_mean"].float(), state["code_std"].float()


def codes_to_pictures(z):
    """Standardised codes (n, 16) -> pictures (n, 28, 28) in [0, 1], through the autoencoder's decoder."""
    with torch.no_grad():
        return ae.decoder(torch.as_tensor(z, dtype=torch.float32) * code_std + code_mean).reshape(-1, 28, 28).numpy()


def generate(zT, y=None, w=GUIDANCE, steps=SAMPLE_STEPS):
    """Noise vectors zT (n, 16) -> digits (n, 28, 28): DDIM in the code space, then the decoder."""
    return codes_to_pictures(ddim_sample(denoiser, zT, y, w, steps))


z_uncond = torch.randn(1000, K, generator=torch.Generator().manual_seed(3))
start = time.perf_counter()
ldm_samples = generate(z_uncond)
ldm_ms = 1000 * (time.perf_counter() - start) / len(z_uncond)
ldm_report = scorer.report(ldm_samples)
print(f"{sum(p.numel() for p in denoiser.parameters()):,} weights; 1,000 samples in {ldm_ms * len(z_uncond) / 1000:.1f} s")
print(ldm_report)

fig, ax = plt.subplots(figsize=(9, 2.2))
lh.show_images(ldm_samples[:30], nrow=15, ax=ax, title="30 unconditional samples (25 DDIM steps in the code space)")
plt.show()

# %% [markdown]
# The samples are digits of all kinds, in the autoencoder's strokes: the scorer's mean top
# probability is {{ldm_report.mean_top_probability:.2f}}, and it reads {{ldm_report.classes_covered}} different digits
# among them, in nearly even shares (a class entropy of {{ldm_report.entropy_ratio:.0%}} of the largest possible).
# Section 6 sets them beside the VAE's and the GAN's. (Training this model took
# {{state['train_seconds']['cpu'] / 60:.0f}} minutes of one processor core, the autoencoder before it
# {{ae_state['train_seconds']['cpu'] / 60:.1f}}.)
#
# ### Why in a latent space? The cost, measured
# The same model could run on pixels, and the first diffusion models did. But a network that
# predicts the noise of a 28 × 28 picture must itself map pictures to pictures: the usual choice is
# a **U-Net**, convolutions down to a small grid and back up, with the step added to every block.
# Below is a small one (two levels, 32 and 64 channels), untrained: we do not need its answers, only
# how long one call takes, to compare with one call of our code-space denoiser on the same batch.
# A pixel-space model also needs many more training steps than a code-space one; here we time only
# what is certain, the cost per step.

# %%
import torch.nn as nn
import torch.nn.functional as F


class TinyUNet(nn.Module):
    """eps_theta(x_t, t) on 1 x 28 x 28 pictures: 32 channels at 28 x 28, 64 at 14 x 14 and 7 x 7, and back up."""

    def __init__(self, c=32):
        super().__init__()
        self.time = nn.Sequential(nn.Linear(64, 4 * c), nn.SiLU())
        self.inp = nn.Conv2d(1, c, 3, padding=1)
        self.down1, self.down2 = nn.Conv2d(c, 2 * c, 3, stride=2, padding=1), nn.Conv2d(2 * c, 2 * c, 3, stride=2, padding=1)
        self.mid = nn.Conv2d(2 * c, 2 * c, 3, padding=1)
        self.up2 = nn.ConvTranspose2d(4 * c, 2 * c, 4, stride=2, padding=1)
        self.up1 = nn.ConvTranspose2d(4 * c, c, 4, stride=2, padding=1)
        self.out = nn.Conv2d(2 * c, 1, 3, padding=1)
        self.t_scale = nn.ModuleList(nn.Linear(4 * c, n) for n in (c, 2 * c, 2 * c, 2 * c))

    def forward(self, x, t):
        e = self.time(time_features(t))
        add = lambda h, i: h + self.t_scale[i](e)[:, :, None, None]
        h0 = F.silu(add(self.inp(x), 0))                          # 28 x 28
        h1 = F.silu(add(self.down1(h0), 1))                       # 14 x 14
        h2 = F.silu(add(self.down2(h1), 2))                       # 7 x 7
        h = F.silu(add(self.mid(h2), 3))
        h = F.silu(self.up2(torch.cat([h, h2], 1)))               # 14 x 14
        h = F.silu(self.up1(torch.cat([h, h1], 1)))               # 28 x 28
        return self.out(torch.cat([h, h0], 1))


def seconds_per_call(fn, repeats=5):
    """The median processor time of fn() over `repeats` calls, after one call to warm up."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return float(np.median(times))


unet = TinyUNet().eval()
batch_pixels = torch.randn(50, 1, 28, 28)
batch_codes = torch.randn(50, K)
t_batch = torch.full((50,), 500)
with torch.no_grad():
    pixel_call = seconds_per_call(lambda: unet(batch_pixels, t_batch))
    latent_call = seconds_per_call(lambda: denoiser(batch_codes, t_batch))
unet_opt = torch.optim.Adam(unet.parameters())


def unet_train_step():
    loss = F.mse_loss(unet(batch_pixels, t_batch), batch_pixels)
    unet_opt.zero_grad()
    loss.backward()
    unet_opt.step()


den_copy = Denoiser(d=K)
den_opt = torch.optim.Adam(den_copy.parameters())


def latent_train_step():
    loss = F.mse_loss(den_copy(batch_codes, t_batch), batch_codes)
    den_opt.zero_grad()
    loss.backward()
    den_opt.step()


pixel_step, latent_step = seconds_per_call(unet_train_step), seconds_per_call(latent_train_step)
call_ratio, step_ratio = pixel_call / latent_call, pixel_step / latent_step
unet_weights = sum(p.numel() for p in unet.parameters())
del unet_opt, den_copy, den_opt                                    # only the timings are kept
print(f"weights: pixel U-Net {sum(p.numel() for p in unet.parameters()):,}, code-space denoiser "
      f"{sum(p.numel() for p in denoiser.parameters()):,}")
print(f"one call on 50 inputs:       pixels {1000 * pixel_call:6.1f} ms, codes {1000 * latent_call:5.2f} ms "
      f"({call_ratio:.0f} times)")
print(f"one training step, batch 50:  pixels {1000 * pixel_step:6.1f} ms, codes {1000 * latent_step:5.2f} ms "
      f"({step_ratio:.0f} times)")

# %%
# NBVAL_CHECK_OUTPUT
print("a call of the pixel U-Net costs more than 5 times a call of the code-space denoiser:", call_ratio > 5)
print("so does a training step:", step_ratio > 5)

# %% [markdown]
# The pixel U-Net has {{sum(p.numel() for p in unet.parameters()) / sum(p.numel() for p in denoiser.parameters()):.0%}} as many weights as
# our denoiser, yet one call costs about {{call_ratio:.0f}} times as much processor time, and a training step
# about {{step_ratio:.0f}} times (the ratios move with the processor and its load; the order of magnitude
# does not): a convolution touches every one of 784 pixels, in every channel, while the code-space
# network works on 16 numbers. At that price, 20,000 training steps of batches of 50 would take
# about {{20000 * pixel_step / 60:.0f}} minutes of processor time in pixels against {{20000 * latent_step / 60:.1f}} in codes, for a
# pixel model far too small to draw good digits, and every sample would cost as many times more. That is
# the bargain of latent diffusion: pay once for an autoencoder, then do the expensive, many-step
# part where the data is small. (The price is the one of the last section: the decoder sets how
# sharp any sample can be.)

# %% [raw] tags=["deck"]
# ## Think first: a slider through time
# - At the first step x_t is pure noise: 16 numbers from N(0, I)
# - What will the decoder draw from it?
# - Which shows the final digit first: the decoded x_t or the guess x̂₀?
#
# Answer: a digit, not a blot, but not the final one; the guess x̂₀ settles on the final digit long before x_t does.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3 · A slider through time
# One sample, followed from noise to digit. At each of the 25 DDIM steps we keep two codes: x_t,
# where the sampler stands, and x̂₀, the model's current guess of where it will end. Both can be
# decoded into pictures, and the scorer can say which digit it reads in each and how sure it is of
# the digit the sample finally becomes. The slider moves through the steps.
#
# **Think first.** At the first step, x_t is pure noise: 16 numbers drawn from N(0, I). What will
# the decoder draw from it? And which will show the final digit first as the steps go by, the
# decoded x_t or the decoded guess x̂₀?
#
# <details><summary>Answer</summary>
#
# The decoder draws a digit, not a blot: in this latent space noise of the right scale looks like a
# code (the codes were standardised to variance 1), and the decoder turns any code into some
# digit. But it is not the final digit: x_t stays mostly noise until the last steps, so its picture
# changes identity late. The guess x̂₀ removes all the predicted noise at once; it wanders between
# digits in the first steps (at step 1 it divides by √ᾱ ≈ 0.006, a wild extrapolation) and then
# commits to the final digit many steps before x_t does.
#
# </details>

# %%
z_one = torch.randn(1, K, generator=torch.Generator().manual_seed(2))
_, one_path = ddim_sample(denoiser, z_one, path=True)
path_steps = [t for t, _, _ in one_path]
path_xt = codes_to_pictures(torch.cat([x for _, x, _ in one_path]))           # (25, 28, 28): x_t decoded
path_guess = codes_to_pictures(torch.cat([g for _, _, g in one_path]))        # (25, 28, 28): the guess of x_0 decoded
path_final = generate(z_one)[0]
final_digit = int(scorer.predict(path_final[None])[0])
p_final_xt = scorer.probabilities(path_xt)[:, final_digit]                    # the scorer's probability of it
p_final_guess = scorer.probabilities(path_guess)[:, final_digit]


def settles(pictures):
    """The first step from which the scorer reads the final digit in every later picture."""
    reads = scorer.predict(pictures) == final_digit
    i = len(reads)
    while i > 0 and reads[i - 1]:
        i -= 1
    return i


guess_from, xt_from = settles(path_guess), settles(path_xt)
xt_top = float(scorer.probabilities(path_xt).max(1).mean())
print(f"the final digit: {final_digit}; the scorer reads it in the guess from step {guess_from + 1}, "
      f"in the decoded x_t from step {xt_from + 1} (of 25)")
print("digits the scorer reads, step by step: x_t", "".join(map(str, scorer.predict(path_xt))),
      " guess", "".join(map(str, scorer.predict(path_guess))))


def draw_time(fig, i):
    """The pictures of x_t and of the guess of x_0 at DDIM step i (of 25), and the scorer's probability of the final digit."""
    if not fig.axes:
        axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1, 1.6]})
        for ax, title in zip(axes[:2], ("x_t, decoded", "the guess of x₀, decoded")):
            ax.imshow(path_xt[0], cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(title, fontsize=9)
            ax.set_xticks([]), ax.set_yticks([])
        steps = np.arange(1, len(path_steps) + 1)
        axes[2].plot(steps, p_final_xt, "o-", ms=3, label="x_t")
        axes[2].plot(steps, p_final_guess, "s-", ms=3, label="guess of x₀")
        axes[2].set(xlabel="DDIM step", ylim=(-0.05, 1.05))
        axes[2].set_title(f"scorer's probability of the final {final_digit}", fontsize=9)
        axes[2].legend(fontsize=7)
        axes[2].axvline(1, color="red", lw=1)
        fig.tight_layout()
    ax_xt, ax_guess, ax_curve = fig.axes
    ax_xt.images[0].set_data(path_xt[i])
    ax_guess.images[0].set_data(path_guess[i])
    ax_curve.lines[-1].set_xdata([i + 1, i + 1])
    fig.suptitle(f"step {i + 1} of {len(path_steps)}: t = {path_steps[i]}, signal scale √ᾱ_t = "
                 f"{alpha_bars[path_steps[i]].sqrt():.2f}", fontsize=9)


time_slider = lh.LivePlot(draw_time, {"i": W.IntSlider(value=0, min=0, max=len(path_steps) - 1,
                                                         description="DDIM step")},
                          figsize=(8, 2.8), persistent=True, title="one sample, from noise to digit")
time_slider

# %%
fig, ax = plt.subplots(figsize=(10, 1.9))
shown = [0, 4, 8, 12, 16, 20, 24]
lh.show_images(np.concatenate([path_xt[shown], path_guess[shown]]), nrow=len(shown), ax=ax,
               row_labels=["x_t", "guess of x₀"], title="steps " + ", ".join(str(i + 1) for i in shown))
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print("the guess settles on the final digit at least 5 steps before the decoded x_t does:", guess_from + 5 <= xt_from)
print("the decoded x_t look like digits to the scorer (mean top probability above 0.7):", xt_top > 0.7)

# %% [raw] tags=["deck"]
# ## The noise as a latent space
# - Coarse decisions come first, details last
# - DDIM maps noise to a digit deterministically: walk the noise with slerp
# - DDIM inversion finds the noise of a real digit

# %% [markdown]
# Every decoded x_t looks like a digit (the scorer's mean top probability over the 25 pictures is
# {{xt_top:.2f}}), but for most of the way not the final one: the scorer reads the final {{final_digit}} in
# x_t only from step {{xt_from + 1}} of 25. The guess x̂₀ wanders in the first, noisiest steps, then
# settles on the {{final_digit}} from step {{guess_from + 1}}: the model decides *what* to draw early, while
# x_t is still mostly noise, and the remaining steps bring x_t to it. In a latent space the noisy
# states are themselves codes the decoder can draw, which a pixel-space diffusion model does not
# offer (its x_t is a picture covered in static).
# ## 4 · The noise as a latent space
# DDIM adds no noise after the start, so it is a function: a noise vector x_T of 16 numbers goes
# in, one digit comes out, always the same one. That makes the starting noise a **latent space**,
# like the GAN's in notebook 06. We check that the map is deterministic, then walk between two
# noise vectors as 06 did, along a great circle (**slerp**, notebook 03): noise vectors of N(0, I)
# live near a sphere of radius about √16 = 4, and a straight line between two of them cuts through
# the middle, where no noise vector ever lands.

# %%
z_a, z_b = torch.randn(2, K, generator=torch.Generator().manual_seed(21))
same_twice = float(np.abs(generate(z_a[None]) - generate(z_a[None])).max())
walk_t = np.linspace(0, 1, 11)
walk = torch.tensor(np.stack([lh.slerp(z_a.numpy(), z_b.numpy(), t) for t in walk_t]), dtype=torch.float32)
walk_lerp = torch.stack([(1 - t) * z_a + t * z_b for t in walk_t.tolist()])
walk_pictures = generate(walk)
walk_lerp_pictures = generate(walk_lerp)
lerp_mid_norm, slerp_mid_norm = float(walk_lerp[5].norm()), float(walk[5].norm())
print(f"the same noise twice: largest pixel difference {same_twice}")
print(f"lengths of the noise vectors: ends {z_a.norm():.2f} and {z_b.norm():.2f}; "
      f"midpoint by lerp {lerp_mid_norm:.2f}, by slerp {slerp_mid_norm:.2f}")

fig, ax = plt.subplots(figsize=(10, 2.0))
lh.show_images(np.concatenate([walk_pictures, walk_lerp_pictures]), nrow=11, ax=ax, row_labels=["slerp", "lerp"],
               title="from one noise vector to another (t = 0, 0.1, ..., 1)")
plt.show()


# %%
def draw_walk(fig, t):
    """The digit DDIM draws from the noise slerp(z_a, z_b, t)."""
    picture = generate(torch.tensor(lh.slerp(z_a.numpy(), z_b.numpy(), t), dtype=torch.float32)[None])[0]
    if not fig.axes:
        ax = fig.add_subplot()
        ax.imshow(picture, cmap="gray_r", vmin=0, vmax=1)
        ax.set_xticks([]), ax.set_yticks([])
    fig.axes[0].images[0].set_data(picture)
    fig.axes[0].set_title(f"slerp(z_a, z_b, {t:.2f}), scorer reads {scorer.predict(picture[None])[0]}", fontsize=9)


walk_slider = lh.LivePlot(draw_walk, {"t": W.FloatSlider(value=0.0, min=0.0, max=1.0, step=0.05, description="t")},
                          figsize=(2.8, 3.0), persistent=True, title="walk the noise space")
walk_slider

# %%
# NBVAL_CHECK_OUTPUT
print("the same noise gives the same digit:", same_twice == 0.0)
shorter_end = float(min(z_a.norm(), z_b.norm()))
print("the lerp midpoint is shorter than the ends, the slerp midpoint is not:",
      lerp_mid_norm < 0.85 * shorter_end, slerp_mid_norm > 0.95 * shorter_end)

# %% [markdown]
# Along the great circle the digit changes smoothly, one digit turning into another through shapes
# that still look like digits. The straight line's midpoint is only {{lerp_mid_norm:.1f}} long, against
# {{slerp_mid_norm:.1f}} for slerp: lerp asks the model to denoise a vector of a length that pure noise
# almost never has, a place the model was not trained for.
#
# ### DDIM inversion: from a real digit back to its noise
# A GAN has no encoder, so notebook 06 *searched* for the noise of a real digit with hundreds of
# gradient steps. DDIM can simply be run backwards: from the code of a real digit, step up the
# noise levels with the model's predicted noise, x_s → x_t for s < t, using the same formula
# (`ddim_invert` above). The end is a noise vector; sampling from it should give the digit back.
# It is only approximately the inverse (each backward step uses the noise predicted where it
# stands, not where it arrives), so we measure it as 06 measured GAN inversion: the pixel error of
# the round trip on 100 held-out digits, and how often the scorer still reads their label,
# against the autoencoder alone (which bounds anything we do in its codes).

# %%
X_inv, y_inv = X_test[:100], y_test[:100]
with torch.no_grad():
    codes_inv = (ae.encoder(torch.tensor(X_inv.reshape(-1, 784))) - code_mean) / code_std
start = time.process_time()
noise_inv = ddim_invert(denoiser, codes_inv, steps=50)
round_trip = codes_to_pictures(ddim_sample(denoiser, noise_inv, steps=50))
inversion_seconds = time.process_time() - start
ae_only = codes_to_pictures(codes_inv)
inversion_mse = float(((round_trip - X_inv) ** 2).mean())
ae_only_mse = float(((ae_only - X_inv) ** 2).mean())
inversion_kept = float(np.mean(scorer.predict(round_trip) == y_inv))
ae_only_kept = float(np.mean(scorer.predict(ae_only) == y_inv))
noise_inv_std = float(noise_inv.std())
print(f"round trip of 100 held-out digits (50 steps up, 50 down): pixel MSE {inversion_mse:.4f}, label kept "
      f"{inversion_kept:.0%}; processor time {inversion_seconds:.1f} s")
print(f"the autoencoder alone:                                    pixel MSE {ae_only_mse:.4f}, label kept {ae_only_kept:.0%}")
print(f"the inverted noise: standard deviation {noise_inv_std:.2f} (pure noise: 1)")

fig, ax = plt.subplots(figsize=(9, 2.0))
lh.show_images(np.concatenate([X_inv[:12], ae_only[:12], round_trip[:12]]), nrow=12, ax=ax,
               row_labels=["held-out", "AE alone", "inverted"], title="DDIM inversion: digit -> noise -> digit")
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
print("the round trip's pixel error is within 25% of the autoencoder's own:", inversion_mse < 1.25 * ae_only_mse)
print("the scorer reads the right label on at least 85 of the 100 round trips:", inversion_kept >= 0.85)

# %% [markdown]
# The round trip through the noise loses almost nothing beyond what the autoencoder itself loses:
# a pixel error of {{inversion_mse:.4f}} against {{ae_only_mse:.4f}} for the autoencoder alone, and the label kept
# for {{inversion_kept:.0%}} of the digits ({{ae_only_kept:.0%}} for the autoencoder alone), in
# {{inversion_seconds:.1f}} seconds of processor time for all 100. And the inverted vectors look like noise
# (a standard deviation of {{noise_inv_std:.2f}}), so they are places in the noise space like any other:
# they can be slerped, or, as section 5 does with labels, sampled with guidance. That is how
# diffusion-based image editors start from a real photograph.

# %% [raw] tags=["deck"]
# ## Think first: guidance
# - Classifier-free guidance with a scale w, asking for a 4
# - Turn w up from 0 to 5: how sure is the scorer that they are 4s?
# - And how different are the 4s from one another?
#
# Answer: surer, and more alike: guidance trades variety for fidelity.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5 · Guidance: asking for a digit
# The denoiser was trained with the label of each digit, ε_θ(x_t, t, y), except that one time in
# five the label was replaced by a **null label**, "no class". So one network knows two things:
# the noise of a code of digit y, and the noise of a code of any digit. **Classifier-free
# guidance** (Ho and Salimans, 2021) steps with an exaggerated mixture of the two,
#
# ε̃ = (1 + w) · ε_θ(x_t, t, y) − w · ε_θ(x_t, t, null),
#
# where w ≥ 0 is the **guidance scale**. With w = 0 it is the conditional model as trained. With
# w > 0 the sampler is pushed *further* in the direction in which "digit y" differs from "any
# digit": towards codes that are unmistakably y. It costs two calls of the network per step (both
# in one batch), and no classifier.
#
# **Think first.** Turn w up from 0 to 5 for the digit 4. What happens to how sure the scorer is
# that the samples are 4s? And to how different the 4s are from one another?
#
# <details><summary>Answer</summary>
#
# The scorer gets surer: the samples move to the most typical 4s. And they become more alike: the
# unusual 4s (open tops, long tails) are the ones guidance pushes away from. Guidance trades
# variety for fidelity, which is why image generators expose it as a setting.
#
# </details>

# %%
guide_noise = torch.randn(8, K, generator=torch.Generator().manual_seed(5))


def draw_guided(fig, digit, w):
    """8 samples of `digit` with guidance scale w, from 8 fixed noise vectors, with the scorer's verdicts."""
    pictures = generate(guide_noise, y=digit, w=w)
    probs = scorer.probabilities(pictures)
    if not fig.axes:
        axes = fig.subplots(1, 8)
        for ax, p in zip(axes, pictures):
            ax.imshow(p, cmap="gray_r", vmin=0, vmax=1)
            ax.set_xticks([]), ax.set_yticks([])
    for ax, p, pr in zip(fig.axes, pictures, probs):
        ax.images[0].set_data(p)
        ax.set_title(f"{pr.argmax()} ({pr.max():.2f})", fontsize=8, color="black" if pr.argmax() == digit else "red")
    fig.suptitle(f"asked for {digit}, guidance scale w = {w:.1f}: the scorer's digit (top probability)", fontsize=9)


guidance_slider = lh.LivePlot(
    draw_guided, {"digit": W.Dropdown(options=list(range(10)), value=4, description="digit"),
                  "w": W.FloatSlider(value=GUIDANCE, min=0.0, max=5.0, step=0.5, description="guidance w")},
    figsize=(8, 1.6), persistent=True, title="classifier-free guidance")
guidance_slider

# %% [markdown]
# ### The trade-off, measured
# For each guidance scale w in 0, 0.5, 1, 2, 3, 5 we draw 100 samples of each digit (the same
# 1,000 noise vectors every time) and measure:
# - **agreement**: how often the scorer reads the digit that was asked for (overall, and for the
#   worst digit);
# - **confidence**: the scorer's mean probability of the digit asked for;
# - **variety within a digit**: 06's measure, the mean distance between two samples of the same
#   digit in the scorer's 64 features (0 if all look alike);
# - the Fréchet distance of all 1,000 to the held-out digits.

# %%
def variety(features):
    """Mean distance between two pictures of a set (pairs 0-1, 2-3, ...), given their 64 scorer features."""
    return float(np.linalg.norm(features[0::2] - features[1::2], axis=1).mean())


scales = [0.0, 0.5, 1.0, 2.0, 3.0, 5.0]
asked = torch.arange(10).repeat_interleave(100)                    # 100 of each digit
z_guided = torch.randn(1000, K, generator=torch.Generator().manual_seed(4))
test_features = scorer.features(X_test)                            # the held-out digits, measured once
sweep, guided_samples = {}, {}
for w in scales:
    pictures = generate(z_guided, y=asked, w=w)
    probs, features = scorer.probabilities(pictures), scorer.features(pictures)
    per_digit = np.array([np.mean(probs[asked == d].argmax(1) == d) for d in range(10)])
    sweep[w] = {"agree": float(np.mean(probs.argmax(1) == asked.numpy())), "worst": float(per_digit.min()),
                "worst_digit": int(per_digit.argmin()),
                "confidence": float(probs[np.arange(1000), asked.numpy()].mean()),
                "variety": float(np.mean([variety(features[asked == d]) for d in range(10)])),
                "fd": lh.frechet_distance(features, test_features)}
    guided_samples[w] = pictures
real_variety = float(np.mean([variety(test_features[y_test == d][:100]) for d in range(10)]))
print(f"{'w':>4}{'agreement':>11}{'worst digit':>13}{'confidence':>12}{'variety':>9}{'Frechet':>9}")
for w, r in sweep.items():
    print(f"{w:4.1f}{r['agree']:11.1%}{r['worst']:9.0%} ({r['worst_digit']}){r['confidence']:12.3f}"
          f"{r['variety']:9.1f}{r['fd']:9.1f}")
print(f"(real held-out digits, variety within a digit: {real_variety:.1f})")

fig, axes = plt.subplots(1, 3, figsize=(11, 2.6))
axes[0].plot(scales, [sweep[w]["agree"] for w in scales], "o-", label="all digits")
axes[0].plot(scales, [sweep[w]["worst"] for w in scales], "s--", label="worst digit")
axes[0].axhline(0.95, color="gray", ls=":", lw=1)
axes[0].set(title="agreement with the digit asked for", xlabel="guidance scale w")
axes[0].legend(fontsize=7)
axes[1].plot(scales, [sweep[w]["variety"] for w in scales], "o-")
axes[1].axhline(real_variety, color="gray", ls=":", lw=1, label="real digits")
axes[1].set(title="variety within a digit", xlabel="guidance scale w")
axes[1].legend(fontsize=7)
axes[2].plot(scales, [sweep[w]["fd"] for w in scales], "o-")
axes[2].set(title="Fréchet distance to held-out digits", xlabel="guidance scale w")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
chosen = sweep[GUIDANCE]
print(f"at the notebook's scale w = {GUIDANCE}: the scorer agrees with at least 95% of the samples of every digit:",
      chosen["worst"] >= 0.95)
print("from w = 0 to w = 3: agreement and confidence rise, variety within a digit falls:",
      sweep[3.0]["agree"] > sweep[0.0]["agree"], sweep[3.0]["confidence"] > sweep[0.0]["confidence"],
      sweep[3.0]["variety"] < sweep[0.0]["variety"])

# %% [markdown]
# Without guidance (w = 0) the conditional model already draws the digit it is asked for
# {{sweep[0.0]['agree']:.0%}} of the time, but its worst digit, the {{sweep[0.0]['worst_digit']}}, only {{sweep[0.0]['worst']:.0%}}
# of the time. At w = {{GUIDANCE:.0f}}, the scale this notebook uses, the scorer agrees with
# {{chosen['agree']:.1%}} of the samples and with at least {{chosen['worst']:.0%}} of every digit's, and its confidence
# in the digit asked for rises from {{sweep[0.0]['confidence']:.3f}} to {{chosen['confidence']:.3f}}. The price is
# variety: the mean distance between two samples of a digit falls from {{sweep[0.0]['variety']:.1f}} at
# w = 0 to {{sweep[3.0]['variety']:.1f}} at w = 3 (real digits: {{real_variety:.1f}}), and the Fréchet distance of
# the whole set, which rewards the right variety as well as the right shapes, is smallest at w = 0
# and grows with w ({{sweep[0.0]['fd']:.0f}} at w = 0, {{sweep[5.0]['fd']:.0f}} at w = 5). Past
# w of about 1 there is little agreement left to win, and the variety lost does not come back:
# guidance is a dial between a faithful picture of the data and a collection of perfect examples.

# %% [raw] tags=["deck"]
# ## Three generators, one yardstick
# - Latent diffusion, 06's GAN and 05's VAE, judged by the same scorer
# - Latent diffusion comes first, at the cost of many network calls per sample

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6 · Three generators, one yardstick
# Notebook 06 measured the VAE of 05 and the GAN of 06 with the digit scorer. We add latent
# diffusion's 1,000 unconditional samples (section 2; no label asked, so no guidance) and measure
# all three the same way: the mean top probability, how many digits appear and how evenly (the
# class entropy as a share of ln 10), the Fréchet distance to the held-out digits in the scorer's
# features, and the time to draw one sample on this computer. The VAE and the GAN are sampled as
# 06 samples them (the same seeded noise).

# %%
nb05 = lh.taught("05_variational_autoencoders")
vae = nb05.VAE(20)
vae.load_state_dict({k: v.float() for k, v in lh.load_pretrained("vae05_k20.pt")["model"].items()})
vae.eval()
nb06 = lh.taught("06_gans")
G = nb06.Generator()
G.load_state_dict({k: v.float() for k, v in lh.load_pretrained("gan06_dcgan.pt")["generator"].items()})
G.eval()

g = torch.Generator().manual_seed(3)
z_gan, z_vae = torch.randn(1000, nb06.Z_DIM, generator=g), torch.randn(1000, 20, generator=g)
with torch.no_grad():
    start = time.perf_counter()
    gan_samples = nb06.to_pixels(G(z_gan))
    gan_ms = 1000 * (time.perf_counter() - start) / 1000
    start = time.perf_counter()
    vae_samples = vae.decode(z_vae).reshape(-1, 28, 28).numpy()
    vae_ms = 1000 * (time.perf_counter() - start) / 1000
binary = lambda X: nb05.binarise(X).reshape(-1, 28, 28)          # 05's VAE learned black-and-white digits
generators = {"VAE (05)": (vae_samples, vae_ms), "GAN (06)": (gan_samples, gan_ms),
              "latent diffusion (10)": (ldm_samples, ldm_ms)}
table = {}
for name, (pictures, ms) in generators.items():
    r = scorer.report(pictures)
    fd = scorer.frechet_distance(pictures, X_test)
    if name.startswith("VAE"):                                       # as 06 does: the better of grey and binarised
        fd = min(fd, scorer.frechet_distance(pictures, binary(X_test)))
    table[name] = {"top": r.mean_top_probability, "covered": r.classes_covered, "entropy": r.entropy_ratio,
                   "fd": fd, "ms": ms}
fd_floor = scorer.frechet_distance(X_train[:1000], X_test)
print(f"{'1,000 samples of':24}{'mean top prob.':>15}{'digits seen':>12}{'class entropy':>14}{'Frechet':>9}{'ms/sample':>11}")
for name, r in table.items():
    print(f"{name:24}{r['top']:15.3f}{r['covered']:12d}{r['entropy']:14.1%}{r['fd']:9.1f}{r['ms']:11.3f}")
print(f"{'(1,000 real digits)':24}{scorer.report(X_test).mean_top_probability:15.3f}{'':12}{'':14}{fd_floor:9.1f}")

fig, axes = plt.subplots(3, 1, figsize=(9, 3.6))
for ax, (name, (pictures, _)) in zip(axes, generators.items()):
    lh.show_images(pictures[:15], nrow=15, ax=ax, row_labels=[name.split(" (")[0]])
fig.suptitle("15 samples of each generator", fontsize=10)
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
vae_row, gan_row, ldm_row = table["VAE (05)"], table["GAN (06)"], table["latent diffusion (10)"]
print("latent diffusion's samples: the scorer is at least as sure of them as of the GAN's:", ldm_row["top"] >= gan_row["top"])
print("  nearer real digits than the GAN's (Frechet distance):", ldm_row["fd"] < gan_row["fd"])
print("  all ten digits appear, for all three generators:", all(r["covered"] == 10 for r in table.values()))
print("  and one sample costs more than one of the GAN's:", ldm_row["ms"] > gan_row["ms"])

# %% [raw] tags=["deck"]
# ## Summary
# - Diffusion: noise in by a fixed process, out by a network trained to predict it
# - In an autoencoder's codes each step is cheap, and the decoder draws
# - Guidance trades variety for fidelity

# %% [markdown]
# On every measure of quality, latent diffusion comes first: the scorer's mean top probability is
# {{ldm_row['top']:.2f}} (GAN {{gan_row['top']:.2f}}, VAE {{vae_row['top']:.2f}}), its class shares are the most even
# ({{ldm_row['entropy']:.1%}} of ln 10), and its Fréchet distance to the held-out digits is
# {{ldm_row['fd']:.0f}}, against {{gan_row['fd']:.0f}} for the GAN and {{vae_row['fd']:.0f}} for the VAE (two sets of real
# digits: {{fd_floor:.0f}}). The price is time: {{ldm_ms:.2f}} ms per sample against {{gan_ms:.3f}} for the GAN, since
# a sample needs 25 calls of the denoiser and the GAN's one call of its generator (both tiny here;
# the times are this computer's and move with its load). Three things explain the ranking: the
# diffusion model is trained by plain regression on a fixed target, with none of the GAN's
# instability; it covers all the data by construction (every training code is noised and
# learned, nothing rewards dropping a mode); and it works in the codes of a sharp decoder, so it
# never has to paint pixels at all.
#
# ## Summary
# - The forward process buries data in Gaussian noise over T steps; in closed form,
#   x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, with ᾱ_t the product of the α_s = 1 − β_s.
# - A diffusion model is a network trained by regression to predict the added noise from x_t and t.
#   DDIM turns it into a deterministic map from noise to data in a few dozen steps.
# - Latent diffusion runs the process on an autoencoder's codes: each step is many times cheaper
#   than on pixels, and the samples are as sharp as the decoder allows.
# - Sliding through the steps shows the coarse decisions made first, the details last; the noise is
#   a latent space that can be walked with slerp, and DDIM inversion finds the noise of a real digit.
# - Classifier-free guidance mixes a conditional and an unconditional prediction: agreement and
#   confidence rise with the scale, variety falls.
# - On one yardstick, latent diffusion's samples beat the GAN's and the VAE's, at the cost of many
#   network calls per sample.
#
# ## Exercises
# **Exercise 1.** The closed form from a schedule. Write `noise_step(x0, eps, t, betas)`: given the
# per-step variances `betas` (a tensor of T numbers, any schedule, not necessarily this notebook's),
# return x_t for clean points `x0` and noise `eps` (tensors of the same shape), with steps counted
# from 0 as above. The check tries it on two schedules of its own.

# %% [raw] tags=["deck"]
# ## Exercise 1 · the closed form from a schedule
# - `noise_step(x0, eps, t, betas)`: x_t from x₀ and ε in one step

# %%
def noise_step(x0, eps, t, betas):
    return None  # your code here

from latent_helpers.exercises import check_noise_step
check_noise_step(noise_step)


# %% tags=["solution"]
def noise_step(x0, eps, t, betas):
    alpha_bar = torch.cumprod(1 - betas, 0)[t]          # (1 - beta_0) ... (1 - beta_t)
    return alpha_bar.sqrt() * x0 + (1 - alpha_bar).sqrt() * eps

assert check_noise_step(noise_step)


# %% [raw] tags=["deck"]
# ## Exercise 2 · the training loss
# - `loss(model, x0, t, eps, alpha_bars)`: noise each row, predict the noise, mean squared error

# %% [markdown]
# **Exercise 2.** The training loss. Write `loss(model, x0, t, eps, alpha_bars)`: noise each row of
# `x0` (n, d) to its own step `t[i]` with the noise `eps`, ask `model(x_t, t)` for the noise, and
# return the mean squared error. The check uses a small model of its own on 3-D points. Then use
# your loss to compare the trained 2-D model of section 1 with an untrained one, on the same noisy
# points.

# %%
def loss(model, x0, t, eps, alpha_bars):
    return None  # your code here

from latent_helpers.exercises import check_diffusion_loss
check_diffusion_loss(loss)


# %% tags=["solution"]
def loss(model, x0, t, eps, alpha_bars):
    a = alpha_bars[t][:, None]                           # one alpha-bar per row, as a column
    xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
    return ((model(xt, t) - eps) ** 2).mean()

assert check_diffusion_loss(loss)
g = torch.Generator().manual_seed(8)
t_check, eps_check = torch.randint(0, T, (len(roll),), generator=g), torch.randn(roll.shape, generator=g)
with torch.no_grad():
    print(f"loss of the trained 2-D model {loss(toy_model, roll, t_check, eps_check, alpha_bars):.3f}, "
          f"of an untrained one {loss(Denoiser(d=2, width=64, blocks=2, n_classes=0), roll, t_check, eps_check, alpha_bars):.3f}")


# %% [raw] tags=["deck"]
# ## Exercise 3 · a DDIM step from a prediction of x₀
# - The network predicts the clean point, not the noise
# - `step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next)`: which noise is in x_t? Then one step

# %% [markdown]
# **Exercise 3.** A DDIM step for a network that predicts x₀. Our denoiser predicts the noise, but a
# diffusion model can just as well be trained to predict the clean point itself, and its sampler is
# still DDIM. Write `step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next)`: from x_t and the
# network's prediction `x0_pred` of the clean point, return the point at the next, smaller noise
# level, with no fresh noise, as section 3's sampler does. That step needs a clean point *and* a
# noise, and this network gives you only the first: work out the second from what you have. The two
# levels are 0-d tensors, as `alpha_bars[t]` is, and the last step of a sample goes to
# alpha_bar_next = 1. Then make our denoiser predict x₀ (its noise prediction turned into section
# 3's guess x̂₀), run your step 25 times from `z_one` (section 3), and check that you land on the
# code `ddim_sample` draws from it.

# %%
def step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next):
    return None  # your code here

from latent_helpers.exercises import check_step_from_x0
check_step_from_x0(step_from_x0)


# %% tags=["solution"]
def step_from_x0(x_t, x0_pred, alpha_bar_t, alpha_bar_next):
    eps = (x_t - alpha_bar_t.sqrt() * x0_pred) / (1 - alpha_bar_t).sqrt()   # the noise x0_pred leaves in x_t
    return alpha_bar_next.sqrt() * x0_pred + (1 - alpha_bar_next).sqrt() * eps

assert check_step_from_x0(step_from_x0)
ts = ddim_steps()
x = z_one
with torch.no_grad():
    for i, t in enumerate(ts):
        a = alpha_bars[t]
        a_next = alpha_bars[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
        x0_pred = (x - (1 - a).sqrt() * denoiser(x, torch.tensor([t]))) / a.sqrt()   # our denoiser, predicting x_0
        x = step_from_x0(x, x0_pred, a, a_next)
gap = float((x - ddim_sample(denoiser, z_one)).abs().max())
print(f"largest difference from ddim_sample's code: {gap:.1e} (the codes' numbers are about 1 in size)")


# %% [raw] tags=["deck"]
# ## Exercise 4 · how many steps does DDIM need? (open)
# - Draw the same samples with fewer and fewer steps, and score them

# %% [markdown]
# **Exercise 4 (open).** How many steps does DDIM need? Draw the 1,000 unconditional samples of
# section 2 again (`generate(z_uncond, steps=...)`) with 5, 10, 25 and 50 steps, and measure each
# set with `scorer.report(...)` and `scorer.frechet_distance(..., X_test)`, timing each run. Where
# does adding steps stop paying? Then do the same with the guided samples of section 5 at w = 1.
# Is the answer the same, and why might guidance need fewer or more steps?
#
# ## Further reading
# - J. Ho, A. Jain and P. Abbeel, *Denoising Diffusion Probabilistic Models*, NeurIPS 2020: the
#   forward process, the noise-prediction loss, the linear schedule.
# - J. Song, C. Meng and S. Ermon, *Denoising Diffusion Implicit Models*, ICLR 2021: the
#   deterministic sampler and inversion.
# - J. Ho and T. Salimans, *Classifier-Free Diffusion Guidance*, NeurIPS 2021 workshop (arXiv:2207.12598).
# - R. Rombach et al., *High-Resolution Image Synthesis with Latent Diffusion Models*, CVPR 2022:
#   Stable Diffusion's latent space and its autoencoder.
# - J. Sohl-Dickstein et al., *Deep Unsupervised Learning using Nonequilibrium Thermodynamics*,
#   ICML 2015: where the idea began; Y. Song et al., *Score-Based Generative Modeling through
#   Stochastic Differential Equations*, ICLR 2021: the same models seen as learning a score.
# - A. Nichol and P. Dhariwal, *Improved Denoising Diffusion Probabilistic Models*, ICML 2021: the
#   cosine schedule and fewer sampling steps.

# %% [raw] tags=["benchmark"]
# diffusion_mean_top_prob = ldm_row["top"]
# diffusion_class_entropy_ratio = ldm_row["entropy"]
# diffusion_classes_covered = ldm_row["covered"]
# diffusion_frechet = ldm_row["fd"]
# gan_frechet_same_yardstick = gan_row["fd"]
# vae_frechet_same_yardstick = vae_row["fd"]
# diffusion_ms_per_sample = ldm_ms
# gan_ms_per_sample = gan_ms
# guided_agreement_w1 = sweep[1.0]["agree"]
# guided_worst_digit_w1 = sweep[1.0]["worst"]
# guided_variety_w0 = sweep[0.0]["variety"]
# guided_variety_w3 = sweep[3.0]["variety"]
# inversion_mse = inversion_mse
# inversion_label_kept = inversion_kept
# pixel_over_latent_call = call_ratio
# pixel_over_latent_train_step = step_ratio
# diffusion10_samples.npy = np.round(ldm_samples * 255).astype(np.uint8)

# %% [raw] tags=["claims"]
# float(alphas.min()) >= 0.98  # "One step keeps nearly everything (α_t is never below 0.98)"
# float(alpha_bars[half_signal]) < 0.5 <= float(alpha_bars[half_signal - 1])  # "by step {{half_signal}} the noise already outweighs the signal"
# float(alpha_bars[-1].sqrt()) < 0.01  # "with √ᾱ_t below 0.01, x₀ contributes almost nothing"
# toy_seconds < 30  # "in a few seconds"
# toy_gap < noise_gap / 2  # "fold a round cloud of noise onto the spiral"
# toy_gap > fresh_gap  # "They are not yet as tight as fresh data"
# fd10 < fd04  # "its reconstructions are much nearer real digits as a set"
# fd10 < 0.75 * fd04  # "much nearer real digits as a set"
# kept10 >= kept04 - 0.005  # "draws digits the scorer reads at least as well"
# 800_000 < sum(p.numel() for p in denoiser.parameters()) < 1_200_000  # "about a million weights"
# ldm_report.classes_covered == 10  # "The samples are digits of all kinds"
# ldm_report.entropy_ratio > 0.97  # "in nearly even shares"
# sum(p.numel() for p in unet.parameters()) < sum(p.numel() for p in denoiser.parameters())  # "as many weights as"
# call_ratio > 5 and step_ratio > 5  # "times as much processor time, and a training step"
# 20000 * pixel_step > 5 * 20000 * latent_step  # "minutes of processor time in pixels against"
# guess_from + 5 <= xt_from  # "the model decides *what* to draw early, while"
# xt_top > 0.7  # "Every decoded x_t looks like a digit"
# same_twice == 0.0  # "the same starting noise x_T always gives the same sample"
# lerp_mid_norm < 0.85 * slerp_mid_norm  # "The straight line's midpoint is only"
# scorer.predict(walk_pictures[:1])[0] != scorer.predict(walk_pictures[-1:])[0]  # "one digit turning into another"
# inversion_mse < 1.25 * ae_only_mse  # "The round trip through the noise loses almost nothing beyond what the autoencoder itself loses"
# inversion_kept >= ae_only_kept - 0.05  # "and the label kept"
# 0.8 < noise_inv_std < 1.25  # "the inverted vectors look like noise"
# sweep[0.0]["worst"] < sweep[0.0]["agree"]  # "but its worst digit, the"
# chosen["worst"] >= 0.95  # "with at least"
# chosen["confidence"] > sweep[0.0]["confidence"]  # "its confidence in the digit asked for rises"
# sweep[3.0]["variety"] < sweep[0.0]["variety"]  # "The price is variety"
# min(scales, key=lambda w: sweep[w]["fd"]) == 0.0  # "is smallest at w = 0"
# sweep[5.0]["fd"] > sweep[1.0]["fd"] > sweep[0.0]["fd"]  # "and grows with w"
# sweep[1.0]["agree"] > 0.98  # "Past w of about 1 there is little agreement left to win"
# max(sweep[w]["variety"] for w in (2.0, 3.0, 5.0)) < sweep[0.0]["variety"]  # "the variety lost does not come back"
# sweep[3.0]["agree"] > sweep[0.0]["agree"]  # "agreement and confidence rise with the scale"
# ldm_row["top"] > gan_row["top"] > vae_row["top"]  # "On every measure of quality, latent diffusion comes first"
# ldm_row["entropy"] > max(gan_row["entropy"], vae_row["entropy"])  # "its class shares are the most even"
# ldm_row["fd"] < gan_row["fd"] < vae_row["fd"]  # "for the GAN and"
# ldm_row["fd"] > fd_floor  # "(two sets of real"
# ldm_ms > gan_ms  # "The price is time"
