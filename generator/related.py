"""Related coverage: the articles sharing the most countries, topics and people with one article."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from generator.collection import Collection, newest_first_key
from generator.model import Article

# A shared person says more about two reports than a shared country, which many articles share.
WEIGHTS = {"people": 3.0, "topics": 1.5, "countries": 1.0}
RELATED_LIMIT = 5


@dataclass(frozen=True)
class Related:
    article: Article
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    people: tuple[str, ...]


def related_index(collection: Collection, limit: int = RELATED_LIMIT) -> dict[str, tuple[Related, ...]]:
    """For every article (by page path), up to `limit` related articles, best first."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    articles = collection.articles
    for index, article in enumerate(articles):
        for attribute in WEIGHTS:
            for value in getattr(article, attribute):
                postings[(attribute, value)].append(index)

    result: dict[str, tuple[Related, ...]] = {}
    for index, article in enumerate(articles):
        scores: dict[int, float] = defaultdict(float)
        for attribute, weight in WEIGHTS.items():
            for value in getattr(article, attribute):
                for other in postings[(attribute, value)]:
                    if other != index:
                        scores[other] += weight
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], newest_first_key(articles[item[0]])))
        result[article.page_path] = tuple(_explain(article, articles[other]) for other, _ in best)
    return result


def _explain(article: Article, other: Article) -> Related:
    def shared(attribute: str) -> tuple[str, ...]:
        mine = set(getattr(article, attribute))
        return tuple(value for value in getattr(other, attribute) if value in mine)

    return Related(other, shared("countries"), shared("topics"), shared("people"))
