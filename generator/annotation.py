"""Parse and check a contributor's annotation (`seeds/<name>.yml`), reporting problems at their line.

The YAML is composed into nodes with the safe loader (for line and column) and the values are
built from those nodes here, so nothing but plain strings, lists, mappings and dates is ever made.

    >>> annotation, problems = parse_annotation("a.yml", "countires: [IR]\\n")
    >>> problems[0].format()
    "a.yml:1:1: error: unknown key 'countires'; did you mean 'countries'?"
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote, urlsplit

import yaml
from babel import Locale

from generator.clean import DIRECTION_CONTROLS, SOFT_HYPHEN, composed, normalise_spaces
from generator.dates import find_dates, latest_today
from generator.diagnostics import did_you_mean, quoted, unwritable_character
from generator.markdown import EXCERPT_LIMIT, first_sentence, uncut_first_sentence
from generator.model import ANNOTATION_KEYS, CLEARABLE_KEYS, FUTURE_DATE, Annotation, Diagnostic, Extracted, Note
from generator.vocabulary import load_data
from generator.vocabulary import topics as vocabulary_topics
from generator.yaml_comments import comment_cuts
from generator.yaml_safety import FAST_LOADER, safety_problems

MAX_ANNOTATION_CHARS = 50_000
MAX_LIST_ITEMS = 100
MAX_NOTES = 50
MAX_LENGTH = {
    "title": 300,
    "title_en": 300,
    "url": 2_000,
    "outlet": 100,
    "original_source": 100,
    "dateline": 100,
    "editor": 100,
    "date_note": 1_000,
    "summary": 2_000,
    "countries": 100,
    "topics": 100,
    "people": 200,
    "organisations": 200,
    "quote": 500,
    "note": 2_000,
}
SINGLE_LINE_KEYS = ("title", "title_en", "url", "outlet", "original_source", "dateline", "editor")
MULTI_LINE_KEYS = ("date_note", "summary")
LIST_KEYS = ("countries", "topics", "people", "organisations")
BOOLEAN_KEYS = ("date_estimated",)
NOTE_KEYS = ("quote", "note")

# Written by `python -m generator new` after each value it read from the text; `check` reminds the
# contributor of each one left, until it is checked and the marker removed.
REVIEW_MARKER = "# extracted: please review"
# Written by `python -m generator new`; `check` rejects it until it is replaced.
SUMMARY_PLACEHOLDER = "TODO: replace with 2-4 English sentences: what happened, who, where, when."

_NULL_TAG = "tag:yaml.org,2002:null"
# The placeholder, or a summary begun as one ("todo: …"); not a summary about Todorov.
_TODO = re.compile(r"todo\b", re.IGNORECASE)
# Before this year a publication date is a typing slip (`0001-01-01` made a page under articles/1/).
EARLIEST_YEAR = 1900
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The spellings of a boolean that YAML 1.1 (PyYAML, this checker) and YAML 1.2 (most other tools, editors)
# both read as one. YAML 1.1 also reads yes/no/on/off so, 1.2 reads them as text: they are not accepted,
# so an annotation means the same to every reader; `_BOOLEAN_MEANT` says which spelling was meant.
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_BOOLEAN_MEANT = {"true": "true", "yes": "true", "on": "true", "false": "false", "no": "false", "off": "false"}
# Not ISO 3166-1 alpha-2 country codes, though CLDR names them (EU, UN, reserved and private-use codes).
_NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


# A blank line, which ends a paragraph of a value written after '|' (whose line breaks YAML keeps).
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(value: str, *, literal: bool) -> str:
    """A value of prose as its paragraphs, each on one line, joined by a blank line: the form pages
    show as paragraphs (a summary written after '|' in two paragraphs was shown as one).

    After '|' a paragraph ends at a blank line, and its other line breaks only wrap it. In every other
    style YAML has already joined the wrapped lines to one, and each line break left stood for a blank
    line in the file.
    """
    parts = _BLANK_LINE.split(value) if literal else value.split("\n")
    return "\n\n".join(" ".join(part.split()) for part in parts if part.strip())


def quoted_apart(first: str, second: str, limit: int = 60) -> tuple[str, str]:
    """Two different values as `quoted` shows them, around where they differ when shortening would
    show the same start of both (two headlines that differ in their last word)."""
    if quoted(first, limit) != quoted(second, limit):
        return quoted(first, limit), quoted(second, limit)
    pairs = enumerate(zip(first, second, strict=False))
    differs = next((i for i, (a, b) in pairs if a != b), min(len(first), len(second)))
    start = max(0, differs - limit // 3)
    start = first.rfind(" ", 0, start) + 1 if start else 0  # at the start of a word
    mark = "…" if start else ""
    return quoted(mark + first[start:], limit), quoted(mark + second[start:], limit)


_NUMERIC_DATE = re.compile(
    r"(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})|(?P<d2>\d{1,2})[-/.](?P<m2>\d{1,2})[-/.](?P<y2>\d{4})"
)
# An ISO 8601 date-time, as copied from a page's metadata (`2024-09-18T09:12:00+07:00`): the hint gives
# its date as written, the date where its offset says (the outlet's, for Indonesia's +07:00).
_ISO_DATE_TIME = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2})(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


def _as_iso(raw: str) -> str:
    """`; write it as 2025-03-03` for a date written another way (`03/03/2025`, `3 Maret 2025`), read
    as the extractor reads dates in articles (day first); "" when `raw` holds no one date."""
    timed = _ISO_DATE_TIME.fullmatch(raw.strip())
    numeric = _NUMERIC_DATE.fullmatch(timed.group(1) if timed else raw.strip())
    if numeric is not None:  # 2025-3-14, 2025/03/14, 14-03-2025, 14.03.2025: not forms articles use
        year, month, day = numeric.group("y1", "m1", "d1") if numeric.group("y1") else numeric.group("y2", "m2", "d2")
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            return ""
    else:
        found = find_dates(raw)
        if len(found) != 1 or found[0].year is None:
            return ""
        date = found[0]
    return f"; write it as {date.year:04d}-{date.month:02d}-{date.day:02d}"


# The characters a link may hold as they are (RFC 3986: reserved and unreserved, and `%` of an escape);
# any other is written percent-encoded. `_NOT_IN_URL`: those of the others that a contributor's
# copied link may hold (space is refused with the scheme's checks).
_URL_CHARACTERS = ":/?#[]@!$&'()*+,;=%~-._"
_NOT_IN_URL = re.compile(r'["<>\\^`{|}]')


def _with_scheme(url: str) -> str:
    """`; write it as 'https://www.cnnindonesia.com/x'` for a link copied without its scheme
    (`www.cnnindonesia.com/x`, `//www.cnnindonesia.com/x`); "" for anything else (`/articles/1`)."""
    try:
        if urlsplit(url).scheme or " " in url:
            return ""
        meant = "https:" + url if url.startswith("//") else "https://" + url
        host = urlsplit(meant).hostname or ""
    except ValueError:  # brackets that make no IPv6 address
        return ""
    named = re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", host)  # a domain name, not `localhost`, `1.2.3.4`
    return f"; write it as {quoted(meant, 120)}" if named else ""


def _nearest_phrase(quote: str, body: str) -> str | None:
    """The phrase of `body` a quote that does not occur was most likely meant to be: the same words in
    other capitals or spacing, or a phrase of as many words that differs by a typo or two; only one a
    note can quote (it occurs once, within a paragraph)."""
    words = quote.split()
    if not words:
        return None
    # Not inside a word of the text (`_inside_a_word`): `[^\W_]` is a letter or a digit.
    before = r"(?<![^\W_])" if words[0][0].isalnum() else ""
    after = r"(?![^\W_])" if words[-1][-1].isalnum() else ""
    alike = re.search(before + r"[^\S\n]+".join(map(re.escape, words)) + after, body, re.IGNORECASE)
    if alike is not None:
        return alike.group() if body.count(alike.group()) == 1 else None
    tokens = body.split()
    wanted = " ".join(words)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(wanted)  # the side difflib indexes, once for every window
    best, best_ratio = None, _NEAR_CUTOFF
    for start in _likely_windows(words, tokens):
        window = " ".join(tokens[start : start + len(words)])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
            ratio = matcher.ratio()
            # Only a phrase a note can quote: one that occurs once, within a paragraph (the words of a
            # window are joined by spaces, so one across a line break is not in the text as it is).
            if (ratio > best_ratio or (ratio == best_ratio and best is None)) and body.count(window) == 1:
                best, best_ratio = window, ratio
    return best


# How alike a phrase of the text must be to a quote to be suggested for it (difflib's ratio).
_NEAR_CUTOFF = 0.85
# The windows of the text compared with a quote, at most. Comparing every window of as many words as
# the quote took minutes for fifty long quotes in a long text (difflib over 26,000 windows each).
_NEAR_WINDOWS = 400
_WORD_EDGES = ".,;:!?\"'()[]“”‘’«»"


def _likely_windows(words: list[str], tokens: list[str]) -> list[int]:
    """Where a window of `len(words)` tokens may hold a mistyped quote, in order of the text: for a quote
    of three words or more, the windows holding at least half of its words as they are (a typo or two
    leaves most words intact), those holding most first; for a shorter one, every window."""
    span = len(words)
    starts = range(max(0, len(tokens) - span) + 1)
    if span < 3:
        return list(starts)  # a word or two: short windows, cheap to compare
    quote_words = {word.strip(_WORD_EDGES).casefold() for word in words}
    hits = [0]
    for token in tokens:  # running count of quote words, so each window's count is one subtraction
        hits.append(hits[-1] + (token.strip(_WORD_EDGES).casefold() in quote_words))
    need = (span + 1) // 2
    width = min(span, len(tokens))  # a text of fewer words than the quote is one window, all of it
    scored = [(hits[i + width] - hits[i], i) for i in starts if hits[i + width] - hits[i] >= need]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return sorted(i for _, i in scored[:_NEAR_WINDOWS])


def _quote_not_found(quote: str, removed: tuple[str, ...], headline: str | None = None, body: str = "") -> str:
    """Why a note's quote is not in the article's text, and what to do: when the raw text has it in
    a line the cleaner removed, saying only "copy it exactly" sent the contributor back to a phrase
    that is in the file verbatim."""
    line = next((line for line in removed if quote in line), None)
    if line is None and headline is not None and quote in headline:
        return f"quote {quoted(quote)} is in the headline; notes are shown at a phrase of the article's text: quote one"
    if line is None:
        near = _nearest_phrase(quote, body)
        hint = f"the text has {quoted(near, 120)}" if near else "copy the phrase exactly as it appears in the article"
        return f"quote {quoted(quote, 120)} does not occur in the article text; {hint}"
    return (
        f"quote {quoted(quote)} is in a line the generator removes from the article as page furniture "
        f"({quoted(line)}; `python -m generator extract` lists them); quote a phrase of the article's text, or, "
        "if that line belongs to the article, report it with this file"
    )


def _text_before(text: str, mark: yaml.Mark) -> str:
    """What the line of `mark` holds before it ("" past the last line)."""
    lines = text.splitlines()
    return lines[mark.line][: mark.column] if mark.line < len(lines) else ""


def _misindented(text: str, mark: yaml.Mark, problem: str) -> bool:
    """Whether the parser stopped at a `key:` line of its own indented unlike its neighbours (where
    `title: a: b` needs quotes, `   note: b` needs its indentation mended)."""
    before = _text_before(text, mark)
    if "expected <block end>" in problem:  # found at the start of a line, not after a value (`[IR] x`)
        return not before.strip()
    return problem == "mapping values are not allowed here" and re.fullmatch(r"\s+-?\s*[\w-]+\s*", before) is not None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from CLDR's territory list (Babel)."""
    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


