"""`tacitus serve`: the web workbench and JSON API over a Tacitus database.

Registered in the CLI with `cli.add_command(serve)` (from `tacitus.web.commands`)."""
from __future__ import annotations

import click


@click.command()
@click.option("--db", "db_path", default="tacitus.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="DuckDB database written by `tacitus ingest`.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--writable", is_flag=True,
              help="Open the database read-write so that POST /api/articles can ingest (default: read-only).")
def serve(db_path: str, host: str, port: int, writable: bool) -> None:
    """Serve the event browser and JSON API (pages at /, OpenAPI at /openapi.json)."""
    import uvicorn

    from tacitus.errors import TacitusError
    from tacitus.web.app import create_app

    try:
        app = create_app(db_path, read_only=not writable)
    except TacitusError as err:
        raise click.ClickException(str(err)) from err
    mode = "writable" if writable else "read-only"
    click.echo(f"Tacitus serving {db_path} at http://{host}:{port}/ ({mode})",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
