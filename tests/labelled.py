"""The labelled set in `tests/extraction_cases/`: raw text + expected fields, and the quality metrics over it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.clean import normalise
from generator.extract import extract
from generator.model import Extracted

CASES_DIR = Path(__file__).parent / "extraction_cases"
REPO = Path(__file__).parent.parent


@dataclass(frozen=True)
class Case:
    """One labelled article; `source` names a seed file instead of a sibling `.txt`."""

    name: str
    text: str
    label: dict


def cases() -> list[Case]:
    found = []
    for path in sorted(CASES_DIR.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        text_path = REPO / label["source"] if "source" in label else path.with_suffix(".txt")
        found.append(Case(path.stem, text_path.read_text(encoding="utf-8"), label))
    return found


@dataclass
class Quality:
    """Counts over the set; the ratios are what the thresholds guard."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    dated: int = 0
    dated_right: int = 0
    wrong_year: list[str] = field(default_factory=list)
    furniture: int = 0
    furniture_removed: int = 0
    article_lines: int = 0
    article_lost: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_positive)

    @property
    def recall(self) -> float:
        return self.true_positive / max(1, self.true_positive + self.false_negative)

    @property
    def date_accuracy(self) -> float:
        return self.dated_right / max(1, self.dated)

    @property
    def removal_rate(self) -> float:
        return self.furniture_removed / max(1, self.furniture)

    @property
    def loss_rate(self) -> float:
        return self.article_lost / max(1, self.article_lines)

    def report(self) -> str:
        return (
            f"countries: precision {self.precision:.3f}, recall {self.recall:.3f}; "
            f"dates: {self.dated_right}/{self.dated} right, wrong years: {self.wrong_year or 'none'}; "
            f"furniture removed {self.furniture_removed}/{self.furniture} ({self.removal_rate:.3f}); "
            f"article lines lost {self.article_lost}/{self.article_lines} ({self.loss_rate:.4f})"
        )


def score(case: Case, result: Extracted, quality: Quality) -> None:
    expected = set(case.label["countries"])
    got = set(result.countries)
    quality.true_positive += len(expected & got)
    quality.false_positive += len(got - expected)
    quality.false_negative += len(expected - got)
    if got != expected:
        quality.problems.append(f"{case.name}: countries +{sorted(got - expected)} -{sorted(expected - got)}")
    published = result.published.isoformat() if result.published else None
    if case.label["published"] is not None:
        quality.dated += 1
        quality.dated_right += published == case.label["published"]
    if published != case.label["published"]:
        quality.problems.append(f"{case.name}: published {published} != {case.label['published']}")
        if published and case.label["published"] and published[:4] != case.label["published"][:4]:
            quality.wrong_year.append(case.name)
        if published and case.label["published"] is None:
            quality.wrong_year.append(case.name)  # a date where the text gives none is a wrong year too
    furniture = [normalise(line) for line in case.label["furniture"]]
    removed = list(result.removed)
    for line in furniture:
        quality.furniture += 1
        if line in removed:
            quality.furniture_removed += 1
            removed.remove(line)
        else:
            quality.problems.append(f"{case.name}: furniture kept: {line[:70]!r}")
    body = set(result.body.split("\n\n"))
    title = case.label["title"]
    furniture_left = list(furniture)
    for raw in case.text.splitlines():
        line = normalise(raw)
        if not line:
            continue
        if line in furniture_left:
            furniture_left.remove(line)
            continue
        if line == title:
            continue
        line = _without_furniture_tail(line, furniture_left)
        quality.article_lines += 1
        if not _kept(line, body) and not _kept(line.rstrip("*").rstrip(), body):
            quality.article_lost += 1
            quality.problems.append(f"{case.name}: article line lost: {line[:70]!r}")


def _without_furniture_tail(line: str, furniture_left: list[str]) -> str:
    """The article's part of a line that ends with labelled furniture in brackets (a writer's code
    appended to the last paragraph, `… ke depan. (afp/bac)`); that furniture is used up, as a line of
    its own would be. Only bracketed furniture: a subheading `Reaksi Iran` does not end in the tag `Iran`."""
    for tail in furniture_left:
        if tail.startswith("(") and line.endswith(" " + tail):
            furniture_left.remove(tail)
            return line.removesuffix(tail).rstrip()
    return line


def _kept(line: str, body: set[str]) -> bool:
    """The line is a paragraph of the body, or opens or closes one (a dateline printed on a line of
    its own is joined to its lead)."""
    return line in body or any(p.startswith(line + " ") or p.endswith(" " + line) for p in body)


def measure() -> Quality:
    quality = Quality()
    for case in cases():
        score(case, extract(case.text), quality)
    return quality
