"""Related coverage: the articles sharing the most countries, topics and people with one article."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from generator.collection import Collection
from generator.entities import person_key, person_name
from generator.model import Article
from generator.pagecache import PageCache, listing_fingerprint

# A shared person says more about two reports than a shared country, which many articles share.
WEIGHTS = {"people": 3.0, "topics": 1.5, "countries": 1.0}
RELATED_LIMIT = 5
# A feature shared by more than COMMON_FEATURE articles (a big country, a broad topic) only links
# articles at most WINDOW places apart in newest-first order, i.e. close in time. Counting every
# pair of articles that share "Iran" would make this step quadratic in the size of the digest
# (minutes at 10,000 articles); rarer features, such as people, still link across all years.
COMMON_FEATURE = 100
WINDOW = 50
MEMO = "related"  # the name of the ranking in the page cache's manifest
_FEATURES = attrgetter(*WEIGHTS)


@dataclass(frozen=True)
class Related:
    article: Article
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    people: tuple[str, ...]


def related_ranking(
    collection: Collection, limit: int = RELATED_LIMIT, reuse: PageCache | None = None
) -> list[list[int]]:
    """For every article of `collection.articles`, the positions of up to `limit` related articles, best first.

    Ties go to the newest article: `collection.articles` is newest first, so the lower position wins.
    `reuse` supplies the ranking of the previous build when no article's countries, topics or people
    changed and none moved in the order (editing a title or a summary keeps it: a tenth of a warm build).
    What a page shows about each related article is `explain`ed only for the pages rendered.
    """
    articles = collection.articles
    key = _ranking_key(articles, limit)
    ranking = _valid_ranking(reuse.recall(MEMO, key), len(articles), limit) if reuse is not None else None
    if ranking is None:
        ranking = _ranking(articles, limit)
    if reuse is not None:
        reuse.remember(MEMO, key, ranking)
    return ranking


def _ranking_key(articles: tuple[Article, ...], limit: int) -> str:
    """Everything the ranking reads: each article's features, by position (the renderer's fingerprint,
    part of every `listing_fingerprint`, covers the weights and this code)."""
    features = list(map(_FEATURES, articles))  # attrgetter: 9 ms rather than 24 at 10,000 articles
    return listing_fingerprint(("related", limit, features), ())


def _valid_ranking(value: object, count: int, limit: int) -> list[list[int]] | None:
    """`value` if it is a ranking of `count` articles (the manifest may have been edited), else None."""
    if not isinstance(value, list) or len(value) != count:
        return None
    for index, others in enumerate(value):
        if not isinstance(others, list) or len(others) > limit:
            return None
        if not all(type(other) is int and 0 <= other < count and other != index for other in others):
            return None
    return value


def _ranking(articles: tuple[Article, ...], limit: int) -> list[list[int]]:
    """For every article, the positions of up to `limit` related articles, best first."""
    features = list(map(_features, articles))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, keys in enumerate(features):
        for key, _ in keys:
            postings[key].append(index)  # ascending positions, so a window is found by bisection

    result: list[list[int]] = []
    for index in range(len(articles)):
        scores: dict[int, float] = defaultdict(float)
        for key, weight in features[index]:
            posting = postings[key]
            if len(posting) > COMMON_FEATURE:
                posting = posting[bisect_left(posting, index - WINDOW) : bisect_right(posting, index + WINDOW)]
            for other in posting:
                scores[other] += weight
        scores.pop(index, None)
        best = heapq.nsmallest(limit, ((-score, other) for other, score in scores.items()))
        result.append([other for _, other in best])
    return result


def _same(attribute: str, value: str) -> str:
    """What tells values of `attribute` apart: a person is the same whatever role an article gives
    them (`Presiden Rusia Vladimir Putin` in one, `Vladimir Putin` in another)."""
    return person_key(value) if attribute == "people" else value


def _features(article: Article) -> list[tuple[tuple[str, str], float]]:
    """The article's features, each once, with their weights."""
    found: dict[tuple[str, str], float] = {}
    for attribute, weight in WEIGHTS.items():
        for value in getattr(article, attribute):
            found.setdefault((attribute, _same(attribute, value)), weight)
    return list(found.items())


def explain(article: Article, other: Article) -> Related:
    """What `article` shares with `other`, a function of the two articles alone: countries and topics,
    and people by name (the two may give one person different titles)."""

    def shared(attribute: str) -> tuple[str, ...]:
        mine = {_same(attribute, value) for value in getattr(article, attribute)}
        found: dict[str, str] = {}
        for value in getattr(other, attribute):
            key = _same(attribute, value)
            if key in mine:
                found.setdefault(key, person_name(value) if attribute == "people" else value)
        return tuple(found.values())

    return Related(other, shared("countries"), shared("topics"), shared("people"))
