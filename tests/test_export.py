"""Exports: PLOVER JSONL that score.py reads like extract output, the 61-column
GDELT TSV, Parquet and CSV; --where conditions that try to write are refused."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_store import corpus

from tacitus.cli import cli
from tacitus.errors import StoreError
from tacitus.records import to_json
from tacitus.store.api import open_db
from tacitus.store.export import GDELT_COLUMNS, export, gdelt_event_id
from tacitus.store.query import where_clause
from tacitus.store.testing import FakeExtractor
from tacitus.store.writer import ingest_articles

SCORE = Path("/work/shared/eval/score.py")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    arts, events = corpus()
    ingest_articles(path, arts, FakeExtractor(events))
    return path


def test_gdelt_tsv_has_the_61_columns_in_order(db: Path, tmp_path: Path) -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    out = tmp_path / "events.tsv"
    with open_db(db) as database:
        assert export(database.conn, "gdelt-tsv", out) == 3
        assault = database.events(type="ASSAULT")[0]
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert all(len(r) == 61 for r in rows)
    row = dict(zip(GDELT_COLUMNS, next(r for r in rows if r[0] == str(gdelt_event_id(assault["event_id"])))))
    assert row["SQLDATE"] == "20240306" and row["MonthYear"] == "202403" and row["Year"] == "2024"
    assert (
        row["Actor1Code"] == "RUSMIL"
        and row["Actor1CountryCode"] == "RUS"
        and row["Actor1Type1Code"] == "MIL"
    )
    assert row["Actor2Code"] == "UKR"
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("190", "190", "19")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-10.0")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FullName"] == "Odesa"
    assert row["ActionGeo_CountryCode"] == "UKR" and row["ActionGeo_Lat"] == "46.48"
    assert row["SOURCEURL"] == "https://n.example/1" and len(row["DATEADDED"]) == 14


def test_csv_and_parquet_exports(db: Path, tmp_path: Path) -> None:
    with open_db(db) as database:
        buf = io.StringIO()
        assert export(database.conn, "csv", buf, where="event_type = 'ASSAULT'") == 1
        assert export(database.conn, "parquet", tmp_path / "e.parquet") == 3
        assert export(database.conn, "parquet", str(tmp_path / "all") + "/") == 3
        with pytest.raises(StoreError, match="needs --out"):
            export(database.conn, "parquet", None)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (
        rows[0]["event_type"] == "ASSAULT"
        and rows[0]["n_mentions"] == "2"
        and rows[0]["contexts"] == "military"
    )
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 3 and "record" in table.column_names
    assert {p.name for p in (tmp_path / "all").iterdir()} == {
        "events.parquet",
        "mentions.parquet",
        "articles.parquet",
        "actors.parquet",
    }
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "SELECT count(*) AS n FROM mentions",
            "--parquet",
            str(tmp_path / "all"),
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"n": 4}


def test_events_level_export_has_one_record_per_event(db: Path) -> None:
    buf = io.StringIO()
    with open_db(db) as database:
        assert export(database.conn, "plover-jsonl", buf, level="events") == 3
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert sorted(r["n_mentions"] for r in recs) == [1, 1, 2]


@pytest.mark.skipif(not SCORE.exists(), reason="shared/eval/score.py is not there")
def test_score_reads_the_export_like_extract_output(db: Path) -> None:
    spec = importlib.util.spec_from_file_location("score", SCORE)
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    _, events = corpus()
    gold = [
        {
            "id": "a1",
            "events": [
                {
                    "event_type": "ASSAULT",
                    "actor": {"country": "RUS"},
                    "recipient": {"country": "UKR"},
                    "date": "2024-03-06",
                    "location": {"name": "Odesa", "country": "UKR"},
                },
                {
                    "event_type": "CONSULT",
                    "actor": {"country": "UKR"},
                    "recipient": {"country": "GRC"},
                    "symmetric": True,
                },
            ],
        },
        {
            "id": "a2",
            "events": [
                {"event_type": "ASSAULT", "actor": {"country": "RUS"}, "recipient": {"country": "UKR"}}
            ],
        },
        {
            "id": "a3",
            "events": [
                {"event_type": "PROTEST", "actor": {"country": "KEN"}, "recipient": None},
                {"event_type": "COERCE", "actor": {"country": "KEN"}},
            ],
        },
    ]
    extracted = [to_json(e) for evs in events.values() for e in evs]
    buf = io.StringIO()
    with open_db(db) as database:
        export(database.conn, "plover-jsonl", buf)
    exported = [json.loads(line) for line in buf.getvalue().splitlines()]
    expected = score.score(gold, extracted)
    assert expected["recall"] < 1.0 and expected["precision"] == 1.0  # a non-trivial score
    assert score.score(gold, exported) == expected


@pytest.mark.parametrize(
    "where",
    [
        "1=1; DROP TABLE events",
        "1=1); DELETE FROM events; SELECT (1",
        "event_type = 'X' -- comment",
        "1=1 /* x */",
        "(SELECT count(*) FROM read_csv('/etc/passwd')) > 0",
        "event_id IN (SELECT content FROM read_text('/etc/hostname'))",
        "1=1) TO '/tmp/tacitus-evil.csv' (FORMAT csv",
        "nonsense ((",
    ],
)
def test_where_injection_is_refused(db: Path, where: str, tmp_path: Path) -> None:
    with open_db(db) as database:
        with pytest.raises(StoreError):
            export(database.conn, "csv", tmp_path / "x.csv", where=where)
        assert database.stats()["events"] == 3
    assert not Path("/tmp/tacitus-evil.csv").exists()
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv", "--where", where])
    assert result.exit_code == 2 and "Error" in result.output


def test_where_clause_accepts_conditions() -> None:
    assert where_clause(None) == "TRUE"
    assert where_clause("n_sources >= 2 AND event_type IN ('ASSAULT', 'COERCE')").startswith("(")


def test_query_is_read_only(db: Path) -> None:
    runner = CliRunner()
    for sql in (
        "DELETE FROM events",
        "CREATE TABLE x AS SELECT 1",
        "ATTACH '/tmp/other.duckdb'",
        "COPY events TO '/tmp/x.csv'",
        "SELECT 1; DELETE FROM events",
        "INSTALL httpfs",
    ):
        result = runner.invoke(cli, ["query", sql, "--db", str(db)])
        assert result.exit_code == 2, (sql, result.output)
    result = runner.invoke(
        cli,
        [
            "query",
            "SELECT event_type, n_mentions FROM events ORDER BY 1",
            "--db",
            str(db),
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"event_type": "ASSAULT", "n_mentions": 2},
        {"event_type": "CONSULT", "n_mentions": 1},
        {"event_type": "PROTEST", "n_mentions": 1},
    ]
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchall() == [(3,)]


def test_export_cli_writes_plover_jsonl(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--db",
            str(db),
            "--format",
            "plover-jsonl",
            "--out",
            str(out),
            "--where",
            "n_sources >= 2",
        ],
    )
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["article_id"], r["n_sources"]) for r in recs] == [("a1", 2), ("a2", 2)]
