"""Small hand-made caseloads whose every figure can be worked out on paper, written through the real import path."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from hbf_desktop.domain.ids import new_id
from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.store import Store

_codes = itertools.count(1000)


@dataclass
class Caseload:
    """Records to import, built with one call per record; ids are returned so tests can refer to them."""

    records: list[dict[str, JsonValue]] = field(default_factory=list)

    def add(self, kind: str, **values: JsonValue) -> str:
        record_id = new_id()
        self.records.append({"type": kind, "id": record_id, **values})
        return record_id

    def organisation(self, org_type: str) -> str:
        return self.add("organisation", name=f"Org {len(self.records)}", org_type=org_type)

    def client(
        self, *, opened_on: str = "2024-01-10", closed_on: str | None = None, **values: JsonValue
    ) -> tuple[str, str]:
        """A client and their case; returns (client_id, case_id)."""
        client_id = self.add("client", pseudonym_code=f"HB-T{next(_codes)}", **values)
        case: dict[str, JsonValue] = {"client_id": client_id, "status": "closed" if closed_on else "open"}
        case["opened_on"] = opened_on
        if closed_on:
            case["closed_on"] = closed_on
        return client_id, self.add("case", **case)

    def call(self, case_id: str, when: str, outcome: str = "completed", kind: str = "welfare_call") -> str:
        return self.add("contact", case_id=case_id, contact_type=kind, occurred_at=when, outcome=outcome)

    def intervention(self, case_id: str, day: str, kind: str, org_type: str | None = None) -> str:
        values: dict[str, JsonValue] = {"case_id": case_id, "date": day, "intervention_type": kind}
        if org_type:
            values["counterpart_org_type"] = org_type
        return self.add("intervention", **values)

    def import_into(self, store: Store) -> None:
        result = records_from_dicts(self.records)
        assert not result.problems, result.problems
        import_records(store, result.records)
