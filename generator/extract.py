"""Read metadata and the cleaned body out of one raw article text (pure; no I/O).

Placeholder until the extraction work lands: title = first line, body = the text.
"""

from __future__ import annotations

from generator.model import Extracted


def extract(text: str) -> Extracted:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else None
    return Extracted(title=title, body="\n\n".join(lines[1:]))
