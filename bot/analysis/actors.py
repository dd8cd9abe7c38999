"""Named actors: entity mentions consolidated into the people, organisations and places of a story.

How mentions become actors (each step is a rule an editor would apply by eye):
1. Mentions are spaCy's PERSON/ORG/GPE/LOC/NORP/FAC entities, cleaned ("the", "'s", scores and
   descriptions like "news agency" stripped, "Leeds 2 Chelsea 1" split) with misfires dropped
   (mentions.py); firm names stay whole ("Merrill Lynch, Pierce, Fenner & Smith", "McDonald's":
   firm_names.py); a wire dateline ("LONDON 1996-08-30") is a place. A name seen only in an
   all-capitals headline, and never in the body, is dropped: the tagger guesses on capitals.
2. Forms of the same name are joined: the same words ("U.S." = "US"), an abbreviation the
   text defines ("World Health Organization (WHO)") or whose initials spell a name in the
   text ("United States" / "US"), a surname standing for a full name ("Trump" -> "Donald
   Trump") and a company's first word or first partner for its full name ("Magna" -> "Magna
   International", "Merrill Lynch" -> "Merrill Lynch, Pierce, Fenner & Smith").
3. The type is voted, the fullest form's mentions first: a name tagged ORG four times as
   "Trump" and PERSON once as "Donald Trump" is a PERSON. The words around a mention can
   outvote the tagger ("the town of X", "X CEO", "Mr X": name_context.py).
4. Places where the tagger missed a known name ("Doe added") are counted as mentions.
5. The role comes from the first title or appositive the text gives (roles.py).
6. Actors are ordered by salience: mentions, being a subject or a source, and how early the
   actor first appears.
Only doc.ents, the parse and the text are read: no extra model passes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from bot.analysis.mentions import ACTOR_LABELS, CapsLines, Mention, extract_mentions, name_key
from bot.analysis.name_context import kind
from bot.analysis.report import Actor
from bot.analysis.roles import find_role

__all__ = ["ACTOR_LABELS", "build_actors"]

# Words an initialism skips: "Food and Drug Administration" is FDA.
INITIALISM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "on", "in", "&"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class _Group:
    mentions: list[Mention] = field(default_factory=list)
    type: str = ""  # voted once the group is complete

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def build_actors(doc: Doc) -> list[Actor]:
    caps_lines = CapsLines(doc)
    mentions = _drop_headline_only(extract_mentions(doc, caps_lines))
    mentions += _defined_abbreviations(doc, mentions)
    links = _UnionFind(len(mentions))
    _link_same_key(mentions, links)
    _link_abbreviations(doc, mentions, links)
    _link_short_names(mentions, links)
    groups: dict[int, _Group] = defaultdict(_Group)
    for index, mention in enumerate(mentions):
        groups[links.find(index)].mentions.append(mention)
    for group in groups.values():
        group.type = _vote_type(group.mentions)
    _add_untagged_mentions(doc, list(groups.values()), caps_lines)
    actors = [(_salience(doc, group), group.first, _to_actor(doc, group)) for group in groups.values()]
    actors.sort(key=lambda entry: (-entry[0], entry[1]))
    return [actor for _, _, actor in actors]


def _drop_headline_only(mentions: list[Mention]) -> list[Mention]:
    body_keys = {m.key for m in mentions if not m.in_caps_line}
    has_body = any(not m.in_caps_line for m in mentions)
    if not has_body:  # the whole text is in capitals: keep what there is
        return mentions
    return [m for m in mentions if not m.in_caps_line or m.key in body_keys or _is_last_word_of(m.key, body_keys)]


def _is_last_word_of(key: str, keys: set[str]) -> bool:
    return any(other.endswith(" " + key) for other in keys)


# --- joining forms of one name ------------------------------------------------------------


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _link_same_key(mentions: list[Mention], links: _UnionFind) -> None:
    first_with_key: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        links.union(first_with_key.setdefault(mention.key, index), index)


def _defined_abbreviations(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """`Name (ABBR)` where the tagger left ABBR untagged: the text defines it, so it is a mention."""
    tagged = {m.start for m in mentions}
    found: list[Mention] = []
    for mention in mentions:
        at = mention.end
        if at + 2 < len(doc) and doc[at].text == "(" and doc[at + 2].text == ")" and at + 1 not in tagged:
            abbreviation = doc[at + 1]
            if _looks_like_abbreviation(abbreviation.text) and mention.tokens > 1:
                found.append(
                    Mention(at + 1, at + 2, abbreviation.text, name_key(abbreviation.text), mention.label, False)
                )
    return found


def _looks_like_abbreviation(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 2 <= len(letters) <= 8 and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)


def _link_abbreviations(doc: Doc, mentions: list[Mention], links: _UnionFind) -> None:
    by_start = {m.start: i for i, m in enumerate(mentions)}
    long_forms: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        if mention.tokens > 1:
            long_forms[_initials(mention.text)].append(index)
    for index, mention in enumerate(mentions):
        # Defined in the text: "Long Form (ABBR)" / "ABBR (Long Form)", with "(" between them.
        at = mention.end
        if at + 1 < len(doc) and doc[at].text == "(" and at + 1 in by_start:
            other = mentions[by_start[at + 1]]
            short, long_ = (other, mention) if other.tokens < mention.tokens else (mention, other)
            if _looks_like_abbreviation(short.text) and short.key[:1] == _initials(long_.text)[:1]:
                links.union(index, by_start[at + 1])
        # Spelled by the initials of a longer name in the same text: "US" / "United States".
        if mention.tokens == 1 and _looks_like_abbreviation(mention.text):
            for other in long_forms.get(mention.key.replace(" ", ""), ()):
                # A place's abbreviation spells a place: "NC" is not the National Cancer Institute.
                if (kind(mention.label) == "PLACE") == (kind(mentions[other].label) == "PLACE"):
                    links.union(index, other)


def _initials(text: str) -> str:
    words = [w for w in name_key(text).split() if w not in INITIALISM_SKIP]
    return "".join(w[0] for w in words)


def _link_short_names(mentions: list[Mention], links: _UnionFind) -> None:
    """A one-word name standing for a longer one the story gave in full.

    The last word of a person's full name is that person ("Trump" -> "Donald Trump"); the
    first word of an organisation's full name is that organisation ("Magna" -> "Magna
    International Inc") unless the word is itself a place or a people ("Chicago" is not the
    Chicago Board of Trade).
    """
    groups: dict[int, list[Mention]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[links.find(index)].append(mention)
    types = {root: _vote_type(members) for root, members in groups.items()}
    full_names: dict[str, list[int]] = defaultdict(list)  # short form key -> groups it may stand for
    partners: set[str] = set()  # first partners of firm names: "Merrill Lynch" of "Merrill Lynch, Pierce, ..."
    for root, members in groups.items():
        if types[root] not in ("PERSON", "ORG"):
            continue
        for key in {m.key for m in members if " " in m.key}:
            words = key.split()
            full_names[words[-1] if types[root] == "PERSON" else words[0]].append(root)
        if types[root] == "ORG":
            for partner in {_first_partner(m.text) for m in members} - {None}:
                full_names[partner].append(root)
                partners.add(partner)
    for root, members in list(groups.items()):
        keys = {m.key for m in members}
        if any(" " in k for k in keys) and not keys <= partners:
            continue
        candidates = {c for k in keys for c in full_names.get(k, ()) if c != root}
        if kind(types[root]) in ("PLACE", "NORP"):
            candidates = {c for c in candidates if types[c] == "PERSON"}  # "Washington" the player
        if candidates:
            # Two people share the surname: the one the story mentions most, then first.
            best = min(candidates, key=lambda c: (-len(groups[c]), min(m.start for m in groups[c])))
            links.union(root, best)


def _first_partner(text: str) -> str | None:
    """The first partner's name in a firm written as partners: "Merrill Lynch, Pierce, Fenner &
    Smith" -> "merrill lynch"; None for a name that is not a list of partners."""
    if "," not in text and " & " not in text:
        return None
    return name_key(text.replace(" & ", ",").split(",", 1)[0]) or None


