"""Files staged as they are rendered (generator/staging.py): the same site as one held in memory,
docs/ untouched by a build that fails, unchanged files untouched, the right digests recorded."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import parallel, render, staging
from generator.cli import main
from generator.pagecache import MANIFEST
from generator.pipeline import collect
from generator.render import render_site
from generator.staging import STAGING_PREFIX, Staged, staging_folder
from generator.write import write_generated
from tests.bench.corpus import write_corpus
from tests.sitebuild import ROOT, small_files_only

OLD = 1_000_000_000  # 2001: any file written by a later build gets a later modification time


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("staging") / "seeds"
    write_corpus(40, folder)
    return folder


def build(seeds: Path, docs: Path, *options: str) -> int:
    """A build as `make site` runs it; with `--no-cache`, every page is rendered and compared."""
    return main(["build", "--seeds", str(seeds), "--docs", str(docs), *options])


def snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    files = (path for path in docs.rglob("*") if path.is_file())
    return {path.relative_to(docs).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in files}


def leftovers(docs: Path) -> list[str]:
    return [path.name for path in docs.iterdir() if path.name.startswith(STAGING_PREFIX)]


def in_parallel(monkeypatch, count: int) -> None:
    """Render article pages in forked workers, as a large build does (they stage their pages)."""
    monkeypatch.setattr(parallel, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 3)
    assert parallel.workers(count) > 1 or pytest.skip("one CPU, or threads running")


@pytest.mark.parametrize("workers", ["serial", "forked"])
def test_a_staged_site_is_byte_for_byte_the_site_in_memory(seeds, tmp_path, monkeypatch, workers):
    articles = collect(seeds)[0]
    in_memory = render_site(articles, "Intro.")
    if workers == "forked":
        in_parallel(monkeypatch, len(articles))
    docs = tmp_path / "docs"
    with staging_folder(docs) as stage:
        files = render_site(articles, "Intro.", stage=stage)
        staged = {path: content for path, content in files.items() if isinstance(content, Staged)}
        # Article pages, lists and the open data are staged; the rest is small and stays in memory.
        assert {"timeline.md", "data/articles.json", "data/articles.csv"} <= staged.keys()
        assert sum(path.startswith("articles/") for path in staged) == len(articles)
        for path, record in staged.items():
            content = Path(record.path).read_bytes()
            assert (content, record.size, record.sha) == (
                in_memory[path],
                len(in_memory[path]),
                hashlib.sha256(in_memory[path]).hexdigest(),
            )
        assert files.keys() == in_memory.keys()
        write_generated(docs, files)
    assert leftovers(docs) == []
    assert {path: content for path, (content, _) in snapshot(docs).items()} == in_memory


@pytest.mark.parametrize("workers", ["serial", "forked"])
def test_a_build_that_fails_while_rendering_leaves_docs_as_it_was(seeds, tmp_path, monkeypatch, capsys, workers):
    docs = tmp_path / "docs"
    assert build(seeds, docs, "--no-cache") == 0
    before = snapshot(docs)
    if workers == "forked":
        in_parallel(monkeypatch, 40)
    original, calls = render.render_article, []

    def failing(*args):
        calls.append(1)  # forked workers count their own calls: each fails after its tenth page
        if len(calls) > 10:
            raise OSError(28, "No space left on device")
        return original(*args)

    monkeypatch.setattr(render, "render_article", failing)
    capsys.readouterr()
    assert build(seeds, docs, "--no-cache") == 1
    assert snapshot(docs) == before
    assert leftovers(docs) == []
    message = f"error: cannot write the pages: No space left on device. {docs} is as the last build left it; free"
    assert message in capsys.readouterr().err


def test_a_disk_that_refuses_the_pages_is_one_clear_error_and_docs_stays(seeds, tmp_path):
    """A real refusal from the system: no file may be larger than 20 kB (`small_files_only`), and the
    open data is larger."""
    docs = tmp_path / "docs"
    assert build(seeds, docs, "--no-cache") == 0
    before = snapshot(docs)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--no-cache", "--seeds", str(seeds), "--docs", str(docs)],
        capture_output=True,
        text=True,
        preexec_fn=small_files_only,
        cwd=ROOT,
    )
    assert result.returncode == 1
    message = f"error: cannot write the pages: File too large. {docs} is as the last build left it; free some disk"
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(docs) == before
    assert leftovers(docs) == []


def test_a_first_build_that_fails_leaves_no_docs_folder(seeds, tmp_path, monkeypatch):
    def failing(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(render, "render_article", failing)
    docs = tmp_path / "docs"
    assert build(seeds, docs, "--no-cache") == 1
    assert not docs.exists()


def test_a_staged_file_identical_to_docs_leaves_it_untouched(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, {"articles/2024/a.md": b"# A\n", "articles/2024/b.md": b"# B\n"})
    for path in (docs / "articles" / "2024").iterdir():
        os.utime(path, ns=(OLD * 10**9, OLD * 10**9))
    with staging_folder(docs) as stage:
        files = {
            "articles/2024/a.md": stage.put("articles/2024/a.md", b"# A\n"),
            "articles/2024/b.md": stage.put_pieces("articles/2024/b.md", [b"# B", memoryview(b", edited\n")]),
        }
        assert write_generated(docs, files) == 1
    after = snapshot(docs)
    assert after["articles/2024/a.md"] == (b"# A\n", OLD * 10**9)
    assert after["articles/2024/b.md"][0] == b"# B, edited\n"
    assert after["articles/2024/b.md"][1] > OLD * 10**9
    assert leftovers(docs) == []


@pytest.mark.parametrize(
    "existing",
    [b"# A\n!", b"# A", b"# B\n", None],
    ids=["longer", "shorter", "same size", "missing"],
)
def test_a_staged_file_that_differs_from_docs_replaces_it(tmp_path, existing):
    docs = tmp_path / "docs"
    if existing is not None:
        write_generated(docs, {"articles/2024/a.md": existing})
    with staging_folder(docs) as stage:
        assert write_generated(docs, {"articles/2024/a.md": stage.put("articles/2024/a.md", b"# A\n")}) == 1
    assert (docs / "articles" / "2024" / "a.md").read_bytes() == b"# A\n"


def test_the_manifest_records_the_digests_of_staged_pages(seeds, tmp_path, monkeypatch, capsys):
    docs, cache = tmp_path / "docs", str(tmp_path / "cache")
    seeds = Path(shutil.copytree(seeds, tmp_path / "seeds"))
    in_parallel(monkeypatch, 40)
    assert build(seeds, docs, "--cache", cache) == 0
    # A build after a change stages the pages it renders again, and keeps the others' entries.
    annotation = sorted(seeds.glob("*.yml"))[0]
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(text.replace("summary: ", "summary: Corrected. ", 1), encoding="utf-8")
    capsys.readouterr()
    assert build(seeds, docs, "--cache", cache) == 0
    assert ", 0 changed," not in capsys.readouterr().out
    pages = json.loads((docs / MANIFEST).read_bytes())["pages"]
    assert len(pages) > 40
    for path, entry in pages.items():
        assert entry.split(" ")[1] == hashlib.sha256((docs / path).read_bytes()).hexdigest(), path


def test_pieces_are_written_end_to_end_beyond_one_system_call(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "_WRITEV_PIECES", 3)
    pieces = [str(n).encode() * n for n in range(10)] + [memoryview(b"tail")]
    record = staging.StagingFolder(str(tmp_path)).put_pieces("data/x.json", pieces)
    content = b"".join(pieces)
    assert record[1:] == (len(content), hashlib.sha256(content).hexdigest())
    assert Path(record.path).read_bytes() == content


def test_each_process_stages_in_a_folder_of_its_own(tmp_path):
    stage = staging.StagingFolder(str(tmp_path))
    here = [stage.put(name, name.encode()).path for name in ("index.md", "articles/2024/a.md")]
    child = os.fork()
    if child == 0:  # a forked worker
        os._exit(0 if os.path.dirname(stage.put("articles/2024/b.md", b"b").path) != os.path.dirname(here[0]) else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0
    assert len({os.path.dirname(path) for path in here}) == 1
    assert sorted(Path(path).parent.parent for path in here) == [tmp_path, tmp_path]
    assert len(list(tmp_path.iterdir())) == 2


def ended_process_id() -> int:
    """The id of a process that has ended (a child reaped at once: its id is free again)."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_build_removes_the_folder_of_a_build_that_was_killed(seeds, tmp_path):
    """SIGKILL leaves a build no chance to remove its staging folder: the next one does."""
    docs = tmp_path / "docs"
    killed = docs / f"{STAGING_PREFIX}{ended_process_id()}-x1y2"
    (killed / "7-abc").mkdir(parents=True)
    (killed / "7-abc" / "1").write_bytes(b"half a page")
    assert build(seeds, docs) == 0
    assert leftovers(docs) == []


