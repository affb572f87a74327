"""Annotation parsing and checking: every message pinned verbatim, with its line and column."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from generator.annotation import SUMMARY_PLACEHOLDER, parse_annotation, suggest_country
from generator.model import ANNOTATION_KEYS, Annotation, Extracted, Note
from tests.sitebuild import SEEDS

TODAY = dt.date(2026, 1, 15)
TOPICS = ("border-security", "counter-terrorism", "diplomacy")
BODY = "Menteri luar negeri Iran bertemu mitranya di Moskow. Keduanya membahas perbatasan. Moskow menyambut."


NO_SUMMARY = 'no summary yet: shown as "not yet annotated"'
NO_DATE = "no publication date: "
DATED = Extracted(body=BODY, published=dt.date(2025, 1, 6))


def check(
    text: str, extracted: Extracted | None = None, *, every_warning: bool = False
) -> tuple[Annotation | None, list[str]]:
    """The annotation read from `text`, and its problems. Most cases here write no summary, and their
    text has no date: the warnings for those are left out unless `every_warning` (they have tests of
    their own)."""
    annotation, problems = parse_annotation(
        "a.yml", text, extracted=extracted or Extracted(body=BODY), today=TODAY, known_topics=TOPICS
    )
    found = [p.format() for p in problems]
    if every_warning:
        return annotation, found
    return annotation, [p for p in found if NO_SUMMARY not in p and NO_DATE not in p]


def test_a_complete_annotation_is_read_into_values():
    text = """\
title: Iran dan Rusia
title_en: Iran and Russia
url: https://example.com/a?b=1
outlet: Parstoday
original_source: IRNA
dateline: Teheran
published: 2025-11-24
date_note: stated in the text
date_estimated: false
countries: [IR, RU]
topics: [diplomacy]
people: [Abbas Araghchi]
organisations:
  - CSTO
summary: |
  Iran's foreign minister met his Russian counterpart in Moscow.
notes:
  - quote: "di Moskow"
    note: The meeting was in Moscow.
