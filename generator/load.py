"""Read `seeds/`: pair each raw `.txt` with its optional `.yml` annotation (the I/O end).

Everything here distrusts the folder's contents: links, special files, huge or binary files and
files that are not UTF-8 are reported, never read through or crashed on.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from generator.model import Diagnostic, Seed

MAX_TEXT_BYTES = 200_000
MAX_ANNOTATION_BYTES = 50_000
TEXT_SUFFIX = ".txt"
ANNOTATION_SUFFIX = ".yml"

# Seed names end up in page paths, URLs and log lines: keep them plain.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
BAD_NAME = "file name must use only letters, digits, '.', '_' and '-', starting with a letter or digit; rename it"


def bad_name_message(stem: str, suffix: str) -> str:
    """`BAD_NAME`, with a name that would do when one can be made from `stem` (`berita baru` → `berita-baru`)."""
    from slugify import slugify

    usable = slugify(stem, lowercase=False)
    fits = usable and NAME_PATTERN.fullmatch(usable + suffix)
    return f"{BAD_NAME} (to {usable}{suffix}, say)" if fits else BAD_NAME


# Control characters a plain text may not contain (tab, line feed, carriage return, form feed allowed),
# and the C1 controls U+0080-U+009F: no article holds one, and in a pasted text they are Windows-1252
# punctuation converted the wrong way (its byte 0x93 is a quote mark, 0x85 an ellipsis); YAML reads
# U+0085 as a line break and refuses the others, and the extractor split a line at it.
# U+FFFE and U+FFFF are no characters at all ("noncharacters"): XML may not hold them, so the feeds
# could not be written, and no editor shows them.
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f\ufffe\uffff]")
# The bytes that are none of the ASCII ones (in UTF-8 an ASCII byte is always that character).
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 0x80 or not _BAD_CONTROL.match(chr(b)))
_IGNORED_NAMES = {".gitkeep", ".gitignore", ".DS_Store", "README.md"}

FileState = tuple[int, int, int, int]
# (path, its state) → the digest of the text last read from it in that state, or None to read it.
Known = Callable[[str, FileState], "str | None"]


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte `offset`, the column in characters as an editor counts them
    (the bytes before it decoded, an undecodable byte counting as one; the decoder never takes a line
    break into an undecodable sequence, so the line is the same), a UTF-8 BOM not among them (an editor
    does not show it)."""
    before = data[:offset].decode("utf-8", "replace").removeprefix("\ufeff")
    return _text_position(before, len(before))


def _text_position(text: str, offset: int) -> tuple[int, int]:
    r"""1-based line and column of `text[offset]`, with `\r\n`, `\r` and `\n` each one line break, as in an
    editor: counting `\n` alone put every problem of a file with old-Mac line ends (`\r`) on line 1. No
    other character breaks a line (U+2028 does not, in an editor or on GitHub; `clean` agrees)."""
    line = text.count("\n", 0, offset) + text.count("\r", 0, offset) - text.count("\r\n", 0, offset) + 1
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    return line, offset - start + 1


def file_state(info: os.stat_result) -> FileState:
    """What tells a file's content apart without reading it: size, modification and change times, inode."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _encoding_hint(data: bytes, at: int) -> str:
    """What to do with a text saved as Windows-1252 (Windows' Western default, Notepad's "ANSI"), the
    usual reason a pasted text is not UTF-8, when it reads as one: "" otherwise."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    shown = data[at : at + 1].decode("cp1252")
    return (
        f"; it reads as Windows-1252 ({shown!r} there): save it again choosing UTF-8, "
        "or convert it with iconv -f cp1252 -t utf-8"
    )


