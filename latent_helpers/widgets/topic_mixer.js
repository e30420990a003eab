// The topic mixer in the page (TopicMixer, notebook 08). At every slider change the page mixes the topics,
// p(w) = sum_k m_k phi_k(w), finds the documents nearest to the mixture and draws the picture on a canvas:
// nothing goes to the kernel and back.
//
// Everything above the line "---- the anywidget view" is also the static fallback's code (topic_mixer.py
// puts it in the page with `export` removed), so it uses no anywidget API. The numbers are computed in the
// kernel's order (TopicMixer.mixture_for, word_distribution, distances): given the same data, the page finds
// the same words and the same documents as the kernel, to the last bit.

const FONT = "Helvetica, Arial, sans-serif";
const INK = "#222222", SOFT = "#555555", RED = "#d62728";

// ---- the numbers

function floats(a, what) {
  if (a instanceof ArrayBuffer) return new Float64Array(a.slice(0));
  if (ArrayBuffer.isView(a)) return new Float64Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  if (Array.isArray(a)) return Float64Array.from(a.flat());
  throw new Error(what + ": expected numbers (bytes or a list), got " + (a === null ? "null" : typeof a));
}

// The data as the kernel sends it (byte buffers to the live view, lists to the static fallback), checked and
// with its arrays as Float64Array: phi (K x V, topic by topic), theta (D x K), xy (D x 2).
export function prepare(raw) {
  const d = Object.assign({}, raw);
  d.K = raw.names.length;
  d.V = raw.words.length;
  d.D = raw.snippets.length;
  d.phi = floats(raw.phi, "phi");
  d.theta = floats(raw.theta, "theta");
  d.xy = floats(raw.xy, "xy");
  const sizes = [["phi", d.phi.length, d.K * d.V, d.K + " topics x " + d.V + " words"],
    ["theta", d.theta.length, d.D * d.K, d.D + " documents x " + d.K + " topics"],
    ["xy", d.xy.length, 2 * d.D, d.D + " documents x 2"]];
  for (const [name, got, want, what] of sizes) {
    if (got !== want) throw new Error(name + " holds " + got + " numbers, not " + what);
  }
  return d;
}

// The n indices with the largest sign * score[i], largest first, ties in index order (like a stable sort).
function largest(score, n, sign) {
  const out = [];
  for (let i = 0; i < score.length; i++) {
    const s = sign * score[i];
    if (out.length === n && !(s > sign * score[out[n - 1]])) continue;
    let j = out.length < n ? out.length : n - 1;
    while (j > 0 && sign * score[out[j - 1]] < s) { out[j] = out[j - 1]; j -= 1; }
    out[j] = i;
  }
  return out;
}

// The mixture of slider `weights`, its word distribution over the words the page holds, its n_words most
// probable words (`top`), every document's distance to it and the n_docs nearest (`near`); null if all are 0.
export function mix(d, weights) {
  const K = d.K, V = d.V, D = d.D;
  let total = 0;
  for (let k = 0; k < K; k++) total += weights[k];
  if (!(total > 0)) return null;
  const m = new Float64Array(K);
  for (let k = 0; k < K; k++) m[k] = weights[k] / total;
  const p = new Float64Array(V);
  for (let k = 0; k < K; k++) {
    const mk = m[k], row = k * V;
    for (let i = 0; i < V; i++) p[i] += mk * d.phi[row + i];
  }
  const dist = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) { const e = d.theta[j * K + k] - m[k]; s += e * e; }
    dist[j] = Math.sqrt(s);
  }
  return { m, p, dist, top: largest(p, Math.min(d.n_words, V), 1), near: largest(dist, Math.min(d.n_docs, D), -1) };
}

// ---- the picture

function layout(d) {
  const rowH = d.n_words <= 14 ? 20 : Math.max(12, Math.floor(280 / d.n_words));
  const barsTop = 62, legendTop = barsTop + d.n_words * rowH + 18;
  const leftBottom = legendTop + 12 + Math.ceil(d.K / 2) * 17 + (d.note ? 20 : 0);
  const docsTop = 362, docH = 40;
  return { W: 940, H: Math.max(leftBottom, docsTop + d.n_docs * docH) + 6, rowH, barsTop, legendTop,
           labelX: 128, barX: 134, barW: 250, cx: 712, cy: 190, R: 110, right: 486, docsTop, docH };
}

