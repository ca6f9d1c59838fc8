"""Plain-text ingest: exact text, headline, boilerplate and truncation regions (seed article first)."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.ingest import document_from_text, read_inputs
from claimledger.models import Document, Failure

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "fixtures" / "seed" / "article.txt"


def regions(doc: Document) -> list[tuple[str, str]]:
    """(reason, excluded text) pairs, in text order."""
    pairs = sorted(zip(doc.excluded, doc.excluded_reasons))
    return [(reason, doc.text[s:e]) for (s, e), reason in pairs]


def excluded_text(doc: Document, reason: str) -> list[str]:
    return [text for r, text in regions(doc) if r == reason]


def included(doc: Document, needle: str) -> bool:
    start = doc.text.index(needle)
    return not doc.is_excluded(start, start + len(needle))


# --- the seed article -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> Document:
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED}")
    [doc] = list(read_inputs([SEED], published="2024-12-17"))
    assert isinstance(doc, Document), doc
    return doc


def test_seed_text_is_stored_exactly(seed):
    assert seed.text == SEED.read_text(encoding="utf-8")
    assert seed.path == str(SEED)
    assert seed.published == "2024-12-17" and seed.published_tz is None
    assert seed.language == "en"


def test_seed_headline_sets_title_and_body_start(seed):
    assert seed.title == "US claims North Korean troops dead in conflict with Ukraine"
    assert seed.body_start == seed.text.index("The United States has reported")
    assert seed.meta["headline"] == [0, len(seed.title)]
    assert not seed.is_excluded(0, len(seed.title))


def test_seed_unfinished_last_sentence_is_excluded(seed):
    fragment = "Additionally, he stated that there was"
    start = seed.text.index(fragment)
    assert seed.truncated is True
    assert (start, start + len(fragment)) in seed.excluded
    assert excluded_text(seed, "truncated") == [fragment]


def test_seed_comment_form_is_excluded_to_the_end(seed):
    start = seed.text.index("Leave a Reply")
    assert excluded_text(seed, "comments") == [seed.text[start:]]
    assert seed.is_excluded(seed.text.index("Your email address"), len(seed.text))


def test_seed_sentences_before_the_cut_stay(seed):
    for sentence in (
        "The United States has reported that North Korean personnel had been killed",
        "The accusations have not been independently confirmed by the BBC.",
        "according to Pentagon press secretary Major General Pat Ryder",
        "\u201cUkraine\u2019s Defense Forces and intelligence are working to determine the full extent "
        "of the actual losses suffered by Russian units that include North Koreans,\u201d he stated.",
    ):
        assert included(seed, sentence), sentence
    # Exactly two regions: nothing else of the article was touched.
    assert sorted(seed.excluded_reasons) == ["comments", "truncated"]


# --- exact text -----------------------------------------------------------------------------

def test_text_is_never_normalised():
    text = "Officials said  the bridge was closed.\r\nTraffic was diverted,\tpolice said.\n\n\n"
    doc = document_from_text(text)
    assert doc.text == text
    assert doc.excluded == [] and doc.truncated is False


def test_bom_is_dropped_and_offsets_follow_the_stored_text(tmp_path):
    body = "Police said two men were arrested on Monday. They were released later, officials said."
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    [doc] = list(read_inputs([path]))
    assert doc.text == body
    assert doc.text.index("Police") == 0
    assert doc.meta["bom"] is True and doc.meta["encoding"] == "utf-8"


def test_document_from_text_records_metadata():
    doc = document_from_text(
        "Police said two men were arrested on Monday after a fight in the city centre.",
        path="x.txt", url="https://example.org/a", title="Arrests", outlet="Example",
        published="2024-12-17T08:00:00+02:00",
    )
    assert (doc.path, doc.url, doc.title, doc.outlet) == ("x.txt", "https://example.org/a", "Arrests", "Example")
    assert (doc.published, doc.published_tz) == ("2024-12-17", "+02:00")
    assert doc.content_type == "text"


# --- headline -------------------------------------------------------------------------------

def test_headline_is_not_truncation():
    text = "Ceasefire talks stall in Doha\n\nNegotiators said on Monday that talks had stalled.\n"
    doc = document_from_text(text)
    assert doc.title == "Ceasefire talks stall in Doha"
    assert doc.body_start == text.index("Negotiators")
    assert doc.truncated is False and doc.excluded == []


def test_given_title_is_kept_over_headline():
    text = "Ceasefire talks stall in Doha\n\nNegotiators said on Monday that talks had stalled.\n"
    doc = document_from_text(text, title="Talks stall")
    assert doc.title == "Talks stall"
    assert doc.body_start == text.index("Negotiators")


def test_first_line_without_blank_line_is_not_a_headline():
    text = "Negotiators said on Monday\nthat the talks had stalled in Doha.\n"
    doc = document_from_text(text)
    assert doc.title is None and doc.body_start == 0 and doc.truncated is False


def test_headline_after_skip_link_is_found():
    text = ("Skip to content\n\nCeasefire talks stall in Doha\n\n"
            "Negotiators said on Monday that talks had stalled.\n")
    doc = document_from_text(text)
    assert doc.title == "Ceasefire talks stall in Doha"
    assert excluded_text(doc, "navigation") == ["Skip to content"]


# --- truncation -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "ending",
    [
        "The talks resumed on Monday.",
        "\u201cWe will not give up,\u201d he said.",
        "\u201cWe will not give up.\u201d",
        "Is this the end?",
        "They waited\u2026",
        "(The ministry did not comment.)",
    ],
)
def test_finished_last_sentence_is_not_truncation(ending):
    doc = document_from_text("Officials said the talks would go on. " + ending + "\n")
    assert doc.truncated is False and doc.excluded == []


@pytest.mark.parametrize(
    "before, fragment",
    [
        ("Officials said the talks would go on. ", "Later, he added that the"),
        ("The meeting was chaired by Gen. Mark Milley, officials said. ", "Milley said that"),
        ("He met Mr. Smith on Monday. ", "Mr. Smith told reporters that the"),
        ("\u201cWe hold the line,\u201d he said. ", "The commander said"),
        ("Troops arrived in the U.S. The president said ", None),
        ("The convoy was hit, the ministry said! ", "Officials added that"),
        ("Officials said the talks would go on. ", "According to the U.S. State Department the"),
        ("Officials said the talks would go on. ", "He said \u201csignificant numbers\u201d"),
        ("Officials said the talks would go on. ", "The report [\u2026]"),
    ],
)
def test_unfinished_last_sentence_is_excluded(before, fragment):
    if fragment is None:     # "U.S." followed by an ordinary opener ends the sentence
        before, fragment = "Troops arrived in the U.S. ", "The president said"
    text = before + fragment + "\n"
    doc = document_from_text(text)
    assert doc.truncated is True
    assert excluded_text(doc, "truncated") == [fragment]
    assert included(doc, before.strip())


def test_initials_and_titles_do_not_split_the_sentence():
    text = ("Officials said the talks would go on. "
            "Secretary of State Antony J. Blinken told Sen. Jim Risch that the U.S. Army had")
    doc = document_from_text(text)
    assert excluded_text(doc, "truncated") == [text[text.index("Secretary"):]]


def test_truncated_sentence_in_hard_wrapped_paragraph_spans_lines():
    text = ("Officials said the talks would go on for at least another week. Later\n"
            "he added that the delegation from Kyiv had not yet arrived, and that\n"
            "there was\n")
    doc = document_from_text(text)
    start = text.index("Later")
    assert doc.excluded == [(start, len(text.rstrip()))]


def test_truncation_looks_only_at_the_last_paragraph():
    text = ("First paragraph ends properly.\n\nA list without a period\n\n"
            "Second paragraph, the last one, is cut in the middle of a")
    doc = document_from_text(text)
    assert excluded_text(doc, "truncated") == ["Second paragraph, the last one, is cut in the middle of a"]
    assert included(doc, "A list without a period")


# --- boilerplate ----------------------------------------------------------------------------

ARTICLE = (
    "Ukrainian officials said on Monday that at least 30 soldiers had been killed in the fighting "
    "near Kursk over the weekend.\n\n"
)


def test_share_and_newsletter_lines_are_excluded_line_by_line():
    text = (ARTICLE + "Share this:\nClick to share on Twitter (Opens in new window)\n\n"
            "Sign up for our newsletter\n\nAdvertisement\n\n"
            "The ministry said the figures would be published on Tuesday.\n")
    doc = document_from_text(text)
    assert regions(doc) == [
        ("share", "Share this:"),
        ("share", "Click to share on Twitter (Opens in new window)"),
        ("newsletter", "Sign up for our newsletter"),
        ("navigation", "Advertisement"),
    ]
    assert included(doc, "The ministry said the figures would be published on Tuesday.")
    assert doc.truncated is False


def test_comment_header_excludes_the_comments_that_follow():
    text = (ARTICLE + "John says:\nMarch 3, 2024 at 5:12 pm\n"
            "My cousin said 500 soldiers were killed there.\n")
    doc = document_from_text(text)
    start = text.index("John says:")
    assert doc.excluded == [(start, len(text))]
    assert doc.excluded_reasons == ["comments"]
    assert doc.truncated is False


def test_hard_wrapped_seed_keeps_its_cut_and_comment_exclusions():
    import textwrap

    if not SEED.exists():
        pytest.skip("shared seed article not found")
    original = SEED.read_text(encoding="utf-8")
    head, form = original.split("\n\n", 1)[0], original[original.index("Leave a Reply"):]
    body = original[len(head):original.index("Leave a Reply")].strip()
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in body.split("\n\n") if p.strip())
    text = f"{head}\n\n{wrapped}\n\n{form}\n\nBob says:\nDecember 17, 2024 at 5:12 pm\nIt is all lies.\n"
    doc = document_from_text(text)
    assert doc.truncated is True
    cut = excluded_text(doc, "truncated")
    assert len(cut) == 1 and " ".join(cut[0].split()) == "Additionally, he stated that there was"
    assert excluded_text(doc, "comments") == [text[text.index("Leave a Reply"):]]
    assert included(doc, "he stated.")


@pytest.mark.parametrize("header", ["Anna wrote:\n17 December 2024 at 17:12",
                                    "Mark on December 17, 2024 at 5:12 pm said:"])
def test_other_comment_header_styles(header):
    text = ARTICLE + header + "\nIt is all lies.\n"
    doc = document_from_text(text)
    assert excluded_text(doc, "comments") == [text[text.index(header):]]


def test_comment_counter_excludes_to_the_end():
    text = ARTICLE + "2 Comments\n\nBob\nThis is all made up, he said the troops were never there.\n"
    doc = document_from_text(text)
    assert excluded_text(doc, "comments") == [text[text.index("2 Comments"):]]


def test_comment_counter_above_the_article_excludes_only_its_line():
    text = "3 Comments\n\n" + ARTICLE + "The ministry said the figures would be released.\n"
    doc = document_from_text(text)
    assert regions(doc) == [("comments", "3 Comments")]
    assert included(doc, "The ministry said the figures would be released.")


@pytest.mark.parametrize(
    "sentence",
    [
        "In reply, the ministry said the claims were false.",
        "Leave a reply to the ministry's letter, the governor told the council.",
        "The spokesman declined to comment on the reports.",
        "Subscribe to the theory, and the numbers do not add up, analysts said.",
        "Related: officials said the two attacks were linked, according to a statement released "
        "by the regional administration late on Sunday evening, after the sirens had stopped and "
        "the rescuers had reached the site of the strike on the outskirts of the regional capital.",
        "No comments on the matter were made by the regional administration.",
        "Join members of parliament in Kyiv, the governor urged residents.",
        "Read more than 30 pages of the report, the investigators said.",
        "Reporting by the BBC showed that the village had been shelled twice.",
        "Copyright claims were filed against the channel, the lawyer said.",
        "Posted in Kursk since August, the unit said it had lost 30 men.",
        "No comment.",
        "Reply",
    ],
)
def test_article_sentences_that_mention_comments_are_kept(sentence):
    if sentence == "Reply":   # a sentence starting with the word, not the UI element
        sentence = "Reply came late on Monday, when the ministry said it would investigate."
    text = ARTICLE + sentence + "\n\nThe ministry said the figures would be released.\n"
    doc = document_from_text(text)
    assert included(doc, sentence), regions(doc)


def test_cookie_notice_and_credits_are_excluded():
    text = ("We use cookies to improve your experience on our site.\n\n" + ARTICLE
            + "(Reporting by Jane Writer; Editing by John Editor)\n\u00a9 2024 Example News\n")
    doc = document_from_text(text)
    assert [r for r, _ in regions(doc)] == ["cookies", "credits", "credits"]
    assert doc.truncated is False


def test_a_text_of_only_boilerplate_is_refused():
    [failure] = list(read_inputs_from_text("Leave a Reply\n\nShare this:\nSubscribe\n"))
    assert isinstance(failure, Failure)
    assert failure.code == "CL106"
    assert "no article text" in failure.reason


def read_inputs_from_text(text: str, tmp: Path | None = None):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.txt"
        path.write_text(text, encoding="utf-8")
        yield from read_inputs([path])
