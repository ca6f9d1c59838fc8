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
    for argv in (["claims"], ["show", "d_x"], ["documents"], ["failures"]):
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
