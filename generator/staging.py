"""Where a build puts each generated file as it is made: kept in memory, or written to a staging folder.

A cold build at 10,000 articles held 98 MB of article pages (sent back from the worker processes
that rendered them) and 24 MB of lists until `write.write_generated` wrote them, and joined the
open data's 72 MB of lines into files of as much again: its peak was 625 MB, 456 MB without them.
A build that writes (`python -m generator build`) instead puts each file into a staging folder
inside `docs/` (same file system; a dot-folder, ignored by git and MkDocs) as soon as it is made,
in the process that rendered it, and keeps only a `Staged` record: where, how long, and the SHA-256
the page manifest records. `write_generated` then compares each staged file with `docs/` and
moves the changed ones into place; the folder is removed whatever happens, so a build that fails
leaves `docs/` as it was. A build killed outright (SIGKILL, a power cut) cannot remove it: the next
build does (`new_staging_folder`), once the process named in the folder's name has ended.

Without a staging folder (`IN_MEMORY`, the default of `render.render_site`) files stay bytes, and
rendering stays free of I/O.

    with staging_folder(docs) as stage:
        files = render_site(articles, reuse=pages, stage=stage)
        write_generated(docs, files)
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

STAGING_PREFIX = ".generated-staging-"
SITE_STAGING_PREFIX = ".site-staging-"  # the site's, inside `site/` (generator/site_publish.py)
# A staging folder untouched for this long is abandoned whatever its name says: longer than any build
# takes. It is the only test where a folder's process cannot be asked after (Windows, whose
# `os.kill(pid, 0)` would end the process; folders named before the process id was in the name),
# and it catches a killed build's process id taken since by another process.
ABANDONED_AFTER = 24 * 60 * 60  # seconds
# `os.writev` takes at most this many pieces at a time (IOV_MAX on Linux and macOS).
_WRITEV_PIECES = 1024


class Staged(NamedTuple):
    """A generated file written to the staging folder, waiting to be compared with `docs/` and moved."""

    path: str  # in the staging folder
    size: int
    sha: str  # SHA-256, hex


Buffer = bytes | memoryview


class Stage(Protocol):
    """Takes each generated file (`relative`: its path in `docs/`) as it is made, and gives what
    `render_site` returns for it."""

    def put(self, relative: str, content: bytes) -> bytes | Staged: ...

    def put_pieces(self, relative: str, pieces: Sequence[Buffer]) -> bytes | Staged:
        """The file made of `pieces` end to end: the open data, whose 67 MB of lines are not joined
        into one more copy when written to a folder."""
        ...


class InMemory:
    """No staging: every file stays bytes (tests, and anything that does not write `docs/`)."""

    def put(self, relative: str, content: bytes) -> bytes:
        return content

    def put_pieces(self, relative: str, pieces: Sequence[Buffer]) -> bytes:
        return b"".join(pieces)


IN_MEMORY = InMemory()


class StagingFolder:
    """Writes each file to `folder`, in a folder of the process that writes it (worker processes
    forked by `parallel.fork_map` write there too), under a number: `write_generated` moves it to its
    path in `docs/`. At 10,000 articles two workers creating the pages in the same folders took 6-9 s
    of system time, where the main process alone had taken 4-5 s (changes to one folder wait for
    each other); with a folder each, 3-5 s."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._own: tuple[int, str] | None = None  # (process id, its folder)
        self._count = 0

    def put(self, relative: str, content: bytes) -> Staged:
        path = self._path()
        write_new(path, (content,))
        return Staged(path, len(content), hashlib.sha256(content).hexdigest())

    def put_pieces(self, relative: str, pieces: Sequence[Buffer]) -> Staged:
        path = self._path()
        # Hashing the 67 MB of `articles.json` (45-50 ms) leaves Python's lock to other threads, as
        # writing does: done in a thread of its own, it runs beside the writing on a second core.
        digest = hashlib.sha256()
        hashing = threading.Thread(target=lambda: [digest.update(piece) for piece in pieces], daemon=True)
        hashing.start()
        try:
            write_new(path, pieces)
        finally:
            hashing.join()
        return Staged(path, sum(map(len, pieces)), digest.hexdigest())

    def _path(self) -> str:
        """A new file's path in this process's folder."""
        pid = os.getpid()
        if self._own is None or self._own[0] != pid:  # first file of this process (or of a fork of it)
            self._own = (pid, tempfile.mkdtemp(prefix=f"{pid}-", dir=self.folder))
            self._count = 0
        self._count += 1
        return os.path.join(self._own[1], str(self._count))


