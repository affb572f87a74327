"""Worker processes forked by a build end with it, even when it is killed outright."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

# A build in miniature: `fork_map` over more items than run in one process, each worker blocking, as
# a worker did whose results no one read any more. Each worker writes its process id first.
_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from generator import parallel

    folder = Path(sys.argv[1])
    build = os.getpid()

    def work(item):
        if os.getpid() == build:
            return  # the first item, done here before the workers are forked
        (folder / str(os.getpid())).touch()
        time.sleep(600)

    parallel.fork_map(work, list(range(parallel.PARALLEL_MINIMUM)), "working", chunk_size=1)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))  # a zombie has ended


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_workers_end_when_the_build_that_forked_them_is_killed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(tmp_path)], env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not any(tmp_path.iterdir()) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if build.poll() is not None:
            pytest.skip("one CPU here: fork_map ran every item in the build's own process")
        time.sleep(0.5)  # every worker started
        workers = [int(p.name) for p in tmp_path.iterdir()]
        assert workers
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)  # whatever is left of its session
