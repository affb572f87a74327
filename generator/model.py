"""The value types that travel through the pipeline: raw seed, extraction, annotation, article."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Generic, Literal, TypeVar

Level = Literal["error", "warning"]
_T = TypeVar("_T")


class cached_property(Generic[_T]):  # named after the one it stands in for
    """`functools.cached_property` without the lock Python 3.11's takes on every first access (gone in
    3.12): the first `page_path` of 10,000 articles took 36 ms through it, 10 ms through this. Not a
    data descriptor, so the value it leaves in the instance's `__dict__` is found before it."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: object, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the input, printed as `path:line:col: level: message`."""

    path: str
    line: int | None = None
    col: int | None = None
    level: Level = "error"
    message: str = ""

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.level}: {self.message}"


@dataclass(frozen=True)
class Seed:
    """One article as found in `seeds/`: the raw text and, if present, its annotation's source."""

    stem: str
    text_path: str
    text: str | None  # None when left unread, unchanged since a build recorded `text_digest`
    annotation_path: str | None = None
    annotation_text: str | None = None  # None without annotation, or left unread (see `annotation_digest`)
    text_digest: str | None = None  # `cache.digest` of the text, when it was not read
    annotation_digest: str | None = None
    # `load.file_state` of each file, to recognise it unchanged next time (None: not a regular file read).
    text_state: tuple[int, int, int, int] | None = field(default=None, compare=False)
    annotation_state: tuple[int, int, int, int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Note:
    """An editorial note anchored to an exact phrase of the article text."""

    quote: str
    note: str


@dataclass(frozen=True)
class Extracted:
    """What the generator reads out of the raw text alone; `None`/empty where the text is silent."""

    title: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    outlet: str | None = None
    original_source: str | None = None
    editor: str | None = None
    countries: tuple[str, ...] = ()
    main_countries: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    body: str = ""
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annotation:
    """A contributor's annotation; `None` means the key was not given (the extraction stands), and a
    key in `cleared` was set to `null`: the article has no such value, whatever the text seemed to say."""

    title: str | None = None
    title_en: str | None = None
    url: str | None = None
    outlet: str | None = None
    original_source: str | None = None
    dateline: str | None = None
    editor: str | None = None
    published: dt.date | None = None
    date_note: str | None = None
    date_estimated: bool = False  # `published` is the contributor's estimate: neither text nor outlet gives it
    countries: tuple[str, ...] | None = None
    topics: tuple[str, ...] | None = None
    people: tuple[str, ...] | None = None
    organisations: tuple[str, ...] | None = None
    summary: str | None = None
    notes: tuple[Note, ...] = ()
    cleared: frozenset[str] = frozenset()


# How the one check that depends on the day of the build starts its message (`annotation.py`): the
# seed cache tells by it which results hold on later days too (`cache._holds_on`).
FUTURE_DATE = "'published' is in the future"

# The keys whose value may come from the text, so that `key: null` means something: the article has
# no such value (a source, a date...) although the text seemed to give one.
CLEARABLE_KEYS = (
    "outlet",
    "original_source",
    "dateline",
    "editor",
    "published",
    "countries",
    "topics",
    "people",
    "organisations",
)

ANNOTATION_KEYS: tuple[str, ...] = (
    "title",
    "title_en",
    "url",
    "outlet",
    "original_source",
    "dateline",
    "editor",
    "published",
    "date_note",
    "date_estimated",
    "countries",
    "topics",
    "people",
    "organisations",
    "summary",
    "notes",
)


@dataclass(frozen=True)
class Article:
    """One article after merging extraction and annotation: everything a page needs."""

    stem: str
    slug: str
    title: str
    body: str
    source_path: str
    annotation_path: str | None = None
    title_en: str | None = None
    url: str | None = None
    outlet: str | None = None
    original_source: str | None = None
    dateline: str | None = None
    editor: str | None = None
    published: dt.date | None = None
    date_note: str | None = None
    date_estimated: bool = False  # shown to readers as "about <date>"; sorted like any other date
    countries: tuple[str, ...] = ()
    main_countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    summary: str | None = None
    notes: tuple[Note, ...] = ()

    # Cached (in the instance's __dict__, which a frozen dataclass still has): every index, listing
    # and related list looks the path up, hundreds of thousands of times at 10,000 articles.
    @cached_property
    def year_folder(self) -> str:
        return str(self.published.year) if self.published else "undated"

    @cached_property
    def page_path(self) -> str:
        """Path of the generated page relative to `docs/`."""
        return f"articles/{self.year_folder}/{self.slug}.md"

    @cached_property
    def digest(self) -> bytes:
        """A SHA-256 digest of every field (values are strings, dates, tuples and `Note`s: their repr is
        deterministic), what the page cache fingerprints pages with. Taken once per article, and kept
        by the seed cache with the merged article (`cache.SeedCache.merged`): a warm build at 10,000
        articles spent 0.6 s taking it again. The body, the longest field, is hashed as it is rather
        than through `repr` (half the time), and its fixed-length digest comes first, so the
        concatenation stays unambiguous."""
        values = tuple(getattr(self, name) for name in _DIGESTED_FIELDS)
        digest = hashlib.sha256(hashlib.sha256(self.body.encode("utf-8", "surrogatepass")).digest())
        digest.update(repr(values).encode("utf-8", "surrogatepass"))
        return digest.digest()

    @property
    def repository_source(self) -> str:
        """Where the raw text lives in the repository, whatever folder it was read from."""
        return "seeds/" + self.source_path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def repository_annotation(self) -> str | None:
        if self.annotation_path is None:
            return None
        return "seeds/" + self.annotation_path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def display_title(self) -> str:
        return self.title_en or self.title


_DIGESTED_FIELDS = tuple(spec.name for spec in fields(Article) if spec.name != "body")


@dataclass(frozen=True)
class Topic:
    """One entry of the topic vocabulary (`generator/data/topics.yml`)."""

    slug: str
    label: str
    description: str
    keywords: tuple[str, ...] = ()
