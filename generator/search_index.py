"""A term index built at site-build time, so the browser does not build one before the first result.

Material's search worker (9.8.1) downloads `search/search_index.json` and builds a lunr index from
it in the browser; there is no option to load one built ahead of time. At 10,000 articles that build
takes 1.5-2.5 s on a two-core machine, whatever is left out of the index (docs/performance.md), so
above `extra.full_text_search_limit` the site uses its own worker (`generator/data/search_worker.js`)
with this index: the terms of every document of Material's index, sorted, each with the documents and
fields it occurs in. The worker only parses it, and answers a query with a binary search per term.

Terms are made as the worker makes them from a query: the text without markup, split with the search
plugin's `separator`, lower-cased, and trimmed of non-word characters at either end.
"""

from __future__ import annotations

import html
import re

FIELDS = ("title", "text", "tags")
_MARKUP = re.compile(r"<[^>]*>")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def terms(value: str, separator: re.Pattern) -> set[str]:
    """The distinct terms of a title, a text (HTML) or a tag."""
    plain = html.unescape(_MARKUP.sub(" ", value))
    found = set()
    for part in separator.split(plain):
        term = _EDGES.sub("", part.lower())
        if term:
            found.add(term)
    return found


def build(material_index: dict) -> dict:
    """The term index for Material's `search_index.json` (as loaded JSON).

    `postings[i]` lists, for `terms[i]`, one number per document it occurs in: the document's
    position in Material's `docs` times 8, plus a bit per field (1 title, 2 text, 4 tags). The
    worker receives those `docs` from Material's page script, in the same order; `count` lets it
    check that both files come from the same build.
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
    ordered = sorted(by_term)
    boosts = {name: (config["fields"].get(name) or {}).get("boost", 1) for name in fields}
    return {
        "count": len(docs),
        "fields": {name: {"bit": bit, "boost": boosts[name]} for name, bit in fields.items()},
        "terms": ordered,
        "postings": [[number * 8 + bits for number, bits in sorted(by_term[term].items())] for term in ordered],
    }
