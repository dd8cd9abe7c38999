from bot.analysis.report import Actor, Article, Report
from bot.stories.matching import ArticleIndex, StoryActor, StoryProfile, best_matches, clears, match_story, parse_terms
from bot.stories.tracking import seed_from_report

THRESHOLD = 3.0


def report(title: str, text: str, actors=()) -> Report:
    return Report(
        id="r",
        article=Article(text=text, title=title),
        actors=[Actor(name=n, type=t, aliases=list(a)) for n, t, a in actors],
    )


BRIDGE = report(
    "Harbor Bridge tolls to rise",
    "Tolls on the Harbor Bridge will rise in March, Mayor Elena Ruiz said. Ruiz blamed repairs.",
    actors=[("Elena Ruiz", "PERSON", ["Ruiz"]), ("Harbor Bridge", "FAC", [])],
)


def test_an_actor_named_by_alias_matches_and_says_why():
    story = StoryProfile("Ruiz", actors=(StoryActor("Mayor Elena Ruiz", ("Ruiz",)),))
    match = match_story(story, ArticleIndex(BRIDGE))
    assert clears(story, match, THRESHOLD)
    assert match.why == ["actor Mayor Elena Ruiz (as 'Ruiz')"]


def test_terms_score_headline_and_body_and_a_passing_mention_is_not_enough():
    story = StoryProfile("bridge", terms=("toll", "repairs", "ferry"))
    index = ArticleIndex(report("City news", "The ferry was late. Nothing else happened today at all."))
    weak = match_story(story, index)
    assert weak.score == 1 and not clears(story, weak, THRESHOLD)
    strong = match_story(StoryProfile("bridge", terms=("tolls", "repairs")), ArticleIndex(BRIDGE))
    assert "'tolls' in the headline" in strong.why and "'repairs' in the text" in strong.why
    assert clears(StoryProfile("bridge", terms=("tolls", "repairs")), strong, THRESHOLD)


def test_a_term_that_names_an_actor_counts_as_the_actor():
    story = StoryProfile("bridge", terms=("Ruiz",))
    match = match_story(story, ArticleIndex(BRIDGE))
    assert match.score == 3 and match.why == ["actor Elena Ruiz (as 'Ruiz')"]


def test_word_boundaries_accents_and_case():
    story = StoryProfile("cafe", terms=("café",))
    assert match_story(story, ArticleIndex(report("Cafe owners protest", "x"))).why == ["'café' in the headline"]
    assert (
        match_story(
            StoryProfile("rat", terms=("rat",)), ArticleIndex(report("Rates rise", "rates and more rates"))
        ).score
        == 0
    )


def test_best_matches_only_returns_stories_over_the_threshold():
    stories = [
        (1, StoryProfile("bridge", terms=("Harbor Bridge", "tolls"))),
        (2, StoryProfile("schools", terms=("school board",))),
    ]
    assert [story_id for story_id, _ in best_matches(stories, BRIDGE, THRESHOLD)] == [1]


def test_parse_terms_keeps_quoted_phrases_and_drops_duplicates():
    assert parse_terms('bridge "Harbor Bridge" toll “Elena Ruiz” Toll') == [
        "bridge",
        "Harbor Bridge",
        "toll",
        "Elena Ruiz",
    ]


def test_seed_from_a_report_takes_top_actors_and_key_terms():
    from bot.analysis.report import KeyFact

    actors = [("Elena Ruiz", "PERSON", ["Ruiz"]), ("March", "DATE", []), ("Harbor Bridge", "FAC", [])]
    seeded = report("Harbor Bridge tolls to rise in March, council says", "t", actors=actors)
    seeded.key_facts = [KeyFact("Tolls on the bridge will rise for commuters, Ruiz said.", 0, 1, 0, 1)]
    name, terms, actors = seed_from_report(seeded)
    assert name == "Elena Ruiz, Harbor Bridge: tolls"  # actors and a key term, never a cut headline
    assert [a.name for a in actors] == ["Elena Ruiz", "Harbor Bridge"]
    assert actors[0].aliases == ("Ruiz",)
    assert "tolls" in terms and "ruiz" not in terms


def test_a_seeded_story_never_follows_a_function_word_or_a_verb_of_saying():
    from bot.analysis.report import KeyFact

    actors = [("US", "GPE", []), ("Israel", "GPE", []), ("United Nations", "ORG", ["UN"])]
    seeded = report(None, "US troops arrive in Israel.\nOne official stated that troops were deployed.", actors=actors)
    seeded.key_facts = [KeyFact("One of them stated that 200 soldiers were deployed to Israel.", 0, 1, 1, 1),
                        KeyFact("The soldiers will staff a coordination center, it stated.", 0, 1, 1, 2)]  # fmt: skip
    name, terms, actors = seed_from_report(seeded)
    assert [a.name for a in actors] == ["Israel", "United Nations"]  # "US" would match the word "us"
    assert actors[1].aliases == ()
    assert "stated" not in terms and "deployed" not in terms
    assert terms[0] == "soldiers"
    assert name == "Israel, United Nations: soldiers"


def test_a_person_is_followed_by_surname_and_a_pasted_headline_counts_as_the_headline():
    pasted = report(None, "City council approves new budget\nThe council approved it, Mayor Jane Porter said.",
                    actors=[("Jane Porter", "PERSON", [])])  # fmt: skip
    match = match_story(StoryProfile("budget", terms=("city council", "Porter")), ArticleIndex(pasted))
    assert match.why == ["'city council' in the headline", "actor Jane Porter (as 'Porter')"]
