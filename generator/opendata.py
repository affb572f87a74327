"""Open data (pure): the whole annotated collection as JSON (with text), CSV, and a JSON Schema.

The bytes are deterministic: articles in the digest's newest-first order, fields in a fixed order,
`\\n` line endings. The field list lives here once; `docs/data.md` explains each field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import TypeAlias

from generator.collection import Collection
from generator.feeds import page_url
from generator.metadata import article_metadata
from generator.model import Article
from generator.pagecache import Generated, PageCache, listing_fingerprint
from generator.siteconfig import SiteConfig
from generator.staging import IN_MEMORY, Stage

DATA_DIR = "data"
JSON_FILE = f"{DATA_DIR}/articles.json"
CSV_FILE = f"{DATA_DIR}/articles.csv"
SCHEMA_FILE = f"{DATA_DIR}/articles.schema.json"
# Goes up whenever a field is added, removed or changes meaning: the schema of a version allows no
# other fields (docs/data.md). 2: `date_estimated` added.
FORMAT_VERSION = 2
LINES_MEMO = "open data lines"  # the digests of the articles of articles.json, line by line
ROWS_MEMO = "open data rows"  # the length in bytes of each article's row of articles.csv, in order

# (field, JSON type, description), in output order. Lists are arrays in JSON and `; `-joined in CSV.
_STRING = {"type": "string"}
_OPTIONAL = {"type": ["string", "null"]}
_LIST = {"type": "array", "items": {"type": "string"}}
_BOOLEAN = {"type": "boolean"}
FIELDS: tuple[tuple[str, dict, str], ...] = (
    ("id", _STRING, "Stable identifier: the seed file's name without extension."),
    ("slug", _STRING, "URL slug of the article page."),
    ("page_url", {"type": "string", "format": "uri"}, "Address of the article's page on the digest."),
    ("title", _STRING, "Headline in the original language (Indonesian)."),
    ("title_en", _OPTIONAL, "English translation of the headline, when annotated."),
    ("url", _OPTIONAL, "Where the article was published."),
    ("outlet", _OPTIONAL, "The site that published it."),
    ("original_source", _OPTIONAL, "The agency or outlet it credits (e.g. Anadolu)."),
    ("dateline", _OPTIONAL, "City in the dateline."),
    ("editor", _OPTIONAL, "Editor named by the outlet."),
    (
        "published",
        {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "Publication date (YYYY-MM-DD), or null when unknown.",
    ),
    ("date_note", _OPTIONAL, "How the date was established when the text does not state it."),
    (
        "date_estimated",
        _BOOLEAN,
        "Whether the publication date is a contributor's estimate (neither the text nor the outlet gives it).",
    ),
    ("countries", _LIST, "ISO 3166-1 alpha-2 codes of the countries the article is about."),
    ("main_countries", _LIST, "The countries the article is mainly about (extracted)."),
    ("topics", _LIST, "Topic slugs from the digest's vocabulary."),
    ("people", _LIST, "People named, as written in the article."),
    ("organisations", _LIST, "Organisations named, as written in the article."),
    ("summary", _OPTIONAL, "English summary by a contributor, or null when not yet annotated."),
    ("source", _STRING, "Path of the raw text in the repository."),
    ("annotation", _OPTIONAL, "Path of the annotation in the repository, if any."),
)
CSV_FIELDS = tuple(name for name, _, _ in FIELDS)
_NOTES_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"quote": _STRING, "note": _STRING},
        "required": ["quote", "note"],
        "additionalProperties": False,
    },
}
Buffer: TypeAlias = bytes | memoryview  # a line or row: made now, or a view into the previous file
_JSON_HEAD = f'{{"format_version": {FORMAT_VERSION}, "articles": ['.encode()
_JSON_TAIL = b"]}\n"
_COMMA = ord(",")
# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(article: Article, config: SiteConfig) -> dict:
    """Every field of one article as plain JSON data (the CSV is the same without notes and text)."""
    return {
        "id": article.stem,
        "slug": article.slug,
        "page_url": page_url(config.site_url, article.page_path),
        **article_metadata(article),
        "text": article.body,
    }


def encoded(article: Article, config: SiteConfig) -> tuple[bytes, bytes]:
    """The article's line of `articles.json` and its row of `articles.csv`, from one `record`."""
    data = record(article, config)
    return _json_line(data), _csv_line(data)


