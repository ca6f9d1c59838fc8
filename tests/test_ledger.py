"""The SQLite ledger, with hand-built Documents and Claims (no spaCy)."""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from claimledger.errors import LedgerError, UsageError
from claimledger.ledger import Ledger, claim_from_dict, document_from_dict, open_ledger
from claimledger.ledger.base import Migration, load_migrations
from claimledger.models import Claim, Cue, Document, Failure, Place, Quantity, Source, TimeExpr

TEXT = (
    "Pentagon press secretary Pat Ryder said that North Korean troops were deployed to Kursk. "
    "\u201cOur units hold the line near Pokrovsk,\u201d Zelensky said. "
    "According to the Russian Defence Ministry, 30 Ukrainian soldiers were killed in Sudzha. "
    "It is thought that the strike on Kharkiv's power plant was carried out on Saturday. "
    "Subscribe to our newsletter"
)
URL = "https://example.org/news/kursk"


def make_doc(text: str = TEXT, url: str | None = URL, published: str | None = "2024-11-05", **kw) -> Document:
    doc = Document(text=text, url=url, title="Kursk", outlet="Example News", published=published,
                   language="en", path="kursk.html", content_type="html", meta={"site": "example"}, **kw)
    if "Subscribe" in text:
        start = text.index("Subscribe")
        doc.exclude(start, len(text), "newsletter")
    return doc


def sentence_of(text: str, start: int) -> tuple[str, tuple[int, int]]:
    s = text.rfind(". ", 0, start)
    s = 0 if s < 0 else s + 2
    e = text.find(". ", start)
    e = len(text) if e < 0 else e + 1
    return text[s:e], (s, e)


def make_claim(doc: Document, content: str, source: Source, *, attribution="indirect", type="statement",
               places=(), event=None, stated=None, quantities=(), confidence=0.9) -> Claim:
    start = doc.text.index(content)
    sentence, sentence_span = sentence_of(doc.text, start)
    s = doc.text.find(source.text)
    source = replace(source, span=(s, s + len(source.text)) if s >= 0 else None)
    said = max(doc.text.find("said"), 0)
    return Claim(document_id=doc.id, content=content, span=(start, start + len(content)), sentence=sentence,
                 sentence_span=sentence_span, attribution=attribution, source=source, type=type,
                 cue=Cue("said", "say", (said, said + 4)), places=list(places), event_time=event, stated_at=stated,
                 quantities=list(quantities), confidence=confidence)


RYDER = Source("Pentagon press secretary Pat Ryder", "Pat Ryder", "person", role="Pentagon press secretary",
               affiliation="Pentagon", party="US")
ZELENSKY = Source("Zelensky", "Volodymyr Zelensky", "person", role="President", affiliation="Ukraine", party="UA")
MOD = Source("the Russian Defence Ministry", "Ministry of Defence of Russia", "government", affiliation="Russia",
             party="RU")
UNNAMED = Source("It is thought", None, "unnamed")

KURSK = Place("Kursk", "Kursk", geonames_id=538560, admin1="Kursk Oblast", country="RU", feature="settlement")
POKROVSK = Place("Pokrovsk", "Pokrovsk", geonames_id=708030, admin1="Donetsk Oblast", country="UA")
SUDZHA = Place("Sudzha", "Sudzha", admin1="Kursk Oblast", country="RU")          # no geonames id
KHARKIV = Place("Kharkiv's", "Kharkiv", geonames_id=706483, admin1="Kharkiv Oblast", country="UA")


