"""Map a function over many items in worker processes forked from this one, when it pays.

The workers are forked, so they start with everything the parent holds: the function may be a
closure over the whole collection, and only the items and the results cross between processes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from generator.progress import progress

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 300
CHUNK_SIZE = 64

# The function of the running `fork_map`, inherited by its forked workers (a closure cannot be pickled).
_task: Callable | None = None


def workers(count: int, minimum: int | None = None) -> int:
    """How many processes to map over `count` items with, from `minimum` items (PARALLEL_MINIMUM
    when None); 1 means in this process."""
    if count < (PARALLEL_MINIMUM if minimum is None else minimum):
        return 1
    cpus = usable_cpus()
    return cpus if cpus > 1 and can_fork() else 1


def usable_cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's in a container limited to some)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this process may fork workers. Forking a process that runs other threads (`mkdocs
    serve` calls the build from its server) can deadlock on a lock held by one of them, so such a
    process works serially."""
    return hasattr(os, "fork") and threading.active_count() == 1


def end_processes(pids: list[int]) -> None:
    """Stop the forked processes `pids` without waiting for their work (a build that failed), and reap them."""
    import signal

    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    pids.clear()


def _call(item):
    assert _task is not None
    return _task(item)


def die_with_parent(parent: int) -> None:
    """In a forked worker: end when the process `parent` that forked it ends.

    A build killed outright (SIGKILL, the out-of-memory killer) left its workers for ever: blocked
    writing results that no one would read, each holding both ends of the pipe (forked, they inherit
    them all), so none saw it close. On Linux the kernel sends them SIGKILL when the parent ends
    (`prctl(PR_SET_PDEATHSIG)`: no Python module exposes it, hence ctypes); elsewhere a thread looks
    for the parent once a second. `parent` is taken before the fork: a parent that ended before this
    runs has already been replaced by another (`os.getppid()` changed)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
                if os.getppid() != parent:
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def fork_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    description: str,
    *,
    minimum: int | None = None,
    chunk_size: int | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, in order, with a progress bar; in worker processes from
    `minimum` items, which take them `chunk_size` at a time (PARALLEL_MINIMUM and CHUNK_SIZE when
    None; fewer, larger items want smaller ones).

    The first item is done here before forking, so that data `function` loads on first use is
    loaded once and shared with the workers rather than loaded in each.
    """
    count = workers(len(items), minimum)
    if count == 1:
        return [function(item) for item in progress(items, len(items), description)]
    global _task
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    first = function(items[0])
    _task = function
    try:
        with ProcessPoolExecutor(
            count, mp_context=get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            # `map` yields in input order whatever order the chunks finish in.
            rest = pool.map(_call, items[1:], chunksize=CHUNK_SIZE if chunk_size is None else chunk_size)
            return [first, *progress(rest, len(items) - 1, description)]
    finally:
        _task = None


class Claims:
    """Which process takes which of `count` items, in memory that forked processes share.

    The main process claims items from the front, in the order it reaches them; forked workers claim
    them from the back; each item goes to whichever gets to it first. Taking items from both ends
    balances the work whatever each item costs and whatever else the machine is doing.
    """

    def __init__(self, count: int):
        import multiprocessing  # here: only a build in several processes needs it

        self._lock = multiprocessing.Lock()
        # [the first item no one has claimed from the front, the end of the items left at the back]
        self._bounds = multiprocessing.RawArray("q", [0, count])

    def front(self, index: int) -> bool:
        with self._lock:
            if index < self._bounds[1]:
                self._bounds[0] = index + 1
                return True
            return False

    def back(self) -> int | None:
        with self._lock:
            if self._bounds[1] > self._bounds[0]:
                self._bounds[1] -= 1
                return self._bounds[1]
            return None
