"""Very long articles: the 5 MB fixture article (tests/fixtures/make_big.py) with one
event sentence in its middle. The reader accepts it with bounded memory and the pipeline's
paragraph-aligned chunks keep the event sentence whole; the real extractor finds the
middle event in a long article parsed in chunks. The full 5 MB run through spaCy is opt-in
(TACITUS_BIG_ARTICLE=1): see docs/robustness.md for why it is slow today."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]

READ_5MB = textwrap.dedent("""
    import importlib.util, json, sys, psutil, resource
    spec = importlib.util.spec_from_file_location("make_big", sys.argv[1])
    mb = importlib.util.module_from_spec(spec); spec.loader.exec_module(mb)
    from tacitus.config import Settings
    from tacitus.ingest import read_articles
    from tacitus.pipeline import _chunks
    path = sys.argv[2]
    with open(path, "w", encoding="utf-8") as f:
        f.write(mb.make_big_article())
    import tacitus.ingest.language  # imports done before the baseline
    proc = psutil.Process()
    base = proc.memory_info().rss
    items = list(read_articles([path]))
    art = items[0]
    limit = Settings().max_chars
    chunks = _chunks(art.text, limit)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    holding = [i for i, c in enumerate(chunks) if mb.EVENT_SENTENCE in c]
    print(json.dumps({"kind": type(art).__name__, "title": art.title, "chars": len(art.text),
                      "chunks": len(chunks), "max_chunk": max(map(len, chunks)), "limit": limit,
                      "joined": "".join(chunks) == art.text, "holding": holding,
                      "middle": art.text.index(mb.EVENT_SENTENCE) / len(art.text),
                      "base_mb": base / 2**20, "peak_mb": peak / 2**20}))
""")


def test_5mb_article_is_read_and_chunked_with_bounded_memory(tmp_path: Path, make_big, figures) -> None:
    run = subprocess.run([sys.executable, "-c", READ_5MB, str(ROOT / "tests" / "fixtures" / "make_big.py"),
                          str(tmp_path / "big.txt")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    f = json.loads(run.stdout.strip().splitlines()[-1])
    figures.tried([object()])  # one more input, accepted
    figures.note(f"5 MB article: read as one article of {f['chars']:,} chars, {f['chunks']} chunks of "
                 f"<= {f['limit']:,} chars, event at {f['middle']:.0%} in chunk {f['holding']}; RSS "
                 f"{f['base_mb']:.0f} MB before reading, peak {f['peak_mb']:.0f} MB")
    assert f["kind"] == "Article" and f["title"] == make_big.TITLE
    assert f["chars"] > 4_900_000 and f["joined"] and f["max_chunk"] <= f["limit"]
    assert len(f["holding"]) == 1 and 0.4 < f["middle"] < 0.6
    assert f["peak_mb"] - f["base_mb"] < 200  # ~5 MB of text: tens of MB to read, never a copy per line


class PeakRSS:
    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.start = self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self.proc.memory_info().rss)

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self.proc.memory_info().rss)


def _extract_big(nlp, make_big, size: int, max_chars: int):
    from tacitus.config import Settings
    from tacitus.ingest.clean import split_title
    from tacitus.pipeline import Extractor

    title, body = split_title(make_big.make_big_article(size))
    extractor = Extractor(Settings(max_chars=max_chars), nlp=nlp)
    extractor.coder
    t0 = time.perf_counter()
    with PeakRSS() as rss:
        events = extractor.extract(body, title=title, published="2024-05-02")
    return events, rss, time.perf_counter() - t0, body


def _assert_middle_event(events, body, make_big) -> None:
    hits = [e for e in events if e.event_type == "ASSAULT" and make_big.EVENT_SENTENCE in e.evidence.sentence]
    assert hits, [(e.event_type, e.evidence.sentence[:60]) for e in events]
    ev = hits[0]
    assert body[ev.evidence.start:ev.evidence.end] == ev.evidence.sentence  # offsets index the whole text
    assert ev.date == "2024-04-30"  # "on Tuesday" before Thursday 2 May 2024


def test_long_article_middle_event_found_through_chunks(nlp, make_big, figures) -> None:
    from tacitus.config import Settings

    events, rss, seconds, body = _extract_big(nlp, make_big, 100_000, Settings().max_chars)
    figures.note(f"100 KB article in {Settings().max_chars:,}-char chunks through the real pipeline: {len(events)} events in "
                 f"{seconds:.1f} s, RSS {rss.start / 2**20:.0f} -> peak {rss.peak / 2**20:.0f} MB")
    _assert_middle_event(events, body, make_big)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("TACITUS_BIG_ARTICLE") != "1",
                    reason="the full 5 MB parse takes long (set TACITUS_BIG_ARTICLE=1)")
def test_5mb_article_middle_event_with_bounded_memory(nlp, make_big, figures) -> None:
    from tacitus.config import Settings

    max_chars = int(os.environ.get("TACITUS_BIG_MAX_CHARS", Settings().max_chars))
    events, rss, seconds, body = _extract_big(nlp, make_big, 5_000_000, max_chars)
    figures.note(f"5 MB article through the real pipeline ({max_chars:,}-char chunks): {len(events)} events "
                 f"in {seconds:.0f} s, "
                 f"RSS {rss.start / 2**20:.0f} -> peak {rss.peak / 2**20:.0f} MB")
    _assert_middle_event(events, body, make_big)
    assert rss.peak - rss.start < 3 * 2**30
