"""Load the contributor-extensible data files in `generator/data/`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from generator.model import Topic

DATA_DIR = Path(__file__).parent / "data"
# libyaml when present: a build reads seven data files, and the pure-Python parser took 85 ms for
# them, a tenth of the generator's time on a 100-article digest (libyaml: 9 ms, the same values).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str):
    """The content of the data file `generator/data/<name>`."""
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=_LOADER)


@cache
def topics() -> dict[str, Topic]:
    """The topic vocabulary, keyed by slug, in file order."""
    entries = load_data("topics.yml")
    return {
        entry["slug"]: Topic(
            slug=entry["slug"],
            label=entry["label"],
            description=entry["description"],
            keywords=tuple(entry.get("keywords", ())),
        )
        for entry in entries
    }
