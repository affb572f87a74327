"""Render phase: the whole collection → every generated file's bytes, in memory (pure)."""

from __future__ import annotations

from generator.collection import TIMELINE_PAGE, build_collection, country_page, topic_page
from generator.country_names import country_name
from generator.feeds import render_feeds
from generator.model import Article
from generator.opendata import render_open_data
from generator.pagecache import PageCache, article_digest, page_fingerprint
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
from generator.related import related_details, related_index
from generator.siteconfig import SiteConfig
from generator.vocabulary import topics


def render_site(
    articles: list[Article],
    home_intro: str | None = None,
    config: SiteConfig | None = None,
    *,
    reuse: PageCache | None = None,
) -> dict[str, bytes]:
    """Every generated file (pages, feeds, open data), keyed by its path relative to `docs/`.

    `config` gives the public site URL that feeds and the open data link to (from mkdocs.yml).
    `reuse` supplies article pages of the previous build whose inputs are unchanged.
    """
    config = config or SiteConfig()
    reuse = reuse or PageCache(None)
    collection = build_collection(articles)
    related = related_index(collection)
    pages: dict[str, str | bytes] = {
        "index.md": render_home(collection, home_intro),
        TIMELINE_PAGE: render_timeline(collection),
        COUNTRIES_INDEX: render_countries_index(collection),
        TOPICS_INDEX: render_topics_index(collection),
    }
    digests = {article.page_path: article_digest(article) for article in collection.articles}
    for article in progress(collection.articles, len(collection.articles), "rendering"):
        near = related[article.page_path]
        shown = tuple((digests[r.article.page_path], related_details(r)) for r in near)
        pages[article.page_path] = reuse.page(
            article.page_path,
            page_fingerprint(digests[article.page_path], shown),
            lambda article=article, near=near: render_article(article, near).encode("utf-8"),
        )
    pages.update(year_pages(collection.articles, TIMELINE_PAGE, "Timeline"))
    for code in collection.by_country:
        pages[country_page(code)] = render_country(collection, code)
        pages.update(year_pages(collection.by_country[code], country_page(code), country_name(code)))
    vocabulary = topics()
    for slug in collection.by_topic:
        pages[topic_page(slug)] = render_topic(collection, slug)
        label = vocabulary[slug].label if slug in vocabulary else slug
        pages.update(year_pages(collection.by_topic[slug], topic_page(slug), label))
    files = {path: text.encode("utf-8") if isinstance(text, str) else text for path, text in pages.items()}
    files.update(render_feeds(collection, config, reuse))
    files.update(render_open_data(collection, config))
    return files
