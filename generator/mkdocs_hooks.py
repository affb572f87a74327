"""MkDocs hook: an article page's "edit" button opens its annotation in seeds/, not generated Markdown."""

from __future__ import annotations

from urllib.parse import quote


def on_page_markdown(markdown, page, config, files):
    from generator.write import GENERATED_DIRS, GENERATED_FILES

    article = (page.meta or {}).get("article")
    repo_url = config.get("repo_url")
    src_uri = page.file.src_uri
    if not isinstance(article, dict):
        if src_uri in GENERATED_FILES or src_uri.split("/", 1)[0] in GENERATED_DIRS:
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
    return markdown


def on_pre_build(config):
    """Under `make serve` (DIGEST_REGENERATE=1), regenerate docs/ from seeds/ before every rebuild.

    Only files whose content changed are written, so the rebuild this triggers writes nothing and
    the live-reload loop settles. Problems are printed, and the last good pages stay in place.
    """
    import os
    from pathlib import Path

    if os.environ.get("DIGEST_REGENERATE") != "1":
        return
    from generator.cli import main

    docs = Path(config["docs_dir"])
    seeds = Path(os.environ.get("DIGEST_SEEDS", docs.parent / "seeds"))
    main(["build", "--seeds", str(seeds), "--docs", str(docs)])
