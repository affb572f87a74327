"""Command line: a thin layer that turns the pure core's results into output and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from generator.dates import latest_today
from generator.diagnostics import in_github_actions, report, summary, touching
from generator.model import Diagnostic
from generator.vocabulary import VocabularyError

# The hand-written introduction of the home page (excluded from the site as a page of its own).
HOME_INTRO = "includes/home-intro.md"


def _report(
    diagnostics: list[Diagnostic],
    articles: int,
    stream: TextIO,
    *,
    changed: list[str] | None = None,
    left_out_where: str = "",
    build: bool = False,
) -> int:
    """Print the diagnostics, sorted, and a summary line; return the number of errors.

    With `changed` (the files a pull request changes, or those a build read again), only errors and
    what concerns those files are listed; the other warnings are counted, with `left_out_where` saying
    which. A `build` annotates only errors in GitHub Actions: warnings are annotated by `check`, which
    CI runs first (twice, they showed twice on the diff).
    """
    shown, left_out = touching(diagnostics, changed) if changed is not None else (diagnostics, 0)
    for line in report(shown, github=in_github_actions(), github_warnings=not build):
        print(line, file=stream)
    if left_out:
        print(f"{left_out} more warning{'' if left_out == 1 else 's'} {left_out_where}", file=stream)
    print(summary(diagnostics, articles), file=stream)
    return sum(d.level == "error" for d in diagnostics)


def _changed_files(path: Path) -> list[str] | None:
    """The paths listed in `path`, one per line (as `git diff --name-only` prints them); None and a
    message when it cannot be read."""
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8"
        print(f"{path}: error: cannot read the list of changed files ({reason})", file=sys.stderr)
        return None


def _seed_cache(args: argparse.Namespace, *, build: bool):
    """The seed cache; only a build records which seed files it read (`--changed-only` lists the
    warnings about the files changed since the last build, whatever was checked in between)."""
    from generator.cache import SeedCache

    return SeedCache(None if args.no_cache else args.cache, records_files=build)


def cmd_check(args: argparse.Namespace) -> int:
    from generator.pipeline import collect

    changed = None
    if args.changed_files is not None:
        changed = _changed_files(args.changed_files)
        if changed is None:
            return 1
    articles, diagnostics = collect(args.seeds, today=latest_today(), cache=_seed_cache(args, build=False))
    where = "in files this change does not touch (python -m generator check without --changed-files lists them)"
    return 1 if _report(diagnostics, len(articles), sys.stdout, changed=changed, left_out_where=where) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator import progress
    from generator.pipeline import collect

    progress.start()
    cache = _seed_cache(args, build=True)
    articles, diagnostics = collect(args.seeds, today=latest_today(), cache=cache)
    changed = cache.changed_files() if args.changed_only else None
    if changed is not None:
        # A warning about a file in seeds/ that the cache does not follow (a stray `notes.md`) cannot be
        # told old from new: it was counted as "unchanged since the last build" when just added. Such
        # files are few: listed on every build.
        inside = os.path.join(str(args.seeds), "")
        stray = {d.path for d in diagnostics if d.path.startswith(inside) and not cache.follows(d.path)}
        changed += sorted(stray)
    where = "in seeds unchanged since the last build (python -m generator check lists them)"
    if _report(diagnostics, len(articles), sys.stderr, changed=changed, left_out_where=where, build=True):
        print("build aborted: nothing was written, the pages stay as they were; fix the errors above", file=sys.stderr)
        cache.forget_changes()
        _name_files_with_errors(diagnostics)
        return 1
    from generator.pagecache import PageCache
    from generator.render import render_site
    from generator.siteconfig import read_site_config
    from generator.staging import staging_folder
    from generator.write import write_generated

    intro_path = args.docs / HOME_INTRO
    intro = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else None
    config = read_site_config(args.docs.parent / "mkdocs.yml")
    pages = PageCache(None) if args.no_cache else PageCache.load(args.docs)
    # Pages are written to the staging folder as they are rendered rather than all held until written
    # (a third of the peak memory at 10,000 articles); the folder goes whatever happens.
    moving = False  # whether files may have been moved into docs/ when writing failed
    try:
        with staging_folder(args.docs) as stage:
            files = render_site(articles, intro, config, reuse=pages, stage=stage)
            moving = True
            changed = write_generated(args.docs, files)
    except OSError as err:  # a full disk, a read-only folder: the system's refusal, not a bug to report
        from generator.staging import cannot_write

        message = cannot_write(err, str(args.docs), what="the pages", option="--docs DIR", moved=moving)
        print(f"error: {message}", file=sys.stderr)
        return 1
    pages.save(files)
    print(f"built {len(articles)} article(s): {len(files)} generated file(s), {changed} changed, in {args.docs}")
    return 0


# Where `make serve`'s hooks want the files with errors of a build that stopped, one per line: its
# pages then say which files to fix (generator/mkdocs_hooks.py), besides the terminal.
ERRORS_FILE_VARIABLE = "DIGEST_ERRORS_FILE"


def _name_files_with_errors(diagnostics: list[Diagnostic]) -> None:
    target = os.environ.get(ERRORS_FILE_VARIABLE)
    if not target:
        return
    paths = sorted({d.path for d in diagnostics if d.level == "error"})
    with contextlib.suppress(OSError):
        Path(target).write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")


def cmd_new(args: argparse.Namespace) -> int:
    from generator.load import MAX_TEXT_BYTES, NAME_PATTERN, TEXT_SUFFIX, bad_name_message, read_text_file
    from generator.scaffold import annotation_template

    path: Path = args.file
    if path.suffix != TEXT_SUFFIX:
        print(f"{path}: error: expected the article's .txt file, like seeds/<name>.txt", file=sys.stderr)
        return 1
    if not NAME_PATTERN.fullmatch(path.name):  # `check` would reject the pair: say so before writing
        print(f"{path}: error: {bad_name_message(path.stem, TEXT_SUFFIX)}, then run new again", file=sys.stderr)
        return 1
    target = path.with_suffix(".yml")
    if target.exists() or target.is_symlink():
        print(f"{target}: error: an annotation already exists; edit it, or delete it to start again", file=sys.stderr)
        return 1
    in_seeds = Path("seeds") / path.name
    if not path.exists() and not path.is_symlink() and in_seeds.is_file():
        print(f"{path}: error: file not found; did you mean {in_seeds}?", file=sys.stderr)
        return 1
    text, problems = read_text_file(path, MAX_TEXT_BYTES, path.parent)
    if text is None:
        for line in report(problems):
            print(line, file=sys.stderr)
        return 1
    from generator.pipeline import extract_safely

    extracted, _ = extract_safely(str(path), text)
    content = annotation_template(str(path), extracted)
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(content)
    except FileExistsError:
        print(f"{target}: error: an annotation already exists; edit it, or delete it to start again", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{target}: error: cannot be written ({err.strerror})", file=sys.stderr)
        return 1
    print(f"wrote {target}: write the summary, review the extracted values, then run: python -m generator check")
    if path.resolve().parent != Path("seeds").resolve():
        print(f"note: {path} is not in seeds/, the only folder the build reads: move {path} and {target} there")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from generator.extract import extract

    path: Path = args.file
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        print(f"{path}: error: file not found", file=sys.stderr)
        return 1
    except IsADirectoryError:
        print(f"{path}: error: is a directory, expected a .txt file", file=sys.stderr)
        return 1
    except PermissionError:
        print(f"{path}: error: permission denied", file=sys.stderr)
        return 1
    except UnicodeDecodeError as err:
        print(f"{path}: error: not UTF-8 ({err.reason} at byte {err.start}); save it as UTF-8", file=sys.stderr)
        return 1
    result = extract(text)
    payload = {
        "title": result.title,
        "published": result.published.isoformat() if result.published else None,
        "dateline": result.dateline,
        "outlet": result.outlet,
        "original_source": result.original_source,
        "editor": result.editor,
        "countries": sorted(result.countries),
        "main_countries": list(result.main_countries),
        "people": list(result.people),
        "organisations": list(result.organisations),
        "topics": list(result.topics),
        "body": result.body,
        "removed": list(result.removed),
    }
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _cache_options(command: argparse.ArgumentParser) -> None:
    from generator.cache import DEFAULT_DIR

    command.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_DIR,
        metavar="DIR",
        help=f"keep extraction results here between runs, for faster rebuilds (default: {DEFAULT_DIR})",
    )
    command.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")


def _seeds_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of raw articles (default: seeds)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn raw news articles in seeds/ into the Markdown pages of the digest in docs/.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate seeds/ and print every problem; exit 1 on any error")
    _seeds_option(check)
    _cache_options(check)
    check.add_argument(
        "--changed-files",
        type=Path,
        metavar="FILE",
        help="FILE lists the files a pull request changes, one per line (git diff --name-only): list every "
        "error, but only the warnings about those files (CI uses it; the others are counted)",
    )
    check.set_defaults(func=cmd_check)

    new = commands.add_parser("new", help="write seeds/<name>.yml pre-filled from seeds/<name>.txt, for review")
    new.add_argument("file", type=Path, metavar="seeds/NAME.txt")
    new.set_defaults(func=cmd_new)

    build = commands.add_parser("build", help="validate seeds/ and write the generated pages into docs/")
    _seeds_option(build)
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder (default: docs)")
    _cache_options(build)
    build.add_argument(
        "--changed-only",
        action="store_true",
        help="list every error, but only the warnings about seeds new, changed or removed since the last build (the "
        "others are counted); make site and make serve use it",
    )
    build.set_defaults(func=cmd_build)

    extract = commands.add_parser("extract", help="print what is extracted from one raw text file, as JSON")
    extract.add_argument("file", type=Path, metavar="FILE.txt")
    extract.set_defaults(func=cmd_extract)
    return parser


@contextlib.contextmanager
def _cyclic_gc_paused():
    """A build holds hundreds of thousands of objects (10,000 articles) and frees what it drops by
    reference counting; the cyclic collector only scanned the live ones again and again: a quarter of
    a rebuild's time at 10,000 articles. Restored afterwards (tests run builds in-process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with _cyclic_gc_paused():
            return args.func(args)
    except VocabularyError as err:  # topics.yml, which contributors edit: its problems, as a seed's are
        for line in report(err.diagnostics, github=in_github_actions()):
            print(line, file=sys.stderr)
        _name_files_with_errors(err.diagnostics)
        from generator.markdown import plural

        errors = len(err.diagnostics)
        print(
            f"{plural(errors, 'error')} in the topic vocabulary: fix {'it' if errors == 1 else 'them'} first "
            "(annotations are checked against it); nothing was written",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:  # Ctrl-C (also when it stops `make serve`, whose builds run this): no traceback
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as err:  # last resort: a one-line message instead of a traceback
        if isinstance(err, ModuleNotFoundError) and (err.name or "").partition(".")[0] != "generator":
            # Run with a Python that lacks requirements.txt: not .venv's.
            print(
                f"error: {err}: the generator's libraries are not installed in this Python ({sys.executable}); "
                "run `make site` once to create .venv, then use .venv/bin/python -m generator "
                "(or activate it: . .venv/bin/activate)",
                file=sys.stderr,
            )
        else:
            print(f"error: internal error ({type(err).__name__}: {err}); please report it", file=sys.stderr)
        return 1
