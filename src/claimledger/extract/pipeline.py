"""Document -> Claims: the extraction stage assembled.

One spaCy parse per document over the text with excluded regions blanked out (same length, so
every token offset is a document offset), with sentence starts forced at block boundaries so a
headline or paragraph never runs into the next. Attributions found on the parse become Claims
with their source, type, quantities, places, times, hedges, evidence and verification.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator, Optional, Union

from ..version import pipeline_version
from ..models import Claim, Cue, Document, Source, TimeExpr, claim_id
from . import nlp as nlp_mod
from . import parse_text
from .attribution import MAX_SENTENCE_TOKENS, tense_of
from .attribution_kinds import DEFAULT_KIND, construction_of, kind_for
from .attribution_parts import dateline_end
from .finders import NOT_READ, AttributionFinder, AttributionSpan, find_with, load_finder, reads_early
from .classify import classify, denied_type
from .evidence import evidence_in, find_evidence
from .lexicon import cues, hedge_pattern
from .places_extract import PlaceFinder
from .quantities import count_unspecified, find_quantities
from .read_ahead import ReadAhead
from .segment import Block, blocks
from .sources import SourceTracker, full_name_index, resolve_headline_sources
from .timeline import DocumentTimes
from .times import Point, find_times, names_a_thing, resolve_time
from .tree import doc_text
from .verification import apply_verification


class Extractor:
    """Loads the model once; ``extract`` takes any number of documents and batches the parse.

    ``finder`` finds the attributions (``extract/finders.py``): a finder object, or a name for
    ``load_finder`` ("rules", "model", "rules+model"); the rules by default. ``place_tagger``: the
    learned toponym tagger joins the place rules (the ``place_tagger`` setting)."""

    def __init__(self, nlp=None, batch_size: int = 16, finder: Union[AttributionFinder, str, None] = None,
                 place_tagger: bool = True):
        self.nlp = nlp if nlp is not None else nlp_mod.load()
        self.batch_size = batch_size
        self.places = PlaceFinder(tagger="shipped" if place_tagger else None)
        self.finder = load_finder(finder or "rules") if finder is None or isinstance(finder, str) else finder
        #: the pipeline version of this extractor's claims: code, data, weights, the finder's name and
        #: whether the toponym tagger finds places
        self.version = pipeline_version(getattr(self.finder, "name", type(self.finder).__name__)
                                        + ("" if place_tagger else "; places by the rules alone"))

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        docs = list(documents)
        # a finder's text-only work (the encoder's tagging) runs on another thread beside the parse
        ahead = ReadAhead(self.finder.early, [d.text for d in docs], ahead=2 * self.batch_size) \
            if reads_early(self.finder) and docs else None
        try:
            prepared = [self._prepare(d) for d in docs]
            parsed = (doc for group in parse_text.groups([c for p in prepared for c in p[0]], most=self.batch_size)
                      for doc in self.nlp.pipe(group, batch_size=len(group)))
            for k, (document, (chunks, blks)) in enumerate(zip(docs, prepared)):
                spdoc = parse_text.join([next(parsed) for _ in chunks])
                yield document, self._claims(document, spdoc, blks, ahead.get(k) if ahead else NOT_READ)
        finally:
            if ahead is not None:
                ahead.close()

    def extract_one(self, document: Document) -> list[Claim]:
        return next(self.extract([document]))[1]

    def parse(self, document: Document):
        """(spaCy Doc, blocks) exactly as ``extract`` parses one document (training, evaluation)."""
        chunks, blks = self._prepare(document)
        parsed = [doc for group in parse_text.groups(chunks) for doc in self.nlp.pipe(group)]
        return parse_text.join(parsed), blks

    def claims_from_parse(self, document: Document, spdoc, blks) -> list[Claim]:
        """The claims of a document from its ``parse`` (several finders can share one parse)."""
        return self._claims(document, spdoc, blks)

    # ------------------------------------------------------------------ parse input
    def _prepare(self, document: Document):
        """The pieces to parse (see parse_text: excluded and invisible characters blanked, long
        texts cut between blocks) with sentence starts forced at blocks, and the blocks."""
        masked = parse_text.masked_text(document)
        blks = blocks(document)
        for b in blks:      # a block never starts on a blanked invisible character
            b.start = parse_text.visible_start(masked, b.start, b.end)
        starts = {b.start for b in blks}
        heads = [(b.start, b.end) for b in blks if b.headline]
        chunks = []
        for offset, piece in parse_text.pieces(masked, [b.start for b in blks]):
            spdoc = self.nlp.make_doc(piece)
            prev = None
            for tok in spdoc:
                idx = tok.idx + offset
                if idx in starts:
                    tok.is_sent_start = True
                elif prev is not None and prev.text == ";" and any(s <= idx < e for s, e in heads):
                    tok.is_sent_start = True  # "Rebels say X; army says Y": two headline claims
                prev = tok
            chunks.append(spdoc)
        return chunks, blks

    # ------------------------------------------------------------------ claims
    def _claims(self, document: Document, spdoc, blks: list[Block], early=NOT_READ) -> list[Claim]:
        text = document.text
        tracker = SourceTracker(full_name_index([spdoc]))
        anchor = _anchor(document.published)
        index = _TokenIndex(spdoc)
        index.document_id = document.id  # once: it hashes the whole text
        index.places = self.places.document(spdoc, document)   # the document's own place finder
        # the document read in order once: a claim's anaphora ("the following day", "that spring")
        # and, in a narrative, its dates without a year count from the last date mentioned before
        # them. An undated document keeps every relative time unresolved (nothing to count from
        # that the text did not invent).
        doc_times = DocumentTimes(text, anchor, index.sentence_spans(), locale=document.meta.get("locale")) \
            if anchor is not None else None
        index.doc_times = doc_times
        claims: list[Claim] = []
        paragraphs: dict[int, int] = {}
        headline: set[int] = set()   # ids of the headlines' attributed claims
        found = find_with(self.finder, spdoc, text, [(b.start, b.end) for b in blks], early)
        by_block = _by_block(found, blks)
        for bi, blk in enumerate(blks):
            span = spdoc.char_span(blk.start, blk.end, alignment_mode="expand")
            if span is None:
                continue
            atts = by_block.get(bi, [])
            sents = list(span.sents)
            sent_starts = [s.start_char for s in sents]
            here_by_sent: dict[int, list[AttributionSpan]] = {}
            for a in atts:
                k = bisect_right(sent_starts, a.anchor) - 1
                if k >= 0 and a.anchor < sents[k].end_char:
                    here_by_sent.setdefault(k, []).append(a)
            attributed_sents = set()
            for k, sent in enumerate(sents):
                if len(sent) <= MAX_SENTENCE_TOKENS:  # a 50,000-word "sentence" names no source
                    tracker.see_entities(sent)
                for a in here_by_sent.get(k, []):
                    claim = self._claim(document, a, tracker, anchor, spdoc, index)
                    if claim is not None:
                        claims.append(claim)
                        paragraphs[id(claim)] = blk.paragraph
                        if blk.headline:
                            headline.add(id(claim))
                    for aside in a.asides:
                        extra = self._author_claim(document, sent, anchor, blk, span=aside, index=index)
                        if extra is not None:
                            claims.append(extra)
                            paragraphs[id(extra)] = blk.paragraph
                    for p in a.content:
                        lo = max(0, bisect_right(sent_starts, p[0]) - 1)
                        for j in range(lo, len(sents)):
                            s2 = sents[j]
                            if s2.start_char >= p[1]:
                                break
                            if p[0] < s2.end_char:
                                attributed_sents.add(s2.start)
                    attributed_sents.add(sent.start)
            for sent in sents:
                if sent.start in attributed_sents:
                    continue
                claim = self._author_claim(document, sent, anchor, blk, index=index)
                if claim is not None:
                    claims.append(claim)
                    paragraphs[id(claim)] = blk.paragraph
        claims.sort(key=lambda c: c.span)
        resolve_headline_sources([c for c in claims if id(c) in headline], [c for c in claims if id(c) not in headline])
        parse_text.clean_names(claims)
        _carry_statement_times(claims)
        apply_verification(claims, spdoc, text, blks, paragraphs)
        return claims

    def _claim(self, document: Document, a: AttributionSpan, tracker: SourceTracker, anchor, spdoc,
               index: "_TokenIndex") -> Optional[Claim]:
        text = document.text
        if any(document.is_excluded(s, e) for s, e in a.content):
            return None
        pieces = list(a.content)
        if a.source is not None:
            head, stoks = index.head_of(a.source, a.source_head)
            source = tracker.describe(head, text, stoks) if head is not None else Source(text="", name=None, kind="unnamed")
        else:
            source = Source(text="", name=None, kind="unnamed")
        if a.source is not None and a.source_extent is not None and a.source_extent != source.span:
            source.extent = a.source_extent
        via = None
        if a.via is not None:
            vhead, vtoks = index.head_of(a.via, a.via_head)
            via = tracker.describe(vhead, text, vtoks) if vhead is not None else None
        cue_toks = index.tokens_in(*a.cue) if a.cue else []
        cue_lemma = a.cue_lemma or (" ".join(t.lemma_.lower() for t in cue_toks) if cue_toks else "")
        cue_text = text[a.cue[0]:a.cue[1]] if a.cue else ""
        tense = a.tense or (tense_of(_root(cue_toks)) if cue_toks else "past")
        sentence = a.sentence or index.sentences_of(pieces)
        content = " ".join(text[s:e] for s, e in pieces)
        ctoks = [t for s, e in pieces for t in index.tokens_in(s, e)]
        C = cues()
        places = index.places.places_for(ctoks, text, spdoc)
        ctype = classify(ctoks, cue_lemma, C.denial, places=_place_tokens(ctoks, places))
        quantities = []
        for s, e in pieces:
            quantities.extend(find_quantities(text[s:e], s))
        sent_span = _clip_excluded(document, _strip_span(text, sentence))
        sent_text = text[sent_span[0]:sent_span[1]]
        claim = Claim(
            document_id=index.document_id if index is not None else document.id, content=content, span=(pieces[0][0], pieces[-1][1]), sentence=sent_text,
            sentence_span=sent_span, attribution=a.kind, source=source, type=ctype,
            cue=Cue(text=cue_text, lemma=cue_lemma, span=a.cue) if a.cue else None,
            spans=pieces if len(pieces) > 1 else [], quantities=quantities,
            confidence=round(a.confidence, 2), pipeline_version=self.version, document_path=document.path)
        claim.via = via
        if a.continues is not None:
            claim.continues = claim_id(claim.document_id, a.continues)
        if ctype == "denial":   # what is denied, read as if asserted
            claim.denies = denied_type(ctoks, _place_tokens(ctoks, places))
        claim.attribution_kind = a.attribution_kind or kind_for(cue_lemma, construction_of(_root(cue_toks)) if cue_toks else "")
        claim.count_unspecified = index.memo(("unspecified", sent_span), lambda: count_unspecified(sent_text))
        claim.places = places
        if not claim.places and a.source:
            # "Two residents of Lalibela said ...": where the source speaks from
            stoks = index.tokens_in(*a.source)
            claim.places = index.places.places_for(stoks, text, spdoc)
        locale = document.meta.get("locale")
        doc_times = index.doc_times if index is not None else None
        claim.event_time = _first_time(text, pieces, anchor, tense if tense != "present" else "past", None, locale,
                                       doc_times)
        claim.stated_at = _stated_time(text, a, anchor, locale)
        if claim.event_time is not None and claim.stated_at is not None and (
                claim.event_time.precision in ("approximate", "unresolved") or claim.event_time.duration):
            # "a little over a week ago" counts back from when the source spoke; "over the past two
            # weeks" ends when the source spoke; "later that day" is the day the source spoke of
            spoken = claim.stated_at.start if claim.stated_at.start == claim.stated_at.end else None
            if spoken:
                claim.event_time = _first_time(text, pieces, anchor, "past", date.fromisoformat(spoken), locale)
        claim.hedges = _hedges(sent_text, cue_lemma, cue_text, index.memo(("hedges", sent_span), lambda: _hedge_words(sent_text)))
        claim.evidence = find_evidence(text, sentence, spdoc, source_name=source.name, attributed=True,
                                       previous=index.previous_sentence, lookup=index.evidence)
        return claim

    def _author_claim(self, document: Document, sent, anchor, blk: Block, span=None, index=None) -> Optional[Claim]:
        """The outlet's own narration: a whole unattributed sentence, or an aside cut from a
        source's content (``span``)."""
        text = document.text
        # a dateline opening the sentence ("KINSHASA, May 5 -") is where and when the outlet
        # filed, not part of what it reports (nor the time of the happening)
        s, e = span if span is not None else (max(sent.start_char, dateline_end(sent)), sent.end_char)
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?"):
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e - s < 12 or not any(t.pos_ in ("VERB", "AUX") for t in sent) or text[s:e].rstrip().endswith("?"):
            return None
        if document.is_excluded(s, e):
            return None
        toks = [t for t in sent if not t.is_space and s <= t.idx < e]
        outlet = document.outlet
        finder = index.places if index is not None else self.places.document(sent.doc, document)
        places = finder.places_for(toks, text, sent.doc)
        claim = Claim(
            document_id=index.document_id if index is not None else document.id, content=text[s:e], span=(s, e), sentence=sent.text.strip(),
            sentence_span=_strip_span(text, (sent.start_char, sent.end_char)), attribution="author",
            source=Source(text=outlet or "", name=outlet, kind="author"),
            type=classify(toks, places=_place_tokens(toks, places)), quantities=find_quantities(text[s:e], s),
            confidence=0.4 if blk.headline else 0.5, pipeline_version=self.version,
            document_path=document.path, attribution_kind=DEFAULT_KIND)
        if claim.type == "denial":   # the outlet's "the rebels did not enter the town"
            claim.denies = denied_type(toks, _place_tokens(toks, places))
        claim.places = places
        claim.event_time = _first_time(text, [(s, e)], anchor, "past", None, document.meta.get("locale"),
                                       index.doc_times if index is not None else None)
        claim.hedges = _hedges(text[s:e], "", "")
        claim.evidence = find_evidence(text, (s, e), sent.doc)
        return claim


