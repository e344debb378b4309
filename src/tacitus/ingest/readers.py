"""Readers for every input Tacitus takes: .txt (first non-empty line is the title),
.jsonl (one article per line), .html/.htm (cleaned with trafilatura), a directory of
those, or "-" for stdin. Each yields `Article` or `InputError`; nothing here raises
for a bad input, so one broken file or line never stops a batch."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from tacitus.errors import InputError
from tacitus.ingest.clean import decode, dedupe_title, repair, split_title
from tacitus.ingest.language import unsupported_language
from tacitus.records import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 20_000_000  # one file, one JSONL line, or stdin: larger inputs are rejected ("too_large")
MAX_TEXT_CHARS = 20_000_000  # one article's text (longer ones are parsed in chunks: Settings.max_chars)
MAX_FIELD_CHARS = 2_000  # id, url, source

ReadResult = Article | InputError
log = logging.getLogger(__name__)


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
    """Build a validated Article from already-decoded text (the entry point of every reader,
    of `Extractor.extract` and of the HTTP API): types and sizes checked, control
    characters and mojibake repaired, a title repeated in the text kept once, and
    non-English text refused (reason "language"). Raises InputError, never anything else."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}", origin, reason="invalid")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text longer than {MAX_TEXT_CHARS} characters", origin, reason="too_large")
    if title is not None and not isinstance(title, str):
        raise InputError(f"title must be a string, not {type(title).__name__}", origin, reason="invalid")
    id, url, source = (_field(name, value, origin) for name, value in (("id", id), ("url", url), ("source", source)))
    text = repair(text)
    title = repair(title)[:1000] if title else None
    if title and "\n" in title:
        title = " ".join(title.split())
    title, text = dedupe_title(title or None, text)
    if not text.strip():
        raise InputError("article has no text", origin, reason="empty")
    guess = unsupported_language(((title or "") + "\n" + text) if title else text)
    if guess is not None:
        raise InputError(f"language: {guess.language} (detected with p={guess.confidence:.2f}); "
                         f"only English is coded", origin, reason="language")
    return Article(
        id=id if id else content_id((title or "") + "\n" + text),
        text=text,
        title=title or None,
        published=parse_date(published, origin),
        url=url,
        source=source,
    )


def _field(name: str, value: object, origin: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{name} must be a string, not {type(value).__name__}", origin, reason="invalid")
    out = repair(str(value))
    if len(out) > MAX_FIELD_CHARS:
        raise InputError(f"{name} longer than {MAX_FIELD_CHARS} characters", origin, reason="invalid")
    return out or None


def _from_plain(data: bytes, origin: str, stem: str | None, published: dt.date | None) -> Article:
    title, body = split_title(decode(data, origin))
    if not body:
        body, title = title or "", None
    return article_from_text(body, id=stem, title=title, published=published, origin=origin)


def _from_html(data: bytes, origin: str, stem: str | None, published: dt.date | None) -> Article:
    import trafilatura

    html = decode(data, origin)
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    except Exception as err:  # truncated or hostile HTML must not stop a batch
        raise InputError(f"cannot parse the HTML ({err.__class__.__name__})", origin, reason="html") from None
    if doc is None or not getattr(doc, "text", None):
        raise InputError("no article text found in the HTML", origin, reason="empty")
    try:
        found = parse_date(getattr(doc, "date", None), origin) if getattr(doc, "date", None) else None
    except InputError:  # a bad date in the page's metadata is no reason to drop the article
        found = None
    return article_from_text(
        doc.text, id=stem, title=getattr(doc, "title", None), published=published or found,
        url=getattr(doc, "url", None), source=getattr(doc, "sitename", None), origin=origin,
    )


def _from_jsonl_lines(lines: Iterable[bytes], origin: str) -> Iterator[ReadResult]:
    for n, raw in enumerate(lines, start=1):
        where = f"{origin}:{n}"
        if isinstance(raw, _TooLong):
            yield InputError(f"line longer than {MAX_BYTES} bytes", where, reason="too_large")
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
            if not isinstance(obj, dict):
                raise InputError("line is not a JSON object", where, reason="jsonl")
            if isinstance(obj.get("published"), (dict, list)):
                raise InputError("published must be a YYYY-MM-DD string", where, reason="date")
            yield article_from_text(
                obj.get("text") or "", id=obj.get("id"), title=obj.get("title"),
                published=obj.get("published"), url=obj.get("url"), source=obj.get("source"),
                origin=where,
            )
        except InputError as err:
            yield err
        except (ValueError, UnicodeDecodeError, RecursionError) as err:
            detail = str(err)[:200]
            yield InputError(f"broken JSON line ({err.__class__.__name__}: {detail})", where, reason="jsonl")


class _TooLong(bytes):
    """A JSONL line over MAX_BYTES (its start only): reported, not parsed."""


def _bounded_lines(fh, limit: int = MAX_BYTES) -> Iterator[bytes]:
    """Lines of a binary file, none held in memory beyond `limit` bytes."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                more = fh.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield _TooLong(line[:100])
            continue
        yield line


def read_path(path: str | Path, published: dt.date | None = None) -> Iterator[ReadResult]:
    """Articles from one path (file or directory); "-" reads stdin as text."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            yield InputError(f"stdin larger than {MAX_BYTES} bytes", "<stdin>", reason="too_large")
            return
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
                yield from _from_jsonl_lines(_bounded_lines(fh), origin)
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
    except (OSError, EOFError) as err:  # EOFError: a truncated .gz
        yield InputError(f"cannot read file ({getattr(err, 'strerror', None) or err})", origin, reason="io")
    except Exception as err:  # a reader bug on one odd file is reported, and the batch goes on
        log.exception("reading %s failed", origin)
        yield InputError(f"unexpected error reading the file ({err.__class__.__name__}: {err})", origin,
                         reason="reader_error")


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
