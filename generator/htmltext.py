"""Safe HTML building blocks for the parts of pages the generator writes as HTML, not Markdown.

Python-Markdown's inline processing and its `md_in_html` extension were most of the site build's
cost (docs/performance.md). The parts of a page that hold no prose for Markdown to format (the
article text with its notes, the metadata panel, related coverage and the article lists of the
index pages) are therefore written as raw HTML blocks, which Python-Markdown passes through as they
are. MkDocs neither rewrites nor checks links inside raw HTML, so they are written here as the
final directory URLs (`countries/iran/`); `generator/mkdocs_hooks.py` refuses a configuration
without `use_directory_urls`, and the site tests follow every link of the built site.
"""

from __future__ import annotations

import html
from functools import lru_cache

# The metadata panel's first tag (Material's admonition markup): the hooks cut an article page there
# for compact search.
# Its id holds two hyphens in a row, which no heading's id can (the toc extension joins a run of them
# into one): an article headlined "About this report" gave its title the box's id, twice on the page.
PANEL_ID = "about-this-report--panel"
PANEL_TITLE = "About this report"
# The sentence of an article page naming its raw text; the MkDocs hooks link the file's name to the
# repository (its address is mkdocs.yml's `repo_url`, which only MkDocs reads).
RAW_TEXT_KEPT = "The raw text, as scraped, is kept in the repository as "
PANEL_START = f'<div class="admonition info" id="{PANEL_ID}">'
# Where an article page's related coverage, then its source, start once converted (the toc extension's
# id for `## Related coverage`): the hooks leave both out of what search indexes. The id's end is left
# open: a headline "Related coverage" takes `related-coverage` first, and the section `related-coverage_1`.
RELATED_START = '<h2 id="related-coverage'


def text(value: str) -> str:
    """`value` as HTML text (or a double-quoted attribute), whitespace folded to single spaces."""
    # Titles, names and labels recur on many pages (an article's title in the related coverage of
    # others); long texts occur once.
    return _text_short(value) if len(value) <= 200 else _text(value)


def _text(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


_text_short = lru_cache(maxsize=1 << 16)(_text)


@lru_cache(maxsize=1 << 16)
def page_url(page: str) -> str:
    """The directory URL MkDocs gives a docs-relative page: `articles/2024/x.md` → `articles/2024/x/`,
    `countries/index.md` → `countries/`, `index.md` → `` (the site's root)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@lru_cache(maxsize=1 << 16)
def href(from_page: str, to_page: str) -> str:
    """The relative URL from one page to another, as a browser resolves it from the first page's URL."""
    start = page_url(from_page).split("/")[:-1]
    target = page_url(to_page).split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "./"


def link(label_html: str, from_page: str, to_page: str) -> str:
    """`<a>` to another page around `label_html`, which must already be HTML (escaped text)."""
    return f'<a href="{href(from_page, to_page)}">{label_html}</a>'
