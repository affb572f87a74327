"""The site's address comes from mkdocs.yml, where the deploy workflow sets it through `!ENV`: the
generator (feeds, open data) must read the same address MkDocs gives the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.mkdocs_hooks import full_text_search_limit
from generator.siteconfig import DEFAULT_SITE_URL, SiteConfig, read_site_config

ROOT = Path(__file__).resolve().parent.parent


def test_env_tag_gives_the_variable_or_the_default(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_url: !ENV [DIGEST_TEST_URL, "https://fallback.example/"]\n', encoding="utf-8")
    monkeypatch.delenv("DIGEST_TEST_URL", raising=False)
    assert read_site_config(config).site_url == "https://fallback.example/"
    monkeypatch.setenv("DIGEST_TEST_URL", "https://owner.github.io/digest")
    assert read_site_config(config).site_url == "https://owner.github.io/digest/"


def test_env_tag_without_default_or_variable_falls_back(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: D\nsite_url: !ENV DIGEST_TEST_URL\n", encoding="utf-8")
    monkeypatch.delenv("DIGEST_TEST_URL", raising=False)
    assert read_site_config(config) == SiteConfig(site_name="D", site_url=DEFAULT_SITE_URL)


@pytest.mark.parametrize("address", [None, "https://someone.github.io/their-digest/"])
def test_generator_and_mkdocs_read_the_same_address(monkeypatch, address):
    """The repository's own mkdocs.yml, with and without the deploy workflow's SITE_URL."""
    if address is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", address)
    mkdocs_config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert read_site_config(ROOT / "mkdocs.yml").site_url == mkdocs_config["site_url"]
    if address is not None:
        assert mkdocs_config["site_url"] == address


def test_repository_address_is_set_by_the_environment(monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/their-digest")
    monkeypatch.setenv("REPO_NAME", "someone/their-digest")
    mkdocs_config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert mkdocs_config["repo_url"] == "https://github.com/someone/their-digest"
    assert mkdocs_config["repo_name"] == "someone/their-digest"


def test_the_full_text_search_limit_is_read_by_the_hooks():
    """`extra.full_text_search_limit`: a number, or None (full text at any size) for anything else."""
    assert full_text_search_limit({"full_text_search_limit": 2}) == 2
    for extra in ({"full_text_search_limit": "many"}, {}, [1], None):
        assert full_text_search_limit(extra) is None
    # The hooks read it from the configuration MkDocs loaded, where `extra` is not a dict.
    assert full_text_search_limit(load_config(config_file=str(ROOT / "mkdocs.yml"))["extra"]) == 200
    # The hooks read it from the configuration MkDocs loaded, where `extra` is not a dict.
    assert full_text_search_limit(load_config(config_file=str(ROOT / "mkdocs.yml"))["extra"]) == 200


def test_the_tabs_are_the_digests_and_the_project_pages_sit_under_about():
    nav = load_config(config_file=str(ROOT / "mkdocs.yml"))["nav"]
    tabs = [next(iter(item)) for item in nav]
    assert tabs == ["Home", "Timeline", "Countries", "Topics", "Open data", "About"]
    about = nav[-1]["About"]
    assert [next(iter(item.values())) for item in about] == ["about.md", "contributing.md"]
    assert "(performance.md)" in (ROOT / "docs" / "about.md").read_text(encoding="utf-8")  # linked, not listed
