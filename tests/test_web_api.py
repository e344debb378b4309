"""The web API and pages over a small demo database written by the store's real writer,
with a fake extractor (no spaCy): every endpoint, bad input (malformed JSON, huge
bodies, injection attempts, unknown sort), escaping of untrusted article text."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from tacitus.records import Actor, Article, Event, Evidence
from tacitus.store.testing import FakeResult, make_event, place, state
from tacitus.store.writer import ingest_articles
from tacitus.web.app import create_app

KIM = Actor(text="North Korean leader Kim Jong-un", name="Kim Jong-un", kind="person", country="PRK",
            sector="GOV", cameo_code="PRKGOV", role="Supreme Leader of North Korea", kb_id="kim-jong-un")
PUTIN = Actor(text="Vladimir Putin", name="Vladimir Putin", kind="person", country="RUS", sector="GOV",
              cameo_code="RUSGOV", role="President of Russia", kb_id="vladimir-putin")
KCNA = Actor(text="state media", name="Korean Central News Agency", kind="organization", country="PRK",
             sector="JRN", cameo_code="PRKMED")
XSS = "<script>alert('pwned')</script>"

KIM_TEXT = (
    "North Korean leader Kim Jong-un expressed his sincere thanks to Russian President Vladimir Putin "
    "on Monday (September 18), state media reported.\n\n"
    "Vladimir Putin met Kim Jong-un at the Vostochny Cosmodrome on Wednesday.\n\n"
    f"{XSS} Protesters <b>rallied</b> in Seoul against the visit."
)


def evented(article: Article, sentence: str, trigger: str, base: Event, **changes) -> Event:
    """`base` with evidence pointing at `sentence` in the article text."""
    start = article.text.index(sentence)
    ev = Evidence(sentence=sentence, start=start, end=start + len(sentence), trigger=trigger)
    return dataclasses.replace(base, evidence=ev, **changes)


def demo_results() -> list[FakeResult]:
    kim = Article(id="kim-putin", title=f"Kim thanks Putin {XSS}", text=KIM_TEXT,
                  published=__import__("datetime").date(2023, 9, 18), url="https://example.org/kim",
                  source="KCNA Watch")
    s1, s2, s3 = (p for p in KIM_TEXT.split("\n\n"))
    cosmodrome = place("Vostochny Cosmodrome", "RUS", 51.88, 128.33, "facility")
    seoul = place("Seoul", "KOR", 37.57, 126.98)
    kim_events = [
        evented(kim, s1, "expressed his sincere thanks",
                make_event("kim-putin", "SUPPORT", KIM, PUTIN, "2023-09-18", n=0),
                attributed_to=KCNA, attribution_cue="reported"),
        evented(kim, s2, "met", make_event("kim-putin", "CONSULT", PUTIN, KIM, "2023-09-13", n=1,
                                           location=cosmodrome),
                actor=dataclasses.replace(PUTIN, text="Vladimir Putin"),
                recipient=dataclasses.replace(KIM, text="Kim Jong-un")),
        evented(kim, s3, "rallied", make_event("kim-putin", "PROTEST",
                                               Actor(text="Protesters", name="Protesters", kind="group",
                                                     country="KOR", sector="CVL", cameo_code="KORCVL"),
                                               None, "2023-09-18", n=2, location=seoul)),
    ]
    ukr_text = ("Russian forces shelled Kharkiv on 2023-10-05, Ukrainian officials said. "
                "Ukraine accused Russia of war crimes. Russia did not withdraw its troops.")
    ukr = Article(id="kharkiv", title="Shelling in Kharkiv", text=ukr_text, source="Kyiv Post",
                  published=__import__("datetime").date(2023, 10, 6))
    kharkiv = place("Kharkiv", "UKR", 49.99, 36.23)
    ukr_events = [
        evented(ukr, "Russian forces shelled Kharkiv on 2023-10-05, Ukrainian officials said.", "shelled",
                make_event("kharkiv", "ASSAULT", state("RUS", "MIL", name="Russian forces"), state("UKR"),
                           "2023-10-05", n=0, location=kharkiv)),
        evented(ukr, "Ukraine accused Russia of war crimes.", "accused",
                make_event("kharkiv", "ACCUSE", state("UKR"), state("RUS"), None, n=1)),
        evented(ukr, "Russia did not withdraw its troops.", "withdraw",
                make_event("kharkiv", "RETREAT", state("RUS"), state("UKR"), None, n=2, negated=True)),
    ]
    aid_text = "Russia delivered fuel to North Korea in November 2023. North Korea may test a missile."
    aid = Article(id="fuel", title="Fuel for Pyongyang", text=aid_text, source="Reuters",
                  published=__import__("datetime").date(2023, 11, 20))
    aid_events = [
        evented(aid, "Russia delivered fuel to North Korea in November 2023.", "delivered fuel",
                make_event("fuel", "AID", state("RUS"), state("PRK"), "2023-11", n=0)),
        evented(aid, "North Korea may test a missile.", "test a missile",
                make_event("fuel", "MOBILIZE", state("PRK"), None, None, n=1, modality="hypothetical")),
    ]
    return [FakeResult(kim, kim_events), FakeResult(ukr, ukr_events), FakeResult(aid, aid_events)]


def make_demo_db(path: Path) -> Path:
    """A small event database written through the store's single writer."""
    ingest_articles(path, demo_results())
    return path


