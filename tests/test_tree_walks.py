"""Parse walks without recursion: a chain 50,000 levels deep (``said `` repeated) is walked in order."""
import spacy
from spacy.tokens import Doc

from claimledger.extract.tree import subtree_ids


def test_deep_chain_walks_without_recursion():
    n = 50_000
    words = ["said"] * n
    heads = [0] + list(range(n - 1))          # each token hangs on the one before it
    deps = ["ROOT"] + ["ccomp"] * (n - 1)
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    ids = subtree_ids(doc[0])
    assert ids == list(range(n))
    assert subtree_ids(doc[n - 1]) == [n - 1]
    assert subtree_ids(doc[n - 3]) == [n - 3, n - 2, n - 1]


def test_children_of_is_spacys_children_in_text_order():
    from claimledger.extract.tree import children_of

    words = ["Officials", "in", "the", "city", "said", "on", "Monday", "that", "two", "died", "."]
    heads = [4, 0, 3, 1, 4, 4, 5, 9, 9, 4, 4]
    deps = ["nsubj", "prep", "det", "pobj", "ROOT", "prep", "pobj", "mark", "nsubj", "ccomp", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    for tok in doc:
        assert [c.i for c in children_of(tok)] == [c.i for c in tok.children]
    assert [c.text for c in children_of(doc[4])] == ["Officials", "on", "died", "."]
