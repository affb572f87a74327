"""YAML front matter, always dumped by `yaml.safe_dump` (never string formatting)."""

from __future__ import annotations

import html

import yaml


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
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{dumped}---\n\n"
