"""Importing interchange records into the store: all or nothing.

The whole file is parsed and checked before anything is written (line-numbered problems, references resolved against
the file and the store); then every record is written in ONE transaction through the same writer as a caseworker's
save, so each has its outbox change. A failure or a cancel part-way rolls everything back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hbf_desktop.domain.interchange import InterchangeRecord, check_references
from hbf_desktop.domain.model import Problem
from hbf_desktop.store.errors import OperationCancelledError, StoreError
from hbf_desktop.store.store import Store

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_REPORT_EVERY = 500


class ImportRefusedError(StoreError):
    """The file has problems; nothing was imported. `problems` lists every one, with its line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = "; ".join(str(problem) for problem in self.problems[:3])
        more = f" (and {len(self.problems) - 3} more)" if len(self.problems) > 3 else ""
        super().__init__(f"Nothing was imported: {first}{more}")


@dataclass(frozen=True)
class ImportReport:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def import_records(
    store: Store,
    records: Sequence[InterchangeRecord],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    problems = _problems_against_store(store, records)
    if problems:
        raise ImportRefusedError(problems)
    counts: Counter[str] = Counter()
    with store.larger_cache(), store.records.writing() as writer:
        for index, record in enumerate(records, start=1):
            if index % _REPORT_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise OperationCancelledError("Import cancelled: nothing was imported.")
                if progress is not None:
                    progress(index, len(records))
            writer.save(record.entity, record.values, record.id, audited=False, validated_new=True)
            counts[record.entity] += 1
        summary = ", ".join(f"{entity}={count}" for entity, count in sorted(counts.items()))
        writer.audit("import", None, None, tuple(sorted(counts)), reason=summary)
    if progress is not None:
        progress(len(records), len(records))
    store.checkpoint_if_large()
    return ImportReport(dict(counts))


def _problems_against_store(store: Store, records: Sequence[InterchangeRecord]) -> list[Problem]:
    problems = check_references(records, store.records.exists)
    present = store.records.present_ids([record.id for record in records])
    for record in records:
        if record.id in present:
            problems.append(
                Problem(
                    record.entity,
                    "id",
                    f"a record with id {record.id} is already in the store (was this file imported before?)",
                    record.line,
                )
            )
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.field))
