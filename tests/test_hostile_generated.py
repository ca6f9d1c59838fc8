"""Generated hostile inputs (Hypothesis): whatever bytes, text or JSONL lines arrive, each input
gives one Document or one one-line Failure naming it, the inputs after it are still read, nothing
raises, and what is printed to a terminal carries no control or escape character. Extraction on
generated cue-heavy text keeps the claim contract. Example counts are small so CI stays fast; the
derandomized profile makes every run try the same cases.
"""
from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from claimledger.errors import InputError
from claimledger.ingest import document_from_bytes, document_from_text
from claimledger.ingest.batch import read_inputs
from claimledger.ingest.decode import decode_bytes
from claimledger.models import Document, Failure
from claimledger.terminal import clean, json_safe

FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

GOOD = "The ministry said on Monday that the town of Avdiivka had been captured after weeks of fighting.\n"

# Pieces a hostile text is built from: cue words, quotes, brackets, controls, escapes, invisible
# format characters, surrogate-free odd code points, scripts, long runs.
HOSTILE_PIECES = st.sampled_from([
    "said ", "He said ", '"', "\u201c", "\u201d", "(", ")", ",", ".", "\n", "\n\n", " ", "\t",
    "\x1b]0;x\x07", "\x1b[2J", "\x9b", "\r", "\x00", "\x7f", "\u200b", "\u00ad", "\ufeff", "\u202e",
    "according to officials ", "30 soldiers were killed ", "Kyiv ", "the ministry ", "Leave a Reply\n",
    "\u0642\u0627\u0644 ", "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 ", "\u56fd\u9632\u90e8", "[red]", "[/x]",
    "x" * 300, "(" * 50, "0001-01-01", "\U0001f600", "\ufffd",
])
HOSTILE_TEXT = st.lists(HOSTILE_PIECES, min_size=0, max_size=40).map("".join)
ANY_TEXT = st.one_of(HOSTILE_TEXT, st.text(st.characters(exclude_categories=("Cs",)), max_size=400))
ONE_LINE = re.compile(r"^[^\n]+\[CL\d{3}\]$")


def _one_line_failure(f: Failure, name: str) -> None:
    assert f.input == name and f.reason and f.code
    assert ONE_LINE.match(str(f)), str(f)


@FAST
@given(data=st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        decoded = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert exc.input == "x.txt" and exc.code.startswith("CL1") and "\n" not in exc.message
        return
    assert isinstance(decoded.text, str) and "\x00" not in decoded.text
    decoded.text.encode("utf-8")                           # valid Unicode: storable and hashable


@FAST
@given(text=ANY_TEXT)
def test_any_text_is_a_document_or_one_refusal(text):
    try:
        doc = document_from_text(text, path="t.txt")
    except InputError as exc:
        assert exc.input == "t.txt" and "\n" not in exc.message
        return
    assert doc.text == (text[1:] if text.startswith("\ufeff") else text)   # stored exactly as given
    doc.id                                                                    # hashable
    for s, e in doc.excluded:
        assert 0 <= s <= e <= len(doc.text)


@FAST
@given(files=st.lists(st.one_of(st.binary(max_size=600), ANY_TEXT.map(lambda t: t.encode("utf-8"))),
                      min_size=1, max_size=5))
def test_a_batch_of_generated_files_gives_one_result_each_and_goes_on(tmp_path_factory, files):
    d = tmp_path_factory.mktemp("batch")
    names = []
    for i, data in enumerate(files):
        p = d / f"{i:02d}.txt"
        p.write_bytes(data)
        names.append(str(p))
    (d / "zz_good.txt").write_text(GOOD)
    names.append(str(d / "zz_good.txt"))
    got = list(read_inputs([str(d)]))
    assert len(got) == len(names)
    for name, item in zip(names, got):
        if isinstance(item, Failure):
            _one_line_failure(item, name)
        else:
            assert isinstance(item, Document) and item.path == name
    assert isinstance(got[-1], Document)                   # the input after them is read


JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ANY_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)
JSONL_LINE = st.one_of(
    st.fixed_dictionaries({"text": ANY_TEXT}, optional={"url": ANY_TEXT, "published": ANY_TEXT,
                                                        "title": ANY_TEXT, "html": ANY_TEXT, "locale": ANY_TEXT}
                          ).map(json.dumps),
    JSON_VALUE.map(json.dumps),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
    st.just('{"text": "\\ud800 lone surrogate"}'),
)


@FAST
@given(lines=st.lists(JSONL_LINE, min_size=1, max_size=6))
def test_generated_jsonl_lines_each_give_a_document_or_a_failure_naming_the_line(tmp_path_factory, lines):
    d = tmp_path_factory.mktemp("jsonl")
    p = d / "in.jsonl"
    body = [ln for ln in lines if ln.strip()] + [json.dumps({"text": GOOD})]
    p.write_text("\n".join(body) + "\n", encoding="utf-8", errors="surrogatepass")
    got = list(read_inputs([str(p)]))
    assert len(got) == len(body)
    for n, item in enumerate(got, 1):
        if isinstance(item, Failure):
            assert item.input == f"{p}:{n}" and ONE_LINE.match(str(item)), str(item)
    assert isinstance(got[-1], Document)


@FAST
@given(text=ANY_TEXT)
def test_terminal_output_holds_no_control_or_escape_characters(text):
    shown = clean(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    line = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", line)
    assert json.loads(line)["t"] == text                    # the same value for a JSON reader


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=HOSTILE_TEXT.filter(lambda t: t.strip()))
def test_extraction_on_generated_text_keeps_the_claim_contract(extractor, text):
    from claimledger.extract.parse_text import clean_name
    doc = Document(text=text, path="gen.txt")
    for c in extractor.extract_one(doc):
        if c.spans:
            assert c.span == (c.spans[0][0], c.spans[-1][1])
            assert c.content == " ".join(text[s:e] for s, e in c.spans)
        else:
            assert text[c.span[0]:c.span[1]] == c.content
        # names and cues are as written, less invisible format characters
        if c.cue is not None and c.cue.span is not None:
            assert clean_name(text[c.cue.span[0]:c.cue.span[1]]) == c.cue.text
        if c.source.span is not None:
            assert clean_name(text[c.source.span[0]:c.source.span[1]]) == c.source.text
