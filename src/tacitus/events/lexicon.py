"""The trigger lexicon: verb, phrasal-verb and noun lemmas mapped to CAMEO codes, with
argument slots for actor and recipient (data: `data/lexicon/triggers.yaml`, schema in
its README). Loaded once and indexed by lemma; PLOVER type, mode, contexts, Goldstein
and quad class come from the reference tables, never from the lexicon."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from tacitus.errors import KnowledgeBaseError
from tacitus.reference import CameoCode, cameo_table

DEFAULT_ACTOR = ("subject",)
DEFAULT_RECIPIENT = ("dobj",)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry as the coder uses it."""

    cameo: CameoCode
    words: tuple[str, ...]  # lemma sequence: ("call", "on") or ("peace", "deal")
    pos: str  # "verb" | "noun"
    objects: frozenset[str]
    exclude_objects: frozenset[str]
    subjects: frozenset[str]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    symmetric: bool
    requires_recipient: bool
    contexts_add: tuple[str, ...]

    @property
    def specificity(self) -> int:
        return len(self.words) * 2 + (3 if self.objects else 0) + (3 if self.subjects else 0)


class Lexicon:
    """Triggers indexed by head lemma: the last word of a noun, the first of a verb."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self.verbs: dict[str, list[Trigger]] = defaultdict(list)
        self.nouns: dict[str, list[Trigger]] = defaultdict(list)
        for t in triggers:
            if t.pos == "verb":
                self.verbs[t.words[0]].append(t)
            else:
                self.nouns[t.words[-1]].append(t)
        for table in (self.verbs, self.nouns):
            for lst in table.values():
                lst.sort(key=lambda t: -t.specificity)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Lexicon:
        """All `*.yaml` files of the lexicon folder (or one file), in name order."""
        if path is None:
            folder = resources.files("tacitus.data.lexicon")
            files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name,
                           reverse=True)
        else:
            p = Path(path)
            files = sorted(p.glob("*.yaml")) if p.is_dir() else [p]
        triggers: list[Trigger] = []
        for f in files:
            try:
                entries = yaml.safe_load(f.read_text("utf-8")) or []
            except yaml.YAMLError as err:
                raise KnowledgeBaseError(f"{f.name}: invalid YAML: {err}") from err
            triggers.extend(_triggers(entries, f.name))
        return cls(triggers)


def _slots(values) -> tuple[str, ...]:
    """YAML 1.1 reads a bare `on` as True and `no`/`off` as False; slots are words."""
    out = []
    for v in values or ():
        out.append({True: "on", False: "off"}.get(v, v) if isinstance(v, bool) else str(v).lower())
    return tuple(out)


def _triggers(entries: list[dict], where: str):
    table = cameo_table()
    for n, e in enumerate(entries):
        code = str(e.get("cameo", "")).strip()
        if code not in table:
            raise KnowledgeBaseError(f"{where}: entry {n}: unknown CAMEO code {code!r}")
        cameo = table[code]
        if cameo.plover_type is None:
            continue  # plain statements (CAMEO 01x) are not PLOVER events
        common = dict(
            cameo=cameo,
            objects=frozenset(str(o).lower() for o in e.get("objects") or ()),
            exclude_objects=frozenset(str(o).lower() for o in e.get("exclude_objects") or ()),
            subjects=frozenset(str(o).lower() for o in e.get("subjects") or ()),
            actor=_slots(e.get("actor")) or DEFAULT_ACTOR,
            symmetric=bool(e.get("symmetric", False)),
            requires_recipient=bool(e.get("requires_recipient", False)),
            contexts_add=tuple(e.get("contexts_add") or ()),
        )
        for verb in e.get("verbs") or ():
            yield Trigger(words=tuple(str(verb).lower().split()), pos="verb",
                          recipient=_slots(e["recipient"]) if "recipient" in e else DEFAULT_RECIPIENT, **common)
        for noun in e.get("nouns") or ():
            yield Trigger(words=tuple(str(noun).lower().split()), pos="noun",
                          recipient=_slots(e["recipient"]) if "recipient" in e else ("of", "on", "to", "with", "against"),
                          **common)
