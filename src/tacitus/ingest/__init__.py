"""Ingest: read articles from files, directories, JSONL, HTML and stdin.

`read_articles(paths)` yields `Article` records and `InputError`s (never raises for a
bad input: the caller decides whether to report and go on)."""
from tacitus.ingest.readers import read_articles, read_path, article_from_text

__all__ = ["read_articles", "read_path", "article_from_text"]
