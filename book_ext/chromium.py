"""The one way the course starts Debian's chromium (tests, benchmarks, the book's worksheet PDFs).

``scripts/chromium.sh`` (``make chromium``) installs or upgrades it; nothing here downloads a
browser. The flags keep a headless chromium quiet on a machine with no outside network: no
background requests, no component updates, no sync, no first-run pages.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# Tests: every host but this machine fails to resolve, so a page that asks for an outside address
# gets nothing (and the test that records its requests reports it) without routing each request
# through playwright, which would turn off the browser's HTTP cache.
NO_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
#: the addresses a page served here loads from: this machine, and the data and blob URLs it makes itself
LOCAL_URLS = ("http://127.0.0.1", "data:", "blob:")


def launch(playwright, *extra_args: str):
    """Debian's chromium, headless, through playwright (``sync_playwright()`` as ``playwright``)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
