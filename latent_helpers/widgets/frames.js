// The picture of a LivePlot in the page (an anywidget view; see frames.py).
//
// The kernel sends strips: for one control, the pictures at its positions while the other controls
// keep the values in `base`. When a control moves, the page looks the new values up in the strips and
// draws the matching picture itself, with no round trip. Otherwise it waits for the kernel's picture,
// which comes with the values it was drawn for (`state`): a picture is drawn only if it belongs to the
// values on screen now once the pointer rests (while it moves, the kernel's newest picture may trail it
// a little), and only the newest wanted picture is decoded.

const SAME = 1e-7;

function near(a, b) {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

function sameState(a, b, skip) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (i !== skip && !near(a[i], b[i])) return false;
  return true;
}

function asBlob(view) {
  const bytes = view instanceof DataView ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : view;
  return new Blob([bytes], { type: "image/png" });
}

async function render({ model, el }) {
  el.classList.add("latent-frameview");
  el.dataset.widget = model.get("kind");
  el.dataset.strips = String(model.get("strips")); // controls whose pictures the kernel sends ahead
  const canvas = document.createElement("canvas");
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  const strips = new Map(); // "control|base" -> {control, base, frames: [{value, blob, bitmap}]}
  let kernel = null;        // {state, blob, bitmap}: the kernel's newest picture
  let wanted = null;        // the entry the page wants on screen now
  let shown = null;
  let count = 0;
  const cache = [];         // decoded entries, oldest first: about PIXELS pixels stay decoded
  const PIXELS = 24e6;      // ~100 MB of decoded pictures at most
  const AHEAD = 6;          // pictures decoded ahead on each side of the one shown, along its control
  let decodedPixels = 0;
  const MOVING = 250;       // ms after the last move during which the pointer counts as moving
  let lastMove = -1e9;

  function size() {
    canvas.style.width = model.get("width") + "px";
    canvas.style.height = model.get("height") + "px";
    canvas.style.imageRendering = model.get("pixelated") ? "pixelated" : "auto";
    canvas.style.display = "block";
  }
  size();
  model.on("change:width", size);
  model.on("change:height", size);

  const attrs = model.get("attrs");
  const controls = [];
  for (const ref of model.get("controls")) {
    const id = typeof ref === "string" ? ref.replace(/^IPY_MODEL_/, "") : ref;
    controls.push(await model.widget_manager.get_model(id));
  }
  const state = () => controls.map((m, i) => m.get(attrs[i]));

  function draw(entry) {
    if (canvas.width !== entry.bitmap.width) canvas.width = entry.bitmap.width;
    if (canvas.height !== entry.bitmap.height) canvas.height = entry.bitmap.height;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(entry.bitmap, 0, 0);
    shown = entry;
    count += 1;
    el.dataset.shown = String(count);
    el.dataset.source = entry === kernel ? "kernel" : "strip";
    el.dataset.state = JSON.stringify(entry.state); // the values this picture was drawn for
  }

  function decode(entry) {
    if (entry.bitmap || entry.decoding) return;
    entry.decoding = createImageBitmap(entry.blob).then((bitmap) => {
      entry.bitmap = bitmap;
      entry.decoding = null;
      cache.push(entry);
      decodedPixels += bitmap.width * bitmap.height;
      while (decodedPixels > PIXELS && cache.length > 2 * AHEAD + 2) {
        const old = cache.shift();
        if (old === shown || old === wanted) { cache.push(old); continue; }
        decodedPixels -= old.bitmap.width * old.bitmap.height;
        old.bitmap.close();
        old.bitmap = null;
      }
      if (wanted === entry) draw(entry); // a picture the pointer has already left is dropped
    });
  }

  let lastStrip = null;     // the strip and position of the picture wanted before this one
  let lastIndex = 0;
  function want(entry) {
    wanted = entry;
    if (entry.bitmap) { if (entry !== shown) draw(entry); }
    else decode(entry);
    if (entry.strip) { // the pictures a drag reaches next, decoded before it gets there
      const frames = entry.strip.frames;
      const ahead = (j) => { if (j >= 0 && j < frames.length) decode(frames[j]); };
      const stride = lastStrip === entry.strip ? entry.index - lastIndex : 0;
      if (Math.abs(stride) > 2) {
        // a fast drag skips positions: decode only where its stride leads (give or take one position), not
        // the neighbours it will jump over (decoding those kept both cores busy: 09's 1,000 pictures)
        for (let k = 1; k <= 2; k++) for (let d = -1; d <= 1; d++) ahead(entry.index + k * stride + d);
      } else {
        for (let d = 1; d <= AHEAD; d++) { ahead(entry.index + d); ahead(entry.index - d); }
      }
      lastStrip = entry.strip;
      lastIndex = entry.index;
    }
  }

  function lookup(s) {
    for (const strip of strips.values()) {
      if (!sameState(s, strip.base, strip.control)) continue;
      const v = s[strip.control];
      for (const f of strip.frames) if (near(v, f.value)) return f;
    }
    if (kernel && sameState(s, kernel.state, -1)) return kernel;
    // while the pointer moves, the kernel's newest picture (a little behind it) beats a frozen one; once
    // the pointer has rested MOVING ms, only the picture of the values on screen is drawn
    if (kernel && performance.now() - lastMove < MOVING) return kernel;
    return null;
  }

  function update() {
    const entry = lookup(state());
    if (entry) want(entry);
    else wanted = null; // nothing for these values yet: keep the picture until the kernel's arrives
  }

  function fromKernel() {
    const value = model.get("value");
    if (!value || !value.byteLength) return;
    kernel = { state: model.get("state"), blob: asBlob(value), bitmap: null };
    update();
  }

  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.type !== "frames") return;
    const key = msg.control + "|" + JSON.stringify(msg.base);
    let strip = strips.get(key);
    if (!strip) {
      strip = { control: msg.control, base: msg.base, frames: [] };
      strips.set(key, strip);
      if (strips.size > 4 * Math.max(1, controls.length)) { // forget the oldest strip of other values
        const now = state();
        for (const [k, old] of strips) {
          if (!sameState(now, old.base, old.control)) { strips.delete(k); break; }
        }
      }
    }
    msg.values.forEach((value, j) => {
      const state = msg.base.slice();
      state[msg.control] = value;
      strip.frames.push({ value, state, blob: asBlob(buffers[j]), bitmap: null, strip });
    });
    // in slider order, so that the neighbours of a picture are the next ones along the track
    strip.frames.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    strip.frames.forEach((f, j) => { f.index = j; });
    el.dataset.frames = String([...strips.values()].reduce((n, s) => n + s.frames.length, 0));
    if (msg.done) strip.done = true;
    // small pictures (a decoded digit is a few kB) are all decoded now, so that no jump of the pointer
    // waits for a decode; large ones only around the picture shown (see want)
    const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
    if (buffers.length && bytes / buffers.length < 8000) strip.frames.forEach(decode);
    ready();
  });

  // how many controls have a complete strip for the values on screen (for tests and curious readers)
  function ready() {
    const now = state();
    let n = 0;
    for (const strip of strips.values()) if (strip.done && sameState(now, strip.base, strip.control)) n += 1;
    el.dataset.ready = String(n);
  }

  const listeners = controls.map((m, i) => {
    const f = () => { lastMove = performance.now(); update(); ready(); };
    m.on("change:" + attrs[i], f);
    return [m, i, f];
  });
  model.on("change:value", fromKernel);
  fromKernel();
  // the kernel renders strips only for a page that shows the widget
  model.send({ type: "want-strips" });
  return () => {
    for (const [m, i, f] of listeners) m.off("change:" + attrs[i], f);
    for (const e of cache) if (e.bitmap) e.bitmap.close();
  };
}

export default { render };
