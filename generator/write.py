"""Write the generated files into `docs/` (the I/O end); hand-written pages are never touched.

Every changed file is first written in full to a staging folder inside `docs/` (same file system,
ignored by git and by MkDocs as a dot-folder), then moved into place with `os.replace`. A build
that fails before or while staging leaves `docs/` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.pagecache import Generated, Kept
from generator.progress import progress

# Everything under these folders, and these files, belongs to the generator.
GENERATED_DIRS = ("articles", "countries", "topics", "data", "feeds", "timeline")
GENERATED_FILES = ("index.md", "timeline.md")
STAGING_PREFIX = ".generated-staging-"


def _is_generated(relative: str) -> bool:
    """Whether `relative` is a clean path inside the generated part of `docs/`."""
    path = PurePosixPath(relative)
    if "\\" in relative or path.is_absolute() or any(part in ("", ".", "..") for part in relative.split("/")):
        return False
    if str(path) in GENERATED_FILES:
        return True
    return len(path.parts) > 1 and path.parts[0] in GENERATED_DIRS


def _check_inside(docs_root: Path, target: Path) -> None:
    """Refuse a target whose folder is (or passes through) a link leading out of `docs/`."""
    if not target.parent.resolve().is_relative_to(docs_root):
        raise ValueError(f"refusing to write {target}: it resolves outside {docs_root}")


def _stale(docs_dir: Path, files: Mapping[str, Generated]) -> list[Path]:
    """Generated files in `docs_dir` that `files` no longer contains (links are not followed)."""
    stale = [docs_dir / name for name in GENERATED_FILES if name not in files and (docs_dir / name).is_file()]
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir() or root.is_symlink():
            continue
        # Strings, not Path objects: this visits every generated file (10,000 and more).
        for current, _dirs, names in os.walk(root):
            inner = Path(current).relative_to(root).as_posix()
            prefix = f"{folder}/" if inner == "." else f"{folder}/{inner}/"
            stale.extend(Path(current, name) for name in names if prefix + name not in files)
    return sorted(stale)


def _remove_empty_dirs(docs_dir: Path) -> None:
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir() or root.is_symlink():
            continue
        for current, _dirs, _names in sorted(os.walk(root, topdown=False), reverse=True):
            path = Path(current)
            if path != root and not any(path.iterdir()):
                path.rmdir()


def write_generated(docs_dir: Path, files: Mapping[str, Generated]) -> int:
    """Make `docs_dir`'s generated part equal `files`; return how many files were written or removed.

    Unchanged files keep their bytes and modification time; stale generated files are removed.
    `Kept` files (the page cache checked them) are left as they are, not read again to be compared.
    """
    docs_dir = Path(docs_dir)
    for relative in files:
        if not _is_generated(relative):
            raise ValueError(f"refusing to write {relative!r}: not a generated path")
    docs_dir.mkdir(parents=True, exist_ok=True)
    docs_root = docs_dir.resolve()
    for folder in GENERATED_DIRS:
        if (docs_dir / folder).is_symlink():
            raise ValueError(f"refusing to write into {docs_dir / folder}: it is a symbolic link")

    changed = []
    for relative, content in progress(sorted(files.items()), len(files), "comparing"):
        if isinstance(content, Kept):
            continue
        target = docs_dir / relative
        if target.is_file() and not target.is_symlink() and target.read_bytes() == content:
            continue
        changed.append(relative)

    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=docs_dir))
    try:
        for relative in changed:
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            content = files[relative]
            assert isinstance(content, bytes)  # `Kept` files are never in `changed`
            staged.write_bytes(content)
        for relative in changed:
            target = docs_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _check_inside(docs_root, target)
            os.replace(staging / relative, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    stale = _stale(docs_dir, files)
    for path in stale:
        path.unlink()
    _remove_empty_dirs(docs_dir)
    return len(changed) + len(stale)
