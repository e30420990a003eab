"""Sphinx configuration of the course's book (scripts/make_book.py builds it; README: "The course as a website").

Everything the pages load is served from the built folder: the theme's own CSS, JavaScript and fonts,
MathML for the math (book_mathml.py, beside this file), and the course's small stylesheet. Nothing is
executed: the notebooks are rendered with the outputs they were committed with.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import colab  # noqa: E402

project = "Latent Space"
author = "the Latent Space course"
copyright = "the Latent Space course authors (code: MIT)"
extensions = ["myst_nb", "book_mathml"]
exclude_patterns = ["_doctrees", "**/.ipynb_checkpoints"]
root_doc = "index"

# notebooks as committed: never executed here
nb_execution_mode = "off"
# no widget manager from a CDN: the book shows each widget's static fallback or its picture instead
nb_ipywidgets_js = {}
nb_merge_streams = True
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3   # GitHub's heading anchors, so README's "#without-make-..." links work

html_theme = "sphinx_book_theme"
html_title = "Latent Space"
html_math_renderer = "mathml"
html_static_path = [str(HERE / "_static")]
html_css_files = ["latent-book.css"]
html_favicon = str(HERE / "_static" / "favicon.svg")   # else browsers ask for /favicon.ico, which 404s
# the reader's light or dark setting; an empty mode would log a console error on a first visit
html_context = {"default_mode": "auto"}
html_copy_source = False      # the download button serves the committed notebook instead
html_show_sourcelink = False
html_use_index = False        # no general index: the course has no index entries
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": f"https://github.com/{colab.REPO}",
    "repository_branch": colab.BRANCH,
    "use_repository_button": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
