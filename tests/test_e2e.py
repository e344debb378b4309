"""End to end on the seed article: the gold events are found with the right fields,
and the plain-text copy without a publication date gives the same dates (the year
is inferred from 'Monday (September 18)')."""
from __future__ import annotations

import json
import subprocess
import sys

from tacitus import scoring
from tacitus.evaluate import predict
from tacitus.ingest import read_articles


def test_seed_article_scores(extractor, shared):
    gold_path = shared / "examples" / "kim-putin-2023.gold.jsonl"
    result = scoring.score(scoring.read_jsonl(str(gold_path)), predict(gold_path, extractor))
    assert result["recall"] == 1.0
    assert result["precision"] >= 0.7
    assert result["forbidden_hits"] == 0
    for field in ("date", "location", "factuality", "attribution"):
        assert result[f"{field}_accuracy"] == 1.0, field


def test_txt_without_publication_date_gives_same_dates(extractor, shared):
    gold = [a for a in read_articles([shared / "examples" / "kim-putin-2023.gold.jsonl"])][0]
    txt = [a for a in read_articles([shared / "examples" / "kim-putin-2023.txt"])][0]
    assert txt.published is None
    dated = sorted((e.event_type, e.date, e.date_end) for r in extractor.pipe([gold]) for e in r.events)
    undated = sorted((e.event_type, e.date, e.date_end) for r in extractor.pipe([txt]) for e in r.events)
    assert dated == undated
    assert all(d is None or d.startswith("2023") for _, d, _ in undated)


def test_cli_extract_jsonl_is_contract_shaped(shared, tmp_path):
    out = subprocess.run([sys.executable, "-m", "tacitus.cli", "extract",
                          str(shared / "examples" / "kim-putin-2023.txt"), "--published", "2023-09-18"],
                         capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows
    required = {"event_id", "article_id", "event_type", "event_mode", "contexts", "cameo_code", "goldstein",
                "quad_class", "actor", "recipient", "date", "date_end", "date_precision", "location", "negated",
                "modality", "attributed_to", "attribution_cue", "evidence"}
    for row in rows:
        assert required <= row.keys()
        assert row["quad_class"] in (1, 2, 3, 4)
        ev = row["evidence"]
        assert ev["sentence"] and ev["trigger"]