"""
    annotation, problems = check(text)
    assert problems == []
    assert annotation == Annotation(
        title="Iran dan Rusia",
        title_en="Iran and Russia",
        url="https://example.com/a?b=1",
        outlet="Parstoday",
        original_source="IRNA",
        dateline="Teheran",
        published=dt.date(2025, 11, 24),
        date_note="stated in the text",
        countries=("IR", "RU"),
        topics=("diplomacy",),
        people=("Abbas Araghchi",),
        organisations=("CSTO",),
        summary="Iran's foreign minister met his Russian counterpart in Moscow.",
        notes=(Note(quote="di Moskow", note="The meeting was in Moscow."),),
    )


@pytest.mark.parametrize(
    "text",
    ["", "\n", "# only a comment\n", "~\n", "title:\ntitle_en:\nurl:\ncountries:\nsummary: ''\n"],
)
def test_empty_annotations_and_empty_keys_mean_nothing_given(text):
    assert check(text) == (Annotation(), [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: [unclosed\n",  # at the '[' left open, not at the end of the file where the parser noticed
            "a.yml:1:8: error: invalid YAML: while parsing a flow sequence, expected ',' or ']', but got "
            "'<stream end>'; the '[' or '{' that opens here is not closed where expected: close it on this line, "
            "and quote items that contain ': '",
        ),
        (
            'title_en: "Unclosed\ncountries: [IR]\n',
            "a.yml:1:11: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream; "
            "the quote that opens here is never closed: close it on this line",
        ),
        (
            "notes:\n  - quote: di Moskow\n     note: x\n",  # not "quote values that contain ': '"
            "a.yml:3:10: error: invalid YAML: mapping values are not allowed here; this line is indented unlike "
            "the lines of its entry: indent each key of an entry alike, with spaces",
        ),
        (
            "notes:\n - quote: di Moskow\n  note: x\n",
            "a.yml:3:3: error: invalid YAML: while parsing a block collection, expected <block end>, but found "
            "'<block mapping start>'; this line is indented unlike the lines of its entry: indent each key of an "
            "entry alike, with spaces",
        ),
        (
            "published: 03/03/2025\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, "
            "but received: '03/03/2025'; write it as 2025-03-03",
        ),
        *(
            (
                f"published: {written}\n",
                f"a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: {written!r}; "
                "write it as 2025-03-14",
            )
            for written in ("14-03-2025", "2025-3-14", "2025/03/14", "14.03.2025")  # no hint before
        ),
        *(
            (
                f"published: {written}\n",
                f"a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: {written!r}; "
                "write it as 2024-09-18",
            )
            # ISO date-times, as pages' metadata gives them: no hint before for those with a 'T'
            for written in (
                "2024-09-18T09:12:00+07:00",
                "2024-09-18T09:12:00",
                "2024-09-18T02:12:00Z",
                "2024-09-18T09:12:00.000+0700",
                "2024-09-18 09:12:00+07:00",
            )
        ),
        (
            "published: 3 Maret 2025\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, "
            "but received: '3 Maret 2025'; write it as 2025-03-03",
        ),
        (
            "countries: [IR, RU\ntopics: [diplomacy]\n",
            "a.yml:1:12: error: invalid YAML: while parsing a flow sequence, expected ',' or ']', but got ':'; "
            "the '[' or '{' that opens here is not closed where expected: close it on this line, "
            "and quote items that contain ': '",
        ),
        (
            # left open mid-file: the parser stopped where the next quote (line 3) closed it
            'title_en: "Unclosed\nurl:\nnotes:\n- quote: "kata"\n  note: x\n',
            "a.yml:1:11: error: invalid YAML: while parsing a block mapping, expected <block end>, but found "
            "'<scalar>'; the quote that opens here is closed only on line 4: close it on this line, and write \\\" "
            "for a quote mark inside it",
        ),
        (
            'title_en: "Russia and Iran "agree" on a deal"\n',
            "a.yml:1:28: error: invalid YAML: while parsing a block mapping, expected <block end>, but found "
            "'<scalar>'; the value's quotes close here, before its end: write \\\" for a quote mark inside double "
            "quotes",
        ),
        (
            "title_en: 'Russia's deal with Iran'\n",
            "a.yml:1:18: error: invalid YAML: while parsing a block mapping, expected <block end>, but found "
            "'<scalar>'; the value's quotes close here, before its end: write '' for an apostrophe inside single "
            "quotes",
        ),
        (
            "title: a: b\n",
            "a.yml:1:9: error: invalid YAML: mapping values are not allowed here; "
            "quote values that contain ': ' or start with a special character",
        ),
        (  # a tab after a key, harmless to libyaml, but the message comes from PyYAML's own parser
            "title_en:\tIran\nnotes:\n- quote: Iran\n\tnote: y\n",
            "a.yml:1:10: error: invalid YAML: while scanning for the next token, found character '\\t' that cannot "
            "start any token; write a space instead of this tab: YAML takes no tab between a key or '-' and its value",
        ),
        (
            "title: x\n\tsummary: y\n",
            "a.yml:2:1: error: invalid YAML: while scanning for the next token, found character '\\t' "
            "that cannot start any token; indent with spaces, not tabs",
        ),
        ("title: a\x07\n", "a.yml:1:9: error: YAML cannot contain the character U+0007; remove it"),
        (
            "- IR\n- RU\n",
            "a.yml:1:1: error: the annotation must be a mapping of 'key: value' lines, but received 'a list'",
        ),
        (
            "just a sentence\n",
            "a.yml:1:1: error: the annotation must be a mapping of 'key: value' lines, but received 'just a sentence'",
        ),
        ("countires: [IR]\n", "a.yml:1:1: error: unknown key 'countires'; did you mean 'countries'?"),
        ("summry: x\n", "a.yml:1:1: error: unknown key 'summry'; did you mean 'summary'?"),
        *(
            (f"{written}: x\n", f"a.yml:1:1: error: unknown key {written!r}; did you mean {meant!r}?")
            # other names for a key: before, every key was listed, or a wrong one ('date' → 'dateline')
            for written, meant in (
                ("link", "url"),
                ("source_url", "url"),
                ("href", "url"),
                ("website", "url"),
                ("Link", "url"),
                ("date", "published"),
                ("headline", "title"),
                ("publisher", "outlet"),
                ("agency", "original_source"),
                ("tags", "topics"),
                ("persons", "people"),
                ("orgs", "organisations"),
            )
        ),
        (
            "colour: red\n",
            "a.yml:1:1: error: unknown key 'colour'; expected one of: title, title_en, url, outlet, "
            "original_source, dateline, editor, published, date_note, date_estimated, countries, topics, people, "
            "organisations, summary, notes",
        ),
        ("title: a\ntitle: b\n", "a.yml:2:1: error: duplicate key 'title' (first given on line 1); keep only one"),
        ("[a]: b\n", "a.yml:1:1: error: keys must be plain words like 'title'"),
        (
            "title: [a, b]\n",
            "a.yml:1:8: error: 'title' must be text, but received a list; write it on one line after the colon",
        ),
        (
            "summary: {a: b}\n",
            "a.yml:1:10: error: 'summary' must be text, but received a mapping; write it on one line after the colon",
        ),
        (
            "people: Abbas Araghchi\n",
            "a.yml:1:9: error: 'people' must be a list like [first, second], but received: 'Abbas Araghchi'",
        ),
        ("countries: IR\n", "a.yml:1:12: error: 'countries' must be a list like [IR, RU], but received: 'IR'"),
        (
            "organisations: [[CSTO]]\n",
            "a.yml:1:17: error: each entry of 'organisations' must be text, but received a list; "
            "write it on one line after the colon",
        ),
        ("people: [a, '']\n", "a.yml:1:13: error: empty entry in 'people'; remove it"),
        (
            "published: 24 November 2025\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: '24 November 2025'; "
            "write it as 2025-11-24",
        ),
        (
            "published: 2025-02-30\n",
            "a.yml:1:12: error: 'published' is not a real date: '2025-02-30'; write it as YYYY-MM-DD",
        ),
        (
            "published: 2025-1-5\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: '2025-1-5'; "
            "write it as 2025-01-05",
        ),
        (
            "published: 2025-11-24 10:00\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: '2025-11-24 10:00'; "
            "write it as 2025-11-24",
        ),
        (
            "published: [2025-11-24]\n",
            "a.yml:1:12: error: 'published' must be a date written YYYY-MM-DD, but received: 'a list'",
        ),
        (
            "published: 2026-01-16\n",
            "a.yml:1:12: error: 'published' is in the future: 2026-01-16 "
            "(the latest date on Earth today is 2026-01-15); give the date the article was published",
        ),
        (
            "countries: [Iran]\n",
            "a.yml:1:13: error: 'Iran' is not an ISO 3166-1 alpha-2 country code; did you mean 'IR'?",
        ),
        ("countries: [ir]\n", "a.yml:1:13: error: 'ir' is not an ISO 3166-1 alpha-2 country code; did you mean 'IR'?"),
        (
            "countries: [Rusia]\n",
            "a.yml:1:13: error: 'Rusia' is not an ISO 3166-1 alpha-2 country code; did you mean 'RU'?",
        ),
        (
            "countries: [IRN]\n",
            "a.yml:1:13: error: 'IRN' is not an ISO 3166-1 alpha-2 country code; did you mean 'IR'?",
        ),
        (  # the EU's code for the United Kingdom, not ISO's
            "countries: [UK]\n",
            "a.yml:1:13: error: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
        ),
        (
            "countries: [XY]\n",
            "a.yml:1:13: error: 'XY' is not an ISO 3166-1 alpha-2 country code; see https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2",
        ),
        (
            "countries: [EU]\n",
            "a.yml:1:13: error: 'EU' is not an ISO 3166-1 alpha-2 country code; see https://en.wikipedia.org/wiki/ISO_3166-1_alpha-2",
        ),
        (
            "topics: [diplomasi]\n",
            "a.yml:1:10: error: unknown topic 'diplomasi'; did you mean 'diplomacy'? "
            "(topics are listed in generator/data/topics.yml)",
        ),
        (
            "topics: [weather]\n",
            "a.yml:1:10: error: unknown topic 'weather'; expected one of: border-security, counter-terrorism, "
            "diplomacy (topics are listed in generator/data/topics.yml)",
        ),
        (
            "topics: [diplomacy, diplomacy]\n",
            "a.yml:1:21: warning: 'diplomacy' is listed twice in 'topics'; remove one",
        ),
        (
            "url: javascript:alert(1)\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: 'javascript:alert(1)'",
        ),
        (
            "url: data:text/html,<script>alert(1)</script>\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: 'data:text/html,<script>alert(1)</script>'",
        ),
        (
            "url: /articles/1\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: '/articles/1'",
        ),
        (  # copied without its scheme: no hint before
            "url: www.cnnindonesia.com/x\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: 'www.cnnindonesia.com/x'; write it as 'https://www.cnnindonesia.com/x'",
        ),
        (
            "url: //www.cnnindonesia.com/x\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: '//www.cnnindonesia.com/x'; write it as 'https://www.cnnindonesia.com/x'",
        ),
        (
            "url: https://\n",
            "a.yml:1:6: error: 'url' must be an absolute http(s) link like https://example.com/article, "
            "but received: 'https://'",
        ),
        (  # urllib cannot split it: "internal error" before
            "url: https://www.antaranews.com]/berita/123\n",
            "a.yml:1:6: error: 'url' is not a valid link: 'https://www.antaranews.com]/berita/123'; copy it again "
            "from the browser's address bar",
        ),
        (
            "url: http://[::1\n",
            "a.yml:1:6: error: 'url' is not a valid link: 'http://[::1'; copy it again from the browser's address bar",
        ),
        (  # passed, and the page said no address was recorded
            'url: https://e.com/a"b<c>\n',
            "a.yml:1:6: error: 'url' holds '\"', which a link cannot: write it percent-encoded, as a browser's address "
            "bar copies it: 'https://e.com/a%22b%3Cc%3E'",
        ),
        ('title: "a\\x1bb"\n', "a.yml:1:8: error: 'title' contains the control character U+001B; remove it"),
        ('url: "https://e.com/\\x9b"\n', "a.yml:1:6: error: 'url' contains the control character U+009B; remove it"),
        (  # no character at all, and the feeds' XML cannot hold it
            'title: "a\\uffffb"\n',
            "a.yml:1:8: error: 'title' contains the noncharacter U+FFFF; remove it",
        ),
        (f"title: {'x' * 301}\n", "a.yml:1:8: error: 'title' is 301 characters long; shorten it to at most 300"),
        (
            f"summary: {'x' * 2001}\n",
            "a.yml:1:10: error: 'summary' is 2001 characters long; shorten it to at most 2000",
        ),
        (
            f"summary: '{SUMMARY_PLACEHOLDER}'\n",
            "a.yml:1:1: error: 'summary' is still the placeholder: replace it with 2-4 English sentences "
            "(what happened, who, where, when)",
        ),
        ("notes: a note\n", "a.yml:1:8: error: 'notes' must be a list of entries, each with 'quote:' and 'note:'"),
        (  # the keys right, the '- ' left out: no example of the form before
            "notes:\n  quote: di Moskow\n  note: x\n",
            "a.yml:2:3: error: 'notes' must be a list of entries, each with 'quote:' and 'note:'; write each note "
            "as a list item: '- quote: <exact phrase>' then 'note: <your note>' under it",
        ),
        (
            "notes:\n  - just text\n",
            "a.yml:2:5: error: each note must be a mapping: '- quote: <exact phrase>' then 'note: <your note>'",
        ),
        (
            "notes:\n  - quote: di Moskow\n",
            "a.yml:2:5: error: this note has no 'note'; each note needs both 'quote:' and 'note:'",
        ),
        (
            "notes:\n  - qoute: di Moskow\n    note: x\n",
            "a.yml:2:5: error: unknown key 'qoute' in a note; did you mean 'quote'?",
        ),
        (
            "notes:\n  - quote: di Paris\n    note: x\n",
            "a.yml:2:12: error: quote 'di Paris' does not occur in the article text; "
            "copy the phrase exactly as it appears in the article",
        ),
        (  # other capitals and spacing: the phrase as the text writes it
            "notes:\n  - quote: menteri Luar  negeri\n    note: x\n",
            "a.yml:2:12: error: quote 'menteri Luar negeri' does not occur in the article text; "
            "the text has 'Menteri luar negeri'",
        ),
        (  # other capitals of a phrase that ends inside a word: whole words are suggested
            "notes:\n  - quote: iran bertemu mitra\n    note: x\n",
            "a.yml:2:12: error: quote 'iran bertemu mitra' does not occur in the article text; "
            "the text has 'Iran bertemu mitranya'",
        ),
        (  # a typo
            "notes:\n  - quote: membahas perbatsan.\n    note: x\n",
            "a.yml:2:12: error: quote 'membahas perbatsan.' does not occur in the article text; "
            "the text has 'membahas perbatasan.'",
        ),
        (
            "notes:\n  - quote: Moskow\n    note: x\n",
            "a.yml:2:12: error: quote 'Moskow' occurs 2 times in the article text; "
            "quote a longer phrase so that it occurs exactly once",
        ),
        (  # the page marked half a word (BODY: "Menteri luar negeri Iran bertemu mitranya di Moskow.")
            "notes:\n  - quote: Iran bertemu mitra\n    note: x\n",
            "a.yml:2:12: warning: quote 'Iran bertemu mitra' ends inside a word of the article text, and the page "
            "marks part of it; quote whole words: 'Iran bertemu mitranya'",
        ),
        (
            "notes:\n  - quote: egeri Iran\n    note: x\n",
            "a.yml:2:12: warning: quote 'egeri Iran' begins inside a word of the article text, and the page "
            "marks part of it; quote whole words: 'negeri Iran'",
        ),
        (
            "notes:\n  - quote: egeri Iran berte\n    note: x\n",
            "a.yml:2:12: warning: quote 'egeri Iran berte' begins and ends inside a word of the article text, and "
            "the page marks part of it; quote whole words: 'negeri Iran bertemu'",
        ),
        (
            "notes:\n  - quote: di Moskow\n    note: ''\n",
            "a.yml:3:11: error: the note's 'note' is empty; fill it in or remove the note",
        ),
        (
            "title: !!python/name:os.system x\n",
            "a.yml:1:8: error: YAML tags (tag:yaml.org,2002:python/name:os.system) are not allowed; remove the tag",
        ),
        ("title: !!str 1\n", "a.yml:1:8: error: YAML tags (tag:yaml.org,2002:str) are not allowed; remove the tag"),
        (  # a lone half of a UTF-16 pair: no file, page or message could hold it (the build failed on it)
            'title_en: "Iran \\ud83c talks"\n',
            "a.yml:1:11: error: contains U+D83C, half of a character written as an escape (\\ud83c), which "
            "cannot stand alone; write the character itself, or its 8-digit escape (\\U0001F1EE)",
        ),
        (
            '"people\\udc00": [x]\n',
            "a.yml:1:1: error: contains U+DC00, half of a character written as an escape (\\udc00), which "
            "cannot stand alone; write the character itself, or its 8-digit escape (\\U0001F1EE)",
        ),
        ("notes: " + "[" * 12 + "]" * 12 + "\n", "a.yml:1:17: error: nested more than 10 levels deep; flatten it"),
        (
            "title: a\n---\ntitle: b\n",
            "a.yml:2:1: error: invalid YAML: expected a single document in the stream, but found another document; "
            "an annotation is one YAML document: remove the '---' line",
        ),
        (  # after a document start too
            "---\n title: Rusia dan Kazakhstan\nsummary: Fine.\n",
            "a.yml:2:1: error: invalid YAML: the first key is indented; start each key of the annotation at the "
            "beginning of its line, as the keys below it are",
        ),
        (  # was reported at line 2, the right one, with a hint about quoting
            "# a comment\n title: Rusia dan Kazakhstan\nsummary: Fine.\n",
            "a.yml:2:1: error: invalid YAML: the first key is indented; start each key of the annotation at the "
            "beginning of its line, as the keys below it are",
        ),
    ],
)
def test_each_problem_is_reported_at_its_line_and_column(text, expected):
    annotation, problems = check(text)
    assert problems == [expected]
    if " error: " in expected:
        assert annotation is None


def test_a_list_item_indented_deeper_than_its_list_is_not_merged_into_the_item_above():
    """YAML reads a '- ' indented deeper as more words of the item above: one person, "Ketua KNB Ermek
    Sagimbayev - Presiden Kassym-Jomart Tokayev", and check said nothing."""
    text = "people:\n  - Ketua KNB Ermek Sagimbayev\n    - Presiden Kassym-Jomart Tokayev\n  - Ermek\n"
    annotation, problems = check(text)
    assert annotation is None
    assert problems == [
        "a.yml:3:5: error: this line continues the item of line 2, as YAML reads a '- ' indented deeper than its "
        "list (its dash is at column 5, line 2's at column 3); line up the items' dashes (or quote the item if "
        "the dash belongs to it)"
    ]
    # A dash alone on its line, the item's value below it: the dash's line is named.
    _, problems = check("people:\n-\n  a\n  - b\n")
    assert problems[0].startswith("a.yml:4:3: error: this line continues the item of line 2,")
    assert "(its dash is at column 3, line 2's at column 1)" in problems[0]
    # The first item is the one out of line: both lines are named, whichever the contributor must move.
    _, problems = check("people:\n - Direktur FSB Alexander Bortnikov\n  - Ketua KNB Ermek Sagimbayev\n")
    assert problems == [
        "a.yml:3:3: error: this line continues the item of line 2, as YAML reads a '- ' indented deeper than its "
        "list (its dash is at column 3, line 2's at column 2); line up the items' dashes (or quote the item if "
        "the dash belongs to it)"
    ]
    _, problems = check("countries:\n- IR\n  - RU\n  - PK\n")
    assert [p.split(": error: ")[0] for p in problems] == ["a.yml:3:3", "a.yml:4:3"]
    # A dash the item holds, quoted or inside the line, and a flow list wrapped: as written.
    for text in ("people:\n  - 'Ketua KNB\n    - Presiden'\n", "people:\n  - Ketua KNB -\n    Presiden\n"):
        assert check(text) == (Annotation(people=("Ketua KNB - Presiden",)), [])
    assert check("people: [Ketua KNB\n  - Presiden]\n") == (Annotation(people=("Ketua KNB - Presiden",)), [])


