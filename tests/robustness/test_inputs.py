"""Input validation at every entry: files and JSONL through the readers (CLI), the Python
API (`article_from_text`, `Extractor.extract`), and the HTTP API. Each bad input is
either repaired or rejected with a reason; nothing raises past the reader."""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import sys
from pathlib import Path

import pytest

from tacitus.errors import InputError
from tacitus.ingest import article_from_text, read_articles
from tacitus.ingest.clean import decode, repair, split_title
from tacitus.ingest.language import detect, unsupported_language
from tacitus.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def read(paths, figures=None) -> list:
    items = list(read_articles([str(p) for p in paths]))
    if figures is not None:
        figures.tried(items)
    return items


def one(path, figures) -> Article | InputError:
    items = read([path], figures)
    assert len(items) == 1, items
    return items[0]


# --- the committed fixtures ---------------------------------------------------------------------

def test_empty_file_is_rejected_with_a_reason(figures) -> None:
    err = one(FIXTURES / "empty.txt", figures)
    assert isinstance(err, InputError) and err.reason == "empty" and err.source.endswith("empty.txt")


def test_pdf_renamed_txt_is_rejected_as_binary(figures) -> None:
    err = one(FIXTURES / "binary.txt", figures)
    assert isinstance(err, InputError) and err.reason == "binary"


def test_cp1252_file_is_decoded_as_cp1252(figures) -> None:
    art = one(FIXTURES / "latin1.txt", figures)
    assert isinstance(art, Article)
    assert "Sánchez" in art.title and "€120 million" in art.text and "“Brazil" in art.text
    assert "Inácio" in art.text and "São Paulo" in art.text


def test_mojibake_is_repaired_in_the_whole_document_title_included(figures) -> None:
    art = one(FIXTURES / "mojibake.txt", figures)
    assert isinstance(art, Article)
    assert art.title.startswith("Erdoğan and Mitsotakis")
    assert "Türkiye" in art.text and "â€" not in art.text and "Ä" not in art.text


def test_broken_jsonl_line_is_reported_with_file_and_line_and_skipped(figures) -> None:
    items = read([FIXTURES / "broken.jsonl"], figures)
    assert [a.id for a in items if isinstance(a, Article)] == ["broken-1", "broken-2", "broken-4", "broken-5"]
    errs = [e for e in items if isinstance(e, InputError)]
    assert len(errs) == 1 and errs[0].reason == "jsonl" and errs[0].source.endswith("broken.jsonl:3")
    assert "broken.jsonl:3" in str(errs[0])


def test_french_article_is_rejected_as_language_fr(figures) -> None:
    err = one(FIXTURES / "french.txt", figures)
    assert isinstance(err, InputError) and err.reason == "language" and "language: fr" in str(err)


def test_control_characters_are_stripped(figures) -> None:
    art = one(FIXTURES / "control_chars.txt", figures)
    assert isinstance(art, Article)
    assert "Guayaquil" in art.text and "Noboa said" in art.text
    assert not any(ord(c) < 32 and c != "\n" for c in art.text + art.title)
    assert "[0m" not in art.text and "\x1b" not in art.text


def test_truncated_duplicate_title_line_is_dropped(figures) -> None:
    art = one(FIXTURES / "dup_title.txt", figures)
    assert isinstance(art, Article)
    assert art.title == "Kim Jong Un hosts Putin in Pyongyang, the two leaders sign mutual defence pact"
    assert "the two leaders sign" not in art.text.split("\n")[0]


def test_whole_fixture_folder_never_raises(figures) -> None:
    items = read([FIXTURES], figures)
    reasons = sorted(e.reason for e in items if isinstance(e, InputError))
    assert reasons == ["binary", "empty", "jsonl", "language"]


# --- generated hostile inputs -----------------------------------------------------------------

ENGLISH = ("Russian forces shelled the city of Kharkiv on Tuesday, Ukrainian officials said, "
           "and the mayor asked residents to stay in shelters until the strikes ended. ")


