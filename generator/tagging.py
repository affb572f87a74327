"""Topics from the vocabulary by keyword evidence: enough hits, not a single stray word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from generator.vocabulary import topics

# A topic needs this much evidence: 1 per keyword occurrence in the body, +2 when the headline
# has one, +1 when the lead has one. So two mentions and a lead mention, or three mentions, or a
# headline keyword and one more mention; a lone word never tags.
THRESHOLD = 3


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    compiled = {}
    for slug, topic in topics().items():
        words = sorted(topic.keywords, key=len, reverse=True)
        alternation = "|".join(re.escape(word) for word in words)
        compiled[slug] = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return compiled


def tag(title: str | None, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Slugs (vocabulary order) whose keywords the text supports with at least `THRESHOLD` evidence."""
    lead = paragraphs[0] if paragraphs else ""
    found = []
    for slug, pattern in _patterns().items():
        score = sum(len(pattern.findall(p)) for p in paragraphs)
        if title and pattern.search(title):
            score += 2
        if pattern.search(lead):
            score += 1
        if score >= THRESHOLD:
            found.append(slug)
    return tuple(found)
