"""Toponym resolution: words in an article -> a gazetteer `Place`.

`PlaceResolver.resolve` takes a toponym found by NER or the event coder; `find` scans a
sentence for gazetteer names without NER (facility names spaCy misses); `dateline`
reads the "CITY, Month D -" opening of wire copy. All three are dictionary lookups
plus a small ranking over the candidates of one key, never a scan of the gazetteer.

Ranking, best first: what the words ask for ("the X nuclear plant" -> a facility,
"X region" -> a region); places in the context countries (the event's actors, the
article's other places); countries, then curated places (facilities, named regions),
then capitals, regions and cities by population; the primary name over an alternate
name. Towns below `min_population` are only taken inside a context country, so a
common word that names a hamlet somewhere does not become a place.
"""
from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence

from tacitus.places.gazetteer import (
    FACILITY_FEATURES,
    FACILITY_HEADS,
    LEADING_HEADS,
    REGION_HEADS,
    Entry,
    Gazetteer,
    normalise,
    split_head,
)
from tacitus.records import Place

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_NOT_PLACES = frozenset({
    *_MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# Capitalised at the start of a sentence these are words, not the towns of that name.
_SENTENCE_WORDS = frozenset({
    "split", "nice", "reading", "mobile", "bath", "bar", "van", "sale", "along", "of", "will", "hope",
    "union", "independence", "liberty", "victoria", "president", "commerce", "industry", "justice",
    "university", "police", "state", "security", "orange", "temple", "mission", "paradise", "surprise",
    "deal", "cross", "well", "goes", "best", "early", "ever", "both", "more", "last", "says", "said",
    "this", "that", "these", "those", "they", "there", "then", "while", "after", "before", "also",
})
_COMPASS = ("northern ", "southern ", "eastern ", "western ", "central ", "north eastern ",
            "north western ", "south eastern ", "south western ", "northeastern ", "northwestern ",
            "southeastern ", "southwestern ", "northeast ", "northwest ", "southeast ", "southwest ",
            "occupied ", "greater ", "downtown ", "eastern part of ", "outskirts of ")
_CONNECTORS = frozenset({"of", "de", "al", "el", "la", "le", "du", "des", "del", "da", "do", "dos", "das",
                         "the", "and", "on", "upon", "am", "an", "der", "von", "bin", "ibn", "y", "e", "i"})
_LABEL_FEATURES = {
    "FAC": FACILITY_FEATURES,
    "LOC": frozenset({"region", "sea", "line", "landmark"}),
    "GPE": frozenset({"country", "region", "city"}),
}
_TOKEN = re.compile(r"\w+(?:[-'’.&](?!s\b)\w+)*")  # "Brazil's" -> "Brazil", "s"
# Words that start sentences and clauses; a capitalised run never starts with one
# ("In Beijing", "After Kyiv"), except "The" in names such as "The Hague".
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "in", "on", "at", "from", "to", "for", "by", "with", "as", "after", "before", "when",
    "while", "but", "and", "or", "if", "since", "during", "near", "outside", "inside", "across", "into",
    "over", "under", "between", "against", "about", "through", "until", "his", "her", "its", "their",
    "our", "my", "your", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you",
    "there", "here", "then", "now", "yet", "so", "not", "no", "all", "both", "some", "many", "most",
    "meanwhile", "however", "also", "last", "next", "earlier", "later", "via", "without", "within",
})
_ABBREVIATIONS = frozenset({"St", "Mt", "Ft", "Ste"})
_UPPER = "A-ZÀ-ÖØ-Þ"
_CITY = rf"[{_UPPER}][{_UPPER}'’.\-]*(?:[ ][{_UPPER}][{_UPPER}'’.\-]*)*"
# "Vladivostok on Sunday": weekday and month names never continue a place name.
_CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                   "february", "march", "april", "june", "july", "august", "september", "october",
                   "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                   "oct", "nov", "dec"}
_DATELINE = re.compile(
    rf"""^\s*(?P<cities>{_CITY}(?:\s*/\s*{_CITY})*)
    (?:,\s*(?P<qual>[A-Z][\w.'’\-]*(?:\ [A-Z][\w.'’\-]*){{0,3}}))?
    (?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{{1,2}}))?
    \s*(?:\([^)\n]{{1,40}}\)\s*)?[-–—:]""",
    re.VERBOSE,
)


