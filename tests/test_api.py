"""The library API the CLI is a thin layer over: ingest, extract, claims_jsonl, marked_text."""
from __future__ import annotations

import json

import pytest

from claimledger import PIPELINE_VERSION, api
from claimledger.cli import main
from claimledger.ledger import Ledger, open_ledger
from claimledger.models import Claim, Failure, Source
from claimledger.settings import Settings

from articles import FASHER, KURSK, RED_SEA, clean_env, write_articles

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("clean_env")]


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


def test_ingest_reports_counts_progress_and_failures(tmp_path, ledger, extractor):
    files = write_articles(tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    missing = tmp_path / "nope.txt"
    seen, failed = [], []
    report = api.ingest([str(tmp_path / "in"), str(missing)], ledger, extractor=extractor,
                        settings=Settings(db=":memory:"), progress=seen.append, on_failure=failed.append)
    assert report.documents == 3 and report.new_documents == 3 and not report.ok
    assert report.claims == ledger.stats()["claims"] > 0
    assert len(seen) == 5                                    # one tick per input, failures too
    assert [f.input for f in failed] == [str(tmp_path / "in" / "empty.txt"), str(missing)]
    assert [f.code for f in failed] == ["CL101", "CL105"]
    assert [f["input"] for f in ledger.failures()] == [f.input for f in failed]
    assert {d["path"] for d in ledger.documents()} == {str(p) for p in files.values()}
    for e in ledger.extractions():
        assert e["pipeline_version"] == PIPELINE_VERSION

    again = api.ingest([str(tmp_path / "in")], ledger, extractor=extractor, settings=Settings(db=":memory:"))
    assert (again.documents, again.new_documents, again.claims) == (3, 0, 0)
    assert len(again.failures) == 1


def test_ingest_uses_the_size_setting(tmp_path, ledger, extractor):
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    report = api.ingest([str(path)], ledger, extractor=extractor, settings=Settings(max_bytes=50))
    assert [f.code for f in report.failures] == ["CL104"] and report.documents == 0
    report = api.ingest([str(path)], ledger, extractor=extractor, settings=Settings(max_bytes=len(KURSK)))
    assert report.ok and report.new_documents == 1


class FlakyExtractor:
    """Raises for documents containing a word, else delegates to the real extractor."""

    def __init__(self, real, word):
        self.real, self.word = real, word

    def extract_one(self, doc):
        if self.word in doc.text:
            raise RuntimeError("boom")
        return self.real.extract_one(doc)


def test_an_extraction_crash_fails_one_document_and_loses_nothing(tmp_path, ledger, extractor):
    files = write_articles(tmp_path / "in")
    first = api.ingest([str(files["kursk.txt"])], ledger, extractor=extractor, settings=Settings())
    kept = {c["id"] for c in ledger.claims()}
    assert first.ok and kept

    flaky = FlakyExtractor(extractor, "El Fasher")
    report = api.ingest([str(files["fasher.txt"]), str(files["red_sea.txt"])], ledger, extractor=flaky,
                        settings=Settings())
    assert [f.input for f in report.failures] == [str(files["fasher.txt"])]
    assert report.new_documents == 2                            # stored, though not extracted
    assert "RuntimeError: boom" in report.failures[0].reason
    ids = {c["id"] for c in ledger.claims()}
    assert kept <= ids                                          # nothing earlier lost
    assert any("Yahya Saree" == (c["source"] or {}).get("name") for c in ledger.claims())

    # the failed document is extracted on the next run
    retry = api.ingest([str(files["fasher.txt"])], ledger, extractor=extractor, settings=Settings())
    assert retry.ok and retry.claims > 0 and retry.new_documents == 0
    assert any("El Fasher" in c["content"] for c in ledger.claims())


def test_extract_yields_in_input_order_and_reports_failures(tmp_path, extractor):
    files = write_articles(tmp_path / "in")
    missing = tmp_path / "in" / "missing.txt"
    failures: list[Failure] = []
    paths = [str(files["red_sea.txt"]), str(missing), str(files["kursk.txt"])]
    out = list(api.extract(paths, extractor=extractor, on_failure=failures.append, published="2024-12-17"))
    assert [doc.path for doc, _ in out] == [paths[0], paths[2]]
    assert [f.input for f in failures] == [str(missing)]
    for doc, claims in out:
        assert claims
        for c in claims:
            assert c.document_id == doc.id and c.document_path == doc.path
            assert doc.text[c.span[0]:c.span[1]] == c.content
    assert not (tmp_path / "cwd" / "claimledger.db").exists()


def test_extract_an_extraction_crash_is_one_failure(tmp_path, extractor):
    files = write_articles(tmp_path / "in")
    failures: list[Failure] = []
    out = list(api.extract([str(files["fasher.txt"]), str(files["kursk.txt"])],
                           extractor=FlakyExtractor(extractor, "El Fasher"), on_failure=failures.append))
    assert [doc.path for doc, _ in out] == [str(files["kursk.txt"])]
    assert failures[0].input == str(files["fasher.txt"]) and failures[0].code == "CL299"


def test_cli_and_api_store_the_same_claims(tmp_path, capsys, extractor):
    files = write_articles(tmp_path / "in")
    db1, db2 = tmp_path / "cli.db", tmp_path / "api.db"
    assert main(["--db", str(db1), "ingest", "--quiet", str(tmp_path / "in")]) == 0
    capsys.readouterr()
    with open_ledger(db2) as led:
        assert api.ingest([str(tmp_path / "in")], led, extractor=extractor, settings=Settings()).ok
        via_api = led.claims()
    with open_ledger(db1) as led:
        via_cli = led.claims()
    assert [c["id"] for c in via_cli] == [c["id"] for c in via_api]
    assert [c["content"] for c in via_cli] == [c["content"] for c in via_api]


def test_claims_jsonl_takes_claims_and_dicts():
    c = Claim(document_id="d_1", content="30 soldiers were killed", span=(10, 33),
              sentence="He said 30 soldiers were killed.", attribution="indirect",
              source=Source(text="He", name=None, kind="unnamed"))
    lines = list(api.claims_jsonl([c, {"id": "x", "content": "é"}]))
    assert json.loads(lines[0])["id"] == c.id and json.loads(lines[0])["span"] == [10, 33]
    assert lines[1] == '{"id": "x", "content": "é"}'           # not ASCII-escaped


def test_marked_text_brackets_claims_split_pieces_and_excluded_regions():
    text = '"Our units," he said, "hold the line." Share this article'
    first, second = text.index("Our units"), text.index("hold the line")
    pieces = [[first, first + len("Our units")], [second, second + len("hold the line")]]
    share = text.index("Share")
    doc = {"text": text, "excluded": [[share, len(text)]]}
    claims = [{
        "id": "c_1", "attribution": "direct_quote", "type": "statement",
        "span": [pieces[0][0], pieces[1][1]], "spans": pieces,
        "source": {"text": "he", "name": "Oleksandr Syrskyi", "kind": "person"},
        "cue": {"text": "said", "lemma": "say"}, "verification": {"status": "unknown"},
    }]
    before = json.dumps(claims, sort_keys=True)
    out = api.marked_text(doc, claims)
    assert out.splitlines()[0] == ('"⟦1 Our units⟧," he said, "⟦1 hold the line⟧." '
                                   '⟪excluded: Share this article⟫')
    assert "   1. [direct_quote/statement] Oleksandr Syrskyi (said); verification unknown; id c_1" in out
    assert json.dumps(claims, sort_keys=True) == before           # the caller's dicts are not changed
    assert api.marked_text({"text": "Nothing here.", "excluded": []}, []) == "Nothing here.\n\nClaims:"
