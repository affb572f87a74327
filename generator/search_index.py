"""A term index built at site-build time, so the browser does not build one before the first result.

Material's search worker (9.8.1) downloads `search/search_index.json` and builds a lunr index from
it in the browser; there is no option to load one built ahead of time. At 10,000 articles that build
takes 1.5-2.5 s on a two-core machine, whatever is left out of the index (docs/performance.md), so
above `extra.full_text_search_limit` the site uses its own worker (`generator/data/search_worker.js`)
with this index: the terms of every document of Material's index, and of every article's whole text
and notes (which Material's index leaves out there: its page script downloads that file whole), sorted,
each with the documents and fields it occurs in. The worker only parses it, and answers a query with
a binary search per term.

Terms are made as the worker makes them from a query: the text without markup, split at whitespace
and with the search plugin's `separator`, lower-cased, trimmed of non-word characters at either end, and
with diacritics folded ("Teherán" and "Teheran" are one term).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Collection, Mapping, Sequence
from operator import sub

import babel.dates

FIELDS = ("title", "text", "tags")
_MARKUP = re.compile(r"<[^>]*>")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# The page path at the end of an article's `page_url` in the open data: Material's `location` of its page.
_ARTICLE_LOCATION = re.compile(r"articles/[^/]+/[^/]+/$")
_PAGE_URL = re.compile(rb'"page_url": "([^"\\]*)"')
# An article's date in its text in Material's index, as its box shows it, at the start of the line of
# its places and sources that `mkdocs_hooks._where_from` adds: `<p>21 January 2025 · Islamabad · …</p>`
# (`<p>about 21 January 2025 · …` when the date is an estimate).
# The month names are Babel's, as `markdown.long_date` writes them, so the two cannot drift apart.
_MONTHS = tuple(babel.dates.get_month_names("wide", locale="en")[month] for month in range(1, 13))
_SHOWN_DATE = re.compile(rf"<p>(?:about )?(\d{{1,2}}) ({'|'.join(_MONTHS)}) (\d{{4}})(?: · |</p>)")
_EPOCH = dt.date(1970, 1, 1)


def terms(value: str, separator: re.Pattern) -> set[str]:
    """The distinct terms of a title, a text (HTML) or a tag."""
    return text_terms(html.unescape(_MARKUP.sub(" ", value)), separator)


def text_terms(plain: str, separator: re.Pattern) -> set[str]:
    """The distinct terms of plain text.

    The worker splits a query at whitespace before it applies the separator, so each distinct word
    is split here, once per process: an article's 700 words are about 350 distinct ones, most of
    them met in articles before. An article took 1.4 ms through a split of the whole text and a trim
    of every part, 0.2 ms so.
    """
    words = _split_words(separator)
    found: set[str] = set()
    for word in set(plain.split()):
        parts = words.get(word)
        if parts is None:
            parts = words[word] = _word_terms(word, separator)
        found.update(parts)
    return found


# The terms of each word met, for one separator: as many entries as the digest has distinct words
# (20,000 in the benchmark's 10,000 articles; a real digest's vocabulary, a few hundred thousand at most).
_words: dict[str, tuple[str, ...]] = {}
_words_separator: list[re.Pattern] = []
_MOST_WORDS = 1_000_000


def _split_words(separator: re.Pattern) -> dict[str, tuple[str, ...]]:
    if _words_separator != [separator] or len(_words) > _MOST_WORDS:
        _words.clear()
        _words_separator[:] = [separator]
    return _words


def _word_terms(word: str, separator: re.Pattern) -> tuple[str, ...]:
    """The terms of one word (no whitespace): split, lower-cased, trimmed of non-word characters, folded."""
    found = []
    for part in separator.split(word):
        term = part.lower()
        if not term.isalnum():  # most words are; a letter or digit is never trimmed
            term = _EDGES.sub("", term)
        if not term.isascii():
            term = fold(term)
        if term:
            found.append(term)
    return tuple(found)


def fold(term: str) -> str:
    """`term` without diacritics, as the worker folds a query's words: decomposed (NFD), without its
    combining marks: "Teherán", "Pezeshkiān" or "Bāqerī" typed found nothing, and "Türkiye" had to be
    typed so. The index is no larger (fewer terms, if any: one term of 3,277 changed at 1,000 articles)."""
    return "".join(
        char for char in unicodedata.normalize("NFD", term) if not unicodedata.category(char).startswith("M")
    )


def article_text(line: bytes | memoryview) -> str | None:
    """The text and notes of an article, from its line of the open data's `articles.json` (None for
    a line that is not an article's)."""
    try:
        record = json.loads(bytes(line).rstrip(b","))
        texts = [record["text"], *(part for note in record["notes"] for part in (note["quote"], note["note"]))]
    except (ValueError, TypeError, KeyError):
        return None
    return "\n".join(texts) if all(isinstance(text, str) for text in texts) else None


