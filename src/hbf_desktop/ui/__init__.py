"""PySide6 only: windows, views, item models, dialogs; the one place threads are started."""
