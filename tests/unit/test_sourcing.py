"""Sentence sourcing, one rule at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.analysis import analyze


def sourcing_of(text: str):
    report = analyze(text)
    return report, report.sentences


def only(text: str):
    report, sentences = sourcing_of(text)
    assert len(sentences) == 1, [report.sentence_text(i) for i in range(len(sentences))]
    return sentences[0]


# --- who is speaking ------------------------------------------------------------------------


def test_reporting_verb_with_a_named_subject_is_sourced():
    entry = only("Mayor Jane Okafor said the bridge would reopen in May.")
    assert entry.status == "sourced"
    assert entry.cue == "said"
    assert "Okafor" in entry.source


def test_according_to_a_named_outlet_is_sourced():
    entry = only("According to Reuters, the council spent $4 million on the project.")
    assert (entry.status, entry.cue, entry.source) == ("sourced", "according to", "Reuters")


def test_passive_with_a_named_agent_is_sourced():
    entry = only("The closure was announced on Monday by Governor Ruth Adams.")
    assert entry.status == "sourced"
    assert "Ruth Adams" in entry.source


def test_agentless_passive_is_vague_with_the_passive_as_cue():
    entry = only("It is believed that the fire started in the kitchen.")
    assert entry.status == "vague"
    assert entry.cue == "It is believed"
    assert entry.source is None


def test_passive_criticism_by_many_is_vague():
    entry = only("The plan has been criticised by many as far too costly.")
    assert (entry.status, entry.source) == ("vague", "many")


def test_relative_clause_speaker_is_the_noun_it_hangs_on():
    entry = only("The decision surprised economists, who warn that prices will rise.")
    assert (entry.status, entry.cue, entry.source) == ("vague", "warn", "economists")


def test_participle_with_some_is_vague():
    entry = only("The ruling drew mixed reactions, with some praising it as brave.")
    assert (entry.status, entry.source) == ("vague", "some")


@pytest.mark.parametrize(
    "text, source",
    [
        ("A senior official said the talks had stalled.", "A senior official"),
        ("People familiar with the matter said the deal was close.", "People familiar with the matter"),
        ("Unnamed officials told reporters that the border would stay shut.", "Unnamed officials"),
        ("Sources added that the minister would not resign.", "Sources"),
    ],
)
def test_unnamed_individuals_and_officials_are_anonymous(text, source):
    entry = only(text)
    assert (entry.status, entry.source) == ("anonymous", source)
    assert "anonymous_source" in entry.flags


@pytest.mark.parametrize(
    "text, source",
    [
        ("Critics say the law goes too far.", "Critics"),
        ("Observers argue that the vote was rushed.", "Observers"),
        ("Many believe the factory will close.", "Many"),
    ],
)
def test_unspecified_groups_are_vague(text, source):
    entry = only(text)
    assert (entry.status, entry.source) == ("vague", source)
    assert "vague_source" in entry.flags


def test_reportedly_attributes_to_nobody():
    entry = only("The minister reportedly resigned on Friday after the vote.")
    assert (entry.status, entry.cue, entry.source) == ("vague", "reportedly", None)


# --- referring back ---------------------------------------------------------------------------


def test_pronoun_resolves_to_the_person_named_before():
    _, sentences = sourcing_of("Jane Okafor spoke to reporters on Tuesday. She said the budget was balanced.")
    assert sentences[1].status == "sourced"
    assert "Jane Okafor" in sentences[1].source


def test_the_agency_resolves_to_the_organisation_named_before():
    _, sentences = sourcing_of("Reuters published the figures on Friday. The agency reports that 300 jobs will go.")
    assert (sentences[1].status, sentences[1].source) == ("sourced", "Reuters")


# --- carrying ---------------------------------------------------------------------------------


def test_a_quote_carries_its_speaker_to_a_claim_before_the_said():
    text = "\u201cThe school lost 40 classrooms in the flood. We will rebuild it,\u201d Jane Okafor said."
    _, sentences = sourcing_of(text)
    first = sentences[0]
    assert first.status == "sourced"
    assert "Okafor" in first.source
    assert {"carried", "quote"} <= set(first.flags)


def test_a_quote_continues_its_speaker_even_without_a_claim():
    _, sentences = sourcing_of("\u201cWe are proud of this town. We always will be,\u201d Jane Okafor said.")
    first = sentences[0]
    assert first.status == "sourced"
    assert "Okafor" in first.source
    assert {"carried", "quote"} <= set(first.flags)


def test_a_follow_on_quotation_belongs_to_the_speaker_before_it():
    _, sentences = sourcing_of('"We found rust," said Jane Okafor. "The bridge is not safe."\nThe sun came out.')
    assert sentences[1].status == "sourced"
    assert "Okafor" in sentences[1].source
    assert "carried" in sentences[1].flags


def test_a_quote_does_not_carry_into_a_new_paragraph_that_does_not_resume_it():
    _, sentences = sourcing_of('"We found rust," said Jane Okafor.\nThe city is old.')
    assert "carried" not in sentences[1].flags


def test_attribution_carries_to_the_next_claim_in_the_paragraph():
    _, sentences = sourcing_of("Police said the suspect fled on foot. Three officers were injured in the chase.")
    assert sentences[1].status == "anonymous"  # police with no one named: an unnamed source
    assert sentences[1].source == "Police"
    assert "carried" in sentences[1].flags


def test_a_stance_does_not_vouch_for_the_next_claim():
    _, sentences = sourcing_of("Jane Okafor supports the new bridge. It will cost $12 million to build.")
    assert sentences[0].status == "sourced"
    assert sentences[1].status == "unsourced"


def test_a_quotation_belongs_to_the_writers_said_not_to_a_verb_inside_it():
    text = (
        "\u201cThe mayor started attacking our street in May. "
        "It is sad to watch,\u201d said Jane Okafor. \u201cWe will keep fighting.\u201d"
    )
    _, sentences = sourcing_of(text)
    assert all("Okafor" in (s.source or "") for s in sentences[1:]), [s.source for s in sentences]
    assert "carried" in sentences[2].flags


def test_a_quotation_does_not_take_a_stance_for_its_speaker():
    text = 'She became so upset that I changed my answer: "Of course I believe in ghosts. I was only joking."'
    _, sentences = sourcing_of(text)
    assert "carried" not in sentences[-1].flags, sentences


def test_a_stray_closing_quote_has_nothing_to_source():
    report, sentences = sourcing_of('"We found rust," said Jane Okafor. "The bridge is not safe.\n"')
    stray = [s for i, s in enumerate(sentences) if report.sentence_text(i).strip() == '"']
    assert all(s.status == "none" and not s.flags for s in stray)


def test_a_carried_claim_does_not_carry_again():
    text = "Police said the suspect fled on foot. Three officers were injured. Two cars were destroyed by 9 p.m."
    _, sentences = sourcing_of(text)
    assert "carried" in sentences[1].flags
    assert sentences[2].status == "unsourced"


def test_a_claim_about_a_named_actor_is_the_writers_own_narration():
    text = "Ted Cruz said the race was wide open. Cruz finished first in Iowa with 28 percent of the vote."
    _, sentences = sourcing_of(text)
    assert sentences[1].status == "unsourced"


def test_attribution_does_not_carry_into_the_next_paragraph():
    _, sentences = sourcing_of("Police said the suspect fled on foot.\nThree officers were injured in the chase.")
    assert sentences[1].status == "unsourced"


# --- no source ------------------------------------------------------------------------------


def test_check_worthy_claim_without_attribution_is_unsourced_with_its_figure():
    report, sentences = sourcing_of("The storm destroyed 300 homes along the coast.")
    assert sentences[0].status == "unsourced"
    assert sentences[0].check_worthy
    assert "no_source" in sentences[0].flags
    assert "300 homes" in report.claims[0].reason


def test_claimed_lives_is_not_a_reporting_verb():
    entry = only("The war has claimed 5,000 lives since the spring.")
    assert entry.status == "unsourced"
    assert entry.cue is None


@pytest.mark.parametrize(
    "text",
    [
        "The city is known as the Venice of the North.",
        "It is important to note that the bridge is 80 years old.",
        "It is too soon to say whether the repairs will hold.",
        "According to legend, the castle was built by a giant.",
        "The launch went according to plan on Tuesday.",
        "The story was not written in advance.",
        "A few states have yet to be called.",
        "Each of the big cities - say, Boston or Denver - has a plan.",
        "Cruz has 69 delegates, Rubio has 41 and Kasich has 19.",
    ],
)
def test_phrases_that_attribute_nothing_are_not_attribution(text):
    assert only(text).status not in ("sourced", "vague", "anonymous")


def test_a_headline_speaker_before_a_preposition_and_colon_is_the_source():
    entry = only("Mayor Jane Okafor to city council: the bridge must close.")
    assert (entry.status, entry.cue) == ("sourced", ":")


def test_a_transcript_speaker_label_is_attribution():
    report, sentences = sourcing_of("TAPPER: What happens next?\nJane Okafor:\nWe close the bridge.")
    label = [s for i, s in enumerate(sentences) if report.sentence_text(i).strip() == "Jane Okafor:"]
    assert label and label[0].status == "sourced"


def test_an_institution_expressing_a_view_is_sourced():
    entry = only("The administration expressed confidence that the bill would pass.")
    assert entry.status == "sourced"


def test_a_speaker_tag_the_parser_misses_still_names_the_speaker():
    entry = only("\u201cNot a single accomplishment,\u201d Bozell answers.")
    assert entry.status == "sourced" and entry.source == "Bozell"


def test_a_question_needs_no_source():
    entry = only("What will the town do with its empty library?")
    assert not entry.check_worthy
    assert (entry.status, entry.flags, entry.cue, entry.source) == ("none", [], None, None)


def test_whatever_is_not_attributed_is_unsourced_exactly_when_check_worthy():
    report, sentences = sourcing_of(
        "The council met on Tuesday.\nWhat will the town do now?\nThe flood destroyed 300 homes."
    )
    for entry in sentences:
        assert entry.status == ("unsourced" if entry.check_worthy else "none")


def test_the_writer_saying_i_think_is_not_a_source():
    entry = only("I think the plan is sound.")
    assert entry.status == "none"


def test_stance_in_a_background_clause_is_not_attribution():
    entry = only("Prices rose by 12 percent as the company seeks to expand abroad.")
    assert entry.status == "unsourced"


def test_hedged_flag_from_the_hedging_cues():
    entry = only("Analysts say the merger may collapse.")
    assert entry.status == "vague"
    assert "hedged" in entry.flags


# --- contract ---------------------------------------------------------------------------------


def test_one_entry_per_sentence_with_offsets_into_the_text():
    text = "Critics say the law goes too far.\nWhat now?\nA senior official said talks had stalled."
    report, sentences = sourcing_of(text)
    assert len(sentences) == 3
    for index, entry in enumerate(sentences):
        assert report.article.text[entry.start : entry.end] == report.sentence_text(index)
    assert [s.status for s in sentences] == ["vague", "none", "anonymous"]


def test_claims_give_reasons_a_reporter_can_act_on():
    report, _ = sourcing_of(
        "Critics say the law goes too far.\nA senior official said talks had stalled.\nThe flood killed 40 people."
    )
    reasons = [c.reason for c in report.claims]
    assert [c.status for c in report.claims] == ["vague", "anonymous", "unsourced"]
    assert reasons[0] == "vague source: 'Critics' — who are they? Name them or cut the claim"
    assert reasons[1].startswith("anonymous source: 'A senior official'")
    assert "40 people" in reasons[2]


# --- named, anonymous or vague (issue 10) ---------------------------------------------------


def statuses(text: str) -> list[tuple[str, str | None]]:
    _, sentences = sourcing_of(text)
    return [(s.status, s.source) for s in sentences]


@pytest.mark.parametrize(
    "text, name",
    [
        ("The city's budget director, Maria Lopez, said the fund was empty by June.", "Maria Lopez"),
        ("A spokesman for the governor, Tom Reyes, said the road would close on Friday.", "Tom Reyes"),
        ("One of the family's lawyers, Ann Whitcombe, said the video showed no weapon.", "Ann Whitcombe"),
    ],
)
def test_a_title_followed_by_its_name_is_named(text, name):
    entry = only(text)
    assert entry.status == "sourced", entry
    assert name in entry.source


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ellen Park spoke after the blast on Elm Street. "We do not see a link," the mayor said.',
        "Senator Dana Whitfield opened the hearing. The senator said the bill would pass by March.",
        "Harbor Bank reported its results on Tuesday. The bank said profits fell by 12 percent.",
        "Councillors Amy Roe and Sam Iqbal met the builders. Both councillors said the tower was too tall.",
    ],
)
def test_a_definite_description_refers_back_to_the_named(text):
    last = statuses(text)[-1]
    assert last[0] == "sourced", statuses(text)


def test_the_senator_resolves_to_the_senators_name():
    text = "Senator Dana Whitfield opened the hearing. The senator said the bill would pass by March."
    assert statuses(text)[-1] == ("sourced", "Dana Whitfield")


def test_an_unnamed_spokesman_stays_anonymous_even_with_the():
    text = "Harbor Bank reported its results on Tuesday. The spokesman said profits fell by 12 percent."
    assert statuses(text)[-1][0] == "anonymous"


@pytest.mark.parametrize(
    "text",
    [
        "Parents at the meeting were angry about the closure. \u201cIt is too late,\u201d one said.",
        "Parents at the meeting were angry about the closure. Another said the school had failed them.",
        "A second official said the contract was worth $3 million.",
        "Two lawmakers said the vote would be delayed until May.",
        "One Republican said the vote would be delayed until May.",
    ],
)
def test_one_of_an_unnamed_group_is_anonymous(text):
    assert statuses(text)[-1][0] == "anonymous", statuses(text)


def test_an_uncounted_group_is_vague_not_anonymous():
    assert only("Lawmakers said the vote would be delayed until May.").status == "vague"


def test_a_statement_issued_by_someone_is_theirs():
    entry = only("The Port Authority issued a statement saying the terminal would close for 3 weeks.")
    assert entry.status == "sourced", entry
    assert "Port Authority" in entry.source


@pytest.mark.parametrize(
    "text, status",
    [
        ("A new poll by the Tribune shows the mayor trailing by 8 points.", "sourced"),
        ("Polls show the mayor trailing by 8 points.", "vague"),
        ("Records obtained by the Ledger show the contract cost $3 million.", "sourced"),
        ("Records show the contract cost $3 million.", "vague"),
    ],
)
def test_polls_and_documents_take_their_owner(text, status):
    assert only(text).status == status


def test_the_shares_of_a_named_poll_are_the_polls():
    text = "A Tribune poll of 900 voters was released on Monday. Sixty percent said the tax was too high."
    assert statuses(text)[-1][0] == "sourced", statuses(text)


def test_the_shares_of_nobodys_poll_are_vague():
    assert only("Sixty percent of voters say the tax is too high.").status == "vague"


@pytest.mark.parametrize(
    "text",
    [
        "A growing number of council members have turned against the $40 million plan.",
        "Many residents have urged the council to drop the $40 million plan.",
        "Environmentalists worry that the mine will poison the river by 2030.",
    ],
)
def test_stances_of_unnamed_groups_are_vague(text):
    assert only(text).status == "vague"


@pytest.mark.parametrize(
    "text",
    [
        "It is widely assumed that the budget will be cut by 10 percent.",
        "It is understood that the talks collapsed on Friday.",
        "The mayor is said to favour a tax of 2 percent.",
    ],
)
def test_agentless_attribution_is_vague(text):
    assert only(text).status == "vague"


def test_police_and_authorities_with_no_one_named_are_anonymous():
    assert only("Authorities said the driver was 42 years old.").status == "anonymous"


def test_a_group_that_names_a_member_is_named():
    entry = only("Critics of the plan, like Senator Grassley, say it will cost $2 billion.")
    assert entry.status == "sourced", entry


def test_his_remarks_are_his():
    text = "Governor Ruth Adams spoke in Albany on Monday. His remarks on the $3 billion budget drew applause."
    # "His" resolves to the last person named: never a vague source
    assert statuses(text)[-1][0] != "vague"


# --- headlines (issue 8) --------------------------------------------------------------------

HEADLINE_STORY = (
    "Harbor bridge to close for 6 months\n"
    "The Harbor bridge will close for 6 months from June, the city's transport director, Lena Moss, said on Monday.\n"
    "Repairs will cost $80 million."
)


def test_a_headline_takes_the_sourcing_of_the_lede_that_reports_it():
    report, sentences = sourcing_of(HEADLINE_STORY)
    assert sentences[1].status == "sourced"
    headline = sentences[0]
    assert (headline.status, headline.source) == ("sourced", sentences[1].source), headline
    assert "headline" in headline.flags
    assert all(claim.sentence != 0 for claim in report.claims)


def test_a_headline_over_an_anonymous_lede_is_anonymous_not_unsourced():
    text = (
        "Harbor bridge to close for 6 months\n"
        "The Harbor bridge will close for 6 months from June, officials said on Monday.\n"
        "Repairs will cost $80 million."
    )
    report, sentences = sourcing_of(text)
    assert sentences[0].status == "anonymous"
    # the lede is the claim to check, listed once; the headline only repeats it
    claimed = [claim.sentence for claim in report.claims]
    assert 1 in claimed and 0 not in claimed, claimed


def test_a_headline_whose_lede_is_unsourced_is_not_a_claim_of_its_own():
    text = (
        "Harbor bridge to close for 6 months\n"
        "The Harbor bridge will close for 6 months from June at a cost of $80 million.\n"
        "Drivers will use the ferry."
    )
    report, sentences = sourcing_of(text)
    assert sentences[0].status == "none"
    assert all(claim.sentence != 0 for claim in report.claims)


def test_a_headline_with_its_own_speaker_keeps_it():
    text = "Mayor Park: bridge will close for 6 months\nThe Harbor bridge will close in June, officials said."
    _, sentences = sourcing_of(text)
    assert sentences[0].status == "sourced"
    assert "Park" in (sentences[0].source or "")


def test_a_reporter_for_a_named_paper_is_still_an_unnamed_individual():
    assert only("A reporter for the Harbor Gazette said the mayor left at 9 p.m.").status == "anonymous"


def test_those_close_to_him_are_anonymous():
    assert only("Those close to him say he will run for a third term in 2028.").status == "anonymous"


def test_police_fearing_something_is_an_unnamed_source():
    assert only("Police fear that the crackdown could add fuel to the protests.").status == "anonymous"


@pytest.mark.parametrize(
    "text",
    [
        "Harbor Films made a documentary about the strike. The film explains how 300 workers lost their jobs.",
        "Dr. Ann Lee treated him for years. He died of brain cancer, which confirmed what the tests showed.",
    ],
)
def test_a_thing_is_never_an_unnamed_person(text):
    assert statuses(text)[-1][0] not in ("anonymous", "vague"), statuses(text)


@pytest.mark.parametrize(
    "text",
    [
        "The closure alarmed residents of the east side, who face a $40 million bill.",
        "Shop owners have been unsettled by 3 weeks of road closures.",
        "No one expected the council to approve the $40 million plan.",
        "By one estimate, 300 homes were damaged in the flood.",
    ],
)
def test_unnamed_people_who_feel_expect_or_estimate_are_vague(text):
    assert only(text).status == "vague"


def test_a_count_with_its_owner_is_named():
    text = "Mayor Ellen Park toured the flood zone. By her count, 300 homes were damaged."
    assert statuses(text)[-1][0] == "sourced", statuses(text)
