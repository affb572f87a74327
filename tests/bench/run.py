"""`make bench`: generator and full site build on synthetic corpora of N articles, beside Hugo and a copy.

For each N: write the corpus, run the generator (cold, then again with nothing changed, then after
changing one annotation), build the site with `mkdocs build --strict`, build the same generated
Markdown with Hugo, and copy it (the I/O floor). Prints a table and one JSON line per N.

    python -m tests.bench.run                 # N = 100, 1000, 10000
    python -m tests.bench.run 100 1000        # or N=100,1000 make bench
    python -m tests.bench.run 1000 --search   # also time search in headless Chromium

Times are wall-clock seconds on a shared machine: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator import page_workers
from generator.write import is_generated
from tests.bench.corpus import write_corpus
from tests.sitebuild import ROOT, copy_hand_written, project_config, write_config

DEFAULT_SIZES = (100, 1000, 10000)
TIME = "/usr/bin/time"

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Annotated News Digest"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "404", "robotstxt"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUT = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""


def run_timed(command: list[str], cwd: Path = ROOT) -> dict:
    """Run `command`; its wall time, CPU time and peak memory (via GNU time when present)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DIGEST_REGENERATE", None)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        prefix = [TIME, "-f", "%U %S %M", "-o", stats.name] if Path(TIME).exists() else []
        start = time.perf_counter()
        result = subprocess.run(prefix + command, cwd=cwd, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        measured = {"seconds": wall, "stdout": result.stdout, "stderr": result.stderr}
        fields = stats.read().split()
        if len(fields) >= 3:
            measured["cpu_seconds"] = float(fields[-3]) + float(fields[-2])
            measured["max_rss_mb"] = int(fields[-1]) / 1024
    return measured


def tree_bytes(root: Path, pattern: str = "*") -> int:
    return sum(path.stat().st_size for path in root.rglob(pattern) if path.is_file())


def write_project(work: Path, search_limit: int | None = None) -> tuple[Path, Path]:
    """docs/ with the hand-written pages and an mkdocs.yml pointing at it; returns both paths."""
    docs = work / "docs"
    copy_hand_written(docs)
    config = project_config(work, docs)
    if search_limit is not None:
        config.setdefault("extra", {})["full_text_search_limit"] = search_limit
    # The benchmark measures the digest, not hand-written pages that may not be copied here.
    config["nav"] = _existing(config.get("nav", []), docs)
    config_path = write_config(config, work)
    return docs, config_path


def _existing(nav: list, docs: Path) -> list:
    """`nav` without the hand-written pages missing from `docs`, and without the sections left empty.
    The generated pages it lists (home, timeline, country and topic indexes) stay: the generator
    writes them after this."""
    kept = []
    for item in nav:
        title, target = next(iter(item.items()))
        if isinstance(target, list):
            target = _existing(target, docs)
            if target:
                kept.append({title: target})
        elif is_generated(target) or (docs / target).exists():
            kept.append(item)
    return kept


def hugo_site(docs: Path, target: Path) -> None:
    """The generated Markdown as a Hugo site: same files, `index.md` as section pages, trivial layout."""
    content = target / "content"
    for path in docs.rglob("*.md"):
        relative = path.relative_to(docs)
        if relative.parts[0] == "includes":
            continue
        if relative.name == "index.md":
            relative = relative.with_name("_index.md")
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, content / relative)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = target / "layouts"
    layouts.mkdir()
    for name in ("single.html", "list.html", "home.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")


_EARLIER_MARKS = re.compile(r"( \([^()]*\))+$")


