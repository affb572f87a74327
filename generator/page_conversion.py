"""Convert a site build's pages from Markdown to HTML in several processes.

MkDocs reads and converts every page, one after another, before it writes any: about 3.8 ms a page
on this machine, 2.2 ms of it Python-Markdown's conversion (`Page.render`), the rest reading the file
with its front matter and the plugin events around the conversion (docs/performance.md).
generator/page_workers.py shares the writing of pages between processes; this shares converting them:

- At `on_nav`, the last event before MkDocs reads the pages, the build forks worker processes. A
  worker takes pages from the back of the list, reads and converts each as MkDocs does (the plugin
  events before the conversion included), and appends the result to a file of its own: the HTML,
  the table of contents, the title found in it, the anchors it has, its links to other pages'
  anchors, and what was logged while converting it.
- The main process reads every page and runs every plugin event, as always. It converts the pages
  it takes from the front. For a page a worker took, the main process's conversion is replaced by
  the worker's result, once it has checked that the worker converted the very Markdown it has
  itself (a digest). A result that is missing (the worker failed) or was made from other Markdown is
  converted here: a worker only saves time, it never decides what the site holds.
- What the worker's conversion logged is logged again by the main process at the page it belongs
  to, so the log and a strict build's count of warnings are those of a one-process build.

MkDocs 1.x has no hook to replace a page's conversion. The replacement is an attribute `render` on
the page object itself, which Python finds before the class's method; it removes itself when called.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import signal
import struct
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.parallel import Claims

# A result in a worker's file: the page's position and the length of what follows, then the result
# pickled. Pickle is safe here: the main process reads only files its own forked workers wrote.
_HEADER = struct.Struct("<qq")

log = logging.getLogger("mkdocs.hooks.digest")


@dataclass(frozen=True)
class Converted:
    """What `Page.render` sets on a page, as a worker found it, and what it logged meanwhile."""

    markdown_digest: bytes  # of the Markdown converted: see `markdown_digest`
    content: str
    toc: object  # mkdocs.structure.toc.TableOfContents
    title: str | None  # the title found in the content (`Page._title_from_render`)
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # keyed by the linked page's source path
    records: list[logging.LogRecord]


def markdown_digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class Conversion:
    """A build whose pages are converted by this process and by the processes in `workers`."""

    paths: Sequence[str]  # the pages' source paths, in the order MkDocs reads them
    claims: Claims
    processes: int
    index: dict[str, int] = field(default_factory=dict)  # source path → position in `paths`
    workers: list[int] = field(default_factory=list)  # process ids, until waited for
    files: list[int] = field(default_factory=list)  # descriptors of the workers' results
    found: dict[int, tuple[int, int, int]] | None = None  # position → (descriptor, offset, length): once read
    here: int = 0  # pages this process converted
    elsewhere: int = 0  # pages whose worker's result was used
    in_worker: bool = False

    def route(self, page) -> None:
        """Called once MkDocs has run the plugins' `on_page_markdown` events on `page`, just before it
        converts it: a page a worker took gets the worker's result instead."""
        position = self.index.get(page.file.src_uri)
        if self.in_worker or position is None:
            return
        if self.claims.front(position):
            self.here += 1
            return
        page.render = lambda config, files: self._apply(page, position, config, files)

    def _apply(self, page, position: int, config, files) -> None:
        del page.render  # the class's method again
        result = self._result(position)
        if result is not None and result.markdown_digest == markdown_digest(page.markdown):
            links = result.links_to_anchors
            targets = {} if links is None else {path: files.get_file_from_path(path) for path in links}
            if None not in targets.values():
                page.content = result.content
                page.toc = result.toc
                page._title_from_render = result.title
                page.present_anchor_ids = result.anchors
                if links is not None:
                    page.links_to_anchors = {targets[path]: anchors for path, anchors in links.items()}
                for record in result.records:
                    logging.getLogger(record.name).handle(record)
                self.elsewhere += 1
                return
        page.render(config, files)  # MkDocs' own conversion: the worker failed, or saw other Markdown
        self.here += 1

    def _result(self, position: int) -> Converted | None:
        if self.found is None:
            self._wait()
        assert self.found is not None
        where = self.found.get(position)
        if where is None:
            return None
        descriptor, offset, length = where
        try:
            return pickle.loads(os.pread(descriptor, length, offset))
        except Exception:  # a result that cannot be read is converted here
            return None

    def _wait(self) -> None:
        """Wait for the workers (when the main process first needs a worker's result, every page is
        claimed: each worker has at most the page in hand left), then find the results in their files."""
        for pid in self.workers:
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                log.info("a process converting pages stopped (exit status %d): its pages are converted here", code)
        self.workers.clear()
        self.found = {}
        for descriptor in self.files:
            size, offset = os.fstat(descriptor).st_size, 0
            while offset + _HEADER.size <= size:
                position, length = _HEADER.unpack(os.pread(descriptor, _HEADER.size, offset))
                if length < 0 or offset + _HEADER.size + length > size:
                    break  # cut short: the rest is converted here
                self.found[position] = (descriptor, offset + _HEADER.size, length)
                offset += _HEADER.size + length


