"""Reuse the article pages (and feeds, see `feeds.feed_fingerprint`) of the previous build whose
inputs have not changed.

An article page's bytes depend only on its `Article`, its related coverage and the renderer's code
and data. The manifest `docs/.generated-manifest.json` (a dot-file: MkDocs and git ignore it)
records, for every article page written, a fingerprint of those inputs and the SHA-256 of the
bytes. On the next build a page whose fingerprint matches is read back from `docs/` instead of
rendered, if the file still holds exactly those bytes (a hand-edited or half-written page is rendered
again). `write.py` then finds the bytes equal and leaves the file alone.

    pages = PageCache.load(docs)             # or PageCache(None) for no reuse
    files = render_site(articles, reuse=pages)
    write_generated(docs, files)
    pages.save(files)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from pathlib import Path

from generator.fingerprint import code_fingerprint
from generator.model import Article

MANIFEST = ".generated-manifest.json"
# Everything the rendered files depend on besides their data: the renderer and what it imports.
ROOTS = ("generator.render", "generator.pagecache")
_FIELDS = tuple(spec.name for spec in fields(Article) if spec.name != "body")


def article_digest(article: Article) -> bytes:
    """A digest of every field of `article` (values are strings, dates, tuples and `Note`s: their repr
    is deterministic). Taken once per article; the body, the longest field, is hashed as it is
    rather than through `repr` (half the time), and its fixed-length digest comes first, so the
    concatenation stays unambiguous."""
    values = tuple(getattr(article, name) for name in _FIELDS)
    digest = hashlib.sha256(hashlib.sha256(article.body.encode("utf-8", "surrogatepass")).digest())
    digest.update(repr(values).encode("utf-8", "surrogatepass"))
    return digest.digest()


def renderer_fingerprint() -> str:
    """The fingerprint of the renderer's code and data, which every reused file depends on."""
    return code_fingerprint(*ROOTS)


def page_fingerprint(article: bytes, related: tuple[tuple[bytes, object], ...]) -> str:
    """The fingerprint of an article page: its article's digest, and each related article's digest
    with what the page shows about it besides (shared countries, topics, people), and the renderer."""
    digest = hashlib.sha256(renderer_fingerprint().encode() + article)
    for other, shown in related:
        digest.update(other + repr(shown).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def listing_fingerprint(params: tuple, digests: Iterable[bytes]) -> str:
    """The fingerprint of a file made from a list of articles (their `article_digest`s, in order) and a
    few plain values (`params`: its path, title...), and the renderer. `repr` escapes NUL, so the NUL
    after it ends `params` unambiguously; digests have a fixed length."""
    digest = hashlib.sha256(renderer_fingerprint().encode() + repr(params).encode("utf-8", "surrogatepass") + b"\0")
    for item in digests:
        digest.update(item)
    return digest.hexdigest()


class PageCache:
    """The previous build's manifest, and the fingerprints of the pages of this one.

    Besides pages, the manifest keeps a few whole-collection results (`recall`/`remember`), such as
    the related-coverage index, under the fingerprint of what they were computed from.
    """

    def __init__(
        self,
        docs_dir: Path | None,
        previous: Mapping[str, tuple[str, str]] | None = None,
        memos: Mapping[str, tuple[str, object]] | None = None,
    ) -> None:
        self.docs_dir = docs_dir
        self.previous = dict(previous or {})
        self.fingerprints: dict[str, str] = {}
        self.reused = 0
        # Paths whose file in `docs_dir` was read this build and holds exactly the bytes returned:
        # `write_generated` need not read them again to compare.
        self.on_disk: set[str] = set()
        self.previous_memos = dict(memos or {})
        self.memos: dict[str, tuple[str, object]] = {}

    @classmethod
    def load(cls, docs_dir: Path) -> PageCache:
        """The manifest in `docs_dir`; a missing or malformed one means nothing is reused."""
        try:
            data = json.loads((docs_dir / MANIFEST).read_bytes())
            previous = {str(path): (str(fp), str(sha)) for path, (fp, sha) in data["pages"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(docs_dir)
        try:
            memos = {str(name): (str(key), value) for name, (key, value) in data.get("memos", {}).items()}
        except (ValueError, TypeError, AttributeError):
            memos = {}
        return cls(docs_dir, previous, memos)

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

    def page(self, path: str, fingerprint: str, render: Callable[[], bytes]) -> bytes:
        """The bytes of page `path`: the file in `docs/` when made from the same inputs, else `render()`."""
        self.fingerprints[path] = fingerprint
        known = self.previous.get(path)
        if known is not None and known[0] == fingerprint:
            content = self.previous_content(path)
            if content is not None:
                self.reused += 1
                self.on_disk.add(path)
                return content
        return render()

    def previous_content(self, path: str) -> bytes | None:
        """The file `path` as the previous build wrote it, whatever it was made from; None if it is
        missing or was changed since (its bytes no longer match the manifest)."""
        known = self.previous.get(path)
        if self.docs_dir is None or known is None:
            return None
        try:
            # Not through a link: `write_generated` replaces a linked page with a file of its own.
            with open(self.docs_dir / path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NOFOLLOW)) as f:
                content = f.read()
        except OSError:
            return None
        return content if hashlib.sha256(content).hexdigest() == known[1] else None

    def save(self, files: Mapping[str, bytes]) -> None:
        """Record this build's pages, once `files` are written; a failure only costs the next build time."""
        if self.docs_dir is None:
            return
        pages = {
            path: [fingerprint, hashlib.sha256(files[path]).hexdigest()]
            for path, fingerprint in sorted(self.fingerprints.items())
            if path in files
        }
        manifest: dict[str, object] = {"pages": pages}
        if self.memos:
            manifest["memos"] = {name: [key, value] for name, (key, value) in sorted(self.memos.items())}
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
