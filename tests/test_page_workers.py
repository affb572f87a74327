"""The site's pages converted and written by several processes (generator/page_conversion.py,
generator/page_workers.py): real `mkdocs build`s.

A split build must give the one-process build's site byte for byte, in both of search's forms, and
log what it would. A worker that fails or warns while writing must fail the build with a message,
like the main process would; a worker that fails or goes wrong while converting must change nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import page_workers
from generator.parallel import Claims, usable_cpus
from tests.bench.corpus import write_corpus
from tests.sitebuild import ROOT, _env, prepare_project

ARTICLES = 30


def _build(config_path: Path, site: Path, workers: int | str, limit: int | None = None, hooks: list[str] = ()):
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site_dir"] = str(site)
    if limit is not None:
        config.setdefault("extra", {})["full_text_search_limit"] = limit
    config["hooks"] = [*config["hooks"], *hooks]
    variant = config_path.with_name(f"mkdocs-{site.name}.yml")
    variant.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {**_env(), page_workers.WORKERS_VARIABLE: str(workers)}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(variant)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("page-workers")
    write_corpus(ARTICLES, work / "seeds")
    return prepare_project(work / "seeds", work)


@pytest.mark.parametrize("limit", [None, 5], ids=["full-text search", "compact search"])
def test_a_site_written_by_three_processes_is_the_one_process_site(project, limit):
    serial = _build(project, project.parent / f"one-{limit}", 1, limit)
    split = _build(project, project.parent / f"three-{limit}", 3, limit)
    assert serial.returncode == 0, serial.stderr
    assert split.returncode == 0, split.stderr
    assert "pages written here" not in serial.stderr
    written = re.search(r"(\d+) pages written here and (\d+) by 2 more processes", split.stderr)
    assert written, split.stderr
    here, others = int(written[1]), int(written[2])
    assert here > 0 and others > 0
    assert "Page skipped" not in split.stderr
    assert "pages converted here" not in serial.stderr
    converted = re.search(r"(\d+) pages converted here and (\d+) by 2 more processes", split.stderr)
    assert converted, split.stderr
    assert int(converted[1]) > 0 and int(converted[2]) > 0
    one, three = _files(project.parent / f"one-{limit}"), _files(project.parent / f"three-{limit}")
    assert one.keys() == three.keys()
    differing = [name for name in one if one[name] != three[name]]
    assert not differing, differing[:5]
    assert len([name for name in one if name.startswith("articles/")]) == ARTICLES


# A hook that misbehaves only in the processes forked to write pages, not in the main one.
_WORKER_ONLY_HOOK = """
import logging
import os

_MAIN = os.getpid()


def on_page_context(context, page, config, nav):
    if os.getpid() != _MAIN:
        {action}
    return context
"""


def _write_hook(tmp_path: Path, source: str) -> str:
    path = tmp_path / "test_hook.py"
    path.write_text(source, encoding="utf-8")
    return str(path)


def _hook(tmp_path: Path, action: str) -> str:
    return _write_hook(tmp_path, _WORKER_ONLY_HOOK.format(action=action))


def test_a_page_that_fails_in_a_worker_fails_the_build_with_its_error(project, tmp_path):
    hook = _hook(tmp_path, 'raise ValueError("the page cannot be written: " + page.file.src_uri)')
    result = _build(project, tmp_path / "site", 2, hooks=[hook])
    assert result.returncode == 1
    assert "the page cannot be written: " in result.stderr
    assert "a process writing pages failed" in result.stderr
    assert f"{page_workers.WORKERS_VARIABLE}=1 builds in one process" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_in_a_worker_is_said_as_in_the_main_process(project, tmp_path):
    """A worker's refusal (a full disk) ended in "a process writing pages failed … DIGEST_SITE_WORKERS=1
    builds in one process", advice beside the point; it is now the message of a refusal in the main process."""
    site = tmp_path / "site"
    refused = 'os.path.join(config["site_dir"], page.file.dest_uri)'
    hook = _hook(tmp_path, f'raise OSError(28, "No space left on device", {refused})')
    before = {site / "kept.html"}
    site.mkdir()
    (site / "kept.html").write_text("the last good site")
    result = _build(project, site, 2, hooks=[hook])
    assert result.returncode == 1
    assert f"cannot write the site: No space left on device ({site}/" in result.stderr
    assert f"{site} is as the last build left it; free some disk space" in result.stderr
    assert "Traceback" not in result.stderr and "builds in one process" not in result.stderr
    assert {path for path in site.rglob("*")} == before  # no staging folder left either


