"""Indonesian date forms in news text, and the rule that picks an article's published date.

A wrong year is worse than no date, so every rule here returns `None` when the text does not settle it.

    >>> published_date(["Teheran (ANTARA) – Pada Minggu (24 November), ..."]) is None
    True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "agust", "aug", "ags"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov", "nop", "nopember"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")
# Each day name's `date.weekday()` (Monday 0).
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}

# Longest names first so that `Juli` is not read as `Jul` + `i`.
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = "|".join(re.escape(d) for d in DAYS)
_TIME = r"(?:\s*[,|–-]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:WIB|WITA|WIT)?)"

# One alternation per numeric form; named groups tell the forms apart. Every form starts with a
# digit, so the pattern opens with that digit (`first`) and only then checks the character before
# it: `re` skips to digits instead of trying every position. Each form's first number is `first`
# followed by its group (`n_d`, `t_d`, `i_y`). Case-insensitive: `NOVEMBER`, `Nov`.
_DATE_RE = re.compile(
    rf"""
    (?P<first>\d)(?<![\w/.,]\d)(?:
        (?P<n_d>\d?)/(?P<n_m>\d{{1,2}})(?:/(?P<n_y>\d{{4}}|\d{{2}}))?(?![\w/])
      | (?P<t_d>\d?)\s+(?P<t_m>(?:{_MONTH}))\.?(?:\s+(?P<t_y>\d{{4}}))?\b
      | (?P<i_y>\d{{3}})-(?P<i_m>\d{{2}})-(?P<i_d>\d{{2}})\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# English order, as some bylines have it: `Nov 12, 2024`.
_EN_DATE_RE = re.compile(rf"\b(?P<e_m>(?:{_MONTH}))\.?\s+(?P<e_d>\d{{1,2}}),\s*(?P<e_y>\d{{4}})\b", re.IGNORECASE)
# `\d, ?(?:19|20)\d\d`, the digit before the comma checked after it: `re` skips to commas rather than digits.
_EN_HINT_RE = re.compile(r",(?<=\d,) ?(?:19|20)\d\d")
# A day name just before a date: `Selasa (4/7/2017)`, `Senin, 24 November 2024`.
_DAYNAME_BEFORE_RE = re.compile(rf"\b({_DAY})\s*[,(]?\s*$", re.IGNORECASE)

# A line that is only a date (byline/timestamp), optionally with an outlet or author before a dash.
_DATE_LINE_RE = re.compile(
    rf"""^\s*(?:[-–—|•]\s*)?(?:[\w.&' ]{{1,40}}\s*[-–—|]\s*)?
    (?:(?:diterbitkan|dipublikasikan|diperbarui|diupdate|published|updated|terbit|diposting|posted)\s*:?\s*(?:pada\s+)?)?
    (?:(?:{_DAY})\s*,?\s*)?
    (?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTH})\.?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}
       |(?:{_MONTH})\.?\s+\d{{1,2}},\s*\d{{4}})
    {_TIME}?\s*(?:[A-Za-z]+/[A-Za-z_]+)?\s*(?:\|.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)

_DIGIT_RE = re.compile(r"\d")
# `(?<![\d/.,])(?:19[89]\d|20\d\d)(?![\d/])`, the check before the year placed after its first digit (as in `_DATE_RE`).
_YEAR_RE = re.compile(r"(?:1(?<![\d/.,]1)9[89]\d|2(?<![\d/.,]2)0\d\d)(?![\d/])")
_MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """One date found in text; `year` is `None` when the text gave none (e.g. `Minggu (24 November)`)."""

    day: int
    month: int
    year: int | None
    start: int
    weekday: int | None = None  # the day name's (`date.weekday()`), when one introduces the date

    @property
    def has_dayname(self) -> bool:
        return self.weekday is not None


# The earliest time zone, the Line Islands' (UTC+14): the first place on Earth each date begins.
_EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def latest_today() -> dt.date:
    """The latest date anywhere on Earth now: the day that has begun on the Line Islands (UTC+14).

    A publication date after it is in the future wherever the article was written. The machine's
    own date made the check depend on its time zone: CI runs on UTC, where an article from Jakarta
    (UTC+7) published on a morning was dated tomorrow until 07:00 Jakarta time."""
    return dt.datetime.now(_EARLIEST_ZONE).date()


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _mention(text: str, start: int, day: int, month: int, year_text: str | None) -> DateMention | None:
    year: int | None = None
    if year_text is not None:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if not 1990 <= year <= 2100:
            return None
    if _valid(year or 2000, month, day) is None:  # 2000 is a leap year: 29/2 stays possible
        return None
    dayname = _DAYNAME_BEFORE_RE.search(text, max(0, start - 12), start)
    weekday = WEEKDAYS[dayname[1].lower()] if dayname is not None else None
    return DateMention(day, month, year, start, weekday)


def find_dates(text: str) -> list[DateMention]:
    """Every plausible date in `text`, in order; impossible ones (31/2, month 13) are dropped."""
    found: list[DateMention] = []
    for match in _DATE_RE.finditer(text):
        groups = match.groupdict()
        first = groups["first"]
        if groups["n_d"] is not None:
            mention = _mention(text, match.start(), int(first + groups["n_d"]), int(groups["n_m"]), groups["n_y"])
            # `24/11` without a year is only a date when a day name introduces it: `Minggu (24/11)`.
            if mention and mention.year is None and not mention.has_dayname:
                continue
        elif groups["t_d"] is not None:
            month_name = groups["t_m"].lower()
            # `Mar`/`Jun` are also ordinary words; without a year, require the full month name.
            if groups["t_y"] is None and len(month_name) < 4 and month_name != "mei":
                continue
            mention = _mention(text, match.start(), int(first + groups["t_d"]), MONTHS[month_name], groups["t_y"])
        else:
            mention = _mention(text, match.start(), int(groups["i_d"]), int(groups["i_m"]), first + groups["i_y"])
        if mention:
            found.append(mention)
    if _EN_HINT_RE.search(text):
        for match in _EN_DATE_RE.finditer(text):
            mention = _mention(text, match.start(), int(match["e_d"]), MONTHS[match["e_m"].lower()], match["e_y"])
            if mention:
                found.append(mention)
        found.sort(key=lambda m: m.start)
    return found


def is_date_line(line: str) -> bool:
    """True for a byline/timestamp line such as `- 17 September 2021, 16:30 WIB`."""
    return len(line) <= 90 and _DIGIT_RE.search(line) is not None and _DATE_LINE_RE.match(line) is not None


def _certain_year(texts: Sequence[str], month: int) -> int | None:
    """The year of a year-less date, only when the text pins it down; otherwise `None`.

    Rule: the latest year named anywhere is Y, Y is named at least twice, and a `Month Y` reference
    falls in the six months up to the date's month (so the date cannot sensibly be in another year).
    """
    joined = "\n".join(texts)
    years = [int(y) for y in _YEAR_RE.findall(joined)]
    if not years:
        return None
    latest = max(years)
    if years.count(latest) < 2:
        return None
    for match in _MONTH_YEAR_RE.finditer(joined):
        if int(match["y"]) == latest and 0 <= month - MONTHS[match["m"].lower()] <= 6:
            return latest
    return None


def published_date(header: Sequence[str], lead_prefix: str = "", paragraphs: Sequence[str] = ()) -> dt.date | None:
    """The published date: a byline date line in the header, else the dateline, else the lead's date.

    `header` are the lines above the lead, `lead_prefix` the dateline part of the lead
    (`JAKARTA, KOMPAS.com - Senin (24/11/2024) -`), `paragraphs` the article body in order.
    Dates in the body count only if a day name introduces them (`Selasa (4/7/2017)`), because a
    bare `7 Oktober 2023` in a lead is as often history as it is news.
    """
    for line in header:
        if is_date_line(line):
            for mention in find_dates(line):
                if mention.year is not None:
                    return _valid(mention.year, mention.month, mention.day)
    for mention in find_dates(lead_prefix):
        if mention.year is not None:
            return _valid(mention.year, mention.month, mention.day)
    for paragraph in paragraphs[:3]:
        for mention in find_dates(paragraph):
            if not mention.has_dayname:
                continue
            if mention.year is not None:
                return _valid(mention.year, mention.month, mention.day)
            year = _certain_year(paragraphs, mention.month)
            date = _valid(year, mention.month, mention.day) if year is not None else None
            # The year read from the rest of the text must give the date its day name: `Kamis (29
            # Desember)` beside `Juli 2024` is not 29 December 2024, a Sunday.
            if date is None or date.weekday() != mention.weekday:
                return None  # the first dated event has no certain year: better no date than a guess
            return date
    return None
