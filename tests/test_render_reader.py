"""The whole render with the reader features: every file generated, byte-identical across runs."""

from __future__ import annotations

from generator.pipeline import collect
from generator.render import render_site
from generator.siteconfig import SiteConfig
from generator.write import is_generated
from tests.conftest import SEEDS

CONFIG = SiteConfig(site_name="Digest", site_url="https://digest.example/")


def test_two_renders_of_the_seeds_are_byte_identical():
    articles, _ = collect(SEEDS)
    assert render_site(articles, "Intro.", CONFIG) == render_site(list(reversed(articles)), "Intro.", CONFIG)


def test_feeds_and_open_data_are_generated_files():
    articles, _ = collect(SEEDS)
    files = render_site(articles, None, CONFIG)
    for path in ("feeds/all.atom.xml", "feeds/countries/iran.atom.xml", "feeds/topics/diplomacy.atom.xml"):
        assert path in files
    for path in ("data/articles.json", "data/articles.csv", "data/articles.schema.json"):
        assert path in files
    assert all(is_generated(path) for path in files)


def test_the_home_page_says_what_search_finds():
    """In either form search takes (generator/mkdocs_hooks.py), any word of an article is found and a
    result shows the words found: the home page says the same whatever the digest's size."""
    from generator.pages.home import SEARCH_FINDS

    articles, _ = collect(SEEDS)
    assert SEARCH_FINDS in render_site(articles, None, CONFIG)["index.md"].decode()
    assert "any word of an article" in SEARCH_FINDS


def test_a_flag_in_a_list_of_countries_stays_on_the_line_of_its_name():
    """Lists of countries wrap on a phone; a line ended with "🇱🇧" and the next began with "Lebanon"."""
    import re

    articles, _ = collect(SEEDS)
    files = render_site(articles, None, CONFIG)
    flag_then_space = re.compile("[\U0001f1e6-\U0001f1ff]{2} ")
    lists = 0
    for path, content in files.items():
        if not path.endswith(".md"):
            continue
        for line in content.decode("utf-8").splitlines():
            if line.startswith(("#", "|")):  # a page's heading, a table's flag column
                continue
            assert not flag_then_space.search(line), (path, line)
            lists += "\U0001f1ee\U0001f1f7\u00a0" in line  # Iran's flag, then a no-break space
    assert lists > 5
