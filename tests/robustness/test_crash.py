"""`tacitus ingest` as a user runs it (a subprocess of the real CLI, with a fast fake
extractor): rejected inputs are never silent, exit codes, repeated SIGKILLs at random
points followed by a rerun lose and duplicate nothing, and a database locked by another
process is a clear message, not a traceback."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# The real CLI entry point, with the extractor replaced by a fake one (no spaCy: fast).
CLI = textwrap.dedent("""
    import os, sys
    import tacitus.store.commands as commands
    from tacitus.store.testing import FakeExtractor, make_event, state
    def rule(a):
        return [make_event(a.id, "ASSAULT", state("RUS"), state("UKR"), None, n=k) for k in range(3)]
    commands.make_extractor = lambda model: FakeExtractor(rule=rule, delay=float(os.environ.get("FAKE_DELAY", "0")))
    from tacitus.cli import main
    sys.argv = ["tacitus", *sys.argv[1:]]
    main()
""")
N_GOOD = 300


def tacitus(*args: str, delay: float = 0.0, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "FAKE_DELAY": str(delay)}
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def make_corpus(folder: Path) -> tuple[set[str], int]:
    """Good JSONL articles with a few broken lines, plus the bad-input fixtures.
    Returns the ids that must be stored and the number of rejections expected."""
    folder.mkdir()
    ids = set()
    for f in range(3):
        lines = []
        for i in range(N_GOOD // 3):
            aid = f"f{f}-{i:03d}"
            ids.add(aid)
            lines.append(json.dumps({"id": aid, "title": f"Report {aid}", "published": "2024-03-06",
                                     "text": f"Story {aid}: Russian forces shelled the city again on Tuesday, "
                                             f"officials said ({i * 7919 % 1000})."}))
            if i == 50:
                lines.append('{"id": "broken", "text": "unterminated')
        (folder / f"part{f}.jsonl").write_text("\n".join(lines) + "\n")
    for name in ("binary.txt", "empty.txt", "french.txt", "control_chars.txt", "dup_title.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    ids |= {"control_chars", "dup_title"}
    return ids, 3 + 3  # one broken line per part, binary, empty, french


def test_ingest_rejections_are_stored_counted_listed_and_exit_1(tmp_path: Path, figures, contract) -> None:
    ids, n_rejected = make_corpus(tmp_path / "corpus")
    db = tmp_path / "t.duckdb"
    run = tacitus("ingest", str(tmp_path / "corpus"), "--db", str(db), "-q")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{n_rejected} rejected" in run.stderr
    stats = contract.check_store(db)
    assert stats == {"ok": len(ids), "rejected": n_rejected, "mentions": 3 * len(ids)}
    listed = tacitus("errors", "--db", str(db), "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    reasons = sorted(r["error"].split(":")[0] for r in rows)
    assert reasons == ["binary", "empty", "jsonl", "jsonl", "jsonl", "language"]
    assert any(r["id"].endswith("part0.jsonl:52") for r in rows)
    assert all(r["status"] == "rejected" for r in rows)
    figures.note(f"ingest CLI: {len(ids)} stored, {n_rejected} rejected and listed by `tacitus errors`, exit 1")
    # a clean input exits 0; a rerun changes nothing
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"id": "clean-1", "text": "Putin met Kim in Vladivostok on Wednesday."}) + "\n")
    assert tacitus("ingest", str(clean), "--db", str(db), "-q").returncode == 0
    again = tacitus("ingest", str(tmp_path / "corpus"), "--db", str(db), "-q")
    assert again.returncode == 1 and contract.check_store(db)["ok"] == len(ids) + 1


def test_kill_9_at_random_points_then_rerun_loses_nothing(tmp_path: Path, figures, contract) -> None:
    ids, n_rejected = make_corpus(tmp_path / "corpus")
    db = tmp_path / "crash.duckdb"
    rng = random.Random(int(os.environ.get("TACITUS_CRASH_SEED", "9")))
    env = {**os.environ, "FAKE_DELAY": "0.004"}
    progress = []
    for k in range(5):
        proc = subprocess.Popen([sys.executable, "-c", CLI, "ingest", str(tmp_path / "corpus"), "--db", str(db),
                                 "-q", "--batch-size", "7"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        time.sleep(rng.uniform(0.8, 2.5))  # imports take ~1 s: some kills land early, most mid-ingest
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            assert proc.returncode == -signal.SIGKILL
            figures.crashes += 1
        proc.stderr.close()
        if db.exists():
            progress.append(contract.check_store(db)["ok"])  # opens after the crash, nothing half-stored
    final = tacitus("ingest", str(tmp_path / "corpus"), "--db", str(db), "-q")
    assert final.returncode == 1 and "Traceback" not in final.stderr
    stats = contract.check_store(db)
    with duckdb.connect(str(db), read_only=True) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM articles WHERE status = 'ok'").fetchall()}
    lost, extra = ids - stored, stored - ids
    figures.lost += len(lost) + len(extra)
    assert not lost and not extra
    assert stats == {"ok": len(ids), "rejected": n_rejected, "mentions": 3 * len(ids)}
    figures.note(f"crash test: ok articles stored after each of {len(progress)} kills: {progress}; "
                 f"after rerun {stats['ok']}/{len(ids)}, 0 lost, 0 duplicated")


@pytest.fixture
def locked_db(tmp_path: Path):
    db = tmp_path / "locked.duckdb"
    assert tacitus("ingest", str(FIXTURES / "broken.jsonl"), "--db", str(db), "-q").returncode == 1
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, time
        conn = duckdb.connect({str(db)!r})
        print("ready", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    yield db
    holder.kill()
    holder.wait()


@pytest.mark.parametrize("args", [
    ("ingest", str(FIXTURES / "broken.jsonl")), ("errors",), ("events",), ("query", "SELECT 1"),
    ("export", "--format", "csv"),
])
def test_locked_database_is_a_clear_message_and_exit_2(locked_db: Path, args) -> None:
    run = tacitus(*args, "--db", str(locked_db))
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "locked by another process" in run.stderr
    assert "Traceback" not in run.stderr and "duckdb." not in run.stderr.split("[")[0]


def test_locked_database_for_the_server_is_a_clear_message(locked_db: Path) -> None:
    run = tacitus("serve", "--db", str(locked_db), "--port", "1")
    assert run.returncode != 0 and "locked by another process" in run.stderr
    assert "Traceback" not in run.stderr


def test_fatal_errors_exit_2(tmp_path: Path) -> None:
    (tmp_path / "dir.duckdb").mkdir()
    run = tacitus("ingest", str(FIXTURES / "broken.jsonl"), "--db", str(tmp_path / "dir.duckdb"))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"this is not a database" * 100)
    run = tacitus("ingest", str(FIXTURES / "broken.jsonl"), "--db", str(garbage))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
