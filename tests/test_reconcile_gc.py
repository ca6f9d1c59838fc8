"""Reconcile collects cycles less often during a run and leaves the collector as it found it."""
import gc

import pytest

from claimledger.reconcile.run import _fewer_collections


@pytest.fixture
def thresholds():
    was = gc.get_threshold()
    yield
    gc.set_threshold(*was)


def test_longer_intervals_during_the_run_then_as_before(thresholds):
    gc.set_threshold(700, 10, 10)
    with _fewer_collections():
        assert gc.get_threshold() == (50_000, 20, 100)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_collector_turned_off_stays_off(thresholds):
    gc.set_threshold(0, 10, 10)
    with _fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)


def test_longer_intervals_set_by_the_caller_are_kept(thresholds):
    gc.set_threshold(100_000, 50, 200)
    with _fewer_collections():
        assert gc.get_threshold() == (100_000, 50, 200)
    assert gc.get_threshold() == (100_000, 50, 200)
