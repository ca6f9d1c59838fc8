"""attribution_kind: what a claim attributes, from its cue and the cue's construction
(extract/attribution_kinds.py, data/attribution_kinds.tsv), on hand-built parses; stored, filtered
and shown."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution_kinds import construction_of, kind_for, kind_table
from claimledger.models import ATTRIBUTION_KINDS
from parse_helpers import parse


@pytest.mark.parametrize("lemma, construction, kind", [
    ("say", "clause", "assertion"),
    ("say", "quote", "assertion"),
    ("according to", "according_to", "assertion"),
    ("describe", "predicate", "evaluation"),
    ("describe", "clause", "assertion"),          # "described how the convoy was hit" is a report
    ("call", "predicate", "evaluation"),          # "called the raid a massacre"
    ("call", "prep:for", "directive"),            # "called for an inquiry"
    ("call for", "", "directive"),                # a two-word cue from a finder that knows no construction
    ("call", "clause", "assertion"),
    ("condemn", "object", "evaluation"),
    ("assess", "clause", "assertion"),
    ("assess", "object", "evaluation"),
    ("plan", "infinitive", "intention"),
    ("refuse", "infinitive", "intention"),
    ("hope", "clause", "intention"),
    ("expect", "infinitive", "intention"),        # "expects to take the town"
    ("expect", "clause", "assertion"),            # "expects that the town will fall"
    ("tell", "infinitive", "directive"),          # "told residents to leave"
    ("tell", "clause", "assertion"),
    ("warn", "infinitive", "directive"),
    ("warn", "clause", "assertion"),
    ("urge", "object", "directive"),
    ("ask", "question", "directive"),
    ("show", "object", "perception"),
    ("find", "clause", "perception"),             # "a UN survey found that ..."
    ("find", "predicate", "evaluation"),          # "found the conditions unacceptable"
    ("see", "clause", "perception"),
    ("determination", "noun", "intention"),       # "his determination to retake the port"
    ("claim", "noun", "assertion"),               # "the ministry's claim that 40 fighters died"
    ("call", "noun", "directive"),                # "the UN's call for a ceasefire"
    ("unheard-of-cue", "clause", "assertion"),
    ("", "", "assertion"),
    ("unheard-of-cue", "predicate", "evaluation"),
])
def test_kind_for_cue_and_construction(lemma, construction, kind):
    assert kind_for(lemma, construction) == kind


def test_kind_table_is_data_and_every_kind_is_known():
    table = kind_table()
    assert table[("*", "*")] == "assertion"
    assert set(table.values()) <= set(ATTRIBUTION_KINDS) and set(table.values()) == set(ATTRIBUTION_KINDS)


DESCRIBED_AS = parse("""
    He             PRON   nsubj      1
    described      VERB   ROOT       1   describe VBD
    the            DET    det        3
    raid           NOUN   dobj       1
    as             ADP    prep       3
    a              DET    det        6
    massacre       NOUN   pobj       4
    .              PUNCT  punct      1
""")
PLANS_TO = parse("""
    The            DET    det        1
    army           NOUN   nsubj      2
    plans          VERB   ROOT       2   plan VBZ
    to             PART   aux        4
    move           VERB   xcomp      2
    two            NUM    nummod     6
    brigades       NOUN   dobj       4   brigade NNS
    .              PUNCT  punct      2
""")
URGED_TO = parse("""
    Aid            NOUN   compound   1
    groups         NOUN   nsubj      2   group NNS
    urged          VERB   ROOT       2   urge VBD
    residents      NOUN   dobj       2   resident NNS
    to             PART   aux        5
    leave          VERB   xcomp      2
    .              PUNCT  punct      2
""")
VIDEO_SHOWS = parse("""
    Video          NOUN   nsubj      1
    shows          VERB   ROOT       1   show VBZ
    soldiers       NOUN   dobj       1   soldier NNS
    at             ADP    prep       2
    the            DET    det        5
    checkpoint     NOUN   pobj       3
    .              PUNCT  punct      1
""")
CALLED_FOR = parse("""
    The            DET    det        1
    mayor          NOUN   nsubj      2
    called         VERB   ROOT       2   call VBD
    for            ADP    prep       2
    an             DET    det        5
    inquiry        NOUN   pobj       3
    .              PUNCT  punct      2
""")
ASKED_WHETHER = parse("""
    She            PRON   nsubj      1
    asked          VERB   ROOT       1   ask VBD
    whether        SCONJ  mark       6
    the            DET    det        4
    convoy         NOUN   nsubjpass  6
    was            AUX    auxpass    6   be VBD
    hit            VERB   ccomp      1   hit VBN
    .              PUNCT  punct      1
