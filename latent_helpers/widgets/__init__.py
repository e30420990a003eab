"""Interactive pieces built on ipywidgets 8: one module per widget.

==================  =================================================================================
module              holds
==================  =================================================================================
``live.py``         :class:`LivePlot`, the mechanism every widget is: controls above a picture that a
                    draw function redraws; the one render path and PNG encoder; the ``image/png``
                    first frame for readers without a kernel
``sliders.py``      :class:`LatentSliders`: one slider per latent dimension, the decoded picture
``interpolator.py`` :class:`Interpolator`: a slider ``t`` along a path of codes, picture and latent map
``demo.py``         :func:`blend_demo`: notebook 00's pixel-mixing slider
``inversion.py``    :class:`FamilyBlend`: two parents, their inverted codes, a slider ``t`` between them (06)
``embedding_*.py``  :class:`EmbeddingExplorer` (``embedding_explorer.py``): word vectors in 3-D, a word
                    box, neighbours, analogies (07)
``topic_mixer.py``  :class:`TopicMixer`: one slider per topic weight, the mixed words, the nearest documents (08);
                    :func:`polygon_corners`, where it puts the topics
``topic_page.py``   the topic mixer in the page: :class:`MixerView` (front end ``topic_mixer.js``, which mixes
                    and draws at every slider change), the words it needs, its static fallback's script
``cloud3d.py``      :class:`Cloud3D`: points in 3-D that turn, zoom and name themselves in the page;
                    :class:`CloudExplorer`: menus choosing its codes and colours (02)
``projector.py``    :class:`EmbeddingProjector`: 07's projector on a :class:`Cloud3D` (PCA/t-SNE, search,
                    neighbours on click, the analogy's parallelogram)
``frames.py``       :class:`FrameView`: a live plot's picture in the page, and the strips sent ahead
``static.py``       the static fallbacks (``text/html``) for pages with no kernel
``_draw.py``        private drawing pieces: one image in an axes, a raster scatter, class colours
==================  =================================================================================

Notebooks 06-08 add one module each: the family blend (06), the embedding explorer (07) and the topic
mixer (08), each a :class:`LivePlot` with its own draw function; the topic mixer draws in the page
instead, and its matplotlib picture is only the still image for readers without a kernel.

Widgets that decode take any decoder of the course's one contract (:mod:`latent_helpers.decoding`):
a torch module, a bound method of one, or a function of codes ``(n, k)``; a notebook never writes
an adapter. Pictures come in any layout of the image contract (:mod:`latent_helpers.images`). Latent dimensions are named ``z0, z1, ...``, the index of ``Z[:, 0], Z[:, 1], ...``.
"""
from .cloud3d import Cloud3D, CloudExplorer
from .demo import blend_demo
from .embedding_explorer import EmbeddingExplorer
from .interpolator import Interpolator
from .inversion import FamilyBlend
from .live import LivePlot
from .projector import EmbeddingProjector
from .sliders import LatentSliders
from .topic_mixer import TopicMixer, polygon_corners

__all__ = ["Cloud3D", "CloudExplorer", "EmbeddingExplorer", "EmbeddingProjector", "FamilyBlend", "Interpolator", "LatentSliders", "LivePlot", "TopicMixer", "blend_demo",
           "polygon_corners"]
