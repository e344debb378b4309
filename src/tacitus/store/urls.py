"""Articles from http(s) URLs: fetched with httpx, HTML cleaned with trafilatura,
feeds expanded into their entries. The client is passed in (tests hand in one
pointing at a local server); every failure becomes an InputError naming the URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx

from tacitus.errors import InputError
from tacitus.ingest.readers import article_from_text, parse_date
from tacitus.records import Article
from tacitus.store.feeds import looks_like_feed, parse_feed

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_BYTES = 20_000_000
USER_AGENT = "tacitus/0.1 (+event-data; https://example.org/tacitus)"


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def make_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _get(url: str, client: httpx.Client) -> bytes | InputError:
    try:
        resp = client.get(url)
    except httpx.HTTPError as err:
        return InputError(f"cannot fetch ({err.__class__.__name__}: {err})", url, reason="fetch")
    if resp.status_code >= 400:
        return InputError(f"HTTP {resp.status_code}", url, reason="fetch")
    if len(resp.content) > MAX_BYTES:
        return InputError(f"page larger than {MAX_BYTES} bytes", url, reason="too_large")
    return resp.content


def article_from_html(html: str, url: str, published: dt.date | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        raise InputError("no article text found in the page", url, reason="empty")
    date = getattr(doc, "date", None)
    found = None
    if date:
        try:
            found = parse_date(date, url)
        except InputError:
            found = None
    return article_from_text(
        str(text),
        id=url,
        title=getattr(doc, "title", None),
        published=published or found,
        url=url,
        source=getattr(doc, "sitename", None) or urlparse(url).hostname,
        origin=url,
    )


def fetch_article(
    url: str, client: httpx.Client | None = None, published: dt.date | None = None
) -> Article | InputError:
    """The article at `url` (HTML page), or the reason it could not be read."""
    own = client is None
    client = client or make_client()
    try:
        data = _get(url, client)
        if isinstance(data, InputError):
            return data
        return article_from_html(data.decode("utf-8", errors="replace"), url, published)
    except InputError as err:
        return err
    finally:
        if own:
            client.close()


def read_url(
    url: str, client: httpx.Client | None = None, published: dt.date | None = None, fetch_links: bool = False
) -> Iterator[Article | InputError]:
    """Articles from one URL: a page gives one, a feed gives its entries."""
    own = client is None
    client = client or make_client()
    try:
        data = _get(url, client)
        if isinstance(data, InputError):
            yield data
            return
        if looks_like_feed(data):
            fetch = (lambda link: fetch_article(link, client, published)) if fetch_links else None
            yield from parse_feed(data, url, published, fetch)
            return
        try:
            yield article_from_html(data.decode("utf-8", errors="replace"), url, published)
        except InputError as err:
            yield err
    finally:
        if own:
            client.close()
