"""`make serve`: a real `mkdocs serve --dirty` regenerating docs/ from seeds/, as the Makefile runs it.

An edit to an annotation, to a hand-written page or to mkdocs.yml is served after one build: the
generator's own writes into docs/ must not start another, nor must the files a build reads (the kernel
reports those too; generator/mkdocs_hooks.py `on_serve`, generator/serve_watch.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.bench.serve import free_port, wait_for
from tests.conftest import SEEDS
from tests.sitebuild import ROOT, _env, prepare_project

pytestmark = pytest.mark.slow

ARTICLE = "articles/2024/iran-adakan-latihan-militer-gabungan-bersama-azerbaijan/"
ANNOTATION = "004_55138af7640aabe5.yml"


NOTIFIED = "Watching for changes with the kernel's notifications"


BUILDING = "Building documentation..."


def _serve_and_edit(
    tmp_path: Path,
    edit,
    url_path: str,
    expected: str | None,
    watch: str | None = None,
    own_generator: bool = False,
    then=(),
) -> str:
    """Serve a fresh project, `edit()` it once served, wait until `url_path` shows `expected` (None:
    until a second build starts) and a little longer; return the server's log. `watch` is the
    DIGEST_WATCH setting, if any. With `own_generator`, the project has a copy of generator/ that the
    server runs from (its hooks and the generator), as `make serve` runs the repository's. `then`:
    more (edit, check) steps, each edit made once the previous step is seen, and `check(page)` polled
    on `url_path` until true."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    config_path = prepare_project(seeds, tmp_path)
    cwd = ROOT
    if own_generator:
        shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
        config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        config["hooks"] = [str(tmp_path / "generator" / "mkdocs_hooks.py")]
        config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        cwd = tmp_path
    host = f"127.0.0.1:{free_port()}"
    base = f"http://{host}/news-digest/"  # `mkdocs serve` mounts the site at its site_url's path
    env = {**_env(), "DIGEST_REGENERATE": "1", "DIGEST_SEEDS": str(seeds)}
    env.pop("DIGEST_WATCH", None)
    if watch is not None:
        env["DIGEST_WATCH"] = watch
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--config-file", str(config_path)]
    command += ["--dev-addr", host, "--watch", str(seeds)]
    if own_generator:
        command += ["--watch", str(tmp_path / "generator")]
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        try:
            assert wait_for(base, "", time.perf_counter() + 120) is not None, log.read_text(encoding="utf-8")
            time.sleep(1)  # the watcher's first look
            edit(tmp_path)
            if expected is None:  # a rebuild shows no change to wait for on a page: wait for it in the log
                deadline = time.perf_counter() + 120
                while log.read_text(encoding="utf-8").count(BUILDING) < 2 and time.perf_counter() < deadline:
                    time.sleep(0.1)
            else:
                assert wait_for(base + url_path, expected, time.perf_counter() + 120) is not None, log.read_text(
                    encoding="utf-8"
                )
            for step_edit, check in then:
                time.sleep(1)
                step_edit(tmp_path)
                deadline = time.perf_counter() + 120
                while not check(_fetch(base + url_path)) and time.perf_counter() < deadline:
                    time.sleep(0.2)
                assert check(_fetch(base + url_path)), log.read_text(encoding="utf-8")
            time.sleep(3)  # time enough for the watcher to start another build, if it would
        finally:
            server.terminate()
            server.wait(timeout=30)
    return log.read_text(encoding="utf-8")


def _fetch(url: str) -> str:
    from urllib.request import urlopen

    try:
        with urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_a_change_that_does_not_build_is_said_so_in_the_browser_until_one_does(tmp_path):
    """The generator stopped on the error and the browser kept showing the last good page: the edit
    seemed ignored, and only the terminal said why."""
    annotation = tmp_path / "seeds" / ANNOTATION
    banner = "The last change did not build"

    def break_it(project: Path) -> None:
        annotation.write_text(annotation.read_text(encoding="utf-8") + "countries: [IR]\n", encoding="utf-8")

    def mend_it(project: Path) -> None:  # the duplicate key removed
        annotation.write_text(annotation.read_text(encoding="utf-8").removesuffix("countries: [IR]\n"), "utf-8")

    # The bar names the file to fix (it said only that the terminal lists the errors).
    named = f"The last change did not build (errors in <code>{annotation}</code>)"
    log = _serve_and_edit(tmp_path, break_it, ARTICLE, named, then=[(mend_it, lambda page: banner not in page)])
    assert "duplicate key 'countries'" in log and "build aborted" in log, log
    assert "Traceback" not in log, log


@pytest.mark.parametrize("watch", [None, "poll"])
def test_an_annotation_edit_is_served_after_one_build(tmp_path, watch):
    def edit(project: Path) -> None:
        annotation = project / "seeds" / ANNOTATION
        data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        data["title_en"] = "Iran and Azerbaijan hold a joint exercise (edited while serving)"
        annotation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    log = _serve_and_edit(tmp_path, edit, ARTICLE, "(edited while serving)", watch)
    assert log.count(BUILDING) == 2, log  # the first build and the one the edit started
    # Linux gives notifications; DIGEST_WATCH=poll keeps MkDocs' polling, which also serves the edit.
    assert (NOTIFIED in log) == (sys.platform == "linux" and watch is None), log


def test_a_hand_written_page_edit_is_served_after_one_build(tmp_path):
    def edit(project: Path) -> None:
        page = project / "docs" / "about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")

    log = _serve_and_edit(tmp_path, edit, "about/", "Edited while serving.")
    assert log.count(BUILDING) == 2, log


def test_a_config_edit_starts_one_build(tmp_path):
    """MkDocs watched mkdocs.yml before `on_serve` swapped its observer: the watch moved with it. (A
    dirty build renders only the pages whose Markdown changed, so no page shows the new name.)"""

    def edit(project: Path) -> None:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        site_name = next(line for line in text.splitlines() if line.startswith("site_name:"))
        config.write_text(text.replace(site_name, "site_name: Digest edited while serving"), encoding="utf-8")

    log = _serve_and_edit(tmp_path, edit, "", None)
    assert log.count(BUILDING) == 2, log


def test_an_edit_to_the_generator_s_data_is_used_by_the_next_build(tmp_path):
    """`make serve` watches generator/ too: each build runs the generator afresh, so an edited data file
    (here a topic's label; a new topic, alias or glossary entry alike) is used at once, not the one
    the server started with."""

    def edit(project: Path) -> None:
        topics = project / "generator" / "data" / "topics.yml"
        text = topics.read_text(encoding="utf-8")
        assert "label: Military exercises\n" in text
        topics.write_text(text.replace("label: Military exercises\n", "label: Military drills (edited)\n"), "utf-8")

    log = _serve_and_edit(tmp_path, edit, ARTICLE, "Military drills (edited)", own_generator=True)
    assert "Traceback" not in log, log


def test_the_bar_names_at_most_five_files_escaped():
    from generator.mkdocs_hooks import failed_banner

    bar = failed_banner([f"seeds/<{n}>.yml" for n in range(7)]).decode()
    assert "errors in <code>seeds/&lt;0&gt;.yml</code>, " in bar
    assert "<code>seeds/&lt;4&gt;.yml</code> and 2 more files" in bar
    assert "<code>seeds/4.yml</code> and 1 more file)" in failed_banner([f"seeds/{n}.yml" for n in range(6)]).decode()
    assert "(errors in" not in failed_banner([]).decode()  # stopped before it could say which