def test_a_list_item_under_a_one_line_field_is_not_merged_into_its_value():
    """`outlet: Antara` then an indented `- Reuters` is one plain value to YAML, "Antara - Reuters",
    and check said nothing: the field takes one value, and the contributor meant a list."""
    annotation, problems = check("outlet: Antara\n  - Reuters\ntitle_en: x\n")
    assert annotation is None
    assert problems == [
        "a.yml:2:3: error: 'outlet' takes one line of text, but this line starts with '- ', which YAML joins to "
        "the line above ('Antara - Reuters'); it takes one value, not a list: remove this line, or write the "
        "whole value on one line if the dash belongs to it"
    ]
    # A dash inside the value, or the value quoted: as written.
    assert check("outlet: Antara -\n  Reuters\n") == (Annotation(outlet="Antara - Reuters"), [])
    assert check("outlet: 'Antara\n  - Reuters'\n") == (Annotation(outlet="Antara - Reuters"), [])
    # A summary spans lines: a line of it may start with a dash.
    assert check("summary: Iran and Russia met\n  - again - in Moscow.\n")[1] == []


def test_a_quote_from_a_line_removed_as_page_furniture_says_so():
    """The phrase is in the .txt verbatim: "copy it exactly" alone sent the contributor in circles."""
    extracted = Extracted(body=BODY, removed=("Baca juga: Iran dan Rusia di Moskow", "Editor: Ani"))
    _, problems = check("notes:\n  - quote: Iran dan Rusia\n    note: x\n", extracted)
    assert problems == [
        "a.yml:2:12: error: quote 'Iran dan Rusia' is in a line the generator removes from the article as page "
        "furniture ('Baca juga: Iran dan Rusia di Moskow'; `python -m generator extract` lists them); quote a "
        "phrase of the article's text, or, if that line belongs to the article, report it with this file"
    ]


