"""The reader features in the built seeds site (HTML, no browser): head links, tags, charts, 404."""

from __future__ import annotations

import json
import re

import pytest

from tests.htmlscan import scan

pytestmark = pytest.mark.slow

ARTICLE = "articles/2024/iran-adakan-latihan-militer-gabungan-bersama-azerbaijan/index.html"


def _meta(tags, prop):
    return next((attrs.get("content") for tag, attrs in tags if tag == "meta" and attrs.get("property") == prop), None)


def test_article_pages_have_open_graph_and_a_feed_link(seeds_site):
    tags = scan(seeds_site / ARTICLE).tags
    assert _meta(tags, "og:title") == "Iran holds joint military exercise with Azerbaijan"
    assert _meta(tags, "og:type") == "article"
    assert _meta(tags, "og:url").endswith("/articles/2024/iran-adakan-latihan-militer-gabungan-bersama-azerbaijan/")
    assert _meta(tags, "og:description").startswith("On Sunday 24 November 2024")
    assert _meta(tags, "article:published_time") == "2024-11-24"
    feeds = [a["href"] for t, a in tags if t == "link" and a.get("type") == "application/atom+xml"]
    assert feeds == ["../../../feeds/all.atom.xml"]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("index.html", "feeds/all.atom.xml"),
        ("timeline/index.html", "../feeds/all.atom.xml"),
        ("countries/iran/index.html", "../../feeds/countries/iran.atom.xml"),
        ("topics/diplomacy/index.html", "../../feeds/topics/diplomacy.atom.xml"),
    ],
)
def test_index_pages_link_their_feed_in_head_and_body(seeds_site, page, feed):
    scanner = scan(seeds_site / page)
    head = [a["href"] for t, a in scanner.tags if t == "link" and a.get("type") == "application/atom+xml"]
    assert head == [feed]
    assert feed in scanner.links
    assert (seeds_site / page).parent.joinpath(feed).resolve().is_file()


def test_home_links_the_open_data_page_which_links_the_files(seeds_site):
    assert "data/" in scan(seeds_site / "index.html").links
    links = scan(seeds_site / "data" / "index.html").links
    for name in ("articles.json", "articles.csv", "articles.schema.json"):
        assert name in links
        assert (seeds_site / "data" / name).is_file()


def test_article_tags_are_in_the_page_and_the_search_index(seeds_site):
    html = (seeds_site / ARTICLE).read_text(encoding="utf-8")
    assert sorted(re.findall(r'class="md-tag">([^<]*)<', html)) == [
        "Azerbaijan", "Border security", "Defence cooperation", "Iran", "Military exercises"
    ]  # fmt: skip
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    doc = next(d for d in index["docs"] if d["location"] == ARTICLE.removesuffix("index.html"))
    assert "Azerbaijan" in doc["tags"]
    assert doc["boost"] > 1


def test_no_page_asks_another_host_for_assets(seeds_site):
    for page in sorted(seeds_site.rglob("*.html")):
        for tag, attrs in scan(page).tags:
            if tag in ("script", "img", "iframe") or (tag == "link" and attrs.get("rel") == "stylesheet"):
                source = attrs.get("src") or attrs.get("href") or ""
                assert not source.startswith(("http:", "https:", "//")), (page, source)
        assert 'data-md-component="source"' not in page.read_text(encoding="utf-8"), page


def test_the_404_page_is_built(seeds_site):
    page = (seeds_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in page and 'href="/news-digest/timeline/"' in page


def test_the_sitemap_lists_article_pages_at_the_site_url(seeds_site):
    sitemap = (seeds_site / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        "<loc>https://example.github.io/news-digest/articles/2024/iran-adakan-latihan-militer-gabungan-bersama-azerbaijan/</loc>"
        in sitemap
    )


def test_search_finds_an_article_on_its_own_page_not_on_every_list_that_shows_its_summary(seeds_site):
    """Every summary is repeated on the home page, the timeline and its countries' and topics' pages:
    "Putin" gave 15 results for his 2 articles. The lists are left out of search, the pages' titles
    are not; and the engineering log is not in the readers' search at all."""
    docs = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs if "Putin" in d["text"] or "Putin" in d["title"]}
    assert {page for page in pages if not page.startswith("articles/")} <= {"about/"}
    assert len({page for page in pages if page.startswith("articles/")}) == 2
    assert any(d["location"] == "countries/kazakhstan/" and d["title"] == "🇰🇿 Kazakhstan" for d in docs)
    assert not any(d["location"].startswith("performance/") for d in docs)


