"""Figures drawn for a projected slide: imported by the kernel that `make slides` runs a notebook in.

A notebook's figures are drawn for a page: 80 dpi, 10-point tick labels, which on a projected slide
come out at a third of the height of the slide's text. On a slide a figure fills a box of
``BOX_WIDTH`` x ``BOX_HEIGHT`` pixels (scripts/slides/course.css, ``.deck-figure``), so before a
figure is drawn into a picture, :func:`fit` gives it the resolution at which its size fills that box and
raises every text of it (tick labels, axis labels, titles, legends, annotations) to at least
``TEXT_PX`` pixels, the size of the slide's body text. Each picture records the height of its
smallest text, in its own pixels, in a PNG text chunk (``SMALLEST_TEXT_KEY``); the browser test
multiplies it by the scale the picture is drawn at and compares it with the slide's body text.

:func:`install` makes every figure of the kernel go through :func:`fit`: the pictures of ``plt.show()``
and ``savefig`` (both go through ``FigureCanvasBase.print_figure``) and the first frame of a
``lh.LivePlot`` widget (its PNG encoder). Nothing here changes a notebook: only the deck's run uses it.
"""
from __future__ import annotations

import io

#: The box a figure fills on a 1280 x 720 slide, in CSS pixels (scripts/slides/course.css).
BOX_WIDTH, BOX_HEIGHT = 1180, 430
#: The smallest text of a figure on a slide, in CSS pixels: the slide's body text is 26 px.
TEXT_PX = 27
#: The PNG text chunk that carries the height of the picture's smallest text (its own pixels).
SMALLEST_TEXT_KEY = "latent-smallest-text-px"
_DONE = "_latent_slide_dpi"


def _texts(fig) -> list:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def fit(fig) -> float:
    """Give ``fig`` the dpi at which it fills the slide's figure box and raise its texts to ``TEXT_PX``
    at that dpi; return the dpi. Calling it again on the same figure changes nothing more."""
    done = getattr(fig, _DONE, None)
    if done is not None:
        return done
    width, height = fig.get_size_inches()
    dpi = 0.9 * min(BOX_WIDTH / width, BOX_HEIGHT / height)   # room for what a tight crop adds
    points = TEXT_PX * 72 / dpi
    fig.set_dpi(dpi)
    for ax in fig.axes:
        ax.tick_params(which="both", labelsize=max(points, 1.0))
        ax.xaxis.get_offset_text().set_fontsize(points)
        ax.yaxis.get_offset_text().set_fontsize(points)
    for text in _texts(fig):
        if text.get_fontsize() < points:
            text.set_fontsize(points)
    _relayout(fig)
    for _ in range(3):   # text outside the axes (a legend, a suptitle) widens the cropped picture: make up for it
        shrink = _shrink(fig, dpi)
        if shrink >= 0.995 or shrink < 0.8:   # below 0.8 the figure is too crowded for a slide: leave it
            break                            # (the browser test then names it)
        for ax in fig.axes:
            ax.tick_params(which="both", labelsize=points / shrink)
        for text in _texts(fig):
            text.set_fontsize(text.get_fontsize() / shrink)
        points /= shrink
        _relayout(fig)
    setattr(fig, _DONE, dpi)
    return dpi


def _shrink(fig, dpi: float) -> float:
    """The scale at which the figure, cropped to what it draws (as ``bbox_inches="tight"`` does), fits the box."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return min(1.0, BOX_WIDTH / (box.width * dpi + 8), BOX_HEIGHT / (box.height * dpi + 8))


def _relayout(fig) -> None:
    engine = fig.get_layout_engine() if hasattr(fig, "get_layout_engine") else None
    if "Constrained" in type(engine).__name__:   # constrained layout lays the figure out again itself
        return
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fig.tight_layout()
        except Exception:  # a figure tight_layout cannot handle keeps its own layout
            pass


def smallest_text_px(fig, dpi: float, draw: bool = True) -> float | None:
    """The height in pixels (at ``dpi``) of the smallest text ``fig`` draws; None if it draws none.
    Tick labels exist once the figure is drawn: ``draw=False`` when it just was."""
    if draw:
        fig.canvas.draw()
    sizes = [t.get_fontsize() for t in _texts(fig)]
    return min(sizes) * dpi / 72 if sizes else None


def _stamp(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"


def with_text_chunk(png: bytes, value: float | None) -> bytes:
    """PNG bytes with the smallest-text chunk added (the pixels are unchanged)."""
    from PIL import Image, PngImagePlugin

    image = Image.open(io.BytesIO(png))
    info = PngImagePlugin.PngInfo()
    info.add_text(SMALLEST_TEXT_KEY, _stamp(value))
    out = io.BytesIO()
    image.save(out, format="png", pnginfo=info, dpi=image.info.get("dpi", (72, 72)))
    return out.getvalue()


def smallest_text_of(png: bytes) -> str | None:
    """The smallest-text chunk of a PNG ("none" for a picture without text), None if it has none."""
    from PIL import Image

    return Image.open(io.BytesIO(png)).text.get(SMALLEST_TEXT_KEY)


def install() -> None:
    """Route every figure of this process through :func:`fit` before it becomes a picture."""
    from matplotlib.backend_bases import FigureCanvasBase

    if getattr(FigureCanvasBase.print_figure, "_latent_slide", False):
        return
    original = FigureCanvasBase.print_figure

    def print_figure(self, filename, *args, **kwargs):
        fig = self.figure
        dpi = fit(fig)
        kwargs["dpi"] = dpi
        fmt = kwargs.get("format") or (filename.rsplit(".", 1)[-1] if isinstance(filename, str) else "png")
        if str(fmt).lower() == "png":
            metadata = dict(kwargs.get("metadata") or {})
            metadata[SMALLEST_TEXT_KEY] = _stamp(smallest_text_px(fig, dpi))
            kwargs["metadata"] = metadata
        return original(self, filename, *args, **kwargs)

    print_figure._latent_slide = True
    FigureCanvasBase.print_figure = print_figure

    from latent_helpers.widgets import live

    encode = live.encode_png

    def encode_png(canvas):
        fig = canvas.figure
        if getattr(fig, _DONE, None) is None:  # the first frame: draw it again, for the slide
            dpi = fit(fig)
            canvas.draw()
            fig._latent_smallest_text = smallest_text_px(fig, dpi, draw=False)
            for artist in fig.findobj(lambda a: a.get_animated()):
                fig.draw_artist(artist)
        return with_text_chunk(encode(canvas), getattr(fig, "_latent_smallest_text", None))

    live.encode_png = encode_png
