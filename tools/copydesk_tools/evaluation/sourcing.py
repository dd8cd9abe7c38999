"""Source kinds on PolNeAR dev: named, anonymous or vague, scored as ../shared/data/README.md says.

Sentence level. Each sentence of Copydesk's report that holds a gold cue (aligned to the text as
the attribution figure aligns them) gets the kind its sourced attributions agree on; a sentence
whose attributions disagree, or that holds only source-less cues (PolNeAR's
Attribution-no-source), is skipped and counted. Copydesk's status maps sourced -> named,
anonymous -> anonymous, vague -> vague, anything else -> missed. The figure that matters is the
macro-F1 over anonymous and vague: the flags an editor acts on.

The baseline is a lexicon: the labelling rules' word lists applied to the raw sentence text, no
parse and no gold spans: a sentence with an anonymous word is anonymous, else one with a vague
word is vague, else named.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.analysis.report import ANONYMOUS, SOURCED, VAGUE
from copydesk_tools.evaluation.attribution import analyse_corpus, load_corpus, offset_map, split_dir
from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData

NAMED_KIND, ANONYMOUS_KIND, VAGUE_KIND, NO_SOURCE, MISSED = "named", "anonymous", "vague", "none", "missed"
KINDS = (NAMED_KIND, ANONYMOUS_KIND, VAGUE_KIND)
FLAGGED = (ANONYMOUS_KIND, VAGUE_KIND)
KIND_OF_STATUS = {SOURCED: NAMED_KIND, ANONYMOUS: ANONYMOUS_KIND, VAGUE: VAGUE_KIND}

# The labelling rules' word lists (the header of source_kinds_dev.tsv), as a newsroom would write them.
LEXICON_ANONYMOUS = frozenset(
    """unnamed anonymous unidentified official officials aide aides source sources spokesman spokeswoman
    spokesperson regulators agents investigators police authorities insiders woman""".split()
)
LEXICON_VAGUE = frozenset(
    """critics critic analysts analyst experts expert observers pundits commentators some many most several
    others republicans democrats conservatives liberals voters residents americans lawmakers allies supporters
    opponents polls poll surveys survey records record data emails reports report studies study""".split()
)
_WORD = re.compile(r"\w+")


@dataclass
class KindTally:
    """Gold kind against predicted kind, sentence by sentence."""

    pairs: Counter = field(default_factory=Counter)  # (gold, predicted) -> sentences

    def add(self, gold: str, predicted: str) -> None:
        self.pairs[(gold, predicted)] += 1

    @property
    def total(self) -> int:
        return sum(self.pairs.values())

    def prf(self, kind: str) -> PRF:
        result = PRF()
        for (gold, predicted), count in self.pairs.items():
            if gold == kind and predicted == kind:
                result.tp += count
            elif predicted == kind:
                result.fp += count
            elif gold == kind:
                result.fn += count
        return result

    def row(self) -> dict[str, float]:
        correct = sum(n for (g, p), n in self.pairs.items() if g == p)
        row = {"accuracy": correct / self.total if self.total else 0.0}
        for kind in KINDS:
            prf = self.prf(kind)
            short = kind[:4]
            row.update({f"{short} P": prf.precision, f"{short} R": prf.recall, f"{short} F1": prf.f1})
        row["macro-F1"] = sum(self.prf(k).f1 for k in FLAGGED) / len(FLAGGED)
        return row

    def confusions(self, top: int = 6) -> str:
        wrong = [(n, g, p) for (g, p), n in self.pairs.items() if g != p]
        return ", ".join(f"{g} -> {p} {n}" for n, g, p in sorted(wrong, reverse=True)[:top])


def load_kinds(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Per article stem, its attributions as (cue_start, cue_end, kind)."""
    kinds: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("article\t"):
            continue
        article, cue_start, cue_end, _source_start, _source_end, kind, *_ = line.split("\t")
        kinds[article].append((int(cue_start), int(cue_end), kind))
    return kinds


def sentence_kinds(raw: str, normalised: str, bounds, attributions) -> list[set[str]]:
    """Per sentence (offsets into `normalised`), the kinds of the gold attributions whose cue falls in it."""
    mapping = offset_map(raw, normalised)
    found: list[set[str]] = [set() for _ in bounds]
    for start, end, kind in attributions:
        first, last = mapping[min(start, len(raw))], mapping[min(end, len(raw))]
        for k, (s_start, s_end) in enumerate(bounds):
            if first < s_end and last > s_start:
                found[k].add(kind)
    return found


def lexicon_kind(text: str) -> str:
    words = {w.lower() for w in _WORD.findall(text)}
    if words & LEXICON_ANONYMOUS:
        return ANONYMOUS_KIND
    if words & LEXICON_VAGUE:
        return VAGUE_KIND
    return NAMED_KIND


def evaluate(data_dir: Path, limit: int | None = None, split: str = "dev") -> EvalResult:
    directory = split_dir(data_dir, split)
    kinds_path = directory.parent / f"source_kinds_{split}.tsv"
    if not kinds_path.is_file():
        raise MissingData(f"source kinds not found at {kinds_path}")
    gold_kinds = load_kinds(kinds_path)
    articles = [a for a in load_corpus(directory) if a.name in gold_kinds][:limit]
    ours, lexicon = KindTally(), KindTally()
    skipped = Counter()
    for analysed in analyse_corpus(articles):
        bounds = [(s.start, s.end) for s in analysed.sentences]
        per_sentence = sentence_kinds(analysed.gold.text, analysed.text, bounds, gold_kinds[analysed.gold.name])
        for sentence, entry, found in zip(analysed.sentences, analysed.sourcing, per_sentence):
            sourced = found - {NO_SOURCE}
            if not found:
                continue
            if not sourced:
                skipped["only source-less cues"] += 1
                continue
            if len(sourced) > 1:
                skipped["kinds disagree"] += 1
                continue
            (gold,) = sourced
            ours.add(gold, KIND_OF_STATUS.get(entry.status, MISSED))
            lexicon.add(gold, lexicon_kind(sentence.span.text))
    gold_counts = Counter()
    for (gold, _), n in ours.pairs.items():
        gold_counts[gold] += n
    return EvalResult(
        task="sourcing",
        dataset=f"PolNeAR {directory.name} source kinds (sentences)",
        items=len(articles),
        rows={"copydesk": ours.row(), "baseline: source-word lexicon": lexicon.row()},
        notes=[
            f"{ours.total} scored sentences: " + ", ".join(f"{k} {gold_counts[k]}" for k in KINDS),
            "skipped: " + ", ".join(f"{why} {n}" for why, n in sorted(skipped.items())),
            "macro-F1 is over anonymous and vague; a status other than sourced/anonymous/vague counts as missed",
            "copydesk confusions (gold -> ours): " + ours.confusions(),
            "lexicon confusions (gold -> lexicon): " + lexicon.confusions(),
        ],
    )