class PlaceResolver:
    """Resolves toponyms against a `Gazetteer` (passed in, so tests can hand in a small one)."""

    def __init__(self, gazetteer: Gazetteer, min_population: int = 15_000) -> None:
        self.gazetteer = gazetteer
        self.min_population = min_population
        self._countries: tuple[dict[str, Entry], dict[str, Entry]] | None = None

    # --- public API -----------------------------------------------------------------------

    def resolve(self, text: str, context_countries: Sequence[str] = (), label: str | None = None) -> Place | None:
        """The best place for `text`, or None when it names no place worth trusting."""
        raw = text.strip()
        if not any(ch.isupper() for ch in raw):  # toponyms are capitalised; "base" or "sale" are not
            return None
        entry = self._best(raw, frozenset(c.upper() for c in context_countries), label)
        return _place(text, entry) if entry else None

    def find(self, text: str, context_countries: Sequence[str] = ()) -> list[tuple[int, int, Place]]:
        """(start, end, place) for each gazetteer name in `text`, longest match first.

        Scans runs of capitalised tokens; a run is taken only when place names cover all
        of it, so "Washington Post" or "Vladimir Putin" yield nothing. A lower-case head
        after a name ("Zaporizhzhia nuclear plant", "Kursk region") is taken with it.
        """
        ctx = frozenset(c.upper() for c in context_countries)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        found: list[tuple[int, int, Place]] = []
        i = 0
        while i < len(tokens):
            run_end = self._run_end(text, tokens, i)
            if run_end == i:
                i += 1
                continue
            matches = self._cover(text, tokens, i, run_end, ctx)
            if matches:
                found.extend(matches)
            i = run_end
        return found

    def dateline(self, text: str) -> Place | None:
        """The place of a wire dateline ("BEIJING, Jan 20 -", "SRINAGAR/ISLAMABAD -",
        "ARLINGTON, Virginia, May 4 -", "ANKARA (Reuters) -"); the first city when several."""
        m = _DATELINE.match(text)
        if not m:
            return None
        city = re.split(r"\s*/\s*", m.group("cities"))[0].strip()
        if len(city.replace(" ", "")) < 3:
            return None
        qual = m.group("qual")
        within = self._best(qual, frozenset(), "GPE") if qual else None
        key = normalise(city)
        cands = [e for e in self.gazetteer.lookup(key) if e.feature in ("city", "region", "country")]
        if within is not None:
            inside = [e for e in cands if e.country == within.country
                      and (within.feature != "region" or e.admin1 == within.name)]
            cands = inside or cands
        ctx = frozenset({within.country}) if within is not None and within.country else frozenset()
        entry = self._rank(cands, key, ctx, frozenset({"city"}), min_population=0)
        start = m.start("cities") + m.group("cities").find(city)
        return _place(text[start:start + len(city)], entry) if entry else None

    def capital(self, country: str) -> Place | None:
        """The capital city of a country (ISO3), for "the capital" in an article about it."""
        entry = self._by_country()[0].get(country)
        return _place("the capital", entry) if entry else None

    def country(self, country: str) -> Place | None:
        """The country (ISO3) itself as a place."""
        entry = self._by_country()[1].get(country)
        return _place(entry.name, entry) if entry else None

    def _by_country(self) -> tuple[dict[str, Entry], dict[str, Entry]]:
        if self._countries is None:
            capitals: dict[str, Entry] = {}
            states: dict[str, Entry] = {}
            for e in self.gazetteer.entries:
                if e.feature == "country" and e.country:
                    states.setdefault(e.country, e)
                elif e.capital and e.country and e.population > getattr(capitals.get(e.country), "population", -1):
                    capitals[e.country] = e
            self._countries = (capitals, states)
        return self._countries

    def country_of(self, name: str, context_countries: Sequence[str] = ()) -> str | None:
        """ISO3 of the country `name` lies in (or is), when it resolves."""
        place = self.resolve(name, context_countries)
        return place.country if place else None

    # --- resolution -----------------------------------------------------------------------

    def _best(self, raw: str, ctx: frozenset[str], label: str | None) -> Entry | None:
        cleaned = _clean(raw)
        if not cleaned:
            return None
        acronym = self.gazetteer.lookup_acronym(raw.strip().strip("\"“”()")) or self.gazetteer.lookup_acronym(cleaned)
        if acronym:
            return self._rank(acronym, "", ctx, _LABEL_FEATURES.get(label or "", frozenset()))
        key = normalise(cleaned)
        if not key or key in _NOT_PLACES:
            return None
        return self._by_key(key, ctx, _LABEL_FEATURES.get(label or "", frozenset()))

    def _by_key(self, key: str, ctx: frozenset[str], prefer: Collection[str], depth: int = 0) -> Entry | None:
        gaz = self.gazetteer
        best = self._rank(gaz.lookup(key), key, ctx, prefer)
        if best is not None:
            return best
        for lead, kinds in LEADING_HEADS.items():  # "port of Odesa", "the city of Kherson"
            if key.startswith(lead + " "):
                rest = key[len(lead) + 1:]
                return self._rank(gaz.lookup_stem(rest), rest, ctx, kinds) or self._by_key(rest, ctx, kinds)
        stem, head = split_head(key)
        if head and stem:
            if head in FACILITY_HEADS:  # "the Kursk nuclear power station": that kind first, then bare X
                kinds = FACILITY_HEADS[head]
                facility = self._rank([e for e in gaz.lookup_stem(stem) + gaz.lookup(stem) if e.feature in kinds],
                                      stem, ctx, kinds)
                if facility is not None:
                    return facility
                return self._rank(gaz.lookup(stem), stem, ctx, frozenset({"city"}))
            kinds = frozenset({"region"}) if head in REGION_HEADS else frozenset({"city"})
            return self._rank(gaz.lookup(stem), stem, ctx, kinds)
        for word in _COMPASS:  # "northern Gaza", "central Kyiv"
            if key.startswith(word) and depth < 2:
                return self._by_key(key[len(word):], ctx, prefer, depth + 1)
        return None

    def _rank(self, cands: Sequence[Entry], key: str, ctx: frozenset[str], prefer: Collection[str],
              min_population: int | None = None) -> Entry | None:
        floor = self.min_population if min_population is None else min_population
        best, best_score = None, -math.inf
        for e in cands:
            if e.feature == "city" and e.population < floor and e.country not in ctx:
                continue
            score = _score(e, key, ctx, prefer)
            if e.feature == "region" and "region" not in prefer and _eponymous_city(e, cands, floor):
                score -= 2  # "Kursk" is the city unless the words say "region"
            if score > best_score:
                best, best_score = e, score
        if best is not None and key and normalise(best.name) != key:
            # a town under an alternate name never beats a country or a curated place under its
            # own name: "Armenia" is the country, not a town in Ohio once called Armenia
            own = [e for e in cands if normalise(e.name) == key and (e.feature == "country" or e.curated)]
            if own:
                return max(own, key=lambda e: _score(e, key, ctx, prefer))
        return best

    # --- find() helpers -------------------------------------------------------------------

    @staticmethod
    def _run_end(text: str, tokens: list[tuple[int, int]], i: int) -> int:
        """End (exclusive token index) of the capitalised run starting at token i, or i."""
        if not _capitalised(text[tokens[i][0]:tokens[i][1]]):
            return i
        j = i + 1
        while j < len(tokens) and not _gap_breaks(text[tokens[j - 1][1]:tokens[j][0]],
                                                  text[tokens[j - 1][0]:tokens[j - 1][1]]):
            word = text[tokens[j][0]:tokens[j][1]]
            following = text[tokens[j + 1][0]:tokens[j + 1][1]] if j + 1 < len(tokens) else ""
            if _capitalised(word) and word.lower() not in _CALENDAR_WORDS or (
                    word.lower() in _CONNECTORS and _capitalised(following)
                    and following.lower() not in _CALENDAR_WORDS):
                j += 1
            else:
                break
        return j

    def _cover(self, text: str, tokens: list[tuple[int, int]], i: int, end: int,
               ctx: frozenset[str]) -> list[tuple[int, int, Place]]:
        """Places covering tokens i..end-1 entirely (longest first), else []."""
        out: list[tuple[int, int, Place]] = []
        joined = False
        at_sentence_start = i == 0 or text[:tokens[i][0]].rstrip()[-1:] in ".!?\"“:"
        while i < end:
            for j in range(min(end, i + 8), i, -1):
                start, stop = tokens[i][0], tokens[j - 1][1]
                if j == end and text[stop:stop + 1] == "." and self.gazetteer.acronyms.get(text[start:stop + 1]):
                    stop += 1  # "U.S."
                span = text[start:stop]
                word = normalise(span)
                if j - i == 1 and (word in _NOT_PLACES or (at_sentence_start and word in _SENTENCE_WORDS)):
                    continue
                if not (self.gazetteer.index.get(word) or self.gazetteer.acronyms.get(span)):
                    continue
                entry = self._best(span, ctx, None)
                if entry is None or (j - i == 1 and _weak(entry, word, ctx)):
                    continue
                if j == end:  # a lower-case head after the run: "Kursk region", "Natanz nuclear site"
                    stop, entry = self._extend(text, tokens, j, start, stop, entry, ctx)
                out.append((start, stop, _place(text[start:stop], entry)))
                i = j
                break
            else:
                word = normalise(text[tokens[i][0]:tokens[i][1]])
                if (out and word in _CONNECTORS) or (not out and word in _FUNCTION_WORDS):
                    i += 1  # "In Beijing", "Rafah and Kerem Shalom": skip the small word
                    joined = False
                    continue
                return []
            if joined and len(out) > 1:
                return []  # two names back to back ("Far East") are one name we do not know
            joined = True
            at_sentence_start = False
        return out

    def _extend(self, text: str, tokens: list[tuple[int, int]], j: int, start: int, stop: int,
                entry: Entry, ctx: frozenset[str]) -> tuple[int, Entry]:
        for n in range(min(4, len(tokens) - j), 0, -1):
            if _gap_breaks(text[stop:tokens[j][0]]):
                break
            head_end = tokens[j + n - 1][1]
            head = normalise(text[tokens[j][0]:head_end])
            if head in FACILITY_HEADS or head in REGION_HEADS:
                longer = self._best(text[start:head_end], ctx, None)
                if longer is not None:
                    return head_end, longer
        return stop, entry


