"""Printable worksheets: one A4 PDF per chapter, made when the book is built.

A chapter's worksheet holds its title, its questions with lined space to answer under each, and its
key figure, drawn in its default state. The questions are the items of every ``{admonition} Guiding
questions`` block of the chapter (under the heading of its section, e.g. "Try this: spoiler
strength") and of its ``{admonition} Check yourself`` block, in the markup tests/test_feedback.py
describes. Nothing is taken from a dropdown, so no answer and no solution reaches a worksheet.

The key figure is the figure of a code cell tagged ``worksheet-figure`` if the chapter has one,
otherwise the chapter's first figure (in every chapter today, the figure of its first "Try this").

After the build (``build-finished``, once :mod:`book_ext.plotly_mime` has moved each figure's data
to ``_static/figures/ID.js``), :func:`build_worksheets` writes ``worksheets/NN_name.html`` per
chapter, a print-styled page that loads only the site's own files (explorable.js, plotly.js and
worksheet.css/.js from ``_static/vendor/``, the figure's data script), and prints each one to
``worksheets/NN_name.pdf`` with Debian's chromium through playwright: one browser for all chapters.
The build fails if a page asks for anything outside the site (every such request is refused) or if
anything on it is wider than the printable width. Each chapter page links to its worksheet, under
its title (:func:`add_worksheet_link`).
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import posixpath
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from book_ext import chromium
from book_ext.plotly_mime import FIGURE_DATA_DIR, figure_data_id, figure_payload
from widgets.contract import ALT_KEY, CLASSES, META_KEY, PLOTLY_MIME

OUT_DIR = "worksheets"
FIGURE_TAG = "worksheet-figure"
LINK_TEXT = "Worksheet (PDF)"
LINK_CLASS = "worksheet-link"
#: the paper and its margins (the same as worksheet.css's @page); the figure is drawn at the printable width
PAGE_MM = (210.0, 297.0)
MARGIN_MM = 16.0
PRINT_WIDTH_PX = int((PAGE_MM[0] - 2 * MARGIN_MM) / 25.4 * 96)  # 672 CSS pixels: 178 mm at 96 px per inch
ANSWER_LINES = {"guiding": 4, "check": 3}
LOCAL_URLS = ("file://", *chromium.LOCAL_URLS)
DRAW_TIMEOUT_S = 60

# --- The chapter's questions, from its markdown ----------------------------------------------------------------

OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*?)\s*$")
CLOSE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*$")
OPTION = re.compile(r"^:[\w-]+:")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
NUMBERED = re.compile(r"^\d+[.)]\s+")
BULLET = re.compile(r"^[-*+]\s+")
NESTED = "<nested directive>"
#: (directive, argument it starts with) of the blocks a worksheet asks
QUESTION_BLOCKS = {"guiding": ("admonition", "guiding questions"), "check": ("admonition", "check yourself")}


@dataclass
class Block:
    """A fenced directive: its name, argument, the heading it stands under and its own lines."""

    name: str
    arg: str
    heading: str
    lines: list


@dataclass(frozen=True)
class Section:
    """One block of questions on a worksheet: its heading, kind (guiding, check) and question texts."""

    title: str
    kind: str
    questions: tuple


def directive_blocks(markdown: str) -> list[Block]:
    """Every fenced directive (``:::{name} arg`` or a backtick fence), in order of opening, with the
    lines directly inside it (a nested directive's lines are its own, not its parent's) and the last
    heading above it."""
    found, stack, heading, in_options = [], [], "", False
    for raw in markdown.splitlines():
        line = raw.rstrip()
        closed, opened = CLOSE.match(line), OPEN.match(line)
        if closed and stack:
            fence, top = closed.group("fence"), stack[-1][0]
            if fence[0] == top[0] and len(fence) >= len(top):
                stack.pop()
                in_options = False
                continue
        if opened:
            block = Block(opened.group("name"), opened.group("arg"), heading, [])
            if stack:
                stack[-1][1].lines.append(NESTED)
            stack.append((opened.group("fence"), block))
            found.append(block)
            in_options = True
            continue
        if not stack:
            title = HEADING.match(line)
            heading = title.group("text") if title else heading
            continue
        if in_options and OPTION.match(line):
            continue
        in_options = False
        stack[-1][1].lines.append(line)
    return found


def list_items(lines: list) -> list[str]:
    """The top-level items of a list (numbered if the block numbers any, else bulleted), each item's
    lines joined: a line indented under an item continues it; a blank line or a nested directive ends it."""
    marker = NUMBERED if any(NUMBERED.match(line) for line in lines) else BULLET
    items, current = [], None
    for line in lines:
        if marker.match(line):
            current = [marker.sub("", line, count=1).strip()]
            items.append(current)
        elif current is not None and line[:1].isspace() and line.strip():
            current.append(line.strip())
        elif not line.strip() or line == NESTED:
            current = None
    return [" ".join(parts) for parts in items]


def _role(block: Block) -> str | None:
    for role, (name, arg) in QUESTION_BLOCKS.items():
        if block.name == name and block.arg.lower().startswith(arg):
            return role
    return None


def question_sections(markdown: str) -> list[Section]:
    """The worksheet's sections: each guiding-questions block under its section's heading, then the
    check-yourself block(s), in the chapter's order."""
    sections = []
    for block in directive_blocks(markdown):
        role = _role(block)
        if role is None:
            continue
        title = (block.heading or "Guiding questions") if role == "guiding" else "Check yourself"
        sections.append(Section(title, role, tuple(list_items(block.lines))))
    return sections