def change_one_annotation(seeds: Path, mark: str = "corrected") -> tuple[str, str]:
    """Correct the English title of an article, as a contributor would; returns its stem and new title.

    The title is shown on the article's page and wherever it is listed or linked as related.
    """
    for path in sorted(seeds.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("title_en"):
            # The marks of earlier calls go: repeated on one corpus, they would make the title longer
            # than an annotation may have it, and the build would stop at that error.
            data["title_en"] = _EARLIER_MARKS.sub("", data["title_en"]) + f" ({mark})"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
            return path.stem, data["title_en"]
    raise SystemExit("no annotated article to change")


def page_of(docs: Path, stem: str) -> str:
    """The generated page (docs-relative) of the article whose raw text is seeds/<stem>.txt."""
    needle = f"source: seeds/{stem}.txt\n"
    for path in sorted((docs / "articles").rglob("*.md")):
        if needle in path.read_text(encoding="utf-8"):
            return path.relative_to(docs).as_posix()
    raise SystemExit(f"no page for {stem}")


def generated_states(docs: Path) -> dict[str, int]:
    """Every file in `docs` but the page cache's manifest (`.generated-manifest.json`, a cache the
    build rewrites when it records files' states, not a page): path → modification time."""
    return {str(p): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file() and not p.name.startswith(".")}


def changed_files(before: dict[str, int], docs: Path) -> int:
    after = generated_states(docs)
    return sum(1 for path, mtime in after.items() if before.get(path) != mtime) + len(before.keys() - after.keys())


def bench_one(count: int, work: Path, search: bool, search_limit: int | None = None, serve: bool = False) -> dict:
    python = sys.executable
    seeds = work / "seeds"
    manifest = work / "manifest.json"
    write_corpus(count, seeds, manifest)
    docs, config_path = write_project(work, search_limit)
    row: dict = {"n": count}

    # As `make site` runs it; a cache of its own, so the cold run is cold even when an earlier bench
    # cached the same corpus.
    generate = [python, "-m", "generator", "build", "--changed-only", "--seeds", str(seeds), "--docs", str(docs)]
    generate += ["--cache", str(work / "cache")]
    cold = run_timed(generate)
    row["generator_s"] = cold["seconds"]
    row["generator_cpu_s"] = cold.get("cpu_seconds")
    row["generator_rss_mb"] = cold.get("max_rss_mb")
    row["articles_per_s"] = count / cold["seconds"]
    # Its pages are left until the bench ends (see `main`): removing 10,000 files here slowed the file
    # creation of the site build that follows.
    phases = run_timed([python, "-m", "tests.bench.phases", str(seeds), str(work / "docs-phases")])
    row.update(json.loads(phases["stdout"]))

    before = generated_states(docs)
    row["rebuild_unchanged_s"] = run_timed(generate)["seconds"]
    row["rebuild_unchanged_files"] = changed_files(before, docs)
    change_one_annotation(seeds)
    row["rebuild_one_change_s"] = run_timed(generate)["seconds"]
    row["rebuild_one_change_files"] = changed_files(before, docs)

    site = work / "site"
    built = run_timed([python, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config_path)])
    row["site_s"] = built["seconds"]
    row["site_cpu_s"] = built.get("cpu_seconds")
    row["site_rss_mb"] = built.get("max_rss_mb")  # the largest of the build's processes
    # How many processes wrote the pages, by the rule the build follows (generator/page_workers.py).
    row["site_processes"] = page_workers.process_count(sum(1 for _ in docs.rglob("*.md")))
    row["site_bytes"] = tree_bytes(site)
    row["article_page_bytes"] = tree_bytes(site / "articles", "*.html") // count
    row["search_index_bytes"] = (site / "search" / "search_index.json").stat().st_size
    terms = site / "search" / "digest_index.json"  # above the search limit: the digest worker's index
    row["search_terms_bytes"] = terms.stat().st_size if terms.exists() else None
    limit = yaml.safe_load(config_path.read_text(encoding="utf-8")).get("extra", {}).get("full_text_search_limit")
    row["search_full_text"] = limit is None or count <= limit
    row["largest_page_bytes"] = max(p.stat().st_size for p in site.rglob("*.html"))
    row["markdown_bytes"] = tree_bytes(docs, "*.md")

    hugo = shutil.which("hugo", path=str(Path(python).parent)) or shutil.which("hugo")
    if hugo:
        hugo_site(docs, work / "hugo")
        hugo_run = run_timed(
            [hugo, "--quiet", "--source", str(work / "hugo"), "--destination", str(work / "hugo-site")]
        )
        row["hugo_s"] = hugo_run["seconds"]
        row["hugo_bytes"] = tree_bytes(work / "hugo-site")
        row["site_over_hugo"] = row["site_s"] / row["hugo_s"]
        # What `make site` does on a fresh checkout: the cold generator, then the site build.
        row["make_site_over_hugo"] = (row["generator_s"] + row["site_s"]) / row["hugo_s"]

    start = time.perf_counter()
    shutil.copytree(docs, work / "copy")
    row["copy_s"] = time.perf_counter() - start

    # `make site` after one more change, as a contributor's next pull request: the site build moves
    # into site/ only the files whose bytes changed (generator/site_publish.py).
    before = generated_states(site)
    change_one_annotation(seeds, "corrected again")
    run_timed(generate)
    rebuilt = run_timed([python, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config_path)])
    row["site_rebuild_s"] = rebuilt["seconds"]
    row["site_one_change_files"] = changed_files(before, site)

    if search:
        try:
            from tests.bench.search import time_search
        except ImportError as err:  # Playwright is optional: the rest of the bench stands
            print(f"search not timed: {err}", file=sys.stderr)
        else:
            row.update(time_search(site, json.loads(manifest.read_text(encoding="utf-8")), docs))
    if serve:
        from generator.htmltext import page_url
        from tests.bench.serve import time_serve

        stem, _ = change_one_annotation(seeds, "served")  # only to find the article that changes
        url = page_url(page_of(docs, stem))
        row.update(time_serve(config_path, seeds, url, lambda: change_one_annotation(seeds, "served again")[1]))
    return row


