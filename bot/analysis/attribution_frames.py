"""Attribution frames: where a sentence says who said, wrote or thinks what.

A frame is a cue (the reporting words as written) and the head token of its source, found by
walking the dependency parse of one sentence: reporting verbs and their subject or "by" agent,
"according to X", agentless passives ("it was reported"), relative clauses ("analysts, who
note") and participles ("with some hailing it"). Whether the source is named, anonymous or
vague is decided afterwards (source_kinds.py); who a verb's speaker is, where the parse puts
them, is speakers.py's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.analysis.non_attribution import aside_say, passive_event, writers_aside
from bot.analysis.source_shapes import is_person_noun
from bot.analysis.speakers import agent_of, can_hold_view, is_named, is_self, lost_subject, subject_of
from bot.analysis.attribution_cues import (
    AGENTLESS_ADVERBS,
    BARE_INSTITUTIONS,
    ANONYMOUS_NOUNS,
    REFERRING_NOUNS,
    VAGUE_NOUNS,
    AGENTLESS_PASSIVE_LEMMAS,
    CONTENT_VERBS,
    EXPERIENCER_VERBS,
    GROUP_NOUNS,
    GROUP_STANCE_VERBS,
    INVERTED_SPEECH_VERBS,
    LEMMA_FIXES,
    LIGHT_VERB_OBJECTS,
    NOT_SOURCES,
    NAMED_REPORT_VERBS,
    PHRASAL_CUES,
    POSITION_VERBS,
    REPORTING_LEMMAS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    VENUE_NOUNS,
    VAGUE_PRONOUNS,
)

_CONTENT_DEPS = ("ccomp", "parataxis")
_DOCUMENT_SUBJECTS = frozenset(
    """poll survey study data datum report research analysis figure record document review audit investigation
    finding estimate model test result count tally projection forecast file email polling statistic""".split()
)
# What "by" can measure for someone: "by one estimate", "by his count".
_ESTIMATES = frozenset({"estimate", "count", "account", "calculation", "reckoning", "tally", "measure"})
# Stance verbs that take a plain object as their content: "officials expect a record turnout".
_OBJECT_STANCES = frozenset({"expect", "want", "fear", "prefer", "favor", "favour", "doubt", "like", "dislike"})


# Light verbs the parser gives a clause when two sentences run together ("Cruz has 69, Rubio
# has 41"): they never report a view.
# Views that need their "as" to report one: "the court is viewed as friendly". Not "see": "will
# be seen as a blow", "were barely seen as an attacking force" describe, and "is seen as" in a
# story's opening lines too often carries its main fact ("China is seen as the main culprit,
# with exports up 35%").
_SEEN_AS = frozenset({"view", "regard", "perceive"})
# Views held by someone, nobody when unowned: "amid concerns that", "fears that".
_VIEW_NOUNS = frozenset({"concern", "fear", "worry", "speculation", "suspicion", "belief", "expectation"})
# Feelings someone has about what happened: "to the chagrin of fellow Democrats".
_FEELING_NOUNS = frozenset({"chagrin", "dismay", "delight", "consternation", "frustration", "ire", "displeasure"})
# Stances whose content comes after "about": "Republicans wondering about his health".
_ABOUT_STANCES = frozenset({"wonder", "worry", "fret", "care"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Possessors that are times, not sayers: "Tuesday's arguments" were heard on Tuesday.
_WHEN = frozenset({"DATE", "TIME"})
_NOT_CLAUSE_TAKING = frozenset({"have", "be", "do", "let", "get", "go", "come"})
# Prepositions between a headline speaker and the words: "X to Y:", "X on Y:", "X at Y:".
_COLON_SETTINGS = frozenset({"to", "on", "at"})


@dataclass
class Frame:
    cue: str  # the cue words as written
    anchor: Token  # the token the cue hangs on (a verb, "according", an adverb)
    source: Token | None  # head of the source phrase; None when nobody is named ("it was reported")
    depth: int  # distance of the anchor from the sentence root: the main clause's frame wins
    # Does it vouch for the next claim of its paragraph? Words said or found do ("Police said
    # ... Three officers were hurt."); a stance does not ("She supports the plan.").
    carries: bool = True


def find_frames(sentence: Span) -> list[Frame]:
    frames: list[Frame] = []
    headline = _speaker_colon(sentence)
    if headline is not None:
        frames.append(headline)
    for token in sentence:
        # Dispatch on the cheap attributes first: this loop runs over every token of every article.
        pos, lower = token.pos_, token.lower_
        if lower == "according":
            frame = _according_to(token)
        elif lower in AGENTLESS_ADVERBS:
            frame = _agentless_adverb(token)
        elif pos == "VERB" or pos == "AUX":
            frame = _reporting_verb(token)
        elif lower == "in":
            frame = _venue(token)
        elif lower == "by":
            frame = _by_estimate(token)
        elif pos == "NOUN":
            frame = _speech_noun(token)
        elif pos == "ADJ":
            frame = _stance_adjective(token)
        else:
            continue
        if frame is not None:
            frames.append(frame)
    if not frames:
        tag = _quote_tag(sentence)
        if tag is not None:
            frames.append(tag)
    return frames


def _quote_tag(sentence: Span) -> Frame | None:
    """'"Not a single accomplishment," Bozell answers.': a short speaker tag after a closing
    quote, read by its words when the parser took the verb for a noun or an adjective's child."""
    closers = [t for t in sentence if t.text in ("\u201d", '"') and t.i > sentence.start]
    if not closers:
        return None
    tail = [t for t in sentence if t.i > closers[-1].i and not t.is_punct]
    if not 1 < len(tail) <= 6:
        return None
    verbs = [t for t in tail if LEMMA_FIXES.get(t.lower_, t.lemma_.lower()) in SPEECH_VERBS | {"add", "write"}]
    speakers = [t for t in tail if t.pos_ in ("PROPN", "PRON", "NOUN") and t not in verbs and t.lower_ != "it"]
    if not verbs or not speakers:
        return None
    names = [t for t in speakers if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"]
    speaker = names[-1] if names else speakers[-1]
    if is_self(speaker):
        return None
    return Frame(verbs[0].text, verbs[0], speaker, 1)


def _speaker_colon(sentence: Span) -> Frame | None:
    """Headline style "Trump: We will win" or "Poll: ...": a short name, a colon, the words."""
    for token in sentence[:7]:
        if token.text != ":":
            continue
        before = [t for t in sentence if t.i < token.i and not (t.is_punct or t.is_space)]
        after = [t for t in sentence if t.i > token.i and not (t.is_punct or t.is_space)]
        # "Mukasey at RNC: ...", "Clinton to Planned Parenthood: ...": the speaker comes first.
        cut = next((k for k, t in enumerate(before) if t.pos_ == "ADP" and t.lower_ in _COLON_SETTINGS), None)
        if cut is not None:
            before = before[:cut]
        if before and before[0].lower_ in INVERTED_SPEECH_VERBS:
            before = before[1:]  # 'Said Ellis: "I don't get the sense ..."': the speaker after the verb
        if not before or len(before) > 5 or len(after) == 1:
            return None
        if not all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") for t in before):
            return None
        if not after and before[-1].ent_type_ not in ("PERSON", "ORG"):
            return None  # a line of its own: only a speaker's label ("Ann Coulter:"), not "CORRECTION:"
        head = before[-1]
        named = any(
            t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN" or (t.is_title and t.pos_ != "DET")
            for t in before
        )
        if named or head.lemma_.lower() in REFERRING_NOUNS or head.lemma_.lower() in _DOCUMENT_SUBJECTS:
            return Frame(":", token, head, 1)
        return None
    return None


def _venue(token: Token) -> Frame | None:
    """ "In a statement, the senator ...": where words were said, spoken by the clause's subject."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    objects = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in VENUE_NOUNS]
    if not objects:
        return None
    venue = objects[0]
    owner = [c for c in venue.children if c.dep_ == "poss"]
    verb = token.head
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("dobj", "advmod", "acomp"):
        verb = verb.head  # "indicated as much in an email": the phrase hangs on "much"
    speaker = owner[0] if owner else (subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None)
    owned = any(is_named(t) for t in venue.subtree if t.i != venue.i)
    someone = speaker is not None and (
        can_hold_view(speaker) or is_named(speaker) or _holds_a_post(speaker)
    )
    if venue.lemma_.lower() in _DOCUMENT_SUBJECTS and (owned or not someone):
        # "in a CNN poll"; but "the studio's head indicated as much in an email" is the head's
        return Frame(token.doc[token.i : venue.i + 1].text, token, venue, _depth(token))
    if speaker is None or (speaker.pos_ == "PRON" and speaker.lower_ == "it"):
        return None
    return Frame(token.doc[token.i : venue.i + 1].text, token, speaker, _depth(token))


def _holds_a_post(noun: Token) -> bool:
    """ "the studio's head", "the head of Sony Pictures", "a nurse": a person by their post."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in _DOCUMENT_SUBJECTS:
        return False
    of_someone = any(
        c.dep_ == "prep" and c.lower_ == "of" and any(is_named(o) for o in c.children) for c in noun.children
    )
    return of_someone or is_person_noun(noun, noun.lemma_.lower())


def _by_estimate(token: Token) -> Frame | None:
    """ "by one estimate", "by his count", "by some accounts": whose figure it is."""
    if token.dep_ != "prep":
        return None
    objects = [c for c in token.children if c.dep_ == "pobj" and c.lemma_.lower() in _ESTIMATES]
    if not objects:
        return None
    measure = objects[0]
    owner = [c for c in measure.children if c.dep_ == "poss"]
    return Frame(token.doc[token.i : measure.i + 1].text, token, owner[0] if owner else measure, _depth(token))


def _speech_noun(token: Token) -> Frame | None:
    """ "Trump's claim that", "criticism from Democrats": something said, with its sayer."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or (lemma not in SPEECH_NOUNS and lemma not in _VIEW_NOUNS | _FEELING_NOUNS):
        return None
    if lemma in _VIEW_NOUNS:
        return _unowned_view(token)
    if lemma in _FEELING_NOUNS:
        return _feeling_of(token)
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ not in ("its",) and child.ent_type_ not in _WHEN:
            return Frame(token.text, token, child, _depth(token), carries=False)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj" and can_hold_view(c)]
            if objects:
                return Frame(f"{token.text} {child.text}", token, objects[0], _depth(token), carries=False)
    return None


def _feeling_of(noun: Token) -> Frame | None:
    """ "much to the chagrin of fellow Democrats", "to the dismay of residents": their feeling."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            holders = [o for o in prep.children if o.dep_ == "pobj" and can_hold_view(o) and not is_self(o)]
            if holders:
                return Frame(f"{noun.text} of", noun, holders[0], _depth(noun), carries=False)
    return None


def _unowned_view(noun: Token) -> Frame | None:
    """ "There are growing concerns that the bloc is too weak", "fears that the plant will close
    have grown": a view with a content of its own and nobody holding it is vague attribution.
    Only as what the sentence is about: beside the main fact ("shares jumped amid speculation
    that ...") or acted on ("insurers sought to calm fears that ...") it is background."""
    if noun.dep_ not in ("nsubj", "nsubjpass", "attr"):
        return None
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children):
        return None  # "her fear that", "the fear that" (one already told): not nobody's
    if any(c.dep_ == "prep" and c.lower_ in ("from", "by", "among") for c in noun.children):
        return None
    for child in noun.children:
        that = any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        if child.dep_ in ("acl", "ccomp", "relcl") and that:
            return Frame(noun.text, noun, None, _depth(noun), carries=False)
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _according_to(token: Token) -> Frame | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    to = token.nbor()
    objects = (
        [child for child in to.children if child.dep_ == "pobj"]
        or [child for child in token.children if child.dep_ == "pobj"]
        or _lost_object(to)
    )
    if objects and objects[0].lemma_.lower() in NOT_SOURCES:
        return None  # "according to plan", "according to legend": nobody is cited
    return Frame("according to", token, objects[0] if objects else None, _depth(token))


