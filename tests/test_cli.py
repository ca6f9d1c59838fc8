"""End to end through the command line, in process: ingest, extract, claims, show, bad input,
re-ingest, versions and re-extraction. The spaCy pipeline is cached per process, so each
``main()`` call costs only the parse."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import claimledger
from claimledger import api
from claimledger.cli import CSV_FIELDS, main
from claimledger.ledger import open_ledger
from claimledger.settings import SETTINGS, Settings

from articles import (
    FASHER, FRENCH, KURSK, KURSK_UPDATED, NO_ARTICLE_HTML, PUBLISHED, RED_SEA, clean_env, summary,
    write_articles,
)
from conftest import REPO

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("clean_env")]


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# ------------------------------------------------------------------------------------- ingest

def test_ingest_directory_then_again_adds_nothing(capsys, tmp_path):
    db = tmp_path / "l.db"
    write_articles(tmp_path / "in")
    code, out, err = run(capsys, "--db", db, "ingest", tmp_path / "in", "--verbose")
    assert code == 0, err
    s = summary(err)
    assert (s["documents"], s["new"], s["failures"]) == (3, 3, 0)
    assert s["claims"] >= 9 and s["db"] == str(db)
    assert "Igor Konashenkov" in out and "Nabil Abdallah" in out      # --verbose: the claims table
    with open_ledger(db) as ledger:
        before = ledger.stats()
    assert before["claims"] == s["claims"] and before["documents"] == 3

    code, out, err = run(capsys, "--db", db, "ingest", "--quiet", tmp_path / "in")
    assert code == 0, err
    s2 = summary(err)
    assert (s2["documents"], s2["new"], s2["claims"], s2["failures"]) == (3, 0, 0, 0)
    assert out == ""                                                     # --quiet: no table
    with open_ledger(db) as ledger:
        after = ledger.stats()
    assert after["claims"] == before["claims"]
    assert after["versions"] == before["versions"] == 3
    assert after["extractions"] == before["extractions"]


def test_progress_advances_once_per_input(capsys, tmp_path, monkeypatch):
    import rich.progress
    ticks = []
    real = rich.progress.Progress.advance
    monkeypatch.setattr(rich.progress.Progress, "advance",
                        lambda self, task, advance=1: (ticks.append(task), real(self, task, advance))[1])
    write_articles(tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    code, _, err = run(capsys, "--db", tmp_path / "l.db", "ingest", tmp_path / "in", tmp_path / "gone.txt")
    assert code == 1 and len(ticks) == 5                        # 3 articles, 2 failures
    ticks.clear()
    run(capsys, "--db", tmp_path / "l.db", "ingest", "--quiet", tmp_path / "in")
    assert ticks == []                                          # --quiet: no bar


def test_rewrapped_copy_without_url_is_the_same_document(capsys, tmp_path):
    db = tmp_path / "l.db"
    a = tmp_path / "a.txt"
    a.write_text(KURSK, encoding="utf-8")
    b = tmp_path / "b.txt"                       # same words, other line breaks and spacing
    b.write_text(KURSK.replace("\n", "\n\n").replace(". ", ".  "), encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", "--quiet", a)[0] == 0
    code, _, err = run(capsys, "--db", db, "ingest", "--quiet", b)
    assert code == 0 and summary(err)["new"] == 0


def test_same_url_changed_text_is_a_new_version_and_the_old_one_is_kept(capsys, tmp_path):
    db = tmp_path / "l.db"
    url = "https://news.example.org/kursk-depot"
    v1 = tmp_path / "v1.txt"
    v1.write_text(KURSK, encoding="utf-8")
    v2 = tmp_path / "v2.txt"
    v2.write_text(KURSK_UPDATED, encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", "--quiet", "--url", url, v1)[0] == 0
    code, _, err = run(capsys, "--db", db, "ingest", "--quiet", "--url", url, v2)
    assert code == 0 and summary(err)["new"] == 1

    with open_ledger(db) as ledger:
        versions = sorted(ledger.documents(include_superseded=True), key=lambda d: d["version"])
        assert [d["version"] for d in versions] == [1, 2]
        assert all(d["url"] == url for d in versions)
        first, second = versions
        assert first["superseded_by"] == second["id"] and second["superseded_by"] is None
        assert ledger.document(first["id"])["text"] == KURSK            # version 1 still stored
        assert ledger.document(second["id"])["text"] == KURSK_UPDATED
        assert [d["id"] for d in ledger.documents()] == [second["id"]]   # current version only
        assert ledger.stats()["documents"] == 1 and ledger.stats()["versions"] == 2

    # default listing: the current version's claims; --document reaches the old one
    code, out, _ = run(capsys, "--db", db, "claims", "--format", "jsonl")
    contents = [c["content"] for c in jsonl(out)]
    assert "45 Russian soldiers were killed in the strike" in contents
    assert "30 Russian soldiers were killed in the strike" not in contents
    code, out, _ = run(capsys, "--db", db, "claims", "--document", first["id"], "--format", "jsonl")
    assert "30 Russian soldiers were killed in the strike" in [c["content"] for c in jsonl(out)]
    code, out, _ = run(capsys, "--db", db, "show", first["id"])
    assert code == 0 and "⟦2 30 Russian soldiers were killed in the strike⟧" in out

    # the first text again under the same URL: already stored, nothing added
    code, _, err = run(capsys, "--db", db, "ingest", "--quiet", "--url", url, v1)
    assert code == 0 and summary(err)["new"] == 0
    with open_ledger(db) as ledger:
        assert ledger.stats()["versions"] == 2


def test_annotation_survives_reextraction_by_a_newer_pipeline(capsys, tmp_path, monkeypatch):
    db = tmp_path / "l.db"
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", "--quiet", "--published", "2024-12-17", path)[0] == 0
    with open_ledger(db) as ledger:
        claim = next(c for c in ledger.claims() if c["content"].startswith("30 Russian soldiers"))
        ledger.add_annotation(claim["id"], "analyst", "figure matches the General Staff's Telegram post")
        doc_id = claim["document_id"]
        count = ledger.stats()["claims"]
        assert [e["pipeline_version"] for e in ledger.extractions(doc_id)] == [claimledger.PIPELINE_VERSION]

    from claimledger.extract import pipeline as pipeline_mod
    monkeypatch.setattr(pipeline_mod, "pipeline_version", lambda finder="rules": "99.0.0-test")
    code, _, err = run(capsys, "--db", db, "ingest", "--quiet", "--published", "2024-12-17", path)
    assert code == 0, err
    s = summary(err)
    assert s["new"] == 0 and s["claims"] == count           # re-extracted, not a new document

    with open_ledger(db) as ledger:
        runs = ledger.extractions(doc_id)
        assert [e["pipeline_version"] for e in runs][-1] == "99.0.0-test" and len(runs) == 2
        again = {c["id"]: c for c in ledger.claims()}
        assert claim["id"] in again                              # same id, not retracted
        assert again[claim["id"]]["pipeline_version"] == "99.0.0-test"
        notes = ledger.annotations(claim["id"])
        assert [n["body"] for n in notes] == ["figure matches the General Staff's Telegram post"]
        assert ledger.stats()["claims"] == count

    # a third run under the same new version re-extracts nothing
    code, _, err = run(capsys, "--db", db, "ingest", "--quiet", "--published", "2024-12-17", path)
    assert summary(err)["claims"] == 0
    with open_ledger(db) as ledger:
        assert len(ledger.extractions(doc_id)) == 2


# ---------------------------------------------------------------------------------- bad input

def _bad_inputs(d: Path) -> dict[str, tuple[Path, str]]:
    """name -> (path, a word its failure reason must contain)."""
    d.mkdir()
    empty = d / "empty.txt"
    empty.write_bytes(b"")
    binary = d / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    broken = d / "broken.txt"
    good = KURSK.replace("Defence Ministry", "Defence Ministry’s").encode("utf-8")
    # valid UTF-8 (a curly apostrophe) with one stray Latin-1 byte: refused, never guessed at
    broken.write_bytes(good[:100] + b"\xe9" + good[100:])
    huge = d / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(50 * 1024 * 1024)                            # 50 MB, sparse
    page = d / "login.html"
    page.write_text(NO_ARTICLE_HTML, encoding="utf-8")
    french = d / "french.txt"
    french.write_text(FRENCH, encoding="utf-8")
    return {
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "encoding": (broken, "UTF-8"),
        "too_large": (huge, "50.0 MB, over the 10.0 MB limit"),
        "missing": (d / "no_such_file.txt", "no such file"),
        "no_article": (page, "no article"),
        "language": (french, "French"),
    }


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(capsys, tmp_path):
    db = tmp_path / "l.db"
    first = tmp_path / "first.txt"
    first.write_text(KURSK, encoding="utf-8")
    assert run(capsys, "--db", db, "ingest", "--quiet", first)[0] == 0
    with open_ledger(db) as ledger:
        stored_before = {c["id"] for c in ledger.claims()}
    assert stored_before

    bad = _bad_inputs(tmp_path / "bad")
    last = tmp_path / "last.txt"
    last.write_text(FASHER, encoding="utf-8")
    argv = ["--db", db, "ingest", "--quiet"] + [p for p, _ in bad.values()] + [last]
    code, _, err = run(capsys, *argv)
    assert code == 1                                             # some failed
    s = summary(err)
    assert (s["documents"], s["new"], s["failures"]) == (1, 1, len(bad))
    lines = [l for l in err.splitlines() if not SUMMARY_LINE(l)]
    for name, (path, reason) in bad.items():
        hits = [l for l in lines if str(path) in l]
        assert len(hits) == 1, (name, err)                       # one line, naming the input
        assert reason.lower() in hits[0].lower(), (name, hits[0])
    assert len(lines) == len(bad)

    with open_ledger(db) as ledger:
        ids = {c["id"] for c in ledger.claims()}
        assert stored_before <= ids                              # nothing stored before is lost
        assert any("El Fasher" in c["content"] for c in ledger.claims())   # the batch went on
        recorded = {f["input"] for f in ledger.failures()}
        assert {str(p) for p, _ in bad.values()} <= recorded


def SUMMARY_LINE(line: str) -> bool:
    return line.startswith("documents ")


def test_bad_input_in_a_directory_is_named_with_its_path(capsys, tmp_path):
    d = tmp_path / "in"
    write_articles(d)
    (d / "zz_empty.txt").write_bytes(b"")
    code, _, err = run(capsys, "--db", tmp_path / "l.db", "ingest", "--quiet", d)
    assert code == 1
    assert f"{d / 'zz_empty.txt'}: " in err and "empty" in err
    s = summary(err)
    assert (s["documents"], s["failures"]) == (3, 1)


def test_size_limit_is_a_setting(capsys, tmp_path):
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    code, _, err = run(capsys, "--db", tmp_path / "l.db", "--max-bytes", "100", "ingest", "--quiet", path)
    assert code == 1
    assert f"{path}: file is {len(KURSK.encode())} bytes, over the 100 bytes limit (max_bytes)" in err


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_bad_published_flag_is_bad_usage(capsys, tmp_path, command):
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    db = tmp_path / "l.db"
    code, out, err = run(capsys, "--db", db, command, "--published", "yesterday", path)
    assert code == 2 and out == ""
    assert "--published" in err and "'yesterday'" in err and str(path) not in err
    assert not db.exists()


def test_unusable_ledger_is_exit_2_and_left_alone(capsys, tmp_path):
    db = tmp_path / "not_a_ledger.db"
    db.write_text("this is not SQLite\n" * 10)
    path = tmp_path / "kursk.txt"
    path.write_text(KURSK, encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "ingest", path)
    assert code == 2 and str(db) in err and "cannot open the ledger" in err
    assert db.read_text() == "this is not SQLite\n" * 10


# ------------------------------------------------------------------------------------ extract

def test_extract_prints_claims_jsonl_with_document_path_and_touches_no_ledger(capsys, tmp_path, monkeypatch):
    files = write_articles(tmp_path / "in")
    missing = tmp_path / "in" / "missing.txt"
    db = tmp_path / "never.db"

    from claimledger.extract import pipeline
    made = []
    real_init = pipeline.Extractor.__init__

    def counting_init(self, *a, **kw):
        made.append(1)
        real_init(self, *a, **kw)
    monkeypatch.setattr(pipeline.Extractor, "__init__", counting_init)

    code, out, err = run(capsys, "--db", db, "extract", files["kursk.txt"], missing, files["fasher.txt"],
                         "--published", "2024-12-17", "--format", "jsonl")
    assert code == 1                                             # the missing file failed
    assert f"{missing}: no such file or directory" in err
    assert len(made) == 1                                        # one model load for all files
    claims = jsonl(out)
    paths = [c["document_path"] for c in claims]
    assert set(paths) == {str(files["kursk.txt"]), str(files["fasher.txt"])}
    assert paths == sorted(paths, key=lambda p: p != str(files["kursk.txt"]))   # input order
    for c in claims:
        text = Path(c["document_path"]).read_text(encoding="utf-8")
        assert text[c["span"][0]:c["span"][1]] == c["content"]
    monday = next(c for c in claims if c["content"].startswith("Ukrainian forces struck"))
    assert monday["event_time"]["start"] == "2024-12-16"        # "on Monday", against --published
    assert not db.exists()                                       # no ledger touched
    assert not (Path.cwd() / "claimledger.db").exists()


def test_extract_table_and_all_good_exit_0(capsys, tmp_path):
    files = write_articles(tmp_path / "in")
    code, out, err = run(capsys, "extract", files["red_sea.txt"], "--format", "table")
    assert code == 0 and err == ""
    assert "Yahya Saree" in out and "attribution" in out


# ------------------------------------------------------------------------------- claims/show

@pytest.fixture(scope="module")
def filled(tmp_path_factory, extractor):
    """A ledger with the three articles, each with its own publication date."""
    d = tmp_path_factory.mktemp("filled")
    files = write_articles(d / "in")
    db = d / "l.db"
    with open_ledger(db) as ledger:
        for name, path in files.items():
            report = api.ingest([str(path)], ledger, settings=Settings(db=str(db)), extractor=extractor,
                                published=PUBLISHED[name])
            assert report.ok and report.new_documents == 1
        docs = {Path(d["path"]).name: d["id"] for d in ledger.documents()}
    return db, docs


def _claims(capsys, db, *flags) -> list[dict]:
    code, out, err = run(capsys, "--db", db, "claims", *flags, "--format", "jsonl")
    assert code == 0, err
    return jsonl(out)


def test_claims_filters_each_filter(capsys, filled):
    db, docs = filled
    everything = _claims(capsys, db)
    assert len(everything) >= 9
    by_doc = lambda rows: {c["document_id"] for c in rows}
    assert by_doc(everything) == set(docs.values())

    rows = _claims(capsys, db, "--source", "konashenkov")
    assert [c["source"]["name"] for c in rows] == ["Igor Konashenkov"]

    rows = _claims(capsys, db, "--type", "casualties")
    assert rows and all(c["type"] == "casualties" for c in rows)
    assert len(rows) < len(everything)
    assert {c["content"] for c in rows} >= {"30 Russian soldiers were killed in the strike",
                                            "at least 12 civilians were killed in shelling on Tuesday"}

    rows = _claims(capsys, db, "--place", "El Fasher")
    assert rows and by_doc(rows) == {docs["fasher.txt"]}
    assert all(any(p["name"] == "El Fasher" for p in c["places"]) for c in rows)

    rows = _claims(capsys, db, "--since", "2024-12-01")
    assert rows and by_doc(rows) == {docs["kursk.txt"]}

    rows = _claims(capsys, db, "--until", "2024-06-30")
    assert rows and by_doc(rows) == {docs["fasher.txt"], docs["red_sea.txt"]}

    rows = _claims(capsys, db, "--since", "2024-01-01", "--until", "2024-06-30")
    assert rows and by_doc(rows) == {docs["fasher.txt"]}
    tuesday = next(c for c in rows if c["content"].startswith("at least 12 civilians"))
    assert tuesday["event_time"]["start"] == "2024-05-07"

    rows = _claims(capsys, db, "--search", "ammunition depot")
    assert [c["content"] for c in rows] == [
        "Ukrainian forces struck a Russian ammunition depot near Kursk on Monday"]

    rows = _claims(capsys, db, "--search", "drones", "--source", "Yahya")
    assert [c["source"]["name"] for c in rows] == ["Yahya Saree"]

    assert _claims(capsys, db, "--search", "zeppelin") == []
    assert len(_claims(capsys, db, "--limit", "2")) == 2
    assert by_doc(_claims(capsys, db, "--document", docs["red_sea.txt"])) == {docs["red_sea.txt"]}


def test_claims_csv_and_table(capsys, filled):
    db, _ = filled
    everything = _claims(capsys, db)
    code, out, _ = run(capsys, "--db", db, "claims", "--type", "casualties", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == list(CSV_FIELDS)
    casualties = [c for c in everything if c["type"] == "casualties"]
    assert [r["id"] for r in rows] == [c["id"] for c in casualties]
    gs = next(r for r in rows if r["source"] == "Ukrainian General Staff")
    assert gs["content"] == "30 Russian soldiers were killed in the strike"
    assert gs["quantities"] == "30" and gs["attribution"] == "indirect" and gs["cue"] == "said"
    assert gs["verification"] == "unconfirmed"

    code, out, _ = run(capsys, "--db", db, "claims", "--source", "Nabil")
    assert code == 0 and "Nabil Abdallah" in out and "Konashenkov" not in out


def test_claims_bad_date_is_a_usage_error(capsys, filled):
    db, _ = filled
    code, out, err = run(capsys, "--db", db, "claims", "--since", "last tuesday")
    assert code == 2 and out == "" and "since" in err and "ISO date" in err
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "claims", "--type", "rumour"])
    assert exc.value.code == 2


def test_claims_output_to_a_closed_pipe_stops_quietly(capsys, filled, monkeypatch):
    db, _ = filled

    class ClosedPipe(io.StringIO):
        def write(self, s):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["--db", str(db), "claims", "--format", "csv"])
    assert code not in (0, 2)


def test_show_marks_the_claims_in_the_text(capsys, filled):
    db, docs = filled
    code, out, err = run(capsys, "--db", db, "show", docs["kursk.txt"])
    assert code == 0, err
    text, _, key = out.partition("\nClaims:\n")
    assert "⟦1 Ukrainian forces struck a Russian ammunition depot near Kursk on Monday⟧, officials said." in text
    assert "The Ukrainian General Staff said that ⟦2 30 Russian soldiers were killed in the strike⟧." in text
    assert "Igor Konashenkov said that ⟦3 Russian troops had repelled the attack⟧." in text
    # unmarked, the text is exactly what was stored
    plain = text.replace("⟧", "")
    for n in range(1, 10):
        plain = plain.replace(f"⟦{n} ", "")
    assert plain.rstrip("\n") == KURSK.rstrip("\n")
    stored = _claims(capsys, db, "--document", docs["kursk.txt"])
    key_lines = [l for l in key.splitlines() if l.strip()]
    assert len(key_lines) == len(stored)
    for c in stored:
        assert any(c["id"] in l for l in key_lines)
    assert any("[indirect/casualties] Ukrainian General Staff (said)" in l for l in key_lines)


def test_show_marks_excluded_regions(capsys, tmp_path):
    from conftest import EXAMPLES
    db = tmp_path / "l.db"
    path = EXAMPLES / "seed_kursk" / "article.txt"
    assert run(capsys, "--db", db, "ingest", "--quiet", "--published", "2024-12-17", path)[0] == 0
    with open_ledger(db) as ledger:
        [doc] = ledger.documents()
    code, out, _ = run(capsys, "--db", db, "show", doc["id"])
    assert code == 0
    assert "⟪excluded: Additionally, he stated that there was⟫" in out     # truncated last sentence
    assert "⟪excluded: Leave a Reply" in out                                 # comment form
    assert out.count("⟦") == out.count("⟧") > 0


def test_show_unknown_document(capsys, filled):
    db, _ = filled
    code, out, err = run(capsys, "--db", db, "show", "d_doesnotexist")
    assert code == 1 and out == "" and "d_doesnotexist" in err


# ---------------------------------------------------------------------------- the program

def test_python_m_claimledger_help():
    res = subprocess.run([sys.executable, "-m", "claimledger", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    for command in ("ingest", "extract", "claims", "show"):
        assert command in res.stdout
    res = subprocess.run([sys.executable, "-m", "claimledger", "--version"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0 and claimledger.__version__ in res.stdout


@pytest.mark.parametrize("command", ["ingest", "extract", "claims", "show"])
def test_subcommand_help(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert command in capsys.readouterr().out


def test_every_setting_has_a_flag_and_the_help_names_its_variable(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for s in SETTINGS:
        assert "--" + s.name.replace("_", "-") in out, s.name
        assert "CLAIMLEDGER_" + s.name.upper() in out, s.name
    assert "claimledger.toml" in out


def _subcommands() -> list[str]:
    import argparse
    from claimledger.cli import build_parser
    [sub] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def test_the_four_commands_are_there():
    assert {"ingest", "extract", "claims", "show"} <= set(_subcommands())


def test_readme_mentions_every_command_and_setting():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in _subcommands():
        assert f"claimledger {command}" in readme, command
    for s in SETTINGS:
        assert s.name in readme or "CLAIMLEDGER_" + s.name.upper() in readme, s.name
    assert "claimledger.toml" in readme
