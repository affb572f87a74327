"""Long lists move to a page per year, so no index page grows with the whole digest."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import urljoin

import pytest

from generator.htmltext import page_url
from generator.pages import archive
from generator.render import render_site
from tests.factories import article

LIMIT = 10


@pytest.fixture
def files(monkeypatch):
    monkeypatch.setattr(archive, "LIST_LIMIT", LIMIT)
    articles = [
        article(f"a{n:02}", published=dt.date(2020 + n % 3, 1 + n % 12, 1 + n % 27), countries=("IR",))
        for n in range(25)
    ] + [article("undated1", published=None, countries=("IR",))]
    return {path: content.decode("utf-8") for path, content in render_site(articles).items()}


def listed(page: str) -> list[str]:
    """The article links of an index page's lists (HTML, directory URLs)."""
    return re.findall(r'<a href="((?:\.\./)*articles/[^"]+)"', page)


def resolve(files, page: str, target: str) -> str | None:
    """The generated page a link of `page` leads to: Markdown links name the file, HTML links its URL."""
    if target.endswith(".md"):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        return resolved if resolved in files else None
    url = urljoin("http://site/" + page_url(page), target).removeprefix("http://site/")
    return next((p for p in files if p.endswith(".md") and page_url(p) == url), None)


def test_the_timeline_lists_the_latest_and_links_every_year(files):
    timeline = files["timeline.md"]
    assert len(listed(timeline)) == LIMIT
    for year in ("2020", "2021", "2022", "undated"):
        assert f"[{year}](timeline/{year}.md)" in timeline


def test_every_article_is_on_exactly_one_year_page(files):
    year_pages = [p for p in files if p.startswith("timeline/")]
    assert sorted(year_pages) == ["timeline/2020.md", "timeline/2021.md", "timeline/2022.md", "timeline/undated.md"]
    entries = [link for page in year_pages for link in listed(files[page])]
    assert len(entries) == 26 == len(set(entries))


def test_country_pages_split_the_same_way(files):
    assert len(listed(files["countries/iran.md"])) == LIMIT
    assert "countries/iran/2021.md" in files
    assert "[2021](iran/2021.md)" in files["countries/iran.md"]


def test_links_from_year_pages_resolve_to_generated_pages(files):
    for page in (p for p in files if p.startswith(("timeline/", "countries/iran/"))):
        targets = re.findall(r"\]\(([^)#]+\.md)\)", files[page]) + re.findall(r'href="([^"#]+)"', files[page])
        assert len(targets) >= 2  # the way back and at least one article
        for target in targets:
            assert resolve(files, page, target), (page, target)


def test_a_small_digest_keeps_everything_on_one_page():
    articles = [article(f"s{n}", published=dt.date(2024, 1, 1 + n)) for n in range(5)]
    files = render_site(articles)
    assert not [p for p in files if p.startswith("timeline/")]
    assert len(listed(files["timeline.md"].decode())) == 5


def test_year_groups_split_a_newest_first_list_at_each_year(monkeypatch):
    from itertools import groupby

    from generator.collection import build_collection

    monkeypatch.setattr(archive, "LIST_LIMIT", 3)
    days = [dt.date(2019 + n % 4, 1 + n % 12, 1 + n % 27) for n in range(30)] + [None, None]
    ordered = build_collection([article(f"a{n:02}", published=day) for n, day in enumerate(days)]).articles
    groups = archive.year_groups(ordered, "timeline.md")
    by_year = groupby(ordered, key=lambda a: a.published.year if a.published else archive.UNDATED)
    assert [(year, articles) for _, year, articles in groups] == [(year, tuple(run)) for year, run in by_year]
    assert [page for page, _, _ in groups][-2:] == ["timeline/2019.md", "timeline/undated.md"]
