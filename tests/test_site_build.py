"""End to end: the five seeds through the generator and a real `mkdocs build --strict`."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest

from generator.pipeline import collect
from tests.conftest import SEEDS
from tests.htmlscan import broken_internal_links, html_to_text, page_text, scan

pytestmark = pytest.mark.slow

FURNITURE = ("Leave a Reply", "Baca juga:", "Baca Juga:", "Your email address will not be published", "SHARE THIS")


@pytest.fixture(scope="module")
def articles():
    found, diagnostics = collect(SEEDS)
    assert not [d for d in diagnostics if d.level == "error"], diagnostics
    return found


def html_page(site, markdown_path: str):
    return site / markdown_path.removesuffix(".md") / "index.html"


def test_every_article_has_a_page_with_its_full_text(seeds_site, articles):
    assert len(articles) == 5
    for article in articles:
        page = html_page(seeds_site, article.page_path)
        assert page.exists(), article.page_path
        text = page_text(page, without_footnote_marks=True)
        for paragraph in article.body.split("\n\n"):
            assert " ".join(paragraph.split()) in text, (article.stem, paragraph[:60])


def test_no_page_furniture_reaches_an_article_page(seeds_site, articles):
    for article in articles:
        text = page_text(html_page(seeds_site, article.page_path))
        for line in FURNITURE:
            assert line not in text, (article.stem, line)


def test_article_text_is_marked_indonesian(seeds_site, articles):
    for article in articles:
        tags = scan(html_page(seeds_site, article.page_path)).tags
        assert any(tag == "div" and attrs.get("lang") == "id" for tag, attrs in tags), article.stem


def test_every_internal_link_resolves(seeds_site):
    assert broken_internal_links(seeds_site) == []


@pytest.mark.parametrize(
    "slug", ["iran", "russia", "pakistan", "azerbaijan", "tajikistan", "afghanistan", "syria", "united-states"]
)
def test_country_pages_exist(seeds_site, slug):
    assert (seeds_site / "countries" / slug / "index.html").exists()


def test_timeline_lists_all_five_dated_in_date_order_with_2017_oldest(seeds_site):
    html = (seeds_site / "timeline" / "index.html").read_text(encoding="utf-8")
    # Each entry starts with its date in bold, "about" an estimated one; summaries may mention other dates.
    dates = [
        dt.datetime.strptime(found, "%d %B %Y").date()
        for found in re.findall(r"<strong>(?:about )?(\d{1,2} \w+ \d{4})</strong>", html)
    ]
    assert len(dates) == 5
    assert dates == sorted(dates, reverse=True)
    assert dates[-1].year == 2017
    assert "Undated" not in page_text(seeds_site / "timeline" / "index.html")


def test_the_timeline_shows_an_estimated_date_as_about_that_date(seeds_site, articles):
    """Seed 000's annotation estimates its date (`date_estimated: true`): the outlet's is not known."""
    html = (seeds_site / "timeline" / "index.html").read_text(encoding="utf-8")
    shown = {
        href.removeprefix("../").removesuffix("/"): date
        for date, href in re.findall(r'<li><strong>([^<]+)</strong> — <a href="([^"]+)"', html)
    }
    by_stem = {article.stem: shown[article.page_path.removesuffix(".md")] for article in articles}
    assert by_stem["000_a7dad37034bf503d"] == "about 21 January 2025"
    assert by_stem["004_55138af7640aabe5"] == "24 November 2024"


def test_search_index_holds_article_texts(seeds_site, articles):
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(html_to_text(doc["text"]) for doc in index["docs"])
    for article in articles:
        for paragraph in article.body.split("\n\n"):
            assert " ".join(paragraph.split())[:80] in texts, (article.stem, paragraph[:60])


def test_search_indexes_an_article_without_its_metadata_box_related_coverage_and_source(seeds_site, articles):
    """The box was the excerpt of an article's first result, the related coverage made other articles
    match the words of its titles; the names and text stay searchable."""
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article_docs = [doc for doc in index["docs"] if doc["location"].startswith("articles/")]
    assert len({doc["location"].split("#")[0] for doc in article_docs}) == len(articles)
    for doc in article_docs:
        for left_out in ("How the date was established", "Countries:", "Related coverage", "The raw text"):
            assert left_out not in doc["title"] + doc["text"], (doc["location"], left_out)
        # The box's date, places and sources, and its date note, are a section of their own after the
        # text, linked to the box: never the excerpt of the page's first result.
        if "About this report" in doc["title"] + doc["text"]:
            assert doc["location"].endswith("/#about-this-report--panel") and doc["title"] == "About this report"
    # The notes stay, and the page as written still has all of it.
    texts = " ".join(doc["text"] for doc in article_docs)
    assert "army of injustice" in texts
    page = (seeds_site / articles[0].page_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert all(part in page for part in ("About this report", "Related coverage", "The raw text"))


def test_search_finds_an_article_by_the_date_its_box_shows_but_not_by_its_date_note(seeds_site):
    """ "21 January 2025" ranked the article of that day 13th of 14, below index pages whose only match was
    a "latest 21 January 2025" or a chart. A date note reasons about what dated the report: "Hamas", in
    the Pakistan article's only (a teaser the cleaning removed), found that article, and "Baqeri" showed
    the reasoning first, above the summary."""
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    dated = [doc["location"] for doc in index["docs"] if "21 January 2025" in html_to_text(doc["text"])]
    article_docs = [doc for doc in index["docs"] if doc["location"].startswith("articles/")]
    article = "articles/2025/iran-dan-pakistan-desak-perang-melawan-terorisme-untuk-tingkatkan-keamanan/"
    assert article + "#about-this-report--panel" in dated
    # Nor the overviews: the Countries and Topics tables' latest dates and the home page's span of dates
    # made them results for "24 November 2024", above an article of that day.
    assert [loc for loc in dated if not loc.startswith("articles/")] == [], dated
    for word in ("Kremlin", "Hamas"):  # each in an article's date note only (Russia's page names the Kremlin)
        assert not [doc["location"] for doc in article_docs if word in doc["text"]], word
    # Charts and the lists of co-occurring topics and countries are left out: index pages are found by title.
    listing = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(("countries/i", "topics/d")))
    assert "Articles per month" not in listing and "Appears with" not in listing and "(2)" not in listing


def test_the_overviews_hold_no_date_nor_year_for_search(seeds_site):
    """The home page and the Countries and Topics pages are found by what they are (their titles, their
    introductions), not for a day or a year: a date or year searched for is wanted in the articles."""
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    overviews = [doc for doc in index["docs"] if doc["location"].split("#")[0] in ("", "countries/", "topics/")]
    assert {doc["location"] for doc in overviews} >= {"", "countries/", "topics/"}
    for doc in overviews:
        assert not re.search(r"\b(19|20)\d\d\b", html_to_text(doc["title"] + " " + doc["text"])), doc
    assert any("Latest" in doc["text"] for doc in overviews)  # the column's heading stays


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Patrushev", "001_b537b8d3466c59e7"),
        ("AZIREX", "004_55138af7640aabe5"),
        ("Baqeri", "000_a7dad37034bf503d"),
        ("Pezeshkian", "002_e0f2ea50909ec50e"),
        ("Emomali Rahmon", "003_0fb4b4b65db6b76a"),
        # In the English title of one article, which the related coverage of the others repeats.
        ("CSTO", "003_0fb4b4b65db6b76a"),
    ],
)
def test_a_name_found_only_in_one_article_leads_to_it(seeds_site, articles, name, stem):
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"] if name in doc["text"] or name in doc["title"]}
    article_pages = {loc for loc in locations if loc.startswith("articles/")}
    expected = next(a for a in articles if a.stem == stem)
    assert article_pages == {expected.page_path.removesuffix(".md") + "/"}


def test_search_is_configured_for_indonesian_text(seeds_site):
    config = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["pipeline"] == ["trimmer"]
    assert re.split(config["separator"], "Iran-Pakistan") == ["Iran", "Pakistan"]
    assert re.split(config["separator"], "50.000 warga.") == ["50.000", "warga", ""]


def test_edit_links_open_the_annotation_not_the_generated_page(seeds_site, articles):
    for article in articles:
        links = [
            attrs.get("href", "")
            for tag, attrs in scan(html_page(seeds_site, article.page_path)).tags
            if tag == "a" and "edit" in (attrs.get("title") or "").lower()
        ]
        assert links and all(link.endswith(f"/edit/main/seeds/{article.stem}.yml") for link in links), links
    home_links = [a.get("href") for t, a in scan(seeds_site / "index.html").tags if "/edit/" in (a.get("href") or "")]
    assert home_links == []
    about = [
        a.get("href") for t, a in scan(seeds_site / "about" / "index.html").tags if "/edit/" in (a.get("href") or "")
    ]
    assert about and about[0].endswith("/edit/main/docs/about.md")


def test_the_mkdocs_command_builds_the_site_from_any_folder(tmp_path):
    """`mkdocs build` as people type it (the console script, not `python -m`): the hooks still find
    the generator package, with no traceback."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.sitebuild import _env, prepare_project

    config_path = prepare_project(SEEDS, tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--config-file", str(config_path)]
    result = subprocess.run(command, cwd=elsewhere, capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "project" / "site" / "index.html").is_file()


def test_the_search_text_of_the_index_pages_reads_as_it_shows(seeds_site):
    """A country's page was found as "1 article mentions Belarus; ." (the date left out of search left its
    punctuation behind), and the Topics table as "Counter-terrorismOperations" (a label and its
    description either side of a line break, as one word: "operations" did not find the page)."""
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: " ".join(html_to_text(doc["text"]).split()) for doc in index["docs"]}
    left_behind = re.compile(r"(\s|[;,])\.(\s|$)")  # a full stop after a space or a semicolon: "Belarus; ."
    assert [location for location, text in texts.items() if left_behind.search(text)] == []
    assert texts["countries/belarus/"].startswith("1 article mentions Belarus. Follow the coverage")
    assert "Counter-terrorism Operations, cooperation" in texts["topics/"]


