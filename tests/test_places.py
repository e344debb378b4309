"""Gazetteer and place resolver: project-written cases, one phenomenon per test."""
from __future__ import annotations

import math
import time

import pytest
from click.testing import CliRunner

from tacitus.places import Entry, Gazetteer, PlaceResolver, normalise
from tacitus.places.commands import places


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_normalise_folds_accents_and_punctuation() -> None:
    assert normalise("Kahramanmaraş") == normalise("Kahramanmaras") == "kahramanmaras"
    assert normalise("Al-Fashir") == "al fashir"
    assert normalise("İncirlik") == "incirlik"


@pytest.mark.parametrize("text, name, country", [
    ("Kiev", "Kyiv", "UKR"),
    ("Kyiv", "Kyiv", "UKR"),
    ("Bombay", "Mumbai", "IND"),
    ("Kahramanmaras", "Kahramanmaraş", "TUR"),
    ("Energodar", "Enerhodar", "UKR"),
    ("Al-Fashir", "El Fasher", "SDN"),
    ("Rangoon", "Yangon", "MMR"),
    ("Hodeidah", "Al Ḩudaydah", "YEM"),  # a curated English spelling GeoNames lacks
])
def test_alternate_names_reach_the_city(resolver: PlaceResolver, text: str, name: str, country: str) -> None:
    place = resolver.resolve(text)
    assert place is not None and (place.name, place.country, place.feature) == (name, country, "city")
    assert place.text == text and place.geonameid is not None


@pytest.mark.parametrize("text, context, country", [
    ("Tripoli", (), "LBY"),          # the capital by default
    ("Tripoli", ("LBN",), "LBN"),    # the Lebanese port when the story is Lebanese
    ("Paris", (), "FRA"),
    ("Paris", ("USA",), "USA"),
    ("Georgia", (), "GEO"),          # a country before a US state
    ("Georgia", ("USA",), "USA"),
])
def test_context_countries_disambiguate(resolver: PlaceResolver, text: str, context: tuple[str, ...],
                                        country: str) -> None:
    place = resolver.resolve(text, context)
    assert place is not None and place.country == country


@pytest.mark.parametrize("text, name, feature, lat, lon", [
    ("the Zaporizhzhia nuclear plant", "Zaporizhzhia Nuclear Power Plant", "nuclear_plant", 47.51, 34.58),
    ("Zaporizhzhia Nuclear Power Station", "Zaporizhzhia Nuclear Power Plant", "nuclear_plant", 47.51, 34.58),
    ("the Kursk nuclear power plant", "Kursk Nuclear Power Plant", "nuclear_plant", 51.67, 35.61),
    ("Vostochny Cosmodrome", "Vostochny Cosmodrome", "spaceport", 51.88, 128.33),
    ("Vostochny", "Vostochny Cosmodrome", "spaceport", 51.88, 128.33),
    ("Incirlik Air Base", "Incirlik Air Base", "military_base", 37.0, 35.43),
    ("İncirlik", "Incirlik Air Base", "military_base", 37.0, 35.43),
    ("the Diaoyutai State Guesthouse", "Diaoyutai State Guesthouse", "venue", 39.92, 116.31),
    ("Rafah crossing", "Rafah Crossing", "border_crossing", 31.25, 34.26),
    ("Evin prison", "Evin Prison", "prison", 35.8, 51.39),
    ("the port of Odesa", "Port of Odesa", "port", 46.49, 30.74),
    ("Line of Control", "Line of Control", "line", 34.0, 74.3),
    ("LoC", "Line of Control", "line", 34.0, 74.3),
])
def test_facilities(resolver: PlaceResolver, text: str, name: str, feature: str, lat: float, lon: float) -> None:
    place = resolver.resolve(text)
    assert place is not None and (place.name, place.feature) == (name, feature)
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, lat, lon) < 5


def test_facility_head_falls_back_to_the_bare_town(resolver: PlaceResolver) -> None:
    # no airport of Kursk in the facility file: "Kursk airport" is Kursk, not the nuclear plant
    place = resolver.resolve("Kursk airport")
    assert place is not None and (place.name, place.feature) == ("Kursk", "city")


