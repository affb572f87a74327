import pytest

from generator.countries import countries, main_countries
from generator.country_names import city_in_english


def named(text: str) -> set[str]:
    return set(countries([text]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pasar perbatasan Iran-Pakistan", {"IR", "PK"}),
        ("kerjasama Rusia-Iran dalam pemberantasan terorisme", {"RU", "IR"}),
        ("kerjasama Teheran-Moskow", {"IR", "RU"}),
        ("Diambil alihnya Afghanistan oleh Taliban", {"AF"}),
        ("pemerintah Taliban di Afganistan", {"AF"}),
        ("China dan Tiongkok adalah nama yang sama", {"CN"}),
        ("intervensi ilegal Amerika Serikat (AS) di Suriah", {"US", "SY"}),
        ("duta besar untuk Inggris", {"GB"}),
        ("Korea Utara menembakkan rudal; Korut mengancam Korsel", {"KP", "KR"}),
        ("Korea Selatan dan Jepang", {"KR", "JP"}),
        ("Arab Saudi, Turki, Belanda, Jerman, dan Prancis", {"SA", "TR", "NL", "DE", "FR"}),
        ("termasuk Perancis dan Jerman", {"FR", "DE"}),  # the spelling Kompas and others use (CLDR: Prancis)
        ("Teheran dan Islamabad berusaha memperluas pemahaman", {"IR", "PK"}),
        ("Islam Abad menolak tudingan", {"PK"}),
        ("Moskow sedang mempertahankan pembicaraan", {"RU"}),
        ("pertemuan di ibukota Dushanbe", {"TJ"}),
        ("antara Teheran dan Baku", {"IR", "AZ"}),
        ("Kabul membantah tuduhan tersebut", {"AF"}),
        ("Washington menolak; Beijing mengecam", {"US", "CN"}),
        ("pasukan Damaskus merebut Aleppo; Ankara diam", {"SY", "TR"}),
        ("gencatan senjata di Lebanon dan Libanon", {"LB"}),
        ("rezim Israel di Gaza; warga Palestina", {"IL", "PS"}),
        ("Rusia, Belarus, Armenia, Tajikistan, Kyrgyzstan, dan Kazakhstan", {"RU", "BY", "AM", "TJ", "KG", "KZ"}),
        ("di Astana, Kazakhstan", {"KZ"}),
        ("Presiden Chad Mahamat Deby", {"TD"}),
        ("Raja Yordania Abdullah", {"JO"}),
        ("Presiden Turki Recep Tayyip Erdogan", {"TR"}),
        ("Presiden Georgia Salome Zourabichvili", {"GE"}),
        ("PNG: Papua Nugini", {"PG"}),
        ("Guinea menang atas Indonesia", {"GN", "ID"}),
        ("IRAN DAN PAKISTAN", {"IR", "PK"}),
        ("Myanmar (Burma) dan Pantai Gading", {"MM", "CI"}),
        ("Menlu RI bertemu Menlu Vietnam", {"ID", "VN"}),
    ],
)
def test_names_variants_and_capitals(text: str, expected: set[str]) -> None:
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sepatu Michael Jordan terjual mahal. Jordan memakainya di final.",
        "Jordan Henderson mencetak gol.",
        'Drummer Chad Smith menyapa penggemar. "Halo!" kata Chad.',
        "Pangeran Turki al-Faisal berbicara. Turki al-Faisal juga mantan kepala intelijen.",
        "Trump menang di Atlanta, Georgia dan negara bagian Georgia lainnya.",
        "Banjir akibat meluapnya Sungai Niger di Delta Niger.",
        "Gempa di pulau New Guinea.",
        "as well as the others",
        "AS Roma menang atas AS Monaco.",
        "menurut laporan Washington Post",
        "Denzel Washington meraih Oscar.",
        "kemampuan berbahasa Inggris dan bahasa Inggris",
        "Baku tembak terjadi di perbatasan",
        "Laut China Selatan",
        "Jakarta, CNN Indonesia -- Presiden berkata",
        "Amerika Latin dan Amerika Selatan",
        "Papua dan Jakarta",
        "format Astana",
    ],
)
def test_false_friends_are_not_countries(text: str) -> None:
    assert named(text) == set()


def test_ambiguous_name_is_a_country_again_when_a_country_word_introduces_it() -> None:
    assert named("Pangeran Turki al-Faisal berkunjung ke Turki pekan lalu.") == {"TR"}


