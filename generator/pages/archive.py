"""Long lists split by year: an index page lists its latest articles and links a page per year.

A timeline or a country page that listed every article would grow with the digest (3.8 MB of HTML
for the timeline at 10,000 articles); past `LIST_LIMIT` entries the older ones move to
`<page>/<year>.md`, so every page stays a size a reader's browser handles.
"""

from __future__ import annotations

import math
import posixpath
from bisect import bisect_right
from itertools import groupby

from generator.markdown import md_text, month_label, plural, relative
from generator.model import Article
from generator.pages.frontmatter import front_matter
from generator.pages.listing import article_list

LIST_LIMIT = 300
UNDATED = "undated"


def year_page(base_page: str, year: int | str) -> str:
    """`countries/iran.md`, 2023 → `countries/iran/2023.md`."""
    return f"{posixpath.splitext(base_page)[0]}/{year}.md"


def is_split(articles: tuple[Article, ...]) -> bool:
    return len(articles) > LIST_LIMIT


def by_month(articles: tuple[Article, ...], page: str, heading: str = "###") -> str:
    """Dated articles (newest first) under month headings; undated ones are not passed here."""
    parts = []
    for (year, month), in_month in groupby(articles, key=lambda a: (a.published.year, a.published.month)):
        parts.append(f"{heading} {month_label(year, month)}\n")
        parts.append(article_list(tuple(in_month), page))
    return "\n".join(parts)


def older_by_year(articles: tuple[Article, ...], base_page: str) -> str:
    """Links to the year pages of `articles` (newest year first), with counts."""
    years = [(a.published.year if a.published else UNDATED) for a in articles]
    counts = [(year, len(list(group))) for year, group in groupby(years)]
    links = ", ".join(f"[{year}]({relative(base_page, year_page(base_page, year))}) ({n})" for year, n in counts)
    return f"Every article, by year: {links}.\n"


def year_groups(articles: tuple[Article, ...], base_page: str) -> list[tuple[str, int | str, tuple[Article, ...]]]:
    """(page, year, its articles) for every year page of `articles` (newest first, as every list of the
    collection is); none when the list is not split.

    Apart from `render_year_page` so that a build can reuse a year page whose articles did not change.
    Each year's end is found by bisection: a key per article of every split list (the timeline's
    10,000 and the big countries') was 50 ms of a warm build at 10,000 articles.
    """
    if not is_split(articles):
        return []
    groups, start = [], 0
    while start < len(articles):
        first = articles[start]
        end = bisect_right(articles, _year_rank(first), start, key=_year_rank)
        year = first.published.year if first.published else UNDATED
        groups.append((year_page(base_page, year), year, articles[start:end]))
        start = end
    return groups


def _year_rank(article: Article) -> float:
    """Ascending along a newest-first list: the year negated, undated articles last."""
    return -article.published.year if article.published else math.inf


def render_year_page(in_year: tuple[Article, ...], year: int | str, base_page: str, title: str) -> str:
    """The page of one year of `base_page`'s list (a page of undated articles when `year` is UNDATED)."""
    page = year_page(base_page, year)
    heading = f"{title}: {'undated articles' if year == UNDATED else year}"
    body = by_month(in_year, page, "##") if year != UNDATED else article_list(in_year, page)
    return "\n".join(
        [
            front_matter(heading, None, {}),
            f"# {md_text(heading)}\n",
            f"{plural(len(in_year), 'article')}, newest first. Back to [{md_text(title)}]"
            f"({relative(page, base_page)}).\n",
            body,
        ]
    )


def year_pages(articles: tuple[Article, ...], base_page: str, title: str) -> dict[str, str]:
    """One page per year of `articles` (and one for undated ones) when the list is split."""
    return {
        page: render_year_page(in_year, year, base_page, title)
        for page, year, in_year in year_groups(articles, base_page)
    }
