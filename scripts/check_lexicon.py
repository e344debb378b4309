#!/usr/bin/env python3
"""Check the trigger lexicon (src/tacitus/data/lexicon/triggers.yaml).

Checks: valid YAML, schema keys and value types, CAMEO codes exist in
reference/cameo-codes.csv, every CSV code is covered by at least one entry, and
no trigger is mapped to two different codes in a way the coder cannot tell
apart (two unconstrained entries, or object lists that share a string).
Prints coverage statistics; exits 1 when there are errors.

Usage: python scripts/check_lexicon.py [--lexicon PATH] [--codes PATH] [--quiet]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tacitus" / "data"
DEFAULT_LEXICON = DATA / "lexicon" / "triggers.yaml"
DEFAULT_CODES = DATA / "reference" / "cameo-codes.csv"

REQUIRED_KEYS = {"cameo", "recipient", "note"}
OPTIONAL_KEYS = {
    "verbs", "nouns", "objects", "actor", "symmetric",
    "contexts_add", "requires_recipient", "min_confidence", "exclude_objects",
}
# Argument slots the coder understands (README "Argument slots").
SLOTS = {
    "subject", "dobj", "dative",
    "to", "with", "against", "on", "at", "for", "from", "into", "over", "of",
    "toward", "upon", "among", "between", "by",
}
PLOVER_CONTEXTS = {
    "military", "economic", "diplomatic", "legal", "intelligence", "humanitarian", "peacekeeping",
    "political_institutions", "executive", "rights_freedoms", "democracy", "pro_autocracy", "human_rights",
    "human_security", "crime", "corruption", "religion_ethnicity", "cbrn", "technology", "asylum",
}
# Lemma strings: lower case letters, digits, spaces, hyphens, apostrophes, accents, dots.
TRIGGER_RE = re.compile(r"^[a-z0-9àâçéèêëîïôûùüÿñæœ'’.\- ]+$")


@dataclass
class Report:
    """Outcome of a lexicon check: errors fail the check, warnings do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def load_codes(path: Path = DEFAULT_CODES) -> dict[str, str]:
    """CAMEO code -> name, from the reference CSV."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return {row["code"]: row["name"] for row in csv.DictReader(fh)}


def load_lexicon(path: Path = DEFAULT_LEXICON) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, list):
        raise ValueError(f"{path}: top level must be a list of entries, got {type(data).__name__}")
    return data


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _check_entry(i: int, entry: Any, codes: dict[str, str], report: Report) -> None:
    where = f"entry {i}"
    if not isinstance(entry, dict):
        report.errors.append(f"{where}: not a mapping")
        return
    code = entry.get("cameo")
    where = f"entry {i} (cameo {code!r})"
    missing = REQUIRED_KEYS - entry.keys()
    if missing:
        report.errors.append(f"{where}: missing keys {sorted(missing)}")
    unknown = entry.keys() - REQUIRED_KEYS - OPTIONAL_KEYS
    if unknown:
        report.errors.append(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(code, str):
        report.errors.append(f"{where}: cameo must be a quoted string")
    elif code not in codes:
        report.errors.append(f"{where}: cameo {code} is not in cameo-codes.csv")
    verbs, nouns = entry.get("verbs", []), entry.get("nouns", [])
    for key in ("verbs", "nouns", "objects", "exclude_objects", "contexts_add"):
        if key in entry and not (_strings(entry[key]) or entry[key] == []):
            report.errors.append(f"{where}: {key} must be a list of non-empty strings")
    if not (_strings(verbs) and verbs) and not (_strings(nouns) and nouns):
        report.errors.append(f"{where}: needs at least one verb or noun")
    if entry.get("objects") and not verbs:
        report.errors.append(f"{where}: objects only constrain verbs, but the entry has no verbs")
    for key in ("verbs", "nouns", "objects", "exclude_objects"):
        values = entry.get(key) or []
        if not _strings(values):
            continue
        for value in values:
            if value != value.strip() or "  " in value:
                report.errors.append(f"{where}: {key} value {value!r} has stray spaces")
            elif not TRIGGER_RE.match(value):
                report.errors.append(f"{where}: {key} value {value!r} is not a lower-case lemma string")
        dups = [v for v, n in Counter(values).items() if n > 1]
        if dups:
            report.warnings.append(f"{where}: duplicate {key} {dups}")
    for key in ("actor", "recipient"):
        slots = entry.get(key, [])
        if not isinstance(slots, list) or not all(isinstance(s, str) for s in slots):
            report.errors.append(f"{where}: {key} must be a list of slot names")
            continue
        bad = [s for s in slots if s not in SLOTS]
        if bad:
            report.errors.append(f"{where}: {key} has unknown slots {bad}")
    for key in ("symmetric", "requires_recipient"):
        if key in entry and not isinstance(entry[key], bool):
            report.errors.append(f"{where}: {key} must be true or false")
    if "min_confidence" in entry:
        mc = entry["min_confidence"]
        if not isinstance(mc, (int, float)) or isinstance(mc, bool) or not 0 <= mc <= 1:
            report.errors.append(f"{where}: min_confidence must be a number in [0, 1]")
    bad_ctx = [c for c in entry.get("contexts_add", []) or [] if c not in PLOVER_CONTEXTS]
    if bad_ctx:
        report.warnings.append(f"{where}: contexts_add not among known PLOVER contexts: {bad_ctx}")
    if not isinstance(entry.get("note", ""), str) or not entry.get("note", "").strip():
        report.errors.append(f"{where}: note must be a non-empty string")


def _conflicts(entries: list[dict[str, Any]], report: Report) -> None:
    """A trigger may map to several codes only when objects tell the entries apart."""
    by_trigger: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("cameo"), str):
            continue
        objects = frozenset(entry.get("objects") or [])
        for verb in entry.get("verbs") or []:
            by_trigger[("verb", verb)].append((entry["cameo"], objects))
        for noun in entry.get("nouns") or []:
            by_trigger[("noun", noun)].append((entry["cameo"], frozenset()))
    for (kind, trigger), uses in sorted(by_trigger.items()):
        for (code_a, obj_a), (code_b, obj_b) in combinations(uses, 2):
            if code_a == code_b:
                continue
            if not obj_a and not obj_b:
                report.errors.append(
                    f"{kind} {trigger!r}: unconstrained in both {code_a} and {code_b}")
            elif obj_a & obj_b:
                shared = sorted(obj_a & obj_b)[:5]
                report.errors.append(
                    f"{kind} {trigger!r}: objects {shared} map to both {code_a} and {code_b}")


def check_lexicon(entries: list[dict[str, Any]], codes: dict[str, str]) -> Report:
    """Validate lexicon entries against the CAMEO code table; return a Report."""
    report = Report()
    for i, entry in enumerate(entries):
        _check_entry(i, entry, codes, report)
    _conflicts(entries, report)

    covered = {e.get("cameo") for e in entries if isinstance(e, dict)}
    uncovered = sorted(set(codes) - covered, key=lambda c: (len(c), c))
    for code in uncovered:
        report.errors.append(f"code {code} ({codes[code]}) has no entry")

    verbs = {v for e in entries if isinstance(e, dict) for v in e.get("verbs") or []}
    nouns = {n for e in entries if isinstance(e, dict) for n in e.get("nouns") or []}
    per_code = Counter(e.get("cameo") for e in entries if isinstance(e, dict))
    per_root: dict[str, int] = Counter(str(c)[:2] for c in per_code.elements())
    report.stats = {
        "entries": len(entries),
        "codes_in_csv": len(codes),
        "codes_covered": len(covered & set(codes)),
        "distinct_verbs": len(verbs),
        "distinct_nouns": len(nouns),
        "multiword_verbs": sum(1 for v in verbs if " " in v),
        "multiword_nouns": sum(1 for n in nouns if " " in n),
        "constrained_entries": sum(1 for e in entries if isinstance(e, dict) and e.get("objects")),
        "entries_per_root": dict(sorted(per_root.items())),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    parser.add_argument("--codes", type=Path, default=DEFAULT_CODES)
    parser.add_argument("--quiet", action="store_true", help="print errors and the summary only")
    args = parser.parse_args(argv)

    try:
        entries = load_lexicon(args.lexicon)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        print(f"ERROR: cannot load {args.lexicon}: {exc}", file=sys.stderr)
        return 1
    report = check_lexicon(entries, load_codes(args.codes))

    for msg in report.errors:
        print(f"ERROR: {msg}")
    if not args.quiet:
        for msg in report.warnings:
            print(f"warning: {msg}")
    st = report.stats
    print(f"{st['entries']} entries; {st['codes_covered']}/{st['codes_in_csv']} CAMEO codes covered; "
          f"{st['distinct_verbs']} distinct verb triggers ({st['multiword_verbs']} phrasal), "
          f"{st['distinct_nouns']} distinct noun triggers ({st['multiword_nouns']} multiword); "
          f"{st['constrained_entries']} entries constrained by objects")
    if not args.quiet:
        print("entries per root: " + ", ".join(f"{k}:{v}" for k, v in st["entries_per_root"].items()))
    print(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
