"""First-run set-up: the organisation's provisioning file (if any), a passphrase with a strength meter and the rule,
then the recovery key, which must be confirmed as written down before the wizard can finish.

The store is created (Argon2id calibration and key wrapping, a second or two) on the store thread while the
recovery-key page shows a busy bar; the wizard cannot go back past that point, because the store then exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hbf_desktop.domain.passphrase import MIN_LENGTH, passphrase_problem, strength
from hbf_desktop.ui import provisioning_file
from hbf_desktop.ui.labels import tr
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit


class ProvisioningPage(QWizardPage):
    """Reading and keeping the file happen on the worker thread, like every other file access of the GUI."""

    def __init__(self, session: StoreSession) -> None:
        super().__init__()
        self._session = session
        self.setTitle(self.tr("Welcome to HBF Desktop"))
        self.setSubTitle(self.tr("If your organisation gave you a set-up file, import it now. You can skip this."))
        layout = QVBoxLayout(self)
        self.choose = QPushButton(self.tr("&Import set-up file…"))
        self.choose.setAccessibleName(self.tr("Import set-up file"))
        layout.addWidget(self.choose)
        self.details = QLabel(wordWrap=True)
        self.details.setAccessibleName(self.tr("Set-up file details"))
        layout.addWidget(self.details)
        self.choose.clicked.connect(self._choose)
        provisioning_file.load(session, self._show, self._refused)

    def _choose(self) -> None:
        provisioning_file.choose_and_import(self, self._session, self._show, self._refused)

    def import_file(self, path: Path) -> None:
        provisioning_file.import_file(self._session, path, self._show, self._refused)

    def _refused(self, error: Exception) -> None:
        self.details.setText(provisioning_file.refusal(error))

    def _show(self, provisioning: object) -> None:
        if provisioning is None:
            self.details.setText(self.tr("No set-up file yet. You can still work offline and add it later."))
            return
        self.details.setText(
            self.tr(
                "Organisation: {name}\nServer: {url}\nRoot key id: {key}\n\n"
                "Compare the root key id with the one your IT contact read out to you. After set-up you will be "
                "asked for the enrolment code your administrator gives you."
            ).format(
                name=getattr(provisioning, "organisation_name", ""),
                url=getattr(provisioning, "server_url", ""),
                key=getattr(provisioning, "root_key_id", ""),
            )
        )


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(
            self.tr(
                "At least {n} characters. Three or four unrelated words are easy to remember and hard to guess."
            ).format(n=MIN_LENGTH)
        )
        # Next creates the store; from then on there is no going back to choose another passphrase.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the store"))
        layout = QVBoxLayout(self)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.passphrase.setPlaceholderText(self.tr("New passphrase"))
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("New passphrase again"))
        self.repeat.setPlaceholderText(self.tr("New passphrase again"))
        self.meter = QProgressBar(minimum=0, maximum=4)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setFormat(self.tr("Strength: %v of 4"))
        self.rule = QLabel(wordWrap=True)
        self.rule.setAccessibleName(self.tr("Passphrase advice"))
        for widget in (self.passphrase, self.repeat, self.meter, self.rule):
            layout.addWidget(widget)
        self.passphrase.textChanged.connect(self._changed)
        self.repeat.textChanged.connect(self._changed)
        self._changed()

    def problem(self) -> str | None:
        problem = passphrase_problem(self.passphrase.text())
        if problem is None and self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases differ.")
        return tr(problem) if problem else None  # the domain's few fixed sentences are in the vocabulary

    def _changed(self) -> None:
        self.meter.setValue(strength(self.passphrase.text()))
        if not self.passphrase.text():  # the subtitle already gives the rule: saying it twice is noise
            self.rule.setText("")
        else:
            self.rule.setText(self.problem() or self.tr("This passphrase is acceptable."))
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.problem() is None


class RecoveryKeyPage(QWizardPage):
    def __init__(self, session: StoreSession, passphrase: PassphrasePage) -> None:
        super().__init__()
        self._session = session
        self._passphrase = passphrase
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(
            self.tr(
                "Write this key down on paper and keep it somewhere safe, away from the laptop. It is shown only "
                "now, and it is the only way back in if the passphrase is forgotten."
            )
        )
        layout = QVBoxLayout(self)
        self.busy = QProgressBar(maximum=0)
        self.busy.setAccessibleName(self.tr("Creating the encrypted store"))
        self.busy.setTextVisible(False)
        self.key = QLabel()
        self.key.setAccessibleName(self.tr("Recovery key"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.Bold)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        self.written = QCheckBox(self.tr("I have &written the recovery key down"))
        self.written.setAccessibleName(self.tr("I have written the recovery key down"))
        self.written.setEnabled(False)
        for widget in (self.busy, self.key, self.message, self.written):
            layout.addWidget(widget)
        self.written.toggled.connect(lambda _: emit(self.completeChanged))
        self._created = False

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        if self._created:
            return
        self.busy.setVisible(True)
        self.message.setText(self.tr("Creating your encrypted store…"))
        self._session.create(self._passphrase.passphrase.text(), self._show_key, self._failed)

    def _show_key(self, recovery_key: str) -> None:
        self._created = True
        self.busy.setVisible(False)
        self.key.setText(recovery_key)
        self.message.setText(self.tr("Your store is ready."))
        self.written.setEnabled(True)
        self.written.setFocus()
        self._passphrase.passphrase.setText("")
        self._passphrase.repeat.setText("")

    def _failed(self, error: Exception) -> None:
        self.busy.setVisible(False)
        self.message.setText(self.tr("The store could not be created: {error}").format(error=error))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self._created and self.written.isChecked()

    @property
    def created(self) -> bool:
        return self._created

    def clear_key(self) -> None:
        self.key.clear()


class SetupWizard(QWizard):
    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up HBF Desktop"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.provisioning_page = ProvisioningPage(session)
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryKeyPage(session, self.passphrase_page)
        for page in (self.provisioning_page, self.passphrase_page, self.recovery_page):
            self.addPage(page)
        self.finished.connect(lambda _: self.recovery_page.clear_key())

    def reject(self) -> None:
        """Once the store exists, the recovery key must be confirmed: Escape or closing cannot skip it."""
        if self.recovery_page.created and not self.recovery_page.written.isChecked():
            return
        super().reject()
