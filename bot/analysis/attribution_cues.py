"""Word lists for attribution: the verbs that report speech or thought, and the nouns that
tell a named source from an anonymous or a vague one.

Kept apart from the parse-walking rules so a reporter can read (and extend) them.
"""

from __future__ import annotations

# Verbs that report what someone said or wrote: a cue whenever they have a speaker or a
# reported content. "Say" is never anything else in news copy.
SPEECH_VERBS = frozenset(
    """say tell state argue announce confirm warn explain insist write describe suggest deny
    admit acknowledge assert declare reveal tweet ask reply respond answer recall predict
    promise pledge vow urge accuse criticize criticise praise hail condemn denounce blast slam
    decry lament complain mock joke stress emphasize emphasise reiterate concede contend
    remark comment mention testify allege boast brag quip retort caution advise recommend
    propose demand cite quote estimate conclude disclose inform assure threaten thank endorse
    agree disagree echo hint imply email recount tout proclaim affirm reaffirm rebut dispute
    clarify elaborate characterize characterise label dub brand decline refuse""".split()
)

# Verbs that report speech only with a reported content ("noted that", "added: ...",
# "the poll shows that"); alone they are ordinary verbs ("claimed thousands of lives",
# "added sugar", "showed the way").
CONTENT_VERBS = frozenset(
    """add claim note report show find observe maintain point indicate signal counter charge
    learn read post express raise question challenge dismiss reject defend back support oppose
    call reckon project forecast speculate acknowledge hear""".split()
)

# Verbs of belief, intention and feeling: attribute a stance to someone when they take a
# clause or an infinitive ("believes that", "wants to", "fears the deal will fail").
STANCE_VERBS = frozenset(
    """believe think know feel fear hope expect want plan worry doubt wonder consider view
    assume suspect guess understand intend seek prefer wish""".split()
)

REPORTING_LEMMAS = SPEECH_VERBS | CONTENT_VERBS | STANCE_VERBS

# Particles and prepositions that turn a content verb into a speech act on their own.
PHRASAL_CUES = {
    "call": {"for", "on", "upon"},
    "point": {"out", "to"},
    "question": set(),
    "speak": {"about", "of", "on"},
    "talk": {"about", "of"},
    "weigh": {"in"},
    "lash": {"out"},
    "rail": {"against"},
}

# Adverbs and fixed phrases that attribute to nobody in particular.
AGENTLESS_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "rumoredly", "rumouredly"})

# Passive reporting with no agent ("it was reported", "is believed to", "is said to").
AGENTLESS_PASSIVE_LEMMAS = frozenset(
    """say report believe think know claim allege rumor rumour understand expect estimate
    announce confirm suggest reveal argue note consider fear suspect learn""".split()
)

# Nouns for an unnamed individual or official: an anonymous source.
ANONYMOUS_NOUNS = frozenset(
    """source official spokesman spokeswoman spokesperson aide insider person adviser advisor
    diplomat staffer employee officer representative insider confidant associate friend
    relative lawmaker legislator executive investigator prosecutor agent operative strategist
    member donor witness whistleblower informant negotiator envoy minister""".split()
)

# Words marking a source as deliberately unnamed.
ANONYMOUS_MARKERS = frozenset(
    {"unnamed", "anonymous", "unidentified", "undisclosed", "confidential", "senior", "familiar", "close", "knowledgeable", "briefed"}
)

# Nouns for an unspecified group: a vague source.
VAGUE_NOUNS = frozenset(
    """critic analyst expert observer supporter opponent commentator pundit skeptic sceptic
    detractor advocate activist people many some others several few most someone somebody
    everyone everybody nobody anyone public voter resident citizen american observer
    economist scientist researcher scholar historian study report poll survey rumor rumour
    conservative liberal progressive fan follower watcher insider onlooker""".split()
)

# Pronoun-like determiners that stand alone as a vague source ("some say", "many argue").
VAGUE_PRONOUNS = frozenset({"some", "many", "others", "several", "few", "most", "all", "both", "various", "numerous", "they"})

# Nouns that refer back to a named institution or document ("the publication notes").
REFERRING_NOUNS = frozenset(
    """publication newspaper paper outlet magazine journal agency ministry department report
    study poll survey website site network channel broadcaster company firm organization
    organisation group campaign committee government administration court office statement
    document letter memo memorandum filing lawsuit complaint ruling bureau commission council
    party embassy kremlin white-house foundation institute center centre university union
    association network daily tabloid wire station programme program show book article""".split()
)

# Institutions that are a named source even without a proper name in the text.
INSTITUTION_NOUNS = REFERRING_NOUNS - {"report", "study", "poll", "survey", "statement", "document", "letter", "memo"}

# Entity labels that make a named source.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})

QUOTE_OPENERS = frozenset({"\u201c", "\u2018"})
QUOTE_CLOSERS = frozenset({"\u201d", "\u2019"})
