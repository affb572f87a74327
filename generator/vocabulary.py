"""Load the contributor-extensible data files in `generator/data/`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from generator.model import Topic

DATA_DIR = Path(__file__).parent / "data"


@cache
def topics() -> dict[str, Topic]:
    """The topic vocabulary, keyed by slug, in file order."""
    # libyaml when present: every build reads the vocabulary, and the pure-Python parser takes 20 ms.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries = yaml.load((DATA_DIR / "topics.yml").read_text(encoding="utf-8"), Loader=loader)
    return {
        entry["slug"]: Topic(
            slug=entry["slug"],
            label=entry["label"],
            description=entry["description"],
            keywords=tuple(entry.get("keywords", ())),
        )
        for entry in entries
    }
