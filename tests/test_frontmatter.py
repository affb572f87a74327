"""Front matter is data: nothing in a title can break out of it or into the page head."""

from __future__ import annotations

import yaml

from generator.pages.frontmatter import front_matter


def parse(page: str) -> dict:
    assert page.startswith("---\n")
    block, _, rest = page[4:].partition("\n---\n")
    assert rest.startswith("\n")
    return yaml.safe_load(block)


def test_a_title_with_newlines_and_dashes_stays_inside_the_front_matter():
    title = "Line one\n---\ntitle: hijacked\n---\n<script>alert(1)</script>"
    page = front_matter(title, "desc\n---", {"article": {"title": title}})
    meta = parse(page)
    assert meta["article"]["title"] == title
    assert meta["title"] == "Line one --- title: hijacked --- &lt;script&gt;alert(1)&lt;/script&gt;"
    assert meta["description"] == "desc ---"
    assert "template" not in meta


def test_theme_facing_values_are_html_escaped_because_mkdocs_does_not_autoescape():
    meta = parse(front_matter('"><img src=x onerror=alert(1)>', "a & b", {}))
    assert meta["title"] == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert meta["description"] == "a &amp; b"