def _place_tokens(tokens: list, places: list) -> frozenset:
    """Indices of the tokens inside the places found for them (what the claim types read as places)."""
    spans = [p.span for p in places if p.span]
    return frozenset(t.i for t in tokens if any(s <= t.idx < e for s, e in spans))


def _carry_statement_times(claims: list[Claim]) -> None:
    """'X said on Sunday it had ... It added that ...': the added claim was made at the same time.
    A claim without a statement time takes that of the same source's claim just before it, when
    its own source is a pronoun or description pointing back, or it shares that sentence."""
    last: dict[str, Claim] = {}
    for c in claims:
        key = c.source.name or ""
        if c.attribution == "author" or not key:
            continue
        prev = last.get(key)
        if c.stated_at is None and prev is not None and prev.stated_at is not None \
                and c.span[0] - prev.span[1] < 600 \
                and (c.source.resolved_from or prev.sentence_span == c.sentence_span or c.cue is None):
            c.stated_at = dataclasses.replace(prev.stated_at)
        last[key] = c


def _clip_excluded(document: Document, span) -> tuple[int, int]:
    """A sentence never runs into an excluded region (a truncated fragment, a comment form)."""
    s, e = span
    for xs, xe in document.excluded:
        if s < xs < e:
            e = xs
    return _strip_span(document.text, (s, e))


