"""Reading the store for reports: one streaming query per entity, only the fields a report needs.

Records are JSON documents (docs/store.md), so a report asks SQLite for `json_extract` of the few fields it uses and,
where the report is about a period, filters on the period's date field inside the query. Parsing whole bodies in
Python would cost several seconds on a supervisor's store of five years; this keeps every report within about a
second (benchmarks/reports.py). Each result is kept for the life of the `Source`, so reports computed together read
each entity once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hbf_desktop.reports.period import Period
from hbf_desktop.store.connection import Connection

Row = tuple[object, ...]
_PATH = re.compile(r"^[a-z_]+(\[0\]|\.[a-z_]+)?$")


class Source:
    """What reports read, over one connection (so one thread)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._cache: dict[tuple[object, ...], list[Row]] = {}
        self._org_types: dict[str, str] | None = None

    def rows(self, entity: str, fields: Sequence[str], *, within: tuple[str, Period] | None = None) -> list[Row]:
        """(client_id, *fields) of every live record of `entity`, with `within[0]` in the period if given.

        A field may be a path into the body: `citizenship[0]` (the first of a list), `domains.re_trafficking`.
        """
        key = (entity, tuple(fields), within)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        for name in (*fields, *([within[0]] if within else [])):
            if not _PATH.match(name):
                raise ValueError(f"not a field path: {name!r}")
        columns = "".join(f", json_extract(body, '$.{name}')" for name in fields)
        sql = f"SELECT client_id{columns} FROM record WHERE entity = ? AND deleted_at IS NULL"
        parameters: list[object] = [entity]
        if within is not None:
            # substr: a date-time counts on the calendar day written in it (see period.py).
            sql += f" AND substr(json_extract(body, '$.{within[0]}'), 1, 10) >= ?"
            sql += f" AND substr(json_extract(body, '$.{within[0]}'), 1, 10) < ?"
            parameters += [within[1].start_text, within[1].end_text]
        found = [tuple(row) for row in self._connection.execute(sql + " ORDER BY rowid", parameters)]
        self._cache[key] = found
        return found

    def organisation_types(self) -> dict[str, str]:
        """Organisation id -> org_type, for grouping referrals by the kind of organisation."""
        if self._org_types is None:
            self._org_types = {
                str(row[0]): str(row[1])
                for row in self._connection.execute(
                    "SELECT id, json_extract(body, '$.org_type') FROM record"
                    " WHERE entity = 'organisation' AND deleted_at IS NULL"
                )
            }
        return self._org_types
