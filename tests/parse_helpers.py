"""Hand-built spaCy parses for rule tests: no model, the parse spelled out token by token.

``parse('''
    He        PRON  nsubj  1
    said      VERB  ROOT   1  say  VBD
    ...
''')``: one token a line, ``word POS dep head [lemma] [tag]`` with ``head`` the 0-based index of
the token's head (its own index for the root). The lemma defaults to the lower-cased word.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _vocab():
    import spacy
    return spacy.blank("en").vocab


def parse(spec: str, text: str | None = None) -> Doc:
    """The Doc of ``spec``; with ``text`` the words must spell it out in order (its spacing is
    kept), else words are joined by single spaces except before punctuation."""
    words, pos, deps, heads, lemmas, tags = [], [], [], [], [], []
    for line in spec.strip().splitlines():
        cols = line.split()
        if not cols:
            continue
        word, p, dep, head = cols[:4]
        words.append(word)
        pos.append(p)
        deps.append(dep)
        heads.append(int(head))
        lemmas.append(cols[4] if len(cols) > 4 and cols[4] != "-" else word.lower())
        tags.append(cols[5] if len(cols) > 5 else "")
    if text is None:
        spaces = [not (i + 1 < len(words) and words[i + 1] in {",", ".", ";", ":", "'s", "n't"})
                  for i in range(len(words))]
    else:
        spaces, pos_ = [], 0
        for w in words:
            start = text.index(w, pos_)
            assert not text[pos_:start].strip(), f"{w!r} does not follow {text[:pos_]!r}"
            pos_ = start + len(w)
            spaces.append(text[pos_:pos_ + 1] == " ")
            pos_ += spaces[-1]
    assert text is None or "".join(w + " " * sp for w, sp in zip(words, spaces)) == text, "spacing differs"
    kw = {"tags": [t or "XX" for t in tags]} if any(tags) else {}
    return Doc(_vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas, **kw)
