"""Write the generated files into `docs/` (the I/O end); hand-written pages are never touched.

Every changed file is first written in full to a staging folder inside `docs/` (same file system,
ignored by git and by MkDocs as a dot-folder), then moved into place with `os.replace`. A build
that fails before or while staging leaves `docs/` exactly as it was. Files the renderer already
staged (`staging.Staged`, written as they were rendered) are compared file against file and moved
from where they are.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from generator.pagecache import Generated, Kept
from generator.progress import progress
from generator.staging import Staged, new_staging_folder, write_new

# Everything under these folders, and these files, belongs to the generator.
GENERATED_DIRS = ("articles", "countries", "topics", "data", "feeds", "timeline")
GENERATED_FILES = ("index.md", "timeline.md")


def is_generated(relative: str) -> bool:
    """Whether `relative` is a clean path inside the generated part of `docs/`."""
    parts = relative.split("/")
    if "\\" in relative or any(part in ("", ".", "..") for part in parts):  # also refuses absolute paths
        return False
    return relative in GENERATED_FILES or (len(parts) > 1 and parts[0] in GENERATED_DIRS)


def _check_inside(docs_root: Path, folder: Path) -> None:
    """Refuse a folder that is (or passes through) a link leading out of `docs/`."""
    if not folder.resolve().is_relative_to(docs_root):
        raise ValueError(f"refusing to write into {folder}: it resolves outside {docs_root}")


def _holds(path: str, content: bytes | Staged) -> bool:
    """Whether `path` is a regular file (not a link) holding exactly `content`: those bytes, or the
    staged file's."""
    if isinstance(content, Staged):
        return holds_file(path, content.path, content.size)
    if not _regular_of_size(path, len(content)):
        return False
    with open(path, "rb", buffering=0) as handle:
        return _reads_as(handle, content)


def holds_file(path: str, other: str, size: int) -> bool:
    """Whether `path` is a regular file (not a link) with the bytes of the file `other`, `size` long
    (the staged files of the generator's pages and of `mkdocs build`'s site: generator/site_publish.py)."""
    if not _regular_of_size(path, size):
        return False
    with open(path, "rb", buffering=0) as handle, open(other, "rb", buffering=0) as staged:
        return _same_stream(handle, staged)


def _regular_of_size(path: str, size: int) -> bool:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == size


# A file is compared a piece at a time, up to its first difference: reading the 67 MB `articles.json`
# at 10,000 articles whole took 55-80 ms, most of it the kernel providing 67 MB of fresh memory; in
# pieces of this size (reused by the allocator), 13 ms. A bytes slice compares faster than a memoryview.
_COMPARE_PIECE = 1 << 18


def _reads_as(handle: BinaryIO, content: bytes) -> bool:
    """Whether `handle` reads as exactly `content` from where it stands to its end."""
    start = 0
    while start < len(content):
        piece = handle.read(min(_COMPARE_PIECE, len(content) - start))
        if not piece or piece != content[start : start + len(piece)]:
            return False
        start += len(piece)
    return handle.read(1) == b""


def _same_stream(handle: BinaryIO, other: BinaryIO) -> bool:
    """Whether `handle` and `other` read the same from where they stand to their ends."""
    while True:
        piece = handle.read(_COMPARE_PIECE)
        if piece != other.read(len(piece) or 1):
            return False
        if not piece:
            return True


def _write_new(path: str, content: bytes) -> None:
    """Write `content` to a file that must not exist yet (inside the fresh staging folder)."""
    write_new(path, (content,))


def _stale(docs_dir: Path, files: Mapping[str, Generated]) -> tuple[list[Path], list[str]]:
    """Generated files in `docs_dir` that `files` no longer contains (links are not followed), and the
    generated folders that removing them leaves empty, deepest first: one walk for both (a walk of the
    10,000 pages, then another to find empty folders, took 40 ms of a warm build)."""
    stale = [docs_dir / name for name in GENERATED_FILES if name not in files and (docs_dir / name).is_file()]
    emptied: list[str] = []
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir() or root.is_symlink():
            continue
        top, left_empty = str(root), set()
        # Strings, not Path objects: this visits every generated file (10,000 and more).
        for current, dirs, names in os.walk(top, topdown=False):
            inner = os.path.relpath(current, top).replace(os.sep, "/")
            prefix = f"{folder}/" if inner == "." else f"{folder}/{inner}/"
            gone = [name for name in names if prefix + name not in files]
            stale.extend(Path(current, name) for name in gone)
            if current != top and len(gone) == len(names) and all(os.path.join(current, d) in left_empty for d in dirs):
                left_empty.add(current)
        emptied.extend(sorted(left_empty, reverse=True))
    return sorted(stale), emptied


def write_generated(docs_dir: Path, files: Mapping[str, Generated]) -> int:
    """Make `docs_dir`'s generated part equal `files`; return how many files were written or removed.

    Unchanged files keep their bytes and modification time; stale generated files are removed.
    `Kept` files (the page cache checked them) are left as they are, not read again to be compared.
    `Staged` files are moved from the staging folder they were written to, which the caller removes.
    """
    docs_dir = Path(docs_dir)
    for relative in files:
        if not is_generated(relative):
            raise ValueError(f"refusing to write {relative!r}: not a generated path")
    docs_dir.mkdir(parents=True, exist_ok=True)
    docs_root = docs_dir.resolve()
    for folder in GENERATED_DIRS:
        if (docs_dir / folder).is_symlink():
            raise ValueError(f"refusing to write into {docs_dir / folder}: it is a symbolic link")

    # Strings and `os` calls, one check per folder rather than per file: a cold build at 10,000
    # articles writes 10,000 files, and pathlib and a resolve per file were most of its writing time.
    docs = str(docs_dir)
    changed = [
        relative
        for relative, content in progress(sorted(files.items()), len(files), "comparing")
        if not isinstance(content, Kept) and not _holds(os.path.join(docs, relative), content)
    ]

    folders = sorted({posixpath.dirname(relative) for relative in changed})
    # `Kept` files are never in `changed`; `Staged` ones are written already.
    to_write = [relative for relative in changed if isinstance(files[relative], bytes)]
    staging = new_staging_folder(docs)
    try:
        for folder in sorted({posixpath.dirname(relative) for relative in to_write}):
            os.makedirs(os.path.join(staging, folder), exist_ok=True)
        for relative in to_write:
            content = files[relative]
            assert isinstance(content, bytes)
            _write_new(os.path.join(staging, relative), content)
        for folder in folders:
            target_folder = docs_dir / folder
            target_folder.mkdir(parents=True, exist_ok=True)
            _check_inside(docs_root, target_folder)
        for relative in changed:
            content = files[relative]
            source = content.path if isinstance(content, Staged) else os.path.join(staging, relative)
            os.replace(source, os.path.join(docs, relative))
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    stale, emptied = _stale(docs_dir, files)
    for path in stale:
        path.unlink()
    for folder in emptied:
        os.rmdir(folder)
    return len(changed) + len(stale)
