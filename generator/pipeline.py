"""Gather phase: seeds → annotations + extraction → merged articles, with every diagnostic.

`check` and `build` both call `collect`, so a build runs exactly the validation `check` does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.annotation import parse_annotation
from generator.diagnostics import sort_key
from generator.extract import extract
from generator.load import read_seeds
from generator.merge import make_slugs_unique, merge
from generator.model import Article, Diagnostic, Extracted
from generator.progress import progress
from generator.validate import check_collection
from generator.vocabulary import topics


def extract_safely(path: str, text: str) -> tuple[Extracted, list[Diagnostic]]:
    """Extraction must never stop a check: an unexpected failure becomes one error on the file."""
    try:
        return extract(text), []
    except Exception as err:  # the extractor is heuristic code run on arbitrary text
        message = f"the generator failed to read this text ({type(err).__name__}); please report it with this file"
        return Extracted(), [Diagnostic(path, message=message)]


def collect(seeds_dir: Path, *, today: dt.date | None = None) -> tuple[list[Article], list[Diagnostic]]:
    """All articles in `seeds_dir`, merged, and every problem found on the way (nothing written)."""
    seeds, diagnostics = read_seeds(Path(seeds_dir))
    vocabulary = tuple(topics())
    articles = []
    rejected = set()
    for seed in progress(seeds, len(seeds), "reading"):
        extracted, problems = extract_safely(seed.text_path, seed.text)
        diagnostics.extend(problems)
        annotation = None
        if seed.annotation_text is not None:
            annotation, problems = parse_annotation(
                seed.annotation_path, seed.annotation_text, extracted=extracted, today=today, known_topics=vocabulary
            )
            diagnostics.extend(problems)
            if annotation is None:
                rejected.add(seed.stem)
        articles.append(merge(seed, extracted, annotation))
    unique = make_slugs_unique(articles)
    original = {a.stem: a.page_path for a in articles}
    renamed = {a.stem: original[a.stem] for a in unique if a.page_path != original[a.stem]}
    # Unused topics are only worth a look once everything else is right.
    clean = not rejected and not any(d.level == "error" for d in diagnostics)
    diagnostics.extend(check_collection(unique, renamed, vocabulary if clean else (), frozenset(rejected)))
    return unique, sorted(diagnostics, key=sort_key)
