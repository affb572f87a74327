"""YAML front matter, always dumped by PyYAML's safe dumper (never string formatting)."""

from __future__ import annotations

import html

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# libyaml's emitter when PyYAML was built with it: the same YAML, ten times faster than pure Python.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_OPTIONS = {"allow_unicode": True, "sort_keys": False, "width": 100}


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
    dumped = yaml.dump(meta, Dumper=_FrontMatterDumper, **_OPTIONS)
    if "\\U" in dumped:
        # libyaml escapes characters beyond U+FFFF (emoji) even with allow_unicode; keep them readable.
        dumped = yaml.dump(meta, Dumper=yaml.SafeDumper, **_OPTIONS)
    return f"---\n{dumped}---\n\n"


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
