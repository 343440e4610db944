"""Every message box, question, file chooser and password prompt the desk shows goes through here: one place for
their wording, buttons and modality, and the one test seam.

    dialogs.warn(self, "Provider directory", problem.render())
    choice = dialogs.ask(self, "Possible duplicate request", text, ["&Save anyway", "&Go back"], escape="&Go back")
    path = dialogs.save_file(self, "Save the letters", suggested, "PDF files (*.pdf)")

Tests call `answer_with(responder)`: from then on nothing is shown; each call is handed to `responder(shown)` as a
`Shown` (what the clerk would have read) and its return value is the answer (a choice's label for `ask`, a path
for the choosers, a password; `SHOW` to show a message for real, for a test that reads the box itself). `tests/conftest.py` offers it as the `dialogs_seen` fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


@dataclass(frozen=True)
class Shown:
    """One dialog as the clerk sees it."""

    kind: str  # inform, warn, fail, ask, save_file, open_file, folder, password
    title: str
    text: str
    informative: str = ""
    details: str = ""
    choices: tuple[str, ...] = ()
    name_filter: str = ""  # a file chooser's "PDF files (*.pdf)"

    @property
    def everything(self) -> str:
        return "\n".join(part for part in (self.title, self.text, self.informative, self.details) if part)


_responder: Callable[[Shown], Any] | None = None
SHOW = object()  # a responder's answer for "show this one for real" (a test that reads the real message box)


def answer_with(responder: Callable[[Shown], Any] | None) -> None:
    """Tests: hand every dialog to `responder` instead of showing it (None: show them again)."""
    global _responder
    _responder = responder


_ICONS = {"inform": QMessageBox.Icon.Information, "warn": QMessageBox.Icon.Warning,
          "fail": QMessageBox.Icon.Critical, "ask": QMessageBox.Icon.Question}


def _box(parent: QWidget | None, shown: Shown) -> QMessageBox:
    box = QMessageBox(_ICONS[shown.kind], shown.title, shown.text, parent=parent)
    if shown.informative:
        box.setInformativeText(shown.informative)
    if shown.details and shown.details != shown.informative:
        box.setDetailedText(shown.details)
    return box


def _tell(kind: str, parent: QWidget | None, title: str, text: str, informative: str, details: str,
          wait: bool) -> QMessageBox | None:
    shown = Shown(kind, title, text, informative, details)
    if _responder is not None and _responder(shown) is not SHOW:
        return None
    box = _box(parent, shown)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if wait:
        box.exec()
        return None
    box.open()  # over its window, without a nested event loop: the caller goes on
    return box


def inform(parent: QWidget | None, title: str, text: str, *, informative: str = "", details: str = "",
           wait: bool = True) -> QMessageBox | None:
    """Something the clerk should know. `wait=False` shows it over the window and returns at once (the box)."""
    return _tell("inform", parent, title, text, informative, details, wait)


def warn(parent: QWidget | None, title: str, text: str, *, informative: str = "", details: str = "",
         wait: bool = True) -> QMessageBox | None:
    """Something went wrong or needs the clerk's attention, with how to fix it."""
    return _tell("warn", parent, title, text, informative, details, wait)


def fail(parent: QWidget | None, title: str, text: str, *, informative: str = "") -> None:
    """The desk cannot go on (e.g. its database cannot be opened)."""
    _tell("fail", parent, title, text, informative, "", True)


def ask(parent: QWidget | None, title: str, text: str, choices: Sequence[str], *, informative: str = "",
        default: str | None = None, escape: str | None = None) -> str | None:
    """A question with its answers as buttons (labels with & for the keyboard); the label clicked, or `escape`
    (None without one) when the clerk closes it."""
    shown = Shown("ask", title, text, informative, choices=tuple(choices))
    if _responder is not None:
        return _responder(shown)
    box = _box(parent, shown)
    buttons = {label: box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in choices}
    if default is not None:
        box.setDefaultButton(buttons[default])
    if escape is not None:
        box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((label for label, button in buttons.items() if button is clicked), escape)


def ask_later(parent: QWidget, title: str, text: str, choices: Sequence[str], answered: Callable[[str | None], None],
              *, informative: str = "", escape: str | None = None) -> QMessageBox | None:
    """`ask` without waiting: the question is shown over `parent` and `answered(label)` runs when the clerk
    answers (`escape` when they close it). For questions asked while a window is still opening."""
    shown = Shown("ask", title, text, informative, choices=tuple(choices))
    if _responder is not None:
        responder = _responder
        QTimer.singleShot(0, parent, lambda: answered(responder(shown)))
        return None
    box = _box(parent, shown)
    buttons = {label: box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in choices}
    if escape is not None:
        box.setEscapeButton(buttons[escape])

    def clicked(button) -> None:
        answered(next((label for label, candidate in buttons.items() if candidate is button), escape))

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def _chosen(kind: str, caption: str, start: str | Path, name_filter: str = "") -> tuple[bool, Path | None]:
    if _responder is None:
        return False, None
    answer = _responder(Shown(kind, caption, str(start), name_filter=name_filter))
    return True, Path(answer) if answer else None


def save_file(parent: QWidget | None, caption: str, suggested: str | Path, name_filter: str, *,
              confirm_overwrite: bool = True) -> Path | None:
    """Where to save a file (None when cancelled)."""
    answered, path = _chosen("save_file", caption, suggested, name_filter)
    if answered:
        return path
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    name, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), name_filter, options=options)
    return Path(name) if name else None


def open_file(parent: QWidget | None, caption: str, start: str | Path, name_filter: str) -> Path | None:
    """Which file to read (None when cancelled)."""
    answered, path = _chosen("open_file", caption, start, name_filter)
    if answered:
        return path
    name, _filter = QFileDialog.getOpenFileName(parent, caption, str(start), name_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, caption: str, start: str | Path) -> Path | None:
    """Which folder to write into (None when cancelled)."""
    answered, path = _chosen("folder", caption, start)
    if answered:
        return path
    name = QFileDialog.getExistingDirectory(parent, caption, str(start))
    return Path(name) if name else None


def password(parent: QWidget | None, title: str, text: str) -> str | None:
    """A password, typed hidden (None when cancelled or left empty)."""
    if _responder is not None:
        return _responder(Shown("password", title, text)) or None
    typed, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
    return typed if ok and typed else None
