"""Static fallbacks: a live plot's pictures along each control, with a few lines of JavaScript that swap them,
for pages with no kernel (the course's website, nbviewer with scripts on).

The fallback is the ``text/html`` entry of the widget's output, beside the widget view (a live kernel
shows the real widget) and the still ``image/png`` (GitHub shows that)::

    <div class="latent-static" data-widget="LatentSliders">
      <img class="latent-static-frame" alt="..." src="data:image/png;base64,...">
      <input type="range" class="latent-static-slider" ...>   one per control
      <script>...</script>                                     self-contained; loads nothing
    </div>

It covers one control at a time from the values the widget was shown with: moving one slider puts
the others back where they started (the caption says so). Every picture is a ``data:`` URI; the
script finds its own container and listens to ``input``.
"""
from __future__ import annotations

import base64
import html
import io
import json

from PIL import Image

#: bytes of one widget's fallback, and of all fallbacks in one notebook
WIDGET_BUDGET = 300_000
NOTEBOOK_BUDGET = 3_000_000

_SCRIPT = """(function () {
  var root = document.currentScript.closest('.latent-static');
  var frames = JSON.parse(root.querySelector('.latent-static-data').textContent);
  var img = root.querySelector('.latent-static-frame');
  var inputs = root.querySelectorAll('.latent-static-slider');
  function show(k) {
    inputs.forEach(function (other, j) {
      if (j !== k) { other.value = frames.starts[j]; other.nextElementSibling.textContent = frames.labels[j][frames.starts[j]]; }
    });
    var i = Number(inputs[k].value);
    inputs[k].nextElementSibling.textContent = frames.labels[k][i];
    img.src = 'data:image/png;base64,' + frames.pictures[k][i];
  }
  inputs.forEach(function (input, k) { input.addEventListener('input', function () { show(k); }); });
})();"""


#: the ways to make a fallback smaller, tried in order: (pictures per control, scale, colours)
LADDER = ((21, 1.0, 64), (15, 1.0, 64), (9, 1.0, 64), (9, 1.0, 16), (7, 0.75, 16), (5, 0.75, 16),
          (5, 0.5, 16), (3, 0.5, 16))


def quantized(png: bytes, colours: int = 64, scale: float = 1.0) -> bytes:
    """``png`` with at most ``colours`` colours (a palette PNG: a third to a tenth of the bytes for plots),
    ``scale`` times its size (the page scales it back)."""
    im = Image.open(io.BytesIO(png)).convert("RGB")
    if scale != 1.0:
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.LANCZOS)
    im = im.quantize(colors=colours, method=Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    im.save(buf, format="png", optimize=True)
    out = buf.getvalue()
    return out if len(out) < len(png) else png


def fallback_html(widget: str, names: list[str], labels: list[list[str]], pictures: list[list[bytes]],
                  starts: list[int], still: bytes, width: int, height: int, caption: str,
                  pixelated: bool = False) -> str:
    """The fallback's HTML: control ``k`` is named ``names[k]`` and shows ``pictures[k][i]`` (PNG bytes),
    labelled ``labels[k][i]``, at position ``i``; it starts at ``starts[k]``; ``still`` is the first picture."""
    if not (len(names) == len(labels) == len(pictures) == len(starts)):
        raise ValueError("names, labels, pictures and starts need one entry per control")
    b64 = lambda png: base64.b64encode(png).decode("ascii")  # noqa: E731
    data = {"labels": labels, "starts": starts, "pictures": [[b64(p) for p in ps] for ps in pictures]}
    style = f"width:{int(width)}px;height:{int(height)}px;max-width:100%;object-fit:contain"
    if pixelated:
        style += ";image-rendering:pixelated"
    rows = []
    for k, name in enumerate(names):
        rows.append(f'<label style="display:block;font:13px sans-serif">{html.escape(name)} '
                    f'<input type="range" class="latent-static-slider" min="0" max="{len(pictures[k]) - 1}" step="1" '
                    f'value="{starts[k]}" aria-label="{html.escape(name)}" style="vertical-align:middle">'
                    f'<output>{html.escape(labels[k][starts[k]])}</output></label>')
    alt = f"{widget}: the picture at the starting values (drag a slider below to change it)"
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    return (f'<div class="latent-static" data-widget="{html.escape(widget)}">\n'
            f'<img class="latent-static-frame" alt="{html.escape(alt)}" style="{style}" '
            f'src="data:image/png;base64,{b64(still)}">\n' + "\n".join(rows) + "\n"
            f'<p class="latent-static-caption" style="font:12px sans-serif;color:#555">{html.escape(caption)}</p>\n'
            f'<script type="application/json" class="latent-static-data">{payload}</script>\n'
            f"<script>{_SCRIPT}</script>\n</div>")


def static_html(widget: str, names: list[str], maxima: list[int], starts: list[int], readouts: list[str],
                data: dict, script: str, still: bytes, width: int, height: int, caption: str) -> str:
    """A fallback that computes its pictures in the page: range inputs ``0 .. maxima[k]`` starting at
    ``starts[k]``, ``data`` as JSON for ``script`` (which draws into the ``<img>``)."""
    b64 = base64.b64encode(still).decode("ascii")
    rows = [f'<label style="display:block;font:13px sans-serif">{html.escape(n)} '
            f'<input type="range" class="latent-static-slider" min="0" max="{mx}" step="1" value="{st}" '
            f'aria-label="{html.escape(n)}" style="vertical-align:middle"><output>{html.escape(ro)}</output></label>'
            for n, mx, st, ro in zip(names, maxima, starts, readouts)]
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    alt = f"{widget}: the picture at the starting values (drag a slider below to change it)"
    return (f'<div class="latent-static" data-widget="{html.escape(widget)}">\n'
            f'<img class="latent-static-frame" alt="{html.escape(alt)}" '
            f'style="width:{int(width)}px;height:{int(height)}px;max-width:100%;object-fit:contain" '
            f'src="data:image/png;base64,{b64}">\n' + "\n".join(rows) + "\n"
            f'<p class="latent-static-caption" style="font:12px sans-serif;color:#555">{html.escape(caption)}</p>\n'
            f'<script type="application/json" class="latent-static-data">{payload}</script>\n'
            f"<script>{script}</script>\n</div>")


def spread(n_positions: int, start: int, most: int) -> list[int]:
    """At most ``most`` positions of ``0 .. n_positions - 1``, evenly spread, always with both ends and ``start``.

    >>> spread(101, 37, 5)
    [0, 37, 50, 75, 100]
    """
    if n_positions <= most:
        return list(range(n_positions))
    picks = sorted({round(i * (n_positions - 1) / (most - 1)) for i in range(most)})
    if start not in picks:
        nearest = min((p for p in picks if p not in (0, n_positions - 1)), key=lambda p: abs(p - start))
        picks[picks.index(nearest)] = start
    return sorted(picks)


__all__ = ["LADDER", "NOTEBOOK_BUDGET", "WIDGET_BUDGET", "fallback_html", "quantized", "spread", "static_html"]
