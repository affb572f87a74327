"""Debian's Chromium, as the browser tests and the search benchmark launch it (never a downloaded browser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless on a machine whose only network is the package registries: no background requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Trouble:
    """What went wrong while a page was open: requests that failed or answered an error status, and
    errors logged to its console or thrown by its scripts."""

    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def watch_for_trouble(page) -> Trouble:
    """A `Trouble` that fills as `page` (a Playwright page) loads and runs."""
    trouble = Trouble()
    page.on("requestfailed", lambda request: trouble.failed.append(request.url))
    page.on("response", lambda response: trouble.failed.append(response.url) if response.status >= 400 else None)
    page.on("console", lambda message: trouble.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: trouble.errors.append(str(error)))
    return trouble
