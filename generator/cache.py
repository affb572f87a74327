"""A content-addressed cache of the per-seed work (extraction, annotation parsing, merge) between builds.

A rebuild re-reads only the seeds whose bytes changed. Entries are keyed by the SHA-256 of what the
result depends on, and the whole folder by a fingerprint of the code that made them
(`extract-<fingerprint>/<kind>-<00-ff>.<json or dat>`), so a change to the extractor, the annotation
checks, the merge or their data files starts a new, empty cache. The files are JSON (the merged
articles' followed by their bodies as plain text: see `_SUFFIX`), never pickle: it sits beside seeds
written by strangers, and loading it must not be able to run code. An unreadable or malformed cache
is ignored (and rebuilt): it can cost time, never a wrong result or an error.

Two kinds of entry: a text's extraction (`x:`, keyed by the text), and a seed's merged article with
its annotation's problems (`m:`, keyed by the seed's name and paths, its text and its annotation),
which is what a warm build takes for each unchanged seed. A changed annotation is parsed again and
merged with the cached extraction. The annotation checks depend on the day of the build in one
way, a date in the future (see `_holds_on`): a cached "in the future" error must not outlive its
day, and a result without one holds on every later day.

Texts are keyed by their digest, and `files.json` records the digest of each seed file read with
the file's state (size, modification and change times, inode: `load.file_state`), so a rebuild
reads only the files whose state changed. The content stays the source of truth: a state is
recorded only once its file has been left alone for `SETTLED_NS`, so that any later write, which
sets the change time to the current time, gives a state of its own even on a file system with coarse
timestamps (a file written twice within one tick of its clock would otherwise keep its state).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import fields
from pathlib import Path
from typing import NamedTuple, get_type_hints

from generator.fingerprint import code_fingerprint
from generator.model import FUTURE_DATE, Article, Diagnostic, Extracted, Note, Seed

DEFAULT_DIR = Path(".cache") / "generator"
# The per-seed work: extraction, annotation parsing, which reads the extraction, and their merge.
ROOTS = ("generator.extract", "generator.annotation", "generator.merge", "generator.cache", "generator.load")
FILES = "files.json"
# A file's state is trusted once its change time is this far behind the start of the build that read
# it: more than the coarsest timestamps in use (2 s on FAT) and the clock's tick.
SETTLED_NS = 3 * 10**9


def settled(state: tuple[int, int, int, int], started_ns: int) -> bool:
    """Whether a file in `state` (`load.file_state`) was last written `SETTLED_NS` before `started_ns`,
    so that any later write gives it another state: only then may the state stand for its content."""
    return max(state[1], state[2]) < started_ns - SETTLED_NS


def digest(*parts: str) -> str:
    """SHA-256 of the parts, NUL-separated (no part contains NUL: seeds with NUL bytes are rejected)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _encode(value: Extracted) -> dict:
    data = {}
    for spec in fields(value):
        item = getattr(value, spec.name)
        if isinstance(item, dt.date):
            item = item.isoformat()
        elif spec.name == "notes":
            item = [[note.quote, note.note] for note in item]
        data[spec.name] = item
    return data


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(spec.name for spec in fields(kind))


def _decode(kind: type[Extracted], data: dict) -> Extracted:
    """The value `_encode` made; raises (ValueError, TypeError, KeyError) on anything else."""
    values = {}
    for name in _field_names(kind):
        item = data[name]
        if name == "notes":
            if type(item) is not list:
                raise TypeError("notes: not a list")
            item = tuple(Note(str(quote), str(note)) for quote, note in item)
        elif item is None or type(item) is str:
            pass
        elif type(item) is list:
            item = tuple(str(entry) for entry in item)
        else:
            raise TypeError(f"{name}: unexpected {type(item).__name__}")
        values[name] = item
    if values.get("published") is not None:
        values["published"] = dt.date.fromisoformat(values["published"])
    return kind(**values)


def _diagnostic(path: str, line: object, col: object, level: object, message: object) -> Diagnostic:
    if type(line) not in _LINE or type(col) not in _LINE or level not in _LEVELS or type(message) is not str:
        raise ValueError("malformed diagnostic")
    return Diagnostic(path, line, col, level, message)  # type: ignore[arg-type]  # checked above


_LINE = {int, type(None)}
_LEVELS = {"error", "warning"}


def _shard(key: str) -> str:
    """The file an entry lives in: its kind and the first two hex digits of its digest (keys are
    `x:<hex>` for extractions, `m:<hex>` for merged articles)."""
    return f"{key[0]}-{key[2:4]}"


