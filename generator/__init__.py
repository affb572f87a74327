"""Static site generator for an annotated news digest: seeds/ → docs/ → MkDocs Material site."""
