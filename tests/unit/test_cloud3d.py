"""Cloud3D and CloudExplorer: the points the page turns, the menus that swap them, and the fallback."""
import json
import re

import numpy as np
import pytest

import latent_helpers as lh
from latent_helpers.widgets.cloud3d import Cloud3D, CloudExplorer, unit_box, value_colours
from latent_helpers.widgets.static import WIDGET_BUDGET


def test_points_are_put_in_the_unit_box_with_their_colours_and_labels():
    g = np.random.default_rng(0)
    P = g.normal(size=(50, 3)) * [10, 1, 1] + 5
    c = Cloud3D(P, colours="#123456", labels=[f"p{i}" for i in range(50)])
    Q = np.array(c.points)
    assert Q.shape == (50, 3) and np.isclose(np.abs(Q).max(), 1.0, atol=1e-3)
    np.testing.assert_allclose(Q, unit_box(P), atol=1e-4)     # the same shape, centred and scaled
    assert c.colours == ["#123456"] * 50 and c.labels[7] == "p7"
    with pytest.raises(ValueError, match=r"\(n, 3\)"):
        c.set_points(np.zeros((4, 2)))
    with pytest.raises(ValueError, match="one per point"):
        c.set_points(np.zeros((4, 3)), colours=["#000"] * 3)


def test_the_explorer_menus_swap_codes_and_colours():
    g = np.random.default_rng(1)
    codes = {"a": g.normal(size=(40, 3)), "b": g.normal(size=(40, 3)) * 3}
    by = {"x": g.random(40), "y": np.linspace(0, 1, 40)}
    e = lh.CloudExplorer(codes, by, title="t")
    first = e.cloud.points
    e.encoder.value = "b"
    np.testing.assert_allclose(e.cloud.points, np.round(unit_box(codes["b"]), 4))
    assert e.cloud.points != first and "b codes" in e.cloud.title
    e.colour.value = "y"
    assert e.cloud.colours == value_colours(by["y"]) and e.cloud.colours[0] == "#440154"


def test_the_output_carries_a_still_picture_and_a_turning_fallback():
    g = np.random.default_rng(2)
    e = CloudExplorer({"ae": g.normal(size=(500, 3))}, {"x": g.random(500)})
    bundle = e._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/png", "text/html"} <= set(bundle)
    html = bundle["text/html"]
    assert html.startswith('<div class="latent-static" data-widget="Cloud3D">') and len(html.encode()) <= WIDGET_BUDGET
    assert "document.currentScript.closest('.latent-static')" in html and "export " not in html
    assert re.search(r'<input type="range" class="latent-static-slider"', html)
    data = json.loads(re.search(r'class="latent-static-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["points"]) == 500 and data["points"] == e.cloud.points
