"""Topics from the vocabulary by keyword evidence: enough hits, not a single stray word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from generator.trie import literal_alternation
from generator.vocabulary import searchable_keyword, topics

# A topic needs this much evidence: 1 per keyword occurrence in the body, +2 when the headline
# has one, +1 when the lead has one. So three mentions, or two and one in the lead, or a
# headline keyword and one more mention; a lone word never tags.
THRESHOLD = 3


@dataclass(frozen=True)
class _Keywords:
    pattern: re.Pattern[str]  # searches "\n" + the text lower-cased
    byte_pattern: (
        re.Pattern[bytes] | None
    )  # searches the bytes `_keyword_counts` makes; None: a keyword is not plain ASCII
    slugs: dict[str, tuple[str, ...]]  # each keyword's topics (a keyword may serve several)


@cache
def _keywords() -> _Keywords:
    """The keyword patterns and each keyword's topics."""
    slugs: dict[str, list[str]] = {}
    for slug, topic in topics().items():
        for keyword in topic.keywords:
            slugs.setdefault(keyword.casefold(), []).append(slug)
    if not all(map(searchable_keyword, slugs)):  # `read_topics` refuses them: see below and `tag`
        raise ValueError("topic keywords must start with a letter or digit and fit on one line")
    # Keywords are lower case; the text is lower-cased once, which is cheaper than IGNORECASE.
    # `(?<![\w-])keyword(?![\w-])`, written to match the character before the keyword instead, so
    # `re` skips to those characters rather than trying every position (texts get a newline in
    # front). A keyword starts with a word character, so none starts where the last one ended.
    trie = literal_alternation(slugs)
    plain = all(set(keyword) <= _KEYWORD_CHARACTERS for keyword in slugs)
    return _Keywords(
        pattern=re.compile(rf"[^\w-]({trie})(?![\w-])"),
        byte_pattern=re.compile(rf"[ ]({trie})(?![\w-])".encode()) if plain else None,
        slugs={keyword: tuple(found) for keyword, found in slugs.items()},
    )


# Searching the text as bytes. `_Keywords.pattern` opens with a character class, which `re` tests
# at every character of the text. Over bytes, one C pass (`bytes.translate`) lower-cases the text
# and turns every byte that cannot be part of a keyword into a line break; with a space after each
# line break, every keyword that starts a word follows a space, a literal that `re` skips to far
# faster (the keyword search takes half the time). The keywords found are the same provided the
# keywords are plain ASCII and the text has no letter or digit outside ASCII: every other
# character outside ASCII is no word character and lower-cases to none, so the bytes keep the word
# boundaries of the lower-cased text, and a keyword's spaces still match only spaces.
_KEYWORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_- ")
_KEYWORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if chr(byte) in _KEYWORD_CHARACTERS else ord("\n") for byte in range(256)
)
_ASCII = bytes(range(128))
_WORD_RE = re.compile(r"\w")


def _keyword_counts(text: str) -> dict[str, int]:
    """How often each keyword occurs in `text`: `pattern.findall` over the text lower-cased, counted."""
    keywords = _keywords()
    data = text.encode("utf-8", "surrogatepass")
    non_ascii = "" if text.isascii() else data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if keywords.byte_pattern is None or _WORD_RE.search(non_ascii):
        return Counter(keywords.pattern.findall("\n" + text.lower()))
    spaced = (b"\n" + data).translate(_KEYWORD_BYTES).replace(b"\n", b"\n ")
    return {keyword.decode(): n for keyword, n in Counter(keywords.byte_pattern.findall(spaced)).items()}


def _hits(text: str) -> dict[str, int]:
    """Keyword occurrences in `text` per topic."""
    slugs = _keywords().slugs
    counts: dict[str, int] = {}
    # Counted per keyword first (in C), then per topic, rather than one Python-level update per occurrence.
    for keyword, occurrences in _keyword_counts(text).items():
        for slug in slugs[keyword]:
            counts[slug] = counts.get(slug, 0) + occurrences
    return counts


def tag(title: str | None, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Slugs (vocabulary order) whose keywords the text supports with at least `THRESHOLD` evidence."""
    # No keyword spans a line break, so the body's hits are the lead's plus the rest's: the lead is read once.
    lead = _hits(paragraphs[0] if paragraphs else "")
    rest = _hits("\n".join(paragraphs[1:]))
    headline = _hits(title or "")

    def score(slug: str) -> int:
        return lead.get(slug, 0) + rest.get(slug, 0) + 2 * (slug in headline) + (slug in lead)

    return tuple(slug for slug in topics() if score(slug) >= THRESHOLD)