@cache
def _country_names() -> dict[str, str]:
    """Folded English and Indonesian country names (CLDR) → code: `rusia` → `RU`; then the names the
    extractor knows countries by in a text (`data/country_aliases.yml`'s aliases), which CLDR lacks
    though contributors write them: `Inggris` (CLDR: Inggris Raya), `Palestina`, `USA`, `UAE`."""
    names: dict[str, str] = {}
    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if code in country_codes():
                names[_fold(name)] = code
    for code, aliases in load_data("country_aliases.yml")["aliases"].items():
        for alias in aliases:
            names.setdefault(_fold(alias), code)  # a CLDR name keeps its country
    return names


# Codes that are not ISO 3166-1 but are written for it: the United Kingdom's and Greece's in EU usage.
_CODES_MEANT = {"UK": "GB", "EL": "GR"}


def suggest_country(value: str) -> str | None:
    """The code meant by a wrong country value: `ir` → `IR`, `Iran` → `IR`, `Rusia` → `RU`, `UK` → `GB`."""
    if value.upper() in country_codes():
        return value.upper()
    if value.upper() in _CODES_MEANT:
        return _CODES_MEANT[value.upper()]
    names = _country_names()
    folded = _fold(value)
    if folded in names:
        return names[folded]
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


def _continued_lines(text: str, node: yaml.Node) -> list[tuple[int, int]]:
    """Line and column (0-based) of each `- ` that starts a later line of a plain value `node`: a list
    item indented deeper than its list, which YAML reads as more words of the item above."""
    if not isinstance(node, yaml.ScalarNode) or node.style or node.start_mark.line == node.end_mark.line:
        return []
    lines = text.splitlines()[node.start_mark.line + 1 : node.end_mark.line + 1]
    dashes = (re.match(r"[ \t]*(?=-(?:[ \t]|$))", line) for line in lines)
    return [(node.start_mark.line + 1 + i, dash.end()) for i, dash in enumerate(dashes) if dash is not None]


