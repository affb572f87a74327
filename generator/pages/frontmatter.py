"""YAML front matter: the bytes of PyYAML's safe dumper, written by hand for plain data.

Why by hand: `yaml.dump` with libyaml's emitter (the only YAML writer the project depends on, and the
bytes every page has had) and the nodes built directly (see `_FrontMatterDumper`) still took
0.17-0.30 ms per article page on the 1,000 reference pages, about a fifth of rendering one.
`_written_by_hand` writes the few shapes pages use (mappings, lists, strings, integers, booleans,
null) by libyaml's rules for choosing a style and folding long lines, in 0.04-0.07 ms. Anything it
is not certain of (a character libyaml escapes or treats as a line break, the same list twice,
another type) is left to `_dumped_by_yaml`, and tests/test_frontmatter_by_hand.py checks that both
give the same bytes on many awkward values.
"""

from __future__ import annotations

import html
import io
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# libyaml's emitter when PyYAML was built with it: the same YAML, ten times faster than pure Python.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_WIDTH = 100
_OPTIONS = {"allow_unicode": True, "sort_keys": False, "width": _WIDTH}


def front_matter(page_title: str, description: str | None, extra: dict) -> str:
    """Front matter for a generated page.

    `title` and `description` are what MkDocs and Material print into the HTML head and header
    without escaping (their Jinja environment does not autoescape), so they are HTML-escaped here.
    Everything else goes in as data.
    """
    meta: dict = {"title": html.escape(" ".join(page_title.split()), quote=True)}
    if description:
        meta["description"] = html.escape(" ".join(description.split()), quote=True)
    meta.update(extra)
    dumped = _written_by_hand(meta)
    if dumped is None:
        dumped = _dumped_by_yaml(meta)
    return f"---\n{dumped}---\n\n"


def _dumped_by_yaml(meta: dict) -> str:
    """`meta` as PyYAML's safe dumper writes it: the reference for `_written_by_hand`."""
    dumped = yaml.dump(meta, Dumper=_FrontMatterDumper, **_OPTIONS)
    if "\\U" in dumped:
        # libyaml escapes characters beyond U+FFFF (emoji) even with allow_unicode; keep them readable.
        dumped = yaml.dump(meta, Dumper=yaml.SafeDumper, **_OPTIONS)
    return dumped


# ---- The hand-written emitter -------------------------------------------------------------------


class _NotCertain(Exception):
    """A value `_written_by_hand` does not promise to write exactly as PyYAML would."""


def _written_by_hand(meta: dict) -> str | None:
    """`meta` in the bytes `_dumped_by_yaml` gives, or None where it cannot be sure of them."""
    if type(meta) is not dict or not meta:
        return None
    lines: list[str] = []
    try:
        _mapping(meta, 0, "", lines, set())
    except _NotCertain:
        return None
    return "\n".join(lines) + "\n"


# Keys written as they are: plain words that read back as strings (checked too) and are never folded.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_CHECKED_KEYS: set[str] = set()  # the same few keys on every page


def _mapping(mapping: dict, indent: int, first_line: str, lines: list[str], seen: set[int]) -> None:
    """A non-empty block mapping with its keys at column `indent`; the first key goes on `first_line`
    (a sequence item's dash) when there is one."""
    for key, value in mapping.items():
        if key not in _CHECKED_KEYS:
            if type(key) is not str or not _PLAIN_KEY.fullmatch(key) or not _reads_as_string(key):
                raise _NotCertain
            _CHECKED_KEYS.add(key)
        head = (first_line or " " * indent) + key + ":"
        first_line = ""
        if type(value) is str:  # most values: no call to `_value`
            lines.append(f"{head} {_string(value, len(head) + 1, indent + 2)}")
        else:
            _value(value, head, indent, False, lines, seen)


def _value(value, head: str, indent: int, in_sequence: bool, lines: list[str], seen: set[int]) -> None:
    """`value` after `head` (a key and its colon, or a dash) in a block collection at column `indent`."""
    kind = type(value)
    if kind is not list and kind is not dict:
        lines.append(f"{head} {_scalar(value, len(head) + 1, indent + 2)}")
        return
    if id(value) in seen:  # the same object twice: PyYAML writes an anchor and an alias
        raise _NotCertain
    seen.add(id(value))
    if not value:
        lines.append(head + (" []" if kind is list else " {}"))
    elif kind is dict:
        if in_sequence:  # `- key: value`, the other keys under the first
            _mapping(value, indent + 2, head + " ", lines, seen)
        else:
            lines.append(head)
            _mapping(value, indent + 2, "", lines, seen)
    else:
        if in_sequence:  # a list in a list (`- - item`): never in front matter
            raise _NotCertain
        lines.append(head)
        dash = " " * indent + "-"  # PyYAML does not indent a list under its key
        for item in value:
            if type(item) is str:
                lines.append(f"{dash} {_string(item, indent + 2, indent + 2)}")
            else:
                _value(item, dash, indent, True, lines, seen)


def _scalar(value, column: int, indent: int) -> str:
    """A scalar starting at `column`, its folded lines indented by `indent`."""
    kind = type(value)
    if kind is str:
        return _string(value, column, indent)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    raise _NotCertain


