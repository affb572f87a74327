import datetime as dt
import json
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.extract import extract
from generator.model import Extracted
from tests.labelled import REPO, cases

CASES = cases()
FIELDS = ("title", "published", "dateline", "outlet", "original_source", "editor", "countries")
CLI_KEYS = [
    "title",
    "published",
    "dateline",
    "outlet",
    "original_source",
    "editor",
    "countries",
    "main_countries",
    "people",
    "organisations",
    "topics",
    "body",
    "removed",
]


def _value(result: Extracted, name: str) -> object:
    value = getattr(result, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return sorted(value)
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("field", FIELDS)
def test_labelled_field(case, field: str) -> None:
    assert _value(extract(case.text), field) == case.label[field]


@pytest.mark.parametrize("case", [c for c in CASES if "topics" in c.label or "topics_absent" in c.label], ids=str)
def test_labelled_topics(case) -> None:
    topics = extract(case.text).topics
    assert set(case.label.get("topics", ())) <= set(topics)
    assert not set(case.label.get("topics_absent", ())) & set(topics)


@pytest.mark.parametrize("case", [c for c in CASES if "people" in c.label], ids=lambda c: c.name)
def test_labelled_people(case) -> None:
    """Every person the text names with a role, and nothing else: a wrong suggestion costs a contributor more."""
    assert list(extract(case.text).people) == case.label["people"]


def test_people_are_not_read_from_a_title_case_headline() -> None:
    """Every word of `… Pezeshkian Kunjungi Rusia` is capitalised: `Kunjungi` was taken for part of his name."""
    text = (
        "Presiden Iran Masoud Pezeshkian Kunjungi Rusia Bahas Nuklir\n\n"
        "Teheran, Purna Warta – Presiden Iran Masoud Pezeshkian tiba di Moskow pada Senin untuk membahas energi."
    )
    assert extract(text).people == ("Presiden Iran Masoud Pezeshkian",)


@pytest.mark.parametrize(
    ("lead", "dateline", "outlet"),
    [
        (
            "Islam Abad, Purna Warta – Pimpinan militer Iran dan Pakistan bertemu di ibu kota.",
            "Islam Abad",
            "Purna Warta",
        ),
        (
            "Teheran, LiputanIslam.com – Sekjen Dewan Tinggi Keamanan Nasional Iran bertemu mitranya.",
            "Teheran",
            "LiputanIslam.com",
        ),
        (
            "Teheran (ANTARA) – Pada Minggu, Iran memulai latihan militer gabungan dengan Azerbaijan.",
            "Teheran",
            "ANTARA",
        ),
        ("PR CIREBON - Diambil alihnya Afghanistan oleh Taliban memicu ketakutan negara tetangga.", None, "PR CIREBON"),
        (
            "Jakarta, CNN Indonesia -- Nilai tukar rupiah ditutup melemah pada perdagangan sore ini.",
            "Jakarta",
            "CNN Indonesia",
        ),
        (
            "KOMPAS.com - Presiden mengatakan pemerintah akan memperkuat kerja sama dengan negara sahabat.",
            None,
            "KOMPAS.com",
        ),
        (
            "JAKARTA, KOMPAS.com - Menteri Luar Negeri Iran menuding Amerika Serikat berada di balik serangan.",
            "Jakarta",
            "KOMPAS.com",
        ),
        (
            "Liputan6.com, Jakarta - Gempa bermagnitudo 5,6 mengguncang wilayah Cianjur pada pagi hari.",
            "Jakarta",
            "Liputan6.com",
        ),
        (
            "TEMPO.CO, Jakarta - Hamas dan Israel menyepakati gencatan senjata tiga tahap di Jalur Gaza.",
            "Jakarta",
            "TEMPO.CO",
        ),
        (
            "Jakarta, CNBC Indonesia - Harga minyak mentah dunia menguat pada perdagangan hari Kamis.",
            "Jakarta",
            "CNBC Indonesia",
        ),
        (
            "REPUBLIKA.CO.ID, BEIJING -- Militer China menggelar latihan perang berskala besar di sekitar Taiwan.",
            "Beijing",
            "REPUBLIKA.CO.ID",
        ),
        ("Seoul - Korea Utara kembali menembakkan sejumlah rudal balistik jarak pendek ke arah laut.", "Seoul", None),
        ("Teheran — Iran menolak tuduhan Amerika Serikat soal pengiriman rudal ke Rusia pekan ini.", "Teheran", None),
        ("Pimpinan militer Iran dan Pakistan mengatakan kedua negara harus memerangi terorisme bersama.", None, None),
    ],
)
def test_lead_forms(lead: str, dateline: str | None, outlet: str | None) -> None:
    result = extract(lead)
    assert (result.dateline, result.outlet) == (dateline, outlet)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Sumber: Daily Sabah", "Daily Sabah"),
        ("Sumber: Anadolu", "Anadolu"),
        ("(mm/alalam)", "Al Alam"),  # a known agency, as the agency list writes it
        ("(mm/kabarharapan)", "kabarharapan"),  # any other credit as written
        ("(afp/bac)", "AFP"),  # CNN Indonesia: the agency, then the editor's initials
        ("Kerja sama itu berlangsung dua puluh tahun. (afp/bac)", "AFP"),  # appended to the last paragraph
        ("(haf/imk)", None),  # Detik: two writers' initials
    ],
)
def test_original_source_from_a_line(line: str, source: str | None) -> None:
    lead = "Teheran, Purna Warta – Presiden Iran dan Rusia membahas rencana kerja sama bersama di kawasan."
    assert extract(f"{lead}\n{line}").original_source == source


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Dilansir PikiranRakyat-Cirebon.com dari Dailysabah, pertemuan itu berlangsung Kamis.", "Daily Sabah"),
        ("Hal itu dikatakan seorang pejabat kepada Reuters di Kabul.", "Reuters"),
        ("Serangan itu menewaskan tiga orang, menurut laporan AFP.", "AFP"),
        ("Serangan itu menewaskan tiga orang (Reuters).", "Reuters"),
        ("Serangan itu menewaskan tiga orang, kata polisi.", None),
    ],
)
def test_original_source_from_the_text(sentence: str, source: str | None) -> None:
    lead = "Kabul (ANTARA) - Pemerintah Taliban membuka kembali perlintasan perbatasan dengan Pakistan hari ini."
    assert extract(f"{lead}\n{sentence}").original_source == source


