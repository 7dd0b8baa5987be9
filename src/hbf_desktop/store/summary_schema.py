"""Migration 4: `client_summary`, one row per live client, kept current by triggers on `record`.

Why a summary table: the caseload must filter and sort 100,000 clients by case status, risk, next follow-up and NRM
stage in well under 100 ms. Those values live in several JSON documents per client (the latest case, the latest risk
assessment, the open tasks, the NRM record, the consents); working them out per query costs a correlated lookup per
client (seconds at 100k). The triggers run inside the writer's transaction, so whichever path writes a record (a
caseworker's save, an import, sync) the summary commits with it or not at all, and records.py needs no change.

A new record steps its own columns from the summary row's current values (the latest case or assessment by date,
the earliest open follow-up or consent review), with no lookup; an edit or a delete recomputes those columns from
the client's records with one indexed lookup (`record_by_client`). Contacts and interventions, the bulk of all
records, fire nothing. A client row is (re)built
whole when the client record itself is written, so records that arrive before their client (sync order) are counted.
An edit of a client can also arrive before its creation (a second supervisor's edit relayed first): its row has an
empty pseudonym code until the creation arrives, rather than failing the whole import.

NRM stages: not_referred, awaiting_rg, rg_negative (negative, suspended or withdrawn), awaiting_cg, cg_positive,
cg_negative (negative or disqualified); `nrm_since` is when the current wait began (referral or RG date).
`next_follow_up` is the earliest open task's due time in UTC as SQLite writes it ("YYYY-MM-DD HH:MM:SS"), so that
times recorded with different offsets compare correctly.
"""

from __future__ import annotations

_LIVE = "r.client_id = client_summary.client_id AND r.deleted_at IS NULL"
_RANK = "CASE {level} WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 END"

# entity -> the SET clause that recomputes its columns for the client_summary row in scope.
_COLUMNS: dict[str, str] = {
    "client_identity": f"""known_as = (SELECT json_extract(r.body, '$.known_as') FROM record AS r
        WHERE {_LIVE} AND r.entity = 'client_identity' ORDER BY r.rowid DESC LIMIT 1)""",
    "case": f"""(case_id, case_status, case_opened_on) = (SELECT r.id, json_extract(r.body, '$.status'),
        json_extract(r.body, '$.opened_on') FROM record AS r WHERE {_LIVE} AND r.entity = 'case'
        ORDER BY json_extract(r.body, '$.opened_on') DESC, r.rowid DESC LIMIT 1)""",
    "risk_assessment": f"""(risk_level, risk_rank, risk_assessed_on) = (SELECT json_extract(r.body, '$.overall_level'),
        {_RANK.format(level="json_extract(r.body, '$.overall_level')")}, json_extract(r.body, '$.assessed_on')
        FROM record AS r WHERE {_LIVE} AND r.entity = 'risk_assessment'
        ORDER BY json_extract(r.body, '$.assessed_on') DESC, r.rowid DESC LIMIT 1)""",
    "task": f"""next_follow_up = (SELECT min(datetime(json_extract(r.body, '$.due_at'))) FROM record AS r
        WHERE {_LIVE} AND r.entity = 'task' AND json_extract(r.body, '$.status') = 'open')""",
    "nrm_record": f"""(nrm_stage, nrm_since) = (SELECT stage,
        CASE stage WHEN 'awaiting_rg' THEN referral_date WHEN 'awaiting_cg' THEN rg_date END
        FROM (SELECT CASE
            WHEN route = 'none' THEN 'not_referred'
            WHEN cg = 'positive' THEN 'cg_positive'
            WHEN cg IS NOT NULL AND cg <> 'pending' THEN 'cg_negative'
            WHEN rg = 'positive' THEN 'awaiting_cg'
            WHEN rg IS NOT NULL AND rg <> 'pending' THEN 'rg_negative'
            ELSE 'awaiting_rg' END AS stage, referral_date, rg_date
          FROM (SELECT json_extract(r.body, '$.route') AS route, json_extract(r.body, '$.rg_outcome') AS rg,
                json_extract(r.body, '$.cg_outcome') AS cg, json_extract(r.body, '$.referral_date') AS referral_date,
                json_extract(r.body, '$.rg_date') AS rg_date
                FROM record AS r WHERE {_LIVE} AND r.entity = 'nrm_record'
                ORDER BY json_extract(r.body, '$.referral_date') DESC, r.rowid DESC LIMIT 1)))""",
    "consent": f"""consent_review_due = (SELECT min(json_extract(r.body, '$.review_due')) FROM record AS r
        WHERE {_LIVE} AND r.entity = 'consent' AND json_extract(r.body, '$.withdrawn_at') IS NULL)""",
}


def _earlier(column: str, value: str) -> str:
    """The new value is set and earlier than the row's (so a later one writes nothing at all)."""
    return f"{value} IS NOT NULL AND ({column} IS NULL OR {value} < {column})"


def _body(field: str) -> str:
    return f"json_extract(NEW.body, '$.{field}')"


