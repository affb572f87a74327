"""Line-level cleaning of a scraped article: drop page furniture, keep every sentence of the article.

Patterns live in `data/furniture.yml`. The text is split into a header (site name, tagline, headline,
byline date, captions: everything above the lead) and the body (from the lead on). Line metadata
(`Editor: …`, `Sumber: …`) is read before its line is removed. When unsure, a line is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.dates import is_date_line
from generator.lead import ends_with_dash, parse_dateline
from generator.vocabulary import load_data

# What `str.splitlines` breaks a line at besides `\n` and `\r`, but neither an editor nor GitHub does:
# line and paragraph separators, form feed, vertical tab, NEL (U+001C-U+001E too, dropped with the
# controls below). Scraped web text holds them inside a headline or paragraph, which `clean` cut in
# two where the contributor sees one line: they are blanks, so only `\n`, `\r\n` and `\r` break lines.
_LINE_SEPARATORS = "\u2028\u2029\x0b\x0c\x85"
# The blanks other than a plain space, as a character class's ranges.
_BLANKS = f"\t\u00a0\u2000-\u200a\u202f\u205f\u3000{_LINE_SEPARATORS}"
# Only what needs changing: a run of 2+ blanks, or one odd blank (tab, NBSP, thin space, line separator).
_SPACES_RE = re.compile(f"[ {_BLANKS}]{{2,}}|[{_BLANKS}]")
# The bidirectional embedding, override and isolate controls, as a character class's ranges. Scraped from
# a page, or written in an annotation, they reversed how the text after them showed on every page that
# lists the article: the cleaner drops them, the annotation checks refuse them.
DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Invisible characters dropped, the direction controls among them, and the soft hyphen (U+00AD): a
# hyphenation hint of the page it was copied from, which split "Ba\u00adqeri" for search and for a quote.
SOFT_HYPHEN = "\u00ad"
_INVISIBLE_RE = re.compile(f"[{SOFT_HYPHEN}\u200b-\u200d\u2060\ufeff{DIRECTION_CONTROLS}\x00-\x08\x0e-\x1f\x7f]")
# Any character either pattern above acts on other than a plain space. Most texts have none, and
# one scan for them plus a test for two spaces is far cheaper than the substitutions.
_ODD_RE = re.compile(
    f"[\t\u00a0\u00ad\u2000-\u200d\u202a-\u202f\u205f\u3000\u2060-\u2069\ufeff\x00-\x08\x0e-\x1f\x7f{_LINE_SEPARATORS}]"
)
_SPACE_RUN_RE = re.compile("  +")
# A sentence ends in punctuation, a closing quote, or a writer's code such as `(mm/alalam)`.
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)]*$|[\"”’]$|\([\w ]{1,8}/[\w /]{1,20}\)$")
# The same test read from the end of the line (see `_is_sentence`): searching would try every position.
_CLOSERS = "\"'”’)"
_CODE_END_RE = re.compile(r"\([\w ]{1,8}/[\w /]{1,20}\)$")
_CODE_END_MAX = 31  # the longest writer's code: `(` 8 `/` 20 `)`
# A writer's code appended to a sentence (`… ke depan. (afp/bac)`, CNN Indonesia's; `… hari ini. (mm/alalam)`):
# lower-case letters only, so neither a date `(10/3)` nor a photo credit `(REUTERS/Stringer)` is taken.
_APPENDED_CODE_RE = re.compile(r"\s(\(\s*[a-z]{1,8}(?:\s*/\s*[a-z]{1,12}){1,3}\s*\))$")
_APPENDED_CODE_MAX = 50  # a space, then the longest such code without spaces: `(` 8 (`/` 12) x 3 `)`
# A photo credit in a line (`… /FOTO: Pixabay`). Only its presence is tested, and lines hold no line
# break, so the pattern can open with `/` (`re` skips to it) and leave out `.*$`.
_PHOTO_CREDIT_RE = re.compile(r"/\s*foto\s*:", re.IGNORECASE)
# A headline's closing label: its part of a series (`(Bagian 2-Habis)`) or its format. Written by hand: these
# are the words Indonesian outlets use, and no library lists them.
_HEADLINE_LABEL_RE = re.compile(
    r"\s\((?:(?:bagian|part|seri|jilid)\s+\d{1,2}(?:\s*[-–]\s*(?:habis|selesai|tamat|end))?"
    r"|video|infografis|analisis|opini|wawancara|eksklusif|update|live|\d{1,2})\)$",
    re.IGNORECASE,
)

# How far down the lead is looked for. A CNN Indonesia page pasted whole has its menu, headline, date,
# share buttons and photo caption above it: the lead on its 19th line, past 15 (the limit before),
# lost the headline, the date and the dateline, and put the menu in the article text.
_LEAD_SEARCH_LINES = 60
_CAPTION_MAX_CHARS = 500
_CAPTION_TAIL_CHARS = 160
_LONG_LEAD_WORDS = 15
# Above the lead, a short line that is not a sentence is a byline, category or credit, not article text.
_HEADER_SHORT_WORDS = 8
# After the article's last sentence, lines this short without sentence punctuation are promos and teasers.
_TRAILING_TEASER_WORDS = 12


@dataclass(frozen=True)
class Furniture:
    """The compiled patterns of `data/furniture.yml`."""

    lines: re.Pattern[str]  # every line pattern in one alternation: one call per line
    caption_endings: re.Pattern[str]
    section_headers: frozenset[str]
    longest_section_header: int
    max_mid_block: int
    metadata: dict[str, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned article: headline, header lines, kept body paragraphs, removed lines, line metadata."""

    title: str | None
    header: tuple[str, ...]
    paragraphs: tuple[str, ...]
    removed: tuple[str, ...]
    metadata: dict[str, str]


