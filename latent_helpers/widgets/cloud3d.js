// A 3-D point cloud drawn on a canvas in the page: drag to turn it, wheel to zoom, hover for a point's
// name, click to pick one. Nothing goes to the kernel while turning; a pick sets `picked` (synced).
// The same drawing code serves the static fallback (see cloud3d.py), so it uses no anywidget API inside.

function project(p, yaw, pitch) {
  const cy = Math.cos(yaw), sy = Math.sin(yaw), cp = Math.cos(pitch), sp = Math.sin(pitch);
  const x = cy * p[0] - sy * p[1];
  const y0 = sy * p[0] + cy * p[1];
  return [x, cp * p[2] - sp * y0, sp * p[2] + cp * y0]; // screen x, screen y (up), depth (towards the eye)
}

export function makeCloud(host, get, onPick) {
  const canvas = document.createElement("canvas");
  const tip = document.createElement("div");
  tip.style.cssText = "position:absolute;pointer-events:none;background:rgba(255,255,255,.9);font:12px sans-serif;" +
    "padding:1px 4px;border:1px solid #999;display:none;white-space:nowrap";
  host.style.position = "relative";
  host.appendChild(canvas);
  host.appendChild(tip);
  const g = canvas.getContext("2d");
  const view = { yaw: -0.9, pitch: 0.35, zoom: 1 };
  let screen = [], frames = 0, hover = -1;

  function draw() {
    const d = get();
    const W = d.width, H = d.height, dpr = window.devicePixelRatio || 1;
    if (canvas.width !== W * dpr) { canvas.width = W * dpr; canvas.height = H * dpr; }
    canvas.style.width = W + "px"; canvas.style.height = H + "px";
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = "#fff"; g.fillRect(0, 0, W, H);
    const s = 0.42 * Math.min(W, H) * view.zoom, cx = W / 2, cy = H / 2;
    const n = d.points.length;
    screen = new Array(n);
    const order = [];
    for (let i = 0; i < n; i++) {
      const q = project(d.points[i], view.yaw, view.pitch);
      screen[i] = [cx + s * q[0], cy - s * q[1], q[2]];
      order.push(i);
    }
    order.sort((a, b) => screen[a][2] - screen[b][2]); // far first
    for (const [a, b, colour] of d.lines || []) {
      g.strokeStyle = colour; g.lineWidth = 1.5; g.setLineDash([4, 3]);
      g.beginPath(); g.moveTo(screen[a][0], screen[a][1]); g.lineTo(screen[b][0], screen[b][1]); g.stroke();
    }
    g.setLineDash([]);
    const marked = new Set(d.marked || []);
    for (const i of order) {
      const big = marked.has(i) || i === d.highlight;
      g.fillStyle = i === d.highlight ? "#d62728" : d.colours[i];
      const r = big ? 4 : d.size;
      g.fillRect(screen[i][0] - r / 2, screen[i][1] - r / 2, r, r);
    }
    g.font = "11px sans-serif"; g.fillStyle = "#222";
    for (const i of marked) if (d.labels[i]) g.fillText(d.labels[i], screen[i][0] + 4, screen[i][1] - 3);
    if (d.highlight >= 0 && d.labels[d.highlight]) {
      g.font = "bold 12px sans-serif"; g.fillStyle = "#d62728";
      g.fillText(d.labels[d.highlight], screen[d.highlight][0] + 5, screen[d.highlight][1] - 4);
    }
    g.font = "11px sans-serif"; g.fillStyle = "#555";
    g.fillText(d.title || "", 6, 14);
    frames += 1;
    host.dataset.frames = String(frames);
    host.dataset.highlight = d.highlight >= 0 ? d.labels[d.highlight] : "";
    host.dataset.lines = String((d.lines || []).length);
    host.dataset.title = d.title || "";
  }

  function nearest(x, y) {
    let best = -1, bd = 36;
    for (let i = 0; i < screen.length; i++) {
      const dx = screen[i][0] - x, dy = screen[i][1] - y, dd = dx * dx + dy * dy;
      if (dd < bd) { bd = dd; best = i; }
    }
    return best;
  }

  let drag = null, pending = false;
  const redraw = () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } };
  canvas.addEventListener("pointerdown", (e) => {
    drag = { x: e.clientX, y: e.clientY, yaw: view.yaw, pitch: view.pitch, moved: false };
    try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* a synthetic pointer */ }
  });
  canvas.addEventListener("pointermove", (e) => {
    const box = canvas.getBoundingClientRect();
    if (drag) {
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      view.yaw = drag.yaw - dx * 0.01;
      view.pitch = Math.max(-1.55, Math.min(1.55, drag.pitch + dy * 0.01));
      tip.style.display = "none";
      redraw();
      return;
    }
    const i = nearest(e.clientX - box.left, e.clientY - box.top);
    const d = get();
    if (i !== hover) {
      hover = i;
      tip.style.display = i >= 0 && d.labels[i] ? "block" : "none";
      if (i >= 0) {
        tip.textContent = d.labels[i];
        tip.style.left = screen[i][0] + 8 + "px"; tip.style.top = screen[i][1] - 20 + "px";
      }
      host.dataset.hover = i >= 0 ? d.labels[i] : "";
    }
  });
  canvas.addEventListener("pointerup", (e) => {
    const box = canvas.getBoundingClientRect();
    if (drag && !drag.moved && onPick) {
      const i = nearest(e.clientX - box.left, e.clientY - box.top);
      if (i >= 0) onPick(i);
    }
    drag = null;
  });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    view.zoom = Math.max(0.3, Math.min(20, view.zoom * Math.exp(-e.deltaY * 0.001)));
    redraw();
  }, { passive: false });
  draw();
  return { draw: redraw, view };
}

// ---- the anywidget view (the static fallback uses only what is above this line)
function render({ model, el }) {
  el.classList.add("latent-cloud3d");
  const get = () => ({
    points: model.get("points"), colours: model.get("colours"), labels: model.get("labels"),
    marked: model.get("marked"), lines: model.get("lines"), highlight: model.get("highlight"),
    width: model.get("width"), height: model.get("height"), size: model.get("size"), title: model.get("title"),
  });
  const cloud = makeCloud(el, get, (i) => { model.set("picked", i); model.save_changes(); });
  for (const name of ["points", "colours", "labels", "marked", "lines", "highlight", "title", "width", "height"]) {
    model.on("change:" + name, cloud.draw);
  }
}

export default { render };
