"""``claimledger eval ...``: the parser added to a host CLI, JSON for machines, tables and error
listings for people, exit statuses. The extractor is a stub (no model)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import claimledger.evaluate.attribution as attribution_mod
from claimledger.evaluate.cli import add_eval_parser, main
from test_eval_attribution import PREDICTIONS as ATT_PREDICTIONS
from test_eval_attribution import StubExtractor as AttStub
from test_eval_claims import StubExtractor as ClaimsStub

FIX = Path(__file__).parent / "fixtures" / "eval"


@pytest.fixture
def stub_attribution(monkeypatch):
    monkeypatch.setattr(attribution_mod, "make_extractor", lambda settings=None: AttStub(ATT_PREDICTIONS))


@pytest.fixture
def stub_claims(monkeypatch):
    monkeypatch.setattr(attribution_mod, "make_extractor", lambda settings=None: ClaimsStub())


def _figures(obj, path=""):
    """Every float in a JSON object, with its key path."""
    if isinstance(obj, float):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _figures(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _figures(v, f"{path}[{i}]")


def test_added_to_a_host_parser():
    ap = argparse.ArgumentParser(prog="claimledger")
    sub = ap.add_subparsers(dest="command", required=True)
    add_eval_parser(sub)
    args = ap.parse_args(["eval", "attribution", "corpus", "--format", "json", "--errors", "--annotator", "a1"])
    assert (args.command, args.eval_command, args.directory, args.format, args.errors, args.annotator) == (
        "eval", "attribution", "corpus", "json", True, "a1")
    assert callable(args.func)
    args = ap.parse_args(["eval", "claims", "a/gold.json", "b/gold.json"])
    assert args.gold == ["a/gold.json", "b/gold.json"] and args.format == "table" and not args.errors
    args = ap.parse_args(["eval", "articles", "pages", "--bootstrap", "0", "--seed", "3"])
    assert (args.directory, args.bootstrap, args.seed) == ("pages", 0, 3)
    with pytest.raises(SystemExit):
        ap.parse_args(["eval", "attribution", "x", "--format", "csv"])


def test_attribution_json(stub_attribution, capsys):
    assert main(["attribution", str(FIX / "brat" / "corpus"), "--format", "json", "--bootstrap", "50"]) == 0
    out, err = capsys.readouterr()
    d = json.loads(out)  # one JSON object, nothing else on stdout
    assert d["kind"] == "attribution"
    assert d["content_source_lenient_f1"] == 0.8 and d["full_lenient_f1"] == 0.8 and d["full_exact_f1"] == 0.4
    assert d["f1"] == d["content_source_lenient_f1"] and d["precision"] == 0.8 and d["recall"] == 0.8
    for key in ("by_quote", "by_source", "measures"):
        assert key in d
    assert "errors" not in d
    for path, x in _figures(d):
        assert 0.0 <= x <= 1.0, path
    assert "doc2.ann:3" in err  # the repaired offsets are reported on stderr


def test_attribution_table_with_errors(stub_attribution, capsys):
    assert main(["eval", "attribution", str(FIX / "brat" / "corpus"), "--errors", "--bootstrap", "20"]) == 0
    out = capsys.readouterr().out
    assert "content_source_lenient *" in out
    assert "by quote type" in out and "by source" in out
    lines = out.splitlines()
    miss = next(i for i, line in enumerate(lines) if line.startswith("MISS"))
    assert "doc2 E2 (indirect, named source)" in lines[miss]
    assert "source: 'the UN'  cue: 'According to'" in lines[miss + 1]
    assert "\u27e62,000 people fled\u27e7" in lines[miss + 2]
    assert any(line.startswith("FALSE doc1 claim 4") for line in lines)


def test_claims_json_and_table(stub_claims, capsys):
    assert main(["claims", str(FIX / "claims" / "alpha" / "gold.json"), str(FIX / "claims" / "beta"),
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["kind"], d["files"], d["precision"], d["recall"], d["f1"]) == ("claims", 2, 0.75, 0.75, 0.75)
    assert d["field_accuracy"] == round(11 / 13, 4) and d["type_accuracy"] == round(2 / 3, 4)
    for path, x in _figures(d):
        assert 0.0 <= x <= 1.0, path
    assert main(["claims", str(FIX / "claims"), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "P 0.750  R 0.750  F1 0.750  fields 11/13" in out
    assert "MISS  " in out and "'30 were wounded'" in out
    assert "WRONG " in out and "type: expected \"denial\", got \"statement\"" in out
    assert "VIOL  " in out and "FALSE " in out


def test_articles_json(capsys):
    assert main(["articles", str(FIX / "articles"), "--format", "json", "--bootstrap", "20"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["kind"] == "articles" and d["pages"] == 2 and d["precision"] == 1.0
    assert d["dates"]["accuracy"] == 0.5 and d["date_accuracy"] == 0.5
    for path, x in _figures(d):
        assert 0.0 <= x <= 1.0, path


def test_unusable_input_exits_2_naming_it(tmp_path, capsys):
    (tmp_path / "x.ann").write_text("T1\tSource 0 9\tMr. Smith\n")
    assert main(["attribution", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "x.ann") in err and "x.txt" in err
    (tmp_path / "x.txt").write_text("Mr. Smith said so.")
    (tmp_path / "x.ann").write_text("T1\tSource 0 9\tMr. Smith\nT2\tCue 10 x\tsaid\n")
    assert main(["attribution", str(tmp_path)]) == 2
    assert f"{tmp_path / 'x.ann'}:2: bad offsets" in capsys.readouterr().err
    assert main(["articles", str(tmp_path / "none")]) == 2
    assert main(["claims", str(tmp_path / "gold.json")]) == 2


def test_failed_extraction_exits_1(monkeypatch, capsys):
    monkeypatch.setattr(attribution_mod, "make_extractor",
                        lambda settings=None: AttStub(ATT_PREDICTIONS, fail={"doc1.txt"}))
    assert main(["attribution", str(FIX / "brat" / "corpus"), "--format", "json", "--bootstrap", "0"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["failures"] and "failed " in err and "doc1.txt" in err


def test_main_cli_runs_eval_once_wired(capsys):
    """Runs once cli.py adds the eval parser (add_eval_parser) and dispatches on args.func."""
    from claimledger import cli
    ap = cli.build_parser()
    sub = next(a for a in ap._actions if isinstance(a, argparse._SubParsersAction))
    if "eval" not in sub.choices:
        pytest.skip("claimledger.cli does not add `eval` yet")
    assert cli.main(["eval", "articles", str(FIX / "articles"), "--format", "json", "--bootstrap", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 2
