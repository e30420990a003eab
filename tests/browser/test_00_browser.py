"""00_start_here in a real browser: runs top to bottom, the demo slider answers within two frames, nothing fails."""
import pytest


@pytest.mark.runs_notebook("00_start_here")
def test_00_runs_and_its_slider_answers_within_two_frames(lab):
    nb = lab.open_course("00_start_here")
    nb.run_all(timeout_s=180)
    assert nb.liveplots().count() == 1, "00 has one live demo"
    first = nb.image_src(0)
    assert first.startswith(("blob:", "data:", "frame:")), f"no picture in the demo: {first!r}"
    row = nb.drag(0, 0)
    assert nb.image_src(0) != first
    print(f"00 demo slider: {row}")
    nb.assert_within_two_frames([row])
    # the exercises' checks ran on the empty stubs and said so (solutions are folded, not run)
    assert nb.page.locator("text=No answer yet").count() >= 1
    nb.assert_no_errors()
