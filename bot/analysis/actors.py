"""Named actors: entity mentions consolidated into the people, organisations and places of a story.

How mentions become actors (each step is a rule an editor would apply by eye):
1. Mentions are spaCy's PERSON/ORG/GPE/LOC/NORP/FAC entities, cleaned ("the", "'s", numbers
   stripped) with misfires dropped (see mentions.py). A name seen only in an all-capitals
   headline, and never in the body, is dropped: the tagger guesses wildly on capitals.
2. Forms of the same name are joined: the same words ("U.S." = "US"), an abbreviation the
   text defines ("World Health Organization (WHO)") or whose initials spell a name in the
   text ("United States" / "US"), and a surname standing for a full name ("Trump" ->
   "Donald Trump").
3. The type is voted by the mentions of the fullest form first: a name tagged ORG four
   times as "Trump" and PERSON once as "Donald Trump" is a PERSON.
4. The role comes from the first title or appositive the text gives (roles.py).
5. Actors are ordered by salience: mentions, being a subject or a source, and how early the
   actor first appears.
Only doc.ents and the parse are read: no extra model passes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from bot.analysis.mentions import ACTOR_LABELS, Mention, extract_mentions, name_key
from bot.analysis.report import Actor
from bot.analysis.roles import find_role

__all__ = ["ACTOR_LABELS", "build_actors"]

# Words an initialism skips: "Food and Drug Administration" is FDA.
INITIALISM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "on", "in", "&"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class _Group:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def build_actors(doc: Doc) -> list[Actor]:
    mentions = _drop_headline_only(extract_mentions(doc))
    mentions += _defined_abbreviations(doc, mentions)
    links = _UnionFind(len(mentions))
    _link_same_key(mentions, links)
    _link_abbreviations(doc, mentions, links)
    _link_surnames(mentions, links)
    groups: dict[int, _Group] = defaultdict(_Group)
    for index, mention in enumerate(mentions):
        groups[links.find(index)].mentions.append(mention)
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
                links.union(index, other)


def _initials(text: str) -> str:
    words = [w for w in name_key(text).split() if w not in INITIALISM_SKIP]
    return "".join(w[0] for w in words)


def _link_surnames(mentions: list[Mention], links: _UnionFind) -> None:
    """A one-word name that is the last word of a person's full name is that person."""
    groups: dict[int, list[Mention]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        groups[links.find(index)].append(mention)
    full_names: dict[str, list[int]] = defaultdict(list)  # last word key -> person groups
    for root, members in groups.items():
        if _vote_type(members) != "PERSON":
            continue
        for key in {m.key for m in members if len(m.key.split()) > 1}:
            full_names[key.split()[-1]].append(root)
    for root, members in list(groups.items()):
        keys = {m.key for m in members}
        if any(len(k.split()) > 1 for k in keys) or _vote_type(members) == "NORP":
            continue
        candidates = {c for k in keys for c in full_names.get(k, ()) if c != root}
        if candidates:
            # Two people share the surname: the one the story mentions most, then first.
            best = min(candidates, key=lambda c: (-len(groups[c]), min(m.start for m in groups[c])))
            links.union(root, best)


# --- one actor from its mentions ----------------------------------------------------------


def _vote_type(mentions: list[Mention]) -> str:
    """The fullest form's label wins; the rest of the mentions break ties."""
    body = [m for m in mentions if not m.in_caps_line] or mentions
    longest = max(len(m.key.split()) for m in body)
    full_votes = Counter(m.label for m in body if len(m.key.split()) == longest)
    all_votes = Counter(m.label for m in body)
    first_label = {}
    for m in sorted(body, key=lambda m: m.start):
        first_label.setdefault(m.label, m.start)
    return max(full_votes, key=lambda label: (full_votes[label], all_votes[label], -first_label[label]))


def _display_forms(mentions: list[Mention]) -> dict[str, str]:
    """One written form per key: the most frequent, preferring body text over headlines."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        counts[m.key][m.text] += 1 if m.in_caps_line else 3
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


def _to_actor(doc: Doc, group: _Group) -> Actor:
    mentions = sorted(group.mentions, key=lambda m: m.start)
    actor_type = _vote_type(mentions)
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
