"""Programme reports and disclosure control (DATA-MODEL.md "Standard reports", "Retention and de-identification").

No Qt here (an import-linter contract): the GUI's report view and the headless `report` command call the same code.
Reports are computed as exact internal figures (`standard.run_reports`); `disclosure.deidentify` is the only way to
make figures fit to leave the organisation.
"""
