"""Where analyses run: in worker processes (the default for serving), or in the calling thread.

spaCy holds the GIL while it parses. In the web process that stalls the threads that must
acknowledge Slack within 3 seconds, and threads never use the second core. A small pool of
processes (spawned, each loading the model once) keeps acknowledgements fast and analyses
parallel. Tests and one-off tools may run in-thread instead.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from bot.analysis import Report, analyze, load_nlp
from bot.analysis.errors import InputError
from bot.fetch import FetchPolicy, fetch_article
from bot.fetch.errors import FetchError

_pools: dict[tuple[int, int, str | None], ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


class RefusedInput(InputError):
    """An input refused in a worker process, carried back as its user message and code."""

    def __init__(self, user_message: str, code: str):
        super().__init__(user_message)
        self.code = code

    def __reduce__(self):  # noqa: ANN204 - keep both fields across the process boundary
        return (RefusedInput, (self.user_message, self.code))


def _child_init(model: str | None) -> None:
    load_nlp(model)


def analyze_article(
    url: str | None, text: str | None, max_chars: int, policy: FetchPolicy, model: str | None
) -> Report:
    """Fetch (for a URL) and analyse one article; user-caused failures raise RefusedInput."""
    try:
        if url:
            return analyze(
                url=url,
                max_chars=max_chars,
                model=model,
                fetcher=lambda link: fetch_article(link, policy),
            )
        return analyze(text=text or "", max_chars=max_chars, model=model)
    except (InputError, FetchError) as exc:
        raise RefusedInput(exc.user_message, getattr(exc, "code", "refused")) from None


def _pool(workers: int, model: str | None) -> ProcessPoolExecutor:
    # Keyed by pid too: a gunicorn worker forked from a master must not reuse the master's pool.
    key = (os.getpid(), workers, model)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            pool = ProcessPoolExecutor(
                max_workers=max(1, workers),
                mp_context=multiprocessing.get_context("spawn"),  # never fork a threaded process
                initializer=_child_init,
                initargs=(model,),
            )
            _pools[key] = pool
        return pool


def warm_up(settings: Any) -> list[Future]:
    """Start the worker processes and load the model in each, before the first request."""
    if not settings.slack_analysis_in_processes:
        return []
    pool = _pool(settings.slack_analysis_workers, settings.spacy_model)
    return [pool.submit(_child_init, settings.spacy_model) for _ in range(max(1, settings.slack_analysis_workers))]


def run_analysis(settings: Any, url: str | None, text: str | None) -> Report:
    args = (url, text, settings.max_chars, FetchPolicy.from_settings(settings), settings.spacy_model)
    if settings.slack_analysis_in_processes:
        return _pool(settings.slack_analysis_workers, settings.spacy_model).submit(analyze_article, *args).result()
    with _slots.setdefault(
        settings.slack_analysis_workers, threading.BoundedSemaphore(max(1, settings.slack_analysis_workers))
    ):
        return analyze_article(*args)


def shutdown() -> None:
    with _pools_lock:
        for key, pool in list(_pools.items()):
            if key[0] == os.getpid():
                pool.shutdown(wait=False, cancel_futures=True)
                del _pools[key]
