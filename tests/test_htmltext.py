"""Links written in HTML by the generator: the directory URLs MkDocs gives pages, and relative hrefs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.htmltext import href, link, page_url, text
from tests.sitebuild import ROOT, SEEDS, _env, prepare_project, project_config, write_config


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("index.md", ""),
        ("countries/index.md", "countries/"),
        ("countries/iran.md", "countries/iran/"),
        ("articles/2024/x.md", "articles/2024/x/"),
        ("timeline.md", "timeline/"),
    ],
)
def test_page_url_is_the_directory_url_of_mkdocs(page, url):
    assert page_url(page) == url


PAGES = [
    "index.md",
    "timeline.md",
    "timeline/2016.md",
    "countries/index.md",
    "countries/iran.md",
    "countries/iran/2021.md",
    "articles/2016/x.md",
    "articles/2017/y.md",
]


@pytest.mark.parametrize("source", PAGES)
@pytest.mark.parametrize("target", PAGES)
def test_href_resolves_to_the_target_page_from_the_source_page(source, target):
    base = "https://example.org/site/"
    assert urljoin(base + page_url(source), href(source, target)) == base + page_url(target)


def test_link_and_text_escape():
    assert text(' a  <b> "c" ') == "a &lt;b&gt; &quot;c&quot;"
    assert link("Iran", "articles/2024/x.md", "countries/iran.md") == '<a href="../../../countries/iran/">Iran</a>'


def test_a_site_without_directory_urls_is_refused_with_a_clear_message(tmp_path):
    config_path = prepare_project(SEEDS, tmp_path)
    config = project_config(tmp_path, tmp_path / "docs")
    config["use_directory_urls"] = False
    write_config(config, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert result.returncode == 1
    assert "use_directory_urls: false is not supported" in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path(tmp_path / "site" / "index.html").exists()
