"""The YAML constructs no contributor needs and an attacker uses, refused in every file contributors
edit (annotations and `topics.yml`) before it is composed: aliases (a few nested ones expand to millions of
nodes, and a recursive one made the vocabulary's checks loop for ever), anchors, tags, deep nesting.
"""

from __future__ import annotations

import re

import yaml

from generator.model import Diagnostic

MAX_YAML_EVENTS = 5_000
MAX_YAML_DEPTH = 10
# libyaml's parser when PyYAML was built with it: the same safe loading, about ten times faster.
# On a syntax error the pure-Python parser runs again, so messages read the same either way.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Half of a UTF-16 pair: YAML's "\ud800" escape makes one, and no file can hold it on its own.
_SURROGATE = re.compile("[\ud800-\udfff]")


# A file of a thousand anchors is an attack, not a mistake: a few of its problems say enough.
_MAX_SAFETY_PROBLEMS = 10


def safety_problems(path: str, text: str, loader: type = FAST_LOADER, what: str = "the annotation") -> list[Diagnostic]:
    """Every construct contributors never need and attackers use: aliases, anchors, tags, deep nesting
    (up to `MAX_YAML_EVENTS` of the parser's events: past them, one problem says so)."""
    problems = []
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=loader)):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)

        def problem(message: str, where: tuple[int, int] = where) -> None:
            problems.append(Diagnostic(path, *where, "error", message))

        if count > MAX_YAML_EVENTS:
            problem(f"{what} is too long or too deeply structured")
            break
        if isinstance(event, yaml.ScalarEvent) and (half := _SURROGATE.search(event.value)):
            code = ord(half.group())
            problem(
                f"contains U+{code:04X}, half of a character written as an escape (\\u{code:04x}), which cannot "
                "stand alone; write the character itself, or its 8-digit escape (\\U0001F1EE)"
            )
        if isinstance(event, yaml.AliasEvent):
            problem("YAML aliases (*name) are not allowed; write the value out in full")
        elif getattr(event, "anchor", None) is not None:  # an alias's `anchor` is the name it refers to
            problem("YAML anchors (&name) are not allowed; remove the anchor")
        if getattr(event, "tag", None) is not None:
            problem(f"YAML tags ({event.tag}) are not allowed; remove the tag")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                problem(f"nested more than {MAX_YAML_DEPTH} levels deep; flatten it")
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(problems) >= _MAX_SAFETY_PROBLEMS:
            problem("more YAML anchors, aliases or tags follow; remove every one of them")
            break
    return problems
