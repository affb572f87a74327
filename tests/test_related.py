"""Related coverage: which articles an article page links to, and what it says they share."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.collection import build_collection
from generator.entities import person_key
from generator.related import explain, related_ranking
from tests.factories import article


@pytest.mark.parametrize(
    ("person", "key"),
    [
        ("Vladimir Putin", "vladimir putin"),
        ("Presiden Rusia Vladimir Putin", "vladimir putin"),
        ("Kepala Staf Angkatan Bersenjata Iran Mayor Jenderal Mohammad Baqeri", "mohammad baqeri"),
        ("Sekjen Dewan Tinggi Keamanan Nasional Iran Laksamana Ali Samkhani", "ali samkhani"),
        ("Jenderal Asim Munir", "asim munir"),
        ("Menteri Luar Negeri Iran Abbas Araghchi", "abbas araghchi"),
        ("Michael Jordan", "michael jordan"),  # ends in a country's name: taken whole
    ],
)
def test_a_person_is_told_apart_by_name_whatever_the_role(person, key):
    assert person_key(person) == key


def _people_only(stem: str, people: tuple[str, ...], day: int) -> object:
    """An article that shares nothing but its people with the others."""
    return article(stem, dt.date(2024, 11, day), countries=(), topics=(), people=people)


def test_articles_naming_one_person_with_different_roles_are_related():
    """Seeds 002 and 003 name Putin as 'Vladimir Putin' and 'Presiden Rusia Vladimir Putin': one
    person, who links the two reports (they were unrelated by him before)."""
    telephone = _people_only("telephone", ("Presiden Iran Masoud Pezeshkian", "Vladimir Putin"), 3)
    summit = _people_only("summit", ("Presiden Rusia Vladimir Putin", "Presiden Tajikistan Emomali Rahmon"), 2)
    other = _people_only("other", ("Jenderal Asim Munir",), 1)
    collection = build_collection([telephone, summit, other])
    ranking = related_ranking(collection)
    position = {a.stem: i for i, a in enumerate(collection.articles)}
    assert ranking[position["telephone"]] == [position["summit"]]
    assert ranking[position["summit"]] == [position["telephone"]]
    assert ranking[position["other"]] == []
    # Both pages name him alike, without the title one of them gives him.
    assert explain(telephone, summit).people == ("Vladimir Putin",)
    assert explain(summit, telephone).people == ("Vladimir Putin",)


def test_a_person_listed_twice_in_one_article_counts_once():
    """Two entries for one person (with and without a role) must not outweigh two people shared."""
    twice = _people_only("twice", ("Presiden Rusia Vladimir Putin", "Vladimir Putin"), 3)
    one_shared = _people_only("one", ("Vladimir Putin",), 2)
    two_shared = _people_only("two", ("Vladimir Putin", "Sergey Lavrov"), 1)
    with_lavrov = _people_only("lavrov", ("Vladimir Putin", "Menteri Luar Negeri Rusia Sergey Lavrov"), 4)
    collection = build_collection([twice, one_shared, two_shared, with_lavrov])
    position = {a.stem: i for i, a in enumerate(collection.articles)}
    ranking = related_ranking(collection)
    # "lavrov" shares two people with "two", one with "twice" and "one": "two" first.
    assert ranking[position["lavrov"]][0] == position["two"]
    assert explain(with_lavrov, twice).people == ("Vladimir Putin",)
    assert explain(with_lavrov, two_shared).people == ("Vladimir Putin", "Sergey Lavrov")


def test_what_a_related_article_shares_is_listed_in_the_order_of_the_pages_box():
    """The box lists the main countries first, then by name, and topics as annotated; the related
    coverage under it listed what it shares in the other article's order."""
    from generator.pages.article import render_article

    page_article = article(
        "a", countries=("IL", "IR", "PK"), main_countries=("PK",), topics=("diplomacy", "border-security")
    )
    other = article("b", countries=("IR", "IL", "PK"), topics=("border-security", "diplomacy"))
    page = render_article(page_article, (explain(page_article, other),))
    assert "shares Pakistan, Iran, Israel · Diplomacy, Border security" in page
