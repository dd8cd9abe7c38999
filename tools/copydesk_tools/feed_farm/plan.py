"""The farm's plan: which feeds are healthy, slow, dead or malformed, and which items each carries.

Deterministic from (feeds, items, seed), so the server and a reader of its /_farm/plan agree, and
two runs of the benchmark poll the same farm. Shares follow the issue: 10 % of feeds slow (5-10 s,
dripping), 2 % dead, 5 % malformed, the rest healthy; the items are spread unevenly over the
feeds (1 to about twice the average each), every item with its own article page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

HEALTHY, SLOW, DEAD, MALFORMED = "healthy", "slow", "dead", "malformed"
SHARES = ((SLOW, 0.10), (DEAD, 0.02), (MALFORMED, 0.05))
DEAD_WAYS = ("reset", "404", "500")  # a dead feed resets the connection or answers an error
MALFORMED_WAYS = ("truncated", "garbage")  # cut off mid-entry (some entries readable), or not XML at all
SLOW_SECONDS = (5.0, 10.0)


@dataclass(frozen=True)
class FeedPlan:
    number: int
    kind: str
    first_item: int  # items first_item .. first_item + item_count - 1 belong to this feed
    item_count: int
    atom: bool  # Atom, else RSS 2.0
    way: str = ""  # how a dead or malformed feed fails
    delay: float = 0.0  # seconds a slow feed takes to answer in full

    @property
    def items(self) -> range:
        return range(self.first_item, self.first_item + self.item_count)


def make_plan(feeds: int, items: int, seed: int = 12) -> list[FeedPlan]:
    if items < feeds:
        raise ValueError("at least one item per feed")
    rng = random.Random(seed)
    kinds = [HEALTHY] * feeds
    order = list(range(feeds))
    rng.shuffle(order)
    start = 0
    for kind, share in SHARES:
        count = round(feeds * share)
        for number in order[start : start + count]:
            kinds[number] = kind
        start += count
    counts = _spread(items, feeds, rng)
    plans, first = [], 0
    for number, (kind, count) in enumerate(zip(kinds, counts, strict=True)):
        way = rng.choice(DEAD_WAYS) if kind == DEAD else rng.choice(MALFORMED_WAYS) if kind == MALFORMED else ""
        delay = round(rng.uniform(*SLOW_SECONDS), 2) if kind == SLOW else 0.0
        plans.append(FeedPlan(number, kind, first, count, atom=number % 2 == 1, way=way, delay=delay))
        first += count
    return plans


def _spread(items: int, feeds: int, rng: random.Random) -> list[int]:
    """`feeds` counts of at least 1 summing to `items`, uneven the way real feeds are."""
    weights = [rng.uniform(0.1, 2.0) for _ in range(feeds)]
    spare = items - feeds
    total = sum(weights)
    counts = [1 + int(spare * weight / total) for weight in weights]
    for index in rng.sample(range(feeds), items - sum(counts)):  # the rounding remainder, one each
        counts[index] += 1
    return counts
