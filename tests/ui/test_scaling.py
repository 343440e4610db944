"""200 % scaling: a 1080p screen at 200 % is 960 x 540 logical pixels at a device pixel ratio of 2. Every screen
must open inside it with no text cut off (issue 4, "People"). Qt's offscreen platform takes such a screen from a
config file, so this runs the real windows in a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize(("width", "height", "dpr"), [(960, 540, 2.0), (1366, 768, 1.0)],
                         ids=["1080p-at-200-percent", "small-laptop-at-100-percent"])
def test_every_screen_opens_inside_the_screen_with_no_text_cut_off(tmp_path, width, height, dpr):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "desk", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(HERE / "screens_at_scale.py"), str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["area"] == [width, height] and report["dpr"] == dpr
    for name, screen in report["screens"].items():
        assert screen["inside"], f"{name} opens {screen['size']}, outside the {width}x{height} screen"
        assert screen["clipped"] == [], f"{name}: {screen['clipped']}"
        assert (tmp_path / f"{name}.png").stat().st_size > 0


def test_the_check_finds_a_label_squeezed_below_its_text(qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    sys.path.insert(0, str(HERE))
    from screens_at_scale import clipped

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    fine, squeezed = QLabel("Decision due"), QLabel("Hernández-Villanueva, Guadalupe")
    squeezed.setObjectName("squeezed")
    squeezed.setFixedWidth(40)
    layout.addWidget(fine)
    layout.addWidget(squeezed)
    window.show()
    assert [problem.split(":")[0] for problem in clipped(window)] == ["squeezed"]
