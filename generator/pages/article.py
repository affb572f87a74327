"""The page of one article: titles, metadata panel, summary, Indonesian text with notes, related."""

from __future__ import annotations

import html
import re
from functools import cache

from generator.collection import country_page, topic_page
from generator.country_names import city_in_english, country_name, country_names_in_text, flagged, in_reading_order
from generator.feeds import ALL_FEED
from generator.glossary import abbreviate, abbreviate_folded
from generator.htmltext import PANEL_START, PANEL_TITLE, RAW_TEXT_KEPT, link, text
from generator.markdown import article_date, first_sentence, is_web_url, md_text
from generator.metadata import article_metadata
from generator.model import Article, Note
from generator.pages.frontmatter import front_matter
from generator.related import Related
from generator.vocabulary import topic_label

# Article pages outrank the index pages that repeat their titles and summaries in search results,
# and offer the digest's feed in their head (see overrides/main.html). Their tags are for search
# (`+tags:iran`, and shown on each result) and are not shown above the title: they repeated the
# box's Countries and Topics rows, as pills that looked like links and were not.
ARTICLE_PAGE_META = {"search": {"boost": 4}, "feed": ALL_FEED, "hide": ["tags"]}

NOT_ANNOTATED = "This article has no English summary yet."  # under the heading "Not yet annotated"
# After "Published: about <date>": why "about", in a word; the date note, next, says how it was estimated.
ESTIMATED = " (estimated: neither the text nor the outlet gives it)"


def article_tags(article: Article) -> list[str]:
    """English country names and topic labels as Material tags, for search: `+tags:iran gencatan`
    narrows a search to articles about Iran. Material prints them unescaped."""
    names = [country_name(c) for c in in_reading_order(article.countries, article.main_countries)]
    names += [topic_label(t) for t in article.topics]
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
        parts.append("".join(f"<p>{paragraph}</p>\n" for paragraph in _prose_paragraphs(article.summary)))
    else:
        parts.append(f'!!! warning "Not yet annotated"\n    {md_text(NOT_ANNOTATED)}\n')
    parts.append("## Article text (Indonesian)\n")
    parts.append(_body(article.body, article.notes, article.countries, page))
    parts.append(_related(related, article))
    parts.append(_source(article))
    return "\n".join(parts)


def _metadata_panel(article: Article, page: str) -> str:
    """Material's admonition markup, written directly (`mkdocs_hooks` finds the panel by its first tag)."""
    rows = []
    if article.published:
        shown = article_date(article.published, article.date_estimated)
        rows.append(f"<strong>Published:</strong> {shown}{ESTIMATED if article.date_estimated else ''}")
    else:
        rows.append("<strong>Published:</strong> date unknown")
    if article.date_note:
        rows.append(f"<strong>How the date was established:</strong> {abbreviate(article.date_note)}")
    for label, value in (
        ("Outlet", article.outlet),
        ("Dateline", article.dateline and city_in_english(article.dateline)),
        ("Original source", article.original_source),
        ("Editor", article.editor),
    ):
        if value:
            rows.append(f"<strong>{label}:</strong> {text(value)}")
    if article.countries:
        rows.append(
            "<strong>Countries:</strong> "
            + ", ".join(
                flagged(c, link(text(country_name(c)), page, country_page(c)))
                for c in in_reading_order(article.countries, article.main_countries)
            )
        )
    if article.topics:
        rows.append(
            "<strong>Topics:</strong> "
            + ", ".join(link(text(topic_label(t)), page, topic_page(t)) for t in article.topics)
        )
    # Names with their titles as the Indonesian text writes them ("Presiden Rusia Vladimir Putin"): marked
    # as Indonesian, for screen readers to pronounce them so.
    if article.people:
        rows.append(
            '<strong>People:</strong> <span lang="id">' + "; ".join(map(abbreviate, article.people)) + "</span>"
        )
    if article.organisations:
        names = "; ".join(map(abbreviate, article.organisations))
        rows.append(f'<strong>Organisations:</strong> <span lang="id">{names}</span>')
    items = "\n".join(f"<li>{row}</li>" for row in rows)
    return f'{PANEL_START}\n<p class="admonition-title">{PANEL_TITLE}</p>\n<ul>\n{items}\n</ul>\n</div>\n'


