"""JavaScript the browser tests run in the page."""

# A pointer move on a 3-D cloud's canvas every animation frame for two seconds; returns the frames it
# drew per second (the page's own rotation rate, whatever the test driver's speed).
TURN = """async (index) => {
  const host = document.querySelectorAll('.latent-cloud3d')[index];
  const canvas = host.querySelector('canvas');
  const r = canvas.getBoundingClientRect();
  const x0 = r.left + r.width / 2, y0 = r.top + r.height / 2;
  const at = (x, y) => ({ clientX: x, clientY: y, pointerId: 1, isPrimary: true, bubbles: true });
  canvas.dispatchEvent(new PointerEvent('pointerdown', at(x0, y0)));
  const f0 = Number(host.dataset.frames), t0 = performance.now();
  let i = 0;
  await new Promise((done) => {
    const step = () => {
      i += 1;
      canvas.dispatchEvent(new PointerEvent('pointermove', at(x0 + 150 * Math.sin(i / 20), y0 + 40 * Math.cos(i / 27))));
      if (performance.now() - t0 < 2000) requestAnimationFrame(step); else done();
    };
    requestAnimationFrame(step);
  });
  canvas.dispatchEvent(new PointerEvent('pointerup', at(x0, y0)));
  return 1000 * (Number(host.dataset.frames) - f0) / (performance.now() - t0);
}"""
