"""`copydesk eval language`: the English / not-English decision on `language_dev/` and CoNLL.

Scoring convention (../shared/data/README.md): accuracy over all texts of language_dev,
and on their own lines the English texts refused (by kind: a refused English article loses
its whole analysis) and the non-English texts accepted (by language). Every CoNLL-2003
article (eng.train, eng.testa, detokenised as the actors task gives them) is English news,
so any refusal there is an error. Baselines in the same run: accept everything, and the
function-word rule Copydesk used before the language identifier (kept here, only here).
The decision's cost is timed against spaCy's parse of the same CoNLL articles.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bot.analysis.language import looks_english
from copydesk_tools.evaluation.actors import read_conll
from copydesk_tools.evaluation.scoring import EvalResult, MissingData
from copydesk_tools import configured

LANGUAGE_FILE = Path("language_dev") / "language_dev.jsonl"
CONLL_FILES = (Path("conll2003") / "eng.train", Path("conll2003") / "eng.testa")

# The rule Copydesk used before: English function words at least 12% of the words.
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH_FUNCTION_WORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being
    has have had do does did will would can could should may might must this that these those
    it its he she they them his her their we our you your i not no said says who which what
    when where than then there here about after before over into up out also more most""".split()
)


def stop_word_rule(text: str) -> bool:
    """The old hand-written test: too few English function words means "not English"."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if len(words) < 8:
        letters = [ch for ch in "".join(words) if ch.isalpha()]
        return bool(letters) and sum(ch.isascii() for ch in letters) / len(letters) > 0.8
    if sum(1 for w in words if w.isascii()) / len(words) < 0.6:
        return False
    return sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / len(words) >= 0.12


def accept_all(text: str) -> bool:
    return True


SYSTEMS: dict[str, Callable[[str], bool]] = {
    "copydesk (py3langid)": looks_english,
    "old stop-word rule": stop_word_rule,
    "accept all": accept_all,
}


def load_texts(data_dir: Path, limit: int | None = None) -> list[dict]:
    path = Path(data_dir) / LANGUAGE_FILE
    if not path.exists():
        raise MissingData(f"language development file not found at {path}")
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line) for line in handle if line.strip()]
    return texts[:limit] if limit else texts


def load_conll_articles(data_dir: Path, limit: int | None = None) -> dict[str, list[str]]:
    articles: dict[str, list[str]] = {}
    for relative in CONLL_FILES:
        path = Path(data_dir) / relative
        if not path.exists():
            raise MissingData(f"CoNLL-2003 file not found at {path}")
        texts = [article.text for article in read_conll(path)]
        articles[relative.name] = texts[:limit] if limit else texts
    return articles


def score(decide: Callable[[str], bool], texts: list[dict], conll: dict[str, list[str]]) -> dict:
    """Accuracy, English refused by kind, non-English accepted by language, CoNLL articles refused."""
    decisions = [decide(item["text"]) for item in texts]
    correct = sum(accepted == (item["lang"] == "en") for accepted, item in zip(decisions, texts))
    return {
        "accuracy": correct / len(texts) if texts else 0.0,
        "english_refused": Counter(i["kind"] for ok, i in zip(decisions, texts) if i["lang"] == "en" and not ok),
        "other_accepted": Counter(i["lang"] for ok, i in zip(decisions, texts) if i["lang"] != "en" and ok),
        "conll_refused": {name: sum(not decide(text) for text in articles) for name, articles in conll.items()},
    }


def decision_cost(articles: list[str]) -> tuple[float, float]:
    """Seconds for the language decision and for spaCy's parse over the same articles."""
    from bot.analysis import load_nlp

    nlp = load_nlp(configured.model())
    looks_english(articles[0])  # load the identifier before timing, as a running worker has
    started = time.perf_counter()
    for text in articles:
        looks_english(text)
    decide_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in nlp.pipe(articles, batch_size=16):
        pass
    return decide_s, time.perf_counter() - started


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {n}" for key, n in counter.most_common()) or "none"


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    texts = load_texts(data_dir, limit)
    conll = load_conll_articles(data_dir, limit)
    rows: dict[str, dict[str, float]] = {}
    notes: list[str] = []
    for name, decide in SYSTEMS.items():
        result = score(decide, texts, conll)
        refused, accepted = result["english_refused"], result["other_accepted"]
        rows[name] = {
            "accuracy": result["accuracy"],
            "en refused": sum(refused.values()),
            "others kept": sum(accepted.values()),
            # "CoNLL train", "CoNLL testa": articles refused (all are English)
            **{f"CoNLL {file.removeprefix('eng.')}": n for file, n in result["conll_refused"].items()},
        }
        notes.append(f"{name}: English refused by kind: {_counts(refused)}; others accepted by language: {_counts(accepted)}")
    testa = conll["eng.testa"]
    decide_s, parse_s = decision_cost(testa)
    notes.append(
        f"cost: the decision took {decide_s * 1000:.0f} ms over {len(testa)} eng.testa articles, spaCy's parse "
        f"{parse_s * 1000:.0f} ms: {100 * decide_s / parse_s:.2f}% of the parse"
    )
    conll_sizes = ", ".join(f"{name} {len(a)}" for name, a in conll.items())
    return EvalResult(
        task="language",
        dataset=f"{LANGUAGE_FILE} + conll2003 ({conll_sizes} articles, all English)",
        items=len(texts),
        rows=rows,
        notes=[
            "en refused = English texts refused; others kept = non-English accepted; "
            "CoNLL train/testa = CoNLL-2003 articles refused",
            *notes,
        ],
    )
