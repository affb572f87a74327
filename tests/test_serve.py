"""`make serve`: a real `mkdocs serve --dirty` regenerating docs/ from seeds/, as the Makefile runs it.

An edit to an annotation or to a hand-written page is served after one build: the generator's own
writes into docs/ must not start another (generator/mkdocs_hooks.py, `on_serve`).
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


def _serve_and_edit(tmp_path: Path, edit, url_path: str, expected: str) -> str:
    """Serve a fresh project, `edit()` it once served, wait until `url_path` shows `expected` and a
    little longer; return the server's log."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    config_path = prepare_project(seeds, tmp_path)
    host = f"127.0.0.1:{free_port()}"
    base = f"http://{host}/news-digest/"  # `mkdocs serve` mounts the site at its site_url's path
    env = {**_env(), "DIGEST_REGENERATE": "1", "DIGEST_SEEDS": str(seeds)}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--config-file", str(config_path)]
    command += ["--dev-addr", host, "--watch", str(seeds)]
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            assert wait_for(base, "", time.perf_counter() + 120) is not None, log.read_text(encoding="utf-8")
            time.sleep(1)  # the watcher's first look
            edit(tmp_path)
            assert wait_for(base + url_path, expected, time.perf_counter() + 120) is not None, log.read_text(
                encoding="utf-8"
            )
            time.sleep(3)  # time enough for the watcher to start another build, if it would
        finally:
            server.terminate()
            server.wait(timeout=30)
    return log.read_text(encoding="utf-8")


def test_an_annotation_edit_is_served_after_one_build(tmp_path):
    def edit(project: Path) -> None:
        annotation = project / "seeds" / ANNOTATION
        data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        data["title_en"] = "Iran and Azerbaijan hold a joint exercise (edited while serving)"
        annotation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    log = _serve_and_edit(tmp_path, edit, ARTICLE, "(edited while serving)")
    assert log.count("Building documentation...") == 2, log  # the first build and the one the edit started


def test_a_hand_written_page_edit_is_served_after_one_build(tmp_path):
    def edit(project: Path) -> None:
        page = project / "docs" / "about.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")

    log = _serve_and_edit(tmp_path, edit, "about/", "Edited while serving.")
    assert log.count("Building documentation...") == 2, log
