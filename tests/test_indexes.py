"""Country and topic index pages: what they say about each list of articles."""

from __future__ import annotations

import datetime as dt

from generator.collection import build_collection
from generator.pages.indexes import render_countries_index, render_country, render_topic, render_topics_index
from tests.factories import article


def test_each_list_is_dated_by_its_newest_article_whatever_the_order_given():
    # Given out of order: the collection lists them newest first, undated last, and `_latest` reads
    # the first dated article of that order.
    collection = build_collection(
        [
            article("old", dt.date(2019, 3, 2)),
            article("undated", None),
            article("newest", dt.date(2024, 11, 24)),
            article("middle", dt.date(2021, 9, 17)),
        ]
    )
    # Left out of search, as each page's "latest": the overviews were results for the dates of their tables.
    assert "| 4 | <span data-search-exclude>24 November 2024</span> |" in render_countries_index(collection)
    assert "| 4 | <span data-search-exclude>24 November 2024</span> |" in render_topics_index(collection)
    assert "latest 24 November 2024</span>." in render_country(collection, "IR")
    assert "latest 24 November 2024</span>." in render_topic(collection, "diplomacy")


def test_a_list_without_a_dated_article_has_no_latest_date():
    collection = build_collection([article("undated", None)])
    assert "| 1 | <span data-search-exclude>—</span> |" in render_countries_index(collection)
    assert "latest —</span>." in render_country(collection, "IR")


def test_a_country_page_counts_its_articles_in_english():
    one = build_collection([article("only", countries=("AZ",))])
    assert (
        "1 article mentions Azerbaijan<span data-search-exclude>; latest 24 November 2024</span>. Follow the coverage"
        in render_country(one, "AZ")
    )
    two = build_collection([article("a", countries=("AZ",)), article("b", countries=("AZ",))])
    assert "2 articles mention Azerbaijan<span data-search-exclude>; latest" in render_country(two, "AZ")


def test_the_topics_index_lists_the_most_covered_topic_first():
    """It followed the vocabulary file's order, which means nothing to a reader (4, 3, 1, 2, 3...)."""
    articles = [
        article("a", topics=("diplomacy",)),
        article("b", topics=("diplomacy", "border-security")),
        article("c", topics=("counter-terrorism", "diplomacy", "border-security")),
    ]
    rows = [line for line in render_topics_index(build_collection(articles)).splitlines() if line.startswith("| [")]
    labels = [row.split("]")[0].removeprefix("| [") for row in rows]
    assert labels == ["Diplomacy", "Border security", "Counter-terrorism"]


def test_appears_with_breaks_ties_by_name_not_by_code():
    """Pakistan's page listed "Israel (1), Iran (1)": IL sorts before IR, Iran before Israel."""
    collection = build_collection([article("a", countries=("PK", "IL", "IR"))])
    page = render_country(collection, "PK")
    appears_with = page.split("## Appears with")[1]
    assert appears_with.index("Iran") < appears_with.index("Israel")