_SHARD = re.compile(r"[xm]-[0-9a-f]{2}")
# The file of each kind of shard (`_file_name`). Extractions are JSON. Merged articles are a JSON
# line, each article's body in it replaced by where it lies in what follows the line: the bodies,
# one after another, in UTF-8. A warm build reads every merged article, and parsing the bodies as
# JSON strings was most of that (70 MB at 10,000 articles, 56 of them bodies): reading the files
# takes 140-180 ms of CPU this way, 230-250 ms as JSON alone (see `_with_bodies`).
_SUFFIX = {"x": ".json", "m": ".dat"}


def _file_name(shard: str) -> str:
    return shard + _SUFFIX[shard[0]]


def _with_bodies(entries: dict[str, object], bodies: memoryview) -> None:
    """Put in each merged article read from a file the body it points to in the file's `bodies` (where
    `put_merged` has it), or None when it points to none: the entry is then rejected when decoded."""
    for entry in entries.values():
        if type(entry) is list and len(entry) > 3:
            entry[3] = _body(bodies, entry[3])


def _body(bodies: memoryview, span: object) -> str | None:
    """The UTF-8 text at `span` (`[start, end]`, in bytes) of `bodies`, or None when it is not that."""
    if type(span) is not list or len(span) != 2:
        return None
    start, end = span
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(bodies):
        return None
    try:
        return str(bodies[start:end], "utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def _encode_shard(shard: str, entries: dict[str, object]) -> bytes:
    """The content of `shard`'s file (see `_SUFFIX`): `entries` hold merged articles with their body."""
    if shard[0] == "x":
        return _json(entries)
    bodies, end, stored = [], 0, {}
    for key, entry in entries.items():
        body = entry[3].encode("utf-8", "surrogatepass")  # type: ignore[index]
        stored[key] = [*entry[:3], [end, end + len(body)], *entry[4:]]  # type: ignore[index]
        bodies.append(body)
        end += len(body)
    return b"".join([_json(stored), b"\n", *bodies])  # the JSON has no newline: it escapes those in strings


def _read(path: str) -> bytes:
    """The content of the file at `path`: with `os` calls, as a warm build reads each of the 256 files
    of merged articles, and pathlib's `read_bytes` took twice as long (12 against 6 ms for them all)."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def _json(value: object) -> bytes:
    # ASCII with escapes rather than UTF-8: the encoder is twice as fast on article text (10,000
    # articles: 0.7 s against 1.5 s) and reading it back no slower, for 0.6% more bytes.
    return json.dumps(value, separators=(",", ":")).encode("ascii")


# What `files.json` holds for each file (`read_file`): its state and its text's digest.
_FILE_ENTRY = (int, int, int, int, str)
# The state recorded for a file read before it settled (`SETTLED_NS`): none of a real file (an inode is
# never negative), so the file is read again, but its digest tells the next build whether it changed.
_UNSETTLED = (-1, -1, -1, -1)


def _recorded_digest(entry: object) -> str | None:
    """The digest in an entry of `files.json`, if it is one."""
    return entry[4] if type(entry) is list and tuple(map(type, entry)) == _FILE_ENTRY else None


# An entry a build uses without reading it: `save` keeps what its file holds.
_KEEP = object()


# How a merged article is stored (`SeedCache.merged`): its fields but the body, in order, as a list
# rather than an object, and decoded by kind rather than by `_decode`'s tests of each value: 10,000
# articles took 0.4 s to decode that way, 0.15 s this way.
_KINDS = {
    bool: "flag",
    str: "text",
    str | None: "optional",
    dt.date | None: "date",
    tuple[str, ...]: "texts",
    tuple[Note, ...]: "notes",
}
_ARTICLE_FIELDS = tuple((name, _KINDS[kind]) for name, kind in get_type_hints(Article).items() if name != "body")
_STORE = {
    "flag": lambda value: value,
    "text": lambda value: value,
    "optional": lambda value: value,
    "date": lambda value: value.isoformat() if value is not None else None,
    "texts": list,
    "notes": lambda notes: [[note.quote, note.note] for note in notes],
}


def _texts(value: list) -> tuple[str, ...]:
    "".join(value)  # raises TypeError on anything but strings, in C: a third of the time of testing each
    return tuple(value)


def _note(value: object) -> Note:
    if type(value) is not list:
        raise TypeError("note: not a list")
    return Note(*_texts(value))


_AT = {kind: tuple(i for i, (_, each) in enumerate(_ARTICLE_FIELDS) if each == kind) for kind in _STORE}
_BODY_AT = [name for name in get_type_hints(Article)].index("body")  # where `_ARTICLE_FIELDS` skips it
# The types a stored article's values may have, as a set of every allowed sequence (2 ** 10 of them):
# one C-speed `tuple(map(type, values))` and a set lookup test them all, where testing position by
# position took a third of the time of decoding an article.
_STORED_TYPES = {
    "flag": (bool,),
    "text": (str,),
    "optional": (str, type(None)),
    "date": (str, type(None)),
    "texts": (list,),
}
_STORED_TYPES["notes"] = _STORED_TYPES["texts"]
_SIGNATURES = frozenset(itertools.product(*(_STORED_TYPES[kind] for _, kind in _ARTICLE_FIELDS)))


def _article(values: list, body: str) -> Article:
    """The article `_STORE` stored as `values`; raises (ValueError, TypeError) on anything else."""
    if tuple(map(type, values)) not in _SIGNATURES:
        raise TypeError("not an article's values")
    for at in _AT["date"]:
        if values[at] is not None:
            values[at] = dt.date.fromisoformat(values[at])
    for at in _AT["texts"]:
        values[at] = _texts(values[at])
    for at in _AT["notes"]:
        values[at] = tuple(map(_note, values[at]))
    values.insert(_BODY_AT, body)
    return Article(*values)


def _holds_on(day: str, only: bool, today: dt.date) -> bool:
    """Whether a result made on `day` (ISO) holds on `today`. The checks depend on the day in one way
    only: a publication date after it is an error (`FUTURE_DATE`, which names the day). So a result
    with that error holds on its day `only`, and one without it on every day from its own on (the date
    is not after a later day either): the first build of a day need not check every annotation again.
    """
    if type(day) is not str or type(only) is not bool:
        raise TypeError("day, only: not a string and a boolean")
    return day == today.isoformat() if only else day <= today.isoformat()


class Merged(NamedTuple):
    """What a build needs of a seed whose results are all cached: its merged article, the problems
    its annotation has, whether the annotation was rejected, and the body's `validate.body_key`."""

    article: Article
    problems: list[Diagnostic]
    rejected: bool
    body_key: str


class SeedCache:
    """The entries read at the start of a build; `save` keeps only those this build used.

    Entries are spread over 256 files per kind by the first two hex digits of their key, so a
    rebuild after one change rewrites a few 256ths of the cache (75 MB at 10,000 articles: with 16
    files, re-encoding the sixteenths a change touched took 0.25 s). A file is read when an entry
    of it is first looked up: a warm build finds every seed's merged article, which holds its body,
    and reads no extraction but those of the seeds that changed (at 10,000 articles that is 70 MB
    read instead of 90, and of them 14 MB of JSON to parse).
    """

    def __init__(self, folder: Path | None, *, records_files: bool = True) -> None:
        """`records_files`: whether `save` records the seed files' states for the next build to know
        what changed since this one. `check` does not: a check between an edit and a build had the
        build take the edited file as unchanged, and count its warnings as old news."""
        self.path = folder / f"extract-{code_fingerprint(*ROOTS)}" if folder is not None else None
        self._records_files = records_files
        self._old: dict[str, object] = {}
        self._shards: dict[str, set[str]] = {}  # shard read → the keys its file held
        self._used: dict[str, object] = {}  # key → value, or `_KEEP`
        self._changed: set[str] = set()  # shards with an entry added by this build
        self._started = time.time_ns()  # before any seed is read: see `SETTLED_NS`
        self._files_old: dict[str, list] = {}
        self._files: dict[str, list] = {}  # path → [*state, digest], for the next build
        self._read: dict[str, str] = {}  # the seed files read in full → the digest of what they held
        self._load_files()

    def _load_files(self) -> None:
        if self.path is None:
            return
        try:
            data = json.loads((self.path / FILES).read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self._files_old = data  # each entry checked when looked up: 20,000 up front took 30 ms

    def known_file(self, path: str, state: tuple[int, int, int, int]) -> str | None:
        """The digest of the text last read from `path`, if the file still has the state it had then
        (for `load.read_seeds`). Kept for the next build when the caller uses it."""
        entry = self._files_old.get(path)
        if type(entry) is not list or tuple(map(type, entry)) != _FILE_ENTRY or tuple(entry[:4]) != state:
            return None
        self._files[path] = entry
        return entry[4]

    def read_file(self, path: str, state: tuple[int, int, int, int] | None, text: str) -> str:
        """The digest of `text`, just read from `path` in `state`; remembers the state once settled, and
        the digest in any case (the next build reads the file again, and knows if it changed)."""
        key = digest(text)
        self._read[path] = key
        if state is not None:
            self._files[path] = [*(state if settled(state, self._started) else _UNSETTLED), key]
        return key

    def changed_files(self) -> list[str]:
        """The seed files new or changed since the last build, and those the last build read that are
        gone (an annotation deleted, for one). A file read again only because its state had not settled
        (written just before the last build: a fresh clone, a copy) is not changed if it holds the same."""
        gone = self._files_old.keys() - self._files.keys() - self._read.keys()
        changed = [path for path, key in self._read.items() if _recorded_digest(self._files_old.get(path)) != key]
        return [*changed, *sorted(gone)]

    def follows(self, path: str) -> bool:
        """Whether `path` is a seed file this build or the last one read (its changes are known)."""
        return path in self._files or path in self._files_old

    def forget_changes(self) -> None:
        """Have the next build take the files this one read in full, or found gone, as new or changed
        again: this one stopped on an error, and with `--changed-only` the next must list the warnings
        about them (this one listed them among its errors) rather than count them as old news."""
        if self.path is None or (not self._read and self._files.keys() >= self._files_old.keys()):
            return
        read = set(self.changed_files())
        files = {path: entry for path, entry in self._files.items() if path not in read}
        files.update((path, self._files_old[path]) for path in self._files_old.keys() - self._files.keys())
        with contextlib.suppress(OSError):
            self.path.mkdir(parents=True, exist_ok=True)
            self._write(FILES, _json(dict(sorted(files.items()))))

    def _load(self, shard: str) -> None:
        """Read the entries of `shard`'s file, once; a file that cannot be read counts as empty."""
        self._shards[shard] = set()
        if self.path is None:
            return
        try:
            content = _read(os.path.join(self.path, _file_name(shard)))
            cut = content.index(b"\n") if shard[0] == "m" else len(content)
            data = json.loads(content[:cut])
        except (OSError, ValueError):  # missing, unreadable, truncated, not JSON: start this shard afresh
            return
        if isinstance(data, dict):
            entries = {key: value for key, value in data.items() if isinstance(key, str) and _shard(key) == shard}
            if shard[0] == "m":
                _with_bodies(entries, memoryview(content)[cut + 1 :])
            self._old.update(entries)
            self._shards[shard] = set(entries)

    def _entry(self, key: str) -> object | None:
        """The entry `key` as its file holds it (None: none)."""
        found = self._old.get(key)  # found only once its file is read
        if found is None and _shard(key) not in self._shards:
            self._load(_shard(key))
            found = self._old.get(key)
        return found

    def _get(self, key: str, decode):
        found = self._entry(key)
        if found is None:
            return None
        try:
            value = decode(found)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        self._used[key] = found
        return value

    def extracted(self, text_digest: str) -> tuple[Extracted, str] | None:
        """The extraction of the text with `digest` `text_digest` and its body's `validate.body_key`, when cached."""

        def decode(data: dict) -> tuple[Extracted, str]:
            key = data["body_key"]
            if not isinstance(key, str):
                raise TypeError("body_key: not a string")
            return _decode(Extracted, data), key

        return self._get("x:" + text_digest, decode)

    def _put(self, key: str, value: object) -> None:
        if _shard(key) not in self._shards:
            self._load(_shard(key))  # its other entries are written back with this one
        self._used[key] = value
        self._changed.add(_shard(key))

    def put_extracted(self, text_digest: str, value: Extracted, key: str) -> None:
        """Cache the extraction of the text with digest `text_digest`, whose body has `validate.body_key` `key`."""
        self._put("x:" + text_digest, {**_encode(value), "body_key": key})

    @staticmethod
    def _merged_key(seed: Seed, text: str, annotation: str | None) -> str:
        """`text` and `annotation` are the digests of the seed's text and annotation (None: it has none)."""
        return "m:" + digest(seed.stem, seed.text_path, seed.annotation_path or "", text, annotation or "")

    def merged(self, seed: Seed, text: str, annotation: str | None, today: dt.date) -> Merged | None:
        """The seed's `Merged` result, when its text (digest `text`) and its annotation (digest
        `annotation`) are those it was made from, and it holds on `today` (see `_holds_on`).

        A warm build takes every seed from here: decoding the extraction and the annotation and merging
        them again was 1.3 s of a 10,000-article rebuild. The entry holds the body too (it is also in
        the extraction's entry, which the next change of the annotation needs), so that a warm build
        reads no extraction; the seed's extraction entry is kept without being read.
        """

        def decode(data: list) -> Merged:
            digest, rejected, problems, body, body_key, day, only, *values = data
            if type(rejected) is not bool or type(body) is not str or type(body_key) is not str:
                raise TypeError("rejected, body, body_key: not a boolean and two strings")
            if not _holds_on(day, only, today):
                raise ValueError("made on another day")
            article = _article(values, body)
            if (article.stem, article.source_path, article.annotation_path) != (
                seed.stem,
                seed.text_path,
                seed.annotation_path,
            ):
                raise ValueError("not this seed's article")
            diagnostics = [_diagnostic(seed.annotation_path or seed.text_path, *entry) for entry in problems]
            # The article's digest, taken when it was merged (see `Article.digest`).
            article.__dict__["digest"] = bytes.fromhex(digest)
            return Merged(article, diagnostics, rejected, body_key)

        found = self._get(self._merged_key(seed, text, annotation), decode)
        if found is not None:
            self._keep("x:" + text)
        return found

    def _keep(self, key: str) -> None:
        """Keep entry `key`, if there is one, without reading it."""
        self._used.setdefault(key, _KEEP)

    def put_merged(self, seed: Seed, text: str, annotation: str | None, today: dt.date, result: Merged) -> None:
        """Cache `result` for the seed (see `merged`)."""
        if any(problem.path != (seed.annotation_path or seed.text_path) for problem in result.problems):
            return  # every diagnostic is re-attached to that path when read back: cache only what round-trips
        article = result.article
        entry = [
            article.digest.hex(),
            result.rejected,
            [[d.line, d.col, d.level, d.message] for d in result.problems],
            article.body,
            result.body_key,
            today.isoformat(),
            any(problem.message.startswith(FUTURE_DATE) for problem in result.problems),
            *(_STORE[kind](getattr(article, name)) for name, kind in _ARTICLE_FIELDS),
        ]
        self._put(self._merged_key(seed, text, annotation), entry)

    def save(self) -> None:
        """Write the shards whose entries this build changed (an entry added, or one no longer used),
        and the files' states; never fails the build. The entries are let go of: a saved cache is done."""
        try:
            self._save()
        finally:
            self._release()

    def _save(self) -> None:
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.path.mkdir(parents=True, exist_ok=True)
            if self._records_files and self._files != self._files_old:
                self._write(FILES, _json(dict(sorted(self._files.items()))))
        # A file read by this build is rewritten without the entries it no longer uses. One left unread
        # is removed when no entry of this build belongs in it; otherwise it keeps its unused entries
        # until a build reads it. Every merged article is looked up, so every `m-` file still in use is
        # read; an `x-` file is read when a seed in it changes: an extraction left unused (its text was
        # edited) stays until then.
        used: dict[str, dict[str, object]] = {}
        alive: set[str] = set()  # the shards an entry of this build belongs in
        for key, value in self._used.items():
            shard = _shard(key)
            alive.add(shard)
            if shard in self._shards and (value is not _KEEP or key in self._old):
                used.setdefault(shard, {})[key] = self._old[key] if value is _KEEP else value
        stale = {shard for shard, keys in self._shards.items() if keys != set(used.get(shard, ()))}
        with contextlib.suppress(OSError):
            self.path.mkdir(parents=True, exist_ok=True)
            for shard in sorted(self._changed | stale):
                self._write(_file_name(shard), _encode_shard(shard, used.get(shard, {})))
            kept = {_file_name(shard) for shard in alive}
            for name in os.listdir(self.path):
                if _SHARD.fullmatch(os.path.splitext(name)[0]) and name not in kept:
                    os.unlink(self.path / name)
            for old in self.path.parent.glob("extract-*"):  # made by other versions of the code
                if old == self.path:
                    continue
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)

    def _release(self) -> None:
        """Let go of the entries once saved, for the rendering that follows to reuse their memory (their
        bodies are the articles' own strings: 28 MB less at the peak of a cold build of 10,000 articles)."""
        self._old, self._used, self._shards, self._changed = {}, {}, {}, set()

    def _write(self, name: str, content: bytes) -> None:
        assert self.path is not None
        handle, temporary = tempfile.mkstemp(prefix=".extract-", suffix=".tmp", dir=self.path)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.replace(temporary, self.path / name)  # readers see old or new, never half
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
