"""The topic mixer in the page (notebook 08): the view that mixes and draws there, the words it needs, and the
static fallback's script, which runs the same drawing code.

:class:`MixerView` is an anywidget whose front end, ``topic_mixer.js``, is loaded from this package
(nothing from the network). It holds the data (the topics' probabilities of the words it may show, the
documents' proportions, places on the map, snippets and classes) and reads the sliders' models; on every
slider change it computes ``p(w) = sum_k m_k phi_k(w)`` and the documents' distances in the order
:func:`mixed` and ``TopicMixer.distances`` use, so the page and the kernel agree to the last bit.
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import anywidget
import ipywidgets as W
import numpy as np
import traitlets as T

from ._draw import PALETTE

if TYPE_CHECKING:
    from .topic_mixer import TopicMixer

#: topic colours: tab10, then tab20's lighter shades for topics 10-19
TOPIC_COLOURS = PALETTE + ("#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
                           "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5")
#: document classes on the map: marker shapes (matplotlib's letters) in greys (the topics own the colours)
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
CLASS_GREYS = ("#555555", "#8a8a8a", "#b08080", "#8080b0")

_JS = Path(__file__).with_name("topic_mixer.js")
_VIEW_ONLY = "// ---- the anywidget view"
#: relative margin by which a word must beat another in every topic to outrank it whatever the rounding
_MARGIN = 1e-9


def mixed(m: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """``p = sum_k m[k] * phi[k]``, added topic by topic in order: the order the page adds them in, so that the
    page and the kernel get the same numbers to the last bit (``m @ phi`` may add in another order).

    >>> mixed(np.array([0.25, 0.75]), np.array([[0.5, 0.5], [0.0, 1.0]])).tolist()
    [0.125, 0.875]
    """
    p = np.zeros(phi.shape[1])
    for k in range(len(m)):
        p += m[k] * phi[k]
    return p


def contenders(phi: np.ndarray, n: int) -> np.ndarray:
    """The words (column indices of ``phi``, increasing) that can be among the ``n`` most probable words of
    some mixture ``p = m @ phi`` (``m >= 0``, not all 0; equal probabilities ranked by index, as a stable
    sort does). Every other word has at least ``n`` words above it whatever the mixture: words at least as
    probable in every topic and earlier in the vocabulary, or more probable in every topic by a margin that
    no rounding can undo. The page needs only these words to find the same top ``n`` as the kernel.

    ``phi`` ``(K, V)``; costs about ``K * V**2`` comparisons for the words not ruled out at once (those
    below the ``n``-th largest smallest-probability in every topic).

    >>> phi = np.array([[0.5, 0.3, 0.1, 0.1], [0.1, 0.2, 0.1, 0.6]])   # word 2 is below words 0 and 1 everywhere
    >>> contenders(phi, 1).tolist(), contenders(phi, 2).tolist(), contenders(phi, 3).tolist()
    ([0, 1, 3], [0, 1, 3], [0, 1, 2, 3])
    """
    phi = np.asarray(phi, np.float64)
    V = phi.shape[1]
    if n >= V:
        return np.arange(V)
    # n words whose smallest probability is >= t outrank every word whose largest is below t (by the margin)
    t = np.sort(phi.min(axis=0))[-n]
    alive = np.flatnonzero(phi.max(axis=0) * (1 + _MARGIN) > t) if t > 0 else np.arange(V)
    P = phi[:, alive].T                                         # (A, K); a word's outrankers are all alive
    above = np.zeros(len(alive), dtype=np.int64)
    chunk = max(1, int(4e6 // max(1, P.size)))
    for s0 in range(0, len(alive), chunk):
        S = P[s0:s0 + chunk, None, :]                           # the candidates above, (c, 1, K)
        at_least = (S >= P[None]).all(axis=-1)                  # (c, A): >= in every topic
        clearly = ((S >= P[None] * (1 + _MARGIN)) & (S > 0)).all(axis=-1)
        earlier = alive[s0:s0 + chunk, None] < alive[None, :]
        above += (at_least & (earlier | clearly)).sum(axis=0)
    return alive[above < n]


class MixerView(anywidget.AnyWidget):
    """The topic mixer's picture in the page (``topic_mixer.js``): ``data`` holds what mixing and drawing need
    (the topics' word probabilities and the documents; arrays as little-endian float64 bytes), ``controls``
    the sliders, which the page reads directly. It mixes and draws on every slider change.

    For the page's tests it is a ``.latent-frameview`` like :class:`~latent_helpers.widgets.frames.FrameView`:
    ``data-shown`` counts the pictures drawn, ``data-state`` holds the values of the last one, ``data-ready``
    the number of sliders (all of them can be drawn at once) and ``data-frames`` 0 (no pictures are sent)."""

    _esm = _JS
    controls = T.List(T.Instance(W.Widget)).tag(sync=True, **W.widget_serialization)
    data = T.Dict().tag(sync=True)
    kind = T.Unicode("TopicMixer").tag(sync=True)

    def __init__(self, controls: list[W.ValueWidget], data: dict):
        super().__init__(controls=list(controls), data=data)


def page_data(mixer: TopicMixer, keep: np.ndarray, note: str, as_bytes: bool, digits: tuple[int, int] = (5, 3)) -> dict:
    """What the page's drawing (``topic_mixer.js``) needs of ``mixer``, with the words ``keep`` (vocabulary
    indices, increasing) and ``note`` (what they approximate, or ""): arrays as float64 bytes (the live view:
    exact), or as lists rounded to ``digits`` (phi's, theta's; the static fallback: smaller)."""
    if as_bytes:
        arr = lambda a, _: np.ascontiguousarray(a, dtype="<f8").tobytes()  # noqa: E731
    else:
        arr = lambda a, n: np.round(np.asarray(a, float), n).tolist()  # noqa: E731
    names, labels = mixer.label_names, mixer.labels
    classes: dict = {"classes": None}
    if labels is not None:
        n = int(labels.max()) + 1 if labels.size else 0
        classes = {"classes": labels.tolist(), "class_names": [names[c] if names else f"class {c}" for c in range(n)],
                   "class_markers": [CLASS_MARKERS[c % len(CLASS_MARKERS)] for c in range(n)],
                   "class_greys": [CLASS_GREYS[c % len(CLASS_GREYS)] for c in range(n)]}
    tags = ([(f"[{names[c]}]" if names else f"[class {c}]") for c in labels] if labels is not None
            else [""] * len(mixer.doc_texts))
    snippets = [textwrap.shorten(" ".join(t.split()), mixer.SNIPPET, placeholder="...") or "(empty)"
                for t in mixer.doc_texts]
    K = len(mixer.topic_word)
    return {"names": list(mixer.topic_names), "colours": [TOPIC_COLOURS[k % len(TOPIC_COLOURS)] for k in range(K)],
            "words": [mixer.vocabulary[i] for i in keep], "phi": arr(mixer.topic_word[:, keep], digits[0]),
            "theta": arr(mixer.doc_topic, digits[1]), "xy": arr(mixer.doc_xy, 3),
            "corners": np.round(mixer.corners, 6).tolist(), "n_words": mixer.n_words, "n_docs": mixer.n_docs,
            "snippets": snippets, "tags": tags, "note": note, **classes}


def fallback_script() -> str:
    """The static fallback's script: the page's drawing code (``topic_mixer.js`` up to its anywidget view,
    ``export`` removed), and a few lines that draw at the values of the page's range inputs, into its picture.
    Wrapped in a function, so two mixers on one page do not share names."""
    drawing = _JS.read_text().split(_VIEW_ONLY)[0].replace("export function", "function")
    return ("(function () {\n" + drawing + """
