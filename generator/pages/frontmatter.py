"""YAML front matter, always dumped by PyYAML's safe dumper (never string formatting)."""

from __future__ import annotations

import html

import yaml

# libyaml's emitter when PyYAML was built with it: the same YAML, ten times faster than pure Python.
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    options = {"allow_unicode": True, "sort_keys": False, "width": 100}
    dumped = yaml.dump(meta, Dumper=_FAST_DUMPER, **options)
    if "\\U" in dumped:
        # libyaml escapes characters beyond U+FFFF (emoji) even with allow_unicode; keep them readable.
        dumped = yaml.dump(meta, Dumper=yaml.SafeDumper, **options)
    return f"---\n{dumped}---\n\n"