COLUMNS = [
    ("N", "n", "{:d}"),
    ("gen s", "generator_s", "{:.2f}"),
    ("art/s", "articles_per_s", "{:.0f}"),
    ("collect s", "collect_s", "{:.2f}"),
    ("render s", "render_s", "{:.2f}"),
    ("write s", "write_s", "{:.2f}"),
    ("unchanged s", "rebuild_unchanged_s", "{:.2f}"),
    ("rebuild s", "rebuild_one_change_s", "{:.2f}"),
    ("rewritten", "rebuild_one_change_files", "{:d}"),
    ("site s", "site_s", "{:.1f}"),
    ("site RSS MB", "site_rss_mb", "{:.0f}"),
    ("site rebuild s", "site_rebuild_s", "{:.1f}"),
    ("site rewritten", "site_one_change_files", "{:d}"),
    ("site MB", "site_bytes", "{:.1f}"),
    ("B/article page", "article_page_bytes", "{:d}"),
    ("search idx MB", "search_index_bytes", "{:.2f}"),
    ("hugo s", "hugo_s", "{:.2f}"),
    ("site/hugo", "site_over_hugo", "{:.1f}"),
    ("gen+site/hugo", "make_site_over_hugo", "{:.1f}"),
    ("copy s", "copy_s", "{:.3f}"),
]
MEGABYTES = {"site_bytes", "search_index_bytes", "search_terms_bytes"}


def table(rows: list[dict]) -> str:
    header = "| " + " | ".join(title for title, _, _ in COLUMNS) + " |"
    lines = [header, "|" + "---:|" * len(COLUMNS)]
    for row in rows:
        cells = []
        for _, key, fmt in COLUMNS:
            value = row.get(key)
            if value is None:
                cells.append("—")
                continue
            cells.append(fmt.format(value / 1e6 if key in MEGABYTES else value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


SEARCH_COLUMNS = [
    ("N", "n", "{:d}"),
    ("full text", "search_full_text", "{}"),
    ("search idx MB", "search_index_bytes", "{:.2f}"),
    ("terms idx MB", "search_terms_bytes", "{:.2f}"),
    ("first result s (cold)", "search_first_result_s", "{:.2f}"),
    ("next query s", "search_warm_s", "{:.2f}"),
    ("word deep in text found", "search_body_only_word_found", "{}"),
    ("its passage shown s", "search_passage_shown_s", "{:.2f}"),
]


# Timings that are missing because what was waited for never came.
NO_RESULT = {"search_first_result_s", "search_warm_s", "search_passage_shown_s", "serve_change_shown_s"}

SERVE_COLUMNS = [
    ("N", "n", "{:d}"),
    ("first build s", "serve_first_build_s", "{:.1f}"),
    ("page request s", "serve_request_s", "{:.3f}"),
    ("idle CPU %", "serve_idle_percent", "{:.0f}"),
    ("one change shown after s", "serve_change_shown_s", "{:.1f}"),
    ("page request after it s", "serve_request_after_change_s", "{:.3f}"),
]


def search_table(rows: list[dict], columns=SEARCH_COLUMNS) -> str:
    lines = ["| " + " | ".join(t for t, _, _ in columns) + " |", "|" + "---:|" * len(columns)]
    for row in rows:
        cells = []
        for _, key, fmt in columns:
            value = row.get(key)
            if value is None:
                cells.append("no result" if key in NO_RESULT else "—")
            else:
                cells.append(
                    ("yes" if value else "no")
                    if isinstance(value, bool)
                    else fmt.format(value / 1e6 if key in MEGABYTES else value)
                )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="corpus sizes (default: N env var or 100 1000 10000)")
    parser.add_argument("--search", action="store_true", help="also time search in headless Chromium")
    parser.add_argument("--serve", action="store_true", help="also time `mkdocs serve` after one change")
    parser.add_argument("--full-text-search-limit", type=int, help="override mkdocs.yml's extra.full_text_search_limit")
    parser.add_argument("--keep", type=Path, help="keep corpora and sites under this folder")
    args = parser.parse_args(argv)
    sizes = args.sizes or [int(n) for n in os.environ.get("N", "").replace(",", " ").split()] or DEFAULT_SIZES
    rows = []
    # Every size's files are removed once all are measured, not between sizes: on this machine's file
    # system (ext4 mounted with `discard`) creating 10,000 files took 0.5-1.5 s, and 5-6.5 s in the
    # seconds after 10,000 others were removed (docs/performance.md, *Twenty-third round*): the
    # measurement of the next size's generator and site build depended on what the last one left.
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for count in sizes:
            if args.keep:
                work = args.keep / f"n{count}"
                shutil.rmtree(work, ignore_errors=True)
            else:
                work = Path(scratch) / f"n{count}"
            work.mkdir(parents=True)
            row = bench_one(count, work, args.search, args.full_text_search_limit, args.serve)
            rows.append(row)
            print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}), flush=True)
    print()
    print(table(rows))
    if any("search_first_result_s" in row for row in rows):
        print()
        print(search_table(rows))
    if any("serve_first_build_s" in row for row in rows):
        print()
        print(search_table(rows, SERVE_COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
