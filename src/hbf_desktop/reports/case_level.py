"""A de-identified case-level extract aligned to the CTDC codebook (HTCDS values underneath), one row per client.

What it holds and why it is safe to share under a data-sharing agreement (DATA-MODEL.md "De-identification"):
- no identifier, no pseudonym code, no record id, no free text: every column is a category or a flag;
- no exact date: the case's quarter of registration, the exploitation's length as a CTDC band (0-12, 13-24, 25+
  months), ages as CTDC bands;
- gender in CTDC's three values; citizenship and country of exploitation held by fewer than k rows become `other`;
- means of control merged into CTDC's eight flags; flags are 1 or empty, as CTDC's are;
- rows sorted by their values, so their order says nothing about who was recorded first.
Clients counted are those with a case open at some point in the period.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from hbf_desktop.reports.period import Period, quarter_of
from hbf_desktop.reports.source import Source

_GENDER = {
    "feminine": "Woman", "masculine": "Man", "transgender_feminine": "Trans/Transgender/NonConforming",
    "transgender_masculine": "Trans/Transgender/NonConforming", "non_conforming": "Trans/Transgender/NonConforming",
}  # fmt: skip
MEANS_OF_CONTROL = {
    "DebtBondageEarnings": {"debt_bondage", "takes_earnings", "restricts_financial_access"},
    "Threats": {"physical_threats", "threats_law_enforcement", "threatens_children_family"},
    "AbusePsyPhySex": {"physical_abuse", "sexual_abuse", "psychological_abuse"},
    "FalsePromises": {"false_promises"},
    "DrugsAlcohol": {"psychoactive_substance"},
    "DenyBasicNeeds": {"withholds_necessities", "restricts_medical_care"},
    "ExcessiveWorkHours": {"excessive_working_hours"},
    "WithholdDocs": {"withholds_documents"},
}
_LABOUR = {"labour", "domestic_servitude"}
_OTHER_EXPLOIT = {"criminal", "organ_harvesting", "forced_marriage", "other"}
_TYPE_OF_LABOUR = {
    "agriculture_forestry_fishing": "Agriculture", "construction": "Construction",
    "households_as_employers": "DomesticWork", "accommodation_food_services": "Hospitality",
}  # fmt: skip
_TYPE_OF_SEX = {"prostitution": "Prostitution", "pornography": "Pornography"}
_RELATION = {"intimate_partner": "IntimatePartner", "friend": "Friend", "family": "Family", "other": "Other"}
COLUMNS = (
    "quarterOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation", "traffickMonths",
    *(f"meansOf{name}" for name in MEANS_OF_CONTROL),
    "isForcedLabour", "isSexualExploit", "isOtherExploit", "typeOfLabour", "typeOfSex", "recruiterRelation",
    "rgOutcome", "cgOutcome",
)  # fmt: skip
_EVENT_FIELDS = ("exploitation_history_type", "sub_type", "means_of_control", "recruiter_relation", "country",
                 "start_month", "end_month")  # fmt: skip
Row = dict[str, str]


def case_rows(source: Source, period: Period, threshold: int) -> list[Row]:
    registered = _registered(source, period)
    events: dict[object, list[tuple[object, ...]]] = {}
    for event in source.rows("exploitation_history", _EVENT_FIELDS):
        if event[0] in registered:
            events.setdefault(event[0], []).append(event[1:])
    decisions = {row[0]: (row[1], row[2]) for row in source.rows("nrm_record", ("rg_outcome", "cg_outcome"))}
    rows: list[Row] = []
    for client, gender, band, citizenship in source.rows("client", ("gender", "age_band", "citizenship[0]")):
        if client not in registered:
            continue
        row = {column: "" for column in COLUMNS}
        row |= {"quarterOfRegistration": quarter_of(registered[client]) or "", "gender": _GENDER.get(str(gender), "")}
        row |= {"ageBroad": _text(band), "citizenship": _text(citizenship)}
        row |= _exploitation(events.get(client, []))
        rg, cg = decisions.get(client, (None, None))
        row |= {"rgOutcome": _text(rg), "cgOutcome": _text(cg)}
        rows.append(row)
    for column in ("citizenship", "CountryOfExploitation"):
        counts = Counter(row[column] for row in rows)
        for row in rows:
            if row[column] and counts[row[column]] < threshold:
                row[column] = "other"
    return sorted(rows, key=lambda row: tuple(row[column] for column in COLUMNS))


def _registered(source: Source, period: Period) -> dict[object, str]:
    """Client -> the first opening date of a case open at some point in the period."""
    found: dict[object, str] = {}
    for client, opened, closed in source.rows("case", ("opened_on", "closed_on")):
        if opened is None or str(opened) >= period.end_text or (closed is not None and str(closed) < period.start_text):
            continue
        if client not in found or str(opened) < found[client]:
            found[client] = str(opened)
    return found


def _exploitation(events: list[tuple[object, ...]]) -> Row:
    kinds = {str(event[0]) for event in events}
    means = {str(item) for event in events if isinstance(event[2], str) for item in _json_list(event[2])}
    row = {f"meansOf{name}": "1" if means & values else "" for name, values in MEANS_OF_CONTROL.items()}
    row |= {
        "isForcedLabour": "1" if kinds & _LABOUR else "",
        "isSexualExploit": "1" if "sexual" in kinds else "",
        "isOtherExploit": "1" if kinds & _OTHER_EXPLOIT else "",
        "typeOfLabour": next((_TYPE_OF_LABOUR[str(e[1])] for e in events if str(e[1]) in _TYPE_OF_LABOUR), ""),
        "typeOfSex": next((_TYPE_OF_SEX[str(e[1])] for e in events if str(e[1]) in _TYPE_OF_SEX), ""),
        "recruiterRelation": next((_RELATION[str(e[3])] for e in events if str(e[3]) in _RELATION), ""),
        "CountryOfExploitation": next((str(e[4]) for e in events if e[4] is not None), ""),
        "traffickMonths": _months_band(events),
    }
    return row


def _months_band(events: list[tuple[object, ...]]) -> str:
    spans = [_months(str(e[5]), str(e[6])) for e in events if e[5] is not None and e[6] is not None]
    if not spans:
        return ""
    longest = max(spans)
    return "0-12" if longest <= 12 else ("13-24" if longest <= 24 else "25+")


def _months(start: str, end: str) -> int:
    return (int(end[:4]) - int(start[:4])) * 12 + int(end[5:7]) - int(start[5:7])


def _json_list(text: str) -> list[object]:
    value = json.loads(text)
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    return "" if value is None else str(value)


def to_csv(rows: list[Row], period: Period, threshold: int) -> str:
    buffer = io.StringIO()
    buffer.write(
        f"# DE-IDENTIFIED case-level extract (CTDC-aligned), {period.label()}; no identifiers, no free text, "
        f"no exact dates; values held by fewer than {threshold} rows grouped as other. Still personal data: "
        "share only under a data-sharing agreement.\n"
    )
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
