"""Collection checks and determinism: duplicates, shared pages, unused topics, stable results."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline
from generator.merge import make_slugs_unique
from generator.model import Article, Extracted
from generator.validate import check_collection
from tests.sitebuild import ROOT, SEEDS


def article(stem: str, **fields) -> Article:
    defaults = dict(
        slug="berita", title="Berita", body=f"isi {stem}", source_path=f"seeds/{stem}.txt", summary="A summary."
    )
    return Article(stem=stem, **{**defaults, **fields})


def messages(articles, renamed=None, vocabulary=()) -> list[str]:
    return [d.format() for d in check_collection(articles, renamed or {}, vocabulary)]


def test_the_same_text_twice_is_an_error_on_the_later_file():
    a = article("a", body="Isi  berita\nyang sama.")
    b = article("b", body="isi berita yang SAMA.")
    assert messages([a, b]) == ["seeds/b.txt: error: same article text as seeds/a.txt; remove one of the two"]


def test_the_same_url_twice_is_an_error_on_the_later_annotation():
    a = article("a", url="https://Example.com/x/", annotation_path="seeds/a.yml")
    b = article("b", url="https://example.com/x", annotation_path="seeds/b.yml")
    assert messages([a, b]) == [
        "seeds/b.yml: error: same url as seeds/a.yml: 'https://example.com/x'; "
        "one article, one annotation; remove the duplicate"
    ]


def test_the_same_headline_in_another_year_is_a_warning():
    """A copy of a report with one character changed and no date was published again, under undated/:
    the exact-text check missed it and nothing was said."""
    a = article("a", title="Iran dan Rusia Sepakat", body="Isi berita pada Jumat.", published=dt.date(2024, 1, 1))
    b = article("b", title="Iran dan  rusia sepakat", body="Isi berita pada Jum.at.", published=None)
    assert messages([a, b]) == [
        "seeds/b.txt: warning: same headline as seeds/a.txt: the same report twice? Remove one, or keep both if "
        "they are different reports"
    ]
    c = article("c", title="Iran dan Rusia Sepakat", body="Berita lain.", published=dt.date(2024, 1, 2))
    assert all("same headline" not in m for m in messages([a, c]))  # one year: the shared page says it


def test_an_article_without_annotation_is_a_warning_that_says_what_to_do():
    # An annotation without a summary is told so by the annotation's checks, at its line (test_annotation.py).
    assert messages([article("a", summary=None), article("b", summary=None, annotation_path="seeds/b.yml")]) == [
        'seeds/a.txt: warning: no summary yet: shown as "not yet annotated"; run: python -m generator new seeds/a.txt',
    ]


def test_an_article_titled_with_its_file_name_for_want_of_a_headline_is_a_warning():
    """A text of page furniture alone built silently as a page titled 'case'."""
    assert messages([article("case", title="case"), article("b", title="b", annotation_path="seeds/b.yml")]) == [
        "seeds/b.yml: warning: no headline found in the text, so the page is titled with the file name 'b'; "
        "add 'title:' with the headline to the annotation",
        "seeds/case.txt: warning: no headline found in the text, so the page is titled with the file name 'case'; "
        "add 'title:' with the headline to the annotation",
    ]


def test_topics_used_by_no_article_are_warnings():
    assert messages([article("a", topics=("diplomacy",))], vocabulary=("border-security", "diplomacy")) == [
        "generator/data/topics.yml: warning: topics used by no article: border-security "
        "(fine while the digest grows; remove a topic that will never be used)"
    ]


def test_articles_that_would_share_a_page_get_suffixes_in_seed_order_and_a_warning():
    published = dt.date(2024, 5, 1)
    articles = [article(stem, published=published) for stem in ("c", "a", "b")]
    unique = make_slugs_unique(articles)
    assert [(a.stem, a.page_path) for a in unique] == [
        ("a", "articles/2024/berita.md"),
        ("b", "articles/2024/berita-2.md"),
        ("c", "articles/2024/berita-3.md"),
    ]
    renamed = {"b": "articles/2024/berita.md", "c": "articles/2024/berita.md"}
    assert messages(unique, renamed) == [
        "seeds/b.txt: warning: would share the page articles/2024/berita.md with seeds/a.txt; "
        "published as articles/2024/berita-2.md instead (give it a distinct title to choose its page)",
        "seeds/c.txt: warning: would share the page articles/2024/berita.md with seeds/a.txt; "
        "published as articles/2024/berita-3.md instead (give it a distinct title to choose its page)",
    ]


def test_a_suffix_never_takes_the_page_of_another_article():
    articles = [article("a", slug="x"), article("b", slug="x"), article("c", slug="x-2")]
    assert [a.slug for a in make_slugs_unique(articles)] == ["x", "x-2", "x-2-2"]


@pytest.mark.parametrize("seed", range(5))
def test_unique_slugs_do_not_depend_on_input_order(seed):
    articles = [article(stem, slug="same" if stem < "m" else stem) for stem in "qwertyuiopasdfghjkl"]
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    assert make_slugs_unique(shuffled) == make_slugs_unique(articles)


def fake_extract(text: str) -> Extracted:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(title=lines[0], body="\n\n".join(lines[1:]))


def test_collect_reports_duplicates_and_shared_pages_from_files(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", fake_extract)
    (tmp_path / "a.txt").write_text("Judul sama\n\nIsi pertama.\n")
    (tmp_path / "b.txt").write_text("Judul sama\n\nIsi pertama.\n")
    (tmp_path / "c.txt").write_text("Judul sama\n\nIsi lain.\n")
    for stem in "abc":
        # Undated on purpose ('published: null'): the shared pages are under articles/undated/.
        annotation = f"summary: Summary {stem}.\nurl: https://e.com/{stem < 'c'}\npublished: null\n"
        (tmp_path / f"{stem}.yml").write_text(annotation)
    articles, problems = pipeline.collect(tmp_path, today=dt.date(2026, 1, 1))
    assert [a.page_path for a in articles] == [
        "articles/undated/judul-sama.md",
        "articles/undated/judul-sama-2.md",
        "articles/undated/judul-sama-3.md",
    ]
    assert [p.format().replace(f"{tmp_path}/", "") for p in problems if "topics.yml" not in p.path] == [
        "b.txt: error: same article text as a.txt; remove one of the two",
        "b.yml: error: same url as a.yml: 'https://e.com/True'; one article, one annotation; remove the duplicate",
        "b.yml: warning: would share the page articles/undated/judul-sama.md with a.txt; "
        "published as articles/undated/judul-sama-2.md instead (give it a distinct title to choose its page)",
        "c.yml: warning: would share the page articles/undated/judul-sama.md with a.txt; "
        "published as articles/undated/judul-sama-3.md instead (give it a distinct title to choose its page)",
    ]


def test_collect_is_deterministic_whatever_the_directory_order(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(SEEDS, first)
    second.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):
        shutil.copy(path, second / path.name)
    run1 = pipeline.collect(first)
    run2 = pipeline.collect(second)

    def relative(articles):
        return [replace(a, source_path=Path(a.source_path).name, annotation_path=None) for a in articles]

    assert relative(run1[0]) == relative(run2[0])
    strip = [[d.format().replace(str(root), "seeds") for d in run[1]] for root, run in ((first, run1), (second, run2))]
    assert strip[0] == strip[1]
    assert pipeline.collect(first) == run1


@pytest.mark.parametrize("seeds", [ROOT / "seeds", SEEDS], ids=["seeds", "fixtures"])
def test_the_repository_seeds_have_no_errors(seeds):
    """The digest's own seeds/, as every contribution leaves it, and the tests' copy of the first five."""
    articles, problems = pipeline.collect(seeds)
    assert [p.format() for p in problems if p.level == "error"] == []
    assert len(articles) == len(list(seeds.glob("*.txt")))


def test_an_article_left_empty_by_cleaning_is_reported(tmp_path):
    (tmp_path / "onlyfurniture.txt").write_text("Leave a Reply\nBaca juga: Berita lain\n", encoding="utf-8")
    _, problems = pipeline.collect(tmp_path, today=dt.date(2026, 1, 1))
    messages = [p.format().replace(f"{tmp_path}/", "") for p in problems]
    assert (
        "onlyfurniture.txt: warning: no article text is left once page furniture is removed; check that the file "
        "holds the article (python -m generator extract onlyfurniture.txt lists the removed lines)"
    ) in messages
