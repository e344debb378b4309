# Vendored copy of shared/eval/score.py (the project evaluation scorer), so that
# `tacitus eval` produces identical numbers without ../shared present. Keep in sync.
#!/usr/bin/env python3
"""Score predicted events against gold articles.

    python3 score.py GOLD.jsonl PRED.jsonl [--json] [--show-errors]

GOLD.jsonl: one article per line (see gold-format.md beside this file).
PRED.jsonl: one event per line, as `tacitus extract --format jsonl` prints
them (shared/spec/event-record.md); `article_id` ties an event to its article.

Standard library only, so that anything can run it.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^(the|a|an) ", "", s)
    return s


def names_of(g: dict | None) -> list[str]:
    if not g:
        return []
    out = [g.get("name")] + list(g.get("aliases") or [])
    return [norm(n) for n in out if n]


def name_match(pred: dict | None, gold: dict | None) -> bool:
    wanted = names_of(gold)
    if not wanted:
        return True
    if not pred:
        return False
    have = {norm(pred.get("name")), norm(pred.get("text"))} - {""}
    return any(w == h or (len(w) > 3 and (w in h.split() or h.endswith(" " + w))) for w in wanted for h in have)


def actor_match(pred: dict | None, gold: dict | None) -> bool:
    """A gold actor of None means: any actor will do."""
    if not gold:
        return True
    if not pred:
        return False
    if gold.get("country"):
        return pred.get("country") == gold["country"]
    if gold.get("org_code"):
        return (pred.get("org_code") or "").upper() == gold["org_code"].upper()
    return name_match(pred, gold)


def types_of(g: dict) -> set[str]:
    return {g["event_type"].upper(), *[t.upper() for t in g.get("alt_types") or []]}


def core_match(p: dict, g: dict) -> bool:
    if (p.get("event_type") or "").upper() not in types_of(g):
        return False
    a, r = g.get("actor"), g.get("recipient")
    if actor_match(p.get("actor"), a) and actor_match(p.get("recipient"), r):
        return True
    if g.get("symmetric"):
        return actor_match(p.get("actor"), r) and actor_match(p.get("recipient"), a)
    return False


def date_ok(p: dict, g: dict) -> bool | None:
    want = g.get("date")
    if not want:
        return None
    got = p.get("date")
    if not got:
        return False
    if isinstance(want, list):  # an inclusive range of acceptable days
        lo, hi = want
        return lo <= got[: len(lo)] <= hi
    return got == want or got.startswith(want + "-")


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def location_ok(p: dict, g: dict) -> bool | None:
    want = g.get("location")
    if not want:
        return None
    got = p.get("location")
    if not got:
        return False
    if want.get("country") and got.get("country") != want["country"]:
        return False
    if names_of(want) and name_match(got, want):
        return True
    if None not in (want.get("lat"), want.get("lon"), got.get("lat"), got.get("lon")):
        return km(want["lat"], want["lon"], got["lat"], got["lon"]) <= want.get("radius_km", 50)
    return False


def factuality_ok(p: dict, g: dict) -> bool:
    allowed = g.get("modality") or "actual"
    allowed = allowed if isinstance(allowed, list) else [allowed]
    return bool(p.get("negated", False)) == bool(g.get("negated", False)) and (
        (p.get("modality") or "actual") in allowed
    )


def attribution_ok(p: dict, g: dict) -> bool | None:
    if not g.get("attributed_to"):
        return None
    want = g["attributed_to"]
    want = {"name": want[0], "aliases": want[1:]} if isinstance(want, list) else {"name": want}
    return name_match(p.get("attributed_to"), want)


def actor_name_ok(p: dict, g: dict) -> bool | None:
    sides = [s for s in ("actor", "recipient") if g.get(s) and g[s].get("name")]
    if not sides:
        return None
    straight = all(name_match(p.get(s), g[s]) for s in sides)
    if straight or not g.get("symmetric"):
        return straight
    other = {"actor": "recipient", "recipient": "actor"}
    return all(name_match(p.get(other[s]), g[s]) for s in sides)


SECONDARY = {
    "factuality": factuality_ok,
    "date": date_ok,
    "location": location_ok,
    "attribution": attribution_ok,
    "actor_name": actor_name_ok,
}


def secondary_score(p: dict, g: dict) -> int:
    return sum(1 for f in SECONDARY.values() if f(p, g) is True)


def forbidden_hit(p: dict, f: dict) -> bool:
    if not core_match(p, f):
        return False
    if "negated" in f and bool(p.get("negated", False)) != bool(f["negated"]):
        return False
    if "modality" in f:
        allowed = f["modality"] if isinstance(f["modality"], list) else [f["modality"]]
        if (p.get("modality") or "actual") not in allowed:
            return False
    return True


def assign(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """Pair gold events with predictions, one to one: as many required gold
    events as possible, then as many optional ones, then the best secondary
    fields. Returns {gold index: prediction index}."""
    if not golds or not preds:
        return {}
    weight = [[0] * len(preds) for _ in golds]
    for gi, g in enumerate(golds):
        base = 1_000 if g.get("optional") else 1_000_000
        for pi, p in enumerate(preds):
            if core_match(p, g):
                weight[gi][pi] = base + secondary_score(p, g)
    rows = hungarian_max(weight)
    return {gi: pi for gi, pi in enumerate(rows) if pi is not None and weight[gi][pi] > 0}


def hungarian_max(weight: list[list[int]]) -> list[int | None]:
    """Maximum-weight assignment of rows to columns (Kuhn-Munkres, O(n^2 m)).
    Returns, for each row, its column or None."""
    n, m = len(weight), len(weight[0])
    size = max(n, m)
    top = max(max(r) for r in weight)
    cost = [[top - (weight[i][j] if i < n and j < m else 0) for j in range(size)] for i in range(size)]
    INF = float("inf")
    u, v = [0.0] * (size + 1), [0.0] * (size + 1)
    match_col, way = [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        match_col[0] = i
        j0 = 0
        minv, used = [INF] * (size + 1), [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match_col[j0], INF, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match_col[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match_col[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match_col[j0] = match_col[j1]
            j0 = j1
    rows: list[int | None] = [None] * n
    for j in range(1, size + 1):
        i = match_col[j] - 1
        if 0 <= i < n and j - 1 < m:
            rows[i] = j - 1
    return rows


def score(gold_articles: list[dict], preds: list[dict]) -> dict:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        by_article[str(p.get("article_id"))].append(p)
    gold_ids = {str(a["id"]) for a in gold_articles}
    stray = sum(len(v) for k, v in by_article.items() if k not in gold_ids)

    tp = fp = fn = forbidden = 0
    sec_hits: dict[str, list[int]] = {k: [0, 0] for k in SECONDARY}
    errors: list[dict] = []
    for art in gold_articles:
        aid = str(art["id"])
        pool = list(by_article.get(aid, []))
        golds = art.get("events") or []
        pairs = assign(golds, pool)
        used = set(pairs.values())
        for gi, g in enumerate(golds):
            if gi not in pairs:
                if not g.get("optional"):
                    fn += 1
                    errors.append({"article": aid, "missed": g})
                continue
            if g.get("optional"):
                continue
            best = pairs[gi]
            tp += 1
            for name, f in SECONDARY.items():
                ok = f(pool[best], g)
                if ok is None:
                    continue
                sec_hits[name][1] += 1
                sec_hits[name][0] += int(ok)
                if not ok:
                    errors.append({"article": aid, "wrong": name, "gold": g, "pred": pool[best]})
        for i, p in enumerate(pool):
            if i in used:
                continue
            fp += 1
            errors.append({"article": aid, "extra": p})
        for p in pool:
            for f in art.get("forbidden") or []:
                if forbidden_hit(p, f):
                    forbidden += 1
                    errors.append({"article": aid, "forbidden": f, "pred": p})
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n_gold = tp + fn
    result = {
        "articles": len(gold_articles),
        "gold_events": n_gold,
        "predicted_events": tp + fp,
        "matched": tp,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "overgeneration": round((tp + fp) / n_gold, 3) if n_gold else None,
        "forbidden_hits": forbidden,
        "stray_events": stray,
    }
    for name, (ok, total) in sec_hits.items():
        result[f"{name}_accuracy"] = round(ok / total, 4) if total else None
        result[f"{name}_checked"] = total
    result["_errors"] = errors
    return result


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    ap.add_argument("--show-errors", action="store_true", help="list every miss, extra and wrong field")
    args = ap.parse_args(argv)
    result = score(read_jsonl(args.gold), read_jsonl(args.pred))
    errors = result.pop("_errors")
    if args.show_errors:
        for e in errors:
            print(json.dumps(e, ensure_ascii=False))
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>22}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
