"""Atom feeds: dated by publication, deterministic, one per country and topic, escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.collection import build_collection
from generator.feeds import (
    ALL_FEED,
    FEED_LIMIT,
    country_feed,
    feed_fingerprint,
    feed_sitemaps,
    page_url,
    render_feeds,
    topic_feed,
)
from generator.siteconfig import SiteConfig, read_site_config
from tests.factories import HOSTILE, HOSTILE_ARTICLE, article

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = SiteConfig(site_name="Digest", site_url="https://digest.example/")


def _feeds(*articles):
    return render_feeds(build_collection(list(articles)), CONFIG)


def _parse(data: bytes):
    return ET.fromstring(data)


def test_the_whole_digest_and_each_country_and_topic_get_a_feed():
    files = _feeds(article("a", countries=("IR", "US"), topics=("diplomacy", "counter-terrorism")))
    assert set(files) == {
        ALL_FEED,
        country_feed("IR"),
        country_feed("US"),
        topic_feed("diplomacy"),
        topic_feed("counter-terrorism"),
        "feeds/sitemap.xml",
        "feeds/countries/sitemap.xml",
        "feeds/topics/sitemap.xml",
    }
    assert country_feed("US") == "feeds/countries/united-states.atom.xml"


SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_each_folder_of_feeds_has_a_sitemap_of_its_feeds():
    # Material fetches sitemap.xml beside every <link rel="alternate"> (the feed links): it is there.
    files = _feeds(article("a", countries=("IR", "US"), topics=("diplomacy",)))
    sitemaps = {path: _parse(files[path]) for path in files if path.endswith("/sitemap.xml")}
    locations = {path: [loc.text for loc in tree.iter(f"{SITEMAP_NS}loc")] for path, tree in sitemaps.items()}
    assert locations == {
        "feeds/sitemap.xml": ["https://digest.example/feeds/all.atom.xml"],
        "feeds/countries/sitemap.xml": [
            "https://digest.example/feeds/countries/iran.atom.xml",
            "https://digest.example/feeds/countries/united-states.atom.xml",
        ],
        "feeds/topics/sitemap.xml": ["https://digest.example/feeds/topics/diplomacy.atom.xml"],
    }


def test_a_feed_sitemap_escapes_the_site_url():
    sitemap = feed_sitemaps(["feeds/all.atom.xml"], "https://x.example/a&b<c/")["feeds/sitemap.xml"]
    assert [loc.text for loc in _parse(sitemap).iter(f"{SITEMAP_NS}loc")] == [
        "https://x.example/a&b<c/feeds/all.atom.xml"
    ]


def test_entries_are_dated_by_publication_and_the_feed_by_its_newest_entry():
    feed = _parse(_feeds(article("old", dt.date(2017, 7, 5)), article("new", dt.date(2024, 11, 24)))[ALL_FEED])
    assert feed.findtext(f"{ATOM}updated") == "2024-11-24T00:00:00+00:00"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}published") for e in entries] == [
        "2024-11-24T00:00:00+00:00",
        "2017-07-05T00:00:00+00:00",
    ]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2024-11-24T00:00:00+00:00",
        "2017-07-05T00:00:00+00:00",
    ]


def test_an_estimated_date_is_said_so_in_the_entry_summary():
    """Atom's dates have no way to say a date is an estimate: the summary says it, as the page does."""
    estimated = article("estimated", dt.date(2025, 1, 21), date_estimated=True, summary="Talks in Baku.")
    feed = _parse(_feeds(estimated, article("given", summary="Talks in Tehran."))[ALL_FEED])
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")]
    assert summaries == ["Talks in Baku. (Date estimated: about 21 January 2025.)", "Talks in Tehran."]
    # A feed is reused while its inputs are unchanged: the estimate is one of them.
    given = article("estimated", dt.date(2025, 1, 21), summary="Talks in Baku.")
    fingerprints = {feed_fingerprint((each,), ALL_FEED, "Digest", "timeline.md", CONFIG) for each in (estimated, given)}
    assert len(fingerprints) == 2


def test_an_entry_is_categorised_by_its_countries_and_its_topics():
    """Entries carried their countries only: a reader's feed client could not file them by topic."""
    entry = _parse(_feeds(article("a", countries=("IR", "AZ"), topics=("diplomacy",)))[ALL_FEED]).find(f"{ATOM}entry")
    categories = [(c.get("scheme"), c.get("term"), c.get("label")) for c in entry.findall(f"{ATOM}category")]
    assert categories == [
        ("https://digest.example/countries/", "iran", "Iran"),
        ("https://digest.example/countries/", "azerbaijan", "Azerbaijan"),
        ("https://digest.example/topics/", "diplomacy", "Diplomacy"),
    ]
    # A feed is reused while its inputs are unchanged: the topics are among them.
    fingerprints = {
        feed_fingerprint((article("a", topics=topics),), ALL_FEED, "Digest", "timeline.md", CONFIG)
        for topics in (("diplomacy",), ("border-security",))
    }
    assert len(fingerprints) == 2


def test_undated_articles_are_left_out():
    feed = _parse(_feeds(article("dated"), article("undated", None))[ALL_FEED])
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids == ["https://digest.example/articles/2024/dated/"]


def test_entry_links_are_the_article_pages_on_the_site():
    feed = _parse(_feeds(article("a"))[country_feed("IR")])
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://digest.example/articles/2024/a/"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://digest.example/countries/iran/",
        "self": "https://digest.example/feeds/countries/iran.atom.xml",
    }


def test_output_is_byte_identical_across_runs():
    articles = [article("a"), article("b", dt.date(2021, 9, 17)), article("c", None)]
    assert _feeds(*articles) == _feeds(*articles)


def test_untrusted_text_is_escaped_into_xml():
    data = _feeds(HOSTILE_ARTICLE)[ALL_FEED]
    assert b"<script>" not in data
    entry = _parse(data).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == " ".join(HOSTILE.split())
    assert entry.findtext(f"{ATOM}summary") == HOSTILE


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    # `check` refuses them; should one get past it, the feed loses the character, not the build.
    unwritable = article("x", title="Iran\ufffe dan\x0b Rusia", summary="Ministers\uffff met.")
    entry = _parse(_feeds(unwritable)[ALL_FEED]).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == "Ministers met."
    assert "\ufffe" not in entry.findtext(f"{ATOM}title")


def test_page_url_uses_directory_urls():
    assert page_url("https://x.example/", "index.md") == "https://x.example/"
    assert page_url("https://x.example/", "countries/index.md") == "https://x.example/countries/"
    assert page_url("https://x.example/", "timeline.md") == "https://x.example/timeline/"


def test_site_url_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: D\nsite_url: https://d.example/sub\nextra:\n  x: !ENV [HOME]\n", encoding="utf-8")
    assert read_site_config(config) == SiteConfig(site_name="D", site_url="https://d.example/sub/")
    assert read_site_config(tmp_path / "missing.yml") == SiteConfig()


def test_a_feed_holds_the_newest_dated_articles_up_to_the_limit():
    # 60 dated articles and undated ones: the feed takes the first FEED_LIMIT dated, newest first.
    dated = [article(f"a{day:02}", dt.date(2024, 1, 1) + dt.timedelta(days=day)) for day in range(60)]
    feed = _parse(_feeds(*dated, article("undated-1", None), article("undated-2", None))[ALL_FEED])
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == FEED_LIMIT
    assert ids == [f"https://digest.example/articles/2024/a{day:02}/" for day in range(59, 59 - FEED_LIMIT, -1)]
