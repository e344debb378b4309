"""The story an article tells: its date and its place, read from the lead, and the source the
lead names. Events that name none of their own take these, not the publication date or
the dateline."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from tacitus.attribution import REPORTING_VERBS, Frame, reporting_frames
from tacitus.events.vocab import LEAD_PARAGRAPHS, LOCATIVE_PREPS, STATED_TYPES
from tacitus.events.when import attachment
from tacitus.factuality import FUTURE_AUX, HYPO_AUX
from tacitus.records import Event, Place


class StoryMixin:
    """Methods of the article coder (`tacitus.events.build`); see the module docstring."""

    def _read_lead(self, parts: list[tuple[int, Doc]]) -> None:
        """The story's date and place, from the first two paragraphs of the body."""
        body = next((doc for base, doc in parts if base == 0), None)
        if body is None:
            return
        self._ents = ents_by_sentence(body)
        self._starts = [t.idx for t in body]
        context = (self.dateline.country,) if self.dateline is not None and self.dateline.country else ()
        text = body.text
        for sent in body.sents:
            if text.count("\n\n", 0, sent.start_char) >= LEAD_PARAGRAPHS:
                break
            if self.story_date is None:
                self._note_story_date(sent, reporting_frames(sent))
            if self.story_place is None:
                self.story_place = self._action_place(sent, context)
            if self.story_date is not None and self.story_place is not None:
                break

    def _note_story_date(self, sent: Span, frames: list[Frame]) -> None:
        """The first date in the lead that dates an action, not the saying of it."""
        said = {f.verb.i for f in frames if f.verb is not None}
        for tx in self.time.find(sent.text, sent.start_char, "past", remember=False):
            if tx.date is None or tx.kind == "dateline" or self.on is not None and tx.date > self.on.isoformat():
                continue
            tok = self._token_at(sent.doc, tx.start)
            head = attachment(tok) if tok is not None else None
            if head is None or head.i in said or head.lemma_.lower() in REPORTING_VERBS:
                continue
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPO_AUX for c in head.children):
                continue
            self.story_date = (tx.date, tx.date_end, tx.precision)
            return

    def _action_place(self, sent: Span, context: tuple[str, ...]) -> Place | None:
        """The first place in the sentence where something is done ("killed ... in
        Goma", "a court in Novosibirsk"), not where someone is posted or from."""
        found: list[Place] = []
        for root, place in self._sentence_places(sent, context):
            if root.dep_ == "compound" and root.head.dep_ == "pobj" and root.head.pos_ == "NOUN":
                root = root.head
            prep = root.head if root.dep_ == "pobj" else None
            if prep is None or prep.lower_ not in LOCATIVE_PREPS:
                continue
            if prep.head.ent_type_ == "PERSON" or prep.head.pos_ == "NOUN" and self._is_person_role(prep.head):
                continue
            found.append(place)
        return next((p for p in found if p.feature != "country"), found[0] if found else None)

    def _is_person_role(self, tok: Token) -> bool:
        actor = self.ctx.resolve(tok.text, on=self.on)
        return actor is not None and actor.kind == "person"

    def _story_dated(self, ev: Event) -> Event:
        """An event dated only by the publication date takes the story's date when
        the story happened before publication; so does one dated only coarsely ("this
        year", "in July") when the story's day falls inside that year or month."""
        if self.story_date is None or ev.modality != "actual" and ev.event_type not in STATED_TYPES:
            return ev  # a planned act is not dated by the story; a promise or threat made is
        date, date_end, precision = self.story_date
        source = ev.extra.get("date_source")
        if source == "clause" and ev.date_precision in ("year", "month") and ev.date_end is None \
                and precision == "day" and date is not None and ev.date and date.startswith(ev.date + "-"):
            return replace(ev, date=date, date_end=date_end, date_precision=precision,
                           extra={**ev.extra, "date_source": "story"})
        if source != "publication":
            return ev
        if date is None or ev.date is None or date[:len(ev.date)] > ev.date:
            return ev
        return replace(ev, date=date, date_end=date_end, date_precision=precision,
                       extra={**ev.extra, "date_source": "story"})

    def _lead_sourced(self, events: list[Event]) -> list[Event]:
        """Wire copy often names the source of its lead a sentence or a paragraph later
        ("..., has expressed his thanks." / "According to the statement by the
        presidential press office, ..."): lead events with no source of their own
        take the first source the first two paragraphs name."""
        source = next((ev for ev in events if ev.attributed_to is not None and not ev.extra.get("in_title")
                       and self._paragraph.get(ev.event_id, 9) < LEAD_PARAGRAPHS), None)
        if source is None:
            return events
        return [replace(ev, attributed_to=source.attributed_to, attribution_cue=source.attribution_cue)
                if ev.attributed_to is None and self._paragraph.get(ev.event_id, 9) == 0
                and ev.actor.key != source.attributed_to.key else ev for ev in events]

def ents_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """Entities grouped by the start token of their sentence (Doc.ents and Span.ents
    rebuild spans on every access)."""
    out: dict[int, list[Span]] = {}
    for ent in doc.ents:
        out.setdefault(ent.sent.start, []).append(ent)
    return out