def test_a_quote_from_the_headline_says_notes_go_in_the_text():
    _, problems = check(
        "notes:\n  - quote: Iran dan Rusia\n    note: x\n", Extracted(title="Iran dan Rusia Bertemu", body=BODY)
    )
    assert problems == [
        "a.yml:2:12: error: quote 'Iran dan Rusia' is in the headline; notes are shown at a phrase of the "
        "article's text: quote one"
    ]


def test_every_problem_is_reported_at_once():
    text = "countires: [IR]\npublished: 2025-13-01\ntopics: [diplomasi, weather]\nurl: ftp://x.org/a\n"
    _, problems = check(text)
    assert [p.split(": error: ")[0] for p in problems] == [
        "a.yml:1:1",
        "a.yml:2:12",
        "a.yml:3:10",
        "a.yml:3:21",
        "a.yml:4:6",
    ]


def test_a_billion_laughs_is_rejected_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    started = time.perf_counter()
    annotation, problems = check("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert annotation is None
    # A few of its thousand problems, and a line that says more follow.
    assert problems[0] == "a.yml:1:5: error: YAML anchors (&name) are not allowed; remove the anchor"
    assert len(problems) == 11
    assert problems[-1].endswith("error: more YAML anchors, aliases or tags follow; remove every one of them")


def test_every_anchor_alias_and_invisible_character_is_reported_with_the_other_problems():
    # One of them at a time came out, and none of the annotation's other problems until it was gone.
    text = "title: Iran dan\u2028Rusia\ncountires: [IR]\na: &x [1]\nb: *x\n"
    assert check(text)[1] == [
        "a.yml:1:16: error: invisible character U+2028 (line separator) here: YAML reads it as a line break, "
        "though editors do not; remove it",
        "a.yml:3:4: error: YAML anchors (&name) are not allowed; remove the anchor",
        "a.yml:4:4: error: YAML aliases (*name) are not allowed; write the value out in full",
    ]
    annotation, problems = check("title: Iran dan\u2028Rusia\ncountires: [IR]\n")
    assert annotation is None
    assert problems == [
        "a.yml:1:16: error: invisible character U+2028 (line separator) here: YAML reads it as a line break, "
        "though editors do not; remove it",
        "a.yml:2:1: error: unknown key 'countires'; did you mean 'countries'?",
    ]
    assert check("\u2028\n")[0] is None


def test_a_huge_flat_annotation_is_rejected_without_building_it():
    _, problems = check("people: [" + ", ".join(["x"] * 6000) + "]\n")
    assert problems == ["a.yml:1:14998: error: the annotation is too long or too deeply structured"]


def test_deep_nesting_does_not_overflow_the_stack():
    _, problems = check("title: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems == ["a.yml:1:17: error: nested more than 10 levels deep; flatten it"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("'Iran\n\n  ---\n\n  Rusia'", "Iran --- Rusia"),
        ("|\n  Iran\n  ---\n  title_en: injected\n", "Iran --- title_en: injected"),
        ('"<script>alert(1)</script> {{ x }}"', "<script>alert(1)</script> {{ x }}"),
    ],
)
def test_single_line_fields_fold_line_breaks_and_keep_hostile_text_as_text(title, expected):
    annotation, problems = check(f"title: {title}\n")
    assert problems == []
    assert annotation.title == expected


@pytest.mark.parametrize(
    ("extracted", "text"),
    [
        (Extracted(dateline="Islam Abad", body=BODY), "dateline: Islamabad\n"),
        (Extracted(outlet="PR CIREBON", body=BODY), "outlet: Pikiran Rakyat Cirebon\n"),
        (Extracted(title="IRAN DAN  RUSIA", body=BODY), "title: Iran dan Rusia\n"),
    ],
)
def test_a_name_the_annotation_writes_out_or_respells_is_no_disagreement(extracted, text):
    """Seeds 000 and 003 warned on every build about their corrected dateline and outlet, which the
    contributor had checked, and nothing could silence it."""
    annotation, problems = check(text, extracted)
    assert annotation is not None
    assert problems == []


@pytest.mark.parametrize(
    ("extracted", "text", "expected"),
    [
        (
            Extracted(title="Iran dan Pakistan", body=BODY),
            "title: Iran dan Rusia\n",
            "a.yml:1:1: warning: 'title' is 'Iran dan Rusia' but the text gives 'Iran dan Pakistan'; "
            "the annotation wins, check which is right",
        ),
        (  # two long headlines that differ at their end: shown where they differ, not as the same start
            Extracted(title="CSTO dan Rusia akan Kerahkan Pasukan di Sepanjang Perbatasan Tajikistan", body=BODY),
            "title: CSTO dan Rusia akan Kerahkan Pasukan di Sepanjang Perbatasan Tajikistan 2\n",
            "a.yml:1:1: warning: 'title' is '…Perbatasan Tajikistan 2' but the text gives "
            "'…Perbatasan Tajikistan'; the annotation wins, check which is right",
        ),
        (
            Extracted(outlet="Parstoday", body=BODY),
            "outlet: IRNA\n",
            "a.yml:1:1: warning: 'outlet' is 'IRNA' but the text gives 'Parstoday'; "
            "the annotation wins, check which is right",
        ),
        (
            Extracted(dateline="Teheran", body=BODY),
            "dateline: Moskow\n",
            "a.yml:1:1: warning: 'dateline' is 'Moskow' but the text gives 'Teheran'; "
            "the annotation wins, check which is right",
        ),
        (
            Extracted(published=dt.date(2025, 11, 23), body=BODY),
            "published: 2025-11-24\n",
            "a.yml:1:1: warning: 'published' is 2025-11-24 but the text gives 2025-11-23; "
            "the annotation wins, check which is right",
        ),
        (
            Extracted(countries=("IR", "PK"), body=BODY),
            "countries: [RU, IR]\n",  # at the code, not at the key (before, 1:1)
            "a.yml:1:13: warning: 'countries' has [RU], which the text does not name; "
            "the annotation wins, check the code",
        ),
        (
            Extracted(countries=("IR", "PK"), body=BODY),
            "countries:\n  - IR\n  - NO\n  - DE\n",  # at the first as written
            "a.yml:3:5: warning: 'countries' has [DE, NO], which the text does not name; "
            "the annotation wins, check the code",
        ),
        (
            Extracted(countries=("IR", "PK", "RU"), main_countries=("PK", "IR"), body=BODY),
            "countries: [IR]\n",
            "a.yml:1:1: warning: 'countries' leaves out [PK], which the text is mainly about; "
            "the annotation wins, add what the article is about",
        ),
    ],
)
def test_values_that_disagree_with_the_extraction_are_warnings(extracted, text, expected):
    annotation, problems = check(text, extracted)
    assert annotation is not None
    assert problems == [expected]


