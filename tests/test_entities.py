import pytest

from generator.entities import organisations, people
from generator.tagging import tag
from generator.vocabulary import load_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dalam percakapan telepon pada hari Senin, Presiden Iran Masoud Pezeshkian dan mitranya berbicara.",
            "Presiden Iran Masoud Pezeshkian",
        ),
        (
            "Kepala Staf Angkatan Bersenjata Iran Mayor Jenderal Mohammad Baqeri, yang berada di Islamabad",
            "Kepala Staf Angkatan Bersenjata Iran Mayor Jenderal Mohammad Baqeri",
        ),
        ("bertemu kepala militer Pakistan, Jenderal Asim Munir, pada hari Senin.", "Jenderal Asim Munir"),
        ("Sekretaris Jenderal CSTO, Stanislav Zas mengatakan bahwa", "Sekretaris Jenderal CSTO, Stanislav Zas"),
        ("Direktur Dinas Keamanan Federal Rusia Nikolai Patrushev, Selasa (4/7/2017)", None),
    ],
)
def test_people_with_role(text: str, expected: str | None) -> None:
    found = people([text])
    if expected is None:
        assert found == ("Direktur Dinas Keamanan Federal Rusia Nikolai Patrushev",)
    else:
        assert found == (expected,)


def test_later_short_mentions_fold_into_the_full_name() -> None:
    paragraphs = ["Presiden Iran Masoud Pezeshkian berbicara.", "Pezeshkian juga memuji peran Rusia."]
    assert people(paragraphs) == ("Presiden Iran Masoud Pezeshkian",)


def test_no_people_without_a_role() -> None:
    assert people(["Warga berkumpul di Lapangan Merdeka sejak pagi."]) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("negara-negara Collective Security Treaty Organization (CSTO)", ("CSTO",)),
        ("pernyataan yang dikeluarkan Korps Garda Revolusi Islam (IRGC)", ("IRGC",)),
        ("menyalahi resolusi Dewan Keamanan dan Piagam PBB", ("PBB",)),
        ("berkonsultasi dengan Dewan Keamanan Perserikatan Bangsa-Bangsa", ("Dewan Keamanan PBB",)),
        ("Hamas dan Taliban", ("Hamas", "Taliban")),
        ("Komunitas Ekonomi Negara Afrika Barat (KENAB) bertemu", ("KENAB",)),
        ("intervensi ilegal Amerika Serikat (AS) di Suriah", ()),
        ("menurut Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)", ("BMKG",)),
        ("Badan Meteorologi Klimatologi dan Geofisika memperingatkan", ("BMKG",)),
        ("Badan Meteorologi Jepang memperingatkan", ()),  # another country's agency
        ("mahasiswa Klimatologi dan Geofisika", ()),
    ],
)
def test_organisations(text: str, expected: tuple[str, ...]) -> None:
    assert organisations([text]) == expected


def test_no_organisation_alias_is_a_fragment_of_a_name_split_at_its_commas() -> None:
    # In a YAML flow list, `[BMKG, Badan Meteorologi, Klimatologi, dan Geofisika]` is four aliases:
    # a name holding commas must be quoted. What such a split leaves starts with a conjunction.
    fragments = [
        alias
        for entry in load_data("organisations.yml")
        for alias in entry["aliases"]
        if alias.split()[0] in {"dan", "serta", "atau", "and", "or"}
    ]
    assert fragments == []


def test_topics_need_more_than_one_stray_word() -> None:
    paragraphs = ["Banjir merendam rumah warga di dekat perbatasan kota.", "Warga mengungsi ke masjid."]
    assert tag("Banjir Rendam Bekasi", paragraphs) == ()


def test_topics_from_repeated_keywords() -> None:
    paragraphs = [
        "Kedua negara sepakat memerangi terorisme di wilayah perbatasan.",
        "Kelompok teroris itu kerap menyeberang perbatasan.",
        "Koordinasi keamanan perbatasan akan ditingkatkan.",
    ]
    assert tag(None, paragraphs) == ("counter-terrorism", "border-security")


def test_headline_keyword_plus_one_mention_is_enough() -> None:
    assert tag("Iran dan Azerbaijan Gelar Latihan Militer", ["Iran menggelar latihan militer di Ardabil."]) == (
        "military-exercises",
    )
