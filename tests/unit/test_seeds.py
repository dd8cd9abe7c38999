"""Every seed article in seeds/ must come out as its NAME.expected.json says.

The expectation files are partial on purpose: they pin what an editor would check (who the
actors are, which sentences are flagged and why, which facts lead), not every field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.analysis import analyze

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXPECTATIONS = sorted(SEEDS.glob("*.expected.json"))


def _source_of(expected_path: Path) -> Path:
    stem = expected_path.name.removesuffix(".expected.json")
    (source,) = [p for p in SEEDS.iterdir() if p.stem == stem and not p.name.endswith(".json")]
    return source


@pytest.fixture(scope="module")
def reports(nlp):
    made = {}
    for expected_path in EXPECTATIONS:
        source = _source_of(expected_path)
        if source.suffix == ".html":
            made[expected_path.name] = analyze(html=source.read_bytes(), url=f"https://seeds.example/{source.name}")
        else:
            made[expected_path.name] = analyze(source.read_text(encoding="utf-8"), id=source.stem)
    return made


def test_every_seed_article_has_an_expectation():
    articles = [p for p in SEEDS.iterdir() if p.suffix in (".txt", ".html") and not p.name.startswith("sample-feed")]
    expected = {_source_of(p) for p in EXPECTATIONS}
    assert set(articles) <= expected


def _ids(paths):
    return [p.name for p in paths]


@pytest.mark.parametrize("expected_path", EXPECTATIONS, ids=_ids(EXPECTATIONS))
def test_actors(expected_path, reports):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    report = reports[expected_path.name]
    by_key = {(a.name, a.type): a for a in report.actors}
    for want in expected.get("actors", []):
        actor = by_key.get((want["name"], want["type"]))
        assert actor is not None, f"missing actor {want['name']} ({want['type']}); got {sorted(by_key)}"
        for alias in want.get("aliases_include", []):
            assert alias in actor.aliases, f"{actor.name}: alias {alias!r} not in {actor.aliases}"
        if "role_contains" in want:
            assert want["role_contains"] in (actor.role or ""), f"{actor.name}: role {actor.role!r}"
    for unwanted in expected.get("actors_absent", []):
        assert (unwanted["name"], unwanted["type"]) not in by_key, f"unexpected actor {unwanted}"


@pytest.mark.parametrize("expected_path", EXPECTATIONS, ids=_ids(EXPECTATIONS))
def test_sentence_statuses(expected_path, reports):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    report = reports[expected_path.name]
    texts = [report.sentence_text(i) for i in range(len(report.sentences))]
    wrong = []
    for status, fragments in expected.get("sentences", {}).items():
        for fragment in fragments:
            matches = [i for i, text in enumerate(texts) if fragment in text]
            assert matches, f"no sentence contains {fragment!r}"
            got = report.sentences[matches[0]].status
            # "flagged" pins a sentence a reporter must look at, whichever flag fits best.
            if got != status and not (status == "flagged" and got in ("anonymous", "vague", "unsourced")):
                wrong.append(f"{fragment!r}: expected {status}, got {got}")
    assert not wrong, "\n".join(wrong)
    flagged = {c.sentence for c in report.claims}
    for i, entry in enumerate(report.sentences):
        assert (i in flagged) == (entry.status in ("anonymous", "vague", "unsourced"))
    for claim in report.claims:
        assert claim.reason and claim.reason != claim.status


@pytest.mark.parametrize("expected_path", EXPECTATIONS, ids=_ids(EXPECTATIONS))
def test_key_facts(expected_path, reports):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    facts = [f.text for f in reports[expected_path.name].key_facts]
    assert 1 <= len(facts) <= 5
    for fragment in expected.get("key_facts_include", []):
        assert any(fragment in f for f in facts), f"{fragment!r} not among key facts {facts}"
    some = expected.get("key_facts_include_some")
    if some:
        hits = [frag for frag in some["of"] if any(frag in f for f in facts)]
        assert len(hits) >= some["at_least"], f"only {hits} among key facts {facts}"
    for fragment in expected.get("key_facts_exclude", []):
        assert not any(fragment in f for f in facts), f"opinion {fragment!r} among key facts"


@pytest.mark.parametrize("expected_path", EXPECTATIONS, ids=_ids(EXPECTATIONS))
def test_article_metadata(expected_path, reports):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    article = reports[expected_path.name].article
    for field, value in expected.get("article", {}).items():
        assert getattr(article, field) == value, f"article.{field}: {getattr(article, field)!r}"
