"""Acronyms explained where they appear: glossary entries as Markdown abbreviation definitions.

`generator/data/glossary.yml` maps an acronym to its full name. A page gets the definitions of the
acronyms that occur in its text only (`*[CSTO]: Collective Security Treaty Organization`), which
Python-Markdown's `abbr` turns into `<abbr title=…>` and Material shows as a tooltip.
"""

from __future__ import annotations

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


def acronyms_in(*texts: str) -> list[str]:
    """The glossary's acronyms that occur as whole words in `texts`, sorted."""
    pattern = _pattern()
    if pattern is None:
        return []
    found = {match for text in texts if text for match in pattern.findall(" ".join(text.split()))}
    return sorted(found)


def _definition_text(full: str) -> str:
    """The title of an abbreviation, rendered literally: `abbr` puts it in an attribute as plain
    text (ElementTree escapes `&`, `<`, `"`), so only line breaks and a leading `[`/`]` matter."""
    return " ".join(full.split()).replace("[", "(").replace("]", ")")


def abbreviation_definitions(*texts: str) -> str:
    """Markdown abbreviation definitions for the acronyms in `texts`; empty when there are none."""
    entries = glossary()
    lines = [f"*[{term}]: {_definition_text(entries[term])}" for term in acronyms_in(*texts)]
    return "\n".join(lines) + "\n" if lines else ""
