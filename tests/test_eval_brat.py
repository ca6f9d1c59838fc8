"""The brat standoff reader: layouts, annotators, discontinuous spans, shifted offsets and every
kind of malformed input (each a clear error naming file and line)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate.brat import find_pairs, parse_ann, read_corpus, repair_spans

CORPUS = Path(__file__).parent / "fixtures" / "eval" / "brat" / "corpus"
TEXT = "Mr. Smith said the talks were useful. \"We will meet again,\" he added, \"next week.\"\n"


def _write(d: Path, name: str, content: str) -> Path:
    p = d / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(content, encoding="utf-8", newline="")
    return p


# ------------------------------------------------------------------------------- the corpus fixture
def test_reads_corpus_with_first_annotator_by_id():
    docs = read_corpus(CORPUS)
    assert [d.name for d in docs] == ["doc1", "doc2"]
    doc1, doc2 = docs
    assert doc1.annotator == "a1" and doc1.annotators == ["a1", "b2"]
    assert doc1.ann_path.endswith("doc1_a1.ann")
    assert doc2.annotator is None and doc2.annotators == [None]
    assert [a.id for a in doc1.attributions] == ["E1", "E2", "E3"]


def test_discontinuous_content_and_roles():
    doc1 = read_corpus(CORPUS)[0]
    e1, e2, e3 = doc1.attributions
    assert e1.content == [(1, 25), (37, 58)]
    assert doc1.span_text(e1.content) == "Our units hold the line, and will not retreat."
    assert doc1.span_text(e1.source) == "he" and doc1.span_text(e1.cue) == "said"
    assert e1.kind == "Attribution" and e1.line == 5
    assert doc1.span_text(e2.source) == "The ministry" and doc1.span_text(e2.cue) == "said"
    assert e2.cue == [(73, 77)]  # the second "said", not the first
    assert e3.kind == "Attribution-no-source" and e3.source is None
    assert doc1.span_text(e3.cue) == "believed"
    assert doc1.warnings == []  # notes and Discard lines are ignored quietly


def test_other_annotator_on_request():
    docs = read_corpus(CORPUS, annotator="b2")
    assert [d.name for d in docs] == ["doc1"]
    assert docs[0].annotator == "b2"
    assert [(d.span_text(a.content)) for d in docs for a in d.attributions] == ["40 soldiers were killed"]
    assert any("did not annotate 1 text" in w for w in docs[0].warnings)
    with pytest.raises(InputError, match="zz"):
        read_corpus(CORPUS, annotator="zz")


def test_shifted_offsets_are_repaired_with_a_warning():
    doc2 = read_corpus(CORPUS)[1]
    e1 = doc2.attributions[0]
    assert e1.content == [(30, 81)]  # the .ann says 33 84
    assert doc2.span_text(e1.content) == 'the talks were "very productive" and would continue'
    assert len(doc2.warnings) == 1
    assert "doc2.ann:3" in doc2.warnings[0] and "-3" in doc2.warnings[0]


# ------------------------------------------------------------------------------- offsets
def test_repair_spans_cases():
    text = "0123456789 the quick brown fox jumps"
    s = text.index("quick")
    assert repair_spans(text, [(s, s + 5)], "quick") == ([(s, s + 5)], 0)
    assert repair_spans(text, [(s + 4, s + 9)], "quick") == ([(s, s + 5)], -4)
    # discontinuous, both fragments off by the same amount
    b, f = text.index("brown"), text.index("fox")
    assert repair_spans(text, [(s - 2, s + 3), (f - 2, f + 1)], "quick fox") == ([(s, s + 5), (f, f + 3)], 2)
    # fragments off by different amounts: each found on its own
    fixed, shift = repair_spans(text, [(s + 1, s + 6), (f - 3, f)], "quick fox")
    assert fixed == [(s, s + 5), (f, f + 3)] and shift in (-1, 3)
    # too far away: kept, reported as unrepairable
    assert repair_spans(text, [(0, 5)], "brown") == ([(0, 5)], None)
    # a newline inside a span is written as a space in the .ann
    assert repair_spans("a\nb", [(0, 3)], "a b") == ([(0, 3)], 0)
    assert b > 0


def test_unrepairable_text_is_a_warning_not_an_error():
    ann = "T1\tContent 0 9\tsomething else entirely\n"
    atts, warnings = parse_ann(ann, TEXT, "x.ann")
    assert atts == [] and len(warnings) == 1 and "x.ann:1" in warnings[0]


def test_offsets_count_crlf_as_two_characters(tmp_path):
    text = "Intro line.\r\nThe mayor said the road is closed.\r\n"
    s = text.index("the road")
    ann = (f"T1\tSource {text.index('The mayor')} {text.index('The mayor') + 9}\tThe mayor\r\n"
           f"T2\tCue {text.index('said')} {text.index('said') + 4}\tsaid\r\n"
           f"T3\tContent {s} {s + 19}\tthe road is closed.\r\n"
           f"T4\tAttribution {text.index('said')} {text.index('said') + 4}\tsaid\r\n"
           "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\r\n")
    _write(tmp_path, "a.txt", text)
    _write(tmp_path, "a.ann", ann)
    (doc,) = read_corpus(tmp_path)
    assert doc.warnings == []
    assert doc.span_text(doc.attributions[0].content) == "the road is closed."


def test_content2_and_shared_source():
    s1, e1 = TEXT.index("We will"), TEXT.index("again,") + 6
    s2, e2 = TEXT.index("next week."), TEXT.index("next week.") + 10
    src = TEXT.index("Mr. Smith")
    he = TEXT.index(" he ") + 1
    ann = "\n".join([
        f"T1\tSource {src} {src + 9}\tMr. Smith",
        f"T2\tCue {TEXT.index('said')} {TEXT.index('said') + 4}\tsaid",
        f"T3\tContent {TEXT.index('the talks')} {TEXT.index('useful') + 6}\tthe talks were useful",
        f"T4\tAttribution {TEXT.index('said')} {TEXT.index('said') + 4}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tContent {s1} {e1}\tWe will meet again,",
        f"T6\tContent {s2} {e2}\tnext week.",
        f"T7\tCue {TEXT.index('added')} {TEXT.index('added') + 5}\tadded",
        f"T8\tSource {he} {he + 2}\the",
        f"T9\tAttribution {TEXT.index('added')} {TEXT.index('added') + 5}\tadded",
        "E2\tAttribution:T9 Cue:T7 Source:T8 Content:T5 Content2:T6",
        "E3\tAttribution:T4 Source:T1 Cue:T2 Content:T5",
        "R1\tCoref Arg1:T8 Arg2:T1",
        "A1\tConfidence E1 High",
        "",
    ])
    atts, warnings = parse_ann(ann, TEXT, "x.ann")
    assert warnings == []
    assert atts[1].content == [(s1, e1), (s2, e2)]
    assert atts[2].source == atts[0].source == [(src, src + 9)]


def test_unknown_label_and_role_are_warnings():
    ann = ("T1\tOpinion 0 3\tMr.\n"
           f"T2\tContent {TEXT.index('the talks')} {TEXT.index('the talks') + 9}\tthe talks\n"
           "T3\tAttribution 0 3\tMr.\n"
           "E1\tAttribution:T3 Content:T2 Holder:T1\n")
    atts, warnings = parse_ann(ann, TEXT, "x.ann")
    assert len(atts) == 1 and atts[0].source is None
    assert any("x.ann:1" in w and "Opinion" in w for w in warnings)
    assert any("x.ann:4" in w and "Holder" in w for w in warnings)


# ------------------------------------------------------------------------------- malformed lines
@pytest.mark.parametrize("line,reason", [
    ("T1\tContent 5\tMr. S", "bad offsets"),                       # one number
    ("T1\tContent 0 x\tMr. S", "bad offsets"),                     # not a number
    ("T1\tContent 0 5;7\tMr. S", "bad offsets"),                   # half a fragment
    ("T1\t 0 5\tMr. S", "malformed text-bound line"),              # no label
    ("T1\tCon#tent 0 5\tMr. S", "malformed text-bound line"),      # bad label
    ("T1\tContent\tMr. S", "no offsets"),
    ("T1\tContent 9 2\tx", "start 9 after end 2"),
    ("T1\tContent 0 5000\tMr. S", "past the end of the text"),
    ("Tx\tContent 0 5\tMr. S", "bad text-bound id"),
    ("E1\tAttribution:T1 Content=T2", "malformed event argument"),
    ("E1", "no arguments"),
    ("X1\tsomething", "unrecognised line"),
    ("\tContent 0 5\tMr. S", "starts with a tab"),
])
def test_malformed_line_names_file_and_line(line, reason):
    ann = f"T9\tSource 0 9\tMr. Smith\n\n{line}\n"
    with pytest.raises(InputError) as err:
        parse_ann(ann, TEXT, "corpus/x.ann")
    assert err.value.input == "corpus/x.ann:3"
    assert reason in err.value.message
    assert str(err.value).startswith("corpus/x.ann:3: ")


def test_relation_to_unknown_id():
    ann = "T1\tSource 0 9\tMr. Smith\nT2\tAttribution 10 14\tsaid\nE1\tAttribution:T2 Source:T1 Content:T7\n"
    with pytest.raises(InputError, match="refers to T7") as err:
        parse_ann(ann, TEXT, "x.ann")
    assert err.value.input == "x.ann:3"


def test_duplicate_id():
    ann = "T1\tSource 0 9\tMr. Smith\nT1\tCue 10 14\tsaid\n"
    with pytest.raises(InputError, match="duplicate id T1 \\(first on line 1\\)") as err:
        parse_ann(ann, TEXT, "x.ann")
    assert err.value.input == "x.ann:2"


def test_malformed_line_in_corpus_names_the_file(tmp_path):
    _write(tmp_path, "a.txt", TEXT)
    _write(tmp_path, "a.ann", "T1\tSource 0 9\tMr. Smith\nT2\tCue ten 14\tsaid\n")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.input == f"{tmp_path / 'a.ann'}:2"


# ------------------------------------------------------------------------------- files and layouts
def test_missing_text_file(tmp_path):
    _write(tmp_path, "a.txt", TEXT)
    _write(tmp_path, "a.ann", "")
    _write(tmp_path, "b_4e07.ann", "")
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.input == str(tmp_path / "b_4e07.ann")
    assert "b_4e07.txt" in err.value.message and "b.txt" in err.value.message


def test_missing_annotation_file(tmp_path):
    _write(tmp_path, "a.txt", TEXT)
    _write(tmp_path, "a.ann", "")
    _write(tmp_path, "lonely.txt", TEXT)
    with pytest.raises(InputError) as err:
        read_corpus(tmp_path)
    assert err.value.input == str(tmp_path / "lonely.txt")
    assert "lonely.ann" in err.value.message


def test_missing_directory_and_empty_directory(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        read_corpus(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no .ann"):
        read_corpus(tmp_path)


def test_polnear_layout_text_and_attributions_apart(tmp_path):
    """PolNeAR keeps text/NAME.txt and attributions/NAME_ANNOTATOR.ann in sibling folders."""
    name = "politico_2016-09-08_flynn-says"
    _write(tmp_path, f"dev/text/{name}.txt", TEXT)
    said = TEXT.index("said")
    for annot, content in (("ef2d", "the talks were useful"), ("4b22", "the talks")):
        c = TEXT.index(content)
        _write(tmp_path, f"dev/attributions/{name}_{annot}.ann",
               f"T1\tContent {c} {c + len(content)}\t{content}\nT2\tAttribution {said} {said + 4}\tsaid\n"
               "E1\tAttribution:T2 Content:T1\n")
    pairs = find_pairs(tmp_path)
    assert len(pairs) == 1 and [a for a, _ in pairs[0][1]] == ["4b22", "ef2d"]
    (doc,) = read_corpus(tmp_path)
    assert doc.annotator == "4b22" and doc.span_text(doc.attributions[0].content) == "the talks"


def test_text_name_with_underscores(tmp_path):
    """An annotation file belongs to the longest text name it extends."""
    _write(tmp_path, "news_a.txt", TEXT)
    _write(tmp_path, "news_a_b.txt", TEXT)
    _write(tmp_path, "news_a_b.ann", "")
    _write(tmp_path, "news_a_x1.ann", "")
    pairs = {t.name: [a for a, _ in anns] for t, anns in find_pairs(tmp_path)}
    assert pairs == {"news_a.txt": ["x1"], "news_a_b.txt": [None]}


def test_text_field_running_over_a_line_break_is_one_line():
    # brat writes a newline inside an annotated span as it is (PolNeAR has such lines)
    text = "He said the talks\nwere useful, officials said.\n"
    ann = ("T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\n"
           "T3\tContent 8 29\tthe talks\nwere useful\n"
           "T4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
    atts, warnings = parse_ann(ann, text, "x.ann")
    assert warnings == []
    assert [(a.id, a.content, a.source) for a in atts] == [("E1", [(8, 29)], [(0, 2)])]
