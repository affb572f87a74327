import datetime as dt

import pytest

from generator.dates import find_dates, is_date_line, latest_today, published_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kontak telefonnya, Selasa (4/7/2017), di mana", dt.date(2017, 7, 4)),
        ("- 17 September 2021, 16:30 WIB", dt.date(2021, 9, 17)),
        ("Senin, 24 November 2024 10:15 WIB", dt.date(2024, 11, 24)),
        ("24/11/2024", dt.date(2024, 11, 24)),
        ("Kamis, 16 September 2021 di ibukota", dt.date(2021, 9, 16)),
        ("Senin, 02 Des 2024 09:30 WIB", dt.date(2024, 12, 2)),
        ("Rabu, 15 Jan 2025 16:05 WIB", dt.date(2025, 1, 15)),
        ("24 Agt 2024", dt.date(2024, 8, 24)),
        ("24 Agust 2024", dt.date(2024, 8, 24)),
        ("3 Sept 2024", dt.date(2024, 9, 3)),
        ("1 Okt 2024 pukul 10.00 WITA", dt.date(2024, 10, 1)),
        ("9 Mei 2024, 21:30 WIT", dt.date(2024, 5, 9)),
        ("Nov 12, 2024", dt.date(2024, 11, 12)),
        ("2024-10-03", dt.date(2024, 10, 3)),
        ("Jumat (29/2/2024)", dt.date(2024, 2, 29)),
    ],
)
def test_full_date_forms(text: str, expected: dt.date) -> None:
    mention = find_dates(text)[0]
    assert dt.date(mention.year, mention.month, mention.day) == expected


@pytest.mark.parametrize(
    "text",
    ["Rabu (31/2/2024)", "Senin (12/13/2024)", "32 Januari 2024", "Kamis (29/2/2023)", "skor 2/3 laga", "1/2 porsi"],
)
def test_impossible_or_non_dates_are_dropped(text: str) -> None:
    assert [m for m in find_dates(text) if m.year is not None] == []


def test_year_less_date_is_found_without_year() -> None:
    (mention,) = find_dates("Pada Minggu (24 November), Iran memulai")
    assert (mention.day, mention.month, mention.year, mention.has_dayname) == (24, 11, None, True)


@pytest.mark.parametrize(
    "line",
    [
        "- 17 September 2021, 16:30 WIB",
        "Kompas.com - 24/11/2024, 10:15 WIB",
        "Senin, 24 November 2024 10:15 WIB",
        "Kamis, 12 September 2024 | 18:45 WIB",
        "Diperbarui 24 Nov 2024, 11:02 WIB",
        "Diterbitkan 2024-10-03 08:45",
        "Nov 12, 2024 14:20 Asia/Jakarta",
        "20 Desember 2024 pukul 14.30 WIB",
    ],
)
def test_date_lines(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line",
    ["Pertemuan itu berlangsung pada Kamis, 16 September 2021 di ibukota Tajikistan, Dushanbe.", "Iran dan Pakistan"],
)
def test_sentences_are_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_byline_date_wins_over_dates_in_the_body() -> None:
    header = ["Judul", "- 17 September 2021, 16:30 WIB"]
    body = ["Pertemuan berlangsung pada Kamis, 16 September 2021 di Dushanbe."]
    assert published_date(header, "", body) == dt.date(2021, 9, 17)


def test_date_with_day_name_in_the_lead() -> None:
    body = ["Teheran - Sekjen berkata.", "Hal ini dia ungkapkan, Selasa (4/7/2017), di mana keduanya bertemu."]
    assert published_date([], "", body) == dt.date(2017, 7, 4)


def test_bare_historical_date_in_the_lead_is_not_the_published_date() -> None:
    body = ["Perang pecah sejak serangan Hamas pada 7 Oktober 2023, kata pejabat itu."]
    assert published_date([], "", body) is None


def test_year_less_date_without_evidence_is_null() -> None:
    assert published_date([], "", ["Menlu bertemu Lavrov di Moskwa pada Jumat (20/12)."]) is None


def test_year_less_date_with_certain_year() -> None:
    body = [
        "Pada Minggu (24 November), Iran memulai latihan militer gabungan.",
        "Latihan yang disebut AZIREX-2024 itu digelar di Laut Kaspia.",
        "Perbatasan dibuka kembali pada Juli 2024.",
    ]
    assert published_date([], "", body) == dt.date(2024, 11, 24)


@pytest.mark.parametrize(
    "body",
    [
        # a later year is named: the article could be from 2025
        ["Pada Minggu (24 November), Iran memulai latihan.", "Dibuka pada Juli 2024.", "Target 2024 dan 2030."],
        # the year is named once only
        ["Pada Minggu (24 November), Iran memulai latihan.", "Dibuka kembali pada Juli 2024."],
        # the month reference is after the date's month: it cannot be this year's past
        ["Pada Minggu (24 Februari), Iran memulai latihan.", "Dibuka pada Juli 2024.", "Rencana 2024."],
        # the year the text points to does not give the date its day name: 29 December 2024 is a Sunday
        ["Pada Kamis (29 Desember), Iran memulai latihan.", "AZIREX-2024 digelar pada Juli 2024."],
        ["Pada Jum'at (24 November), Iran memulai latihan.", "AZIREX-2024 digelar pada Juli 2024."],
    ],
)
def test_year_less_date_stays_null_when_unsure(body: list[str]) -> None:
    assert published_date([], "", body) is None


def test_today_is_the_latest_date_on_earth_whatever_the_machines_time_zone(monkeypatch):
    # CI runs on UTC: an article from Jakarta published on a morning was "in the future" there.
    import time

    for zone in ("UTC", "Pacific/Pago_Pago", "Asia/Jakarta"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert latest_today() == (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()
    monkeypatch.undo()
    time.tzset()
