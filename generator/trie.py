"""A regex alternation of many literal words, factored into a prefix trie.

`re` tries a plain `a|b|c|…` alternation branch by branch at every position; a trie lets it
reject a position on the first character, which keeps whole-article scans in the microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def literal_alternation(words: Iterable[str]) -> str:
    """One regex for many literal names, factored by common prefixes so `re` scans at C speed.

    Optional tails are greedy, so at a position the longest name wins (`Guinea-Bissau` over `Guinea`).
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

    return build(root)