def test_furniture_never_feeds_countries_topics_or_organisations() -> None:
    seed = (REPO / "seeds/003_0fb4b4b65db6b76a.txt").read_text(encoding="utf-8")
    result = extract(seed)
    assert "CN" not in result.countries  # `Tiongkok` only in a teaser
    assert "US" not in result.countries  # `AS` only in a teaser
    seed = (REPO / "seeds/002_e0f2ea50909ec50e.txt").read_text(encoding="utf-8")
    assert "JCPOA" not in extract(seed).organisations


def test_body_paragraphs_are_separated_by_one_blank_line() -> None:
    result = extract((REPO / "seeds/002_e0f2ea50909ec50e.txt").read_text(encoding="utf-8"))
    assert "\n\n\n" not in result.body
    assert len(result.body.split("\n\n")) == 9


def test_cli_prints_exactly_the_issue_keys(capsys) -> None:
    assert main(["extract", str(REPO / "seeds/004_55138af7640aabe5.txt")]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == CLI_KEYS
    assert payload["published"] == "2024-11-24"
    assert payload["countries"] == ["AZ", "IR"]


def test_cli_missing_file(capsys, tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    assert "file not found" in capsys.readouterr().err


def test_extraction_is_fast() -> None:
    texts = [case.text for case in CASES]
    extract(texts[0])  # data files load once
    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for text in texts:
            extract(text)
    per_article = (time.perf_counter() - start) / (rounds * len(texts))
    print(f"\nextraction: {per_article * 1000:.2f} ms per article")
    assert per_article < 0.02


def test_a_dateline_on_its_own_line_is_not_joined_to_a_date_line() -> None:
    # A page printing `Jakarta, CNN Indonesia --` alone above the article's date line: joined to it,
    # the two made the headline ("Jakarta, CNN Indonesia -- Selasa, 21 Jan 2025 …") and no date was read.
    text = "\n\n".join(
        [
            "Iran dan Rusia Teken Kerja Sama Energi Baru",
            "Jakarta, CNN Indonesia --",
            "Selasa, 21 Jan 2025 10:00 WIB",
            "Teheran, CNN Indonesia -- Iran dan Rusia menandatangani perjanjian kerja sama energi baru di "
            "Teheran pada Senin, kata pejabat kedua negara.",
            "Perjanjian itu mencakup pasokan gas dan pembangunan pembangkit listrik baru di selatan Iran.",
        ]
    )
    extracted = extract(text)
    assert extracted.title == "Iran dan Rusia Teken Kerja Sama Energi Baru"
    assert extracted.published == dt.date(2025, 1, 21)


REPUBLISHED = """{site}

Iran adakan latihan militer gabungan bersama Azerbaijan

Teheran (ANTARA) – Pada Minggu (24 November), Iran memulai latihan militer gabungan dengan Azerbaijan.

Latihan itu berlangsung selama empat hari di dekat perbatasan kedua negara.
"""


def test_a_report_republished_by_a_site_names_the_site_as_outlet_and_the_agency_as_source() -> None:
    """The page's first line is the site that published it; the dateline's agency is where it came from
    (seed 004 showed "Outlet: ANTARA" for a Kabar Harapan page)."""
    result = extract(REPUBLISHED.format(site="Kabar Harapan"))
    assert (result.outlet, result.original_source, result.dateline) == ("Kabar Harapan", "ANTARA", "Teheran")
    # The agency's own site, under a longer form of its name: one outlet, no source of its own.
    own = extract(REPUBLISHED.format(site="ANTARA News"))
    assert (own.outlet, own.original_source) == ("ANTARA", None)
    # One site under two spellings, its name over its dateline: no republication.
    for site, dateline in (("Jawa Pos", "JawaPos.com"), ("Pars Today", "ParsToday"), ("Kantor Berita MINA", "MINA")):
        text = REPUBLISHED.format(site=site).replace("Teheran (ANTARA) –", f"Jakarta, {dateline} -")
        assert (extract(text).outlet, extract(text).original_source) == (dateline, None), site
    # A first line that is not a known outlet's name (a section, a menu) names no site.
    section = extract(REPUBLISHED.format(site="Internasional"))
    assert (section.outlet, section.original_source) == ("ANTARA", None)


def test_a_credit_line_without_colons_is_neither_the_headline_nor_text() -> None:
    """A copy of Kompas.com's page may lose the credit line's colons: `Penulis … | Editor …` was taken
    for the headline, and its editor went unread."""
    text = (
        "Kompas.com\n"
        "Iran Gagalkan Rencana Serangan Bom di Teheran, 12 Tersangka Ditangkap\n"
        "Kompas.com - 03/02/2024, 14:20 WIB\n"
        "Penulis Aditya Jaya Iswara | Editor Bernadette Nathalia Hanna\n\n"
        "TEHERAN, KOMPAS.com - Kementerian Intelijen Iran mengeklaim telah menggagalkan rencana serangan bom di "
        "ibu kota Teheran dan menangkap 12 tersangka.\n\n"
        "Menurut pernyataan kementerian, para tersangka berencana menyerang sejumlah lokasi keramaian.\n"
    )
    result = extract(text)
    assert result.title == "Iran Gagalkan Rencana Serangan Bom di Teheran, 12 Tersangka Ditangkap"
    assert result.editor == "Bernadette Nathalia Hanna"
    assert "Penulis Aditya Jaya Iswara | Editor Bernadette Nathalia Hanna" in result.removed
    assert "Penulis" not in result.body
