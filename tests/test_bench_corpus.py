"""The benchmark's synthetic corpus: deterministic, and valid input for the generator."""

from __future__ import annotations

import json

from generator.cli import main
from tests.bench.corpus import write_corpus


def files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_same_size_gives_the_same_bytes(tmp_path):
    write_corpus(20, tmp_path / "a", tmp_path / "a.json")
    write_corpus(20, tmp_path / "b", tmp_path / "b.json")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_the_corpus_builds_and_each_name_occurs_in_one_article_only(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    entries = write_corpus(20, seeds, tmp_path / "manifest.json")
    assert main(["build", "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]) == 0
    assert "built 20 article(s)" in capsys.readouterr().out
    texts = {path.stem: path.read_text(encoding="utf-8") for path in seeds.glob("*.txt")}
    for entry in entries:
        for word in (entry.name, entry.place):
            assert [stem for stem, text in texts.items() if word in text] == [entry.stem]
    assert [e["stem"] for e in json.loads((tmp_path / "manifest.json").read_text())] == sorted(texts)


def test_articles_have_400_to_900_words_and_one_to_four_countries(tmp_path):
    entries = write_corpus(20, tmp_path / "seeds")
    for path in (tmp_path / "seeds").glob("*.txt"):
        assert 400 <= len(path.read_text(encoding="utf-8").split()) <= 1100
    assert all(1 <= len(e.countries) <= 4 for e in entries if e.countries)
