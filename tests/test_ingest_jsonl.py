"""JSONL batches: one article per line, a bad line is a Failure naming file:LINE, the rest go on."""
from __future__ import annotations

import json
from pathlib import Path

from claimledger import errors
from claimledger.ingest import read_inputs
from claimledger.models import Document, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Police said two men were arrested on Monday after a fight in the city centre. They were later released."


def write_lines(path: Path, lines: list) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path


def test_lines_become_documents_and_failures(tmp_path):
    html = (FIXTURES / "wordpress_standard.html").read_text(encoding="utf-8")
    path = write_lines(tmp_path / "batch.jsonl", [
        {"text": TEXT, "url": "https://x.example/1", "title": "Arrests", "outlet": "X",
         "published": "2024-12-17T08:00:00+02:00", "author": "A. Writer"},
        "{not json",
        "",
        "[1, 2]",
        {"title": "no text here"},
        {"text": TEXT, "published": "17/12/2024"},
        {"text": 42},
        {"html": html},
    ])
    results = list(read_inputs([path], published="1999-01-01", outlet="ignored"))
    assert [r.path if isinstance(r, Document) else r.input for r in results] == [
        f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7, 8)]

    first = results[0]
    assert isinstance(first, Document)
    assert first.text == TEXT
    assert (first.url, first.title, first.outlet, first.author) == (
        "https://x.example/1", "Arrests", "X", "A. Writer")
    assert (first.published, first.published_tz) == ("2024-12-17", "+02:00")
    assert first.content_type == "jsonl" and first.meta["jsonl_field"] == "text"

    bad = {int(r.input.rsplit(":", 1)[1]): r for r in results if isinstance(r, Failure)}
    assert all(f.code == errors.BAD_JSONL for f in bad.values())
    assert bad[2].reason.startswith("line is not valid JSON: ")
    assert bad[4].reason.startswith("line is a JSON list, expected an object")
    assert bad[5].reason == "object has no non-empty 'text' or 'html' key"
    assert "'17/12/2024'" in bad[6].reason
    assert bad[7].reason == "key 'text' must be a string, got int"
    assert str(bad[2]).startswith(f"{path}:2: line is not valid JSON")

    last = results[-1]
    assert isinstance(last, Document) and last.meta["jsonl_field"] == "html"
    # Page metadata, not the read_inputs arguments: those apply to whole files only.
    assert (last.published, last.outlet) == ("2024-12-16", "Kyiv Ledger")
    assert "fake news" not in last.text


def test_line_failures_of_other_kinds_keep_their_code(tmp_path):
    path = tmp_path / "b.ndjson"
    path.write_bytes(
        json.dumps({"text": "   "}).encode() + b"\n"
        + b'{"text": "caf\xe9 closed"}\n'
        + json.dumps({"text": "Die Bundesregierung hat am Montag bekanntgegeben, dass die Hilfen "
                      "fortgesetzt werden. Das sagte ein Sprecher in Berlin am Abend."}).encode() + b"\n"
        + json.dumps({"text": TEXT}).encode() + b"\n"
    )
    results = list(read_inputs([path]))
    assert [(r.code if isinstance(r, Failure) else "ok") for r in results] == [
        errors.BAD_JSONL, errors.ENCODING, errors.LANGUAGE, "ok"]
    assert results[1].reason == "line is not valid UTF-8 (byte 13 of the line)"


def test_oversized_line_is_refused_and_the_next_line_read(tmp_path):
    path = write_lines(tmp_path / "big.jsonl", [{"text": "x " * 400}, {"text": TEXT}])
    results = list(read_inputs([path], max_bytes=500))
    assert isinstance(results[0], Failure) and results[0].code == errors.TOO_LARGE
    assert results[0].input == f"{path}:1"
    assert results[0].reason.startswith("line is ") and "over the 500 bytes limit" in results[0].reason
    assert isinstance(results[1], Document) and results[1].path == f"{path}:2"


def test_bom_on_first_line_and_crlf_line_endings(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": TEXT}).encode() + b"\r\n"
                     + json.dumps({"text": TEXT, "url": "https://example.org/u2"}).encode() + b"\r\n")
    results = list(read_inputs([path]))
    assert [type(r).__name__ for r in results] == ["Document", "Document"]
    assert results[0].text == TEXT and results[1].url == "https://example.org/u2"
