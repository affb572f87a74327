"""`python -m generator check` and the validation `build` shares with it: output pinned verbatim."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import SETTLED_NS
from generator.cli import main
from generator.dates import latest_today
from generator.diagnostics import github_command, summary
from generator.model import Diagnostic, Extracted, Topic

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = {
    slug: Topic(slug, slug.title(), "A topic.") for slug in ("border-security", "diplomacy", "military-exercises")
}


def fake_extract(text: str) -> Extracted:
    """The first line as headline, the rest as text, and a date (an undated article is warned about)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(title=lines[0], body="\n\n".join(lines[1:]), published=dt.date(2025, 1, 6))


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """An empty seeds/ in a temporary working directory, with a fixed extraction and vocabulary."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr(pipeline, "extract", fake_extract)
    monkeypatch.setattr(pipeline, "topics", lambda: VOCABULARY)
    (tmp_path / "seeds").mkdir()
    return tmp_path / "seeds"


def write_broken_seeds(seeds: Path) -> None:
    (seeds / "good.txt").write_text("Iran dan Rusia\n\nMenteri bertemu di Moskow pada hari Senin.\n")
    (seeds / "good.yml").write_text(
        "summary: Ministers met in Moscow.\ntopics: [diplomacy, military-exercises]\ncountries: [IR, RU]\n"
    )
    (seeds / "typo.txt").write_text("Latihan bersama\n\nPasukan berlatih di perbatasan.\n")
    (seeds / "typo.yml").write_text(
        "countires: [IR]\n"
        "published: 2025-02-30\n"
        "countries: [Iran, ru]\n"
        "topics: [border-securty]\n"
        "url: javascript:alert(1)\n"
        "notes:\n"
        "  - quote: di Teheran\n"
        "    note: Not in the text.\n"
    )
    (seeds / "syntax.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "syntax.yml").write_text("title: Iran: Rusia\nsummary: x\n")
    (seeds / "latin1.txt").write_bytes("Judul\nBerita caf\xe9\n".encode("latin-1"))
    (seeds / "orphan.yml").write_text("summary: x\n")
    (seeds / "same.txt").write_text("Iran dan Rusia\n\nMenteri bertemu di Moskow pada hari Senin.\n")
    (seeds / "notes.docx").write_bytes(b"PK\x03\x04")


BROKEN_REPORT = """\
seeds/latin1.txt:2:11: error: is not UTF-8 (invalid continuation byte at byte offset 16); save the file as UTF-8 plain text; it reads as Windows-1252 ('é' there): save it again choosing UTF-8, or convert it with iconv -f cp1252 -t utf-8
seeds/notes.docx: warning: ignored: seeds/ holds only <name>.txt articles and <name>.yml annotations
seeds/orphan.yml: error: annotation without an article: expected orphan.txt beside it; add the text or remove the annotation
seeds/same.txt: error: same article text as seeds/good.txt; remove one of the two
seeds/same.txt: warning: no summary yet: shown as "not yet annotated"; run: python -m generator new seeds/same.txt
seeds/same.txt: warning: would share the page articles/2025/iran-dan-rusia.md with seeds/good.txt; published as articles/2025/iran-dan-rusia-2.md instead (give it a distinct title to choose its page)
seeds/syntax.yml:1:12: error: invalid YAML: mapping values are not allowed here; quote values that contain ': ' or start with a special character
seeds/typo.yml:1:1: error: unknown key 'countires'; did you mean 'countries'?
seeds/typo.yml:2:12: error: 'published' is not a real date: '2025-02-30'; write it as YYYY-MM-DD
seeds/typo.yml:3:13: error: 'Iran' is not an ISO 3166-1 alpha-2 country code; did you mean 'IR'?
seeds/typo.yml:3:19: error: 'ru' is not an ISO 3166-1 alpha-2 country code; did you mean 'RU'?
seeds/typo.yml:4:10: error: unknown topic 'border-securty'; did you mean 'border-security'? (topics are listed in generator/data/topics.yml)
seeds/typo.yml:5:6: error: 'url' must be an absolute http(s) link like https://example.com/article, but received: 'javascript:alert(1)'
seeds/typo.yml:7:12: error: quote 'di Teheran' does not occur in the article text; copy the phrase exactly as it appears in the article
11 errors, 3 warnings in 4 articles
"""  # noqa: E501


def test_check_prints_every_problem_sorted_with_a_summary_and_exits_1(seeds, capsys):
    write_broken_seeds(seeds)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out == BROKEN_REPORT
    assert err == ""


def test_a_command_pauses_the_cyclic_garbage_collector_and_restores_it(seeds, monkeypatch):
    # `make serve` runs builds in its own process: the collector must be back on afterwards.
    import gc

    seen = []
    original = pipeline.collect
    monkeypatch.setattr(pipeline, "collect", lambda *a, **k: seen.append(gc.isenabled()) or original(*a, **k))
    write_broken_seeds(seeds)
    assert gc.isenabled()
    assert main(["check"]) == 1
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        main(["check"])
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_check_adds_workflow_commands_inside_github_actions(seeds, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_text(
        "summary: Fine.\ntopics: [diplomacy, border-security, military-exercises]\nsumary: x\n"
    )
    assert main(["check", "--seeds", "seeds"]) == 1
    assert capsys.readouterr().out == (
        "seeds/a.yml:3:1: error: unknown key 'sumary'; did you mean 'summary'?\n"
        "::error file=seeds/a.yml,line=3,col=1::unknown key 'sumary'; did you mean 'summary'?\n"
        "1 error, 0 warnings in 1 article\n"
    )


def test_an_annotation_beside_an_unusable_text_is_checked_in_the_same_round(seeds, capsys):
    # Its mistakes came out only once the text was mended: a second round for the contributor.
    (seeds / "a.txt").write_bytes("Judul\n\nMenurut dia, \u201ckami siap\u201d.\n".encode("cp1252"))
    (seeds / "a.yml").write_text("summary: Fine.\ncountires: [IR]\n")
    assert main(["check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("seeds/a.txt:3:14: error: is not UTF-8")
    assert out[1:] == [
        "seeds/a.yml:2:1: error: unknown key 'countires'; did you mean 'countries'?",
        "2 errors, 0 warnings in 0 articles",
    ]


def test_a_clean_folder_exits_0(seeds, capsys):
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_text("summary: Fine.\ntopics: [diplomacy, border-security, military-exercises]\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 1 article\n"


def test_warnings_alone_exit_0(seeds, capsys):
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 2 warnings in 1 article"


def test_an_annotation_with_errors_is_not_told_to_add_what_it_has(seeds, capsys, monkeypatch):
    """With an error in its annotation, an article is the text's alone: "add 'title:'" was said of an
    annotation that had one, and adding a second was a duplicate-key error."""
    monkeypatch.setattr(pipeline, "extract", lambda text: Extracted(body=text))  # no headline in the text
    (seeds / "a.txt").write_text("Isi berita tanpa judul.\n")
    (seeds / "a.yml").write_text("title: Iran dan Rusia\nsummary: Fine.\ncountries: [XX]\n")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "seeds/a.yml:3:" in out and "no headline found" not in out


@pytest.mark.parametrize(
    ("diagnostic", "expected"),
    [
        (Diagnostic("seeds/a.yml", 3, 7, "error", "bad"), "::error file=seeds/a.yml,line=3,col=7::bad"),
        (Diagnostic("seeds/a.txt", level="warning", message="w"), "::warning file=seeds/a.txt::w"),
        (
            Diagnostic("seeds/a,b:c.yml", 1, None, "error", "100% sure\r\nsecond line"),
            "::error file=seeds/a%2Cb%3Ac.yml,line=1::100%25 sure%0D%0Asecond line",
        ),
    ],
)
def test_workflow_commands_are_escaped_by_githubs_rules(diagnostic, expected):
    assert github_command(diagnostic) == expected


@pytest.mark.parametrize(
    ("levels", "articles", "expected"),
    [
        ((), 0, "0 errors, 0 warnings in 0 articles"),
        (("error", "warning", "error"), 1, "2 errors, 1 warning in 1 article"),
    ],
)
def test_summary_line(levels, articles, expected):
    assert summary([Diagnostic("p", level=level) for level in levels], articles) == expected


HOSTILE_ANNOTATIONS = [
    b"\xff\xfe\x00t\x00i",
    b"title: [" * 3000,
    b"{" * 50_000,
    b"a: &a [*a]\n",
    b"!!python/object/apply:os.system ['touch pwned']\n",
    b"title: !!binary aGVsbG8=\n",
    b"? [complex, key]\n: value\n",
    b"notes:\n  - {quote: 1, note: [x]}\n  - null\n  - [a]\n",
    b"published: 99999-01-01\n",
    b"published: 0000-00-00\n",
    b"countries: [null, 1, true, {a: b}]\n",
    b"%YAML 1.1\n---\ntitle: x\n",
    b"title: x\n...\n---\n",
    b"\xef\xbb\xbftitle: x\n",
    b"title: '\x85\xe2\x80\xa8'\n",
    b"--- |\n  text\n",
]


@pytest.mark.parametrize("content", HOSTILE_ANNOTATIONS)
def test_no_traceback_on_hostile_annotations(seeds, capsys, content):
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_bytes(content)
    code = main(["check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in err
    assert code in (0, 1)
    assert out.splitlines()[-1].endswith("in 1 article") or out.splitlines()[-1].endswith("in 0 articles")
    assert not Path("pwned").exists()


def test_check_runs_as_a_module_without_a_traceback(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--seeds", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "false"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        f"{tmp_path}/a.txt:1:1: error: looks binary (contains NUL bytes); save it as UTF-8 plain text (not UTF-16)\n"
        "1 error, 0 warnings in 0 articles\n"
    )
    assert result.stderr == ""


def test_a_failed_build_leaves_an_earlier_docs_tree_byte_identical(seeds, capsys):
    write_broken_seeds(seeds)
    docs = seeds.parent / "docs"
    (docs / "articles" / "2024").mkdir(parents=True)
    (docs / "articles" / "2024" / "old.md").write_bytes(b"# Old\n")
    (docs / "about.md").write_bytes(b"# About\n")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    assert main(["build", "--seeds", "seeds", "--docs", "docs"]) == 1
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in docs.iterdir()) == ["about.md", "articles"]
    err = capsys.readouterr().err
    assert (
        err == BROKEN_REPORT + "build aborted: nothing was written, the pages stay as they were; fix the errors above\n"
    )


def test_build_and_check_share_one_validation(seeds, monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "collect", lambda *a, **k: calls.append(k) or ([], [Diagnostic("x")]))
    assert main(["check"]) == 1
    assert main(["build"]) == 1
    # The latest date on Earth (UTC+14), not the machine's: from 10:00 UTC they differ.
    assert [call["today"] for call in calls] == [latest_today()] * 2
    assert [type(call["cache"]).__name__ for call in calls] == ["SeedCache"] * 2


UNTOUCHED = "in files this change does not touch (python -m generator check without --changed-files lists them)"


def _without(report: str, *starts: str) -> list[str]:
    return [line for line in report.splitlines() if not line.startswith(starts)]


def test_check_of_a_change_lists_every_error_and_only_the_warnings_about_the_changed_files(seeds, capsys):
    write_broken_seeds(seeds)
    # A change of good.yml answers for good.txt too, and for the warning that names it (same.txt
    # would have taken its page); not for the ignored .docx or same.txt's missing summary.
    (seeds.parent / "changed.txt").write_text("seeds/good.yml\nREADME.md\n\n")
    assert main(["check", "--changed-files", "changed.txt"]) == 1
    lines = _without(BROKEN_REPORT, "seeds/notes.docx:", "seeds/same.txt: warning: no summary")
    lines.insert(-1, f"2 more warnings {UNTOUCHED}")
    assert capsys.readouterr().out.splitlines() == lines

    # Paths as another tool may write them; the file's own warnings are listed.
    (seeds.parent / "changed.txt").write_text("./seeds/same.txt\n")
    assert main(["check", "--changed-files", "changed.txt"]) == 1
    lines = _without(BROKEN_REPORT, "seeds/notes.docx:")
    lines.insert(-1, f"1 more warning {UNTOUCHED}")
    assert capsys.readouterr().out.splitlines() == lines


def test_check_of_a_change_annotates_only_what_it_lists(seeds, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "b.txt").write_text("Judul lain\n\nIsi lain.\n")
    (seeds.parent / "changed.txt").write_text("seeds/b.txt\n")
    assert main(["check", "--changed-files", "changed.txt"]) == 0
    commands = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert [command.split("::")[1] for command in commands] == ["warning file=seeds/b.txt"]


def test_an_unreadable_list_of_changed_files_is_an_error_before_any_work(seeds, capsys, monkeypatch):
    monkeypatch.setattr(pipeline, "collect", lambda *a, **k: pytest.fail("checked the seeds anyway"))
    assert main(["check", "--changed-files", "missing.txt"]) == 1
    (seeds.parent / "binary.txt").write_bytes(b"\xff\xfe")
    assert main(["check", "--changed-files", "binary.txt"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "missing.txt: error: cannot read the list of changed files (No such file or directory)\n"
        "binary.txt: error: cannot read the list of changed files (not UTF-8)\n"
    )


def test_build_annotates_only_errors_in_github_actions(seeds, capsys, monkeypatch):
    """CI runs `check` first, which annotates the warnings; the build annotating them again showed each twice."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_broken_seeds(seeds)
    assert main(["build"]) == 1
    err = capsys.readouterr().err.splitlines()
    commands = [line.split(" ")[0] for line in err if line.startswith("::")]
    assert commands == ["::error"] * 11
    assert sum(": warning: " in line for line in err) == 3


