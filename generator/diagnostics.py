"""Print diagnostics: sorted plain lines, a summary, and GitHub Actions workflow commands."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable

from generator.load import ANNOTATION_SUFFIX, TEXT_SUFFIX
from generator.model import Diagnostic

# C0/C1 control characters (and DEL): never printed raw, so input cannot forge output lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# What a line of text in an annotation or the vocabulary may not hold: control characters (line breaks
# and tabs are folded to spaces in single-line fields first), and U+FFFE and U+FFFF, which are no
# characters at all: a YAML escape ("\\uffff") makes one, and the feeds' XML may not hold it.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def unwritable_character(value: str) -> str | None:
    """What is wrong with the first character of `value` no page or feed can hold ("contains the control
    character U+001B"), or None when there is none."""
    bad = _UNWRITABLE.search(value)
    if bad is None:
        return None
    kind = "the noncharacter" if bad.group() in "\ufffe\uffff" else "the control character"
    return f"contains {kind} U+{ord(bad.group()):04X}"


def quoted(value: object, limit: int = 60) -> str:
    """`value` as shown in a message: repr-quoted (no raw line breaks), shortened if long."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def sort_key(diagnostic: Diagnostic) -> tuple:
    """Order by file, then position (position-less first), then level and message."""
    d = diagnostic
    return (d.path, d.line or 0, d.col or 0, d.level, d.message)


def printable(text: str) -> str:
    r"""`text` with control characters shown as escapes: `"a\nb"` → `a\x0ab`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def format_line(diagnostic: Diagnostic) -> str:
    """`path:line:col: level: message`, safe to print on one line."""
    line = printable(diagnostic.format())
    # A line starting with "::" would be read by GitHub Actions as a workflow command.
    return "./" + line if line.startswith("::") else line


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def within_working_folder(path: str) -> str:
    """`path` relative to the working folder when it lies inside it (as a contributor types it, and as
    GitHub wants it: the checkout is the working folder); as it is otherwise."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            return path
        if not relative.startswith(".."):
            return relative
    return path


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """The choice `value` is closest to, when it is close enough to be what was meant."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def github_command(diagnostic: Diagnostic) -> str:
    """`::error file=…,line=…,col=…::message`, escaped by GitHub's rules for workflow commands."""
    properties = [f"file={_escape_property(within_working_folder(diagnostic.path))}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        if diagnostic.col is not None:
            properties.append(f"col={diagnostic.col}")
    return f"::{diagnostic.level} {','.join(properties)}::{_escape_data(diagnostic.message)}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(diagnostics: Iterable[Diagnostic], articles: int) -> str:
    """`2 errors, 1 warning in 5 articles`."""
    diagnostics = list(diagnostics)
    errors = sum(d.level == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {_count(articles, 'article')}"


def report(diagnostics: Iterable[Diagnostic], *, github: bool = False, github_warnings: bool = True) -> list[str]:
    """The lines to print for `diagnostics`, sorted; with `github`, each error (and each warning, with
    `github_warnings`) followed by its workflow command."""
    lines = []
    for diagnostic in sorted(diagnostics, key=sort_key):
        lines.append(format_line(diagnostic))
        if github and (github_warnings or diagnostic.level == "error"):
            lines.append(github_command(diagnostic))
    return lines


# Seed files named in a message ("would share the page … with seeds/b.txt"): the files it is also about.
_NAMED_SEED_FILE = re.compile(rf"[^\s'\"]+(?:{re.escape(TEXT_SUFFIX)}|{re.escape(ANNOTATION_SUFFIX)})\b")


def _same_file(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def touching(diagnostics: Iterable[Diagnostic], changed: Iterable[str]) -> tuple[list[Diagnostic], int]:
    """The diagnostics that a change of the files `changed` answers for, and how many warnings are left out.

    At 10,000 articles a digest may carry thousands of warnings (articles not yet annotated, for one);
    a pull request's own would be lost among them, and GitHub shows only the first ten of a step's
    warnings on the diff. Errors are always kept: each stops the build, wherever it is. A warning is
    kept when it is about a changed file or the other file of its seed (the text beside a changed
    annotation, and the reverse), or names one of them: a page the change takes from another article.
    """
    files = set()
    for path in changed:
        files.add(_same_file(path))
        for suffix, other in ((TEXT_SUFFIX, ANNOTATION_SUFFIX), (ANNOTATION_SUFFIX, TEXT_SUFFIX)):
            if path.endswith(suffix):
                files.add(_same_file(path[: -len(suffix)] + other))
    # 10,000 articles carry some 15,000 warnings: normalising each one's path was 0.3 s of a rebuild.
    # A path whose last part is no changed file's cannot be one; only the others are normalised.
    names = {os.path.basename(path) for path in files}

    def changed_file(path: str) -> bool:
        return os.path.basename(path) in names and _same_file(path) in files

    kept, left_out = [], 0
    for diagnostic in diagnostics:
        message = diagnostic.message
        named = _NAMED_SEED_FILE.findall(message) if TEXT_SUFFIX in message or ANNOTATION_SUFFIX in message else ()
        if diagnostic.level == "error" or changed_file(diagnostic.path) or any(map(changed_file, named)):
            kept.append(diagnostic)
        else:
            left_out += 1
    return kept, left_out


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