def _json_line(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def _csv_line(data: dict) -> bytes:
    return _csv_row(_cell(data[name]) for name in CSV_FIELDS)


def _csv_row(values) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue().encode("utf-8")


def render_json(collection: Collection, config: SiteConfig, reused: Sequence[Buffer | None] = ()) -> bytes:
    """`json_pieces` joined."""
    return b"".join(json_pieces(collection, config, reused))


def json_pieces(collection: Collection, config: SiteConfig, reused: Sequence[Buffer | None] = ()) -> list[Buffer]:
    """`articles.json` as pieces to write end to end. One article per line: diff-friendly, and written
    by json's C encoder (`indent` runs in pure Python, which took a sixth of a warm build at 1,000
    articles). Fields keep `FIELDS`' order.

    `reused` holds, by position, the line of each article already made (kept from an earlier build
    with the same site URL and code, or made with the article's page: see `render_open_data`), or
    None: a line depends on nothing else.
    """
    lines = []
    for index, article in enumerate(collection.articles):
        line = reused[index] if index < len(reused) else None
        lines.append(line if line is not None else _json_line(record(article, config)))
    if not lines:
        return [_JSON_HEAD + _JSON_TAIL]
    # Pieces, joined once or not at all (`staging.Stage.put_pieces`): the JSON is 67 MB at 10,000
    # articles, and each copy of it (the old `head + body + tail`) cost 30 to 100 ms.
    return [_JSON_HEAD + b"\n", *_separated(lines, b",\n"), b"\n" + _JSON_TAIL]


def article_lines(content: bytes) -> list[memoryview]:
    """The lines of `content` (`articles.json` as `render_json` writes it) that hold an article each,
    the comma after one included, as views into it (a copy of the 67 MB at 10,000 articles took as
    much memory again); none when it is not in that form."""
    if not content.startswith(_JSON_HEAD + b"\n"):
        return []
    view, lines = memoryview(content), []
    start, end_of_lines = len(_JSON_HEAD) + 1, len(content) - len(b"\n" + _JSON_TAIL)
    while start < end_of_lines:
        end = content.find(b"\n", start, end_of_lines)
        end = end_of_lines if end < 0 else end
        lines.append(view[start:end])
        start = end + 1
    return lines


def _separated(items: Sequence[Buffer], separator: bytes) -> list[Buffer]:
    """`items` with `separator` between each two."""
    out = [separator] * (2 * len(items) - 1) if items else []
    out[::2] = items
    return out


def _remembered_digests(digests: object) -> list[bytes] | None:
    """The article digests `render_open_data` remembered (hex strings in the manifest, which anyone
    can edit), or None when they are not that."""
    if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
        return None
    try:
        return [bytes.fromhex(d) for d in digests]
    except ValueError:
        return None


def _previous_lines(content: bytes | None, digests: object) -> dict[bytes, memoryview]:
    """The line of each article in `content` (an earlier `render_json`), by the digests remembered
    for it in order; nothing when they do not match line for line.

    The lines are views into `content`, found with `bytes.find`: splitting the 67 MB into lines and
    stripping their commas copied it twice (0.2 s of a warm build at 10,000 articles)."""
    keys = _remembered_digests(digests)
    if content is None or not keys or not content.startswith(_JSON_HEAD + b"\n"):
        return {}
    view, lines = memoryview(content), {}
    start = len(_JSON_HEAD) + 1  # after the opening line
    for key in keys:
        end = content.find(b"\n", start)
        if end < 0:
            return {}
        lines[key] = view[start : end - 1 if content[end - 1] == _COMMA else end]
        start = end + 1
    return lines if content[start:] == _JSON_TAIL else {}


def _cell(value) -> str:
    if value is None:
        return ""
    if type(value) is bool:  # as JSON writes it, not Python's `True`
        return "true" if value else "false"
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(collection: Collection, config: SiteConfig, reused: Sequence[Buffer | None] = ()) -> bytes:
    """The CSV (rows as `csv_rows` makes them); `reused` as for `render_json`."""
    return b"".join(csv_rows(collection, config, reused))


def csv_rows(collection: Collection, config: SiteConfig, reused: Sequence[Buffer | None] = ()) -> list[Buffer]:
    """The header row, then one row per article: a row depends only on its article and the site URL
    (a row may span several lines: a quoted summary can hold a line break)."""
    rows = [_csv_row(CSV_FIELDS)]
    for index, article in enumerate(collection.articles):
        line = reused[index] if index < len(reused) else None
        rows.append(line if line is not None else _csv_line(record(article, config)))
    return rows


def _previous_rows(content: bytes | None, lengths: object, digests: object) -> dict[bytes, memoryview]:
    """The row of each article in `content` (an earlier `render_csv`), cut at the lengths remembered
    for its rows and keyed by the digests remembered for them; nothing when they do not add up.
    Views into `content`, as for `_previous_lines`."""
    keys = _remembered_digests(digests)
    if content is None or keys is None or not isinstance(lengths, list) or len(lengths) != len(keys) + 1:
        return {}
    if not all(type(n) is int and n > 0 for n in lengths) or sum(lengths) != len(content):
        return {}
    view, rows, start = memoryview(content), {}, lengths[0]  # after the header
    for key, length in zip(keys, lengths[1:], strict=True):
        rows[key] = view[start : start + length]
        start += length
    return rows


def _everything(config: SiteConfig, digests: Sequence[bytes]) -> str:
    """What the JSON and the CSV are made from (with their path appended, each one's fingerprint)."""
    return listing_fingerprint(("open data", config.site_url), digests)


def read_ahead(reuse: PageCache, config: SiteConfig, digests: Sequence[bytes]) -> None:
    """Start reading back the previous JSON and CSV (`PageCache.read_ahead`) when `render_open_data`
    will want their lines and rows: when an article changed, and the previous build remembered them."""
    if reuse.recall(LINES_MEMO, _lines_key(config)) is None:
        return
    everything = _everything(config, digests)
    for path in (JSON_FILE, CSV_FILE):
        if reuse.previous_fingerprint(path) != everything + path:
            reuse.read_ahead(path)


def _lines_key(config: SiteConfig) -> str:
    return listing_fingerprint(("open data lines", config.site_url), ())


def lines_wanted(reuse: PageCache, config: SiteConfig, digests: Sequence[bytes]) -> list[bool]:
    """For each article (by its `Article.digest`, in order), whether its line and row must be made:
    the previous build's open data held no article with that digest (so all of them, the first time)."""
    known = set(_remembered_digests(reuse.recall(LINES_MEMO, _lines_key(config))) or ())
    return [digest not in known for digest in digests]


def schema(config: SiteConfig) -> dict:
    """JSON Schema (draft 2020-12) of `articles.json`."""
    properties = {name: {**kind, "description": text} for name, kind, text in FIELDS}
    properties["notes"] = {**_NOTES_SCHEMA, "description": "Editorial notes, each anchored to a quoted phrase."}
    properties["text"] = {
        **_STRING,
        "description": "The cleaned article text in Indonesian, paragraphs split by blank lines.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": config.site_url + SCHEMA_FILE,
        "title": "Annotated news digest: articles",
        "type": "object",
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "articles": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": list(properties),
                    "additionalProperties": False,
                },
            },
        },
        "required": ["format_version", "articles"],
        "additionalProperties": False,
    }