def test_the_folder_of_a_build_still_running_is_kept(tmp_path):
    """`make site` beside `make serve`: one build must not remove the other's files."""
    running = tmp_path / f"{STAGING_PREFIX}{os.getpid()}-a"
    ended = tmp_path / f"{STAGING_PREFIX}{ended_process_id()}-b"
    # A day old, and named with a running process's id: that id is another process's by now.
    reused = tmp_path / f"{STAGING_PREFIX}{os.getppid()}-c"
    for folder in (running, ended, reused):
        folder.mkdir()
    os.utime(reused, (OLD, OLD))
    assert staging.remove_abandoned(str(tmp_path)) == sorted([ended.name, reused.name])
    assert running.is_dir()
    assert Path(staging.new_staging_folder(str(tmp_path))).name.startswith(f"{STAGING_PREFIX}{os.getpid()}-")


def test_a_folder_without_a_process_id_is_removed_when_a_day_old(tmp_path):
    """Folders named before the process id was in the name (and on Windows, where a process cannot be
    asked after safely) go by age."""
    old, recent = tmp_path / f"{STAGING_PREFIX}k3j4", tmp_path / f"{STAGING_PREFIX}m5n6"
    for folder in (old, recent):
        folder.mkdir()
    os.utime(old, (OLD, OLD))
    not_a_staging_folder = tmp_path / "countries"
    not_a_staging_folder.mkdir()
    os.utime(not_a_staging_folder, (OLD, OLD))
    assert staging.remove_abandoned(str(tmp_path)) == [old.name]
    assert recent.is_dir() and not_a_staging_folder.is_dir()


