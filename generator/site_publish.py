"""`mkdocs build` into a staging folder, then into the site folder file by file: only what changed.

MkDocs empties the site folder and writes every file again on every build, so after one changed
annotation every file of `site/` had a new modification time, and a build that failed halfway left
the folder half empty. The hooks (generator/mkdocs_hooks.py) point MkDocs at a staging folder inside
the site folder instead (a dot-folder: MkDocs' own cleaning leaves those alone), and once the build
has succeeded `publish` makes the site folder hold exactly what the staging folder holds:

- a file whose bytes are the same keeps its modification time (`rsync`, a web server's `ETag` and
  `Last-Modified`, and a reader's browser cache see that it did not change);
- a changed or new file is moved into place (one rename: a server never serves half a file);
- what the build no longer makes is removed, but for the dot-entries at the top (as MkDocs' cleaning).

A build that fails leaves the site folder as the last good build left it. A staging folder left by
a build killed outright is removed by the next build, as the generator's are (generator/staging.py).
A site folder that cannot be made or written (a full disk, a read-only folder) ends the build with
one message saying so (`staging.cannot_write`), not a traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from generator.staging import SITE_STAGING_PREFIX, new_staging_folder
from generator.write import holds_file


@dataclass
class Published:
    """What `publish` did, counted in files."""

    written: int = 0  # new or changed: moved into place
    kept: int = 0  # the same bytes as before: left untouched
    removed: int = 0  # no longer made by the build


def new_site_staging(site_dir: str) -> str:
    """A fresh staging folder inside `site_dir` (made if missing), after removing those of builds that
    were killed before they could publish or remove theirs."""
    os.makedirs(site_dir, exist_ok=True)
    return new_staging_folder(site_dir, SITE_STAGING_PREFIX)


def publish(staging: str, site_dir: str) -> Published:
    """Make `site_dir` hold what `staging` (a folder inside it) holds, changing only what differs, and
    remove `staging`."""
    done = Published()
    try:
        with _publishing_lock(site_dir):
            _publish_folder(staging, site_dir, done, top=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return done


@contextlib.contextmanager
def _publishing_lock(site_dir: str) -> Iterator[None]:
    """One build publishes into `site_dir` at a time (two `make site` at once: the second waits, then
    writes what differs from the first's result). The lock is on the folder itself, so no file of
    its own is published with the site. Where there is no `fcntl` (Windows) no lock is taken."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    handle = os.open(site_dir, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it


def discard(staging: str) -> None:
    """Remove `staging` after a failed build: the site folder stays as it was."""
    shutil.rmtree(staging, ignore_errors=True)


def _publish_folder(source: str, target: str, done: Published, *, top: bool) -> None:
    made: set[str] = set()
    with os.scandir(source) as entries:
        for entry in entries:
            made.add(entry.name)
            destination = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                _make_folder(destination)
                _publish_folder(entry.path, destination, done, top=False)
            elif _holds_staged(destination, entry):
                done.kept += 1
            else:
                if _is_folder(destination):
                    shutil.rmtree(destination)
                os.replace(entry.path, destination)
                done.written += 1
    with os.scandir(target) as entries:
        stale = [e for e in entries if e.name not in made and not (top and e.name.startswith("."))]
    for entry in stale:
        if entry.is_dir(follow_symlinks=False):
            done.removed += sum(len(files) for _, _, files in os.walk(entry.path))
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
            done.removed += 1


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _make_folder(path: str) -> None:
    """A real folder at `path`: a file or a link there (to a folder elsewhere, say) is replaced."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)
        return
    if not stat.S_ISDIR(mode):
        os.unlink(path)
        os.makedirs(path, exist_ok=True)


def _holds_staged(path: str, staged: os.DirEntry[str]) -> bool:
    """Whether `path` already holds the bytes of the staged file (missing or unreadable: it is replaced)."""
    try:
        return holds_file(path, staged.path, staged.stat(follow_symlinks=False).st_size)
    except OSError:
        return False
