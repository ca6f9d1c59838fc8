"""Remove reader-comment sections and comment forms from a page before main-text extraction.

trafilatura drops comment sections that keep WordPress's standard ids and classes; themes and
widgets with their own names ("mw-talkback", "tb-entry", "reader-responses") slip through, and
readers' comments are full of claim-like sentences ("The army said 500 were killed"). Any element
whose class or id names comments, replies or a discussion, and any form with a text area, goes,
unless it holds most of the page's text (an <article class="post has-comments"> is the article).
"""
from __future__ import annotations

import re

COMMENT_NAME = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|talkback|respond|responses|repl(?:y|ies)|disqus|discussion|"
    r"discuss|conversation|feedback|tb-entry|user-?comments|reader-?(?:comments|responses))(?:$|[\s_-])", re.I)


def strip_comment_sections(html: str) -> str:
    try:
        import lxml.html
    except ImportError:  # trafilatura depends on lxml, so this is a broken install
        return html
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:
        return html
    body = root.find("body")
    total = len((body if body is not None else root).text_content() or "")
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head"):
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("data-widget"))))
        is_form = el.tag == "form" and el.find(".//textarea") is not None
        if not (is_form or (names and COMMENT_NAME.search(names))):
            continue
        if el.find(".//h1") is not None:
            continue
        size = len(el.text_content() or "")
        if total and size > 0.5 * total:
            continue
        doomed.append(el)
    if not doomed:
        return html
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            el.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")
