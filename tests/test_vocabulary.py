"""The topic vocabulary (generator/data/topics.yml), which contributors extend by pull request."""

from __future__ import annotations

from babel import Locale
from slugify import slugify

from generator.country_names import country_name, is_country_code
from generator.vocabulary import topics


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