def test_what_the_system_refused_is_said_in_words_a_reader_can_act_on(tmp_path):
    """A staged file is named where it was going; a file descriptor is not named at all."""
    refused = OSError(errno.EACCES, "Permission denied", "/srv/site/.site-staging-12-ab/countries/iran/index.html")
    assert staging.cannot_write(refused, "/srv/site", what="the site", option="--site-dir DIR") == (
        "cannot write the site: Permission denied (/srv/site/countries/iran/index.html). /srv/site is as the "
        "last build left it; make /srv/site writable, or write elsewhere with --site-dir DIR."
    )
    in_the_way = tmp_path / "afile"
    in_the_way.write_text("not a folder")
    misplaced = OSError(errno.ENOTDIR, "Not a directory", str(in_the_way / "docs"))
    assert staging.cannot_write(misplaced, str(in_the_way / "docs"), what="the pages", option="--docs DIR") == (
        f"cannot write the pages: {in_the_way} is a file where a folder must be; move {in_the_way} away, or "
        "write elsewhere with --docs DIR."
    )
    assert staging.cannot_write(OSError(), "docs", what="the pages", option="--docs DIR").startswith(
        "cannot write the pages: OSError. docs is as the last build left it"
    )
    elsewhere = OSError(errno.ENOSPC, "No space left on device", "/srv/.ci-staging-area/site/a.html")  # not ours
    assert "(/srv/.ci-staging-area/site/a.html)" in staging.cannot_write(elsewhere, "/srv", what="the site", option="")
    full = OSError(errno.ENOSPC, "No space left on device", 7)
    assert staging.cannot_write(full, "docs", what="the pages", option="--docs DIR", moved=True) == (
        "cannot write the pages: No space left on device. docs may hold part of the new files; free some disk "
        "space and build again."
    )
