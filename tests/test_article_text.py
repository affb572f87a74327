"""The article text and the glossary give the bytes of their first, simpler implementation.

(The reference numbers footnotes in the order their phrases come in the text since notes were
numbered so: before, in the order of the annotation, which could drop a note whose phrase came
before an earlier note's in the same paragraph.)

`_body` and `abbreviate` were rewritten for speed (a paragraph is folded only when it needs it,
paragraphs with nothing to mark or link go through the glossary together, country names are found
with `str.find`, the acronym pattern has no lookbehind). The first implementation is kept below as
the reference, and random articles full of awkward cases must render the same through both.
"""

from __future__ import annotations

import html
import random
import re
import sys
from functools import cache

from generator.collection import country_page
from generator.country_names import country_names_in_text
from generator.glossary import abbreviate, abbreviate_folded, glossary
from generator.htmltext import link
from generator.model import Note
from generator.pages.article import _body, _paragraphs

# ---- The reference: the code before the speed-up, unchanged but for names -----------------------


@cache
def _reference_pattern() -> re.Pattern[str] | None:
    terms = sorted(glossary(), key=lambda term: (-len(term), term))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def reference_abbreviate(text: str) -> str:
    flat = " ".join(text.split())
    pattern = _reference_pattern()
    if pattern is None:
        return html.escape(flat, quote=True)
    entries = glossary()
    pieces = pattern.split(flat)  # text, acronym, text, acronym, …, text
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(f'<abbr title="{html.escape(entries[piece], quote=True)}">{piece}</abbr>')
        elif piece:
            out.append(html.escape(piece, quote=True))
    return "".join(out)


def reference_body(body: str, notes: tuple[Note, ...], countries: tuple[str, ...] = (), page: str = "") -> str:
    paragraphs = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    footnotes = []
    placed = {}  # note → its number, in the order the notes' phrases are met in the text
    unlinked = list(countries)
    rendered = []
    quotes = [" ".join(note.quote.split()) for note in notes]
    for paragraph in paragraphs:
        pieces, rest = [], paragraph
        while True:
            found = [(rest.find(q), i) for i, q in enumerate(quotes) if i not in placed and q and q in rest]
            if not found:
                break
            index = min(found)[1]
            number = placed[index] = len(placed) + 1
            before, after = rest.split(quotes[index], 1)
            pieces.append(_reference_linked(before, unlinked, page, countries))
            pieces.append(
                f'<mark class="digest-note">{reference_abbreviate(quotes[index])}</mark><sup id="fnref:{number}">'
                f'<a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'
            )
            rest = after
        pieces.append(_reference_linked(rest, unlinked, page, countries))
        rendered.append("<p>" + "".join(pieces).strip() + "</p>")
    for index, number in sorted(placed.items(), key=lambda item: item[1]):
        footnotes.append(
            f'<li id="fn:{number}">\n<p>{reference_abbreviate(notes[index].note)}&#160;<a class="footnote-backref" '
            f'href="#fnref:{number}" title="Jump back to footnote {number} in the text">&#8617;</a></p>\n</li>'
        )
    paragraphs_html = "\n".join(rendered) if rendered else "<p><em>The article text is empty.</em></p>"
    block = f'<div class="digest-article-text" lang="id">\n{paragraphs_html}\n</div>\n'
    if footnotes:
        block += '\n<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(footnotes) + "\n</ol>\n</div>\n"
    return block


def _reference_spaced(escaped: str, raw: str) -> str:
    if not raw.strip():
        return " " if raw else ""
    return (" " if raw[0].isspace() else "") + escaped + (" " if raw[-1].isspace() else "")


@cache
def _reference_country_mentions(countries: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    names = {name: code for code in countries for name in country_names_in_text(code)}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)"), names


