"""Gather phase: seeds → annotations + extraction → merged articles, with every diagnostic.

`check` and `build` both call `collect`, so a build runs exactly the validation `check` does.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from generator.cache import Merged, SeedCache
from generator.dates import latest_today
from generator.diagnostics import sort_key
from generator.load import (
    ANNOTATION_SUFFIX,
    MAX_ANNOTATION_BYTES,
    TEXT_SUFFIX,
    read_seed,
    read_seeds,
    read_text_file,
)
from generator.merge import make_slugs_unique, merge
from generator.model import Annotation, Article, Diagnostic, Extracted, Seed
from generator.validate import body_key, check_collection
from generator.vocabulary import topics


# The extractor, the annotation checks and the process pool are imported when first needed: a
# build whose seeds are all in the cache never uses them (0.1 s of imports).
def extract(text: str) -> Extracted:
    from generator.extract import extract as run

    return run(text)


def parse_annotation(
    path: str, text: str, *, extracted: Extracted | None, today: dt.date, known_topics: Iterable[str]
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


def _digests(seed: Seed, cache: SeedCache) -> tuple[str, str | None]:
    """The digests of the seed's text and annotation (recording the state of the files read)."""
    text = seed.text_digest
    if text is None:
        assert seed.text is not None
        text = cache.read_file(seed.text_path, seed.text_state, seed.text)
    annotation = seed.annotation_digest
    if annotation is None and seed.annotation_text is not None:
        assert seed.annotation_path is not None
        annotation = cache.read_file(seed.annotation_path, seed.annotation_state, seed.annotation_text)
    return text, annotation


def _beside_unusable_texts(
    seeds: list[Seed], diagnostics: list[Diagnostic], today: dt.date, vocabulary: Iterable[str]
) -> list[Diagnostic]:
    """The problems of each annotation whose article text cannot be used (not UTF-8, binary, too
    large): its own mistakes came out only after the text was mended, a second round for the
    contributor. Its quotes cannot be looked for in a text that could not be read."""
    used = {seed.text_path for seed in seeds}
    reported = {d.path for d in diagnostics if d.level == "error"}
    problems = []
    for text_path in sorted(path for path in reported if path.endswith(TEXT_SUFFIX) and path not in used):
        annotation_path = text_path.removesuffix(TEXT_SUFFIX) + ANNOTATION_SUFFIX
        if annotation_path in reported or not os.path.isfile(annotation_path):
            continue
        text, unusable = read_text_file(Path(annotation_path), MAX_ANNOTATION_BYTES, Path(text_path).parent)
        if text is not None and not unusable:
            problems += parse_annotation(annotation_path, text, extracted=None, today=today, known_topics=vocabulary)[1]
    return problems


class _Found(NamedTuple):
    """A seed and what the cache holds for it (None: not cached)."""

    seed: Seed
    text_digest: str
    annotation_digest: str | None
    extracted: tuple[Extracted, str] | None  # the extraction and its body's `validate.body_key`
    merged: Merged | None = None  # the merged article: `extracted` is then left None


def _look_up(seed: Seed, cache: SeedCache, today: dt.date) -> _Found:
    text, annotation = _digests(seed, cache)
    merged = cache.merged(seed, text, annotation, today)
    if merged is not None:
        return _Found(seed, text, annotation, None, merged)
    return _Found(seed, text, annotation, cache.extracted(text))


class Analysis(NamedTuple):
    """What a seed yields: its extraction with the problems found, its parsed annotation with its
    problems (None without an annotation), the body's `validate.body_key` and the merged article."""

    extraction: tuple[Extracted, list[Diagnostic]]
    parsed: tuple[Annotation | None, list[Diagnostic]] | None
    body_key: str
    article: Article


def analyse(entry: _Found, today: dt.date, vocabulary: Iterable[str]) -> Analysis:
    """`entry`'s seed analysed, with the cache's results where it has them.

    Everything per seed is done here, so that a cold build does it in the worker processes: the
    body key and the merge were 3 s of a 10,000-article build's serial part.
    """
    seed = entry.seed
    if entry.extracted is not None:
        extraction, key = (entry.extracted[0], []), entry.extracted[1]
    else:
        extraction = extract_safely(seed.text_path, seed.text or "")
        key = body_key(extraction[0].body) if not extraction[1] else ""
    parsed = None
    if seed.annotation_path is not None:
        assert seed.annotation_text is not None  # read in full by `_cached`
        parsed = parse_annotation(
            seed.annotation_path, seed.annotation_text, extracted=extraction[0], today=today, known_topics=vocabulary
        )
    annotation = parsed[0] if parsed is not None else None
    article = merge(seed, extraction[0], annotation)
    if article.published is not None and article.published > today and not extraction[1]:
        # The text's own date (an annotation's date is checked with the annotation). Reported as a
        # problem of the extraction, which is then not cached: the next build looks again, another day.
        extraction = (extraction[0], [_future_text_date(seed, article.published, today)])
    return Analysis(extraction, parsed, key, article)


