"""Text hygiene shared by every reader: decoding, control characters, binary detection,
duplicated and truncated title lines."""
from __future__ import annotations

import re

from tacitus.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 first, else the encoding charset-normalizer finds; mojibake
    repaired with ftfy. Binary data (NULs, non-text) is an InputError."""
    if not data.strip():
        raise InputError("empty input", source, reason="empty")
    head = data[:4096]
    if head.startswith(b"%PDF") or head.count(b"\x00") > 2:
        raise InputError("binary data, not text", source, reason="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError("cannot detect the text encoding", source, reason="encoding") from None
        text = str(best)
    return repair(text)


def repair(text: str) -> str:
    """Fix mojibake, strip control characters, normalise spaces (offsets are taken
    after this step, so evidence offsets index the repaired text)."""
    import ftfy

    if any(ch in text for ch in "ÃÄÅâÐ"):
        text = ftfy.fix_text(text, normalization="NFC")
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return text.strip()


def split_title(text: str) -> tuple[str | None, str]:
    """First non-empty line is the title; a truncated copy of the title (a line that is a
    prefix of the next one) is dropped."""
    lines = [ln for ln in text.split("\n")]
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    if not nonempty:
        return None, ""
    first = nonempty[0]
    title = lines[first].strip()
    rest = nonempty[1:]
    if rest and _is_truncated_copy(title, lines[rest[0]].strip()):
        title = lines[rest[0]].strip()
        first = rest[0]
    body = "\n".join(lines[first + 1 :]).strip()
    return title, body


def _norm(s: str) -> str:
    return re.sub(r"[^\w]+", " ", s.lower()).strip()


def _is_truncated_copy(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return bool(na) and len(na) < len(nb) and len(nb) < 300 and (nb.startswith(na) or na == nb)