def test_a_read_error_is_mkdocs_own_message_not_a_refusal_to_write_the_site(project, tmp_path):
    """Any OSError of a staged build was said to be the site's; a page MkDocs cannot read is its own."""
    broken = project.parent / "docs" / "broken.md"
    broken.symlink_to(tmp_path / "nowhere.md")
    try:
        result = _build(project, tmp_path / "site", 1)
    finally:
        broken.unlink()
    assert result.returncode == 1
    assert "broken.md" in result.stderr  # MkDocs names the page it could not read
    assert "cannot write the site" not in result.stderr


def test_a_warning_in_a_worker_fails_a_strict_build(project, tmp_path):
    hook = _hook(tmp_path, 'logging.getLogger("mkdocs.hooks.test").warning("odd page %s", page.file.src_uri)')
    result = _build(project, tmp_path / "site", 2, hooks=[hook])
    assert result.returncode == 1
    assert "odd page " in result.stderr  # whichever page the worker took
    assert "logged warnings (above), and the build is strict" in result.stderr
    assert "Traceback" not in result.stderr


# A hook that does something else in the processes forked to convert pages.
_CONVERTING_HOOK = """
import os

_MAIN = os.getpid()


def on_page_markdown(markdown, page, config, files):
    if os.getpid() != _MAIN:
        {action}
    return markdown


def on_page_read_source(page, config):
    if os.getpid() != _MAIN:
        {read}
    return None
"""


def _converting_hook(tmp_path: Path, action: str = "pass", read: str = "pass") -> str:
    return _write_hook(tmp_path, _CONVERTING_HOOK.format(action=action, read=read))


@pytest.fixture(scope="module")
def serial_site(project) -> dict[str, bytes]:
    result = _build(project, project.parent / "one-serial", 1)
    assert result.returncode == 0, result.stderr
    return _files(project.parent / "one-serial")


def test_a_page_converted_from_other_markdown_in_a_worker_is_converted_again(project, tmp_path, serial_site):
    # Nothing a worker converts is used unless it converted the main process's very Markdown.
    hook = _converting_hook(tmp_path, 'return markdown + "\\n\\nonly in a worker\\n"')
    result = _build(project, tmp_path / "site", 3, hooks=[hook])
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ pages converted here and 0 by 2 more processes", result.stderr), result.stderr
    assert _files(tmp_path / "site") == serial_site


def test_a_page_read_from_another_source_in_a_worker_is_read_again(project, tmp_path, serial_site):
    # The front matter a worker parsed is used only for the very source the main process reads.
    hook = _converting_hook(tmp_path, read='return page.file.content_string + "\\n\\nread in a worker\\n"')
    result = _build(project, tmp_path / "site", 3, hooks=[hook])
    assert result.returncode == 0, result.stderr
    assert _files(tmp_path / "site") == serial_site


def test_a_worker_that_dies_while_converting_leaves_its_pages_to_the_main_process(project, tmp_path, serial_site):
    result = _build(project, tmp_path / "site", 2, hooks=[_converting_hook(tmp_path, "os._exit(9)")])
    assert result.returncode == 0, result.stderr
    assert "a process converting pages stopped (exit status 9): its pages are converted here" in result.stderr
    assert _files(tmp_path / "site") == serial_site


def test_what_a_worker_logs_while_converting_is_logged_once_by_the_main_process(project, tmp_path):
    # Every page gets a link to a page that does not exist, which MkDocs reports while converting the
    # page, and one to an anchor it does not have, which MkDocs reports from what the conversion found.
    hook = _write_hook(
        tmp_path,
        "def on_page_markdown(markdown, page, config, files):\n"
        "    return markdown + '\\n\\n[gone](no-such-page.md) [nowhere](#no-such-anchor)\\n'\n",
    )
    serial = _build(project, tmp_path / "one", 1, hooks=[hook])
    split = _build(project, tmp_path / "three", 3, hooks=[hook])

    def warnings(result) -> list[str]:
        return sorted(line for line in result.stderr.splitlines() if "no-such-" in line)

    assert serial.returncode == split.returncode == 1
    assert len([line for line in warnings(serial) if "no-such-anchor" in line]) > ARTICLES  # one for each page
    assert len([line for line in warnings(serial) if "no-such-page" in line]) > ARTICLES
    assert warnings(split) == warnings(serial)
    converted = re.search(r"(\d+) pages converted here and (\d+) by 2 more processes", split.stderr)
    assert converted and int(converted[2]) > 0, split.stderr
    count = re.search(r"Aborted with (\d+) warnings in strict mode", serial.stdout)  # click prints it there
    assert count, serial.stdout
    assert f"Aborted with {count[1]} warnings in strict mode" in split.stdout
    assert "Traceback" not in split.stderr


