"""Whatever the history of edits, an incremental build leaves in `docs/` exactly what a clean build
from scratch writes, and rewrites only the files whose bytes change.

`test_incremental.py` and `test_cache.py` check one edit at a time. Here a contributor makes a
sequence of realistic edits (titles, summaries, dates, countries, topics, people, the raw text,
articles added, deleted, stripped of their annotation, edits reverted), one or two per build, so
that each build starts from the seed cache and the page manifest that the previous builds left,
which no single-edit test reaches. The sequence is drawn from a fixed seed: a failure names the
seed, the step and the edits, and reproduces.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import cache as seed_cache
from generator.cli import main
from generator.pagecache import MANIFEST
from generator.pages import archive
from generator.vocabulary import topics
from tests.bench.corpus import COUNTRIES, write_corpus
from tests.test_incremental import OLD, age, snapshot  # every file's bytes and time; files made old

ARTICLES = 30
STEPS = 8
# Lists longer than this are split into year pages: with 30 articles the timeline and the big
# countries are split, the small ones are not, and additions and deletions cross the line.
LIST_LIMIT = 6
MINIMUM_ARTICLES = 20  # deletions stop here

# Every kind of edit each sequence makes at least once, in an order the seed shuffles.
EDITS = (
    "title_en",
    "headline",
    "summary",
    "published",
    "countries",
    "topics",
    "add_person",
    "remove_person",
    "text",
    "add_article",
    "delete_article",
    "delete_annotation",
    "revert",
)
SENTENCES = (
    "Para pengamat menilai langkah itu akan diikuti pertemuan tingkat menteri.",
    "Pernyataan tersebut disampaikan dalam konferensi pers di ibu kota.",
    "Sejumlah pejabat lain belum memberikan tanggapan hingga berita ini diturunkan.",
    "Rincian kesepakatan itu akan diumumkan dalam beberapa hari mendatang.",
    "Pihak kementerian menegaskan bahwa dialog akan terus dilanjutkan.",
)
NEW_PEOPLE = ("Nadia Karimova", "Reza Tavakoli", "Olga Smirnova", "Bilal Qureshi")
SUMMARIES = (
    "Officials met to review the agreement. They said talks would continue next month.",
    "The ministry announced new measures. Observers expect a reaction from neighbouring states.",
    "A delegation visited the capital. Both sides described the meeting as constructive.",
)


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Contributor:
    """Makes the edits of `EDITS` to the seeds, choosing what to edit with `rng`. Each edit returns a
    short account of what it did, for failure messages. It remembers what every file it touched held
    first, so that `revert` can put an article back as it was (as `git revert` would)."""

    def __init__(self, seeds: Path, rng: random.Random) -> None:
        self.seeds = seeds
        self.rng = rng
        self.originals: dict[Path, bytes | None] = {}
        self._parsed: dict[Path, tuple[bytes, dict]] = {}

    def read(self, path: Path) -> dict:
        """The annotation `path` holds, parsed once per content (choosing among 30 of them for each
        edit took a sixth of the test's time); not to be modified."""
        content = path.read_bytes()
        known = self._parsed.get(path)
        if known is None or known[0] != content:
            known = self._parsed[path] = (content, yaml.safe_load(content.decode("utf-8")))
        return known[1]

    def edit(self, kind: str) -> str:
        return getattr(self, kind)()

    # Choosing and touching files

    def texts(self) -> list[Path]:
        return sorted(self.seeds.glob("*.txt"))

    def annotations(self, having: str | None = None) -> list[Path]:
        found = sorted(self.seeds.glob("*.yml"))
        return [path for path in found if having is None or self.read(path).get(having)]

    def touch(self, path: Path) -> None:
        """Remember what `path` holds (None: nothing) before its first edit."""
        self.originals.setdefault(path, path.read_bytes() if path.exists() else None)

    def change(self, path: Path, key: str, value: object) -> None:
        self.touch(path)
        data = read_yaml(path)
        data[key] = value
        write_yaml(path, data)

    def with_sentence(self, text: str, sentence: str) -> str:
        """`text` with `sentence` added to one of its body paragraphs (not the headline nor the lead)."""
        lines = text.split("\n")
        paragraphs = [n for n, line in enumerate(lines) if n > 2 and len(line) >= 60]
        at = self.rng.choice(paragraphs)
        lines[at] = f"{lines[at]} {sentence}"
        return "\n".join(lines)

    # The edits

    def title_en(self) -> str:
        path = self.rng.choice(self.annotations("title_en"))
        suffix = self.rng.choice([" (corrected)", ", officials say"])
        self.change(path, "title_en", self.read(path)["title_en"] + suffix)
        return f"title_en of {path.stem}"

    def headline(self) -> str:
        """The original headline gives the page's name: the page moves."""
        path = self.rng.choice(self.annotations("title"))
        self.change(path, "title", self.read(path)["title"] + self.rng.choice([" Lagi", " di Ibu Kota"]))
        return f"title (page name) of {path.stem}"

    def summary(self) -> str:
        path = self.rng.choice(self.annotations())
        self.change(path, "summary", self.rng.choice(SUMMARIES))
        return f"summary of {path.stem}"

    def published(self) -> str:
        path = self.rng.choice(self.annotations())
        old = self.read(path).get("published")
        year = self.rng.choice([y for y in range(2016, 2026) if old is None or y != old.year])
        new = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        self.change(path, "published", new)
        return f"published of {path.stem}: {old} -> {new}"

    def countries(self) -> str:
        path = self.rng.choice(self.annotations())
        old = self.read(path).get("countries")
        new = old
        while new == old:
            new = sorted(self.rng.sample(sorted(COUNTRIES), self.rng.randint(1, 3)))
        self.change(path, "countries", new)
        return f"countries of {path.stem}: {old} -> {new}"

    def topics(self) -> str:
        path = self.rng.choice(self.annotations())
        old = self.read(path).get("topics")
        new = old
        while new == old:
            new = self.rng.sample(sorted(topics()), self.rng.randint(1, 3))
        self.change(path, "topics", new)
        return f"topics of {path.stem}: {old} -> {new}"

    def add_person(self) -> str:
        """Half the time a person another article names: the related articles change."""
        path = self.rng.choice(self.annotations())
        people = list(self.read(path).get("people") or [])
        others = [p for other in self.annotations("people") for p in self.read(other)["people"] if p not in people]
        person = self.rng.choice(others if others and self.rng.random() < 0.5 else NEW_PEOPLE)
        self.change(path, "people", [*people, person])
        return f"person {person!r} added to {path.stem}"

    def remove_person(self) -> str:
        path = self.rng.choice(self.annotations("people"))
        people = list(self.read(path)["people"])
        person = people.pop(self.rng.randrange(len(people)))
        self.change(path, "people", people)
        return f"person {person!r} removed from {path.stem}"

    def text(self) -> str:
        path = self.rng.choice(self.texts())
        self.touch(path)
        text = path.read_text(encoding="utf-8")
        sentence = self.rng.choice(SENTENCES)
        if self.rng.random() < 0.5:
            path.write_text(text.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
            return f"paragraph appended to {path.name}"
        path.write_text(self.with_sentence(text, sentence), encoding="utf-8")
        return f"sentence added to a paragraph of {path.name}"

    def add_article(self) -> str:
        """A copy of an article under a new name, with a new English title and one more sentence (the
        same text would be an error). Half the time it keeps the original headline, so the two would
        share a page: the one whose name sorts first keeps it, the other gets `-2` (a warning)."""
        source = self.rng.choice(self.texts())
        stem = f"{self.rng.randrange(ARTICLES):05d}_{self.rng.getrandbits(64):016x}"
        text, annotation = self.seeds / f"{stem}.txt", self.seeds / f"{stem}.yml"
        self.touch(text)
        self.touch(annotation)
        lines = source.read_text(encoding="utf-8").split("\n")
        same_headline = self.rng.random() < 0.5
        if not same_headline:
            lines[0] += " (Laporan Kedua)"
        text.write_text(self.with_sentence("\n".join(lines), self.rng.choice(SENTENCES)), encoding="utf-8")
        if source.with_suffix(".yml").exists():
            data = read_yaml(source.with_suffix(".yml"))
            data["title"] = lines[0]
            data["title_en"] = "Second report: " + data.get("title_en", lines[0])
            write_yaml(annotation, data)
        headline = "the same headline" if same_headline else "a new headline"
        return f"{stem} added, a copy of {source.stem} with {headline}"

    def delete_article(self) -> str:
        texts = self.texts()
        if len(texts) <= MINIMUM_ARTICLES:
            return self.summary()
        text = self.rng.choice(texts)
        for path in (text, text.with_suffix(".yml")):
            self.touch(path)
            path.unlink(missing_ok=True)
        return f"{text.stem} deleted"

    def delete_annotation(self) -> str:
        """The article falls back to what is extracted from its text."""
        path = self.rng.choice(self.annotations())
        self.touch(path)
        path.unlink()
        return f"annotation of {path.stem} deleted"

    def revert(self) -> str:
        """An article's files put back as they were before this sequence (an added one removed)."""
        stems = sorted({path.stem for path in self.originals})
        if not stems:
            return self.summary()
        stem = self.rng.choice(stems)
        for suffix in (".txt", ".yml"):
            path = self.seeds / f"{stem}{suffix}"
            if path not in self.originals:
                continue
            original = self.originals.pop(path)
            if original is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(original)
        if not (self.seeds / f"{stem}.txt").exists():  # an added article: its annotation goes with it
            (self.seeds / f"{stem}.yml").unlink(missing_ok=True)
            self.originals.pop(self.seeds / f"{stem}.yml", None)
        return f"edits of {stem} reverted"


def plan(rng: random.Random) -> list[list[str]]:
    """`STEPS` steps of one or two edits, every kind of `EDITS` once, in a shuffled order. The date
    change gets a step of its own: alone, it reorders the lists without changing any article's
    countries, topics or people, which the related ranking must notice from the order alone."""
    kinds = rng.sample([kind for kind in EDITS if kind != "published"], len(EDITS) - 1)
    doubles = len(EDITS) - STEPS
    sizes = rng.sample([2] * doubles + [1] * (STEPS - doubles), STEPS)
    alone = rng.choice([step for step, size in enumerate(sizes) if size == 1])
    steps = []
    for step, size in enumerate(sizes):
        if step == alone:
            steps.append(["published"])
        else:
            steps.append(kinds[:size])
            kinds = kinds[size:]
    assert not kinds
    return steps


SUMMARY_LINE = re.compile(r"built \d+ article\(s\): \d+ generated file\(s\), (\d+) changed, in ")


def build(seeds: Path, docs: Path, *options: str) -> int:
    """Build, which must succeed (warnings are fine); the number of files it says it changed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["build", "--seeds", str(seeds), "--docs", str(docs), *options])
    errors = [line for line in err.getvalue().splitlines() if ": error: " in line or line.startswith("error")]
    assert status == 0, f"build of {docs.name} failed:\n" + "\n".join(errors[:10])
    found = SUMMARY_LINE.search(out.getvalue())
    assert found, out.getvalue()
    return int(found.group(1))


def tree(docs: Path) -> dict[str, bytes]:
    """The generated files, and the folders (as `name/`: a folder left empty is a difference too);
    the manifest is the page cache's own (a clean build writes none)."""
    found = {}
    for path in docs.rglob("*"):
        name = path.relative_to(docs).as_posix()
        if path.is_dir():
            found[name + "/"] = b""
        elif path.name != MANIFEST:
            found[name] = path.read_bytes()
    return found


def first_difference(incremental: bytes, clean: bytes) -> str:
    """Where two versions of a file part, in a line (not the whole files)."""
    left = incremental.decode("utf-8", "replace").splitlines()
    right = clean.decode("utf-8", "replace").splitlines()
    for number, (a, b) in enumerate(zip(left, right, strict=False), 1):
        if a != b:
            return f"line {number}: {a[:150]!r} (incremental) != {b[:150]!r} (clean)"
    return f"{len(left)} lines (incremental) != {len(right)} lines (clean)"


def differences(incremental: dict[str, bytes], clean: dict[str, bytes]) -> list[str]:
    found = []
    for path in sorted(incremental.keys() | clean.keys()):
        if path not in clean:
            found.append(f"{path}: only in the incremental build")
        elif path not in incremental:
            found.append(f"{path}: missing from the incremental build")
        elif incremental[path] != clean[path]:
            found.append(f"{path}: {first_difference(incremental[path], clean[path])}")
    return found


def some(paths: set[str]) -> str:
    """The first few of `paths`, for a failure message."""
    shown = sorted(paths)
    return f"{len(shown)} file(s): {', '.join(shown[:15])}{', ...' if len(shown) > 15 else ''}"


def check_rewrites(before: dict, after: dict, reported: int, where: str) -> None:
    """Every file whose bytes did not change kept its (aged) modification time; every file whose bytes
    changed, or that is new, was written; and the build counted those and the files it removed."""
    kept = {path for path in before.keys() & after.keys() if before[path][0] == after[path][0]}
    changed = after.keys() - kept
    rewritten = {path for path in after if after[path][1] != OLD * 10**9}
    same_rewritten, changed_kept = kept & rewritten, changed - rewritten
    assert not same_rewritten, f"{where}: rewritten with the same bytes: {some(same_rewritten)}"
    assert not changed_kept, f"{where}: changed but kept the old modification time: {some(changed_kept)}"
    touched = (changed | (before.keys() - after.keys())) - {MANIFEST}
    assert reported == len(touched), f"{where}: the build says {reported} changed; written or removed: {some(touched)}"


# Four sequences, each seed cache path twice (the cross product took twice as long for little more).
@pytest.mark.parametrize(("seed", "states"), [(1, "read"), (2, "trusted"), (3, "read"), (4, "trusted")])
def test_a_sequence_of_edits_built_incrementally_gives_the_clean_build_each_time(tmp_path, monkeypatch, seed, states):
    """`states`: whether a seed file that kept its state since the last build is trusted unread
    (`cache.known_file`, as on a machine where the files settled long ago) or read again every time
    (as right after writing them): both paths of the seed cache must give the clean build."""
    monkeypatch.setattr(archive, "LIST_LIMIT", LIST_LIMIT)
    monkeypatch.setattr(seed_cache, "SETTLED_NS", -(10**18) if states == "trusted" else 10**19)
    seeds, docs, fresh = tmp_path / "seeds", tmp_path / "docs", tmp_path / "fresh"
    cache = ("--cache", str(tmp_path / "cache"))
    write_corpus(ARTICLES, seeds)
    build(seeds, docs, *cache)
    rng = random.Random(seed)
    contributor = Contributor(seeds, rng)
    history: list[str] = []
    for step, kinds in enumerate(plan(rng), 1):
        history.append(f"step {step}: " + "; ".join(contributor.edit(kind) for kind in kinds))
        where = f"seed {seed}, {states}, " + " / ".join(history)
        age(docs)
        before = snapshot(docs)
        reported = build(seeds, docs, *cache)
        check_rewrites(before, snapshot(docs), reported, where)
        shutil.rmtree(fresh, ignore_errors=True)
        build(seeds, fresh, "--no-cache")
        assert not (fresh / MANIFEST).exists()
        found = differences(tree(docs), tree(fresh))
        assert not found, f"{where}: the incremental build differs from a clean one:\n" + "\n".join(found[:20])

    # And once the edits stop, a build changes nothing.
    age(docs)
    before = snapshot(docs)
    assert build(seeds, docs, *cache) == 0
    check_rewrites(before, snapshot(docs), 0, f"seed {seed}, {states}, a build after the last step")
