// Static explorables in the book: native controls over precomputed plotly states.
//
// book_ext/plotly_mime.py writes, for every figure, a <div class="course-figure"> holding a plot
// target, the figure as <script type="application/json"> and, for an explorable, a <form> of
// native controls (range inputs, selects, radio buttons). This script draws each figure with
// plotly.js when it comes near the viewport, and makes the controls switch between the states
// precomputed in layout.meta.explorable (widgets/explorable.py): no kernel, no network.
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
    var existing = document.querySelector('script[src*="plotly.min.js"]');
    var script = existing || document.createElement("script");
    var done = function () {
      if (!window.Plotly) return;
      var queue = waiting; waiting = [];
      queue.forEach(function (f) { f(); });
    };
    script.addEventListener("load", done);
    if (!existing) {
      script.src = PLOTLY_SRC;
      script.async = true;
      document.head.appendChild(script);
    } else {
      var tries = 0, timer = setInterval(function () {  // a page that loads plotly.js itself
        if (window.Plotly || ++tries > 600) { clearInterval(timer); done(); }
      }, 50);
    }
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

  // the index of each control's chosen value (the page may have restored the form after a reload)
  Figure.prototype.indices = function () {
    var out = this.spec.controls.map(function (c) { return c.default_index; });
    this.inputs.forEach(function (input) {
      if (input.type === "radio" && !input.checked) return;
      out[Number(input.dataset.index)] = Number(input.value);
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

  // readouts for the reader and for screen readers
  Figure.prototype.readouts = function () {
    var controls = this.spec.controls;
    this.inputs.forEach(function (input) {
      if (input.type !== "range") return;
      var label = controls[Number(input.dataset.index)].labels[Number(input.value)];
      input.setAttribute("aria-valuetext", label);
      var out = document.getElementById(input.id + "-out");
      if (out) out.textContent = label;
    });
  };

  Figure.prototype.draw = function () {
    if (this.drawn) return;
    this.drawn = true;
    var self = this;
    loadPayload(this.node, function (payload) {
      if (!self.ready) self.prepare(payload);
      whenPlotly(function () {
        var fig = self.spec ? self.figure() : {data: self.data, layout: self.layout};
        if (self.spec) self.readouts();
        window.Plotly.newPlot(self.plot, fig.data, fig.layout, self.config).then(function () {
          self.box.classList.add("course-figure-ready");
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
    var fig = this.figure();
    window.Plotly.react(this.plot, fig.data, fig.layout, this.config);
  };

  function start() {
    var figures = Array.prototype.map.call(document.querySelectorAll(".course-figure"),
                                           function (box) { return new Figure(box); });
    var drawAll = function () { figures.forEach(function (f) { f.draw(); }); };
    window.courseFigures = {drawAll: drawAll, figures: figures};
    window.addEventListener("beforeprint", drawAll);
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
