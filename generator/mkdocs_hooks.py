"""MkDocs hooks: edit buttons that open annotations, regeneration under `make serve`, what search
indexes, the site build's cost on generated pages, and pages written in several processes.

On generated pages, the generator's raw HTML blocks are kept away from Python-Markdown's parsers
(generator/htmlstash.py), and a page's Markdown and content are dropped or held compressed once they
have been used (MkDocs keeps every page's until the end). This assumes that nothing but
Python-Markdown reads a generated page's Markdown between `on_page_markdown` and `on_page_content`,
and that nothing reads a page's content after it is written: true of the search and tags plugins and
these hooks; a Markdown preprocessor extension or a plugin that reads other pages' content (a blog
plugin) would need this revisited.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Mapping
from html import escape
from pathlib import Path
from urllib.parse import quote

from mkdocs.plugins import event_priority

# MkDocs loads this file by its path. Run as `python -m mkdocs` from the repository, the generator
# package is importable; run as the `mkdocs` command, only the command's own folder is on sys.path.
_REPOSITORY = str(Path(__file__).resolve().parent.parent)
if _REPOSITORY not in sys.path:
    sys.path.insert(0, _REPOSITORY)

from generator import (  # noqa: E402  (needs the path above)
    htmlstash,
    page_conversion,
    page_workers,
    parallel,
    site_publish,
    staging,
    template_cache,
)
from generator.collection import COUNTRIES_INDEX, TIMELINE_PAGE, TOPICS_INDEX  # noqa: E402
from generator.country_names import city_in_english  # noqa: E402
from generator.htmltext import PANEL_ID, PANEL_START, PANEL_TITLE, RAW_TEXT_KEPT, RELATED_START  # noqa: E402
from generator.markdown import article_date, md_text, plural  # noqa: E402

# Search indexes every article's full text up to `extra.full_text_search_limit` articles. Above it,
# the browser would download and index megabytes before the first result (docs/performance.md), so
# Material's index (what its page script downloads, and what a result shows first) holds an article's
# titles (English and original), its English summary and the people and organisations it names (its
# countries and topics stay in it as Material tags), and skips the pages that only list articles
# (timeline, each country and topic); the words of the texts and notes go into the digest worker's
# term index only (`on_post_build`).
_LISTING_PAGE = re.compile(r"(timeline|timeline/[^/]+|(countries|topics)/(?!index\.md$)[^/]+(/[^/]+)?)\.md$")
# Above the limit, pages also point Material at the digest's own search worker, which answers from a
# term index written with the site instead of building a lunr index in the browser first: 1.5-2.5 s
# at 10,000 articles whatever the index holds (docs/performance.md). Material 9.8.1 has no setting
# for a prebuilt index nor for the worker's URL, which its template writes into each page's
# `__config`; this replaces that one URL (generator/search_index.py, generator/data/search_worker.js).
_MATERIAL_WORKER = re.compile(r'("search": ")([^"]*)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_WORKER_SOURCE = Path(__file__).parent / "data" / "search_worker.js"
SEARCH_WORKER = "search/digest_worker.js"
SEARCH_TERMS = "search/digest_index.json"
log = logging.getLogger("mkdocs.hooks.digest")
_worker_missing: list[str] = []
# Page path → (what the search plugin was shown, the page's real content as zlib-compressed UTF-8).
# MkDocs renders every page before it writes any, so the real content of every page waits here. As
# text it took about 45 KB an article (a flag emoji makes Python store a string at four bytes a
# character), compressed under 4 KB: 0.4 GB less at 10,000 articles.
_shown_to_search: dict[str, tuple[str, bytes]] = {}
# Page path → the raw HTML blocks taken out of its Markdown, from `on_page_markdown` to `on_page_content`.
_stashed: dict[str, htmlstash.Stash] = {}
# The same for the other generated pages (the index pages, and every page up to the search limit):
# their content, compressed, from `on_page_content` until `on_page_context`. At 10,000 articles the
# index pages' content was about 100 MB as text.
_held: dict[str, bytes] = {}
_generated_pages: set[str] = set()
_article_count = 0
# `mkdocs build` converts pages (generator/page_conversion.py) and writes them (generator/page_workers.py)
# in several processes, and so does the first build of `mkdocs serve` (see `_splits`).
_started_as: tuple[str, bool] | None = None  # the command and its --dirty, from `on_startup`
_may_split = False
_nav = None
_conversion: page_conversion.Conversion | None = None
_split: page_workers.Split | None = None


# `mkdocs build` writes into a staging folder inside the site folder, published file by file once the
# build has succeeded (generator/site_publish.py): (the staging folder, the site folder), and whether
# the build got as far as `on_post_build` without an error.
_publishing: tuple[str, str] | None = None
_built = False


def on_startup(command, dirty):
    global _started_as
    _started_as = (command, dirty)


def _stage_site(config) -> None:
    """Under `mkdocs build` (not `--dirty`, whose point is to keep the folder, nor `gh-deploy` or
    `serve`, which read the site folder themselves), build into a staging folder (`site_publish`)."""
    global _publishing, _built
    _built = False
    if _started_as != ("build", False):
        return
    site_dir = config["site_dir"]
    try:
        staging = site_publish.new_site_staging(site_dir)
    except OSError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(_cannot_write(error, site_dir)) from None
    _publishing = (staging, site_dir)
    config["site_dir"] = staging


def _in_site(error: OSError, publishing: tuple[str, str]) -> bool:
    """Whether `error` is about a file of the site being written (its staging folder or the site folder
    itself), not one read from docs/ (a broken link there is MkDocs' to report, as before). An error
    that names no file is taken for a write's."""
    site = os.path.join(os.path.abspath(publishing[1]), "")
    named = [name for name in (error.filename2, error.filename) if isinstance(name, str | bytes)]
    # A write that fails names no file (ENOSPC from `write`): a read always does.
    return not named or any(os.path.join(os.path.abspath(os.fsdecode(n)), "").startswith(site) for n in named)


def _cannot_write(error: OSError, site_dir: str, *, moved: bool = False) -> str:
    return staging.cannot_write(error, site_dir, what="the site", option="--site-dir DIR", moved=moved)


def _abort_refused(error: OSError, site_dir: str, *, moved: bool = False):
    """End the build with one line on what the system refused (a full disk, say), not a traceback."""
    from mkdocs.exceptions import Abort

    log.error(_cannot_write(error, site_dir, moved=moved))
    what = "published" if moved else "written"
    return Abort(f"Aborted: the site could not be {what}.")


def on_shutdown():
    """Publish the staged site if the build succeeded; after a failure (`on_build_error`, which MkDocs
    also calls for `--strict`'s warnings, after `on_post_build`) or an interruption, drop it."""
    global _publishing
    if _publishing is None:
        return
    (staging, site_dir), _publishing = _publishing, None
    if not _built:
        site_publish.discard(staging)
        return
    try:
        done = site_publish.publish(staging, site_dir)
    except OSError as error:
        raise _abort_refused(error, site_dir, moved=True) from None
    log.info(
        "Site folder %s: %d files written, %d unchanged and left as they were, %d removed",
        site_dir,
        done.written,
        done.kept,
        done.removed,
    )


def _splits(command: str, dirty: bool, site_dir: str) -> bool:
    """Whether this build may convert and write pages in several processes: `mkdocs build` and
    `gh-deploy`, and the first build of `mkdocs serve`. Each later build of `serve` loads these hooks
    anew, without `on_startup`, and runs beside the server's threads, where forking could deadlock.
    A dirty build writes only the pages changed since the last one, so it is split only into an
    empty site folder, as `serve`'s first is (a new temporary folder): there every page is written."""
    if command not in ("build", "gh-deploy", "serve"):
        return False
    if not dirty:
        return True
    try:
        with os.scandir(site_dir) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True
    except OSError:
        return False


def on_config(config):
    """Generated pages link to each other inside raw HTML, with directory URLs (generator/htmltext.py);
    the stash's placeholders skip inline processing (generator/htmlstash.py)."""
    global _may_split
    _may_split = _started_as is not None and _splits(*_started_as, config["site_dir"])
    if not config.get("use_directory_urls", True):
        from mkdocs.exceptions import PluginError

        raise PluginError(
            "use_directory_urls: false is not supported: the generated pages link to each other with "
            "directory URLs (countries/iran/). Remove the setting from mkdocs.yml."
        )
    extensions = config["markdown_extensions"]
    if not any(isinstance(extension, htmlstash.PlaceholderExtension) for extension in extensions):
        extensions.append(htmlstash.PlaceholderExtension())
    _stage_site(config)
    return config


def on_files(files, config):
    global _article_count
    _article_count = sum(1 for file in files if file.src_uri.startswith("articles/") and file.src_uri.endswith(".md"))
    return files


def full_text_search_limit(extra: object) -> int | None:
    """`extra.full_text_search_limit` of mkdocs.yml (`extra` as MkDocs loaded it: a UserDict): up to how
    many articles search indexes their full text; None, full text at any size, when it is not a number."""
    limit = extra.get("full_text_search_limit") if isinstance(extra, Mapping) else None
    return limit if isinstance(limit, int) else None


def compact_search(config) -> bool:
    limit = full_text_search_limit(config.get("extra"))
    return limit is not None and _article_count > limit


def on_page_content(html, page, config, files):
    """Put the stashed raw HTML back, then, above the limit, show search only an article's titles, English
    summary and names.

    The search plugin reads `page.content` when the page is rendered; `on_post_page` puts the real
    content back into the written page. (Material's `data-search-exclude` would still have the
    plugin parse the whole page, which was most of its cost.) Other generated pages wait compressed.
    """
    html = _restore_raw_html(html, page)
    shown = _compact_search_content(html, page, config)
    if shown is None:
        shown = _full_search_content(html, page)
    if shown is not None:
        return shown
    if page.file.src_uri in _generated_pages:
        # Held compressed until the page is written: `on_page_context` puts it back.
        _held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""
    return html


def _where_from(article: dict) -> str:
    """The box's date (as it shows it), dateline (as written and in English), outlet, original source
    and editor, for search: "Tehran", "Anadolu" or "Daily Sabah" found none of the articles whose box
    shows them, and "21 January 2025" ranked the article of that day below 13 index pages.

    Not the date note: it reasons about what dated the report (a teaser about Hamas, a visit reported
    elsewhere), so its words made the article a result for what it is not about, and, in the shortest
    section of the page, its first result ("Baqeri" showed the date's reasoning above the summary)."""
    values = [_shown_date(article.get("published"), article.get("date_estimated") is True)]
    dateline = article.get("dateline")
    if dateline:
        # As the box shows it, and as the text writes it, for search: "Tehran (Teheran)".
        english, written = city_in_english(str(dateline)), str(dateline)
        values.append(english if english == written else f"{english} ({written})")
    values += [str(article[key]) for key in ("outlet", "original_source", "editor") if article.get(key)]
    unique = list(dict.fromkeys(value for value in values if value))
    return f"<p>{escape(' · '.join(unique))}</p>" if unique else ""


def _shown_date(published: object, estimated: bool) -> str:
    """`2025-01-21` (as the front matter has it) as the box shows it, `21 January 2025` (`about 21
    January 2025` when estimated: a search result's line reads as the page does); "" if none."""
    try:
        return article_date(dt.date.fromisoformat(str(published)), estimated) if published else ""
    except ValueError:
        return ""


def _compact_search_content(html: str, page, config) -> str | None:
    article = (page.meta or {}).get("article")
    if not compact_search(config) or not isinstance(article, dict):
        return None
    end = html.find(PANEL_START)
    if end < 0:
        return None
    # The English summary too: with the digest's worker the browser builds no index, so its words cost
    # only their share of the files (docs/performance.md), and they are what an English reader types.
    summary = article.get("summary")
    names = [str(name) for key in ("people", "organisations") for name in article.get(key) or ()]
    shown = (
        html[:end]
        + (f"<p>{escape(str(summary))}</p>" if summary else "")
        + (f"<p>{escape('; '.join(names))}</p>" if names else "")
        + _where_from(article)
    )
    return _shown_to_search_instead(html, shown, page)


def _full_search_content(html: str, page) -> str | None:
    """Up to the limit, an article page as search is shown it: all of it but the box of metadata, the
    related coverage and the source. The box was the excerpt of the page's first result (date note,
    outlet, links), and the related coverage, which repeats other articles' titles and what they share,
    had searching "CSTO" find every article whose related coverage lists the one about the CSTO. The
    names of the box are in the text, its countries and topics in the page's tags, its places and
    sources in a line after the text (`_where_from`)."""
    if not isinstance((page.meta or {}).get("article"), dict):
        return None
    start = html.find(PANEL_START)
    end = html.find("</div>", start) if start >= 0 else -1
    if end < 0:
        return None
    cut = html.find(RELATED_START, end)
    # The box's date, places and sources stay searchable, after the text, in a section named as the box
    # (whose id it links to): not the excerpt of the first result, nor shown as if from the article text,
    # where the reader following the result would not find "Tehran".
    where = _where_from(page.meta["article"])
    where = f'<h2 id="{PANEL_ID}">{PANEL_TITLE}</h2>{where}' if where else ""
    text = html[end + len("</div>") : cut if cut >= 0 else len(html)]
    return _shown_to_search_instead(html, html[:start] + text + where, page)


def _shown_to_search_instead(html: str, shown: str, page) -> str:
    """`shown` (marked as such) for search to index instead of the page's `html`, which `on_post_page`
    puts back in its place before the page is written."""
    shown += "<!-- digest: search -->"
    _shown_to_search[page.file.src_uri] = (shown, zlib.compress(html.encode("utf-8"), 1))
    return shown


@event_priority(100)  # first: the search plugin and the template read `page.content`
def on_page_context(context, page, config, nav):
    page_workers.template_chosen(page)
    held = _held.pop(page.file.src_uri, None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8")
    _mark_tab(page, nav)
    return context


# Material highlights the tab of the page shown only for pages listed in the nav, which holds index
# pages only (mkdocs.yml): on an article, country, topic or year page no tab was highlighted. Such a
# page is shown under the tab of the nav page it belongs to, the way Material's blog shows its posts
# under the blog's tab. By folder (the first part of the path), then by page.
_TAB_OF_FOLDER = {
    "articles": TIMELINE_PAGE,
    "timeline": TIMELINE_PAGE,
    "countries": COUNTRIES_INDEX,
    "topics": TOPICS_INDEX,
}
_TAB_OF_PAGE = {"performance.md": "about.md"}  # linked from About, not listed
_marked: dict[str, object] = {}  # page path → the nav page marked active while that page is rendered


def _mark_tab(page, nav) -> None:
    """Mark the nav page that `page` (outside the nav) belongs under as active, for its template:
    Material then highlights its tab (and section). Undone by `_unmark_tab` once the page is rendered,
    since every page shares the nav."""
    if nav is None or page.parent is not None or page in nav.pages:
        return
    path = page.file.src_uri
    target = _TAB_OF_PAGE.get(path) or _TAB_OF_FOLDER.get(path.split("/", 1)[0] if "/" in path else "")
    owner = next((item for item in nav.pages if item.file.src_uri == target), None)
    if owner is not None:
        owner.active = True  # MkDocs' setter marks its section active too
        _marked[path] = owner


def _unmark_tab(page) -> None:
    owner = _marked.pop(page.file.src_uri, None)
    if owner is not None:
        owner.active = False


def _restore_raw_html(html: str, page) -> str:
    """The page as Python-Markdown would have made it from the unstashed Markdown (generator/htmlstash.py)."""
    found = _stashed.pop(page.file.src_uri, None)
    if found is None:
        return html
    try:
        html = htmlstash.restore(html, found)
    except ValueError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{page.file.src_uri}: {error} (an extension or plugin changed it)") from error
    # MkDocs collected the page's anchors from its Markdown, where the stashed blocks were placeholders.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= htmlstash.anchor_ids(found)
    # Rendered: MkDocs needs the page's Markdown no longer (its title comes from the front matter or the
    # rendered heading), and keeping it for every page until the site is written was a third of the memory.
    page.markdown = ""
    return html


def on_post_page(output, page, config):
    _unmark_tab(page)
    shown, real = _shown_to_search.pop(page.file.src_uri, (None, None))
    if shown is not None:
        output = output.replace(shown, zlib.decompress(real).decode("utf-8"), 1)
    if page.file.src_uri in _generated_pages:
        # Written: nothing after this reads the content (search has indexed it, the sitemap was written
        # first), and MkDocs would keep every page's until the end (the index pages' 100 MB at 10,000).
        page.content = ""
    if _split is not None and _split.written_elsewhere(page):
        return output  # empty: a worker process wrote this page
    return _use_digest_worker(output, page.file.src_uri, config)


def on_post_template(output_content, template_name, config):
    """The 404 page and other theme pages search like the rest of the site."""
    if not template_name.endswith(".html"):
        return output_content
    return _use_digest_worker(output_content, template_name, config)


def _use_digest_worker(output: str, name: str, config) -> str:
    if not compact_search(config):
        return output
    output, found = _MATERIAL_WORKER.subn(rf'\g<1>\g<2>{SEARCH_WORKER}"', output, count=1)
    if not found:
        _worker_missing.append(name)
    return output


@event_priority(-100)  # after the search plugin has written search_index.json
def on_post_build(config):
    """Wait for the processes that wrote pages; above the search limit, write the digest's search
    worker and its term index beside Material's index."""
    _post_build(config)
    global _built
    _built = True


def _post_build(config) -> None:
    global _split
    if _split is not None:
        split, _split = _split, None
        problems = page_workers.finish(split)
        if split.refused is not None and _publishing is not None and _in_site(split.refused, _publishing):
            # A full disk, say, refused a page to a worker: said as it is when the main process meets it.
            raise _abort_refused(split.refused, _publishing[1])
        if problems:
            from mkdocs.exceptions import PluginError

            raise PluginError("; ".join(problems) + f". {page_workers.WORKERS_VARIABLE}=1 builds in one process.")
        log.info(
            "%d pages written here and %d by %s (%s=1 writes them all here)",
            len(split.pages) - len(split.elsewhere),
            len(split.elsewhere),
            _more_processes(split.processes),
            page_workers.WORKERS_VARIABLE,
        )
    _report_missing_worker_urls(config)
    if not compact_search(config):
        return
    from generator.search_index import build

    site = Path(config["site_dir"])
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    terms = json.dumps(
        build(material, _article_text_postings(config, material)), ensure_ascii=False, separators=(",", ":")
    )
    (site / SEARCH_TERMS).write_text(terms, encoding="utf-8")
    (site / SEARCH_WORKER).write_text(_WORKER_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")


def _article_text_postings(config, material: dict) -> dict:
    """Where each word of the articles' texts and notes occurs, which the pages showed the search plugin
    without (`_compact_search_content`): read from the generator's open data, which holds them all."""
    from generator.opendata import JSON_FILE, article_lines
    from generator.search_index import page_numbers, text_postings

    path = Path(config["docs_dir"]) / JSON_FILE
    try:
        content = path.read_bytes()
    except OSError as err:
        log.warning("Article texts are not searchable: %s cannot be read (%s); run the generator", path, err.strerror)
        return {}
    separator = re.compile(material["config"]["separator"])
    numbers = page_numbers(material["docs"])
    # `serve`'s later builds load these hooks anew without `on_startup`: the terms are kept between them.
    serving = _started_as is None or _started_as[0] == "serve"
    return text_postings(article_lines(content), numbers, separator, remember=serving)


def _more_processes(processes: int) -> str:
    """The processes besides the main one, for the build log: "1 more process", "2 more processes"."""
    others = processes - 1
    return f"{others} more process" + ("" if others == 1 else "es")


def _report_missing_worker_urls(config) -> None:
    missing, _worker_missing[:] = list(_worker_missing), []
    if missing and compact_search(config):
        # Material's template changed: those pages still search, through Material's slower worker.
        log.warning("Material's search worker URL not found in %d pages (first: %s)", len(missing), missing[0])


@event_priority(-100)  # last: the workers see what every other `on_nav` made
def on_nav(nav, config, files):
    """MkDocs reads the pages next: start the processes that convert pages beside this one (see `_splits`)."""
    global _nav, _conversion
    _nav = nav
    _conversion = None
    if not _may_split or not parallel.can_fork():
        return nav
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # as MkDocs' build reads them
    processes = _process_count(len(doc_files))
    if processes > 1:

        def convert(position: int) -> page_conversion.Converted:
            file = doc_files[position]
            try:
                return page_conversion.convert_page(file, config, files)
            finally:
                _stashed.pop(file.src_uri, None)  # `on_page_content` would take it: it does not run here

        try:
            _conversion = page_conversion.start([file.src_uri for file in doc_files], processes, convert)
        except OSError as error:  # no room for the workers' results: the pages are converted here
            log.info("pages are converted in one process: %s", error)
    return nav


def _process_count(pages: int) -> int:
    try:
        return page_workers.process_count(pages)
    except page_workers.SettingError as error:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(error)) from error


@event_priority(-100)  # last: the workers start from what every other `on_env` did
def on_env(env, config, files):
    """Every page is read: wait for the processes that converted pages, give Jinja the template cache,
    and start the processes that write pages beside this one (see `_splits`)."""
    global _split, _conversion
    _split = None
    template_cache.attach(env, config.config_file_path)  # before any template is loaded
    if _conversion is not None:
        conversion, _conversion = _conversion, None
        page_conversion.finish(conversion)
        log.info(
            "%d pages converted here and %d by %s",
            conversion.here,
            conversion.elsewhere,
            _more_processes(conversion.processes),
        )
    if not _may_split or not parallel.can_fork():
        return env
    try:
        from mkdocs.commands.build import _build_page
    except ImportError:  # not in MkDocs 1.6: a one-process build
        return env
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for file in doc_files if file.page is not None and "template" not in file.page.meta]
    processes = _process_count(len(pages))
    if processes > 1 and pages:
        if _started_as is not None and _started_as[1]:
            # A dirty build into an empty folder (`_splits`): every page is new. MkDocs asks each page
            # whether its file is newer than the one written, and runs its events only if so; once a
            # worker has written a page, the answer would be no, and the search and tags plugins would
            # miss it. The answer is the same for every page of this build: fixed before anything is written.
            for page in pages:
                page.file.is_modified = _modified
        _split = page_workers.share(env, pages, processes)
        page_workers.start_workers(
            _split,
            lambda page: _build_page(page, config, doc_files, _nav, env),
            strict=bool(config.get("strict")),
            before_exit=lambda: _report_missing_worker_urls(config),
        )
    return env


def _modified() -> bool:
    return True


def on_build_error(error):
    global _split, _conversion, _built
    _built = False
    if _conversion is not None:
        page_conversion.stop(_conversion)
        _conversion = None
    if _split is not None:
        page_workers.stop(_split)
        _split = None
    if isinstance(error, OSError) and _publishing is not None and _in_site(error, _publishing):
        # Writing the staged site failed (a full disk, say): one message rather than MkDocs' traceback
        # (MkDocs raises the error again after this event, unless the event raises one of its own).
        # The staged files are discarded at `on_shutdown`; the site folder was not touched.
        raise _abort_refused(error, _publishing[1]) from None


@event_priority(-100)  # last: the page MkDocs reads next
def on_pre_page(page, config, files):
    if _conversion is not None:
        _conversion.route(page)  # read and converted here, or by a worker
    return page


@event_priority(-100)  # last: the stash must see the Markdown Python-Markdown will be given
def on_page_markdown(markdown, page, config, files):
    if compact_search(config) and _LISTING_PAGE.match(page.file.src_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    from generator.write import GENERATED_DIRS, GENERATED_FILES  # here: importing it with the hooks costs 30 ms

    article = (page.meta or {}).get("article")
    repo_url = config.get("repo_url")
    src_uri = page.file.src_uri
    generated = src_uri in GENERATED_FILES or src_uri.split("/", 1)[0] in GENERATED_DIRS
    if generated:
        if "material/tags" not in markdown:  # the tags plugin fills its listings in before pages are written
            _generated_pages.add(src_uri)
        markdown = _stash_raw_html(markdown, src_uri)
    if not isinstance(article, dict):
        if generated:
            page.edit_url = None  # generated from seeds/: there is no file to edit
        return markdown
    if not repo_url:
        return markdown
    source = str(article.get("source") or "")
    stem = source.removeprefix("seeds/").removesuffix(".txt")
    base = repo_url.rstrip("/")
    if article.get("annotation"):
        page.edit_url = f"{base}/edit/main/seeds/{quote(stem)}.yml"
    else:
        page.edit_url = f"{base}/new/main/seeds?filename={quote(stem)}.yml"
    # The raw text's name, linked to the file in the repository: a reader can check the page against it.
    named = f"{RAW_TEXT_KEPT}{md_text(source)}."
    return markdown.replace(named, f"{RAW_TEXT_KEPT}[{md_text(source)}]({base}/blob/main/{quote(source)}).", 1)


def _stash_raw_html(markdown: str, src_uri: str) -> str:
    """Only generated pages: their raw HTML is the generator's, written to pass through unchanged."""
    markdown, _stashed[src_uri] = htmlstash.stash(markdown)
    return markdown


def on_pre_build(config):
    """Under `make serve` (DIGEST_REGENERATE=1), regenerate docs/ from seeds/ before every rebuild.

    Only files whose content changed are written, so the rebuild this triggers writes nothing and
    the live-reload loop settles. Problems are printed (every error, the warnings of the seeds just
    edited: a large digest's other warnings would bury them at every save), and the last good pages
    stay in place.
    """
    if os.environ.get("DIGEST_REGENERATE") != "1":
        return
    import subprocess

    docs = Path(config["docs_dir"])
    seeds = Path(os.environ.get("DIGEST_SEEDS", docs.parent / "seeds"))
    # In a process of its own, not in this one: `make serve` watches generator/, and this process would
    # keep running the code and data files it imported first (a topic added to generator/data/ would
    # stay unknown until a restart). A process of its own may also fork to extract many changed seeds
    # (the server's threads keep this one from forking), and frees its memory when it ends. Exit code
    # 1 (errors) leaves the last good pages in place, which are served; the errors are on the terminal.
    path = os.pathsep.join(filter(None, (_REPOSITORY, os.environ.get("PYTHONPATH"))))
    command = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs), "--changed-only"]
    global _generation_failed, _files_with_errors
    import tempfile

    from generator.cli import ERRORS_FILE_VARIABLE

    with tempfile.TemporaryDirectory(prefix="digest-serve-") as folder:
        named = os.path.join(folder, "errors.txt")
        env = {**os.environ, "PYTHONPATH": path, ERRORS_FILE_VARIABLE: named}
        _generation_failed = subprocess.run(command, env=env, check=False).returncode != 0
        try:
            with open(named, encoding="utf-8") as listed:
                _files_with_errors = [line.rstrip("\n") for line in listed if line.strip()]
        except OSError:  # none written: it built, or it stopped before it could say
            _files_with_errors = []


