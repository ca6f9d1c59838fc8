"""A run of 40,000 brackets is parsed in pieces (the tokenizer is worse than quadratic on it);
the stored text keeps every character and offsets stay the document's."""
from claimledger.extract.parse_text import MAX_WORD, WORD_PIECE, masked_text
from claimledger.models import Document


def test_long_runs_get_blanks_at_fixed_steps_and_keep_length():
    text = "The army said " + "(" * 450 + " it left."
    masked = masked_text(Document(text=text))
    assert len(masked) == len(text)
    start = text.index("(")
    blanks = [i for i, c in enumerate(masked) if c == " " and text[i] == "("]
    assert blanks == list(range(start + WORD_PIECE, start + 450, WORD_PIECE))


def test_ordinary_words_are_untouched():
    text = "Officials said " + "a" * MAX_WORD + " was found."
    assert masked_text(Document(text=text)) == text
