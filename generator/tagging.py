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
    # Keywords are lower case; the text is lower-cased once, which is cheaper than IGNORECASE.
    pattern = re.compile(rf"(?<![\w-]){literal_alternation(slugs)}(?![\w-])")
    return pattern, {keyword: tuple(found) for keyword, found in slugs.items()}


def _hits(text: str) -> Counter[str]:
    pattern, slugs = _keywords()
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text.lower()):
        counts.update(slugs[match.group()])
    return counts


def tag(title: str | None, paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Slugs (vocabulary order) whose keywords the text supports with at least `THRESHOLD` evidence."""
    score = _hits("\n".join(paragraphs))
    score.update({slug: 2 for slug in _hits(title or "")})
    score.update({slug: 1 for slug in _hits(paragraphs[0] if paragraphs else "")})
    return tuple(slug for slug in topics() if score[slug] >= THRESHOLD)
