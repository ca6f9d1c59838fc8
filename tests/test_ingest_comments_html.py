"""Reader comments in non-standard markup never reach the stored text."""
from claimledger.ingest import document_from_html
from claimledger.ingest.comments_html import strip_comment_sections

BODY = ("<p>The army said on Tuesday that its forces had repelled an attack on the town of Kupiansk, "
        "killing at least twelve fighters, according to a statement posted on its channel.</p>"
        "<p>Officials said the fighting continued overnight in several villages near the river.</p>")


def test_custom_comment_widget_and_compose_form_are_removed():
    html = (f"<html><body><article class='post has-comments'><h1>Attack repelled</h1>{BODY}</article>"
            "<div class='xx-talkback'><div class='tb-entry'><p>The army said 500 were killed, nobody reports it.</p>"
            "</div></div><form><textarea></textarea><p>Your name will never be shown publicly.</p></form>"
            "</body></html>")
    cleaned = strip_comment_sections(html)
    assert "500 were killed" not in cleaned
    assert "never be shown" not in cleaned
    assert "repelled an attack" in cleaned  # the article itself is kept despite 'has-comments'
    doc = document_from_html(html)
    assert "500 were killed" not in doc.text
    assert "Kupiansk" in doc.text


def test_page_without_comments_is_unchanged():
    html = f"<html><body><article>{BODY}</article></body></html>"
    assert strip_comment_sections(html) == html