def _body(body: str, notes: tuple[Note, ...], countries: tuple[str, ...] = (), page: str = "") -> str:
    """The cleaned text as literal paragraphs, each note marked at its phrase with a footnote, and the
    first mention of each of the article's countries linked to its page.

    The text is split into plain segments first and each segment is escaped on its own, so the only
    markup in the result is the markup inserted here (marks, footnote references, links, and the
    glossary's abbreviations). The footnotes follow the text, in Python-Markdown's `footnotes`
    markup, which Material's footnote tooltips read.
    """
    # Whitespace is folded once per paragraph here, so the segments below need no folding of their own.
    paragraphs = _paragraphs(body)
    quotes = [" ".join(note.quote.split()) for note in notes]
    # Only the names the text contains can be linked: once they are, no paragraph needs looking at.
    whole_text = "\n".join(paragraphs)
    names = tuple((name, code) for name, code in _country_names(countries) if name in whole_text) if page else ()
    mentioned = {code for _, code in names}
    unlinked = [code for code in countries if code in mentioned]
    footnotes = []
    placed: dict[int, int] = {}  # a note's position among `notes` → its footnote's number
    rendered = []
    plain = []  # where in `rendered` the paragraphs with no phrase to mark and no country to link are
    for paragraph in paragraphs:
        if (unlinked and _mentions_any(paragraph, unlinked, names)) or _has_unmarked_phrase(paragraph, quotes, placed):
            rendered.append(_marked(paragraph, quotes, placed, unlinked, names, page))
        else:
            plain.append(len(rendered))
            rendered.append(paragraph)
    if plain:
        # Most paragraphs: through the glossary in one call, joined by line breaks (an acronym never
        # spans one, and a line break ends a word as the end of the text does).
        abbreviated = abbreviate_folded("\n".join(rendered[index] for index in plain)).split("\n")
        for index, paragraph_html in zip(plain, abbreviated, strict=True):
            rendered[index] = f"<p>{paragraph_html}</p>"
    for index, number in placed.items():  # in the order they were placed, which is their numbers'
        *before, last = _prose_paragraphs(notes[index].note)
        backlink = (
            f'&#160;<a class="footnote-backref" href="#fnref:{number}" '
            f'title="Jump back to footnote {number} in the text">&#8617;</a>'
        )
        footnotes.append(
            f'<li id="fn:{number}">\n' + "".join(f"<p>{p}</p>\n" for p in before) + f"<p>{last}{backlink}</p>\n</li>"
        )
    paragraphs_html = "\n".join(rendered) if rendered else "<p><em>The article text is empty.</em></p>"
    block = f'<div class="digest-article-text" lang="id">\n{paragraphs_html}\n</div>\n'
    if footnotes:
        block += '\n<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(footnotes) + "\n</ol>\n</div>\n"
    return block


def _prose_paragraphs(prose: str) -> list[str]:
    """A summary's or a note's paragraphs (a blank line apart, see `annotation._paragraphs`) as HTML."""
    return [abbreviate(paragraph) for paragraph in prose.split("\n\n")]


def _paragraphs(body: str) -> list[str]:
    """The lines of `body` with whitespace folded to single spaces, blank ones left out."""
    lines = body.split("\n")
    # Cleaned text is mostly folded already, and checking that takes about half the time of folding
    # (on the 1,000 reference articles): a printable line has no whitespace but the space (no tab,
    # no other line break either).
    if "  " not in body and all(line.isprintable() and line[:1] != " " and line[-1:] != " " for line in lines):
        return [line for line in lines if line]
    return [" ".join(words) for line in body.splitlines() if (words := line.split())]


def _has_unmarked_phrase(paragraph: str, quotes: list[str], placed: dict[int, int]) -> bool:
    """Whether the phrase of a note not yet `placed` occurs in `paragraph`."""
    return bool(quotes) and any(
        quote and quote in paragraph for index, quote in enumerate(quotes) if index not in placed
    )


def _marked(
    paragraph: str,
    quotes: list[str],
    placed: dict[int, int],
    unlinked: list[str],
    names: tuple[tuple[str, str], ...],
    page: str,
) -> str:
    """A paragraph with the phrases of the notes not yet `placed` marked and numbered for their
    footnotes, and its text between them `_linked`.

    Footnotes are numbered in the order of their phrases in the text, as a reader meets them (a note
    written first in the annotation may be about a later paragraph): in a paragraph the phrase that
    comes first is marked first, then the next one after it. A phrase overlapping one marked before
    it is left for a later paragraph."""
    pieces, start = [], 0
    while True:
        found = [
            (at, index)
            for index, quote in enumerate(quotes)
            if index not in placed and quote and (at := paragraph.find(quote, start)) >= 0
        ]
        if not found:
            break
        at, index = min(found)  # the first phrase; of two at one place, the note written first
        number = placed[index] = len(placed) + 1
        end = at + len(quotes[index])
        pieces.append(_linked(paragraph[start:at], unlinked, names, page))
        pieces.append(
            f'<mark class="digest-note">{abbreviate_folded(quotes[index])}</mark><sup id="fnref:{number}">'
            f'<a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'
        )
        start = end
    pieces.append(_linked(paragraph[start:], unlinked, names, page))
    return "<p>" + "".join(pieces).strip() + "</p>"


