// The live view's browser side (widgets/live.py, PlotlyView): the figure the kernel sends, drawn
// with plotly.js. The kernel sends the whole figure once ({kind: "figure", full: true, data, layout})
// and then only what changed ({kind: "figure", traces: {index: changes}, layout: changes}; null drops
// a key), numeric arrays as binary buffers ({$buf: index, dtype}). One figure per model, shared by
// its views; a diff arriving while a redraw runs is folded into one redraw of the newest state.
// tests/test_live_browser.py runs this module in chromium; tests/test_live_jupyterlab.py in JupyterLab.
const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, i2: Int16Array, i1: Int8Array,
               u4: Uint32Array, u2: Uint16Array, u1: Uint8Array};

function unpack(obj, buffers) {
  if (Array.isArray(obj)) return obj.map((v) => unpack(v, buffers));
  if (obj && typeof obj === "object") {
    if ("$buf" in obj) {
      const view = buffers[obj.$buf];  // DataView into the message: copy to an aligned buffer
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
      return new TYPED[obj.dtype](bytes.buffer);
    }
    const out = {};
    for (const k in obj) out[k] = unpack(obj[k], buffers);
    return out;
  }
  return obj;
}

function merge(target, changes) {
  const out = {...target};
  for (const k in changes) {
    if (changes[k] === null) delete out[k]; else out[k] = changes[k];
  }
  return out;
}

// plotly.js, once per page, from the kernel's plotly package (no network)
function loadPlotly(model) {
  if (!globalThis.__coursePlotly) {
    globalThis.__coursePlotly = new Promise((resolve, reject) => {
      const on = async (msg, buffers) => {
        if (!msg || msg.kind !== "plotly") return;
        model.off("msg:custom", on);
        try {
          const view = buffers[0];
          const code = new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
          const src = "const module = {exports: {}};\n" + code + "\nexport default module.exports;";
          const url = URL.createObjectURL(new Blob([src], {type: "text/javascript"}));
          const mod = await import(/* webpackIgnore: true */ url);
          URL.revokeObjectURL(url);
          resolve(mod.default);
        } catch (err) { globalThis.__coursePlotly = null; reject(err); }
      };
      model.on("msg:custom", on);
      model.send({kind: "plotly"});
    });
  }
  return globalThis.__coursePlotly;
}

// ipywidgets' slider handles and toggle groups carry no accessible name: give them their label
let labelCount = 0;
function labelControls(box) {
  if (!box) return;
  const name = (w) => {
    const label = w.querySelector(":scope > .widget-label");
    if (!label || !label.textContent.trim()) return null;
    if (!label.id) label.id = "course-control-label-" + (++labelCount);
    return label.id;
  };
  for (const w of box.querySelectorAll(".widget-slider")) {
    const id = name(w), handle = w.querySelector(".noUi-handle");
    if (id && handle) handle.setAttribute("aria-labelledby", id);
  }
  for (const w of box.querySelectorAll(".widget-toggle-buttons")) {
    const id = name(w), group = w.querySelector(".widget-toggle-button")?.parentElement;
    if (id && group) { group.setAttribute("role", "group"); group.setAttribute("aria-labelledby", id); }
    for (const b of w.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.classList.contains("mod-active")));
  }
}

export default {
  initialize({ model }) {
    // one figure per model, shared by its views (anywidget hands each hook a fresh proxy)
    const figures = (globalThis.__courseFigures ??= new Map());
    const shared = {figure: null, rev: 0, views: new Set()};
    figures.set(model.get("_uid"), shared);
    model.on("msg:custom", (msg, buffers) => {
      if (!msg || msg.kind !== "figure") return;
      if (msg.full) {
        shared.figure = {data: unpack(msg.data, buffers), layout: unpack(msg.layout, buffers)};
      } else if (shared.figure) {
        const data = shared.figure.data.slice();
        for (const i in msg.traces) data[+i] = merge(data[+i], unpack(msg.traces[i], buffers));
        const layout = Object.keys(msg.layout).length  // data only: the same layout, no relayout
          ? merge(shared.figure.layout, unpack(msg.layout, buffers)) : shared.figure.layout;
        shared.figure = {data, layout};
      } else {
        return;  // the full figure is on its way
      }
      shared.rev = msg.rev;
      (globalThis.__courseLive ??= {}).received = performance.now();  // for benchmarks/live_latency.py
      for (const draw of shared.views) draw();
    });
    model.send({kind: "sync"});
    return () => figures.delete(model.get("_uid"));  // the model closed
  },
  render({ model, el }) {
    const shared = globalThis.__courseFigures.get(model.get("_uid"));
    const config = model.get("config");
    const gd = document.createElement("div");
    gd.className = "course-live-figure";
    gd.style.width = "100%";
    el.appendChild(gd);
    let Plotly = null, busy = false, pending = false, drawn = null, observer = null;
    const draw = async () => {
      if (!Plotly || !shared.figure) return;
      if (busy) { pending = true; return; }  // fold this one into a redraw of the newest state
      busy = true;
      try {
        while (true) {
          pending = false;
          const figure = shared.figure;
          if (figure !== drawn) {
            await Plotly.react(gd, figure.data, figure.layout, config);
            drawn = figure;
            labelControls(el.closest(".widget-vbox"));
            globalThis.__courseLive.drawn = performance.now();
            gd.dataset.rev = String(shared.rev);
          }
          if (!pending) break;
        }
      } finally { busy = false; }
    };
    shared.views.add(draw);
    loadPlotly(model).then((P) => {
      Plotly = P;
      draw();
      observer = new ResizeObserver(() => {
        labelControls(el.closest(".widget-vbox"));
        if (drawn && gd.offsetWidth) Plotly.Plots.resize(gd);
      });
      observer.observe(el);
    });
    return () => {
      shared.views.delete(draw);
      if (observer) observer.disconnect();
      if (Plotly) Plotly.purge(gd);
    };
  },
};
