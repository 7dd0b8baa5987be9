"""Figures that compare a generated stream with its parameters, in one pass and constant memory.

Used by the tests (marginals within two percentage points) and by benchmarks that print what they generated; a
share is None when its denominator is zero, never a division error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

_WOMEN = ("feminine", "transgender_feminine")
_RG_DECIDED = ("positive", "negative", "withdrawn", "suspended")
_CG_DECIDED = ("positive", "negative", "disqualified_public_order", "disqualified_bad_faith")


def summarise(records: Iterable[Mapping[str, object]]) -> dict[str, float | int | None]:
    """Counts and shares of a stream from `generate`.

    Keys: `records` and `records.<type>` (counts); `clients`; `share.women`, `share.nationality.<ISO3>`
    (of clients); `share.nrm_record` and `share.route_none` (of clients); `share.rg_positive` (of decided RGs);
    `share.cg_positive` (of decided CGs); `welfare_calls`, `share.no_answer` and `share.unsafe_to_talk` (of welfare
    calls); `interventions_per_welfare_call`; `share.reopened` (clients with a second case); `share.unplanned_moves`.
    """
    types: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    nationalities: Counter[str] = Counter()
    for record in records:
        kind = str(record["type"])
        types[kind] += 1
        _count(kind, record, tally, nationalities)
    clients = types["client"]
    summary: dict[str, float | int | None] = {"records": sum(types.values()), "clients": clients}
    summary.update({f"records.{kind}": count for kind, count in sorted(types.items())})
    calls = tally["welfare_call"]
    summary.update({
        "share.women": _share(tally["women"], clients),
        "share.nrm_record": _share(types["nrm_record"], clients),
        "share.route_none": _share(tally["route_none"], clients),
        "share.rg_positive": _share(tally["rg_positive"], tally["rg_decided"]),
        "share.cg_positive": _share(tally["cg_positive"], tally["cg_decided"]),
        "welfare_calls": calls,
        "share.no_answer": _share(tally["call_no_answer"], calls),
        "share.unsafe_to_talk": _share(tally["call_unsafe_to_talk"], calls),
        "interventions_per_welfare_call": _share(types["intervention"], calls),
        "share.reopened": _share(types["case"] - clients, clients),
        "share.unplanned_moves": _share(tally["unplanned"], types["accommodation"]),
    })  # fmt: skip
    summary.update({f"share.nationality.{code}": _share(n, clients) for code, n in nationalities.most_common()})
    return summary


def _count(kind: str, record: Mapping[str, object], tally: Counter[str], nationalities: Counter[str]) -> None:
    if kind == "client":
        tally["women"] += record.get("gender") in _WOMEN
        citizenship = record.get("citizenship")
        if isinstance(citizenship, list) and citizenship:
            nationalities[str(citizenship[0])] += 1
    elif kind == "nrm_record":
        tally["route_none"] += record.get("route") == "none"
        tally["rg_decided"] += record.get("rg_outcome") in _RG_DECIDED
        tally["rg_positive"] += record.get("rg_outcome") == "positive"
        tally["cg_decided"] += record.get("cg_outcome") in _CG_DECIDED
        tally["cg_positive"] += record.get("cg_outcome") == "positive"
    elif kind == "contact" and record.get("contact_type") == "welfare_call":
        tally["welfare_call"] += 1
        tally[f"call_{record.get('outcome')}"] += 1
    elif kind == "accommodation":
        tally["unplanned"] += record.get("planned") is False


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