def _strip_span(text: str, span) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in parse_text.FORMAT_CHARS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in parse_text.FORMAT_CHARS):
        e -= 1
    return (s, e)


class _TokenIndex:
    """Tokens and sentences of one parsed document looked up by character offset (bisection, so
    the work per claim does not grow with the document)."""

    def __init__(self, spdoc):
        self.doc = spdoc
        self.starts = [t.idx for t in spdoc]
        self._sents = None
        self._memo: dict = {}
        self.document_id: Optional[str] = None
        self.doc_times: Optional[DocumentTimes] = None
        self.places: Optional[PlaceFinder] = None   # the document's own (PlaceFinder.document)

    def memo(self, key, compute):
        """A value computed once per document and key (a sentence's hedges, its evidence)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def evidence(self, text: str, start: int, end: int) -> list:
        found = self.memo(("evidence", start, end), lambda: evidence_in(text, start, end))
        return [dataclasses.replace(e) for e in found]

    def tokens_in(self, s: int, e: int) -> list:
        """Tokens starting inside [s, e)."""
        return list(self.doc[bisect_left(self.starts, s):bisect_left(self.starts, e)])

    def token_at(self, offset: int):
        k = bisect_left(self.starts, offset)
        return self.doc[k] if k < len(self.starts) and self.starts[k] == offset else None

    def head_of(self, span, head_offset=None):
        """(head token, tokens) of a source span: the finder's head when given, else the span's
        syntactic root."""
        toks = self.tokens_in(*span)
        toks = [t for t in toks if not t.is_space]
        head = self.token_at(head_offset) if head_offset is not None else None
        if head is None:
            head = _root(toks)
        return head, toks

    def _sentences(self) -> list[tuple[int, int]]:
        if self._sents is None:
            self._sents = [(s.start_char, s.end_char) for s in self.doc.sents]
            self._sent_starts = [s for s, _ in self._sents]
            text = doc_text(self.doc)
            self._blank = [not text[s:e].strip() for s, e in self._sents]
        return self._sents

    def sentence_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence of the parse, in order."""
        return list(self._sentences())

    def previous_sentence(self, start: int):
        """The last non-blank sentence starting before ``start``."""
        sents = self._sentences()
        k = bisect_left(self._sent_starts, start) - 1
        while k >= 0 and self._blank[k]:
            k -= 1
        return sents[k] if k >= 0 else None

    def sentences_of(self, pieces) -> tuple[int, int]:
        self._sentences()
        starts = self._sent_starts
        k = max(0, bisect_right(starts, pieces[0][0]) - 1)
        j = max(k, bisect_left(starts, pieces[-1][1]) - 1)
        return (self._sents[k][0], self._sents[j][1]) if self._sents else pieces[0]