# The project's own pages, which readers find by what they are about, not by the names in their examples.
PROJECT_PAGES = ("", "about/", "contributing/", "data/")


@pytest.mark.parametrize(
    "words",
    [
        "Putin",  # the home page's "+tags:russia +putin", About's "Presiden Rusia Vladimir Putin"
        "Central Asia",  # the places the home page and About say the digest covers
        "Azerbaijan",
        "Anadolu",  # Open data's "(for example Anadolu)"
        "Tehran",
        "gencatan senjata",  # About's example of an Indonesian word
        "Kelukokokoko",  # the benchmark's village, in the performance log
    ],
)
def test_the_projects_pages_are_not_indexed_with_the_names_of_their_examples(seeds_site, words):
    """They were results for them, "Central Asia" first and second above the article: a reader searching
    a name or a place wants the articles (the examples are `data-search-exclude`)."""
    docs = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    holding = {d["location"].split("#")[0] for d in docs if words.lower() in (d["title"] + d["text"]).lower()}
    assert not holding & set(PROJECT_PAGES)


def test_the_projects_pages_rank_below_the_articles_and_are_found_by_what_they_are_about(seeds_site):
    """Their `search: boost` is below every other page's, and their subjects are still indexed."""
    docs = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    boosts = {d["location"].split("#")[0]: d.get("boost", 1) for d in docs}
    project = {page: boost for page, boost in boosts.items() if page in PROJECT_PAGES}
    assert sorted(project) == sorted(PROJECT_PAGES)
    assert max(project.values()) < min(boost for page, boost in boosts.items() if page not in PROJECT_PAGES)
    text = {
        page: " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].split("#")[0] == page)
        for page in PROJECT_PAGES
    }
    assert "Performance" in text["about/"]  # the link to the performance log, itself left out of search
    assert "Contributing" in text["contributing/"] and "annotation" in text["contributing/"]
    assert "Open data" in text["data/"] and "Search finds any word" in text[""]


def test_the_places_and_sources_of_an_articles_box_are_searchable(seeds_site):
    """The box is not indexed (it was the excerpt of every first result): "Tehran" found one of the
    three articles whose box shows it, "Daily Sabah" none."""
    docs = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def found(word: str) -> set[str]:
        return {
            d["location"].split("#")[0] for d in docs if word in d["text"] and d["location"].startswith("articles/")
        }

    assert len(found("Tehran")) == 3
    # The city as the box shows it, then as the text writes it: one place, not two in a row.
    assert found("Tehran (Teheran)") == found("Tehran")
    assert not found("Tehran · Teheran")
    assert found("Daily Sabah") == {
        "articles/2021/csto-dan-rusia-akan-kerahkan-pasukan-di-sepanjang-perbatasan-tajikistan-dan/"
    }
    assert "Dateline:" not in " ".join(d["text"] for d in docs if d["location"].startswith("articles/"))


def _active_tabs(page) -> list[str]:
    """The labels of the tabs a page highlights (Material's `md-tabs__item--active`)."""
    html = page.read_text(encoding="utf-8")
    tabs = re.findall(r'<li class="md-tabs__item( md-tabs__item--active)?">\s*<a [^>]*>\s*([^<]+?)\s*</a>', html)
    return [label for active, label in tabs if active]


@pytest.mark.parametrize(
    ("page", "tab"),
    [
        ("index.html", "Home"),
        ("timeline/index.html", "Timeline"),
        (ARTICLE, "Timeline"),  # an article is one entry of the timeline, as a blog post of its blog
        ("countries/index.html", "Countries"),
        ("countries/iran/index.html", "Countries"),
        ("topics/index.html", "Topics"),
        ("topics/diplomacy/index.html", "Topics"),
        ("data/index.html", "Open data"),
        ("about/index.html", "About"),
        ("contributing/index.html", "About"),
        ("performance/index.html", "About"),  # linked from About
    ],
)
def test_every_page_highlights_the_tab_it_belongs_under(seeds_site, page, tab):
    assert _active_tabs(seeds_site / page) == [tab]


def test_a_page_outside_the_nav_leaves_no_tab_highlighted_on_the_pages_after_it(seeds_site):
    # Every page shares the nav: a tab marked for one page and left marked would show on the next.
    for page in sorted(seeds_site.rglob("index.html")):
        assert len(_active_tabs(page)) <= 1, page
    assert _active_tabs(seeds_site / "404.html") == []
