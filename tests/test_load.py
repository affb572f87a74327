"""Reading seeds/: hostile and broken files are reported by name, never read through or crashed on."""

from __future__ import annotations

import os

import pytest

from generator.diagnostics import sort_key
from generator.load import MAX_TEXT_BYTES, read_seeds
from generator.model import Seed

TEXT = "Judul berita\n\nIsi berita yang cukup panjang.\n"


def messages(seeds_dir) -> list[str]:
    problems = sorted(read_seeds(seeds_dir)[1], key=sort_key)
    return [d.format().replace(str(seeds_dir), "seeds") for d in problems]


def test_texts_are_paired_with_their_annotations_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text("\ufeff" + TEXT, encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / ".gitkeep").write_text("")
    seeds, problems = read_seeds(tmp_path)
    assert problems == []
    assert seeds == [
        Seed("a", str(tmp_path / "a.txt"), TEXT, str(tmp_path / "a.yml"), "title: x\n"),
        Seed("b", str(tmp_path / "b.txt"), TEXT),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "Judul\nberita \xe9t\xe9".encode("latin-1"),
            "seeds/a.txt:2:8: error: is not UTF-8 (invalid continuation byte at byte offset 13); "
            "save the file as UTF-8 plain text; it reads as Windows-1252 ('é' there): save it again choosing "
            "UTF-8, or convert it with iconv -f cp1252 -t utf-8",
        ),
        (
            b"Judul\nberita \x81",  # not a Windows-1252 text either: no guess
            "seeds/a.txt:2:8: error: is not UTF-8 (invalid start byte at byte offset 13); "
            "save the file as UTF-8 plain text",
        ),
        (
            "Judul".encode("utf-16"),
            "seeds/a.txt:1:4: error: looks binary (contains NUL bytes); save it as UTF-8 plain text (not UTF-16)",
        ),
        (  # the column counts characters, as an editor does, not the bytes of the dashes and quotes
            "Judul – “kutipan” – \x00 x".encode(),
            "seeds/a.txt:1:21: error: looks binary (contains NUL bytes); save it as UTF-8 plain text (not UTF-16)",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "seeds/a.txt:3:1: error: looks binary (contains NUL bytes); save it as UTF-8 plain text (not UTF-16)",
        ),
        (b"", "seeds/a.txt: error: is empty; paste the article text into it, or remove the file"),
        (b" \n\t\r\n", "seeds/a.txt: error: is empty; paste the article text into it, or remove the file"),
        (
            b"Judul\nisi \x1b[31m merah",
            "seeds/a.txt:2:5: error: contains the control character U+001B; remove it (is this a binary file?)",
        ),
        (  # Windows-1252 quote marks converted to Unicode the wrong way: invisible controls
            "Judul\nMenurut dia, \x93kami siap\x94.".encode(),
            "seeds/a.txt:2:14: error: contains the invisible control character U+0093, which is '“' of a "
            "Windows-1252 text converted the wrong way; write '“' instead, or copy the text again from its source",
        ),
        (
            "Judul\nisi \x81".encode(),
            "seeds/a.txt:2:5: error: contains the invisible control character U+0081; remove it",
        ),
        (  # no character at all: the feeds' XML cannot hold it
            "Judul\nisi \ufffe.".encode(),
            "seeds/a.txt:2:5: error: contains the noncharacter U+FFFE, which no text holds; remove it "
            "(is this a binary file?)",
        ),
        (
            b"x" * (MAX_TEXT_BYTES + 1),
            "seeds/a.txt: error: is 200,001 bytes, larger than the limit of 200,000 bytes; is this the right file?",
        ),
    ],
)
def test_unusable_texts_are_errors_naming_the_file(tmp_path, content, expected):
    (tmp_path / "a.txt").write_bytes(content)
    assert messages(tmp_path) == [expected]
    assert read_seeds(tmp_path)[0] == []


def test_a_text_at_the_size_limit_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * MAX_TEXT_BYTES)
    assert len(read_seeds(tmp_path)[0]) == 1


@pytest.mark.parametrize("target", ["inside.txt", "../outside.txt", "/etc/passwd"])
def test_symbolic_links_are_refused_wherever_they_point(tmp_path, target):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "inside.txt").write_text(TEXT)
    (tmp_path / "outside.txt").write_text(TEXT)
    (seeds / "link.txt").symlink_to(target)
    (seeds / "ln2.yml").symlink_to(target)
    (seeds / "ln2.txt").write_text(TEXT)
    assert messages(seeds) == [
        "seeds/link.txt: error: is a symbolic link; seeds must be regular files: replace the link with the file itself",
        "seeds/ln2.yml: error: is a symbolic link; seeds must be regular files: replace the link with the file itself",
    ]
    assert [s.stem for s in read_seeds(seeds)[0]] == ["inside"]


