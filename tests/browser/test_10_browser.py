"""10_latent_diffusion in a real browser: run all, drag the step-t slider, the noise slerp and the guidance
scale, and pick another digit in the guidance menu: each picture changes, the sliders answer within two frames
(issue #25), and nothing fails."""
from __future__ import annotations

import json
import time

import pytest


@pytest.mark.runs_notebook("10_latent_diffusion")
def test_10_time_walk_and_guidance_sliders(lab):
    nb = lab.open_course("10_latent_diffusion")
    nb.run_all(timeout_s=400)
    nb.assert_no_errors()
    plots = nb.liveplots()
    assert plots.count() == 3, f"10 has three live widgets (time, slerp walk, guidance), found {plots.count()}"
    # 0: the DDIM step slider; 1: the slerp t slider; 2: a digit menu and the guidance slider w
    for i in range(3):
        assert plots.nth(i).locator(".widget-slider .noUi-handle").count() == 1
    assert plots.nth(2).locator("select").count() == 1

    rows = []
    for plot, key in ((0, "DDIM step"), (1, "slerp t"), (2, "guidance w")):
        first = nb.image_src(plot)
        assert first.startswith(("blob:", "data:", "frame:")), f"no picture in live plot {plot}: {first!r}"
        rows.append(nb.drag(plot, 0))
        assert nb.image_src(plot) != first, f"the picture of live plot {plot} ({key}) did not change"
    before = nb.image_src(2)
    nb.liveplots().nth(2).locator("select").select_option("7")           # another digit: a new picture
    deadline = time.time() + 20
    while nb.image_src(2) == before and time.time() < deadline:
        time.sleep(0.05)
    assert nb.image_src(2) != before, "choosing another digit did not redraw the guidance plot"
    nb.assert_no_errors()
    print(json.dumps(rows))
    nb.assert_within_two_frames(rows)

    # the exercises' checks ran on the empty stubs (functions that return None) and said so; solutions are folded
    assert nb.page.locator("text=did you forget").count() >= 1
