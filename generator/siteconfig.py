"""The few `mkdocs.yml` settings the generator needs (read once, at the I/O end): site name and URL,
and the number of articles up to which search indexes their full text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

DEFAULT_SITE_URL = "https://example.invalid/"


def full_text_search_limit(extra: object) -> int | None:
    """`extra.full_text_search_limit` of mkdocs.yml (`extra` as loaded): up to how many articles search
    indexes their full text; None, full text at any size, when it is not a number. The generator (what
    the home page says of search) and the hooks (what search indexes) read it with this."""
    limit = extra.get("full_text_search_limit") if isinstance(extra, Mapping) else None  # MkDocs': a UserDict
    return limit if isinstance(limit, int) else None


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "Annotated News Digest"
    site_url: str = DEFAULT_SITE_URL
    full_text_search_limit: int | None = None  # see `full_text_search_limit()`

    def searches_full_text(self, articles: int) -> bool:
        """Whether search indexes the whole text of a digest of `articles` (docs/performance.md)."""
        return self.full_text_search_limit is None or articles <= self.full_text_search_limit


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml: 20 ms less
    """Safe YAML that reads `!ENV` as MkDocs does (the deploy workflow sets the site's address that
    way, and feeds and open data must link to the same address as the pages), and tolerates MkDocs'
    other tags (`!relative`, `!!python/name:`) by reading them as null."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
# MkDocs' own implementation (pyyaml_env_tag, which MkDocs depends on), so both read the same value.
_Loader.add_constructor("!ENV", construct_env_tag)


def read_site_config(mkdocs_yml: Path) -> SiteConfig:
    """`site_name` and `site_url` from `mkdocs_yml`; defaults when the file or a key is missing."""
    if not mkdocs_yml.is_file():
        return SiteConfig()
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Loader) or {}
    url = config.get("site_url") or DEFAULT_SITE_URL
    return SiteConfig(
        site_name=str(config.get("site_name") or SiteConfig.site_name),
        site_url=str(url).rstrip("/") + "/",
        full_text_search_limit=full_text_search_limit(config.get("extra")),
    )