function font(g, size, weight) { g.font = (weight || "normal") + " " + size + "px " + FONT; }

// `s` shortened with an ellipsis to fit `width` pixels in the current font
function fit(g, s, width) {
  if (g.measureText(s).width <= width) return s;
  let lo = 0, hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.measureText(s.slice(0, mid) + "\u2026").width <= width) lo = mid; else hi = mid - 1;
  }
  return s.slice(0, lo) + "\u2026";
}

function text(g, s, x, y, o) {
  font(g, o.size || 13, o.weight);
  g.fillStyle = o.colour || INK;
  g.textAlign = o.align || "left";
  g.textBaseline = "middle";
  g.fillText(o.width ? fit(g, s, o.width) : s, x, y);
}

// a document's marker, in matplotlib's letters: o circle, s square, ^ v triangles, D diamond, P plus, X cross, * star
function marker(g, shape, x, y, r) {
  const line = (x0, y0, x1, y1) => { g.moveTo(x + x0 * r, y + y0 * r); g.lineTo(x + x1 * r, y + y1 * r); };
  const polygon = (points) => { for (const [px, py] of points) g.lineTo(x + px * r, y + py * r); g.closePath(); };
  g.beginPath();
  if (shape === "s") g.rect(x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
  else if (shape === "^") polygon([[0, -1], [0.95, 0.75], [-0.95, 0.75]]);
  else if (shape === "v") polygon([[0, 1], [0.95, -0.75], [-0.95, -0.75]]);
  else if (shape === "D") polygon([[0, -1], [0.75, 0], [0, 1], [-0.75, 0]]);
  else if (shape === "P") { line(-1, 0, 1, 0); line(0, -1, 0, 1); }
  else if (shape === "X") { line(-1, -1, 1, 1); line(-1, 1, 1, -1); }
  else if (shape === "*") {
    for (let a = 0; a < 3; a++) { const c = Math.cos(a * Math.PI / 3), s = Math.sin(a * Math.PI / 3); line(-c, -s, c, s); }
  } else g.arc(x, y, r, 0, 2 * Math.PI);
  g.stroke();
}

function star(g, x, y, outer, inner) {
  g.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? inner : outer, t = -Math.PI / 2 + i * Math.PI / 5;
    g.lineTo(x + r * Math.cos(t), y + r * Math.sin(t));
  }
  g.closePath();
  g.fillStyle = "#000"; g.fill();
  g.strokeStyle = "#fff"; g.lineWidth = 1; g.stroke();
}

