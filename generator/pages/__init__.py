"""One module per kind of generated page; each turns the pure collection into Markdown text."""
