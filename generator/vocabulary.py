"""Load the contributor-extensible data files in `generator/data/`.

The topic vocabulary is edited by contributors (CONTRIBUTING.md), so it is checked as an annotation
is: every problem at its line and column, all at once (`VocabularyError`), never a traceback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from generator.diagnostics import did_you_mean, unwritable_character, within_working_folder
from generator.model import Diagnostic, Topic
from generator.yaml_comments import comment_cuts
from generator.yaml_safety import FAST_LOADER, safety_problems

DATA_DIR = Path(__file__).parent / "data"
# libyaml when present: a build reads seven data files, and the pure-Python parser took 85 ms for
# them, a tenth of the generator's time on a 100-article digest (libyaml: 9 ms, the same values).
_LOADER = FAST_LOADER


def load_data(name: str):
    """The content of the data file `generator/data/<name>`."""
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=_LOADER)


class VocabularyError(Exception):
    """The topic vocabulary has problems: `diagnostics` lists them all."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the topic vocabulary")
        self.diagnostics = diagnostics


TOPICS_FILE = "topics.yml"
_TOPIC_KEYS = ("slug", "label", "description", "keywords")
_REQUIRED = ("slug", "label", "description")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_RESERVED_SLUGS = frozenset({"index"})
_TEXT = "tag:yaml.org,2002:str"


@cache
def topics() -> dict[str, Topic]:
    """The topic vocabulary, keyed by slug, in file order; raises `VocabularyError` with every problem."""
    path = DATA_DIR / TOPICS_FILE
    found, problems = read_topics(within_working_folder(str(path)), path.read_text(encoding="utf-8"))
    if problems:
        raise VocabularyError(problems)
    return found


def topic_label(slug: str) -> str:
    """The topic's English label; the slug itself for one the vocabulary does not have (an article
    merged before a topic left the vocabulary is rejected by `check`, but pages must not fail on it)."""
    entry = topics().get(slug)
    return entry.label if entry is not None else slug


def read_topics(path: str, text: str) -> tuple[dict[str, Topic], list[Diagnostic]]:
    """The topics `text` (the content of the vocabulary file at `path`) defines, and its problems."""
    problems: list[Diagnostic] = []

    def problem(node: yaml.Node | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        problems.append(Diagnostic(path, line, col, "error", message))

    try:
        unsafe = safety_problems(path, text, _LOADER, what="the topic vocabulary")
        if unsafe:
            return {}, unsafe
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        what = getattr(err, "problem", None) or "not valid YAML"
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        message = f"invalid YAML: {what}; check the indentation against the entries around it"
        return {}, [Diagnostic(path, line, col, "error", message)]
    if not isinstance(root, yaml.SequenceNode):
        problem(root, "expected a list of topics, each starting with '- slug: …'")
        return {}, problems

    if "#" in text:  # an error here, a warning in an annotation: nothing overrules the vocabulary's words
        problems += [Diagnostic(path, cut.line, cut.col, "error", cut.message) for cut in comment_cuts(root, text)]
    found: dict[str, Topic] = {}
    for entry in root.value:
        if not isinstance(entry, yaml.MappingNode):
            problem(entry, "each topic is a mapping: '- slug: …' with 'label', 'description' and 'keywords' below it")
            continue
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in entry.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problem(key_node, f"a key is a word: a topic has {', '.join(map(repr, _TOPIC_KEYS))}")
                continue
            key = key_node.value
            if key not in _TOPIC_KEYS:
                meant = did_you_mean(key, _TOPIC_KEYS)
                hint = f"did you mean {meant!r}?" if meant else f"a topic has {', '.join(map(repr, _TOPIC_KEYS))}"
                problem(key_node, f"unknown key {key!r}: {hint}")
            elif key in values:
                problem(key_node, f"{key!r} is given twice in this topic")
            else:
                values[key] = value_node
        missing = [key for key in _REQUIRED if key not in values]
        if missing:
            problem(entry, f"this topic has no {' or '.join(map(repr, missing))}; every topic needs one")
        texts = {}
        for key in _REQUIRED:
            node = values.get(key)
            if node is None:
                continue
            if not isinstance(node, yaml.ScalarNode) or node.tag != _TEXT or "\n" in node.value.strip():
                # `label: Yes` is a boolean to YAML, `label: 2024` a number: quoted, they are text.
                misread = isinstance(node, yaml.ScalarNode) and node.tag != _TEXT
                quote = " (in quotes, if YAML reads it as something else: 'Yes', '2024')" if misread else ""
                problem(node, f"{key!r} must be a line of text{quote}")
                continue
            if not node.value.strip():
                problem(node, f"{key!r} is empty; write a line of text")
                continue
            bad = unwritable_character(node.value)
            if bad:
                problem(node, f"{key!r} {bad}; remove it")
                continue
            texts[key] = node.value.strip()
        slug = texts.get("slug")
        if slug is not None and not SLUG.fullmatch(slug):
            from slugify import slugify

            better = slugify(slug)
            like = f", like {better!r}" if better else ""
            problem(values["slug"], f"slug {slug!r} must be lowercase ASCII words joined by hyphens{like}")
            slug = None
        elif slug in _RESERVED_SLUGS:  # topics/index.md is the list of topics: the topic's page replaced it
            problem(values["slug"], f"slug {slug!r} is the name of the topics' index page; give this topic another")
            slug = None
        elif slug is not None and slug in found:
            problem(values["slug"], f"slug {slug!r} is already a topic above; give this one another slug")
            slug = None
        label = texts.get("label")
        twin = next((topic for topic in found.values() if label and topic.label.casefold() == label.casefold()), None)
        if twin is not None:  # both showed as "Border security" on a page, and the tags plugin merged them
            problem(
                values["label"], f"label {label!r} is already the label of topic {twin.slug!r}; give this topic another"
            )
            slug = None
        keywords = _keywords(values.get("keywords"), problem)
        if slug is not None and len(texts) == len(_REQUIRED):
            found[slug] = Topic(slug=slug, label=texts["label"], description=texts["description"], keywords=keywords)
    return found, sorted(problems, key=lambda d: (d.line or 0, d.col or 0))


def searchable_keyword(keyword: str) -> bool:
    """Whether texts can be searched for `keyword`: `tagging` looks for keywords at the start of a word,
    on one line."""
    return re.match(r"\w", keyword) is not None and "\n" not in keyword


def _keywords(node: yaml.Node | None, problem) -> tuple[str, ...]:
    """The Indonesian keywords of a topic: a list of lowercase words or phrases (none when absent)."""
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problem(node, "'keywords' must be a list, like [perbatasan, penjaga perbatasan]")
        return ()
    words = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != _TEXT or not item.value.strip():
            problem(item, "each keyword is a word or a phrase (quote one YAML reads otherwise: 'null', '2024')")
        elif (bad := unwritable_character(item.value)) is not None:
            problem(item, f"a keyword {bad}; remove it")
        elif item.value != item.value.lower():
            problem(item, f"keyword {item.value!r} must be lowercase: {item.value.lower()!r}")
        elif not searchable_keyword(item.value.strip()):
            # "(isis)" stopped every seed's extraction with an error that named the seed, not this file.
            problem(item, f"keyword {item.value!r} must start with a letter or a digit and fit on one line")
        else:
            words.append(item.value.strip())
    return tuple(words)
