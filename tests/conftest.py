"""Shared fixtures: the repository layout and one extractor per test process (the spaCy model
loads once; with pytest-xdist each worker loads it once)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


def score_tool() -> Path | None:
    """The shared gold scorer when the checkout sits beside ../shared, else None: the acceptance
    tests then score with claimledger.evaluate.claims_gold, which applies the same rules."""
    shared = SHARED / "tools" / "score_claims.py"
    return shared if shared.is_file() else None


@pytest.fixture(scope="session")
def extractor():
    from claimledger.extract.pipeline import Extractor
    return Extractor()
