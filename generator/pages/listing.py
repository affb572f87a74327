"""The one way every index page lists articles: date, linked title, countries, one line of summary.

Written as an HTML list (the markup Python-Markdown would make of the equivalent Markdown list): index
pages list hundreds of articles, and Markdown's inline processing of them was a large part of the
site build (generator/htmltext.py).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from generator.country_names import country_name, flagged, in_reading_order
from generator.htmltext import href, text
from generator.markdown import article_date, first_sentence
from generator.model import Article

NOT_ANNOTATED = "<em>Not yet annotated.</em>"


# An article is listed on about six index pages (timeline, year page, its countries and topics),
# and these parts do not depend on the page: formatted once each (pure functions of their input).
@lru_cache(maxsize=1 << 16)
def _summary_line(summary: str) -> str:
    return text(first_sentence(summary))


@lru_cache(maxsize=1 << 16)
def _countries(codes: tuple[str, ...]) -> str:
    return " · " + ", ".join(flagged(c, text(country_name(c))) for c in codes)


@lru_cache(maxsize=1 << 16)
def _item_parts(
    title: str, published: dt.date | None, estimated: bool, countries: tuple[str, ...], summary: str | None
) -> tuple[str, str]:
    """An entry of an article list, split where the link's URL goes (which depends on the page)."""
    date = article_date(published, estimated) if published else "Undated"
    line = _summary_line(summary) if summary else NOT_ANNOTATED
    listed_in = _countries(countries) if countries else ""
    return f'<li><strong>{date}</strong> — <a href="', f'">{text(title)}</a>{listed_in}<br />\n{line}</li>'


def article_list(articles: tuple[Article, ...], from_page: str) -> str:
    """A raw HTML block: it must stand on its own, with blank lines around it.

    An article is listed on about six pages (twelve with the year pages): its entry is formatted
    once (`_item_parts`) and only the link's URL is made per page.
    """
    items = []
    for article in articles:
        countries = in_reading_order(article.countries, article.main_countries)
        before, after = _item_parts(
            article.display_title, article.published, article.date_estimated, countries, article.summary
        )
        items.append(before + href(from_page, article.page_path) + after)
    # Left out of search (Material skips an element marked `data-search-exclude`): every summary is
    # repeated on the home page, the timeline and each of its countries' and topics' pages, and
    # searching "Putin" gave 15 results for his 2 articles. The pages stay found by their titles.
    return "<ul data-search-exclude>\n" + "\n".join(items) + "\n</ul>\n"
