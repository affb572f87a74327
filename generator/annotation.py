"""Parse a contributor's annotation (`seeds/<name>.yml`) into an `Annotation`, reporting problems."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.model import ANNOTATION_KEYS, Annotation, Diagnostic, Note

_LIST_KEYS = ("countries", "topics", "people", "organisations")
# libyaml's parser when PyYAML was built with it: the same safe loading, ten times faster (errors are
# reported by the pure-Python parser, below).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_annotation(path: str, text: str) -> tuple[Annotation | None, list[Diagnostic]]:
    """The annotation in `text`, or None and the reasons it cannot be used."""
    try:
        try:
            data = yaml.load(text, Loader=_LOADER)
        except yaml.YAMLError:
            # libyaml words its errors differently; report PyYAML's, which the tests pin.
            data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        return None, [Diagnostic(path, line, col, message=f"YAML syntax error: {getattr(err, 'problem', err)}")]
    if data is None:
        return Annotation(), []
    if not isinstance(data, dict):
        return None, [Diagnostic(path, message="the annotation must be a mapping of keys to values")]
    problems = [
        Diagnostic(path, message=f"unknown key {key!r}; expected one of: {', '.join(ANNOTATION_KEYS)}")
        for key in data
        if key not in ANNOTATION_KEYS
    ]
    values: dict[str, object] = {}
    for key in ANNOTATION_KEYS:
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if key == "published":
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    pass
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                problems.append(Diagnostic(path, message=f"published must be a date YYYY-MM-DD, got {value!r}"))
                continue
        elif key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(Diagnostic(path, message=f"{key} must be a list of strings"))
                continue
            value = tuple(value)
        elif key == "notes":
            if not isinstance(value, list) or not all(
                isinstance(n, dict) and isinstance(n.get("quote"), str) and isinstance(n.get("note"), str)
                for n in value
            ):
                problems.append(Diagnostic(path, message="notes must be a list of {quote: ..., note: ...}"))
                continue
            value = tuple(Note(quote=n["quote"], note=n["note"]) for n in value)
        elif not isinstance(value, str):
            problems.append(Diagnostic(path, message=f"{key} must be a string"))
            continue
        values[key] = value
    if any(p.level == "error" for p in problems):
        return None, problems
    return Annotation(**values), problems
