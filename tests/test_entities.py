import pytest

from generator.entities import organisations, people, person_name
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


@pytest.mark.parametrize(
    "person",
    [
        "Menteri Perminyakan Iran Mohsen Paknejad",
        "Menteri Perdagangan Rusia Maxim Reshetnikov",
        "Kepala Otoritas Energi Atom Iran Mohammad Eslami",
        "Presiden Korea Selatan Yoon Suk Yeol",
        "Menteri Luar Negeri Arab Saudi Adel al-Jubeir",
    ],
)
def test_a_role_may_name_a_portfolio_before_its_country(person: str) -> None:
    """No list of role words holds every portfolio (`Perminyakan`): the country closes the role."""
    assert people([f"Senin, {person} mengatakan kerja sama itu akan berlangsung lama."]) == (person,)


@pytest.mark.parametrize(
    "text",
    [
        "Kepala Staf Gabungan Korea Selatan menyebut rudal-rudal itu diluncurkan dari wilayah Sariwon.",
        "Kepala Otoritas Energi Atom Iran mengatakan pengayaan uranium tetap berjalan.",
    ],
)
def test_a_role_without_a_name_suggests_nobody(text: str) -> None:
    """`Gabungan Korea` and `Otoritas Energi Atom` were taken for names."""
    assert people([text]) == ()


@pytest.mark.parametrize(
    ("person", "name"),
    [
        ("Presiden Amerika Serikat Joe Biden", "Joe Biden"),
        ("Presiden Uni Emirat Arab Mohamed bin Zayed", "Mohamed bin Zayed"),
    ],
)
def test_the_name_follows_a_country_of_several_words(person: str, name: str) -> None:
    assert person_name(person) == name


@pytest.mark.parametrize(
    "person",
    [
        "Presiden Turki Recep Tayyip Erdoğan",
        "Presiden Serbia Aleksandar Vučić",
        "Ketua DPR AS Kevin McCarthy",
        "Menteri Luar Negeri Arab Saudi Pangeran Faisal bin Farhan",
        "Putra Mahkota Arab Saudi Mohammed bin Salman",
    ],
)
def test_a_name_is_read_whole(person: str) -> None:
    """`Erdoğan` and `McCarthy` were cut to `Erdo` and `Mc`; `bin`, in lower case in the text, made the
    name an ordinary word's."""
    assert people([f"{person} mengatakan bahwa kerja sama kedua negara akan diperluas."]) == (person,)


def test_a_name_the_pattern_cannot_read_to_its_end_is_not_suggested() -> None:
    """`Əliyev` opens with a capital no name word can open with: `Ilham Heydar` is not his name."""
    assert people(["Presiden Azerbaijan Ilham Heydar Əliyev mengatakan bahwa latihan itu rutin."]) == ()


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


@pytest.mark.parametrize(
    "text",
    [
        "Kepala Badan Penanggulangan Bencana Daerah mencatat 12 rumah rusak ringan.",
        "Kepala Badan Penanggulangan Bencana Daerah Kabupaten Cianjur Asep Sudrajat mengatakan hal itu.",
        "Ketua Dewan Syura Ahmad Heryawan hadir dalam rapat itu.",
        "Kepala Otoritas Pelabuhan Ahmad Yani meninjau dermaga.",
    ],
)
def test_no_name_is_read_from_an_institution_s_own_name(text: str) -> None:
    """`Kepala Badan` goes on with the agency's name (`Penanggulangan Bencana Daerah` was suggested as
    a person's): where it ends and a name starts cannot be told, so nobody is suggested."""
    assert people([text]) == ()


def test_a_role_may_give_its_institutions_acronym_in_brackets_before_the_name():
    """`Direktur Dinas Keamanan Federal Rusia (FSB) Alexander Bortnikov`: a common form, which found nobody."""
    paragraphs = [
        "Direktur Dinas Keamanan Federal Rusia (FSB) Alexander Bortnikov mengatakan latihan itu penting.",
        "Ketua Komite Keamanan Nasional Kazakhstan (KNB) Ermek Sagimbayev hadir dalam latihan tersebut.",
    ]
    assert people(paragraphs) == (
        "Direktur Dinas Keamanan Federal Rusia (FSB) Alexander Bortnikov",
        "Ketua Komite Keamanan Nasional Kazakhstan (KNB) Ermek Sagimbayev",
    )
    # An acronym does not open a role, nor stand for a name.
    assert people(["(FSB) Alexander Bortnikov mengatakan latihan itu penting."]) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sekjen Organisasi Perjanjian Keamanan Kolektif (CSTO) Stanislav Zas mengatakan hal itu.",
            "Sekjen Organisasi Perjanjian Keamanan Kolektif (CSTO) Stanislav Zas",
        ),
        (
            "Direktur Jenderal Badan Tenaga Atom Internasional (IAEA) Rafael Grossi tiba di Teheran.",
            "Direktur Jenderal Badan Tenaga Atom Internasional (IAEA) Rafael Grossi",
        ),
    ],
)
def test_an_institution_s_name_closed_by_its_acronym_is_the_role_before_the_name(text: str, expected: str) -> None:
    """Where `Kepala Badan …` gives no end to the institution's name (above), the acronym in brackets
    does: these found nobody."""
    assert people([text]) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        # No name after the acronym, or the acronym too far for an institution's name.
        "Sekjen Organisasi Perjanjian Keamanan Kolektif (CSTO) mengatakan hal itu.",
        "Kepala Badan Satu Dua Tiga Empat Lima Enam Tujuh Delapan Sembilan (BSDT) Ali Rahman hadir.",
        # A lower-case word ends the run before the acronym.
        "Kepala Badan yang baru (BIN) Budi Gunawan hadir.",
    ],
)
def test_an_institution_s_name_without_its_acronym_right_after_still_suggests_nobody(text: str) -> None:
    assert people([text]) == ()
