"""The seeds' pages, byte for byte (front matter and body). Refresh with `make golden` and review the diff."""

from __future__ import annotations

import pytest

from tests.golden_refresh import GOLDEN, golden_files

CURRENT = golden_files()


def test_the_golden_set_is_complete():
    pinned = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert pinned == set(CURRENT), "pages were added or removed: run `make golden` and review the diff"


@pytest.mark.parametrize("path", sorted(CURRENT))
def test_page_matches_golden(path):
    expected = (GOLDEN / path).read_text(encoding="utf-8")
    assert CURRENT[path].decode("utf-8") == expected, f"{path} changed: run `make golden` if intended"


def test_rendering_is_deterministic():
    assert golden_files() == CURRENT
