"""Time the generator's phases in one process: gather (read, parse, extract, merge), render, write.

As `python -m generator build` does, pages are written to the staging folder as they are rendered:
render includes writing them there; write compares them with docs/ and moves them into place.

python -m tests.bench.phases SEEDS DOCS      # prints one JSON object
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(seeds: Path, docs: Path) -> dict:
    start = time.perf_counter()
    from generator.extract import extract
    from generator.load import read_seeds
    from generator.pipeline import collect
    from generator.render import render_site
    from generator.staging import staging_folder
    from generator.write import write_generated

    imported = time.perf_counter()
    articles, _ = collect(seeds)
    collected = time.perf_counter()
    # Extraction alone, so the budget left for the real (regex) extraction is known.
    texts = [seed.text for seed in read_seeds(seeds)[0]]
    read = time.perf_counter()
    for text in texts:
        extract(text)
    extracted = time.perf_counter()
    with staging_folder(docs) as stage:
        files = render_site(articles, stage=stage)
        rendered = time.perf_counter()
        write_generated(docs, files)
        written = time.perf_counter()
    return {
        "import_s": imported - start,
        "collect_s": collected - imported,
        "extract_s": extracted - read,
        "render_s": rendered - extracted,
        "write_s": written - rendered,
        "render_write_ms_per_article": 1000 * (written - extracted) / max(len(articles), 1),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
