"""The web workbench and HTTP API: `create_app(db_path)` builds the ASGI app,
`tacitus serve` (tacitus.web.commands.serve) runs it."""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from tacitus.web.app import create_app

        return create_app
    raise AttributeError(name)
