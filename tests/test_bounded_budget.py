"""The per-document time budget grows with the text, as extraction time does."""
from __future__ import annotations

import pytest

from claimledger.extract.bounded import BUDGET_CHARS, budget_for


@pytest.mark.parametrize("budget, chars, expected", [
    (60, 0, 60),                         # never less than the setting
    (60, 4_000, 60),
    (60, BUDGET_CHARS, 60),
    (60, BUDGET_CHARS + 1, 120),         # each 500,000 characters begun adds the setting again
    (60, 960_000, 120),                  # 'He said it. ' x 80,000 (about 73 CPU s here) fits
    (60, 10 * 1024 * 1024, 60 * 21),     # the largest input max_bytes lets in
    (3, 1_200_000, 9),
    (0, 1_000_000, 0),                   # 0: no worker, no bound
    (None, 1_000_000, None),
])
def test_budget_for(budget, chars, expected):
    assert budget_for(budget, chars) == expected
