"""TopicMixer: one slider per topic weight, the mixed word distribution, and the real documents nearest
to that mixture (notebook 08).

A topic model describes each document by a few numbers, its topic proportions (a point on the topic
simplex), and each topic by a distribution over words. Mixing topics with weights ``m`` gives a word
distribution ``p(w) = sum_k m_k phi_k(w)``: what a document with those proportions is expected to
say. The widget draws, left, the most probable words of the mixture as stacked bars (each bar split
into the share each topic contributes); right, the documents as points in the topic space (the
corners of a regular polygon are the pure topics; three topics make a triangle), the mixture as a
star, and under it the real documents whose proportions are closest to the mixture.

The mixing is a few thousand multiplications, so the page does it: the widget's view
(:class:`~latent_helpers.widgets.topic_page.MixerView`, ``topic_mixer.js``) holds the topics' word
probabilities and the documents, reads the sliders and draws the picture on every change, with no
round trip to the kernel. The kernel keeps the same numbers (``.mixture``, ``.word_distribution``,
``.nearest``), computed in the order the page computes them, and draws the matplotlib picture
(``.png``) only when asked: for readers without a kernel (GitHub, the book's still image).
"""
from __future__ import annotations

import textwrap
import warnings
from typing import Any, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..validation import as_float_array, as_labels, as_list, positive_int
from .live import LivePlot
from .static import WIDGET_BUDGET, static_html
from .topic_page import (CLASS_GREYS, CLASS_MARKERS, TOPIC_COLOURS, MixerView, contenders, fallback_script, mixed,
                         page_data)


def polygon_corners(k: int) -> np.ndarray:
    """The corners of a regular ``k``-gon on the unit circle, corner 0 at the top: ``(k, 2)``.

    A document's proportions ``theta`` (summing to 1) map to the point ``theta @ corners``: a pure
    topic sits on its corner, a 50/50 mix half-way between two. For ``k = 3`` this is the usual
    triangle of the topic simplex; for more topics it is a 2-D projection of it.

    >>> polygon_corners(4).round(3).tolist()
    [[0.0, 1.0], [1.0, 0.0], [0.0, -1.0], [-1.0, -0.0]]
    """
    k = positive_int(k, "k", minimum=2)
    angles = 2 * np.pi * np.arange(k) / k
    return np.stack([np.sin(angles), np.cos(angles)], axis=1)


def _rows_normalised(a: np.ndarray, name: str) -> np.ndarray:
    if np.any(a < 0):
        raise ValueError(f"{name} must hold probabilities or weights >= 0, got a minimum of {a.min():.3g}")
    sums = a.sum(axis=1, keepdims=True)
    if np.any(sums <= 0):
        raise ValueError(f"{name}: row {int(np.flatnonzero(sums.ravel() <= 0)[0])} is all zeros; every row must "
                         "have some weight")
    return (a / sums).astype(np.float64)


