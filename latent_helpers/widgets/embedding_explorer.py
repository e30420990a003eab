"""EmbeddingExplorer (notebook 07): a projector-style 3-D view of word vectors.

Like the TensorFlow Embedding Projector: every word is a point in a 3-D view (by default its first
three principal components); type a word and it lights up with its nearest neighbours, found by
cosine similarity in the *full* space (the 3-D view only shows where they land); type an analogy
``a - b + c`` and the answer appears with the two parallel offsets drawn; turn the view with the
azimuth and elevation sliders.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from ..embeddings import unit_rows, word_vectors
from ..validation import as_float_array, positive_int, short_repr
from .live import LivePlot

_ANALOGY = re.compile(r"^\s*([^\s+\-]+)\s*-\s*([^\s+\-]+)\s*\+\s*([^\s+\-]+)\s*$")


def parse_analogy(text: str) -> tuple[str, str, str]:
    """The three words of ``"a - b + c"`` (spaces optional), or a ValueError that shows the form.

    >>> parse_analogy("paris - france + italy")
    ('paris', 'france', 'italy')
    """
    if not isinstance(text, str):
        raise TypeError(f"an analogy is text such as 'paris - france + italy', got {short_repr(text)}")
    m = _ANALOGY.match(text)
    if not m:
        raise ValueError(f"write the analogy as 'a - b + c',\nsuch as 'paris - france + italy';\ngot {text.strip()!r}")
    return m.group(1), m.group(2), m.group(3)


def pca_points(V: np.ndarray, n_components: int = 3, fit_rows: int = 20000) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of every row of ``V`` on its first principal components, and the share of the variance
    each explains (fitted on the first ``fit_rows`` rows: the most frequent words, for a large vocabulary).

    >>> P, share = pca_points(np.random.default_rng(0).normal(size=(50, 5)) * [5, 3, 1, 0.1, 0.1])
    >>> P.shape, bool(share[0] > share[1] > share[2])
    ((50, 3), True)
    """
    X = np.asarray(V, dtype=np.float64)
    fit = X[:fit_rows]
    mean = fit.mean(0)
    _, s, vt = np.linalg.svd(fit - mean, full_matrices=False)
    var = s ** 2
    k = min(n_components, vt.shape[0])
    P = (X - mean) @ vt[:k].T
    if k < n_components:  # fewer dimensions than asked: pad with zeros
        P = np.hstack([P, np.zeros((len(P), n_components - k))])
    share = np.zeros(n_components)
    share[:k] = var[:k] / var.sum() if var.sum() > 0 else 0.0
    return P.astype(np.float32), share


def _angle(value: Any, name: str, lo: float, hi: float) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not lo <= value <= hi or not np.isfinite(float(value)):
        raise ValueError(f"{name} must be a number of degrees from {lo:g} to {hi:g}, got {short_repr(value)}")
    return int(round(float(value)))


