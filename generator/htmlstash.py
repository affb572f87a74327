"""Keep the generator's own raw HTML blocks away from Python-Markdown while MkDocs renders a page.

Python-Markdown passes a raw HTML block through unchanged, but finds where it ends by running it
through an HTML parser, and MkDocs parses the whole page once more to collect its `id`s for anchor
checks: together about a third of the site build (docs/performance.md), for markup the generator
wrote itself (generator/htmltext.py). `stash` replaces each such block by a one-word paragraph
before MkDocs renders the page, `restore` puts the block back in place of the paragraph Markdown
made of it, so the page comes out as it would have without the stash.

Only blocks whose output is certain are stashed: a chunk between blank lines that starts at
column 0 with a block-level tag and ends with that tag's closing tag, the element closing only
there (so Python-Markdown would read the whole chunk as one raw block), holding nothing Python-Markdown
would treat differently (tabs and carriage returns it normalises, comments and processing
instructions, elements whose text is raw). Anything else stays in the Markdown as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# A word that inline Markdown leaves as it is (letters and digits only): `<p>DIGESTRAWHTML3Z</p>`.
MARKER = "DIGESTRAWHTML"
_PLACEHOLDER = re.compile(rf"<p>{MARKER}(\d+)Z</p>")
_PLACEHOLDER_TEXT = re.compile(rf"{MARKER}\d+Z")
# Block-level tags the generator starts its blocks with (Python-Markdown treats them as raw blocks).
_BLOCK_TAGS = frozenset({"div", "p", "ul", "ol", "dl", "table", "figure", "section", "blockquote", "details"})
_START_TAG = re.compile(r"<([a-z]+)[\s>]")
# What Python-Markdown's whitespace normalisation or HTML parser would not pass through verbatim:
# characters it replaces, comments and processing instructions, elements whose text is raw. (The
# pattern starts with a plain `<`: a pattern that ignores case throughout was most of the stash's time.)
_NORMALISED = ("\t", "\r", "\x02", "\x03")
_UNSAFE_TAG = re.compile(r"<(?i:[!?]|(?:script|style|pre|textarea|title|xmp|plaintext)\b)")
# Fences would hide a chunk that looks like HTML inside a code block (not enabled today; cheap to rule out).
_FENCES = ("```", "~~~")
_BLANK_LINES = re.compile(r"(\n(?:[ \t]*\n)+)")
# The anchors MkDocs would have collected from the stashed blocks (the generator quotes attributes with ").
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')


@dataclass
class Stash:
    """The blocks taken out of one page, in order: placeholder `n` stands for `blocks[n]`."""

    blocks: list[str] = field(default_factory=list)


def stash(markdown: str) -> tuple[str, Stash]:
    """`markdown` with each recognised raw HTML block replaced by a placeholder paragraph."""
    found = Stash()
    if MARKER in markdown or any(fence in markdown for fence in _FENCES):
        return markdown, found
    body = markdown.rstrip("\n")
    parts = _BLANK_LINES.split(body)
    # Even indexes are chunks of text, odd ones the blank lines between them.
    for index in range(0, len(parts), 2):
        chunk = parts[index]
        if _is_whole_raw_block(chunk):
            parts[index] = f"{MARKER}{len(found.blocks)}Z"
            found.blocks.append(chunk)
    if not found.blocks:
        return markdown, found
    return "".join(parts) + markdown[len(body) :], found


def _is_whole_raw_block(chunk: str) -> bool:
    start = _START_TAG.match(chunk)
    if start is None or start.group(1) not in _BLOCK_TAGS:
        return False
    tag = start.group(1)
    if not chunk.endswith(f"</{tag}>") or any(c in chunk for c in _NORMALISED) or _UNSAFE_TAG.search(chunk):
        return False
    depth = 0
    for match in re.finditer(rf"<(/?){tag}[\s>/]", chunk):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(chunk)
    return False


def restore(html: str, found: Stash) -> str:
    """`html` with every placeholder paragraph replaced by its block; an error if one is missing.

    Python-Markdown keeps the line break that ends a raw block followed by a blank line (so a blank
    line follows it in the page), except at the very end, where it strips the whole output.
    """
    if not found.blocks:
        return html
    used = []

    def block(match: re.Match[str]) -> str:
        used.append(int(match.group(1)))
        ending = "" if match.end() == len(html) else "\n"
        return found.blocks[int(match.group(1))] + ending

    restored = _PLACEHOLDER.sub(block, html)
    if sorted(used) != list(range(len(found.blocks))) or MARKER in restored:
        raise ValueError("a stashed raw HTML block did not come back as its own paragraph")
    return restored


def anchor_ids(found: Stash) -> set[str]:
    """The `id`s (and `<a name>`s) of the stashed blocks, as MkDocs collects them from raw HTML."""
    return {unescape(a or b) for block in found.blocks for a, b in _ANCHOR.findall(block)}


class _PlaceholdersAsIs(Treeprocessor):
    """Mark the text of each placeholder paragraph atomic, so inline processing passes over it: a
    word of letters and digits comes out of it unchanged anyway, and running every inline pattern over
    four or five placeholders was 0.4 ms of an article page's 1.6 ms in Python-Markdown."""

    def run(self, root) -> None:
        for element in root:
            if element.tag == "p" and element.text and _PLACEHOLDER_TEXT.fullmatch(element.text):
                element.text = AtomicString(element.text)


class PlaceholderExtension(Extension):
    """The Python-Markdown side of the stash, added to MkDocs' extensions by the hooks."""

    def extendMarkdown(self, md) -> None:
        # Before inline processing (priority 20).
        md.treeprocessors.register(_PlaceholdersAsIs(md), "digest_placeholders", 25)
