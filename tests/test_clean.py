import pytest

from generator.clean import clean, is_furniture, normalise

LEAD = (
    "JAKARTA, KOMPAS.com - Presiden mengatakan bahwa pemerintah akan terus memperkuat kerja sama dengan negara sahabat."
)
LAST = "Pertemuan itu dijadwalkan berlangsung pekan depan di Jakarta."


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Jakarta Tepis Laporan Rencana Relokasi Warga Gaza ke Indonesia",
        "Baca Juga: Ramalan Horoskop Karier Keuangan, 17 September 2021: Leo Ada Peluang Besar",
        "BACA JUGA: Iran Kecam E3",
        "Baca Selengkapnya",
        "Simak juga Video 'Momen Ukraina Rayakan Hari Kemerdekaan':",
        "Lihat juga: Profil Menlu Iran",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "DISKUSI:",
        "SHARE THIS:",
        "Bagikan :",
        "Facebook Twitter WhatsApp Telegram",
        "Positive SSL",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Scroll to continue with content",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
        "Follow Berita Okezone di Google News",
        "Halaman selanjutnya",
        "Copyright © ANTARA 2024",
        "Copyright 2008 - 2024 PT. Kompas Cyber Media. All Rights Reserved.",
        "Editor: Tyas Siti Gantina",
        "Editor : Hadijah Alaydrus",
        "Penulis: Bernadette Aderi | Editor: Fitria Chusna Farisa",
        "Pewarta: Katriana",
        "Sumber: Daily Sabah",
        "Rep: Dwina Agustin/ Red: Esthi Maharani",
        "Tags: Suriah, Turki, Erdogan",
        "x",
        "*",
        "***",
        "(rdp/imk)",
        "(T/RS2/P1)",
        "[Gambas:Video CNN]",
        "Pilihan Editor: Ribuan Warga Palestina Kembali ke Gaza Utara",
        "ILUSTRASI - Collective Security Treaty Organization (CSTO) dan Rusia siap mengerahkan pasukan.*",
        "Ilustrasi. Rupiah ditutup melemah pada perdagangan Rabu (15/1). (CNN Indonesia/Adi Ibrahim).",
        "Menlu Iran dalam konferensi pers di Teheran. (AFP/ATTA KENARE)",
        "Warga berkumpul di Bundaran HI, Jakarta. (ANTARA FOTO/Hafidz Mubarak A)",
        "Fasilitas gas South Pars di selatan Iran. (REUTERS/Majid Asgaripour)",
        "Kilang minyak di Teluk Persia. (Reuters/Stringer)",
        "Ilustrasi kilang minyak /FOTO: Pixabay",
        "Menlu Sugiono bertemu mitranya di Moskwa. (Foto: Dok. Kemlu)",
        "(reuters/bac)",
        "(anadolu/dna)",
        "Warga merayakan gencatan senjata di Khan Younis. REUTERS/Hatem Khaled",
        "Presiden Turki Recep Tayyip Erdogan. (Foto: Anadolu)",
        "Mohammad Resha Pratama - detikSport",
        "Beranda | Nasional | Internasional | Ekonomi | Olahraga | Teknologi",
        "Home > Internasional > Timur Tengah",
        "Home » Berita » Dunia",
        "HOME  NEWS  DUNIA  TIMUR TENGAH  ASIA",
        "0 Komentar",
        "Like this:",
        "Like Loading...",
        "Share on Facebook",
        "Bagikan ke WhatsApp",
        "Penulis Aditya Jaya Iswara | Editor Bernadette Nathalia Hanna",
        "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini "
        "tanpa izin tertulis dari Kantor Berita ANTARA.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(normalise(line))


