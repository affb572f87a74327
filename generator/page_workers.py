"""Write a site build's pages in several processes.

MkDocs renders and writes pages one after another in one process. On a large digest that is most of
`make site`: after reading and converting a page (about 4 ms), rendering Material's template and
writing the file take about 5 ms more (docs/performance.md). MkDocs 1.x has no parallel build and
the 1.x line, the one requirements.txt allows, ends with 1.6.1, so it is done here, reaching into MkDocs
as little as that allows:

- When MkDocs has read and converted every page (`on_env`, the last event before it writes pages),
  the build forks worker processes. Each starts with the whole build as it stands, takes pages
  from the back of the list and renders and writes them with MkDocs' own page builder
  (`mkdocs.commands.build._build_page`, the one private name of MkDocs this relies on, called
  from generator/mkdocs_hooks.py), then exits.
- The main process goes on as usual and takes pages from the front as MkDocs reaches them,
  until it meets the workers. Every plugin event still runs there for every page (the search and
  tags plugins collect their entries from it), but a page a worker writes renders empty in the main
  process, and MkDocs writes nothing for an empty page.
- After the pages, the main process waits for its workers. A worker that failed, or logged a
  warning in strict mode, fails the build and its messages are printed above.

Taking pages from both ends balances the work whatever each page costs and whatever else the
machine is doing. The site is byte for byte the one-process build's (tests/test_page_workers.py).
Only `mkdocs build` (and `gh-deploy`) and the first build of `mkdocs serve`, into its new, empty
folder, are split (`mkdocs_hooks._splits`): `serve` runs its later builds beside its server threads,
and forking a process that runs threads can deadlock. `DIGEST_SITE_WORKERS=1` builds in one process.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.parallel import Claims, die_with_parent, end_processes, usable_cpus

WORKERS_VARIABLE = "DIGEST_SITE_WORKERS"
# Below this many pages, starting a worker costs about what it saves.
MINIMUM_PAGES = 100
MAXIMUM_PROCESSES = 8
# The template of the pages that any process may write: the site's own page template, or
# nothing when a worker writes the page (`writes_here`).
SHARED_TEMPLATE = "digest-shared-page.html"
_SHARED_SOURCE = '{%- if digest_writes_here(page) %}{% include "main.html" %}{% endif -%}'
# Exit statuses of a worker.
_FAILED = 2
_WARNED = 3

log = logging.getLogger("mkdocs.hooks.digest")


class SettingError(ValueError):
    """DIGEST_SITE_WORKERS is set to something that is not a number of processes."""


def process_count(page_count: int, environ=os.environ) -> int:
    """How many processes write the pages: DIGEST_SITE_WORKERS when set, else one per CPU this
    process may run on (up to MAXIMUM_PROCESSES), and one for a small site."""
    wanted = environ.get(WORKERS_VARIABLE, "").strip()
    if wanted:
        if not (wanted.isascii() and wanted.isdigit()) or int(wanted) < 1:
            raise SettingError(
                f"{WORKERS_VARIABLE}={wanted!r} is not a number of processes: set it to 1 to build in "
                f"one process, or to 2 or more, or unset it to use one per CPU"
            )
        return min(int(wanted), MAXIMUM_PROCESSES)
    if page_count < MINIMUM_PAGES:
        return 1
    return min(usable_cpus(), MAXIMUM_PROCESSES)


@dataclass
class Split:
    """A build whose pages are shared between this process and `workers`."""

    pages: Sequence  # MkDocs `Page`s, in the order MkDocs builds them
    claims: Claims
    processes: int
    workers: list[int] = field(default_factory=list)  # process ids
    index: dict[str, int] = field(default_factory=dict)  # page source path → position in `pages`
    elsewhere: set[str] = field(default_factory=set)  # source paths of the pages a worker wrote
    in_worker: bool = False
    quiet: logging.Filter | None = None
    # Where a worker that the system refused a file (a full disk) says which, for the build to say so
    # as the main process would (`refused`): its exit status alone cannot.
    refusals: str | None = None
    refused: OSError | None = None

    def writes_here(self, page) -> bool:
        """Called by the shared template as the page is rendered: True when this process writes it."""
        if self.in_worker:
            return True
        if self.claims.front(self.index[page.file.src_uri]):
            return True
        self.elsewhere.add(page.file.src_uri)
        return False

    def written_elsewhere(self, page) -> bool:
        return page.file.src_uri in self.elsewhere


def template_chosen(page) -> None:
    """MkDocs has chosen the page's template (`on_page_context`): the page's metadata is as it was
    again, for the templates and plugins that read it (a page without metadata shows less in
    Material's head)."""
    if page.meta.get("template") == SHARED_TEMPLATE:
        del page.meta["template"]


def share(env, pages: Sequence, processes: int) -> Split:
    """Give `pages` the shared template, to be written by this process and `processes - 1` workers."""
    import jinja2

    split = Split(pages=pages, claims=Claims(len(pages)), processes=processes)
    split.index = {page.file.src_uri: position for position, page in enumerate(pages)}
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.DictLoader({SHARED_TEMPLATE: _SHARED_SOURCE})])
    env.globals["digest_writes_here"] = split.writes_here
    for page in pages:
        page.meta["template"] = SHARED_TEMPLATE  # read by MkDocs before `on_page_context`: see `template_chosen`
    return split


