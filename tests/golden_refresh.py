"""Regenerate the golden pages of the five seeds (the tests' copy in tests/fixtures/seeds):
`make golden` (then review `git diff tests/golden`)."""

from __future__ import annotations

import shutil

from generator.pipeline import collect
from generator.render import render_site
from tests.sitebuild import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"

INTRO = ROOT / "docs" / "includes" / "home-intro.md"
# The pages whose every byte is pinned: each article page, and one of each kind of index page.
PINNED_PREFIXES = ("articles/",)
PINNED_FILES = ("index.md", "timeline.md", "countries/index.md", "countries/iran.md", "topics/index.md")


def golden_files() -> dict[str, bytes]:
    articles, _ = collect(SEEDS)
    files = render_site(articles, INTRO.read_text(encoding="utf-8"))
    return {
        path: content
        for path, content in files.items()
        if path in PINNED_FILES or (path.startswith(PINNED_PREFIXES) and path.endswith(".md"))
    }


def main() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, content in sorted(golden_files().items()):
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"wrote tests/golden/{path}")


if __name__ == "__main__":
    main()
