"""The claim contract over every bundled example and the hand-written articles: each claim
conforms to claim.schema.json, and every span is an offset into the input exactly as given
(plain text: the file's own text; HTML: the stored extraction of it)."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from claimledger import PIPELINE_VERSION, api
from claimledger.cli import main
from claimledger.models import claim_id

from articles import TEXTS, clean_env, write_articles
from conftest import EXAMPLES

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("clean_env")]

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/article.*"))


def _published(path: Path):
    gold = path.parent / "gold.json"
    return json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.is_file() else None


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("claimledger").joinpath("data/claim.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def extracted(extractor, tmp_path_factory):
    """(path, stored text, claim dicts, Document) for every example (dated by its gold) and article."""
    d = tmp_path_factory.mktemp("articles")
    files = list(EXAMPLE_FILES) + list(write_articles(d).values())
    out = []
    for path in files:
        failures = []
        got = list(api.extract([str(path)], published=_published(path), extractor=extractor,
                               on_failure=failures.append))
        assert not failures, failures
        [(doc, claims)] = got
        out.append((path, doc.text, [c.to_dict() for c in claims], doc))
    return out


def test_examples_are_all_there():
    assert len(EXAMPLE_FILES) >= 10
    assert {p.suffix for p in EXAMPLE_FILES} == {".txt", ".html"}


def test_every_input_gives_claims(extracted):
    for path, _, claims, _ in extracted:
        assert len(claims) >= 3, path


def test_every_claim_conforms_to_the_schema(extracted, validator):
    for path, _, claims, _ in extracted:
        for c in claims:
            errors = sorted(validator.iter_errors(c), key=lambda e: list(e.path))
            assert not errors, (path, c["content"], [f"{list(e.path)}: {e.message}" for e in errors])


def test_plain_text_is_stored_exactly_as_given(extracted):
    for path, text, _, _ in extracted:
        if path.suffix == ".txt":
            assert text == path.read_bytes().decode("utf-8").removeprefix("\ufeff"), path


def _slice(text: str, span) -> str:
    assert isinstance(span, list) and len(span) == 2 and 0 <= span[0] <= span[1] <= len(text), span
    return text[span[0]:span[1]]


def test_content_spans(extracted):
    split = 0
    for path, text, claims, _ in extracted:
        for c in claims:
            where = (path.name, c["content"])
            if c.get("spans"):
                split += 1
                pieces = c["spans"]
                assert len(pieces) >= 2, where
                assert c["span"] == [pieces[0][0], pieces[-1][1]], where
                assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:])), where    # in order, apart
                words = [_slice(text, p) for p in pieces]
                assert all(w.strip() for w in words), where
                assert " ".join(" ".join(words).split()) == " ".join(c["content"].split()), (where, words)
            else:
                assert _slice(text, c["span"]) == c["content"], where
            assert _slice(text, c["span"]) in c["sentence"] or c.get("spans"), where
    assert split >= 1          # the split-quote rule is exercised (ukraine_morozovsk_cues)


def test_source_and_cue_spans(extracted):
    sourced = cued = 0
    for path, text, claims, _ in extracted:
        for c in claims:
            where = (path.name, c["content"])
            src = c["source"]
            if "span" in src:
                sourced += 1
                assert _slice(text, src["span"]) == src["text"], where
            cue = c.get("cue")
            if cue and "span" in cue:
                cued += 1
                assert _slice(text, cue["span"]) == cue["text"], where
    assert sourced >= 50 and cued >= 50


def test_quantity_place_time_evidence_spans(extracted):
    for path, text, claims, _ in extracted:
        for c in claims:
            where = (path.name, c["content"])
            parts = list(c["quantities"]) + list(c["places"]) + list(c.get("evidence") or [])
            parts += [t for t in (c["event_time"], c["stated_at"]) if t]
            for part in parts:
                if "span" in part:
                    assert _slice(text, part["span"]) == part["text"], (where, part)


def test_verification_spans(extracted):
    for path, text, claims, _ in extracted:
        for c in claims:
            v = c["verification"]
            if v.get("span"):
                assert _slice(text, v["span"]) == v["text"], (path.name, c["content"])


def test_sentence_spans(extracted):
    for path, text, claims, _ in extracted:
        for c in claims:
            if c.get("sentence_span"):
                assert _slice(text, c["sentence_span"]) == c["sentence"], (path.name, c["content"])


def test_ids_are_stable_and_claims_stay_out_of_excluded_regions(extracted):
    for path, _, claims, doc in extracted:
        ids = [c["id"] for c in claims]
        assert len(ids) == len(set(ids)), path
        for c in claims:
            assert c["document_id"] == doc.id
            assert c["id"] == claim_id(doc.id, tuple(c["span"]))
            assert c["pipeline_version"] == PIPELINE_VERSION
            assert not doc.is_excluded(*c["span"]), (path.name, c["content"])


def test_cli_extract_over_all_examples(capsys, validator):
    """One CLI run over every example, without --published: JSONL that conforms, each line naming
    its input, offsets into that input, and no relative date resolved in an undated text."""
    assert main(["extract", *map(str, EXAMPLE_FILES), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    claims = [json.loads(line) for line in lines]
    assert len(claims) >= 10 * 3
    assert {c["document_path"] for c in claims} == {str(p) for p in EXAMPLE_FILES}
    texts = {}
    for c in claims:
        assert not list(validator.iter_errors(c)), c
        path = Path(c["document_path"])
        if path.suffix == ".txt":
            text = texts.setdefault(path, path.read_text(encoding="utf-8"))
            if not c.get("spans"):
                assert text[c["span"][0]:c["span"][1]] == c["content"]
            assert text[c["source"]["span"][0]:c["source"]["span"][1]] == c["source"]["text"] \
                if "span" in c["source"] else True
            for key in ("event_time", "stated_at"):      # HTML pages carry their own date
                t = c.get(key)
                if t and t["start"] is not None:         # resolved with no date: it names its year
                    assert re.search(r"\b(1[89]|20)\d\d\b", t["text"]), (key, t)


def test_hand_written_articles_attribute_the_said_that_claims(extracted):
    expected = {
        "kursk.txt": {("Ukrainian General Staff", "30 Russian soldiers were killed in the strike"),
                      ("Igor Konashenkov", "Russian troops had repelled the attack")},
        "fasher.txt": {("Nabil Abdallah", "the army still held the city centre")},
        "red_sea.txt": {("Yahya Saree", "the group had targeted the vessel with drones")},
    }
    assert set(expected) == set(TEXTS)
    for path, _, claims, _ in extracted:
        if path.name in expected:
            got = {(c["source"]["name"], c["content"]) for c in claims if c["attribution"] == "indirect"}
            assert expected[path.name] <= got, (path.name, got)


def test_time_of_the_saying_is_not_content(extractor):
    from claimledger.ingest import document_from_text
    doc = document_from_text("M23 rebels said on Monday they had beaten back an army offensive near Sake.\n"
                             "The army did not comment.\n", published="2024-02-13")
    [claim] = [c for c in extractor.extract_one(doc) if c.attribution == "indirect"]
    assert claim.content == "they had beaten back an army offensive near Sake"
    assert claim.stated_at and claim.stated_at.start == "2024-02-12"


def test_one_place_per_mention(extracted):
    for path, _, claims, _ in extracted:
        for c in claims:
            spans = sorted(tuple(p["span"]) for p in c["places"] if "span" in p)
            for a, b in zip(spans, spans[1:]):
                assert a[1] <= b[0], (path.name, c["content"], c["places"])
