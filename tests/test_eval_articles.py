"""Main-text extraction scored as the article-extraction benchmark scores it, on two saved pages
(one gzipped) with hand-written ground truth; dates from page metadata checked against it."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate.articles import (
    evaluate_articles, metrics, ngrams, read_pages, shingle_tp_fp_fn, tokenize)
from claimledger.models import Document

PAGES = Path(__file__).parent / "fixtures" / "eval" / "articles"


# ------------------------------------------------------------------------------- the measure
def test_tokens_and_ngrams():
    assert tokenize("a b,cd:e(foo,bar) ") == ["a", "b", "cd", "e", "foo", "bar"]
    assert ngrams("!", 4) == []
    assert ngrams("a,b c ", 5) == [("a", "b", "c")]           # shorter than n: one shorter n-gram
    assert ngrams("a b c a b c", 3) == [("a", "b", "c"), ("b", "c", "a"), ("c", "a", "b"), ("a", "b", "c")]


@pytest.mark.parametrize("true,pred,expected", [
    ("a b c", "a b c", (1, 0, 0)),
    ("a b c d", "a b c", (0.5, 0, 0.5)),
    ("a b c", "a b c d", (0.5, 0.5, 0)),
    ("", "", (0, 0, 0)),
    ("a", "", (0, 0, 1)),
    ("", "a", (0, 1, 0)),
    ("a b c a b c", "a b c", (0.25, 0, 0.75)),   # multisets: the repeated n-gram counts twice
    ("a b c", "a b c a b c", (0.25, 0.75, 0)),
])
def test_shingle_matching_trigrams(true, pred, expected):
    assert shingle_tp_fp_fn(true, pred, n=3) == pytest.approx(expected)


def test_metrics_average_over_pages():
    # page 1: P 1, R .5; page 2: P .5, R 1; page 3 predicted nothing (left out of precision), R 0
    m = metrics([(0.5, 0, 0.5), (0.5, 0.5, 0), (0, 0, 1)])
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert metrics([(0, 0, 0)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


# ------------------------------------------------------------------------------- two pages
@pytest.fixture(scope="module")
def report():
    return evaluate_articles(PAGES, n_bootstrap=100, seed=1)


def test_pages_found_with_gzip(report):
    assert [(p.page.name, Path(p.page.html_path).name) for p in report.pages] == [
        ("floods", "floods.html"), ("port", "port.html.gz")]


def test_scores_by_hand(report):
    floods, port = report.pages
    assert floods.tp_fp_fn == (1.0, 0.0, 0.0)          # both paragraphs, no navigation or footer
    # port: the page has the first paragraph (29 tokens) of a 2-paragraph truth (29 + 17 tokens)
    first, second = json.loads((PAGES / "port.json").read_text())["articleBody"].split("\n")
    a, b = len(tokenize(first)), len(tokenize(second))
    assert (a, b) == (29, 17)
    tp, fp, fn = (a - 3), 0, (a + b - 3) - (a - 3)
    assert port.tp_fp_fn == pytest.approx((tp / (tp + fn), 0.0, fn / (tp + fn)))
    s = report.summary()
    recall = (1 + 26 / 43) / 2
    assert s["precision"] == 1.0 and s["recall"] == pytest.approx(recall)
    assert s["f1"] == pytest.approx(2 * recall / (1 + recall))


def test_publication_dates(report):
    floods, port = report.pages
    assert (floods.published, floods.expected_date, floods.date_ok) == ("2024-05-14", "2024-05-14", True)
    assert (port.published, port.expected_date, port.date_ok) == ("2023-11-03", "2023-11-02", False)
    assert report.dates() == {"checked": 2, "correct": 1, "missing": 0, "wrong": 1, "accuracy": 0.5}
    assert report.summary()["date_accuracy"] == 0.5


def test_json_and_errors(report):
    d = report.to_dict(errors=True)
    assert d["kind"] == "articles" and d["pages"] == 2
    for k in ("precision", "recall", "f1", "precision_ci", "recall_ci", "f1_ci"):
        assert 0.0 <= d[k] <= 1.0
    assert d["precision_ci"] == 0.0  # every page has precision 1
    errs = d["errors"]
    assert {"page": "port", "error": "wrong_date", "expected": "2023-11-02", "got": "2023-11-03"} in errs
    missed = [e["text"] for e in errs if e["error"] == "missed_text"]
    assert missed == ["ahead of schedule Shipping companies welcomed the decision saying the closure had cost "
                      "them millions in delays and diverted cargo"]
    assert not [e for e in errs if e["error"] == "extra_text"]


def test_page_without_article_text_scores_zero(tmp_path):
    shutil.copy(PAGES / "floods.html", tmp_path / "floods.html")
    shutil.copy(PAGES / "floods.json", tmp_path / "floods.json")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "empty.json").write_text('{"articleBody": "Some text that was there."}')
    rep = evaluate_articles(tmp_path, n_bootstrap=0)
    empty = rep.pages[0]
    assert empty.failure and "no article text" in empty.failure
    assert empty.tp_fp_fn == (0.0, 0.0, 1.0)
    assert rep.summary()["recall"] == 0.5 and rep.summary()["precision"] == 1.0
    assert len(rep.failures) == 1


def test_excluded_regions_do_not_count():
    from claimledger.evaluate.articles import article_text
    doc = Document(text="Headline\nBody one.\nShare this story\nBody two.", body_start=9)
    doc.exclude(19, 36, "share")
    assert article_text(doc) == "Body one.\n\nBody two."


def test_benchmark_layout(tmp_path):
    """ground-truth.json with html/KEY.html.gz, as the public benchmark ships it."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "k1.html.gz").write_bytes(gzip.compress((PAGES / "floods.html").read_bytes()))
    truth = json.loads((PAGES / "floods.json").read_text())
    (tmp_path / "ground-truth.json").write_text(json.dumps({"k1": {"articleBody": truth["articleBody"],
                                                                    "url": truth["url"]}}))
    rep = evaluate_articles(tmp_path, n_bootstrap=0)
    assert [p.page.name for p in rep.pages] == ["k1"] and rep.summary()["f1"] == 1.0
    assert rep.dates()["checked"] == 0 and "date_accuracy" not in rep.summary()


# ------------------------------------------------------------------------------- bad input
def test_missing_ground_truth(tmp_path):
    shutil.copy(PAGES / "port.html.gz", tmp_path / "port.html.gz")
    with pytest.raises(InputError, match="expected port.json") as err:
        read_pages(tmp_path)
    assert err.value.input == str(tmp_path / "port.html.gz")


def test_missing_page(tmp_path):
    shutil.copy(PAGES / "port.json", tmp_path / "port.json")
    with pytest.raises(InputError, match="no page for this ground truth") as err:
        read_pages(tmp_path)
    assert err.value.input == str(tmp_path / "port.json")


def test_malformed_truth(tmp_path):
    shutil.copy(PAGES / "floods.html", tmp_path / "floods.html")
    (tmp_path / "floods.json").write_text('{\n "articleBody": "x",\n "url": \n}')
    with pytest.raises(InputError, match="not JSON") as err:
        read_pages(tmp_path)
    assert err.value.input == f"{tmp_path / 'floods.json'}:4"
    (tmp_path / "floods.json").write_text('{"body": "x"}')
    with pytest.raises(InputError, match="articleBody"):
        read_pages(tmp_path)


def test_missing_directory(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        read_pages(tmp_path / "nope")
    with pytest.raises(InputError, match="no pages"):
        read_pages(tmp_path)
