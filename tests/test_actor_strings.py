"""Actor strings out of context: ~1,200 mentions of the kinds an event coder's actor tests
hold (states and their variants, demonym + role noun, capitals and metonyms, city + body,
"X-based", possessives and "of" forms, IGOs/NGOs/media, armed groups, leaders by title,
full name or surname, former leaders, role-only nouns, pronouns), each with the expected
kind, country (ISO3), sector and, where it matters, org_code and canonical name.

Data: tests/data/actor_strings.csv (project-written). Columns: text, date, kind, country,
sector, org_code, name. An empty cell expects null; `*` means "not checked"; lines whose
first cell starts with `#` are section headings. `kind: unknown` expects no actor.

`python tests/test_actor_strings.py` (or `tacitus actors score tests/data/actor_strings.csv
--misses`) prints accuracy of country, sector and kind and lists the misses.
"""
from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

from tacitus.actors import ActorResolver, KnowledgeBase

DATA = Path(__file__).parent / "data" / "actor_strings.csv"
FIELDS = ("kind", "country", "sector", "org_code", "name")


def load_rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if not row["text"].startswith("#")]


ROWS = load_rows()


def got_fields(resolver: ActorResolver, row: dict[str, str]) -> dict[str, str]:
    on = dt.date.fromisoformat(row["date"]) if row["date"] else None
    a = resolver.resolve(row["text"], on)
    if a is None:
        return {"kind": "unknown", "country": "", "sector": "", "org_code": "", "name": ""}
    return {"kind": a.kind, "country": a.country or "", "sector": a.sector or "", "org_code": a.org_code or "",
            "name": a.name or ""}


def misses(row: dict[str, str], got: dict[str, str]) -> list[str]:
    out = []
    for f in FIELDS:
        want = row[f]
        if want == "*" or (f == "name" and not want):
            continue
        if row["kind"] == "unknown" and f != "kind":
            continue
        if got[f] != want:
            out.append(f"{f}: want {want!r} got {got[f]!r}")
    return out


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['text']}@{r['date']}" if r["date"] else r["text"] for r in ROWS])
def test_actor_string(resolver: ActorResolver, row: dict[str, str]) -> None:
    got = got_fields(resolver, row)
    assert not misses(row, got), f"{row['text']!r}: " + "; ".join(misses(row, got))


def summary(out=sys.stdout) -> dict[str, float]:
    resolver = ActorResolver(KnowledgeBase.load())
    totals = {f: [0, 0] for f in ("country", "sector", "kind", "all")}
    bad = []
    for row in ROWS:
        got = got_fields(resolver, row)
        for f in ("country", "sector", "kind"):
            want = row[f]
            if want == "*" or (row["kind"] == "unknown" and f != "kind"):
                continue
            totals[f][1] += 1
            totals[f][0] += got[f] == want
        m = misses(row, got)
        totals["all"][1] += 1
        totals["all"][0] += not m
        if m:
            bad.append(f"  {row['text']!r} ({row['date'] or 'no date'}): " + "; ".join(m))
    acc = {f: (ok / n if n else 1.0) for f, (ok, n) in totals.items()}
    for line in bad:
        print(line, file=out)
    for f, (ok, n) in totals.items():
        print(f"{f:>8} accuracy: {ok}/{n} = {acc[f]:.3f}", file=out)
    return acc


if __name__ == "__main__":
    summary()


# Ambiguous on purpose: a capital or city that also names something more often meant.
KNOWN_AMBIGUOUS = {"Brussels", "Tripoli", "Valencia"}


def test_every_state_name_adjective_and_capital(resolver: ActorResolver) -> None:
    """Each state's names, adjectives (+ a role noun) and capitals resolve to that state."""
    kb = resolver.kb
    bad = []
    for s in kb.states.values():
        cases = [(n, None) for n in (s.name, *s.aliases)]
        cases += [(f"{adj} soldiers", "MIL") for adj in s.adjectives]
        cases += [(f"the {adj} government", "GOV") for adj in s.adjectives]
        names = {n.lower() for n in (s.name, *s.aliases)}
        cases += [(c, "GOV") for c in s.capitals if c not in KNOWN_AMBIGUOUS and c.lower() not in names]  # not Monaco
        cases += [(f"{c.split(' (')[0]} police", "COP") for c in s.cities if c.split(" (")[0] not in KNOWN_AMBIGUOUS]
        cases += [(f"{s.name}'s army", "MIL")]
        for text, sector in cases:
            a = resolver.resolve(text)
            if a is None or a.country != s.iso3 or (sector and a.sector != sector):
                bad.append((text, s.iso3, a and (a.country, a.sector)))
    assert not bad, bad


def test_word_salad_never_raises(resolver: ActorResolver) -> None:
    """Any mix of the set's words resolves to an actor or None, never an exception."""
    import random

    words = [w for row in ROWS for w in row["text"].split()] + ["pro-", "-run", "'s", "of", "(", ")", "to", "the"]
    rng = random.Random(7)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 7)))
        resolver.resolve(text, dt.date(2020, 1, 1))
        resolver.resolve(text)
