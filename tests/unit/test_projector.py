"""EmbeddingProjector: search, neighbours on click, the analogy's parallelogram, PCA and t-SNE (once)."""
import numpy as np
import pytest

import latent_helpers as lh
from latent_helpers.widgets.projector import EmbeddingProjector


@pytest.fixture(scope="module")
def vectors():
    g = np.random.default_rng(0)
    V = g.normal(size=(120, 8))
    words = [f"w{i}" for i in range(120)]
    # an analogy that works: king - man + woman = queen, as offsets
    V[0], V[1], V[2] = g.normal(size=8), g.normal(size=8), g.normal(size=8)
    V[3] = V[0] - V[1] + V[2] + 0.01
    words[:4] = ["king", "man", "woman", "queen"]
    return V, words


def _cos(V, a, b):
    return float(V[a] @ V[b] / np.linalg.norm(V[a]) / np.linalg.norm(V[b]))


def test_search_highlights_the_word_and_lists_its_neighbours_by_cosine(vectors):
    V, words = vectors
    p = lh.EmbeddingProjector(V, words, n_points=100, k=5)
    p.search.value = "w10"
    assert p.cloud.highlight == 10 and p.selected == "w10"
    sims = [_cos(V, 10, j) for j in range(120)]
    sims[10] = -2
    want = sorted(range(120), key=lambda j: -sims[j])[:5]
    assert [w for w, _ in p.found] == [words[j] for j in want]
    np.testing.assert_allclose([s for _, s in p.found], [sims[j] for j in want], atol=1e-6)
    assert f"{sims[want[0]]:5.2f}" in p.panel.value and "w10" in p.panel.value
    shown = [j for j in want if j < 100]
    assert p.cloud.marked == sorted(shown) and p.cloud.lines == [[10, j, "#ff7f0e"] for j in shown]
    p.search.value = "nosuchword"
    assert p.cloud.highlight == -1 and "not in the vocabulary" in p.panel.value


def test_a_click_in_the_page_selects_the_point(vectors):
    V, words = vectors
    p = EmbeddingProjector(V, words, n_points=100)
    p.cloud.picked = 42            # what the page sets on a click
    assert p.search.value == "w42" and p.cloud.highlight == 42 and len(p.found) == 8


def test_the_analogy_draws_its_parallelogram(vectors):
    V, words = vectors
    p = EmbeddingProjector(V, words, n_points=100, analogy="king - man + woman")
    assert p.result[0] == "queen" and p.result[1] > 0.9
    b, a, d, c = 1, 0, 3, 2       # man -> king, king -> queen, queen -> woman, woman -> man
    assert p.cloud.lines == [[b, a, "#2ca02c"], [a, d, "#2ca02c"], [d, c, "#2ca02c"], [c, b, "#2ca02c"]]
    assert set(p.cloud.marked) >= {0, 1, 2, 3} and "queen" in p.panel.value
    p.analogy.value = "king + man"
    assert p.result is None and "a - b + c" in p.panel.value


def test_tsne_is_computed_once_on_the_shown_words(vectors):
    V, words = vectors
    p = EmbeddingProjector(V, words, n_points=60)
    pca = np.array(p.cloud.points)
    p.menu.value = "t-SNE"
    assert p.tsne_runs == 1 and len(p.cloud.points) == 60 and not np.allclose(p.cloud.points, pca)
    p.menu.value = "PCA"
    np.testing.assert_allclose(p.cloud.points, pca)
    p.menu.value = "t-SNE"
    assert p.tsne_runs == 1 and p.projection("t-SNE").shape == (60, 3)


def test_its_output_has_a_still_picture_and_a_fallback(vectors):
    V, words = vectors
    p = EmbeddingProjector(V, words, n_points=100, word="king", analogy="king - man + woman")
    bundle = p._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/html"} <= set(bundle)
    assert bundle["text/html"].startswith('<div class="latent-static" data-widget="Cloud3D">')
    assert '"queen"' in bundle["text/html"]