def _score(e: Entry, key: str, ctx: frozenset[str], prefer: Collection[str]) -> float:
    score = 50.0 if e.country in ctx else 0.0
    if e.feature in prefer:
        score += 20.0
    exact = bool(key) and normalise(e.name) == key
    if e.feature == "country":
        score += 12.0
    elif e.curated:
        score += 7.0
    elif e.feature == "region":  # a region weighs as its people, less one order
        score += math.log10(e.population + 1) - 1.0
    else:  # a capital counts as one under its own name, not under an old one ("Victoria")
        score += math.log10(e.population + 1) + (1.0 if e.capital and exact else 0.0)
    return score + (1.0 if exact else 0.0)


def _weak(e: Entry, word: str, ctx: frozenset[str]) -> bool:
    """A one-word town under another name, outside the context: too weak to take without NER
    (a ministry nicknamed after its palace before it is an old name of a small town)."""
    return (e.feature == "city" and e.population < 100_000 and e.country not in ctx
            and normalise(e.name) != word)


def _eponymous_city(region: Entry, cands: Sequence[Entry], floor: int) -> bool:
    return any(c.feature == "city" and c.country == region.country and c.admin1 == region.name
               and c.population >= floor for c in cands)


def _clean(raw: str) -> str:
    text = raw.strip().strip(".,;:!?\"“”()[]")
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    return text.strip()


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) <= 3)


def _gap_breaks(gap: str, before: str = "") -> bool:
    """Whether the characters between two tokens end a name (punctuation other than a space,
    save the dot of "St. Petersburg")."""
    return gap.strip() != "" and not (gap.strip() == "." and before in _ABBREVIATIONS)


def _place(text: str, e: Entry) -> Place:
    return Place(text=text, name=e.name, country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon,
                 geonameid=e.geonameid, feature=e.feature)


def dateline_end(text: str) -> int:
    """Length of a wire dateline prefix ("BEIJING, Jan 20 -"), 0 when there is none.
    The parse blanks it out so that it is not read as part of the first sentence."""
    m = _DATELINE.match(text)
    return m.end() if m else 0
