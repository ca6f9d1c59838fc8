"""HTML ingest: trafilatura's text, the page's own metadata, and comment sections kept out."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger import errors
from claimledger.errors import InputError
from claimledger.ingest import document_from_bytes, document_from_html, read_inputs
from claimledger.ingest.pagemeta import read_page_meta
from claimledger.models import Document, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

PARAGRAPHS = (
    "<p>Regional governor Oleh Syniehubov said on Sunday that three civilians had been wounded by "
    "overnight shelling in Kupiansk. He said emergency crews were at the scene.</p>"
    "<p>Russia's defence ministry said its forces had struck military targets in the area, a claim "
    "that could not be independently verified.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def included(doc: Document, needle: str) -> bool:
    start = doc.text.index(needle)
    return not doc.is_excluded(start, start + len(needle))


@pytest.fixture(scope="module")
def standard() -> Document:
    [doc] = list(read_inputs([FIXTURES / "wordpress_standard.html"]))
    assert isinstance(doc, Document), doc
    return doc


@pytest.fixture(scope="module")
def custom() -> Document:
    [doc] = list(read_inputs([FIXTURES / "custom_comments.html"]))
    assert isinstance(doc, Document), doc
    return doc


def test_standard_page_metadata(standard):
    assert standard.content_type == "html"
    assert standard.title == "US claims North Korean troops dead in conflict with Ukraine"
    assert standard.outlet == "Kyiv Ledger"
    assert standard.author == "Jane Writer"
    assert standard.url == "https://kyivledger.example/2024/12/16/north-korean-troops/"
    assert standard.path == str(FIXTURES / "wordpress_standard.html")


def test_published_is_the_outlets_local_date(standard):
    # JSON-LD says 23:30 in New York; article:published_time gives the same moment in UTC, a day
    # later. The outlet's own date and offset are kept.
    assert (standard.published, standard.published_tz) == ("2024-12-16", "-05:00")
    assert standard.meta["published_source"] == "json-ld datePublished"


def test_standard_wordpress_comments_are_absent(standard):
    for comment in ("fake news", "500 soldiers", "Leave a Reply", "Your email address", "Bob"):
        assert comment not in standard.text
    assert included(standard, "fighting over the weekend claimed the lives of at least 30 North Korean soldiers.")
    assert included(standard, "which Ukraine has controlled since an unexpected invasion in August.")
    assert standard.truncated is False
    assert standard.language == "en"


def test_comments_that_trafilatura_keeps_are_excluded(custom):
    comment = "The governor said that the school was empty"
    assert comment in custom.text                     # trafilatura kept the comment section ...
    assert custom.is_excluded(custom.text.index(comment), custom.text.index(comment) + len(comment))
    start = custom.text.index("Leave a Reply")        # ... we exclude it from the form on
    assert (start, len(custom.text)) in custom.excluded
    assert "share" in custom.excluded_reasons
    assert included(custom, "Local officials said the strikes damaged a school and two houses.")
    assert custom.truncated is False


def test_custom_page_metadata_and_headline(custom):
    assert custom.title == "Three wounded as shelling hits Kupiansk"
    assert custom.outlet == "Frontline Daily"
    assert (custom.published, custom.published_tz) == ("2024-03-03", None)
    assert custom.meta["published_source"] == "meta pubdate"
    assert custom.body_start == custom.text.index("Regional governor")


def test_date_is_never_taken_from_comment_timestamps():
    body = PARAGRAPHS + "<p>Mark says:</p><p>March 3, 2024 at 5:12 pm</p><p>Nobody was hurt, he said.</p>"
    doc = document_from_html(page(body=body))
    assert doc.published is None
    assert doc.is_excluded(doc.text.index("Mark says:"), len(doc.text))


def test_article_published_time_with_offset():
    doc = document_from_html(page('<meta property="article:published_time" content="2024-12-17T02:30:00+0300">'))
    assert (doc.published, doc.published_tz) == ("2024-12-17", "+03:00")


def test_explicit_arguments_override_page_metadata():
    html = (FIXTURES / "wordpress_standard.html").read_text(encoding="utf-8")
    doc = document_from_html(html, published="2024-12-18", outlet="Mirror Site", title="Other title",
                             url="https://mirror.example/a", path="mirror.html")
    assert (doc.published, doc.published_tz, doc.outlet, doc.title, doc.url, doc.path) == (
        "2024-12-18", None, "Mirror Site", "Other title", "https://mirror.example/a", "mirror.html")
    assert doc.meta["published_source"] == "given"


def test_truncated_html_article():
    body = PARAGRAPHS + "<p>The governor added that the authorities were preparing to</p>"
    doc = document_from_html(page(body=body))
    assert doc.truncated is True
    fragment = "The governor added that the authorities were preparing to"
    start = doc.text.index(fragment)
    assert (start, start + len(fragment)) in doc.excluded


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Log in</title></head><body><form><label>Username</label><input name=u>"
        "<label>Password</label><input type=password><button>Log in</button></form></body></html>",
        "<html><head><title>News</title></head><body><h1>Latest news</h1><ul>"
        + "".join(f'<li><a href="/n/{i}">Headline number {i} about the war</a></li>' for i in range(40))
        + "</ul></body></html>",
        "<html><body><p>Too short to be an article.</p></body></html>",
    ],
    ids=["login", "index", "short"],
)
def test_page_without_article_is_refused(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [failure] = list(read_inputs([path]))
    assert isinstance(failure, Failure), failure
    assert failure.code == errors.NO_ARTICLE
    assert failure.reason.startswith("no article text found in the HTML page (")
    assert "need at least 100" in failure.reason


def test_page_whose_main_text_is_only_a_comment_form_is_refused():
    body = ("<p>Leave a Reply</p><p>Your email address will not be published. Required fields are "
            "marked *</p><p>Notify me of follow-up comments by email.</p><p>Post Comment</p>"
            "<p>Save my name, email, and website in this browser for the next time I comment.</p>")
    with pytest.raises(InputError) as info:
        document_from_html(page(body=body), path="form.html")
    assert info.value.code == errors.NO_ARTICLE and info.value.input == "form.html"


def test_legacy_charset_declared_by_the_page():
    html = page('<meta charset="windows-1252">',
                PARAGRAPHS.replace("Russia's", "Russia\u2019s").replace("Kupiansk.", "Kupiansk \u2014 a caf\u00e9 was hit."))
    doc = document_from_bytes(html.encode("cp1252"), "p.html")
    assert "Russia\u2019s defence ministry" in doc.text and "caf\u00e9" in doc.text
    assert doc.meta["encoding"] == "cp1252"


def test_page_meta_reader_handles_graphs_lists_and_broken_json():
    html = """<html><head>
    <script type="application/ld+json">{not json</script>
    <script type="application/ld+json">[{"@type": "WebPage", "datePublished": "2020-01-01"},
      {"@graph": [{"@type": ["NewsArticle"], "datePublished": "2024-12-16T23:30:00.000Z",
        "author": [{"name": "A One"}, {"name": "B Two"}], "publisher": {"name": "Outlet"}}]}]</script>
    <link rel="canonical" href="https://o.example/x"></head><body></body></html>"""
    meta = read_page_meta(html)
    assert (meta.published, meta.published_tz) == ("2024-12-16", "+00:00")
    assert meta.author == "A One, B Two"
    assert meta.site_name == "Outlet"
    assert meta.canonical_url == "https://o.example/x"


def test_itemprop_date_is_read():
    meta = read_page_meta('<div><time itemprop="datePublished" datetime="2024-05-02T10:00:00-04:00">'
                          'May 2</time></div>')
    assert (meta.published, meta.published_tz, meta.published_source) == (
        "2024-05-02", "-04:00", "itemprop datePublished")