def test_special_files_and_folders_are_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "folder.txt").mkdir()
    assert messages(tmp_path) == [
        "seeds/folder.txt: error: is a folder; expected a plain text file",
        "seeds/pipe.txt: error: is not a regular file; expected a plain text file",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    path.chmod(0)
    assert messages(tmp_path) == [
        "seeds/a.txt: error: cannot be read (Permission denied); check the file's permissions"
    ]


def test_names_annotations_and_stray_files(tmp_path):
    names = (
        "a.txt",
        "b.yml",
        "c.yaml",
        "c.txt",
        "notes.md",
        "-x.txt",
        "d e.txt",
        "d e.yml",
        ".yml",
        "e.YML",
        "f.TXT",
        "g.text",
    )
    for name in (*names, "a.txt.yml"):
        (tmp_path / name).write_text(TEXT)
    (tmp_path / "a.txt.orig").write_text(TEXT)
    assert messages(tmp_path) == [
        "seeds/-x.txt: error: file name must use only letters, digits, '.', '_' and '-', "
        "starting with a letter or digit; rename it (to x.txt, say)",
        "seeds/.yml: warning: ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations",
        "seeds/a.txt.orig: warning: ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations",
        "seeds/a.txt.yml: error: an annotation is named after its article without .txt: rename it to a.yml",
        "seeds/b.yml: error: annotation without an article: expected b.txt beside it; "
        "add the text or remove the annotation",
        "seeds/c.yaml: error: annotations end in .yml: rename it to c.yml",
        "seeds/d e.txt: error: file name must use only letters, digits, '.', '_' and '-', "
        "starting with a letter or digit; rename it (to d-e.txt, say)",
        "seeds/d e.yml: error: file name must use only letters, digits, '.', '_' and '-', "
        "starting with a letter or digit; rename it (to d-e.yml, say)",
        "seeds/e.YML: error: annotations end in .yml: rename it to e.yml",  # was ignored, with a warning
        "seeds/f.TXT: error: articles end in .txt: rename it to f.txt",
        "seeds/g.text: error: articles end in .txt: rename it to g.txt",
        "seeds/notes.md: warning: ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations",
    ]


def test_a_badly_named_seed_also_reports_what_is_wrong_inside_it(tmp_path):
    """A file named with a space and saved as Windows-1252 took two rounds: the name, then the encoding."""
    (tmp_path / "berita baru.txt").write_bytes("Judul\n\nKata \u201ckutipan\u201d.\n".encode("cp1252"))
    found = messages(tmp_path)
    assert found[0].startswith("seeds/berita baru.txt: error: file name must use only letters")
    assert found[0].endswith("rename it (to berita-baru.txt, say)")
    assert found[1].startswith("seeds/berita baru.txt:3:6: error: is not UTF-8")
    assert len(found) == 2


def test_a_broken_annotation_drops_the_seed_rather_than_falling_back_silently(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.yml").write_bytes(b"title: \xff\n")
    seeds, problems = read_seeds(tmp_path)
    assert seeds == []
    assert [p.format().replace(str(tmp_path), "seeds") for p in problems] == [
        "seeds/a.yml:1:8: error: is not UTF-8 (invalid start byte at byte offset 7); save the file as UTF-8 plain "
        "text; it reads as Windows-1252 ('ÿ' there): save it again choosing UTF-8, or convert it with iconv -f "
        "cp1252 -t utf-8"
    ]


def test_an_empty_annotation_is_an_unfinished_one(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.yml").write_text("")
    seeds, problems = read_seeds(tmp_path)
    assert problems == []
    assert seeds[0].annotation_text == ""


def test_a_badly_named_empty_annotation_is_told_the_name_only(tmp_path):
    """It was also told to have "the article text" pasted into it; an empty annotation is no error."""
    (tmp_path / "berita baru.txt").write_text(TEXT)
    (tmp_path / "berita baru.yml").write_text("\n")
    assert messages(tmp_path) == [
        "seeds/berita baru.txt: error: file name must use only letters, digits, '.', '_' and '-', "
        "starting with a letter or digit; rename it (to berita-baru.txt, say)",
        "seeds/berita baru.yml: error: file name must use only letters, digits, '.', '_' and '-', "
        "starting with a letter or digit; rename it (to berita-baru.yml, say)",
    ]


def test_a_missing_seeds_folder(tmp_path):
    assert [d.format() for d in read_seeds(tmp_path / "nope")[1]] == [
        f"{tmp_path / 'nope'}: error: seeds folder not found; pass --seeds DIR"
    ]


def test_an_article_in_a_folder_is_an_error_on_each_of_its_files(tmp_path):
    """An article put in seeds/2024/ was left out of the site with one warning about the folder, which
    the pull request's check (listing the warnings of the files it changes) did not show."""
    (tmp_path / "2024" / "x").mkdir(parents=True)
    (tmp_path / "2024" / "a.txt").write_text(TEXT)
    (tmp_path / "2024" / "x" / "b.yml").write_text("summary: x\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "n.md").write_text("notes")
    assert messages(tmp_path) == [
        "seeds/2024/a.txt: error: files in a folder inside seeds/ are not read: move it to seeds/a.txt",
        "seeds/2024/x/b.yml: error: files in a folder inside seeds/ are not read: move it to seeds/b.yml",
        "seeds/drafts: warning: ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations",
    ]