def write_new(path: str, pieces: Sequence[Buffer]) -> None:
    """Write `pieces`, end to end, to a file that must not exist yet (inside a fresh staging folder)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        for start in range(0, len(pieces), _WRITEV_PIECES):
            batch = [memoryview(piece) for piece in pieces[start : start + _WRITEV_PIECES]]
            written = os.writev(handle, batch) if hasattr(os, "writev") else 0
            for view in batch:  # what a short write (or a system without writev) left
                if written >= len(view):
                    written -= len(view)
                    continue
                view, written = view[written:], 0
                while view:
                    view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


@contextlib.contextmanager
def staging_folder(docs_dir: Path) -> Iterator[StagingFolder]:
    """A fresh staging folder in `docs_dir`, removed on leaving, whatever happens (with `docs_dir`
    itself if it was made for it and is left empty: a failed first build leaves nothing behind)."""
    made_docs = not docs_dir.exists()
    docs_dir.mkdir(parents=True, exist_ok=True)
    folder = new_staging_folder(str(docs_dir))
    finished = False
    try:
        yield StagingFolder(folder)
        finished = True
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if made_docs and not finished:
            with contextlib.suppress(OSError):
                docs_dir.rmdir()


def cannot_write(error: OSError, folder: str, *, what: str, option: str, moved: bool = False) -> str:
    """What someone running a build needs to know when `what` ("the pages", "the site") could not be
    written into `folder`: what the system refused, on which file, whether `folder` changed (`moved`:
    some files had been moved into it), and what to do (`option`: the command's option for another
    folder)."""
    # A copy names its source and its destination; the destination is what could not be written. A
    # staged file is named where it was going: the staging folder's name means nothing to a reader.
    where = error.filename2 if error.filename2 is not None else error.filename
    # A path (str or bytes); now and then a file descriptor, which means nothing to a reader either.
    where = _STAGED.sub("", os.fsdecode(where)) if isinstance(where, str | bytes) else None
    state = f"{folder} may hold part of the new files" if moved else f"{folder} is as the last build left it"
    if error.errno in (errno.ENOTDIR, errno.EEXIST) and where:  # a file where a folder is to be
        in_the_way = _file_in_the_way(where)
        remedy = f"move {in_the_way} away, or write elsewhere with {option}"
        moved_too = f" ({state})" if moved else ""
        return f"cannot write {what}: {in_the_way} is a file where a folder must be{moved_too}; {remedy}."
    refused = f"{error.strerror or type(error).__name__}" + (f" ({where})" if where else "")
    if error.errno in _FULL:
        remedy = "free some disk space and build again"
    elif error.errno in _REFUSED:
        remedy = f"make {folder} writable, or write elsewhere with {option}"
    else:
        remedy = f"check {folder} and the disk it is on, then build again"
    return f"cannot write {what}: {refused}. {state}; {remedy}."


def _file_in_the_way(path: str) -> str:
    """The part of `path` that exists and is no folder (`afile` of `afile/docs`); `path` when none is."""
    for part in (path, *(str(parent) for parent in Path(path).parents)):
        if os.path.lexists(part):
            return part if not os.path.isdir(part) else path
    return path


# A staging folder in a path: the generator's or the site's.
_STAGED = re.compile(rf"[/\\](?:{re.escape(STAGING_PREFIX)}|{re.escape(SITE_STAGING_PREFIX)})[^/\\]*(?=[/\\]|$)")
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS}


def new_staging_folder(docs: str, prefix: str = STAGING_PREFIX) -> str:
    """A fresh staging folder in `docs`, named `prefix` and this process's id, after removing the folders
    of builds that were killed before they could remove their own (each can hold a whole site: 170 MB
    at 10,000 articles)."""
    remove_abandoned(docs, prefix)
    return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=docs)


def remove_abandoned(docs: str, prefix: str = STAGING_PREFIX) -> list[str]:
    """Remove the staging folders (named `prefix` and their process id) in `docs` whose build has ended;
    return their names. The folder of a build still running (`make serve` beside `make site`, say) is
    left alone."""
    removed = []
    with os.scandir(docs) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False) and _abandoned(entry, prefix):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
    return sorted(removed)


def _abandoned(entry: os.DirEntry[str], prefix: str) -> bool:
    """Its process has ended, or it is older than any build (the process id may be another's now)."""
    pid = entry.name[len(prefix) :].split("-", 1)[0]
    if os.name == "posix" and pid.isdigit() and not _running(int(pid)):
        return True
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > ABANDONED_AFTER
    except OSError:  # removed meanwhile
        return False


def _running(pid: int) -> bool:
    """Whether a process `pid` exists (POSIX: signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:  # not a process id at all
        return False
    return True
