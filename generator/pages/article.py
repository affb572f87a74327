"""The page of one article: titles, metadata panel, summary, Indonesian text with notes, related."""

from __future__ import annotations

import html
import re
from functools import cache

from generator.collection import country_page, topic_page
from generator.country_names import country_name, country_names_in_text, flag
from generator.feeds import ALL_FEED
from generator.glossary import abbreviate
from generator.htmltext import PANEL_START, link, text
from generator.markdown import first_sentence, is_web_url, long_date, md_text
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
    """The page's Markdown: headings in Markdown (they make the table of contents), everything else
    as raw HTML blocks (see generator/htmltext.py: Python-Markdown's cost), the source note last."""
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
        parts.append(f'<p class="digest-original-title" lang="id">{text(article.title)}</p>\n')
    parts.append(_metadata_panel(article, page))
    parts.append("## Summary\n")
    if article.summary:
        parts.append(f"<p>{abbreviate(article.summary)}</p>\n")
    else:
        parts.append(f'!!! warning "Not yet annotated"\n    {md_text(NOT_ANNOTATED)}\n')
    parts.append("## Article text (Indonesian)\n")
    parts.append(_body(article.body, article.notes, article.countries, page))
    parts.append(_related(related, page))
    parts.append(_source(article))
    return "\n".join(parts)


def _metadata_panel(article: Article, page: str) -> str:
    """Material's admonition markup, written directly (`mkdocs_hooks` finds the panel by its first tag)."""
    rows = []
    if article.published:
        rows.append(f"<strong>Published:</strong> {long_date(article.published)}")
    else:
        rows.append("<strong>Published:</strong> date unknown")
    if article.date_note:
        rows.append(f"<strong>How the date was established:</strong> {abbreviate(article.date_note)}")
    for label, value in (
        ("Outlet", article.outlet),
        ("Dateline", article.dateline),
        ("Original source", article.original_source),
        ("Editor", article.editor),
    ):
        if value:
            rows.append(f"<strong>{label}:</strong> {text(value)}")
    if article.countries:
        rows.append(
            "<strong>Countries:</strong> "
            + ", ".join(f"{flag(c)} {link(text(country_name(c)), page, country_page(c))}" for c in article.countries)
        )
    if article.topics:
        vocabulary = topics()
        rows.append(
            "<strong>Topics:</strong> "
            + ", ".join(
                link(text(vocabulary[t].label if t in vocabulary else t), page, topic_page(t)) for t in article.topics
            )
        )
    if article.people:
        rows.append("<strong>People:</strong> " + "; ".join(abbreviate(p) for p in article.people))
    if article.organisations:
        rows.append("<strong>Organisations:</strong> " + "; ".join(abbreviate(o) for o in article.organisations))
    items = "\n".join(f"<li>{row}</li>" for row in rows)
    return f'{PANEL_START}\n<p class="admonition-title">About this report</p>\n<ul>\n{items}\n</ul>\n</div>\n'


def _body(body: str, notes: tuple[Note, ...], countries: tuple[str, ...] = (), page: str = "") -> str:
    """The cleaned text as literal paragraphs, each note marked at its phrase with a footnote, and the
    first mention of each of the article's countries linked to its page.

    The text is split into plain segments first and each segment is escaped on its own, so the only
    markup in the result is the markup inserted here (marks, footnote references, links, and the
    glossary's abbreviations). The footnotes follow the text, in Python-Markdown's `footnotes`
    markup, which Material's footnote tooltips read.
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
            pieces.append(
                f'<mark>{abbreviate(quote)}</mark><sup id="fnref:{number}">'
                f'<a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'
            )
            rest = after
            placed.add(number)
        pieces.append(_linked(rest, unlinked, page, countries))
        rendered.append("<p>" + "".join(pieces).strip() + "</p>")
    for number, note in enumerate(notes, start=1):
        if number in placed:
            footnotes.append(
                f'<li id="fn:{number}">\n<p>{abbreviate(note.note)}&#160;<a class="footnote-backref" '
                f'href="#fnref:{number}" title="Jump back to footnote {number} in the text">&#8617;</a></p>\n</li>'
            )
    paragraphs_html = "\n".join(rendered) if rendered else "<p><em>The article text is empty.</em></p>"
    block = f'<div class="digest-article-text" lang="id">\n{paragraphs_html}\n</div>\n'
    if footnotes:
        block += '\n<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(footnotes) + "\n</ol>\n</div>\n"
    return block


def _spaced(escaped: str, raw: str) -> str:
    """Keep one space at either end of a segment, so escaped segments join up as they were."""
    if not raw.strip():
        return " " if raw else ""
    return (" " if raw[0].isspace() else "") + escaped + (" " if raw[-1].isspace() else "")


@cache
def _country_mentions(countries: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for every name of `countries` (longest first) and the code of each name."""
    names = {name: code for code in countries for name in country_names_in_text(code)}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)"), names


def _linked(segment: str, unlinked: list[str], page: str, countries: tuple[str, ...] = ()) -> str:
    """Escaped `segment` with the first mention of each country still in `unlinked` linked to its page
    (and removed from `unlinked`). Names come from CLDR in English and Indonesian."""
    mentions = _country_mentions(countries) if unlinked and page else None
    if mentions is None:
        return _spaced(abbreviate(segment), segment)
    pattern, names = mentions
    out, start = [], 0
    for match in pattern.finditer(segment):
        code = names[match.group(1)]
        if code not in unlinked:
            continue
        unlinked.remove(code)
        before = segment[start : match.start()]
        out.append(_spaced(abbreviate(before), before))
        out.append(link(abbreviate(match.group(1)), page, country_page(code)))
        start = match.end()
    rest = segment[start:]
    out.append(_spaced(abbreviate(rest), rest))
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
            f"<li>{link(text(entry.article.display_title), page, entry.article.page_path)} ({date})"
            f" — <em>shares {text(' · '.join(reasons))}</em></li>"
        )
    return "## Related coverage\n\n<ul>\n" + "\n".join(items) + "\n</ul>\n"


def _source(article: Article) -> str:
    lines = ["## Source\n"]
    if is_web_url(article.url):
        lines.append(f'Published at <a href="{text(article.url)}" rel="nofollow noopener">{text(article.url)}</a>.')
    else:
        lines.append("The original web address of this article is not recorded.")
    lines.append(f"The raw text, as scraped, is kept in the repository as {md_text(article.repository_source)}.")
    return "\n".join(lines) + "\n"
