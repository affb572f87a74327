"""Extraction speed and an output dump for before/after comparison (not a test; run by hand).

python -m tests.bench.extract_speed            # ms/article on seeds and labelled cases
python -m tests.bench.extract_speed --dump F   # every Extracted (seeds, cases, synthetic) as JSON to F
python -m tests.bench.extract_speed --profile  # cProfile of the timed loop, top entries
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import json
import pstats
import random
import re
import time
from pathlib import Path

from generator.clean import is_furniture
from generator.extract import extract

ROOT = Path(__file__).resolve().parents[2]


def corpora() -> dict[str, list[str]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    cases = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "extraction_cases").glob("*.txt"))]
    return {"seeds": seeds, "cases": cases}


def synthetic(texts: list[str], count: int = 400) -> list[str]:
    """Variants: lines and sentences shuffled, dropped, duplicated and re-cased, seeded."""
    rng = random.Random(0)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        lines = text.splitlines()
        mode = rng.randrange(5)
        if mode == 0:
            head, rest = lines[:3], lines[3:]
            rng.shuffle(rest)
            lines = head + rest
        elif mode == 1:
            sentences = re.split(r"(?<=[.!?])\s+", text)
            rng.shuffle(sentences)
            lines = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        elif mode == 2:
            other = rng.choice(texts).splitlines()
            lines = lines + other[rng.randrange(max(1, len(other))) :]
        elif mode == 3:
            lines = [line.upper() if rng.random() < 0.2 else line for line in lines if rng.random() < 0.85]
        else:
            lines = [line + "\u00a0 " * rng.randrange(2) for line in lines]
            rng.shuffle(lines)
        out.append("\n".join(lines))
    return out


def _default(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(value)


def dump(path: Path) -> None:
    groups = corpora()
    inputs = groups["seeds"] + groups["cases"]
    inputs += synthetic(inputs)
    with path.open("w", encoding="utf-8") as out:
        for text in inputs:
            out.write(json.dumps(dataclasses.asdict(extract(text)), default=_default, ensure_ascii=False) + "\n")
    print(f"{len(inputs)} results -> {path}")


def timed(texts: list[str], rounds: int, cold: bool = False) -> float:
    """Best of five runs, CPU ms per article (other processes skew wall time).

    `cold` clears the per-line cache before each article, as new articles would find it.
    """
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(rounds):
            for text in texts:
                if cold:
                    is_furniture.cache_clear()
                extract(text)
        best = min(best, (time.process_time() - start) * 1000 / (rounds * len(texts)))
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump)
        return
    groups = corpora()
    for texts in groups.values():  # warm the data caches before timing
        for text in texts:
            extract(text)
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        timed(groups["seeds"] + groups["cases"], args.rounds // 4)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        return
    for name, texts in groups.items():
        warm, cold = timed(texts, args.rounds), timed(texts, args.rounds, cold=True)
        print(f"{name}: {warm:.3f} ms/article, {cold:.3f} with the line cache cleared ({len(texts)} texts)")


if __name__ == "__main__":
    main()
