"""Atom feeds (pure): the whole digest, and one per country and per topic, dated by publication.

Undated articles are left out of every feed: an Atom entry must carry a date, and the only honest
one is the publication date (never the build date, which would change the bytes on every run).
They stay on the timeline's "Undated" list until an annotation supplies the date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from collections.abc import Iterable
from itertools import islice
from xml.sax.saxutils import escape

from feedgen.version import version_str as FEEDGEN_VERSION

from generator.collection import TIMELINE_PAGE, Collection, country_page, topic_page
from generator.country_names import country_name, country_slug
from generator.markdown import article_date
from generator.model import Article
from generator.pagecache import Generated, PageCache, renderer_fingerprint
from generator.siteconfig import SiteConfig
from generator.vocabulary import topic_label

FEEDS_DIR = "feeds"
ALL_FEED = f"{FEEDS_DIR}/all.atom.xml"
FEED_LIMIT = 50
# A sitemap beside the feeds of each folder: see `feed_sitemaps`.
SITEMAP = "sitemap.xml"
# Midnight UTC of the publication day: the day is all the annotation knows.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# What XML 1.0 may not hold. `check` refuses every one of them in a text or an annotation; they are
# dropped here as well, so that one a check missed costs a character, not the whole build (lxml
# raises on it).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


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


def _dated(articles: tuple[Article, ...]) -> list[Article]:
    # The first FEED_LIMIT only: filtering every list whole (10,000 articles in the main feed, 120,000
    # over the 36 feeds) before cutting it took 35 ms of a warm build at 10,000 articles.
    return list(islice((a for a in articles if a.published is not None), FEED_LIMIT))


def feed_fingerprint(
    articles: tuple[Article, ...], feed_path: str, title: str, page_path: str, config: SiteConfig
) -> str:
    """Everything `render_feed` reads, hashed: a feed whose newest entries are unchanged is reused
    (feedgen builds an lxml tree per feed, a tenth of a warm build at 1,000 articles)."""
    entries = tuple(
        (a.page_path, a.display_title, a.published, a.date_estimated, a.summary, a.countries, a.topics)
        for a in _dated(articles)
    )
    inputs = (FEEDGEN_VERSION, feed_path, title, page_path, config.site_url, config.site_name, entries)
    return hashlib.sha256((renderer_fingerprint() + repr(inputs)).encode("utf-8", "surrogatepass")).hexdigest()


def render_feed(articles: tuple[Article, ...], feed_path: str, title: str, page_path: str, config: SiteConfig) -> bytes:
    """One Atom feed of the newest dated `articles` (already newest first), byte-identical across runs."""
    from feedgen.feed import FeedGenerator  # 20 ms of imports, skipped when every feed is reused

    dated = _dated(articles)
    feed = FeedGenerator()
    feed.id(config.site_url + feed_path)
    feed.title(_xml_text(title))
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
        entry.title(_xml_text(article.display_title))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_moment(article.published))
        entry.updated(_moment(article.published))
        entry.summary(_xml_text(_entry_summary(article)))
        # Its countries and its topics, each kind in a scheme of its own: the site's page listing them.
        for code in article.countries:
            entry.category(term=country_slug(code), scheme=config.site_url + "countries/", label=country_name(code))
        for slug in article.topics:
            entry.category(term=slug, scheme=config.site_url + "topics/", label=_xml_text(topic_label(slug)))
    return feed.atom_str(pretty=True)


def _entry_summary(article: Article) -> str:
    """The entry's summary; it says when the entry's date is an estimate, which Atom's dates cannot."""
    summary = article.summary or "Not yet annotated."
    if article.date_estimated and article.published is not None:
        summary += f" (Date estimated: {article_date(article.published, True)}.)"
    return summary


def render_feeds(collection: Collection, config: SiteConfig, reuse: PageCache | None = None) -> dict[str, Generated]:
    """Every feed, keyed by its docs-relative path; `reuse` supplies those of the previous build
    whose inputs are unchanged."""
    reuse = reuse or PageCache(None)
    name = config.site_name
    feeds = [(ALL_FEED, collection.articles, name, TIMELINE_PAGE)]
    for code, articles in collection.by_country.items():
        feeds.append((country_feed(code), articles, f"{name}: {country_name(code)}", country_page(code)))
    for slug, articles in collection.by_topic.items():
        feeds.append((topic_feed(slug), articles, f"{name}: {topic_label(slug)}", topic_page(slug)))
    files = {
        path: reuse.page(
            path,
            feed_fingerprint(articles, path, title, page, config),
            lambda a=articles, p=path, t=title, pg=page: render_feed(a, p, t, pg, config),
        )
        for path, articles, title, page in feeds
    }
    files.update(feed_sitemaps(files, config.site_url))
    return files


def feed_sitemaps(feed_paths: Iterable[str], site_url: str) -> dict[str, bytes]:
    """A sitemap of each folder of feeds, listing its feeds.

    Material (9.8) takes every `<link rel="alternate">` of a page for a version of the site in
    another language and fetches `sitemap.xml` beside it; the feed links of our pages are
    `rel="alternate"` too, as feed readers expect, so without these files every page view asked for
    `feeds/sitemap.xml` (or `feeds/countries/…`) and logged a 404 in the reader's console. A sitemap
    of a folder may list only what is in it: the feeds are what is there. Material only uses it for a
    link under the feed's own URL, which no page has, so clicks on feed links are not touched.
    """
    by_folder: dict[str, list[str]] = {}
    for path in sorted(feed_paths):
        by_folder.setdefault(posixpath.dirname(path), []).append(path)
    sitemaps = {}
    for folder, paths in by_folder.items():
        urls = "".join(f"  <url><loc>{escape(site_url + path)}</loc></url>\n" for path in paths)
        sitemaps[f"{folder}/{SITEMAP}"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n"
        ).encode()
    return sitemaps
