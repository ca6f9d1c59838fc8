"""Shared fixtures: the repository layout and one extractor per test process (the spaCy model
loads once; with pytest-xdist each worker loads it once)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


def score_tool() -> Path:
    """The shared gold scorer when the checkout sits beside ../shared, else our vendored copy of it
    (tests/tools/score_claims.py, the same file) so a clone elsewhere still runs the acceptance."""
    shared = SHARED / "tools" / "score_claims.py"
    return shared if shared.is_file() else REPO / "tests" / "tools" / "score_claims.py"


@pytest.fixture(scope="session")
def extractor():
    from claimledger.extract.pipeline import Extractor
    return Extractor()