var root = document.currentScript.closest('.latent-static');
var img = root.querySelector('.latent-static-frame');
var caption = root.querySelector('.latent-static-caption');
var inputs = Array.prototype.slice.call(root.querySelectorAll('.latent-static-slider'));
var canvas = document.createElement('canvas');
var data = JSON.parse(root.querySelector('.latent-static-data').textContent);
var mixer = null;
function problem(err) {
  caption.textContent = 'The mixer could not draw: ' + (err && err.message ? err.message : String(err));
  caption.style.color = '#b00020';
}
function show(weights) {
  try {
    mixer = mixer || makeMixer(canvas, prepare(data));
    mixer.draw(weights);
    img.src = canvas.toDataURL('image/png');
    img.style.width = mixer.width + 'px';
    img.style.height = 'auto';
  } catch (err) { problem(err); }
}
inputs.forEach(function (input) {
  input.addEventListener('input', function () {
    var w = inputs.map(function (one) { return Number(one.value) / 20; });
    inputs.forEach(function (one, k) { one.nextElementSibling.textContent = w[k].toFixed(2); });
    show(w);
  });
});
show(data.start);
})();""")


__all__ = ["CLASS_GREYS", "CLASS_MARKERS", "TOPIC_COLOURS", "MixerView", "contenders", "fallback_script", "mixed",
           "page_data"]
