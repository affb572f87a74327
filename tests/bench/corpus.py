"""A deterministic synthetic corpus in the `seeds/` format, for benchmarks and scale tests.

Sentences are sampled from the real seeds and recombined into 400-900-word articles with a headline,
a dateline lead, page furniture, a date within ten years, 1-4 countries and topics from the
vocabulary. Every article carries two made-up tokens that occur nowhere else, so search can be
tested: `name` (a person's surname, in the text and the annotation's `people`) and `place` (a
village named once in the middle of the text only). A manifest (JSON, beside the seeds) records them.

    python -m tests.bench.corpus 1000 /tmp/corpus
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# The five seeds as the tests keep them (tests/sitebuild.py): the corpus is the same whatever articles
# seeds/ gains, and so are the tests and the benchmark built on it.
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
TOPICS_FILE = ROOT / "generator" / "data" / "topics.yml"

FIRST_DAY = dt.date(2016, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days

# ISO code → the Indonesian name used in the text and the English one used in the annotation.
COUNTRIES = {
    "IR": ("Iran", "Iran"),
    "PK": ("Pakistan", "Pakistan"),
    "RU": ("Rusia", "Russia"),
    "SY": ("Suriah", "Syria"),
    "AF": ("Afghanistan", "Afghanistan"),
    "TJ": ("Tajikistan", "Tajikistan"),
    "AZ": ("Azerbaijan", "Azerbaijan"),
    "US": ("Amerika Serikat", "the United States"),
    "IL": ("Israel", "Israel"),
    "PS": ("Palestina", "Palestine"),
    "TR": ("Turki", "Turkey"),
    "IQ": ("Irak", "Iraq"),
    "LB": ("Lebanon", "Lebanon"),
    "SA": ("Arab Saudi", "Saudi Arabia"),
    "CN": ("Tiongkok", "China"),
    "IN": ("India", "India"),
    "UZ": ("Uzbekistan", "Uzbekistan"),
    "KZ": ("Kazakhstan", "Kazakhstan"),
    "TM": ("Turkmenistan", "Turkmenistan"),
    "ID": ("Indonesia", "Indonesia"),
    "YE": ("Yaman", "Yemen"),
    "QA": ("Qatar", "Qatar"),
    "AM": ("Armenia", "Armenia"),
    "KG": ("Kirgistan", "Kyrgyzstan"),
}
# A few countries dominate real coverage; the weights make index pages of very different sizes.
COUNTRY_WEIGHTS = [30, 12, 14, 10, 9, 4, 5, 10, 8, 6, 5, 4, 3, 3, 3, 2, 2, 2, 1, 2, 2, 1, 1, 1]

# (dateline city, outlet, how the outlet writes its lead)
OUTLETS = [
    ("Teheran", "Purna Warta", "{city}, Purna Warta – "),
    ("Islamabad", "Purna Warta", "{city}, Purna Warta – "),
    ("Teheran", "LiputanIslam.com", "{city}, LiputanIslam.com –  "),
    ("Moskow", "ANTARA", "{city} (ANTARA) – "),
    ("Teheran", "ANTARA", "{city} (ANTARA) – "),
    ("Cirebon", "Pikiran Rakyat Cirebon", "PR CIREBON - "),
    ("Damaskus", "Parstoday", "{city}, Parstoday - "),
    ("Kabul", "Republika", "REPUBLIKA.CO.ID, {upper} -- "),
]
SOURCES = [None, None, "Anadolu", "Daily Sabah", "alalam", "IRNA", "TASS"]
FURNITURE = ["Leave a Reply", "Share this:", "Bagikan:", "Tags: Iran, Rusia, keamanan", "Editor: Redaksi"]
ROLES = [
    ("Juru bicara Kementerian Luar Negeri", "foreign ministry spokesperson"),
    ("Menteri Pertahanan", "defence minister"),
    ("Kepala Staf Angkatan Bersenjata", "armed forces chief of staff"),
    ("Duta Besar", "ambassador"),
    ("Penasihat Keamanan Nasional", "national security adviser"),
]
FIRST_NAMES = ["Ahmad", "Mohammad", "Sergei", "Farid", "Aliyev", "Rustam", "Hassan", "Nikolai", "Omar", "Yusuf"]
VERBS = [
    ("Bahas", "discuss"),
    ("Sepakati", "agree on"),
    ("Tingkatkan", "step up"),
    ("Desak", "call for"),
    ("Perkuat", "strengthen"),
    ("Tinjau", "review"),
]
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
SYLLABLES = ["ko", "be", "li", "ma", "nu", "ra", "si", "to", "va", "de", "gu", "ha", "je", "pa", "ru", "zo"]


@dataclass(frozen=True)
class Entry:
    """What the manifest records about one synthetic article."""

    stem: str
    published: str | None
    countries: list[str]
    topics: list[str]
    name: str
    place: str
    annotated: bool


def unique_word(prefix: str, number: int, length: int = 4) -> str:
    """A made-up capitalised word, distinct for every `number` and never a prefix of another."""
    syllables = []
    for _ in range(length):
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return prefix + "".join(syllables)


def seed_sentences(seeds_dir: Path = SEEDS) -> list[str]:
    """Body sentences of the real seeds: no headline, no furniture, no very short lines."""
    sentences = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            line = line.strip()
            if len(line) < 60 or re.match(r"(?i)(baca juga|ilustrasi|leave a reply|- \d)", line) or "email" in line:
                continue
            line = re.sub(r"^[^–]{0,40}–\s+", "", line)  # drop the seed's own dateline
            sentences.extend(s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line) if len(s.split()) >= 5)
    return sentences


def topic_vocabulary() -> list[dict]:
    return yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))


def make_article(number: int, rng: random.Random, sentences: list[str], vocabulary: list[dict]) -> tuple:
    """(stem, raw text, annotation dict or None, manifest entry) of the article `number`."""
    stem = f"{number:05d}_{rng.getrandbits(64):016x}"
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS + 1))
    codes = list(dict.fromkeys(rng.choices(list(COUNTRIES), COUNTRY_WEIGHTS, k=rng.randint(1, 4))))
    chosen_topics = rng.sample(vocabulary, rng.randint(1, 3))
    city, outlet, lead_format = rng.choice(OUTLETS)
    name = unique_word("Zar", number)
    place = unique_word("Kelu", number)
    role_id, role_en = rng.choice(ROLES)
    person = f"{rng.choice(FIRST_NAMES)} {name}"
    verb_id, verb_en = rng.choice(VERBS)
    a_id, a_en = COUNTRIES[codes[0]]
    b_id, b_en = COUNTRIES[codes[-1]] if len(codes) > 1 else ("Sekutunya", "its allies")
    topic = chosen_topics[0]
    keyword = rng.choice(topic["keywords"])
    headline = f"{a_id} dan {b_id} {verb_id} {keyword.title()}"
    if rng.random() < 0.5:
        headline += f", Kata {role_id.split()[0]} {name}"

    weekday = DAYS_ID[published.weekday()]
    date_id = f"{published.day} {MONTHS_ID[published.month - 1]} {published.year}"
    name_sentence = (
        f"{role_id} {a_id}, {person}, pada hari {weekday} ({published.day}/{published.month}/{published.year})"
        f" mengatakan bahwa kedua negara akan {verb_id.lower()} {keyword} dalam waktu dekat."
    )
    place_sentence = f"Pertemuan lanjutan direncanakan berlangsung di desa {place} pekan depan."
    target_words = rng.randint(400, 900)
    body: list[str] = []
    words = 0
    while words < target_words:
        paragraph = " ".join(rng.sample(sentences, rng.randint(1, 3)))
        body.append(paragraph)
        words += len(paragraph.split())
    body.insert(rng.randint(1, min(3, len(body))), name_sentence)
    body.insert(len(body) // 2, place_sentence)
    for _ in range(rng.randint(0, 3)):
        other = rng.choice(sentences).split(",")[0][:90].rstrip(".")
        body.insert(rng.randint(1, len(body)), f"Baca juga: {other}")
    lead = lead_format.format(city=city, upper=city.upper()) + body[0]
    lines = [headline, ""]
    if rng.random() < 0.3:
        lines += [f"- {date_id}, {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} WIB", ""]
    lines += [lead, ""]
    for paragraph in body[1:]:
        lines += [paragraph, ""]
    if rng.random() < 0.6:
        lines.append(rng.choice(FURNITURE))
    text = "\n".join(lines).rstrip() + "\n"

    roll = rng.random()
    annotation = None
    if roll >= 0.01:  # 1% of the articles have no annotation at all
        annotation = {"title": headline, "outlet": outlet, "dateline": city, "published": published}
        source = rng.choice(SOURCES)
        if source:
            annotation["original_source"] = source
        annotation["countries"] = codes
        annotation["topics"] = [t["slug"] for t in chosen_topics]
        annotation["people"] = [f"{role_id} {a_id} {person}"]
        if roll >= 0.04:  # 3% are annotated but not yet summarised
            annotation["title_en"] = f"{a_en[0].upper() + a_en[1:]} and {b_en} {verb_en} {topic['label'].lower()}"
            annotation["summary"] = (
                f"The {role_en} of {a_en}, {person}, said on {published:%A} {published.day} {published:%B %Y}"
                f" that {a_en} and {b_en} would {verb_en} {topic['label'].lower()}. {topic['description']}"
                f" A follow-up meeting is planned for the coming week."
            )
        if rng.random() < 0.3:
            note = f"{person} is a made-up official of the benchmark corpus."
            annotation["notes"] = [{"quote": person, "note": note}]
    entry = Entry(
        stem=stem,
        published=published.isoformat() if annotation else None,
        countries=codes if annotation else [],
        topics=[t["slug"] for t in chosen_topics] if annotation else [],
        name=name,
        place=place,
        annotated=bool(annotation and "summary" in annotation),
    )
    return stem, text, annotation, entry


def write_corpus(count: int, out_dir: Path, manifest: Path | None = None, seed: int = 6) -> list[Entry]:
    """Write `count` articles (+ annotations) into `out_dir` and, if given, the manifest; same input, same bytes."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    vocabulary = topic_vocabulary()
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    for number in range(count):
        stem, text, annotation, entry = make_article(number, rng, sentences, vocabulary)
        (out_dir / f"{stem}.txt").write_text(text, encoding="utf-8")
        if annotation is not None:
            dumped = yaml.safe_dump(annotation, allow_unicode=True, sort_keys=False, width=100)
            (out_dir / f"{stem}.yml").write_text(dumped, encoding="utf-8")
        entries.append(entry)
    if manifest is not None:
        dumped = json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1)
        manifest.write_text(dumped + "\n", encoding="utf-8")
    return entries


if __name__ == "__main__":
    target = Path(sys.argv[2])
    write_corpus(int(sys.argv[1]), target, target.with_name(target.name + ".manifest.json"))
