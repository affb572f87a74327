"""Above `extra.full_text_search_limit` articles, search indexes titles and names, and the pages stay the same."""

from __future__ import annotations

import json
import sys

import pytest
import yaml

from tests.conftest import SEEDS
from tests.sitebuild import prepare_project, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def compact_site(tmp_path_factory):
    """The five seeds built with a limit of 2 articles, so search takes its large-digest form."""
    work = tmp_path_factory.mktemp("compact-search")
    config_path = prepare_project(SEEDS, work)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("extra", {})["full_text_search_limit"] = 2
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_path)])
    return work / "site"


def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_article_pages_are_the_same_whatever_search_indexes(compact_site, seeds_site):
    pages = sorted(p.relative_to(seeds_site) for p in (seeds_site / "articles").rglob("*.html"))
    assert len(pages) == 5
    for page in pages:
        assert (compact_site / page).read_bytes() == (seeds_site / page).read_bytes()


def test_titles_and_names_are_indexed_but_not_the_text_nor_listing_pages(compact_site):
    entries = index(compact_site)
    articles = [e for e in entries if e["location"].startswith("articles/")]
    assert len(articles) == 5  # one entry per article: no sections of the text
    indexed = json.dumps(articles, ensure_ascii=False)
    assert "Patrushev" in indexed  # a person named in an annotation
    assert "gencatan senjata" not in indexed.lower()  # a phrase of the article text only
    assert not any(e["location"].startswith(("timeline/", "countries/iran")) for e in entries)


def test_country_and_topic_names_still_find_articles_in_the_compact_index(compact_site):
    entries = [e for e in index(compact_site) if e["location"].startswith("articles/")]
    tajikistan = [e["location"] for e in entries if "Tajikistan" in e.get("tags", ())]
    assert tajikistan == [e["location"] for e in entries if "csto" in e["location"]]
    assert any("Drug trafficking" in e.get("tags", ()) for e in entries)
