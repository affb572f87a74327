"""Where a YAML comment silently cuts a plain value short, in the files contributors edit (annotations
and `topics.yml`). YAML is right to read it so, but the contributor meant the words as text, and the
parser gives no sign of what it left out: the lines are read again here to find it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.diagnostics import quoted

# After a value without quotes, ` #` starts a YAML comment: `units #2 and #3` is read as `units`. A
# '#' followed by a word (`#2`) was meant as text; a comment is conventionally written `# like this`.
_COMMENT_CUT = re.compile(r"[ \t]+#(?=[^\s#])")


@dataclass(frozen=True)
class CommentCut:
    """Words YAML read as a comment, at their (1-based) line and column."""

    line: int
    col: int
    message: str


def comment_cuts(root: yaml.Node, text: str) -> list[CommentCut]:
    """Each plain value of the document `root` (composed from `text`) followed on its line by
    ` #word`, or on the next, deeper-indented line by `#`: the words YAML left out of it."""
    lines = text.splitlines()
    cuts = []
    pending = [root]
    seen = set()  # a node YAML's aliases reach twice, or from inside itself, is looked at once
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif not node.style and node.value and node.end_mark.line < len(lines):  # plain: "" from libyaml
            line = lines[node.end_mark.line]
            cut = _COMMENT_CUT.match(line, node.end_mark.column)
            if cut is not None:
                left_out = line[cut.end() - 1 :].strip()
                message = (
                    f"{quoted(left_out, 40)} is left out of the value before it: after a space, '#' starts a "
                    "YAML comment; put the value in quotes to keep it"
                )
                cuts.append(CommentCut(node.end_mark.line + 1, cut.end(), message))
            elif (below := _comment_line_below(node, lines)) is not None:
                cuts.append(below)
    return sorted(cuts, key=lambda cut: (cut.line, cut.col))


def _comment_line_below(node: yaml.ScalarNode, lines: list[str]) -> CommentCut | None:
    """A line that starts with '#' right after a plain value and indented deeper than the value's first
    line, as the value's next line would be: YAML ends the value before it (a wrapped summary whose
    next line began "#FightTerror together" silently ended at the line above)."""
    below = node.end_mark.line + 1
    if below >= len(lines):
        return None
    line = lines[below]
    words = line.lstrip()
    start = lines[node.start_mark.line]
    if not words.startswith("#") or len(line) - len(words) <= len(start) - len(start.lstrip()):
        return None  # not a comment, or one at the key's own indentation (a line commented out)
    message = (
        f"{quoted(words, 40)} is left out of the value above: a line that starts with '#' is a YAML comment; "
        "put the whole value in quotes (or write it after '>-' on lines of its own) to keep it"
    )
    return CommentCut(below + 1, len(line) - len(words) + 1, message)
