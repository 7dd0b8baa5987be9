"""The supervisor's desktop (issue 6): Import, Conflicts, Team and Reports, added to the shell's navigation once the
unlocked store turns out to be a supervisor's (its keys are a supervisor's in the signed directory).

`register(window)` is the main window's one call. The role is read on the store thread; the views are made once and
kept, and emptied whenever the window locks (the page switch to the unlock screen), so no figure or client code stays
on screen behind the lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hbf_desktop.store.store import Store

if TYPE_CHECKING:
    from hbf_desktop.ui.main_window import MainWindow


class SupervisorViews:
    def __init__(self, window: MainWindow) -> None:
        from hbf_desktop.ui.supervisor.conflict_view import ConflictView
        from hbf_desktop.ui.supervisor.import_view import ImportView
        from hbf_desktop.ui.supervisor.reports_view import ReportsView
        from hbf_desktop.ui.supervisor.team_view import TeamView

        session = window.session
        self.import_view = ImportView(session)
        self.conflicts = ConflictView(session)
        self.team = TeamView(session)
        self.reports = ReportsView(session)
        shell = window.shell
        titles = (
            QCoreApplication.translate("SupervisorViews", "Import"),
            QCoreApplication.translate("SupervisorViews", "Conflicts"),
            QCoreApplication.translate("SupervisorViews", "Team"),
            QCoreApplication.translate("SupervisorViews", "Reports"),
        )
        for title, view in zip(titles, (self.import_view, self.conflicts, self.team, self.reports), strict=True):
            shell.add_view(title, view)
        self.import_view.imported.connect(lambda _: self.refresh())
        self.import_view.bundle_wanted.connect(lambda: window.settings_view.bundles.choose_source(window))
        window.settings_view.bundles.done.connect(self.refresh)
        self.team.changed.connect(window.refresh_waiting)
        self.conflicts.settled.connect(window.refresh_waiting)
        shell.view_changed.connect(self._view_changed)
        window.pages.currentChanged.connect(lambda _: self._clear() if window.pages.currentWidget() is not shell
                                            else None)  # fmt: skip

    def refresh(self) -> None:
        self.conflicts.refresh()
        self.team.refresh()

    def _view_changed(self, view: QWidget) -> None:
        if view is self.conflicts:
            self.conflicts.refresh()
        elif view is self.team:
            self.team.refresh()

    def _clear(self) -> None:
        for view in (self.import_view, self.conflicts, self.team, self.reports):
            view.clear()


def register(window: MainWindow) -> None:
    """After unlock: add the supervisor views if this store is a supervisor's (once per window)."""

    def added(supervisor: bool) -> None:
        if supervisor and getattr(window, "supervisor_views", None) is None:
            window.supervisor_views = SupervisorViews(window)  # type: ignore[attr-defined]

    window.session.call(_is_supervisor, added, lambda _: None)


def _is_supervisor(store: Store) -> bool:
    from hbf_desktop.sync.team import is_supervisor_store

    return is_supervisor_store(store)