@pytest.mark.parametrize(
    ("extracted", "text"),
    [
        (Extracted(title="Iran  dan RUSIA", body=BODY), "title: Iran dan Rusia\n"),
        (Extracted(countries=("RU", "IR"), body=BODY), "countries: [IR, RU]\n"),
        (Extracted(body=BODY), "outlet: IRNA\npublished: 2025-01-01\ncountries: [IR]\n"),
        # The countries the article is about, and another country named in passing: not a disagreement.
        (Extracted(countries=("IR", "RU", "US"), main_countries=("IR",), body=BODY), "countries: [IR, RU]\n"),
        # A date established by the contributor, who says how.
        (
            Extracted(published=dt.date(2017, 7, 4), body=BODY),
            "published: 2017-07-05\ndate_note: The talks began 'yesterday, Tuesday' 4 July.\n",
        ),
    ],
)
def test_agreement_or_silence_gives_no_warning(extracted, text):
    assert check(text, extracted)[1] == []


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Iran", "IR"),
        ("iran", "IR"),
        ("Russia", "RU"),
        ("Rusia", "RU"),
        ("ir", "IR"),
        ("Amerika Serikat", "US"),
        ("United Kingdom", "GB"),
        ("Pakistn", "PK"),
        ("Atlantis", None),
        # Names the extractor reads in texts, which CLDR lacks.
        ("Inggris", "GB"),
        ("Palestina", "PS"),
        ("USA", "US"),
        ("UAE", "AE"),
    ],
)
def test_country_suggestions_come_from_cldr_names_and_the_extractors_aliases(value, code):
    assert suggest_country(value) == code


CONTRIBUTING = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def test_contributing_documents_every_key_and_its_example_passes():
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    for key in ANNOTATION_KEYS:
        assert f"| `{key}` |" in guide, f"document the annotation key {key!r} in CONTRIBUTING.md"
    example = re.search(r"```yaml\n(.*?)```", guide, re.S).group(1)
    text = (SEEDS / "004_55138af7640aabe5.txt").read_text(encoding="utf-8")
    annotation, problems = parse_annotation("example.yml", example, extracted=Extracted(body=text), today=TODAY)
    assert [p.format() for p in problems if p.level == "error"] == []
    assert annotation.summary and annotation.notes


@pytest.mark.parametrize("command", ["python -m generator new", "python -m generator check", "make serve"])
def test_contributing_documents_the_commands(command):
    assert command in CONTRIBUTING.read_text(encoding="utf-8")


# `null` says the article has no such value: a wrong extraction could be replaced, never removed.

WRONG = Extracted(
    title="Iran dan Azerbaijan Bahas Perbatasan",
    outlet="ANTARA",
    original_source="IRNA",  # named in the text as a source of a quote, not of the article
    dateline="Teheran",
    editor="Budi Santoso",
    published=dt.date(2025, 3, 3),
    countries=("AZ", "IR"),
    people=("Abbas Araghchi",),
    body=BODY,
)


def _merged(text: str):
    from generator.merge import merge
    from generator.model import Seed

    annotation, problems = check(text, WRONG)
    assert annotation is not None, problems
    return merge(Seed(stem="a", text_path="seeds/a.txt", text=None, annotation_path="seeds/a.yml"), WRONG, annotation)


@pytest.mark.parametrize("none", ["null", "~", "Null"])
def test_null_removes_what_was_extracted(none):
    article = _merged(f"original_source: {none}\neditor: {none}\npublished: {none}\npeople: {none}\n")
    assert (article.original_source, article.editor, article.published, article.people) == (None, None, None, ())
    assert (article.outlet, article.dateline, article.countries) == ("ANTARA", "Teheran", ("AZ", "IR"))


def test_an_empty_string_removes_an_extracted_text_value_too():
    article = _merged("original_source: ''\neditor: \"\"\n")
    assert (article.original_source, article.editor, article.outlet) == (None, None, "ANTARA")


def test_an_empty_key_keeps_what_was_extracted_and_a_value_replaces_it():
    article = _merged("original_source:\neditor: Siti Aminah\n")
    assert (article.original_source, article.editor) == ("IRNA", "Siti Aminah")


def test_a_headline_cannot_be_null():
    annotation, problems = check("title: null\n", WRONG)
    assert annotation is None
    assert problems == ["a.yml:1:8: error: an article always has a headline: write it instead of null"]


def test_values_left_marked_for_review_are_listed():
    text = (
        "title: Iran dan Rusia  # extracted: please review\ntitle_en: Iran and Russia\n# extracted: please review\nx:\n"
    )
    _, problems = check(text.replace("x:\n", "people: [A]\n"))
    assert problems == [
        "a.yml:1:24: warning: 'title' is still marked for review: check the value read from the text (correct it, "
        "or write null if the article has none), then remove the marker",
        "a.yml:3:1: warning: a value read from the text is still marked for review too",
    ]


def test_markers_after_the_first_name_their_key_without_repeating_what_to_do():
    """A fresh annotation has seven markers: the same long line seven times hid which keys were left."""
    text = "title: A  # extracted: please review\noutlet: B  # extracted: please review\n"
    text += "countries: [IR]  # extracted: please review\n"
    _, problems = check(text)
    assert [p.split(": warning: ")[1] for p in problems[1:]] == [
        "'outlet' is still marked for review too",
        "'countries' is still marked for review too",
    ]
    assert problems[0].startswith("a.yml:1:11: warning: 'title' is still marked for review: check the value")