def start(paths: Sequence[str], processes: int, convert: Callable[[int], Converted]) -> Conversion:
    """Fork `processes - 1` workers, which convert pages from the back (`convert(position)`).

    Raises OSError, with no worker left running, when a file for their results or a process cannot be made.
    """
    conversion = Conversion(paths=paths, claims=Claims(len(paths)), processes=processes)
    conversion.index = {path: position for position, path in enumerate(paths)}
    try:
        for _ in range(processes - 1):
            descriptor, name = tempfile.mkstemp(prefix="digest-converted-")
            os.unlink(name)  # the descriptor is all either process needs, and the file goes with it
            conversion.files.append(descriptor)
        for descriptor in conversion.files:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                conversion.in_worker = True
                os._exit(_work(conversion, descriptor, convert))
            conversion.workers.append(pid)
    except OSError:  # no file or no process to be had: none at all, the pages are converted here
        stop(conversion)
        raise
    return conversion


def _work(conversion: Conversion, descriptor: int, convert: Callable[[int], Converted]) -> int:
    """A worker's life: convert pages from the back until none is left. Returns its exit status."""
    global _capture
    gc.freeze()  # as in page_workers: the worker ends with os._exit, and collecting only copies pages
    _capture = _Capture()
    _log_only_to(_capture)
    try:
        while (position := conversion.claims.back()) is not None:
            try:
                result = convert(position)
            except Exception:  # the main process converts it, and reports what fails
                continue
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(descriptor, _HEADER.pack(position, len(data)) + data)
        return 0
    except BaseException:  # a worker must exit with a status, never unwind into the build
        return 1


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def finish(conversion: Conversion) -> None:
    """Every page is read: wait for the workers not waited for yet, and close their files."""
    if conversion.found is None:
        conversion._wait()
    for descriptor in conversion.files:
        os.close(descriptor)
    conversion.files.clear()


def stop(conversion: Conversion) -> None:
    """The build failed: end the workers without waiting for their pages."""
    for pid in conversion.workers:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    conversion.workers.clear()
    for descriptor in conversion.files:
        os.close(descriptor)
    conversion.files.clear()


def convert_page(file, config, files) -> Converted:
    """Read and convert the page of MkDocs `file` as MkDocs' `_populate_page` does, up to and with
    `Page.render`: the `on_pre_page` and `on_page_markdown` events included, so that the Markdown
    converted is the one the main process will have."""
    from mkdocs.structure.pages import Page

    page = file.page if file.page is not None else Page(None, file, config)  # as MkDocs' build does
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        digest = markdown_digest(page.markdown)
        with _recorded() as records:
            page.render(config, files)
    finally:
        config._current_page = None
    links = page.links_to_anchors
    result = Converted(
        markdown_digest=digest,
        content=page.content,
        toc=page.toc,
        title=page._title_from_render,
        anchors=page.present_anchor_ids,
        links_to_anchors=None if links is None else {target.src_uri: anchors for target, anchors in links.items()},
        records=records,
    )
    page.markdown = page.content = None  # sent: this process needs neither again
    return result


class _Capture(logging.Handler):
    """In a worker, the one handler of every log message: keeps those logged while a page is converted
    (to be logged again by the main process) and drops the rest, which the main process logs itself."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.records is None:
            return
        record.msg, record.args = record.getMessage(), None  # the arguments may not pickle
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = record.stack_info = None
        self.records.append(record)


_capture: _Capture | None = None  # set in a worker


@contextlib.contextmanager
def _recorded():
    """The messages logged inside the block, in a worker (`_Capture`)."""
    records: list[logging.LogRecord] = []
    if _capture is not None:
        _capture.records = records
    try:
        yield records
    finally:
        if _capture is not None:
            _capture.records = None


def _log_only_to(capture: _Capture) -> None:
    """Make `capture` the one handler of every message logged in this (worker) process."""
    loggers = [logging.getLogger(), *(item for item in logging.root.manager.loggerDict.values())]
    for logger in loggers:
        if not isinstance(logger, logging.Logger):
            continue  # a placeholder of the logging module
        if logger is logging.root or not logger.propagate:
            logger.handlers = [capture]
        else:
            logger.handlers = []