def _add_untagged_mentions(doc: Doc, groups: list[_Group], caps_lines: CapsLines) -> None:
    """Count the places where the tagger missed a name it found elsewhere ("Doe added ...").

    A form matches on its exact words; a person is also matched on the surname of a full
    name. Matches must be proper nouns (or capitals), outside any entity and any headline.
    """
    owner: dict[str, _Group] = {}
    for group in sorted(groups, key=lambda g: -len(g.mentions)):
        forms = {m.text for m in group.mentions if not m.in_caps_line}
        if group.type == "PERSON":
            forms |= {form.rsplit(" ", 1)[-1] for form in forms if " " in form}
        for form in forms:
            owner.setdefault(form, group)
    if not owner:
        return
    text = caps_lines.text
    taken: set[int] = set()  # tokens already matched by a longer form
    for form in sorted(owner, key=len, reverse=True):
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if _word_boundary(text, at - 1) and _word_boundary(text, end):
                window = doc.char_span(at, end)
                if window is not None and _is_untagged_name(window, caps_lines, taken):
                    taken.update(range(window.start, window.end))
                    group = owner[form]
                    key = name_key(window.text)
                    group.mentions.append(Mention(window.start, window.end, form, key, group.type, False, 0.0))
            at = text.find(form, end)


def _word_boundary(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not (text[index].isalnum() or text[index] in "-_")


def _is_untagged_name(window, caps_lines: CapsLines, taken: set[int]) -> bool:
    doc = window.doc
    if any(t.ent_type_ or t.i in taken for t in window) or caps_lines.covers(window[0]):
        return False
    if not (window.root.pos_ == "PROPN" or window.text.isupper()):
        return False
    # Part of a longer name the tagger missed ("Mark Waugh" is not Steve Waugh).
    before = doc[window.start - 1] if window.start > 0 else None
    after = doc[window.end] if window.end < len(doc) else None
    return not any(t is not None and t.pos_ == "PROPN" and t.is_title for t in (before, after))


# --- one actor from its mentions ----------------------------------------------------------


def _vote_type(mentions: list[Mention]) -> str:
    """The fullest form's votes decide; the rest of the mentions break ties.

    Votes are pooled by kind first (a place tagged GPE twice and LOC twice is a place, not
    outvoted by three PERSON guesses), then the commonest label of the winning kind is used.
    """
    body = [m for m in mentions if not m.in_caps_line] or mentions
    longest = max(len(m.key.split()) for m in body)
    full_votes: Counter = Counter()
    all_votes: Counter = Counter()
    first_seen: dict[str, int] = {}
    for m in sorted(body, key=lambda m: m.start):
        all_votes[m.label] += m.vote
        if len(m.key.split()) == longest:
            full_votes[m.label] += m.vote
        first_seen.setdefault(kind(m.label), m.start)
        first_seen.setdefault(m.label, m.start)

    def pooled(votes: Counter, wanted: str) -> float:
        return sum(v for label, v in votes.items() if kind(label) == wanted)

    kinds = {kind(label) for label in all_votes}
    winner = max(kinds, key=lambda k: (pooled(full_votes, k), pooled(all_votes, k), -first_seen[k]))
    labels = [label for label in all_votes if kind(label) == winner]
    return max(labels, key=lambda label: (full_votes[label], all_votes[label], -first_seen[label]))


def _display_forms(mentions: list[Mention]) -> dict[str, str]:
    """One written form per key: the most frequent, preferring body text over headlines."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        counts[m.key][m.text] += 1 if m.in_caps_line else 3
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


def _to_actor(doc: Doc, group: _Group) -> Actor:
    mentions = sorted(group.mentions, key=lambda m: m.start)
    actor_type = group.type
    forms = _display_forms(mentions)
    key_counts = Counter(m.key for m in mentions)
    first_seen = {}
    for m in mentions:
        first_seen.setdefault(m.key, m.start)
    # The canonical name is the fullest form; an abbreviation never wins over its long form.
    canonical = max(forms, key=lambda k: (len(k.split()), len(k), key_counts[k], -first_seen[k]))
    aliases = [forms[k] for k in sorted(forms, key=first_seen.__getitem__) if k != canonical]
    role = None
    for m in mentions:
        role = find_role(doc, m.start, m.end, actor_type)
        if role:
            break
    return Actor(name=forms[canonical], type=actor_type, aliases=aliases, mentions=len(mentions), role=role)


def _salience(doc: Doc, group: _Group) -> float:
    """Mentions, plus being the subject or a source of sentences, plus appearing early."""
    prominent = 0
    for m in group.mentions:
        root = doc[m.start : m.end].root
        if root.dep_ in SUBJECT_DEPS or _is_source(root):
            prominent += 1
    earliness = 1.0 - group.first / max(len(doc), 1)
    return len(group.mentions) + 0.5 * prominent + earliness


def _is_source(token) -> bool:
    # "by US President Donald Trump" (passive agent), "according to ABC News".
    head = token.head
    if token.dep_ != "pobj":
        return False
    return head.dep_ == "agent" or (head.lower_ == "to" and head.head.lower_ == "according")