def test_an_article_page_links_its_raw_text_in_the_repository(seeds_site, articles):
    """A reader could not check a page against its source: the raw text's name was plain text."""
    article = next(a for a in articles if a.stem.startswith("004_"))
    page = (seeds_site / article.page_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    repository = os.environ.get("REPO_URL", "https://github.com/example/news-digest")  # mkdocs.yml's default
    link = f'<a href="{repository}/blob/main/seeds/004_55138af7640aabe5.txt">'
    assert f"kept in the repository as {link}seeds/004_55138af7640aabe5.txt</a>." in page


def test_the_home_page_names_the_whole_digests_feed_as_the_article_pages_do(seeds_site, articles):
    """The home page announced the digest's feed as "Home (Atom feed)", the article pages as the site's."""
    name = 'title="Annotated News Digest (Atom feed)"'
    home = (seeds_site / "index.html").read_text(encoding="utf-8")
    page = (seeds_site / articles[0].page_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert name in home and name in page
    iran = (seeds_site / "countries" / "iran" / "index.html").read_text(encoding="utf-8")
    assert 'title="Iran (Atom feed)"' in iran


def test_a_country_page_says_what_else_the_texts_call_the_country_and_search_finds_it_so(seeds_site):
    """ "Palestine" found nothing: CLDR's English name is "Palestinian Territories"."""
    index = json.loads((seeds_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: html_to_text(doc["text"]) for doc in index["docs"]}
    page = texts["countries/palestinian-territories/"]
    assert "The texts also name Palestinian Territories as " in page
    assert all(name in page for name in ("Palestina", "Palestine", "Gaza", "Tepi Barat"))
