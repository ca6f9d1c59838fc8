"""Article text and metadata from an HTML page.

trafilatura finds the main text (best of the open extractors on news pages, and it drops standard
WordPress comment sections); its output is the stored text, so claim offsets point into what it
extracted, never into the markup. Comment sections it keeps (themes without the standard ids) are
caught by the same boilerplate pass as plain text. Everything runs offline: the page is given,
never fetched.
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..errors import EMPTY, NO_ARTICLE, InputError
from ..models import Document
from .clean import clean_document
from .comments_html import strip_comment_sections
from .pagemeta import read_page_meta
from .published import parse_page_date, parse_published

#: A page with less main text than this is an index, a login or an error page, not an article.
MIN_ARTICLE_CHARS = 100


def _extract(html: str, url: Optional[str], name: Optional[str]):
    import trafilatura

    # extensive_search=False: only dates the markup declares. With it, htmldate reads dates out of
    # the text, and on a page with reader comments picks a comment's timestamp.
    date_params = {"original_date": True, "extensive_search": False,
                   "max_date": date.today().isoformat()}
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
            include_tables=True, include_images=False, include_links=False,
            date_extraction_params=date_params,
        )
    except Exception as exc:  # lxml or trafilatura failing on a broken page: that page only
        raise InputError(f"could not parse the HTML page: {type(exc).__name__}: {exc}",
                         code=NO_ARTICLE, input=name) from exc


def document_from_html(
    html: str,
    *,
    path: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    author: Optional[str] = None,
    published=None,
    outlet: Optional[str] = None,
) -> Document:
    """A Document from an HTML page; explicit arguments override what the page declares.

    Raises InputError: EMPTY (no markup), NO_ARTICLE (no main text of at least
    MIN_ARTICLE_CHARS characters), LANGUAGE (not English), CL100 (bad ``published``).
    """
    if not isinstance(html, str):
        raise TypeError(f"document_from_html needs str, got {type(html).__name__}; "
                        "use document_from_bytes for bytes")
    if not html.strip():
        raise InputError("HTML page is empty", code=EMPTY, input=path)
    from .decode import check_unicode
    from .documents import check_metadata
    from .urls import page_url
    check_unicode(html, path)
    check_metadata(path, url=url, title=title, author=author, outlet=outlet)
    pub, pub_tz = parse_published(published, input=path)
    page = read_page_meta(html)
    result = _extract(strip_comment_sections(html), url, path)
    text = getattr(result, "text", None) or ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise InputError(
            f"no article text found in the HTML page ({len(text.strip())} characters of main "
            f"text, need at least {MIN_ARTICLE_CHARS}): is it an index, login or error page?",
            code=NO_ARTICLE, input=path,
        )
    doc = Document(text=text, path=path, content_type="html")
    doc.url = url or page_url(page.canonical_url) or page_url(result.url)
    if not url and (page.canonical_url or result.url) and not doc.url:
        doc.meta["url_ignored"] = (page.canonical_url or result.url)[:200]  # javascript:, file:, ...
    doc.title = title or result.title or page.title
    doc.author = author or page.author or result.author
    doc.outlet = outlet or page.site_name or result.sitename
    if published is not None:
        doc.published, doc.published_tz = pub, pub_tz
        doc.meta["published_source"] = "given"
    elif page.published:
        doc.published, doc.published_tz = page.published, page.published_tz
        doc.meta["published_source"] = page.published_source
        doc.meta["published_raw"] = page.extra.get("published_raw")
    elif result.date:
        doc.published, doc.published_tz = parse_page_date(result.date)
        doc.meta["published_source"] = "trafilatura" if doc.published else None
    for key, value in (("page_title", result.title or page.title), ("hostname", result.hostname),
                       ("locale", page.locale)):
        if value:
            doc.meta[key] = value
    return clean_document(doc, min_chars=MIN_ARTICLE_CHARS, what="HTML page")
