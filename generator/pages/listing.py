"""The one way every index page lists articles: date, linked title, countries, one line of summary."""

from __future__ import annotations

from functools import lru_cache

from generator.country_names import country_name, flag
from generator.markdown import first_sentence, link, long_date, md_text
from generator.model import Article


def one_line(article: Article) -> str:
    return _summary_line(article.summary) if article.summary else "*Not yet annotated.*"


# An article is listed on about six index pages (timeline, year page, its countries and topics),
# and these parts do not depend on the page: formatted once each (pure functions of their input).
@lru_cache(maxsize=1 << 16)
def _summary_line(summary: str) -> str:
    return md_text(first_sentence(summary))


@lru_cache(maxsize=1 << 16)
def _countries(codes: tuple[str, ...]) -> str:
    return " · " + ", ".join(f"{flag(c)} {md_text(country_name(c))}" for c in codes)


def article_item(article: Article, from_page: str, show_countries: bool = True) -> str:
    date = long_date(article.published) if article.published else "Undated"
    line = f"- **{date}** — {link(article.display_title, from_page, article.page_path)}"
    if show_countries and article.countries:
        line += _countries(article.countries)
    return f"{line}  \n  {one_line(article)}"


def article_list(articles: tuple[Article, ...], from_page: str, show_countries: bool = True) -> str:
    return "\n".join(article_item(a, from_page, show_countries) for a in articles) + "\n"
