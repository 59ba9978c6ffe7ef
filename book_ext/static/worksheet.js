// Worksheets (book_ext/worksheets.py): a chapter's questions and its key figure, printed to PDF.
//
// explorable.js draws the figure (at its default state: the worksheet has no controls). This script
// draws it at once instead of when it nears the viewport, and tells the build (and the tests) what
// runs past the printable width: the page itself, any element, and any text of the figure past its
// own drawing. worksheet.ready() resolves, once the figure is drawn and its texts fitted, to that
// list (empty when everything fits).
(function () {
  "use strict";

  var SLACK = 1;  // CSS pixels of rounding

  function describe(el) {
    var text = (el.textContent || "").trim().slice(0, 60);
    var name = typeof el.className === "string" && el.className ? "." + el.className.split(" ")[0] : "";
    return el.tagName.toLowerCase() + name + (text ? ' "' + text + '"' : "");
  }

  function tooWide() {
    var width = document.documentElement.clientWidth, out = [];
    if (document.documentElement.scrollWidth > width + SLACK) {
      out.push("the page is " + document.documentElement.scrollWidth + " px wide, the paper " + width + " px");
    }
    document.querySelectorAll("main *:not(svg *)").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.width && (box.left < -SLACK || box.right > width + SLACK)) out.push(describe(el));
    });
    document.querySelectorAll(".main-svg").forEach(function (svg) {
      var frame = svg.getBoundingClientRect();
      svg.querySelectorAll("text").forEach(function (t) {
        var box = t.getBoundingClientRect();
        if (box.width && (box.left < frame.left - SLACK || box.right > frame.right + SLACK)) out.push(describe(t));
      });
    });
    return out;
  }

  function settled() {
    var boxes = document.querySelectorAll(".course-figure");
    return Array.prototype.every.call(boxes, function (b) { return b.classList.contains("course-figure-settled"); });
  }

  function ready() {
    if (window.courseFigures) window.courseFigures.drawAll();
    return new Promise(function (done) {
      (function wait() { if (settled()) done(tooWide()); else setTimeout(wait, 20); })();
    });
  }

  window.worksheet = {ready: ready, tooWide: tooWide};
})();
