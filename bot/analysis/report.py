"""The report contract (`copydesk.report/1`): dataclasses and their JSON shape.

Everything Slack, storage and the CLI show is built from these objects, so the field
names here are the public contract documented in DESIGN.md. Offsets (`start`, `end`)
always index `Article.text`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "copydesk.report/1"

# Sentence statuses, strongest sourcing first. Flagged = the three in FLAGGED_STATUSES.
SOURCED = "sourced"
ANONYMOUS = "anonymous"
VAGUE = "vague"
UNSOURCED = "unsourced"
NONE = "none"
STATUSES = (SOURCED, ANONYMOUS, VAGUE, UNSOURCED, NONE)
FLAGGED_STATUSES = (ANONYMOUS, VAGUE, UNSOURCED)


@dataclass
class Article:
    text: str
    url: str | None = None
    title: str | None = None
    site: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as the page gave it
    authors: list[str] = field(default_factory=list)
    word_count: int = 0


@dataclass
class KeyFact:
    text: str
    start: int
    end: int
    sentence: int  # index into Report.sentences
    rank: int  # 1 = most important


@dataclass
class Actor:
    name: str  # canonical (longest, most complete) name
    type: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC
    aliases: list[str] = field(default_factory=list)  # other surface forms, canonical excluded
    mentions: int = 0  # counted over all aliases
    role: str | None = None  # "US President", from titles and appositives


@dataclass
class SentenceSourcing:
    start: int
    end: int
    status: str  # one of STATUSES
    flags: list[str] = field(default_factory=list)  # e.g. "anonymous_source", "hedged", "carried"
    cue: str | None = None  # the attribution cue words as written ("argue", "according to")
    source: str | None = None  # who the sentence is attributed to, as written or resolved
    check_worthy: bool = False


@dataclass
class Claim:
    sentence: int  # index into Report.sentences
    text: str
    status: str  # anonymous | vague | unsourced
    reason: str  # plain words a reporter can act on


@dataclass
class Report:
    id: str
    article: Article
    key_facts: list[KeyFact] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    sentences: list[SentenceSourcing] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    schema: str = SCHEMA

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.article.text[s.start : s.end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "schema": self.schema,
            "article": asdict(self.article),
            "key_facts": [asdict(k) for k in self.key_facts],
            "actors": [asdict(a) for a in self.actors],
            "sentences": [asdict(s) for s in self.sentences],
            "claims": [asdict(c) for c in self.claims],
            "stats": dict(self.stats),
            "timings_ms": dict(self.timings_ms),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report stored as JSON (the database keeps `to_dict()` output)."""
        return cls(
            id=data["id"],
            schema=data.get("schema", SCHEMA),
            article=Article(**data["article"]),
            key_facts=[KeyFact(**k) for k in data.get("key_facts", [])],
            actors=[Actor(**a) for a in data.get("actors", [])],
            sentences=[SentenceSourcing(**s) for s in data.get("sentences", [])],
            claims=[Claim(**c) for c in data.get("claims", [])],
            stats=dict(data.get("stats", {})),
            timings_ms=dict(data.get("timings_ms", {})),
        )
