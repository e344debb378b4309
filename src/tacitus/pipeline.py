"""The pipeline: Article -> parse -> actors -> events -> factuality and attribution ->
time -> place -> Event records, merged within the article.

`Extractor` holds the loaded resources (spaCy pipeline, actor KB, lexicon,
gazetteer), each a constructor argument with a default, so tests can pass small
ones. `extract()` codes one text; `pipe()` codes a stream of articles in batches."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from tacitus.config import Settings
from tacitus.events.coder import EventCoder
from tacitus.events.lexicon import Lexicon
from tacitus.events.build import ArticleCoder
from tacitus.ingest.readers import article_from_text
from tacitus.places.resolve import dateline_end
from tacitus.records import Article, Event

log = logging.getLogger(__name__)


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


class Extractor:
    """Turns articles into events. Resources load once, on first use."""

    def __init__(self, settings: Settings | None = None, *, nlp=None, lexicon: Lexicon | None = None,
                 actors=None, places=None) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp
        self._lexicon = lexicon
        self._actors = actors
        self._places = places
        self._article_coder: ArticleCoder | None = None
        # Cumulative seconds per stage for this Extractor: "parse" (waiting on nlp.pipe; with
        # n_process > 1 the wait for the children) and "code" (everything after the parse).
        self.timings: dict[str, float] = {"parse": 0.0, "code": 0.0}

    # resources -------------------------------------------------------------
    @property
    def nlp(self):
        if self._nlp is None:
            from tacitus.nlp import load_model

            self._nlp = load_model(self.settings.model)
        return self._nlp

    @property
    def coder(self) -> ArticleCoder:
        if self._article_coder is None:
            lexicon = self._lexicon or Lexicon.load()
            if self._actors is None:
                from tacitus.actors.kb import KnowledgeBase
                from tacitus.actors.resolve import ActorResolver

                self._actors = ActorResolver(KnowledgeBase.load())
            if self._places is None:
                from tacitus.places.gazetteer import Gazetteer
                from tacitus.places.resolve import PlaceResolver

                self._places = PlaceResolver(Gazetteer.load())
            self._article_coder = ArticleCoder(EventCoder(lexicon), self._actors, self._places)
        return self._article_coder

    # API -------------------------------------------------------------------
    def extract(self, text: str, title: str | None = None, published: dt.date | str | None = None,
                article_id: str | None = None) -> list[Event]:
        article = article_from_text(text, id=article_id, title=title, published=published)
        return next(self.pipe([article])).events

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None,
             n_process: int = 1) -> Iterator[ArticleResult]:
        """Code a stream of articles; yields one ArticleResult per article, in order."""
        coder = self.coder
        size = batch_size or self.settings.batch_size

        def texts() -> Iterator[tuple[str, tuple[Article, int, int]]]:
            # (text, (article, base offset of the chunk or -1 for the title, parts in all))
            for art in articles:
                chunks = _chunks(art.text, self.settings.max_chars)
                total = len(chunks) + (1 if art.title else 0)
                base = 0
                for chunk in chunks:
                    if base == 0:
                        cut = dateline_end(chunk)
                        chunk = " " * cut + chunk[cut:]
                    yield chunk.translate(PARSE_FRIENDLY), (art, base, total)
                    base += len(chunk)
                if art.title:
                    yield art.title.translate(PARSE_FRIENDLY), (art, -1, total)

        pending: dict[int, tuple[Article, list[tuple[int, Doc]], int]] = {}
        parsed = self.nlp.pipe(texts(), as_tuples=True, batch_size=size, n_process=n_process)
        clock, parse = time.perf_counter, 0.0
        while True:
            t0 = clock()
            item = next(parsed, None)
            parse += clock() - t0
            if item is None:
                break
            doc, (art, base, total) = item
            key = id(art)
            if key not in pending:
                pending[key] = (art, [], total)
            pending[key][1].append((base, doc))
            if len(pending[key][1]) == total:
                a, parts, _ = pending.pop(key)
                t1 = clock()
                events = coder(a, parts)
                code = clock() - t1
                self.timings["parse"] += parse
                self.timings["code"] += code
                yield ArticleResult(a, events, {"parse": parse, "code": code})
                parse = 0.0


# Typographic quotes and apostrophes confuse the small model's tokenizer ("No. 1’s");
# the parse reads ASCII ones. One character for one, so offsets are unchanged.
PARSE_FRIENDLY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'", "″": '"'})


def _chunks(text: str, limit: int) -> list[str]:
    """Very long texts are parsed in paragraph-aligned chunks of at most `limit` chars."""
    if len(text) <= limit:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append(text[start:end])
        start = end
    return out
