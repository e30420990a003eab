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
``topic_mixer.py``  :class:`TopicMixer`: one slider per topic weight, the mixed words, the nearest documents (08)
``_draw.py``        private drawing pieces: one image in an axes, a raster scatter, class colours
==================  =================================================================================

Notebooks 06-08 add one module each here: an inversion/blend viewer (06), an embedding explorer
(07; both to come) and a topic mixer (08), each a :class:`LivePlot` with its own draw function.

Widgets that decode take any decoder of the course's one contract (:mod:`latent_helpers.decoding`):
a torch module, a bound method of one, or a function of codes ``(n, k)``; a notebook never writes
an adapter. Latent dimensions are named ``z0, z1, ...``, the index of ``Z[:, 0], Z[:, 1], ...``.
"""
from .demo import blend_demo
from .interpolator import Interpolator
from .live import LivePlot
from .sliders import LatentSliders
from .topic_mixer import TopicMixer

__all__ = ["LivePlot", "LatentSliders", "Interpolator", "blend_demo", "TopicMixer"]
