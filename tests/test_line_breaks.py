"""Line breaks in a seed text are the ones an editor shows: `\\n`, `\\r\\n` and `\\r` alone, nothing else.

`str.splitlines` also breaks at U+2028, U+2029, form feed and a few controls, which a pasted web
text can hold inside one line: that cut a headline or a paragraph in two, and line numbers of a file
with old-Mac line ends (`\\r` alone) all read 1.
"""

from __future__ import annotations

import pytest

from generator.clean import clean, normalise_spaces
from generator.extract import extract
from generator.load import read_text_file

HEADLINE = "Iran Tuding AS Dalangi Kerusuhan di Suriah"
LEAD = (
    "JAKARTA, KOMPAS.com - Presiden mengatakan bahwa pemerintah akan terus memperkuat kerja sama dengan negara sahabat."
)
LAST = "Pertemuan itu dijadwalkan berlangsung pekan depan di Jakarta."

# What `str.splitlines` breaks at besides `\n` and `\r`; the C0 and C1 ones never reach the cleaner
# from seeds/ (`load` refuses them), but `extract` is run on any text.
NOT_LINE_BREAKS = ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("separator", NOT_LINE_BREAKS)
def test_normalised_text_breaks_only_at_newlines(separator: str) -> None:
    blank = "" if separator in "\x1c\x1d\x1e" else " "  # controls the cleaner drops, as it did
    assert normalise_spaces(f"a{separator}b\r\nc\rd\ne").splitlines() == [f"a{blank}b", "c", "d", "e"]


@pytest.mark.parametrize("separator", ["\u2028", " \u2028 ", "\u2029", "\x0c"])
def test_a_headline_holding_a_line_separator_stays_one_headline(separator: str) -> None:
    first, second = "Iran Tuding AS Dalangi", "Kerusuhan di Suriah"
    result = extract(f"{first}{separator}{second}\n\n{LEAD}\n\n{LAST}\n")
    assert result.title == HEADLINE
    assert result.body == f"{LEAD}\n\n{LAST}"


@pytest.mark.parametrize("separator", ["\u2029", "\x0c", "\u2028"])
def test_a_paragraph_holding_a_paragraph_separator_or_form_feed_stays_one_paragraph(separator: str) -> None:
    first, second = "Pertemuan itu dijadwalkan", "berlangsung pekan depan di Jakarta."
    result = clean(f"{HEADLINE}\n\n{LEAD}\n\n{first}{separator}{second}\n")
    assert result.paragraphs == (LEAD, LAST)
    assert result.removed == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_kind_of_line_end_splits_lines(newline: str) -> None:
    result = clean(newline.join([HEADLINE, "", LEAD, "", LAST, ""]))
    assert (result.title, result.paragraphs) == (HEADLINE, (LEAD, LAST))


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\n", b"\r\r\n"])
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"\x1b", "contains the control character U+001B"),
        (b"\xc2\x93", "contains the invisible control character U+0093"),
        (b"\xe9", "is not UTF-8"),
        (b"\x00", "looks binary"),
    ],
)
def test_a_problem_on_line_3_is_reported_at_line_3_whatever_the_line_ends(
    tmp_path, newline: bytes, bad: bytes, message: str
) -> None:
    lines = [b"Judul berita", b"", b"isi \xe2\x80\x93 " + bad + b" lagi", b"akhir"]
    path = tmp_path / "a.txt"
    path.write_bytes(newline.join(lines))
    text, problems = read_text_file(path, 10_000)
    assert text is None
    [problem] = problems
    line = 5 if newline == b"\r\r\n" else 3  # `\r\r\n`: a lone `\r`, then `\r\n`, as editors show it
    assert (problem.line, problem.col) == (line, 7)  # the dash is one character, as an editor counts it
    assert problem.message.startswith(message)


def test_a_problem_after_a_line_separator_is_on_the_line_an_editor_shows(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Judul\u2028berita\u2029\x0cx\nisi \x1b".encode())
    _, [problem] = read_text_file(path, 10_000)
    assert (problem.line, problem.col) == (2, 5)


def test_a_byte_order_mark_is_no_column(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfisi \xe9")
    _, [problem] = read_text_file(path, 10_000)
    assert (problem.line, problem.col) == (1, 5)
