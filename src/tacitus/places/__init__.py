"""Places: the gazetteer and the toponym resolver (the pipeline's "place" stage needs these).

    gazetteer = Gazetteer.load()          # built once, then cached (see gazetteer.py)
    resolver = PlaceResolver(gazetteer)
    resolver.resolve("Kiev")              # Place(name="Kyiv", country="UKR", ...)
"""
from tacitus.places.gazetteer import FACILITY_FEATURES, Entry, Gazetteer, normalise
from tacitus.places.resolve import PlaceResolver

__all__ = ["FACILITY_FEATURES", "Entry", "Gazetteer", "PlaceResolver", "normalise"]
