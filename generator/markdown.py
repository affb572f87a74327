"""Safe Markdown building blocks: untrusted text in, Markdown that renders it literally out."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import babel.dates

# Python-Markdown's escapable characters (plus `|`, which the tables extension adds). A backslash
# before any other character is printed literally, so only these are escaped. `&`, `<` and `>`
# become HTML entities instead, which neither Markdown nor the browser will interpret.
# Escaped wherever they occur: emphasis, code, links and images (`[`, and `!`, which would make an
# image of a link the page puts right after the text), attributes (`{`), footnotes and
# abbreviations, tables, headings' closing `#`. The backslash comes first, so the backslashes added
# for the other characters are not escaped again.
_ESCAPES = (*((c, "\\" + c) for c in "\\`*_{}[]#|!"), ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
# Escaped only at the start, where the text may begin a line: lists (`-`, `+`, `1.`). Elsewhere `.`,
# `-`, `+`, `(` and `)` are plain text (with `[` escaped, `(` cannot form a link), and escaping every
# full stop and hyphen made Python-Markdown's inline processing the largest cost of the site build.
_LINE_START = re.compile(r"[-+]|\d+(?=\.)")


def md_text(text: str) -> str:
    """Inline Markdown that renders exactly `text`, on one line, whatever characters it holds."""
    # Titles and names recur on many index pages; long paragraphs occur once.
    return _md_text_short(text) if len(text) <= 200 else _md_text(text)


def _md_text(text: str) -> str:
    escaped = " ".join(text.split())
    for special, replacement in _ESCAPES:
        if special in escaped:
            escaped = escaped.replace(special, replacement)
    start = _LINE_START.match(escaped)
    if start:
        end = start.end()
        escaped = f"{escaped[:end]}\\{escaped[end:]}" if start.group()[0].isdigit() else f"\\{escaped}"
    return escaped


_md_text_short = lru_cache(maxsize=1 << 16)(_md_text)


def link(text: str, from_page: str, to_page: str) -> str:
    """A Markdown link with literal `text` from one docs-relative page to another."""
    return f"[{md_text(text)}]({relative(from_page, to_page)})"


def relative(from_page: str, to_page: str) -> str:
    """Relative path between two docs-relative paths: `articles/2024/x.md` → `../../countries/iran.md`.

    Same result as `posixpath.relpath` for normalised paths, without its calls to the file system
    (it is called for every link of every index page).
    """
    start = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs are ever linked, whatever validation let through (defence in depth)."""
    # `'` is a link's character (RFC 3986); the page escapes it in the attribute, as every other.
    return bool(url) and re.match(r"https?://[^\s<>\"]+$", url, re.IGNORECASE) is not None


@cache  # babel takes about 9 µs a date; index pages show each date several times
def long_date(value) -> str:
    """`2024-11-24` → `24 November 2024`, the same on every machine (no system locale)."""
    return babel.dates.format_date(value, "d MMMM y", locale="en")


def article_date(published, estimated: bool) -> str:
    """An article's publication date as readers see it: `21 January 2025`, or `about 21 January 2025`
    when it is the contributor's estimate (`Article.date_estimated`), so it is not taken as given."""
    return f"about {long_date(published)}" if estimated else long_date(published)


@cache
def month_label(year: int, month: int) -> str:
    import datetime as dt

    return babel.dates.format_date(dt.date(year, month, 1), "MMMM y", locale="en")


# The longest excerpt a list or a link preview shows of a summary: its first sentence, cut past this.
EXCERPT_LIMIT = 220


def uncut_first_sentence(text: str) -> str:
    """The first sentence of `text`, on one line, however long: up to a full stop (or ! or ?) before a
    capital, a digit or a quote, but one that ends an abbreviation (`_NOT_AN_END`)."""
    flat = " ".join(text.split())
    for match in _SENTENCE_BOUNDARY.finditer(flat):
        if not _NOT_AN_END.search(flat, max(0, match.start() - 40), match.start()):  # the word before it
            return flat[: match.start()]
    return flat


_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'])")
# The words whose full stop does not end a sentence of a summary: an English title or rank before a
# name ("Maj. Gen. Mohammad Baqeri"), "No." before a number, a month, and initials and initialisms
# ("U.S.", "U.N.", "John F. Kennedy"). "The U.S. State Department said..." was excerpted as "The U.S."
# on every list and link preview. Written here rather than taken from a library: NLTK's Punkt needs a
# model downloaded at run time, and pysbd (unchanged since 2021) is a whole rule set for one cut.
_NOT_AN_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Maj|Lt|Col|Capt|Cpt|Sgt|Adm|Cmdr|Brig|Rep|Sen|Gov|Pres|Amb|St|Jr|Sr"
    r"|No|Nos|Vol|Art|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Corp|Co|vs|(?:[A-Z]\.)*[A-Z])\.$"
)


def first_sentence(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """The first sentence of `text`, cut at a word boundary when longer than `limit`, and before a
    bracket the cut would leave open ("Patrushev (the report calls him director …" read as a fragment)."""
    sentence = uncut_first_sentence(text)
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0]
        opened = cut.rfind("(")
        if opened > cut.rfind(")") and opened > limit // 2:
            cut = cut[:opened].rstrip(" ,;:")
        sentence = cut + " …"
    return sentence


def plural(count: int, noun: str) -> str:
    """`1 article`, `2 articles` (English nouns of this site only take an `s`)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def unsearched(markdown: str) -> str:
    """Inline `markdown` shown on the page but left out of search (Material's `data-search-exclude`):
    an example or a date that would make the page a result for a name or a day it is not about."""
    return f"<span data-search-exclude>{markdown}</span>"
