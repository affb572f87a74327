"""Estimated publication dates (`date_estimated: true`): readers see "about <date>" wherever an
article's date is shown, and the article's box says why; sorting by date is unchanged."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.collection import TIMELINE_PAGE, ListDate, build_collection, first_date
from generator.pages.article import render_article
from generator.pages.home import render_home
from generator.pages.indexes import render_countries_index, render_country
from generator.pages.listing import article_list
from generator.pages.timeline import render_timeline
from generator.related import explain
from tests.factories import article

ESTIMATED = article("estimated", date_estimated=True, date_note="The day after the meeting the text reports.")
GIVEN = article("given")


def test_a_list_shows_an_estimated_date_as_about_that_date():
    listed = article_list((ESTIMATED, GIVEN), TIMELINE_PAGE)
    assert "<li><strong>about 24 November 2024</strong> — " in listed
    assert "<li><strong>24 November 2024</strong> — " in listed


def test_two_entries_alike_but_for_the_estimate_are_each_shown_as_they_are():
    """An entry's parts are formatted once and reused (`listing._item_parts`): the estimate must be
    part of what they are reused for."""
    alike = {"title": "Judul yang sama", "summary": "The same summary."}
    listed = article_list((article("b", **alike), article("a", date_estimated=True, **alike)), TIMELINE_PAGE)
    assert listed.count("<strong>24 November 2024</strong>") == 1
    assert listed.count("<strong>about 24 November 2024</strong>") == 1


def test_the_timeline_orders_estimated_dates_as_any_other():
    older = article("older", dt.date(2024, 11, 23), date_estimated=True)
    newer = article("newer", dt.date(2024, 11, 25))
    timeline = render_timeline(build_collection([older, GIVEN, newer]))
    dates = ("25 November 2024", "24 November 2024", "about 23 November 2024")
    shown = [timeline.index(f"<strong>{date}</strong>") for date in dates]
    assert shown == sorted(shown)


def test_the_article_box_says_the_date_is_an_estimate_and_keeps_how_it_was_established():
    page = render_article(ESTIMATED, ())
    assert (
        "<li><strong>Published:</strong> about 24 November 2024 "
        "(estimated: neither the text nor the outlet gives it)</li>\n"
        "<li><strong>How the date was established:</strong> The day after the meeting the text reports.</li>"
    ) in page
    assert "<li><strong>Published:</strong> 24 November 2024</li>" in render_article(GIVEN, ())


def test_related_coverage_shows_an_estimated_date_as_about_that_date():
    page = render_article(GIVEN, (explain(GIVEN, ESTIMATED),))
    assert "(about 24 November 2024) — <em>shares" in page


def test_the_page_front_matter_records_whether_the_date_is_estimated():
    for shown, estimated in ((ESTIMATED, True), (GIVEN, False)):
        front = yaml.safe_load(render_article(shown, ()).split("---\n")[1])
        assert front["article"]["date_estimated"] is estimated
        assert front["article"]["published"] == "2024-11-24"


def test_a_list_ends_on_about_a_date_only_when_every_article_of_that_day_is_estimated():
    """The home page's span and a country's or topic's "latest" date stand for a list, not for one
    article: "about" only when no article of that day has its date given."""
    oldest = article("oldest", dt.date(2020, 3, 1), date_estimated=True)
    newest = article("newest", dt.date(2025, 1, 21), date_estimated=True)
    home = render_home(build_collection([oldest, GIVEN, newest]), None)
    assert "from about 1 March 2020 to about 21 January 2025" in home
    newest_given = article("newest-given", dt.date(2025, 1, 21))
    home = render_home(build_collection([oldest, GIVEN, newest, newest_given]), None)
    assert "from about 1 March 2020 to 21 January 2025" in home

    countries = render_countries_index(build_collection([GIVEN, newest]))
    assert "<span data-search-exclude>about 21 January 2025</span> |" in countries
    country = render_country(build_collection([GIVEN, newest, newest_given]), "IR")
    assert "latest 21 January 2025</span>." in country
    assert first_date((newest, newest_given)) == ListDate(dt.date(2025, 1, 21), False)
    assert first_date((newest, GIVEN)) == ListDate(dt.date(2025, 1, 21), True)
    assert first_date((article("undated", None), ESTIMATED)) == ListDate(dt.date(2024, 11, 24), True)
    assert first_date(()) is None
