"""Reports benchmark (issue 6): every standard report over five years of generated data; prints one line per figure.

    python benchmarks/reports.py [--clients 10000] [--years 5] [--seed 1] [--period-years 1]

The store is built once in a temporary folder (import through the real import path), reopened so the page cache is
cold, then each report is computed on its own (a fresh `Source`, so it reads what it needs itself) for the last
`--period-years` of the data and for the whole span, then all together as the `report` command does, then the
de-identified PDF. Target: each report <= 1 s at 10,000 clients. Run it small (`--clients 500`) on a shared machine.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from datetime import date
from pathlib import Path

from hbf_desktop.domain.interchange import records_from_dicts
from hbf_desktop.reports.disclosure import DisclosureRules
from hbf_desktop.reports.exporting import render
from hbf_desktop.reports.period import Period
from hbf_desktop.reports.standard import REPORTS, run_reports
from hbf_desktop.store.importing import import_records
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.store import Store
from hbf_desktop.synthetic import generate

START = date(2019, 1, 1)
CHUNK = 20_000


def build(directory: Path, clients: int, years: int, seed: int) -> bytes:
    store, _ = Store.create(directory, "benchmark passphrase of some length", user="supervisor", kdf=FLOOR_PARAMETERS)
    stream = generate(clients=clients, seed=seed, start_date=START, years=years)
    total, began = 0, time.perf_counter()
    while batch := list(itertools.islice(stream, CHUNK)):
        result = records_from_dicts(batch)
        assert not result.problems, result.problems[:3]
        total += import_records(store, result.records).total
    print(f"built store: {total} records for {clients} clients in {time.perf_counter() - began:.1f} s")
    key = store.raw_data_key
    store.close()
    return key


def timed(label: str, action: object) -> float:
    began = time.perf_counter()
    assert callable(action)
    action()
    seconds = time.perf_counter() - began
    print(f"{label:<44} {seconds * 1000:8.0f} ms")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--period-years", type=int, default=1)
    args = parser.parse_args()
    end = date(START.year + args.years, 1, 1)
    last = Period(date(end.year - args.period_years, 1, 1), end)
    whole = Period(START, end)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder) / "data"
        key = build(directory, args.clients, args.years, args.seed)
        store = Store.open_with_key(directory, bytearray(key), check_integrity=False)
        try:
            worst = 0.0
            for period, name in ((last, "last period"), (whole, "whole span")):
                for report in REPORTS:
                    seconds = timed(
                        f"{report} ({name})",
                        lambda report=report, period=period: run_reports(store.connection, period, only=(report,)),
                    )
                    worst = max(worst, seconds)
            timed("all reports together (last period)", lambda: run_reports(store.connection, last))
            report_set = run_reports(store.connection, last, deidentified=True)
            timed("de-identified PDF (render only)", lambda: render(report_set, DisclosureRules(), "pdf"))
            print(f"slowest single report: {worst * 1000:.0f} ms (target <= 1000 ms at 10,000 clients)")
        finally:
            store.close()


if __name__ == "__main__":
    main()
