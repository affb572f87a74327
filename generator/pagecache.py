"""Reuse the generated files of the previous build whose inputs have not changed: article pages,
the lists of articles (timeline, countries, topics, years), feeds and open data.

An article page's bytes depend only on its `Article`, its related articles and the renderer's code
and data. The manifest `docs/.generated-manifest.json` (a dot-file: MkDocs and git ignore it)
records, for every page written, a fingerprint of those inputs and the SHA-256 of the bytes. On the
next build a page whose fingerprint matches is `Kept` instead of rendered, if the file still holds
exactly those bytes (a hand-edited or half-written page is rendered again), and `write.py` leaves
it alone without reading it.

Reading 10,000 pages back to check them was a sixth of a rebuild after one change, so the manifest
also records the file's state (`load.file_state`: size, modification and change times, inode) once
the page has been read back and found intact: while the file keeps that state it is not read again.
As for seeds (`cache.settled`), a state is recorded only once the file has been left alone for a few
seconds, so any later write gives the file a state of its own.

    pages = PageCache.load(docs)             # or PageCache(None) for no reuse
    with staging_folder(docs) as stage:      # or no stage: files in memory
        files = render_site(articles, reuse=pages, stage=stage)
        write_generated(docs, files)
    pages.save(files)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from generator import cache as seed_cache
from generator.fingerprint import code_fingerprint
from generator.load import FileState, file_state
from generator.staging import Staged

MANIFEST = ".generated-manifest.json"
# Everything the rendered files depend on besides their data: the renderer and what it imports.
ROOTS = ("generator.render", "generator.pagecache")


def renderer_fingerprint() -> str:
    """The fingerprint of the renderer's code and data, which every reused file depends on."""
    return code_fingerprint(*ROOTS)


def page_fingerprint(article: bytes, related: Iterable[bytes]) -> str:
    """The fingerprint of an article page: its article's digest, each related article's digest, and
    the renderer (what the page shows about a related article, `related.explain`, is a function of
    the two articles and the renderer's code)."""
    return hashlib.sha256(_renderer() + article + b"".join(related)).hexdigest()


def listing_fingerprint(params: tuple, digests: Iterable[bytes]) -> str:
    """The fingerprint of a file made from a list of articles (their `Article.digest`s, in order) and a
    few plain values (`params`: its path, title...), and the renderer. `repr` escapes NUL, so the NUL
    after it ends `params` unambiguously; digests have a fixed length."""
    head = _renderer() + repr(params).encode("utf-8", "surrogatepass") + b"\0"
    return hashlib.sha256(head + b"".join(digests)).hexdigest()


def _renderer() -> bytes:
    return renderer_fingerprint().encode()


class Kept(NamedTuple):
    """A generated file left in `docs/` as the previous build wrote it: not rewritten. `entry` is what
    the manifest records for it (see `PageCache`), with the file's state once settled
    (`cache.settled`), so that the next build knows it unchanged without reading it."""

    entry: str


# What `render_site` gives for each generated file: its bytes, or the record of where they were
# staged (`staging`), or `Kept`.
Generated = bytes | Staged | Kept


def _entry(fingerprint: str, sha: str, state: FileState | None = None) -> str:
    """A page's line in the manifest: `fingerprint sha` and, once the file has settled, its state
    `size mtime ctime inode`. One string rather than a JSON list of two strings and four numbers:
    reading, checking and writing 10,000 of them took 0.2 s of a warm build at 10,000 articles."""
    return f"{fingerprint} {sha}" if state is None else f"{fingerprint} {sha} {_state_text(state)}"


def _state_text(state: FileState) -> str:
    size, modified, changed, inode = state
    return f"{size} {modified} {changed} {inode}"


def _split_entry(entry: object) -> list[str] | None:
    """[fingerprint, sha] or [fingerprint, sha, state] from a manifest entry; None if it is not one."""
    known = entry.split(" ", 2) if type(entry) is str else None
    return known if known is not None and len(known) > 1 else None