class FakeExtractor:
    """Reads one CONSULT event from any sentence saying "met" or "meeting", without spaCy.
    `extract` serves /api/extract; `pipe` serves the store's writer (POST /api/articles)."""

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, text: str, title: str | None = None, published=None) -> list[Event]:
        from tacitus.ingest.readers import article_from_text

        self.calls += 1
        return self._events(article_from_text(text, title=title, published=published))

    def pipe(self, articles, **_):
        for art in articles:
            yield FakeResult(art, self._events(art))

    def _events(self, article: Article) -> list[Event]:
        out = []
        for m in re.finditer(r"[^.\n]*\b(met|meeting)\b[^.\n]*\.", article.text):
            sentence = m.group(0).strip()
            start = article.text.index(sentence)
            base = make_event(article.id, "CONSULT", PUTIN, KIM, None, n=len(out))
            evidence = Evidence(sentence, start, start + len(sentence), m.group(1))
            out.append(dataclasses.replace(base, evidence=evidence))
        return out


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    return make_demo_db(tmp_path_factory.mktemp("web") / "demo.duckdb")


@pytest.fixture(scope="module")
def fake() -> FakeExtractor:
    return FakeExtractor()


@pytest.fixture(scope="module")
def client(demo_db, fake):
    app = create_app(demo_db, extractor=fake)
    with TestClient(app) as c:
        yield c


# --- events -------------------------------------------------------------------------------

