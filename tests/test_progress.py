"""The progress bar: on a terminal only, after a quiet second, and without a thread of its own."""

from __future__ import annotations

import io
import sys
import threading
import time

from generator import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    items = [1, 2, 3]
    assert progress.progress(items, 3, "rendering") is items


def test_a_bar_on_a_terminal_once_the_build_has_run_for_a_second(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(progress, "_started", time.monotonic() - 2 * progress.QUIET_SECONDS)
    assert list(progress.progress(range(5), 5, "rendering")) == [0, 1, 2, 3, 4]
    assert "rendering" in terminal.getvalue()

    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    progress.start()
    assert list(progress.progress(range(5), 5, "rendering")) == [0, 1, 2, 3, 4]
    assert quiet.getvalue() == ""  # a build that is over within the second shows nothing


def test_a_bar_starts_no_thread_so_the_build_may_still_fork(monkeypatch):
    """A process running another thread does not fork its workers: tqdm's monitor thread, which
    outlived the bars, made a build on a terminal render in one process, and `make serve`'s first
    site build too."""
    monkeypatch.setattr(sys, "stderr", Terminal())
    monkeypatch.setattr(progress, "_started", time.monotonic() - 2 * progress.QUIET_SECONDS)
    before = set(threading.enumerate())  # other tests may have left servers running
    for _ in progress.progress(range(3), 3, "extracting"):
        assert set(threading.enumerate()) == before
    assert set(threading.enumerate()) == before