UNCHANGED = "in seeds unchanged since the last build (python -m generator check lists them)"


def _build_changed_only(capsys) -> tuple[int, list[str], str]:
    """`build --changed-only`: its exit status, the first field of each line it printed (the path, for
    a diagnostic), and all it printed."""
    code = main(["build", "--changed-only", "--cache", "cache"])
    err = capsys.readouterr().err
    return code, [line.split(":")[0] for line in err.splitlines()], err


def test_build_of_changed_seeds_only_lists_their_warnings_and_every_error(seeds, capsys, settled):
    """`make serve` rebuilds at every save: on a large digest, the warnings of every other seed would
    bury those of the seed just edited."""
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "b.txt").write_text("Judul lain\n\nIsi lain.\n")
    code, heads, err = _build_changed_only(capsys)  # the first build reads every seed
    assert (code, heads) == (
        0,
        ["seeds/a.txt", "seeds/b.txt", f"1 more warning {UNCHANGED}", "0 errors, 3 warnings in 2 articles"],
    ), err
    # (the one left out: the unused topics' warning, about no seed)

    code, heads, err = _build_changed_only(capsys)
    assert (code, heads[0]) == (0, f"3 more warnings {UNCHANGED}"), err

    (seeds / "b.yml").write_text("countries: [IR]\n")  # b's new annotation: b.yml is read
    (seeds / "c.txt").write_text("Judul ketiga\n\nIsi ketiga.\n")
    (seeds / "c.yml").write_text("countires: [IR]\n")  # an error: unused topics are not reported then
    code, heads, err = _build_changed_only(capsys)
    expected = ["seeds/b.yml", "seeds/c.yml", f"1 more warning {UNCHANGED}", "1 error, 2 warnings in 3 articles"]
    assert (code, heads) == (1, [*expected, "build aborted"]), err

    # c's error fixed: the build that stopped listed b.yml's warning among the errors; this one, the
    # first to write pages from it, lists it again rather than count it as unchanged since then.
    (seeds / "c.yml").write_text("countries: [IR]\n")
    code, heads, err = _build_changed_only(capsys)
    assert (code, heads[:2]) == (0, ["seeds/b.yml", "seeds/c.yml"]), err

    # b's annotation deleted: its text is not read again, but its warning is news; also in the build
    # after one that stopped on an error (c's again).
    (seeds / "b.yml").unlink()
    (seeds / "c.yml").write_text("countires: [IR]\n")
    assert _build_changed_only(capsys)[0] == 1
    (seeds / "c.yml").write_text("countries: [IR]\n")
    code, heads, err = _build_changed_only(capsys)
    assert (code, heads) == (
        0,
        ["seeds/b.txt", "seeds/c.yml", f"2 more warnings {UNCHANGED}", "0 errors, 4 warnings in 3 articles"],
    ), err


