"""`mkdocs build` publishes into `site/` only what changed (generator/site_publish.py): unchanged files
keep their bytes and modification time, a failed build leaves the last good site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site_publish import SITE_STAGING_PREFIX, new_site_staging, publish
from tests.sitebuild import ROOT, SEEDS, _env, prepare_project, run, small_files_only

OLD = 1_000_000_000  # a modification time long past: a file rewritten gets today's


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _age(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def _stage(site: Path, files: dict[str, str]) -> str:
    staging = new_site_staging(str(site))
    for name, text in files.items():
        path = Path(staging, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return staging


def test_publish_writes_what_changed_keeps_the_rest_and_removes_what_is_no_longer_made(tmp_path):
    site = tmp_path / "site"
    staging = _stage(site, {"index.html": "home", "a/index.html": "a", "b/index.html": "b", "c/x.css": "x"})
    first = publish(staging, str(site))
    assert (first.written, first.kept, first.removed) == (4, 0, 0)
    (site / ".git").mkdir()  # a dot-entry at the top: MkDocs' cleaning leaves those, and so does publish
    _age(site)

    staging = _stage(site, {"index.html": "home", "a/index.html": "a changed", "d/index.html": "d"})
    done = publish(staging, str(site))
    assert (done.written, done.kept, done.removed) == (2, 1, 2)
    assert sorted(_files(site)) == ["a/index.html", "d/index.html", "index.html"]
    assert (site / "index.html").stat().st_mtime == OLD
    assert (site / "a/index.html").read_text() == "a changed"
    assert (site / "a/index.html").stat().st_mtime != OLD
    assert (site / ".git").is_dir()
    assert not [p for p in site.iterdir() if p.name.startswith(SITE_STAGING_PREFIX)]


def test_publish_replaces_a_link_or_a_folder_where_a_file_belongs_and_the_reverse(tmp_path):
    site = tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the site's")
    site.mkdir()
    (site / "linked").symlink_to(elsewhere)  # a folder of the new site: must not write through the link
    (site / "page.html").symlink_to(elsewhere / "keep.txt")  # the same bytes, but a link: replaced
    (site / "was-folder").mkdir()
    (site / "was-folder/old.html").write_text("old")
    (site / "was-file").write_text("old")
    staging = _stage(
        site,
        {"linked/index.html": "new", "page.html": "not the site's", "was-folder": "file", "was-file/index.html": "x"},
    )
    publish(staging, str(site))
    assert not (site / "linked").is_symlink() and (site / "linked/index.html").read_text() == "new"
    assert not (site / "page.html").is_symlink()
    assert (site / "was-folder").read_text() == "file"
    assert (site / "was-file/index.html").read_text() == "x"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text() == "not the site's"


def test_a_staging_folder_of_a_killed_build_goes_at_the_next_build(tmp_path):
    site = tmp_path / "site"
    killed = site / f"{SITE_STAGING_PREFIX}999999999-abc"  # no such process
    killed.mkdir(parents=True)
    (killed / "index.html").write_text("half a site")
    staging = new_site_staging(str(site))
    assert sorted(p.name for p in site.iterdir()) == [Path(staging).name]


def _mkdocs_build(config: Path, *options: str, **run) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=_env(), **run)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("publish")
    seeds = workdir / "seeds"
    shutil.copytree(SEEDS, seeds)
    config = prepare_project(seeds, workdir)
    assert _mkdocs_build(config).returncode == 0
    return workdir, seeds, config


def test_a_real_rebuild_keeps_every_unchanged_file_of_the_site(project):
    workdir, seeds, config = project
    site = workdir / "site"
    _age(site)
    before = _files(site)
    result = _mkdocs_build(config)
    assert result.returncode == 0, result.stderr
    after = _files(site)
    # The sitemap carries the day of the build: it changes once a day, not with every build.
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed in ([], ["sitemap.xml", "sitemap.xml.gz"])
    assert sorted(after) == sorted(before)
    assert "unchanged and left as they were" in result.stderr

    # One annotation changed: its page, the lists that show it and the search index are written again.
    annotation = next(seeds.glob("003_*.yml"))
    annotation.write_text(annotation.read_text().replace("summary: ", "summary: Corrected. ", 1))
    run([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(workdir / "docs")])
    _age(site)
    assert _mkdocs_build(config).returncode == 0
    after = _files(site)
    changed = {name for name in after if after[name][1] != OLD * 10**9}
    assert any(name.startswith("articles/") for name in changed)
    assert "search/search_index.json" in changed
    assert len(changed) < len(after) / 3, sorted(changed)
    assert all(after[name][0] != before[name][0] for name in changed if name in before)


def test_a_failed_build_leaves_the_last_good_site_and_no_staging_folder(project):
    workdir, _, config = project
    site = workdir / "site"
    before = _files(site)
    broken = workdir / "docs" / "broken.md"
    broken.write_text("# Broken\n\n[a link to nowhere](nowhere.md)\n")  # a warning: --strict fails
    try:
        result = _mkdocs_build(config)
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr
    assert _files(site) == before
    assert not [p for p in site.iterdir() if p.name.startswith(SITE_STAGING_PREFIX)]


def test_a_disk_that_refuses_the_site_is_one_clear_error_and_the_last_site_stays(project):
    workdir, _, config = project
    site = workdir / "site"
    before = _files(site)
    result = _mkdocs_build(config, preexec_fn=small_files_only)  # Material's scripts are larger
    assert result.returncode == 1
    assert f"cannot write the site: File too large ({site}/" in result.stderr
    assert f"{site} is as the last build left it; free some disk space and build again" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(site) == before
    assert not [p for p in site.iterdir() if p.name.startswith(SITE_STAGING_PREFIX)]


def test_a_file_where_the_site_folder_goes_is_one_clear_error(project, tmp_path):
    _, _, config = project
    in_the_way = tmp_path / "site"
    in_the_way.write_text("not a folder")
    result = _mkdocs_build(config, "--site-dir", str(in_the_way))
    assert result.returncode == 1
    message = f"cannot write the site: {in_the_way} is a file where a folder must be; move {in_the_way} away"
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert in_the_way.read_text() == "not a folder"


def test_two_builds_publishing_at_once_both_succeed(tmp_path):
    """Two `make site` at once: each publishes its staging folder; the second waits for the first
    (it failed with a traceback when both made the same new folder)."""
    import multiprocessing

    site = tmp_path / "site"
    pages = {f"articles/{n}/index.html": f"page {n}" for n in range(400)}
    stagings = [_stage(site, pages), _stage(site, pages)]
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)

    def run(staging: str) -> None:
        start.wait()
        publish(staging, str(site))

    processes = [context.Process(target=run, args=(staging,)) for staging in stagings]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0, 0]
    assert sorted(_files(site)) == sorted(pages)