def render_open_data(
    collection: Collection,
    config: SiteConfig,
    reuse: PageCache | None = None,
    digests: Sequence[bytes] = (),
    made: Mapping[int, tuple[bytes, bytes]] | None = None,
    stage: Stage = IN_MEMORY,
) -> dict[str, Generated]:
    """The open data files. With `reuse` and the `Article.digest` of every article of the collection
    in order (`digests`), the JSON and CSV of the previous build are reused when no article changed
    (they hold every article: rendering them is a seventh of a warm build at 1,000 articles), and
    otherwise the JSON lines and CSV rows of the unchanged articles are. `made` holds the `encoded`
    line and row of articles by position, made beforehand (with their pages, in worker processes).
    The JSON and CSV are given to `stage` as the pieces they are made of."""
    reuse = reuse or PageCache(None)
    made = made or {}
    files = {}
    if digests:
        everything = _everything(config, digests)
        lines_key = _lines_key(config)
        remembered = reuse.recall(LINES_MEMO, lines_key)

        def reused_lines() -> list[bytes | None]:
            previous = _previous_lines(reuse.previous_content(JSON_FILE), remembered)
            return [made[i][0] if i in made else previous.get(digest) for i, digest in enumerate(digests)]

        files[JSON_FILE] = reuse.page(
            JSON_FILE,
            everything + JSON_FILE,
            lambda: stage.put_pieces(JSON_FILE, json_pieces(collection, config, reused_lines())),
        )
        reuse.remember(LINES_MEMO, lines_key, [digest.hex() for digest in digests])

        def csv_file() -> Generated:
            lengths = reuse.recall(ROWS_MEMO, lines_key)
            previous = _previous_rows(reuse.previous_content(CSV_FILE), lengths, remembered)
            known = [made[i][1] if i in made else previous.get(digest) for i, digest in enumerate(digests)]
            rows = csv_rows(collection, config, known)
            reuse.remember(ROWS_MEMO, lines_key, [len(row) for row in rows])
            return stage.put_pieces(CSV_FILE, rows)

        files[CSV_FILE] = reuse.page(CSV_FILE, everything + CSV_FILE, csv_file)
        if ROWS_MEMO not in reuse.memos:  # the CSV was reused: so are its rows' lengths
            lengths = reuse.recall(ROWS_MEMO, lines_key)
            if lengths is not None:
                reuse.remember(ROWS_MEMO, lines_key, lengths)
        for path in (JSON_FILE, CSV_FILE):  # made anew: their digests are taken while the files are written
            content = files[path]
            if isinstance(content, bytes):
                reuse.hash_ahead(path, content)
    else:
        files[JSON_FILE] = render_json(collection, config)
        files[CSV_FILE] = render_csv(collection, config)
    files[SCHEMA_FILE] = (json.dumps(schema(config), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files
