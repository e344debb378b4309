"""`tacitus places ...`: look places up from the shell (a thin shell over `PlaceResolver`)."""
from __future__ import annotations

import json

import click

from tacitus.places.gazetteer import Gazetteer
from tacitus.places.resolve import PlaceResolver
from tacitus.records import Place, to_json

_FIELDS = ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "feature")


@click.group()
def places() -> None:
    """Gazetteer look-ups: resolve toponyms to places."""


@places.command("resolve")
@click.argument("text")
@click.option("--country", "countries", multiple=True, metavar="ISO3",
              help="Context country (ISO 3166-1 alpha-3); may be repeated. Places there are preferred.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def resolve_command(text: str, countries: tuple[str, ...], fmt: str) -> None:
    """Resolve TEXT ("Kiev", "the Zaporizhzhia nuclear plant") to a place.

    Exits with status 1 and prints `null` (json) or "not resolved" (table) when TEXT names
    no place the gazetteer can trust.
    """
    place = PlaceResolver(Gazetteer.load()).resolve(text, countries)
    if fmt == "json":
        click.echo(json.dumps(to_json(place) if place else None, ensure_ascii=False))
    else:
        click.echo(_table(place) if place else f"not resolved: {text}")
    if place is None:
        raise click.exceptions.Exit(1)


def _table(place: Place) -> str:
    values = to_json(place)
    width = max(len(f) for f in _FIELDS)
    return "\n".join(f"{f:<{width}}  {'' if values[f] is None else values[f]}" for f in _FIELDS)
