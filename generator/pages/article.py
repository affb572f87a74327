"""The page of one article: titles, metadata panel, summary, Indonesian text with notes, related."""

from __future__ import annotations

import html
import re
from functools import cache

from generator.collection import country_page, topic_page
from generator.country_names import country_name, country_names_in_text, flag
from generator.feeds import ALL_FEED
from generator.glossary import abbreviation_definitions
from generator.markdown import attr, first_sentence, is_web_url, link, long_date, md_text, relative
from generator.metadata import article_metadata
from generator.model import Article, Note
from generator.pages.frontmatter import front_matter
from generator.related import Related
from generator.vocabulary import topics

# Article pages outrank the index pages that repeat their titles and summaries in search results,
# and offer the digest's feed in their head (see overrides/main.html).
ARTICLE_PAGE_META = {"search": {"boost": 4}, "feed": ALL_FEED}

NOT_ANNOTATED = "Not yet annotated: this article has no English summary yet."


def article_tags(article: Article) -> list[str]:
    """English country names and topic labels as Material tags: shown above the article, and searchable
    (`+tags:iran gencatan` narrows a search to articles about Iran). Material prints them unescaped."""
    vocabulary = topics()
    names = [country_name(c) for c in article.countries]
    names += [vocabulary[t].label if t in vocabulary else t for t in article.topics]
    return [html.escape(name, quote=True) for name in names]


def render_article(article: Article, related: tuple[Related, ...]) -> str:
    page = article.page_path
    description = first_sentence(article.summary) if article.summary else article.title
    parts = [
        front_matter(
            article.display_title,
            description,
            {**ARTICLE_PAGE_META, "tags": article_tags(article), "article": article_metadata(article)},
        ),
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
    parts.append(_body(article.body, article.notes, article.countries, page))
    parts.append(_related(related, page))
    parts.append(_source(article))
    parts.append(
        abbreviation_definitions(
            article.title,
            article.title_en or "",
            article.summary or "",
            article.body,
            article.date_note or "",
            *article.people,
            *article.organisations,
            *(note.quote + " " + note.note for note in article.notes),
        )
    )
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


def _body(body: str, notes: tuple[Note, ...], countries: tuple[str, ...] = (), page: str = "") -> str:
    """The cleaned text as literal paragraphs, each note marked at its phrase with a footnote, and the
    first mention of each of the article's countries linked to its page.

    The text is split into plain segments first and each segment is escaped on its own, so the only
    Markdown in the result is the markup inserted here (marks, footnote references, links).
    """
    paragraphs = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    footnotes = []
    placed = set()
    unlinked = list(countries)
    rendered = []
    for paragraph in paragraphs:
        pieces, rest = [], paragraph
        for number, note in enumerate(notes, start=1):
            quote = " ".join(note.quote.split())
            if number in placed or not quote or quote not in rest:
                continue
            before, after = rest.split(quote, 1)
            pieces.append(_linked(before, unlinked, page, countries))
            pieces.append(f"<mark>{md_text(quote)}</mark>[^{number}]")
            rest = after
            placed.add(number)
        pieces.append(_linked(rest, unlinked, page, countries))
        rendered.append("".join(pieces).strip())
    for number, note in enumerate(notes, start=1):
        if number in placed:
            footnotes.append(f"[^{number}]: {md_text(note.note)}")
    text = "\n\n".join(rendered) if rendered else "*The article text is empty.*"
    block = f'<div class="digest-article-text" lang="id" markdown>\n\n{text}\n\n</div>\n'
    if footnotes:
        block += "\n" + "\n".join(footnotes) + "\n"
    return block


def _literal(text: str) -> str:
    """`md_text` that keeps one space at either end, so escaped segments join up as they were."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + md_text(text) + trail


@cache
def _country_mentions(countries: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for every name of `countries` (longest first) and the code of each name."""
    names = {name: code for code in countries for name in country_names_in_text(code)}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)"), names


def _linked(text: str, unlinked: list[str], page: str, countries: tuple[str, ...] = ()) -> str:
    """Escaped `text` with the first mention of each country still in `unlinked` linked to its page
    (and removed from `unlinked`). Names come from CLDR in English and Indonesian."""
    mentions = _country_mentions(countries) if unlinked and page else None
    if mentions is None:
        return _literal(text)
    pattern, names = mentions
    out, start = [], 0
    for match in pattern.finditer(text):
        code = names[match.group(1)]
        if code not in unlinked:
            continue
        unlinked.remove(code)
        out.append(_literal(text[start : match.start()]))
        out.append(f"[{md_text(match.group(1))}]({relative(page, country_page(code))})")
        start = match.end()
    out.append(_literal(text[start:]))
    return "".join(out)


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
    lines.append(f"The raw text, as scraped, is kept in the repository as {md_text(article.repository_source)}.")
    return "\n".join(lines) + "\n"
