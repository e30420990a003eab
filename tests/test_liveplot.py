import ipywidgets as W
import numpy as np
import pytest

from latent_helpers.widgets import LivePlot, blend_demo, measure_latency


def _plot():
    s = W.FloatSlider(value=0.0, min=0.0, max=1.0)
    d = W.Dropdown(options=["red", "blue"], value="red")

    def draw(fig, a, colour):
        ax = fig.add_subplot()
        ax.bar([0], [a + 0.1], color=colour)
        ax.set_ylim(0, 1.2)

    return LivePlot(draw, {"a": s, "colour": d}), s, d


def test_first_frame_is_drawn_and_offered_as_png():
    plot, _, _ = _plot()
    assert plot.png.startswith(b"\x89PNG") and plot.renders == 1
    bundle = plot._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "image/png" in bundle


def test_moving_a_control_redraws_the_picture():
    plot, s, d = _plot()
    first = plot.png
    s.value = 0.9
    assert plot.png != first and plot.renders == 2
    second = plot.png
    d.value = "blue"
    assert plot.png != second and plot.values == {"a": 0.9, "colour": "blue"}
    assert len(plot.latencies_ms) == 3


def test_a_failing_callback_is_shown_and_raised():
    s = W.IntSlider(value=1, min=0, max=3)

    def draw(fig, k):
        if k == 0:
            raise ValueError("k must be at least 1")
        fig.add_subplot().plot(range(k))

    plot = LivePlot(draw, {"k": s})
    with pytest.raises(ValueError, match="at least 1"):
        s.value = 0
    assert isinstance(plot.error, ValueError)
    assert "k must be at least 1" in plot.message.value
    s.value = 2  # recovering clears the message
    assert plot.error is None and plot.message.value == ""


def test_bad_construction():
    with pytest.raises(TypeError, match="draw"):
        LivePlot("not callable", {"a": W.FloatSlider()})
    with pytest.raises(ValueError, match="non-empty"):
        LivePlot(lambda fig: None, {})
    with pytest.raises(TypeError, match="control 'a'"):
        LivePlot(lambda fig, a: None, {"a": 3})


def test_blend_demo_mixes_pixels():
    a, b = np.zeros((6, 6)), np.ones((6, 6))
    demo = blend_demo(a, b)
    first = demo.png
    demo.controls["t"].value = 0.5
    assert demo.png != first
    with pytest.raises(ValueError, match="same shape"):
        blend_demo(np.zeros((6, 6)), np.zeros((5, 5)))
    with pytest.raises(ValueError, match="2 dimensions"):
        blend_demo(np.zeros(6), np.zeros(6))


def test_measure_latency_moves_every_live_control():
    plot, _, _ = _plot()
    before = plot.renders
    times = measure_latency(steps=3, plots=[plot])
    # 3 slider values and the one dropdown option that differs are timed; going back redraws too
    assert len(times) == 4 and all(t > 0 for t in times)
    assert plot.renders == before + 4 + 2
    assert plot.values == {"a": 0.0, "colour": "red"}
    assert plot in LivePlot.instances  # the default: every plot made in this kernel


def test_persistent_plots_reuse_one_figure():
    s = W.FloatSlider(value=0.2, min=0.0, max=1.0)
    seen = []

    def draw(fig, a):
        seen.append(fig)
        if not fig.axes:
            fig.add_subplot().imshow(np.full((4, 4), a), vmin=0, vmax=1)
        fig.axes[0].images[0].set_data(np.full((4, 4), a))

    plot = LivePlot(draw, {"a": s}, persistent=True)
    first = plot.png
    s.value = 0.9
    assert plot.png != first and len(seen) == 2 and seen[0] is seen[1]
    assert len(seen[0].axes) == 1
    s.value = 0.2
    assert plot.png == first  # the same state draws the same picture