def claims_for(doc: Document) -> list[Claim]:
    return [
        make_claim(doc, "North Korean troops were deployed to Kursk", RYDER, type="deployment", places=[KURSK],
                   event=TimeExpr("on Monday", "2024-10-28", "2024-10-28", "day")),
        make_claim(doc, "Our units hold the line near Pokrovsk", ZELENSKY, attribution="direct_quote",
                   type="territorial_control", places=[POKROVSK],
                   event=TimeExpr("now", None, None, "unresolved"),
                   stated=TimeExpr("in November", "2024-11", "2024-11", "month")),
        make_claim(doc, "30 Ukrainian soldiers were killed in Sudzha", MOD, attribution="according_to",
                   type="casualties", places=[SUDZHA],
                   quantities=[Quantity("30", 30.0, 30.0, 30.0, category="killed", unit="Ukrainian soldiers")]),
        make_claim(doc, "the strike on Kharkiv's power plant was carried out on Saturday", UNNAMED,
                   attribution="passive_unattributed", type="attack", places=[KHARKIV],
                   event=TimeExpr("on Saturday", "2024-11-02", "2024-11-02", "day")),
    ]


@pytest.fixture
def ledger():
    with Ledger(":memory:") as led:
        yield led


@pytest.fixture
def loaded(ledger):
    doc = make_doc()
    doc_id, _ = ledger.add_document(doc)
    ledger.add_claims(doc_id, claims_for(doc), "1.0")
    return ledger, doc


def contents(rows):
    return [r["content"] for r in rows]


C1, C2, C3, C4 = (
    "North Korean troops were deployed to Kursk",
    "Our units hold the line near Pokrovsk",
    "30 Ukrainian soldiers were killed in Sudzha",
    "the strike on Kharkiv's power plant was carried out on Saturday",
)


# -- opening and migrations ---------------------------------------------------------------------

def test_migrations_recorded_once_and_idempotent(tmp_path):
    path = tmp_path / "ledger.db"
    with Ledger(path) as led:
        first = led.migrations()
        assert [(m["number"], m["name"]) for m in first] == [(m.number, m.name) for m in load_migrations()]
        assert first[0]["applied_at"]
        led._migrate(load_migrations())          # applying again changes nothing
        assert led.migrations() == first
    with Ledger(path) as led:                    # nor does reopening
        assert led.migrations() == first


def test_migration_files_are_numbered_and_named():
    migrations = load_migrations()
    assert [m.number for m in migrations] == sorted({m.number for m in migrations})
    assert migrations[0].name == "0001_initial" and "CREATE TABLE claims" in migrations[0].sql


