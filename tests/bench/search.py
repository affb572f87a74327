"""Time Material's search in headless Chromium: from typing a name to its first result on screen.

The site is served over HTTP from a thread; the page is opened and the name typed at once, as a
reader would, so the first query includes downloading `search_index.json` and building the lunr
index in the browser's worker. A second name then measures a warm query. A place named only in the
middle of one article's text shows whether full text is indexed: its article must come first.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

RESULT = ".md-search-result__item"
TIMEOUT_MS = 30_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _query(page, text: str, location: str | None = None) -> tuple[float | None, str]:
    """Seconds from typing `text` to the first result, and that result's text (None: no result).

    The first result must show `text`, or with `location`, lead to that page: above the search limit
    a result first shows an article's summary, and the passage of its text where a word was found
    only once the worker has fetched the page (`_passage_shown`)."""
    field = page.locator("input.md-search__input")
    field.fill("")
    field.fill(text[:-1])
    start = time.perf_counter()
    field.press(text[-1])  # Material searches on keyup: the last key of a fast typist
    try:
        page.wait_for_function(
            """([selector, text, location]) => {
                const first = document.querySelector(selector);
                if (first === null) return false;
                if (location !== null) {
                    const link = first.querySelector("a");
                    return link !== null && new URL(link.href).pathname.endsWith("/" + location);
                }
                return first.innerText.toLowerCase().includes(text.toLowerCase());
            }""",
            arg=[RESULT, text, location],
            timeout=TIMEOUT_MS,
            polling="raf",
        )
    except Exception:
        found = page.locator(RESULT)
        return None, found.first.inner_text() if found.count() else ""
    return time.perf_counter() - start, page.locator(RESULT).first.inner_text()


def _passage_shown(page, text: str) -> float | None:
    """Seconds from now (the first result of the last query shown) to that result showing `text`
    (None: it never did)."""
    start = time.perf_counter()
    try:
        page.wait_for_function(
            "([selector, text]) => document.querySelector(selector)?.innerText.toLowerCase().includes(text)",
            arg=[RESULT, text.lower()],
            timeout=TIMEOUT_MS,
            polling="raf",
        )
    except Exception:
        return None
    return time.perf_counter() - start


def time_search(site: Path, manifest: list[dict], docs: Path) -> dict:
    from tests.bench.run import page_of

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    cold_entry = manifest[len(manifest) // 2]
    warm_entry = manifest[len(manifest) // 3]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url, wait_until="load")
            cold, _ = _query(page, cold_entry["name"])
            warm, _ = _query(page, warm_entry["name"])
            place_page = page_of(docs, warm_entry["stem"]).removesuffix(".md") + "/"
            place, _ = _query(page, warm_entry["place"], place_page)
            later = _passage_shown(page, warm_entry["place"]) if place is not None else None
            passage = place + later if place is not None and later is not None else None
            browser.close()
    finally:
        server.shutdown()
    return {
        "search_first_result_s": cold,
        "search_warm_s": warm,
        "search_body_only_word_found": place is not None,
        "search_passage_shown_s": passage,
    }
