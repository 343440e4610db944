"""Compile forms/*.ui into app/ui/forms/ui_*.py with pyside6-uic (the compiled files are committed).

    .venv/bin/python packaging/compile_forms.py          # write them
    .venv/bin/python packaging/compile_forms.py --check  # exit 1 if any is missing or stale (a test runs this)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "forms"
TARGET = ROOT / "app" / "ui" / "forms"
HEADER = "# Generated from forms/{name} by packaging/compile_forms.py (pyside6-uic). Do not edit: edit the .ui file.\n"


def uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6-Essentials in this environment")
    return found


def compiled(ui_file: Path) -> str:
    done = subprocess.run([uic(), "--no-autoconnection", str(ui_file)], capture_output=True, text=True, check=True)
    # The uic version line would make every PySide6 patch release look like a stale form.
    body = "".join(line for line in done.stdout.splitlines(keepends=True) if not line.startswith("## Created by:"))
    return HEADER.format(name=ui_file.name) + used_imports_only(body)


_QT_IMPORT = re.compile(r"^from (PySide6\.\w+) import \(([^)]*)\)\n", re.MULTILINE)


def used_imports_only(body: str) -> str:
    """uic imports a fixed list of Qt classes (QDate, QGradient, QPixmap...); PySide6 creates each class the first
    time it is imported, at a cost of about a millisecond each. Keep only the names the form uses: the desk
    starts faster (issue 4's cold start), and nothing else changes."""
    code = _QT_IMPORT.sub("", body)

    def keep(match: re.Match) -> str:
        names = [name.strip() for name in match[2].split(",") if name.strip()]
        used = [name for name in names if re.search(rf"\b{name}\b", code)]
        return f"from {match[1]} import {', '.join(used)}\n" if used else ""

    return _QT_IMPORT.sub(keep, body)


def target_for(ui_file: Path) -> Path:
    return TARGET / f"ui_{ui_file.stem}.py"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "__init__.py").touch()
    for ui_file in sorted(FORMS.glob("*.ui")):
        text = compiled(ui_file)
        target = target_for(ui_file)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.relative_to(ROOT))
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("stale compiled forms (run packaging/compile_forms.py): " + ", ".join(map(str, stale)))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
