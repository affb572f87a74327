"""Read and convert a site build's pages from Markdown to HTML in several processes.

MkDocs reads and converts every page, one after another, before it writes any: 3.5-4 ms a page on
this machine, about 2 ms of it Python-Markdown's conversion (`Page.render`), 0.9 ms reading the
file and parsing its front matter (`Page.read_source`), the rest the plugin events around them
(docs/performance.md). generator/page_workers.py shares the writing of pages between processes;
this shares reading and converting them:

- At `on_nav`, the last event before MkDocs reads the pages, the build forks worker processes. A
  worker takes pages from the back of the list, reads and converts each as MkDocs does (the plugin
  events before the conversion included), and appends the results to a file of its own: the
  Markdown and front matter read, the HTML, the table of contents, the title found in it, the
  anchors it has, its links to other pages' anchors, and what was logged while converting it.
- The main process reads every page and runs every plugin event, as always, and converts the pages
  it takes from the front. For a page a worker took, it uses the worker's front matter when it read
  the very same source, and the worker's conversion when it converted the very Markdown the main
  process has after its own `on_page_markdown` events (digests of both). A result that is missing
  (the worker failed) or was made from anything else is redone here: a worker only saves time, it
  never decides what the site holds.
- What the worker's conversion logged is logged again by the main process at the page it belongs
  to, so the log and a strict build's count of warnings are those of a one-process build.

MkDocs 1.x has no hook to replace how a page is read or converted. The replacements are attributes
`read_source` and `render` on the page object itself, which Python finds before the class's
methods; each removes itself when called.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import struct
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mkdocs.utils.meta import get_data

from generator.parallel import Claims, die_with_parent, end_processes

# A result in a worker's file: the page's position and the length of what follows, then the result
# pickled. Pickle is safe here: the main process reads only files its own forked workers wrote.
_HEADER = struct.Struct("<qq")

log = logging.getLogger("mkdocs.hooks.digest")


@dataclass(frozen=True)
class Converted:
    """What a worker read and converted of a page, and what it logged while converting it."""

    # What `Page.read_source` sets, and the digest of the source it was read from. The Markdown is
    # nearly always the source after its front matter: then only where it starts is sent.
    source_digest: bytes
    markdown: str | int
    meta: bytes  # pickled as read: the plugins' events may change the page's
    # What `Page.render` sets, and the digest of the Markdown it converted (after the plugins'
    # `on_page_markdown`). The links to anchors are keyed by the linked page's source path.
    converted_digest: bytes
    content: str
    toc: object  # mkdocs.structure.toc.TableOfContents
    title: str | None  # `Page._title_from_render`
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _source(page, config) -> str:
    """A page's source, as `Page.read_source` gets it (raises what reading the file raises)."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    return page.file.content_string if source is None else source


@dataclass
class Conversion:
    """A build whose pages are converted by this process and by the processes in `workers`."""

    claims: Claims
    processes: int
    index: dict[str, int]  # a page's source path → its position in the order MkDocs reads pages
    workers: list[int] = field(default_factory=list)  # process ids, until waited for
    files: list[int] = field(default_factory=list)  # descriptors of the workers' results
    found: dict[int, tuple[int, int, int]] | None = None  # position → (descriptor, offset, length): once read
    _loaded: dict[int, Converted | None] = field(default_factory=dict)  # between `_read` and `_apply`
    here: int = 0  # pages this process converted
    elsewhere: int = 0  # pages whose worker's result was used
    in_worker: bool = False

    def route(self, page) -> None:
        """Called at `on_pre_page`, before MkDocs reads the page: a page a worker took is read and
        converted from the worker's results instead (`_read`, `_apply`)."""
        position = self.index.get(page.file.src_uri)
        if self.in_worker or position is None:
            return
        if self.claims.front(position):
            self.here += 1
            return
        page.read_source = lambda config: self._read(page, position, config)
        page.render = lambda config, files: self._apply(page, position, config, files)

    def _read(self, page, position: int, config) -> None:
        """`Page.read_source`, with the front matter the worker parsed when the source is the same
        (parsing it was a quarter of the time MkDocs spends on a page before writing it)."""
        del page.read_source  # the class's method again
        try:
            source = _source(page, config)
        except Exception:  # MkDocs reports it
            page.read_source(config)
            return
        result = self._result(position)
        if result is not None and result.source_digest == digest(source):
            markdown = result.markdown
            page.markdown = source[markdown:] if isinstance(markdown, int) else markdown
            page.meta = pickle.loads(result.meta)
        else:
            page.markdown, page.meta = get_data(source)

    def _apply(self, page, position: int, config, files) -> None:
        """`Page.render`, with the worker's results when it converted the same Markdown."""
        del page.render  # the class's method again
        result = self._result(position)
        self._loaded.pop(position, None)
        if result is not None and result.converted_digest == digest(page.markdown):
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
        """The worker's results for the page at `position` (None: there are none), read once."""
        if position in self._loaded:
            return self._loaded[position]
        if self.found is None:
            self._wait()
        assert self.found is not None
        where, result = self.found.get(position), None
        if where is not None:
            descriptor, offset, length = where
            try:
                result = pickle.loads(os.pread(descriptor, length, offset))
            except Exception:  # a result that cannot be read: the page is converted here
                result = None
        self._loaded[position] = result
        return result

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
    index = {path: position for position, path in enumerate(paths)}
    conversion = Conversion(claims=Claims(len(paths)), processes=processes, index=index)
    try:
        for _ in range(processes - 1):
            descriptor, name = tempfile.mkstemp(prefix="digest-converted-")
            os.unlink(name)  # the descriptor is all either process needs, and the file goes with it
            conversion.files.append(descriptor)
        for descriptor in conversion.files:
            sys.stdout.flush()
            sys.stderr.flush()
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:
                conversion.in_worker = True
                die_with_parent(parent)
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
    end_processes(conversion.workers)
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
        source = _source(page, config)
        page.markdown, page.meta = get_data(source)  # what `Page.read_source` does with it
        # Kept as read: the events below may change both.
        read, meta = page.markdown, pickle.dumps(page.meta, protocol=pickle.HIGHEST_PROTOCOL)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        converted = digest(page.markdown)
        with _recorded() as records:
            page.render(config, files)
    finally:
        config._current_page = None
    links = page.links_to_anchors
    result = Converted(
        source_digest=digest(source),
        markdown=len(source) - len(read) if source.endswith(read) else read,
        meta=meta,
        converted_digest=converted,
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
