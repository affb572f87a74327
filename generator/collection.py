"""The whole digest grouped once (pure): newest-first order, articles per country and per topic."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile
from typing import NamedTuple

from generator.model import Article

COUNTRIES_DIR = "countries"
TOPICS_DIR = "topics"
TIMELINE_PAGE = "timeline.md"
COUNTRIES_INDEX = f"{COUNTRIES_DIR}/index.md"
TOPICS_INDEX = f"{TOPICS_DIR}/index.md"
HOME_PAGE = "index.md"


def country_page(code: str) -> str:
    from generator.country_names import country_slug

    return f"{COUNTRIES_DIR}/{country_slug(code)}.md"


def topic_page(slug: str) -> str:
    return f"{TOPICS_DIR}/{slug}.md"


def newest_first_key(article: Article) -> tuple:
    """Dated articles newest first, then undated ones; ties broken by page path (deterministic)."""
    if article.published is None:
        return (1, 0, article.page_path)
    return (0, -article.published.toordinal(), article.page_path)


@dataclass(frozen=True)
class Collection:
    articles: tuple[Article, ...]
    by_country: dict[str, tuple[Article, ...]]
    by_topic: dict[str, tuple[Article, ...]]

    @property
    def dated(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.published is not None)

    @property
    def undated(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.published is None)

    @property
    def date_range(self) -> tuple[ListDate, ListDate] | None:
        """The oldest and the newest date of the digest, None when no article is dated."""
        newest = first_date(self.articles)
        oldest = first_date(reversed(self.articles))
        return (oldest, newest) if oldest is not None and newest is not None else None


class ListDate(NamedTuple):
    """A date that stands for a list's end ("latest 21 January 2025", a span's first day), and whether
    it is an estimate: only when it is the estimated date of every article of that day in the list."""

    day: dt.date
    estimated: bool


def first_date(articles: Iterable[Article]) -> ListDate | None:
    """The date of the first dated one of `articles`, ordered by date (newest first or oldest first)."""
    dated = (a for a in articles if a.published is not None)
    first = next(dated, None)
    if first is None:
        return None
    day = first.published
    assert day is not None
    # Articles of one day are next to each other in the order; `all` stops at the first given date.
    same_day = takewhile(lambda a: a.published == day, dated)
    return ListDate(day, first.date_estimated and all(a.date_estimated for a in same_day))


def build_collection(articles: list[Article]) -> Collection:
    ordered = tuple(sorted(articles, key=newest_first_key))
    by_country: dict[str, list[Article]] = defaultdict(list)
    by_topic: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        for code in article.countries:
            by_country[code].append(article)
        for slug in article.topics:
            by_topic[slug].append(article)
    return Collection(
        articles=ordered,
        by_country={code: tuple(items) for code, items in sorted(by_country.items())},
        by_topic={slug: tuple(items) for slug, items in sorted(by_topic.items())},
    )


def co_occurring(
    articles: tuple[Article, ...], attribute: str, exclude: str | None = None, label=lambda value: value
) -> list[tuple[str, int]]:
    """How often each value of `attribute` (countries/topics) appears in `articles`, most first, then
    by `label(value)`, the name a reader sees (by code, Pakistan's page listed "Israel (1), Iran (1)")."""
    counts = Counter(value for article in articles for value in getattr(article, attribute) if value != exclude)
    return sorted(counts.items(), key=lambda item: (-item[1], label(item[0]), item[0]))
