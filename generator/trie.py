"""A regex alternation of many literal words, factored into a prefix trie.

`re` tries a plain `a|b|c|…` alternation branch by branch at every position; a trie lets it
reject a position on the first character, which keeps whole-article scans in the microseconds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate


def literal_alternation(words: Iterable[str], not_after: str | None = None) -> str:
    """One regex for many literal names, factored by common prefixes so `re` scans at C speed.

    Optional tails are greedy, so at a position the longest name wins (`Guinea-Bissau` over `Guinea`).

    `not_after` (a one-character class such as `[\\w-]`) makes the result behave as
    `(?<!not_after)(?:…)`, but with the check placed after each first character: a pattern that
    opens with a lookbehind makes `re` attempt a match at every position, while one that opens with
    a literal lets it skip ahead to the characters that can start a word.
    """
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    if not_after is None:
        return build(root)
    # `X(?<!CX)`: after the first character X, the one before it must not be in class C; at the
    # start of the text the two-character lookbehind does not fit, so it holds, as `(?<!C)` would.
    firsts = [(re.escape(char), child) for char, child in sorted(root.items()) if char]
    branches = [f"{char}(?<!{not_after}{char}){build(child)}" for char, child in firsts]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class WordFinder:
    """Whole words from a list, found as `re.compile(literal_alternation(words, not_after) + tail)` would.

    That pattern lets `re` skip to the characters that can start a word, a quick scan when those are
    capitals; a word starting in lower case (`rezim Zionis`) adds a common letter to them, and the
    scan then stops at every `r` (2.4 times the work). So the words starting with a capital get a pattern
    of their own, for texts that hold none of the other words: there both patterns find the same
    matches, because only a word that occurs in the text can match, and the two sets of words start
    with different letters.
    """

    everything: re.Pattern[str]
    capitalised: re.Pattern[str]
    others: tuple[str, ...]  # the words that do not start with a capital

    @classmethod
    def compile(cls, words: Iterable[str], not_after: str, tail: str = "") -> WordFinder:
        words = list(words)
        capitalised = [word for word in words if word[:1].isupper()]
        return cls(
            everything=re.compile(literal_alternation(words, not_after) + tail),
            capitalised=re.compile((literal_alternation(capitalised, not_after) if capitalised else "(?!)") + tail),
            others=tuple(word for word in words if not word[:1].isupper()),
        )

    def pattern_for(self, text: str) -> re.Pattern[str]:
        """The pattern to search `text` with, or any part of it (as a whole document is tested once)."""
        return self.everything if any(word in text for word in self.others) else self.capitalised

    def patterns_for(self, texts: Sequence[str]) -> list[re.Pattern[str]]:
        """`pattern_for` each of `texts` (the paragraphs of a document, say), with one search per word.

        A document holding `rezim Zionis` holds it in a paragraph or two: the others are searched
        with the faster pattern.
        """
        holding = texts_holding(self.others, texts)
        return [self.everything if i in holding else self.capitalised for i in range(len(texts))]


def texts_holding(words: Iterable[str], texts: Sequence[str]) -> set[int]:
    """The indexes of the `texts` that hold one of `words`.

    One `str.find` pass per word over the texts joined, rather than one `in` per word and text: a
    search is quick, but there were as many as paragraphs times words.
    """
    joined = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))  # where each text starts in `joined`
    holding: set[int] = set()
    for word in words:
        at = joined.find(word)
        while at != -1:
            holding.add(bisect_right(starts, at) - 1)  # a word across a line break counts too: never a miss
            at = joined.find(word, at + 1)
    return holding
