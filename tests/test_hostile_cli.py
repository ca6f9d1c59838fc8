"""Hostile input through the command line: one clear line per bad input, the batch goes on,
nothing stored is lost, nothing printed can drive the terminal, and options and errors behave
the way a user expects."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from claimledger.cli import main
from claimledger.ledger import open_ledger

from articles import FASHER, KURSK, RED_SEA, clean_env, summary  # noqa: F401  (fixture)
from conftest import REPO

pytestmark = [pytest.mark.usefixtures("clean_env")]

ESC_TEXT = ("Officials said on Monday that \x1b]0;pwned\x07 the town \x1b[2J of Avdiivka [red]fell[/red] "
            "after weeks of fighting [/x] near the river.\n")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def no_escapes(s: str) -> bool:
    return not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", s)


# -- no model needed ---------------------------------------------------------------------------

def test_read_only_commands_refuse_a_ledger_that_does_not_exist(capsys, tmp_path):
    for argv in (["claims"], ["show", "d_x"], ["documents"], ["failures"], ["events"], ["event", "e_x"],
                 ["export", "--what", "claims", "--format", "jsonl"]):
        code, out, err = run(capsys, "--db", tmp_path / "typo.db", *argv)
        assert code == 2 and "no ledger here" in err and str(tmp_path / "typo.db") in err, argv
    assert not (tmp_path / "typo.db").exists()


def test_global_options_after_the_command_and_in_its_help(capsys, tmp_path):
    db = tmp_path / "l.db"
    open_ledger(db).close()
    code, out, err = run(capsys, "claims", "--db", db, "--format", "jsonl")
    assert code == 0 and out == ""
    for argv in (["ingest", "--help"], ["claims", "--help"], ["gazetteer", "remove", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out, _ = capsys.readouterr()
        assert "--db" in out and "--time-budget" in out and "before or after the command" in out, argv


def test_option_before_the_command_is_kept_when_not_repeated(capsys, tmp_path):
    db = tmp_path / "before.db"
    open_ledger(db).close()
    code, _, err = run(capsys, "--db", db, "documents")
    assert code == 0, err


@pytest.mark.parametrize("argv, says", [
    (["claims", "--limit", "99999999999999999999"], "out of range"),
    (["claims", "--limit", "-1"], "out of range"),
    (["claims", "--since", "2016-01-01xyz"], "not an ISO date"),
    (["claims", "--until", "yesterday"], "not an ISO date"),
    (["claims", "--search", '"'], "unbalanced double quote"),
    (["claims", "--search", "Kursk NEAR/2 troops"], "NEAR/2"),
    (["failures", "--since", "2024-99"], "not an ISO date"),
])
def test_malformed_query_options_are_clear_errors(capsys, tmp_path, argv, says):
    db = tmp_path / "l.db"
    open_ledger(db).close()
    with pytest.raises(SystemExit) as exit_:
        code = main(["--db", str(db), *argv])
        raise SystemExit(code)
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and says in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["0001-01-03", "9999-12-31"])
def test_impossible_published_flag_is_bad_usage(capsys, tmp_path, value):
    code, out, err = run(capsys, "--db", tmp_path / "l.db", "ingest", tmp_path / "x.txt", "--published", value)
    assert code == 2 and "not a publication date" in err


def test_gazetteer_remove_refuses_paths(capsys, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    victim = tmp_path / "VICTIM"
    victim.mkdir()
    (victim / "DATA.zip").write_text("precious")
    monkeypatch.setenv("CLAIMLEDGER_CACHE", str(cache))
    code, out, err = run(capsys, "gazetteer", "remove", "../../VICTIM/DATA", "../x", "R/")
    assert code == 1 and err.count("not an ISO 3166 alpha-2 country code") == 3
    assert os.listdir(victim) == ["DATA.zip"] and (victim / "DATA.zip").read_text() == "precious"
    assert os.listdir(cache / "downloads") == []                          # no lock files left anywhere


def test_eval_claims_help_points_to_files_that_exist(capsys):
    with pytest.raises(SystemExit):
        main(["eval", "claims", "--help"])
    out, _ = capsys.readouterr()
    for path in re.findall(r"[\w.-]+/[\w./-]+\.(?:md|json|py)\b", out):
        assert (REPO / path).exists() or (REPO / "src" / "claimledger" / path).exists(), path


# -- with the model --------------------------------------------------------------------------------

def test_markup_in_a_failing_input_name_is_printed_as_written(capsys, tmp_path):
    (tmp_path / "d[").mkdir()
    bad = tmp_path / "d[" / "x][red]y.txt"                   # the path holds "[/x]" and "[red]"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(KURSK)
    code, out, err = run(capsys, "--db", tmp_path / "l.db", "ingest", "--quiet", "--no-reconcile", bad, good)
    assert code == 1 and "Traceback" not in err
    assert f"failed {bad}: " in err                          # brackets kept, never read as markup
    assert summary(err)["documents"] == 1 and summary(err)["failures"] == 1


def test_documents_and_failures_commands_list_and_filter(capsys, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kursk.txt").write_text(KURSK)
    (tmp_path / "in" / "fasher.txt").write_text(FASHER)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    db = tmp_path / "l.db"
    assert run(capsys, "--db", db, "ingest", "--quiet", "--no-reconcile", tmp_path / "in")[0] == 1
    code, out, _ = run(capsys, "--db", db, "documents", "--format", "jsonl")
    docs = [json.loads(ln) for ln in out.splitlines()]
    assert code == 0 and sorted(os.path.basename(d["path"]) for d in docs) == ["fasher.txt", "kursk.txt"]
    assert all(d["extracted"] and d["claims"] > 0 for d in docs)
    code, out, _ = run(capsys, "--db", db, "documents", "--search", "fasher", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 2 and "fasher.txt" in out
    code, out, _ = run(capsys, "--db", db, "documents", "--unextracted", "--format", "jsonl")
    assert code == 0 and out.strip() == ""
    code, out, _ = run(capsys, "--db", db, "failures", "--format", "jsonl")
    fails = {os.path.basename(f["input"]): f for f in map(json.loads, out.splitlines())}
    assert code == 0 and fails.keys() == {"empty.txt", "bin.txt"}
    assert fails["bin.txt"]["code"] == "CL102" and fails["empty.txt"]["code"] == "CL101"
    assert all(f["stage"] == "read" and f["reason"] for f in fails.values())
    code, out, _ = run(capsys, "--db", db, "failures", "--code", "CL102")
    assert code == 0 and "bin.txt" in out and "empty.txt" not in out
    code, out, _ = run(capsys, "--db", db, "failures", "--input", "empty", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 2


def test_stdin_dash_is_ingested(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    db = tmp_path / "l.db"
    p = subprocess.run([sys.executable, "-m", "claimledger", "--db", str(db), "ingest", "--quiet", "--no-reconcile",
                        "-", "--published", "2024-12-17"], input=KURSK, text=True, capture_output=True,
                       env=env, cwd=tmp_path, timeout=300)
    assert p.returncode == 0, p.stderr
    assert summary(p.stderr)["documents"] == 1 and summary(p.stderr)["claims"] > 0
    with open_ledger(db, create=False) as led:
        [doc] = led.documents()
        assert doc["path"] == "<stdin>" and doc["published"] == "2024-12-17"


@pytest.mark.parametrize("text, source", [
    ("The governor\u200b said 30 people were killed in the shelling overnight.", "governor"),
    ("\ufeff\u00adOfficials said 30 people were killed in the shelling overnight.", "Officials"),
    ("Mayor Ivan Fe\u00addorov\u200b said 30 people were killed in the shelling overnight.", "Ivan Fedorov"),
    ("Mayor Ivan \u202eFedorov\u202c said 30 people were killed in the shelling overnight.", "Ivan Fedorov"),
])
def test_invisible_characters_never_end_up_in_names_or_break_attribution(extractor, text, source):
    from claimledger.models import Document
    claims = extractor.extract_one(Document(text=text, path="t.txt"))
    [c] = [c for c in claims if "killed" in c.content]
    assert c.attribution == "indirect", c                   # not the outlet's own claim
    who = c.source.name or c.source.role or c.source.text
    assert source in who and not re.search("[\u00ad\u200b\u202c\u202e\ufeff]", who), who
    assert text[c.span[0]:c.span[1]] == c.content           # offsets into the text as written


def test_a_text_over_spacys_limit_is_cut_into_pieces_under_it(extractor):
    from claimledger.extract import parse_text
    from claimledger.models import Document
    text = (KURSK + "\n") * (1_100_000 // (len(KURSK) + 1) + 1)
    assert len(text) > extractor.nlp.max_length
    chunks, _ = extractor._prepare(Document(text=text, path="big.txt"))
    assert all(len(c.text) <= parse_text.MAX_PIECE < extractor.nlp.max_length for c in chunks)
    assert "".join(c.text for c in chunks) == text           # the pieces cover the text exactly


def test_progress_bar_shows_total_rate_time_left_and_the_current_input():
    import io
    from rich.console import Console
    from claimledger.cli import _progress_bar, _short
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200, color_system=None)
    with _progress_bar(console) as bar:
        task = bar.add_task("", total=7, current="")
        bar.advance(task)
        bar.advance(task)
        bar.update(task, current=_short("/data/in/" + "x" * 80 + "/kursk[red].txt"))
        line = Console(file=io.StringIO(), width=200, color_system=None)
        line.begin_capture()
        line.print(bar.get_renderable())
        shown = line.end_capture()
    assert "ingesting" in shown and "2/7" in shown and "docs/s" in shown and "left" in shown
    assert "kursk[red].txt" in shown and shown.count("...") == 1     # the current input, shortened from the left