@cache
def furniture() -> Furniture:
    data = load_data("furniture.yml")
    return Furniture(
        lines=re.compile("|".join(f"(?:{p})" for p in data["lines"]), re.IGNORECASE),
        caption_endings=re.compile(
            "(?:" + "|".join(f"(?:{p})" for p in data["caption_endings"]) + r")\s*$", re.IGNORECASE
        ),
        section_headers=frozenset(h.casefold() for h in data["section_headers"]),
        longest_section_header=max(len(h.casefold()) for h in data["section_headers"]),
        max_mid_block=int(data["max_mid_block"]),
        metadata={
            key: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for key, patterns in data["metadata"].items()
        },
    )


def _space_or_nothing(match: re.Match[str]) -> str:
    return "" if _INVISIBLE_RE.match(match.group()) else " "


def normalise_spaces(text: str) -> str:
    r"""Collapse NBSP and runs of spaces, drop invisible characters; never change a word. Line breaks
    other than `\n`, `\r\n` and `\r` become blanks too (`_LINE_SEPARATORS`).

    The result is `_SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text))`, reached faster. Odd characters
    are rare, NBSP the usual one (in a third of the texts), and a blank like any other: it becomes a
    space at once. Every other odd character is a control, format or space character, none of which
    `str.isprintable` passes, so a printable text (line breaks aside) has none; that test costs half
    a scan with `_ODD_RE`. Whatever odd character is left becomes a space or nothing, and then only
    runs of plain spaces remain to collapse. On a text with NBSPs: 0.2 → 0.04 ms.
    """
    text = text.replace("\u00a0", " ")
    if not text.replace("\n", "").isprintable() and _ODD_RE.search(text) is not None:
        text = _ODD_RE.sub(_space_or_nothing, text)
    return _SPACE_RUN_RE.sub(" ", text) if "  " in text else text


