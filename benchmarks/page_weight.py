"""Page weight and paint of the built book: per chapter, a first visit's bytes and Lighthouse timings.

For each chapter page of ``_build/html`` (build it first), in Debian chromium with an empty cache:
every same-site resource the page loads, raw and as a static host would gzip it (text resources
compressed here at level 6; fonts and images count as they are), then Lighthouse (npm
``lighthouse``, offline) for first contentful paint, largest contentful paint, total blocking time
and the performance score: on the desktop without throttling, and with its mobile settings
(simulated slow 4G and a 4x slower CPU) with the book served gzip-compressed, as a static host
serves it. The issue's targets: desktop >= 90 and mobile >= 70 on every chapter.

    .venv/bin/python benchmarks/page_weight.py [--no-lighthouse] [chapter-stem ...]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from book_ext.chromium import CHROMIUM, launch

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build" / "html"

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# what a static host compresses (nginx/GitHub Pages style): text, not fonts or images
TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/x-javascript",
)
BUDGET_GZIP_KB, BUDGET_RAW_KB = 1500, 5000
DESKTOP_TARGET, MOBILE_TARGET = 90, 70  # Lighthouse performance scores


def is_text(content_type: str, url: str) -> bool:
    return content_type.startswith(TEXT_TYPES) or url.split("?")[0].endswith((".js", ".css", ".html", ".svg", ".json"))


@functools.lru_cache(maxsize=512)  # the same scripts and styles on every chapter: compressed once
def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static server; with ``gzip=True`` it compresses text responses like a static host."""

    gzip = False

    def log_message(self, *args):
        pass

    def send_head(self):
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not is_text(ctype, str(path)):
            return super().send_head()
        import io

        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(root: Path = BUILD, compress: bool = False):
    """Serve ``root`` on 127.0.0.1; return (base_url, server)."""
    handler = functools.partial(type("H", (_Handler,), {"gzip": compress}), directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def wait_until_quiet(page, in_flight: set, quiet_ms: int = 300) -> None:
    """Wait until none of the page's requests (``in_flight``, kept by its request events) has been in
    flight for ``quiet_ms``: what playwright's "networkidle" does with a fixed 500 ms."""
    quiet = 0
    while quiet < quiet_ms:
        page.wait_for_timeout(25)
        quiet = 0 if in_flight else quiet + 25


def first_visit(page, url: str, blocked: bool = False) -> dict:
    """Open ``url`` in a fresh playwright page; weigh every same-site resource it loads.

    ``blocked``: the browser itself resolves no other host (``book_ext.chromium.NO_OTHER_HOSTS``, as in the
    tests), so a request outside the site is only noted; otherwise each request is routed, and one outside
    the site aborted.
    Returns {"raw": bytes, "gzip": bytes, "resources": [(url, raw, gzip), ...], "outside": [...],
    "blocking_head_scripts": [(src, raw bytes), ...]} (classic scripts in <head> without defer/async)."""
    origin = url.split("/", 3)[:3]
    origin = "/".join(origin)
    responses, outside = [], []
    site = (origin, "data:", "blob:")

    def route(r):
        if r.request.url.startswith(site):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def request(r):
        in_flight.add(r)
        if blocked and not r.url.startswith(site):
            outside.append(r.url)

    in_flight = set()
    if not blocked:
        page.route("**/*", route)
    page.on("request", request)
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: in_flight.discard(r))
    page.on("response", lambda r: responses.append(r) if r.url.startswith(origin) else None)
    page.goto(url, wait_until="load")  # the network goes quiet below, once every figure is drawn
    # a whole read: every figure drawn (plotly.js is fetched when the first one nears the viewport)
    page.evaluate("() => window.courseFigures && window.courseFigures.drawAll()")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.course-figure')]
        .every(f => f.classList.contains('course-figure-ready'))""",
        timeout=60_000,
    )
    wait_until_quiet(page, in_flight)
    resources = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        ctype = response.headers.get("content-type", "")
        resources.append((response.url, len(body), gzip_size(body) if is_text(ctype, response.url) else len(body)))
    blocking = page.evaluate("""() => [...document.head.querySelectorAll('script[src]')]
        .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)""")
    sizes = {u: raw for u, raw, _ in resources}
    return {
        "raw": sum(r for _, r, _ in resources),
        "gzip": sum(g for _, _, g in resources),
        "resources": resources,
        "outside": outside,
        "blocking_head_scripts": [(src, sizes.get(src, 0)) for src in blocking],
    }


def lighthouse(url: str, mobile: bool = False) -> dict:
    """Lighthouse's performance audit of ``url`` (offline, Debian chromium): score, FCP, TBT."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        # a file, not stdout: lighthouse can exit before a large report is flushed down a pipe
        report_path = Path(tmp) / "report.json"
        flags = [
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report_path}",
            "--quiet",
        ]
        if not mobile:
            flags += ["--form-factor=desktop", "--screenEmulation.disabled", "--throttling-method=provided"]
        out = subprocess.run(
            [str(LIGHTHOUSE), url, *flags],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if out.returncode != 0 or not report_path.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {out.stderr[-2000:]}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    audits = report["audits"]
    return {
        "score": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
    }


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    run_lighthouse = "--no-lighthouse" not in argv
    stems = [a for a in argv if not a.startswith("--")]
    if not (BUILD / "index.html").exists():
        print("_build/html is missing: build the book first (make book)", file=sys.stderr)
        return 2
    chapters = sorted(p for p in (BUILD / "chapters").glob("*.html") if not stems or p.stem in stems)
    base, server = serve()
    rows = []
    with sync_playwright() as pw:
        browser = launch(pw)
        for path in chapters:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            visit = first_visit(context.new_page(), f"{base}/chapters/{path.name}")
            context.close()
            rows.append({"page": path.stem, **visit})
        browser.close()
    server.shutdown()
    if run_lighthouse:
        # one at a time: Lighthouse wants the machine to itself
        base, server = serve()
        for row in rows:
            row.update(lighthouse(f"{base}/chapters/{row['page']}.html"))
        server.shutdown()
        base, server = serve(compress=True)
        for row in rows:
            row["mobile"] = lighthouse(f"{base}/chapters/{row['page']}.html", mobile=True)
        server.shutdown()

    print(
        f"First visit of each chapter (budget {BUDGET_GZIP_KB:,} KB gzip, {BUDGET_RAW_KB:,} KB raw)"
        + (
            "; Lighthouse desktop (no throttling) and mobile (slow 4G, 4x CPU, served gzipped),"
            f" targets >= {DESKTOP_TARGET} and >= {MOBILE_TARGET}"
            if run_lighthouse
            else ""
        )
    )
    head = f"{'chapter':<22}{'requests':>9}{'raw KB':>9}{'gzip KB':>9}"
    if run_lighthouse:
        head += (
            f"{'| desktop FCP':>14}{'TBT':>6}{'LCP':>6}{'score':>6}{'| mobile FCP':>13}{'TBT':>6}{'LCP':>6}{'score':>6}"
        )
    print(head)
    failures = 0
    for row in rows:
        line = f"{row['page']:<22}{len(row['resources']):>9}{row['raw'] / 1024:>9,.0f}{row['gzip'] / 1024:>9,.0f}"
        slow = False
        if run_lighthouse:
            m = row["mobile"]
            line += (
                f"{row['fcp_ms']:>14,.0f}{row['tbt_ms']:>6,.0f}{row['lcp_ms']:>6,.0f}{row['score']:>6}"
                f"{m['fcp_ms']:>13,.0f}{m['tbt_ms']:>6,.0f}{m['lcp_ms']:>6,.0f}{m['score']:>6}"
            )
            slow = row["score"] < DESKTOP_TARGET or m["score"] < MOBILE_TARGET
        over = row["gzip"] > BUDGET_GZIP_KB * 1024 or row["raw"] > BUDGET_RAW_KB * 1024 or row["outside"]
        failures += bool(over or slow)
        print(
            line
            + ("  OVER BUDGET" if over else "")
            + ("  BELOW TARGET" if slow else "")
            + (f"  outside: {row['outside']}" if row["outside"] else "")
        )
    heaviest = max(rows, key=lambda r: r["gzip"])
    print(f"\nHeaviest: {heaviest['page']}; its five largest resources (raw / gzip KB):")
    for url, raw, gz in sorted(heaviest["resources"], key=lambda r: -r[2])[:5]:
        print(f"  {raw / 1024:>8,.0f} {gz / 1024:>8,.0f}  {url.split('/', 3)[-1]}")
    blocking = {src: size for row in rows for src, size in row["blocking_head_scripts"]}
    print(
        "Classic <head> scripts without defer/async (KB): "
        + (", ".join(f"{s.split('/', 3)[-1]} {n / 1024:.0f}" for s, n in sorted(blocking.items())) or "none")
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
