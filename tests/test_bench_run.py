"""`make bench` itself still runs end to end (on a tiny corpus): the numbers it prints are measured."""

from __future__ import annotations

import yaml

from tests.bench.run import SERVE_COLUMNS, bench_one, search_table, table, write_project


def test_the_bench_measures_every_step_on_a_tiny_corpus(tmp_path):
    row = bench_one(12, tmp_path, search=False, serve=True)
    assert row["generator_s"] > 0 and row["site_s"] > 0
    assert row["rebuild_unchanged_files"] == 0
    assert 0 < row["rebuild_one_change_files"] < 40  # the article and the pages that list it, not all
    # After one more change the site build moves in the changed files only, not the whole site.
    site_files = sum(1 for path in (tmp_path / "site").rglob("*") if path.is_file())
    assert 0 < row["site_one_change_files"] < site_files / 2
    assert row["article_page_bytes"] > 5_000
    assert row["search_full_text"] is True  # 12 articles: below the full-text limit
    assert row["serve_change_shown_s"] is not None  # `mkdocs serve --dirty` showed the edit
    assert row["serve_idle_percent"] >= 0
    assert "| 12 |" in table([row])
    assert "no result" not in search_table([row], SERVE_COLUMNS)


def test_the_bench_site_has_the_real_sites_tabs(tmp_path):
    # The generated pages do not exist yet when the project is written: they stay in the nav, or
    # the bench would build a site without the Home, Timeline, Countries and Topics tabs.
    _, config_path = write_project(tmp_path)
    nav = yaml.safe_load(config_path.read_text(encoding="utf-8"))["nav"]
    tabs = [next(iter(item)) for item in nav]
    assert tabs[:4] == ["Home", "Timeline", "Countries", "Topics"]
