"""Render phase: the whole collection → every generated file's bytes, in memory (pure)."""

from __future__ import annotations

from generator.collection import TIMELINE_PAGE, build_collection, country_page, topic_page
from generator.country_names import country_name
from generator.feeds import render_feeds
from generator.model import Article
from generator.opendata import render_open_data
from generator.pages.archive import year_pages
from generator.pages.article import render_article
from generator.pages.home import render_home
from generator.pages.indexes import (
    COUNTRIES_INDEX,
    TOPICS_INDEX,
    render_countries_index,
    render_country,
    render_topic,
    render_topics_index,
)
from generator.pages.timeline import render_timeline
from generator.progress import progress
from generator.related import related_index
from generator.siteconfig import SiteConfig
from generator.vocabulary import topics


def render_site(
    articles: list[Article], home_intro: str | None = None, config: SiteConfig | None = None
) -> dict[str, bytes]:
    """Every generated file (pages, feeds, open data), keyed by its path relative to `docs/`.

    `config` gives the public site URL that feeds and the open data link to (from mkdocs.yml).
    """
    config = config or SiteConfig()
    collection = build_collection(articles)
    related = related_index(collection)
    pages: dict[str, str] = {
        "index.md": render_home(collection, home_intro),
        TIMELINE_PAGE: render_timeline(collection),
        COUNTRIES_INDEX: render_countries_index(collection),
        TOPICS_INDEX: render_topics_index(collection),
    }
    for article in progress(collection.articles, len(collection.articles), "rendering"):
        pages[article.page_path] = render_article(article, related[article.page_path])
    pages.update(year_pages(collection.articles, TIMELINE_PAGE, "Timeline"))
    for code in collection.by_country:
        pages[country_page(code)] = render_country(collection, code)
        pages.update(year_pages(collection.by_country[code], country_page(code), country_name(code)))
    vocabulary = topics()
    for slug in collection.by_topic:
        pages[topic_page(slug)] = render_topic(collection, slug)
        label = vocabulary[slug].label if slug in vocabulary else slug
        pages.update(year_pages(collection.by_topic[slug], topic_page(slug), label))
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update(render_feeds(collection, config))
    files.update(render_open_data(collection, config))
    return files