def test_events_lists_every_event_newest_first(client):
    body = client.get("/api/events").json()
    assert body["total"] == 8
    dates = [e["date"] for e in body["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    first = body["events"][0]
    assert set(first) >= {"event_id", "event_type", "actor", "recipient", "evidence", "n_mentions",
                          "n_sources"}


@pytest.mark.parametrize("params, expected", [
    ({"actor": "putin"}, {"CONSULT"}),
    ({"actor": "RUS", "recipient": "PRK"}, {"CONSULT", "AID"}),
    ({"recipient": "vladimir-putin"}, {"SUPPORT"}),
    ({"country": "ukr"}, {"ASSAULT", "ACCUSE", "RETREAT"}),
    ({"type": "assault"}, {"ASSAULT"}),
    ({"quad_class": 4}, {"ASSAULT", "PROTEST", "MOBILIZE"}),
    ({"date_from": "2023-10-01", "date_to": "2023-11-30"}, {"ASSAULT", "AID"}),
    ({"negated": "true"}, {"RETREAT"}),
    ({"modality": "hypothetical"}, {"MOBILIZE"}),
    ({"source": "Kyiv Post"}, {"ASSAULT", "ACCUSE", "RETREAT"}),
    ({"q": "cosmodrome"}, {"CONSULT"}),
    ({"location": "kharkiv"}, {"ASSAULT"}),
    ({"article_id": "fuel"}, {"AID", "MOBILIZE"}),
    ({"actor": "", "type": ""}, {"SUPPORT", "CONSULT", "PROTEST", "ASSAULT", "ACCUSE", "RETREAT", "AID",
                                 "MOBILIZE"}),
])
def test_events_filters(client, params, expected):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert {e["event_type"] for e in r.json()["events"]} == expected


def test_events_paging_and_sorting(client):
    page1 = client.get("/api/events", params={"page_size": 3, "sort": "goldstein"}).json()
    page3 = client.get("/api/events", params={"page_size": 3, "page": 3, "sort": "goldstein"}).json()
    assert page1["pages"] == 3 and len(page1["events"]) == 3 and len(page3["events"]) == 2
    scores = [e["goldstein"] for e in page1["events"] + page3["events"]]
    assert scores[:3] == sorted(scores[:3]) and scores[0] == -10.0
    desc = client.get("/api/events", params={"sort": "-goldstein"}).json()["events"]
    assert desc[0]["goldstein"] == max(e["goldstein"] for e in desc)


@pytest.mark.parametrize("params", [
    {"sort": "goldstein; DROP TABLE events"}, {"sort": "password"}, {"page_size": 501}, {"page": 0},
    {"quad_class": 9}, {"date_from": "yesterday"}, {"modality": "maybe"}, {"negated": "perhaps"},
    {"unknown_filter": "x"},
])
def test_events_bad_parameters_are_422_with_a_message(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid_request" and body["message"]


def test_unknown_sort_names_the_allowed_columns(client):
    msg = client.get("/api/events", params={"sort": "-secret"}).json()["message"]
    assert "unknown sort column 'secret'" in msg and "goldstein" in msg


@pytest.mark.parametrize("evil", [
    "' OR 1=1 --", "x'; DROP TABLE events; --", "%", "_", "\\", "Putin' UNION SELECT * FROM articles --",
])
def test_injection_strings_are_plain_text(client, evil):
    for field in ("actor", "recipient", "q", "source", "location", "article_id"):
        r = client.get("/api/events", params={field: evil})
        assert r.status_code == 200, (field, r.text)
        assert r.json()["total"] == 0, field
    assert client.get("/api/events").json()["total"] == 8  # nothing was dropped


def test_csv_export_follows_the_filters(client):
    r = client.get("/api/events.csv", params={"country": "UKR", "sort": "date"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("event_id,date,event_type") and len(lines) == 4
    assert "attachment" in r.headers["content-disposition"]


# --- one event, one article --------------------------------------------------------------

def test_event_detail_has_every_mention_and_sentence(client):
    ev = client.get("/api/events", params={"type": "CONSULT"}).json()["events"][0]
    body = client.get(f"/api/events/{ev['event_id']}").json()
    assert body["event"]["location"]["name"] == "Vostochny Cosmodrome"
    assert body["event"]["actor"]["name"] == "Vladimir Putin"
    assert len(body["mentions"]) == 1
    mention = body["mentions"][0]
    assert mention["sentence"].startswith("Vladimir Putin met Kim Jong-un")
    assert mention["article_title"].startswith("Kim thanks Putin")


def test_missing_things_are_404_json(client):
    for url in ("/api/events/nope", "/api/articles/nope"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"] == "not_found" and "nope" in r.json()["message"]
    assert client.get("/api/nothing-here").status_code == 404


def test_article_has_text_and_events_with_evidence(client):
    body = client.get("/api/articles/kim-putin").json()
    assert body["article"]["text"] == KIM_TEXT and body["article"]["status"] == "ok"
    assert {e["event_type"] for e in body["events"]} == {"SUPPORT", "CONSULT", "PROTEST"}
    for e in body["events"]:
        ev = e["evidence"]
        assert KIM_TEXT[ev["start"]:ev["end"]] == ev["sentence"]


# --- dyads and actors ---------------------------------------------------------------------

def test_dyad_series_by_month_counts_both_directions(client):
    body = client.get("/api/dyads/RUS/PRK/series", params={"by": "month"}).json()
    assert body["by"] == "month" and body["directed"] is False
    by_period = {p["period"]: p for p in body["series"]}
    assert by_period["2023-09-01"]["q1"] == 2  # Kim thanks Putin, Putin meets Kim
    assert by_period["2023-11-01"]["q2"] == 1  # fuel, dated to the month
    assert by_period["2023-09-01"]["goldstein"] == pytest.approx((3.4 + 1.9) / 2)


def test_dyad_series_directed_and_weekly(client):
    directed = client.get("/api/dyads/Vladimir Putin/Kim Jong-un/series", params={"directed": "true"}).json()
    assert sum(p["total"] for p in directed["series"]) == 1
    weekly = client.get("/api/dyads/RUS/PRK/series", params={"by": "week"}).json()["series"]
    assert sum(p["total"] for p in weekly) == 2  # the month-only fuel event has no week
    assert client.get("/api/dyads/RUS/PRK/series", params={"by": "year"}).status_code == 422


def test_actors_search(client):
    names = [a["name"] for a in client.get("/api/actors", params={"q": "put"}).json()["actors"]]
    assert names == ["Vladimir Putin"]
    everyone = client.get("/api/actors").json()["actors"]
    assert len(everyone) >= 5 and everyone[0]["n_events"] >= everyone[-1]["n_events"]
    assert client.get("/api/actors", params={"q": "' OR '1'='1"}).json()["actors"] == []
    assert client.get("/api/actors", params={"limit": 1000}).status_code == 422


# --- extract and ingest ---------------------------------------------------------------------

def test_extract_returns_events_and_stores_nothing(client, fake):
    before = client.get("/api/events").json()["total"]
    r = client.post("/api/extract", json={"text": "Putin met Kim in Vladivostok. It rained.",
                                          "title": "A meeting", "published": "2023-09-13"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["n_events"] == 1 and body["events"][0]["event_type"] == "CONSULT"
    assert body["events"][0]["evidence"]["sentence"] == "Putin met Kim in Vladivostok."
    assert client.get("/api/events").json()["total"] == before
    assert fake.calls >= 1


@pytest.mark.parametrize("payload, status", [
    (b"{not json", 400), (b"[]", 422), (b'{"title": "no text"}', 422), (b'{"text": ""}', 422),
    (b'{"text": "   "}', 400), (b'{"text": "x", "published": "someday"}', 422),
    (b'{"text": "x", "evil": 1}', 422),
])
def test_extract_bad_input(client, payload, status):
    r = client.post("/api/extract", content=payload, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.json()["message"]


def test_huge_bodies_are_413_and_the_server_stays_up(client):
    big = json.dumps({"text": "x" * (3 * 1024 * 1024)})
    r = client.post("/api/extract", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "larger than" in r.json()["message"]

    def chunks():  # no content-length: counted while streaming
        for _ in range(40):
            yield b"x" * 100_000

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert client.get("/api/health").json()["status"] == "ok"


def test_read_only_server_refuses_to_ingest(client):
    r = client.post("/api/articles", json={"text": "Putin met Kim."})
    assert r.status_code == 403 and "read-only" in r.json()["message"]


def test_read_only_connection_cannot_write(client):
    with client.app.state.db.reader() as cur, pytest.raises(duckdb.Error):
        cur.execute("DELETE FROM events")


def test_writable_server_ingests_through_the_writer(tmp_path):
    db = make_demo_db(tmp_path / "rw.duckdb")
    app = create_app(db, extractor=FakeExtractor(), read_only=False)
    with TestClient(app) as c:
        r = c.post("/api/articles", json={"id": "new-one", "title": "Talks", "source": "Test Wire",
                                          "text": "Vladimir Putin met Kim Jong-un in Moscow on Friday."})
        assert r.status_code == 201, r.text
        assert r.json()["summary"]["new"] == 1 and r.json()["summary"]["events"] == 1
        assert c.get("/api/events", params={"source": "Test Wire"}).json()["total"] == 1
        assert c.get("/api/articles/new-one").json()["article"]["title"] == "Talks"
        assert c.post("/api/articles", json={"text": ""}).status_code == 422
        with app.state.db.reader() as cur, pytest.raises(duckdb.Error):  # GETs still run read-only
            cur.execute("DELETE FROM events")


def test_missing_database_is_a_store_error(tmp_path):
    from tacitus.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "absent.duckdb")


# --- pages -----------------------------------------------------------------------------------

def test_pages_render(client):
    for url in ("/", "/?type=ASSAULT&sort=goldstein", "/articles/kim-putin", "/dyads", "/dyads?a=RUS&b=PRK",
                "/map", "/map?quad_class=4", "/extract"):
        r = client.get(url, headers={"accept": "text/html"})
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]


def test_table_page_filters_and_links(client):
    html = client.get("/", params={"country": "UKR"}).text
    assert html.count('<tr data-event-id=') == 3
    assert "/api/events.csv?country=UKR" in html
    assert 'href="/?country=UKR&amp;sort=goldstein"' in html


def test_article_page_escapes_untrusted_text_and_marks_evidence(client):
    html = client.get("/articles/kim-putin").text
    assert XSS not in html and "<b>rallied" not in html
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert re.search(r'class="seg hl hl-trigger[^"]*"[^>]*>met</span>', html)
    assert re.search(r'class="seg hl hl-place[^"]*"[^>]*>Vostochny Cosmodrome</span>', html)
    assert re.search(r'class="seg hl hl-date[^"]*"[^>]*>on Monday \(September 18\)</span>', html)
    assert re.search(r'class="seg hl hl-attribution[^"]*"[^>]*>state media</span>', html)


def test_article_page_preselects_an_event(client):
    ev = client.get("/api/events", params={"type": "CONSULT"}).json()["events"][0]
    html = client.get("/articles/kim-putin", params={"event": ev["event_id"]}).text
    assert re.search(r'class="seg hl hl-trigger sent active"[^>]*>met</span>', html)


def test_dyad_page_draws_bars_and_goldstein_line(client):
    html = client.get("/dyads", params={"a": "RUS", "b": "PRK", "by": "month"}).text
    assert html.count('<rect class="bar q1"') == 1 and html.count('<rect class="bar q2"') == 1
    assert '<polyline class="goldstein"' in html
    assert "2023-10-01" in html  # the empty month between is on the axis


def test_map_page_draws_basemap_and_points(client):
    html = client.get("/map").text
    assert html.count("<path d=") > 150  # Natural Earth countries
    assert html.count('class="point"') == 3
    assert 'data-name="Kharkiv"' in html and 'class="q4"' in html


def test_page_errors_are_html(client):
    r = client.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<h1>Error 404</h1>" in r.text
    r = client.get("/?sort=evil", headers={"accept": "text/html"})
    assert r.status_code == 422 and "unknown sort column" in r.text


def test_extract_form_without_javascript(client):
    form = {"text": "Putin met Kim <i>twice</i>. Fine.", "title": "", "published": ""}
    r = client.post("/extract", data=form)
    assert r.status_code == 200 and "CONSULT" in r.text and "<i>twice" not in r.text
    r = client.post("/extract", data={"text": "Putin met Kim.", "published": "not a date"})
    assert r.status_code == 400 and "not YYYY-MM-DD" in r.text


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}",
            "/api/dyads/{a}/{b}/series", "/api/actors", "/api/extract", "/api/articles"} <= set(spec["paths"])
    assert "/articles/{article_id}" not in spec["paths"]


def test_static_assets_are_served_from_the_package(client):
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/countries-110m.json").status_code == 200


@pytest.mark.slow
def test_extract_with_the_real_pipeline(demo_db, extractor, shared):
    """The example article through the real spaCy pipeline (conftest's `extractor`)."""
    text = (shared / "examples" / "kim-putin-2023.txt").read_text("utf-8")
    app = create_app(demo_db, extractor=extractor)
    with TestClient(app) as c:
        r = c.post("/api/extract", json={"text": text, "published": "2023-09-18"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["n_events"] == len(body["events"]) >= 1
    for ev in body["events"]:
        assert {"event_id", "event_type", "quad_class", "actor", "evidence", "modality"} <= set(ev)
        assert ev["evidence"]["sentence"]
