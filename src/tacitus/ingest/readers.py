"""Readers for every input Tacitus takes: .txt (first non-empty line is the title),
.jsonl (one article per line), .html/.htm (cleaned with trafilatura), a directory of
those, or "-" for stdin. Each yields `Article` or `InputError`; nothing here raises
for a bad input, so one broken file or line never stops a batch."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tacitus.errors import InputError
from tacitus.ingest.clean import decode, repair, split_title
from tacitus.records import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20_000_000

ReadResult = Article | InputError


def content_id(text: str) -> str:
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, source: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"published date {value!r} is not YYYY-MM-DD", source, reason="date") from None


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: dt.date | str | None = None,
    url: str | None = None,
    source: str | None = None,
    origin: str = "<text>",
) -> Article:
    """Build a validated Article from already-decoded text (API and HTTP entry point)."""
    if not isinstance(text, str):
        raise InputError("text must be a string", origin, reason="invalid")
    text = repair(text)
    if title:
        title = repair(title)
    if not text.strip():
        raise InputError("article has no text", origin, reason="empty")
    return Article(
        id=str(id) if id not in (None, "") else content_id((title or "") + "\n" + text),
        text=text,
        title=title or None,
        published=parse_date(published, origin),
        url=url,
        source=source,
    )


def _from_plain(data: bytes, origin: str, stem: str | None, published: dt.date | None) -> Article:
    title, body = split_title(decode(data, origin))
    if not body:
        body, title = title or "", None
    return article_from_text(body, id=stem, title=title, published=published, origin=origin)


def _from_html(data: bytes, origin: str, stem: str | None, published: dt.date | None) -> Article:
    import trafilatura

    html = decode(data, origin)
    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None or not getattr(doc, "text", None):
        raise InputError("no article text found in the HTML", origin, reason="empty")
    found = parse_date(getattr(doc, "date", None), origin) if getattr(doc, "date", None) else None
    return article_from_text(
        doc.text, id=stem, title=getattr(doc, "title", None), published=published or found,
        url=getattr(doc, "url", None), source=getattr(doc, "sitename", None), origin=origin,
    )


def _from_jsonl_lines(lines: Iterable[bytes], origin: str) -> Iterator[ReadResult]:
    for n, raw in enumerate(lines, start=1):
        where = f"{origin}:{n}"
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict):
                raise InputError("line is not a JSON object", where, reason="jsonl")
            yield article_from_text(
                obj.get("text") or "", id=obj.get("id"), title=obj.get("title"),
                published=obj.get("published"), url=obj.get("url"), source=obj.get("source"),
                origin=where,
            )
        except InputError as err:
            yield err
        except (ValueError, UnicodeDecodeError) as err:
            yield InputError(f"broken JSON line ({err.__class__.__name__}: {err})", where, reason="jsonl")


def read_path(path: str | Path, published: dt.date | None = None) -> Iterator[ReadResult]:
    """Articles from one path (file or directory); "-" reads stdin as text."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        stripped = data.lstrip()
        if stripped.startswith(b"{"):
            yield from _from_jsonl_lines(data.splitlines(), "<stdin>")
            return
        try:
            yield _from_plain(data, "<stdin>", None, published)
        except InputError as err:
            yield err
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and _suffix(child) in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield from read_path(child, published)
        return
    origin = str(p)
    if not p.exists():
        yield InputError("no such file", origin, reason="missing")
        return
    suffix = _suffix(p)
    try:
        if suffix in JSONL_SUFFIXES:
            opener = gzip.open if p.name.endswith(".gz") else open
            with opener(p, "rb") as fh:
                yield from _from_jsonl_lines(fh, origin)
            return
        if p.stat().st_size > MAX_BYTES:
            raise InputError(f"file larger than {MAX_BYTES} bytes", origin, reason="too_large")
        data = p.read_bytes()
        if suffix in HTML_SUFFIXES:
            yield _from_html(data, origin, p.stem, published)
        else:
            yield _from_plain(data, origin, p.stem, published)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(f"cannot read file ({err.strerror})", origin, reason="io")


def _suffix(p: Path) -> str:
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def read_articles(paths: Iterable[str | Path], published: dt.date | None = None) -> Iterator[ReadResult]:
    for path in paths:
        for item in read_path(path, published):
            if isinstance(item, Article) and published and item.published is None:
                item = Article(item.id, item.text, item.title, published, item.url, item.source)
            yield item