# Under `make serve`: whether the last generation stopped on errors. The browser then still shows the
# last good pages, and an edit seemed ignored; every page served says so until a generation succeeds.
_generation_failed = False
_files_with_errors: list[str] = []  # the files the terminal lists errors in, for the bar to name
_NAMED_AT_MOST = 5


def failed_banner(files: list[str]) -> bytes:
    """The bar at the top of every page served while the last generation has failed."""
    where = ""
    if files:
        named = ", ".join(f"<code>{escape(path)}</code>" for path in files[:_NAMED_AT_MOST])
        more = len(files) - _NAMED_AT_MOST
        where = f" (errors in {named}{' and ' + plural(more, 'more file') if more > 0 else ''})"
    return (
        '<aside class="md-banner md-banner--warning digest-generation-failed" role="alert">'
        '<div class="md-banner__inner md-grid md-typeset">The last change did not build'
        f"{where}: the terminal running <code>make serve</code> lists the errors. The pages shown are the last "
        "good ones.</div></aside>"
    ).encode()


def _with_failure_banner(inject):
    """MkDocs' live-reload server's `_inject_js_into_html`, adding `failed_banner` at the top of the
    page while the last generation has failed (the page is served as it was last built: the banner is
    added on the way out, not written into `site/`), naming the files with errors."""

    def inject_and_warn(content: bytes, epoch):
        content = inject(content, epoch)
        if _generation_failed:
            at = content.find(b'<header class="md-header')
            if at != -1:
                content = content[:at] + failed_banner(_files_with_errors) + content[at:]
        return content

    return inject_and_warn


