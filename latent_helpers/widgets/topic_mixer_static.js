(function () {
  // The topic mixer without a kernel: the mixture's words, the documents' map and the nearest documents,
  // computed here from the data below and drawn on a canvas whose picture replaces the still one.
  var root = document.currentScript.closest('.latent-static');
  var d = JSON.parse(root.querySelector('.latent-static-data').textContent);
  var img = root.querySelector('.latent-static-frame');
  var inputs = root.querySelectorAll('.latent-static-slider');
  var W = 768, H = 368, K = d.colours.length;
  var canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  var g = canvas.getContext('2d');
  function text(s, x, y, size, colour, align, weight) {
    g.font = (weight || '') + ' ' + size + 'px sans-serif';
    g.fillStyle = colour; g.textAlign = align || 'left'; g.textBaseline = 'middle';
    g.fillText(s, x, y);
  }
  function draw() {
    var w = [], total = 0;
    inputs.forEach(function (input, k) {
      w.push(Number(input.value) / 20); total += w[k];
      input.nextElementSibling.textContent = w[k].toFixed(2);
    });
    g.fillStyle = '#fff'; g.fillRect(0, 0, W, H);
    if (total <= 0) { text('all weights are 0: raise a slider to mix some topics', 8, 14, 12, '#000'); return; }
    var m = w.map(function (v) { return v / total; });
    // the mixed word distribution, over the words kept (each topic's most probable)
    var p = d.words.map(function (_, i) {
      var s = 0; for (var k = 0; k < K; k++) s += m[k] * d.phi[k][i]; return s;
    });
    var top = p.map(function (_, i) { return i; }).sort(function (a, b) { return p[b] - p[a] || a - b; })
      .slice(0, d.n_words);
    var x0 = 96, bw = 200, row = 16, y0 = 40, scale = bw / p[top[0]];
    text('most probable words of the mixture, p(word)', 190, 22, 11, '#000', 'center');
    top.forEach(function (i, r) {
      var x = x0, y = y0 + r * row;
      for (var k = 0; k < K; k++) {
        var width = m[k] * d.phi[k][i] * scale;
        if (width > 0) { g.fillStyle = d.colours[k]; g.fillRect(x, y - 6, width, 12); x += width; }
      }
      text(d.words[i], x0 - 4, y, 10, '#000', 'right');
      text(p[i].toFixed(3), x + 3, y, 9, '#444');
    });
    // the documents in topic space: corners are the pure topics
    var cx = 590, cy = 120, R = 95;
    g.strokeStyle = '#bbb'; g.beginPath();
    d.corners.forEach(function (c, k) { var f = k ? 'lineTo' : 'moveTo'; g[f](cx + R * c[0], cy - R * c[1]); });
    g.closePath(); g.stroke();
    d.corners.forEach(function (c, k) { text('z' + k, cx + 1.13 * R * c[0], cy - 1.1 * R * c[1], 10, d.colours[k], 'center', 'bold'); });
    g.fillStyle = 'rgba(120,120,120,0.5)';
    d.xy.forEach(function (q) { g.fillRect(cx + R * q[0] - 1, cy - R * q[1] - 1, 2, 2); });
    var sx = 0, sy = 0;
    for (var k = 0; k < K; k++) { sx += m[k] * d.corners[k][0]; sy += m[k] * d.corners[k][1]; }
    var dist = d.theta.map(function (t) { var s = 0; for (var k = 0; k < K; k++) s += (t[k] - m[k]) * (t[k] - m[k]); return Math.sqrt(s); });
    var near = dist.map(function (_, i) { return i; }).sort(function (a, b) { return dist[a] - dist[b] || a - b; })
      .slice(0, d.n_docs);
    g.strokeStyle = '#d62728'; g.lineWidth = 1.4;
    near.forEach(function (i) { g.beginPath(); g.arc(cx + R * d.xy[i][0], cy - R * d.xy[i][1], 5, 0, 2 * Math.PI); g.stroke(); });
    g.lineWidth = 1;
    text('\u2605', cx + R * sx, cy - R * sy, 20, '#000', 'center');
    text('documents in topic space (corners: pure topics)', cx, 12, 11, '#000', 'center');
    text('nearest real documents to the mixture (star, red rings):', 384, 246, 11, '#000', 'left', 'bold');
    near.forEach(function (i, r) {
      text('#' + i + '  distance ' + dist[i].toFixed(2) + '  ' + d.tags[i], 384, 266 + 30 * r, 10, '#000');
      text('   ' + d.snippets[i], 384, 280 + 30 * r, 10, '#333');
    });
    var shown = m.map(function (v, k) { return [v, k]; }).sort(function (a, b) { return b[0] - a[0]; })
      .filter(function (e) { return e[0] >= 0.005; }).slice(0, 4)
      .map(function (e) { return 'z' + e[1] + ' ' + e[0].toFixed(2); });
    text('mixture (weights / their sum): ' + shown.join(', '), 8, 8, 11, '#000');
    d.names.forEach(function (name, k) {
      var y = 262 + 13 * Math.floor(k / 2), x = 8 + 185 * (k % 2);
      g.fillStyle = d.colours[k]; g.fillRect(x, y - 5, 10, 10); text(name.slice(0, 30), x + 14, y, 9, '#000');
    });
    img.src = canvas.toDataURL('image/png');
  }
  inputs.forEach(function (input) { input.addEventListener('input', draw); });
})();
