"""Readable terminal tables of events (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tacitus.records import Event


def _who(a) -> str:
    if a is None:
        return "-"
    return f"{a.name} ({a.cameo_code or a.country or '?'})"


def events_table(events: list[Event], console: Console | None = None) -> None:
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "type", "actor", "recipient", "cameo", "fact", "where", "according to", "trigger"):
        table.add_column(col, overflow="fold")
    for ev in events:
        fact = ("NOT " if ev.negated else "") + ev.modality
        table.add_row(ev.date or "-", ev.event_type, _who(ev.actor), _who(ev.recipient), ev.cameo_code, fact,
                      ev.location.name if ev.location else "-",
                      ev.attributed_to.name if ev.attributed_to else "-", ev.evidence.trigger)
    (console or Console()).print(table)