class _InThread:
    """`work()` run in a daemon thread of its own, started at once; `result()` waits for it and gives
    what it returned, or None if it raised. Used for reading back and hashing large files, which leave
    Python's lock to other threads. One thread per piece of work, ended with it: `parallel.workers`
    forks only a process that runs no other thread."""

    def __init__(self, work: Callable[[], object]) -> None:
        self._returned: list = []
        self._thread = threading.Thread(target=lambda: self._returned.append(work()), daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        return self._returned[0] if self._returned else None


class PageCache:
    """The previous build's manifest, and the fingerprints of the pages of this one.

    The manifest maps each generated file's path to its `_entry`. Besides pages, it keeps a few
    whole-collection results (`recall`/`remember`), such as the related-coverage index, under the
    fingerprint of what they were computed from.
    """

    def __init__(
        self,
        docs_dir: Path | None,
        previous: Mapping[str, object] | None = None,
        memos: Mapping[str, tuple[str, object]] | None = None,
    ) -> None:
        self.docs_dir = docs_dir
        self._docs = str(docs_dir) + os.sep if docs_dir is not None else None  # joined as strings: 10,000 pages
        # As read: an entry is checked when it is looked up (the manifest sits in `docs/`, where anyone can
        # edit it), and only pages whose fingerprint matches are; a Kept page records its entry unchanged.
        self.previous: Mapping[str, object] = previous or {}
        self.fingerprints: dict[str, str] = {}
        self.reused = 0
        self._started = time.time_ns()
        self.previous_memos = dict(memos or {})
        self.memos: dict[str, tuple[str, object]] = {}
        self._reading_ahead: dict[str, _InThread] = {}  # path → its previous content, being read back
        self._hashing: dict[str, tuple[bytes, _InThread]] = {}  # path → new content, its SHA-256 being taken

    @classmethod
    def load(cls, docs_dir: Path) -> PageCache:
        """The manifest in `docs_dir`; a missing or malformed one means nothing is reused."""
        try:
            data = json.loads((docs_dir / MANIFEST).read_bytes())
            pages = data["pages"]
        except (OSError, ValueError, TypeError, KeyError):
            return cls(docs_dir)
        if not isinstance(pages, dict):
            return cls(docs_dir)
        try:
            memos = {str(name): (str(key), value) for name, (key, value) in data.get("memos", {}).items()}
        except (ValueError, TypeError, AttributeError):
            memos = {}
        return cls(docs_dir, pages, memos)

    def recall(self, name: str, key: str) -> object | None:
        """The JSON value remembered as `name` by the previous build, if it was computed from `key`.
        The caller must check its shape: the manifest sits in `docs/`, where anyone can edit it."""
        if self.docs_dir is None:
            return None
        known = self.previous_memos.get(name)
        return known[1] if known is not None and known[0] == key else None

    def remember(self, name: str, key: str, value: object) -> None:
        """Keep `value` (plain JSON data) as `name` for the next build, computed from `key`."""
        self.memos[name] = (key, value)

    def page(self, path: str, fingerprint: str, render: Callable[[], Generated]) -> Generated:
        """Page `path`: `Kept` when the previous build made it from the same inputs, else `render()`."""
        found = self.reusable(path, fingerprint)
        return found if found is not None else render()

    def reusable(self, path: str, fingerprint: str) -> Kept | None:
        """`Kept` when the previous build made page `path` from the same inputs and the file still holds
        what it wrote, else None: the caller renders it (this build's page `path` has that `fingerprint`
        either way). The file is read back only when its recorded state no longer vouches for it."""
        self.fingerprints[path] = fingerprint
        entry = self.previous.get(path)
        known = _split_entry(entry)
        if known is None or known[0] != fingerprint:
            return None
        # `entry` is a str: `_split_entry` split it.
        kept = Kept(entry) if self._unchanged(path, known) else self._checked(path, known)  # type: ignore[arg-type]
        if kept is not None:
            self.reused += 1
        return kept

    def _unchanged(self, path: str, known: list[str]) -> bool:
        """Whether the file still has the state recorded with its checked bytes."""
        if len(known) < 3 or self._docs is None:
            return False
        try:
            info = os.lstat(self._docs + path)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and _state_text(file_state(info)) == known[2]

    def _checked(self, path: str, known: list[str]) -> Kept | None:
        """`Kept` if the file, read back, holds the bytes with digest `sha`; its state once settled."""
        read = self._read_back(path)
        if read is None or hashlib.sha256(read[0]).hexdigest() != known[1]:
            return None
        state = file_state(read[1])
        return Kept(_entry(known[0], known[1], state if seed_cache.settled(state, self._started) else None))

    def _read_back(self, path: str) -> tuple[bytes, os.stat_result] | None:
        if self.docs_dir is None:
            return None
        try:
            # Not through a link: `write_generated` replaces a linked page with a file of its own.
            with open(self.docs_dir / path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NOFOLLOW)) as f:
                return f.read(), os.fstat(f.fileno())
        except OSError:
            return None

    def previous_content(self, path: str) -> bytes | None:
        """The file `path` as the previous build wrote it, whatever it was made from; None if it is
        missing or was changed since (its bytes no longer match the manifest)."""
        ahead = self._reading_ahead.pop(path, None)
        return ahead.result() if ahead is not None else self._previous_content(path)

    def _previous_content(self, path: str) -> bytes | None:
        known = _split_entry(self.previous.get(path))
        read = self._read_back(path) if known is not None else None
        if known is None or read is None or hashlib.sha256(read[0]).hexdigest() != known[1]:
            return None
        return read[0]

    def read_ahead(self, path: str) -> None:
        """Start reading back and checking `path` for a later `previous_content`, in a thread of its own.

        The open data of 10,000 articles is 75 MB that a build after a change reads and hashes (0.1 s)
        to reuse its lines: reading (most of it the kernel providing fresh memory) and hashing leave
        Python's lock to the thread while they run, so on a second core it costs the build little.
        Only once the workers of `fork_map` are done: it forks only a process without other threads."""
        if path in self._reading_ahead or self.previous_fingerprint(path) is None:
            return
        self._reading_ahead[path] = _InThread(lambda: self._previous_content(path))

    def previous_fingerprint(self, path: str) -> str | None:
        """The fingerprint the previous build recorded for `path`, if any."""
        known = _split_entry(self.previous.get(path))
        return known[0] if known is not None else None

    def hash_ahead(self, path: str, content: bytes) -> None:
        """Start taking the SHA-256 that `save` records for `content`, the new bytes of `path`, in a thread
        of its own: hashing the 67 MB `articles.json` of 10,000 articles takes 45-50 ms, which leave
        Python's lock to the thread, so it runs on a second core while `write_generated` writes."""
        if self.docs_dir is None:
            return  # nothing to save
        self._hashing[path] = (content, _InThread(lambda: hashlib.sha256(content).hexdigest()))

    def _sha(self, path: str, content: bytes) -> str:
        """The SHA-256 of `content`, as `hash_ahead` took it if it was given these very bytes."""
        ahead = self._hashing.pop(path, None)
        digest = ahead[1].result() if ahead is not None and ahead[0] is content else None
        return digest if digest is not None else hashlib.sha256(content).hexdigest()

    def save(self, files: Mapping[str, Generated]) -> None:
        """Record this build's pages, once `files` are written; a failure only costs the next build time.
        Only a `Kept` page has a state to record: a page written now is too recent to be vouched for."""
        if self.docs_dir is None:
            return
        pages: dict[str, str] = {}
        for path, fingerprint in sorted(self.fingerprints.items()):
            content = files.get(path)
            if isinstance(content, Kept):
                pages[path] = content.entry
            elif isinstance(content, Staged):
                pages[path] = _entry(fingerprint, content.sha)
            elif content is not None:
                pages[path] = _entry(fingerprint, self._sha(path, content))
        memos = {name: [key, value] for name, (key, value) in sorted(self.memos.items())}
        previous_memos = {name: [key, value] for name, (key, value) in self.previous_memos.items()}
        if pages == self.previous and memos == previous_memos:
            return  # nothing to record: encoding the manifest (4 MB at 10,000 articles) costs 50 ms
        manifest: dict[str, object] = {"pages": pages}
        if memos:
            manifest["memos"] = memos
        content = json.dumps(manifest, separators=(",", ":")).encode()
        target = self.docs_dir / MANIFEST
        with contextlib.suppress(OSError):
            if target.is_file() and target.read_bytes() == content:
                return  # like every generated file: unchanged bytes keep their modification time
            handle, temporary = tempfile.mkstemp(prefix=".generated-manifest-", dir=self.docs_dir)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(content)
                os.replace(temporary, target)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
