"""Reading the store for reports: one query per entity, only the fields a report needs, answered from an index.

Records are JSON documents (docs/store.md), so a report asks SQLite for `json_extract` of the few fields it uses and,
where the report is about a period, filters on the period's calendar day inside the query. Migration 5
(store/report_schema.py) gives each reported entity a covering partial index of exactly these expressions, so a
query reads dense index pages and never decrypts a record page: the expressions here and there must keep one form,
the entity is written into the SQL as a literal (a partial index is only used when the query names its entity), and
each query names its index (`INDEXED BY`: the planner would otherwise pick the entity index and read the table).
Each result is kept for the life of the `Source`, so reports computed together read each entity once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hbf_desktop.domain.entities import ENTITIES
from hbf_desktop.reports.period import Period
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.report_schema import INDEXED

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

    def rows(
        self, entity: str, fields: Sequence[str], *, within: tuple[str, Period] | None = None, saved_order: bool = True
    ) -> list[Row]:
        """(client_id, *fields) of every live record of `entity`, with `within[0]` in the period if given.

        A field may be a path into the body: `citizenship[0]` (the first of a list), `domains.re_trafficking`.
        Rows come in the order the records were saved unless `saved_order` is false: reports that only count skip
        the sort (a third of the time of the largest entity's query).
        """
        request: Request = (entity, tuple(fields), within)
        key = (*request, saved_order)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found = [tuple(row) for row in self._connection.execute(*query(request, self._programme, saved_order))]
        self._cache[key] = found
        return found

    def counts(self, entity: str, fields: Sequence[str], *, within: tuple[str, Period] | None = None) -> list[Row]:
        """(*fields, how many records) for each combination of the fields' values, counted inside SQLite.

        For the largest entity (interventions: half of all records) a report that only tallies must not carry
        every row into Python: at 10,000 clients that is 600,000 tuples for a dozen numbers.
        """
        return self._cached((entity, tuple(fields), within), "counts")

    def clients(self, entity: str, *, within: tuple[str, Period] | None = None) -> set[str]:
        """The distinct clients with a live record of `entity` (in the period if given), found inside SQLite."""
        return {str(row[0]) for row in self._cached((entity, (), within), "clients") if row[0] is not None}

    def _cached(self, request: Request, shape: str) -> list[Row]:
        key = (*request, shape)
        if key not in self._cache:
            sql, parameters = query(request, self._programme, shape=shape)
            self._cache[key] = [tuple(row) for row in self._connection.execute(sql, parameters)]
        return self._cache[key]

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


def query(
    request: Request, programme: str | None, saved_order: bool = True, *, shape: str = "rows"
) -> tuple[str, list[object]]:
    """The SQL and parameters answering `request`: its rows (in the order the records were first saved, rowid, if
    `saved_order`), or the `counts` of its fields' value combinations, or its distinct `clients`."""
    entity, fields = request[0], request[1]
    condition, parameters = _condition(request, programme)
    columns = [f"json_extract(body, '$.{name}')" for name in fields]
    table = f"record INDEXED BY record_report_{entity}" if entity in INDEXED else "record"
    where = f"entity = '{entity}' AND deleted_at IS NULL AND {condition}"
    if shape == "counts":
        # Counted over a subquery that LIMIT keeps from being flattened: grouped directly, SQLite copies `body` into
        # its sorter and so reads every record row (the test of the query plans caught it).
        names = [f"v{index}" for index in range(len(columns))]
        inner = ", ".join(f"{column} AS {name}" for column, name in zip(columns, names, strict=True))
        grouped = ", ".join(names)
        sql = f"SELECT {grouped}, count(*) FROM (SELECT {inner} FROM {table} WHERE {where} LIMIT -1) GROUP BY {grouped}"
        return sql, parameters
    head = "DISTINCT client_id" if shape == "clients" else ", ".join(["client_id", *columns])
    tail = " ORDER BY rowid" if shape == "rows" and saved_order else ""
    return f"SELECT {head} FROM {table} WHERE {where}{tail}", parameters


def _condition(request: Request, programme: str | None) -> tuple[str, list[object]]:
    """The SQL condition for a request's period and programme (or none), checking the entity and field paths first."""
    entity, fields, within = request
    if entity not in ENTITIES:
        raise ValueError(f"not an entity: {entity!r}")
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
    "SELECT {column} FROM record INDEXED BY record_report_case"
    " WHERE entity = 'case' AND deleted_at IS NULL AND json_extract(body, '$.programme') = ?"
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
