"""Windows that fit the screen they open on: a 1080p display at 200 % scaling is 960 x 540 logical pixels, and a
dialog taller than that hides its buttons below the edge (issue 4, "usable at 200 % scaling")."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

MARGIN = 0.94  # leave room for a task bar and the window's frame


def fit_to_screen(widget: QWidget) -> None:
    """Shrink `widget` to the available area of its screen when its designed size is larger (never below what
    its layout needs), and centre it there."""
    screen = widget.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    needed = widget.minimumSizeHint()
    width = max(min(widget.width(), int(area.width() * MARGIN)), needed.width())
    height = max(min(widget.height(), int(area.height() * MARGIN)), needed.height())
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    if widget.parentWidget() is None or widget.isWindow():
        frame = widget.frameGeometry()
        frame.moveCenter(area.center())
        widget.move(frame.topLeft())
