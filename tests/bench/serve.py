"""How `make serve` responds on a large digest: the first build, then one annotation changed.

Starts `mkdocs serve` the way `make serve` does (regenerating docs/ from seeds/ before each build,
`--dirty` so only the pages whose Markdown changed are rebuilt) on a benchmark project, waits for
the site, times a page request, then changes one article's English title and times how long the
served page takes to show it. Run by `python -m tests.bench.run … --serve`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

TIMEOUT_S = 600
IDLE_S = 10  # how long the idle server's CPU time is measured


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, text: str, deadline: float) -> float | None:
    """Seconds until `url` answers 200 with `text` in it (None: not before `deadline`, a perf_counter time)."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        status, body = _get(url)
        if status == 200 and text in body:
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def time_serve(config_path: Path, seeds: Path, article_url: str, change) -> dict:
    """`change()` edits one annotation and returns the text the article page must then show."""
    port = free_port()
    env = dict(os.environ, DIGEST_REGENERATE="1", DIGEST_SEEDS=str(seeds), NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--config-file", str(config_path)]
    command += ["--dev-addr", f"127.0.0.1:{port}", "--watch", str(seeds)]
    # `mkdocs serve` mounts the site at the path of its site_url.
    site_url = yaml.safe_load(config_path.read_text(encoding="utf-8")).get("site_url") or "/"
    base = f"http://127.0.0.1:{port}{urlsplit(site_url).path.rstrip('/')}/"
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.perf_counter()
        deadline = start + TIMEOUT_S
        while _get(base)[0] == 0 and time.perf_counter() < deadline:
            time.sleep(0.2)
        first_build = time.perf_counter() - start
        request_start = time.perf_counter()
        status, _ = _get(base + article_url)
        request_s = time.perf_counter() - request_start
        if status != 200:
            raise SystemExit(f"mkdocs serve did not serve {base + article_url} ({status})")
        time.sleep(1)  # the watcher's first scan, as a person would not save within a second
        idle_start = cpu_seconds(server.pid)
        time.sleep(IDLE_S)  # nobody typing: what watching costs
        idle_percent = 100 * (cpu_seconds(server.pid) - idle_start) / IDLE_S  # of one core
        expected = change()
        changed_s = wait_for(base + article_url, expected, time.perf_counter() + TIMEOUT_S)
        request_start = time.perf_counter()
        _get(base + article_url)
        request_after_s = time.perf_counter() - request_start
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "serve_first_build_s": first_build,
        "serve_request_s": request_s,
        "serve_idle_percent": idle_percent,
        "serve_change_shown_s": changed_s,
        "serve_request_after_change_s": request_after_s,
    }
