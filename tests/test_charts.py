"""SVG charts: well-formed, accessible, themable, small, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts import figure, month_counts, monthly_chart, monthly_figure, ranked_chart
from generator.collection import build_collection
from generator.pages.indexes import render_countries_index, render_country
from generator.pages.timeline import render_timeline
from tests.factories import article

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> list[str]:
    path = ET.fromstring(svg).find(f"{SVG}path[@class='digest-bar']")
    return re.findall(r"M[^z]*z", path.get("d"))


def test_monthly_chart_has_one_bar_per_non_empty_month_and_spans_the_gaps():
    counts = {(2024, 1): 2, (2024, 4): 1}
    svg = monthly_chart(counts, "c", "about Iran")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-t c-d"
    assert root.findtext(f"{SVG}title") == "Articles per month about Iran"
    assert root.findtext(f"{SVG}desc") == (
        "3 dated article(s) about Iran from January 2024 to April 2024; at most 2 in a month (January 2024)."
    )
    assert len(_bars(svg)) == 2
    # Twelve months on the axis (a year at least), the April bar three months after the January one.
    first, second = (float(re.match(r"M([\d.]+)", bar).group(1)) for bar in _bars(svg))
    assert second - first == pytest.approx(3 * (640 - 4 - 30) / 12, abs=0.2)


def test_a_peak_shared_by_several_months_is_not_put_on_one_of_them():
    """The description said "at most 1 in a month (January 2025)" when every month had one article."""
    svg = monthly_chart({(2017, 7): 1, (2024, 12): 1, (2025, 1): 1}, "c", "about Iran")
    assert ET.fromstring(svg).findtext(f"{SVG}desc") == (
        "3 dated article(s) about Iran from July 2017 to January 2025; at most 1 in a month (in 3 months)."
    )


def test_charts_take_the_page_colours():
    svg = monthly_chart({(2024, 1): 1}, "c", "x")
    root = ET.fromstring(svg)
    assert root.get("fill") == "currentColor"
    assert "style" not in svg and "#" not in re.sub(r'id="[^"]*"|aria-labelledby="[^"]*"', "", svg)


def test_a_country_chart_over_ten_years_stays_a_few_kilobytes():
    counts = {(year, month): (year * month) % 7 + 1 for year in range(2015, 2025) for month in range(1, 13)}
    assert len(monthly_chart(counts, "country-chart", "about the United States").encode()) < 5000


def test_ranked_chart_escapes_labels_and_keeps_order():
    svg = ranked_chart([("A <b>&", 3), ("Iran", 1)], "r", "per country")
    root = ET.fromstring(svg)
    labels = [t.text for t in root.findall(f"{SVG}text") if not t.text.isdigit()]
    assert labels == ["A <b>&", "Iran"]
    assert "<b>" not in svg


def test_figure_has_caption_and_data_table_and_no_blank_line():
    block = figure("<svg></svg>", "Caption <i>", [("March 2024", "2")], ("Month", "Articles"))
    assert "\n\n" not in block
    assert "<figcaption>Caption &lt;i&gt;</figcaption>" in block
    assert "<td>March 2024</td><td>2</td>" in block
    assert figure("", "x", [], ("a", "b")) == ""


def test_undated_articles_are_not_counted():
    assert month_counts([article("a"), article("b", None)]) == {(2024, 11): 1}
    assert monthly_figure([article("b", None)], "c", "x") == ""


def test_timeline_countries_and_country_pages_carry_their_charts():
    collection = build_collection(
        [article("a", countries=("IR", "AZ")), article("b", dt.date(2017, 7, 5)), article("c", dt.date(2020, 1, 2))]
    )
    assert 'id="timeline-chart-t"' in render_timeline(collection)
    assert 'id="countries-chart-t"' in render_countries_index(collection)
    assert 'id="country-chart-t"' in render_country(collection, "IR")
    # Articles of one month: one bar across the chart said no more than the sentence above it.
    assert "<figure" not in render_country(collection, "AZ")


def test_a_short_span_is_drawn_over_a_year_and_described_by_its_articles():
    """Two articles a month apart drew two bars, each half the chart wide."""
    svg = monthly_chart({(2024, 12): 1, (2025, 1): 1}, "c", "about Iran")
    assert len(_bars(svg)) == 2
    widths = [float(re.search(r"h([\d.]+)v", bar).group(1)) for bar in _bars(svg)]
    assert max(widths) < (640 - 34) / 12  # a twelfth of the plot at most
    assert ET.fromstring(svg).findtext(f"{SVG}desc").startswith("2 dated article(s) about Iran from December 2024 to")


def test_charts_are_deterministic():
    counts = {(2024, 1): 2, (2017, 7): 1}
    assert monthly_chart(counts, "c", "x") == monthly_chart(dict(reversed(counts.items())), "c", "x")


@pytest.mark.parametrize("first_month", range(1, 13))
def test_year_labels_never_print_over_each_other(first_month):
    """From a December on, the first month's year and the next January's were 5 px apart."""
    for span in (2, 3, 6, 13, 25, 40, 61, 121):
        months = [((2016 * 12 + first_month - 1 + i) // 12, (first_month - 1 + i) % 12 + 1) for i in range(span)]
        svg = monthly_chart(dict.fromkeys(months, 1), "c", "x")
        years = [(float(t.get("x")), t.text) for t in ET.fromstring(svg).iter(f"{SVG}text") if len(t.text) == 4]
        assert years, (first_month, span)
        for (x1, _), (x2, _) in itertools.pairwise(years):  # four digits at 13 px: about 29 px wide
            assert x2 - x1 >= 32, (first_month, span, years)