def hostile_files(tmp: Path) -> dict[str, tuple[bytes, str | None]]:
    """name -> (bytes, expected reason or None when it must be accepted)."""
    rng = random.Random(0)
    noise = bytes(rng.randrange(256) for _ in range(8192))
    return {
        "png.txt": (b"\x89PNG\r\n\x1a\n" + noise, "binary"),
        "zip.txt": (b"PK\x03\x04" + noise, "binary"),
        "gz.txt": (gzip.compress(ENGLISH.encode() * 20), "binary"),
        "elf.txt": (b"\x7fELF" + noise, "binary"),
        "nuls.txt": (ENGLISH.encode().replace(b" ", b"\x00"), "binary"),
        "noise.txt": (bytes(b for b in noise if b not in (0,)), None),  # checked below: never raises
        "whitespace.txt": (b" \n\t\r\n   \n", "empty"),
        "bom.txt": ("\ufeffTitle here\n\n".encode() + ENGLISH.encode(), None),
        "utf16.txt": (("Shelling in Kharkiv\n\n" + ENGLISH).encode("utf-16"), None),
        "crlf.txt": (("Shelling in Kharkiv\r\n\r\n" + ENGLISH).encode(), None),
        "old_mac.txt": (("Shelling in Kharkiv\r\r" + ENGLISH).encode(), None),
        "ansi.txt": (("\x1b[1mShelling in Kharkiv\x1b[0m\n\n" + ENGLISH).encode(), None),
        "bidi.txt": (("Shelling in Kharkiv\n\n\u202e" + ENGLISH).encode(), None),
        "one_line.txt": (ENGLISH.encode() * 10, None),  # no title line: all body
        "only_title.txt": (b"Shelling in Kharkiv\n", None),
        "german.txt": (("Russische Truppen haben am Dienstag die Stadt Charkiw beschossen, teilten "
                        "ukrainische Beamte mit. Der Bürgermeister bat die Bewohner, in den Schutzräumen "
                        "zu bleiben, bis die Angriffe vorbei sind.").encode(), "language"),
        "chinese.txt": (("俄罗斯军队周二炮击了哈尔科夫市，乌克兰官员表示，市长要求居民留在防空洞内直到袭击结束。" * 5).encode(),
                        "language"),
        "names.txt": (b"Berlin, Paris und Rom", None),  # short: never rejected on language
        "missing.jsonl.gz": (b"\x1f\x8b\x08\x00broken", "io"),
    }


def test_generated_hostile_files(tmp_path: Path, figures) -> None:
    for name, (data, _) in hostile_files(tmp_path).items():
        (tmp_path / name).write_bytes(data)
    for name, (_, reason) in hostile_files(tmp_path).items():
        items = read([tmp_path / name], figures)
        assert items, name
        for item in items:
            if name == "noise.txt":
                assert isinstance(item, (Article, InputError))
                continue
            if reason is None:
                assert isinstance(item, Article), (name, item)
                assert not any(ord(c) < 32 and c != "\n" for c in item.text), name
                assert "\ufeff" not in item.text and "\u202e" not in item.text and "\x1b" not in item.text
            else:
                assert isinstance(item, InputError) and item.reason == reason, (name, item)