def start_workers(
    split: Split,
    build_page: Callable[[object], None],
    strict: bool,
    before_exit: Callable[[], None] = lambda: None,
) -> None:
    """Fork the workers, which write pages from the back and exit.

    `build_page` builds one page as MkDocs would; `before_exit` runs in a worker after its last page
    (to report what the hooks collected there).
    """
    import tempfile

    split.refusals = tempfile.mkdtemp(prefix="digest-page-workers-")
    for _ in range(split.processes - 1):
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            split.in_worker = True
            die_with_parent(parent)
            os._exit(_work(split, build_page, strict, before_exit))
        split.workers.append(pid)
    split.quiet = _QuietSkips(split)
    logging.getLogger("mkdocs.commands.build").addFilter(split.quiet)


def _work(split: Split, build_page: Callable[[object], None], strict: bool, before_exit: Callable[[], None]) -> int:
    """A worker's life: write pages from the back until none is left. Returns its exit status."""
    from mkdocs.utils import CountHandler

    # The worker ends with os._exit: its collector would only copy the pages it shares with the main
    # process (each object it visits is written to), and there is no garbage worth collecting.
    gc.freeze()
    warnings = CountHandler(level=logging.WARNING)
    logging.getLogger("mkdocs").addHandler(warnings)
    status = _FAILED
    page = None
    try:
        while (position := split.claims.back()) is not None:
            page = split.pages[position]
            build_page(page)  # MkDocs logs a page's error itself
            page = None
        before_exit()
        status = _WARNED if strict and warnings.get_counts() else 0
    except BaseException as error:  # a worker must exit with a status, never unwind into the build
        if isinstance(error, OSError) and split.refusals is not None:
            _record_refusal(split.refusals, error)
        if page is None:
            log.error("A process writing pages stopped: %s: %s", type(error).__name__, error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return status


def _record_refusal(folder: str, error: OSError) -> None:
    import json

    fields = [error.errno, error.strerror, error.filename, error.filename2]
    fields = [value if isinstance(value, int | str | None) else os.fsdecode(value) for value in fields]
    try:
        with open(os.path.join(folder, f"{os.getpid()}.json"), "w", encoding="utf-8") as record:
            json.dump(fields, record)
    except (OSError, TypeError, ValueError):  # the disk that refused the page may refuse this too
        pass


def _read_refusal(folder: str) -> OSError | None:
    """The first refusal a worker recorded in `folder` (which goes), as the `OSError` it was."""
    import json
    import shutil

    try:
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8") as record:
                number, text, first, second = json.load(record)
            return OSError(number, text, first, None, second)
        return None
    except (OSError, ValueError, TypeError):
        return None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def finish(split: Split) -> list[str]:
    """Wait for the workers; the problems they had, for the build to fail with (none if they did well).
    A worker the system refused a file leaves that refusal in `split.refused`."""
    logging.getLogger("mkdocs.commands.build").removeFilter(split.quiet)
    problems = []
    for pid in split.workers:
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == _WARNED:
            problems.append("a process writing pages logged warnings (above), and the build is strict")
        elif code != 0:
            problems.append(f"a process writing pages failed (exit status {code}; its messages are above)")
    split.workers.clear()
    if split.refusals is not None:
        split.refused, split.refusals = _read_refusal(split.refusals), None
    return problems


def stop(split: Split) -> None:
    """The build failed in the main process: end the workers without waiting for their pages."""
    logging.getLogger("mkdocs.commands.build").removeFilter(split.quiet)
    end_processes(split.workers)
    if split.refusals is not None:
        import shutil

        shutil.rmtree(split.refusals, ignore_errors=True)
        split.refusals = None


class _QuietSkips(logging.Filter):
    """Hides MkDocs' "Page skipped … empty output" for the pages a worker wrote (one line each)."""

    def __init__(self, split: Split):
        super().__init__()
        self.split = split

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(_SKIPPED):
            return True
        return message[len(_SKIPPED) :].split("'", 1)[0] not in self.split.elsewhere


_SKIPPED = "Page skipped: '"
