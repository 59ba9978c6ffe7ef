"""Two editions from one source: the students' book and the instructor's.

The edition is the table of contents: a book whose toc has ``instructor/index`` (``_toc_instructor.yml``,
``make book-instructor``) is the **instructor edition** and has everything. Any other (``_toc.yml``,
``make book``) is the **student edition**, which leaves out, from every file of its output:

* the instructor guide (its pages are not in ``_toc.yml``, and ``only_build_toc_files`` keeps them
  out of the build, their ``_sources`` copies included);
* the solutions of assessed exercises: notebook cells tagged ``assessed`` are dropped when a chapter
  is read (so no HTML page, search index entry or glue lookup sees them), and again from the
  notebooks Sphinx copies into ``_sources/`` (the page's download button), which are the original
  files;
* Markdown between ```` ```{only} instructor ```` fences (links to the guide, which would be broken
  links), in the pages and in their ``_sources`` copies.

The instructor edition sets Sphinx's ``instructor`` tag, so ``{only} instructor`` blocks show there and
``{only} not instructor`` blocks only in the student edition. After either build,
:mod:`book_ext.archive` writes the runnable-notebooks archive of that edition into the site.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

#: the tag of a notebook cell that only the instructor edition keeps (an assessed exercise's solution)
ASSESSED = "assessed"
#: the Sphinx tag, and the ``{only}`` expression, of the instructor edition
INSTRUCTOR = "instructor"
#: a book with this page in its toc is the instructor edition
GUIDE = "instructor/index"

# a fenced ``{only} instructor`` block: its opening fence (``` or :::, any length) to the same fence
_ONLY = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{only\}[ \t]+" + INSTRUCTOR + r"[ \t]*\n.*?^(?P=fence)[ \t]*(?:\n|\Z)",
    re.MULTILINE | re.DOTALL,
)


def is_assessed(cell: dict) -> bool:
    """Whether a notebook cell is an assessed exercise's solution (tagged ``assessed``)."""
    return ASSESSED in (cell.get("metadata") or {}).get("tags", [])


def student_notebook(nb: dict) -> dict:
    """The notebook ``nb`` (nbformat 4, as a dict) without its assessed cells; ``nb`` is left unchanged."""
    out = copy.deepcopy(nb)
    out["cells"] = [cell for cell in out.get("cells", []) if not is_assessed(cell)]
    return out


def student_notebook_text(text: str) -> str:
    """A notebook file's text without its assessed cells, written as nbformat writes notebooks; the text
    itself when it has none (so unchanged notebooks stay byte for byte what they were)."""
    nb = json.loads(text)
    if not any(is_assessed(cell) for cell in nb.get("cells", [])):
        return text
    return json.dumps(student_notebook(nb), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def student_markdown(text: str) -> str:
    """Markdown without its ``{only} instructor`` blocks."""
    return _ONLY.sub("", text)


def edition_of(docnames) -> str:
    """``"instructor"`` if the book's documents include the instructor guide, else ``"student"``."""
    return INSTRUCTOR if GUIDE in set(docnames) else "student"


def student_file(path: Path) -> None:
    """Rewrite a copied source file (a notebook or a Markdown page) as the student edition has it."""
    path = Path(path)
    if path.suffix == ".ipynb":
        transform = student_notebook_text
    elif path.suffix in (".md", ".txt"):
        transform = student_markdown
    else:
        return
    text = path.read_text(encoding="utf-8")
    new = transform(text)
    if new != text:
        path.write_text(new, encoding="utf-8")


# --- Sphinx ------------------------------------------------------------------------------------


def choose_edition(app, config) -> None:
    """After sphinx-external-toc has read the toc (priority 900): the edition, and its Sphinx tag."""
    site_map = getattr(config, "external_site_map", None)
    config.course_edition = edition_of(list(site_map) if site_map is not None else [])
    if config.course_edition == INSTRUCTOR:
        app.tags.add(INSTRUCTOR)
    from sphinx.util import logging

    logging.getLogger(__name__).info(f"course edition: {config.course_edition}")


def strip_source(app, docname: str, source: list) -> None:
    """Student edition: a chapter is read without its assessed cells, a page without its instructor blocks."""
    if app.config.course_edition == INSTRUCTOR:
        return
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        source[0] = student_notebook_text(source[0])
    elif path.suffix == ".md":
        source[0] = student_markdown(source[0])


def finish(app, exception) -> None:
    """Student edition: the ``_sources`` copies as the student edition has them. Either edition: its archive."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if app.config.course_edition != INSTRUCTOR:
        for path in sorted((outdir / "_sources").rglob("*")):
            if path.is_file():
                student_file(path)
    from book_ext import archive

    archive.write_archive(Path(app.srcdir), outdir, app.config.course_edition)


def setup(app) -> None:
    app.add_config_value("course_edition", "student", "env", [str])
    app.connect("config-inited", choose_edition, priority=950)
    app.connect("source-read", strip_source)
    app.connect("build-finished", finish)
