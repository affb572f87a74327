"""The topic vocabulary (generator/data/topics.yml), which contributors extend by pull request."""

from __future__ import annotations

import pytest
from babel import Locale
from slugify import slugify

from generator import vocabulary
from generator.cli import main
from generator.country_names import country_name, is_country_code
from generator.vocabulary import read_topics, topics
from tests.sitebuild import SEEDS


def test_every_topic_has_a_slug_a_label_and_a_description_of_its_own():
    vocabulary = topics()
    assert vocabulary
    for slug, topic in vocabulary.items():
        assert slug == slugify(slug), slug  # the page's address and what annotations write
        assert topic.label.strip() and topic.description.strip(), slug
    labels = [topic.label.casefold() for topic in vocabulary.values()]
    assert len(set(labels)) == len(labels)


def test_no_topic_is_labelled_with_a_countrys_name():
    """A topic "Afghanistan" beside the country Afghanistan read as the same link in an article's box."""
    countries = {country_name(code).casefold() for code in Locale("en").territories if is_country_code(code)}
    assert [t.label for t in topics().values() if t.label.casefold() in countries] == []


def _problems(text: str) -> list[str]:
    return [d.format() for d in read_topics("topics.yml", text)[1]]


def test_words_yaml_reads_as_a_comment_are_an_error_in_the_vocabulary():
    """A description "Talks on the #2 reactor" was cut to "Talks on the" on every topic page, silently
    (an annotation was warned of it); a comment of its own, after '# ', stays one."""
    text = (
        "# The topic vocabulary\n"
        "- slug: nuclear\n"
        "  label: Nuclear\n"
        "  description: Talks on the #2 reactor.  # reviewed in May\n"
        "  keywords: [nuklir, reaktor]\n"
        "- slug: terrorism\n"
        "  label: Terrorism\n"
        "  description: Attacks, arrests and\n"
        "    #FightTerror campaigns.\n"
    )
    assert _problems(text) == [
        "topics.yml:4:29: error: '#2 reactor.  # reviewed in May' is left out of the value before it: after a "
        "space, '#' starts a YAML comment; put the value in quotes to keep it",
        "topics.yml:9:5: error: '#FightTerror campaigns.' is left out of the value above: a line that starts "
        "with '#' is a YAML comment; put the whole value in quotes (or write it after '>-' on lines of its own) "
        "to keep it",
    ]
    assert (
        _problems(text.replace("Talks on the #2 reactor.", "'Talks on the #2 reactor.'").replace("    #", "    ")) == []
    )


def test_aliases_anchors_and_tags_are_refused_in_the_vocabulary_as_in_an_annotation():
    """A recursive alias (`- &a [*a]`) made every command loop for ever, CI's included."""
    text = "# The topic vocabulary\n- &a [*a]\n- slug: !foo bb\n  label: B\n  description: d\n"
    assert _problems(text) == [
        "topics.yml:2:3: error: YAML anchors (&name) are not allowed; remove the anchor",
        "topics.yml:2:7: error: YAML aliases (*name) are not allowed; write the value out in full",
        "topics.yml:3:9: error: YAML tags (!foo) are not allowed; remove the tag",
    ]


def test_a_slug_named_as_the_index_page_or_a_keyword_no_word_starts_is_an_error():
    """Slug `index` made topics/index.md, the list of topics, the topic's page; a keyword "(isis)" made
    every seed's extraction fail, each seed blamed for it."""
    text = "- slug: index\n  label: Index\n  description: d\n  keywords: ['(isis)', '-', ok]\n"
    assert _problems(text) == [
        "topics.yml:1:9: error: slug 'index' is the name of the topics' index page; give this topic another",
        "topics.yml:4:14: error: keyword '(isis)' must start with a letter or a digit and fit on one line",
        "topics.yml:4:24: error: keyword '-' must start with a letter or a digit and fit on one line",
    ]


