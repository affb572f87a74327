"""The term index the digest's search worker answers from (generator/search_index.py)."""

from __future__ import annotations

import json
import re
from itertools import accumulate

import pytest

from generator import search_index
from generator.opendata import article_lines, render_json
from generator.search_index import (
    article_location,
    article_text,
    build,
    page_numbers,
    terms,
    text_postings,
    text_terms,
)
from tests.conftest import SEEDS

SEPARATOR = r'[\s\-,;:!?=\[\]()"“”‘’/]+|\.(?!\d)'
CONFIG = {
    "lang": ["en"],
    "separator": SEPARATOR,
    "pipeline": ["trimmer"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def decoded(postings: list[int]) -> list[int]:
    """A list of postings as the worker sums it (the index stores differences)."""
    return list(accumulate(postings))


def test_terms_are_the_words_without_markup_lower_cased_and_trimmed():
    html = "<p>Menteri Luar Negeri Rusia Sergey Lavrov; Dewan PBB</p> <p>&quot;Iran-Pakistan&quot; 50.000 orang.</p>"
    found = terms(html, re.compile(SEPARATOR))
    assert found == {
        *("menteri", "luar", "negeri", "rusia", "sergey", "lavrov", "dewan", "pbb"),
        *("iran", "pakistan", "50.000", "orang"),
    }
    assert "p" not in found  # markup is not text


@pytest.mark.parametrize("separator", [SEPARATOR, r"[\s\-]+", r"[\-]+"])
def test_text_terms_are_the_terms_of_each_word(separator):
    """Distinct words split once (joined, when the separator splits at a space) give the terms of
    splitting every word, as the worker splits a query: on the seeds' texts, with separators that do
    and do not split at whitespace; with the site's, the terms of splitting the whole text at once."""
    pattern = re.compile(separator)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        by_word = {_EDGES.sub("", part.lower()) for word in text.split() for part in pattern.split(word)} - {""}
        assert text_terms(text, pattern) == by_word, path.name
        if separator == SEPARATOR:
            assert by_word == {_EDGES.sub("", part.lower()) for part in pattern.split(text)} - {""}
    assert text_terms("_x_ (y) -", pattern) == {"x", "y"}


def test_each_term_lists_its_documents_and_the_fields_it_occurs_in():
    docs = [
        {"location": "", "title": "Annotated news digest", "text": "<p>Iran and its neighbours</p>"},
        {
            "location": "articles/a/",
            "title": "Iran and Tajikistan",
            "text": "<p>Emomali Rahmon</p>",
            "tags": ["Tajikistan", "Border security"],
        },
        {"location": "articles/a/#notes", "title": "Notes", "text": "<p>Rahmon</p>"},
    ]
    index = build({"config": CONFIG, "docs": docs})
    assert index["count"] == 3
    assert index["terms"] == sorted(index["terms"])
    postings = {term: decoded(listed) for term, listed in zip(index["terms"], index["postings"], strict=True)}
    title, text, tags = (index["fields"][name]["bit"] for name in ("title", "text", "tags"))
    assert postings["iran"] == [0 * 8 + text, 1 * 8 + title]
    assert postings["tajikistan"] == [1 * 8 + (title | tags)]
    assert postings["rahmon"] == [1 * 8 + text, 2 * 8 + text]
    assert postings["security"] == [1 * 8 + tags]
    assert index["fields"]["tags"]["boost"] == 1000000.0


def test_postings_are_stored_as_differences():
    docs = [{"location": f"articles/{n}/", "title": "Iran"} for n in range(4)]
    index = build({"config": CONFIG, "docs": docs})
    assert index["postings"][index["terms"].index("iran")] == [1, 8, 8, 8]  # 1, 9, 17, 25


def test_the_text_postings_join_the_documents_in_the_text_field():
    docs = [
        {"location": "", "title": "Home"},
        {"location": "articles/2025/a/", "title": "Iran and Pakistan"},
        {"location": "articles/2025/a/#summary", "title": "Summary", "text": "<p>Talks</p>"},
        {"location": "articles/2024/b/", "title": "Tajikistan"},
    ]
    in_text = {"perbatasan": [1, 3], "iran": [1, 3], "gencatan": [1]}
    index = build({"config": CONFIG, "docs": docs}, in_text)
    postings = {term: decoded(listed) for term, listed in zip(index["terms"], index["postings"], strict=True)}
    title, text = index["fields"]["title"]["bit"], index["fields"]["text"]["bit"]
    assert postings["perbatasan"] == [1 * 8 + text, 3 * 8 + text]
    assert postings["iran"] == [1 * 8 + (title | text), 3 * 8 + text]
    assert postings["gencatan"] == [1 * 8 + text]
    assert index["terms"] == sorted(index["terms"])


def _open_data_line(**fields) -> bytes:
    record = {"id": "x", "slug": "a-b", "page_url": "https://example.org/d/articles/2025/a-b/", "notes": [], "text": ""}
    return json.dumps({**record, **fields}, ensure_ascii=False).encode() + b","


def test_an_articles_text_and_location_come_from_its_line_of_the_open_data():
    line = _open_data_line(text="Gencatan senjata di perbatasan.", notes=[{"quote": "di", "note": "Near Herat"}])
    assert article_location(line) == "articles/2025/a-b/"
    assert text_terms(article_text(line), re.compile(SEPARATOR)) == {
        *("gencatan", "senjata", "di", "perbatasan", "near", "herat")
    }
    for broken in (b"{", b"[]", _open_data_line(text=3), _open_data_line(notes=[{"note": "x"}])):
        assert article_text(broken) is None
    for elsewhere in (b"{}", _open_data_line(page_url="https://example.org/"), _open_data_line(page_url='a"/')):
        assert article_location(elsewhere) is None


def _lines(count: int, words=lambda n: f"kata{n} umum") -> list[bytes]:
    return [_open_data_line(page_url=f"https://e.org/articles/2025/a{n}/", text=words(n)) for n in range(count)]


def test_text_postings_list_each_terms_documents_in_order_whatever_the_order_of_the_lines():
    """1,000 lines in the reverse order of their documents: ten parts (in worker processes where it can fork)."""
    lines = _lines(1000)
    numbers = {f"articles/2025/a{n}/": 999 - n for n in range(1000)}
    separator = re.compile(SEPARATOR)
    postings = text_postings(lines, numbers, separator)
    assert list(postings["umum"]) == list(range(1000))
    assert list(postings["kata7"]) == [992]
    assert len(postings) == 1001
    few = text_postings(lines[:5], numbers, separator)
    assert {term: list(found) for term, found in few.items()} == {
        "umum": [995, 996, 997, 998, 999],
        **{f"kata{n}": [999 - n] for n in range(5)},
    }
    assert text_postings(lines, {}, separator) == {}  # pages the site does not have


def test_the_open_data_of_the_seeds_gives_the_words_of_every_article():
    """From the generator's own articles.json: every article's page, with the words only its text has."""
    from generator.collection import build_collection
    from generator.pipeline import collect
    from generator.siteconfig import SiteConfig

    articles, _ = collect(SEEDS)
    content = render_json(build_collection(articles), SiteConfig())
    lines = article_lines(content)
    assert [json.loads(bytes(line).rstrip(b",")) for line in lines] == json.loads(content)["articles"]
    assert article_lines(render_json(build_collection([]), SiteConfig())) == []
    assert article_lines(b'{"articles": []}') == []
    numbers = page_numbers([{"location": a.page_path.removesuffix(".md") + "/"} for a in articles])
    postings = text_postings(lines, numbers, re.compile(SEPARATOR))
    for number, article in enumerate(articles):
        found = {term for term, listed in postings.items() if number in listed}
        assert found == text_terms(
            article.body + " " + " ".join(n.quote + " " + n.note for n in article.notes), re.compile(SEPARATOR)
        )


def test_remembered_terms_are_not_made_again(monkeypatch):
    """Under `mkdocs serve` the lines of unchanged articles are not read again from one build to the next."""
    lines = _lines(3)
    numbers = {f"articles/2025/a{n}/": n for n in range(3)}
    read = []
    real = search_index.article_text
    monkeypatch.setattr(search_index, "article_text", lambda line: read.append(line) or real(line))
    separator = re.compile(SEPARATOR)
    first = text_postings(lines, numbers, separator, remember=True)
    assert len(read) == 3
    changed = [*lines[:2], _open_data_line(page_url="https://e.org/articles/2025/a2/", text="baru")]
    second = text_postings(changed, numbers, separator, remember=True)
    assert read[3:] == [changed[2]]
    assert {t: list(n) for t, n in second.items()} == {"kata0": [0], "kata1": [1], "umum": [0, 1], "baru": [2]}
    assert second == text_postings(changed, numbers, separator)  # the same without remembering
    assert list(first["kata2"]) == [2]


def test_without_the_open_data_the_build_says_the_texts_are_not_searchable(tmp_path, caplog):
    """A strict build fails on the warning, which names the file and what to do."""
    from generator import mkdocs_hooks

    material = {"config": {"separator": SEPARATOR}, "docs": [{"location": "articles/2025/a/"}]}
    with caplog.at_level("WARNING", logger="mkdocs.hooks.digest"):
        assert mkdocs_hooks._article_text_postings({"docs_dir": str(tmp_path)}, material) == {}
    assert f"{tmp_path / 'data' / 'articles.json'} cannot be read" in caplog.text
    assert "run the generator" in caplog.text