def _dash_at(text: str, item: yaml.Node) -> tuple[int, int]:
    """The (0-based) line and column of the `-` opening the list item `item`: before the item on its
    line, or alone at the end of a line above it (`-` then the value on the next line)."""
    lines = text.splitlines()
    dash = lines[item.start_mark.line].rfind("-", 0, item.start_mark.column)
    if dash >= 0:
        return item.start_mark.line, dash
    for number in range(item.start_mark.line - 1, -1, -1):
        if lines[number].strip():
            return number, max(lines[number].rfind("-"), 0)
    return item.start_mark.line, 0


def _continued_item(item_line: int, item_column: int, column: int) -> str:
    """The message for a `- ` at (0-based) `column` of a line continuing the item that starts on line
    `item_line` with its dash at `item_column`: either line may be the one out of line, so both are named."""
    return (
        f"this line continues the item of line {item_line + 1}, as YAML reads a '- ' indented deeper than "
        f"its list (its dash is at column {column + 1}, line {item_line + 1}'s at column {item_column + 1}); "
        "line up the items' dashes (or quote the item if the dash belongs to it)"
    )


# Other names contributors write for a key, which no spelling brings close (or brings close to the
# wrong key: `date` to 'dateline', `headline` to 'dateline', `publisher` to 'published'). The meanings
# are CONTRIBUTING.md's: the outlet published the article, the original source is the agency it credits;
# a bare `source` could be either, and is left to the list of keys.
_KEYS_MEANT = {
    "link": "url",
    "source_url": "url",
    "href": "url",
    "website": "url",
    "date": "published",
    "headline": "title",
    "publisher": "outlet",
    "agency": "original_source",
    "tags": "topics",
    "persons": "people",
    "orgs": "organisations",
}


def _meant_boolean(node: yaml.Node) -> str | None:
    """The boolean ("true" or "false") a scalar spelled `yes`, `Off`, `"true"` and the like stands for."""
    return _BOOLEAN_MEANT.get(node.value.strip().lower()) if isinstance(node, yaml.ScalarNode) else None


