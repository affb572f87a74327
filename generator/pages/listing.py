"""The one way every index page lists articles: date, linked title, countries, one line of summary.

Written as an HTML list (the markup Python-Markdown would make of the equivalent Markdown list): index
pages list hundreds of articles, and Markdown's inline processing of them was a large part of the
site build (generator/htmltext.py).
"""

from __future__ import annotations

from functools import lru_cache

from generator.country_names import country_name, flag
from generator.htmltext import link, text
from generator.markdown import first_sentence, long_date
from generator.model import Article

NOT_ANNOTATED = "<em>Not yet annotated.</em>"


def one_line(article: Article) -> str:
    return _summary_line(article.summary) if article.summary else NOT_ANNOTATED


# An article is listed on about six index pages (timeline, year page, its countries and topics),
# and these parts do not depend on the page: formatted once each (pure functions of their input).
@lru_cache(maxsize=1 << 16)
def _summary_line(summary: str) -> str:
    return text(first_sentence(summary))


@lru_cache(maxsize=1 << 16)
def _countries(codes: tuple[str, ...]) -> str:
    return " · " + ", ".join(f"{flag(c)} {text(country_name(c))}" for c in codes)


def article_item(article: Article, from_page: str, show_countries: bool = True) -> str:
    date = long_date(article.published) if article.published else "Undated"
    line = f"<li><strong>{date}</strong> — {link(text(article.display_title), from_page, article.page_path)}"
    if show_countries and article.countries:
        line += _countries(article.countries)
    return f"{line}<br />\n{one_line(article)}</li>"


def article_list(articles: tuple[Article, ...], from_page: str, show_countries: bool = True) -> str:
    """A raw HTML block: it must stand on its own, with blank lines around it."""
    return "<ul>\n" + "\n".join(article_item(a, from_page, show_countries) for a in articles) + "\n</ul>\n"