def _escaped(raw: str) -> str:
    """A segment of a folded paragraph as HTML, acronyms explained, keeping one space at either end
    so that segments join up as they were."""
    folded = raw.strip(" ")
    if not folded:
        return " " if raw else ""
    escaped = abbreviate_folded(folded)
    return (" " if raw[0] == " " else "") + escaped + (" " if raw[-1] == " " else "")


@cache
def _country_names(countries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Every name of `countries` (CLDR, English and Indonesian) and its code, longest name first."""
    codes = {name: code for code in countries for name in country_names_in_text(code)}
    return tuple((name, codes[name]) for name in sorted(codes, key=lambda name: (-len(name), name)))


# A word character, as `\w` sees it: a country name is only a mention where none touches it.
_WORD_CHARACTER = re.compile(r"\w")


def _mentions(segment: str, names: tuple[tuple[str, str], ...]) -> list[tuple[int, str, str]]:
    r"""Start, name and code of each country name in `segment`, left to right: the matches of the regex
    `(?<!\w)(name|name|…)(?!\w)`, its names longest first.

    Found with `str.find` rather than that regex, which had to be compiled for each set of countries
    (0.16 ms each, 477 sets in the 1,000 reference articles) and was tried at every position of the
    text. As with the regex, the longest name that stands as whole words at a position wins, and a
    mention hides any other that starts inside it.
    """
    longest_at: dict[int, tuple[str, str]] = {}
    for name, code in names:  # longest first, so the first whole-word name found at a start wins
        start = segment.find(name)
        while start >= 0:
            if (
                start not in longest_at
                and not (start and _WORD_CHARACTER.match(segment, start - 1))
                and not _WORD_CHARACTER.match(segment, start + len(name))
            ):
                longest_at[start] = (name, code)
            start = segment.find(name, start + 1)
    mentions = []
    done = 0
    for start in sorted(longest_at):
        if start >= done:
            name, code = longest_at[start]
            mentions.append((start, name, code))
            done = start + len(name)
    return mentions


def _mentions_any(text: str, unlinked: list[str], names: tuple[tuple[str, str], ...]) -> bool:
    """Whether a name of a country in `unlinked` occurs in `text` at all (as whole words or not)."""
    return any(name in text for name, code in names if code in unlinked)


def _linked(segment: str, unlinked: list[str], names: tuple[tuple[str, str], ...], page: str) -> str:
    """Escaped `segment` (a piece of a folded paragraph) with the first mention of each country still
    in `unlinked` linked to its page (and removed from `unlinked`). Names come from CLDR in English
    and Indonesian."""
    if not unlinked or not _mentions_any(segment, unlinked, names):
        return _escaped(segment)  # nothing to link: no need to find where the names are
    out, done = [], 0
    for start, name, code in _mentions(segment, names):
        if code not in unlinked:  # mentioned before: the name stays text
            continue
        unlinked.remove(code)
        out.append(_escaped(segment[done:start]))
        out.append(link(abbreviate(name), page, country_page(code)))
        done = start + len(name)
        if not unlinked:
            break
    out.append(_escaped(segment[done:]))
    return "".join(out)


def _related(related: tuple[Related, ...], article: Article) -> str:
    """What each related article shares, its countries and topics in the order of this page's box."""
    if not related:
        return "## Related coverage\n\nNo other article shares a country, topic or person with this one yet.\n"
    page = article.page_path
    topic_order = {topic: index for index, topic in enumerate(article.topics)}
    items = []
    for entry in related:
        countries = in_reading_order(entry.countries, article.main_countries)
        reasons = [", ".join(country_name(c) for c in countries)] if countries else []
        if entry.topics:
            shared = sorted(entry.topics, key=lambda t: (topic_order.get(t, len(topic_order)), t))
            reasons.append(", ".join(map(topic_label, shared)))
        if entry.people:
            reasons.append(", ".join(entry.people))
        other = entry.article
        date = article_date(other.published, other.date_estimated) if other.published else "undated"
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
    lines.append(f"{RAW_TEXT_KEPT}{md_text(article.repository_source)}.")
    return "\n".join(lines) + "\n"
