"""Language detection for incoming articles (langdetect, deterministic).

Tacitus's English model codes English text only: a French article parsed as English gives
garbage events, so a non-English article is rejected with reason ``language`` (and the
detected language in the message) instead of being mis-coded.

Rejection is deliberately conservative, so that short English texts (a one-line wire
item, a list of names like "Berlin, Paris and Rome", a name-heavy or repetitive text the
detector calls Albanian) are never rejected: only a sample with at least `MIN_LETTERS`
letters and `MIN_DISTINCT_WORDS` different words, where the detector gives the other
language at least `MIN_CONFIDENCE` and English less than `MAX_ENGLISH`, and where English
function words ("the", "of", "said", ...) make up less than `MAX_ENGLISH_FUNCTION_WORDS`
of the words, is refused. Detection reads
the first `SAMPLE_CHARS` characters (title included), so it costs the same for a 5 MB
article as for a short one.

`TACITUS_LANGUAGES` (comma-separated ISO 639-1 codes, or ``any``) widens what is accepted,
e.g. for a deployment with a multilingual model; the default is ``en``."""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass

SAMPLE_CHARS = 1000
MIN_LETTERS = 120
MIN_CONFIDENCE = 0.90
MAX_ENGLISH = 0.10
MIN_DISTINCT_WORDS = 20
MAX_ENGLISH_FUNCTION_WORDS = 0.06
DEFAULT_LANGUAGES = frozenset({"en"})
# Frequent English words that are rare as words in other Latin-script languages
# ("in", "an", "a", "on", "die" are left out: German, French, Dutch use them too).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to was were said with that for from by has have had his her their they which "
    "would will been this after who its it is are be not but".split())
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD = re.compile(f"[{_CJK}]|[^\\W\\d_{_CJK}]+")  # a CJK character counts as a word

_lock = threading.Lock()  # langdetect's factory is global; its seeded RNG is not thread-safe
_ready = False


@dataclass(frozen=True, slots=True)
class Guess:
    language: str | None  # ISO 639-1 ("en", "fr", "zh-cn"), None when undetectable
    confidence: float
    english: float  # the probability the detector gives English


def accepted_languages() -> frozenset[str] | None:
    """The languages accepted (None: any), from $TACITUS_LANGUAGES."""
    raw = os.environ.get("TACITUS_LANGUAGES", "").strip().lower()
    if not raw:
        return DEFAULT_LANGUAGES
    if raw in ("any", "all", "*"):
        return None
    return frozenset(x.strip() for x in raw.split(",") if x.strip())


def detect(text: str) -> Guess:
    """The most probable language of the start of `text` (deterministic: seed 0)."""
    global _ready
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return Guess(None, 0.0, 0.0)
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        if not _ready:
            DetectorFactory.seed = 0
            _ready = True
        try:
            langs = detect_langs(sample)
        except LangDetectException:
            return Guess(None, 0.0, 0.0)
    if not langs:
        return Guess(None, 0.0, 0.0)
    english = next((lg.prob for lg in langs if lg.lang == "en"), 0.0)
    return Guess(langs[0].lang, float(langs[0].prob), float(english))


def unsupported_language(text: str) -> Guess | None:
    """A confident guess of a language outside `accepted_languages()`, else None."""
    allowed = accepted_languages()
    if allowed is None:
        return None
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(set(words)) < MIN_DISTINCT_WORDS:
        return None
    if sum(w in ENGLISH_FUNCTION_WORDS for w in words) >= MAX_ENGLISH_FUNCTION_WORDS * len(words):
        return None
    guess = detect(text)
    if guess.language is None or guess.language in allowed:
        return None
    if guess.confidence >= MIN_CONFIDENCE and guess.english < MAX_ENGLISH:
        return guess
    return None
