"""`copydesk bench analysis`: throughput against raw spaCy, latency, cold start and memory.

Absolute times drift on shared machines, so throughput is reported as a ratio against raw
`nlp.pipe` on the same texts with the same model, measured in the same process and
interleaved (raw, ours, raw, ours, ...) so both see the same machine load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bot.analysis import analyze, analyze_many, load_nlp
from bot.analysis.inputs import word_count
from copydesk_tools import configured

DATA = Path(os.environ.get("COPYDESK_DATA", Path.cwd().parent / "shared" / "data"))
SEEDS = Path(__file__).resolve().parents[3] / "seeds"
ROUNDS = 3


def bench_texts(count: int) -> tuple[list[str], str]:
    """Real-length news articles: BBC articles when the corpus is present, else the seeds."""
    corpus = DATA / "bbc_news_summary" / "bbc_news_summary.jsonl"
    if corpus.is_file():
        texts = []
        with corpus.open(encoding="utf-8") as handle:
            for line in handle:
                texts.append(json.loads(line)["article"])
                if len(texts) == count:
                    break
        return texts, f"{len(texts)} BBC News articles"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = [seeds[i % len(seeds)] for i in range(count)]
    return texts, f"{len(texts)} seed articles (BBC corpus not found at {corpus})"


def thousand_word_article(texts: list[str]) -> str:
    paragraphs: list[str] = []
    for text in texts:
        for paragraph in text.split("\n"):
            if paragraph.strip():
                paragraphs.append(paragraph.strip())
            if word_count("\n".join(paragraphs)) >= 1000:
                return "\n".join(paragraphs)
    return "\n".join(paragraphs)


def throughput(texts: list[str]) -> tuple[float, float]:
    nlp = load_nlp(configured.model())
    words = sum(word_count(t) for t in texts)
    raw_times, ours_times = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        raw_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for _report in analyze_many(texts, batch_size=16, **configured.analysis_options()):
            pass
        ours_times.append(time.perf_counter() - started)
    return words / min(raw_times), words / min(ours_times)


def latency(article: str, runs: int) -> tuple[float, float]:
    options = configured.analysis_options()
    analyze(article, **options)  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        analyze(article, **options)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]


_COLD_SCRIPT = """
import json, resource, sys, time
started = time.perf_counter()
from bot.analysis import analyze, analyze_many
from copydesk_tools.configured import analysis_options
texts = json.load(sys.stdin)
analyze(texts[0], **analysis_options())
first = time.perf_counter() - started
for _ in analyze_many(texts, **analysis_options()):
    pass
print(json.dumps({"cold_s": first, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def cold_start_and_memory(texts: list[str]) -> dict[str, float]:
    """A fresh interpreter: time from start to the first report, and peak RSS after the batch."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _COLD_SCRIPT], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["process_s"] = time.perf_counter() - started
    return figures


def run(quick: bool = False) -> int:
    count = 40 if quick else 200
    texts, described = bench_texts(count)
    article = thousand_word_article(texts)
    print(f"copydesk bench analysis: {described}, {sum(word_count(t) for t in texts):,} words")
    raw_wps, ours_wps = throughput(texts)
    ratio = ours_wps / raw_wps
    print(f"  raw nlp.pipe          {raw_wps:10,.0f} words/s")
    print(f"  analyze_many          {ours_wps:10,.0f} words/s")
    print(f"  ratio                 {ratio:10.2f}   (target >= 0.80) {'ok' if ratio >= 0.8 else 'MISS'}")
    p50, p95 = latency(article, runs=10 if quick else 30)
    print(f"  1,000-word article    p50 {p50:.0f} ms, p95 {p95:.0f} ms (warm, {word_count(article)} words)")
    cold = cold_start_and_memory(texts)
    rss = cold["peak_rss_mb"]
    print(f"  cold start            {cold['cold_s']:.2f} s to the first report (imports + model load)")
    print(f"  peak RSS              {rss:.0f} MB after the batch (target < 400 MB) {'ok' if rss < 400 else 'MISS'}")
    return 0