// What does not move: panel titles, the legend of topic colours, the map of documents and its legend.
function background(d, L, scale) {
  const c = document.createElement("canvas");
  c.width = Math.round(L.W * scale); c.height = Math.round(L.H * scale);
  const g = c.getContext("2d");
  g.setTransform(scale, 0, 0, scale, 0, 0);
  g.fillStyle = "#fff"; g.fillRect(0, 0, L.W, L.H);
  text(g, "most probable words of the mixture, p(word)", 10, 48, { size: 13.5, weight: "bold" });
  text(g, "bar colours: the topics", 10, L.legendTop, { size: 12, colour: SOFT });
  const rows = Math.ceil(d.K / 2);   // two columns, filled down (as matplotlib's legend)
  d.names.forEach((name, k) => {
    const x = 10 + 225 * Math.floor(k / rows), y = L.legendTop + 17 * (1 + (k % rows));
    g.fillStyle = d.colours[k]; g.fillRect(x, y - 6, 12, 12);
    text(g, name, x + 17, y, { size: 12, width: 200 });
  });
  if (d.note) {
    text(g, d.note, 10, L.legendTop + 17 * (1 + rows) + 4, { size: 11.5, colour: SOFT, width: 450 });
  }
  // the documents in topic space: the corners of a polygon are the pure topics
  const X = (x) => L.cx + L.R * x, Y = (y) => L.cy - L.R * y;
  const title = { size: 13.5, weight: "bold" };
  text(g, "documents in topic space (corners: pure topics)", L.cx, 48, { ...title, align: "center" });
  g.strokeStyle = "#bbbbbb"; g.lineWidth = 1; g.beginPath();
  for (let k = 0; k < d.K; k++) g.lineTo(X(d.corners[k][0]), Y(d.corners[k][1]));
  g.closePath(); g.stroke();
  for (let k = 0; k < d.K; k++) {
    const [cx, cy] = d.corners[k];
    text(g, "z" + k, X(1.14 * cx), Y(1.12 * cy), { size: 12.5, weight: "bold", colour: d.colours[k], align: "center" });
  }
  if (!d.classes) {
    g.fillStyle = "rgba(154,154,154,0.55)";
    for (let j = 0; j < d.D; j++) {
      g.beginPath(); g.arc(X(d.xy[2 * j]), Y(d.xy[2 * j + 1]), 2, 0, 2 * Math.PI); g.fill();
    }
  } else {
    g.lineWidth = 1;
    for (let j = 0; j < d.D; j++) {
      const c = d.classes[j];
      g.strokeStyle = d.class_greys[c];
      marker(g, d.class_markers[c], X(d.xy[2 * j]), Y(d.xy[2 * j + 1]), 3.2);
    }
    const present = [...new Set(d.classes)].sort((a, b) => a - b);
    present.forEach((c, i) => {
      const y = L.docsTop - 44 - 17 * (present.length - 1 - i);
      g.strokeStyle = d.class_greys[c]; g.lineWidth = 1.2;
      marker(g, d.class_markers[c], L.right + 5, y, 4);
      text(g, d.class_names[c], L.right + 15, y, { size: 12, width: 110 });
    });
  }
  text(g, "nearest real documents to the mixture (star, red rings):", L.right, L.docsTop - 20, title);
  return c;
}

// What moves: the headline, the bars and their words, the star and rings on the map, the nearest documents.
function foreground(g, d, L, r) {
  if (!r) {
    text(g, "all weights are 0: raise a slider to mix some topics", 10, 20, { size: 14.5, weight: "bold" });
    return;
  }
  const shown = [...r.m.keys()].sort((a, b) => r.m[b] - r.m[a] || a - b).filter((k) => r.m[k] >= 0.005);
  const parts = shown.slice(0, 4).map((k) => "z" + k + " " + r.m[k].toFixed(2));
  text(g, "mixture (weights / their sum): " + parts.join(", ") + (shown.length > 4 ? " \u2026" : ""), 10, 20,
       { size: 14.5, weight: "bold" });
  const scale = L.barW / r.p[r.top[0]], h = Math.max(6, Math.round(0.72 * L.rowH));
  const size = Math.min(13, L.rowH - 5);
  r.top.forEach((w, i) => {
    const y = L.barsTop + (i + 0.5) * L.rowH;
    let x = L.barX;
    for (let k = 0; k < d.K; k++) {
      const width = r.m[k] * d.phi[k * d.V + w] * scale;
      if (width > 0) { g.fillStyle = d.colours[k]; g.fillRect(x, y - h / 2, width, h); x += width; }
    }
    text(g, d.words[w], L.labelX, y, { size, align: "right", width: L.labelX - 8 });
    text(g, r.p[w].toFixed(3), x + 5, y, { size: size - 1.5, colour: SOFT });
  });
  const X = (x) => L.cx + L.R * x, Y = (y) => L.cy - L.R * y;
  g.strokeStyle = RED; g.lineWidth = 1.8;
  for (const j of r.near) { g.beginPath(); g.arc(X(d.xy[2 * j]), Y(d.xy[2 * j + 1]), 7, 0, 2 * Math.PI); g.stroke(); }
  let sx = 0, sy = 0;
  for (let k = 0; k < d.K; k++) { sx += r.m[k] * d.corners[k][0]; sy += r.m[k] * d.corners[k][1]; }
  star(g, X(sx), Y(sy), 10, 4.2);
  r.near.forEach((j, i) => {
    const y = L.docsTop + i * L.docH + 8;
    const head = "#" + j + "   distance " + r.dist[j].toFixed(2) + "   " + d.tags[j];
    text(g, head, L.right, y, { size: 12.5, width: L.W - L.right - 10 });
    text(g, d.snippets[j], L.right + 12, y + 17, { size: 12.5, colour: "#444444", width: L.W - L.right - 22 });
  });
}

