"""English country names (CLDR via Babel), flags and page slugs for ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from functools import cache, lru_cache

from babel import Locale
from slugify import slugify

_ENGLISH = Locale("en")


@cache
def country_name(code: str) -> str:
    """`IR` → `Iran`; an unknown code is returned as it is."""
    return _ENGLISH.territories.get(code, code)


@cache
def country_slug(code: str) -> str:
    """Page slug of a country, from its English name: `US` → `united-states`."""
    return slugify(country_name(code)) or code.lower()


@cache
def flag(code: str) -> str:
    """The flag emoji of a country code.

    Written by hand because it is arithmetic, not data: a flag is the two regional indicator
    symbols (U+1F1E6 + letter offset) of the code's letters, which every platform renders.
    """
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


@cache
def is_country_code(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code CLDR names (not a region such as `150` or a grouping such as `EU`)."""
    return len(code) == 2 and code.isascii() and code.isalpha() and code.isupper() and code in _ENGLISH.territories


_INDONESIAN = Locale("id")


@cache
def country_names_in_text(code: str) -> tuple[str, ...]:
    """The names a country goes by in the articles (English and Indonesian, from CLDR), longest first."""
    names = {country_name(code), _INDONESIAN.territories.get(code, "")}
    return tuple(sorted((n for n in names if n and n != code), key=lambda n: (-len(n), n)))


@cache
def _english_cities() -> dict[str, str]:
    """Indonesian city name → English, from CLDR's exemplar cities of time zones (`Teheran` → `Tehran`,
    `Kairo` → `Cairo`): the cities a dateline names most, capitals among them."""
    english = _ENGLISH.time_zones
    cities = {}
    for zone, names in _INDONESIAN.time_zones.items():
        # English has a name of its own only where it differs from the zone's (`Asia/Tehran`: Tehran).
        city, theirs = names.get("city"), english.get(zone, {}).get("city", zone.rpartition("/")[2].replace("_", " "))
        if city and city != theirs and not zone.startswith("Etc/"):
            cities[city] = theirs
    return cities


# Spellings the Indonesian press uses beside CLDR's one Indonesian name of a city, or for cities that
# are no time zone's (Geneva, The Hague): CLDR has no variants, and no library we know lists them.
_PRESS_SPELLINGS = {
    "Moskow": "Moscow",  # ANTARA's spelling; CLDR's is Moskwa
    "Jenewa": "Geneva",
    "Den Haag": "The Hague",
    "Peking": "Beijing",
    "Bagdad": "Baghdad",
    "Riyad": "Riyadh",
    "Islam Abad": "Islamabad",
    "Taskent": "Tashkent",
    "Masyhad": "Mashhad",
}


def city_in_english(name: str) -> str:
    """`name`, a dateline's city as the text writes it, in English where CLDR knows the city by another
    name in Indonesian (`Teheran` → `Tehran`) or the press spells it otherwise (`Moskow`); else as
    written (`Islamabad`, `Cirebon`)."""
    return _english_cities().get(name) or _PRESS_SPELLINGS.get(name, name)


@lru_cache(maxsize=1 << 16)  # an article is listed on about six pages: ordered once
def in_reading_order(codes: tuple[str, ...], main: tuple[str, ...]) -> tuple[str, ...]:
    """An article's countries as a reader wants them listed: those it is mainly about (`main`) first,
    then the others, each group by English name. In code order an Iran–Pakistan story was listed
    "Israel, Iran, Pakistan, Palestinian Territories"."""
    return tuple(sorted(codes, key=lambda code: (code not in main, country_name(code), code)))


def flagged(code: str, name: str) -> str:
    """`name` (text or HTML) after its country's flag, joined by a no-break space: in a list of
    countries a line must not end with a flag whose name starts the next."""
    mark = flag(code)
    return f"{mark}\u00a0{name}" if mark else name