def test_database_from_newer_code_is_refused_untouched(tmp_path):
    path = tmp_path / "ledger.db"
    Ledger(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES (9999, '9999_future', '2030-01-01')")
    before = path.read_bytes()
    with pytest.raises(LedgerError) as err:
        Ledger(path)
    assert err.value.code == "CL302"
    assert "9999_future" in str(err.value) and "newer claimledger" in str(err.value)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT number FROM migrations ORDER BY number").fetchall() == \
        [(m.number,) for m in load_migrations()] + [(9999,)]
    conn.close()
    assert path.read_bytes() == before


def test_database_with_a_different_migration_history_is_refused(tmp_path):
    path = tmp_path / "ledger.db"
    Ledger(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE migrations SET name = '0001_something_else'")
    with pytest.raises(LedgerError) as err:
        Ledger(path)
    assert err.value.code == "CL303"


def test_failed_migration_rolls_back_with_its_record(ledger):
    bad = Migration(9000, "9000_broken", "CREATE TABLE extra (x INTEGER);\nCREATE TABLE oops (;\n")
    with pytest.raises(LedgerError) as err:
        ledger._migrate([*load_migrations(), bad])
    assert err.value.code == "CL303" and "9000_broken" in str(err.value)
    assert [m["number"] for m in ledger.migrations()] == [m.number for m in load_migrations()]
    tables = {r[0] for r in ledger.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "extra" not in tables


def test_file_ledger_uses_wal_and_foreign_keys(tmp_path):
    with Ledger(tmp_path / "ledger.db") as led:
        assert led.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert led.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert led.conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0] == 1


def test_unopenable_file_is_a_ledger_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError) as err:
        Ledger(junk)
    assert err.value.code == "CL301" and str(junk) in str(err.value)


def test_other_sqlite_databases_are_not_taken_over(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    before = other.read_bytes()
    with pytest.raises(LedgerError) as err:
        Ledger(other)
    assert err.value.code == "CL301" and "not a claimledger ledger" in str(err.value)
    assert other.read_bytes() == before


def test_open_ledger_paths_and_urls(tmp_path):
    with open_ledger(tmp_path / "a.db") as led:
        assert led.path == str(tmp_path / "a.db")
    with open_ledger(f"sqlite:///{tmp_path}/b.db") as led:
        assert led.path == f"{tmp_path}/b.db"
    with open_ledger("sqlite://") as led:
        assert led.path == ":memory:"
    with pytest.raises(LedgerError) as err:
        open_ledger("postgresql://user:secret@127.0.0.1:5432/claims")
    assert err.value.code == "CL306" and "secret" not in str(err.value)
    with pytest.raises(LedgerError):
        open_ledger("mysql://localhost/claims")


def test_tracer_sees_sql():
    seen = []
    with Ledger(":memory:", tracer=seen.append) as led:
        led.stats()
    assert any("CREATE TABLE claims" in s for s in seen)
    assert any("COUNT(DISTINCT identity_key)" in s for s in seen)


# -- documents ----------------------------------------------------------------------------------

def test_identical_document_is_stored_once(ledger):
    doc = make_doc()
    assert ledger.add_document(doc) == (doc.id, True)
    assert ledger.add_document(make_doc()) == (doc.id, False)
    # re-wrapped whitespace and typographic quotes are the same document
    rewrapped = make_doc(text=TEXT.replace(". ", ".\n  ").replace("\u201c", '"'))
    assert ledger.add_document(rewrapped) == (doc.id, False)
    stats = ledger.stats()
    assert (stats["documents"], stats["versions"]) == (1, 1)


def test_changed_text_at_same_url_is_a_new_version_and_the_old_is_kept(ledger):
    old = make_doc()
    new = make_doc(text=TEXT.replace("30 Ukrainian", "40 Ukrainian"))
    old_id, _ = ledger.add_document(old)
    new_id, is_new = ledger.add_document(new)
    assert is_new and new_id != old_id
    kept = ledger.document(old_id)
    assert kept["text"] == TEXT and kept["version"] == 1 and kept["superseded_by"] == new_id
    current = ledger.document(new_id)
    assert current["version"] == 2 and current["superseded_by"] is None and "40 Ukrainian" in current["text"]
    assert [d["id"] for d in ledger.documents()] == [new_id]
    assert [d["id"] for d in ledger.documents(include_superseded=True)] == [old_id, new_id]
    third_id, _ = ledger.add_document(make_doc(text=TEXT + " Updated."))
    assert ledger.document(third_id)["version"] == 3
    assert ledger.document(new_id)["superseded_by"] == third_id
    assert ledger.document(old_id)["superseded_by"] == new_id
    stats = ledger.stats()
    assert (stats["documents"], stats["versions"]) == (1, 3)


def test_documents_without_url_are_identified_by_text(ledger):
    a, _ = ledger.add_document(make_doc(url=None))
    b, _ = ledger.add_document(make_doc(text=TEXT + " More.", url=None))
    assert a != b
    assert ledger.document(a)["version"] == ledger.document(b)["version"] == 1
    assert ledger.document(a)["identity_key"].startswith("text:")


def test_document_dict_has_text_excluded_regions_and_metadata(ledger):
    doc = make_doc()
    doc_id, _ = ledger.add_document(doc)
    d = ledger.document(doc_id)
    start = TEXT.index("Subscribe")
    assert d["excluded"] == [[start, len(TEXT)]] and d["excluded_reasons"] == ["newsletter"]
    assert d["text"] == TEXT and d["text_hash"] == doc.text_hash
    assert (d["url"], d["title"], d["published"], d["outlet"], d["content_type"]) == (
        URL, "Kursk", "2024-11-05", "Example News", "html")
    assert d["meta"] == {"site": "example"} and d["truncated"] is False and d["ingested_at"]
    assert ledger.document("d_missing") is None
    listed = ledger.documents()[0]
    assert "text" not in listed and listed["claims"] == 0


def test_document_round_trips_through_document_from_dict(ledger):
    doc = make_doc(truncated=True, body_start=5)
    doc_id, _ = ledger.add_document(doc)
    rebuilt = document_from_dict(ledger.document(doc_id))
    assert rebuilt == doc and rebuilt.id == doc_id


# -- claims: upsert, stable ids, retraction ---------------------------------------------------------

def test_add_claims_stores_schema_dicts(loaded):
    ledger, doc = loaded
    rows = ledger.claims()
    assert contents(rows) == [C1, C2, C3, C4]
    originals = {c.id: c.to_dict() for c in claims_for(doc)}
    for row in rows:
        expected = dict(originals[row["id"]], pipeline_version="1.0")
        assert row == expected
        assert row["document_id"] == doc.id
    assert ledger.documents()[0]["claims"] == 4
    stats = ledger.stats()
    assert stats["claims"] == 4 and stats["sources"] == 3 and stats["places"] == 4   # unnamed source: no row
    assert ledger.extractions(doc.id)[0]["claim_count"] == 4
    assert ledger.has_extraction(doc.id) and ledger.has_extraction(doc.id, "1.0")
    assert not ledger.has_extraction(doc.id, "2.0") and not ledger.has_extraction("d_other")


def test_stored_claims_follow_the_claim_schema(loaded):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path("/work/shared/schema/claim.schema.json")
    if not schema_path.exists():
        pytest.skip("claim schema not available")
    schema = json.loads(schema_path.read_text())
    ledger, _ = loaded
    for row in ledger.claims():
        jsonschema.validate(row, schema)


def test_reextraction_keeps_ids_and_annotations(loaded):
    ledger, doc = loaded
    before = {r["content"]: r["id"] for r in ledger.claims()}
    note = ledger.add_annotation(before[C3], "analyst", "Figure not confirmed elsewhere.")
    again = claims_for(doc)
    again[2].confidence = 0.5
    again[0].source = Source(RYDER.text, "Patrick Ryder", "person", role=RYDER.role, affiliation="Pentagon")
    assert ledger.add_claims(doc.id, again, "2.0") == 4
    rows = {r["content"]: r for r in ledger.claims()}
    assert {c: r["id"] for c, r in rows.items()} == before
    assert rows[C3]["confidence"] == 0.5 and rows[C3]["pipeline_version"] == "2.0"
    assert rows[C1]["source"]["name"] == "Patrick Ryder"
    assert [a["id"] for a in ledger.annotations(before[C3])] == [note]
    assert ledger.annotations(before[C3])[0]["body"] == "Figure not confirmed elsewhere."
    assert [(e["pipeline_version"], e["claim_count"]) for e in ledger.extractions(doc.id)] == [("1.0", 4), ("2.0", 4)]
    # the full-text index followed the upsert
    assert contents(ledger.claims(search="Patrick")) == [C1]
    assert ledger.stats()["claims"] == 4


def test_claims_a_new_extraction_drops_are_kept_but_hidden(loaded):
    ledger, doc = loaded
    dropped_id = claims_for(doc)[2].id
    ledger.add_annotation(dropped_id, None, "keep me")
    kept = [c for c in claims_for(doc) if c.content != C3]
    assert ledger.add_claims(doc.id, kept, "2.0") == 3
    second = ledger.extractions(doc.id)[-1]
    assert second["retracted_count"] == 1
    assert contents(ledger.claims()) == [C1, C2, C4]
    assert ledger.claims(search="Sudzha") == [] and ledger.claims(type="casualties") == []
    everything = ledger.claims(include_retracted=True)
    assert contents(everything) == [C1, C2, C3, C4]
    retracted = everything[2]
    assert retracted["id"] == dropped_id and retracted["retracted_by_extraction"] == second["id"]
    assert retracted["pipeline_version"] == "1.0"
    assert ledger.annotations(dropped_id)[0]["body"] == "keep me"
    stats = ledger.stats()
    assert (stats["claims"], stats["claims_retracted"]) == (3, 1)
    # a later extraction that produces it again brings it back
    ledger.add_claims(doc.id, claims_for(doc), "3.0")
    assert contents(ledger.claims()) == [C1, C2, C3, C4]
    assert "retracted_by_extraction" not in ledger.claims(type="casualties")[0]


def test_empty_extraction_retracts_everything_but_deletes_nothing(loaded):
    ledger, doc = loaded
    assert ledger.add_claims(doc.id, [], "2.0") == 0
    assert ledger.claims() == []
    assert len(ledger.claims(include_retracted=True)) == 4


def test_claims_of_superseded_versions_are_hidden_by_default(loaded):
    ledger, doc = loaded
    new = make_doc(text=TEXT.replace("30 Ukrainian", "40 Ukrainian"))
    new_id, _ = ledger.add_document(new)
    ledger.add_claims(new_id, [make_claim(new, C1, RYDER, type="deployment")], "1.0")
    assert [r["document_id"] for r in ledger.claims()] == [new_id]
    assert len(ledger.claims(document_id=doc.id)) == 4           # asked for by id: shown
    assert len(ledger.claims(include_superseded=True)) == 5
    assert ledger.stats()["claims"] == 1


def test_add_claims_checks_the_document(ledger):
    doc = make_doc()
    with pytest.raises(LedgerError) as err:
        ledger.add_claims(doc.id, claims_for(doc), "1.0")
    assert err.value.code == "CL305"
    ledger.add_document(doc)
    other = make_doc(text="Another text entirely, officials said.", url="https://example.org/other")
    with pytest.raises(LedgerError):
        ledger.add_claims(other.id, claims_for(doc), "1.0")
    assert ledger.stats()["extractions"] == 0


def test_annotation_needs_an_existing_claim(ledger):
    with pytest.raises(LedgerError) as err:
        ledger.add_annotation("c_nope", "me", "note")
    assert err.value.code == "CL305"


def test_failures_are_recorded(ledger):
    fid = ledger.record_failure(Failure("bad.pdf", "binary file", "CL102"))
    assert ledger.failures() == [
        {"id": fid, "input": "bad.pdf", "reason": "binary file", "code": "CL102", "at": ledger.failures()[0]["at"],
         "document_id": None, "stage": None}]
    assert ledger.stats()["failures"] == 1


# -- claims(): filters --------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, expected", [
    ({}, [C1, C2, C3, C4]),
    # source: canonical name, source text, role, affiliation; any case, substring
    ({"source": "ryder"}, [C1]),
    ({"source": "PRESS SECRETARY"}, [C1]),
    ({"source": "pentagon"}, [C1]),
    ({"source": "Volodymyr"}, [C2]),
    ({"source": "ukraine"}, [C2]),
    ({"source": "defence ministry"}, [C3]),
    ({"source": "Russia"}, [C3]),
    ({"source": "it is thought"}, [C4]),
    ({"source": "100%_"}, []),
    # type: one or several
    ({"type": "casualties"}, [C3]),
    ({"type": ["attack", "deployment"]}, [C1, C4]),
    ({"type": "denial"}, []),
    # place: name, admin1 (substring) or country code
    ({"place": "kursk"}, [C1, C3]),
    ({"place": "Sudzha"}, [C3]),
    ({"place": "Donetsk Oblast"}, [C2]),
    ({"place": "ua"}, [C2, C4]),
    ({"place": "RU"}, [C1, C3]),
    ({"place": "Paris"}, []),
    # since/until: event_time, else stated_at (C2: November 2024), else published (C3: 2024-11-05)
    ({"since": "2024-11-03"}, [C2, C3]),
    ({"until": "2024-10-31"}, [C1]),
    ({"since": "2024-11-01", "until": "2024-11-02"}, [C2, C4]),
    ({"since": "2024-10"}, [C1, C2, C3, C4]),
    ({"until": "2024-10"}, [C1]),
    ({"since": "2024-11-06", "until": "2024-11-30"}, [C2]),
    ({"since": "2025"}, []),
    # combined
    ({"place": "kursk", "type": "casualties", "since": "2024-11-01"}, [C3]),
    ({"source": "ryder", "place": "UA"}, []),
])
def test_claims_filters(loaded, kwargs, expected):
    ledger, _ = loaded
    assert contents(ledger.claims(**kwargs)) == expected


