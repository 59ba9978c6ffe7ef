"""Sphinx extension for the course book: light, offline pages whose text paints first.

One module per feature, each with its own ``setup(app)``:

* :mod:`book_ext.plotly_mime`: plotly's notebook output as a figure with native controls (a myst-nb
  mime plugin); after the build, each figure's data in a script of its own, loaded when needed;
* :mod:`book_ext.assets`: plotly.js (npm's cartesian build) and the figure script and style, copied
  into the site and loaded only where needed;
* :mod:`book_ext.math_svg`: the math typeset at build time into SVG (pages load no MathJax);
* :mod:`book_ext.launch`: launch buttons for the repository the book is built from;
* :mod:`book_ext.theme_fixes`: the theme's accessibility faults mended, its 1.5 MB fontawesome.js and
  duplicated or CDN-bound scripts dropped;
* :mod:`book_ext.pages`: each page's blocking scripts deferred and its stylesheets bundled into one;
* :mod:`book_ext.editions`: the student edition (no instructor guide, no assessed solution, in any file) or
  the instructor edition, chosen by the toc; and the runnable-notebooks archive (:mod:`book_ext.archive`);
* :mod:`book_ext.worksheets`: a printable worksheet per chapter (its questions and key figure, as PDF).

The other modules are tools, not Sphinx features: notebook hygiene (:mod:`book_ext.notebooks`,
:mod:`book_ext.execute`) and nbval's tolerant figure comparison (:mod:`book_ext.nbval_tolerance`).
"""

from __future__ import annotations

FEATURES = ("plotly_mime", "assets", "math_svg", "launch", "theme_fixes", "pages", "editions", "worksheets")


def setup(app):
    import importlib

    for name in FEATURES:
        importlib.import_module(f"book_ext.{name}").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
