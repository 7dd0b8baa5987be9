"""Small screens: a 1366 x 768 laptop at 150 % is about 910 x 512 logical pixels, and at 200 % less still.

Every main view and dialog must stay usable there (docs/gui.md, "Small screens"): a long form scrolls instead of
raising the window's minimum size past the screen, and a dialog opens no larger than the screen it is on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

SMALLEST_SCREEN = (900, 500)  # the logical size every main view and dialog must fit (tests/ui/test_small_screens.py)


def scrollable(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area that stretches it to the space there is and scrolls when there is less."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to `width` x `height`, or to most of the screen where that is smaller (frames and panels need room)."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen()  # a dialog not shown yet: its parent knows the screen
    available = screen.availableGeometry().size()
    widget.resize(min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.9)))