def test_a_wrong_number_of_workers_is_a_clear_error(project, tmp_path):
    result = _build(project, tmp_path / "site", "many")
    assert result.returncode == 1
    assert "DIGEST_SITE_WORKERS='many' is not a number of processes" in result.stderr
    assert "Traceback" not in result.stderr


def test_how_many_processes_write_pages():
    cpus = min(usable_cpus(), page_workers.MAXIMUM_PROCESSES)
    assert page_workers.process_count(page_workers.MINIMUM_PAGES, environ={}) == cpus
    assert page_workers.process_count(page_workers.MINIMUM_PAGES - 1, environ={}) == 1
    assert page_workers.process_count(5, environ={page_workers.WORKERS_VARIABLE: "3"}) == 3
    assert page_workers.process_count(5, environ={page_workers.WORKERS_VARIABLE: " 1 "}) == 1
    for wrong in ("0", "-2", "two", "1.5", "²"):
        with pytest.raises(page_workers.SettingError):
            page_workers.process_count(500, environ={page_workers.WORKERS_VARIABLE: wrong})


def test_each_page_is_claimed_once_from_one_end_or_the_other():
    claims = Claims(5)
    assert claims.back() == 4
    assert claims.front(0) and claims.front(1)
    assert claims.back() == 3
    assert claims.back() == 2
    assert claims.back() is None
    assert not claims.front(2) and not claims.front(3)


def _serve(config_path: Path, workers: int, log: Path) -> dict[str, bytes]:
    """Every page `mkdocs serve --dirty` (as `make serve` runs it) serves after its first build, by the
    sitemap, and the search index; the server's address is replaced by `HOST`, so two runs compare."""
    import time
    import urllib.request
    from xml.etree import ElementTree

    from tests.bench.serve import free_port, wait_for

    host = f"127.0.0.1:{free_port()}"
    env = {**_env(), page_workers.WORKERS_VARIABLE: str(workers)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--no-livereload"]
    command += ["--config-file", str(config_path), "--dev-addr", host]
    base = f"http://{host}/news-digest/"

    def get(url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()

    with open(log, "w", encoding="utf-8") as stderr:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            assert wait_for(base, "", time.perf_counter() + 300) is not None, log.read_text(encoding="utf-8")
            sitemap = ElementTree.fromstring(get(base + "sitemap.xml"))
            urls = [element.text for element in sitemap.iter() if element.tag.endswith("loc")]
            served = {url.replace(host, "HOST"): get(url) for url in [*urls, base + "search/search_index.json"]}
        finally:
            server.terminate()
            server.wait(timeout=60)
    return {url: content.replace(host.encode(), b"HOST") for url, content in served.items()}


def test_make_serves_first_build_is_split_and_serves_the_one_process_site(project, tmp_path):
    """`mkdocs serve` builds first into a new, empty folder, before its server threads start: that
    build is split too (a dirty one included), and every later one runs in one process."""
    one = _serve(project, 1, tmp_path / "one.log")
    three = _serve(project, 3, tmp_path / "three.log")
    log = (tmp_path / "three.log").read_text(encoding="utf-8")
    assert re.search(r"\d+ pages converted here and \d+ by 2 more processes", log), log
    assert re.search(r"\d+ pages written here and \d+ by 2 more processes", log), log
    assert "pages written here" not in (tmp_path / "one.log").read_text(encoding="utf-8")
    assert len([url for url in one if "/articles/" in url]) == ARTICLES
    assert one.keys() == three.keys()
    differing = [url for url in one if one[url] != three[url]]
    assert not differing, differing[:5]


@pytest.mark.parametrize(
    ("command", "dirty", "site", "splits"),
    [
        ("build", False, "full", True),
        ("gh-deploy", False, "full", True),
        ("build", True, "full", False),  # a dirty build writes only what changed: MkDocs decides per page
        ("build", True, "empty", True),
        ("serve", True, "new", True),  # make serve's first build
        ("serve", False, "empty", True),
    ],
)
def test_which_builds_are_split(tmp_path, command, dirty, site, splits):
    from generator.mkdocs_hooks import _splits

    folder = tmp_path / "site"
    if site != "new":
        folder.mkdir()
    if site == "full":
        (folder / "index.html").write_text("old", encoding="utf-8")
    assert _splits(command, dirty, str(folder)) is splits