def test_seeds_written_just_before_a_build_are_not_news_at_the_next_build_if_unchanged(seeds, capsys):
    """Without `settled`: files written just now (a fresh clone, a copied corpus) are read again by the
    next build, whose state the first could not trust; holding what they held, they are not "changed",
    and their warnings are not listed a second time."""
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_text("countries: [IR]\n")
    code, heads, err = _build_changed_only(capsys)
    assert heads == ["seeds/a.yml", f"1 more warning {UNCHANGED}", "0 errors, 2 warnings in 1 article"], err
    code, heads, err = _build_changed_only(capsys)
    assert (code, heads[0]) == (0, f"2 more warnings {UNCHANGED}"), err
    (seeds / "a.yml").write_text("countries: [IR, RU]\n")  # changed, and just written again
    code, heads, err = _build_changed_only(capsys)
    assert heads[0] == "seeds/a.yml", err


def test_a_check_between_an_edit_and_the_build_leaves_the_edit_news_to_the_build(seeds, capsys, settled):
    """CONTRIBUTING's order: edit, `check`, then `make serve` or `make site`. The check recorded the
    edited file as read, and the build counted its warning among those of unchanged seeds."""
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_text("summary: Fine.\ntopics: [diplomacy, border-security, military-exercises]\n")
    assert _build_changed_only(capsys)[1] == ["0 errors, 0 warnings in 1 article"]
    (seeds / "a.yml").write_text("countries: [IR]\ntopics: [diplomacy, border-security, military-exercises]\n")
    assert main(["check", "--cache", "cache"]) == 0
    assert "seeds/a.yml:" in capsys.readouterr().out
    code, heads, err = _build_changed_only(capsys)
    assert (code, heads[0]) == (0, "seeds/a.yml"), err
    assert _build_changed_only(capsys)[1][0] == f"1 more warning {UNCHANGED}"


