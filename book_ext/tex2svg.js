// Typesets the book's TeX at build time (book_ext/math_svg.py drives it): MathJax 3 in node, TeX in,
// SVG out, with the formula's MathML beside it for screen readers (assistive MathML). Pages then
// need no MathJax at all: no 1 MB script to parse on a phone, no reflow as formulas appear.
//
// One JSON request per line on stdin, one JSON answer per line on stdout:
//   {"tex": "...", "display": true}   -> {"html": "<mjx-container ...>"}  or {"error": "..."}
//   {"cmd": "reset"}                   -> {"ok": true}      a new page: forget its glyphs
//   {"cmd": "glyphs"}                  -> {"html": "<svg ...><defs>...</defs></svg>"}  (or "")
//   {"cmd": "css"}                     -> {"css": "..."}    MathJax's own rules for its SVG output
// Glyph shapes are shared by the formulas of a page (fontCache "global"): each page carries each
// glyph it uses once, in a hidden <svg> that "glyphs" returns.
"use strict";

const path = require("path");
const readline = require("readline");

const mathjax = require(path.join(__dirname, "..", "node_modules", "mathjax"));

mathjax.init({
  loader: {load: ["input/tex", "output/svg", "a11y/assistive-mml"]},
  tex: {
    packages: {"[+]": ["ams"], "[-]": ["noundefined"]},
    // a TeX error fails the build (Sphinx warns, -W stops) instead of showing red text to a reader
    formatError: (jax, error) => { throw error; },
  },
  svg: {fontCache: "global"},
  startup: {typeset: false},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const output = MathJax.startup.output;
  const answer = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  const lines = readline.createInterface({input: process.stdin, terminal: false});
  const handle = async (line) => {
    try {
      const request = JSON.parse(line);
      if (request.cmd === "reset") {
        output.fontCache.clearCache();
        answer({ok: true});
      } else if (request.cmd === "glyphs") {
        const defs = output.fontCache.getCache();
        const empty = !adaptor.childNodes(defs).length;
        answer({html: empty ? "" : adaptor.outerHTML(output.svg("svg", {
          id: "MJX-SVG-global-cache", style: {display: "none"}, "aria-hidden": "true"}, [defs]))});
      } else if (request.cmd === "css") {
        answer({css: adaptor.textContent(MathJax.svgStylesheet())});
      } else {
        // the promise form: TeX extensions (boldsymbol, cancel, ...) load on first use
        const node = await MathJax.tex2svgPromise(request.tex, {display: Boolean(request.display)});
        answer({html: adaptor.outerHTML(node)});
      }
    } catch (error) {
      answer({error: String((error && error.message) || error)});
    }
  };
  let queue = Promise.resolve();  // answers in the order of the requests
  lines.on("line", (line) => { queue = queue.then(() => handle(line)); });
}).catch((error) => {
  process.stderr.write(`MathJax did not start: ${error && error.stack || error}\n`);
  process.exit(1);
});