def chapter_title(markdown: str) -> str:
    """The text of the chapter's first level-1 heading."""
    for line in markdown.splitlines():
        title = HEADING.match(line)
        if title and title.group("level") == "#":
            return title.group("text")
    raise ValueError("the chapter has no level-1 heading (# Title)")


def notebook_markdown(nb: dict) -> str:
    return "\n".join(_source(cell) for cell in nb["cells"] if cell["cell_type"] == "markdown")


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def glue_values(nb: dict) -> dict:
    """The text/plain of every value the notebook glued (myst-nb's ``glue``), by name."""
    values = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if scrap:
                values[scrap["name"]] = output.get("data", {}).get(scrap.get("mime_prefix", "") + "text/plain", "")
    return values


# --- Markdown of one question, as HTML and as plain text ------------------------------------------------------

_TOKEN = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]*)`|\$(?P<math>[^$\n]+)\$|`(?P<code>[^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
GREEK = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi"
TEX_SYMBOLS = {
    **{"\\" + name: letter for name, letter in zip(GREEK.split(), "αβγδεζηθικλμνξοπρστυφ")},
    **{"\\chi": "χ", "\\psi": "ψ", "\\omega": "ω", "\\Delta": "Δ", "\\le": "≤", "\\leq": "≤", "\\ge": "≥"},
    **{"\\geq": "≥", "\\times": "×", "\\cdot": "·", "\\approx": "≈", "\\ne": "≠", "\\,": "\u2009", "\\ ": " "},
}
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\[, ]")
_TEX_SCRIPT = re.compile(r"(?P<op>[_^])(?:\{(?P<group>[^{}]*)\}|(?P<one>\S))")


def tex_html(tex: str) -> str:
    """Simple inline TeX ($p = 0.6$, $\\lambda$, $c_A$) as text: the letters, Greek and a few operators,
    sub- and superscripts; the worksheet prints it as text, so it stays extractable."""
    unknown = sorted(set(_TEX_COMMAND.findall(tex)) - set(TEX_SYMBOLS))
    if unknown:
        raise ValueError(f"worksheets: ${tex}$ uses {unknown}, which worksheets.TEX_SYMBOLS cannot print as text")
    text = _TEX_COMMAND.sub(lambda m: TEX_SYMBOLS[m.group(0)], html.escape(tex))

    def script(match):
        tag = "sub" if match.group("op") == "_" else "sup"
        return f"<{tag}>{match.group('group') if match.group('group') is not None else match.group('one')}</{tag}>"

    return '<span class="ws-math">' + _TEX_SCRIPT.sub(script, text).replace("{", "").replace("}", "") + "</span>"


def _role_text(role: str, content: str, glue: dict) -> str:
    if role in ("glue:text", "glue"):
        from myst_nb.core.variables import format_plain_text

        key, _, spec = content.rpartition(":") if role == "glue:text" and ":" in content else (content, "", "")
        if key not in glue:
            raise KeyError(f"worksheets: the question glues {key!r}, which the notebook does not glue")
        return html.escape(format_plain_text(glue[key], spec))
    if role.startswith(("cite", "footcite")):
        return ""
    target = re.match(r"^(.*?)\s*<[^>]*>$", content)  # {term}`text <target>`
    return html.escape(target.group(1) if target else content)


def _emphasis(text: str) -> str:
    text = _LINK.sub(r"\1", html.escape(text, quote=False))
    return _EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", text))


def inline_html(markdown: str, glue: dict | None = None) -> str:
    """One question's MyST markdown as inline HTML: bold, italics, inline math as text, glued values,
    roles as their text, links as their text. Everything else is escaped."""
    glue = glue or {}
    out, end = [], 0
    for match in _TOKEN.finditer(markdown):
        out.append(_emphasis(markdown[end : match.start()]))
        if match.group("role"):
            out.append(_role_text(match.group("role"), match.group("content"), glue))
        elif match.group("math") is not None:
            out.append(tex_html(match.group("math")))
        else:
            out.append(f"<code>{html.escape(match.group('code'))}</code>")
        end = match.end()
    out.append(_emphasis(markdown[end:]))
    return "".join(out)


def plain_text(markdown: str, glue: dict | None = None) -> str:
    """The text a reader sees of one question (what a PDF of the worksheet holds as text)."""
    return html.unescape(re.sub(r"<[^>]+>", "", inline_html(markdown, glue)))


# --- The key figure --------------------------------------------------------------------------------------------


def key_figure(nb: dict) -> dict | None:
    """The plotly figure of the first code cell tagged ``worksheet-figure``, else the chapter's first figure."""
    figures = [
        (FIGURE_TAG in cell.get("metadata", {}).get("tags", []), output["data"][PLOTLY_MIME])
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if PLOTLY_MIME in output.get("data", {})
    ]
    tagged = [fig for is_tagged, fig in figures if is_tagged]
    chosen = (tagged or [fig for _, fig in figures] or [None])[0]
    return json.loads(chosen) if isinstance(chosen, str) else chosen


def figure_settings(fig: dict) -> str:
    """Where the figure's book controls stand in its default state, e.g. "Spoiler strength 0.30"."""
    meta = (fig.get("layout") or {}).get("meta") or {}
    controls = meta.get(META_KEY, {}).get("controls", []) if isinstance(meta, dict) else []
    return "; ".join(f"{c['label']} {c['labels'][int(c['default_index'])]}" for c in controls)


def figure_alt(fig: dict) -> str:
    meta = (fig.get("layout") or {}).get("meta") or {}
    alt = meta.get(ALT_KEY, "") if isinstance(meta, dict) else ""
    return alt if isinstance(alt, str) else ""


# --- The worksheet page ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Worksheet:
    name: str  # the chapter's file name without suffix: 05_spoilers
    title: str
    sections: tuple
    glue: dict
    figure: dict | None


def read_worksheet(path: Path) -> Worksheet:
    """A chapter notebook's worksheet: title, question sections, glued values and key figure."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    markdown = notebook_markdown(nb)
    return Worksheet(
        Path(path).stem, chapter_title(markdown), tuple(question_sections(markdown)), glue_values(nb), key_figure(nb)
    )


def _number(name: str) -> str:
    digits = re.match(r"\d+", name)
    return f"Chapter {int(digits.group(0))}" if digits else "Chapter"


def figure_block(fig: dict, data_id: str) -> str:
    """The key figure as explorable.js draws it (no controls: it stays at its default state), with a caption."""
    height = (fig.get("layout") or {}).get("height") or 450
    alt, settings = figure_alt(fig), figure_settings(fig)
    caption = html.escape(alt) + (
        f' <span class="ws-settings">Drawn at: {html.escape(settings)}.</span>' if settings else ""
    )
    return (
        '<figure class="ws-figure">'
        f'<div class="{CLASSES["figure"]}" data-plot="ws-plot">'
        f'<div id="ws-plot" class="plotly-graph-div {CLASSES["plot"]}" style="height:{int(height)}px;width:100%"></div>'
        f'<script type="application/json" class="{CLASSES["figure_json"]}" data-figure="{data_id}"></script>'
        f"</div><figcaption>{caption}</figcaption></figure>"
    )


def section_html(section: Section, glue: dict) -> str:
    tag = "ol" if section.kind == "guiding" else "ul"
    lines = ANSWER_LINES[section.kind]
    items = "".join(
        f'<li><p>{inline_html(q, glue)}</p><div class="ws-space">{"<span></span>" * lines}</div></li>'
        for q in section.questions
    )
    return (
        f'<section class="ws-section ws-{section.kind}"><h2>{inline_html(section.title, glue)}</h2>'
        f'<{tag} class="ws-questions">{items}</{tag}></section>'
    )


def worksheet_html(sheet: Worksheet, figure: str, static: str, book_title: str) -> str:
    """The whole print-styled page; ``static`` is the relative path to the site's _static folder."""
    title = html.escape(sheet.title)
    body = "".join(section_html(s, sheet.glue) for s in sheet.sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Worksheet: {title}</title>"
        f'<link rel="stylesheet" href="{static}/vendor/worksheet.css">'
        f'<script defer src="{static}/vendor/explorable.js"></script>'
        f'<script defer src="{static}/vendor/worksheet.js"></script>'
        "</head><body><main>"
        f'<p class="ws-course">{html.escape(book_title)} · Worksheet · {_number(sheet.name)}</p>'
        f"<h1>{title}</h1>"
        '<p class="ws-name">Name: <span class="ws-blank"></span> Date: <span class="ws-blank ws-short"></span></p>'
        f'<p class="ws-intro">Work with the chapter open in the book (<span class="ws-path">chapters/{sheet.name}.html'
        "</span>): the questions ask you to move its figures' controls. Write your answers in the space under each "
        f"question.{' The figure below is from the chapter, at its starting settings.' if figure else ''}</p>"
        f"{figure}{body}</main></body></html>\n"
    )


# --- Sphinx: which pages, the link on each, the pages and the PDFs ---------------------------------------------


def chapter_docs(env) -> list[str]:
    """The chapters: the notebooks under chapters/."""
    return sorted(d for d in env.found_docs if d.startswith("chapters/") and str(env.doc2path(d)).endswith(".ipynb"))


def worksheet_path(docname: str, suffix: str = ".pdf") -> str:
    return f"{OUT_DIR}/{posixpath.basename(docname)}{suffix}"


def link_html(pagename: str) -> str:
    href = posixpath.relpath(worksheet_path(pagename), posixpath.dirname(pagename) or ".")
    return (
        f'<p class="{LINK_CLASS}"><a href="{html.escape(href, quote=True)}" type="application/pdf">{LINK_TEXT}</a></p>'
    )


def insert_link(body: str, pagename: str) -> str:
    """The page's body with the worksheet link right under its title (the first </h1>)."""
    at = body.find("</h1>")
    if at < 0:
        return body
    at += len("</h1>")
    return body[:at] + link_html(pagename) + body[at:]


def add_worksheet_link(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format == "html" and pagename in chapter_docs(app.env) and "body" in context:
        context["body"] = insert_link(context["body"], pagename)


def write_pages(outdir: Path, chapters: list[tuple[str, Path]], book_title: str) -> list[tuple[Path, str]]:
    """Write worksheets/NN_name.html for each (docname, notebook); return each page with its chapter's title."""
    pages = []
    for docname, source in chapters:
        sheet = read_worksheet(source)
        figure = ""
        if sheet.figure is not None:
            data_id = figure_data_id(figure_payload(sheet.figure))
            if not (outdir / FIGURE_DATA_DIR / f"{data_id}.js").is_file():
                raise RuntimeError(
                    f"worksheets: {docname}'s key figure has no data script {FIGURE_DATA_DIR}/{data_id}.js"
                )
            figure = figure_block(sheet.figure, data_id)
        page = outdir / worksheet_path(docname, ".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(worksheet_html(sheet, figure, "../_static", book_title), encoding="utf-8")
        pages.append((page, sheet.title))
    return pages


FOOTER = (
    '<div style="font-size:8px;width:100%;margin:0 16mm;color:#444;display:flex;justify-content:space-between">'
    '<span>{title}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


def _pdf_options(pdf: Path, title: str) -> dict:
    return dict(
        path=str(pdf),
        format="A4",
        prefer_css_page_size=True,  # worksheet.css's @page: A4 and its margins
        print_background=True,  # colours as on screen
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=FOOTER.format(title=html.escape(title)),
        tagged=True,  # an accessible PDF: headings, lists, reading order
        outline=True,
    )


async def _print_one(page, html_page: Path, title: str, broken: asyncio.Event, errors: list) -> None:
    await page.goto(html_page.as_uri(), wait_until="load")
    ready = asyncio.ensure_future(page.evaluate("() => window.worksheet.ready()"))
    stop = asyncio.ensure_future(broken.wait())
    await asyncio.wait({ready, stop}, timeout=DRAW_TIMEOUT_S, return_when=asyncio.FIRST_COMPLETED)
    stop.cancel()
    if not ready.done() or broken.is_set():
        ready.cancel()
        raise RuntimeError(f"worksheets: {html_page.name}'s figure was not drawn: {errors or 'timed out'}")
    if ready.result():
        raise RuntimeError(f"worksheets: {html_page.name} is wider than the printable width: {ready.result()}")
    await page.pdf(**_pdf_options(html_page.with_suffix(".pdf"), title))


async def _printer(context, queue: list, errors: list) -> None:
    """One tab that prints worksheet after worksheet from ``queue`` (a tab per worksheet costs a
    renderer process each: twice the time)."""
    page, now = await context.new_page(), {"name": "", "broken": asyncio.Event()}

    def error(text: str) -> None:  # any error stops the wait for the figure: it will not be drawn
        errors.append(f"{now['name']}: {text}")
        now["broken"].set()

    page.on("pageerror", lambda e: error(str(e)))
    page.on("console", lambda m: error(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: error(f"{r.url} failed ({r.failure})"))
    await page.emulate_media(media="print", color_scheme="light")
    while queue:
        html_page, title = queue.pop(0)
        now.update(name=html_page.name, broken=asyncio.Event())
        await _print_one(page, html_page, title, now["broken"], errors)
    await page.close()


async def _print_all(pages: list, outside: list, errors: list, at_once: int) -> None:
    from playwright.async_api import async_playwright

    async def route(r):
        if r.request.url.startswith(LOCAL_URLS):
            return await r.continue_()
        outside.append(r.request.url)
        return await r.abort()

    async with async_playwright() as pw:
        browser = await chromium.launch(pw)
        try:
            context = await browser.new_context(viewport={"width": PRINT_WIDTH_PX, "height": 900}, color_scheme="light")
            await context.route("**/*", route)
            context.on("request", lambda r: None if r.url.startswith(LOCAL_URLS) else outside.append(r.url))
            queue = list(pages)
            await asyncio.gather(*(_printer(context, queue, errors) for _ in range(min(at_once, len(pages)))))
        finally:
            await browser.close()


def print_pdfs(pages: list[tuple[Path, str]], at_once: int = 2) -> list[Path]:
    """Print each worksheet page (path, chapter title) to a PDF beside it, in one headless chromium,
    in ``at_once`` tabs. Fails on any request outside the site (each is refused), any error on
    a page, and anything wider than the printable width."""
    if not Path(chromium.CHROMIUM).is_file():
        raise RuntimeError(
            f"worksheets: Debian's chromium is missing ({chromium.CHROMIUM}); the chapters' worksheet PDFs are printed "
            "with it. Run `make chromium` to install it (make book does)."
        )
    outside, errors = [], []
    pages = [(Path(p).resolve(), t) for p, t in pages]
    # in a thread of its own: its event loop must not meet one the caller runs (playwright's sync API runs one)
    with ThreadPoolExecutor(1) as thread:
        job = thread.submit(asyncio.run, _print_all(pages, outside, errors, at_once))
        failure = job.exception()
    if outside:  # first: a refused request is what made the page fail
        raise RuntimeError(f"worksheets: requests outside the site {sorted(set(outside))}") from failure
    if failure is not None:
        raise failure
    if errors:
        raise RuntimeError(f"worksheets: errors on the pages: {errors}")
    return [html_page.with_suffix(".pdf") for html_page, _ in pages]


def build_worksheets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging

    start = time.perf_counter()
    outdir = Path(app.outdir)
    chapters = [(d, Path(app.env.doc2path(d))) for d in chapter_docs(app.env)]
    pages = write_pages(outdir, chapters, app.config.html_title or app.config.project)
    if os.environ.get("COURSE_WORKSHEETS") == "pages":  # scripts/book.sh both: the PDFs come from the other edition
        logging.getLogger(__name__).info(
            f"worksheets: {len(pages)} pages in {OUT_DIR}/, not printed (COURSE_WORKSHEETS)"
        )
        return
    pdfs = print_pdfs(pages)
    size = sum(p.stat().st_size for p in pdfs) / 1024
    logging.getLogger(__name__).info(
        f"worksheets: {len(pdfs)} PDFs in {OUT_DIR}/ ({size:.0f} KB) in {time.perf_counter() - start:.1f} s"
    )


def setup(app) -> None:
    app.connect("html-page-context", add_worksheet_link)
    # after plotly_mime moved the figures' data out of the pages and assets copied the scripts (both at 900)
    app.connect("build-finished", build_worksheets, priority=950)
