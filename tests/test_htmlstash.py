"""The raw HTML stash (generator/htmlstash.py): a page comes out exactly as without it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import _HTMLHandler
from mkdocs.utils.meta import get_data

from generator import htmlstash
from tests.conftest import SEEDS
from tests.sitebuild import ROOT, prepare_project, project_config, write_config

GOLDEN = sorted((ROOT / "tests" / "golden").rglob("*.md"))
EXTENSIONS = {"toc": {"permalink": True}, "tables": {}, "admonition": {}}  # as in mkdocs.yml

# Raw HTML the stash must leave to Python-Markdown, or handle exactly as Python-Markdown does.
TRICKY = {
    "text after the block": "# T\n\n<div>\n<p>a</p>\n</div>\nand *this* is Markdown\n\nend",
    "two elements in one chunk": "<p>a</p>\n<p>b</p>\n\n<ul>\n<li>c</li>\n</ul>",
    "blank line inside": "<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n\nafter",
    "nested same tag": '<div class="x">\n<div>\n<p>a</p>\n</div>\n</div>\n\n<div>\n<div>b</div>\n</div>\n<div>c</div>',
    "inline tag first": "<span>a</span> and *b*\n\n<abbr title='x'>X</abbr>",
    "comment": "<div>\n<!-- hidden -->\n<p>a</p>\n</div>\n\n<!-- alone -->\n\npara",
    "tab inside": "<div>\n<p>a\tb</p>\n</div>\n\npara",
    "script": "<div>\n<script>var x = '<p>';</script>\n</div>",
    "indented": "para\n\n    <div>code</div>\n\n  <div>\n<p>x</p>\n</div>",
    "block last, newline at end": "# T\n\n<ul>\n<li>a</li>\n</ul>\n",
    "block first and last": "<div>\n<p>only</p>\n</div>",
    "blank lines with spaces": "<p>a</p>\n   \n\n<p>b</p>\n \n",
    "inside a list": "- item\n\n    <div>\n    <p>x</p>\n    </div>\n\n<div>y</div>",
    "ids": '<div id="a&amp;b">\n<p id="c">x</p>\n<a name="n">y</a>\n</div>\n\n<sup id="fnref:1">1</sup>',
    "the marker in the text": f"{htmlstash.MARKER}0Z\n\n<div>\n<p>x</p>\n</div>",
}


def convert(text: str, *extra: markdown.extensions.Extension) -> str:
    return markdown.Markdown(extensions=[*EXTENSIONS, *extra], extension_configs=EXTENSIONS).convert(text)


def through_stash(text: str) -> str:
    """As the site build does it: stashed, converted with the placeholder extension, restored."""
    stashed, found = htmlstash.stash(text)
    return htmlstash.restore(convert(stashed, htmlstash.PlaceholderExtension()), found)


def golden_markdown(path: Path) -> str:
    return get_data(path.read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: str(p.relative_to(ROOT / "tests" / "golden")))
def test_golden_pages_convert_to_the_same_html(path):
    text = golden_markdown(path)
    assert through_stash(text) == convert(text)


def test_the_generators_blocks_are_stashed():
    article = next(p for p in GOLDEN if "articles" in p.parts)
    stashed, found = htmlstash.stash(golden_markdown(article))
    assert len(found.blocks) >= 4  # original title, panel, summary, text (and related, footnotes)
    assert '<div class="digest-article-text"' not in stashed
    assert "## Article text (Indonesian)" in stashed  # headings stay Markdown: the table of contents


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_raw_html_it_does_not_recognise_converts_as_before(text):
    assert through_stash(text) == convert(text)


def test_the_marker_in_a_page_turns_the_stash_off():
    stashed, found = htmlstash.stash(TRICKY["the marker in the text"])
    assert not found.blocks and stashed == TRICKY["the marker in the text"]


def test_a_lost_placeholder_is_an_error_not_a_silent_gap():
    stashed, found = htmlstash.stash("# T\n\n<div>\n<p>x</p>\n</div>")
    with pytest.raises(ValueError):
        htmlstash.restore(convert(stashed.replace(htmlstash.MARKER, "other")), found)


@pytest.mark.parametrize("text", [golden_markdown(p) for p in GOLDEN] + [TRICKY["ids"]])
def test_anchor_ids_are_those_mkdocs_collects(text):
    """MkDocs checks links to anchors against the ids it parses out of a page's raw HTML."""
    _, found = htmlstash.stash(text)
    handler = _HTMLHandler()
    handler.feed("\n\n".join(found.blocks))
    handler.close()
    assert htmlstash.anchor_ids(found) == handler.present_anchor_ids


