"""Untrusted text → Markdown that renders it literally (the renderer's safety net)."""

from __future__ import annotations

import markdown
import pytest

from generator.markdown import first_sentence, is_web_url, md_text, relative

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![image](http://evil.example/x.png)",
    "<div markdown>**raw**</div>",
    "{{ config.site_name }} {% if true %}x{% endif %}",
    "*emphasis* _under_ `code` # heading",
    "1. not a list",
    "> not a quote",
    "| a | b |",
    "[^1] footnote *[PBB]: abbr {: .class }",
    "&lt; &amp; &copy; \\ backslash",
    "line one\nline two\n\n    indented code",
]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "footnotes", "abbr", "admonition"])


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_the_literal_text(text):
    html = render(md_text(text))
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    import html as html_module

    assert html_module.unescape(inner) == " ".join(text.split())
    for live in ("<script", "<img", "<a ", "<div", "<em>", "<strong>", "<code>", "<abbr", "<sup"):
        assert live not in inner


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.antaranews.com/berita/1", True),
        ("http://example.com/a?b=c", True),
        ("https://example.com/berita/iran's-drill", True),  # a link's character: was left off the page
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ('https://example.com/"><script>', False),
        (None, False),
    ],
)
def test_only_web_urls_are_linked(url, ok):
    assert is_web_url(url) is ok


def test_relative_links_between_generated_pages():
    assert relative("articles/2024/x.md", "countries/iran.md") == "../../countries/iran.md"
    assert relative("index.md", "timeline.md") == "timeline.md"
    assert relative("countries/index.md", "countries/iran.md") == "iran.md"


@pytest.mark.parametrize(
    ("summary", "first"),
    [
        ("The U.S. State Department said Iran agreed. Both met.", "The U.S. State Department said Iran agreed."),
        ("Maj. Gen. Mohammad Baqeri met Gen. Asim Munir. Then.", "Maj. Gen. Mohammad Baqeri met Gen. Asim Munir."),
        ("Resolution No. 2231 was cited. Next.", "Resolution No. 2231 was cited."),
        ("He met John F. Kennedy on 4 Jan. 2025 in the U.N. hall. Then.", None),
        ("Iran said no. Russia agreed.", "Iran said no."),  # a word, not "No." before a number
        ("Iran blamed Washington. The U.S. denied it.", "Iran blamed Washington."),
    ],
)
def test_the_first_sentence_does_not_end_at_an_abbreviation(summary, first):
    # "The U.S." was the excerpt of every list and link preview.
    assert first_sentence(summary) == (first or summary.removesuffix(" Then."))


def test_first_sentence_stops_at_the_first_full_stop_and_is_bounded():
    assert first_sentence("Iran held a drill. It lasted four days.") == "Iran held a drill."
    assert first_sentence("No full stop but 50.000 people") == "No full stop but 50.000 people"
    long = "word " * 100
    assert len(first_sentence(long, limit=50)) <= 52


def test_a_sentence_cut_short_is_not_cut_inside_a_bracket():
    sentence = (
        "In a phone call on 4 July 2017, Ali Shamkhani and Nikolai Patrushev, secretary of Russia's Security "
        "Council (the report calls him director of the Federal Security Service), agreed to step up coordination."
    )
    assert first_sentence(sentence, limit=150) == (
        "In a phone call on 4 July 2017, Ali Shamkhani and Nikolai Patrushev, secretary of Russia's Security Council …"
    )
    # A bracket closed before the cut, or opened near the start, is left as it is.
    assert first_sentence("Iran (IR) held a drill near the border with Azerbaijan today.", limit=30) == (
        "Iran (IR) held a drill near …"
    )
