"""A Sphinx math renderer that writes MathML at build time, so the book's pages need no MathJax and no CDN.

Browsers draw MathML themselves (Chromium since version 109, Firefox and Safari for longer). The TeX of
each formula is converted by latex2mathml, the converter `make slides` uses too; a formula it cannot
convert is a build warning (so ``make book`` fails on it) and stays on the page as its TeX.

In conf.py: ``extensions = [..., "book_mathml"]`` and ``html_math_renderer = "mathml"``.
"""
from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _mathml(translator, node, tex: str, display: str) -> str:
    try:
        return convert(tex.strip(), display=display)
    except Exception as exc:  # latex2mathml raises its own errors and plain ones alike
        logger.warning("could not turn the formula %r into MathML (%s)", tex, exc, location=node)
        return translator.encode(tex)


def visit_math(translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math"))
    translator.body.append(_mathml(translator, node, node.astext(), "inline") + "</span>")
    raise nodes.SkipNode


def visit_math_block(translator, node: nodes.math_block) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math"))
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    for part in parts:
        translator.body.append(_mathml(translator, node, part, "block"))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
