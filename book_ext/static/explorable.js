// Static explorables in the book: native controls over precomputed plotly states.
//
// book_ext/plotly_mime.py writes, for every figure, a <div class="course-figure"> holding a plot
// target, the figure as <script type="application/json"> and, for an explorable, a <form> of
// native controls (range inputs in the parameter's own values, selects, radio buttons). This script draws each figure with
// plotly.js when it comes near the viewport, and makes the controls switch between the states
// precomputed in layout.meta.explorable (widgets/explorable.py): no kernel, no network. On a
// narrow screen it re-lays each figure out to fit (forWidth, settle).
(function () {
  "use strict";

  var TYPES = {f8: Float64Array, f4: Float32Array, i1: Int8Array, u1: Uint8Array,
               u1c: Uint8ClampedArray, i2: Int16Array, u2: Uint16Array, i4: Int32Array,
               u4: Uint32Array};

  // plotly's base64 arrays ({dtype, bdata[, shape]}) as typed arrays, decoded once per stored trace
  function decode(value) {
    if (Array.isArray(value)) return value.map(decode);
    if (!value || typeof value !== "object") return value;
    if (typeof value.bdata === "string" && TYPES[value.dtype]) {
      var bytes = atob(value.bdata), buffer = new Uint8Array(bytes.length);
      for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
      var flat = new TYPES[value.dtype](buffer.buffer);
      if (!value.shape) return flat;
      var shape = String(value.shape).split(",").map(Number), rows = [];
      for (var r = 0; r < shape[0]; r++) rows.push(flat.subarray(r * shape[1], (r + 1) * shape[1]));
      return rows;
    }
    var out = {};
    for (var key in value) out[key] = decode(value[key]);
    return out;
  }

  // plotly.js (1.5 MB) is fetched only when the first figure comes near the viewport: a page's text
  // paints and becomes usable without it, and a reader who never scrolls to a figure never pays for it.
  // It sits beside this script in _static/vendor/ (book_ext copies both).
  var SELF = document.currentScript && document.currentScript.src;
  var PLOTLY_SRC = SELF ? SELF.replace(/explorable\.js(\?.*)?$/, "plotly.min.js") : null;
  var waiting = [], loading = false;

  function whenPlotly(callback) {
    if (window.Plotly) return callback();
    waiting.push(callback);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.addEventListener("load", function () {
      var queue = waiting; waiting = [];
      queue.forEach(function (f) { f(); });
    });
    script.src = PLOTLY_SRC;
    script.async = true;
    document.head.appendChild(script);
  }

  // A figure's data is inline (a <script type="application/json">) or, in the built book, in a
  // small script of its own beside this one (_static/figures/ID.js, see book_ext), fetched when
  // the figure nears the viewport.
  var FIGURES_BASE = SELF ? SELF.replace(/vendor\/explorable\.js(\?.*)?$/, "figures/") : null;

  function loadPayload(node, callback) {
    var id = node.dataset.figure;
    if (!id) return callback(JSON.parse(node.textContent));
    var store = (self.courseFigureData = self.courseFigureData || {});
    if (store[id]) return callback(store[id]);
    var script = document.createElement("script");
    script.src = FIGURES_BASE + id + ".js";
    script.async = true;
    script.addEventListener("load", function () { callback(store[id]); });
    document.head.appendChild(script);
  }

  // Phones. The figures are laid out for a book's column (style.py); in a narrower one the book
  // re-lays each out, leaving its content alone: title lines wrap at spaces, two panels side by
  // side stack one above the other, and (settle) the top margin grows until the legend clears the
  // title. Below NARROW pixels of plot width.
  var NARROW = 560, LINE = 22;  // LINE: a title line's height (style.top_margin)

  var BR = /<br\s*\/?>/i;

  function lines(text) {  // a text's lines, as plotly breaks them
    return text.split(BR);
  }

  function visibleLength(text) {
    return text.replace(/<[^>]*>/g, "").replace(/&#?\w+;/g, "x").length;
  }

  // one line of plotly's pseudo-HTML, broken at spaces into lines of at most `chars` characters;
  // a line wholly inside one tag (<sup>...</sup>) keeps that tag on every piece
  function wrapLine(text, chars) {
    var whole = /^<(\w+)([^>]*)>([\s\S]*)<\/\1>$/.exec(text);
    if (whole && whole[3].indexOf("<" + whole[1]) < 0) {
      var open = "<" + whole[1] + whole[2] + ">", close = "</" + whole[1] + ">";
      return lines(wrapLine(whole[3], chars)).map(function (l) { return open + l + close; }).join("<br>");
    }
    var wrapped = [], line = "", length = 0;
    text.split(" ").forEach(function (word) {
      var n = visibleLength(word);
      if (line && length + 1 + n > chars) { wrapped.push(line); line = ""; length = 0; }
      length += (line ? 1 : 0) + n;
      line = line ? line + " " + word : word;
    });
    if (line) wrapped.push(line);
    return wrapped.join("<br>");
  }

  function wrapTitle(text, width, size) {
    var chars = Math.max(16, Math.floor((width - 12) / (0.56 * size)));
    return lines(text).map(function (line) {
      return wrapLine(line, /^<sup>/i.test(line) ? Math.floor(chars / 0.7) : chars);
    }).join("<br>");
  }

  // two panels side by side (xaxis, xaxis2 in one row) become two rows
  function stackPanels(out) {
    var x1 = out.xaxis || {}, x2 = out.xaxis2, d1 = x1.domain || [0, 1];
    if (!x2 || !x2.domain || x2.domain[0] < d1[1] || out.xaxis3 || (out.yaxis && out.yaxis.domain)
        || (out.yaxis2 && out.yaxis2.domain)) return;
    var margin = out.margin || {}, top = margin.t || 80, bottom = margin.b || 50;
    var panel = Math.max(240, (out.height || 450) - top - bottom), gap = 120;  // gap: ticks, axis title, panel title
    var plot = 2 * panel + gap;
    out.height = top + bottom + plot;
    out.xaxis = Object.assign({}, x1, {domain: [0, 1]});
    out.xaxis2 = Object.assign({}, x2, {domain: [0, 1]});
    out.yaxis = Object.assign({}, out.yaxis, {domain: [(panel + gap) / plot, 1]});
    out.yaxis2 = Object.assign({}, out.yaxis2, {domain: [0, panel / plot]});
    if (out.annotations) out.annotations = out.annotations.map(function (a) {  // panel titles follow their panel
      if (a.xref !== "paper" || a.yref !== "paper" || !(a.y >= 0.99)) return a;
      return Object.assign({}, a, {x: 0.5, xanchor: "center", y: a.x > d1[1] ? panel / plot : 1, yanchor: "bottom"});
    });
  }

  function withTitle(title, text) {  // an axis title is a string or {text, ...}
    return title && typeof title === "object" ? Object.assign({}, title, {text: text}) : {text: text};
  }

  function titleText(title) {
    return title && typeof title === "object" ? title.text : title;
  }

  // fits: the line lengths (in characters) that settle() found axis titles and annotations need
  function forWidth(layout, width, extraTop, fits) {
    fits = fits || {};
    if (!width || (width >= NARROW && !extraTop && !Object.keys(fits).length)) return layout;
    var out = Object.assign({}, layout), add = extraTop || 0;
    if (out.annotations) out.annotations = out.annotations.slice();
    Object.keys(fits).forEach(function (key) {
      var part = key.split(":"), chars = fits[key];
      if (part[0] === "axis" && out[part[1]]) {
        var text = titleText(out[part[1]].title);
        if (text) out[part[1]] = Object.assign({}, out[part[1]], {title: withTitle(out[part[1]].title, wrapLine(text, chars))});
      } else if (part[0] === "annotation" && out.annotations && out.annotations[+part[1]]) {
        var a = out.annotations[+part[1]];
        if (a.text) out.annotations[+part[1]] = Object.assign({}, a, {text: wrapLine(a.text, chars)});
      }
    });
    if (width < NARROW) {
      var title = out.title;
      if (title && typeof title === "object" && title.text) {
        var size = (title.font && title.font.size) || 15;
        out.title = Object.assign({}, title, {text: wrapTitle(title.text, width, size)});
        add += (lines(out.title.text).length - lines(title.text).length) * LINE;
      }
      stackPanels(out);
    }
    if (add) {
      var margin = out.margin || {};
      out.margin = Object.assign({}, margin, {t: (margin.t || 80) + add});
      out.height = (out.height || 450) + add;
    }
    return out;
  }

  // the texts of a drawn figure that run past its edges: {key: characters a line can hold}
  function overflowing(gd, layout) {
    var svg = gd.querySelector(".main-svg"), out = {};
    if (!svg) return out;
    var s = svg.getBoundingClientRect();
    function check(key, el, text, anchor) {
      if (!el || !text) return;
      var b = el.getBoundingClientRect();
      if (!b.width || (b.left >= s.left - 1 && b.right <= s.right + 1)) return;
      var longest = Math.max.apply(null, lines(text).map(visibleLength));
      var c = (b.left + b.right) / 2, room = anchor === "left" ? s.right - b.left
        : anchor === "right" ? b.right - s.left : 2 * Math.min(c - s.left, s.right - c);
      out[key] = Math.max(8, Math.floor(longest * (room - 10) / b.width));
    }
    Object.keys(layout).forEach(function (key) {
      var axis = /^xaxis(\d*)$/.exec(key);  // x-axis titles are centred under their axis
      if (axis) check("axis:" + key, gd.querySelector(".infolayer .x" + axis[1] + "title"), titleText(layout[key].title), "center");
    });
    (layout.annotations || []).forEach(function (a, i) {
      var g = gd.querySelector('.infolayer .annotation[data-index="' + i + '"] .annotation-text-g');
      check("annotation:" + i, g, a.text, a.xanchor === "right" || a.xanchor === "center" ? a.xanchor : "left");
    });
    return out;
  }

  // pixels by which the legend runs into the title (0 if it does not)
  function titleLegendOverlap(gd) {
    var title = gd.querySelector(".gtitle"), legend = gd.querySelector(".legend");
    if (!title || !legend) return 0;
    var a = title.getBoundingClientRect(), b = legend.getBoundingClientRect();
    if (!a.height || !b.height || a.right <= b.left || b.right <= a.left) return 0;
    return Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  }

  function Figure(box) {
    this.box = box;
    this.plot = box.querySelector(".course-plot");
    this.node = box.querySelector("script.course-figure-json");
    this.form = box.querySelector("form.course-controls");
    this.inputs = Array.prototype.slice.call(box.querySelectorAll("form.course-controls [data-index]"));
    this.spec = null;
    this.ready = false;
    this.drawn = false;
    var self = this;
    if (this.form) {
      this.form.addEventListener("submit", function (event) { event.preventDefault(); });
      this.form.addEventListener("input", function () { self.update(); });
      this.form.addEventListener("change", function () { self.update(); });
    }
  }

  // the figure's data, once: its states (explorables) or its one figure
  Figure.prototype.prepare = function (payload) {
    this.data = payload.data;
    this.config = payload.config;
    var layout = Object.assign({}, payload.layout || {}), meta = layout.meta;
    if (meta && meta.explorable) {  // plotly.js need not carry every state around
      this.spec = meta.explorable;
      layout.meta = {alt: meta.alt};
      this.decoded = {};
      this.rows = decode(this.spec.states);  // per state: its trace ids, then its layout id
      this.base = {};
      for (var key in layout) if (this.spec.keys.indexOf(key) < 0) this.base[key] = layout[key];
    }
    this.layout = layout;
    this.ready = true;
  };

  // the index of the book value nearest x
  function nearest(values, x) {
    var best = 0;
    for (var j = 1; j < values.length; j++) if (Math.abs(values[j] - x) < Math.abs(values[best] - x)) best = j;
    return best;
  }

  // the index of each control's chosen value (the page may have restored the form after a reload):
  // a range input holds the parameter's own value (times data-scale: 100 for a percentage), so a
  // screen reader announces the value; a select or radio button holds the index of its option
  Figure.prototype.indices = function () {
    var controls = this.spec.controls, out = controls.map(function (c) { return c.default_index; });
    this.inputs.forEach(function (input) {
      if (input.type === "radio" && !input.checked) return;
      var i = Number(input.dataset.index);
      out[i] = input.type === "range"
        ? nearest(controls[i].values, Number(input.value) / Number(input.dataset.scale || 1))
        : Number(input.value);
    });
    return out;
  };

  Figure.prototype.state = function () {
    var controls = this.spec.controls, indices = this.indices(), state = 0;
    for (var i = 0; i < controls.length; i++) state = state * controls[i].values.length + indices[i];
    return this.rows[state];
  };

  Figure.prototype.trace = function (id) {
    if (!(id in this.decoded)) this.decoded[id] = decode(this.spec.traces[id]);
    return Object.assign({}, this.decoded[id]);  // plotly may add keys to the objects it is given
  };

  Figure.prototype.figure = function () {
    var row = this.state(), n = row.length - 1, data = [];
    var layout = Object.assign({}, this.base), part = this.spec.layouts[row[n]];
    for (var key in part) if (part[key] !== null && part[key] !== undefined) layout[key] = part[key];
    for (var i = 0; i < n; i++) data.push(this.trace(row[i]));
    return {data: data, layout: layout};
  };

  // readouts for the reader (and aria-valuetext, which adds the unit where a browser reads it)
  Figure.prototype.readouts = function () {
    var controls = this.spec.controls, indices = this.indices();
    this.inputs.forEach(function (input) {
      if (input.type !== "range") return;
      var i = Number(input.dataset.index), label = controls[i].labels[indices[i]];
      input.setAttribute("aria-valuetext", label);
      var out = document.getElementById(input.id + "-out");
      if (out) out.textContent = label;
    });
  };

  // the figure to draw now: the chosen state (or the one figure), laid out for the plot's width
  Figure.prototype.current = function () {
    var fig = this.spec ? this.figure() : {data: this.data, layout: this.layout};
    this.width = this.plot.clientWidth;
    fig.layout = forWidth(fig.layout, this.width, this.extraTop, this.fits);
    if (fig.layout.height) this.plot.style.height = fig.layout.height + "px";  // the space kept for it
    return fig;
  };

  // after a draw: wrap the axis titles and annotations that run past the figure's edges, and if
  // the legend runs into the title (a narrow plot wraps both), make room; keep both for the
  // figure's other states
  Figure.prototype.settle = function (tries) {
    var self = this;  // measure once plotly's second pass (its automargin redraw) is done
    return new Promise(function (done) { setTimeout(done, 50); }).then(function () { return self.fit(tries); });
  };

  Figure.prototype.fit = function (tries) {
    var overlap = titleLegendOverlap(this.plot), self = this, changed = false;
    var over = overflowing(this.plot, this.plot.layout || {}), fits = (this.fits = this.fits || {});
    Object.keys(over).forEach(function (key) {
      if (!(key in fits) || over[key] < fits[key]) { fits[key] = over[key]; changed = true; }
    });
    if ((overlap < 2 && !changed) || tries > 7) return Promise.resolve();
    if (overlap >= 2) this.extraTop = (this.extraTop || 0) + Math.ceil(overlap) + 6;
    var fig = this.current();
    return window.Plotly.react(this.plot, fig.data, fig.layout, this.config).then(function () {
      return self.settle(tries + 1);
    });
  };

  Figure.prototype.draw = function () {
    if (this.drawn) return;
    this.drawn = true;
    var self = this;
    loadPayload(this.node, function (payload) {
      if (!self.ready) self.prepare(payload);
      whenPlotly(function () {
        if (self.spec) self.readouts();
        var fig = self.current();
        window.Plotly.newPlot(self.plot, fig.data, fig.layout, self.config).then(function () {
          return self.settle(0);
        }).then(function () {
          self.box.classList.add("course-figure-ready", "course-figure-settled");
          if (self.pending) { self.pending = false; self.update(); }
        });
      });
    });
  };

  Figure.prototype.update = function () {
    if (this.spec) this.readouts();
    if (!this.box.classList.contains("course-figure-ready")) {  // not drawn yet: draw it now
      this.pending = this.drawn;
      this.draw();
      return;
    }
    var fig = this.current(), self = this, box = this.box;
    box.classList.remove("course-figure-settled");  // until its texts are fitted (tests wait for it)
    window.Plotly.react(this.plot, fig.data, fig.layout, this.config).then(function () { return self.settle(0); })
      .then(function () { box.classList.add("course-figure-settled"); });
  };

  // a phone turned sideways, a window resized: lay the drawn figures out again for their new width
  Figure.prototype.resize = function () {
    if (!this.box.classList.contains("course-figure-ready")) return;
    var width = this.plot.clientWidth;
    if (Math.abs(width - this.width) < 24) return;
    this.extraTop = 0;
    this.fits = {};
    this.update();
  };

  function start() {
    var figures = Array.prototype.map.call(document.querySelectorAll(".course-figure"),
                                           function (box) { return new Figure(box); });
    var drawAll = function () { figures.forEach(function (f) { f.draw(); }); };
    window.courseFigures = {drawAll: drawAll, figures: figures};
    window.addEventListener("beforeprint", drawAll);
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { figures.forEach(function (f) { f.resize(); }); }, 200);
    });
    if (!("IntersectionObserver" in window)) return drawAll();
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        entry.target.courseFigure.draw();
      });
    }, {rootMargin: "200px 0px"});
    figures.forEach(function (f) { f.box.courseFigure = f; observer.observe(f.box); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
