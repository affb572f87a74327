"""Read `seeds/`: pair each raw `.txt` with its optional `.yml` annotation (the I/O end)."""

from __future__ import annotations

from pathlib import Path

from generator.model import Diagnostic, Seed


def read_seeds(seeds_dir: Path) -> tuple[list[Seed], list[Diagnostic]]:
    """Every seed in `seeds_dir`, sorted by file name, and the problems found reading them."""
    seeds: list[Seed] = []
    diagnostics: list[Diagnostic] = []
    if not seeds_dir.is_dir():
        return [], [Diagnostic(str(seeds_dir), message="seeds folder not found; pass --seeds DIR")]
    for text_path in sorted(seeds_dir.glob("*.txt")):
        try:
            text = text_path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as err:
            diagnostics.append(
                Diagnostic(
                    str(text_path), message=f"not UTF-8 ({err.reason} at byte {err.start}); save the file as UTF-8"
                )
            )
            continue
        annotation_path = text_path.with_suffix(".yml")
        annotation_text = annotation_path.read_text(encoding="utf-8") if annotation_path.exists() else None
        seeds.append(
            Seed(
                stem=text_path.stem,
                text_path=str(text_path),
                text=text,
                annotation_path=str(annotation_path) if annotation_text is not None else None,
                annotation_text=annotation_text,
            )
        )
    return seeds, diagnostics