@dataclass
class _Checker:
    path: str
    today: dt.date
    known_topics: tuple[str, ...]
    source: str = ""  # the annotation's text, for what the nodes do not tell
    problems: list[Diagnostic] = field(default_factory=list)

    def error(self, node: yaml.Node | None, message: str) -> None:
        self._add(node, "error", message)

    def warning(self, node: yaml.Node | None, message: str) -> None:
        self._add(node, "warning", message)

    def _add(self, node: yaml.Node | None, level: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        col = node.start_mark.column + 1 if node is not None else None
        self.problems.append(Diagnostic(self.path, line, col, level, message))

    # -- values ---------------------------------------------------------------------------------

    def text(
        self, key: str, node: yaml.Node, *, single_line: bool, what: str | None = None, in_list: bool = False
    ) -> str | None:
        """A string value, or None (with an error) when it is not one. `in_list`: an entry of a list,
        whose lines starting with a dash `string_list` has looked at."""
        what = what or repr(key)
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.error(node, f"{what} must be text, but received {kind}; write it on one line after the colon")
            return None
        # As the cleaner leaves an article's text (`clean.composed`, and no soft hyphen): a quote copied
        # from the raw text with them, or typed decomposed, was not found, and the suggestion looked the same.
        value = composed(node.value).replace(SOFT_HYPHEN, "")
        value = " ".join(value.split()) if single_line else value.strip()
        continued = _continued_lines(self.source, node) if single_line and not in_list else []
        if continued:  # `outlet: Antara` then `  - Reuters`: one value that YAML silently made "Antara - Reuters"
            line, column = continued[0]
            message = (
                f"{what} takes one line of text, but this line starts with '- ', which YAML joins to the line "
                f"above ({quoted(value)}); it takes one value, not a list: remove this line, or write the whole "
                "value on one line if the dash belongs to it"
            )
            self.problems.append(Diagnostic(self.path, line + 1, column + 1, "error", message))
            return None
        bad = unwritable_character(value)
        if bad:
            self.error(node, f"{what} {bad}; remove it")
            return None
        hidden = _INVISIBLE_RE.search(value)
        if hidden:  # written as an escape in quotes ("\u202E"), which the scan of the file's characters cannot see
            character = hidden.group()
            name = unicodedata.name(character, "next line").lower()
            self.error(
                node, f"{what} contains the invisible character U+{ord(character):04X} ({name}) as an escape; remove it"
            )
            return None
        limit = MAX_LENGTH[key]
        if len(value) > limit:
            self.error(node, f"{what} is {len(value)} characters long; shorten it to at most {limit}")
            return None
        return value

    def prose(self, key: str, node: yaml.Node, what: str | None = None) -> str | None:
        """English prose (a summary, a note): `text`, as paragraphs (see `_paragraphs`)."""
        value = self.text(key, node, single_line=False, what=what)
        return _paragraphs(value, literal=node.style == "|") if value else value

    def string_list(self, key: str, node: yaml.Node) -> list[tuple[str, yaml.Node]] | None:
        if not isinstance(node, yaml.SequenceNode):
            example = "[IR, RU]" if key == "countries" else "[first, second]"
            self.error(node, f"{key!r} must be a list like {example}, but received: {quoted(_describe(node))}")
            return None
        if len(node.value) > MAX_LIST_ITEMS:
            self.error(node, f"{key!r} has {len(node.value)} entries; at most {MAX_LIST_ITEMS} are allowed")
            return None
        items = []
        seen: set[str] = set()
        ok = True
        for item in node.value:
            continued = _continued_lines(self.source, item) if not node.flow_style else []
            if continued:  # a value certainly not meant, whatever else is wrong with it
                dash_line, dash = _dash_at(self.source, item)
                for line, column in continued:
                    message = _continued_item(dash_line, dash, column)
                    self.problems.append(Diagnostic(self.path, line + 1, column + 1, "error", message))
                ok = False
                continue
            value = self.text(key, item, single_line=True, what=f"each entry of {key!r}", in_list=True)
            if value is None:
                ok = False
                continue
            if value and item.tag == _NULL_TAG:  # `text` gave a value: a scalar
                # `- null`, `[~]`: YAML's "nothing", which the page showed as a name, "People: null".
                self.error(
                    item,
                    f"{quoted(value)} in {key!r} is YAML's word for nothing, not an entry: remove it, or quote it "
                    f"('{value}') if it is one",
                )
                ok = False
                continue
            if not value:
                self.error(item, f"empty entry in {key!r}; remove it")
                ok = False
                continue
            if value in seen:
                self.warning(item, f"{quoted(value)} is listed twice in {key!r}; remove one")
                continue
            seen.add(value)
            items.append((value, item))
        return items if ok else None

    def published(self, node: yaml.Node) -> dt.date | None:
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else _describe(node)
        if not isinstance(node, yaml.ScalarNode) or not _DATE.fullmatch(raw):
            self.error(
                node, f"'published' must be a date written YYYY-MM-DD, but received: {quoted(raw)}{_as_iso(raw)}"
            )
            return None
        try:
            value = dt.date.fromisoformat(raw)
        except ValueError:
            self.error(node, f"'published' is not a real date: {quoted(raw)}; write it as YYYY-MM-DD")
            return None
        if value > self.today:
            self.error(
                node,
                f"{FUTURE_DATE}: {raw} (the latest date on Earth today is {self.today.isoformat()}); "
                "give the date the article was published",
            )
            return None
        if value.year < EARLIEST_YEAR:
            self.error(
                node,
                f"'published' is {raw}, before {EARLIEST_YEAR}: no news report of the digest is that old; "
                "check the year",
            )
            return None
        return value

    def boolean(self, key: str, node: yaml.Node) -> bool | None:
        """`true` or `false` written plainly (see `_BOOLEANS`), or None (with an error)."""
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else _describe(node)
        plain = isinstance(node, yaml.ScalarNode) and not node.style  # libyaml gives "" for plain, PyYAML None
        if plain and raw in _BOOLEANS:
            return _BOOLEANS[raw]
        meant = _meant_boolean(node)
        hint = (f"; write {meant}" + ("" if plain else " without quotes")) if meant else ""
        self.error(node, f"{key!r} must be true or false, but received: {quoted(raw)}{hint}")
        return None

    def url(self, node: yaml.Node) -> str | None:
        value = self.text("url", node, single_line=True)
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError:  # a `[` or `]` in the host that is not an IPv6 address: "internal error" before
            self.error(
                node, f"'url' is not a valid link: {quoted(value)}; copy it again from the browser's address bar"
            )
            return None
        if parts.scheme.lower() not in ("http", "https") or not host or " " in value:
            self.error(
                node,
                "'url' must be an absolute http(s) link like https://example.com/article, "
                f"but received: {quoted(value)}{_with_scheme(value)}",
            )
            return None
        unsafe = _NOT_IN_URL.search(value)
        if unsafe:  # passed, then left off the page (`markdown.is_web_url`), which said none was recorded
            meant = quote(value, safe=_URL_CHARACTERS)
            self.error(
                node,
                f"'url' holds {unsafe.group()!r}, which a link cannot: write it percent-encoded, as a browser's "
                f"address bar copies it: {quoted(meant, 200)}",
            )
            return None
        return value

    def countries(self, node: yaml.Node) -> tuple[str, ...] | None:
        items = self.string_list("countries", node)
        if items is None:
            return None
        codes, ok = [], True
        for value, item in items:
            if value in country_codes():
                codes.append(value)
                continue
            ok = False
            suggestion = suggest_country(value)
            hint = (
                f"did you mean {suggestion!r}?"
                if suggestion
                else "see https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2"
            )
            self.error(item, f"{quoted(value)} is not an ISO 3166-1 alpha-2 country code; {hint}")
        return tuple(codes) if ok else None

    def topics(self, node: yaml.Node) -> tuple[str, ...] | None:
        items = self.string_list("topics", node)
        if items is None:
            return None
        slugs, ok = [], True
        for value, item in items:
            if value in self.known_topics:
                slugs.append(value)
                continue
            ok = False
            suggestion = did_you_mean(value, self.known_topics)
            hint = f"did you mean {suggestion!r}?" if suggestion else f"expected one of: {', '.join(self.known_topics)}"
            self.error(
                item,
                f"unknown topic {quoted(value)}; {hint} (topics are listed in generator/data/topics.yml)",
            )
        return tuple(slugs) if ok else None

    def notes(
        self, node: yaml.Node, body: str | None, removed: tuple[str, ...] = (), headline: str | None = None
    ) -> tuple[Note, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            # A mapping has the keys right but not the '- ' before each note: show where it goes.
            form = (
                "; write each note as a list item: '- quote: <exact phrase>' then 'note: <your note>' under it"
                if isinstance(node, yaml.MappingNode)
                else ""
            )
            self.error(node, f"'notes' must be a list of entries, each with 'quote:' and 'note:'{form}")
            return None
        if len(node.value) > MAX_NOTES:
            self.error(node, f"'notes' has {len(node.value)} entries; at most {MAX_NOTES} are allowed")
            return None
        notes, ok = [], True
        for item in node.value:
            note = self.note(item, body, removed, headline)
            if note is None:
                ok = False
            else:
                notes.append(note)
        if ok and body is not None:
            ok = self.notes_placeable(notes, node, body)
        return tuple(notes) if ok else None

    def notes_placeable(self, notes: list[Note], node: yaml.SequenceNode, body: str) -> bool:
        """Whether the page can mark every note's phrase: one within a paragraph, and no two phrases
        overlapping. (Each quote occurs once in `body`; the page marks phrases paragraph by paragraph and
        leaves out a note it cannot mark, so these passed `check` and vanished from the page.)"""
        ok = True
        marked: list[tuple[int, int, Note, yaml.Node]] = []  # start, end, note and its quote's node
        for note, item in zip(notes, node.value, strict=True):
            quote_node = next(value for key, value in item.value if key.value == "quote")
            start = body.find(note.quote)
            end = start + len(note.quote)
            if "\n" in body[start:end]:
                self.error(
                    quote_node,
                    f"quote {quoted(note.quote)} runs across two paragraphs of the article text; a note marks a "
                    "phrase within one paragraph: quote the part in one of them",
                )
                ok = False
                continue
            for other_start, other_end, other, other_node in marked:
                if start < other_end and other_start < end:
                    line = other_node.start_mark.line + 1
                    if other.quote == note.quote:
                        why = f"is the quote of the note at line {line} too; write the two notes as one"
                    else:
                        why = (
                            f"overlaps the quote {quoted(other.quote)} of the note at line {line}; a phrase "
                            "carries one note: quote phrases that do not overlap, or write the two notes as one"
                        )
                    self.error(quote_node, f"quote {quoted(note.quote)} {why}")
                    ok = False
                    break
            else:
                marked.append((start, end, note, quote_node))
        return ok

    def note(
        self, node: yaml.Node, body: str | None, removed: tuple[str, ...] = (), headline: str | None = None
    ) -> Note | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "each note must be a mapping: '- quote: <exact phrase>' then 'note: <your note>'")
            return None
        values: dict[str, str] = {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else _describe(key_node)
            if key not in NOTE_KEYS:
                suggestion = did_you_mean(key, NOTE_KEYS)
                hint = f"did you mean {suggestion!r}?" if suggestion else "expected one of: quote, note"
                self.error(key_node, f"unknown key {quoted(key)} in a note; {hint}")
                ok = False
                continue
            if key in values:
                self.error(key_node, f"duplicate key {key!r} in a note; keep only one")
                ok = False
                continue
            what = f"the note's {key!r}"
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL_TAG and value_node.value:
                # `note: null` was shown as the note "null" (an empty value is reported below).
                self.error(value_node, f"{what} is {value_node.value!r}, which YAML reads as no value; write it out")
                ok = False
                continue
            # A quote is looked for in the text with its spaces as the cleaner leaves the text's (one space
            # for a no-break space or a run of them, no zero-width space): copied from the raw text with
            # them, it was "not found", and the phrase suggested looked the same.
            if key == "quote":
                value = self.text(key, value_node, single_line=False, what=what)
                value = normalise_spaces(value).strip() if value else value
            else:
                value = self.prose(key, value_node, what)
            if value is None:
                ok = False
                continue
            if not value:
                self.error(value_node, f"the note's {key!r} is empty; fill it in or remove the note")
                ok = False
                continue
            values[key] = value
            if key == "quote" and body is not None:
                count = body.count(value)
                if count == 0:
                    self.error(value_node, _quote_not_found(value, removed, headline, body))
                    ok = False
                elif count > 1:
                    self.error(
                        value_node,
                        f"quote {quoted(value)} occurs {count} times in the article text; "
                        "quote a longer phrase so that it occurs exactly once",
                    )
                    ok = False
                elif (partial := _inside_a_word(value, body)) is not None:
                    # A warning: the note is shown, at part of a word (an error stopped the whole build).
                    self.warning(value_node, partial)
        for key in NOTE_KEYS:
            if key not in values and ok:
                self.error(node, f"this note has no {key!r}; each note needs both 'quote:' and 'note:'")
                ok = False
        return Note(quote=values["quote"], note=values["note"]) if ok else None


def _inside_a_word(quote: str, body: str) -> str | None:
    """The warning for a quote that begins or ends inside a word of the text it occurs in once (`Emomali
    Rah` of "Emomali Rahmon"): the page marked half a word, the note's number in the middle of it."""
    start = body.index(quote)
    end = start + len(quote)
    begins_inside = start > 0 and body[start - 1].isalnum() and quote[0].isalnum()
    ends_inside = end < len(body) and body[end].isalnum() and quote[-1].isalnum()
    if not begins_inside and not ends_inside:
        return None
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    where = "begins and ends" if begins_inside and ends_inside else "begins" if begins_inside else "ends"
    return (
        f"quote {quoted(quote)} {where} inside a word of the article text, and the page marks part of it; "
        f"quote whole words: {quoted(body[start:end], 120)}"
    )


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _quote_ending_at(text: str, mark) -> yaml.ScalarToken | None:
    """The quoted value that ends where the parser stopped (`mark`), if one does: the quote it closed on
    was not the one the contributor meant to close it with."""
    try:
        for token in yaml.scan(text, Loader=FAST_LOADER):
            if token.start_mark.index > mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.index == mark.index:
                return token
    except yaml.YAMLError:
        pass
    return None


def _syntax_error(path: str, text: str, err: yaml.YAMLError) -> Diagnostic:
    if isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        message = f"YAML cannot contain the character U+{err.character:04X}; remove it"
        return Diagnostic(path, line, col, "error", message)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    opened = getattr(err, "context_mark", None)
    # A quote or a bracket left open takes in the lines after it, and the parser notices only there
    # (at the end of the file, for a quote): where it opens is what the contributor has to fix.
    unclosed_quote = opened is not None and context == "while scanning a quoted scalar" and "end of stream" in problem
    unclosed_list = opened is not None and (context or "").startswith("while parsing a flow")
    mark = opened if unclosed_quote or unclosed_list else getattr(err, "problem_mark", None) or opened
    # A quote closed too early (a quote mark inside a quoted value), or left open until a quote on a
    # later line: the parser stops where that quoted value ended.
    quote = _quote_ending_at(text, mark) if mark is not None and not (unclosed_quote or unclosed_list) else None
    if quote is not None and quote.end_mark.line != quote.start_mark.line:
        mark = quote.start_mark
    # The first key indented (` title: …`): YAML takes the indented keys for the document's level and
    # stops at the first key that starts the line, saying only that it expected a new document there.
    indented_first = _indented_first_key(text) if mark is not None and "<document start>" in problem else None
    if indented_first is not None and indented_first < mark.line:
        mark = yaml.Mark("", 0, indented_first, 0, None, None)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    if quote is not None and quote.end_mark.line == quote.start_mark.line:
        col = quote.end_mark.column  # at the quote mark that closed the value, not after it
    detail = f"{context}, {problem}" if context else problem
    if unclosed_quote:
        hint = "the quote that opens here is never closed: close it on this line"
    elif unclosed_list:
        hint = (
            "the '[' or '{' that opens here is not closed where expected: close it on this line, "
            "and quote items that contain ': '"
        )
    elif quote is not None and quote.end_mark.line != quote.start_mark.line:
        closed = f"the quote that opens here is closed only on line {quote.end_mark.line + 1}: close it on this line"
        hint = closed + (', and write \\" for a quote mark inside it' if quote.style == '"' else "")
    elif quote is not None and quote.style == '"':
        hint = "the value's quotes close here, before its end: write \\\" for a quote mark inside double quotes"
    elif quote is not None:
        hint = "the value's quotes close here, before its end: write '' for an apostrophe inside single quotes"
    elif "'\\t'" in problem and mark is not None and _text_before(text, mark).strip():
        hint = "write a space instead of this tab: YAML takes no tab between a key or '-' and its value"
    elif "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif mark is not None and _misindented(text, mark, problem):
        hint = "this line is indented unlike the lines of its entry: indent each key of an entry alike, with spaces"
    elif indented_first is not None and mark is not None and mark.line == indented_first:
        detail = "the first key is indented"
        hint = "start each key of the annotation at the beginning of its line, as the keys below it are"
    elif "another document" in problem:
        hint = "an annotation is one YAML document: remove the '---' line"
    else:
        hint = "quote values that contain ': ' or start with a special character"
    return Diagnostic(path, line, col, "error", f"invalid YAML: {detail}; {hint}")


def _indented_first_key(text: str) -> int | None:
    """The (0-based) line of the annotation's first key when it is indented, else None (comments, blank
    lines and a `---` before it are skipped; a first line that is a list item is no key)."""
    for number, line in enumerate(text.splitlines()):
        bare = line.strip()
        if not bare or bare.startswith("#") or bare == "---":
            continue
        return number if line[0] in " \t" and not bare.startswith("-") and ":" in bare else None
    return None


# Characters no one sees that change what the annotation means or how it shows. YAML takes the line
# separators for line breaks where editors and GitHub do not (so its line numbers and complaints pointed
# elsewhere); the direction controls reverse how the text after them is shown (`clean.DIRECTION_CONTROLS`).
_LINE_SEPARATORS = "\x85\u2028\u2029"
_INVISIBLE_RE = re.compile(f"[{_LINE_SEPARATORS}{DIRECTION_CONTROLS}]")


_EDITOR_LINES = re.compile(r"\r\n?|\n")  # the line breaks of an editor (and of YAML's marks)


def _invisible_characters(path: str, text: str) -> list[Diagnostic]:
    """An error at each invisible character of `_INVISIBLE_RE`, at its line and column as an editor counts them."""
    if _INVISIBLE_RE.search(text) is None:  # nearly always: one scan of the text
        return []
    problems = []
    for number, line in enumerate(_EDITOR_LINES.split(text), start=1):  # a file with old-Mac line ends said line 1
        for found in _INVISIBLE_RE.finditer(line):
            character = found.group()
            name = unicodedata.name(character, "next line").lower()  # U+0085, a control, has no name
            if character in _LINE_SEPARATORS:
                why = "YAML reads it as a line break, though editors do not"
            else:
                why = "it reverses how the text after it is shown on the site"
            message = f"invisible character U+{ord(character):04X} ({name}) here: {why}; remove it"
            problems.append(Diagnostic(path, number, found.start() + 1, "error", message))
    return problems


def parse_annotation(
    path: str,
    text: str,
    *,
    extracted: Extracted | None = None,
    today: dt.date | None = None,
    known_topics: Iterable[str] | None = None,
) -> tuple[Annotation | None, list[Diagnostic]]:
    """The annotation in `text` and every problem in it; None when any of them is an error.

    With `extracted`, notes are checked against its `body` and values that disagree with the
    extraction are reported as warnings (the annotation wins).
    """
    today = today or latest_today()
    topics = tuple(known_topics) if known_topics is not None else tuple(vocabulary_topics())
    checker = _Checker(path, today, topics, text)
    if len(text) > MAX_ANNOTATION_CHARS:
        return None, [Diagnostic(path, message=f"the annotation is longer than {MAX_ANNOTATION_CHARS:,} characters")]
    invisible = _invisible_characters(path, text)
    if invisible:
        # Reported, then read as an editor shows them, so the annotation's other problems come in the
        # same round: a line separator as a space, a direction control as nothing.
        text = _INVISIBLE_RE.sub(lambda found: " " if found.group() in _LINE_SEPARATORS else "", text)
        checker.problems.extend(invisible)
    try:
        unsafe = safety_problems(path, text)
        if unsafe:
            return None, invisible + unsafe
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        try:
            unsafe = safety_problems(path, text, yaml.SafeLoader)
            if unsafe:
                return None, invisible + unsafe
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            return None, [*invisible, _syntax_error(path, text, err)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG):
        empty = Diagnostic(path, level="warning", message=f"the annotation is empty, so {_NO_SUMMARY}")
        return (None, [*invisible, empty]) if invisible else (Annotation(), [empty])
    if not isinstance(root, yaml.MappingNode):
        checker.error(
            root,
            f"the annotation must be a mapping of 'key: value' lines, but received {quoted(_describe(root))}",
        )
        return None, checker.problems

    values: dict[str, object] = {}
    nodes: dict[str, yaml.Node] = {}
    value_nodes: dict[str, yaml.Node] = {}
    cleared: set[str] = set()
    rejected: set[str] = set()  # the keys whose value has an error, reported at it
    failed = bool(invisible)
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            checker.error(key_node, "keys must be plain words like 'title'")
            failed = True
            continue
        key = key_node.value
        if key not in ANNOTATION_KEYS:
            suggestion = _KEYS_MEANT.get(key.lower()) or did_you_mean(key, ANNOTATION_KEYS)
            hint = f"did you mean {suggestion!r}?" if suggestion else f"expected one of: {', '.join(ANNOTATION_KEYS)}"
            checker.error(key_node, f"unknown key {quoted(key)}; {hint}")
            failed = True
            continue
        if key in nodes:
            first = nodes[key].start_mark.line + 1
            checker.error(key_node, f"duplicate key {key!r} (first given on line {first}); keep only one")
            failed = True
            continue
        nodes[key] = key_node
        value_nodes[key] = value_node
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL_TAG:
            # `key:` left empty: not given, the extraction stands; `key: null` (or `~`): none at all.
            if value_node.value and key in CLEARABLE_KEYS:
                cleared.add(key)
            elif value_node.value and key == "title":
                checker.error(value_node, "an article always has a headline: write it instead of null")
                failed = True
            continue
        value = _value(checker, key, value_node, extracted)
        if value is None:
            failed = True
            rejected.add(key)
        elif value == "" and key in CLEARABLE_KEYS:
            cleared.add(key)  # `key: ""` says the same as `key: null`
        elif value != "":
            values[key] = value
    # A rejected `date_estimated: yes` is checked as the `true` it was meant to be, so that its missing
    # date is reported in the same round rather than after the contributor fixes the spelling.
    estimated = values.get("date_estimated") or (
        "date_estimated" in rejected and _meant_boolean(value_nodes["date_estimated"]) == "true"
    )
    if estimated and not _estimate_holds(checker, nodes["date_estimated"], values, rejected):
        failed = True
    if "summary" in values and _TODO.match(str(values["summary"])):
        checker.error(
            nodes["summary"],
            "'summary' is still the placeholder: replace it with 2-4 English sentences "
            "(what happened, who, where, when)",
        )
        failed = True
    elif "summary" in values:
        _long_first_sentence(checker, value_nodes["summary"], str(values["summary"]))
    if "summary" not in values and not failed:
        # At the key when it is there but empty: the contributor may not see why it does not count.
        checker.warning(nodes.get("summary"), _NO_SUMMARY)
    # `published: null` says the article has none, knowingly.
    undated = extracted is not None and extracted.published is None and "published" not in cleared
    if undated and "published" not in values and not failed:
        checker.warning(nodes.get("published"), _NO_DATE)
    _unreviewed(checker, text)  # with the other problems: a contributor fixes them in one round
    if "#" in text:
        checker.problems.extend(
            Diagnostic(checker.path, cut.line, cut.col, "warning", cut.message) for cut in comment_cuts(root, text)
        )
    if failed:
        return None, checker.problems
    annotation = Annotation(**values, cleared=frozenset(cleared))
    if extracted is not None:
        _compare(checker, annotation, extracted, nodes, value_nodes)
    return annotation, checker.problems


def _long_first_sentence(checker: _Checker, node: yaml.Node, summary: str) -> None:
    """Warn when the summary's first sentence is longer than the excerpt the lists and link previews
    show: the cut can drop what the sentence depends on (003's "agreed to deploy forces along the
    border …" lost its "if security deteriorates"). The contributor sees where readers' excerpt ends."""
    length = len(uncut_first_sentence(summary))
    if length <= EXCERPT_LIMIT:
        return
    ending = first_sentence(summary)[-50:]
    ending = ending.split(" ", 1)[-1]  # from a word's start
    checker.warning(
        node,
        f"'summary' begins with a sentence of {length} characters, and lists and link previews show "
        f"its first {EXCERPT_LIMIT} only, ending {quoted('…' + ending)}; begin with a "
        "shorter sentence that says what happened",
    )


_NO_SUMMARY = (
    "no summary yet: shown as \"not yet annotated\"; write 'summary:' with 2-4 English sentences "
    "(what happened, who, where, when)"
)
# An article without a date was published under articles/undated/ without a word; its address changes
# once it has a date, so the contributor should know before it is published.
_NO_DATE = (
    "no publication date: the generator found none in the text, so the article is listed as Undated under "
    "articles/undated/ (its address changes once it has a date); write 'published: YYYY-MM-DD', or "
    "'published: null' if the article gives none"
)
_ESTIMATE_WITHOUT_DATE = "an estimate needs a date: set 'published' or remove 'date_estimated'"
# The reader sees "about <date>", and the date note is where they learn what the estimate rests on.
_ESTIMATE_UNEXPLAINED = (
    "the date is marked as an estimate but no 'date_note' says how it was estimated: readers need to know; "
    "add a 'date_note'"
)


def _estimate_holds(checker: _Checker, key: yaml.Node, values: dict[str, object], rejected: set[str]) -> bool:
    """Check `date_estimated: true` (its key `key`) against the keys beside it: False after an error.
    A `published` or `date_note` whose own value has an error was reported at it: no more is said."""
    # The annotation's own date: an estimate the contributor made, never a date read from the text.
    dated = "published" in values or "published" in rejected
    if not dated:
        checker.error(key, _ESTIMATE_WITHOUT_DATE)
    if "date_note" not in values and "date_note" not in rejected:
        checker.warning(key, _ESTIMATE_UNEXPLAINED)
    return dated


_MARKED_KEY = re.compile(r"\s*([A-Za-z_]+)\s*:")


def _unreviewed(checker: _Checker, text: str) -> None:
    """A warning at each value `new` marked for review whose marker is still there: the marker as a
    comment of its own, not quoted in another comment (the header `new` writes quotes it). The first
    says what to do; the others, one per line of a fresh annotation, name their key only."""
    if REVIEW_MARKER not in text:  # nearly always: one scan of the text
        return
    explained = False
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(REVIEW_MARKER)
        stripped = line.strip()
        if column != -1 and (stripped == REVIEW_MARKER or not stripped.startswith("#")):
            key = _MARKED_KEY.match(line)
            what = f"{key.group(1)!r}" if key else "a value read from the text"
            if explained:
                message = f"{what} is still marked for review too"
            else:
                message = (
                    f"{what} is still marked for review: check the value read from the text (correct it, or "
                    "write null if the article has none), then remove the marker"
                )
                explained = True
            checker.problems.append(Diagnostic(checker.path, number, column + 1, "warning", message))


def _value(checker: _Checker, key: str, node: yaml.Node, extracted: Extracted | None) -> object | None:
    """The checked value of one key, or None when it has an error."""
    if key == "published":
        return checker.published(node)
    if key == "url":
        return checker.url(node)
    if key == "countries":
        return checker.countries(node)
    if key == "topics":
        return checker.topics(node)
    if key == "notes":
        if extracted is None:
            return checker.notes(node, None)
        return checker.notes(node, extracted.body, extracted.removed, extracted.title)
    if key in BOOLEAN_KEYS:
        return checker.boolean(key, node)
    if key in LIST_KEYS:
        items = checker.string_list(key, node)
        return tuple(value for value, _ in items) if items is not None else None
    if key in MULTI_LINE_KEYS:
        return checker.prose(key, node)
    return checker.text(key, node, single_line=True)


def _written_alike(given: str, found: str) -> bool:
    """One name written two ways, which a contributor correcting the text's spelling is not warned about
    on every build: in other case or spacing (`Islamabad`, `Islam Abad`), or with initials for words
    (`Pikiran Rakyat Cirebon`, `PR CIREBON`)."""
    if re.sub(r"\W+", "", given).casefold() == re.sub(r"\W+", "", found).casefold():
        return True
    return _abbreviates(found.casefold().split(), given.casefold().split())


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """Whether the words `short` are the words `long`, some of them (two or more in a row) as initials."""
    if not short or not long:
        return not short and not long
    if short[0] == long[0] and _abbreviates(short[1:], long[1:]):
        return True
    return any(
        short[0] == "".join(word[0] for word in long[:count]) and _abbreviates(short[1:], long[count:])
        for count in range(2, min(len(long), len(short[0])) + 1)
    )


def _compare(
    checker: _Checker,
    annotation: Annotation,
    extracted: Extracted,
    nodes: dict[str, yaml.Node],
    value_nodes: dict[str, yaml.Node],
) -> None:
    """Warn where the annotation and the text disagree; the annotation wins, but one may be a mistake.
    `nodes` are the keys, `value_nodes` their values."""

    for key in ("title", "outlet", "dateline"):
        given, found = getattr(annotation, key), getattr(extracted, key)
        if given and found and not _written_alike(given, found):
            shown_given, shown_found = quoted_apart(given, found)
            checker.warning(
                nodes[key],
                f"{key!r} is {shown_given} but the text gives {shown_found}; the annotation wins, check which is right",
            )
    # A date_note says how the date was established: the contributor has looked already.
    if (
        annotation.published
        and extracted.published
        and annotation.published != extracted.published
        and not annotation.date_note
    ):
        checker.warning(
            nodes["published"],
            f"'published' is {annotation.published.isoformat()} but the text gives "
            f"{extracted.published.isoformat()}; the annotation wins, check which is right",
        )
    if annotation.date_estimated and annotation.published and annotation.published == extracted.published:
        # Readers see "about <date>" and "neither the text nor the outlet gives it" (CONTRIBUTING).
        checker.warning(
            nodes["date_estimated"],
            f"'date_estimated' is true, but the text gives this date ({extracted.published.isoformat()}): a date the "
            "text states is not an estimate, and readers would see it as one; remove 'date_estimated'",
        )
    if annotation.countries is not None and extracted.countries:
        # 'countries' holds the countries an article is about, and a text names others in passing:
        # comparing with every country named warned about nearly every annotation (on a synthetic
        # corpus, 9 in 10) and could not be silenced. What may be a mistake is a code the text never
        # names (IR for IQ?), or a country the text is mainly about (headline, lead, most mentions) left out.
        given = set(annotation.countries)
        unnamed = sorted(given - set(extracted.countries))
        left_out = sorted(set(extracted.main_countries) - given)
        if unnamed:
            # At the first code the text does not name, as written: the one to check.
            items = value_nodes["countries"].value
            first = next((item for item in items if " ".join(item.value.split()) in unnamed), nodes["countries"])
            checker.warning(
                first,
                f"'countries' has [{', '.join(unnamed)}], which the text does not name; "
                "the annotation wins, check the code",
            )
        if left_out:
            checker.warning(
                nodes["countries"],
                f"'countries' leaves out [{', '.join(left_out)}], which the text is mainly about; "
                "the annotation wins, add what the article is about",
            )