def test_build_of_changed_seeds_only_lists_a_stray_file_in_seeds_every_time(seeds, capsys, settled):
    """A file that is no seed was counted as "unchanged since the last build" the build it was added."""
    (seeds / "a.txt").write_text("Judul\n\nIsi.\n")
    (seeds / "a.yml").write_text("summary: Fine.\ntopics: [diplomacy, border-security, military-exercises]\n")
    assert _build_changed_only(capsys)[1] == ["0 errors, 0 warnings in 1 article"]
    (seeds / "kz.md").write_text("an article saved as Markdown")
    for _ in range(2):
        assert _build_changed_only(capsys)[1] == ["seeds/kz.md", "0 errors, 1 warning in 1 article"]


def test_make_serve_regenerates_listing_the_warnings_of_changed_seeds_only(seeds, capfd, monkeypatch):
    """Each build of `make serve` runs the generator as a process of its own (so `settled` cannot reach
    it): the seed is left alone until its state may be trusted, as a seed not just edited is."""
    from generator import mkdocs_hooks

    monkeypatch.setenv("DIGEST_REGENERATE", "1")
    (seeds / "a.txt").write_text(
        "Iran dan Rusia Bertemu\n\nMOSKOW - Iran dan Rusia bertemu di Moskow membahas perbatasan.\n"
    )
    time.sleep(SETTLED_NS / 1e9 + 0.2)
    config = {"docs_dir": str(seeds.parent / "docs")}
    mkdocs_hooks.on_pre_build(config)
    assert "seeds/a.txt: warning" in capfd.readouterr().err
    mkdocs_hooks.on_pre_build(config)
    assert capfd.readouterr().err.splitlines()[0] == f"2 more warnings {UNCHANGED}"


def test_ctrl_c_stops_a_build_with_a_line_not_a_traceback(seeds, capsys, monkeypatch):
    """Ctrl-C in `make serve` reaches the generator's process too (each build runs one): it says it was
    interrupted and exits 130, as shells expect of SIGINT."""
    (seeds / "a.txt").write_text("Judul\n\nIsi artikel.\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.pipeline.collect", interrupted)
    assert main(["build"]) == 130
    out, err = capsys.readouterr()
    assert err == "interrupted\n" and "Traceback" not in out


def test_make_site_builds_listing_the_warnings_of_changed_seeds_only():
    """On a large digest every `make site` repeated thousands of warnings about seeds nobody touched."""
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "generate"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-m generator build --changed-only" in dry_run, dry_run


def test_a_python_without_the_libraries_is_told_to_use_the_venv():
    """`python -m generator check` run outside .venv said "internal error … please report it"."""
    blocked = "import sys; sys.modules['slugify'] = None; from generator.cli import main; sys.exit(main(['check']))"
    result = subprocess.run([sys.executable, "-c", blocked], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert "run `make site` once to create .venv, then use .venv/bin/python -m generator" in result.stderr
