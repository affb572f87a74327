"""Command line: a thin layer that turns the pure core's results into output and exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.model import Diagnostic

# The hand-written introduction of the home page (excluded from the site as a page of its own).
HOME_INTRO = "includes/home-intro.md"


def _print_diagnostics(diagnostics: list[Diagnostic]) -> int:
    """Print every diagnostic and a summary line; return the number of errors."""
    for diagnostic in sorted(diagnostics):
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(d.level == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return errors


def cmd_build(args: argparse.Namespace) -> int:
    from generator import progress
    from generator.pipeline import collect
    from generator.render import render_site
    from generator.write import write_generated

    progress.start()
    articles, diagnostics = collect(args.seeds)
    if _print_diagnostics(diagnostics):
        print("build aborted: nothing was written; fix the errors above and run again", file=sys.stderr)
        return 1
    intro_path = args.docs / HOME_INTRO
    intro = intro_path.read_text(encoding="utf-8") if intro_path.is_file() else None
    files = render_site(articles, intro)
    changed = write_generated(args.docs, files)
    print(f"built {len(articles)} article(s): {len(files)} generated file(s), {changed} changed, in {args.docs}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn raw news articles in seeds/ into the Markdown pages of the digest in docs/.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="validate seeds/ and write the generated pages into docs/")
    build.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of raw articles (default: seeds)")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder (default: docs)")
    build.set_defaults(func=cmd_build)

    extract = commands.add_parser("extract", help="print what is extracted from one raw text file, as JSON")
    extract.add_argument("file", type=Path, metavar="FILE.txt")
    extract.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
