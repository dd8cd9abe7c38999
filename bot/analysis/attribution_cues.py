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
    clarify elaborate characterize characterise label dub brand decline refuse call chant shout yell
    scream exclaim""".split()
)

# Verbs that report speech only with a reported content ("noted that", "added: ...",
# "the poll shows that"); alone they are ordinary verbs ("claimed thousands of lives",
# "added sugar", "showed the way").
CONTENT_VERBS = frozenset(
    """add claim note report show find observe maintain point indicate signal counter charge
    learn read post express raise reckon project forecast speculate hear continue""".split()
)

# Verbs of belief, intention and feeling: attribute a stance to someone when they take a
# clause or an infinitive ("believes that", "wants to", "fears the deal will fail").
STANCE_VERBS = frozenset(
    """believe think know feel fear hope expect want plan worry doubt wonder consider view
    assume suspect guess understand intend seek prefer wish seem appear decide see regard
    sound""".split()
)

# Verbs that take a position on something: attribution when someone who can hold a
# position is the subject ("Clinton opposed the deal"), not when a thing is ("the wall
# supports the roof").
POSITION_VERBS = frozenset(
    """support oppose back favor favour endorse defend attack blame reject dismiss question
    challenge applaud assail welcome slam praise criticize criticise condemn""".split()
)

# Nouns naming something said, when someone's ("Trump's claim that", "criticism from
# Democrats").
SPEECH_NOUNS = frozenset(
    """claim criticism complaint comment remark statement accusation allegation suggestion
    proposal promise pledge warning assertion argument question denial admission call
    announcement opposition support attack praise insistence testimony""".split()
)

# Content verbs that report on their own when a named person or organisation does them
# ("The company reported its smallest profit", "Trump posted on Twitter").
NAMED_REPORT_VERBS = frozenset({"report", "post", "express", "note", "disclose", "publish", "release"})

# Where something was said: "in a statement", "in an interview".
VENUE_NOUNS = frozenset(
    """statement interview tweet post speech letter op-ed column email memo release remarks
    address testimony briefing appearance rally debate conference call podcast video message
    essay article book editorial report filing poll survey""".split()
)

REPORTING_LEMMAS = SPEECH_VERBS | CONTENT_VERBS | STANCE_VERBS | POSITION_VERBS

# A sentence that opens on its verb and names the speaker before a colon ('Said Ellis: "..."');
# the parser tends to read the verb into the name.
INVERTED_SPEECH_VERBS = frozenset({"said", "says", "added", "adds", "wrote", "writes"})

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
    "vote": {"for", "against"},
    "look": {"for", "forward"},
    "push": {"for"},
    "argue": {"for", "against"},
    "advocate": {"for"},
    "campaign": {"for", "against"},
    "focus": {"on"},
    "rule": {"out"},
    "refer": {"to"},
}

# A light verb with a speech noun says something: "made the case", "offered his
# congratulations", "drew criticism", "cast doubt", "voiced concern".
LIGHT_VERB_OBJECTS = {
    "make": set(
        """case argument claim point pitch promise appeal plea remark comment statement mention accusation
        allegation prediction""".split()
    ),
    "offer": set(
        """congratulation praise support condolence evaluation assessment apology view opinion defense defence
        explanation thought criticism endorsement""".split()
    ),
    "give": {"speech", "interview", "statement", "address", "endorsement", "assessment", "account", "warning"},
    "deliver": {"speech", "remark", "address", "message", "warning", "rebuke", "verdict"},
    "draw": {"criticism", "fire", "praise", "ire", "rebuke", "condemnation", "scorn", "concern"},
    "raise": {"concern", "question", "doubt", "alarm", "objection"},
    "voice": {"concern", "support", "opposition", "doubt", "frustration", "skepticism", "objection"},
    "cast": {"doubt", "aspersion"},
    "take": {"aim", "issue", "swipe", "shot", "jab", "credit", "stand", "position"},
    "issue": {"statement", "warning", "apology", "denial", "rebuttal", "call"},
    "express": set(),  # anything expressed is a stance
    "share": {"view", "concern", "thought", "opinion", "story", "grievance", "frustration"},
    "have": {"doubt", "concern", "reservation", "misgiving", "confidence", "faith"},
}

# Adjectives of stance: "Republicans are optimistic that", "she was critical of the deal".
STANCE_ADJECTIVES = frozenset(
    """optimistic pessimistic confident worried concerned eager skeptical sceptical hopeful
    certain sure convinced afraid fearful happy unhappy angry furious upset frustrated critical
    supportive wary doubtful adamant adamantly unconvinced determined keen reluctant opposed
    enthusiastic excited disappointed satisfied dissatisfied nervous anxious uneasy troubled
    alarmed outraged proud sympathetic hostile unperturbed""".split()
)

# Adverbs and fixed phrases that attribute to nobody in particular.
AGENTLESS_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "rumoredly", "rumouredly"})

# Passive reporting with no agent ("it was reported", "is believed to", "is said to").
AGENTLESS_PASSIVE_LEMMAS = frozenset(
    """say report believe think know claim allege rumor rumour understand expect estimate
    announce confirm suggest reveal argue note consider fear suspect learn assume presume""".split()
)

# What "according to" can point at without naming any source: a plan, a custom, a story told
# ("went according to plan", "according to legend", "according to the gospels").
NOT_SOURCES = frozenset(
    """plan schedule script design custom tradition legend myth folklore lore scripture gospel
    prophecy rule instruction""".split()
)

# Nouns for an unnamed individual or official: an anonymous source.
ANONYMOUS_NOUNS = frozenset(
    """source official spokesman spokeswoman spokesperson aide insider person adviser advisor
    diplomat staffer employee officer representative confidant associate friend
    relative lawmaker legislator executive investigator prosecutor agent operative strategist
    member donor witness whistleblower informant negotiator envoy minister surrogate""".split()
)

# People and offices that hold views, when they are not already a source word above:
# "the party leadership fears that", "politicians raised concern that".
PEOPLE_NOUNS = frozenset(
    """leader leadership politician candidate nominee president senator governor mayor chairman chairwoman
    chair chief director secretary judge lawyer attorney reporter journalist editor author writer voter
    worker parent teacher doctor owner manager""".split()
)

# People who speak for an office and are left unnamed on purpose: anonymous even as a bare
# plural ("officials said"), where "lawmakers said" or "donors say" is a generic group.
UNNAMED_BY_OFFICE = frozenset(
    """source official spokesman spokeswoman spokesperson aide insider adviser advisor diplomat staffer
    investigator prosecutor agent operative informant whistleblower negotiator envoy representative
    surrogate""".split()
)

# People who act for a particular client or principal: "lawyers for the family", "the mayor's
# aides" are particular people left unnamed (anonymous), where "lawyers say" is a generic group.
REPRESENTATIVES = frozenset("lawyer attorney counsel aide adviser advisor spokesman spokeswoman staffer".split())

# Works that speak for their maker, never an unnamed group: "tweets criticizing her", "the ads say".
WORKS = frozenset("tweet post video ad advert editorial message text film movie song book".split())

# Bodies whose members speak unnamed: "police said", "authorities say" (no one is named).
ANONYMOUS_GROUPS = frozenset("police authority insider regulator investigator".split())

# Counts that single out a few particular people ("two lawmakers", "three officials").
COUNTED_FEW = frozenset("one two three four five six seven eight nine ten 2 3 4 5 6 7 8 9 10".split())

# Quantities of people that make any group vague: "a growing number of members", "dozens of papers".
QUANTITY_NOUNS = frozenset("number lot host bunch dozen dozens hundreds thousands scores".split())

# Shares of a sample: "63 percent said", "a majority of voters".
SHARE_NOUNS = frozenset("percent majority plurality minority share proportion".split())

# Polls whose respondents speak through their shares.
POLL_NOUNS = frozenset("poll survey polling".split())

# Roles only one person holds for someone: "my father", "his ex-wife" name a person.
KIN_ROLES = frozenset(
    """father mother wife husband son daughter brother sister ex-wife ex-husband widow widower fiancee fiance
    grandmother grandfather boss""".split()
)

# People by what they are, beside the source words above: "a woman said", "the crowd chanted".
PERSON_NOUNS = frozenset(
    """woman man girl boy child kid teen teenager mother father wife husband son daughter neighbor neighbour
    victim survivor crowd audience team staff board panel jury family couple guest host moderator
    physician doc nurse veteran soldier cop trooper sheriff deputy chief pastor priest rabbi imam
    announcer narrator speaker player farmer driver producer founder partner employer professor counselor
    inspector ambassador commander consultant assistant tenant applicant defendant plaintiff immigrant
    migrant president resident student agent accountant landlord buyer seller customer user
    contestant candidate""".split()
) | KIN_ROLES

# Endings English gives only to people: economist, politician, chairman, spokesperson, entrepreneur.
# ("-er" and "-or" also make things: cancer, paper, number, motor.)
PERSON_ENDINGS = ("ist", "ian", "man", "woman", "person", "eur")

# Possessive pronouns stand for their person: "his remarks", "her statement".
POSSESSIVES = {"his": "he", "her": "she", "hers": "she", "its": "it", "their": "they", "theirs": "they"}

# Words marking a source as deliberately unnamed.
ANONYMOUS_MARKERS = frozenset(
    "unnamed anonymous unidentified undisclosed confidential senior familiar close knowledgeable briefed".split()
)

# Verbs of feeling and pressure that, with an unnamed group as subject, report that group's
# stance: "many residents felt betrayed", "council members have turned against the plan".
GROUP_STANCE_VERBS = frozenset(
    """feel turn urge push resent deride seethe rally protest lobby press demand insist embrace
    shun distrust dislike decry bristle balk rebel revolt chafe grumble object""".split()
)

# Verbs whose object (or passive subject) holds the feeling: "the plan alarmed residents".
EXPERIENCER_VERBS = frozenset(
    """worry concern alarm anger frustrate upset infuriate outrage unsettle trouble disturb dismay
    disappoint anger irritate annoy alienate""".split()
)

# Groups that hold views as a group, beside the vague nouns: "environmentalists worry".
GROUP_NOUNS = frozenset(
    """environmentalist protester protestor demonstrator parent student teacher reader viewer consumer
    investor member leader official homeowner taxpayer worker family""".split()
)

# Nouns for an unspecified group: a vague source.
VAGUE_NOUNS = frozenset(
    """critic analyst expert observer supporter opponent commentator pundit skeptic sceptic
    detractor advocate activist people many some others several few most someone somebody
    everyone everybody nobody anyone public voter resident citizen american
    economist scientist researcher scholar historian study report poll survey rumor rumour
    conservative liberal progressive fan follower watcher insider onlooker percent majority
    minority half third quarter plurality respondent delegate participant attendee""".split()
)

# Pronoun-like determiners that stand alone as a vague source ("some say", "many argue").
VAGUE_PRONOUNS = frozenset("some many others several few most all both various numerous they".split())

# Nouns that refer back to a named institution or document ("the publication notes").
REFERRING_NOUNS = frozenset(
    """publication newspaper paper outlet magazine journal agency ministry department report
    study poll survey website site network channel broadcaster company firm organization
    organisation group campaign committee government administration court office statement
    document letter memo memorandum filing lawsuit complaint ruling bureau commission council
    party embassy kremlin white-house foundation institute center centre university union
    association daily tabloid wire station programme program show book article""".split()
)

# Institutions that are a named source even without a proper name in the text.
INSTITUTION_NOUNS = REFERRING_NOUNS - {"report", "study", "poll", "survey", "statement", "document", "letter", "memo"}

# Nouns that stand for the one body of their kind in a story, with or without "the":
# "Police said", "the Pentagon said".
BARE_INSTITUTIONS = frozenset(
    "police congress parliament government military army navy pentagon kremlin senate prosecution coroner".split()
)

# Back-references that mean the last news organisation named ("the publication notes").
PUBLICATION_NOUNS = frozenset(
    """publication newspaper paper outlet magazine journal agency network channel broadcaster website site daily
    tabloid wire station""".split()
)
# Back-references that mean the last organisation of any kind ("the company said").
GENERIC_ORG_NOUNS = frozenset({"company", "firm", "group", "organization", "organisation"})

# Entity labels that make a named source.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})

# Lemmatiser slips that matter here ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})

QUOTE_OPENERS = frozenset({"\u201c", "\u2018"})
QUOTE_CLOSERS = frozenset({"\u201d", "\u2019"})
