"""People (with the role the text gives them) and organisations named in an article.

No NLP model: people are runs of capitalised words introduced by a role (`Presiden Iran Masoud
Pezeshkian`), organisations come from `data/organisations.yml` plus acronyms defined in the text
(`Collective Security Treaty Organization (CSTO)`). Precision over recall: a missed name is
cheaper than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

import yaml

from generator.countries import country_mentions
from generator.vocabulary import DATA_DIR

# Words that open a role. Longer roles are spelled out word by word after them (`Kepala Staf
# Angkatan Bersenjata Iran Mayor Jenderal`), because every capitalised word before the name is
# kept as part of the role.
ROLE_STARTS = frozenset(
    """Presiden Wakil Perdana Menteri Menlu Menhan Sekjen Sekretaris Kepala Direktur Jenderal Mayor Letnan
    Laksamana Marsekal Kolonel Brigadir Komandan Panglima Juru Jubir Duta Dubes Raja Ratu Pangeran Putra
    Pemimpin Ayatollah Ketua Gubernur Wali Kapolri Kapolda Kapolres Kapten Pelatih Direktur Utama CEO
    Kanselir Emir Syekh Sheikh Syeikh Imam Ulama Senator Anggota Utusan Penasihat Deputi Asisten Jaksa
    Hakim Walikota Bupati Camat Komisaris Pendiri Dirut Kabid Kasubdit Kadiv Wamenlu Wapres PM Jenderal""".split()
)
# Capitalised words that are never part of a person's name.
_NOT_NAME = frozenset(
    """Dewan Keamanan Nasional Tinggi Angkatan Bersenjata Darat Laut Udara Staf Garda Revolusi Islam Korps
    Menteri Luar Negeri Pertahanan Dalam Kementerian Republik Federal Dinas Intelijen Pasukan Tentara Militer
    Utara Selatan Timur Barat Tengah Raya Provinsi Kota Kabupaten Sungai Gunung Jalan Universitas Bank Partai
    Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus September
    Oktober November Desember Pemerintah Negara Kerajaan Umum Agung Besar Khusus Presiden Wakil Jenderal
    Kepala Sekretaris Direktur Komite Komisi Majelis Parlemen Kongres Senat Gedung Putih Istana Organisasi
    Perdana Juru Bicara Duta Besar Raja Badan Lembaga Institut Pusat Kantor Berita Associated Press Agency
    Perserikatan Bangsa Bangsa-Bangsa Uni Eropa Liga Forum Konferensi KTT Mahkamah Pengadilan Ketua DPR MPR
    Timnas Liga Piala Dunia Olimpiade Grup Tim Klub Stadion Masjid Gereja Hari Tahun Baru Idul Ramadan""".split()
)
_CAP_WORD = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Za-z][a-zà-ÿ'’]+)?|[A-Z]\.)"
_NAME_LINK = r"(?:\s+(?:al-|el-|bin\s+|binti\s+|van\s+|von\s+|de\s+|da\s+)?)"
_RUN_RE = re.compile(rf"{_CAP_WORD}(?:(?:,\s+|{_NAME_LINK}){_CAP_WORD}|\s+[A-Z]{{2,6}}\b)*")
_ACRONYM_RE = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|the|and|on|dan|untuk)\s+)?){1,8})\(([A-Z]{2,8})\)")


@cache
def _organisations() -> tuple[re.Pattern[str], dict[str, str]]:
    entries = yaml.safe_load((DATA_DIR / "organisations.yml").read_text(encoding="utf-8"))
    forms = {alias: entry["name"] for entry in entries for alias in entry["aliases"]}
    alternation = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms


def organisations(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Known organisations and text-defined acronyms, in order of first mention."""
    pattern, forms = _organisations()
    found: dict[str, None] = {}
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            found.setdefault(forms[match.group()], None)
        for match in _ACRONYM_RE.finditer(paragraph):
            words, acronym = match.group(1).split(), match.group(2)
            initials = "".join(w[0] for w in words if w[0].isupper())
            if acronym in forms or country_mentions(acronym):
                continue
            if initials.endswith(acronym) or initials == acronym:
                found.setdefault(acronym, None)
    return tuple(found)


def _is_role_word(word: str) -> bool:
    return word in ROLE_STARTS or word in _NOT_NAME or word.isupper() or bool(country_mentions(word))


def _role_and_name(words: Sequence[str]) -> tuple[str, str] | None:
    """From the first role word: the role, then the first run of 2-4 name words (not across a comma).

    `[Senin,, Presiden, Iran, Masoud, Pezeshkian]` → (`Presiden Iran`, `Masoud Pezeshkian`).
    """
    starts = [i for i, word in enumerate(words) if word.rstrip(",") in ROLE_STARTS]
    if not starts:
        return None
    i = starts[0]
    while i < len(words) and _is_role_word(words[i].rstrip(",")):
        i += 1
    if i == starts[0] or i >= len(words):
        return None
    role = " ".join(words[starts[0] : i])
    name: list[str] = []
    for word in words[i:]:
        bare = word.rstrip(",")
        if _is_role_word(bare):
            break
        name.append(bare)
        if word.endswith(","):
            break
    if not 2 <= len(name) <= 4:
        return None
    return role, " ".join(name)


def people(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """People with a role, as written (`Presiden Iran Masoud Pezeshkian`); later short mentions fold in."""
    lowercase_words = {w for p in paragraphs for w in re.findall(r"\b[a-z][a-z'-]+\b", p)}
    found: dict[str, str] = {}  # name -> role + name as first written
    for paragraph in paragraphs:
        for match in _RUN_RE.finditer(paragraph):
            parsed = _role_and_name(match.group().split())
            if parsed is None:
                continue
            role, name = parsed
            if any(w.lower() in lowercase_words for w in name.split()) or any(name in known for known in found):
                continue
            found[name] = f"{role} {name}"
    return tuple(found.values())
