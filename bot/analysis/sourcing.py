"""Sentence sourcing: who each sentence is attributed to, and which claims need checking.

For every sentence: find its attribution frames in the parse (attribution_frames.py), say
whether the source is named, anonymous or vague (source_kinds.py; a description the next
sentence names is named: delayed_names.py), and when the sentence has
none of its own, carry its quotation's speaker or, for a check-worthy claim, its paragraph's
source (carry.py). A check-worthy sentence with no attribution at all is `unsourced`; a
"sentence" with no words (a closing quote split off by the segmenter) is `none`. A headline
takes the sourcing of the sentence that reports it (headline_sourcing.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from bot.analysis.attribution_frames import Frame, find_frames, reports
from bot.analysis.carry import (
    is_quoted,
    names_its_own_subject,
    nearest_in_run,
    open_at_start,
    previous_in_paragraph,
    quote_runs,
    sentence_text,
)
from bot.analysis.checkworthy import is_check_worthy
from bot.analysis.claim_reasons import reason_for
from bot.analysis.delayed_names import names_the_description
from bot.analysis.headline_sourcing import source_headline
from bot.analysis.hedging import hedge_cues
from bot.analysis.report import ANONYMOUS, NONE, SOURCED, UNSOURCED, VAGUE, Actor, Claim, SentenceSourcing
from bot.analysis.segment import Sentence
from bot.analysis.speakers import is_self
from bot.analysis.source_kinds import ANONYMOUS_KIND, NAMED, VAGUE_KIND, Source, SourceResolver

_STATUS_OF_KIND = {NAMED: SOURCED, ANONYMOUS_KIND: ANONYMOUS, VAGUE_KIND: VAGUE}
_FLAG_OF_STATUS = {ANONYMOUS: "anonymous_source", VAGUE: "vague_source", UNSOURCED: "no_source"}
# Among frames equally close to the main clause, the weakest source is the one to flag.
_WEAKNESS = {NAMED: 0, ANONYMOUS_KIND: 1, VAGUE_KIND: 2}


@dataclass
class _Attribution:
    frame: Frame
    source: Source


def attribute(doc: Doc, sentences: list[Sentence], actors: list[Actor]) -> list[SentenceSourcing]:
    resolver = SourceResolver(doc, actors)
    own: list[_Attribution | None] = [_own_attribution(s.span, resolver) for s in sentences]
    _name_descriptions(own, sentences)
    runs = quote_runs(sentences)
    starts_open = open_at_start(sentences)
    # Whose a quotation is: the writer's "she said" outside the quote marks, not a stance or
    # words inside the quotation ('"Trump started attacking us," she said. "It is sad."').
    speaks = [
        _vouches(a) and not is_quoted(s, a.frame.anchor.idx, open_) for a, s, open_ in zip(own, sentences, starts_open)
    ]
    results: list[SentenceSourcing] = []
    carried_from: list[int | None] = []
    for index, sentence in enumerate(sentences):
        span = sentence.span
        entry = SentenceSourcing(start=sentence.start, end=sentence.end, status=NONE)
        if not sentence.is_story or not any(t.is_alpha or t.like_num for t in span):
            # Page furniture (byline, dateline, caption), or a stray closing quote split off as a
            # "sentence": nothing the story says.
            results.append(entry)
            carried_from.append(None)
            continue
        entry.check_worthy = bool(is_check_worthy(span))
        attribution = own[index]
        origin = None
        if attribution is None:
            origin = nearest_in_run(index, runs, speaks)
            if origin is None and entry.check_worthy and not names_its_own_subject(span):
                # A quotation's rest vouches like its speaker; a claim carried in turn does not, so
                # a paragraph's later sentences are the writer's again.
                vouching = [
                    _vouches(o) or (c is not None and runs[k] is not None)
                    for k, (o, c) in enumerate(zip(own[:index], carried_from))
                ]
                origin = previous_in_paragraph(index, sentences, vouching)
                if origin is not None and not _vouches(own[origin]):
                    origin = carried_from[origin]
            attribution = own[origin] if origin is not None else None
        carried_from.append(origin)
        if attribution is not None:
            entry.cue = attribution.frame.cue
            entry.source = attribution.source.text
            entry.status = _STATUS_OF_KIND[attribution.source.kind]
            if origin is not None:
                entry.flags.append("carried")
        elif entry.check_worthy:
            entry.status = UNSOURCED
        if entry.status in _FLAG_OF_STATUS:
            entry.flags.insert(0, _FLAG_OF_STATUS[entry.status])
        if runs[index] is not None:  # the sentence quotes someone, or goes on with a quote
            entry.flags.append("quote")
        if hedge_cues(span):
            entry.flags.append("hedged")
        results.append(entry)
    source_headline(sentences, results, [a is not None for a in own])
    return results


def _own_attribution(span: Span, resolver: SourceResolver) -> _Attribution | None:
    """The sentence's main attribution: the frame nearest the root, the weakest source on ties."""
    best: _Attribution | None = None
    frames = find_frames(span)
    for frame in frames:
        source = resolver.classify(frame.source)
        resolver.remember(frame.anchor.i, source)
        if any(reports(outer, frame) for outer in frames):
            continue  # "Regulators worried that the firm could threaten ...": the regulators' view
        candidate = _Attribution(frame, source)
        if best is None or _rank(candidate) < _rank(best):
            best = candidate
    return best


def _name_descriptions(own: list[_Attribution | None], sentences: list[Sentence]) -> None:
    """An unnamed description that the next sentence names ("Experts said ..." then "said Victor
    Cha, a Korea scholar") is that person's, in place."""
    for index, (this, after) in enumerate(zip(own, own[1:])):
        if this is None or after is None or this.source.kind == NAMED or after.source.kind != NAMED:
            continue
        if sentences[index + 1].paragraph - sentences[index].paragraph > 1:
            continue
        if names_the_description(this.frame.source, after.frame.source):
            own[index] = _Attribution(this.frame, after.source)


def _vouches(attribution: _Attribution | None) -> bool:
    return attribution is not None and attribution.frame.carries


def _rank(attribution: _Attribution) -> tuple[bool, bool, int, int]:
    # "I said no," Trump said: the speaker outranks the I inside the quote; and what was said
    # or found outranks a stance ("Economists had expected 4.2%, according to a Reuters survey").
    frame = attribution.frame
    return (is_self(frame.source), not frame.carries, frame.depth, -_WEAKNESS[attribution.source.kind])


def flagged_claims(sentences: list[Sentence], sourcing: list[SentenceSourcing]) -> list[Claim]:
    # A headline repeats the claim of the sentence that reports it: that sentence is the claim to
    # check, listed once.
    return [
        Claim(sentence=s.index, text=sentence_text(s), status=info.status, reason=reason_for(s.span, info))
        for s, info in zip(sentences, sourcing)
        if info.status in (ANONYMOUS, VAGUE, UNSOURCED) and "headline" not in info.flags
    ]
