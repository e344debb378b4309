"""The exception hierarchy of Tacitus. Library code raises these; the CLI and the
web API turn them into messages at the edge."""
from __future__ import annotations


class TacitusError(Exception):
    """Base class of every error Tacitus raises on purpose."""


class InputError(TacitusError):
    """An input (file, line, article, request) that cannot be read as an article.

    `source` names the input (path, path:line, URL) so the message can say which."""

    def __init__(self, message: str, source: str | None = None, reason: str = "invalid") -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {message}" if source else message)


class ModelError(TacitusError):
    """The spaCy pipeline named in the settings cannot be loaded."""


class KnowledgeBaseError(TacitusError):
    """A data file (actor KB, lexicon, gazetteer) is missing or invalid."""


class StoreError(TacitusError):
    """The event database cannot be opened or written."""
