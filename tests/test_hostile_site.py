"""Hostile but valid input builds into pages that show it literally and carry nothing live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.htmlscan import page_text, scan
from tests.sitebuild import build_site

pytestmark = pytest.mark.slow

PAYLOADS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(2))",
    "![gambar](http://evil.example/x.png)",
    '<iframe src="http://evil.example/"></iframe>',
    "{{ config.site_name }} {% if true %}jinja{% endif %}",
    "<div onclick=alert(3)>blok</div>",
]

TEXT = "\n\n".join(
    [
        "Judul <b>berita</b> " + PAYLOADS[0],
        "Jakarta, KOMPAS.com – Presiden Iran bertemu delegasi di Teheran pada Senin (4/7/2017).",
        *[f"Paragraf {n}: {payload} tetap teks biasa." for n, payload in enumerate(PAYLOADS)],
        "Penutup berita tentang kerja sama pertahanan Iran.",
    ]
)

ANNOTATION = {
    "title": "Judul " + PAYLOADS[0],
    "title_en": '"><img src=x onerror=alert(4)> title ---\nnext: line',
    # `&` and `'` are a link's characters, escaped in the page's attribute (`<`, `"`: refused by check).
    "url": "https://example.com/berita?a=1&b='2'",
    "outlet": PAYLOADS[5],
    "original_source": PAYLOADS[2],
    "dateline": PAYLOADS[1],
    "published": "2017-07-04",
    "date_note": PAYLOADS[3],
    "countries": ["IR"],
    "topics": ["diplomacy"],
    "people": [PAYLOADS[4]],
    "organisations": [PAYLOADS[6]],
    "summary": "Summary with " + " and ".join(PAYLOADS) + ".",
    "notes": [{"quote": PAYLOADS[1] + " tetap teks biasa", "note": "Note " + PAYLOADS[0] + PAYLOADS[2]}],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "hostile.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "hostile.yml").write_text(yaml.safe_dump(ANNOTATION, allow_unicode=True), encoding="utf-8")
    # Headlines named as the fixed sections of an article page: the toc extension gives the headline
    # the section's id first, and the section another one.
    (seeds / "heading.txt").write_text(HEADING_TEXT, encoding="utf-8")
    (seeds / "heading.yml").write_text(yaml.safe_dump(HEADING_ANNOTATION), encoding="utf-8")
    (seeds / "box.txt").write_text(HEADING_TEXT.replace("2018", "2019"), encoding="utf-8")
    (seeds / "box.yml").write_text(yaml.safe_dump(BOX_HEADING_ANNOTATION), encoding="utf-8")
    return build_site(seeds, root / "project")


HEADING_TEXT = "Liputan Terkait\n\nPresiden Iran berbicara di Teheran pada Senin (1/1/2018) tentang diplomasi."
HEADING_ANNOTATION = {
    "title_en": "Related coverage",
    "published": "2018-01-01",
    "countries": ["IR"],
    "topics": ["diplomacy"],
    "summary": "Iran's president spoke in Tehran about diplomacy.",
}

# Named as the box of metadata, whose id is written in the page's HTML, where the toc extension does not
# see it: the headline took the same id.
BOX_HEADING_ANNOTATION = {**HEADING_ANNOTATION, "title_en": "About this report", "published": "2019-01-01"}


def live_elements(page: Path) -> list[str]:
    found = []
    for tag, attrs in scan(page).tags:
        if tag in ("iframe", "object", "embed"):
            found.append(tag)
        if tag == "img" and attrs.get("src") in ("x", "http://evil.example/x.png"):
            found.append(f"img src={attrs.get('src')}")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}={value}")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                found.append(f"{tag} {name}={value}")
    html = page.read_text(encoding="utf-8")
    for marker in ("<script>alert", "<img src=x", "<iframe", "<div onclick"):
        if marker in html:
            found.append(marker)
    return found


def test_no_page_carries_a_live_element(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    assert {str(p.relative_to(hostile_site)): live_elements(p) for p in pages if live_elements(p)} == {}


def test_a_headline_named_as_a_section_keeps_that_section_out_of_search(hostile_site):
    # The related coverage repeats other articles' titles: searching them found every page listing
    # them. It was cut from what search indexes at its heading's id, which this headline had taken.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"].startswith("articles/2018/")]
    assert entries
    assert not [doc["location"] for doc in entries if "shares" in doc["text"] or "#related-coverage" in doc["location"]]


def test_the_article_page_shows_every_payload_literally(hostile_site):
    [page] = (hostile_site / "articles" / "2017").glob("*/index.html")
    text = page_text(page, without_footnote_marks=True)
    for payload in PAYLOADS:
        assert payload in text, payload
    assert "Note " + PAYLOADS[0] + PAYLOADS[2] in text
    assert "Published at https://example.com/berita?a=1&b='2'." in text


def test_no_page_has_an_id_twice(hostile_site):
    """A link to the id, a search result's among them, led to the first element holding it."""
    twice = {}
    for page in sorted(hostile_site.rglob("*.html")):
        ids = [attrs["id"] for _, attrs in scan(page, skip=()).tags if attrs.get("id")]
        repeated = sorted({name for name in ids if ids.count(name) > 1})
        if repeated:
            twice[str(page.relative_to(hostile_site))] = repeated
    assert twice == {}
