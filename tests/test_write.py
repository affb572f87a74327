"""Writing docs/: staged and swapped in, unchanged files untouched, hand-written pages kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import staging, write
from generator.write import write_generated


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


FILES = {
    "index.md": b"# Home\n",
    "timeline.md": b"# Timeline\n",
    "articles/2024/a.md": b"# A\n",
    "articles/2025/b.md": b"# B\n",
    "countries/ir.md": b"# Iran\n",
}


def test_first_write_creates_every_file_and_keeps_hand_written_pages(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_bytes(b"# About\n")
    assert write_generated(docs, FILES) == 5
    assert tree(docs) == {**FILES, "about.md": b"# About\n"}


def test_unchanged_files_keep_their_bytes_and_modification_time(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, FILES)
    past = 1_600_000_000_000_000_000
    for name in FILES:
        os.utime(docs / name, ns=(past, past))
    changed = dict(FILES, **{"articles/2024/a.md": b"# A, edited\n"})
    assert write_generated(docs, changed) == 1
    assert tree(docs) == changed
    for name in FILES:
        mtime = (docs / name).stat().st_mtime_ns
        assert (mtime == past) == (name != "articles/2024/a.md")


def test_stale_generated_pages_are_removed_and_hand_written_ones_kept(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, FILES)
    (docs / "about.md").write_bytes(b"# About\n")
    (docs / "assets").mkdir()
    (docs / "assets" / "extra.css").write_bytes(b"a{}")
    fewer = {k: v for k, v in FILES.items() if k not in ("articles/2025/b.md", "timeline.md")}
    assert write_generated(docs, fewer) == 2
    assert tree(docs) == {**fewer, "about.md": b"# About\n", "assets/extra.css": b"a{}"}
    assert not (docs / "articles" / "2025").exists()


@pytest.mark.parametrize(
    "name",
    [
        "about.md",
        "../escape.md",
        "articles/../about.md",
        "/etc/passwd",
        "articles",
        "articles//a.md",
        "articles\\a.md",
        "assets/x.js",
        "./index.md",
    ],
)
def test_paths_outside_the_generated_part_are_refused_before_anything_is_written(tmp_path, name):
    docs = tmp_path / "docs"
    docs.mkdir()
    with pytest.raises(ValueError, match="not a generated path"):
        write_generated(docs, {"index.md": b"x", name: b"x"})
    assert tree(tmp_path) == {}


def test_a_generated_folder_that_is_a_link_is_refused(tmp_path):
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    (docs / "articles").symlink_to(elsewhere)
    with pytest.raises(ValueError, match="symbolic link"):
        write_generated(docs, {"articles/2024/a.md": b"x"})
    assert list(elsewhere.iterdir()) == []


def test_a_failure_while_staging_leaves_docs_as_it_was(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_generated(docs, FILES)
    before = tree(docs)
    calls = []

    def failing_write(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return original(path, data)

    original = write._write_new
    monkeypatch.setattr(write, "_write_new", failing_write)
    with pytest.raises(OSError):
        write_generated(docs, {name: content + b"!" for name, content in FILES.items()})
    monkeypatch.undo()
    assert tree(docs) == before
    assert not [p for p in docs.iterdir() if p.name.startswith(staging.STAGING_PREFIX)]


def test_writing_the_same_files_twice_changes_nothing(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, FILES)
    stats = {name: (docs / name).stat().st_mtime_ns for name in FILES}
    assert write_generated(docs, FILES) == 0
    assert stats == {name: (docs / name).stat().st_mtime_ns for name in FILES}


def test_folders_left_empty_are_removed_deepest_first_and_others_kept(tmp_path):
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_generated(docs, {"countries/iran.md": b"i", "countries/a/b/c.md": b"c", "countries/a/d.md": b"d"})
    (docs / "countries" / "linked").mkdir()
    (docs / "countries" / "linked" / "to").symlink_to(elsewhere)  # not a file of the generator's
    (docs / "countries" / "hand-made" / "empty").mkdir(parents=True)
    assert write_generated(docs, {"countries/iran.md": b"i"}) == 2
    folders = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_dir() and not p.is_symlink())
    assert folders == ["countries", "countries/linked"]


@pytest.mark.parametrize("piece", [3, 4, 1 << 18])
def test_files_are_compared_piece_by_piece_to_the_last_byte(tmp_path, monkeypatch, piece):
    monkeypatch.setattr(write, "_COMPARE_PIECE", piece)
    content = b"0123456789abcdef"
    path = tmp_path / "f"
    path.write_bytes(content)
    assert write._holds(str(path), content)
    for at in (0, 5, len(content) - 1):  # a difference in the first, a middle, the last piece
        changed = content[:at] + b"X" + content[at + 1 :]
        assert not write._holds(str(path), changed)
    with open(path, "rb", buffering=0) as handle:  # the file grew after its size was read
        assert not write._reads_as(handle, content[:-1])
    with open(path, "rb", buffering=0) as handle:  # or shrank
        assert not write._reads_as(handle, content + b"!")