def _reference_linked(segment: str, unlinked: list[str], page: str, countries: tuple[str, ...] = ()) -> str:
    mentions = _reference_country_mentions(countries) if unlinked and page else None
    if mentions is None:
        return _reference_spaced(reference_abbreviate(segment), segment)
    pattern, names = mentions
    out, start = [], 0
    for match in pattern.finditer(segment):
        code = names[match.group(1)]
        if code not in unlinked:
            continue
        unlinked.remove(code)
        before = segment[start : match.start()]
        out.append(_reference_spaced(reference_abbreviate(before), before))
        out.append(link(reference_abbreviate(match.group(1)), page, country_page(code)))
        start = match.end()
    rest = segment[start:]
    out.append(_reference_spaced(reference_abbreviate(rest), rest))
    return "".join(out)


# ---- Random text full of the cases that matter ---------------------------------------------------

# Countries whose names contain or overlap others', or hold characters that are escaped or not ASCII.
COUNTRIES = ("IR", "RU", "US", "GN", "GQ", "GW", "PG", "NE", "NG", "SD", "SS", "KR", "KP", "DO", "DM", "BA", "CI", "TR")
NAMES = sorted({name for code in COUNTRIES for name in country_names_in_text(code)})
WORDS = [
    *glossary(),
    *NAMES,
    *(name.lower() for name in NAMES[:5]),
    "dan",
    "di",
    "Presiden",
    "Kemlu",
    "Menlu",
    "KOMPAS",
    "ASEAN-nya",
    "AS,",
    "(PBB)",
    "“kata",
    "dia”",
    "x_AS",
    "AS_x",
    "éAS",
    "ASé",
    "3AS",
    "AS3",
    "<b>",
    "&amp;",
    "'q'",
    '"dq"',
    "a&b",
    "—",
    "😀",
    "Nigeriaku",
    "Guinea-",
]
SPACES = [" "] * 30 + ["  ", "\t", "\xa0", " \u2009", "\u3000"]


def random_line(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randrange(0, 14))]
    line = ""
    for word in words:
        line += word + rng.choice(SPACES if rng.random() < 0.9 else ["", "-", ".", ",", "'"])
    if rng.random() < 0.1:
        line = " " + line
    return line


def random_body(rng: random.Random) -> str:
    separators = ["\n"] * 8 + ["\n\n", "\r\n", "\n \n", "\u2028", "\x0c", "\x85"]
    lines = [random_line(rng) for _ in range(rng.randrange(0, 8))]
    body = ""
    for line in lines:
        body += line + rng.choice(separators if rng.random() < 0.3 else ["\n\n"])
    return body


def random_notes(rng: random.Random, body: str) -> tuple[Note, ...]:
    notes = []
    flat = " ".join(body.split())
    for _ in range(rng.randrange(0, 4)):
        kind = rng.random()
        if kind < 0.6 and flat:  # a phrase of the text, with its spaces changed now and then
            start = rng.randrange(len(flat))
            quote = flat[start : start + rng.randrange(1, 30)]
            if rng.random() < 0.2:
                quote = quote.replace(" ", "\n  ")
        elif kind < 0.8:
            quote = rng.choice(WORDS)
        else:
            quote = rng.choice(["", "   ", "tidak ada di teks"])
        notes.append(Note(quote=quote, note=random_line(rng)))
    return tuple(notes)


def test_the_article_text_is_the_same_as_the_first_implementation_on_random_articles():
    rng = random.Random(20241124)
    for _ in range(3000):
        body = random_body(rng)
        notes = random_notes(rng, body)
        countries = tuple(rng.sample(COUNTRIES, rng.randrange(0, 5)))
        if countries and rng.random() < 0.1:
            countries += countries[:1]  # the same country twice: its first two mentions are linked
        page = rng.choice(["articles/2024/x.md"] * 9 + [""])
        assert _body(body, notes, countries, page) == reference_body(body, notes, countries, page), (
            body,
            notes,
            countries,
            page,
        )


def test_the_glossary_gives_the_same_as_the_first_implementation_on_random_text():
    rng = random.Random(7)
    for _ in range(3000):
        text = random_line(rng) + rng.choice(["", "\n", " \t "]) + random_line(rng)
        assert abbreviate(text) == reference_abbreviate(text), text