@pytest.mark.parametrize("query, expected", [
    ("Kursk", [C1]),
    ("killed soldiers", [C3]),                 # words are AND-ed
    ("kill", [C3]),                            # stemmed
    ("killed Pokrovsk", []),
    ("Zelensky", [C2]),                        # source text and canonical name are indexed
    ("Volodymyr", [C2]),
    ("Defence Ministry", [C3]),
    ("Kharkiv's", [C4]),                       # apostrophe
    ("Kharkiv\u2019s power-plant", [C4]),      # typographic apostrophe, hyphen
    ('"power plant"', [C4]),                   # a quoted phrase
    ('"plant power"', []),
    ("North-Korean", [C1]),
    ("troop*", [C1]),                          # prefix
    ("(Kursk troops)", [C1]),                  # brackets separate words
    ("(Kursk) -troops", [C1]),
    ("Sudzha; DROP TABLE claims; --", []),
    ("", [C1, C2, C3, C4]),                    # empty: no search
])
def test_search_accepts_any_text(loaded, query, expected):
    ledger, _ = loaded
    assert contents(ledger.claims(search=query)) == expected
    assert ledger.stats()["claims"] == 4


@pytest.mark.parametrize("query, says", [
    ('"unbalanced quote Kursk', "unbalanced double quote"),
    ('Kursk"', "unbalanced double quote"),
    ("Pokrovsk AND OR NOT", "'OR' is query syntax"),
    ("NEAR(Kursk troops)", "'NEAR' is query syntax"),
    ("Kursk NEAR/2 troops", "'NEAR/2' is query syntax"),
    ("content:Kursk", "'content:' is query syntax"),
    ("!!! ???", "has no words"),
    ('"', "unbalanced"),
])
def test_search_syntax_it_cannot_mean_is_a_clear_error(loaded, query, says):
    ledger, _ = loaded
    with pytest.raises(UsageError, match=re.escape(says)):
        ledger.claims(search=query)


