from claimledger.extract import nlp as nlp_mod
from claimledger.extract.places_extract import PlaceFinder
import re
class MarkedSpans:
    def __init__(self, *phrases): self.phrases = phrases
    def spans(self, spdoc, gazetteer=None):
        return [(m.start(), m.end()) for p in self.phrases for m in re.finditer(re.escape(p), spdoc.text)]
nlp = nlp_mod.load()
def run(text, marks=None, actors=True):
    doc = nlp(text)
    f = PlaceFinder(tagger=MarkedSpans(*marks) if marks is not None else None, keep_actors=actors, every_mention=True)
    f.begin_document(doc)
    return [p.text for s in doc.sents for p in f.places_for(list(s), text, doc)], [(e.text, e.label_) for e in doc.ents]
import pytest
CASES = [('The plan connects Cleveland, Columbus, Acme Widgets and Cincinnati.', ['Cleveland', 'Columbus', 'Cincinnati']), ('A Delta police officer was hurt on Monday.', ['Delta']), ('Eastern said it would cut flights.', []), ('Fighting in Eastern displaced thousands.', []), ('A Eastern police officer was hurt on Monday.', []), ('The meth was located in a car.', []), ('The North was quiet. The North Clayton team won.', []), ('Officials at the US Africa Command said the strike killed two.|US|claim', []), ('Officials at the US Africa Command said the strike killed two.|US', ['US']), ('The Kalamazoo school board met on Monday.', ['Kalamazoo']), ('The Kalamazoo board met on Monday.', []), ('WOODBURY — The council met on Monday to discuss the budget.', ['WOODBURY']), ('The council met on Monday. WOODBURY — The budget passed.', ['WOODBURY']), ('Rep. John Smith, R-Westfield, said the bill would pass.', ['Westfield']), ('Sen. Jane Doe, D-Charleston, voted against the bill.', ['Charleston']), ('Sen. Jane Doe, a Democrat, voted against the bill.', []), ('Lake voters said no. The vote in Lake was close.|Lake', ['Lake', 'Lake']), ('Lake voters said no. Lake voted again.|Lake', ['Lake', 'Lake']), ('Dayton voters said no. Dayton voted again.|Dayton', ['Dayton', 'Dayton'])]

@pytest.mark.parametrize("row, want", CASES)
def test_row(row, want):
    parts = row.split("|")
    marks = tuple(parts[1].split(";")) if len(parts) > 1 and parts[1] else None
    actors = not (len(parts) > 2 and parts[2] == "claim")
    assert run(parts[0], marks, actors)[0] == want
