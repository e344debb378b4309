"""Text hygiene shared by every reader: decoding, control characters, binary detection,
duplicated and truncated title lines.

Every entry (files, JSONL lines, stdin, `article_from_text` for the Python and HTTP
APIs) ends in `repair`, so offsets in events always index the repaired text."""
from __future__ import annotations

import re
import unicodedata

from tacitus.errors import InputError

# ANSI terminal escapes (colour codes pasted from a terminal): removed whole, not just the ESC.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]")
# C0 controls except \t \n (\v \f and the separators \x1c-\x1f become spaces), DEL, C1 controls,
# lone surrogates (from JSON "\ud800": they cannot even be encoded as UTF-8), BOMs, and the
# bidirectional overrides that can make displayed text differ from stored text.
_DROP = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ufeff\u202a-\u202e\u2066-\u2069]")
_AS_SPACE = re.compile(r"[\t\x0b\x0c\x1c-\x1f]")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MOJIBAKE_HINTS = ("Ã", "Ä", "Å", "â€", "Ð", "Ø", "Ù", "Â")

MAX_TITLE_CHARS = 500  # a "title" longer than this is a paragraph: the text has no title line

# Magic numbers of formats that are not text (a PDF or a zip renamed .txt, an image, ...).
_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "zip/Office"), (b"\x1f\x8b", "gzip"), (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"\x7fELF", "executable"), (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"), (b"7z\xbc\xaf", "7z"), (b"\xd0\xcf\x11\xe0", "OLE/Word"), (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "icon"), (b"SQLite format 3", "SQLite"),
)
_SINGLE_BYTE_WESTERN = {"cp1250", "cp1252", "cp1257", "cp850", "cp775", "latin_1", "iso8859_1", "iso8859_2",
                        "iso8859_15", "iso8859_9", "cp1254", "mac_roman", "cp437", "iso8859_13"}


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary data `data` starts with (or looks like), None for text."""
    head = data[:4096]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM: text, decoded below
        return None
    if head.count(b"\x00") > max(2, len(head) // 100):
        return "NUL bytes"
    return None


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 first, else the encoding charset-normalizer finds (cp1252
    preferred among the Western single-byte code pages it cannot tell apart); mojibake
    repaired with ftfy. Binary data (magic numbers, NULs, mostly non-text) is an InputError."""
    if not data.strip():
        raise InputError("empty input", source, reason="empty")
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"binary data, not text ({kind})", source, reason="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data, source)
    if _mostly_garbage(text):
        raise InputError("binary data, not text (mostly control or undecodable characters)", source,
                         reason="binary")
    return repair(text)


def _detect(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding (binary data?)", source, reason="encoding")
    if best.encoding in _SINGLE_BYTE_WESTERN:
        try:  # cp1250 and cp1252 differ only in rarely used letters; news text is mostly cp1252
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _mostly_garbage(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn")
                                                       and ch not in "\n\r\t"))
    return bad > 0.10 * len(sample)


def repair(text: str) -> str:
    """Fix mojibake (on the whole text: one line alone is too little evidence), strip
    control characters and terminal escapes, normalise line ends and spaces. Offsets are
    taken after this step, so evidence offsets index the repaired text."""
    if any(h in text for h in _MOJIBAKE_HINTS):
        import ftfy

        text = ftfy.fix_encoding(text)
    text = text.replace("\r\n", "\n")
    # Old Mac files end lines with a lone \r; elsewhere a stray \r is noise.
    text = text.replace("\r", " " if "\n" in text else "\n")
    text = _ANSI.sub("", text)
    text = _AS_SPACE.sub(" ", text)
    text = _DROP.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def split_title(text: str) -> tuple[str | None, str]:
    """First non-empty line is the title; a truncated copy of the title (a line that is a
    prefix of the next one) or an exact repeat is dropped. A first line longer than
    `MAX_TITLE_CHARS` is body text, not a title."""
    lines = text.split("\n")
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    if not nonempty:
        return None, ""
    first = nonempty[0]
    title = lines[first].strip()
    if len(title) > MAX_TITLE_CHARS:
        return None, text.strip()
    rest = nonempty[1:]
    if rest and _is_truncated_copy(title, lines[rest[0]].strip()):
        title = lines[rest[0]].strip()
        first = rest[0]
    body = "\n".join(lines[first + 1 :]).strip()
    return title, body


def dedupe_title(title: str | None, text: str) -> tuple[str | None, str]:
    """A title given apart from the text (JSONL, HTTP) that the text repeats as its first
    line, whole or truncated either way: keep one, the longer, as the title, so the
    headline's events are not coded twice."""
    if not title:
        return title, text
    head, sep, rest = text.partition("\n")
    line = head.strip()
    if not sep or not line or len(line) > MAX_TITLE_CHARS:
        return title, text
    if _is_truncated_copy(title, line) or _is_truncated_copy(line, title) or _norm(line) == _norm(title):
        keep = line if len(_norm(line)) > len(_norm(title)) else title
        return keep, rest.strip()
    return title, text


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _is_truncated_copy(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if not na or len(nb) >= 300:
        return False
    # a short line ("Ukraine") that merely starts the next sentence is a title, not a truncated copy
    return na == nb or (len(na) >= 20 and len(na) < len(nb) and nb.startswith(na))