@pytest.mark.parametrize(
    "line",
    [
        "Sumber daya alam Indonesia melimpah, kata menteri.",
        "Baqeri mengatakan kedua negara telah berhasil membuat pertumbuhan luar biasa.",
        "Editor senior harian itu ditangkap polisi pada Senin.",
        "Terkait hal itu, pemerintah akan mengirim bantuan.",
        "Tags yang dipasang di barang selundupan itu palsu.",
        "Oleh karena itu, kedua negara sepakat menutup perbatasan.",
        "Foto-foto satelit menunjukkan kerusakan parah di pangkalan udara itu.",
        "Lihat saja apa yang terjadi di Gaza selama 15 bulan terakhir.",
        "Mekanisme kerja sama untuk melawan propaganda online juga dibahas.",
        "Reaksi Israel",
        "Iran Kecam Israel | Republika Online",
        "Nilai ekspor naik > 5 persen > target pemerintah.",
        "Pasukan Iran dan Irak | Latihan dimulai pada Senin | Berakhir pekan depan.",
        "HOME-MADE bombs were found near the border.",
        "Menteri Perminyakan Iran Mohsen Paknejad mengatakan kerja sama ini berlangsung 20 tahun. (afp/bac)",
        "Kedua negara sepakat memperluas kerja sama energi, kata pejabat itu. (reuters/isa)",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_short_article_lines_in_the_middle_are_kept() -> None:
    text = "\n".join([LEAD, "Reaksi Israel", "Israel menolak mengomentari laporan itu.", "Terkait", LAST])
    result = clean(text)
    assert "Reaksi Israel" in result.paragraphs
    assert result.paragraphs[-1] == LAST


def test_trailing_section_block_goes_entirely() -> None:
    tail = ["Tags", "Iran", "Israel", "Amerika Serikat", "Terpopuler", "Gaza Kembali Diserang, Puluhan Warga Gugur"]
    result = clean("\n".join([LEAD, LAST, *tail]))
    assert result.paragraphs == (LEAD, LAST)
    assert result.removed == tuple(tail)


def test_a_page_of_section_headers_is_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    # A pasted page of thousands of `Terkait` lines: asking of each header whether only promos follow
    # it read the rest of the body each time (25,000 lines took minutes). The lines are counted, not
    # timed: every line of the body is asked about a bounded number of times.
    import generator.clean as clean_module

    asked = 0
    original = clean_module._is_teaser

    def counting(line: str) -> bool:
        nonlocal asked
        asked += 1
        return original(line)

    monkeypatch.setattr(clean_module, "_is_teaser", counting)
    lines = 2_000
    result = clean("\n".join([LEAD, LAST, *["Terkait"] * lines]))
    assert result.paragraphs == (LEAD, LAST)
    assert len(result.removed) == lines
    assert asked <= 3 * lines


def test_bare_teaser_header_in_the_middle_takes_at_most_three_headlines() -> None:
    teasers = ["Baca Juga", "Gempa Guncang Sukabumi Dini Hari", "Warga Diminta Waspada", "BNPB Kirim Bantuan"]
    body = "Badan Penanggulangan Bencana Daerah mencatat 12 rumah rusak ringan."
    result = clean("\n".join([LEAD, *teasers, body, LAST]))
    assert result.paragraphs == (LEAD, body, LAST)


@pytest.mark.parametrize(
    "sentence",
    [
        "Menteri itu berkata: \u201cKami akan menutup semua jalur penyelundupan di perbatasan bersama.\u201d",
        "Kami tidak akan mundur sedikit pun!",
        "Apakah kedua negara akan menepati janjinya?",
        "Kedua pihak sepakat bertemu lagi bulan depan di Ankara (mm/alalam)",
        "Kedua pihak sepakat bertemu lagi bulan depan di Ankara.***",
    ],
)
def test_a_sentence_after_a_teaser_header_and_its_headline_is_kept(sentence: str) -> None:
    """Only a final `.` made a line a sentence here: these were taken for teasers, and lost."""
    result = clean("\n".join([LEAD, "Baca juga:", "Hamas Tegaskan Komitmennya", sentence, LAST]))
    assert result.paragraphs == (LEAD, sentence.removesuffix("***"), LAST)
    assert result.removed == ("Baca juga:", "Hamas Tegaskan Komitmennya")


@pytest.mark.parametrize(
    "menu",
    [
        "Beranda | Nasional | Internasional | Ekonomi | Olahraga | Teknologi",
        "HOME  NEWS  DUNIA  TIMUR TENGAH  ASIA",
        "Home > Berita Internasional > Timur Tengah dan Asia",
    ],
)
def test_a_site_menu_above_a_short_headline_is_not_the_headline(menu: str) -> None:
    """A headline of four words lost to a menu of five or more (the headline prefers 5+ words)."""
    result = clean("\n\n".join([menu, "Qatar Sepakati Penyelundupan Narkoba", LEAD, LAST]))
    assert result.title == "Qatar Sepakati Penyelundupan Narkoba"
    assert result.removed == (normalise(menu),)


def test_metadata_is_read_before_the_line_goes() -> None:
    result = clean("\n".join([LEAD, LAST, "Editor: Tyas Siti Gantina", "Sumber: Anadolu"]))
    assert result.metadata == {"editor": "Tyas Siti Gantina", "original_source": "Anadolu"}
    assert "Editor: Tyas Siti Gantina" in result.removed


def test_a_known_tagline_above_a_short_headline_is_not_the_headline() -> None:
    text = "\n\n".join(
        ["Kabar Harapan", "Memberikan Informasi Terupdate Dalam Negri & Luar Negri", "Iran Gelar Latihan Militer", LEAD]
    )
    result = clean(text)
    assert result.title == "Iran Gelar Latihan Militer"
    assert result.removed == ("Kabar Harapan", "Memberikan Informasi Terupdate Dalam Negri & Luar Negri")


def test_site_name_tagline_and_headline_above_the_lead() -> None:
    text = "\n\n".join(
        [
            "Kabar Harapan",
            "Memberikan Informasi Terupdate Dalam Negri & Luar Negri",
            "Iran adakan latihan militer gabungan bersama Azerbaijan",
            LEAD,
        ]
    )
    result = clean(text)
    assert result.title == "Iran adakan latihan militer gabungan bersama Azerbaijan"
    assert result.removed[:2] == ("Kabar Harapan", "Memberikan Informasi Terupdate Dalam Negri & Luar Negri")


@pytest.mark.parametrize(
    "headline",
    [
        "Mengenal Koridor Tengah, Jalur Dagang Baru Asia Tengah (Bagian 1)",
        "Jalur Dagang Baru Asia Tengah (Bagian 2-Habis)",
        "Mengapa Iran Mendekati Azerbaijan (Analisis)",
        "Latihan Gabungan Pasukan Khusus di Tashkent (Video)",
    ],
)
def test_a_headline_ending_in_a_series_or_format_label_is_the_headline(headline: str) -> None:
    result = clean("\n\n".join([headline, LEAD, LAST]))
    assert result.title == headline


def test_a_quoted_sentence_above_the_lead_is_not_the_headline() -> None:
    headline = "Iran Tuding AS Dalangi Kerusuhan di Suriah"
    quote = "“Kami tidak akan tinggal diam menghadapi ancaman ini.”"
    assert clean("\n\n".join([headline, quote, LEAD, LAST])).title == headline


@pytest.mark.parametrize(
    "caption",
    [
        "Presiden Azerbaijan Ilham Aliyev dan Presiden Iran Masoud Pezeshkian (kanan)",
        "Ilustrasi bendera Georgia berkibar di Tbilisi (unsplash.com/Nama)",
        "Sepatu yang dipakai Michael Jordan dipamerkan sebelum lelang (REUTERS/Mike Segar)",
        "Presiden Rusia Vladimir Putin dan Presiden Turki Recep Tayyip Erdogan (AFP Photo)",
    ],
)
def test_a_caption_below_the_headline_ending_in_its_credit_or_a_place_is_not_the_headline(caption: str) -> None:
    headline = "Iran Tuding AS Dalangi Kerusuhan di Suriah"
    assert clean("\n\n".join([headline, caption, LEAD, LAST])).title == headline


def test_no_title_when_the_text_starts_with_the_lead() -> None:
    assert clean(LEAD + "\n" + LAST).title is None


def test_duplicated_headline_and_captions() -> None:
    title = "Iran Tuding AS Dalangi Kerusuhan di Suriah"
    caption = "Pemain Timnas tertunduk lesu usai laga melawan Guinea di Clairefontaine, Prancis.*"
    text = "\n".join([title, caption, caption + " /FOTO: Instagram/@timnas", title, LEAD, LAST])
    result = clean(text)
    assert result.title == title
    assert result.paragraphs == (LEAD, LAST)
    assert len(result.removed) == 3


def test_whitespace_and_end_marks_are_normalised_without_changing_words() -> None:
    result = clean("CSTO\u00a0dan  Rusia akan bersiaga di perbatasan, kata pejabat itu kepada wartawan.***\n")
    assert result.paragraphs == ("CSTO dan Rusia akan bersiaga di perbatasan, kata pejabat itu kepada wartawan.",)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Harga minyak naik 5 persen pada pekan ini, kata pejabat itu kepada wartawan*", None),
        ("Harga minyak naik 5 persen pada pekan ini, kata pejabat itu kepada wartawan. *", "wartawan."),
        ("Harga minyak naik 5 persen pada pekan ini, kata pejabat itu kepada “wartawan.”*", "“wartawan.”"),
        ("Harga minyak naik 5 persen pada pekan ini, kata pejabat itu kepada wartawan**", "wartawan"),
    ],
)
def test_one_asterisk_right_after_a_word_is_the_texts_own(line: str, kept: str | None) -> None:
    """The end-of-article mark is an asterisk after a sentence's end, or several; every line lost its
    last asterisks, so a note quoting a phrase with a footnote's mark (`wartawan*`) was not found."""
    (paragraph,) = clean(line).paragraphs
    assert paragraph == (line if kept is None else line[: line.index(kept) + len(kept)])


