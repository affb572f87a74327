"""A content-addressed cache of the per-seed work (extraction, annotation parsing) between builds.

A rebuild re-reads only the seeds whose bytes changed. Entries are keyed by the SHA-256 of what the
result depends on, and the whole file by a fingerprint of the code that made them
(`extract-<fingerprint>.json`), so a change to the extractor, the annotation checks or their data
files starts a new, empty cache. The file is JSON, never pickle: it sits beside seeds written by
strangers, and loading it must not be able to run code. An unreadable or malformed cache is
ignored (and rebuilt): it can cost time, never a wrong result or an error.

Annotations are cached too (parsing them costs about as much as the rest of a warm build), keyed by
their path, their text, the article text they are checked against and `today`: a date in the future
becomes valid when its day comes, and a cached "in the future" error must not outlive that day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import fields
from pathlib import Path

from generator.fingerprint import code_fingerprint
from generator.model import Annotation, Diagnostic, Extracted, Note

DEFAULT_DIR = Path(".cache") / "generator"
# The per-seed work: extraction, and annotation parsing, which reads the extraction.
ROOTS = ("generator.extract", "generator.annotation", "generator.cache")


def digest(*parts: str) -> str:
    """SHA-256 of the parts, NUL-separated (no part contains NUL: seeds with NUL bytes are rejected)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _encode(value: Extracted | Annotation) -> dict:
    data = {}
    for spec in fields(value):
        item = getattr(value, spec.name)
        if isinstance(item, dt.date):
            item = item.isoformat()
        elif spec.name == "notes":
            item = [[note.quote, note.note] for note in item]
        data[spec.name] = item
    return data


def _decode(kind: type[Extracted] | type[Annotation], data: dict) -> Extracted | Annotation:
    """The value `_encode` made; raises (ValueError, TypeError, KeyError) on anything else."""
    values = {}
    for spec in fields(kind):
        item = data[spec.name]
        if item is not None and spec.name == "published":
            item = dt.date.fromisoformat(item)
        elif spec.name == "notes":
            item = tuple(Note(str(quote), str(note)) for quote, note in item)
        elif isinstance(item, list):
            item = tuple(str(entry) for entry in item)
        elif item is not None and not isinstance(item, str):
            raise TypeError(f"{spec.name}: unexpected {type(item).__name__}")
        values[spec.name] = item
    return kind(**values)


def _diagnostic(path: str, line: object, col: object, level: object, message: object) -> Diagnostic:
    if not all(isinstance(n, int | None) for n in (line, col)) or level not in ("error", "warning"):
        raise ValueError("malformed diagnostic")
    return Diagnostic(path, line, col, level, str(message))  # type: ignore[arg-type]  # checked above


class SeedCache:
    """The entries read at the start of a build; `save` keeps only those this build used."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / f"extract-{code_fingerprint(*ROOTS)}.json" if folder is not None else None
        self._old: dict[str, object] = self._load()
        self._used: dict[str, object] = {}

    def _load(self) -> dict[str, object]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):  # missing, unreadable, truncated, not JSON: start afresh
            return {}
        return data if isinstance(data, dict) else {}

    def _get(self, key: str, decode):
        if key not in self._old:
            return None
        try:
            value = decode(self._old[key])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        self._used[key] = self._old[key]
        return value

    def extracted(self, text: str) -> Extracted | None:
        return self._get("x:" + digest(text), lambda data: _decode(Extracted, data))

    def put_extracted(self, text: str, value: Extracted) -> None:
        self._used["x:" + digest(text)] = _encode(value)

    @staticmethod
    def _annotation_key(path: str, text: str, article_text: str, today: dt.date) -> str:
        return "a:" + digest(path, text, article_text, today.isoformat())

    def annotation(
        self, path: str, text: str, article_text: str, today: dt.date
    ) -> tuple[Annotation | None, list[Diagnostic]] | None:
        def decode(data: dict) -> tuple[Annotation | None, list[Diagnostic]]:
            annotation = _decode(Annotation, data["annotation"]) if data["annotation"] is not None else None
            problems = [_diagnostic(path, *entry) for entry in data["diagnostics"]]
            return annotation, problems

        return self._get(self._annotation_key(path, text, article_text, today), decode)

    def put_annotation(
        self,
        path: str,
        text: str,
        article_text: str,
        today: dt.date,
        result: tuple[Annotation | None, list[Diagnostic]],
    ) -> None:
        annotation, problems = result
        if any(problem.path != path for problem in problems):
            return  # every diagnostic is re-attached to `path` when read back: cache only what round-trips
        self._used[self._annotation_key(path, text, article_text, today)] = {
            "annotation": _encode(annotation) if annotation is not None else None,
            "diagnostics": [[d.line, d.col, d.level, d.message] for d in problems],
        }

    def save(self) -> None:
        """Write the entries this build used, when they differ from what was read; never fails the build."""
        if self.path is None or self._used == self._old:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".extract-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(self._used, stream, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, self.path)  # readers see the old file or the new one, never half
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)
            for old in self.path.parent.glob("extract-*.json"):  # made by other versions of the code
                if old != self.path:
                    old.unlink(missing_ok=True)
