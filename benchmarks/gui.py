"""GUI benchmark (issue 3): prints one line per figure.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui.py [--clients 100000] [--keystrokes 20] [--screenshots DIR]

Figures: launch to the unlock window painted (a fresh process); unlock (Argon2id, default parameters); unlock done
to the caseload's first page shown; per-keystroke search/filter response (from the query to the model filled,
p50/p95; the 120 ms typing debounce comes on top and is not counted); peak memory of the GUI process up to unlock
(Argon2id's 256 MiB included) and after it (Linux: VmHWM, reset after unlock). Targets:
launch <= 1.0 s; caseload <= 0.3 s after unlock; keystroke <= 100 ms; peak <= 300 MB at 100,000 clients.
The store is filled in a child process first, so its import does not count towards the GUI's memory.
With --screenshots the main screens are saved as PNG (run under Xvfb for the platform's real style).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PASSPHRASE = "benchmark passphrase of some length"
PROBE = """
import time, sys
started = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
from pathlib import Path
from hbf_desktop.config import Policy
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.session import StoreSession
app = QApplication([])
background = Background()
window = MainWindow(StoreSession(Path(sys.argv[2]), Policy(), background))
window.show()
app.processEvents()
window.repaint()
print(time.time() - started)
background.shutdown()
"""


def populate(data_dir: Path, clients: int) -> None:
    from hbf_desktop.domain.interchange import records_from_dicts
    from hbf_desktop.store.importing import import_records
    from hbf_desktop.store.kdf import DEFAULT_PARAMETERS
    from hbf_desktop.store.store import Store
    from hbf_desktop.synthetic import generate

    store, _ = Store.create(data_dir, PASSPHRASE, kdf=DEFAULT_PARAMETERS)
    with store:
        stream = generate(clients=clients, seed=1, start_date=date(2019, 1, 1), years=6)
        while batch := list(itertools.islice(stream, 20_000)):
            result = records_from_dicts(batch)
            import_records(store, result.records)


def measure_launch(data_dir: Path) -> float:
    started = time.time()
    output = subprocess.run([sys.executable, "-c", PROBE, str(started), str(data_dir)], capture_output=True,
                            text=True, check=True)  # fmt: skip
    return float(output.stdout.strip().splitlines()[-1])


def wait(application: object, condition: object, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        application.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.0005)
        if time.perf_counter() > deadline:
            raise TimeoutError("the GUI did not answer in time")


def run_gui(data_dir: Path, keystrokes: int, screenshots: Path | None) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from hbf_desktop.config import Policy
    from hbf_desktop.ui.background import Background
    from hbf_desktop.ui.main_window import MainWindow
    from hbf_desktop.ui.session import StoreSession

    application = QApplication.instance() or QApplication([])
    background = Background()
    window = MainWindow(StoreSession(data_dir, Policy(), background))
    window.resize(1100, 660)
    window.show()
    shot(window, screenshots, "unlock")
    marks: dict[str, float] = {}
    window.unlock_page.unlocked.connect(lambda: marks.setdefault("unlocked", time.perf_counter()))
    window.caseload_model.filled.connect(lambda _: marks.setdefault("filled", time.perf_counter()))
    window.unlock_page.passphrase.setText(PASSPHRASE)
    started = time.perf_counter()
    window.unlock_page.button.click()
    wait(application, lambda: "filled" in marks)
    print(f"unlock (Argon2id, default parameters): {marks['unlocked'] - started:.3f} s")
    print(f"peak memory up to and including unlock: {peak_mb():.0f} MB (Argon2id runs in a child process)")
    reset_peak()
    print(f"unlock done -> caseload shown: {(marks['filled'] - marks['unlocked']) * 1000:.1f} ms")
    model = window.caseload_model
    wait(application, lambda: not model.counting)
    print(f"  ({model.total} clients, {model.rowCount()} rows loaded)")
    shown, counted = [], []
    prefixes = ["a", "al", "ali", "b", "be", "ka", "kar", "mi", "mir", "s", "sa", "so", "HB", "HB-", "HB-7"]
    for text in itertools.islice(itertools.cycle(prefixes), keystrokes):
        first, exact = timed_query(application, model, replace(model.query, text=text))
        shown.append(first)
        counted.append(exact)
    print(f"keystroke search, rows shown: {percentiles(shown)}; count shown: {percentiles(counted)}")
    first, exact = timed_query(application, model, replace(model.query, text="", risk_level="high"))
    print(f"risk filter: rows {first:.1f} ms, count {exact:.1f} ms ({model.total} high-risk clients)")
    view = window.caseload_view
    if screenshots is not None:
        take_screenshots(application, window, view, screenshots)
    print(f"peak memory after unlock (caseload, searches, filters{', screenshots' if screenshots else ''}): "
          f"{peak_mb():.0f} MB")  # fmt: skip
    window.session.lock()
    background.shutdown()


def timed_query(application: object, model: object, query: object) -> tuple[float, float]:
    """Milliseconds from asking to the first page shown, and to the exact count shown."""
    marks: dict[str, float] = {}

    def rows(_: int) -> None:
        marks.setdefault("rows", time.perf_counter())

    def count(_: int) -> None:
        marks.setdefault("count", time.perf_counter())

    model.filled.connect(rows)  # type: ignore[attr-defined]
    model.counted.connect(count)  # type: ignore[attr-defined]
    begin = time.perf_counter()
    model.set_query(query)  # type: ignore[attr-defined]
    wait(application, lambda: "rows" in marks and "count" in marks)
    model.filled.disconnect(rows)  # type: ignore[attr-defined]
    model.counted.disconnect(count)  # type: ignore[attr-defined]
    return (marks["rows"] - begin) * 1000, (marks["count"] - begin) * 1000


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms (n={len(ordered)})"


def peak_mb() -> float:
    """VmHWM, the peak resident set since start or the last reset (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> None:
    """Writing 5 to clear_refs resets VmHWM, so the caseload's own peak can be told from the KDF's."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def shot(window: object, directory: Path | None, name: str) -> None:
    if directory is not None:
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        image = window.grab().toImage()  # type: ignore[attr-defined]
        image.convertToFormat(QImage.Format.Format_RGB888).save(str(directory / f"{name}.png"), "PNG", 9)


def take_screenshots(application: object, window: object, view: object, directory: Path) -> None:
    from dataclasses import replace

    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    model = window.caseload_model
    model.set_query(replace(model.query, risk_level=None))
    wait(application, lambda: model.total > 50)
    window.caseload_view.table.resizeColumnsToContents()
    shot(window, directory, "caseload")
    window.actions_.privacy.setChecked(True)
    shot(window, directory, "caseload-privacy")
    window.actions_.privacy.setChecked(False)
    row = model.row_at(0)
    assert row is not None
    window.open_client(row.client_id)
    wait(application, lambda: window.client_view.file is not None)
    shot(window, directory, "client-profile")
    window.client_view.tabs.setCurrentIndex(1)
    shot(window, directory, "client-contacts")
    support_plan_screenshot(application, window, directory)
    window.shell.show_view(window.today_view)
    wait(application, lambda: window.today_view.high_risk.tree.topLevelItemCount() > 0)
    shot(window, directory, "today")
    window.shell.show_view(window.caseload_view)
    window.caseload_view.table.selectRow(0)
    dialog = window.log("call")
    wait(application, lambda: dialog is not None and dialog.isVisible())
    shot(dialog, directory, "log-call")
    dialog.done(0)  # type: ignore[union-attr]
    window.shell.show_view(window.settings_view)
    shot(window, directory, "settings")
    wizard_screenshot(directory)


def support_plan_screenshot(application: object, window: object, directory: Path) -> None:
    """The support-plan dialog with two goals, filled as a caseworker would (the synthetic data has no plans)."""
    from hbf_desktop.ui.goals_editor import GoalsEditor
    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    dialog = window.client_view.sections["support_plan"].open_dialog(None)
    wait(application, dialog.isVisible)
    goals = dialog.form.editors["goals"]
    assert isinstance(goals, GoalsEditor)
    for area, target, status in (("housing", "2027-01-15", "in_progress"), ("legal", "2027-03-01", "not_started")):
        goals.add.click()
        row = goals.rows[-1]
        row.area.setCurrentIndex(row.area.findData(area))
        row.target_date.setText(target)
        row.status.setCurrentIndex(row.status.findData(status))
    shot(dialog, directory, "support-plan-goals")
    dialog.form.dirty = False
    dialog.reject()


def wizard_screenshot(directory: Path) -> None:
    from PySide6.QtWidgets import QWizard

    from hbf_desktop.config import Policy
    from hbf_desktop.ui.background import Background
    from hbf_desktop.ui.session import StoreSession
    from hbf_desktop.ui.setup_wizard import SetupWizard

    with tempfile.TemporaryDirectory(prefix="hbf-wizard-") as temporary:
        background = Background()
        wizard = SetupWizard(StoreSession(Path(temporary) / "data", Policy(), background))
        wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        wizard.resize(640, 420)
        wizard.show()
        wizard.next()
        wizard.passphrase_page.passphrase.setText("violet tractor harbour")
        wizard.passphrase_page.repeat.setText("violet tractor harbour")
        shot(wizard, directory, "setup-passphrase")
        wizard.close()
        background.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--keystrokes", type=int, default=20)
    parser.add_argument("--screenshots", type=Path, default=None, metavar="DIR")
    parser.add_argument("--store", type=Path, default=None, metavar="DIR",
                        help="keep the filled store here and reuse it next time (100,000 clients take about "
                        "an hour to fill on a 2-core laptop); synthetic data only")  # fmt: skip
    parser.add_argument("--populate", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate is not None:
        populate(args.populate, args.clients)
        return
    with tempfile.TemporaryDirectory(prefix="hbf-gui-bench-") as temporary:
        data_dir = args.store if args.store is not None else Path(temporary) / "data"
        if args.store is not None and (data_dir / "hbf-store.key").exists():
            print(f"(reusing the store in {data_dir}; --clients is taken from it)")
        else:
            began = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--clients", str(args.clients), "--populate", str(data_dir)],
                           check=True)  # fmt: skip
            print(f"(store filled with {args.clients} synthetic clients in {time.perf_counter() - began:.0f} s)")
        print(f"launch -> unlock window painted: {measure_launch(data_dir):.3f} s")
        run_gui(data_dir, args.keystrokes, args.screenshots)


if __name__ == "__main__":
    main()