def test_an_annotation_without_summary_is_warned_at_its_empty_summary_line():
    """The warning had no line: a contributor with 'summary:' in the file could not tell why it did not count."""
    _, problems = check("title: A\nsummary:\ncountries: [IR]\n", DATED, every_warning=True)
    assert problems == [
        "a.yml:2:1: warning: no summary yet: shown as \"not yet annotated\"; write 'summary:' with 2-4 English "
        "sentences (what happened, who, where, when)"
    ]
    for text in ("title: A\nsummary: ''\n", "title: A\nsummary: null\n"):
        assert check(text, DATED, every_warning=True)[1][0].startswith("a.yml:2:1: warning: no summary yet")
    # Without the key there is no line to point at; an empty file says it is empty.
    assert check("title: A\n", DATED, every_warning=True)[1][0].startswith("a.yml: warning: no summary yet")
    assert check("# nothing\n", DATED, every_warning=True)[1] == [
        'a.yml: warning: the annotation is empty, so no summary yet: shown as "not yet annotated"; '
        "write 'summary:' with 2-4 English sentences (what happened, who, where, when)"
    ]
    # With a summary, or with errors (the annotation is not used), nothing is said of it.
    assert check("title: A\nsummary: Iran and Russia met.\n", DATED, every_warning=True)[1] == []
    assert all(NO_SUMMARY not in p for p in check("title: null\nsummary:\n", DATED, every_warning=True)[1])


def test_the_header_new_writes_is_not_a_marker_left_and_markers_show_with_other_errors():
    """The header quotes the marker ("Values marked ..."): it was warned about once every marker was
    removed. And the markers were listed only once the placeholder summary was replaced."""
    from generator.scaffold import annotation_template

    scaffold = annotation_template("a.txt", WRONG)
    header = [line for line in scaffold.splitlines() if line.startswith("#") and "please review" in line]
    assert header  # the case this test is about
    reviewed = "\n".join(line.split("  # extracted")[0] for line in scaffold.splitlines()) + "\n"
    _, problems = check(reviewed)
    assert [p for p in problems if "marked for review" in p] == []
    assert any("still the placeholder" in p for p in problems)
    _, problems = check(scaffold)
    assert any("still the placeholder" in p for p in problems)
    assert len([p for p in problems if "marked for review" in p]) == scaffold.count("  # extracted: please review")


def test_text_after_a_hash_that_yaml_reads_as_a_comment_is_pointed_out():
    """`#2 and #3` after a space starts a YAML comment: the note was cut, and check said nothing."""
    text = (
        "title: Iran  # extracted: please review\n"
        "summary: Bushehr units #2 and #3 were agreed.\n"
        "people: [A]  # a comment of the contributor's own\n"
        "notes:\n"
        "- quote: Iran\n"
        "  note: 'Units #2 and #3, quoted: kept.'\n"
    )
    _, problems = check(text, Extracted(body="Iran dan Rusia."))
    cut = [p for p in problems if "comment" in p]
    assert cut == [
        "a.yml:2:24: warning: '#2 and #3 were agreed.' is left out of the value before it: after a space, '#' "
        "starts a YAML comment; put the value in quotes to keep it"
    ]


def test_a_wrapped_line_that_starts_with_a_hash_is_pointed_out():
    """A wrapped summary whose next line began with '#' ended at the line above, and check said nothing."""
    text = "summary: Iran and Pakistan met and agreed to\n  #FightTerror together, officials said.\n"
    _, problems = check(text)
    assert problems == [
        "a.yml:2:3: warning: '#FightTerror together, officials said.' is left out of the value above: a line that "
        "starts with '#' is a YAML comment; put the whole value in quotes (or write it after '>-' on lines of its "
        "own) to keep it"
    ]
    # A line commented out at the list's own indentation, a comment between keys, a '#' inside '>-': as meant.
    assert check("people:\n  - A\n  # - B\n")[1] == []
    assert check("title: x\n# a comment\ntitle_en: y\n")[1] == []
    assert check("summary: >-\n  Iran met.\n  #Tag kept.\n") == (Annotation(summary="Iran met. #Tag kept."), [])


def test_an_article_without_a_date_is_warned_at_its_published_line():
    """It was published under articles/undated/ without a word; its address changes once it is dated."""
    warning = (
        "warning: no publication date: the generator found none in the text, so the article is listed as "
        "Undated under articles/undated/ (its address changes once it has a date); write 'published: "
        "YYYY-MM-DD', or 'published: null' if the article gives none"
    )
    assert check("summary: A.\npublished:\n", every_warning=True)[1] == [f"a.yml:2:1: {warning}"]
    assert check("summary: A.\n", every_warning=True)[1] == [f"a.yml: {warning}"]
    # Dated by the annotation or by the text, or said to have none, it is not warned.
    assert check("summary: A.\npublished: 2025-01-06\n", every_warning=True)[1] == []
    assert check("summary: A.\n", DATED, every_warning=True)[1] == []
    assert check("summary: A.\npublished: null\n", every_warning=True)[1] == []


# `date_estimated`: `published` is the contributor's estimate, shown to readers as "about <date>".

ESTIMATED_DATE = "published: 2025-01-21\ndate_note: The day after the meeting the text reports.\n"
ESTIMATE_WITHOUT_DATE = "error: an estimate needs a date: set 'published' or remove 'date_estimated'"
ESTIMATE_UNEXPLAINED = (
    "warning: the date is marked as an estimate but no 'date_note' says how it was estimated: readers need to "
    "know; add a 'date_note'"
)


@pytest.mark.parametrize(("written", "value"), [("true", True), ("True", True), ("false", False), ("FALSE", False)])
def test_date_estimated_is_read_as_true_or_false(written, value):
    annotation, problems = check(f"{ESTIMATED_DATE}date_estimated: {written}\n")
    assert problems == []
    assert annotation.date_estimated is value


@pytest.mark.parametrize("text", [ESTIMATED_DATE, f"{ESTIMATED_DATE}date_estimated:\n"])
def test_a_date_is_not_estimated_unless_the_annotation_says_so(text):
    assert check(text)[0].date_estimated is False


@pytest.mark.parametrize(
    ("written", "received"),
    [
        ("maybe", "'maybe'"),
        ("1", "'1'"),
        ("[true]", "'a list'"),
        # YAML 1.1 (PyYAML) reads these as booleans, YAML 1.2 and most other tools as text.
        ("yes", "'yes'; write true"),
        ("off", "'off'; write false"),
        ("'true'", "'true'; write true without quotes"),
        ('"False"', "'False'; write false without quotes"),
    ],
)
def test_date_estimated_other_than_true_or_false_is_an_error_at_its_value(written, received):
    annotation, problems = check(f"{ESTIMATED_DATE}date_estimated: {written}\n")
    assert annotation is None
    assert problems == [f"a.yml:3:17: error: 'date_estimated' must be true or false, but received: {received}"]


def test_an_estimate_without_a_date_is_an_error_reported_with_the_others():
    annotation, problems = check("countires: [IR]\ndate_note: Estimated.\ndate_estimated: true\n")
    assert annotation is None
    assert problems == [
        "a.yml:1:1: error: unknown key 'countires'; did you mean 'countries'?",
        f"a.yml:3:1: {ESTIMATE_WITHOUT_DATE}",
    ]
    # The estimate is the annotation's own date: not a date read from the text, nor `null`, no date at all.
    for text in ("date_note: x\ndate_estimated: true\n", "published: null\ndate_note: x\ndate_estimated: true\n"):
        _, problems = check(text, DATED)
        assert problems == [f"a.yml:{text.count(chr(10))}:1: {ESTIMATE_WITHOUT_DATE}"]
    # A date with an error of its own is reported at it, once.
    _, problems = check("published: 2025-13-01\ndate_note: x\ndate_estimated: true\n")
    assert problems == ["a.yml:1:12: error: 'published' is not a real date: '2025-13-01'; write it as YYYY-MM-DD"]