_DUE = f"datetime({_body('due_at')})"
# entity -> (SET clause, extra WHERE) for a NEW record: one step from the row's current values, no lookup, so a bulk
# import costs the same per record however many a client already has. Ties go to the newer record, as above.
_ON_INSERT: dict[str, tuple[str, str]] = {
    "client_identity": (f"known_as = {_body('known_as')}", ""),
    "case": (
        f"case_id = NEW.id, case_status = {_body('status')}, case_opened_on = {_body('opened_on')}",
        f"AND (case_opened_on IS NULL OR {_body('opened_on')} >= case_opened_on)",
    ),
    "risk_assessment": (
        f"risk_level = {_body('overall_level')}, risk_rank = {_RANK.format(level=_body('overall_level'))},"
        f" risk_assessed_on = {_body('assessed_on')}",
        f"AND (risk_assessed_on IS NULL OR {_body('assessed_on')} >= risk_assessed_on)",
    ),
    "task": (
        f"next_follow_up = {_DUE}",
        f"AND {_body('status')} = 'open' AND {_earlier('next_follow_up', _DUE)}",
    ),
    "consent": (
        f"consent_review_due = {_body('review_due')}",
        f"AND {_body('withdrawn_at')} IS NULL AND {_earlier('consent_review_due', _body('review_due'))}",
    ),
}

_TABLE = """
CREATE TABLE client_summary (
    client_id TEXT PRIMARY KEY,
    pseudonym_code TEXT NOT NULL,
    assigned_worker TEXT,
    known_as TEXT,
    case_id TEXT,
    case_status TEXT,
    case_opened_on TEXT,
    risk_level TEXT,
    risk_rank INTEGER,
    risk_assessed_on TEXT,
    next_follow_up TEXT,
    nrm_stage TEXT,
    nrm_since TEXT,
    consent_review_due TEXT
) WITHOUT ROWID;
CREATE INDEX client_summary_by_code ON client_summary (pseudonym_code);
CREATE INDEX client_summary_by_name ON client_summary (known_as COLLATE NOCASE);
CREATE INDEX client_summary_by_status ON client_summary (case_status, pseudonym_code);
CREATE INDEX client_summary_by_risk ON client_summary (risk_rank, pseudonym_code);
CREATE INDEX client_summary_by_follow_up ON client_summary (next_follow_up);
CREATE INDEX client_summary_by_nrm ON client_summary (nrm_stage, nrm_since);
CREATE INDEX client_summary_by_consent ON client_summary (consent_review_due);
CREATE INDEX client_summary_by_worker ON client_summary (assigned_worker, pseudonym_code);
"""

_UPSERT_CLIENT = """INSERT INTO client_summary (client_id, pseudonym_code, assigned_worker)
    SELECT NEW.id, coalesce(json_extract(NEW.body, '$.pseudonym_code'), ''), json_extract(NEW.body, '$.assigned_worker')
    WHERE NEW.entity = 'client' AND NEW.deleted_at IS NULL
    ON CONFLICT (client_id) DO UPDATE SET pseudonym_code = excluded.pseudonym_code,
        assigned_worker = excluded.assigned_worker;
    DELETE FROM client_summary WHERE NEW.entity = 'client' AND client_id = NEW.id AND NEW.deleted_at IS NOT NULL;"""
_ENTITIES = ", ".join(f"'{entity}'" for entity in ("client", *_COLUMNS))


def _triggers() -> str:
    """One trigger per event, not one per entity: each trigger on `record` costs every insert a few microseconds
    whether it fires or not (measured: one trigger +15 % import CPU, seven +30 %). Inside, each statement's
    `NEW.entity = '...'` test is a constant for the statement, so the statements for other entities return at once.
    An edit or a delete recomputes the columns from the client's records; an insert steps them (_ON_INSERT)."""
    all_columns = ", ".join(_COLUMNS.values())
    inserts = [f"UPDATE client_summary SET {all_columns} WHERE NEW.entity = 'client' AND client_id = NEW.id;"]
    updates = list(inserts)
    for entity, clause in _COLUMNS.items():
        step, condition = _ON_INSERT.get(entity, (clause, ""))
        live = " AND NEW.deleted_at IS NULL" if entity in _ON_INSERT else ""  # sync may bring a tombstone first
        inserts.append(
            f"UPDATE client_summary SET {step} WHERE NEW.entity = '{entity}' AND client_id = NEW.client_id"
            f"{live} {condition}".rstrip()
            + ";"
        )
        updates.append(
            f"UPDATE client_summary SET {clause}"
            f" WHERE NEW.entity = '{entity}' AND client_id IN (OLD.client_id, NEW.client_id);"
        )
    return "\n".join(
        f"CREATE TRIGGER client_summary_on_{event.lower()} AFTER {event} ON record WHEN NEW.entity IN ({_ENTITIES})\n"
        f"BEGIN\n    {_UPSERT_CLIENT}\n    " + "\n    ".join(statements) + "\nEND;"
        for event, statements in (("INSERT", inserts), ("UPDATE", updates))
    )


def _backfill() -> str:
    rows = (
        "INSERT INTO client_summary (client_id, pseudonym_code, assigned_worker)"
        " SELECT id, coalesce(json_extract(body, '$.pseudonym_code'), ''), json_extract(body, '$.assigned_worker')"
        " FROM record WHERE entity = 'client' AND deleted_at IS NULL;"
    )
    return "\n".join([rows, *(f"UPDATE client_summary SET {clause};" for clause in _COLUMNS.values())])


SCHEMA = "\n".join([_TABLE, _triggers(), _backfill()]) + "\n"
