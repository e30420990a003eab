"""EmbeddingProjector (notebook 07): word vectors as a cloud that turns in the page, after TensorFlow's
Embedding Projector.

The shown words (the most frequent ``n_points``) are a :class:`~.cloud3d.Cloud3D`: drag to turn, wheel to
zoom, hover for the word, all in the page. A menu switches the projection between PCA and t-SNE (computed
once, on the shown words, the first time it is chosen); the search box highlights a word; a click on a
point (or a search) lists its nearest neighbours with their cosine similarities, found in the *full*
space, and draws lines to those among the shown words; the analogy box ``a - b + c`` draws the
parallelogram b -> a -> answer -> c.
"""
from __future__ import annotations

import html
from typing import Any, Sequence

import ipywidgets as W
import numpy as np

from ..embeddings import unit_rows, word_vectors
from ..validation import as_float_array, positive_int, short_repr
from .cloud3d import Cloud3D, CloudPanel
from .embedding_explorer import parse_analogy, pca_points

_GREY, _NEIGHBOUR, _ANALOGY = "#a0a0a0", "#ff7f0e", "#2ca02c"


class EmbeddingProjector(CloudPanel):
    """Word vectors in 3-D that turn in the page, a projection menu, a search box, neighbours on click, analogies.

    ``vectors``: gensim ``KeyedVectors`` or an array ``(n, d)`` with ``words`` (most frequent first).
    ``n_points``: how many of the most frequent words are shown. ``word``: the word selected first;
    ``k``: neighbours listed; ``analogy``: ``"a - b + c"`` or ``""``; ``caption``: a line under the list;
    ``points``: the PCA view's 3-D position of every word ``(n, 3)`` (default: the first three principal
    components of the shown words).
    ``.selected`` (the selected word), ``.found`` (``[(word, cosine)]``) and ``.result`` (the analogy's
    answer and cosine) describe what is shown. ``projection(name)`` gives the 3-D points of the shown words.

    >>> V = np.random.default_rng(0).normal(size=(40, 5)); words = [f"w{i}" for i in range(40)]
    >>> p = EmbeddingProjector(V, words, word="w3", k=3, n_points=30)
    >>> p.search.value = "w7"; p.selected, len(p.found)
    ('w7', 3)
    """

    PROJECTIONS = ("PCA", "t-SNE")

    def __init__(self, vectors: Any, words: Sequence[str] | None = None, points: Any = None, n_points: int = 1000,
                 word: str | None = None, k: int = 8, analogy: str = "", caption: str | None = None,
                 title: str | None = None, width: int = 520, height: int = 420):
        for name, value in (("word", word), ("analogy", analogy), ("caption", caption), ("title", title)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be text or None, got {short_repr(value)}")
        V, self.words = word_vectors(vectors, words)
        if len(self.words) < 3:
            raise ValueError(f"vectors must hold at least 3 words, got {len(self.words)}")
        self.index = {w: i for i, w in enumerate(self.words)}
        self._unit = unit_rows(V)
        self.dim = V.shape[1]
        self.n_points = min(positive_int(n_points, "n_points", minimum=3), len(self.words))
        self.k = positive_int(k, "k", maximum=min(30, len(self.words) - 1))
        self._vectors = V
        self._projections: dict[str, np.ndarray] = {}
        if points is not None:
            P = as_float_array(points, "points", ndim=2)
            if P.shape != (len(self.words), 3):
                raise ValueError(f"points must be ({len(self.words)}, 3), one 3-D position per word; got {P.shape}")
            self._projections["PCA"] = P[:self.n_points]
        self.tsne_runs = 0
        self.selected: str | None = None
        self.found: list[tuple[str, float]] = []
        self.result: tuple[str, float] | None = None
        self.menu = W.Dropdown(options=list(self.PROJECTIONS), value="PCA", description="projection")
        self.search = W.Text(value=word or "", description="search", placeholder="a word", continuous_update=True)
        self.analogy = W.Text(value=analogy or "", description="analogy", placeholder="a - b + c, then Enter",
                              continuous_update=False)
        self.panel = W.HTML()
        self.caption = caption
        shown = self.words[:self.n_points]
        self.cloud = Cloud3D(self.projection("PCA"), colours=_GREY, labels=shown, width=width, height=height,
                             size=2.5, title=f"PCA of the {self.n_points:,} most frequent words")
        self.menu.observe(lambda c: self._project(), names="value")
        self.search.observe(lambda c: self._update(), names="value")
        self.analogy.observe(lambda c: self._update(), names="value")
        self.cloud.observe(self._picked, names="picked")
        self._update()
        header = [W.HTML(f"<b>{html.escape(title)}</b>")] if title else []
        side = W.VBox([self.menu, self.search, self.analogy, self.panel], layout=W.Layout(width="340px"))
        super().__init__(children=[*header, W.HBox([self.cloud, side])])
        self.add_class("latent-projector")

    # ------------------------------------------------------------------ the numbers
    def projection(self, name: str) -> np.ndarray:
        """3-D points of the shown words: their first principal components, or t-SNE (cosine), computed once."""
        if name not in self.PROJECTIONS:
            raise ValueError(f"projection must be one of {self.PROJECTIONS}, got {name!r}")
        if name not in self._projections:
            X = self._vectors[:self.n_points]
            if name == "PCA":
                self._projections[name] = pca_points(X)[0]
            else:
                from sklearn.manifold import TSNE

                self.tsne_runs += 1
                perplexity = float(min(30, (self.n_points - 1) / 3))
                self._projections[name] = TSNE(n_components=3, metric="cosine", init="pca", random_state=0,
                                               perplexity=perplexity).fit_transform(X).astype(np.float32)
        return self._projections[name]

    def lookup(self, word: str) -> int | None:
        word = word.strip()
        i = self.index.get(word)
        return self.index.get(word.lower()) if i is None else i

    def neighbours(self, i: int, k: int) -> list[tuple[int, float]]:
        sims = self._unit @ self._unit[i]
        sims[i] = -np.inf
        top = np.argsort(-sims, kind="stable")[:k]
        return [(int(j), float(sims[j])) for j in top]

    def solve(self, a: int, b: int, c: int) -> tuple[int, float]:
        """3CosAdd: the word (not a, b, c) of largest cosine with unit(a) - unit(b) + unit(c)."""
        t = self._unit[a] - self._unit[b] + self._unit[c]
        sims = self._unit @ (t / max(np.linalg.norm(t), 1e-12))
        sims[[a, b, c]] = -np.inf
        j = int(np.argmax(sims))
        return j, float(sims[j])

    # ------------------------------------------------------------------ what the page shows
    def _project(self) -> None:
        name = self.menu.value
        self.cloud.set_points(self.projection(name), colours=_GREY, labels=self.words[:self.n_points])
        self.cloud.title = f"{name} of the {self.n_points:,} most frequent words"

    def _picked(self, change) -> None:
        i = change["new"]
        if 0 <= i < self.n_points:
            self.search.value = self.words[i]

    def _update(self) -> None:
        rows, marked, lines = [], [], []
        highlight = -1
        self.selected, self.found, self.result = None, [], None
        text = self.search.value.strip()
        i = self.lookup(text) if text else None
        if text and i is None:
            rows.append(f'<span style="color:#b00020">{html.escape(text)!s} is not in the vocabulary</span>')
        elif i is not None:
            self.selected = self.words[i]
            near = self.neighbours(i, self.k)
            self.found = [(self.words[j], s) for j, s in near]
            if i < self.n_points:
                highlight = i
            else:
                rows.append(f"<i>{html.escape(self.selected)} is not among the {self.n_points:,} shown</i>")
            rows.append(f"<b>nearest to {html.escape(self.selected)}</b> (cosine, all {self.dim} dimensions)")
            rows += [f"<code>{html.escape(w):<16s} {s:5.2f}</code>" for w, s in self.found]
            for j, _ in near:
                if j < self.n_points:
                    marked.append(j)
                    if highlight >= 0:
                        lines.append([highlight, j, _NEIGHBOUR])
        if self.analogy.value.strip():
            try:
                words = parse_analogy(self.analogy.value)
                ids = [self.lookup(w) for w in words]
                missing = [w for w, j in zip(words, ids) if j is None]
                if missing:
                    raise ValueError(f"{', '.join(missing)} not in the vocabulary")
            except ValueError as exc:
                rows.append(f'<span style="color:#b00020">{html.escape(str(exc))}</span>')
            else:
                a, b, c = ids
                d, cos = self.solve(a, b, c)
                self.result = (self.words[d], cos)
                rows.append(f"<b>{' - '.join(words[:2])} + {words[2]}</b> = "
                            f'<span style="color:{_ANALOGY}"><b>{html.escape(self.words[d])}</b></span> '
                            f"(cosine {cos:.2f})")
                corners = [b, a, d, c]   # the parallelogram: b -> a, then the same offset from c -> d
                if all(j < self.n_points for j in corners):
                    lines += [[corners[m], corners[(m + 1) % 4], _ANALOGY] for m in range(4)]
                    marked += corners
                else:
                    rows.append(f"<i>(some of its words are not among the {self.n_points:,} shown)</i>")
        if self.caption:
            rows.append(f'<span style="color:#555;font-size:90%">{html.escape(self.caption)}</span>')
        self.panel.value = "<br>".join(rows)
        with self.cloud.hold_sync():
            self.cloud.marked = sorted(set(marked))
            self.cloud.lines = lines
            self.cloud.highlight = highlight


__all__ = ["EmbeddingProjector"]
