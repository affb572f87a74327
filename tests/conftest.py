from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import SEEDS, build_site


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory) -> Path:
    """The five seeds built into a real site with `mkdocs build --strict` (once per test run)."""
    return build_site(SEEDS, tmp_path_factory.mktemp("seeds-site"))


@pytest.fixture
def settled(monkeypatch):
    """Every seed file counts as settled however recently it was written (tests cannot age the
    change time a file system gives a file, and should not wait `SETTLED_NS`)."""
    from generator import cache

    monkeypatch.setattr(cache, "SETTLED_NS", -(10**18))
