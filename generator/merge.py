"""Merge what was extracted from the text with the contributor's annotation (annotation wins)."""

from __future__ import annotations

from dataclasses import replace

from slugify import slugify

from generator.country_names import is_country_code
from generator.model import Annotation, Article, Extracted, Seed
from generator.vocabulary import topics

SLUG_MAX_LENGTH = 80


def merge(seed: Seed, extracted: Extracted, annotation: Annotation | None) -> Article:
    """The one place where precedence is applied: extracted < annotation, field by field."""
    note = annotation or Annotation()

    def pick(name: str):
        if name in note.cleared:  # `name: null`: none, whatever was extracted
            return () if isinstance(getattr(extracted, name), tuple) else None
        given = getattr(note, name)
        return given if given is not None else getattr(extracted, name)

    title = pick("title") or seed.stem
    # Validation reports unknown codes and topics; dropping them here too keeps an untrusted value
    # from ever naming a generated file.
    countries = sorted({code for code in pick("countries") if is_country_code(code)})
    vocabulary = topics()
    return Article(
        stem=seed.stem,
        slug=slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True) or slugify(seed.stem),
        title=title,
        body=extracted.body,
        source_path=seed.text_path,
        annotation_path=seed.annotation_path,
        title_en=note.title_en,
        url=note.url,
        outlet=pick("outlet"),
        original_source=pick("original_source"),
        dateline=pick("dateline"),
        editor=pick("editor"),
        published=pick("published"),
        date_note=note.date_note,
        # The annotation's own date only (`annotation.py` requires `published` beside it), so an
        # estimate never marks a date read from the text.
        date_estimated=note.date_estimated,
        countries=tuple(countries),
        main_countries=tuple(c for c in extracted.main_countries if c in countries),
        topics=tuple(dict.fromkeys(t for t in pick("topics") if t in vocabulary)),
        people=tuple(pick("people")),
        organisations=tuple(pick("organisations")),
        summary=note.summary,
        notes=note.notes,
    )


def make_slugs_unique(articles: list[Article]) -> list[Article]:
    """Give articles that would share a page distinct slugs, deterministically.

    Articles are taken in seed-name order; the first keeps its slug, later ones get `-2`, `-3`...
    The result is in seed-name order.
    """
    taken: set[str] = set()
    result = []
    for article in sorted(articles, key=lambda a: a.stem):
        candidate, n = article, 2
        while candidate.page_path in taken:
            candidate, n = replace(article, slug=f"{article.slug}-{n}"), n + 1
        taken.add(candidate.page_path)
        result.append(candidate)
    return result
