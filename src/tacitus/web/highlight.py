"""Highlight spans for the article view.

Each event row carries its sentence's character offsets in the article and the words
it was read from (trigger, actor and recipient text, place, attribution, quote). The
spans are found inside that sentence, so a word that occurs elsewhere in the article is
not marked. The article text is then cut at every span boundary into `Segment`s that
the template renders (escaped, like all text) with the classes of the spans covering
them; nothing here builds HTML."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

#: span kinds, in the order their class names are written; also the CSS classes' suffixes.
KINDS = ("trigger", "actor", "recipient", "place", "date", "attribution", "cue", "quote")

# Calendar expressions, to mark the words an event's date was most likely read from.
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE = re.compile(
    r"\b(?:(?:last|next|this|on|early|late)\s+)?(?:"
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s*\({_MONTH}\s+\d{{1,2}}\))?"
    r"|yesterday|today|tomorrow"
    rf"|(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})(?!\w)"
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # one of KINDS, or "sentence"
    event_id: str


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...]  # highlight kinds covering the text
    events: tuple[str, ...]  # events whose words these are
    sentence_events: tuple[str, ...]  # events whose evidence sentence covers the text

    @property
    def plain(self) -> bool:
        return not self.kinds and not self.sentence_events


def locate_sentence(text: str, row: dict[str, Any]) -> tuple[int, int] | None:
    """The sentence's offsets in `text`: the stored ones when they hold the sentence,
    else the sentence's first occurrence, else None."""
    start, end, sentence = row.get("sent_start"), row.get("sent_end"), row.get("sentence")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
            and (not sentence or text[start:end] == sentence):
        return start, end
    if sentence:
        at = text.find(sentence)
        if at >= 0:
            return at, at + len(sentence)
    return None


def _find(sentence: str, needle: str | None) -> int:
    """Where `needle` occurs in `sentence` as whole words (exact case first), or -1:
    the place "Russia" must not be marked inside "Russian"."""
    if not needle or not needle.strip():
        return -1
    pattern = ((r"\b" if needle[0].isalnum() else "") + re.escape(needle)
               + (r"\b" if needle[-1].isalnum() else ""))
    m = re.search(pattern, sentence) or re.search(pattern, sentence, re.IGNORECASE)
    return m.start() if m else -1


def _words_in_order(sentence: str, phrase: str) -> list[tuple[int, int]]:
    """Offsets of each word of a discontinuous phrase ("expresses thanks" in "expresses
    his sincere thanks"), found left to right; empty unless every word is found."""
    out, pos, low = [], 0, sentence.lower()
    for word in phrase.lower().split():
        m = re.compile(r"\b" + re.escape(word) + r"\b").search(low, pos)
        if m is None:
            return []
        out.append((m.start(), m.end()))
        pos = m.end()
    return out


def evidence_spans(text: str, row: dict[str, Any]) -> list[Span]:
    """The sentence span of one event row and the spans of its words inside it."""
    where = locate_sentence(text, row)
    if where is None:
        return []
    s, e = where
    sentence = text[s:e]
    eid = str(row["event_id"])
    spans = [Span(s, e, "sentence", eid)]
    needles = {
        "trigger": row.get("trigger"), "actor": row.get("actor_text"), "recipient": row.get("recipient_text"),
        "place": row.get("loc_text"), "attribution": row.get("attributed_text"),
        "cue": row.get("attribution_cue"), "quote": row.get("quote"),
    }
    for kind, needle in needles.items():
        at = _find(sentence, needle)
        if at >= 0 and needle:
            spans.append(Span(s + at, s + at + len(needle), kind, eid))
        elif kind == "trigger" and needle:
            spans.extend(Span(s + a, s + b, kind, eid) for a, b in _words_in_order(sentence, needle))
    if row.get("date"):
        m = _DATE.search(sentence)
        if m:
            spans.append(Span(s + m.start(), s + m.end(), "date", eid))
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; adjacent pieces with the same marks are merged."""
    cuts = sorted({0, len(text), *(sp.start for sp in spans), *(sp.end for sp in spans)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        if a >= b:
            continue
        covering = [sp for sp in spans if sp.start <= a and b <= sp.end]
        kinds = tuple(k for k in KINDS if any(sp.kind == k for sp in covering))
        events = tuple(sorted({sp.event_id for sp in covering if sp.kind != "sentence"}))
        sents = tuple(sorted({sp.event_id for sp in covering if sp.kind == "sentence"}))
        if out and (out[-1].kinds, out[-1].events, out[-1].sentence_events) == (kinds, events, sents):
            out[-1] = Segment(out[-1].text + text[a:b], kinds, events, sents)
        else:
            out.append(Segment(text[a:b], kinds, events, sents))
    return out


def highlight(text: str, rows: list[dict[str, Any]]) -> list[Segment]:
    """The article text as segments marked with every event's evidence."""
    spans = [sp for row in rows for sp in evidence_spans(text, row)]
    return segments(text, spans)