class _Shout(markdown.extensions.Extension):
    """A test-only inline pattern that rewrites the marker wherever inline processing looks."""

    def extendMarkdown(self, md):
        pattern = markdown.inlinepatterns.SimpleTextInlineProcessor(f"({htmlstash.MARKER})")
        pattern.handleMatch = lambda m, data: ("SHOUTED", m.start(0), m.end(0))
        md.inlinePatterns.register(pattern, "shout", 200)


def test_placeholder_paragraphs_skip_inline_processing_and_nothing_else_does():
    text = f"{htmlstash.MARKER}0Z\n\nsee {htmlstash.MARKER}1Z here\n\n- {htmlstash.MARKER}2Z"
    html = convert(text, htmlstash.PlaceholderExtension(), _Shout())
    assert f"<p>{htmlstash.MARKER}0Z</p>" in html
    assert html.count("SHOUTED") == 2  # inside a sentence, and inside a list: processed as before
    assert "SHOUTED" in convert(f"{htmlstash.MARKER}0Z", _Shout())  # the test pattern does shout


def test_the_hooks_add_the_placeholder_extension_once(tmp_path):
    from generator import mkdocs_hooks

    config = load_config(config_file=str(prepare_project(SEEDS, tmp_path)))
    mkdocs_hooks.on_config(config)
    mkdocs_hooks.on_config(config)
    added = [e for e in config["markdown_extensions"] if isinstance(e, htmlstash.PlaceholderExtension)]
    assert len(added) == 1
    logging.getLogger("mkdocs").handlers.clear()


def _build(config_path: Path) -> None:
    config = load_config(config_file=str(config_path))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").handlers.clear()
    # Every page taken apart by the hooks was put back together (and nothing waits for a next build).
    hooks = next(iter(config["hooks"].values()))
    assert not hooks._stashed and not hooks._held and not hooks._shown_to_search


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("search_limit", [200, 2], ids=["full-text search", "compact search"])
def test_the_site_is_byte_identical_with_and_without_the_stash(tmp_path, monkeypatch, search_limit):
    """Both builds in this process: one with the stash, one with `stash` finding nothing to take out.

    One generated page also gets raw HTML the stash leaves alone (text after a block, a comment)."""
    config_path = prepare_project(SEEDS, tmp_path / "with")
    docs = tmp_path / "with" / "docs"
    article = next((docs / "articles").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\n" + TRICKY["comment"] + "\n", encoding="utf-8")
    config = project_config(tmp_path / "with", docs)
    config["extra"] = {**(config.get("extra") or {}), "full_text_search_limit": search_limit}
    write_config(config, tmp_path / "with")
    stashed_blocks = []
    real_stash = htmlstash.stash

    def counting_stash(text: str) -> tuple[str, htmlstash.Stash]:
        stashed, found = real_stash(text)
        stashed_blocks.append(len(found.blocks))
        return stashed, found

    monkeypatch.setattr(htmlstash, "stash", counting_stash)
    _build(config_path)
    assert sum(stashed_blocks) > 5 * 4  # the hooks did stash (at least four blocks an article)
    with_stash = _files(tmp_path / "with" / "site")

    shutil.copytree(docs, tmp_path / "without" / "docs")
    config = project_config(tmp_path / "without", tmp_path / "without" / "docs")
    config["extra"] = {**(config.get("extra") or {}), "full_text_search_limit": search_limit}
    monkeypatch.setattr(htmlstash, "stash", lambda text: (text, htmlstash.Stash()))
    _build(write_config(config, tmp_path / "without"))
    without_stash = _files(tmp_path / "without" / "site")

    assert with_stash.keys() == without_stash.keys()
    different = [name for name in with_stash if with_stash[name] != without_stash[name] and name != "sitemap.xml.gz"]
    assert different == []
    assert not any(htmlstash.MARKER.encode() in content for content in with_stash.values())
    assert "hidden" in (
        tmp_path / "with" / "site" / article.relative_to(docs).with_suffix("") / "index.html"
    ).read_text(encoding="utf-8")