@pytest.mark.parametrize("text, name, country", [
    ("Kursk", "Kursk", "RUS"),             # city and region share a name: the city
    ("Donetsk", "Donetsk", "UKR"),
    ("Gaza", "Gaza", "PSE"),
    ("northern Gaza", "Gaza", "PSE"),
])
def test_bare_name_shared_with_region_is_the_city(resolver: PlaceResolver, text: str, name: str,
                                                  country: str) -> None:
    place = resolver.resolve(text)
    assert place is not None and (place.name, place.country, place.feature) == (name, country, "city")


@pytest.mark.parametrize("text, country", [
    ("Kursk region", "RUS"),
    ("Primorsky Krai", "RUS"),      # GeoNames "Primorskiy": -iy -> -y
    ("Amur Oblast", "RUS"),
    ("North Darfur", "SDN"),        # GeoNames "Northern Darfur"
    ("Zaporizhzhia region", "UKR"), # region named after its city takes the city's spellings
    ("Xinjiang", "CHN"),            # "Xinjiang Uygur Zizhiqu" without the administrative term
    ("Darfur", "SDN"),
    ("Gaza Strip", "PSE"),
    ("West Bank", "PSE"),
    ("Donbas", "UKR"),
    ("Nagorno-Karabakh", "AZE"),
    ("Crimea", "UKR"),
    ("Khyber Pakhtunkhwa", "PAK"),
    ("Virginia", "USA"),
])
def test_regions(resolver: PlaceResolver, text: str, country: str) -> None:
    place = resolver.resolve(text)
    assert place is not None and place.country == country and place.feature == "region"


@pytest.mark.parametrize("text, iso3", [
    ("Russia's", "RUS"), ("the United States", "USA"), ("U.S.", "USA"), ("DPRK", "PRK"),
    ("Britain", "GBR"), ("Burma", "MMR"), ("Yemen", "YEM"),
])
def test_countries_and_their_aliases(resolver: PlaceResolver, text: str, iso3: str) -> None:
    place = resolver.resolve(text)
    assert place is not None and (place.country, place.feature) == (iso3, "country")
    assert place.lat is not None


def test_country_point_is_near_its_middle(resolver: PlaceResolver) -> None:
    yemen = resolver.resolve("Yemen")
    assert yemen is not None and km(yemen.lat, yemen.lon, 15.5, 47.5) < 400


@pytest.mark.parametrize("text, context", [
    ("base", ()), ("March", ()), ("Monday", ()), ("sale", ()), ("", ()), ("Xyzzyville", ()),
    ("Ouallam", ()),            # a town of 1,000s: only inside a context country
    ("Tsiolkovsky", ()),
])
def test_non_places_and_untrusted_towns(resolver: PlaceResolver, text: str, context: tuple[str, ...]) -> None:
    assert resolver.resolve(text, context) is None