def test_claims_document_id_limit_and_offset(loaded):
    ledger, doc = loaded
    assert contents(ledger.claims(document_id=doc.id, limit=2)) == [C1, C2]
    assert contents(ledger.claims(limit=2, offset=2)) == [C3, C4]
    assert ledger.claims(document_id="d_other") == []
    assert contents(ledger.claims(source="", place="", since="", until="", search="  ")) == [C1, C2, C3, C4]


def test_claims_are_ordered_by_document_then_span(ledger):
    late = make_doc(published="2024-12-01")
    early = make_doc(text="Officials said that Belgorod was shelled overnight.", url="https://example.org/b",
                     published="2024-01-01")
    for doc in (late, early):
        ledger.add_document(doc)
    ledger.add_claims(late.id, list(reversed(claims_for(late))), "1.0")
    ledger.add_claims(early.id, [make_claim(early, "Belgorod was shelled overnight",
                                            Source("Officials", None, "unnamed"), type="attack")], "1.0")
    assert contents(ledger.claims()) == ["Belgorod was shelled overnight", C1, C2, C3, C4]


def test_case_insensitive_matching_is_unicode_aware(ledger):
    doc = make_doc(text="\u0421\u0435\u0440\u0433\u0435\u0439 \u0428\u043e\u0439\u0433\u0443 said "
                        "that M\u00fcnchen was calm.", url="https://example.org/ru")
    ledger.add_document(doc)
    shoigu = Source("\u0421\u0435\u0440\u0433\u0435\u0439 \u0428\u043e\u0439\u0433\u0443",
                    "\u0421\u0435\u0440\u0433\u0435\u0439 \u0428\u043e\u0439\u0433\u0443", "person")
    ledger.add_claims(doc.id, [make_claim(doc, "M\u00fcnchen was calm", shoigu,
                                          places=[Place("M\u00fcnchen", "M\u00fcnchen", country="DE")])], "1.0")
    assert len(ledger.claims(source="\u0448\u043e\u0439\u0433\u0443")) == 1      # lower-case Cyrillic
    assert len(ledger.claims(place="M\u00dcNCHEN")) == 1
    assert len(ledger.claims(search="\u0428\u041e\u0419\u0413\u0423")) == 1      # FTS folds case too
    assert len(ledger.claims(search="munchen")) == 1                                    # and diacritics