def test_line_ending_with_writer_code_is_a_sentence_and_stays() -> None:
    last = "Perundingan damai Suriah babak ke-5 di Astana telah dimulai Selasa kemarin."
    result = clean("\n".join([LEAD, last + " (mm/alalam)", "DISKUSI:", "Positive SSL"]))
    assert result.paragraphs == (LEAD, last)
    assert result.removed == ("(mm/alalam)", "DISKUSI:", "Positive SSL")
    assert result.metadata == {"original_source": "alalam"}


PAKNEJAD = "Menteri Perminyakan Iran Mohsen Paknejad mengatakan kerja sama ini akan berlangsung dua puluh tahun."


@pytest.mark.parametrize(
    ("code", "metadata"),
    [
        ("(afp/bac)", {"original_source": "afp"}),
        ("(reuters/isa)", {"original_source": "reuters"}),
        ("(anadolu/dna)", {"original_source": "anadolu"}),
        ("(ap/bac)", {}),  # `ap` is no source: as short as initials, as on a line of its own
    ],
)
def test_a_writers_code_appended_to_the_last_paragraph_goes_and_the_paragraph_stays(code: str, metadata: dict) -> None:
    """CNN Indonesia appends `(afp/bac)` to the last paragraph: read as a photo credit, the whole
    paragraph was dropped as a caption."""
    result = clean("\n".join([LEAD, PAKNEJAD + " " + code]))
    assert result.paragraphs == (LEAD, PAKNEJAD)
    assert result.removed == (code,)
    assert result.metadata == metadata


