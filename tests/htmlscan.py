"""Small readers of built HTML (stdlib only): links, text, and elements with an attribute."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Scanner(HTMLParser):
    def __init__(self, skip: tuple[str, ...] = ("script", "style")) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_tags = skip
        self.links: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag in self._skip_tags:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self._skip_tags and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def scan(path: Path, skip: tuple[str, ...] = ("script", "style")) -> _Scanner:
    scanner = _Scanner(skip)
    scanner.feed(path.read_text(encoding="utf-8"))
    return scanner


def page_text(path: Path, without_footnote_marks: bool = False) -> str:
    """The visible text of a page, whitespace-normalised (optionally without footnote numbers)."""
    skip = ("script", "style", "sup") if without_footnote_marks else ("script", "style")
    return " ".join("".join(scan(path, skip).text).split())


def broken_internal_links(site: Path) -> list[str]:
    """Every relative link in every built page whose target file does not exist."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # served for any missing URL, so it links by absolute site paths
            continue
        for link in scan(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {link}")
    return broken


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (such as a search index entry), whitespace-normalised."""
    scanner = _Scanner()
    scanner.feed(fragment)
    return " ".join("".join(scanner.text).split())