def test_jsonl_with_hostile_lines(tmp_path: Path, figures) -> None:
    good = {"id": "ok", "title": "Kharkiv shelled", "text": ENGLISH}
    lines = [
        json.dumps(good),
        "{not json",
        "[1, 2, 3]",
        json.dumps({"id": "notext"}),
        json.dumps({"id": "numtext", "text": 42}),
        json.dumps({"id": "listtitle", "title": ["a"], "text": ENGLISH}),
        json.dumps({"id": "baddate", "text": ENGLISH, "published": "2024-02-31"}),
        json.dumps({"id": "dictdate", "text": ENGLISH, "published": {"y": 2024}}),
        json.dumps({"id": {"nested": 1}, "text": ENGLISH}),
        '{"id": "surrogate", "text": "\\ud800 ' + ENGLISH + '"}',
        "[" * 100_000,  # recursion bomb
        json.dumps({"id": "ctl", "text": "A\u0000B " + ENGLISH}),
        "\xff\xfe garbage",
        json.dumps({"id": "dup", "title": "Kharkiv shelled", "text": "Kharkiv shelled\n\n" + ENGLISH}),
        "",
        json.dumps({"id": "last", "text": ENGLISH}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    items = read([path], figures)
    by_id = {a.id: a for a in items if isinstance(a, Article)}
    assert set(by_id) == {"ok", "surrogate", "ctl", "dup", "last"}
    assert "\ud800" not in by_id["surrogate"].text
    assert by_id["ctl"].text.startswith("AB ")
    assert by_id["dup"].title == "Kharkiv shelled" and not by_id["dup"].text.startswith("Kharkiv shelled")
    errs = {e.source.rsplit(":", 1)[1]: e.reason for e in items if isinstance(e, InputError)}
    assert errs == {"2": "jsonl", "3": "jsonl", "4": "empty", "5": "invalid", "6": "invalid", "7": "date",
                    "8": "date", "9": "invalid", "11": "jsonl", "13": "jsonl"}


def test_over_long_jsonl_line_is_skipped_with_bounded_memory(tmp_path: Path, figures, monkeypatch) -> None:
    from tacitus.ingest import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 10_000)
    path = tmp_path / "long.jsonl"
    with path.open("w") as fh:
        fh.write(json.dumps({"id": "a", "text": ENGLISH}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": ENGLISH * 1000}) + "\n")
        fh.write(json.dumps({"id": "b", "text": ENGLISH}) + "\n")
    items = list(readers._from_jsonl_lines(readers._bounded_lines(path.open("rb"), 10_000), str(path)))
    figures.tried(items)
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b"]
    assert items[1].reason == "too_large" and items[1].source.endswith(":2")


def test_file_over_the_size_limit_is_rejected(tmp_path: Path, figures, monkeypatch) -> None:
    from tacitus.ingest import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    (tmp_path / "big.txt").write_text("Title\n\n" + ENGLISH * 20)
    err = one(tmp_path / "big.txt", figures)
    assert isinstance(err, InputError) and err.reason == "too_large"


# --- the Python API entry -------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,reason", [
    ({"text": None}, "invalid"),
    ({"text": b"bytes"}, "invalid"),
    ({"text": "   \x00\x01  "}, "empty"),
    ({"text": ENGLISH, "title": 5}, "invalid"),
    ({"text": ENGLISH, "published": "yesterday"}, "date"),
    ({"text": ENGLISH, "url": "x" * 5000}, "invalid"),
    ({"text": "Le gouvernement français a annoncé mardi un nouveau plan pour les agriculteurs, après des "
              "semaines de manifestations dans tout le pays, a indiqué le ministère."}, "language"),
])
def test_article_from_text_rejects_with_a_reason(kwargs, reason, figures) -> None:
    with pytest.raises(InputError) as info:
        article_from_text(**kwargs)
    figures.tried([info.value])
    assert info.value.reason == reason


@pytest.mark.parametrize("text", [
    "Putin met Kim.", "Berlin, Paris und Rom", "NATO", "Kim Jong-un visited Vladivostok.",
    "Les Misérables opened in London.", "Erdoğan met Mitsotakis in Athens on Thursday.",
    "Xi Jinping met Lula da Silva in Beijing.",
    "Zelenskiy, Mitsotakis, Sánchez, Scholz, Macron, Meloni, Tusk, Orbán, Fico and Sandu met in Kyiv.",
])
def test_short_english_is_never_rejected_on_language(text, figures) -> None:
    art = article_from_text(text)
    figures.tried([art])
    assert art.text == text


def test_language_detection_is_deterministic() -> None:
    text = (FIXTURES / "french.txt").read_text()
    assert len({detect(text) for _ in range(5)}) == 1
    assert unsupported_language(text).language == "fr"


def test_languages_can_be_widened(monkeypatch) -> None:
    monkeypatch.setenv("TACITUS_LANGUAGES", "any")
    assert article_from_text((FIXTURES / "french.txt").read_text()).text


def test_repair_is_idempotent_and_keeps_paragraphs() -> None:
    text = "Title\r\n\r\n\r\n\r\nPara one.\x00\x1b[31m red\x1b[0m\n\n\n\nPara two.\u00a0\u00a0x"
    once = repair(text)
    assert once == "Title\n\nPara one. red\n\nPara two. x"
    assert repair(once) == once


def test_over_long_first_line_is_not_a_title() -> None:
    title, body = split_title("x " * 1000 + "\n\nmore")
    assert title is None and body.startswith("x x")


def test_short_title_that_starts_the_body_is_kept() -> None:
    title, body = split_title("Ukraine\n\nUkraine says it shot down 20 drones.")
    assert title == "Ukraine" and body == "Ukraine says it shot down 20 drones."


def test_stdin_entry(monkeypatch, figures) -> None:
    data = ("\n".join([json.dumps({"id": "s1", "text": ENGLISH}), "{broken"]) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = read(["-"], figures)
    assert isinstance(items[0], Article) and items[1].source == "<stdin>:2"


def test_decode_never_raises_anything_but_input_error(figures) -> None:
    rng = random.Random(1)
    tried = []
    for n in range(300):
        size = rng.choice([1, 3, 17, 200, 2000])
        data = bytes(rng.randrange(256) for _ in range(size))
        try:
            text = decode(data, f"random-{n}")
            assert isinstance(text, str)
            tried.append(Article(f"r{n}", text))
        except InputError as err:
            tried.append(err)
    figures.tried(tried)
    figures.fuzz["decode (random bytes)"] += len(tried)
