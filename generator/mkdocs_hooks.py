"""MkDocs hooks: edit buttons that open annotations, regeneration under `make serve`, what search indexes."""

from __future__ import annotations

import re
from urllib.parse import quote

# Search indexes every article's full text up to `extra.full_text_search_limit` articles. Above it,
# the browser would download and index tens of megabytes before the first result (see
# docs/performance.md), so it indexes an article's title, metadata panel, summary and lead
# paragraph (not the rest of the text, related links, source, notes), and skips the pages that
# only list articles (timeline, each country and topic).
SEARCH_LIMIT = "full_text_search_limit"
_LISTING_PAGE = re.compile(r"(timeline|(countries|topics)/(?!index\.md$)[^/]+)\.md$")
_TEXT_DIV = '<div class="digest-article-text" lang="id">'
# Where the part of an article page that search skips waits while the search plugin reads the page.
_SKIPPED = "<!-- digest: not indexed -->"
_skipped: dict[str, str] = {}
_article_count = 0


def on_files(files, config):
    global _article_count
    _article_count = sum(1 for file in files if file.src_uri.startswith("articles/") and file.src_uri.endswith(".md"))
    return files


def lead_only_search(config) -> bool:
    limit = (config.get("extra") or {}).get(SEARCH_LIMIT)
    return isinstance(limit, int) and _article_count > limit


def on_page_content(html, page, config, files):
    """Above the limit, hide an article page's text after its lead paragraph from the search plugin.

    Hidden rather than marked `data-search-exclude`: the plugin then does not even parse it, which
    is most of its work. `on_post_page` puts it back into the page.
    """
    if not lead_only_search(config) or not isinstance((page.meta or {}).get("article"), dict):
        return html
    start = html.find(_TEXT_DIV)
    end = html.find("</p>", start) if start >= 0 else -1
    if end < 0:
        return html
    end += len("</p>")
    _skipped[page.file.src_uri] = html[end:]
    return html[:end] + "</div>" + _SKIPPED


def on_post_page(output, page, config):
    skipped = _skipped.pop(page.file.src_uri, None)
    if skipped is None:
        return output
    return output.replace("</div>" + _SKIPPED, skipped, 1)


def on_page_markdown(markdown, page, config, files):
    if lead_only_search(config) and _LISTING_PAGE.match(page.file.src_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    article = (page.meta or {}).get("article")
    repo_url = config.get("repo_url")
    if not isinstance(article, dict) or not repo_url:
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
