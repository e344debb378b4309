"""The Tacitus web application: a JSON API (`/api/...`, OpenAPI at `/openapi.json`) and
server-rendered pages over one DuckDB store.

    app = create_app("tacitus.duckdb")                    # read-only: GET only
    app = create_app("tacitus.duckdb", read_only=False)   # POST /api/articles ingests
    app = create_app(path, extractor=FakeExtractor())     # tests hand in their extractor

Start-up opens the database and nothing else: the spaCy pipeline loads on the first
extract request, once per app. Everything the pages need (CSS, JS, the world basemap)
is served from the package; nothing is fetched from the internet."""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tacitus import __version__
from tacitus.web import api, handlers, pages
from tacitus.web.charts import QUAD_NAMES
from tacitus.web.db import Database
from tacitus.web.middleware import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders

HERE = Path(__file__).parent


class EventExtractor(Protocol):
    def extract(self, text: str, title: str | None = None, published: Any = None) -> list[Any]: ...


class ExtractorSlot:
    """The app's extractor: the one handed in, or a `tacitus.pipeline.Extractor` built
    on first use. Calls are serialised: one spaCy pipeline, one request at a time."""

    def __init__(self, extractor: EventExtractor | None = None) -> None:
        self._extractor = extractor
        self.lock = threading.Lock()

    def get(self) -> EventExtractor:
        with self.lock:
            if self._extractor is None:
                from tacitus.pipeline import Extractor  # loads spaCy: only now

                self._extractor = Extractor()
            return self._extractor

    def extract(self, text: str, title: str | None, published: Any) -> list[Any]:
        extractor = self.get()
        with self.lock:
            return extractor.extract(text, title=title, published=published)


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["quad_names"] = QUAD_NAMES
    return Jinja2Templates(env=env)


def create_app(db_path: str | Path, extractor: EventExtractor | None = None, read_only: bool = True,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The ASGI app serving `db_path`. Raises `StoreError` when the database cannot be opened."""
    db = Database(db_path, read_only=read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="Tacitus", version=__version__, lifespan=lifespan,
        description="Events read from news articles: who did what to whom, when, where, and according "
                    "to whom. Event fields follow the Tacitus event record (PLOVER/CAMEO).",
        docs_url=None, redoc_url=None,  # their UIs load scripts from a CDN; /openapi.json stays
    )
    app.state.db = db
    app.state.extractor = ExtractorSlot(extractor)
    app.state.templates = make_templates()
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(SecurityHeaders)
    handlers.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
