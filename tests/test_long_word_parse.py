"""A run of 40,000 brackets is parsed in pieces (the tokenizer is worse than quadratic on it);
the stored text keeps every character and offsets stay the document's."""
from claimledger.extract.parse_text import MAX_PUNCT, MAX_WORD, WORD_PIECE, groups, masked_text
from claimledger.models import Document


def test_long_runs_get_blanks_at_fixed_steps_and_keep_length():
    text = "The army said " + "a(" * 225 + " it left."
    masked = masked_text(Document(text=text))
    assert len(masked) == len(text)
    start = text.index("a(")
    blanks = [i for i, c in enumerate(masked) if c == " " and text[i] != " "]
    assert blanks == list(range(start + WORD_PIECE, start + 450, WORD_PIECE))


def test_punctuation_runs_are_blanked_in_the_parse_only():
    text = "The army said " + "(" * 450 + "it left" + ")" * 450 + ". Officials said -- no... " + "=" * 21 + "\n"
    doc = Document(text=text)
    masked = masked_text(doc)
    assert len(masked) == len(text) and doc.text == text
    assert masked == ("The army said " + " " * 450 + "it left" + " " * 451 + " Officials said -- no... "
                      + " " * 21 + "\n")                          # (the full stop was part of the run)
    short = "He said -- and " + "!" * MAX_PUNCT + " twice."
    assert masked_text(Document(text=short)) == short          # up to MAX_PUNCT kept


def test_ordinary_words_are_untouched():
    text = "Officials said " + "a" * MAX_WORD + " was found."
    assert masked_text(Document(text=text)) == text


def test_pieces_reach_the_parser_a_bounded_amount_at_a_time():
    got = list(groups(["a" * 60, "b" * 60, "c" * 10, "d" * 200, "e"], limit=100, most=16))
    assert [[len(p) for p in g] for g in got] == [[60], [60, 10], [200], [1]]
    assert [len(g) for g in groups(["x"] * 40, limit=100, most=16)] == [16, 16, 8]