def test_an_estimate_without_a_date_note_is_warned_at_its_key():
    annotation, problems = check("published: 2025-01-21\ndate_estimated: true\n")
    assert annotation.date_estimated is True
    assert problems == [f"a.yml:2:1: {ESTIMATE_UNEXPLAINED}"]
    _, problems = check("published: 2025-01-21\ndate_note: ''\ndate_estimated: true\n")
    assert problems == [f"a.yml:3:1: {ESTIMATE_UNEXPLAINED}"]
    # With the other problems of the file; and nothing is asked of a date that is not estimated.
    _, problems = check("date_estimated: true\n")
    assert problems == [f"a.yml:1:1: {ESTIMATE_WITHOUT_DATE}", f"a.yml:1:1: {ESTIMATE_UNEXPLAINED}"]
    assert check("published: 2025-01-21\ndate_estimated: false\n")[1] == []


@pytest.mark.parametrize(
    ("text", "at", "word"), [("people:\n  - null\n", "2:5", "null"), ("organisations: [~]\n", "1:17", "~")]
)
def test_yamls_null_in_a_list_is_not_taken_for_a_name(text, at, word):
    # The page showed "People: null"; a quoted 'null' is a name like any other.
    assert check(text) == (
        None,
        [
            f"a.yml:{at}: error: '{word}' in '{text.split(':')[0]}' is YAML's word for nothing, not an entry: "
            f"remove it, or quote it ('{word}') if it is one"
        ],
    )
    assert check("people: ['null']\n") == (Annotation(people=("null",)), [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title_en: "Iran \\u202E dan"\n', "1:11: error: 'title_en' contains the invisible character U+202E "),
        ('summary: "Iran\\LRusia."\n', "1:10: error: 'summary' contains the invisible character U+2028 "),
        ('people: ["A\\u2066B"]\n', "1:10: error: each entry of 'people' contains the invisible character U+2066 "),
    ],
)
def test_an_invisible_character_written_as_an_escape_is_refused_too(text, message):
    # The written-out character was refused, its escape in double quotes passed and reached the page.
    annotation, problems = check(text)
    assert annotation is None and len(problems) == 1
    assert problems[0].startswith(f"a.yml:{message}(") and problems[0].endswith(") as an escape; remove it")


def test_an_estimate_of_the_date_the_text_gives_is_warned_at_its_key():
    # Readers would see "about 6 January 2025", "neither the text nor the outlet gives it".
    _, problems = check("published: 2025-01-06\ndate_note: x\ndate_estimated: true\n", DATED)
    assert problems == [
        "a.yml:3:1: warning: 'date_estimated' is true, but the text gives this date (2025-01-06): a date the text "
        "states is not an estimate, and readers would see it as one; remove 'date_estimated'"
    ]
    # Another date than the text's, estimated and explained: the contributor judged the text's wrong.
    assert check("published: 2025-01-05\ndate_note: x\ndate_estimated: true\n", DATED)[1] == []
    assert check("published: 2025-01-06\ndate_note: x\n", DATED)[1] == []


@pytest.mark.parametrize("key", ["estimated", "date_estimate", "estimated_date"])
def test_a_misspelt_date_estimated_is_pointed_to(key):
    _, problems = check(f"{key}: true\n")
    assert problems == [f"a.yml:1:1: error: unknown key {key!r}; did you mean 'date_estimated'?"]


@pytest.mark.parametrize(
    ("written", "received"),
    [("yes", "'yes'; write true"), ("On", "'On'; write true"), ("'true'", "'true'; write true without quotes")],
)
def test_an_estimate_spelt_wrongly_and_without_a_date_gets_both_errors_at_once(written, received):
    """`yes` is refused with the spelling meant; the date it then still lacks is reported in the same
    round, not after the contributor has fixed the spelling."""
    _, problems = check(f"date_note: x\ndate_estimated: {written}\n")
    assert problems == [
        f"a.yml:2:17: error: 'date_estimated' must be true or false, but received: {received}",
        f"a.yml:2:1: {ESTIMATE_WITHOUT_DATE}",
    ]
    # A refused `no` means no estimate: nothing more to say.
    _, problems = check("date_note: x\ndate_estimated: no\n")
    assert problems == ["a.yml:2:17: error: 'date_estimated' must be true or false, but received: 'no'; write false"]


@pytest.mark.parametrize(
    ("character", "name", "why"),
    [
        ("\u2028", "line separator", "YAML reads it as a line break, though editors do not"),
        ("\x85", "next line", "YAML reads it as a line break, though editors do not"),
        ("\u202e", "right-to-left override", "it reverses how the text after it is shown on the site"),
        ("\u2067", "right-to-left isolate", "it reverses how the text after it is shown on the site"),
    ],
)
def test_an_invisible_line_break_or_direction_control_is_an_error_where_an_editor_sees_it(character, name, why):
    """YAML took U+2028 for a line break: the error was reported two lines further down, with a hint
    about quoting; a right-to-left override reversed the dates and countries shown after the title."""
    text = f"title_en: Iran and Pakistan\nsummary: Talks in{character} Tehran.\noutlet: Purna{character}Warta\n"
    annotation, problems = check(text)
    assert annotation is None
    message = f"error: invisible character U+{ord(character):04X} ({name}) here: {why}; remove it"
    assert problems == [f"a.yml:2:18: {message}", f"a.yml:3:14: {message}"]
    # With the line ends of old Macs or Windows, on the same lines.
    for end in ("\r", "\r\n"):
        assert check(text.replace("\n", end))[1] == [f"a.yml:2:18: {message}", f"a.yml:3:14: {message}"]


@pytest.mark.parametrize("written", ["0001-01-01", "1899-12-31"])
def test_a_publication_date_before_1900_is_a_slip(written):
    annotation, problems = check(f"published: {written}\n")
    assert annotation is None
    assert problems == [
        f"a.yml:1:12: error: 'published' is {written}, before 1900: no news report of the digest is that old; "
        "check the year"
    ]
    assert check("published: 1900-01-01\n")[1] == []


def test_a_summary_whose_first_sentence_the_excerpt_cuts_is_warned_with_where_readers_lose_it():
    """Lists and link previews show a summary's first sentence, cut past 220 characters: seed 003's
    "agreed to deploy forces along the border …" lost the "if security deteriorates" it depends on."""
    condition = "if security deteriorates after the Taliban takeover."
    opening = "Members of the Collective Security Treaty Organization agreed in Dushanbe on 16 September 2021 "
    long = (
        opening
        + "to deploy forces along the Tajikistan-Afghanistan border, with ministers and secretaries "
        + condition
    )
    assert len(long) > 220
    _, problems = check(f"title: A\nsummary: >-\n  {long} Zas spoke.\n", DATED)
    assert problems == [
        f"a.yml:2:10: warning: 'summary' begins with a sentence of {len(long)} characters, and lists and link "
        "previews show its first 220 only, ending '…secretaries if security deteriorates after the …'; "
        "begin with a shorter sentence that says what happened"
    ]
    # A short first sentence is shown whole, however long the summary; 220 characters still are.
    assert check(f"title: A\nsummary: CSTO met. {long}\n", DATED)[1] == []
    exactly = "A" * 219 + "."
    assert check(f"title: A\nsummary: {exactly} Then more.\n", DATED)[1] == []
    assert check(f"title: A\nsummary: {exactly}A more.\n", DATED)[1][0].startswith(
        "a.yml:2:10: warning: 'summary' begins with a sentence of 227 characters"
    )


