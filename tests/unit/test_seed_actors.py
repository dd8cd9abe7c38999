"""The seed article's actors, as the issue specifies them."""

from __future__ import annotations


def actors_named(report):
    found = {}
    for actor in report.actors:
        for name in [actor.name, *actor.aliases]:
            found.setdefault(name, actor)
    return found


def test_trump_is_one_person_with_his_surname_and_title(seed_report):
    trump = actors_named(seed_report)["Donald Trump"]
    assert trump.name == "Donald Trump"
    assert trump.type == "PERSON"
    assert "Trump" in trump.aliases
    assert "President" in (trump.role or "")
    assert trump.mentions >= 6  # the full name and every "Trump", "Trump's"


def test_people_organisations_and_places_get_their_types(seed_report):
    actors = actors_named(seed_report)
    assert actors["Putin"].type == "PERSON"
    for org in ("Hamas", "ABC News"):
        assert actors[org].type == "ORG", org
    for place in ("Israel", "Gaza", "Egypt", "Qatar", "Turkey", "Russia", "US"):
        assert actors[place].type == "GPE", place


def test_no_misread_trump_or_donbass(seed_report):
    typed = {(a.name, a.type) for a in seed_report.actors}
    typed |= {(alias, a.type) for a in seed_report.actors for alias in a.aliases}
    assert ("Trump", "ORG") not in typed
    assert ("Donbass", "PERSON") not in typed
    assert len([a for a in seed_report.actors if a.name == "Donald Trump" or "Trump" in a.aliases]) == 1


def test_the_most_mentioned_actors_come_first(seed_report):
    top = [a.name for a in seed_report.actors[:3]]
    assert "US" in top and "Donald Trump" in top
    mentions = [a.mentions for a in seed_report.actors]
    assert mentions[0] == max(mentions)
