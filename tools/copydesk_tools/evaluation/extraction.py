"""`copydesk eval extraction`: article text from web pages, beside raw trafilatura.

Two corpus formats are read (../shared/data/README.md gives the conventions):
- trafilatura's evaluation set (`extraction_dev/evaldata_en.json` + `html/FILE.gz`): per page,
  `with` segments must appear in the extracted body and `without` boilerplate must not.
  Counted as trafilatura's own comparison does: a present `with` is a true positive, a missing
  one a false negative, a present `without` a false positive; summed over pages. Whitespace is
  collapsed on both sides first, so a segment is not lost to a line break.
- the public article-extraction benchmark (`ground-truth.json` of {id: {articleBody, url}}
  beside `html/ID.html.gz`): 4-token shingles (tokens are \\w+ runs) of the extracted body vs
  the reference as multisets; per page tp/fp/fn normalised to sum 1, summed over pages, so
  every page weighs the same; precision and recall from those sums, F1 from the two.

The baseline row is trafilatura.extract() with its defaults on the very same bytes.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from copydesk_tools.evaluation.scoring import PRF, EvalResult, MissingData

Extractor = Callable[[bytes, str | None], str]

_WHITESPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass
class Page:
    id: str
    url: str | None
    html: bytes
    expected: dict  # format-specific: {"with": [...], "without": [...]} or {"body": str}


def copydesk_text(html: bytes, url: str | None) -> str:
    from bot.fetch.errors import NoArticleText
    from bot.fetch.extract import extract_article

    try:
        return extract_article(html, url=url).text
    except NoArticleText:
        return ""


def trafilatura_text(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Extractor] = {"copydesk": copydesk_text, "trafilatura (defaults)": trafilatura_text}


def evaluate(data_dir: Path, limit: int | None = None) -> EvalResult:
    corpus = find_corpus(Path(data_dir))
    if (corpus / "ground-truth.json").exists():
        pages, scorer, dataset = read_benchmark(corpus), score_shingles, f"{corpus.name} (4-token shingles)"
    else:
        pages, scorer, dataset = read_evaldata(corpus), score_segments, f"{corpus.name} (with/without segments)"
    totals = {name: PRF() for name in SYSTEMS}
    count = 0
    for page in pages:
        if limit is not None and count >= limit:
            break
        count += 1
        for name, system in SYSTEMS.items():
            tp, fp, fn = scorer(system(page.html, page.url), page.expected)
            totals[name].tp += tp
            totals[name].fp += fp
            totals[name].fn += fn
    if not count:
        raise MissingData(f"no pages found in {corpus}")
    result = EvalResult(task="extraction", dataset=dataset, items=count)
    result.rows = {name: prf.row() for name, prf in totals.items()}
    return result


def find_corpus(data_dir: Path) -> Path:
    """The folder holding a corpus: DATA itself, DATA/extraction_dev, or another DATA/extraction*."""
    candidates = [data_dir, data_dir / "extraction_dev", *sorted(data_dir.glob("extraction*"))]
    for folder in candidates:
        if (folder / "ground-truth.json").exists() or any(folder.glob("evaldata*.json")):
            return folder
    raise MissingData(
        f"no extraction corpus under {data_dir} (expected extraction_dev/evaldata_en.json "
        "or a ground-truth.json beside html/)"
    )


def read_evaldata(corpus: Path) -> Iterator[Page]:
    (index,) = sorted(corpus.glob("evaldata*.json"))[:1]
    entries = json.loads(index.read_text(encoding="utf-8"))
    for url, entry in entries.items():
        path = corpus / "html" / (entry["file"] + ".gz")
        if not path.exists():
            path = corpus / "html" / entry["file"]
        yield Page(url, url, _read_html(path), {"with": entry.get("with", []), "without": entry.get("without", [])})


def read_benchmark(corpus: Path) -> Iterator[Page]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, entry in sorted(truth.items()):
        path = corpus / "html" / f"{page_id}.html.gz"
        if not path.exists():
            path = corpus / "html" / f"{page_id}.html"
        yield Page(page_id, entry.get("url"), _read_html(path), {"body": entry.get("articleBody") or ""})


def _read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def score_segments(extracted: str, expected: dict) -> tuple[float, float, float]:
    text = _squash(extracted)
    found_with = [segment for segment in expected["with"] if _squash(segment) in text]
    found_without = [segment for segment in expected["without"] if _squash(segment) in text]
    return len(found_with), len(found_without), len(expected["with"]) - len(found_with)


def score_shingles(extracted: str, expected: dict) -> tuple[float, float, float]:
    predicted, reference = shingles(extracted), shingles(expected["body"])
    tp = sum((predicted & reference).values())
    fp = sum((predicted - reference).values())
    fn = sum((reference - predicted).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 1)) if tokens)


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()