class TopicMixer(LivePlot):
    """One slider per topic weight (``z0``, ``z1``, ...), the word distribution of the mixture and the
    real documents nearest to it.

    ``topic_word`` ``(K, V)``: each topic's weights over the ``V`` words (rows are normalised to
    probabilities; ``lda.components_`` or PLSA's ``phi`` as they are). ``vocabulary``: the ``V`` words.
    ``doc_topic`` ``(D, K)``: each document's topic proportions (rows normalised). ``doc_texts``: the
    ``D`` documents' texts, shown as snippets. ``weights`` ``(K,)``: where the sliders start (default:
    the proportions of document 0, so the first frame shows a real document's mixture); they are
    normalised to sum to 1 before mixing. ``labels``/``label_names``: optional classes of the
    documents, named in the list and drawn as marker shapes on the map. ``topic_names``: optional
    names (default: each topic's three most probable words). ``n_words`` bars, ``n_docs`` nearest
    documents (Euclidean distance between proportions).

    ``.mixture`` is the current normalised weights, ``.word_distribution`` the mixed ``p(w)`` and
    ``.nearest`` the indices of the nearest documents; ``.corners`` ``(K, 2)`` are the topics' places on
    the map (:func:`polygon_corners`) and ``.doc_xy`` ``(D, 2)`` the documents'.

    The page mixes and draws: its view (:class:`MixerView`) holds the topics' probabilities of the words
    it may have to show (those that can reach the top ``n_words`` of some mixture: :func:`contenders`)
    and the documents, and redraws on every
    slider change with no round trip. A slider moved from Python moves the page's picture too. The
    kernel draws no picture while the sliders move; ``.png`` (matplotlib) is drawn when asked, for the
    output's still image.

    Its static fallback (for pages with no kernel) runs the same drawing code: every combination of the
    sliders in steps of 0.05, with the words limited to each topic's ``FALLBACK_WORDS`` most probable and
    document snippets of ``SNIPPET`` characters.

    >>> import numpy as np
    >>> phi = np.array([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]); theta = np.array([[0.9, 0.1], [0.2, 0.8]])
    >>> w = TopicMixer(phi, ["cat", "dog", "fish"], theta, ["about cats", "about fish"])
    >>> int(w.nearest[0]), round(float(w.word_distribution[0]), 2)
    (0, 0.64)
    >>> before = w.png; w.controls["z1"].value = 1.0; w.png != before, int(w.nearest[0])
    (True, 1)
    """

    MAX_TOPICS = 20
    FALLBACK_WORDS = 40  # each topic's most probable words kept in the static fallback
    SNIPPET = 62  # characters of a document shown in the list
    PAGE_NUMBERS = 50_000  # topic-word probabilities the page's view holds at most (400 kB as float64)

    def __init__(self, topic_word: Any, vocabulary: Sequence[str], doc_topic: Any, doc_texts: Sequence[str],
                 weights: Any = None, labels: Any = None, label_names: Sequence[str] | None = None,
                 topic_names: Sequence[str] | None = None, n_words: int = 12, n_docs: int = 3,
                 title: str | None = None):
        phi = _rows_normalised(as_float_array(topic_word, "topic_word", ndim=2).astype(np.float64), "topic_word")
        K, V = phi.shape
        if not 2 <= K <= self.MAX_TOPICS:
            raise ValueError(f"topic_word must have between 2 and {self.MAX_TOPICS} topics (rows), got {K}")
        words = [str(w) for w in as_list(vocabulary, "vocabulary", "words")]
        if len(words) != V:
            raise ValueError(f"vocabulary has {len(words)} words but topic_word has {V} columns; they must match")
        theta = as_float_array(doc_topic, "doc_topic", ndim=2).astype(np.float64)
        if theta.shape[1] != K:
            raise ValueError(f"doc_topic must have one column per topic ({K}), got shape {theta.shape}")
        theta = _rows_normalised(theta, "doc_topic")
        D = len(theta)
        texts = as_list(doc_texts, "doc_texts", "texts, one per document")
        if not all(isinstance(t, str) for t in texts):
            raise TypeError("doc_texts must be a list of strings, one per document")
        if len(texts) != D:
            raise ValueError(f"doc_texts has {len(texts)} texts but doc_topic has {D} documents; they must match")
        if weights is None:
            start = theta[0].copy()
        else:
            start = as_float_array(weights, "weights", ndim=1).astype(np.float64)
            if start.shape[0] != K:
                raise ValueError(f"weights needs one weight per topic ({K}), got {start.shape[0]}")
            if np.any(start < 0) or start.sum() <= 0:
                raise ValueError(f"weights must be >= 0 and not all 0, got {np.round(start, 3).tolist()}")
        self.labels = None if labels is None else as_labels(labels, "labels", n=D)
        if self.labels is not None and self.labels.size and self.labels.min() < 0:
            raise ValueError(f"labels must be class numbers >= 0, got {self.labels.min()}")
        if label_names is not None:
            label_names = [str(s) for s in as_list(label_names, "label_names", "names, one per class")]
            if self.labels is None:
                raise ValueError("label_names needs labels to name")
            if self.labels.size and self.labels.max() >= len(label_names):
                raise ValueError(f"label_names has {len(label_names)} names but labels go up to {self.labels.max()}")
        self.label_names = label_names
        if topic_names is None:
            topic_names = [f"z{k}: " + " ".join(words[i] for i in np.argsort(-phi[k], kind="stable")[:3])
                           for k in range(K)]
        else:
            topic_names = [str(s) for s in as_list(topic_names, "topic_names", "names, one per topic")]
            if len(topic_names) != K:
                raise ValueError(f"topic_names needs one name per topic ({K}), got {len(topic_names)}")
        self.n_words = min(positive_int(n_words, "n_words", maximum=30), V)
        self.n_docs = min(positive_int(n_docs, "n_docs", maximum=6), D)
        self.topic_word, self.doc_topic, self.vocabulary, self.doc_texts = phi, theta, words, texts
        self.topic_names = topic_names
        self.corners = polygon_corners(K)
        self.doc_xy = theta @ self.corners
        top = start.max()
        start = start / top if top > 1 else start   # the sliders run from 0 to 1
        # on the sliders' 0.01 steps: a page showing the sliders snaps them there and sends the values back,
        # so the kernel's mixture is the page's from the start (and a later move from Python is not undone)
        start = np.round(start, 2) if np.round(start, 2).sum() > 0 else np.round(start / top, 2)
        controls = {f"z{k}": W.FloatSlider(value=float(start[k]), min=0.0, max=1.0, step=0.01, description=f"z{k}",
                                           continuous_update=True, readout_format=".2f") for k in range(K)}
        self._still: tuple | None = None   # (slider values, the matplotlib picture of them)
        super().__init__(self._draw, controls, figsize=(9.6, 4.6), title=title, persistent=True)

    # ------------------------------------------------------------------------------- the numbers
    # Each is computed in the order the page computes it (topic_mixer.js, mix), so both agree to the last bit.
    def mixture_for(self, values: dict) -> np.ndarray | None:
        """The normalised weights for slider ``values`` ``{"z0": ..., ...}``; None when all are 0."""
        w = [float(values[f"z{k}"]) for k in range(len(self.topic_word))]
        total = 0.0
        for v in w:   # added in slider order, as the page adds them
            total += v
        return None if total <= 0 else np.array(w) / total

    @property
    def mixture(self) -> np.ndarray | None:
        """The current mixture: the slider weights divided by their sum (None if all are 0)."""
        return self.mixture_for(self.values)

    @property
    def word_distribution(self) -> np.ndarray | None:
        """The current mixed word distribution ``p(w) = sum_k m_k phi_k(w)``, shape ``(V,)``."""
        m = self.mixture
        return None if m is None else mixed(m, self.topic_word)

    def distances(self, m: np.ndarray) -> np.ndarray:
        """Every document's Euclidean distance to the mixture ``m`` in topic space, shape ``(D,)``."""
        squares = np.zeros(len(self.doc_topic))
        for k in range(len(m)):   # topic by topic, as the page adds them
            e = self.doc_topic[:, k] - m[k]
            squares += e * e
        return np.sqrt(squares)

    def nearest_to(self, m: np.ndarray) -> np.ndarray:
        """Indices of the ``n_docs`` documents whose proportions are closest to ``m`` (Euclidean)."""
        return np.argsort(self.distances(m), kind="stable")[: self.n_docs]

    @property
    def nearest(self) -> np.ndarray:
        m = self.mixture
        return np.array([], dtype=int) if m is None else self.nearest_to(m)

    # ------------------------------------------------------------------------------- in the page
    def page_words(self) -> tuple[np.ndarray, str]:
        """The words the page holds (vocabulary indices, increasing) and what that approximates ("" if nothing).

        The :func:`contenders` for the top ``n_words`` (the page's top words are then exactly the kernel's for
        any mixture, and a notebook stores no word the page could never show: 1,066 of notebook 08's 2,640)
        when ``K`` times their number is at most ``PAGE_NUMBERS``; if even those are too many, the words each
        topic ranks highest, which a mixture of many topics may rank differently (the page says so)."""
        K, V = self.topic_word.shape
        keep = contenders(self.topic_word, self.n_words)
        if K * len(keep) <= self.PAGE_NUMBERS:
            return keep, ""
        per_topic = max(self.n_words, self.PAGE_NUMBERS // (K * K))
        keep = np.unique(np.argsort(-self.topic_word, axis=1, kind="stable")[:, :per_topic])
        return keep, (f"words: each topic's {per_topic:,} most probable of {V:,} (a mix of many topics may rank "
                      "another higher)")

    def _make_view(self, width: int, height: int) -> MixerView:
        keep, note = self.page_words()
        return MixerView(list(self.controls.values()), page_data(self, keep, note, as_bytes=True))

    def refresh(self) -> None:
        """Nothing to draw in the kernel: the page mixes and draws on every slider change, and the kernel's
        picture (``.png``) is drawn when asked."""

    def _on_change(self, change) -> None:
        """A slider moved (in the page or from Python): the page redraws by itself; the kernel does nothing,
        so a drag never queues work behind it."""

    # ------------------------------------------------------------------------------- the kernel's picture
    @property
    def png(self) -> bytes:
        """The matplotlib picture of the current values, PNG bytes: drawn when asked, once per slider values."""
        return self.still_png()

    def still_png(self) -> bytes:
        """The picture for readers with no kernel (GitHub, the book's still image): matplotlib's drawing of
        the current values, made on the first request for them. A failure shows in red under the widget, and
        is raised."""
        key = tuple(self.state)
        if self._still is None or self._still[0] != key:
            self._still = (key, self._render_counted())
        return self._still[1]

    # ------------------------------------------------------------------------------- without a kernel
    def fallback(self, budget: int = WIDGET_BUDGET) -> str:
        """The static fallback: the data the mixer needs and the page's own drawing code (``topic_mixer.js``),
        which mixes and draws in the page; its sliders move in steps of 0.05, and the words are each topic's
        ``FALLBACK_WORDS`` most probable (the caption says so)."""
        K = len(self.topic_word)
        keep = np.unique(np.argsort(-self.topic_word, axis=1, kind="stable")[:, : self.FALLBACK_WORDS])
        data = page_data(self, keep, "", as_bytes=False)
        data["start"] = [float(c.value) for c in self.controls.values()]
        starts = [int(round(c.value * 20)) for c in self.controls.values()]
        caption = ("Without a kernel: every combination of the sliders in steps of 0.05, mixed in this page; "
                   f"the words are each topic's {self.FALLBACK_WORDS} most probable. Run the notebook for the "
                   "full vocabulary.")
        width, height = (round(v * self.dpi) for v in self.figsize)
        out = static_html("TopicMixer", list(self.controls), [20] * K, starts,
                          [f"{c.value:.2f}" for c in self.controls.values()], data, fallback_script(),
                          self.still_png(), width, height, caption)
        if len(out.encode()) > budget:
            warnings.warn(f"TopicMixer: its static fallback takes {len(out.encode()):,} bytes, over the budget of "
                          f"{budget:,}: fewer documents or a shorter SNIPPET")
        return out

    # ------------------------------------------------------------------------------- the picture
    def _build(self, fig: Figure) -> None:
        """The first frame. Everything that moves is an animated artist, drawn over a cached background."""
        K = len(self.topic_word)
        colours = [TOPIC_COLOURS[k % len(TOPIC_COLOURS)] for k in range(K)]
        ax = self._ax_bars = fig.add_axes((0.12, 0.30, 0.30, 0.57))
        ax.set(xlim=(0, 1.22), ylim=(self.n_words - 0.5, -0.6))
        ax.set_axis_off()
        ax.set_title("most probable words of the mixture, p(word)", fontsize=8.5)
        self._bars = [[ax.add_patch(Rectangle((0, i - 0.38), 0, 0.76, color=colours[k], animated=True))
                       for i in range(self.n_words)] for k in range(K)]
        self._words = [ax.text(-0.02, i, "", ha="right", va="center", fontsize=7.5, animated=True)
                       for i in range(self.n_words)]
        self._values = [ax.text(0, i, "", ha="left", va="center", fontsize=7, color="#444444", animated=True)
                        for i in range(self.n_words)]
        handles = [Rectangle((0, 0), 1, 1, color=c) for c in colours]
        fig.legend(handles, self.topic_names, loc="lower left", bbox_to_anchor=(0.0, 0.0), ncol=2, fontsize=6.5,
                   frameon=False, handlelength=1.0, columnspacing=0.8, title="bar colours: the topics",
                   title_fontsize=7)
        ax = self._ax_map = fig.add_axes((0.52, 0.36, 0.46, 0.56))
        ring = np.vstack([self.corners, self.corners[:1]])
        ax.plot(ring[:, 0], ring[:, 1], color="#bbbbbb", lw=0.8)
        for k, (x, y) in enumerate(self.corners):
            ax.text(1.13 * x, 1.10 * y, f"z{k}", ha="center", va="center", fontsize=8, color=colours[k],
                    fontweight="bold")
        if self.labels is None:
            ax.scatter(*self.doc_xy.T, s=6, color="#9a9a9a", alpha=0.5, lw=0)
        else:
            for c in np.unique(self.labels):
                pts = self.doc_xy[self.labels == c]
                name = self.label_names[c] if self.label_names else f"class {c}"
                ax.scatter(*pts.T, s=9, marker=CLASS_MARKERS[c % len(CLASS_MARKERS)], facecolor="none",
                           edgecolor=CLASS_GREYS[c % len(CLASS_GREYS)], lw=0.6, label=name)
            ax.legend(loc="lower left", fontsize=6.5, frameon=False, bbox_to_anchor=(-0.04, -0.06), markerscale=1.2)
        (self._near_marks,) = ax.plot([], [], "o", ms=9, mfc="none", mec="#d62728", mew=1.4, animated=True)
        (self._star,) = ax.plot([], [], "*", ms=15, color="black", mec="white", mew=0.8, animated=True)
        ax.set(xlim=(-1.25, 1.25), ylim=(-1.2, 1.22), aspect="equal")
        ax.set_axis_off()
        ax.set_title("documents in topic space (corners: pure topics)", fontsize=8.5)
        fig.text(0.50, 0.33, "nearest real documents to the mixture (star, red rings):", fontsize=8,
                 fontweight="bold")
        self._doc_lines = [fig.text(0.50, 0.28 - 0.09 * i, "", fontsize=7.3, family="monospace", va="top",
                                    animated=True) for i in range(self.n_docs)]
        self._headline = fig.text(0.01, 0.965, "", fontsize=8.5, va="top", animated=True)

    def _draw(self, fig: Figure, **values: float) -> None:
        if not fig.axes:
            self._build(fig)
        m = self.mixture_for(values)
        if m is None:
            for bars in self._bars:
                for r in bars:
                    r.set_width(0.0)
            for t in (*self._words, *self._values, *self._doc_lines):
                t.set_text("")
            self._star.set_data([], [])
            self._near_marks.set_data([], [])
            self._headline.set_text("all weights are 0: raise a slider to mix some topics")
            return
        contributions = m[:, None] * self.topic_word            # (K, V): what each topic adds to p(w)
        p = mixed(m, self.topic_word)
        top = np.argsort(-p, kind="stable")[: self.n_words]
        scale = 1.0 / p[top[0]]                                  # the top word's bar fills the width
        left = np.zeros(self.n_words)
        for k, bars in enumerate(self._bars):
            widths = contributions[k, top] * scale
            for r, x0, width in zip(bars, left, widths):
                r.set_x(x0)
                r.set_width(width)
                r.set_visible(bool(width > 0))   # a topic with no weight draws nothing
            left = left + widths
        for i, w in enumerate(top):
            self._words[i].set_text(self.vocabulary[w])
            self._values[i].set_text(f"{p[w]:.3f}")
            self._values[i].set_x(left[i] + 0.02)
        star = m @ self.corners
        self._star.set_data([star[0]], [star[1]])
        near = self.nearest_to(m)
        dist = self.distances(m)
        self._near_marks.set_data(self.doc_xy[near, 0], self.doc_xy[near, 1])
        shown = np.argsort(-m, kind="stable")[:4]
        parts = [f"z{k} {m[k]:.2f}" for k in shown if m[k] >= 0.005]
        more = " ..." if (m >= 0.005).sum() > len(parts) else ""
        self._headline.set_text("mixture (weights / their sum): " + ", ".join(parts) + more)
        for line, i in zip(self._doc_lines, near):
            tag = f"[{self.label_names[self.labels[i]]}] " if self.label_names else (
                f"[class {self.labels[i]}] " if self.labels is not None else "")
            snippet = " ".join(self.doc_texts[i].split())
            snippet = textwrap.shorten(snippet, self.SNIPPET, placeholder="...") if snippet else "(empty)"
            line.set_text(f"#{i}  distance {dist[i]:.2f}  {tag}\n   {snippet}")


__all__ = ["TopicMixer", "polygon_corners"]
