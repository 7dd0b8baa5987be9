"""Headless commands for programme reports and data-protection duties: report, deidentified-cases,
subject-access, erase-client, retention. Heavy imports (matplotlib, openpyxl) happen inside the handlers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from hbf_desktop.cli_common import EXIT_OK, UsageError, open_store, store_dir
from hbf_desktop.config import load_policy

REPORT_FORMATS = ("json", "csv", "xlsx", "pdf")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], store_options: argparse.ArgumentParser
) -> None:
    report = commands.add_parser("report", parents=[store_options], help="programme figures for a period")
    _period_options(report)
    report.add_argument("--format", choices=REPORT_FORMATS, default="json")
    report.add_argument("--deidentified", action="store_true", help="apply disclosure control (for funders)")
    report.add_argument("--programme", metavar="NAME", help="only the cases of this programme (default: all)")
    report.add_argument("--out", metavar="PATH", help="file or folder (default: print json/csv)")

    cases = commands.add_parser(
        "deidentified-cases", parents=[store_options], help="one de-identified, CTDC-aligned row per client (CSV)"
    )
    _period_options(cases)
    cases.add_argument("--out", required=True, metavar="PATH", help="file or folder")

    access = commands.add_parser(
        "subject-access", parents=[store_options], help="everything about one client, as JSON and PDF, in a folder"
    )
    access.add_argument("client_id", metavar="CLIENT_ID")
    access.add_argument("--out", required=True, metavar="DIR", help="the folder to create the export in")

    retention = commands.add_parser(
        "retention", parents=[store_options], help="list clients past the retention period, or anonymise them"
    )
    action = retention.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="list clients due for review (changes nothing)")
    action.add_argument("--apply", action="store_true", help="anonymise every due client not under a legal hold")
    retention.add_argument("--as-of", metavar="YYYY-MM-DD", help="review date (default: today)")

    erase = commands.add_parser(
        "erase-client", parents=[store_options], help="erase everything about one client (refused under a legal hold)"
    )
    erase.add_argument("client_id", metavar="CLIENT_ID")
    erase.add_argument("--yes", action="store_true", help="confirm: the erasure cannot be undone")


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the period")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="day after the period ends")


def _report(arguments: argparse.Namespace) -> int:
    from hbf_desktop.reports import exporting
    from hbf_desktop.reports.disclosure import DisclosureRules
    from hbf_desktop.reports.period import Period

    period = Period.parse(arguments.start, arguments.end)
    policy = load_policy(store_dir(arguments))
    rules = DisclosureRules(policy.suppression_threshold, policy.rounding_base) if arguments.deidentified else None
    if arguments.out is None and arguments.format in ("xlsx", "pdf"):
        raise UsageError(f"--format {arguments.format} needs --out PATH")
    with open_store(arguments) as store:
        exported = exporting.export_report(
            store, period, rules, arguments.format, None if arguments.out is None else Path(arguments.out),
            threshold=policy.suppression_threshold, programme=arguments.programme,
        )  # fmt: skip
    if exported.path is None:
        sys.stdout.write(exported.text)
    else:
        print(f"Wrote the {exported.kind} report for {period.label()} to {exported.path}.")
    return EXIT_OK


def _deidentified_cases(arguments: argparse.Namespace) -> int:
    from hbf_desktop.reports import exporting
    from hbf_desktop.reports.period import Period

    period = Period.parse(arguments.start, arguments.end)
    threshold = load_policy(store_dir(arguments)).suppression_threshold
    with open_store(arguments) as store:
        path, count = exporting.export_case_level(store, period, Path(arguments.out), threshold=threshold)
    print(f"Wrote {count} de-identified case rows for {period.label()} to {path}.")
    return EXIT_OK


def _subject_access(arguments: argparse.Namespace) -> int:
    from hbf_desktop.reports.subject_access_pdf import to_pdf
    from hbf_desktop.store.subject_access import export_subject_access

    out = Path(arguments.out)
    if not out.is_dir():
        raise UsageError(f"--out {out} is not a folder")
    with open_store(arguments) as store:
        exported = export_subject_access(store, arguments.client_id, out, renderers={"subject-access.pdf": to_pdf})
    print(
        f"Wrote the subject access export ({exported.records} records, {exported.attachments} attachments, "
        f"{exported.audit_entries} audit entries) to {exported.folder}."
    )
    return EXIT_OK


def _retention(arguments: argparse.Namespace) -> int:
    from datetime import date

    from hbf_desktop.store.retention import apply_retention, review_list

    try:
        as_of = date.fromisoformat(arguments.as_of) if arguments.as_of else date.today()
    except ValueError:
        raise UsageError(f"--as-of {arguments.as_of!r} is not a date; write it as YYYY-MM-DD") from None
    policy = load_policy(store_dir(arguments))
    with open_store(arguments) as store:
        if arguments.list:
            items = review_list(store, years=policy.retention_years, as_of=as_of)
            for item in items:
                hold = "\tlegal hold: kept" if item.legal_hold else ""
                print(f"{item.pseudonym_code}\t{item.client_id}\tlast activity {item.last_activity}{hold}")
            print(f"{len(items)} clients past the {policy.retention_years}-year retention period at {as_of}.")
            return EXIT_OK
        result = apply_retention(
            store, years=policy.retention_years, as_of=as_of, threshold=policy.suppression_threshold
        )
    print(
        f"Anonymised {result.anonymised} clients ({result.records_erased} records erased); "
        f"{result.held} kept under a legal hold; {result.audit_entries_removed} audit entries past the period removed."
    )
    return EXIT_OK


def _erase_client(arguments: argparse.Namespace) -> int:
    from hbf_desktop.store.erasure import erase_client

    if not arguments.yes:
        raise UsageError(
            f"erasing client {arguments.client_id} removes every record about them on every device and cannot be "
            "undone; run again with --yes to confirm"
        )
    with open_store(arguments) as store:
        erasure = erase_client(store, arguments.client_id)
    print(f"Erased {erasure.records_erased} records of client {erasure.client_id}; the erasure syncs to every device.")
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "retention": _retention,
    "subject-access": _subject_access,
    "erase-client": _erase_client,
    "report": _report,
    "deidentified-cases": _deidentified_cases,
}
