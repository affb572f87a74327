"""The original source an article credits: `Sumber: Anadolu`, `(mm/alalam)`, `Dilansir … dari Dailysabah`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from generator.lead import agencies
from generator.trie import literal_alternation

# `(mm/alalam)` at the end of a paragraph: initials of the writer / the source. Detik-style
# `(haf/imk)` are two sets of initials, so the second part counts only when it is not initials.
_CREDIT_RE = re.compile(r"\(([a-z]{1,5})/([A-Za-z][\w.-]{1,30})\)\s*$")
_NAME = r"[A-Z][\w.-]*(?:[ ][A-Z][\w.-]*){0,3}"
# `Dilansir PikiranRakyat-Cirebon.com dari Dailysabah`, `dikutip dari Al Jazeera`, `melansir Reuters`.
_CITED_RE = re.compile(
    rf"\b(?:[Dd]ilansir|[Dd]ikutip|[Mm]elansir|[Mm]engutip|[Dd]ilaporkan)(?:\s+[\w.-]+)?\s+(?:dari|oleh)\s+(?P<a>{_NAME})"
    rf"|\b(?:[Mm]elansir|[Mm]engutip|[Dd]ilaporkan|[Kk]antor berita)\s+(?P<b>{_NAME})"
)


# Every `_CITED_RE` cue holds one of these; a paragraph without them is not searched (it is slow to).
_CITED_CUES = ("lansir", "utip", "ilaporkan", "antor berita")


def _cites(paragraph: str) -> bool:
    return any(cue in paragraph for cue in _CITED_CUES)


@cache
def _agency_re() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(agencies(), key=len, reverse=True))
    return re.compile(rf"\((?P<a>{names})\)|\b(?:[Kk]epada|[Mm]enurut|[Ll]aporan)\s+(?P<b>{names})\b")


@cache
def _agency_name_re() -> re.Pattern[str]:
    """Any agency name anywhere: `_agency_re` can only match where this does, and this one `re` scans fast."""
    return re.compile(literal_alternation(agencies()))


def _folded(name: str) -> str:
    return re.sub(r"[\s.-]+", "", name).casefold()


@cache
def _agency_spellings() -> dict[str, str]:
    """A known agency's name with case, spaces, dots and hyphens ignored → as the list writes it; of a
    name the list writes several ways (`Alalam`, `Al Alam`), the form with the most words."""
    return {_folded(name): name for name in sorted(agencies(), key=lambda name: (len(name.split()), name))}


def as_listed(name: str) -> str:
    """`name` as the agency list writes it when it is a known agency written another way: a writer's
    credit `(mm/alalam)` or `dari Dailysabah` is shown as "Al Alam", "Daily Sabah"; others as written."""
    return _agency_spellings().get(_folded(name), name)


def original_source(metadata_source: str | None, paragraphs: Sequence[str], outlet: str | None) -> str | None:
    """The credited source (a known agency as the list writes it, see `as_listed`); `None` when the
    text credits none (or only its own outlet)."""
    found = _credited(metadata_source, paragraphs, outlet)
    return as_listed(found) if found else found


def _credited(metadata_source: str | None, paragraphs: Sequence[str], outlet: str | None) -> str | None:
    if metadata_source:
        return metadata_source
    for paragraph in reversed(paragraphs):
        match = _CREDIT_RE.search(paragraph)
        if match and len(match.group(2)) >= 5:
            return match.group(2)
    for paragraph in paragraphs:
        if not _cites(paragraph):
            continue
        for match in _CITED_RE.finditer(paragraph):
            name = (match["a"] or match["b"]).rstrip(".")
            if outlet is None or name.casefold() != outlet.casefold():
                return name
    for paragraph in paragraphs:
        if _agency_name_re().search(paragraph) is None:
            continue
        match = _agency_re().search(paragraph)
        if match:
            name = match["a"] or match["b"]
            if outlet is None or name.casefold() != outlet.casefold():
                return name
    return None
