"""Entities explained where they appear: glossary tooltips and country links in the article text."""

from __future__ import annotations

import markdown
import pytest

from generator.glossary import abbreviation_definitions, acronyms_in, glossary
from generator.pages.article import article_tags, render_article
from tests.factories import HOSTILE, HOSTILE_ARTICLE, article


def _html(page_markdown: str) -> str:
    body = page_markdown.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["abbr", "footnotes", "md_in_html", "attr_list", "admonition"])


@pytest.mark.parametrize("acronym", ["CSTO", "IRGC", "JCPOA", "PBB", "AS", "TNI", "E3", "FSB", "NATO", "OKI", "DK PBB"])
def test_the_glossary_explains_the_acronyms_of_the_seeds(acronym):
    assert glossary()[acronym]


def test_only_acronyms_that_occur_as_whole_words_are_defined():
    assert acronyms_in("Dewan Keamanan PBB dan AS", "Astana", "ASEAN-nya", "as") == ["AS", "ASEAN", "PBB"]
    assert acronyms_in("DK PBB bersidang") == ["DK PBB"]  # the longest match, as `abbr` does
    assert abbreviation_definitions("tanpa singkatan") == ""


def test_an_article_page_defines_its_acronyms_and_they_render_as_abbr():
    page = render_article(article("a", body="Pasukan IRGC dan CSTO."), ())
    assert "*[IRGC]: Islamic Revolutionary Guard Corps (Iran)" in page
    assert "*[NATO]" not in page
    html = _html(page)
    assert '<abbr title="Collective Security Treaty Organization">CSTO</abbr>' in html


def test_a_definition_smuggled_into_the_text_stays_literal():
    html = _html(render_article(HOSTILE_ARTICLE, ()))
    assert "<script>" not in html
    assert 'title="evil' not in html
    assert 'href="javascript' not in html


def test_the_first_mention_of_each_country_links_to_its_page():
    page = render_article(article("a", body="Iran dan Rusia. Iran lagi.", countries=("IR", "RU")), ())
    assert "[Iran](../../countries/iran.md) dan [Rusia](../../countries/russia.md). Iran lagi." in page


def test_country_links_keep_notes_and_escaping():
    page = render_article(HOSTILE_ARTICLE, ())
    assert "[Iran](../../countries/iran.md) &lt;script&gt;" in page
    assert "<mark>[Rusia](" not in page  # the note's phrase is marked, not linked
    assert "<mark>Rusia dan</mark>[^1]" in page


def test_tags_are_html_escaped_country_and_topic_names():
    assert article_tags(article("a", countries=("IR", "US"), topics=("diplomacy",))) == [
        "Iran",
        "United States",
        "Diplomacy",
    ]
    assert article_tags(article("b", topics=(HOSTILE,)))[1].startswith("&lt;script&gt;")
