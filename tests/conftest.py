"""Shared fixtures: the real spaCy model and the default resources, loaded once per
test session (they are the expensive part)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from tacitus.nlp import load_model
    from tacitus.config import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def extractor(nlp):
    from tacitus.pipeline import Extractor

    ex = Extractor(nlp=nlp)
    ex.coder  # load the KB, lexicon and gazetteer once
    return ex


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
