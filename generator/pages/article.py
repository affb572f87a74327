"""The page of one article: titles, metadata panel, summary, Indonesian text with notes, related."""

from __future__ import annotations

from generator.collection import country_page, topic_page
from generator.country_names import country_name, flag
from generator.markdown import attr, first_sentence, is_web_url, link, long_date, md_text
from generator.model import Article, Note
from generator.pages.frontmatter import front_matter
from generator.related import Related
from generator.vocabulary import topics

NOT_ANNOTATED = "Not yet annotated: this article has no English summary yet."


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
        "countries": list(article.countries),
        "main_countries": list(article.main_countries),
        "topics": list(article.topics),
        "people": list(article.people),
        "organisations": list(article.organisations),
        "summary": article.summary,
        "notes": [{"quote": n.quote, "note": n.note} for n in article.notes],
        "source": article.source_path,
        "annotation": article.annotation_path,
    }


def render_article(article: Article, related: tuple[Related, ...]) -> str:
    page = article.page_path
    description = first_sentence(article.summary) if article.summary else article.title
    parts = [
        front_matter(article.display_title, description, {"article": article_metadata(article)}),
        f"# {md_text(article.display_title)}\n",
    ]
    if article.title_en:
        parts.append(f'<p class="digest-original-title" lang="id">{attr(article.title)}</p>\n')
    parts.append(_metadata_panel(article, page))
    parts.append("## Summary\n")
    if article.summary:
        parts.append(md_text(article.summary) + "\n")
    else:
        parts.append(f'!!! warning "Not yet annotated"\n    {md_text(NOT_ANNOTATED)}\n')
    parts.append("## Article text (Indonesian)\n")
    parts.append(_body(article.body, article.notes))
    parts.append(_related(related, page))
    parts.append(_source(article))
    return "\n".join(parts)


def _metadata_panel(article: Article, page: str) -> str:
    rows = []
    if article.published:
        rows.append(f"**Published:** {long_date(article.published)}")
    else:
        rows.append("**Published:** date unknown")
    if article.date_note:
        rows.append(f"**How the date was established:** {md_text(article.date_note)}")
    for label, value in (
        ("Outlet", article.outlet),
        ("Dateline", article.dateline),
        ("Original source", article.original_source),
        ("Editor", article.editor),
    ):
        if value:
            rows.append(f"**{label}:** {md_text(value)}")
    if article.countries:
        rows.append(
            "**Countries:** "
            + ", ".join(f"{flag(c)} {link(country_name(c), page, country_page(c))}" for c in article.countries)
        )
    if article.topics:
        vocabulary = topics()
        rows.append(
            "**Topics:** "
            + ", ".join(
                link(vocabulary[t].label if t in vocabulary else t, page, topic_page(t)) for t in article.topics
            )
        )
    if article.people:
        rows.append("**People:** " + "; ".join(md_text(p) for p in article.people))
    if article.organisations:
        rows.append("**Organisations:** " + "; ".join(md_text(o) for o in article.organisations))
    lines = "\n".join(f"    - {row}" for row in rows)
    return f'!!! info "About this report"\n\n{lines}\n'


def _body(body: str, notes: tuple[Note, ...]) -> str:
    """The cleaned text as literal paragraphs, each note marked at its phrase with a footnote."""
    paragraphs = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    footnotes = []
    placed = set()
    rendered = []
    for paragraph in paragraphs:
        pieces, rest = [], paragraph
        for number, note in enumerate(notes, start=1):
            quote = " ".join(note.quote.split())
            if number in placed or not quote or quote not in rest:
                continue
            before, after = rest.split(quote, 1)
            pieces.append(md_text(before) + (" " if before.endswith(" ") else ""))
            pieces.append(f"<mark>{md_text(quote)}</mark>[^{number}]" + (" " if after.startswith(" ") else ""))
            rest = after
            placed.add(number)
        pieces.append(md_text(rest))
        rendered.append("".join(pieces))
    for number, note in enumerate(notes, start=1):
        if number in placed:
            footnotes.append(f"[^{number}]: {md_text(note.note)}")
    text = "\n\n".join(rendered) if rendered else "*The article text is empty.*"
    block = f'<div class="digest-article-text" lang="id" markdown>\n\n{text}\n\n</div>\n'
    if footnotes:
        block += "\n" + "\n".join(footnotes) + "\n"
    return block


def _related(related: tuple[Related, ...], page: str) -> str:
    if not related:
        return "## Related coverage\n\nNo other article shares a country, topic or person with this one yet.\n"
    vocabulary = topics()
    items = []
    for entry in related:
        reasons = [", ".join(country_name(c) for c in entry.countries)] if entry.countries else []
        if entry.topics:
            reasons.append(", ".join(vocabulary[t].label if t in vocabulary else t for t in entry.topics))
        if entry.people:
            reasons.append(", ".join(entry.people))
        date = long_date(entry.article.published) if entry.article.published else "undated"
        items.append(
            f"- {link(entry.article.display_title, page, entry.article.page_path)} ({date})"
            f" — *shares {md_text(' · '.join(reasons))}*"
        )
    return "## Related coverage\n\n" + "\n".join(items) + "\n"


def _source(article: Article) -> str:
    lines = ["## Source\n"]
    if is_web_url(article.url):
        lines.append(f'Published at <a href="{attr(article.url)}" rel="nofollow noopener">{attr(article.url)}</a>.')
    else:
        lines.append("The original web address of this article is not recorded.")
    lines.append(f"The raw text, as scraped, is kept in the repository as {md_text(article.source_path)}.")
    return "\n".join(lines) + "\n"