@pytest.mark.parametrize(
    "text",
    [
        "Menteri Luar Negeri Turki Hakan Fidan mengatakan Turki dan Rusia akan membahas koridor gas.",
        "Menteri Pertahanan Turki Yasar Guler tiba di Moskow.",
        "Menteri Dalam Negeri Georgia Vakhtang Gomelauri bertemu mitranya.",
        "Duta Besar Turki Mehmet Kemal Bozay menghadiri upacara itu.",
        "Kepala Staf Angkatan Darat Turki Selcuk Bayraktaroglu meninjau perbatasan.",
        "Juru bicara kepresidenan Turki Ibrahim Kalin membantah laporan itu.",
        "Komandan pasukan perbatasan Georgia Levan Tsiklauri memberi keterangan.",
    ],
)
def test_a_country_in_a_ministers_title_before_the_ministers_name_is_a_country(text: str) -> None:
    """The name before a person's name is the country of the ministry, not the person's given name; it
    stays a country everywhere in the text (a name shown to be a person is one throughout)."""
    assert named(text) & {"TR", "GE"}


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Afghanistan dan Turki Kecam Perundingan Damai", {"AF", "TR"}),
        ("Rusia dan Turki Evaluasi Krisis Suriah", {"RU", "TR", "SY"}),
        ("Sepatu Michael Jordan Terjual Rp 30 Miliar", set()),
    ],
)
def test_a_title_case_headline_leaves_a_country_before_a_capitalised_word_a_country(headline, expected) -> None:
    """Every word of such a headline is capitalised: `Turki Kecam` is no person, and Turki was dropped
    from the whole article (a name shown to be a person is one throughout)."""
    assert named(headline) == expected
    assert "TR" not in expected or "TR" in countries([headline, "Turki menolak rencana itu."])


def test_georgia_the_country() -> None:
    assert named("Ribuan warga Georgia turun ke jalan di Tbilisi.") == {"GE"}


def test_main_countries_come_from_headline_lead_and_frequency() -> None:
    title = "Iran dan Pakistan Desak Perang Melawan Terorisme"
    lead = "Pimpinan militer Iran dan Pakistan mengatakan kedua negara harus melawan terorisme."
    body = [lead, "Baqeri memuji sikap Pakistan menentang kampanye rezim Israel di Gaza.", "Iran siap."]
    assert set(main_countries(title, lead, body)) == {"IR", "PK"}


def test_main_countries_empty_without_countries() -> None:
    assert main_countries(None, "Banjir merendam Bekasi.", ["Banjir merendam Bekasi."]) == ()


@pytest.mark.parametrize(
    ("written", "shown"),
    [("Teheran", "Tehran"), ("Kairo", "Cairo"), ("Yerusalem", "Jerusalem"), ("Islamabad", "Islamabad"),
     ("Cirebon", "Cirebon"), ("Kota Tidak Dikenal", "Kota Tidak Dikenal"),
     # the press's own spellings, which CLDR does not list (ANTARA writes Moskow, CLDR Moskwa)
     ("Moskow", "Moscow"), ("Moskwa", "Moscow"), ("Jenewa", "Geneva"), ("Islam Abad", "Islamabad")],
)  # fmt: skip
def test_a_datelines_city_is_shown_in_english_where_cldr_knows_it(written: str, shown: str) -> None:
    from generator.pages.article import render_article
    from tests.factories import article

    assert city_in_english(written) == shown
    page = render_article(article("a", dateline=written), ())
    assert f"<strong>Dateline:</strong> {shown}</li>" in page


def test_an_articles_countries_are_listed_main_ones_first_then_by_name() -> None:
    """In code order an Iran–Pakistan story was listed "Israel, Iran, Pakistan, Palestinian Territories"."""
    from generator.country_names import in_reading_order

    assert in_reading_order(("IL", "IR", "PK", "PS"), ("PK", "IR")) == ("IR", "PK", "IL", "PS")
    assert in_reading_order(("US", "AZ"), ()) == ("AZ", "US")  # by name, not by code: Azerbaijan, United States
    assert in_reading_order(("IR",), ("RU",)) == ("IR",)  # a main country the annotation left out is not added


def test_a_countrys_other_names_are_each_listed_once_and_not_its_own():
    from generator.countries import names_of

    assert names_of("IL") == ("Israeli", "Rezim Zionis", "Tel Aviv", "Zionis Israel")  # not also "rezim Zionis"
    assert "NKRI" in names_of("ID")  # an alias in capitals is one
    assert names_of("MM") == ()  # "Burma" is in its English name, "Myanmar (Burma)"
