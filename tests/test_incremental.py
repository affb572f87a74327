"""Rebuilding after one annotation changes rewrites only the files whose content changes."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.cli import main
from generator.markdown import md_text
from generator.pagecache import MANIFEST
from tests.bench.corpus import write_corpus

OLD = 1_000_000_000  # 2001: any file written by the rebuild gets a later modification time


def build(seeds: Path, docs: Path) -> None:
    assert main(["build", "--seeds", str(seeds), "--docs", str(docs)]) == 0


def snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    files = (path for path in docs.rglob("*") if path.is_file())
    return {path.relative_to(docs).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in files}


def age(docs: Path) -> None:
    for path in docs.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def test_a_rebuild_with_nothing_changed_writes_nothing(tmp_path, capsys):
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(40, seeds)
    build(seeds, docs)
    age(docs)
    before = snapshot(docs)
    build(seeds, docs)
    assert snapshot(docs) == before
    assert capsys.readouterr().out.splitlines()[-1].endswith(f", 0 changed, in {docs}")


def test_changing_one_title_rewrites_its_page_and_the_pages_that_list_it_only(tmp_path):
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(40, seeds)
    build(seeds, docs)
    age(docs)
    before = snapshot(docs)

    annotation = next(p for p in sorted(seeds.glob("*.yml")) if "title_en" in p.read_text(encoding="utf-8"))
    data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    old_title = data["title_en"]
    data["title_en"] = old_title + " (corrected)"
    annotation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(seeds, docs)
    after = snapshot(docs)

    assert after.keys() == before.keys()
    changed = {path for path in after if after[path][0] != before[path][0]}
    rewritten = {path for path in after if after[path][1] != OLD * 10**9}
    assert rewritten == changed
    # Only pages that showed the old title: the article itself, the indexes listing it, related links;
    # and the generator's record of the article pages it wrote (a dot-file MkDocs does not publish).
    assert MANIFEST in changed
    changed.discard(MANIFEST)
    shown = (old_title.encode(), md_text(old_title).encode())
    assert changed <= {path for path, (content, _) in before.items() if any(form in content for form in shown)}
    assert "timeline.md" in changed
    assert sum(path.startswith("articles/") for path in changed) >= 1
    assert len(changed) < len(after) / 2