def _root(toks):
    """The token of a run whose head lies outside it (the first such, as spaCy's Span.root)."""
    if not toks:
        return None
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[0]


def _by_block(found: list[AttributionSpan], blks: list[Block]) -> dict[int, list[AttributionSpan]]:
    """Attributions grouped by the block their anchor stands in, in the finder's order."""
    starts = [b.start for b in blks]
    out: dict[int, list[AttributionSpan]] = {}
    for a in found:
        k = bisect_right(starts, a.anchor) - 1
        if k >= 0 and a.anchor < blks[k].end:
            out.setdefault(k, []).append(a)
    return out


def _anchor(published: Optional[str]) -> Optional[date]:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _first_time(text, pieces, anchor, tense, spoken_at, locale=None,
                doc_times: Optional[DocumentTimes] = None) -> Optional[TimeExpr]:
    found = []
    for s, e in pieces:
        # a dated document was read whole once (DocumentTimes): its expressions in the piece
        found.extend(doc_times.found(s, e) if doc_times is not None else find_times(text[s:e], s))
    if not found:
        return None
    # The first expression placed on the calendar; a bare length ("for three days"), recurrence or
    # "now" only when the claim has nothing else, and a year naming a thing ("the 2024 budget")
    # last of all. Anaphora count from the statement date when one is given ("later that day" is
    # the day the source spoke of), else from the last date the document mentioned before them.
    first = modifier = None
    for s, e, expr in found:
        if spoken_at is None and doc_times is not None:
            context, narrative, far = doc_times.context(s, e), doc_times.narrative, doc_times.mention_far(s, e)
        else:
            context, narrative, far = spoken_at, False, False
        t = (doc_times.apposed(s, e) or doc_times.reading(s, e, tense) if spoken_at is None and doc_times is not None
             else None) or resolve_time(expr, anchor, tense=tense, spoken_at=spoken_at, locale=locale, context=context,
                                        narrative=narrative, mention_far=far)
        t.span = (s, e)
        if t.start is not None or t.end is not None or Point.of_value(t.value) is not None:   # or "264 BC"
            if not names_a_thing(text, s, e):
                return t
            modifier = modifier or t
            continue
        first = first or t
    return first or modifier


def _stated_time(text: str, a: AttributionSpan, anchor, locale=None) -> Optional[TimeExpr]:
    for s, e in a.stated:
        found = find_times(text[s:e], s)
        if found:
            fs, fe, expr = found[0]
            t = resolve_time(expr, anchor, tense="past", locale=locale)
            t.span = (fs, fe)
            return t
    return None


def _hedge_words(sentence: str) -> list[str]:
    out = []
    for m in hedge_pattern().finditer(sentence):
        w = m.group(0).lower()
        if w not in out:
            out.append(w)
    return out


def _hedges(sentence: str, cue_lemma: str, cue_text: str, words: Optional[list[str]] = None) -> list[str]:
    out = list(words) if words is not None else _hedge_words(sentence)
    if cue_lemma and cue_lemma in cues().hedge and cue_text.lower() not in out:
        out.append(cue_text.lower())
    return out