// A mixer drawing on `canvas`: draw(weights) mixes and draws, and returns the numbers (or null if all are 0).
// The canvas is width x height CSS pixels (at most its container's width), sharp at any zoom.
export function makeMixer(canvas, d) {
  const L = layout(d);
  const g = canvas.getContext("2d");
  let back = null, backScale = 0;
  canvas.style.width = L.W + "px";
  canvas.style.maxWidth = "100%";
  canvas.style.height = "auto";
  canvas.style.display = "block";
  function draw(weights) {
    const scale = Math.min(3, Math.max(1, (typeof window !== "undefined" && window.devicePixelRatio) || 1));
    if (!back || backScale !== scale) {
      back = background(d, L, scale);
      backScale = scale;
      canvas.width = back.width;
      canvas.height = back.height;
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.drawImage(back, 0, 0);
    g.setTransform(scale, 0, 0, scale, 0, 0);
    const r = mix(d, weights);
    foreground(g, d, L, r);
    return r;
  }
  return { draw, width: L.W, height: L.H };
}

// ---- the anywidget view (the static fallback uses only what is above this line)

async function render({ model, el }) {
  el.classList.add("latent-frameview", "latent-topicmixer");
  el.dataset.widget = model.get("kind");
  el.dataset.frames = "0";   // no pictures come from the kernel: the page draws every one
  el.dataset.ready = "0";
  el.dataset.shown = "0";
  const canvas = document.createElement("canvas");
  el.appendChild(canvas);
  let problem = null;        // a visible message when the page cannot draw
  function fail(err) {
    if (!problem) {
      problem = document.createElement("pre");
      problem.style.cssText = "color:#b00020;white-space:pre-wrap;margin:4px 0;font-size:12px";
      el.appendChild(problem);
    }
    problem.textContent = "The topic mixer could not draw: " + (err && err.message ? err.message : String(err));
    el.dataset.error = problem.textContent;
    console.error(err);
  }
  function cleared() {
    if (!problem) return;
    problem.remove();
    problem = null;
    delete el.dataset.error;
  }

  let controls = [], mixer = null;
  function setup() {
    try { mixer = makeMixer(canvas, prepare(model.get("data"))); } catch (err) { mixer = null; fail(err); }
  }
  try {
    controls = await Promise.all(model.get("controls").map((ref) =>
      model.widget_manager.get_model(typeof ref === "string" ? ref.replace(/^IPY_MODEL_/, "") : ref)));
  } catch (err) { fail(err); }
  setup();
  el.dataset.ready = String(controls.length);   // every slider's pictures are "ready": the page makes them

  let shown = 0;
  function draw() {
    if (!mixer) return;
    const state = controls.map((c) => c.get("value"));
    try { mixer.draw(state); } catch (err) { fail(err); return; }
    cleared();
    shown += 1;
    el.dataset.state = JSON.stringify(state);   // the values this picture was drawn for
    el.dataset.shown = String(shown);
  }
  // At most one picture a frame, always of the newest values: a change in a frame that already has its
  // picture is drawn at the next frame, with the values the sliders have then (no backlog).
  let busy = false, waiting = false;
  function nextFrame() {
    if (waiting) { waiting = false; draw(); requestAnimationFrame(nextFrame); } else busy = false;
  }
  function changed() {
    if (busy) { waiting = true; return; }
    busy = true;
    draw();
    requestAnimationFrame(nextFrame);
  }
  for (const c of controls) c.on("change:value", changed);
  const reload = () => { setup(); changed(); };
  model.on("change:data", reload);
  changed();
  return () => {
    for (const c of controls) c.off("change:value", changed);
    model.off("change:data", reload);
  };
}

export default { render };
