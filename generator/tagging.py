"""Topics from the vocabulary by keyword evidence: enough hits, not a single stray word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from generator.trie import literal_alternation
from generator.vocabulary import topics

# A topic needs this much evidence: 1 per keyword occurrence in the body, +2 when the headline
# has one, +1 when the lead has one. So three mentions, or two and one in the lead, or a
# headline keyword and one more mention; a lone word never tags.
THRESHOLD = 3


@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for every keyword, and each keyword's topics (a keyword may serve several)."""
    slugs: dict[str, list[str]] = {}
    for slug, topic in topics().items():
        for keyword in topic.keywords:
            slugs.setdefault(keyword.casefold(), []).append(slug)
    if any(not re.match(r"\w", keyword) or "\n" in keyword for keyword in slugs):  # see below and `tag`
        raise ValueError("topic keywords must start with a letter or digit and fit on one line")
    # Keywords are lower case; the text is lower-cased once, which is cheaper than IGNORECASE.
    # `(?<![\w-])keyword(?![\w-])`, written to match the character before the keyword instead, so
    # `re` skips to those characters rather than trying every position (texts get a newline in
    # front). A keyword starts with a word character, so none starts where the last one ended.
    pattern = re.compile(rf"[^\w-]({literal_alternation(slugs)})(?![\w-])")
    return pattern, {keyword: tuple(found) for keyword, found in slugs.items()}


def _hits(text: str) -> Counter[str]:
    pattern, slugs = _keywords()
    counts: Counter[str] = Counter()
    # Counted per keyword first (in C), then per topic: one `update` per occurrence cost 1 µs each.
    for keyword, occurrences in Counter(pattern.findall("\n" + text.lower())).items():
        for slug in slugs[keyword]:
            counts[slug] += occurrences
    return counts


def tag(title: str | None, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Slugs (vocabulary order) whose keywords the text supports with at least `THRESHOLD` evidence."""
    # No keyword spans a line break, so the body's hits are the lead's plus the rest's: the lead is read once.
    lead = _hits(paragraphs[0] if paragraphs else "")
    score = lead + _hits("\n".join(paragraphs[1:]))
    score.update({slug: 2 for slug in _hits(title or "")})
    score.update({slug: 1 for slug in lead})
    return tuple(slug for slug in topics() if score[slug] >= THRESHOLD)
