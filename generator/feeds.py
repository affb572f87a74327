"""Atom feeds (pure): the whole digest, and one per country and per topic, dated by publication.

Undated articles are left out of every feed: an Atom entry must carry a date, and the only honest
one is the publication date (never the build date, which would change the bytes on every run).
They stay on the timeline's "Undated" list until an annotation supplies the date.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from generator.collection import TIMELINE_PAGE, Collection, country_page, topic_page
from generator.country_names import country_name, country_slug
from generator.model import Article
from generator.siteconfig import SiteConfig
from generator.vocabulary import topics

FEEDS_DIR = "feeds"
ALL_FEED = f"{FEEDS_DIR}/all.atom.xml"
FEED_LIMIT = 50
# Midnight UTC of the publication day: the day is all the annotation knows.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def country_feed(code: str) -> str:
    return f"{FEEDS_DIR}/countries/{country_slug(code)}.atom.xml"


def topic_feed(slug: str) -> str:
    return f"{FEEDS_DIR}/topics/{slug}.atom.xml"


def page_url(site_url: str, page_path: str) -> str:
    """Public URL of a docs-relative Markdown page (directory URLs): `a/b.md` → `<site>a/b/`."""
    if page_path == "index.md":
        return site_url
    stem = page_path.removesuffix(".md").removesuffix("index")
    return site_url + stem.rstrip("/") + "/"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def render_feed(articles: tuple[Article, ...], feed_path: str, title: str, page_path: str, config: SiteConfig) -> bytes:
    """One Atom feed of the newest dated `articles` (already newest first), byte-identical across runs."""
    dated = [a for a in articles if a.published is not None][:FEED_LIMIT]
    feed = FeedGenerator()
    feed.id(config.site_url + feed_path)
    feed.title(title)
    feed.author({"name": f"{config.site_name} contributors"})
    feed.link(href=page_url(config.site_url, page_path), rel="alternate", type="text/html")
    feed.link(href=config.site_url + feed_path, rel="self", type="application/atom+xml")
    feed.language("en")
    feed.generator("news-digest generator")  # no version or URI: the bytes depend on the content only
    # feedgen stamps `updated` with datetime.now() unless told otherwise.
    feed.updated(_moment(dated[0].published) if dated else _EPOCH)
    # feedgen prepends entries; adding oldest first leaves the feed newest first.
    for article in reversed(dated):
        url = page_url(config.site_url, article.page_path)
        entry = feed.add_entry()
        entry.id(url)
        entry.title(article.display_title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_moment(article.published))
        entry.updated(_moment(article.published))
        entry.summary(article.summary or "Not yet annotated.")
        for code in article.countries:
            entry.category(term=country_slug(code), label=country_name(code))
    return feed.atom_str(pretty=True)


def render_feeds(collection: Collection, config: SiteConfig) -> dict[str, bytes]:
    """Every feed, keyed by its docs-relative path."""
    name = config.site_name
    files = {ALL_FEED: render_feed(collection.articles, ALL_FEED, name, TIMELINE_PAGE, config)}
    for code, articles in collection.by_country.items():
        path = country_feed(code)
        files[path] = render_feed(articles, path, f"{name}: {country_name(code)}", country_page(code), config)
    vocabulary = topics()
    for slug, articles in collection.by_topic.items():
        label = vocabulary[slug].label if slug in vocabulary else slug
        files[topic_feed(slug)] = render_feed(articles, topic_feed(slug), f"{name}: {label}", topic_page(slug), config)
    return files