def _lost_object(to: Token) -> list[Token]:
    """ "according to show insiders": the parser read "show" as a verb and lost the object; the
    source is the last noun of the words that follow, up to the first punctuation."""
    nouns = []
    for token in to.doc[to.i + 1 : to.sent.end]:
        if token.is_punct:
            break
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            nouns.append(token)
    return nouns[-1:]


def _agentless_adverb(token: Token) -> Frame | None:
    if token.lower_ in AGENTLESS_ADVERBS:
        return Frame(token.text, token, None, _depth(token), carries=False)  # "reportedly": this sentence
    return None


def _reporting_verb(token: Token) -> Frame | None:
    if token.pos_ not in ("VERB", "AUX") or token.tag_ == "MD":
        return None
    if token.dep_ in ("amod", "compound") and not any(c.dep_ == "nsubj" for c in token.children):
        return None  # "pledged delegates"; but "He implied immigrants were ..." misparsed keeps its subject
    lemma = LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
    if token.dep_ == "auxpass":
        return _felt(token, lemma)
    if lemma not in REPORTING_LEMMAS:
        return (
            _clause_taking_verb(token)
            or _phrasal_verb(token, lemma)
            or _light_verb(token, lemma)
            or _group_stance(token, lemma)
            or _experiencer(token, lemma)
        )
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "a group called Veterans for Peace", "the plan criticized in May"

    children = list(token.children)
    particles = [c for c in children if c.dep_ in ("prt", "prep") and c.lower_ in PHRASAL_CUES.get(lemma, ())]
    has_content = (
        any(c.dep_ in _CONTENT_DEPS for c in children)
        or token.dep_ == "parataxis"
        or any(c.dep_ == "punct" and c.text in (":", "\u201c", '"') and c.i > token.i for c in children)
        or (token.head.dep_ == "ccomp" and token.head.head.i == token.i)
    )
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    if passive and not has_content and passive_event(token, lemma, children):
        return None
    # "They described crass behaviour by Trump": only a passive verb has a "by" agent; on an
    # active one the parser has hung a noun's "by" on the verb.
    agent = agent_of(token) if passive or token.tag_ == "VBN" else None
    if passive and agent is None and lemma not in ("quote", "ask", "tell"):
        seen_as = lemma in _SEEN_AS and any(c.dep_ == "prep" and c.lower_ == "as" for c in children)
        if lemma in AGENTLESS_PASSIVE_LEMMAS or lemma in SPEECH_VERBS or seen_as:
            # "It was reported that ..." reports a claim, and vouches for the next one; "the
            # developer was widely criticized" says something about its subject only.
            reports = has_content or any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children)
            return Frame(_passive_cue(token), token, None, _depth(token), carries=reports)
        return None
    subject = agent or subject_of(token)
    if writers_aside(token, subject):
        return None
    if is_self(subject) or aside_say(token):
        return None  # "I say", "we asked": the voice of the quote or of the writer, not a new source
    if subject is None and not passive and token.tag_ in ("VB", "VBG"):
        return None  # "Thank you", "there is no inconsistency in saying ...": nobody is reported
    if subject is None and not passive and not has_content:
        return None  # "no inconsistency in saying so": a gerund or infinitive with nobody saying
    if subject is None and not passive:
        subject = lost_subject(token)
    if lemma in SPEECH_VERBS:
        pass
    elif lemma in POSITION_VERBS:
        if _subordinate(token) or subject is None or not can_hold_view(subject) or is_self(subject):
            return None
    elif lemma in CONTENT_VERBS:
        named_report = lemma in NAMED_REPORT_VERBS and subject is not None and _is_institution_or_named(subject)
        # "critics have noted the explosive material", "residents reported a loud bang"
        named_report = named_report or (
            lemma in ("note", "report") and subject is not None and can_hold_view(subject) and not is_self(subject)
        )
        if not (has_content or particles or named_report or _document_finds(lemma, subject)):
            return _light_verb(token, lemma)  # "raised concern that ...", "expressed confidence"
    elif _subordinate(token) and not has_content:
        # "as the US seeks to play a role": background, not what the sentence reports; but
        # "although few experts believe that it will pass" still says who believes what.
        return None
    else:  # a stance verb: needs a clause, an infinitive or "as", and a subject who can hold a view
        takes_clause = has_content or any(
            c.dep_ in ("xcomp", "oprd", "acomp")
            or (c.dep_ == "prep" and c.lower_ == "as")
            or (c.dep_ == "advmod" and c.lower_ == "so")  # "thinks so"
            or (c.dep_ == "dobj" and lemma in _OBJECT_STANCES)
            or (c.dep_ == "prep" and c.lower_ == "about" and lemma in _ABOUT_STANCES)  # "worry about"
            for c in children
        )
        if not takes_clause or subject is None or not can_hold_view(subject) or is_self(subject):
            # "I think", "you know": the speaker's own voice, not a new source; but "that
            # worries environmentalists" is theirs
            return _experiencer(token, lemma)
    cue = " ".join([token.text] + [p.text for p in particles])
    if lemma in ("quote", "cite"):
        # "quoting unnamed officials": the source is what is quoted, not who quotes.
        # "Clinton cited derogatory comments": what is cited cannot speak, so the citer is the source.
        quoted = [c for c in children if c.dep_ == "dobj" and can_hold_view(c)]
        if quoted:
            subject = quoted[0]
    carries = lemma in SPEECH_VERBS or lemma in CONTENT_VERBS
    # "..., but the police overruled her, the source added.": a closing speaker tag speaks for
    # the whole sentence, as a main clause does, wherever the parser hung it.
    depth = 0 if carries and _closing_tag(token, subject) else _depth(token)
    return Frame(cue, token, subject, depth, carries)


