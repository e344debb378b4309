"""Every input `tacitus ingest` takes: what `extract` reads (.txt, .html, .jsonl and
.jsonl.gz, directories, "-"), plus RSS/Atom feed files and http(s) URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx

from tacitus.errors import InputError
from tacitus.ingest.readers import read_path
from tacitus.records import Article
from tacitus.store.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from tacitus.store.urls import is_url, read_url


def _is_feed_file(p: Path) -> bool:
    if p.suffix.lower() not in FEED_SUFFIXES or not p.is_file():
        return False
    try:
        with p.open("rb") as fh:
            return looks_like_feed(fh.read(2048))
    except OSError:
        return False


def read_inputs(
    paths: Iterable[str | Path],
    published: dt.date | None = None,
    *,
    fetch_links: bool = False,
    client: httpx.Client | None = None,
) -> Iterator[Article | InputError]:
    """Articles and InputErrors from each path or URL, in order; never raises for a bad input."""
    for path in paths:
        text = str(path)
        if is_url(text):
            yield from read_url(text, client, published, fetch_links)
            continue
        p = Path(text)
        fetch = None
        if fetch_links:
            from tacitus.store.urls import fetch_article

            fetch = lambda link: fetch_article(link, client, published)
        if _is_feed_file(p):
            yield from read_feed(p, published, fetch)
            continue
        if p.is_dir():
            yield from read_path(p, published)
            for child in sorted(p.rglob("*")):
                if _is_feed_file(child):
                    yield from read_feed(child, published, fetch)
            continue
        yield from _with_published(read_path(p, published), published)


def _with_published(
    items: Iterable[Article | InputError], published: dt.date | None
) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, Article) and published and item.published is None:
            item = Article(item.id, item.text, item.title, published, item.url, item.source)
        yield item
