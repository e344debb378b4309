"""`tacitus actors ...`: resolve mentions from the command line and check the KB.

The lead registers the group with `cli.add_command(actors)`."""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict

import click

from tacitus.actors.kb import KnowledgeBase, normalise
from tacitus.actors.resolve import ActorResolver
from tacitus.records import Actor, to_json

_FIELDS = ("text", "name", "kind", "country", "sector", "org_code", "cameo_code", "role", "kb_id")


def _as_dict(text: str, actor: Actor | None) -> dict:
    if actor is None:
        return {f: None for f in _FIELDS} | {"text": text, "kind": "unknown", "cameo_code": None}
    return to_json(actor)


@click.group("actors")
def actors() -> None:
    """Resolve actor mentions and check the actor knowledge base."""


@actors.command("resolve")
@click.argument("text")
@click.option("--date", "date_", default=None, help="Date the mention refers to (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json")
@click.option("--kb", "kb_path", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of KB YAML files (default: the packaged KB).")
def resolve_cmd(text: str, date_: str | None, fmt: str, kb_path: str | None) -> None:
    """Resolve TEXT (or, with '-', one mention per line from stdin)."""
    try:
        on = dt.date.fromisoformat(date_) if date_ else None
    except ValueError as exc:
        raise click.BadParameter(f"not a date: {date_}", param_hint="--date") from exc
    resolver = ActorResolver(KnowledgeBase.load(kb_path))
    lines = [l.rstrip("\n") for l in sys.stdin] if text == "-" else [text]
    rows = [_as_dict(t, resolver.resolve(t, on)) for t in lines if t.strip()]
    if fmt == "table":
        widths = {f: max(len(f), *(len(str(r[f] or "")) for r in rows)) for f in _FIELDS} if rows else {}
        click.echo("  ".join(f.ljust(widths[f]) for f in _FIELDS))
        for r in rows:
            click.echo("  ".join(str(r[f] or "").ljust(widths[f]) for f in _FIELDS))
    elif fmt == "json" and text != "-":
        click.echo(json.dumps(rows[0] if rows else None, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))


def check_kb(kb: KnowledgeBase) -> list[str]:
    """Every problem found in the KB: ids, ISO3 codes, office dates and overlaps."""
    import pycountry

    problems = list(kb.problems)
    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # Kosovo: user-assigned code
    for iso in kb.states:
        if iso not in valid:
            problems.append(f"state {iso}: not an ISO 3166-1 alpha-3 code")
    if len(kb.states) < 190:
        problems.append(f"only {len(kb.states)} states")
    for o in kb.orgs.values():
        if o.country and o.country not in kb.states:
            problems.append(f"organisation {o.id}: unknown country {o.country}")
    names: dict[str, set[str]] = defaultdict(set)  # a name or adjective of two states resolves to one at random
    for st in kb.states.values():
        for n in (st.name, *st.aliases, *st.adjectives, *st.capitals):
            names[normalise(n)].add(st.iso3)
    for n, isos in sorted(names.items()):
        if len(isos) > 1:
            problems.append(f"name {n!r} belongs to several states: {', '.join(sorted(isos))}")
    for table in ("title_states", "title_countries"):
        for title, iso in getattr(kb.roles, table).items():
            if iso not in kb.states:
                problems.append(f"roles {table}: {title!r} -> unknown state {iso}")
    by_office: dict[tuple[str, str], list] = defaultdict(list)
    for p in kb.people.values():
        if p.country and p.country not in kb.states:
            problems.append(f"person {p.id}: unknown country {p.country}")
        for off in p.offices:
            if off.start and off.end and off.start > off.end:
                problems.append(f"person {p.id}: office {off.role!r} starts {off.start} after it ends {off.end}")
            if off.start is None:
                problems.append(f"person {p.id}: office {off.role!r} has no start date")
            by_office[(off.role, off.country or off.org or "")].append((off, p))
    for (role, _), rows in by_office.items():
        rows.sort(key=lambda r: r[0].start or dt.date.min)
        for (a, pa), (b, pb) in zip(rows, rows[1:]):
            if a.end is None or (b.start and b.start < a.end):
                if "Acting" in role or "Interim" in role:
                    continue
                problems.append(f"office {role!r}: {pa.id} ({a.start}–{a.end}) overlaps {pb.id} ({b.start}–{b.end})")
    return problems


@actors.command("score")
@click.argument("csv_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--misses", is_flag=True, help="List every string with a wrong field.")
def score_cmd(csv_path: str, misses: bool) -> None:
    """Accuracy of the resolver on a CSV of actor strings.

    Columns: text, and any of date (YYYY-MM-DD), country, sector, kind, org_code, name.
    An empty cell expects null, `*` is not checked, a text starting with `#` is a heading;
    `kind: unknown` expects no actor (tests/data/actor_strings.csv is one such file)."""
    import csv

    resolver = ActorResolver(KnowledgeBase.load())
    fields = ("country", "sector", "kind", "org_code", "name")
    totals = {f: [0, 0] for f in fields}
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("text") and not r["text"].startswith("#")]
    for row in rows:
        on = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        a = resolver.resolve(row["text"], on)
        got = {"kind": "unknown"} if a is None else {"kind": a.kind, "country": a.country, "sector": a.sector,
                                                      "org_code": a.org_code, "name": a.name}
        wrong = []
        for f in fields:
            want = row.get(f)
            if want is None or want == "*" or (f == "name" and not want):
                continue
            if row.get("kind") == "unknown" and f != "kind":
                continue
            totals[f][1] += 1
            if (got.get(f) or "") == want:
                totals[f][0] += 1
            else:
                wrong.append(f"{f}: want {want!r} got {got.get(f)!r}")
        if misses and wrong:
            click.echo(f"{row['text']!r} ({row.get('date') or 'no date'}): " + "; ".join(wrong))
    for f, (ok, n) in totals.items():
        if n:
            click.echo(f"{f:>8} accuracy: {ok}/{n} = {ok / n:.3f}")


@actors.command("check")
@click.option("--kb", "kb_path", type=click.Path(exists=True, file_okay=False), default=None)
def check_cmd(kb_path: str | None) -> None:
    """Validate the KB; exit 1 with one message per problem."""
    kb = KnowledgeBase.load(kb_path)
    problems = check_kb(kb)
    n_off = sum(len(p.offices) for p in kb.people.values())
    groups = sum(1 for o in kb.orgs.values() if o.kind == "group")
    click.echo(f"states {len(kb.states)}, people {len(kb.people)}, offices {n_off}, "
               f"organisations {len(kb.orgs) - groups}, groups {groups}")
    for p in problems:
        click.echo(f"problem: {p}", err=True)
    if problems:
        sys.exit(1)
    click.echo("ok")
