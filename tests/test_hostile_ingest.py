"""Hostile input at the reading stage (no model needed): every bad input is one Failure naming it
with the reason, the inputs after it are still read, and nothing malformed reaches a Document."""
from __future__ import annotations

import io
import json
import os
from datetime import date, timedelta

import pytest

from claimledger.errors import InputError
from claimledger.ingest import document_from_bytes, document_from_html, document_from_text, parse_published
from claimledger.ingest.batch import count_documents, display_name, read_inputs
from claimledger.ingest.published import parse_page_date
from claimledger.ingest.urls import check_url, page_url
from claimledger.models import Document, Failure

GOOD = "The ministry said on Monday that the town of Avdiivka had been captured after weeks of fighting.\n"


def results(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def kinds(items):
    return ["doc" if isinstance(x, Document) else x.code for x in items]


# -- documents and their ids -------------------------------------------------------------------

def test_document_id_is_computed_once_and_follows_text_and_url():
    d = Document(text=GOOD)
    first = d.id
    assert d.__dict__["_id"][1] == first and d.id is first          # cached, not recomputed
    d.url = "https://example.org/a"
    assert d.id != first                                            # a new URL is a new identity
    d.text = GOOD + "More."
    assert d.text_hash != Document(text=GOOD).text_hash


def test_lone_surrogate_in_jsonl_is_a_failure_naming_the_line(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text("\n".join([json.dumps({"text": "Officials said \ud800 the town fell " + GOOD}),
                            json.dumps({"text": GOOD, "title": "bad \udfff title"}),
                            json.dumps({"text": GOOD})]) + "\n", encoding="utf-8")
    got = results([p])
    assert kinds(got) == ["CL103", "CL103", "doc"]
    assert got[0].input == f"{p}:1" and "unpaired surrogate (U+D800)" in got[0].reason
    assert got[1].input == f"{p}:2" and "'title'" in got[1].reason
    assert got[2].id.startswith("d_")


def test_deeply_nested_jsonl_line_is_one_failure(tmp_path):
    p = tmp_path / "n.jsonl"
    p.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": GOOD}) + "\n")
    assert kinds(results([p])) == ["CL108", "doc"]


# -- files that are not files ----------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_directory_is_skipped_with_a_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD)
    os.mkfifo(d / "b.txt")
    (d / "c.txt").write_text(GOOD.replace("Monday", "Tuesday"))
    got = results([d])
    assert kinds(got) == ["doc", "CL111", "doc"]
    assert got[1].input == str(d / "b.txt") and "FIFO" in got[1].reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_directly_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    [f] = results([tmp_path / "pipe"])
    assert f.code == "CL111" and "use - to read standard input" in f.reason


def test_symlinked_directories_are_followed_once(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(GOOD)
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (top / "loop").symlink_to(top, target_is_directory=True)     # a loop back to the top
    (top / "dead.txt").symlink_to(tmp_path / "nowhere.txt")
    got = results([top])
    assert kinds(got) == ["CL105", "doc", "CL109"]
    assert got[0].reason == "broken symbolic link"
    assert got[1].path == str(top / "linked" / "a.txt")
    assert "already read" in got[2].reason


def test_undecodable_file_name_is_named_printably(tmp_path):
    name = os.fsdecode(b"x\xff.txt")
    (tmp_path / name).write_text(GOOD)
    [doc] = results([tmp_path])
    assert doc.path.endswith("x\\xff.txt") and display_name(tmp_path / name) == doc.path
    doc.path.encode("utf-8")                                        # storable


def test_stdin_text_and_jsonl():
    [doc] = list(read_inputs(["-"], stdin=io.BytesIO(GOOD.encode()), published="2024-12-17"))
    assert doc.path == "<stdin>" and doc.published == "2024-12-17"
    lines = (json.dumps({"text": GOOD}) + "\nnot json\n" + json.dumps({"text": GOOD + " Again."}) + "\n").encode()
    got = list(read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert kinds(got) == ["doc", "CL108", "doc"] and got[1].input == "<stdin>:2"


def test_stdin_over_the_limit_is_refused():
    [f] = list(read_inputs(["-"], stdin=io.BytesIO(b"x" * 200), max_bytes=100))
    assert f.code == "CL104" and f.input == "<stdin>"


def test_count_documents_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.jsonl").write_text("{}\n{}\n{}")
    assert count_documents([tmp_path, tmp_path / "missing"]) == 5


# -- publication dates -------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["0001-01-03", "9999-12-31", "1799-12-31", "0001-01-01T00:00:00Z"])
def test_impossible_published_flag_is_refused(value):
    with pytest.raises(InputError) as err:
        parse_published(value, input="--published")
    assert err.value.code == "CL112" and "not a publication date" in err.value.message


def test_future_published_is_refused_but_tomorrow_is_not():
    parse_published((date.today() + timedelta(days=1)).isoformat())
    with pytest.raises(InputError):
        parse_published((date.today() + timedelta(days=30)).isoformat())


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00+00:00", "1900-01-01",
                                   "9999-12-31", "0000-00-00 00:00:00"])
def test_placeholder_page_dates_mean_undated(value):
    assert parse_page_date(value) == (None, None)


def test_json_ld_placeholder_date_leaves_the_page_undated():
    body = "<p>" + GOOD * 3 + "</p>"
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "0001-01-01T00:00:00Z"}</script></head><body><article>'
            f'{body}</article></body></html>')
    doc = document_from_html(html, path="p.html")
    assert doc.published is None