def article_location(line: bytes | memoryview) -> str | None:
    """Material's `location` of an article's page, from the `page_url` of its line of the open data:
    found without reading the whole line, to put the lines in the order of the pages' documents."""
    url = _PAGE_URL.search(line)
    location = _ARTICLE_LOCATION.search(url.group(1).decode("utf-8", "replace")) if url else None
    return location.group() if location else None


def doc_date(doc: dict) -> int:
    """The date of an article's document of Material's index (its page, not a section), in days since
    1 January 1970; 0 for any other document, or an article whose date is not known."""
    shown = _SHOWN_DATE.search(str(doc.get("text", ""))) if _ARTICLE_LOCATION.fullmatch(doc["location"]) else None
    if shown is None:
        return 0
    try:
        return (dt.date(int(shown[3]), _MONTHS.index(shown[2]) + 1, int(shown[1])) - _EPOCH).days
    except ValueError:  # not a day of the calendar
        return 0


def page_numbers(docs: Sequence[dict]) -> dict[str, int]:
    """The number of each page's first document in Material's `docs` (the others are its sections)."""
    numbers: dict[str, int] = {}
    for number, doc in enumerate(docs):
        numbers.setdefault(doc["location"], number)
    return numbers


# Under `mkdocs serve`, the terms of each article's line by the line's digest, from one build to the
# next: most lines are the same, and making their terms again took 5 s a build at 10,000 articles.
# (`mkdocs build` makes them once, in several processes.)
_remembered: dict[bytes, tuple[str, ...]] = {}
# The articles are split into this many parts, each made into postings by a worker process. Every
# part sends back an array per term it holds, so fewer parts send less (100 at 10,000 articles took
# longer than making the terms); but `fork_map` makes the first part here before the workers start,
# and with 8 that left a core idle for an eighth of the work.
PARTS = 32