def test_a_mistaken_topic_entry_is_reported_at_its_line_with_every_other():
    """Contributors edit topics.yml (CONTRIBUTING.md): a misspelt key gave "internal error (KeyError)",
    a capitalised slug or a second entry of a slug was accepted (and made its page)."""
    text = (
        "- slug: diplomacy\n"
        "  label: Diplomacy\n"
        "  description: Talks.\n"
        "- slug: Terrorist_Attacks\n"
        "  label: Terrorist attacks\n"
        "  descripton: Attacks.\n"
        "  keywords: [Serangan, bom]\n"
        "- slug: diplomacy\n"
        "  label: Diplomacy again\n"
        "  description: Twice.\n"
        "  keywords: perbatasan\n"
    )
    assert _problems(text) == [
        "topics.yml:4:3: error: this topic has no 'description'; every topic needs one",
        "topics.yml:4:9: error: slug 'Terrorist_Attacks' must be lowercase ASCII words joined by hyphens, "
        "like 'terrorist-attacks'",
        "topics.yml:6:3: error: unknown key 'descripton': did you mean 'description'?",
        "topics.yml:7:14: error: keyword 'Serangan' must be lowercase: 'serangan'",
        "topics.yml:8:9: error: slug 'diplomacy' is already a topic above; give this one another slug",
        "topics.yml:11:13: error: 'keywords' must be a list, like [perbatasan, penjaga perbatasan]",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- slug: x\n   keywords: [a]\n", "topics.yml:2:12: error: invalid YAML: mapping values are not allowed"),
        ("slug: x\n", "topics.yml:1:1: error: expected a list of topics"),
        ("- slug: x\n  label: 2024\n  description: d\n", "topics.yml:2:10: error: 'label' must be a line of text"),
        (  # the feeds' XML cannot hold either: the build ended in "internal error (ValueError …)"
            '- slug: x\n  label: "War\\x07"\n  description: d\n',
            "topics.yml:2:10: error: 'label' contains the control character U+0007; remove it",
        ),
        (
            '- slug: x\n  label: X\n  description: "d\\uffff"\n',
            "topics.yml:3:16: error: 'description' contains the noncharacter U+FFFF; remove it",
        ),
        (
            '- slug: x\n  label: X\n  description: d\n  keywords: [perang, "bom\\ufffe"]\n',
            "topics.yml:4:22: error: a keyword contains the noncharacter U+FFFE; remove it",
        ),
    ],
)
def test_a_vocabulary_that_is_not_a_list_of_topics_is_reported_where_it_goes_wrong(text, expected):
    assert _problems(text)[0].startswith(expected)


def test_a_label_yaml_reads_as_a_boolean_is_told_to_be_quoted():
    assert _problems("- slug: x\n  label: Yes\n  description: d\n") == [
        "topics.yml:2:10: error: 'label' must be a line of text (in quotes, if YAML reads it as something else: "
        "'Yes', '2024')"
    ]


def test_two_topics_with_one_label_are_an_error():
    # Both showed as "Border security" on an article's page, and the tags plugin merged them.
    text = (
        "- slug: a\n  label: Border security\n  description: d\n- slug: b\n  label: border Security\n  description: e\n"
    )
    assert _problems(text) == [
        "topics.yml:5:10: error: label 'border Security' is already the label of topic 'a'; give this topic another"
    ]


def test_the_commands_report_a_broken_vocabulary_instead_of_failing(tmp_path, monkeypatch, capsys):
    (tmp_path / "topics.yml").write_text("- slug: a\n  label: A\n  descripton: x\n", encoding="utf-8")
    monkeypatch.setattr(vocabulary, "DATA_DIR", tmp_path)
    monkeypatch.setenv("DIGEST_ERRORS_FILE", str(tmp_path / "errors.txt"))  # as `make serve` asks
    topics.cache_clear()
    try:
        assert main(["check", "--seeds", str(SEEDS), "--no-cache"]) == 1
    finally:
        topics.cache_clear()
    err = capsys.readouterr().err
    assert "topics.yml:3:3: error: unknown key 'descripton': did you mean 'description'?" in err
    assert "2 errors in the topic vocabulary: fix them first" in err
    assert "internal error" not in err and "Traceback" not in err
    assert (tmp_path / "errors.txt").read_text(encoding="utf-8") == f"{tmp_path / 'topics.yml'}\n"  # for its bar


def test_the_repository_vocabulary_has_no_problems():
    path = vocabulary.DATA_DIR / vocabulary.TOPICS_FILE
    assert read_topics(str(path), path.read_text(encoding="utf-8")) == (topics(), [])


def test_values_yaml_reads_as_something_else_than_one_line_of_text_are_reported():
    text = "- slug: Éire\n  label: |\n    two\n    lines\n  description: ''\n  keywords: [~, ok]\n  [a]: b\n"
    assert _problems(text) == [
        "topics.yml:1:9: error: slug 'Éire' must be lowercase ASCII words joined by hyphens, like 'eire'",
        "topics.yml:2:10: error: 'label' must be a line of text",
        "topics.yml:5:16: error: 'description' is empty; write a line of text",
        "topics.yml:6:14: error: each keyword is a word or a phrase (quote one YAML reads otherwise: 'null', '2024')",
        "topics.yml:7:3: error: a key is a word: a topic has 'slug', 'label', 'description', 'keywords'",
    ]
