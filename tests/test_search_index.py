"""The term index the digest's search worker answers from (generator/search_index.py)."""

from __future__ import annotations

import re

from generator.search_index import build, terms

SEPARATOR = r'[\s\-,;:!?=\[\]()"“”‘’/]+|\.(?!\d)'
CONFIG = {
    "lang": ["en"],
    "separator": SEPARATOR,
    "pipeline": ["trimmer"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def test_terms_are_the_words_without_markup_lower_cased_and_trimmed():
    html = "<p>Menteri Luar Negeri Rusia Sergey Lavrov; Dewan PBB</p> <p>&quot;Iran-Pakistan&quot; 50.000 orang.</p>"
    found = terms(html, re.compile(SEPARATOR))
    assert found == {
        *("menteri", "luar", "negeri", "rusia", "sergey", "lavrov", "dewan", "pbb"),
        *("iran", "pakistan", "50.000", "orang"),
    }
    assert "p" not in found  # markup is not text


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
    postings = dict(zip(index["terms"], index["postings"], strict=True))
    title, text, tags = (index["fields"][name]["bit"] for name in ("title", "text", "tags"))
    assert postings["iran"] == [0 * 8 + text, 1 * 8 + title]
    assert postings["tajikistan"] == [1 * 8 + (title | tags)]
    assert postings["rahmon"] == [1 * 8 + text, 2 * 8 + text]
    assert postings["security"] == [1 * 8 + tags]
    assert index["fields"]["tags"]["boost"] == 1000000.0