def text_postings(
    lines: Sequence[bytes | memoryview], numbers: Mapping[str, int], separator: re.Pattern, remember: bool = False
) -> dict[str, array]:
    """For each term of the texts and notes of the articles of the open data (`opendata.article_lines`),
    the numbers of the documents of their pages (`numbers`, from `page_numbers`), ascending.

    In worker processes when there are many articles (about 0.3 ms each), each making the postings of
    a part of them: what comes back is a few thousand arrays a part, where the terms of each article
    were 3.3 million strings at 10,000 articles, and adding them up here took a second. With
    `remember`, the terms of lines seen in the last call are not made again (see `_remembered`), and
    all are made in this process.
    """
    from generator.parallel import fork_map, workers

    located = sorted(
        (numbers[page], index) for index, line in enumerate(lines) if (page := article_location(line)) in numbers
    )
    size = max(1, -(-len(located) // PARTS))  # rounded up
    parts = [located[start : start + size] for start in range(0, len(located), size)]
    seen: dict[bytes, tuple[str, ...]] = {}

    def postings_of(part: list[tuple[int, int]]) -> dict[str, array]:
        found: dict[str, array] = {}
        for number, index in part:
            for term in _line_terms(lines[index], separator, seen if remember else None):
                listed = found.get(term)
                if listed is None:
                    found[term] = array("I", (number,))
                else:
                    listed.append(number)
        return found

    # In processes when `parallel` judges it worth it for this many articles, and the terms are not to
    # be kept: those made in a worker process stay there (`serve`'s first build was split, and its
    # first change at 10,000 articles then made them all again, in one process: 13.7 s to show it).
    if remember or workers(len(located)) == 1:
        made = [postings_of(part) for part in parts]
    else:
        made = fork_map(postings_of, parts, "indexing", minimum=1, chunk_size=1)
    if remember:
        _remembered.clear()
        _remembered.update(seen)
    postings: dict[str, array] = {}
    for part in made:  # in ascending document order: each list is extended in order
        for term, listed in part.items():
            before = postings.get(term)
            if before is None:
                postings[term] = listed
            else:
                before.extend(listed)
    return postings


def _line_terms(
    line: bytes | memoryview, separator: re.Pattern, seen: dict[bytes, tuple[str, ...]] | None
) -> Collection[str]:
    """The terms of an article's line of the open data; `seen` collects them by the line's digest, and
    they are taken from `_remembered` when the last call saw the line."""
    if seen is None:
        text = article_text(line)
        return text_terms(text, separator) if text is not None else ()
    key = hashlib.blake2b(line, digest_size=16).digest()
    found = _remembered.get(key)
    if found is None:
        text = article_text(line)
        found = tuple(text_terms(text, separator)) if text is not None else ()
    seen[key] = found
    return found


def build(material_index: dict, in_text: Mapping[str, Sequence[int]] | None = None) -> dict:
    """The term index for Material's `search_index.json` (as loaded JSON), with `in_text`: for more
    terms, the documents whose text holds them besides, ascending (`text_postings`).

    `postings[i]` lists, for `terms[i]`, one number per document it occurs in: the document's
    position in Material's `docs` times 8, plus a bit per field (1 title, 2 text, 4 tags), in
    ascending order, each but the first written as its difference from the one before (at 10,000
    articles, 9 MB of JSON instead of 20). The worker receives those `docs` from Material's page
    script, in the same order; `count` lets it check that both files come from the same build.
    `dates` holds each document's date (`doc_date`), by which the worker ranks the newest of equally
    good results first.
    """
    config = material_index["config"]
    separator = re.compile(config["separator"])
    fields = {name: 1 << bit for bit, name in enumerate(FIELDS)}
    by_term: dict[str, dict[int, int]] = {}
    docs = material_index["docs"]
    for number, doc in enumerate(docs):
        for name, bit in fields.items():
            value = doc.get(name)
            if not value:
                continue
            values = value if isinstance(value, list) else [value]
            for term in set().union(*(terms(str(v), separator) for v in values)):
                seen = by_term.setdefault(term, {})
                seen[number] = seen.get(number, 0) | bit
    in_text = in_text or {}
    text_bit = fields["text"]
    ordered = sorted(by_term.keys() | in_text.keys())
    postings = []
    for term in ordered:
        in_texts = in_text.get(term, ())
        codes = [number * 8 + text_bit for number in in_texts]
        # The documents a term is in by Material's index are few beside those whose text holds it:
        # each is found in the text's list, or added to it.
        others = []
        for number, bits in sorted(by_term.pop(term, {}).items()):  # let go of each term's entries once written
            at = bisect_left(in_texts, number)
            if at < len(in_texts) and in_texts[at] == number:
                codes[at] |= bits
            else:
                others.append(number * 8 + bits)
        if others:
            codes += others
            codes.sort()  # two ascending runs: merged in one pass
        postings.append(codes[:1] + list(map(sub, codes[1:], codes)))
    boosts = {name: (config["fields"].get(name) or {}).get("boost", 1) for name in fields}
    return {
        "count": len(docs),
        "fields": {name: {"bit": bit, "boost": boosts[name]} for name, bit in fields.items()},
        "terms": ordered,
        "postings": postings,
        "dates": [doc_date(doc) for doc in docs],
    }
