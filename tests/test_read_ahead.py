"""A finder's text-only work on another thread while spaCy parses (extract/read_ahead.py and the
``early`` protocol of extract/finders.py)."""
from __future__ import annotations

import threading
import time

import pytest

from claimledger.extract.finders import (NOT_READ, CombinedFinder, ReadingFinder, early_of, find_with,
                                         load_finder, reads_early)
from claimledger.extract.read_ahead import ReadAhead
from claimledger.ingest import document_from_text



def claim_to_dict(claim) -> dict:
    """A claim as JSON without the pipeline version (which names the finder)."""
    return {k: v for k, v in claim.to_dict().items() if "version" not in k}


TEXTS = [
    'Rebels said on Monday that 12 soldiers were killed near Goma. "We hold the road," a commander said.',
    "The ministry said the strike hit a school in Kharkiv. Officials denied it.",
    "Nothing here is attributed.",
]


# ------------------------------------------------------------------------------------ ReadAhead
def test_read_ahead_hands_out_each_result_in_order_from_another_thread():
    threads = []

    def work(text):
        threads.append(threading.get_ident())
        return text.upper()
    ahead = ReadAhead(work, ["a", "b", "c"])
    assert [ahead.get(k) for k in range(3)] == ["A", "B", "C"]
    assert threads and all(t != threading.get_ident() for t in threads)


def test_an_error_in_the_work_is_raised_for_that_text_only():
    def work(text):
        if text == "bad":
            raise ValueError("unreadable: bad")
        return len(text)
    ahead = ReadAhead(work, ["one", "bad", "three"])
    assert ahead.get(0) == 3
    with pytest.raises(ValueError, match="unreadable: bad"):
        ahead.get(1)
    assert ahead.get(2) == 5


def test_close_stops_the_thread_before_the_next_text():
    started = []
    release = threading.Event()

    def work(text):
        started.append(text)
        release.wait(5)
        return text
    ahead = ReadAhead(work, ["a", "b", "c"])
    while not started:
        time.sleep(0.01)
    ahead.close()
    release.set()
    ahead._thread.join(5)
    assert started == ["a"] and not ahead._thread.is_alive()
    with pytest.raises(RuntimeError, match="closed"):
        ahead.get(2)


def test_the_thread_runs_at_most_ahead_texts_before_the_reader():
    done = []

    def work(text):
        done.append(text)
        return text
    ahead = ReadAhead(work, ["a", "b", "c", "d"], ahead=2)
    time.sleep(0.3)
    assert done == ["a", "b"]                 # two results waiting: no room for a third
    assert ahead.get(0) == "a"
    deadline = time.time() + 5
    while len(done) < 3 and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    assert done == ["a", "b", "c"]            # one taken, one more read
    assert [ahead.get(k) for k in (1, 2, 3)] == ["b", "c", "d"]
    ahead.close()


# ------------------------------------------------------------------------------ the early protocol
class CountingFinder:
    """The rules, plus text-only work (the text's length) that find checks it was handed."""

    name = "counting"
    reads_early = True

    def __init__(self):
        self.rules = load_finder("rules")
        self.early_threads: list[int] = []
        self.handed: list = []

    def early(self, text):
        self.early_threads.append(threading.get_ident())
        return ("read", len(text))

    def find(self, doc, text, blocks, early=NOT_READ):
        self.handed.append(early)
        return self.rules.find(doc, text, blocks)


class FailingEarly(CountingFinder):
    def early(self, text):
        if "Kharkiv" in text:
            raise RuntimeError("tagger failed on this text")
        return super().early(text)


def test_combinations_read_early_when_a_part_does_and_hand_each_part_its_own_reading():
    rules, counting = load_finder("rules"), CountingFinder()
    assert not reads_early(rules) and reads_early(counting)
    assert early_of(rules, "abc") is NOT_READ
    combined, reading = CombinedFinder([rules, counting]), ReadingFinder(counting, rules)
    assert reads_early(combined) and reads_early(reading)
    assert not reads_early(CombinedFinder([rules, load_finder("rules")]))
    assert early_of(combined, "abcd") == [NOT_READ, ("read", 4)]
    assert early_of(reading, "abcd") == (("read", 4), NOT_READ)
    find_with(reading, None, "", [], (("read", 4), NOT_READ))
    assert counting.handed == [("read", 4)]
    find_with(reading, None, "", [])          # not read beforehand: the finder does its own work
    assert counting.handed[-1] is NOT_READ


def test_the_extractor_reads_early_on_another_thread_and_claims_do_not_change(extractor):
    from claimledger.extract.pipeline import Extractor
    counting = CountingFinder()
    ex = Extractor(nlp=extractor.nlp, finder=counting)
    docs = [document_from_text(t) for t in TEXTS]
    got = [[claim_to_dict(c) for c in claims] for _, claims in ex.extract(docs)]
    assert counting.handed == [("read", len(t)) for t in TEXTS]
    assert counting.early_threads and threading.get_ident() not in counting.early_threads
    plain = Extractor(nlp=extractor.nlp, finder="rules")
    assert got == [[claim_to_dict(c) for c in plain.extract_one(d)] for d in docs]
    assert any(got), "the texts have attributions: the comparison must not be of empty lists"


def test_an_error_in_early_fails_its_document_as_find_would_and_the_extractor_goes_on(extractor):
    from claimledger.extract.pipeline import Extractor
    ex = Extractor(nlp=extractor.nlp, finder=FailingEarly())
    docs = [document_from_text(t) for t in TEXTS]
    assert ex.extract_one(docs[0])
    with pytest.raises(RuntimeError, match="tagger failed"):
        ex.extract_one(docs[1])
    assert ex.extract_one(docs[0]) == ex.extract_one(docs[0])


def test_the_encoder_reads_early_and_gives_the_same_claims_as_without(extractor):
    from claimledger.attribution_model.encoder import weights_present
    from claimledger.extract.pipeline import Extractor
    if not weights_present():
        pytest.skip("the encoder's weights are not installed")
    ex = Extractor(nlp=extractor.nlp, finder="encoder:rules")
    assert reads_early(ex.finder)
    docs = [document_from_text(t) for t in TEXTS]
    ahead = [[claim_to_dict(c) for c in claims] for _, claims in ex.extract(docs)]
    serial = []
    for d in docs:                       # claims_from_parse: the finder tags the text itself
        spdoc, blks = ex.parse(d)
        serial.append([claim_to_dict(c) for c in ex.claims_from_parse(d, spdoc, blks)])
    assert ahead == serial and any(ahead)
