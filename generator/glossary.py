"""Acronyms explained where they appear: glossary entries as `<abbr title=…>` in the article pages.

`generator/data/glossary.yml` maps an acronym to its full name. The parts of an article page written
as HTML (generator/htmltext.py) wrap each acronym they contain in `<abbr>`, the markup of
Python-Markdown's `abbr` extension, which Material shows as a tooltip.
"""

from __future__ import annotations

import html
import re
from functools import cache

import yaml

from generator.vocabulary import DATA_DIR

# What an acronym may be: letters, digits and inner spaces or hyphens; nothing Markdown interprets.
_ACRONYM = re.compile(r"[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*")


@cache
def glossary() -> dict[str, str]:
    """Acronym → full name, from the data file; rejects entries that are not plain words."""
    entries = yaml.safe_load((DATA_DIR / "glossary.yml").read_text(encoding="utf-8")) or {}
    result = {}
    for acronym, full in entries.items():
        acronym = str(acronym)
        if not _ACRONYM.fullmatch(acronym) or not isinstance(full, str) or not full.strip():
            raise ValueError(f"glossary.yml: {acronym!r}: expected an acronym of letters/digits and a full name")
        result[acronym] = " ".join(full.split())
    return result


@cache
def _pattern() -> re.Pattern[str] | None:
    terms = sorted(glossary(), key=lambda term: (-len(term), term))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def abbreviate(text: str) -> str:
    """`text` as escaped HTML with each glossary acronym in an `<abbr>` whose title is its full name:
    what Python-Markdown's `abbr` makes of a definition, for the parts written as HTML."""
    flat = " ".join(text.split())
    pattern = _pattern()
    if pattern is None:
        return html.escape(flat, quote=True)
    entries = glossary()
    pieces = pattern.split(flat)  # text, acronym, text, acronym, …, text
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(f'<abbr title="{html.escape(entries[piece], quote=True)}">{piece}</abbr>')
        elif piece:
            out.append(html.escape(piece, quote=True))
    return "".join(out)
