"""Small hand-made articles for the unit tests of the reader features."""

from __future__ import annotations

import datetime as dt

from generator.model import Article, Note


def article(stem: str, published: dt.date | None = dt.date(2024, 11, 24), **fields) -> Article:
    defaults = {
        "slug": stem,
        "title": f"Judul {stem}",
        "body": "Teks artikel.",
        "source_path": f"seeds/{stem}.txt",
        "countries": ("IR",),
        "topics": ("diplomacy",),
        "summary": f"Summary of {stem}.",
    }
    defaults.update(fields)
    return Article(stem=stem, published=published, **defaults)


HOSTILE = '<script>alert("x")</script> & ]]> *[CSTO]: evil [link](javascript:x) =cmd|'
HOSTILE_ARTICLE = article(
    "hostile",
    title=HOSTILE,
    title_en=HOSTILE,
    summary=HOSTILE,
    body=f"Iran {HOSTILE}\n\nRusia dan CSTO.",
    countries=("IR", "RU"),
    people=(HOSTILE,),
    notes=(Note(quote="Rusia dan", note=HOSTILE),),
)
