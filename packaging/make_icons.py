"""Render resources/icons/sodesk.svg to the PNG (256 px, for the Linux .desktop entry and the window) and the ICO
(Windows: the executable and the installer) with Qt's own SVG renderer. Run after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "sodesk.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - image plugins need an application
    if not render(256).save(str(ICONS / "sodesk-256.png")):
        raise SystemExit("could not write the PNG")
    # Qt's ICO writer stores one image; 256 px is what Windows scales down from.
    if not render(256).save(str(ICONS / "sodesk.ico"), "ICO"):
        print("note: this Qt has no ICO writer; sodesk.ico not written", file=sys.stderr)
    for path in sorted(ICONS.glob("sodesk*")):
        print(f"{path.relative_to(ICONS.parents[1])}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
