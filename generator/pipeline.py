"""Gather phase: seeds → annotations + extraction → merged articles, with every diagnostic.

`check` and `build` both call `collect`, so a build runs exactly the validation `check` does.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.cache import SeedCache
from generator.diagnostics import sort_key
from generator.load import read_seeds
from generator.merge import make_slugs_unique, merge
from generator.model import Annotation, Article, Diagnostic, Extracted, Seed
from generator.progress import progress
from generator.validate import check_collection
from generator.vocabulary import topics

# Below this many texts to extract, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 300
CHUNK_SIZE = 64


# The extractor, the annotation checks and the process pool are imported when first needed: a
# build whose seeds are all in the cache never uses them (0.1 s of imports).
def extract(text: str) -> Extracted:
    from generator.extract import extract as run

    return run(text)


def parse_annotation(
    path: str, text: str, *, extracted: Extracted, today: dt.date, known_topics: Iterable[str]
) -> tuple[Annotation | None, list[Diagnostic]]:
    from generator.annotation import parse_annotation as run

    return run(path, text, extracted=extracted, today=today, known_topics=known_topics)


def extract_safely(path: str, text: str) -> tuple[Extracted, list[Diagnostic]]:
    """Extraction must never stop a check: an unexpected failure becomes one error on the file."""
    try:
        return extract(text), []
    except Exception as err:  # the extractor is heuristic code run on arbitrary text
        message = f"the generator failed to read this text ({type(err).__name__}); please report it with this file"
        return Extracted(), [Diagnostic(path, message=message)]


def _workers(count: int) -> int:
    """How many processes to extract `count` texts with; 1 means in this process.

    Workers are forked, so they start with the parent's compiled patterns and loaded data. Forking a
    process that runs other threads (`mkdocs serve` calls the build from its server) can deadlock
    on a lock held by one of them, so such a process extracts serially.
    """
    from multiprocessing import get_all_start_methods

    cpus = os.cpu_count() or 1
    if count < PARALLEL_MINIMUM or cpus < 2 or "fork" not in get_all_start_methods():
        return 1
    return 1 if threading.active_count() > 1 else cpus


def extract_all(seeds: Sequence[Seed]) -> list[tuple[Extracted, list[Diagnostic]]]:
    """`extract_safely` for every seed, in the seeds' order; in worker processes when there are many."""
    workers = _workers(len(seeds))
    if workers == 1:
        return [extract_safely(s.text_path, s.text) for s in progress(seeds, len(seeds), "extracting")]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    first = extract_safely(seeds[0].text_path, seeds[0].text)  # loads the data once, before forking
    paths, texts = [s.text_path for s in seeds[1:]], [s.text for s in seeds[1:]]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        # `map` yields in input order whatever order the chunks finish in.
        rest = pool.map(extract_safely, paths, texts, chunksize=CHUNK_SIZE)
        return [first, *progress(rest, len(paths), "extracting")]


def _extractions(
    seeds: list[Seed], cache: SeedCache
) -> tuple[list[tuple[Extracted, list[Diagnostic]]], dict[str, str]]:
    """Every seed's extraction, from the cache where its text was seen before, and the
    `validate.body_key` of each body the cache knows (by stem).

    Failed extractions are not cached (they are rare, and their diagnostic names the file).
    """
    results: list[tuple[Extracted, list[Diagnostic]] | None] = []
    body_keys: dict[str, str] = {}
    for seed in seeds:
        cached = cache.extracted(seed.text)
        if cached is None:
            results.append(None)
        else:
            results.append((cached[0], []))
            body_keys[seed.stem] = cached[1]
    missing = [index for index, result in enumerate(results) if result is None]
    for index, result in zip(missing, extract_all([seeds[i] for i in missing]), strict=True):
        results[index] = result
        if not result[1]:
            body_keys[seeds[index].stem] = cache.put_extracted(seeds[index].text, result[0])
    return results, body_keys  # type: ignore[return-value]  # every None was filled above


def collect(
    seeds_dir: Path, *, today: dt.date | None = None, cache: SeedCache | None = None
) -> tuple[list[Article], list[Diagnostic]]:
    """All articles in `seeds_dir`, merged, and every problem found on the way (nothing written).

    `cache` keeps per-seed results between runs; without one, everything is computed afresh.
    """
    today = today or dt.date.today()
    cache = cache or SeedCache(None)
    seeds, diagnostics = read_seeds(Path(seeds_dir))
    vocabulary = tuple(topics())
    articles = []
    rejected = set()
    extractions, body_keys = _extractions(seeds, cache)
    for seed, (extracted, problems) in zip(seeds, extractions, strict=True):
        diagnostics.extend(problems)
        annotation = None
        if seed.annotation_text is not None:
            assert seed.annotation_path is not None
            key = (seed.annotation_path, seed.annotation_text, seed.text, today)
            parsed = cache.annotation(*key)
            if parsed is None:
                parsed = parse_annotation(
                    seed.annotation_path,
                    seed.annotation_text,
                    extracted=extracted,
                    today=today,
                    known_topics=vocabulary,
                )
                cache.put_annotation(*key, parsed)
            annotation, problems = parsed
            diagnostics.extend(problems)
            if annotation is None:
                rejected.add(seed.stem)
        articles.append(merge(seed, extracted, annotation))
    cache.save()
    unique = make_slugs_unique(articles)
    original = {a.stem: a.page_path for a in articles}
    renamed = {a.stem: original[a.stem] for a in unique if a.page_path != original[a.stem]}
    # Unused topics are only worth a look once everything else is right.
    clean = not rejected and not any(d.level == "error" for d in diagnostics)
    diagnostics.extend(check_collection(unique, renamed, vocabulary if clean else (), frozenset(rejected), body_keys))
    return unique, sorted(diagnostics, key=sort_key)
