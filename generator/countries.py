"""Countries named in an article: ISO 3166-1 alpha-2 codes from CLDR names plus `data/country_aliases.yml`.

One compiled regex over every name (longest first, so `Papua Nugini` shadows `Guinea` and
`Washington Post` shadows `Washington`), then a few context checks for names that are also
people, rivers, states or languages (`Michael Jordan`, `Sungai Niger`, `Atlanta, Georgia`, `bahasa Inggris`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

from babel import Locale

from generator.country_names import country_name
from generator.trie import WordFinder, texts_holding
from generator.vocabulary import load_data

# CLDR territory codes that are not ISO 3166-1 countries: regions (`001`), groupings (`EU`, `UN`),
# private-use (`QO`, `XA`), and exceptional reservations (`AC` Ascension, `IC` Canary Islands, …).
_NOT_ISO = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "CQ"})
# CLDR names that are ordinary words or ambiguous in Indonesian/English news.
_SKIP_CLDR_NAMES = frozenset({"Jersey", "Man", "Pulau Man", "Chili", "Georgia Selatan"})
_PAREN_RE = re.compile(r"\s*\(.*?\)")
_NEXT_WORD_RE = re.compile(r"[ ]+([^\s,.;:!?()\"“”]+)")
_NOT_WORD = frozenset(',.;:!?()"“”')


@dataclass(frozen=True)
class _Table:
    names: WordFinder
    codes: dict[str, str | None]  # name as written -> code; None: a phrase that is not a country
    languages: frozenset[str]
    language_endings: tuple[str, ...]  # `languages` for `str.endswith`
    person_names: frozenset[str]
    country_words: frozenset[str]
    follow_ok: frozenset[str]
    person_suffixes: tuple[str, ...]
    state_suffixes: tuple[str, ...]


def _cldr_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for locale in ("id", "en"):
        for code, name in Locale(locale).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_ISO:
                continue
            name = _PAREN_RE.sub("", name).strip()
            if " - " in name or name in _SKIP_CLDR_NAMES:
                continue
            names[name] = code
    return names


@cache
def _codes() -> dict[str, str | None]:
    """Every name as written → its country's code; None: a phrase that is not a country. Apart from
    `_table`, whose finder takes 0.1 s to compile: `is_country_name` needs only this, and a rebuild
    that extracts nothing asks it (of the words in people's titles, `entities.person_name`)."""
    data = load_data("country_aliases.yml")
    codes: dict[str, str | None] = dict(_cldr_names())
    for section in ("aliases", "capitals"):
        for code, names in data[section].items():
            for name in names:
                codes[name] = code
    for phrase in data["not_countries"]:
        codes[phrase] = None
    person_names = frozenset(data["person_names"])
    # ALL-CAPS headlines and bylines (`IRAN DAN PAKISTAN`): upper-case forms of the longer names.
    for name, code in list(codes.items()):
        upper = name.upper()
        if len(name) >= 4 and upper not in codes and name not in person_names:
            codes[upper] = code
    return codes


@cache  # each country's page asks, and reading the data file again each time is needless
def names_of(code: str) -> tuple[str, ...]:
    """The names the extractor takes for `code` in a text (CLDR's Indonesian and English names, the
    aliases and capitals of `data/country_aliases.yml`), but those its English name holds, sorted and
    each once whatever its case: what a country's page says it was found as, so that a reader sees it,
    and search finds the page by any of them ("Palestine" found nothing: CLDR's English name is
    "Palestinian Territories")."""
    own = country_name(code).casefold()
    data = load_data("country_aliases.yml")
    names = [name for name, each in _cldr_names().items() if each == code]
    names += [name for section in ("aliases", "capitals") for name in data[section].get(code, ())]
    kept: dict[str, str] = {}
    for name in sorted(names, key=lambda name: (name.casefold(), name)):  # the capitalised form first
        if name.casefold() not in own:
            kept.setdefault(name.casefold(), name)
    return tuple(kept.values())


@cache
def _table() -> _Table:
    data = load_data("country_aliases.yml")
    codes = _codes()
    return _Table(
        names=WordFinder.compile(codes, not_after=r"\w", tail=r"(?!\w)"),  # `(?<!\w)name(?!\w)`
        codes=codes,
        languages=frozenset(data["languages"]),
        language_endings=tuple(data["languages"]),
        person_names=frozenset(data["person_names"]),
        country_words=frozenset(word.casefold() for word in data["country_words"]),
        follow_ok=frozenset(data["follow_ok"]),
        person_suffixes=tuple(data["person_suffixes"]),
        state_suffixes=tuple(data["state_suffixes"]),
    )


def _is_capitalised(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _is_other_thing(prev: str | None, next_word: str | None, after: str, table: _Table, title_case: bool) -> bool:
    """`Michael Jordan`, `Chad Smith`, `Turki al-Faisal`, `Georgia, AS`: a person or a state, not a country.
    In a headline written in title case (`Afghanistan dan Turki Kecam …`) every word after the name is
    capitalised, so that tells nothing; a given name before it still does (`Sepatu Michael Jordan …`)."""
    if any(after.startswith(suffix) for suffix in table.state_suffixes):
        return True
    if next_word and any(next_word.startswith(s) for s in table.person_suffixes):
        return True
    if _introduced(prev, table):
        return False
    followed = not title_case and _is_capitalised(next_word) and next_word not in table.follow_ok
    return _is_capitalised(prev) or followed


# A headline is at most this many words; title case is most of its words capitalised.
_HEADLINE_WORDS = 25
_TITLE_CASE_SHARE = 0.75


def _is_title_case(text: str) -> bool:
    """Whether `text` is a headline written in title case (`Rusia dan Turki Evaluasi Krisis Suriah`)."""
    words = [word for word in text.split() if word[0].isalpha()]
    if not words or len(words) > _HEADLINE_WORDS:
        return False
    return sum(word[0].isupper() for word in words) >= _TITLE_CASE_SHARE * len(words)


def _introduced(prev: str | None, table: _Table) -> bool:
    """`Presiden Chad`, `ke Turki`: a word before the name that only a country takes."""
    return prev is not None and prev.casefold() in table.country_words


def _word_before(text: str, start: int) -> str | None:
    """The word just before `start` when only spaces separate them (`Michael Jordan` → `Michael`)."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" ")
    if len(stripped) == len(before) or not stripped or stripped[-1] in _NOT_WORD:
        return None
    word = stripped.rsplit(maxsplit=1)[-1]
    for i in range(len(word) - 1, -1, -1):
        if word[i] in _NOT_WORD:
            return word[i + 1 :]
    return word


def _follows_language(text: str, start: int, table: _Table) -> bool:
    """`bahasa Inggris`: the word before `start` is a language word.

    Most names follow no such word, and a test of how the text before them ends rules it out for
    far less than finding the word (a language word is where that text ends, if it is the word).
    """
    if not text[max(0, start - 40) : start].rstrip(" ").endswith(table.language_endings):
        return False
    return _word_before(text, start) in table.languages


def _scan(
    text: str, table: _Table, names: re.Pattern[str], any_language: bool
) -> tuple[list[tuple[str, str, int]], set[str]]:
    """Candidate mentions (name, code, start) and the ambiguous names shown to be people or states.

    The word before a mention is read only where it matters: for the few names that are also
    people's names, and later for a name that turns out to be demoted (see `scan`). Reading it for
    every mention was most of the time spent here.
    """
    found: list[tuple[str, str, int]] = []
    demoted: set[str] = set()
    title_case: bool | None = None  # worked out at the first name that needs it
    for match in names.finditer(text):
        name = match.group()
        code = table.codes[name]
        if code is None:
            demoted.update(word for word in table.person_names if word in name)
            continue
        start = match.start()
        if name in table.person_names:
            prev = _word_before(text, start)
            if prev in table.languages:
                continue
            after = text[start + len(name) : start + len(name) + 40]
            following = _NEXT_WORD_RE.match(after)
            if title_case is None:
                title_case = _is_title_case(text)
            if _is_other_thing(prev, following.group(1) if following else None, after, table, title_case):
                demoted.add(name)
                continue
        elif any_language and _follows_language(text, start, table):
            continue
        found.append((name, code, start))
    return found, demoted


def scan(segments: Sequence[str]) -> list[list[str]]:
    """Country codes mentioned in each segment of one document, in order (repeats kept, for frequency).

    A name that is somewhere in the document a person or a state (`Michael Jordan`, `negara
    bagian Georgia`) is that everywhere in it (`kata Jordan`), unless a country word introduces
    it (`Presiden Chad`).
    """
    table = _table()
    patterns = table.names.patterns_for(segments)
    # A language word before a name is in the segment; most segments hold none, and a test per
    # segment spares the test per name.
    with_language = texts_holding(table.languages, segments)
    scanned = [
        _scan(segment, table, pattern, i in with_language)
        for i, (segment, pattern) in enumerate(zip(segments, patterns, strict=True))
    ]
    demoted = set().union(*(names for _, names in scanned))
    return [
        [code for name, code, start in found if name not in demoted or _introduced(_word_before(segment, start), table)]
        for segment, (found, _) in zip(segments, scanned, strict=True)
    ]


def country_mentions(text: str) -> list[str]:
    """The code of every country mention in `text`, in order."""
    return scan([text])[0]


def is_country_name(word: str) -> bool:
    """True for a one-word country name or capital (`Iran`, `Teheran`); no context checks."""
    return _codes().get(word) is not None


@cache
def multiword_name_starts() -> frozenset[str]:
    """The first words of the country names written in several words (`Korea` of `Korea Selatan`):
    only after one of them is a longer name worth looking up."""
    return frozenset(name.split()[0] for name, code in _codes().items() if code is not None and " " in name)


def countries(texts: Iterable[str]) -> tuple[str, ...]:
    """Sorted, unique codes of the countries named in `texts` (one document)."""
    return tuple(sorted({code for codes in scan(list(texts)) for code in codes}))


def main_countries(title: str | None, lead: str, paragraphs: Iterable[str], limit: int = 4) -> tuple[str, ...]:
    """The few countries an article is about; see `rank_main`. `paragraphs` are those after the lead."""
    return rank_main(scan([title or "", lead, *paragraphs]), limit)


def rank_main(mentions: Sequence[Sequence[str]], limit: int = 4) -> tuple[str, ...]:
    """Main countries from the per-segment mentions of [headline, lead, *paragraphs]: headline, lead, frequency.

    Score: 3 for the headline, 2 for the lead, 1 per mention in lead and paragraphs; keep those
    scoring at least half of the best (and at least 3), best first, at most `limit`.
    """
    title_codes, lead_codes, *paragraph_codes = [*mentions, [], []][: max(2, len(mentions))]
    score = Counter(chain(lead_codes, *paragraph_codes))  # counted in one call, not one per paragraph
    for code in set(title_codes):
        score[code] += 3
    for code in set(lead_codes):
        score[code] += 2
    if not score:
        return ()
    best = max(score.values())
    ranked = sorted(score.items(), key=lambda item: (-item[1], item[0]))
    return tuple(code for code, value in ranked if value >= max(3, best / 2))[:limit]