def composed(text: str) -> str:
    """`text` in Unicode's composed form (NFC), as keyboards write it: "é" as one character, not "e"
    and a combining accent. A text scraped in the decomposed form looked the same, but a reader's search
    for "café" and a contributor's quote of it did not find it."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def normalise(line: str) -> str:
    """One line as the cleaner sees it: spaces normalised, stripped."""
    return normalise_spaces(line).strip()


@lru_cache(maxsize=8192)
def is_furniture(line: str) -> bool:
    patterns = furniture()
    if patterns.lines.fullmatch(line) is not None:
        return True
    if len(line) > _CAPTION_MAX_CHARS:
        return False
    tail = line[-_CAPTION_TAIL_CHARS:]  # credits sit at the end; scanning the tail alone is enough
    return ("/" in tail or ":" in tail) and patterns.caption_endings.search(tail) is not None


def _is_section_header(line: str) -> bool:
    patterns = furniture()
    bare = line.rstrip(":").strip()
    # `casefold` never shortens a string, so a line longer than every header is none; this spares
    # folding every paragraph (2.7 → 0.4 µs a line).
    return len(bare) <= patterns.longest_section_header and bare.casefold() in patterns.section_headers


def _is_sentence(line: str) -> bool:
    """`_SENTENCE_END_RE.search(line) is not None`, checked from the end of the line."""
    if line.endswith("\n"):  # `$` also matches before one final newline; no form ends with one
        line = line[:-1]
    bare = line.rstrip(_CLOSERS)
    if bare.endswith((".", "!", "?", "…")) or line.endswith(('"', "”", "’")):
        return True
    return line.endswith(")") and _CODE_END_RE.search(line, max(0, len(line) - _CODE_END_MAX)) is not None


def _is_teaser(line: str) -> bool:
    """A headline-like line, as teasers and tags are: short and not a sentence. (A test for a final
    `.` alone took the article's sentences ending in `.”`, `!` or a writer's code for teasers when
    they followed a `Baca juga:` block, and dropped them.)"""
    return len(line.split()) <= 20 and not _is_sentence(_strip_end_marks(line))


def _is_trailing_teaser(line: str) -> bool:
    return len(line.split()) <= _TRAILING_TEASER_WORDS and not _is_sentence(line) and not line.endswith(":")


def _key(line: str) -> str:
    """Comparison key for duplicates: a caption repeated with `/FOTO: …` appended is the same caption."""
    key = line.casefold()
    credit = key.find("/foto")
    if credit != -1:
        key = key[:credit]
    return key.strip(" .*")


# What an end-of-article mark of a single asterisk follows: a sentence's end (`pasukan.*`, `Rahmon.”*`).
_BEFORE_END_MARK = frozenset(".!?…\"'”’)")


def _strip_end_marks(line: str) -> str:
    """`…kata Emomali Rahmon.***` → `…kata Emomali Rahmon.`: the end-of-article mark is not text.

    It is two asterisks or more, or one after a sentence's end. One right after a word is the text's
    own (a footnote's mark, `naik 5 persen*`), and stays: a note quoting it was not found in the text.
    """
    if not line.endswith("*"):
        return line
    stars = len(line) - len(line.rstrip("*"))
    text = line[:-stars].rstrip()
    if stars >= 2 or not text or text[-1] in _BEFORE_END_MARK:
        return text
    return line


def _find_lead(lines: list[str]) -> int:
    """Index of the lead: the first line opening with a dateline, else the first long sentence.

    A dateline below two long sentences opens a later paragraph (`ISLAMABAD, Purna Warta – Sementara
    itu, …` after a subheading), not the lead: the article began above it, and taking the dateline
    for the lead dropped the headline and the paragraphs before it as page header.
    """
    sentences = 0
    for i, line in enumerate(lines[:_LEAD_SEARCH_LINES]):
        if is_furniture(line) or is_date_line(line):
            continue
        dateline = parse_dateline(line)
        if dateline and len(line[dateline.end :].split()) >= 8:
            if sentences < 2:
                return i
            break
        if len(line.split()) >= _LONG_LEAD_WORDS and _is_sentence(line):
            sentences += 1
    for i, line in enumerate(lines[:_LEAD_SEARCH_LINES]):
        words = len(line.split())
        if (words >= _LONG_LEAD_WORDS and _is_sentence(line)) or words >= 40:
            return i
    return 0


def _is_title_candidate(line: str, photo_captions: set[str]) -> bool:
    line = _strip_end_marks(line)
    words = len(line.split())
    return (
        3 <= words <= 30
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and not line.rstrip(_CLOSERS).endswith(".")  # a sentence, quoted or not (`… katanya.”`)
        # A caption ends with its credit or the subject's place (`(REUTERS/Stringer)`, `(kanan)`); a
        # headline only with one of the labels of a series or a format (`(Bagian 1)`, `(Analisis)`).
        and (not line.endswith(")") or _HEADLINE_LABEL_RE.search(line) is not None)
        and not is_furniture(line)
        and not is_date_line(line)
        and _key(line) not in photo_captions
    )


def _pick_title(header: list[str], photo_captions: set[str]) -> int | None:
    """The headline: the last headline-like line above the lead, preferring one of 5+ words.

    Site name and tagline come before it; bylines (`Oleh Tim News`) and credits are shorter.
    """
    candidates = [i for i, line in enumerate(header) if _is_title_candidate(line, photo_captions)]
    long_ones = [i for i in candidates if len(header[i].split()) >= 5]
    return (long_ones or candidates or [None])[-1]


def _read_metadata(line: str, found: dict[str, str]) -> None:
    # Every metadata form has one of these: a colon, a bracket, capitals only, or a bar between credits.
    if ":" not in line and "(" not in line and "|" not in line and not line.isupper():
        return
    for key, patterns in furniture().metadata.items():
        if key in found:
            continue
        for pattern in patterns:
            match = pattern.fullmatch(line)
            if match and match["value"].strip():
                found[key] = match["value"].strip()
                break


def _is_bare_dateline(line: str) -> bool:
    """`Jakarta, CNN Indonesia --` alone on its line: some outlets print the lead's dateline that way."""
    if not ends_with_dash(line):  # all of such a line is the dateline, so it ends with its dash (7 → 0.4 µs a line)
        return False
    dateline = parse_dateline(line + " ")
    return dateline is not None and dateline.outlet is not None and dateline.end >= len(line)


def _split_writer_code(line: str) -> tuple[str, ...]:
    """A sentence with a writer's code appended, as two lines: the sentence, then the code, which is
    furniture (`… ke depan. (afp/bac)` → `… ke depan.`, `(afp/bac)`); any other line as it is.

    Only after a sentence: in `bertemu di Ankara (mm/alalam)` the brackets could be the sentence's own.
    """
    if not line.endswith(")"):
        return (line,)
    match = _APPENDED_CODE_RE.search(line, max(0, len(line) - _APPENDED_CODE_MAX))
    if match is None:
        return (line,)
    sentence = line[: match.start()].rstrip()
    if not _is_sentence(sentence):
        return (line,)
    return sentence, match.group(1)


def _join_bare_datelines(lines: list[str]) -> list[str]:
    """Put a dateline printed on a line of its own back in front of the lead it belongs to."""
    joined: list[str] = []
    for line in lines:
        if joined and _is_bare_dateline(joined[-1]) and not is_furniture(line) and not is_date_line(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def clean(text: str) -> Cleaned:
    """Split `text` into headline, header, body paragraphs and removed lines."""
    # `splitlines` breaks only at `\n`, `\r\n` and `\r` here: `normalise_spaces` made the other line
    # separators it knows blanks, in one pass over the whole text rather than a split by pattern.
    lines = [line.strip() for line in normalise_spaces(composed(text)).splitlines()]
    lines = _join_bare_datelines([line for line in lines if line])
    lines = [part for line in lines for part in _split_writer_code(line)]
    lead = _find_lead(lines)
    header = lines[:lead]
    removed: list[str] = []
    kept: list[str] = []
    metadata: dict[str, str] = {}
    seen: set[str] = set()
    # A caption printed twice, the second time with `/FOTO: credit`: both copies are the caption.
    photo_captions = {_key(line) for line in lines if "/" in line and _PHOTO_CREDIT_RE.search(line)} - {""}

    title_index = _pick_title(header, photo_captions)
    title = _strip_end_marks(header[title_index]) if title_index is not None else None
    if title is not None:
        seen.add(_key(title))
    for i, line in enumerate(header):
        if i == title_index:
            continue
        _read_metadata(line, metadata)
        key = _key(line)
        stray = (
            (title_index is not None and i < title_index)  # site name and tagline above the headline
            or is_furniture(line)
            or is_date_line(line)
            or key in seen
            or key in photo_captions
            or (len(line.split()) <= _HEADER_SHORT_WORDS and not _is_sentence(line))  # byline, image alt text
        )
        if stray:
            removed.append(line)
        else:
            kept.append(_strip_end_marks(line))
        seen.add(key)

    body = lines[lead:]
    only_promos_after = _only_promos_after(body)
    block_left = 0  # lines a section header may still take (its teasers or tags)
    for i, line in enumerate(body):
        _read_metadata(line, metadata)
        if _is_section_header(line):
            rest = len(body) - i - 1
            block_left = rest if only_promos_after[i] else furniture().max_mid_block
            removed.append(line)
            continue
        if block_left and _is_teaser(line):
            block_left -= 1
            removed.append(line)
            continue
        block_left = 0
        key = _key(line)
        if is_furniture(line) or is_date_line(line) or key in photo_captions or (len(key) >= 20 and key in seen):
            removed.append(line)
            continue
        seen.add(key)
        line = _strip_end_marks(line)
        if line:
            kept.append(line)
    kept = _drop_trailing_teasers(kept, removed)
    return Cleaned(title, tuple(header), tuple(kept), tuple(removed), metadata)


def _only_promos_after(body: list[str]) -> list[bool]:
    """For each line of `body`, whether every line after it is a teaser, furniture or a section header.

    One pass from the end: asking it of each section header in turn read the rest of the body once
    per header, minutes for a pasted page of thousands of `Terkait` lines.
    """
    flags = [True] * len(body)
    for i in range(len(body) - 2, -1, -1):
        after = body[i + 1]
        flags[i] = flags[i + 1] and (_is_teaser(after) or is_furniture(after) or _is_section_header(after))
    return flags


def _drop_trailing_teasers(kept: list[str], removed: list[str]) -> list[str]:
    """After the last sentence of the article, short headline-like lines are promos (`Infografis …`).

    They are moved to `removed`, keeping the order in which they appeared.
    """
    # Searched from the end, where the last sentence usually is.
    last_sentence = next((i for i in range(len(kept) - 1, -1, -1) if _is_sentence(kept[i])), None)
    if last_sentence is None:
        return kept
    tail = kept[last_sentence + 1 :]
    if not tail or not all(_is_trailing_teaser(line) for line in tail):
        return kept
    removed.extend(tail)
    return kept[: last_sentence + 1]
