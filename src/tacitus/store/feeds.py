"""RSS and Atom feeds as articles: each entry's full content (or summary) becomes an
Article with the entry link as URL and the feed title as source. With
`fetch=` a function, entries whose text is only a short summary are replaced by the
page at their link (see `urls.fetch_article`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tacitus.errors import InputError
from tacitus.ingest.readers import article_from_text
from tacitus.records import Article

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
SHORT_SUMMARY = 400


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html
    import trafilatura

    text = trafilatura.extract(
        f"<html><body><article>{html}</article></body></html>", include_comments=False, favor_recall=True
    )
    if text:
        return text
    import re

    return re.sub(r"<[^>]+>", " ", html)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def parse_feed(
    data: bytes,
    origin: str,
    published: dt.date | None = None,
    fetch: Callable[[str], Article | InputError] | None = None,
) -> Iterator[Article | InputError]:
    """Articles (or InputErrors) from the bytes of an RSS/Atom feed."""
    import feedparser

    feed = feedparser.parse(data)
    if feed.get("bozo") and not feed.entries:
        yield InputError(
            f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})", origin, reason="feed"
        )
        return
    source = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{n}"
        link = entry.get("link") or None
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = _html_to_text(html or "").strip()
        if fetch and link and len(text) < SHORT_SUMMARY and link.startswith(("http://", "https://")):
            fetched = fetch(link)
            if isinstance(fetched, Article):
                yield Article(
                    fetched.id,
                    fetched.text,
                    fetched.title or entry.get("title"),
                    fetched.published or _entry_date(entry) or published,
                    link,
                    fetched.source or source,
                )
                continue
        try:
            yield article_from_text(
                text,
                id=entry.get("id") or link or where,
                title=entry.get("title"),
                published=_entry_date(entry) or published,
                url=link,
                source=source,
                origin=where,
            )
        except InputError as err:
            yield err


def read_feed(
    path: str | Path,
    published: dt.date | None = None,
    fetch: Callable[[str], Article | InputError] | None = None,
) -> Iterator[Article | InputError]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        yield InputError(f"cannot read file ({err.strerror})", str(p), reason="io")
        return
    yield from parse_feed(data, str(p), published, fetch)