def test_a_mistyped_long_quote_in_a_long_text_is_found_comparing_a_bounded_number_of_phrases(monkeypatch):
    # Every phrase of the quote's length was compared with it: fifty long quotes in a long text took
    # minutes. The comparisons are counted, not timed.
    import difflib

    compared = 0
    first_look = difflib.SequenceMatcher.real_quick_ratio  # the first of difflib's three comparisons

    def counting(self):
        nonlocal compared
        compared += 1
        return first_look(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "real_quick_ratio", counting)
    filler = "".join(
        f"Pasukan itu dan yang di pos {i} berjaga untuk warga dari desa dengan tenang. " for i in range(2_000)
    )
    phrase = "Menteri luar negeri Iran bertemu mitranya di Moskow pada hari Senin pagi"
    body = filler + phrase + ". " + filler
    typo = phrase.replace("mitranya", "mitrnya").replace("Senin", "Senn")
    extracted = Extracted(title="Judul", body=body, published=dt.date(2025, 1, 6))
    annotation = f"title: A\nsummary: S.\nnotes:\n  - quote: {typo}\n    note: x\n"
    problems = [d.format() for d in parse_annotation("a.yml", annotation, extracted=extracted, today=TODAY)[1]]
    assert problems == [
        f"a.yml:4:12: error: quote '{typo}' does not occur in the article text; the text has '{phrase}.'"
    ]
    assert compared <= 400


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        (  # the page marks phrases paragraph by paragraph
            "  - quote: |-\n      di Moskow.\n      Keduanya\n    note: x\n",
            "a.yml:4:12: error: quote 'di Moskow.\\nKeduanya' runs across two paragraphs of the article text; "
            "a note marks a phrase within one paragraph: quote the part in one of them",
        ),
        (
            "  - quote: bertemu mitranya\n    note: x\n  - quote: mitranya di Moskow\n    note: y\n",
            "a.yml:6:12: error: quote 'mitranya di Moskow' overlaps the quote 'bertemu mitranya' of the note at "
            "line 4; a phrase carries one note: quote phrases that do not overlap, or write the two notes as one",
        ),
        (
            "  - quote: membahas perbatasan\n    note: x\n  - quote: membahas perbatasan\n    note: y\n",
            "a.yml:6:12: error: quote 'membahas perbatasan' is the quote of the note at line 4 too; "
            "write the two notes as one",
        ),
    ],
)
def test_notes_the_page_could_not_mark_are_errors(notes, expected):
    # Each passed `check`, and the page left the note out without a word.
    body = BODY.replace(" Keduanya", "\nKeduanya")
    problems = check(f"title: A\nsummary: S.\nnotes:\n{notes}", Extracted(body=body, published=dt.date(2025, 1, 6)))[1]
    assert problems == [expected]


def test_notes_side_by_side_in_one_paragraph_are_fine():
    notes = "  - quote: bertemu mitranya\n    note: x\n  - quote: di Moskow.\n    note: y\n"
    assert check(f"title: A\nsummary: S.\nnotes:\n{notes}", DATED)[1] == []


@pytest.mark.parametrize(
    "quote",
    [
        "membahas Perbatasan. moskow",  # the same words, across a paragraph break
        "moskow",  # other capitals of a word the text has twice
    ],
)
def test_a_quote_is_never_told_to_become_a_phrase_it_could_not_be(quote):
    # The hint named phrases across two paragraphs or occurring twice: following it gave another error.
    body = BODY.replace(" Moskow menyambut", "\nMoskow menyambut")
    problems = check(f"notes:\n  - quote: {quote}\n    note: x\n", Extracted(body=body))[1]
    assert problems == [
        f"a.yml:2:12: error: quote '{quote}' does not occur in the article text; "
        "copy the phrase exactly as it appears in the article"
    ]


def test_a_summary_or_note_in_paragraphs_keeps_them_whatever_the_yaml_style():
    """A summary written after '|' in two paragraphs was shown as one. After '|' a blank line ends a
    paragraph and the other line breaks only wrap it; after '>-' (and in a plain value) YAML has joined
    the wrapped lines already, and a blank line is left as a line break."""
    wrapped = "  Iran's foreign minister met his Russian\n  counterpart in Moscow.\n\n  Both spoke   of the border.\n"
    meant = "Iran's foreign minister met his Russian counterpart in Moscow.\n\nBoth spoke of the border."
    for style in ("|", "|-", ">", ">-"):
        annotation, problems = check(f"summary: {style}\n{wrapped}")
        assert problems == []
        assert annotation.summary == meant, style
    plain = check("summary: Iran's foreign minister met his Russian\n  counterpart in Moscow.\n\n  Both spoke.\n")[0]
    assert plain.summary == "Iran's foreign minister met his Russian counterpart in Moscow.\n\nBoth spoke."
    assert check(f"summary: |\n{wrapped.replace(chr(10) * 2, chr(10))}")[0].summary == meant.replace("\n\n", " ")

    annotation, problems = check(
        "notes:\n  - quote: |-\n      di Moskow\n"
        "    note: |\n      The capital.\n\n      Of Russia,\n      since 1918.\n"
    )
    assert problems == []
    assert annotation.notes == (Note(quote="di Moskow", note="The capital.\n\nOf Russia, since 1918."),)


def test_a_quote_with_a_soft_hyphen_or_decomposed_accents_is_found():
    """The text is cleaned of both (`clean`); a quote copied from the raw text with them was "not found",
    and the phrase suggested looked exactly like it."""
    body = "Menteri Baqeri bertemu di caf\u00e9 perbatasan."
    for quote in ("Ba\u00adqeri bertemu", "di cafe\u0301 perbatasan"):
        annotation, problems = check(f"notes:\n  - quote: {quote}\n    note: x\n", Extracted(body=body))
        assert problems == []
        assert annotation.notes[0].quote in body


def test_a_quote_of_more_words_than_the_whole_text_is_not_found_without_an_internal_error():
    problems = check("notes:\n  - quote: Satu dua tiga\n    note: x\n", Extracted(body="Satu dua."))[1]
    assert problems == [
        "a.yml:2:12: error: quote 'Satu dua tiga' does not occur in the article text; "
        "copy the phrase exactly as it appears in the article"
    ]


def test_a_quote_copied_with_the_raw_texts_spaces_is_found():
    """The cleaner makes a no-break space (in a third of the texts) a space, a run of spaces one, and
    drops a zero-width space: a quote copied from the raw text with them was "not found"."""
    body = "Latihan di Laut Kaspia kurang dari sepekan."
    for quote in ("Laut\u00a0Kaspia kurang", "Laut  Kaspia\u202fkurang", "Laut Kas\u200bpia kurang"):
        annotation, problems = check(f"notes:\n  - quote: '{quote}'\n    note: x\n", Extracted(body=body))
        assert problems == [], quote
        assert annotation.notes[0].quote == "Laut Kaspia kurang"


def test_a_note_of_null_is_an_error_and_a_summary_about_todorov_no_placeholder():
    """`note: null` was shown as the note "null"; a summary beginning "Todorov" was refused as the
    placeholder ("TODO: replace with …")."""
    problems = check("notes:\n  - quote: di Moskow\n    note: ~\n  - quote: null\n    note: x\n")[1]
    assert problems == [
        "a.yml:3:11: error: the note's 'note' is '~', which YAML reads as no value; write it out",
        "a.yml:4:12: error: the note's 'quote' is 'null', which YAML reads as no value; write it out",
    ]
    annotation, problems = check("summary: Todorov, Bulgaria's envoy, met Iran's foreign minister in Moscow.\n")
    assert problems == [] and annotation.summary.startswith("Todorov")
    assert "is still the placeholder" in check("summary: todo write this\n")[1][0]
