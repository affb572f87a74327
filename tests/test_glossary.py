"""Entities explained where they appear (glossary tooltips, country links), and the article page around them."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from generator.glossary import abbreviate, glossary
from generator.pages.article import article_tags, render_article
from tests.factories import HOSTILE, HOSTILE_ARTICLE, article

ROOT = Path(__file__).resolve().parent.parent


def _html(page_markdown: str) -> str:
    """The page through Python-Markdown with the site's own extensions."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    body = page_markdown.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=extensions)


@pytest.mark.parametrize("acronym", ["CSTO", "IRGC", "JCPOA", "PBB", "AS", "TNI", "E3", "FSB", "NATO", "OKI", "DK PBB"])
def test_the_glossary_explains_the_acronyms_of_the_seeds(acronym):
    assert glossary()[acronym]


def test_only_acronyms_that_occur_as_whole_words_are_abbreviated():
    html = abbreviate("Dewan Keamanan PBB dan AS, Astana, ASEAN-nya, as")
    assert html.count("<abbr") == 3
    assert '<abbr title="Amerika Serikat (United States)">AS</abbr>,' in html
    assert ">ASEAN</abbr>-nya" in html and "Astana" in html and ", as" in html
    # the longest match wins, as in Python-Markdown's `abbr`
    assert abbreviate("DK PBB bersidang").startswith(
        '<abbr title="Dewan Keamanan PBB (UN Security Council)">DK PBB</abbr>'
    )
    assert abbreviate("tanpa singkatan") == "tanpa singkatan"


def test_abbreviate_escapes_the_text_around_the_acronyms():
    assert abbreviate("PBB <script>\"x\" & 'y'") == (
        '<abbr title="Perserikatan Bangsa-Bangsa (United Nations)">PBB</abbr> '
        "&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;"
    )


def test_an_article_page_explains_its_acronyms_with_abbr():
    html = _html(render_article(article("a", body="Pasukan IRGC dan CSTO."), ()))
    assert '<abbr title="Collective Security Treaty Organization">CSTO</abbr>' in html
    assert '<abbr title="Islamic Revolutionary Guard Corps (Iran)">IRGC</abbr>' in html
    assert "NATO" not in html


def test_a_definition_smuggled_into_the_text_stays_literal():
    html = _html(render_article(HOSTILE_ARTICLE, ()))
    assert "<script>" not in html
    assert 'title="evil' not in html
    assert 'href="javascript' not in html


def test_the_first_mention_of_each_country_links_to_its_page():
    page = render_article(article("a", body="Iran dan Rusia. Iran lagi.", countries=("IR", "RU")), ())
    assert (
        '<a href="../../../countries/iran/">Iran</a> dan <a href="../../../countries/russia/">Rusia</a>. Iran lagi.'
        in page
    )


def test_country_links_keep_notes_and_escaping():
    page = render_article(HOSTILE_ARTICLE, ())
    assert '<a href="../../../countries/iran/">Iran</a> &lt;script&gt;' in page
    assert '<mark class="digest-note"><a ' not in page  # the note's phrase is marked, not linked
    assert (
        '<mark class="digest-note">Rusia dan</mark><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
        in page
    )


def test_tags_are_html_escaped_country_and_topic_names():
    assert article_tags(article("a", countries=("IR", "US"), topics=("diplomacy",))) == [
        "Iran",
        "United States",
        "Diplomacy",
    ]
    assert article_tags(article("b", topics=(HOSTILE,)))[1].startswith("&lt;script&gt;")


def test_an_article_without_summary_says_so_once():
    """The notice's heading said "Not yet annotated" and its text began with it again."""
    html = _html(render_article(article("a", summary=None), ()))
    notice = re.search(r'<div class="admonition warning">(.*?)</div>', html, re.S).group(1)
    assert "Not yet annotated" in notice
    assert "This article has no English summary yet." in notice
    assert notice.count("annotated") == 1
