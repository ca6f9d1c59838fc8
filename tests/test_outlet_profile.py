"""An outlet's home region learned from its other stories (places/outlet_profile.py)."""
from __future__ import annotations

from claimledger.models import Place
from claimledger.places.outlet_profile import HomeRegion, OutletProfiles


def town(country, code, admin1=None, feature="settlement"):
    return Place(text="x", name="x", country=country, admin1_code=code, admin1=admin1, feature=feature)


def test_the_region_most_other_stories_are_placed_in():
    p = OutletProfiles()
    p.add("towntalk.com", "a", [town("US", "LA", "Louisiana"), town("US", "TX", "Texas")])
    p.add("towntalk.com", "b", [town("US", "LA", "Louisiana"), town("US", "LA", "Louisiana")])
    p.add("towntalk.com", "c", [town("US", "MS", "Mississippi")])
    home = p.home_region("towntalk.com")
    # each story votes once per region: Louisiana 2 of 3 placed stories
    assert home == HomeRegion("US", "LA", "Louisiana", 2, 3)
    assert home.describe() == "Louisiana, where 2 of the outlet's 3 other stories are placed"


def test_a_story_never_counts_for_its_own_outlets_home():
    p = OutletProfiles()
    p.add("towntalk.com", "a", [town("US", "LA", "Louisiana")])
    p.add("towntalk.com", "b", [town("US", "LA", "Louisiana")])
    assert p.home_region("towntalk.com", exclude="b") is None     # one other story: too few
    p.add("towntalk.com", "c", [town("US", "LA", "Louisiana")])
    assert p.home_region("towntalk.com", exclude="b").documents == 2


def test_no_home_without_a_clear_majority_or_enough_stories():
    p = OutletProfiles()
    for doc, region in enumerate(["LA", "LA", "TX", "MS", "OK", "AR"]):
        p.add("wire.com", str(doc), [town("US", region)])
    assert p.home_region("wire.com") is None                      # 2 of 6 stories: under 0.4
    q = OutletProfiles(min_share=0.3)
    for doc, region in enumerate(["LA", "LA", "TX", "MS", "OK", "AR"]):
        q.add("wire.com", str(doc), [town("US", region)])
    assert q.home_region("wire.com").code == "LA"
    one = OutletProfiles()
    one.add("solo.com", "a", [town("US", "LA")])
    assert one.home_region("solo.com") is None                    # one story: too few
    assert p.home_region("unknown.com") is None and p.home_region(None) is None


def test_countries_and_stories_without_places_place_nothing():
    p = OutletProfiles()
    p.add("paper.com", "a", [town("US", None, feature="country")])
    p.add("paper.com", "b", [])
    p.add("paper.com", "c", [town("US", "GA", "Georgia")])
    p.add("paper.com", "d", [town("US", "GA", "Georgia")])
    # only the two stories placed in a region count: Georgia 2 of 2
    assert p.home_region("paper.com") == HomeRegion("US", "GA", "Georgia", 2, 2)


def test_outlets_are_kept_apart_and_a_story_added_again_is_replaced():
    p = OutletProfiles()
    for doc in "ab":
        p.add("one.com", doc, [town("US", "GA")])
        p.add("two.com", doc, [town("US", "OH")])
    assert p.home_region("one.com").code == "GA" and p.home_region("two.com").code == "OH"
    p.add("one.com", "a", [town("US", "OH")])
    assert p.home_region("one.com") is None                       # GA 1, OH 1 of 2
    p.add(None, "x", [town("US", "GA")])                          # no host: nothing kept
    assert p.home_region("") is None


def test_the_town_an_outlet_is_named_after_places_none_of_its_stories():
    """norfolkdailynews.com's "Norfolk" is read as the town the outlet is named after (the biggest
    of its country when nothing else says): counted, it would make the outlet's home the region of
    that guess and the guess its own proof. The story's other places still count."""
    named = Place(text="Norfolk", name="Norfolk", country="US", admin1_code="VA", admin1="Virginia",
                  feature="settlement", reason="settlement by name; the outlet (norfolkdailynews.com) is named after it")
    p = OutletProfiles()
    for doc in "abc":
        p.add("norfolkdailynews.com", doc, [named, town("US", "NE", "Nebraska")])
    assert p.home_region("norfolkdailynews.com") == HomeRegion("US", "NE", "Nebraska", 3, 3)
    q = OutletProfiles()
    for doc in "abc":
        q.add("norfolkdailynews.com", doc, [named])
    assert q.home_region("norfolkdailynews.com") is None
