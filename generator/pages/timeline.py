"""The timeline: every article grouped by year and month, newest first; undated ones listed apart."""

from __future__ import annotations

from itertools import groupby

from generator.charts import monthly_figure
from generator.collection import TIMELINE_PAGE, Collection
from generator.feeds import ALL_FEED
from generator.markdown import plural, relative
from generator.pages import archive
from generator.pages.archive import by_month, is_split, older_by_year
from generator.pages.frontmatter import front_matter
from generator.pages.listing import article_list


def render_timeline(collection: Collection) -> str:
    parts = [
        front_matter("Timeline", "Every article of the digest by publication date, newest first.", {"feed": ALL_FEED}),
        "# Timeline\n",
        f"{plural(len(collection.articles), 'article')}, newest first."
        f" Follow new ones with the [Atom feed]({relative(TIMELINE_PAGE, ALL_FEED)}).\n",
        monthly_figure(collection.articles, "timeline-chart", "in the digest"),
    ]
    split = is_split(collection.articles)
    shown = collection.dated[: archive.LIST_LIMIT] if split else collection.dated
    if split:
        older = older_by_year(collection.articles, TIMELINE_PAGE)
        parts.append(f"The latest {archive.LIST_LIMIT} articles are listed here. {older}")
    for year, in_year in groupby(shown, key=lambda a: a.published.year):
        parts.append(f"## {year}\n")
        parts.append(by_month(tuple(in_year), TIMELINE_PAGE))
    if collection.undated and not split:
        parts.append("## Undated\n")
        parts.append("These articles have no known publication date yet; an annotation can supply it.\n")
        parts.append(article_list(collection.undated, TIMELINE_PAGE))
    return "\n".join(parts)