""")
SURVEY_FOUND = parse("""
    A              DET    det        2
    UN             PROPN  compound   2
    survey         NOUN   nsubj      3
    found          VERB   ROOT       3   find VBD
    that           SCONJ  mark       8
    most           ADJ    amod       6
    residents      NOUN   nsubj      8   resident NNS
    had            AUX    aux        8   have VBD
    fled           VERB   ccomp      3   flee VBN
    .              PUNCT  punct      3
""")
SAID = parse("""
    The            DET    det        1
    ministry       NOUN   nsubj      2
    said           VERB   ROOT       2   say VBD
    40             NUM    nummod     4
    fighters       NOUN   nsubj      5   fighter NNS
    died           VERB   ccomp      2   die VBD
    .              PUNCT  punct      2
""")


@pytest.mark.parametrize("doc, cue, construction, kind", [
    (DESCRIBED_AS, 1, "predicate", "evaluation"),
    (PLANS_TO, 2, "infinitive", "intention"),
    (URGED_TO, 2, "infinitive", "directive"),
    (VIDEO_SHOWS, 1, "object", "perception"),
    (CALLED_FOR, 2, "prep:for", "directive"),
    (ASKED_WHETHER, 1, "question", "directive"),
    (SURVEY_FOUND, 3, "clause", "perception"),
    (SAID, 2, "clause", "assertion"),
], ids=["described-as", "plans-to", "urged-to", "video-shows", "called-for", "asked-whether",
        "survey-found", "said"])
def test_construction_read_off_the_parse(doc, cue, construction, kind):
    tok = doc[cue]
    assert construction_of(tok) == construction
    assert kind_for(tok.lemma_, construction_of(tok)) == kind


def test_construction_from_the_content_root():
    assert construction_of(SAID[2], SAID[5]) == "clause"
    assert construction_of(PLANS_TO[2], PLANS_TO[4]) == "infinitive"
    assert construction_of(CALLED_FOR[2], CALLED_FOR[5]) == "prep:for"
    assert construction_of(DESCRIBED_AS[1], DESCRIBED_AS[3]) == "predicate"


def test_a_noun_cue_is_a_noun_construction():
    doc = parse("""
        his            PRON   poss       1
        determination  NOUN   ROOT       1
        to             PART   aux        3
        retake         VERB   acl        1
        the            DET    det        5
        port           NOUN   dobj       3
    """)
    assert construction_of(doc[1]) == "noun"
    assert kind_for("determination", construction_of(doc[1])) == "intention"


# ------------------------------------------------------------------------------- stored, filtered, shown

from dataclasses import replace  # noqa: E402
import json  # noqa: E402
import sqlite3  # noqa: E402

from claimledger.ledger import Ledger  # noqa: E402
from claimledger.ledger.base import claim_row, load_migrations  # noqa: E402
from test_ledger import claims_for, make_doc  # noqa: E402

KINDS = ["assertion", "evaluation", "intention", None]     # one per claim of test_ledger.claims_for


def _kinded(doc):
    return [replace(c, attribution_kind=k) for c, k in zip(claims_for(doc), KINDS)]


@pytest.fixture
def kinded(tmp_path):
    path = tmp_path / "kinds.db"
    doc = make_doc()
    with Ledger(path) as led:
        led.add_document(doc)
        led.add_claims(doc.id, _kinded(doc), "1.0")
    return path, doc


def test_kind_round_trips_through_the_ledger_and_filters(kinded):
    path, doc = kinded
    with Ledger(path) as led:
        rows = led.claims()
        assert [c.get("attribution_kind") for c in rows] == KINDS
        assert [c["attribution_kind"] for c in led.claims(kind="evaluation")] == ["evaluation"]
        assert [c["attribution_kind"] for c in led.claims(kind=["intention", "assertion"])] == ["assertion", "intention"]
        assert len(led.claims(kind="unknown")) == 1 and led.claims(kind="unknown")[0].get("attribution_kind") is None
        assert [c.get("attribution_kind") for c in led.claims(kind=["unknown", "evaluation"])] == ["evaluation", None]
        assert led.claims(kind="directive") == []
        one = led.claim(rows[1]["id"])
        assert one["attribution_kind"] == "evaluation"
        column = led.conn.execute("SELECT attribution_kind FROM claims WHERE id = ?", (rows[1]["id"],)).fetchone()[0]
        assert column == "evaluation"


def test_claims_stored_before_migration_0005_keep_their_rows_with_no_kind(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    doc = make_doc()
    old = [m for m in load_migrations() if m.number < 5]
    monkeypatch.setattr("claimledger.ledger.sqlite.load_migrations", lambda: old)
    with Ledger(path) as led:
        led.add_document(doc)
        claim = claims_for(doc)[0]
        row = claim_row(claim, "0.9")
        row.pop("attribution_kind")
        data = json.loads(row["data"])
        data.pop("attribution_kind")
        row.update(data=json.dumps(data), created_at="2024-01-01T00:00:00Z", updated_at="2024-01-01T00:00:00Z")
        with led.transaction() as conn:
            conn.execute(f"INSERT INTO claims ({', '.join(row)}) VALUES ({', '.join(':' + c for c in row)})", row)
    monkeypatch.undo()
    with Ledger(path) as led:
        assert [m["number"] for m in led.migrations()][-1] >= 5
        rows = led.claims()
        assert [c["id"] for c in rows] == [claim.id] and "attribution_kind" not in rows[0]
        assert [c["id"] for c in led.claims(kind="unknown")] == [claim.id]
        assert led.claims(kind="assertion") == []
        led.add_claims(doc.id, [replace(claim, attribution_kind="assertion")], "1.0")   # re-extracted
        assert [c["attribution_kind"] for c in led.claims(kind="assertion")] == ["assertion"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 1


def test_cli_claims_kind_filter_and_show(kinded, capsys):
    from claimledger.cli import main
    path, doc = kinded
    assert main(["--db", str(path), "claims", "--kind", "intention", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [c["attribution_kind"] for c in rows] == ["intention"]
    assert main(["--db", str(path), "claims", "--kind", "unknown", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "attribution_kind" in out[0].split(",")
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(path), "claims", "--kind", "rumour"])
    assert exc.value.code == 2
    capsys.readouterr()
    assert main(["--db", str(path), "show", doc.id]) == 0
    out = capsys.readouterr().out
    assert "(said); evaluation; verification" in out and "(said); intention; verification" in out


def test_api_claims_kind_filter(kinded):
    from fastapi.testclient import TestClient
    from claimledger.serve import create_app
    path, _ = kinded
    with TestClient(create_app(str(path))) as client:
        items = client.get("/api/claims", params={"kind": "evaluation"}).json()["items"]
        assert [c["attribution_kind"] for c in items] == ["evaluation"]
        assert len(client.get("/api/claims", params={"kind": "unknown"}).json()["items"]) == 1
        assert len(client.get("/api/claims").json()["items"]) == 4
        assert client.get("/api/claims", params={"kind": "rumour"}).status_code in (400, 422)
        spec = client.get("/openapi.json").json()
        assert "kind" in {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}


@pytest.mark.model
@pytest.mark.parametrize("text, content, kind", [
    ("The ministry said 40 fighters died in the attack.", "40 fighters died in the attack", "assertion"),
    ("A UN survey found that most residents had fled the town.", "most residents had fled the town", "perception"),
    ("The commander boasted that his troops had taken the bridge.", "his troops had taken the bridge", "evaluation"),
    ("Shelling killed five people in the town on Monday.", "Shelling killed five people in the town on Monday",
     "assertion"),
])
def test_extracted_claims_carry_their_kind(extractor, text, content, kind):
    from claimledger.ingest import document_from_text
    claims = extractor.extract_one(document_from_text(text, path="t.txt"))
    got = {c.content: c.attribution_kind for c in claims}
    assert got.get(content) == kind, got


@pytest.mark.model
def test_a_finder_that_gives_no_kind_gets_one_from_its_cue(extractor):
    from claimledger.extract.finders import AttributionSpan
    from claimledger.extract.pipeline import Extractor
    from claimledger.ingest import document_from_text
    text = "The army plans to move two brigades to the border."

    class CueOnly:
        name = "cue-only"

        def find(self, doc, text, blocks):
            s = text.index("plans")
            c = text.index("to move")
            return [AttributionSpan(content=[(c + 3, len(text) - 1)], cue=(s, s + 5), source=(0, 8))]

    ex = Extractor(nlp=extractor.nlp, finder=CueOnly())
    claims = ex.extract_one(document_from_text(text, path="t.txt"))
    assert [(c.content, c.attribution_kind) for c in claims] == [("move two brigades to the border", "intention")]


@pytest.mark.model
def test_continued_quote_claim_names_the_claim_it_continues(extractor):
    from claimledger.ingest import document_from_text
    text = '"Our units have crossed the river," Colonel Dmitri Volkov told reporters. "The enemy is retreating."'
    claims = [c for c in extractor.extract_one(document_from_text(text, path="t.txt")) if c.attribution != "author"]
    assert [c.content for c in claims] == ["Our units have crossed the river", "The enemy is retreating"]
    assert claims[1].continues == claims[0].id and claims[0].continues is None
    assert claims[1].attribution_kind == "assertion"
