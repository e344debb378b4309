"""Robustness suite: hostile input, crashes, fuzzing, load and security.

Tests record what they did in the session's `figures` (inputs tried, rejections by
reason, crashes survived, fuzz examples run, load figures); the session ends with a
summary of them, so a CI log shows the numbers and not only "passed"."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VENV_BIN = Path(sys.executable).parent


class Figures:
    def __init__(self) -> None:
        self.inputs = 0
        self.accepted = 0
        self.rejected: Counter[str] = Counter()
        self.crashes = 0
        self.fuzz: Counter[str] = Counter()
        self.lines: list[str] = []  # free-form measured figures (RSS, req/s, ...)
        self.lost = 0  # articles lost or duplicated in any scenario (must stay 0)

    def tried(self, items: list[Any]) -> None:
        from tacitus.errors import InputError

        for item in items:
            self.inputs += 1
            if isinstance(item, InputError):
                self.rejected[item.reason] += 1
            else:
                self.accepted += 1

    def note(self, line: str) -> None:
        self.lines.append(line)
        print(line)


_FIGURES = Figures()


@pytest.fixture(scope="session")
def figures() -> Figures:
    return _FIGURES


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    f = _FIGURES
    if not (f.inputs or f.crashes or f.fuzz or f.lines):
        return
    tr = terminalreporter
    tr.section("robustness figures")
    reasons = ", ".join(f"{r}: {n}" for r, n in sorted(f.rejected.items())) or "none"
    tr.write_line(f"inputs tried: {f.inputs} (accepted {f.accepted}, rejected {sum(f.rejected.values())})")
    tr.write_line(f"rejected by reason: {reasons}")
    tr.write_line(f"crashes survived (SIGKILL during ingest): {f.crashes}")
    fuzz = ", ".join(f"{k}: {n}" for k, n in sorted(f.fuzz.items())) or "none"
    tr.write_line(f"fuzz examples run: {sum(f.fuzz.values())} ({fuzz})")
    tr.write_line(f"articles lost or duplicated: {f.lost}")
    for line in f.lines:
        tr.write_line(line)


def load_module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def make_big() -> Any:
    return load_module("make_big", FIXTURES / "make_big.py")


@pytest.fixture(scope="session")
def contract() -> Any:
    """The contract validator (tests/robustness/contract.py)."""
    return load_module("rb_contract", HERE / "contract.py")


@pytest.fixture(scope="session")
def webdemo() -> Any:
    """Demo DB builder and fake extractor shared with the web tests and scripts/loadtest.py."""
    return load_module("rb_loadtest", ROOT / "scripts" / "loadtest.py")
