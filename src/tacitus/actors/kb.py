"""The actor knowledge base: states, people with dated offices, organisations, groups
and the generic role vocabulary, read once from the YAML files in
`tacitus/data/actors/` (schema in that folder's README.md).

Why a KB: the resolver must say *who* "the Russian leader" was on a date, which
state "Pyongyang" stands for, and which sector "Malian soldiers" belong to. Those are
facts, kept as data so they can be reviewed and extended without touching code.
Everything is indexed in dicts at load time; lookups are O(1) or scan a handful of
offices.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is ~10x faster; fall back to the pure-Python one
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

KIND_NAMES = {
    "hos": "head_of_state", "hog": "head_of_government", "fm": "foreign_minister",
    "dm": "defence_minister", "leader": "leader", "vp": "vice_president", "mil": "military_chief",
    "spy": "intelligence_chief", "jud": "judicial", "leg": "legislative", "spox": "spokesperson",
    "igo": "igo_head", "grp": "group_leader", "min": "minister", "amb": "ambassador",
}
DEFAULT_ROLE = {
    "head_of_state": "President", "head_of_government": "Prime Minister", "foreign_minister": "Foreign Minister",
    "defence_minister": "Defence Minister", "leader": "Leader", "vice_president": "Vice President",
}
KIND_SECTOR = {
    "military_chief": "MIL", "intelligence_chief": "SPY", "judicial": "JUD", "legislative": "LEG", "igo_head": None,
}
# CAMEO writes MED for media and HLH for health; PLOVER says JRN and MED.
CAMEO_SECTOR = {"JRN": "MED", "MED": "HLH", "PRM": "MIL"}
EAST_ASIAN_ORDER = frozenset({"CHN", "TWN", "PRK", "KOR", "VNM"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "dos", "du", "le", "la", "abu", "ben"})

_PIECES = re.compile(r"[\s\-\u2010-\u2015/]+")
_DROP = re.compile(r"[^a-z0-9 ]+")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# American and British spellings fold together ("Tigray Defense Forces" = "Tigray Defence Forces")
SPELLING = {"defense": "defence", "organization": "organisation", "organizations": "organisations",
            "program": "programme", "center": "centre", "labor": "labour", "mobilization": "mobilisation",
            "ministery": "ministry"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 16)
def norm_token(piece: str) -> str:
    """One whitespace/hyphen piece → its normal form: folded, no possessive, no punctuation."""
    t = _fold(piece).strip(".,;:!?()[]{}\"'")
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("s'"):
        t = t[:-1]
    t = _DROP.sub("", t)
    return SPELLING.get(t, t)


def tokens(text: str) -> list[tuple[str, str]]:
    """Split a mention into (normal, original) token pairs; hyphens and slashes split."""
    out = []
    for piece in _PIECES.split(text):
        n = norm_token(piece)
        if n:
            out.append((n, piece))
    return out


def normalise(text: str) -> str:
    """Normal form of a whole phrase: 'The U.S.' → 'the us', 'Kim Jong-un' → 'kim jong un'."""
    return " ".join(n for n, _ in tokens(text))


def is_acronym(alias: str) -> bool:
    """Aliases written in capitals (UN, WHO, AP, U.S.) match only capitalised text."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    kind: str
    country: str | None
    org: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None

    def holds(self, on: dt.date) -> bool:
        """True when the office was held on `on` (start inclusive, end exclusive)."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    offices: tuple[Office, ...]
    sector: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class State:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: dict[str, str]
    cities: tuple[str, ...]
    exec: str = "hos"
    cameo: str = ""
    peoples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Org:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # organization | group
    country: str | None
    sector: str | None
    org_code: str | None
    cameo: str
    governs_from: dt.date | None = None
    cased: bool = False  # names match only capitalised text (companies, parties: "Shell", "Labour")


@dataclass(slots=True)
class Roles:
    """The generic role vocabulary (roles.yaml), as normalised-phrase lookups."""
    sectors: dict[str, str] = field(default_factory=dict)
    weak: set[str] = field(default_factory=set)
    needs_owner: set[str] = field(default_factory=set)
    person: set[str] = field(default_factory=set)
    state_nouns: set[str] = field(default_factory=set)
    titles: dict[str, list[str]] = field(default_factory=dict)
    honorifics: set[str] = field(default_factory=set)
    modifiers: dict[str, str] = field(default_factory=dict)
    determiners: set[str] = field(default_factory=set)
    pronouns: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    plural_person: set[str] = field(default_factory=set)
    title_states: dict[str, str] = field(default_factory=dict)
    title_countries: dict[str, str] = field(default_factory=dict)
    followers: set[str] = field(default_factory=set)
    weak_modifiers: set[str] = field(default_factory=set)
    honorific_sectors: dict[str, str] = field(default_factory=dict)


def slug(name: str) -> str:
    return normalise(name).replace(" ", "-")


def _the(name: str) -> str:
    first = name.split()[0]
    if first in {"United", "Republic", "Democratic", "Central", "Czech", "Dominican", "Holy"} or name.endswith(("s", "Gambia")):
        return "the " + name
    return name


class KnowledgeBase:
    """All actor facts, indexed. Build with `KnowledgeBase.load()`."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Org] = {}
        self.roles = Roles()
        self.problems: list[str] = []  # load-time findings reported by `check`
        self.offices_by: dict[tuple[str, str], list[tuple[Office, Person]]] = {}
        self.heads_of: dict[str, list[tuple[Office, Person]]] = {}

    # ---------- loading ----------
    @classmethod
    def load(cls, path: str | Path | None = None) -> KnowledgeBase:
        """Read every *.yaml under `path` (default: the packaged data); cached for the default."""
        if path is None:
            return _default_kb()
        return cls._read(sorted(Path(path).glob("*.yaml")))

    @classmethod
    def _read(cls, files: Iterable[Any]) -> KnowledgeBase:
        kb = cls()
        docs = [(f.name, yaml.load(f.read_text(encoding="utf-8"), Loader=_Loader) or {}) for f in files]
        for _, d in docs:
            for s in d.get("states", []):
                kb._add_state(s)
        for _, d in docs:
            for o in d.get("orgs", []):
                kb._add_org(o, "organization", bool(d.get("cased")))
            for o in d.get("groups", []):
                kb._add_org(o, "group", bool(d.get("cased")))
            if "sectors" in d:
                kb._add_roles(d)
        for fname, d in docs:
            for p in d.get("people", []):
                kb._add_person(p, fname)
        return kb

    def _add_state(self, s: dict[str, Any]) -> None:
        iso = s["iso3"]
        if iso in self.states:
            self.problems.append(f"duplicate state {iso}")
        self.states[iso] = State(
            iso3=iso, name=s["name"], aliases=tuple(s.get("aliases", [])), adjectives=tuple(s.get("adj", [])),
            capitals=tuple(s.get("capital", [])), seats=dict(s.get("seats", {}) or {}),
            cities=tuple(s.get("cities", [])), exec=s.get("exec", "hos"), cameo=s.get("cameo", iso),
            peoples=tuple(s.get("peoples", [])))

    def _add_org(self, o: dict[str, Any], kind: str, cased: bool = False) -> None:
        oid = o.get("id") or slug(o["name"])
        if oid in self.orgs:
            self.problems.append(f"duplicate organisation id {oid}")
        country, sector, code = o.get("country"), o.get("sector"), o.get("org_code")
        cameo = o.get("cameo") or cameo_code(self.states[country].cameo if country in self.states else code, sector)
        self.orgs[oid] = Org(oid, o["name"], tuple(o.get("aliases", [])), kind, country, sector, code, cameo,
                             _date(o.get("governs_from")), bool(o.get("cased", cased)))

    def _add_roles(self, d: dict[str, Any]) -> None:
        r = self.roles
        for sector, nouns in d["sectors"].items():
            for noun in nouns:
                key = normalise(noun)
                r.sectors.setdefault(key, sector)
                if " " not in key and not key.endswith("s"):
                    r.sectors.setdefault(key + "s", sector)
        for name in ("weak", "needs_owner", "person", "state_nouns", "honorifics", "determiners", "pronouns", "connectors",
                     "followers", "weak_modifiers"):
            getattr(r, name).update(normalise(str(x)) for x in d.get(name, []))
        for kind, phrases in d.get("titles", {}).items():
            for ph in phrases:
                r.titles.setdefault(normalise(ph), []).append(kind)
        for mod, words in d.get("modifiers", {}).items():
            for w in words:
                r.modifiers[normalise(w)] = mod
        r.plural_person.update(normalise(str(x)) for x in d.get("plural_person", []))
        for p in r.person:  # "journalists", "police officers": several people of that kind
            r.plural_person.add(p[:-1] + "ies" if p.endswith("y") and p[-2:-1] not in "aeiou" else
                                p[:-3] + "men" if p.endswith("man") else p + "s")
        for title, iso in (d.get("title_states", {}) or {}).items():
            r.title_states[normalise(title)] = iso
        for sector, words in (d.get("honorific_sectors", {}) or {}).items():
            for w in words:
                r.honorific_sectors[normalise(w)] = sector
        for title, iso in (d.get("title_countries", {}) or {}).items():
            r.title_countries[normalise(title)] = iso

    def _add_person(self, p: dict[str, Any], source: str) -> None:
        pid = p.get("id") or slug(p["name"])
        if pid in self.people:
            self.problems.append(f"duplicate person id {pid} ({source})")
            return  # the first entry wins; `check` reports the duplicate
        country = p.get("country")
        offices = tuple(self._office(o, country, pid) for o in p.get("offices", []) or [])
        person = Person(pid, p["name"], tuple(p.get("aliases", [])), country, offices, p.get("sector"), p.get("title"))
        self.people[pid] = person
        for off in offices:
            if off.org:
                self.heads_of.setdefault(off.org, []).append((off, person))
            if off.country:
                self.offices_by.setdefault((off.kind, off.country), []).append((off, person))

    def _office(self, o: Any, country: str | None, pid: str) -> Office:
        if isinstance(o, dict):
            kind, role, start, end = o["kind"], o.get("role"), o.get("start"), o.get("end")
            extra = o.get("org") or o.get("country")
            sector = o.get("sector")
        else:
            if len(o) == 3:
                kind, start, end, role, extra = o[0], o[1], o[2], None, None
            else:
                kind, role, start, end = o[0], o[1], o[2], o[3]
                extra = o[4] if len(o) > 4 else None
            sector = None
        kind = KIND_NAMES.get(kind, kind)
        org = extra if extra and extra in self.orgs else None
        if extra and not org and extra not in self.states:
            self.problems.append(f"{pid}: unknown organisation or country {extra!r}")
        if org:
            off_country = self.orgs[org].country
            sector = sector or (self.orgs[org].sector if kind in ("group_leader", "igo_head") else KIND_SECTOR.get(kind))
        else:
            off_country = extra or country
            sector = sector or KIND_SECTOR.get(kind, "GOV")
        role = role or DEFAULT_ROLE.get(kind, kind.replace("_", " ").title())
        if not org and off_country in self.states and " of " not in role and not role.startswith(("U.S.", "Kremlin")):
            role = f"{role} of {_the(self.states[off_country].name)}"
        return Office(role, kind, None if org else off_country, org, sector, _date(start), _date(end))

    # ---------- queries ----------
    def holders(self, kind: str, country: str, on: dt.date | None) -> list[tuple[Office, Person]]:
        """Who held an office of `kind` in `country` on `on` (or holds it last, when on is None)."""
        rows = self.offices_by.get((kind, country), [])
        return _on_date(rows, on)

    def org_heads(self, org: str, on: dt.date | None) -> list[tuple[Office, Person]]:
        return _on_date(self.heads_of.get(org, []), on)

    def leader(self, country: str, on: dt.date | None) -> tuple[Office, Person] | None:
        """The top executive: an explicit `leader` office, else the head of state or of
        government as the state's `exec` field says."""
        state = self.states.get(country)
        order = ["leader"] + (["head_of_government", "head_of_state"] if state and state.exec == "hog"
                              else ["head_of_state", "head_of_government"])
        for kind in order:
            rows = self.holders(kind, country, on)
            if rows:
                return rows[0]
        return None


def _on_date(rows: list[tuple[Office, Person]], on: dt.date | None) -> list[tuple[Office, Person]]:
    if on is None:
        return sorted(rows, key=lambda r: (r[0].end is None, r[0].start or dt.date.min), reverse=True)[:1]
    return [r for r in rows if r[0].holds(on)]


def cameo_code(base: str | None, sector: str | None) -> str:
    """CAMEO actor code: country/organisation code followed by the role code."""
    return (base or "") + (CAMEO_SECTOR.get(sector, sector) if sector else "")


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    folder = resources.files("tacitus.data.actors")
    return KnowledgeBase._read(sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name))
