"""Small hand-made reports for story tests: the shape the engine produces, without spaCy."""

from __future__ import annotations

from bot.analysis.report import Actor, Article, Claim, KeyFact, Report


def make_report(
    title: str,
    text: str,
    *,
    url: str | None = None,
    site: str | None = "Harbor Gazette",
    actors: list[tuple[str, str, list[str]]] = (),
    facts: list[str] = (),
    claims: list[tuple[int, str, str, str]] = (),
) -> Report:
    report = Report(id=title[:16], article=Article(text=text, url=url, title=title, site=site))
    report.actors = [Actor(name=name, type=kind, aliases=list(aliases), mentions=2) for name, kind, aliases in actors]
    report.key_facts = [
        KeyFact(text=fact, start=0, end=len(fact), sentence=i, rank=i + 1) for i, fact in enumerate(facts)
    ]
    report.claims = [Claim(sentence=s, text=t, status=status, reason=reason) for s, t, status, reason in claims]
    return report


BRIDGE = make_report(
    "Harbor Bridge tolls to rise in March",
    "Harbor Bridge tolls will rise to 4 dollars in March, Mayor Elena Ruiz said on Monday.\n"
    "Ruiz said the bridge needs repairs. Critics argue the toll hurts commuters.\n"
    "The toll was last raised in 2019.",
    url="https://gazette.example/bridge-tolls?utm_source=x",
    actors=[("Elena Ruiz", "PERSON", ["Ruiz"]), ("Harbor Bridge", "FAC", [])],
    facts=["Harbor Bridge tolls will rise to 4 dollars in March, Mayor Elena Ruiz said on Monday."],
    claims=[(1, "Critics argue the toll hurts commuters.", "vague", "vague source: 'critics'")],
)

BRIDGE_FOLLOWUP = make_report(
    "Commuters protest bridge toll rise",
    "Hundreds of commuters protested the Harbor Bridge toll rise on Tuesday.\n"
    "Tolls will rise to 4 dollars in March, Mayor Elena Ruiz said on Monday.\n"
    "Union leader Sam Okafor called the rise unfair.",
    url="https://courier.example/toll-protest",
    site="Bay Courier",
    actors=[("Sam Okafor", "PERSON", ["Okafor"]), ("Elena Ruiz", "PERSON", ["Ruiz", "Mayor Ruiz"])],
    facts=[
        "Hundreds of commuters protested the Harbor Bridge toll rise on Tuesday.",
        "Harbor Bridge tolls will rise to 4 dollars in March, Mayor Elena Ruiz said on Monday.",
    ],
    claims=[
        (
            0,
            "Hundreds of commuters protested the Harbor Bridge toll rise on Tuesday.",
            "unsourced",
            "no source for a number",
        )
    ],
)

SCHOOLS = make_report(
    "School board delays vote on lunches",
    "The school board delayed its vote on free lunches until April.\nBoard chair Priya Nair said more data was needed.",
    url="https://gazette.example/school-lunches",
    actors=[("Priya Nair", "PERSON", ["Nair"])],
    facts=["The school board delayed its vote on free lunches until April."],
)
