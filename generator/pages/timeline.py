"""The timeline: every article grouped by year and month, newest first; undated ones listed apart."""

from __future__ import annotations

from itertools import groupby

from generator.charts import monthly_figure
from generator.collection import TIMELINE_PAGE, Collection
from generator.feeds import ALL_FEED
from generator.markdown import month_label, plural, relative
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
    for year, in_year in groupby(collection.dated, key=lambda a: a.published.year):
        parts.append(f"## {year}\n")
        for (_, month), in_month in groupby(in_year, key=lambda a: (a.published.year, a.published.month)):
            parts.append(f"### {month_label(year, month)}\n")
            parts.append(article_list(tuple(in_month), TIMELINE_PAGE))
    if collection.undated:
        parts.append("## Undated\n")
        parts.append("These articles have no known publication date yet; an annotation can supply it.\n")
        parts.append(article_list(collection.undated, TIMELINE_PAGE))
    return "\n".join(parts)
