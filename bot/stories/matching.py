"""Does an article belong to a tracked story? Score it by terms and actors, and say why.

Pure: a story's terms and actors in, a Report in, a Match out. No database, no Slack.

Scoring, in points (a journalist's sense of "this is about that"):
- a story actor (any of its names or aliases) that the report names as an actor: 3
- a term that names one of the report's actors (canonical name or alias): 3
- a term in the headline: 2
- a term in the body: 1, or 2 when it appears three times or more
- a story actor only mentioned in the body text (not an actor of the report): 1
An article is attached when its score reaches the threshold (default 3: one actor, or a
headline term plus a body term, or two terms that recur). A story with a single term needs
less, since it can never collect more: the threshold is capped at twice its number of items.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.analysis.report import Report

ACTOR_POINTS = 3.0
HEADLINE_POINTS = 2.0
BODY_POINTS = 1.0
RECURRING_BODY_POINTS = 2.0
RECURRING_MENTIONS = 3
ACTOR_IN_TEXT_POINTS = 1.0

_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)  # names and facts recur across a channel's articles and digests
def normalise(value: str) -> str:
    """Case, accents, punctuation and a leading article do not change a name."""
    text = value
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold())
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


@dataclass(frozen=True)
class StoryActor:
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases)}

    @classmethod
    def from_dict(cls, data: dict) -> StoryActor:
        return cls(data["name"], tuple(data.get("aliases") or ()))


@dataclass(frozen=True)
class StoryProfile:
    """What a story is about: the user's terms and the actors it follows."""

    name: str
    terms: tuple[str, ...] = ()
    actors: tuple[StoryActor, ...] = ()

    @property
    def size(self) -> int:
        return len(self.terms) + len(self.actors)


@dataclass
class Match:
    score: float = 0.0
    why: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.why.append(reason)


class ArticleIndex:
    """A report prepared once for matching against every story of a channel."""

    def __init__(self, report: Report):
        self.title = f" {normalise(report.article.title or headline(report.article.text))} "
        self.body = f" {normalise(report.article.text or '')} "
        # normalised name -> canonical actor name, over canonical names and aliases
        self.actor_names: dict[str, str] = {}
        for actor in report.actors:
            for name in (actor.name, *actor.aliases):
                key = normalise(name)
                if key and key not in self.actor_names:
                    self.actor_names[key] = actor.name
        # A person is also followed by surname: "Porter" is Jane Porter when no other actor claims it.
        for actor in report.actors:
            parts = normalise(actor.name).split()
            if actor.type == "PERSON" and len(parts) > 1:
                self.actor_names.setdefault(parts[-1], actor.name)

    def body_count(self, term: str) -> int:
        return self.body.count(f" {term} ")

    def in_title(self, term: str) -> bool:
        return f" {term} " in self.title


def headline(text: str | None) -> str:
    """A pasted article's first line, when it reads like a headline (short, not a sentence)."""
    first = (text or "").strip().split("\n", 1)[0].strip()
    return first if 0 < len(first.split()) <= 14 and not first.endswith((".", "?", "!", ":")) else ""


def match_story(story: StoryProfile, article: ArticleIndex) -> Match:
    match = Match()
    for actor in story.actors:
        _match_actor(actor, article, match)
    for term in story.terms:
        _match_term(term, article, match)
    return match


def required_score(story: StoryProfile, threshold: float) -> float:
    return min(threshold, 2.0 * max(story.size, 1))


def clears(story: StoryProfile, match: Match, threshold: float) -> bool:
    return match.score > 0 and match.score >= required_score(story, threshold)


def _match_actor(actor: StoryActor, article: ArticleIndex, match: Match) -> None:
    for name in actor.names:
        canonical = article.actor_names.get(normalise(name))
        if canonical:
            shown = f"actor {actor.name}" + (f" (as '{name}')" if normalise(name) != normalise(actor.name) else "")
            match.add(ACTOR_POINTS, shown)
            return
    for name in actor.names:
        key = normalise(name)
        if key and article.body_count(key):
            match.add(ACTOR_IN_TEXT_POINTS, f"'{name}' mentioned in the text")
            return


def _match_term(term: str, article: ArticleIndex, match: Match) -> None:
    key = normalise(term)
    if not key:
        return
    canonical = article.actor_names.get(key)
    if canonical:
        match.add(ACTOR_POINTS, f"actor {canonical}" + (f" (as '{term}')" if key != normalise(canonical) else ""))
        return
    if article.in_title(key):
        match.add(HEADLINE_POINTS, f"'{term}' in the headline")
        return
    count = article.body_count(key)
    if count >= RECURRING_MENTIONS:
        match.add(RECURRING_BODY_POINTS, f"'{term}' ×{count} in the text")
    elif count:
        match.add(BODY_POINTS, f"'{term}' in the text")


def parse_terms(text: str) -> list[str]:
    """`"Harbor Bridge" tolls 'Maria Lopez'` -> ["Harbor Bridge", "tolls", "Maria Lopez"]; de-duplicated."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    found = re.findall(r'"([^"]+)"|\'([^\']+)\'|(\S+)', text)
    terms = [next(part for part in groups if part).strip() for groups in found]
    return dedupe(term for term in terms if normalise(term))


def dedupe(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        key = normalise(value)
        if key and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def best_matches(
    stories: Sequence[tuple[int, StoryProfile]], report: Report, threshold: float
) -> list[tuple[int, Match]]:
    """(story id, match) for each story the report clears the threshold for."""
    article = ArticleIndex(report)
    results = []
    for story_id, profile in stories:
        match = match_story(profile, article)
        if clears(profile, match, threshold):
            results.append((story_id, match))
    return results