def test_bad_dates_are_usage_errors(loaded):
    ledger, _ = loaded
    with pytest.raises(UsageError):
        ledger.claims(since="last week")
    with pytest.raises(UsageError):
        ledger.claims(until="2024-13-01")


# -- transactions -------------------------------------------------------------------------------

def test_failing_insert_rolls_back_the_whole_extraction(loaded):
    ledger, doc = loaded
    before = ledger.claims(include_retracted=True)
    stats = ledger.stats()
    broken = claims_for(doc)
    broken[0].confidence = 0.1                                   # would change an existing claim
    broken[3].places = [Place("somewhere", None)]               # places.name is NOT NULL
    with pytest.raises(LedgerError) as err:
        ledger.add_claims(doc.id, broken, "2.0")
    assert err.value.code == "CL304"
    assert ledger.claims(include_retracted=True) == before
    assert ledger.stats() == stats
    assert len(ledger.extractions()) == 1
    assert not ledger.conn.in_transaction
    # and the ledger still takes writes
    assert ledger.add_claims(doc.id, claims_for(doc), "2.0") == 4


def test_exception_inside_a_transaction_rolls_back(ledger):
    kept, _ = ledger.add_document(make_doc())
    with pytest.raises(RuntimeError):
        with ledger.transaction():
            ledger.add_document(make_doc(url="https://example.org/other"))
            ledger.record_failure(Failure("x", "y"))
            raise RuntimeError("boom")
    assert [d["id"] for d in ledger.documents()] == [kept]
    assert ledger.failures() == []


# -- persistence and codec ----------------------------------------------------------------------

def test_file_ledger_reopens_with_its_data(tmp_path):
    path = tmp_path / "nested" / "dir" / "ledger.db"
    doc = make_doc()
    with Ledger(path) as led:
        led.add_document(doc)
        led.add_claims(doc.id, claims_for(doc), "1.0")
        cid = led.claims()[0]["id"]
        led.add_annotation(cid, "me", "note")
        led.record_failure(Failure("f", "r"))
        claims, stats = led.claims(), led.stats()
    with Ledger(path) as led:
        assert led.claims() == claims
        assert led.stats() == stats
        assert led.document(doc.id)["text"] == TEXT
        assert led.annotations(cid)[0]["body"] == "note"
        assert contents(led.claims(search="Sudzha")) == [C3]
        assert len(led.migrations()) == len(load_migrations())


def test_claims_rebuild_into_dataclasses(loaded):
    ledger, doc = loaded
    originals = {c.id: c for c in claims_for(doc)}
    for row in ledger.claims():
        claim = claim_from_dict(row)
        assert isinstance(claim, Claim) and claim.id == row["id"]
        original = originals[row["id"]]
        original.pipeline_version = "1.0"
        assert claim == original
