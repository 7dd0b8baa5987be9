"""Turning drawn facts into interchange records: `{"type", "id", ...fields, "synthetic": true}`."""

from __future__ import annotations

import random
from datetime import date
from typing import cast

from hbf_desktop.domain.model import JsonValue, RecordValues
from hbf_desktop.synthetic.sampling import record_id

FieldValue = JsonValue | list[str]  # a list of vocabulary values or codes is JSON too; lists are invariant


class Recorder:
    """Makes one client's records, with ids from the client's own random stream.

    Fields given as None are left out: an absent field and an empty one mean the same in the interchange format,
    and leaving them out keeps files small.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, entity: str, created: date, **fields: FieldValue) -> RecordValues:
        record: RecordValues = {"type": entity, "id": record_id(self.rng, created)}
        for name, value in cast(RecordValues, fields).items():
            if value is not None:
                record[name] = value
        record["synthetic"] = True
        return record


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
