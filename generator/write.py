"""Write the generated files into `docs/` (the I/O end); hand-written pages are never touched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.progress import progress

# Everything under these folders, and these files, belongs to the generator.
GENERATED_DIRS = ("articles", "countries", "topics", "data", "feeds")
GENERATED_FILES = ("index.md", "timeline.md")


def _is_generated(relative: str) -> bool:
    return relative in GENERATED_FILES or relative.split("/", 1)[0] in GENERATED_DIRS


def write_generated(docs_dir: Path, files: dict[str, bytes]) -> int:
    """Make `docs_dir`'s generated part equal `files`; return how many files were written or removed.

    Unchanged files keep their bytes and modification time; stale generated files are removed.
    """
    changed = 0
    for relative, content in progress(sorted(files.items()), len(files), "writing"):
        if not _is_generated(relative):
            raise ValueError(f"refusing to write {relative}: not a generated path")
        target = docs_dir / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, target)
        changed += 1
    for folder in GENERATED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                changed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed
