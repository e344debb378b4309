"""Mention → Actor. `ActorResolver(kb).resolve("Russian President Vladimir Putin", on=date)`.

How it works (all tables are built once, in `__init__`):
1. The mention is split into normalised tokens (case, accents, hyphens, possessive 's,
   punctuation folded) and leading determiners are dropped.
2. A whole-mention lookup finds KB names and aliases (people, organisations, states,
   capitals and seats of government).
3. Otherwise a greedy longest-match scan labels the tokens: state names/adjectives,
   capitals, seats, cities, KB people and organisations, titles ("foreign minister"),
   role nouns ("army", "spokesman"), modifiers ("former", "deputy") and leftover words.
4. The labels are combined by fixed rules (`_decide`): a named person beats a title,
   a title with an owner resolves to the office-holder on the date, an organisation
   beats a role noun, a state plus role noun gives a state body (IND MIL), a bare
   capital or seat gives the government (PRK GOV), a bare state gives the state with
   no sector (cameo_code = ISO3; GOV is added only for a government word or metonym).
5. Qualifiers and owners: a possessive person or organisation owns the head noun
   ("Putin's spokesman" RUS GOV), a name before "-run/-led/-backed" only qualifies it
   ("Hamas-run health ministry" PSE MED, "Turkish-backed Syrian rebels" SYR), a name after
   "to/at/with" is a destination ("ambassador to the UN"), the head noun (last strong role
   noun) gives the sector ("government forces" MIL, "military court" JUD) and OPP wins.
6. An unknown capitalised place before a role noun gets its country from the places
   gazetteer ("Kherson police" UKR COP): cities of 100,000+ and regions, when unambiguous;
   loaded on first need and cached per name.
`ArticleContext` adds per-article memory of people, so "Vieira" or "Mr Solih" maps to
the full name seen earlier even for people not in the KB.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tacitus.actors.kb import (
    EAST_ASIAN_ORDER,
    NAME_PARTICLES,
    KnowledgeBase,
    Office,
    Org,
    Person,
    cameo_code,
    is_acronym,
    normalise,
    tokens,
)
from tacitus.records import Actor

MAX_PHRASE = 8
GROUP_SECTORS = frozenset({"CVL", "REF", "LAB", "AGR", "REB", "OPP", "CRM", "UAF", "ELI", "SOC", "PTY"})
# sectors of a state's own bodies: several soldiers or judges are an organisation, several
# doctors or journalists a group of people
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# sectors that a modifier keeps whatever the head noun ("opposition lawmakers" are OPP)
DOMINANT_SECTORS = ("OPP",)
# head nouns that name an armed coalition when "X-led" ("the Saudi-led coalition")
LED_MILITARY = frozenset({"coalition", "coalitions", "alliance", "force", "forces", "mission"})
# gazetteer places that may give a country to "<place> police": cities this large, or regions
MIN_CITY_POPULATION = 100_000
# capitalised words that name a kind of place, not one place ("the Gulf state", "Central
# command", "Western officials"): never looked up in the gazetteer on their own
GENERIC_PLACE_WORDS = frozenset({
    "gulf", "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "capital",
    "coast", "coastal", "federal", "national", "upper", "lower", "greater", "new", "old", "great", "grand", "royal",
    "free", "united", "republic", "island", "islands", "state", "states", "city", "province", "region", "valley",
    "highlands", "lake", "river", "mountain", "mountains", "delta", "border", "frontier", "red", "sea", "middle",
    "interior", "metropolitan", "special", "autonomous", "joint", "general", "first", "second", "third"})
ARTICLES = frozenset({"the", "a", "an"})
# "Hamas-run ministry", "NATO-led forces": the name before these words only qualifies the head noun
QUALIFYING = frozenset({"run", "led", "backed", "controlled", "owned", "allied", "linked", "affiliated",
                        "aligned", "supported", "sponsored", "held", "appointed", "installed"})
# "ambassador to the UN", "talks with Hamas": a name after these words is not the mention's owner
DESTINATION = frozenset({"to", "at", "with", "against", "in", "on"})
KIND_RANK = {"head_of_state": 0, "head_of_government": 1, "leader": 2, "igo_head": 3, "foreign_minister": 4,
             "defence_minister": 5, "group_leader": 6, "vice_president": 7, "military_chief": 8}
# title kinds that name a state office (as opposed to an organisation's head)
STATE_TITLES = ("leader", "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                "vice_president", "military_chief", "attorney_general", "prosecutor")


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of a phrase: etype in person|org|state|capital|seat|city|region; ref an id.
    `region` entries are peoples and regions of a state ("Chechen", "Uyghur", "Catalan"):
    like cities they give a country only to a role noun ("Chechen fighters")."""
    etype: str
    ref: str
    acronym: bool = False
    sector: str | None = None
    cased: bool = False


@dataclass(slots=True)
class Seg:
    """A labelled span of the mention."""
    kind: str  # entry | title | sector | mod | honor | conn | word
    key: str
    orig: list[str]
    entries: tuple[Entry, ...] = ()


_PRIORITY = {"person": 0, "org": 1, "state": 2, "seat": 3, "capital": 4, "city": 5, "region": 6}
_PLACE_ETYPES = ("state", "capital", "seat", "city", "region")
_NO_PLURAL = ("s", "sh", "ch", "ese", "x", "z")


class ActorResolver:
    """Resolve mention strings to `Actor` records against a `KnowledgeBase`."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or KnowledgeBase.load()
        self.phrases: dict[str, list[Entry]] = {}
        self.surnames: dict[str, list[str]] = {}
        self._gazetteer = None  # loaded on first need (a role noun after an unknown place name)
        self._place_cache: dict[str, str | None] = {}
        # answers that no article's memory of people could change, shared across articles
        self.shared_answers: dict[tuple, Actor | None] = {}
        self._index()
        r = self.kb.roles
        # words whose reading can depend on the date ("the president" is whoever holds the office)
        self.office_words: frozenset[str] = frozenset(w for t in r.titles for w in t.split()) \
            | frozenset(w for t in r.sectors for w in t.split())
        self._known: frozenset[str] = frozenset(self.phrases) | frozenset(r.titles) | frozenset(r.modifiers) \
            | frozenset(r.sectors) | frozenset(r.honorifics) | frozenset(r.connectors) | frozenset(r.determiners)

    # ---------- index ----------
    def _add(self, text: str, entry: Entry) -> None:
        key = normalise(text)
        if key:
            entry = replace(entry, acronym=is_acronym(text))
            bucket = self.phrases.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    def _index(self) -> None:
        kb = self.kb
        for s in kb.states.values():
            for n in (s.name, *s.aliases):
                self._add(n, Entry("state", s.iso3))
            for a in s.adjectives:  # "Malian" and "Malians", "Greek" and "Greeks"; not "Frenchs"
                self._add(a, Entry("state", s.iso3))
                if not a.lower().endswith(_NO_PLURAL):
                    self._add(a + "s", Entry("state", s.iso3))
            for a in s.peoples:
                self._add(a, Entry("region", s.iso3))
                if not a.lower().endswith(_NO_PLURAL):
                    self._add(a + "s", Entry("region", s.iso3))
            for c in s.capitals:
                self._add(c, Entry("capital", s.iso3, sector="GOV"))
            for seat, sector in s.seats.items():
                self._add(seat, Entry("seat", s.iso3, sector=sector))
            for c in s.cities:
                self._add(c.split(" (")[0], Entry("city", s.iso3))
        for o in kb.orgs.values():
            for n in (o.name, *o.aliases):
                self._add(n, Entry("org", o.id, cased=o.cased))
        for p in kb.people.values():
            for n in (p.name, *p.aliases):
                self._add(n, Entry("person", p.id))
            toks = normalise(p.name).split()
            if len(toks) >= 4 and any(t in ("bin", "ibn", "bint", "al") for t in toks[1:3]):
                # "Tamim bin Hamad" for Tamim bin Hamad Al Thani, "Sabah al Ahmad" for Sabah Al-Ahmad Al-Jaber Al-Sabah
                for k in range(3, len(toks)):
                    if toks[k - 1] not in NAME_PARTICLES:
                        self._add(" ".join(toks[:k]), Entry("person", p.id))
                toks = normalise(n).split()
                if len(toks) == 1:
                    self.surnames.setdefault(toks[0], []).append(p.id)
            for key in _surname_keys(p):
                self.surnames.setdefault(key, []).append(p.id)
        for bucket in self.phrases.values():
            bucket.sort(key=lambda e: _PRIORITY[e.etype])
        self.surnames = {k: list(dict.fromkeys(v)) for k, v in self.surnames.items()}

    # ---------- public ----------
    def article(self, on: dt.date | None = None) -> ArticleContext:
        """A resolver for one article: remembers people mentioned so far."""
        return ArticleContext(self, on)

    def resolve(self, text: str, on: dt.date | None = None, label: str | None = None) -> Actor | None:
        """The actor `text` names on date `on`, or None when it names none."""
        return self._resolve(text, on, label, None)

    def resolve_many(self, texts: Iterable[str], on: dt.date | None = None) -> list[Actor | None]:
        return [self.resolve(t, on) for t in texts]

    # ---------- core ----------
    def _resolve(self, text: str, on: dt.date | None, label: str | None,
                 memory: dict[str, Actor] | None) -> Actor | None:
        r = self.kb.roles
        toks = tokens(text)
        if len(toks) > 1 and toks[0][0] in ARTICLES:  # "The Hague", "the States": the article is in the name
            entries = self._usable(self.phrases.get(" ".join(n for n, _ in toks), ()), [o for _, o in toks[1:]])
            if entries:
                actor = self._from_entry(entries[0], text, on, label, whole=True)
                if actor is not None:
                    return actor
        while toks and toks[0][0] in ARTICLES:
            toks = toks[1:]
        if toks and toks[0][0] in r.determiners:  # "All Progressives Congress" before "all" is dropped
            entries = self._usable(self.phrases.get(" ".join(n for n, _ in toks), ()), [o for _, o in toks])
            if entries and toks[0][1][:1].isupper():
                actor = self._from_entry(entries[0], text, on, label, whole=True)
                if actor is not None:
                    return actor
        while toks and toks[0][0] in r.determiners:
            toks = toks[1:]
        if not toks:
            return None
        if len(toks) == 1 and toks[0][0] in r.pronouns and any(c.islower() for c in toks[0][1]):
            return None
        if memory:
            hit = self._from_memory(toks, memory)
            if hit:
                return replace(hit, text=text)
        key = " ".join(n for n, _ in toks)
        entries = self._usable(self.phrases.get(key, ()), [o for _, o in toks])
        if entries:
            if entries[0].etype == "person" and len(entries) > 1:  # "King Abdullah" in 2010 and in 2023
                p = self._pick_person(entries, None, on)
                return self.person_actor(p, text, on)
            actor = self._from_entry(entries[0], text, on, label, whole=True)
            if actor is not None:
                return actor
        segs = self._scan(toks)
        return self._decide(text, segs, on, label, memory)

    def _usable(self, entries: Iterable[Entry], orig: list[str]) -> list[Entry]:
        if not entries:
            return []
        upper = all(not any(c.islower() for c in o) for o in orig)
        capital = orig[0][:1].isupper()
        return [e for e in entries if (not e.acronym or upper) and (not e.cased or capital)]

    def _scan(self, toks: list[tuple[str, str]]) -> list[Seg]:
        r = self.kb.roles
        segs: list[Seg] = []
        i, n = 0, len(toks)
        while i < n:
            for size in range(min(MAX_PHRASE, n - i), 0, -1):
                key = toks[i][0] if size == 1 else " ".join(t for t, _ in toks[i:i + size])
                if key not in self._known:
                    continue  # no phrase, title, modifier, sector or small word of the KB
                orig = [o for _, o in toks[i:i + size]]
                seg = None
                entries = self._usable(self.phrases.get(key, ()), orig)
                if entries:
                    seg = Seg("entry", key, orig, tuple(entries))
                elif key in r.titles:
                    seg = Seg("title", key, orig)
                elif key in r.modifiers:
                    seg = Seg("mod", key, orig)
                elif key in r.sectors:
                    seg = Seg("sector", key, orig)
                elif key in r.honorifics:
                    seg = Seg("honor", key, orig)
                elif size == 1 and (key in r.connectors or key in r.determiners):
                    seg = Seg("conn", key, orig)
                if seg:
                    segs.append(seg)
                    i += size
                    break
            else:
                segs.append(Seg("word", toks[i][0], [toks[i][1]]))
                i += 1
        return segs

    # ---------- building actors ----------
    def _from_entry(self, e: Entry, text: str, on: dt.date | None, label: str | None, whole: bool) -> Actor | None:
        kb = self.kb
        if e.etype == "person":
            return self.person_actor(kb.people[e.ref], text, on)
        if e.etype == "org":
            return self.org_actor(kb.orgs[e.ref], text, on)
        state = kb.states[e.ref]
        if e.etype == "state":
            return Actor(text=text, name=state.name, kind="state", country=state.iso3, cameo_code=state.cameo,
                         kb_id=state.iso3)
        if e.etype in ("capital", "seat"):
            return self.state_actor(state.iso3, text, e.sector or "GOV", metonym=True)
        return None  # a bare non-capital city is a place, not an actor

    def state_actor(self, iso3: str, text: str, sector: str | None, metonym: bool = False,
                    name: str | None = None, kind: str = "state") -> Actor:
        st = self.kb.states[iso3]
        return Actor(text=text, name=name or st.name, kind=kind, country=iso3, sector=sector,
                     cameo_code=cameo_code(st.cameo, sector), kb_id=iso3 if metonym or kind == "state" else None)

    def org_actor(self, org: Org, text: str, on: dt.date | None) -> Actor:
        sector = org.sector
        cameo = org.cameo
        if org.governs_from and on and on >= org.governs_from and org.country:
            sector, cameo = "GOV", cameo_code(self.kb.states[org.country].cameo, "GOV")
        return Actor(text=text, name=org.name, kind=org.kind, country=org.country, sector=sector,
                     org_code=org.org_code, cameo_code=cameo, kb_id=org.id)

    def person_actor(self, p: Person, text: str, on: dt.date | None, prefer: list[str] | None = None,
                     former: bool = False) -> Actor:
        office = None if former else _office_on(p, on, prefer)
        kb = self.kb
        if office is not None:
            org = kb.orgs.get(office.org) if office.org else None
            country = org.country if org else office.country
            org_code = org.org_code if org else None
            base = kb.states[country].cameo if country in kb.states else None
            sector = office.sector
            if p.sector == "OPP" and office.kind == "legislative":  # an opposition leader who chairs parliament
                sector = "OPP"
            return Actor(text=text, name=p.name, kind="person", country=country, sector=sector, org_code=org_code,
                         cameo_code=org.cameo if org and org.org_code else cameo_code(base, sector),
                         role=office.role, kb_id=p.id)
        held_before = on is not None and any(o.start and o.start <= on for o in p.offices)
        sector = p.sector or ("ELI" if (held_before or (former and p.offices)) else None)
        base = kb.states[p.country].cameo if p.country in kb.states else None
        return Actor(text=text, name=p.name, kind="person", country=p.country, sector=sector,
                     cameo_code=cameo_code(base, sector), role=p.title if not p.offices else None, kb_id=p.id)

    # ---------- rules ----------
    def _decide(self, text: str, segs: list[Seg], on: dt.date | None, label: str | None,
                memory: dict[str, Actor] | None) -> Actor | None:
        kb, r = self.kb, self.kb.roles
        last = segs[-1]
        if (len(segs) >= 3 and last.kind == "entry" and len(last.orig) == 1 and last.orig[0][:1].isupper()
                and last.entries[0].etype in _PLACE_ETYPES):
            run = _trailing_name(segs[:-1])
            cue = segs[-2 - len(run)] if run and len(segs) > len(run) + 1 else None
            if cue is not None and (cue.kind in ("title", "honor") or (cue.kind == "sector" and cue.key in r.person)):
                segs = segs[:-1] + [Seg("word", last.key, last.orig)]  # "spokesman Roy Vincent Trinidad": a surname
        people = [s for s in segs if s.kind == "entry" and s.entries[0].etype == "person"]
        orgs = [s for s in segs if s.kind == "entry" and any(e.etype == "org" for e in s.entries)]
        places = [s for s in segs if s.kind == "entry" and s.entries[0].etype in _PLACE_ETYPES]
        titles = [s for s in segs if s.kind == "title"]
        nouns = [s for s in segs if s.kind in ("sector", "title") and s.key in r.sectors]
        mod_country = None
        for s in list(people):  # "Putin's spokesman", "the Obama administration": the person owns the head
            i = segs.index(s)
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            possessive = s.orig[-1].endswith(("'s", "\u2019s", "s'"))
            if ((possessive and (any(segs.index(n) > i for n in nouns + titles) or any(segs.index(o) > i for o in orgs)))
                    or (nxt is not None and nxt.kind in ("sector", "title") and _follows(nxt.key, r))):
                people.remove(s)
                mod_country = kb.people[s.entries[0].ref].country
        for i, s in enumerate(segs):  # the same with a surname the KB knows: "Netanyahu's office", "Assad regime"
            if s.kind != "word" or mod_country is not None or not s.orig[0][:1].isupper():
                continue
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            possessive = s.orig[-1].endswith(("'s", "\u2019s"))
            if ((possessive and any(segs.index(n) > i for n in nouns + titles))
                    or (nxt is not None and nxt.kind in ("sector", "title") and _follows(nxt.key, r))):
                known = self._known_surname(s.key, on, None)
                if known is not None:
                    mod_country = known.country
        for i, s in enumerate(segs):  # names that only qualify the head noun give at most a country
            if s.kind != "entry" or s.entries[0].etype not in ("org", "person") or not (nouns or titles):
                continue
            prev = segs[i - 1] if i else None
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            later = any(segs.index(n) > i for n in nouns + titles)
            earlier = any(segs.index(n) < i for n in nouns + titles)
            pro = prev is not None and prev.kind == "word" and prev.key in ("pro", "anti")
            qualifies = later and (pro or (nxt is not None and nxt.kind == "conn" and nxt.key in QUALIFYING))
            destination = earlier and prev is not None and prev.kind == "conn" and prev.key in DESTINATION
            if qualifies or destination:
                if s in orgs:
                    orgs.remove(s)
                elif s in people:
                    people.remove(s)
                if qualifies and not (prev is not None and prev.key == "anti"):
                    e = s.entries[0]
                    mod_country = mod_country or (kb.orgs[e.ref].country if e.etype == "org" else
                                                  kb.people[e.ref].country)
        if nouns:  # "Brussels police": a name that is both an organisation and a place is the place here
            for s in [s for s in orgs if any(e.etype in ("capital", "city") for e in s.entries)]:
                orgs.remove(s)
                places.append(Seg("entry", s.key, s.orig, tuple(e for e in s.entries if e.etype != "org")))
        mods = {r.modifiers[s.key] for s in segs if s.kind == "mod"}
        former = "former" in mods
        name_run = _trailing_name(segs)
        if name_run and not _has_name_letters(name_run):  # "Gen Z" is no general called Z
            name_run = []
        qualifiers = [s for i, s in enumerate(segs[:-1]) if s in places and segs[i + 1].kind == "conn"
                      and segs[i + 1].key in QUALIFYING]
        owners = [s for s in places if s not in qualifiers] or places  # "Turkish-backed Syrian rebels": Syrian
        owner_state = _owner_state(owners, bool(nouns or titles or name_run))
        if owner_state is None and (nouns or titles) and not people:
            owner_state = mod_country or self._place_before(segs, nouns or titles)
        if owner_state is None and not orgs and not people:  # "the Pope": a title that names its state
            ts = next((r.title_states[s.key] for s in segs if s.key in r.title_states), None)
            if ts and all(s.kind in ("honor", "title", "mod", "conn") for s in segs) and ts in kb.states:
                if not former:
                    rows = kb.holders("head_of_state", ts, on)
                    if rows:
                        return self.person_actor(rows[0][1], text, on, prefer=["head_of_state"])
                return None
        owner_org = next((e.ref for s in orgs for e in s.entries if e.etype == "org"), None)
        for s in places:  # "Pakistan's Foreign Office": another state's seat is only a role noun here
            if owner_state and s.entries[0].etype == "seat" and all(e.ref != owner_state for e in s.entries):
                nouns.append(Seg("sector", s.key if s.key in r.sectors else "government", s.orig))
        title_kinds = [k for s in titles for k in r.titles[s.key]]

        if people:  # several people share a name ("King Abdullah"): the mention's state, then the date
            p = self._pick_person(people[-1].entries, owner_state, on)
            return self.person_actor(p, text, on, prefer=title_kinds, former=former)

        if name_run and len(name_run) == len(segs):
            known = self._known_surname(" ".join(o for s in name_run for o in s.orig), on, None)
            if known is not None:
                return self.person_actor(known, text, on, former=former)
        has_person_cue = bool(titles) or any(s.kind == "honor" for s in segs) or any(s.key in r.person for s in nouns)
        if name_run and (has_person_cue or label == "PERSON" or (len(segs) == len(name_run) and label is None
                                                                  and len(name_run) > 1)):
            name = " ".join(o for s in name_run for o in s.orig)
            known = self._known_surname(name, on, owner_state)
            if known is not None:
                return self.person_actor(known, text, on, prefer=title_kinds, former=former)
            if memory:
                hit = memory.get(normalise(name))
                if hit:
                    return replace(hit, text=text)
            sector = (_sector(nouns, r) or ("GOV" if titles else None)
                      or next((r.honorific_sectors[s.key] for s in segs if s.key in r.honorific_sectors), None))
            org = kb.orgs.get(owner_org) if owner_org else None
            if org and org.sector and all(s.key in r.weak for s in nouns):  # "Hamas official X": Hamas's sector
                sector = org.sector
            if org and not org.org_code:
                owner_state = owner_state or org.country
            country = owner_state or (org.country if org else None)
            if country is None and not org:  # "Sen. Lindsey Graham": a title used by one state's press
                country = next((r.title_countries[s.key] for s in segs if s.key in r.title_countries), None)
            base = org.cameo if org and org.org_code else (kb.states[country].cameo if country in kb.states else None)
            if former and sector:
                sector = "ELI"
            return Actor(text=text, name=name, kind="person", country=country, sector=sector,
                         org_code=org.org_code if org else None,
                         cameo_code=base if org and org.org_code else cameo_code(base, sector))

        blocked = bool(mods & {"deputy", "future"}) or any(s.key.endswith("s") and s.key in r.sectors
                                                         and s.key not in r.person for s in titles)
        for t in titles:  # "rebel leader", "farmers union leader": not the state's leader
            i = segs.index(t)
            if i and segs[i - 1].kind == "sector" and r.sectors.get(segs[i - 1].key) not in STATE_SECTORS:
                blocked = True
        if titles and not blocked:
            actor = self._office_holder(text, title_kinds, owner_state, owner_org, on, former)
            if actor is not None:
                return actor
        head = nouns[-1].key if nouns else None
        first = next((i for i, s in enumerate(segs) if nouns and s is nouns[0]), None)
        head_first = first is not None and any(s.kind == "conn" and s.key in ("for", "of") for s in segs[first + 1:])
        if head_first:
            head = nouns[0].key  # "spokeswoman for the Brussels police": the spokeswoman
        if orgs:
            return self._org_with_noun(kb.orgs[owner_org], orgs[0], segs, text, on)  # type: ignore[index]
        tail = [s for s in segs if s.kind in ("sector", "title")]
        if not head_first and tail and _is_person(tail[-1].key, r):
            head = tail[-1].key  # "police chief", "army chief": one person
        sector = _sector(nouns, r, head_first)
        if sector and head in LED_MILITARY and any(s.kind == "conn" and s.key == "led" for s in segs):
            sector = "MIL"  # "the Saudi-led coalition", "US-led forces"
        if owner_state:
            where = min((e for s in places for e in s.entries if e.ref == owner_state),
                        key=lambda e: _PLACE_ETYPES.index(e.etype), default=None)
            if sector is None:
                seat = next((e for s in places for e in s.entries if e.ref == owner_state and e.etype == "seat"), None)
                if seat is not None:  # "Britain's Foreign Office"
                    return self.state_actor(owner_state, text, seat.sector or "GOV", metonym=True)
                if where is None or where.etype == "city":
                    return None
                if where.etype in ("capital", "seat"):
                    return self.state_actor(owner_state, text, where.sector or "GOV", metonym=True)
                return self.state_actor(owner_state, text, None)
            if head in r.state_nouns:
                if head == "state" and len(nouns) == 1 and (where is None or where.etype in ("city", "region")):
                    return None  # "Shan State", "Kaduna state": a place, not its government
                if where is not None and where.etype in ("state", "capital", "seat"):
                    return self.state_actor(owner_state, text, sector, metonym=True)
                # "Sindh government", "Texas authorities": a body of a region or city of the state
                return self.state_actor(owner_state, text, sector, name=_clean(text, r), kind="organization")
            kind = _kind(head, sector, r)
            return self.state_actor(owner_state, text, sector, name=_clean(text, r), kind=kind)
        if sector and head and (head not in r.needs_owner or any(s.key not in r.needs_owner for s in nouns)):
            kind = _kind(head, sector, r)
            return Actor(text=text, name=_clean(text, r), kind="organization" if kind == "state" else kind, sector=sector,
                         cameo_code=cameo_code(None, sector))
        if label in ("PERSON", "ORG") and any(o[:1].isupper() for s in segs for o in s.orig):
            return Actor(text=text, name=_clean(text, r), kind="person" if label == "PERSON" else "organization")
        return None

    def _pick_person(self, entries: Iterable[Entry], state: str | None, on: dt.date | None) -> Person:
        cands = [self.kb.people[e.ref] for e in entries if e.etype == "person"]
        return min(cands, key=lambda c: (state is not None and c.country != state,
                                         on is not None and _office_on(c, on, None) is None))

    def _org_with_noun(self, org: Org, seg: Seg, segs: list[Seg], text: str, on: dt.date | None) -> Actor:
        """An organisation, or a role noun after it: "NATO forces" (NATO, MIL), "Hamas
        spokesman" (a person of Hamas), "State Department officials"."""
        actor = self.org_actor(org, text, on)
        r = self.kb.roles
        pos = segs.index(seg)
        if actor.sector in (None, "PTY") and any(s.kind == "sector" and r.sectors.get(s.key) == "OPP"
                                                 for s in segs[:pos]):
            actor = replace(actor, sector="OPP", cameo_code=cameo_code(org.cameo if org.org_code else
                                                                       self.kb.states[org.country].cameo
                                                                       if org.country in self.kb.states else None, "OPP"))
        tail = [s for s in segs[pos + 1:] if s.kind in ("sector", "title")]
        if not tail or any(s.kind == "conn" and s.key in ("of", "for") for s in segs[pos + 1:]):
            return actor
        after = [s for s in tail if s.key in r.sectors]
        head = tail[-1].key
        if head in r.state_nouns and org.country and not org.org_code:  # "Hamas government", "junta government"
            return self.state_actor(org.country, text, r.sectors.get(head, "GOV"), metonym=True)
        sector = actor.sector or (_sector(after, r, False) if after else None)
        if sector != actor.sector:
            actor = replace(actor, sector=sector, cameo_code=cameo_code(org.cameo, sector))
        if _is_person(head, r):
            return replace(actor, kind="person", name=_clean(text, r), kb_id=None)
        return actor

    def _place_before(self, segs: list[Seg], nouns: list[Seg]) -> str | None:
        """Country of an unknown capitalised place name before the first role noun ("Kherson
        police", "a Kharkiv-based group"), from the places gazetteer: a city of 100,000+ or a
        region, when all such places of that name lie in one country."""
        first = segs.index(nouns[0])
        run: list[str] = []
        for s in segs[:first]:  # the first run of capitalised unknown words ("Tigray regional government")
            if s.kind == "word" and s.orig[0][:1].isupper():
                run.append(s.key)
            elif run:
                break
        if not run:
            return None
        key = " ".join(run)
        if all(w in GENERIC_PLACE_WORDS for w in run):
            return None
        if key in self._place_cache:
            return self._place_cache[key]
        country = None
        try:
            if self._gazetteer is None:
                from tacitus.places.gazetteer import Gazetteer
                self._gazetteer = Gazetteer.load()
            from tacitus.places.gazetteer import normalise as place_key
            found = {e.country for e in self._gazetteer.lookup(place_key(key))  # type: ignore[attr-defined]
                     if e.country and e.feature in ("city", "region")
                     and (e.population >= MIN_CITY_POPULATION or (e.curated and e.feature == "region"))}
            country = found.pop() if len(found) == 1 and next(iter(found)) in self.kb.states else None
        except Exception:  # pragma: no cover - no gazetteer: no country from it
            country = None
        self._place_cache[key] = country
        return country

    def _office_holder(self, text: str, kinds: list[str], state: str | None, org: str | None,
                       on: dt.date | None, former: bool) -> Actor | None:
        kb = self.kb
        if former:
            return None
        if org and not state:
            for off, p in kb.org_heads(org, on):
                return self.person_actor(p, text, on, prefer=[off.kind])
            return None
        if not state:
            return None
        for kind in kinds:
            if kind not in STATE_TITLES:
                continue
            if kind == "leader":
                row = kb.leader(state, on)
                rows = [row] if row else []
            else:
                rows = kb.holders(kind, state, on)
            if rows:
                return self.person_actor(rows[0][1], text, on, prefer=[rows[0][0].kind])
        return None

    def _known_surname(self, name: str, on: dt.date | None, state: str | None) -> Person | None:
        ids = self.surnames.get(normalise(name), [])
        people = [self.kb.people[i] for i in ids if state is None or self.kb.people[i].country == state]
        if len(people) > 1 and on is not None:
            active = [p for p in people if _office_on(p, on, None)]
            people = active or people
        if len(people) > 1:
            people.sort(key=lambda p: min((KIND_RANK.get(o.kind, 9) for o in p.offices if on is None or o.holds(on)),
                                          default=99))
        return people[0] if people else None

    def _from_memory(self, toks: list[tuple[str, str]], memory: dict[str, Actor]) -> Actor | None:
        r = self.kb.roles
        words = [n for n, _ in toks if n not in r.honorifics and n not in r.determiners]
        if not words or len(words) > 2 or len(words) != len([1 for n, _ in toks if n not in r.honorifics
                                                              and n not in r.determiners]):
            return None
        if not all(o[:1].isupper() for n, o in toks if n in words):
            return None
        return memory.get(" ".join(words))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "xiv", "xvi"})


def _surname_keys(p: Person) -> list[str]:
    toks = normalise(p.name).split()
    while len(toks) > 2 and toks[-1] in _SUFFIXES:  # "Ferdinand Marcos Jr." -> Marcos
        toks = toks[:-1]
    if len(toks) < 2:
        return []
    if p.country in EAST_ASIAN_ORDER:
        return [toks[0]]
    keys = [toks[-1]]
    keys += [" ".join(toks[i:]) for i in range(1, len(toks) - 1) if toks[i] in NAME_PARTICLES]
    return keys


def _office_on(p: Person, on: dt.date | None, prefer: list[str] | None) -> Office | None:
    if not p.offices:
        return None
    if on is None:
        cands = sorted(p.offices, key=lambda o: (o.end is None, o.start or dt.date.min), reverse=True)
        cands = [o for o in cands if o.end is None] or cands[:1]
    else:
        cands = [o for o in p.offices if o.holds(on)]
    if not cands:
        return None
    pref = prefer or []
    return min(cands, key=lambda o: (o.kind not in pref, KIND_RANK.get(o.kind, 9)))


def _trailing_name(segs: list[Seg]) -> list[Seg]:
    """The run of unknown capitalised words ending the mention (a personal name)."""
    run: list[Seg] = []
    for s in reversed(segs):
        if s.kind == "word" and (s.orig[0][:1].isupper() or (s.key in NAME_PARTICLES and run)):
            run.insert(0, s)
        else:
            break
    while run and run[0].key in NAME_PARTICLES:
        run.pop(0)
    return run


def _owner_state(places: list[Seg], qualified: bool) -> str | None:
    """The state a mention belongs to: the first state name/adjective, else a capital or
    seat, else (only with a role noun or name) a city's country."""
    for etype in _PLACE_ETYPES:
        for s in places:
            for e in s.entries:
                if e.etype == etype and (etype not in ("city", "region") or qualified or len(places) == 1):
                    return e.ref
    return None


def _sector(nouns: list[Seg], r, head_first: bool = False) -> str | None:
    """The sector of the head noun: the last strong noun ("government forces" MIL, "military
    court" JUD), the first when "of"/"for" follows it ("spokesman for the army"); weak nouns
    ("spokesman", "officials") only when nothing stronger is there; OPP whenever present."""
    strong = [r.sectors[s.key] for s in nouns if s.key not in r.weak]
    if strong:
        for dom in DOMINANT_SECTORS:
            if dom in strong:
                return dom
        return strong[0] if head_first else strong[-1]
    if not nouns:
        return None
    mods = [s for s in nouns if s.key in r.weak_modifiers]  # "Christian leaders": REL, not the leaders' GOV
    if mods:
        return r.sectors[mods[0].key]
    return r.sectors[nouns[0].key if head_first else nouns[-1].key]


def _follows(key: str, r) -> bool:
    """Nouns that, right after a person's name, name that person's side ("Trump administration",
    "Assad regime", "Navalny supporters")."""
    return key in r.followers or key in r.state_nouns


def _is_person(head: str | None, r) -> bool:
    return bool(head) and (head in r.person or head.rsplit(" ", 1)[-1] in r.person)  # type: ignore[union-attr]


def _kind(head: str | None, sector: str, r) -> str:
    if _is_person(head, r):
        return "person"
    if head in r.state_nouns:
        return "state"
    if head and (head in r.plural_person or head.rsplit(" ", 1)[-1] in r.plural_person) and sector not in STATE_SECTORS:
        return "group"
    return "group" if sector in GROUP_SECTORS else "organization"


def _clean(text: str, r) -> str:
    words = text.split()
    while words and normalise(words[0]) in r.determiners:
        words = words[1:]
    return " ".join(words) or text


def _has_name_letters(run: list[Seg]) -> bool:
    return sum(c.isalpha() for s in run for o in s.orig for c in o) >= 2


SHARED_ANSWERS = 200_000  # answers kept across articles before the store starts afresh
NOBODY = object()  # a shared answer of no actor


class ArticleContext:
    """Resolver bound to one article and date, remembering the people it has seen so
    that later partial mentions ("Vieira", "Mr Solih", "Wang") map to the earlier one."""

    def __init__(self, resolver: ActorResolver, on: dt.date | None = None) -> None:
        self.resolver = resolver
        self.on = on
        self.memory: dict[str, Actor] = {}
        # An article names the same parties again and again: answers are kept until the
        # memory of people changes (a newly named person can change what a surname means).
        self._answers: dict[tuple, Actor | None] = {}
        self._memory_words: set[str] = set()

    def resolve(self, text: str, label: str | None = None, on: dt.date | None = None) -> Actor | None:
        key = (text, label, on or self.on)
        if key in self._answers:
            return self._answers[key]
        # a mention none of whose words the article's memory of people knows, and that names
        # no person (whose office depends on the date), resolves as in any other article
        words = set(normalise(text).split())
        shared = not self._memory_words & words
        store = self.resolver.shared_answers
        day = on or self.on
        hit = store.get((text, label)) if shared else None
        if isinstance(hit, str):  # a named person: the answer depends on the offices held that day
            hit = store.get((text, label, self._offices(hit, day)))
        if hit is not None:
            actor = None if hit is NOBODY else hit
        else:
            actor = self.resolver._resolve(text, day, label, self.memory)
            if shared and len(store) >= SHARED_ANSWERS:
                store.clear()
            if shared and actor is None and not words & self.resolver.office_words:
                store[(text, label)] = NOBODY  # "attack", "Lahore": no one, any day
            if shared and actor is not None:
                if actor.kind != "person":
                    store[(text, label)] = actor
                if actor.kind == "person" and actor.kb_id in self.resolver.kb.people \
                        and set(normalise(actor.name).split()[-1:]) <= words:
                    store[(text, label)] = actor.kb_id  # named in the text: the same person any day
                    store[(text, label, self._offices(actor.kb_id, day))] = actor
        if actor is not None and actor.kind == "person" and actor.name and actor.name[:1].isupper():
            self.remember(actor)
        self._answers[key] = actor
        return actor

    def _offices(self, person_id: str, on: dt.date | None) -> tuple[int, ...]:
        """Which of the person's offices are held on `on` (all when undated)."""
        offices = self.resolver.kb.people[person_id].offices
        return tuple(i for i, o in enumerate(offices) if on is None or o.holds(on))

    def _personal_name(self, name: str) -> bool:
        """Only names of people are remembered by their parts: not "China's deputy ambassador"
        (else a later "China" would be that person)."""
        r = self.resolver.kb.roles
        for norm, orig in tokens(name):
            if norm in r.sectors or norm in r.titles or orig.endswith(("'s", "\u2019s")):
                return False
        return True

    def remember(self, actor: Actor) -> None:
        toks = normalise(actor.name).split()
        if not toks or not self._personal_name(actor.name):
            return
        before = dict(self.memory) if self._answers else None
        self.memory.setdefault(" ".join(toks), actor)
        self.memory[toks[-1]] = actor
        if len(toks) > 2:
            self.memory[" ".join(toks[-2:])] = actor
        if actor.country in EAST_ASIAN_ORDER or len(toks) == 1:
            self.memory[toks[0]] = actor
        self._memory_words.update(w for k in self.memory for w in k.split())
        if before is not None and before != self.memory:
            # forget only the answers a changed name could alter ("Wang" once "Wang Yi" is named)
            changed = {w for k, v in self.memory.items() if before.get(k) is not v for w in k.split()}
            self._answers = {key: a for key, a in self._answers.items()
                             if not changed & set(normalise(key[0]).split())}
