"""Gather phase: seeds → annotations + extraction → merged articles, with every diagnostic."""

from __future__ import annotations

from pathlib import Path

from generator.annotation import parse_annotation
from generator.extract import extract
from generator.load import read_seeds
from generator.merge import make_slugs_unique, merge
from generator.model import Article, Diagnostic
from generator.progress import progress


def collect(seeds_dir: Path) -> tuple[list[Article], list[Diagnostic]]:
    """All articles in `seeds_dir`, merged, and every problem found on the way (nothing written)."""
    seeds, diagnostics = read_seeds(seeds_dir)
    articles = []
    for seed in progress(seeds, len(seeds), "reading"):
        annotation = None
        if seed.annotation_text is not None:
            annotation, problems = parse_annotation(seed.annotation_path, seed.annotation_text)
            diagnostics.extend(problems)
        articles.append(merge(seed, extract(seed.text), annotation))
    return make_slugs_unique(articles), sorted(diagnostics)
