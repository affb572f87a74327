"""The hand-written front matter emitter gives PyYAML's bytes, or declines and lets PyYAML write.

`front_matter` writes plain data itself (`_written_by_hand`) and falls back on `yaml.dump`
(`_dumped_by_yaml`, the code path it replaced) for anything it is not certain of. Here both write
many generated values full of what YAML treats specially, and must agree wherever the hand-written
one does not decline; it must decline rarely, and never on the values article pages hold.
"""

from __future__ import annotations

import random

import pytest

from generator.pages.frontmatter import _dumped_by_yaml, _written_by_hand, front_matter

# Pieces of strings that YAML treats specially somewhere: indicators at the start, in the middle
# and at the end, words that read back as other types, quotes, spaces, and characters libyaml
# escapes or treats as line breaks (those make the hand-written emitter decline).
AWKWARD = [
    *"'\":#-?*&!|>%@`,[]{}=~<.+\\",
    ": ",
    " #",
    "- ",
    "? ",
    "---",
    "...",
    "<<",
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "~",
    "0",
    "1",
    "-1",
    "+1",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "1e3",
    "1.5",
    ".5",
    ".inf",
    "-.Inf",
    ".nan",
    "1:20",
    "190:20:30",
    "2019-06-20",
    "2001-12-14t21:59:43.10-05:00",
    "2002-12-14",
    "é",
    "“",
    "”",
    "’",
    "—",
    "…",
    "中文",
    "\xa0",
    "\u2009",
    "\u3000",
    "\ufffd",
    "\ue000",
    "\ud7ff",
    "\u2027",
    "\u202a",
    "\xad",
    "\xa0a",
    "&amp;",
    "&#x27;",
    "<script>",
    "\\u00e9",
    "\\",
]
# What the hand-written emitter declines: characters libyaml escapes or treats as line breaks, and
# emoji (libyaml escapes them, so `_dumped_by_yaml` uses PyYAML's pure-Python emitter instead).
DECLINED = [
    "\\U0001F600",
    "😀",
    "\U0001f1ee\U0001f1f7",
    "\t",
    "\n",
    "\r",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x7f",
    "\x00",
    "\x1b",
    "\ufffe",
    "\x9f",
]
WORDS = ["Iran", "dan", "Rusia", "a", "perbatasan", "Kementerian", "x" * 30, "Amerika Serikat"]


def awkward_string(rng: random.Random) -> str:
    length = rng.choice([0, 1, 1, 2, 3, 5, 10, 20, 40, 80])
    pieces = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.45:
            pieces.append(rng.choice(WORDS))
        elif roll < 0.75:
            pieces.append(rng.choice([" ", " ", " ", "  ", "   "]))
        elif roll < 0.998:
            pieces.append(rng.choice(AWKWARD))
        else:
            pieces.append(rng.choice(DECLINED))
    return "".join(pieces)


def awkward_value(rng: random.Random, depth: int = 0, in_list: bool = False):
    roll = rng.random()
    if roll < 0.55 or depth > 2 or (in_list and roll < 0.79):  # a list in a list is declined: rare
        return rng.choice([awkward_string(rng)] * 8 + [None, True, False, 0, 4, -7, 10**20])
    if roll < 0.8:
        return [awkward_value(rng, depth + 1, True) for _ in range(rng.randrange(0, 4))]
    return {awkward_key(rng): awkward_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def awkward_key(rng: random.Random) -> str:
    keys = ["title", "description", "a", "original_source", "k" * 40, "summary", "notes", "x1", "y", "_"]
    if rng.random() < 0.02:  # keys that would not read back as strings, or are not plain words: declined
        return rng.choice(["yes", "null", "1", "a b", "a:", "-", ""])
    return rng.choice(keys)


def test_written_by_hand_is_byte_identical_to_yaml_dump_on_generated_values():
    rng = random.Random(20241124)
    written = declined = 0
    for _ in range(4000):
        meta = {awkward_key(rng): awkward_value(rng) for _ in range(rng.randrange(1, 6))}
        by_hand = _written_by_hand(meta)
        if by_hand is None:
            declined += 1
            continue
        written += 1
        assert by_hand == _dumped_by_yaml(meta), meta
    assert written > 2 * declined > 0  # it declines only on the rare characters of DECLINED


@pytest.mark.parametrize("column", [0, 1, 40, 95, 96, 97, 98, 99, 100, 101, 102, 103])
def test_long_lines_fold_where_libyaml_folds_them(column):
    """Every word length and spacing around the width, at every indentation of the front matter."""
    rng = random.Random(column)
    key = "k" * column
    for _ in range(300):
        words = [rng.choice(["a", "bb", "ccc", "d" * 7, "e" * 99, "'q'", "x:", "#y"]) for _ in range(30)]
        text = "".join(word + rng.choice([" ", " ", " ", "  "]) for word in words).strip()
        if rng.random() < 0.3:
            text = rng.choice(["'", " ", "-", "? ", "null "]) + text + rng.choice(["", " ", "  ", ":"])
        for meta in ({key: text}, {"a": {key: text}}, {"a": [text, {key: text}]}, {key: [[]], "b": {"c": [text]}}):
            by_hand = _written_by_hand(meta)
            if by_hand is not None:
                assert by_hand == _dumped_by_yaml(meta), meta


def test_every_character_of_the_basic_plane_is_written_as_yaml_dump_writes_it_or_declined():
    texts = [
        text
        for code in range(0x10000)
        for text in (chr(code), f"a{chr(code)}", f"{chr(code)} b", f"a {chr(code)}b")
        if _written_by_hand({"k": text}) is not None
    ]
    assert len(texts) > 0.9 * 4 * 0x10000
    for start in range(0, len(texts), 512):  # compared a page of values at a time: 20 times faster
        meta = {f"k{index}": text for index, text in enumerate(texts[start : start + 512])}
        assert _written_by_hand(meta) == _dumped_by_yaml(meta)


def test_the_same_list_twice_is_left_to_yaml_dump_which_writes_an_alias():
    shared = ["IR"]
    meta = {"a": shared, "b": shared}
    assert _written_by_hand(meta) is None
    assert "&id001" in front_matter("t", None, meta)


def test_other_types_are_left_to_yaml_dump():
    import datetime as dt

    assert _written_by_hand({"a": 1.5}) is None
    assert _written_by_hand({"a": dt.date(2024, 1, 1)}) is None
    assert _written_by_hand({1: "a"}) is None
    assert _written_by_hand({"a b": "a"}) is None
    assert front_matter("t", None, {"a": 1.5}) == "---\ntitle: t\na: 1.5\n---\n\n"
