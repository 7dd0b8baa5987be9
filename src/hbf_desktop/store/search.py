"""Full-text search over names, aliases, pseudonym codes and notes (SQLite FTS5, inside the encrypted file).

Typed text becomes a conjunction of quoted prefix terms, so nothing a person types is ever read as FTS5 syntax and
"ali kha" finds "Alia Khan". Queries shorter than two characters are refused early and every query is LIMITed: a
one-letter prefix matches everything and is slow (PERFORMANCE-NOTES.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from hbf_desktop.domain.model import EntitySpec, FieldKind, JsonValue
from hbf_desktop.store.connection import Connection

MIN_QUERY_CHARACTERS = 2
DEFAULT_LIMIT = 50
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MATCHED_IN = {"client": "codes", "client_identity": "names"}


@dataclass(frozen=True)
class SearchHit:
    client_id: str
    record_id: str
    entity: str
    matched_in: str  # "names", "codes" or "notes"


def index_columns(spec: EntitySpec, body: Mapping[str, JsonValue]) -> tuple[str, str, str] | None:
    """The text of a record for the index, split into the columns a search can weigh differently."""
    names: list[str] = []
    codes: list[str] = []
    notes: list[str] = []
    for name in spec.searchable:
        field = spec.field(name)
        value = body.get(name)
        if field is None or value is None:
            continue
        texts = [str(item) for item in value] if isinstance(value, list) else [str(value)]
        if field.kind is FieldKind.LONG_TEXT:
            notes.extend(texts)
        elif name.endswith("code"):
            codes.extend(texts)
        else:
            names.extend(texts)
    if not (names or codes or notes):
        return None
    return " ".join(names), " ".join(codes), " ".join(notes)


def replace_index_row(
    connection: Connection,
    rowid: int,
    client_id: str | None,
    record_id: str,
    columns: tuple[str, str, str] | None,
    *,
    new: bool = False,
) -> None:
    if not new:
        connection.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    if columns is not None and client_id is not None:
        connection.execute(
            "INSERT INTO search (rowid, names, codes, notes, client_id, record_id) VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, *columns, client_id, record_id),
        )


def to_match_expression(text: str) -> str | None:
    """A safe FTS5 expression: every token quoted and used as a prefix; None if too short to search."""
    tokens = _TOKEN.findall(text)
    if sum(len(token) for token in tokens) < MIN_QUERY_CHARACTERS:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def search_clients(
    connection: Connection, text: str, *, limit: int = DEFAULT_LIMIT, include_notes: bool = True
) -> list[SearchHit]:
    """Clients matching `text`, best first, one hit per client."""
    expression = to_match_expression(text)
    if expression is None:
        return []
    if not include_notes:
        expression = "{names codes} : (" + expression + ")"
    rows = connection.execute(
        "SELECT s.client_id, s.record_id, r.entity FROM search AS s JOIN record AS r ON r.rowid = s.rowid"
        " WHERE search MATCH ? ORDER BY bm25(search, 10.0, 10.0, 1.0) LIMIT ?",
        (expression, limit * 4),
    ).fetchall()
    hits: dict[str, SearchHit] = {}
    for client_id, record_id, entity in rows:
        if client_id not in hits:
            hits[client_id] = SearchHit(client_id, record_id, entity, _MATCHED_IN.get(entity, "notes"))
        if len(hits) >= limit:
            break
    return list(hits.values())