# Characters libyaml writes as they are (with allow_unicode): printable, no line break, nothing it
# escapes (it escapes everything beyond U+FFFF). Tabs, control characters, U+0085, U+2028, U+2029,
# U+FEFF and the like take the double-quoted style, which is left to PyYAML.
_UNCERTAIN_CHARACTER = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
# What may not start a plain scalar in libyaml's analysis: a space, or an indicator.
_NOT_PLAIN_FIRST = frozenset(" #,[]{}&*!|>'\"%@`")
_NOT_PLAIN_START = ("---", "...", "- ", "? ", ": ")


# Short strings recur on many pages (codes, topics, outlets, names): each is analysed once.
_SHORT = 48
_SHORT_WRITTEN: dict[str, str] = {}


def _string(text: str, column: int, indent: int) -> str:
    """A string as libyaml writes it in a block: plain where it may be, else single-quoted; folded."""
    written = _SHORT_WRITTEN.get(text)
    if written is None:
        written = _unfolded(text)
        if len(text) <= _SHORT and len(_SHORT_WRITTEN) < 1 << 16:
            _SHORT_WRITTEN[text] = written
    if column + len(written) <= _WIDTH:  # no space can come after the width
        return written
    if written[0] == "'":  # the quotes stay on the first and last lines
        return "'" + _folded(written[1:-1], column + 1, indent) + "'"
    return _folded(written, column, indent)


def _unfolded(text: str) -> str:
    """`text` as a plain or single-quoted scalar on one line."""
    if not text:
        return "''"  # plain, it would read back as null
    if "\\U" in text or _UNCERTAIN_CHARACTER.search(text):
        # `\U` anywhere makes `_dumped_by_yaml` switch to the pure-Python dumper.
        raise _NotCertain
    if _may_be_plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _may_be_plain(text: str) -> bool:
    """libyaml's analysis of a non-empty one-line scalar in block context: no space at either end, no
    indicator where it would mean something, and it reads back as a string."""
    return not (
        text[0] in _NOT_PLAIN_FIRST
        or text[-1] in " :"
        or text.startswith(_NOT_PLAIN_START)
        or text in ("-", "?")
        or ": " in text
        or " #" in text
    ) and _reads_as_string(text)


def _folded(text: str, column: int, indent: int) -> str:
    """libyaml's folding of a plain or single-quoted scalar that starts at `column`: a lone space (no
    space beside it, not at either end of the text) is written as a line break and `indent` spaces
    when more than the width precedes it on its line."""
    lines = []
    start = 0  # where the text of the current line starts
    search = start + _WIDTH + 1 - column  # the first position more than the width into the line
    while (space := text.find(" ", max(search, start))) != -1:
        if 0 < space < len(text) - 1 and text[space - 1] != " " and text[space + 1] != " ":
            lines.append(text[start:space])
            start = space + 1
            search = start + _WIDTH + 1 - indent
        else:
            search = space + 1
    lines.append(text[start:])
    return ("\n" + " " * indent).join(lines)


def _reads_as_string(text: str) -> bool:
    """Whether `text` written plain reads back as a string, as the dumper's own resolver decides."""
    resolvers = _RESOLVER.yaml_implicit_resolvers
    if text[0] not in resolvers and None not in resolvers:  # it has no pattern to try on `text`
        return True
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _TAG + "str"


# ---- The nodes for PyYAML -----------------------------------------------------------------------


class _Unsupported(Exception):
    pass


_TAG = "tag:yaml.org,2002:"
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


def _node(data, seen: set[int]):
    """The node `yaml.SafeDumper` would make for plain data (dict, list, str, int, bool, None)."""
    kind = type(data)
    if kind is str:
        return ScalarNode(_TAG + "str", data)
    if data is None:
        return ScalarNode(_TAG + "null", "null")
    if kind is bool:
        return ScalarNode(_TAG + "bool", "true" if data else "false")
    if kind is int:
        return ScalarNode(_TAG + "int", str(data))
    if kind is list or kind is dict:
        if id(data) in seen:  # the same object twice: PyYAML writes an alias, so let it
            raise _Unsupported
        seen.add(id(data))
        if kind is list:
            return SequenceNode(_TAG + "seq", [_node(item, seen) for item in data], flow_style=False)
        pairs = [(_node(key, seen), _node(value, seen)) for key, value in data.items()]
        return MappingNode(_TAG + "map", pairs, flow_style=False)
    raise _Unsupported


class _FrontMatterDumper(_FAST_DUMPER):
    """The safe dumper without PyYAML's generic per-object machinery, its main cost in a build.

    Same nodes, so the same bytes (the page tests compare them); anything but plain data, or the
    same list or mapping twice, takes PyYAML's own path.
    """

    def represent(self, data):
        try:
            node = _node(data, set())
        except _Unsupported:
            return super().represent(data)
        self.serialize(node)

    def resolve(self, kind, value, implicit):
        # The emitter asks twice per scalar whether it would read back as another type; keys and
        # short values repeat on every page.
        if kind is not ScalarNode or len(value) > 40:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag


# The resolver the dumper consults, so the hand-written emitter quotes exactly what it would.
_RESOLVER = _FrontMatterDumper(io.StringIO())