def test_small_town_resolves_inside_its_context_country(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Ouallam", ["NER"])
    assert place is not None and place.country == "NER" and km(place.lat, place.lon, 14.32, 2.09) < 10
    district = resolver.resolve("Oğuzeli district", ["TUR"])
    assert district is not None and district.name == "Oğuzeli"


@pytest.mark.parametrize("text, name, country", [
    ("BEIJING, Jan 20 - China and Brazil signed a package of deals.", "Beijing", "CHN"),
    ("SRINAGAR/ISLAMABAD - Indian and Pakistani troops traded fire.", "Srinagar", "IND"),
    ("ARLINGTON, Virginia, May 4 - The secretary spoke.", "Arlington", "USA"),
    ("ANKARA - Turkey said on Monday.", "Ankara", "TUR"),
    ("KYIV, Ukraine, March 3 (AP) — Russian drones struck.", "Kyiv", "UKR"),
    ("TRIPOLI, Lebanon - Clashes erupted.", "Tripoli", "LBN"),
    ("ST. PETERSBURG, Russia - The forum opened.", "Saint Petersburg", "RUS"),
])
def test_datelines(resolver: PlaceResolver, text: str, name: str, country: str) -> None:
    place = resolver.dateline(text)
    assert place is not None and (place.name, place.country) == (name, country)
    assert text.startswith(place.text)


def test_dateline_qualifier_picks_the_state(resolver: PlaceResolver) -> None:
    place = resolver.dateline("ARLINGTON, Virginia, May 4 - The secretary spoke.")
    assert place is not None and place.admin1 == "Virginia" and km(place.lat, place.lon, 38.88, -77.1) < 20


@pytest.mark.parametrize("text", [
    "The talks began on Monday.", "UNITED NATIONS (AP) - The council met.", "China and Brazil signed.",
])
def test_no_dateline(resolver: PlaceResolver, text: str) -> None:
    assert resolver.dateline(text) is None


def test_find_scans_a_sentence(resolver: PlaceResolver) -> None:
    text = ("In Beijing, Russia's Vladimir Putin met Kim Jong Un near the Zaporizhzhia nuclear plant, "
            "in the Kursk region and at Incirlik Air Base, the Washington Post said.")
    found = {text[a:b]: p for a, b, p in resolver.find(text)}
    assert set(found) == {"Beijing", "Russia", "Zaporizhzhia nuclear plant", "Kursk region", "Incirlik Air Base"}
    assert found["Zaporizhzhia nuclear plant"].feature == "nuclear_plant"
    assert found["Kursk region"].feature == "region"
    assert found["Russia"].country == "RUS"


def test_find_takes_lists_and_names_with_the(resolver: PlaceResolver) -> None:
    text = "Aid crossed at Rafah and Kerem Shalom, officials in New York and The Hague said."
    names = [p.name for _, _, p in resolver.find(text)]
    assert names == ["Rafaḩ", "Kerem Shalom Crossing", "New York City", "The Hague"]


@pytest.mark.parametrize("text", [
    "Split decisions are rare.",                      # sentence-initial word, not the Croatian city
    "Foreign Minister Wang Yi hosted Mauro Vieira.",  # person names
    "The Washington Post and the Paris Agreement.",   # places inside other names
    "Itamaraty said so.",                              # an old alternate name of a small town
])
def test_find_ignores_words_and_names_that_are_not_places(resolver: PlaceResolver, text: str) -> None:
    assert resolver.find(text) == []


def test_country_of(resolver: PlaceResolver) -> None:
    assert resolver.country_of("Vladivostok") == "RUS"
    assert resolver.country_of("Line of Control") is None
    assert resolver.country_of("not a place") is None


def test_small_injected_gazetteer() -> None:
    gaz = Gazetteer.from_entries([
        (Entry("Alpha", "AAA", None, 1.0, 2.0, 1, "city", 50_000), ["Alfa"]),
        (Entry("Alpha", "BBB", None, 3.0, 4.0, 2, "city", 20_000), []),
        (Entry("Alpha Dam", "BBB", None, 3.1, 4.1, None, "landmark", curated=True), []),
    ])
    resolver = PlaceResolver(gaz)
    assert resolver.resolve("Alpha").geonameid == 1
    assert resolver.resolve("Alpha", ["BBB"]).geonameid == 2
    assert resolver.resolve("Alfa").geonameid == 1
    assert resolver.resolve("the Alpha dam").name == "Alpha Dam"


def test_gazetteer_size(gazetteer: Gazetteer) -> None:
    # speed is measured by `make bench`, not asserted here
    assert len(gazetteer) > 150_000
    curated = [e for e in gazetteer.entries if e.is_facility]
    assert len(curated) >= 150


def test_cached_gazetteer_reloads_the_same(gazetteer: Gazetteer) -> None:
    from tacitus.places import gazetteer as module

    module._load.cache_clear()
    again = Gazetteer.load()
    assert len(again) == len(gazetteer)


def test_cli_resolve_json_and_table() -> None:
    runner = CliRunner()
    result = runner.invoke(places, ["resolve", "Kiev"])
    assert result.exit_code == 0 and '"name": "Kyiv"' in result.output and '"country": "UKR"' in result.output
    result = runner.invoke(places, ["resolve", "Tripoli", "--country", "LBN", "--format", "table"])
    assert result.exit_code == 0 and "LBN" in result.output and "Tripoli" in result.output
    result = runner.invoke(places, ["resolve", "sale", "--format", "table"])
    assert result.exit_code == 1 and "not resolved" in result.output
