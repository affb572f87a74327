"""What `make serve` watches, and how: the hand-written part of docs/, with the kernel's notifications.

MkDocs' server watches docs/ and the config file by polling (watchdog's `PollingObserver`): twice a
second it lists and stats every watched file. Under `make serve` that is every seed too (`--watch
seeds`): at 10,000 articles about half a core while nobody types, and up to a second and a half before
a saved change is even seen. On Linux the kernel reports changes as they happen (inotify), so there
the server's observer is swapped for watchdog's inotify observer; MkDocs polls because notifications
are missing on some file systems (network drives, folders shared into a container from another
system), so `DIGEST_WATCH=poll` keeps the polling.

Only `LiveReloadServer.watch`, `unwatch` and its public `observer` attribute are used: MkDocs calls
`on_serve` after watching docs/ and the config file and before watching the `--watch` folders, and
starts the observer only after that.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable

from generator.write import GENERATED_DIRS, GENERATED_FILES

WATCH_VARIABLE = "DIGEST_WATCH"
log = logging.getLogger("mkdocs.hooks.digest")


def hand_written(docs_dir: str) -> list[tuple[str, bool]]:
    """The top-level entries of docs/ that people write, as (path, is a folder), by name: not the
    generator's folders and files, nor dot-files (its manifest and staging folder)."""
    found = []
    with os.scandir(docs_dir) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            folder = entry.is_dir(follow_symlinks=False)
            generated = entry.name in (GENERATED_DIRS if folder else GENERATED_FILES)
            if not generated and not entry.name.startswith("."):
                found.append((entry.path, folder))
    return found


def changes_observer():
    """A watchdog observer on inotify that reports only changes to files, or None where there is none
    (not Linux, `DIGEST_WATCH=poll`, or the kernel refuses another inotify instance).

    By default watchdog's inotify observer also reports files opened and closed unwritten, and MkDocs
    rebuilds on any file event: every build opens the pages and seeds it reads, so each build would
    start the next. Polling never reports those.
    """
    if sys.platform != "linux" or os.environ.get(WATCH_VARIABLE) == "poll":
        return None
    try:
        from watchdog.events import (
            FileClosedEvent,
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
        )
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:
        return None
    changes = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent)

    class ChangesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes)

    try:
        return ChangesObserver()
    except OSError as err:  # the per-user limit of inotify instances: polling still works
        log.info("Watching by polling: the kernel's file notifications are unavailable (%s)", err.strerror)
        return None


def use_notifications(server, already_watched: Iterable[str]) -> None:
    """Swap `server`'s polling observer for `changes_observer()`, moving `already_watched` paths (those
    MkDocs watched before `on_serve`) to it; whatever is watched later uses it directly. Where there are
    no notifications, nothing changes."""
    observer = changes_observer()
    if observer is None:
        return
    moved = []
    for path in already_watched:
        try:
            server.unwatch(path)
        except KeyError:  # not watched (`--watch-theme` not given, say)
            continue
        moved.append(path)
    server.observer = observer
    for path in moved:
        server.watch(path)
    log.info("Watching for changes with the kernel's notifications (%s=poll polls instead)", WATCH_VARIABLE)
