"""Fingerprints of the generator's own code and data, so cached results die with the code that made them.

A result cached between builds (an extraction, a rendered page) is only valid for the code that
produced it. Rather than a version number someone must remember to bump, the fingerprint hashes the
source of a module and of every `generator` module it imports (found by reading the imports, so a
new helper module is covered without a list to maintain), every data file, and the versions of the
libraries whose output ends up in the results.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
DATA_DIR = PACKAGE_DIR / "data"
# Libraries whose behaviour shows in extracted values, diagnostics or page bytes (feedgen has no
# version attribute; its output is pinned by requirements.txt and the golden tests).
LIBRARIES = ("yaml", "babel", "slugify")
# `import generator.x` and `from generator[.x] import a, b` (parenthesised over several lines too).
# A regular expression rather than `ast`: ten times faster, and the code base imports plainly.
_IMPORT = re.compile(r"^\s*(?:import (generator[\w.]*)|from (generator[\w.]*) import (\([^)]*\)|[^\n]*))", re.M)


def _module_file(name: str) -> Path | None:
    """The source file of `generator.x.y`, or None for anything outside the package."""
    parts = name.split(".")
    if parts[0] != "generator":
        return None
    base = PACKAGE_DIR.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    """The `generator` modules `path` may import; `from generator import countries` gives `generator.countries`."""
    names = set()
    for plain, package, imported in _IMPORT.findall(path.read_text(encoding="utf-8")):
        if plain:
            names.add(plain)
            continue
        names.add(package)
        for item in imported.strip("()").split(","):
            item = item.split("#")[0].split(" as ")[0].strip()
            if item:
                names.add(f"{package}.{item}")
    return names


def module_closure(*roots: str) -> list[Path]:
    """The source files of `roots` and of every `generator` module they import, directly or not."""
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if path is None or name in seen:
            continue
        seen[name] = path
        todo.extend(_imports(path))
    return sorted(set(seen.values()))


def _library_versions() -> str:
    modules = (importlib.import_module(name) for name in LIBRARIES)
    versions = (f"{module.__name__}=={getattr(module, '__version__', '?')}" for module in modules)
    return f"python {sys.version_info[:3]} " + " ".join(versions)


@cache
def code_fingerprint(*roots: str) -> str:
    """A short hex digest of `roots`' code (with what it imports), the data files and library versions."""
    digest = hashlib.sha256(_library_versions().encode())
    files = module_closure(*roots) + sorted(DATA_DIR.glob("*.yml"))
    for path in files:
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