def on_serve(server, config, builder):
    """Under `make serve`, watch the hand-written part of docs/ only, with the kernel's notifications
    where there are some (generator/serve_watch.py). The generated part is written by the generator,
    at the start of a build: watching it started a second build after each one, and MkDocs' polling
    watcher stats every file it watches twice a second (10,000 pages at 10,000 articles). A
    hand-written page added at the top of docs/ while serving is built with the next change. Pages are
    served with a bar saying so while the last generation failed (`_with_failure_banner`)."""
    if os.environ.get("DIGEST_REGENERATE") != "1":
        return server
    from generator import serve_watch

    # A private method of MkDocs 1.6's server (mkdocs is pinned below 2); without it, no banner.
    if callable(getattr(server, "_inject_js_into_html", None)):
        server._inject_js_into_html = _with_failure_banner(server._inject_js_into_html)

    docs = config["docs_dir"]
    try:
        server.unwatch(docs)
    except KeyError:  # not watched (another plugin's doing): leave the watching as it is
        return server
    # What MkDocs watched before this event: the config file, and the theme with --watch-theme.
    serve_watch.use_notifications(server, [p for p in (config.config_file_path, *config["theme"].dirs) if p])
    for path, folder in serve_watch.hand_written(docs):
        server.watch(path, recursive=folder)
    return server