def test_a_writers_code_appended_mid_article_goes_too() -> None:
    result = clean("\n".join([LEAD, PAKNEJAD + " (afp/bac)", "Baca juga:", "Iran Kecam E3", LAST]))
    assert result.paragraphs == (LEAD, PAKNEJAD, LAST)
    assert result.removed == ("(afp/bac)", "Baca juga:", "Iran Kecam E3")


@pytest.mark.parametrize(
    "line",
    [
        "Pertemuan itu dijadwalkan berlangsung di Teheran pada Senin (10/3)",  # a date
        "Pertemuan itu dijadwalkan berlangsung di Teheran pada Senin. (10/3)",
        "Kedua pihak sepakat bertemu lagi bulan depan di Ankara (mm/alalam)",  # no sentence before it
    ],
)
def test_brackets_that_are_not_an_appended_writers_code_stay_with_their_line(line: str) -> None:
    assert clean("\n".join([LEAD, line, LAST])).paragraphs == (LEAD, line, LAST)


def test_a_dateline_below_the_first_paragraphs_opens_a_later_paragraph_not_the_lead() -> None:
    """An article that starts without a dateline and has one further down, after a subheading: the
    paragraphs above the dateline are the article's, and the headline is its headline."""
    headline = "Iran dan Pakistan Sepakati Patroli Bersama"
    paragraphs = [
        "Menteri Dalam Negeri Iran mengatakan bahwa kedua negara akan memulai patroli bersama di perbatasan"
        " pada bulan depan untuk menekan penyelundupan.",
        "Kesepakatan itu dicapai setelah dua hari perundingan di ibu kota Pakistan yang juga membahas"
        " pertukaran intelijen.",
        "Reaksi dari Islamabad dan Kabul",
        "ISLAMABAD, Purna Warta – Sementara itu, pemerintah Pakistan menyatakan menyambut baik langkah"
        " tersebut dan akan mengirim pasukan tambahan ke wilayah Baluchistan.",
    ]
    result = clean("\n\n".join([headline, *paragraphs]))
    assert result.title == headline
    assert result.paragraphs == tuple(paragraphs)
    assert result.removed == ()


def test_direction_controls_in_the_scraped_text_are_dropped() -> None:
    """A right-to-left override in a headline reversed how everything after it showed, past the end of
    the link, on every page that lists the article."""
    result = clean("\u202eIran Tuding AS Dalangi Kerusuhan di Suriah\u202c\n\n" + LEAD + "\u2067\n\n" + LAST)
    assert result.title == "Iran Tuding AS Dalangi Kerusuhan di Suriah"
    assert result.paragraphs == (LEAD, LAST)


def test_soft_hyphens_go_and_accents_are_composed() -> None:
    """A text copied with the page's hyphenation hints (U+00AD) or in decomposed Unicode looked right,
    but search and a contributor's quote did not find "Baqeri" or "café" as typed."""
    line = (
        "TEHERAN - Menteri Ba\u00adqeri dan Rouhani\u0301 bertemu di cafe\u0301 perbatasan kedua negara itu, kata dia."
    )
    assert clean(line).paragraphs == (
        "TEHERAN - Menteri Baqeri dan Rouhan\u00ed bertemu di caf\u00e9 perbatasan kedua negara itu, kata dia.",
    )
