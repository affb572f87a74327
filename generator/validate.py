"""Collection-level checks: problems that only show when all articles are seen together."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from urllib.parse import urlsplit

from generator.model import Article, Diagnostic

VOCABULARY_PATH = "generator/data/topics.yml"


def body_key(body: str) -> str:
    """What the duplicate-text check compares: the SHA-256 of `body` with its whitespace collapsed and
    its case folded, or "" when nothing is left. The seed cache keeps it, so a warm build need not
    normalise every body again."""
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest() if normalised else ""


def _normalised_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}?{parts.query}"


def check_collection(
    articles: list[Article],
    renamed: dict[str, str],
    vocabulary: tuple[str, ...] = (),
    body_keys: Mapping[str, str] | None = None,
    rejected: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """Duplicates, shared pages, unannotated articles and unused topics across `articles` (in seed order).

    `renamed` maps the stem of each article whose slug was made unique to the page it would have shared;
    `body_keys` maps stems to their text's `body_key` where already known; `rejected` holds the stems
    whose annotation has errors: their article is the text's alone, so what it lacks may be in the
    annotation, and is not told.
    """
    body_keys = body_keys or {}
    problems: list[Diagnostic] = []
    first_with_body: dict[str, Article] = {}
    first_with_url: dict[str, Article] = {}
    first_with_title: dict[str, Article] = {}
    page_owner: dict[str, Article] = {}
    for article in articles:
        page_owner.setdefault(article.page_path, article)
    for article in sorted(articles, key=lambda a: a.stem):
        body = body_keys.get(article.stem)
        if body is None:
            body = body_key(article.body)
        if body:
            first = first_with_body.setdefault(body, article)
            if first is not article:
                problems.append(
                    Diagnostic(
                        article.source_path,
                        message=f"same article text as {first.source_path}; remove one of the two",
                    )
                )
        if article.url:
            first = first_with_url.setdefault(_normalised_url(article.url), article)
            if first is not article:
                problems.append(
                    Diagnostic(
                        article.annotation_path or article.source_path,
                        message=f"same url as {first.annotation_path}: {article.url!r}; "
                        "one article, one annotation; remove the duplicate",
                    )
                )
        headline = " ".join(article.title.split()).casefold()
        same_title = first_with_title.setdefault(headline, article) if article.title != article.stem else article
        # Same headline, other text: the same report again, copied from another site or edited, whose
        # text the exact check above does not catch (a page of its own in another year's folder).
        if same_title is not article and same_title.year_folder != article.year_folder:
            problems.append(
                Diagnostic(
                    article.annotation_path or article.source_path,
                    level="warning",
                    message=f"same headline as {same_title.source_path}: the same report twice? Remove one, or keep "
                    "both if they are different reports",
                )
            )
        if article.stem in renamed:
            shared = renamed[article.stem]
            owner = page_owner.get(shared)
            problems.append(
                Diagnostic(
                    article.annotation_path or article.source_path,
                    level="warning",
                    message=f"would share the page {shared} with {owner.source_path if owner else 'another article'}; "
                    f"published as {article.page_path} instead (give it a distinct title to choose its page)",
                )
            )
        if not article.body.strip():
            problems.append(
                Diagnostic(
                    article.source_path,
                    level="warning",
                    message="no article text is left once page furniture is removed; check that the file holds the "
                    f"article (python -m generator extract {article.source_path} lists the removed lines)",
                )
            )
        # What `merge` falls back on when neither file gives a headline.
        if article.title == article.stem and article.stem not in rejected:
            problems.append(
                Diagnostic(
                    article.annotation_path or article.source_path,
                    level="warning",
                    message="no headline found in the text, so the page is titled with the file name "
                    f"{article.stem!r}; add 'title:' with the headline to the annotation",
                )
            )
        # An annotation without a summary is told so where it is read (`annotation.parse_annotation`),
        # at its empty 'summary:' line if it has one.
        if not article.summary and not article.annotation_path:
            hint = f"run: python -m generator new {article.source_path}"
            problems.append(
                Diagnostic(
                    article.source_path,
                    level="warning",
                    message=f'no summary yet: shown as "not yet annotated"; {hint}',
                )
            )
    used = {topic for article in articles for topic in article.topics}
    unused = [slug for slug in vocabulary if slug not in used]
    if articles and unused:
        problems.append(
            Diagnostic(
                VOCABULARY_PATH,
                level="warning",
                message=f"topics used by no article: {', '.join(unused)} "
                "(fine while the digest grows; remove a topic that will never be used)",
            )
        )
    return problems
