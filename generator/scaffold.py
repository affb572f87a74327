"""Write the starting annotation for a new article (the pure part of `python -m generator new`)."""

from __future__ import annotations

import yaml

from generator.annotation import MAX_LENGTH, REVIEW_MARKER, SUMMARY_PLACEHOLDER, country_codes
from generator.model import Extracted
from generator.vocabulary import topics

REVIEW = REVIEW_MARKER

_HEADER = """\
# Annotation of {text_name}: see CONTRIBUTING.md for what every key means.
# Values marked "{review}" were read from the text by the generator. Check each
# one: correct it, or write null if the article has none (a key left empty, or deleted, keeps
# what the generator reads from the text); then remove the marker (check lists those left).
"""

_NOTES_TEMPLATE = """\
# Editorial notes anchored to an exact phrase of the article (optional):
# notes:
#   - quote: "an exact phrase that occurs once in the article"
#     note: "context, caveat or fact-check shown at that phrase"
"""


def _dump(key: str, value: object) -> str:
    """One `key: value` line, dumped by YAML (never formatted by hand), lists in flow style."""
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, default_flow_style=True, sort_keys=False, width=float("inf")
    ).strip()[1:-1]  # flow style wraps the mapping in braces


def _entry(key: str, value: object) -> str:
    if value in (None, "", ()):
        return f"{key}:\n"
    if isinstance(value, str):
        value = " ".join(value.split())
        if len(value) > MAX_LENGTH[key]:  # an extraction gone wrong: do not hand `check` an error
            return f"# the extracted {key} was longer than {MAX_LENGTH[key]} characters: please write it\n{key}:\n"
    elif isinstance(value, tuple):
        value = [" ".join(v.split()) for v in value if len(" ".join(v.split())) <= MAX_LENGTH[key]]
        if not value:
            return f"{key}:\n"
    line = _dump(key, value)
    if "\n" in line:  # cannot happen for folded values; keep the comment out of any multi-line scalar
        return f"{REVIEW}\n{line}\n"
    return f"{line}  {REVIEW}\n"


def annotation_template(text_name: str, extracted: Extracted) -> str:
    """The YAML text of a new annotation for `text_name`, pre-filled from `extracted`."""
    e = extracted
    parts = [
        _HEADER.format(text_name=text_name, review=REVIEW),
        _entry("title", e.title),
        "title_en:\n",
        "url:\n",
        _entry("outlet", e.outlet),
        _entry("original_source", e.original_source),
        _entry("dateline", e.dateline),
        _entry("editor", e.editor),
        _entry("published", e.published),
        "date_note:\n",
        # Written out so that contributors meet the key; never read from the text, so not marked for review.
        "date_estimated: false\n",
        _entry("countries", tuple(sorted(c for c in e.countries if c in country_codes()))),
        _entry("topics", tuple(t for t in e.topics if t in topics())),
        _entry("people", e.people),
        _entry("organisations", e.organisations),
        _dump("summary", SUMMARY_PLACEHOLDER) + "\n",
        _NOTES_TEMPLATE,
    ]
    return "".join(parts)
