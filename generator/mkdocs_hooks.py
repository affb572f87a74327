"""MkDocs hooks: edit buttons that open annotations, regeneration under `make serve`, what search indexes."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

# Search indexes every article's full text up to `extra.full_text_search_limit` articles. Above it,
# the browser would download and index megabytes before the first result (docs/performance.md), so
# it indexes an article's titles (English and original) and the people and organisations it names
# (its countries and topics stay in the index as Material tags), and skips the pages that only
# list articles (timeline, each country and topic).
SEARCH_LIMIT = "full_text_search_limit"
_LISTING_PAGE = re.compile(r"(timeline|timeline/[^/]+|(countries|topics)/(?!index\.md$)[^/]+(/[^/]+)?)\.md$")
# Page path → (what the search plugin was shown, the page's real content).
_shown_to_search: dict[str, tuple[str, str]] = {}
_article_count = 0


def on_config(config):
    """Generated pages link to each other inside raw HTML, with directory URLs (generator/htmltext.py)."""
    if not config.get("use_directory_urls", True):
        from mkdocs.exceptions import PluginError

        raise PluginError(
            "use_directory_urls: false is not supported: the generated pages link to each other with "
            "directory URLs (countries/iran/). Remove the setting from mkdocs.yml."
        )
    return config


def on_files(files, config):
    global _article_count
    _article_count = sum(1 for file in files if file.src_uri.startswith("articles/") and file.src_uri.endswith(".md"))
    return files


def compact_search(config) -> bool:
    limit = (config.get("extra") or {}).get(SEARCH_LIMIT)
    return isinstance(limit, int) and _article_count > limit


def on_page_content(html, page, config, files):
    """Above the limit, show the search plugin only an article's titles and names.

    The plugin reads `page.content` when the page is rendered; `on_post_page` puts the real
    content back into the written page. (Material's `data-search-exclude` would still have the
    plugin parse the whole page, which was most of its cost.)
    """
    article = (page.meta or {}).get("article")
    if not compact_search(config) or not isinstance(article, dict):
        return html
    from generator.htmltext import PANEL_START

    end = html.find(PANEL_START)
    if end < 0:
        return html
    names = [str(name) for key in ("people", "organisations") for name in article.get(key) or ()]
    shown = html[:end] + (f"<p>{escape('; '.join(names))}</p>" if names else "") + "<!-- digest: search -->"
    _shown_to_search[page.file.src_uri] = (shown, html)
    return shown


def on_post_page(output, page, config):
    shown, real = _shown_to_search.pop(page.file.src_uri, (None, None))
    return output if shown is None else output.replace(shown, real, 1)


def on_page_markdown(markdown, page, config, files):
    if compact_search(config) and _LISTING_PAGE.match(page.file.src_uri):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
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