def test_paragraphs_joined_by_line_breaks_go_through_the_glossary_as_each_would():
    rng = random.Random(11)
    for _ in range(1000):
        paragraphs = [" ".join(random_line(rng).split()) for _ in range(rng.randrange(1, 6))]
        paragraphs = [p for p in paragraphs if p] or ["AS"]
        assert abbreviate_folded("\n".join(paragraphs)).split("\n") == [abbreviate_folded(p) for p in paragraphs]


def test_the_country_and_glossary_corner_cases_by_name():
    countries = ("GN", "PG", "NE", "SD", "SS")
    body = "Papua New Guinea dan Guinea. Nigeria, Niger; Sudan Selatan lalu Sudan.\nGuinea lagi AS"
    assert _body(body, (), countries, "articles/2024/x.md") == reference_body(body, (), countries, "articles/2024/x.md")
    assert '<a href="../../../countries/guinea/">Guinea</a>.' in _body(body, (), countries, "articles/2024/x.md")


def test_a_printable_line_has_no_whitespace_but_the_space_and_no_line_break():
    """What `_paragraphs` relies on to keep lines that need no folding as they are, for every character."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if character.isprintable() and character != " ":
            assert not character.isspace(), hex(code)
            assert len(f"a{character}b".splitlines()) == 1, hex(code)


def test_paragraphs_are_folded_lines_whatever_their_whitespace():
    rng = random.Random(3)
    for _ in range(3000):
        body = random_body(rng)
        assert _paragraphs(body) == [" ".join(line.split()) for line in body.splitlines() if line.strip()], body


def _footnote_numbers(block: str) -> tuple[list[str], list[str]]:
    """The numbers of the footnote references in the text, and the notes of the list, in order."""
    references = re.findall(r'<mark class="digest-note">([^<]*)</mark><sup id="fnref:(\d+)">', block)
    listed = re.findall(r'<li id="fn:(\d+)">\n<p>([^&]*)&#160;', block)
    return [f"{number}:{quote}" for quote, number in references], [f"{number}:{note}" for number, note in listed]


def test_footnotes_are_numbered_in_the_order_a_reader_meets_their_phrases():
    """Seed 001's annotation notes Patrushev (second paragraph) before Samkhani (first): the page read
    ² before ¹."""
    body = "Sekjen Ali Samkhani berkata.\n\nDia menelepon Nikolai Patrushev."
    notes = (Note("Nikolai Patrushev", "About Patrushev."), Note("Ali Samkhani", "About Samkhani."))
    assert _footnote_numbers(_body(body, notes)) == (
        ["1:Ali Samkhani", "2:Nikolai Patrushev"],
        ["1:About Samkhani.", "2:About Patrushev."],
    )


def test_two_notes_in_one_paragraph_are_both_marked_whatever_their_order_in_the_annotation():
    """The phrase written second came first in the paragraph: it was left unmarked and its note
    dropped from the page."""
    body = "Iran dan Rusia bertemu di Moskow."
    notes = (Note("Moskow", "The capital."), Note("Iran dan Rusia", "Two states."))
    assert _footnote_numbers(_body(body, notes)) == (
        ["1:Iran dan Rusia", "2:Moskow"],
        ["1:Two states.", "2:The capital."],
    )


def test_a_note_in_paragraphs_is_shown_in_paragraphs_with_the_way_back_in_the_last():
    block = _body("Iran dan Rusia bertemu di Moskow.", (Note("Moskow", "The capital.\n\nOf Russia."),))
    assert '<li id="fn:1">\n<p>The capital.</p>\n<p>Of Russia.&#160;<a class="footnote-backref"' in block


def test_a_summary_in_paragraphs_is_shown_in_paragraphs():
    from generator.pages.article import render_article
    from tests.factories import article

    page = render_article(article("a", summary="Iran and Russia met.\n\nThey spoke of the border."), ())
    assert "## Summary\n\n<p>Iran and Russia met.</p>\n<p>They spoke of the border.</p>\n" in page
