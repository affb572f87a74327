"""The value types (`model.py`)."""

from __future__ import annotations

import datetime as dt

from generator.model import Article


def test_an_article_s_page_path_is_computed_once_and_kept():
    article = Article(stem="a", slug="judul", title="Judul", body="Isi.", source_path="seeds/a.txt")
    dated = Article(**{**vars(article), "published": dt.date(2025, 3, 1)})
    assert (article.page_path, dated.page_path) == ("articles/undated/judul.md", "articles/2025/judul.md")
    assert {"year_folder", "page_path"} <= vars(article).keys()  # kept in the instance: found before the property
    vars(article)["page_path"] = "kept"
    assert article.page_path == "kept"
    assert Article.page_path.__doc__ == "Path of the generated page relative to `docs/`."