def test_jsonl_placeholder_date_is_ignored_and_noted(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"text": GOOD, "published": "0001-01-01T00:00:00Z"}) + "\n"
                 + json.dumps({"text": GOOD + " Later.", "published": "2024-13-45"}) + "\n")
    doc, bad = results([p])
    assert doc.published is None and doc.meta["published_ignored"].startswith("0001")
    assert bad.code == "CL108"                                    # malformed, not a placeholder


# -- URLs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x.org/a",
                                 "https://", "https://exa mple.org", "http://x.org/\x1b[2J"])
def test_only_http_urls_are_kept(url):
    with pytest.raises(InputError) as err:
        check_url(url, "a.txt")
    assert err.value.code == "CL110" and err.value.input == "a.txt"
    assert page_url(url) is None
    with pytest.raises(InputError):
        document_from_text(GOOD, path="a.txt", url=url)


def test_http_urls_are_kept():
    assert check_url("https://example.org/a?b=1#c", None) == "https://example.org/a?b=1#c"
    assert document_from_text(GOOD, url="HTTP://Example.org/x").url == "HTTP://Example.org/x"


def test_page_declaring_a_javascript_canonical_url_is_kept_without_it():
    html = ('<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article><p>'
            + GOOD * 3 + '</p></article></body></html>')
    doc = document_from_html(html, path="p.html")
    assert doc.url is None and doc.meta["url_ignored"] == "javascript:alert(1)"


# -- batches go on -----------------------------------------------------------------------------

def test_each_bad_input_is_one_failure_and_the_batch_goes_on(tmp_path):
    bad = {
        "empty.txt": b"",
        "nul.txt": b"abc\x00def" * 20,
        "png.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        "mixed.txt": ("Caf\u00e9 " * 10).encode() + b"\xff\xfe" + GOOD.encode(),
        "boiler.txt": b"Leave a Reply\nYour email address will not be published.\n",
    }
    names = sorted(bad) + ["zz_good.txt"]
    for n, data in bad.items():
        (tmp_path / n).write_bytes(data)
    (tmp_path / "zz_good.txt").write_text(GOOD)
    got = results([tmp_path])
    assert len(got) == len(names)
    for n, item in zip(names, got):
        if n == "zz_good.txt":
            assert isinstance(item, Document)
        else:
            assert isinstance(item, Failure) and item.input == str(tmp_path / n) and item.reason
