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

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.reports.period import Period
from hbf_desktop.store.connection import Connection

Row = tuple[object, ...]
Request = tuple[str, tuple[str, ...], tuple[str, Period] | None]  # entity, fields, (date field, period)
_PATH = re.compile(r"^[a-z_]+(\[0\]|\.[a-z_]+)?$")


class Source:
    """What reports read, over one connection (so one thread)."""

    def __init__(self, connection: Connection, programme: str | None = None) -> None:
        self._connection = connection
        self._programme = programme
        self._cache: dict[tuple[object, ...], list[Row]] = {}
        self._org_types: dict[str, str] | None = None

    def rows(self, entity: str, fields: Sequence[str], *, within: tuple[str, Period] | None = None) -> list[Row]:
        """(client_id, *fields) of every live record of `entity`, with `within[0]` in the period if given.

        A field may be a path into the body: `citizenship[0]` (the first of a list), `domains.re_trafficking`.
        """
        key: Request = (entity, tuple(fields), within)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        condition, parameters = _condition(key, self._programme)
        columns = "".join(f", json_extract(body, '$.{name}')" for name in fields)
        sql = f"SELECT client_id{columns} FROM record WHERE entity = ? AND deleted_at IS NULL AND {condition}"
        found = [tuple(row) for row in self._connection.execute(sql + " ORDER BY rowid", [entity, *parameters])]
        self._cache[key] = found
        return found

    def prefetch(self, requests: Sequence[Request]) -> None:
        """Answer several requests about large entities in ONE pass over the table.

        A large entity's records lie on nearly every page, so reading two of them through the entity index decrypts
        the table twice; a single scan without the index decrypts it once. Later `rows` calls are served from this.
        """
        wanted = [request for request in requests if request not in self._cache]
        if len(wanted) < 2 or len({request[0] for request in wanted}) != len(wanted):
            return
        width = max(len(request[1]) for request in wanted)
        columns = []
        for index in range(width):
            cases = " ".join(
                f"WHEN '{entity}' THEN json_extract(body, '$.{fields[index]}')"
                for entity, fields, _ in wanted
                if index < len(fields)
            )
            columns.append(f", CASE entity {cases} END")
        conditions: list[str] = []
        parameters: list[object] = []
        for request in wanted:
            condition, values = _condition(request, self._programme)
            conditions.append(f"(entity = ? AND {condition})")
            parameters += [request[0], *values]
        sql = (
            f"SELECT entity, client_id{''.join(columns)} FROM record NOT INDEXED"
            f" WHERE deleted_at IS NULL AND ({' OR '.join(conditions)}) ORDER BY rowid"
        )
        found: dict[str, list[Row]] = {request[0]: [] for request in wanted}
        for row in self._connection.execute(sql, parameters):
            found[row[0]].append(row[1:])
        for request in wanted:
            self._cache[request] = [row[: 1 + len(request[1])] for row in found[request[0]]]

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


def _condition(request: Request, programme: str | None) -> tuple[str, list[object]]:
    """The SQL condition for a request's period and programme (or none), checking every field path first."""
    entity, fields, within = request
    for name in (*fields, *([within[0]] if within else [])):
        if not _PATH.match(name):
            raise ValueError(f"not a field path: {name!r}")
    conditions, parameters = ["1"], list[object]()
    if within is not None:
        # substr: a date-time counts on the calendar day written in it (see period.py).
        day = f"substr(json_extract(body, '$.{within[0]}'), 1, 10)"
        conditions.append(f"{day} >= ? AND {day} < ?")
        parameters += [within[1].start_text, within[1].end_text]
    if programme is not None:
        conditions.append(_PROGRAMME[_scope(entity)])
        parameters.append(programme)
    return " AND ".join(conditions), parameters


# A programme is a property of a case: a case's own records belong to it; a client's records (NRM, exploitation,
# the client itself) belong to every programme the client has a case in. SQLite runs each subquery once.
_PROGRAMMES = (
    "SELECT {column} FROM record WHERE entity = 'case' AND deleted_at IS NULL AND json_extract(body, '$.programme') = ?"
)
_PROGRAMME = {
    "case": "json_extract(body, '$.programme') = ?",
    "case_id": f"json_extract(body, '$.case_id') IN ({_PROGRAMMES.format(column='id')})",
    "client_id": f"client_id IN ({_PROGRAMMES.format(column='client_id')})",
}


def _scope(entity: str) -> str:
    if entity == "case":
        return "case"
    return "case_id" if ENTITIES[entity].parent == "case_id" else "client_id"
