"""The lead's dateline: which part is the city and which the outlet (`JAKARTA, KOMPAS.com -`)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache

from generator.vocabulary import load_data

# Possessive: what may follow a word (a space, `(`, `,`, a dash) is no word character, so giving
# characters back could never make a match, and trying it made each failed line slow.
_WORD = r"[^\W\d_][\w.&'’]*+"
_PART = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}"
_DASHES = ("--", "–", "—", "―", "-")
_DASH = "(?:" + "|".join(re.escape(dash) for dash in _DASHES) + ")"
# Three shapes, tried in order: `Teheran (ANTARA) –`, `Jakarta, CNN Indonesia --`, `KOMPAS.com -`.
_PAREN_RE = re.compile(rf"^(?P<a>{_PART})\s*\((?P<b>[^()]{{2,30}})\)\s*{_DASH}\s+")
_COMMA_RE = re.compile(rf"^(?P<a>{_PART})\s*,\s*(?P<b>{_PART})\s*{_DASH}\s+")
_SINGLE_RE = re.compile(rf"^(?P<a>{_PART})\s+{_DASH}\s+")


@dataclass(frozen=True)
class Dateline:
    """`city` and `outlet` of a lead (either may be `None`); `end` is where the sentence starts."""

    city: str | None
    outlet: str | None
    end: int


@cache
def _outlets() -> tuple[frozenset[str], tuple[re.Pattern[str], ...], tuple[str, ...]]:
    data = load_data("outlets.yml")
    names = frozenset(name.casefold() for name in data["names"])
    patterns = tuple(re.compile(p) for p in data["patterns"])
    return names, patterns, tuple(data["agencies"])


def agencies() -> tuple[str, ...]:
    """News agencies that count as an original source when the text names them."""
    return _outlets()[2]


def is_outlet(part: str) -> bool:
    """True when `part` looks like an outlet: a known name, a domain, or an outlet family (`PR CIREBON`)."""
    names, patterns, _ = _outlets()
    return part.casefold() in names or any(p.fullmatch(part) for p in patterns)


def is_known_outlet(name: str) -> bool:
    """True when `name` is one of the known outlets' names (not merely shaped like one, as a domain is)."""
    return name.casefold() in _outlets()[0]


def is_agency(name: str) -> bool:
    """True when `name` is a news agency's (`agencies`), whose reports other sites republish."""
    return name.casefold() in _agency_names()


@cache
def _agency_names() -> frozenset[str]:
    return frozenset(agency.casefold() for agency in agencies())


def same_outlet(one: str, other: str) -> bool:
    """Whether two outlet names name the same organisation: alike once case, spaces, dots and a domain
    ending are ignored, or one the other's first word (`ANTARA News` and `ANTARA`, `Pars Today` and
    `ParsToday`, `Jawa Pos` and `JawaPos.com`, `Kantor Berita MINA` and `MINA`)."""

    def bare(name: str) -> str:
        return re.sub(r"[\s.]+", "", re.sub(r"\.(com|co\.id|id|net|org)$", "", name.casefold()))

    def words(name: str) -> list[str]:
        return re.split(r"[\s.]+", name.casefold())

    a, b = bare(one), bare(other)
    return a == b or a.startswith(b) or b.startswith(a) or words(one)[-1] == b or words(other)[-1] == a


def _is_name(part: str) -> bool:
    """Every word capitalised, as a city or outlet is; a sentence start (`Menurut dia`) is not."""
    return all(word[0].isupper() for word in part.split())


def normalise_city(city: str) -> str:
    """`JAKARTA` → `Jakarta`, `KUALA LUMPUR` → `Kuala Lumpur`; mixed case is kept as written."""
    return string.capwords(city) if city.isupper() else city


def ends_with_dash(text: str) -> bool:
    """True when `text` ends (before any trailing blanks) with a dash a dateline can end with."""
    return text.rstrip().endswith(_DASHES)


def parse_dateline(line: str) -> Dateline | None:
    """The dateline at the start of `line`, or `None` when the line does not open with one."""
    match = _PAREN_RE.match(line)
    if match:
        city, outlet = match["a"], match["b"].strip()
        if not _is_name(city):
            return None
        return Dateline(normalise_city(city), outlet, match.end())
    match = _COMMA_RE.match(line)
    if match:
        first, second = match["a"], match["b"]
        if not (_is_name(first) or is_outlet(first)) or not (_is_name(second) or is_outlet(second)):
            return None
        if is_outlet(first) and not is_outlet(second):
            first, second = second, first
        return Dateline(normalise_city(first), second, match.end())
    match = _SINGLE_RE.match(line)
    if match:
        part = match["a"]
        if is_outlet(part):
            return Dateline(None, part, match.end())
        if _is_name(part) and len(part.split()) <= 3:
            return Dateline(normalise_city(part), None, match.end())
    return None
