"""A validator of the event record contract (shared/spec/event-record.md): field types,
enums, date formats, quad classes and evidence offsets. `problems(record, text)` lists
what is wrong with one record (JSON shape, from `tacitus.records.to_json`)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

TYPES = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
         "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
         "COERCE": 4, "ASSAULT": 4}
KINDS = {"person", "organization", "state", "group"}
MODALITIES = {"actual", "future", "hypothetical"}
PRECISIONS = {"day", "month", "year", None}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^\d{2,4}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str) or not _DATE.match(value):
        return [f"{where}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"]
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        elif len(value) == 7:
            dt.date.fromisoformat(value + "-01")
    except ValueError:
        return [f"{where}: {value!r} is not a real date"]
    return []


def _str_or_none(rec: dict[str, Any], key: str, where: str) -> list[str]:
    v = rec.get(key)
    return [] if v is None or isinstance(v, str) else [f"{where}.{key}: {type(v).__name__}, not str/null"]


def check_actor(a: Any, where: str) -> list[str]:
    if not isinstance(a, dict):
        return [f"{where}: not an object"]
    out = []
    for key in ("text", "name"):
        if not isinstance(a.get(key), str):
            out.append(f"{where}.{key} is not a string")
    if a.get("kind") not in KINDS:
        out.append(f"{where}.kind {a.get('kind')!r} not in {sorted(KINDS)}")
    c = a.get("country")
    if c is not None and not (isinstance(c, str) and _ISO3.match(c)):
        out.append(f"{where}.country {c!r} is not ISO3")
    for key in ("sector", "org_code", "role", "kb_id"):
        out += _str_or_none(a, key, where)
    if not isinstance(a.get("cameo_code", ""), str):
        out.append(f"{where}.cameo_code is not a string")
    return out


def check_place(p: Any, where: str) -> list[str]:
    if p is None:
        return []
    if not isinstance(p, dict):
        return [f"{where}: not an object"]
    out = []
    for key in ("text", "name"):
        if not isinstance(p.get(key), str):
            out.append(f"{where}.{key} is not a string")
    c = p.get("country")
    if c is not None and not (isinstance(c, str) and _ISO3.match(c)):
        out.append(f"{where}.country {c!r} is not ISO3")
    lat, lon = p.get("lat"), p.get("lon")
    if lat is not None and not (isinstance(lat, (int, float)) and -90 <= lat <= 90):
        out.append(f"{where}.lat {lat!r} out of range")
    if lon is not None and not (isinstance(lon, (int, float)) and -180 <= lon <= 180):
        out.append(f"{where}.lon {lon!r} out of range")
    g = p.get("geonameid")
    if g is not None and (isinstance(g, bool) or not isinstance(g, int)):
        out.append(f"{where}.geonameid {g!r} is not an int")
    if not isinstance(p.get("feature", ""), str):
        out.append(f"{where}.feature is not a string")
    return out


def problems(rec: dict[str, Any], text: str | None = None, title: str | None = None) -> list[str]:
    """What is wrong with one event record; `text`: the article text its offsets index."""
    out: list[str] = []
    for key in ("event_id", "article_id"):
        if not isinstance(rec.get(key), str) or not rec.get(key):
            out.append(f"{key} is not a non-empty string")
    etype = rec.get("event_type")
    if etype not in TYPES:
        out.append(f"event_type {etype!r} is not a PLOVER type")
    out += _str_or_none(rec, "event_mode", "event")
    ctx = rec.get("contexts")
    if not isinstance(ctx, list) or not all(isinstance(c, str) for c in ctx):
        out.append("contexts is not a list of strings")
    if not isinstance(rec.get("cameo_code"), str) or not _CAMEO.match(rec.get("cameo_code") or ""):
        out.append(f"cameo_code {rec.get('cameo_code')!r} is not 2-4 digits")
    g = rec.get("goldstein")
    if isinstance(g, bool) or not isinstance(g, (int, float)) or not -10 <= g <= 10:
        out.append(f"goldstein {g!r} is not a number in -10..10")
    q = rec.get("quad_class")
    if isinstance(q, bool) or q not in (1, 2, 3, 4):
        out.append(f"quad_class {q!r} not in 1..4")
    elif etype in TYPES and TYPES[etype] != q:
        out.append(f"quad_class {q} does not match {etype} ({TYPES[etype]})")
    out += check_actor(rec.get("actor"), "actor")
    if rec.get("recipient") is not None:
        out += check_actor(rec["recipient"], "recipient")
    if rec.get("attributed_to") is not None:
        out += check_actor(rec["attributed_to"], "attributed_to")
    out += check_date(rec.get("date"), "date") + check_date(rec.get("date_end"), "date_end")
    if rec.get("date_precision") not in PRECISIONS:
        out.append(f"date_precision {rec.get('date_precision')!r}")
    out += check_place(rec.get("location"), "location")
    if not isinstance(rec.get("negated"), bool):
        out.append("negated is not a bool")
    if rec.get("modality") not in MODALITIES:
        out.append(f"modality {rec.get('modality')!r}")
    out += _str_or_none(rec, "attribution_cue", "event")
    ev = rec.get("evidence")
    if not isinstance(ev, dict):
        return out + ["evidence is not an object"]
    s, e = ev.get("start"), ev.get("end")
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (s, e)):
        out.append(f"evidence offsets {s!r}, {e!r} are not ints")
    elif text is not None:
        if s == e == -1:  # the pipeline's mark for an event read from the title (undocumented)
            if not title or ev.get("sentence") not in title:
                out.append("evidence offsets -1 but the sentence is not from the title")
        elif not 0 <= s <= e <= len(text):
            out.append(f"evidence offsets {s}..{e} outside the text (0..{len(text)})")
        elif text[s:e] != ev.get("sentence"):
            out.append(f"text[{s}:{e}] is not the evidence sentence")
    for key in ("sentence", "trigger"):
        if not isinstance(ev.get(key), str):
            out.append(f"evidence.{key} is not a string")
    out += _str_or_none(ev, "quote", "evidence")
    return out


def check_store(db: Path | str) -> dict[str, int]:
    """No half-stored article: an ok article has exactly its mentions, every mention and
    event belongs to a stored article, counts agree, no id twice."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as conn:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        assert q("SELECT id FROM articles GROUP BY id HAVING count(*) > 1") == []
        assert q("SELECT mention_id FROM mentions GROUP BY 1 HAVING count(*) > 1") == []
        half = q("""SELECT a.id, a.n_events, count(m.mention_id) FROM articles a
                    LEFT JOIN mentions m ON m.article_id = a.id WHERE a.status = 'ok'
                    GROUP BY ALL HAVING a.n_events <> count(m.mention_id)""")
        assert half == [], f"half-stored articles: {half[:5]}"
        orphans = q("""SELECT m.mention_id FROM mentions m LEFT JOIN articles a ON a.id = m.article_id
                       WHERE a.id IS NULL OR a.status <> 'ok'""")
        assert orphans == [], f"mentions without their article: {orphans[:5]}"
        assert q("SELECT event_id FROM events WHERE event_id NOT IN (SELECT event_id FROM mentions)") == []
        assert q("SELECT event_id FROM events WHERE article_id NOT IN (SELECT id FROM articles)") == []
        (m,), = q("SELECT count(*) FROM mentions")
        (s,), = q("SELECT coalesce(sum(n_mentions), 0) FROM events")
        assert m == s
        (ok,), = q("SELECT count(*) FROM articles WHERE status = 'ok'")
        (rej,), = q("SELECT count(*) FROM articles WHERE status = 'rejected'")
    return {"ok": ok, "rejected": rej, "mentions": m}
