"""CAMEO and PLOVER reference tables: the one source of truth for codes.

CAMEO code -> name, Goldstein value (ICEWS table, `data/reference/cameo-codes.csv`),
CAMEO code -> PLOVER type, mode and contexts (`CAMEO2PLOVER-2021.txt`), PLOVER type
-> quad class (the contract's table). Where the conversion table and the PLOVER 2.0
manual disagree the manual wins (CAMEO 163 sanctions are SANCTION/discontinue).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PLOVER_TYPES = tuple(QUAD_CLASS)

# The manual's rulings over the 2021 conversion table (see data/reference/README.md).
_MANUAL_OVERRIDES = {
    "163": ("SANCTION", "discontinue", ("economic",)),
    # CAMEO 01x statements are not PLOVER events; condolences are, as support.
    "018": ("SUPPORT", None, ("diplomatic",)),
}
# CAMEO 02 (appeals) has no row in the table; PLOVER codes appeals as REQUEST,
# with the mode of the matching CAMEO 10 demand.
_APPEAL_PREFIX, _DEMAND_PREFIX = "02", "10"


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    description: str
    example: str
    plover_type: str | None
    mode: str | None
    contexts: tuple[str, ...]

    @property
    def quad_class(self) -> int | None:
        return QUAD_CLASS.get(self.plover_type) if self.plover_type else None


def _read_conversion() -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    text = resources.files("tacitus.data.reference").joinpath("CAMEO2PLOVER-2021.txt").read_text("utf-8")
    table: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not m or len(m.group(1)) == 2:
            continue
        code, ptype, mode, ctx = m.groups()
        mode = (mode or "").strip() or None
        contexts = tuple(c.strip() for c in (ctx or "").split(";") if c.strip())
        table.setdefault(code, (ptype, mode, contexts))
    table.update(_MANUAL_OVERRIDES)
    return table


@cache
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes keyed by code string ("042"), loaded once per process."""
    conversion = _read_conversion()
    path = resources.files("tacitus.data.reference").joinpath("cameo-codes.csv")
    out: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            plover = conversion.get(code)
            if plover is None and code.startswith(_APPEAL_PREFIX) and len(code) >= 3:
                demand = _DEMAND_PREFIX + code[2:]
                plover = conversion.get(demand) or conversion.get(demand[:3]) or ("REQUEST", None, ())
            if plover is None and len(code) > 3:
                plover = conversion.get(code[:3])
            ptype, mode, contexts = plover if plover else (None, None, ())

            def clean(v: str) -> str:
                return "" if v in ("NA", None) else v.strip()

            out[code] = CameoCode(
                code=code,
                name=row["name"].strip(),
                goldstein=float(row["goldstein"]) if clean(row["goldstein"]) else 0.0,
                description=clean(row["description"]),
                example=clean(row["example"]),
                plover_type=ptype,
                mode=mode,
                contexts=contexts,
            )
    return out


def lookup(code: str) -> CameoCode:
    """The CAMEO entry for `code`; KeyError names the unknown code."""
    table = cameo_table()
    if code not in table:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return table[code]
