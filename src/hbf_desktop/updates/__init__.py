"""Checking for updates: the organisation's signed release metadata (TUF), verified against the pinned release key.

The app only ever reports that a verified update is ready; it never runs or installs anything (docs/installers.md).
"""
