"""`extract` never raises, whatever the input."""

import random

import pytest

from generator.extract import extract
from generator.model import Extracted

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?-–—()[]/*'\"“”’\n\n\t\u00a0"
    "\x00\x01\x1b\x7f\ufeff\u200b\ud7ff\U0001f600é ü ß ا ب 中 文"
)
WORDS = [
    "Baca",
    "juga:",
    "Editor:",
    "Sumber:",
    "Tags",
    "Terkait",
    "x",
    "*",
    "***",
    "Iran",
    "AS",
    "Jordan",
    "Chad",
    "Turki",
    "Georgia",
    "Guinea",
    "Niger",
    "Papua",
    "Teheran",
    "(ANTARA)",
    "–",
    "JAKARTA,",
    "KOMPAS.com",
    "-",
    "Selasa",
    "(4/7/2017)",
    "31/2/2024",
    "Minggu",
    "(24",
    "November)",
    "2024",
    "Presiden",
    "Menteri",
    "Luar",
    "Negeri",
    "CSTO",
    "(CSTO)",
    "PBB",
    "Hamas",
    "-",
    "—",
    "--",
    "(",
    ")",
    "/",
    "(mm/alalam)",
    "ILUSTRASI",
    "/FOTO:",
]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20240703)
    texts = []
    for i in range(count):
        if i % 2:
            texts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400))))
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(0, 300))]
            texts.append("".join(w + rng.choice([" ", " ", "\n", "\n\n"]) for w in words))
    return texts


SPECIAL = [
    "",
    " ",
    "\n\n\n",
    "\t \u00a0 \n",
    "x",
    "*\n***\nx",
    "Baca juga: Iran\nLeave a Reply\nTags\nTerkait\nx",
    "Iran " * 50_000,
    "A" * 200_000,
    "(" * 10_000 + ")" * 10_000,
    "Teheran (ANTARA) –",
    "Minggu (24 November)",
    "\x00\x01\x02 biner \xff\xfe",
    "\ud800",
]


@pytest.mark.parametrize("text", SPECIAL, ids=range(len(SPECIAL)))
def test_special_inputs(text: str) -> None:
    assert isinstance(extract(text), Extracted)


def test_random_inputs() -> None:
    for text in _random_texts(400):
        result = extract(text)
        assert isinstance(result, Extracted)
        assert all(len(code) == 2 for code in result.countries)