def _future_text_date(seed: Seed, published: dt.date, today: dt.date) -> Diagnostic:
    """The error for a date read from the text that lies after `today`: it passed, and the article sat
    at the top of every list, dated years ahead."""
    where = seed.annotation_path or seed.text_path.removesuffix(TEXT_SUFFIX) + ANNOTATION_SUFFIX
    return Diagnostic(
        seed.text_path,
        message=f"the text's date, {published.isoformat()}, is in the future (the latest date on Earth today is "
        f"{today.isoformat()}); give the date the article was published as 'published: YYYY-MM-DD' in {where}",
    )


def _cached(
    seeds: list[Seed], cache: SeedCache, today: dt.date, seeds_dir: Path
) -> tuple[list[_Found], list[Diagnostic]]:
    """Every seed with its cached results. A seed left unread (unchanged since it was last read) whose
    results are missing from the cache is read in full; one that can no longer be read (it changed in
    the meantime) is dropped, with the problems found."""
    found: list[_Found] = []
    problems: list[Diagnostic] = []
    for seed in seeds:
        entry = _look_up(seed, cache, today)
        complete = entry.merged is not None or (entry.extracted is not None and seed.annotation_path is None)
        unread = seed.text is None or (seed.annotation_path is not None and seed.annotation_text is None)
        if not complete and unread:
            read, more = read_seed(seeds_dir, seed.stem, seed.text_path, seed.annotation_path)
            problems.extend(more)
            if read is None:
                continue
            entry = _look_up(read, cache, today)
        found.append(entry)
    return found, problems


def collect(
    seeds_dir: Path, *, today: dt.date | None = None, cache: SeedCache | None = None
) -> tuple[list[Article], list[Diagnostic]]:
    """All articles in `seeds_dir`, merged, and every problem found on the way (nothing written).

    `cache` keeps per-seed results between runs; without one, everything is computed afresh. With
    one, the seed files unchanged since they were last read are not read again (`SeedCache.known_file`).
    """
    today = today or latest_today()
    cache = cache or SeedCache(None)
    seeds_dir = Path(seeds_dir)
    seeds, diagnostics = read_seeds(seeds_dir, cache.known_file)
    vocabulary = tuple(topics())
    diagnostics.extend(_beside_unusable_texts(seeds, diagnostics, today, vocabulary))
    found, problems = _cached(seeds, cache, today, seeds_dir)
    diagnostics.extend(problems)

    # Extraction and annotation parsing of the seeds the cache lacks (read in full above), in worker
    # processes when there are many.
    from generator.parallel import fork_map

    pending = [
        index
        for index, entry in enumerate(found)
        if entry.merged is None and (entry.extracted is None or entry.seed.annotation_path is not None)
    ]
    results = fork_map(lambda index: analyse(found[index], today, vocabulary), pending, "extracting")
    analysed = dict(zip(pending, results, strict=True))

    articles = []
    rejected = set()
    body_keys = {}
    for index, entry in enumerate(found):
        seed = entry.seed
        outcome, extracted_cleanly = entry.merged, True
        if outcome is None:
            result = analysed[index] if index in analysed else analyse(entry, today, vocabulary)  # cached, not merged
            (extracted, problems), parsed = result.extraction, result.parsed
            diagnostics.extend(problems)
            annotation, annotation_problems = parsed if parsed is not None else (None, [])
            outcome = Merged(
                result.article, annotation_problems, parsed is not None and annotation is None, result.body_key
            )
            extracted_cleanly = not problems
            if extracted_cleanly:  # a failed extraction is not cached: the next build tries it again
                if entry.extracted is None:
                    cache.put_extracted(entry.text_digest, extracted, result.body_key)
                cache.put_merged(seed, entry.text_digest, entry.annotation_digest, today, outcome)
        diagnostics.extend(outcome.problems)
        if extracted_cleanly:
            body_keys[seed.stem] = outcome.body_key
        if outcome.rejected:
            rejected.add(seed.stem)
        articles.append(outcome.article)
    cache.save()
    unique = make_slugs_unique(articles)
    original = {a.stem: a.page_path for a in articles}
    renamed = {a.stem: original[a.stem] for a in unique if a.page_path != original[a.stem]}
    # Unused topics are only worth a look once everything else is right.
    clean = not rejected and not any(d.level == "error" for d in diagnostics)
    diagnostics.extend(check_collection(unique, renamed, vocabulary if clean else (), body_keys, frozenset(rejected)))
    return unique, sorted(diagnostics, key=sort_key)
