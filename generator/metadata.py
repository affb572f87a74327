"""Every metadata field of an article as plain data: one shape for the front matter and the open data."""

from __future__ import annotations

from generator.model import Article


def article_metadata(article: Article) -> dict:
    """Every metadata field of the article, as plain data for the front matter and the open data."""
    return {
        "title": article.title,
        "title_en": article.title_en,
        "url": article.url,
        "outlet": article.outlet,
        "original_source": article.original_source,
        "dateline": article.dateline,
        "editor": article.editor,
        "published": article.published.isoformat() if article.published else None,
        "date_note": article.date_note,
        # Always written, as every other field is (null when absent): one shape for every page and record.
        "date_estimated": article.date_estimated,
        "countries": list(article.countries),
        "main_countries": list(article.main_countries),
        "topics": list(article.topics),
        "people": list(article.people),
        "organisations": list(article.organisations),
        "summary": article.summary,
        "notes": [{"quote": n.quote, "note": n.note} for n in article.notes],
        "source": article.repository_source,
        "annotation": article.repository_annotation,
    }