class EmbeddingExplorer(LivePlot):
    """Word vectors in 3-D, a word box, its nearest neighbours, an analogy box and the view's rotation.

    ``vectors``: gensim ``KeyedVectors``, or an array ``(n, d)`` with ``words`` naming its rows (most
    frequent first, as gensim and the notebook order them). ``points``: the 3-D position of every word
    ``(n, 3)``; by default the first three principal components of the vectors (:func:`pca_points`).
    ``word``: the word shown first (default: the first word); ``k``: how many neighbours (cosine
    similarity in the full ``d``-dimensional space, the projection only shows where they land);
    ``analogy``: ``"a - b + c"`` or ``""``; ``n_points``: how many of the most frequent words are drawn
    as the grey cloud; ``azimuth``/``elevation``: the starting view in degrees; ``zoom``: 1 shows
    every word, higher values a box that many times smaller around the current word; ``caption``: a
    line of text under the list (e.g. how much variance the three axes keep).

    A word or an analogy the vocabulary does not know is reported in the picture, not raised: it is
    something a reader types. ``.word``, ``.found`` (the neighbours, ``[(word, cosine)]``) and
    ``.result`` (the analogy's answer and its cosine, or ``None``) describe the current picture.

    >>> V = np.random.default_rng(0).normal(size=(30, 5)); words = [f"w{i}" for i in range(30)]
    >>> x = EmbeddingExplorer(V, words, word="w3", k=3)
    >>> before = x.png; x.controls["word"].value = "w7"; x.png != before, x.word
    (True, 'w7')
    """

    MAX_NEIGHBOURS = 12  # the list beside the picture has room for this many
    MAX_ZOOM = 10

    def __init__(self, vectors: Any, words: Sequence[str] | None = None, points: Any = None,
                 word: str | None = None, k: int = 8, analogy: str = "", n_points: int = 1500,
                 azimuth: float = -60, elevation: float = 20, zoom: int = 1, caption: str | None = None,
                 title: str | None = None):
        V, self.words = word_vectors(vectors, words)
        n = len(self.words)
        if n < 2:
            raise ValueError(f"vectors must hold at least 2 words, got {n}")
        self.index = {w: i for i, w in enumerate(self.words)}
        self._unit = unit_rows(V)
        self.dim = V.shape[1]
        if points is None:
            P, _ = pca_points(V)
        else:
            P = as_float_array(points, "points", ndim=2)
            if P.shape != (n, 3):
                raise ValueError(f"points must give a 3-D position for each of the {n} words, shape ({n}, 3); "
                                 f"got shape {P.shape}")
        self.points = P
        k = positive_int(k, "k", maximum=self.MAX_NEIGHBOURS)
        if k >= n:
            raise ValueError(f"k must be smaller than the number of words ({n}), got {k}")
        self.n_points = min(positive_int(n_points, "n_points"), n)
        if word is None:
            word = self.words[0]
        if not isinstance(word, str):
            raise TypeError(f"word must be a word (text), got {short_repr(word)}")
        if self._lookup(word) is None:
            raise ValueError(f"word {word!r} is not in the vocabulary of {n:,} words")
        if not isinstance(analogy, str):
            raise TypeError(f"analogy must be text such as 'paris - france + italy' (or ''), got {short_repr(analogy)}")
        if analogy.strip():
            abc = parse_analogy(analogy)
            missing = [w for w in abc if self._lookup(w) is None]
            if missing:
                raise ValueError(f"analogy {analogy!r}: {', '.join(map(repr, missing))} not in the vocabulary")
        azimuth = _angle(azimuth, "azimuth", -180, 180)
        elevation = _angle(elevation, "elevation", -90, 90)
        zoom = positive_int(zoom, "zoom", maximum=self.MAX_ZOOM)
        if caption is not None and not isinstance(caption, str):
            raise TypeError(f"caption must be text or None, got {short_repr(caption)}")
        self.caption = caption
        self.word: str | None = None
        self.found: list[tuple[str, float]] = []
        self.result: tuple[str, float] | None = None
        self._highlights: list = []
        lo, hi = P.min(0), P.max(0)
        pad = 0.05 * np.maximum(hi - lo, 1e-6)
        self._limits = [(float(a), float(b)) for a, b in zip(lo - pad, hi + pad)]
        self._centre = (lo + hi) / 2
        style = {"description_width": "70px"}
        controls = {
            "word": W.Text(value=word, description="word", continuous_update=False, style=style,
                           placeholder="type a word, then Enter"),
            "analogy": W.Text(value=analogy, description="analogy", continuous_update=False, style=style,
                              placeholder="a - b + c, e.g. paris - france + italy"),
            "neighbours": W.IntSlider(value=k, min=1, max=min(self.MAX_NEIGHBOURS, n - 1), description="neighbours",
                                      style=style, continuous_update=True),
            "azimuth": W.IntSlider(value=azimuth, min=-180, max=180, step=5, description="azimuth", style=style,
                                   continuous_update=True),
            "elevation": W.IntSlider(value=elevation, min=-90, max=90, step=5, description="elevation", style=style,
                                     continuous_update=True),
            "zoom": W.IntSlider(value=zoom, min=1, max=self.MAX_ZOOM, description="zoom", style=style,
                                continuous_update=True),
        }
        super().__init__(self._draw, controls, figsize=(7.8, 4.4), title=title, persistent=True)

    # ------------------------------------------------------------------ questions the picture answers
    def _lookup(self, word: str) -> int | None:
        word = word.strip()
        i = self.index.get(word)
        return self.index.get(word.lower()) if i is None else i

    def neighbours(self, word: str, k: int = 8) -> list[tuple[str, float]]:
        """The ``k`` words of largest cosine similarity with ``word`` (itself excluded), nearest first."""
        i = self._lookup(word) if isinstance(word, str) else None
        if i is None:
            raise ValueError(f"word {word!r} is not in the vocabulary")
        k = positive_int(k, "k", maximum=len(self.words) - 1)
        sims = self._unit @ self._unit[i]
        sims[i] = -np.inf
        top = np.argsort(-sims, kind="stable")[:k]
        return [(self.words[j], float(sims[j])) for j in top]

    def solve(self, a: str, b: str, c: str) -> tuple[str, float]:
        """The answer of ``a - b + c`` by 3CosAdd: the word (not a, b or c) whose vector has the largest
        cosine with unit(a) - unit(b) + unit(c), and that cosine."""
        ids = [self._lookup(w) if isinstance(w, str) else None for w in (a, b, c)]
        missing = [w for w, i in zip((a, b, c), ids) if i is None]
        if missing:
            raise ValueError(f"{', '.join(map(repr, missing))} not in the vocabulary")
        ia, ib, ic = ids
        target = self._unit[ia] - self._unit[ib] + self._unit[ic]
        norm = np.linalg.norm(target)
        sims = self._unit @ (target / norm if norm > 0 else target)
        sims[[ia, ib, ic]] = -np.inf
        j = int(np.argmax(sims))
        return self.words[j], float(sims[j])

    # ------------------------------------------------------------------ drawing
    def _draw(self, fig: Figure, word: str, analogy: str, neighbours: int, azimuth: int, elevation: int,
              zoom: int) -> None:
        if not fig.axes:
            self._build(fig)
        ax = self._ax3d
        for artist in self._highlights:
            artist.remove()
        self._highlights = []
        ax.view_init(elev=elevation, azim=azimuth)
        i = self._lookup(word) if isinstance(word, str) and word.strip() else None
        # the box on view: everything at zoom 1, a box `zoom` times smaller around the word otherwise
        centre = self.points[i] if i is not None else self._centre
        half = np.array([(hi - lo) / 2 for lo, hi in self._limits]) / zoom
        lo, hi = centre - half, centre + half
        ax.set_xlim(lo[0], hi[0]); ax.set_ylim(lo[1], hi[1]); ax.set_zlim(lo[2], hi[2])
        inside = lambda j: bool(np.all((self.points[j] >= lo) & (self.points[j] <= hi)))  # noqa: E731
        cloud = self.points[:self.n_points]
        keep = np.all((cloud >= lo) & (cloud <= hi), axis=1)   # matplotlib does not clip 3-D points: we do
        self._cloud._offsets3d = tuple(cloud[keep].T)
        lines = []
        self.word, self.found, self.result = None, [], None
        if i is None:
            lines.append(("type a word in the box" if not word.strip() else
                          f"{word.strip()!r} is not in the\nvocabulary of {len(self.words):,} words", "#b00020"))
        else:
            self.word = self.words[i]
            self.found = self.neighbours(self.word, neighbours)
            near = [j for j in (self.index[w] for w, _ in self.found) if inside(j)]
            self._mark(near, s=22, colour="#ff7f0e", label_colour="#a04000", size=7, lines_from=i)
            self._mark([i], s=60, colour="#d62728", label_colour="#d62728", size=9, bold=True)
            lines.append((f"nearest to '{self.word}'", "black"))
            lines.append((f"(cosine, all {self.dim} dimensions)", "#555555"))
            lines += [(f"{w:<14s} {s:5.2f}", "#a04000") for w, s in self.found]
        if analogy.strip():
            lines.append(("", "black"))
            try:
                a, b, c = parse_analogy(analogy)
                answer, cos = self.solve(a, b, c)
            except ValueError as exc:
                lines.append((str(exc), "#b00020"))
            else:
                self.result = (answer, cos)
                ia, ib, ic, idd = (self._lookup(w) for w in (a, b, c, answer))
                for start, end in ((ib, ia), (ic, idd)):   # the offset b -> a, and the same offset from c
                    if inside(start) and inside(end):
                        seg = np.stack([self.points[start], self.points[end]]).T
                        self._highlights.append(ax.plot(*seg, color="#2ca02c", lw=1.4, ls="--")[0])
                self._mark([j for j in (ia, ib, ic) if inside(j)], s=30, colour="#1f77b4", label_colour="#1f4f7f",
                           size=8)
                self._mark([idd] if inside(idd) else [], s=60, colour="#2ca02c", label_colour="#2ca02c", size=9,
                           bold=True, marker="*")
                lines.append((f"{a} - {b} + {c}", "#1f4f7f"))
                lines.append((f"  = {answer}  (cosine {cos:.2f})", "#2ca02c"))
        if zoom > 1:
            lines.append(("", "black"))
            lines.append((f"zoom {zoom}: words outside the box hidden", "#555555"))
        self._set_panel(lines)

    def _mark(self, ids: list[int], s: float, colour: str, label_colour: str, size: int, bold: bool = False,
              marker: str = "o", lines_from: int | None = None) -> None:
        """Points and labels for the words ``ids`` (and thin lines to them from word ``lines_from``)."""
        if not ids:
            return
        ax, P, h = self._ax3d, self.points, self._highlights
        h.append(ax.scatter(*P[ids].T, s=s, color=colour, marker=marker, depthshade=False))
        for j in ids:
            if lines_from is not None:
                h.append(ax.plot(*np.stack([P[lines_from], P[j]]).T, color=colour, lw=0.6, alpha=0.7)[0])
            h.append(ax.text(*P[j], f" {self.words[j]}", fontsize=size, color=label_colour,
                             fontweight="bold" if bold else "normal"))

    def _build(self, fig: Figure) -> None:
        """The first frame: the grey cloud of the most frequent words, bare axes, the text panel."""
        ax = fig.add_axes((0.0, 0.0, 0.64, 1.0), projection="3d")
        cloud = self.points[:self.n_points]
        self._cloud = ax.scatter(*cloud.T, s=2, color="#9a9a9a", alpha=0.35, depthshade=False)
        ax.set_xlabel("PC1", fontsize=8, labelpad=-14)
        ax.set_ylabel("PC2", fontsize=8, labelpad=-14)
        ax.set_zlabel("PC3", fontsize=8, labelpad=-14)
        ax.set_xticks([]); ax.set_yticks([]); ax.set_zticks([])   # ticks and grid cost most of a 3-D frame
        ax.grid(False)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color((0.96, 0.96, 0.96, 1.0))
        self._ax3d = ax
        panel = fig.add_axes((0.64, 0.0, 0.36, 1.0))
        panel.set_axis_off()
        self._texts = [panel.text(0.02, 0.97 - 0.05 * r, "", fontsize=8, family="monospace", va="top",
                                  transform=panel.transAxes) for r in range(19)]
        if self.caption:
            panel.text(0.02, 0.01, self.caption, fontsize=7, color="#555555", va="bottom",
                       transform=panel.transAxes)
        fig.text(0.01, 0.97, f"{self.n_points:,} most frequent of {len(self.words):,} words", fontsize=7,
                 color="#555555", va="top")

    def _set_panel(self, lines: list[tuple[str, str]]) -> None:
        rows = [(part, colour) for text, colour in lines for part in text.split("\n")]
        for t, (text, colour) in zip(self._texts, rows + [("", "black")] * len(self._texts)):
            t.set_text(text)
            t.set_color(colour)


__all__ = ["EmbeddingExplorer", "parse_analogy", "pca_points"]