def _closing_tag(verb: Token, subject: Token | None) -> bool:
    """Is the verb with its subject a tag closing the sentence after a comma (", the source
    added.", ", officials said on Tuesday.")?"""
    if subject is None or subject.i > verb.i or verb.dep_ not in ("conj", "parataxis", "ccomp", "advcl"):
        return False
    doc = verb.doc
    before = subject.left_edge.i - 1
    if before < verb.sent.start or doc[before].text != ",":
        return False
    after = [t for t in doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    return all(t.head.i == verb.i or t.head in after for t in after) and not any(
        t.dep_ in _CONTENT_DEPS or t.dep_ == "dobj" for t in after
    )


def reports(outer: Frame, inner: Frame) -> bool:
    """Is `inner` part of what `outer` reports ("Regulators worried that the firm could threaten
    to close")? Then the sentence is the outer source's, whatever the inner verb is."""
    if outer is inner or is_self(outer.source) or inner.anchor.pos_ != "VERB":
        return False
    if _covers_main_clause(outer):
        # "According to Ham, the administration shuffled its generals because many disagreed":
        # the clauses under the main one are what Ham says. A main verb that reports keeps its
        # own source ("According to the Times, officials said ..." rests on the officials).
        return inner.anchor.dep_ != "ROOT" and inner.anchor not in outer.anchor.subtree
    if outer.depth != 0:
        return False
    if LEMMA_FIXES.get(outer.anchor.lower_, outer.anchor.lemma_.lower()) not in REPORTING_LEMMAS:
        return False  # "... should she become president": a verb taking a clause, not a report
    token = inner.anchor
    for _ in range(50):
        if token.head.i == token.i:
            return False
        if token.head.i == outer.anchor.i:
            return token.dep_ in _CONTENT_DEPS
        token = token.head
    return False


def _covers_main_clause(frame: Frame) -> bool:
    """ "According to X, ..." set on the main clause vouches for the whole sentence."""
    anchor = frame.anchor
    return anchor.lower_ == "according" and anchor.head.dep_ == "ROOT" and anchor.head.i != anchor.i


def _subordinate(verb: Token) -> bool:
    """Is the verb in an adverbial clause ("as", "while", "because" ...)? Stances there are background."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)


def _clause_taking_verb(verb: Token) -> Frame | None:
    """Any verb whose subject is a person and whose object is a clause: "Clinton agreed that ..." """
    if verb.pos_ != "VERB" or _subordinate(verb) or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    if verb.lemma_.lower() in _NOT_CLAUSE_TAKING:
        return None  # "Cruz has 69, Rubio has 41": two clauses side by side, not a view
    subject = subject_of(verb)
    if subject is None or is_self(subject) or not can_hold_view(subject):
        return None
    return Frame(verb.text, verb, subject, _depth(verb), carries=False)


def _phrasal_verb(verb: Token, lemma: str) -> Frame | None:
    """ "railed against", "lashed out", "weighed in": speech only with their particle."""
    particles = [c for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ in PHRASAL_CUES.get(lemma, ())]
    subject = subject_of(verb) if particles else None
    if subject is None or is_self(subject) or not can_hold_view(subject):
        return None
    return Frame(" ".join([verb.text] + [p.text for p in particles]), verb, subject, _depth(verb), carries=False)


def _light_verb(verb: Token, lemma: str) -> Frame | None:
    """ "made the case", "drew criticism", "voiced concern": a light verb with a speech noun."""
    objects = LIGHT_VERB_OBJECTS.get(lemma)
    if objects is None:
        return None
    said = [c for c in verb.children if c.dep_ == "dobj" and (not objects or c.lemma_.lower() in objects)]
    subject = subject_of(verb) if said and not _subordinate(verb) else None
    if subject is None or is_self(subject) or not can_hold_view(subject):
        return None
    return Frame(verb.doc[verb.i : said[0].i + 1].text, verb, subject, _depth(verb), carries=False)


def _group_stance(verb: Token, lemma: str) -> Frame | None:
    """ "A growing number of council members have turned against the plan", "many residents felt
    betrayed": a stance held by an unnamed group, vague sourcing even with no reporting verb."""
    if lemma not in GROUP_STANCE_VERBS or _subordinate(verb):
        return None
    subject = subject_of(verb)
    if subject is None or not _is_group(subject):
        return None
    return Frame(verb.text, verb, subject, _depth(verb), carries=False)


def _felt(aux: Token, lemma: str) -> Frame | None:
    """ "Many residents felt betrayed": the parser reads "felt" as a passive's auxiliary; it is
    the residents' feeling."""
    if lemma != "feel" and aux.lower_ not in ("felt", "feels", "feeling"):  # an auxiliary's lemma is itself
        return None
    verb = aux.head
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or is_self(subject) or not can_hold_view(subject) or _subordinate(verb):
        return None
    return Frame(f"{aux.text} {verb.text}", aux, subject, _depth(verb), carries=False)


def _experiencer(verb: Token, lemma: str) -> Frame | None:
    """ "The plan alarmed residents", "business leaders have been unsettled by the protests": the
    people a thing worries hold that worry, a stance like "residents worry that"."""
    if lemma not in EXPERIENCER_VERBS or _subordinate(verb):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and can_hold_view(child) and not is_self(child):
            if child.pos_ == "PRON" and child.lower_ not in VAGUE_PRONOUNS:
                return None  # "it worries him": the him is whoever the story is about
            return Frame(verb.text, verb, child, _depth(verb), carries=False)
    return None


def _is_group(token: Token) -> bool:
    """An unnamed group: "many", "others", "residents", "a growing number of members"."""
    if token.lower_ in VAGUE_PRONOUNS and token.lower_ != "they":
        return True
    if token.lemma_.lower() == "number" and any(c.lower_ == "of" for c in token.children):
        return True
    if token.tag_ not in ("NNS", "NNPS") or token.ent_type_ in ("PERSON", "ORG"):
        return False
    lemma = token.lemma_.lower()
    return lemma in VAGUE_NOUNS or lemma in GROUP_NOUNS or lemma in ANONYMOUS_NOUNS or token.ent_type_ == "NORP"


def _stance_adjective(token: Token) -> Frame | None:
    """ "Republicans are optimistic that he will win": a stance held by the subject."""
    if token.pos_ != "ADJ" or token.lower_ not in STANCE_ADJECTIVES or token.dep_ not in ("acomp", "oprd"):
        return None
    verb = token.head
    subject = subject_of(verb) if verb.pos_ in ("AUX", "VERB") else None
    if subject is None or is_self(subject) or not can_hold_view(subject):
        return None
    return Frame(token.text, token, subject, _depth(token), carries=False)


def _passive_cue(verb: Token) -> str:
    """ "it was previously reported", "is believed": from the expletive or auxiliary to the verb."""
    start = verb.i
    for child in verb.children:
        expletive = child.dep_ == "nsubjpass" and child.lower_ == "it"
        if child.i < verb.i and (child.dep_ in ("auxpass", "aux", "advmod") or expletive):
            start = min(start, child.i)
    return verb.doc[start : verb.i + 1].text


def _document_finds(lemma: str, subject: Token | None) -> bool:
    """ "The poll shows ...", "the study found ...": a document is the source."""
    if lemma not in ("show", "find", "indicate", "suggest") or subject is None:
        return False
    return subject.lemma_.lower() in _DOCUMENT_SUBJECTS


def _is_institution_or_named(token: Token) -> bool:
    """ "Trump posted", and as well "the company reported", "the administration expressed"."""
    lemma = token.lemma_.lower()
    return is_named(token) or lemma in BARE_INSTITUTIONS or (lemma in REFERRING_NOUNS and token.tag_ != "NNS")

