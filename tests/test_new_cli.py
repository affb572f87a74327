"""`python -m generator new`: a pre-filled annotation that passes `check` once the summary is written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.annotation import SUMMARY_PLACEHOLDER
from generator.cli import main
from generator.model import Extracted
from generator.scaffold import REVIEW, annotation_template
from tests.sitebuild import SEEDS

EXTRACTED = Extracted(
    title='Iran: "dan" Rusia #1',
    published=dt.date(2025, 11, 24),
    dateline="Teheran",
    outlet="Parstoday",
    original_source=None,
    countries=("RU", "IR"),
    people=("Abbas Araghchi", "Sergei Lavrov"),
    organisations=(),
    topics=("diplomacy",),
    body="Isi.",
)

EXPECTED = """\
# Annotation of seeds/a.txt: see CONTRIBUTING.md for what every key means.
# Values marked "# extracted: please review" were read from the text by the generator. Check each
# one: correct it, or write null if the article has none (a key left empty, or deleted, keeps
# what the generator reads from the text); then remove the marker (check lists those left).
title: 'Iran: "dan" Rusia #1'  # extracted: please review
title_en:
url:
outlet: Parstoday  # extracted: please review
original_source:
dateline: Teheran  # extracted: please review
editor:
published: 2025-11-24  # extracted: please review
date_note:
date_estimated: false
countries: [IR, RU]  # extracted: please review
topics: [diplomacy]  # extracted: please review
people: [Abbas Araghchi, Sergei Lavrov]  # extracted: please review
organisations:
summary: 'TODO: replace with 2-4 English sentences: what happened, who, where, when.'
# Editorial notes anchored to an exact phrase of the article (optional):
# notes:
#   - quote: "an exact phrase that occurs once in the article"
#     note: "context, caveat or fact-check shown at that phrase"
"""


def test_values_check_would_reject_are_left_for_the_contributor():
    text = annotation_template(
        "seeds/a.txt", Extracted(title="x" * 301, countries=("IR", "XX"), topics=("diplomacy", "nope"), body="x")
    )
    assert "# the extracted title was longer than 300 characters: please write it\ntitle:\n" in text
    assert "countries: [IR]  # extracted: please review\n" in text
    assert "topics: [diplomacy]  # extracted: please review\n" in text


def test_the_template_is_pinned():
    assert annotation_template("seeds/a.txt", EXTRACTED) == EXPECTED


def test_the_template_is_yaml_with_the_extracted_values():
    data = yaml.safe_load(annotation_template("seeds/a.txt", EXTRACTED))
    assert data["title"] == 'Iran: "dan" Rusia #1'
    assert data["countries"] == ["IR", "RU"]
    assert data["summary"] == SUMMARY_PLACEHOLDER
    assert data["title_en"] is None and data["url"] is None


@pytest.mark.parametrize("title", ["a\n---\nb: c", "# not a comment", "x  # extracted: please review", "'; {{ x }}"])
def test_hostile_extracted_values_stay_inside_their_value(title):
    """Values are dumped by YAML, never formatted by hand."""
    text = annotation_template("seeds/a.txt", Extracted(title=title, body="x"))
    assert yaml.safe_load(text)["title"] == " ".join(title.split())
    assert sum(line.endswith(REVIEW) for line in text.splitlines()) == 1


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "seeds").mkdir()
    return tmp_path


def test_new_writes_the_annotation_and_says_what_to_do(workdir, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", lambda text: EXTRACTED)
    (workdir / "seeds" / "a.txt").write_text("Judul\n\nIsi.\n")
    assert main(["new", "seeds/a.txt"]) == 0
    assert (workdir / "seeds" / "a.yml").read_text(encoding="utf-8") == EXPECTED
    assert capsys.readouterr().out == (
        "wrote seeds/a.yml: write the summary, review the extracted values, then run: python -m generator check\n"
    )


def test_new_says_where_the_text_is_when_seeds_is_left_out_or_the_file_is_elsewhere(workdir, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", lambda text: EXTRACTED)
    (workdir / "seeds" / "a.txt").write_text("Judul\n\nIsi.\n")
    assert main(["new", "a.txt"]) == 1
    assert capsys.readouterr().err == "a.txt: error: file not found; did you mean seeds/a.txt?\n"
    (workdir / "b.txt").write_text("Judul\n\nIsi.\n")
    assert main(["new", "b.txt"]) == 0  # written, with a word on where it must go
    assert capsys.readouterr().out.splitlines()[-1] == (
        "note: b.txt is not in seeds/, the only folder the build reads: move b.txt and b.yml there"
    )


def test_new_refuses_to_overwrite_an_annotation(workdir, capsys):
    (workdir / "seeds" / "a.txt").write_text("Judul\n\nIsi.\n")
    (workdir / "seeds" / "a.yml").write_text("summary: Mine.\n")
    assert main(["new", "seeds/a.txt"]) == 1
    assert capsys.readouterr().err == (
        "seeds/a.yml: error: an annotation already exists; edit it, or delete it to start again\n"
    )
    assert (workdir / "seeds" / "a.yml").read_text() == "summary: Mine.\n"


@pytest.mark.parametrize(
    ("setup", "argument", "expected"),
    [
        (lambda d: None, "seeds/missing.txt", "seeds/missing.txt: error: file not found\n"),
        (
            lambda d: (d / "seeds" / "a.md").write_text("x"),
            "seeds/a.md",
            "seeds/a.md: error: expected the article's .txt file, like seeds/<name>.txt\n",
        ),
        (
            lambda d: (d / "seeds" / "iran azerbaijan.txt").write_text("Judul\n\nIsi.\n"),
            "seeds/iran azerbaijan.txt",
            "seeds/iran azerbaijan.txt: error: file name must use only letters, digits, '.', '_' and '-', "
            "starting with a letter or digit; rename it (to iran-azerbaijan.txt, say), then run new again\n",
        ),
        (
            lambda d: (d / "seeds" / "a.txt").write_bytes(b"caf\xe9 au lait"),
            "seeds/a.txt",
            "seeds/a.txt:1:4: error: is not UTF-8 (invalid continuation byte at byte offset 3); "
            "save the file as UTF-8 plain text; it reads as Windows-1252 ('é' there): save it again choosing "
            "UTF-8, or convert it with iconv -f cp1252 -t utf-8\n",
        ),
        (
            lambda d: (d / "seeds" / "a.txt").symlink_to("/etc/hostname"),
            "seeds/a.txt",
            "seeds/a.txt: error: is a symbolic link; seeds must be regular files: "
            "replace the link with the file itself\n",
        ),
    ],
)
def test_new_refuses_unusable_texts(workdir, capsys, setup, argument, expected):
    setup(workdir)
    assert main(["new", argument]) == 1
    assert capsys.readouterr().err == expected
    assert not list((workdir / "seeds").glob("*.yml"))


def test_the_output_of_new_passes_check_except_for_the_summary(workdir, capsys):
    """With the real extraction, on every repository seed."""
    seeds = workdir / "seeds"
    for text in sorted(SEEDS.glob("*.txt")):
        shutil.copy(text, seeds / text.name)
        assert main(["new", f"seeds/{text.name}"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert [line.split(":", 3)[0] + ":" + line.split(":", 3)[3] for line in errors] == [
        f"seeds/{text.stem}.yml: error: 'summary' is still the placeholder: "
        "replace it with 2-4 English sentences (what happened, who, where, when)"
        for text in sorted(SEEDS.glob("*.txt"))
    ]
    for annotation in seeds.glob("*.yml"):
        text = annotation.read_text(encoding="utf-8")
        annotation.write_text(text.replace(f"'{SUMMARY_PLACEHOLDER}'", "Something happened."), encoding="utf-8")
    assert main(["check"]) == 0


def test_new_suggests_a_minister_named_with_a_portfolio_in_the_paragraph_ending_with_the_writers_code(workdir):
    """CNN Indonesia's last paragraph, `Menteri Perminyakan Iran Mohsen Paknejad … (afp/bac)`, was dropped
    as a photo caption, and a portfolio before the country (`Perminyakan`) hid the minister anyway."""
    case = Path(__file__).parent / "extraction_cases" / "50_cnn_kode_penulis_menempel.txt"
    shutil.copy(case, workdir / "seeds" / "a.txt")
    assert main(["new", "seeds/a.txt"]) == 0
    annotation = (workdir / "seeds" / "a.yml").read_text(encoding="utf-8")
    assert "people: [Menteri Perminyakan Iran Mohsen Paknejad]  # extracted: please review\n" in annotation
    assert "original_source: AFP  # extracted: please review\n" in annotation
