"""A progress bar for long builds, on a terminal only (never in logs, CI output or tests)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
# A build that finishes within this many seconds shows no bar at all.
QUIET_SECONDS = 1.0
_started = time.monotonic()


def start() -> None:
    """Mark the start of a build: bars appear only once it has run for QUIET_SECONDS."""
    global _started
    _started = time.monotonic()


def progress(items: Iterable[Item], total: int, description: str) -> Iterator[Item] | Iterable[Item]:
    """`items`, with a bar on stderr when stderr is a terminal and the build has run for a second."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    # No monitor thread: tqdm's would outlive the bars, and a process running another thread does
    # not fork (`parallel.can_fork`): on a terminal, the rendering and `make serve`'s first site
    # build then ran in one process.
    tqdm.monitor_interval = 0
    delay = max(0.0, QUIET_SECONDS - (time.monotonic() - _started))
    return tqdm(items, total=total, desc=description, unit=" files", delay=delay, leave=False, file=sys.stderr)
