"""The few `mkdocs.yml` settings the generator needs (read once, at the I/O end): site name and URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

DEFAULT_SITE_URL = "https://example.invalid/"


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "Annotated News Digest"
    site_url: str = DEFAULT_SITE_URL


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
    )