def read_text_file(path: Path, limit: int, root: Path | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The UTF-8 content of one regular file under `root`, or None and why it cannot be used."""
    text, _, _, problems = _read_text_file(path, limit, root, None)
    return text, problems


def _read_text_file(
    path: Path | str, limit: int, root: Path | str | None, known: Known | None
) -> tuple[str | None, str | None, FileState | None, list[Diagnostic]]:
    """`read_text_file`, and the file's state; when `known` recognises that state, the file is not
    read: the text is None and the second value the digest `known` recorded for it.

    Works on strings with `os` calls rather than `pathlib`: a cold build at 10,000 articles reads
    20,000 files, and pathlib's objects and buffered file objects took four fifths of that time.
    """
    where = str(path)

    def fail(message: str, line: int | None = None, col: int | None = None) -> tuple[None, None, None, list]:
        return None, None, None, [Diagnostic(where, line, col, "error", message)]

    try:
        info = os.lstat(where)
    except FileNotFoundError:
        return fail("file not found")
    except OSError as err:
        return fail(f"cannot be read ({err.strerror}); check the file's permissions")
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISLNK(info.st_mode):
            return fail("is a symbolic link; seeds must be regular files: replace the link with the file itself")
        if stat.S_ISDIR(info.st_mode):
            return fail("is a folder; expected a plain text file")
        return fail("is not a regular file; expected a plain text file")
    # A file that is not a link, directly in `root`, resolves inside it: resolving only the others saves
    # two system calls per path component and file, a third of reading a large seeds folder. (Tested
    # with `rpartition` rather than `os.path.dirname`, which is Python code: it may take a path that is
    # directly in `root` for one that is not, which only costs the resolving.)
    not_directly_in_root = root is not None and (where.rpartition(os.sep)[0] or ".") != str(root)
    if not_directly_in_root and not Path(where).resolve().is_relative_to(Path(root).resolve()):  # type: ignore[arg-type]
        return fail(f"resolves outside {root}/; seeds must live in that folder itself")
    if info.st_size > limit:
        return fail(f"is {info.st_size:,} bytes, larger than the limit of {limit:,} bytes; is this the right file?")
    state = file_state(info)
    if known is not None:
        digest = known(where, state)
        if digest is not None:  # the same bytes passed every check below when they were last read
            return None, digest, state, []
    try:
        data = _read_regular_file(where, min(info.st_size, limit) + 1)
    except OSError as err:
        return fail(f"cannot be read ({err.strerror}); check the file's permissions")
    if len(data) > limit:
        return fail(f"is larger than the limit of {limit:,} bytes; is this the right file?")
    if b"\x00" in data:
        line, col = _position(data, data.index(b"\x00"))
        return fail("looks binary (contains NUL bytes); save it as UTF-8 plain text (not UTF-16)", line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(data, err.start)
        return fail(
            f"is not UTF-8 ({err.reason} at byte offset {err.start}); save the file as UTF-8 plain text"
            f"{_encoding_hint(data, err.start)}",
            line,
            col,
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        if where.endswith(ANNOTATION_SUFFIX):
            return "", None, state, []  # an unfinished annotation: `parse_annotation` warns of it
        return fail("is empty; paste the article text into it, or remove the file")
    # A text whose bytes hold no ASCII control, no 0xC2 (the first byte of every C1 control in UTF-8)
    # and no 0xEF 0xBF (the first two of U+FFFE and U+FFFF) is clean: a C-speed `translate` and byte
    # searches, 7 times faster than the pattern's search.
    suspect = data.translate(None, _NOT_CONTROL_BYTES) or b"\xc2" in data or b"\xef\xbf" in data
    bad = _BAD_CONTROL.search(text) if suspect else None
    if bad:
        return fail(_control_message(bad.group()), *_text_position(text, bad.start()))
    return text, None, state, []


def _control_message(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if character in "\ufffe\uffff":
        return f"contains the noncharacter {code}, which no text holds; remove it (is this a binary file?)"
    if ord(character) < 0x80:
        return f"contains the control character {code}; remove it (is this a binary file?)"
    try:
        meant = bytes([ord(character)]).decode("cp1252")
    except UnicodeDecodeError:  # five of the 32 bytes mean nothing in Windows-1252
        return f"contains the invisible control character {code}; remove it"
    return (
        f"contains the invisible control character {code}, which is {meant!r} of a Windows-1252 text converted "
        f"the wrong way; write {meant!r} instead, or copy the text again from its source"
    )


def _read_regular_file(path: str, size: int) -> bytes:
    """Up to `size` bytes of the file at `path`, not following a link (the caller checked it was a
    regular file; O_NOFOLLOW refuses a link swapped in since)."""
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while size > 0:  # a regular file is read in one call; the loop covers an interrupted read
            chunk = os.read(handle, size)
            if not chunk:
                break
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


# How many entries of a folder inside seeds/ are looked at for articles put there by mistake.
_NESTED_LOOK = 1000


def _nested_seeds(folder: str) -> list[tuple[str, str]]:
    """The articles and annotations in `folder` (inside seeds/, which only its own files are read
    from) and below, with their file names; none if it is not a folder. An article put in a folder
    was left out of the site with one warning about the folder, which a pull request's check, listing
    the warnings of the files it changes, did not show: each such file is an error."""
    found: list[tuple[str, str]] = []
    if not os.path.isdir(folder) or os.path.islink(folder):
        return found
    seen = 0
    for current, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            seen += 1
            if name.endswith((TEXT_SUFFIX, ANNOTATION_SUFFIX)):
                found.append((os.path.join(current, name), name))
        if seen > _NESTED_LOOK:
            break
    return found


def read_seeds(seeds_dir: Path, known: Known | None = None) -> tuple[list[Seed], list[Diagnostic]]:
    """Every seed in `seeds_dir`, sorted by file name, and the problems found reading them.

    `known` recognises files unchanged since they were last read (see `_read_text_file`): such a
    seed's text is not read (None), and its digest is given instead.
    """
    seeds_dir = Path(seeds_dir)
    diagnostics: list[Diagnostic] = []
    if not seeds_dir.is_dir():
        return [], [Diagnostic(str(seeds_dir), message="seeds folder not found; pass --seeds DIR")]
    try:
        # Names, not Path objects: at 10,000 articles, pathlib's parsing was a tenth of a rebuild.
        names = sorted(os.listdir(seeds_dir))
    except OSError as err:
        return [], [Diagnostic(str(seeds_dir), message=f"cannot list the seeds folder ({err.strerror})")]

    # The same string as str(seeds_dir / name) (and os.path.join), without a Path per file.
    folder = str(seeds_dir)
    inside = "" if folder == "." else folder if folder.endswith(os.sep) else folder + os.sep

    texts: dict[str, str] = {}
    annotations: dict[str, str] = {}
    for name in names:
        # What nearly every name is, found without `os.path.splitext` (Python code: 40 ms of 20,000
        # names): a plain name (so its stem is one, too) with one of the two suffixes.
        if name.endswith(TEXT_SUFFIX) and NAME_PATTERN.fullmatch(name):
            texts[name[: -len(TEXT_SUFFIX)]] = inside + name
            continue
        if name.endswith(ANNOTATION_SUFFIX) and NAME_PATTERN.fullmatch(name):
            annotations[name[: -len(ANNOTATION_SUFFIX)]] = inside + name
            continue
        if name in _IGNORED_NAMES:
            continue
        stem, suffix = os.path.splitext(name)
        if suffix in (TEXT_SUFFIX, ANNOTATION_SUFFIX) and not NAME_PATTERN.fullmatch(stem):
            diagnostics.append(Diagnostic(str(seeds_dir / name), message=bad_name_message(stem, suffix)))
            # The file's own problems too (an encoding, its size): all in one round, not after the rename.
            limit = MAX_TEXT_BYTES if suffix == TEXT_SUFFIX else MAX_ANNOTATION_BYTES
            diagnostics.extend(_read_text_file(inside + name, limit, seeds_dir, None)[3])
        elif suffix == TEXT_SUFFIX:
            texts[stem] = inside + name
        elif suffix == ANNOTATION_SUFFIX:
            annotations[stem] = inside + name
        elif suffix.lower() in (".yaml", ".yml"):
            diagnostics.append(
                Diagnostic(
                    str(seeds_dir / name), message=f"annotations end in .yml: rename it to {stem}{ANNOTATION_SUFFIX}"
                )
            )
        elif suffix.lower() in (TEXT_SUFFIX, ".text"):  # `.text`: a paired annotation then had no article
            diagnostics.append(
                Diagnostic(str(seeds_dir / name), message=f"articles end in .txt: rename it to {stem}{TEXT_SUFFIX}")
            )
        else:
            nested = _nested_seeds(inside + name) if not suffix else []
            diagnostics.extend(
                Diagnostic(path, message=f"files in a folder inside seeds/ are not read: move it to {inside}{base}")
                for path, base in nested
            )
            if not nested:
                diagnostics.append(
                    Diagnostic(
                        str(seeds_dir / name),
                        level="warning",
                        message="ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations",
                    )
                )

    for stem in sorted(annotations.keys() - texts.keys()):
        article = stem.removesuffix(TEXT_SUFFIX)
        if article != stem and article in texts:  # `name.txt.yml`, named after the whole file name
            message = (
                f"an annotation is named after its article without .txt: rename it to {article}{ANNOTATION_SUFFIX}"
            )
        else:
            message = (
                f"annotation without an article: expected {stem}{TEXT_SUFFIX} beside it; "
                "add the text or remove the annotation"
            )
        diagnostics.append(Diagnostic(annotations[stem], message=message))

    seeds: list[Seed] = []
    for stem in sorted(texts):
        seed, problems = read_seed(seeds_dir, stem, texts[stem], annotations.get(stem), known)
        diagnostics.extend(problems)
        if seed is not None:
            seeds.append(seed)
    return seeds, diagnostics


def read_seed(
    seeds_dir: Path, stem: str, text_path: str, annotation_path: str | None, known: Known | None = None
) -> tuple[Seed | None, list[Diagnostic]]:
    """One seed, or None when its text or its annotation cannot be used, and the problems found."""
    text, text_digest, text_state, problems = _read_text_file(text_path, MAX_TEXT_BYTES, seeds_dir, known)
    annotation_text = annotation_digest = annotation_state = None
    if annotation_path is not None:
        annotation_text, annotation_digest, annotation_state, more = _read_text_file(
            annotation_path, MAX_ANNOTATION_BYTES, seeds_dir, known
        )
        problems = problems + more
        if annotation_text is None and annotation_digest is None:
            return None, problems  # a broken annotation must not silently fall back to extraction alone
    if text is None and text_digest is None:
        return None, problems
    seed = Seed(
        stem=stem,
        text_path=str(text_path),
        text=text,
        annotation_path=str(annotation_path) if annotation_path is not None else None,
        annotation_text=annotation_text,
        text_digest=text_digest,
        annotation_digest=annotation_digest,
        text_state=text_state,
        annotation_state=annotation_state,
    )
    return seed, problems
